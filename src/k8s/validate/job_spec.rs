//! The Job spec: counts, completion mode, pod failure and success policies,
//! replacement policy, managedBy, the template's restart policy
//! (pkg/apis/batch/validation `validateJobSpec`).

use super::*;

crate::rules! {
    JOB_NAME_LABEL = {
        code: "KJP405", name: "job-name-unusable-in-pods", severity: Error,
        summary: "The Job name cannot be used in its Pods: over 63 characters (it becomes the `job-name` label value), or, for an Indexed Job, `<name>-<last index>` is not a DNS label.",
        why: "On create the API server copies the Job name into the `batch.kubernetes.io/job-name` and `job-name` template labels, whose values are limited to 63 characters; Indexed Jobs also use `<name>-<index>` as the Pod hostname.",
        example: "metadata:\n  name: a-job-name-that-is-much-longer-than-sixty-three-characters-in-total",
        fix: "metadata:\n  name: a-shorter-job-name",
        reference: "pkg/registry/batch/job strategy PrepareForCreate (generateSelector); pkg/apis/batch/validation ValidateJob (Indexed hostname check) and ValidatePodTemplateSpec labels.",
    },
    JOB_COUNTS = {
        code: "KJP407", name: "negative-job-count", severity: Error,
        summary: "parallelism, completions, activeDeadlineSeconds, backoffLimit, ttlSecondsAfterFinished, backoffLimitPerIndex or maxFailedIndexes is negative.",
        why: "These counts and durations must be greater than or equal to 0.",
        example: "spec:\n  parallelism: -1",
        fix: "spec:\n  parallelism: 1",
        reference: "pkg/apis/batch/validation validateJobSpec (ValidateNonnegativeField).",
    },
    COMPLETION_MODE = {
        code: "KJP408", name: "invalid-completion-mode", severity: Error,
        summary: "completionMode is unknown, or an Indexed-only setting is used without Indexed mode or beyond its limits.",
        why: "An Indexed Job that sets parallelism needs completions (with neither set, both default to 1); backoffLimitPerIndex and maxFailedIndexes need Indexed mode; parallelism and maxFailedIndexes have upper limits so the status stays small.",
        example: "spec:\n  completionMode: Indexed\n  parallelism: 3",
        fix: "spec:\n  completionMode: Indexed\n  completions: 3\n  parallelism: 3",
        reference: "pkg/apis/batch/validation validateJobSpec (completion mode block).",
    },
    POD_REPLACEMENT_POLICY = {
        code: "KJP411", name: "invalid-pod-replacement-policy", severity: Error,
        summary: "spec.podReplacementPolicy is not Failed or TerminatingOrFailed (only Failed with a podFailurePolicy).",
        why: "With a pod failure policy, a replacement may only be created once the old Pod has fully failed.",
        example: "spec:\n  podReplacementPolicy: TerminatingOrFailed\n  podFailurePolicy: {rules: [...]}",
        fix: "spec:\n  podReplacementPolicy: Failed\n  podFailurePolicy: {rules: [...]}",
        reference: "pkg/apis/batch/validation validatePodReplacementPolicy.",
    },
    MANAGED_BY = {
        code: "KJP412", name: "invalid-managed-by", severity: Error,
        summary: "spec.managedBy is not a domain-prefixed path of at most 63 characters.",
        why: "managedBy names the controller that owns the Job, e.g. `kueue.x-k8s.io/multikueue`.",
        example: "spec:\n  managedBy: kueue",
        fix: "spec:\n  managedBy: kueue.x-k8s.io/multikueue",
        reference: "pkg/apis/batch/validation validateJobSpec; util/validation IsDomainPrefixedPath.",
    },
    RESTART_POLICY = {
        code: "KJP413", name: "invalid-job-restart-policy", severity: Error,
        summary: "spec.template.spec.restartPolicy is missing, Always, or unknown (or not Never with a podFailurePolicy).",
        why: "A missing restartPolicy defaults to Always, which a Job refuses: Job Pods must be OnFailure or Never.",
        example: "template:\n  spec:\n    containers: [...]",
        fix: "template:\n  spec:\n    restartPolicy: Never\n    containers: [...]",
        reference: "pkg/apis/batch/validation validateJobSpec; pkg/apis/core/v1 SetDefaults_PodSpec; core/validation validateRestartPolicy.",
    },
}

