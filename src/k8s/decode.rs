//! Strict field decoding against the Kubernetes schema (codes KJP3xx).
//!
//! `kubectl apply` sends the Job as JSON and the API server decodes it into
//! the Go types of batch/v1 with strict field validation: an unknown field, a
//! value of the wrong JSON type, an integer that overflows its Go type or a
//! quantity that does not parse makes the whole request fail before any
//! validation runs. This module walks the parsed document against the field
//! tables generated from each release's OpenAPI schema
//! (`schema_tables.rs`, written by `scripts/gen-schema-tables.py`, of the
//! types in `schema.rs`) and reports
//! each such problem at its own path.
//!
//! The walk does no allocation per field on the happy path: fields are found
//! by binary search in static tables and paths are kept as borrowed steps,
//! turned into a `FieldPath` only when something is reported.

use super::quantity::Quantity;
pub use super::schema::{Field, Kind, Shape, TypeDef};
use super::schema_tables::{CRON_JOB, JOB, OLDEST_MINOR, TYPES};
pub use super::suggest::suggest;
use crate::diagnostic::{scalar_text, RawFinding};
use crate::path::FieldPath;
use crate::version::KubeVersion;
use serde_yaml::Value;

crate::rules! {
    UNKNOWN_FIELD = {
        code: "KJP301", name: "unknown-field", severity: Error,
        summary: "A field that the Kubernetes schema does not declare at this place (often a typo).",
        why: "kubectl apply validates fields strictly: the API server refuses the whole Job with `strict decoding error: unknown field \"...\"`. With validation turned off the field is dropped silently, which is worse: the Job runs with the default pull policy instead of `imagePullpolicy: Always`.",
        example: "containers:\n- name: main\n  image: app:1\n  imagePullpolicy: Always",
        fix: "containers:\n- name: main\n  image: app:1\n  imagePullPolicy: Always",
        reference: "Server-side strict field validation (kubectl's default --validate=strict; GA in Kubernetes 1.27) with sigs.k8s.io/json strict decoding; field sets from each release's OpenAPI schema.",
    },
    FIELD_NOT_IN_VERSION = {
        code: "KJP302", name: "field-not-in-version", severity: Error,
        summary: "A field that exists in other Kubernetes versions but not in the selected one.",
        why: "The API server of the selected version does not know the field yet (or any more) and refuses the Job as an unknown field, although the same manifest is accepted by another release.",
        example: "# checked with --kubernetes-version 1.33\nspec:\n  template:\n    spec:\n      hostnameOverride: worker-0   # added in 1.34",
        fix: "# checked with --kubernetes-version 1.34, the version the cluster runs\nspec:\n  template:\n    spec:\n      hostnameOverride: worker-0",
        reference: "The OpenAPI schema of each release (PyPI kubernetes-validate); strict decoding as for unknown-field.",
    },
    WRONG_TYPE = {
        code: "KJP303", name: "wrong-field-type", severity: Error,
        summary: "A value of the wrong type: a quoted number, a list where an object belongs, a number where text belongs.",
        why: "The API server cannot decode the Job (`json: cannot unmarshal string into Go struct field JobSpec.spec.backoffLimit of type int32`) and refuses it; YAML quoting decides the type, so `\"3\"` is text and `3` is a number.",
        example: "spec:\n  backoffLimit: \"3\"",
        fix: "spec:\n  backoffLimit: 3",
        reference: "encoding/json type errors in the API server's decoder; message in the shape of k8s.io/kube-openapi validation: `in body must be of type integer`.",
    },
    INTEGER_RANGE = {
        code: "KJP304", name: "integer-out-of-range", severity: Error,
        summary: "An integer that does not fit its field's type (int32 or int64).",
        why: "The API server cannot decode a number larger than the Go field's type and refuses the Job; there is no silent clamping.",
        example: "spec:\n  activeDeadlineSeconds: 9223372036854775808\n  backoffLimit: 3000000000",
        fix: "spec:\n  activeDeadlineSeconds: 86400\n  backoffLimit: 6",
        reference: "encoding/json: `cannot unmarshal number 3000000000 into Go struct field ... of type int32`; formats int32/int64 of the OpenAPI schema.",
    },
    INVALID_QUANTITY = {
        code: "KJP305", name: "invalid-quantity", severity: Error,
        summary: "A resource quantity (requests, limits, sizeLimit, ...) that does not parse.",
        why: "Quantities are decoded with the Job: `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'` refuses the whole request.",
        example: "resources:\n  limits:\n    memory: 1 GB",
        fix: "resources:\n  limits:\n    memory: 1G",
        reference: "k8s.io/apimachinery/pkg/api/resource Quantity.UnmarshalJSON and ParseQuantity.",
    },
    NON_STRING_MAP_VALUE = {
        code: "KJP306", name: "non-string-map-value", severity: Error,
        summary: "A label, annotation, nodeSelector or other string map holds a number, boolean, list or object.",
        why: "These maps are map[string]string: `version: 1.10` is the number 1.1 in YAML, and the API server refuses the Job with `json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string`.",
        example: "metadata:\n  labels:\n    version: 1.10\n    canary: true",
        fix: "metadata:\n  labels:\n    version: \"1.10\"\n    canary: \"true\"",
        reference: "encoding/json decoding of map[string]string fields (ObjectMeta.labels, annotations, PodSpec.nodeSelector).",
    },
}

