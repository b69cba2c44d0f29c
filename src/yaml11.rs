//! YAML 1.1 as Kubernetes reads it: the scalar resolution, tags and merge
//! keys of go-yaml v2 (gopkg.in/yaml.v2 2.4.0, which sigs.k8s.io/yaml 1.3.0
//! uses to turn YAML into JSON), and the JSON key text of non-string keys.
//!
//! serde_yaml parses every document and resolves plain scalars with YAML 1.2
//! rules. Where the two readings can differ (`scan`), the document's value is
//! rebuilt from the same libyaml events (`rebuild`), which carry each
//! scalar's style and tag. The reference these rules are checked against is
//! `tests/reference` (see the README's fidelity section).

use crate::path::FieldPath;
use crate::position::{self, Pos, ScalarEvent};
use serde_yaml::{Mapping, Number, Value};

/// What go-yaml v2 makes of a plain (unquoted, untagged) scalar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Plain {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    /// The text itself (timestamps included: go-yaml v2 keeps them as text
    /// when decoding into `interface{}`).
    Str,
    /// `<<`: a merge key where it is a key; text elsewhere.
    Merge,
}

/// go-yaml v2's `resolve` for an untagged plain scalar.
pub fn resolve_plain(s: &str) -> Plain {
    let hint = match s.as_bytes().first() {
        None => return Plain::Null,
        Some(b'+' | b'-') => b'S',
        Some(b'0'..=b'9') => b'D',
        Some(b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~') => b'M',
        Some(b'.') => b'.',
        Some(b'<') if s == "<<" => return Plain::Merge,
        Some(_) => return Plain::Str,
    };
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Plain::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Plain::Bool(false)
        }
        "~" | "null" | "Null" | "NULL" => return Plain::Null,
        ".nan" | ".NaN" | ".NAN" => return Plain::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Plain::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Plain::Float(f64::NEG_INFINITY),
        _ => {}
    }
    match hint {
        b'.' => {
            // strconv.ParseFloat on text that starts with '.': underscores
            // may separate digits, as in Go's float literals.
            let plain: std::borrow::Cow<str> = if s.contains('_') {
                if !go_underscores_ok(s) {
                    return Plain::Str;
                }
                s.replace('_', "").into()
            } else {
                s.into()
            };
            if is_float_syntax(&plain) {
                if let Some(f) = finite_float(&plain) {
                    return Plain::Float(f);
                }
            }
            Plain::Str
        }
        b'D' | b'S' => {
            let plain: std::borrow::Cow<str> = if s.contains('_') {
                s.replace('_', "").into()
            } else {
                s.into()
            };
            if let Some(v) = go_parse_int(&plain) {
                return v;
            }
            if is_float_syntax(&plain) {
                if let Some(f) = finite_float(&plain) {
                    return Plain::Float(f);
                }
            }
            if let Some(rest) = plain.strip_prefix("0b") {
                // strconv.ParseInt(rest, 2, 64): a sign may follow the prefix.
                if let Some(v) = parse_signed_radix(rest, 2) {
                    return v;
                }
            }
            Plain::Str
        }
        _ => Plain::Str,
    }
}

