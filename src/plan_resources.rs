//! Resources in the plan (docs/resources.md): the ResourceQuota and
//! LimitRange documents of the inputs, each Job's pod resources with its
//! namespace's LimitRanges applied, and the namespace totals against the
//! quotas. The planner (`plan.rs`) calls in at three points: `collect`
//! before the files are checked, `for_job` per Job, `summarize` at the end.

use crate::diagnostic::RawFinding;
use crate::input::position::{Pos, PositionIndex};
use crate::input::source;
use crate::k8s::quantity::{Format, Quantity};
use crate::k8s::quota::{job_need, measure, Quota};
use crate::k8s::resources::{self, from_strings, to_strings, LimitRange, List, PodResources};
use crate::model::{
    ExecutionPlan, FileFindings, Finding, InputContent, InputFile, JobResources,
    NamespaceResources, PlanOptions, QuotaUsage, Severity,
};
use crate::path::FieldPath;
use crate::policy::Resolved;
use serde_yaml::Value;
use std::collections::BTreeMap;

/// A ResourceQuota of the inputs, with where its `spec.hard` keys are.
#[derive(Debug, Clone)]
pub struct QuotaDoc {
    pub quota: Quota,
    pub file: String,
    pub document: usize,
    /// Where the quota is in its document: `items[i]` in a List, else the root.
    pub prefix: FieldPath,
    /// Position of each `spec.hard` key, in `quota.hard` order.
    pub positions: Vec<Pos>,
}

/// The resource policies of the inputs.
#[derive(Debug, Clone, Default)]
pub struct Policies {
    /// Resources are planned (`--resources`, or a policy document exists).
    pub active: bool,
    pub limit_ranges: Vec<LimitRange>,
    pub quotas: Vec<QuotaDoc>,
}

/// The kind of a v1 ResourceQuota or LimitRange document, else `None`.
pub fn policy_kind(doc: &Value) -> Option<&'static str> {
    if doc.get("apiVersion").and_then(Value::as_str) != Some("v1") {
        return None;
    }
    match doc.get("kind").and_then(Value::as_str) {
        Some("ResourceQuota") => Some("ResourceQuota"),
        Some("LimitRange") => Some("LimitRange"),
        _ => None,
    }
}

/// Why a policy document is not in the plan's Jobs (its skipped entry).
pub fn skipped_reason(kind: &str) -> String {
    match kind {
        "ResourceQuota" => {
            "ResourceQuota: its namespace's Jobs are checked against it (see [RESOURCES])"
                .to_string()
        }
        _ => "LimitRange: applied to its namespace's Jobs (see [RESOURCES])".to_string(),
    }
}

/// Reads the policy documents of the inputs and of `opts.quotas`. Only
/// texts that name a policy kind are parsed here.
pub fn collect(inputs: &[&InputFile], opts: &PlanOptions) -> Policies {
    let mut p = Policies::default();
    let quota_files = opts
        .quotas
        .iter()
        .map(|q| InputFile::text(&q.name, &q.content));
    for input in inputs.iter().map(|f| **f).chain(quota_files) {
        if !may_hold_policy(&input.content) {
            continue;
        }
        let Ok(text) = source::decode(&input.content) else {
            continue;
        };
        let mut index: Option<PositionIndex> = None;
        for doc in source::load_documents(&text) {
            let Ok(value) = doc.value else { continue };
            // A List's items are documents of their own (`items[i]`).
            for (prefix, value) in crate::plan_units::units(&value) {
                match policy_kind(value) {
                    Some("LimitRange") => p.limit_ranges.push(LimitRange::from_value(value)),
                    Some(_) => {
                        let quota = Quota::from_value(value);
                        let idx = index.get_or_insert_with(|| PositionIndex::build(&text));
                        let hard = prefix.field("spec").field("hard");
                        let positions = quota
                            .hard
                            .iter()
                            .map(|(k, _)| idx.locate(doc.index, &hard.key(k)))
                            .collect();
                        p.quotas.push(QuotaDoc {
                            quota,
                            file: input.name.to_string(),
                            document: doc.index,
                            prefix: prefix.clone(),
                            positions,
                        });
                    }
                    None => {}
                }
            }
        }
    }
    p.active = opts.resources || !p.limit_ranges.is_empty() || !p.quotas.is_empty();
    p
}

/// Whether a file's text names a policy kind: only such files are parsed
/// by `collect`.
pub fn may_hold_policy(content: &InputContent) -> bool {
    match content {
        InputContent::Text(s) => names_policy(s.as_bytes()),
        InputContent::Bytes(b) => names_policy(b),
        _ => false,
    }
}

fn names_policy(b: &[u8]) -> bool {
    let has = |needle: &[u8]| b.windows(needle.len()).any(|w| w == needle);
    has(b"ResourceQuota") || has(b"LimitRange")
}

/// A Job's resources, with its namespace's LimitRanges applied (their
/// violations go to `out`).
pub fn for_job(
    doc: &Value,
    namespace: &str,
    p: &Policies,
    out: &mut Vec<RawFinding>,
) -> (JobResources, PodResources) {
    for_job_at(doc, &FieldPath::root(), namespace, p, out)
}

