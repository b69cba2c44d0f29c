//! The seed's text execution plan (SEED.md "Example execution plan"), extended
//! with the sections the seed leaves out; the full format is in
//! `docs/plan-format.md`. The plan shows only what is in the files.

use crate::model::{ExecutionPlan, Finding, JobValidation};
use serde_json::Value;
use std::fmt::Write;

const RULE: &str = "======================================================================";
/// Values start at column 26: labels are padded to 25 characters.
const LABEL_WIDTH: usize = 25;
/// Environment variables listed before `... and K more`.
const ENV_SHOWN: usize = 5;

/// Renders the plan as text. Linear in the size of the plan.
pub fn render(plan: &ExecutionPlan) -> String {
    let mut out = String::with_capacity(1024 + plan.jobs.len() * 768);
    let o = &mut out;
    line(o, RULE);
    line(o, "[D30_K8S_EXEC] KUBERNETES EXECUTION PLAN");
    line(o, RULE);
    line(o, "");
    line(o, "[SUMMARY]");
    field(o, "Total Jobs:", &plan.total_jobs.to_string());
    field(o, "Valid Jobs:", &plan.valid_jobs.to_string());
    field(o, "Invalid Jobs:", &plan.invalid_jobs.to_string());
    let namespaces = if plan.summary.namespaces.is_empty() {
        "(none)".to_string()
    } else {
        plan.summary.namespaces.join(", ")
    };
    field(o, "Namespaces:", &clean(&namespaces));
    if plan.summary.strict {
        field(o, "Strict Mode:", "on (warnings count as errors)");
    }
    line(o, "");

    line(o, "[VALID JOBS]");
    let valid: Vec<&JobValidation> = plan.jobs.iter().filter(|j| j.valid).collect();
    if valid.is_empty() {
        line(o, "  (none)");
    }
    for j in &valid {
        line(o, &format!("  ✓ {}", display_name(j)));
    }
    line(o, "");

    let invalid: Vec<&JobValidation> = plan.jobs.iter().filter(|j| !j.valid).collect();
    if !invalid.is_empty() {
        line(o, "[INVALID JOBS]");
        for j in &invalid {
            let name = if j.job_name.is_empty() {
                "(unnamed)".to_string()
            } else {
                clean(&j.job_name)
            };
            line(o, &format!("  ✗ {} ({})", name, clean(&j.file)));
            for e in &j.errors {
                line(
                    o,
                    &format!(
                        "      {}:{}:{}: {}",
                        clean(&e.file),
                        e.line,
                        e.column,
                        clean(&e.message)
                    ),
                );
            }
        }
        line(o, "");
    }

    if !valid.is_empty() {
        line(o, "[JOB DETAILS]");
        for (i, j) in valid.iter().enumerate() {
            line(o, "");
            line(o, &format!("[Job {}]", i + 1));
            job_details(o, j);
        }
        line(o, "");
    }

    findings(o, "[ERRORS]", plan.errors());
    findings(o, "[WARNINGS]", plan.warnings());

    line(o, RULE);
    line(o, "[D30_K8S_EXEC] END OF EXECUTION PLAN");
    line(o, RULE);
    out
}

/// The Job's name; a Job with only a generateName shows that prefix, marked.
fn display_name(j: &JobValidation) -> String {
    if !j.job_name.is_empty() {
        return clean(&j.job_name);
    }
    match j.job_data.to_value().pointer("/metadata/generateName") {
        Some(Value::String(g)) if !g.is_empty() => format!("{} (generateName)", clean(g)),
        _ => "(unnamed)".to_string(),
    }
}

fn line(o: &mut String, s: &str) {
    o.push_str(s);
    o.push('\n');
}

fn field(o: &mut String, label: &str, value: &str) {
    // Writing to a String cannot fail.
    let _ = writeln!(o, "{label:<LABEL_WIDTH$}{value}");
}

fn findings<'a>(o: &mut String, title: &str, list: impl Iterator<Item = &'a Finding>) {
    let mut list = list.peekable();
    if list.peek().is_none() {
        return;
    }
    line(o, title);
    for f in list {
        line(
            o,
            &format!(
                "  {}:{}:{}: {}[{} {}] {}",
                clean(&f.file),
                f.line,
                f.column,
                f.severity.as_str(),
                f.code,
                f.rule,
                clean(&f.message)
            ),
        );
        if let Some(help) = &f.help {
            line(o, &format!("      help: {}", clean(help)));
        }
    }
    line(o, "");
}

