#!/usr/bin/env node
// The benchmark, in one command: `node bench/run.mjs` (or `npm run bench`).
//
// Builds the native CLI, the in-process bench binary and a Node wasm package,
// installs the peers into a scratch folder, generates the corpora, measures
// everything on the same corpora in the same run, and rewrites the generated
// part of BENCHMARKS.md (between the bench:begin and bench:end markers).
//
// Options: --quick (1,000 and 10,000 Jobs only, for trying the harness).
// Environment: BENCH_OUT (default bench/out), BENCH_PEERS (/tmp/bench-peers),
// BENCH_PKG (/tmp/pkg-bench-node), BENCH_DIST (dist), CARGO_TARGET_DIR (target).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./gen.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const quick = process.argv.includes("--quick");
const out = path.resolve(repo, process.env.BENCH_OUT ?? "bench/out");
const peers = path.resolve(process.env.BENCH_PEERS ?? "/tmp/bench-peers");
const pkg = path.resolve(process.env.BENCH_PKG ?? "/tmp/pkg-bench-node");
const dist = path.resolve(repo, process.env.BENCH_DIST ?? "dist");
const targetDir = path.resolve(repo, process.env.CARGO_TARGET_DIR ?? "target");
const cli = path.join(targetDir, "release", "k8s-job-plan");
const core = path.join(targetDir, "release", "examples", "bench-core");
const python = path.join(peers, "venv", "bin", "python");

// Peers and helpers, pinned so that reruns compare like with like.
const NPM_PEERS = ["js-yaml@5.5.0", "kubernetes-models@4.5.1", "playwright-core@1.65.1"];
const PIP_PEERS = ["kubernetes-validate==1.37.0", "PyYAML==6.0.4"];
// kubernetes-validate spends about 10 ms of CPU per document, so it runs on
// the 1,000-Job corpus only; its rate does not depend on the count.
const KUBERNETES_VALIDATE_DOCS = 1000;
// The CLI's formats measured end to end against the floor process.
const CLI_FORMATS = ["text", "json", "sarif"];

