//! From input bytes to YAML documents: decide that the input is text, split it
//! into documents, parse each with serde_yaml, and convert values to JSON.

pub use super::json::{json_raw, json_text, key_text, to_json};
use super::position::{self, DocSize, Pos, PositionIndex};
use super::rules;
pub use super::text::{decode, pos_at_end, ReadProblem};
use crate::path::FieldPath;
use serde_yaml::Value;

use crate::limits::{
    ALIAS_FREE_NODES, ALIAS_STRICT_NODES, MAX_DEPTH, MAX_DOCUMENTS, MAX_DOCUMENT_NODES,
    MAX_FILE_NODES,
};

/// Texts up to this size are not measured before parsing: even at 1.5 nodes
/// per byte (`[?, ?, ...]`) they stay under `MAX_DOCUMENT_NODES`.
const MEASURE_ABOVE_BYTES: usize = 64 * 1024;

/// Texts up to this size cannot reach `MAX_FILE_NODES` (1.5 nodes per byte)
/// without aliases. In such a text, a document of at most
/// `MEASURE_ABOVE_BYTES` is parsed first and measured only if serde_yaml
/// fails or its value nests deeply, since only the depth limit can then
/// refuse it: the measuring pass would cost one more parse of every document
/// of a big file of many small Jobs.
const MEASURE_LAZILY_UP_TO_BYTES: usize = 600 * 1024;

/// Largest share of a document's expanded nodes that may come from aliases:
/// 99% up to `ALIAS_FREE_NODES`, falling linearly to 10% at `ALIAS_STRICT_NODES`.
pub fn allowed_alias_ratio(expanded: u64) -> f64 {
    if expanded <= ALIAS_FREE_NODES {
        0.99
    } else if expanded >= ALIAS_STRICT_NODES {
        0.10
    } else {
        let span = (ALIAS_STRICT_NODES - ALIAS_FREE_NODES) as f64;
        0.99 - 0.89 * ((expanded - ALIAS_FREE_NODES) as f64 / span)
    }
}

/// The `input-too-large` problem for a document whose aliases expand too much.
fn excessive_aliasing(e: &DocSize) -> Option<ReadProblem> {
    let aliased = e.aliased();
    // go-yaml ignores documents with few aliased or few total nodes. A
    // document with an unknown alias is serde_yaml's error to report, and
    // must be, since the reader has to stop there (see `load_documents`).
    if e.unknown_alias || aliased <= 100 || e.expanded <= 1000 {
        return None;
    }
    let ratio = aliased as f64 / e.expanded as f64;
    let allowed = allowed_alias_ratio(e.expanded);
    if ratio <= allowed {
        return None;
    }
    Some(ReadProblem {
        rule: rules::TOO_LARGE,
        message: format!(
            "YAML: the document contains excessive aliasing: its aliases expand {} written nodes to {} nodes ({:.1}% from aliases, over the limit of {:.1}% for a document of this size)",
            e.written,
            e.expanded,
            ratio * 100.0,
            allowed * 100.0
        ),
        help: "Write the repeated parts out instead of referencing one big anchor many times; this looks like a YAML alias bomb.".into(),
        pos: e.worst_alias,
    })
}

/// One YAML document of a file.
#[derive(Debug)]
pub struct Document {
    /// 0-based index within the file.
    pub index: usize,
    pub value: Result<Value, ReadProblem>,
}

/// Splits `text` into documents as kubectl does (`crate::input::split`) and parses
/// each piece with serde_yaml (its first YAML document, as go-yaml reads
/// it). A piece whose scalars YAML 1.1 reads differently is rebuilt with
/// go-yaml v2's rules (`crate::input::yaml11`). Every piece is read on its own, so
/// a syntax error stays with its document; a limit that says the rest of the
/// file was not read (docs/limits.md), or a `---` line kubectl refuses, ends
/// the list.
pub fn load_documents(text: &str) -> Vec<Document> {
    let mut docs = Vec::new();
    each_document(text, &mut |d| docs.push(d));
    docs
}

