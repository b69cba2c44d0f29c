//! Strict decoding (KJP3xx) through the public API, so that the full path is
//! exercised: YAML parsing, the decoder, and positions of the findings.

use k8s_job_plan::k8s::decode;
use k8s_job_plan::{plan_files, validate_job_yaml, Finding, InputContent, InputFile, PlanOptions};
use std::collections::BTreeSet;
use std::path::Path;

/// A valid Job with comment placeholders where a test inserts lines. Each
/// placeholder sits at the indentation of the object it belongs to.
const BASE: &str = "\
apiVersion: batch/v1
kind: Job
metadata:
  name: arb-tuning-d29-k8s--worker-1-0
  namespace: trading-bots
  labels:
    app: arbitrage-tuning
    session_id: d29-k8s-demo-session
    worker_id: worker-1
    component: tuning
    #LABELS
  #META
spec:
  backoffLimit: 0
  #JOBSPEC
  template:
    metadata:
      labels:
        app: arbitrage-tuning
    spec:
      restartPolicy: Never
      #PODSPEC
      containers:
      - name: tuning-worker
        image: busybox:1.36
        args: [run]
        env:
        - name: APP_ENV
          value: docker
        resources:
          requests:
            cpu: 500m
            memory: 512Mi
          limits:
            cpu: \"1\"
            memory: 1Gi
            #LIMITS
          #RESOURCES
        #CONTAINER
";

/// `BASE` with `line` in place of the whole line of `#tag`.
fn job_with(tag: &str, line: &str) -> String {
    let marker = format!("#{tag}");
    let mut found = false;
    let mut out = String::new();
    for l in BASE.lines() {
        if l.trim() == marker {
            found = true;
            out.push_str(line);
        } else {
            out.push_str(l);
        }
        out.push('\n');
    }
    assert!(found, "no placeholder {tag}");
    out
}

fn opts(version: &str) -> PlanOptions {
    PlanOptions {
        strict: false,
        kubernetes_version: Some(version.to_string()),
        ..Default::default()
    }
}

/// Every KJP3xx finding of the first Job of `yaml`.
fn decode_findings(yaml: &str, version: &str) -> Vec<Finding> {
    let v = validate_job_yaml(yaml, "job.yaml", &opts(version)).expect("supported version");
    v.errors
        .into_iter()
        .chain(v.warnings)
        .filter(|f| f.code.starts_with("KJP3"))
        .collect()
}

/// 1-based line and column of the first occurrence of `needle` in `text`.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[test]
fn base_job_decodes_cleanly_in_every_version() {
    for v in ["1.32", "1.33", "1.34", "1.35", "1.36", "1.37"] {
        assert_eq!(decode_findings(BASE, v), vec![], "{v}");
    }
}

/// One case: where to insert what, in which version, and what must come out.
struct Case {
    tag: &'static str,
    line: &'static str,
    version: &'static str,
    /// `None`: no decode finding at all.
    want: Option<Want>,
}

struct Want {
    code: &'static str,
    path: &'static str,
    message: &'static str,
    /// Expected help, or `""` to skip the help check.
    help: &'static str,
    /// Text whose first occurrence is where line/column must point.
    at: &'static str,
}

