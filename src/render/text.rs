//! The seed's text execution plan (SEED.md "Example execution plan"), extended
//! with the sections the seed leaves out; the full format is in
//! `docs/plan-format.md`. The plan shows only what is in the files.

use super::present::{self, clean, CronJobPresentation, JobPresentation, ENV_SHOWN};
use crate::model::{ExecutionPlan, Finding, JobValidation};
use std::borrow::Cow;

const RULE: &str = "======================================================================";
/// Values start at column 26: labels are padded to 25 characters.
const LABEL_WIDTH: usize = 25;

/// Renders the plan as text. Linear in the size of the plan.
pub fn render(plan: &ExecutionPlan) -> String {
    render_with(
        plan,
        |_, j| Cow::Owned(present::display_name(j)),
        |_, j| Cow::Owned(present::job(j, Some(ENV_SHOWN))),
    )
}

/// Renders the plan as text from presentations already made, one per
/// `plan.jobs` (see `present::plan`).
pub fn render_presented(plan: &ExecutionPlan, jobs: &[JobPresentation]) -> String {
    render_with(
        plan,
        |i, _| Cow::Borrowed(jobs[i].name.as_str()),
        |i, _| Cow::Borrowed(&jobs[i]),
    )
}

/// The plan with `name` giving a valid Job's display name and `present` its
/// presentation, each called once per valid Job, in order, so that no more
/// than one presentation is held at a time.
fn render_with<'p>(
    plan: &ExecutionPlan,
    name: impl Fn(usize, &JobValidation) -> Cow<'p, str>,
    present: impl Fn(usize, &JobValidation) -> Cow<'p, JobPresentation>,
) -> String {
    let mut out = String::with_capacity(1024 + plan.jobs.len() * 768);
    let o = &mut out;
    line(o, RULE);
    line(o, "[D30_K8S_EXEC] KUBERNETES EXECUTION PLAN");
    line(o, RULE);
    line(o, "");
    line(o, "[SUMMARY]");
    field(o, "Total Jobs:", &plan.total_jobs.to_string());
    field(o, "Valid Jobs:", &plan.valid_jobs.to_string());
    field(o, "Invalid Jobs:", &plan.invalid_jobs.to_string());
    let namespaces = if plan.summary.namespaces.is_empty() {
        "(none)".to_string()
    } else {
        plan.summary.namespaces.join(", ")
    };
    field(o, "Namespaces:", &clean(&namespaces));
    if plan.summary.strict {
        field(o, "Strict Mode:", "on (warnings count as errors)");
    }
    let suppressed: usize = plan.jobs.iter().map(|j| j.suppressed.len()).sum();
    if suppressed > 0 {
        field(
            o,
            "Suppressed:",
            &format!("{suppressed} (ignored with a reason; listed in --format json and sarif)"),
        );
    }
    line(o, "");

    line(o, "[VALID JOBS]");
    let valid = || plan.jobs.iter().enumerate().filter(|(_, j)| j.valid);
    if valid().next().is_none() {
        line(o, "  (none)");
    }
    for (i, j) in valid() {
        line(o, &format!("  ✓ {}", name(i, j)));
    }
    line(o, "");

    let invalid: Vec<&JobValidation> = plan.jobs.iter().filter(|j| !j.valid).collect();
    if !invalid.is_empty() {
        line(o, "[INVALID JOBS]");
        for j in &invalid {
            let name = if j.job_name.is_empty() {
                "(unnamed)".to_string()
            } else {
                clean(&j.job_name)
            };
            line(o, &format!("  ✗ {} ({})", name, clean(&j.file)));
            error_lines(o, j);
        }
        line(o, "");
    }

    if valid().next().is_some() {
        line(o, "[JOB DETAILS]");
        for (n, (i, j)) in valid().enumerate() {
            line(o, "");
            line(o, &format!("[Job {}]", n + 1));
            job_details(o, &present(i, j));
        }
        line(o, "");
    }

    if !plan.cron_jobs.is_empty() {
        cron_jobs(o, plan);
    }

    if let Some(r) = present::plan_resources(plan) {
        resources(o, &r);
    }

    findings(o, "[ERRORS]", plan.errors());
    findings(o, "[WARNINGS]", plan.warnings());

    line(o, RULE);
    line(o, "[D30_K8S_EXEC] END OF EXECUTION PLAN");
    line(o, RULE);
    out
}

