// The hostile and awkward inputs of tests/hostile/cases.mjs through the npm
// package (wasm in Node): every case ends, never throws or panics, gets its
// expected verdict and finding, and a valid sibling file keeps its result.
// Timing is not asserted here (that is for the benchmarks); a hang fails the
// test through node:test's timeout.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertBuilt } from "./helpers.mjs";
import { EXAMPLE, hostileCases } from "../hostile/cases.mjs";

assertBuilt();
const { planFileBytes, renderPlanText } = await import("k8s-job-plan");
const sibling = { name: "zz-sibling.yaml", bytes: new TextEncoder().encode(EXAMPLE) };

describe("hostile inputs through the npm package", () => {
  for (const c of hostileCases()) {
    test(c.name, { timeout: 60_000 }, () => {
      const plan = planFileBytes([{ name: `${c.name}.yaml`, bytes: c.bytes }, sibling]);
      // The sibling survives, valid.
      const sib = plan.jobs.filter((j) => j.file === sibling.name);
      assert.equal(sib.length, 1, "the sibling is planned");
      assert.equal(sib[0].valid, true, "the sibling stays valid");
      // The plan's books balance.
      assert.equal(plan.totalJobs, plan.jobs.length);
      assert.equal(plan.validJobs + plan.invalidJobs, plan.totalJobs);
      const mine = [...plan.errors, ...plan.warnings].filter((f) => f.file === `${c.name}.yaml`);
      const jobs = plan.jobs.filter((j) => j.file === `${c.name}.yaml`);
      const fileValid = jobs.length > 0 && jobs.every((j) => j.valid) && !plan.errors.some((f) => f.file === `${c.name}.yaml`);
      assert.equal(fileValid, c.expect.valid, `verdict of ${c.name}: ${JSON.stringify(mine.slice(0, 3))}`);
      if (c.expect.rule) {
        const hit = mine.find((f) => f.rule === c.expect.rule && (c.expect.line === undefined || f.line === c.expect.line));
        const where = c.expect.line === undefined ? "" : ` at line ${c.expect.line}`;
        assert.ok(hit, `${c.name}: expected a ${c.expect.rule} finding${where}, got ${JSON.stringify(mine.slice(0, 3))}`);
      }
      for (const f of mine) assert.ok(f.line >= 1 && f.column >= 1, `${c.name}: position of ${f.rule}`);
      // The text plan renders too.
      assert.match(renderPlanText(plan), /END OF EXECUTION PLAN/);
    });
  }
});