/// One run of a CronJob: its `spec.jobTemplate` as a Job of the CronJob's
/// namespace. Not added to the namespace totals: how many runs overlap
/// depends on the schedule and `concurrencyPolicy`.
pub fn for_cron_job(doc: &Value, p: &Policies, out: &mut Vec<RawFinding>) -> JobResources {
    let template = doc
        .get("spec")
        .and_then(|s| s.get("jobTemplate"))
        .unwrap_or(&Value::Null);
    let base = FieldPath::root().field("spec").field("jobTemplate");
    let namespace = resources::namespace_of(doc);
    for_job_at(template, &base, &namespace, p, out).0
}

fn for_job_at(
    doc: &Value,
    base: &FieldPath,
    namespace: &str,
    p: &Policies,
    out: &mut Vec<RawFinding>,
) -> (JobResources, PodResources) {
    let lrs: Vec<&LimitRange> = p
        .limit_ranges
        .iter()
        .filter(|l| l.namespace == namespace)
        .collect();
    let pod = resources::job_resources_at(doc, base, &lrs, out);
    for q in p.quotas.iter().filter(|q| q.quota.namespace == namespace) {
        must_specify(&q.quota, &pod, out);
    }
    let jr = JobResources {
        pod_requests: to_strings(&pod.requests),
        pod_limits: to_strings(&pod.limits),
        peak_pods: pod.peak_pods,
        peak_requests: to_strings(&resources::times(&pod.requests, pod.peak_pods)),
        peak_limits: to_strings(&resources::times(&pod.limits, pod.peak_pods)),
    };
    (jr, pod)
}

/// The quota's `Constraints`: when it limits cpu or memory, every container
/// of a pod it covers must set what it counts (`bare cpu` is the request).
fn must_specify(q: &Quota, pod: &PodResources, out: &mut Vec<RawFinding>) {
    // The quota's `validationSet`, bare cpu and memory read as requests; in
    // this fixed order, so no sorting is needed.
    let limited = |k: &str| q.hard.iter().any(|(h, _)| h == k);
    let required: Vec<&str> = [
        "limits.cpu",
        "limits.memory",
        "requests.cpu",
        "requests.memory",
    ]
    .into_iter()
    .filter(|k| limited(k) || k.strip_prefix("requests.").is_some_and(limited))
    .collect();
    if required.is_empty() || !q.covers_pods(pod) {
        return;
    }
    for (path, set) in &pod.containers {
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|r| !set.iter().any(|s| s == r))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let at = path.field("resources");
        out.push(RawFinding::new(
            resources::QUOTA_REQUIRES,
            at.clone(),
            format!(
                "{at}: must specify {} (ResourceQuota {:?} of namespace {} limits it, and refuses pods whose containers do not set it)",
                missing.join(", "),
                q.name,
                q.namespace
            ),
            "Set the missing requests and limits on the container, or give the namespace a LimitRange whose defaults fill them.",
        ));
    }
}

/// Top contributors listed in a quota finding.
const CONTRIBUTORS: usize = 3;

