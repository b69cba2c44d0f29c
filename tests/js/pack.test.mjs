// `npm pack`, then `npm install <tarball>` into a fresh empty project with no
// other step: the API works from ESM and CommonJS and `npx k8s-job-plan` runs,
// each printing the seed plan byte-identical to the native CLI.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, describe, test } from "node:test";
import { ROOT, SEED_DIR, assertBuilt, nativeBin, run, tempDir } from "./helpers.mjs";

assertBuilt();
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";
const SEED_ABS = path.join(ROOT, SEED_DIR);

let packed; // npm pack --json's entry
let tarball;
let app;
before(() => {
  const dest = tempDir("kjp-pack");
  const r = run(NPM, ["pack", "--json", "--pack-destination", dest], { cwd: ROOT });
  assert.equal(r.status, 0, r.stderr.toString());
  [packed] = JSON.parse(r.stdout.toString());
  tarball = path.join(dest, packed.filename);
  assert.ok(fs.existsSync(tarball));

  app = tempDir("kjp-app");
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
  // --offline: the package has no dependencies, so nothing is fetched.
  const i = run(NPM, ["install", "--offline", "--no-audit", "--no-fund", tarball], { cwd: app });
  assert.equal(i.status, 0, `npm install ${tarball} failed:\n${i.stdout}\n${i.stderr}`);
});

describe("the packed tarball", () => {
  test("holds the wasm, the glue, the types, the bin, README and LICENSE, and nothing from target/", () => {
    const files = packed.files.map((f) => f.path).sort();
    for (const want of [
      "LICENSE",
      "README.md",
      "package.json",
      "js/index.mjs",
      "js/browser.mjs",
      "js/index.d.ts",
      "js/cli.cjs",
      "pkg/node/k8s_job_plan.js",
      "pkg/node/k8s_job_plan.d.ts",
      "pkg/web/k8s_job_plan.js",
      "pkg/web/k8s_job_plan.d.ts",
      "pkg/web/k8s_job_plan_bg.wasm",
    ]) {
      assert.ok(files.includes(want), `${want} is packed (packed: ${files.join(", ")})`);
    }
    // One .wasm, shared by both glues (scripts/build-wasm.sh).
    assert.deepEqual(files.filter((f) => f.endsWith(".wasm")), ["pkg/web/k8s_job_plan_bg.wasm"]);
    const stray = files.filter((f) => /^(target|src|tests|node_modules|www|examples|docs|scripts)\//.test(f) || f.endsWith(".rs"));
    assert.deepEqual(stray, []);
    assert.match(fs.readFileSync(path.join(ROOT, "LICENSE"), "utf8"), /Apache License\s+Version 2\.0/);
  });

  test("the installed bin is executable", () => {
    const bin = path.join(app, "node_modules/.bin/k8s-job-plan");
    assert.ok(fs.existsSync(bin), `${bin} exists`);
    fs.accessSync(bin, fs.constants.X_OK);
  });
});

describe("installed into a fresh project", () => {
  const native = () => run(nativeBin(), ["--jobs-dir", SEED_DIR], { cwd: ROOT });
  const program = (importLine) => `${importLine}
const fs = require("node:fs");
const dir = process.argv[2];
const files = fs.readdirSync(dir).sort().map((n) => ({ name: "${SEED_DIR}/" + n, content: fs.readFileSync(dir + "/" + n, "utf8") }));
process.stdout.write(renderPlanText(planFiles(files)));
`;

  test("ESM: import { planFiles } from 'k8s-job-plan' prints the native plan", () => {
    const src = program(`import { planFiles, renderPlanText } from "k8s-job-plan";\nimport { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);`);
    fs.writeFileSync(path.join(app, "esm.mjs"), src);
    const r = run(process.execPath, ["esm.mjs", SEED_ABS], { cwd: app });
    assert.equal(r.status, 0, r.stderr.toString());
    const n = native();
    assert.equal(n.status, 0);
    assert.ok(r.stdout.equals(n.stdout), r.stdout.toString());
  });

  test("CommonJS: require('k8s-job-plan') prints the native plan", () => {
    fs.writeFileSync(path.join(app, "cjs.cjs"), program(`const { planFiles, renderPlanText } = require("k8s-job-plan");`));
    const r = run(process.execPath, ["cjs.cjs", SEED_ABS], { cwd: app });
    assert.equal(r.status, 0, r.stderr.toString());
    assert.ok(r.stdout.equals(native().stdout), r.stdout.toString());
  });

  for (const args of [["--jobs-dir", SEED_ABS], ["--format", "json", "--jobs-dir", SEED_ABS], ["--jobs-dir", "missing"], ["--bogus"]]) {
    test(`npx k8s-job-plan ${args.join(" ")} matches the native CLI`, () => {
      // Both run in the fresh project, where npx finds the installed bin
      // (--no: never download); the repo root would be the package itself.
      const n = run(nativeBin(), args, { cwd: app });
      const r = run(NPX, ["--no", "--", "k8s-job-plan", ...args], { cwd: app });
      assert.equal(r.stderr.toString(), n.stderr.toString());
      assert.ok(r.stdout.equals(n.stdout), r.stdout.toString());
      assert.equal(r.status, n.status);
    });
  }
});