/// The `[RESOURCES]` section: namespaces (what does not fit first), then Jobs.
fn resources(o: &mut String, r: &present::ResourcesPresentation) {
    line(o, "[RESOURCES]");
    for n in &r.namespaces {
        let verdict = match (n.has_quota, n.fits) {
            (false, _) => "",
            (true, true) => " (fits its quota)",
            (true, false) => " (does NOT fit its quota)",
        };
        field(o, "  Namespace:", &format!("{}{verdict}", n.namespace));
        field(o, "    Jobs:", &n.jobs.to_string());
        field(o, "    Peak Pods:", &n.peak_pods.to_string());
        field(o, "    Peak Requests:", &n.requests);
        field(o, "    Peak Limits:", &n.limits);
        for row in n.rows.iter().filter(|r| r.hard.is_some()) {
            let mark = if row.fits { "ok" } else { "OVER" };
            field(
                o,
                "    Quota:",
                &format!("{} {} {mark}", row.resource, row.label),
            );
        }
    }
    for j in &r.jobs {
        field(o, "  Job:", &format!("{} ({})", j.name, j.namespace));
        field(o, "    Pod Requests:", &j.pod_requests);
        field(o, "    Pod Limits:", &j.pod_limits);
        field(o, "    Peak Pods:", &j.peak_pods.to_string());
        field(o, "    Peak Requests:", &j.peak_requests);
        field(o, "    Peak Limits:", &j.peak_limits);
    }
    line(o, "");
}

fn line(o: &mut String, s: &str) {
    o.push_str(s);
    o.push('\n');
}

/// `label` padded to `LABEL_WIDTH` characters, then `value`, as
/// `{label:<LABEL_WIDTH$}{value}` writes it, without the formatting machinery.
fn field(o: &mut String, label: &str, value: &str) {
    o.push_str(label);
    let width = label.chars().count();
    o.extend(std::iter::repeat_n(' ', LABEL_WIDTH.saturating_sub(width)));
    o.push_str(value);
    o.push('\n');
}

fn findings<'a>(o: &mut String, title: &str, list: impl Iterator<Item = &'a Finding>) {
    let mut list = list.peekable();
    if list.peek().is_none() {
        return;
    }
    line(o, title);
    for f in list {
        line(
            o,
            &format!(
                "  {}:{}:{}: {}[{} {}] {}",
                clean(&f.file),
                f.line,
                f.column,
                f.severity.as_str(),
                f.code,
                f.rule,
                clean(&f.message)
            ),
        );
        if let Some(help) = &f.help {
            line(o, &format!("      help: {}", clean(help)));
        }
    }
    line(o, "");
}

/// `[CRONJOBS]`: one line per CronJob (with its errors when invalid), then
/// the details of each valid one. Only in plans that have CronJobs.
fn cron_jobs(o: &mut String, plan: &ExecutionPlan) {
    line(o, "[CRONJOBS]");
    for j in &plan.cron_jobs {
        let mark = if j.valid { '✓' } else { '✗' };
        line(
            o,
            &format!(
                "  {mark} {} ({}) schedule {}",
                present::display_name(j),
                clean(&j.file),
                clean(j.schedule.as_deref().unwrap_or("(not set)"))
            ),
        );
        error_lines(o, j);
    }
    for (n, j) in plan.cron_jobs.iter().filter(|j| j.valid).enumerate() {
        let c = present::cron_job(j, Some(ENV_SHOWN));
        line(o, "");
        line(o, &format!("[CronJob {}]", n + 1));
        field(o, "  Schedule:", &c.schedule);
        field(o, "  Time Zone:", &c.time_zone);
        field(o, "  Concurrency Policy:", &c.concurrency_policy);
        let CronJobPresentation {
            name,
            namespace,
            labels,
            containers,
            ..
        } = c;
        job_details(
            o,
            &JobPresentation {
                name,
                namespace,
                labels,
                containers,
            },
        );
    }
    line(o, "");
}

/// The errors of an invalid Job or CronJob, one `file:line:column: message` each.
fn error_lines(o: &mut String, j: &JobValidation) {
    for e in &j.errors {
        line(
            o,
            &format!(
                "      {}:{}:{}: {}",
                clean(&e.file),
                e.line,
                e.column,
                clean(&e.message)
            ),
        );
    }
}

fn job_details(o: &mut String, j: &JobPresentation) {
    field(o, "  Name:", &j.name);
    field(o, "  Namespace:", &j.namespace);
    if j.labels.is_empty() {
        field(o, "  Labels:", "(none)");
    } else {
        line(o, "  Labels:");
        for l in &j.labels {
            o.push_str("    ");
            line(o, l);
        }
    }
    for c in &j.containers {
        if let Some(h) = &c.heading {
            let label = if c.init {
                "  Init Container:"
            } else {
                "  Container:"
            };
            field(o, label, h);
        }
        field(o, "  Image:", &c.image);
        field(o, "  Command:", &c.command);
        field(o, "  Args:", &c.args);
        if c.env.total == 0 {
            field(o, "  Environment Variables:", "(none)");
        } else {
            field(
                o,
                "  Environment Variables:",
                &format!("({} total)", c.env.total),
            );
            for [name, value] in c.env.lines.iter().take(c.env.shown) {
                line(o, &format!("    {name}: {value}"));
            }
            if let Some(more) = &c.env.more {
                line(o, &format!("    {more}"));
            }
        }
        if let Some(from) = &c.env_from {
            field(o, "  Environment From:", from);
        }
        field(o, "  Resources (requests):", &c.requests);
        field(o, "  Resources (limits):", &c.limits);
    }
}
