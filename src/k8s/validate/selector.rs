//! Label selectors: the Job's selector, generated or manual, and
//! `ValidateLabelSelector` (meta/v1/validation).

use super::*;

crate::rules! {
    SELECTOR = {
        code: "KJP406", name: "invalid-job-selector", severity: Error,
        summary: "spec.selector is set without manualSelector: true, is malformed, or does not match the template labels.",
        why: "The API server generates a Job's selector from its UID; a hand-written selector is refused unless manualSelector is true, and then it must be valid and select the template's labels.",
        example: "spec:\n  selector:\n    matchLabels: {app: worker}\n  template:\n    metadata:\n      labels: {app: worker}",
        fix: "spec:\n  template:\n    metadata:\n      labels: {app: worker}",
        reference: "pkg/apis/batch/validation validateGeneratedSelector and ValidateJobSpec; meta/v1/validation ValidateLabelSelector.",
    },
}

impl Cx {
    /// `validateGeneratedSelector` for a Job without manualSelector: true.
    pub(super) fn generated_selector(
        &mut self,
        spec: Option<&Value>,
        spec_path: &FieldPath,
        tmpl_path: &FieldPath,
        name: Option<&str>,
        labels: &BTreeMap<String, LabelValue>,
    ) {
        let labels_path = tmpl_path.field("metadata").field("labels");
        // ValidateHasLabel: user-written generated labels must carry the real values.
        for key in UID_LABELS.iter().rev() {
            if let Some(LabelValue::Text(_)) = labels.get(*key) {
                let p = labels_path.key(key);
                self.push(
                    SELECTOR,
                    &p,
                    invalid(&p, &go_map(labels), "must be '<uid>'"),
                    "Remove the controller-uid label from the template: the API server sets it to the Job's UID.",
                );
            }
        }
        if let Some(n) = name {
            for key in JOB_NAME_LABELS.iter().rev() {
                if let Some(v) = labels.get(*key) {
                    if !v.is(n) {
                        let p = labels_path.key(key);
                        self.push(
                            SELECTOR,
                            &p,
                            invalid(&p, &go_map(labels), &format!("must be '{n}'")),
                            "Remove the job-name label from the template, or set it to the Job's name.",
                        );
                    }
                }
            }
        }
        let Some(sel) = obj(spec, "selector") else {
            return;
        };
        // The server adds matchLabels[controller-uid] = UID when absent, then
        // requires the selector to select exactly what it generated.
        let mut expected: BTreeMap<String, LabelValue> = BTreeMap::new();
        for key in JOB_NAME_LABELS {
            expected.insert(
                key.to_string(),
                LabelValue::Text(name.unwrap_or("").to_string()),
            );
        }
        for key in UID_LABELS {
            expected.insert(key.to_string(), LabelValue::Uid);
        }
        if selector_matches(sel, &expected) == Some(false) {
            let p = spec_path.field("selector");
            self.push(
                SELECTOR,
                &p,
                invalid(&p, &selector_repr(sel), "`selector` not auto-generated"),
                "Remove spec.selector (the API server generates it), or set spec.manualSelector: true.",
            );
        }
    }

    pub(super) fn job_selector(
        &mut self,
        spec: Option<&Value>,
        spec_path: &FieldPath,
        labels: &BTreeMap<String, LabelValue>,
        manual: bool,
    ) {
        let p = spec_path.field("selector");
        let user = get(spec, "selector");
        if user.is_some_and(|v| !v.is_mapping()) {
            return;
        }
        if manual && user.is_none() {
            self.push(
                SELECTOR,
                &p,
                required(&p, ""),
                "With manualSelector: true, set spec.selector to match the template labels.",
            );
            return;
        }
        let user_match = match user {
            Some(sel) => {
                self.label_selector(sel, &p);
                selector_matches(sel, labels)
            }
            None => Some(true),
        };
        // generateSelector adds matchLabels[batch.kubernetes.io/controller-uid]
        // = UID unless the user wrote that key.
        let uid_match = manual || {
            let key = UID_LABELS[0];
            let wanted = user
                .and_then(|sel| get_map(Some(sel), "matchLabels"))
                .and_then(|m| str_entries(Some(m)).into_iter().find(|(k, _)| *k == key))
                .map_or(LabelValue::Uid, |(_, v)| LabelValue::Text(v.to_string()));
            labels.get(key) == Some(&wanted)
        };
        if user_match.is_some() && !(user_match == Some(true) && uid_match) {
            let lp = spec_path
                .field("template")
                .field("metadata")
                .field("labels");
            self.push(
                SELECTOR,
                &lp,
                invalid(
                    &lp,
                    &go_map(labels),
                    "`selector` does not match template `labels`",
                ),
                "Make spec.selector select the labels of spec.template.metadata.labels.",
            );
        }
    }