/// The version bit of `version` in `Field::versions` (0 for unsupported versions).
pub fn version_bit(version: KubeVersion) -> u8 {
    version
        .minor
        .checked_sub(OLDEST_MINOR)
        .filter(|b| *b < 8)
        .map_or(0, |b| 1u8 << b)
}

/// Checks `doc` (a Job or CronJob document) against the schema of `version`.
pub fn check(doc: &Value, version: KubeVersion, root: &FieldPath, out: &mut Vec<RawFinding>) {
    // Another kind has another schema; the seed's invalid-kind says enough.
    let ty = match doc.get("kind") {
        Some(Value::String(kind)) if kind == "CronJob" => CRON_JOB,
        Some(Value::String(kind)) if kind != "Job" => return,
        _ => JOB,
    };
    let mut walker = Walker {
        bit: version_bit(version),
        version,
        root,
        steps: Vec::with_capacity(16),
        objects: Vec::with_capacity(16),
        out,
    };
    walker.object(doc, ty);
}

/// One step of the path from the root to the current value.
#[derive(Clone, Copy)]
enum Step<'a> {
    Field(&'a Value),
    Key(&'a Value),
    Index(usize),
}

struct Walker<'a, 'o> {
    bit: u8,
    version: KubeVersion,
    root: &'o FieldPath,
    steps: Vec<Step<'a>>,
    /// The objects being walked, outermost first: type and depth in `steps`.
    objects: Vec<(u16, usize)>,
    out: &'o mut Vec<RawFinding>,
}

/// Text of a mapping key, as the JSON conversion of kubectl would make it.
fn key_text(key: &Value) -> std::borrow::Cow<'_, str> {
    match key {
        Value::String(s) => std::borrow::Cow::Borrowed(s.as_str()),
        other => std::borrow::Cow::Owned(scalar_text(other)),
    }
}

/// The JSON type name of a value, as kube-openapi names it in type errors.
fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Sequence(_) => "array",
        Value::Mapping(_) => "object",
        Value::Tagged(t) => json_type(&t.value),
    }
}

