//! The native CLI; all logic is in `k8s_job_plan::cli`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(k8s_job_plan::cli::main_exit_code())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
