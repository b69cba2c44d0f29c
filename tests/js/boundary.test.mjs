// The wasm boundary on many varied files: what planFiles and planFileBytes
// return is deep-equal to JSON.parse of the native CLI's --format json for the
// same files (absent keys, nulls, numbers, plain objects and key order alike),
// on the seed examples, the fetched real-world manifests in tests/realworld
// and a sample of the benchmark's generated corpus. Together they allocate
// and free millions of blocks through the wasm's own allocator
// (src/wasm/alloc.rs) in one call, so a block handed out twice or a result
// cut short shows here as a difference from the native plan.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { generate } from "../../bench/gen.mjs";
import { ROOT, SEED_DIR, assertBuilt, nativeBin, run, tempDir } from "./helpers.mjs";

assertBuilt();
const { planFiles, planFileBytes, renderPlan } = await import("k8s-job-plan");

/** Every file of `dir` (relative to `cwd`), sorted, as the CLI names them. */
function filesOf(cwd, dir) {
  return fs
    .readdirSync(path.join(cwd, dir))
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => ({ name: `${dir}/${n}`, bytes: fs.readFileSync(path.join(cwd, dir, n)) }));
}

function assertSameAsNative(cwd, dir, minFiles) {
  const files = filesOf(cwd, dir);
  assert.ok(files.length >= minFiles, `${dir} has ${files.length} files, expected at least ${minFiles}`);
  const native = run(nativeBin(), ["--format", "json", "--jobs-dir", dir], { cwd });
  assert.ok(native.status === 0 || native.status === 1, native.stderr.toString());
  const expected = JSON.parse(native.stdout.toString("utf8"));
  assert.equal(expected.jobs.length > 0, true);

  const fromText = planFiles(files.map((f) => ({ name: f.name, content: f.bytes.toString("utf8") })));
  assert.deepStrictEqual(fromText, expected);
  // Key order too: deepStrictEqual does not look at it, the JSON text does.
  assert.equal(JSON.stringify(fromText), JSON.stringify(expected));
  assert.equal(renderPlan(fromText, "json"), native.stdout.toString("utf8"));

  const fromBytes = planFileBytes(files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })));
  assert.equal(JSON.stringify(fromBytes), JSON.stringify(expected));
}

test("the seed examples: planFiles and planFileBytes are JSON.parse of the native --format json", () => {
  assertSameAsNative(ROOT, SEED_DIR, 2);
});

test("tests/realworld: planFiles and planFileBytes are JSON.parse of the native --format json", () => {
  assertSameAsNative(ROOT, "tests/realworld", 80);
});

test("2,000 generated Jobs (the benchmark's corpus generator): the same as native", () => {
  const dir = tempDir("kjp-boundary");
  generate(path.join(dir, "corpus"), 2000);
  assertSameAsNative(dir, "corpus", 2000);
});

test("one call after another reuses freed memory and still gives the same plan", () => {
  const files = filesOf(ROOT, "tests/realworld").map((f) => ({ name: f.name, content: f.bytes.toString("utf8") }));
  const first = JSON.stringify(planFiles(files));
  for (let i = 0; i < 3; i++) assert.equal(JSON.stringify(planFiles(files)), first);
});
