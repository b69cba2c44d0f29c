//! Line and column of every field path, read from libyaml's events.
//!
//! serde_yaml gives values but not positions, so a second, cheap pass over the
//! same libyaml event stream records where each mapping key and sequence item
//! starts. The pass runs only for documents that have findings (positions
//! are computed lazily, see also `partial`), is iterative (deep nesting cannot overflow the stack) and
//! stores aliases as references, so alias bombs cost nothing here.

pub use super::pos::Pos;
pub use super::scalar::ScalarEvent;
use crate::limits::{MAX_DEPTH, MAX_POSITION_NODES};
use crate::path::{FieldPath, Seg};

mod partial;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::mem::MaybeUninit;
use unsafe_libyaml as unsafe_yaml;

impl Pos {
    fn from_mark(mark: unsafe_yaml::yaml_mark_t) -> Pos {
        Pos {
            line: mark.line as usize + 1,
            column: mark.column as usize + 1,
        }
    }
}

#[derive(Debug)]
enum Children {
    Scalar(String),
    /// Entries in source order: key text, key position, value node.
    Map(Vec<(String, Pos, usize)>),
    Seq(Vec<usize>),
}

#[derive(Debug)]
struct Node {
    pos: Pos,
    children: Children,
}

/// Positions of one YAML document.
#[derive(Debug, Default)]
pub struct DocPositions {
    nodes: Vec<Node>,
    root: Option<usize>,
    /// Where the document starts (its `---` or its first node).
    start: Pos,
}

/// Positions of every document of one file, in document order. Each
/// document's positions are read the first time they are asked for, so a file
/// of many documents pays the second pass only for those that have findings.
#[derive(Debug, Default)]
pub struct PositionIndex<'a> {
    /// By document number: its text and the line it starts on, `None` for a
    /// number kubectl skips (see `Chunk::number`).
    chunks: Vec<Option<(&'a str, usize)>>,
    docs: Vec<OnceCell<DocPositions>>,
    /// Documents read part of the way (see `PositionIndex::find`).
    partial: Vec<std::cell::RefCell<Option<partial::Partial>>>,
}

impl<'a> PositionIndex<'a> {
    /// The index of `text`. Parsing stops silently at the first syntax
    /// error: the syntax error itself is reported with serde_yaml's position.
    ///
    /// Documents are the pieces kubectl cuts the text into
    /// (`crate::input::split`), each read as a YAML text of its own (its first
    /// document), with lines counted from the start of `text`.
    pub fn build(text: &'a str) -> PositionIndex<'a> {
        let mut chunks = Vec::new();
        for chunk in crate::input::split::split(text).chunks {
            // Documents kubectl skips keep their numbers.
            chunks.resize(chunk.number, None);
            chunks.push(Some((chunk.text, chunk.first_line)));
        }
        let docs = chunks.iter().map(|_| OnceCell::new()).collect();
        let partial = chunks.iter().map(|_| Default::default()).collect();
        PositionIndex {
            chunks,
            docs,
            partial,
        }
    }

    /// The positions of document `doc`, read on first use.
    fn doc(&self, doc: usize) -> Option<&DocPositions> {
        let cell = self.docs.get(doc)?;
        Some(cell.get_or_init(|| {
            match self.chunks[doc] {
                // Read to the end, from where a partial reading stopped if any.
                Some((text, first_line)) => self.partial[doc]
                    .take()
                    .unwrap_or_else(|| partial::Partial::new(text))
                    .finish(first_line),
                None => DocPositions::default(),
            }
        }))
    }

    /// Position of `path` in document `doc`; for a path that does not exist,
    /// the position of its nearest existing parent; for an unknown document,
    /// line 1, column 1.
    pub fn locate(&self, doc: usize, path: &FieldPath) -> Pos {
        let Some(d) = self.doc(doc) else {
            return Pos { line: 1, column: 1 };
        };
        let Some(mut node) = d.root else {
            return d.start;
        };
        let mut pos = d.nodes[node].pos;
        for seg in path.segs() {
            match d.child(node, seg) {
                Some((p, next)) => {
                    pos = p;
                    node = next;
                }
                None => break,
            }
        }
        pos
    }
}

impl PositionIndex<'_> {
    /// The scalar written at `path` of document `doc`, as written (without
    /// its quotes), if the path leads to a scalar.
    pub fn scalar_text(&self, doc: usize, path: &FieldPath) -> Option<&str> {
        let d = self.doc(doc)?;
        let mut node = d.root?;
        for seg in path.segs() {
            node = d.child(node, seg)?.1;
        }
        match &d.nodes[node].children {
            Children::Scalar(text) => Some(text),
            _ => None,
        }
    }

