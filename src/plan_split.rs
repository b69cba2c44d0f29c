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
    /// name a policy kind (any order; more files than that is fine). `salt`
    /// identifies `opts` and `policy` for the key (e.g. their JSON text, as
    /// the caller gave them): results are assembled only under the same
    /// salt, options version and sources as they were checked under.
    pub fn new(
        opts: &PlanOptions,
        policy: Option<&Policy>,
        sources: &[InputFile],
        salt: &str,
    ) -> Result<Context, String> {
        let (opts, resolved) = plan::effective_options(opts, policy)?;
        let version = KubeVersion::resolve(opts.kubernetes_version.as_deref())?;
        crate::registry::check_enable_rules(&opts.enable_rules)?;
        let mut order: Vec<&InputFile> = sources.iter().collect();
        plan::sort_inputs(&mut order);
        let policies = plan_resources::collect(&order, &opts);
        let key = context_key(salt, version, &order);
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
/// (`plan_resources::summarize`); the rest of `PodResources` is check-time
/// only. A JSON array (a tuple: less wasm than a struct's reader): the
/// Job's index in the file's `jobs`, `peak_pods`, `total_pods`,
/// `best_effort`, `terminating`, `priority_class`, `cross_namespace_affinity`.
#[derive(Serialize, Deserialize)]
struct PodFacts(usize, u64, u64, bool, bool, Option<String>, bool);

impl PodFacts {
    fn new(job: usize, p: PodResources) -> PodFacts {
        PodFacts(
            job,
            p.peak_pods,
            p.total_pods,
            p.best_effort,
            p.terminating,
            p.priority_class,
            p.cross_namespace_affinity,
        )
    }

    fn into_pod(self) -> (usize, PodResources) {
        let PodFacts(job, peak_pods, total_pods, best_effort, terminating, priority_class, cross) =
            self;
        let pod = PodResources {
            requests: List::new(),
            limits: List::new(),
            peak_pods,
            total_pods,
            best_effort,
            terminating,
            priority_class,
            cross_namespace_affinity: cross,
            containers: Vec::new(),
        };
        (job, pod)
    }
}

/// One line of a check result: a file's `FileReport` as a JSON array (a
/// tuple, as `PodFacts`): the context's key, the file's name, `documents`,
/// `jobs`, `cron_jobs`, `file_findings`, `skipped`, `pods`.
#[derive(Serialize, Deserialize)]
struct Checked(
    String,
    String,
    usize,
    Vec<JobValidation>,
    Vec<JobValidation>,
    Vec<Finding>,
    Vec<SkippedDocument>,
    Vec<PodFacts>,
);

impl Checked {
    fn file(&self) -> &str {
        &self.1
    }

    fn into_report(self) -> FileReport {
        let Checked(_, _, documents, jobs, cron_jobs, file_findings, skipped, pods) = self;
        FileReport {
            jobs,
            cron_jobs,
            file_findings,
            skipped,
            documents,
            pods: pods.into_iter().map(PodFacts::into_pod).collect(),
        }
    }
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
        let line = Checked(
            cx.key.clone(),
            f.name.to_string(),
            r.documents,
            r.jobs,
            r.cron_jobs,
            r.file_findings,
            r.skipped,
            r.pods
                .into_iter()
                .map(|(i, p)| PodFacts::new(i, p))
                .collect(),
        );
        // Serializing plain data to memory cannot fail.
        if let Ok(text) = serde_json::to_string(&line) {
            out.extend_from_slice(text.as_bytes());
            out.push(b'\n');
        }
    }
    out
}

/// Assembles the plan from check results: `parts` hold one line per input
/// file, together every file once, each part in the plan's order of files
/// (by name; `check` keeps the order it is given). Parts are merged by name;
/// lines of equal names are taken part by part, in the order of `parts` (so
/// check files of equal names in content order, e.g. check contiguous
/// slices of the list sorted by name, then content).
pub fn assemble(parts: &[&[u8]], cx: &Context) -> Result<ExecutionPlan, String> {
    #[cfg(target_arch = "wasm32")]
    reserve(parts.iter().map(|p| p.len()).sum());
    // Each part's lines, last first, so that its next line is popped.
    let mut runs: Vec<Vec<Checked>> = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        let mut run: Vec<Checked> = Vec::new();
        for (l, line) in part
            .split(|b| *b == b'\n')
            .enumerate()
            .filter(|(_, l)| !l.is_empty())
        {
            let bad = |why: String| format!("part {p}, line {}: {why}", l + 1);
            // Through `str`: the same JSON reader as the rest of the crate
            // (a second one, for byte slices, would cost wasm size).
            let line = std::str::from_utf8(line).map_err(|e| bad(format!("not UTF-8: {e}")))?;
            let c: Checked =
                serde_json::from_str(line).map_err(|e| bad(format!("not a check result: {e}")))?;
            if c.0 != cx.key {
                return Err(bad(format!(
                    "{} was checked under other options, policy or policy sources",
                    c.file()
                )));
            }
            if let Some(last) = run.last().filter(|last| last.file() > c.file()) {
                return Err(bad(format!(
                    "{} comes after {}: a part must be in the order of file names",
                    c.file(),
                    last.file()
                )));
            }
            run.push(c);
        }
        run.reverse();
        runs.push(run);
    }
    // A merge of the sorted parts (no sort routine in the wasm for it); on
    // equal names the earlier part first.
    let mut reports = Vec::new();
    loop {
        let mut least: Option<(usize, &str)> = None;
        for (i, run) in runs.iter().enumerate() {
            if let Some(head) = run.last() {
                if least.is_none_or(|(_, name)| head.file() < name) {
                    least = Some((i, head.file()));
                }
            }
        }
        let Some((i, _)) = least else { break };
        if let Some(c) = runs[i].pop() {
            reports.push(c.into_report());
        }
    }
    let files = reports.len();
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
fn context_key(salt: &str, version: KubeVersion, sources: &[&InputFile]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes.iter().chain(&[0xff]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(salt.as_bytes());
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
