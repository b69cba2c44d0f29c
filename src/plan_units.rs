//! The objects a YAML document holds for the planner: the document itself,
//! or, for a `kind: List` (what `kubectl get -o yaml` writes), `JobList` or
//! `CronJobList`, each of its `items`, at `items[i]` of the document. Used
//! by the planner (`plan`) and by the resource policies (`plan_resources`).

use crate::path::FieldPath;
use crate::seed_rules::str_of;
use serde_yaml::Value;

/// Kinds whose `items` are planned one by one.
const LIST_KINDS: [&str; 3] = ["List", "JobList", "CronJobList"];

pub fn is_list(v: &Value) -> bool {
    str_of(v.get("kind")).is_some_and(|k| LIST_KINDS.contains(&k))
}

/// A List's items (none when `items` is not a sequence).
pub fn list_items(v: &Value) -> &[Value] {
    match v.get("items") {
        Some(Value::Sequence(items)) => items,
        _ => &[],
    }
}

/// The kinds the plan lists: Jobs, and CronJobs as their own entries.
pub fn is_planned(v: &Value) -> bool {
    matches!(str_of(v.get("kind")), Some("Job" | "CronJob"))
}

fn item_path(i: usize) -> FieldPath {
    FieldPath::root().field("items").index(i)
}

/// The document's objects, by value (each dropped once it is checked).
pub fn into_units(doc: Value) -> Vec<(FieldPath, Value)> {
    if !is_list(&doc) {
        return vec![(FieldPath::root(), doc)];
    }
    match doc {
        Value::Mapping(mut m) => match m.remove("items") {
            Some(Value::Sequence(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (item_path(i), v))
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The document's objects, by reference.
pub fn units(doc: &Value) -> Vec<(FieldPath, &Value)> {
    if !is_list(doc) {
        return vec![(FieldPath::root(), doc)];
    }
    list_items(doc)
        .iter()
        .enumerate()
        .map(|(i, v)| (item_path(i), v))
        .collect()
}
