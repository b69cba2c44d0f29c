//! The planner split in two (`plan_split`: check slices of the files, then
//! assemble their results) gives the plan of one `plan_files` call, byte for
//! byte in JSON and text, whatever the slicing: on the seed's examples, the
//! real-world Jobs of tests/realworld and a mixed set (broken, empty, binary
//! and UTF-16 files, CronJobs, Lists, quotas and LimitRanges, duplicate
//! names), under every option that changes a check.
#![cfg(not(target_arch = "wasm32"))]

use k8s_job_plan::model::QuotaFile;
use k8s_job_plan::plan_split::{self, Context};
use k8s_job_plan::{render_plan_text, InputContent, InputFile, PlanOptions};
use std::fs;
use std::path::Path;

fn read_dir(dir: &str, prefix: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(&root)
        .expect("directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .map(|p| {
            let name = format!("{prefix}{}", p.file_name().unwrap().to_string_lossy());
            (name, fs::read(&p).expect("file"))
        })
        .collect();
    out.sort();
    out
}

fn seed() -> Vec<(String, Vec<u8>)> {
    read_dir("examples/d29_k8s_jobs", "seed/")
}

fn realworld() -> Vec<(String, Vec<u8>)> {
    read_dir("tests/realworld", "realworld/")
}

const CRON: &str = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n  namespace: trading-bots\nspec:\n  schedule: \"0 3 * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: c\n            image: busybox:1.36\n            resources:\n              requests: {cpu: 100m, memory: 64Mi}\n              limits: {cpu: 200m, memory: 128Mi}\n";

/// Files that exercise every path of a check, and the cross-file part.
fn mixed() -> Vec<(String, Vec<u8>)> {
    let seed = seed();
    let job = String::from_utf8(seed[0].1.clone()).unwrap();
    let job2 = String::from_utf8(seed[1].1.clone()).unwrap();
    let quota_over = read_dir("tests/fixtures/resources", "quotas/");
    let mut v: Vec<(String, Vec<u8>)> = vec![
        ("m/broken.yaml".into(), b"apiVersion: batch/v1\nkind: [Job\n".to_vec()),
        ("m/empty.yaml".into(), Vec::new()),
        ("m/comments.yaml".into(), b"# nothing here\n".to_vec()),
        ("m/binary.yaml".into(), vec![0x89, b'P', b'N', b'G', 0, 1, 2, 3]),
        ("m/utf16.yaml".into(), vec![0xff, 0xfe, b'a', 0, b':', 0, b' ', 0, b'1', 0]),
        ("m/not-a-map.yaml".into(), b"- a\n- b\n".to_vec()),
        ("m/cron.yaml".into(), CRON.into()),
        (
            "m/list.yaml".into(),
            format!(
                "apiVersion: v1\nkind: List\nitems:\n{}{}",
                indent_item(&job),
                indent_item(CRON)
            )
            .into(),
        ),
        (
            "m/job-and-service.yaml".into(),
            format!("{job2}---\napiVersion: v1\nkind: Service\nmetadata: {{name: s}}\n").into(),
        ),
        (
            "m/dup.yaml".into(),
            job.replace("restartPolicy: Never", "restartPolicy: Always").into(),
        ),
        ("m/dup.yaml".into(), job.clone().into()),
        (
            "m/ignored.yaml".into(),
            job.replacen(
                "metadata:\n",
                "metadata:\n  annotations:\n    k8s-job-plan.io/ignore: \"KJP202: the image has a default\"\n",
                1,
            )
            .replace("          args:\n", "          xargs:\n")
            .into(),
        ),
        (
            "legacy/old.yaml".into(),
            job.replace("  namespace: trading-bots\n", "").into(),
        ),
        (
            "m/quota-in-list.yaml".into(),
            "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ResourceQuota\n  metadata: {name: tiny, namespace: trading-bots}\n  spec:\n    hard: {requests.cpu: 100m, pods: \"1\"}\n".into(),
        ),
        (
            "m/limits.yaml".into(),
            "apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr, namespace: trading-bots}\nspec:\n  limits:\n  - type: Container\n    default: {cpu: 300m, memory: 64Mi}\n    max: {cpu: \"1\"}\n".into(),
        ),
    ];
    v.extend(quota_over);
    v.extend(seed);
    v
}

