// The messages between the page (app.js) and its validation worker
// (worker.js), defined once: the types both sides use, and the page's typed
// client. The core's types (ExecutionPlan, PlanPresentation, …) are those of
// the npm package, generated from src/wasm.rs.

/**
 * @typedef {import("./pkg/k8s_job_plan.js").ExecutionPlan} ExecutionPlan
 * @typedef {import("./pkg/k8s_job_plan.js").JobValidation} JobValidation
 * @typedef {import("./pkg/k8s_job_plan.js").PlanPresentation} PlanPresentation
 * @typedef {import("./pkg/k8s_job_plan.js").PlanOptions} PlanOptions
 * @typedef {import("./pkg/k8s_job_plan.js").Limits} Limits
 * @typedef {import("./pkg/k8s_job_plan.js").Policy} Policy
 */

/**
 * A file handed to the worker: a File to read, pasted text, or why the
 * browser could not give it.
 * @typedef {{ path: string, file?: File, text?: string, error?: string }} PutFile
 */

/**
 * A Job's verdict as the page gets it: the plan's JobValidation without its
 * jobData (the page shows the core's presentation of the Job instead).
 * @typedef {Omit<JobValidation, "jobData">} JobVerdict
 */

/**
 * What the page shows of a plan: the plan without the Jobs' (and CronJobs') data, the
 * counts of its `errors` and `warnings` views, and the core's presentation
 * (text plan, Job summaries, findings in list order).
 * @typedef {{
 *   totalJobs: number, validJobs: number, invalidJobs: number,
 *   errorCount: number, warningCount: number,
 *   jobs: JobVerdict[], cronJobs: JobVerdict[], summary: ExecutionPlan["summary"],
 *   present: PlanPresentation,
 *   policy: Policy | null,
 * } | { policyError: { line: number, column: number, message: string } }} PlanView
 */

/**
 * Page to worker, handled strictly in order.
 * @typedef {{ type: "put", files: PutFile[] }
 *   | { type: "remove", paths: string[] }
 *   | { type: "clear" }
 *   | { type: "plan", id: number, options: PlanOptions }
 *   | { type: "json", id: number }} ToWorker
 */

/**
 * Worker to page.
 * @typedef {{ type: "ready", version: string, kubeVersions: string[], limits: Limits }
 *   | { type: "plan", id: number, view: PlanView }
 *   | { type: "plan", id: number, stale: true }
 *   | { type: "json", id: number, json: string }
 *   | { type: "failed", id: number | null, message: string }
 *   | { type: "progress", text: string }} FromWorker
 */

/**
 * Sends one message; the one place a message is posted, on either side.
 * @param {{ postMessage(message: ToWorker | FromWorker): void }} target
 * @param {ToWorker | FromWorker} message
 */
export function send(target, message) {
  target.postMessage(message);
}

/**
 * The page's side: requests that answer come back as promises, the rest is
 * fire-and-forget. `onReady`, `onProgress` and `onFailed` get the worker's
 * unsolicited messages.
 */
export class WorkerClient {
  /**
   * @param {Worker} worker
   * @param {{
   *   onReady(msg: Extract<FromWorker, { type: "ready" }>): void,
   *   onProgress(text: string): void,
   *   onFailed(message: string): void,
   * }} handlers
   */
  constructor(worker, handlers) {
    this.worker = worker;
    this.handlers = handlers;
    /** @type {Map<number, { resolve(msg: FromWorker): void, reject(e: Error): void }>} */
    this.waiting = new Map();
    this.nextId = 1;
    worker.onmessage = (event) => this.receive(/** @type {FromWorker} */ (event.data));
  }

  /** @param {FromWorker} msg */
  receive(msg) {
    switch (msg.type) {
      case "ready":
        this.handlers.onReady(msg);
        return;
      case "progress":
        this.handlers.onProgress(msg.text);
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
      default: {
        const w = this.waiting.get(msg.id);
        if (w) {
          this.waiting.delete(msg.id);
          w.resolve(msg);
        }
      }
    }
  }

  /** @param {PutFile[]} files */
  put(files) {
    send(this.worker, { type: "put", files });
  }

  /** @param {string[]} paths */
  remove(paths) {
    send(this.worker, { type: "remove", paths });
  }

  clear() {
    send(this.worker, { type: "clear" });
  }

  /**
   * Plans every file put so far. Resolves to null when a newer plan request
   * made this one stale.
   * @param {PlanOptions} options
   * @returns {Promise<PlanView | null>}
   */
  async plan(options) {
    const msg = await this.ask((id) => ({ type: "plan", id, options }));
    return msg.type === "plan" && "view" in msg ? msg.view : null;
  }

  /**
   * The last plan as the CLI's --format json.
   * @returns {Promise<string>}
   */
  async json() {
    const msg = await this.ask((id) => ({ type: "json", id }));
    return msg.type === "json" ? msg.json : "";
  }

  /**
   * @param {(id: number) => ToWorker} make
   * @returns {Promise<FromWorker>}
   */
  ask(make) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      send(this.worker, make(id));
    });
  }
}
