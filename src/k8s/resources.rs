//! What a Job's pods take, as Kubernetes computes it (docs/resources.md):
//!
//! - the API server's pod defaulting (`SetDefaults_Pod`: a container's
//!   request defaults to its limit), then the LimitRanger admission plugin
//!   (`default` / `defaultRequest` of the namespace's LimitRanges, and its
//!   `min` / `max` / `maxLimitRequestRatio` checks);
//! - `PodRequests` / `PodLimits` of k8s.io/component-helpers: the sum of the
//!   app containers and the restartable (sidecar) init containers, at least
//!   the largest init container plus the sidecars started before it, pod-level
//!   resources, plus the pod overhead;
//! - the peak: `parallelism` as `SetDefaults_Job` defaults it, capped by
//!   `completions`.
//!
//! Quantities stay exact (`Quantity`, nano-units). The quota side is in
//! `k8s::quota`.

use crate::diagnostic::RawFinding;
use crate::k8s::quantity::Quantity;
pub use crate::k8s::resource_list::{
    add_into, from_strings, max_into, parse_list, times, to_strings, List,
};
use crate::path::FieldPath;
use serde_yaml::Value;

crate::rules! {
    LIMIT_RANGE = {
        code: "KJP701", name: "limit-range-violation", severity: Warning,
        summary: "A container or pod of the Job breaks a min, max or maxLimitRequestRatio of a LimitRange of its namespace, so the LimitRanger admission plugin refuses every pod.",
        why: "The Job object is accepted, but each pod the Job controller creates is refused with 403 Forbidden (`Maximum cpu usage per Container is 2, but limit is 4.`). The Job shows no pods and only events explain why. The check runs on the requests and limits after the API server's defaulting and the LimitRange's own defaults, as the plugin sees them. Only LimitRanges among the inputs (or given with --quota) are known offline.",
        example: "apiVersion: v1\nkind: LimitRange\nmetadata: {name: limits, namespace: batch}\nspec:\n  limits:\n  - type: Container\n    max: {cpu: \"2\"}\n---\n# a Job in namespace batch whose container sets\nresources: {limits: {cpu: \"4\"}}",
        fix: "resources: {limits: {cpu: \"2\"}}",
        reference: "kubernetes plugin/pkg/admission/limitranger/admission.go (PodValidateLimitFunc: minConstraint, maxConstraint, limitRequestRatioConstraint); docs/resources.md.",
    },
    QUOTA_REQUIRES = {
        code: "KJP703", name: "quota-requires-resources", severity: Warning,
        summary: "A ResourceQuota of the Job's namespace limits cpu or memory, and a container of the Job does not set the request or limit it counts, so the quota refuses every pod.",
        why: "When a quota limits requests.cpu, requests.memory, limits.cpu or limits.memory (or bare cpu, memory), the ResourceQuota admission plugin requires every container of a pod it covers to set that value (`must specify limits.cpu for: main`), a rule Kubernetes keeps for backward compatibility. The check runs after the LimitRanges' defaults of the inputs, which fill such gaps.",
        example: "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: compute, namespace: batch}\nspec:\n  hard: {limits.cpu: \"8\"}\n---\n# a Job in namespace batch whose container sets\nresources: {requests: {cpu: 500m}}",
        fix: "resources: {requests: {cpu: 500m}, limits: {cpu: \"1\"}}",
        reference: "kubernetes pkg/quota/v1/evaluator/core/pods.go (Constraints, enforcePodContainerConstraints, validationSet); docs/resources.md.",
    },
    QUOTA_EXCEEDED = {
        code: "KJP702", name: "quota-exceeded", severity: Warning,
        summary: "At their peak, the namespace's Jobs need more of a resource than a ResourceQuota of the namespace allows.",
        why: "The ResourceQuota admission plugin refuses every pod (or Job) that would take the namespace's usage over `spec.hard`, with 403 `exceeded quota`. The Job controller keeps retrying, so the batch runs slower than planned or not at all. The need counts only the Jobs in the inputs, at their peak (parallelism capped by completions); usage already in the cluster is unknown offline, so the real headroom is smaller still.",
        example: "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: compute, namespace: batch}\nspec:\n  hard: {requests.cpu: \"4\"}\n---\n# a Job in namespace batch with parallelism 8 and 1 CPU per pod",
        fix: "spec:\n  parallelism: 4",
        reference: "kubernetes plugin/pkg/admission/resourcequota and pkg/quota/v1/evaluator/core/pods.go (podComputeUsageHelper, podMatchesScopeFunc); docs/resources.md.",
    },
}

