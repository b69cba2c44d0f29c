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

/**
 * Code-point order, which is the byte order of UTF-8: the core sorts files so.
 * Strings compare by UTF-16 code unit, which differs from code-point order
 * only between a surrogate (a code point above U+FFFF) and U+E000..U+FFFF;
 * the first differing unit is moved so that surrogates sort last.
 */
export function compareNames(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function codePointRank(unit) {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/**
 * Reads a file's bytes, at most `max` + 1 of them: a larger file is not read
 * through (its size is all the core's finding needs). A stream rather than
 * `file.size` first: on a picked file `size` is a synchronous call into the
 * browser (about 0.15 ms, 1.5 s of main thread for 10,000 files).
 * @param {Blob} file @param {number} max
 * @returns {Promise<{ bytes: Uint8Array } | { tooLarge: number } | { unreadable: string }>}
 */
export async function readCapped(file, max) {
  try {
    const reader = file.stream().getReader();
    const chunks = [];
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      n += value.length;
      if (n > max) {
        reader.cancel().catch(() => {});
        return { tooLarge: file.size };
      }
    }
    if (chunks.length === 1) return { bytes: chunks[0] };
    const bytes = new Uint8Array(n);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return { bytes };
  } catch (e) {
    return { unreadable: (e && e.message) || "the browser refused to read it" };
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
