//! The command line's flags and usage text.

use crate::render::Format;

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
  --enable-rule NAME          Also run the opt-in rule NAME (name or code; repeatable),
                              e.g. missing-ttl-seconds-after-finished.
  --resources                 Add the pods' resource totals per Job and namespace ([RESOURCES];
                              automatic when the inputs hold a ResourceQuota or LimitRange).
  --quota FILE                Read ResourceQuota and LimitRange documents from FILE (repeatable).
  -h, --help                  Print this help.
  -V, --version               Print the version.

Exit codes:
  0  every Job is valid
  1  a Job is invalid, an input could not be read, or no Job was found
  2  usage error
";

pub(super) struct Args {
    pub(super) paths: Vec<String>,
    pub(super) strict: bool,
    pub(super) output_plan: Option<String>,
    pub(super) format: Format,
    pub(super) kubernetes_version: Option<String>,
    pub(super) enable_rules: Vec<String>,
    pub(super) resources: bool,
    pub(super) quotas: Vec<String>,
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
        kubernetes_version: None,
        enable_rules: Vec::new(),
        resources: false,
        quotas: Vec::new(),
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
            "--enable-rule" => match value("--enable-rule") {
                Ok(v) => out.enable_rules.push(v),
                Err(e) => return e,
            },
            "--resources" => out.resources = true,
            "--quota" => match value("--quota") {
                Ok(v) => out.quotas.push(v),
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
    Parsed::Run(Box::new(out))
}
