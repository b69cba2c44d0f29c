// The core in wasm under Node: planFiles on every file of a corpus, and the JS
// floor (js-yaml parsing every document, nothing else).
// Usage: node bench/wasm_node.mjs plan|json|pool|jsfloor CORPUS_DIR PKG_OR_PEERS_DIR [REPEATS]
//   plan     planFiles(files): the plan as JS objects (the core writes it as
//            JSON text, which one JSON.parse makes into objects)
//   json     renderPlan(planFiles(files), "json"): the plan as the CLI's JSON text
//   pool     the README's worker-pool recipe: one worker thread per core (started
//            and their wasm loaded before the timing), each checkFiles on a
//            contiguous slice of the name-sorted files, then assemblePlan;
//            the same plan as planFiles. CPU counts every thread.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import os from "node:os";
import { Worker } from "node:worker_threads";

const [mode, dir, where, repeatsArg] = process.argv.slice(2);
const repeats = Number(repeatsArg ?? 3);
const require = createRequire(import.meta.url);

const t0 = performance.now();
const names = fs.readdirSync(dir).filter((n) => n.endsWith(".yaml")).sort();
const files = names.map((n) => ({ name: path.join(dir, n), content: fs.readFileSync(path.join(dir, n), "utf8") }));
const readMs = performance.now() - t0;

let run;
// What a run returned, summed up outside the timed part.
let summary = (x) => x;
// What to stop once measured (the pool's threads).
let done = () => {};
const counts = (plan) => ({ totalJobs: plan.totalJobs, validJobs: plan.validJobs, invalidJobs: plan.invalidJobs });
if (mode === "plan") {
  const pkg = require(path.resolve(where, "k8s_job_plan.js"));
  run = () => pkg.planFiles(files, {});
  summary = counts;
} else if (mode === "json") {
  const pkg = require(path.resolve(where, "k8s_job_plan.js"));
  run = () => pkg.renderPlan(pkg.planFiles(files, {}), "json");
  summary = (text) => ({ ...counts(JSON.parse(text)), jsonChars: text.length });
} else if (mode === "pool") {
  const pkg = require(path.resolve(where, "k8s_job_plan.js"));
  const bytes = files.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.content)) }));
  const sources = bytes.filter((f) => pkg.namesPolicyKind(f.bytes));
  const n = os.availableParallelism();
  const size = Math.ceil(bytes.length / n);
  const worker = `
    const { parentPort, workerData } = require("node:worker_threads");
    const pkg = require(workerData);
    parentPort.on("message", ({ files, sources }) => {
      const part = pkg.checkFiles(files, {}, sources);
      parentPort.postMessage(part, [part.buffer]);
    });
    parentPort.postMessage("ready");`;
  const workers = Array.from({ length: n }, () => new Worker(worker, { eval: true, workerData: path.resolve(where, "k8s_job_plan.js") }));
  await Promise.all(workers.map((w) => new Promise((ok) => w.once("message", ok))));
  const check = (w, files) => new Promise((ok, fail) => {
    w.once("message", ok).once("error", fail);
    w.postMessage({ files, sources });
  });
  run = async () => {
    const parts = await Promise.all(workers.map((w, i) => check(w, bytes.slice(i * size, (i + 1) * size))));
    return pkg.assemblePlan(parts, {}, sources);
  };
  summary = (plan) => ({ ...counts(plan), workers: n });
  done = () => workers.forEach((w) => w.terminate());
} else if (mode === "jsfloor") {
  const yaml = require(path.join(path.resolve(where), "node_modules", "js-yaml"));
  run = () => {
    let documents = 0;
    for (const f of files) documents += yaml.loadAll(f.content).length;
    return { documents };
  };
} else {
  console.error(`unknown mode ${mode}: plan, json or jsfloor`);
  process.exit(2);
}

// CPU time (user + system) of the whole process, garbage collector threads
// included: on a shared machine wall time also counts waiting for a core.
const times = [];
const cpu = [];
let result;
for (let i = 0; i < repeats; i++) {
  const c = process.cpuUsage();
  const t = performance.now();
  result = await run();
  times.push(performance.now() - t);
  const d = process.cpuUsage(c);
  cpu.push((d.user + d.system) / 1e3);
}
result = summary(result);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({ mode, files: files.length, readMs, medianMs: median(times), minMs: Math.min(...times), timesMs: times, cpuMedianMs: median(cpu), cpuMs: cpu, result }));
done();
