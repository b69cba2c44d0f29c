//! The same inputs give byte-identical plans, whatever their order: shuffled
//! library inputs, directories created in different orders, file arguments
//! in different orders, and repeated runs.
#![cfg(not(target_arch = "wasm32"))]

use k8s_job_plan::{Format, InputContent, InputFile, PlanOptions};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_k8s-job-plan");
const JOB_1: &str = include_str!("../examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-1-0.yaml");
const JOB_2: &str = include_str!("../examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-2-1.yaml");

/// A mixed set: valid, invalid, broken, multi-document, empty, binary, and
/// two inputs with the same name but different content. Twelve files, so the
/// planner's parallel path (eight or more files) is taken.
fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = vec![
        ("a/job-1.yaml".into(), JOB_1.into()),
        ("a/job-2.yaml".into(), JOB_2.into()),
        (
            "b/multi.yaml".into(),
            format!(
                "{JOB_1}---\n{JOB_2}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c}}\n"
            )
            .into(),
        ),
        (
            "b/no-namespace.yaml".into(),
            JOB_1.replace("  namespace: trading-bots\n", "").into(),
        ),
        (
            "b/bad-policy.yaml".into(),
            JOB_2
                .replace("restartPolicy: Never", "restartPolicy: Always")
                .into(),
        ),
        (
            "c/syntax.yaml".into(),
            b"apiVersion: batch/v1\nkind: [Job\n".to_vec(),
        ),
        ("c/empty.yaml".into(), Vec::new()),
        (
            "c/binary.yaml".into(),
            vec![0x89, b'P', b'N', b'G', 0, 1, 2, 3],
        ),
        (
            "c/bomb.yaml".into(),
            format!(
                "a: &a [{}]\nb: [{}]\n",
                vec!["x"; 2000].join(","),
                vec!["*a"; 2000].join(",")
            )
            .into(),
        ),
        (
            "d/no-image.yaml".into(),
            JOB_1
                .replace("          image: your-registry/arbitrage-lite:latest\n", "")
                .into(),
        ),
        ("same.yaml".into(), JOB_1.into()),
        ("same.yaml".into(), JOB_2.into()),
    ];
    v.push(("d/list.yaml".into(), b"- a\n- b\n".to_vec()));
    v
}

/// Deterministic shuffles (xorshift32), so a failure names its seed.
fn shuffled<T: Clone>(items: &[T], seed: u32) -> Vec<T> {
    let mut v = items.to_vec();
    let mut x = seed.max(1);
    for i in (1..v.len()).rev() {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        v.swap(i, x as usize % (i + 1));
    }
    v
}

fn render_both(files: &[(String, Vec<u8>)], strict: bool) -> (String, String) {
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
    let plan = k8s_job_plan::plan_files(&inputs, &opts).unwrap();
    (Format::Text.render(&plan), Format::Json.render(&plan))
}

#[test]
fn shuffled_library_inputs_give_identical_plans() {
    let files = inputs();
    for strict in [false, true] {
        let (text, json) = render_both(&files, strict);
        assert!(text.contains("[INVALID JOBS]") && text.contains("[VALID JOBS]"));
        for seed in 1..=25 {
            let (t, j) = render_both(&shuffled(&files, seed), strict);
            assert_eq!(t, text, "text plan differs for shuffle seed {seed}");
            assert_eq!(j, json, "JSON plan differs for shuffle seed {seed}");
        }
    }
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("kjp-determinism-{}-{tag}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Writes `files` under `root/jobs`, creating them in the order given.
/// Same-named inputs cannot share a directory, so the second goes to `z/`.
fn write_tree(root: &Path, files: &[(String, Vec<u8>)]) {
    let mut seen = std::collections::HashSet::new();
    for (name, bytes) in files {
        let name = if seen.insert(name.clone()) {
            name.clone()
        } else {
            format!("z/{name}")
        };
        let p = root.join("jobs").join(&name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
}

fn cli(dir: &Path, args: &[&str]) -> (i32, Vec<u8>) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), out.stdout)
}

#[test]
fn directories_created_in_different_orders_give_identical_plans() {
    let files = inputs();
    let tmp = TempDir::new("dirs");
    // The same-named pair is written in a fixed order so both trees agree on
    // which content lives at `z/same.yaml`.
    let (pair, rest): (Vec<_>, Vec<_>) = files.into_iter().partition(|(n, _)| n == "same.yaml");
    let orders = [
        rest.clone(),
        rest.iter().rev().cloned().collect(),
        shuffled(&rest, 7),
    ];
    let mut outputs = Vec::new();
    for (i, order) in orders.iter().enumerate() {
        let root = tmp.0.join(format!("tree-{i}"));
        let mut all = order.clone();
        all.extend(pair.iter().cloned());
        write_tree(&root, &all);
        let text = cli(&root, &["--jobs-dir", "jobs"]);
        let json = cli(&root, &["--format", "json", "--jobs-dir", "jobs"]);
        let again = cli(&root, &["--format", "json", "--jobs-dir", "jobs"]);
        assert_eq!(json, again, "a repeated run differs");
        assert_eq!(text.0, 1, "the set holds invalid Jobs");
        outputs.push((text, json));
    }
    for (i, o) in outputs.iter().enumerate().skip(1) {
        assert!(
            o.0 == outputs[0].0,
            "text plan of creation order {i} differs"
        );
        assert!(
            o.1 == outputs[0].1,
            "JSON plan of creation order {i} differs"
        );
    }
}

#[test]
fn file_arguments_in_any_order_give_identical_plans() {
    let tmp = TempDir::new("args");
    let (_, rest): (Vec<_>, Vec<_>) = inputs().into_iter().partition(|(n, _)| n == "same.yaml");
    write_tree(&tmp.0, &rest);
    let names: Vec<String> = rest.iter().map(|(n, _)| format!("jobs/{n}")).collect();
    let mut first: Option<(i32, Vec<u8>)> = None;
    for seed in [1, 2, 3, 99] {
        let order = shuffled(&names, seed);
        let mut args = vec!["--format", "json"];
        args.extend(order.iter().map(String::as_str));
        let out = cli(&tmp.0, &args);
        match &first {
            None => first = Some(out),
            Some(f) => assert!(*f == out, "plan differs for argument order seed {seed}"),
        }
    }
}
