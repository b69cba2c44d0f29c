// Shared set-up of the page tests: the built site (dist/) served by
// scripts/serve.mjs on a free loopback port, and headless Chromium driven by
// playwright-core. Every request the page makes is recorded, and any request to
// another origin is aborted and reported, so a test sees a leak as a failure.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

export const repo = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const dist = join(repo, "dist");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function start() {
  if (!existsSync(join(dist, "index.html")) || !existsSync(join(dist, "pkg", "k8s_job_plan_bg.wasm"))) {
    throw new Error("dist/ is not built: run `npm run build` (wasm, then `npm run build:site`) before the page tests");
  }
  const { server, url } = await serve({ dir: dist, port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  return { server, url, origin: new URL(url).origin, browser };
}

export async function stop(env) {
  await env?.browser?.close();
  await new Promise((ok) => (env?.server ? env.server.close(ok) : ok()));
}

/**
 * A fresh page on the site, ready (the wasm worker has answered). Returns the
 * page and its record: requests, foreign requests, dialogs and page errors.
 */
export async function openPage(env, { width = 1280, height = 900, ...ctxOptions } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, acceptDownloads: true, ...ctxOptions });
  const page = await context.newPage();
  const record = { requests: [], foreign: [], dialogs: [], errors: [] };
  await context.route("**/*", (route) => {
    const u = route.request().url();
    record.requests.push(u);
    const sameOrigin = u.startsWith(env.origin + "/");
    // blob: and data: URLs are the page's own memory, not the network.
    if (sameOrigin || u.startsWith("blob:") || u.startsWith("data:")) return route.continue();
    record.foreign.push(u);
    return route.abort();
  });
  page.on("dialog", (d) => {
    record.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on("pageerror", (e) => record.errors.push(e.message));
  await page.goto(env.url);
  await page.waitForSelector("body[data-ready]");
  return { page, context, record };
}

export const tid = (id) => `[data-testid="${id}"]`;

/** Waits until the page shows a plan for the current inputs (no request pending). */
export async function settled(page) {
  await page.waitForFunction(() => !document.body.dataset.busy);
}

export async function counts(page) {
  await settled(page);
  const get = (id) => page.textContent(tid(id));
  return {
    total: Number(await get("total-jobs")),
    valid: Number(await get("valid-jobs")),
    invalid: Number(await get("invalid-jobs")),
  };
}

/**
 * Drops files on the drop zone through a synthetic DataTransfer, as a user's
 * drag and drop does. `files` are { name, text } or { name, bytes: number[] }
 * or { name, zeros: size }; the File objects are made in the page.
 */
export async function dropFiles(page, files) {
  const dt = await page.evaluateHandle((specs) => {
    const dt = new DataTransfer();
    for (const s of specs) {
      const body = s.zeros !== undefined ? new Uint8Array(s.zeros) : s.bytes ? new Uint8Array(s.bytes) : s.text;
      dt.items.add(new File([body], s.name));
    }
    return dt;
  }, files);
  await page.dispatchEvent(tid("dropzone"), "dragenter", { dataTransfer: dt });
  await page.dispatchEvent(tid("dropzone"), "dragover", { dataTransfer: dt });
  await page.dispatchEvent(tid("dropzone"), "drop", { dataTransfer: dt });
}