/// One item of a LimitRange's `spec.limits`, defaulted as the API server
/// does (`SetDefaults_LimitRangeItem`): for type Container a missing
/// `default` is the `max`, a missing `defaultRequest` the `default`, else the `min`.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitItem {
    pub kind: String,
    pub default: List,
    pub default_request: List,
    pub min: List,
    pub max: List,
    pub ratio: List,
}

/// A v1 LimitRange.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitRange {
    pub name: String,
    pub namespace: String,
    pub items: Vec<LimitItem>,
}

/// The namespace of a document: `metadata.namespace`, `default` without one.
pub fn namespace_of(doc: &Value) -> String {
    match doc
        .get("metadata")
        .and_then(|m| m.get("namespace"))
        .and_then(Value::as_str)
    {
        Some(ns) if !ns.trim().is_empty() => ns.to_string(),
        _ => "default".to_string(),
    }
}

pub fn name_of(doc: &Value) -> String {
    doc.get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

impl LimitRange {
    pub fn from_value(doc: &Value) -> LimitRange {
        let mut items = Vec::new();
        if let Some(Value::Sequence(limits)) = doc.get("spec").and_then(|s| s.get("limits")) {
            for l in limits {
                let kind = l
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let mut item = LimitItem {
                    default: parse_list(l.get("default")),
                    default_request: parse_list(l.get("defaultRequest")),
                    min: parse_list(l.get("min")),
                    max: parse_list(l.get("max")),
                    ratio: parse_list(l.get("maxLimitRequestRatio")),
                    kind,
                };
                if item.kind == "Container" {
                    for (k, v) in item.max.iter() {
                        item.default.insert_if_absent(k, v);
                    }
                    for (k, v) in item.default.iter() {
                        item.default_request.insert_if_absent(k, v);
                    }
                    for (k, v) in item.min.iter() {
                        item.default_request.insert_if_absent(k, v);
                    }
                }
                items.push(item);
            }
        }
        LimitRange {
            name: name_of(doc),
            namespace: namespace_of(doc),
            items,
        }
    }
}

/// A container's resources after defaulting.
#[derive(Debug, Clone)]
struct Container {
    path: FieldPath,
    restartable: bool,
    requests: List,
    limits: List,
}

/// What the pods of one Job take.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PodResources {
    pub requests: List,
    pub limits: List,
    pub peak_pods: u64,
    /// Pods the Job creates over its life when all succeed (for `count/pods`).
    pub total_pods: u64,
    /// Facts the quota scopes test.
    pub best_effort: bool,
    pub terminating: bool,
    pub priority_class: Option<String>,
    pub cross_namespace_affinity: bool,
    /// Each container (app, then init) after the defaults: its field path and
    /// the cpu and memory entries it sets (`requests.cpu`, `limits.memory`, ...),
    /// for the quota's "must specify" check.
    pub containers: Vec<(FieldPath, Vec<String>)>,
}

/// Computes a Job's pod resources with the LimitRanges of its namespace
/// applied, reporting their violations into `out`.
pub fn job_resources(
    doc: &Value,
    limit_ranges: &[&LimitRange],
    out: &mut Vec<RawFinding>,
) -> PodResources {
    job_resources_at(doc, &FieldPath::root(), limit_ranges, out)
}

