//! The policy file, `k8s-job-plan.yaml`: a profile, rule severities, the
//! team's conventions, ignores and defaults for the options. Pure: text in,
//! a typed `Policy` or an error with its line and column out. Finding the file
//! is the faces' job (`cli`, through its `Host`).
//!
//! `Resolved` is a policy ready for the planner: rule references looked up,
//! patterns compiled. With no policy it changes nothing, so that every output
//! without a policy file stays what it was.

use crate::conventions::{Compiled, Conventions, RequireResources};
use crate::input::position::{Pos, PositionIndex};
use crate::model::Severity;
use crate::path::FieldPath;
use crate::rules::Rule;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The file name the CLI looks for, in the current directory and its parents.
pub const FILE_NAME: &str = "k8s-job-plan.yaml";

/// Which built-in conventions apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// The seed's pipeline: its labels, name pattern, args and env (the default).
    #[default]
    Seed,
    /// What the API server decides, plus missing resources and namespace.
    Kubernetes,
}

/// A rule's severity in `rules:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Off,
}

/// One entry of `ignore:`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IgnoreEntry {
    /// A rule code or name.
    pub rule: String,
    /// A glob over file paths (`*`, `**`, `?`); every file when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files: Option<String>,
    /// A Job name, or a glob over Job names; every Job when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job: Option<String>,
    /// Why; required.
    pub reason: String,
}

/// The policy file, as written. Every key is optional.
///
/// Read from the YAML value by hand (`read`), not by serde's derive: the
/// derived deserializers cost about 60 KB of wasm, and the hand-written
/// reader places every error at its key and says "did you mean".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    pub profile: Profile,
    /// Rule code or name → severity.
    pub rules: BTreeMap<String, Level>,
    pub conventions: Conventions,
    pub ignore: Vec<IgnoreEntry>,
    /// `--kubernetes-version` overrides it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kubernetes_version: Option<String>,
    /// `--strict` overrides it (it can only turn strict mode on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
    /// `false` makes `k8s-job-plan.io/ignore` annotations count for nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_inline_ignores: Option<bool>,
}

/// A policy that cannot be used, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl PolicyError {
    /// `file:line:column: message`, as the CLI prints it.
    pub fn describe(&self, file: &str) -> String {
        format!("{file}:{}:{}: {}", self.line, self.column, self.message)
    }
}

/// The rules the seed profile has and the kubernetes profile turns off: the
/// seed pipeline's own conventions.
const SEED_ONLY: &[&str] = &["KJP202", "KJP203", "KJP206", "KJP207"];

/// Names that stand for several rules.
const ALIASES: &[(&str, &[&str])] = &[("missing-resources", &["KJP204", "KJP205"])];

/// The rules a code, a name or an alias stands for.
pub fn rule_refs(name: &str) -> Option<Vec<&'static Rule>> {
    if let Some((_, codes)) = ALIASES.iter().find(|(a, _)| *a == name) {
        return Some(
            codes
                .iter()
                .filter_map(|c| crate::registry::by_code(c))
                .collect(),
        );
    }
    crate::registry::all()
        .find(|r| r.code == name || r.name == name)
        .map(|r| vec![r])
}

/// Whether a finding of `rule` may be ignored or lowered: not when it is an
/// error the API server (or the reader) raises, since the Job could not be
/// created anyway.
pub fn can_be_ignored(rule: &Rule) -> bool {
    rule.severity == Severity::Warning
}

fn unknown_rule(name: &str) -> String {
    let names = crate::registry::all()
        .flat_map(|r| [r.code, r.name])
        .chain(ALIASES.iter().map(|(a, _)| *a));
    match crate::k8s::suggest::suggest(name, names) {
        Some(s) => format!("unknown rule {name:?} (did you mean {s:?}?)"),
        None => format!("unknown rule {name:?}: see docs/rules.md for the rules"),
    }
}

