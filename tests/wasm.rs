//! The wasm exports called the way JS calls them: JS values in (built with
//! serde-wasm-bindgen), JS values out. Runs in Node (`wasm-pack test --node`)
//! and in headless Chromium (`wasm-pack test --headless --chrome`).
#![cfg(target_arch = "wasm32")]

use k8s_job_plan::wasm;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const SEED_1: &str = include_str!("../examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-1-0.yaml");
const SEED_2: &str = include_str!("../examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-2-1.yaml");
const SEED_GOLDEN: &str = include_str!("golden/d29_k8s_jobs.plan.txt");

/// A JS value the way a JS caller would write it (plain objects and arrays).
fn js(v: Value) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("serde_json values always convert")
}

use serde::Serialize;

/// A JS result read back as JSON, the shape of the native `--format json`.
fn back(v: impl Into<JsValue>) -> Value {
    serde_wasm_bindgen::from_value(v.into()).expect("exports return JSON-like values")
}

fn plan(files: Value, options: Option<Value>) -> Result<JsValue, JsValue> {
    wasm::plan_files(
        js(files).unchecked_into(),
        options.map(|o| js(o).unchecked_into()),
    )
    .map(JsValue::from)
}

fn seed_files() -> Value {
    json!([
        { "name": "examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-1-0.yaml", "content": SEED_1 },
        { "name": "examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-2-1.yaml", "content": SEED_2 },
    ])
}

/// Codes of every finding of a plan, errors and warnings.
fn codes(plan: &Value) -> Vec<(String, String, String)> {
    ["errors", "warnings"]
        .iter()
        .flat_map(|k| plan[k].as_array().cloned().unwrap_or_default())
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_string(),
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["severity"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn assert_is_error(e: JsValue, fragment: &str) {
    let err = e
        .dyn_into::<js_sys::Error>()
        .expect("bad arguments throw a real Error");
    let msg: String = err.message().into();
    assert!(msg.contains(fragment), "message {msg:?} lacks {fragment:?}");
}

#[wasm_bindgen_test]
fn seed_plan_renders_byte_identical_to_the_golden_file() {
    let p = plan(seed_files(), None).expect("valid arguments");
    let text = wasm::render_plan_text(p.clone().unchecked_into()).expect("a plan from planFiles");
    assert_eq!(text, SEED_GOLDEN);
    let v = back(p);
    assert_eq!(v["totalJobs"], 2);
    assert_eq!(v["validJobs"], 2);
    assert_eq!(v["warnings"], json!([]));
    assert_eq!(v["summary"]["namespaces"], json!(["trading-bots"]));
}

#[wasm_bindgen_test]
fn results_are_plain_objects_not_maps() {
    let p = plan(seed_files(), None).expect("valid arguments");
    let job = js_sys::Reflect::get(&p, &"jobs".into())
        .and_then(|jobs| js_sys::Reflect::get_u32(&jobs, 0))
        .expect("two jobs");
    let data = js_sys::Reflect::get(&job, &"jobData".into()).expect("jobData is set");
    for v in [&p, &job, &data] {
        assert!(!v.is_instance_of::<js_sys::Map>());
        assert_eq!(
            js_sys::Object::get_prototype_of(v),
            js_sys::Object::get_prototype_of(&js_sys::Object::new())
        );
    }
}

#[wasm_bindgen_test]
fn render_plan_json_round_trips_the_returned_object() {
    let p = plan(seed_files(), None).expect("valid arguments");
    let text = wasm::render_plan(
        p.clone().unchecked_into(),
        JsValue::from("json").unchecked_into(),
    )
    .expect("json is a format");
    let parsed: Value = serde_json::from_str(&text).expect("the json format is JSON");
    assert_eq!(parsed, back(p));
}

/// One manifest per seed rule (the rule fixtures of tests/rules.rs), each
/// planned through `planFiles` and expected to report its rule.
#[wasm_bindgen_test]
fn each_seed_rule_fires() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "KJP001",
            "yaml-syntax-error",
            include_str!("fixtures/rules/yaml-syntax-error/invalid.yaml"),
        ),
        (
            "KJP002",
            "document-not-a-mapping",
            include_str!("fixtures/rules/document-not-a-mapping/invalid.yaml"),
        ),
        ("KJP006", "empty-file", "# nothing here\n"),
        (
            "KJP101",
            "invalid-api-version",
            include_str!("fixtures/rules/invalid-api-version/invalid.yaml"),
        ),
        (
            "KJP102",
            "invalid-kind",
            include_str!("fixtures/rules/invalid-kind/invalid.yaml"),
        ),
        (
            "KJP103",
            "missing-job-name",
            include_str!("fixtures/rules/missing-job-name/invalid.yaml"),
        ),
        (
            "KJP104",
            "no-containers",
            include_str!("fixtures/rules/no-containers/invalid.yaml"),
        ),
        (
            "KJP105",
            "missing-container-image",
            include_str!("fixtures/rules/missing-container-image/invalid.yaml"),
        ),
        (
            "KJP201",
            "missing-namespace",
            include_str!("fixtures/rules/missing-namespace/invalid.yaml"),
        ),
        (
            "KJP202",
            "missing-args",
            include_str!("fixtures/rules/missing-args/invalid.yaml"),
        ),
        (
            "KJP203",
            "missing-recommended-label",
            include_str!("fixtures/rules/missing-recommended-label/invalid.yaml"),
        ),
        (
            "KJP204",
            "missing-resource-requests",
            include_str!("fixtures/rules/missing-resource-requests/invalid.yaml"),
        ),
        (
            "KJP205",
            "missing-resource-limits",
            include_str!("fixtures/rules/missing-resource-limits/invalid.yaml"),
        ),
        (
            "KJP206",
            "missing-env",
            include_str!("fixtures/rules/missing-env/invalid.yaml"),
        ),
        (
            "KJP207",
            "job-naming-convention",
            include_str!("fixtures/rules/job-naming-convention/invalid.yaml"),
        ),
    ];
    for (code, rule, yaml) in cases {
        let p = back(
            plan(json!([{ "name": "case.yaml", "content": yaml }]), None).expect("valid arguments"),
        );
        assert!(
            codes(&p).iter().any(|(c, r, _)| c == code && r == rule),
            "{code} {rule} did not fire: {:?}",
            codes(&p)
        );
    }
    // Bytes are how the page hands files over; the core decides what is text.
    let bytes = js_sys::Uint8Array::from(&[0xff_u8, 0xfe, b'a', 0, b':', 0][..]);
    let files = js_sys::Array::new();
    let file = js_sys::Object::new();
    js_sys::Reflect::set(&file, &"name".into(), &"utf16.yaml".into()).expect("plain object");
    js_sys::Reflect::set(&file, &"bytes".into(), &bytes).expect("plain object");
    files.push(&file);
    let p = back(wasm::plan_file_bytes(files.unchecked_into(), None).expect("valid arguments"));
    assert!(
        codes(&p).iter().any(|(c, _, _)| c == "KJP003"),
        "{:?}",
        codes(&p)
    );
}

