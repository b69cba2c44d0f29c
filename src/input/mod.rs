//! The input layer: bytes → text → YAML documents → values with positions.
//!
//! - `split`: cut a text into documents the way kubectl's YAMLReader does.
//! - `yaml11`: re-read what YAML 1.1 (go-yaml v2, as Kubernetes uses it) reads
//!   differently from serde_yaml's YAML 1.2.
//! - `text`: decide that the input is UTF-8 text (bytes → text).
//! - `source`: split the text into documents, parse each with serde_yaml
//!   (text → documents → values), and convert values to JSON.
//! - `rules`: the rules this layer fires (KJP0xx).
//! - `pos`, `scalar`, `json`: leaves — a place in the text, go-yaml v2's reading
//!   of one scalar, and values as the JSON Kubernetes makes of them.
//! - `position`: line and column of every node, read from libyaml's events.

pub mod json;
pub mod pos;
pub mod position;
pub mod rules;
pub mod scalar;
pub mod source;
pub mod split;
pub mod text;
pub mod yaml11;