/// Parses a policy file. An empty file (or only comments) is the default policy.
pub fn parse(text: &str) -> Result<Policy, PolicyError> {
    let at = |pos: Pos, message: String| PolicyError {
        line: pos.line.max(1),
        column: pos.column.max(1),
        message,
    };
    if text.len() > crate::limits::MAX_FILE_BYTES {
        return Err(at(Pos::default(), "the policy file is too large".into()));
    }
    let mut docs = serde_yaml::Deserializer::from_str(text);
    let Some(first) = docs.next() else {
        return Ok(Policy::default());
    };
    let value = serde_yaml::Value::deserialize(first).map_err(|e| yaml_error(&e))?;
    if docs.next().is_some() {
        return Err(at(
            Pos::default(),
            "the policy file holds more than one YAML document".into(),
        ));
    }
    if value.is_null() {
        return Ok(Policy::default());
    }
    let checked = read::policy(&value).and_then(|p| Resolved::new(Some(&p)).map(|_| p));
    checked.map_err(|(path, message)| at(PositionIndex::build(text).locate(0, &path), message))
}

/// serde_yaml's error, with its position and a "did you mean" for an
/// unknown key or value.
fn yaml_error(e: &serde_yaml::Error) -> PolicyError {
    let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let mut message = e.to_string();
    if let Some(i) = message.rfind(" at line ") {
        message.truncate(i);
    }
    // "unknown field `x`, expected one of `a`, `b`" / "unknown variant `x`, expected `a` or `b`"
    if message.contains("unknown field") || message.contains("unknown variant") {
        let ticked: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
        if let Some((unknown, allowed)) = ticked.split_first() {
            if let Some(s) = crate::k8s::suggest::suggest(unknown, allowed.iter().copied()) {
                message.push_str(&format!(" (did you mean `{s}`?)"));
            }
        }
    }
    PolicyError {
        line,
        column,
        message,
    }
}

mod read;

/// A compiled `ignore:` entry.
#[derive(Debug, Clone)]
struct Ignore {
    rules: Vec<&'static Rule>,
    files: Option<String>,
    job: Option<String>,
    reason: String,
}

/// A policy ready for the planner.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub profile: Profile,
    levels: Vec<(&'static Rule, Level)>,
    pub conventions: Compiled,
    require_resources: Option<RequireResources>,
    replaces_labels: bool,
    replaces_name: bool,
    ignores: Vec<Ignore>,
    pub allow_inline_ignores: bool,
    pub strict: bool,
    pub kubernetes_version: Option<String>,
    /// Opt-in rules the policy turns on.
    pub enable_rules: Vec<String>,
}

type At = (FieldPath, String);

impl Resolved {
    /// No policy: the built-in behaviour.
    pub fn none() -> Resolved {
        Resolved {
            allow_inline_ignores: true,
            ..Resolved::default()
        }
    }

    /// Looks up the policy's rules and compiles its patterns; `None` is "no
    /// policy". The error names the key at fault.
    pub fn new(policy: Option<&Policy>) -> Result<Resolved, At> {
        let Some(p) = policy else {
            return Ok(Resolved::none());
        };
        let root = FieldPath::root();
        let mut levels = Vec::new();
        let mut enable_rules = Vec::new();
        for (name, level) in &p.rules {
            let path = root.field("rules").key(name);
            let rules = rule_refs(name).ok_or_else(|| (path.clone(), unknown_rule(name)))?;
            for r in rules {
                if *level != Level::Error && !can_be_ignored(r) {
                    return Err((path, format!(
                        "rule {name:?} ({}) is an error the API server raises; it cannot be set to {}",
                        r.code,
                        if *level == Level::Off { "off" } else { "warning" }
                    )));
                }
                if r.opt_in && *level != Level::Off {
                    enable_rules.push(r.code.to_string());
                }
                levels.push((r, *level));
            }
        }
        let c = &p.conventions;
        let conventions = c.compile()?;
        let mut ignores = Vec::new();
        for (i, e) in p.ignore.iter().enumerate() {
            let path = root.field("ignore").index(i);
            let rules =
                rule_refs(&e.rule).ok_or_else(|| (path.field("rule"), unknown_rule(&e.rule)))?;
            if let Some(r) = rules.iter().find(|r| !can_be_ignored(r)) {
                return Err((
                    path.field("rule"),
                    format!(
                        "rule {:?} ({}) is an error the API server raises; it cannot be ignored",
                        e.rule, r.code
                    ),
                ));
            }
            if e.reason.trim().is_empty() {
                return Err((path.field("reason"), "an ignore needs a reason".into()));
            }
            ignores.push(Ignore {
                rules,
                files: e.files.clone(),
                job: e.job.clone(),
                reason: e.reason.trim().to_string(),
            });
        }
        if let Some(v) = &p.kubernetes_version {
            crate::version::KubeVersion::resolve(Some(v)).map_err(|m| {
                (
                    root.field("kubernetesVersion"),
                    format!("{m} (write it as a string, e.g. \"1.34\")"),
                )
            })?;
        }
        Ok(Resolved {
            profile: p.profile,
            levels,
            conventions,
            require_resources: c.require_resources,
            replaces_labels: c.required_labels.is_some(),
            replaces_name: c.name_pattern.is_some(),
            ignores,
            allow_inline_ignores: p.allow_inline_ignores.unwrap_or(true),
            strict: p.strict.unwrap_or(false),
            kubernetes_version: p.kubernetes_version.clone(),
            enable_rules,
        })
    }