#[wasm_bindgen_test]
fn validate_job_yaml_reports_broken_yaml_as_a_finding() {
    let v = wasm::validate_job_yaml(
        JsValue::from("kind: [").unchecked_into(),
        Some(JsValue::from("broken.yaml").unchecked_into()),
        None,
    )
    .expect("broken YAML is a finding, not an exception");
    let v = back(v);
    assert_eq!(v["valid"], false);
    assert_eq!(v["file"], "broken.yaml");
    assert_eq!(v["errors"][0]["code"], "KJP001");
    assert_eq!(v["jobData"], Value::Null);
}

#[wasm_bindgen_test]
fn strict_mode_turns_warnings_into_errors() {
    let yaml = include_str!("fixtures/rules/missing-args/invalid.yaml");
    let files = json!([{ "name": "w.yaml", "content": yaml }]);
    let lax = back(plan(files.clone(), None).expect("valid arguments"));
    assert_eq!(lax["validJobs"], 1);
    assert!(codes(&lax).contains(&("KJP202".into(), "missing-args".into(), "warning".into())));
    let strict = back(plan(files, Some(json!({ "strict": true }))).expect("valid arguments"));
    assert_eq!(strict["validJobs"], 0);
    assert_eq!(strict["summary"]["strict"], true);
    assert!(codes(&strict).contains(&("KJP202".into(), "missing-args".into(), "error".into())));
}

