//! Scheduling: affinity, tolerations and topology spread constraints
//! (core/validation `validateAffinity`, `ValidateTolerations`,
//! `validateTopologySpreadConstraints`).

use super::*;

crate::rules! {
    TOLERATIONS = {
        code: "KJP424", name: "invalid-toleration", severity: Error,
        summary: "A toleration has an invalid key, operator, value or effect.",
        why: "An empty key needs operator Exists; Exists takes no value; tolerationSeconds needs effect NoExecute.",
        example: "tolerations:\n- operator: Equal\n  value: gpu",
        fix: "tolerations:\n- key: nvidia.com/gpu\n  operator: Equal\n  value: present",
        reference: "pkg/apis/core/validation ValidateTolerations.",
    },
    SCHEDULING = {
        code: "KJP427", name: "invalid-scheduling-constraint", severity: Error,
        summary: "Node affinity, pod (anti-)affinity or a topology spread constraint is malformed.",
        why: "Required node affinity needs at least one term; selector operators need the right number of values (In/NotIn some, Exists/DoesNotExist none, Gt/Lt one integer); weights are 1-100; spread constraints need a topologyKey, a positive maxSkew and a supported whenUnsatisfiable.",
        example: "affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - {key: gpu, operator: In}",
        fix: "affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - {key: gpu, operator: In, values: [a100]}",
        reference: "pkg/apis/core/validation validateAffinity, ValidateNodeSelector, ValidateNodeSelectorRequirement, validatePodAffinityTerm, validateTopologySpreadConstraints.",
    },
}

impl Cx {
    pub(super) fn affinity(&mut self, a: &Value, p: &FieldPath) {
        let a = Some(a);
        if let Some(na) = obj(a, "nodeAffinity") {
            let np = p.field("nodeAffinity");
            let na = Some(na);
            if let Some(req) = obj(na, "requiredDuringSchedulingIgnoredDuringExecution") {
                let rp = np.field("requiredDuringSchedulingIgnoredDuringExecution");
                let terms = get_seq(Some(req), "nodeSelectorTerms");
                let tp = rp.field("nodeSelectorTerms");
                if terms.is_empty() {
                    self.push(
                        SCHEDULING,
                        &tp,
                        required(&tp, "must have at least one node selector term"),
                        "Add a nodeSelectorTerms entry, or remove the required node affinity.",
                    );
                }
                for (i, t) in terms.iter().enumerate() {
                    if !t.is_mapping() {
                        continue;
                    }
                    self.node_selector_term(t, &tp.index(i));
                }
            }
            self.preferred_terms(na, &np, "preference", Self::node_selector_term);
        }
        for kind in ["podAffinity", "podAntiAffinity"] {
            let Some(pa) = obj(a, kind) else { continue };
            let kp = p.field(kind);
            let rp = kp.field("requiredDuringSchedulingIgnoredDuringExecution");
            for (i, term) in get_seq(Some(pa), "requiredDuringSchedulingIgnoredDuringExecution")
                .iter()
                .enumerate()
            {
                if !term.is_mapping() {
                    continue;
                }
                self.pod_affinity_term(term, &rp.index(i));
            }
            self.preferred_terms(Some(pa), &kp, "podAffinityTerm", Self::pod_affinity_term);
        }
    }

    /// `preferredDuringSchedulingIgnoredDuringExecution` of a node or pod
    /// (anti-)affinity: each item's weight, and its term (under `term_key`)
    /// checked by `term`.
    fn preferred_terms(
        &mut self,
        parent: Option<&Value>,
        p: &FieldPath,
        term_key: &str,
        term: fn(&mut Self, &Value, &FieldPath),
    ) {
        let pp = p.field("preferredDuringSchedulingIgnoredDuringExecution");
        for (i, pref) in get_seq(parent, "preferredDuringSchedulingIgnoredDuringExecution")
            .iter()
            .enumerate()
        {
            if !pref.is_mapping() {
                continue;
            }
            let ip = pp.index(i);
            self.weight(pref, &ip);
            if let Some(t) = obj(Some(pref), term_key) {
                term(self, t, &ip.field(term_key));
            }
        }
    }

    pub(super) fn weight(&mut self, v: &Value, p: &FieldPath) {
        let w = get_int(Some(v), "weight").unwrap_or(0);
        if !(1..=100).contains(&w) {
            let wp = p.field("weight");
            self.push(
                SCHEDULING,
                &wp,
                invalid(&wp, &w.to_string(), "must be in the range 1-100"),
                "Use a weight between 1 and 100.",
            );
        }
    }

    pub(super) fn node_selector_term(&mut self, t: &Value, p: &FieldPath) {
        for (i, rq) in get_seq(Some(t), "matchExpressions").iter().enumerate() {
            if rq.is_mapping() {
                let rp = p.field("matchExpressions").index(i);
                self.selector_requirement(SCHEDULING, rq, &rp, &NODE_REQUIREMENTS);
            }
        }
    }

