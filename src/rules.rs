//! The rule registry. Every finding names a rule from here. Codes are stable
//! and never reused; `docs/rules.md` is generated from this table and a test
//! fails when the committed file is stale (`UPDATE_DOCS=1 cargo test` rewrites it).
//!
//! Code ranges:
//! - `KJP0xx`: the input could not be read as YAML documents.
//! - `KJP1xx`: the seed's required fields (errors).
//! - `KJP2xx`: the seed's recommendations (warnings; errors in strict mode).
//! - `KJP3xx`: strict decoding against the Kubernetes schema (unknown fields, types).
//! - `KJP4xx`: the API server's own validation of a Job on create.

#[allow(unused_imports)]
use crate::model::Severity;

/// A documented rule.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what it checks.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A minimal manifest fragment that triggers the rule.
    pub example: &'static str,
    /// The same fragment, fixed.
    pub fix: &'static str,
    /// Where the behaviour comes from.
    pub reference: &'static str,
}

/// Declares rules as constants plus a `RULES` slice of them, in order.
/// Used here for the seed's rules and by `k8s::*` modules for theirs.
#[macro_export]
macro_rules! rules {
    ($( $ident:ident = { code: $code:literal, name: $name:literal, severity: $sev:ident,
        summary: $summary:literal, why: $why:literal, example: $example:literal,
        fix: $fix:literal, reference: $reference:literal $(,)? } ),* $(,)?) => {
        $( pub const $ident: &$crate::rules::Rule = &$crate::rules::Rule {
            code: $code, name: $name, severity: $crate::model::Severity::$sev, summary: $summary,
            why: $why, example: $example, fix: $fix, reference: $reference,
        }; )*
        /// The rules declared by this invocation, in order.
        pub const RULES: &[&$crate::rules::Rule] = &[$($ident),*];
    };
}

