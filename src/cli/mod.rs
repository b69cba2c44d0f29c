//! The native command line. It only turns arguments and files into core inputs
//! and the plan into output; `main` calls `main_exit_code`.
//!
//! - `args`: the flags and the usage text.
//! - `config`: which policy file applies (`--config`, or the nearest
//!   `k8s-job-plan.yaml`), `--print-config` and `init`.
//! - `walk`: which files the paths name (directories walked, YAML only).
//! - `std_host`: the real file system and standard streams (native only; the
//!   npm package's `npx` CLI passes a Node host through `wasm.rs` instead).

mod args;
mod config;
#[cfg(not(target_arch = "wasm32"))]
mod std_host;
mod walk;

pub use args::USAGE;
#[cfg(not(target_arch = "wasm32"))]
pub use std_host::{main_exit_code, StdHost};

use crate::model::{InputContent, InputFile, PlanOptions};
use crate::render::Format;
use args::{parse_args, Parsed};
use walk::collect;

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
    /// Entry names of a directory, in any order, each with what `stat` would
    /// say of it where the listing already tells (`None`: ask `stat`).
    fn read_dir_typed(&mut self, path: &str) -> Result<Vec<(String, Option<Stat>)>, IoProblem> {
        Ok(self
            .read_dir(path)?
            .into_iter()
            .map(|n| (n, None))
            .collect())
    }
    /// Reads at most `max + 1` bytes, so that a larger file is recognised.
    fn read_file(&mut self, path: &str, max: u64) -> FileRead;
    fn read_stdin(&mut self, max: u64) -> FileRead;
    /// Canonical absolute path (symlinks resolved), if the path exists.
    fn canonicalize(&mut self, path: &str) -> Option<String>;
    /// Writes through a temporary file and a rename.
    fn write_atomic(&mut self, path: &str, text: &str) -> Result<(), String>;
    /// Appends to a file, creating it when it is missing (the step summary).
    fn append_file(&mut self, path: &str, text: &str) -> Result<(), String>;
    /// An environment variable, if it is set.
    fn env(&mut self, name: &str) -> Option<String>;
    fn stdout(&mut self, text: &str);
    fn stderr(&mut self, text: &str);
    /// Whether the process ends as soon as `run` returns, so that the plan
    /// and the files read need not be freed (the native binary).
    fn exits_after_run(&self) -> bool {
        false
    }
}

/// Runs the CLI and returns the exit code.
pub fn run(args: &[String], host: &mut dyn Host) -> i32 {
    let args = match parse_args(args) {
        Parsed::Run(a) => *a,
        Parsed::Exit(code, text) => {
            if code == 0 {
                host.stdout(&text);
            } else {
                host.stderr(&text);
            }
            return code;
        }
    };
    let mut opts = PlanOptions {
        strict: args.strict,
        kubernetes_version: args.kubernetes_version.clone(),
        enable_rules: args.enable_rules.clone(),
        no_inline_ignores: args.no_inline_ignores,
        resources: args.resources,
        quotas: Vec::new(),
    };
    for path in &args.quotas {
        let problem = match host.read_file(path, crate::limits::MAX_FILE_BYTES as u64) {
            FileRead::Bytes(b) => match String::from_utf8(b) {
                Ok(content) => {
                    opts.quotas.push(crate::model::QuotaFile {
                        name: path.clone(),
                        content,
                    });
                    continue;
                }
                Err(_) => "it is not UTF-8 text".to_string(),
            },
            FileRead::TooLarge(n) => format!(
                "it has {n} bytes, more than {}",
                crate::limits::MAX_FILE_BYTES
            ),
            FileRead::Problem(p) => p.message(),
        };
        host.stderr(&format!("error: --quota {path}: {problem}\n"));
        return 2;
    }
    if let Err(msg) = crate::version::KubeVersion::resolve(opts.kubernetes_version.as_deref())
        .and_then(|_| crate::registry::check_enable_rules(&opts.enable_rules))
    {
        host.stderr(&format!("error: {msg}\n"));
        return 2;
    }
    let policy = match config::load(host, &args) {
        Ok(p) => p,
        Err(msg) => {
            host.stderr(&format!("error: {msg}\n"));
            return 2;
        }
    };
    if args.print_config || args.init {
        return config::print(host, &args, policy.as_ref(), &opts);
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
    let plan =
        match crate::plan_files_with_policy(&inputs, &opts, policy.as_ref().map(|p| &p.policy)) {
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
    if plan.total_jobs == 0 && plan.cron_jobs.is_empty() {
        host.stderr("error: no Job or CronJob found in the input\n");
    }
    let mut code = if plan.is_success() { 0 } else { 1 };
    // The inputs' canonical paths, computed once and only if there are outputs.
    let mut canonical: Option<Vec<Option<String>>> = None;
    let mut is_input = |host: &mut dyn Host, out: &str| {
        let inputs = canonical.get_or_insert_with(|| {
            collected
                .iter()
                .map(|c| c.on_disk.then(|| host.canonicalize(&c.name)).flatten())
                .collect()
        });
        host.canonicalize(out)
            .is_some_and(|t| inputs.iter().any(|c| c.as_deref() == Some(t.as_str())))
    };
    if let Some(out) = &args.output_plan {
        if is_input(host, out) {
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
    for (format, out) in &args.reports {
        let what = format!("--report {}={out}", format.name());
        if is_input(host, out) {
            host.stderr(&format!(
                "error: {what}: refusing to overwrite an input manifest\n"
            ));
            code = 2;
            continue;
        }
        let text = if *format == args.format {
            rendered.clone()
        } else {
            format.render(&plan)
        };
        if let Err(e) = host.write_atomic(out, &text) {
            host.stderr(&format!("error: {what}: cannot write the report: {e}\n"));
            code = 2;
        }
    }
    let github = std::iter::once(args.format)
        .chain(args.reports.iter().map(|(f, _)| *f))
        .any(|f| f == Format::Github);
    if github {
        if let Some(path) = host.env("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
            let summary = crate::render::github::step_summary(&plan);
            if let Err(e) = host.append_file(&path, &summary) {
                host.stderr(&format!(
                    "error: GITHUB_STEP_SUMMARY {path}: cannot append the summary: {e}\n"
                ));
                code = 2;
            }
        }
    }
    if host.exits_after_run() {
        // Freeing every Job's data and every file's bytes one allocation at
        // a time would cost CPU just before the process ends and the system
        // takes the memory back at once.
        std::mem::forget(inputs);
        std::mem::forget(plan);
        std::mem::forget(rendered);
        std::mem::forget(collected);
        std::mem::forget(problems);
    }
    code
}
