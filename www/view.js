// DOM building blocks. Text from manifests only ever goes through text nodes or
// attributes (el() never parses markup), so a Job named `<img onerror=…>`
// shows those characters and runs nothing.

/**
 * Creates an element. `attrs` keys starting with "on" add listeners; the rest
 * are attributes. Children are nodes or strings (made text nodes).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    node.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return node;
}

/**
 * Renders `items` into `container` a batch at a time, the next batch when the
 * end of the list comes near the viewport. Ten thousand Job cards would take
 * seconds to lay out; the first batch takes milliseconds.
 */
export class LazyList {
  constructor(container, items, render, batch) {
    this.container = container;
    this.items = items;
    this.render = render;
    this.batch = batch;
    this.count = 0;
    this.more = el(
      "button",
      { type: "button", class: "more-button", "data-testid": "show-more", onclick: () => this.next() },
      "",
    );
    container.replaceChildren();
    this.observer =
      typeof IntersectionObserver === "function"
        ? new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && this.next(), { rootMargin: "800px" })
        : null;
    this.next();
  }

  next() {
    const end = Math.min(this.items.length, this.count + this.batch);
    const frag = document.createDocumentFragment();
    for (let i = this.count; i < end; i++) frag.append(this.render(this.items[i]));
    this.more.remove();
    this.container.append(frag);
    this.count = end;
    const left = this.items.length - end;
    if (left > 0) {
      this.more.textContent = `Show ${Math.min(left, this.batch)} more (${left} not shown)`;
      // A list item keeps the <ol>/<ul> valid; a div sits among cards.
      const holder = this.container.tagName === "OL" || this.container.tagName === "UL" ? el("li", { class: "more" }) : el("div", { class: "more" });
      holder.append(this.more);
      this.container.append(holder);
      this.holder?.remove();
      this.holder = holder;
      this.observer?.disconnect();
      this.observer?.observe(holder);
    } else {
      this.holder?.remove();
      this.holder = null;
      this.observer?.disconnect();
    }
  }

  destroy() {
    this.observer?.disconnect();
  }
}

function row(label, value, cls) {
  return el("div", { class: "row" }, el("dt", {}, label), el("dd", cls ? { class: cls } : {}, value));
}

/**
 * One container of a Job card, laid out from the core's presentation (the
 * strings of the text plan, control characters escaped). Nothing is
 * formatted here.
 * @param {import("./pkg/k8s_job_plan.js").ContainerPresentation} c
 */
function containerBlock(c) {
  const rows = [];
  if (c.heading !== null) rows.push(el("h4", { class: "container-name" }, `${c.init ? "Init container" : "Container"} ${c.heading}`));
  const dl = el("dl", { class: "kv" });
  dl.append(row("Image", c.image, "mono"), row("Command", c.command, "mono"), row("Args", c.args, "mono"));
  const env = c.env;
  if (env.total === 0) dl.append(row("Env", "(none)"));
  else {
    const items = env.lines.map(([name, value]) => el("li", {}, el("span", { class: "env-name" }, name), el("span", { class: "env-value" }, value)));
    const ul = el("ul", { class: "env", "data-testid": "env-list" }, ...items.slice(0, env.shown));
    const dd = el("dd", {}, ul);
    if (env.total > env.shown) {
      const toggle = el("button", { type: "button", class: "link", "data-testid": "env-toggle", "aria-expanded": "false" }, `Show all ${env.total}`);
      toggle.addEventListener("click", () => {
        const open = toggle.getAttribute("aria-expanded") === "true";
        ul.replaceChildren(...(open ? items.slice(0, env.shown) : items));
        toggle.setAttribute("aria-expanded", String(!open));
        toggle.textContent = open ? `Show all ${env.total}` : "Show fewer";
      });
      dd.append(toggle);
    }
    dl.append(el("div", { class: "row" }, el("dt", {}, `Env (${env.total})`), dd));
  }
  if (c.envFrom !== undefined) dl.append(row("Env from", c.envFrom));
  dl.append(row("Requests", c.requests, "mono"), row("Limits", c.limits, "mono"));
  rows.push(dl);
  return rows;
}

