//! CronJobs and Lists through the public API (issue 13): CronJobs are their
//! own plan entries (`cronJobs`, `[CRONJOBS]`), the items of a `kind: List`
//! are planned one by one with paths and positions inside `items[i]`, and
//! plans without either keep the seed's bytes.

use k8s_job_plan::{plan_files, render_plan_text, ExecutionPlan, InputContent, InputFile};

fn plan_of(files: &[(&str, &str)]) -> ExecutionPlan {
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|(n, c)| InputFile {
            name: n,
            content: InputContent::Text(c),
        })
        .collect();
    plan_files(&inputs, &Default::default()).expect("default options")
}

const CRON: &str = "\
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-report
  namespace: batch
spec:
  schedule: \"30 2 * * MON-FRI\"
  timeZone: America/New_York
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: registry.example/report:1.4
";

#[test]
fn a_cron_job_is_its_own_entry() {
    let plan = plan_of(&[("cron.yaml", CRON)]);
    assert_eq!((plan.total_jobs, plan.jobs.len()), (0, 0));
    assert_eq!(plan.cron_jobs.len(), 1);
    let c = &plan.cron_jobs[0];
    assert!(c.valid, "{:?}", c.errors);
    assert_eq!(c.job_name, "nightly-report");
    assert_eq!(c.schedule.as_deref(), Some("30 2 * * MON-FRI"));
    assert_eq!(c.time_zone.as_deref(), Some("America/New_York"));
    assert_eq!(c.concurrency_policy.as_deref(), Some("Allow"));
    assert!(plan.is_success());

    let json: serde_json::Value = serde_json::to_value(&plan).expect("json");
    assert_eq!(json["totalJobs"], 0);
    assert_eq!(json["cronJobs"][0]["kind"], "CronJob");
    assert_eq!(json["cronJobs"][0]["schedule"], "30 2 * * MON-FRI");
    assert_eq!(json["cronJobs"][0]["concurrencyPolicy"], "Allow");

    let text = render_plan_text(&plan);
    assert!(text.contains("[CRONJOBS]\n  ✓ nightly-report (cron.yaml) schedule 30 2 * * MON-FRI\n"));
    assert!(text.contains("\n[CronJob 1]\n  Schedule:              30 2 * * MON-FRI\n  Time Zone:             America/New_York\n  Concurrency Policy:    Allow\n  Name:                  nightly-report\n"), "{text}");
    assert!(text.contains("  Image:                 registry.example/report:1.4\n"));
}

#[test]
fn a_cron_job_without_restart_policy_is_refused_with_the_api_servers_path() {
    let yaml = CRON.replace("          restartPolicy: OnFailure\n", "");
    let plan = plan_of(&[("cron.yaml", &yaml)]);
    let c = &plan.cron_jobs[0];
    assert!(!c.valid);
    let e = &c.errors[0];
    assert_eq!(e.path, "spec.jobTemplate.spec.template.spec.restartPolicy");
    assert_eq!(
        e.message,
        "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""
    );
    // The nearest existing parent: the template's spec.
    assert_eq!((e.line, e.column), (12, 9));
    assert!(!plan.is_success());
    assert!(render_plan_text(&plan).contains("  ✗ nightly-report (cron.yaml) schedule"));
}

#[test]
fn jobs_and_cron_jobs_of_one_file_skip_the_other_kinds() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: b}]\n";
    let svc = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n";
    let text = format!("{job}---\n{CRON}---\n{svc}");
    let plan = plan_of(&[("mixed.yaml", &text)]);
    assert_eq!((plan.jobs.len(), plan.cron_jobs.len()), (1, 1));
    assert_eq!(plan.jobs[0].document, 0);
    assert_eq!(plan.cron_jobs[0].document, 1);
    assert_eq!(plan.summary.skipped_documents.len(), 1);
    assert_eq!(plan.summary.skipped_documents[0].kind, "Service");
}

#[test]
fn list_items_are_planned_at_their_own_place() {
    let list = "\
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: settings}
- apiVersion: batch/v1
  kind: Job
  metadata:
    name: one
  spec:
    template:
      spec:
        containers:
        - name: a
          image: busybox
- apiVersion: batch/v1
  kind: CronJob
  metadata: {name: two}
  spec:
    schedule: \"61 * * * *\"
    jobTemplate:
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{name: a, image: busybox}]
";
    let plan = plan_of(&[("list.yaml", list)]);
    assert_eq!((plan.jobs.len(), plan.cron_jobs.len()), (1, 1));
    let job = &plan.jobs[0];
    assert_eq!(job.job_name, "one");
    let rp = &job.errors[0];
    assert_eq!(rp.path, "items[1].spec.template.spec.restartPolicy");
    assert_eq!((rp.line, rp.column), (13, 7), "the item's template spec");
    let image_warning = job
        .warnings
        .iter()
        .find(|w| w.code == "KJP202")
        .expect("missing args");
    assert_eq!(
        image_warning.path,
        "items[1].spec.template.spec.containers[0].args"
    );
    assert_eq!((image_warning.line, image_warning.column), (15, 11));
    let cron = &plan.cron_jobs[0];
    assert_eq!(cron.errors[0].path, "items[2].spec.schedule");
    assert_eq!((cron.errors[0].line, cron.errors[0].column), (21, 5));
    assert_eq!(plan.summary.skipped_documents.len(), 1);
    assert_eq!(plan.summary.skipped_documents[0].name, "settings");
}

#[test]
fn job_list_and_cron_job_list_are_lists_too() {
    for (kind, item) in [("JobList", "Job"), ("CronJobList", "CronJob")] {
        let body = if item == "Job" {
            "  spec:\n    template:\n      spec:\n        restartPolicy: Never\n        containers: [{name: a, image: b}]\n"
        } else {
            "  spec:\n    schedule: '@daily'\n    jobTemplate:\n      spec:\n        template:\n          spec:\n            restartPolicy: Never\n            containers: [{name: a, image: b}]\n"
        };
        let text = format!("apiVersion: batch/v1\nkind: {kind}\nitems:\n- apiVersion: batch/v1\n  kind: {item}\n  metadata: {{name: first}}\n{body}- apiVersion: batch/v1\n  kind: {item}\n  metadata: {{name: second}}\n{body}");
        let plan = plan_of(&[("l.yaml", &text)]);
        let entries = if item == "Job" {
            &plan.jobs
        } else {
            &plan.cron_jobs
        };
        let names: Vec<&str> = entries.iter().map(|j| j.job_name.as_str()).collect();
        assert_eq!(names, ["first", "second"], "{kind}");
        assert!(
            entries.iter().all(|j| j.valid),
            "{kind}: {:?}",
            entries[0].errors
        );
    }
}

#[test]
fn a_list_item_that_is_not_an_object_is_reported_at_its_place() {
    let text = "apiVersion: v1\nkind: List\nitems:\n- 3\n";
    let plan = plan_of(&[("l.yaml", text)]);
    let e = &plan.jobs[0].errors[0];
    assert_eq!(e.code, "KJP002");
    assert_eq!(e.path, "items[0]");
    assert_eq!((e.line, e.column), (4, 3));
}

#[test]
fn plans_without_cron_jobs_keep_the_seed_json_shape() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: b}]\n";
    let plan = plan_of(&[("j.yaml", job)]);
    let json = serde_json::to_string(&plan).expect("json");
    assert!(!json.contains("cronJobs"), "{json}");
    assert!(!json.contains("\"kind\":\"CronJob\""));
    assert!(!json.contains("\"schedule\""));
    assert!(!render_plan_text(&plan).contains("[CRONJOBS]"));
}