    /// The first key that appears twice in one mapping of document `doc`
    /// (depth-first, in source order): its path and the second occurrence.
    pub fn find_duplicate_key(&self, doc: usize) -> Option<(FieldPath, Pos)> {
        let d = self.doc(doc)?;
        let mut stack = vec![(d.root?, FieldPath::root())];
        let mut visited = std::collections::HashSet::new();
        while let Some((node, path)) = stack.pop() {
            if !visited.insert(node) {
                continue;
            }
            match &d.nodes[node].children {
                Children::Map(entries) => {
                    let mut seen = std::collections::HashSet::new();
                    for (key, pos, _) in entries {
                        if !seen.insert(key.as_str()) {
                            return Some((path.field(key), *pos));
                        }
                    }
                    for (key, _, v) in entries.iter().rev() {
                        stack.push((*v, path.field(key)));
                    }
                }
                Children::Seq(items) => {
                    for (i, v) in items.iter().enumerate().rev() {
                        stack.push((*v, path.index(i)));
                    }
                }
                Children::Scalar(_) => {}
            }
        }
        None
    }
}

impl DocPositions {
    /// Moves every position down by `lines`.
    fn shift(&mut self, lines: usize) {
        self.start.line += lines;
        for node in &mut self.nodes {
            node.pos.line += lines;
            if let Children::Map(entries) = &mut node.children {
                for (_, pos, _) in entries {
                    pos.line += lines;
                }
            }
        }
    }

    /// Finds a child by key or index. Keys are looked up in the mapping
    /// itself first, then through YAML merge keys (`<<`), as kubectl merges them.
    fn child(&self, node: usize, seg: &Seg) -> Option<(Pos, usize)> {
        self.child_depth(node, seg, 0)
    }

    fn child_depth(&self, node: usize, seg: &Seg, depth: usize) -> Option<(Pos, usize)> {
        if depth > 16 {
            return None;
        }
        match (&self.nodes[node].children, seg) {
            (Children::Map(entries), Seg::Field(k) | Seg::Key(k)) => {
                if let Some((_, pos, v)) = entries.iter().rev().find(|(key, _, _)| key == k) {
                    return Some((*pos, *v));
                }
                for (key, _, v) in entries {
                    if key == "<<" {
                        let sources: Vec<usize> = match &self.nodes[*v].children {
                            Children::Seq(items) => items.clone(),
                            _ => vec![*v],
                        };
                        for s in sources {
                            if let Some(found) = self.child_depth(s, seg, depth + 1) {
                                return Some(found);
                            }
                        }
                    }
                }
                None
            }
            (Children::Seq(items), Seg::Index(i)) => items.get(*i).map(|&v| (self.nodes[v].pos, v)),
            _ => None,
        }
    }
}

/// The size of one document, measured from events without building it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocSize {
    /// Where the document starts.
    pub start: Pos,
    /// Nodes written in the document (every scalar, collection and alias once).
    pub written: u64,
    /// Nodes after every alias is replaced by a copy of its anchored node, as
    /// serde_yaml expands them into a value tree.
    pub expanded: u64,
    /// Where the alias with the largest expansion is (the likely bomb).
    pub worst_alias: Pos,
    /// An alias names no earlier anchor of the document: serde_yaml stops
    /// reading there, so the sizes say nothing about what it would expand.
    pub unknown_alias: bool,
}

impl DocSize {
    /// Nodes that exist only because of aliases.
    pub fn aliased(&self) -> u64 {
        self.expanded.saturating_sub(self.written)
    }
}

/// Sizes of the documents of one text, in document order.
#[derive(Debug, Default)]
pub struct TextSize {
    pub docs: Vec<DocSize>,
    /// The first collection nested deeper than the depth limit: its document
    /// index and position. Measuring stops there.
    pub too_deep: Option<(usize, Pos)>,
}