    pub(super) fn pod_affinity_term(&mut self, term: &Value, p: &FieldPath) {
        if let Some(sel) = obj(Some(term), "labelSelector") {
            self.label_selector_as(SCHEDULING, sel, &p.field("labelSelector"));
        }
        let tk = get_str(Some(term), "topologyKey").unwrap_or("");
        let tp = p.field("topologyKey");
        if tk.is_empty() {
            self.push(
                SCHEDULING,
                &tp,
                required(&tp, "can not be empty"),
                "Set topologyKey, e.g. kubernetes.io/hostname.",
            );
        }
        // ValidateLabelName runs on the empty key too.
        for m in names::is_qualified_name(tk) {
            self.push(
                SCHEDULING,
                &tp,
                invalid(&tp, &q(tk), &m),
                "Use a node label key as topologyKey.",
            );
        }
    }

    pub(super) fn topology_spread(&mut self, list: &[Value], p: &FieldPath) {
        let mut seen = HashSet::new();
        for (i, c) in list.iter().enumerate() {
            if !c.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            let c = Some(c);
            let skew = get_int(c, "maxSkew").unwrap_or(0);
            if skew <= 0 {
                let sp = ip.field("maxSkew");
                self.push(
                    SCHEDULING,
                    &sp,
                    invalid(&sp, &skew.to_string(), "must be greater than zero"),
                    "Set maxSkew to 1 or more.",
                );
            }
            let tk = get_str(c, "topologyKey").unwrap_or("");
            let tp = ip.field("topologyKey");
            if tk.is_empty() {
                self.push(
                    SCHEDULING,
                    &tp,
                    required(&tp, "can not be empty"),
                    "Set topologyKey, e.g. topology.kubernetes.io/zone.",
                );
            } else {
                for m in names::is_qualified_name(tk) {
                    self.push(
                        SCHEDULING,
                        &tp,
                        invalid(&tp, &q(tk), &m),
                        "Use a node label key as topologyKey.",
                    );
                }
            }
            let wu = get_str(c, "whenUnsatisfiable").unwrap_or("");
            let wp = ip.field("whenUnsatisfiable");
            match wu {
                "DoNotSchedule" | "ScheduleAnyway" => {}
                other => self.push(
                    SCHEDULING,
                    &wp,
                    not_supported(&wp, other, &["DoNotSchedule", "ScheduleAnyway"]),
                    "Use DoNotSchedule or ScheduleAnyway.",
                ),
            }
            if !tk.is_empty() && !wu.is_empty() && !seen.insert((tk, wu)) {
                self.push(
                    SCHEDULING,
                    &ip,
                    format!("{ip}: Duplicate value: \"{{{tk}, {wu}}}\""),
                    "Keep one constraint per topologyKey and whenUnsatisfiable pair.",
                );
            }
            if let Some(sel) = obj(c, "labelSelector") {
                self.label_selector_as(SCHEDULING, sel, &ip.field("labelSelector"));
            }
        }
    }

    pub(super) fn tolerations(&mut self, list: &[Value], p: &FieldPath) {
        for (i, t_value) in list.iter().enumerate() {
            if !t_value.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            let t = Some(t_value);
            let key = get_str(t, "key").unwrap_or("");
            let op = get_str(t, "operator").unwrap_or("");
            let value = get_str(t, "value").unwrap_or("");
            let effect = get_str(t, "effect").unwrap_or("");
            if !key.is_empty() {
                let kp = ip.field("key");
                for m in names::is_qualified_name(key) {
                    self.push(
                        TOLERATIONS,
                        &kp,
                        invalid(&kp, &q(key), &m),
                        "Use the taint's key, a qualified name such as nvidia.com/gpu.",
                    );
                }
            }
            let opp = ip.field("operator");
            if key.is_empty() && op != "Exists" {
                self.push(TOLERATIONS, &opp, invalid(&opp, &q(op), "operator must be Exists when `key` is empty, which means \"match all values and all keys\""), "Set a key, or use operator: Exists to tolerate every taint.");
            }
            if get(t, "tolerationSeconds").is_some() && effect != "NoExecute" {
                let ep = ip.field("effect");
                self.push(
                    TOLERATIONS,
                    &ep,
                    invalid(
                        &ep,
                        &q(effect),
                        "effect must be 'NoExecute' when `tolerationSeconds` is set",
                    ),
                    "Use effect: NoExecute with tolerationSeconds, or remove tolerationSeconds.",
                );
            }
            match op {
                "" | "Equal" => {
                    let errs = names::is_valid_label_value(value);
                    if !errs.is_empty() {
                        self.push(
                            TOLERATIONS,
                            &opp,
                            invalid(&opp, &q(value), &errs.join(";")),
                            "Use a taint value that is a valid label value.",
                        );
                    }
                }
                "Exists" => {
                    if !value.is_empty() {
                        self.push(
                            TOLERATIONS,
                            &opp,
                            invalid(
                                &opp,
                                &json_repr(t_value),
                                "value must be empty when `operator` is 'Exists'",
                            ),
                            "Remove value, or use operator: Equal.",
                        );
                    }
                }
                other => self.push(
                    TOLERATIONS,
                    &opp,
                    not_supported(&opp, other, &["Equal", "Exists"]),
                    "Use operator Equal or Exists.",
                ),
            }
            if !effect.is_empty()
                && !["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(&effect)
            {
                let ep = ip.field("effect");
                self.push(
                    TOLERATIONS,
                    &ep,
                    not_supported(
                        &ep,
                        effect,
                        &["NoSchedule", "PreferNoSchedule", "NoExecute"],
                    ),
                    "Use NoSchedule, PreferNoSchedule or NoExecute.",
                );
            }
        }
    }
}
