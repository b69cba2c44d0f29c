//! Resources in the plan (issue 14, docs/resources.md): exact totals on a
//! hand-computed fixture set, quota overruns on the quota's line, LimitRange
//! violations at the container, and the seed's output unchanged without
//! `--resources`.

use k8s_job_plan::{plan_files, render_plan_text, ExecutionPlan, InputFile, PlanOptions, Severity};
use std::fs;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/resources")
        .join(name);
    fs::read_to_string(&p).expect("fixture")
}

fn plan(files: &[(&str, &str)], opts: &PlanOptions) -> ExecutionPlan {
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|(name, text)| InputFile::text(name, text))
        .collect();
    plan_files(&inputs, opts).expect("plans")
}

fn map(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The fixture `jobs.yaml`, computed by hand:
///
/// `train` (parallelism 8 above completions 3: 3 pods at the peak):
/// - app container main: requests cpu 1, memory 2Gi, nvidia.com/gpu 1,
///   hugepages-2Mi 64Mi (its limit, by SetDefaults_Pod); limits cpu 2,
///   memory 4Gi, gpu 1, hugepages 64Mi.
/// - init fetch (plain): cpu 2 / 1Gi both ways; sidecar proxy (restartPolicy
///   Always): requests 250m / 128Mi, limits memory 256Mi plus the
///   LimitRange's default cpu 500m.
/// - requests: app + sidecar = cpu 1250m, memory 2176Mi; fetch alone (no
///   sidecar before it) cpu 2, memory 1Gi; max: cpu 2, memory 2176Mi.
/// - limits: app + sidecar = cpu 2500m, memory 4352Mi (> fetch's 2 / 1Gi).
///
/// `sweep` (parallelism 4, no completions: 4 pods) has no resources: the
/// LimitRange's defaultRequest 100m / 256Mi and default 500m / 512Mi.
///
/// Namespace ml: 2 Jobs, 7 pods; requests cpu 6 + 400m = 6400m, memory
/// 6528Mi + 1Gi = 7552Mi, gpu 3, hugepages 192Mi.
#[test]
fn exact_totals_on_the_hand_computed_fixture_set() {
    let jobs = fixture("jobs.yaml");
    let p = plan(&[("jobs.yaml", &jobs)], &PlanOptions::default());
    let train = p.jobs[0]
        .resources
        .as_ref()
        .expect("planned: the file holds a LimitRange");
    assert_eq!(
        train.pod_requests,
        map(&[
            ("cpu", "2"),
            ("hugepages-2Mi", "64Mi"),
            ("memory", "2176Mi"),
            ("nvidia.com/gpu", "1")
        ])
    );
    assert_eq!(
        train.pod_limits,
        map(&[
            ("cpu", "2500m"),
            ("hugepages-2Mi", "64Mi"),
            ("memory", "4352Mi"),
            ("nvidia.com/gpu", "1")
        ])
    );
    assert_eq!(train.peak_pods, 3);
    assert_eq!(
        train.peak_requests,
        map(&[
            ("cpu", "6"),
            ("hugepages-2Mi", "192Mi"),
            ("memory", "6528Mi"),
            ("nvidia.com/gpu", "3")
        ])
    );
    assert_eq!(
        train.peak_limits,
        map(&[
            ("cpu", "7500m"),
            ("hugepages-2Mi", "192Mi"),
            ("memory", "13056Mi"),
            ("nvidia.com/gpu", "3")
        ])
    );
    let sweep = p.jobs[1].resources.as_ref().expect("planned");
    assert_eq!(
        sweep.pod_requests,
        map(&[("cpu", "100m"), ("memory", "256Mi")])
    );
    assert_eq!(
        sweep.pod_limits,
        map(&[("cpu", "500m"), ("memory", "512Mi")])
    );
    assert_eq!(sweep.peak_pods, 4);
    assert_eq!(
        sweep.peak_requests,
        map(&[("cpu", "400m"), ("memory", "1Gi")])
    );
    let ns = &p.summary.resources.as_ref().expect("summary")["ml"];
    assert_eq!((ns.jobs, ns.peak_pods), (2, 7));
    assert_eq!(
        ns.requests,
        map(&[
            ("cpu", "6400m"),
            ("hugepages-2Mi", "192Mi"),
            ("memory", "7552Mi"),
            ("nvidia.com/gpu", "3")
        ])
    );
    assert_eq!(
        ns.limits,
        map(&[
            ("cpu", "9500m"),
            ("hugepages-2Mi", "192Mi"),
            ("memory", "15104Mi"),
            ("nvidia.com/gpu", "3")
        ])
    );
    assert!(ns.quota.is_none());
    // The LimitRange is consumed and still listed, with what was done with it.
    let skipped = &p.summary.skipped_documents;
    assert_eq!(skipped.len(), 1);
    assert_eq!(
        (skipped[0].kind.as_str(), skipped[0].name.as_str()),
        ("LimitRange", "defaults")
    );
    assert!(
        skipped[0].reason.starts_with("LimitRange: applied"),
        "{}",
        skipped[0].reason
    );
    // No finding comes from the resources: every Job is within the LimitRange.
    assert!(p.warnings().all(|f| !f.code.starts_with("KJP7")));
}

#[test]
fn a_quota_overrun_is_reported_on_the_quotas_line() {
    let jobs = fixture("jobs.yaml");
    let quota = fixture("quota-over.yaml");
    let p = plan(
        &[("jobs.yaml", &jobs), ("quota-over.yaml", &quota)],
        &PlanOptions::default(),
    );
    let over: Vec<_> = p.warnings().filter(|f| f.code == "KJP702").collect();
    assert_eq!(over.len(), 1, "{over:?}");
    let f = over[0];
    assert_eq!(
        (f.file.as_str(), f.line, f.column),
        ("quota-over.yaml", 8, 5)
    );
    assert_eq!(f.path, "spec.hard[requests.nvidia.com/gpu]");
    assert_eq!(
        f.message,
        "spec.hard[requests.nvidia.com/gpu]: namespace ml needs 3 of requests.nvidia.com/gpu at its Jobs' peak, but ResourceQuota \"compute\" allows 2 (most from: train (3))"
    );
    assert!(f
        .help
        .as_deref()
        .is_some_and(|h| h.contains("unknown offline")));
    let q = p.summary.resources.as_ref().expect("summary")["ml"]
        .quota
        .clone()
        .expect("quota");
    assert!(!q.fits);
    assert_eq!(
        q.need,
        map(&[
            ("count/jobs.batch", "2"),
            ("pods", "7"),
            ("requests.cpu", "6400m"),
            ("requests.memory", "7552Mi"),
            ("requests.nvidia.com/gpu", "3")
        ])
    );
    assert_eq!(q.hard["requests.memory"], "8Gi");
    // A warning: the plan still succeeds; under --strict it is an error.
    assert!(p.is_success());
    let strict = plan(
        &[("jobs.yaml", &jobs), ("quota-over.yaml", &quota)],
        &PlanOptions {
            strict: true,
            ..Default::default()
        },
    );
    assert!(strict
        .errors()
        .any(|f| f.code == "KJP702" && f.severity == Severity::Error));
    assert!(!strict.is_success());
    // The text plan shows it.
    let text = render_plan_text(&p);
    assert!(
        text.contains("  Namespace:             ml (does NOT fit its quota)\n"),
        "{text}"
    );
    assert!(
        text.contains("    Quota:               requests.nvidia.com/gpu 3 of 2 (150%) OVER\n"),
        "{text}"
    );
}

#[test]
fn a_fitting_batch_reports_no_overrun_also_through_quota_files() {
    let jobs = fixture("jobs.yaml");
    let opts = PlanOptions {
        quotas: vec![k8s_job_plan::model::QuotaFile {
            name: "quota-fits.yaml".into(),
            content: fixture("quota-fits.yaml"),
        }],
        ..Default::default()
    };
    let p = plan(&[("jobs.yaml", &jobs)], &opts);
    assert!(p
        .warnings()
        .chain(p.errors())
        .all(|f| !f.code.starts_with("KJP7")));
    let q = p.summary.resources.as_ref().expect("summary")["ml"]
        .quota
        .clone()
        .expect("quota");
    assert!(q.fits);
    assert_eq!(q.need["requests.nvidia.com/gpu"], "3");
    assert_eq!(q.hard["requests.nvidia.com/gpu"], "4");
}

#[test]
fn limit_range_violations_are_findings_at_the_container() {
    let text = "apiVersion: v1\nkind: LimitRange\nmetadata: {name: caps, namespace: b}\nspec:\n  limits:\n  - type: Container\n    max: {cpu: \"2\"}\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: big, namespace: b}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n        resources:\n          limits: {cpu: \"4\"}\n";
    let p = plan(&[("lr.yaml", text)], &PlanOptions::default());
    let f: Vec<_> = p.warnings().filter(|f| f.code == "KJP701").collect();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        f[0].path,
        "spec.template.spec.containers[0].resources.limits[cpu]"
    );
    assert_eq!((f[0].line, f[0].column), (20, 20));
    assert_eq!(
        f[0].message,
        "spec.template.spec.containers[0].resources.limits[cpu]: Maximum cpu usage per Container is 2, but limit is 4. (LimitRange \"caps\" of namespace b)"
    );
}

