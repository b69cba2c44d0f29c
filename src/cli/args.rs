//! The command line's flags and usage text.

use crate::render::Format;

pub const USAGE: &str = "\
k8s-job-plan: validate Kubernetes batch/v1 Job manifests and print their execution plan.
Offline and read-only: it never contacts a cluster.

Usage:
  k8s-job-plan --jobs-dir DIR [--strict] [--output-plan FILE] [options]
  k8s-job-plan [options] PATH...        (files, directories, or - for standard input)
  k8s-job-plan init [--config FILE]     Write k8s-job-plan.yaml, every key commented.

Options:
  --jobs-dir DIR              Plan every *.yaml and *.yml file under DIR (sorted by path).
  --strict                    Treat warnings as errors.
  --output-plan FILE          Also write the plan to FILE (atomically).
  --format FORMAT             Output format: text (default), json, sarif, junit, or github
                              (GitHub Actions annotations; with GITHUB_STEP_SUMMARY set,
                              the summary table is also appended to that file).
  --report FORMAT=FILE        Also write the plan in FORMAT to FILE (atomically; repeatable),
                              e.g. --report sarif=results.sarif --report junit=junit.xml.
  --kubernetes-version V      Apply the rules of Kubernetes V (1.32 to 1.37; default 1.37).
  --enable-rule NAME          Also run the opt-in rule NAME (name or code; repeatable),
                              e.g. missing-ttl-seconds-after-finished.
  --resources                 Add the pods' resource totals per Job and namespace ([RESOURCES];
                              automatic when the inputs hold a ResourceQuota or LimitRange).
  --quota FILE                Read ResourceQuota and LimitRange documents from FILE (repeatable).
  --config FILE               Use the policy file FILE (default: k8s-job-plan.yaml in
                              the current directory or the nearest parent that has one).
  --no-config                 Use no policy file.
  --no-inline-ignores         k8s-job-plan.io/ignore annotations count for nothing.
  --print-config              Print the policy in force, every key commented, and exit.
  -h, --help                  Print this help.
  -V, --version               Print the version.

Exit codes:
  0  every Job is valid
  1  a Job is invalid, an input could not be read, or no Job was found
  2  usage error, a policy file that cannot be used, or a --report file or
     the step summary could not be written
";

pub(super) struct Args {
    pub(super) paths: Vec<String>,
    pub(super) strict: bool,
    pub(super) output_plan: Option<String>,
    pub(super) format: Format,
    /// `--report FORMAT=FILE`, in the order given.
    pub(super) reports: Vec<(Format, String)>,
    pub(super) kubernetes_version: Option<String>,
    pub(super) enable_rules: Vec<String>,
    pub(super) resources: bool,
    pub(super) quotas: Vec<String>,
    pub(super) config: Option<String>,
    pub(super) no_config: bool,
    pub(super) no_inline_ignores: bool,
    pub(super) print_config: bool,
    pub(super) init: bool,
}

pub(super) enum Parsed {
    Run(Box<Args>),
    Exit(i32, String),
}

pub(super) fn parse_args(args: &[String]) -> Parsed {
    let mut out = Args {
        paths: Vec::new(),
        strict: false,
        output_plan: None,
        format: Format::Text,
        reports: Vec::new(),
        kubernetes_version: None,
        enable_rules: Vec::new(),
        resources: false,
        quotas: Vec::new(),
        config: None,
        no_config: false,
        no_inline_ignores: false,
        print_config: false,
        init: false,
    };
    let mut i = 0;
    if args.first().map(String::as_str) == Some("init") {
        out.init = true;
        i = 1;
    }
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
            "--report" => match value("--report").map(|v| parse_report(&v)) {
                Ok(Ok(r)) => out.reports.push(r),
                Ok(Err(msg)) => return usage_error(msg),
                Err(e) => return e,
            },
            "--kubernetes-version" => match value("--kubernetes-version") {
                Ok(v) => out.kubernetes_version = Some(v),
                Err(e) => return e,
            },
            "--enable-rule" => match value("--enable-rule") {
                Ok(v) => out.enable_rules.push(v),
                Err(e) => return e,
            },
            "--resources" => out.resources = true,
            "--quota" => match value("--quota") {
                Ok(v) => out.quotas.push(v),
                Err(e) => return e,
            },
            "--config" => match value("--config") {
                Ok(v) => out.config = Some(v),
                Err(e) => return e,
            },
            "--no-config" => out.no_config = true,
            "--no-inline-ignores" => out.no_inline_ignores = true,
            "--print-config" => out.print_config = true,
            "-" => out.paths.push("-".to_string()),
            f if f.starts_with('-') => return usage_error(format!("unknown option {f:?}")),
            _ => out.paths.push(arg.to_string()),
        }
        i += 1;
    }
    if out.config.is_some() && out.no_config {
        return usage_error("--config and --no-config exclude each other".to_string());
    }
    if out.paths.is_empty() && !out.print_config && !out.init {
        return usage_error("no input: pass --jobs-dir DIR, or files and directories".to_string());
    }
    let mut targets: Vec<&str> = out.output_plan.iter().map(String::as_str).collect();
    for (_, file) in &out.reports {
        if targets.contains(&file.as_str()) {
            return usage_error(format!("{file} is named by more than one output"));
        }
        targets.push(file);
    }
    Parsed::Run(Box::new(out))
}

/// `FORMAT=FILE` of `--report`.
fn parse_report(v: &str) -> Result<(Format, String), String> {
    let Some((format, file)) = v.split_once('=') else {
        return Err(format!(
            "--report {v:?}: expected FORMAT=FILE, e.g. --report sarif=results.sarif"
        ));
    };
    let format = format
        .parse::<Format>()
        .map_err(|e| format!("--report {v:?}: {e}"))?;
    if file.is_empty() {
        return Err(format!(
            "--report {v:?}: no file after '=', e.g. --report sarif=results.sarif"
        ));
    }
    Ok((format, file.to_string()))
}
