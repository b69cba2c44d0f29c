//! Kubernetes field paths, rendered as the API server renders them:
//! struct fields joined by `.`, list indexes as `[0]`, map keys as `[key]`
//! (`metadata.labels[app]`, `spec.template.spec.containers[0].image`).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    /// A struct field: `.name`.
    Field(String),
    /// A map key: `[key]`.
    Key(String),
    /// A list index: `[0]`.
    Index(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FieldPath {
    segs: Vec<Seg>,
}

impl FieldPath {
    pub fn root() -> FieldPath {
        FieldPath::default()
    }

    pub fn segs(&self) -> &[Seg] {
        &self.segs
    }

    pub fn is_root(&self) -> bool {
        self.segs.is_empty()
    }

    /// `self.name`
    pub fn field(&self, name: &str) -> FieldPath {
        self.with(Seg::Field(name.to_string()))
    }

    /// `self[key]`
    pub fn key(&self, key: &str) -> FieldPath {
        self.with(Seg::Key(key.to_string()))
    }

    /// `self[i]`
    pub fn index(&self, i: usize) -> FieldPath {
        self.with(Seg::Index(i))
    }

    /// `prefix` followed by this path (`items[0]` + `spec.x` = `items[0].spec.x`).
    pub fn under(&self, prefix: &FieldPath) -> FieldPath {
        let mut segs = Vec::with_capacity(prefix.segs.len() + self.segs.len());
        segs.extend_from_slice(&prefix.segs);
        segs.extend_from_slice(&self.segs);
        FieldPath { segs }
    }

    fn with(&self, seg: Seg) -> FieldPath {
        let mut segs = Vec::with_capacity(self.segs.len() + 1);
        segs.extend_from_slice(&self.segs);
        segs.push(seg);
        FieldPath { segs }
    }

    /// Parses `a.b[0].c` (a `[x]` that is not a number becomes a map key).
    /// Used by tests and by callers that receive paths as text.
    pub fn parse(text: &str) -> FieldPath {
        let mut segs = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('[') {
                let end = r.find(']').unwrap_or(r.len());
                let inner = &r[..end];
                segs.push(match inner.parse::<usize>() {
                    Ok(i) => Seg::Index(i),
                    Err(_) => Seg::Key(inner.to_string()),
                });
                rest = r.get(end + 1..).unwrap_or("");
            } else {
                let r = rest.strip_prefix('.').unwrap_or(rest);
                let end = r.find(['.', '[']).unwrap_or(r.len());
                if end > 0 {
                    segs.push(Seg::Field(r[..end].to_string()));
                }
                rest = &r[end..];
                if end == 0 && !rest.starts_with('[') {
                    // A stray '.': skip it so parsing always advances.
                    rest = rest.get(1..).unwrap_or("");
                }
            }
        }
        FieldPath { segs }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.segs.iter().enumerate() {
            match seg {
                Seg::Field(name) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(name)?;
                }
                Seg::Key(k) => write!(f, "[{k}]")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_the_api_server() {
        let p = FieldPath::root()
            .field("spec")
            .field("containers")
            .index(0)
            .field("image");
        assert_eq!(p.to_string(), "spec.containers[0].image");
        let l = FieldPath::root()
            .field("metadata")
            .field("labels")
            .key("app.kubernetes.io/name");
        assert_eq!(l.to_string(), "metadata.labels[app.kubernetes.io/name]");
    }

    #[test]
    fn parse_round_trips() {
        for t in ["a", "a.b[0].c", "metadata.labels[app]", "x[1][2]"] {
            assert_eq!(FieldPath::parse(t).to_string(), t);
        }
        assert_eq!(FieldPath::parse("").segs().len(), 0);
        assert_eq!(FieldPath::parse("..a").to_string(), "a");
    }
}
