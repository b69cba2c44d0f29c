// The page: collects files, hands them to the validation worker, and shows the
// plan the core returns. It holds no validation logic. Every value that comes
// from a manifest or a file name is put in the page as text (textContent),
// never as markup.

import { walkEntries, takeDropped, fromInputFiles } from "./walk.js";
import { MAX_FILE_BYTES, formatBytes, compareNames } from "./inputs.js";
import { el, LazyList, jobCard, findingItem } from "./view.js";

const $ = (id) => document.getElementById(id);
const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

/** What the user brought: path -> { path, size, file?: File, text?: string, error?: string } */
const files = new Map();
let pasteCount = 0;

const state = {
  plan: null,
  text: "",
  requested: 0,
  shown: 0,
  ready: false,
};

// ---- worker ---------------------------------------------------------------

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
const waiting = new Map();
let nextId = 1;

worker.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === "ready") {
    state.ready = true;
    byTestId("version").textContent = `v${msg.version}`;
    const select = $("kube-version");
    for (const v of msg.kubeVersions) select.append(el("option", { value: v }, v));
    select.firstElementChild.textContent = `newest (${msg.kubeVersions[0]})`;
    document.body.dataset.ready = "true";
    if (files.size > 0) replan();
    else setStatus("Ready. Drop manifests to validate them.");
    return;
  }
  if (msg.type === "progress") {
    if (document.body.dataset.busy) setStatus(msg.text);
    return;
  }
  if (msg.type === "failed") {
    setStatus(`Validation failed: ${msg.message}`, true);
    const w = waiting.get(msg.id);
    if (w) {
      waiting.delete(msg.id);
      w.reject(new Error(msg.message));
    }
    return;
  }
  const w = waiting.get(msg.id);
  if (w) {
    waiting.delete(msg.id);
    w.resolve(msg);
  }
};
worker.onerror = (e) => setStatus(`The validation worker could not start: ${e.message || "unknown error"}`, true);

function ask(message) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage({ ...message, id });
  });
}

function options() {
  const opts = { strict: $("strict-toggle").checked };
  const v = $("kube-version").value;
  if (v) opts.kubernetesVersion = v;
  return opts;
}

async function replan() {
  renderFileList();
  if (!state.ready) {
    setStatus("Loading the validator…");
    return;
  }
  const id = ++state.requested;
  setStatus(files.size === 0 ? "" : `Validating ${files.size} file${files.size === 1 ? "" : "s"}…`);
  document.body.dataset.busy = "true";
  let msg;
  try {
    msg = await ask({ type: "plan", options: options() });
  } catch {
    // The worker's message is already in the status line.
    if (id === state.requested) delete document.body.dataset.busy;
    return;
  }
  // A newer request is on its way; showing this one would only flicker.
  if (id !== state.requested) return;
  state.plan = msg.plan;
  state.text = msg.text;
  state.shown = id;
  delete document.body.dataset.busy;
  render();
  const p = msg.plan;
  setStatus(
    files.size === 0
      ? ""
      : `${p.totalJobs} Job${p.totalJobs === 1 ? "" : "s"}: ${p.validJobs} valid, ${p.invalidJobs} invalid.`,
  );
}

function setStatus(text, isError = false) {
  const s = byTestId("status");
  s.textContent = text;
  s.classList.toggle("error", isError);
}

// ---- adding and removing files -----------------------------------------

/** Above this many characters the text plan starts folded (see render). */
const LARGE_PLAN_CHARS = 256 * 1024;

/** A file's size in bytes, read once, when first shown. */
function sizeOf(item) {
  if (item.size === undefined) {
    item.size = item.file ? item.file.size : typeof item.text === "string" ? new Blob([item.text]).size : 0;
  }
  return item.size;
}

/**
 * Files handed to the worker per message. Cloning a File for postMessage costs
 * about 0.3 ms on the main thread, so 10,000 files in one message froze the
 * page for 3 s; in slices, with a yield between them, no task runs long.
 */
