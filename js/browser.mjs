// Browser and bundler entry. Top-level await instantiates the wasm before any
// importer runs, so callers use the functions directly, as in Node. The glue
// finds the .wasm through `new URL("k8s_job_plan_bg.wasm", import.meta.url)`,
// which bundlers (Vite, webpack 5, Rollup with an asset plugin) turn into an
// emitted asset.
import init from "../pkg/web/k8s_job_plan.js";

await init();

export {
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
} from "../pkg/web/k8s_job_plan.js";
