//! What a Job looks like to a reader: its name, labels and container
//! summaries (image, command, args, env, resources), as display strings with
//! control characters escaped. The text plan writes these strings into its
//! layout; the web page (through `presentPlan` / `presentJob` of the wasm)
//! lays the very same strings out as cards. Neither formats a value itself.

use crate::model::{ExecutionPlan, Finding, JobValidation, Owner};
use serde::Serialize;
use serde_json::Value;
use std::fmt::Write;

/// Environment variables shown before `... and K more` (the seed's plan).
pub const ENV_SHOWN: usize = 5;

/// One Job as the plan shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobPresentation {
    /// `metadata.name`; a Job with only a generateName shows that prefix,
    /// marked `(generateName)`; `(unnamed)` without either.
    pub name: String,
    pub namespace: String,
    /// `key: value` per label, in file order.
    pub labels: Vec<String>,
    /// Init containers first, then the containers, each in file order.
    pub containers: Vec<ContainerPresentation>,
}

/// One container's summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerPresentation {
    pub init: bool,
    /// `name (i of n)`: always for an init container, and for a container
    /// when the Job has more than one container in all; `None` otherwise.
    pub heading: Option<String>,
    pub image: String,
    pub command: String,
    pub args: String,
    pub env: EnvPresentation,
    /// The `envFrom` sources, `configMapRef NAME (prefix P), secretRef NAME`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env_from: Option<String>,
    pub requests: String,
    pub limits: String,
}

/// The environment variables of a container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvPresentation {
    /// How many variables the container sets.
    pub total: usize,
    /// How many a summary shows (the text plan shows no more).
    pub shown: usize,
    /// The variables, each `[name, value]`: all of them, or the first
    /// `shown` when presented for the text plan.
    pub lines: Vec<[String; 2]>,
    /// `... and K more` when a summary leaves K variables out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub more: Option<String>,
}

/// Presents a Job. `env_limit` caps the env lines made (the text plan needs
/// `ENV_SHOWN`); `None` makes them all.
pub fn job(j: &JobValidation, env_limit: Option<usize>) -> JobPresentation {
    // Parsed here, one Job at a time: the plan keeps Jobs as JSON text.
    let d = &shown_parts(j.job_data.json());
    let labels = match d.pointer("/metadata/labels") {
        Some(Value::Object(labels)) => labels
            .iter()
            .map(|(k, v)| format!("{}: {}", clean(k), clean(&scalar(v))))
            .collect(),
        _ => Vec::new(),
    };
    let spec = if j.is_cron_job() {
        d.pointer("/spec/jobTemplate/spec/template/spec")
    } else {
        d.pointer("/spec/template/spec")
    };
    let containers = list(spec.and_then(|s| s.get("containers")));
    let init = list(spec.and_then(|s| s.get("initContainers")));
    let many = containers.len() + init.len() > 1;
    let heading = |c: &Value, i: usize, n: usize| {
        format!(
            "{} ({} of {})",
            clean(&scalar_or(c.get("name"), "(unnamed)")),
            i + 1,
            n
        )
    };
    let mut out = Vec::with_capacity(containers.len() + init.len());
    for (i, c) in init.iter().enumerate() {
        out.push(container(
            c,
            true,
            Some(heading(c, i, init.len())),
            env_limit,
        ));
    }
    for (i, c) in containers.iter().enumerate() {
        let h = many.then(|| heading(c, i, containers.len()));
        out.push(container(c, false, h, env_limit));
    }
    JobPresentation {
        name: name_of(j, d),
        namespace: clean(&j.namespace),
        labels,
        containers: out,
    }
}

/// One CronJob as the plan shows it: the Job presentation of its template
/// (name, namespace and labels are the CronJob's), and its schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CronJobPresentation {
    /// The CronJob's name, namespace and labels, and its template's containers.
    pub name: String,
    pub namespace: String,
    pub labels: Vec<String>,
    pub containers: Vec<ContainerPresentation>,
    pub valid: bool,
    /// `spec.schedule`, or `(not set)`.
    pub schedule: String,
    /// `spec.timeZone`, or `(not set)`: the controller's time zone applies.
    pub time_zone: String,
    /// `spec.concurrencyPolicy`, `Allow` by default.
    pub concurrency_policy: String,
}