/// `job_resources` of a Job object found at `base` (a CronJob's
/// `spec.jobTemplate`): paths and messages name it there.
pub fn job_resources_at(
    doc: &Value,
    base: &FieldPath,
    limit_ranges: &[&LimitRange],
    out: &mut Vec<RawFinding>,
) -> PodResources {
    let spec_path = base.field("spec").field("template").field("spec");
    let job_spec = doc.get("spec");
    let pod = job_spec
        .and_then(|s| s.get("template"))
        .and_then(|t| t.get("spec"));
    let mut containers = Vec::new();
    let mut inits = Vec::new();
    for (field, list) in [
        ("containers", &mut containers),
        ("initContainers", &mut inits),
    ] {
        if let Some(Value::Sequence(cs)) = pod.and_then(|p| p.get(field)) {
            for (i, c) in cs.iter().enumerate() {
                let res = c.get("resources");
                let limits = parse_list(res.and_then(|r| r.get("limits")));
                let mut requests = parse_list(res.and_then(|r| r.get("requests")));
                // SetDefaults_Pod: a limit without a request is also the request.
                for (k, v) in limits.iter() {
                    requests.insert_if_absent(k, v);
                }
                list.push(Container {
                    path: spec_path.field(field).index(i),
                    restartable: field == "initContainers"
                        && c.get("restartPolicy").and_then(Value::as_str) == Some("Always"),
                    requests,
                    limits,
                });
            }
        }
    }
    for lr in limit_ranges {
        apply_limit_range(lr, &mut containers, &mut inits, &spec_path, out);
    }
    let pod_level = pod.and_then(|p| p.get("resources"));
    let overhead = parse_list(pod.and_then(|p| p.get("overhead")));
    let mut requests = aggregate(&containers, &inits, |c| &c.requests);
    let mut limits = aggregate(&containers, &inits, |c| &c.limits);
    let pod_requests = supported_pod_level(parse_list(pod_level.and_then(|r| r.get("requests"))));
    let pod_limits = supported_pod_level(parse_list(pod_level.and_then(|r| r.get("limits"))));
    if !pod_requests.is_empty() {
        requests.extend_from(&pod_requests);
    }
    if !pod_requests.is_empty() || !pod_limits.is_empty() {
        limits.extend_from(&pod_limits);
    }
    add_into(&mut requests, &overhead);
    // PodLimits adds the overhead only to resources that have a limit.
    for (k, v) in overhead.iter() {
        if let Some(have) = limits.get_mut(k) {
            *have = have.add(v);
        }
    }
    let all = || containers.iter().chain(&inits);
    let positive_cpu_or_memory = |l: &List| {
        ["cpu", "memory"]
            .iter()
            .any(|k| l.get(k).is_some_and(|q| q.nanos() > 0))
    };
    let best_effort = !all()
        .any(|c| positive_cpu_or_memory(&c.requests) || positive_cpu_or_memory(&c.limits))
        && !positive_cpu_or_memory(&pod_requests)
        && !positive_cpu_or_memory(&pod_limits);
    let (peak_pods, total_pods) = peak_pods(job_spec);
    PodResources {
        requests,
        limits,
        peak_pods,
        total_pods,
        best_effort,
        terminating: pod
            .and_then(|p| p.get("activeDeadlineSeconds"))
            .and_then(Value::as_i64)
            .is_some_and(|s| s >= 0),
        priority_class: pod
            .and_then(|p| p.get("priorityClassName"))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        cross_namespace_affinity: cross_namespace_affinity(pod),
        containers: containers
            .iter()
            .chain(&inits)
            .map(|c| {
                let mut set = Vec::new();
                for r in ["cpu", "memory"] {
                    if c.requests.contains_key(r) {
                        set.push(format!("requests.{r}"));
                    }
                    if c.limits.contains_key(r) {
                        set.push(format!("limits.{r}"));
                    }
                }
                (c.path.clone(), set)
            })
            .collect(),
    }
}

/// Pod-level resources take over for the resources they support (cpu,
/// memory, hugepages-*), as `PodRequests` / `PodLimits` apply them.
fn supported_pod_level(mut l: List) -> List {
    l.retain(|k| k == "cpu" || k == "memory" || k.starts_with("hugepages-"));
    l
}

