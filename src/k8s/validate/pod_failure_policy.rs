//! spec.podFailurePolicy (pkg/apis/batch/validation `validatePodFailurePolicy`).

use super::*;

crate::rules! {
    POD_FAILURE_POLICY = {
        code: "KJP409", name: "invalid-pod-failure-policy", severity: Error,
        summary: "spec.podFailurePolicy has an invalid rule, action, operator, exit-code list or container name.",
        why: "Each rule needs a supported action and exactly one of onExitCodes and onPodConditions; exit codes must be unique and ordered (0 is not allowed with In); at most 20 rules.",
        example: "podFailurePolicy:\n  rules:\n  - action: FailJob\n    onExitCodes: {operator: In, values: [42, 0]}",
        fix: "podFailurePolicy:\n  rules:\n  - action: FailJob\n    onExitCodes: {operator: In, values: [42]}",
        reference: "pkg/apis/batch/validation validatePodFailurePolicy, validatePodFailurePolicyRule, validatePodFailurePolicyRuleOnExitCodes.",
    },
}

impl Cx {
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
}