/// Without --resources and without a policy document, nothing changes: the
/// golden tests (tests/plan.rs, tests/formats.rs) hold the seed's bytes;
/// here the JSON has no `resources` key at all, and `--resources` adds them.
#[test]
fn resources_only_when_asked_or_when_a_policy_document_is_there() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/d29_k8s_jobs");
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("examples")
        .map(|e| {
            let p = e.expect("entry").path();
            (
                format!(
                    "examples/d29_k8s_jobs/{}",
                    p.file_name().and_then(|n| n.to_str()).unwrap_or_default()
                ),
                fs::read_to_string(&p).expect("read"),
            )
        })
        .collect();
    files.sort();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let plain = plan(&refs, &PlanOptions::default());
    let json = serde_json::to_value(&plain).expect("json");
    assert!(json["summary"].get("resources").is_none());
    assert!(json["jobs"]
        .as_array()
        .expect("jobs")
        .iter()
        .all(|j| j.get("resources").is_none()));
    assert!(!render_plan_text(&plain).contains("[RESOURCES]"));
    let with = plan(
        &refs,
        &PlanOptions {
            resources: true,
            ..Default::default()
        },
    );
    assert!(with.jobs.iter().all(|j| j.resources.is_some()));
    assert!(render_plan_text(&with).contains("\n[RESOURCES]\n"));
    // The rest of the text is the same.
    let text = render_plan_text(&with);
    let start = text.find("[RESOURCES]").expect("section");
    let end = start + text[start..].find("\n\n").expect("end") + 2;
    assert_eq!(
        format!("{}{}", &text[..start], &text[end..]),
        render_plan_text(&plain)
    );
}