/// `load_documents`, giving each document to `take` as soon as it is read,
/// so that a caller can check it while it is still in the cache.
pub fn each_document(text: &str, take: &mut dyn FnMut(Document)) {
    use serde::Deserialize;
    // The measuring pass costs one more parse, so only texts that may need
    // it pay: an alias may expand, a bracket-heavy text may nest too deeply
    // in flow style (block nesting costs indentation, not time), a big text
    // may hold too many nodes.
    let brackets = text.bytes().filter(|&b| b == b'[' || b == b'{').count();
    let aliases_or_brackets = text.contains('*') || brackets > MAX_DEPTH;
    let measured_all = aliases_or_brackets || text.len() > MEASURE_ABOVE_BYTES;
    // A tag or a directive needs one of these.
    let tag_chars = text.contains('!') || text.contains('%');
    let pieces = crate::input::split::split(text);
    let mut file_nodes = 0u64;
    for (count, chunk) in pieces.chunks.iter().enumerate() {
        let index = chunk.number;
        let shift = |mut pos: Pos| {
            pos.line += chunk.first_line;
            pos
        };
        let parse =
            |piece: &str, shift: &dyn Fn(Pos) -> Pos| match serde_yaml::Deserializer::from_str(
                piece,
            )
            .next()
            {
                None => Ok(Value::Null),
                Some(de) => match Value::deserialize(de) {
                    Ok(value) => finish_value(Some(value), text, index, piece, tag_chars, shift),
                    // serde_yaml refuses what YAML 1.2 cannot read as its
                    // tag says (`!!int "0644"`) or as a 64-bit number;
                    // go-yaml reads both (420; a float).
                    Err(e) if is_value_error(&e) => {
                        finish_value(None, text, index, piece, tag_chars, shift)
                    }
                    Err(e) => {
                        let mut problem = problem_from(&e);
                        problem.pos = shift(problem.pos);
                        problem.message = shift_lines_in(&problem.message, chunk.first_line);
                        Err(problem)
                    }
                },
            };
        if count >= MAX_DOCUMENTS {
            take(Document {
                index,
                value: Err(too_large(
                    format!("the file holds more than {MAX_DOCUMENTS} YAML documents; the rest were not read"),
                    "Split the file into smaller files.",
                    Pos { line: 1, column: 1 },
                )),
            });
            return;
        }
        // Without aliases or many brackets, in a text of at most
        // `MEASURE_LAZILY_UP_TO_BYTES`, a small document can only be refused
        // for its depth: parsed first, it is measured only when that is in doubt.
        let early = (measured_all
            && !aliases_or_brackets
            && text.len() <= MEASURE_LAZILY_UP_TO_BYTES
            && chunk.text.len() <= MEASURE_ABOVE_BYTES)
            .then(|| parse(chunk.text, &shift))
            .filter(|v| {
                v.as_ref()
                    .is_ok_and(|v| !nests_deeper_than(v, MAX_DEPTH - 1))
            });
        let size = if measured_all && early.is_none() {
            position::measure(chunk.text, MAX_DEPTH)
        } else {
            position::TextSize::default()
        };
        // Checked before serde_yaml loads the document, which would read all
        // of it into memory; nothing after it can be reached without that.
        if let Some((_, pos)) = size.too_deep.filter(|(doc, _)| *doc == 0) {
            take(Document {
                index,
                value: Err(too_large(
                    format!("YAML: the document nests lists and objects deeper than {MAX_DEPTH} levels (recursion limit exceeded); the rest of the file was not read"),
                    "Reduce the nesting depth; Kubernetes objects are never nested this deeply.",
                    shift(pos),
                )),
            });
            return;
        }
        let measured = size.docs.first().map(|m| DocSize {
            start: shift(m.start),
            worst_alias: shift(m.worst_alias),
            ..*m
        });
        if let Some(m) = &measured {
            let over = if m.written > MAX_DOCUMENT_NODES {
                Some(format!("the document holds {} YAML nodes, over the limit of {MAX_DOCUMENT_NODES} per document", m.written))
            } else if file_nodes + m.written > MAX_FILE_NODES {
                Some(format!(
                    "the file holds more than {MAX_FILE_NODES} YAML nodes"
                ))
            } else {
                None
            };
            if let Some(what) = over {
                take(Document {
                    index,
                    value: Err(too_large(
                        format!("{what}; this document and the rest of the file were not read"),
                        "Split the file, or shorten the lists in the document; a Job has a few hundred nodes.",
                        // Its `---` line, or where its content starts.
                        if chunk.first_line > 0 && !chunk.text.starts_with("---") {
                            Pos { line: chunk.first_line, column: 1 }
                        } else {
                            m.start
                        },
                    )),
                });
                return;
            }
        }
        let refused = measured.as_ref().and_then(|m| {
            file_nodes += m.written;
            excessive_aliasing(m).or_else(|| {
                let grown = file_nodes - m.written + m.expanded;
                if m.expanded > MAX_DOCUMENT_NODES || grown > MAX_FILE_NODES {
                    Some(too_large(
                        format!("YAML: aliases expand the document to {} nodes, over the limit of {MAX_DOCUMENT_NODES} per document and {MAX_FILE_NODES} per file", m.expanded),
                        "Write the repeated parts out instead of referencing big anchors many times.",
                        m.worst_alias,
                    ))
                } else {
                    file_nodes = grown;
                    None
                }
            })
        });
        let value = match refused {
            Some(problem) => Err(problem),
            None => match early {
                Some(value) => value,
                None => parse(chunk.text, &shift),
            },
        };
        take(Document { index, value });
    }
    if let Some(bad) = pieces.bad {
        take(Document {
            index: bad.number,
            value: Err(ReadProblem {
                rule: rules::YAML_SYNTAX,
                message: format!(
                    "YAML: invalid Yaml document separator: {}; the rest of the file was not read",
                    bad.after
                ),
                help: "kubectl splits documents at every line that starts with `---`, and only a comment may follow it there: move the rest of the line to the next line.".into(),
                pos: Pos { line: bad.line, column: 4 },
            }),
        });
    }
}

