//! The planner: files in, one `ExecutionPlan` out. Pure: no file system, no
//! clock, no printing. Each file is checked on its own, so a broken file never
//! costs another file its result.

use crate::diagnostic::RawFinding;
use crate::input::position::{Pos, PositionIndex};
use crate::input::source::{self, ReadProblem};
use crate::limits::{MAX_FINDINGS_PER_DOCUMENT, MAX_FINDINGS_PER_FILE};
use crate::model::{
    ExecutionPlan, FileFindings, Finding, InputContent, InputFile, JobData, JobValidation,
    PlanOptions, PlanSummary, Severity, SkippedDocument, SuppressedBy,
};
use crate::path::FieldPath;
use crate::plan_resources::{self, Policies};
use crate::plan_units::{self, is_list, is_planned, list_items};
use crate::policy::{Policy, Resolved};
use crate::seed_rules::{self, str_of};
use crate::version::KubeVersion;
use serde_yaml::Value;

/// What one file contributed to the plan.
#[derive(Debug, Default)]
pub struct FileReport {
    pub jobs: Vec<JobValidation>,
    pub cron_jobs: Vec<JobValidation>,
    /// Problems of the file itself (unreadable, not text, no documents).
    pub file_findings: Vec<Finding>,
    pub skipped: Vec<SkippedDocument>,
    pub documents: usize,
    /// The pod resources of `jobs[i]`, by `i`, when resources are planned.
    pub pods: Vec<(usize, crate::k8s::resources::PodResources)>,
}

/// Checks one file: every Job document in it, validated on its own.
/// `opts` are the effective options (the policy's defaults merged in).
pub fn check_file(
    input: &InputFile,
    opts: &PlanOptions,
    version: KubeVersion,
    policy: &Resolved,
    policies: &Policies,
) -> FileReport {
    let mut report = FileReport::default();
    let file = input.name;
    let text = match source::decode(&input.content) {
        Ok(t) => t,
        Err(p) => {
            report.file_findings.push(finding_at(
                p.rule,
                &p.message,
                Some(&p.help),
                "",
                file,
                0,
                p.pos,
                opts,
            ));
            return report;
        }
    };
    // Built on first need: most valid Jobs never need positions.
    let mut positions: Option<PositionIndex> = None;
    let mut non_empty = 0;
    // Findings listed so far for this file (see MAX_FINDINGS_PER_FILE).
    let mut listed = 0;
    // By value: each document is dropped as soon as its Job is checked.
    let mut check = |doc: source::Document, has_job: bool| {
        let owned = match doc.value {
            Ok(Value::Null) => return,
            Ok(v) => v,
            Err(problem) => {
                non_empty += 1;
                // serde_yaml places a duplicate key at its mapping; point at
                // the second occurrence of the key instead.
                let duplicate = problem
                    .message
                    .contains("duplicate entry")
                    .then(|| {
                        positions
                            .get_or_insert_with(|| PositionIndex::build(&text))
                            .find_duplicate_key(doc.index)
                    })
                    .flatten();
                // Only when it is the key serde_yaml named: serde_yaml may
                // meet a duplicate nested in the value of an outer one first.
                let named = |path: &FieldPath| {
                    let last = match path.segs().last() {
                        Some(crate::path::Seg::Field(k) | crate::path::Seg::Key(k)) => k,
                        _ => return false,
                    };
                    problem
                        .message
                        .contains(&format!("duplicate entry with key {last:?}"))
                };
                let problem = match duplicate.filter(|(path, _)| named(path)) {
                    Some((_, pos)) => ReadProblem {
                        pos,
                        ..problem.clone()
                    },
                    None => problem.clone(),
                };
                report
                    .jobs
                    .push(unreadable_document(file, doc.index, &problem, opts));
                return;
            }
        };
        non_empty += 1;
        // A List is planned item by item, each at `items[i]` of its document.
        for (prefix, owned) in plan_units::into_units(owned) {
            let unit = Unit {
                file,
                document: doc.index,
                prefix: &prefix,
                has_job,
            };
            check_unit(
                &unit,
                owned,
                &text,
                &mut positions,
                &mut listed,
                &mut report,
                opts,
                policy,
                policies,
                version,
            );
        }
    };
    // Each document is checked as soon as it is read, while it is in the
    // cache. Whether the file holds a Job (`has_job`) is known once one is
    // read: the documents before the first one wait for it, and are checked
    // first, in order; without one, they all are at the end. So every
    // document is checked in file order and with the same `has_job` as if
    // the whole file had been read first.
    let mut has_job = false;
    let mut waiting = Vec::new();
    source::each_document(&text, &mut |doc| {
        if !has_job {
            has_job = match &doc.value {
                Ok(v) if is_list(v) => list_items(v).iter().any(is_planned),
                Ok(v) => is_planned(v),
                Err(_) => false,
            };
            if !has_job {
                waiting.push(doc);
                return;
            }
            for d in waiting.drain(..) {
                check(d, true);
            }
        }
        check(doc, true);
    });
    for d in waiting {
        check(d, false);
    }
    report.documents = non_empty;
    if non_empty == 0 {
        report.file_findings.push(finding_at(
            crate::input::rules::NO_DOCUMENTS,
            "the file holds no YAML document (it is empty or has only comments)",
            Some("Remove the file, or put a Job manifest in it."),
            "",
            file,
            0,
            Pos { line: 1, column: 1 },
            opts,
        ));
    }
    report
}

