//! The native command line. It only turns arguments and files into core inputs
//! and the plan into output; `main` calls `main_exit_code`.

use crate::model::{InputContent, InputFile, PlanOptions};
use crate::render::Format;
use crate::source::MAX_FILE_BYTES;
use std::collections::HashSet;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub const USAGE: &str = "\
k8s-job-plan: validate Kubernetes batch/v1 Job manifests and print their execution plan.
Offline and read-only: it never contacts a cluster.

Usage:
  k8s-job-plan --jobs-dir DIR [--strict] [--output-plan FILE] [options]
  k8s-job-plan [options] PATH...        (files, directories, or - for standard input)

Options:
  --jobs-dir DIR              Plan every *.yaml and *.yml file under DIR (sorted by path).
  --strict                    Treat warnings as errors.
  --output-plan FILE          Also write the plan to FILE (atomically).
  --format FORMAT             Output format: text (default) or json.
  --kubernetes-version V      Apply the rules of Kubernetes V (1.32 to 1.37; default 1.37).
  -h, --help                  Print this help.
  -V, --version               Print the version.

Exit codes:
  0  every Job is valid
  1  a Job is invalid, an input could not be read, or no Job was found
  2  usage error
";

struct Args {
    paths: Vec<String>,
    strict: bool,
    output_plan: Option<String>,
    format: Format,
    kubernetes_version: Option<String>,
}

enum Parsed {
    Run(Args),
    Exit(i32, String),
}

fn parse_args(args: &[String]) -> Parsed {
    let mut out = Args {
        paths: Vec::new(),
        strict: false,
        output_plan: None,
        format: Format::Text,
        kubernetes_version: None,
    };
    let mut i = 0;
    let usage_error = |msg: String| {
        Parsed::Exit(
            2,
            format!("error: {msg}\n\nRun 'k8s-job-plan --help' for usage.\n"),
        )
    };
    while i < args.len() {
        let arg = args[i].as_str();
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg, None),
        };
        let mut value = |name: &str| -> Result<String, Parsed> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| usage_error(format!("{name} needs a value")))
        };
        match flag {
            "-h" | "--help" => return Parsed::Exit(0, USAGE.to_string()),
            "-V" | "--version" => {
                return Parsed::Exit(0, format!("k8s-job-plan {}\n", env!("CARGO_PKG_VERSION")))
            }
            "--strict" => out.strict = true,
            "--jobs-dir" => match value("--jobs-dir") {
                Ok(v) => out.paths.push(v),
                Err(e) => return e,
            },
            "--output-plan" => match value("--output-plan") {
                Ok(v) => out.output_plan = Some(v),
                Err(e) => return e,
            },
            "--format" => match value("--format").map(|v| v.parse::<Format>()) {
                Ok(Ok(f)) => out.format = f,
                Ok(Err(msg)) => return usage_error(msg),
                Err(e) => return e,
            },
            "--kubernetes-version" => match value("--kubernetes-version") {
                Ok(v) => out.kubernetes_version = Some(v),
                Err(e) => return e,
            },
            "-" => out.paths.push("-".to_string()),
            f if f.starts_with('-') => return usage_error(format!("unknown option {f:?}")),
            _ => out.paths.push(arg.to_string()),
        }
        i += 1;
    }
    if out.paths.is_empty() {
        return usage_error("no input: pass --jobs-dir DIR, or files and directories".to_string());
    }
    Parsed::Run(out)
}

/// One collected input: its display name and what was read.
struct Collected {
    name: String,
    content: Owned,
    /// Canonical path, to refuse writing the plan over an input.
    canonical: Option<PathBuf>,
}

enum Owned {
    Bytes(Vec<u8>),
    Unreadable(String),
    TooLarge(u64),
}

fn is_yaml(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Reads one input. `found_in_dir` is true for files found by walking a
/// directory: those must be regular files, because opening a FIFO named
/// `x.yaml` blocks until someone writes to it (a named path may be a pipe on
/// purpose, such as `<(generate-jobs)`).
fn read_file(path: &Path, found_in_dir: bool) -> Owned {
    if found_in_dir {
        if let Ok(m) = fs::metadata(path) {
            if !m.is_file() {
                return Owned::Unreadable(
                    "not a regular file (a FIFO, socket or device); only regular files are read from a directory".into(),
                );
            }
        }
    }
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Owned::Unreadable(e.to_string()),
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_FILE_BYTES as u64 {
        return Owned::TooLarge(len);
    }
    let mut buf = Vec::with_capacity(len as usize);
    // Read one byte past the limit so a file that grew is still caught.
    match file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut buf) {
        Ok(_) if buf.len() > MAX_FILE_BYTES => Owned::TooLarge(buf.len() as u64),
        Ok(_) => Owned::Bytes(buf),
        Err(e) => Owned::Unreadable(e.to_string()),
    }
}

