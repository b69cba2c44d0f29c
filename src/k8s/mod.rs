//! Kubernetes fidelity: what the API server does to a Job or CronJob on create, offline.
//!
//! - `decode`: strict field decoding against the schema (unknown fields with
//!   "did you mean", wrong types, unparsable quantities).
//! - `validate`: the API server's field validation of a Job, after defaulting.
//! - `quantity`: resource quantities (`500m`, `1Gi`), parsed as apimachinery does.
//! - `resource_list`, `resources`, `quota`: what a Job's pods take (LimitRange applied) and
//!   what a ResourceQuota counts of it (docs/resources.md).
//! - `names`: DNS names, qualified names, label values and the other formats
//!   of `k8s.io/apimachinery/pkg/util/validation`.
//! - `suggest`: "did you mean" for unknown fields (read by `decode`).
//! - `schema`: the types of the field tables (a leaf).
//! - `cron`: CronJob schedules (robfig/cron v3 as Kubernetes parses them) and
//!   time zone names (read by `validate`).
//! - `time_zones`: generated list of IANA time zone names
//!   (`scripts/gen-time-zones.py`).
//! - `schema_tables`: generated field tables of a Job per version (read by `decode`;
//!   `scripts/gen-schema-tables.py` writes it, so rustfmt must leave it alone).

pub mod cron;
pub mod decode;
pub mod names;
pub mod quantity;
pub mod quota;
pub mod resource_list;
pub mod resources;
pub mod schema;
#[rustfmt::skip]
pub mod schema_tables;
pub mod suggest;
#[rustfmt::skip]
pub mod time_zones;
pub mod validate;
