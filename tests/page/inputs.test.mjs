// The page reports files it does not read (over the size limit) itself. These
// tests hold its wording and placement to the core's, using the core itself.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repo } from "./harness.mjs";
import { MAX_FILE_BYTES, tooLargeFinding, mergeReadProblems, compareNames, formatBytes } from "../../www/inputs.js";

const wasmPath = join(repo, "pkg", "web", "k8s_job_plan_bg.wasm");

async function core() {
  const mod = await import("../../pkg/web/k8s_job_plan.js");
  await mod.default({ module_or_path: readFileSync(wasmPath) });
  return mod;
}

test("the page's too-large finding is the one the core gives for the same file", { skip: !existsSync(wasmPath) && "pkg/web is not built" }, async () => {
  const { planFileBytes } = await core();
  const size = MAX_FILE_BYTES + 1;
  const plan = planFileBytes([{ name: "huge.yaml", bytes: new Uint8Array(size) }]);
  assert.deepEqual(plan.errors, [tooLargeFinding("huge.yaml", size)]);
});

test("merged read problems land where the core puts file findings, and the text plan shows them", { skip: !existsSync(wasmPath) && "pkg/web is not built" }, async () => {
  const { planFileBytes, renderPlanText } = await core();
  const size = MAX_FILE_BYTES + 1;
  const files = [
    { name: "a.yaml", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) },
    { name: "m.yaml", bytes: new Uint8Array(size) },
    { name: "z.yaml", bytes: new Uint8Array([0xff, 0xfe, 0x41, 0]) },
  ];
  const expected = planFileBytes(files);
  const merged = mergeReadProblems(planFileBytes([files[0], files[2]]), [tooLargeFinding("m.yaml", size)]);
  assert.deepEqual(merged, expected);
  assert.equal(renderPlanText(merged), renderPlanText(expected));
});

test("compareNames orders by code point, as the core orders file names (UTF-8 bytes)", () => {
  const names = ["b", "a/b", "a", "\u{1F600}.yaml", "\uFF5E.yaml", "A"];
  assert.deepEqual([...names].sort(compareNames), ["A", "a", "a/b", "b", "\uFF5E.yaml", "\u{1F600}.yaml"]);
});

test("formatBytes", () => {
  assert.equal(formatBytes(0), "0 B");
  assert.equal(formatBytes(1536), "1.5 KiB");
  assert.equal(formatBytes(MAX_FILE_BYTES), "16 MiB");
  assert.equal(formatBytes(17 * 1024 * 1024), "17 MiB");
});
