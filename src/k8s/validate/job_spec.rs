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
        why: "Indexed Jobs need completions; backoffLimitPerIndex and maxFailedIndexes need Indexed mode; parallelism and maxFailedIndexes have upper limits so the status stays small.",
        example: "spec:\n  completionMode: Indexed\n  parallelism: 3",
        fix: "spec:\n  completionMode: Indexed\n  completions: 3\n  parallelism: 3",
        reference: "pkg/apis/batch/validation validateJobSpec (completion mode block).",
    },
    POD_FAILURE_POLICY = {
        code: "KJP409", name: "invalid-pod-failure-policy", severity: Error,
        summary: "spec.podFailurePolicy has an invalid rule, action, operator, exit-code list or container name.",
        why: "Each rule needs a supported action and exactly one of onExitCodes and onPodConditions; exit codes must be unique and ordered (0 is not allowed with In); at most 20 rules.",
        example: "podFailurePolicy:\n  rules:\n  - action: FailJob\n    onExitCodes: {operator: In, values: [42, 0]}",
        fix: "podFailurePolicy:\n  rules:\n  - action: FailJob\n    onExitCodes: {operator: In, values: [42]}",
        reference: "pkg/apis/batch/validation validatePodFailurePolicy, validatePodFailurePolicyRule, validatePodFailurePolicyRuleOnExitCodes.",
    },
    SUCCESS_POLICY = {
        code: "KJP410", name: "invalid-success-policy", severity: Error,
        summary: "spec.successPolicy is used without Indexed mode, has no rules, or a rule is out of range.",
        why: "A success policy declares the Job successful after given indexes or counts succeed; it only exists for Indexed Jobs and must fit within completions.",
        example: "spec:\n  successPolicy:\n    rules:\n    - succeededCount: 1",
        fix: "spec:\n  completionMode: Indexed\n  completions: 3\n  successPolicy:\n    rules:\n    - succeededCount: 1",
        reference: "pkg/apis/batch/validation validateSuccessPolicy, validateSuccessPolicyRule, validateIndexesFormat.",
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
        let parallelism = get_int(spec, "parallelism");
        let completions = get_int(spec, "completions");
        let per_index = get_int(spec, "backoffLimitPerIndex");
        let max_failed = get_int(spec, "maxFailedIndexes");
        let has = |f: &str| get(spec, f).is_some();
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
            if !has("completions") {
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

    pub(super) fn pod_failure_policy(&mut self, spec: Option<&Value>, pfp: &Value, p: &FieldPath) {
        let rules = get_seq(Some(pfp), "rules");
        let rp = p.field("rules");
        if rules.len() > 20 {
            self.push(
                POD_FAILURE_POLICY,
                &rp,
                too_many(&rp, rules.len(), 20),
                "Keep at most 20 podFailurePolicy rules.",
            );
        }
        let pod = obj(obj(spec, "template"), "spec");
        let container_names: HashSet<&str> = get_seq(pod, "containers")
            .iter()
            .chain(get_seq(pod, "initContainers"))
            .filter_map(|c| get_str(Some(c), "name"))
            .collect();
        const ACTIONS: [&str; 4] = ["Count", "FailIndex", "FailJob", "Ignore"];
        for (i, rule) in rules.iter().enumerate() {
            if !rule.is_mapping() {
                continue;
            }
            let rp = rp.index(i);
            let ap = rp.field("action");
            match get_str(Some(rule), "action").unwrap_or("") {
                "" => self.push(
                    POD_FAILURE_POLICY,
                    &ap,
                    required(&ap, &format!("valid values: {}", go_list(&ACTIONS))),
                    "Set the rule's action: Count, FailIndex, FailJob or Ignore.",
                ),
                "FailIndex" => {
                    if get(spec, "backoffLimitPerIndex").is_none() {
                        self.push(
                            POD_FAILURE_POLICY,
                            &ap,
                            invalid(
                                &ap,
                                &q("FailIndex"),
                                "requires the backoffLimitPerIndex to be set",
                            ),
                            "Set spec.backoffLimitPerIndex to use the FailIndex action.",
                        );
                    }
                }
                a if ACTIONS.contains(&a) => {}
                a => self.push(
                    POD_FAILURE_POLICY,
                    &ap,
                    not_supported(&ap, a, &ACTIONS),
                    "Use Count, FailIndex, FailJob or Ignore.",
                ),
            }
            let on_exit = get(Some(rule), "onExitCodes");
            let on_conds = get_seq(Some(rule), "onPodConditions");
            if let Some(oe) = on_exit.filter(|v| v.is_mapping()) {
                self.on_exit_codes(oe, &rp.field("onExitCodes"), &container_names);
            }
            let cp = rp.field("onPodConditions");
            if on_conds.len() > 20 {
                self.push(
                    POD_FAILURE_POLICY,
                    &cp,
                    too_many(&cp, on_conds.len(), 20),
                    "Keep at most 20 onPodConditions patterns.",
                );
            }
            for (j, c) in on_conds.iter().enumerate() {
                if !c.is_mapping() {
                    continue;
                }
                let tp = cp.index(j).field("type");
                let t = get_str(Some(c), "type").unwrap_or("");
                for m in names::is_qualified_name(t) {
                    self.push(
                        POD_FAILURE_POLICY,
                        &tp,
                        invalid(&tp, &q(t), &m),
                        "Name a Pod condition type such as DisruptionTarget.",
                    );
                }
                // An empty status defaults to True (SetDefaults_Job).
                if let Some(s) = get_str(Some(c), "status").filter(|s| !s.is_empty()) {
                    if !["False", "True", "Unknown"].contains(&s) {
                        let stp = cp.index(j).field("status");
                        self.push(
                            POD_FAILURE_POLICY,
                            &stp,
                            not_supported(&stp, s, &["False", "True", "Unknown"]),
                            "Use status True, False or Unknown.",
                        );
                    }
                }
            }
            match (on_exit.is_some(), !on_conds.is_empty()) {
                (true, true) => self.push(POD_FAILURE_POLICY, &rp, format!("{rp}: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported"), "Split the rule in two: one with onExitCodes, one with onPodConditions."),
                (false, false) => self.push(POD_FAILURE_POLICY, &rp, format!("{rp}: Invalid value: specifying one of OnExitCodes and OnPodConditions is required"), "Add onExitCodes or onPodConditions to the rule."),
                _ => {}
            }
        }
    }

    pub(super) fn on_exit_codes(
        &mut self,
        oe: &Value,
        p: &FieldPath,
        container_names: &HashSet<&str>,
    ) {
        let op = get_str(Some(oe), "operator").unwrap_or("");
        let opp = p.field("operator");
        match op {
            "" => self.push(
                POD_FAILURE_POLICY,
                &opp,
                required(
                    &opp,
                    &format!("valid values: {}", go_list(&["In", "NotIn"])),
                ),
                "Set operator: In or NotIn.",
            ),
            "In" | "NotIn" => {}
            _ => self.push(
                POD_FAILURE_POLICY,
                &opp,
                not_supported(&opp, op, &["In", "NotIn"]),
                "Use operator In or NotIn.",
            ),
        }
        if let Some(cn) = get_str(Some(oe), "containerName") {
            if !container_names.contains(cn) {
                let cp = p.field("containerName");
                self.push(
                    POD_FAILURE_POLICY,
                    &cp,
                    invalid(
                        &cp,
                        &q(cn),
                        "must be one of the container or initContainer names in the pod template",
                    ),
                    "Name one of the template's containers, or remove containerName.",
                );
            }
        }
        let vp = p.field("values");
        let values: Vec<i64> = get_seq(Some(oe), "values")
            .iter()
            .filter_map(int_of)
            .collect();
        if values.is_empty() {
            self.push(
                POD_FAILURE_POLICY,
                &vp,
                invalid(&vp, "[]int32{}", "at least one value is required"),
                "List at least one exit code.",
            );
        } else if values.len() > 255 {
            self.push(
                POD_FAILURE_POLICY,
                &vp,
                too_many(&vp, values.len(), 255),
                "List at most 255 exit codes.",
            );
        }
        let mut seen = HashSet::new();
        let mut ordered = true;
        for (j, &v) in values.iter().enumerate() {
            let ip = vp.index(j);
            if op == "In" && v == 0 {
                self.push(
                    POD_FAILURE_POLICY,
                    &ip,
                    invalid(&ip, "0", "must not be 0 for the In operator"),
                    "Remove 0 from an In list; a container exiting 0 succeeded.",
                );
            }
            if !seen.insert(v) {
                self.push(
                    POD_FAILURE_POLICY,
                    &ip,
                    duplicate(&ip, &v.to_string()),
                    "List each exit code once.",
                );
            }
            if j > 0 && values[j - 1] > v {
                ordered = false;
            }
        }
        if !ordered {
            let list: Vec<String> = values.iter().map(i64::to_string).collect();
            self.push(
                POD_FAILURE_POLICY,
                &vp,
                invalid(
                    &vp,
                    &format!("[]int32{{{}}}", list.join(", ")),
                    "must be ordered",
                ),
                "List exit codes in increasing order.",
            );
        }
    }

    pub(super) fn success_policy(&mut self, sucp: &Value, completions: i64, p: &FieldPath) {
        let rules = get_seq(Some(sucp), "rules");
        let rp = p.field("rules");
        if rules.is_empty() {
            self.push(
                SUCCESS_POLICY,
                &rp,
                required(
                    &rp,
                    "at least one rules must be specified when the successPolicy is specified",
                ),
                "Add a rule with succeededIndexes or succeededCount.",
            );
        }
        if rules.len() > 20 {
            self.push(
                SUCCESS_POLICY,
                &rp,
                too_many(&rp, rules.len(), 20),
                "Keep at most 20 successPolicy rules.",
            );
        }
        for (i, rule) in rules.iter().enumerate() {
            if !rule.is_mapping() {
                continue;
            }
            let rp = rp.index(i);
            let idx = get_str(Some(rule), "succeededIndexes");
            let count = get_int(Some(rule), "succeededCount");
            if idx.is_none() && count.is_none() {
                self.push(
                    SUCCESS_POLICY,
                    &rp,
                    required(
                        &rp,
                        "at least one of succeededCount or succeededIndexes must be specified",
                    ),
                    "Set succeededIndexes or succeededCount.",
                );
            }
            let mut total = 0i64;
            if let Some(idx) = idx {
                let ip = rp.field("succeededIndexes");
                if idx.len() > 64 * 1024 {
                    self.push(
                        SUCCESS_POLICY,
                        &ip,
                        too_long(&ip, 64 * 1024),
                        "Shorten succeededIndexes.",
                    );
                }
                match indexes_total(idx, completions) {
                    Ok(t) => total = t,
                    Err(e) => self.push(
                        SUCCESS_POLICY,
                        &ip,
                        invalid(
                            &ip,
                            &q(idx),
                            &format!("error parsing succeededIndexes: {e}"),
                        ),
                        "Write increasing indexes below completions, e.g. \"0,2-4\".",
                    ),
                }
            }
            if let Some(c) = count {
                let cp = rp.field("succeededCount");
                if c < 0 {
                    self.push(
                        SUCCESS_POLICY,
                        &cp,
                        invalid(&cp, &c.to_string(), "must be greater than or equal to 0"),
                        "Set succeededCount to 0 or more.",
                    );
                }
                if c > completions {
                    self.push(SUCCESS_POLICY, &cp, invalid(&cp, &c.to_string(), &format!("must be less than or equal to {completions} (the number of specified completions)")), "Lower succeededCount to at most completions.");
                }
                if idx.is_some() && c > total {
                    self.push(SUCCESS_POLICY, &cp, invalid(&cp, &c.to_string(), &format!("must be less than or equal to {total} (the number of indexes in the specified succeededIndexes field)")), "Lower succeededCount to at most the number of succeededIndexes.");
                }
            }
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
        let (Some(name), Some(c)) = (name, get_int(spec, "completions")) else {
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

    // -----------------------------------------------------------------------
    // The pod template's spec (ValidatePodSpec).
}

/// `validateIndexesFormat`: the number of indexes in "0,2-4", or the error.
pub(super) fn indexes_total(s: &str, completions: i64) -> Result<i64, String> {
    if s.is_empty() {
        return Ok(0);
    }
    let mut last: Option<i64> = None;
    let mut total: i64 = 0;
    for interval in s.split(',') {
        let parts: Vec<&str> = interval.split('-').collect();
        if parts.len() > 2 {
            return Err(format!("the fragment {} violates the requirement that an index interval can have at most two parts separated by '-'", q(interval)));
        }
        let parse = |t: &str| -> Result<i64, String> {
            let x: i64 = t
                .parse()
                .map_err(|_| format!("cannot convert string to integer for index: {}", q(t)))?;
            if x >= completions {
                return Err(format!("too large index: {}", q(t)));
            }
            Ok(x)
        };
        let x = parse(parts[0])?;
        let y = if parts.len() == 2 {
            let y = parse(parts[1])?;
            if x >= y {
                return Err(format!("non-increasing order, previous: {x}, current: {y}"));
            }
            y
        } else {
            x
        };
        if let Some(l) = last {
            if l >= x {
                return Err(format!("non-increasing order, previous: {l}, current: {x}"));
            }
        }
        total = total.saturating_add(y - x + 1);
        last = Some(y);
    }
    Ok(total)
}
