//! A team's own conventions, from the `conventions:` of a policy file
//! (codes KJP6xx), and the per-Job ignore annotation. Each convention is
//! off until the policy sets it; `policy` parses and compiles the settings,
//! this module only checks a Job document against them.

use crate::diagnostic::{scalar_text, RawFinding};
use crate::path::FieldPath;
use serde::Serialize;
use serde_yaml::Value;
use std::collections::BTreeMap;

crate::rules! {
    REQUIRED_LABEL = {
        code: "KJP601", name: "missing-required-label", severity: Warning,
        summary: "A label the policy requires (conventions.requiredLabels) is missing, or its value does not match the policy's pattern.",
        why: "Teams select, bill and clean up Jobs by their labels; a Job without them escapes every one of those tools.",
        example: "# k8s-job-plan.yaml: conventions: {requiredLabels: {team: \"^[a-z]+$\"}}\nmetadata:\n  labels:\n    app: report",
        fix: "metadata:\n  labels:\n    app: report\n    team: data",
        reference: "docs/policy.md (conventions.requiredLabels).",
    },
    REQUIRED_ANNOTATION = {
        code: "KJP602", name: "missing-required-annotation", severity: Warning,
        summary: "An annotation the policy requires (conventions.requiredAnnotations) is missing, or its value does not match the policy's pattern.",
        why: "Annotations such as an owner or a runbook link are how on-call finds who a failing Job belongs to.",
        example: "# k8s-job-plan.yaml: conventions: {requiredAnnotations: [owner]}\nmetadata:\n  name: report",
        fix: "metadata:\n  name: report\n  annotations:\n    owner: data-team@example.com",
        reference: "docs/policy.md (conventions.requiredAnnotations).",
    },
    NAME_PATTERN = {
        code: "KJP603", name: "name-pattern-mismatch", severity: Warning,
        summary: "metadata.name does not match the policy's conventions.namePattern.",
        why: "A naming convention makes each Job traceable to its owner and purpose at a glance.",
        example: "# k8s-job-plan.yaml: conventions: {namePattern: \"^batch-[a-z0-9-]+$\"}\nmetadata:\n  name: report",
        fix: "metadata:\n  name: batch-report",
        reference: "docs/policy.md (conventions.namePattern).",
    },
    NAMESPACE_NOT_ALLOWED = {
        code: "KJP604", name: "namespace-not-allowed", severity: Warning,
        summary: "The Job's namespace is not in the policy's conventions.allowedNamespaces.",
        why: "Jobs in an unexpected namespace run with the wrong quotas, secrets and permissions.",
        example: "# k8s-job-plan.yaml: conventions: {allowedNamespaces: [batch]}\nmetadata:\n  namespace: default",
        fix: "metadata:\n  namespace: batch",
        reference: "docs/policy.md (conventions.allowedNamespaces).",
    },
    REGISTRY_NOT_ALLOWED = {
        code: "KJP605", name: "registry-not-allowed", severity: Warning,
        summary: "A container image does not come from one of the policy's conventions.allowedRegistries.",
        why: "Images from unvetted registries bypass the team's scanning and provenance checks.",
        example: "# k8s-job-plan.yaml: conventions: {allowedRegistries: [registry.example.com/]}\ncontainers:\n- name: main\n  image: busybox:1.36",
        fix: "containers:\n- name: main\n  image: registry.example.com/busybox:1.36",
        reference: "docs/policy.md (conventions.allowedRegistries).",
    },
    PARALLELISM_TOO_HIGH = {
        code: "KJP606", name: "parallelism-too-high", severity: Warning,
        summary: "spec.parallelism is above the policy's conventions.maxParallelism.",
        why: "A Job that runs too many Pods at once can starve the rest of the cluster or exhaust a quota.",
        example: "# k8s-job-plan.yaml: conventions: {maxParallelism: 10}\nspec:\n  parallelism: 50",
        fix: "spec:\n  parallelism: 10",
        reference: "docs/policy.md (conventions.maxParallelism).",
    },
    INVALID_INLINE_IGNORE = {
        code: "KJP607", name: "invalid-inline-ignore", severity: Warning,
        summary: "The k8s-job-plan.io/ignore annotation has no reason, names an unknown rule, or names a rule that cannot be ignored.",
        why: "An ignore must say why, so that a reviewer can judge it; and an error the API server would raise cannot be ignored, since the Job still could not be created.",
        example: "metadata:\n  annotations:\n    k8s-job-plan.io/ignore: KJP206",
        fix: "metadata:\n  annotations:\n    k8s-job-plan.io/ignore: \"KJP206: the image reads its settings from a mounted file\"",
        reference: "docs/policy.md (per-Job ignores).",
    },
}

/// The annotation that ignores rules for one Job: `"CODE, name: reason"`.
pub const IGNORE_ANNOTATION: &str = "k8s-job-plan.io/ignore";

