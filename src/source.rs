//! From input bytes to YAML documents: decide that the input is text, split it
//! into documents, parse each with serde_yaml, and convert values to JSON.

use crate::model::InputContent;
use crate::position::Pos;
use crate::rules::{self, Rule};
use serde_yaml::Value;
use std::borrow::Cow;

/// Largest input file accepted, in bytes. Larger files get `input-too-large`.
/// The API server takes at most 3 MiB per object, but one file may hold many
/// Job documents, so the file limit is larger.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Largest number of documents read from one file.
pub const MAX_DOCUMENTS: usize = 100_000;

/// A problem that stops a file or a document from being read.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadProblem {
    pub rule: &'static Rule,
    pub message: String,
    pub help: String,
    pub pos: Pos,
}

/// Decides whether the input is UTF-8 text and returns it without a BOM.
pub fn decode<'a>(content: &InputContent<'a>) -> Result<Cow<'a, str>, ReadProblem> {
    let text: &'a str = match *content {
        InputContent::Unreadable(reason) => {
            return Err(ReadProblem {
                rule: rules::UNREADABLE,
                message: format!("cannot read the file: {reason}"),
                help: "Check that the path exists and is readable.".into(),
                pos: Pos { line: 1, column: 1 },
            })
        }
        InputContent::TooLarge(len) => {
            check_size(usize::try_from(len).unwrap_or(usize::MAX))?;
            // Only reached if a caller flags a file the core would accept.
            return Err(ReadProblem {
                rule: rules::TOO_LARGE,
                message: format!("the file is {len} bytes, too large to read"),
                help: "Split the file into smaller files of Job documents.".into(),
                pos: Pos { line: 1, column: 1 },
            });
        }
        InputContent::Bytes(bytes) => {
            check_size(bytes.len())?;
            if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
                return Err(not_text(
                    "the file is UTF-16 text (it starts with a UTF-16 byte order mark)".into(),
                    "Save the file as UTF-8.",
                    Pos { line: 1, column: 1 },
                ));
            }
            match std::str::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => {
                    let valid = &bytes[..e.valid_up_to()];
                    // Valid up to here by construction.
                    let prefix = std::str::from_utf8(valid).unwrap_or_default();
                    let pos = pos_at_end(prefix);
                    let what = if looks_binary(bytes) {
                        "the file is binary, not text"
                    } else {
                        "the file is not valid UTF-8"
                    };
                    return Err(not_text(
                        format!(
                            "{what}: invalid byte 0x{:02X} at line {}, column {}",
                            bytes[e.valid_up_to()],
                            pos.line,
                            pos.column
                        ),
                        "Save the manifest as UTF-8 text, or remove the file from the input.",
                        pos,
                    ));
                }
            }
        }
        InputContent::Text(s) => {
            check_size(s.len())?;
            s
        }
    };
    if let Some(at) = text.find('\0') {
        let pos = pos_at_end(&text[..at]);
        return Err(not_text(
            format!(
                "the file contains a NUL byte at line {}, column {}; it is not a text manifest",
                pos.line, pos.column
            ),
            "Remove the NUL bytes, or remove the file from the input.",
            pos,
        ));
    }
    Ok(Cow::Borrowed(text.strip_prefix('\u{FEFF}').unwrap_or(text)))
}

fn check_size(len: usize) -> Result<(), ReadProblem> {
    if len > MAX_FILE_BYTES {
        return Err(ReadProblem {
            rule: rules::TOO_LARGE,
            message: format!(
                "the file is {} bytes, over the limit of {} bytes ({} MiB)",
                len,
                MAX_FILE_BYTES,
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            help: "Split the file into smaller files of Job documents.".into(),
            pos: Pos { line: 1, column: 1 },
        });
    }
    Ok(())
}

fn not_text(message: String, help: &str, pos: Pos) -> ReadProblem {
    ReadProblem {
        rule: rules::NOT_TEXT,
        message,
        help: help.into(),
        pos,
    }
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    head.iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b))
        .count()
        > 0
}

/// 1-based position just after `prefix`.
pub fn pos_at_end(prefix: &str) -> Pos {
    let line = prefix.bytes().filter(|&b| b == b'\n').count() + 1;
    let last = prefix.rfind('\n').map(|i| i + 1).unwrap_or(0);
    Pos {
        line,
        column: prefix[last..].chars().count() + 1,
    }
}

/// One YAML document of a file.
#[derive(Debug)]
pub struct Document {
    /// 0-based index within the file.
    pub index: usize,
    pub value: Result<Value, ReadProblem>,
}

/// Splits `text` into documents and parses each. Parsing stops at the first
/// syntax error (libyaml cannot resume after one), which becomes the last
/// document's error; other errors (duplicate keys, limits) stay with their
/// document and the following documents are still read.
pub fn load_documents(text: &str) -> Vec<Document> {
    use serde::Deserialize;
    let mut docs = Vec::new();
    let mut last_error: Option<String> = None;
    for (index, de) in serde_yaml::Deserializer::from_str(text).enumerate() {
        if index >= MAX_DOCUMENTS {
            docs.push(Document {
                index,
                value: Err(ReadProblem {
                    rule: rules::TOO_LARGE,
                    message: format!("the file holds more than {MAX_DOCUMENTS} YAML documents; the rest were not read"),
                    help: "Split the file into smaller files.".into(),
                    pos: Pos { line: 1, column: 1 },
                }),
            });
            break;
        }
        match Value::deserialize(de) {
            Ok(mut value) => {
                last_error = None;
                let value = match value.apply_merge() {
                    Ok(()) => Ok(value),
                    Err(e) => Err(problem_from(&e)),
                };
                docs.push(Document { index, value });
            }
            Err(e) => {
                let text = e.to_string();
                // libyaml's errors are sticky: the same error again means the
                // parser cannot go on.
                if last_error.as_deref() == Some(text.as_str()) {
                    break;
                }
                last_error = Some(text);
                docs.push(Document {
                    index,
                    value: Err(problem_from(&e)),
                });
            }
        }
    }
    docs
}

