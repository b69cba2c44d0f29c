//! Rules of the input layer (KJP0xx): the input could not be read as YAML
//! documents. Fired by `source` (and by `plan` for a document that is not an
//! object, or a file without documents).

crate::rules! {
    YAML_SYNTAX = {
        code: "KJP001", name: "yaml-syntax-error", severity: Error,
        summary: "The file is not valid YAML.",
        why: "kubectl refuses the whole file when one of its documents cannot be decoded, so nothing in it is applied. The other documents are still read and checked here, each on its own, as kubectl splits them.",
        example: "metadata:\n\tname: pi   # a TAB indents this line",
        fix: "metadata:\n  name: pi",
        reference: "YAML 1.1 as parsed by libyaml; kubectl uses sigs.k8s.io/yaml with the same grammar.",
    },
    NOT_A_MAPPING = {
        code: "KJP002", name: "document-not-a-mapping", severity: Error,
        summary: "A YAML document is a scalar or a list, not an object.",
        why: "A Kubernetes object is a mapping with apiVersion, kind, metadata and spec; kubectl refuses anything else.",
        example: "- apiVersion: batch/v1\n  kind: Job",
        fix: "apiVersion: batch/v1\nkind: Job",
        reference: "k8s.io/apimachinery runtime decoding: \"Object 'Kind' is missing\".",
    },
    NOT_TEXT = {
        code: "KJP003", name: "file-not-text", severity: Error,
        summary: "The file is not UTF-8 text (binary data, NUL bytes or UTF-16).",
        why: "Manifests are UTF-8 YAML; a binary or differently encoded file is usually the wrong file in the folder.",
        example: "(a PNG image named job.yaml)",
        fix: "Save the manifest as UTF-8, or remove the file from the folder.",
        reference: "YAML 1.2 §5.2 character encodings; kubectl reads UTF-8.",
    },
    UNREADABLE = {
        code: "KJP004", name: "file-unreadable", severity: Error,
        summary: "The file could not be read.",
        why: "A Job that cannot be read cannot be checked, so the run cannot promise it is valid.",
        example: "(a file without read permission, or a dangling symlink)",
        fix: "Make the file readable, or remove it from the input.",
        reference: "Operating system error reported by the reader.",
    },
    TOO_LARGE = {
        code: "KJP005", name: "input-too-large", severity: Error,
        summary: "The input exceeds a safety limit (file size, nesting depth or alias expansion).",
        why: "Limits keep hostile inputs such as YAML alias bombs (CVE-2019-11253) from exhausting memory or time.",
        example: "a: &a [*b, *b, *b, *b, *b, *b, *b, *b, *b]   # nested aliases that expand exponentially",
        fix: "Split the file, or remove the deep nesting or alias expansion.",
        reference: "The API server limits request bodies to 3 MiB and YAML nesting; see README 'Limits'.",
    },
    NO_DOCUMENTS = {
        code: "KJP006", name: "empty-file", severity: Warning,
        summary: "A file holds no YAML document: it is empty or has only comments.",
        why: "An empty file in a jobs folder usually means a generator wrote nothing where it meant to write a Job.",
        example: "# only a comment",
        fix: "apiVersion: batch/v1\nkind: Job\n...",
        reference: "Not an API server rule; kubectl apply reports \"no objects passed to apply\".",
    },
}