const fn ok(tag: &'static str, line: &'static str) -> Case {
    Case {
        tag,
        line,
        version: "1.37",
        want: None,
    }
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    let w = |code, path, message, help, at| Some(Want { code, path, message, help, at });
    vec![
        // KJP301 unknown-field, with a suggestion and with a misplaced field.
        Case { tag: "CONTAINER", line: "        imagePullpolicy: Always", version: "1.37", want: w(
            "KJP301", "spec.template.spec.containers[0].imagePullpolicy",
            "spec.template.spec.containers[0].imagePullpolicy: unknown field \"spec.template.spec.containers[0].imagePullpolicy\": did you mean \"imagePullPolicy\"?",
            "Did you mean \"imagePullPolicy\"?", "imagePullpolicy") },
        ok("CONTAINER", "        imagePullPolicy: Always"),
        Case { tag: "JOBSPEC", line: "  restartPolicy: Never", version: "1.37", want: w(
            "KJP301", "spec.restartPolicy", "spec.restartPolicy: unknown field \"spec.restartPolicy\"",
            "\"restartPolicy\" is a field of spec.template.spec; move it there.", "restartPolicy: Never\n  template") },
        Case { tag: "META", line: "  foo: bar", version: "1.37", want: w(
            "KJP301", "metadata.foo", "metadata.foo: unknown field \"metadata.foo\"",
            "\"foo\" is not a field of ObjectMeta; as an entry it belongs under annotations or labels.", "foo: bar") },
        Case { tag: "JOBSPEC", line: "  foo: bar", version: "1.37", want: w(
            "KJP301", "spec.foo", "spec.foo: unknown field \"spec.foo\"",
            "Remove the field: JobSpec in Kubernetes 1.37 has no field \"foo\".", "foo: bar") },
        Case { tag: "RESOURCES", line: "          cpu: 2", version: "1.37", want: w(
            "KJP301", "spec.template.spec.containers[0].resources.cpu",
            "spec.template.spec.containers[0].resources.cpu: unknown field \"spec.template.spec.containers[0].resources.cpu\"",
            "\"cpu\" is not a field of ResourceRequirements; as an entry it belongs under limits or requests.", "cpu: 2") },
        Case { tag: "PODSPEC", line: "      image: busybox", version: "1.37", want: w(
            "KJP301", "spec.template.spec.image",
            "spec.template.spec.image: unknown field \"spec.template.spec.image\"",
            "\"image\" is a field of spec.template.spec.containers[*]; move it there.", "image: busybox") },
        Case { tag: "RESOURCES", line: "          image: busybox", version: "1.37", want: w(
            "KJP301", "spec.template.spec.containers[0].resources.image",
            "spec.template.spec.containers[0].resources.image: unknown field \"spec.template.spec.containers[0].resources.image\"",
            "\"image\" is a field of spec.template.spec.containers[0], not of spec.template.spec.containers[0].resources; check the indentation.",
            "image: busybox\n") },
        // KJP302 field-not-in-version.
        Case { tag: "PODSPEC", line: "      hostnameOverride: worker", version: "1.32", want: w(
            "KJP302", "spec.template.spec.hostnameOverride",
            "spec.template.spec.hostnameOverride: unknown field \"spec.template.spec.hostnameOverride\": field \"hostnameOverride\" is not available in Kubernetes 1.32 (added in 1.34)",
            "Select Kubernetes version 1.34 or newer (--kubernetes-version 1.34) if the cluster runs it, or remove the field.",
            "hostnameOverride") },
        Case { tag: "PODSPEC", line: "      hostnameOverride: worker", version: "1.34", want: None },
        // KJP303 wrong-field-type.
        Case { tag: "JOBSPEC", line: "  parallelism: \"3\"", version: "1.37", want: w(
            "KJP303", "spec.parallelism",
            "spec.parallelism: Invalid value: \"string\": spec.parallelism in body must be of type integer: \"string\"",
            "Remove the quotes so YAML reads a number: parallelism: 3.", "parallelism") },
        ok("JOBSPEC", "  parallelism: 3"),
        ok("JOBSPEC", "  parallelism: 3.0"),
        Case { tag: "JOBSPEC", line: "  parallelism: 2.5", version: "1.37", want: w(
            "KJP303", "spec.parallelism",
            "spec.parallelism: Invalid value: \"number\": spec.parallelism in body must be of type integer: \"number\"",
            "Write parallelism as an integer.", "parallelism") },
        Case { tag: "JOBSPEC", line: "  suspend: \"false\"", version: "1.37", want: w(
            "KJP303", "spec.suspend",
            "spec.suspend: Invalid value: \"string\": spec.suspend in body must be of type boolean: \"string\"",
            "Write suspend as a boolean.", "suspend") },
        Case { tag: "CONTAINER", line: "        workingDir: 42", version: "1.37", want: w(
            "KJP303", "spec.template.spec.containers[0].workingDir",
            "spec.template.spec.containers[0].workingDir: Invalid value: \"integer\": spec.template.spec.containers[0].workingDir in body must be of type string: \"integer\"",
            "Quote the value so YAML reads it as text: workingDir: \"42\".", "workingDir") },
        Case { tag: "CONTAINER", line: "        command: python run.py", version: "1.37", want: w(
            "KJP303", "spec.template.spec.containers[0].command",
            "spec.template.spec.containers[0].command: Invalid value: \"string\": spec.template.spec.containers[0].command in body must be of type array: \"string\"",
            "Write command as a YAML list: each item starts with '- '.", "command") },
        Case { tag: "PODSPEC", line: "      securityContext: [runAsUser: 1]", version: "1.37", want: w(
            "KJP303", "spec.template.spec.securityContext",
            "spec.template.spec.securityContext: Invalid value: \"array\": spec.template.spec.securityContext in body must be of type object: \"array\"",
            "Write securityContext as an object of fields, not as a list ('- ' items).", "securityContext") },
        // kubectl reads YAML 1.1, where a plain `yes` is a boolean.
        ok("JOBSPEC", "  suspend: yes"),
        Case { tag: "CONTAINER", line: "        command: [sleep, 10]", version: "1.37", want: w(
            "KJP303", "spec.template.spec.containers[0].command[1]",
            "spec.template.spec.containers[0].command[1]: Invalid value: \"integer\": spec.template.spec.containers[0].command[1] in body must be of type string: \"integer\"",
            "Quote the value so YAML reads it as text: - \"10\".", "10]") },
        // Int-or-string: strings and integers only.
        Case { tag: "CONTAINER", line: "        livenessProbe: {tcpSocket: {port: 80.5}}", version: "1.37", want: w(
            "KJP303", "spec.template.spec.containers[0].livenessProbe.tcpSocket.port",
            "spec.template.spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: \"number\": spec.template.spec.containers[0].livenessProbe.tcpSocket.port in body must be of type integer or string: \"number\"",
            "Write port as an integer or string.", "port") },
        ok("CONTAINER", "        livenessProbe: {httpGet: {port: http}}"),
        ok("CONTAINER", "        livenessProbe: {httpGet: {port: 8080}}"),
        Case { tag: "CONTAINER", line: "        livenessProbe: {httpGet: {port: true}}", version: "1.37", want: w(
            "KJP303", "spec.template.spec.containers[0].livenessProbe.httpGet.port",
            "spec.template.spec.containers[0].livenessProbe.httpGet.port: Invalid value: \"boolean\": spec.template.spec.containers[0].livenessProbe.httpGet.port in body must be of type integer or string: \"boolean\"",
            "", "port") },
        // KJP304 integer-out-of-range.
        Case { tag: "JOBSPEC", line: "  completions: 3000000000", version: "1.37", want: w(
            "KJP304", "spec.completions",
            "spec.completions: Invalid value: 3000000000: spec.completions in body must be of type int32: \"3000000000\"",
            "Use a whole number from -2147483648 to 2147483647.", "completions") },
        ok("JOBSPEC", "  activeDeadlineSeconds: 3000000000"),
        Case { tag: "JOBSPEC", line: "  activeDeadlineSeconds: 9223372036854775808", version: "1.37", want: w(
            "KJP304", "spec.activeDeadlineSeconds",
            "spec.activeDeadlineSeconds: Invalid value: 9223372036854775808: spec.activeDeadlineSeconds in body must be of type int64: \"9223372036854775808\"",
            "Use a whole number from -9223372036854775808 to 9223372036854775807.", "activeDeadlineSeconds") },
        // KJP305 invalid-quantity: routed for a value that is not a scalar at all
        // (syntax errors of strings are the quantity parser's own tests).
        Case { tag: "LIMITS", line: "            nvidia.com/gpu: [1]", version: "1.37", want: w(
            "KJP305", "spec.template.spec.containers[0].resources.limits[nvidia.com/gpu]",
            "spec.template.spec.containers[0].resources.limits[nvidia.com/gpu]: Invalid value: \"array\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            "", "nvidia.com/gpu") },
        Case { tag: "LIMITS", line: "            ephemeral-storage: true", version: "1.37", want: w(
            "KJP305", "spec.template.spec.containers[0].resources.limits[ephemeral-storage]",
            "spec.template.spec.containers[0].resources.limits[ephemeral-storage]: Invalid value: true: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            "", "ephemeral-storage") },
        ok("LIMITS", "            nvidia.com/gpu: 1"),
        ok("LIMITS", "            ephemeral-storage: 0.5"),
        ok("LIMITS", "            ephemeral-storage: 2Gi"),
        // KJP306 non-string-map-value, in kubectl's words.
        Case { tag: "LABELS", line: "    version: 1.10", version: "1.37", want: w(
            "KJP306", "metadata.labels[version]",
            "metadata.labels[version]: Invalid value: 1.1: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
            // The help quotes what was written: "1.1" would change the value.
            "Quote the value so YAML keeps it as text: version: \"1.10\".", "version") },
        ok("LABELS", "    version: \"1.10\""),
        // YAML 1.1, as Kubernetes reads it: `on` is the boolean true.
        Case { tag: "LABELS", line: "    flag: on", version: "1.37", want: w(
            "KJP306", "metadata.labels[flag]",
            "metadata.labels[flag]: Invalid value: true: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string",
            "Kubernetes reads YAML 1.1, where on is the boolean true. Quote the value so YAML keeps it as text: flag: \"on\".", "flag") },
        ok("LABELS", "    flag: 'on'"),
        Case { tag: "PODSPEC", line: "      nodeSelector: {gpu: true}", version: "1.37", want: w(
            "KJP306", "spec.template.spec.nodeSelector[gpu]",
            "spec.template.spec.nodeSelector[gpu]: Invalid value: true: json: cannot unmarshal bool into Go struct field PodSpec.spec.template.spec.nodeSelector of type string",
            "Quote the value so YAML keeps it as text: gpu: \"true\".", "gpu") },
        Case { tag: "META", line: "  annotations: {note: [a, b]}", version: "1.37", want: w(
            "KJP306", "metadata.annotations[note]",
            "metadata.annotations[note]: Invalid value: \"array\": json: cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of type string",
            "Write the value as a single string; these maps hold text only.", "note") },
        // Null is absent for the API server, wherever it is.
        ok("JOBSPEC", "  completions: null"),
        ok("META", "  annotations: ~"),
        ok("CONTAINER", "        ports: [null]"),
        ok("LABELS", "    empty: null"),
        // Output of `kubectl create --dry-run -o yaml`.
        ok("META", "  creationTimestamp: null"),
    ]
}

#[test]
fn each_case_triggers_exactly_its_finding_at_its_key() {
    for case in cases() {
        let yaml = job_with(case.tag, case.line);
        let got = decode_findings(&yaml, case.version);
        let Some(want) = &case.want else {
            assert_eq!(got, vec![], "{} ({})", case.line, case.version);
            continue;
        };
        assert_eq!(got.len(), 1, "{}: {got:#?}", case.line);
        let f = &got[0];
        assert_eq!(f.code, want.code, "{}", case.line);
        assert_eq!(f.path, want.path, "{}", case.line);
        assert_eq!(f.message, want.message, "{}", case.line);
        if !want.help.is_empty() {
            assert_eq!(f.help.as_deref(), Some(want.help), "{}", case.line);
        }
        assert_eq!(f.severity, k8s_job_plan::Severity::Error);
        let (line, column) = position_of(&yaml, want.at);
        assert_eq!(
            (f.line, f.column),
            (line, column),
            "{}: position",
            case.line
        );
    }
}

#[test]
fn every_decode_rule_has_a_triggering_and_a_clean_case() {
    let cases = cases();
    let triggered: BTreeSet<&str> = cases
        .iter()
        .filter_map(|c| c.want.as_ref().map(|w| w.code))
        .collect();
    let declared: BTreeSet<&str> = decode::RULES.iter().map(|r| r.code).collect();
    assert_eq!(triggered, declared);
    for r in decode::RULES {
        assert!(r.code.starts_with("KJP3"), "{}", r.code);
        for text in [r.summary, r.why, r.example, r.fix, r.reference] {
            assert!(!text.trim().is_empty(), "{} has empty docs", r.code);
        }
    }
}

#[test]
fn typos_get_the_right_suggestion() {
    #[rustfmt::skip]
    let typos: &[(&str, &str, &str)] = &[
        ("META", "  namepsace: x", "namespace"),
        ("META", "  label: {}", "labels"),
        ("META", "  Annotations: {}", "annotations"),
        ("JOBSPEC", "  backofflimit: 1", "backoffLimit"),
        ("JOBSPEC", "  parallelizm: 1", "parallelism"),
        ("JOBSPEC", "  completion: 1", "completions"),
        ("JOBSPEC", "  ttlSecondAfterFinished: 1", "ttlSecondsAfterFinished"),
        ("JOBSPEC", "  active_deadline_seconds: 1", "activeDeadlineSeconds"),
        ("PODSPEC", "      restartpolicy: Never", "restartPolicy"),
        ("PODSPEC", "      contianers: []", "containers"),
        ("PODSPEC", "      nodeselector: {}", "nodeSelector"),
        ("PODSPEC", "      toleration: []", "tolerations"),
        ("PODSPEC", "      imagePullSecret: []", "imagePullSecrets"),
        ("PODSPEC", "      serviceAcountName: x", "serviceAccountName"),
        ("CONTAINER", "        imagePullpolicy: Always", "imagePullPolicy"),
        ("CONTAINER", "        resource: {}", "resources"),
        ("CONTAINER", "        comand: [x]", "command"),
        ("CONTAINER", "        arg: [x]", "args"),
        ("CONTAINER", "        volumeMount: []", "volumeMounts"),
        ("CONTAINER", "        workingdir: /x", "workingDir"),
        ("CONTAINER", "        env_from: []", "envFrom"),
        ("RESOURCES", "          limit: {}", "limits"),
        ("RESOURCES", "          request: {}", "requests"),
    ];
    for (tag, line, want) in typos {
        let yaml = job_with(tag, line);
        let got = decode_findings(&yaml, "1.37");
        assert_eq!(got.len(), 1, "{line}: {got:#?}");
        assert_eq!(got[0].code, "KJP301", "{line}");
        let help = format!("Did you mean \"{want}\"?");
        assert_eq!(got[0].help.as_deref(), Some(help.as_str()), "{line}");
        assert!(
            got[0]
                .message
                .ends_with(&format!(": did you mean \"{want}\"?")),
            "{}",
            got[0].message
        );
        let key = line.trim_start().split(':').next().unwrap_or_default();
        assert_eq!(
            (got[0].line, got[0].column),
            position_of(&yaml, &format!("{key}:")),
            "{line}"
        );
    }
}

#[test]
fn status_is_part_of_the_schema() {
    // `kubectl get job -o yaml` output, applied back.
    let yaml = format!("{BASE}status:\n  active: 1\n  startTime: \"2024-01-01T00:00:00Z\"\n");
    assert_eq!(decode_findings(&yaml, "1.37"), vec![]);
    let yaml = format!("{BASE}status:\n  actve: 1\n");
    let got = decode_findings(&yaml, "1.37");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].path, "status.actve");
}

#[test]
fn what_the_seed_rules_report_is_not_reported_again() {
    for yaml in [
        "apiVersion: 1\nkind: Job\nmetadata: {name: a}\nspec: {template: {spec: {containers: [{name: c, image: i}]}}}",
        "apiVersion: batch/v1\nkind: [Job]\nmetadata: {name: a}\nspec: {template: {spec: {containers: [{name: c, image: i}]}}}",
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: a}\nspec: {template: {spec: {containers: x}}}",
        "apiVersion: batch/v1\nkind: Job\nmetadata: {}\nspec: {template: {spec: {containers: [{name: c}]}}}",
        // Another kind is the seed's invalid-kind, not a hundred unknown fields.
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: a}\nspec: {schedule: '* * * * *', jobTemplate: {}}",
    ] {
        assert_eq!(decode_findings(yaml, "1.37"), vec![], "{yaml}");
    }
}

