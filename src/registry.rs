//! Every rule, in code order: the groups of the modules that declare them.
//! A new module that fires rules adds its `RULES` here (one line); a new
//! `k8s::validate` module adds one line to the `checkers!` list there instead.

use crate::rules::Rule;

/// The rule groups outside `k8s::validate` (whose modules are listed there).
const GROUPS: &[&[&Rule]] = &[
    crate::input::rules::RULES,
    crate::seed_rules::RULES,
    crate::k8s::decode::RULES,
    crate::practices::RULES,
    crate::k8s::resources::RULES,
    crate::conventions::RULES,
];

/// Every rule of every group, sorted by code.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    // Inserted in order rather than sorted: about fifty rules, and no sort
    // routine compiled into the wasm for it.
    let mut v: Vec<&'static Rule> = Vec::with_capacity(64);
    for r in GROUPS
        .iter()
        .chain(crate::k8s::validate::RULE_GROUPS)
        .flat_map(|g| g.iter().copied())
    {
        let at = v.partition_point(|x| x.code < r.code);
        v.insert(at, r);
    }
    v.into_iter()
}

/// Checks a list of rules to enable (names or codes, as in
/// `PlanOptions::enable_rules`): each must name a rule.
pub fn check_enable_rules(names: &[String]) -> Result<(), String> {
    for n in names {
        if !all().any(|r| r.name == n || r.code == n) {
            let opt_in: Vec<&str> = all().filter(|r| r.opt_in).map(|r| r.name).collect();
            return Err(format!(
                "unknown rule {n:?} to enable: opt-in rules are {}",
                opt_in.join(", ")
            ));
        }
    }
    Ok(())
}

/// Looks a rule up by its code.
pub fn by_code(code: &str) -> Option<&'static Rule> {
    all().find(|r| r.code == code)
}
