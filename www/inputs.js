// The page's side of reading files: the size limit, and the findings for files
// the page chose not to read (too large) or could not read. Their wording is
// the core's (src/source.rs `check_size` and `InputContent::Unreadable`), so a
// file reads the same in the page as in the CLI. Everything else, including
// "this file is not text", is decided by the core.

/** The core's `source::MAX_FILE_BYTES`: larger files are not even read. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

function readProblem(code, rule, message, help, file) {
  return {
    severity: "error",
    code,
    rule,
    message,
    help,
    path: "",
    file,
    document: 0,
    line: 1,
    column: 1,
  };
}

/** The finding for a file over MAX_FILE_BYTES (rule KJP005 input-too-large). */
export function tooLargeFinding(file, size) {
  return readProblem(
    "KJP005",
    "input-too-large",
    `the file is ${size} bytes, over the limit of ${MAX_FILE_BYTES} bytes (${MAX_FILE_BYTES / (1024 * 1024)} MiB)`,
    "Split the file into smaller files of Job documents.",
    file,
  );
}

/** The finding for a file the browser could not read (rule KJP004 file-unreadable). */
export function unreadableFinding(file, reason) {
  return readProblem(
    "KJP004",
    "file-unreadable",
    `cannot read the file: ${reason}`,
    "Check that the path exists and is readable.",
    file,
  );
}

/** Code-point order, which is the byte order of UTF-8: the core sorts files so. */
export function compareNames(a, b) {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done === y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0);
    const cy = y.value.codePointAt(0);
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/**
 * Adds the findings of files the core never saw to a plan from the core, where
 * the core would have put them: file findings come in file-name order, and such
 * a file has no Job. `plan` is modified and returned.
 */
export function mergeReadProblems(plan, problems) {
  if (problems.length === 0) return plan;
  const sorted = [...problems].sort((p, q) => compareNames(p.file, q.file));
  for (const f of sorted) {
    let at = plan.errors.findIndex((e) => compareNames(e.file, f.file) > 0);
    if (at < 0) at = plan.errors.length;
    plan.errors.splice(at, 0, f);
  }
  plan.summary.files += problems.length;
  return plan;
}

/** "1.5 KiB" style sizes for the file list. */
export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
