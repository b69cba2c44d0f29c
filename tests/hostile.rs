//! Hostile, broken and awkward inputs, through the built binary and through
//! the library. Every case is generated at test time next to a valid sibling
//! Job; the run must end (a 20 s hang guard, not a performance assertion),
//! stay under 1 GiB (a bomb guard), report the case's finding with its file
//! and line, keep the sibling valid, and exit 1 exactly when something is
//! invalid. Files and folders (empty, unreadable, symlinks, odd names,
//! thousands of files) and `--output-plan` are checked at the end.
#![cfg(not(target_arch = "wasm32"))]

#[path = "hostile/cases.rs"]
mod cases;

use cases::{Case, Expect};
use k8s_job_plan::{InputContent, InputFile, PlanOptions};
use serde_json::Value;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_k8s-job-plan");
/// Hang guard: far above any real run, even in a debug build.
const WATCHDOG: Duration = Duration::from_secs(20);
/// Bomb guard on peak resident memory.
const MEMORY_GUARD_KB: u64 = 1024 * 1024;
const SIBLING: &str = "sibling.yaml";

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("kjp-hostile-{}-{tag}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    /// Peak resident memory of the binary, when it could be measured.
    max_rss_kb: Option<u64>,
    elapsed: Duration,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not a JSON plan ({e}); stderr: {}", self.stderr))
    }
}

/// Runs the binary with a watchdog. Memory comes from `/usr/bin/time -f %M`
/// when present, else from polling `/proc/<pid>/status` (VmHWM, the peak).
fn run_cli(args: &[OsString], workdir: &Path) -> Run {
    let time = Path::new("/usr/bin/time");
    let rss_file = workdir.join(".rss");
    let out_file = workdir.join(".stdout");
    let err_file = workdir.join(".stderr");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-f").arg("%M").arg("-o").arg(&rss_file).arg(BIN);
        c
    } else {
        Command::new(BIN)
    };
    cmd.args(args)
        .current_dir(workdir)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_file).unwrap())
        .stderr(fs::File::create(&err_file).unwrap());
    let start = Instant::now();
    let mut child = cmd.spawn().expect("the binary starts");
    let mut polled_kb = None;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if let Some(kb) = vm_hwm_kb(child.id()) {
            polled_kb = Some(kb.max(polled_kb.unwrap_or(0)));
        }
        if start.elapsed() > WATCHDOG {
            // /usr/bin/time's child is the binary: stop it too.
            for pid in children_of(child.id()) {
                let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            }
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "hang guard: {args:?} still running after {} s",
                WATCHDOG.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    let max_rss_kb = fs::read_to_string(&rss_file)
        .ok()
        .and_then(|s| s.lines().last().and_then(|l| l.trim().parse().ok()))
        .or(polled_kb);
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&fs::read(&out_file).unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&fs::read(&err_file).unwrap()).into_owned(),
        max_rss_kb,
        elapsed,
    }
}

fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn children_of(pid: u32) -> Vec<u32> {
    fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

fn decode_rules_present() -> bool {
    k8s_job_plan::registry::all().any(|r| r.code.starts_with("KJP3"))
}

/// Every finding of the plan (errors and warnings).
fn findings(plan: &Value) -> impl Iterator<Item = &Value> {
    plan["errors"]
        .as_array()
        .unwrap()
        .iter()
        .chain(plan["warnings"].as_array().unwrap())
}

/// Checks a plan of `case_file` plus the valid sibling against `expect`.
fn check_plan(plan: &Value, case_file: &str, sibling: &str, expect: &Expect) -> Result<(), String> {
    let jobs = plan["jobs"].as_array().unwrap();
    let sib: Vec<&Value> = jobs.iter().filter(|j| j["file"] == sibling).collect();
    if sib.len() != 1 || sib[0]["valid"] != true {
        return Err(format!("the sibling Job lost its result: {sib:?}"));
    }
    for f in findings(plan) {
        let (line, column) = (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap());
        if line < 1 || column < 1 || f["file"].as_str().unwrap_or("").is_empty() {
            return Err(format!("finding without a place: {f}"));
        }
        if f["file"] != case_file {
            return Err(format!("finding outside the case file: {f}"));
        }
    }
    let mine: Vec<&Value> = findings(plan).collect();
    let summary = || {
        mine.iter()
            .map(|f| {
                format!(
                    "{}:{} {} {}",
                    f["line"], f["column"], f["rule"], f["message"]
                )
            })
            .collect::<Vec<_>>()
            .join("\n    ")
    };
    let case_jobs: Vec<&Value> = jobs.iter().filter(|j| j["file"] == case_file).collect();
    if expect.requires_decode && !decode_rules_present() {
        return Ok(());
    }
    if expect.valid {
        if !mine.is_empty() || case_jobs.is_empty() || case_jobs.iter().any(|j| j["valid"] != true)
        {
            return Err(format!(
                "expected a valid Job without findings, got {} jobs; findings:\n    {}",
                case_jobs.len(),
                summary()
            ));
        }
        return Ok(());
    }
    let errors: Vec<&Value> = plan["errors"].as_array().unwrap().iter().collect();
    if errors.is_empty() {
        return Err(format!(
            "expected an error, got none; findings:\n    {}",
            summary()
        ));
    }
    if let Some(rule) = expect.rule {
        let hit = errors.iter().any(|f| {
            f["rule"] == rule
                && expect
                    .line
                    .is_none_or(|l| f["line"].as_u64() == Some(l as u64))
        });
        if !hit {
            return Err(format!(
                "expected {rule} at line {:?}; findings:\n    {}",
                expect.line,
                summary()
            ));
        }
    }
    Ok(())
}

#[test]
fn hostile_inputs_through_the_binary() {
    let mut failures = Vec::new();
    println!("{:<28} {:>4} {:>8} {:>9}", "case", "exit", "ms", "peak MiB");
    for case in cases::cases() {
        let dir = TempDir::new(case.name);
        let file = format!("{}.yaml", case.name);
        dir.write(&file, &case.bytes);
        dir.write(SIBLING, cases::EXAMPLE.as_bytes());
        let run = run_cli(
            &[
                "--format".into(),
                "json".into(),
                file.clone().into(),
                SIBLING.into(),
            ],
            &dir.0,
        );
        let rss = run
            .max_rss_kb
            .map_or("?".to_string(), |kb| format!("{:.1}", kb as f64 / 1024.0));
        println!(
            "{:<28} {:>4} {:>8} {:>9}",
            case.name,
            run.code,
            run.elapsed.as_millis(),
            rss
        );
        let mut problems = Vec::new();
        if run.stderr.contains("panicked") {
            problems.push(format!("panicked: {}", run.stderr));
        }
        if run.max_rss_kb.is_some_and(|kb| kb > MEMORY_GUARD_KB) {
            problems.push(format!("bomb guard: peak memory {rss} MiB"));
        }
        let skip_verdict = case.expect.requires_decode && !decode_rules_present();
        let want = if case.expect.valid { 0 } else { 1 };
        if !skip_verdict && run.code != want {
            problems.push(format!("exit code {} instead of {want}", run.code));
        }
        if run.stdout.is_empty() {
            problems.push(format!("no plan; stderr: {}", run.stderr));
        } else if let Err(e) = check_plan(&run.json(), &file, SIBLING, &case.expect) {
            problems.push(e);
        }
        if !problems.is_empty() {
            failures.push(format!("{}: {}", case.name, problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn hostile_inputs_through_the_library() {
    let mut failures = Vec::new();
    for case in cases::cases() {
        let file = format!("{}.yaml", case.name);
        let inputs = [
            InputFile {
                name: &file,
                content: InputContent::Bytes(&case.bytes),
            },
            InputFile {
                name: SIBLING,
                content: InputContent::Text(cases::EXAMPLE),
            },
        ];
        let plan = k8s_job_plan::plan_files(&inputs, &PlanOptions::default()).unwrap();
        let skip_verdict = case.expect.requires_decode && !decode_rules_present();
        if !skip_verdict && plan.is_success() != case.expect.valid {
            failures.push(format!(
                "{}: is_success() = {}",
                case.name,
                plan.is_success()
            ));
        }
        // The text renderer must survive the same plans.
        let text = k8s_job_plan::render_plan_text(&plan);
        assert!(text.contains("END OF EXECUTION PLAN"), "{}", case.name);
        if let Err(e) = check_plan(
            &serde_json::to_value(&plan).unwrap(),
            &file,
            SIBLING,
            &case.expect,
        ) {
            failures.push(format!("{}: {e}", case.name));
        }
        // validate_job_yaml takes text: every UTF-8 case goes through it too.
        if let Ok(text) = std::str::from_utf8(&case.bytes) {
            let v = k8s_job_plan::validate_job_yaml(text, &file, &PlanOptions::default()).unwrap();
            if !skip_verdict && v.valid != case.expect.valid {
                failures.push(format!(
                    "{}: validate_job_yaml valid = {}",
                    case.name, v.valid
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// `tests/hostile/cases.mjs` must generate the very same bytes and verdicts.
#[test]
fn the_js_generator_matches() {
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node_ok {
        println!("note: node is not installed; the cases.mjs comparison is skipped");
        return;
    }
    let script = "import { hostileCases, fnv1a } from './tests/hostile/cases.mjs';\n\
        for (const c of hostileCases()) console.log(JSON.stringify({ name: c.name, len: c.bytes.length, hash: fnv1a(c.bytes), expect: c.expect }));";
    let out = Command::new("node")
        .args(["--input-type=module", "-e", script])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let js: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rs: Vec<Case> = cases::cases();
    let names = |v: &mut dyn Iterator<Item = String>| v.collect::<Vec<_>>();
    assert_eq!(
        names(&mut js.iter().map(|c| c["name"].as_str().unwrap().to_string())),
        names(&mut rs.iter().map(|c| c.name.to_string()))
    );
    for (j, r) in js.iter().zip(&rs) {
        assert_eq!(
            j["len"].as_u64(),
            Some(r.bytes.len() as u64),
            "{}: length",
            r.name
        );
        assert_eq!(
            j["hash"].as_u64(),
            Some(u64::from(cases::fnv1a(&r.bytes))),
            "{}: bytes",
            r.name
        );
        let e = &j["expect"];
        assert_eq!(e["valid"], r.expect.valid, "{}", r.name);
        assert_eq!(e["rule"].as_str(), r.expect.rule, "{}", r.name);
        assert_eq!(
            e["line"].as_u64(),
            r.expect.line.map(|l| l as u64),
            "{}",
            r.name
        );
        assert_eq!(
            e["requires"].as_str() == Some("decode"),
            r.expect.requires_decode,
            "{}",
            r.name
        );
    }
}

// ---------------------------------------------------------------------------
// Files and folders through the CLI.

fn jobs_in<'a>(plan: &'a Value, file_suffix: &str) -> Vec<&'a Value> {
    plan["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["file"].as_str().unwrap().ends_with(file_suffix))
        .collect()
}

fn findings_for<'a>(plan: &'a Value, file_suffix: &str) -> Vec<&'a Value> {
    findings(plan)
        .filter(|f| f["file"].as_str().unwrap().ends_with(file_suffix))
        .collect()
}

fn args(list: &[&str]) -> Vec<OsString> {
    list.iter().map(OsString::from).collect()
}

#[test]
fn empty_and_comment_only_files_are_warnings_that_strict_mode_fails() {
    let dir = TempDir::new("empty");
    dir.write("jobs/empty.yaml", b"");
    dir.write(
        "jobs/comments.yaml",
        b"# only a comment\n   # and another\n",
    );
    dir.write("jobs/separators.yaml", b"---\n---\n");
    dir.write("jobs/job.yaml", cases::EXAMPLE.as_bytes());
    let run = run_cli(&args(&["--format", "json", "--jobs-dir", "jobs"]), &dir.0);
    assert_eq!(run.code, 0, "warnings only: {}", run.stdout);
    let plan = run.json();
    for name in ["empty.yaml", "comments.yaml", "separators.yaml"] {
        let f = findings_for(&plan, name);
        assert_eq!(f.len(), 1, "{name}: {f:?}");
        assert_eq!(f[0]["rule"], "empty-file");
        assert_eq!(f[0]["severity"], "warning");
        assert_eq!(f[0]["line"], 1);
    }
    assert_eq!(plan["validJobs"], 1);
    let strict = run_cli(
        &args(&["--strict", "--format", "json", "--jobs-dir", "jobs"]),
        &dir.0,
    );
    assert_eq!(strict.code, 1);
    assert_eq!(strict.json()["errors"].as_array().unwrap().len(), 3);
}

#[test]
fn unreadable_inputs_are_findings_and_never_block() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("unreadable");
    dir.write("jobs/job.yaml", cases::EXAMPLE.as_bytes());
    // A dangling symlink and a FIFO: the FIFO would block a plain open().
    std::os::unix::fs::symlink("missing.yaml", dir.path("jobs/gone.yaml")).unwrap();
    let fifo = Command::new("mkfifo")
        .arg(dir.path("jobs/pipe.yaml"))
        .status();
    let have_fifo = fifo.is_ok_and(|s| s.success());
    // A directory named like a manifest is walked, not read.
    dir.write("jobs/dir.yaml/inner.yaml", cases::EXAMPLE.as_bytes());
    // chmod 000 stops only unprivileged users: as root (or with
    // CAP_DAC_OVERRIDE) the file stays readable and is a valid Job.
    let locked = dir.write("jobs/locked.yaml", cases::EXAMPLE.as_bytes());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = fs::read(&locked).is_ok();
    if privileged {
        println!("note: running with file-read privileges (root): chmod 000 does not make a file unreadable, so the dangling symlink and the FIFO are the unreadable cases");
    }

    let run = run_cli(
        &args(&[
            "--format",
            "json",
            "--jobs-dir",
            "jobs",
            "no-such-file.yaml",
        ]),
        &dir.0,
    );
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(run.code, 1);
    let plan = run.json();
    let mut unreadable = vec!["gone.yaml", "no-such-file.yaml"];
    if have_fifo {
        unreadable.push("pipe.yaml");
    } else {
        println!("note: mkfifo is missing; the FIFO case is skipped");
    }
    if !privileged {
        unreadable.push("locked.yaml");
    }
    for name in &unreadable {
        let f = findings_for(&plan, name);
        assert_eq!(f.len(), 1, "{name}: {f:?}");
        assert_eq!(f[0]["rule"], "file-unreadable", "{name}");
        assert_eq!(f[0]["line"], 1);
    }
    assert!(findings_for(&plan, "pipe.yaml")
        .first()
        .is_none_or(|f| f["message"]
            .as_str()
            .unwrap()
            .contains("not a regular file")));
    // Readable Jobs keep their results.
    for name in ["jobs/job.yaml", "inner.yaml"] {
        let j = jobs_in(&plan, name);
        assert_eq!(j.len(), 1, "{name}");
        assert_eq!(j[0]["valid"], true, "{name}");
    }
    assert_eq!(jobs_in(&plan, "locked.yaml").len(), usize::from(privileged));
}

#[test]
fn symlinks_and_symlink_loops_are_followed_once() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new("symlinks");
    dir.write("jobs/real.yaml", cases::EXAMPLE.as_bytes());
    dir.write("elsewhere/outside.yaml", cases::EXAMPLE.as_bytes());
    symlink("real.yaml", dir.path("jobs/link.yaml")).unwrap();
    symlink("../elsewhere", dir.path("jobs/linked-dir")).unwrap();
    symlink(".", dir.path("jobs/loop")).unwrap();
    symlink("..", dir.path("jobs/up")).unwrap();
    symlink("self.yaml", dir.path("jobs/self.yaml")).unwrap();
    let run = run_cli(&args(&["--format", "json", "--jobs-dir", "jobs"]), &dir.0);
    let plan = run.json();
    let files: Vec<&str> = plan["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["file"].as_str().unwrap())
        .collect();
    let mut unique = files.clone();
    unique.dedup();
    assert_eq!(files, unique, "a file was planned twice");
    for name in ["real.yaml", "link.yaml", "outside.yaml"] {
        let j = jobs_in(&plan, name);
        assert!(
            !j.is_empty() && j.iter().all(|j| j["valid"] == true),
            "{name}: {files:?}"
        );
    }
    // A symlink to itself cannot be read.
    let f = findings_for(&plan, "self.yaml");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["rule"], "file-unreadable");
    assert_eq!(run.code, 1);
}

#[test]
fn odd_file_names_are_kept_as_they_are() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new("names");
    let names = [
        "with space.yaml",
        "ジョブ ünïcödé.yaml",
        "UPPER.YML",
        "-dash.yaml",
    ];
    for n in names {
        dir.write(&format!("jobs/{n}"), cases::EXAMPLE.as_bytes());
    }
    // A name that is not UTF-8 is shown with a replacement character.
    let raw = std::ffi::OsStr::from_bytes(b"bad-\xff.yaml");
    fs::write(dir.path("jobs").join(raw), cases::EXAMPLE).unwrap();
    let run = run_cli(&args(&["--format", "json", "--jobs-dir", "jobs"]), &dir.0);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plan = run.json();
    for n in names {
        let j = jobs_in(&plan, &format!("jobs/{n}"));
        assert_eq!(j.len(), 1, "{n}");
        assert_eq!(j[0]["valid"], true);
    }
    assert_eq!(jobs_in(&plan, "bad-\u{FFFD}.yaml").len(), 1);
    // A name that starts with a dash is read when given with its directory.
    let run = run_cli(&args(&["--format", "json", "jobs/-dash.yaml"]), &dir.0);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn thousands_of_files_are_all_planned() {
    let dir = TempDir::new("many");
    let count = 2_000;
    for i in 0..count {
        let text = cases::EXAMPLE.replace(
            "name: arb-tuning-d29-k8s--worker-1-0",
            &format!("name: arb-tuning-d29-k8s--worker-1-{i}"),
        );
        dir.write(
            &format!("jobs/{:02}/job-{i:05}.yaml", i % 37),
            text.as_bytes(),
        );
    }
    let run = run_cli(&args(&["--format", "json", "--jobs-dir", "jobs"]), &dir.0);
    println!(
        "{count} files: {} ms, peak {:?} KiB",
        run.elapsed.as_millis(),
        run.max_rss_kb
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plan = run.json();
    assert_eq!(plan["totalJobs"], count);
    assert_eq!(plan["validJobs"], count);
    // Sorted by path, whatever order the directory lists them in.
    let files: Vec<&str> = plan["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["file"].as_str().unwrap())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
}

// ---------------------------------------------------------------------------
// --output-plan: written atomically, never over an input.

fn stray_temp_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

#[test]
fn output_plan_is_written_whole_and_never_over_an_input() {
    let dir = TempDir::new("output");
    let job = dir.write("jobs/job.yaml", cases::EXAMPLE.as_bytes());

    // Written, equal to standard output, nothing left behind; a second run
    // replaces the old plan whole.
    fs::write(
        dir.path("plan.txt"),
        "an old plan that is longer than nothing\n".repeat(500),
    )
    .unwrap();
    let run = run_cli(
        &args(&["--jobs-dir", "jobs", "--output-plan", "plan.txt"]),
        &dir.0,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(dir.path("plan.txt")).unwrap(),
        run.stdout
    );
    assert!(stray_temp_files(&dir.0).is_empty());

    // Never over an input: by the same path, through `..`, or through a symlink.
    std::os::unix::fs::symlink("jobs/job.yaml", dir.path("alias.yaml")).unwrap();
    for target in ["jobs/job.yaml", "jobs/../jobs/job.yaml", "alias.yaml"] {
        let run = run_cli(
            &args(&["--jobs-dir", "jobs", "--output-plan", target]),
            &dir.0,
        );
        assert_eq!(run.code, 1, "{target}");
        assert!(
            run.stderr
                .contains("refusing to overwrite an input manifest"),
            "{target}: {}",
            run.stderr
        );
        assert_eq!(
            fs::read_to_string(&job).unwrap(),
            cases::EXAMPLE,
            "{target}"
        );
    }

    // A target that cannot be written: an error, the old state untouched,
    // no temporary file left.
    fs::create_dir(dir.path("plan-dir")).unwrap();
    fs::write(dir.path("plan-dir/keep"), "x").unwrap();
    for target in ["no-such-dir/plan.txt", "plan-dir"] {
        let run = run_cli(
            &args(&["--jobs-dir", "jobs", "--output-plan", target]),
            &dir.0,
        );
        assert_eq!(run.code, 1, "{target}");
        assert!(
            run.stderr.contains("cannot write the plan"),
            "{target}: {}",
            run.stderr
        );
        assert!(stray_temp_files(&dir.0).is_empty(), "{target}");
    }
    assert!(!dir.path("no-such-dir").exists());
    assert_eq!(fs::read_to_string(dir.path("plan-dir/keep")).unwrap(), "x");
}
