// The hostile inputs of tests/hostile/cases.mjs dropped on the page in
// headless Chromium: the bombs end with a finding, the valid sibling keeps its
// result, and the page stays responsive (its main thread answers while and
// after the worker plans). Needs `npm run build` first.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, stop, openPage, tid, counts } from "./harness.mjs";
import { validJob } from "./fixtures.mjs";
import { hostileCases } from "../hostile/cases.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await stop(env);
});

const BOMBS = ["billion-laughs", "cve-2019-11253", "alias-lite", "deep-flow-mapping", "scalar-5mb", "findings-bomb", "png-image", "utf16le-bom", "nul-byte"];

test("hostile files dropped with a valid sibling: findings, the sibling's result, a responsive page", { timeout: 180_000 }, async () => {
  const cases = hostileCases().filter((c) => BOMBS.includes(c.name));
  assert.equal(cases.length, BOMBS.length, "every named case exists in cases.mjs");
  const { page, record } = await openPage(env);
  const files = cases.map((c) => ({ name: `${c.name}.yaml`, mimeType: "application/yaml", buffer: Buffer.from(c.bytes) }));
  files.push({ name: "sibling.yaml", mimeType: "application/yaml", buffer: Buffer.from(validJob("arb-tuning-s1-w1-0")) });
  await page.setInputFiles(tid("file-input"), files);
  // The main thread answers at once while the worker plans.
  const t0 = Date.now();
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  const answeredIn = Date.now() - t0;
  await page.waitForFunction(() => document.querySelector('[data-testid="valid-jobs"]').textContent === "1", null, { timeout: 120_000 });
  const c = await counts(page);
  assert.equal(c.valid, 1, "the sibling is valid");
  // Every hostile file is named by a finding, with its expected rule. The
  // list renders lazily, so narrow it to one file at a time with the filter.
  for (const hc of cases) {
    await page.fill(tid("text-filter"), `${hc.name}.yaml`);
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('[data-testid="finding"]')].some((e) => e.textContent.includes(name)),
      `${hc.name}.yaml:`,
      { timeout: 30_000 },
    );
    const mine = (await page.locator(tid("finding")).allTextContents()).filter((t) => t.includes(`${hc.name}.yaml:`));
    assert.ok(mine.length > 0, `${hc.name}: no finding shown`);
    if (hc.expect.rule) assert.ok(mine.some((t) => t.includes(hc.expect.rule)), `${hc.name}: no ${hc.expect.rule} finding`);
  }
  await page.fill(tid("text-filter"), "");
  // Still responsive after the run: a click re-plans (strict mode) and the page answers.
  await page.click(tid("strict-toggle"));
  await page.waitForFunction(() => document.querySelector('[data-testid="invalid-jobs"]').textContent !== "", null, { timeout: 60_000 });
  console.log(`# main thread answered in ${answeredIn} ms while the worker planned`);
  assert.deepEqual(record.foreign, [], "requests to another origin");
  assert.deepEqual(record.dialogs, [], "dialogs opened");
  assert.deepEqual(record.errors, [], "uncaught page errors");
});
