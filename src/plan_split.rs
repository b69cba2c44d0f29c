//! The planner in two steps, for callers that check files in parallel (the
//! page's workers, a Node worker pool): `check` some files, then `assemble`
//! the results of every file into the plan one `plan_inputs_with` call
//! gives, byte for byte.
//!
//! Each file is checked on its own; the only facts that cross files are the
//! ResourceQuota and LimitRange documents (`plan_resources::collect`). So
//! every checker is given the *policy sources*: every input file whose bytes
//! name a policy kind (`names_policy_kind`; a superset does no harm). The
//! namespace totals and quota findings are the assembling step's.
//!
//! A check result is one line of JSON per file (newline-delimited; compact
//! JSON has no raw newline), so that it crosses a worker boundary as bytes
//! and can be cached and concatenated per file. Each line carries a key of
//! the options, policy and sources it was checked under; `assemble` refuses
//! lines checked under another context rather than mixing them.

use crate::k8s::resources::{List, PodResources};
use crate::model::{
    ExecutionPlan, Finding, InputContent, InputFile, JobValidation, PlanOptions, SkippedDocument,
};
use crate::plan::{self, FileReport};
use crate::plan_resources::{self, Policies};
use crate::policy::{Policy, Resolved};
use crate::version::KubeVersion;
use serde::{Deserialize, Serialize};

/// What a check and an assembly are made under: the effective options, the
/// resolved policy and the resource policies of the policy sources.
pub struct Context {
    opts: PlanOptions,
    resolved: Resolved,
    version: KubeVersion,
    policies: Policies,
    key: String,
}

impl Context {
    /// As `plan_inputs_with` prepares a plan. `sources`: the input files that
    /// name a policy kind (any order; more files than that is fine).
    pub fn new(
        opts: &PlanOptions,
        policy: Option<&Policy>,
        sources: &[InputFile],
    ) -> Result<Context, String> {
        let (opts, resolved) = plan::effective_options(opts, policy)?;
        let version = KubeVersion::resolve(opts.kubernetes_version.as_deref())?;
        crate::registry::check_enable_rules(&opts.enable_rules)?;
        let mut order: Vec<&InputFile> = sources.iter().collect();
        plan::sort_inputs(&mut order);
        let policies = plan_resources::collect(&order, &opts);
        let key = context_key(&opts, policy, version, &order);
        Ok(Context {
            opts,
            resolved,
            version,
            policies,
            key,
        })
    }

    /// Identifies the options, policy and sources (a hash, not a secret).
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// Whether a file may hold a ResourceQuota or LimitRange document, and so
/// must be among the policy sources of every check.
pub fn names_policy_kind(content: &InputContent) -> bool {
    plan_resources::may_hold_policy(content)
}

/// The facts of a Job's pods that the namespace totals and quotas read
/// (`plan_resources::summarize`); the rest of `PodResources` is check-time only.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PodFacts {
    job: usize,
    peak_pods: u64,
    total_pods: u64,
    best_effort: bool,
    terminating: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    priority_class: Option<String>,
    cross_namespace_affinity: bool,
}

impl PodFacts {
    fn new(job: usize, p: PodResources) -> PodFacts {
        PodFacts {
            job,
            peak_pods: p.peak_pods,
            total_pods: p.total_pods,
            best_effort: p.best_effort,
            terminating: p.terminating,
            priority_class: p.priority_class,
            cross_namespace_affinity: p.cross_namespace_affinity,
        }
    }

    fn into_pod(self) -> (usize, PodResources) {
        let pod = PodResources {
            requests: List::new(),
            limits: List::new(),
            peak_pods: self.peak_pods,
            total_pods: self.total_pods,
            best_effort: self.best_effort,
            terminating: self.terminating,
            priority_class: self.priority_class,
            cross_namespace_affinity: self.cross_namespace_affinity,
            containers: Vec::new(),
        };
        (self.job, pod)
    }
}

/// One line of a check result: a file's `FileReport`, with its name and the
/// key of the context it was checked under.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Checked {
    key: String,
    file: String,
    documents: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    jobs: Vec<JobValidation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cron_jobs: Vec<JobValidation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    file_findings: Vec<Finding>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    skipped: Vec<SkippedDocument>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pods: Vec<PodFacts>,
}

