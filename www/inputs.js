// Helpers of the page's file list. Files over the core's size limit are not
// read at all; they, and files the browser cannot read, are passed to the core
// as `{ name, tooLarge }` / `{ name, unreadable }`, and the core reports them
// with its own rules and wording, as it does everything else ("not text" too).
// The page and its worker take the limit from the core (`limits()` of the
// wasm), never from this module.

/**
 * The core's `source::MAX_FILE_BYTES`, for Node tests that run without the
 * wasm; tests/page/core.test.mjs holds it equal to the core's `limits()`.
 */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

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
