// The folder walk, driven with fake FileSystemEntry objects: a real folder drop
// cannot be simulated in a headless browser.

import { test } from "node:test";
import assert from "node:assert/strict";
import { walkEntries, isYamlName, fromInputFiles, takeDropped, readAllEntries } from "../../www/walk.js";

/** A fake file entry; `fail` makes `file()` call its error callback. */
function fileEntry(fullPath, { fail } = {}) {
  const name = fullPath.split("/").pop();
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file(ok, err) {
      setTimeout(() => (fail ? err(new Error(fail)) : ok({ name, size: 1, fullPath })), 0);
    },
  };
}

/** A fake directory entry whose reader hands out children `batch` at a time, as Chrome does (100). */
function dirEntry(fullPath, children, { batch = 100, fail } = {}) {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split("/").pop(),
    fullPath,
    createReader() {
      let at = 0;
      return {
        readEntries(ok, err) {
          setTimeout(() => {
            if (fail) return err(new Error(fail));
            const out = children.slice(at, at + batch);
            at += out.length;
            ok(out);
          }, 0);
        },
      };
    },
  };
}

test("isYamlName keeps .yaml and .yml in any case, nothing else", () => {
  for (const n of ["a.yaml", "a.yml", "A.YAML", "b.Yml", ".x.yaml"]) assert.equal(isYamlName(n), true, n);
  for (const n of ["a.json", "yaml", "a.yaml.bak", "a.txt", ""]) assert.equal(isYamlName(n), false, n);
});

test("a dropped folder is walked recursively, keeping YAML files in sorted order", async () => {
  const root = dirEntry("/jobs", [
    fileEntry("/jobs/b.yaml"),
    fileEntry("/jobs/notes.txt"),
    dirEntry("/jobs/sub", [fileEntry("/jobs/sub/c.yml"), dirEntry("/jobs/sub/deeper", [fileEntry("/jobs/sub/deeper/d.YAML")])]),
    fileEntry("/jobs/a.yaml"),
  ]);
  const got = await walkEntries([root]);
  assert.deepEqual(
    got.map((e) => e.path),
    ["jobs/a.yaml", "jobs/b.yaml", "jobs/sub/c.yml", "jobs/sub/deeper/d.YAML"],
  );
  assert.ok(got.every((e) => e.file && !e.error));
});

test("hidden files and folders inside a dropped folder are skipped, as the CLI does", async () => {
  const root = dirEntry("/jobs", [
    fileEntry("/jobs/.hidden.yaml"),
    dirEntry("/jobs/.git", [fileEntry("/jobs/.git/x.yaml")]),
    fileEntry("/jobs/job.yaml"),
  ]);
  assert.deepEqual((await walkEntries([root])).map((e) => e.path), ["jobs/job.yaml"]);
});

test("a dropped file is kept whatever its name: the user chose it", async () => {
  const got = await walkEntries([fileEntry("/picture.png"), fileEntry("/.env.yaml")]);
  assert.deepEqual(got.map((e) => e.path), ["picture.png", ".env.yaml"]);
});

test("readEntries is called until it answers an empty batch (more than 100 children)", async () => {
  const children = Array.from({ length: 250 }, (_, i) => fileEntry(`/big/job-${String(i).padStart(3, "0")}.yaml`));
  const dir = dirEntry("/big", children, { batch: 100 });
  assert.equal((await readAllEntries(dir)).length, 250);
  const got = await walkEntries([dir]);
  assert.equal(got.length, 250);
  assert.equal(got[249].path, "big/job-249.yaml");
});

test("an unreadable file or folder is reported, and its siblings are kept", async () => {
  const root = dirEntry("/jobs", [
    fileEntry("/jobs/bad.yaml", { fail: "NotReadableError" }),
    dirEntry("/jobs/locked", [], { fail: "SecurityError" }),
    fileEntry("/jobs/good.yaml"),
  ]);
  const got = await walkEntries([root]);
  assert.deepEqual(
    got.map((e) => [e.path, e.error ?? null]),
    [
      ["jobs/bad.yaml", "NotReadableError"],
      ["jobs/good.yaml", null],
      ["jobs/locked/", "SecurityError"],
    ],
  );
});

test("a folder dropped twice in one drop is walked once", async () => {
  const dir = dirEntry("/jobs", [fileEntry("/jobs/a.yaml")]);
  assert.equal((await walkEntries([dir, dir])).length, 1);
});

test("takeDropped uses entries when the browser gives them, and the File otherwise", () => {
  const entry = fileEntry("/a.yaml");
  const file = { name: "b.yaml" };
  const dt = {
    items: [
      { kind: "file", webkitGetAsEntry: () => entry, getAsFile: () => null },
      { kind: "file", webkitGetAsEntry: () => null, getAsFile: () => file },
      { kind: "string", webkitGetAsEntry: () => null, getAsFile: () => null },
    ],
  };
  const got = takeDropped(dt);
  assert.deepEqual(got.entries, [entry]);
  assert.deepEqual(got.files, [file]);
  assert.deepEqual(takeDropped({ items: [], files: [file] }).files, [file]);
});

test("a folder picked with webkitdirectory keeps YAML files and skips hidden parts", () => {
  const f = (webkitRelativePath) => ({ name: webkitRelativePath.split("/").pop(), webkitRelativePath });
  const got = fromInputFiles(
    [f("jobs/a.yaml"), f("jobs/readme.md"), f("jobs/.git/b.yaml"), f("jobs/sub/c.yml")],
    true,
  );
  assert.deepEqual(got.map((e) => e.path), ["jobs/a.yaml", "jobs/sub/c.yml"]);
  // Files picked one by one are all kept, under their own names.
  const picked = fromInputFiles([{ name: "x.png", webkitRelativePath: "" }], false);
  assert.deepEqual(picked.map((e) => e.path), ["x.png"]);
});
