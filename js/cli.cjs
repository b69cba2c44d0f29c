#!/usr/bin/env node
// `npx k8s-job-plan`: the native CLI's own logic (flags, directory walk,
// output, exit codes) compiled to wasm, with file access given by node:fs.
// Everything here only answers the CliHost questions the way Rust's std would,
// so that both CLIs print the same bytes.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { runCli } = require("../pkg/node/k8s_job_plan.js");

// glibc's strerror for the errors the CLI prints verbatim (any but ENOENT,
// EACCES, EPERM and EISDIR, which it words itself); Rust's io::Error shows
// them as "<strerror> (os error N)".
const STRERROR = {
  ENOTDIR: "Not a directory",
  ELOOP: "Too many levels of symbolic links",
  ENAMETOOLONG: "File name too long",
  EROFS: "Read-only file system",
  ENOSPC: "No space left on device",
  EEXIST: "File exists",
  EBUSY: "Device or resource busy",
  EXDEV: "Invalid cross-device link",
  EINVAL: "Invalid argument",
  EIO: "Input/output error",
  ENXIO: "No such device or address",
  ENOTEMPTY: "Directory not empty",
  EMFILE: "Too many open files",
  ENFILE: "Too many open files in system",
  EDQUOT: "Disk quota exceeded",
  EFBIG: "File too large",
  ETXTBSY: "Text file busy",
};

function ioError(e) {
  const errno = typeof e.errno === "number" ? Math.abs(e.errno) : undefined;
  const text = STRERROR[e.code];
  const error = text !== undefined && errno !== undefined ? `${text} (os error ${errno})` : String(e.message);
  return { error, code: e.code };
}

function kindOf(st) {
  if (st.isDirectory()) return "dir";
  if (st.isFile()) return "file";
  return "other";
}

// Reads at most max + 1 bytes from an open descriptor, so that a file larger
// than the limit is recognised without reading it whole.
function readLimited(fd, max) {
  const chunks = [];
  let total = 0;
  const limit = max + 1;
  for (;;) {
    const want = Math.min(64 * 1024, limit - total);
    if (want <= 0) break;
    const buf = Buffer.allocUnsafe(want);
    let n;
    try {
      n = fs.readSync(fd, buf, 0, want, null);
    } catch (e) {
      // A non-blocking pipe on stdin: wait a little and read again.
      if (e.code === "EAGAIN") {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      // Rust's std reads a closed stdin as empty.
      if (e.code === "EOF" || (fd === 0 && e.code === "EBADF")) break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
  }
  if (total > max) return { tooLarge: total };
  return new Uint8Array(Buffer.concat(chunks, total));
}

const host = {
  stat(p) {
    try {
      return { kind: kindOf(fs.statSync(p)) };
    } catch (e) {
      return ioError(e);
    }
  },
  readDir(p) {
    try {
      return fs.readdirSync(p);
    } catch (e) {
      return ioError(e);
    }
  },
  readFile(p, maxBytes) {
    let fd;
    try {
      fd = fs.openSync(p, "r");
      const size = fs.fstatSync(fd).size;
      if (size > maxBytes) return { tooLarge: size };
      return readLimited(fd, maxBytes);
    } catch (e) {
      return ioError(e);
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  },
  readStdin(maxBytes) {
    try {
      return readLimited(0, maxBytes);
    } catch (e) {
      return ioError(e);
    }
  },
  canonicalize(p) {
    try {
      return fs.realpathSync.native(p);
    } catch {
      return null;
    }
  },
  writeFileAtomic(p, text) {
    // Same temporary name as the native CLI: in the target's directory, so
    // the rename is atomic.
    const tmp = path.join(path.dirname(p), `.${path.basename(p) || "plan"}.${process.pid}.tmp`);
    let fd;
    try {
      fd = fs.openSync(tmp, "w");
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fd = undefined;
      fs.renameSync(tmp, p);
      return null;
    } catch (e) {
      if (fd !== undefined) fs.closeSync(fd);
      try {
        fs.unlinkSync(tmp);
      } catch {
        // Nothing was created, or it is gone already.
      }
      return ioError(e);
    }
  },
  appendFile(p, text) {
    try {
      fs.appendFileSync(p, text);
      return null;
    } catch (e) {
      return ioError(e);
    }
  },
  env(name) {
    return process.env[name];
  },
  stdout(text) {
    process.stdout.write(text);
  },
  stderr(text) {
    process.stderr.write(text);
  },
};

// Like the native CLI (Rust ignores SIGPIPE), a closed pipe such as `| head`
// is not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code !== "EPIPE") throw e;
  });
}

// exitCode, not process.exit(): Node flushes stdout before it exits.
try {
  process.exitCode = runCli(process.argv.slice(2), host);
} catch (e) {
  // Only a bug in the core gets here: its panic message is already on stderr
  // (console_error_panic_hook). 101 is the native binary's exit code on a panic.
  process.stderr.write(`k8s-job-plan: internal error: ${e && e.message}\n`);
  process.exitCode = 101;
}
