//! ResourceQuota: which of a namespace's Jobs a quota covers (its scopes)
//! and what they need of each resource it limits, as the ResourceQuota
//! admission plugin's pod and object-count evaluators measure it
//! (pkg/quota/v1/evaluator/core/pods.go; docs/resources.md).

use crate::k8s::quantity::{Format, Quantity};
use crate::k8s::resources::{name_of, namespace_of, parse_list, PodResources};
use serde_yaml::Value;

/// One `scopeSelector.matchExpressions` entry (or a `scopes` entry, as
/// `Exists`).
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeRequirement {
    pub scope: String,
    pub operator: String,
    pub values: Vec<String>,
}

/// A v1 ResourceQuota.
#[derive(Debug, Clone, PartialEq)]
pub struct Quota {
    pub name: String,
    pub namespace: String,
    /// `spec.hard`, in file order.
    pub hard: Vec<(String, Quantity)>,
    pub scopes: Vec<ScopeRequirement>,
}

impl Quota {
    pub fn from_value(doc: &Value) -> Quota {
        let spec = doc.get("spec");
        let hard_map = spec.and_then(|s| s.get("hard"));
        let parsed = parse_list(hard_map);
        // In file order (the findings point at each key's line).
        let mut hard = Vec::new();
        if let Some(Value::Mapping(m)) = hard_map {
            for k in m.keys().filter_map(Value::as_str) {
                if let Some(q) = parsed.get(k) {
                    hard.push((k.to_string(), q.clone()));
                }
            }
        }
        let mut scopes = Vec::new();
        if let Some(Value::Sequence(s)) = spec.and_then(|s| s.get("scopes")) {
            for v in s.iter().filter_map(Value::as_str) {
                scopes.push(ScopeRequirement {
                    scope: v.to_string(),
                    operator: "Exists".to_string(),
                    values: Vec::new(),
                });
            }
        }
        if let Some(Value::Sequence(exprs)) = spec
            .and_then(|s| s.get("scopeSelector"))
            .and_then(|s| s.get("matchExpressions"))
        {
            for e in exprs {
                let text = |k: &str| {
                    e.get(k)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string()
                };
                let values = match e.get("values") {
                    Some(Value::Sequence(v)) => v
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect(),
                    _ => Vec::new(),
                };
                scopes.push(ScopeRequirement {
                    scope: text("scopeName"),
                    operator: text("operator"),
                    values,
                });
            }
        }
        Quota {
            name: name_of(doc),
            namespace: namespace_of(doc),
            hard,
            scopes,
        }
    }

    /// Whether the quota covers a pod of the Job (`podMatchesScopeFunc`,
    /// every scope and selector must match).
    pub fn covers_pods(&self, p: &PodResources) -> bool {
        self.scopes.iter().all(|s| scope_matches(s, p))
    }
}

fn scope_matches(s: &ScopeRequirement, p: &PodResources) -> bool {
    let exists = |yes: bool| match s.operator.as_str() {
        "Exists" | "" => yes,
        "DoesNotExist" => !yes,
        _ => false,
    };
    match s.scope.as_str() {
        "Terminating" => exists(p.terminating),
        "NotTerminating" => exists(!p.terminating),
        "BestEffort" => exists(p.best_effort),
        "NotBestEffort" => exists(!p.best_effort),
        "CrossNamespacePodAffinity" => exists(p.cross_namespace_affinity),
        // A label selector on {PriorityClass: name}.
        "PriorityClass" => {
            let pc = p.priority_class.as_deref();
            match s.operator.as_str() {
                "Exists" => pc.is_some(),
                "DoesNotExist" => pc.is_none(),
                "In" => pc.is_some_and(|c| s.values.iter().any(|v| v == c)),
                "NotIn" => !pc.is_some_and(|c| s.values.iter().any(|v| v == c)),
                _ => false,
            }
        }
        _ => false,
    }
}

