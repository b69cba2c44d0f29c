//! The fetched real-world corpus (tests/realworld/, see its SOURCES.md): 81
//! published Job manifests, byte for byte. Every file is planned under every
//! supported Kubernetes version and must yield exactly the errors a cluster
//! raises for it (code and field path), each one checked by hand against
//! Kubernetes' validation (pkg/apis/batch/validation, pkg/apis/core/validation)
//! and its YAML reading (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1).
//!
//! `EXPECTED_ERRORS` is the truth. `OCTAL_MODES` lists the files whose
//! 0-prefixed file modes must read as YAML 1.1 octal integers, as Kubernetes
//! reads them, with no finding. Warnings are not checked, except the
//! generateName one.

use k8s_job_plan::{plan_files, InputContent, InputFile, PlanOptions};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (file, rule code, field path) of every error the API server raises (or,
/// for a file that is not YAML, kubectl refuses with).
const EXPECTED_ERRORS: &[(&str, &str, &str)] = &[
    // Two Jobs dumped from a cluster (`kubectl get -o yaml`, 2018), applied
    // as they are. On create the server gives the Job a new uid; the Job
    // strategy keeps the template's own `controller-uid` label (it only adds
    // a generated label when absent), so validateGeneratedSelector finds the
    // label is not the new uid and the selector (old uid) does not select the
    // generated labels: "`selector` not auto-generated". And the storage
    // refuses a create that carries metadata.resourceVersion ("resourceVersion
    // should not be set on objects to be created"). `uid`, `selfLink`,
    // `creationTimestamp` (a string: go-yaml v2 keeps timestamps as strings)
    // and `status` are overwritten or dropped on create, so they raise
    // nothing.
    (
        "argoproj__argo-cd__gitops-engine__pkg__health__testdata__job-failed.yaml",
        "KJP428",
        "metadata.resourceVersion",
    ),
    (
        "argoproj__argo-cd__gitops-engine__pkg__health__testdata__job-failed.yaml",
        "KJP406",
        "spec.template.metadata.labels[controller-uid]",
    ),
    (
        "argoproj__argo-cd__gitops-engine__pkg__health__testdata__job-failed.yaml",
        "KJP406",
        "spec.selector",
    ),
    (
        "argoproj__argo-cd__gitops-engine__pkg__health__testdata__job-running.yaml",
        "KJP428",
        "metadata.resourceVersion",
    ),
    (
        "argoproj__argo-cd__gitops-engine__pkg__health__testdata__job-running.yaml",
        "KJP406",
        "spec.template.metadata.labels[controller-uid]",
    ),
    (
        "argoproj__argo-cd__gitops-engine__pkg__health__testdata__job-running.yaml",
        "KJP406",
        "spec.selector",
    ),
    // `serviceAccountName: $K8S_SA_NAME` is an envsubst placeholder: the API
    // server checks the name as a DNS-1123 subdomain (ValidateServiceAccountName
    // in ValidatePodSpec), and `$` is not allowed.
    (
        "GoogleCloudPlatform__ai-on-gke__tutorials-and-examples__gpu-examples__training-single-gpu__src__gke-config__standard-tf-mnist-train.yaml",
        "KJP426",
        "spec.template.spec.serviceAccountName",
    ),
    (
        "GoogleCloudPlatform__ai-on-gke__tutorials-and-examples__tpu-examples__training__mnist-single-tpu__src__gke-config__standard-tf-mnist-train-v5e.yaml",
        "KJP426",
        "spec.template.spec.serviceAccountName",
    ),
    // Not YAML: under `metadata:` the `spec:` block is mis-indented, and line
    // 28 puts a `-` at column 21 inside a mapping that starts at column 23.
    // sigs.k8s.io/yaml: "yaml: line 27: did not find expected key".
    (
        "GoogleCloudPlatform__kubernetes-engine-samples__ai-ml__gke-model-armor__preparing-the-model__producer-job.yaml",
        "KJP001",
        "",
    ),
    // `rook-ceph-cleanup-<node-hostname>` is a placeholder to edit: not a
    // DNS-1123 subdomain (ValidateObjectMeta)...
    (
        "rook__rook__deploy__examples__cleanup-job.yaml",
        "KJP401",
        "metadata.name",
    ),
    // ... and, copied by the Job strategy into the template's job-name labels,
    // not a label value (ValidatePodTemplateSpec validates the template's
    // labels at `spec.template.labels`).
    (
        "rook__rook__deploy__examples__cleanup-job.yaml",
        "KJP401",
        "spec.template.labels",
    ),
    // `kubernetes.io/hostname: <node-hostname>`: not a label value
    // (ValidatePodSpec validates nodeSelector with ValidateLabels).
    (
        "rook__rook__deploy__examples__cleanup-job.yaml",
        "KJP426",
        "spec.template.spec.nodeSelector",
    ),
    // No entry for percona__...__backup-restore.yml: its volume `data` has
    // only a name, and core/v1 SetDefaults_Volume turns a volume whose
    // sources are all nil into an emptyDir before validateVolumeSource, so
    // the API server accepts the Job (no "must specify a volume type").
];

/// The 0-prefixed octal file modes of the corpus (`defaultMode: 0400`, `0700`,
/// `0777`): Kubernetes reads them as YAML 1.1 octal integers (256, 448, 511),
/// all valid (0 to 0777, validateVolumeSource), and raises nothing. Each
/// entry's file must plan without an error at that path and with the integer
/// in its jobData, as sigs.k8s.io/yaml produces it (a YAML 1.2 reader sees
/// the string "0400" and reports "must be of type integer": issue 11).
const OCTAL_MODES: &[(&str, &str, u64)] = &[
    // `defaultMode: 0777`
    (
        "GoogleCloudPlatform__cluster-toolkit__modules__compute__gke-node-pool__gpu-direct-workload__sample-tcpx-workload-job.yaml",
        "spec.template.spec.volumes[0].configMap.defaultMode",
        511,
    ),
    // `defaultMode: 0400`
    (
        "GoogleCloudPlatform__ai-on-gke__benchmarks__inference-server__jetstream__model-conversion__kaggle_converter.yaml",
        "spec.template.spec.volumes[0].secret.defaultMode",
        256,
    ),
    // `defaultMode: 0400`
    (
        "GoogleCloudPlatform__ai-on-gke__tutorials-and-examples__inference-servers__jetstream__maxtext__single-host-inference__checkpoint-job.yaml",
        "spec.template.spec.volumes[0].secret.defaultMode",
        256,
    ),
    // `defaultMode: 0400`
    (
        "GoogleCloudPlatform__ai-on-gke__tutorials-and-examples__inference-servers__jetstream__pytorch__single-host-inference__checkpoint-job.yaml",
        "spec.template.spec.volumes[0].secret.defaultMode",
        256,
    ),
    // `defaultMode: 0400`
    (
        "GoogleCloudPlatform__ai-on-gke__tutorials-and-examples__inference-servers__jetstream__pytorch__single-host-inference__checkpoint-job.yaml",
        "spec.template.spec.volumes[1].secret.defaultMode",
        256,
    ),
    // `defaultMode: 0400`
    (
        "GoogleCloudPlatform__kubernetes-engine-samples__ai-ml__llm-serving-gemma__saxml__job-2b.yaml",
        "spec.template.spec.volumes[0].secret.defaultMode",
        256,
    ),
    // `defaultMode: 0700`
    (
        "GoogleCloudPlatform__kubernetes-engine-samples__ai-ml__llm-serving-gemma__saxml__job-2b.yaml",
        "spec.template.spec.volumes[1].configMap.defaultMode",
        448,
    ),
    // `defaultMode: 0400`
    (
        "GoogleCloudPlatform__kubernetes-engine-samples__ai-ml__llm-serving-gemma__trtllm__job-download-gemma-2b.yaml",
        "spec.template.spec.volumes[0].secret.defaultMode",
        256,
    ),
    // `defaultMode: 0700`
    (
        "GoogleCloudPlatform__kubernetes-engine-samples__ai-ml__llm-serving-gemma__trtllm__job-download-gemma-2b.yaml",
        "spec.template.spec.volumes[1].configMap.defaultMode",
        448,
    ),
    // `defaultMode: 0400`
    (
        "GoogleCloudPlatform__kubernetes-engine-samples__ai-ml__llm-serving-gemma__trtllm__job-download-gemma-7b.yaml",
        "spec.template.spec.volumes[0].secret.defaultMode",
        256,
    ),
    // `defaultMode: 0700`
    (
        "GoogleCloudPlatform__kubernetes-engine-samples__ai-ml__llm-serving-gemma__trtllm__job-download-gemma-7b.yaml",
        "spec.template.spec.volumes[1].configMap.defaultMode",
        448,
    ),
    // `defaultMode: 0400`
    (
        "GoogleCloudPlatform__kubernetes-engine-samples__ai-ml__llm-serving-tpus-jetstream__pytorch__job-gemma-7b-it.yaml",
        "spec.template.spec.volumes[0].secret.defaultMode",
        256,
    ),
    // `defaultMode: 0400`
    (
        "GoogleCloudPlatform__kubernetes-engine-samples__ai-ml__llm-serving-tpus-jetstream__pytorch__job-llama-3-8b.yaml",
        "spec.template.spec.volumes[0].secret.defaultMode",
        256,
    ),
];

/// Jobs read across the corpus: the batch/v1 Job documents sigs.k8s.io/yaml
/// decodes from these files (kubectl's `---` splitting), counted once.
const JOBS_READ: usize = 97;

/// Files from which no Job can be read, and why.
const NO_PLANNED_JOB: &[&str] = &[
    // Not YAML (see EXPECTED_ERRORS): kubectl refuses the whole file.
    "GoogleCloudPlatform__kubernetes-engine-samples__ai-ml__gke-model-armor__preparing-the-model__producer-job.yaml",
];

/// Jobs with only a generateName: accepted on create (no error), refused by
/// `kubectl apply`, which the KJP208 warning says.
const GENERATE_NAME_ONLY: &[&str] = &[
    "GoogleCloudPlatform__cluster-toolkit__tools__cloud-build__daily-tests__blueprints__kueue-config-files__block-topology-tas-small-job.yaml",
    "GoogleCloudPlatform__cluster-toolkit__tools__cloud-build__daily-tests__blueprints__kueue-config-files__sample-kueue-job.yaml",
    "GoogleCloudPlatform__kubernetes-engine-samples__batch__kueue-cohort__job-team-a.yaml",
    "GoogleCloudPlatform__kubernetes-engine-samples__batch__kueue-intro__job-team-b.yaml",
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realworld")
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(corpus_dir())
        .expect("tests/realworld is part of the repository")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

type Key = (String, String, String);

fn keys(list: &[(&str, &str, &str)]) -> BTreeSet<Key> {
    list.iter()
        .map(|(f, c, p)| (f.to_string(), c.to_string(), p.to_string()))
        .collect()
}

#[test]
fn sources_table_lists_exactly_the_corpus_files() {
    let table = std::fs::read_to_string(corpus_dir().join("SOURCES.md")).expect("SOURCES.md");
    let listed: BTreeSet<String> = table
        .lines()
        .filter(|l| l.starts_with("| ") && l.as_bytes().get(2).is_some_and(u8::is_ascii_digit))
        .map(|l| {
            let cell = l.split('|').nth(2).expect("file cell").trim();
            let (repo, licence) = (
                l.split('|').nth(3).unwrap().trim(),
                l.split('|').nth(6).unwrap().trim(),
            );
            assert!(!repo.is_empty(), "{cell}: no repository");
            assert!(
                ["Apache-2.0", "BSD-3-Clause"].contains(&licence),
                "{cell}: licence {licence:?} is not one the corpus may redistribute"
            );
            cell.trim_matches('`').to_string()
        })
        .collect();
    let present: BTreeSet<String> = corpus_files().iter().map(|p| file_name(p)).collect();
    assert_eq!(listed, present, "SOURCES.md and tests/realworld/ differ");
    assert!(
        present.len() >= 60,
        "the corpus shrank to {}",
        present.len()
    );
}

#[test]
fn fetched_corpus_reports_exactly_the_real_errors() {
    let files = corpus_files();
    let names: BTreeSet<String> = files.iter().map(|p| file_name(p)).collect();
    let expected = keys(EXPECTED_ERRORS);
    for (f, _, _) in &expected {
        assert!(names.contains(f), "listed file {f} is not in the corpus");
    }
    for (f, _, _) in OCTAL_MODES {
        assert!(names.contains(*f), "listed file {f} is not in the corpus");
    }
    for version in k8s_job_plan::version::KubeVersion::all() {
        check_version(&files, &version.to_string(), &expected);
    }
}

fn check_version(files: &[PathBuf], version: &str, expected: &BTreeSet<Key>) {
    let opts = PlanOptions {
        strict: false,
        kubernetes_version: Some(version.to_string()),
        ..Default::default()
    };
    let mut got: BTreeSet<Key> = BTreeSet::new();
    let mut jobs_read = 0;
    for path in files {
        let name = file_name(path);
        let bytes = std::fs::read(path).expect("readable corpus file");
        let input = [InputFile {
            name: &name,
            content: InputContent::Bytes(&bytes),
        }];
        // Each file alone, so that a panic names it (and fails the test).
        let plan = std::panic::catch_unwind(|| plan_files(&input, &opts))
            .unwrap_or_else(|_| panic!("{version}: planning {name} panicked"))
            .expect("supported version");
        // A Job is read when its document parsed (jobData is not null).
        let read = plan
            .jobs
            .iter()
            .filter(|j| j.job_data.json() != "null")
            .count();
        jobs_read += read;
        if NO_PLANNED_JOB.contains(&name.as_str()) {
            assert_eq!(read, 0, "{version}: {name} now yields a Job");
        } else {
            assert!(read >= 1, "{version}: {name} yields no Job");
        }
        if GENERATE_NAME_ONLY.contains(&name.as_str()) {
            assert!(
                plan.warnings().any(|w| w.code == "KJP208"),
                "{version}: {name}: generateName-only Job without the KJP208 warning"
            );
        }
        for (_, mode_path, want) in OCTAL_MODES.iter().filter(|(f, _, _)| *f == name) {
            assert!(
                !plan.errors().any(|e| e.path == *mode_path),
                "{version}: {name}: an error at {mode_path}, which Kubernetes reads as {want}"
            );
            let read = plan
                .jobs
                .iter()
                .filter_map(|j| json_at(j.job_data.json(), mode_path))
                .next();
            assert_eq!(
                read,
                Some(serde_json::json!(want)),
                "{version}: {name}: {mode_path} must read as the integer {want}"
            );
        }
        for e in plan.errors() {
            got.insert((name.clone(), e.code.clone(), e.path.clone()));
        }
    }
    assert_eq!(jobs_read, JOBS_READ, "{version}: Jobs read from the corpus");
    let unexpected: Vec<_> = got.difference(expected).collect();
    assert!(
        unexpected.is_empty(),
        "{version}: errors a cluster would not raise:\n{unexpected:#?}"
    );
    let missing: Vec<_> = expected.difference(&got).collect();
    assert!(
        missing.is_empty(),
        "{version}: errors a cluster raises that were not reported:\n{missing:#?}"
    );
}

/// The value at a field path (`a.b[0].c`) of a Job's JSON text.
fn json_at(json: &str, path: &str) -> Option<serde_json::Value> {
    let mut v: serde_json::Value = serde_json::from_str(json).ok()?;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        v = v.get(key)?.clone();
        if let Some(i) = index {
            v = v.get(i)?.clone();
        }
    }
    Some(v)
}
