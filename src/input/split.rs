//! kubectl's document splitting: k8s.io/apimachinery/pkg/util/yaml's
//! `YAMLReader` as it is since v0.23 (kubernetes/kubernetes#103457,
//! kubectl 1.23 and later). A stream is cut at every line that starts with `---`; after the
//! `---` only spaces and a comment may follow, anything else is an error that
//! ends the stream ("invalid Yaml document separator"). Each piece is then
//! one YAML text of its own: go-yaml decodes its first document only, so a
//! `%YAML` directive or a `...` marker inside a piece acts within that piece.
//! Pieces that hold only blank and comment lines are dropped: they convert to
//! JSON `null`, which kubectl skips.

/// One piece of the stream: a document as kubectl reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk<'a> {
    pub text: &'a str,
    /// 0-based line of the text where the piece starts.
    pub first_line: usize,
    /// The document's number as YAML counts them (every `---` starts one,
    /// and so does content before the first `---`): the number findings
    /// show. Pieces kubectl skips keep their numbers, so the numbers of
    /// the documents after them do not move.
    pub number: usize,
}

/// A `---` line followed by something other than spaces and a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadSeparator {
    /// 1-based line.
    pub line: usize,
    /// What follows the `---`, trimmed.
    pub after: String,
    /// The number of the document it starts (see `Chunk::number`).
    pub number: usize,
}

/// The pieces of a stream, and the bad separator that ended it, if any.
#[derive(Debug, Default)]
pub struct Split<'a> {
    pub chunks: Vec<Chunk<'a>>,
    pub bad: Option<BadSeparator>,
}

/// Splits `text` as kubectl does.
pub fn split(text: &str) -> Split<'_> {
    let mut out = Split::default();
    // Most files hold one document and no `---` line: one scan decides.
    if !text.starts_with("---") && !text.contains("\n---") {
        if !text.is_empty() {
            push(&mut out, text, 0, 0, true);
        }
        return out;
    }
    // Start of the piece being read (byte offset and line), and whether any
    // line was added to it.
    let (mut start, mut start_line, mut open) = (0usize, 0usize, false);
    let mut offset = 0usize;
    // Separator lines so far, and up to the one that started the piece being
    // read; whether content came before the first one.
    let (mut separators, mut piece_separators, mut preamble) = (0usize, 0usize, false);
    for (line_no, line) in text.split_inclusive('\n').enumerate() {
        let next = offset + line.len();
        if let Some(after) = line.strip_prefix("---") {
            let after = after.trim();
            if !after.is_empty() && !after.starts_with('#') {
                out.bad = Some(BadSeparator {
                    line: line_no + 1,
                    after: after.to_string(),
                    number: (separators + 1 + preamble as usize).saturating_sub(1),
                });
                return out;
            }
            if open {
                // The piece ends here; the `---` line belongs to no piece.
                push(
                    &mut out,
                    &text[start..offset],
                    start_line,
                    piece_separators,
                    preamble,
                );
            }
            separators += 1;
            piece_separators = separators;
            if open {
                start = next;
                start_line = line_no + 1;
                open = false;
            } else {
                // YAMLReader keeps a `---` line that ends nothing (the first
                // line, or the second of two): it starts the next piece.
                start = offset;
                start_line = line_no;
                open = true;
            }
        } else {
            open = true;
            if separators == 0 && !preamble && !is_blank_or_comment(line) {
                preamble = true;
            }
        }
        offset = next;
    }
    if open {
        push(
            &mut out,
            &text[start..],
            start_line,
            piece_separators,
            preamble,
        );
    }
    out
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

fn push<'a>(
    out: &mut Split<'a>,
    text: &'a str,
    first_line: usize,
    separators: usize,
    preamble: bool,
) {
    if !text.lines().all(is_blank_or_comment) {
        out.chunks.push(Chunk {
            text,
            first_line,
            number: (separators + preamble as usize).saturating_sub(1),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<(&str, usize)> {
        split(t)
            .chunks
            .iter()
            .map(|c| (c.text, c.first_line))
            .collect()
    }

    fn numbers(t: &str) -> Vec<usize> {
        split(t).chunks.iter().map(|c| c.number).collect()
    }

    #[test]
    fn documents_keep_the_numbers_yaml_gives_them() {
        assert_eq!(numbers("a\n---\nb\n"), [0, 1]);
        assert_eq!(numbers("---\na\n---\nb\n"), [0, 1]);
        assert_eq!(numbers("# c\n---\na\n---\nb\n"), [0, 1]);
        assert_eq!(numbers("a\n---\n---\nb\n"), [0, 2]);
        assert_eq!(numbers("a\n---\n# c\n---\nb\n"), [0, 2]);
        assert_eq!(split("a\n--- x\n").bad.map(|b| b.number), Some(1));
        assert_eq!(split("--- x\n").bad.map(|b| b.number), Some(0));
    }

    #[test]
    fn splits_on_dash_lines_as_kubectl() {
        assert_eq!(
            texts("a: 1\n---\nb: 2\n--- # c\nc: 3"),
            [("a: 1\n", 0), ("b: 2\n", 2), ("c: 3", 4)]
        );
        // A `---` that ends no piece starts the next one, as in YAMLReader.
        assert_eq!(
            texts("---\na: 1\n---\n---\n"),
            [("---\na: 1\n", 0), ("---\n", 3)]
        );
        assert_eq!(texts("# only\n---\n\n# c\n---\na: 1\n"), [("a: 1\n", 5)]);
        assert_eq!(texts("--- \r\na: 1\r\n"), [("--- \r\na: 1\r\n", 0)]);
        // Not at the start of a line: not a separator.
        assert_eq!(texts("a: |\n  ---\n"), [("a: |\n  ---\n", 0)]);
        let s = split("a: 1\n--- !!map\nb: 2\n");
        assert_eq!(s.chunks, []);
        assert_eq!(
            s.bad,
            Some(BadSeparator {
                line: 2,
                after: "!!map".into(),
                number: 1,
            })
        );
        assert_eq!(split("----\n").bad.map(|b| b.after), Some("-".into()));
        assert!(split("").chunks.is_empty());
    }
}
