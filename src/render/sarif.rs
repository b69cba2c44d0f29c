//! SARIF 2.1.0, for code-scanning tools (GitHub code scanning, IDEs).
//! One result per finding; rules come from the registry.
//!
//! File names become URIs as SARIF wants them (§3.10, §3.4.4): a relative
//! name is a relative reference against the base `%SRCROOT%` (the directory
//! the tool ran in; `originalUriBaseIds` describes it without a URI, as the
//! core does not know it), an absolute one a `file://` URI. Both are
//! percent-encoded (UTF-8 bytes). Run from the repository root with relative
//! paths, the URIs are relative to the repository, as GitHub code scanning
//! wants them.

use crate::model::{ExecutionPlan, Finding, Severity, SuppressedBy};
use serde_json::{json, Value};

pub fn render(plan: &ExecutionPlan) -> String {
    // Opt-in rules and the policy's conventions are listed only when they
    // reported something: a run that did not enable them lists exactly the
    // rules that ran.
    let suppressed = || plan.jobs.iter().flat_map(|j| &j.suppressed);
    // Every code reported, gathered once.
    let codes: std::collections::HashSet<&str> = plan
        .errors()
        .chain(plan.warnings())
        .chain(suppressed())
        .map(|f| f.code.as_str())
        .collect();
    let reported = |code: &str| codes.contains(code);
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
    let mut doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "k8s-job-plan",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                // Moved in below: `json!` would copy them.
                "rules": [],
            }},
            "originalUriBaseIds": {
                SRCROOT: { "description": { "text": "The directory k8s-job-plan ran in: relative file names given to it are relative to this directory." } },
            },
            "results": [],
        }],
    });
    let run = &mut doc["runs"][0];
    run["tool"]["driver"]["rules"] = Value::Array(rule_objects);
    run["results"] = Value::Array(results);
    // A json! value always serializes.
    let mut s = serde_json::to_string_pretty(&doc).expect("SARIF serializes");
    s.push('\n');
    s
}

/// The base of relative file names.
const SRCROOT: &str = "%SRCROOT%";

fn artifact_location(file: &str) -> Value {
    match absolute_uri(file) {
        Some(uri) => json!({ "uri": uri }),
        None => json!({ "uri": relative_uri(file), "uriBaseId": SRCROOT }),
    }
}

/// `file://` URI of an absolute path: `/a b` (POSIX), `C:\a` or `C:/a`
/// (Windows drive), `\\host\share\a` (Windows UNC); None for a relative one.
pub fn absolute_uri(file: &str) -> Option<String> {
    let b = file.as_bytes();
    if let Some(rest) = file.strip_prefix("\\\\") {
        // A UNC path: the host becomes the authority.
        let rest = rest.replace('\\', "/");
        let (host, path) = rest.split_once('/').unwrap_or((&rest, ""));
        return Some(format!(
            "file://{}/{}",
            encode(host, false),
            encode(path, true)
        ));
    }
    if b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'/' | b'\\') {
        return Some(format!(
            "file:///{}",
            encode(&file.replace('\\', "/"), true)
        ));
    }
    file.starts_with('/')
        .then(|| format!("file://{}", encode(file, true)))
}

/// A relative reference for a relative file name, without leading `./`.
/// A colon is encoded, so that `a:b.yaml` is not read as a URI scheme.
pub fn relative_uri(file: &str) -> String {
    let mut rest = file;
    while let Some(r) = rest.strip_prefix("./") {
        rest = r.trim_start_matches('/');
    }
    encode(rest, false)
}

/// Percent-encodes every byte but the unreserved characters, `/`, the
/// sub-delimiters and `@`, and `:` when `colon` is true.
fn encode(s: &str, colon: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for &byte in s.as_bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || b"-._~/!$&'()*+,;=@".contains(&byte)
            || (colon && byte == b':');
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
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
            "artifactLocation": artifact_location(&f.file),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_paths_become_file_uris() {
        assert_eq!(
            absolute_uri("/work/my jobs/ü#1.yaml").as_deref(),
            Some("file:///work/my%20jobs/%C3%BC%231.yaml")
        );
        assert_eq!(
            absolute_uri("C:\\jobs\\a b.yaml").as_deref(),
            Some("file:///C:/jobs/a%20b.yaml")
        );
        assert_eq!(
            absolute_uri("\\\\host\\share\\a.yaml").as_deref(),
            Some("file://host/share/a.yaml")
        );
        assert_eq!(absolute_uri("jobs/a.yaml"), None);
        assert_eq!(absolute_uri("<stdin>"), None);
    }

    #[test]
    fn relative_paths_stay_relative_and_are_encoded() {
        assert_eq!(relative_uri("jobs/a.yaml"), "jobs/a.yaml");
        assert_eq!(relative_uri("./jobs/50%.yaml"), "jobs/50%25.yaml");
        assert_eq!(relative_uri("a:b.yaml"), "a%3Ab.yaml");
        assert_eq!(relative_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(relative_uri("../x y/a?.yaml"), "../x%20y/a%3F.yaml");
    }
}
