//! YAML 1.1 as Kubernetes reads it: the scalar resolution, tags and merge
//! keys of go-yaml v2 (gopkg.in/yaml.v2 2.4.0, which sigs.k8s.io/yaml 1.3.0
//! uses to turn YAML into JSON), and the JSON key text of non-string keys.
//!
//! serde_yaml parses every document and resolves plain scalars with YAML 1.2
//! rules. Where the two readings can differ (`scan`), the document's value is
//! rebuilt from the same libyaml events (`rebuild`), which carry each
//! scalar's style and tag. The reference these rules are checked against is
//! `tests/reference` (see the README's fidelity section).

use super::json::{float_json, key_text};
use super::position::{self, Pos};
use super::scalar::{differs_if_plain, resolve_plain, scalar_value, Plain, Refusal};
use crate::path::FieldPath;
use serde_yaml::{Mapping, Value};

/// What `needs_rebuild` saw on its way.
#[derive(Debug, Default, Clone, Copy)]
pub struct Scan {
    /// A value (not a key) is an infinite or NaN number.
    pub non_finite: bool,
    /// A key is a list, an object, null, tagged or an integer above
    /// `i64::MAX`: one sigs.k8s.io/yaml may not convert.
    pub odd_key: bool,
}

/// Whether `v`, as serde_yaml read it from `text`, may hold a value go-yaml
/// v2 reads differently: a string that YAML 1.1 would not read as a string
/// and that `text` may hold unquoted, a tag, or a merge key (`<<`). A clean
/// document is walked once and allocates nothing. Until it answers yes, it
/// notes in `scan` what the other checks of a document look for.
pub fn needs_rebuild(v: &Value, text: &str, scan: &mut Scan) -> bool {
    match v {
        Value::String(s) => {
            differs_if_plain(s)
                && !yaml12_reads_as_number(s)
                && (s == "<<" || may_be_plain(text, s))
        }
        Value::Tagged(_) => true,
        Value::Sequence(items) => items.iter().any(|v| needs_rebuild(v, text, scan)),
        Value::Mapping(m) => m.iter().any(|(k, v)| {
            scan.odd_key |= match k {
                Value::Sequence(_) | Value::Mapping(_) | Value::Null | Value::Tagged(_) => true,
                Value::Number(n) => n.as_i64().is_none() && n.as_u64().is_some(),
                _ => false,
            };
            needs_rebuild(k, text, &mut Scan::default()) || needs_rebuild(v, text, scan)
        }),
        Value::Number(n) => {
            scan.non_finite |= n.as_f64().is_some_and(|f| n.is_f64() && !f.is_finite());
            false
        }
        Value::Null | Value::Bool(_) => false,
    }
}

/// Whether serde_yaml surely reads `s`, written plain, as a number
/// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?`, short enough for 64 bits): a string
/// with this text was then not plain, and go-yaml reads it as a string too.
/// Quoted numbers (`cpu: "1"`, `value: "8080"`) are common; this keeps them
/// from costing a rebuild.
fn yaml12_reads_as_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    !int.is_empty()
        && int.len() <= 18
        && int.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'))
        && frac
            .is_none_or(|f| !f.is_empty() && f.len() <= 18 && f.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `s` occurs in `text` where it could be a whole plain scalar:
/// after a space, a line start or a flow indicator, and before a space, a
/// line end, `:` or a flow indicator. A string serde_yaml read as a string
/// that YAML 1.1 reads otherwise (`"0644"`, `'yes'`) was quoted, written as
/// a block scalar, or plain: the first two leave quotes or an indicator
/// around it. Plain scalars that fold over lines hold spaces and always
/// read as strings, so a plain one occurs as written.
fn may_be_plain(text: &str, s: &str) -> bool {
    let b = text.as_bytes();
    text.match_indices(s).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| b[i]);
        let after = b.get(at + s.len()).copied();
        matches!(
            before,
            None | Some(b' ' | b'\t' | b'\n' | b'[' | b'{' | b',')
        ) && matches!(
            after,
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}' | b':')
        )
    })
}

