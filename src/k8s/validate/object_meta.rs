//! Object metadata: names, namespace, labels, annotations, finalizers,
//! resourceVersion (apimachinery `ValidateObjectMeta`, `ValidateLabels`,
//! `ValidateAnnotations`, `ValidateFinalizers`), and the pod template
//! annotations the API server reads (`ValidatePodSpecificAnnotations`).

use super::*;

crate::rules! {
    OBJECT_NAME = {
        code: "KJP401", name: "invalid-object-name", severity: Error,
        summary: "metadata.name or metadata.generateName is not a DNS-1123 subdomain.",
        why: "The API server refuses object names with upper case letters, underscores, spaces or placeholders such as `$ITEM`, and names over 253 characters.",
        example: "metadata:\n  name: process-item-$ITEM",
        fix: "metadata:\n  name: process-item-apple",
        reference: "k8s.io/apimachinery/pkg/api/validation ValidateObjectMeta with ValidateReplicationControllerName (NameIsDNSSubdomain); util/validation IsDNS1123Subdomain.",
    },
    NAMESPACE = {
        code: "KJP402", name: "invalid-namespace", severity: Error,
        summary: "metadata.namespace is not a DNS-1123 label.",
        why: "Namespace names are DNS labels: lower case, digits and '-', at most 63 characters, no dots.",
        example: "metadata:\n  namespace: Batch_Jobs",
        fix: "metadata:\n  namespace: batch-jobs",
        reference: "k8s.io/apimachinery/pkg/api/validation ValidateObjectMeta (ValidateNamespaceName); IsDNS1123Label.",
    },
    LABELS = {
        code: "KJP403", name: "invalid-labels", severity: Error,
        summary: "A label key is not a qualified name, or a label value is not a valid label value.",
        why: "Label keys are `[prefix/]name` with a DNS subdomain prefix and a name of at most 63 characters; values are at most 63 characters of alphanumerics, '-', '_' and '.', starting and ending alphanumeric. This applies to the Job's, the template's and selector labels.",
        example: "metadata:\n  labels:\n    app: my app   # space\n    team/: x       # empty name part",
        fix: "metadata:\n  labels:\n    app: my-app\n    team: x",
        reference: "k8s.io/apimachinery/pkg/apis/meta/v1/validation ValidateLabels, ValidateLabelName; util/validation IsQualifiedName, IsValidLabelValue.",
    },
    ANNOTATIONS = {
        code: "KJP404", name: "invalid-annotations", severity: Error,
        summary: "An annotation key is not a qualified name, all annotations together (with the one kubectl apply adds) exceed 256 KiB, or a pod template annotation the API server reads (pod-deletion-cost, config.mirror) is invalid.",
        why: "The API server checks annotation keys like label keys (case-insensitively) and limits the total size of keys and values to 262144 bytes. Client-side kubectl apply also stores the whole manifest as JSON in the kubectl.kubernetes.io/last-applied-configuration annotation, so a manifest near 256 KiB is refused too. In a pod template, controller.kubernetes.io/pod-deletion-cost must be a 32-bit integer and kubernetes.io/config.mirror needs spec.nodeName.",
        example: "metadata:\n  annotations:\n    \"my annotation\": x",
        fix: "metadata:\n  annotations:\n    example.com/my-annotation: x",
        reference: "k8s.io/apimachinery/pkg/api/validation ValidateAnnotations (TotalAnnotationSizeLimitB); pkg/apis/core/validation ValidatePodSpecificAnnotations.",
    },
    RESOURCE_VERSION = {
        code: "KJP428", name: "resource-version-on-create", severity: Error,
        summary: "metadata.resourceVersion is set, as in a manifest exported with kubectl get -o yaml.",
        why: "Creating an object that carries a resourceVersion fails (\"resourceVersion should not be set on objects to be created\"); exported Jobs also carry the old controller-uid selector and labels, which the API server refuses too.",
        example: "metadata:\n  name: pi\n  resourceVersion: \"123456\"",
        fix: "metadata:\n  name: pi",
        reference: "k8s.io/apiserver storage (etcd3) Create: ErrResourceVersionSetOnCreate.",
    },
    FINALIZERS = {
        code: "KJP429", name: "invalid-finalizer", severity: Error,
        summary: "A metadata.finalizers entry is not a qualified name or is an unqualified name other than a standard one, or orphan and foregroundDeletion are both set.",
        why: "Finalizers of built-in objects such as Jobs must be domain-qualified names like `example.com/cleanup`; only the standard `kubernetes`, `orphan` and `foregroundDeletion` may be written without a prefix, and `orphan` contradicts `foregroundDeletion`.",
        example: "metadata:\n  finalizers:\n  - cleanup",
        fix: "metadata:\n  finalizers:\n  - example.com/cleanup",
        reference: "k8s.io/apimachinery/pkg/api/validation ValidateFinalizers, ValidateFinalizerName; pkg/apis/core/validation ValidateObjectMeta (validateKubeFinalizerName, standard finalizers).",
    },
}

