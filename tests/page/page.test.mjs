// The web page in headless Chromium, against the built dist/ served by
// scripts/serve.mjs. Run `npm run build` first.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, statSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start, stop, openPage, tid, counts, settled, dropFiles, repo } from "./harness.mjs";
import { EXAMPLE_1, GOLDEN, validJob, missingImageJob, warningsOnlyJob } from "./fixtures.mjs";
import { CSP } from "../../scripts/serve.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await stop(env);
});

/** Every test ends here: nothing left the origin, nothing popped up, nothing threw. */
function assertClean(record) {
  assert.deepEqual(record.foreign, [], "requests to another origin");
  assert.deepEqual(record.dialogs, [], "dialogs opened");
  assert.deepEqual(record.errors, [], "uncaught page errors");
}

test("the server sends the CSP header, the page carries the same CSP meta tag, and .wasm is application/wasm", async () => {
  const res = await fetch(env.url);
  assert.equal(res.headers.get("content-security-policy"), CSP);
  assert.match(CSP, /default-src 'self'/);
  assert.match(CSP, /connect-src 'self'/);
  assert.doesNotMatch(CSP, /'unsafe-inline'|'unsafe-eval'|\*|https?:/);
  const html = await res.text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, "CSP meta tag");
  for (const directive of meta[1].split(";").map((d) => d.trim())) {
    assert.ok(CSP.includes(directive), `meta directive ${directive} is in the header`);
  }
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script");
  assert.doesNotMatch(html, /\sstyle=|\son[a-z]+=/i, "no inline style or handler");
  const wasm = await fetch(new URL("pkg/k8s_job_plan_bg.wasm", env.url));
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
  assert.equal(wasm.headers.get("content-security-policy"), CSP);
  const worker = await fetch(new URL("worker.js", env.url));
  assert.equal(worker.headers.get("content-security-policy"), CSP);
  assert.match(worker.headers.get("content-type"), /^text\/javascript/);
  const escape = await fetch(new URL("/%2e%2e/package.json", env.url));
  assert.notEqual(escape.status, 200, "no file outside dist/");
});

test("the page's policy blocks a request to another origin before it reaches the network", async () => {
  const { page, context, record } = await openPage(env);
  const outcome = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener("securitypolicyviolation", (e) => violations.push(e.effectiveDirective));
    let fetched;
    try {
      await fetch("https://example.com/upload", { method: "POST", body: "manifest" });
      fetched = "sent";
    } catch {
      fetched = "blocked";
    }
    const img = new Image();
    await new Promise((done) => {
      img.onerror = done;
      img.onload = done;
      img.src = "https://example.com/pixel.png";
    });
    await new Promise((r) => setTimeout(r, 50));
    return { fetched, violations };
  });
  assert.equal(outcome.fetched, "blocked");
  assert.ok(outcome.violations.includes("connect-src"), outcome.violations.join(","));
  assert.ok(outcome.violations.includes("img-src"), outcome.violations.join(","));
  // Blocked by the policy, not by the test's router: nothing was even attempted.
  assert.deepEqual(record.foreign, []);
  await context.close();
});

test("the examples button shows exactly the golden text plan; screenshot for the README", async () => {
  const { page, context, record } = await openPage(env);
  await page.click(tid("examples-button"));
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "2");
  assert.deepEqual(await counts(page), { total: 2, valid: 2, invalid: 0 });
  assert.equal(await page.textContent(tid("plan-text")), GOLDEN);
  assert.equal(await page.textContent(tid("namespaces")), "trading-bots");
  assert.equal(await page.locator(tid("job-card")).count(), 2);
  assert.equal(await page.locator(tid("finding")).count(), 0);
  const labels = await page.locator(`${tid("job-card")} >> nth=0 >> ${tid("job-label")}`).allTextContents();
  assert.ok(labels.includes("app: arbitrage-tuning"), labels.join(", "));
  // The privacy promise is on the page.
  assert.match(await page.textContent(tid("privacy-note")), /never leave this browser/);
  // Every request the page made went to its own origin.
  assert.ok(record.requests.some((u) => u.endsWith(".wasm")), "the wasm was loaded");
  assert.ok(record.requests.every((u) => u.startsWith(env.origin + "/")), record.requests.join("\n"));
  const shot = join(repo, "docs", "screenshot.png");
  mkdirSync(join(repo, "docs"), { recursive: true });
  await page.screenshot({ path: shot });
  assert.ok(statSync(shot).size < 500 * 1024, "screenshot under 500 KB");
  assertClean(record);
  await context.close();
});

