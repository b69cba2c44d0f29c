// The package's entry points resolve through package.json "exports" (a
// package may import itself by name): ESM with no init call, CommonJS, and
// both sharing one wasm instance.
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { test } from "node:test";
import { GOLDEN, ROOT, assertBuilt, seedFiles } from "./helpers.mjs";

assertBuilt();
const require = createRequire(import.meta.url);
const API = ["validateJobYaml", "planFiles", "planFileBytes", "renderPlanText", "renderPlan", "runCli", "version"];

test("ESM: import { planFiles } from 'k8s-job-plan' works with no init call", async () => {
  const esm = await import("k8s-job-plan");
  for (const name of API) assert.equal(typeof esm[name], "function", name);
  assert.equal(esm.renderPlanText(esm.planFiles(seedFiles())), GOLDEN);
});

test("CommonJS: require('k8s-job-plan') works the same", () => {
  const cjs = require("k8s-job-plan");
  for (const name of API) assert.equal(typeof cjs[name], "function", name);
  assert.equal(cjs.renderPlanText(cjs.planFiles(seedFiles())), GOLDEN);
});

test("ESM and CommonJS in one process share one wasm instance", async () => {
  const esm = await import("k8s-job-plan");
  const cjs = require("k8s-job-plan");
  for (const name of API) assert.equal(esm[name], cjs[name], name);
});

test("exports map: types first, a browser build, Node ESM and CommonJS, the bin", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const dot = pkg.exports["."];
  assert.equal(Object.keys(dot)[0], "types");
  for (const target of [dot.types, dot.browser, dot.node.import, dot.node.require, dot.import, dot.default, pkg.main, pkg.types, pkg.bin["k8s-job-plan"]]) {
    assert.ok(fs.existsSync(path.join(ROOT, target)), `${target} exists`);
  }
  assert.equal(fs.readFileSync(path.join(ROOT, pkg.bin["k8s-job-plan"]), "utf8").split("\n")[0], "#!/usr/bin/env node");
  // The browser entry re-exports the web build's functions, the same list.
  const browser = fs.readFileSync(path.join(ROOT, dot.browser), "utf8");
  for (const name of API) assert.match(browser, new RegExp(`\\b${name}\\b`));
});