impl Cx {
    pub(super) fn object_meta(
        &mut self,
        doc: &Value,
        meta: Option<&Value>,
        path: &FieldPath,
        name: Option<&str>,
    ) {
        if let Some(n) = name {
            let p = path.field("name");
            for m in names::is_dns1123_subdomain(n) {
                self.push(
                    OBJECT_NAME,
                    &p,
                    invalid(&p, &q(n), &m),
                    "Use only lower case letters, digits, '-' and '.', starting and ending with a letter or digit (expand any template placeholder first).",
                );
            }
        }
        if let Some(g) = get_str(meta, "generateName").filter(|g| !g.is_empty()) {
            let p = path.field("generateName");
            // NameIsDNSSubdomain(prefix=true) runs maskTrailingDash, which
            // replaces the last two bytes of "...x-" by "a".
            let masked = match g.get(..g.len().saturating_sub(2)) {
                Some(head) if g.len() > 1 && g.ends_with('-') => format!("{head}a"),
                _ => g.to_string(),
            };
            for m in names::is_dns1123_subdomain(&masked) {
                self.push(
                    OBJECT_NAME,
                    &p,
                    invalid(&p, &q(g), &m),
                    "Use a lower case DNS name prefix such as my-job-.",
                );
            }
        }
        if let Some(rv) = get(meta, "resourceVersion").filter(|v| v.as_str() != Some("")) {
            let p = path.field("resourceVersion");
            let shown = rv
                .as_str()
                .map_or_else(|| crate::diagnostic::scalar_text(rv), q);
            self.push(
                RESOURCE_VERSION,
                &p,
                invalid(&p, &shown, "resourceVersion should not be set on objects to be created"),
                "Remove metadata.resourceVersion (and uid, creationTimestamp and status) from the manifest.",
            );
        }
        if let Some(ns) = get_str(meta, "namespace").filter(|n| !n.trim().is_empty()) {
            let p = path.field("namespace");
            for m in names::is_dns1123_label(ns) {
                self.push(
                    NAMESPACE,
                    &p,
                    invalid(&p, &q(ns), &m),
                    "Use a namespace name of lower case letters, digits and '-', at most 63 characters.",
                );
            }
        }
        self.labels(get_map(meta, "labels"), &path.field("labels"));
        // apimachinery ValidateFinalizers (errors at the list), then the core
        // check that an unqualified name is a standard one (at each entry).
        let fp = path.field("finalizers");
        let finalizers: Vec<(usize, &str)> = get_seq(meta, "finalizers")
            .iter()
            .enumerate()
            .filter_map(|(i, f)| Some((i, f.as_str()?)))
            .collect();
        for (_, f) in &finalizers {
            for m in names::is_qualified_name(f) {
                self.push(
                    FINALIZERS,
                    &fp,
                    invalid(&fp, &q(f), &m),
                    "Use a finalizer name of the form <domain>/<name>, e.g. example.com/cleanup.",
                );
            }
        }
        let has = |name: &str| finalizers.iter().any(|(_, f)| *f == name);
        if has("orphan") && has("foregroundDeletion") {
            let all: Vec<&str> = finalizers.iter().map(|(_, f)| *f).collect();
            let shown = format!(
                "[]string{{{}}}",
                all.iter().map(|f| q(f)).collect::<Vec<_>>().join(", ")
            );
            self.push(
                FINALIZERS,
                &fp,
                invalid(
                    &fp,
                    &shown,
                    "finalizer orphan and foregroundDeletion cannot be both set",
                ),
                "Keep either orphan or foregroundDeletion, not both.",
            );
        }
        for (i, f) in &finalizers {
            if !f.contains('/') && !["kubernetes", "orphan", "foregroundDeletion"].contains(f) {
                let ip = fp.index(*i);
                self.push(
                    FINALIZERS,
                    &ip,
                    invalid(
                        &ip,
                        &q(f),
                        "name is neither a standard finalizer name nor is it fully qualified",
                    ),
                    "Prefix the finalizer with a domain you own, e.g. example.com/cleanup.",
                );
            }
        }
        // Client-side apply copies the manifest into the Job's annotations.
        self.annotations(
            get_map(meta, "annotations"),
            &path.field("annotations"),
            Some(doc),
        );
    }

    /// `ValidateLabels`: every error is reported at the map's path.
    pub(super) fn labels(&mut self, m: Option<&Mapping>, p: &FieldPath) {
        self.labels_as(LABELS, m, p);
    }

    pub(super) fn labels_as(
        &mut self,
        rule: &'static crate::rules::Rule,
        m: Option<&Mapping>,
        p: &FieldPath,
    ) {
        for (k, v) in str_entries(m) {
            for msg in names::is_qualified_name(k) {
                self.push(rule, p, invalid(p, &q(k), &msg), "Use a label key of the form [prefix/]name: a DNS subdomain prefix and a name of at most 63 alphanumerics, '-', '_' or '.'.");
            }
            for msg in names::is_valid_label_value(v) {
                self.push(rule, p, invalid(p, &q(v), &msg), "Use a label value of at most 63 alphanumerics, '-', '_' or '.', starting and ending with a letter or digit.");
            }
        }
    }