test("files picked with the file input are planned; later files join; remove and clear", async () => {
  const { page, context, record } = await openPage(env);
  await page.setInputFiles(tid("file-input"), [
    { name: "ok.yaml", mimeType: "application/yaml", buffer: Buffer.from(validJob("arb-tuning-s1-w1-0")) },
    { name: "bad.yaml", mimeType: "application/yaml", buffer: Buffer.from(missingImageJob("arb-tuning-s1-w1-1")) },
  ]);
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "2");
  assert.deepEqual(await counts(page), { total: 2, valid: 1, invalid: 1 });
  const finding = await page.textContent(`${tid("finding")} >> nth=0`);
  assert.match(finding, /bad\.yaml:16:11/);
  assert.match(finding, /KJP105/);
  assert.match(finding, /missing-container-image/);
  assert.match(finding, /spec\.template\.spec\.containers\[0\]\.image: Required value/);
  // The invalid Job is shown with its error.
  await page.selectOption(tid("status-filter"), "invalid");
  assert.equal(await page.locator(tid("job-card")).count(), 1);
  assert.match(await page.textContent(tid("job-card")), /Required value/);
  await page.selectOption(tid("status-filter"), "");

  // A later pick joins the set.
  await page.setInputFiles(tid("file-input"), [
    { name: "more.yaml", mimeType: "application/yaml", buffer: Buffer.from(validJob("arb-tuning-s1-w2-0", "other")) },
  ]);
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "3");
  // The counts come first, the lists after them: wait for both.
  await settled(page);
  assert.equal(await page.textContent(tid("file-count")), "3");
  assert.equal(await page.textContent(tid("namespaces")), "batch, other");

  await page.click('[aria-label="Remove bad.yaml"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "2");
  assert.deepEqual(await counts(page), { total: 2, valid: 2, invalid: 0 });

  await page.click(tid("clear-button"));
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "0");
  // The counts come first, the lists after them: wait for both.
  await settled(page);
  assert.equal(await page.textContent(tid("file-count")), "0");
  assert.equal(await page.locator(tid("job-card")).count(), 0);
  assertClean(record);
  await context.close();
});

test("the drop zone is a keyboard button that opens the file picker", async () => {
  const { page, context, record } = await openPage(env);
  await page.focus(tid("dropzone"));
  const chooserEvent = page.waitForEvent("filechooser");
  // Playwright turns on file-chooser interception asynchronously; one round trip
  // to the page lets it land before the key press (without it, about one run in
  // five misses the event although the page opened the picker).
  await page.evaluate(() => 0);
  await page.keyboard.press("Enter");
  const chooser = await chooserEvent;
  assert.equal(chooser.isMultiple(), true);
  await chooser.setFiles([{ name: "k.yaml", mimeType: "text/plain", buffer: Buffer.from(validJob("arb-tuning-s1-w1-0")) }]);
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "1");
  // The counts come first, the lists after them: wait for both.
  await settled(page);
  assertClean(record);
  await context.close();
});

test("files dropped on the drop zone are planned", async () => {
  const { page, context, record } = await openPage(env);
  await dropFiles(page, [
    { name: "one.yaml", text: validJob("arb-tuning-s1-w1-0") },
    { name: "two.yml", text: missingImageJob("arb-tuning-s1-w1-1") },
  ]);
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "2");
  assert.deepEqual(await counts(page), { total: 2, valid: 1, invalid: 1 });
  assert.deepEqual(await page.locator(`${tid("file-list")} .file-name`).allTextContents(), ["one.yaml", "two.yml"]);
  assertClean(record);
  await context.close();
});