/// Walks `dir` for YAML files: sorted, recursive, following symlinks once
/// (a symlink loop is visited once), hidden entries skipped.
fn walk(
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    notes: &mut Vec<String>,
) {
    if let Ok(c) = fs::canonicalize(dir) {
        if !seen.insert(c) {
            return;
        }
    }
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            notes.push(format!(
                "warning: cannot read directory {}: {e}",
                dir.display()
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, seen, files, notes),
            Ok(_) if is_yaml(&p) => files.push(p),
            Ok(_) => {}
            // A dangling symlink with a YAML name is an input we cannot read.
            Err(_) if is_yaml(&p) => files.push(p),
            Err(_) => {}
        }
    }
}

fn collect(paths: &[String], stdin: &mut dyn Read, notes: &mut Vec<String>) -> Vec<Collected> {
    let mut out = Vec::new();
    for raw in paths {
        if raw == "-" {
            let mut buf = Vec::new();
            let content = match stdin.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut buf) {
                Ok(_) if buf.len() > MAX_FILE_BYTES => Owned::TooLarge(buf.len() as u64),
                Ok(_) => Owned::Bytes(buf),
                Err(e) => Owned::Unreadable(e.to_string()),
            };
            out.push(Collected {
                name: "<stdin>".into(),
                content,
                canonical: None,
            });
            continue;
        }
        let path = Path::new(raw);
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                walk(path, &mut HashSet::new(), &mut files, notes);
                if files.is_empty() {
                    notes.push(format!(
                        "error: {raw}: the directory holds no *.yaml or *.yml file"
                    ));
                }
                for f in files {
                    out.push(Collected {
                        name: f.to_string_lossy().into_owned(),
                        content: read_file(&f, true),
                        canonical: fs::canonicalize(&f).ok(),
                    });
                }
            }
            Ok(_) => out.push(Collected {
                name: raw.clone(),
                content: read_file(path, false),
                canonical: fs::canonicalize(path).ok(),
            }),
            Err(e) => {
                let what = if e.kind() == std::io::ErrorKind::NotFound {
                    "no such file or directory".to_string()
                } else {
                    e.to_string()
                };
                notes.push(format!("error: {raw}: {what}"));
                out.push(Collected {
                    name: raw.clone(),
                    content: Owned::Unreadable(what),
                    canonical: None,
                });
            }
        }
    }
    out
}

/// Writes `text` to `path` through a temporary file in the same directory and
/// a rename, so readers never see half a plan.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let base = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into());
    let tmp = dir.join(format!(".{base}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Runs the CLI and returns the exit code.
pub fn run(
    args: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let args = match parse_args(args) {
        Parsed::Run(a) => a,
        Parsed::Exit(code, text) => {
            let sink: &mut dyn Write = if code == 0 { stdout } else { stderr };
            let _ = sink.write_all(text.as_bytes());
            return code;
        }
    };
    let opts = PlanOptions {
        strict: args.strict,
        kubernetes_version: args.kubernetes_version.clone(),
    };
    if let Err(msg) = crate::version::KubeVersion::resolve(opts.kubernetes_version.as_deref()) {
        let _ = writeln!(stderr, "error: {msg}");
        return 2;
    }
    let mut notes = Vec::new();
    let collected = collect(&args.paths, stdin, &mut notes);
    let inputs: Vec<InputFile> = collected
        .iter()
        .map(|c| InputFile {
            name: &c.name,
            content: match &c.content {
                Owned::Bytes(b) => InputContent::Bytes(b),
                Owned::Unreadable(r) => InputContent::Unreadable(r),
                Owned::TooLarge(n) => InputContent::TooLarge(*n),
            },
        })
        .collect();
    let plan = match crate::plan_files(&inputs, &opts) {
        Ok(p) => p,
        Err(msg) => {
            let _ = writeln!(stderr, "error: {msg}");
            return 2;
        }
    };
    let rendered = args.format.render(&plan);
    let _ = stdout.write_all(rendered.as_bytes());
    let _ = stdout.flush();
    for n in &notes {
        let _ = writeln!(stderr, "{n}");
    }
    if plan.total_jobs == 0 {
        let _ = writeln!(stderr, "error: no Job found in the input");
    }
    let mut code = if plan.is_success() { 0 } else { 1 };
    if let Some(out) = &args.output_plan {
        let target = Path::new(out);
        let clobbers_input = fs::canonicalize(target)
            .ok()
            .is_some_and(|t| collected.iter().any(|c| c.canonical.as_ref() == Some(&t)));
        if clobbers_input {
            let _ = writeln!(
                stderr,
                "error: --output-plan {out}: refusing to overwrite an input manifest"
            );
            return 1;
        }
        if let Err(e) = write_atomically(target, &rendered) {
            let _ = writeln!(
                stderr,
                "error: --output-plan {out}: cannot write the plan: {e}"
            );
            code = 1;
        }
    }
    code
}

/// Entry point for the binary: real arguments and standard streams.
pub fn main_exit_code() -> i32 {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run(
        &args,
        &mut stdin.lock(),
        &mut stdout.lock(),
        &mut stderr.lock(),
    )
}