impl Cx {
    pub(super) fn job_spec(&mut self, spec: Option<&Value>, sp: &FieldPath) {
        for field in [
            "parallelism",
            "completions",
            "activeDeadlineSeconds",
            "backoffLimit",
            "ttlSecondsAfterFinished",
            "backoffLimitPerIndex",
            "maxFailedIndexes",
        ] {
            if let Some(v) = get_int(spec, field) {
                if v < 0 {
                    let p = sp.field(field);
                    self.push(
                        JOB_COUNTS,
                        &p,
                        invalid(&p, &v.to_string(), "must be greater than or equal to 0"),
                        &format!("Set {field} to 0 or more, or remove it."),
                    );
                }
            }
        }
        let has = |f: &str| get(spec, f).is_some();
        // batch/v1 SetDefaults_Job: with neither completions nor parallelism
        // set, both become 1 (only parallelism is defaulted otherwise).
        let both_unset = !has("completions") && !has("parallelism");
        let parallelism = get_int(spec, "parallelism");
        let completions = get_int(spec, "completions").or(both_unset.then_some(1));
        let per_index = get_int(spec, "backoffLimitPerIndex");
        let max_failed = get_int(spec, "maxFailedIndexes");
        if has("maxFailedIndexes") && !has("backoffLimitPerIndex") {
            let p = sp.field("backoffLimitPerIndex");
            self.push(
                COMPLETION_MODE,
                &p,
                required(&p, "when maxFailedIndexes is specified"),
                "Set backoffLimitPerIndex together with maxFailedIndexes.",
            );
        }
        if let Some(mb) = get_str(spec, "managedBy") {
            self.managed_by(mb, &sp.field("managedBy"));
        }
        let mode = get_str(spec, "completionMode");
        let indexed = mode == Some("Indexed");
        if let Some(m) = mode {
            let p = sp.field("completionMode");
            if m != "NonIndexed" && m != "Indexed" {
                self.push(
                    COMPLETION_MODE,
                    &p,
                    not_supported(&p, m, &["NonIndexed", "Indexed"]),
                    "Set completionMode to NonIndexed or Indexed.",
                );
            }
        }
        if indexed {
            if !has("completions") && !both_unset {
                let p = sp.field("completions");
                self.push(
                    COMPLETION_MODE,
                    &p,
                    required(&p, "when completion mode is Indexed"),
                    "Set spec.completions for an Indexed Job.",
                );
            }
            if let Some(par) = parallelism.filter(|&p| p > 100_000) {
                let p = sp.field("parallelism");
                self.push(
                    COMPLETION_MODE,
                    &p,
                    invalid(
                        &p,
                        &par.to_string(),
                        "must be less than or equal to 100000 when completion mode is Indexed",
                    ),
                    "Lower parallelism to at most 100000.",
                );
            }
            if let (Some(c), Some(mf)) = (completions, max_failed) {
                if mf > c {
                    let p = sp.field("maxFailedIndexes");
                    self.push(
                        COMPLETION_MODE,
                        &p,
                        invalid(
                            &p,
                            &mf.to_string(),
                            "must be less than or equal to completions",
                        ),
                        "Lower maxFailedIndexes to at most completions.",
                    );
                }
            }
            if let Some(mf) = max_failed.filter(|&m| m > 100_000) {
                let p = sp.field("maxFailedIndexes");
                self.push(
                    COMPLETION_MODE,
                    &p,
                    invalid(&p, &mf.to_string(), "must be less than or equal to 100000"),
                    "Lower maxFailedIndexes to at most 100000.",
                );
            }
            if completions.is_some_and(|c| c > 100_000) && has("backoffLimitPerIndex") {
                if !has("maxFailedIndexes") {
                    let p = sp.field("maxFailedIndexes");
                    self.push(
                        COMPLETION_MODE,
                        &p,
                        required(&p, "must be specified when completions is above 100000"),
                        "Set maxFailedIndexes when completions is above 100000.",
                    );
                }
                if let Some(par) = parallelism.filter(|&p| p > 10_000) {
                    let p = sp.field("parallelism");
                    self.push(COMPLETION_MODE, &p, invalid(&p, &par.to_string(), "must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index"), "Lower parallelism to at most 10000.");
                }
                if let Some(mf) = max_failed.filter(|&m| m > 10_000) {
                    let p = sp.field("maxFailedIndexes");
                    self.push(COMPLETION_MODE, &p, invalid(&p, &mf.to_string(), "must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index"), "Lower maxFailedIndexes to at most 10000.");
                }
            }
        }
        if mode.is_none() || mode == Some("NonIndexed") {
            if let Some(b) = per_index {
                let p = sp.field("backoffLimitPerIndex");
                self.push(
                    COMPLETION_MODE,
                    &p,
                    invalid(&p, &b.to_string(), "requires indexed completion mode"),
                    "Set completionMode: Indexed, or use backoffLimit instead.",
                );
            }
            if let Some(mf) = max_failed {
                let p = sp.field("maxFailedIndexes");
                self.push(
                    COMPLETION_MODE,
                    &p,
                    invalid(&p, &mf.to_string(), "requires indexed completion mode"),
                    "Set completionMode: Indexed, or remove maxFailedIndexes.",
                );
            }
        }
        let pfp = obj(spec, "podFailurePolicy");
        if let Some(pfp) = pfp {
            self.pod_failure_policy(spec, pfp, &sp.field("podFailurePolicy"));
        }
        if let Some(sucp) = obj(spec, "successPolicy") {
            let p = sp.field("successPolicy");
            if !indexed {
                self.push(
                    SUCCESS_POLICY,
                    &p,
                    invalid(&p, &json_repr(sucp), "requires indexed completion mode"),
                    "Set completionMode: Indexed, or remove successPolicy.",
                );
            } else if let Some(c) = completions {
                self.success_policy(sucp, c, &p);
            }
        }
        if let Some(rp) = get_str(spec, "podReplacementPolicy") {
            let p = sp.field("podReplacementPolicy");
            if pfp.is_some() {
                if rp != "Failed" {
                    self.push(
                        POD_REPLACEMENT_POLICY,
                        &p,
                        not_supported(&p, rp, &["Failed"]),
                        "Use podReplacementPolicy: Failed with a podFailurePolicy.",
                    );
                }
            } else if rp != "Failed" && rp != "TerminatingOrFailed" {
                self.push(
                    POD_REPLACEMENT_POLICY,
                    &p,
                    not_supported(&p, rp, &["Failed", "TerminatingOrFailed"]),
                    "Use Failed or TerminatingOrFailed.",
                );
            }
        }
    }

