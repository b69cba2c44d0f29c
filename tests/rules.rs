//! The rule registry tests itself: codes unique, names kebab-case, docs
//! present, every rule has a manifest that triggers it and one that does not,
//! each rendered through the real planner and compared with a snapshot.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test rules` rewrites the snapshots and
//! `UPDATE_DOCS=1 cargo test --test rules` rewrites docs/rules.md.

use k8s_job_plan::{
    plan_files, plan_files_with_policy, registry as rules, ExecutionPlan, InputContent, InputFile,
    PlanOptions,
};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn plan(name: &str, content: InputContent) -> ExecutionPlan {
    plan_files(&[InputFile { name, content }], &PlanOptions::default())
        .expect("default options are valid")
}

/// Plans with `rule` enabled (a no-op for the rules that always run), so
/// that opt-in rules are tested like the others.
/// A convention rule (KJP6xx) is tested under the policy file next to its
/// fixtures (`k8s-job-plan.yaml`), since it is off without one.
fn plan_enabling(rule: &str, name: &str, content: InputContent) -> ExecutionPlan {
    let opts = PlanOptions {
        enable_rules: vec![rule.to_string()],
        ..PlanOptions::default()
    };
    let dir_name = rules::all()
        .find(|r| r.name == rule || r.code == rule)
        .map_or(rule, |r| r.name);
    let policy = fs::read_to_string(
        root()
            .join("tests/fixtures/rules")
            .join(dir_name)
            .join("k8s-job-plan.yaml"),
    )
    .ok()
    .map(|text| k8s_job_plan::policy::parse(&text).expect("the fixture's policy parses"));
    plan_files_with_policy(&[InputFile { name, content }], &opts, policy.as_ref())
        .expect("a known rule can be enabled")
}

/// Every finding of a plan, one per line, as a snapshot.
fn snapshot(plan: &ExecutionPlan) -> String {
    let mut out = String::new();
    for f in plan.errors().chain(plan.warnings()) {
        out.push_str(&format!(
            "{}:{}:{} {}[{} {}] {}\n    path: {}\n",
            f.file,
            f.line,
            f.column,
            f.severity.as_str(),
            f.code,
            f.rule,
            f.message,
            f.path
        ));
    }
    out
}

fn fired(plan: &ExecutionPlan, code: &str) -> bool {
    plan.errors().chain(plan.warnings()).any(|f| f.code == code)
}

/// Rules about the file itself, whose triggers cannot be committed as a
/// text fixture (binary content, unreadable files, huge files).
fn generated_trigger(rule: &str) -> Option<InputContent<'static>> {
    match rule {
        "file-not-text" => Some(InputContent::Bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")),
        "file-unreadable" => Some(InputContent::Unreadable("permission denied")),
        "input-too-large" => Some(InputContent::TooLarge(17 * 1024 * 1024)),
        "empty-file" => Some(InputContent::Text("# only a comment\n")),
        _ => None,
    }
}

#[test]
fn registry_is_consistent() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for r in rules::all() {
        assert!(codes.insert(r.code), "duplicate code {}", r.code);
        assert!(names.insert(r.name), "duplicate name {}", r.name);
        assert!(
            r.code.len() == 6
                && r.code.starts_with("KJP")
                && r.code[3..].bytes().all(|b| b.is_ascii_digit()),
            "code {} is not KJPnnn",
            r.code
        );
        assert!(
            !r.name.is_empty()
                && r.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !r.name.starts_with('-')
                && !r.name.ends_with('-')
                && !r.name.contains("--"),
            "name {:?} is not kebab-case",
            r.name
        );
        for (what, text) in [
            ("summary", r.summary),
            ("why", r.why),
            ("example", r.example),
            ("fix", r.fix),
            ("reference", r.reference),
        ] {
            assert!(!text.trim().is_empty(), "rule {} has no {what}", r.code);
        }
        assert!(
            r.summary.ends_with('.'),
            "summary of {} must be a sentence",
            r.code
        );
        assert_eq!(rules::by_code(r.code).map(|x| x.name), Some(r.name));
    }
}

