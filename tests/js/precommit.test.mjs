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
import { ROOT, nativeBin, seedFiles, tempDir } from "./helpers.mjs";

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