#[test]
fn odd_keys_and_values_do_not_panic() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: a, labels: {1: 2}}\n1: x\nspec:\n  template: {spec: {containers: [{name: c, image: i, resources: {limits: {cpu: !!str 1}}}]}}\n  backoffLimit: !custom 3\n";
    let got = decode_findings(yaml, "1.37");
    let codes: Vec<(&str, &str)> = got
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str()))
        .collect();
    assert_eq!(
        codes,
        // `!custom 3` is the text "3" to go-yaml: a custom tag keeps the text.
        vec![
            ("KJP306", "metadata.labels[1]"),
            ("KJP301", "1"),
            ("KJP303", "spec.backoffLimit")
        ],
        "{got:#?}"
    );
}

fn realworld_dir() -> Option<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/realworld");
    dir.is_dir().then_some(dir)
}

/// Decode findings that the real-world corpus is known to have, per file, with
/// the reason: (file, code, path, why it is a genuine problem). None so far:
/// every published Job in the corpus decodes cleanly in every version.
const REALWORLD_EXPECTED: &[(&str, &str, &str, &str)] = &[];

#[test]
fn realworld_jobs_and_seed_examples_decode_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in std::fs::read_dir(root.join("examples/d29_k8s_jobs")).expect("seed examples exist")
    {
        let path = entry.expect("readable dir entry").path();
        files.push((
            path.display().to_string(),
            std::fs::read(&path).expect("readable example"),
        ));
    }
    let seed_files = files.len();
    match realworld_dir() {
        Some(dir) => {
            for entry in std::fs::read_dir(dir).expect("readable corpus dir") {
                let path = entry.expect("readable dir entry").path();
                if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    files.push((
                        path.display().to_string(),
                        std::fs::read(&path).expect("readable file"),
                    ));
                }
            }
        }
        None => shared_absent("checked the seed examples only"),
    }
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|(name, bytes)| InputFile {
            name,
            content: InputContent::Bytes(bytes),
        })
        .collect();
    for v in ["1.32", "1.33", "1.34", "1.35", "1.36", "1.37"] {
        let plan = plan_files(&inputs, &opts(v)).expect("supported version");
        assert!(
            plan.total_jobs >= seed_files,
            "{v}: {} jobs",
            plan.total_jobs
        );
        let got: BTreeSet<(String, String, String)> = plan
            .errors()
            .chain(plan.warnings())
            .filter(|f| f.code.starts_with("KJP3"))
            .map(|f| {
                let file = Path::new(&f.file)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (file, f.code.clone(), f.path.clone())
            })
            .collect();
        let want: BTreeSet<(String, String, String)> = REALWORLD_EXPECTED
            .iter()
            .filter(|_| realworld_dir().is_some())
            .map(|(file, code, path, _)| (file.to_string(), code.to_string(), path.to_string()))
            .collect();
        assert_eq!(got, want, "Kubernetes {v}");
    }
}

