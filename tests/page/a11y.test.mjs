// Accessibility of the page, checked with axe-core (npm devDependency) in
// headless Chromium, in the light and the dark colour scheme, on a plan that
// shows every part of the page: Jobs valid and invalid, a CronJob, a List,
// skipped documents (opened), findings, the text plan, the policy box and the
// Resources panel (a namespace over its quota, one within). Zero violations.
//
// axe is injected as a script, which the page's CSP (script-src 'self')
// refuses; the browser context is made with `bypassCSP: true` for this test
// only. Every other page test runs under the CSP.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { start, stop, openPage, tid, settled, dropFiles } from "./harness.mjs";
import { EXAMPLE_1, validJob, missingImageJob } from "./fixtures.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

const CRON = `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly-report, namespace: batch}
spec:
  schedule: "30 2 * * MON-FRI"
  timeZone: Europe/Paris
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: report, image: "registry.example/report:1.4"}]
`;
const LIST = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: web}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: settings}
${validJob("listed-job")
  .split("\n")
  .map((l, i) => (l ? (i === 0 ? `- ${l}` : `  ${l}`) : l))
  .join("\n")}`;

// ResourceQuotas as List items: batch (2 Jobs, 2 pods) is over a 1-pod
// quota, trading-bots fits its own.
const QUOTAS = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ResourceQuota
  metadata: {name: tight, namespace: batch}
  spec:
    hard: {pods: "1", requests.cpu: "10"}
- apiVersion: v1
  kind: ResourceQuota
  metadata: {name: roomy, namespace: trading-bots}
  spec:
    hard: {pods: "10"}
`;

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await stop(env);
});

for (const colorScheme of ["light", "dark"]) {
  test(`axe-core finds no violation in the ${colorScheme} colour scheme`, async () => {
    const { page, context, record } = await openPage(env, { colorScheme, bypassCSP: true });
    try {
      await dropFiles(page, [
        { name: "seed.yaml", text: EXAMPLE_1 },
        { name: "bad.yaml", text: missingImageJob("broken") },
        { name: "cron.yaml", text: CRON },
        { name: "list.yaml", text: LIST },
        { name: "quotas.yaml", text: QUOTAS },
      ]);
      await settled(page);
      await page.waitForSelector(tid("cron-card"));
      // The Resources panel is part of what axe checks, in both verdicts.
      assert.equal(await page.isVisible(tid("resources-panel")), true);
      const rows = page.locator(tid("resources-namespace"));
      assert.equal(await rows.count(), 2);
      assert.match(await rows.nth(0).getByRole("rowheader").textContent(), /^batchdoes not fit its quota$/);
      assert.match(await rows.nth(1).getByRole("rowheader").textContent(), /^trading-botsfits its quota$/);
      await page.click(tid("skipped-summary"));
      await page.waitForSelector(`${tid("skipped-list")} li`);
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`).slice(0, 5),
        }));
      });
      assert.deepEqual(result, [], JSON.stringify(result, null, 2));
      // The test could fail: axe ran and saw the page.
      const ran = await page.evaluate(async () => (await axe.run(document, { runOnly: ["color-contrast"] })).passes.reduce((n, p) => n + p.nodes.length, 0));
      assert.ok(ran > 10, `axe checked contrast on ${ran} elements`);
      assert.deepEqual(record.errors, []);
    } finally {
      await context.close();
    }
  });
}

test("CronJobs get their own cards with schedule, time zone and concurrency", async () => {
  const { page, context, record } = await openPage(env);
  try {
    await dropFiles(page, [{ name: "cron.yaml", text: CRON }, { name: "job.yaml", text: validJob("a-job") }]);
    await settled(page);
    await page.waitForSelector(tid("cron-card"));
    const card = await page.textContent(tid("cron-card"));
    assert.match(card, /nightly-report/);
    assert.match(card, /30 2 \* \* MON-FRI/);
    assert.match(card, /Europe\/Paris/);
    assert.match(card, /Allow/);
    // No restartPolicy: refused with the API server's path.
    assert.match(card, /spec\.jobTemplate\.spec\.template\.spec\.restartPolicy: Required value/);
    assert.equal(await page.textContent(tid("total-jobs")), "1", "Total Jobs counts Jobs");
    assert.equal(await page.textContent(tid("cron-shown")), "1");
    assert.match(await page.textContent(tid("plan-text")), /\[CRONJOBS\]/);
    assert.deepEqual(record.errors, []);
  } finally {
    await context.close();
  }
});

test("skipped documents show as a collapsed count by kind, listed on demand", async () => {
  const { page, context, record } = await openPage(env);
  try {
    const others = Array.from({ length: 60 }, (_, i) =>
      i % 3 === 0 ? `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n` : `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\n`,
    );
    await dropFiles(page, [{ name: "mixed.yaml", text: [validJob("a-job"), ...others].join("---\n") }]);
    await settled(page);
    assert.equal(await page.textContent(tid("skipped-summary")), "60 skipped (not Jobs): 40 Service, 20 ConfigMap");
    assert.equal(await page.isVisible(tid("skipped-list")), false, "collapsed");
    assert.equal(await page.locator(`${tid("skipped-list")} li`).count(), 0, "not built until opened");
    await page.click(tid("skipped-summary"));
    await page.waitForSelector(`${tid("skipped-list")} li`);
    assert.equal(await page.locator(`${tid("skipped-list")} li`).count(), 60);
    assert.match(await page.textContent(`${tid("skipped-list")} li`), /mixed\.yaml \(document 2\): ConfigMap c0/);
    assert.deepEqual(record.errors, []);
  } finally {
    await context.close();
  }
});
