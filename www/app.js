// The page: collects files, hands them to the validation worker, and shows the
// plan the core returns. It holds no validation logic and formats no manifest
// value: the core presents the Jobs (the text plan's strings) and orders the
// findings; the page lays them out. Every value that comes from a manifest or
// a file name is put in the page as text (textContent), never as markup.
//
// One state object (`state`); render functions that each redo one part of the
// page, and only when what it shows changed; a pool of workers behind a typed
// client (messages.js). The page reads the files (a few dozen at a time) and
// deals them to the workers, which check them as they arrive; a plan asks
// every worker for its share and worker 0 assembles them. The summary is
// shown as soon as the plan is assembled, before the lists are laid out.

import { walkEntries, takeDropped, fromInputFiles, YAML_EXTENSIONS } from "./walk.js";
import { formatBytes, compareNames, readCapped } from "./inputs.js";
import { el, LazyList, jobCard, cronJobCard, findingItem, skippedSummary } from "./view.js";
import { WorkerPool, poolSize } from "./messages.js";

/** @typedef {import("./messages.js").PlanView} PlanView */
/** @typedef {import("./messages.js").PutFile} PutFile */
/** @typedef {import("./messages.js").ReadFile} ReadFile */
/** @typedef {import("./messages.js").PlanHeadline} PlanHeadline */

const $ = (id) => document.getElementById(id);
const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

/**
 * Everything the page knows, in one place. Render functions read it; event
 * handlers change it and call the render functions of what they changed.
 */
const state = {
  /**
   * What the user brought: path -> { path, size?, file?: File, text?: string,
   * error?: string, shard: the worker that holds it, gen: its version }
   */
  files: new Map(),
  /** Versions of files and the next worker to deal a new path to. */
  gen: 0,
  nextShard: 0,
  pasteCount: 0,
  /** The core, once its worker answered: { version, kubeVersions, limits }. */
  core: null,
  /** @type {PlanView | null} the plan on show */
  view: null,
  /** Id of the newest plan request; older answers are not shown. */
  requested: 0,
  fileListAll: false,
  /** The policy in force: its text ("" for none) and where it came from. */
  policy: { text: "", source: "" },
  /** The lazy lists on show (findings, Job cards); replaced when redone. */
  lists: { findings: null, jobs: null, cron: null },
  /** What the lists were last rendered from, so that only what changed is redone. */
  shown: { text: null, namespaces: null, findings: { view: null, key: "" }, jobs: { view: null, key: "" }, cron: null, skipped: null },
};

// ---- worker ---------------------------------------------------------------

// `?workers=N` (1 to 16) sets the pool's size, for the determinism test and the benchmark.
const workerCount = poolSize(navigator.hardwareConcurrency, new URLSearchParams(location.search).get("workers"));
const workers = Array.from({ length: workerCount }, () => new Worker(new URL("./worker.js", import.meta.url), { type: "module" }));
const pool = new WorkerPool(workers, {
  onReady(msg) {
    state.core = { version: msg.version, kubeVersions: msg.kubeVersions, limits: msg.limits };
    renderCore();
    document.body.dataset.ready = "true";
    if (state.files.size > 0) replan();
    else setStatus("Ready. Drop manifests to validate them.");
  },
  onFailed(message) {
    setStatus(`Validation failed: ${message}`, true);
  },
});
for (const w of workers) w.onerror = (e) => setStatus(`The validation worker could not start: ${e.message || "unknown error"}`, true);
document.body.dataset.workers = String(workerCount);

/** What the page says about the core: its version, its Kubernetes versions, its size limit. */
function renderCore() {
  const core = state.core;
  byTestId("version").textContent = `v${core.version}`;
  const select = $("kube-version");
  for (const v of core.kubeVersions) select.append(el("option", { value: v }, v));
  select.firstElementChild.textContent = `newest (${core.kubeVersions[0]})`;
  byTestId("size-limit").textContent = formatBytes(core.limits.maxFileBytes);
}