/// `aggregateContainerResourcesByFn` (KEP-753): app containers and sidecars
/// add up; each plain init container needs itself plus the sidecars started
/// before it; the pod needs the larger of the two.
fn aggregate(
    containers: &[Container],
    inits: &[Container],
    get: impl Fn(&Container) -> &List,
) -> List {
    let mut result = List::new();
    for c in containers {
        add_into(&mut result, get(c));
    }
    let mut sidecars = List::new();
    let mut init_peak = List::new();
    for c in inits {
        if c.restartable {
            add_into(&mut result, get(c));
            add_into(&mut sidecars, get(c));
            max_into(&mut init_peak, &sidecars);
        } else {
            let mut combined = get(c).clone();
            add_into(&mut combined, &sidecars);
            max_into(&mut init_peak, &combined);
        }
    }
    max_into(&mut result, &init_peak);
    result
}

/// (peak pods, pods over the Job's life): `SetDefaults_Job` sets both
/// `parallelism` and `completions` to 1 when neither is set, and
/// `parallelism` to 1 when only it is missing; at most `completions` pods
/// run at once.
pub fn peak_pods(job_spec: Option<&Value>) -> (u64, u64) {
    let int = |k: &str| {
        job_spec
            .and_then(|s| s.get(k))
            .and_then(Value::as_i64)
            .map(|v| v.max(0) as u64)
    };
    let (parallelism, completions) = match (int("parallelism"), int("completions")) {
        (None, None) => (1, Some(1)),
        (p, c) => (p.unwrap_or(1), c),
    };
    let peak = completions.map_or(parallelism, |c| parallelism.min(c));
    (peak, completions.unwrap_or(parallelism))
}

fn cross_namespace_affinity(pod: Option<&Value>) -> bool {
    let Some(affinity) = pod.and_then(|p| p.get("affinity")) else {
        return false;
    };
    let term_crosses = |t: &Value| {
        let t = t.get("podAffinityTerm").unwrap_or(t);
        matches!(t.get("namespaces"), Some(Value::Sequence(s)) if !s.is_empty())
            || matches!(t.get("namespaceSelector"), Some(v) if !v.is_null())
    };
    ["podAffinity", "podAntiAffinity"].iter().any(|kind| {
        [
            "requiredDuringSchedulingIgnoredDuringExecution",
            "preferredDuringSchedulingIgnoredDuringExecution",
        ]
        .iter()
        .any(
            |when| match affinity.get(*kind).and_then(|a| a.get(*when)) {
                Some(Value::Sequence(terms)) => terms.iter().any(term_crosses),
                _ => false,
            },
        )
    })
}

const LR_HELP: &str = "The LimitRanger admission plugin refuses every pod of this Job (403 Forbidden), so the Job never runs. Change the container's resources, or the LimitRange.";

/// `PodLimitFunc`: merges the defaults into every container (init ones too),
/// then checks the Container and Pod items.
fn apply_limit_range(
    lr: &LimitRange,
    containers: &mut [Container],
    inits: &mut [Container],
    spec_path: &FieldPath,
    out: &mut Vec<RawFinding>,
) {
    let mut default_limits = List::new();
    let mut default_requests = List::new();
    for item in lr.items.iter().filter(|i| i.kind == "Container") {
        default_limits.extend_from(&item.default);
        default_requests.extend_from(&item.default_request);
    }
    for c in containers.iter_mut().chain(inits.iter_mut()) {
        for (k, v) in default_limits.iter() {
            c.limits.insert_if_absent(k, v);
        }
        for (k, v) in default_requests.iter() {
            c.requests.insert_if_absent(k, v);
        }
    }
    let origin = format!("LimitRange {:?} of namespace {}", lr.name, lr.namespace);
    for item in &lr.items {
        match item.kind.as_str() {
            "Container" => {
                for c in containers.iter().chain(inits.iter()) {
                    check_item(
                        item,
                        "Container",
                        &c.requests,
                        &c.limits,
                        &c.path,
                        &origin,
                        out,
                    );
                }
            }
            "Pod" => {
                let (requests, limits) = pod_totals(containers, inits);
                check_item(item, "Pod", &requests, &limits, spec_path, &origin, out);
            }
            _ => {}
        }
    }
}

