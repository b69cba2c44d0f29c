//! A place in a YAML text: 1-based line and column. A leaf, so that every
//! part of the input layer can name a place without importing the others.

/// A 1-based line and column (columns count characters, as libyaml does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}
