// Deterministic corpora of realistic batch/v1 Jobs for the benchmark.
// Usage: node bench/gen.mjs OUT_DIR COUNT [PER_FILE]
// Same arguments, same bytes: the PRNG is seeded from COUNT and PER_FILE only.
import fs from "node:fs";
import path from "node:path";

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ["trading-bots", "data-eng", "ml-train", "reporting", "batch", "etl"];
const APPS = ["arbitrage-tuning", "nightly-export", "feature-build", "report-gen", "db-backup", "log-compact"];
const IMAGES = [
  "your-registry/arbitrage-lite:latest",
  "registry.example.com/data/exporter:1.8.2",
  "ghcr.io/example/trainer:2024.11.3",
  "python:3.12-slim",
  "busybox:1.36",
  "registry.example.com/ops/pg-backup@sha256:" + "ab12".repeat(16),
];
const CPUS = ["100m", "250m", "500m", "1", "1500m", "2"];
const MEMS = ["128Mi", "256Mi", "512Mi", "1Gi", "2Gi", "4Gi"];

/** The kinds of mistake the invalid ~10% carry, seed rules and schema alike. */
const MISTAKES = [
  "missing-image",
  "restart-always",
  "uppercase-name",
  "negative-parallelism",
  "no-containers",
  "backoff-not-int",
];