    pub(super) fn managed_by(&mut self, mb: &str, p: &FieldPath) {
        let help = "Set managedBy to a domain-prefixed path such as kueue.x-k8s.io/multikueue, or remove it.";
        if mb.is_empty() {
            self.push(MANAGED_BY, p, required(p, ""), help);
        } else {
            match mb.split_once('/') {
                Some((host, path)) if !host.is_empty() && !path.is_empty() => {
                    for m in names::is_dns1123_subdomain(host) {
                        self.push(MANAGED_BY, p, invalid(p, &q(host), &m), help);
                    }
                    let ok = path
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || b"/-._~%!$&'()*+,;=:".contains(&c));
                    if !ok {
                        let m = names::regex_error(
                            "Invalid path",
                            "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+",
                            &[],
                        );
                        self.push(MANAGED_BY, p, invalid(p, &q(path), &m), help);
                    }
                }
                _ => self.push(
                    MANAGED_BY,
                    p,
                    invalid(
                        p,
                        &q(mb),
                        "must be a domain-prefixed path (such as \"acme.io/foo\")",
                    ),
                    help,
                ),
            }
        }
        if mb.len() > 63 {
            self.push(MANAGED_BY, p, too_long(p, 63), help);
        }
    }

    pub(super) fn job_restart_policy(
        &mut self,
        spec: Option<&Value>,
        pod: Option<&Value>,
        pod_path: &FieldPath,
    ) {
        let p = pod_path.field("restartPolicy");
        // A missing restartPolicy defaults to Always (SetDefaults_PodSpec).
        let rp = match get(pod, "restartPolicy") {
            None => "",
            Some(v) => match v.as_str() {
                Some(s) => s,
                None => return,
            },
        };
        match rp {
            "" | "Always" => self.push(
                RESTART_POLICY,
                &p,
                required(&p, "valid values: \"OnFailure\", \"Never\""),
                "Set spec.template.spec.restartPolicy to Never or OnFailure.",
            ),
            "OnFailure" if get(spec, "podFailurePolicy").is_some() => self.push(
                RESTART_POLICY,
                &p,
                invalid(
                    &p,
                    &q(rp),
                    "only \"Never\" is supported when podFailurePolicy is specified",
                ),
                "Set restartPolicy: Never when using a podFailurePolicy.",
            ),
            "OnFailure" | "Never" => {}
            other => {
                // The pod-level check fires too, with its own list.
                self.push(
                    RESTART_POLICY,
                    &p,
                    not_supported(&p, other, &["Always", "OnFailure", "Never"]),
                    "Set restartPolicy to Never or OnFailure.",
                );
                self.push(
                    RESTART_POLICY,
                    &p,
                    not_supported(&p, other, &["OnFailure", "Never"]),
                    "Set restartPolicy to Never or OnFailure.",
                );
            }
        }
    }

    pub(super) fn indexed_hostname(
        &mut self,
        spec: Option<&Value>,
        name: Option<&str>,
        meta_path: &FieldPath,
    ) {
        // SetDefaults_Job: completions is 1 when neither it nor parallelism is set.
        let defaulted = get(spec, "completions").is_none() && get(spec, "parallelism").is_none();
        let completions = get_int(spec, "completions").or(defaulted.then_some(1));
        let (Some(name), Some(c)) = (name, completions) else {
            return;
        };
        if get_str(spec, "completionMode") != Some("Indexed") || c <= 0 {
            return;
        }
        let host = format!("{name}-{}", c - 1);
        if !names::is_dns1123_label(&host).is_empty() {
            let p = meta_path.field("name");
            self.push(
                JOB_NAME_LABEL,
                &p,
                invalid(&p, &q(name), &format!("will not able to create pod with invalid DNS label: {host}")),
                "Shorten the name (and avoid dots) so that <name>-<last index> is a DNS label of at most 63 characters.",
            );
        }
    }
}
