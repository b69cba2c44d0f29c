// The Resources panel in Chromium: one table row per namespace, the one
// over its quota first, a bar per resource with its text; dark mode too.
// Saves docs/resources.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { start, stop, openPage, tid, counts, settled, dropFiles, repo } from "./harness.mjs";

const fixture = (name) => readFileSync(join(repo, "tests/fixtures/resources", name), "utf8");

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await stop(env);
});

const OTHER = `apiVersion: batch/v1
kind: Job
metadata: {name: report, namespace: analytics}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        resources:
          requests: {cpu: 250m, memory: 256Mi}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: small, namespace: analytics}
spec:
  hard: {requests.cpu: "1", pods: "4"}
`;

test("the Resources panel lists namespaces, the one over quota first, with a bar per resource", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page, context, record } = await openPage(env, { colorScheme });
    assert.equal(await page.isHidden(tid("resources-panel")), true, "hidden without resources");
    await dropFiles(page, [
      { name: "jobs.yaml", text: fixture("jobs.yaml") },
      { name: "quota-over.yaml", text: fixture("quota-over.yaml") },
      { name: "other.yaml", text: OTHER },
    ]);
    await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "3");
    assert.deepEqual(await counts(page), { total: 3, valid: 3, invalid: 0 });
    assert.equal(await page.isVisible(tid("resources-panel")), true);
    // Table semantics: a row header per namespace, column headers.
    const table = page.getByRole("table", { name: /Resources per namespace/ });
    assert.equal(await table.getByRole("columnheader").count(), 4);
    const rows = page.locator(tid("resources-namespace"));
    assert.equal(await rows.count(), 2);
    const first = await rows.nth(0).getByRole("rowheader").textContent();
    assert.match(first, /^mldoes not fit its quota$/);
    assert.match(await rows.nth(1).getByRole("rowheader").textContent(), /^analyticsfits its quota$/);
    const gpu = rows.nth(0).locator(tid("resource-row"), { hasText: "requests.nvidia.com/gpu" });
    assert.equal(await gpu.textContent(), "requests.nvidia.com/gpu3 of 2 (150%) — over quota");
    assert.equal(await gpu.getAttribute("class"), "over");
    assert.equal(await gpu.locator(".bar").getAttribute("aria-hidden"), "true");
    const cpu = rows.nth(1).locator(tid("resource-row"), { hasText: "requests.cpu" });
    assert.equal(await cpu.textContent(), "requests.cpu250m of 1 (25%)");
    // The over-quota text is readable: its colour differs from the background.
    const colors = await gpu.locator(".resource-label").evaluate((n) => {
      const s = getComputedStyle(n);
      return [s.color, getComputedStyle(document.body).backgroundColor];
    });
    assert.notEqual(colors[0], colors[1]);
    // The quota overrun is a finding on the quota's line.
    assert.match(await page.textContent(tid("plan-text")), /quota-over\.yaml:8:5: warning\[KJP702 quota-exceeded\]/);
    if (colorScheme === "light") {
      const shot = join(repo, "docs", "resources.png");
      await page.locator(tid("resources-panel")).screenshot({ path: shot });
      assert.ok(statSync(shot).size < 300 * 1024, "screenshot under 300 KB");
    }
    assert.deepEqual(record.errors, []);
    assert.deepEqual(record.foreign, []);
    await context.close();
  }
});

test("the Resources toggle plans resources without any quota", async () => {
  const { page, context, record } = await openPage(env);
  await dropFiles(page, [{ name: "other.yaml", text: OTHER.split("---")[0] }]);
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "1");
  // The counts come first, the lists after them: wait for both.
  await settled(page);
  assert.equal(await page.isHidden(tid("resources-panel")), true);
  await page.check(tid("resources-toggle"));
  await page.waitForSelector(`${tid("resources-panel")}:not([hidden])`);
  const row = page.locator(tid("resources-namespace"));
  assert.equal(await row.count(), 1);
  assert.match(await row.getByRole("rowheader").textContent(), /^analyticsno quota in the inputs$/);
  assert.equal(await row.locator(tid("resource-row"), { hasText: "requests.cpu" }).textContent(), "requests.cpu250m");
  assert.deepEqual(record.errors, []);
  await context.close();
});