/// `--quota FILE` in the CLI (the npx CLI runs the same code with a Node host).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn cli_reads_quota_files() {
    use std::process::Command;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/resources");
    let jobs = dir.join("jobs.yaml").display().to_string();
    let over = dir.join("quota-over.yaml").display().to_string();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_k8s-job-plan"))
            .args(args)
            .output()
            .expect("runs")
    };
    let out = run(&["--quota", &over, "--format", "json", &jobs]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["resources"]["ml"]["quota"]["fits"], false);
    assert_eq!(v["jobs"][0]["resources"]["peakPods"], 3);
    assert!(v["warnings"]
        .as_array()
        .expect("list")
        .iter()
        .any(|f| f["code"] == "KJP702" && f["file"] == over.as_str()));
    assert_eq!(
        run(&["--strict", "--quota", &over, &jobs]).status.code(),
        Some(1)
    );
    let out = run(&["--quota", "/no/such/quota.yaml", &jobs]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--quota /no/such/quota.yaml: no such file or directory"),
        "{err}"
    );
}

/// Extreme values saturate instead of overflowing, and odd documents (a
/// LimitRange without limits, a quota with bad quantities, a Job without a
/// template) plan without a panic and keep the other Jobs' results.
#[test]
fn extreme_and_odd_inputs_never_panic() {
    let text = "apiVersion: v1\nkind: LimitRange\nmetadata: {namespace: x}\nspec: {limits: [{type: Container, maxLimitRequestRatio: {cpu: '1.5'}}, {type: Pod, min: {memory: 1Ki}}, 7]}\n---\napiVersion: v1\nkind: ResourceQuota\nmetadata: {namespace: x}\nspec: {hard: {requests.cpu: abc, pods: 1e400, count/jobs.batch: -1}, scopeSelector: {matchExpressions: [{scopeName: PriorityClass, operator: Bogus}]}}\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: huge, namespace: x}\nspec:\n  parallelism: 9223372036854775807\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: a, image: b, resources: {requests: {cpu: 300m}, limits: {cpu: 1, memory: 99999999999999Ei}}}\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: bare, namespace: x}\nspec: 3\n";
    let p = plan(&[("odd.yaml", text)], &PlanOptions::default());
    assert_eq!(p.total_jobs, 2);
    let huge = p.jobs[0].resources.as_ref().expect("planned");
    assert_eq!(huge.peak_pods, 9223372036854775807);
    // 1 / 300m = 3.333333 > 1.5, in the plugin's words (Go's %f).
    assert!(p.warnings().any(|f| f.message.contains(
        "cpu max limit to request ratio per Container is 1500m, but provided ratio is 3.333333."
    )));
    // The Pod item's memory minimum is met by `huge` (its request defaults
    // to the limit, saturated at apimachinery's cap, 2^63-1); `bare` has no
    // container, so no request, as the plugin says.
    let min: Vec<_> = p
        .warnings()
        .filter(|f| f.message.contains("Minimum memory"))
        .collect();
    assert_eq!(min.len(), 1);
    assert_eq!(
        (min[0].document, min[0].path.as_str()),
        (3, "spec.template.spec")
    );
    // A negative hard limit (invalid) is not compared.
    assert!(!p.warnings().any(|f| f.code == "KJP702"));
    assert_eq!(huge.pod_limits["memory"], "9223372036854775807");
    // A Job whose spec is no object still counts, with one pod and nothing requested.
    let bare = p.jobs[1].resources.as_ref().expect("planned");
    assert_eq!((bare.peak_pods, bare.pod_requests.len()), (1, 0));
    assert_eq!(p.summary.resources.as_ref().expect("summary")["x"].jobs, 2);
    let _ = render_plan_text(&p);
    let _ = serde_json::to_string(&p).expect("json");
}

