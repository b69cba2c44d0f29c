//! The input layer: bytes → text → YAML documents → values with positions.
//!
//! - `text`: decide that the input is UTF-8 text (bytes → text).
//! - `source`: split the text into documents, parse each with serde_yaml
//!   (text → documents → values), and convert values to JSON.
//! - `rules`: the rules this layer fires (KJP0xx).
//! - `position`: line and column of every node, read from libyaml's events.

pub mod position;
pub mod rules;
pub mod source;
pub mod text;
