// The page's plan does not depend on how many workers made it: with 1, 2 and
// 4 workers (`?workers=N`) the plan (its JSON download and its text plan) is
// byte-identical to one `planFileBytes` call on the same bytes, in Node. On a
// mixed set: the seed's examples, real-world Jobs, broken, empty, binary and
// UTF-16 files, CronJobs, a List, a ResourceQuota and a LimitRange (whose
// checks cross files), ignores; then again under other options (resources,
// a policy) and after a file is removed, which the workers must re-check.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { start, stop, openPage, tid, settled, dropFiles, repo } from "./harness.mjs";
import { validJob } from "./fixtures.mjs";

const core = createRequire(import.meta.url)(join(repo, "pkg", "node", "k8s_job_plan.js"));

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await stop(env);
});

const read = (dir, name) => readFileSync(join(repo, dir, name));
const CRON = `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: batch}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: c
            image: busybox:1.36
`;

/** The mixed set, as { name, bytes }. Over a hundred files, so that each worker gets several batches. */
function files() {
  const text = (name, t) => ({ name, bytes: new TextEncoder().encode(t) });
  const out = [];
  for (const n of readdirSync(join(repo, "examples", "d29_k8s_jobs")).sort()) out.push({ name: `seed-${n}`, bytes: read("examples/d29_k8s_jobs", n) });
  for (const n of readdirSync(join(repo, "tests", "realworld")).filter((n) => n.endsWith(".yaml")).sort().slice(0, 12)) {
    out.push({ name: `rw-${n}`, bytes: read("tests/realworld", n) });
  }
  for (const n of ["jobs.yaml", "quota-over.yaml"]) out.push({ name: `res-${n}`, bytes: read("tests/fixtures/resources", n) });
  for (let i = 0; i < 120; i++) {
    let job = validJob(`job-${String(i).padStart(3, "0")}`, ["batch", "reports", "trading-bots"][i % 3]);
    if (i % 7 === 0) job = job.replace("restartPolicy: Never", "restartPolicy: Always");
    if (i % 11 === 0) job = job.replace("          image: busybox:1.36\n", "");
    out.push(text(`gen-${String(i).padStart(3, "0")}.yaml`, job));
  }
  out.push(
    text("broken.yaml", "apiVersion: batch/v1\nkind: [Job\n"),
    text("empty.yaml", ""),
    { name: "binary.yaml", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]) },
    { name: "utf16.yaml", bytes: new Uint8Array([0xff, 0xfe, 0x61, 0, 0x3a, 0, 0x20, 0, 0x31, 0]) },
    text("cron.yaml", CRON),
    text("list.yaml", `apiVersion: v1\nkind: List\nitems:\n${[validJob("in-list"), CRON].map((d) => d.trimEnd().split("\n").map((l, i) => (i ? "  " : "- ") + l).join("\n")).join("\n")}\n`),
    text("limits.yaml", "apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr, namespace: reports}\nspec:\n  limits:\n  - type: Container\n    default: {cpu: 300m, memory: 64Mi}\n    max: {cpu: 150m}\n"),
    text("legacy-old.yaml", validJob("legacy").replace("  namespace: batch\n", "")),
    text("ignored.yaml", validJob("ignored").replace("metadata:\n", 'metadata:\n  annotations:\n    k8s-job-plan.io/ignore: "KJP202: the image has defaults"\n').replace('          args: ["echo hi"]\n', "")),
    text("job-and-service.yaml", `${validJob("with-service")}---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n`),
  );
  return out;
}

const POLICY = 'profile: kubernetes\nconventions:\n  maxParallelism: 2\nignore:\n  - rule: missing-namespace\n    files: "legacy-*"\n    reason: applied with -n\n';

/** The plan of one call, in Node: its JSON (as the download) and its text. */
function oneCall(set, options) {
  const plan = core.planFileBytes(set, options);
  return { json: core.renderPlan(plan, "json"), text: core.renderPlanText(plan), total: plan.totalJobs };
}

async function pagePlan(page) {
  await settled(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(tid("download-json"))]);
  return { json: readFileSync(await download.path(), "utf8"), text: await page.textContent(tid("plan-text")) };
}

function assertSame(got, want, what) {
  // Not assert.equal on megabytes: say where they first differ.
  for (const k of ["json", "text"]) {
    if (got[k] === want[k]) continue;
    let i = 0;
    while (got[k][i] === want[k][i]) i++;
    assert.fail(`${what}: the ${k} differs from one call's at ${i}: ${JSON.stringify(got[k].slice(i - 40, i + 40))} vs ${JSON.stringify(want[k].slice(i - 40, i + 40))}`);
  }
}

for (const workers of [1, 2, 4]) {
  test(`${workers} worker${workers === 1 ? "" : "s"}: the page's plan is byte-identical to one planFileBytes call`, async () => {
    const { page, context, record } = await openPage(env);
    await page.goto(`${env.url}?workers=${workers}`);
    await page.waitForSelector("body[data-ready]");
    assert.equal(await page.evaluate(() => document.body.dataset.workers), String(workers));
    const set = files();
    await dropFiles(page, set.map(({ name, bytes }) => ({ name, bytes: [...bytes] })));
    const want = oneCall(set, { strict: false });
    assert.ok(want.total > 120, `the set has Jobs (${want.total})`);
    // The checks that cross files are exercised: the LimitRange and the quota.
    for (const code of ["KJP701", "KJP702", "KJP003", "\"cronJobs\"", "\"suppressed\""]) assert.ok(want.json.includes(code), `the plan has ${code}`);
    await page.waitForFunction((n) => document.querySelector('[data-testid="total-jobs"]').textContent === String(n), want.total);
    assertSame(await pagePlan(page), want, "default options");

    // Other options: every worker checks its files again under them.
    await page.check(tid("resources-toggle"));
    await page.fill(tid("policy-input"), POLICY);
    await page.waitForFunction(() => document.querySelector('[data-testid="policy-source"]').textContent.startsWith("In force"));
    assertSame(await pagePlan(page), oneCall(set, { strict: false, resources: true, config: POLICY }), "resources and a policy");

    // A file removed (the first listed, whichever worker holds it).
    const first = await page.locator(tid("file-item")).first().locator(".file-name").textContent();
    await page.locator(tid("remove-file")).first().click();
    const rest = set.filter((f) => f.name !== first);
    await page.waitForFunction((n) => document.querySelector('[data-testid="file-count"]').textContent === String(n), rest.length);
    assertSame(await pagePlan(page), oneCall(rest, { strict: false, resources: true, config: POLICY }), `without ${first}`);
    assert.deepEqual(record.errors, []);
    assert.deepEqual(record.foreign, []);
    await context.close();
  });
}