/// Where one object to plan sits: a document, or an item of a List document.
struct Unit<'a> {
    file: &'a str,
    document: usize,
    /// `items[i]` for a List item, the root otherwise.
    prefix: &'a FieldPath,
    /// Whether the file holds a Job or CronJob (other kinds are then skipped).
    has_job: bool,
}

/// Checks one object and adds it to `report`: as a Job, a CronJob, a
/// skipped document, or an unreadable one.
#[allow(clippy::too_many_arguments)]
fn check_unit<'t>(
    unit: &Unit,
    owned: Value,
    text: &'t str,
    positions: &mut Option<PositionIndex<'t>>,
    listed: &mut usize,
    report: &mut FileReport,
    opts: &PlanOptions,
    policy: &Resolved,
    policies: &Policies,
    version: KubeVersion,
) {
    let Unit {
        file,
        document,
        prefix,
        has_job,
    } = *unit;
    let value = &owned;
    if !matches!(value, Value::Mapping(_)) {
        let p = ReadProblem {
            rule: crate::input::rules::NOT_A_MAPPING,
            message: format!(
                "the document is {}, not an object with apiVersion, kind, metadata and spec",
                describe(value)
            ),
            help: "Write the Job as a YAML mapping (apiVersion: batch/v1, kind: Job, ...).".into(),
            pos: Pos::default(),
        };
        let pos = positions
            .get_or_insert_with(|| PositionIndex::build(text))
            .locate(document, prefix);
        let mut job = unreadable_document(file, document, &ReadProblem { pos, ..p }, opts);
        for f in &mut job.errors {
            f.path = prefix.to_string();
        }
        report.jobs.push(job);
        return;
    }
    let kind = str_of(value.get("kind"));
    if let Some(policy_kind) = plan_resources::policy_kind(value) {
        report.skipped.push(SkippedDocument {
            file: file.to_string(),
            document,
            kind: policy_kind.to_string(),
            name: str_of(value.get("metadata").and_then(|m| m.get("name")))
                .unwrap_or_default()
                .to_string(),
            reason: plan_resources::skipped_reason(policy_kind),
        });
        return;
    }
    if has_job && kind.is_some_and(|k| k != "Job" && k != "CronJob") {
        report.skipped.push(SkippedDocument {
            file: file.to_string(),
            document,
            kind: kind.unwrap_or_default().to_string(),
            name: str_of(value.get("metadata").and_then(|m| m.get("name")))
                .unwrap_or_default()
                .to_string(),
            reason: "not a Job; the file's other documents are Jobs".to_string(),
        });
        return;
    }
    let mut raw = Vec::new();
    validate_job_document(value, version, &opts.enable_rules, policy, &mut raw);
    let resources = match kind {
        Some("Job") if policies.active => {
            let ns = crate::k8s::resources::namespace_of(value);
            let (r, pod) = plan_resources::for_job(value, &ns, policies, &mut raw);
            Some((r, Some(pod)))
        }
        // One run of the template; not in the namespace totals (no pod).
        Some("CronJob") if policies.active => Some((
            plan_resources::for_cron_job(value, policies, &mut raw),
            None,
        )),
        _ => None,
    };
    let (mut raw, suppressed_raw) = apply_policy(value, file, raw, opts, policy);
    let budget = MAX_FINDINGS_PER_DOCUMENT.min(MAX_FINDINGS_PER_FILE.saturating_sub(*listed));
    let unlisted = raw.split_off(budget.min(raw.len()));
    let mut findings = Vec::with_capacity(raw.len() + 1);
    let mut suppressed = Vec::new();
    let under = |p: FieldPath| if prefix.is_root() { p } else { p.under(prefix) };
    if !raw.is_empty() || !unlisted.is_empty() || !suppressed_raw.is_empty() {
        let index = positions.get_or_insert_with(|| PositionIndex::build(text));
        if !unlisted.is_empty() {
            // One finding stands for the rest, as severe as the worst of
            // them, so the verdict is the same as with every finding listed.
            let mut f = finding_at(
                crate::input::rules::TOO_LARGE,
                &format!(
                    "{} more findings of this document are not listed (at most {MAX_FINDINGS_PER_DOCUMENT} per document and {MAX_FINDINGS_PER_FILE} per file are)",
                    unlisted.len()
                ),
                Some("Fix the findings that are listed and check again."),
                &prefix.to_string(),
                file,
                document,
                index.locate(document, prefix),
                opts,
            );
            if !opts.strict && unlisted.iter().all(|(_, s)| *s == Severity::Warning) {
                f.severity = Severity::Warning;
            }
            findings.push(f);
        }
        // A checker's finding at its place in the file, at its severity.
        let place = |r: RawFinding, severity: Severity| {
            let path = under(r.path);
            let (pos, written) = index.find(document, &path);
            // `value: yes` gets a help that quotes `yes`, not `true`.
            let help = r
                .help
                .as_deref()
                .and_then(|h| crate::input::yaml11::help_as_written(h, written.as_deref()?));
            let mut f = finding_at(
                r.rule,
                &r.message,
                help.as_deref().or(r.help.as_deref()),
                &path.to_string(),
                file,
                document,
                pos,
                opts,
            );
            f.severity = if opts.strict {
                Severity::Error
            } else {
                severity
            };
            f
        };
        for (r, severity) in raw {
            findings.push(place(r, severity));
        }
        for (r, severity, reason, by) in suppressed_raw.into_iter().take(MAX_FINDINGS_PER_DOCUMENT)
        {
            let mut f = place(r, severity);
            f.reason = Some(reason);
            f.suppressed_by = Some(by);
            suppressed.push(f);
        }
    }
    // The summary finding (if any) goes last, after the listed ones.
    findings.rotate_left(usize::from(!unlisted.is_empty()));
    *listed += findings.len();
    let mut entry = job_validation(file, document, owned, findings);
    entry.suppressed = suppressed;
    if let Some((r, pod)) = resources {
        entry.resources = Some(r);
        if let Some(pod) = pod {
            report.pods.push((report.jobs.len(), pod));
        }
    }
    if entry.is_cron_job() {
        report.cron_jobs.push(entry);
    } else {
        report.jobs.push(entry);
    }
}