/// The namespace totals, the quotas' needs and their overruns as findings
/// of the quota's file. `pods[i]` belongs to `plan.jobs[i]` (`None` for a
/// document that is no Job).
pub fn summarize(
    plan: &mut ExecutionPlan,
    pods: &[Option<PodResources>],
    p: &Policies,
    opts: &PlanOptions,
    policy: &Resolved,
) {
    // Each Job's peaks, parsed once.
    let peaks: Vec<Option<(List, List)>> = plan
        .jobs
        .iter()
        .zip(pods)
        .map(|(job, pod)| {
            let r = job.resources.as_ref().filter(|_| pod.is_some())?;
            Some((from_strings(&r.peak_requests), from_strings(&r.peak_limits)))
        })
        .collect();
    // By namespace, in name order (a sorted vector: see `resources::List`).
    let mut totals: Vec<(String, NamespaceResources, List, List)> = Vec::new();
    fn slot(totals: &mut Vec<(String, NamespaceResources, List, List)>, ns: &str) -> usize {
        match totals.binary_search_by(|t| t.0.as_str().cmp(ns)) {
            Ok(i) => i,
            Err(i) => {
                totals.insert(
                    i,
                    (ns.to_string(), Default::default(), List::new(), List::new()),
                );
                i
            }
        }
    }
    for ((job, pod), peak) in plan.jobs.iter().zip(pods).zip(&peaks) {
        let (Some(pod), Some((requests, limits))) = (pod, peak) else {
            continue;
        };
        let i = slot(&mut totals, &job.namespace);
        let entry = &mut totals[i];
        entry.1.jobs += 1;
        entry.1.peak_pods = entry.1.peak_pods.saturating_add(pod.peak_pods);
        resources::add_into(&mut entry.2, requests);
        resources::add_into(&mut entry.3, limits);
    }
    for q in &p.quotas {
        slot(&mut totals, &q.quota.namespace);
    }
    let mut findings: Vec<Finding> = Vec::new();
    // The policy's `rules:` level of quota-exceeded (`None`: off). Its
    // findings belong to the quota, not to a Job, so ignores (which name
    // Jobs) do not cover them; `rules: {KJP702: off}` turns them off.
    let level = policy.severity(resources::QUOTA_EXCEEDED);
    let mut summary = BTreeMap::new();
    for (ns, mut n, requests, limits) in totals {
        n.requests = to_strings(&requests);
        n.limits = to_strings(&limits);
        // Per quota resource, the largest overrun (need - hard) seen.
        let mut usage: Option<(QuotaUsage, Vec<(String, i128)>)> = None;
        for q in p.quotas.iter().filter(|q| q.quota.namespace == ns) {
            for (i, (key, hard)) in q.quota.hard.iter().enumerate() {
                // A negative hard limit is refused by the API server's validation.
                let Some(m) = measure(key).filter(|_| !hard.is_negative()) else {
                    continue;
                };
                let mut need = Quantity::from_nanos(0, Format::DecimalSI);
                let mut by_job: Vec<(Quantity, String)> = Vec::new();
                for ((job, pod), peak) in plan.jobs.iter().zip(pods).zip(&peaks) {
                    let (Some(pod), Some((peak_requests, peak_limits)), true) =
                        (pod, peak, job.namespace == ns)
                    else {
                        continue;
                    };
                    if let Some(n) = job_need(&q.quota, m, pod, peak_requests, peak_limits) {
                        need = need.add(&n);
                        by_job.push((n, job.job_name.clone()));
                    }
                }
                let over = need.nanos() - hard.nanos();
                let (u, worst) = usage.get_or_insert_with(Default::default);
                let seen = worst.iter_mut().find(|(k, _)| k == key);
                if seen.as_ref().is_none_or(|(_, w)| over > *w) {
                    match seen {
                        Some((_, w)) => *w = over,
                        None => worst.push((key.clone(), over)),
                    }
                    u.hard.insert(key.clone(), hard.canonical());
                    u.need.insert(key.clone(), need.canonical());
                }
                if let (true, Some(severity)) = (over > 0, level) {
                    let top: Vec<String> = largest(&by_job, CONTRIBUTORS)
                        .into_iter()
                        .map(|(q, name)| {
                            format!("{} ({q})", if name.is_empty() { "(unnamed)" } else { name })
                        })
                        .collect();
                    let more = by_job.len().saturating_sub(CONTRIBUTORS);
                    let from = match (top.is_empty(), more) {
                        (true, _) => String::new(),
                        (false, 0) => format!(" (most from: {})", top.join(", ")),
                        (false, n) => format!(" (most from: {} and {n} more)", top.join(", ")),
                    };
                    let path = q.prefix.field("spec").field("hard").key(key).to_string();
                    let pos = q
                        .positions
                        .get(i)
                        .copied()
                        .unwrap_or(Pos { line: 1, column: 1 });
                    findings.push(Finding {
                        severity: if opts.strict { Severity::Error } else { severity },
                        code: resources::QUOTA_EXCEEDED.code.to_string(),
                        rule: resources::QUOTA_EXCEEDED.name.to_string(),
                        message: format!(
                            "{path}: namespace {ns} needs {need} of {key} at its Jobs' peak, but ResourceQuota {:?} allows {hard}{from}",
                            q.quota.name,
                        ),
                        help: Some("Usage already in the cluster is unknown offline, so the real headroom is smaller still; pods beyond the quota are refused (403 exceeded quota) and the Job controller keeps retrying. Lower parallelism or requests, or raise the quota.".to_string()),
                        path,
                        file: q.file.clone(),
                        document: q.document,
                        line: pos.line.max(1),
                        column: pos.column.max(1),
                        reason: None,
                        suppressed_by: None,
                    });
                }
            }
        }
        if let Some((mut u, worst)) = usage {
            u.fits = worst.iter().all(|(_, w)| *w <= 0);
            n.quota = Some(u);
        }
        summary.insert(ns, n);
    }
    plan.summary.resources = Some(summary);
    attach(plan, findings);
}

/// The `n` largest contributions, largest first, ties by input order (a
/// selection, not a sort: no sort routine in the wasm for it).
fn largest(all: &[(Quantity, String)], n: usize) -> Vec<&(Quantity, String)> {
    let mut top: Vec<&(Quantity, String)> = Vec::with_capacity(n + 1);
    for c in all {
        let at = top.partition_point(|t| t.0.cmp_value(&c.0).is_ge());
        if at < n {
            top.insert(at, c);
            top.truncate(n);
        }
    }
    top
}

/// Adds findings to their files' entries, keeping `plan.files` in file order.
fn attach(plan: &mut ExecutionPlan, findings: Vec<Finding>) {
    for f in findings {
        let at = plan.files.partition_point(|x| x.file < f.file);
        if plan.files.get(at).is_none_or(|x| x.file != f.file) {
            plan.files.insert(
                at,
                FileFindings {
                    file: f.file.clone(),
                    errors: Vec::new(),
                    warnings: Vec::new(),
                },
            );
        }
        let entry = &mut plan.files[at];
        if f.severity == Severity::Error {
            entry.errors.push(f);
        } else {
            entry.warnings.push(f);
        }
    }
}