rules! {
    YAML_SYNTAX = {
        code: "KJP001", name: "yaml-syntax-error", severity: Error,
        summary: "The file is not valid YAML.",
        why: "kubectl cannot decode the file, so nothing in it is applied. Documents after a syntax error cannot be read at all.",
        example: "metadata:\n\tname: pi   # a TAB indents this line",
        fix: "metadata:\n  name: pi",
        reference: "YAML 1.1 as parsed by libyaml; kubectl uses sigs.k8s.io/yaml with the same grammar.",
    },
    NOT_A_MAPPING = {
        code: "KJP002", name: "document-not-a-mapping", severity: Error,
        summary: "A YAML document is a scalar or a list, not an object.",
        why: "A Kubernetes object is a mapping with apiVersion, kind, metadata and spec; kubectl refuses anything else.",
        example: "- apiVersion: batch/v1\n  kind: Job",
        fix: "apiVersion: batch/v1\nkind: Job",
        reference: "k8s.io/apimachinery runtime decoding: \"Object 'Kind' is missing\".",
    },
    NOT_TEXT = {
        code: "KJP003", name: "file-not-text", severity: Error,
        summary: "The file is not UTF-8 text (binary data, NUL bytes or UTF-16).",
        why: "Manifests are UTF-8 YAML; a binary or differently encoded file is usually the wrong file in the folder.",
        example: "(a PNG image named job.yaml)",
        fix: "Save the manifest as UTF-8, or remove the file from the folder.",
        reference: "YAML 1.2 §5.2 character encodings; kubectl reads UTF-8.",
    },
    UNREADABLE = {
        code: "KJP004", name: "file-unreadable", severity: Error,
        summary: "The file could not be read.",
        why: "A Job that cannot be read cannot be checked, so the run cannot promise it is valid.",
        example: "(a file without read permission, or a dangling symlink)",
        fix: "Make the file readable, or remove it from the input.",
        reference: "Operating system error reported by the reader.",
    },
    TOO_LARGE = {
        code: "KJP005", name: "input-too-large", severity: Error,
        summary: "The input exceeds a safety limit (file size, nesting depth or alias expansion).",
        why: "Limits keep hostile inputs such as YAML alias bombs (CVE-2019-11253) from exhausting memory or time.",
        example: "a: &a [*b, *b, *b, *b, *b, *b, *b, *b, *b]   # nested aliases that expand exponentially",
        fix: "Split the file, or remove the deep nesting or alias expansion.",
        reference: "The API server limits request bodies to 3 MiB and YAML nesting; see README 'Limits'.",
    },
    NO_DOCUMENTS = {
        code: "KJP006", name: "empty-file", severity: Warning,
        summary: "A file holds no YAML document: it is empty or has only comments.",
        why: "An empty file in a jobs folder usually means a generator wrote nothing where it meant to write a Job.",
        example: "# only a comment",
        fix: "apiVersion: batch/v1\nkind: Job\n...",
        reference: "Not an API server rule; kubectl apply reports \"no objects passed to apply\".",
    },
    API_VERSION = {
        code: "KJP101", name: "invalid-api-version", severity: Error,
        summary: "apiVersion is missing or is not batch/v1.",
        why: "Only batch/v1 serves Jobs on current clusters; batch/v1beta1 and other versions are refused.",
        example: "apiVersion: batch/v1beta1\nkind: Job",
        fix: "apiVersion: batch/v1\nkind: Job",
        reference: "SEED.md validation rules; Kubernetes API: batch/v1 Job.",
    },
    KIND = {
        code: "KJP102", name: "invalid-kind", severity: Error,
        summary: "kind is missing or is not Job.",
        why: "This tool plans Jobs; another kind in a jobs folder is usually a generator bug.",
        example: "apiVersion: batch/v1\nkind: CronJob",
        fix: "apiVersion: batch/v1\nkind: Job",
        reference: "SEED.md validation rules.",
    },
    JOB_NAME = {
        code: "KJP103", name: "missing-job-name", severity: Error,
        summary: "metadata.name is missing or blank, and there is no generateName either.",
        why: "The API server refuses an object without a name: \"name or generateName is required\".",
        example: "metadata:\n  namespace: batch",
        fix: "metadata:\n  name: arb-tuning-d29-k8s--worker-1-0\n  namespace: batch",
        reference: "SEED.md; k8s.io/apimachinery ValidateObjectMeta: \"name or generateName is required\".",
    },
    NO_CONTAINERS = {
        code: "KJP104", name: "no-containers", severity: Error,
        summary: "spec.template.spec.containers is missing or empty.",
        why: "A Pod needs at least one container; the API server refuses the Job.",
        example: "spec:\n  template:\n    spec:\n      restartPolicy: Never",
        fix: "spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36",
        reference: "SEED.md; pkg/apis/core/validation ValidatePodSpec: containers \"Required value\".",
    },
    CONTAINER_IMAGE = {
        code: "KJP105", name: "missing-container-image", severity: Error,
        summary: "A container has no image (or a blank one).",
        why: "Without an image there is nothing to run; the API server refuses the Job.",
        example: "containers:\n- name: main",
        fix: "containers:\n- name: main\n  image: busybox:1.36",
        reference: "SEED.md; pkg/apis/core/validation validateContainers: image \"Required value\".",
    },
    MISSING_NAMESPACE = {
        code: "KJP201", name: "missing-namespace", severity: Warning,
        summary: "metadata.namespace is absent; the Job is planned in `default`.",
        why: "Without a namespace the Job lands wherever the applying context points, which is rarely what a pipeline means.",
        example: "metadata:\n  name: pi",
        fix: "metadata:\n  name: pi\n  namespace: trading-bots",
        reference: "SEED.md recommended fields.",
    },
    MISSING_ARGS = {
        code: "KJP202", name: "missing-args", severity: Warning,
        summary: "A container has no args.",
        why: "Generated Jobs pass their parameters as args; a Job without them usually lost its parameters.",
        example: "containers:\n- name: main\n  image: app:1\n  command: [python]",
        fix: "containers:\n- name: main\n  image: app:1\n  command: [python]\n  args: [run.py, --config, c.yaml]",
        reference: "SEED.md required fields table (args: recommended).",
    },
    MISSING_LABEL = {
        code: "KJP203", name: "missing-recommended-label", severity: Warning,
        summary: "One of the labels app, session_id, worker_id, component is absent.",
        why: "These labels let people and tools select the Jobs of one session or worker.",
        example: "metadata:\n  labels:\n    app: arbitrage-tuning",
        fix: "metadata:\n  labels:\n    app: arbitrage-tuning\n    session_id: s1\n    worker_id: worker-1\n    component: tuning",
        reference: "SEED.md recommended fields.",
    },
    MISSING_REQUESTS = {
        code: "KJP204", name: "missing-resource-requests", severity: Warning,
        summary: "A container sets no resource requests.",
        why: "Without requests the scheduler cannot place the Pod sensibly and it may be evicted first.",
        example: "containers:\n- name: main\n  image: app:1",
        fix: "containers:\n- name: main\n  image: app:1\n  resources:\n    requests: {cpu: 500m, memory: 512Mi}",
        reference: "SEED.md recommended fields.",
    },
    MISSING_LIMITS = {
        code: "KJP205", name: "missing-resource-limits", severity: Warning,
        summary: "A container sets no resource limits.",
        why: "Without limits one runaway worker can starve its neighbours on the node.",
        example: "containers:\n- name: main\n  image: app:1",
        fix: "containers:\n- name: main\n  image: app:1\n  resources:\n    limits: {cpu: \"1\", memory: 1Gi}",
        reference: "SEED.md recommended fields.",
    },
    MISSING_ENV = {
        code: "KJP206", name: "missing-env", severity: Warning,
        summary: "A container has no environment variables.",
        why: "Generated workers receive their session and worker identity through env; none usually means a generator bug.",
        example: "containers:\n- name: main\n  image: app:1",
        fix: "containers:\n- name: main\n  image: app:1\n  env:\n  - {name: WORKER_ID, value: worker-1}",
        reference: "SEED.md recommended fields.",
    },
    NAMING = {
        code: "KJP207", name: "job-naming-convention", severity: Warning,
        summary: "metadata.name does not follow arb-tuning-{session_short}-{worker_id}-{index}.",
        why: "The convention makes each Job traceable to its session and worker at a glance.",
        example: "metadata:\n  name: my-job",
        fix: "metadata:\n  name: arb-tuning-d29-k8s--worker-1-0",
        reference: "SEED.md naming rule: session_short is the first 8 characters of the session_id label.",
    },
    GENERATE_NAME = {
        code: "KJP208", name: "generate-name-with-apply", severity: Warning,
        summary: "metadata.generateName is set without metadata.name, which kubectl apply refuses.",
        why: "The API server accepts generateName on create, but kubectl apply needs a fixed name to track the object and stops with \"cannot use generate name with apply\".",
        example: "metadata:\n  generateName: sample-job-",
        fix: "metadata:\n  name: sample-job-1",
        reference: "kubectl apply (staging/src/k8s.io/kubectl/pkg/cmd/apply): generateName is refused; k8s.io/apimachinery ValidateObjectMeta accepts it.",
    },
}

/// Every rule of every group, in registry order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    RULES
        .iter()
        .chain(crate::k8s::decode::RULES)
        .copied()
        .chain(crate::k8s::validate::rules())
}

/// Looks a rule up by its code.
pub fn by_code(code: &str) -> Option<&'static Rule> {
    all().find(|r| r.code == code)
}