/// What a quota resource measures of a Job.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure<'a> {
    /// Pods that have not finished (`pods`): the peak.
    Pods,
    /// Every pod object (`count/pods`): the pods created over the Job's life.
    PodObjects,
    /// `count/jobs.batch`: one per Job, scopes do not apply.
    Jobs,
    /// A pod request of this resource.
    Request(&'a str),
    /// A pod limit of this resource.
    Limit(&'a str),
}

/// How the pod evaluator's `podComputeUsageHelper` (and the object-count
/// evaluator for `count/jobs.batch`) reads a `spec.hard` key; `None` for a
/// resource the Jobs do not use (services, storage, ...).
pub fn measure(key: &str) -> Option<Measure<'_>> {
    Some(match key {
        "pods" => Measure::Pods,
        "count/pods" => Measure::PodObjects,
        "count/jobs.batch" => Measure::Jobs,
        "cpu" | "memory" | "ephemeral-storage" => Measure::Request(key),
        "limits.cpu" | "limits.memory" | "limits.ephemeral-storage" => Measure::Limit(&key[7..]),
        k if k.starts_with("hugepages-") => Measure::Request(k),
        k => {
            let r = k.strip_prefix("requests.")?;
            let native =
                matches!(r, "cpu" | "memory" | "ephemeral-storage") || r.starts_with("hugepages-");
            // Extended resources: only as requests.<name> (no overcommit).
            let extended = r.contains('/') && !r.contains("kubernetes.io/");
            if !(native || extended) {
                return None;
            }
            Measure::Request(r)
        }
    })
}

/// A Job's peak usage of what `m` measures, `None` when the quota does not
/// count the Job (scopes) or the Job does not use the resource.
pub fn job_need(
    q: &Quota,
    m: Measure<'_>,
    p: &PodResources,
    peak_requests: &crate::k8s::resources::List,
    peak_limits: &crate::k8s::resources::List,
) -> Option<Quantity> {
    let count = |n: u64| Quantity::from_nanos(i128::from(n) * 1_000_000_000, Format::DecimalSI);
    if m == Measure::Jobs {
        return q.scopes.is_empty().then(|| count(1));
    }
    if !q.covers_pods(p) {
        return None;
    }
    match m {
        Measure::Pods => Some(count(p.peak_pods)),
        Measure::PodObjects => Some(count(p.total_pods)),
        Measure::Request(r) => peak_requests.get(r).cloned(),
        Measure::Limit(r) => peak_limits.get(r).cloned(),
        Measure::Jobs => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hard_keys_as_the_pod_evaluator_does() {
        assert_eq!(measure("requests.cpu"), Some(Measure::Request("cpu")));
        assert_eq!(measure("cpu"), Some(Measure::Request("cpu")));
        assert_eq!(measure("limits.memory"), Some(Measure::Limit("memory")));
        assert_eq!(
            measure("requests.nvidia.com/gpu"),
            Some(Measure::Request("nvidia.com/gpu"))
        );
        assert_eq!(
            measure("requests.hugepages-2Mi"),
            Some(Measure::Request("hugepages-2Mi"))
        );
        assert_eq!(
            measure("hugepages-2Mi"),
            Some(Measure::Request("hugepages-2Mi"))
        );
        assert_eq!(measure("pods"), Some(Measure::Pods));
        assert_eq!(measure("count/jobs.batch"), Some(Measure::Jobs));
        assert_eq!(measure("services"), None);
        assert_eq!(measure("requests.storage"), None);
        assert_eq!(measure("limits.nvidia.com/gpu"), None);
    }

    #[test]
    fn scopes_match_as_pod_matches_scope_func() {
        let pod = |best_effort: bool, pc: Option<&str>| PodResources {
            best_effort,
            priority_class: pc.map(str::to_string),
            ..Default::default()
        };
        let q = |y: &str| Quota::from_value(&serde_yaml::from_str::<Value>(y).expect("yaml"));
        let be = q("spec: {scopes: [BestEffort]}");
        assert!(be.covers_pods(&pod(true, None)));
        assert!(!be.covers_pods(&pod(false, None)));
        let nbe = q("spec: {scopes: [NotBestEffort]}");
        assert!(nbe.covers_pods(&pod(false, None)));
        let high = q("spec: {scopeSelector: {matchExpressions: [{scopeName: PriorityClass, operator: In, values: [high]}]}}");
        assert!(high.covers_pods(&pod(false, Some("high"))));
        assert!(!high.covers_pods(&pod(false, Some("low"))));
        assert!(!high.covers_pods(&pod(false, None)));
        let not_high = q("spec: {scopeSelector: {matchExpressions: [{scopeName: PriorityClass, operator: NotIn, values: [high]}]}}");
        assert!(not_high.covers_pods(&pod(false, None)));
        assert!(!not_high.covers_pods(&pod(false, Some("high"))));
        let any = q("spec: {scopeSelector: {matchExpressions: [{scopeName: PriorityClass, operator: Exists}]}}");
        assert!(any.covers_pods(&pod(false, Some("x"))));
        assert!(!any.covers_pods(&pod(false, None)));
    }
}
