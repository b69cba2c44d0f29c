//! The input layer: bytes → text → YAML documents → values with positions.
//!
//! - `source`: decide that the input is text, split it into documents,
//!   parse each with serde_yaml, and convert values to JSON.
//! - `position`: line and column of every node, read from libyaml's events.

pub mod position;
pub mod rules;
pub mod source;
