//! Positions read only as far into a document as a question needs.
//!
//! Most findings are about fields near the top of a Job (`metadata.name`),
//! and the second pass over libyaml's events then need not read the rest of
//! the document. A path is answered early only when the answer cannot change
//! with what follows: every step is found in the mapping or list itself (not
//! through a merge key), and no key of the path is a text that another key
//! could also stand for (YAML 1.1 reads `yes:` as `true`, a tag keeps a
//! key's text as written; a document's keys are otherwise unique, or
//! serde_yaml would have refused the document).

use super::{Builder, Children, DocPositions, Event, EventParser, PositionIndex};
use crate::input::pos::Pos;
use crate::path::{FieldPath, Seg};

/// Events read between two attempts to answer (one in tests, so that they
/// see every state a reading passes through).
const BATCH: usize = if cfg!(test) { 1 } else { 32 };

/// A document being read: the parser and what it built so far.
pub(super) struct Partial {
    parser: EventParser,
    builder: Builder,
    /// The document may hold a tag: a tagged key keeps its text as written
    /// (`!!bool yes`), which a later key may repeat; answers wait for the end.
    tagged: bool,
    /// No more events will come (the document ended, or a limit was reached).
    stopped: bool,
}

impl std::fmt::Debug for Partial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Partial")
    }
}

impl Partial {
    pub(super) fn new(text: &str) -> Partial {
        Partial {
            parser: EventParser::new(text.as_bytes()),
            builder: Builder::default(),
            tagged: text.contains('!'),
            stopped: false,
        }
    }

    /// Feeds up to `n` events to the builder, exactly as a full reading
    /// does; false once no more will come.
    fn feed(&mut self, n: usize) -> bool {
        for _ in 0..n {
            if self.stopped {
                break;
            }
            match self.parser.next() {
                Some(event) => {
                    let end = matches!(event, Event::DocEnd);
                    self.stopped = !self.builder.push(event) || end;
                }
                None => self.stopped = true,
            }
        }
        !self.stopped
    }

    /// Reads the rest: the document's positions, lines counted from `first_line`.
    pub(super) fn finish(mut self, first_line: usize) -> DocPositions {
        while self.feed(usize::MAX) {}
        let mut d = self.builder.finish().into_iter().next().unwrap_or_default();
        d.shift(first_line);
        d
    }

    /// The position of `path` and the scalar written there, if every step of
    /// it is already read (positions not yet shifted).
    fn direct(&self, path: &FieldPath) -> Option<(Pos, Option<String>)> {
        if self.tagged {
            return None;
        }
        let d = &self.builder.cur;
        let mut node = d.root?;
        let mut pos = d.nodes[node].pos;
        for seg in path.segs() {
            let (p, next) = match (&d.nodes[node].children, seg) {
                (Children::Map(entries), Seg::Field(k) | Seg::Key(k)) => entries
                    .iter()
                    .rev()
                    .find(|(key, _, _)| key == k)
                    .map(|(_, p, v)| (*p, *v))?,
                (Children::Seq(items), Seg::Index(i)) => {
                    items.get(*i).map(|&v| (d.nodes[v].pos, v))?
                }
                _ => return None,
            };
            pos = p;
            node = next;
        }
        let text = match &d.nodes[node].children {
            Children::Scalar(text) => Some(text.clone()),
            _ => None,
        };
        Some((pos, text))
    }
}

/// Whether a key can be matched before the whole mapping is read: no text
/// that YAML 1.1 gives a converted key (`true`, `false`, `null`, a number)
/// can equal it.
fn unambiguous(seg: &Seg) -> bool {
    match seg {
        Seg::Index(_) => true,
        Seg::Field(k) | Seg::Key(k) => {
            k.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && !matches!(&**k, "true" | "false" | "null")
        }
    }
}