/// Every check that applies to one Job document, in reporting order.
/// `enable_rules`: the opt-in rules to run (`PlanOptions::enable_rules`).
pub fn validate_job_document(
    doc: &Value,
    version: KubeVersion,
    enable_rules: &[String],
    policy: &Resolved,
    out: &mut Vec<RawFinding>,
) {
    seed_rules::check(doc, out);
    crate::k8s::decode::check(doc, version, &FieldPath::root(), out);
    crate::k8s::validate::check(doc, version, out);
    crate::practices::check(doc, enable_rules, out);
    crate::conventions::check(doc, &policy.conventions, out);
}

/// A finding the policy keeps, at its severity before strict mode.
type Kept = (RawFinding, Severity);
/// A finding an ignore suppressed: severity, reason and where the ignore is.
type Suppressed = (RawFinding, Severity, String, SuppressedBy);

/// Applies the policy to one Job's findings: drops the rules that are off,
/// sets severities, and sets apart what an ignore covers. Checks the Job's
/// ignore annotation (KJP607) unless inline ignores are locked out.
fn apply_policy(
    doc: &Value,
    file: &str,
    raw: Vec<RawFinding>,
    opts: &PlanOptions,
    policy: &Resolved,
) -> (Vec<Kept>, Vec<Suppressed>) {
    use crate::conventions::INVALID_INLINE_IGNORE;
    let mut raw = raw;
    let inline_allowed = policy.allow_inline_ignores && !opts.no_inline_ignores;
    // (rule codes, reason) of a usable annotation.
    let mut inline: Option<(Vec<&'static str>, String)> = None;
    if let Some(a) = inline_allowed
        .then(|| crate::conventions::inline_ignore(doc))
        .flatten()
    {
        let mut codes = Vec::new();
        for name in &a.rules {
            match crate::policy::rule_refs(name) {
                None => raw.push(RawFinding::new(
                    INVALID_INLINE_IGNORE,
                    a.path.clone(),
                    format!("{}: unknown rule {name:?}; it is not ignored", a.path),
                    "Name rules by code or name, as in docs/rules.md.",
                )),
                Some(rules) => {
                    for r in rules {
                        if crate::policy::can_be_ignored(r) && r.code != INVALID_INLINE_IGNORE.code
                        {
                            codes.push(r.code);
                        } else {
                            raw.push(RawFinding::new(
                                INVALID_INLINE_IGNORE,
                                a.path.clone(),
                                format!("{}: {} ({}) cannot be ignored: the API server would still refuse the Job", a.path, r.name, r.code),
                                "Fix the finding instead.",
                            ));
                        }
                    }
                }
            }
        }
        match a.reason {
            Some(reason) => inline = Some((codes, reason)),
            None => raw.push(RawFinding::new(
                INVALID_INLINE_IGNORE,
                a.path.clone(),
                format!("{}: an ignore needs a reason after a colon (\"KJP206: why\"); nothing is ignored", a.path),
                "Write the reason after the rules, e.g. \"KJP206, missing-args: the image reads its settings from a file\".",
            )),
        }
    }
    let job = str_of(doc.get("metadata").and_then(|m| m.get("name"))).unwrap_or_default();
    let mut kept = Vec::with_capacity(raw.len());
    let mut suppressed = Vec::new();
    for r in raw {
        let explicit = || {
            opts.enable_rules
                .iter()
                .any(|n| n == r.rule.name || n == r.rule.code)
        };
        let Some(severity) = policy
            .severity(r.rule)
            .or_else(|| (r.rule.opt_in && explicit()).then_some(r.rule.severity))
        else {
            continue;
        };
        if let Some((codes, reason)) = &inline {
            if codes.contains(&r.rule.code) {
                suppressed.push((r, severity, reason.clone(), SuppressedBy::Annotation));
                continue;
            }
        }
        if let Some(reason) = policy.ignored_by_policy(r.rule, file, job) {
            let reason = reason.to_string();
            suppressed.push((r, severity, reason, SuppressedBy::Policy));
            continue;
        }
        kept.push((r, severity));
    }
    (kept, suppressed)
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Sequence(_) => "a list",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        Value::Tagged(_) => "a tagged value",
        Value::Null => "empty",
        Value::Mapping(_) => "an object",
    }
}

