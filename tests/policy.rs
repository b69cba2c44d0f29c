//! The policy file (issue 12): profiles, `rules:`, conventions, ignores,
//! inline ignores and the lock, through the core; and the CLI's discovery,
//! `--config`, `--no-config`, `--print-config`, `init` and exit 2.
#![cfg(not(target_arch = "wasm32"))]

use k8s_job_plan::policy::{self, Policy};
use k8s_job_plan::{
    plan_files, plan_files_with_policy, ExecutionPlan, Format, InputContent, InputFile, PlanOptions,
};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn plan_with(
    files: &[(&str, &str)],
    opts: &PlanOptions,
    policy_text: Option<&str>,
) -> ExecutionPlan {
    let policy = policy_text.map(|t| policy::parse(t).expect("the policy parses"));
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|(name, text)| InputFile::text(name, text))
        .collect();
    plan_files_with_policy(&inputs, opts, policy.as_ref()).expect("plans")
}

fn plan(files: &[(&str, &str)], policy_text: &str) -> ExecutionPlan {
    plan_with(files, &PlanOptions::default(), Some(policy_text))
}

/// (code, line, column) of every error and warning.
fn findings(p: &ExecutionPlan) -> Vec<(String, usize, usize)> {
    p.errors()
        .chain(p.warnings())
        .map(|f| (f.code.clone(), f.line, f.column))
        .collect()
}

fn codes(p: &ExecutionPlan) -> Vec<String> {
    findings(p).into_iter().map(|(c, _, _)| c).collect()
}

