//! Which files the paths name: files as given, directories walked for YAML
//! files, `-` for standard input; each read through the host.

use super::{FileRead, Host, IoProblem, Stat};
use crate::limits::MAX_FILE_BYTES;
use std::collections::HashSet;

/// One collected input: its display name and what was read.
pub(super) struct Collected {
    pub(super) name: String,
    pub(super) content: FileRead,
    /// Whether `name` is a path on disk (not standard input, not a path that
    /// could not be looked at), whose canonical form an output must not
    /// equal. It is computed only when there are outputs to check.
    pub(super) on_disk: bool,
}

fn is_yaml(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// Joins like a POSIX path: `dir/name`, without doubling a trailing slash.
pub(super) fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// Walks `dir` for YAML files: names sorted bytewise, recursive, following
/// symlinks (a directory reached twice, as in a symlink loop, is walked once),
/// hidden entries and policy files (`k8s-job-plan.yaml`) skipped.
fn walk(
    host: &mut dyn Host,
    dir: &str,
    seen: &mut HashSet<String>,
    files: &mut Vec<(String, Stat)>,
    notes: &mut Vec<String>,
) {
    if let Some(c) = host.canonicalize(dir) {
        if !seen.insert(c) {
            return;
        }
    }
    let mut names = match host.read_dir_typed(dir) {
        Ok(n) => n,
        Err(e) => {
            notes.push(format!(
                "warning: cannot read directory {dir}: {}",
                e.message()
            ));
            return;
        }
    };
    names.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, kind) in names {
        // The policy file configures the run; it is not a manifest.
        if name.starts_with('.') || name == crate::policy::FILE_NAME {
            continue;
        }
        let p = join(dir, &name);
        match kind.unwrap_or_else(|| host.stat(&p)) {
            Stat::Dir => walk(host, &p, seen, files, notes),
            // A dangling symlink, an unreadable entry or a FIFO with a YAML
            // name is an input we cannot read: report it rather than drop it.
            stat if is_yaml(&name) => files.push((p, stat)),
            _ => {}
        }
    }
}

pub(super) fn collect(
    host: &mut dyn Host,
    paths: &[String],
    notes: &mut Vec<String>,
) -> Vec<Collected> {
    let max = MAX_FILE_BYTES as u64;
    let mut out = Vec::new();
    for raw in paths {
        if raw == "-" {
            let content = host.read_stdin(max);
            out.push(Collected {
                name: "<stdin>".into(),
                content,
                on_disk: false,
            });
            continue;
        }
        match host.stat(raw) {
            Stat::Dir => {
                let mut files = Vec::new();
                walk(host, raw, &mut HashSet::new(), &mut files, notes);
                if files.is_empty() {
                    notes.push(format!(
                        "error: {raw}: the directory holds no *.yaml or *.yml file"
                    ));
                }
                for (f, stat) in files {
                    let content = match stat {
                        // Opening a FIFO blocks until someone writes to it. A
                        // path named on the command line may be a pipe on
                        // purpose (`<(generate-jobs)`); one found in a folder
                        // is read only if it is a regular file.
                        Stat::Other => FileRead::Problem(IoProblem::Other(
                            "not a regular file (a FIFO, socket or device); only regular files are read from a directory".into(),
                        )),
                        _ => host.read_file(&f, max),
                    };
                    out.push(Collected {
                        name: f,
                        content,
                        on_disk: true,
                    });
                }
            }
            Stat::Problem(e) => {
                notes.push(format!("error: {raw}: {}", e.message()));
                out.push(Collected {
                    name: raw.clone(),
                    content: FileRead::Problem(e),
                    on_disk: false,
                });
            }
            Stat::File | Stat::Other => {
                let content = host.read_file(raw, max);
                out.push(Collected {
                    name: raw.clone(),
                    content,
                    on_disk: true,
                });
            }
        }
    }
    out
}