test("a folder picked with the folder input keeps its YAML files, with their paths", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kjp-page-"));
  try {
    mkdirSync(join(dir, "jobs", "nested"), { recursive: true });
    mkdirSync(join(dir, "jobs", ".git"), { recursive: true });
    writeFileSync(join(dir, "jobs", "a.yaml"), validJob("arb-tuning-s1-w1-0"));
    writeFileSync(join(dir, "jobs", "nested", "b.yml"), missingImageJob("arb-tuning-s1-w1-1"));
    writeFileSync(join(dir, "jobs", "notes.txt"), "not a manifest");
    writeFileSync(join(dir, "jobs", ".git", "c.yaml"), "kind: Job");
    const { page, context, record } = await openPage(env);
    await page.setInputFiles(tid("folder-input"), join(dir, "jobs"));
    await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "2");
    // The counts come first, the lists after them: wait for both.
    await settled(page);
    assert.deepEqual(await page.locator(`${tid("file-list")} .file-name`).allTextContents(), ["jobs/a.yaml", "jobs/nested/b.yml"]);
    assert.match(await page.textContent(tid("plan-text")), /jobs\/nested\/b\.yml:16:11:/);
    assertClean(record);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("pasted YAML is planned as a file", async () => {
  const { page, context, record } = await openPage(env);
  await page.fill(tid("paste-input"), EXAMPLE_1);
  await page.click(tid("paste-add"));
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "1");
  assert.deepEqual(await counts(page), { total: 1, valid: 1, invalid: 0 });
  assert.equal(await page.textContent(`${tid("file-list")} .file-name`), "pasted-1.yaml");
  assert.equal(await page.inputValue(tid("paste-input")), "");
  assert.match(await page.textContent(tid("plan-text")), /✓ arb-tuning-d29-k8s--worker-1-0/);
  // The version choice is the core's list, and re-plans at once.
  const versions = await page.locator(`${tid("kube-version")} option`).evaluateAll((os) => os.map((o) => o.value));
  assert.ok(versions.includes("1.32"), versions.join(","));
  await page.selectOption(tid("kube-version"), "1.32");
  await page.waitForFunction(() => document.querySelector('[data-testid="kube-version-used"]').textContent === "1.32");
  assertClean(record);
  await context.close();
});

test("strict mode turns a Job with warnings invalid at once, and back", async () => {
  const { page, context, record } = await openPage(env);
  await dropFiles(page, [{ name: "w.yaml", text: warningsOnlyJob("c-1") }]);
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "1");
  assert.deepEqual(await counts(page), { total: 1, valid: 1, invalid: 0 });
  assert.ok((await page.locator(tid("finding")).count()) > 0, "the Job has warnings");
  await page.check(tid("strict-toggle"));
  await page.waitForFunction(() => document.querySelector('[data-testid="invalid-jobs"]').textContent === "1");
  assert.deepEqual(await counts(page), { total: 1, valid: 0, invalid: 1 });
  assert.match(await page.textContent(tid("plan-text")), /Strict Mode:\s+on/);
  await page.uncheck(tid("strict-toggle"));
  await page.waitForFunction(() => document.querySelector('[data-testid="invalid-jobs"]').textContent === "0");
  assert.deepEqual(await counts(page), { total: 1, valid: 1, invalid: 0 });
  assertClean(record);
  await context.close();
});

test("filters narrow the findings by severity and text", async () => {
  const { page, context, record } = await openPage(env);
  await dropFiles(page, [
    { name: "w.yaml", text: warningsOnlyJob("arb-tuning-s1-w1-0") },
    { name: "bad.yaml", text: missingImageJob("arb-tuning-s1-w1-1") },
  ]);
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "2");
  // The counts come first, the lists after them: wait for both.
  await settled(page);
  const all = await page.locator(tid("finding")).count();
  await page.selectOption(tid("severity-filter"), "error");
  assert.equal(await page.locator(tid("finding")).count(), 1);
  await page.selectOption(tid("severity-filter"), "warning");
  assert.equal(await page.locator(tid("finding")).count(), all - 1);
  await page.selectOption(tid("severity-filter"), "");
  await page.fill(tid("text-filter"), "session_id");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="finding"]').length === 1);
  assert.match(await page.textContent(tid("finding")), /labels\[session_id\]/);
  assertClean(record);
  await context.close();
});

