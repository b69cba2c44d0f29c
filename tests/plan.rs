//! The planner through the public API: the golden seed plan, strict mode,
//! multi-document files, positions and the JSON contract.

use k8s_job_plan::{
    plan_files, render_plan_text, validate_job_yaml, ExecutionPlan, InputContent, InputFile,
    PlanOptions, Severity,
};
use std::fs;
use std::io::Write;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn examples() -> Vec<(String, String)> {
    let dir = root().join("examples/d29_k8s_jobs");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .expect("examples dir")
        .map(|e| {
            e.expect("entry")
                .file_name()
                .into_string()
                .expect("utf-8 name")
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            (
                format!("examples/d29_k8s_jobs/{n}"),
                fs::read_to_string(dir.join(&n)).expect("read example"),
            )
        })
        .collect()
}

fn plan_of(files: &[(&str, &str)], strict: bool) -> ExecutionPlan {
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|(n, c)| InputFile {
            name: n,
            content: InputContent::Text(c),
        })
        .collect();
    plan_files(
        &inputs,
        &PlanOptions {
            strict,
            kubernetes_version: None,
            ..Default::default()
        },
    )
    .expect("valid options")
}

fn example_plan(strict: bool) -> ExecutionPlan {
    let ex = examples();
    let files: Vec<(&str, &str)> = ex.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
    plan_of(&files, strict)
}

#[test]
fn seed_example_renders_the_golden_plan() {
    let text = render_plan_text(&example_plan(false));
    let golden =
        fs::read_to_string(root().join("tests/golden/d29_k8s_jobs.plan.txt")).expect("golden");
    assert_eq!(text, golden);
}

/// The golden plan matches SEED.md's example line for line, where the seed's
/// `...` elisions stand for the parts it leaves out.
#[test]
fn golden_plan_matches_the_seed_document() {
    let seed_path = root().join("../shared/SEED.md");
    let Ok(seed) = fs::read_to_string(&seed_path) else {
        // Written to stderr directly: libtest captures eprintln! of passing tests.
        let _ = writeln!(
            std::io::stderr(),
            "note: {} is absent (a fresh clone); the seed comparison is skipped",
            seed_path.display()
        );
        return;
    };
    let start = seed
        .find("## Example execution plan")
        .expect("seed has the example section");
    let block = &seed[start..];
    let open = block.find("```\n").expect("code block") + 4;
    let close = block[open..].find("```").expect("end of code block") + open;
    let seed_lines: Vec<&str> = block[open..close].lines().collect();
    let golden =
        fs::read_to_string(root().join("tests/golden/d29_k8s_jobs.plan.txt")).expect("golden");
    let golden_lines: Vec<&str> = golden.lines().collect();
    let mut g = 0;
    let mut i = 0;
    while i < seed_lines.len() {
        let s = seed_lines[i];
        if s.trim() == "..." {
            // Elided lines: skip golden lines up to the seed's next line.
            let next = seed_lines
                .get(i + 1)
                .copied()
                .expect("an elision is followed by a line");
            while g < golden_lines.len() && golden_lines[g] != next {
                g += 1;
            }
            i += 1;
            continue;
        }
        let have = golden_lines.get(g).copied().unwrap_or("<end of golden>");
        match s.find(" ...") {
            Some(cut) => assert!(
                have.starts_with(&s[..cut]),
                "seed line {s:?} vs golden {have:?}"
            ),
            None => assert_eq!(have, s, "seed line {} differs", i + 1),
        }
        g += 1;
        i += 1;
    }
    assert_eq!(
        g,
        golden_lines.len(),
        "golden has lines after the seed's end"
    );
}

#[test]
fn examples_are_valid_without_any_warning() {
    let plan = example_plan(true);
    assert_eq!(
        (plan.total_jobs, plan.valid_jobs, plan.invalid_jobs),
        (2, 2, 0)
    );
    assert!(
        plan.errors().next().is_none() && plan.warnings().next().is_none(),
        "{:?}",
        plan.warnings().collect::<Vec<_>>()
    );
    assert!(plan.is_success());
}

const WARNED: &str = "apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: perl:5.34
";