/// Presents a CronJob entry (`ExecutionPlan::cron_jobs`).
pub fn cron_job(j: &JobValidation, env_limit: Option<usize>) -> CronJobPresentation {
    let JobPresentation {
        name,
        namespace,
        labels,
        containers,
    } = job(j, env_limit);
    let or_unset = |v: &Option<String>| clean(v.as_deref().unwrap_or("(not set)"));
    CronJobPresentation {
        name,
        namespace,
        labels,
        containers,
        valid: j.valid,
        schedule: or_unset(&j.schedule),
        time_zone: or_unset(&j.time_zone),
        concurrency_policy: clean(j.concurrency_policy.as_deref().unwrap_or("Allow")),
    }
}

/// Every Job of a plan presented for a reader that lays out cards (the page),
/// the text plan, and every finding in the order a list shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanPresentation<'a> {
    /// The text plan, as `renderPlanText` gives it.
    pub text: String,
    /// One per `plan.jobs`, in the same order, with every env line.
    pub jobs: Vec<JobPresentation>,
    /// One per `plan.cron_jobs`, in the same order, with every env line.
    pub cron_jobs: Vec<CronJobPresentation>,
    /// Every finding once, by file, then document, then line and column.
    pub findings: Vec<ListedFinding<'a>>,
    /// The resources panel, when resources were planned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<ResourcesPresentation>,
}

/// Resources as a reader sees them: one entry per namespace (those that do
/// not fit their quota first), then one per Job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcesPresentation {
    pub namespaces: Vec<NamespacePresentation>,
    pub jobs: Vec<JobResourcesPresentation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NamespacePresentation {
    pub namespace: String,
    pub jobs: usize,
    pub peak_pods: u64,
    /// `cpu=6, memory=12Gi`, `(none)` when empty.
    pub requests: String,
    pub limits: String,
    /// Whether a quota of the inputs applies.
    pub has_quota: bool,
    /// Every need within its quota (true without a quota).
    pub fits: bool,
    /// Quota rows first (need against hard), then the other totals.
    pub rows: Vec<ResourceRow>,
}

/// One resource of a namespace: its need, and its quota when one applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceRow {
    /// As a quota names it: `requests.cpu`, `limits.memory`, `pods`, ...
    pub resource: String,
    pub need: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hard: Option<String>,
    /// need / hard in percent, rounded down, at most 999.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<u32>,
    pub fits: bool,
    /// `6 of 4 (150%)`, or the need alone without a quota.
    pub label: String,
}

/// One Job's resources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobResourcesPresentation {
    /// Index in `plan.jobs`.
    pub job: usize,
    pub name: String,
    pub namespace: String,
    pub pod_requests: String,
    pub pod_limits: String,
    pub peak_pods: u64,
    pub peak_requests: String,
    pub peak_limits: String,
}

