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