/// The help of a finding about a boolean or number where text belongs
/// ("Quote the value ...: value: \"true\"."), told in the words the file was
/// written in when YAML 1.1 read them as something else: `yes`, `on`, `0644`.
/// `written` is the scalar as written at the finding's path.
pub fn help_as_written(help: &str, written: &str) -> Option<String> {
    if !help.starts_with("Quote the value") {
        return None;
    }
    let what = match resolve_plain(written) {
        Plain::Bool(b) => format!("the boolean {b}"),
        Plain::Int(i) => format!("the number {i}"),
        Plain::Uint(u) => format!("the number {u}"),
        Plain::Float(f) => format!("the number {}", float_json(f)),
        _ => return None,
    };
    // The help quotes what YAML made of the value; quote what was written.
    let quoted = help.rfind(": ").map(|i| &help[i + 2..])?;
    let value_at = quoted
        .rfind('"')
        .and_then(|end| quoted[..end].rfind('"').map(|start| (start, end)))?;
    let shown = &quoted[value_at.0 + 1..value_at.1];
    if shown == written {
        return None;
    }
    let base = &help[..help.len() - quoted.len()];
    let json = serde_json::to_string(written).ok()?;
    // Say why only where YAML 1.1 is the reason (`yes`, `0644`, `1_000`);
    // `1.10` is the number 1.1 in any YAML.
    let digits = written.trim_start_matches(['+', '-']);
    let yaml11_only = match resolve_plain(written) {
        Plain::Bool(_) => !matches!(
            written,
            "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
        ),
        _ => {
            written.contains('_')
                || (digits.len() > 1
                    && digits.starts_with('0')
                    && digits.bytes().all(|b| b.is_ascii_digit()))
                || digits.starts_with("0b")
                || digits.starts_with("0B")
                || digits.starts_with("0X")
                || digits.starts_with("0O")
        }
    };
    let why = if yaml11_only {
        format!("Kubernetes reads YAML 1.1, where {written} is {what}. ")
    } else {
        String::new()
    };
    Some(format!(
        "{why}{base}{}{json}{}",
        &quoted[..value_at.0],
        &quoted[value_at.1 + 1..]
    ))
}

/// Rebuilds the value of the first document of `text` from libyaml's events
/// with go-yaml v2's rules: YAML 1.1 scalars, tags, merge keys (a merged
/// mapping's keys replace earlier keys, later keys replace merged ones; in a
/// list of merged mappings the earlier ones win). Duplicate keys, which
/// go-yaml's non-strict decoding lets the last one win, are refused as
/// serde_yaml refuses them (see docs/limits.md), with the key's path.
///
/// Called only for a document serde_yaml has already read without error, so
/// the events are well-formed and its limits (depth, aliases) already hold.
pub fn rebuild(text: &str) -> Result<Value, Refusal> {
    let tree = position::EventTree::first_document(text);
    if let Some((problem, pos)) = &tree.syntax_error {
        return Err(Refusal {
            message: problem.clone(),
            pos: *pos,
        });
    }
    if let Some((name, pos)) = &tree.unknown_alias {
        return Err(Refusal {
            message: format!("unknown anchor '{name}' referenced"),
            pos: *pos,
        });
    }
    let Some(root) = tree.root else {
        return Ok(Value::Null);
    };
    let mut memo: Vec<Option<Value>> = vec![None; tree.nodes.len()];
    build(&tree, root, &mut memo, &FieldPath::root())
}

fn build(
    tree: &position::EventTree,
    id: usize,
    memo: &mut Vec<Option<Value>>,
    path: &FieldPath,
) -> Result<Value, Refusal> {
    if let Some(v) = &memo[id] {
        return Ok(v.clone());
    }
    let node = &tree.nodes[id];
    if path.segs().len() > crate::limits::MAX_DEPTH {
        return Err(Refusal {
            message: format!("the document nests lists and objects deeper than {} levels (recursion limit exceeded)", crate::limits::MAX_DEPTH),
            pos: node.pos,
        });
    }
    let v = match &node.kind {
        position::TreeKind::Scalar(ev) => scalar_value(ev)?,
        position::TreeKind::Seq(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, &item) in items.iter().enumerate() {
                out.push(build(tree, item, memo, &path.index(i))?);
            }
            Value::Sequence(out)
        }
        position::TreeKind::Map(_) => {
            let mut out = Mapping::new();
            fill_mapping(tree, id, memo, path, &mut out, 0)?;
            Value::Mapping(out)
        }
    };
    if tree.anchored(id) {
        memo[id] = Some(v.clone());
    }
    Ok(v)
}

