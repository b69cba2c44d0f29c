// Shared by the JS tests (not a test file itself: node --test picks *.test.mjs).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SEED_DIR = "examples/d29_k8s_jobs";
export const GOLDEN = fs.readFileSync(path.join(ROOT, "tests/golden/d29_k8s_jobs.plan.txt"), "utf8");

const BUILT = [
  "pkg/node/k8s_job_plan.js",
  "pkg/node/k8s_job_plan.d.ts",
  "pkg/web/k8s_job_plan.js",
  "pkg/web/k8s_job_plan_bg.wasm",
  "pkg/web/k8s_job_plan.d.ts",
];

/** Fails loudly, never skips, when `npm run build:wasm` has not run. */
export function assertBuilt() {
  const missing = BUILT.filter((f) => !fs.existsSync(path.join(ROOT, f)));
  assert.deepEqual(missing, [], `the npm package is not built (missing ${missing.join(", ")}): run \`npm run build:wasm\``);
}

/**
 * The native CLI: $K8S_JOB_PLAN_BIN, else the release build, else the debug
 * build under $CARGO_TARGET_DIR (or target/).
 */
export function nativeBin() {
  if (process.env.K8S_JOB_PLAN_BIN) {
    assert.ok(fs.existsSync(process.env.K8S_JOB_PLAN_BIN), `K8S_JOB_PLAN_BIN=${process.env.K8S_JOB_PLAN_BIN} does not exist`);
    return process.env.K8S_JOB_PLAN_BIN;
  }
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR) : path.join(ROOT, "target");
  const tried = ["release", "debug"].map((p) => path.join(target, p, "k8s-job-plan"));
  const found = tried.find((p) => fs.existsSync(p));
  assert.ok(found, `native k8s-job-plan binary not found (tried ${tried.join(", ")}): run \`cargo build --release\` or set K8S_JOB_PLAN_BIN`);
  return found;
}

/** The seed example as planFiles input, named as the native CLI names it from the repo root. */
export function seedFiles() {
  return fs
    .readdirSync(path.join(ROOT, SEED_DIR))
    .sort()
    .map((name) => ({ name: `${SEED_DIR}/${name}`, content: fs.readFileSync(path.join(ROOT, SEED_DIR, name), "utf8") }));
}

/** Runs a command; stdout and stderr as raw bytes so comparisons are byte for byte. */
export function run(cmd, args, { cwd = ROOT, input, env } = {}) {
  const r = spawnSync(cmd, args, { cwd, input, env: env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const made = [];
process.once("exit", () => {
  if (process.env.KJP_KEEP_TMP) return;
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed when the test file ends (unless KJP_KEEP_TMP is set). */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR || "/tmp"), `${prefix}-`));
  made.push(dir);
  return dir;
}