/// Whether `v` holds lists and objects nested more than `levels` deep (the
/// root object is level 1).
fn nests_deeper_than(v: &Value, levels: usize) -> bool {
    match v {
        Value::Sequence(items) => {
            levels == 0 || items.iter().any(|i| nests_deeper_than(i, levels - 1))
        }
        Value::Mapping(m) => {
            levels == 0
                || m.iter().any(|(k, v)| {
                    nests_deeper_than(k, levels - 1) || nests_deeper_than(v, levels - 1)
                })
        }
        Value::Tagged(t) => nests_deeper_than(&t.value, levels),
        _ => false,
    }
}

/// From serde_yaml's value of one document to the value Kubernetes reads:
/// rebuilt with YAML 1.1 rules where they differ, then checked for what
/// sigs.k8s.io/yaml cannot convert to JSON.
fn finish_value(
    value: Option<Value>,
    text: &str,
    index: usize,
    chunk: &str,
    tag_chars: bool,
    shift: &dyn Fn(Pos) -> Pos,
) -> Result<Value, ReadProblem> {
    // serde_yaml applies core tags (`!!binary`, `!!str`...) its own way and
    // forgets them: a text with a core tag is rebuilt too.
    let mut scan = crate::input::yaml11::Scan::default();
    let value = match value {
        Some(v)
            if !(crate::input::yaml11::needs_rebuild(&v, chunk, &mut scan)
                || (tag_chars && has_core_tag(chunk))) =>
        {
            Ok(v)
        }
        _ => {
            scan = crate::input::yaml11::Scan {
                non_finite: true,
                odd_key: true,
            };
            Err(())
        }
    };
    let (non_finite, odd_key) = (scan.non_finite, scan.odd_key);
    let value = if let Ok(v) = value {
        v
    } else {
        crate::input::yaml11::rebuild(chunk).map_err(|r| ReadProblem {
            rule: rules::YAML_SYNTAX,
            message: format!("YAML: {}", r.message),
            help: if r.message.contains("duplicate entry") {
                "Remove one of the duplicate keys; kubectl's strict decoding refuses duplicates."
            } else if r.message.contains("merge") {
                "A merge key (`<<`) takes an object or a list of objects."
            } else {
                "Remove the tag, or write a value of the tag's type."
            }
            .into(),
            pos: shift(r.pos),
        })?
    };
    let where_ = |path: &FieldPath| PositionIndex::build(text).locate(index, path);
    let prefix = |path: &FieldPath| {
        if path.is_root() {
            String::new()
        } else {
            format!("{path}: ")
        }
    };
    if let Some((path, what)) = odd_key.then(|| unsupported_key(&value)).flatten() {
        return Err(ReadProblem {
            rule: rules::YAML_SYNTAX,
            message: format!(
                "YAML: {}a mapping key is {what}; Kubernetes keys must be strings, numbers or booleans",
                prefix(&path)
            ),
            help: "Write the key as a plain string; kubectl cannot convert this key to JSON.".into(),
            pos: where_(&path),
        });
    }
    if let Some((path, what)) = non_finite
        .then(|| crate::input::yaml11::non_finite(&value))
        .flatten()
    {
        return Err(ReadProblem {
            rule: rules::YAML_SYNTAX,
            message: format!(
                "YAML: {}json: unsupported value: {what} (YAML reads .inf and .nan as numbers JSON cannot carry)",
                prefix(&path)
            ),
            help: "Quote the value if it is text; no Job field holds an infinite or NaN number.".into(),
            pos: where_(&path),
        });
    }
    Ok(value)
}

