//! Kubernetes resource quantities (`k8s.io/apimachinery/pkg/api/resource`).
//! Placeholder: the full parser lands with the API-server validation work.

/// A parsed quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The text as written.
    pub text: String,
}

impl Quantity {
    /// Parses a quantity such as `500m`, `1Gi`, `2`, `1e3`.
    pub fn parse(text: &str) -> Result<Quantity, String> {
        Ok(Quantity {
            text: text.to_string(),
        })
    }
}
