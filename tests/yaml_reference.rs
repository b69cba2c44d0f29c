#![cfg(not(target_arch = "wasm32"))]
//! The differential test: for every document of every corpus, our `jobData`
//! (the JSON of the value we read) equals the JSON Kubernetes makes of it,
//! type-strict, and where Kubernetes refuses a document we report an error.
//! The expectations come from the Go reference (tests/reference/main.go,
//! sigs.k8s.io/yaml 1.3.0 over go-yaml v2); `scripts/yaml-reference.sh`
//! regenerates them and `--check` fails when the committed file is stale.
//! The same comparison runs in wasm (tests/wasm.rs).

#[path = "reference/compare.rs"]
mod compare;

use compare::{differences, records, Tally};

const EXPECTED: &str = include_str!("reference/expected.jsonl");

#[test]
fn every_corpus_reads_as_kubernetes_reads_it() {
    let mut tally = Tally::default();
    let records = records(EXPECTED);
    let diffs: Vec<String> = records
        .iter()
        .flat_map(|r| differences(r, &mut tally))
        .collect();
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    // The comparison is not vacuous: every corpus is there, with documents
    // Kubernetes converts and documents it refuses.
    for corpus in [
        "tests/fixtures/rules/",
        "tests/fixtures/apiserver/",
        "tests/fixtures/yaml11/",
        "examples/",
        "generated:edge-scalars",
        "bench/gen.mjs",
    ] {
        assert!(
            records.iter().any(|r| r.name.starts_with(corpus)),
            "{corpus} is missing from the expectations"
        );
    }
    assert!(tally.documents > 300 && tally.errors > 20, "{tally:?}");
}

#[test]
fn the_real_world_corpus_reads_as_kubernetes_reads_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus/realworld");
    let expected = root.join("target/yaml-reference/realworld.jsonl");
    if !corpus.is_dir() {
        // libtest hides the output of passing tests; stderr shows with --nocapture.
        eprintln!(
            "note: {} is absent; skipping the real-world differential test",
            corpus.display()
        );
        return;
    }
    let Ok(text) = std::fs::read_to_string(&expected) else {
        eprintln!("note: {} is absent (run scripts/yaml-reference.sh); skipping the real-world differential test", expected.display());
        return;
    };
    let mut tally = Tally::default();
    let diffs: Vec<String> = records(&text)
        .iter()
        .flat_map(|r| differences(r, &mut tally))
        .collect();
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    assert!(tally.documents > 0);
}

/// The Go reference, built by `scripts/yaml-reference.sh` (CI runs it
/// before the tests).
fn reference_binary() -> Option<std::path::PathBuf> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/yaml-reference/k8s-yaml-reference");
    p.is_file().then_some(p)
}

/// What the reference makes of `v: <scalar>` for each scalar: one process
/// per batch.
fn reference_scalars(binary: &std::path::Path, scalars: &[String]) -> Vec<serde_json::Value> {
    use std::io::Write;
    let mut child = std::process::Command::new(binary)
        .arg("-scalars")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the reference runs");
    let mut input = String::new();
    for s in scalars {
        input.push_str(s);
        input.push('\n');
    }
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("the reference reads its input");
    let out = child.wait_with_output().expect("the reference ends");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect()
}

mod scalars {
    use super::*;
    use proptest::prelude::*;