/// The KJP7xx rules are warnings the API server does not raise, so a policy
/// file's `rules:` sets their severity or turns them off, and a Job's ignore
/// annotation or a policy `ignore:` entry suppresses its own (KJP701, KJP703).
#[test]
fn policy_levels_and_ignores_apply_to_the_resource_rules() {
    use k8s_job_plan::model::SuppressedBy;
    use k8s_job_plan::{plan_files_with_policy, policy};
    let jobs = fixture("jobs.yaml");
    let over = fixture("quota-over.yaml");
    let lr = "apiVersion: v1\nkind: LimitRange\nmetadata: {name: caps, namespace: b}\nspec:\n  limits:\n  - type: Container\n    max: {cpu: \"2\"}\n---\napiVersion: v1\nkind: ResourceQuota\nmetadata: {name: compute, namespace: b}\nspec:\n  hard:\n    limits.memory: 1Gi\n";
    let job = |name: &str, annotation: &str| {
        format!("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\n  namespace: b\n{annotation}spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n        resources:\n          limits: {{cpu: \"4\"}}\n")
    };
    let plain = job("plain", "");
    let annotated = job(
        "annotated",
        "  annotations:\n    k8s-job-plan.io/ignore: \"KJP701, quota-requires-resources: a webhook sets them\"\n",
    );
    let files = [
        ("jobs.yaml", jobs.as_str()),
        ("quota-over.yaml", over.as_str()),
        ("lr.yaml", lr),
        ("plain.yaml", plain.as_str()),
        ("annotated.yaml", annotated.as_str()),
    ];
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|(name, text)| InputFile::text(name, text))
        .collect();
    let run = |policy_text: &str| {
        let policy = policy::parse(policy_text).expect("a valid policy");
        plan_files_with_policy(&inputs, &PlanOptions::default(), Some(&policy)).expect("plans")
    };
    // The KJP7xx codes of a list (the seed's warnings are there too).
    let codes = |fs: &[k8s_job_plan::model::Finding]| -> Vec<String> {
        fs.iter()
            .filter(|f| f.code.starts_with("KJP7"))
            .map(|f| f.code.clone())
            .collect()
    };
    let by_name = |p: &ExecutionPlan, n: &str| {
        p.jobs
            .iter()
            .find(|j| j.job_name == n)
            .cloned()
            .expect("the Job")
    };

    // No policy: every KJP7xx is a warning; the annotation suppresses the
    // annotated Job's KJP701 and KJP703 with its reason.
    let p = run("");
    let plain_job = by_name(&p, "plain");
    assert_eq!(
        codes(&plain_job.warnings),
        ["KJP701", "KJP703"],
        "{plain_job:?}"
    );
    let a = by_name(&p, "annotated");
    assert!(codes(&a.warnings).is_empty(), "{a:?}");
    assert_eq!(codes(&a.suppressed), ["KJP701", "KJP703"]);
    assert!(a
        .suppressed
        .iter()
        .all(|f| f.reason.as_deref() == Some("a webhook sets them")
            && f.suppressed_by == Some(SuppressedBy::Annotation)));
    assert_eq!(p.warnings().filter(|f| f.code == "KJP702").count(), 1);
    assert!(p.is_success());

    // Levels: KJP702 an error (the plan fails), KJP701 off, KJP703 kept.
    let p = run("rules:\n  quota-exceeded: error\n  KJP701: off\n");
    assert!(p
        .errors()
        .any(|f| f.code == "KJP702" && f.file == "quota-over.yaml" && f.line == 8));
    assert!(!p.warnings().any(|f| f.code == "KJP702"));
    assert!(!p.is_success());
    assert_eq!(codes(&by_name(&p, "plain").warnings), ["KJP703"]);
    assert_eq!(codes(&by_name(&p, "annotated").suppressed), ["KJP703"]);

    // KJP702 off; a policy ignore covers plain.yaml's KJP703.
    let p = run("rules:\n  KJP702: off\nignore:\n- rule: KJP703\n  files: plain.yaml\n  reason: the quota is being raised\n");
    assert!(!p.warnings().chain(p.errors()).any(|f| f.code == "KJP702"));
    let plain_job = by_name(&p, "plain");
    assert_eq!(codes(&plain_job.warnings), ["KJP701"]);
    assert_eq!(codes(&plain_job.suppressed), ["KJP703"]);
    assert_eq!(
        plain_job.suppressed[0].suppressed_by,
        Some(SuppressedBy::Policy)
    );
    // The summary still shows the need against the quota.
    let ml = &p.summary.resources.as_ref().expect("summary")["ml"];
    assert!(!ml.quota.as_ref().expect("quota").fits);

    // The lock: annotations count for nothing.
    let locked = plan_files_with_policy(
        &inputs,
        &PlanOptions {
            no_inline_ignores: true,
            ..Default::default()
        },
        None,
    )
    .expect("plans");
    assert_eq!(
        codes(&by_name(&locked, "annotated").warnings),
        ["KJP701", "KJP703"]
    );
}