/// `cpu=6, memory=12Gi` (names in order), `(none)` when empty.
fn quantities(m: &crate::model::ResourceMap) -> String {
    if m.is_empty() {
        return "(none)".to_string();
    }
    clean(
        &m.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// The resources of a plan, `None` when they were not planned.
pub fn plan_resources(plan: &ExecutionPlan) -> Option<ResourcesPresentation> {
    use crate::k8s::quantity::Quantity;
    let summary = plan.summary.resources.as_ref()?;
    let mut namespaces = Vec::with_capacity(summary.len());
    for (ns, n) in summary {
        let mut rows = Vec::new();
        let quota = n.quota.as_ref();
        if let Some(q) = quota {
            for (key, hard) in &q.hard {
                let need = q.need.get(key).cloned().unwrap_or_else(|| "0".to_string());
                let (nq, hq) = (Quantity::parse(&need).ok(), Quantity::parse(hard).ok());
                let (n_nanos, h_nanos) = (nq.map_or(0, |q| q.nanos()), hq.map_or(0, |q| q.nanos()));
                let percent = if h_nanos > 0 {
                    (n_nanos.max(0).saturating_mul(100) / h_nanos).min(999) as u32
                } else if n_nanos > 0 {
                    999
                } else {
                    0
                };
                rows.push(ResourceRow {
                    resource: clean(key),
                    label: format!("{} of {} ({percent}%)", clean(&need), clean(hard)),
                    need: clean(&need),
                    hard: Some(clean(hard)),
                    percent: Some(percent),
                    fits: n_nanos <= h_nanos,
                });
            }
        }
        let covered = |k: &str| quota.is_some_and(|q| q.hard.contains_key(k));
        for (prefix, list) in [("requests.", &n.requests), ("limits.", &n.limits)] {
            for (r, v) in list {
                let key = format!("{prefix}{r}");
                let bare = prefix == "requests." && covered(r);
                if covered(&key) || bare {
                    continue;
                }
                rows.push(ResourceRow {
                    resource: clean(&key),
                    need: clean(v),
                    hard: None,
                    percent: None,
                    fits: true,
                    label: clean(v),
                });
            }
        }
        namespaces.push(NamespacePresentation {
            namespace: clean(ns),
            jobs: n.jobs,
            peak_pods: n.peak_pods,
            requests: quantities(&n.requests),
            limits: quantities(&n.limits),
            has_quota: quota.is_some(),
            fits: quota.is_none_or(|q| q.fits),
            rows,
        });
    }
    // What does not fit first, each group in name order (a partition, not a
    // sort: no sort routine in the wasm for it).
    let (mut over, fit): (Vec<_>, Vec<_>) = namespaces.into_iter().partition(|n| !n.fits);
    over.extend(fit);
    let namespaces = over;
    let jobs = plan
        .jobs
        .iter()
        .enumerate()
        .filter_map(|(i, j)| {
            let r = j.resources.as_ref()?;
            Some(JobResourcesPresentation {
                job: i,
                name: display_name(j),
                namespace: clean(&j.namespace),
                pod_requests: quantities(&r.pod_requests),
                pod_limits: quantities(&r.pod_limits),
                peak_pods: r.peak_pods,
                peak_requests: quantities(&r.peak_requests),
                peak_limits: quantities(&r.peak_limits),
            })
        })
        .collect();
    Some(ResourcesPresentation { namespaces, jobs })
}

/// A finding in a list, with the index of its Job in `plan.jobs`, or `None`
/// for a finding of a file as a whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListedFinding<'a> {
    pub finding: &'a Finding,
    pub job: Option<usize>,
    /// The index of its CronJob in `plan.cron_jobs`, for a CronJob's finding.
    #[serde(rename = "cronJob", skip_serializing_if = "Option::is_none")]
    pub cron_job: Option<usize>,
}

/// Presents a whole plan (see `PlanPresentation`).
pub fn plan(plan: &ExecutionPlan) -> PlanPresentation<'_> {
    let jobs: Vec<JobPresentation> = plan.jobs.iter().map(|j| job(j, None)).collect();
    let text = super::text::render_presented(plan, &jobs);
    let mut findings = Vec::new();
    for owner in plan.owners() {
        let (job, cron_job) = match owner {
            Owner::Job(i, _) => (Some(i), None),
            Owner::CronJob(i, _) => (None, Some(i)),
            Owner::File(_) => (None, None),
        };
        let start = findings.len();
        findings.extend(
            owner
                .errors()
                .iter()
                .chain(owner.warnings())
                .map(|finding| ListedFinding {
                    finding,
                    job,
                    cron_job,
                }),
        );
        // Stable: at one place, errors stay before warnings.
        findings[start..].sort_by_key(|l| (l.finding.line, l.finding.column));
    }
    let cron_jobs = plan.cron_jobs.iter().map(|j| cron_job(j, None)).collect();
    PlanPresentation {
        text,
        jobs,
        cron_jobs,
        findings,
        resources: plan_resources(plan),
    }
}

/// The Job's name as `JobPresentation::name` has it, without presenting the
/// rest (the JSON is parsed only for a Job without a name).
pub fn display_name(j: &JobValidation) -> String {
    if !j.job_name.is_empty() {
        return clean(&j.job_name);
    }
    generated_name(&shown_parts(j.job_data.json()))
}

fn name_of(j: &JobValidation, d: &Value) -> String {
    if !j.job_name.is_empty() {
        return clean(&j.job_name);
    }
    generated_name(d)
}

/// A Job with only a generateName shows that prefix, marked.
fn generated_name(d: &Value) -> String {
    match d.pointer("/metadata/generateName") {
        Some(Value::String(g)) if !g.is_empty() => format!("{} (generateName)", clean(g)),
        _ => "(unnamed)".to_string(),
    }
}

