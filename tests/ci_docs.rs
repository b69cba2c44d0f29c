//! The README's "Use in CI" examples: every YAML block parses, and the
//! commands of the GitHub Actions workflow and of the GitLab job run as
//! written (with this build in place of `npx --yes k8s-job-plan`) and write
//! the files their next steps read. The pre-commit blocks are run by
//! tests/js/precommit.test.mjs.
#![cfg(not(target_arch = "wasm32"))]

use serde_yaml::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const README: &str = include_str!("../README.md");
const NPX: &str = "npx --yes k8s-job-plan";

/// The YAML blocks of the section, by the file name on their first line.
fn blocks() -> Vec<(String, Value)> {
    let start = README
        .find("\n## Use in CI\n")
        .expect("a Use in CI section");
    let section = &README[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    let mut out = Vec::new();
    let mut rest = section;
    while let Some(i) = rest.find("```yaml\n") {
        let body = &rest[i + 8..];
        let end = body.find("\n```").expect("a closed block");
        let text = &body[..end + 1];
        let name = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# "))
            .expect("a block starts with # FILE")
            .to_string();
        let value: Value = serde_yaml::from_str(text)
            .unwrap_or_else(|e| panic!("{name} in README does not parse: {e}\n{text}"));
        out.push((name, value));
        rest = &body[end..];
    }
    out
}

fn block(name: &str) -> Value {
    blocks()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} block in README's Use in CI"))
        .1
}

fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(d.join("deploy/jobs")).unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/d29_k8s_jobs");
    for e in fs::read_dir(seed).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), d.join("deploy/jobs").join(e.file_name())).unwrap();
    }
    d
}

/// Runs a documented command in `dir` the way a runner's shell would.
fn shell(dir: &Path, command: &str, summary: Option<&Path>) -> Output {
    assert!(command.contains(NPX), "{command}");
    let command = command.replace(NPX, env!("CARGO_BIN_EXE_k8s-job-plan"));
    let mut c = Command::new("bash");
    c.args(["-e", "-c", &command]).current_dir(dir);
    c.env_remove("GITHUB_STEP_SUMMARY");
    if let Some(s) = summary {
        c.env("GITHUB_STEP_SUMMARY", s);
    }
    c.output().expect("run bash")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn break_a_job(dir: &Path) {
    let job = dir.join("deploy/jobs/arb-tuning-d29-k8s--worker-2-1.yaml");
    let yaml = fs::read_to_string(&job).unwrap();
    fs::write(&job, yaml.replacen("image:", "x-image:", 1)).unwrap();
}

#[test]
fn every_yaml_block_parses_and_names_its_file() {
    let names: Vec<String> = blocks().into_iter().map(|(n, _)| n).collect();
    for expected in [
        ".github/workflows/k8s-jobs.yml",
        ".gitlab-ci.yml",
        ".pre-commit-config.yaml",
    ] {
        assert!(names.iter().any(|n| n == expected), "{names:?}");
    }
}

#[test]
fn the_github_workflow_runs_and_feeds_its_upload_step() {
    let wf = block(".github/workflows/k8s-jobs.yml");
    assert_eq!(wf["permissions"]["security-events"], "write");
    let steps = wf["jobs"]["k8s-job-plan"]["steps"].as_sequence().unwrap();
    let run = steps
        .iter()
        .find_map(|s| s["run"].as_str())
        .expect("a run step");
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload-sarif step");
    assert_eq!(
        upload["if"], "${{ !cancelled() }}",
        "upload after a failed check"
    );
    let sarif_file = upload["with"]["sarif_file"].as_str().unwrap();

    let dir = scratch("ci-docs-github");
    let summary = dir.join("step-summary.md");
    let out = shell(&dir, run, Some(&summary));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "no finding, no annotation");
    assert!(fs::read_to_string(&summary)
        .unwrap()
        .contains("| Valid Jobs | 2 |"));
    let sarif: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join(sarif_file)).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");

    // A broken Job: the step fails with an annotation on it, and the SARIF
    // file the upload step reads is there, with a repository-relative URI.
    break_a_job(&dir);
    let out = shell(&dir, run, Some(&summary));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout)
        .starts_with("::error file=deploy/jobs/arb-tuning-d29-k8s--worker-2-1.yaml,line="));
    let sarif: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join(sarif_file)).unwrap()).unwrap();
    let location = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "deploy/jobs/arb-tuning-d29-k8s--worker-2-1.yaml"
    );
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert!(fs::read_to_string(&summary)
        .unwrap()
        .contains("### k8s-job-plan: failed"));
}

#[test]
fn the_gitlab_job_writes_its_junit_report() {
    let job = &block(".gitlab-ci.yml")["k8s-job-plan"];
    let report = job["artifacts"]["reports"]["junit"].as_str().unwrap();
    assert_eq!(job["artifacts"]["when"], "always");
    let dir = scratch("ci-docs-gitlab");
    break_a_job(&dir);
    for line in job["script"].as_sequence().unwrap() {
        let out = shell(&dir, line.as_str().unwrap(), None);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert!(
            text(&out.stdout).contains("[INVALID JOBS]"),
            "the log has the plan"
        );
    }
    let xml = fs::read_to_string(dir.join(report)).unwrap();
    assert!(xml.starts_with("<?xml"));
    assert_eq!(xml.matches("<failure ").count(), 1, "{xml}");
}

#[test]
fn the_pre_commit_hook_ids_are_the_shipped_ones() {
    let hooks: Value =
        serde_yaml::from_str(include_str!("../.pre-commit-hooks.yaml")).expect("hooks parse");
    let shipped: Vec<&str> = hooks
        .as_sequence()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(shipped, ["k8s-job-plan", "k8s-job-plan-node"]);
    for h in hooks.as_sequence().unwrap() {
        assert_eq!(h["files"], "\\.(ya?ml)$");
        assert_eq!(h["pass_filenames"], true);
    }
    let languages: Vec<&str> = hooks
        .as_sequence()
        .unwrap()
        .iter()
        .map(|h| h["language"].as_str().unwrap())
        .collect();
    assert_eq!(languages, ["system", "node"]);
    let configs: Vec<Value> = blocks()
        .into_iter()
        .filter(|(n, _)| n == ".pre-commit-config.yaml")
        .map(|(_, v)| v)
        .collect();
    assert_eq!(configs.len(), 3);
    // The remote form names hooks this repository ships.
    let remote = &configs[0]["repos"][0];
    assert_ne!(remote["repo"], "local");
    for h in remote["hooks"].as_sequence().unwrap() {
        assert!(shipped.contains(&h["id"].as_str().unwrap()), "{h:?}");
    }
}