#[test]
fn strict_mode_turns_warnings_into_errors() {
    let lax = plan_of(&[("pi.yaml", WARNED)], false);
    assert_eq!((lax.valid_jobs, lax.invalid_jobs), (1, 0));
    assert!(lax.errors().next().is_none());
    let n = lax.warnings().count();
    assert!(
        n >= 8,
        "namespace, 4 labels, args, requests, limits, env, naming: {n}"
    );
    assert!(lax.warnings().all(|f| f.severity == Severity::Warning));

    let strict = plan_of(&[("pi.yaml", WARNED)], true);
    assert_eq!((strict.valid_jobs, strict.invalid_jobs), (0, 1));
    assert_eq!(strict.errors().count(), n);
    assert!(strict.warnings().next().is_none());
    assert!(strict.errors().all(|f| f.severity == Severity::Error));
    assert!(!strict.is_success());
}

#[test]
fn multi_document_files_plan_each_job_and_skip_other_kinds() {
    let text = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n---\n{}---\n---\n{}",
        WARNED,
        WARNED
            .replace("name: pi\nspec", "name: pi-2\n  namespace: other\nspec")
            .replace("image: perl:5.34\n", "")
    );
    let plan = plan_of(&[("multi.yaml", &text)], false);
    assert_eq!(plan.total_jobs, 2);
    assert_eq!(plan.jobs[0].document, 1);
    assert_eq!(plan.jobs[1].document, 3);
    assert_eq!(plan.jobs[1].job_name, "pi-2");
    assert_eq!(plan.jobs[1].namespace, "other");
    assert!(!plan.jobs[1].valid);
    assert_eq!(plan.summary.skipped_documents.len(), 1);
    assert_eq!(plan.summary.skipped_documents[0].kind, "ConfigMap");
    // The missing image of the second Job points into the second Job: its
    // container item, on the line of `- name: pi`.
    let img = plan.jobs[1]
        .errors
        .iter()
        .find(|f| f.rule == "missing-container-image")
        .expect("image error");
    let line_of_container = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "- name: pi")
        .nth(1)
        .expect("second container")
        .0
        + 1;
    assert_eq!((img.line, img.column), (line_of_container, 9));
    assert_eq!(img.path, "spec.template.spec.containers[0].image");
    assert_eq!(img.document, 3);
}

#[test]
fn a_file_of_other_kinds_only_is_an_invalid_job() {
    let plan = plan_of(
        &[(
            "cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n",
        )],
        false,
    );
    assert_eq!(plan.invalid_jobs, 1);
    let kind = plan
        .errors()
        .find(|f| f.rule == "invalid-kind")
        .expect("kind error");
    assert_eq!(
        kind.message,
        "kind: Unsupported value: \"ConfigMap\": supported values: \"Job\""
    );
    assert_eq!((kind.line, kind.column), (2, 1));
}

#[test]
fn positions_of_missing_fields_use_the_nearest_parent() {
    let text = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  labels:\n    app: a\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: i\n";
    let plan = plan_of(&[("p.yaml", text)], false);
    let at = |rule: &str, path: &str| {
        let f = plan
            .errors()
            .chain(plan.warnings())
            .find(|f| f.rule == rule && f.path == path)
            .unwrap_or_else(|| panic!("no {rule} at {path}"));
        (f.line, f.column)
    };
    assert_eq!(at("missing-job-name", "metadata.name"), (3, 1));
    assert_eq!(at("missing-namespace", "metadata.namespace"), (3, 1));
    assert_eq!(
        at("missing-recommended-label", "metadata.labels[worker_id]"),
        (4, 3)
    );
    assert_eq!(
        at("missing-args", "spec.template.spec.containers[0].args"),
        (11, 9)
    );
}

#[test]
fn broken_files_do_not_cost_other_files_their_result() {
    let ex = examples();
    let plan = plan_of(
        &[
            ("a-broken.yaml", "a: [\n"),
            (&ex[0].0, &ex[0].1),
            ("b-list.yaml", "- 1\n- 2\n"),
        ],
        false,
    );
    assert_eq!(
        (plan.total_jobs, plan.valid_jobs, plan.invalid_jobs),
        (3, 1, 2)
    );
    assert!(plan.jobs.iter().any(|j| j.valid && j.file == ex[0].0));
    let syntax = plan
        .errors()
        .find(|f| f.rule == "yaml-syntax-error")
        .expect("syntax error");
    assert_eq!(syntax.file, "a-broken.yaml");
    assert_eq!(syntax.line, 2);
}

