//! The API server's validation of a Job on create (codes KJP4xx).
//!
//! Follows `ValidateJob` (pkg/apis/batch/validation) and the pod template
//! checks it calls (pkg/apis/core/validation `ValidatePodTemplateSpec`),
//! after the defaulting that runs before validation (batch/v1 and core/v1
//! `defaults.go`) and the Job strategy's `PrepareForCreate` (generated
//! selector and `job-name` labels). Defaulting is reasoned about rather than
//! applied to a copy: a defaulted field is treated as valid, and a field whose
//! default the Job refuses (`restartPolicy: Always`) is reported.
//!
//! What the seed rules already report is not repeated here (missing or blank
//! `metadata.name`, missing containers, missing or blank images), and a value
//! of the wrong YAML type is left to the schema decoder (`k8s::decode`): such
//! values are skipped silently. Messages use the API server's shape
//! (`path: Invalid value: "x": detail`); paths are the API server's paths, so
//! a label error points at `metadata.labels`, as kubectl prints it.
//!
//! Version differences (`KubeVersion::minor`), 1.32..=1.37:
//! - dnsConfig.searches: from 1.33 `RelaxedDNSSearchValidation` (beta, on)
//!   accepts `_` in search domains; 1.32 refuses them.
//! - lifecycle `sleep.seconds: 0`: from 1.33 `PodLifecycleSleepActionAllowZero`
//!   (beta, on) accepts a zero sleep; 1.32 requires more than 0.
//! - Environment variable names are relaxed (any printable ASCII but `=`) in
//!   every supported version: `RelaxedEnvironmentVariableValidation` is beta
//!   and on by default from 1.32 and GA in 1.34.
//! - successPolicy, backoffLimitPerIndex, podReplacementPolicy, managedBy and
//!   restartable init containers (sidecars) are enabled by default in every
//!   supported version, so their rules apply throughout.
//!
//! Known differences from the API server's text: the Job's UID is unknown
//! offline, so messages about the generated `controller-uid` labels say
//! `'<uid>'`; struct values (selectors, security contexts, success policies)
//! are printed as JSON or an approximation of Go's `%#v`, not byte for byte.
//! Not checked: projected/downwardAPI/CSI/ephemeral volume internals,
//! pod-level resources, seccomp/AppArmor profiles and annotations, Windows
//! options, resize policies, scheduling gates, readiness gates and overhead.

use crate::k8s::names::{self, inclusive_range_error};
use crate::k8s::quantity::Quantity;
use crate::path::FieldPath;
use crate::seed_rules::RawFinding;
use crate::version::KubeVersion;
use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

crate::rules! {
    OBJECT_NAME = {
        code: "KJP401", name: "invalid-object-name", severity: Error,
        summary: "metadata.name or metadata.generateName is not a DNS-1123 subdomain.",
        why: "The API server refuses object names with upper case letters, underscores, spaces or placeholders such as `$ITEM`, and names over 253 characters.",
        example: "metadata:\n  name: process-item-$ITEM",
        fix: "metadata:\n  name: process-item-apple",
        reference: "k8s.io/apimachinery/pkg/api/validation ValidateObjectMeta with ValidateReplicationControllerName (NameIsDNSSubdomain); util/validation IsDNS1123Subdomain.",
    },
    NAMESPACE = {
        code: "KJP402", name: "invalid-namespace", severity: Error,
        summary: "metadata.namespace is not a DNS-1123 label.",
        why: "Namespace names are DNS labels: lower case, digits and '-', at most 63 characters, no dots.",
        example: "metadata:\n  namespace: Batch_Jobs",
        fix: "metadata:\n  namespace: batch-jobs",
        reference: "k8s.io/apimachinery/pkg/api/validation ValidateObjectMeta (ValidateNamespaceName); IsDNS1123Label.",
    },
    LABELS = {
        code: "KJP403", name: "invalid-labels", severity: Error,
        summary: "A label key is not a qualified name, or a label value is not a valid label value.",
        why: "Label keys are `[prefix/]name` with a DNS subdomain prefix and a name of at most 63 characters; values are at most 63 characters of alphanumerics, '-', '_' and '.', starting and ending alphanumeric. This applies to the Job's, the template's and selector labels.",
        example: "metadata:\n  labels:\n    app: my app   # space\n    team/: x       # empty name part",
        fix: "metadata:\n  labels:\n    app: my-app\n    team: x",
        reference: "k8s.io/apimachinery/pkg/apis/meta/v1/validation ValidateLabels, ValidateLabelName; util/validation IsQualifiedName, IsValidLabelValue.",
    },
    ANNOTATIONS = {
        code: "KJP404", name: "invalid-annotations", severity: Error,
        summary: "An annotation key is not a qualified name, all annotations together (with the one kubectl apply adds) exceed 256 KiB, or a pod template annotation the API server reads (pod-deletion-cost, config.mirror) is invalid.",
        why: "The API server checks annotation keys like label keys (case-insensitively) and limits the total size of keys and values to 262144 bytes. Client-side kubectl apply also stores the whole manifest as JSON in the kubectl.kubernetes.io/last-applied-configuration annotation, so a manifest near 256 KiB is refused too. In a pod template, controller.kubernetes.io/pod-deletion-cost must be a 32-bit integer and kubernetes.io/config.mirror needs spec.nodeName.",
        example: "metadata:\n  annotations:\n    \"my annotation\": x",
        fix: "metadata:\n  annotations:\n    example.com/my-annotation: x",
        reference: "k8s.io/apimachinery/pkg/api/validation ValidateAnnotations (TotalAnnotationSizeLimitB); pkg/apis/core/validation ValidatePodSpecificAnnotations.",
    },
    JOB_NAME_LABEL = {
        code: "KJP405", name: "job-name-unusable-in-pods", severity: Error,
        summary: "The Job name cannot be used in its Pods: over 63 characters (it becomes the `job-name` label value), or, for an Indexed Job, `<name>-<last index>` is not a DNS label.",
        why: "On create the API server copies the Job name into the `batch.kubernetes.io/job-name` and `job-name` template labels, whose values are limited to 63 characters; Indexed Jobs also use `<name>-<index>` as the Pod hostname.",
        example: "metadata:\n  name: a-job-name-that-is-much-longer-than-sixty-three-characters-in-total",
        fix: "metadata:\n  name: a-shorter-job-name",
        reference: "pkg/registry/batch/job strategy PrepareForCreate (generateSelector); pkg/apis/batch/validation ValidateJob (Indexed hostname check) and ValidatePodTemplateSpec labels.",
    },
    SELECTOR = {
        code: "KJP406", name: "invalid-job-selector", severity: Error,
        summary: "spec.selector is set without manualSelector: true, is malformed, or does not match the template labels.",
        why: "The API server generates a Job's selector from its UID; a hand-written selector is refused unless manualSelector is true, and then it must be valid and select the template's labels.",
        example: "spec:\n  selector:\n    matchLabels: {app: worker}\n  template:\n    metadata:\n      labels: {app: worker}",
        fix: "spec:\n  template:\n    metadata:\n      labels: {app: worker}",
        reference: "pkg/apis/batch/validation validateGeneratedSelector and ValidateJobSpec; meta/v1/validation ValidateLabelSelector.",
    },
    JOB_COUNTS = {
        code: "KJP407", name: "negative-job-count", severity: Error,
        summary: "parallelism, completions, activeDeadlineSeconds, backoffLimit, ttlSecondsAfterFinished, backoffLimitPerIndex or maxFailedIndexes is negative.",
        why: "These counts and durations must be greater than or equal to 0.",
        example: "spec:\n  parallelism: -1",
        fix: "spec:\n  parallelism: 1",
        reference: "pkg/apis/batch/validation validateJobSpec (ValidateNonnegativeField).",
    },
    COMPLETION_MODE = {
        code: "KJP408", name: "invalid-completion-mode", severity: Error,
        summary: "completionMode is unknown, or an Indexed-only setting is used without Indexed mode or beyond its limits.",
        why: "An Indexed Job that sets parallelism needs completions (with neither set, both default to 1); backoffLimitPerIndex and maxFailedIndexes need Indexed mode; parallelism and maxFailedIndexes have upper limits so the status stays small.",
        example: "spec:\n  completionMode: Indexed\n  parallelism: 3",
        fix: "spec:\n  completionMode: Indexed\n  completions: 3\n  parallelism: 3",
        reference: "pkg/apis/batch/validation validateJobSpec (completion mode block).",
    },
    POD_FAILURE_POLICY = {
        code: "KJP409", name: "invalid-pod-failure-policy", severity: Error,
        summary: "spec.podFailurePolicy has an invalid rule, action, operator, exit-code list or container name.",
        why: "Each rule needs a supported action and exactly one of onExitCodes and onPodConditions; exit codes must be unique and ordered (0 is not allowed with In); at most 20 rules.",
        example: "podFailurePolicy:\n  rules:\n  - action: FailJob\n    onExitCodes: {operator: In, values: [42, 0]}",
        fix: "podFailurePolicy:\n  rules:\n  - action: FailJob\n    onExitCodes: {operator: In, values: [42]}",
        reference: "pkg/apis/batch/validation validatePodFailurePolicy, validatePodFailurePolicyRule, validatePodFailurePolicyRuleOnExitCodes.",
    },
    SUCCESS_POLICY = {
        code: "KJP410", name: "invalid-success-policy", severity: Error,
        summary: "spec.successPolicy is used without Indexed mode, has no rules, or a rule is out of range.",
        why: "A success policy declares the Job successful after given indexes or counts succeed; it only exists for Indexed Jobs and must fit within completions.",
        example: "spec:\n  successPolicy:\n    rules:\n    - succeededCount: 1",
        fix: "spec:\n  completionMode: Indexed\n  completions: 3\n  successPolicy:\n    rules:\n    - succeededCount: 1",
        reference: "pkg/apis/batch/validation validateSuccessPolicy, validateSuccessPolicyRule, validateIndexesFormat.",
    },
    POD_REPLACEMENT_POLICY = {
        code: "KJP411", name: "invalid-pod-replacement-policy", severity: Error,
        summary: "spec.podReplacementPolicy is not Failed or TerminatingOrFailed (only Failed with a podFailurePolicy).",
        why: "With a pod failure policy, a replacement may only be created once the old Pod has fully failed.",
        example: "spec:\n  podReplacementPolicy: TerminatingOrFailed\n  podFailurePolicy: {rules: [...]}",
        fix: "spec:\n  podReplacementPolicy: Failed\n  podFailurePolicy: {rules: [...]}",
        reference: "pkg/apis/batch/validation validatePodReplacementPolicy.",
    },
    MANAGED_BY = {
        code: "KJP412", name: "invalid-managed-by", severity: Error,
        summary: "spec.managedBy is not a domain-prefixed path of at most 63 characters.",
        why: "managedBy names the controller that owns the Job, e.g. `kueue.x-k8s.io/multikueue`.",
        example: "spec:\n  managedBy: kueue",
        fix: "spec:\n  managedBy: kueue.x-k8s.io/multikueue",
        reference: "pkg/apis/batch/validation validateJobSpec; util/validation IsDomainPrefixedPath.",
    },
    RESTART_POLICY = {
        code: "KJP413", name: "invalid-job-restart-policy", severity: Error,
        summary: "spec.template.spec.restartPolicy is missing, Always, or unknown (or not Never with a podFailurePolicy).",
        why: "A missing restartPolicy defaults to Always, which a Job refuses: Job Pods must be OnFailure or Never.",
        example: "template:\n  spec:\n    containers: [...]",
        fix: "template:\n  spec:\n    restartPolicy: Never\n    containers: [...]",
        reference: "pkg/apis/batch/validation validateJobSpec; pkg/apis/core/v1 SetDefaults_PodSpec; core/validation validateRestartPolicy.",
    },
    CONTAINER_NAME = {
        code: "KJP414", name: "invalid-container-name", severity: Error,
        summary: "A container or init container has no name, a name that is not a DNS-1123 label, or a name used twice.",
        why: "Container names are DNS labels, unique across containers and init containers of the Pod.",
        example: "containers:\n- name: Main_Worker\n  image: app:1",
        fix: "containers:\n- name: main-worker\n  image: app:1",
        reference: "pkg/apis/core/validation validateContainers, validateInitContainers, validateContainerCommon.",
    },
    CONTAINER_IMAGE_FORMAT = {
        code: "KJP415", name: "image-whitespace", severity: Error,
        summary: "A container image has leading or trailing whitespace.",
        why: "The API server refuses images with surrounding spaces, which usually come from a template substitution.",
        example: "image: \"busybox:1.36 \"",
        fix: "image: busybox:1.36",
        reference: "pkg/apis/core/validation validateContainerCommon.",
    },
    CONTAINER_POLICY = {
        code: "KJP416", name: "invalid-container-policy", severity: Error,
        summary: "imagePullPolicy, terminationMessagePolicy or a container restartPolicy has an unsupported value.",
        why: "These fields take fixed values; restartPolicy on a container is only allowed for init containers (Always makes a sidecar).",
        example: "imagePullPolicy: always",
        fix: "imagePullPolicy: Always",
        reference: "pkg/apis/core/validation validatePullPolicy, validateContainerCommon, validateInitContainers.",
    },
    CONTAINER_PORTS = {
        code: "KJP417", name: "invalid-container-port", severity: Error,
        summary: "A container port is out of range, has an invalid or duplicate name, an unknown protocol, or a hostPort that differs with hostNetwork.",
        why: "Ports are 1-65535, names are IANA service names (at most 15 characters, a letter, no '--'), protocols are TCP, UDP or SCTP.",
        example: "ports:\n- name: http_port\n  containerPort: 80",
        fix: "ports:\n- name: http\n  containerPort: 80",
        reference: "pkg/apis/core/validation validateContainerPorts, validateHostNetwork.",
    },
    ENV = {
        code: "KJP418", name: "invalid-env", severity: Error,
        summary: "An env entry has an empty or invalid name, or valueFrom/envFrom does not name exactly one valid source.",
        why: "Each variable needs a name of printable ASCII without '='; valueFrom takes exactly one of fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef, and not together with value.",
        example: "env:\n- name: TOKEN\n  value: x\n  valueFrom:\n    secretKeyRef: {name: s, key: token}",
        fix: "env:\n- name: TOKEN\n  valueFrom:\n    secretKeyRef: {name: s, key: token}",
        reference: "pkg/apis/core/validation ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom; util/validation IsRelaxedEnvVarName.",
    },
    RESOURCES = {
        code: "KJP419", name: "invalid-resources", severity: Error,
        summary: "Container resources use an unknown name, a negative or fractional quantity where not allowed, or requests above limits.",
        why: "Requests may not exceed limits; extended resources (vendor/name) and hugepages must be whole and their requests must equal limits; names must be standard (cpu, memory, ephemeral-storage, hugepages-<size>) or vendor-prefixed.",
        example: "resources:\n  requests: {cpu: \"2\"}\n  limits: {cpu: \"1\"}",
        fix: "resources:\n  requests: {cpu: \"1\"}\n  limits: {cpu: \"2\"}",
        reference: "pkg/apis/core/validation ValidateContainerResourceRequirements, validateContainerResourceName, ValidateResourceQuantityValue.",
    },
    VOLUMES = {
        code: "KJP420", name: "invalid-volume", severity: Error,
        summary: "A volume has an invalid or duplicate name, several sources, or a source missing its required name.",
        why: "Each volume is a DNS label name plus one source such as emptyDir, configMap or persistentVolumeClaim (a volume with no source is defaulted to emptyDir).",
        example: "volumes:\n- name: data\n  emptyDir: {}\n  configMap: {name: data}",
        fix: "volumes:\n- name: data\n  configMap: {name: data}",
        reference: "pkg/apis/core/validation ValidateVolumes, validateVolumeSource; pkg/apis/core/v1 SetDefaults_Volume.",
    },
    VOLUME_MOUNTS = {
        code: "KJP421", name: "invalid-volume-mount", severity: Error,
        summary: "A volumeMount names an undeclared volume, repeats a mountPath, lacks a mountPath, or has an absolute or '..' subPath.",
        why: "Mounts must reference a volume of the Pod; each path may be mounted once per container; subPath must stay inside the volume.",
        example: "volumeMounts:\n- name: cache\n  mountPath: /cache   # no volume named cache",
        fix: "volumes:\n- name: cache\n  emptyDir: {}",
        reference: "pkg/apis/core/validation ValidateVolumeMounts, validateLocalDescendingPath.",
    },
    PROBES = {
        code: "KJP422", name: "invalid-probe-or-lifecycle", severity: Error,
        summary: "A probe or lifecycle hook has no handler or several, a negative setting, a bad port, or is set on a plain init container.",
        why: "Probes need exactly one of exec, httpGet, tcpSocket and grpc; liveness and startup probes need successThreshold 1; init containers without restartPolicy: Always cannot have probes or lifecycle hooks.",
        example: "livenessProbe:\n  periodSeconds: 10",
        fix: "livenessProbe:\n  httpGet: {path: /healthz, port: 8080}\n  periodSeconds: 10",
        reference: "pkg/apis/core/validation validateProbe, validateHandler, validateLifecycle, validateInitContainers.",
    },
    DNS = {
        code: "KJP423", name: "invalid-dns-settings", severity: Error,
        summary: "dnsPolicy is unknown, or dnsConfig is missing (dnsPolicy: None) or invalid.",
        why: "dnsPolicy None needs a dnsConfig with a nameserver; at most 3 nameservers (IP addresses) and 32 search domains.",
        example: "dnsPolicy: None",
        fix: "dnsPolicy: None\ndnsConfig:\n  nameservers: [10.0.0.10]",
        reference: "pkg/apis/core/validation validateDNSPolicy, validatePodDNSConfig.",
    },
    TOLERATIONS = {
        code: "KJP424", name: "invalid-toleration", severity: Error,
        summary: "A toleration has an invalid key, operator, value or effect.",
        why: "An empty key needs operator Exists; Exists takes no value; tolerationSeconds needs effect NoExecute.",
        example: "tolerations:\n- operator: Equal\n  value: gpu",
        fix: "tolerations:\n- key: nvidia.com/gpu\n  operator: Equal\n  value: present",
        reference: "pkg/apis/core/validation ValidateTolerations.",
    },
    SECURITY_CONTEXT = {
        code: "KJP425", name: "invalid-security-context", severity: Error,
        summary: "A user or group ID is out of range, or privileged/CAP_SYS_ADMIN is combined with allowPrivilegeEscalation: false.",
        why: "IDs are 0..2147483647; a privileged container cannot also forbid privilege escalation.",
        example: "securityContext:\n  privileged: true\n  allowPrivilegeEscalation: false",
        fix: "securityContext:\n  allowPrivilegeEscalation: false",
        reference: "pkg/apis/core/validation ValidatePodSecurityContext, ValidateSecurityContext.",
    },
    POD_FIELDS = {
        code: "KJP426", name: "invalid-pod-field", severity: Error,
        summary: "A pod-level name or value is invalid: serviceAccountName, priorityClassName, runtimeClassName, nodeName, hostname, subdomain, nodeSelector, os.name, shareProcessNamespace with hostPID, or activeDeadlineSeconds; or the template has ephemeralContainers.",
        why: "Referenced names must be DNS names; nodeSelector entries follow label rules; the pod activeDeadlineSeconds must be positive; ephemeral containers are only added to running Pods (kubectl debug), never to a pod template.",
        example: "serviceAccountName: Batch_Runner",
        fix: "serviceAccountName: batch-runner",
        reference: "pkg/apis/core/validation ValidatePodSpec, ValidatePodTemplateSpec.",
    },
    SCHEDULING = {
        code: "KJP427", name: "invalid-scheduling-constraint", severity: Error,
        summary: "Node affinity, pod (anti-)affinity or a topology spread constraint is malformed.",
        why: "Required node affinity needs at least one term; selector operators need the right number of values (In/NotIn some, Exists/DoesNotExist none, Gt/Lt one integer); weights are 1-100; spread constraints need a topologyKey, a positive maxSkew and a supported whenUnsatisfiable.",
        example: "affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - {key: gpu, operator: In}",
        fix: "affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - {key: gpu, operator: In, values: [a100]}",
        reference: "pkg/apis/core/validation validateAffinity, ValidateNodeSelector, ValidateNodeSelectorRequirement, validatePodAffinityTerm, validateTopologySpreadConstraints.",
    },
    RESOURCE_VERSION = {
        code: "KJP428", name: "resource-version-on-create", severity: Error,
        summary: "metadata.resourceVersion is set, as in a manifest exported with kubectl get -o yaml.",
        why: "Creating an object that carries a resourceVersion fails (\"resourceVersion should not be set on objects to be created\"); exported Jobs also carry the old controller-uid selector and labels, which the API server refuses too.",
        example: "metadata:\n  name: pi\n  resourceVersion: \"123456\"",
        fix: "metadata:\n  name: pi",
        reference: "k8s.io/apiserver storage (etcd3) Create: ErrResourceVersionSetOnCreate.",
    },
    FINALIZERS = {
        code: "KJP429", name: "invalid-finalizer", severity: Error,
        summary: "A metadata.finalizers entry is not a qualified name or is an unqualified name other than a standard one, or orphan and foregroundDeletion are both set.",
        why: "Finalizers of built-in objects such as Jobs must be domain-qualified names like `example.com/cleanup`; only the standard `kubernetes`, `orphan` and `foregroundDeletion` may be written without a prefix, and `orphan` contradicts `foregroundDeletion`.",
        example: "metadata:\n  finalizers:\n  - cleanup",
        fix: "metadata:\n  finalizers:\n  - example.com/cleanup",
        reference: "k8s.io/apimachinery/pkg/api/validation ValidateFinalizers, ValidateFinalizerName; pkg/apis/core/validation ValidateObjectMeta (validateKubeFinalizerName, standard finalizers).",
    },
}