/// The corpus check above would pass with a decoder that finds nothing; this
/// one proves the decoder reads every real-world Job: with `restartPolicy`
/// misspelt, each Job that had one gets an unknown-field finding for it.
#[test]
fn realworld_jobs_with_a_typo_are_caught() {
    let Some(dir) = realworld_dir() else {
        shared_absent("skipped");
        return;
    };
    let mut originals: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable corpus dir") {
        let path = entry.expect("readable dir entry").path();
        if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            let text = std::fs::read_to_string(&path).expect("corpus files are UTF-8");
            originals.push((path.display().to_string(), text));
        }
    }
    let mutated: Vec<(String, String)> = originals
        .iter()
        .map(|(n, t)| (n.clone(), t.replace("restartPolicy:", "restartPolicyy:")))
        .collect();
    let plan_of = |files: &[(String, String)]| {
        let inputs: Vec<InputFile> = files
            .iter()
            .map(|(name, text)| InputFile::text(name, text))
            .collect();
        plan_files(&inputs, &opts("1.37")).expect("supported version")
    };
    let before = plan_of(&originals);
    let after = plan_of(&mutated);
    let mut checked = 0;
    for (job, mutated_job) in before.jobs.iter().zip(&after.jobs) {
        assert_eq!(
            (&job.file, job.document),
            (&mutated_job.file, mutated_job.document)
        );
        if job.job_data.to_value()["spec"]["template"]["spec"]["restartPolicy"].is_null() {
            continue;
        }
        checked += 1;
        let found = mutated_job.errors.iter().any(|f| {
            f.code == "KJP301"
                && f.path == "spec.template.spec.restartPolicyy"
                && f.help.as_deref() == Some("Did you mean \"restartPolicy\"?")
        });
        assert!(
            found,
            "{} #{}: {:#?}",
            job.file, job.document, mutated_job.errors
        );
    }
    assert!(
        checked >= 50,
        "only {checked} real-world Jobs have a restartPolicy"
    );
}

