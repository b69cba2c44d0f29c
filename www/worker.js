// Validation off the main thread, in a pool of these workers (messages.js).
// Each worker keeps a share of the files (their bytes, read by the page) and
// checks them with the core's `checkFiles`, as they arrive when the page
// gives a context to check under, else when a plan is asked for; a file's
// check result is kept until the context changes, so a re-plan checks only
// what changed. Worker 0 also assembles the shares' results into the plan
// (`holdPlan`) and keeps it in the core for the JSON download. The plan equals one
// `planFileBytes` call on all the files (tests/page/determinism.test.mjs).

import init, { checkFiles, namesPolicyKind, holdPlan, heldPlanListing, renderHeldPlan, version, kubernetesVersions, limits, parsePolicy } from "./pkg/k8s_job_plan.js";
import { send } from "./messages.js";
import { compareNames } from "./inputs.js";

/** @typedef {import("./messages.js").ToWorker} ToWorker */
/** @typedef {import("./messages.js").ReadFile} ReadFile */
/** @typedef {import("./messages.js").Context} Context */

/**
 * path -> the file as read, whether it names a policy kind, and its check
 * result (one line of JSON) under the context `key`.
 * @type {Map<string, { gen: number, input: { bytes: Uint8Array } | { tooLarge: number } | { unreadable: string }, source: boolean, key: string | null, line: Uint8Array | null }>}
 */
const store = new Map();
/** Whether the core holds an assembled plan (worker 0). */
let held = false;
/** Items of a long list per message to the page. */
const PIECE = 4000;
/** The newest plan this worker heard of; older plan steps are skipped. */
let latestPlan = 0;

/** @param {ReadFile[]} files @param {Context | undefined} hint */
function put(files, hint) {
  for (const f of files) {
    const input = f.bytes ? { bytes: f.bytes } : f.tooLarge !== undefined ? { tooLarge: f.tooLarge } : { unreadable: f.unreadable ?? "" };
    store.set(f.path, { gen: f.gen, input, source: "bytes" in input && namesPolicyKind(input.bytes), key: null, line: null });
  }
  // Checked now, while the page reads the next files; a plan under another
  // context checks them again.
  if (hint) {
    try {
      check(files.map((f) => f.path), hint);
    } catch {
      // The plan reports it (a bad option or policy), under its own context.
    }
  }
}

/** Checks the files among `paths` that have no result under `cx`. @param {string[]} paths @param {Context} cx */
function check(paths, cx) {
  const todo = [];
  for (const path of paths) {
    const e = store.get(path);
    if (e && e.key !== cx.key) todo.push([path, e]);
  }
  if (todo.length === 0) return;
  const out = checkFiles(todo.map(([name, e]) => ({ name, ...e.input })), cx.options, cx.sources);
  // One line per file, in order, each ending in "\n".
  let start = 0;
  for (const [, e] of todo) {
    const end = out.indexOf(10, start);
    e.line = out.subarray(start, end + 1);
    e.key = cx.key;
    start = end + 1;
  }
}

/** This worker's share of the plan: every file's line, in name order. @param {Context} cx */
function part(cx) {
  const paths = [...store.keys()].sort(compareNames);
  check(paths, cx);
  let n = 0;
  for (const p of paths) n += /** @type {Uint8Array} */ (store.get(p)?.line).length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of paths) {
    const line = /** @type {Uint8Array} */ (store.get(p)?.line);
    out.set(line, at);
    at += line.length;
  }
  return out;
}

/** The files that name a policy kind, which every check must be given. */
function sources() {
  const out = [];
  for (const [name, e] of store) if (e.source && "bytes" in e.input) out.push({ name, gen: e.gen, bytes: e.input.bytes });
  return out;
}

/** @param {ToWorker} msg */
function handle(msg) {
  switch (msg.type) {
    case "put":
      put(msg.files, msg.hint);
      return;
    case "remove":
      for (const p of msg.paths) store.delete(p);
      return;
    case "clear":
      store.clear();
      return;
    case "sources": {
      if (msg.plan !== latestPlan) return send(self, { type: "stale", id: msg.id });
      // A policy with an error is reported at its line, never replaced by the defaults.
      let policy = null;
      if (typeof msg.config === "string") {
        const parsed = parsePolicy(msg.config);
        if (!parsed.ok) {
          return send(self, { type: "sources", id: msg.id, sources: [], policyError: { line: parsed.line, column: parsed.column, message: parsed.message } });
        }
        policy = parsed.policy;
      }
      return send(self, { type: "sources", id: msg.id, sources: sources(), policy });
    }
    case "check": {
      if (msg.plan !== latestPlan) return send(self, { type: "stale", id: msg.id });
      const p = part(msg.context);
      return self.postMessage({ type: "part", id: msg.id, part: p }, [p.buffer]);
    }
    case "assemble": {
      if (msg.plan !== latestPlan) return send(self, { type: "stale", id: msg.id });
      held = false;
      const headline = holdPlan(msg.parts, msg.context.options, msg.context.sources);
      held = true;
      // The counts first: the page shows them before it lays out the lists.
      send(self, { type: "headline", id: msg.id, headline });
      // The long lists in pieces of a few thousand: the page reads each
      // message in a task of its own (30,000 Jobs in one message took the
      // main thread 240 ms to read, their findings 300 ms).
      const listing = heldPlanListing();
      const pieces = { jobs: listing.jobs, presentJobs: listing.present.jobs, findings: listing.present.findings };
      for (const [piece, all] of Object.entries(pieces)) {
        for (let i = 0; i < all.length; i += PIECE) {
          send(self, { type: "piece", id: msg.id, piece, value: all.slice(i, i + PIECE) });
        }
      }
      return send(self, { type: "plan", id: msg.id, listing: { ...listing, jobs: [], present: { ...listing.present, jobs: [], findings: [] } } });
    }
    case "json":
      return send(self, { type: "json", id: msg.id, json: held ? renderHeldPlan("json") : "" });
  }
}

// One queue, so that a plan step always sees every "put" sent before it.
let queue = init().then(() => {
  send(self, { type: "ready", version: version(), kubeVersions: kubernetesVersions(), limits: limits() });
});
queue.catch((e) => send(self, { type: "failed", id: null, message: String((e && e.message) || e) }));

self.onmessage = (event) => {
  /** @type {ToWorker} */
  const msg = event.data;
  if ("plan" in msg && msg.plan > latestPlan) latestPlan = msg.plan;
  queue = queue.then(() => {
    try {
      handle(msg);
    } catch (e) {
      send(self, { type: "failed", id: "id" in msg ? msg.id : null, message: String((e && e.message) || e) });
    }
  });
};