#[wasm_bindgen_test]
fn bad_arguments_throw_errors() {
    assert_is_error(
        plan(json!("not a list"), None).unwrap_err(),
        "planFiles: files must be an array",
    );
    assert_is_error(
        plan(json!([{ "name": 1 }]), None).unwrap_err(),
        "planFiles: each file must be",
    );
    assert_is_error(
        plan(json!([]), Some(json!(5))).unwrap_err(),
        "options must be an object",
    );
    assert_is_error(
        plan(json!([]), Some(json!({ "kubernetesVersion": "1.2" }))).unwrap_err(),
        "unsupported Kubernetes version",
    );
    assert_is_error(
        wasm::validate_job_yaml(JsValue::from(5).unchecked_into(), None, None)
            .map(JsValue::from)
            .unwrap_err(),
        "yaml must be a string",
    );
    assert_is_error(
        wasm::validate_job_yaml(
            JsValue::from("a: 1").unchecked_into(),
            Some(JsValue::from(5).unchecked_into()),
            None,
        )
        .map(JsValue::from)
        .unwrap_err(),
        "filename must be a string",
    );
    assert_is_error(
        wasm::render_plan_text(js(json!({})).unchecked_into()).unwrap_err(),
        "plan must be an ExecutionPlan",
    );
    let p = plan(seed_files(), None).expect("valid arguments");
    assert_is_error(
        wasm::render_plan(p.unchecked_into(), JsValue::from("xml").unchecked_into()).unwrap_err(),
        "unknown format \"xml\"",
    );
}

mod apiserver_cases {
    include!("common/apiserver_cases.rs");
}

/// The fixtures ported from Kubernetes' own validation tests agree with the
/// API server in wasm too (verdicts and field paths).
#[wasm_bindgen_test]
fn apiserver_fixtures_agree_in_wasm() {
    apiserver_cases::check_all(apiserver_cases::FIXTURE_FILES);
}

mod rule_fixtures {
    include!("common/rule_fixtures.rs");
}

/// Every rule with a text fixture fires on it, and not on its valid twin,
/// through `planFiles` as JS calls it.
#[wasm_bindgen_test]
fn every_rule_fires_on_its_fixture_in_wasm() {
    for (name, invalid, valid, policy) in rule_fixtures::RULE_FIXTURES {
        // The conventions run under the policy file next to their fixtures.
        let options = if policy.is_empty() {
            json!({ "enableRules": [name] })
        } else {
            json!({ "enableRules": [name], "config": policy })
        };
        let bad = back(
            plan(
                json!([{ "name": "invalid.yaml", "content": invalid }]),
                Some(options.clone()),
            )
            .expect("plans"),
        );
        assert!(
            codes(&bad).iter().any(|(_, rule, _)| rule == name),
            "{name} did not fire in wasm"
        );
        let good = back(
            plan(
                json!([{ "name": "valid.yaml", "content": valid }]),
                Some(options),
            )
            .expect("plans"),
        );
        assert!(
            !codes(&good).iter().any(|(_, rule, _)| rule == name),
            "{name} fired on its valid fixture in wasm"
        );
    }
}

/// `enableRules` runs an opt-in rule; without it the rule is silent, and an
/// unknown name is an Error.
#[wasm_bindgen_test]
fn enable_rules_option_in_wasm() {
    let (_, invalid, _, _) = rule_fixtures::RULE_FIXTURES
        .iter()
        .find(|(n, _, _, _)| *n == "missing-ttl-seconds-after-finished")
        .expect("the opt-in rule has a fixture");
    let files = json!([{ "name": "job.yaml", "content": invalid }]);
    let off = back(plan(files.clone(), None).expect("plans"));
    assert!(!codes(&off).iter().any(|(c, _, _)| c == "KJP501"));
    let on = back(plan(files.clone(), Some(json!({ "enableRules": ["KJP501"] }))).expect("plans"));
    assert!(codes(&on).iter().any(|(c, _, _)| c == "KJP501"));
    let err = plan(files, Some(json!({ "enableRules": ["nope"] }))).expect_err("unknown rule");
    assert_is_error(err, "unknown rule \"nope\"");
}

