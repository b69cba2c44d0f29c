// SARIF against Microsoft's own validator (`@microsoft/sarif-multitool`, a
// dev dependency): no error, and no missing informationUri, for inputs named
// by absolute paths, relative paths, odd characters and standard input, from
// the native CLI and from the JS API. A control proves the validator is heard.
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { before, test } from "node:test";
import { ROOT, assertBuilt, nativeBin, run, tempDir } from "./helpers.mjs";

assertBuilt();
const NATIVE = nativeBin();
const MULTITOOL = path.join(ROOT, "node_modules/.bin/sarif-multitool");
assert.ok(fs.existsSync(MULTITOOL), "sarif-multitool is not installed: run `npm ci`");
const require = createRequire(import.meta.url);
const { planFiles, renderPlan } = require(path.join(ROOT, "pkg/node/k8s_job_plan.js"));

const fixture = (rule) => fs.readFileSync(path.join(ROOT, "tests/fixtures/rules", rule, "invalid.yaml"), "utf8");

let work;
before(() => {
  work = tempDir("kjp-sarif");
  fs.mkdirSync(path.join(work, "my jobs/ünï"), { recursive: true });
  fs.writeFileSync(path.join(work, "my jobs/ünï/a:b,c%#1.yaml"), fixture("missing-container-image"));
  fs.writeFileSync(path.join(work, "my jobs/warn [x].yml"), fixture("missing-namespace"));
  fs.writeFileSync(path.join(work, "my jobs/broken.yaml"), "kind: [\n");
});

/** The validator's findings on `file`: [{ level, ruleId, text }]. */
function validate(file) {
  const log = `${file}.validation.sarif`;
  const r = run(MULTITOOL, ["validate", "--output", log, file], { cwd: work });
  assert.equal(r.status, 0, `sarif-multitool validate ${file}:\n${r.stdout}\n${r.stderr}`);
  const v = JSON.parse(fs.readFileSync(log, "utf8"));
  return v.runs[0].results.map((x) => ({ level: x.level ?? "warning", ruleId: x.ruleId, text: x.message?.text ?? JSON.stringify(x.message) }));
}

function assertValid(file) {
  const found = validate(file);
  const bad = found.filter((f) => f.level === "error" || f.ruleId === "SARIF2005");
  assert.deepEqual(bad, [], `${path.basename(file)}: the validator reports ${JSON.stringify(found, null, 1)}`);
}

function write(name, text) {
  const file = path.join(work, name);
  fs.writeFileSync(file, text);
  return file;
}

test("the native CLI's SARIF for absolute and relative paths passes the validator", () => {
  const abs = run(NATIVE, ["--format", "sarif", path.join(work, "my jobs"), path.join(ROOT, "examples/d29_k8s_jobs")], { cwd: work });
  assert.equal(abs.status, 1);
  const absText = abs.stdout.toString("utf8");
  const uris = JSON.parse(absText).runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation);
  assert.ok(uris.some((u) => u.uri.startsWith("file:///") && u.uri.includes("/my%20jobs/%C3%BCn%C3%AF/a:b,c%25%231.yaml") && !u.uriBaseId), JSON.stringify(uris));
  assertValid(write("absolute.sarif", absText));

  const rel = run(NATIVE, ["--format", "sarif", "my jobs", "-"], { cwd: work, input: fixture("missing-args") });
  const relText = rel.stdout.toString("utf8");
  const relUris = JSON.parse(relText).runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation);
  assert.ok(relUris.every((u) => u.uriBaseId === "%SRCROOT%" && !u.uri.startsWith("/")), JSON.stringify(relUris));
  assert.ok(relUris.some((u) => u.uri === "my%20jobs/%C3%BCn%C3%AF/a%3Ab,c%25%231.yaml"), JSON.stringify(relUris));
  assertValid(write("relative.sarif", relText));

  const seed = run(NATIVE, ["--format", "sarif", "--jobs-dir", "examples/d29_k8s_jobs"]);
  assert.equal(seed.status, 0);
  assertValid(write("seed.sarif", seed.stdout.toString("utf8")));
});

test("renderPlan(plan, 'sarif') of the JS API passes the validator", () => {
  const plan = planFiles([
    { name: "upload/job one.yaml", content: fixture("missing-container-image") },
    { name: "/abs/C:/weird?.yaml", content: fixture("missing-namespace") },
  ]);
  assertValid(write("api.sarif", renderPlan(plan, "sarif")));
});

test("control: a bare absolute path as URI is an error the validator reports", () => {
  const out = run(NATIVE, ["--format", "sarif", path.join(work, "my jobs")], { cwd: work });
  const doc = JSON.parse(out.stdout.toString("utf8"));
  doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation = { uri: path.join(work, "my jobs/x.yaml"), uriBaseId: "%SRCROOT%" };
  delete doc.runs[0].tool.driver.informationUri;
  const found = validate(write("control.sarif", JSON.stringify(doc)));
  assert.ok(found.some((f) => f.level === "error" && f.ruleId === "SARIF1004"), JSON.stringify(found));
  assert.ok(found.some((f) => f.ruleId === "SARIF2005"), JSON.stringify(found));
});
