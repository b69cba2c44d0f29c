//! From input bytes to text: decide that the input is UTF-8 text (not binary,
//! not UTF-16, within the size limit) and return it without a BOM.

use super::position::Pos;
use super::rules;
use crate::limits::MAX_FILE_BYTES;
use crate::model::InputContent;
use crate::rules::Rule;
use std::borrow::Cow;

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
        if looks_utf16(text.as_bytes()) {
            return Err(not_text(
                "the file looks like UTF-16 text without a byte order mark (every other byte is NUL)".into(),
                "Save the file as UTF-8.",
                Pos { line: 1, column: 1 },
            ));
        }
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

/// ASCII text saved as UTF-16 without a BOM: nearly every byte at even (or
/// at odd) offsets of the start is NUL.
fn looks_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(256) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return false;
    }
    let nul_at = |start: usize| {
        head.iter()
            .skip(start)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    nul_at(0) * 10 >= pairs * 9 || nul_at(1) * 10 >= pairs * 9
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