#[allow(clippy::too_many_arguments)]
fn finding_at(
    rule: &'static crate::rules::Rule,
    message: &str,
    help: Option<&str>,
    path: &str,
    file: &str,
    document: usize,
    pos: Pos,
    opts: &PlanOptions,
) -> Finding {
    let severity = if opts.strict {
        Severity::Error
    } else {
        rule.severity
    };
    Finding {
        severity,
        code: rule.code.to_string(),
        rule: rule.name.to_string(),
        message: message.to_string(),
        help: help.map(str::to_string),
        path: path.to_string(),
        file: file.to_string(),
        document,
        line: pos.line.max(1),
        column: pos.column.max(1),
        reason: None,
        suppressed_by: None,
    }
}

fn unreadable_document(
    file: &str,
    document: usize,
    p: &ReadProblem,
    opts: &PlanOptions,
) -> JobValidation {
    let f = finding_at(
        p.rule,
        &p.message,
        Some(&p.help),
        "",
        file,
        document,
        p.pos,
        opts,
    );
    JobValidation {
        kind: None,
        file: file.to_string(),
        document,
        valid: false,
        job_name: String::new(),
        namespace: "default".to_string(),
        errors: vec![f],
        warnings: Vec::new(),
        job_data: JobData::null(),
        schedule: None,
        time_zone: None,
        concurrency_policy: None,
        resources: None,
        suppressed: Vec::new(),
    }
}

