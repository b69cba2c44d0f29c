//! Planning in parallel (`plan_split`): `checkFiles` in each worker, then
//! `assemblePlan` once; the plan equals one `planFileBytes` call's. The page
//! uses `holdPlan`, which keeps the plan in wasm memory and hands out its
//! summary, the page's view and any rendering without converting the whole
//! plan to JS and back (functions, not a class: wasm-bindgen's class
//! declarations need TypeScript's `esnext` lib).

use super::{
    decode_files, into_error, js_is_array, js_sys_error, parse_config, parse_options, to_value,
    ByteFile, JsExecutionPlan, JsFormat, JsInputBytes, JsPlanOptions,
};
use crate::model::{
    ExecutionPlan, Finding, InputContent, InputFile, JobResources, JobValidation, PlanSummary,
};
use crate::plan_split::{self, Context};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_SPLIT: &'static str = r#"
/** What the page shows first: the plan's counts and summary. */
export interface PlanHeadline {
  totalJobs: number;
  validJobs: number;
  invalidJobs: number;
  errorCount: number;
  warningCount: number;
  summary: PlanSummary;
}

/** A Job's verdict without its jobData (what the page lists). */
export type JobVerdict = Omit<JobValidation, "jobData">;

/** The rest of what the page shows: the verdicts and the core's presentation. */
export interface PlanListing {
  jobs: JobVerdict[];
  cronJobs: JobVerdict[];
  present: PlanPresentation;
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "Uint8Array[]")]
    pub type JsParts;
    #[wasm_bindgen(typescript_type = "PlanHeadline")]
    pub type JsPlanHeadline;
    #[wasm_bindgen(typescript_type = "PlanListing")]
    pub type JsPlanListing;
}

impl ByteFile {
    fn input(&self) -> InputFile<'_> {
        InputFile {
            name: &self.name,
            content: match (&self.bytes, self.too_large, &self.unreadable) {
                (Some(b), _, _) => InputContent::Bytes(b),
                (None, Some(n), _) => InputContent::TooLarge(n as u64),
                (None, None, Some(reason)) => InputContent::Unreadable(reason),
                (None, None, None) => InputContent::Bytes(&[]),
            },
        }
    }
}

const BYTES_SHAPE: &str = "{ name: string, bytes: Uint8Array }, { name, tooLarge: number } or { name, unreadable: string }";

fn byte_files(v: Option<JsInputBytes>, func: &str) -> Result<Vec<ByteFile>, JsValue> {
    match v.map(JsValue::from) {
        None => Ok(Vec::new()),
        Some(v) if v.is_undefined() || v.is_null() => Ok(Vec::new()),
        Some(v) => decode_files(v, func, BYTES_SHAPE),
    }
}

/// The options, the policy (`options.config`) and the policy sources, as a context.
fn context(
    options: Option<JsPlanOptions>,
    sources: Option<JsInputBytes>,
    func: &str,
) -> Result<Context, JsValue> {
    let options: Option<JsValue> = options.map(Into::into);
    let policy = match &options {
        Some(o) if o.is_object() => parse_config(&super::get(o, "config"))?,
        _ => None,
    };
    // The options as given, config included, identify them in the key.
    let salt = match &options {
        Some(o) => js_sys::JSON::stringify(o)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default(),
        None => String::new(),
    };
    let opts = parse_options(options.map(JsCast::unchecked_into))?;
    let sources = byte_files(sources, func)?;
    let sources: Vec<InputFile> = sources.iter().map(ByteFile::input).collect();
    Context::new(&opts, policy.as_ref(), &sources, &salt).map_err(into_error)
}

/// Whether a file's bytes name a ResourceQuota or LimitRange: such files are
/// the `sources` every `checkFiles` and `assemblePlan` call must be given.
#[wasm_bindgen(js_name = namesPolicyKind)]
pub fn names_policy_kind(bytes: &[u8]) -> bool {
    plan_split::names_policy_kind(&InputContent::Bytes(bytes))
}

/// Checks some files (a worker's share): one line of JSON per file, in the
/// order given. `sources`: every input file, of all shares, for which
/// `namesPolicyKind` holds.
#[wasm_bindgen(js_name = checkFiles)]
pub fn check_files(
    files: JsInputBytes,
    options: Option<JsPlanOptions>,
    sources: Option<JsInputBytes>,
) -> Result<Vec<u8>, JsValue> {
    let cx = context(options, sources, "checkFiles")?;
    let files: Vec<ByteFile> = decode_files(files.into(), "checkFiles", BYTES_SHAPE)?;
    let inputs: Vec<InputFile> = files.iter().map(ByteFile::input).collect();
    Ok(plan_split::check(&inputs, &cx))
}

fn assemble(
    parts: JsParts,
    options: Option<JsPlanOptions>,
    sources: Option<JsInputBytes>,
    func: &str,
) -> Result<ExecutionPlan, JsValue> {
    let parts: JsValue = parts.into();
    if !js_is_array(&parts) {
        return Err(js_sys_error(&format!(
            "{func}: parts must be an array of Uint8Array returned by checkFiles"
        )));
    }
    let parts: Vec<Vec<u8>> = js_sys::Array::from(&parts)
        .iter()
        .map(|p| {
            p.dyn_into::<js_sys::Uint8Array>()
                .map(|a| a.to_vec())
                .map_err(|_| {
                    js_sys_error(&format!(
                        "{func}: each part must be a Uint8Array returned by checkFiles"
                    ))
                })
        })
        .collect::<Result<_, _>>()?;
    let cx = context(options, sources, func)?;
    let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    plan_split::assemble(&parts, &cx).map_err(|e| into_error(format!("{func}: {e}")))
}