    /// The severity of `rule`'s findings before strict mode; `None`: off.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        if let Some((_, level)) = self.levels.iter().rev().find(|(r, _)| r.code == rule.code) {
            return match level {
                Level::Error => Some(Severity::Error),
                Level::Warning => Some(Severity::Warning),
                Level::Off => None,
            };
        }
        let off = match rule.code {
            "KJP203" => self.replaces_labels || self.profile == Profile::Kubernetes,
            "KJP207" => self.replaces_name || self.profile == Profile::Kubernetes,
            "KJP204" => matches!(
                self.require_resources,
                Some(RequireResources::Limits | RequireResources::None)
            ),
            "KJP205" => matches!(
                self.require_resources,
                Some(RequireResources::Requests | RequireResources::None)
            ),
            code => self.profile == Profile::Kubernetes && SEED_ONLY.contains(&code),
        };
        (!off).then_some(rule.severity)
    }

    /// The reason of the first `ignore:` entry that covers this finding.
    pub fn ignored_by_policy(&self, rule: &Rule, file: &str, job: &str) -> Option<&str> {
        if !can_be_ignored(rule) {
            return None;
        }
        self.ignores
            .iter()
            .find(|i| {
                i.rules.iter().any(|r| r.code == rule.code)
                    && i.files.as_deref().is_none_or(|g| file_matches(g, file))
                    && i.job
                        .as_deref()
                        .is_none_or(|g| glob(g.as_bytes(), job.as_bytes()))
            })
            .map(|i| i.reason.as_str())
    }
}

