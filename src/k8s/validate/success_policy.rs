//! spec.successPolicy (pkg/apis/batch/validation `validateSuccessPolicy`).

use super::*;

crate::rules! {
    SUCCESS_POLICY = {
        code: "KJP410", name: "invalid-success-policy", severity: Error,
        summary: "spec.successPolicy is used without Indexed mode, has no rules, or a rule is out of range.",
        why: "A success policy declares the Job successful after given indexes or counts succeed; it only exists for Indexed Jobs and must fit within completions.",
        example: "spec:\n  successPolicy:\n    rules:\n    - succeededCount: 1",
        fix: "spec:\n  completionMode: Indexed\n  completions: 3\n  successPolicy:\n    rules:\n    - succeededCount: 1",
        reference: "pkg/apis/batch/validation validateSuccessPolicy, validateSuccessPolicyRule, validateIndexesFormat.",
    },
}

impl Cx {
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
