//! JUnit XML, for CI systems that show test reports: one test case per Job
//! document (failed when invalid) and one per error of an unreadable file.

use crate::model::{ExecutionPlan, Finding};
use std::fmt::Write;

pub fn render(plan: &ExecutionPlan) -> String {
    // A file with errors of its own (it could not be read) is a failed test
    // case of its own; its warnings (an empty file) are not a test.
    let file_errors: Vec<&Finding> = plan.files.iter().flat_map(|f| &f.errors).collect();
    let tests = plan.jobs.len() + file_errors.len();
    let failures = plan.invalid_jobs + file_errors.len();
    let mut o = String::new();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        o,
        "<testsuites name=\"k8s-job-plan\" tests=\"{tests}\" failures=\"{failures}\">"
    );
    let _ = writeln!(o, "  <testsuite name=\"k8s-job-plan\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">");
    for j in &plan.jobs {
        let name = if j.job_name.is_empty() {
            "(unnamed)"
        } else {
            &j.job_name
        };
        let _ = write!(
            o,
            "    <testcase classname=\"{}\" name=\"{}\"",
            esc(&j.file),
            esc(&format!("{} ({}#{})", name, j.namespace, j.document))
        );
        if j.valid && j.warnings.is_empty() {
            o.push_str("/>\n");
            continue;
        }
        o.push_str(">\n");
        if !j.valid {
            let first = j
                .errors
                .first()
                .map(|e| e.message.as_str())
                .unwrap_or("invalid");
            let _ = writeln!(
                o,
                "      <failure message=\"{}\" type=\"invalid-job\">{}</failure>",
                esc(first),
                esc(&lines(&j.errors))
            );
        }
        if !j.warnings.is_empty() {
            let _ = writeln!(
                o,
                "      <system-out>{}</system-out>",
                esc(&lines(&j.warnings))
            );
        }
        o.push_str("    </testcase>\n");
    }
    for f in file_errors {
        let _ = writeln!(
            o,
            "    <testcase classname=\"{}\" name=\"(file)\">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>",
            esc(&f.file),
            esc(&f.message),
            esc(&f.rule),
            esc(&lines(std::slice::from_ref(f)))
        );
    }
    o.push_str("  </testsuite>\n</testsuites>\n");
    o
}

fn lines(findings: &[Finding]) -> String {
    let mut s = String::new();
    for f in findings {
        let _ = writeln!(
            s,
            "{}:{}:{}: {}[{} {}] {}",
            f.file,
            f.line,
            f.column,
            f.severity.as_str(),
            f.code,
            f.rule,
            f.message
        );
    }
    s
}

/// Escapes XML text and attribute values; drops characters XML 1.0 forbids.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}