fn seed_files() -> Vec<(String, String)> {
    let dir = root().join("examples/d29_k8s_jobs");
    let mut v: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            (
                format!(
                    "examples/d29_k8s_jobs/{}",
                    p.file_name().unwrap().to_string_lossy()
                ),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

const JOB: &str = "apiVersion: batch/v1
kind: Job
metadata:
  name: report
  namespace: batch
  labels:
    app: report
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
";

fn annotated(value: &str) -> String {
    JOB.replace(
        "  labels:\n",
        &format!("  annotations:\n    k8s-job-plan.io/ignore: {value}\n  labels:\n"),
    )
}

#[test]
fn no_policy_and_the_empty_policy_change_no_byte_of_the_seed_outputs() {
    let files = seed_files();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let inputs: Vec<InputFile> = refs
        .iter()
        .map(|(n, t)| InputFile {
            name: n,
            content: InputContent::Text(t),
        })
        .collect();
    let base = plan_files(&inputs, &PlanOptions::default()).unwrap();
    for text in ["", "# only a comment\n", "profile: seed\n"] {
        let p = plan(&refs, text);
        for f in [Format::Text, Format::Json, Format::Sarif, Format::Junit] {
            assert_eq!(f.render(&p), f.render(&base), "{text:?}");
        }
    }
    let golden = fs::read_to_string(root().join("tests/golden/d29_k8s_jobs.plan.txt")).unwrap();
    assert_eq!(Format::Text.render(&base), golden);
}

/// Every Job of the real-world corpora (tests/realworld, and
/// ../shared/corpus/realworld when present): under `profile: kubernetes`
/// none of the seed pipeline's conventions fires.
#[test]
fn kubernetes_profile_has_no_seed_convention_warnings_on_the_realworld_corpus() {
    let mut dirs = vec![root().join("tests/realworld")];
    let shared = root().join("../shared/corpus/realworld");
    if shared.is_dir() {
        dirs.push(shared);
    } else {
        let _ = writeln!(
            std::io::stderr(),
            "note: {} is absent; checking tests/realworld only",
            shared.display()
        );
    }
    let seed_only = ["KJP202", "KJP203", "KJP206", "KJP207"];
    for dir in dirs {
        let mut files = Vec::new();
        for e in fs::read_dir(&dir).expect("corpus dir") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                files.push((p.display().to_string(), fs::read(&p).expect("read")));
            }
        }
        assert!(files.len() > 10, "{} has Jobs", dir.display());
        let inputs: Vec<InputFile> = files
            .iter()
            .map(|(n, b)| InputFile {
                name: n,
                content: InputContent::Bytes(b),
            })
            .collect();
        let kube = policy::parse("profile: kubernetes\n").unwrap();
        let seed = plan_files(&inputs, &PlanOptions::default()).unwrap();
        let p = plan_files_with_policy(&inputs, &PlanOptions::default(), Some(&kube)).unwrap();
        assert!(
            seed.warnings()
                .any(|w| seed_only.contains(&w.code.as_str())),
            "the seed profile does warn"
        );
        let left: Vec<_> = p
            .warnings()
            .filter(|w| seed_only.contains(&w.code.as_str()))
            .collect();
        assert!(left.is_empty(), "{}: {left:#?}", dir.display());
        // The API server's verdicts are the same under both profiles.
        let errors = |p: &ExecutionPlan| {
            p.errors()
                .map(|f| (f.file.clone(), f.code.clone(), f.path.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(errors(&p), errors(&seed));
    }
}

#[test]
fn custom_required_labels_and_name_pattern_fire_at_their_positions() {
    let p = plan(
        &[("job.yaml", JOB)],
        "profile: kubernetes\nconventions:\n  requiredLabels:\n    app: \"^batch-.*$\"\n    team: \".+\"\n  namePattern: \"[a-z]+-[0-9]+\"\n",
    );
    let mut f = findings(&p);
    f.sort();
    assert_eq!(
        f,
        [
            ("KJP204".into(), 13, 9),
            ("KJP205".into(), 13, 9),
            ("KJP601".into(), 6, 3),
            ("KJP601".into(), 7, 5),
            ("KJP603".into(), 4, 3),
        ],
        "{:#?}",
        p.warnings().collect::<Vec<_>>()
    );
    // In the seed profile, requiredLabels and namePattern replace the seed's labels and name rules.
    let seed = plan(
        &[("job.yaml", JOB)],
        "conventions:\n  requiredLabels: [app]\n  namePattern: report\n",
    );
    let c = codes(&seed);
    assert!(
        !c.iter()
            .any(|c| c == "KJP203" || c == "KJP207" || c.starts_with("KJP60")),
        "{c:?}"
    );
    assert!(c.iter().any(|c| c == "KJP206"), "{c:?}");
}

#[test]
fn other_conventions_fire() {
    let job = JOB.replace(
        "spec:\n  template:",
        "spec:\n  parallelism: 20\n  template:",
    );
    let p = plan(
        &[("job.yaml", &job)],
        "profile: kubernetes\nconventions:\n  requiredAnnotations: [owner]\n  allowedNamespaces: [prod]\n  allowedRegistries: [ghcr.io/acme/]\n  maxParallelism: 5\n  requireResources: requests\n",
    );
    let mut c = codes(&p);
    c.sort();
    assert_eq!(c, ["KJP204", "KJP602", "KJP604", "KJP605", "KJP606"]);
    let none = plan(
        &[("job.yaml", JOB)],
        "profile: kubernetes\nconventions: {requireResources: none}\n",
    );
    assert!(codes(&none).is_empty(), "{:?}", codes(&none));
}

#[test]
fn an_annotation_with_a_reason_suppresses_and_lists_the_finding() {
    let job = annotated("\"KJP201, missing-resources: the LimitRange sets them\"");
    let p = plan(&[("job.yaml", &job)], "profile: kubernetes\n");
    assert!(codes(&p).is_empty(), "{:?}", codes(&p));
    let s = &p.jobs[0].suppressed;
    let got: Vec<(&str, &str)> = s
        .iter()
        .map(|s| (s.code.as_str(), s.reason.as_deref().unwrap_or_default()))
        .collect();
    assert_eq!(
        got,
        [
            ("KJP204", "the LimitRange sets them"),
            ("KJP205", "the LimitRange sets them")
        ]
    );
    assert!(s
        .iter()
        .all(|s| s.suppressed_by == Some(k8s_job_plan::SuppressedBy::Annotation)));
    let json = Format::Json.render(&p);
    assert!(json.contains("\"suppressed\": ["), "{json}");
    assert!(json.contains("\"suppressedBy\": \"annotation\""));
    let sarif: serde_json::Value = serde_json::from_str(&Format::Sarif.render(&p)).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        results[0]["suppressions"][0]["justification"],
        "the LimitRange sets them"
    );
    let text = Format::Text.render(&p);
    assert!(
        text.contains("Suppressed:              2 (ignored with a reason"),
        "{text}"
    );
    // Without an annotation there is no suppressed line and no suppressed key.
    let plain = plan(&[("job.yaml", JOB)], "profile: kubernetes\n");
    assert!(!Format::Text.render(&plain).contains("Suppressed:"));
    assert!(!Format::Json.render(&plain).contains("suppressed"));
}

#[test]
fn without_a_reason_or_under_the_lock_an_annotation_does_not_suppress() {
    let no_reason = plan(
        &[("job.yaml", &annotated("missing-resources"))],
        "profile: kubernetes\n",
    );
    let mut c = codes(&no_reason);
    c.sort();
    assert_eq!(c, ["KJP204", "KJP205", "KJP607"]);
    assert!(no_reason.jobs[0].suppressed.is_empty());
    let job = annotated("\"missing-resources: set by the LimitRange\"");
    let locked_by_policy = plan(
        &[("job.yaml", &job)],
        "profile: kubernetes\nallowInlineIgnores: false\n",
    );
    let locked_by_flag = plan_with(
        &[("job.yaml", &job)],
        &PlanOptions {
            no_inline_ignores: true,
            ..PlanOptions::default()
        },
        Some("profile: kubernetes\n"),
    );
    for p in [locked_by_policy, locked_by_flag] {
        let mut c = codes(&p);
        c.sort();
        assert_eq!(c, ["KJP204", "KJP205"]);
        assert!(p.jobs[0].suppressed.is_empty());
    }
}

#[test]
fn api_server_errors_cannot_be_ignored() {
    let broken = annotated("\"KJP105, missing-container-image: built later\"")
        .replace("        image: busybox:1.36\n", "");
    let p = plan(&[("job.yaml", &broken)], "profile: kubernetes\n");
    assert!(!p.jobs[0].valid);
    assert!(p.errors().any(|e| e.code == "KJP105"));
    assert!(p.jobs[0].suppressed.is_empty());
    assert_eq!(
        p.warnings().filter(|w| w.code == "KJP607").count(),
        2,
        "{:?}",
        codes(&p)
    );
    for text in [
        "ignore:\n- {rule: KJP105, reason: later}\n",
        "rules:\n  invalid-object-name: warning\n",
        "rules:\n  KJP301: off\n",
    ] {
        let e = policy::parse(text).expect_err(text);
        assert!(e.message.contains("cannot be"), "{e:?}");
    }
    // Raising a warning to an error is fine, and makes the Job invalid.
    let strict_env = plan(&[("job.yaml", JOB)], "rules: {missing-env: error}\n");
    assert!(strict_env.errors().any(|e| e.code == "KJP206"));
    assert_eq!(strict_env.invalid_jobs, 1);
}

#[test]
fn policy_ignores_match_rule_file_glob_and_job() {
    let files = [("legacy/a.yaml", JOB), ("new/b.yaml", JOB)];
    let p = plan(&files, "profile: kubernetes\nignore:\n- {rule: missing-resource-limits, files: \"legacy/**\", reason: old images}\n- {rule: KJP204, job: \"rep*\", reason: the LimitRange}\n");
    let by_file = |f: &str| p.jobs.iter().find(|j| j.file == f).unwrap();
    let a: Vec<_> = by_file("legacy/a.yaml")
        .suppressed
        .iter()
        .map(|s| s.code.as_str())
        .collect();
    let b: Vec<_> = by_file("new/b.yaml")
        .suppressed
        .iter()
        .map(|s| s.code.as_str())
        .collect();
    assert_eq!(a, ["KJP204", "KJP205"]);
    assert_eq!(b, ["KJP204"]);
    assert_eq!(codes(&p), ["KJP205"]);
    let sarif = Format::Sarif.render(&p);
    assert!(sarif.contains("\"kind\": \"external\""), "{sarif}");
}

#[test]
fn rules_set_severities_and_turn_opt_in_rules_on() {
    let p = plan(&[("job.yaml", JOB)], "rules:\n  missing-env: off\n  KJP202: off\n  missing-ttl-seconds-after-finished: warning\n");
    let c = codes(&p);
    assert!(c.contains(&"KJP501".to_string()), "{c:?}");
    assert!(!c.iter().any(|c| c == "KJP206" || c == "KJP202"), "{c:?}");
    // A flag that enables an opt-in rule wins over `off`.
    let p = plan_with(
        &[("job.yaml", JOB)],
        &PlanOptions {
            enable_rules: vec!["KJP501".into()],
            ..PlanOptions::default()
        },
        Some("rules: {KJP501: off}\n"),
    );
    assert!(codes(&p).contains(&"KJP501".to_string()));
}

#[test]
fn strict_and_kubernetes_version_come_from_the_policy_unless_flags_say_otherwise() {
    let p = plan(
        &[("job.yaml", JOB)],
        "strict: true\nkubernetesVersion: 1.34\n",
    );
    assert!(p.summary.strict);
    assert_eq!(p.summary.kubernetes_version, "1.34");
    let flagged = plan_with(
        &[("job.yaml", JOB)],
        &PlanOptions {
            kubernetes_version: Some("1.33".into()),
            ..PlanOptions::default()
        },
        Some("kubernetesVersion: \"1.34\"\n"),
    );
    assert_eq!(flagged.summary.kubernetes_version, "1.33");
    let e = policy::parse("kubernetesVersion: \"1.2\"\n").unwrap_err();
    assert_eq!((e.line, e.column), (1, 1), "{e:?}");
}

#[test]
fn policy_errors_name_line_column_and_suggest() {
    for (text, line, col, fragment) in [
        (
            "profile: kubernetes\nconventions:\n  namePatern: x\n",
            3,
            3,
            "did you mean `namePattern`",
        ),
        ("profle: seed\n", 1, 1, "did you mean `profile`"),
        (
            "rules:\n  missing-evn: off\n",
            2,
            3,
            "did you mean \"missing-env\"",
        ),
        (
            "conventions:\n  namePattern: \"a(\"\n",
            2,
            3,
            "invalid regular expression",
        ),
        (
            "conventions:\n  requiredLabels: {team: \"[\"}\n",
            2,
            20,
            "invalid regular expression",
        ),
        (
            "ignore:\n- {rule: missing-env, reason: \"\"}\n",
            2,
            23,
            "needs a reason",
        ),
        (
            "ignore:\n- {rule: missing-env}\n",
            2,
            3,
            "missing field `reason`",
        ),
        ("strict: maybe\n", 1, 1, "invalid type"),
        ("a: [\n", 2, 1, ""),
        ("a: 1\n---\nb: 2\n", 1, 1, "more than one YAML document"),
    ] {
        let e = policy::parse(text).expect_err(text);
        assert_eq!((e.line, e.column), (line, col), "{text:?}: {e:?}");
        assert!(e.message.contains(fragment), "{text:?}: {e:?}");
    }
}

// --- The CLI -------------------------------------------------------------

fn bin(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_k8s-job-plan"));
    c.current_dir(dir);
    c
}

fn out_text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("utf-8")
}

fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(d.join("sub/jobs")).expect("scratch");
    fs::write(d.join("sub/jobs/job.yaml"), JOB).unwrap();
    d
}