    pub(super) fn label_selector(&mut self, sel: &Value, p: &FieldPath) {
        self.label_selector_as(SELECTOR, sel, p);
    }

    pub(super) fn label_selector_as(
        &mut self,
        rule: &'static crate::rules::Rule,
        sel: &Value,
        p: &FieldPath,
    ) {
        self.labels_as(
            rule,
            get_map(Some(sel), "matchLabels"),
            &p.field("matchLabels"),
        );
        for (i, e) in get_seq(Some(sel), "matchExpressions").iter().enumerate() {
            if e.is_mapping() {
                let ep = p.field("matchExpressions").index(i);
                self.selector_requirement(rule, e, &ep, &LABEL_REQUIREMENTS);
            }
        }
    }

    /// One `matchExpressions` item: its operator against `kind`'s table, its
    /// key, and (for label selectors) its values. Label selectors
    /// (`ValidateLabelSelectorRequirement`) and node selectors
    /// (`ValidateNodeSelectorRequirement`) differ only in what `kind` holds.
    pub(super) fn selector_requirement(
        &mut self,
        rule: &'static crate::rules::Rule,
        e: &Value,
        ep: &FieldPath,
        kind: &RequirementKind,
    ) {
        let values = get_seq(Some(e), "values");
        let vp = ep.field("values");
        let op = get_str(Some(e), "operator").unwrap_or("");
        match kind.operators.iter().find(|(name, _)| *name == op) {
            Some((_, Arity::Some)) if values.is_empty() => self.push(
                rule,
                &vp,
                required(&vp, "must be specified when `operator` is 'In' or 'NotIn'"),
                "Give In and NotIn at least one value.",
            ),
            Some((_, Arity::None)) if !values.is_empty() => self.push(
                rule,
                &vp,
                forbidden(
                    &vp,
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                ),
                "Remove values from an Exists or DoesNotExist expression.",
            ),
            Some((_, Arity::One)) if values.len() != 1 => self.push(
                rule,
                &vp,
                required(
                    &vp,
                    "must be specified single value when `operator` is 'Lt' or 'Gt'",
                ),
                "Give Gt and Lt exactly one integer value.",
            ),
            Some(_) => {}
            None => {
                let opp = ep.field("operator");
                self.push(
                    rule,
                    &opp,
                    invalid(&opp, &q(op), "not a valid selector operator"),
                    kind.operator_help,
                );
            }
        }
        let key = get_str(Some(e), "key").unwrap_or("");
        let kp = ep.field("key");
        for msg in names::is_qualified_name(key) {
            self.push(rule, &kp, invalid(&kp, &q(key), &msg), kind.key_help);
        }
        if kind.values_are_label_values {
            for (j, v) in values.iter().enumerate() {
                let Some(v) = v.as_str() else { continue };
                let vp = vp.index(j);
                for msg in names::is_valid_label_value(v) {
                    self.push(
                        rule,
                        &vp,
                        invalid(&vp, &q(v), &msg),
                        "Use a valid label value.",
                    );
                }
            }
        }
    }
}

/// How many values an operator takes.
#[derive(Debug, Clone, Copy)]
pub(super) enum Arity {
    /// At least one (In, NotIn).
    Some,
    /// None (Exists, DoesNotExist).
    None,
    /// Exactly one (Gt, Lt).
    One,
}

