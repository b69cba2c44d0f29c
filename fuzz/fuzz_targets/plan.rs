//! Bytes through the whole core: decode, split, parse, validate, plan, render.
//! Up to three files per run, so that one broken file next to others is covered.
#![no_main]

use k8s_job_plan::{Format, InputContent, InputFile, PlanOptions, Severity};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks options; the rest is split on a rare separator
    // into up to three files.
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let opts = PlanOptions {
        strict: flags & 1 == 1,
        kubernetes_version: None,
        ..Default::default()
    };
    let names = ["a.yaml", "b/ü d.yaml", "c.yml"];
    let inputs: Vec<InputFile> = rest
        .split(|&b| b == 0xF7)
        .take(3)
        .zip(names)
        .map(|(bytes, name)| InputFile {
            name,
            content: if flags & 2 == 2 {
                match std::str::from_utf8(bytes) {
                    Ok(s) => InputContent::Text(s),
                    Err(_) => InputContent::Bytes(bytes),
                }
            } else {
                InputContent::Bytes(bytes)
            },
        })
        .collect();
    let plan = k8s_job_plan::plan_files(&inputs, &opts).expect("default options are valid");

    // The counts add up and every finding is placed.
    assert_eq!(plan.total_jobs, plan.jobs.len());
    assert_eq!(plan.total_jobs, plan.valid_jobs + plan.invalid_jobs);
    let job_errors: usize = plan.jobs.iter().map(|j| j.errors.len()).sum();
    assert!(plan.errors.len() >= job_errors);
    for j in &plan.jobs {
        assert_eq!(j.valid, j.errors.is_empty());
        assert!(j.errors.iter().all(|f| f.severity == Severity::Error));
    }
    for f in plan.errors.iter().chain(&plan.warnings) {
        assert!(f.line >= 1 && f.column >= 1, "{f:?}");
        assert!(!f.file.is_empty());
    }

    let text = Format::Text.render(&plan);
    assert!(text.ends_with("END OF EXECUTION PLAN\n======================================================================\n"));
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "a value broke a line"
    );
    let json = Format::Json.render(&plan);
    serde_json::from_str::<serde_json::Value>(&json).expect("the JSON plan parses");
    // Rendering again gives the same bytes.
    assert_eq!(text, Format::Text.render(&plan));
});