/// The plan of every file from the `checkFiles` results of all shares,
/// equal to one `planFileBytes` call on all the files with these options.
#[wasm_bindgen(js_name = assemblePlan)]
pub fn assemble_plan(
    parts: JsParts,
    options: Option<JsPlanOptions>,
    sources: Option<JsInputBytes>,
) -> Result<JsExecutionPlan, JsValue> {
    let plan = assemble(parts, options, sources, "assemblePlan")?;
    Ok(to_value(&plan)?.unchecked_into())
}

thread_local! {
    /// The plan `holdPlan` assembled last (one per wasm instance).
    static HELD: std::cell::RefCell<Option<ExecutionPlan>> = const { std::cell::RefCell::new(None) };
}

fn with_held<T>(
    func: &str,
    f: impl FnOnce(&ExecutionPlan) -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    HELD.with(|h| match h.borrow().as_ref() {
        Some(plan) => f(plan),
        None => Err(js_sys_error(&format!(
            "{func}: no plan is held: call holdPlan first"
        ))),
    })
}

/// Assembles as `assemblePlan` does, but keeps the plan in wasm memory
/// (replacing the one held before) and returns its counts and summary; the
/// rest comes from `heldPlanListing` and `renderHeldPlan`, without
/// converting the whole plan to JS (the page's assembling worker).
#[wasm_bindgen(js_name = holdPlan)]
pub fn hold_plan(
    parts: JsParts,
    options: Option<JsPlanOptions>,
    sources: Option<JsInputBytes>,
) -> Result<JsPlanHeadline, JsValue> {
    // The previous plan is freed before the next is built.
    HELD.with(|h| h.borrow_mut().take());
    let plan = assemble(parts, options, sources, "holdPlan")?;
    let p = &plan;
    let headline = Headline {
        total_jobs: p.total_jobs,
        valid_jobs: p.valid_jobs,
        invalid_jobs: p.invalid_jobs,
        error_count: p.errors().count(),
        warning_count: p.warnings().count(),
        summary: &p.summary,
    };
    let out = to_value(&headline)?;
    HELD.with(|h| *h.borrow_mut() = Some(plan));
    Ok(out.unchecked_into())
}

/// The held plan's verdicts (without jobData) and presentation (`presentPlan`).
#[wasm_bindgen(js_name = heldPlanListing)]
pub fn held_plan_listing() -> Result<JsPlanListing, JsValue> {
    with_held("heldPlanListing", |p| {
        let l = Listing {
            jobs: p.jobs.iter().map(Verdict::of).collect(),
            cron_jobs: p.cron_jobs.iter().map(Verdict::of).collect(),
            present: crate::render::present::plan(p),
        };
        Ok(to_value(&l)?.unchecked_into())
    })
}

/// The held plan in a format, as `renderPlan`.
#[wasm_bindgen(js_name = renderHeldPlan)]
pub fn render_held_plan(format: JsFormat) -> Result<String, JsValue> {
    let Some(format) = JsValue::from(format).as_string() else {
        return Err(js_sys_error(
            "renderHeldPlan: format must be a string such as \"json\"",
        ));
    };
    let format: crate::Format = format
        .parse()
        .map_err(|e| into_error(format!("renderHeldPlan: {e}")))?;
    with_held("renderHeldPlan", |p| Ok(format.render(p)))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Headline<'a> {
    total_jobs: usize,
    valid_jobs: usize,
    invalid_jobs: usize,
    error_count: usize,
    warning_count: usize,
    summary: &'a PlanSummary,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Listing<'a> {
    jobs: Vec<Verdict<'a>>,
    cron_jobs: Vec<Verdict<'a>>,
    present: crate::render::present::PlanPresentation<'a>,
}

/// `JobValidation` as serialized, without `jobData` (tests/wasm_split.rs
/// holds the two equal but for it).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Verdict<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    file: &'a str,
    document: usize,
    valid: bool,
    job_name: &'a str,
    namespace: &'a str,
    errors: &'a [Finding],
    warnings: &'a [Finding],
    #[serde(skip_serializing_if = "<[Finding]>::is_empty")]
    suppressed: &'a [Finding],
    #[serde(skip_serializing_if = "Option::is_none")]
    schedule: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_zone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    concurrency_policy: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resources: Option<&'a JobResources>,
}

impl<'a> Verdict<'a> {
    fn of(j: &'a JobValidation) -> Verdict<'a> {
        Verdict {
            kind: j.kind.as_deref(),
            file: &j.file,
            document: j.document,
            valid: j.valid,
            job_name: &j.job_name,
            namespace: &j.namespace,
            errors: &j.errors,
            warnings: &j.warnings,
            suppressed: &j.suppressed,
            schedule: j.schedule.as_deref(),
            time_zone: j.time_zone.as_deref(),
            concurrency_policy: j.concurrency_policy.as_deref(),
            resources: j.resources.as_ref(),
        }
    }
}
