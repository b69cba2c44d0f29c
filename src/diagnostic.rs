//! The finding every checker returns, before it is placed in a file, and the
//! helpers that shape its message. Checkers (`seed_rules`, `k8s::decode`,
//! `k8s::validate`) push `RawFinding`s with a field path; `plan` attaches the
//! file, line and column, and only when needed.

use crate::path::FieldPath;
use crate::rules::Rule;
use serde_yaml::Value;

/// A finding before it is placed in a file: rule, path, message, help.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFinding {
    pub rule: &'static Rule,
    pub path: FieldPath,
    pub message: String,
    pub help: Option<String>,
}

impl RawFinding {
    pub fn new(rule: &'static Rule, path: FieldPath, message: String, help: &str) -> RawFinding {
        RawFinding {
            rule,
            path,
            message,
            help: if help.is_empty() {
                None
            } else {
                Some(help.to_string())
            },
        }
    }
}

/// Text of a scalar for messages: strings as they are, other scalars in YAML form.
pub fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Null => "null".to_string(),
        Value::Sequence(_) => "(a list)".to_string(),
        Value::Mapping(_) => "(an object)".to_string(),
        Value::Tagged(t) => scalar_text(&t.value),
    }
}