/// A `kind: List` item is a document of its own: a LimitRange or
/// ResourceQuota in a List is read like one in its own document, and its
/// findings point into `items[i]`.
#[test]
fn policy_documents_inside_a_list_are_read() {
    let list = "\
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: LimitRange
  metadata: {name: caps, namespace: b}
  spec:
    limits:
    - type: Container
      max: {cpu: \"2\"}
- apiVersion: v1
  kind: ResourceQuota
  metadata: {name: small, namespace: b}
  spec:
    hard:
      requests.cpu: \"1\"
- apiVersion: batch/v1
  kind: Job
  metadata: {name: big, namespace: b}
  spec:
    template:
      spec:
        restartPolicy: Never
        containers:
        - name: main
          image: busybox:1.36
          resources:
            limits: {cpu: \"4\"}
";
    let p = plan(&[("list.yaml", list)], &PlanOptions::default());
    let skipped: Vec<(&str, &str)> = p
        .summary
        .skipped_documents
        .iter()
        .map(|s| (s.kind.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [("LimitRange", "caps"), ("ResourceQuota", "small")]
    );
    assert_eq!(p.jobs.len(), 1);
    let lr: Vec<_> = p.warnings().filter(|f| f.code == "KJP701").collect();
    assert_eq!(lr.len(), 1, "{lr:?}");
    assert_eq!(
        lr[0].path,
        "items[2].spec.template.spec.containers[0].resources.limits[cpu]"
    );
    assert_eq!((lr[0].line, lr[0].column), (28, 22));
    let over: Vec<_> = p.warnings().filter(|f| f.code == "KJP702").collect();
    assert_eq!(over.len(), 1, "{over:?}");
    assert_eq!(over[0].path, "items[1].spec.hard[requests.cpu]");
    assert_eq!(
        (over[0].file.as_str(), over[0].line, over[0].column),
        ("list.yaml", 16, 7)
    );
    assert!(
        over[0]
            .message
            .starts_with("items[1].spec.hard[requests.cpu]: namespace b needs 4 of requests.cpu"),
        "{}",
        over[0].message
    );
    let q = p.summary.resources.as_ref().expect("summary")["b"]
        .quota
        .clone()
        .expect("the List's quota");
    assert!(!q.fits);
}

/// A CronJob's template gets the resources of one run, with its namespace's
/// LimitRanges applied at `spec.jobTemplate…`; it is not added to the
/// namespace totals (how many runs overlap depends on the schedule).
#[test]
fn a_cron_jobs_template_gets_the_resources_of_one_run() {
    let text = "\
apiVersion: v1
kind: LimitRange
metadata: {name: caps, namespace: b}
spec:
  limits:
  - type: Container
    max: {cpu: \"2\"}
    defaultRequest: {memory: 64Mi}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: b}
spec:
  schedule: \"0 3 * * *\"
  jobTemplate:
    spec:
      parallelism: 2
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: main
            image: busybox:1.36
            resources:
              limits: {cpu: \"4\"}
---
apiVersion: batch/v1
kind: Job
metadata: {name: once, namespace: b}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        resources:
          requests: {cpu: 100m}
";
    let p = plan(&[("cron.yaml", text)], &PlanOptions::default());
    assert_eq!((p.jobs.len(), p.cron_jobs.len()), (1, 1));
    let r = p.cron_jobs[0]
        .resources
        .as_ref()
        .expect("one run's resources");
    assert_eq!(r.pod_requests, map(&[("cpu", "4"), ("memory", "64Mi")]));
    assert_eq!(r.pod_limits, map(&[("cpu", "4")]));
    assert_eq!(r.peak_pods, 2);
    assert_eq!(r.peak_requests, map(&[("cpu", "8"), ("memory", "128Mi")]));
    let lr: Vec<_> = p.warnings().filter(|f| f.code == "KJP701").collect();
    assert_eq!(lr.len(), 1, "{lr:?}");
    assert_eq!(
        lr[0].path,
        "spec.jobTemplate.spec.template.spec.containers[0].resources.limits[cpu]"
    );
    assert_eq!((lr[0].document, lr[0].line, lr[0].column), (1, 25, 24));
    assert!(
        lr[0].message.starts_with(
            "spec.jobTemplate.spec.template.spec.containers[0].resources.limits[cpu]: Maximum cpu usage per Container is 2, but limit is 4."
        ),
        "{}",
        lr[0].message
    );
    // Only the Job counts in the namespace's totals.
    let b = &p.summary.resources.as_ref().expect("summary")["b"];
    assert_eq!((b.jobs, b.peak_pods), (1, 1));
    assert_eq!(b.requests, map(&[("cpu", "100m"), ("memory", "64Mi")]));
}