/// Whether `chunk` may hold a tag of the YAML type repository (`!!int`,
/// `!<tag:yaml.org,2002:binary>`, or one a `%TAG` directive names).
fn has_core_tag(chunk: &str) -> bool {
    (chunk.contains('!') && (chunk.contains("!!") || chunk.contains("tag:yaml.org")))
        || chunk.contains("%TAG")
}

/// An error serde_yaml raises for a value it has read, not for the syntax.
fn is_value_error(e: &serde_yaml::Error) -> bool {
    let m = e.to_string();
    m.contains("invalid value: ") || out_of_range_integer(&m).is_some()
}

/// serde_yaml's messages name lines of the piece it read ("at line 3
/// column 1"); make them lines of the file.
fn shift_lines_in(message: &str, lines: usize) -> String {
    if lines == 0 || !message.contains("at line ") {
        return message.to_string();
    }
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find("at line ") {
        let (head, tail) = rest.split_at(i + "at line ".len());
        out.push_str(head);
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        match tail[..digits].parse::<usize>() {
            Ok(n) => out.push_str(&(n + lines).to_string()),
            Err(_) => out.push_str(&tail[..digits]),
        }
        rest = &tail[digits..];
    }
    out.push_str(rest);
    out
}

fn too_large(message: String, help: &str, pos: Pos) -> ReadProblem {
    ReadProblem {
        rule: rules::TOO_LARGE,
        message,
        help: help.into(),
        pos,
    }
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
    // serde_yaml reads integers of 65 to 128 bits as i128/u128, which its
    // Value cannot hold; say so plainly instead of "invalid type ... expected
    // any YAML value". kubectl refuses them too: no Job field holds them.
    if let Some(number) = out_of_range_integer(&message) {
        let field = message.split_once(": invalid type").map(|(f, _)| f);
        let message = match field {
            Some(f) if !f.is_empty() && !f.starts_with("invalid type") => {
                format!(
                    "YAML: {f}: the integer {number} is out of range: it does not fit in 64 bits"
                )
            }
            _ => format!("YAML: the integer {number} is out of range: it does not fit in 64 bits"),
        };
        return ReadProblem {
            rule: rules::YAML_SYNTAX,
            message,
            help: "Use a smaller number; Kubernetes integer fields hold at most 64 bits (most Job counts 32).".into(),
            pos,
        };
    }
    if raw.contains("recursion limit exceeded") {
        return ReadProblem {
            rule: rules::TOO_LARGE,
            message: format!("YAML: the document nests lists and objects deeper than {MAX_DEPTH} levels (recursion limit exceeded)"),
            help: "Reduce the nesting depth; Kubernetes objects are never nested this deeply.".into(),
            pos,
        };
    }
    let (rule, help) = if raw.contains("repetition limit exceeded") {
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

/// The first mapping key that sigs.k8s.io/yaml cannot turn into a JSON key
/// (a list, an object or null), with the path of its mapping. serde_yaml's
/// recursion limit bounds the depth of `v`.
fn unsupported_key(v: &Value) -> Option<(FieldPath, &'static str)> {
    let mut steps = Vec::new();
    let what = unsupported_key_steps(v, &mut steps)?;
    // Steps were pushed on the way back up.
    let path = steps.iter().rev().fold(FieldPath::root(), |p, s| match s {
        Ok(name) => p.field(name),
        Err(i) => p.index(*i),
    });
    Some((path, what))
}

/// Paths are built only on the way back from a find, so a clean document
/// allocates nothing. Steps are `Ok(key)` or `Err(index)`.
fn unsupported_key_steps(
    v: &Value,
    steps: &mut Vec<Result<String, usize>>,
) -> Option<&'static str> {
    match v {
        Value::Mapping(m) => {
            for (k, child) in m {
                let k = match k {
                    Value::Tagged(t) => &t.value,
                    k => k,
                };
                match k {
                    Value::Sequence(_) => return Some("a list"),
                    Value::Mapping(_) => return Some("an object"),
                    Value::Null => return Some("null"),
                    // sigs.k8s.io/yaml converts int and int64 keys, not uint64.
                    Value::Number(n) if n.as_i64().is_none() && n.as_u64().is_some() => {
                        return Some("an integer above 9223372036854775807")
                    }
                    Value::Tagged(_) => return Some("a tagged value"),
                    _ => {}
                }
                if let Some(what) = unsupported_key_steps(child, steps) {
                    steps.push(Ok(key_text(k)));
                    return Some(what);
                }
            }
            None
        }
        Value::Sequence(items) => items.iter().enumerate().find_map(|(i, item)| {
            let what = unsupported_key_steps(item, steps)?;
            steps.push(Err(i));
            Some(what)
        }),
        Value::Tagged(t) => unsupported_key_steps(&t.value, steps),
        _ => None,
    }
}

/// The digits of an integer serde_yaml refused as too wide for its Value.
fn out_of_range_integer(message: &str) -> Option<&str> {
    let rest = message.split_once("invalid type: integer `")?.1;
    let (number, tail) = rest.split_once('`')?;
    (tail.starts_with(" as u128") || tail.starts_with(" as i128")).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InputContent;

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
        let be: Vec<u8> = "kind: Job\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let e = decode(&InputContent::Bytes(&be)).unwrap_err();
        assert!(
            e.message.contains("UTF-16 text without a byte order mark"),
            "{}",
            e.message
        );
        let e = decode(&InputContent::Bytes(b"kind: Job\n\0\n")).unwrap_err();
        assert!(
            e.message.contains("NUL byte at line 2, column 1"),
            "{}",
            e.message
        );
    }

    #[test]
    fn documents_split_and_errors_stay_with_their_document() {
        // kubectl cuts the stream at `---` lines and decodes each piece on
        // its own: a syntax error does not hide the next document.
        let docs = load_documents("a: 1\n---\nb: [\n---\nc: 3\n");
        assert_eq!(docs.len(), 3);
        assert!(docs[0].value.is_ok());
        let e = docs[1].value.as_ref().unwrap_err();
        assert_eq!(e.rule.name, "yaml-syntax-error");
        assert!(e.pos.line >= 3, "{e:?}");
        assert!(docs[2].value.is_ok());
        // A `---` line with more than a comment after it ends the stream.
        let docs = load_documents("a: 1\n---\nb: 2\n--- !!map\nc: 3\n");
        assert_eq!(docs.len(), 2);
        let e = docs[1].value.as_ref().unwrap_err();
        assert_eq!(
            e.message,
            "YAML: invalid Yaml document separator: !!map; the rest of the file was not read"
        );
        assert_eq!(e.pos, Pos { line: 4, column: 4 });
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

    /// Found by `cargo fuzz run plan`: serde_yaml panicked on the document
    /// after one with an unknown alias ("unexpected end of sequence").
    #[test]
    fn unknown_alias_is_an_error_without_panic() {
        for text in [
            "b: *d\n",
            "[*d]\n",
            "a:\n  e: \n  e: \ne: [d,*d]",
            "a: 1\na: 2\nb: *d\n---\nc: 1\n",
        ] {
            let docs = load_documents(text);
            let first = docs.first().expect("one document");
            let e = first.value.as_ref().expect_err(text);
            assert_eq!(e.rule.name, "yaml-syntax-error", "{text:?}: {e:?}");
        }
    }

    /// Found by `cargo fuzz run plan` (round 3): a document refused for its
    /// alias expansion that also held an unknown alias made the reader go on
    /// mid-document, and serde_yaml panicked.
    #[test]
    fn refused_document_with_unknown_alias_stops_reading() {
        let ten = |x: &str| [x; 10].join(",");
        let text = format!(
            "a: &a [{}]\nb: &b [{}]\nc: &c [{}]\nd: [{}, *nope]\ne: [1]\n---\nf: 1\n",
            ten("1"),
            ten("*a"),
            ten("*b"),
            vec!["*c"; 110].join(",")
        );
        let docs = load_documents(&text);
        assert_eq!(docs.len(), 2);
        let e = docs[0].value.as_ref().unwrap_err();
        assert_eq!(e.rule.name, "input-too-large", "{e:?}");
        assert!(docs[1].value.is_ok(), "the next piece is read on its own");
    }

    #[test]
    fn one_anchor_referenced_many_times_is_refused() {
        let items = vec!["1"; 10_000].join(",");
        let refs = vec!["*x"; 10_000].join(",");
        let text = format!("a: 1\n---\nbase: &x [{items}]\nr: [{refs}]\n---\nc: 3\n");
        let docs = load_documents(&text);
        assert_eq!(docs.len(), 3);
        let e = docs[1].value.as_ref().unwrap_err();
        assert_eq!(e.rule.name, "input-too-large");
        assert!(e.message.contains("excessive aliasing"), "{}", e.message);
        assert_eq!(
            e.pos,
            Pos { line: 4, column: 5 },
            "the first alias of the bomb"
        );
        assert!(docs[0].value.is_ok() && docs[2].value.is_ok());
    }

    #[test]
    fn ordinary_aliases_are_allowed() {
        // 1,000 aliases of a 50-node anchor: 50,000 nodes, within the 99%
        // allowance and the per-document limit.
        let items = vec!["1"; 49].join(",");
        let refs = vec!["*x"; 1_000].join(",");
        let docs = load_documents(&format!("base: &x [{items}]\nr: [{refs}]\n"));
        assert!(docs[0].value.is_ok());
        assert_eq!(allowed_alias_ratio(0), 0.99);
        assert_eq!(allowed_alias_ratio(ALIAS_STRICT_NODES * 2), 0.10);
        let mid = allowed_alias_ratio((ALIAS_FREE_NODES + ALIAS_STRICT_NODES) / 2);
        assert!((mid - 0.545).abs() < 1e-9, "{mid}");
    }

    #[test]
    fn node_limits_stop_before_parsing() {
        // Per document: the big document and everything after it is not read.
        let big = format!("[{}]\n", vec!["0"; MAX_DOCUMENT_NODES as usize].join(","));
        let docs = load_documents(&format!("a: 1\n---\n{big}---\nb: 2\n"));
        assert_eq!(docs.len(), 2);
        let e = docs[1].value.as_ref().unwrap_err();
        assert_eq!(e.rule.name, "input-too-large");
        assert!(
            e.message.starts_with(
                "the document holds 100001 YAML nodes, over the limit of 100000 per document"
            ),
            "{}",
            e.message
        );
        assert_eq!(e.pos, Pos { line: 2, column: 1 }, "its `---`");
        // Aliases count as what they expand to; 3% is written, so go-yaml's
        // ratio rule lets this one pass.
        let items = vec!["0"; 999].join(",");
        let refs = vec!["*x"; 110].join(",");
        let filler = vec!["0"; 2_000].join(",");
        let docs = load_documents(&format!(
            "a: &x [{items}]\nb: [{refs}]\nc: [{filler}]\n---\nc: 1\n"
        ));
        let e = docs[0].value.as_ref().unwrap_err();
        assert!(
            e.message
                .contains("aliases expand the document to 113006 nodes"),
            "{}",
            e.message
        );
        assert!(docs[1].value.is_ok(), "the next document is still read");
        // Per file.
        let doc = format!("[{}]\n---\n", vec!["0"; 99_999].join(","));
        let docs = load_documents(&doc.repeat(11));
        assert_eq!(docs.len(), 11);
        assert!(docs[..10].iter().all(|d| d.value.is_ok()));
        let e = docs[10].value.as_ref().unwrap_err();
        assert!(
            e.message
                .starts_with("the file holds more than 1000000 YAML nodes"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_big_text_of_small_documents_is_measured_where_depth_is_in_doubt() {
        // Over 64 KiB, made of small documents without aliases or brackets:
        // they are parsed before they are measured, and a document nested too
        // deeply in block style still stops the file as the measuring pass does.
        let filler = format!("a: {}\n---\n", "x".repeat(600)).repeat(120);
        let deep = |levels: usize| format!("{}x\n", "- ".repeat(levels));
        let text = format!("{filler}{}---\nb: 2\n", deep(130));
        assert!(text.len() > MEASURE_ABOVE_BYTES);
        let docs = load_documents(&text);
        assert_eq!(docs.len(), 121, "the rest of the file is not read");
        assert!(docs[..120].iter().all(|d| d.value.is_ok()));
        let e = docs[120].value.as_ref().unwrap_err();
        assert!(
            e.message.starts_with(
                "YAML: the document nests lists and objects deeper than 128 levels (recursion limit exceeded); the rest of the file was not read"
            ),
            "{}",
            e.message
        );
        assert_eq!(e.pos.line, 241);
        // Deep, but within the limit: read, and so is the next document.
        let docs = load_documents(&format!("{filler}{}---\nb: 2\n", deep(127)));
        assert_eq!(docs.len(), 122);
        assert!(docs.iter().all(|d| d.value.is_ok()));
        assert!(nests_deeper_than(docs[120].value.as_ref().unwrap(), 126));
        assert!(!nests_deeper_than(docs[120].value.as_ref().unwrap(), 127));
    }

    #[test]
    fn integers_wider_than_64_bits_read_as_floats() {
        // go-yaml v2 reads an integer too wide for 64 bits as a float, and so
        // does Kubernetes; the planner then reports it out of range.
        let docs = load_documents("spec:\n  backoffLimit: 99999999999999999999999\n");
        let v = docs[0].value.as_ref().unwrap();
        assert_eq!(v["spec"]["backoffLimit"].as_f64(), Some(1e23));
    }

    #[test]
    fn keys_kubectl_cannot_convert_are_refused() {
        let docs = load_documents(
            "a: 1\nmetadata:\n  labels:\n    ? [x, y]\n    : v\n---\n{1: a, true: b}\n",
        );
        let e = docs[0].value.as_ref().unwrap_err();
        assert_eq!(
            e.message,
            "YAML: metadata.labels: a mapping key is a list; Kubernetes keys must be strings, numbers or booleans"
        );
        assert_eq!(e.pos, Pos { line: 3, column: 3 });
        assert!(docs[1].value.is_ok(), "numbers and booleans become strings");
    }

    #[test]
    fn json_text_equals_to_json() {
        let text = "a: 1\n2: [x, 1.5, true, null, 1e3]\nb: !tag {k: v}\ntrue: yes\n";
        let docs = load_documents(text);
        let v = docs[0].value.as_ref().unwrap().clone();
        let expected = to_json(&v);
        assert_eq!(expected["2"][1], serde_json::json!(1.5));
        assert_eq!(expected["b"]["k"], serde_json::json!("v"));
        assert_eq!(expected["2"][4], serde_json::json!(1000));
        assert_eq!(expected["true"], serde_json::json!(true));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json_text(&v)).unwrap(),
            expected
        );
        assert_eq!(
            json_raw(&v).get(),
            json_text(&v),
            "the same text, unchecked"
        );
    }

    #[test]
    fn merge_keys_are_applied() {
        let docs = load_documents("base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n");
        let v = docs[0].value.as_ref().unwrap();
        assert_eq!(v["c"]["x"], Value::from(1));
    }
}
