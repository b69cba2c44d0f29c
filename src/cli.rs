//! The native command line. It only turns arguments and files into core inputs
//! and the plan into output; `main` calls `main_exit_code`.

use crate::limits::MAX_FILE_BYTES;
use crate::model::{InputContent, InputFile, PlanOptions};
use crate::render::Format;
use std::collections::HashSet;
#[cfg(not(target_arch = "wasm32"))]
use std::fs;
#[cfg(not(target_arch = "wasm32"))]
use std::io::{Read, Write};
#[cfg(not(target_arch = "wasm32"))]
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
  --format FORMAT             Output format: text (default), json, sarif or junit.
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

/// Why the host could not read a path. The CLI words the message itself, so
/// that the native and the Node CLI print the same bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoProblem {
    NotFound,
    PermissionDenied,
    IsADirectory,
    Other(String),
}

impl IoProblem {
    pub fn message(&self) -> String {
        match self {
            IoProblem::NotFound => "no such file or directory".to_string(),
            IoProblem::PermissionDenied => "permission denied".to_string(),
            IoProblem::IsADirectory => "is a directory".to_string(),
            IoProblem::Other(detail) => detail.clone(),
        }
    }
}

/// What a path is, following symlinks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stat {
    File,
    Dir,
    Other,
    Problem(IoProblem),
}

/// The result of reading a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRead {
    Bytes(Vec<u8>),
    /// Not read: it has this many bytes, more than the limit.
    TooLarge(u64),
    Problem(IoProblem),
}

/// Everything the CLI needs from the outside world. The native binary uses
/// the real file system (`StdHost`); the npm package's `npx` CLI passes a
/// Node implementation through the wasm bindings, so both run this same code.
pub trait Host {
    fn stat(&mut self, path: &str) -> Stat;
    /// Entry names of a directory, in any order.
    fn read_dir(&mut self, path: &str) -> Result<Vec<String>, IoProblem>;
    /// Reads at most `max + 1` bytes, so that a larger file is recognised.
    fn read_file(&mut self, path: &str, max: u64) -> FileRead;
    fn read_stdin(&mut self, max: u64) -> FileRead;
    /// Canonical absolute path (symlinks resolved), if the path exists.
    fn canonicalize(&mut self, path: &str) -> Option<String>;
    /// Writes through a temporary file and a rename.
    fn write_atomic(&mut self, path: &str, text: &str) -> Result<(), String>;
    fn stdout(&mut self, text: &str);
    fn stderr(&mut self, text: &str);
}

/// One collected input: its display name and what was read.
struct Collected {
    name: String,
    content: FileRead,
    /// Canonical path, to refuse writing the plan over an input.
    canonical: Option<String>,
}

