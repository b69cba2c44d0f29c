//! Output formats: one module per format behind one enum.
//! `github` is GitHub Actions' workflow commands (annotations).

pub mod github;
pub mod json;
pub mod junit;
pub mod present;
pub mod sarif;
pub mod text;

use crate::model::ExecutionPlan;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Junit,
    Github,
}

impl Format {
    pub const ALL: &'static [(&'static str, Format)] = &[
        ("text", Format::Text),
        ("json", Format::Json),
        ("sarif", Format::Sarif),
        ("junit", Format::Junit),
        ("github", Format::Github),
    ];

    /// The name `--format` and `renderPlan` know it by.
    pub fn name(self) -> &'static str {
        Format::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }

    pub fn render(self, plan: &ExecutionPlan) -> String {
        match self {
            Format::Text => text::render(plan),
            Format::Json => json::render(plan),
            Format::Sarif => sarif::render(plan),
            Format::Junit => junit::render(plan),
            Format::Github => github::render(plan),
        }
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        Format::ALL
            .iter()
            .find(|(name, _)| *name == s)
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|(n, _)| *n).collect();
                format!(
                    "unknown format {s:?}: valid formats are {}",
                    names.join(", ")
                )
            })
    }
}
