//! Which policy file applies: `--config FILE`, or `k8s-job-plan.yaml` in the
//! current directory or its nearest parent that has one; `--no-config` none.
//! A policy that cannot be read or parsed stops the run (exit 2): never a
//! silent fall-back to the defaults. Also `--print-config` and `init`.

use super::args::Args;
use super::{FileRead, Host, Stat};
use crate::model::PlanOptions;
use crate::policy::{self, Policy, FILE_NAME};

/// A policy file and the name it is reported under.
pub(super) struct Loaded {
    pub(super) name: String,
    pub(super) policy: Policy,
}

/// The policy in force, if any. The error is the whole message.
pub(super) fn load(host: &mut dyn Host, args: &Args) -> Result<Option<Loaded>, String> {
    if args.no_config {
        return Ok(None);
    }
    // `init --config FILE` names the file to write, not one to read.
    let named = args.config.as_ref().filter(|_| !args.init);
    let name = match named {
        Some(n) => n.clone(),
        None => match discover(host) {
            Some(n) => n,
            None => return Ok(None),
        },
    };
    let bytes = match host.read_file(&name, crate::limits::MAX_FILE_BYTES as u64) {
        FileRead::Bytes(b) => b,
        FileRead::TooLarge(_) => return Err(format!("{name}: the policy file is too large")),
        FileRead::Problem(p) => return Err(format!("{name}: {}", p.message())),
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{name}:1:1: the policy file is not UTF-8 text"))?;
    match policy::parse(&text) {
        Ok(policy) => Ok(Some(Loaded { name, policy })),
        Err(e) => Err(e.describe(&name)),
    }
}

/// The nearest `k8s-job-plan.yaml`: in the current directory (reported by
/// its bare name) or a parent (reported by its absolute path).
fn discover(host: &mut dyn Host) -> Option<String> {
    if host.stat(FILE_NAME) == Stat::File {
        return Some(FILE_NAME.to_string());
    }
    let mut dir = host.canonicalize(".")?;
    while let Some(i) = dir.rfind('/') {
        dir.truncate(i);
        let candidate = format!("{dir}/{FILE_NAME}");
        if host.stat(&candidate) == Stat::File {
            return Some(candidate);
        }
    }
    None
}

/// `--print-config` (to standard output) and `init` (to the file).
pub(super) fn print(
    host: &mut dyn Host,
    args: &Args,
    loaded: Option<&Loaded>,
    opts: &PlanOptions,
) -> i32 {
    let mut p = loaded.map(|l| l.policy.clone()).unwrap_or_default();
    if opts.strict {
        p.strict = Some(true);
    }
    if let Some(v) = &opts.kubernetes_version {
        p.kubernetes_version = Some(v.clone());
    }
    if opts.no_inline_ignores {
        p.allow_inline_ignores = Some(false);
    }
    let source = loaded.map(|l| l.name.as_str());
    let text = policy::commented_yaml(&p, source);
    if !args.init {
        host.stdout(&text);
        return 0;
    }
    let target = args.config.clone().unwrap_or_else(|| FILE_NAME.to_string());
    if host.stat(&target) != Stat::Problem(super::IoProblem::NotFound) {
        host.stderr(&format!(
            "error: {target} already exists; remove it or print the policy with --print-config\n"
        ));
        return 1;
    }
    match host.write_atomic(&target, &text) {
        Ok(()) => {
            host.stdout(&format!("wrote {target}\n"));
            0
        }
        Err(e) => {
            host.stderr(&format!("error: {target}: cannot write: {e}\n"));
            1
        }
    }
}
