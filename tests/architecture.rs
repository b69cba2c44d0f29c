//! The module layering of `src/` (docs/architecture.md), enforced.
//!
//! Every `crate::…`, `super::…` and `self::…` path in `src/` (outside
//! comments) is an edge from the module that writes it to the module it
//! names. Modules are grouped into nodes: the first path segment, or the
//! first two under `input::` and `k8s::` (so `k8s::validate::env` is the node
//! `k8s::validate`). The test fails when
//! - a node is not assigned a layer in `LAYERS` (a new module must choose),
//! - a node imports a node of a higher layer, or
//! - the nodes' import graph has a cycle (within one layer too).
//!
//! The checks are plain functions, tested below on synthetic graphs and
//! sources, so that the test is known to fail on a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Layers, low to high: a node may import its own layer (without cycles)
/// and the layers below. The longest matching prefix wins.
const LAYERS: &[(&str, u32)] = &[
    // Leaves: contract data types, paths, versions, limits, utilities.
    ("model", 0),
    ("path", 0),
    ("pattern", 0),
    ("version", 0),
    ("limits", 0),
    ("parallel", 0),
    // The Rule type and the rules! macro.
    ("rules", 1),
    // The finding every checker returns.
    ("diagnostic", 2),
    // bytes -> text -> documents -> values with positions.
    ("input::pos", 3),
    ("input::json", 3),
    ("input::scalar", 3),
    ("input::split", 3),
    ("input::rules", 3),
    ("input::position", 3),
    ("input::yaml11", 3),
    ("input::text", 4),
    ("input::source", 5),
    ("input", 5),
    // Kubernetes: schema types and formats, the generated tables, checkers.
    ("k8s::schema", 6),
    ("k8s::names", 6),
    ("k8s::quantity", 6),
    ("k8s::suggest", 6),
    ("k8s::schema_tables", 7),
    ("k8s::time_zones", 6),
    ("k8s::cron", 7),
    ("k8s::decode", 8),
    ("k8s::validate", 8),
    ("k8s", 8),
    ("seed_rules", 8),
    ("practices", 8),
    ("conventions", 8),
    // Every rule of every checker.
    ("registry", 9),
    // The policy file: parsed, rules looked up in the registry.
    ("policy", 10),
    ("plan", 11),
    ("plan_resources", 11),
    ("plan_split", 11),
    ("plan_units", 11),
    ("render", 12),
    // The crate root's functions (lib.rs), used by the faces.
    ("<root>", 13),
    // The faces.
    ("cli", 14),
    ("wasm", 14),
];

fn layer_of(node: &str) -> Option<u32> {
    LAYERS
        .iter()
        .filter(|(prefix, _)| node == *prefix || node.starts_with(&format!("{prefix}::")))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, l)| *l)
}

/// The node a module path (segments after `crate`) belongs to.
fn node_of(segments: &[&str]) -> String {
    match segments {
        [] => "<root>".to_string(),
        [first @ ("input" | "k8s"), second, ..] => format!("{first}::{second}"),
        [first, ..] => first.to_string(),
    }
}