const PUT_SLICE = 250;

/** entries: [{ path, file?, text?, error? }] */
async function addFiles(entries) {
  if (entries.length === 0) {
    setStatus("No YAML files found there (folders keep only *.yaml and *.yml files).");
    return;
  }
  const added = [];
  for (const e of entries) {
    // No `file.size` here: for a picked file it is a synchronous call into the
    // browser (about 0.2 ms), which froze the page for 2 s on 10,000 files.
    // `sizeOf` reads it when a row of the file list needs it.
    const item = { path: e.path, file: e.file, text: e.text, error: e.error };
    // The same path again replaces the earlier file: re-dropping an edited file updates it.
    files.set(e.path, item);
    added.push(item);
  }
  if (added.length > PUT_SLICE) setStatus(`Handing ${added.length} files to the validator…`);
  for (let i = 0; i < added.length; i += PUT_SLICE) {
    if (i > 0) await new Promise((next) => setTimeout(next, 0));
    // A file removed or replaced meanwhile (Clear, ✕, a newer drop) is not sent.
    const slice = added.slice(i, i + PUT_SLICE).filter((item) => files.get(item.path) === item);
    if (slice.length > 0) {
      worker.postMessage({ type: "put", files: slice.map(({ path, file, text, error }) => ({ path, file, text, error })) });
    }
  }
  replan();
}

function removeFile(path) {
  files.delete(path);
  worker.postMessage({ type: "remove", paths: [path] });
  replan();
}

function clearFiles() {
  files.clear();
  worker.postMessage({ type: "clear" });
  replan();
}

const FILE_LIST_SHOWN = 200;
let fileListAll = false;

function renderFileList() {
  const list = byTestId("file-list");
  const paths = [...files.keys()].sort(compareNames);
  byTestId("file-count").textContent = String(paths.length);
  $("files-empty").hidden = paths.length > 0;
  $("clear-button").disabled = paths.length === 0;
  const shown = fileListAll ? paths : paths.slice(0, FILE_LIST_SHOWN);
  const tally = findingsPerFile();
  const items = shown.map((path) => {
    const f = files.get(path);
    const size = sizeOf(f);
    const over = size > MAX_FILE_BYTES;
    const t = tally.get(path);
    return el(
      "li",
      { "data-testid": "file-item" },
      el("span", { class: "file-name", title: path }, path),
      t ? fileBadge(t) : null,
      el("span", { class: over ? "file-size over" : "file-size" }, over ? `${formatBytes(size)}, not read` : formatBytes(size)),
      el(
        "button",
        {
          type: "button",
          class: "icon",
          "data-testid": "remove-file",
          "aria-label": `Remove ${path}`,
          title: `Remove ${path}`,
          onclick: () => removeFile(path),
        },
        "×",
      ),
    );
  });
  if (!fileListAll && paths.length > FILE_LIST_SHOWN) {
    items.push(
      el(
        "li",
        { class: "more" },
        el(
          "button",
          {
            type: "button",
            class: "link",
            onclick: () => {
              fileListAll = true;
              renderFileList();
            },
          },
          `Show all ${paths.length} files`,
        ),
      ),
    );
  }
  list.replaceChildren(...items);
}

/** Errors and warnings per file of the plan on show, for the file list. */
function findingsPerFile() {
  const tally = new Map();
  if (!state.plan) return tally;
  for (const [list, key] of [[state.plan.errors, "errors"], [state.plan.warnings, "warnings"]]) {
    for (const f of list) {
      const t = tally.get(f.file) || { errors: 0, warnings: 0 };
      t[key] += 1;
      tally.set(f.file, t);
    }
  }
  return tally;
}

