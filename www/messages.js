// The messages between the page (app.js) and its validation worker
// (worker.js), defined once: the types both sides use, and the page's typed
// client. The core's types (ExecutionPlan, PlanPresentation, …) are those of
// the npm package, generated from src/wasm.rs.

import { compareNames } from "./inputs.js";

/**
 * @typedef {import("./pkg/k8s_job_plan.js").ExecutionPlan} ExecutionPlan
 * @typedef {import("./pkg/k8s_job_plan.js").JobValidation} JobValidation
 * @typedef {import("./pkg/k8s_job_plan.js").PlanPresentation} PlanPresentation
 * @typedef {import("./pkg/k8s_job_plan.js").PlanOptions} PlanOptions
 * @typedef {import("./pkg/k8s_job_plan.js").Limits} Limits
 * @typedef {import("./pkg/k8s_job_plan.js").Policy} Policy
 */

/**
 * A file the user brought: a File to read, pasted text, or why the browser
 * could not give it.
 * @typedef {{ path: string, file?: File, text?: string, error?: string }} PutFile
 */

/**
 * A file as the page read it, handed to one worker of the pool: its bytes,
 * or its size when it is over the core's limit (not read), or why it could
 * not be read. `gen` tells two versions of one path apart.
 * @typedef {{ path: string, gen: number, bytes?: Uint8Array, tooLarge?: number, unreadable?: string }} ReadFile
 */

/**
 * A policy source: a file that names ResourceQuota or LimitRange, which
 * every worker's check must be given (see src/plan_split.rs).
 * @typedef {{ name: string, bytes: Uint8Array }} Source
 */

/**
 * What checks are made under: the options (policy text included), the policy
 * sources of all the files in name order, and a key that identifies both.
 * @typedef {{ key: string, options: PlanOptions, sources: Source[] }} Context
 */

/**
 * A Job's verdict as the page gets it: the plan's JobValidation without its
 * jobData (the page shows the core's presentation of the Job instead).
 * @typedef {import("./pkg/k8s_job_plan.js").JobVerdict} JobVerdict
 */

/**
 * The counts and summary of a plan, shown before the lists.
 * @typedef {import("./pkg/k8s_job_plan.js").PlanHeadline} PlanHeadline
 */

/**
 * What the page shows of a plan: its headline, the verdicts (the plan
 * without the Jobs' data), the core's presentation (text plan, Job
 * summaries, findings in list order) and the policy in force.
 * @typedef {PlanHeadline & import("./pkg/k8s_job_plan.js").PlanListing & { policy: Policy | null }} PlanResult
 * @typedef {PlanResult | { policyError: { line: number, column: number, message: string } }} PlanView
 */

/**
 * Page to worker, handled strictly in order. `plan` is the plan request a
 * step belongs to: a worker skips steps of a plan older than one it has seen.
 * @typedef {{ type: "put", files: ReadFile[], hint?: Context }
 *   | { type: "remove", paths: string[] }
 *   | { type: "clear" }
 *   | { type: "sources", id: number, plan: number, config?: string }
 *   | { type: "check", id: number, plan: number, context: Context }
 *   | { type: "assemble", id: number, plan: number, parts: Uint8Array[], context: Context }
 *   | { type: "json", id: number }} ToWorker
 */

/**
 * Worker to page.
 * @typedef {{ type: "ready", version: string, kubeVersions: string[], limits: Limits }
 *   | { type: "sources", id: number, sources: Array<Source & { gen: number }>, policy?: Policy | null, policyError?: { line: number, column: number, message: string } }
 *   | { type: "part", id: number, part: Uint8Array }
 *   | { type: "headline", id: number, headline: PlanHeadline }
 *   | { type: "piece", id: number, piece: "jobs", value: JobVerdict[] }
 *   | { type: "piece", id: number, piece: "presentJobs", value: import("./pkg/k8s_job_plan.js").JobPresentation[] }
 *   | { type: "piece", id: number, piece: "findings", value: import("./pkg/k8s_job_plan.js").ListedFinding[] }
 *   | { type: "plan", id: number, listing: import("./pkg/k8s_job_plan.js").PlanListing }
 *   | { type: "stale", id: number }
 *   | { type: "json", id: number, json: string }
 *   | { type: "failed", id: number | null, message: string }} FromWorker
 */