/** One finding as a line: severity, code and rule, message, and where. */
export function findingItem(f, onOpen, testid = "finding") {
  const where = `${f.file}:${f.line}:${f.column}`;
  const button = el(
    "button",
    { type: "button", class: "finding-open", title: `Show ${where} in its file` },
    el(
      "span",
      { class: "finding-head" },
      el("span", { class: `sev ${f.severity}` }, f.severity),
      el("span", { class: "code" }, f.code),
      el("span", { class: "rule" }, f.rule),
      el("span", { class: "where", "data-testid": "finding-location" }, where),
    ),
    el("span", { class: "message" }, f.message),
    f.help ? el("span", { class: "help" }, f.help) : null,
    f.reason ? el("span", { class: "reason", "data-testid": "suppressed-reason" }, `Suppressed by the ${f.suppressedBy}: ${f.reason}`) : null,
  );
  button.addEventListener("click", () => onOpen(f));
  return el("li", { class: `finding ${f.severity}${f.reason ? " suppressed" : ""}`, "data-testid": testid }, button);
}

/**
 * One card per Job: the same facts as the text plan's details, plus the Job's findings.
 * @param {import("./messages.js").JobVerdict} j the Job's verdict
 * @param {import("./pkg/k8s_job_plan.js").JobPresentation} p the core's presentation of it
 */
export function jobCard(j, p, onOpen) {
  const card = el("article", { class: `card ${j.valid ? "valid" : "invalid"}`, "data-testid": "job-card" });
  card.append(
    el(
      "header",
      {},
      el("span", { class: `badge ${j.valid ? "ok" : "bad"}` }, j.valid ? "valid" : "invalid"),
      el("h3", { class: "job-name", "data-testid": "job-name" }, p.name),
      el("span", { class: "ns", title: "namespace" }, p.namespace),
    ),
    el("p", { class: "file muted" }, j.document > 0 ? `${j.file} (document ${j.document + 1})` : j.file),
  );
  card.append(
    el(
      "div",
      { class: "labels", "aria-label": "labels" },
      ...(p.labels.length
        ? p.labels.map((l) => el("span", { class: "label", "data-testid": "job-label" }, l))
        : [el("span", { class: "muted" }, "no labels")]),
    ),
  );
  for (const c of p.containers) card.append(...containerBlock(c));
  if (p.containers.length === 0) card.append(el("p", { class: "muted" }, "No containers."));
  const findings = [...j.errors, ...j.warnings];
  if (findings.length > 0) {
    card.append(el("ol", { class: "findings compact" }, ...findings.map((f) => findingItem(f, onOpen, "job-finding"))));
  }
  return card;
}

/**
 * One card per CronJob: its schedule, then what a Job card shows of its
 * template (the core presents the CronJob's name, namespace and labels and
 * the template's containers).
 * @param {import("./messages.js").JobVerdict} j the CronJob's verdict
 * @param {import("./pkg/k8s_job_plan.js").CronJobPresentation} p the core's presentation of it
 */
export function cronJobCard(j, p, onOpen) {
  const card = jobCard(j, p, onOpen);
  card.classList.add("cron");
  card.setAttribute("data-testid", "cron-card");
  const dl = el(
    "dl",
    { class: "kv schedule" },
    row("Schedule", p.schedule, "mono"),
    row("Time zone", p.timeZone),
    row("Concurrency", p.concurrencyPolicy),
  );
  card.querySelector(".file")?.after(dl);
  return card;
}

/**
 * The documents left out of the plan, as a count by kind ("3 Service,
 * 2 ConfigMap"); the list of them is made only when it is opened.
 * @param {HTMLDetailsElement} details
 * @param {import("./pkg/k8s_job_plan.js").SkippedDocument[]} skipped
 */
export function skippedSummary(details, skipped) {
  const summary = details.querySelector("summary");
  const list = details.querySelector("ul");
  details.hidden = skipped.length === 0;
  details.open = false;
  list.replaceChildren();
  const byKind = new Map();
  for (const s of skipped) byKind.set(s.kind || "empty", (byKind.get(s.kind || "empty") || 0) + 1);
  const kinds = [...byKind].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  summary.textContent = `${skipped.length} skipped (not Jobs): ${kinds.map(([k, n]) => `${n} ${k}`).join(", ")}`;
  details.ontoggle = () => {
    if (!details.open || list.childElementCount > 0) return;
    new LazyList(
      list,
      skipped,
      (s) => el("li", {}, `${s.file} (document ${s.document + 1}): ${s.kind || "empty"}${s.name ? ` ${s.name}` : ""}`),
      100,
    );
  };
}