/// The plugin's own pod totals for a Pod item: a resource counts only when
/// every app container sets it (`sum`), then each init container's value
/// when larger.
fn pod_totals(containers: &[Container], inits: &[Container]) -> (List, List) {
    let sum = |get: &dyn Fn(&Container) -> &List| {
        let mut out = List::new();
        // A key every container sets is a key of the first one.
        if let Some(first) = containers.first() {
            for (k, q) in get(first).iter() {
                let mut total = 0i128;
                let mut everywhere = true;
                for c in containers {
                    match get(c).get(k) {
                        Some(v) => total = total.saturating_add(v.nanos()),
                        None => everywhere = false,
                    }
                }
                if everywhere {
                    out.insert(k, Quantity::from_nanos(total, q.format()));
                }
            }
        }
        for c in inits {
            max_into(&mut out, get(c));
        }
        out
    };
    (sum(&|c| &c.requests), sum(&|c| &c.limits))
}

fn check_item(
    item: &LimitItem,
    kind: &str,
    requests: &List,
    limits: &List,
    at: &FieldPath,
    origin: &str,
    out: &mut Vec<RawFinding>,
) {
    let mut push = |path: FieldPath, msg: String| {
        out.push(RawFinding::new(
            LIMIT_RANGE,
            path.clone(),
            format!("{path}: {msg} ({origin})"),
            LR_HELP,
        ));
    };
    let req_path = |k: &str| at.field("resources").field("requests").key(k);
    let lim_path = |k: &str| at.field("resources").field("limits").key(k);
    for (k, min) in item.min.iter() {
        let (req, lim) = (requests.get(k), limits.get(k));
        match (req, lim) {
            (None, _) => push(
                at.clone(),
                format!("Minimum {k} usage per {kind} is {min}.  No request is specified."),
            ),
            (Some(r), _) if r.milli_value() < min.milli_value() => push(
                req_path(k),
                format!("Minimum {k} usage per {kind} is {min}, but request is {r}."),
            ),
            (_, Some(l)) if l.milli_value() < min.milli_value() => push(
                lim_path(k),
                format!("Minimum {k} usage per {kind} is {min}, but limit is {l}."),
            ),
            _ => {}
        }
    }
    for (k, max) in item.max.iter() {
        let (req, lim) = (requests.get(k), limits.get(k));
        match (req, lim) {
            (_, None) => push(
                at.clone(),
                format!("Maximum {k} usage per {kind} is {max}.  No limit is specified."),
            ),
            (_, Some(l)) if l.milli_value() > max.milli_value() => push(
                lim_path(k),
                format!("Maximum {k} usage per {kind} is {max}, but limit is {l}."),
            ),
            (Some(r), _) if r.milli_value() > max.milli_value() => push(
                req_path(k),
                format!("Maximum {k} usage per {kind} is {max}, but request is {r}."),
            ),
            _ => {}
        }
    }
    for (k, ratio) in item.ratio.iter() {
        let req = requests.get(k).map_or(0, Quantity::milli_value);
        let lim = limits.get(k).map_or(0, Quantity::milli_value);
        if req == 0 {
            push(at.clone(), format!("{k} max limit to request ratio per {kind} is {ratio}, but no request is specified or request is 0."));
        } else if lim == 0 {
            push(at.clone(), format!("{k} max limit to request ratio per {kind} is {ratio}, but no limit is specified or limit is 0."));
        } else if lim.saturating_mul(1000) > ratio.milli_value().saturating_mul(req) {
            // Go's %f of limit / request: six decimals, rounded (in integers:
            // no float formatting in the wasm).
            let micro = (lim.saturating_mul(2_000_000) + req) / (2 * req);
            let shown = format!("{}.{:06}", micro / 1_000_000, micro % 1_000_000);
            push(lim_path(k), format!("{k} max limit to request ratio per {kind} is {ratio}, but provided ratio is {shown}."));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(yaml: &str) -> PodResources {
        let doc: Value = serde_yaml::from_str(yaml).expect("yaml");
        job_resources(&doc, &[], &mut Vec::new())
    }

    fn show(l: &List) -> String {
        l.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",")
    }

    fn job(containers: &str, inits: &str, extra: &str) -> String {
        format!("spec:\n  template:\n    spec:\n{extra}      containers: {containers}\n      initContainers: {inits}\n")
    }

    /// Cases of Kubernetes' `TestPodRequestsAndLimits`,
    /// `TestPodRequestsAndLimitsWithoutOverhead` and `TestPodResourceRequests`
    /// (staging/src/k8s.io/component-helpers/resource/helpers_test.go),
    /// after `SetDefaults_Pod` (which the upstream helper tests skip: there a
    /// limit alone leaves the requests empty).
    #[test]
    fn pod_requests_and_limits_as_kubernetes_computes_them() {
        let c = |req: &str, lim: &str| {
            format!("{{resources: {{requests: {{{req}}}, limits: {{{lim}}}}}}}")
        };
        // (containers, init containers, pod extra, requests, limits)
        let cases: Vec<(String, String, &str, &str, &str)> = vec![
            // just-limit-no-overhead: the request defaults to the limit.
            (
                format!("[{}]", c("", "cpu: 9")),
                "[]".into(),
                "",
                "cpu=9",
                "cpu=9",
            ),
            // just-overhead
            (
                "[{}]".into(),
                "[]".into(),
                "      overhead: {cpu: 5, memory: 5}\n",
                "cpu=5,memory=5",
                "",
            ),
            // req-and-overhead
            (
                format!("[{}]", c("cpu: 1, memory: 10", "")),
                "[]".into(),
                "      overhead: {cpu: 5, memory: 5}\n",
                "cpu=6,memory=15",
                "",
            ),
            // all-req-lim-and-overhead
            (
                format!("[{}]", c("cpu: 1, memory: 10", "cpu: 2, memory: 12")),
                "[]".into(),
                "      overhead: {cpu: 5, memory: 5}\n",
                "cpu=6,memory=15",
                "cpu=7,memory=17",
            ),
            // req-some-lim-and-overhead: overhead only on limits that exist.
            (
                format!("[{}]", c("cpu: 1, memory: 10", "cpu: 2")),
                "[]".into(),
                "      overhead: {cpu: 5, memory: 5}\n",
                "cpu=6,memory=15",
                "cpu=7",
            ),
            // two containers: the sum.
            (
                format!(
                    "[{}, {}]",
                    c("cpu: 1, memory: 5", "cpu: 2, memory: 10"),
                    c("cpu: 4, memory: 12", "cpu: 8, memory: 24")
                ),
                "[]".into(),
                "",
                "cpu=5,memory=17",
                "cpu=10,memory=34",
            ),
            // massive init: the largest init container.
            (
                format!(
                    "[{}, {}]",
                    c("cpu: 1, memory: 5", "cpu: 2, memory: 10"),
                    c("cpu: 4, memory: 12", "cpu: 8, memory: 24")
                ),
                format!(
                    "[{}, {}]",
                    c("cpu: 1, memory: 5", "cpu: 1, memory: 5"),
                    c("cpu: 40, memory: 120", "cpu: 80, memory: 240")
                ),
                "",
                "cpu=40,memory=120",
                "cpu=80,memory=240",
            ),
            // nil options, larger init container
            (
                format!("[{}]", c("cpu: 1", "")),
                format!("[{}]", c("cpu: 4", "")),
                "",
                "cpu=4",
                "",
            ),
            // nil options, larger containers
            (
                format!("[{}, {}]", c("cpu: 2", ""), c("cpu: 3", "")),
                format!("[{}]", c("cpu: 2", "")),
                "",
                "cpu=5",
                "",
            ),
            // pod overhead included
            (
                format!("[{}, {}]", c("cpu: 2", ""), c("cpu: 3", "")),
                format!("[{}]", c("cpu: 2", "cpu: 2")),
                "      overhead: {cpu: 1, memory: 1Gi}\n",
                "cpu=6,memory=1Gi",
                "cpu=3",
            ),
        ];
        for (cs, is, extra, want_req, want_lim) in cases {
            let p = pod(&job(&cs, &is, extra));
            assert_eq!(show(&p.requests), want_req, "{cs} {is} {extra}");
            assert_eq!(show(&p.limits), want_lim, "{cs} {is} {extra}");
        }
    }

    /// KEP-753's formula, as `TestPodResourceRequests`' restartable-init
    /// cases state it: a sidecar adds to the app containers and to every
    /// init container after it.
    #[test]
    fn sidecars_count_as_kubernetes_counts_them() {
        let side = |cpu: &str| {
            format!("{{restartPolicy: Always, resources: {{requests: {{cpu: {cpu}}}}}}}")
        };
        let init = |cpu: &str| format!("{{resources: {{requests: {{cpu: {cpu}}}}}}}");
        // restartable init container: 1 + 1
        let p = pod(&job(
            &format!("[{}]", init("1")),
            &format!("[{}]", side("1")),
            "",
        ));
        assert_eq!(show(&p.requests), "cpu=2");
        // a plain init container after a sidecar needs 5 + 1 = 6 > 1 + 1.
        let p = pod(&job(
            &format!("[{}]", init("1")),
            &format!("[{}, {}]", side("1"), init("5")),
            "",
        ));
        assert_eq!(show(&p.requests), "cpu=6");
        // before the sidecar it needs only 5.
        let p = pod(&job(
            &format!("[{}]", init("1")),
            &format!("[{}, {}]", init("5"), side("1")),
            "",
        ));
        assert_eq!(show(&p.requests), "cpu=5");
        // several sidecars add up: 1 + 2 + 3 = 6 > init 2 + sidecar 2.
        let p = pod(&job(
            &format!("[{}]", init("3")),
            &format!("[{}, {}, {}]", side("1"), init("2"), side("2")),
            "",
        ));
        assert_eq!(show(&p.requests), "cpu=6");
    }

    #[test]
    fn peak_pods_follow_set_defaults_job() {
        let v = |y: &str| serde_yaml::from_str::<Value>(y).expect("yaml");
        assert_eq!(peak_pods(Some(&v("{}"))), (1, 1));
        assert_eq!(peak_pods(None), (1, 1));
        assert_eq!(peak_pods(Some(&v("{parallelism: 5}"))), (5, 5));
        assert_eq!(peak_pods(Some(&v("{completions: 5}"))), (1, 5));
        assert_eq!(
            peak_pods(Some(&v("{parallelism: 8, completions: 3}"))),
            (3, 3)
        );
        assert_eq!(
            peak_pods(Some(&v(
                "{parallelism: 2, completions: 10, completionMode: Indexed}"
            ))),
            (2, 10)
        );
        assert_eq!(peak_pods(Some(&v("{parallelism: 0}"))), (0, 0));
    }

    #[test]
    fn limit_range_defaults_and_violations() {
        let lr: Value = serde_yaml::from_str(
            "metadata: {name: lr, namespace: b}\nspec:\n  limits:\n  - type: Container\n    default: {cpu: 500m}\n    max: {memory: 1Gi}\n    maxLimitRequestRatio: {cpu: '2'}\n",
        )
        .expect("yaml");
        let lr = LimitRange::from_value(&lr);
        // default memory limit from max; defaultRequest from default.
        assert_eq!(show(&lr.items[0].default), "cpu=500m,memory=1Gi");
        assert_eq!(show(&lr.items[0].default_request), "cpu=500m,memory=1Gi");
        let doc: Value = serde_yaml::from_str(&job(
            "[{}, {resources: {requests: {cpu: 100m}, limits: {memory: 2Gi}}}]",
            "[]",
            "",
        ))
        .expect("yaml");
        let mut out = Vec::new();
        let p = job_resources(&doc, &[&lr], &mut out);
        // First container: 500m/1Gi both ways; second: 100m request, 500m
        // limit (ratio 5 > 2), memory limit 2Gi > max, request 2Gi defaulted.
        assert_eq!(show(&p.requests), "cpu=600m,memory=3Gi");
        assert_eq!(show(&p.limits), "cpu=1,memory=3Gi");
        let msgs: Vec<&str> = out.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].starts_with("spec.template.spec.containers[1].resources.limits[memory]: Maximum memory usage per Container is 1Gi, but limit is 2Gi."), "{msgs:?}");
        assert!(msgs[1].contains("cpu max limit to request ratio per Container is 2, but provided ratio is 5.000000."), "{msgs:?}");
    }
}
