//! The text renderer on plans whose strings are arbitrary: a valid Job whose
//! names, labels, image, args, env and resources are fuzzed, or whose whole
//! job_data is fuzzed JSON. Every value must stay on its own line.
#![no_main]

use arbitrary::Arbitrary;
use k8s_job_plan::{ExecutionPlan, Format, InputContent, InputFile, PlanOptions};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use std::sync::OnceLock;

const EXAMPLE: &str =
    include_str!("../../examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-1-0.yaml");

#[derive(Debug, Arbitrary)]
struct Input {
    job_name: String,
    namespace: String,
    file: String,
    message: String,
    label: (String, String),
    image: String,
    args: Vec<String>,
    env: Vec<(String, String)>,
    resource: (String, String),
    raw_job_data: Option<String>,
    strict: bool,
}

fuzz_target!(|input: Input| {
    // Planned once per process: the target exercises the renderer, not the parser.
    static BASE: OnceLock<[ExecutionPlan; 2]> = OnceLock::new();
    let base = BASE.get_or_init(|| {
        [false, true].map(|strict| {
            let inputs = [InputFile {
                name: "job.yaml",
                content: InputContent::Text(EXAMPLE),
            }];
            let opts = PlanOptions {
                strict,
                kubernetes_version: None,
                ..Default::default()
            };
            k8s_job_plan::plan_files(&inputs, &opts).expect("default options are valid")
        })
    });
    let mut plan = base[usize::from(input.strict)].clone();
    let mut invalid = plan.jobs[0].clone();

    let job = &mut plan.jobs[0];
    job.job_name = input.job_name.clone();
    job.namespace = input.namespace.clone();
    job.file = input.file.clone();
    let d = &mut job.job_data;
    d["metadata"]["labels"][input.label.0.as_str()] = json!(input.label.1);
    let c = &mut d["spec"]["template"]["spec"]["containers"][0];
    c["image"] = json!(input.image);
    c["args"] = json!(input.args);
    c["env"] = Value::Array(
        input
            .env
            .iter()
            .map(|(n, v)| json!({"name": n, "value": v}))
            .collect(),
    );
    c["resources"]["limits"][input.resource.0.as_str()] = json!(input.resource.1);
    if let Some(raw) = &input.raw_job_data {
        if let Ok(v) = serde_json::from_str::<Value>(raw) {
            job.job_data = v;
        }
    }
    plan.summary.namespaces = vec![input.namespace.clone()];

    // An invalid twin whose finding carries the fuzzed message and file.
    invalid.valid = false;
    invalid.job_name = input.job_name;
    let mut finding = plan
        .warnings
        .first()
        .cloned()
        .unwrap_or_else(|| k8s_job_plan::Finding {
            severity: k8s_job_plan::Severity::Error,
            code: "KJP001".into(),
            rule: "yaml-syntax-error".into(),
            message: String::new(),
            help: None,
            path: String::new(),
            file: String::new(),
            document: 0,
            line: 1,
            column: 1,
            reason: None,
            suppressed_by: None,
        });
    finding.severity = k8s_job_plan::Severity::Error;
    finding.message = input.message.clone();
    finding.help = Some(input.message);
    finding.file = input.file;
    invalid.errors = vec![finding.clone()];
    plan.jobs.push(invalid);
    plan.errors.push(finding);
    plan.total_jobs = 2;
    plan.invalid_jobs = 1;

    let text = Format::Text.render(&plan);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "a value broke a line"
    );
    assert!(text.ends_with("END OF EXECUTION PLAN\n======================================================================\n"));
    let json = Format::Json.render(&plan);
    let back: k8s_job_plan::ExecutionPlan =
        serde_json::from_str(&json).expect("the JSON plan parses");
    assert_eq!(back.jobs.len(), 2);
});