fn run(dir: &Path, args: &[&str]) -> Output {
    bin(dir).args(args).output().expect("run")
}

#[test]
fn cli_finds_the_policy_in_the_current_directory_or_a_parent() {
    let d = scratch("policy-discovery");
    fs::write(
        d.join("k8s-job-plan.yaml"),
        "profile: kubernetes\nstrict: true\n",
    )
    .unwrap();
    let sub = d.join("sub");
    let found = run(&sub, &["jobs", "--format", "json"]);
    assert_eq!(found.status.code(), Some(1), "{}", out_text(&found.stderr));
    let json = out_text(&found.stdout);
    assert!(
        json.contains("\"strict\": true") && !json.contains("KJP203"),
        "{json}"
    );
    // Walking a directory leaves the policy file out: it is not a manifest.
    let walked = run(&d, &[".", "--format", "json"]);
    assert_eq!(
        walked.status.code(),
        Some(1),
        "strict: true from the policy"
    );
    let walked: serde_json::Value = serde_json::from_slice(&walked.stdout).unwrap();
    assert_eq!(walked["summary"]["files"], 1, "{walked}");
    let ignored = run(&sub, &["jobs", "--no-config", "--format", "json"]);
    assert_eq!(ignored.status.code(), Some(0));
    assert!(out_text(&ignored.stdout).contains("KJP203"));
    fs::write(sub.join("other.yaml"), "profile: seed\n").unwrap();
    let named = run(
        &sub,
        &["jobs", "--config", "other.yaml", "--format", "json"],
    );
    assert_eq!(named.status.code(), Some(0));
    // A policy in the current directory wins over the parent's.
    fs::write(sub.join("k8s-job-plan.yaml"), "# defaults\n").unwrap();
    assert_eq!(run(&sub, &["jobs"]).status.code(), Some(0));
    let missing = run(&sub, &["jobs", "--config", "nope.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(
        out_text(&missing.stderr),
        "error: nope.yaml: no such file or directory\n"
    );
}

#[test]
fn cli_broken_policy_is_exit_2_with_file_line_column_and_did_you_mean() {
    let d = scratch("policy-broken");
    fs::write(
        d.join("k8s-job-plan.yaml"),
        "profile: kubernetes\nconventions:\n  requiredLabel: [team]\n",
    )
    .unwrap();
    let out = run(&d, &["sub/jobs"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = out_text(&out.stderr);
    assert!(
        err.starts_with("error: k8s-job-plan.yaml:3:3: conventions: unknown field `requiredLabel`"),
        "{err}"
    );
    assert!(err.contains("(did you mean `requiredLabels`?)"), "{err}");
}

#[test]
fn cli_print_config_and_init_write_the_effective_policy_commented() {
    let d = scratch("policy-init");
    fs::write(
        d.join("sub/k8s-job-plan.yaml"),
        "profile: kubernetes\nconventions: {maxParallelism: 4}\n",
    )
    .unwrap();
    let printed = run(&d.join("sub"), &["--print-config", "--strict"]);
    assert_eq!(
        printed.status.code(),
        Some(0),
        "{}",
        out_text(&printed.stderr)
    );
    let text = out_text(&printed.stdout);
    assert!(
        text.contains("# The policy in force, from k8s-job-plan.yaml."),
        "{text}"
    );
    let back: Policy = policy::parse(&text).expect("the printed policy parses");
    assert_eq!(back.profile, policy::Profile::Kubernetes);
    assert_eq!(back.conventions.max_parallelism, Some(4));
    assert_eq!(back.strict, Some(true));
    // Every top-level and conventions key is there, set or as a comment.
    for key in [
        "profile:",
        "rules:",
        "requiredLabels:",
        "requiredAnnotations:",
        "namePattern:",
        "allowedNamespaces:",
        "allowedRegistries:",
        "requireResources:",
        "maxParallelism:",
        "ignore:",
        "kubernetesVersion:",
        "strict:",
        "allowInlineIgnores:",
    ] {
        assert!(text.contains(key), "{key} in {text}");
    }
    let init = run(&d, &["init"]);
    assert_eq!(init.status.code(), Some(0), "{}", out_text(&init.stderr));
    assert_eq!(out_text(&init.stdout), "wrote k8s-job-plan.yaml\n");
    let written = fs::read_to_string(d.join("k8s-job-plan.yaml")).unwrap();
    assert_eq!(
        policy::parse(&written).unwrap(),
        policy::parse(&policy::commented_yaml(&Policy::default(), None)).unwrap()
    );
    let again = run(&d, &["init"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(out_text(&again.stderr).contains("already exists"));
}

#[test]
fn cli_no_inline_ignores_flag_locks_annotations() {
    let d = scratch("policy-lock");
    fs::write(
        d.join("sub/jobs/job.yaml"),
        annotated("\"missing-resources: set by the LimitRange\""),
    )
    .unwrap();
    fs::write(d.join("k8s-job-plan.yaml"), "profile: kubernetes\n").unwrap();
    let open = run(&d, &["sub/jobs", "--format", "json"]);
    assert!(out_text(&open.stdout).contains("\"suppressed\""));
    let locked = run(&d, &["sub/jobs", "--format", "json", "--no-inline-ignores"]);
    assert!(!out_text(&locked.stdout).contains("\"suppressed\""));
    assert!(out_text(&locked.stdout).contains("KJP204"));
}

/// Hostile policy text is an error, quickly: deep nesting, an alias bomb,
/// a huge count, a pathological pattern on a long name.
#[test]
fn hostile_policies_are_errors_not_hangs() {
    let deep = format!("rules: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    assert!(policy::parse(&deep).is_err());
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..9 {
        let prev = if i == 0 {
            "a".to_string()
        } else {
            format!("b{}", i - 1)
        };
        bomb.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    assert!(policy::parse(&bomb).is_err());
    assert!(policy::parse("conventions: {namePattern: \"a{1000}{1000}\"}\n").is_err());
    let p = plan(
        &[(
            "job.yaml",
            &JOB.replace("name: report", &format!("name: {}", "a".repeat(250))),
        )],
        "profile: kubernetes\nconventions: {namePattern: \"(a*)*(a|aa)*b\"}\n",
    );
    assert!(codes(&p).contains(&"KJP603".to_string()));
}