/**
 * The long lists of a plan's listing, as they arrive in pieces.
 * @typedef {{ jobs?: JobVerdict[], presentJobs?: import("./pkg/k8s_job_plan.js").JobPresentation[], findings?: import("./pkg/k8s_job_plan.js").ListedFinding[] }} Pieces
 */

/**
 * Sends one message; the one place a message is posted without transfer, on either side.
 * @param {{ postMessage(message: ToWorker | FromWorker): void }} target
 * @param {ToWorker | FromWorker} message
 */
export function send(target, message) {
  target.postMessage(message);
}

/** The workers a page starts: one per core, at least two, at most eight (each holds a wasm instance). */
export function poolSize(cores, asked) {
  const n = Number(asked);
  if (Number.isInteger(n) && n >= 1 && n <= 16) return n;
  return Math.min(8, Math.max(2, Number(cores) || 2));
}

/**
 * Identifies a context: the options as JSON and each source's path and version.
 * @param {PlanOptions} options @param {Array<{ name: string, gen: number }>} sources
 */
export function contextKey(options, sources) {
  return [JSON.stringify(options), ...sources.map((s) => `${s.name}@${s.gen}`)].join("\u0000");
}

/**
 * The page's side of the pool: files go to the worker that owns them; a plan
 * is three steps (the policy sources of every worker, each worker's checked
 * share, the assembly in worker 0). `onReady` (all workers answered),
 * `onProgress` and `onFailed` get the workers' unsolicited messages.
 */
export class WorkerPool {
  /**
   * @param {Worker[]} workers
   * @param {{
   *   onReady(msg: Extract<FromWorker, { type: "ready" }>): void,
   *   onFailed(message: string): void,
   * }} handlers
   */
  constructor(workers, handlers) {
    this.workers = workers;
    this.handlers = handlers;
    /** @type {Map<number, { resolve(msg: FromWorker): void, reject(e: Error): void, onHeadline?: (h: PlanHeadline) => void, pieces?: Pieces }>} */
    this.waiting = new Map();
    this.nextId = 1;
    this.latestPlan = 0;
    this.readyCount = 0;
    /** @type {Context} the context of the last plan, the hint for files put after it */
    this.context = { key: contextKey({}, []), options: {}, sources: [] };
    workers.forEach((w) => {
      w.onmessage = (event) => this.receive(/** @type {FromWorker} */ (event.data));
    });
  }

  /** @param {FromWorker} msg */
  receive(msg) {
    switch (msg.type) {
      case "ready":
        // Every worker must be able to check before the page plans.
        this.readyCount += 1;
        if (this.readyCount === this.workers.length) this.handlers.onReady(msg);
        return;
      case "failed": {
        this.handlers.onFailed(msg.message);
        const w = msg.id === null ? undefined : this.waiting.get(msg.id);
        if (w) {
          this.waiting.delete(/** @type {number} */ (msg.id));
          w.reject(new Error(msg.message));
        }
        return;
      }
      case "headline":
        this.waiting.get(msg.id)?.onHeadline?.(msg.headline);
        return;
      case "piece": {
        // A long list comes in pieces, in order (see worker.js).
        const w = this.waiting.get(msg.id);
        if (!w) return;
        w.pieces ??= {};
        const list = (w.pieces[msg.piece] ??= []);
        for (const x of msg.value) list.push(x);
        return;
      }
      default: {
        const w = this.waiting.get(msg.id);
        if (w) {
          this.waiting.delete(msg.id);
          w.resolve(msg);
        }
      }
    }
  }