#[wasm_bindgen_test]
fn present_plan_gives_the_text_plan_the_jobs_and_every_finding_once() {
    let mut files = seed_files();
    files
        .as_array_mut()
        .expect("an array")
        .push(json!({ "name": "a-empty.yaml", "content": "" }));
    let p = plan(files, None).expect("valid arguments");
    let shown =
        back(wasm::present_plan(p.clone().unchecked_into()).expect("a plan from planFiles"));
    let v = back(p.clone());
    assert_eq!(
        shown["text"].as_str(),
        Some(
            wasm::render_plan_text(p.unchecked_into())
                .expect("renders")
                .as_str()
        )
    );
    assert_eq!(shown["jobs"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        shown["jobs"][0]["containers"][0]["image"],
        "your-registry/arbitrage-lite:latest"
    );
    assert_eq!(
        shown["jobs"][0]["containers"][0]["env"]["more"],
        "... and 1 more"
    );
    // The empty file's warning is its own, listed first (file order), with no Job.
    assert_eq!(v["files"][0]["file"], "a-empty.yaml");
    assert_eq!(shown["findings"][0]["job"], Value::Null);
    assert_eq!(
        shown["findings"][0]["finding"],
        v["files"][0]["warnings"][0]
    );
    assert_eq!(shown["findings"].as_array().map(Vec::len), Some(1));
    let job = js(v["jobs"][1].clone());
    let one = back(wasm::present_job(job.unchecked_into()).expect("a JobValidation"));
    assert_eq!(one, shown["jobs"][1]);
    assert_is_error(
        wasm::present_job(js(json!(5)).unchecked_into())
            .map(JsValue::from)
            .unwrap_err(),
        "presentJob: job must be a JobValidation",
    );
}

#[wasm_bindgen_test]
fn limits_and_versions_come_from_the_core() {
    let l = back(wasm::limits().expect("limits"));
    assert_eq!(l["maxFileBytes"], 16 * 1024 * 1024);
    assert_eq!(l["maxFindingsPerDocument"], 1000);
    let versions = back(wasm::kubernetes_versions());
    let newest = k8s_job_plan::version::KubeVersion::NEWEST.to_string();
    assert_eq!(versions[0].as_str(), Some(newest.as_str()));
    assert_eq!(versions.as_array().map(Vec::len), Some(6));
}

#[wasm_bindgen_test]
fn cron_jobs_and_list_items_through_the_js_api() {
    let cron = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: batch}\nspec:\n  schedule: '@daily'\n  timeZone: Europe/Paris\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: a, image: b}]\n";
    let list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: web}\n- apiVersion: batch/v1\n  kind: Job\n  metadata: {name: one}\n  spec:\n    template:\n      spec:\n        restartPolicy: Never\n        containers: [{name: a}]\n";
    let p = plan(
        json!([{ "name": "cron.yaml", "content": cron }, { "name": "list.yaml", "content": list }]),
        None,
    )
    .expect("valid arguments");
    let v = back(p.clone());
    assert_eq!(v["totalJobs"], 1);
    let c = &v["cronJobs"][0];
    assert_eq!(c["kind"], "CronJob");
    assert_eq!(c["timeZone"], "Europe/Paris");
    assert_eq!(c["concurrencyPolicy"], "Allow");
    assert_eq!(c["valid"], false);
    assert_eq!(
        c["errors"][0]["path"],
        "spec.jobTemplate.spec.template.spec.restartPolicy"
    );
    assert_eq!(
        c["errors"][0]["message"],
        "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""
    );
    let job = &v["jobs"][0];
    assert_eq!(job["jobName"], "one");
    let image = &job["errors"][0];
    assert_eq!(
        image["path"],
        "items[1].spec.template.spec.containers[0].image"
    );
    assert_eq!(
        (image["line"].clone(), image["column"].clone()),
        (json!(14), json!(22))
    );
    assert_eq!(v["summary"]["skippedDocuments"][0]["kind"], "Service");
    let shown = back(wasm::present_plan(p.unchecked_into()).expect("a plan"));
    assert_eq!(shown["cronJobs"][0]["schedule"], "@daily");
    assert_eq!(shown["cronJobs"][0]["containers"][0]["image"], "b");
    assert_eq!(
        shown["findings"]
            .as_array()
            .map(|f| f.iter().any(|x| x["cronJob"] == 0)),
        Some(true)
    );
    assert!(shown["text"]
        .as_str()
        .unwrap_or("")
        .contains("[CRONJOBS]\n  ✗ nightly (cron.yaml) schedule @daily\n"));
}

#[path = "reference/compare.rs"]
mod compare;

/// The differential test of tests/yaml_reference.rs, in wasm: every corpus
/// reads as Kubernetes' own YAML code (the Go reference) reads it.
#[wasm_bindgen_test]
fn every_corpus_reads_as_kubernetes_reads_it() {
    let mut tally = compare::Tally::default();
    let records = compare::records(include_str!("reference/expected.jsonl"));
    let diffs: Vec<String> = records
        .iter()
        .flat_map(|r| compare::differences(r, &mut tally))
        .collect();
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    assert!(tally.documents > 300 && tally.errors > 20, "{tally:?}");
}

