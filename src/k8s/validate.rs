//! The API server's validation of a Job on create (codes KJP4xx).
//! Placeholder until the rules land.

use crate::seed_rules::RawFinding;
use crate::version::KubeVersion;
use serde_yaml::Value;

crate::rules! {}

/// Validates `doc` (a Job document) as the API server of `version` would on create.
pub fn check(_doc: &Value, _version: KubeVersion, _out: &mut Vec<RawFinding>) {}
