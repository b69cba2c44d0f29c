// The package's TypeScript types are real: a small consumer compiles with
// `tsc --strict` from ESM and CommonJS, and misuses fail to compile.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT, assertBuilt, run, tempDir } from "./helpers.mjs";

assertBuilt();

const ESM_CONSUMER = `import {
  planFiles,
  planFileBytes,
  renderPlan,
  renderPlanText,
  validateJobYaml,
  version,
  presentJob,
  presentPlan,
  kubernetesVersions,
  limits,
  parsePolicy,
  policyText,
  type Policy,
  type PolicyResult,
  type SuppressedFinding,
  type ExecutionPlan,
  type FileFindings,
  type Finding,
  type JobPresentation,
  type JobValidation,
  type ListedFinding,
  type PlanPresentation,
  type PlanOptions,
  type Severity,
} from "k8s-job-plan";

const options: PlanOptions = { strict: true, kubernetesVersion: "1.35" };
const optIn: PlanOptions = { enableRules: ["missing-ttl-seconds-after-finished"] };
const optInPlan: ExecutionPlan = planFiles([], optIn);
const policy: Policy = {
  profile: "kubernetes",
  rules: { "missing-env": "off" },
  conventions: { requiredLabels: { team: "^[a-z]+$" }, allowedRegistries: ["ghcr.io/acme/"], requireResources: "both", maxParallelism: 4 },
  ignore: [{ rule: "KJP206", files: "legacy/**", reason: "reads a file" }],
  allowInlineIgnores: false,
};
const withPolicy: ExecutionPlan = planFiles([], { config: policy, noInlineIgnores: true });
const withText: ExecutionPlan = planFiles([], { config: "profile: kubernetes\\n" });
const suppressed: SuppressedFinding[] = withPolicy.jobs[0]?.suppressed ?? [];
const parsed: PolicyResult = parsePolicy("profile: seed\\n");
const where: number = parsed.ok ? 0 : parsed.line;
const commented: string = policyText(policy);
console.log(withText, suppressed, where, commented);
// @ts-expect-error profile is seed or kubernetes
planFiles([], { config: { profile: "strict" } });
// @ts-expect-error a rule's level is error, warning or off
const badLevel: Policy = { rules: { "missing-env": "ignore" } };
// @ts-expect-error an ignore needs a reason
const noReason: Policy = { ignore: [{ rule: "KJP206" }] };
console.log(badLevel, noReason);
const plan: ExecutionPlan = planFiles([{ name: "a.yaml", content: "kind: Job" }], options);
const lax: ExecutionPlan = planFiles([{ name: "a.yaml", content: "" }]);
const bytes: ExecutionPlan = planFileBytes([{ name: "b.yaml", bytes: new Uint8Array([107]) }], {});
const text: string = renderPlanText(plan);
const json: string = renderPlan(lax, "json");
const annotations: string = renderPlan(lax, "github");
const first: Finding | undefined = plan.errors[0];
const line: number = first === undefined ? 0 : first.line + first.column + first.document;
const severity: Severity | undefined = first?.severity;
const help: string | undefined = first?.help;
const v: JobValidation = validateJobYaml("kind: Job");
const v2: JobValidation = validateJobYaml("kind: Job", "a.yaml", { strict: false });
const jobName: string = v2.jobName;
const valid: boolean = v.valid && bytes.summary.strict;
const skipped: string[] = plan.summary.skippedDocuments.map((s) => s.kind + s.name + s.reason);
const counts: number = plan.totalJobs + plan.validJobs + plan.invalidJobs + plan.summary.files + plan.summary.documents;
const k: string = plan.summary.kubernetesVersion + plan.summary.namespaces.join(",") + version();
const data = plan.jobs[0]?.jobData;
if (data !== null && data !== undefined && typeof data === "object" && !Array.isArray(data)) {
  const kind = data["kind"];
  if (typeof kind === "string") console.log(kind.toUpperCase());
}
console.log(text, json, annotations, line, severity, help, jobName, valid, skipped, counts, k, optInPlan.totalJobs);
const own: FileFindings[] = lax.files ?? [];
const ownErrors: number = own.reduce((n, f) => n + f.errors.length + f.warnings.length, 0);
const shown: PlanPresentation = presentPlan(plan);
const listed: ListedFinding | undefined = shown.findings[0];
const jobIndex: number | null = listed === undefined ? null : listed.job;
const card: JobPresentation = presentJob(v2);
const env: [string, string][] = card.containers.flatMap((c) => c.env.lines);
const heading: string | null = card.containers[0]?.heading ?? null;
const newest: string = kubernetesVersions()[0] ?? "";
const maxBytes: number = limits().maxFileBytes;
console.log(ownErrors, shown.text, jobIndex, env, heading, newest, maxBytes);
// @ts-expect-error a finding's job is an index or null
const badJob: string = listed?.job;
// @ts-expect-error limits are numbers
const badLimit: string = limits().maxFileBytes;
console.log(badJob, badLimit);

// @ts-expect-error a file needs its content
planFiles([{ name: "a.yaml" }]);
// @ts-expect-error jobName is a string
const wrongName: number = v.jobName;
// @ts-expect-error strict is a boolean
planFiles([], { strict: "yes" });
// @ts-expect-error enableRules is a list of names
planFiles([], { enableRules: "KJP501" });
// @ts-expect-error an unknown format
renderPlan(plan, "xml");
// @ts-expect-error no such field
console.log(plan.totalJob);
// @ts-expect-error validateJobYaml takes text
validateJobYaml(42);
// @ts-expect-error severity is "error" or "warning"
const badSeverity: Severity = "fatal";
console.log(wrongName, badSeverity);
`;

