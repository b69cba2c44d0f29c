// Builds the inputs of the differential test (tests/yaml_reference.rs) and
// asks the Go reference (tests/reference/main.go) what Kubernetes makes of
// them. Run through scripts/yaml-reference.sh, which builds the reference.
//
//   node tests/reference/generate.mjs REFERENCE_BINARY OUT.jsonl [REALWORLD_OUT.jsonl]
//
// OUT.jsonl (committed as tests/reference/expected.jsonl): one line per
// input, {"name", "text", "docs"}, docs as the reference prints them.
// Inputs: the rule fixtures, the API-server fixtures, the fetched real-world
// corpus (tests/realworld), examples/, the YAML 1.1
// edge set (tests/fixtures/yaml11, plus edge scalars placed in every typed
// field, generated here) and a small benchmark corpus (bench/gen.mjs).
// The real-world corpus in ../shared is not committed: when it is present
// its expectations go to REALWORLD_OUT.jsonl.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "../../bench/gen.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const [reference, out, realworldOut] = process.argv.slice(2);
if (!reference || !out) {
  console.error("usage: generate.mjs REFERENCE_BINARY OUT.jsonl [REALWORLD_OUT.jsonl]");
  process.exit(2);
}

// Plain scalars whose YAML 1.1 reading matters, and written forms around them.
export const SCALARS = [
  "0644", "0400", "0755", "0o644", "0O17", "0x1A4", "0X1f", "0b101", "0B11", "-0b101", "+420", "-1",
  "1_000", "0_644", "08", "09", "0_8", "00", "0", "-0", "+0", "1e3", "1E+3", "12e-2", "1.5", ".5",
  "-.5", "+.5", "1.", "0.", "1.e2", "+.inf", ".inf", ".Inf", "-.INF", ".nan", ".NaN", "y", "Y",
  "yes", "Yes", "YES", "yEs", "n", "N", "no", "No", "NO", "on", "On", "ON", "oN", "off", "Off",
  "OFF", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL",
  "nULL", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10",
  "9223372036854775807", "9223372036854775808", "18446744073709551615",
  "18446744073709551616", "-9223372036854775808", "-9223372036854775809", "0x_1F", "1__0",
  "_1", "0x", "0b", "0o", "1e", "1e999", "0xFFFFFFFFFFFFFFFF", "0b-101", "<<", "=", "- x",
  "'0644'", "\"yes\"", "'on'", "\"1e3\"", "'~'", "!!str 0644", "!!str yes", "!!int \"0644\"",
  "!!int 1.5", "!!float 1", "!!float \"2\"", "!!bool yes", "!!bool \"off\"", "!!null ~",
  "!!null x", "!!binary aGVsbG8=", "!!binary 'not base64'", "!custom 0644", "!custom yes",
  "! 0644", "!!timestamp 2001-12-14", "!!set x",
];

// One Job per scalar with the scalar in every kind of typed field.
function edgeJobs() {
  const docs = SCALARS.map((s, i) => `apiVersion: batch/v1
kind: Job
metadata:
  name: edge-${i}
  labels:
    app: edge
    ${s.startsWith("!") || s === "- x" ? `k${i}` : s}: label
  annotations:
    note: ${s}
spec:
  backoffLimit: ${s}
  activeDeadlineSeconds: ${s}
  suspend: ${s}
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
        args: [${s.startsWith("- ") ? "x" : s}]
        env:
        - name: V
          value: ${s}
        resources:
          limits:
            cpu: ${s}
      volumes:
      - name: v
        secret:
          secretName: s
          defaultMode: ${s}
`);
  return docs.join("---\n");
}

function walk(dir, acc = []) {
  if (!fs.existsSync(dir)) return acc;
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, acc);
    else if (/\.ya?ml$/.test(e.name)) acc.push(p);
  }
  return acc;
}

function run(inputs, file) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "yaml-ref-"));
  const paths = inputs.map((input, i) => {
    const p = path.join(tmp, `${i}.yaml`);
    fs.writeFileSync(p, input.text);
    return p;
  });
  const lines = [];
  // In batches: one process per batch, not per file.
  for (let i = 0; i < paths.length; i += 200) {
    const outText = execFileSync(reference, paths.slice(i, i + 200), { maxBuffer: 1 << 28 }).toString();
    lines.push(...outText.trim().split("\n"));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  // The reference's JSON is kept as text: JS numbers cannot hold every int64.
  const records = inputs.map((input, i) => {
    const line = lines[i];
    const docs = line.slice('{"docs":'.length, line.lastIndexOf(',"file":'));
    return `{"name":${JSON.stringify(input.name)},"text":${JSON.stringify(input.text)},"docs":${docs}}`;
  });
  fs.writeFileSync(file, records.join("\n") + "\n");
  console.log(`${file}: ${records.length} inputs`);
}

const rel = (p) => path.relative(root, p);
const inputs = [];
for (const dir of ["tests/fixtures/rules", "tests/fixtures/apiserver", "tests/fixtures/yaml11", "tests/realworld", "examples"]) {
  for (const p of walk(path.join(root, dir))) {
    const text = fs.readFileSync(p, "utf8");
    // Texts our limits refuse by design (docs/limits.md) are not Kubernetes' behaviour.
    if (text.length > 64 * 1024) continue;
    inputs.push({ name: rel(p), text });
  }
}
inputs.push({ name: "generated:edge-scalars", text: edgeJobs() });
const benchDir = fs.mkdtempSync(path.join(os.tmpdir(), "yaml-ref-bench-"));
generate(benchDir, 24, 3);
for (const p of walk(benchDir)) {
  inputs.push({ name: `bench/gen.mjs 24 3:${path.basename(p)}`, text: fs.readFileSync(p, "utf8") });
}
fs.rmSync(benchDir, { recursive: true, force: true });
run(inputs, out);

const realworld = path.join(root, "../shared/corpus/realworld");
if (realworldOut) {
  if (fs.existsSync(realworld)) {
    run(walk(realworld).map((p) => ({ name: path.basename(p), text: fs.readFileSync(p, "utf8") })), realworldOut);
  } else {
    console.log(`note: ${realworld} is absent; no real-world expectations`);
  }
}
