// Node ESM entry. It loads the CommonJS build, so that `import` and
// `require` in one process share one wasm instance, and needs no init call.
import wasm from "../pkg/node/k8s_job_plan.js";

export const {
  validateJobYaml,
  planFiles,
  planFileBytes,
  checkFiles,
  assemblePlan,
  namesPolicyKind,
  renderPlanText,
  renderPlan,
  presentJob,
  presentPlan,
  kubernetesVersions,
  limits,
  parsePolicy,
  policyText,
  runCli,
  version,
  holdPlan,
  heldPlanListing,
  renderHeldPlan,
} = wasm;
