//! k8s-job-plan: validate Kubernetes batch/v1 Job manifests offline and render
//! their execution plan.
//!
//! The core is pure: text in, data out. The native CLI (`cli`), the wasm
//! bindings (`wasm`) and the web page only convert inputs and outputs.

pub mod conventions;
pub mod diagnostic;
pub mod input;
pub mod k8s;
pub mod limits;
pub mod model;
pub mod path;
pub mod pattern;
pub mod plan;
pub mod plan_resources;
pub mod plan_split;
mod plan_units;
pub mod policy;
pub mod practices;
pub mod registry;
pub mod render;
pub mod rules;
pub mod seed_rules;
pub mod version;

mod parallel;

pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use model::{
    ExecutionPlan, FileFindings, Finding, InputContent, InputFile, JobValidation, Owner,
    PlanOptions, PlanSummary, Severity, SkippedDocument, SuppressedBy,
};
pub use render::Format;

/// Validates the first Job document of `content` (the seed's `validate_job_yaml`).
/// Errs only on bad options (an unsupported Kubernetes version).
pub fn validate_job_yaml(
    content: &str,
    filename: &str,
    opts: &PlanOptions,
) -> Result<JobValidation, String> {
    plan::validate_job_yaml(content, filename, opts)
}

/// Plans a set of files (the seed's `plan_from_directory`, minus the file system).
/// Errs only on bad options (an unsupported Kubernetes version).
pub fn plan_files(files: &[InputFile], opts: &PlanOptions) -> Result<ExecutionPlan, String> {
    plan::plan_inputs(files, opts)
}

/// Plans a set of files under a policy (`policy::parse` reads one).
/// Errs only on bad options or a policy that does not resolve.
pub fn plan_files_with_policy(
    files: &[InputFile],
    opts: &PlanOptions,
    policy: Option<&policy::Policy>,
) -> Result<ExecutionPlan, String> {
    plan::plan_inputs_with(files, opts, policy)
}

/// Renders the seed's text plan.
pub fn render_plan_text(plan: &ExecutionPlan) -> String {
    render::text::render(plan)
}
