// The page in headless Chromium: from dropping a corpus on the file input to
// the summary showing every Job, with the main thread's long tasks.
// Usage: node bench/page.mjs DIST_DIR CORPUS_DIR EXPECTED_TOTAL PEERS_DIR
// Test contract of the page: <input type=file multiple data-testid="file-input">
// and elements data-testid="total-jobs" / "valid-jobs" / "invalid-jobs" whose
// text is the number.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";

const [distDir, corpus, expectedArg, peers] = process.argv.slice(2);
const expected = Number(expectedArg);
if (!fs.existsSync(path.join(distDir, "index.html"))) {
  console.log(JSON.stringify({ skipped: "page: skipped (run npm run build first)" }));
  process.exit(0);
}
const require = createRequire(import.meta.url);
const { chromium } = require(path.join(path.resolve(peers), "node_modules", "playwright-core"));

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json", ".svg": "image/svg+xml",
};
const root = path.resolve(distDir);
const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  let file = path.join(root, decodeURIComponent(url.pathname));
  if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    res.end(data);
  });
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let out;
try {
  const page = await browser.newPage();
  // Long tasks and the moment the input changes, recorded by the page itself.
  await page.addInitScript(() => {
    window.__bench = { longTasks: [], changeAt: null };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
    document.addEventListener("change", () => { window.__bench.changeAt ??= performance.now(); }, true);
  });
  await page.goto(base, { waitUntil: "load" });
  const input = page.locator('[data-testid="file-input"]');
  await input.waitFor({ state: "attached" });
  await page.waitForLoadState("networkidle");
  const paths = fs.readdirSync(corpus).filter((n) => n.endsWith(".yaml")).sort().map((n) => path.join(corpus, n));
  const wallStart = Date.now();
  await input.setInputFiles(paths);
  const done = await page.waitForFunction((want) => {
    const num = (id) => Number((document.querySelector(`[data-testid="${id}"]`)?.textContent ?? "").replace(/[^0-9]/g, "") || NaN);
    if (num("total-jobs") !== want) return false;
    return { doneAt: performance.now(), total: num("total-jobs"), valid: num("valid-jobs"), invalid: num("invalid-jobs") };
  }, expected, { timeout: 600_000, polling: "raf" });
  const wallMs = Date.now() - wallStart;
  const r = await done.jsonValue();
  const b = await page.evaluate(() => window.__bench);
  const during = b.longTasks.filter((t) => b.changeAt != null && t.start + t.duration >= b.changeAt && t.start <= r.doneAt);
  out = {
    files: paths.length, totalJobs: r.total, validJobs: r.valid, invalidJobs: r.invalid,
    // From the input's change event to the summary, measured in the page.
    summaryMs: b.changeAt == null ? null : r.doneAt - b.changeAt,
    // From Playwright's setInputFiles call (includes handing 10,000 paths to the browser).
    wallMs,
    longTasks: during.length,
    longestTaskMs: during.reduce((m, t) => Math.max(m, t.duration), 0),
    tasksOver200ms: during.filter((t) => t.duration > 200).length,
  };
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(out));