/// `requiredLabels` / `requiredAnnotations`: a list of keys, or key → a
/// regular expression the value must match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Required {
    Keys(Vec<String>),
    Patterns(BTreeMap<String, String>),
}

/// `requireResources`: which of requests and limits every container sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RequireResources {
    Requests,
    Limits,
    Both,
    None,
}

/// The `conventions:` of a policy file, as written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conventions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_labels: Option<Required>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_annotations: Option<Required>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_namespaces: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_registries: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_resources: Option<RequireResources>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_parallelism: Option<u64>,
}

/// A regular expression that must match a whole value.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub source: String,
    re: crate::pattern::Regex,
}

impl Pattern {
    /// Compiles `source`, anchored at both ends.
    pub fn new(source: &str) -> Result<Pattern, String> {
        crate::pattern::Regex::new(source)
            .map(|re| Pattern {
                source: source.to_string(),
                re,
            })
            .map_err(|e| format!("invalid regular expression {source:?}: {e}"))
    }

    pub fn matches(&self, s: &str) -> bool {
        self.re.is_match(s)
    }
}

/// Conventions ready to check: patterns compiled once per plan.
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    pub labels: KeyPatterns,
    pub annotations: KeyPatterns,
    pub name: Option<Pattern>,
    pub namespaces: Option<Vec<String>>,
    pub registries: Option<Vec<String>>,
    pub max_parallelism: Option<u64>,
}

/// Keys, each with the pattern its value must match, if any.
type KeyPatterns = Vec<(String, Option<Pattern>)>;

fn compile_required(
    r: &Option<Required>,
    at: FieldPath,
) -> Result<KeyPatterns, (FieldPath, String)> {
    match r {
        None => Ok(Vec::new()),
        Some(Required::Keys(keys)) => Ok(keys.iter().map(|k| (k.clone(), None)).collect()),
        Some(Required::Patterns(map)) => map
            .iter()
            .map(|(k, p)| {
                let pat = Pattern::new(p).map_err(|m| (at.key(k), m))?;
                Ok((k.clone(), Some(pat)))
            })
            .collect(),
    }
}