const CJS_CONSUMER = `import kjp = require("k8s-job-plan");

const plan: kjp.ExecutionPlan = kjp.planFiles([{ name: "a.yaml", content: "" }], { strict: true });
const text: string = kjp.renderPlanText(plan);
const host: kjp.CliHost = {
  stat: () => ({ kind: "file" }),
  readDir: () => [],
  readFile: () => new Uint8Array(),
  readStdin: () => ({ tooLarge: 1 }),
  canonicalize: () => null,
  writeFileAtomic: () => ({ error: "read-only", code: "EROFS" }),
  stdout: (t: string) => void t,
  stderr: (t: string) => void t,
};
const code: number = kjp.runCli(["--help"], host);
// The optional step-summary methods of --format github.
const ghHost: kjp.CliHost = {
  ...host,
  env: (name: string) => (name === "GITHUB_STEP_SUMMARY" ? "summary.md" : undefined),
  appendFile: () => null,
};
console.log(text, code, ghHost);
// @ts-expect-error args are strings
kjp.runCli([1], host);
`;

test("the declarations name no `any`", () => {
  for (const file of ["js/index.d.ts", "pkg/node/k8s_job_plan.d.ts"]) {
    const code = fs
      .readFileSync(path.join(ROOT, file), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    assert.doesNotMatch(code, /\bany\b/, file);
  }
});

test("tsc --strict compiles an ESM and a CommonJS consumer and rejects misuse", () => {
  const dir = tempDir("kjp-tsc");
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(ROOT, path.join(dir, "node_modules/k8s-job-plan"), "dir");
  fs.writeFileSync(path.join(dir, "consumer.mts"), ESM_CONSUMER);
  fs.writeFileSync(path.join(dir, "consumer.cts"), CJS_CONSUMER);
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2022",
        lib: ["es2022", "dom"],
        types: [],
        skipLibCheck: false,
      },
      files: ["consumer.mts", "consumer.cts"],
    }),
  );
  // What a bundler project (Vite) uses: the "types" condition, ESM only.
  fs.writeFileSync(
    path.join(dir, "tsconfig.bundler.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: "esnext",
        moduleResolution: "bundler",
        target: "es2022",
        lib: ["es2022", "dom"],
        types: [],
        skipLibCheck: false,
      },
      files: ["consumer.mts"],
    }),
  );
  const tsc = path.join(ROOT, "node_modules/.bin/tsc");
  assert.ok(fs.existsSync(tsc), "typescript is not installed: run `npm ci`");
  for (const config of ["tsconfig.json", "tsconfig.bundler.json"]) {
    const r = run(tsc, ["-p", path.join(dir, config)], { cwd: dir });
    assert.equal(r.status, 0, `tsc -p ${config} failed:\n${r.stdout}${r.stderr}`);
  }

  // And the same consumer with one real mistake fails: the check can fail.
  fs.writeFileSync(path.join(dir, "consumer.mts"), `${ESM_CONSUMER}\nconst oops: string = planFiles([]).totalJobs;\n`);
  const bad = run(tsc, ["-p", path.join(dir, "tsconfig.json")], { cwd: dir });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout.toString(), /consumer\.mts.*Type 'number' is not assignable to type 'string'/);
});