fn container(
    c: &Value,
    init: bool,
    heading: Option<String>,
    env_limit: Option<usize>,
) -> ContainerPresentation {
    let env = list(c.get("env"));
    let made = env_limit.unwrap_or(env.len()).min(env.len());
    let lines = env[..made]
        .iter()
        .map(|e| {
            [
                clean(&scalar_or(e.get("name"), "(unnamed)")),
                clean(&env_value(e)),
            ]
        })
        .collect();
    let from = list(c.get("envFrom"));
    let env_from = (!from.is_empty()).then(|| {
        let sources: Vec<String> = from.iter().map(env_from).collect();
        clean(&sources.join(", "))
    });
    ContainerPresentation {
        init,
        heading,
        image: clean(&scalar_or(c.get("image"), "(not set)")),
        command: joined(c.get("command"), "(image default)"),
        args: joined(c.get("args"), "(none)"),
        env: EnvPresentation {
            total: env.len(),
            shown: ENV_SHOWN,
            lines,
            more: (env.len() > ENV_SHOWN)
                .then(|| format!("... and {} more", env.len() - ENV_SHOWN)),
        },
        env_from,
        requests: resources(c.pointer("/resources/requests")),
        limits: resources(c.pointer("/resources/limits")),
    }
}

fn env_value(e: &Value) -> String {
    if let Some(v) = e.get("value") {
        return match v {
            Value::String(s) if s.is_empty() => "(empty)".to_string(),
            Value::Null => "(empty)".to_string(),
            other => scalar(other),
        };
    }
    if let Some(Value::Object(from)) = e.get("valueFrom") {
        if let Some((kind, src)) = from.iter().next() {
            let detail = match kind.as_str() {
                "secretKeyRef" | "configMapKeyRef" => format!(
                    "{}/{}",
                    scalar_or(src.get("name"), "?"),
                    scalar_or(src.get("key"), "?")
                ),
                "fieldRef" => scalar_or(src.get("fieldPath"), "?"),
                "resourceFieldRef" => scalar_or(src.get("resource"), "?"),
                _ => String::new(),
            };
            return if detail.is_empty() {
                format!("(from {kind})")
            } else {
                format!("(from {kind} {detail})")
            };
        }
    }
    "(empty)".to_string()
}

fn env_from(s: &Value) -> String {
    for kind in ["configMapRef", "secretRef"] {
        if let Some(r) = s.get(kind) {
            let prefix = match s.get("prefix") {
                Some(p) => format!(" (prefix {})", scalar(p)),
                None => String::new(),
            };
            return format!("{kind} {}{prefix}", scalar_or(r.get("name"), "?"));
        }
    }
    "(unknown source)".to_string()
}

/// `CPU=500m, Memory=512Mi`, then other resources in file order.
fn resources(v: Option<&Value>) -> String {
    let Some(Value::Object(map)) = v else {
        return "(not set)".to_string();
    };
    if map.is_empty() {
        return "(not set)".to_string();
    }
    let mut parts = Vec::with_capacity(map.len());
    for (key, label) in [("cpu", "CPU"), ("memory", "Memory")] {
        if let Some(q) = map.get(key) {
            parts.push(format!("{label}={}", scalar(q)));
        }
    }
    for (k, q) in map {
        if k != "cpu" && k != "memory" {
            parts.push(format!("{k}={}", scalar(q)));
        }
    }
    clean(&parts.join(", "))
}

