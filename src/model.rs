//! The data every face exchanges: findings, per-document validations and the
//! execution plan. The JSON shape of these types is the contract of the native
//! `--format json`, the npm package and the web page, so field names are
//! camelCase everywhere and never change without a major version.

use serde::{Deserialize, Serialize};

/// How bad a finding is. Strict mode promotes every warning to an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem found in one place of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub severity: Severity,
    /// Stable rule code, e.g. `KJP105`. Never reused.
    pub code: String,
    /// Kebab-case rule name, e.g. `missing-container-image`.
    pub rule: String,
    /// What is wrong, in the API server's shape where the API server would
    /// refuse the manifest: `spec.template.spec.restartPolicy: Required value`.
    pub message: String,
    /// How to fix it; a sentence ending in a period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Kubernetes field path of the offending (or missing) field, e.g.
    /// `spec.template.spec.containers[0].image`. Empty for the whole document.
    pub path: String,
    pub file: String,
    /// 0-based index of the YAML document within the file.
    pub document: usize,
    /// 1-based line of `path` in the source; for a missing field, of its
    /// nearest existing parent.
    pub line: usize,
    /// 1-based column (in characters) matching `line`.
    pub column: usize,
}

/// The verdict on one Job document (the seed's `K8sJobValidation`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobValidation {
    pub file: String,
    /// 0-based index of the YAML document within the file.
    pub document: usize,
    pub valid: bool,
    /// `metadata.name`, or an empty string when there is none.
    pub job_name: String,
    /// `metadata.namespace`, or `default` when absent (as the API server does
    /// for `kubectl apply` without `-n`).
    pub namespace: String,
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
    /// The parsed document as JSON, `null` when it could not be parsed.
    pub job_data: JobData,
}

/// A Job document as JSON text. Kept as text rather than as a tree because a
/// tree of small maps and strings takes about 7 times the memory (100,000 Jobs:
/// about 1 GiB as trees); it serializes verbatim, and readers parse it on demand.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JobData(Box<serde_json::value::RawValue>);

impl JobData {
    /// JSON `null`: the document could not be parsed.
    pub fn null() -> JobData {
        // "null" is valid JSON.
        JobData(serde_json::value::RawValue::from_string("null".to_string()).expect("null is JSON"))
    }

    /// Wraps JSON text produced by a serializer. Invalid JSON becomes `null`.
    pub fn from_json_text(text: String) -> JobData {
        serde_json::value::RawValue::from_string(text)
            .map(JobData)
            .unwrap_or_else(|_| JobData::null())
    }

    /// The JSON text.
    pub fn json(&self) -> &str {
        self.0.get()
    }

    /// The document as a JSON tree.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.0.get()).unwrap_or(serde_json::Value::Null)
    }
}

impl PartialEq for JobData {
    fn eq(&self, other: &JobData) -> bool {
        self.json() == other.json()
    }
}

/// A document that is not a Job candidate and was left out of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkippedDocument {
    pub file: String,
    pub document: usize,
    /// `kind` of the document, empty for an empty document.
    pub kind: String,
    /// `metadata.name`, empty when there is none.
    pub name: String,
    pub reason: String,
}

/// Facts about the whole run that are not per Job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    /// Namespaces of the valid Jobs, sorted and deduplicated.
    pub namespaces: Vec<String>,
    /// Number of input files.
    pub files: usize,
    /// Number of YAML documents read, Jobs and skipped ones alike.
    pub documents: usize,
    pub skipped_documents: Vec<SkippedDocument>,
    pub strict: bool,
    /// The Kubernetes minor version whose rules were applied, e.g. `1.34`.
    pub kubernetes_version: String,
}

/// The result of planning a set of files (the seed's `K8sExecutionPlan`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionPlan {
    pub total_jobs: usize,
    pub valid_jobs: usize,
    pub invalid_jobs: usize,
    /// One entry per Job document, valid and invalid alike, in input order.
    pub jobs: Vec<JobValidation>,
    /// Every error of every Job, in input order.
    pub errors: Vec<Finding>,
    /// Every warning of every Job, in input order.
    pub warnings: Vec<Finding>,
    pub summary: PlanSummary,
}

impl ExecutionPlan {
    /// The seed's exit-code rule: success only when there is at least one Job,
    /// every Job is valid and no input failed to be read.
    pub fn is_success(&self) -> bool {
        self.total_jobs > 0 && self.invalid_jobs == 0 && self.errors.is_empty()
    }
}

/// Options shared by every face.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct PlanOptions {
    /// Treat every warning as an error.
    pub strict: bool,
    /// Kubernetes minor version (`1.32` … newest supported); newest when absent.
    pub kubernetes_version: Option<String>,
    /// Opt-in rules to run, by name or code (docs/rules.md); none by default.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enable_rules: Vec<String>,
}

/// One input file. The content is bytes, so that "this is not text" is decided
/// once, in the core, for every face.
#[derive(Debug, Clone, Copy)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub content: InputContent<'a>,
}

#[derive(Debug, Clone, Copy)]
pub enum InputContent<'a> {
    /// Text already decoded by the caller (e.g. a JS string).
    Text(&'a str),
    /// Raw bytes; the core checks that they are UTF-8 text.
    Bytes(&'a [u8]),
    /// The caller could not read the file; the reason names why.
    Unreadable(&'a str),
    /// The caller did not read the file because it has this many bytes, more
    /// than `limits::MAX_FILE_BYTES`.
    TooLarge(u64),
}