/// Module path of a source file under `src/`: `k8s/validate/env.rs` ->
/// `["k8s", "validate", "env"]`; `lib.rs` -> `[]`.
fn module_of(rel: &str) -> Vec<String> {
    let rel = rel.trim_end_matches(".rs");
    let mut parts: Vec<String> = rel.split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// Drops comments (line comments and doc comments) and the contents of
/// string literals, so that neither can name a module.
fn code_only(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let b = src.as_bytes();
    let mut i = 0;
    let mut in_str = false;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if c == b'\\' {
                i += 2;
                continue;
            }
            if c == b'"' {
                in_str = false;
                out.push('"');
            }
            i += 1;
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'"' {
            in_str = true;
            out.push('"');
            i += 1;
            continue;
        }
        // A char literal such as '"' must not open a string.
        if c == b'\'' && b.get(i + 2) == Some(&b'\'') {
            i += 3;
            continue;
        }
        if c == b'\'' && b.get(i + 1) == Some(&b'\\') && b.get(i + 3) == Some(&b'\'') {
            i += 4;
            continue;
        }
        out.push(c as char);
        i += 1;
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The module paths (absolute, after `crate`) that `code` names from module
/// `here`. `use crate::{a, b::c}` names `a` and `b::c`. In the crate root,
/// `top` (the top-level module names) may also start a path (`plan::x`).
fn referenced_paths(here: &[String], code: &str, top: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    // Inline modules (`mod tests { ... }`): `super` inside names the file's module.
    let mut module = here.to_vec();
    let mut depth = 0usize;
    let mut inline: Vec<usize> = Vec::new(); // depth at which each inline module opened
    let mut pending_mod: Option<String> = None;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '{' => {
                depth += 1;
                if let Some(name) = pending_mod.take() {
                    module.push(name);
                    inline.push(depth);
                }
            }
            '}' => {
                if inline.last() == Some(&depth) {
                    inline.pop();
                    module.pop();
                }
                depth = depth.saturating_sub(1);
            }
            ';' => pending_mod = None,
            _ => {}
        }
        let start_ok = i == 0 || !(is_ident(chars[i - 1]) || chars[i - 1] == ':');
        if !start_ok || !is_ident(chars[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_ident(chars[j]) {
            j += 1;
        }
        let word: String = chars[i..j].iter().collect();
        let here = module.as_slice();
        if word == "mod" {
            let rest: String = chars[j..].iter().take(80).collect();
            let name: String = rest
                .trim_start()
                .chars()
                .take_while(|c| is_ident(*c))
                .collect();
            if !name.is_empty() {
                pending_mod = Some(name);
            }
            i = j;
            continue;
        }
        let base: Option<Vec<String>> = match word.as_str() {
            "crate" => Some(Vec::new()),
            "self" => Some(here.to_vec()),
            "super" => Some(here[..here.len().saturating_sub(1)].to_vec()),
            w if here.is_empty() && top.contains(w) => Some(vec![w.to_string()]),
            _ => None,
        };
        // Only a path: `pub(crate)`, `pub(super)` and `self.x` name nothing.
        let (Some(mut base), true) = (base, chars[j..].starts_with(&[':', ':'])) else {
            i = j;
            continue;
        };
        // Further `::super` steps.
        let mut k = j;
        while chars[k..].starts_with(&[':', ':', 's', 'u', 'p', 'e', 'r'])
            && !chars.get(k + 7).copied().is_some_and(is_ident)
        {
            base.pop();
            k += 7;
        }
        let (paths, end) = parse_tail(&chars, k);
        for p in paths {
            let mut full = base.clone();
            full.extend(p);
            found.push(full);
        }
        i = end.max(j);
    }
    found
}

/// Parses `::a::b`, `::{a, b::c}` or nothing after a path keyword; returns
/// the relative paths named (identifier segments only) and where parsing ended.
fn parse_tail(chars: &[char], mut k: usize) -> (Vec<Vec<String>>, usize) {
    let mut segs: Vec<String> = Vec::new();
    loop {
        if !chars[k..].starts_with(&[':', ':']) {
            return (vec![segs], k);
        }
        k += 2;
        if chars.get(k) == Some(&'{') {
            // A group: split its items at top-level commas.
            let mut depth = 0;
            let mut item_start = k + 1;
            let mut out = Vec::new();
            let mut m = k;
            while m < chars.len() {
                match chars[m] {
                    '{' => depth += 1,
                    '}' | ',' if depth == 1 => {
                        let item: String = chars[item_start..m].iter().collect();
                        let item = item.trim();
                        if !item.is_empty() {
                            let item_chars: Vec<char> = format!("::{item}").chars().collect();
                            let (sub, _) = parse_tail(&item_chars, 0);
                            for s in sub {
                                let mut full = segs.clone();
                                full.extend(s);
                                out.push(full);
                            }
                        }
                        item_start = m + 1;
                        if chars[m] == '}' {
                            return (out, m + 1);
                        }
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
                m += 1;
            }
            return (out, m);
        }
        let s = k;
        while k < chars.len() && is_ident(chars[k]) {
            k += 1;
        }
        if s == k {
            // `::*` or `::<`: the path so far.
            return (vec![segs], k);
        }
        let seg: String = chars[s..k].iter().collect();
        if seg == "self" {
            return (vec![segs], k);
        }
        segs.push(seg);
    }
}

/// Node-level edges of a set of sources: (module path, code).
fn edges_of(sources: &[(Vec<String>, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|(m, _)| m.clone()).collect();
    let top: BTreeSet<String> = modules
        .iter()
        .filter(|m| m.len() == 1)
        .map(|m| m[0].clone())
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (here, src) in sources {
        let from = node_of(&here.iter().map(String::as_str).collect::<Vec<_>>());
        edges.entry(from.clone()).or_default();
        for path in referenced_paths(here, &code_only(src), &top) {
            // The longest prefix that is a module; what follows is an item.
            let mut target = path.clone();
            while !target.is_empty() && !modules.contains(&target) {
                target.pop();
            }
            let to = node_of(&target.iter().map(String::as_str).collect::<Vec<_>>());
            if to != from {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    edges
}

/// A cycle of the graph, as the list of nodes around it, if there is one.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(n.to_string(), Mark::Open);
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            match marks.get(m).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let at = stack.iter().position(|s| s == m).unwrap_or(0);
                    let mut cycle = stack[at..].to_vec();
                    cycle.push(m.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(c) = visit(m, edges, marks, stack) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(n.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for n in edges.keys() {
        if marks.get(n).copied().unwrap_or(Mark::New) == Mark::New {
            if let Some(c) = visit(n, edges, &mut marks, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

/// Edges that go up the layers, and nodes without a layer.
fn layer_problems(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (from, tos) in edges {
        let Some(lf) = layer_of(from) else {
            problems.push(format!(
                "module `{from}` has no layer in LAYERS (tests/architecture.rs)"
            ));
            continue;
        };
        for to in tos {
            match layer_of(to) {
                None => problems.push(format!("module `{to}` has no layer in LAYERS")),
                Some(lt) if lt > lf => problems.push(format!(
                    "`{from}` (layer {lf}) imports `{to}` (layer {lt}), a higher layer"
                )),
                Some(_) => {}
            }
        }
    }
    problems
}

fn read_src() -> Vec<(Vec<String>, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(Vec<String>, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, root, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                if rel == "main.rs" {
                    continue; // the binary, a crate of its own
                }
                out.push((module_of(&rel), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out
}

#[test]
fn src_has_no_import_cycle_and_respects_the_layers() {
    let sources = read_src();
    assert!(
        sources.len() > 20,
        "src/ was read ({} files)",
        sources.len()
    );
    let edges = edges_of(&sources);
    // The scan sees the edges we know exist, so an empty graph cannot pass.
    for (from, to) in [
        ("plan", "input::source"),
        ("k8s::decode", "k8s::schema_tables"),
        ("cli", "<root>"),
    ] {
        assert!(
            edges.get(from).is_some_and(|t| t.contains(to)),
            "expected edge {from} -> {to}; edges: {edges:#?}"
        );
    }
    if let Some(cycle) = find_cycle(&edges) {
        panic!("import cycle between modules: {}", cycle.join(" -> "));
    }
    let problems = layer_problems(&edges);
    assert!(
        problems.is_empty(),
        "layering violations:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_cycle_in_a_synthetic_graph_is_found() {
    fn graph(pairs: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in pairs {
            edges
                .entry(a.to_string())
                .or_default()
                .insert(b.to_string());
            edges.entry(b.to_string()).or_default();
        }
        edges
    }
    let acyclic = [("plan", "render"), ("render", "model"), ("plan", "model")];
    assert_eq!(find_cycle(&graph(&acyclic)), None);
    let cyclic = [("plan", "render"), ("render", "model"), ("model", "plan")];
    assert_eq!(
        find_cycle(&graph(&cyclic)).map(|c| c.join(" -> ")),
        Some("model -> plan -> render -> model".to_string())
    );
    assert!(
        find_cycle(&graph(&[("a", "a")])).is_some(),
        "a self-loop is a cycle"
    );
}

#[test]
fn a_cycle_written_in_sources_is_found() {
    // input::source <-> input::position, as it once was, through both the
    // `crate::` and the `super::` spelling, a `use` group and a comment.
    let src = |m: &str, code: &str| {
        (
            m.split("::").map(String::from).collect::<Vec<_>>(),
            code.to_string(),
        )
    };
    let sources = vec![
        src("input", "pub mod position;\npub mod source;\n"),
        src(
            "input::source",
            "use super::position::{self, Pos};\n// crate::plan is only a comment\n",
        ),
        src(
            "input::position",
            "fn f() -> usize { crate::input::source::MAX_DEPTH }\n",
        ),
        src(
            "plan",
            "use crate::{input::source, model::Finding};\nconst S: &str = \"crate::cli\";\n",
        ),
        src("model", ""),
    ];
    let edges = edges_of(&sources);
    assert_eq!(
        edges["plan"].iter().map(String::as_str).collect::<Vec<_>>(),
        ["input::source", "model"],
        "strings and comments name nothing"
    );
    let cycle = find_cycle(&edges).expect("the cycle is found");
    assert!(
        cycle.contains(&"input::source".to_string())
            && cycle.contains(&"input::position".to_string())
    );
}

#[test]
fn an_import_from_a_higher_layer_is_found() {
    let src = |m: &str, code: &str| {
        (
            m.split("::").map(String::from).collect::<Vec<_>>(),
            code.to_string(),
        )
    };
    let sources = vec![
        src("rules", "use crate::registry::all;\n"),
        src("registry", ""),
        src("newthing", ""),
        src("plan", "use crate::newthing;\n"),
    ];
    let problems = layer_problems(&edges_of(&sources));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`rules` (layer 1) imports `registry` (layer 9)")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`newthing` has no layer")),
        "{problems:?}"
    );
}

#[test]
fn super_in_an_inline_module_names_the_file_module() {
    let here: Vec<String> = vec!["path".into()];
    let top = BTreeSet::new();
    let code = "fn a() {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n    fn b() { if x { super::c(); } }\n}\nuse super::after;";
    let got = referenced_paths(&here, code, &top);
    assert_eq!(
        got,
        vec![
            vec!["path".to_string()],
            vec!["path".to_string(), "c".to_string()],
            vec!["after".to_string()]
        ]
    );
}

#[test]
fn paths_are_parsed() {
    let here: Vec<String> = vec!["k8s".into(), "validate".into(), "env".into()];
    let top = BTreeSet::new();
    let got = referenced_paths(
        &here,
        "pub(super) fn f(&self) { self.g() }\nuse super::*;\nuse super::super::names::{self, x};\nlet r = $crate::rules::Rule;",
        &top,
    );
    assert_eq!(
        got,
        vec![
            vec!["k8s".to_string(), "validate".to_string()],
            vec!["k8s".to_string(), "names".to_string()],
            vec!["k8s".to_string(), "names".to_string(), "x".to_string()],
            vec!["rules".to_string(), "Rule".to_string()],
        ]
    );
}

/// Files stay small enough to read: at most 800 lines in `src/` (the
/// generated schema tables excepted), and at most 600 in `k8s/validate/`,
/// one module per API type.
#[test]
fn no_source_file_is_too_long() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root, &mut files);
    for p in files {
        let rel = p
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "k8s/schema_tables.rs" {
            continue;
        }
        let max = if rel.starts_with("k8s/validate/") {
            600
        } else {
            800
        };
        let lines = std::fs::read_to_string(&p).unwrap().lines().count();
        if lines > max {
            long.push(format!("src/{rel}: {lines} lines (at most {max})"));
        }
    }
    assert!(long.is_empty(), "split these files:\n{}", long.join("\n"));
}
