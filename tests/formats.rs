//! The SARIF and JUnit reporters, through the CLI's format names.

use k8s_job_plan::{plan_files, ExecutionPlan, Format, InputContent, InputFile, PlanOptions};

fn plan() -> ExecutionPlan {
    let bad = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: \"<b>&x\"\nspec: {}\n";
    let good = include_str!("../examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-1-0.yaml");
    plan_files(
        &[
            InputFile {
                name: "bad.yaml",
                content: InputContent::Text(bad),
            },
            InputFile {
                name: "good.yaml",
                content: InputContent::Text(good),
            },
            InputFile {
                name: "bin.yaml",
                content: InputContent::Bytes(b"\x00\x01"),
            },
        ],
        &PlanOptions::default(),
    )
    .expect("valid options")
}

#[test]
fn sarif_has_one_result_per_finding_with_rule_index_and_region() {
    let p = plan();
    let out = "sarif".parse::<Format>().unwrap().render(&p);
    let v: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), p.errors().count() + p.warnings().count());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let i = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
    }
    let no_containers = results
        .iter()
        .find(|r| r["properties"]["rule"] == "no-containers")
        .expect("no-containers result");
    assert_eq!(no_containers["level"], "error");
    assert_eq!(
        no_containers["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
    assert_eq!(
        no_containers["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "spec.template.spec.containers"
    );
}

#[test]
fn junit_has_a_case_per_job_and_per_unreadable_file_and_escapes_markup() {
    let p = plan();
    let out = "junit".parse::<Format>().unwrap().render(&p);
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    assert!(
        out.contains("<testsuites name=\"k8s-job-plan\" tests=\"3\" failures=\"2\">"),
        "{out}"
    );
    assert_eq!(out.matches("<testcase ").count(), 3);
    assert_eq!(out.matches("<failure ").count(), 2);
    assert!(
        out.contains("name=\"&lt;b&gt;&amp;x (default#0)\""),
        "{out}"
    );
    assert!(!out.contains("<b>"), "markup must be escaped");
    assert!(
        out.contains("classname=\"bin.yaml\" name=\"(file)\""),
        "{out}"
    );
}