fn job_validation(
    file: &str,
    document: usize,
    value: Value,
    findings: Vec<Finding>,
) -> JobValidation {
    let metadata = value.get("metadata");
    let job_name = str_of(metadata.and_then(|m| m.get("name")))
        .unwrap_or_default()
        .to_string();
    let namespace = match str_of(metadata.and_then(|m| m.get("namespace"))) {
        Some(ns) if !ns.trim().is_empty() => ns.to_string(),
        _ => "default".to_string(),
    };
    let (errors, warnings): (Vec<_>, Vec<_>) = findings
        .into_iter()
        .partition(|f| f.severity == Severity::Error);
    let cron = str_of(value.get("kind")) == Some("CronJob");
    let spec = value.get("spec");
    let spec_str = |key: &str| str_of(spec.and_then(|s| s.get(key))).map(str::to_string);
    JobValidation {
        kind: cron.then(|| "CronJob".to_string()),
        file: file.to_string(),
        document,
        valid: errors.is_empty(),
        job_name,
        namespace,
        errors,
        warnings,
        job_data: JobData::from_raw(source::json_raw(&value)),
        schedule: if cron { spec_str("schedule") } else { None },
        time_zone: if cron { spec_str("timeZone") } else { None },
        concurrency_policy: cron.then(|| {
            spec_str("concurrencyPolicy")
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| "Allow".to_string())
        }),
        resources: None,
        suppressed: Vec::new(),
    }
}

/// Validates every file and assembles the plan. Files are ordered by name
/// (then content), so the plan does not depend on the order of the input.
pub fn plan_inputs(inputs: &[InputFile], opts: &PlanOptions) -> Result<ExecutionPlan, String> {
    plan_inputs_with(inputs, opts, None)
}

/// The options in force: the flags, with the policy's `strict`,
/// `kubernetesVersion` and opt-in rules where the flags leave them unset.
pub fn effective_options(
    opts: &PlanOptions,
    policy: Option<&Policy>,
) -> Result<(PlanOptions, Resolved), String> {
    let resolved = Resolved::new(policy).map_err(|(path, m)| format!("policy: {path}: {m}"))?;
    let mut eff = opts.clone();
    eff.strict = opts.strict || resolved.strict;
    if eff.kubernetes_version.is_none() {
        eff.kubernetes_version = resolved.kubernetes_version.clone();
    }
    for r in &resolved.enable_rules {
        if !eff.enable_rules.contains(r) {
            eff.enable_rules.push(r.clone());
        }
    }
    Ok((eff, resolved))
}

/// `plan_inputs` under a policy (`None`: no policy file).
pub fn plan_inputs_with(
    inputs: &[InputFile],
    opts: &PlanOptions,
    policy: Option<&Policy>,
) -> Result<ExecutionPlan, String> {
    let (eff, resolved) = effective_options(opts, policy)?;
    let opts = &eff;
    let version = KubeVersion::resolve(opts.kubernetes_version.as_deref())?;
    crate::registry::check_enable_rules(&opts.enable_rules)?;
    let mut order: Vec<&InputFile> = inputs.iter().collect();
    sort_inputs(&mut order);
    #[cfg(target_arch = "wasm32")]
    reserve_wasm_memory(inputs);
    let policies = plan_resources::collect(&order, opts);
    let reports = crate::parallel::map(&order, |f| {
        check_file(f, opts, version, &resolved, &policies)
    });
    Ok(assemble(
        reports,
        inputs.len(),
        opts,
        version,
        &policies,
        &resolved,
    ))
}

/// The plan's order of files: by name, then content.
pub(crate) fn sort_inputs(order: &mut [&InputFile]) {
    order.sort_by(|a, b| {
        a.name
            .cmp(b.name)
            .then_with(|| content_key(a).cmp(content_key(b)))
    });
}

/// Grows wasm memory once, up front, by about what the plan will hold.
///
/// The wasm allocator grows linear memory 64 KiB at a time, and in V8 each
/// `memory.grow` costs time proportional to the memory already held, so
/// planning was quadratic: 10,000 Jobs took 1.6 s but 30,000 took 29 s and
/// 100,000 over two minutes. One large allocation, freed at once, leaves the
/// memory with the allocator for the small ones that follow (30,000 Jobs:
/// 29 s to 4.9 s). `try_reserve` so that a huge input is never an abort.
#[cfg(target_arch = "wasm32")]
pub(crate) fn reserve_wasm_memory(inputs: &[InputFile]) {
    // Parsed documents and job_data take about 6 to 8 times the YAML text.
    const FACTOR: usize = 8;
    const CAP: usize = 1 << 30;
    let bytes: usize = inputs.iter().map(|f| content_key(f).len()).sum();
    let mut reserve: Vec<u8> = Vec::new();
    if reserve
        .try_reserve_exact(bytes.saturating_mul(FACTOR).min(CAP))
        .is_ok()
    {
        // Keeps the optimizer from eliding the allocation.
        std::hint::black_box(&mut reserve);
    }
}

