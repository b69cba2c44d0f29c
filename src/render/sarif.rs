//! SARIF 2.1.0, for code-scanning tools (GitHub code scanning, IDEs).
//! One result per finding; rules come from the registry.

use crate::model::{ExecutionPlan, Finding, Severity, SuppressedBy};
use serde_json::{json, Value};

pub fn render(plan: &ExecutionPlan) -> String {
    // Opt-in rules and the policy's conventions are listed only when they
    // reported something: a run that did not enable them lists exactly the
    // rules that ran.
    let suppressed = || plan.jobs.iter().flat_map(|j| &j.suppressed);
    let reported = |code: &str| {
        plan.errors().chain(plan.warnings()).any(|f| f.code == code)
            || suppressed().any(|s| s.code == code)
    };
    let conditional = |r: &crate::rules::Rule| {
        r.opt_in || crate::conventions::RULES.iter().any(|c| c.code == r.code)
    };
    let rules: Vec<&'static crate::rules::Rule> = crate::registry::all()
        .filter(|r| !conditional(r) || reported(r.code))
        .collect();
    let rule_objects: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.why },
                "help": { "text": format!("{}\n\nExample:\n{}\n\nUse instead:\n{}", r.summary, r.example, r.fix) },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    let index = |code: &str| rules.iter().position(|r| r.code == code);
    let mut results: Vec<Value> = plan
        .errors()
        .chain(plan.warnings())
        .map(|f| result(f, index(&f.code)))
        .collect();
    // SARIF 2.1.0 §3.27.23: a suppressed result stays, with its suppressions.
    for s in suppressed() {
        let mut r = result(s, index(&s.code));
        let kind = match s.suppressed_by {
            Some(SuppressedBy::Annotation) => "inSource",
            _ => "external",
        };
        let reason = Value::String(s.reason.clone().unwrap_or_default());
        r["suppressions"] =
            json!([{ "kind": kind, "status": "accepted", "justification": reason }]);
        results.push(r);
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "k8s-job-plan",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rule_objects,
            }},
            "results": results,
        }],
    });
    // A json! value always serializes.
    let mut s = serde_json::to_string_pretty(&doc).expect("SARIF serializes");
    s.push('\n');
    s
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn result(f: &Finding, rule_index: Option<usize>) -> Value {
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": f.file },
            "region": { "startLine": f.line, "startColumn": f.column },
        }
    });
    if !f.path.is_empty() {
        location["logicalLocations"] = json!([{ "fullyQualifiedName": f.path, "kind": "member" }]);
    }
    let mut r = json!({
        "ruleId": f.code,
        "level": level(f.severity),
        "message": { "text": message },
        "locations": [location],
        "properties": { "rule": f.rule, "document": f.document },
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    r
}