fn is_yaml(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// Joins like a POSIX path: `dir/name`, without doubling a trailing slash.
fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// Walks `dir` for YAML files: names sorted bytewise, recursive, following
/// symlinks (a directory reached twice, as in a symlink loop, is walked once),
/// hidden entries skipped.
fn walk(
    host: &mut dyn Host,
    dir: &str,
    seen: &mut HashSet<String>,
    files: &mut Vec<(String, Stat)>,
    notes: &mut Vec<String>,
) {
    if let Some(c) = host.canonicalize(dir) {
        if !seen.insert(c) {
            return;
        }
    }
    let mut names = match host.read_dir(dir) {
        Ok(n) => n,
        Err(e) => {
            notes.push(format!(
                "warning: cannot read directory {dir}: {}",
                e.message()
            ));
            return;
        }
    };
    names.sort();
    for name in names {
        if name.starts_with('.') {
            continue;
        }
        let p = join(dir, &name);
        match host.stat(&p) {
            Stat::Dir => walk(host, &p, seen, files, notes),
            // A dangling symlink, an unreadable entry or a FIFO with a YAML
            // name is an input we cannot read: report it rather than drop it.
            stat if is_yaml(&name) => files.push((p, stat)),
            _ => {}
        }
    }
}

fn collect(host: &mut dyn Host, paths: &[String], notes: &mut Vec<String>) -> Vec<Collected> {
    let max = MAX_FILE_BYTES as u64;
    let mut out = Vec::new();
    for raw in paths {
        if raw == "-" {
            let content = host.read_stdin(max);
            out.push(Collected {
                name: "<stdin>".into(),
                content,
                canonical: None,
            });
            continue;
        }
        match host.stat(raw) {
            Stat::Dir => {
                let mut files = Vec::new();
                walk(host, raw, &mut HashSet::new(), &mut files, notes);
                if files.is_empty() {
                    notes.push(format!(
                        "error: {raw}: the directory holds no *.yaml or *.yml file"
                    ));
                }
                for (f, stat) in files {
                    let content = match stat {
                        // Opening a FIFO blocks until someone writes to it. A
                        // path named on the command line may be a pipe on
                        // purpose (`<(generate-jobs)`); one found in a folder
                        // is read only if it is a regular file.
                        Stat::Other => FileRead::Problem(IoProblem::Other(
                            "not a regular file (a FIFO, socket or device); only regular files are read from a directory".into(),
                        )),
                        _ => host.read_file(&f, max),
                    };
                    let canonical = host.canonicalize(&f);
                    out.push(Collected {
                        name: f,
                        content,
                        canonical,
                    });
                }
            }
            Stat::Problem(e) => {
                notes.push(format!("error: {raw}: {}", e.message()));
                out.push(Collected {
                    name: raw.clone(),
                    content: FileRead::Problem(e),
                    canonical: None,
                });
            }
            Stat::File | Stat::Other => {
                let content = host.read_file(raw, max);
                let canonical = host.canonicalize(raw);
                out.push(Collected {
                    name: raw.clone(),
                    content,
                    canonical,
                });
            }
        }
    }
    out
}

/// Runs the CLI and returns the exit code.
pub fn run(args: &[String], host: &mut dyn Host) -> i32 {
    let args = match parse_args(args) {
        Parsed::Run(a) => a,
        Parsed::Exit(code, text) => {
            if code == 0 {
                host.stdout(&text);
            } else {
                host.stderr(&text);
            }
            return code;
        }
    };
    let opts = PlanOptions {
        strict: args.strict,
        kubernetes_version: args.kubernetes_version.clone(),
    };
    if let Err(msg) = crate::version::KubeVersion::resolve(opts.kubernetes_version.as_deref()) {
        host.stderr(&format!("error: {msg}\n"));
        return 2;
    }
    let mut notes = Vec::new();
    let collected = collect(host, &args.paths, &mut notes);
    let problems: Vec<String> = collected
        .iter()
        .map(|c| match &c.content {
            FileRead::Problem(p) => p.message(),
            _ => String::new(),
        })
        .collect();
    let inputs: Vec<InputFile> = collected
        .iter()
        .zip(&problems)
        .map(|(c, problem)| InputFile {
            name: &c.name,
            content: match &c.content {
                FileRead::Bytes(b) => InputContent::Bytes(b),
                FileRead::Problem(_) => InputContent::Unreadable(problem),
                FileRead::TooLarge(n) => InputContent::TooLarge(*n),
            },
        })
        .collect();
    let plan = match crate::plan_files(&inputs, &opts) {
        Ok(p) => p,
        Err(msg) => {
            host.stderr(&format!("error: {msg}\n"));
            return 2;
        }
    };
    let rendered = args.format.render(&plan);
    host.stdout(&rendered);
    for n in &notes {
        host.stderr(&format!("{n}\n"));
    }
    if plan.total_jobs == 0 {
        host.stderr("error: no Job found in the input\n");
    }
    let mut code = if plan.is_success() { 0 } else { 1 };
    if let Some(out) = &args.output_plan {
        let clobbers_input = host.canonicalize(out).is_some_and(|t| {
            collected
                .iter()
                .any(|c| c.canonical.as_deref() == Some(t.as_str()))
        });
        if clobbers_input {
            host.stderr(&format!(
                "error: --output-plan {out}: refusing to overwrite an input manifest\n"
            ));
            return 1;
        }
        if let Err(e) = host.write_atomic(out, &rendered) {
            host.stderr(&format!(
                "error: --output-plan {out}: cannot write the plan: {e}\n"
            ));
            code = 1;
        }
    }
    code
}

/// The real file system and standard streams.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Default)]
pub struct StdHost {
    /// Paths the walk built from file names that are not UTF-8: the shown
    /// (lossy) path, and the real one to open.
    real_paths: std::collections::HashMap<String, PathBuf>,
}

#[cfg(not(target_arch = "wasm32"))]
impl StdHost {
    fn real(&self, path: &str) -> PathBuf {
        self.real_paths
            .get(path)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(path))
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn io_problem(e: &std::io::Error) -> IoProblem {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => IoProblem::NotFound,
        ErrorKind::PermissionDenied => IoProblem::PermissionDenied,
        ErrorKind::IsADirectory => IoProblem::IsADirectory,
        _ => IoProblem::Other(e.to_string()),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn read_limited(mut r: impl Read, max: u64, hint: u64) -> FileRead {
    let mut buf = Vec::with_capacity(hint.min(max + 1) as usize);
    // One byte past the limit, so a file that grew is still caught.
    match (&mut r).take(max + 1).read_to_end(&mut buf) {
        Ok(_) if buf.len() as u64 > max => FileRead::TooLarge(buf.len() as u64),
        Ok(_) => FileRead::Bytes(buf),
        Err(e) => FileRead::Problem(io_problem(&e)),
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Host for StdHost {
    fn stat(&mut self, path: &str) -> Stat {
        match fs::metadata(self.real(path)) {
            Ok(m) if m.is_dir() => Stat::Dir,
            Ok(m) if m.is_file() => Stat::File,
            Ok(_) => Stat::Other,
            Err(e) => Stat::Problem(io_problem(&e)),
        }
    }

    fn read_dir(&mut self, path: &str) -> Result<Vec<String>, IoProblem> {
        let dir = self.real(path);
        let aliased = self.real_paths.contains_key(path);
        let entries = fs::read_dir(&dir).map_err(|e| io_problem(&e))?;
        let mut names = Vec::new();
        for entry in entries.filter_map(|e| e.ok()) {
            let raw = entry.file_name();
            let name = raw.to_string_lossy().into_owned();
            // Keep the way back to a name that is not UTF-8 (and to everything
            // under such a directory), so the file can still be opened.
            if aliased || raw.to_str().is_none() {
                self.real_paths.insert(join(path, &name), dir.join(&raw));
            }
            names.push(name);
        }
        Ok(names)
    }

    fn read_file(&mut self, path: &str, max: u64) -> FileRead {
        let file = match fs::File::open(self.real(path)) {
            Ok(f) => f,
            Err(e) => return FileRead::Problem(io_problem(&e)),
        };
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        if len > max {
            return FileRead::TooLarge(len);
        }
        read_limited(file, max, len)
    }

    fn read_stdin(&mut self, max: u64) -> FileRead {
        read_limited(std::io::stdin().lock(), max, 0)
    }

    fn canonicalize(&mut self, path: &str) -> Option<String> {
        fs::canonicalize(self.real(path))
            .ok()
            .map(|p| p.to_string_lossy().into_owned())
    }

    fn write_atomic(&mut self, path: &str, text: &str) -> Result<(), String> {
        write_atomically(Path::new(path), text).map_err(|e| io_problem(&e).message())
    }

    fn stdout(&mut self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }

    fn stderr(&mut self, text: &str) {
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

/// Entry point for the binary: real arguments and the real file system.
#[cfg(not(target_arch = "wasm32"))]
pub fn main_exit_code() -> i32 {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    run(&args, &mut StdHost::default())
}

/// Writes `text` to `path` through a temporary file in the same directory and
/// a rename, so readers never see half a plan.
#[cfg(not(target_arch = "wasm32"))]
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
