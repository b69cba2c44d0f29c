//! YAML 1.1 as Kubernetes reads it, through the planner: octal modes are
//! numbers (no finding), `yes` in a string field is a boolean (refused, with
//! a help that quotes what was written). The differential test
//! (tests/yaml_reference.rs) proves the values; this proves the findings.

use k8s_job_plan::{plan_files, InputContent, InputFile, PlanOptions};

const JOB: &str = "apiVersion: batch/v1
kind: Job
metadata:
  name: t
  namespace: ns
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
        env:
        - name: A
          value: VALUE
      volumes:
      - name: creds
        secret:
          secretName: kaggle
          defaultMode: 0400
";

fn plan(env_value: &str) -> k8s_job_plan::ExecutionPlan {
    let text = JOB.replace("VALUE", env_value);
    let files = [InputFile {
        name: "job.yaml",
        content: InputContent::Text(&text),
    }];
    plan_files(&files, &PlanOptions::default()).expect("options are valid")
}

#[test]
fn octal_modes_are_numbers_and_yes_is_a_boolean() {
    let p = plan("\"yes\"");
    let job = &p.jobs[0];
    assert!(job.errors.is_empty(), "{:#?}", job.errors);
    let data: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&job.job_data).unwrap()).unwrap();
    assert_eq!(
        data["spec"]["template"]["spec"]["volumes"][0]["secret"]["defaultMode"],
        serde_json::json!(256)
    );
    assert_eq!(
        data["spec"]["template"]["spec"]["containers"][0]["env"][0]["value"],
        serde_json::json!("yes")
    );

    let p = plan("yes");
    let job = &p.jobs[0];
    assert_eq!(job.errors.len(), 1, "{:#?}", job.errors);
    let f = &job.errors[0];
    assert_eq!(f.path, "spec.template.spec.containers[0].env[0].value");
    assert_eq!(
        f.message,
        "spec.template.spec.containers[0].env[0].value: Invalid value: \"boolean\": spec.template.spec.containers[0].env[0].value in body must be of type string: \"boolean\""
    );
    assert_eq!(
        f.help.as_deref(),
        Some("Kubernetes reads YAML 1.1, where yes is the boolean true. Quote the value so YAML reads it as text: value: \"yes\".")
    );
    assert_eq!((f.line, f.column), (15, 11));
}