function jobYaml(i, rnd) {
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const team = pick(TEAMS);
  const app = pick(APPS);
  const worker = `worker-${1 + Math.floor(rnd() * 64)}`;
  const session = `d${20 + Math.floor(rnd() * 80)}-${pick(["k8s", "prod", "paper"])}-${Math.floor(rnd() * 1e6).toString(36)}`;
  const invalid = rnd() < 0.1 ? pick(MISTAKES) : null;
  // The seed's convention arb-tuning-{session_short}-{worker_id}-{index}; one
  // Job in twenty strays from it (a warning, not an error).
  let name = rnd() < 0.05 ? `${app}-${worker}-${i}` : `arb-tuning-${session.slice(0, 8)}-${worker}-${i}`;
  if (invalid === "uppercase-name") name = name.replace(/^[a-z]+/, (w) => w.toUpperCase());
  const cpuIdx = Math.floor(rnd() * (CPUS.length - 1));
  const memIdx = Math.floor(rnd() * (MEMS.length - 1));
  const L = [];
  L.push(`# Generated benchmark Job ${i}`);
  L.push("apiVersion: batch/v1", "kind: Job", "metadata:", `  name: ${name}`, `  namespace: ${team}`);
  L.push("  labels:", `    app: ${app}`, `    session_id: ${session}`, `    worker_id: ${worker}`, `    component: ${pick(["tuning", "export", "train", "report"])}`);
  if (rnd() < 0.5) L.push("  annotations:", `    example.com/owner: ${team}@example.com`, `    example.com/ticket: "OPS-${Math.floor(rnd() * 9999)}"`);
  L.push("spec:");
  if (invalid === "backoff-not-int") L.push("  backoffLimit: three");
  else L.push(`  backoffLimit: ${Math.floor(rnd() * 6)}`);
  if (rnd() < 0.4) L.push(`  activeDeadlineSeconds: ${600 * (1 + Math.floor(rnd() * 12))}`);
  if (rnd() < 0.4) L.push(`  ttlSecondsAfterFinished: ${3600 * (1 + Math.floor(rnd() * 24))}`);
  if (invalid === "negative-parallelism") L.push("  parallelism: -1");
  else if (rnd() < 0.3) {
    const c = 1 + Math.floor(rnd() * 8);
    L.push(`  completions: ${c}`, `  parallelism: ${1 + Math.floor(rnd() * c)}`);
  }
  L.push("  template:", "    metadata:", "      labels:", `        app: ${app}`, `        worker_id: ${worker}`);
  L.push("    spec:");
  L.push(`      restartPolicy: ${invalid === "restart-always" ? "Always" : pick(["Never", "OnFailure"])}`);
  if (rnd() < 0.3) L.push(`      serviceAccountName: ${team}-runner`);
  const volumes = rnd() < 0.35;
  if (rnd() < 0.25) {
    L.push("      initContainers:", "        - name: wait-for-deps", "          image: busybox:1.36");
    L.push("          command: [\"sh\", \"-c\", \"until nc -z db 5432; do sleep 1; done\"]");
  }
  if (invalid === "no-containers") {
    L.push("      containers: []");
  } else {
    L.push("      containers:", `        - name: ${app.split("-")[0]}-worker`);
    if (invalid !== "missing-image") L.push(`          image: ${pick(IMAGES)}`);
    if (rnd() < 0.3) L.push("          imagePullPolicy: IfNotPresent");
    L.push("          command:", "            - python", "          args:", `            - scripts/run_${app.replace(/-/g, "_")}.py`);
    L.push("            - --config", `            - configs/${team}/session_config.yaml`, "            - --worker-id", `            - ${worker}`);
    L.push("          env:");
    const nEnv = 3 + Math.floor(rnd() * 6);
    const envs = [["APP_ENV", pick(["docker", "prod", "staging"])], ["SESSION_ID", session], ["WORKER_ID", worker],
      ["REDIS_HOST", "arbitrage-redis"], ["REDIS_PORT", '"6379"'], ["LOG_LEVEL", pick(["info", "debug"])],
      ["BATCH_SIZE", `"${64 << Math.floor(rnd() * 4)}"`], ["TUNING_MODE", "paper"]];
    for (const [k, v] of envs.slice(0, nEnv)) L.push(`            - name: ${k}`, `              value: ${v}`);
    if (rnd() < 0.3) L.push("            - name: DB_PASSWORD", "              valueFrom:", "                secretKeyRef:", `                  name: ${team}-db`, "                  key: password");
    L.push("          resources:", "            requests:", `              cpu: ${CPUS[cpuIdx]}`, `              memory: ${MEMS[memIdx]}`);
    L.push("            limits:", `              cpu: "${CPUS[cpuIdx + 1]}"`, `              memory: ${MEMS[memIdx + 1]}`);
    if (volumes) L.push("          volumeMounts:", "            - name: scratch", "              mountPath: /scratch", "            - name: config", "              mountPath: /etc/app", "              readOnly: true");
  }
  if (volumes) L.push("      volumes:", "        - name: scratch", "          emptyDir:", "            sizeLimit: 1Gi", "        - name: config", "          configMap:", `            name: ${app}-config`);
  return { text: L.join("\n") + "\n", invalid: invalid !== null };
}

export function generate(outDir, count, perFile = 1) {
  const rnd = mulberry32(0x6b386a70 ^ (count * 31 + perFile));
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  let invalid = 0;
  let bytes = 0;
  let buf = [];
  let fileNo = 0;
  const width = String(Math.ceil(count / perFile)).length;
  const flush = () => {
    if (buf.length === 0) return;
    const text = buf.join("---\n");
    fs.writeFileSync(path.join(outDir, `job-${String(fileNo).padStart(width, "0")}.yaml`), text);
    bytes += Buffer.byteLength(text);
    fileNo += 1;
    buf = [];
  };
  for (let i = 0; i < count; i++) {
    const j = jobYaml(i, rnd);
    if (j.invalid) invalid += 1;
    buf.push(j.text);
    if (buf.length === perFile) flush();
  }
  flush();
  const meta = { jobs: count, files: fileNo, perFile, invalid, bytes };
  fs.writeFileSync(path.join(outDir, "..", path.basename(outDir) + ".json"), JSON.stringify(meta));
  return meta;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir, count, perFile] = process.argv.slice(2);
  console.log(JSON.stringify(generate(outDir, Number(count), Number(perFile ?? 1))));
}