test("clicking a finding shows its file with the line highlighted", async () => {
  const { page, context, record } = await openPage(env);
  const text = missingImageJob("arb-tuning-s1-w1-1");
  await dropFiles(page, [{ name: "bad.yaml", text }]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="finding"]').length === 1);
  await page.click(tid("finding"));
  await page.waitForSelector(`${tid("source-view")}[open] ${tid("source-line-current")}`);
  assert.equal(await page.textContent(tid("source-title")), "bad.yaml");
  const current = page.locator(tid("source-line-current"));
  assert.equal(await current.textContent(), text.split("\n")[15]);
  assert.equal(await page.locator(`${tid("source-code")} li`).count(), text.trimEnd().split("\n").length);
  const index = await current.evaluate((li) => [...li.parentElement.children].indexOf(li));
  assert.equal(index, 15, "line 16 is highlighted");
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector('[data-testid="source-view"]').open);
  assertClean(record);
  await context.close();
});

test("plan.txt and plan.json downloads; copy puts the plan text on the clipboard", async () => {
  const { page, context, record } = await openPage(env);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.origin });
  await page.click(tid("examples-button"));
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "2");
  // The counts come first, the lists after them: wait for both.
  await settled(page);
  const planText = await page.textContent(tid("plan-text"));

  const [txt] = await Promise.all([page.waitForEvent("download"), page.click(tid("download-text"))]);
  assert.equal(txt.suggestedFilename(), "plan.txt");
  assert.equal(readFileSync(await txt.path(), "utf8"), planText);

  const [json] = await Promise.all([page.waitForEvent("download"), page.click(tid("download-json"))]);
  assert.equal(json.suggestedFilename(), "plan.json");
  const plan = JSON.parse(readFileSync(await json.path(), "utf8"));
  assert.equal(plan.totalJobs, 2);
  assert.equal(plan.jobs[0].jobName, "arb-tuning-d29-k8s--worker-1-0");

  await page.click(tid("copy-button"));
  await page.waitForFunction(() => /clipboard/.test(document.querySelector('[data-testid="status"]').textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), planText);
  assertClean(record);
  await context.close();
});

test("markup in names, labels, env values and file names is shown as text and never runs", async () => {
  const { page, context, record } = await openPage(env);
  const evil = "<img src=x onerror=alert(1)>";
  const manifest = `apiVersion: batch/v1
kind: Job
metadata:
  name: "${evil}"
  namespace: "<b>ns</b>"
  labels:
    app: "<script>alert(2)</script>"
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: "<svg onload=alert(3)>"
          args: ["<iframe src=javascript:alert(4)>"]
          env:
            - name: X
              value: "<img src=y onerror=alert(5)>"
`;
  const fileName = "<svg onload=alert(6)>.yaml";
  await dropFiles(page, [{ name: fileName, text: manifest }]);
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "1");
  // The counts come first, the lists after them: wait for both.
  await settled(page);
  assert.equal(await page.textContent(tid("job-name")), evil);
  const card = await page.textContent(tid("job-card"));
  for (const s of ["<b>ns</b>", "app: <script>alert(2)</script>", "<svg onload=alert(3)>", "<iframe src=javascript:alert(4)>", "<img src=y onerror=alert(5)>", fileName]) {
    assert.ok(card.includes(s), `card shows ${s} literally`);
  }
  assert.ok((await page.textContent(`${tid("file-list")} .file-name`)) === fileName);
  assert.ok((await page.textContent(tid("plan-text"))).includes(evil));
  // No element was made from the data.
  const made = await page.evaluate(() => document.querySelectorAll("main img, main script, main svg:not([aria-hidden]), main iframe, main b").length);
  assert.equal(made, 0);
  // Opening the source view of such a file is text too.
  await page.click(`${tid("finding")} >> nth=0`);
  await page.waitForSelector(`${tid("source-view")}[open]`);
  assert.equal(await page.textContent(tid("source-title")), fileName);
  assert.equal(await page.evaluate(() => document.querySelectorAll("dialog img, dialog script, dialog iframe").length), 0);
  await page.waitForTimeout(200); // let any onerror/onload that slipped through fire
  assertClean(record);
  await context.close();
});