/** The folder rule as the dropzone hint states it, from walk.js's own list. */
function renderYamlKinds() {
  const kinds = YAML_EXTENSIONS.flatMap((x, i) => [i === 0 ? "" : i === YAML_EXTENSIONS.length - 1 ? " and " : ", ", el("code", {}, `*${x}`)]);
  $("yaml-kinds").replaceChildren(...kinds.filter((k) => k !== ""));
}

/** The core's file-size limit; none is known before the core answers. */
function maxFileBytes() {
  return state.core ? state.core.limits.maxFileBytes : Infinity;
}

function options() {
  const opts = { strict: $("strict-toggle").checked };
  if ($("resources-toggle").checked) opts.resources = true;
  const v = $("kube-version").value;
  if (v) opts.kubernetesVersion = v;
  if (state.policy.text.trim() !== "") opts.config = state.policy.text;
  return opts;
}

/** The policy file's name: found in a dropped folder, it configures the plan instead of being planned. */
const POLICY_FILE = "k8s-job-plan.yaml";

/**
 * Takes the policy file out of dropped entries: the one nearest the top of
 * the folder is used; the others are left out too (none of them is a Job).
 * @param {PutFile[]} entries
 */
async function takePolicy(entries) {
  const found = entries.filter((e) => e.path.split("/").pop() === POLICY_FILE);
  if (found.length === 0) return entries;
  found.sort((a, b) => a.path.split("/").length - b.path.split("/").length || compareNames(a.path, b.path));
  const top = found[0];
  try {
    const text = typeof top.text === "string" ? top.text : await top.file.text();
    setPolicy(text, `${top.path} (from the dropped files)`);
  } catch (e) {
    setStatus(`The policy file ${top.path} could not be read: ${(e && e.message) || e}`, true);
  }
  return entries.filter((e) => !found.includes(e));
}

function setPolicy(text, source) {
  state.policy = { text, source };
  $("policy-input").value = text;
}

/** Which policy is in force, or where the policy's error is. */
function renderPolicy(policy, error) {
  const source = byTestId("policy-source");
  const err = $("policy-error");
  err.hidden = !error;
  if (error) {
    err.textContent = `Line ${error.line}, column ${error.column}: ${error.message}`;
    err.dataset.line = String(error.line);
    source.textContent = `${state.policy.source || "The policy"} has an error; nothing is validated until it is fixed.`;
    return;
  }
  if (state.policy.text.trim() === "" || !policy) {
    source.textContent = "None: the seed's rules. A k8s-job-plan.yaml in a dropped folder is used.";
    return;
  }
  const c = policy.conventions || {};
  const parts = [`profile ${policy.profile || "seed"}`];
  const n = Object.keys(c).length;
  if (n) parts.push(`${n} convention${n === 1 ? "" : "s"}`);
  const r = Object.keys(policy.rules || {}).length;
  if (r) parts.push(`${r} rule setting${r === 1 ? "" : "s"}`);
  if (policy.ignore && policy.ignore.length) parts.push(`${policy.ignore.length} ignore${policy.ignore.length === 1 ? "" : "s"}`);
  if (policy.allowInlineIgnores === false) parts.push("inline ignores locked");
  source.textContent = `In force: ${state.policy.source || "edited here"}: ${parts.join(", ")}.`;
}

/** Selects a line of the policy editor (its error's line). */
function showPolicyLine(line) {
  const area = $("policy-input");
  const lines = area.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[line - 1] || "").length);
}