/// The decoder asks the quantity parser about every string and number in a
/// quantity position, and reports exactly what the parser refuses, with its
/// reason. (Whether "1 GB" is refused is the parser's own business and its
/// own tests'; this checks that decoding agrees with it.)
#[test]
fn quantity_positions_follow_the_quantity_parser() {
    use k8s_job_plan::k8s::quantity::Quantity;
    #[rustfmt::skip]
    let values: &[(&str, &str)] = &[
        // (YAML as written, the text the parser sees)
        ("500m", "500m"), ("\"1\"", "1"), ("1Gi", "1Gi"), ("1 GB", "1 GB"), ("1.5.5", "1.5.5"),
        ("\"\"", ""), ("abc", "abc"), ("1e3", "1000.0"), ("0.5", "0.5"), ("12Mb", "12Mb"),
    ];
    for (yaml_value, text) in values {
        let yaml = job_with(
            "LIMITS",
            &format!("            ephemeral-storage: {yaml_value}"),
        );
        let got = decode_findings(&yaml, "1.37");
        let path = "spec.template.spec.containers[0].resources.limits[ephemeral-storage]";
        match Quantity::parse(text) {
            Ok(_) => assert_eq!(got, vec![], "{yaml_value}"),
            Err(reason) => {
                assert_eq!(got.len(), 1, "{yaml_value}: {got:#?}");
                assert_eq!(got[0].code, "KJP305");
                assert_eq!(got[0].path, path);
                assert!(
                    got[0].message.ends_with(&format!(": {reason}")),
                    "{}",
                    got[0].message
                );
                assert!(
                    got[0]
                        .message
                        .starts_with(&format!("{path}: Invalid value: ")),
                    "{}",
                    got[0].message
                );
            }
        }
    }
}

