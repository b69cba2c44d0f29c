//! Every safety limit of the core, each defined once. The input layer, the
//! planner and the faces (the CLI reads at most `MAX_FILE_BYTES` of a file)
//! take them from here; docs/limits.md explains them.
//!
//! Limits of Kubernetes itself (label lengths, the 256 KiB annotation total)
//! are rules, not safety limits: they live with the checks in `k8s`.

// Input size (input::source).

/// Largest input file accepted, in bytes. Larger files get `input-too-large`.
/// The API server takes at most 3 MiB per object, but one file may hold many
/// Job documents, so the file limit is larger.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Largest number of documents read from one file. Generators write one Job
/// per file or a few hundred; the bound keeps a file of tiny documents (each
/// with its findings and plan entry) from costing gigabytes.
pub const MAX_DOCUMENTS: usize = 10_000;

/// Largest document, in YAML nodes (each scalar, list and object, aliases
/// expanded). A real Job has a few hundred; the API server's 3 MiB request
/// limit allows far fewer than this in any Job a person would write. It
/// bounds the memory of one document and of the findings the rules make on it.
pub const MAX_DOCUMENT_NODES: u64 = 100_000;

/// Largest number of YAML nodes read from one file, over all its documents:
/// every document stays in memory until the plan is built.
pub const MAX_FILE_NODES: u64 = 1_000_000;

/// Deepest nesting of lists and objects read: serde_yaml's recursion limit.
/// Kubernetes objects nest about 15 levels deep.
pub const MAX_DEPTH: usize = 128;

/// Alias expansion limit, the rule kubectl's YAML decoder (go-yaml) applies
/// against CVE-2019-11253: a document may expand to any size as long as most
/// of it is written out, but the share of nodes that come from aliases must
/// stay under `allowed_alias_ratio` of the expanded total. serde_yaml's own
/// guard (each alias replayed at most 100 times the document's events) still
/// lets one big anchored list referenced many times grow to gigabytes.
pub const ALIAS_FREE_NODES: u64 = 400_000;
/// From this many expanded nodes on, at most 10% may come from aliases.
pub const ALIAS_STRICT_NODES: u64 = 4_000_000;

// Positions (input::position).

/// Upper bound on nodes recorded per file; past it, lookups fall back to the
/// nearest recorded parent. It bounds memory for hostile inputs (the file-size
/// limit already bounds the event count, this keeps the index small too).
pub const MAX_POSITION_NODES: usize = 2_000_000;

// Findings (plan).

/// Findings listed per document; the rest are counted in one summary
/// finding. A generated list of a million containers without images would
/// otherwise make millions of findings (gigabytes) from a 10 MB file.
pub const MAX_FINDINGS_PER_DOCUMENT: usize = 1_000;

/// Findings listed per file, over all its documents; past it each document
/// with findings gets only the summary finding.
pub const MAX_FINDINGS_PER_FILE: usize = 10_000;