fn want_map(pos: Pos) -> Refusal {
    Refusal {
        message: "map merge requires map or sequence of maps as the value".into(),
        pos,
    }
}

/// Adds the entries of mapping `id` to `out` as go-yaml's `mapping` does.
fn fill_mapping(
    tree: &position::EventTree,
    id: usize,
    memo: &mut Vec<Option<Value>>,
    path: &FieldPath,
    out: &mut Mapping,
    depth: usize,
) -> Result<(), Refusal> {
    let position::TreeKind::Map(entries) = &tree.nodes[id].kind else {
        return Err(want_map(tree.nodes[id].pos));
    };
    if depth > 64 {
        return Err(want_map(tree.nodes[id].pos));
    }
    let mut seen: Vec<Value> = Vec::new();
    for &(k, v) in entries {
        let key_node = &tree.nodes[k];
        let is_merge = matches!(&key_node.kind, position::TreeKind::Scalar(ev)
            if ev.text == "<<" && ((ev.plain && ev.tag.is_none())
                || ev.tag.as_deref() == Some("tag:yaml.org,2002:merge")));
        if is_merge {
            match &tree.nodes[v].kind {
                position::TreeKind::Map(_) => fill_mapping(tree, v, memo, path, out, depth + 1)?,
                position::TreeKind::Seq(items) => {
                    for &item in items.iter().rev() {
                        fill_mapping(tree, item, memo, path, out, depth + 1)?;
                    }
                }
                position::TreeKind::Scalar(_) => return Err(want_map(tree.nodes[v].pos)),
            }
            continue;
        }
        // A key one level down, so that keys nested in keys count too.
        let key = build(tree, k, memo, &path.field("?"))?;
        let child_path = path.field(&key_text(&key));
        if seen.contains(&key) || seen.iter().any(|s| same_json_key(s, &key)) {
            return Err(Refusal {
                message: format!(
                    "{}duplicate entry with key \"{}\"",
                    if path.is_root() {
                        String::new()
                    } else {
                        format!("{path}: ")
                    },
                    key_text(&key)
                ),
                pos: key_node.pos,
            });
        }
        seen.push(key.clone());
        let value = build(tree, v, memo, &child_path)?;
        out.insert(key, value);
    }
    Ok(())
}

/// Two keys that become the same JSON key (`true` and `yes` both say "true").
fn same_json_key(a: &Value, b: &Value) -> bool {
    matches!(
        (a, b),
        (
            Value::String(_) | Value::Bool(_) | Value::Number(_),
            Value::String(_) | Value::Bool(_) | Value::Number(_)
        )
    ) && std::mem::discriminant(a) == std::mem::discriminant(b)
        && key_text(a) == key_text(b)
}

