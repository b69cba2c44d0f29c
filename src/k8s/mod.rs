//! Kubernetes fidelity: what the API server does to a Job on create, offline.
//!
//! - `decode`: strict field decoding against the schema (unknown fields with
//!   "did you mean", wrong types, unparsable quantities).
//! - `validate`: the API server's field validation of a Job, after defaulting.
//! - `quantity`: resource quantities (`500m`, `1Gi`), parsed as apimachinery does.
//! - `names`: DNS names, qualified names, label values and the other formats
//!   of `k8s.io/apimachinery/pkg/util/validation`.

pub mod decode;
pub mod names;
pub mod quantity;
pub mod validate;