/// Validates `doc` (a Job document) as the API server of `version` would on create.
pub fn check(doc: &Value, version: KubeVersion, out: &mut Vec<RawFinding>) {
    let mut cx = Cx {
        version,
        out: Vec::new(),
        pod_claims: Vec::new(),
        grace_period: 30,
    };
    cx.job(doc);
    // The API server folds identical messages into one (ErrorList.ToAggregate).
    let mut seen = HashSet::new();
    for f in cx.out {
        if seen.insert(f.message.clone()) {
            out.push(f);
        }
    }
}

// ---------------------------------------------------------------------------
// Reading values. A value of the wrong type reads as absent: the decoder
// reports it, and the API server would never get this far.

fn get<'a>(v: Option<&'a Value>, key: &str) -> Option<&'a Value> {
    match v?.get(key)? {
        Value::Null => None,
        x => Some(x),
    }
}
/// A field that must be an object; other types read as absent.
fn obj<'a>(v: Option<&'a Value>, key: &str) -> Option<&'a Value> {
    get(v, key).filter(|x| x.is_mapping())
}
fn get_str<'a>(v: Option<&'a Value>, key: &str) -> Option<&'a str> {
    get(v, key)?.as_str()
}
/// Integers, and floats with no fraction: Kubernetes' YAML-to-JSON step
/// turns `2.0` into `2`, which an int32 field accepts.
fn get_int(v: Option<&Value>, key: &str) -> Option<i64> {
    int_of(get(v, key)?)
}
fn int_of(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| {
        let f = v.as_f64()?;
        (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
    })
}
fn get_bool(v: Option<&Value>, key: &str) -> Option<bool> {
    get(v, key)?.as_bool()
}
fn get_seq<'a>(v: Option<&'a Value>, key: &str) -> &'a [Value] {
    match get(v, key) {
        Some(Value::Sequence(s)) => s,
        _ => &[],
    }
}
fn get_map<'a>(v: Option<&'a Value>, key: &str) -> Option<&'a Mapping> {
    get(v, key)?.as_mapping()
}
/// String-keyed, string-valued entries of a map (others are decoder errors).
fn str_entries(m: Option<&Mapping>) -> Vec<(&str, &str)> {
    let Some(m) = m else { return Vec::new() };
    m.iter()
        .filter_map(|(k, v)| Some((k.as_str()?, v.as_str()?)))
        .collect()
}
/// Quantities are written as strings or plain numbers.
fn quantity_of(v: &Value) -> Option<Quantity> {
    match v {
        Value::String(s) => Quantity::parse(s).ok(),
        Value::Number(n) => Quantity::parse(&n.to_string()).ok(),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Message shapes of k8s.io/apimachinery/pkg/util/validation/field.

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}
fn required(p: &FieldPath, detail: &str) -> String {
    if detail.is_empty() {
        format!("{p}: Required value")
    } else {
        format!("{p}: Required value: {detail}")
    }
}
fn invalid(p: &FieldPath, value: &str, detail: &str) -> String {
    format!("{p}: Invalid value: {value}: {detail}")
}
fn not_supported(p: &FieldPath, value: &str, supported: &[&str]) -> String {
    let list: Vec<String> = supported.iter().map(|s| q(s)).collect();
    format!(
        "{p}: Unsupported value: {}: supported values: {}",
        q(value),
        list.join(", ")
    )
}
fn duplicate(p: &FieldPath, value: &str) -> String {
    format!("{p}: Duplicate value: {value}")
}
fn forbidden(p: &FieldPath, detail: &str) -> String {
    format!("{p}: Forbidden: {detail}")
}
fn not_found(p: &FieldPath, value: &str) -> String {
    format!("{p}: Not found: {}", q(value))
}
fn too_many(p: &FieldPath, actual: usize, max: usize) -> String {
    format!("{p}: Too many: {actual}: must have at most {max} items")
}
fn too_long(p: &FieldPath, max: usize) -> String {
    format!("{p}: Too long: may not be more than {max} bytes")
}
/// Go's `%q` of a string slice: `["a" "b"]`.
fn go_list(items: &[&str]) -> String {
    let v: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", v.join(" "))
}
/// Go's `%#v` of a `map[string]string` (keys sorted, as fmt prints maps).
fn go_map(m: &BTreeMap<String, LabelValue>) -> String {
    let v: Vec<String> = m
        .iter()
        .map(|(k, val)| format!("{}:{}", q(k), q(val.text())))
        .collect();
    format!("map[string]string{{{}}}", v.join(", "))
}

/// A label value after `PrepareForCreate`: the controller UID is only known
/// to the server, so it equals no value a manifest can spell.
#[derive(Debug, Clone, PartialEq)]
enum LabelValue {
    Text(String),
    Uid,
}
impl LabelValue {
    fn text(&self) -> &str {
        match self {
            LabelValue::Text(s) => s,
            LabelValue::Uid => "<uid>",
        }
    }
    fn is(&self, s: &str) -> bool {
        matches!(self, LabelValue::Text(t) if t == s)
    }
}

const JOB_NAME_LABELS: [&str; 2] = ["batch.kubernetes.io/job-name", "job-name"];
const UID_LABELS: [&str; 2] = ["batch.kubernetes.io/controller-uid", "controller-uid"];

// ---------------------------------------------------------------------------

struct Cx {
    version: KubeVersion,
    out: Vec<RawFinding>,
    /// Names in spec.template.spec.resourceClaims, sorted.
    pod_claims: Vec<String>,
    /// terminationGracePeriodSeconds of the template (defaulted to 30).
    grace_period: i64,
}

impl Cx {
    fn push(
        &mut self,
        rule: &'static crate::rules::Rule,
        path: &FieldPath,
        message: String,
        help: &str,
    ) {
        self.out
            .push(RawFinding::new(rule, path.clone(), message, help));
    }

    fn job(&mut self, doc: &Value) {
        let root = FieldPath::root();
        let meta = obj(Some(doc), "metadata");
        let meta_path = root.field("metadata");
        let spec = obj(Some(doc), "spec");
        let spec_path = root.field("spec");
        let template = obj(spec, "template");
        let tmpl_path = spec_path.field("template");
        let tmpl_meta = obj(template, "metadata");
        let name = get_str(meta, "name").filter(|n| !n.trim().is_empty());

        self.object_meta(doc, meta, &meta_path, name);
        // batch/v1 SetDefaults_Job: a Job without labels takes the template's.
        let job_labels = get_map(meta, "labels").filter(|m| !m.is_empty());
        let tmpl_labels = get_map(tmpl_meta, "labels");
        if job_labels.is_none() && tmpl_labels.is_some_and(|m| !m.is_empty()) {
            self.labels(tmpl_labels, &meta_path.field("labels"));
        }

        // PrepareForCreate: the template labels the API server validates.
        let manual = get_bool(spec, "manualSelector") == Some(true);
        let mut final_labels: BTreeMap<String, LabelValue> = str_entries(tmpl_labels)
            .into_iter()
            .map(|(k, v)| (k.to_string(), LabelValue::Text(v.to_string())))
            .collect();
        if !manual {
            for key in JOB_NAME_LABELS {
                final_labels
                    .entry(key.to_string())
                    .or_insert_with(|| LabelValue::Text(name.unwrap_or("").to_string()));
            }
            for key in UID_LABELS {
                final_labels
                    .entry(key.to_string())
                    .or_insert(LabelValue::Uid);
            }
            self.generated_selector(spec, &spec_path, &tmpl_path, name, &final_labels);
        }

        self.job_spec(spec, &spec_path);

        // ValidatePodTemplateSpec: labels (user's and generated) and annotations.
        let labels_path = tmpl_path.field("labels");
        self.labels(tmpl_labels, &labels_path);
        if !manual {
            // The generated job-name labels carry the name as their value.
            if let Some(n) = name.filter(|_| !tmpl_labels_has_all_job_name(tmpl_labels)) {
                let too_long = names::max_len_error(names::LABEL_VALUE_MAX);
                for m in names::is_valid_label_value(n) {
                    let (rule, help) = if m == too_long {
                        (JOB_NAME_LABEL, "Shorten metadata.name to at most 63 characters: the API server copies it into the job-name label of every Pod.")
                    } else {
                        (OBJECT_NAME, "Fix metadata.name: the API server also copies it into the job-name label of every Pod.")
                    };
                    self.push(rule, &labels_path, invalid(&labels_path, &q(n), &m), help);
                }
            }
        }
        self.annotations(
            get_map(tmpl_meta, "annotations"),
            &tmpl_path.field("annotations"),
            None,
        );
        let pod = obj(template, "spec");
        let pod_path = tmpl_path.field("spec");
        // ValidatePodSpecificAnnotations: annotations the API server reads.
        let tmpl_annotations = str_entries(get_map(tmpl_meta, "annotations"));
        let ap = tmpl_path.field("annotations");
        for (k, v) in &tmpl_annotations {
            let kp = ap.key(k);
            if *k == "kubernetes.io/config.mirror"
                && get_str(pod, "nodeName").is_none_or(str::is_empty)
            {
                self.push(
                    ANNOTATIONS,
                    &kp,
                    invalid(
                        &kp,
                        &q(v),
                        "must set spec.nodeName if mirror pod annotation is set",
                    ),
                    "Remove the kubernetes.io/config.mirror annotation: only the kubelet sets it.",
                );
            }
            // GetDeletionCostFromPodAnnotations: a decimal int32 without '+'
            // or leading zeros (PodDeletionCost is on in every version).
            let first_ok = v.starts_with('-')
                || *v == "0"
                || v.starts_with(|c: char| ('1'..='9').contains(&c));
            let digits = v.strip_prefix('-').unwrap_or(v);
            let parses = !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && v.parse::<i32>().is_ok();
            if *k == "controller.kubernetes.io/pod-deletion-cost" && !(first_ok && parses) {
                self.push(
                    ANNOTATIONS,
                    &kp,
                    invalid(&kp, &q(v), "must be a 32bit integer"),
                    "Set pod-deletion-cost to a whole number between -2147483648 and 2147483647, quoted.",
                );
            }
        }
        self.pod_spec(pod, &pod_path);
        // ValidatePodTemplateSpec: ephemeral containers exist only in Pods.
        if !get_seq(pod, "ephemeralContainers").is_empty() {
            let p = pod_path.field("ephemeralContainers");
            self.push(
                POD_FIELDS,
                &p,
                forbidden(&p, "ephemeral containers not allowed in pod template"),
                "Remove ephemeralContainers: kubectl debug adds them to running Pods, a Job cannot declare them.",
            );
        }
        self.job_restart_policy(spec, pod, &pod_path);

        // ValidateJobSpec: the selector (the user's, plus the generated
        // controller-uid unless manual) must be valid and select the template.
        self.job_selector(spec, &spec_path, &final_labels, manual);
        self.indexed_hostname(spec, name, &meta_path);
    }

    fn object_meta(
        &mut self,
        doc: &Value,
        meta: Option<&Value>,
        path: &FieldPath,
        name: Option<&str>,
    ) {
        if let Some(n) = name {
            let p = path.field("name");
            for m in names::is_dns1123_subdomain(n) {
                self.push(
                    OBJECT_NAME,
                    &p,
                    invalid(&p, &q(n), &m),
                    "Use only lower case letters, digits, '-' and '.', starting and ending with a letter or digit (expand any template placeholder first).",
                );
            }
        }
        if let Some(g) = get_str(meta, "generateName").filter(|g| !g.is_empty()) {
            let p = path.field("generateName");
            // NameIsDNSSubdomain(prefix=true) runs maskTrailingDash, which
            // replaces the last two bytes of "...x-" by "a".
            let masked = match g.get(..g.len().saturating_sub(2)) {
                Some(head) if g.len() > 1 && g.ends_with('-') => format!("{head}a"),
                _ => g.to_string(),
            };
            for m in names::is_dns1123_subdomain(&masked) {
                self.push(
                    OBJECT_NAME,
                    &p,
                    invalid(&p, &q(g), &m),
                    "Use a lower case DNS name prefix such as my-job-.",
                );
            }
        }
        if let Some(rv) = get(meta, "resourceVersion").filter(|v| v.as_str() != Some("")) {
            let p = path.field("resourceVersion");
            let shown = rv
                .as_str()
                .map_or_else(|| crate::seed_rules::scalar_text(rv), q);
            self.push(
                RESOURCE_VERSION,
                &p,
                invalid(&p, &shown, "resourceVersion should not be set on objects to be created"),
                "Remove metadata.resourceVersion (and uid, creationTimestamp and status) from the manifest.",
            );
        }
        if let Some(ns) = get_str(meta, "namespace").filter(|n| !n.trim().is_empty()) {
            let p = path.field("namespace");
            for m in names::is_dns1123_label(ns) {
                self.push(
                    NAMESPACE,
                    &p,
                    invalid(&p, &q(ns), &m),
                    "Use a namespace name of lower case letters, digits and '-', at most 63 characters.",
                );
            }
        }
        self.labels(get_map(meta, "labels"), &path.field("labels"));
        // apimachinery ValidateFinalizers (errors at the list), then the core
        // check that an unqualified name is a standard one (at each entry).
        let fp = path.field("finalizers");
        let finalizers: Vec<(usize, &str)> = get_seq(meta, "finalizers")
            .iter()
            .enumerate()
            .filter_map(|(i, f)| Some((i, f.as_str()?)))
            .collect();
        for (_, f) in &finalizers {
            for m in names::is_qualified_name(f) {
                self.push(
                    FINALIZERS,
                    &fp,
                    invalid(&fp, &q(f), &m),
                    "Use a finalizer name of the form <domain>/<name>, e.g. example.com/cleanup.",
                );
            }
        }
        let has = |name: &str| finalizers.iter().any(|(_, f)| *f == name);
        if has("orphan") && has("foregroundDeletion") {
            let all: Vec<&str> = finalizers.iter().map(|(_, f)| *f).collect();
            let shown = format!(
                "[]string{{{}}}",
                all.iter().map(|f| q(f)).collect::<Vec<_>>().join(", ")
            );
            self.push(
                FINALIZERS,
                &fp,
                invalid(
                    &fp,
                    &shown,
                    "finalizer orphan and foregroundDeletion cannot be both set",
                ),
                "Keep either orphan or foregroundDeletion, not both.",
            );
        }
        for (i, f) in &finalizers {
            if !f.contains('/') && !["kubernetes", "orphan", "foregroundDeletion"].contains(f) {
                let ip = fp.index(*i);
                self.push(
                    FINALIZERS,
                    &ip,
                    invalid(
                        &ip,
                        &q(f),
                        "name is neither a standard finalizer name nor is it fully qualified",
                    ),
                    "Prefix the finalizer with a domain you own, e.g. example.com/cleanup.",
                );
            }
        }
        // Client-side apply copies the manifest into the Job's annotations.
        self.annotations(
            get_map(meta, "annotations"),
            &path.field("annotations"),
            Some(doc),
        );
    }

    /// `ValidateLabels`: every error is reported at the map's path.
    fn labels(&mut self, m: Option<&Mapping>, p: &FieldPath) {
        self.labels_as(LABELS, m, p);
    }

    fn labels_as(&mut self, rule: &'static crate::rules::Rule, m: Option<&Mapping>, p: &FieldPath) {
        for (k, v) in str_entries(m) {
            for msg in names::is_qualified_name(k) {
                self.push(rule, p, invalid(p, &q(k), &msg), "Use a label key of the form [prefix/]name: a DNS subdomain prefix and a name of at most 63 alphanumerics, '-', '_' or '.'.");
            }
            for msg in names::is_valid_label_value(v) {
                self.push(rule, p, invalid(p, &q(v), &msg), "Use a label value of at most 63 alphanumerics, '-', '_' or '.', starting and ending with a letter or digit.");
            }
        }
    }

    /// `ValidateAnnotations`. `applied` is the size of the annotation that
    /// client-side `kubectl apply` adds (0 for the template).
    fn annotations(&mut self, m: Option<&Mapping>, p: &FieldPath, applied_copy_of: Option<&Value>) {
        let empty = Mapping::new();
        let m = m.unwrap_or(&empty);
        let mut total = 0usize;
        for (k, v) in m {
            let Some(k) = k.as_str() else { continue };
            for msg in names::is_qualified_name(&k.to_lowercase()) {
                self.push(
                    ANNOTATIONS,
                    p,
                    invalid(p, &q(k), &msg),
                    "Use an annotation key of the form [prefix/]name, e.g. example.com/owner.",
                );
            }
            total += k.len() + v.as_str().map_or(0, str::len);
        }
        const LIMIT: usize = 256 * 1024;
        if total > LIMIT {
            self.push(
                ANNOTATIONS,
                p,
                too_long(p, LIMIT),
                "Move large data out of annotations, e.g. into a ConfigMap.",
            );
        } else if applied_copy_of.is_some_and(|doc| {
            total + json_len_bound(doc) > LIMIT && total + last_applied_size(doc) > LIMIT
        }) {
            self.push(
                ANNOTATIONS,
                p,
                too_long(p, LIMIT),
                "Use kubectl apply --server-side or kubectl create: client-side apply copies the whole manifest into the last-applied-configuration annotation, which makes it too large.",
            );
        }
    }

    /// `validateGeneratedSelector` for a Job without manualSelector: true.
    fn generated_selector(
        &mut self,
        spec: Option<&Value>,
        spec_path: &FieldPath,
        tmpl_path: &FieldPath,
        name: Option<&str>,
        labels: &BTreeMap<String, LabelValue>,
    ) {
        let labels_path = tmpl_path.field("metadata").field("labels");
        // ValidateHasLabel: user-written generated labels must carry the real values.
        for key in UID_LABELS.iter().rev() {
            if let Some(LabelValue::Text(_)) = labels.get(*key) {
                let p = labels_path.key(key);
                self.push(
                    SELECTOR,
                    &p,
                    invalid(&p, &go_map(labels), "must be '<uid>'"),
                    "Remove the controller-uid label from the template: the API server sets it to the Job's UID.",
                );
            }
        }
        if let Some(n) = name {
            for key in JOB_NAME_LABELS.iter().rev() {
                if let Some(v) = labels.get(*key) {
                    if !v.is(n) {
                        let p = labels_path.key(key);
                        self.push(
                            SELECTOR,
                            &p,
                            invalid(&p, &go_map(labels), &format!("must be '{n}'")),
                            "Remove the job-name label from the template, or set it to the Job's name.",
                        );
                    }
                }
            }
        }
        let Some(sel) = obj(spec, "selector") else {
            return;
        };
        // The server adds matchLabels[controller-uid] = UID when absent, then
        // requires the selector to select exactly what it generated.
        let mut expected: BTreeMap<String, LabelValue> = BTreeMap::new();
        for key in JOB_NAME_LABELS {
            expected.insert(
                key.to_string(),
                LabelValue::Text(name.unwrap_or("").to_string()),
            );
        }
        for key in UID_LABELS {
            expected.insert(key.to_string(), LabelValue::Uid);
        }
        if selector_matches(sel, &expected) == Some(false) {
            let p = spec_path.field("selector");
            self.push(
                SELECTOR,
                &p,
                invalid(&p, &selector_repr(sel), "`selector` not auto-generated"),
                "Remove spec.selector (the API server generates it), or set spec.manualSelector: true.",
            );
        }
    }

    fn job_selector(
        &mut self,
        spec: Option<&Value>,
        spec_path: &FieldPath,
        labels: &BTreeMap<String, LabelValue>,
        manual: bool,
    ) {
        let p = spec_path.field("selector");
        let user = get(spec, "selector");
        if user.is_some_and(|v| !v.is_mapping()) {
            return;
        }
        if manual && user.is_none() {
            self.push(
                SELECTOR,
                &p,
                required(&p, ""),
                "With manualSelector: true, set spec.selector to match the template labels.",
            );
            return;
        }
        let user_match = match user {
            Some(sel) => {
                self.label_selector(sel, &p);
                selector_matches(sel, labels)
            }
            None => Some(true),
        };
        // generateSelector adds matchLabels[batch.kubernetes.io/controller-uid]
        // = UID unless the user wrote that key.
        let uid_match = manual || {
            let key = UID_LABELS[0];
            let wanted = user
                .and_then(|sel| get_map(Some(sel), "matchLabels"))
                .and_then(|m| str_entries(Some(m)).into_iter().find(|(k, _)| *k == key))
                .map_or(LabelValue::Uid, |(_, v)| LabelValue::Text(v.to_string()));
            labels.get(key) == Some(&wanted)
        };
        if user_match.is_some() && !(user_match == Some(true) && uid_match) {
            let lp = spec_path
                .field("template")
                .field("metadata")
                .field("labels");
            self.push(
                SELECTOR,
                &lp,
                invalid(
                    &lp,
                    &go_map(labels),
                    "`selector` does not match template `labels`",
                ),
                "Make spec.selector select the labels of spec.template.metadata.labels.",
            );
        }
    }

    fn label_selector(&mut self, sel: &Value, p: &FieldPath) {
        self.label_selector_as(SELECTOR, sel, p);
    }

    fn label_selector_as(&mut self, rule: &'static crate::rules::Rule, sel: &Value, p: &FieldPath) {
        self.labels_as(
            rule,
            get_map(Some(sel), "matchLabels"),
            &p.field("matchLabels"),
        );
        for (i, e) in get_seq(Some(sel), "matchExpressions").iter().enumerate() {
            if !e.is_mapping() {
                continue;
            }
            let ep = p.field("matchExpressions").index(i);
            let values = get_seq(Some(e), "values");
            match get_str(Some(e), "operator").unwrap_or("") {
                "In" | "NotIn" => {
                    if values.is_empty() {
                        let vp = ep.field("values");
                        self.push(
                            rule,
                            &vp,
                            required(&vp, "must be specified when `operator` is 'In' or 'NotIn'"),
                            "Give In and NotIn at least one value.",
                        );
                    }
                }
                "Exists" | "DoesNotExist" => {
                    if !values.is_empty() {
                        let vp = ep.field("values");
                        self.push(rule, &vp, forbidden(&vp, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"), "Remove values from an Exists or DoesNotExist expression.");
                    }
                }
                op => {
                    let opp = ep.field("operator");
                    self.push(
                        rule,
                        &opp,
                        invalid(&opp, &q(op), "not a valid selector operator"),
                        "Use one of In, NotIn, Exists, DoesNotExist.",
                    );
                }
            }
            let key = get_str(Some(e), "key").unwrap_or("");
            let kp = ep.field("key");
            for msg in names::is_qualified_name(key) {
                self.push(
                    rule,
                    &kp,
                    invalid(&kp, &q(key), &msg),
                    "Use a valid label key.",
                );
            }
            for (j, v) in values.iter().enumerate() {
                let Some(v) = v.as_str() else { continue };
                let vp = ep.field("values").index(j);
                for msg in names::is_valid_label_value(v) {
                    self.push(
                        rule,
                        &vp,
                        invalid(&vp, &q(v), &msg),
                        "Use a valid label value.",
                    );
                }
            }
        }
    }

    fn job_spec(&mut self, spec: Option<&Value>, sp: &FieldPath) {
        for field in [
            "parallelism",
            "completions",
            "activeDeadlineSeconds",
            "backoffLimit",
            "ttlSecondsAfterFinished",
            "backoffLimitPerIndex",
            "maxFailedIndexes",
        ] {
            if let Some(v) = get_int(spec, field) {
                if v < 0 {
                    let p = sp.field(field);
                    self.push(
                        JOB_COUNTS,
                        &p,
                        invalid(&p, &v.to_string(), "must be greater than or equal to 0"),
                        &format!("Set {field} to 0 or more, or remove it."),
                    );
                }
            }
        }
        let has = |f: &str| get(spec, f).is_some();
        // batch/v1 SetDefaults_Job: with neither completions nor parallelism
        // set, both become 1 (only parallelism is defaulted otherwise).
        let both_unset = !has("completions") && !has("parallelism");
        let parallelism = get_int(spec, "parallelism");
        let completions = get_int(spec, "completions").or(both_unset.then_some(1));
        let per_index = get_int(spec, "backoffLimitPerIndex");
        let max_failed = get_int(spec, "maxFailedIndexes");
        if has("maxFailedIndexes") && !has("backoffLimitPerIndex") {
            let p = sp.field("backoffLimitPerIndex");
            self.push(
                COMPLETION_MODE,
                &p,
                required(&p, "when maxFailedIndexes is specified"),
                "Set backoffLimitPerIndex together with maxFailedIndexes.",
            );
        }
        if let Some(mb) = get_str(spec, "managedBy") {
            self.managed_by(mb, &sp.field("managedBy"));
        }
        let mode = get_str(spec, "completionMode");
        let indexed = mode == Some("Indexed");
        if let Some(m) = mode {
            let p = sp.field("completionMode");
            if m != "NonIndexed" && m != "Indexed" {
                self.push(
                    COMPLETION_MODE,
                    &p,
                    not_supported(&p, m, &["NonIndexed", "Indexed"]),
                    "Set completionMode to NonIndexed or Indexed.",
                );
            }
        }
        if indexed {
            if !has("completions") && !both_unset {
                let p = sp.field("completions");
                self.push(
                    COMPLETION_MODE,
                    &p,
                    required(&p, "when completion mode is Indexed"),
                    "Set spec.completions for an Indexed Job.",
                );
            }
            if let Some(par) = parallelism.filter(|&p| p > 100_000) {
                let p = sp.field("parallelism");
                self.push(
                    COMPLETION_MODE,
                    &p,
                    invalid(
                        &p,
                        &par.to_string(),
                        "must be less than or equal to 100000 when completion mode is Indexed",
                    ),
                    "Lower parallelism to at most 100000.",
                );
            }
            if let (Some(c), Some(mf)) = (completions, max_failed) {
                if mf > c {
                    let p = sp.field("maxFailedIndexes");
                    self.push(
                        COMPLETION_MODE,
                        &p,
                        invalid(
                            &p,
                            &mf.to_string(),
                            "must be less than or equal to completions",
                        ),
                        "Lower maxFailedIndexes to at most completions.",
                    );
                }
            }
            if let Some(mf) = max_failed.filter(|&m| m > 100_000) {
                let p = sp.field("maxFailedIndexes");
                self.push(
                    COMPLETION_MODE,
                    &p,
                    invalid(&p, &mf.to_string(), "must be less than or equal to 100000"),
                    "Lower maxFailedIndexes to at most 100000.",
                );
            }
            if completions.is_some_and(|c| c > 100_000) && has("backoffLimitPerIndex") {
                if !has("maxFailedIndexes") {
                    let p = sp.field("maxFailedIndexes");
                    self.push(
                        COMPLETION_MODE,
                        &p,
                        required(&p, "must be specified when completions is above 100000"),
                        "Set maxFailedIndexes when completions is above 100000.",
                    );
                }
                if let Some(par) = parallelism.filter(|&p| p > 10_000) {
                    let p = sp.field("parallelism");
                    self.push(COMPLETION_MODE, &p, invalid(&p, &par.to_string(), "must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index"), "Lower parallelism to at most 10000.");
                }
                if let Some(mf) = max_failed.filter(|&m| m > 10_000) {
                    let p = sp.field("maxFailedIndexes");
                    self.push(COMPLETION_MODE, &p, invalid(&p, &mf.to_string(), "must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index"), "Lower maxFailedIndexes to at most 10000.");
                }
            }
        }
        if mode.is_none() || mode == Some("NonIndexed") {
            if let Some(b) = per_index {
                let p = sp.field("backoffLimitPerIndex");
                self.push(
                    COMPLETION_MODE,
                    &p,
                    invalid(&p, &b.to_string(), "requires indexed completion mode"),
                    "Set completionMode: Indexed, or use backoffLimit instead.",
                );
            }
            if let Some(mf) = max_failed {
                let p = sp.field("maxFailedIndexes");
                self.push(
                    COMPLETION_MODE,
                    &p,
                    invalid(&p, &mf.to_string(), "requires indexed completion mode"),
                    "Set completionMode: Indexed, or remove maxFailedIndexes.",
                );
            }
        }
        let pfp = obj(spec, "podFailurePolicy");
        if let Some(pfp) = pfp {
            self.pod_failure_policy(spec, pfp, &sp.field("podFailurePolicy"));
        }
        if let Some(sucp) = obj(spec, "successPolicy") {
            let p = sp.field("successPolicy");
            if !indexed {
                self.push(
                    SUCCESS_POLICY,
                    &p,
                    invalid(&p, &json_repr(sucp), "requires indexed completion mode"),
                    "Set completionMode: Indexed, or remove successPolicy.",
                );
            } else if let Some(c) = completions {
                self.success_policy(sucp, c, &p);
            }
        }
        if let Some(rp) = get_str(spec, "podReplacementPolicy") {
            let p = sp.field("podReplacementPolicy");
            if pfp.is_some() {
                if rp != "Failed" {
                    self.push(
                        POD_REPLACEMENT_POLICY,
                        &p,
                        not_supported(&p, rp, &["Failed"]),
                        "Use podReplacementPolicy: Failed with a podFailurePolicy.",
                    );
                }
            } else if rp != "Failed" && rp != "TerminatingOrFailed" {
                self.push(
                    POD_REPLACEMENT_POLICY,
                    &p,
                    not_supported(&p, rp, &["Failed", "TerminatingOrFailed"]),
                    "Use Failed or TerminatingOrFailed.",
                );
            }
        }
    }

    fn managed_by(&mut self, mb: &str, p: &FieldPath) {
        let help = "Set managedBy to a domain-prefixed path such as kueue.x-k8s.io/multikueue, or remove it.";
        if mb.is_empty() {
            self.push(MANAGED_BY, p, required(p, ""), help);
        } else {
            match mb.split_once('/') {
                Some((host, path)) if !host.is_empty() && !path.is_empty() => {
                    for m in names::is_dns1123_subdomain(host) {
                        self.push(MANAGED_BY, p, invalid(p, &q(host), &m), help);
                    }
                    let ok = path
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || b"/-._~%!$&'()*+,;=:".contains(&c));
                    if !ok {
                        let m = names::regex_error(
                            "Invalid path",
                            "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+",
                            &[],
                        );
                        self.push(MANAGED_BY, p, invalid(p, &q(path), &m), help);
                    }
                }
                _ => self.push(
                    MANAGED_BY,
                    p,
                    invalid(
                        p,
                        &q(mb),
                        "must be a domain-prefixed path (such as \"acme.io/foo\")",
                    ),
                    help,
                ),
            }
        }
        if mb.len() > 63 {
            self.push(MANAGED_BY, p, too_long(p, 63), help);
        }
    }

    fn pod_failure_policy(&mut self, spec: Option<&Value>, pfp: &Value, p: &FieldPath) {
        let rules = get_seq(Some(pfp), "rules");
        let rp = p.field("rules");
        if rules.len() > 20 {
            self.push(
                POD_FAILURE_POLICY,
                &rp,
                too_many(&rp, rules.len(), 20),
                "Keep at most 20 podFailurePolicy rules.",
            );
        }
        let pod = obj(obj(spec, "template"), "spec");
        let container_names: HashSet<&str> = get_seq(pod, "containers")
            .iter()
            .chain(get_seq(pod, "initContainers"))
            .filter_map(|c| get_str(Some(c), "name"))
            .collect();
        const ACTIONS: [&str; 4] = ["Count", "FailIndex", "FailJob", "Ignore"];
        for (i, rule) in rules.iter().enumerate() {
            if !rule.is_mapping() {
                continue;
            }
            let rp = rp.index(i);
            let ap = rp.field("action");
            match get_str(Some(rule), "action").unwrap_or("") {
                "" => self.push(
                    POD_FAILURE_POLICY,
                    &ap,
                    required(&ap, &format!("valid values: {}", go_list(&ACTIONS))),
                    "Set the rule's action: Count, FailIndex, FailJob or Ignore.",
                ),
                "FailIndex" => {
                    if get(spec, "backoffLimitPerIndex").is_none() {
                        self.push(
                            POD_FAILURE_POLICY,
                            &ap,
                            invalid(
                                &ap,
                                &q("FailIndex"),
                                "requires the backoffLimitPerIndex to be set",
                            ),
                            "Set spec.backoffLimitPerIndex to use the FailIndex action.",
                        );
                    }
                }
                a if ACTIONS.contains(&a) => {}
                a => self.push(
                    POD_FAILURE_POLICY,
                    &ap,
                    not_supported(&ap, a, &ACTIONS),
                    "Use Count, FailIndex, FailJob or Ignore.",
                ),
            }
            let on_exit = get(Some(rule), "onExitCodes");
            let on_conds = get_seq(Some(rule), "onPodConditions");
            if let Some(oe) = on_exit.filter(|v| v.is_mapping()) {
                self.on_exit_codes(oe, &rp.field("onExitCodes"), &container_names);
            }
            let cp = rp.field("onPodConditions");
            if on_conds.len() > 20 {
                self.push(
                    POD_FAILURE_POLICY,
                    &cp,
                    too_many(&cp, on_conds.len(), 20),
                    "Keep at most 20 onPodConditions patterns.",
                );
            }
            for (j, c) in on_conds.iter().enumerate() {
                if !c.is_mapping() {
                    continue;
                }
                let tp = cp.index(j).field("type");
                let t = get_str(Some(c), "type").unwrap_or("");
                for m in names::is_qualified_name(t) {
                    self.push(
                        POD_FAILURE_POLICY,
                        &tp,
                        invalid(&tp, &q(t), &m),
                        "Name a Pod condition type such as DisruptionTarget.",
                    );
                }
                // An empty status defaults to True (SetDefaults_Job).
                if let Some(s) = get_str(Some(c), "status").filter(|s| !s.is_empty()) {
                    if !["False", "True", "Unknown"].contains(&s) {
                        let stp = cp.index(j).field("status");
                        self.push(
                            POD_FAILURE_POLICY,
                            &stp,
                            not_supported(&stp, s, &["False", "True", "Unknown"]),
                            "Use status True, False or Unknown.",
                        );
                    }
                }
            }
            match (on_exit.is_some(), !on_conds.is_empty()) {
                (true, true) => self.push(POD_FAILURE_POLICY, &rp, format!("{rp}: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported"), "Split the rule in two: one with onExitCodes, one with onPodConditions."),
                (false, false) => self.push(POD_FAILURE_POLICY, &rp, format!("{rp}: Invalid value: specifying one of OnExitCodes and OnPodConditions is required"), "Add onExitCodes or onPodConditions to the rule."),
                _ => {}
            }
        }
    }

    fn on_exit_codes(&mut self, oe: &Value, p: &FieldPath, container_names: &HashSet<&str>) {
        let op = get_str(Some(oe), "operator").unwrap_or("");
        let opp = p.field("operator");
        match op {
            "" => self.push(
                POD_FAILURE_POLICY,
                &opp,
                required(
                    &opp,
                    &format!("valid values: {}", go_list(&["In", "NotIn"])),
                ),
                "Set operator: In or NotIn.",
            ),
            "In" | "NotIn" => {}
            _ => self.push(
                POD_FAILURE_POLICY,
                &opp,
                not_supported(&opp, op, &["In", "NotIn"]),
                "Use operator In or NotIn.",
            ),
        }
        if let Some(cn) = get_str(Some(oe), "containerName") {
            if !container_names.contains(cn) {
                let cp = p.field("containerName");
                self.push(
                    POD_FAILURE_POLICY,
                    &cp,
                    invalid(
                        &cp,
                        &q(cn),
                        "must be one of the container or initContainer names in the pod template",
                    ),
                    "Name one of the template's containers, or remove containerName.",
                );
            }
        }
        let vp = p.field("values");
        let values: Vec<i64> = get_seq(Some(oe), "values")
            .iter()
            .filter_map(int_of)
            .collect();
        if values.is_empty() {
            self.push(
                POD_FAILURE_POLICY,
                &vp,
                invalid(&vp, "[]int32{}", "at least one value is required"),
                "List at least one exit code.",
            );
        } else if values.len() > 255 {
            self.push(
                POD_FAILURE_POLICY,
                &vp,
                too_many(&vp, values.len(), 255),
                "List at most 255 exit codes.",
            );
        }
        let mut seen = HashSet::new();
        let mut ordered = true;
        for (j, &v) in values.iter().enumerate() {
            let ip = vp.index(j);
            if op == "In" && v == 0 {
                self.push(
                    POD_FAILURE_POLICY,
                    &ip,
                    invalid(&ip, "0", "must not be 0 for the In operator"),
                    "Remove 0 from an In list; a container exiting 0 succeeded.",
                );
            }
            if !seen.insert(v) {
                self.push(
                    POD_FAILURE_POLICY,
                    &ip,
                    duplicate(&ip, &v.to_string()),
                    "List each exit code once.",
                );
            }
            if j > 0 && values[j - 1] > v {
                ordered = false;
            }
        }
        if !ordered {
            let list: Vec<String> = values.iter().map(i64::to_string).collect();
            self.push(
                POD_FAILURE_POLICY,
                &vp,
                invalid(
                    &vp,
                    &format!("[]int32{{{}}}", list.join(", ")),
                    "must be ordered",
                ),
                "List exit codes in increasing order.",
            );
        }
    }

    fn success_policy(&mut self, sucp: &Value, completions: i64, p: &FieldPath) {
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

    fn job_restart_policy(
        &mut self,
        spec: Option<&Value>,
        pod: Option<&Value>,
        pod_path: &FieldPath,
    ) {
        let p = pod_path.field("restartPolicy");
        // A missing restartPolicy defaults to Always (SetDefaults_PodSpec).
        let rp = match get(pod, "restartPolicy") {
            None => "",
            Some(v) => match v.as_str() {
                Some(s) => s,
                None => return,
            },
        };
        match rp {
            "" | "Always" => self.push(
                RESTART_POLICY,
                &p,
                required(&p, "valid values: \"OnFailure\", \"Never\""),
                "Set spec.template.spec.restartPolicy to Never or OnFailure.",
            ),
            "OnFailure" if get(spec, "podFailurePolicy").is_some() => self.push(
                RESTART_POLICY,
                &p,
                invalid(
                    &p,
                    &q(rp),
                    "only \"Never\" is supported when podFailurePolicy is specified",
                ),
                "Set restartPolicy: Never when using a podFailurePolicy.",
            ),
            "OnFailure" | "Never" => {}
            other => {
                // The pod-level check fires too, with its own list.
                self.push(
                    RESTART_POLICY,
                    &p,
                    not_supported(&p, other, &["Always", "OnFailure", "Never"]),
                    "Set restartPolicy to Never or OnFailure.",
                );
                self.push(
                    RESTART_POLICY,
                    &p,
                    not_supported(&p, other, &["OnFailure", "Never"]),
                    "Set restartPolicy to Never or OnFailure.",
                );
            }
        }
    }

    fn indexed_hostname(
        &mut self,
        spec: Option<&Value>,
        name: Option<&str>,
        meta_path: &FieldPath,
    ) {
        // SetDefaults_Job: completions is 1 when neither it nor parallelism is set.
        let defaulted = get(spec, "completions").is_none() && get(spec, "parallelism").is_none();
        let completions = get_int(spec, "completions").or(defaulted.then_some(1));
        let (Some(name), Some(c)) = (name, completions) else {
            return;
        };
        if get_str(spec, "completionMode") != Some("Indexed") || c <= 0 {
            return;
        }
        let host = format!("{name}-{}", c - 1);
        if !names::is_dns1123_label(&host).is_empty() {
            let p = meta_path.field("name");
            self.push(
                JOB_NAME_LABEL,
                &p,
                invalid(&p, &q(name), &format!("will not able to create pod with invalid DNS label: {host}")),
                "Shorten the name (and avoid dots) so that <name>-<last index> is a DNS label of at most 63 characters.",
            );
        }
    }

    // -----------------------------------------------------------------------
    // The pod template's spec (ValidatePodSpec).

    fn pod_spec(&mut self, pod: Option<&Value>, pp: &FieldPath) {
        self.pod_claims = get_seq(pod, "resourceClaims")
            .iter()
            .filter_map(|c| get_str(Some(c), "name"))
            .map(str::to_string)
            .collect();
        self.pod_claims.sort();
        self.grace_period = get_int(pod, "terminationGracePeriodSeconds").unwrap_or(30);
        let volumes = self.volumes(pod, &pp.field("volumes"));
        let host_network = get_bool(pod, "hostNetwork") == Some(true);
        let mut all_names: HashSet<String> = HashSet::new();
        let containers = get_seq(pod, "containers");
        let cp = pp.field("containers");
        for (i, c) in containers.iter().enumerate() {
            if !c.is_mapping() {
                continue;
            }
            let p = cp.index(i);
            self.container_name(c, &p, &mut all_names);
            if let Some(r) = get_str(Some(c), "restartPolicy") {
                let rp = p.field("restartPolicy");
                let _ = r;
                self.push(CONTAINER_POLICY, &rp, forbidden(&rp, "may not be set for non-init containers"), "Remove restartPolicy from regular containers; the Pod's restartPolicy applies.");
            }
            self.container(c, &p, &volumes, host_network, true);
        }
        // checkHostPortConflicts: a hostIP/protocol/hostPort used twice.
        let mut host_ports = HashSet::new();
        for (i, c) in containers.iter().enumerate() {
            if !c.is_mapping() {
                continue;
            }
            for (j, port) in get_seq(Some(c), "ports").iter().enumerate() {
                if !port.is_mapping() {
                    continue;
                }
                let port = Some(port);
                let Some(hp) = get_int(port, "hostPort").filter(|&h| h != 0) else {
                    continue;
                };
                let key = format!(
                    "{}/{}/{hp}",
                    get_str(port, "hostIP").unwrap_or(""),
                    get_str(port, "protocol")
                        .filter(|s| !s.is_empty())
                        .unwrap_or("TCP")
                );
                if !host_ports.insert(key.clone()) {
                    let hpp = cp.index(i).field("ports").index(j).field("hostPort");
                    self.push(
                        CONTAINER_PORTS,
                        &hpp,
                        duplicate(&hpp, &q(&key)),
                        "Use each hostPort once per protocol and host IP in the Pod.",
                    );
                }
            }
        }
        let ip = pp.field("initContainers");
        for (i, c) in get_seq(pod, "initContainers").iter().enumerate() {
            if !c.is_mapping() {
                continue;
            }
            let p = ip.index(i);
            self.container_name(c, &p, &mut all_names);
            let sidecar = match get_str(Some(c), "restartPolicy") {
                None => false,
                Some("Always") => true,
                Some(other) => {
                    let rp = p.field("restartPolicy");
                    self.push(
                        CONTAINER_POLICY,
                        &rp,
                        not_supported(&rp, other, &["Always"]),
                        "Use restartPolicy: Always for a sidecar, or remove it.",
                    );
                    false
                }
            };
            if !sidecar {
                for f in [
                    "lifecycle",
                    "livenessProbe",
                    "readinessProbe",
                    "startupProbe",
                ] {
                    if get(Some(c), f).is_some() {
                        let fp = p.field(f);
                        self.push(PROBES, &fp, forbidden(&fp, "may not be set for init containers without restartPolicy=Always"), "Remove it, or make the init container a sidecar with restartPolicy: Always.");
                    }
                }
            }
            self.container(c, &p, &volumes, host_network, sidecar);
        }

        // dnsPolicy defaults to ClusterFirst (SetDefaults_PodSpec), also when "".
        let dns_policy = get_str(pod, "dnsPolicy").filter(|d| !d.is_empty());
        if let Some(d) = dns_policy {
            let p = pp.field("dnsPolicy");
            if !["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"].contains(&d) {
                self.push(
                    DNS,
                    &p,
                    not_supported(
                        &p,
                        d,
                        &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
                    ),
                    "Use ClusterFirst, ClusterFirstWithHostNet, Default or None.",
                );
            }
        }
        self.dns_config(pod, dns_policy, &pp.field("dnsConfig"));
        self.tolerations(get_seq(pod, "tolerations"), &pp.field("tolerations"));
        if let Some(a) = obj(pod, "affinity") {
            self.affinity(a, &pp.field("affinity"));
        }
        self.topology_spread(
            get_seq(pod, "topologySpreadConstraints"),
            &pp.field("topologySpreadConstraints"),
        );
        self.pod_security_context(get(pod, "securityContext"), &pp.field("securityContext"));

        self.labels_as(
            POD_FIELDS,
            get_map(pod, "nodeSelector"),
            &pp.field("nodeSelector"),
        );
        for (field, label) in [
            ("serviceAccountName", false),
            ("nodeName", false),
            ("runtimeClassName", false),
            ("priorityClassName", false),
            ("hostname", true),
            ("subdomain", true),
        ] {
            if let Some(v) = get_str(pod, field).filter(|v| !v.is_empty()) {
                let p = pp.field(field);
                let msgs = if label {
                    names::is_dns1123_label(v)
                } else {
                    names::is_dns1123_subdomain(v)
                };
                for m in msgs {
                    self.push(
                        POD_FIELDS,
                        &p,
                        invalid(&p, &q(v), &m),
                        &format!("Use a lower case DNS name for {field}."),
                    );
                }
            }
        }
        if let Some(os) = obj(pod, "os") {
            let np = pp.field("os").field("name");
            match get(Some(os), "name") {
                None => self.push(
                    POD_FIELDS,
                    &np,
                    required(&np, ""),
                    "Set os.name to linux or windows.",
                ),
                Some(Value::String(n)) if n.is_empty() => self.push(
                    POD_FIELDS,
                    &np,
                    required(&np, ""),
                    "Set os.name to linux or windows.",
                ),
                Some(Value::String(n)) if n != "linux" && n != "windows" => self.push(
                    POD_FIELDS,
                    &np,
                    not_supported(&np, n, &["linux", "windows"]),
                    "Set os.name to linux or windows.",
                ),
                _ => {}
            }
        }
        if get_bool(pod, "shareProcessNamespace") == Some(true)
            && get_bool(pod, "hostPID") == Some(true)
        {
            let sp = pp.field("shareProcessNamespace");
            self.push(
                POD_FIELDS,
                &sp,
                invalid(
                    &sp,
                    "true",
                    "ShareProcessNamespace and HostPID cannot both be enabled",
                ),
                "Use either shareProcessNamespace or hostPID, not both.",
            );
        }
        if let Some(ads) = get_int(pod, "activeDeadlineSeconds") {
            if !(1..=i64::from(i32::MAX)).contains(&ads) {
                let p = pp.field("activeDeadlineSeconds");
                self.push(POD_FIELDS, &p, invalid(&p, &ads.to_string(), &inclusive_range_error(1, i64::from(i32::MAX))), "Set the pod activeDeadlineSeconds to a positive number, or use spec.activeDeadlineSeconds of the Job.");
            }
        }
    }

    fn affinity(&mut self, a: &Value, p: &FieldPath) {
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
            let pp = np.field("preferredDuringSchedulingIgnoredDuringExecution");
            for (i, pref) in get_seq(na, "preferredDuringSchedulingIgnoredDuringExecution")
                .iter()
                .enumerate()
            {
                if !pref.is_mapping() {
                    continue;
                }
                let ip = pp.index(i);
                self.weight(pref, &ip);
                if let Some(t) = obj(Some(pref), "preference") {
                    self.node_selector_term(t, &ip.field("preference"));
                }
            }
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
            let pp = kp.field("preferredDuringSchedulingIgnoredDuringExecution");
            for (i, w) in get_seq(Some(pa), "preferredDuringSchedulingIgnoredDuringExecution")
                .iter()
                .enumerate()
            {
                if !w.is_mapping() {
                    continue;
                }
                let ip = pp.index(i);
                self.weight(w, &ip);
                if let Some(term) = obj(Some(w), "podAffinityTerm") {
                    self.pod_affinity_term(term, &ip.field("podAffinityTerm"));
                }
            }
        }
    }

    fn weight(&mut self, v: &Value, p: &FieldPath) {
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

    fn node_selector_term(&mut self, t: &Value, p: &FieldPath) {
        for (i, rq) in get_seq(Some(t), "matchExpressions").iter().enumerate() {
            if !rq.is_mapping() {
                continue;
            }
            let rp = p.field("matchExpressions").index(i);
            let values = get_seq(Some(rq), "values");
            let vp = rp.field("values");
            match get_str(Some(rq), "operator").unwrap_or("") {
                "In" | "NotIn" => {
                    if values.is_empty() {
                        self.push(
                            SCHEDULING,
                            &vp,
                            required(&vp, "must be specified when `operator` is 'In' or 'NotIn'"),
                            "Give In and NotIn at least one value.",
                        );
                    }
                }
                "Exists" | "DoesNotExist" => {
                    if !values.is_empty() {
                        self.push(SCHEDULING, &vp, forbidden(&vp, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"), "Remove values from an Exists or DoesNotExist expression.");
                    }
                }
                "Gt" | "Lt" => {
                    if values.len() != 1 {
                        self.push(
                            SCHEDULING,
                            &vp,
                            required(
                                &vp,
                                "must be specified single value when `operator` is 'Lt' or 'Gt'",
                            ),
                            "Give Gt and Lt exactly one integer value.",
                        );
                    }
                }
                op => {
                    let op_p = rp.field("operator");
                    self.push(
                        SCHEDULING,
                        &op_p,
                        invalid(&op_p, &q(op), "not a valid selector operator"),
                        "Use In, NotIn, Exists, DoesNotExist, Gt or Lt.",
                    );
                }
            }
            let key = get_str(Some(rq), "key").unwrap_or("");
            let kp = rp.field("key");
            for m in names::is_qualified_name(key) {
                self.push(
                    SCHEDULING,
                    &kp,
                    invalid(&kp, &q(key), &m),
                    "Use a node label key.",
                );
            }
        }
    }

    fn pod_affinity_term(&mut self, term: &Value, p: &FieldPath) {
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

    fn topology_spread(&mut self, list: &[Value], p: &FieldPath) {
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

    fn container_name(&mut self, c: &Value, p: &FieldPath, all: &mut HashSet<String>) {
        let np = p.field("name");
        match get(Some(c), "name") {
            None => self.push(
                CONTAINER_NAME,
                &np,
                required(&np, ""),
                "Give every container a name, e.g. name: main.",
            ),
            Some(v) => {
                let Some(n) = v.as_str() else { return };
                if n.is_empty() {
                    self.push(
                        CONTAINER_NAME,
                        &np,
                        required(&np, ""),
                        "Give every container a name, e.g. name: main.",
                    );
                    return;
                }
                for m in names::is_dns1123_label(n) {
                    self.push(CONTAINER_NAME, &np, invalid(&np, &q(n), &m), "Use a container name of lower case letters, digits and '-', at most 63 characters.");
                }
                if !all.insert(n.to_string()) {
                    self.push(
                        CONTAINER_NAME,
                        &np,
                        duplicate(&np, &q(n)),
                        "Give each container and init container a different name.",
                    );
                }
            }
        }
    }

    fn container(
        &mut self,
        c: &Value,
        p: &FieldPath,
        volumes: &HashMap<String, bool>,
        host_network: bool,
        probes: bool,
    ) {
        let c = Some(c);
        if let Some(img) = get_str(c, "image") {
            if !img.trim().is_empty() && img.trim().len() != img.len() {
                let ip = p.field("image");
                self.push(
                    CONTAINER_IMAGE_FORMAT,
                    &ip,
                    invalid(&ip, &q(img), "must not have leading or trailing whitespace"),
                    "Remove the spaces around the image reference.",
                );
            }
        }
        // SetDefaults_Container fills an empty imagePullPolicy and
        // terminationMessagePolicy ("" decodes as unset) before validation.
        if let Some(pol) = get_str(c, "imagePullPolicy").filter(|s| !s.is_empty()) {
            let pp = p.field("imagePullPolicy");
            if !["Always", "IfNotPresent", "Never"].contains(&pol) {
                self.push(
                    CONTAINER_POLICY,
                    &pp,
                    not_supported(&pp, pol, &["Always", "IfNotPresent", "Never"]),
                    "Use Always, IfNotPresent or Never (case matters).",
                );
            }
        }
        if let Some(tmp) = get_str(c, "terminationMessagePolicy").filter(|s| !s.is_empty()) {
            let tp = p.field("terminationMessagePolicy");
            if tmp != "File" && tmp != "FallbackToLogsOnError" {
                self.push(
                    CONTAINER_POLICY,
                    &tp,
                    invalid(&tp, &q(tmp), "must be 'File' or 'FallbackToLogsOnError'"),
                    "Use File or FallbackToLogsOnError.",
                );
            }
        }
        self.ports(get_seq(c, "ports"), &p.field("ports"), host_network);
        self.env(get_seq(c, "env"), &p.field("env"));
        self.env_from(get_seq(c, "envFrom"), &p.field("envFrom"));
        self.volume_mounts(
            get_seq(c, "volumeMounts"),
            &p.field("volumeMounts"),
            volumes,
        );
        if let Some(r) = obj(c, "resources") {
            self.resources(r, &p.field("resources"));
            self.resource_claims(
                get_seq(Some(r), "claims"),
                &p.field("resources").field("claims"),
            );
        }
        if probes {
            for (f, liveness_like, readiness) in [
                ("livenessProbe", true, false),
                ("readinessProbe", false, true),
                ("startupProbe", true, false),
            ] {
                if let Some(pr) = obj(c, f) {
                    self.probe(pr, &p.field(f), liveness_like, readiness);
                }
            }
            if let Some(lc) = obj(c, "lifecycle") {
                for hook in ["postStart", "preStop"] {
                    if let Some(h) = obj(Some(lc), hook) {
                        self.handler(
                            h,
                            &p.field("lifecycle").field(hook),
                            &["exec", "httpGet", "tcpSocket", "sleep"],
                        );
                    }
                }
            }
        }
        if let Some(sc) = obj(c, "securityContext") {
            self.container_security_context(sc, &p.field("securityContext"));
        }
    }

    fn ports(&mut self, ports: &[Value], p: &FieldPath, host_network: bool) {
        let mut names_seen = HashSet::new();
        for (i, port) in ports.iter().enumerate() {
            if !port.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            let port = Some(port);
            if let Some(n) = get_str(port, "name").filter(|n| !n.is_empty()) {
                let np = ip.field("name");
                let msgs = names::is_valid_port_name(n);
                if !msgs.is_empty() {
                    for m in msgs {
                        self.push(CONTAINER_PORTS, &np, invalid(&np, &q(n), &m), "Use a port name of at most 15 lower case letters, digits and '-', with at least one letter.");
                    }
                } else if !names_seen.insert(n) {
                    self.push(
                        CONTAINER_PORTS,
                        &np,
                        duplicate(&np, &q(n)),
                        "Give each port of a container a different name.",
                    );
                }
            }
            let cport = get_int(port, "containerPort");
            let cpp = ip.field("containerPort");
            match cport {
                None | Some(0)
                    if get(port, "containerPort").is_none_or(|v| int_of(v).is_some()) =>
                {
                    self.push(
                        CONTAINER_PORTS,
                        &cpp,
                        required(&cpp, ""),
                        "Set containerPort to the port the container listens on.",
                    )
                }
                Some(n) if n != 0 => {
                    for m in names::is_valid_port_num(n) {
                        self.push(
                            CONTAINER_PORTS,
                            &cpp,
                            invalid(&cpp, &n.to_string(), &m),
                            "Use a port between 1 and 65535.",
                        );
                    }
                }
                _ => {}
            }
            let hport = get_int(port, "hostPort").filter(|&h| h != 0);
            if let Some(h) = hport {
                let hp = ip.field("hostPort");
                for m in names::is_valid_port_num(h) {
                    self.push(
                        CONTAINER_PORTS,
                        &hp,
                        invalid(&hp, &h.to_string(), &m),
                        "Use a port between 1 and 65535.",
                    );
                }
                if host_network && cport.is_some_and(|c| c != h) {
                    self.push(
                        CONTAINER_PORTS,
                        &hp,
                        invalid(
                            &hp,
                            &h.to_string(),
                            "must match `containerPort` when `hostNetwork` is true",
                        ),
                        "With hostNetwork, set hostPort equal to containerPort or leave it out.",
                    );
                }
            }
            // An empty protocol is defaulted to TCP (ContainerPort +default).
            if let Some(proto) = get_str(port, "protocol").filter(|s| !s.is_empty()) {
                if !["SCTP", "TCP", "UDP"].contains(&proto) {
                    let pp = ip.field("protocol");
                    self.push(
                        CONTAINER_PORTS,
                        &pp,
                        not_supported(&pp, proto, &["SCTP", "TCP", "UDP"]),
                        "Use TCP, UDP or SCTP (upper case).",
                    );
                }
            }
        }
    }

    fn env(&mut self, env: &[Value], p: &FieldPath) {
        for (i, ev) in env.iter().enumerate() {
            if !ev.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            let ev = Some(ev);
            let np = ip.field("name");
            match get_str(ev, "name") {
                None if get(ev, "name").is_none() => {
                    self.push(ENV, &np, required(&np, ""), "Give every env entry a name.")
                }
                Some("") => self.push(ENV, &np, required(&np, ""), "Give every env entry a name."),
                Some(n) => {
                    for m in names::is_relaxed_env_var_name(n) {
                        self.push(
                            ENV,
                            &np,
                            invalid(&np, &q(n), &m),
                            "Use printable ASCII without '=' in environment variable names.",
                        );
                    }
                }
                None => {}
            }
            let Some(vf) = obj(ev, "valueFrom") else {
                continue;
            };
            let vp = ip.field("valueFrom");
            let mut sources = 0;
            // A source of the wrong type still counts (the decoder reports it).
            if let Some(fr) = get(Some(vf), "fieldRef") {
                sources += 1;
                if fr.is_mapping() {
                    self.field_ref(fr, &vp.field("fieldRef"));
                }
            }
            if let Some(rf) = get(Some(vf), "resourceFieldRef") {
                sources += 1;
                let rp = vp.field("resourceFieldRef").field("resource");
                match get_str(Some(rf), "resource").unwrap_or("") {
                    _ if !rf.is_mapping() => {}
                    "" => self.push(
                        ENV,
                        &rp,
                        required(&rp, ""),
                        "Name the resource, e.g. limits.memory.",
                    ),
                    r if RESOURCE_FIELDS.contains(&r)
                        || r.starts_with("requests.hugepages-")
                        || r.starts_with("limits.hugepages-") => {}
                    r => self.push(
                        ENV,
                        &rp,
                        not_supported(&rp, r, &RESOURCE_FIELDS),
                        "Use one of the supported resource fields, e.g. limits.memory.",
                    ),
                }
            }
            for key in ["configMapKeyRef", "secretKeyRef"] {
                if let Some(kr) = get(Some(vf), key) {
                    sources += 1;
                    if kr.is_mapping() {
                        self.key_selector(kr, &vp.field(key));
                    }
                }
            }
            let value = get_str(ev, "value").unwrap_or("");
            if sources == 0 {
                self.push(ENV, &vp, invalid(&vp, "\"\"", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"), "Set exactly one source under valueFrom.");
            } else if !value.is_empty() {
                self.push(
                    ENV,
                    &vp,
                    invalid(
                        &vp,
                        "\"\"",
                        "may not be specified when `value` is not empty",
                    ),
                    "Use either value or valueFrom, not both.",
                );
            } else if sources > 1 {
                self.push(
                    ENV,
                    &vp,
                    invalid(
                        &vp,
                        "\"\"",
                        "may not have more than one field specified at a time",
                    ),
                    "Keep exactly one source under valueFrom.",
                );
            }
        }
    }

    fn field_ref(&mut self, fr: &Value, p: &FieldPath) {
        // apiVersion defaults to v1.
        let fp = p.field("fieldPath");
        let path = match get_str(Some(fr), "fieldPath") {
            None | Some("") => {
                self.push(
                    ENV,
                    &fp,
                    required(&fp, ""),
                    "Set fieldPath, e.g. metadata.name.",
                );
                return;
            }
            Some(s) => s,
        };
        // ConvertDownwardAPIFieldLabel knows only v1 (an empty apiVersion
        // has been defaulted to v1 by SetDefaults_ObjectFieldSelector).
        if let Some(v) = get_str(Some(fr), "apiVersion").filter(|v| !v.is_empty() && *v != "v1") {
            self.push(
                ENV,
                &fp,
                invalid(
                    &fp,
                    &q(path),
                    &format!("error converting fieldPath: unsupported pod version: {v}"),
                ),
                "Set fieldRef.apiVersion to v1, or leave it out.",
            );
            return;
        }
        let (base, subscripted) = match path.split_once('[') {
            Some((b, rest)) if rest.ends_with(']') => (b, true),
            _ => (path, false),
        };
        let convertible = CONVERTIBLE_FIELDS.contains(&base);
        if !convertible {
            self.push(
                ENV,
                &fp,
                invalid(
                    &fp,
                    &q(path),
                    &format!("error converting fieldPath: field label not supported: {path}"),
                ),
                "Use a supported Pod field such as metadata.name or status.podIP.",
            );
        } else if subscripted {
            if base != "metadata.labels" && base != "metadata.annotations" {
                self.push(
                    ENV,
                    p,
                    invalid(p, &q(base), "does not support subscript"),
                    "Only metadata.labels and metadata.annotations take a ['key'] subscript.",
                );
            }
        } else if !ENV_FIELDS.contains(&base) {
            self.push(
                ENV,
                &fp,
                not_supported(&fp, base, &ENV_FIELDS),
                "Use one of the supported Pod fields.",
            );
        }
    }

    fn key_selector(&mut self, kr: &Value, p: &FieldPath) {
        let n = get_str(Some(kr), "name").unwrap_or("");
        let np = p.field("name");
        for m in names::is_dns1123_subdomain(n) {
            self.push(
                ENV,
                &np,
                invalid(&np, &q(n), &m),
                "Name the ConfigMap or Secret to read from.",
            );
        }
        let kp = p.field("key");
        match get_str(Some(kr), "key").unwrap_or("") {
            "" => self.push(ENV, &kp, required(&kp, ""), "Name the key to read."),
            k => {
                for m in names::is_config_map_key(k) {
                    self.push(
                        ENV,
                        &kp,
                        invalid(&kp, &q(k), &m),
                        "Use a key of alphanumerics, '-', '_' or '.'.",
                    );
                }
            }
        }
    }

    fn env_from(&mut self, list: &[Value], p: &FieldPath) {
        for (i, ef) in list.iter().enumerate() {
            if !ef.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            let ef = Some(ef);
            if let Some(prefix) = get_str(ef, "prefix").filter(|s| !s.is_empty()) {
                let pp = ip.field("prefix");
                for m in names::is_relaxed_env_var_name(prefix) {
                    self.push(
                        ENV,
                        &pp,
                        invalid(&pp, &q(prefix), &m),
                        "Use printable ASCII without '=' in the prefix.",
                    );
                }
            }
            let mut sources = 0;
            for key in ["configMapRef", "secretRef"] {
                if let Some(r) = get(ef, key) {
                    sources += 1;
                    let np = ip.field(key).field("name");
                    match get_str(Some(r), "name").unwrap_or("") {
                        _ if !r.is_mapping() => {}
                        "" => {
                            self.push(ENV, &np, required(&np, ""), "Name the ConfigMap or Secret.")
                        }
                        n => {
                            for m in names::is_dns1123_subdomain(n) {
                                self.push(
                                    ENV,
                                    &np,
                                    invalid(&np, &q(n), &m),
                                    "Use the ConfigMap's or Secret's name.",
                                );
                            }
                        }
                    }
                }
            }
            if sources == 0 {
                self.push(
                    ENV,
                    p,
                    invalid(
                        p,
                        "\"\"",
                        "must specify one of: `configMapRef` or `secretRef`",
                    ),
                    "Set configMapRef or secretRef in every envFrom entry.",
                );
            } else if sources > 1 {
                self.push(
                    ENV,
                    p,
                    invalid(
                        p,
                        "\"\"",
                        "may not have more than one field specified at a time",
                    ),
                    "Split the entry: one envFrom entry per source.",
                );
            }
        }
    }

    fn resources(&mut self, r: &Value, p: &FieldPath) {
        let lim_path = p.field("limits");
        let req_path = p.field("requests");
        let read = |m: Option<&Mapping>| -> Vec<(String, Option<Quantity>)> {
            m.map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.as_str()?.to_string(), quantity_of(v))))
                    .collect()
            })
            .unwrap_or_default()
        };
        let limits = read(get_map(Some(r), "limits"));
        let requests = read(get_map(Some(r), "requests"));
        let (mut lim_cpu_mem, mut req_cpu_mem, mut hugepages) = (false, false, false);
        for (name, qty) in &limits {
            let fp = lim_path.key(name);
            self.resource_name(name, &fp);
            if let Some(qty) = qty {
                self.resource_value(name, qty, &fp);
            }
            lim_cpu_mem |= name == "cpu" || name == "memory";
            hugepages |= name.starts_with("hugepages-");
        }
        for (name, qty) in &requests {
            let fp = req_path.key(name);
            self.resource_name(name, &fp);
            let Some(qty) = qty else { continue };
            self.resource_value(name, qty, &fp);
            let overcommit = is_native_resource(name) && !name.starts_with("hugepages-");
            match limits.iter().find(|(n, _)| n == name) {
                Some((_, Some(lim))) => {
                    // SetDefaults_ResourceList rounds every value up (away
                    // from zero) to milli-units before they are compared.
                    let milli_up = |q: &Quantity| {
                        let (n, m) = (q.nanos(), 1_000_000);
                        if n % m == 0 {
                            n
                        } else {
                            (n / m + n.signum()) * m
                        }
                    };
                    let ord = milli_up(qty).cmp(&milli_up(lim));
                    if ord != std::cmp::Ordering::Equal && !overcommit {
                        self.push(
                            RESOURCES,
                            &req_path,
                            invalid(
                                &req_path,
                                &q(&qty.canonical()),
                                &format!("must be equal to {name} limit of {}", lim.canonical()),
                            ),
                            &format!(
                                "Set the {name} request equal to its limit, or set only the limit."
                            ),
                        );
                    } else if ord == std::cmp::Ordering::Greater {
                        self.push(RESOURCES, &req_path, invalid(&req_path, &q(&qty.canonical()), &format!("must be less than or equal to {name} limit of {}", lim.canonical())), &format!("Lower the {name} request to at most its limit, or raise the limit."));
                    }
                }
                Some((_, None)) => {}
                None if !overcommit => {
                    self.push(
                        RESOURCES,
                        &lim_path,
                        required(
                            &lim_path,
                            "Limit must be set for non overcommitable resources",
                        ),
                        &format!("Set limits[{name}] (the request then defaults to it)."),
                    );
                }
                None => {}
            }
            req_cpu_mem |= name == "cpu" || name == "memory";
            hugepages |= name.starts_with("hugepages-");
        }
        if hugepages && !lim_cpu_mem && !req_cpu_mem {
            self.push(
                RESOURCES,
                p,
                forbidden(p, "HugePages require cpu or memory"),
                "Request cpu or memory along with hugepages.",
            );
        }
    }

    /// `validateResourceClaimNames`: each claim names a pod resource claim.
    fn resource_claims(&mut self, claims: &[Value], p: &FieldPath) {
        for (i, c) in claims.iter().enumerate() {
            if !c.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            match get_str(Some(c), "name").unwrap_or("") {
                "" => self.push(
                    RESOURCES,
                    &ip,
                    required(&ip, ""),
                    "Name the pod resource claim to use.",
                ),
                n if !self.pod_claims.iter().any(|pc| pc == n) => {
                    let detail = if self.pod_claims.is_empty() {
                        "must be one of the names in pod.spec.resourceClaims which is empty"
                            .to_string()
                    } else {
                        format!(
                            "must be one of the names in pod.spec.resourceClaims: {}",
                            self.pod_claims.join(", ")
                        )
                    };
                    self.push(RESOURCES, &ip, format!("{}: {detail}", not_found(&ip, n)), "Declare the claim under spec.template.spec.resourceClaims, or fix the name.");
                }
                _ => {}
            }
        }
    }

    fn resource_name(&mut self, name: &str, p: &FieldPath) {
        let help = "Use cpu, memory, ephemeral-storage, hugepages-<size>, or a vendor-prefixed extended resource such as nvidia.com/gpu.";
        let msgs = names::is_qualified_name(name);
        if !msgs.is_empty() {
            for m in msgs {
                self.push(RESOURCES, p, invalid(p, &q(name), &m), help);
            }
            return;
        }
        if !name.contains('/') {
            let standard = ["cpu", "memory", "ephemeral-storage"].contains(&name)
                || name.starts_with("hugepages-");
            if !standard {
                self.push(
                    RESOURCES,
                    p,
                    invalid(p, &q(name), "must be a standard resource for containers"),
                    help,
                );
            }
        } else if !is_native_resource(name) && !is_extended_resource(name) {
            self.push(
                RESOURCES,
                p,
                invalid(
                    p,
                    &q(name),
                    "doesn't follow extended resource name standard",
                ),
                help,
            );
        }
    }

    fn resource_value(&mut self, name: &str, qty: &Quantity, p: &FieldPath) {
        if qty.is_negative() {
            self.push(
                RESOURCES,
                p,
                invalid(
                    p,
                    &q(&qty.canonical()),
                    "must be greater than or equal to 0",
                ),
                "Use a quantity of 0 or more.",
            );
        }
        if is_extended_resource(name) && !qty.is_integer() {
            self.push(
                RESOURCES,
                p,
                invalid(p, &qty.canonical(), "must be an integer"),
                "Request whole units of extended resources.",
            );
        }
        if let Some(size) = name.strip_prefix("hugepages-") {
            if let Ok(page) = Quantity::parse(size) {
                let (v, ps) = (qty.nanos(), page.nanos());
                if ps > 0 && v % ps != 0 {
                    self.push(
                        RESOURCES,
                        p,
                        invalid(
                            p,
                            &q(&qty.canonical()),
                            &format!(
                                "{} is not positive integer multiple of {}",
                                qty.canonical(),
                                page.canonical()
                            ),
                        ),
                        "Request a whole number of huge pages.",
                    );
                }
            }
        }
    }

    /// Returns volume name -> whether it is PVC-backed.
    fn volumes(&mut self, pod: Option<&Value>, p: &FieldPath) -> HashMap<String, bool> {
        let mut out = HashMap::new();
        for (i, v) in get_seq(pod, "volumes").iter().enumerate() {
            if !v.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            let v = Some(v);
            let np = ip.field("name");
            match get_str(v, "name") {
                None | Some("") => {
                    if get(v, "name").is_none_or(|n| n.as_str().is_some()) {
                        self.push(VOLUMES, &np, required(&np, ""), "Give every volume a name.");
                    }
                }
                Some(n) => {
                    for m in names::is_dns1123_label(n) {
                        self.push(
                            VOLUMES,
                            &np,
                            invalid(&np, &q(n), &m),
                            "Use a volume name of lower case letters, digits and '-'.",
                        );
                    }
                    if out.contains_key(n) {
                        self.push(
                            VOLUMES,
                            &np,
                            duplicate(&np, &q(n)),
                            "Give each volume a different name.",
                        );
                    }
                    out.insert(n.to_string(), get(v, "persistentVolumeClaim").is_some());
                }
            }
            let mut count = 0;
            for src in VOLUME_SOURCES {
                let Some(sv) = get(v, src) else { continue };
                if count > 0 {
                    let sp = ip.field(src);
                    self.push(
                        VOLUMES,
                        &sp,
                        forbidden(&sp, "may not specify more than 1 volume type"),
                        "Keep exactly one source per volume.",
                    );
                    continue;
                }
                count += 1;
                if !sv.is_mapping() {
                    // The decoder reports the type; nothing more to check.
                    continue;
                }
                let sp = ip.field(src);
                let needs = match src {
                    "secret" => Some("secretName"),
                    "configMap" => Some("name"),
                    "persistentVolumeClaim" => Some("claimName"),
                    "hostPath" => Some("path"),
                    "nfs" => Some("server"),
                    _ => None,
                };
                if let Some(field) = needs {
                    let value = get(Some(sv), field);
                    if value.is_none_or(|x| x.as_str() == Some("")) {
                        let fp = sp.field(field);
                        self.push(
                            VOLUMES,
                            &fp,
                            required(&fp, ""),
                            &format!("Set {src}.{field}."),
                        );
                    }
                }
                if src == "configMap" || src == "secret" {
                    self.key_to_paths(sv, &sp);
                }
                if src == "emptyDir" {
                    if let Some(q) = get(Some(sv), "sizeLimit").and_then(quantity_of) {
                        if q.is_negative() {
                            let fp = sp.field("sizeLimit");
                            self.push(
                                VOLUMES,
                                &fp,
                                forbidden(&fp, "SizeLimit field must be a valid resource quantity"),
                                "Use a sizeLimit of 0 or more.",
                            );
                        }
                    }
                }
            }
            // core/v1 SetDefaults_Volume: a volume whose sources are all nil
            // (absent, or written as `emptyDir:`, i.e. null) becomes an
            // emptyDir, so validateVolumeSource never sees zero sources.
        }
        out
    }

    fn volume_mounts(&mut self, mounts: &[Value], p: &FieldPath, volumes: &HashMap<String, bool>) {
        let mut paths = HashSet::new();
        for (i, m) in mounts.iter().enumerate() {
            if !m.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            let m = Some(m);
            let name = get_str(m, "name").unwrap_or("");
            let np = ip.field("name");
            if name.is_empty() {
                self.push(
                    VOLUME_MOUNTS,
                    &np,
                    required(&np, ""),
                    "Name the volume to mount.",
                );
            }
            if !volumes.contains_key(name) {
                self.push(
                    VOLUME_MOUNTS,
                    &np,
                    not_found(&np, name),
                    "Declare the volume under spec.template.spec.volumes, or fix the name.",
                );
            }
            let mount_path = get_str(m, "mountPath").unwrap_or("");
            let mp = ip.field("mountPath");
            if mount_path.is_empty() {
                self.push(VOLUME_MOUNTS, &mp, required(&mp, ""), "Set mountPath.");
            }
            if !paths.insert(mount_path) {
                self.push(
                    VOLUME_MOUNTS,
                    &mp,
                    invalid(&mp, &q(mount_path), "must be unique"),
                    "Mount each path once per container.",
                );
            }
            let sub = get_str(m, "subPath").unwrap_or("");
            if !sub.is_empty() {
                // Upstream reports these at volumeMounts.subPath (no index).
                self.descending_path(sub, &p.field("subPath"));
            }
            if let Some(expr) = get_str(m, "subPathExpr").filter(|s| !s.is_empty()) {
                if !sub.is_empty() {
                    let ep = ip.field("subPathExpr");
                    self.push(
                        VOLUME_MOUNTS,
                        &ep,
                        invalid(
                            &ep,
                            &q(expr),
                            "subPathExpr and subPath are mutually exclusive",
                        ),
                        "Use subPath or subPathExpr, not both.",
                    );
                }
                self.descending_path(expr, &p.field("subPathExpr"));
            }
        }
    }

    /// defaultMode and `items` of configMap and secret volumes (`validateKeyToPath`).
    fn key_to_paths(&mut self, src: &Value, p: &FieldPath) {
        // Only integers: `0644` is octal to Kubernetes' YAML 1.1 reader but a
        // string to ours, so it is left to the decoder.
        let mode_ok = |m: i64| (0..=0o777).contains(&m);
        const MODE_MSG: &str = "must be a number between 0 and 0777 (octal), both inclusive";
        if let Some(m) = get_int(Some(src), "defaultMode").filter(|&m| !mode_ok(m)) {
            let mp = p.field("defaultMode");
            self.push(
                VOLUMES,
                &mp,
                invalid(&mp, &m.to_string(), MODE_MSG),
                "Write the mode in octal with 0o (0o644) or in decimal (420).",
            );
        }
        for (i, item) in get_seq(Some(src), "items").iter().enumerate() {
            if !item.is_mapping() {
                continue;
            }
            let ip = p.field("items").index(i);
            let item = Some(item);
            if get_str(item, "key").unwrap_or("").is_empty() {
                let kp = ip.field("key");
                self.push(VOLUMES, &kp, required(&kp, ""), "Name the key to project.");
            }
            let path = get_str(item, "path").unwrap_or("");
            let pp = ip.field("path");
            if path.is_empty() {
                self.push(
                    VOLUMES,
                    &pp,
                    required(&pp, ""),
                    "Give the file a relative path.",
                );
            }
            self.descending_path_as(VOLUMES, path, &pp);
            if path.starts_with("..") && !path.starts_with("../") {
                self.push(
                    VOLUMES,
                    &pp,
                    invalid(&pp, &q(path), "must not start with '..'"),
                    "Give the file a path that does not start with '..'.",
                );
            }
            if let Some(m) = get_int(item, "mode").filter(|&m| !mode_ok(m)) {
                let mp = ip.field("mode");
                self.push(
                    VOLUMES,
                    &mp,
                    invalid(&mp, &m.to_string(), MODE_MSG),
                    "Write the mode in octal with 0o (0o644) or in decimal (420).",
                );
            }
        }
    }

    fn descending_path(&mut self, path: &str, p: &FieldPath) {
        self.descending_path_as(VOLUME_MOUNTS, path, p);
    }

    /// `validateLocalDescendingPath`.
    fn descending_path_as(&mut self, rule: &'static crate::rules::Rule, path: &str, p: &FieldPath) {
        if path.starts_with('/') {
            self.push(
                rule,
                p,
                invalid(p, &q(path), "must be a relative path"),
                "Use a path relative to the volume root.",
            );
        }
        if path.split(['/', '\\']).any(|part| part == "..") {
            self.push(
                rule,
                p,
                invalid(p, &q(path), "must not contain '..'"),
                "Remove '..' from the path.",
            );
        }
    }

    fn probe(&mut self, pr: &Value, p: &FieldPath, liveness_like: bool, readiness: bool) {
        self.handler(pr, p, &["exec", "httpGet", "tcpSocket", "grpc"]);
        let pr = Some(pr);
        // Zero values are defaulted (timeout 1, period 10, thresholds 1 and 3).
        for f in [
            "initialDelaySeconds",
            "timeoutSeconds",
            "periodSeconds",
            "successThreshold",
            "failureThreshold",
        ] {
            if let Some(v) = get_int(pr, f).filter(|&v| v < 0) {
                let fp = p.field(f);
                self.push(
                    PROBES,
                    &fp,
                    invalid(&fp, &v.to_string(), "must be greater than or equal to 0"),
                    &format!("Set {f} to 0 or more."),
                );
            }
        }
        if let Some(t) = get_int(pr, "terminationGracePeriodSeconds") {
            let fp = p.field("terminationGracePeriodSeconds");
            if readiness {
                self.push(
                    PROBES,
                    &fp,
                    invalid(&fp, &t.to_string(), "must not be set for readinessProbes"),
                    "Remove terminationGracePeriodSeconds from the readiness probe.",
                );
            } else if t <= 0 {
                self.push(
                    PROBES,
                    &fp,
                    invalid(&fp, &t.to_string(), "must be greater than 0"),
                    "Use a positive terminationGracePeriodSeconds.",
                );
            }
        }
        if liveness_like {
            // 0 is defaulted to 1.
            if let Some(s) = get_int(pr, "successThreshold").filter(|&s| s != 1 && s != 0) {
                let fp = p.field("successThreshold");
                self.push(
                    PROBES,
                    &fp,
                    invalid(&fp, &s.to_string(), "must be 1"),
                    "Set successThreshold: 1 for liveness and startup probes.",
                );
            }
        }
    }

    fn handler(&mut self, h: &Value, p: &FieldPath, kinds: &[&str]) {
        let mut n = 0;
        for kind in kinds {
            let Some(hv) = get(Some(h), kind) else {
                continue;
            };
            let kp = p.field(kind);
            if n > 0 {
                self.push(
                    PROBES,
                    &kp,
                    forbidden(&kp, "may not specify more than 1 handler type"),
                    "Keep exactly one handler.",
                );
                continue;
            }
            n += 1;
            if !hv.is_mapping() {
                continue;
            }
            let hv = Some(hv);
            match *kind {
                "exec" if get_seq(hv, "command").is_empty() => {
                    let cp = kp.field("command");
                    self.push(PROBES, &cp, required(&cp, ""), "Give exec a command.");
                }
                "httpGet" | "tcpSocket" => {
                    self.port_num_or_name(get(hv, "port"), &kp.field("port"));
                    // SetDefaults_HTTPGetAction: an empty scheme is HTTP.
                    if let Some(s) = get_str(hv, "scheme").filter(|s| !s.is_empty()) {
                        if s != "HTTP" && s != "HTTPS" {
                            let sp = kp.field("scheme");
                            self.push(
                                PROBES,
                                &sp,
                                not_supported(&sp, s, &["HTTP", "HTTPS"]),
                                "Use HTTP or HTTPS.",
                            );
                        }
                    }
                }
                "sleep" => {
                    // PodLifecycleSleepActionAllowZero: beta (on) from 1.33.
                    let secs = get_int(hv, "seconds").unwrap_or(0);
                    let grace = self.grace_period;
                    let sp = kp.clone();
                    if self.version.minor >= 33 {
                        if secs < 0 || secs > grace {
                            self.push(PROBES, &sp, invalid(&sp, &secs.to_string(), &format!("must be non-negative and less than terminationGracePeriodSeconds ({grace})")), "Sleep for at most the Pod's terminationGracePeriodSeconds.");
                        }
                    } else if secs <= 0 || secs > grace {
                        self.push(PROBES, &sp, invalid(&sp, &secs.to_string(), &format!("must be greater than 0 and less than terminationGracePeriodSeconds ({grace}). Please enable PodLifecycleSleepActionAllowZero feature gate if you need a sleep of zero duration.")), "Sleep between 1 second and the Pod's terminationGracePeriodSeconds.");
                    }
                }
                "grpc" => {
                    let pp = kp.field("port");
                    let port = get_int(hv, "port").unwrap_or(0);
                    for m in names::is_valid_port_num(port) {
                        self.push(
                            PROBES,
                            &pp,
                            invalid(&pp, &port.to_string(), &m),
                            "Use a port between 1 and 65535.",
                        );
                    }
                }
                _ => {}
            }
        }
        if n == 0 {
            self.push(
                PROBES,
                p,
                required(p, "must specify a handler type"),
                "Add exactly one of exec, httpGet, tcpSocket or grpc.",
            );
        }
    }

    fn port_num_or_name(&mut self, v: Option<&Value>, p: &FieldPath) {
        match v {
            Some(Value::String(s)) => {
                for m in names::is_valid_port_name(s) {
                    self.push(
                        PROBES,
                        p,
                        invalid(p, &q(s), &m),
                        "Use a port number or the name of a container port.",
                    );
                }
            }
            Some(Value::Number(n)) => {
                if let Some(n) = int_of(&Value::Number(n.clone())) {
                    for m in names::is_valid_port_num(n) {
                        self.push(
                            PROBES,
                            p,
                            invalid(p, &n.to_string(), &m),
                            "Use a port between 1 and 65535.",
                        );
                    }
                }
            }
            None => {
                for m in names::is_valid_port_num(0) {
                    self.push(PROBES, p, invalid(p, "0", &m), "Set the port to probe.");
                }
            }
            _ => {}
        }
    }

    fn dns_config(&mut self, pod: Option<&Value>, policy: Option<&str>, p: &FieldPath) {
        let cfg = get(pod, "dnsConfig");
        if cfg.is_some_and(|c| !c.is_mapping()) {
            return;
        }
        let nameservers = get_seq(cfg, "nameservers");
        if policy == Some("None") {
            if cfg.is_none() {
                self.push(
                    DNS,
                    p,
                    required(p, "must provide `dnsConfig` when `dnsPolicy` is None"),
                    "Add dnsConfig with at least one nameserver.",
                );
                return;
            }
            if nameservers.is_empty() {
                let np = p.field("nameservers");
                self.push(
                    DNS,
                    &np,
                    required(
                        &np,
                        "must provide at least one DNS nameserver when `dnsPolicy` is None",
                    ),
                    "List at least one nameserver IP.",
                );
                return;
            }
        }
        let Some(cfg) = cfg else { return };
        let np = p.field("nameservers");
        let ns: Vec<&str> = nameservers.iter().filter_map(Value::as_str).collect();
        if ns.len() > 3 {
            self.push(
                DNS,
                &np,
                invalid(
                    &np,
                    &json_repr_strs(&ns),
                    "must not have more than 3 nameservers",
                ),
                "Keep at most 3 nameservers.",
            );
        }
        for (i, s) in nameservers.iter().enumerate() {
            if let Some(s) = s.as_str() {
                if !names::is_valid_ip(s) {
                    let ip = np.index(i);
                    self.push(
                        DNS,
                        &ip,
                        invalid(
                            &ip,
                            &q(s),
                            "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                        ),
                        "List nameservers as IP addresses.",
                    );
                }
            }
        }
        let sp = p.field("searches");
        let searches: Vec<&str> = get_seq(Some(cfg), "searches")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if searches.len() > 32 {
            self.push(
                DNS,
                &sp,
                invalid(
                    &sp,
                    &json_repr_strs(&searches),
                    "must not have more than 32 search paths",
                ),
                "Keep at most 32 search domains.",
            );
        }
        if searches.join(" ").len() > 2048 {
            self.push(
                DNS,
                &sp,
                invalid(
                    &sp,
                    &json_repr_strs(&searches),
                    "must not have more than 2048 characters (including spaces) in the search list",
                ),
                "Shorten the search list.",
            );
        }
        for (i, s) in get_seq(Some(cfg), "searches").iter().enumerate() {
            let Some(s) = s.as_str() else { continue };
            let ip = sp.index(i);
            let trimmed = s.strip_suffix('.').unwrap_or(s);
            // RelaxedDNSSearchValidation: beta and on by default from 1.33.
            let msgs = if self.version.minor >= 33 {
                if s == "." {
                    Vec::new()
                } else {
                    names::is_dns1123_subdomain_with_underscore(trimmed)
                }
            } else {
                names::is_dns1123_subdomain(trimmed)
            };
            for m in msgs {
                self.push(
                    DNS,
                    &ip,
                    invalid(&ip, &q(trimmed), &m),
                    "Use a DNS domain name as search path.",
                );
            }
        }
        for (i, o) in get_seq(Some(cfg), "options").iter().enumerate() {
            if !o.is_mapping() {
                continue;
            }
            if get_str(Some(o), "name").unwrap_or("").is_empty() {
                let op = p.field("options").index(i);
                self.push(
                    DNS,
                    &op,
                    required(&op, "Option.Name must not be empty"),
                    "Name every DNS option.",
                );
            }
        }
    }

    fn tolerations(&mut self, list: &[Value], p: &FieldPath) {
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

    fn id_field(&mut self, sc: Option<&Value>, p: &FieldPath, field: &str) {
        if let Some(v) = get_int(sc, field) {
            if !(0..=i64::from(i32::MAX)).contains(&v) {
                let fp = p.field(field);
                self.push(
                    SECURITY_CONTEXT,
                    &fp,
                    invalid(
                        &fp,
                        &v.to_string(),
                        &inclusive_range_error(0, i64::from(i32::MAX)),
                    ),
                    "Use a user or group ID between 0 and 2147483647.",
                );
            }
        }
    }

    fn pod_security_context(&mut self, sc: Option<&Value>, p: &FieldPath) {
        if sc.is_none() {
            return;
        }
        for f in ["runAsUser", "runAsGroup", "fsGroup"] {
            self.id_field(sc, p, f);
        }
        for (i, g) in get_seq(sc, "supplementalGroups").iter().enumerate() {
            if let Some(g) = int_of(g).filter(|g| !(0..=i64::from(i32::MAX)).contains(g)) {
                let gp = p.field("supplementalGroups").index(i);
                self.push(
                    SECURITY_CONTEXT,
                    &gp,
                    invalid(
                        &gp,
                        &g.to_string(),
                        &inclusive_range_error(0, i64::from(i32::MAX)),
                    ),
                    "Use group IDs between 0 and 2147483647.",
                );
            }
        }
    }

    fn container_security_context(&mut self, sc_value: &Value, p: &FieldPath) {
        let sc = Some(sc_value);
        let repr = json_repr(sc_value);
        self.id_field(sc, p, "runAsUser");
        self.id_field(sc, p, "runAsGroup");
        if get_bool(sc, "allowPrivilegeEscalation") == Some(false) {
            if get_bool(sc, "privileged") == Some(true) {
                self.push(
                    SECURITY_CONTEXT,
                    p,
                    invalid(
                        p,
                        &repr,
                        "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
                    ),
                    "Drop privileged: true, or allow privilege escalation.",
                );
            }
            let adds = get_seq(get(sc, "capabilities"), "add");
            if adds
                .iter()
                // Upstream compares the literal string, so "SYS_ADMIN" passes.
                .any(|c| c.as_str() == Some("CAP_SYS_ADMIN"))
            {
                self.push(SECURITY_CONTEXT, p, invalid(p, &repr, "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"), "Drop CAP_SYS_ADMIN, or allow privilege escalation.");
            }
        }
    }
}

const ENV_FIELDS: [&str; 9] = [
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];
/// Pod fields the downward API can convert (some are then refused for env).
const CONVERTIBLE_FIELDS: [&str; 14] = [
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.serviceAccountName",
    "spec.schedulerName",
    "status.phase",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];
const RESOURCE_FIELDS: [&str; 6] = [
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory",
];
/// In the order `validateVolumeSource` tests them.
const VOLUME_SOURCES: [&str; 30] = [
    "hostPath",
    "emptyDir",
    "gitRepo",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "flocker",
    "persistentVolumeClaim",
    "rbd",
    "quobyte",
    "cinder",
    "cephfs",
    "downwardAPI",
    "fc",
    "flexVolume",
    "azureFile",
    "vsphereVolume",
    "photonPersistentDisk",
    "portworxVolume",
    "azureDisk",
    "storageos",
    "configMap",
    "scaleIO",
    "projected",
    "csi",
    "ephemeral",
    "image",
];

fn tmpl_labels_has_all_job_name(labels: Option<&Mapping>) -> bool {
    let entries = str_entries(labels);
    JOB_NAME_LABELS
        .iter()
        .all(|k| entries.iter().any(|(key, _)| key == k))
}

/// `IsNativeResource`: no domain, or a kubernetes.io domain.
fn is_native_resource(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// `IsExtendedResourceName`.
fn is_extended_resource(name: &str) -> bool {
    !is_native_resource(name)
        && !name.starts_with("requests.")
        && names::is_qualified_name(&format!("requests.{name}")).is_empty()
}

/// Evaluates a label selector on a label set; `None` when the selector
/// cannot be converted (`LabelSelectorAsSelector` fails and upstream skips
/// the match; its own errors are reported by `label_selector_as`).
fn selector_matches(sel: &Value, labels: &BTreeMap<String, LabelValue>) -> Option<bool> {
    let valid_key = |k: &str| names::is_qualified_name(k).is_empty();
    let valid_value = |v: &str| names::is_valid_label_value(v).is_empty();
    let mut ok = true;
    for (k, v) in str_entries(get_map(Some(sel), "matchLabels")) {
        if !valid_key(k) || !valid_value(v) {
            return None;
        }
        ok &= labels.get(k).is_some_and(|l| l.is(v));
    }
    for e in get_seq(Some(sel), "matchExpressions") {
        let key = get_str(Some(e), "key")?;
        let values: Vec<&str> = get_seq(Some(e), "values")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if !valid_key(key) || !values.iter().all(|v| valid_value(v)) {
            return None;
        }
        let have = labels.get(key);
        ok &= match get_str(Some(e), "operator")? {
            "In" | "NotIn" if values.is_empty() => return None,
            "Exists" | "DoesNotExist" if !values.is_empty() => return None,
            "In" => have.is_some_and(|h| values.iter().any(|v| h.is(v))),
            "NotIn" => !have.is_some_and(|h| values.iter().any(|v| h.is(v))),
            "Exists" => have.is_some(),
            "DoesNotExist" => have.is_none(),
            _ => return None,
        };
    }
    Some(ok)
}

/// Go's `%#v` of a `metav1.LabelSelector`, near enough for a message.
fn selector_repr(sel: &Value) -> String {
    let labels: BTreeMap<String, LabelValue> = str_entries(get_map(Some(sel), "matchLabels"))
        .into_iter()
        .map(|(k, v)| (k.to_string(), LabelValue::Text(v.to_string())))
        .collect();
    let ml = if labels.is_empty() {
        "map[string]string(nil)".to_string()
    } else {
        go_map(&labels)
    };
    let exprs = get_seq(Some(sel), "matchExpressions");
    let me = if exprs.is_empty() {
        "[]v1.LabelSelectorRequirement(nil)".to_string()
    } else {
        format!(
            "[]v1.LabelSelectorRequirement{}",
            json_repr(&Value::Sequence(exprs.to_vec()))
        )
    };
    format!("v1.LabelSelector{{MatchLabels:{ml}, MatchExpressions:{me}}}")
}

/// Bytes that client-side `kubectl apply` adds to the annotations: the key
/// `kubectl.kubernetes.io/last-applied-configuration` and the manifest as
/// compact JSON plus a newline.
fn last_applied_size(doc: &Value) -> usize {
    const KEY: &str = "kubectl.kubernetes.io/last-applied-configuration";
    let json = serde_json::to_string(doc).map_or(0, |s| s.len());
    // A manifest that already carries the annotation replaces it.
    let existing = get(get(Some(doc), "metadata"), "annotations")
        .and_then(|a| get_str(Some(a), KEY))
        .map_or(0, str::len);
    KEY.len() + json.saturating_sub(existing) + 1
}

/// An upper bound of the compact JSON length of `v`, without serializing it
/// (a string byte takes at most 6 bytes escaped). Real Jobs are far below the
/// annotation limit, so `last_applied_size`, which serializes the whole
/// manifest, runs only for the rare one that could reach it.
fn json_len_bound(v: &Value) -> usize {
    match v {
        Value::Null | Value::Bool(_) => 5,
        Value::Number(_) => 32,
        Value::String(s) => s.len() * 6 + 2,
        Value::Sequence(items) => 2 + items.iter().map(|i| json_len_bound(i) + 1).sum::<usize>(),
        Value::Mapping(m) => {
            2 + m
                .iter()
                .map(|(k, v)| json_len_bound(k) + json_len_bound(v) + 2)
                .sum::<usize>()
        }
        Value::Tagged(t) => json_len_bound(&t.value),
    }
}

fn json_repr(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn json_repr_strs(v: &[&str]) -> String {
    let items: Vec<String> = v.iter().map(|s| q(s)).collect();
    format!("[]string{{{}}}", items.join(", "))
}

/// `validateIndexesFormat`: the number of indexes in "0,2-4", or the error.
fn indexes_total(s: &str, completions: i64) -> Result<i64, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run(yaml: &str, minor: u32) -> Vec<RawFinding> {
        let doc: Value = serde_yaml::from_str(yaml).unwrap();
        let mut out = Vec::new();
        check(&doc, KubeVersion { minor }, &mut out);
        out
    }

    const BASE: &str = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: pi, image: perl}]\n";

    #[test]
    fn a_minimal_job_is_valid() {
        assert!(run(BASE, 37).is_empty(), "{:?}", run(BASE, 37));
    }

    #[test]
    fn missing_restart_policy_is_required() {
        let y = BASE.replace("      restartPolicy: Never\n", "");
        let out = run(&y, 37);
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].message,
            "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""
        );
    }

    #[test]
    fn client_side_apply_annotation_limit() {
        // kubectl apply copies the manifest into an annotation: ~260 KiB of
        // env values push the annotations over 256 KiB, ~200 KiB do not.
        let with_env = |kib: usize| {
            BASE.replace(
                "image: perl}",
                &format!(
                    "image: perl, env: [{{name: BLOB, value: {}}}]}}",
                    "x".repeat(kib * 1024)
                ),
            )
        };
        let out = run(&with_env(260), 37);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(
            out[0].message,
            "metadata.annotations: Too long: may not be more than 262144 bytes"
        );
        assert!(run(&with_env(200), 37).is_empty());
    }

    #[test]
    fn dns_search_underscore_depends_on_version() {
        let y = BASE.replace(
            "      restartPolicy: Never\n",
            "      restartPolicy: Never\n      dnsConfig: {searches: [_sip.example.com]}\n",
        );
        assert_eq!(run(&y, 32).len(), 1);
        assert!(run(&y, 33).is_empty());
    }

    #[test]
    fn wrong_types_never_panic() {
        for y in [
            "spec: 3",
            "spec: {template: {spec: {containers: 3, volumes: x, initContainers: [3, null]}}}",
            "spec: {template: {metadata: {labels: [1]}, spec: {containers: [{name: 3, resources: {limits: 3, requests: {cpu: [1]}}, ports: [{containerPort: x}], env: [3]}]}}}",
            "metadata: []\nspec: {selector: 3, manualSelector: true, podFailurePolicy: {rules: [3, {onExitCodes: 1}]}, successPolicy: 1, completionMode: Indexed, completions: x}",
            "[]",
            "spec: {template: {spec: {containers: [{name: a, livenessProbe: 3, lifecycle: {preStop: 2}, securityContext: 1}], tolerations: [1], dnsConfig: 1, dnsPolicy: None}}}",
        ] {
            let _ = run(y, 37);
        }
    }

    /// Replaces one node of `v` (the `target`-th in pre-order) by `with`.
    fn replace_nth(v: &mut Value, target: usize, seen: &mut usize, with: &Value) -> bool {
        if *seen == target {
            *v = with.clone();
            return true;
        }
        *seen += 1;
        match v {
            Value::Sequence(items) => items.iter_mut().any(|i| replace_nth(i, target, seen, with)),
            Value::Mapping(m) => m
                .iter_mut()
                .any(|(_, i)| replace_nth(i, target, seen, with)),
            _ => false,
        }
    }

    #[test]
    fn any_node_of_any_type_never_panics() {
        let replacements: Vec<Value> = [
            "~",
            "-1",
            "3.5",
            "x",
            "[]",
            "{}",
            "[1, [2]]",
            "{a: {b: -9223372036854775808}}",
            "9223372036854775807",
        ]
        .iter()
        .map(|y| serde_yaml::from_str(y).unwrap())
        .collect();
        let fixtures = [
            include_str!("../../tests/fixtures/apiserver/batch_job.yaml"),
            include_str!("../../tests/fixtures/apiserver/pod_spec.yaml"),
            include_str!("../../tests/fixtures/apiserver/metadata.yaml"),
            include_str!("../../tests/fixtures/apiserver/defaults.yaml"),
        ];
        let mut runs = 0;
        for text in fixtures {
            for chunk in text.split("\n---\n") {
                let doc: Value = serde_yaml::from_str(chunk).unwrap();
                for target in 1.. {
                    let mut any = false;
                    for with in &replacements {
                        let mut d = doc.clone();
                        let mut seen = 0;
                        if !replace_nth(&mut d, target, &mut seen, with) {
                            break;
                        }
                        any = true;
                        let mut out = Vec::new();
                        check(&d, KubeVersion::NEWEST, &mut out);
                        runs += 1;
                    }
                    if !any {
                        break;
                    }
                }
            }
        }
        assert!(runs > 5_000, "{runs}");
    }

    #[test]
    fn wrong_types_are_left_to_the_decoder() {
        // Each value has a type the decoder refuses; validation adds nothing.
        let pod_level = [
            "volumes: [3, {name: a, emptyDir: 3}, {name: b, secret: [x]}]",
            "dnsPolicy: None\n      dnsConfig: 3",
            "tolerations: [3]",
            "affinity: {nodeAffinity: 3, podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [3]}}",
            "topologySpreadConstraints: [x]",
            "initContainers: [3]",
        ];
        let container_level = [
            "env: [3, {name: A, valueFrom: 3}, {name: B, valueFrom: {fieldRef: 3}}, {name: C, valueFrom: {secretKeyRef: [1]}}]",
            "envFrom: [3, {configMapRef: 3}]",
            "ports: [3]",
            "volumeMounts: [3]",
            "livenessProbe: 3",
            "readinessProbe: {exec: 3}",
            "lifecycle: {preStop: 3}",
            "resources: {claims: [3], limits: 3}",
            "securityContext: 3",
        ];
        let mut docs = Vec::new();
        for extra in pod_level {
            docs.push(BASE.replace(
                "      restartPolicy: Never\n",
                &format!("      restartPolicy: Never\n      {extra}\n"),
            ));
        }
        for extra in container_level {
            docs.push(BASE.replace(
                "containers: [{name: pi, image: perl}]",
                &format!(
                    "containers: [{{name: pi, image: perl, {}}}]",
                    extra.replace('\n', " ")
                ),
            ));
        }
        docs.push(BASE.replace(
            "spec:\n  template:",
            "spec:\n  manualSelector: true\n  selector: 3\n  template:",
        ));
        docs.push(BASE.replace(
            "spec:\n  template:",
            "spec:\n  podFailurePolicy: {rules: [3, {action: FailJob, onExitCodes: 3}]}\n  template:",
        ));
        for d in docs {
            let out = run(&d, 37);
            assert!(
                out.is_empty(),
                "{d}\n{:?}",
                out.iter().map(|f| &f.message).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn indexes_format() {
        assert_eq!(indexes_total("0,2-4", 5), Ok(4));
        assert!(indexes_total("3,1", 5).is_err());
        assert!(indexes_total("0-5", 5).is_err());
        assert!(indexes_total("a", 5).is_err());
        assert!(indexes_total("1-2-3", 5).is_err());
    }
}
