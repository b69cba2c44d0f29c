//! Opt-in best practices (codes KJP5xx): advice that is not the seed's
//! contract and not the API server's validation, so it is off unless the
//! user enables it by name or code (`--enable-rule NAME` in the CLI,
//! `enableRules` in the JS options). Each rule here is declared with
//! `opt_in: true`.

use crate::diagnostic::RawFinding;
use crate::path::FieldPath;
use serde_yaml::Value;

crate::rules! {
    TTL_AFTER_FINISHED = {
        code: "KJP501", name: "missing-ttl-seconds-after-finished", severity: Warning,
        summary: "spec.ttlSecondsAfterFinished is not set, so the finished Job and its Pods are never cleaned up (opt-in).",
        why: "Without a TTL a completed or failed Job stays in the cluster with its Pods until someone deletes it; generated Jobs pile up, slow down listing and keep their logs' Pods around. The TTL-after-finished controller deletes the Job (and, cascading, its Pods) that many seconds after it finishes.",
        example: "spec:\n  template:\n    spec:\n      restartPolicy: Never",
        fix: "spec:\n  ttlSecondsAfterFinished: 86400\n  template:\n    spec:\n      restartPolicy: Never",
        reference: "Kubernetes docs: Automatic Cleanup for Finished Jobs (TTL-after-finished controller, GA in 1.23); kube-linter issue #963.",
        opt_in: true,
    },
}

/// Whether `rule` is in the user's list of enabled rules (names or codes).
fn enabled(rule: &crate::rules::Rule, names: &[String]) -> bool {
    names.iter().any(|n| n == rule.name || n == rule.code)
}

/// Runs the enabled opt-in rules on one Job document.
pub fn check(doc: &Value, enabled_rules: &[String], out: &mut Vec<RawFinding>) {
    if enabled_rules.is_empty() || doc.get("kind").and_then(Value::as_str) != Some("Job") {
        return;
    }
    if enabled(TTL_AFTER_FINISHED, enabled_rules) {
        let spec = doc.get("spec");
        let ttl = spec.and_then(|s| s.get("ttlSecondsAfterFinished"));
        if matches!(ttl, None | Some(Value::Null)) {
            let p = FieldPath::root()
                .field("spec")
                .field("ttlSecondsAfterFinished");
            out.push(RawFinding::new(
                TTL_AFTER_FINISHED,
                p.clone(),
                format!("{p}: not set; the finished Job and its Pods stay in the cluster until someone deletes them"),
                "Set spec.ttlSecondsAfterFinished, e.g. 86400 to delete the Job a day after it finishes.",
            ));
        }
    }
}
