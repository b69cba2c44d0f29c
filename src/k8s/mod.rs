//! Kubernetes fidelity: what the API server does to a Job on create, offline.
//!
//! - `decode`: strict field decoding against the schema (unknown fields with
//!   "did you mean", wrong types, unparsable quantities).
//! - `validate`: the API server's field validation of a Job, after defaulting.
//! - `quantity`: resource quantities (`500m`, `1Gi`), parsed as apimachinery does.

pub mod decode;
pub mod quantity;
pub mod validate;