fn list(v: Option<&Value>) -> &[Value] {
    match v {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

fn joined(v: Option<&Value>, empty: &str) -> String {
    match v {
        Some(Value::Array(items)) if !items.is_empty() => {
            clean(&items.iter().map(scalar).collect::<Vec<_>>().join(" "))
        }
        Some(Value::String(s)) => clean(s),
        _ => empty.to_string(),
    }
}

fn scalar_or(v: Option<&Value>, missing: &str) -> String {
    match v {
        None | Some(Value::Null) => missing.to_string(),
        Some(v) => scalar(v),
    }
}

/// A value as the plan shows it: strings verbatim, other scalars as written,
/// collections as compact JSON.
fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// What a presentation reads of a Job's JSON: below a `Keys` node only the
/// listed keys, `All` of a value. The rest is skipped while parsing.
enum Want {
    All,
    Keys(&'static [(&'static str, Want)]),
    /// A list, each item as wanted.
    Items(&'static Want),
}

/// What `container` reads of a container.
const CONTAINER: Want = Want::Keys(&[
    ("name", Want::All),
    ("image", Want::All),
    ("command", Want::All),
    ("args", Want::All),
    ("env", Want::All),
    ("envFrom", Want::All),
    (
        "resources",
        Want::Keys(&[("requests", Want::All), ("limits", Want::All)]),
    ),
]);
const POD_SPEC: Want = Want::Keys(&[
    ("containers", Want::Items(&CONTAINER)),
    ("initContainers", Want::Items(&CONTAINER)),
]);
const TEMPLATE: Want = Want::Keys(&[("spec", POD_SPEC)]);
const SHOWN: Want = Want::Keys(&[
    (
        "metadata",
        Want::Keys(&[
            ("name", Want::All),
            ("generateName", Want::All),
            ("labels", Want::All),
        ]),
    ),
    (
        "spec",
        Want::Keys(&[
            ("template", TEMPLATE),
            (
                "jobTemplate",
                Want::Keys(&[("spec", Want::Keys(&[("template", TEMPLATE)]))]),
            ),
        ]),
    ),
]);

/// The parts of `json` a presentation reads (`SHOWN`), as a JSON tree: what
/// `serde_json::from_str` gives for those paths, without building the rest.
/// A value that is not an object where keys are wanted, and invalid JSON,
/// become `null`, which has no keys either.
fn shown_parts(json: &str) -> Value {
    let mut de = serde_json::Deserializer::from_str(json);
    serde::de::DeserializeSeed::deserialize(&SHOWN, &mut de)
        .ok()
        .filter(|_| de.end().is_ok())
        .unwrap_or(Value::Null)
}

impl<'de> serde::de::DeserializeSeed<'de> for &Want {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        match self {
            Want::All => serde::Deserialize::deserialize(d),
            Want::Keys(keys) => d.deserialize_any(Sparse(keys, None)),
            Want::Items(item) => d.deserialize_any(Sparse(&[], Some(item))),
        }
    }
}

/// Visits a value of which only some keys are wanted, or only the items of
/// a list (each as wanted); anything else is read as `null`.
struct Sparse(&'static [(&'static str, Want)], Option<&'static Want>);

impl<'de> serde::de::Visitor<'de> for Sparse {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        use serde::de::IgnoredAny;
        if self.1.is_some() {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Value::Null);
        }
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match self.0.iter().find(|(k, _)| *k == key) {
                Some((_, want)) => {
                    out.insert(key.into_owned(), map.next_value_seed(want)?);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Value::Object(out))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let Some(item) = self.1 else {
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
            return Ok(Value::Null);
        };
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(v) = seq.next_element_seed(item)? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_str<E>(self, _: &str) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
}

/// Escapes control characters so that every value stays on its line.
pub fn clean(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::JobData;

    fn job_of(json: &str) -> JobValidation {
        JobValidation {
            kind: None,
            schedule: None,
            time_zone: None,
            concurrency_policy: None,
            file: "j.yaml".into(),
            document: 0,
            valid: true,
            job_name: String::new(),
            namespace: "default".into(),
            errors: Vec::new(),
            warnings: Vec::new(),
            job_data: JobData::from_json_text(json.into()),
            resources: None,
            suppressed: Vec::new(),
        }
    }

    #[test]
    fn presents_every_string_escaped_as_the_text_plan_writes_it() {
        let env: Vec<String> = (0..7)
            .map(|i| format!(r#"{{"name":"V{i}","value":"a\nb{i}"}}"#))
            .collect();
        let j = job_of(&format!(
            r#"{{"metadata":{{"generateName":"g-","labels":{{"a\tb":"c"}}}},"spec":{{"template":{{"spec":{{"containers":[{{"name":"m","image":"x\u0007","args":["1",2],"env":[{}],"resources":{{"requests":{{"gpu":1,"cpu":"1"}}}}}}]}}}}}}}}"#,
            env.join(",")
        ));
        let p = job(&j, None);
        assert_eq!(p.name, "g- (generateName)");
        assert_eq!(p.labels, ["a\\tb: c"]);
        let c = &p.containers[0];
        assert_eq!(c.heading, None);
        assert_eq!(c.image, "x\\u{7}");
        assert_eq!(c.command, "(image default)");
        assert_eq!(c.args, "1 2");
        assert_eq!((c.env.total, c.env.lines.len()), (7, 7));
        assert_eq!(c.env.lines[0], ["V0".to_string(), "a\\nb0".to_string()]);
        assert_eq!(c.env.more.as_deref(), Some("... and 2 more"));
        assert_eq!(c.requests, "CPU=1, gpu=1");
        assert_eq!(c.limits, "(not set)");
        // For the text plan only the lines it shows are made.
        assert_eq!(job(&j, Some(ENV_SHOWN)).containers[0].env.lines.len(), 5);
    }
}
