//! A resource list (`v1.ResourceList`): quantities by resource name, with
//! the additions `PodRequests` and the quota make (apimachinery's
//! `addResourceList`, `maxResourceList`), exact.

use crate::k8s::quantity::Quantity;
use serde_yaml::Value;
use std::collections::BTreeMap;

/// Quantities by resource name, in name order: a sorted vector rather than a
/// `BTreeMap`, whose code per key and value type costs the wasm more than
/// these few entries are worth.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct List(Vec<(String, Quantity)>);

impl List {
    pub fn new() -> List {
        List(Vec::new())
    }

    fn find(&self, k: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(x, _)| x.as_str().cmp(k))
    }

    pub fn get(&self, k: &str) -> Option<&Quantity> {
        self.find(k).ok().map(|i| &self.0[i].1)
    }

    pub fn get_mut(&mut self, k: &str) -> Option<&mut Quantity> {
        self.find(k).ok().map(|i| &mut self.0[i].1)
    }

    pub fn contains_key(&self, k: &str) -> bool {
        self.find(k).is_ok()
    }

    /// Sets `k` to `v`, replacing a value it had.
    pub fn insert(&mut self, k: &str, v: Quantity) {
        match self.find(k) {
            Ok(i) => self.0[i].1 = v,
            Err(i) => self.0.insert(i, (k.to_string(), v)),
        }
    }

    /// Sets `k` to `v` only when it has no value.
    pub fn insert_if_absent(&mut self, k: &str, v: &Quantity) {
        if let Err(i) = self.find(k) {
            self.0.insert(i, (k.to_string(), v.clone()));
        }
    }

    /// Every entry of `other` replaces this list's.
    pub fn extend_from(&mut self, other: &List) {
        for (k, v) in other.iter() {
            self.insert(k, v.clone());
        }
    }

    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.0.retain(|(k, _)| keep(k));
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Quantity)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// `addResourceList`: adds `from` into `into`; a new key takes `from`'s format.
pub fn add_into(into: &mut List, from: &List) {
    for (k, v) in from.iter() {
        match into.get_mut(k) {
            Some(have) => *have = have.add(v),
            None => into.insert(k, v.clone()),
        }
    }
}

/// `maxResourceList`: keeps the larger quantity of each key.
pub fn max_into(into: &mut List, from: &List) {
    for (k, v) in from.iter() {
        match into.get(k) {
            Some(have) if v.cmp_value(have).is_le() => {}
            _ => into.insert(k, v.clone()),
        }
    }
}

/// Every quantity times `n`.
pub fn times(list: &List, n: u64) -> List {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    List(list.0.iter().map(|(k, v)| (k.clone(), v.mul(n))).collect())
}

/// A `ResourceList` of a manifest; entries that are not quantities are left
/// out (the validation reports them).
pub fn parse_list(v: Option<&Value>) -> List {
    let mut out = List::new();
    if let Some(Value::Mapping(m)) = v {
        for (k, q) in m {
            let (Some(k), Some(q)) = (k.as_str(), quantity_of(q)) else {
                continue;
            };
            out.insert(k, q);
        }
    }
    out
}

fn quantity_of(v: &Value) -> Option<Quantity> {
    match v {
        Value::String(s) => Quantity::parse(s).ok(),
        Value::Number(n) => Quantity::parse(&n.to_string()).ok(),
        _ => None,
    }
}
/// Canonical strings of a list, for the JSON.
pub fn to_strings(l: &List) -> BTreeMap<String, String> {
    // Inserted one by one: collecting into a BTreeMap would sort.
    let mut m = BTreeMap::new();
    for (k, v) in l.iter() {
        m.insert(k.to_string(), v.canonical());
    }
    m
}

/// Parses canonical strings back (exact: the canonical form round-trips).
pub fn from_strings(m: &BTreeMap<String, String>) -> List {
    // The map's keys come in order: pushed, not searched.
    List(
        m.iter()
            .filter_map(|(k, v)| Some((k.clone(), Quantity::parse(v).ok()?)))
            .collect(),
    )
}
