// Validation off the main thread: the page never freezes, whatever is dropped.
// The worker keeps the bytes of every file, so that a strict-mode toggle or a
// version change re-plans without reading the files again. The messages are
// defined in messages.js.

import init, { planFileBytes, presentPlan, renderPlan, version, kubernetesVersions, limits, parsePolicy } from "./pkg/k8s_job_plan.js";
import { send } from "./messages.js";

/** @typedef {import("./messages.js").ToWorker} ToWorker */
/** @typedef {import("./messages.js").PutFile} PutFile */
/** @typedef {import("./messages.js").PlanView} PlanView */

/** path -> { bytes: Uint8Array } | { tooLarge: number } | { unreadable: string } */
const store = new Map();
/** @type {import("./messages.js").ExecutionPlan | null} */
let lastPlan = null;
/** The core's file-size limit: a larger file is not even read. Set by init. */
let maxFileBytes = 0;
const encoder = new TextEncoder();

/** @param {PutFile} entry */
async function read(entry) {
  if (entry.error) return { unreadable: entry.error };
  if (typeof entry.text === "string") {
    const bytes = encoder.encode(entry.text);
    return bytes.length > maxFileBytes ? { tooLarge: bytes.length } : { bytes };
  }
  const file = /** @type {File} */ (entry.file);
  const size = file.size;
  // Never read a file over the limit: its size is all the finding needs.
  if (size > maxFileBytes) return { tooLarge: size };
  try {
    return { bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch (e) {
    return { unreadable: (e && e.message) || "the browser refused to read it" };
  }
}

/** @param {PutFile[]} files */
async function put(files) {
  // Read a few at a time: thousands of parallel reads only queue up in the browser.
  const width = 64;
  for (let i = 0; i < files.length; i += width) {
    const slice = files.slice(i, i + width);
    const read_ = await Promise.all(slice.map(read));
    slice.forEach((f, j) => store.set(f.path, read_[j]));
    if (files.length > 1000 && (i / width) % 16 === 15) {
      send(self, { type: "progress", text: `Reading files: ${i + slice.length} of ${files.length}…` });
    }
  }
  if (files.length > 1000) send(self, { type: "progress", text: `Validating ${store.size} files…` });
}

/**
 * Plans every stored file and presents the plan for the page.
 * @returns {PlanView}
 */
function plan(options) {
  // A policy with an error is reported at its line, never replaced by the defaults.
  let policy = null;
  if (typeof options.config === "string") {
    const parsed = parsePolicy(options.config);
    if (!parsed.ok) return { policyError: { line: parsed.line, column: parsed.column, message: parsed.message } };
    policy = parsed.policy;
  }
  // Files the page did not read (too large) or could not read go to the core
  // too, which reports them with its own rules and wording.
  const inputs = [];
  for (const [name, v] of store) inputs.push({ name, ...v });
  const result = planFileBytes(inputs, options);
  lastPlan = result;
  // One conversion of the plan gives the text plan, the Jobs' summaries and
  // the findings in list order.
  const present = presentPlan(result);
  // The Jobs' data stays here: the page shows the presentation, and cloning
  // every manifest to the page would cost as much as the rest together.
  const jobs = result.jobs.map(({ jobData: _, ...verdict }) => verdict);
  const cronJobs = (result.cronJobs ?? []).map(({ jobData: _, ...verdict }) => verdict);
  return {
    totalJobs: result.totalJobs,
    validJobs: result.validJobs,
    invalidJobs: result.invalidJobs,
    errorCount: result.errors.length,
    warningCount: result.warnings.length,
    jobs,
    cronJobs,
    summary: result.summary,
    present,
    policy,
  };
}

let latestPlanId = null;

/** @param {ToWorker} msg */
async function handle(msg) {
  switch (msg.type) {
    case "put":
      await put(msg.files);
      return;
    case "remove":
      for (const p of msg.paths) store.delete(p);
      return;
    case "clear":
      store.clear();
      return;
    case "plan": {
      // Toggling strict mode three times on 10,000 files needs one plan, not three.
      if (msg.id !== latestPlanId) {
        send(self, { type: "plan", id: msg.id, stale: true });
        return;
      }
      send(self, { type: "plan", id: msg.id, view: plan(msg.options) });
      return;
    }
    case "json":
      send(self, { type: "json", id: msg.id, json: lastPlan ? renderPlan(lastPlan, "json") : "" });
      return;
  }
}

// One queue, so that a "plan" always sees every "put" sent before it.
let queue = init().then(() => {
  maxFileBytes = limits().maxFileBytes;
  send(self, { type: "ready", version: version(), kubeVersions: kubernetesVersions(), limits: limits() });
});
queue.catch((e) => send(self, { type: "failed", id: null, message: String((e && e.message) || e) }));

self.onmessage = (event) => {
  /** @type {ToWorker} */
  const msg = event.data;
  if (msg.type === "plan") latestPlanId = msg.id;
  queue = queue.then(() =>
    handle(msg).catch((e) => {
      send(self, { type: "failed", id: "id" in msg ? msg.id : null, message: String((e && e.message) || e) });
    }),
  );
};
