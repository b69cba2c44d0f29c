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
use serde::Serialize;
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
    let mut results: Vec<SarifResult> = plan
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
        r.suppressions = Some([Suppression {
            kind,
            status: "accepted",
            justification: s.reason.as_deref().unwrap_or_default(),
        }]);
        results.push(r);
    }
    // Typed, not a `json!` tree: the same document, key for key, without
    // building and freeing a tree for every result.
    let doc = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "k8s-job-plan",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: rule_objects,
                },
            },
            original_uri_base_ids: json!({
                SRCROOT: { "description": { "text": "The directory k8s-job-plan ran in: relative file names given to it are relative to this directory." } },
            }),
            results,
        }],
    };
    // Plain data with string keys always serializes.
    let mut s = serde_json::to_string_pretty(&doc).expect("SARIF serializes");
    s.push('\n');
    s
}

/// The base of relative file names.
const SRCROOT: &str = "%SRCROOT%";

fn artifact_location(file: &str) -> Artifact {
    match absolute_uri(file) {
        Some(uri) => Artifact {
            uri,
            uri_base_id: None,
        },
        None => Artifact {
            uri: relative_uri(file),
            uri_base_id: Some(SRCROOT),
        },
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

fn result(f: &Finding, rule_index: Option<usize>) -> SarifResult<'_> {
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    SarifResult {
        rule_id: &f.code,
        level: level(f.severity),
        message: Text { text: message },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: artifact_location(&f.file),
                region: Region {
                    start_line: f.line,
                    start_column: f.column,
                },
            },
            logical_locations: (!f.path.is_empty()).then_some([LogicalLocation {
                fully_qualified_name: &f.path,
                kind: "member",
            }]),
        }],
        properties: Properties {
            rule: &f.rule,
            document: f.document,
        },
        rule_index,
        suppressions: None,
    }
}

// The SARIF document, its keys in the order they are written.

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    original_uri_base_ids: Value,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    properties: Properties<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression<'a>; 1]>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    logical_locations: Option<[LogicalLocation<'a>; 1]>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: Artifact,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    fully_qualified_name: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
struct Properties<'a> {
    rule: &'a str,
    document: usize,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    status: &'static str,
    justification: &'a str,
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
