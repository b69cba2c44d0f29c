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

/** A value as the text plan shows it: strings verbatim, other scalars as written, collections as JSON. */
export function scalar(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

function list(v) {
  return Array.isArray(v) ? v : [];
}

function joined(v, empty) {
  if (Array.isArray(v) && v.length > 0) return v.map(scalar).join(" ");
  if (typeof v === "string") return v;
  return empty;
}

function envValue(e) {
  if (e && "value" in e) return e.value === "" || e.value === null ? "(empty)" : scalar(e.value);
  const from = e && e.valueFrom;
  if (from && typeof from === "object") {
    const [kind, src] = Object.entries(from)[0] || [];
    if (kind) {
      const s = src && typeof src === "object" ? src : {};
      let detail = "";
      if (kind === "secretKeyRef" || kind === "configMapKeyRef") detail = `${scalar(s.name ?? "?")}/${scalar(s.key ?? "?")}`;
      else if (kind === "fieldRef") detail = scalar(s.fieldPath ?? "?");
      else if (kind === "resourceFieldRef") detail = scalar(s.resource ?? "?");
      return detail ? `(from ${kind} ${detail})` : `(from ${kind})`;
    }
  }
  return "(empty)";
}

function resources(map) {
  if (!map || typeof map !== "object" || Array.isArray(map) || Object.keys(map).length === 0) return "(not set)";
  const parts = [];
  if ("cpu" in map) parts.push(`CPU=${scalar(map.cpu)}`);
  if ("memory" in map) parts.push(`Memory=${scalar(map.memory)}`);
  for (const [k, q] of Object.entries(map)) if (k !== "cpu" && k !== "memory") parts.push(`${k}=${scalar(q)}`);
  return parts.join(", ");
}

const ENV_SHOWN = 5;

function row(label, value, cls) {
  return el("div", { class: "row" }, el("dt", {}, label), el("dd", cls ? { class: cls } : {}, value));
}

function containerBlock(c, heading) {
  const rows = [];
  if (heading) rows.push(el("h4", { class: "container-name" }, heading));
  const dl = el("dl", { class: "kv" });
  dl.append(
    row("Image", c && c.image != null ? scalar(c.image) : "(not set)", "mono"),
    row("Command", joined(c && c.command, "(image default)"), "mono"),
    row("Args", joined(c && c.args, "(none)"), "mono"),
  );
  const env = list(c && c.env);
  if (env.length === 0) dl.append(row("Env", "(none)"));
  else {
    const items = env.map((e) =>
      el("li", {}, el("span", { class: "env-name" }, scalar(e && e.name != null ? e.name : "(unnamed)")), el("span", { class: "env-value" }, envValue(e))),
    );
    const ul = el("ul", { class: "env", "data-testid": "env-list" }, ...items.slice(0, ENV_SHOWN));
    const dd = el("dd", {}, ul);
    if (env.length > ENV_SHOWN) {
      const toggle = el("button", { type: "button", class: "link", "data-testid": "env-toggle", "aria-expanded": "false" }, `Show all ${env.length}`);
      toggle.addEventListener("click", () => {
        const open = toggle.getAttribute("aria-expanded") === "true";
        ul.replaceChildren(...(open ? items.slice(0, ENV_SHOWN) : items));
        toggle.setAttribute("aria-expanded", String(!open));
        toggle.textContent = open ? `Show all ${env.length}` : "Show fewer";
      });
      dd.append(toggle);
    }
    dl.append(el("div", { class: "row" }, el("dt", {}, `Env (${env.length})`), dd));
  }
  const envFrom = list(c && c.envFrom);
  if (envFrom.length > 0) {
    const sources = envFrom.map((s) => {
      for (const kind of ["configMapRef", "secretRef"]) {
        if (s && s[kind]) return `${kind} ${scalar(s[kind].name ?? "?")}${s.prefix != null ? ` (prefix ${scalar(s.prefix)})` : ""}`;
      }
      return "(unknown source)";
    });
    dl.append(row("Env from", sources.join(", ")));
  }
  const res = (c && c.resources) || {};
  dl.append(row("Requests", resources(res.requests), "mono"), row("Limits", resources(res.limits), "mono"));
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
  );
  button.addEventListener("click", () => onOpen(f));
  return el("li", { class: `finding ${f.severity}`, "data-testid": testid }, button);
}

/** One card per Job: the same facts as the text plan's details, plus the Job's findings. */
export function jobCard(j, onOpen) {
  const d = j.jobData && typeof j.jobData === "object" ? j.jobData : {};
  const meta = d.metadata && typeof d.metadata === "object" ? d.metadata : {};
  const name = j.jobName || "(unnamed)";
  const card = el("article", { class: `card ${j.valid ? "valid" : "invalid"}`, "data-testid": "job-card" });
  card.append(
    el(
      "header",
      {},
      el("span", { class: `badge ${j.valid ? "ok" : "bad"}` }, j.valid ? "valid" : "invalid"),
      el("h3", { class: "job-name", "data-testid": "job-name" }, name),
      el("span", { class: "ns", title: "namespace" }, j.namespace),
    ),
    el("p", { class: "file muted" }, j.document > 0 ? `${j.file} (document ${j.document + 1})` : j.file),
  );
  const labels = meta.labels && typeof meta.labels === "object" && !Array.isArray(meta.labels) ? Object.entries(meta.labels) : [];
  card.append(
    el(
      "div",
      { class: "labels", "aria-label": "labels" },
      ...(labels.length
        ? labels.map(([k, v]) => el("span", { class: "label", "data-testid": "job-label" }, `${k}: ${scalar(v)}`))
        : [el("span", { class: "muted" }, "no labels")]),
    ),
  );
  const spec = d.spec && d.spec.template && d.spec.template.spec;
  const init = list(spec && spec.initContainers);
  const containers = list(spec && spec.containers);
  const many = init.length + containers.length > 1;
  init.forEach((c, i) => card.append(...containerBlock(c, `Init container ${scalar(c && c.name != null ? c.name : "(unnamed)")} (${i + 1} of ${init.length})`)));
  containers.forEach((c, i) =>
    card.append(...containerBlock(c, many ? `Container ${scalar(c && c.name != null ? c.name : "(unnamed)")} (${i + 1} of ${containers.length})` : null)),
  );
  if (containers.length === 0 && init.length === 0) card.append(el("p", { class: "muted" }, "No containers."));
  const findings = [...j.errors, ...j.warnings];
  if (findings.length > 0) {
    card.append(el("ol", { class: "findings compact" }, ...findings.map((f) => findingItem(f, onOpen, "job-finding"))));
  }
  return card;
}