function fileBadge({ errors, warnings }) {
  const plural = (n, w) => `${n} ${w}${n === 1 ? "" : "s"}`;
  const parts = [];
  if (errors) parts.push(plural(errors, "error"));
  if (warnings) parts.push(plural(warnings, "warning"));
  return el(
    "span",
    { class: errors ? "file-badge error" : "file-badge warning", "data-testid": "file-badge", title: parts.join(", ") },
    parts.join(", "),
  );
}

// ---- rendering the plan -------------------------------------------------

let findingsList = null;
let jobsList = null;

function render() {
  const plan = state.plan;
  if (!plan) return;
  byTestId("total-jobs").textContent = String(plan.totalJobs);
  byTestId("valid-jobs").textContent = String(plan.validJobs);
  byTestId("invalid-jobs").textContent = String(plan.invalidJobs);
  byTestId("invalid-jobs").parentElement.classList.toggle("zero", plan.invalidJobs === 0);
  byTestId("error-count").textContent = String(plan.errors.length);
  byTestId("warning-count").textContent = String(plan.warnings.length);
  byTestId("namespaces").textContent = plan.summary.namespaces.length ? plan.summary.namespaces.join(", ") : "(none)";
  byTestId("files-count").textContent = String(plan.summary.files);
  byTestId("documents-count").textContent = String(plan.summary.documents);
  byTestId("skipped-count").textContent = String(plan.summary.skippedDocuments.length);
  byTestId("kube-version-used").textContent = plan.summary.kubernetesVersion;
  byTestId("strict-state").textContent = plan.summary.strict ? "on" : "off";
  byTestId("skipped-list").replaceChildren(
    ...plan.summary.skippedDocuments.slice(0, 50).map((s) =>
      el("li", {}, `${s.file} (document ${s.document + 1}): ${s.kind || "empty"}${s.name ? ` ${s.name}` : ""}: ${s.reason}`),
    ),
  );
  // Laying out a multi-megabyte <pre> blocks the main thread for a second or
  // more (10,000 Jobs: 8 MB, 1 s), so a large plan starts folded; its text is
  // in the element all the same, for copy, download and tests.
  const details = $("plan-details");
  const large = state.text.length > LARGE_PLAN_CHARS;
  if (large) details.open = false;
  $("plan-summary").textContent = large
    ? `Text plan (${formatBytes(state.text.length)}; large, so folded: open to read it)`
    : "Text plan";
  byTestId("plan-text").textContent = state.text;
  renderFileList();

  // Namespaces of every Job, valid or not, for the filter.
  const select = $("namespace-filter");
  const current = select.value;
  const namespaces = [...new Set(plan.jobs.map((j) => j.namespace))].sort(compareNames);
  select.replaceChildren(el("option", { value: "" }, "All"), ...namespaces.map((n) => el("option", { value: n }, n)));
  select.value = namespaces.includes(current) ? current : "";
  renderLists();
}

function filters() {
  return {
    severity: $("severity-filter").value,
    namespace: $("namespace-filter").value,
    status: $("status-filter").value,
    text: $("text-filter").value.trim().toLowerCase(),
  };
}