/// The policy as a file with every key commented: what `init` writes and
/// `--print-config` prints. `source` names the file it came from. Values are
/// JSON (valid YAML) so that they read back exactly.
pub fn commented_yaml(p: &Policy, source: Option<&str>) -> String {
    fn json<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_default()
    }
    let mut o = String::new();
    let mut put = |s: &str| {
        o.push_str(s);
        o.push('\n');
    };
    put("# k8s-job-plan policy: every key is optional; docs/policy.md explains each.");
    put(&match source {
        Some(s) => format!("# The policy in force, from {s}."),
        None => "# The built-in defaults (no policy file).".to_string(),
    });
    put("");
    put("# seed: the seed pipeline's conventions (labels app, session_id, worker_id,");
    put("#   component; the arb-tuning-{session_short}-{worker_id}-{index} name; args and");
    put("#   env on every container). kubernetes: only what the API server decides,");
    put("#   plus missing resources (KJP204, KJP205) and missing namespace (KJP201).");
    put(&format!("profile: {}", json(&p.profile).trim_matches('"')));
    put("");
    put("# Rule code or name -> error | warning | off. An opt-in rule (KJP5xx) set to");
    put("# error or warning runs. Errors the API server raises cannot be lowered.");
    put("# e.g. {\"missing-env\": \"off\", \"missing-ttl-seconds-after-finished\": \"warning\"}");
    put(&format!("rules: {}", json(&p.rules)));
    put("");
    put("conventions:");
    let c = &p.conventions;
    let opt = |key: &str, v: Option<String>, example: &str| match v {
        Some(v) => format!("  {key}: {v}"),
        None => format!("  # {key}: {example}"),
    };
    put("  # Labels every Job must have (KJP601): a list of keys, or key -> a regular");
    put("  # expression the value must match. Replaces the seed profile's labels (KJP203).");
    put(&opt(
        "requiredLabels",
        c.required_labels.as_ref().map(json),
        "{\"team\": \"^[a-z-]+$\"}",
    ));
    put("  # Annotations every Job must have (KJP602), as requiredLabels.");
    put(&opt(
        "requiredAnnotations",
        c.required_annotations.as_ref().map(json),
        "[\"owner\"]",
    ));
    put("  # A regular expression every metadata.name must match (KJP603). Replaces the");
    put("  # seed profile's arb-tuning-{session_short}-{worker_id}-{index} (KJP207).");
    put(&opt(
        "namePattern",
        c.name_pattern.as_ref().map(json),
        "\"^[a-z][a-z0-9-]*$\"",
    ));
    put("  # The namespaces Jobs may be in (KJP604); an absent namespace is \"default\".");
    put(&opt(
        "allowedNamespaces",
        c.allowed_namespaces.as_ref().map(json),
        "[\"batch\"]",
    ));
    put("  # Image prefixes containers may use (KJP605), e.g. \"registry.example.com/\".");
    put(&opt(
        "allowedRegistries",
        c.allowed_registries.as_ref().map(json),
        "[\"registry.example.com/\"]",
    ));
    put("  # requests | limits | both | none: what every container must set (KJP204, KJP205).");
    put(&opt(
        "requireResources",
        c.require_resources
            .as_ref()
            .map(|r| json(r).trim_matches('"').to_string()),
        "both",
    ));
    put("  # The largest spec.parallelism allowed (KJP606).");
    put(&opt(
        "maxParallelism",
        c.max_parallelism.map(|n| n.to_string()),
        "10",
    ));
    put("");
    put("# Findings to suppress: a rule, optionally a file glob (files) and a Job name");
    put("# or glob (job), and the reason. They are listed as suppressed, not dropped.");
    put("# e.g. - {\"rule\": \"missing-env\", \"files\": \"legacy/**\", \"reason\": \"reads a config file\"}");
    if p.ignore.is_empty() {
        put("ignore: []");
    } else {
        put("ignore:");
        for e in &p.ignore {
            put(&format!("  - {}", json(e)));
        }
    }
    put("");
    put("# The Kubernetes version whose rules apply (newest when absent);");
    put("# --kubernetes-version overrides it.");
    put(&match &p.kubernetes_version {
        Some(v) => format!("kubernetesVersion: {}", json(v)),
        None => format!(
            "# kubernetesVersion: \"{}\"",
            crate::version::KubeVersion::NEWEST
        ),
    });
    put("# Treat warnings as errors; --strict turns it on too.");
    put(&format!("strict: {}", p.strict.unwrap_or(false)));
    put("# false: k8s-job-plan.io/ignore annotations count for nothing (the lock;");
    put("# --no-inline-ignores does the same).");
    put(&format!(
        "allowInlineIgnores: {}",
        p.allow_inline_ignores.unwrap_or(true)
    ));
    o
}

/// A file glob matches the path as the plan names it, or any part of it
/// that starts after a `/` (so `legacy/*.yaml` matches `repo/legacy/a.yaml`).
pub fn file_matches(pattern: &str, file: &str) -> bool {
    let file = file.strip_prefix("./").unwrap_or(file);
    let pattern = pattern.strip_prefix("./").unwrap_or(pattern);
    if glob(pattern.as_bytes(), file.as_bytes()) {
        return true;
    }
    !pattern.starts_with('/')
        && file
            .match_indices('/')
            .any(|(i, _)| glob(pattern.as_bytes(), &file.as_bytes()[i + 1..]))
}

