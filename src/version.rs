//! The Kubernetes minor versions whose behaviour the checks follow.

use std::fmt;

/// Oldest minor version supported (`--kubernetes-version 1.32`).
pub const OLDEST_MINOR: u32 = 32;
/// Newest minor version supported, and the default: the newest that the pinned
/// schemas (PyPI `kubernetes-validate`) cover.
pub const NEWEST_MINOR: u32 = 37;

/// A Kubernetes 1.x minor version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KubeVersion {
    pub minor: u32,
}

impl KubeVersion {
    pub const NEWEST: KubeVersion = KubeVersion {
        minor: NEWEST_MINOR,
    };

    /// Parses `1.34`, `v1.34`, `1.34.2` or `v1.34.0`; `None` means the newest.
    pub fn resolve(text: Option<&str>) -> Result<KubeVersion, String> {
        let Some(raw) = text.map(str::trim).filter(|t| !t.is_empty()) else {
            return Ok(KubeVersion::NEWEST);
        };
        let t = raw.strip_prefix('v').unwrap_or(raw);
        let mut parts = t.split('.');
        let major = parts.next();
        let minor = parts.next().and_then(|m| m.parse::<u32>().ok());
        let patch_ok =
            parts.next().is_none_or(|p| p.parse::<u32>().is_ok()) && parts.next().is_none();
        match (major, minor) {
            (Some("1"), Some(minor)) if patch_ok && (OLDEST_MINOR..=NEWEST_MINOR).contains(&minor) => {
                Ok(KubeVersion { minor })
            }
            _ => Err(format!(
                "unsupported Kubernetes version {raw:?}: supported versions are 1.{OLDEST_MINOR} to 1.{NEWEST_MINOR}"
            )),
        }
    }

    /// Every supported version, oldest first.
    pub fn all() -> impl Iterator<Item = KubeVersion> {
        (OLDEST_MINOR..=NEWEST_MINOR).map(|minor| KubeVersion { minor })
    }
}

impl fmt::Display for KubeVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "1.{}", self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_supported_versions() {
        assert_eq!(KubeVersion::resolve(None).unwrap(), KubeVersion::NEWEST);
        assert_eq!(KubeVersion::resolve(Some("1.32")).unwrap().minor, 32);
        assert_eq!(KubeVersion::resolve(Some("v1.35.2")).unwrap().minor, 35);
        for bad in ["1.31", "2.0", "1", "x", "1.33.x", "1.33.1.1"] {
            let e = KubeVersion::resolve(Some(bad)).unwrap_err();
            assert!(e.contains("1.32 to 1.37"), "{e}");
        }
    }
}
