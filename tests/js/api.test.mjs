// The JS API against the native CLI: same objects as `--format json`, same
// text as the text plan; bad manifests are findings, bad arguments throw.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, describe, test } from "node:test";
import { GOLDEN, ROOT, SEED_DIR, assertBuilt, nativeBin, run, seedFiles, tempDir } from "./helpers.mjs";

assertBuilt();
const api = await import("k8s-job-plan");
const { planFiles, planFileBytes, renderPlan, renderPlanText, validateJobYaml, version } = api;

const fixture = (rule) => fs.readFileSync(path.join(ROOT, "tests/fixtures/rules", rule, "invalid.yaml"), "utf8");
const SEED_1 = seedFiles()[0].content;
const CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n";

/** A folder of valid, warning-only, invalid, broken, multi-document, non-Job and empty files. */
const MIXED = {
  "a-valid.yaml": SEED_1,
  "b-warn.yaml": fixture("missing-namespace"),
  "c-invalid.yaml": fixture("missing-container-image"),
  "d-broken.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata: {name: [\n",
  "e-multi.yaml": `${SEED_1}---\n${CONFIGMAP}---\n${fixture("no-containers")}`,
  "f-service.yml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n",
  "g-empty.yaml": "# nothing yet\n",
};

/** Every object in a result is a plain object or array: never a Map, a class instance or undefined. */
function assertPlain(v, where = "result") {
  if (v === null || ["string", "number", "boolean"].includes(typeof v)) return;
  assert.ok(typeof v === "object", `${where} is a ${typeof v}`);
  const proto = Object.getPrototypeOf(v);
  assert.ok(proto === Object.prototype || proto === Array.prototype, `${where} is not a plain object or array`);
  for (const [k, x] of Object.entries(v)) assertPlain(x, `${where}.${k}`);
}

describe("seed example", () => {
  test("renderPlanText(planFiles(seed)) is the golden text plan", () => {
    const plan = planFiles(seedFiles());
    assert.equal(renderPlanText(plan), GOLDEN);
    assert.equal(plan.totalJobs, 2);
    assert.equal(plan.validJobs, 2);
    assert.equal(plan.invalidJobs, 0);
    assert.deepEqual(plan.errors, []);
    assert.deepEqual(plan.warnings, []);
    assert.deepEqual(plan.summary.namespaces, ["trading-bots"]);
    assert.equal(plan.jobs[0].jobName, "arb-tuning-d29-k8s--worker-1-0");
    assert.equal(plan.jobs[0].jobData.spec.template.spec.containers[0].image, "your-registry/arbitrage-lite:latest");
    assertPlain(plan);
  });

  test("planFiles returns the very object of the native --format json, and renderPlan(json) its bytes", () => {
    const native = run(nativeBin(), ["--format", "json", "--jobs-dir", SEED_DIR]);
    assert.equal(native.status, 0, native.stderr.toString());
    const plan = planFiles(seedFiles());
    assert.deepEqual(plan, JSON.parse(native.stdout.toString("utf8")));
    assert.equal(renderPlan(plan, "json"), native.stdout.toString("utf8"));
    assert.equal(renderPlan(plan, "text"), GOLDEN);
  });
});

