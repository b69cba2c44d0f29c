// Turns what the user brings (a drop, a file picker, a folder picker) into a
// flat list of { path, file } entries. No DOM access here beyond the entry
// objects passed in, so Node tests can drive it with fake entries.
//
// The folder rule is the CLI's `--jobs-dir` rule (src/cli.rs `walk`): keep
// `*.yaml` and `*.yml` in any case, skip hidden entries, sort names as the
// core does. It is stated here once for the page: the walk runs on the main
// thread, which has no wasm, and every message about it is made from these.

import { compareNames } from "./inputs.js";

/** The endings a folder walk keeps, in any case. */
export const YAML_EXTENSIONS = [".yaml", ".yml"];

/** True for the file names a folder walk keeps (the CLI's `--jobs-dir` rule). */
export function isYamlName(name) {
  const lower = String(name).toLowerCase();
  return YAML_EXTENSIONS.some((x) => lower.endsWith(x));
}

/** Hidden entries (`.git`, `.DS_Store`) are skipped in folder walks, as the CLI does. */
export function isHidden(name) {
  return String(name).startsWith(".");
}

/** The core's order of file names (UTF-8 bytes), so that every face lists files alike. */
export const comparePaths = compareNames;

function entryFile(entry) {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function readBatch(reader) {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

/** Every child of a directory entry: `readEntries` hands them out in batches
 * (Chrome gives 100 at a time) until it answers an empty batch. */
export async function readAllEntries(dirEntry) {
  const reader = dirEntry.createReader();
  const all = [];
  for (;;) {
    const batch = await readBatch(reader);
    if (!batch || batch.length === 0) return all;
    all.push(...batch);
  }
}

function relativePath(entry) {
  // fullPath is "/folder/sub/job.yaml" for a dropped folder.
  const p = entry.fullPath || entry.name || "";
  return p.replace(/^\/+/, "");
}

/**
 * Walks dropped entries. A dropped file is always kept (the user chose it);
 * inside a folder only `*.yaml` / `*.yml` files are kept and hidden entries are
 * skipped. An entry that cannot be read is returned with `error` set so that it
 * is reported rather than silently lost.
 *
 * @param {Array<object>} entries FileSystemEntry-like objects
 * @returns {Promise<Array<{path: string, file?: File, error?: string}>>}
 */
export async function walkEntries(entries) {
  const out = [];
  const seen = new Set();
  async function visit(entry, topLevel) {
    if (!entry) return;
    if (entry.isDirectory) {
      const path = relativePath(entry);
      if (seen.has(path)) return;
      seen.add(path);
      if (!topLevel && isHidden(entry.name)) return;
      let children;
      try {
        children = await readAllEntries(entry);
      } catch (e) {
        out.push({ path: path + "/", error: describe(e), directory: true });
        return;
      }
      children.sort((a, b) => comparePaths(a.name, b.name));
      for (const child of children) await visit(child, false);
      return;
    }
    if (!entry.isFile) return;
    if (!topLevel && (isHidden(entry.name) || !isYamlName(entry.name))) return;
    const path = relativePath(entry);
    try {
      out.push({ path, file: await entryFile(entry) });
    } catch (e) {
      out.push({ path, error: describe(e) });
    }
  }
  for (const entry of entries) await visit(entry, true);
  return out;
}

/**
 * What a drop holds. Entries must be taken from the DataTransfer synchronously,
 * inside the drop handler: the items are emptied once the handler returns.
 * Items without an entry (a synthetic DataTransfer, an old browser) fall back
 * to their File.
 */
export function takeDropped(dataTransfer) {
  const entries = [];
  const files = [];
  const items = dataTransfer && dataTransfer.items ? Array.from(dataTransfer.items) : [];
  if (items.length > 0) {
    for (const item of items) {
      if (item.kind !== "file") continue;
      const entry = typeof item.webkitGetAsEntry === "function" ? item.webkitGetAsEntry() : null;
      if (entry) entries.push(entry);
      else {
        const f = item.getAsFile();
        if (f) files.push(f);
      }
    }
  } else if (dataTransfer && dataTransfer.files) {
    files.push(...Array.from(dataTransfer.files));
  }
  return { entries, files };
}

/** Files from `<input type=file>`; with `webkitdirectory` the YAML filter of a folder walk applies. */
export function fromInputFiles(fileList, isFolderPick) {
  const out = [];
  for (const file of Array.from(fileList || [])) {
    const rel = file.webkitRelativePath || "";
    if (isFolderPick || rel) {
      const parts = (rel || file.name).split("/");
      // parts[0] is the chosen folder itself, whose name may start with a dot.
      if (parts.slice(1).some(isHidden) || !isYamlName(file.name)) continue;
      out.push({ path: rel || file.name, file });
    } else {
      out.push({ path: file.name, file });
    }
  }
  return out;
}

function describe(e) {
  if (e && e.message) return e.message;
  if (e && e.name) return e.name;
  return String(e || "unknown error");
}
