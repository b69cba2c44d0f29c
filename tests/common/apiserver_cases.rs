// Shared by tests/apiserver_fixtures.rs (native) and tests/wasm.rs (wasm in
// Node and Chromium), through `include!`: the cases of tests/fixtures/apiserver
// and the check that the planner agrees with the API server on each.

use k8s_job_plan::{plan_files, InputContent, InputFile, PlanOptions};
use std::collections::{BTreeSet, HashSet};

/// The fixture files, embedded so that wasm tests (no file system) see them too.
pub const FIXTURE_FILES: &[(&str, &str)] = &[
    ("batch_job.yaml", include_str!("../fixtures/apiserver/batch_job.yaml")),
    ("cron_job.yaml", include_str!("../fixtures/apiserver/cron_job.yaml")),
    ("defaults.yaml", include_str!("../fixtures/apiserver/defaults.yaml")),
    ("metadata.yaml", include_str!("../fixtures/apiserver/metadata.yaml")),
    ("pod_spec.yaml", include_str!("../fixtures/apiserver/pod_spec.yaml")),
];

pub struct Case {
    file: String,
    name: String,
    text: String,
    version: Option<String>,
    /// Error paths; empty when the case is valid.
    expected: BTreeSet<String>,
    expect_valid: bool,
}

pub fn load_cases(files: &[(&str, &str)]) -> Vec<Case> {
    let mut cases = Vec::new();
    for (file, text) in files {
        let file = file.to_string();
        for chunk in text.split("\n---\n") {
            let mut case = Case {
                file: file.clone(),
                name: String::new(),
                text: chunk.to_string(),
                version: None,
                expected: BTreeSet::new(),
                expect_valid: false,
            };
            for line in chunk.lines() {
                if let Some(n) = line.strip_prefix("# case: ") {
                    case.name = n.to_string();
                } else if let Some(v) = line.strip_prefix("# version: ") {
                    case.version = Some(v.trim().to_string());
                } else if let Some(e) = line.strip_prefix("# expect: ") {
                    match e.trim() {
                        "valid" => case.expect_valid = true,
                        other => {
                            let path = other
                                .strip_prefix("error ")
                                .unwrap_or_else(|| panic!("{file}: bad expect line {line:?}"));
                            case.expected.insert(path.trim().to_string());
                        }
                    }
                }
            }
            assert!(
                !case.name.is_empty(),
                "{file}: a document without '# case:'"
            );
            assert!(
                case.expect_valid == case.expected.is_empty(),
                "{file} / {}: say either '# expect: valid' or the error paths",
                case.name
            );
            cases.push(case);
        }
    }
    cases
}

/// Runs every case and panics with the list of those that differ.
pub fn check_all(files: &[(&str, &str)]) {
    let cases = load_cases(files);
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let mut failures = Vec::new();
    let mut codes_seen = HashSet::new();
    for case in &cases {
        let opts = PlanOptions {
            strict: false,
            kubernetes_version: case.version.clone(),
            ..Default::default()
        };
        let input = [InputFile {
            name: &case.file,
            content: InputContent::Text(&case.text),
        }];
        let plan = plan_files(&input, &opts).expect("supported version");
        assert_eq!(
            plan.jobs.len() + plan.cron_jobs.len(),
            1,
            "{} / {}",
            case.file,
            case.name
        );
        let job = plan.jobs.first().or(plan.cron_jobs.first()).expect("one entry");
        let got: BTreeSet<String> = job.errors.iter().map(|e| e.path.clone()).collect();
        codes_seen.extend(job.errors.iter().map(|e| e.code.clone()));
        for e in job.errors.iter().filter(|e| e.code.starts_with("KJP4")) {
            // The API server's shape: the message starts with the field path.
            assert!(e.message.starts_with(&e.path), "{}: {}", e.path, e.message);
            let help = e.help.as_deref().unwrap_or("");
            let two_sentences = help
                .match_indices(". ")
                .any(|(i, _)| help[i + 2..].starts_with(|c: char| c.is_ascii_uppercase()));
            assert!(
                help.ends_with('.') && !two_sentences,
                "help of {}: {help:?}",
                e.code
            );
        }
        if job.valid != case.expect_valid || got != case.expected {
            let messages: Vec<&str> = job.errors.iter().map(|e| e.message.as_str()).collect();
            failures.push(format!(
                "{} / {}\n  expected: {:?}\n  got:      {:?}\n  messages: {:#?}",
                case.file, case.name, case.expected, got, messages
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    // Every API-server rule is exercised by at least one fixture.
    for rule in k8s_job_plan::k8s::validate::rules() {
        assert!(
            codes_seen.contains(rule.code),
            "no fixture triggers {} ({})",
            rule.code,
            rule.name
        );
    }
}
