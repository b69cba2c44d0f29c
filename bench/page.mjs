// The page in headless Chromium: from dropping a corpus on the file input to
// the summary showing every Job, with a breakdown from the page's own marks
// (read, plan, render), the main thread's long tasks and the peak memory of
// the renderer process (its VmHWM: the page's main thread and its workers).
// Usage: node bench/page.mjs DIST_DIR CORPUS_DIR EXPECTED_TOTAL PEERS_DIR [WORKERS]
// WORKERS: the page's pool size (?workers=N); the page's default when absent.
// Test contract of the page: <input type=file multiple data-testid="file-input">
// and elements data-testid="total-jobs" / "valid-jobs" / "invalid-jobs" whose
// text is the number.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";

const [distDir, corpus, expectedArg, peers, workersArg] = process.argv.slice(2);
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

// A flag of our own on the browser's command line finds its process (for
// the renderer's memory) among other Chromiums on the machine.
const marker = `--kjp-bench=${process.pid}-${Date.now()}`;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", marker],
});

function browserPid() {
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(marker)) return Number(pid);
    } catch { /* gone */ }
  }
  return null;
}

/** Peak resident memory (VmHWM, MiB) of each renderer process under the browser. */
function rendererPeaks(rootPid) {
  const children = new Map();
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = Number(/^PPid:\s*(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(pid)]);
    } catch { /* gone */ }
  }
  const out = [];
  const visit = (pid) => {
    for (const c of children.get(pid) ?? []) {
      try {
        const cmd = fs.readFileSync(`/proc/${c}/cmdline`, "utf8");
        if (cmd.includes("--type=renderer")) {
          const hwm = /^VmHWM:\s*(\d+) kB/m.exec(fs.readFileSync(`/proc/${c}/status`, "utf8"));
          if (hwm) out.push(Number(hwm[1]) / 1024);
        }
      } catch { /* gone */ }
      visit(c);
    }
  };
  visit(rootPid);
  return out;
}
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
  await page.goto(workersArg ? `${base}?workers=${workersArg}` : base, { waitUntil: "load" });
  const input = page.locator('[data-testid="file-input"]');
  await input.waitFor({ state: "attached" });
  await page.waitForLoadState("networkidle");
  const paths = fs.readdirSync(corpus).filter((n) => n.endsWith(".yaml")).sort().map((n) => path.join(corpus, n));
  const wallStart = Date.now();
  await input.setInputFiles(paths);
  if (process.env.BENCH_DEBUG) console.error("setInputFiles returned", Date.now() - wallStart);
  const done = await page.waitForFunction((want) => {
    const num = (id) => Number((document.querySelector(`[data-testid="${id}"]`)?.textContent ?? "").replace(/[^0-9]/g, "") || NaN);
    if (num("total-jobs") !== want) return false;
    return { doneAt: performance.now(), total: num("total-jobs"), valid: num("valid-jobs"), invalid: num("invalid-jobs") };
  }, expected, { timeout: 600_000, polling: "raf" });
  const r = await done.jsonValue();
  if (process.env.BENCH_DEBUG) console.error("summary seen", Date.now() - wallStart);
  // Then the lists: the plan is on show when the page is no longer busy.
  // (A page without the marks, an older build, is done when it is not busy.)
  await page.waitForFunction(() => !document.body.dataset.busy && (performance.getEntriesByName("kjp:rendered").length > 0 || performance.getEntriesByName("kjp:read-start").length === 0), null, { timeout: 600_000, polling: 50 });
  const wallMs = Date.now() - wallStart;
  // The main thread answers at once after it all.
  const b = await page.evaluate(() => {
    const mark = (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? null;
    return { ...window.__bench, marks: Object.fromEntries(["kjp:read-start", "kjp:read-end", "kjp:summary", "kjp:rendered"].map((m) => [m, mark(m)])), workers: Number(document.body.dataset.workers) };
  });
  const from = (m) => (b.marks[m] == null || b.changeAt == null ? null : b.marks[m] - b.changeAt);
  const end = b.marks["kjp:rendered"] ?? r.doneAt;
  const during = b.longTasks.filter((t) => b.changeAt != null && t.start + t.duration >= b.changeAt && t.start <= end);
  // The part of each task from the change event on: a task that began before
  // it is the browser building the input's FileList (DOM.setFileInputFiles).
  const own = during.map((t) => t.start + t.duration - Math.max(t.start, b.changeAt));
  out = {
    files: paths.length, workers: b.workers, totalJobs: r.total, validJobs: r.valid, invalidJobs: r.invalid,
    // From the input's change event to the summary, measured in the page.
    summaryMs: b.changeAt == null ? null : r.doneAt - b.changeAt,
    // The breakdown: all files read and dealt to the workers; the plan
    // assembled and its summary shown; the lists laid out.
    readMs: from("kjp:read-end"),
    planMs: b.marks["kjp:summary"] == null || b.marks["kjp:read-end"] == null ? null : b.marks["kjp:summary"] - b.marks["kjp:read-end"],
    renderMs: b.marks["kjp:rendered"] == null || b.marks["kjp:summary"] == null ? null : b.marks["kjp:rendered"] - b.marks["kjp:summary"],
    completeMs: from("kjp:rendered"),
    // From Playwright's setInputFiles call to the lists on show (includes handing the paths to the browser).
    wallMs,
    longTasks: during.length,
    longestTaskMs: during.reduce((m, t) => Math.max(m, t.duration), 0),
    tasksOver200ms: during.filter((t) => t.duration > 200).length,
    longestTaskFromChangeMs: own.reduce((m, d) => Math.max(m, d), 0),
    tasksFromChangeOver200ms: own.filter((d) => d > 200).length,
    rendererPeakMiB: Math.max(0, ...rendererPeaks(browserPid())),
  };
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(out));