/// Measures every document of `text` in one pass over libyaml's events,
/// without building anything: each anchor's expanded size is computed once
/// when its node ends and an alias adds that size to its parent (saturating,
/// so even a billion-laughs document costs one pass). Stops at the first
/// syntax error (later documents are not listed) and at the first collection
/// nested deeper than `max_depth`: libyaml's scanner does work proportional to
/// the flow depth for every token, so a 100,000-deep `{a: {a: ...}}` costs
/// minutes to read in full but microseconds up to the limit.
pub fn measure(text: &str, max_depth: usize) -> TextSize {
    let mut out = TextSize::default();
    let mut parser = EventParser::new(text.as_bytes());
    // Open collections: anchor name and expanded size so far.
    let mut stack: Vec<(Option<String>, u64)> = Vec::new();
    let mut anchors: HashMap<String, u64> = HashMap::new();
    let mut cur: Option<DocSize> = None;
    let mut worst = 0u64;
    while let Some(event) = parser.next() {
        // Size of a finished node to add to its parent (or as the root).
        let (done, anchor) = match event {
            Event::DocStart(pos) => {
                cur = Some(DocSize {
                    start: pos,
                    written: 0,
                    expanded: 0,
                    worst_alias: pos,
                    unknown_alias: false,
                });
                worst = 0;
                stack.clear();
                anchors.clear();
                continue;
            }
            Event::DocEnd => {
                out.docs.extend(cur.take());
                continue;
            }
            Event::SeqStart(pos, anchor) | Event::MapStart(pos, anchor) => {
                if stack.len() >= max_depth {
                    out.too_deep = Some((out.docs.len(), pos));
                    return out;
                }
                if let Some(c) = cur.as_mut() {
                    c.written += 1;
                }
                stack.push((anchor, 1));
                continue;
            }
            Event::Scalar(ev) => {
                if let Some(c) = cur.as_mut() {
                    c.written += 1;
                }
                (1, ev.anchor)
            }
            Event::End => match stack.pop() {
                Some((anchor, size)) => (size, anchor),
                None => continue,
            },
            Event::Alias(pos, name) => {
                // An unknown anchor is serde_yaml's error to report; count it as one node.
                let size = anchors.get(&name).copied();
                let Some(c) = cur.as_mut() else { continue };
                c.written += 1;
                c.unknown_alias |= size.is_none();
                let size = size.unwrap_or(1);
                if size > worst {
                    worst = size;
                    c.worst_alias = pos;
                }
                (size, None)
            }
        };
        if let Some(a) = anchor {
            anchors.insert(a, done);
        }
        match stack.last_mut() {
            Some((_, parent)) => *parent = parent.saturating_add(done),
            None => {
                if let Some(c) = cur.as_mut() {
                    c.expanded = c.expanded.saturating_add(done);
                }
            }
        }
    }
    out.docs.extend(cur);
    out
}

/// The nodes of one document as libyaml reports them, aliases pointing at
/// their anchored node: what `crate::input::yaml11` rebuilds values from.
#[derive(Debug, Default)]
pub struct EventTree {
    pub nodes: Vec<TreeNode>,
    pub root: Option<usize>,
    anchored: Vec<bool>,
    /// An alias of an unknown anchor (or of a collection still open): its
    /// anchor and position. The tree stops there.
    pub unknown_alias: Option<(String, Pos)>,
    /// libyaml's syntax error and its position, if the document has one.
    pub syntax_error: Option<(String, Pos)>,
}

#[derive(Debug)]
pub struct TreeNode {
    pub pos: Pos,
    pub kind: TreeKind,
}

#[derive(Debug)]
pub enum TreeKind {
    Scalar(ScalarEvent),
    Seq(Vec<usize>),
    /// Key and value nodes, in source order.
    Map(Vec<(usize, usize)>),
}

