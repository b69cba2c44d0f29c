// A bundler consumer: a tiny page that imports "k8s-job-plan" is built with
// Vite (production) and run in headless Chromium, where it prints the seed
// plan byte-identical to the native CLI's golden text.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { before, test } from "node:test";
import { GOLDEN, ROOT, assertBuilt, run, seedFiles, tempDir } from "./helpers.mjs";
import { CHROMIUM_ARGS } from "../page/harness.mjs";

assertBuilt();
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

const MAIN_JS = `import { planFiles, renderPlanText, validateJobYaml } from "k8s-job-plan";
import files from "./seed.json";

// No init call: the package's browser entry instantiates the wasm itself.
try {
  const plan = planFiles(files);
  const broken = validateJobYaml("kind: [", "broken.yaml");
  window.__result = { text: renderPlanText(plan), validJobs: plan.validJobs, brokenCode: broken.errors[0].code };
} catch (e) {
  window.__result = { error: String(e && e.stack || e) };
}
document.getElementById("out").textContent = window.__result.text ?? window.__result.error;
`;

let app;
let dist;
before(() => {
  app = tempDir("kjp-vite");
  fs.mkdirSync(path.join(app, "node_modules"));
  fs.symlinkSync(ROOT, path.join(app, "node_modules/k8s-job-plan"), "dir");
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  fs.writeFileSync(
    path.join(app, "index.html"),
    '<!doctype html>\n<html><head><meta charset="utf-8"><title>consumer</title><link rel="icon" href="data:,"></head>\n<body><pre id="out"></pre><script type="module" src="/main.js"></script></body></html>\n',
  );
  fs.writeFileSync(path.join(app, "main.js"), MAIN_JS);
  fs.writeFileSync(path.join(app, "seed.json"), JSON.stringify(seedFiles()));
  dist = path.join(app, "dist");
});

test("vite build of a page importing k8s-job-plan succeeds and emits the wasm", () => {
  const vite = path.join(ROOT, "node_modules/vite/bin/vite.js");
  assert.ok(fs.existsSync(vite), "vite is not installed: run `npm ci`");
  const r = run(process.execPath, [vite, "build", "--logLevel", "warn", "--emptyOutDir"], { cwd: app });
  assert.equal(r.status, 0, `vite build failed:\n${r.stdout}${r.stderr}`);
  const assets = fs.readdirSync(path.join(dist, "assets"));
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `no .wasm among ${assets.join(", ")}`);
  assert.ok(assets.some((f) => f.endsWith(".js")), `no .js among ${assets.join(", ")}`);
});

const MIME = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const file = path.join(dir, url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": MIME[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const noChromium = fs.existsSync(CHROMIUM) ? false : `chromium not found at ${CHROMIUM} (set CHROMIUM)`;
if (noChromium) console.log(`# skipping the Chromium run: ${noChromium}`);

test("the built page runs in Chromium and prints the golden plan", { skip: noChromium }, async () => {
  assert.ok(fs.existsSync(path.join(dist, "index.html")), "the vite build test did not produce dist/");
  const { chromium } = await import("playwright-core");
  const server = await serve(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 30000 });
    const result = await page.evaluate(() => window.__result);
    assert.equal(result.error, undefined, result.error);
    assert.equal(result.text, GOLDEN);
    assert.equal(result.validJobs, 2);
    assert.equal(result.brokenCode, "KJP001");
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.close();
  }
});
