//! The native CLI's outputs for CI: `--report FORMAT=FILE` and `--format
//! github` with its step summary. (The Node CLI's parity: tests/js/cli.test.mjs.)
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::PathBuf;

const SEED: &str = "examples/d29_k8s_jobs";
const GOLDEN: &str = include_str!("golden/d29_k8s_jobs.plan.txt");

include!("common/cli_run.rs");

fn invalid_dir(name: &str) -> PathBuf {
    let d = scratch(name);
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    fs::copy(
        fixtures.join("missing-container-image/invalid.yaml"),
        d.join("a-invalid.yaml"),
    )
    .unwrap();
    fs::copy(
        fixtures.join("missing-namespace/invalid.yaml"),
        d.join("b-warn.yaml"),
    )
    .unwrap();
    d
}

#[test]
fn reports_are_written_with_any_stdout_format() {
    let d = scratch("reports");
    let file = |n: &str| d.join(n).to_str().unwrap().to_string();
    let (sarif, junit, json) = (file("r.sarif"), file("junit.xml"), file("plan.json"));
    let out = run(&[
        "--jobs-dir",
        SEED,
        "--report",
        &format!("sarif={sarif}"),
        &format!("--report=junit={junit}"),
        "--report",
        &format!("json={json}"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), GOLDEN, "stdout keeps the text plan");
    assert!(out.stderr.is_empty());
    for (format, path) in [("sarif", &sarif), ("junit", &junit), ("json", &json)] {
        let alone = run(&["--format", format, "--jobs-dir", SEED]);
        assert_eq!(fs::read(path).unwrap(), alone.stdout, "--report {format}");
    }
    // No temporary file is left behind.
    let mut left: Vec<_> = fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left, ["junit.xml", "plan.json", "r.sarif"]);

    // With invalid Jobs: the exit code is the plan's, the reports are written.
    let bad = invalid_dir("reports-bad");
    let out = run(&[
        "--format",
        "github",
        bad.to_str().unwrap(),
        "--report",
        &format!("text={}", file("plan.txt")),
        "--output-plan",
        &file("out.github"),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let alone = run(&[bad.to_str().unwrap()]);
    assert_eq!(fs::read(file("plan.txt")).unwrap(), alone.stdout);
    assert_eq!(fs::read(file("out.github")).unwrap(), out.stdout);
}

#[test]
fn report_errors_exit_2_with_a_message() {
    let d = scratch("report-errors");
    let input = d.join("job.yaml");
    fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-1-0.yaml"),
        &input,
    )
    .unwrap();
    let before = fs::read(&input).unwrap();
    let input = input.to_str().unwrap();
    let nodir = d.join("no/such/dir/r.sarif");
    let cases: [(Vec<String>, &str); 6] = [
        (
            vec!["--report".into(), "sarif".into()],
            "error: --report \"sarif\": expected FORMAT=FILE",
        ),
        (
            vec!["--report".into(), "xml=r.xml".into()],
            "error: --report \"xml=r.xml\": unknown format \"xml\"",
        ),
        (
            vec!["--report".into(), "junit=".into()],
            "error: --report \"junit=\": no file after '='",
        ),
        (vec!["--report".into()], "error: --report needs a value"),
        (
            vec![
                "--report".into(),
                "json=same.json".into(),
                "--report".into(),
                "sarif=same.json".into(),
            ],
            "error: same.json is named by more than one output",
        ),
        (
            vec!["--report".into(), format!("sarif={}", nodir.display())],
            "cannot write the report: no such file or directory",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec![SEED.to_string()];
        all.extend(args);
        let out = bin().args(&all).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{all:?}");
        assert!(
            text(&out.stderr).contains(message),
            "{all:?}: {}",
            text(&out.stderr)
        );
    }
    // Never an input manifest; the other outputs are still written.
    let other = d.join("ok.json");
    let out = run(&[
        input,
        "--report",
        &format!("json={input}"),
        "--report",
        &format!("json={}", other.display()),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!("error: --report json={input}: refusing to overwrite an input manifest\n")
    );
    assert_eq!(fs::read(input).unwrap(), before, "the input is untouched");
    assert!(other.exists());
}

#[test]
fn github_format_appends_the_step_summary_when_asked() {
    let d = invalid_dir("github");
    let summary = d.join("summary.md");
    fs::write(&summary, "earlier step\n").unwrap();
    let dir = d.to_str().unwrap();
    let out = bin()
        .args(["--format", "github", dir])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    // The exit code is the plan's, as with any format.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with(&format!(
        "::error file={}/a-invalid.yaml,line=25,col=11,title=KJP105 missing-container-image::",
        dir.replace(':', "%3A").replace(',', "%2C")
    )));
    assert!(lines
        .iter()
        .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")));
    let written = fs::read_to_string(&summary).unwrap();
    assert_eq!(
        written,
        "earlier step\n### k8s-job-plan: failed\n\n| Summary | |\n| --- | --- |\n| Total Jobs | 2 |\n| Valid Jobs | 1 |\n| Invalid Jobs | 1 |\n| Namespaces | default |\n| Errors | 1 |\n| Warnings | 1 |\n\n"
    );

    // The seed: no finding, no command, exit 0; a missing file is created.
    let fresh = d.join("fresh.md");
    let out = bin()
        .args(["--format", "github", "--jobs-dir", SEED])
        .env("GITHUB_STEP_SUMMARY", &fresh)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(fs::read_to_string(&fresh)
        .unwrap()
        .contains("| Valid Jobs | 2 |"));

    // Other formats leave the summary alone; so does github without the variable.
    let untouched = d.join("untouched.md");
    let out = bin()
        .args(["--format", "sarif", "--jobs-dir", SEED])
        .env("GITHUB_STEP_SUMMARY", &untouched)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!untouched.exists());
    let out = run(&["--format", "github", "--jobs-dir", SEED]);
    assert_eq!(out.status.code(), Some(0));

    // A summary that cannot be written: the annotations are printed, exit 2.
    let out = bin()
        .args(["--format", "github", dir])
        .env("GITHUB_STEP_SUMMARY", d.join("no/dir/summary.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(out.stdout, stdout.as_bytes());
    assert!(text(&out.stderr).contains("cannot append the summary: no such file or directory"));
}