#[test]
fn every_rule_triggers_on_its_fixture_and_not_on_the_valid_one() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let dir = root().join("tests/fixtures/rules");
    let mut missing = Vec::new();
    let mut stale = Vec::new();
    for r in rules::all() {
        let rule_dir = dir.join(r.name);
        let (plan_bad, snap_path) = if let Some(content) = generated_trigger(r.name) {
            (
                plan_enabling(r.name, &format!("{}.yaml", r.name), content),
                rule_dir.join("generated.snap"),
            )
        } else {
            let invalid = rule_dir.join("invalid.yaml");
            let Ok(text) = fs::read_to_string(&invalid) else {
                missing.push(format!("{} ({}): no {}", r.code, r.name, rel(&invalid)));
                continue;
            };
            (
                plan_enabling(r.name, &rel(&invalid), InputContent::Text(&text)),
                rule_dir.join("invalid.snap"),
            )
        };
        assert!(
            fired(&plan_bad, r.code),
            "{} ({}) did not fire on its trigger:\n{}",
            r.code,
            r.name,
            snapshot(&plan_bad)
        );
        // Every finding has a real position.
        for f in plan_bad.errors().chain(plan_bad.warnings()) {
            assert!(f.line >= 1 && f.column >= 1, "{f:?}");
        }
        let snap = snapshot(&plan_bad);
        if update {
            fs::create_dir_all(&rule_dir).expect("create fixture dir");
            fs::write(&snap_path, &snap).expect("write snapshot");
        } else if fs::read_to_string(&snap_path).ok().as_deref() != Some(snap.as_str()) {
            stale.push(format!(
                "{}:\n--- expected (committed)\n{}\n+++ actual\n{}",
                rel(&snap_path),
                fs::read_to_string(&snap_path).unwrap_or_default(),
                snap
            ));
        }

        let valid = rule_dir.join("valid.yaml");
        let Ok(text) = fs::read_to_string(&valid) else {
            missing.push(format!("{} ({}): no {}", r.code, r.name, rel(&valid)));
            continue;
        };
        let plan_good = plan_enabling(r.name, &rel(&valid), InputContent::Text(&text));
        assert!(
            !fired(&plan_good, r.code),
            "{} fired on {}:\n{}",
            r.code,
            rel(&valid),
            snapshot(&plan_good)
        );
    }
    assert!(
        missing.is_empty(),
        "rules without fixtures:\n{}",
        missing.join("\n")
    );
    assert!(
        stale.is_empty(),
        "stale snapshots (UPDATE_SNAPSHOTS=1 rewrites them):\n{}",
        stale.join("\n")
    );
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root())
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

/// docs/rules.md is generated from the registry.
fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the rule registry (src/registry.rs) by `UPDATE_DOCS=1 cargo test --test rules`. Do not edit. -->\n\n\
         Every finding names one of these rules. Codes are stable and never reused. \
         Strict mode (`--strict`) turns every warning into an error. \
         Opt-in rules (`KJP5xx`) run only when enabled: `--enable-rule NAME` (CLI) or \
         `enableRules: [\"NAME\"]` (JS options), or a policy file's `rules:`. \
         Convention rules (`KJP6xx`) run only when a policy file (`k8s-job-plan.yaml`, \
         [policy.md](policy.md)) sets them. Resource and quota rules (`KJP7xx`, \
         [resources.md](resources.md)) check the Jobs against the ResourceQuotas and LimitRanges \
         of the inputs. A policy's `rules:` sets any rule's severity \
         (`error`, `warning`, `off`), except that an error the API server raises cannot be lowered.\n\n\
         | code | name | severity | what it checks |\n|---|---|---|---|\n",
    );
    for r in rules::all() {
        out.push_str(&format!(
            "| {} | [{}](#{}) | {} | {} |\n",
            r.code,
            r.name,
            r.name,
            r.severity.as_str(),
            r.summary
        ));
    }
    for r in rules::all() {
        out.push_str(&format!(
            "\n## {name}\n\n`{code}` · default severity: **{sev}**{opt_in}\n\n### What it does\n{summary}\n\n### Why is this bad?\n{why}\n\n### Example\n```yaml\n{example}\n```\n\n### Use instead\n```yaml\n{fix}\n```\n\n### References\n{reference}\n",
            name = r.name,
            code = r.code,
            sev = r.severity.as_str(),
            summary = r.summary,
            why = r.why,
            example = r.example,
            fix = r.fix,
            reference = r.reference,
            opt_in = if r.opt_in {
                format!(" · **opt-in**: runs only with `--enable-rule {}` (CLI) or `enableRules: [\"{}\"]` (JS)", r.name, r.name)
            } else {
                String::new()
            }
        ));
    }
    out
}

