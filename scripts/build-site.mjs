#!/usr/bin/env node
// Builds the static site into dist/: the page (www/), the browser build of the
// core (pkg/web/, from `wasm-pack build --target web --out-dir pkg/web`) and the
// bundled example Jobs. No bundler: the page is plain ES modules, so building
// is copying. Run after the wasm build; `npm run build` does both.

import { cp, mkdir, readdir, readFile, rm, writeFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CSP } from "./serve.mjs";

const repo = resolve(fileURLToPath(new URL("..", import.meta.url)));
const www = join(repo, "www");
const pkg = join(repo, "pkg", "web");
const examples = join(repo, "examples", "d29_k8s_jobs");
const dist = join(repo, "dist");

const PKG_FILES = ["k8s_job_plan.js", "k8s_job_plan_bg.wasm"];

async function exists(p) {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

for (const f of PKG_FILES) {
  if (!(await exists(join(pkg, f)))) {
    console.error(
      `build-site: ${join("pkg", "web", f)} is missing. Build the browser package first:\n` +
        "  CARGO_PROFILE_RELEASE_OPT_LEVEL=s wasm-pack build --target web --release --out-dir pkg/web",
    );
    process.exit(1);
  }
}

// The meta tag and the server header must say the same thing.
const html = await readFile(join(www, "index.html"), "utf8");
const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
const norm = (s) => s.split(";").map((d) => d.trim()).filter((d) => d && !d.startsWith("frame-ancestors")).sort().join("; ");
if (!meta || norm(meta[1]) !== norm(CSP)) {
  console.error("build-site: the CSP meta tag of www/index.html differs from CSP in scripts/serve.mjs");
  process.exit(1);
}

await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, "pkg"), { recursive: true });
await cp(www, dist, { recursive: true });
for (const f of PKG_FILES) await cp(join(pkg, f), join(dist, "pkg", f));

const names = (await readdir(examples)).filter((n) => /\.ya?ml$/i.test(n)).sort();
await mkdir(join(dist, "examples", "d29_k8s_jobs"), { recursive: true });
for (const n of names) await cp(join(examples, n), join(dist, "examples", "d29_k8s_jobs", n));
await writeFile(
  join(dist, "examples", "index.json"),
  JSON.stringify({ files: names.map((n) => `d29_k8s_jobs/${n}`) }, null, 2) + "\n",
);

const wasm = await stat(join(dist, "pkg", "k8s_job_plan_bg.wasm"));
console.log(`build-site: wrote ${dist} (wasm ${Math.round(wasm.size / 1024)} KiB, ${names.length} examples)`);
