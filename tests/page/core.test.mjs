// What the page takes from the core instead of keeping a copy: the Kubernetes
// versions, the limits, and the presentation of Jobs and findings. Run against
// pkg/web (the build the page loads).

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repo } from "./harness.mjs";
import { MAX_FILE_BYTES, compareNames } from "../../www/inputs.js";
import { comparePaths } from "../../www/walk.js";
import { validJob } from "./fixtures.mjs";

const wasmPath = join(repo, "pkg", "web", "k8s_job_plan_bg.wasm");
const skip = !existsSync(wasmPath) && "pkg/web is not built";

async function core() {
  const mod = await import("../../pkg/web/k8s_job_plan.js");
  await mod.default({ module_or_path: readFileSync(wasmPath) });
  return mod;
}

test("the core's limits and versions are what the page's Node-side helpers assume", { skip }, async () => {
  const { limits, kubernetesVersions, planFiles } = await core();
  assert.equal(limits().maxFileBytes, MAX_FILE_BYTES);
  const versions = kubernetesVersions();
  assert.equal(versions[0], planFiles([]).summary.kubernetesVersion, "newest first");
  for (const v of versions) planFiles([], { kubernetesVersion: v });
  assert.throws(() => planFiles([], { kubernetesVersion: `1.${Number(versions.at(-1).split(".")[1]) - 1}` }));
});

test("presentPlan: the text plan, one presentation per Job, every finding once in list order", { skip }, async () => {
  const { planFiles, presentPlan, presentJob, renderPlanText } = await core();
  const env = Array.from({ length: 7 }, (_, i) => `            - name: V${i}\n              value: "a\\tb${i}"\n`).join("");
  const files = [
    { name: "b.yaml", content: validJob("arb-tuning-s1-w1-0").replace('            - name: A\n              value: "1"\n', env) },
    { name: "a-empty.yaml", content: "" },
    { name: "c.yaml", content: validJob("arb-tuning-s1-w1-1").replace("          image: busybox:1.36\n", "") },
  ];
  const plan = planFiles(files);
  const p = presentPlan(plan);
  assert.equal(p.text, renderPlanText(plan));
  assert.equal(p.jobs.length, plan.jobs.length);
  assert.deepEqual(p.jobs[0], presentJob(plan.jobs[0]));
  const c = p.jobs[0].containers[0];
  assert.equal(c.env.total, 7);
  assert.equal(c.env.lines.length, 7);
  assert.deepEqual(c.env.lines[0], ["V0", "a\\tb0"], "control characters escaped as in the text plan");
  assert.equal(c.env.more, "... and 2 more");
  assert.equal(c.requests, "CPU=100m, Memory=64Mi");
  assert.ok(p.text.includes("    V0: a\\tb0\n"));
  // Every finding once: the empty file's own, then each Job's, in file order.
  const listed = p.findings.map((l) => `${l.finding.file}:${l.job}`);
  assert.equal(p.findings.length, plan.errors.length + plan.warnings.length);
  assert.equal(listed[0], "a-empty.yaml:null");
  assert.deepEqual(plan.files, [{ file: "a-empty.yaml", errors: [], warnings: [p.findings[0].finding] }]);
  assert.ok(listed.slice(1).every((x, i, xs) => i === 0 || compareNames(xs[i - 1], x) <= 0));
});

test("the page's folder walk sorts names as the core does (code points, not UTF-16 units)", () => {
  assert.equal(comparePaths, compareNames);
  assert.ok(comparePaths("\uFF5E.yaml", "\u{1F600}.yaml") < 0);
});
