//! YAML values as JSON, the way sigs.k8s.io/yaml writes them: map keys become
//! strings, tags are dropped, and numbers print as Go's encoding/json prints
//! them. A leaf of the input layer.

use serde_yaml::Value;

/// Converts a YAML value to JSON as Kubernetes' YAML decoder does: map keys
/// become strings; tags are dropped; non-finite floats become null.
pub fn to_json(v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                J::from(i)
            } else if let Some(u) = n.as_u64() {
                J::from(u)
            } else {
                n.as_f64().map(float_json).unwrap_or(J::Null)
            }
        }
        Value::String(s) => J::String(s.clone()),
        Value::Sequence(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Mapping(m) => {
            let mut out = serde_json::Map::with_capacity(m.len());
            for (k, v) in m {
                out.insert(key_text(k), to_json(v));
            }
            J::Object(out)
        }
        Value::Tagged(t) => to_json(&t.value),
    }
}

/// The JSON text of a YAML value, converted as `to_json` does, written
/// straight from the YAML tree (no intermediate JSON tree).
pub fn json_text(v: &Value) -> String {
    // Serializing to a String cannot fail: every key is written as a string
    // and non-finite floats as null.
    serde_json::to_string(&JsonView(v)).unwrap_or_else(|_| "null".to_string())
}

/// `json_text` as a raw JSON value: the text is written once and not parsed
/// again to check it (it is JSON by construction).
pub fn json_raw(v: &Value) -> Box<serde_json::value::RawValue> {
    serde_json::value::to_raw_value(&JsonView(v)).unwrap_or_else(|_| {
        serde_json::value::RawValue::from_string("null".to_string()).expect("null is JSON")
    })
}

/// Serializes a YAML value as `to_json` would convert it.
struct JsonView<'a>(&'a Value);

impl serde::Serialize for JsonView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self.0 {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    s.serialize_i64(i)
                } else if let Some(u) = n.as_u64() {
                    s.serialize_u64(u)
                } else {
                    // Go writes an integral float as an integer (`1e3` as 1000).
                    match n.as_f64().map(float_json) {
                        Some(serde_json::Value::Number(j)) => j.serialize(s),
                        _ => s.serialize_unit(),
                    }
                }
            }
            Value::String(st) => s.serialize_str(st),
            Value::Sequence(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&JsonView(item))?;
                }
                seq.end()
            }
            Value::Mapping(m) => {
                let mut map = s.serialize_map(Some(m.len()))?;
                for (k, v) in m {
                    match k {
                        Value::String(key) => map.serialize_entry(key.as_str(), &JsonView(v))?,
                        other => map.serialize_entry(&key_text(other), &JsonView(v))?,
                    }
                }
                map.end()
            }
            Value::Tagged(t) => JsonView(&t.value).serialize(s),
        }
    }
}

/// A map key as text.
pub fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => float_key(f),
            _ => n.to_string(),
        },
        Value::Null => "null".to_string(),
        Value::Tagged(t) => key_text(&t.value),
        other => serde_json::to_string(&to_json(other)).unwrap_or_default(),
    }
}

/// The JSON form of a float as Go's encoding/json writes it, read back: an
/// integral value is a JSON integer (Go writes `1000`, not `1000.0`).
pub fn float_json(f: f64) -> serde_json::Value {
    if f.fract() == 0.0 && f.abs() < 1e21 {
        if f >= -(2f64.powi(63)) && f < 2f64.powi(63) {
            return serde_json::Value::from(f as i64);
        }
        if f >= 0.0 && f < 2f64.powi(64) {
            return serde_json::Value::from(f as u64);
        }
    }
    serde_json::Number::from_f64(f)
        .map(serde_json::Value::Number)
        .unwrap_or(serde_json::Value::Null)
}

/// A float map key as sigs.k8s.io/yaml writes it:
/// `strconv.FormatFloat(k, 'g', -1, 32)`, with `.inf`, `-.inf`, `.nan`.
pub fn float_key(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf" } else { "-.inf" }.into();
    }
    let f32v = f as f32;
    if f32v.is_infinite() {
        return if f32v > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    if f32v == 0.0 {
        return if f32v.is_sign_negative() { "-0" } else { "0" }.into();
    }
    // Shortest digits that read back as the same f32, and the exponent.
    let e = format!("{:e}", f32v.abs());
    let (mantissa, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if f32v < 0.0 { "-" } else { "" };
    // Go's %g with the shortest digits: %e when the exponent is below -4
    // or at least 6.
    let nd = digits.len() as i32;
    let dp = exp + 1;
    if !(-4..6).contains(&exp) {
        return format!("{sign}{}", go_exp(&digits, exp));
    }
    let text = if dp <= 0 {
        format!("0.{}{}", "0".repeat((-dp) as usize), digits)
    } else if dp >= nd {
        format!("{}{}", digits, "0".repeat((dp - nd) as usize))
    } else {
        format!("{}.{}", &digits[..dp as usize], &digits[dp as usize..])
    };
    format!("{sign}{text}")
}

/// `d.ddde+XX` as Go's %e writes it (at least two exponent digits).
fn go_exp(digits: &str, exp: i32) -> String {
    let (first, rest) = digits.split_at(1);
    let dot = if rest.is_empty() {
        String::new()
    } else {
        format!(".{rest}")
    };
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{first}{dot}e{sign}{:02}", exp.abs())
}