#[test]
fn plan_does_not_depend_on_input_order() {
    let ex = examples();
    let a = plan_of(
        &[
            (&ex[0].0, &ex[0].1),
            (&ex[1].0, &ex[1].1),
            ("z.yaml", WARNED),
        ],
        false,
    );
    let b = plan_of(
        &[
            ("z.yaml", WARNED),
            (&ex[1].0, &ex[1].1),
            (&ex[0].0, &ex[0].1),
        ],
        false,
    );
    assert_eq!(render_plan_text(&a), render_plan_text(&b));
    assert_eq!(
        serde_json::to_string(&a).expect("json"),
        serde_json::to_string(&b).expect("json")
    );
}

#[test]
fn json_has_the_contract_field_names() {
    let plan = plan_of(&[("pi.yaml", WARNED)], false);
    let v = serde_json::to_value(&plan).expect("json");
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&v),
        [
            "errors",
            "invalidJobs",
            "jobs",
            "summary",
            "totalJobs",
            "validJobs",
            "warnings"
        ]
    );
    assert_eq!(
        keys(&v["jobs"][0]),
        [
            "document",
            "errors",
            "file",
            "jobData",
            "jobName",
            "namespace",
            "valid",
            "warnings"
        ]
    );
    let f = &v["warnings"][0];
    for k in [
        "severity", "code", "rule", "message", "path", "file", "document", "line", "column",
    ] {
        assert!(f.get(k).is_some(), "finding lacks {k}: {f}");
    }
    assert_eq!(f["severity"], "warning");
    assert_eq!(v["jobs"][0]["jobData"]["metadata"]["name"], "pi");
}

#[test]
fn validate_job_yaml_is_the_seed_single_file_api() {
    let v = validate_job_yaml(WARNED, "pi.yaml", &PlanOptions::default()).expect("valid options");
    assert!(v.valid);
    assert_eq!(v.job_name, "pi");
    assert_eq!(v.namespace, "default");
    assert!(!v.warnings.is_empty());
    let empty = validate_job_yaml("", "e.yaml", &PlanOptions::default()).expect("valid options");
    assert!(!empty.valid);
    assert!(
        !empty.errors.is_empty(),
        "an invalid verdict always says why"
    );
    let bad_version = validate_job_yaml(
        WARNED,
        "pi.yaml",
        &PlanOptions {
            strict: false,
            kubernetes_version: Some("1.10".into()),
            ..Default::default()
        },
    );
    assert!(bad_version.unwrap_err().contains("1.32 to 1.37"));
}

#[test]
fn plan_text_lists_invalid_jobs_errors_and_warnings_with_positions() {
    let plan = plan_of(
        &[
            ("bad.yaml", &WARNED.replace("batch/v1", "batch/v2")),
            ("pi.yaml", WARNED),
        ],
        false,
    );
    let text = render_plan_text(&plan);
    assert!(text.contains("[INVALID JOBS]\n  ✗ pi (bad.yaml)\n      bad.yaml:1:1: apiVersion: Unsupported value: \"batch/v2\": supported values: \"batch/v1\"\n"), "{text}");
    assert!(text.contains("[ERRORS]\n  bad.yaml:1:1: error[KJP101 invalid-api-version] apiVersion: Unsupported value"), "{text}");
    assert!(
        text.contains("[WARNINGS]\n  bad.yaml:3:1: warning[KJP201 missing-namespace]"),
        "{text}"
    );
    // A valid Job's warnings are shown too.
    assert!(
        text.contains("  pi.yaml:3:1: warning[KJP201 missing-namespace]"),
        "{text}"
    );
    assert!(text.contains("[VALID JOBS]\n  ✓ pi\n"), "{text}");
}