    const CHARS: &[char] = &[
        '0', '1', '2', '7', '8', '9', '+', '-', '_', '.', 'e', 'E', 'x', 'X', 'o', 'O', 'b', 'B',
        'a', 'f', 'F',
    ];
    const WORDS: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "yEs", "n", "N", "no", "No", "NO", "on", "On", "ON", "oN",
        "off", "Off", "OFF", "true", "True", "TRUE", "tRue", "false", "False", "FALSE", "null",
        "Null", "NULL", "nULL", "~", "inf", "Inf", ".inf", ".Inf", ".INF", ".iNf", "nan", ".nan",
        ".NaN", ".NAN", "infinity", "0x", "0o", "0b", "<<",
    ];

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::collection::vec(prop::sample::select(CHARS), 1..10)
                .prop_map(|v| v.into_iter().collect::<String>()),
            prop::sample::select(WORDS).prop_map(str::to_string),
        ]
    }

    fn scalar() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 1..3)
            .prop_map(|v| v.concat())
            // `- x` starts a list and ` #` a comment: not plain scalars.
            .prop_filter("plain scalar", |s| !s.starts_with("- ") && s != "-")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

        /// Random plain scalars resolve as go-yaml v2 resolves them, one Go
        /// process per batch of 300.
        #[test]
        fn plain_scalars_resolve_as_the_reference(batch in prop::collection::vec(scalar(), 300)) {
            let Some(binary) = reference_binary() else {
                eprintln!("note: the Go reference is not built (run scripts/yaml-reference.sh); skipping");
                return Ok(());
            };
            let docs = reference_scalars(&binary, &batch);
            prop_assert_eq!(docs.len(), batch.len());
            let mut tally = Tally::default();
            for (s, doc) in batch.iter().zip(docs) {
                let record = compare::Record {
                    name: format!("v: {s}"),
                    text: format!("v: {s}\n"),
                    docs: vec![doc],
                };
                let diffs = differences(&record, &mut tally);
                prop_assert!(diffs.is_empty(), "{}", diffs.join("\n"));
            }
        }
    }
}

/// What the reference makes of each stream: one process per batch.
fn reference_streams(binary: &std::path::Path, streams: &[String]) -> Vec<Vec<serde_json::Value>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/yaml-reference")
        .join(format!("streams-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let paths: Vec<_> = streams
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let p = dir.join(format!("{i}.yaml"));
            std::fs::write(&p, s).expect("a scratch file");
            p
        })
        .collect();
    let out = std::process::Command::new(binary)
        .args(&paths)
        .output()
        .expect("the reference runs");
    std::fs::remove_dir_all(&dir).ok();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).expect("JSON");
            v["docs"]
                .as_array_mut()
                .map(std::mem::take)
                .unwrap_or_default()
        })
        .collect()
}

mod streams {
    use super::*;
    use proptest::prelude::*;

    /// Lines that make kubectl's splitting and go-yaml's reading differ
    /// from a plain YAML 1.2 reading.
    const LINES: &[&str] = &[
        "---",
        "--- # c",
        "---  ",
        "--- x",
        "----",
        "---#",
        "# c",
        "",
        "a: 1",
        "b: yes",
        "c: 0644",
        "d: [1, on, '0o7']",
        "  e: 1",
        "...",
        "%YAML 1.1",
        "kind: Job",
        "- a",
        "x: |",
        "  --- in a block",
        "f: &a {g: 1, h: off}",
        "i: *a",
        "<<: {a: 2}",
        "j: !!str 5",
        "k: 'quoted'",
        "\"l\": \"m\"",
        "n: !custom 7",
        "a: 2",
        "? [x]",
        ": y",
        "o: .inf",
        "p: 1e3",
        "q: 0x1F",
        "yes: r",
        "1.5: s",
        "t: ~",
        "u: !!int '0644'",
        "v: 1_0",
        "w: 0b11",
        "x: .5",
        "'0644': z",
        "- yes",
        "? !!str 5",
        "  - on",
        "%TAG ! tag:x,2000:",
        "y: !!binary aGk=",
        "z: !!float 3",
        "aa: -.inf",
        "bb: 2001-12-14",
        "cc: !foo {a: 1}",
        "dd: *b",
        "ee: &b [08, 09]",
        "<<: [*a, *b]",
        "ff: \"\\x31\"",
    ];

    fn stream() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(LINES), 0..12).prop_map(|lines| {
            let mut s = lines.join("\n");
            s.push('\n');
            s
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

        /// Random streams split and read as kubectl and go-yaml read them,
        /// one Go process per batch of 100.
        #[test]
        fn streams_read_as_the_reference(batch in prop::collection::vec(stream(), 100)) {
            let Some(binary) = reference_binary() else {
                eprintln!("note: the Go reference is not built (run scripts/yaml-reference.sh); skipping");
                return Ok(());
            };
            let docs = reference_streams(&binary, &batch);
            prop_assert_eq!(docs.len(), batch.len());
            let mut tally = Tally::default();
            for (text, docs) in batch.iter().zip(docs) {
                let record = compare::Record { name: format!("{text:?}"), text: text.clone(), docs };
                let diffs = differences(&record, &mut tally);
                prop_assert!(diffs.is_empty(), "{}", diffs.join("\n"));
            }
        }
    }
}
