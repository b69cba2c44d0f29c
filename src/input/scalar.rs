//! go-yaml v2's reading of one scalar (gopkg.in/yaml.v2 2.4.0, which
//! sigs.k8s.io/yaml 1.3.0 uses): the YAML 1.1 resolution of plain scalars and
//! the core tags. A leaf of the input layer: `position` uses it for key text,
//! `yaml11` to rebuild values.

use super::pos::Pos;
use serde_yaml::{Number, Value};

/// A scalar as libyaml reports it: where, its text, its anchor, whether it
/// is plain (unquoted, not a block scalar) and its tag, if written.
#[derive(Debug, Clone)]
pub struct ScalarEvent {
    pub pos: Pos,
    pub text: String,
    pub anchor: Option<String>,
    pub plain: bool,
    pub tag: Option<String>,
}

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
    ranged(neg, go_parse_uint(body)?, s.starts_with('+'))
}

/// The magnitude `u` of a parsed integer as ParseInt gives it, or else as
/// ParseUint does: ParseUint takes no sign, so a signed text out of int64's
/// range is no number.
fn ranged(neg: bool, u: u64, plus: bool) -> Option<Plain> {
    if neg {
        (u <= 1u64 << 63).then(|| Plain::Int((u as i64).wrapping_neg()))
    } else if u < 1u64 << 63 {
        Some(Plain::Int(u as i64))
    } else if plus {
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
    ranged(
        neg,
        u64::from_str_radix(body, radix).ok()?,
        s.starts_with('+'),
    )
}

/// Whether a string that serde_yaml produced would, written plain, mean
/// something else to go-yaml v2.
pub fn differs_if_plain(s: &str) -> bool {
    !matches!(resolve_plain(s), Plain::Str)
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
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
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