fn indent_item(doc: &str) -> String {
    let mut out = String::new();
    for (i, line) in doc.lines().enumerate() {
        out.push_str(if i == 0 { "- " } else { "  " });
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn inputs(files: &[(String, Vec<u8>)]) -> Vec<InputFile<'_>> {
    files
        .iter()
        .map(|(n, b)| InputFile {
            name: n,
            content: InputContent::Bytes(b),
        })
        .collect()
}

const POLICY: &str = "profile: kubernetes\nrules:\n  missing-ttl-seconds-after-finished: warning\nconventions:\n  requiredLabels: [team]\n  maxParallelism: 2\nignore:\n  - rule: missing-namespace\n    files: \"legacy/**\"\n    reason: the legacy files are applied with -n\n";

/// Option sets that each change what a check reports.
fn option_sets() -> Vec<(&'static str, PlanOptions, Option<&'static str>)> {
    let quota = QuotaFile {
        name: "cluster/quota.yaml".into(),
        content: "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: data-eng}\nspec:\n  hard: {limits.memory: 1Gi}\n".into(),
    };
    vec![
        ("default", PlanOptions::default(), None),
        (
            "strict",
            PlanOptions {
                strict: true,
                ..Default::default()
            },
            None,
        ),
        (
            "resources",
            PlanOptions {
                resources: true,
                ..Default::default()
            },
            None,
        ),
        (
            "version and opt-in rules",
            PlanOptions {
                kubernetes_version: Some("1.32".into()),
                enable_rules: vec!["KJP501".into()],
                ..Default::default()
            },
            None,
        ),
        (
            "quota file",
            PlanOptions {
                quotas: vec![quota],
                no_inline_ignores: true,
                ..Default::default()
            },
            None,
        ),
        ("policy", PlanOptions::default(), Some(POLICY)),
    ]
}

fn one_call(files: &[InputFile], opts: &PlanOptions, policy: Option<&str>) -> (String, String) {
    let policy = policy.map(|p| k8s_job_plan::policy::parse(p).expect("policy"));
    let plan = k8s_job_plan::plan_files_with_policy(files, opts, policy.as_ref()).expect("plans");
    (
        serde_json::to_string(&plan).unwrap(),
        render_plan_text(&plan),
    )
}

/// What identifies the options and policy in a context's key.
fn salt(opts: &PlanOptions, policy: Option<&str>) -> String {
    format!(
        "{}\n{}",
        serde_json::to_string(opts).unwrap(),
        policy.unwrap_or("")
    )
}

/// Checks each slice on its own, then assembles, as workers would.
fn split(
    slices: &[Vec<InputFile>],
    sources: &[InputFile],
    opts: &PlanOptions,
    policy: Option<&str>,
) -> Result<(String, String), String> {
    let salt = salt(opts, policy);
    let policy = policy.map(|p| k8s_job_plan::policy::parse(p).expect("policy"));
    let parts: Vec<Vec<u8>> = slices
        .iter()
        .map(|s| {
            // A context per worker, as each worker builds its own.
            let cx = Context::new(opts, policy.as_ref(), sources, &salt).expect("context");
            plan_split::check(s, &cx)
        })
        .collect();
    let cx = Context::new(opts, policy.as_ref(), sources, &salt)?;
    let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    let plan = plan_split::assemble(&parts, &cx)?;
    Ok((
        serde_json::to_string(&plan).unwrap(),
        render_plan_text(&plan),
    ))
}

/// The files in the plan's order (name, then content), as callers sort them.
fn sorted<'a>(files: &[InputFile<'a>]) -> Vec<InputFile<'a>> {
    let mut v = files.to_vec();
    v.sort_by(|a, b| a.name.cmp(b.name).then_with(|| bytes(a).cmp(bytes(b))));
    v
}

fn bytes<'a>(f: &InputFile<'a>) -> &'a [u8] {
    match f.content {
        InputContent::Bytes(b) => b,
        _ => &[],
    }
}

fn sources<'a>(files: &[InputFile<'a>]) -> Vec<InputFile<'a>> {
    files
        .iter()
        .filter(|f| plan_split::names_policy_kind(&f.content))
        .copied()
        .collect()
}

/// Contiguous slices of the sorted list, `n` of them (some may be empty).
fn contiguous<'a>(order: &[InputFile<'a>], n: usize) -> Vec<Vec<InputFile<'a>>> {
    let size = order.len().div_ceil(n).max(1);
    let mut out: Vec<Vec<InputFile>> = order.chunks(size).map(<[_]>::to_vec).collect();
    out.resize_with(n, Vec::new);
    out
}

/// Shards of the files dealt in any order (as the page deals them as they
/// are read), each put in name order before it is checked.
fn dealt<'a>(files: &[InputFile<'a>], n: usize) -> Vec<Vec<InputFile<'a>>> {
    let mut out = vec![Vec::new(); n];
    for (i, f) in files.iter().enumerate() {
        out[(i * 7 + 3) % n].push(*f);
    }
    out.iter().map(|shard| sorted(shard)).collect()
}

fn assert_split_equals_one_call(set: &str, files: &[(String, Vec<u8>)]) {
    let files = inputs(files);
    let order = sorted(&files);
    let src = sources(&files);
    for (label, opts, policy) in option_sets() {
        let expected = one_call(&files, &opts, policy);
        for n in [1, 2, 3, 4, 7] {
            let got = split(&contiguous(&order, n), &src, &opts, policy).expect("assembles");
            assert!(
                got.0 == expected.0,
                "{set}, {label}, {n} contiguous slices: the JSON differs"
            );
            assert!(
                got.1 == expected.1,
                "{set}, {label}, {n} contiguous slices: the text differs"
            );
        }
        // Every file as a policy source (a superset) changes nothing.
        let got = split(&contiguous(&order, 3), &files, &opts, policy).expect("assembles");
        assert!(got == expected, "{set}, {label}: all files as sources");
    }
}

