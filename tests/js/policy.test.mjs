// The policy file through the npm package and `npx k8s-job-plan`: the same
// bytes as the native CLI (discovery, --config, exit 2 with file:line:column),
// planFiles with { config } as an object or YAML text, parsePolicy, policyText.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { ROOT, assertBuilt, nativeBin, run, seedFiles, tempDir } from "./helpers.mjs";
import { planFiles, renderPlan, parsePolicy, policyText } from "../../js/index.mjs";

assertBuilt();
const NATIVE = nativeBin();
const CLI = path.join(ROOT, "js/cli.cjs");

// A Job that ignores one finding inline; the page tests use it too.
const JOB = fs.readFileSync(path.join(ROOT, "tests/fixtures/policy/report.yaml"), "utf8");
const POLICY = "profile: kubernetes\nconventions:\n  requiredLabels:\n    team: \".+\"\n  namePattern: \"batch-.*\"\n";

let work;
before(() => {
  work = tempDir("kjp-policy");
  fs.mkdirSync(path.join(work, "repo/jobs"), { recursive: true });
  fs.writeFileSync(path.join(work, "repo/jobs/report.yaml"), JOB);
  fs.writeFileSync(path.join(work, "repo/k8s-job-plan.yaml"), POLICY);
  fs.writeFileSync(path.join(work, "broken.yaml"), "profile: kubernetes\nconventions:\n  namePatern: x\n");
});

/** Both CLIs, in `cwd`: the same stdout, stderr and exit code. */
function both(args, cwd) {
  const native = run(NATIVE, args, { cwd });
  const node = run(process.execPath, [CLI, ...args], { cwd });
  assert.equal(node.stdout.toString(), native.stdout.toString(), `stdout of ${args.join(" ")}`);
  assert.equal(node.stderr.toString(), native.stderr.toString(), `stderr of ${args.join(" ")}`);
  assert.equal(node.status, native.status, `exit code of ${args.join(" ")}`);
  return native;
}

test("npx and the native CLI find the policy in a parent directory and agree byte for byte", () => {
  const r = both(["jobs", "--format", "json"], path.join(work, "repo"));
  const plan = JSON.parse(r.stdout.toString());
  assert.deepEqual(plan.warnings.map((w) => w.code).sort(), ["KJP601", "KJP603"]);
  assert.deepEqual(plan.jobs[0].suppressed.map((s) => [s.code, s.reason, s.suppressedBy]), [
    ["KJP204", "the LimitRange sets them", "annotation"],
    ["KJP205", "the LimitRange sets them", "annotation"],
  ]);
  const sub = both(["report.yaml", "--format", "sarif"], path.join(work, "repo/jobs"));
  assert.match(sub.stdout.toString(), /"kind": "inSource"/);
  both(["report.yaml", "--no-config"], path.join(work, "repo/jobs"));
  const locked = both(["jobs", "--no-inline-ignores", "--format", "json"], path.join(work, "repo"));
  assert.equal(JSON.parse(locked.stdout.toString()).jobs[0].suppressed, undefined);
  const text = both(["jobs"], path.join(work, "repo"));
  assert.match(text.stdout.toString(), /Suppressed: {14}2 \(ignored with a reason/);
  const printed = both(["--print-config"], path.join(work, "repo"));
  assert.match(printed.stdout.toString(), /^profile: kubernetes$/m);
});

test("a broken policy is exit 2 with file:line:column and did you mean, in both CLIs", () => {
  const r = both(["repo/jobs", "--config", "broken.yaml"], work);
  assert.equal(r.status, 2);
  assert.equal(r.stdout.length, 0);
  assert.equal(
    r.stderr.toString(),
    "error: broken.yaml:3:3: conventions: unknown field `namePatern`, expected one of `requiredLabels`, `requiredAnnotations`, `namePattern`, `allowedNamespaces`, `allowedRegistries`, `requireResources`, `maxParallelism` (did you mean `namePattern`?)\n",
  );
  const missing = both(["repo/jobs", "--config", "nope.yaml"], work);
  assert.equal(missing.status, 2);
});

test("planFiles takes the policy as YAML text or as an object, with the same result as the CLI", () => {
  const files = [{ name: "jobs/report.yaml", content: JOB }];
  const fromText = planFiles(files, { config: POLICY });
  const fromObject = planFiles(files, {
    config: { profile: "kubernetes", conventions: { requiredLabels: { team: ".+" }, namePattern: "batch-.*" } },
  });
  assert.deepEqual(fromObject, fromText);
  const cli = run(NATIVE, ["jobs/report.yaml", "--format", "json"], { cwd: path.join(work, "repo") });
  assert.equal(renderPlan(fromText, "json"), cli.stdout.toString());
  const locked = planFiles(files, { config: POLICY, noInlineIgnores: true });
  assert.equal(locked.jobs[0].suppressed, undefined);
  assert.deepEqual(locked.warnings.map((w) => w.code).sort(), ["KJP204", "KJP205", "KJP601", "KJP603"]);
  // Without a policy the seed's examples are what they always were.
  const seed = seedFiles();
  assert.deepEqual(planFiles(seed, { config: "" }), planFiles(seed));
  assert.deepEqual(planFiles(seed, { config: {} }), planFiles(seed));
});

test("a bad config throws an Error naming its line; API-server errors cannot be ignored", () => {
  assert.throws(() => planFiles([], { config: "profle: seed\n" }), /k8s-job-plan\.yaml:1:1: unknown field `profle`.*did you mean `profile`/);
  assert.throws(() => planFiles([], { config: { ignore: [{ rule: "KJP105", reason: "later" }] } }), /cannot be ignored/);
  assert.throws(() => planFiles([], { config: 42 }), /config must be a policy object or YAML text/);
  const broken = JOB.replace("        image: busybox:1.36\n", "").replace("missing-resources:", "KJP105, missing-resources:");
  const plan = planFiles([{ name: "j.yaml", content: broken }], { config: "profile: kubernetes\n" });
  assert.equal(plan.jobs[0].valid, false);
  assert.ok(plan.errors.some((e) => e.code === "KJP105"));
  assert.ok(plan.warnings.some((w) => w.code === "KJP607"));
});

test("parsePolicy and policyText", () => {
  assert.deepEqual(parsePolicy("rules:\n  misssing-env: off\n"), {
    ok: false,
    line: 2,
    column: 3,
    message: 'unknown rule "misssing-env" (did you mean "missing-env"?)',
  });
  const ok = parsePolicy(POLICY);
  assert.equal(ok.ok, true);
  assert.equal(ok.policy.profile, "kubernetes");
  const text = policyText(ok.policy);
  assert.deepEqual(parsePolicy(text).policy.conventions, ok.policy.conventions);
  const native = run(NATIVE, ["--print-config", "--no-config"], { cwd: work });
  assert.equal(policyText(), native.stdout.toString());
});