/// `*` and `?` stop at `/`; `**` crosses it, and `**/` also matches no
/// directory. Memoized over (pattern, text) positions: never exponential.
fn glob(p: &[u8], t: &[u8]) -> bool {
    fn go(p: &[u8], t: &[u8], i: usize, j: usize, memo: &mut [Option<bool>]) -> bool {
        let key = i * (t.len() + 1) + j;
        if let Some(v) = memo[key] {
            return v;
        }
        let v = if i == p.len() {
            j == t.len()
        } else if p[i..].starts_with(b"**") {
            (p[i + 2..].starts_with(b"/") && go(p, t, i + 3, j, memo))
                || go(p, t, i + 2, j, memo)
                || (j < t.len() && go(p, t, i, j + 1, memo))
        } else if p[i] == b'*' {
            go(p, t, i + 1, j, memo) || (j < t.len() && t[j] != b'/' && go(p, t, i, j + 1, memo))
        } else if p[i] == b'?' {
            j < t.len() && t[j] != b'/' && go(p, t, i + 1, j + 1, memo)
        } else {
            j < t.len() && p[i] == t[j] && go(p, t, i + 1, j + 1, memo)
        };
        memo[key] = Some(v);
        v
    }
    let mut memo = vec![None; (p.len() + 1) * (t.len() + 1)];
    go(p, t, 0, 0, &mut memo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        for (p, t, want) in [
            ("*.yaml", "a.yaml", true),
            ("*.yaml", "d/a.yaml", false),
            ("**/*.yaml", "d/e/a.yaml", true),
            ("**/*.yaml", "a.yaml", true),
            ("legacy/**", "legacy/x/y.yaml", true),
            ("a?c", "abc", true),
            ("a?c", "a/c", false),
            ("job-*", "job-1", true),
        ] {
            assert_eq!(glob(p.as_bytes(), t.as_bytes()), want, "{p} {t}");
        }
        assert!(file_matches("legacy/*.yaml", "repo/legacy/a.yaml"));
        assert!(!file_matches("legacy/*.yaml", "repo/legacyx/a.yaml"));
    }

    #[test]
    fn typo_gets_did_you_mean() {
        let e = parse("profile: seed\nconventions:\n  requiredLabel: [team]\n").unwrap_err();
        assert!(e.message.contains("did you mean `requiredLabels`"), "{e:?}");
        assert_eq!((e.line, e.column), (3, 3), "{e:?}");
        let e = parse("profile: kubernets\n").unwrap_err();
        assert!(e.message.contains("did you mean `kubernetes`"), "{e:?}");
        let e = parse("rules:\n  missing-env: warnin\n").unwrap_err();
        assert!(e.message.contains("did you mean `warning`"), "{e:?}");
        let e = parse("rules:\n  misssing-env: off\n").unwrap_err();
        assert!(e.message.contains("did you mean \"missing-env\""), "{e:?}");
        assert_eq!(e.line, 2, "{e:?}");
    }

    #[test]
    fn api_errors_cannot_be_lowered_or_ignored() {
        let e = parse("rules:\n  KJP105: off\n").unwrap_err();
        assert!(e.message.contains("cannot be set to off"), "{e:?}");
        let e = parse("ignore:\n- rule: KJP401\n  reason: x\n").unwrap_err();
        assert!(e.message.contains("cannot be ignored"), "{e:?}");
        assert_eq!(e.line, 2, "{e:?}");
    }

    #[test]
    fn commented_yaml_reads_back() {
        let text = "profile: kubernetes\nrules: {missing-env: off}\nconventions:\n  requiredLabels: {team: '^[a-z]+$'}\n  namePattern: '^b-.*'\n  requireResources: limits\n  maxParallelism: 4\nignore:\n- {rule: KJP206, files: 'a/**', reason: why}\nkubernetesVersion: 1.34\nstrict: true\nallowInlineIgnores: false\n";
        let p = parse(text).unwrap();
        assert_eq!(parse(&commented_yaml(&p, Some("x"))).unwrap(), p);
        let d = Policy::default();
        let back = parse(&commented_yaml(&d, None)).unwrap();
        assert_eq!(back.profile, d.profile);
        assert_eq!(back.conventions, d.conventions);
    }

    #[test]
    fn empty_is_default() {
        assert_eq!(parse("").unwrap(), Policy::default());
        assert_eq!(parse("# nothing\n").unwrap(), Policy::default());
    }
}
