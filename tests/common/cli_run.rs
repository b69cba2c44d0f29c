// Helpers for tests that run the native binary (tests/cli.rs,
// tests/ci_outputs.rs): `include!`d, so each test crate gets its own copy.

/// The binary, run from the repository root. A CI runner running these
/// tests must not get our step summaries.
fn bin() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_k8s-job-plan"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("GITHUB_STEP_SUMMARY");
    c
}

fn run(args: &[&str]) -> std::process::Output {
    bin().args(args).output().expect("run the binary")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("utf-8 output")
}

/// A fresh scratch directory under the target dir, removed first if present.
fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create scratch dir");
    d
}