/// `kubectl get job -o yaml` output (managed fields, status, server-set
/// metadata) decodes cleanly: applying an exported Job back is common.
#[test]
fn an_exported_job_decodes_cleanly() {
    let yaml = r#"apiVersion: batch/v1
kind: Job
metadata:
  annotations:
    batch.kubernetes.io/job-tracking: ""
  creationTimestamp: "2024-05-01T10:00:00Z"
  generation: 1
  labels:
    batch.kubernetes.io/controller-uid: 0d6b8c6e-1b2b-4a43-9a4e-0c1f0b7c1d11
    batch.kubernetes.io/job-name: pi
  managedFields:
  - apiVersion: batch/v1
    fieldsType: FieldsV1
    fieldsV1:
      f:spec:
        f:backoffLimit: {}
        f:template:
          f:spec:
            f:containers:
              k:{"name":"pi"}:
                .: {}
                f:image: {}
    manager: kubectl-client-side-apply
    operation: Update
    time: "2024-05-01T10:00:00Z"
  name: pi
  namespace: default
  resourceVersion: "1234"
  uid: 0d6b8c6e-1b2b-4a43-9a4e-0c1f0b7c1d11
spec:
  backoffLimit: 4
  completionMode: NonIndexed
  completions: 1
  manualSelector: false
  parallelism: 1
  podReplacementPolicy: TerminatingOrFailed
  selector:
    matchLabels:
      batch.kubernetes.io/controller-uid: 0d6b8c6e-1b2b-4a43-9a4e-0c1f0b7c1d11
  suspend: false
  template:
    metadata:
      creationTimestamp: null
      labels:
        batch.kubernetes.io/job-name: pi
    spec:
      containers:
      - command: [perl, -Mbignum=bpi, -wle, print bpi(2000)]
        image: perl:5.34.0
        imagePullPolicy: IfNotPresent
        name: pi
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Never
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
status:
  completionTime: "2024-05-01T10:00:40Z"
  conditions:
  - lastProbeTime: "2024-05-01T10:00:40Z"
    lastTransitionTime: "2024-05-01T10:00:40Z"
    status: "True"
    type: Complete
  ready: 0
  startTime: "2024-05-01T10:00:00Z"
  succeeded: 1
  terminating: 0
  uncountedTerminatedPods: {}
"#;
    for v in ["1.32", "1.37"] {
        assert_eq!(decode_findings(yaml, v), vec![], "{v}");
    }
    // The same export with one status field misspelt is caught.
    let typo = yaml.replace("  succeeded: 1", "  succeded: 1");
    let got = decode_findings(&typo, "1.37");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].help.as_deref(), Some("Did you mean \"succeeded\"?"));
}

/// Says, visibly (libtest captures `println!` of passing tests), that the
/// shared corpus is absent, as on a user's fresh clone.
fn shared_absent(what: &str) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "note: ../shared/corpus/realworld is absent; {what}"
    );
}