const commands = [];
function sh(cmd, args, opts = {}) {
  commands.push([opts.env ? Object.entries(opts.env).map(([k, v]) => `${k}=${v}`).join(" ") : "", cmd, ...args].filter(Boolean).join(" "));
  const r = spawnSync(cmd, args, { cwd: repo, stdio: ["ignore", "inherit", "inherit"], ...opts, env: { ...process.env, ...opts.env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed with ${r.status}`);
}

/** Runs one measured process under /usr/bin/time; returns its last JSON line, wall time and max RSS. */
function measure(label, cmd, args, { stdoutFile, env } = {}) {
  const timeFile = path.join(out, "time.txt");
  const shown = [cmd, ...args].map((a) => a.replace(repo + "/", "")).join(" ");
  commands.push(shown + (stdoutFile ? ` > ${path.relative(repo, stdoutFile)}` : ""));
  process.stderr.write(`bench: ${label}: ${shown}\n`);
  const fd = stdoutFile ? fs.openSync(stdoutFile, "w") : "pipe";
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M %U %S", "-o", timeFile, cmd, ...args], {
    cwd: repo, stdio: ["ignore", fd, "pipe"], env: { ...process.env, ...env }, maxBuffer: 1 << 26,
  });
  if (typeof fd === "number") fs.closeSync(fd);
  const [wall, rss, user, sys] = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
  let json = null;
  if (!stdoutFile) {
    const lines = (r.stdout?.toString() ?? "").trim().split("\n");
    try { json = JSON.parse(lines.pop()); } catch { /* reported below */ }
    if (json == null) process.stderr.write(`bench: ${label}: no result (exit ${r.status})\n${r.stderr}\n`);
  }
  return { json, exit: r.status, wallMs: wall * 1e3, cpuMs: (user + sys) * 1e3, maxRssMiB: rss / 1024 };
}

/** `measure` run `n` times; the run with the median CPU time, and every run's CPU ms. */
function measureMedian(n, label, cmd, args, opts) {
  const runs = [];
  for (let i = 0; i < n; i++) runs.push(measure(`${label} (${i + 1}/${n})`, cmd, args, opts));
  runs.sort((a, b) => a.cpuMs - b.cpuMs);
  return { ...runs[Math.floor(n / 2)], cpuRunsMs: runs.map((r) => r.cpuMs) };
}

function machine() {
  const cpu = spawnSync("lscpu", [], { encoding: "utf8" }).stdout ?? "";
  const model = (cpu.match(/^Model name:\s*(.*)$/m) ?? [])[1] ?? os.cpus()[0]?.model;
  const version = (cmd, args) => (spawnSync(cmd, args, { encoding: "utf8" }).stdout ?? "").trim().split("\n")[0];
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    nproc: Number(spawnSync("nproc", [], { encoding: "utf8" }).stdout.trim()),
    cpu: model,
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    kernel: os.release(),
    rustc: version("rustc", ["--version"]),
    node: process.version,
    python: version(python, ["--version"]),
    chromium: version("/usr/bin/chromium", ["--version"]),
    commit: version("git", ["-C", repo, "rev-parse", "--short", "HEAD"]),
  };
}

// 1. Builds and peers.
fs.mkdirSync(out, { recursive: true });
sh("cargo", ["build", "--release", "--bin", "k8s-job-plan", "--example", "bench-core"]);
// The rest is optional: a step that fails leaves its rows as n/a.
function optional(what, step) {
  try {
    step();
  } catch (e) {
    process.stderr.write(`bench: ${what} unavailable, its figures will be n/a: ${e.message}\n`);
  }
}
// The wasm that ships: scripts/build-wasm.sh's opt-level and Cargo.toml's
// wasm-opt flags (reference types are off, so Debian's wasm-opt can run).
optional("the wasm package", () => sh("wasm-pack", ["build", "--target", "nodejs", "--release", "--out-dir", pkg], {
  env: { CARGO_PROFILE_RELEASE_OPT_LEVEL: "s" },
}));
// Installed when any of them is missing (a folder made by an older run may lack one).
const peerMissing = NPM_PEERS.some((spec) => !fs.existsSync(path.join(peers, "node_modules", spec.slice(0, spec.lastIndexOf("@")), "package.json")));
if (peerMissing) {
  optional("the npm peers", () => {
    fs.mkdirSync(peers, { recursive: true });
    if (!fs.existsSync(path.join(peers, "package.json"))) fs.writeFileSync(path.join(peers, "package.json"), '{"private":true}\n');
    sh("npm", ["install", "--no-audit", "--no-fund", "--prefix", peers, ...NPM_PEERS]);
  });
}
if (!fs.existsSync(python)) {
  optional("kubernetes-validate", () => {
    sh("python3", ["-m", "venv", path.join(peers, "venv")]);
    sh(path.join(peers, "venv", "bin", "pip"), ["install", "-q", ...PIP_PEERS]);
  });
}

// 2. Corpora (deterministic; regenerated only when missing).
const corpora = [
  { id: "1k", count: 1000, perFile: 1 },
  { id: "10k", count: 10000, perFile: 1 },
  { id: "10k-multi", count: 10000, perFile: 100 },
  ...(quick ? [] : [{ id: "100k", count: 100000, perFile: 1 }]),
];
// The page also gets 30,000 files (only the page: the other rows have 100,000).
const pageCorpora = quick ? [] : [{ id: "30k", count: 30000, perFile: 1 }];
for (const c of [...corpora, ...pageCorpora]) {
  c.dir = path.join(out, `corpus-${c.id}`);
  const metaFile = `${c.dir}.json`;
  c.meta = fs.existsSync(metaFile) && fs.existsSync(c.dir)
    ? JSON.parse(fs.readFileSync(metaFile, "utf8"))
    : generate(c.dir, c.count, c.perFile);
  if (c.meta.jobs !== c.count || c.meta.perFile !== c.perFile) c.meta = generate(c.dir, c.count, c.perFile);
}

// 3. Measurements.
const results = { machine: machine(), corpora: {} };
for (const c of corpora) {
  const big = c.count >= 100000;
  const repeats = big ? "1" : "3";
  const r = (results.corpora[c.id] = { meta: c.meta });
  const one = ["taskset", "-c", "0"];
  r.floor1 = measure(`${c.id} native floor 1 thread`, one[0], [...one.slice(1), core, "floor", c.dir, repeats]);
  r.plan1 = measure(`${c.id} native plan 1 thread`, one[0], [...one.slice(1), core, "plan", c.dir, repeats]);
  r.planN = measure(`${c.id} native plan all threads`, core, ["plan", c.dir, repeats]);
  const planOut = path.join(out, `plan-${c.id}.txt`);
  r.cli1 = measure(`${c.id} CLI 1 thread`, one[0], [...one.slice(1), cli, "--jobs-dir", c.dir], { stdoutFile: planOut });
  r.cliN = measure(`${c.id} CLI all threads`, cli, ["--jobs-dir", c.dir], { stdoutFile: planOut });
  // The whole CLI process against a process that only walks, reads and
  // parses the same files: both measured the same way (/usr/bin/time, user +
  // system CPU), on one core, the median of 3 runs.
  if (!big) {
    r.floorProcess = measureMedian(3, `${c.id} floor process 1 thread`, one[0], [...one.slice(1), core, "floor-process", c.dir]);
    r.cliFormats = {};
    for (const format of CLI_FORMATS) {
      r.cliFormats[format] = measureMedian(3, `${c.id} CLI --format ${format} 1 thread`, one[0],
        [...one.slice(1), cli, "--jobs-dir", c.dir, "--format", format], { stdoutFile: path.join(out, `plan-${c.id}.${format}`) });
    }
  }
  if (big) r.memory = measure(`${c.id} native live heap`, core, ["memory", c.dir]);
  r.wasm = measure(`${c.id} wasm in Node`, "node", ["bench/wasm_node.mjs", "plan", c.dir, pkg, repeats]);
  if (!big) r.wasmJson = measure(`${c.id} wasm in Node, JSON text out`, "node", ["bench/wasm_node.mjs", "json", c.dir, pkg, repeats]);
  if (!big) r.wasmPool = measure(`${c.id} wasm in Node, worker pool`, "node", ["bench/wasm_node.mjs", "pool", c.dir, pkg, repeats]);
  if (!big) {
    r.jsFloor = measure(`${c.id} js-yaml floor`, "node", ["bench/wasm_node.mjs", "jsfloor", c.dir, peers, repeats]);
    r.kubernetesModels = measure(`${c.id} kubernetes-models`, "node", ["bench/peer_kubernetes_models.cjs", peers, c.dir]);
  }
  if (c.id === "1k") {
    r.kubernetesValidate = measure(`${c.id} kubernetes-validate`, python,
      ["bench/peer_kubernetes_validate.py", c.dir, String(KUBERNETES_VALIDATE_DOCS)]);
  }
  if (c.id === "1k" || c.id === "10k") {
    r.page = measure(`${c.id} page`, "node", ["bench/page.mjs", dist, c.dir, String(c.count), peers]);
  }
}
for (const c of pageCorpora) {
  results.corpora[c.id] = { meta: c.meta, page: measure(`${c.id} page`, "node", ["bench/page.mjs", dist, c.dir, String(c.count), peers]) };
}
fs.writeFileSync(path.join(out, "results.json"), JSON.stringify(results, null, 2));

// 4. Report. Ratios and jobs/s use CPU time where one thread does the work:
// the machine is shared, so wall time also counts waiting for a core.
const rate = (jobs, ms) => (ms > 0 ? jobs / (ms / 1e3) : NaN);
const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a");
const fmtMs = (n) => (Number.isFinite(n) ? (n >= 100 ? fmtInt(n) : n.toFixed(1)) : "n/a");
const fmtX = (n) => (Number.isFinite(n) ? `${n.toFixed(n >= 10 ? 0 : 2)}x` : "n/a");
const cpuOf = (m) => m?.json?.cpuMedianMs ?? m?.json?.cpuMs;
const wallOf = (m) => m?.json?.medianMs ?? m?.json?.ms;
const jobsOf = (m, c) => m?.json?.totalJobs ?? m?.json?.result?.totalJobs ?? m?.json?.result?.documents ?? c.meta.jobs;
const verdict = (ok, ...figures) =>
  figures.some((f) => !Number.isFinite(f)) ? "n/a (not measured)" : ok ? "**met**" : "**not met**";

const lines = [];
const M = results.machine;
lines.push(`Run of ${M.date} on commit \`${M.commit}\`: ${M.nproc} CPUs (\`nproc\`), ${M.cpu}, ${M.memGiB} GiB of memory, Linux ${M.kernel}; ${M.rustc}, Node ${M.node}, ${M.python}, ${M.chromium}.`, "");
lines.push("Every figure below comes from this one run on the same generated corpora. In-process figures are medians of 3 runs (1 for 100,000 Jobs), after the files are read into memory. **CPU ms** is the CPU time of the work (the calling thread natively; the whole process in Node and Python, garbage collection included; user+system from `/usr/bin/time` for the CLI); jobs/s and every ratio use it where one thread does the work, because this machine is shared and a pinned run's wall time also counts waiting for the core. Multi-threaded rows use wall time. Peak RSS is the whole process's maximum resident set (`/usr/bin/time`), files and results included.", "");

lines.push("### Throughput", "");
lines.push("| corpus | what | Jobs | CPU ms | wall ms | jobs/s | peak RSS MiB | vs floor |", "|---|---|---:|---:|---:|---:|---:|---:|");
const dropOf = (m) => m?.json?.dropCpuMedianMs;
for (const c of corpora) {
  const r = results.corpora[c.id];
  const floorMs = cpuOf(r.floor1);
  const row = (what, m, cpu, wall, basis, vsFloor = "") => lines.push(`| ${c.id} | ${what} | ${fmtInt(jobsOf(m, c))} | ${fmtMs(cpu)} | ${fmtMs(wall)} | ${fmtInt(rate(jobsOf(m, c), basis))} | ${fmtInt(m?.maxRssMiB)} | ${vsFloor} |`);
  row("floor: serde_yaml parse to `Value`, native, 1 thread", r.floor1, floorMs, wallOf(r.floor1), floorMs, "1x");
  row("core `plan_files`, native, 1 thread", r.plan1, cpuOf(r.plan1), wallOf(r.plan1), cpuOf(r.plan1), fmtX(cpuOf(r.plan1) / floorMs));
  row(`  … and freeing the plan afterwards (+${fmtMs(dropOf(r.plan1))} CPU ms)`, r.plan1, cpuOf(r.plan1) + dropOf(r.plan1), null, cpuOf(r.plan1) + dropOf(r.plan1), fmtX((cpuOf(r.plan1) + dropOf(r.plan1)) / floorMs));
  row(`core \`plan_files\`, native, ${r.planN.json?.threads ?? "?"} threads (jobs/s from wall)`, r.planN, null, wallOf(r.planN), wallOf(r.planN));
  row("CLI end to end (walk, read, plan, print text), 1 thread", r.cli1, r.cli1.cpuMs, r.cli1.wallMs, r.cli1.cpuMs);
  row(`CLI end to end, ${M.nproc} threads (jobs/s from wall)`, r.cliN, r.cliN.cpuMs, r.cliN.wallMs, r.cliN.wallMs);
  if (r.floorProcess) {
    const fp = r.floorProcess.cpuMs;
    row("floor process: walk, read and serde_yaml-parse every file, then exit; 1 thread (median of 3)", r.floorProcess, fp, r.floorProcess.wallMs, fp, "1x the floor process");
    for (const format of CLI_FORMATS) {
      const m = r.cliFormats[format];
      row(`CLI end to end, 1 thread, --format ${format} (median of 3)`, m, m.cpuMs, m.wallMs, m.cpuMs, `${fmtX(m.cpuMs / fp)} the floor process`);
    }
  }
  row("core `planFiles`, wasm in Node, objects out (JS objects in; the core's JSON text made into objects by one `JSON.parse`)", r.wasm, cpuOf(r.wasm), wallOf(r.wasm), cpuOf(r.wasm), fmtX(cpuOf(r.wasm) / floorMs));
  if (r.wasmJson) row("wasm in Node, JSON out: `renderPlan(planFiles(files), \"json\")`, the CLI's JSON text", r.wasmJson, cpuOf(r.wasmJson), wallOf(r.wasmJson), cpuOf(r.wasmJson), fmtX(cpuOf(r.wasmJson) / floorMs));
  if (r.wasmPool) row(`wasm in Node, ${r.wasmPool.json?.result?.workers ?? "?"} worker threads (the README's recipe: \`checkFiles\` per slice, \`assemblePlan\`; threads started before the timing; CPU of every thread, jobs/s from wall)`, r.wasmPool, cpuOf(r.wasmPool), wallOf(r.wasmPool), wallOf(r.wasmPool));
  if (r.jsFloor) row("JS floor: js-yaml `loadAll`, Node", r.jsFloor, cpuOf(r.jsFloor), wallOf(r.jsFloor), cpuOf(r.jsFloor));
  if (r.kubernetesModels) row("peer: kubernetes-models (js-yaml + `new Job(doc).validate()`)", r.kubernetesModels, cpuOf(r.kubernetesModels), wallOf(r.kubernetesModels), cpuOf(r.kubernetesModels));
  if (r.kubernetesValidate) row("peer: kubernetes-validate (PyYAML CSafeLoader + `validate`)", r.kubernetesValidate, cpuOf(r.kubernetesValidate), wallOf(r.kubernetesValidate), cpuOf(r.kubernetesValidate));
}
lines.push("| published | kubeconform: 50,714 resources, 8 workers, 4-core laptop (its README; not run here) | 50,714 | | 6,700 | 7,569 | | |", "");

// Verdicts on the targets.
const t10 = results.corpora["10k"];
const t1k = results.corpora["1k"];
const c10 = corpora.find((c) => c.id === "10k");
const c1k = corpora.find((c) => c.id === "1k");
// Against the peers the native figure includes freeing the plan (conservative).
const nativeRate = (r, c) => rate(jobsOf(r.plan1, c), cpuOf(r.plan1) + (r.plan1.json?.dropCpuMedianMs ?? 0));
const wasmRate = (r, c) => rate(jobsOf(r.wasm, c), cpuOf(r.wasm));
const floorRatio = cpuOf(t10.plan1) / cpuOf(t10.floor1);
// planFiles in wasm frees its Rust-side plan before returning, so it is
// compared with the native call plus the free.
const nativeFreed = cpuOf(t10.plan1) + dropOf(t10.plan1);
const wasmRatio = cpuOf(t10.wasm) / nativeFreed;
const kmRate = rate(t10.kubernetesModels?.json?.totalJobs, cpuOf(t10.kubernetesModels));
const kvRate = rate(t1k.kubernetesValidate?.json?.totalJobs, cpuOf(t1k.kubernetesValidate));
lines.push("### Targets", "");
lines.push("| target | figure | verdict |", "|---|---|---|");
const floorRatioFreed = (cpuOf(t10.plan1) + dropOf(t10.plan1)) / cpuOf(t10.floor1);
lines.push(`| validate+plan, native, 1 thread, within 1.5x of the parse floor on 10,000 Jobs | ${fmtX(floorRatio)} (${fmtMs(cpuOf(t10.plan1))} vs ${fmtMs(cpuOf(t10.floor1))} CPU ms); ${fmtX(floorRatioFreed)} counting the freeing of the plan too | ${verdict(floorRatio <= 1.5, floorRatio)}${floorRatio <= 1.5 && floorRatioFreed > 1.5 ? " (not met counting the free)" : ""} |`);
lines.push(`| wasm under Node within 2x of native (10,000 Jobs, 1 thread each) | ${fmtX(wasmRatio)} (${fmtMs(cpuOf(t10.wasm))} CPU ms with JS objects in and out, vs ${fmtMs(nativeFreed)} native with the free) | ${verdict(wasmRatio <= 2, wasmRatio)} |`);
const kmN = nativeRate(t10, c10) / kmRate, kmW = wasmRate(t10, c10) / kmRate;
lines.push(`| at least 10x kubernetes-models (10,000 Jobs; it does ${fmtInt(kmRate)} jobs/s) | native 1 thread ${fmtX(kmN)}, wasm in Node ${fmtX(kmW)} | ${verdict(kmN >= 10 && kmW >= 10, kmN, kmW)} |`);
// Issue 15: the npm package against kubernetes-models in the same run, one
// thread, and with the worker pool (its jobs/s from wall time).
const poolRate = rate(jobsOf(t10.wasmPool, c10), wallOf(t10.wasmPool));
const kmP = poolRate / kmRate;
lines.push(`| wasm \`planFiles\` in Node at least 1.5x kubernetes-models' jobs/s (10,000 Jobs) | one thread ${fmtX(kmW)} (${fmtInt(wasmRate(t10, c10))} jobs/s); worker pool of ${t10.wasmPool?.json?.result?.workers ?? "?"} threads ${fmtX(kmP)} (${fmtInt(poolRate)} jobs/s from wall) | ${verdict(kmW >= 1.5 || kmP >= 1.5, kmW, kmP)} |`);
const kvN = nativeRate(t1k, c1k) / kvRate, kvW = wasmRate(t1k, c1k) / kvRate;
lines.push(`| at least 10x kubernetes-validate (1,000 Jobs; it does ${kvRate.toFixed(1)} jobs/s) | native 1 thread ${fmtX(kvN)}, wasm in Node ${fmtX(kvW)} | ${verdict(kvN >= 10 && kvW >= 10, kvN, kvW)} |`);
for (const id of ["10k", "10k-multi"]) {
  const r = results.corpora[id];
  if (!r?.floorProcess) continue;
  const fp = r.floorProcess.cpuMs;
  const ratios = CLI_FORMATS.map((f) => r.cliFormats[f].cpuMs / fp);
  const figures = CLI_FORMATS.map((f, i) => `${f} ${fmtX(ratios[i])} (${fmtMs(r.cliFormats[f].cpuMs)} CPU ms)`).join(", ");
  lines.push(`| CLI whole process ≤ 1.5x the read-and-parse floor process (${id}, 1 core, CPU user+system) | ${figures}; floor process ${fmtMs(fp)} CPU ms | ${verdict(ratios.every((x) => x <= 1.5), ...ratios)} |`);
}
const t100 = results.corpora["100k"];
if (t100) {
  const mem = t100.memory?.json;
  lines.push(`| 100,000 Jobs planned by the native CLI with peak memory under 1 GiB | ${fmtInt(t100.cliN.maxRssMiB)} MiB max RSS (${fmtMs(t100.cliN.wallMs)} wall ms, ${M.nproc} threads); in process the plan alone holds ${fmtInt(mem?.planLiveMiB)} MiB of live heap, ${fmtInt(mem?.planBytesPerJob)} bytes per Job, for ${fmtInt(mem?.inputMiB)} MiB of YAML | ${verdict(t100.cliN.maxRssMiB < 1024, t100.cliN.maxRssMiB)} |`);
} else {
  lines.push("| 100,000 Jobs planned by the native CLI with peak memory under 1 GiB | not measured (--quick) | n/a |");
}
const page = t10.page?.json;
if (page && !page.skipped) {
  // Tasks are counted from the change event: a task that starts before it is
  // Chromium building the input's FileList inside DOM.setFileInputFiles.
  lines.push(`| 10,000 files dropped on the page: summary in under 3 s, no main-thread task over 200 ms, renderer memory under 600 MiB | ${fmtMs(page.summaryMs)} ms from the change event to the summary (${page.workers} workers); longest main-thread task from the change event ${fmtMs(page.longestTaskFromChangeMs)} ms, ${page.tasksFromChangeOver200ms} over 200 ms (the longest overlapping it: ${fmtMs(page.longestTaskMs)} ms, Chromium building the FileList before the event); renderer peak ${fmtInt(page.rendererPeakMiB)} MiB | ${verdict(page.summaryMs < 3000 && page.tasksFromChangeOver200ms === 0 && page.rendererPeakMiB < 600, page.summaryMs, page.rendererPeakMiB)} |`);
} else {
  lines.push("| 10,000 files dropped on the page: summary in under 3 s, no main-thread task over 200 ms, renderer memory under 600 MiB | page: skipped (run npm run build first) | n/a |");
}
lines.push("");

lines.push("### Page", "");
for (const id of ["1k", "10k", "30k"]) {
  const p = results.corpora[id]?.page?.json;
  if (!p || p.skipped) lines.push(`- ${id}: page: ${p?.skipped ? "skipped (run npm run build first)" : "not measured"}`);
  else lines.push(`- ${id}: ${fmtInt(p.totalJobs)} Jobs (${fmtInt(p.validJobs)} valid, ${fmtInt(p.invalidJobs)} invalid), ${p.workers} workers: summary ${fmtMs(p.summaryMs)} ms from the change event (read ${fmtMs(p.readMs)} ms: the files read by the page and checked by the workers as they arrive; plan ${fmtMs(p.planMs)} ms: the last checks and the assembly; then the lists ${fmtMs(p.renderMs)} ms), all on show at ${fmtMs(p.completeMs)} ms; longest main-thread task from the change event ${fmtMs(p.longestTaskFromChangeMs)} ms (${p.tasksFromChangeOver200ms} over 200 ms); renderer peak ${fmtInt(p.rendererPeakMiB)} MiB (VmHWM: the page and its workers).`);
}
lines.push("");

lines.push("### Verdicts per tool (sanity check: same corpus, different rule sets)", "");
lines.push("| corpus | generated invalid | ours (native) | ours (wasm) | kubernetes-models | kubernetes-validate |", "|---|---:|---:|---:|---:|---:|");
for (const c of corpora) {
  const r = results.corpora[c.id];
  lines.push(`| ${c.id} | ${fmtInt(c.meta.invalid)} of ${fmtInt(c.meta.jobs)} | ${fmtInt(r.plan1.json?.result?.invalidJobs)} | ${fmtInt(r.wasm.json?.result?.invalidJobs)} | ${r.kubernetesModels ? fmtInt(r.kubernetesModels.json?.invalidJobs) : "not run"} | ${r.kubernetesValidate ? `${r.kubernetesValidate.json?.invalidJobs} of ${r.kubernetesValidate.json?.totalJobs}` : "not run"} |`);
}
lines.push("");

lines.push("### Commands of this run", "", "```sh", ...commands, "```", "");

const begin = "<!-- bench:begin (generated by bench/run.mjs; edit outside the markers) -->";
const end = "<!-- bench:end -->";
const mdPath = path.join(repo, "BENCHMARKS.md");
let md = fs.existsSync(mdPath) ? fs.readFileSync(mdPath, "utf8") : `# Benchmarks\n\n${begin}\n${end}\n`;
const a = md.indexOf(begin), b = md.indexOf(end);
md = a >= 0 && b > a ? md.slice(0, a) + begin + "\n\n" + lines.join("\n") + "\n" + md.slice(b) : md + `\n${begin}\n\n${lines.join("\n")}\n${end}\n`;
fs.writeFileSync(mdPath, md);
process.stderr.write(`bench: wrote BENCHMARKS.md and ${path.relative(repo, path.join(out, "results.json"))}\n`);
