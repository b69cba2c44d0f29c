// Peer: kubernetes-models (npm), the ajv-generated validator behind
// `new Job(obj).validate()`. Parses with js-yaml, as its users do.
// Usage: node bench/peer_kubernetes_models.cjs PEERS_DIR CORPUS_DIR [LIMIT]
// LIMIT parses and validates only the first LIMIT files (for slow runtimes).
const path = require("node:path");
const fs = require("node:fs");
const [peers, dir, limitArg] = process.argv.slice(2);
const req = (m) => require(path.join(peers, "node_modules", m));
const yaml = req("js-yaml");
const { Job } = req("kubernetes-models/batch/v1");

let names = fs.readdirSync(dir).filter((n) => n.endsWith(".yaml")).sort();
if (limitArg) names = names.slice(0, Number(limitArg));
const texts = names.map((n) => fs.readFileSync(path.join(dir, n), "utf8"));
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
let total = 0;
let invalid = 0;
for (const text of texts) {
  for (const doc of yaml.loadAll(text)) {
    if (doc == null) continue;
    total += 1;
    try {
      new Job(doc).validate();
    } catch {
      invalid += 1;
    }
  }
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const c = process.cpuUsage(c0);
const cpuMs = (c.user + c.system) / 1e3;
console.log(JSON.stringify({ tool: "kubernetes-models", files: texts.length, totalJobs: total, invalidJobs: invalid, ms, cpuMs }));