impl Conventions {
    /// Compiles the patterns; the error names the first bad one and where
    /// it is in the policy file.
    pub fn compile(&self) -> Result<Compiled, (FieldPath, String)> {
        let at = FieldPath::root().field("conventions");
        Ok(Compiled {
            labels: compile_required(&self.required_labels, at.field("requiredLabels"))?,
            annotations: compile_required(
                &self.required_annotations,
                at.field("requiredAnnotations"),
            )?,
            name: self
                .name_pattern
                .as_deref()
                .map(Pattern::new)
                .transpose()
                .map_err(|m| (at.field("namePattern"), m))?,
            namespaces: self.allowed_namespaces.clone(),
            registries: self.allowed_registries.clone(),
            max_parallelism: self.max_parallelism,
        })
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn str_at(v: Option<&Value>) -> Option<&str> {
    match v {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// Runs the conventions on one Job document.
pub fn check(doc: &Value, c: &Compiled, out: &mut Vec<RawFinding>) {
    if doc.get("kind").and_then(Value::as_str) != Some("Job") {
        return;
    }
    let meta = doc.get("metadata");
    let meta_path = FieldPath::root().field("metadata");
    for (field, list, rule, what) in [
        ("labels", &c.labels, REQUIRED_LABEL, "label"),
        (
            "annotations",
            &c.annotations,
            REQUIRED_ANNOTATION,
            "annotation",
        ),
    ] {
        let map = meta.and_then(|m| m.get(field));
        for (key, pattern) in list {
            let p = meta_path.field(field).key(key);
            match (map.and_then(|m| m.get(key.as_str())), pattern) {
                (None | Some(Value::Null), _) => out.push(RawFinding::new(
                    rule,
                    p.clone(),
                    format!("{p}: required {what} {} is missing", quote(key)),
                    &format!("Add the {what} {key} to metadata.{field}, as the policy requires."),
                )),
                (Some(v), Some(pat)) if !pat.matches(&scalar_text(v)) => out.push(RawFinding::new(
                    rule,
                    p.clone(),
                    format!(
                        "{p}: {}: does not match the policy's pattern {}",
                        quote(&scalar_text(v)),
                        quote(&pat.source)
                    ),
                    &format!("Give the {what} {key} a value that matches {}.", pat.source),
                )),
                _ => {}
            }
        }
    }
    if let Some(pat) = &c.name {
        if let Some(name) = str_at(meta.and_then(|m| m.get("name"))) {
            if !pat.matches(name) {
                let p = meta_path.field("name");
                out.push(RawFinding::new(
                    NAME_PATTERN,
                    p.clone(),
                    format!(
                        "{p}: {}: does not match the policy's namePattern {}",
                        quote(name),
                        quote(&pat.source)
                    ),
                    &format!("Name the Job to match {}.", pat.source),
                ));
            }
        }
    }
    if let Some(allowed) = &c.namespaces {
        let ns = match str_at(meta.and_then(|m| m.get("namespace"))) {
            Some(s) if !s.trim().is_empty() => s,
            _ => "default",
        };
        if !allowed.iter().any(|a| a == ns) {
            let p = meta_path.field("namespace");
            out.push(RawFinding::new(
                NAMESPACE_NOT_ALLOWED,
                p.clone(),
                format!(
                    "{p}: {}: not one of the policy's allowed namespaces ({})",
                    quote(ns),
                    allowed.join(", ")
                ),
                "Set metadata.namespace to one of the allowed namespaces.",
            ));
        }
    }
    let spec = doc.get("spec");
    if let Some(max) = c.max_parallelism {
        if let Some(n) = spec
            .and_then(|s| s.get("parallelism"))
            .and_then(Value::as_u64)
        {
            if n > max {
                let p = FieldPath::root().field("spec").field("parallelism");
                out.push(RawFinding::new(
                    PARALLELISM_TOO_HIGH,
                    p.clone(),
                    format!("{p}: {n}: above the policy's maxParallelism {max}"),
                    &format!("Set spec.parallelism to at most {max}."),
                ));
            }
        }
    }
    if let Some(allowed) = &c.registries {
        let pod = spec
            .and_then(|s| s.get("template"))
            .and_then(|t| t.get("spec"));
        let pod_path = FieldPath::root()
            .field("spec")
            .field("template")
            .field("spec");
        for list in ["initContainers", "containers"] {
            let Some(Value::Sequence(items)) = pod.and_then(|p| p.get(list)) else {
                continue;
            };
            for (i, c) in items.iter().enumerate() {
                let Some(image) = str_at(c.get("image")) else {
                    continue;
                };
                if image.trim().is_empty() || registry_allowed(image.trim(), allowed) {
                    continue;
                }
                let p = pod_path.field(list).index(i).field("image");
                out.push(RawFinding::new(
                    REGISTRY_NOT_ALLOWED,
                    p.clone(),
                    format!(
                        "{p}: {}: not from one of the policy's allowed registries ({})",
                        quote(image),
                        allowed.join(", ")
                    ),
                    "Pull the image from an allowed registry.",
                ));
            }
        }
    }
}

/// Whether `image` starts with one of the prefixes, as written or with
/// Docker Hub's implicit `docker.io/` (and `library/`) spelled out.
fn registry_allowed(image: &str, allowed: &[String]) -> bool {
    let first = image.split('/').next().unwrap_or("");
    let has_domain =
        image.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let full = if has_domain {
        image.to_string()
    } else if image.contains('/') {
        format!("docker.io/{image}")
    } else {
        format!("docker.io/library/{image}")
    };
    allowed.iter().any(|prefix| {
        [image, full.as_str()].iter().any(|i| {
            i.strip_prefix(prefix.as_str()).is_some_and(|rest| {
                prefix.ends_with('/') || rest.is_empty() || rest.starts_with(['/', ':', '@'])
            })
        })
    })
}

/// One `k8s-job-plan.io/ignore` annotation, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineIgnore {
    /// Rule codes or names, as written.
    pub rules: Vec<String>,
    /// The text after the colon; `None` when there is none.
    pub reason: Option<String>,
    /// Where the annotation is.
    pub path: FieldPath,
}

/// The Job's ignore annotation, if any.
pub fn inline_ignore(doc: &Value) -> Option<InlineIgnore> {
    let v = doc
        .get("metadata")
        .and_then(|m| m.get("annotations"))
        .and_then(|a| a.get(IGNORE_ANNOTATION))?;
    let text = scalar_text(v);
    let (rules, reason) = match text.split_once(':') {
        Some((r, why)) => (r, Some(why.trim()).filter(|w| !w.is_empty())),
        None => (text.as_str(), None),
    };
    Some(InlineIgnore {
        rules: rules
            .split(',')
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect(),
        reason: reason.map(str::to_string),
        path: FieldPath::root()
            .field("metadata")
            .field("annotations")
            .key(IGNORE_ANNOTATION),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registries() {
        let allowed = vec!["docker.io/library/".to_string(), "ghcr.io/acme".to_string()];
        assert!(registry_allowed("busybox:1.36", &allowed));
        assert!(registry_allowed("ghcr.io/acme/x:1", &allowed));
        assert!(!registry_allowed("ghcr.io/acmex/x:1", &allowed));
        assert!(!registry_allowed("quay.io/x/y", &allowed));
    }

    #[test]
    fn inline_ignore_parses() {
        let doc: Value = serde_yaml::from_str(
            "metadata: {annotations: {k8s-job-plan.io/ignore: 'KJP206, missing-args: defaults'}}",
        )
        .unwrap();
        let i = inline_ignore(&doc).unwrap();
        assert_eq!(i.rules, ["KJP206", "missing-args"]);
        assert_eq!(i.reason.as_deref(), Some("defaults"));
    }
}