describe("a folder of valid, invalid and broken files", () => {
  let dir;
  let files;
  before(() => {
    dir = tempDir("kjp-api");
    fs.mkdirSync(path.join(dir, "jobs"));
    for (const [name, content] of Object.entries(MIXED)) fs.writeFileSync(path.join(dir, "jobs", name), content);
    files = Object.keys(MIXED)
      .sort()
      .map((name) => ({ name: `jobs/${name}`, content: MIXED[name] }));
  });

  for (const format of ["json", "text", "github"]) {
    test(`planFiles + renderPlan(${format}) equal the native CLI on the same folder`, () => {
      const native = run(nativeBin(), ["--format", format, "--jobs-dir", "jobs"], { cwd: dir });
      assert.equal(native.status, 1, native.stderr.toString());
      const plan = planFiles(files);
      assert.equal(renderPlan(plan, format), native.stdout.toString("utf8"));
      if (format === "json") assert.deepEqual(plan, JSON.parse(native.stdout.toString("utf8")));
      else if (format === "text") assert.equal(renderPlanText(plan), native.stdout.toString("utf8"));
    });
  }

  test("every kind of input lands where it belongs", () => {
    const plan = planFiles(files);
    assertPlain(plan);
    const byFile = (f) => plan.jobs.filter((j) => j.file === `jobs/${f}`);
    assert.equal(byFile("a-valid.yaml")[0].valid, true);
    const warn = byFile("b-warn.yaml")[0];
    assert.equal(warn.valid, true);
    assert.equal(warn.namespace, "default");
    assert.deepEqual(
      warn.warnings.map((f) => [f.code, f.rule, f.severity, f.path]),
      [["KJP201", "missing-namespace", "warning", "metadata.namespace"]],
    );
    const invalid = byFile("c-invalid.yaml")[0];
    assert.equal(invalid.valid, false);
    assert.ok(invalid.errors.some((f) => f.code === "KJP105" && f.path === "spec.template.spec.containers[0].image"));
    const broken = byFile("d-broken.yaml")[0];
    assert.equal(broken.valid, false);
    assert.equal(broken.jobData, null);
    assert.equal(broken.errors[0].code, "KJP001");
    // libyaml notices the unclosed flow at the end of the input.
    assert.deepEqual([broken.errors[0].line, broken.errors[0].column], [4, 1]);
    // Multi-document: two Jobs (documents 0 and 2), the ConfigMap skipped.
    assert.deepEqual(
      byFile("e-multi.yaml").map((j) => [j.document, j.valid]),
      [
        [0, true],
        [2, false],
      ],
    );
    assert.ok(byFile("e-multi.yaml")[1].errors.some((f) => f.code === "KJP104" && f.document === 2));
    const skipped = plan.summary.skippedDocuments.map((s) => [s.file, s.document, s.kind, s.name]);
    assert.deepEqual(skipped.find((s) => s[0] === "jobs/e-multi.yaml"), ["jobs/e-multi.yaml", 1, "ConfigMap", "settings"]);
    // Alone in its file, a non-Job is taken for a broken Job (as the seed did).
    assert.ok(byFile("f-service.yml")[0].errors.some((f) => f.code === "KJP102"));
    assert.ok(plan.warnings.some((f) => f.code === "KJP006" && f.file === "jobs/g-empty.yaml"));
    assert.equal(plan.summary.files, 7);
    assert.equal(plan.totalJobs, plan.validJobs + plan.invalidJobs);
    // The plan's lists gather every Job's findings.
    const listed = new Set(plan.errors.concat(plan.warnings).map((f) => JSON.stringify(f)));
    for (const f of plan.jobs.flatMap((j) => j.errors.concat(j.warnings))) assert.ok(listed.has(JSON.stringify(f)), JSON.stringify(f));
  });
});