fn untag(v: &Value) -> &Value {
    match v {
        Value::Tagged(t) => untag(&t.value),
        other => other,
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn a_or_an(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Smallest and largest value of an integer format, and its OpenAPI name.
type IntRange = (i64, i64, &'static str);
const INT32: IntRange = (i32::MIN as i64, i32::MAX as i64, "int32");
const INT64: IntRange = (i64::MIN, i64::MAX, "int64");

/// The plain scalars that YAML 1.1 (kubectl's sigs.k8s.io/yaml) reads as
/// booleans but YAML 1.2 (serde_yaml) reads as text.
fn is_yaml11_bool(s: &str) -> bool {
    matches!(
        s,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "on"
            | "On"
            | "ON"
            | "off"
            | "Off"
            | "OFF"
    )
}

/// What a number means for an integer field.
enum IntCheck {
    Ok,
    /// Not an integer at all (a fraction).
    NotInteger,
    OutOfRange,
}

fn check_int(n: &serde_yaml::Number, min: i64, max: i64) -> IntCheck {
    if let Some(i) = n.as_i64() {
        return if (min..=max).contains(&i) {
            IntCheck::Ok
        } else {
            IntCheck::OutOfRange
        };
    }
    if n.as_u64().is_some() {
        return IntCheck::OutOfRange;
    }
    match n.as_f64() {
        // kubectl's YAML-to-JSON conversion writes 3.0 as 3, so an integral
        // float decodes as an integer.
        Some(f) if f.is_finite() && f.fract() == 0.0 => {
            // Exact for every int32; for int64 the float's own precision is the limit.
            if f >= min as f64 && f <= max as f64 {
                IntCheck::Ok
            } else {
                IntCheck::OutOfRange
            }
        }
        Some(f) if f.is_finite() => IntCheck::NotInteger,
        _ => IntCheck::OutOfRange,
    }
}

impl<'a> Walker<'a, '_> {
    fn path(&self) -> FieldPath {
        self.path_to(self.steps.len())
    }

    /// The path of the first `depth` steps.
    fn path_to(&self, depth: usize) -> FieldPath {
        let mut p = self.root.clone();
        for step in &self.steps[..depth.min(self.steps.len())] {
            p = match *step {
                Step::Field(k) => p.field(&key_text(k)),
                Step::Key(k) => p.key(&key_text(k)),
                Step::Index(i) => p.index(i),
            };
        }
        p
    }

    fn push(
        &mut self,
        rule: &'static crate::rules::Rule,
        path: FieldPath,
        message: String,
        help: &str,
    ) {
        self.out.push(RawFinding::new(rule, path, message, help));
    }

    fn object(&mut self, v: &'a Value, ty: u16) {
        let Value::Mapping(map) = v else { return };
        let Some(def) = TYPES.get(usize::from(ty)) else {
            return;
        };
        let at_root = self.steps.is_empty();
        self.objects.push((ty, self.steps.len()));
        for (key, value) in map {
            let Value::String(name) = key else {
                self.steps.push(Step::Field(key));
                self.unknown(&key_text(key), def);
                self.steps.pop();
                continue;
            };
            // The seed rules own apiVersion and kind (invalid-api-version, invalid-kind).
            if at_root && (name == "apiVersion" || name == "kind") {
                continue;
            }
            self.steps.push(Step::Field(key));
            match def.field(name, self.bit) {
                Some(field) => self.field(value, field, def),
                None => self.unknown(name, def),
            }
            self.steps.pop();
        }
        self.objects.pop();
    }

    /// The nearest enclosing object (not the current one) that declares
    /// `name`: the field was indented one level too deep.
    fn enclosing_home(&self, name: &str) -> Option<FieldPath> {
        let (_, current) = self.objects.split_last()?;
        current.iter().rev().find_map(|&(ty, depth)| {
            let def = TYPES.get(usize::from(ty))?;
            def.field(name, self.bit).map(|_| self.path_to(depth))
        })
    }

    fn field(&mut self, v: &'a Value, field: &Field, parent: &TypeDef) {
        let v = untag(v);
        match (field.shape, v) {
            (_, Value::Null) => {}
            (Shape::One, _) => self.value(v, field.kind, field.name),
            (Shape::List, Value::Sequence(items)) => {
                for (i, item) in items.iter().enumerate() {
                    self.steps.push(Step::Index(i));
                    self.value(untag(item), field.kind, field.name);
                    self.steps.pop();
                }
            }
            (Shape::Map, Value::Mapping(entries)) => {
                for (k, item) in entries {
                    self.steps.push(Step::Key(k));
                    let item = untag(item);
                    if field.kind == Kind::String && !matches!(item, Value::String(_) | Value::Null)
                    {
                        self.non_string_map_value(item, k, parent);
                    } else {
                        self.value(item, field.kind, field.name);
                    }
                    self.steps.pop();
                }
            }
            // The seed's no-containers already says "must be a list of containers".
            (Shape::List, _) if parent.name == "PodSpec" && field.name == "containers" => {}
            (Shape::List, _) => self.wrong_type(v, "array", field.name),
            (Shape::Map, _) => self.wrong_type(v, "object", field.name),
        }
    }

    fn value(&mut self, v: &'a Value, kind: Kind, name: &str) {
        match (kind, v) {
            (_, Value::Null) | (Kind::FreeForm, _) => {}
            (Kind::String | Kind::Enum(_), Value::String(_)) => {}
            (Kind::Bool, Value::Bool(_)) => {}
            // kubectl reads YAML 1.1, where a plain yes/no/on/off is a boolean;
            // serde_yaml reads YAML 1.2, where it is text. The quoting is gone
            // by now, so give the manifest the benefit of the doubt.
            (Kind::Bool, Value::String(s)) if is_yaml11_bool(s) => {}
            (Kind::Number, Value::Number(_)) => {}
            (Kind::Int32, Value::Number(n)) => self.int(v, n, INT32, "integer", name),
            (Kind::Int64, Value::Number(n)) => self.int(v, n, INT64, "integer", name),
            (Kind::IntOrString, Value::String(_)) => {}
            (Kind::IntOrString, Value::Number(n)) => {
                self.int(v, n, INT32, "integer or string", name)
            }
            (Kind::Quantity, Value::String(s)) => self.quantity(v, s),
            (Kind::Quantity, Value::Number(n)) => self.quantity(v, &n.to_string()),
            (Kind::Quantity, _) => self.not_a_quantity(v),
            (Kind::Object(t), Value::Mapping(_)) => self.object(v, t),
            (Kind::Object(_), _) => self.wrong_type(v, "object", name),
            (Kind::String | Kind::Enum(_), _) => self.wrong_type(v, "string", name),
            (Kind::Bool, _) => self.wrong_type(v, "boolean", name),
            (Kind::Number, _) => self.wrong_type(v, "number", name),
            (Kind::Int32 | Kind::Int64, _) => self.wrong_type(v, "integer", name),
            (Kind::IntOrString, _) => self.wrong_type(v, "integer or string", name),
        }
    }

    fn int(
        &mut self,
        v: &Value,
        n: &serde_yaml::Number,
        range: IntRange,
        expected: &str,
        name: &str,
    ) {
        let (min, max, format) = range;
        match check_int(n, min, max) {
            IntCheck::Ok => {}
            IntCheck::NotInteger => self.wrong_type(v, expected, name),
            IntCheck::OutOfRange => {
                let path = self.path();
                self.push(
                    INTEGER_RANGE,
                    path.clone(),
                    format!("{path}: Invalid value: {n}: {path} in body must be of type {format}: \"{n}\""),
                    &format!("Use a whole number from {min} to {max}."),
                );
            }
        }
    }

    /// How the help writes the value in place: `name: value`, or `- value`
    /// for a list item.
    fn written(&self, name: &str, value: &str) -> String {
        match self.steps.last() {
            Some(Step::Index(_)) => format!("- {value}"),
            Some(Step::Key(k)) => format!("{}: {value}", key_text(k)),
            _ => format!("{name}: {value}"),
        }
    }

    fn wrong_type(&mut self, v: &Value, expected: &str, name: &str) {
        let path = self.path();
        let actual = json_type(v);
        let help = match (expected, v) {
            ("integer" | "number" | "integer or string", Value::String(s))
                if s.trim().parse::<f64>().is_ok() =>
            {
                format!(
                    "Remove the quotes so YAML reads a number: {}.",
                    self.written(name, s.trim())
                )
            }
            ("string", Value::Number(_) | Value::Bool(_)) => {
                format!(
                    "Quote the value so YAML reads it as text: {}.",
                    self.written(name, &quote(&scalar_text(v)))
                )
            }
            ("object", Value::Sequence(_)) => {
                format!("Write {name} as an object of fields, not as a list ('- ' items).")
            }
            ("array", Value::Mapping(_) | Value::String(_)) => {
                format!("Write {name} as a YAML list: each item starts with '- '.")
            }
            _ => format!("Write {name} as {} {expected}.", a_or_an(expected)),
        };
        self.push(
            WRONG_TYPE,
            path.clone(),
            format!("{path}: Invalid value: \"{actual}\": {path} in body must be of type {expected}: \"{actual}\""),
            &help,
        );
    }

    /// Mirrors what kubectl and the API server print for these maps: the Go
    /// decoder's error, whose field path has no list indexes or map keys.
    fn non_string_map_value(&mut self, v: &Value, key: &Value, parent: &TypeDef) {
        let path = self.path();
        let (go_value, shown) = match v {
            Value::Number(n) => ("number", n.to_string()),
            Value::Bool(b) => ("bool", b.to_string()),
            Value::Sequence(_) => ("array", "\"array\"".to_string()),
            _ => ("object", "\"object\"".to_string()),
        };
        let mut go_path = String::new();
        for step in &self.steps {
            if let Step::Field(k) = step {
                if !go_path.is_empty() {
                    go_path.push('.');
                }
                go_path.push_str(&key_text(k));
            }
        }
        let help = match v {
            Value::Number(_) | Value::Bool(_) => format!(
                "Quote the value so YAML keeps it as text: {}: {}.",
                key_text(key),
                quote(&scalar_text(v))
            ),
            _ => "Write the value as a single string; these maps hold text only.".to_string(),
        };
        self.push(
            NON_STRING_MAP_VALUE,
            path.clone(),
            format!(
                "{path}: Invalid value: {shown}: json: cannot unmarshal {go_value} into Go struct field {}.{go_path} of type string",
                parent.name
            ),
            &help,
        );
    }

    fn quantity(&mut self, v: &Value, text: &str) {
        if let Err(reason) = Quantity::parse(text) {
            let path = self.path();
            let shown = match v {
                Value::String(s) => quote(s),
                _ => text.to_string(),
            };
            self.push(
                INVALID_QUANTITY,
                path.clone(),
                format!("{path}: Invalid value: {shown}: {reason}"),
                QUANTITY_HELP,
            );
        }
    }

    /// A boolean, list or object where a quantity belongs. The API server
    /// parses the raw JSON text as a quantity, which always fails this way.
    fn not_a_quantity(&mut self, v: &Value) {
        let path = self.path();
        let shown = match v {
            Value::Bool(b) => b.to_string(),
            other => format!("\"{}\"", json_type(other)),
        };
        self.push(
            INVALID_QUANTITY,
            path.clone(),
            format!("{path}: Invalid value: {shown}: quantities must match the regular expression '{QUANTITY_PATTERN}'"),
            QUANTITY_HELP,
        );
    }

    fn unknown(&mut self, name: &str, def: &TypeDef) {
        let path = self.path();
        let other_versions: u8 = def.entries(name).iter().fold(0, |m, f| m | f.versions);
        if other_versions != 0 {
            let when = availability(other_versions, self.version);
            let help = match lowest_minor_at_or_after(other_versions, self.version) {
                Some(minor) => format!(
                    "Select Kubernetes version 1.{minor} or newer (--kubernetes-version 1.{minor}) if the cluster runs it, or remove the field."
                ),
                None => format!("Remove the field: Kubernetes {} no longer declares it.", self.version),
            };
            self.push(
                FIELD_NOT_IN_VERSION,
                path.clone(),
                format!(
                    "{path}: unknown field \"{path}\": field {} is not available in Kubernetes {} ({when})",
                    quote(name),
                    self.version
                ),
                &help,
            );
            return;
        }
        let bit = self.bit;
        // An exact name one level off is a stronger hint than a near name here.
        let here = self.path_to(self.steps.len().saturating_sub(1));
        let help = if let Some(home) = self.enclosing_home(name) {
            let home = if home.is_root() {
                "the Job's top level".to_string()
            } else {
                home.to_string()
            };
            format!(
                "{} is a field of {home}, not of {here}; check the indentation.",
                quote(name)
            )
        } else if let Some(s) = suggest(
            name,
            def.fields
                .iter()
                .filter(|f| f.versions & bit != 0)
                .map(|f| f.name),
        ) {
            self.push(
                UNKNOWN_FIELD,
                path.clone(),
                format!(
                    "{path}: unknown field \"{path}\": did you mean {}?",
                    quote(s)
                ),
                &format!("Did you mean {}?", quote(s)),
            );
            return;
        } else if let Some(suffix) = descendant_home(def, name, bit) {
            let home = if here.is_root() {
                suffix
            } else {
                format!("{here}.{suffix}")
            };
            format!("{} is a field of {home}; move it there.", quote(name))
        } else if let Some((a, b)) = map_pair(def, bit) {
            // `cpu: 1` under resources, `app: x` under metadata: an entry
            // written without its map.
            format!(
                "{} is not a field of {}; as an entry it belongs under {a} or {b}.",
                quote(name),
                def.name
            )
        } else {
            format!(
                "Remove the field: {} in Kubernetes {} has no field {}.",
                def.name,
                self.version,
                quote(name)
            )
        };
        self.push(
            UNKNOWN_FIELD,
            path.clone(),
            format!("{path}: unknown field \"{path}\""),
            &help,
        );
    }
}

const QUANTITY_PATTERN: &str = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
const QUANTITY_HELP: &str = "Write a quantity such as 500m, 2, 1.5Gi or 512Mi (no spaces, binary suffixes Ki/Mi/Gi, decimal k/M/G).";

/// "added in 1.34", "removed in 1.35" or "available in 1.33, 1.34".
fn availability(mask: u8, version: KubeVersion) -> String {
    let minors: Vec<u32> = (0..8)
        .filter(|b| mask & (1 << b) != 0)
        .map(|b| OLDEST_MINOR + b)
        .collect();
    let (Some(&first), Some(&last)) = (minors.first(), minors.last()) else {
        return String::new();
    };
    let contiguous = minors.len() as u32 == last - first + 1;
    let newest = KubeVersion::all().last().map_or(version.minor, |v| v.minor);
    if contiguous && first > version.minor && last == newest {
        format!("added in 1.{first}")
    } else if contiguous && last < version.minor && first == OLDEST_MINOR {
        format!("removed in 1.{}", last + 1)
    } else {
        let list: Vec<String> = minors.iter().map(|m| format!("1.{m}")).collect();
        format!("available in {}", list.join(", "))
    }
}

fn lowest_minor_at_or_after(mask: u8, version: KubeVersion) -> Option<u32> {
    (0..8)
        .filter(|b| mask & (1 << b) != 0)
        .map(|b| OLDEST_MINOR + b)
        .find(|m| *m > version.minor)
}

/// The two maps of a type whose entries look alike (labels and annotations,
/// limits and requests), when it has exactly such a pair.
fn map_pair(def: &TypeDef, bit: u8) -> Option<(&'static str, &'static str)> {
    let mut maps = def
        .fields
        .iter()
        .filter(|f| f.versions & bit != 0 && f.shape == Shape::Map);
    match (maps.next(), maps.next(), maps.next()) {
        (Some(a), Some(b), None) if a.kind == b.kind => Some((a.name, b.name)),
        _ => None,
    }
}

/// Where below `def` the field `name` lives, as a path suffix such as
/// `template.spec` or `containers[*]`, when the key was written one to three
/// levels too high (`restartPolicy` under `spec`). Breadth first, so the
/// nearest place wins; status and managed fields are never where a person
/// meant to write.
fn descendant_home(def: &TypeDef, name: &str, bit: u8) -> Option<String> {
    let mut frontier: Vec<(&TypeDef, String)> = vec![(def, String::new())];
    for _ in 0..3 {
        let mut next = Vec::new();
        for (parent, prefix) in &frontier {
            for f in parent.fields.iter().filter(|f| f.versions & bit != 0) {
                let Kind::Object(i) = f.kind else { continue };
                if matches!(f.name, "status" | "managedFields") {
                    continue;
                }
                let Some(child) = TYPES.get(usize::from(i)) else {
                    continue;
                };
                let seg = match f.shape {
                    Shape::One => f.name.to_string(),
                    Shape::List | Shape::Map => format!("{}[*]", f.name),
                };
                let suffix = if prefix.is_empty() {
                    seg
                } else {
                    format!("{prefix}.{seg}")
                };
                if child.field(name, bit).is_some() {
                    return Some(suffix);
                }
                next.push((child, suffix));
            }
        }
        frontier = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::schema_tables;

    fn run(yaml: &str, minor: u32) -> Vec<RawFinding> {
        let doc: Value = serde_yaml::from_str(yaml).expect("test YAML parses");
        let mut out = Vec::new();
        check(&doc, KubeVersion { minor }, &FieldPath::root(), &mut out);
        out
    }

    fn job(pod_spec_extra: &str) -> String {
        format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata: {{name: pi}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n{pod_spec_extra}"
        )
    }

    #[test]
    fn tables_are_sorted_and_masks_disjoint() {
        for t in TYPES {
            for w in t.fields.windows(2) {
                assert!(
                    w[0].name <= w[1].name,
                    "{}: {} > {}",
                    t.name,
                    w[0].name,
                    w[1].name
                );
                if w[0].name == w[1].name {
                    assert_eq!(w[0].versions & w[1].versions, 0, "{}.{}", t.name, w[0].name);
                }
            }
            for f in t.fields {
                match f.kind {
                    Kind::Object(i) => assert!(usize::from(i) < TYPES.len()),
                    Kind::Enum(i) => assert!(usize::from(i) < schema_tables::ENUMS.len()),
                    _ => {}
                }
            }
        }
        assert_eq!(TYPES[usize::from(JOB)].name, "Job");
        assert_eq!(OLDEST_MINOR, crate::version::OLDEST_MINOR);
        for v in KubeVersion::all() {
            assert_ne!(version_bit(v), 0, "{v}");
        }
    }

    #[test]
    fn valid_job_has_no_findings() {
        let out = run(
            &job("        resources: {limits: {cpu: 1, memory: 1Gi}}\n"),
            37,
        );
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn other_kinds_are_not_decoded_as_jobs() {
        let out = run(
            "apiVersion: apps/v1\nkind: Deployment\nspec: {replicas: 1, selector: {}}",
            37,
        );
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn cron_jobs_are_decoded_against_their_own_schema() {
        let out = run(
            "apiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: '* * * * *'\n  startingDeadlineSeconds: '10'\n  jobTemplate:\n    spec:\n      backofLimit: 2\n      template:\n        spec:\n          containers: [{name: a, image: b, imagePullpolicy: Always}]\n",
            37,
        );
        let paths: Vec<String> = out.iter().map(|f| f.path.to_string()).collect();
        assert_eq!(
            paths,
            [
                "spec.startingDeadlineSeconds",
                "spec.jobTemplate.spec.backofLimit",
                "spec.jobTemplate.spec.template.spec.containers[0].imagePullpolicy"
            ],
            "{out:?}"
        );
    }

    #[test]
    fn suggestion_table() {
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            (
                "imagePullpolicy",
                &["image", "imagePullPolicy"],
                Some("imagePullPolicy"),
            ),
            (
                "image_pull_policy",
                &["image", "imagePullPolicy"],
                Some("imagePullPolicy"),
            ),
            (
                "resource",
                &["resources", "restartPolicy"],
                Some("resources"),
            ),
            (
                "contianers",
                &["containers", "initContainers"],
                Some("containers"),
            ),
            ("restartpolicy", &["restartPolicy"], Some("restartPolicy")),
            ("foo", &["tty", "env"], None),
            ("", &["a"], None),
            ("x", &["y"], None),
            ("TTY", &["tty"], Some("tty")),
        ];
        for (name, allowed, want) in cases {
            assert_eq!(suggest(name, allowed.iter().copied()), *want, "{name}");
        }
    }

    #[test]
    fn availability_wording() {
        let v32 = KubeVersion { minor: 32 };
        let v37 = KubeVersion { minor: 37 };
        assert_eq!(availability(0b111110, v32), "added in 1.33");
        assert_eq!(availability(0b000011, v37), "removed in 1.34");
        assert_eq!(availability(0b001000, v37), "available in 1.35");
    }
}
