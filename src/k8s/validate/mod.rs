//! The API server's validation of a Job or CronJob on create (codes KJP4xx).
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
//!
//! Layout: this file holds the entry point (`check`, `Cx::job`), the value
//! readers and the message shapes (`required`, `invalid`, `not_supported`,
//! …) every module shares through `use super::*`. Each module listed in
//! `checkers!` checks one API type, declares the rules it fires, and adds its
//! methods to `Cx` (whose only state is the version and the findings).
//! What a container check needs from its Pod arrives as a `PodContext`.

use crate::diagnostic::RawFinding;
use crate::k8s::names::{self, inclusive_range_error};
use crate::k8s::quantity::Quantity;
use crate::path::FieldPath;
use crate::version::KubeVersion;
use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Declares the checker modules: each is `mod`, its items are shared with the
/// others (the rule constants and `impl Cx` helpers), and its `RULES` join
/// the registry. Adding a module is one line here.
macro_rules! checkers {
    ($($m:ident),* $(,)?) => {
        $( mod $m; )*
        #[allow(unused_imports)]
        use self::{ $( $m::* ),* };
        /// The rules of every module, one slice per module.
        pub const RULE_GROUPS: &[&[&crate::rules::Rule]] = &[ $( $m::RULES ),* ];
    };
}

checkers! {
    object_meta,
    selector,
    job_spec,
    cron_job,
    pod_failure_policy,
    success_policy,
    pod_spec,
    scheduling,
    container,
    env,
    resources,
    volume,
    probe,
    dns,
    security_context,
}

/// Every rule of this module, in code order.
pub fn rules() -> impl Iterator<Item = &'static crate::rules::Rule> {
    let mut v: Vec<&'static crate::rules::Rule> =
        RULE_GROUPS.iter().flat_map(|g| g.iter().copied()).collect();
    v.sort_by_key(|r| r.code);
    v.into_iter()
}

/// Validates `doc` (a Job or CronJob document) as the API server of
/// `version` would on create.
pub fn check(doc: &Value, version: KubeVersion, out: &mut Vec<RawFinding>) {
    let mut cx = Cx {
        version,
        out: Vec::new(),
    };
    if get_str(Some(doc), "kind") == Some("CronJob") {
        cx.cron_job(doc);
    } else {
        cx.job(doc);
    }
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

        let job_name = (!manual).then_some(name).flatten();
        self.job_spec_and_template(spec, &spec_path, job_name);

        // ValidateJobSpec: the selector (the user's, plus the generated
        // controller-uid unless manual) must be valid and select the template.
        self.job_selector(spec, &spec_path, &final_labels, manual);
        self.indexed_hostname(spec, name, &meta_path);
    }

    /// `validateJobSpec` and `ValidatePodTemplateSpec` of a Job spec at
    /// `spec_path` (`spec`, or `spec.jobTemplate.spec` in a CronJob).
    /// `job_name`: the name the generated `job-name` labels carry, for a Job
    /// whose selector is generated (a CronJob's Jobs get theirs later).
    fn job_spec_and_template(
        &mut self,
        spec: Option<&Value>,
        spec_path: &FieldPath,
        job_name: Option<&str>,
    ) {
        let template = obj(spec, "template");
        let tmpl_path = spec_path.field("template");
        let tmpl_meta = obj(template, "metadata");
        let tmpl_labels = get_map(tmpl_meta, "labels");
        self.job_spec(spec, spec_path);

        // ValidatePodTemplateSpec: labels (user's and generated) and annotations.
        let labels_path = tmpl_path.field("labels");
        self.labels(tmpl_labels, &labels_path);
        // The generated job-name labels carry the name as their value.
        if let Some(n) = job_name.filter(|_| !tmpl_labels_has_all_job_name(tmpl_labels)) {
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
        self.annotations(
            get_map(tmpl_meta, "annotations"),
            &tmpl_path.field("annotations"),
            None,
        );
        let pod = obj(template, "spec");
        let pod_path = tmpl_path.field("spec");
        self.pod_template_annotations(
            get_map(tmpl_meta, "annotations"),
            pod,
            &tmpl_path.field("annotations"),
        );
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
    }
}

fn json_repr(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn json_repr_strs(v: &[&str]) -> String {
    let items: Vec<String> = v.iter().map(|s| q(s)).collect();
    format!("[]string{{{}}}", items.join(", "))
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
            include_str!("../../../tests/fixtures/apiserver/batch_job.yaml"),
            include_str!("../../../tests/fixtures/apiserver/pod_spec.yaml"),
            include_str!("../../../tests/fixtures/apiserver/metadata.yaml"),
            include_str!("../../../tests/fixtures/apiserver/defaults.yaml"),
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
