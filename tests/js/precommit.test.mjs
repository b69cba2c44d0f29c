// The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit itself
// (`pip install pre-commit`; scripts/setup.sh installs it) in a temporary git
// repository. `pre-commit try-repo` takes the hooks from this working tree,
// uncommitted changes included, and the system hook runs the native binary
// from PATH, so nothing is fetched from the network.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { ROOT, assertBuilt, nativeBin, seedFiles, tempDir } from "./helpers.mjs";

const found = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
assert.equal(found.status, 0, "pre-commit is not installed: run `bash scripts/setup.sh` (pip install pre-commit)");

const NATIVE = nativeBin();
let repo;
let env;

function sh(cmd, args, { code = 0 } = {}) {
  const r = spawnSync(cmd, args, { cwd: repo, env, encoding: "utf8" });
  if (r.error) throw r.error;
  if (code !== undefined) assert.equal(r.status, code, `${cmd} ${args.join(" ")}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

const tryRepo = (hook, opts) => sh("pre-commit", ["try-repo", ROOT, hook, "--verbose"], opts);

before(() => {
  repo = tempDir("kjp-precommit");
  env = {
    ...process.env,
    // The native binary as `k8s-job-plan` on PATH, as the system hook expects.
    PATH: `${path.dirname(NATIVE)}${path.delimiter}${process.env.PATH}`,
    PRE_COMMIT_HOME: path.join(repo, ".cache-pre-commit"),
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_CONFIG_NOSYSTEM: "1",
  };
  delete env.GITHUB_STEP_SUMMARY;
  assert.ok(fs.existsSync(path.join(path.dirname(NATIVE), "k8s-job-plan")));
  sh("git", ["init", "-q", "-b", "main"]);
  sh("git", ["config", "user.name", "Test"]);
  sh("git", ["config", "user.email", "test@example.invalid"]);
  sh("git", ["config", "commit.gpgsign", "false"]);
  fs.writeFileSync(path.join(repo, ".gitignore"), ".cache-pre-commit/\n");
});

test("the system hook passes a valid Job, skips other files, and fails an invalid one with its finding", () => {
  const seed = seedFiles()[0].content;
  fs.mkdirSync(path.join(repo, "jobs"));
  fs.writeFileSync(path.join(repo, "jobs/valid.yaml"), seed);
  // Not YAML by name: never passed, although it would not parse.
  fs.writeFileSync(path.join(repo, "notes.txt"), "kind: [ not yaml, and not checked\n");
  sh("git", ["add", "-A"]);
  const ok = tryRepo("k8s-job-plan");
  assert.match(ok.stdout, /k8s-job-plan \(validate Kubernetes Jobs\)\.+Passed/);
  assert.match(ok.stdout, /Total Jobs: {14}1\nValid Jobs: {14}1\n/);
  sh("git", ["commit", "-q", "-m", "valid"]);

  // A commit that changes no YAML file: the hook does not run.
  fs.appendFileSync(path.join(repo, "notes.txt"), "more\n");
  sh("git", ["add", "-A"]);
  assert.match(tryRepo("k8s-job-plan").stdout, /k8s-job-plan \(validate Kubernetes Jobs\)\.+\(no files to check\)Skipped/);
  sh("git", ["commit", "-q", "-m", "notes"]);

  const invalid = seed.replace(/^( *)image: .*$/m, "$1imagePullPolicy: Always").replace("worker-1-0", "worker-1-7");
  fs.writeFileSync(path.join(repo, "jobs/invalid.yaml"), invalid);
  sh("git", ["add", "-A"]);
  const bad = tryRepo("k8s-job-plan", { code: 1 });
  assert.match(bad.stdout, /k8s-job-plan \(validate Kubernetes Jobs\)\.+Failed/);
  assert.match(bad.stdout, /jobs\/invalid\.yaml:\d+:\d+: error\[KJP105 missing-container-image\]/);
  // The committed, unchanged Job is not passed again.
  assert.match(bad.stdout, /Total Jobs: {14}1/);
  assert.doesNotMatch(bad.stdout, /worker-1-0/);
});

/** The README's `repo: local` pre-commit configurations ("Use in CI"). */
function readmeLocalConfigs() {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## Use in CI\n"));
  const blocks = [...section.matchAll(/```yaml\n(# \.pre-commit-config\.yaml\n[\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.filter((b) => b.includes("- repo: local"));
}

test("the README's repo: local configurations run under pre-commit: the binary and the npm package", () => {
  assertBuilt();
  const configs = readmeLocalConfigs();
  assert.equal(configs.length, 2);
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const packDir = tempDir("kjp-pack");
  const pack = spawnSync("npm", ["pack", "--silent", "--pack-destination", packDir], { cwd: ROOT, encoding: "utf8" });
  assert.equal(pack.status, 0, pack.stderr);
  const tarball = path.join(packDir, pack.stdout.trim().split("\n").pop());
  const seed = seedFiles()[0].content;
  const invalid = seed.replace(/^( *)image: .*$/m, "$1imagePullPolicy: Always");
  for (const config of configs) {
    repo = tempDir("kjp-precommit-local");
    sh("git", ["init", "-q", "-b", "main"]);
    sh("git", ["config", "user.name", "Test"]);
    sh("git", ["config", "user.email", "test@example.invalid"]);
    fs.writeFileSync(path.join(repo, ".gitignore"), ".cache-pre-commit/\n");
    env.PRE_COMMIT_HOME = path.join(repo, ".cache-pre-commit");
    // The npm form: the package packed from this checkout instead of the registry.
    const npmDep = `"k8s-job-plan@${version}"`;
    const local = config.includes("language: node") ? config.replace(npmDep, JSON.stringify(tarball)) : config;
    assert.ok(!local.includes("language: node") || local !== config, `the README pins k8s-job-plan@${version}`);
    fs.writeFileSync(path.join(repo, ".pre-commit-config.yaml"), local);
    fs.mkdirSync(path.join(repo, "deploy/jobs"), { recursive: true });
    fs.writeFileSync(path.join(repo, "deploy/jobs/valid.yaml"), seed);
    // Outside `files:`: never passed, although it is no Job.
    fs.writeFileSync(path.join(repo, "other.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    sh("git", ["add", "-A"]);
    const ok = sh("pre-commit", ["run", "--verbose"]);
    assert.match(ok.stdout, /\.+Passed/);
    assert.match(ok.stdout, /Total Jobs: {14}1\n/);
    sh("git", ["commit", "-q", "-m", "valid"]);
    fs.writeFileSync(path.join(repo, "deploy/jobs/invalid.yaml"), invalid);
    sh("git", ["add", "-A"]);
    const bad = sh("pre-commit", ["run", "--verbose"], { code: 1 });
    assert.match(bad.stdout, /\.+Failed/);
    assert.match(bad.stdout, /deploy\/jobs\/invalid\.yaml:\d+:\d+: error\[KJP105 missing-container-image\]/);
    assert.match(bad.stdout, /Total Jobs: {14}1\n/);
  }
});
