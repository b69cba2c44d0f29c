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
    /// Only on a suppressed finding (`JobValidation::suppressed`): the
    /// reason given with the ignore. Fields rather than a wrapper with
    /// `#[serde(flatten)]`, which cost about 6 KB of the gzipped wasm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Only on a suppressed finding: where the ignore is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppressed_by: Option<SuppressedBy>,
}

/// The verdict on one Job document (the seed's `K8sJobValidation`), or on
/// one CronJob document (an entry of `ExecutionPlan::cron_jobs`, with `kind`
/// and the CronJob's fields set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobValidation {
    /// `CronJob` for a CronJob entry; absent for a Job (the seed's shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
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
    /// Findings a policy `ignore:` entry or the Job's `k8s-job-plan.io/ignore`
    /// annotation suppressed, with the reason. In the JSON only when there is one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Each with `reason` and `suppressed_by` set.
    pub suppressed: Vec<Finding>,
    /// A CronJob's `spec.schedule`, as written (CronJob entries only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    /// A CronJob's `spec.timeZone`; absent when not set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// A CronJob's `spec.concurrencyPolicy`, `Allow` when not set (the
    /// API server's default; CronJob entries only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrency_policy: Option<String>,
    /// What the Job's pods take (docs/resources.md); only when resources
    /// are planned (`PlanOptions::resources`, or a ResourceQuota or
    /// LimitRange among the inputs). For a CronJob: one run of its
    /// `jobTemplate`, not counted in the namespace totals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<JobResources>,
}

impl JobValidation {
    /// Whether this is a CronJob entry.
    pub fn is_cron_job(&self) -> bool {
        self.kind.as_deref() == Some("CronJob")
    }
}

/// Quantities in canonical form (`resource.Quantity.String()`), by resource name.
pub type ResourceMap = std::collections::BTreeMap<String, String>;

/// A Job's effective pod requests and limits, as Kubernetes computes them
/// for scheduling and quota, and its peak.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct JobResources {
    pub pod_requests: ResourceMap,
    pub pod_limits: ResourceMap,
    /// Pods running at once at most: `parallelism` as defaulted, capped by
    /// `completions`.
    pub peak_pods: u64,
    pub peak_requests: ResourceMap,
    pub peak_limits: ResourceMap,
}

/// The sums of the peaks of a namespace's Jobs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct NamespaceResources {
    pub jobs: usize,
    pub peak_pods: u64,
    pub requests: ResourceMap,
    pub limits: ResourceMap,
    /// The namespace's ResourceQuotas, when the inputs hold one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<QuotaUsage>,
}

/// The namespace's need against its quotas, by quota resource name
/// (`requests.cpu`, `pods`, `count/jobs.batch`, ...). With several quotas,
/// each resource shows the quota it overruns most (or comes closest to).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct QuotaUsage {
    pub hard: ResourceMap,
    pub need: ResourceMap,
    /// Every need within its hard limit.
    pub fits: bool,
}

/// Where an ignore was written (SARIF's `inSource` and `external`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SuppressedBy {
    Annotation,
    Policy,
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

    /// Wraps JSON a serializer wrote (`serde_json::value::to_raw_value`).
    pub fn from_raw(raw: Box<serde_json::value::RawValue>) -> JobData {
        JobData(raw)
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
    /// Resource totals by namespace, when resources are planned (see
    /// `JobValidation::resources`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<std::collections::BTreeMap<String, NamespaceResources>>,
}

/// The findings of a file as a whole, not of one of its Jobs: the file could
/// not be read, is not text, or holds no YAML document. Such a file has no Job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileFindings {
    pub file: String,
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

/// The result of planning a set of files (the seed's `K8sExecutionPlan`).
///
/// Every finding is stored once: with its Job (`jobs[].errors`, `.warnings`)
/// or with its file (`files[].errors`, `.warnings`). The seed's top-level
/// `errors` and `warnings` lists are views over both ([`ExecutionPlan::errors`],
/// [`ExecutionPlan::warnings`]), written out by the serializer and ignored when
/// a plan is read back.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionPlan {
    pub total_jobs: usize,
    pub valid_jobs: usize,
    pub invalid_jobs: usize,
    /// One entry per Job document, valid and invalid alike, in input order.
    pub jobs: Vec<JobValidation>,
    /// One entry per CronJob document, in input order. In the JSON only when
    /// there is one; `totalJobs`, `validJobs` and `invalidJobs` count Jobs.
    #[serde(default)]
    pub cron_jobs: Vec<JobValidation>,
    /// The files with findings of their own, in input order. In the JSON only
    /// when there is one.
    #[serde(default)]
    pub files: Vec<FileFindings>,
    pub summary: PlanSummary,
}