impl EventTree {
    /// The tree of the first document of `text`. Stops silently at a syntax
    /// error (callers only use texts serde_yaml has read without one).
    pub fn first_document(text: &str) -> EventTree {
        let mut tree = EventTree::default();
        let mut parser = EventParser::new(text.as_bytes());
        let mut anchors: HashMap<String, usize> = HashMap::new();
        // Open collections, and for mappings a key waiting for its value.
        let mut stack: Vec<(usize, Option<usize>)> = Vec::new();
        while let Some(event) = parser.next() {
            let (id, open) = match event {
                Event::DocStart(_) => continue,
                Event::DocEnd => break,
                Event::End => {
                    stack.pop();
                    continue;
                }
                // An alias of an unknown anchor, or of a collection still
                // open (a cycle): serde_yaml refuses both.
                Event::Alias(pos, name) => match anchors.get(&name) {
                    Some(&id) if !stack.iter().any(|(open, _)| *open == id) => (id, false),
                    _ => {
                        tree.unknown_alias = Some((name, pos));
                        break;
                    }
                },
                Event::Scalar(ev) => {
                    let anchor = ev.anchor.clone();
                    (
                        tree.add(ev.pos, TreeKind::Scalar(ev), anchor, &mut anchors),
                        false,
                    )
                }
                Event::SeqStart(pos, anchor) => (
                    tree.add(pos, TreeKind::Seq(Vec::new()), anchor, &mut anchors),
                    true,
                ),
                Event::MapStart(pos, anchor) => (
                    tree.add(pos, TreeKind::Map(Vec::new()), anchor, &mut anchors),
                    true,
                ),
            };
            match stack.last_mut() {
                None => {
                    tree.root.get_or_insert(id);
                }
                Some((parent, pending)) => {
                    let parent = *parent;
                    match &mut tree.nodes[parent].kind {
                        TreeKind::Seq(items) => items.push(id),
                        TreeKind::Map(entries) => match pending.take() {
                            None => *pending = Some(id),
                            Some(key) => entries.push((key, id)),
                        },
                        TreeKind::Scalar(_) => {}
                    }
                }
            }
            if open {
                stack.push((id, None));
            }
        }
        tree.syntax_error = parser.error.take();
        tree
    }

    fn add(
        &mut self,
        pos: Pos,
        kind: TreeKind,
        anchor: Option<String>,
        anchors: &mut HashMap<String, usize>,
    ) -> usize {
        let id = self.nodes.len();
        self.nodes.push(TreeNode { pos, kind });
        self.anchored.push(anchor.is_some());
        if let Some(a) = anchor {
            anchors.insert(a, id);
        }
        id
    }

    /// Whether node `id` has an anchor (its value may be used again).
    pub fn anchored(&self, id: usize) -> bool {
        self.anchored.get(id).copied().unwrap_or(false)
    }
}

enum Event {
    DocStart(Pos),
    DocEnd,
    Scalar(ScalarEvent),
    SeqStart(Pos, Option<String>),
    MapStart(Pos, Option<String>),
    End,
    Alias(Pos, String),
}

#[derive(Default)]
struct Builder {
    docs: Vec<DocPositions>,
    cur: DocPositions,
    in_doc: bool,
    /// Open collections: node index, and for mappings the pending key.
    stack: Vec<(usize, Option<(String, Pos)>)>,
    anchors: HashMap<String, usize>,
    total_nodes: usize,
}

impl Builder {
    /// Returns false when the builder wants no more events.
    fn push(&mut self, event: Event) -> bool {
        match event {
            Event::DocStart(pos) => {
                self.cur = DocPositions {
                    start: pos,
                    ..Default::default()
                };
                self.in_doc = true;
                self.stack.clear();
                self.anchors.clear();
            }
            Event::DocEnd => {
                self.docs.push(std::mem::take(&mut self.cur));
                self.in_doc = false;
            }
            Event::Scalar(ev) => {
                let pos = ev.pos;
                // A plain key that YAML 1.1 reads as a boolean or a number
                // is found by its JSON text (`yes:` by "true").
                let is_key = self.stack.last().is_some_and(|(parent, pending)| {
                    pending.is_none()
                        && matches!(self.cur.nodes[*parent].children, Children::Map(_))
                });
                let text = if is_key
                    && ev.plain
                    && ev.tag.is_none()
                    && super::scalar::differs_if_plain(&ev.text)
                {
                    match super::scalar::scalar_value(&ev) {
                        Ok(serde_yaml::Value::String(s)) => s,
                        Ok(v) => super::json::key_text(&v),
                        Err(_) => ev.text,
                    }
                } else {
                    ev.text
                };
                let id = self.add(pos, Children::Scalar(text), ev.anchor);
                self.attach(id, pos);
            }
            Event::SeqStart(pos, anchor) => {
                let id = self.add(pos, Children::Seq(Vec::new()), anchor);
                self.attach(id, pos);
                self.stack.push((id, None));
            }
            Event::MapStart(pos, anchor) => {
                let id = self.add(pos, Children::Map(Vec::new()), anchor);
                self.attach(id, pos);
                self.stack.push((id, None));
            }
            Event::End => {
                self.stack.pop();
            }
            Event::Alias(pos, name) => match self.anchors.get(&name) {
                Some(&id) => self.attach(id, pos),
                None => {
                    // Unknown anchor: serde_yaml reports it; record a scalar so
                    // the surrounding mapping stays aligned.
                    let id = self.add(pos, Children::Scalar(String::new()), None);
                    self.attach(id, pos);
                }
            },
        }
        // Past the depth limit nothing is parsed into values anyway, and
        // libyaml's scanning cost grows with the flow depth (see `measure`).
        self.total_nodes <= MAX_POSITION_NODES && self.stack.len() <= MAX_DEPTH
    }