#[test]
fn file_findings_are_stored_once_with_their_file_and_listed_in_the_json_views() {
    let plan = plan_of(
        &[("a.yaml", WARNED), ("b-empty.yaml", ""), ("c.yaml", WARNED)],
        false,
    );
    // The empty file's warning belongs to the file, not to a Job.
    assert_eq!(plan.files.len(), 1);
    assert_eq!(plan.files[0].file, "b-empty.yaml");
    assert_eq!(plan.files[0].warnings[0].rule, "empty-file");
    assert!(plan.files[0].errors.is_empty());
    // The views list it in input order, between the two files' Jobs.
    let files: Vec<&str> = plan.warnings().map(|f| f.file.as_str()).collect();
    let at = files
        .iter()
        .position(|f| *f == "b-empty.yaml")
        .expect("listed");
    assert!(files[..at].iter().all(|f| *f == "a.yaml"), "{files:?}");
    assert!(files[at + 1..].iter().all(|f| *f == "c.yaml"), "{files:?}");
    // In the JSON: `files`, and the seed's `warnings` with every warning once.
    let v = serde_json::to_value(&plan).expect("json");
    assert_eq!(v["files"][0]["file"], "b-empty.yaml");
    let listed = v["warnings"].as_array().expect("warnings");
    assert_eq!(listed.len(), files.len());
    assert_eq!(listed[at]["rule"], "empty-file");
    // Read back, the views are rebuilt from the one structure.
    let back: ExecutionPlan = serde_json::from_value(v).expect("reads back");
    assert_eq!(back, plan);
    // Without file-level findings there is no `files` key (the seed's shape).
    let clean = serde_json::to_value(plan_of(&[("a.yaml", WARNED)], false)).expect("json");
    assert!(clean.get("files").is_none());
}

#[test]
fn on_equal_file_names_a_files_own_findings_come_before_the_jobs() {
    // Two inputs named alike (the npm API allows it): the order of the
    // `errors` view depends only on what the JSON holds, so a plan read back
    // renders the same bytes.
    let job = WARNED.replace("batch/v1", "batch/v2");
    let inputs = [
        InputFile {
            name: "x.yaml",
            content: InputContent::Text(&job),
        },
        InputFile {
            name: "x.yaml",
            content: InputContent::Bytes(&[0xff, 0xfe, 0xfd]),
        },
    ];
    let plan = plan_files(&inputs, &PlanOptions::default()).expect("valid options");
    let owners: Vec<bool> = plan
        .owners()
        .map(|o| matches!(o, k8s_job_plan::Owner::File(_)))
        .collect();
    assert_eq!(owners, [true, false]);
    let json = k8s_job_plan::Format::Json.render(&plan);
    let back: ExecutionPlan = serde_json::from_str(&json).expect("reads back");
    assert_eq!(render_plan_text(&back), render_plan_text(&plan));
    assert_eq!(k8s_job_plan::Format::Json.render(&back), json);
}

#[test]
fn whether_a_file_holds_a_job_is_decided_over_all_its_documents_in_any_order() {
    // Documents are checked as they are read; those before the first Job
    // wait for it. Every order of these documents must give the verdicts of
    // a reading of the whole file first: other kinds are skipped when the
    // file holds a Job anywhere, and checked as Jobs (invalid) otherwise;
    // every entry stays in document order.
    let docs = [
        ("cm", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n"),
        ("job", WARNED),
        ("bad", "a: [\n"),
        ("dep", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"),
        (
            "list",
            "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: in-list\n",
        ),
    ];
    let n = docs.len();
    for a in 0..n {
        for b in 0..n {
            for c in 0..n {
                let order = [a, b, c];
                let text: Vec<&str> = order.iter().map(|&i| docs[i].1).collect();
                let text = text.join("---\n");
                let plan = plan_of(&[("f.yaml", &text)], false);
                let names: Vec<&str> = order.iter().map(|&i| docs[i].0).collect();
                let has_job = names.contains(&"job");
                let mut jobs = Vec::new();
                let mut skipped = Vec::new();
                for (d, name) in names.iter().enumerate() {
                    match *name {
                        "job" | "bad" => jobs.push(d),
                        _ if has_job => skipped.push(d),
                        _ => jobs.push(d),
                    }
                }
                let got_jobs: Vec<usize> = plan.jobs.iter().map(|j| j.document).collect();
                let got_skipped: Vec<usize> = plan
                    .summary
                    .skipped_documents
                    .iter()
                    .map(|s| s.document)
                    .collect();
                assert_eq!(got_jobs, jobs, "{names:?}");
                assert_eq!(got_skipped, skipped, "{names:?}");
                assert_eq!(plan.summary.documents, 3, "{names:?}");
                for j in &plan.jobs {
                    let valid = names[j.document] == "job";
                    assert_eq!(j.valid, valid, "{names:?} document {}", j.document);
                }
            }
        }
    }
}