/// Resources through the JS API: the `resources` and `quotas` options, the
/// plan's `resources` objects and the presentation the page lays out.
#[wasm_bindgen_test]
fn resources_and_quotas_through_the_js_options() {
    const JOBS: &str = include_str!("fixtures/resources/jobs.yaml");
    const OVER: &str = include_str!("fixtures/resources/quota-over.yaml");
    let p = plan(
        json!([{ "name": "jobs.yaml", "content": JOBS }]),
        Some(json!({ "quotas": [{ "name": "quota-over.yaml", "content": OVER }] })),
    )
    .expect("valid arguments");
    let v = back(p.clone());
    assert_eq!(v["jobs"][0]["resources"]["podRequests"]["memory"], "2176Mi");
    assert_eq!(v["jobs"][0]["resources"]["peakPods"], 3);
    let ml = &v["summary"]["resources"]["ml"];
    assert_eq!(ml["requests"]["cpu"], "6400m");
    assert_eq!(ml["quota"]["fits"], false);
    assert_eq!(ml["quota"]["need"]["requests.nvidia.com/gpu"], "3");
    let over: Vec<&Value> = v["warnings"]
        .as_array()
        .expect("list")
        .iter()
        .filter(|f| f["code"] == "KJP702")
        .collect();
    assert_eq!(over.len(), 1);
    assert_eq!(
        (over[0]["file"].as_str(), over[0]["line"].as_u64()),
        (Some("quota-over.yaml"), Some(8))
    );
    let shown = back(wasm::present_plan(p.unchecked_into()).expect("a plan"));
    let ns = &shown["resources"]["namespaces"][0];
    assert_eq!(ns["namespace"], "ml");
    assert_eq!(ns["fits"], false);
    assert!(ns["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .any(|r| r["label"] == "3 of 2 (150%)" && r["fits"] == false));
    assert!(shown["text"]
        .as_str()
        .expect("text")
        .contains("\n[RESOURCES]\n"));
    // The seed's examples without the option: no resources anywhere.
    let seed = back(plan(seed_files(), None).expect("valid arguments"));
    assert!(seed["summary"].get("resources").is_none());
    assert!(seed["jobs"][0].get("resources").is_none());
    let with =
        back(plan(seed_files(), Some(json!({ "resources": true }))).expect("valid arguments"));
    assert_eq!(with["summary"]["resources"]["trading-bots"]["jobs"], 2);
}

/// A policy as YAML text and as an object gives the same plan; an annotation
/// with a reason suppresses, the lock (`noInlineIgnores`) undoes it; a bad
/// policy is an Error naming its line; `parsePolicy` reports it as data.
#[wasm_bindgen_test]
fn policy_config_in_wasm() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: report\n  namespace: batch\n  annotations:\n    k8s-job-plan.io/ignore: \"KJP201, missing-resources: the LimitRange sets them\"\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n";
    let files = json!([{ "name": "job.yaml", "content": job }]);
    let text = "profile: kubernetes\nconventions:\n  namePattern: \"batch-.*\"\n";
    let obj = json!({ "profile": "kubernetes", "conventions": { "namePattern": "batch-.*" } });
    let a = back(plan(files.clone(), Some(json!({ "config": text }))).expect("plans"));
    let b = back(plan(files.clone(), Some(json!({ "config": obj }))).expect("plans"));
    assert_eq!(a, b);
    let warnings: Vec<&str> = a["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(warnings, ["KJP603"], "{a}");
    let suppressed: Vec<&str> = a["jobs"][0]["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(suppressed, ["KJP204", "KJP205"], "{a}");
    assert_eq!(
        a["jobs"][0]["suppressed"][0]["reason"],
        "the LimitRange sets them"
    );
    assert_eq!(a["jobs"][0]["suppressed"][0]["suppressedBy"], "annotation");
    let locked = back(
        plan(
            files.clone(),
            Some(json!({ "config": text, "noInlineIgnores": true })),
        )
        .expect("plans"),
    );
    assert!(locked["jobs"][0].get("suppressed").is_none(), "{locked}");
    assert_eq!(locked["warnings"].as_array().unwrap().len(), 3, "{locked}");
    let err = plan(
        files,
        Some(json!({ "config": "profile: kubernetes\nconventionz: {}\n" })),
    )
    .expect_err("bad policy");
    assert_is_error(err, "k8s-job-plan.yaml:2:1: unknown field `conventionz`");
    let bad = back(
        wasm::parse_policy(JsValue::from_str("rules:\n  misssing-env: off\n").unchecked_into())
            .expect("parses"),
    );
    assert_eq!(bad["ok"], false);
    assert_eq!(bad["line"], 2);
    assert!(
        bad["message"].as_str().unwrap().contains("did you mean"),
        "{bad}"
    );
    let good = back(wasm::parse_policy(JsValue::from_str(text).unchecked_into()).expect("parses"));
    assert_eq!(good["policy"]["profile"], "kubernetes");
}