    fn add(&mut self, pos: Pos, children: Children, anchor: Option<String>) -> usize {
        let id = self.cur.nodes.len();
        self.cur.nodes.push(Node { pos, children });
        self.total_nodes += 1;
        if let Some(a) = anchor {
            self.anchors.insert(a, id);
        }
        id
    }

    /// Places node `id` into the open collection (or as the root).
    fn attach(&mut self, id: usize, pos: Pos) {
        let Some((parent, pending)) = self.stack.last_mut() else {
            if self.cur.root.is_none() {
                self.cur.root = Some(id);
            }
            return;
        };
        let parent = *parent;
        let is_map = matches!(self.cur.nodes[parent].children, Children::Map(_));
        if !is_map {
            if let Children::Seq(items) = &mut self.cur.nodes[parent].children {
                items.push(id);
            }
            return;
        }
        match pending.take() {
            None => {
                // This node is a key. Only scalar keys can be addressed by a
                // path; others get a text that no path segment equals.
                // Moved out: no path reaches a key node, only its text, unless
                // an alias repeats it as a value.
                let aliased = self.anchors.values().any(|&a| a == id);
                let key = match &mut self.cur.nodes[id].children {
                    Children::Scalar(s) if aliased => s.clone(),
                    Children::Scalar(s) => std::mem::take(s),
                    _ => "\u{0}complex-key".to_string(),
                };
                *pending = Some((key, pos));
            }
            Some((key, key_pos)) => {
                if let Children::Map(entries) = &mut self.cur.nodes[parent].children {
                    entries.push((key, key_pos, id));
                }
            }
        }
    }

    fn finish(mut self) -> Vec<DocPositions> {
        if self.in_doc {
            self.docs.push(std::mem::take(&mut self.cur));
        }
        self.docs
    }
}

/// A minimal safe wrapper around libyaml's pull parser.
struct EventParser {
    // Boxed so the parser never moves after initialisation: libyaml keeps
    // pointers into its own state.
    parser: Box<MaybeUninit<unsafe_yaml::yaml_parser_t>>,
    initialized: bool,
    done: bool,
    /// libyaml's problem and its position, once parsing failed.
    error: Option<(String, Pos)>,
    // Keeps the input alive as long as the parser reads it.
    _input: Vec<u8>,
}

impl EventParser {
    fn new(input: &[u8]) -> EventParser {
        let input = input.to_vec();
        let mut parser: Box<MaybeUninit<unsafe_yaml::yaml_parser_t>> =
            Box::new(MaybeUninit::uninit());
        // SAFETY: the parser is initialised in place before any other call and
        // deleted in Drop; the input buffer lives in `self` and is never mutated.
        let ok = unsafe {
            let p = parser.as_mut_ptr();
            if unsafe_yaml::yaml_parser_initialize(p).fail {
                false
            } else {
                unsafe_yaml::yaml_parser_set_encoding(p, unsafe_yaml::YAML_UTF8_ENCODING);
                unsafe_yaml::yaml_parser_set_input_string(p, input.as_ptr(), input.len() as u64);
                true
            }
        };
        EventParser {
            parser,
            initialized: ok,
            done: !ok,
            error: None,
            _input: input,
        }
    }