  /**
   * Hands read files to worker `i`, transferring their bytes, with the
   * context to check them under at once (the last plan's, with `options`).
   * @param {number} i @param {ReadFile[]} files @param {PlanOptions} options
   */
  put(i, files, options) {
    const hint = JSON.stringify(options) === JSON.stringify(this.context.options) ? this.context : { key: contextKey(options, []), options, sources: [] };
    const buffers = new Set();
    for (const f of files) if (f.bytes) buffers.add(f.bytes.buffer);
    this.workers[i].postMessage({ type: "put", files, hint }, [...buffers]);
  }

  /** @param {number} i @param {string[]} paths */
  remove(i, paths) {
    send(this.workers[i], { type: "remove", paths });
  }

  clear() {
    for (const w of this.workers) send(w, { type: "clear" });
  }

  /**
   * Plans every file put so far. Resolves to null when a newer plan request
   * made this one stale; calls `onHeadline` with the counts before the lists.
   * @param {PlanOptions} options
   * @param {(h: PlanHeadline) => void} onHeadline
   * @returns {Promise<PlanView | null>}
   */
  async plan(options, onHeadline) {
    const plan = ++this.latestPlan;
    const config = typeof options.config === "string" ? options.config : undefined;
    const found = await Promise.all(this.workers.map((_, i) => this.ask(i, (id) => ({ type: "sources", id, plan, config: i === 0 ? config : undefined }))));
    const first = found[0];
    if (found.some((m) => m.type !== "sources") || first.type !== "sources") return null;
    if (first.policyError) return { policyError: first.policyError };
    const all = found.flatMap((m) => (m.type === "sources" ? m.sources : [])).sort((a, b) => compareNames(a.name, b.name));
    /** @type {Context} */
    const context = { key: contextKey(options, all), options, sources: all.map(({ name, bytes }) => ({ name, bytes })) };
    this.context = context;
    const parts = await Promise.all(this.workers.map((_, i) => this.ask(i, (id) => ({ type: "check", id, plan, context }))));
    if (parts.some((m) => m.type !== "part")) return null;
    const buffers = parts.map((m) => (m.type === "part" ? m.part : new Uint8Array()));
    const done = await this.ask(
      0,
      (id) => ({ type: "assemble", id, plan, parts: buffers, context }),
      buffers.map((b) => b.buffer),
      (h) => {
        if (plan === this.latestPlan) onHeadline(h);
      },
    );
    if (done.type !== "plan" || plan !== this.latestPlan) return null;
    return { ...done.headline, ...done.listing, policy: first.policy ?? null };
  }

  /**
   * Puts the pieces of a plan's listing back together (see worker.js).
   * @param {import("./pkg/k8s_job_plan.js").PlanListing} listing
   * @param {Pieces | undefined} pieces
   */
  static whole(listing, pieces) {
    const present = { ...listing.present, jobs: pieces?.presentJobs ?? listing.present.jobs, findings: pieces?.findings ?? listing.present.findings };
    return { ...listing, jobs: pieces?.jobs ?? listing.jobs, present };
  }

  /**
   * The last plan as the CLI's --format json.
   * @returns {Promise<string>}
   */
  async json() {
    const msg = await this.ask(0, (id) => ({ type: "json", id }));
    return msg.type === "json" ? msg.json : "";
  }

  /**
   * @param {number} i
   * @param {(id: number) => ToWorker} make
   * @param {Transferable[]} [transfer]
   * @param {(h: PlanHeadline) => void} [onHeadline]
   * @returns {Promise<FromWorker>}
   */
  ask(i, make, transfer = [], onHeadline) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      /** @type {PlanHeadline | undefined} */
      let headline;
      const entry = {
        resolve: (msg) => resolve(msg.type === "plan" ? { ...msg, listing: WorkerPool.whole(msg.listing, entry.pieces), headline } : msg),
        reject,
        onHeadline: (h) => {
          headline = h;
          onHeadline?.(h);
        },
        pieces: undefined,
      };
      this.waiting.set(id, entry);
      this.workers[i].postMessage(make(id), transfer);
    });
  }
}
