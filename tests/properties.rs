//! Properties of the planner on any input: it never panics, and the plan's
//! books balance. Arbitrary bytes test the reader; mutated valid Jobs reach
//! the rules. Case counts keep the whole file under ~20 s in a debug build.
#![cfg(not(target_arch = "wasm32"))]

use k8s_job_plan::{ExecutionPlan, InputContent, InputFile, PlanOptions, Severity};
use proptest::prelude::*;
use std::collections::BTreeSet;

const EXAMPLE: &str = include_str!("../examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-1-0.yaml");

/// Fragments that steer mutations into the YAML features that break readers.
const TOKENS: &[&str] = &[
    "*a",
    "&a ",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\"",
    "'",
    "\t",
    "\n---\n",
    "<<: ",
    "!!binary ",
    "~",
    "? ",
    "|\n",
    ">-\n",
    "#",
    "\r\n",
    "\u{FEFF}",
    "...\n",
    "null",
    "99999999999999999999999",
    "-1",
    "1e400",
    ".nan",
    "true",
    "\\",
    "%YAML 1.1\n",
    "!tag ",
    "\u{0}",
    "\u{85}",
    "  ",
];

const KEYS: &[&str] = &[
    "a",
    "b",
    "kind",
    "apiVersion",
    "metadata",
    "name",
    "spec",
    "<<",
    "? [k]",
    "1",
    "~",
];
const VALUES: &[&str] = &[
    "",
    "1",
    "x",
    "Job",
    "batch/v1",
    "*a",
    "*b",
    "&a 1",
    "&a [1, 2]",
    "&b {x: 1}",
    "[*a, *a]",
    "{x: *a}",
    "[",
    "]",
    "{",
    "~",
    "\"q\"",
    "|",
    "!!str 5",
    "&a",
    "[1, [2, [3]]]",
    "99999999999999999999999",
];

fn plan(files: &[(String, Vec<u8>)], strict: bool) -> ExecutionPlan {
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|(name, bytes)| InputFile {
            name,
            content: InputContent::Bytes(bytes),
        })
        .collect();
    let opts = PlanOptions {
        strict,
        kubernetes_version: None,
        ..Default::default()
    };
    k8s_job_plan::plan_files(&inputs, &opts).expect("default options are valid")
}

/// The invariants every plan keeps, whatever the input.
fn check_books(plan: &ExecutionPlan, files: &[(String, Vec<u8>)], strict: bool) {
    assert_eq!(plan.total_jobs, plan.jobs.len());
    assert_eq!(plan.total_jobs, plan.valid_jobs + plan.invalid_jobs);
    assert_eq!(
        plan.valid_jobs,
        plan.jobs.iter().filter(|j| j.valid).count()
    );
    assert_eq!(plan.summary.files, files.len());

    // Errors and warnings are the Jobs' findings plus the file-level ones,
    // which belong to files that produced no Job; each is listed once.
    let files_with_jobs: BTreeSet<&str> = plan.jobs.iter().map(|j| j.file.as_str()).collect();
    for f in &plan.files {
        assert!(!files_with_jobs.contains(f.file.as_str()), "{f:?}");
        assert!(!f.errors.is_empty() || !f.warnings.is_empty(), "{f:?}");
        assert!(f.errors.iter().all(|x| x.severity == Severity::Error));
        assert!(f.warnings.iter().all(|x| x.severity == Severity::Warning));
        assert!(f.errors.iter().chain(&f.warnings).all(|x| x.file == f.file));
    }
    let job_errors: usize = plan.jobs.iter().map(|j| j.errors.len()).sum();
    let job_warnings: usize = plan.jobs.iter().map(|j| j.warnings.len()).sum();
    let file_errors: usize = plan.files.iter().map(|f| f.errors.len()).sum();
    let file_warnings: usize = plan.files.iter().map(|f| f.warnings.len()).sum();
    assert_eq!(plan.errors().count(), job_errors + file_errors);
    assert_eq!(plan.warnings().count(), job_warnings + file_warnings);

    let names: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for j in &plan.jobs {
        assert_eq!(j.valid, j.errors.is_empty(), "{j:?}");
        assert!(j.errors.iter().all(|f| f.severity == Severity::Error));
        assert!(j.warnings.iter().all(|f| f.severity == Severity::Warning));
        assert!(j.errors.iter().chain(&j.warnings).all(|f| f.file == j.file));
    }
    for f in plan.errors().chain(plan.warnings()) {
        assert!(f.line >= 1 && f.column >= 1, "{f:?}");
        assert!(names.contains(f.file.as_str()), "{f:?}");
        assert!(!f.code.is_empty() && !f.rule.is_empty() && !f.message.is_empty());
    }
    if strict {
        assert!(
            plan.warnings().next().is_none(),
            "strict mode promotes every warning"
        );
    }
    assert_eq!(
        plan.is_success(),
        plan.total_jobs > 0 && plan.invalid_jobs == 0 && plan.errors().next().is_none()
    );

    // Both renderers accept every plan; the JSON plan reads back to itself.
    let text = k8s_job_plan::render_plan_text(plan);
    assert!(text.ends_with("[D30_K8S_EXEC] END OF EXECUTION PLAN\n======================================================================\n"));
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    let json = k8s_job_plan::Format::Json.render(plan);
    let back: ExecutionPlan = serde_json::from_str(&json).expect("the JSON plan parses");
    assert_eq!(&back, plan);
}