/// Go's `underscoreOK` for a decimal number: every `_` sits between two digits.
fn go_underscores_ok(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    b.iter().enumerate().all(|(i, &c)| {
        c != b'_'
            || (i > 0
                && i + 1 < b.len()
                && (b[i - 1].is_ascii_digit() || b[i - 1] == b'_')
                && (b[i + 1].is_ascii_digit() || b[i + 1] == b'_'))
    }) && !s.contains("__")
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, go-yaml's float syntax.
fn is_float_syntax(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// strconv.ParseFloat for text of go-yaml's float syntax: overflow is an error.
fn finite_float(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// strconv.ParseInt(s, 0, 64), then strconv.ParseUint(s, 0, 64).
fn go_parse_int(s: &str) -> Option<Plain> {
    let (neg, body) = match s.as_bytes().first()? {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let u = go_parse_uint(body)?;
    if neg {
        if u <= 1u64 << 63 {
            return Some(Plain::Int((u as i64).wrapping_neg()));
        }
        None
    } else if u < 1u64 << 63 {
        Some(Plain::Int(u as i64))
    } else if s.starts_with('+') {
        // ParseInt is out of range and ParseUint takes no sign.
        None
    } else {
        Some(Plain::Uint(u))
    }
}

/// strconv.ParseUint(s, 0, 64) without underscores.
fn go_parse_uint(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let b = s.as_bytes();
    let (radix, digits) = if b[0] == b'0' {
        match b.get(1).map(u8::to_ascii_lowercase) {
            Some(b'b') if b.len() >= 3 => (2, &s[2..]),
            Some(b'o') if b.len() >= 3 => (8, &s[2..]),
            Some(b'x') if b.len() >= 3 => (16, &s[2..]),
            _ => (8, &s[1..]),
        }
    } else {
        (10, s)
    };
    if digits.is_empty() {
        return (radix == 8).then_some(0);
    }
    if !digits.bytes().all(|c| (c as char).is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// strconv.ParseInt(s, radix, 64) (a sign allowed), then ParseUint.
fn parse_signed_radix(s: &str, radix: u32) -> Option<Plain> {
    let (neg, body) = match s.as_bytes().first()? {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    if body.is_empty() || !body.bytes().all(|c| (c as char).is_digit(radix)) {
        return None;
    }
    let u = u64::from_str_radix(body, radix).ok()?;
    if neg {
        (u <= 1u64 << 63).then(|| Plain::Int((u as i64).wrapping_neg()))
    } else if u < 1u64 << 63 {
        Some(Plain::Int(u as i64))
    } else if s.starts_with('+') {
        None
    } else {
        Some(Plain::Uint(u))
    }
}

/// Whether a string that serde_yaml produced would, written plain, mean
/// something else to go-yaml v2.
pub fn differs_if_plain(s: &str) -> bool {
    !matches!(resolve_plain(s), Plain::Str)
}

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

/// A problem go-yaml v2 or sigs.k8s.io/yaml raises for a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub message: String,
    pub pos: Pos,
}

const CORE: &str = "tag:yaml.org,2002:";

/// The value of a scalar as go-yaml v2 decodes it into `interface{}`.
pub fn scalar_value(ev: &ScalarEvent) -> Result<Value, Refusal> {
    let text = ev.text.as_str();
    let Some(tag) = ev.tag.as_deref() else {
        if !ev.plain {
            return Ok(Value::String(ev.text.clone()));
        }
        return Ok(plain_value(resolve_plain(text), text));
    };
    let Some(short) = tag.strip_prefix(CORE) else {
        // A custom tag: go-yaml keeps the text as it is written.
        return Ok(Value::String(ev.text.clone()));
    };
    let fail = |got: &str| Refusal {
        message: format!("cannot decode !!{got} `{text}` as a !!{short}"),
        pos: ev.pos,
    };
    match short {
        "str" => Ok(Value::String(ev.text.clone())),
        "binary" => match base64_decode(text) {
            Some(bytes) => Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned())),
            None => Err(Refusal {
                message: "!!binary value contains invalid base64 data".into(),
                pos: ev.pos,
            }),
        },
        "bool" | "int" | "float" | "null" | "timestamp" => {
            let r = resolve_plain(text);
            let got = match r {
                Plain::Null => "null",
                Plain::Bool(_) => "bool",
                Plain::Int(_) | Plain::Uint(_) => "int",
                Plain::Float(_) => "float",
                Plain::Str | Plain::Merge if short == "timestamp" && is_timestamp(text) => {
                    "timestamp"
                }
                Plain::Str | Plain::Merge => "str",
            };
            if got == short {
                return Ok(plain_value(r, text));
            }
            if short == "float" {
                match r {
                    Plain::Int(i) => return Ok(Value::Number(Number::from(i as f64))),
                    Plain::Uint(u) => return Ok(Value::Number(Number::from(u as f64))),
                    _ => {}
                }
            }
            Err(fail(got))
        }
        // Other tags of the YAML type repository (!!set, !!omap, !!merge...)
        // are not resolvable in go-yaml: the text is kept.
        _ => Ok(Value::String(ev.text.clone())),
    }
}

fn plain_value(r: Plain, text: &str) -> Value {
    match r {
        Plain::Null => Value::Null,
        Plain::Bool(b) => Value::Bool(b),
        Plain::Int(i) => Value::Number(Number::from(i)),
        Plain::Uint(u) => Value::Number(Number::from(u)),
        Plain::Float(f) => Value::Number(Number::from(f)),
        Plain::Str | Plain::Merge => Value::String(text.to_string()),
    }
}

/// go-yaml v2's timestamp check, enough to tell `!!timestamp` text apart:
/// four digits and a dash, then a date (and a time) it can parse.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

/// Go's base64.StdEncoding.DecodeString (newlines are ignored, padding is required).
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let clean: Vec<u8> = s.bytes().filter(|&c| c != b'\n' && c != b'\r').collect();
    if clean.len() % 4 != 0 {
        return None;
    }
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    let quads = clean.len() / 4;
    for (qi, q) in clean.chunks(4).enumerate() {
        let pad = q.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && qi + 1 != quads) {
            return None;
        }
        let mut n = 0u32;
        for &c in &q[..4 - pad] {
            n = (n << 6) | val(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
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
    if path.segs().len() > crate::source::MAX_DEPTH {
        return Err(Refusal {
            message: format!("the document nests lists and objects deeper than {} levels (recursion limit exceeded)", crate::source::MAX_DEPTH),
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
        let child_path = path.field(&crate::source::key_text(&key));
        if seen.contains(&key) || seen.iter().any(|s| same_json_key(s, &key)) {
            return Err(Refusal {
                message: format!(
                    "{}duplicate entry with key \"{}\"",
                    if path.is_root() {
                        String::new()
                    } else {
                        format!("{path}: ")
                    },
                    crate::source::key_text(&key)
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
        && crate::source::key_text(a) == crate::source::key_text(b)
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
                steps.push(Ok(crate::source::key_text(k)));
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