test("binary, UTF-16 and oversized files get their own message; the sibling's result is kept", async () => {
  const { page, context, record } = await openPage(env);
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52];
  const utf16 = [0xff, 0xfe, ...[..."kind: Job\n"].flatMap((c) => [c.charCodeAt(0), 0])];
  const huge = 16 * 1024 * 1024 + 1;
  await dropFiles(page, [
    { name: "image.yaml", bytes: png },
    { name: "wide.yaml", bytes: utf16 },
    { name: "huge.yaml", zeros: huge },
    { name: "ok.yaml", text: validJob("arb-tuning-s1-w1-0") },
  ]);
  await page.waitForFunction(() => document.querySelector('[data-testid="files-count"]').textContent === "4");
  assert.deepEqual(await counts(page), { total: 1, valid: 1, invalid: 0 });
  const findings = await page.locator(tid("finding")).allTextContents();
  const of = (name) => findings.filter((f) => f.includes(`${name}:`));
  assert.equal(of("image.yaml").length, 1);
  assert.match(of("image.yaml")[0], /KJP003.*file-not-text.*the file is binary, not text/s);
  assert.match(of("wide.yaml")[0], /KJP003.*UTF-16/s);
  assert.match(of("huge.yaml")[0], /KJP005.*input-too-large.*the file is 16777217 bytes, over the limit of 16777216 bytes \(16 MiB\)/s);
  assert.match(await page.textContent(`${tid("file-list")} li:has-text("huge.yaml")`), /not read/);
  // Each unreadable file is flagged in the file list; the good one is not.
  for (const name of ["image.yaml", "wide.yaml", "huge.yaml"]) {
    assert.equal(await page.textContent(`${tid("file-list")} li:has-text("${name}") ${tid("file-badge")}`), "1 error");
  }
  assert.equal(await page.locator(`${tid("file-list")} li:has-text("ok.yaml") ${tid("file-badge")}`).count(), 0);
  const text = await page.textContent(tid("plan-text"));
  assert.match(text, /✓ arb-tuning-s1-w1-0/);
  assert.match(text, /huge\.yaml:1:1: error\[KJP005 input-too-large\]/);
  // The oversized file's source is not shown, with the reason.
  await page.click(`${tid("finding")}:has-text("huge.yaml")`);
  await page.waitForSelector(`${tid("source-view")}[open]`);
  assert.match(await page.textContent(tid("source-note")), /not read/);
  assertClean(record);
  await context.close();
});

test("a 1,000-file drop shows the right totals and renders Job cards lazily", async () => {
  const { page, context, record } = await openPage(env);
  const dt = await page.evaluateHandle(({ valid, invalid }) => {
    const dt = new DataTransfer();
    for (let i = 0; i < 1000; i++) {
      const name = `arb-tuning-s1-w${i}-0`;
      const text = (i % 4 === 0 ? invalid : valid).replaceAll("NAME", name);
      dt.items.add(new File([text], `jobs/job-${String(i).padStart(4, "0")}.yaml`));
    }
    return dt;
  }, { valid: validJob("NAME"), invalid: missingImageJob("NAME") });
  await page.dispatchEvent(tid("dropzone"), "drop", { dataTransfer: dt });
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "1000", null, { timeout: 120_000 });
  assert.deepEqual(await counts(page), { total: 1000, valid: 750, invalid: 250 });
  assert.equal(await page.textContent(tid("file-count")), "1000");
  const cards = await page.locator(tid("job-card")).count();
  assert.ok(cards > 0 && cards < 1000, `only some cards rendered (${cards})`);
  assert.match(await page.textContent(tid("plan-text")), /Total Jobs:\s+1000\n/);
  assertClean(record);
  await context.close();
});

test("a long env list can be expanded", async () => {
  const { page, context, record } = await openPage(env);
  const env8 = Array.from({ length: 8 }, (_, i) => `            - name: V${i}\n              value: "${i}"\n`).join("");
  const manifest = validJob("arb-tuning-s1-w1-0").replace('            - name: A\n              value: "1"\n', env8);
  await dropFiles(page, [{ name: "env.yaml", text: manifest }]);
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "1");
  // The counts come first, the lists after them: wait for both.
  await settled(page);
  assert.equal(await page.locator(`${tid("env-list")} li`).count(), 5);
  await page.click(tid("env-toggle"));
  assert.equal(await page.locator(`${tid("env-list")} li`).count(), 8);
  assert.equal(await page.getAttribute(tid("env-toggle"), "aria-expanded"), "true");
  assertClean(record);
  await context.close();
});

test("at 360 px wide nothing overflows the page sideways", async () => {
  const { page, context, record } = await openPage(env, { width: 360, height: 780 });
  await page.click(tid("examples-button"));
  await page.waitForFunction(() => document.querySelector('[data-testid="total-jobs"]').textContent === "2");
  await settled(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  assertClean(record);
  await context.close();
});