    /// `ValidateAnnotations`. `applied` is the size of the annotation that
    /// client-side `kubectl apply` adds (0 for the template).
    pub(super) fn annotations(
        &mut self,
        m: Option<&Mapping>,
        p: &FieldPath,
        applied_copy_of: Option<&Value>,
    ) {
        let empty = Mapping::new();
        let m = m.unwrap_or(&empty);
        let mut total = 0usize;
        for (k, v) in m {
            let Some(k) = k.as_str() else { continue };
            for msg in names::is_qualified_name(&k.to_lowercase()) {
                self.push(
                    ANNOTATIONS,
                    p,
                    invalid(p, &q(k), &msg),
                    "Use an annotation key of the form [prefix/]name, e.g. example.com/owner.",
                );
            }
            total += k.len() + v.as_str().map_or(0, str::len);
        }
        const LIMIT: usize = 256 * 1024;
        if total > LIMIT {
            self.push(
                ANNOTATIONS,
                p,
                too_long(p, LIMIT),
                "Move large data out of annotations, e.g. into a ConfigMap.",
            );
        } else if applied_copy_of.is_some_and(|doc| {
            total + json_len_bound(doc) > LIMIT && total + last_applied_size(doc) > LIMIT
        }) {
            self.push(
                ANNOTATIONS,
                p,
                too_long(p, LIMIT),
                "Use kubectl apply --server-side or kubectl create: client-side apply copies the whole manifest into the last-applied-configuration annotation, which makes it too large.",
            );
        }
    }

    /// ValidatePodSpecificAnnotations (run by ValidatePodTemplateSpec): the
    /// template annotations the API server reads. `pod` is the template's spec.
    pub(super) fn pod_template_annotations(
        &mut self,
        m: Option<&Mapping>,
        pod: Option<&Value>,
        ap: &FieldPath,
    ) {
        for (k, v) in str_entries(m) {
            let kp = ap.key(k);
            if k == "kubernetes.io/config.mirror"
                && get_str(pod, "nodeName").is_none_or(str::is_empty)
            {
                self.push(
                    ANNOTATIONS,
                    &kp,
                    invalid(
                        &kp,
                        &q(v),
                        "must set spec.nodeName if mirror pod annotation is set",
                    ),
                    "Remove the kubernetes.io/config.mirror annotation: only the kubelet sets it.",
                );
            }
            // GetDeletionCostFromPodAnnotations: a decimal int32 without '+'
            // or leading zeros (PodDeletionCost is on in every version).
            let first_ok = v.starts_with('-')
                || v == "0"
                || v.starts_with(|c: char| ('1'..='9').contains(&c));
            let digits = v.strip_prefix('-').unwrap_or(v);
            let parses = !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && v.parse::<i32>().is_ok();
            if k == "controller.kubernetes.io/pod-deletion-cost" && !(first_ok && parses) {
                self.push(
                    ANNOTATIONS,
                    &kp,
                    invalid(&kp, &q(v), "must be a 32bit integer"),
                    "Set pod-deletion-cost to a whole number between -2147483648 and 2147483647, quoted.",
                );
            }
        }
    }
}

/// Bytes that client-side `kubectl apply` adds to the annotations: the key
/// `kubectl.kubernetes.io/last-applied-configuration` and the manifest as
/// compact JSON plus a newline.
pub(super) fn last_applied_size(doc: &Value) -> usize {
    const KEY: &str = "kubectl.kubernetes.io/last-applied-configuration";
    let json = serde_json::to_string(doc).map_or(0, |s| s.len());
    // A manifest that already carries the annotation replaces it.
    let existing = get(get(Some(doc), "metadata"), "annotations")
        .and_then(|a| get_str(Some(a), KEY))
        .map_or(0, str::len);
    KEY.len() + json.saturating_sub(existing) + 1
}

/// An upper bound of the compact JSON length of `v`, without serializing it
/// (a string byte takes at most 6 bytes escaped). Real Jobs are far below the
/// annotation limit, so `last_applied_size`, which serializes the whole
/// manifest, runs only for the rare one that could reach it.
pub(super) fn json_len_bound(v: &Value) -> usize {
    match v {
        Value::Null | Value::Bool(_) => 5,
        Value::Number(_) => 32,
        Value::String(s) => s.len() * 6 + 2,
        Value::Sequence(items) => 2 + items.iter().map(|i| json_len_bound(i) + 1).sum::<usize>(),
        Value::Mapping(m) => {
            2 + m
                .iter()
                .map(|(k, v)| json_len_bound(k) + json_len_bound(v) + 2)
                .sum::<usize>()
        }
        Value::Tagged(t) => json_len_bound(&t.value),
    }
}
