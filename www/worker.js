// Validation off the main thread: the page never freezes, whatever is dropped.
// The worker keeps the bytes of every file, so that a strict-mode toggle or a
// version change re-plans without reading the files again.
//
// Messages in (handled strictly in order):
//   { type: "put", files: [{ path, file?: File, text?: string, size?, error? }] }
//   { type: "remove", paths: [string] }   { type: "clear" }
//   { type: "plan", id, options }         { type: "json", id }
// Messages out: { type: "ready", version, kubeVersions } | { type: "plan", id, plan, text }
//   | { type: "plan", id, stale: true } (a newer plan request is queued)
//   | { type: "json", id, json } | { type: "failed", id, message } | { type: "progress", text }

import init, { planFileBytes, renderPlanText, renderPlan, version, planFiles } from "./pkg/k8s_job_plan.js";
import { MAX_FILE_BYTES, mergeReadProblems, tooLargeFinding, unreadableFinding } from "./inputs.js";

/** path -> { bytes: Uint8Array } | { tooLarge: number } | { unreadable: string } */
const store = new Map();
let lastPlan = null;
const encoder = new TextEncoder();

async function read(entry) {
  if (entry.error) return { unreadable: entry.error };
  if (typeof entry.text === "string") {
    const bytes = encoder.encode(entry.text);
    return bytes.length > MAX_FILE_BYTES ? { tooLarge: bytes.length } : { bytes };
  }
  const size = entry.file.size;
  // Never read a file over the limit: its size is all the finding needs.
  if (size > MAX_FILE_BYTES) return { tooLarge: size };
  try {
    return { bytes: new Uint8Array(await entry.file.arrayBuffer()) };
  } catch (e) {
    return { unreadable: (e && e.message) || "the browser refused to read it" };
  }
}

async function put(files) {
  // Read a few at a time: thousands of parallel reads only queue up in the browser.
  const width = 64;
  for (let i = 0; i < files.length; i += width) {
    const slice = files.slice(i, i + width);
    const read_ = await Promise.all(slice.map(read));
    slice.forEach((f, j) => store.set(f.path, read_[j]));
    if (files.length > 1000 && (i / width) % 16 === 15) {
      self.postMessage({ type: "progress", text: `Reading files: ${i + slice.length} of ${files.length}…` });
    }
  }
  if (files.length > 1000) self.postMessage({ type: "progress", text: `Validating ${store.size} files…` });
}

function plan(options) {
  const inputs = [];
  const problems = [];
  for (const [name, v] of store) {
    if (v.bytes) inputs.push({ name, bytes: v.bytes });
    else if (v.tooLarge !== undefined) problems.push(tooLargeFinding(name, v.tooLarge));
    else problems.push(unreadableFinding(name, v.unreadable));
  }
  const result = mergeReadProblems(planFileBytes(inputs, options), problems);
  lastPlan = result;
  return { plan: result, text: renderPlanText(result) };
}

/** The Kubernetes versions the core accepts, newest first, asked of the core itself. */
function kubeVersions() {
  const newest = planFiles([], undefined).summary.kubernetesVersion;
  const [major, minor] = newest.split(".").map(Number);
  const out = [];
  for (let m = minor; m >= 0; m--) {
    try {
      planFiles([], { kubernetesVersion: `${major}.${m}` });
      out.push(`${major}.${m}`);
    } catch {
      break;
    }
  }
  return out;
}

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
        self.postMessage({ type: "plan", id: msg.id, stale: true });
        return;
      }
      const { plan: p, text } = plan(msg.options);
      self.postMessage({ type: "plan", id: msg.id, plan: p, text });
      return;
    }
    case "json":
      self.postMessage({ type: "json", id: msg.id, json: lastPlan ? renderPlan(lastPlan, "json") : "" });
      return;
  }
}

// One queue, so that a "plan" always sees every "put" sent before it.
let queue = init().then(() => {
  self.postMessage({ type: "ready", version: version(), kubeVersions: kubeVersions() });
});
queue.catch((e) => self.postMessage({ type: "failed", id: null, message: String((e && e.message) || e) }));

let latestPlanId = null;

self.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === "plan") latestPlanId = msg.id;
  queue = queue.then(() =>
    handle(msg).catch((e) => {
      self.postMessage({ type: "failed", id: msg.id ?? null, message: String((e && e.message) || e) });
    }),
  );
};
