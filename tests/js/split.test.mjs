// Planning in parallel: checkFiles on slices (in node:worker_threads, as the
// README's recipe does) and assemblePlan give the plan of one planFileBytes
// call, deep-equal and byte-identical in every format; holdPlan's
// headline and listing are the plan's, without the Jobs' data; misuse throws.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { test } from "node:test";
import { ROOT, assertBuilt, seedFiles } from "./helpers.mjs";

assertBuilt();
const { checkFiles, assemblePlan, namesPolicyKind, holdPlan, heldPlanListing, renderHeldPlan, planFileBytes, renderPlan } = await import("k8s-job-plan");

const enc = (s) => new TextEncoder().encode(s);
const fixtureDir = (dir) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((n) => n.endsWith(".yaml"))
    .sort()
    .map((n) => ({ name: `${dir}/${n}`, bytes: new Uint8Array(fs.readFileSync(path.join(ROOT, dir, n))) }));

/** Seed, real-world, resources (a quota and a LimitRange) and broken files. */
function files() {
  return [
    ...seedFiles().map((f) => ({ name: f.name, bytes: enc(f.content) })),
    ...fixtureDir("tests/realworld"),
    ...fixtureDir("tests/fixtures/resources"),
    { name: "z/broken.yaml", bytes: enc("kind: [Job\n") },
    { name: "z/binary.yaml", bytes: new Uint8Array([0, 1, 2, 3]) },
    { name: "z/big.yaml", tooLarge: 99_000_000 },
    { name: "z/gone.yaml", unreadable: "permission denied" },
  ];
}

/** The README's recipe: sort, slice, check each slice in a worker thread, assemble. */
async function planInParallel(all, options, n) {
  const sorted = [...all].sort((a, b) => (Buffer.compare(Buffer.from(a.name), Buffer.from(b.name))));
  const sources = sorted.filter((f) => f.bytes && namesPolicyKind(f.bytes));
  const size = Math.ceil(sorted.length / n);
  const slices = Array.from({ length: n }, (_, i) => sorted.slice(i * size, (i + 1) * size));
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    const { checkFiles } = require(${JSON.stringify(path.join(ROOT, "pkg", "node", "k8s_job_plan.js"))});
    parentPort.postMessage(checkFiles(workerData.files, workerData.options, workerData.sources));
  `;
  const parts = await Promise.all(
    slices.map(
      (slice) =>
        new Promise((resolve, reject) => {
          const w = new Worker(code, { eval: true, workerData: { files: slice, options, sources } });
          w.once("message", resolve);
          w.once("error", reject);
        }),
    ),
  );
  return assemblePlan(parts, options, sources);
}

const POLICY = "profile: kubernetes\nconventions:\n  maxParallelism: 2\n";
const OPTION_SETS = [{}, { strict: true }, { resources: true, kubernetesVersion: "1.32" }, { config: POLICY, enableRules: ["KJP501"] }];

for (const options of OPTION_SETS) {
  test(`worker threads and assemblePlan equal one planFileBytes call: ${JSON.stringify(options)}`, async () => {
    const all = files();
    const one = planFileBytes(all, options);
    for (const n of [1, 3]) {
      const plan = await planInParallel(all, options, n);
      assert.deepEqual(plan, one);
      for (const format of ["json", "text", "sarif"]) assert.equal(renderPlan(plan, format), renderPlan(one, format), `${format}, ${n} threads`);
    }
  });
}

test("holdPlan: the headline and the listing are the plan's; renderHeldPlan is renderPlan's", () => {
  const all = files();
  const options = { resources: true };
  const sources = all.filter((f) => f.bytes && namesPolicyKind(f.bytes));
  assert.deepEqual(sources.map((f) => f.name), ["tests/fixtures/resources/jobs.yaml", "tests/fixtures/resources/quota-fits.yaml", "tests/fixtures/resources/quota-over.yaml"]);
  const sorted = [...all].sort((a, b) => (a.name < b.name ? -1 : 1));
  const part = checkFiles(sorted, options, sources);
  assert.ok(part instanceof Uint8Array);
  const one = planFileBytes(all, options);
  const h = holdPlan([part], options, sources);
  assert.deepEqual(h, {
    totalJobs: one.totalJobs,
    validJobs: one.validJobs,
    invalidJobs: one.invalidJobs,
    errorCount: one.errors.length,
    warningCount: one.warnings.length,
    summary: one.summary,
  });
  const l = heldPlanListing();
  // Every field of the verdict but jobData, so no field is forgotten.
  assert.deepEqual(l.jobs, one.jobs.map(({ jobData: _, ...v }) => v));
  assert.deepEqual(l.cronJobs, (one.cronJobs ?? []).map(({ jobData: _, ...v }) => v));
  assert.ok(l.jobs.some((j) => j.resources), "resources are in the verdicts");
  assert.equal(l.present.text, renderPlan(one, "text"));
  assert.equal(renderHeldPlan("json"), renderPlan(one, "json"));
});

test("misuse throws an Error that says what is wrong", () => {
  const all = files();
  const part = checkFiles(all.slice(0, 3), {}, []);
  assert.throws(() => assemblePlan([part], { strict: true }, []), /checked under other options/);
  assert.throws(() => assemblePlan("nope", {}, []), /parts must be an array of Uint8Array/);
  assert.throws(() => assemblePlan([new Uint8Array([1, 2])], {}, []), /part 0, line 1/);
  assert.throws(() => checkFiles([{ name: 1 }], {}, []), /checkFiles: each file must be/);
  const backwards = checkFiles([...all.slice(0, 3)].reverse(), {}, []);
  assert.throws(() => assemblePlan([backwards], {}, []), /in the order of file names/);
  assert.deepEqual(assemblePlan([], {}, []), planFileBytes([], {}));
});