/// Opt-in rules stay silent unless enabled (by name or by code), and the
/// seed's examples never trigger one, so their output does not change.
#[test]
fn opt_in_rules_run_only_when_enabled() {
    let opt_in: Vec<_> = rules::all().filter(|r| r.opt_in).collect();
    assert!(!opt_in.is_empty(), "there is an opt-in rule to test");
    for r in opt_in {
        let invalid = root()
            .join("tests/fixtures/rules")
            .join(r.name)
            .join("invalid.yaml");
        let text = fs::read_to_string(&invalid).expect("opt-in rules have a text fixture");
        let content = InputContent::Text(&text);
        assert!(
            !fired(&plan("invalid.yaml", content), r.code),
            "{} fired by default",
            r.name
        );
        assert!(
            fired(&plan_enabling(r.code, "invalid.yaml", content), r.code),
            "{} by code",
            r.name
        );
        assert!(
            fired(&plan_enabling(r.name, "invalid.yaml", content), r.code),
            "{} by name",
            r.name
        );
    }
    let seed_dir = root().join("examples/d29_k8s_jobs");
    let mut seed = Vec::new();
    for e in fs::read_dir(&seed_dir).expect("examples") {
        let p = e.expect("entry").path();
        seed.push((
            p.to_string_lossy().into_owned(),
            fs::read_to_string(&p).expect("read"),
        ));
    }
    let inputs: Vec<InputFile> = seed
        .iter()
        .map(|(n, c)| InputFile {
            name: n,
            content: InputContent::Text(c),
        })
        .collect();
    let default_plan = plan_files(&inputs, &PlanOptions::default()).expect("plans");
    assert!(!rules::all().any(|r| r.opt_in && fired(&default_plan, r.code)));
}

#[test]
fn enabling_an_unknown_rule_is_an_error() {
    let opts = PlanOptions {
        enable_rules: vec!["no-such-rule".into()],
        ..PlanOptions::default()
    };
    let err = plan_files(&[], &opts).expect_err("unknown rule");
    assert!(
        err.contains("unknown rule \"no-such-rule\"")
            && err.contains("missing-ttl-seconds-after-finished"),
        "{err}"
    );
}

#[test]
fn rules_doc_is_up_to_date() {
    let path = root().join("docs/rules.md");
    let want = rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        fs::write(&path, &want).expect("write docs/rules.md");
        return;
    }
    let have = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test --test rules`"
    );
}

mod rule_fixtures {
    include!("common/rule_fixtures.rs");
}

/// The wasm tests run the same fixtures; their embedded list must not drift.
#[test]
fn embedded_rule_fixture_list_matches_the_directory() {
    let dir = root().join("tests/fixtures/rules");
    let mut on_disk: Vec<String> = fs::read_dir(&dir)
        .expect("fixtures dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| dir.join(n).join("invalid.yaml").exists())
        .collect();
    on_disk.sort();
    let embedded: Vec<&str> = rule_fixtures::RULE_FIXTURES
        .iter()
        .map(|(n, _, _, _)| *n)
        .collect();
    assert_eq!(
        on_disk, embedded,
        "regenerate tests/common/rule_fixtures.rs"
    );
    for (name, _, _, policy) in rule_fixtures::RULE_FIXTURES {
        let on_disk =
            fs::read_to_string(dir.join(name).join("k8s-job-plan.yaml")).unwrap_or_default();
        assert_eq!(*policy, on_disk, "{name}: the embedded policy file differs");
    }
}
