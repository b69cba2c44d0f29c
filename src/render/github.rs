//! GitHub Actions workflow commands: one `::error` or `::warning` line per
//! finding, which the runner turns into an annotation on the pull request's
//! diff, and a Markdown summary for the job's step summary page.
//!
//! Escaping follows GitHub's toolkit (`@actions/core`, `command.ts`): in the
//! message `%`, `\r` and `\n` become `%25`, `%0D` and `%0A`; in a property
//! value `:` and `,` also become `%3A` and `%2C`. Properties with an empty
//! value are left out, as the toolkit does.

use super::present::clean;
use crate::model::{ExecutionPlan, Finding, Severity};
use std::fmt::Write;

/// One workflow command per finding: errors first, then warnings, each in
/// input order (as `ExecutionPlan::errors` and `warnings` list them).
pub fn render(plan: &ExecutionPlan) -> String {
    let mut out = String::new();
    for f in plan.errors().chain(plan.warnings()) {
        command(&mut out, f);
    }
    out
}

fn command(out: &mut String, f: &Finding) {
    let name = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let title = format!("{} {}", f.code, f.rule);
    // GitHub matches `file` against the repository's paths: `./a.yaml` as
    // the walk of `.` names it would match nothing.
    let mut file = f.file.as_str();
    while let Some(rest) = file.strip_prefix("./") {
        file = rest.trim_start_matches('/');
    }
    let line = f.line.to_string();
    let col = f.column.to_string();
    let props = [
        ("file", file),
        ("line", line.as_str()),
        ("col", col.as_str()),
        ("title", title.as_str()),
    ];
    out.push_str("::");
    out.push_str(name);
    let mut first = true;
    for (key, value) in props {
        if value.is_empty() {
            continue;
        }
        out.push(if first { ' ' } else { ',' });
        first = false;
        out.push_str(key);
        out.push('=');
        out.push_str(&escape_property(value));
    }
    out.push_str("::");
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    out.push_str(&escape_data(&message));
    out.push('\n');
}

/// The message of a workflow command.
pub fn escape_data(s: &str) -> String {
    escape(s, false)
}

/// A property value of a workflow command (`file=…`, `title=…`): the
/// message's escapes, and `:` and `,`, which end a property.
pub fn escape_property(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// The plan's summary table in GitHub-flavoured Markdown, for the file
/// `$GITHUB_STEP_SUMMARY` names. Text from the manifests is escaped.
pub fn step_summary(plan: &ExecutionPlan) -> String {
    let mut o = String::new();
    let namespaces = if plan.summary.namespaces.is_empty() {
        "(none)".to_string()
    } else {
        plan.summary
            .namespaces
            .iter()
            .map(|n| markdown(n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let verdict = if plan.is_success() {
        "passed"
    } else {
        "failed"
    };
    // Writing to a String cannot fail.
    let _ = writeln!(o, "### k8s-job-plan: {verdict}");
    o.push('\n');
    o.push_str("| Summary | |\n");
    o.push_str("| --- | --- |\n");
    let _ = writeln!(o, "| Total Jobs | {} |", plan.total_jobs);
    let _ = writeln!(o, "| Valid Jobs | {} |", plan.valid_jobs);
    let _ = writeln!(o, "| Invalid Jobs | {} |", plan.invalid_jobs);
    let _ = writeln!(o, "| Namespaces | {namespaces} |");
    if plan.summary.strict {
        o.push_str("| Strict Mode | on (warnings count as errors) |\n");
    }
    let _ = writeln!(o, "| Errors | {} |", plan.errors().count());
    let _ = writeln!(o, "| Warnings | {} |", plan.warnings().count());
    o.push('\n');
    o
}

/// Manifest text as literal Markdown inside a table cell: control characters
/// shown as the text plan shows them, then every ASCII punctuation character
/// that Markdown, HTML or the table syntax could read escaped with a backslash
/// (CommonMark allows a backslash before any ASCII punctuation).
pub fn markdown(s: &str) -> String {
    let s = clean(s);
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        if matches!(
            ch,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '('
                | ')'
                | '#'
                | '+'
                | '!'
                | '|'
                | '~'
                | '&'
                | '$'
                | ':'
                | '@'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_toolkit_does() {
        assert_eq!(escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
        assert_eq!(escape_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
        // `%` first: an escape sequence in the input is not read back as one.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn markdown_escapes_table_and_markup() {
        assert_eq!(markdown("a|b<i>*x*"), "a\\|b\\<i\\>\\*x\\*");
        assert_eq!(markdown("ml-training"), "ml-training");
        assert_eq!(markdown("a\nb"), "a\\\\nb");
    }
}