/// One edit of a text: delete a range, insert a token or random bytes,
/// duplicate or drop a line.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Token(usize, usize),
    Bytes(usize, Vec<u8>),
    DuplicateLine(usize),
    DropLine(usize),
    Indent(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Edit::Token(at, t)),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, b)| Edit::Bytes(at, b)),
        any::<usize>().prop_map(Edit::DuplicateLine),
        any::<usize>().prop_map(Edit::DropLine),
        (any::<usize>(), 0usize..6).prop_map(|(line, n)| Edit::Indent(line, n)),
    ]
}

fn apply(text: &[u8], e: &Edit) -> Vec<u8> {
    let mut out = text.to_vec();
    let lines: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        let mut start = 0;
        for (i, &b) in text.iter().enumerate() {
            if b == b'\n' {
                v.push((start, i + 1));
                start = i + 1;
            }
        }
        if start < text.len() {
            v.push((start, text.len()));
        }
        v
    };
    let pick_line = |i: usize| lines.get(i % lines.len().max(1)).copied();
    match e {
        Edit::Delete(at, n) => {
            let at = at % (out.len() + 1);
            let end = (at + n).min(out.len());
            out.drain(at..end);
        }
        Edit::Token(at, t) => {
            let at = at % (out.len() + 1);
            out.splice(at..at, TOKENS[*t].bytes());
        }
        Edit::Bytes(at, b) => {
            let at = at % (out.len() + 1);
            out.splice(at..at, b.iter().copied());
        }
        Edit::DuplicateLine(i) => {
            if let Some((s, e)) = pick_line(*i) {
                let line = text[s..e].to_vec();
                out.splice(e..e, line);
            }
        }
        Edit::DropLine(i) => {
            if let Some((s, e)) = pick_line(*i) {
                out.drain(s..e);
            }
        }
        Edit::Indent(i, n) => {
            if let Some((s, _)) = pick_line(*i) {
                out.splice(s..s, std::iter::repeat_n(b' ', *n));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_and_balance(
        files in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..600), 1..4),
        strict in any::<bool>(),
    ) {
        let files: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .enumerate()
            .map(|(i, b)| (format!("f{i}.yaml"), b))
            .collect();
        check_books(&plan(&files, strict), &files, strict);
    }

    #[test]
    fn arbitrary_text_never_panics_and_balances(
        text in proptest::collection::vec(
            prop_oneof![
                (0..TOKENS.len()).prop_map(|t| TOKENS[t].to_string()),
                "[a-z]{1,6}".prop_map(|s| s),
                Just("\n".to_string()),
            ],
            0..80,
        ),
        strict in any::<bool>(),
    ) {
        let files = vec![("t.yaml".to_string(), text.concat().into_bytes())];
        check_books(&plan(&files, strict), &files, strict);
    }

    #[test]
    fn yaml_shaped_lines_never_panic_and_balance(
        lines in proptest::collection::vec(
            (0usize..4, 0..KEYS.len(), 0..VALUES.len(), any::<bool>()),
            1..25,
        ),
        strict in any::<bool>(),
    ) {
        // Block mappings and lists with anchors, aliases, merges, duplicates
        // and stray flow brackets: well-formed often enough to reach serde_yaml.
        let text: String = lines
            .iter()
            .map(|&(indent, k, v, item)| {
                let dash = if item { "- " } else { "" };
                format!("{}{dash}{}: {}\n", "  ".repeat(indent), KEYS[k], VALUES[v])
            })
            .collect();
        let files = vec![("y.yaml".to_string(), text.into_bytes())];
        check_books(&plan(&files, strict), &files, strict);
    }

    #[test]
    fn mutated_jobs_never_panic_and_balance(
        edits in proptest::collection::vec(edit(), 1..6),
        strict in any::<bool>(),
        with_sibling in any::<bool>(),
    ) {
        let mutated = edits.iter().fold(EXAMPLE.as_bytes().to_vec(), |t, e| apply(&t, e));
        let mut files = vec![("mutated.yaml".to_string(), mutated)];
        if with_sibling {
            files.push(("sibling.yaml".to_string(), EXAMPLE.as_bytes().to_vec()));
        }
        let plan = plan(&files, strict);
        check_books(&plan, &files, strict);
        if with_sibling {
            // A broken neighbour never costs the sibling its verdict.
            let sib: Vec<_> = plan.jobs.iter().filter(|j| j.file == "sibling.yaml").collect();
            prop_assert_eq!(sib.len(), 1);
            prop_assert!(sib[0].valid);
        }
    }
}