    fn next(&mut self) -> Option<Event> {
        if self.done {
            return None;
        }
        let mut raw = MaybeUninit::<unsafe_yaml::yaml_event_t>::uninit();
        // SAFETY: the parser was initialised (done is false); the event is
        // read only after a successful parse and deleted right after.
        unsafe {
            let p = self.parser.as_mut_ptr();
            let ev = raw.as_mut_ptr();
            if unsafe_yaml::yaml_parser_parse(p, ev).fail {
                self.done = true;
                let state: &unsafe_yaml::yaml_parser_t = &*p;
                let (problem, mark) = (state.problem, state.problem_mark);
                let text = if problem.is_null() {
                    "the YAML syntax is invalid".to_string()
                } else {
                    cstr(problem as *const u8)
                };
                self.error = Some((text, Pos::from_mark(mark)));
                return None;
            }
            let pos = Pos::from_mark((*ev).start_mark);
            let out = match (*ev).type_ {
                unsafe_yaml::YAML_STREAM_START_EVENT => Some(Event::End).filter(|_| false),
                unsafe_yaml::YAML_STREAM_END_EVENT => {
                    self.done = true;
                    None
                }
                unsafe_yaml::YAML_DOCUMENT_START_EVENT => Some(Event::DocStart(pos)),
                unsafe_yaml::YAML_DOCUMENT_END_EVENT => Some(Event::DocEnd),
                unsafe_yaml::YAML_ALIAS_EVENT => {
                    Some(Event::Alias(pos, cstr((*ev).data.alias.anchor)))
                }
                unsafe_yaml::YAML_SCALAR_EVENT => {
                    let s = &(*ev).data.scalar;
                    let bytes = std::slice::from_raw_parts(s.value, s.length as usize);
                    Some(Event::Scalar(ScalarEvent {
                        pos,
                        text: String::from_utf8_lossy(bytes).into_owned(),
                        anchor: opt_cstr(s.anchor),
                        plain: s.style == unsafe_yaml::YAML_PLAIN_SCALAR_STYLE,
                        tag: opt_cstr(s.tag),
                    }))
                }
                unsafe_yaml::YAML_SEQUENCE_START_EVENT => Some(Event::SeqStart(
                    pos,
                    opt_cstr((*ev).data.sequence_start.anchor),
                )),
                unsafe_yaml::YAML_MAPPING_START_EVENT => Some(Event::MapStart(
                    pos,
                    opt_cstr((*ev).data.mapping_start.anchor),
                )),
                unsafe_yaml::YAML_SEQUENCE_END_EVENT | unsafe_yaml::YAML_MAPPING_END_EVENT => {
                    Some(Event::End)
                }
                _ => Some(Event::End).filter(|_| false),
            };
            unsafe_yaml::yaml_event_delete(ev);
            match out {
                Some(e) => Some(e),
                None if self.done => None,
                // Stream start: read on.
                None => self.next(),
            }
        }
    }
}

/// Copies a NUL-terminated libyaml string.
///
/// # Safety
/// `p` must be null or point to a NUL-terminated string owned by a live event.
unsafe fn opt_cstr(p: *const u8) -> Option<String> {
    if p.is_null() {
        return None;
    }
    Some(cstr(p))
}

/// # Safety
/// `p` must point to a NUL-terminated string owned by a live event.
unsafe fn cstr(p: *const u8) -> String {
    if p.is_null() {
        return String::new();
    }
    let c = std::ffi::CStr::from_ptr(p as *const std::ffi::c_char);
    String::from_utf8_lossy(c.to_bytes()).into_owned()
}

impl Drop for EventParser {
    fn drop(&mut self) {
        if self.initialized {
            // SAFETY: initialised successfully in `new`, deleted exactly once.
            unsafe { unsafe_yaml::yaml_parser_delete(self.parser.as_mut_ptr()) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, doc: usize, path: &str) -> (usize, usize) {
        let idx = PositionIndex::build(text);
        let p = idx.locate(doc, &FieldPath::parse(path));
        (p.line, p.column)
    }

    #[test]
    fn finds_keys_items_and_parents() {
        let y = "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: x\n      -   name: b\n";
        assert_eq!(at(y, 0, "kind"), (2, 1));
        assert_eq!(at(y, 0, "spec.template.spec.containers[0].image"), (8, 9));
        assert_eq!(at(y, 0, "spec.template.spec.containers[1]"), (9, 11));
        // Missing field: nearest parent.
        assert_eq!(at(y, 0, "spec.template.spec.containers[1].image"), (9, 11));
        assert_eq!(at(y, 0, "metadata.name"), (1, 1));
    }

    #[test]
    fn documents_flow_style_and_merge_keys() {
        let y =
            "a: 1\n---\n{kind: Job, metadata: {name: x}}\n---\nbase: &b {image: i}\nc:\n  <<: *b\n";
        assert_eq!(at(y, 1, "metadata.name"), (3, 24));
        assert_eq!(at(y, 2, "c.image"), (5, 11));
        assert_eq!(at(y, 5, "x"), (1, 1));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 100_000;
        let y = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let idx = PositionIndex::build(&y);
        assert_eq!(
            idx.locate(0, &FieldPath::parse("a")),
            Pos { line: 1, column: 1 }
        );
    }
}