describe("validateJobYaml", () => {
  test("a valid Job", () => {
    const v = validateJobYaml(SEED_1, "seed.yaml");
    assertPlain(v);
    assert.equal(v.valid, true);
    assert.equal(v.file, "seed.yaml");
    assert.equal(v.document, 0);
    assert.equal(v.jobName, "arb-tuning-d29-k8s--worker-1-0");
    assert.equal(v.namespace, "trading-bots");
    assert.deepEqual(v.errors, []);
    assert.deepEqual(v.warnings, []);
    assert.equal(v.jobData.kind, "Job");
  });

  test("an invalid Job: the finding carries code, rule, path, file and position", () => {
    const v = validateJobYaml(fixture("missing-container-image"), "bad.yaml");
    assert.equal(v.valid, false);
    const f = v.errors.find((e) => e.code === "KJP105");
    assert.ok(f, JSON.stringify(v.errors));
    assert.equal(f.rule, "missing-container-image");
    assert.equal(f.severity, "error");
    assert.equal(f.file, "bad.yaml");
    assert.equal(f.path, "spec.template.spec.containers[0].image");
    assert.ok(f.line > 1 && f.column >= 1);
    assert.ok(f.help.endsWith("."));
  });

  test("broken YAML and non-Jobs are findings, not exceptions", () => {
    const broken = validateJobYaml("kind: [", "b.yaml");
    assert.equal(broken.valid, false);
    assert.deepEqual([broken.errors[0].code, broken.errors[0].rule], ["KJP001", "yaml-syntax-error"]);
    assert.equal(broken.jobData, null);
    const svc = validateJobYaml("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n");
    assert.equal(svc.valid, false);
    assert.ok(svc.errors.some((f) => f.code === "KJP102"), JSON.stringify(svc.errors));
    for (const text of ["", "42", "- a\n- b\n", "\u0000", "{".repeat(10000)]) {
      const v = validateJobYaml(text);
      assert.equal(v.valid, false, JSON.stringify(text));
      assert.equal(v.file, "");
    }
  });

  test("an alias to an undefined anchor is a finding, not a panic", () => {
    // serde_yaml 0.9.34 panics ("unexpected end of mapping") on these; the
    // core must catch them before it hands the text to serde_yaml.
    for (const text of ["a: *x\n", "a: [*x]\n", "apiVersion: batch/v1\nkind: Job\nmetadata: *meta\n"]) {
      const v = validateJobYaml(text, "alias.yaml");
      assert.equal(v.valid, false, text);
      assert.ok(v.errors.length > 0, text);
    }
  });

  test("a number beyond 2^53 in a manifest is read like JSON.parse reads it", () => {
    const yaml = SEED_1.replace("backoffLimit: 0", "backoffLimit: 0\n  activeDeadlineSeconds: 18446744073709551615");
    assert.notEqual(yaml, SEED_1);
    const v = validateJobYaml(yaml);
    assert.equal(v.jobData.spec.activeDeadlineSeconds, 18446744073709551615);
  });
});

describe("options", () => {
  test("strict turns warnings into errors", () => {
    const files = [{ name: "w.yaml", content: fixture("missing-namespace") }];
    const lax = planFiles(files);
    assert.equal(lax.validJobs, 1);
    assert.equal(lax.summary.strict, false);
    assert.deepEqual(lax.warnings.map((f) => [f.code, f.severity]), [["KJP201", "warning"]]);
    const strict = planFiles(files, { strict: true });
    assert.equal(strict.validJobs, 0);
    assert.equal(strict.invalidJobs, 1);
    assert.equal(strict.summary.strict, true);
    assert.deepEqual(strict.errors.map((f) => [f.code, f.severity]), [["KJP201", "error"]]);
    assert.equal(validateJobYaml(files[0].content, "w.yaml", { strict: true }).valid, false);
    assert.equal(validateJobYaml(files[0].content, "w.yaml", { strict: false }).valid, true);
  });

  test("resources and quotas options: the same objects as the CLI's --quota", () => {
    const q = (n) => ({ name: `tests/fixtures/resources/${n}`, content: fs.readFileSync(path.join(ROOT, "tests/fixtures/resources", n), "utf8") });
    const plan = planFiles([q("jobs.yaml")], { quotas: [q("quota-over.yaml")] });
    assert.equal(plan.jobs[0].resources.peakPods, 3);
    assert.equal(plan.summary.resources.ml.requests.cpu, "6400m");
    const native = run(nativeBin(), ["--format", "json", "--quota", "tests/fixtures/resources/quota-over.yaml", "tests/fixtures/resources/jobs.yaml"]);
    assert.deepEqual(plan, JSON.parse(native.stdout.toString()));
    assert.equal(planFiles(seedFiles()).summary.resources, undefined);
    assert.deepEqual(Object.keys(planFiles(seedFiles(), { resources: true }).summary.resources), ["trading-bots"]);
  });

  test("enableRules runs an opt-in rule by name or code; off by default", () => {
    const files = [{ name: "job.yaml", content: seedFiles()[0].content }];
    const has = (plan) => plan.warnings.some((f) => f.code === "KJP501" && f.path === "spec.ttlSecondsAfterFinished");
    assert.equal(has(planFiles(files)), false);
    assert.equal(has(planFiles(files, { enableRules: ["missing-ttl-seconds-after-finished"] })), true);
    assert.equal(has(planFiles(files, { enableRules: ["KJP501"] })), true);
    assert.equal(validateJobYaml(files[0].content, "job.yaml", { enableRules: ["KJP501"] }).warnings.some((f) => f.code === "KJP501"), true);
  });

  test("kubernetesVersion picks the rules' version; undefined and null mean the defaults", () => {
    assert.equal(planFiles(seedFiles(), { kubernetesVersion: "1.32" }).summary.kubernetesVersion, "1.32");
    const dflt = planFiles(seedFiles()).summary.kubernetesVersion;
    assert.equal(planFiles(seedFiles(), undefined).summary.kubernetesVersion, dflt);
    assert.equal(planFiles(seedFiles(), null).summary.kubernetesVersion, dflt);
    assert.equal(validateJobYaml(SEED_1, undefined, {}).valid, true);
    assert.equal(validateJobYaml(SEED_1, null, null).valid, true);
  });
});