/// What differs between the kinds of selector requirement.
pub(super) struct RequirementKind {
    /// The supported operators and the values each takes.
    pub operators: &'static [(&'static str, Arity)],
    /// Help for an unsupported operator.
    pub operator_help: &'static str,
    /// Help for an invalid key.
    pub key_help: &'static str,
    /// Whether each value must be a valid label value.
    pub values_are_label_values: bool,
}

/// `metav1.LabelSelectorRequirement`.
pub(super) const LABEL_REQUIREMENTS: RequirementKind = RequirementKind {
    operators: &[
        ("In", Arity::Some),
        ("NotIn", Arity::Some),
        ("Exists", Arity::None),
        ("DoesNotExist", Arity::None),
    ],
    operator_help: "Use one of In, NotIn, Exists, DoesNotExist.",
    key_help: "Use a valid label key.",
    values_are_label_values: true,
};

/// `core.NodeSelectorRequirement`: also Gt and Lt; values are not label values.
pub(super) const NODE_REQUIREMENTS: RequirementKind = RequirementKind {
    operators: &[
        ("In", Arity::Some),
        ("NotIn", Arity::Some),
        ("Exists", Arity::None),
        ("DoesNotExist", Arity::None),
        ("Gt", Arity::One),
        ("Lt", Arity::One),
    ],
    operator_help: "Use In, NotIn, Exists, DoesNotExist, Gt or Lt.",
    key_help: "Use a node label key.",
    values_are_label_values: false,
};

pub(super) fn tmpl_labels_has_all_job_name(labels: Option<&Mapping>) -> bool {
    let entries = str_entries(labels);
    JOB_NAME_LABELS
        .iter()
        .all(|k| entries.iter().any(|(key, _)| key == k))
}

/// Evaluates a label selector on a label set; `None` when the selector
/// cannot be converted (`LabelSelectorAsSelector` fails and upstream skips
/// the match; its own errors are reported by `label_selector_as`).
pub(super) fn selector_matches(sel: &Value, labels: &BTreeMap<String, LabelValue>) -> Option<bool> {
    let valid_key = |k: &str| names::is_qualified_name(k).is_empty();
    let valid_value = |v: &str| names::is_valid_label_value(v).is_empty();
    let mut ok = true;
    for (k, v) in str_entries(get_map(Some(sel), "matchLabels")) {
        if !valid_key(k) || !valid_value(v) {
            return None;
        }
        ok &= labels.get(k).is_some_and(|l| l.is(v));
    }
    for e in get_seq(Some(sel), "matchExpressions") {
        let key = get_str(Some(e), "key")?;
        let values: Vec<&str> = get_seq(Some(e), "values")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if !valid_key(key) || !values.iter().all(|v| valid_value(v)) {
            return None;
        }
        let have = labels.get(key);
        ok &= match get_str(Some(e), "operator")? {
            "In" | "NotIn" if values.is_empty() => return None,
            "Exists" | "DoesNotExist" if !values.is_empty() => return None,
            "In" => have.is_some_and(|h| values.iter().any(|v| h.is(v))),
            "NotIn" => !have.is_some_and(|h| values.iter().any(|v| h.is(v))),
            "Exists" => have.is_some(),
            "DoesNotExist" => have.is_none(),
            _ => return None,
        };
    }
    Some(ok)
}

/// Go's `%#v` of a `metav1.LabelSelector`, near enough for a message.
pub(super) fn selector_repr(sel: &Value) -> String {
    let labels: BTreeMap<String, LabelValue> = str_entries(get_map(Some(sel), "matchLabels"))
        .into_iter()
        .map(|(k, v)| (k.to_string(), LabelValue::Text(v.to_string())))
        .collect();
    let ml = if labels.is_empty() {
        "map[string]string(nil)".to_string()
    } else {
        go_map(&labels)
    };
    let exprs = get_seq(Some(sel), "matchExpressions");
    let me = if exprs.is_empty() {
        "[]v1.LabelSelectorRequirement(nil)".to_string()
    } else {
        format!(
            "[]v1.LabelSelectorRequirement{}",
            json_repr(&Value::Sequence(exprs.to_vec()))
        )
    };
    format!("v1.LabelSelector{{MatchLabels:{ml}, MatchExpressions:{me}}}")
}
