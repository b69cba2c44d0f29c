//! The policy's YAML value (parsed by serde_yaml) into the typed `Policy`.
//! Every error names the path of the key at fault, which `parse` turns into
//! a line and column; an unknown key or value gets "did you mean".

use super::{IgnoreEntry, Level, Policy, Profile};
use crate::conventions::{Conventions, RequireResources, Required};
use crate::path::FieldPath;
use serde_yaml::Value;

type At = (FieldPath, String);
type Result<T> = std::result::Result<T, At>;

fn fail<T>(path: &FieldPath, message: String) -> Result<T> {
    let message = if path.is_root() {
        message
    } else {
        format!("{path}: {message}")
    };
    Err((path.clone(), message))
}

fn ticked(names: &[&str]) -> String {
    let t: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    t.join(", ")
}

fn did_you_mean(name: &str, allowed: &[&str]) -> String {
    crate::k8s::suggest::suggest(name, allowed.iter().copied())
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

fn wrong(path: &FieldPath, v: &Value, expected: &str) -> At {
    let message = format!("invalid type: {}, expected {expected}", describe(v));
    fail::<()>(path, message).unwrap_err()
}

/// The entries of a mapping whose keys must be among `allowed`.
fn fields<'v>(
    v: &'v Value,
    path: &FieldPath,
    allowed: &[&str],
) -> Result<Vec<(&'v str, &'v Value)>> {
    let map = match v {
        Value::Null => return Ok(Vec::new()),
        Value::Mapping(m) => m,
        other => return Err(wrong(path, other, "a mapping")),
    };
    let mut out = Vec::with_capacity(map.len());
    for (k, val) in map {
        let Value::String(k) = k else {
            return Err(wrong(path, k, "a string key"));
        };
        if !allowed.is_empty() && !allowed.contains(&k.as_str()) {
            let message = format!(
                "unknown field `{k}`, expected one of {}{}",
                ticked(allowed),
                did_you_mean(k, allowed)
            );
            // The message names the mapping; the position is the key's.
            let message = if path.is_root() {
                message
            } else {
                format!("{path}: {message}")
            };
            return Err((path.field(k), message));
        }
        out.push((k.as_str(), val));
    }
    Ok(out)
}

fn string(v: &Value, path: &FieldPath) -> Result<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        other => Err(wrong(path, other, "a string")),
    }
}

fn strings(v: &Value, path: &FieldPath) -> Result<Vec<String>> {
    match v {
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .map(|(i, x)| string(x, &path.index(i)))
            .collect(),
        other => Err(wrong(path, other, "a list of strings")),
    }
}

fn boolean(v: &Value, path: &FieldPath) -> Result<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        other => Err(wrong(path, other, "true or false")),
    }
}

/// One of `names`, as the index of the name.
fn variant(v: &Value, path: &FieldPath, names: &[&str]) -> Result<usize> {
    let s = string(v, path)?;
    match names.iter().position(|n| *n == s) {
        Some(i) => Ok(i),
        None => fail(
            path,
            format!(
                "unknown variant `{s}`, expected one of {}{}",
                ticked(names),
                did_you_mean(&s, names)
            ),
        ),
    }
}

fn required(v: &Value, path: &FieldPath) -> Result<Required> {
    match v {
        Value::Sequence(_) => Ok(Required::Keys(strings(v, path)?)),
        Value::Mapping(_) => {
            let mut map = std::collections::BTreeMap::new();
            for (k, val) in fields(v, path, &[])? {
                map.insert(k.to_string(), string(val, &path.key(k))?);
            }
            Ok(Required::Patterns(map))
        }
        other => Err(wrong(
            path,
            other,
            "a list of keys, or key: regular expression",
        )),
    }
}

const TOP: &[&str] = &[
    "profile",
    "rules",
    "conventions",
    "ignore",
    "kubernetesVersion",
    "strict",
    "allowInlineIgnores",
];
const CONVENTIONS: &[&str] = &[
    "requiredLabels",
    "requiredAnnotations",
    "namePattern",
    "allowedNamespaces",
    "allowedRegistries",
    "requireResources",
    "maxParallelism",
];
const IGNORE: &[&str] = &["rule", "files", "job", "reason"];

fn conventions(v: &Value, path: &FieldPath) -> Result<Conventions> {
    let mut c = Conventions::default();
    for (k, val) in fields(v, path, CONVENTIONS)? {
        let p = path.field(k);
        match k {
            "requiredLabels" => c.required_labels = Some(required(val, &p)?),
            "requiredAnnotations" => c.required_annotations = Some(required(val, &p)?),
            "namePattern" => c.name_pattern = Some(string(val, &p)?),
            "allowedNamespaces" => c.allowed_namespaces = Some(strings(val, &p)?),
            "allowedRegistries" => c.allowed_registries = Some(strings(val, &p)?),
            "requireResources" => {
                let all = [
                    RequireResources::Requests,
                    RequireResources::Limits,
                    RequireResources::Both,
                    RequireResources::None,
                ];
                let i = variant(val, &p, &["requests", "limits", "both", "none"])?;
                c.require_resources = Some(all[i]);
            }
            _ => match val.as_u64() {
                Some(n) => c.max_parallelism = Some(n),
                None => return Err(wrong(&p, val, "a whole number")),
            },
        }
    }
    Ok(c)
}

fn ignore_entry(v: &Value, path: &FieldPath) -> Result<IgnoreEntry> {
    let (mut rule, mut files, mut job, mut reason) = (None, None, None, None);
    for (k, val) in fields(v, path, IGNORE)? {
        let s = Some(string(val, &path.field(k))?);
        match k {
            "rule" => rule = s,
            "files" => files = s,
            "job" => job = s,
            _ => reason = s,
        }
    }
    let missing = |f: &str| fail::<()>(path, format!("missing field `{f}`")).unwrap_err();
    Ok(IgnoreEntry {
        rule: rule.ok_or_else(|| missing("rule"))?,
        files,
        job,
        reason: reason.ok_or_else(|| missing("reason"))?,
    })
}

/// The whole policy.
pub(super) fn policy(v: &Value) -> Result<Policy> {
    let root = FieldPath::root();
    let mut p = Policy::default();
    for (k, val) in fields(v, &root, TOP)? {
        let path = root.field(k);
        match k {
            "profile" => {
                let i = variant(val, &path, &["seed", "kubernetes"])?;
                p.profile = [Profile::Seed, Profile::Kubernetes][i];
            }
            "rules" => {
                for (rule, level) in fields(val, &path, &[])? {
                    let i = variant(level, &path.key(rule), &["error", "warning", "off"])?;
                    let level = [Level::Error, Level::Warning, Level::Off][i];
                    p.rules.insert(rule.to_string(), level);
                }
            }
            "conventions" => p.conventions = conventions(val, &path)?,
            "ignore" => match val {
                Value::Sequence(items) => {
                    for (i, item) in items.iter().enumerate() {
                        p.ignore.push(ignore_entry(item, &path.index(i))?);
                    }
                }
                Value::Null => {}
                other => return Err(wrong(&path, other, "a list of ignore entries")),
            },
            "kubernetesVersion" => {
                // `1.34` unquoted is a YAML number: take its text.
                p.kubernetes_version = Some(match val {
                    Value::Number(n) => n.to_string(),
                    other => string(other, &path)?,
                });
            }
            "strict" => p.strict = Some(boolean(val, &path)?),
            _ => p.allow_inline_ignores = Some(boolean(val, &path)?),
        }
    }
    Ok(p)
}
