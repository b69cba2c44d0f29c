// The policy on the page: a k8s-job-plan.yaml in a picked folder is used
// (not planned), the page says which policy is in force, an edited policy
// re-plans and its error is shown at its line, and the suppressed findings
// have a toggle. Run `npm run build` first.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start, stop, openPage, tid, counts, settled, repo } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await stop(env);
});

// A Job that ignores one finding inline (the npm tests use it too).
const JOB = readFileSync(join(repo, "tests/fixtures/policy/report.yaml"), "utf8");

const codesShown = (page) => page.locator(`${tid("findings")} ${tid("finding")} .code`).allTextContents();

test("a folder's k8s-job-plan.yaml is used, shown, editable, and its errors are shown at their line", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kjp-page-policy-"));
  try {
    mkdirSync(join(dir, "repo", "jobs"), { recursive: true });
    writeFileSync(join(dir, "repo", "jobs", "report.yaml"), JOB);
    writeFileSync(join(dir, "repo", "k8s-job-plan.yaml"), "profile: kubernetes\nconventions:\n  namePattern: \"batch-.*\"\n");
    const { page, context, record } = await openPage(env);
    await page.setInputFiles(tid("folder-input"), join(dir, "repo"));
    await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "1");
    await settled(page);
    // The policy is not planned as a manifest.
    assert.deepEqual(await page.locator(`${tid("file-list")} .file-name`).allTextContents(), ["repo/jobs/report.yaml"]);
    assert.match(await page.textContent(tid("policy-source")), /In force: repo\/k8s-job-plan\.yaml \(from the dropped files\): profile kubernetes, 1 convention/);
    assert.match(await page.inputValue(tid("policy-input")), /namePattern/);
    assert.deepEqual(await codesShown(page), ["KJP603"]);
    // Suppressed findings: counted, hidden, and listed with their reason on demand.
    assert.equal(await page.textContent(tid("suppressed-count")), "2");
    assert.equal(await page.locator(tid("suppressed-finding")).count(), 0);
    await page.check(tid("suppressed-toggle"));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="suppressed-finding"]').length === 2);
    assert.deepEqual(await page.locator(tid("suppressed-reason")).allTextContents(), [
      "Suppressed by the annotation: the LimitRange sets them",
      "Suppressed by the annotation: the LimitRange sets them",
    ]);
    assert.match(await page.textContent(tid("plan-text")), /Suppressed:\s+2 \(ignored with a reason/);
    // A typo: the error at its line, and nothing validated with the defaults instead.
    await page.fill(tid("policy-input"), "profile: kubernetes\nconventions:\n  namePatern: x\n");
    await page.waitForFunction(() => !document.querySelector('[data-testid="policy-error"]').hidden);
    assert.match(await page.textContent(tid("policy-error")), /^Line 3, column 3: conventions: unknown field `namePatern`.*did you mean `namePattern`/);
    assert.match(await page.textContent(tid("status")), /The policy has an error at line 3/);
    await page.click(tid("policy-error"));
    const selected = await page.$eval(tid("policy-input"), (a) => a.value.slice(a.selectionStart, a.selectionEnd));
    assert.equal(selected, "  namePatern: x");
    // Fixed: re-planned under the edited policy, the lock included.
    await page.fill(tid("policy-input"), "profile: kubernetes\nallowInlineIgnores: false\n");
    await page.waitForFunction(() => document.querySelector('[data-testid="policy-error"]').hidden);
    await page.waitForFunction(() => document.querySelector('[data-testid="suppressed-count"]').textContent === "0");
    assert.match(await page.textContent(tid("policy-source")), /In force: the policy edited here: profile kubernetes, inline ignores locked/);
    assert.deepEqual((await codesShown(page)).sort(), ["KJP204", "KJP205"]);
    // Emptied: no policy, the seed's rules.
    await page.fill(tid("policy-input"), "");
    await page.waitForFunction(() => document.querySelector('[data-testid="policy-source"]').textContent.startsWith("None"));
    assert.ok((await codesShown(page)).includes("KJP203"));
    assert.deepEqual(await counts(page), { total: 1, valid: 1, invalid: 0 });
    assert.deepEqual(record.foreign, []);
    assert.deepEqual(record.errors, []);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
