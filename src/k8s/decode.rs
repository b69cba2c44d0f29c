//! Strict field decoding against the Kubernetes schema (codes KJP3xx).
//! Placeholder until the generated schema tables land.

use crate::path::FieldPath;
use crate::seed_rules::RawFinding;
use crate::version::KubeVersion;
use serde_yaml::Value;

crate::rules! {}

/// Checks `doc` (a Job document) against the schema of `version`.
pub fn check(_doc: &Value, _version: KubeVersion, _root: &FieldPath, _out: &mut Vec<RawFinding>) {}