fn problem_from(e: &serde_yaml::Error) -> ReadProblem {
    let pos = e
        .location()
        .map(|l| Pos {
            line: l.line(),
            column: l.column(),
        })
        .unwrap_or(Pos { line: 1, column: 1 });
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; the finding carries the
    // position itself, so keep the message short.
    let message = match raw.find(" at line ") {
        Some(i) if !raw[..i].is_empty() => {
            let (head, tail) = raw.split_at(i);
            // Keep context such as ", while parsing a block mapping at line 1 column 1".
            match tail.find(", ") {
                Some(j) => format!("{head}{}", &tail[j..]),
                None => head.to_string(),
            }
        }
        _ => raw.clone(),
    };
    let (rule, help) = if raw.contains("recursion limit exceeded") {
        (
            rules::TOO_LARGE,
            "Reduce the nesting depth; Kubernetes objects are never nested this deeply.",
        )
    } else if raw.contains("repetition limit exceeded") {
        (
            rules::TOO_LARGE,
            "Remove the alias expansion: this looks like a YAML alias bomb.",
        )
    } else if raw.contains("duplicate entry") {
        (
            rules::YAML_SYNTAX,
            "Remove one of the duplicate keys; kubectl's strict decoding refuses duplicates.",
        )
    } else if raw.contains("found character that cannot start any token") && raw.contains('\t') {
        (
            rules::YAML_SYNTAX,
            "Indent with spaces; YAML does not allow tabs for indentation.",
        )
    } else {
        (rules::YAML_SYNTAX, "Fix the YAML syntax at this position.")
    };
    ReadProblem {
        rule,
        message: format!("YAML: {message}"),
        help: help.into(),
        pos,
    }
}

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
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map(J::Number)
                    .unwrap_or(J::Null)
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
                    match n.as_f64().filter(|f| f.is_finite()) {
                        Some(f) => s.serialize_f64(f),
                        None => s.serialize_unit(),
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
        Value::Number(n) => n.to_string(),
        Value::Null => "null".to_string(),
        Value::Tagged(t) => key_text(&t.value),
        other => serde_json::to_string(&to_json(other)).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rejects_non_text_with_position() {
        let e = decode(&InputContent::Bytes(b"a: 1\nb: \xff\n")).unwrap_err();
        assert_eq!(e.rule.name, "file-not-text");
        assert_eq!(e.pos, Pos { line: 2, column: 4 });
        let e = decode(&InputContent::Text("a: 1\n  \0")).unwrap_err();
        assert_eq!(e.pos, Pos { line: 2, column: 3 });
        let e = decode(&InputContent::Bytes(&[0xFF, 0xFE, b'a', 0])).unwrap_err();
        assert!(e.message.contains("UTF-16"), "{}", e.message);
        assert_eq!(decode(&InputContent::Text("\u{FEFF}a: 1")).unwrap(), "a: 1");
    }

    #[test]
    fn documents_split_and_errors_stop() {
        let docs = load_documents("a: 1\n---\nb: [\n---\nc: 3\n");
        assert_eq!(docs.len(), 2);
        assert!(docs[0].value.is_ok());
        let e = docs[1].value.as_ref().unwrap_err();
        assert_eq!(e.rule.name, "yaml-syntax-error");
        assert!(e.pos.line >= 3, "{e:?}");
    }

    #[test]
    fn duplicate_keys_do_not_stop_later_documents() {
        let docs = load_documents("a: 1\na: 2\n---\nc: 3\n");
        assert_eq!(docs.len(), 2);
        let e = docs[0].value.as_ref().unwrap_err();
        assert!(e.message.contains("duplicate"), "{}", e.message);
        // serde_yaml points at the mapping; the planner refines it to the key.
        assert_eq!(e.pos.line, 1);
        assert!(docs[1].value.is_ok());
    }

    #[test]
    fn json_text_equals_to_json() {
        let text = "a: 1\n2: [x, 1.5, true, null, .inf]\nb: !tag {k: v}\n? [1, 2]\n: seq key\n";
        let docs = load_documents(text);
        let v = docs[0].value.as_ref().unwrap().clone();
        let expected = to_json(&v);
        assert_eq!(expected["2"][1], serde_json::json!(1.5));
        assert_eq!(expected["b"]["k"], serde_json::json!("v"));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json_text(&v)).unwrap(),
            expected
        );
    }

    #[test]
    fn merge_keys_are_applied() {
        let docs = load_documents("base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n");
        let v = docs[0].value.as_ref().unwrap();
        assert_eq!(v["c"]["x"], Value::from(1));
    }
}