function renderLists() {
  const plan = state.plan;
  if (!plan) return;
  const f = filters();
  // Findings of a Job know its namespace through the Job; file-level findings have none.
  const nsOf = new Map();
  for (const j of plan.jobs) nsOf.set(`${j.file}\u0000${j.document}`, j);
  const all = [...plan.errors, ...plan.warnings];
  const order = new Map();
  // The plan lists errors then warnings; the page shows them together in file order.
  all.sort((a, b) => compareNames(a.file, b.file) || a.document - b.document || a.line - b.line || a.column - b.column);
  all.forEach((x, i) => order.set(x, i));
  const findings = all.filter((x) => {
    if (f.severity && x.severity !== f.severity) return false;
    const job = nsOf.get(`${x.file}\u0000${x.document}`);
    if (f.namespace && (!job || job.namespace !== f.namespace)) return false;
    if (f.text && !`${x.file} ${x.code} ${x.rule} ${x.message} ${x.path} ${job ? job.jobName : ""}`.toLowerCase().includes(f.text)) return false;
    return true;
  });
  byTestId("findings-shown").textContent = findings.length === all.length ? String(all.length) : `${findings.length} of ${all.length}`;
  $("findings-empty").hidden = findings.length > 0;
  $("findings-empty").textContent = all.length === 0 ? "No findings." : "No finding matches the filters.";
  if (findingsList) findingsList.destroy();
  findingsList = new LazyList(byTestId("findings"), findings, (x) => findingItem(x, openSource), 100);

  const jobs = plan.jobs.filter((j) => {
    if (f.status === "valid" && !j.valid) return false;
    if (f.status === "invalid" && j.valid) return false;
    if (f.namespace && j.namespace !== f.namespace) return false;
    if (f.severity === "error" && j.errors.length === 0) return false;
    if (f.severity === "warning" && j.warnings.length === 0) return false;
    if (f.text && !jobText(j).includes(f.text)) return false;
    return true;
  });
  byTestId("jobs-shown").textContent = jobs.length === plan.jobs.length ? String(jobs.length) : `${jobs.length} of ${plan.jobs.length}`;
  $("jobs-empty").hidden = jobs.length > 0;
  $("jobs-empty").textContent = plan.jobs.length === 0 ? "No Jobs yet. Drop manifests, or try the examples." : "No Job matches the filters.";
  if (jobsList) jobsList.destroy();
  jobsList = new LazyList(byTestId("job-cards"), jobs, (j) => jobCard(j, openSource), 40);
}

function jobText(j) {
  const parts = [j.jobName, j.namespace, j.file];
  for (const x of [...j.errors, ...j.warnings]) parts.push(x.code, x.rule, x.message);
  const labels = j.jobData && j.jobData.metadata && j.jobData.metadata.labels;
  if (labels && typeof labels === "object") for (const [k, v] of Object.entries(labels)) parts.push(`${k}: ${v}`);
  return parts.join(" ").toLowerCase();
}

// ---- the source view ------------------------------------------------------

/** Lines shown on each side of the highlighted line of a long file. */
const SOURCE_CONTEXT = 300;

async function openSource(finding) {
  const dialog = byTestId("source-view");
  byTestId("source-title").textContent = finding.file;
  byTestId("source-finding").textContent = `${finding.file}:${finding.line}:${finding.column}: ${finding.severity}[${finding.code} ${finding.rule}] ${finding.message}`;
  const note = byTestId("source-note");
  const code = byTestId("source-code");
  note.textContent = "";
  code.replaceChildren();
  if (!dialog.open) dialog.showModal();
  const f = files.get(finding.file);
  let text = null;
  if (!f) note.textContent = "This file is no longer in the set.";
  else if (f.error) note.textContent = "The browser could not read this file.";
  else if (sizeOf(f) > MAX_FILE_BYTES) note.textContent = `This file was not read: it is over ${formatBytes(MAX_FILE_BYTES)}.`;
  else if (typeof f.text === "string") text = f.text;
  else {
    try {
      text = await f.file.text();
    } catch {
      note.textContent = "The browser could not read this file.";
    }
  }
  if (text === null) return;
  if (finding.rule === "file-not-text") {
    note.textContent = "This file is not UTF-8 text; it is shown as the browser decodes it.";
  }
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const from = Math.max(0, finding.line - 1 - SOURCE_CONTEXT);
  const to = Math.min(lines.length, finding.line + SOURCE_CONTEXT);
  if (from > 0 || to < lines.length) {
    note.textContent = `Lines ${from + 1} to ${to} of ${lines.length}.`;
  }
  code.setAttribute("start", String(from + 1));
  let current = null;
  const items = [];
  for (let i = from; i < to; i++) {
    const li = el("li", {}, el("span", { class: "src" }, lines[i] === "" ? "\u200b" : lines[i]));
    if (i === finding.line - 1) {
      li.className = "current";
      li.setAttribute("aria-current", "true");
      li.dataset.testid = "source-line-current";
      current = li;
    }
    items.push(li);
  }
  code.replaceChildren(...items);
  if (current) current.scrollIntoView({ block: "center" });
}

