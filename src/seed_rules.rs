//! The seed's validation rules (SEED.md "Validation rules"), at the seed's
//! severities. Each check reads the parsed document and pushes raw findings
//! with a field path; positions are attached later, and only when needed.

use crate::diagnostic::{scalar_text, RawFinding};
use crate::path::FieldPath;
use serde_yaml::Value;

crate::rules! {
    API_VERSION = {
        code: "KJP101", name: "invalid-api-version", severity: Error,
        summary: "apiVersion is missing or is not batch/v1.",
        why: "Only batch/v1 serves Jobs on current clusters; batch/v1beta1 and other versions are refused.",
        example: "apiVersion: batch/v1beta1\nkind: Job",
        fix: "apiVersion: batch/v1\nkind: Job",
        reference: "SEED.md validation rules; Kubernetes API: batch/v1 Job.",
    },
    KIND = {
        code: "KJP102", name: "invalid-kind", severity: Error,
        summary: "kind is missing or is not Job.",
        why: "This tool plans Jobs; another kind in a jobs folder is usually a generator bug.",
        example: "apiVersion: batch/v1\nkind: CronJob",
        fix: "apiVersion: batch/v1\nkind: Job",
        reference: "SEED.md validation rules.",
    },
    JOB_NAME = {
        code: "KJP103", name: "missing-job-name", severity: Error,
        summary: "metadata.name is missing or blank, and there is no generateName either.",
        why: "The API server refuses an object without a name: \"name or generateName is required\".",
        example: "metadata:\n  namespace: batch",
        fix: "metadata:\n  name: arb-tuning-d29-k8s--worker-1-0\n  namespace: batch",
        reference: "SEED.md; k8s.io/apimachinery ValidateObjectMeta: \"name or generateName is required\".",
    },
    NO_CONTAINERS = {
        code: "KJP104", name: "no-containers", severity: Error,
        summary: "spec.template.spec.containers is missing or empty.",
        why: "A Pod needs at least one container; the API server refuses the Job.",
        example: "spec:\n  template:\n    spec:\n      restartPolicy: Never",
        fix: "spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36",
        reference: "SEED.md; pkg/apis/core/validation ValidatePodSpec: containers \"Required value\".",
    },
    CONTAINER_IMAGE = {
        code: "KJP105", name: "missing-container-image", severity: Error,
        summary: "A container has no image (or a blank one).",
        why: "Without an image there is nothing to run; the API server refuses the Job.",
        example: "containers:\n- name: main",
        fix: "containers:\n- name: main\n  image: busybox:1.36",
        reference: "SEED.md; pkg/apis/core/validation validateContainers: image \"Required value\".",
    },
    MISSING_NAMESPACE = {
        code: "KJP201", name: "missing-namespace", severity: Warning,
        summary: "metadata.namespace is absent; the Job is planned in `default`.",
        why: "Without a namespace the Job lands wherever the applying context points, which is rarely what a pipeline means.",
        example: "metadata:\n  name: pi",
        fix: "metadata:\n  name: pi\n  namespace: trading-bots",
        reference: "SEED.md recommended fields.",
    },
    MISSING_ARGS = {
        code: "KJP202", name: "missing-args", severity: Warning,
        summary: "A container has no args.",
        why: "Generated Jobs pass their parameters as args; a Job without them usually lost its parameters.",
        example: "containers:\n- name: main\n  image: app:1\n  command: [python]",
        fix: "containers:\n- name: main\n  image: app:1\n  command: [python]\n  args: [run.py, --config, c.yaml]",
        reference: "SEED.md required fields table (args: recommended).",
    },
    MISSING_LABEL = {
        code: "KJP203", name: "missing-recommended-label", severity: Warning,
        summary: "One of the labels app, session_id, worker_id, component is absent.",
        why: "These labels let people and tools select the Jobs of one session or worker.",
        example: "metadata:\n  labels:\n    app: arbitrage-tuning",
        fix: "metadata:\n  labels:\n    app: arbitrage-tuning\n    session_id: s1\n    worker_id: worker-1\n    component: tuning",
        reference: "SEED.md recommended fields.",
    },
    MISSING_REQUESTS = {
        code: "KJP204", name: "missing-resource-requests", severity: Warning,
        summary: "A container sets no resource requests.",
        why: "Without requests the scheduler cannot place the Pod sensibly and it may be evicted first.",
        example: "containers:\n- name: main\n  image: app:1",
        fix: "containers:\n- name: main\n  image: app:1\n  resources:\n    requests: {cpu: 500m, memory: 512Mi}",
        reference: "SEED.md recommended fields.",
    },
    MISSING_LIMITS = {
        code: "KJP205", name: "missing-resource-limits", severity: Warning,
        summary: "A container sets no resource limits.",
        why: "Without limits one runaway worker can starve its neighbours on the node.",
        example: "containers:\n- name: main\n  image: app:1",
        fix: "containers:\n- name: main\n  image: app:1\n  resources:\n    limits: {cpu: \"1\", memory: 1Gi}",
        reference: "SEED.md recommended fields.",
    },
    MISSING_ENV = {
        code: "KJP206", name: "missing-env", severity: Warning,
        summary: "A container has no environment variables.",
        why: "Generated workers receive their session and worker identity through env; none usually means a generator bug.",
        example: "containers:\n- name: main\n  image: app:1",
        fix: "containers:\n- name: main\n  image: app:1\n  env:\n  - {name: WORKER_ID, value: worker-1}",
        reference: "SEED.md recommended fields.",
    },
    NAMING = {
        code: "KJP207", name: "job-naming-convention", severity: Warning,
        summary: "metadata.name does not follow arb-tuning-{session_short}-{worker_id}-{index}.",
        why: "The convention makes each Job traceable to its session and worker at a glance.",
        example: "metadata:\n  name: my-job",
        fix: "metadata:\n  name: arb-tuning-d29-k8s--worker-1-0",
        reference: "SEED.md naming rule: session_short is the first 8 characters of the session_id label.",
    },
    GENERATE_NAME = {
        code: "KJP208", name: "generate-name-with-apply", severity: Warning,
        summary: "metadata.generateName is set without metadata.name, which kubectl apply refuses.",
        why: "The API server accepts generateName on create, but kubectl apply needs a fixed name to track the object and stops with \"cannot use generate name with apply\".",
        example: "metadata:\n  generateName: sample-job-",
        fix: "metadata:\n  name: sample-job-1",
        reference: "kubectl apply (staging/src/k8s.io/kubectl/pkg/cmd/apply): generateName is refused; k8s.io/apimachinery ValidateObjectMeta accepts it.",
    },
}