#[test]
fn seed_examples_split_equal_one_call() {
    assert_split_equals_one_call("seed", &seed());
}

#[test]
fn realworld_jobs_split_equal_one_call() {
    let files = realworld();
    assert!(
        files.len() > 20,
        "tests/realworld holds the real-world Jobs"
    );
    assert_split_equals_one_call("realworld", &files);
}

#[test]
fn mixed_inputs_split_equal_one_call() {
    let files = mixed();
    // The set exercises what it claims to: quotas and Lists among the sources.
    let srcs: Vec<String> = sources(&inputs(&files))
        .iter()
        .map(|f| f.name.to_string())
        .collect();
    assert!(
        srcs.contains(&"m/quota-in-list.yaml".to_string()),
        "{srcs:?}"
    );
    assert!(srcs.contains(&"m/limits.yaml".to_string()), "{srcs:?}");
    let (json, _) = one_call(&inputs(&files), &PlanOptions::default(), None);
    for needle in [
        "\"cronJobs\"",
        "KJP702",
        "KJP003",
        "\"suppressed\"",
        "items[1]",
    ] {
        assert!(json.contains(needle), "the mixed plan has no {needle}");
    }
    assert_split_equals_one_call("mixed", &files);
}

#[test]
fn shards_in_any_order_equal_one_call_when_names_are_unique() {
    // The page keeps one file per path and deals files to workers as they
    // are read: shards are not slices of the sorted list.
    let mut files = mixed();
    files.retain(|(n, _)| n != "m/dup.yaml");
    files.reverse();
    let files = inputs(&files);
    let src = sources(&files);
    for (label, opts, policy) in option_sets() {
        let expected = one_call(&files, &opts, policy);
        for n in [2, 3, 4] {
            let got = split(&dealt(&files, n), &src, &opts, policy).expect("assembles");
            assert!(got == expected, "{label}, {n} dealt shards");
        }
    }
}

#[test]
fn a_missing_policy_source_changes_the_plan() {
    // The comparison above can fail: without the quota among the sources the
    // checks and totals differ from one call's.
    let files = mixed();
    let files = inputs(&files);
    let order = sorted(&files);
    let src: Vec<InputFile> = sources(&files)
        .into_iter()
        .filter(|f| f.name != "m/quota-in-list.yaml")
        .collect();
    let expected = one_call(&files, &PlanOptions::default(), None);
    let got = split(&contiguous(&order, 2), &src, &PlanOptions::default(), None).unwrap();
    assert!(got.0 != expected.0);
}

#[test]
fn results_checked_under_other_options_are_refused() {
    let files = seed();
    let files = inputs(&files);
    let cx = Context::new(&PlanOptions::default(), None, &[], "default").unwrap();
    let strict_opts = PlanOptions {
        strict: true,
        ..Default::default()
    };
    let strict = Context::new(&strict_opts, None, &[], "strict").unwrap();
    assert_ne!(cx.key(), strict.key());
    let part = plan_split::check(&files, &cx);
    let e = plan_split::assemble(&[&part], &strict).unwrap_err();
    assert!(e.contains("checked under other options"), "{e}");
    // Other policy sources are another context too.
    let quota: &[u8] = b"apiVersion: v1\nkind: LimitRange\nmetadata: {name: x}\n";
    let with_source = Context::new(
        &PlanOptions::default(),
        None,
        &[InputFile {
            name: "lr.yaml",
            content: InputContent::Bytes(quota),
        }],
        "default",
    )
    .unwrap();
    assert_ne!(cx.key(), with_source.key());
    // A part out of name order.
    let mut backwards = files.clone();
    backwards.reverse();
    let part = plan_split::check(&backwards, &cx);
    let e = plan_split::assemble(&[&part], &cx).unwrap_err();
    assert!(
        e.contains("a part must be in the order of file names"),
        "{e}"
    );
    // Not a check result at all.
    let e = plan_split::assemble(&[b"{\"jobs\": []}\n"], &cx).unwrap_err();
    assert!(e.starts_with("part 0, line 1: not a check result"), "{e}");
    // Nothing to assemble is the plan of no files.
    let empty = plan_split::assemble(&[], &cx).unwrap();
    let none = k8s_job_plan::plan_files(&[], &PlanOptions::default()).unwrap();
    assert_eq!(
        serde_json::to_string(&empty).unwrap(),
        serde_json::to_string(&none).unwrap()
    );
}

#[test]
fn a_check_result_is_one_line_per_file_in_input_order() {
    let files = mixed();
    let files = inputs(&files);
    let cx = Context::new(&PlanOptions::default(), None, &sources(&files), "").unwrap();
    let out = plan_split::check(&files, &cx);
    let lines: Vec<&[u8]> = out.split(|b| *b == b'\n').collect();
    // One line per file, and the empty rest after the last newline.
    assert_eq!(lines.len(), files.len() + 1);
    assert!(lines[files.len()].is_empty());
    for (line, f) in lines.iter().zip(&files) {
        let v: serde_json::Value = serde_json::from_slice(line).unwrap();
        // [key, file, documents, jobs, cronJobs, fileFindings, skipped, pods]
        assert_eq!(v[1], f.name);
    }
}
