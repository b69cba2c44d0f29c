//! The real file system and standard streams (native only).

use super::walk::join;
use super::{run, FileRead, Host, IoProblem, Stat};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The real file system and standard streams.
#[derive(Default)]
pub struct StdHost {
    /// Set by `main_exit_code`: the process exits when `run` returns.
    exits_after_run: bool,
    /// Paths the walk built from file names that are not UTF-8: the shown
    /// (lossy) path, and the real one to open.
    real_paths: std::collections::HashMap<String, PathBuf>,
}

impl StdHost {
    fn real(&self, path: &str) -> PathBuf {
        self.real_paths
            .get(path)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(path))
    }
}

fn io_problem(e: &std::io::Error) -> IoProblem {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => IoProblem::NotFound,
        ErrorKind::PermissionDenied => IoProblem::PermissionDenied,
        ErrorKind::IsADirectory => IoProblem::IsADirectory,
        _ => IoProblem::Other(e.to_string()),
    }
}

fn read_limited(mut r: impl Read, max: u64, hint: u64) -> FileRead {
    let mut buf = Vec::with_capacity(hint.min(max + 1) as usize);
    // One byte past the limit, so a file that grew is still caught.
    match (&mut r).take(max + 1).read_to_end(&mut buf) {
        Ok(_) if buf.len() as u64 > max => FileRead::TooLarge(buf.len() as u64),
        Ok(_) => FileRead::Bytes(buf),
        Err(e) => FileRead::Problem(io_problem(&e)),
    }
}

impl Host for StdHost {
    fn stat(&mut self, path: &str) -> Stat {
        match fs::metadata(self.real(path)) {
            Ok(m) if m.is_dir() => Stat::Dir,
            Ok(m) if m.is_file() => Stat::File,
            Ok(_) => Stat::Other,
            Err(e) => Stat::Problem(io_problem(&e)),
        }
    }

    fn read_dir(&mut self, path: &str) -> Result<Vec<String>, IoProblem> {
        let entries = self.read_dir_typed(path)?;
        Ok(entries.into_iter().map(|(name, _)| name).collect())
    }

    fn read_dir_typed(&mut self, path: &str) -> Result<Vec<(String, Option<Stat>)>, IoProblem> {
        let dir = self.real(path);
        let aliased = self.real_paths.contains_key(path);
        let entries = fs::read_dir(&dir).map_err(|e| io_problem(&e))?;
        let mut names = Vec::new();
        for entry in entries.filter_map(|e| e.ok()) {
            let raw = entry.file_name();
            let name = raw.to_string_lossy().into_owned();
            // Keep the way back to a name that is not UTF-8 (and to everything
            // under such a directory), so the file can still be opened.
            if aliased || raw.to_str().is_none() {
                self.real_paths.insert(join(path, &name), dir.join(&raw));
            }
            // The listing's type, without a stat; a symlink is followed by `stat`.
            let kind = match entry.file_type() {
                Ok(t) if t.is_dir() => Some(Stat::Dir),
                Ok(t) if t.is_file() => Some(Stat::File),
                Ok(t) if !t.is_symlink() => Some(Stat::Other),
                _ => None,
            };
            names.push((name, kind));
        }
        Ok(names)
    }

    fn read_file(&mut self, path: &str, max: u64) -> FileRead {
        let file = match fs::File::open(self.real(path)) {
            Ok(f) => f,
            Err(e) => return FileRead::Problem(io_problem(&e)),
        };
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        if len > max {
            return FileRead::TooLarge(len);
        }
        read_limited(file, max, len)
    }

    fn read_stdin(&mut self, max: u64) -> FileRead {
        read_limited(std::io::stdin().lock(), max, 0)
    }

    fn canonicalize(&mut self, path: &str) -> Option<String> {
        fs::canonicalize(self.real(path))
            .ok()
            .map(|p| p.to_string_lossy().into_owned())
    }

    fn write_atomic(&mut self, path: &str, text: &str) -> Result<(), String> {
        write_atomically(Path::new(path), text).map_err(|e| io_problem(&e).message())
    }

    fn append_file(&mut self, path: &str, text: &str) -> Result<(), String> {
        fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .map_err(|e| io_problem(&e).message())
    }

    fn env(&mut self, name: &str) -> Option<String> {
        std::env::var_os(name).map(|v| v.to_string_lossy().into_owned())
    }

    fn stdout(&mut self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }

    fn stderr(&mut self, text: &str) {
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }

    fn exits_after_run(&self) -> bool {
        self.exits_after_run
    }
}

/// Entry point for the binary: real arguments and the real file system.
pub fn main_exit_code() -> i32 {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut host = StdHost {
        exits_after_run: true,
        ..StdHost::default()
    };
    run(&args, &mut host)
}

/// Writes `text` to `path` through a temporary file in the same directory and
/// a rename, so readers never see half a plan.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let base = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into());
    let tmp = dir.join(format!(".{base}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