/// The labels the seed recommends on every Job, in the order they are reported.
pub const RECOMMENDED_LABELS: [&str; 4] = ["app", "session_id", "worker_id", "component"];

/// `Some(s)` for a string scalar.
pub fn str_of(v: Option<&Value>) -> Option<&str> {
    match v {
        Some(Value::String(s)) => Some(s.as_str()),
        _ => None,
    }
}

fn is_blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        _ => false,
    }
}

/// Runs every seed rule on one Job document (a mapping). A CronJob (`kind:
/// CronJob`) is checked as the Jobs it creates: its own name and namespace,
/// and the labels and containers of `spec.jobTemplate`; the Job naming
/// convention does not apply to it.
pub fn check(doc: &Value, out: &mut Vec<RawFinding>) {
    let root = FieldPath::root();
    let cron = str_of(doc.get("kind")) == Some("CronJob");
    check_type_fields(doc, &root, out);
    let metadata = doc.get("metadata");
    let (job, job_path) = if cron {
        let jt = doc.get("spec").and_then(|s| s.get("jobTemplate"));
        (jt, root.field("spec").field("jobTemplate"))
    } else {
        (Some(doc), root.clone())
    };
    check_metadata(
        metadata,
        &root.field("metadata"),
        job.and_then(|j| j.get("metadata")),
        &job_path.field("metadata"),
        !cron,
        out,
    );

    let pod_spec_path = job_path.field("spec").field("template").field("spec");
    let pod_spec = job
        .and_then(|j| j.get("spec"))
        .and_then(|s| s.get("template"))
        .and_then(|t| t.get("spec"));
    let containers_path = pod_spec_path.field("containers");
    match pod_spec.and_then(|p| p.get("containers")) {
        Some(Value::Sequence(items)) if !items.is_empty() => {
            for (i, c) in items.iter().enumerate() {
                check_container(c, &containers_path.index(i), out);
            }
        }
        Some(Value::Sequence(_)) | None | Some(Value::Null) => out.push(RawFinding::new(
            NO_CONTAINERS,
            containers_path.clone(),
            format!("{containers_path}: Required value"),
            "Add at least one container with a name and an image under spec.template.spec.containers.",
        )),
        Some(other) => out.push(RawFinding::new(
            NO_CONTAINERS,
            containers_path.clone(),
            format!(
                "{containers_path}: Invalid value: {}: must be a list of containers",
                quote(&scalar_text(other))
            ),
            "Write containers as a YAML list: each item starts with '- name: ...'.",
        )),
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn check_type_fields(doc: &Value, root: &FieldPath, out: &mut Vec<RawFinding>) {
    let api = root.field("apiVersion");
    match doc.get("apiVersion") {
        v if is_blank(v) => out.push(RawFinding::new(
            API_VERSION,
            api.clone(),
            format!("{api}: Required value"),
            "Set apiVersion: batch/v1.",
        )),
        Some(Value::String(s)) if s == "batch/v1" => {}
        Some(v) => out.push(RawFinding::new(
            API_VERSION,
            api.clone(),
            format!(
                "{api}: Unsupported value: {}: supported values: \"batch/v1\"",
                quote(&scalar_text(v))
            ),
            "Set apiVersion: batch/v1; older batch versions no longer serve Jobs.",
        )),
        None => {}
    }
    let kind = root.field("kind");
    match doc.get("kind") {
        v if is_blank(v) => out.push(RawFinding::new(
            KIND,
            kind.clone(),
            format!("{kind}: Required value"),
            "Set kind: Job.",
        )),
        Some(Value::String(s)) if s == "Job" || s == "CronJob" => {}
        Some(v) => out.push(RawFinding::new(
            KIND,
            kind.clone(),
            format!(
                "{kind}: Unsupported value: {}: supported values: \"Job\"",
                quote(&scalar_text(v))
            ),
            "Set kind: Job, or move this manifest out of the jobs folder.",
        )),
        None => {}
    }
}

/// `metadata` at `path`: name and namespace. `job_metadata` at `job_path`:
/// the metadata the Jobs get (the same for a Job; a CronJob's jobTemplate's),
/// whose labels are checked, and, when `naming`, the name convention.
fn check_metadata(
    metadata: Option<&Value>,
    path: &FieldPath,
    job_metadata: Option<&Value>,
    job_path: &FieldPath,
    naming: bool,
    out: &mut Vec<RawFinding>,
) {
    let name_path = path.field("name");
    let name = metadata.and_then(|m| m.get("name"));
    let generate_name = metadata.and_then(|m| m.get("generateName"));
    if is_blank(name) {
        if is_blank(generate_name) {
            out.push(RawFinding::new(
                JOB_NAME,
                name_path.clone(),
                format!("{name_path}: Required value: name or generateName is required"),
                "Set metadata.name to a lowercase DNS-1123 name, e.g. arb-tuning-d29-k8s--worker-1-0.",
            ));
        } else {
            // The API server accepts generateName on create; only kubectl
            // apply refuses it, so this is a warning, not a verdict.
            let p = path.field("generateName");
            out.push(RawFinding::new(
                GENERATE_NAME,
                p.clone(),
                format!("{p}: generateName without name: kubectl apply refuses it (\"cannot use generate name with apply\"); only kubectl create can submit this Job"),
                "Set metadata.name to apply it, or submit it with kubectl create.",
            ));
        }
    }
    let ns_path = path.field("namespace");
    if is_blank(metadata.and_then(|m| m.get("namespace"))) {
        out.push(RawFinding::new(
            MISSING_NAMESPACE,
            ns_path.clone(),
            format!(
                "{ns_path}: not set; the {} is planned in namespace \"default\"",
                if naming { "Job" } else { "CronJob" }
            ),
            "Set metadata.namespace to the namespace the Job must run in.",
        ));
    }

    let labels = job_metadata.and_then(|m| m.get("labels"));
    let labels_path = job_path.field("labels");
    for label in RECOMMENDED_LABELS {
        if is_blank(labels.and_then(|l| l.get(label))) {
            let p = labels_path.key(label);
            out.push(RawFinding::new(
                MISSING_LABEL,
                p.clone(),
                format!("{p}: recommended label \"{label}\" is missing"),
                &format!("Add the label {label} to {labels_path}."),
            ));
        }
    }

    if let Some(Value::String(name)) = name.filter(|_| naming) {
        if !name.trim().is_empty() {
            check_naming(name, labels, &name_path, out);
        }
    }
}

/// `arb-tuning-{session_short}-{worker_id}-{index}`, where session_short is the
/// first 8 characters of the `session_id` label (the seed's example:
/// `d29-k8s-demo-session` + `worker-1` + `0` → `arb-tuning-d29-k8s--worker-1-0`).
fn check_naming(name: &str, labels: Option<&Value>, path: &FieldPath, out: &mut Vec<RawFinding>) {
    let session = str_of(labels.and_then(|l| l.get("session_id")));
    let worker = str_of(labels.and_then(|l| l.get("worker_id")));
    let expected_prefix = match (session, worker) {
        (Some(s), Some(w)) => Some(format!("arb-tuning-{}-{}-", session_short(s), w)),
        _ => None,
    };
    let ok = match &expected_prefix {
        Some(prefix) => name.strip_prefix(prefix.as_str()).is_some_and(is_index),
        None => name
            .strip_prefix("arb-tuning-")
            .and_then(|rest| rest.rsplit_once('-'))
            .is_some_and(|(middle, index)| middle.contains('-') && is_index(index)),
    };
    if ok {
        return;
    }
    let help = match &expected_prefix {
        Some(prefix) => format!("Name the Job {prefix}<index>, from its session_id and worker_id labels."),
        None => "Name the Job arb-tuning-{session_short}-{worker_id}-{index}, e.g. arb-tuning-d29-k8s--worker-1-0.".to_string(),
    };
    out.push(RawFinding::new(
        NAMING,
        path.clone(),
        format!(
            "{path}: {}: does not follow the naming rule arb-tuning-{{session_short}}-{{worker_id}}-{{index}}",
            quote(name)
        ),
        &help,
    ));
}

fn session_short(session_id: &str) -> String {
    session_id.chars().take(8).collect()
}

fn is_index(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn check_container(c: &Value, path: &FieldPath, out: &mut Vec<RawFinding>) {
    let image_path = path.field("image");
    if is_blank(c.get("image")) {
        out.push(RawFinding::new(
            CONTAINER_IMAGE,
            image_path.clone(),
            format!("{image_path}: Required value"),
            "Set the container's image, e.g. image: registry.example/app:1.0.",
        ));
    }
    let who = match str_of(c.get("name")) {
        Some(n) => format!("container {}", quote(n)),
        None => "the container".to_string(),
    };
    if is_empty_list(c.get("args")) {
        let p = path.field("args");
        out.push(RawFinding::new(
            MISSING_ARGS,
            p.clone(),
            format!("{p}: {who} has no args"),
            "Pass the Job's parameters as args.",
        ));
    }
    let resources = c.get("resources");
    for (field, rule, what) in [
        ("requests", MISSING_REQUESTS, "requests"),
        ("limits", MISSING_LIMITS, "limits"),
    ] {
        if is_empty_map(resources.and_then(|r| r.get(field))) {
            let p = path.field("resources").field(field);
            out.push(RawFinding::new(
                rule,
                p.clone(),
                format!("{p}: {who} sets no resource {what}"),
                &format!("Set resources.{field} for cpu and memory."),
            ));
        }
    }
    if is_empty_list(c.get("env")) {
        let p = path.field("env");
        out.push(RawFinding::new(
            MISSING_ENV,
            p.clone(),
            format!("{p}: {who} sets no environment variables"),
            "Pass the worker's identity and settings as env.",
        ));
    }
}

fn is_empty_list(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::Sequence(s)) => s.is_empty(),
        _ => false,
    }
}

fn is_empty_map(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::Mapping(m)) => m.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(findings: &[RawFinding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.rule.name).collect()
    }

    #[test]
    fn naming_rule_table() {
        let labels: Value =
            serde_yaml::from_str("session_id: d29-k8s-demo-session\nworker_id: worker-1").unwrap();
        let cases: &[(&str, Option<&Value>, bool)] = &[
            ("arb-tuning-d29-k8s--worker-1-0", Some(&labels), true),
            ("arb-tuning-d29-k8s--worker-1-12", Some(&labels), true),
            ("arb-tuning-d29-k8s--worker-2-0", Some(&labels), false),
            ("arb-tuning-d29-k8s--worker-1-x", Some(&labels), false),
            ("arb-tuning-d29-k8s--worker-1-", Some(&labels), false),
            ("arb-tuning-s-w-3", None, true),
            ("arb-tuning-3", None, false),
            ("pi", None, false),
        ];
        for (name, labels, ok) in cases {
            let mut out = Vec::new();
            check_naming(name, *labels, &FieldPath::parse("metadata.name"), &mut out);
            assert_eq!(out.is_empty(), *ok, "{name}");
        }
    }

    #[test]
    fn wrong_types_are_findings_not_panics() {
        let doc: Value = serde_yaml::from_str(
            "apiVersion: 1\nkind: [Job]\nmetadata: 3\nspec: {template: {spec: {containers: x}}}",
        )
        .unwrap();
        let mut out = Vec::new();
        check(&doc, &mut out);
        let n = names(&out);
        assert!(n.contains(&"invalid-api-version"));
        assert!(n.contains(&"invalid-kind"));
        assert!(n.contains(&"missing-job-name"));
        assert!(n.contains(&"no-containers"));
    }
}