async function replan() {
  renderFileList();
  if (!state.core) {
    setStatus("Loading the validator…");
    return;
  }
  const id = ++state.requested;
  const n = state.files.size;
  setStatus(n === 0 ? "" : `Validating ${n} file${n === 1 ? "" : "s"}…`);
  document.body.dataset.busy = "true";
  let view;
  try {
    view = await pool.plan(options(), (headline) => {
      // The counts as soon as the plan is assembled; the lists follow.
      if (id !== state.requested) return;
      renderSummary(headline);
      performance.mark("kjp:summary");
    });
  } catch {
    // The worker's message is already in the status line.
    if (id === state.requested) delete document.body.dataset.busy;
    return;
  }
  // A newer request is on its way; showing this one would only flicker.
  if (id !== state.requested || view === null) return;
  if ("policyError" in view) {
    delete document.body.dataset.busy;
    renderPolicy(null, view.policyError);
    setStatus(`The policy has an error at line ${view.policyError.line}: ${view.policyError.message}`, true);
    return;
  }
  renderPolicy(view.policy, null);
  state.view = view;
  await render();
  // A newer plan renders itself.
  if (id !== state.requested) return;
  delete document.body.dataset.busy;
  performance.mark("kjp:rendered");
  setStatus(
    state.files.size === 0
      ? ""
      : `${view.totalJobs} Job${view.totalJobs === 1 ? "" : "s"}: ${view.validJobs} valid, ${view.invalidJobs} invalid.`,
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
 * Files read at once. Each read costs the main thread about 0.15 ms (the
 * browser's file machinery), so 10,000 files take over a second in all, but
 * in small tasks; the workers check each batch while the next is read.
 */
const READ_BATCH = 64;

/** @param {PutFile[]} entries */
async function addFiles(entries) {
  // Busy from now: reading comes before planning.
  document.body.dataset.busy = "true";
  const policyBefore = state.policy.text;
  entries = await takePolicy(entries);
  if (entries.length === 0 && state.policy.text !== policyBefore) {
    replan();
    return;
  }
  if (entries.length === 0) {
    delete document.body.dataset.busy;
    setStatus(`No YAML files found there (folders keep only ${YAML_EXTENSIONS.map((x) => `*${x}`).join(" and ")} files).`);
    return;
  }
  performance.mark("kjp:read-start");
  const added = [];
  for (const e of entries) {
    // No `file.size` here: for a picked file it is a synchronous call into the
    // browser (about 0.2 ms), which froze the page for 2 s on 10,000 files.
    // `sizeOf` reads it when a row of the file list needs it.
    const old = state.files.get(e.path);
    const shard = old ? old.shard : state.nextShard++ % workerCount;
    const item = { path: e.path, file: e.file, text: e.text, error: e.error, shard, gen: ++state.gen };
    // The same path again replaces the earlier file: re-dropping an edited file updates it.
    state.files.set(e.path, item);
    added.push(item);
  }
  const max = maxFileBytes();
  const opts = options();
  for (let i = 0; i < added.length; i += READ_BATCH) {
    // Now and then: the status line is a live region.
    if (added.length > 1000 && (i / READ_BATCH) % 16 === 0) setStatus(`Reading files: ${i} of ${added.length}…`);
    const batch = added.slice(i, i + READ_BATCH);
    const read = await Promise.all(batch.map((item) => readItem(item, max)));
    /** @type {ReadFile[][]} */
    const shares = Array.from({ length: workerCount }, () => []);
    batch.forEach((item, j) => {
      // A file removed or replaced meanwhile (Clear, ✕, a newer drop) is not sent.
      if (state.files.get(item.path) === item) shares[item.shard].push({ path: item.path, gen: item.gen, ...read[j] });
    });
    shares.forEach((files, shard) => files.length > 0 && pool.put(shard, files, opts));
  }
  performance.mark("kjp:read-end");
  replan();
}

const encoder = new TextEncoder();

/**
 * A file's bytes for the core, or why there are none.
 * @returns {Promise<{ bytes: Uint8Array } | { tooLarge: number } | { unreadable: string }>}
 */
async function readItem(item, max) {
  if (item.error) return { unreadable: item.error };
  if (typeof item.text === "string") {
    const bytes = encoder.encode(item.text);
    return bytes.length > max ? { tooLarge: bytes.length } : { bytes };
  }
  return readCapped(item.file, max);
}

function removeFile(path) {
  const item = state.files.get(path);
  state.files.delete(path);
  if (item) pool.remove(item.shard, [path]);
  replan();
}

function clearFiles() {
  state.files.clear();
  pool.clear();
  replan();
}

const FILE_LIST_SHOWN = 200;

function renderFileList() {
  const list = byTestId("file-list");
  const paths = [...state.files.keys()].sort(compareNames);
  byTestId("file-count").textContent = String(paths.length);
  $("files-empty").hidden = paths.length > 0;
  $("clear-button").disabled = paths.length === 0;
  const shown = state.fileListAll ? paths : paths.slice(0, FILE_LIST_SHOWN);
  const tally = findingsPerFile();
  const limit = maxFileBytes();
  const items = shown.map((path) => {
    const f = state.files.get(path);
    const size = sizeOf(f);
    const over = size > limit;
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
  if (!state.fileListAll && paths.length > FILE_LIST_SHOWN) {
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
              state.fileListAll = true;
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
  if (!state.view) return tally;
  for (const { finding } of state.view.present.findings) {
    const t = tally.get(finding.file) || { errors: 0, warnings: 0 };
    if (finding.severity === "error") t.errors += 1;
    else t.warnings += 1;
    tally.set(finding.file, t);
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

/**
 * A new plan arrived: each part of the page is redone only when its data
 * changed, one part per task, so that 30,000 Jobs never block the page for
 * long (each part is a pass over the plan).
 */
async function render() {
  const parts = [renderSummary, renderResources, renderPlanText, renderFileList, renderNamespaceFilter, renderFindings, renderJobs, renderCronJobs];
  for (const [i, part] of parts.entries()) {
    if (i > 0 && state.view.totalJobs > 1000) await new Promise((next) => setTimeout(next, 0));
    part();
  }
}

/** The counts and summary: of the plan on show, or of a plan whose lists are on their way. */
function renderSummary(v = state.view) {
  byTestId("total-jobs").textContent = String(v.totalJobs);
  byTestId("valid-jobs").textContent = String(v.validJobs);
  byTestId("invalid-jobs").textContent = String(v.invalidJobs);
  byTestId("invalid-jobs").parentElement.classList.toggle("zero", v.invalidJobs === 0);
  byTestId("error-count").textContent = String(v.errorCount);
  byTestId("warning-count").textContent = String(v.warningCount);
  byTestId("namespaces").textContent = v.summary.namespaces.length ? v.summary.namespaces.join(", ") : "(none)";
  byTestId("files-count").textContent = String(v.summary.files);
  byTestId("documents-count").textContent = String(v.summary.documents);
  byTestId("skipped-count").textContent = String(v.summary.skippedDocuments.length);
  byTestId("kube-version-used").textContent = v.summary.kubernetesVersion;
  byTestId("strict-state").textContent = v.summary.strict ? "on" : "off";
  if (state.shown.skipped !== v.summary.skippedDocuments) {
    state.shown.skipped = v.summary.skippedDocuments;
    skippedSummary(byTestId("skipped-details"), v.summary.skippedDocuments);
  }
}

/** The text plan; an unchanged text (a re-plan that changed nothing) is not laid out again. */
/**
 * The Resources panel: one table row per namespace (the core puts those that
 * do not fit first), a bar per resource. The bars are decoration; each one's
 * text (the core's label) says the same for screen readers.
 */
function renderResources() {
  const r = state.view.present.resources;
  const panel = byTestId("resources-panel");
  panel.hidden = !r;
  if (!r) return;
  const rows = r.namespaces.map((n) => {
    const status = n.hasQuota ? (n.fits ? "fits its quota" : "does not fit its quota") : "no quota in the inputs";
    const bars = el(
      "ul",
      { class: "resource-bars" },
      ...n.rows.map((row) => {
        const item = el("li", { class: row.fits ? "" : "over", "data-testid": "resource-row" });
        item.append(el("span", { class: "resource-name" }, row.resource), el("span", { class: "resource-label" }, row.label + (row.fits ? "" : " — over quota")));
        if (row.percent !== undefined) {
          const fill = el("span", { class: "bar-fill" });
          fill.style.width = `${Math.min(row.percent, 100)}%`;
          item.append(el("span", { class: "bar", "aria-hidden": "true" }, fill));
        }
        return item;
      }),
    );
    const head = el("th", { scope: "row" }, el("span", { class: "ns-name" }, n.namespace), el("span", { class: `ns-status ${n.fits ? "ok" : "bad"}` }, status));
    return el("tr", { class: n.fits ? "" : "over", "data-testid": "resources-namespace" }, head, el("td", {}, String(n.jobs)), el("td", {}, String(n.peakPods)), el("td", {}, bars));
  });
  panel.querySelector("tbody").replaceChildren(...rows);
}

function renderPlanText() {
  const text = state.view.present.text;
  if (state.shown.text === text) return;
  state.shown.text = text;
  // Laying out a multi-megabyte <pre> blocks the main thread for a second or
  // more (10,000 Jobs: 8 MB, 1 s), so a large plan starts folded; its text is
  // in the element all the same, for copy, download and tests.
  const details = $("plan-details");
  const large = text.length > LARGE_PLAN_CHARS;
  if (large) details.open = false;
  $("plan-summary").textContent = large ? `Text plan (${formatBytes(text.length)}; large, so folded: open to read it)` : "Text plan";
  byTestId("plan-text").textContent = text;
}

/** Namespaces of every Job, valid or not, for the filter. */
function renderNamespaceFilter() {
  const namespaces = [...new Set(state.view.jobs.map((j) => j.namespace))].sort(compareNames);
  const key = namespaces.join("\u0000");
  if (state.shown.namespaces === key) return;
  state.shown.namespaces = key;
  const select = $("namespace-filter");
  const current = select.value;
  select.replaceChildren(el("option", { value: "" }, "All"), ...namespaces.map((n) => el("option", { value: n }, n)));
  select.value = namespaces.includes(current) ? current : "";
}

function filters() {
  return {
    severity: $("severity-filter").value,
    namespace: $("namespace-filter").value,
    status: $("status-filter").value,
    text: $("text-filter").value.trim().toLowerCase(),
  };
}

/** The findings list, in the core's order; redone when the plan or a filter it reads changed. */
function renderFindings() {
  const v = state.view;
  if (!v) return;
  const f = filters();
  const showSuppressed = $("suppressed-toggle").checked;
  const key = `${f.severity}\u0000${f.namespace}\u0000${f.text}\u0000${showSuppressed}`;
  if (state.shown.findings.view === v && state.shown.findings.key === key) return;
  state.shown.findings = { view: v, key };
  const suppressed = [];
  v.jobs.forEach((j, i) => {
    for (const s of j.suppressed || []) suppressed.push({ finding: s, job: i });
  });
  byTestId("suppressed-count").textContent = String(suppressed.length);
  const all = showSuppressed ? [...v.present.findings, ...suppressed] : v.present.findings;
  const findings = all.filter(({ finding: x, job: i }) => {
    if (f.severity && x.severity !== f.severity) return false;
    // A file's own findings have no namespace.
    const job = i === null ? null : v.jobs[i];
    if (f.namespace && (!job || job.namespace !== f.namespace)) return false;
    if (f.text && !`${x.file} ${x.code} ${x.rule} ${x.message} ${x.path} ${job ? job.jobName : ""}`.toLowerCase().includes(f.text)) return false;
    return true;
  });
  byTestId("findings-shown").textContent = findings.length === all.length ? String(all.length) : `${findings.length} of ${all.length}`;
  $("findings-empty").hidden = findings.length > 0;
  $("findings-empty").textContent = all.length === 0 ? "No findings." : "No finding matches the filters.";
  state.lists.findings?.destroy();
  state.lists.findings = new LazyList(
    byTestId("findings"),
    findings,
    ({ finding }) => findingItem(finding, openSource, "reason" in finding ? "suppressed-finding" : "finding"),
    100,
  );
}

/** The Job cards; redone when the plan or a filter they read changed. */
function renderJobs() {
  const v = state.view;
  if (!v) return;
  const f = filters();
  const key = `${f.severity}\u0000${f.namespace}\u0000${f.status}\u0000${f.text}`;
  if (state.shown.jobs.view === v && state.shown.jobs.key === key) return;
  state.shown.jobs = { view: v, key };
  const indexes = [];
  v.jobs.forEach((j, i) => {
    if (f.status === "valid" && !j.valid) return;
    if (f.status === "invalid" && j.valid) return;
    if (f.namespace && j.namespace !== f.namespace) return;
    if (f.severity === "error" && j.errors.length === 0) return;
    if (f.severity === "warning" && j.warnings.length === 0) return;
    if (f.text && !jobText(j, v.present.jobs[i]).includes(f.text)) return;
    indexes.push(i);
  });
  byTestId("jobs-shown").textContent = indexes.length === v.jobs.length ? String(indexes.length) : `${indexes.length} of ${v.jobs.length}`;
  $("jobs-empty").hidden = indexes.length > 0;
  $("jobs-empty").textContent = v.jobs.length === 0 ? "No Jobs yet. Drop manifests, or try the examples." : "No Job matches the filters.";
  state.lists.jobs?.destroy();
  state.lists.jobs = new LazyList(byTestId("job-cards"), indexes, (i) => jobCard(v.jobs[i], v.present.jobs[i], openSource), 40);
}

/** A filter changed: the lists that read it are redone. */
function renderLists() {
  renderFindings();
  renderJobs();
}

/** The CronJobs, each a card with its schedule; the section shows only when there are some. */
function renderCronJobs() {
  const v = state.view;
  if (!v || state.shown.cron === v) return;
  state.shown.cron = v;
  const cron = v.cronJobs ?? [];
  $("cron-section").hidden = cron.length === 0;
  byTestId("cron-shown").textContent = String(cron.length);
  state.lists.cron?.destroy();
  state.lists.cron = new LazyList(byTestId("cron-cards"), cron.map((_, i) => i), (i) => cronJobCard(cron[i], v.present.cronJobs[i], openSource), 40);
}

function jobText(j, p) {
  const parts = [j.jobName, j.namespace, j.file];
  for (const x of [...j.errors, ...j.warnings]) parts.push(x.code, x.rule, x.message);
  parts.push(...p.labels);
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
  const f = state.files.get(finding.file);
  let text = null;
  if (!f) note.textContent = "This file is no longer in the set.";
  else if (f.error) note.textContent = "The browser could not read this file.";
  else if (sizeOf(f) > maxFileBytes()) note.textContent = `This file was not read: it is over ${formatBytes(maxFileBytes())}.`;
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
    state.pasteCount += 1;
    let name = `pasted-${state.pasteCount}.yaml`;
    while (state.files.has(name)) name = `pasted-${++state.pasteCount}.yaml`;
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
  $("resources-toggle").addEventListener("change", replan);
  let policyTimer = 0;
  $("policy-input").addEventListener("input", () => {
    clearTimeout(policyTimer);
    policyTimer = setTimeout(() => {
      state.policy = { text: $("policy-input").value, source: "the policy edited here" };
      replan();
    }, 250);
  });
  $("policy-error").addEventListener("click", () => showPolicyLine(Number($("policy-error").dataset.line)));
  $("suppressed-toggle").addEventListener("change", renderFindings);
  $("kube-version").addEventListener("change", replan);
  for (const id of ["severity-filter", "namespace-filter"]) $(id).addEventListener("change", renderLists);
  $("status-filter").addEventListener("change", renderJobs);
  let typing = 0;
  $("text-filter").addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(renderLists, 150);
  });

  $("copy-button").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(planText());
      setStatus("The plan text is on the clipboard.");
    } catch {
      setStatus("The browser did not allow copying; select the plan text and copy it by hand.", true);
    }
  });
  $("download-text").addEventListener("click", () => download("plan.txt", planText(), "text/plain;charset=utf-8"));
  $("download-json").addEventListener("click", async () => {
    download("plan.json", await pool.json(), "application/json");
  });
  $("source-close").addEventListener("click", () => byTestId("source-view").close());
  byTestId("source-view").addEventListener("click", (e) => {
    // A click on the backdrop closes the dialog.
    if (e.target === e.currentTarget) e.currentTarget.close();
  });
}

/** The text plan on show ("" before the first plan). */
function planText() {
  return state.view ? state.view.present.text : "";
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
renderYamlKinds();
renderFileList();