// ---- wiring ---------------------------------------------------------------

function wire() {
  const dropzone = byTestId("dropzone");
  const fileInput = $("file-input");
  const folderInput = $("folder-input");

  const pick = () => fileInput.click();
  dropzone.addEventListener("click", pick);
  dropzone.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      pick();
    }
  });
  $("files-button").addEventListener("click", pick);
  $("folder-button").addEventListener("click", () => folderInput.click());
  fileInput.addEventListener("change", () => {
    addFiles(fromInputFiles(fileInput.files, false));
    fileInput.value = "";
  });
  folderInput.addEventListener("change", () => {
    addFiles(fromInputFiles(folderInput.files, true));
    folderInput.value = "";
  });

  // The whole page accepts drops, so a near miss does not open the file in the tab.
  let depth = 0;
  document.addEventListener("dragenter", (e) => {
    if (!hasFiles(e)) return;
    depth += 1;
    dropzone.classList.add("over");
  });
  document.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) dropzone.classList.remove("over");
  });
  document.addEventListener("dragover", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  });
  document.addEventListener("drop", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    dropzone.classList.remove("over");
    // Entries must be taken now: the DataTransfer is emptied after this handler.
    const { entries, files: loose } = takeDropped(e.dataTransfer);
    setStatus("Reading the dropped files…");
    walkEntries(entries).then((walked) => {
      addFiles([...loose.map((file) => ({ path: file.name, file })), ...walked]);
    });
  });

  $("paste-add").addEventListener("click", () => {
    const area = $("paste-input");
    if (area.value.trim() === "") {
      setStatus("Paste some YAML first.");
      area.focus();
      return;
    }
    pasteCount += 1;
    let name = `pasted-${pasteCount}.yaml`;
    while (files.has(name)) name = `pasted-${++pasteCount}.yaml`;
    addFiles([{ path: name, text: area.value }]);
    area.value = "";
  });

  $("paste-input").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      $("paste-add").click();
    }
  });

  $("examples-button").addEventListener("click", loadExamples);
  $("clear-button").addEventListener("click", clearFiles);
  $("strict-toggle").addEventListener("change", replan);
  $("kube-version").addEventListener("change", replan);
  for (const id of ["severity-filter", "namespace-filter", "status-filter"]) $(id).addEventListener("change", renderLists);
  let typing = 0;
  $("text-filter").addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(renderLists, 150);
  });

  $("copy-button").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(state.text);
      setStatus("The plan text is on the clipboard.");
    } catch {
      setStatus("The browser did not allow copying; select the plan text and copy it by hand.", true);
    }
  });
  $("download-text").addEventListener("click", () => download("plan.txt", state.text, "text/plain;charset=utf-8"));
  $("download-json").addEventListener("click", async () => {
    const msg = await ask({ type: "json" });
    download("plan.json", msg.json, "application/json");
  });
  $("source-close").addEventListener("click", () => byTestId("source-view").close());
  byTestId("source-view").addEventListener("click", (e) => {
    // A click on the backdrop closes the dialog.
    if (e.target === e.currentTarget) e.currentTarget.close();
  });
}

function hasFiles(e) {
  return e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name, hidden: "" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function loadExamples() {
  setStatus("Loading the examples…");
  try {
    const base = new URL("./examples/", import.meta.url);
    const index = await (await fetch(new URL("index.json", base))).json();
    const entries = [];
    for (const path of index.files) {
      const res = await fetch(new URL(path, base));
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      entries.push({ path, text: await res.text() });
    }
    addFiles(entries);
  } catch (e) {
    setStatus(`The examples could not be loaded: ${e.message}`, true);
  }
}

wire();
renderFileList();
