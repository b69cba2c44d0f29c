// Manifests the page tests feed in. Built from the seed example, so that each
// differs from a valid Job in one known way.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repo } from "./harness.mjs";

export const EXAMPLE_DIR = join(repo, "examples", "d29_k8s_jobs");
export const EXAMPLE_1 = readFileSync(join(EXAMPLE_DIR, "arb-tuning-d29-k8s--worker-1-0.yaml"), "utf8");
export const GOLDEN = readFileSync(join(repo, "tests", "golden", "d29_k8s_jobs.plan.txt"), "utf8");

/** A valid Job named `name`. */
export function validJob(name, namespace = "batch") {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app: demo
    session_id: s1
    worker_id: w1
    component: tuning
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox:1.36
          command: ["sh", "-c"]
          args: ["echo hi"]
          env:
            - name: A
              value: "1"
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {cpu: 200m, memory: 128Mi}
`;
}

/** A Job whose container has no image: invalid, with the error on line 16 (`- name: main`). */
export function missingImageJob(name) {
  return validJob(name).replace("          image: busybox:1.36\n", "");
}

/** A Job with warnings only (no labels): valid unless strict. */
export function warningsOnlyJob(name) {
  return validJob(name).replace(/  labels:\n(    .*\n)+/, "");
}