fn job_details(o: &mut String, j: &JobValidation) {
    // Parsed here, one Job at a time: the plan keeps Jobs as JSON text.
    let d = &j.job_data.to_value();
    field(o, "  Name:", &display_name(j));
    field(o, "  Namespace:", &clean(&j.namespace));
    match d.pointer("/metadata/labels") {
        Some(Value::Object(labels)) if !labels.is_empty() => {
            line(o, "  Labels:");
            for (k, v) in labels {
                line(o, &format!("    {}: {}", clean(k), clean(&scalar(v))));
            }
        }
        _ => field(o, "  Labels:", "(none)"),
    }
    let spec = d.pointer("/spec/template/spec");
    let containers = list(spec.and_then(|s| s.get("containers")));
    let init = list(spec.and_then(|s| s.get("initContainers")));
    let many = containers.len() + init.len() > 1;
    for (i, c) in init.iter().enumerate() {
        field(
            o,
            "  Init Container:",
            &format!(
                "{} ({} of {})",
                clean(&scalar_or(c.get("name"), "(unnamed)")),
                i + 1,
                init.len()
            ),
        );
        container(o, c);
    }
    for (i, c) in containers.iter().enumerate() {
        if many {
            field(
                o,
                "  Container:",
                &format!(
                    "{} ({} of {})",
                    clean(&scalar_or(c.get("name"), "(unnamed)")),
                    i + 1,
                    containers.len()
                ),
            );
        }
        container(o, c);
    }
}

fn container(o: &mut String, c: &Value) {
    field(
        o,
        "  Image:",
        &clean(&scalar_or(c.get("image"), "(not set)")),
    );
    field(
        o,
        "  Command:",
        &joined(c.get("command"), "(image default)"),
    );
    field(o, "  Args:", &joined(c.get("args"), "(none)"));
    let env = list(c.get("env"));
    if env.is_empty() {
        field(o, "  Environment Variables:", "(none)");
    } else {
        field(
            o,
            "  Environment Variables:",
            &format!("({} total)", env.len()),
        );
        for e in env.iter().take(ENV_SHOWN) {
            let name = scalar_or(e.get("name"), "(unnamed)");
            line(
                o,
                &format!("    {}: {}", clean(&name), clean(&env_value(e))),
            );
        }
        if env.len() > ENV_SHOWN {
            line(o, &format!("    ... and {} more", env.len() - ENV_SHOWN));
        }
    }
    let from = list(c.get("envFrom"));
    if !from.is_empty() {
        let sources: Vec<String> = from.iter().map(env_from).collect();
        field(o, "  Environment From:", &clean(&sources.join(", ")));
    }
    field(
        o,
        "  Resources (requests):",
        &resources(c.pointer("/resources/requests")),
    );
    field(
        o,
        "  Resources (limits):",
        &resources(c.pointer("/resources/limits")),
    );
}

fn env_value(e: &Value) -> String {
    if let Some(v) = e.get("value") {
        return match v {
            Value::String(s) if s.is_empty() => "(empty)".to_string(),
            Value::Null => "(empty)".to_string(),
            other => scalar(other),
        };
    }
    if let Some(Value::Object(from)) = e.get("valueFrom") {
        if let Some((kind, src)) = from.iter().next() {
            let detail = match kind.as_str() {
                "secretKeyRef" | "configMapKeyRef" => format!(
                    "{}/{}",
                    scalar_or(src.get("name"), "?"),
                    scalar_or(src.get("key"), "?")
                ),
                "fieldRef" => scalar_or(src.get("fieldPath"), "?"),
                "resourceFieldRef" => scalar_or(src.get("resource"), "?"),
                _ => String::new(),
            };
            return if detail.is_empty() {
                format!("(from {kind})")
            } else {
                format!("(from {kind} {detail})")
            };
        }
    }
    "(empty)".to_string()
}

fn env_from(s: &Value) -> String {
    for kind in ["configMapRef", "secretRef"] {
        if let Some(r) = s.get(kind) {
            let prefix = match s.get("prefix") {
                Some(p) => format!(" (prefix {})", scalar(p)),
                None => String::new(),
            };
            return format!("{kind} {}{prefix}", scalar_or(r.get("name"), "?"));
        }
    }
    "(unknown source)".to_string()
}

/// `CPU=500m, Memory=512Mi`, then other resources in file order.
fn resources(v: Option<&Value>) -> String {
    let Some(Value::Object(map)) = v else {
        return "(not set)".to_string();
    };
    if map.is_empty() {
        return "(not set)".to_string();
    }
    let mut parts = Vec::with_capacity(map.len());
    for (key, label) in [("cpu", "CPU"), ("memory", "Memory")] {
        if let Some(q) = map.get(key) {
            parts.push(format!("{label}={}", scalar(q)));
        }
    }
    for (k, q) in map {
        if k != "cpu" && k != "memory" {
            parts.push(format!("{k}={}", scalar(q)));
        }
    }
    clean(&parts.join(", "))
}

fn list(v: Option<&Value>) -> &[Value] {
    match v {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

fn joined(v: Option<&Value>, empty: &str) -> String {
    match v {
        Some(Value::Array(items)) if !items.is_empty() => {
            clean(&items.iter().map(scalar).collect::<Vec<_>>().join(" "))
        }
        Some(Value::String(s)) => clean(s),
        _ => empty.to_string(),
    }
}

fn scalar_or(v: Option<&Value>, missing: &str) -> String {
    match v {
        None | Some(Value::Null) => missing.to_string(),
        Some(v) => scalar(v),
    }
}

/// A value as the plan shows it: strings verbatim, other scalars as written,
/// collections as compact JSON.
fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Escapes control characters so that every value stays on its line.
fn clean(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}
