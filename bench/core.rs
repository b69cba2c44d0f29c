//! In-process native benchmark of the core, run by `bench/run.mjs`.
//!
//! `bench-core MODE DIR [REPEATS]` reads every `*.yaml` under DIR (not timed
//! with the work), then times MODE REPEATS times and prints one JSON line:
//!   floor  parse every document with serde_yaml into `serde_yaml::Value`
//!   plan   `k8s_job_plan::plan_files`
//!   memory `plan_files` once, untimed, reporting the peak of live heap bytes
//!          (to tell the plan's own size from the allocator's slack in RSS)
//!   floor-process  the floor as a whole process, for comparing with the CLI
//!          under `/usr/bin/time`: walk DIR (sorted, recursive), read every
//!          `*.yaml`/`*.yml` file and parse it, once, file by file; REPEATS is
//!          ignored. What any CLI that reads these files with serde_yaml pays.
//! `plan_files` uses every core the process may run on; the 1-thread figure
//! comes from running this under `taskset -c 0` (std's available_parallelism
//! honours the affinity mask), so the core needs no benchmark-only switch.
//!
//! Besides wall time it reports the CPU time of the calling thread (from
//! /proc/thread-self/schedstat, in nanoseconds): on a shared 2-core machine
//! the wall time of a pinned run includes waiting for the core, the CPU time
//! does not. With one thread all the work runs on the calling thread.

use k8s_job_plan::{plan_files, ExecutionPlan, InputContent, InputFile, PlanOptions};
use serde::Deserialize;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// Counts live heap bytes, only in `memory` mode (one relaxed load otherwise).
struct Counting;
static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Relaxed) {
            LIVE.fetch_sub(layout.size(), Relaxed);
        }
        // SAFETY: `ptr` came from `alloc` above, that is from `System`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

// Natively only: on wasm32 the library sets its own (src/wasm/alloc.rs), and
// this example is only compiled there (by `cargo test --target wasm32-...`).
#[cfg_attr(not(target_arch = "wasm32"), global_allocator)]
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
static ALLOCATOR: Counting = Counting;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: bench-core floor|plan DIR [REPEATS]");
        std::process::exit(2);
    };
    let repeats: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    if mode == "floor-process" {
        return floor_process(dir);
    }

    let t = Instant::now();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    let files: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), bytes)
        })
        .collect();
    let read_ms = t.elapsed().as_secs_f64() * 1e3;

    if mode == "memory" {
        // Counting starts after the files are read; frees of memory allocated
        // before would skew LIVE, and nothing read earlier is freed meanwhile.
        COUNTING.store(true, Relaxed);
        let plan = plan(&files);
        let peak = PEAK.load(Relaxed);
        let held = LIVE.load(Relaxed);
        COUNTING.store(false, Relaxed);
        let input: usize = files.iter().map(|(n, b)| n.len() + b.len()).sum();
        println!(
            "{}",
            serde_json::json!({
                "mode": mode, "files": files.len(), "jobs": plan.total_jobs,
                "inputMiB": input as f64 / 1048576.0,
                "peakLiveMiB": peak as f64 / 1048576.0,
                "planLiveMiB": held as f64 / 1048576.0,
                "planBytesPerJob": held / plan.total_jobs.max(1),
            })
        );
        return;
    }

    let mut times = Vec::with_capacity(repeats);
    let mut cpu = Vec::with_capacity(repeats);
    let mut drop_cpu = Vec::with_capacity(repeats);
    let mut result = serde_json::Value::Null;
    for _ in 0..repeats {
        let c = thread_cpu_ns();
        let t = Instant::now();
        let plan = match mode.as_str() {
            "floor" => {
                result = floor(&files);
                None
            }
            "plan" => Some(plan(&files)),
            other => {
                eprintln!("unknown mode {other:?}: floor or plan");
                std::process::exit(2);
            }
        };
        times.push(t.elapsed().as_secs_f64() * 1e3);
        cpu.push((thread_cpu_ns() - c) as f64 / 1e6);
        // Freeing the plan (every Job's parsed document) is timed apart: it is
        // the caller's cost, and a CLI about to exit need not pay it.
        let c = thread_cpu_ns();
        if let Some(plan) = plan {
            result = serde_json::json!({
                "totalJobs": plan.total_jobs, "validJobs": plan.valid_jobs,
                "invalidJobs": plan.invalid_jobs,
            });
            drop(plan);
        }
        drop_cpu.push((thread_cpu_ns() - c) as f64 / 1e6);
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    drop_cpu.sort_by(f64::total_cmp);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{}",
        serde_json::json!({
            "mode": mode, "files": files.len(), "threads": threads, "readMs": read_ms,
            "medianMs": times[times.len() / 2], "minMs": times[0], "timesMs": times,
            "cpuMedianMs": cpu[cpu.len() / 2], "cpuMs": cpu,
            "dropCpuMedianMs": drop_cpu[drop_cpu.len() / 2],
            "result": result,
        })
    );
}

/// CPU time of the calling thread in nanoseconds (0 where /proc is absent).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// `floor-process`: walk, read and parse, as a CLI would, then exit.
fn floor_process(dir: &str) {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        // The entry's type from the directory listing: no stat per file.
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .filter_map(|e| {
                e.ok()
                    .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
            })
            .collect();
        entries.sort();
        for (p, is_dir) in entries {
            if is_dir {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(p);
            }
        }
    }
    let mut paths = Vec::new();
    walk(std::path::Path::new(dir), &mut paths);
    let (mut docs, mut errors, mut files) = (0usize, 0usize, 0usize);
    for p in &paths {
        let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        files += 1;
        let r = floor(&[(String::new(), bytes)]);
        docs += r["documents"].as_u64().unwrap_or(0) as usize;
        errors += r["errors"].as_u64().unwrap_or(0) as usize;
    }
    println!(
        "{}",
        serde_json::json!({ "mode": "floor-process", "files": files,
            "result": { "documents": docs, "errors": errors } })
    );
}

/// The floor: what any tool that reads these manifests with serde_yaml must do.
fn floor(files: &[(String, Vec<u8>)]) -> serde_json::Value {
    let mut docs = 0usize;
    let mut errors = 0usize;
    for (_, bytes) in files {
        let Ok(text) = std::str::from_utf8(bytes) else {
            errors += 1;
            continue;
        };
        for de in serde_yaml::Deserializer::from_str(text) {
            match serde_yaml::Value::deserialize(de) {
                Ok(v) => {
                    docs += 1;
                    std::hint::black_box(v);
                }
                Err(_) => {
                    errors += 1;
                    break;
                }
            }
        }
    }
    serde_json::json!({ "documents": docs, "errors": errors })
}

fn plan(files: &[(String, Vec<u8>)]) -> ExecutionPlan {
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|(name, bytes)| InputFile {
            name,
            content: InputContent::Bytes(bytes),
        })
        .collect();
    plan_files(&inputs, &PlanOptions::default()).expect("default options are valid")
}
