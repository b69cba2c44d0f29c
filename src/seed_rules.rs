//! The seed's validation rules (SEED.md "Validation rules"), at the seed's
//! severities. Each check reads the parsed document and pushes raw findings
//! with a field path; positions are attached later, and only when needed.

use crate::path::FieldPath;
use crate::rules::{self, Rule};
use serde_yaml::Value;

/// A finding before it is placed in a file: rule, path, message, help.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFinding {
    pub rule: &'static Rule,
    pub path: FieldPath,
    pub message: String,
    pub help: Option<String>,
}

impl RawFinding {
    pub fn new(rule: &'static Rule, path: FieldPath, message: String, help: &str) -> RawFinding {
        RawFinding {
            rule,
            path,
            message,
            help: if help.is_empty() {
                None
            } else {
                Some(help.to_string())
            },
        }
    }
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

/// Text of a scalar for messages: strings as they are, other scalars in YAML form.
pub fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Null => "null".to_string(),
        Value::Sequence(_) => "(a list)".to_string(),
        Value::Mapping(_) => "(an object)".to_string(),
        Value::Tagged(t) => scalar_text(&t.value),
    }
}

fn is_blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        _ => false,
    }
}

/// Runs every seed rule on one Job document (a mapping).
pub fn check(doc: &Value, out: &mut Vec<RawFinding>) {
    let root = FieldPath::root();
    check_type_fields(doc, &root, out);
    let metadata = doc.get("metadata");
    check_metadata(metadata, &root.field("metadata"), out);

    let pod_spec_path = root.field("spec").field("template").field("spec");
    let pod_spec = doc
        .get("spec")
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
            rules::NO_CONTAINERS,
            containers_path.clone(),
            format!("{containers_path}: Required value"),
            "Add at least one container with a name and an image under spec.template.spec.containers.",
        )),
        Some(other) => out.push(RawFinding::new(
            rules::NO_CONTAINERS,
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
            rules::API_VERSION,
            api.clone(),
            format!("{api}: Required value"),
            "Set apiVersion: batch/v1.",
        )),
        Some(Value::String(s)) if s == "batch/v1" => {}
        Some(v) => out.push(RawFinding::new(
            rules::API_VERSION,
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
            rules::KIND,
            kind.clone(),
            format!("{kind}: Required value"),
            "Set kind: Job.",
        )),
        Some(Value::String(s)) if s == "Job" => {}
        Some(v) => out.push(RawFinding::new(
            rules::KIND,
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

fn check_metadata(metadata: Option<&Value>, path: &FieldPath, out: &mut Vec<RawFinding>) {
    let name_path = path.field("name");
    let name = metadata.and_then(|m| m.get("name"));
    let generate_name = metadata.and_then(|m| m.get("generateName"));
    if is_blank(name) {
        if is_blank(generate_name) {
            out.push(RawFinding::new(
                rules::JOB_NAME,
                name_path.clone(),
                format!("{name_path}: Required value: name or generateName is required"),
                "Set metadata.name to a lowercase DNS-1123 name, e.g. arb-tuning-d29-k8s--worker-1-0.",
            ));
        } else {
            // The API server accepts generateName on create; only kubectl
            // apply refuses it, so this is a warning, not a verdict.
            let p = path.field("generateName");
            out.push(RawFinding::new(
                rules::GENERATE_NAME,
                p.clone(),
                format!("{p}: generateName without name: kubectl apply refuses it (\"cannot use generate name with apply\"); only kubectl create can submit this Job"),
                "Set metadata.name to apply it, or submit it with kubectl create.",
            ));
        }
    }
    let ns_path = path.field("namespace");
    if is_blank(metadata.and_then(|m| m.get("namespace"))) {
        out.push(RawFinding::new(
            rules::MISSING_NAMESPACE,
            ns_path.clone(),
            format!("{ns_path}: not set; the Job is planned in namespace \"default\""),
            "Set metadata.namespace to the namespace the Job must run in.",
        ));
    }

    let labels = metadata.and_then(|m| m.get("labels"));
    let labels_path = path.field("labels");
    for label in RECOMMENDED_LABELS {
        if is_blank(labels.and_then(|l| l.get(label))) {
            let p = labels_path.key(label);
            out.push(RawFinding::new(
                rules::MISSING_LABEL,
                p.clone(),
                format!("{p}: recommended label \"{label}\" is missing"),
                &format!("Add the label {label} to metadata.labels."),
            ));
        }
    }

    if let Some(Value::String(name)) = name {
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
        rules::NAMING,
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
            rules::CONTAINER_IMAGE,
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
            rules::MISSING_ARGS,
            p.clone(),
            format!("{p}: {who} has no args"),
            "Pass the Job's parameters as args.",
        ));
    }
    let resources = c.get("resources");
    for (field, rule, what) in [
        ("requests", rules::MISSING_REQUESTS, "requests"),
        ("limits", rules::MISSING_LIMITS, "limits"),
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
            rules::MISSING_ENV,
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
