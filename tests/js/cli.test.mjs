// `npx k8s-job-plan` (js/cli.cjs, the native CLI's logic in wasm with a
// node:fs host) against the native binary: same stdout, stderr and exit code,
// byte for byte, on the same folders and flags.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, describe, test } from "node:test";
import { ROOT, SEED_DIR, assertBuilt, nativeBin, run, seedFiles, tempDir } from "./helpers.mjs";

assertBuilt();
const NATIVE = nativeBin();
const CLI = path.join(ROOT, "js/cli.cjs");
// One byte over the core's limit (limits::MAX_FILE_BYTES); the file is
// sparse, so neither CLI should need to read it to refuse it.
const MAX_FILE_BYTES = 16 * 1024 * 1024;

const fixture = (rule) => fs.readFileSync(path.join(ROOT, "tests/fixtures/rules", rule, "invalid.yaml"), "utf8");
const SEED_1 = seedFiles()[0].content;

let work;
before(() => {
  work = tempDir("kjp-cli");
  const w = (p, content) => {
    fs.mkdirSync(path.dirname(path.join(work, p)), { recursive: true });
    fs.writeFileSync(path.join(work, p), content);
  };
  w("jobs/a-valid.yaml", SEED_1);
  w("jobs/b-warn.yaml", fixture("missing-namespace"));
  w("jobs/c-invalid.yaml", fixture("missing-container-image"));
  w("jobs/d-broken.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata: {name: [\n");
  w("jobs/e-multi.yaml", `${SEED_1}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\n${fixture("no-containers")}`);
  w("jobs/f-service.yml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n");
  w("jobs/g-empty.yaml", "");
  w("jobs/h-binary.yaml", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
  w("jobs/i-ünïcode.yaml", SEED_1.replace("worker-1-0", "worker-1-9"));
  w("jobs/.hidden.yaml", "not: planned\n");
  w("jobs/notes.txt", "not yaml\n");
  w("jobs/sub/nested.YML", fixture("missing-args"));
  fs.symlinkSync(".", path.join(work, "jobs/sub/loop"));
  fs.symlinkSync("nowhere.yaml", path.join(work, "jobs/sub/dangling.yaml"));
  const fd = fs.openSync(path.join(work, "jobs/z-huge.yaml"), "w");
  fs.ftruncateSync(fd, MAX_FILE_BYTES + 1);
  fs.closeSync(fd);
  for (const f of seedFiles()) w(`valid/${path.basename(f.name)}`, f.content);
  fs.mkdirSync(path.join(work, "emptydir"));
  w("plain.yaml", SEED_1);
  fs.mkdirSync(path.join(work, "out-native"));
  fs.mkdirSync(path.join(work, "out-node"));
});

/** Runs both CLIs and asserts identical bytes; returns the native result. */
function both(args, { cwd = work, input, code, env } = {}) {
  const native = run(NATIVE, args, { cwd, input, env });
  const node = run(process.execPath, [CLI, ...args], { cwd, input, env });
  const what = `k8s-job-plan ${args.join(" ")}`;
  assert.equal(node.stderr.toString("utf8"), native.stderr.toString("utf8"), `stderr of ${what}`);
  assert.equal(node.stdout.toString("utf8"), native.stdout.toString("utf8"), `stdout of ${what}`);
  assert.ok(node.stdout.equals(native.stdout) && node.stderr.equals(native.stderr), `bytes of ${what}`);
  assert.equal(node.status, native.status, `exit code of ${what}`);
  if (code !== undefined) assert.equal(native.status, code, `expected exit code of ${what}: ${native.stderr}`);
  return native;
}

describe("same bytes and exit codes as the native CLI", () => {
  test("the seed example, text and json", () => {
    const r = both(["--jobs-dir", SEED_DIR], { cwd: ROOT, code: 0 });
    assert.match(r.stdout.toString(), /Valid Jobs: {14}2/);
    both(["--format", "json", "--jobs-dir", SEED_DIR], { cwd: ROOT, code: 0 });
    both(["--strict", "--jobs-dir", `${ROOT}/${SEED_DIR}`], { code: 0 });
  });

  for (const format of ["text", "json", "sarif", "junit", "github"]) {
    test(`a folder of valid, invalid, broken, binary, huge, hidden, nested and dangling files (--format ${format})`, () => {
      const r = both(["--format", format, "--jobs-dir", "jobs"], { code: 1 });
      assert.ok(r.stdout.length > 0);
    });
  }

  test("--resources and --quota (repeatable; a missing quota file is a usage error)", () => {
    const q = "tests/fixtures/resources";
    const r = both(["--quota", `${q}/quota-over.yaml`, "--format", "json", `${q}/jobs.yaml`], { cwd: ROOT, code: 0 });
    const plan = JSON.parse(r.stdout.toString());
    assert.equal(plan.summary.resources.ml.quota.fits, false);
    assert.ok(plan.warnings.some((f) => f.code === "KJP702" && f.file === `${q}/quota-over.yaml` && f.line === 8));
    both(["--quota", `${q}/quota-over.yaml`, "--quota", `${q}/quota-fits.yaml`, "--strict", `${q}/jobs.yaml`], { cwd: ROOT, code: 1 });
    both(["--resources", "--jobs-dir", SEED_DIR], { cwd: ROOT, code: 0 });
    both(["--quota", "no/such.yaml", "--jobs-dir", SEED_DIR], { cwd: ROOT, code: 2 });
  });

  test("files and folders as arguments, --strict", () => {
    both(["jobs/b-warn.yaml"], { code: 0 });
    both(["--strict", "jobs/b-warn.yaml"], { code: 1 });
    both(["--strict", "--format=json", "jobs/sub"], { code: 1 });
    both(["valid", "jobs/b-warn.yaml", "jobs/sub/nested.YML"], { code: 0 });
    both(["--kubernetes-version", "1.32", "valid"], { code: 0 });
  });

  test("missing and unusable inputs", () => {
    both(["--jobs-dir", "missing"], { code: 1 });
    both(["missing.yaml", "valid"], { code: 1 });
    both(["plain.yaml/x"], { code: 1 });
    both(["--jobs-dir", "emptydir"], { code: 1 });
    both(["jobs/z-huge.yaml"], { code: 1 });
    both(["jobs/sub/dangling.yaml"], { code: 1 });
  });

  test("usage errors, help and version", () => {
    both([], { code: 2 });
    both(["--bogus", "valid"], { code: 2 });
    both(["--jobs-dir"], { code: 2 });
    both(["--format", "xml", "valid"], { code: 2 });
    both(["--kubernetes-version", "1.2", "valid"], { code: 2 });
    both(["--help"], { code: 0 });
    both(["-V"], { code: 0 });
  });

  test("standard input", () => {
    both(["-"], { input: SEED_1, code: 0 });
    both(["--format", "json", "-"], { input: "kind: [\n", code: 1 });
    both(["-", "valid"], { input: fixture("missing-args"), code: 0 });
    both(["-"], { input: "", code: 1 });
  });

  test("--output-plan writes the same plan atomically", () => {
    for (const format of ["text", "json"]) {
      const name = `plan.${format}`;
      both(["--format", format, "--output-plan", `out-native/${name}`, "valid"], { code: 0 });
      // The path is part of neither stdout nor stderr on success, so each CLI
      // writes its own file and the two files are compared.
      const native = run(NATIVE, ["--format", format, "--output-plan", `out-native/${name}`, "--jobs-dir", "jobs"], { cwd: work });
      const node = run(process.execPath, [CLI, "--format", format, "--output-plan", `out-node/${name}`, "--jobs-dir", "jobs"], { cwd: work });
      assert.equal(native.status, 1);
      assert.equal(node.status, native.status);
      assert.ok(node.stdout.equals(native.stdout));
      const written = fs.readFileSync(path.join(work, "out-node", name));
      assert.ok(written.equals(fs.readFileSync(path.join(work, "out-native", name))));
      assert.ok(written.equals(node.stdout), "the written plan is the printed plan");
    }
    // No temporary file is left behind.
    assert.deepEqual(fs.readdirSync(path.join(work, "out-node")).sort(), ["plan.json", "plan.text"]);
  });

  test("--report FORMAT=FILE writes the same reports, with any format on stdout", () => {
    const reports = (dir) => ["sarif=r.sarif", "junit=junit.xml", "github=gh.txt", "json=plan.json"].flatMap((r) => {
      const [format, name] = r.split("=");
      return ["--report", `${format}=${dir}/${name}`];
    });
    fs.mkdirSync(path.join(work, "rep-native"));
    fs.mkdirSync(path.join(work, "rep-node"));
    for (const format of ["text", "github"]) {
      const native = run(NATIVE, ["--format", format, "--jobs-dir", "jobs", ...reports("rep-native")], { cwd: work });
      const node = run(process.execPath, [CLI, "--format", format, "--jobs-dir", "jobs", ...reports("rep-node")], { cwd: work });
      assert.equal(native.status, 1, native.stderr.toString());
      assert.equal(node.status, native.status);
      assert.ok(node.stdout.equals(native.stdout) && node.stderr.equals(native.stderr));
      for (const [name, fmt] of [["r.sarif", "sarif"], ["junit.xml", "junit"], ["gh.txt", "github"], ["plan.json", "json"]]) {
        const written = fs.readFileSync(path.join(work, "rep-node", name));
        assert.ok(written.equals(fs.readFileSync(path.join(work, "rep-native", name))), `${name} after --format ${format}`);
        const alone = run(NATIVE, ["--format", fmt, "--jobs-dir", "jobs"], { cwd: work });
        assert.ok(written.equals(alone.stdout), `${name} is the --format ${fmt} output`);
      }
    }
    assert.deepEqual(fs.readdirSync(path.join(work, "rep-node")).sort(), ["gh.txt", "junit.xml", "plan.json", "r.sarif"]);
  });

  test("--report errors exit 2 alike: no '=', unknown format, unwritable path, an input manifest, a file named twice", () => {
    both(["--report", "sarif", "valid"], { code: 2 });
    both(["--report=xml=out.xml", "valid"], { code: 2 });
    both(["--report", "junit=", "valid"], { code: 2 });
    both(["valid", "--report"], { code: 2 });
    both(["--report", "json=nodir/plan.json", "valid"], { code: 2 });
    both(["--report", "json=emptydir", "valid"], { code: 2 });
    both(["--report", "json=x.json", "--output-plan", "x.json", "valid"], { code: 2 });
    const input = `valid/${fs.readdirSync(path.join(work, "valid"))[0]}`;
    const before = fs.readFileSync(path.join(work, input));
    both(["--report", `sarif=${input}`, "valid"], { code: 2 });
    assert.ok(fs.readFileSync(path.join(work, input)).equals(before), "the input manifest is untouched");
    assert.deepEqual(fs.readdirSync(path.join(work, "emptydir")), []);
  });

  test("--format github appends the same step summary to $GITHUB_STEP_SUMMARY", () => {
    const summary = (who) => path.join(work, `summary-${who}.md`);
    for (const who of ["native", "node"]) fs.writeFileSync(summary(who), "# earlier step\n");
    const withSummary = (who) => ({ ...process.env, GITHUB_STEP_SUMMARY: summary(who) });
    const native = run(NATIVE, ["--format", "github", "--jobs-dir", "jobs"], { cwd: work, env: withSummary("native") });
    const node = run(process.execPath, [CLI, "--format", "github", "--jobs-dir", "jobs"], { cwd: work, env: withSummary("node") });
    assert.equal(native.status, 1);
    assert.equal(node.status, native.status);
    assert.ok(node.stdout.equals(native.stdout) && node.stderr.equals(native.stderr));
    const written = fs.readFileSync(summary("node"), "utf8");
    assert.equal(written, fs.readFileSync(summary("native"), "utf8"));
    assert.match(written, /^# earlier step\n### k8s-job-plan: failed\n\n\| Summary \| \|\n/);
    // An unwritable summary: exit 2 alike, with the annotations printed.
    const env = { ...process.env, GITHUB_STEP_SUMMARY: path.join(work, "nodir/summary.md") };
    both(["--format", "github", "--jobs-dir", "jobs"], { env, code: 2 });
    // Without the variable, or with another format, nothing is appended.
    const unset = { ...process.env };
    delete unset.GITHUB_STEP_SUMMARY;
    both(["--format", "github", "valid"], { env: unset, code: 0 });
    both(["--format", "text", "valid"], { env: withSummary("native"), code: 0 });
    assert.equal(fs.readFileSync(summary("native"), "utf8"), written);
  });

  test("--output-plan errors: missing folder, a folder, an input manifest", () => {
    both(["--output-plan", "nodir/plan.txt", "valid"], { code: 1 });
    both(["--output-plan", "emptydir", "valid"], { code: 1 });
    const input = `valid/${fs.readdirSync(path.join(work, "valid"))[0]}`;
    const before = fs.readFileSync(path.join(work, input));
    both(["--output-plan", input, "valid"], { code: 1 });
    assert.ok(fs.readFileSync(path.join(work, input)).equals(before), "the input manifest is untouched");
    assert.deepEqual(fs.readdirSync(path.join(work, "emptydir")), []);
  });
});

// The real-world corpus lives next to the repository (../shared); a checkout
// without it still passes, with a note. KJP_SHARED_DIR points elsewhere.
const SHARED = process.env.KJP_SHARED_DIR || path.resolve(ROOT, "../shared");
const CORPUS = path.join(SHARED, "corpus/realworld");
const noCorpus = fs.existsSync(CORPUS) ? false : `no real-world corpus at ${CORPUS}`;
if (noCorpus) console.log(`# note: ${noCorpus}; the corpus parity test does not run`);

test("the real-world corpus: same bytes in every format", { skip: noCorpus }, () => {
  for (const format of ["text", "json", "sarif", "junit", "github"]) {
    const r = both(["--format", format, CORPUS], { cwd: ROOT });
    assert.ok(r.stdout.length > 1000, `${format} plan of the corpus`);
  }
  both(["--strict", CORPUS], { cwd: ROOT, code: 1 });
});