/// The first non-finite number of `v`, which JSON cannot carry
/// (sigs.k8s.io/yaml fails with "json: unsupported value: +Inf"): its path
/// and Go's name for it. Map keys are exempt (they become `.inf` text).
pub fn non_finite(v: &Value) -> Option<(FieldPath, &'static str)> {
    fn walk(v: &Value, steps: &mut Vec<Result<String, usize>>) -> Option<&'static str> {
        match v {
            Value::Number(n) => {
                let f = n.as_f64()?;
                if n.is_f64() && !f.is_finite() {
                    return Some(if f.is_nan() {
                        "NaN"
                    } else if f > 0.0 {
                        "+Inf"
                    } else {
                        "-Inf"
                    });
                }
                None
            }
            Value::Sequence(items) => items.iter().enumerate().find_map(|(i, item)| {
                let w = walk(item, steps)?;
                steps.push(Err(i));
                Some(w)
            }),
            Value::Mapping(m) => m.iter().find_map(|(k, item)| {
                let w = walk(item, steps)?;
                steps.push(Ok(key_text(k)));
                Some(w)
            }),
            Value::Tagged(t) => walk(&t.value, steps),
            _ => None,
        }
    }
    let mut steps = Vec::new();
    let what = walk(v, &mut steps)?;
    let path = steps.iter().rev().fold(FieldPath::root(), |p, s| match s {
        Ok(name) => p.field(name),
        Err(i) => p.index(*i),
    });
    Some((path, what))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::json::float_key;
    use crate::input::scalar::base64_decode;

    #[test]
    fn plain_scalars_resolve_as_go_yaml_v2() {
        use Plain::*;
        for (s, want) in [
            ("0644", Int(420)),
            ("0o17", Int(15)),
            ("0x1F", Int(31)),
            ("0b101", Int(5)),
            ("-0b101", Int(-5)),
            ("0b-101", Int(-5)),
            ("1_000", Int(1000)),
            ("+12", Int(12)),
            ("08", Float(8.0)),
            ("09.5", Float(9.5)),
            ("1e3", Float(1000.0)),
            (".5", Float(0.5)),
            ("9223372036854775808", Uint(9223372036854775808)),
            ("+9223372036854775808", Float(9223372036854775808.0)),
            ("yes", Bool(true)),
            ("Off", Bool(false)),
            ("oN", Str),
            ("~", Null),
            ("", Null),
            (".inf", Float(f64::INFINITY)),
            ("2001-12-14", Str),
            ("1e999", Str),
            ("0x", Str),
            ("0", Int(0)),
            ("00", Int(0)),
            ("-", Str),
        ] {
            let got = resolve_plain(s);
            let same = match (got, want) {
                (Float(a), Float(b)) => a == b,
                (a, b) => a == b,
            };
            assert!(same, "{s:?}: got {got:?}, want {want:?}");
        }
    }

    #[test]
    fn float_keys_are_written_as_go_writes_them() {
        for (f, want) in [
            (1.5, "1.5"),
            (1000.0, "1000"),
            (0.1, "0.1"),
            (1e6, "1e+06"),
            (123456.0, "123456"),
            (1234567.0, "1.234567e+06"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-2.5, "-2.5"),
        ] {
            assert_eq!(float_key(f), want, "{f}");
        }
    }

    #[test]
    fn help_quotes_what_was_written() {
        assert_eq!(
            help_as_written("Quote the value so YAML reads it as text: value: \"true\".", "yes").as_deref(),
            Some("Kubernetes reads YAML 1.1, where yes is the boolean true. Quote the value so YAML reads it as text: value: \"yes\".")
        );
        assert_eq!(
            help_as_written("Quote the value so YAML reads it as text: - \"false\".", "no").as_deref(),
            Some("Kubernetes reads YAML 1.1, where no is the boolean false. Quote the value so YAML reads it as text: - \"no\".")
        );
        assert_eq!(
            help_as_written(
                "Quote the value so YAML reads it as text: value: \"true\".",
                "true"
            ),
            None
        );
        assert_eq!(help_as_written("Use a whole number.", "yes"), None);
        assert_eq!(
            help_as_written(
                "Quote the value so YAML keeps it as text: version: \"1.1\".",
                "1.10"
            )
            .as_deref(),
            Some("Quote the value so YAML keeps it as text: version: \"1.10\".")
        );
        assert_eq!(
            help_as_written("Quote the value so YAML keeps it as text: mode: \"420\".", "0644").as_deref(),
            Some("Kubernetes reads YAML 1.1, where 0644 is the number 420. Quote the value so YAML keeps it as text: mode: \"0644\".")
        );
    }

    #[test]
    fn base64_as_go_decodes_it() {
        assert_eq!(base64_decode("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(base64_decode("aGVs\nbG8=").unwrap(), b"hello");
        assert!(base64_decode("aGVsbG8").is_none());
        assert!(base64_decode("a=Vs").is_none());
    }
}