/// Who a finding belongs to: a file as a whole or one of the plan's Jobs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Owner<'a> {
    File(&'a FileFindings),
    /// The Job and its index in `ExecutionPlan::jobs`.
    Job(usize, &'a JobValidation),
    /// The CronJob and its index in `ExecutionPlan::cron_jobs`.
    CronJob(usize, &'a JobValidation),
}

impl<'a> Owner<'a> {
    pub fn file(self) -> &'a str {
        match self {
            Owner::File(f) => &f.file,
            Owner::Job(_, j) | Owner::CronJob(_, j) => &j.file,
        }
    }

    pub fn errors(self) -> &'a [Finding] {
        match self {
            Owner::File(f) => &f.errors,
            Owner::Job(_, j) | Owner::CronJob(_, j) => &j.errors,
        }
    }

    pub fn warnings(self) -> &'a [Finding] {
        match self {
            Owner::File(f) => &f.warnings,
            Owner::Job(_, j) | Owner::CronJob(_, j) => &j.warnings,
        }
    }
}

impl ExecutionPlan {
    /// The seed's exit-code rule: success only when there is at least one Job
    /// (or CronJob), every one is valid and no input failed to be read.
    pub fn is_success(&self) -> bool {
        self.total_jobs + self.cron_jobs.len() > 0
            && self.invalid_jobs == 0
            && self.errors().next().is_none()
    }

    /// Every owner of findings in input order: files, Jobs and CronJobs by
    /// file name (a file with findings of its own has no Job), the Jobs and
    /// CronJobs of one file by document. On equal names a file comes first.
    pub fn owners(&self) -> impl Iterator<Item = Owner<'_>> + Clone + '_ {
        let (mut f, mut j, mut c) = (0, 0, 0);
        std::iter::from_fn(move || {
            // (file, rank, document): a file's own findings rank first.
            let file = self.files.get(f).map(|x| (x.file.as_str(), 0, 0));
            let job = self.jobs.get(j).map(|x| (x.file.as_str(), 1, x.document));
            let cron = self
                .cron_jobs
                .get(c)
                .map(|x| (x.file.as_str(), 1, x.document));
            let least = [file, job, cron].into_iter().flatten().min()?;
            if file == Some(least) {
                f += 1;
                Some(Owner::File(&self.files[f - 1]))
            } else if job == Some(least) {
                j += 1;
                Some(Owner::Job(j - 1, &self.jobs[j - 1]))
            } else {
                c += 1;
                Some(Owner::CronJob(c - 1, &self.cron_jobs[c - 1]))
            }
        })
    }

    /// Every error, of files and of Jobs, in input order (the seed's `errors`).
    pub fn errors(&self) -> impl Iterator<Item = &Finding> + Clone + '_ {
        self.owners().flat_map(|o| o.errors())
    }

    /// Every warning, of files and of Jobs, in input order (the seed's `warnings`).
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> + Clone + '_ {
        self.owners().flat_map(|o| o.warnings())
    }
}

/// Writes the seed's JSON shape: the stored fields, `files` only when a file
/// has findings of its own, and the `errors` and `warnings` views.
impl Serialize for ExecutionPlan {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        /// A list written from an iterator, without collecting it first.
        struct Seq<I>(I);
        impl<'a, I: Iterator<Item = &'a Finding> + Clone> Serialize for Seq<I> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.clone())
            }
        }
        let fields =
            7 + usize::from(!self.files.is_empty()) + usize::from(!self.cron_jobs.is_empty());
        let mut st = s.serialize_struct("ExecutionPlan", fields)?;
        st.serialize_field("totalJobs", &self.total_jobs)?;
        st.serialize_field("validJobs", &self.valid_jobs)?;
        st.serialize_field("invalidJobs", &self.invalid_jobs)?;
        st.serialize_field("jobs", &self.jobs)?;
        if !self.cron_jobs.is_empty() {
            st.serialize_field("cronJobs", &self.cron_jobs)?;
        }
        if !self.files.is_empty() {
            st.serialize_field("files", &self.files)?;
        }
        st.serialize_field("errors", &Seq(self.errors()))?;
        st.serialize_field("warnings", &Seq(self.warnings()))?;
        st.serialize_field("summary", &self.summary)?;
        st.end()
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
    /// The lock: `k8s-job-plan.io/ignore` annotations count for nothing.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_inline_ignores: bool,
    /// Plan resources (per Job and per namespace) even when the inputs hold
    /// no ResourceQuota or LimitRange.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub resources: bool,
    /// Files that hold ResourceQuota and LimitRange documents (only those
    /// documents are read from them): the CLI's `--quota FILE`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotas: Vec<QuotaFile>,
}

/// A file of ResourceQuota and LimitRange documents given apart from the Jobs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuotaFile {
    pub name: String,
    pub content: String,
}

/// One input file. The content is bytes, so that "this is not text" is decided
/// once, in the core, for every face.
#[derive(Debug, Clone, Copy)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub content: InputContent<'a>,
}

impl<'a> InputFile<'a> {
    /// A file whose text the caller already has.
    pub fn text(name: &'a str, text: &'a str) -> Self {
        InputFile {
            name,
            content: InputContent::Text(text),
        }
    }
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