describe("planFileBytes", () => {
  test("UTF-8 bytes plan like text; binary and UTF-16 are a finding", () => {
    const enc = new TextEncoder();
    const fromBytes = planFileBytes(seedFiles().map((f) => ({ name: f.name, bytes: enc.encode(f.content) })));
    assert.deepEqual(fromBytes, planFiles(seedFiles()));
    const utf16 = planFileBytes([{ name: "u.yaml", bytes: new Uint8Array([0xff, 0xfe, 0x61, 0, 0x3a, 0]) }]);
    assert.ok(utf16.errors.some((f) => f.code === "KJP003" && f.file === "u.yaml"), JSON.stringify(utf16.errors));
  });
});

describe("bad arguments throw an Error and leave the module usable", () => {
  const cases = [
    ["planFiles(string)", () => planFiles("x"), /planFiles: files must be an array/],
    ["planFiles(no args)", () => planFiles(), /planFiles: files must be an array/],
    ["planFiles([{name: 1}])", () => planFiles([{ name: 1, content: "" }]), /planFiles: each file must be/],
    ["planFiles([{name}])", () => planFiles([{ name: "a" }]), /planFiles: each file must be/],
    ["planFiles([], 5)", () => planFiles([], 5), /options must be an object/],
    ["planFiles([], {strict: 'yes'})", () => planFiles([], { strict: "yes" }), /invalid options/],
    ["unknown Kubernetes version", () => planFiles([], { kubernetesVersion: "1.2" }), /unsupported Kubernetes version "1.2"/],
    ["unknown rule to enable", () => planFiles([], { enableRules: ["no-such-rule"] }), /unknown rule "no-such-rule"/],
    ["enableRules not an array", () => planFiles([], { enableRules: "KJP501" }), /invalid options/],
    ["planFileBytes(strings)", () => planFileBytes([{ name: "a", bytes: "x" }]), /planFileBytes: each file must be/],
    ["validateJobYaml(5)", () => validateJobYaml(5), /validateJobYaml: yaml must be a string/],
    ["validateJobYaml('', 5)", () => validateJobYaml("", 5), /validateJobYaml: filename must be a string/],
    ["validateJobYaml('', 'f', 'strict')", () => validateJobYaml("", "f", "strict"), /options must be an object/],
    ["renderPlanText({})", () => renderPlanText({}), /renderPlanText: plan must be an ExecutionPlan/],
    ["renderPlanText(undefined)", () => renderPlanText(undefined), /renderPlanText: plan must be an ExecutionPlan/],
    ["renderPlan(plan, 'xml')", () => renderPlan(planFiles([]), "xml"), /unknown format "xml": valid formats are text, json/],
    ["renderPlan(plan, 1)", () => renderPlan(planFiles([]), 1), /renderPlan: format must be a string/],
  ];
  for (const [name, call, message] of cases) {
    test(name, () => {
      assert.throws(call, (e) => {
        assert.ok(e instanceof Error, `threw ${String(e)}, not an Error`);
        assert.match(e.message, message);
        return true;
      });
      assert.equal(renderPlanText(planFiles(seedFiles())), GOLDEN);
    });
  }

  test("version() is the package version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    assert.equal(version(), pkg.version);
  });
});
