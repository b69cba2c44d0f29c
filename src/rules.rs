//! What a rule is: the `Rule` type and the `rules!` macro that declares rules
//! next to the code that fires them. A leaf: the list of every rule is
//! `registry`. Codes are stable and never reused; `docs/rules.md` is generated
//! from the registry and a test fails when the committed file is stale
//! (`UPDATE_DOCS=1 cargo test` rewrites it).
//!
//! Code ranges:
//! - `KJP0xx`: the input could not be read as YAML documents.
//! - `KJP1xx`: the seed's required fields (errors).
//! - `KJP2xx`: the seed's recommendations (warnings; errors in strict mode).
//! - `KJP3xx`: strict decoding against the Kubernetes schema (unknown fields, types).
//! - `KJP4xx`: the API server's own validation of a Job on create.
//! - `KJP5xx`: opt-in best practices (`practices`), off unless enabled.
//! - `KJP6xx`: policy conventions: a team's conventions from the policy file
//!   (`conventions`), off unless the policy sets them; and the per-Job ignore
//!   annotation.
//! - `KJP7xx`: resources and quota (`k8s::resources`, docs/resources.md): the
//!   inputs' LimitRanges and ResourceQuotas against the Jobs' pods (warnings).

use crate::model::Severity;

/// A documented rule.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what it checks.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A minimal manifest fragment that triggers the rule.
    pub example: &'static str,
    /// The same fragment, fixed.
    pub fix: &'static str,
    /// Where the behaviour comes from.
    pub reference: &'static str,
    /// Off unless the user enables it (`--enable-rule NAME`, `enableRules`).
    pub opt_in: bool,
}

/// Declares rules as constants plus a `RULES` slice of them, in order.
/// Each module that fires rules declares them with it; `registry` lists the
/// modules.
#[macro_export]
macro_rules! rules {
    ($( $ident:ident = { code: $code:literal, name: $name:literal, severity: $sev:ident,
        summary: $summary:literal, why: $why:literal, example: $example:literal,
        fix: $fix:literal, reference: $reference:literal $(, opt_in: $opt_in:literal)? $(,)? } ),* $(,)?) => {
        $( pub const $ident: &$crate::rules::Rule = &$crate::rules::Rule {
            code: $code, name: $name, severity: $crate::model::Severity::$sev, summary: $summary,
            why: $why, example: $example, fix: $fix, reference: $reference,
            opt_in: false $(|| $opt_in)?,
        }; )*
        /// The rules declared by this invocation, in order.
        pub const RULES: &[&$crate::rules::Rule] = &[$($ident),*];
    };
}
