#!/usr/bin/env node
// A tiny static server for the built site (dist/), for `npm start` and the page
// tests. Loopback only, GET and HEAD only, no directory listings, and the same
// Content-Security-Policy as the page's meta tag (workers take their policy
// from the response header, not from the page).
//
//   node scripts/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1]
//
// A busy port is not an error: the next free one is used, and the URL printed.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The page's whole network allowance: its own origin, plus running the wasm. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".yaml": "text/plain; charset=utf-8",
  ".yml": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
};

function headers(type, length) {
  return {
    "Content-Type": type,
    "Content-Length": String(length),
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-cache",
  };
}

function send(res, status, text) {
  const body = Buffer.from(text);
  res.writeHead(status, headers("text/plain; charset=utf-8", body.length));
  res.end(body);
}

/** Starts serving `dir`; resolves to the listening server and its URL. */
export async function serve({ dir = "dist", port = 8080, host = "127.0.0.1", tries = 20 } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed\n");
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    } catch {
      return send(res, 400, "bad request\n");
    }
    if (path.endsWith("/")) path += "index.html";
    const file = resolve(join(root, path));
    // resolve() has removed every "..": a path outside root is a request to refuse.
    if (file !== root && !file.startsWith(root + sep)) return send(res, 403, "forbidden\n");
    try {
      const st = await stat(file);
      if (!st.isFile()) return send(res, 404, "not found\n");
      const body = await readFile(file);
      res.writeHead(200, headers(TYPES[extname(file).toLowerCase()] || "application/octet-stream", body.length));
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      send(res, 404, "not found\n");
    }
  });
  for (let i = 0; ; i++) {
    const want = port === 0 ? 0 : port + i;
    try {
      await new Promise((ok, fail) => {
        server.once("error", fail);
        server.listen(want, host, () => {
          server.off("error", fail);
          ok();
        });
      });
      break;
    } catch (e) {
      if (e.code !== "EADDRINUSE" || port === 0 || i + 1 >= tries) throw e;
    }
  }
  const { port: actual } = server.address();
  return { server, url: `http://${host}:${actual}/` };
}

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const repo = resolve(fileURLToPath(new URL("..", import.meta.url)));
  const dir = resolve(repo, arg("dir", "dist"));
  try {
    await stat(join(dir, "index.html"));
  } catch {
    console.error(`serve: ${dir}/index.html is missing; run \`npm run build\` first.`);
    process.exit(1);
  }
  const port = Number(arg("port", process.env.PORT || "8080"));
  const { url } = await serve({ dir, port, host: arg("host", "127.0.0.1") });
  console.log(`k8s-job-plan page: ${url}  (serving ${dir}; Ctrl+C to stop)`);
}
