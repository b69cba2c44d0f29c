// The page does not read files over the size limit; it passes them to the core
// as { name, tooLarge }. These tests hold that path to the core's own verdict
// on the same bytes.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repo } from "./harness.mjs";
import { MAX_FILE_BYTES, compareNames, formatBytes } from "../../www/inputs.js";

const wasmPath = join(repo, "pkg", "web", "k8s_job_plan_bg.wasm");

async function core() {
  const mod = await import("../../pkg/web/k8s_job_plan.js");
  await mod.default({ module_or_path: readFileSync(wasmPath) });
  return mod;
}

test("a file passed as tooLarge gets the finding the core gives for its bytes", { skip: !existsSync(wasmPath) && "pkg/web is not built" }, async () => {
  const { planFileBytes, renderPlanText } = await core();
  const size = MAX_FILE_BYTES + 1;
  const files = [
    { name: "a.yaml", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) },
    { name: "m.yaml", bytes: new Uint8Array(size) },
    { name: "z.yaml", bytes: new Uint8Array([0xff, 0xfe, 0x41, 0]) },
  ];
  const expected = planFileBytes(files);
  const viaMarker = planFileBytes([files[0], { name: "m.yaml", tooLarge: size }, files[2]]);
  assert.deepEqual(viaMarker, expected);
  assert.equal(renderPlanText(viaMarker), renderPlanText(expected));
  const tooLarge = viaMarker.errors.find((f) => f.file === "m.yaml");
  assert.equal(tooLarge.rule, "input-too-large");
  assert.match(tooLarge.message, /over the limit of 16777216 bytes \(16 MiB\)/);
});

test("a file passed as unreadable gets the core's file-unreadable finding", { skip: !existsSync(wasmPath) && "pkg/web is not built" }, async () => {
  const { planFileBytes } = await core();
  const plan = planFileBytes([{ name: "gone.yaml", unreadable: "NotFoundError" }]);
  assert.equal(plan.errors.length, 1);
  assert.equal(plan.errors[0].rule, "file-unreadable");
  assert.equal(plan.errors[0].message, "cannot read the file: NotFoundError");
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
