//! The comparison of the differential test, shared by the native test
//! (tests/yaml_reference.rs) and the wasm test (tests/wasm.rs): our reading
//! of a text against what the Go reference (tests/reference/main.go) says
//! Kubernetes makes of it.

use k8s_job_plan::input::source::{json_text, load_documents};
use serde_json::Value;

/// One input of an expectations file: its name, its text and the
/// reference's documents.
pub struct Record {
    pub name: String,
    pub text: String,
    pub docs: Vec<Value>,
}

pub fn records(jsonl: &str) -> Vec<Record> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).expect("expectations are JSON lines");
            Record {
                name: v["name"].as_str().unwrap_or_default().to_string(),
                text: v["text"].as_str().unwrap_or_default().to_string(),
                docs: v["docs"]
                    .as_array_mut()
                    .map(std::mem::take)
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// Equal as JSON values, type-strict: a bool is not a string, 420 is not
/// "0644". Numbers are equal when both are the same integer or, if either
/// is a fraction, the same float (Go writes 1e3 as 1000; so do we).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(i), Some(j), _, _) => i == j,
                (_, _, Some(i), Some(j)) => i == j,
                _ => x.as_f64() == y.as_f64() && (x.is_f64() || y.is_f64()),
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// Counts of what was compared.
#[derive(Default, Debug)]
pub struct Tally {
    pub documents: usize,
    pub errors: usize,
    /// Documents Kubernetes converts but we refuse on purpose: duplicate
    /// keys (go-yaml's non-strict decoding keeps the last one; the API
    /// server's strict field validation, kubectl's default, refuses them).
    pub refused_duplicates: usize,
}

/// The differences between our documents of `r.text` and the reference's.
pub fn differences(r: &Record, tally: &mut Tally) -> Vec<String> {
    let ours: Vec<_> = load_documents(&r.text)
        .into_iter()
        .filter(|d| !matches!(d.value, Ok(serde_yaml::Value::Null)))
        .collect();
    let theirs: Vec<&Value> = r
        .docs
        .iter()
        .filter(|d| !(d.get("json").is_some_and(Value::is_null)))
        .collect();
    let mut out = Vec::new();
    if ours.len() != theirs.len() {
        out.push(format!(
            "{}: {} documents, Kubernetes reads {}",
            r.name,
            ours.len(),
            theirs.len()
        ));
    }
    for (i, (doc, want)) in ours.iter().zip(&theirs).enumerate() {
        tally.documents += 1;
        match (&doc.value, want.get("json"), want.get("error")) {
            (Ok(v), Some(j), _) => {
                let got: Value =
                    serde_json::from_str(&json_text(v)).expect("our JSON text is JSON");
                if !same(&got, j) {
                    out.push(format!("{} doc {i}: ours {got}, Kubernetes {j}", r.name));
                }
            }
            (Err(p), _, Some(e)) => {
                tally.errors += 1;
                if want.get("split").is_some()
                    && !p.message.contains("invalid Yaml document separator")
                {
                    out.push(format!(
                        "{} doc {i}: ours {:?}, Kubernetes {e}",
                        r.name, p.message
                    ));
                }
            }
            (Err(p), _, None) if p.message.contains("duplicate entry") => {
                tally.refused_duplicates += 1;
            }
            (Err(p), j, None) => out.push(format!(
                "{} doc {i}: ours error {:?}, Kubernetes {}",
                r.name,
                p.message,
                j.cloned().unwrap_or_default()
            )),
            (Ok(v), _, e) => out.push(format!(
                "{} doc {i}: ours {}, Kubernetes refuses it: {}",
                r.name,
                json_text(v),
                e.cloned().unwrap_or_default()
            )),
        }
    }
    out
}