fn content_key<'a>(f: &'a InputFile) -> &'a [u8] {
    match f.content {
        InputContent::Text(s) => s.as_bytes(),
        InputContent::Bytes(b) => b,
        InputContent::Unreadable(r) => r.as_bytes(),
        InputContent::TooLarge(_) => &[],
    }
}

/// The plan of every file's report, in the plan's order of files.
pub(crate) fn assemble(
    reports: Vec<FileReport>,
    files: usize,
    opts: &PlanOptions,
    version: KubeVersion,
    policies: &Policies,
    policy: &Resolved,
) -> ExecutionPlan {
    let mut plan = ExecutionPlan {
        total_jobs: 0,
        valid_jobs: 0,
        invalid_jobs: 0,
        jobs: Vec::new(),
        cron_jobs: Vec::new(),
        files: Vec::new(),
        summary: PlanSummary {
            files,
            strict: opts.strict,
            kubernetes_version: version.to_string(),
            ..Default::default()
        },
    };
    let mut namespaces = std::collections::BTreeSet::new();
    let mut pods = Vec::new();
    for r in reports {
        if policies.active {
            pods.resize(plan.jobs.len() + r.jobs.len(), None);
            let base = plan.jobs.len();
            for (i, pod) in r.pods {
                pods[base + i] = Some(pod);
            }
        }
        plan.summary.documents += r.documents;
        plan.summary.skipped_documents.extend(r.skipped);
        if !r.file_findings.is_empty() {
            let file = r.file_findings[0].file.clone();
            let (errors, warnings) = r
                .file_findings
                .into_iter()
                .partition(|f| f.severity == Severity::Error);
            plan.files.push(FileFindings {
                file,
                errors,
                warnings,
            });
        }
        for job in r.jobs {
            if job.valid {
                plan.valid_jobs += 1;
                namespaces.insert(job.namespace.clone());
            } else {
                plan.invalid_jobs += 1;
            }
            plan.jobs.push(job);
        }
        plan.cron_jobs.extend(r.cron_jobs);
    }
    plan.total_jobs = plan.jobs.len();
    plan.summary.namespaces = namespaces.into_iter().collect();
    if policies.active {
        plan_resources::summarize(&mut plan, &pods, policies, opts, policy);
    }
    plan
}

/// The seed's `validate_job_yaml`: the verdict on the first Job document of
/// `content`. A file with no Job document gives an invalid validation whose
/// error says why.
pub fn validate_job_yaml(
    content: &str,
    filename: &str,
    opts: &PlanOptions,
) -> Result<JobValidation, String> {
    let version = KubeVersion::resolve(opts.kubernetes_version.as_deref())?;
    crate::registry::check_enable_rules(&opts.enable_rules)?;
    let input = InputFile::text(filename, content);
    let policies = plan_resources::collect(&[&input], opts);
    let mut report = check_file(&input, opts, version, &Resolved::none(), &policies);
    if !report.jobs.is_empty() {
        return Ok(report.jobs.swap_remove(0));
    }
    // No Job document: say so as an error, whatever the file-level findings
    // (an empty file is only a warning in a plan, but here there is no Job).
    let mut findings = report.file_findings;
    if !findings.iter().any(|f| f.severity == Severity::Error) {
        findings.push(finding_at(
            crate::seed_rules::KIND,
            "kind: Required value: the input holds no Job document",
            Some("Set kind: Job."),
            "kind",
            filename,
            0,
            Pos { line: 1, column: 1 },
            opts,
        ));
    }
    let (errors, warnings): (Vec<_>, Vec<_>) = findings
        .into_iter()
        .partition(|f| f.severity == Severity::Error);
    Ok(JobValidation {
        kind: None,
        file: filename.to_string(),
        document: 0,
        valid: false,
        job_name: String::new(),
        namespace: "default".to_string(),
        errors,
        warnings,
        job_data: JobData::null(),
        schedule: None,
        time_zone: None,
        concurrency_policy: None,
        resources: None,
        suppressed: Vec::new(),
    })
}