impl PositionIndex<'_> {
    /// `locate(doc, path)` and `scalar_text(doc, path)` at once, reading the
    /// document only as far as the answer needs when it can.
    pub fn find(&self, doc: usize, path: &FieldPath) -> (Pos, Option<String>) {
        let early = self.docs.get(doc).is_some_and(|d| d.get().is_none())
            && path.segs().iter().all(unambiguous);
        if let (true, Some(Some((text, first_line)))) = (early, self.chunks.get(doc)) {
            let mut slot = self.partial[doc].borrow_mut();
            let partial = slot.get_or_insert_with(|| Partial::new(text));
            loop {
                if let Some((mut pos, written)) = partial.direct(path) {
                    pos.line += first_line;
                    return (pos, written);
                }
                if !partial.feed(BATCH) {
                    break;
                }
            }
            // The rest of the document is read below (`doc` takes it over).
        }
        let written = self.scalar_text(doc, path).map(str::to_string);
        (self.locate(doc, path), written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every path of document `doc` (as the full reading has it), and each
    /// with a step that does not exist.
    fn paths(index: &PositionIndex, doc: usize) -> Vec<FieldPath> {
        let d = index.doc(doc).unwrap();
        let mut out = Vec::new();
        let mut stack: Vec<(usize, FieldPath)> =
            d.root.map(|r| (r, FieldPath::root())).into_iter().collect();
        while let Some((node, path)) = stack.pop() {
            if out.len() > 500 {
                break;
            }
            out.push(path.field("missing"));
            out.push(path.index(99));
            match &d.nodes[node].children {
                Children::Map(entries) => {
                    for (k, _, v) in entries {
                        stack.push((*v, path.field(k)));
                    }
                }
                Children::Seq(items) => {
                    for (i, v) in items.iter().enumerate() {
                        stack.push((*v, path.index(i)));
                    }
                }
                Children::Scalar(_) => {}
            }
            out.push(path);
        }
        out
    }

    #[test]
    fn answers_read_early_equal_the_full_reading() {
        let texts = [
            "# c\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\n  labels: {app: x, \"true\": y}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: busybox\n        args: [a, 'b', \"c\"]\n",
            "base: &b {name: from-base, image: i}\nspec:\n  <<: *b\n  name: own\nlist:\n- <<: *b\n- *b\n",
            "a: 1\ntrue: x\nyes: y\n\"yes\": z\n1: one\nnull: n\n~: t\n",
            "!!map\nk: !!str v\n!!str yes: a\n!!bool yes: b\nname: x\n",
            "metadata:\n  name: n\n---\nspec: {x: [1, 2, {y: z}]}\n",
            "first: 1\n--- \nsecond: [a, *unknown]\n",
            "&k name: v\nother: *k\nlast: [*k]\n",
            "items:\n- kind: Job\n  metadata: {name: a}\n- kind: Job\n  metadata:\n    name: b\n",
        ];
        for text in texts {
            let full = PositionIndex::build(text);
            for doc in 0..full.docs.len() {
                if full.chunks[doc].is_none() {
                    continue;
                }
                for path in paths(&full, doc) {
                    let expected = (
                        full.locate(doc, &path),
                        full.scalar_text(doc, &path).map(str::to_string),
                    );
                    // A fresh index for each path, so that it is read early.
                    let early = PositionIndex::build(text);
                    assert_eq!(
                        early.find(doc, &path),
                        expected,
                        "{text:?} doc {doc} {path}"
                    );
                    // And the same index asked again, after its partial reading.
                    assert_eq!(
                        early.find(doc, &path),
                        expected,
                        "{text:?} doc {doc} {path} again"
                    );
                    assert_eq!(early.locate(doc, &path), expected.0);
                }
            }
        }
        // The early answer is taken where it can be: the first key of a
        // document is found without reading it all.
        let long = format!(
            "metadata:\n  name: a\nspec:\n{}",
            "  x: 1\n".repeat(2000).replacen("x", "y", 1)
        );
        let index = PositionIndex::build(&long);
        let path = FieldPath::root().field("metadata").field("name");
        assert_eq!(
            index.find(0, &path),
            (Pos { line: 2, column: 3 }, Some("a".into()))
        );
        assert!(index.docs[0].get().is_none(), "not read to the end");
    }
}
