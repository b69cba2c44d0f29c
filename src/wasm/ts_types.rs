//! The TypeScript declarations of the JS API's data types, emitted into the
//! wasm-bindgen glue's `.d.ts` (js/index.d.ts re-exports them).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** How bad a finding is. Strict mode turns every warning into an error. */
export type Severity = "error" | "warning";

/** One problem in one place of one document. */
export interface Finding {
  severity: Severity;
  /** Stable rule code, e.g. "KJP105". */
  code: string;
  /** Kebab-case rule name, e.g. "missing-container-image". */
  rule: string;
  /** What is wrong, in the API server's shape where it applies. */
  message: string;
  /** How to fix it, when there is advice. */
  help?: string;
  /** Kubernetes field path, e.g. "spec.template.spec.containers[0].image"; "" for the whole document. */
  path: string;
  file: string;
  /** 0-based index of the YAML document in the file. */
  document: number;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** The verdict on one Job document, or on one CronJob (an entry of `cronJobs`). */
export interface JobValidation {
  /** "CronJob" for a CronJob entry; absent for a Job. */
  kind?: "CronJob";
  file: string;
  document: number;
  valid: boolean;
  jobName: string;
  namespace: string;
  errors: Finding[];
  warnings: Finding[];
  /** The parsed document as JSON; null when it could not be parsed. */
  jobData: JsonValue;
  /** Findings an ignore suppressed, with its reason; absent when there are none. */
  suppressed?: SuppressedFinding[];
  /** A CronJob's spec.schedule, as written. */
  schedule?: string;
  /** A CronJob's spec.timeZone, when set. */
  timeZone?: string;
  /** A CronJob's spec.concurrencyPolicy, "Allow" when not set. */
  concurrencyPolicy?: string;
  /** What the Job's pods take (a CronJob: one run of its template); only when resources are planned (docs/resources.md). */
  resources?: JobResources;
}

/** Quantities in canonical form ("1500m", "1536Mi"), by resource name. */
export type ResourceMap = { [resource: string]: string };

/** A Job's effective pod requests and limits, as Kubernetes computes them, and its peak. */
export interface JobResources {
  podRequests: ResourceMap;
  podLimits: ResourceMap;
  /** Pods at once at most: parallelism as defaulted, capped by completions. */
  peakPods: number;
  peakRequests: ResourceMap;
  peakLimits: ResourceMap;
}

/** The sums of the peaks of a namespace's Jobs. */
export interface NamespaceResources {
  jobs: number;
  peakPods: number;
  requests: ResourceMap;
  limits: ResourceMap;
  /** The namespace's ResourceQuotas, when the inputs hold one. */
  quota?: QuotaUsage;
}

/** Need against quota, by quota resource name ("requests.cpu", "pods", ...). */
export interface QuotaUsage {
  hard: ResourceMap;
  need: ResourceMap;
  fits: boolean;
}

/** A finding an ignore suppressed: it does not count, but is listed. */
export interface SuppressedFinding extends Finding {
  /** The reason given with the ignore. */
  reason: string;
  /** Where the ignore is: the Job's k8s-job-plan.io/ignore annotation, or the policy's ignore:. */
  suppressedBy: "annotation" | "policy";
}

/** A rule's severity in a policy's `rules:`. */
export type RuleLevel = "error" | "warning" | "off";

/** A policy file (k8s-job-plan.yaml) as an object; docs/policy.md explains each key. */
export interface Policy {
  profile?: "seed" | "kubernetes";
  /** Rule code or name → severity. */
  rules?: { [rule: string]: RuleLevel };
  conventions?: Conventions;
  ignore?: IgnoreEntry[];
  kubernetesVersion?: string;
  strict?: boolean;
  allowInlineIgnores?: boolean;
}

/** A team's conventions (rules KJP601 to KJP606, KJP204 and KJP205). */
export interface Conventions {
  /** Keys, or key → a regular expression the value must match. */
  requiredLabels?: string[] | { [label: string]: string };
  requiredAnnotations?: string[] | { [annotation: string]: string };
  /** A regular expression every metadata.name must match. */
  namePattern?: string;
  allowedNamespaces?: string[];
  /** Image prefixes, e.g. "registry.example.com/". */
  allowedRegistries?: string[];
  requireResources?: "requests" | "limits" | "both" | "none";
  maxParallelism?: number;
}

/** One `ignore:` entry: a rule, optionally a file glob and a Job name, and why. */
export interface IgnoreEntry {
  rule: string;
  files?: string;
  job?: string;
  reason: string;
}

/** What `parsePolicy` says of a policy file's text. */
export type PolicyResult =
  | { ok: true; policy: Policy }
  | { ok: false; line: number; column: number; message: string };

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A document left out of the plan because it is not a Job. */
export interface SkippedDocument {
  file: string;
  document: number;
  kind: string;
  name: string;
  reason: string;
}

export interface PlanSummary {
  /** Namespaces of the valid Jobs, sorted. */
  namespaces: string[];
  files: number;
  documents: number;
  skippedDocuments: SkippedDocument[];
  strict: boolean;
  /** The Kubernetes version whose rules were applied, e.g. "1.37". */
  kubernetesVersion: string;
  /** Resource totals by namespace, when resources are planned. */
  resources?: { [namespace: string]: NamespaceResources };
}

/**
 * The findings of a file as a whole (it could not be read, is not text, or
 * holds no YAML document). Such a file has no Job.
 */
export interface FileFindings {
  file: string;
  errors: Finding[];
  warnings: Finding[];
}

/**
 * The plan of a set of files; the same object as the CLI's --format json.
 * Each finding belongs to its Job (`jobs[].errors`, `jobs[].warnings`) or to
 * its file (`files[].errors`, `files[].warnings`); `errors` and `warnings`
 * list them all again, in input order. `renderPlan` reads `jobs` and `files`.
 */
export interface ExecutionPlan {
  totalJobs: number;
  validJobs: number;
  invalidJobs: number;
  jobs: JobValidation[];
  /** One per CronJob document, in input order; absent when there are none. totalJobs counts Jobs only. */
  cronJobs?: JobValidation[];
  /** Files with findings of their own, in input order; absent when there are none. */
  files?: FileFindings[];
  /** Every error, of Jobs and of files, in input order. */
  errors: Finding[];
  /** Every warning, of Jobs and of files, in input order. */
  warnings: Finding[];
  summary: PlanSummary;
}

/**
 * One Job as the text plan shows it, for laying it out elsewhere: every
 * string is the text plan's, with control characters escaped (`\n`, `\u{7}`).
 */
export interface JobPresentation {
  /** The name; a generateName prefix marked "(generateName)"; "(unnamed)". */
  name: string;
  namespace: string;
  /** "key: value" per label. */
  labels: string[];
  /** Init containers first, then the containers. */
  containers: ContainerPresentation[];
}

export interface ContainerPresentation {
  init: boolean;
  /** "name (i of n)"; null for the only container of a Job. */
  heading: string | null;
  image: string;
  command: string;
  args: string;
  env: EnvPresentation;
  /** The envFrom sources, when there are any. */
  envFrom?: string;
  /** "CPU=500m, Memory=512Mi", or "(not set)". */
  requests: string;
  limits: string;
}

export interface EnvPresentation {
  /** How many variables the container sets. */
  total: number;
  /** How many a summary shows. */
  shown: number;
  /** [name, value] per variable, all of them. */
  lines: [string, string][];
  /** "... and K more" when a summary leaves K out. */
  more?: string;
}

/** One CronJob as the text plan shows it: its template's Job presentation and its schedule. */
export interface CronJobPresentation extends JobPresentation {
  valid: boolean;
  /** spec.schedule, or "(not set)". */
  schedule: string;
  /** spec.timeZone, or "(not set)": the controller's time zone applies. */
  timeZone: string;
  /** spec.concurrencyPolicy, "Allow" by default. */
  concurrencyPolicy: string;
}

/** A finding in a list, with the index of its Job in plan.jobs; null for a file's own or a CronJob's. */
export interface ListedFinding {
  finding: Finding;
  job: number | null;
  /** The index of its CronJob in plan.cronJobs, for a CronJob's finding. */
  cronJob?: number;
}

/** What a page shows of a plan: the text plan, the Jobs, and every finding in list order. */
export interface PlanPresentation {
  /** The text plan, as renderPlanText gives it. */
  text: string;
  /** One per plan.jobs, in the same order. */
  jobs: JobPresentation[];
  /** One per plan.cronJobs, in the same order (empty without CronJobs). */
  cronJobs: CronJobPresentation[];
  /** Every finding once: by file, then document, line and column. */
  findings: ListedFinding[];
  /** The resources panel, when resources were planned. */
  resources?: ResourcesPresentation;
}

/** Resources for a panel: namespaces (those over quota first), then Jobs. */
export interface ResourcesPresentation {
  namespaces: NamespacePresentation[];
  jobs: JobResourcesPresentation[];
}

export interface NamespacePresentation {
  namespace: string;
  jobs: number;
  peakPods: number;
  /** "cpu=6, memory=12Gi", or "(none)". */
  requests: string;
  limits: string;
  hasQuota: boolean;
  /** Every need within its quota (true without a quota). */
  fits: boolean;
  /** Quota rows first (need against hard), then the other totals. */
  rows: ResourceRow[];
}

export interface ResourceRow {
  /** As a quota names it: "requests.cpu", "limits.memory", "pods", ... */
  resource: string;
  need: string;
  hard?: string;
  /** need / hard in percent, rounded down, at most 999. */
  percent?: number;
  fits: boolean;
  /** "6 of 4 (150%)", or the need alone. */
  label: string;
}

export interface JobResourcesPresentation {
  /** Index in plan.jobs. */
  job: number;
  name: string;
  namespace: string;
  podRequests: string;
  podLimits: string;
  peakPods: number;
  peakRequests: string;
  peakLimits: string;
}

/** The core's limits on its input. */
export interface Limits {
  /** A larger file is not read (finding KJP005). */
  maxFileBytes: number;
  /** YAML documents read per file. */
  maxDocuments: number;
  /** Nesting depth of lists and objects. */
  maxDepth: number;
  /** Findings listed per document; the rest are counted in one finding. */
  maxFindingsPerDocument: number;
  /** Findings listed per file. */
  maxFindingsPerFile: number;
}

export interface PlanOptions {
  /** Treat warnings as errors. */
  strict?: boolean;
  /** Kubernetes minor version, "1.32" to "1.37"; the newest when absent. */
  kubernetesVersion?: string;
  /** Opt-in rules to run, by name or code, e.g. ["missing-ttl-seconds-after-finished"]. */
  enableRules?: string[];
  /** The policy: an object, or the text of a k8s-job-plan.yaml. The options above override its kubernetesVersion and strict. */
  config?: Policy | string;
  /** The lock: k8s-job-plan.io/ignore annotations count for nothing. */
  noInlineIgnores?: boolean;
  /** Plan resources per Job and namespace even without a ResourceQuota or LimitRange. */
  resources?: boolean;
  /** Files of ResourceQuota and LimitRange documents (the CLI's --quota). */
  quotas?: InputFileText[];
}

/**
 * One input file as bytes, for `planFileBytes`: the core decides whether the
 * bytes are text. A caller that did not read a file (over the 16 MiB limit) or
 * could not read it passes `tooLarge` or `unreadable` instead, and the core
 * reports it with its usual rule and wording.
 */
export type InputFileBytes =
  | { name: string; bytes: Uint8Array }
  | { name: string; tooLarge: number }
  | { name: string; unreadable: string };

/** One input file. */
export interface InputFileText {
  name: string;
  content: string;
}
"#;