/// Checks `files` under `cx`: one line per file, in the order given, each
/// ending in `\n`.
pub fn check(files: &[InputFile], cx: &Context) -> Vec<u8> {
    #[cfg(target_arch = "wasm32")]
    plan::reserve_wasm_memory(files);
    let reports = crate::parallel::map(files, |f| {
        plan::check_file(f, &cx.opts, cx.version, &cx.resolved, &cx.policies)
    });
    let mut out = Vec::new();
    for (f, r) in files.iter().zip(reports) {
        let line = Checked {
            key: cx.key.clone(),
            file: f.name.to_string(),
            documents: r.documents,
            jobs: r.jobs,
            cron_jobs: r.cron_jobs,
            file_findings: r.file_findings,
            skipped: r.skipped,
            pods: r
                .pods
                .into_iter()
                .map(|(i, p)| PodFacts::new(i, p))
                .collect(),
        };
        // Serializing plain data to memory cannot fail.
        if serde_json::to_writer(&mut out, &line).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

/// Assembles the plan from check results: `parts` hold one line per input
/// file, together every file once. Files are ordered by name as
/// `plan_inputs_with` orders them; the lines of files with equal names keep
/// their order in `parts` (give them in content order, e.g. check the
/// name-then-content sorted list in contiguous slices, in order).
pub fn assemble(parts: &[&[u8]], cx: &Context) -> Result<ExecutionPlan, String> {
    #[cfg(target_arch = "wasm32")]
    reserve(parts.iter().map(|p| p.len()).sum());
    let mut lines: Vec<Checked> = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        for (l, line) in part
            .split(|b| *b == b'\n')
            .enumerate()
            .filter(|(_, l)| !l.is_empty())
        {
            let bad = |why: String| format!("part {p}, line {}: {why}", l + 1);
            let c: Checked = serde_json::from_slice(line)
                .map_err(|e| bad(format!("not a check result: {e}")))?;
            if c.key != cx.key {
                return Err(bad(format!(
                    "{} was checked under other options, policy or policy sources",
                    c.file
                )));
            }
            lines.push(c);
        }
    }
    // Stable: equal names keep their order.
    lines.sort_by(|a, b| a.file.cmp(&b.file));
    let files = lines.len();
    let reports = lines
        .into_iter()
        .map(|c| FileReport {
            jobs: c.jobs,
            cron_jobs: c.cron_jobs,
            file_findings: c.file_findings,
            skipped: c.skipped,
            documents: c.documents,
            pods: c.pods.into_iter().map(PodFacts::into_pod).collect(),
        })
        .collect();
    Ok(plan::assemble(
        reports,
        files,
        &cx.opts,
        cx.version,
        &cx.policies,
        &cx.resolved,
    ))
}

/// Grows wasm memory once for an assembly (see `plan::reserve_wasm_memory`):
/// the plan takes about twice its check results.
#[cfg(target_arch = "wasm32")]
fn reserve(bytes: usize) {
    let mut reserve: Vec<u8> = Vec::new();
    if reserve
        .try_reserve_exact(bytes.saturating_mul(3).min(1 << 30))
        .is_ok()
    {
        std::hint::black_box(&mut reserve);
    }
}

/// FNV-1a over everything a check depends on besides the file itself.
fn context_key(
    opts: &PlanOptions,
    policy: Option<&Policy>,
    version: KubeVersion,
    sources: &[&InputFile],
) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes.iter().chain(&[0xff]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(serde_json::to_string(opts).unwrap_or_default().as_bytes());
    eat(serde_json::to_string(&policy)
        .unwrap_or_default()
        .as_bytes());
    eat(version.to_string().as_bytes());
    for s in sources {
        eat(s.name.as_bytes());
        match s.content {
            InputContent::Text(t) | InputContent::Unreadable(t) => eat(t.as_bytes()),
            InputContent::Bytes(b) => eat(b),
            InputContent::TooLarge(n) => eat(&n.to_le_bytes()),
        }
        // Which kind of content, so that equal bytes of two kinds differ.
        eat(&[match s.content {
            InputContent::Text(_) | InputContent::Bytes(_) => 0,
            InputContent::Unreadable(_) => 1,
            InputContent::TooLarge(_) => 2,
        }]);
    }
    format!("{h:016x}")
}
