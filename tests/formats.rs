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

/// The `github` format and its step summary against the fixtures in
/// tests/fixtures/formats/github/, line by line. The inputs are the fixture
/// manifests plus names no file system here would hold (`\r`, `\n`), so that
/// every escape of GitHub's toolkit (`%`, `\r`, `\n`, `:`, `,`) is exercised.
/// `UPDATE_SNAPSHOTS=1` rewrites the expected files; read them before committing.
#[test]
fn github_annotations_and_step_summary_match_the_fixtures() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats/github");
    let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}")).expect("fixture");
    let percent = read("percent.yaml");
    let warn = read("warn.yaml");
    let seed = include_str!("../examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-1-0.yaml");
    let no_image = seed.replace("image:", "imagePullPolicy: Always\n          x-image:");
    let inputs = [
        ("percent.yaml", percent.as_str()),
        ("./jobs/warn.yaml", warn.as_str()),
        ("odd\r\nname:1,2%.yaml", no_image.as_str()),
        ("valid.yaml", seed),
    ];
    let files: Vec<InputFile> = inputs
        .iter()
        .map(|(name, text)| InputFile::text(name, text))
        .collect();
    let plan = plan_files(&files, &PlanOptions::default()).expect("valid options");
    let github = "github".parse::<Format>().unwrap();
    check_lines(&format!("{dir}/expected.txt"), &github.render(&plan));
    check_lines(
        &format!("{dir}/summary.md"),
        &k8s_job_plan::render::github::step_summary(&plan),
    );
    // Strict mode: every warning is an ::error, and the summary says so.
    let strict = PlanOptions {
        strict: true,
        ..PlanOptions::default()
    };
    let plan = plan_files(&files, &strict).expect("valid options");
    let out = github.render(&plan);
    assert!(!out.contains("::warning"), "{out}");
    assert!(k8s_job_plan::render::github::step_summary(&plan).contains("| Strict Mode |"));
}

fn check_lines(expected_path: &str, actual: &str) {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(expected_path, actual).expect("write the fixture");
    }
    let expected = std::fs::read_to_string(expected_path).expect("expected fixture");
    let (e, a): (Vec<&str>, Vec<&str>) =
        (expected.split('\n').collect(), actual.split('\n').collect());
    for (i, (e, a)) in e.iter().zip(&a).enumerate() {
        assert_eq!(a, e, "{expected_path}: line {}", i + 1);
    }
    assert_eq!(a.len(), e.len(), "{expected_path}: number of lines");
    assert_eq!(actual, expected);
}
