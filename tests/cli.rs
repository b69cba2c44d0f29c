//! The native CLI, run as a binary: exit codes, --output-plan, JSON, stdin.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

include!("common/cli_run.rs");

const GOLDEN: &str = include_str!("golden/d29_k8s_jobs.plan.txt");

#[test]
fn seed_command_prints_the_golden_plan_and_exits_0() {
    let out = run(&["--jobs-dir", "examples/d29_k8s_jobs"]);
    assert_eq!(text(&out.stdout), GOLDEN);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty());
}

#[test]
fn strict_flag_and_invalid_jobs_exit_1() {
    let d = scratch("strict");
    fs::write(d.join("pi.yaml"), "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: pi, image: perl}]\n").unwrap();
    let dir = d.to_str().unwrap();
    assert_eq!(run(&["--jobs-dir", dir]).status.code(), Some(0));
    let strict = run(&["--jobs-dir", dir, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(text(&strict.stdout).contains("Invalid Jobs:            1"));
    fs::write(
        d.join("z-bad.yaml"),
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: bad}\n",
    )
    .unwrap();
    assert_eq!(run(&["--jobs-dir", dir]).status.code(), Some(1));
}

/// A folder of CronJobs only is not "no Job found": a valid CronJob alone
/// exits 0 and says nothing on stderr.
#[test]
fn a_cron_job_alone_is_planned_without_a_no_job_error() {
    let d = scratch("cron-only");
    fs::write(
        d.join("nightly.yaml"),
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: batch}\nspec:\n  schedule: \"0 3 * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: main, image: busybox:1.36}]\n",
    )
    .unwrap();
    let out = run(&["--no-config", "--jobs-dir", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).is_empty(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("[CRONJOBS]"));
}

#[test]
fn missing_and_empty_directories_are_named_and_exit_1() {
    let out = run(&["--jobs-dir", "does/not/exist"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("error: does/not/exist: no such file or directory"),
        "{err}"
    );
    assert!(err.contains("no Job or CronJob found"), "{err}");

    let d = scratch("empty");
    fs::write(d.join("readme.txt"), "not yaml").unwrap();
    let out = run(&["--jobs-dir", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("the directory holds no *.yaml or *.yml file"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn non_utf8_file_is_named_with_its_position() {
    let d = scratch("latin1");
    fs::write(
        d.join("job.yaml"),
        b"apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: caf\xe9\n",
    )
    .unwrap();
    let out = run(&["--format", "json", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let f = &v["errors"][0];
    assert_eq!(f["rule"], "file-not-text");
    assert!(f["file"].as_str().unwrap().ends_with("latin1/job.yaml"));
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(4), Some(12))
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--bogus"][..],
        &["--format", "xml", "x"][..],
        &[][..],
        &["--jobs-dir"][..],
        &["--kubernetes-version", "1.20", "x"][..],
    ] {
        let out = run(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(text(&out.stderr).starts_with("error: "), "{args:?}");
    }
    let out = run(&["--format", "xml", "x"]);
    assert!(text(&out.stderr).contains("valid formats are text, json, sarif, junit"));
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("--jobs-dir DIR"));
}

#[test]
fn output_plan_writes_the_same_plan() {
    let d = scratch("output");
    let plan = d.join("plan.txt");
    let out = run(&[
        "--jobs-dir",
        "examples/d29_k8s_jobs",
        "--output-plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(fs::read_to_string(&plan).unwrap(), GOLDEN);
    // No temporary file is left behind.
    let left: Vec<_> = fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
    // JSON goes to the file too.
    let out = run(&[
        "--jobs-dir",
        "examples/d29_k8s_jobs",
        "--format",
        "json",
        "--output-plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(fs::read(&plan).unwrap(), out.stdout);
}

#[test]
fn output_plan_never_overwrites_an_input() {
    let d = scratch("clobber");
    let job = d.join("job.yaml");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-1-0.yaml"),
        &job,
    )
    .unwrap();
    let before = fs::read(&job).unwrap();
    let out = run(&[
        "--jobs-dir",
        d.to_str().unwrap(),
        "--output-plan",
        job.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("refusing to overwrite an input manifest"));
    assert_eq!(fs::read(&job).unwrap(), before);
}

#[test]
fn json_format_is_the_plan_object() {
    let d = scratch("json");
    fs::write(d.join("a-broken.yaml"), "kind: Job\nmetadata: [\n").unwrap();
    fs::write(
        d.join("b-invalid.yaml"),
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec: {}\n",
    )
    .unwrap();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-1-0.yaml"),
        d.join("c-valid.yaml"),
    )
    .unwrap();
    let out = run(&["--format", "json", "--jobs-dir", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        (
            v["totalJobs"].as_u64(),
            v["validJobs"].as_u64(),
            v["invalidJobs"].as_u64()
        ),
        (Some(3), Some(1), Some(2))
    );
    let jobs = v["jobs"].as_array().unwrap();
    assert!(jobs[0]["file"].as_str().unwrap().ends_with("a-broken.yaml"));
    assert_eq!(jobs[0]["errors"][0]["rule"], "yaml-syntax-error");
    assert_eq!(jobs[0]["errors"][0]["line"], 3);
    assert_eq!(
        jobs[1]["errors"][0]["path"],
        "spec.template.spec.containers"
    );
    assert_eq!(jobs[1]["errors"][0]["line"], 5);
    assert_eq!(jobs[2]["valid"], true);
    assert_eq!(jobs[2]["jobData"]["metadata"]["namespace"], "trading-bots");
}

#[test]
fn stdin_is_read_for_dash() {
    let mut child = bin()
        .args(["-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let job = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-1-0.yaml"),
    )
    .unwrap();
    child.stdin.take().unwrap().write_all(&job).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("  ✓ arb-tuning-d29-k8s--worker-1-0\n"));
}

#[test]
fn enable_rule_runs_an_opt_in_rule_by_name_or_code() {
    let fixture = "tests/fixtures/rules/missing-ttl-seconds-after-finished/invalid.yaml";
    let plain = run(&["--format", "json", fixture]);
    assert_eq!(plain.status.code(), Some(0), "{}", text(&plain.stderr));
    assert!(!text(&plain.stdout).contains("KJP501"), "off by default");
    for name in ["missing-ttl-seconds-after-finished", "KJP501"] {
        let on = run(&["--enable-rule", name, "--format", "json", fixture]);
        assert_eq!(on.status.code(), Some(0), "a warning keeps the Job valid");
        let out = text(&on.stdout);
        assert!(out.contains("\"code\": \"KJP501\""), "{out}");
        let strict = run(&[&format!("--enable-rule={name}"), "--strict", fixture]);
        assert_eq!(strict.status.code(), Some(1), "strict makes it an error");
        assert!(text(&strict.stdout).contains("spec.ttlSecondsAfterFinished: not set"));
    }
    let valid = "tests/fixtures/rules/missing-ttl-seconds-after-finished/valid.yaml";
    let ok = run(&[
        "--enable-rule",
        "missing-ttl-seconds-after-finished",
        "--strict",
        valid,
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stdout));
    // SARIF lists the opt-in rule only when it ran and reported.
    let sarif = run(&["--format", "sarif", fixture]);
    assert!(!text(&sarif.stdout).contains("KJP501"));
    let sarif = run(&["--enable-rule", "KJP501", "--format", "sarif", fixture]);
    assert!(text(&sarif.stdout).contains("\"id\": \"KJP501\""));
}

#[test]
fn enable_rule_with_an_unknown_name_is_a_usage_error() {
    let out = run(&["--enable-rule", "no-such-rule", "examples/d29_k8s_jobs"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("unknown rule \"no-such-rule\""), "{err}");
    assert!(out.stdout.is_empty());
    let missing = run(&["examples/d29_k8s_jobs", "--enable-rule"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("--enable-rule needs a value"));
}
