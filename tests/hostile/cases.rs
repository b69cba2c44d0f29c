//! The hostile and awkward inputs, generated at test time (nothing big is
//! committed). `tests/hostile/cases.mjs` generates the same bytes for the npm
//! and page tests; `hostile.rs` checks that both generators agree.

/// The seed's example Job: every awkward-but-valid case is a variant of it.
pub const EXAMPLE: &str =
    include_str!("../../examples/d29_k8s_jobs/arb-tuning-d29-k8s--worker-1-0.yaml");

/// What the planner must conclude about a case file.
#[derive(Debug, Clone, PartialEq)]
pub struct Expect {
    /// Every Job of the file is valid and the file has no finding.
    pub valid: bool,
    /// The rule of the finding that must be reported for the file.
    pub rule: Option<&'static str>,
    /// Its 1-based line, where the case pins one.
    pub line: Option<usize>,
    /// The verdict needs the strict schema decoding (KJP3xx rules); builds
    /// without those rules only check that nothing breaks.
    pub requires_decode: bool,
}

pub struct Case {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub expect: Expect,
}

fn invalid(rule: &'static str, line: Option<usize>) -> Expect {
    Expect {
        valid: false,
        rule: Some(rule),
        line,
        requires_decode: false,
    }
}

fn valid() -> Expect {
    Expect {
        valid: true,
        rule: None,
        line: None,
        requires_decode: false,
    }
}

/// A small deterministic generator (xorshift32), the same in cases.mjs.
fn random_bytes(len: usize, mut x: u32) -> Vec<u8> {
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x & 0xFF) as u8
        })
        .collect()
}

/// FNV-1a (32 bit), to compare the two generators without moving megabytes.
pub fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the example lost {from:?}");
    text.replacen(from, to, 1)
}

/// `a: &a [x, ...]` then each next key nine aliases of the previous one.
fn laughs(keys: &str, indent: &str, word: &str) -> String {
    let mut out = String::new();
    let mut prev = None;
    for k in keys.chars() {
        let items = match prev {
            None => vec![format!("\"{word}\""); 9].join(","),
            Some(p) => vec![format!("*{p}"); 9].join(","),
        };
        out.push_str(&format!("{indent}{k}: &{k} [{items}]\n"));
        prev = Some(k);
    }
    out
}

pub fn cases() -> Vec<Case> {
    let ex = EXAMPLE;
    let mut out = Vec::new();
    let mut add = |name, bytes: Vec<u8>, expect| {
        out.push(Case {
            name,
            bytes,
            expect,
        })
    };

    // Alias bombs.
    add(
        "billion-laughs",
        laughs("abcdefghi", "", "lol").into_bytes(),
        invalid("input-too-large", Some(9)),
    );
    add(
        "cve-2019-11253",
        format!(
            "apiVersion: v1\ndata:\n{}kind: ConfigMap\nmetadata:\n  name: yaml-bomb\n  namespace: default\n",
            laughs("abcdefghi", "  ", "web")
        )
        .into_bytes(),
        invalid("input-too-large", Some(11)),
    );
    add(
        "alias-lite",
        format!(
            "base: &x [{}]\nrefs: [{}]\n",
            vec!["1"; 10_000].join(","),
            vec!["*x"; 10_000].join(",")
        )
        .into_bytes(),
        invalid("input-too-large", Some(2)),
    );

    let ten = |x: &str| [x; 10].join(",");
    add(
        "bomb-with-unknown-alias",
        format!(
            "a: &a [{}]\nb: &b [{}]\nc: &c [{}]\nd: [{}, *nope]\ne: [1]\n",
            ten("1"),
            ten("*a"),
            ten("*b"),
            vec!["*c"; 110].join(",")
        )
        .into_bytes(),
        invalid("input-too-large", Some(4)),
    );

    // Size and depth.
    let depth = 100_000;
    add(
        "deep-flow-sequence",
        format!("{}{}\n", "[".repeat(depth), "]".repeat(depth)).into_bytes(),
        invalid("input-too-large", Some(1)),
    );
    add(
        "deep-flow-mapping",
        format!("{}1{}\n", "{a: ".repeat(depth), "}".repeat(depth)).into_bytes(),
        invalid("input-too-large", Some(1)),
    );
    add(
        "deep-after-documents",
        format!(
            "{}{}1{}\n",
            "a: 1\n---\n".repeat(200),
            "{a: ".repeat(depth),
            "}".repeat(depth)
        )
        .into_bytes(),
        invalid("input-too-large", Some(401)),
    );
    add(
        "scalar-5mb",
        format!("{}\n", "x".repeat(5 * 1024 * 1024)).into_bytes(),
        invalid("document-not-a-mapping", Some(1)),
    );
    add(
        "sequence-100k-items",
        "- item\n".repeat(100_000).into_bytes(),
        invalid("input-too-large", Some(1)),
    );
    add(
        "job-with-100k-args",
        replace_once(
            ex,
            "          args:\n",
            &format!("          args:\n{}", "            - a\n".repeat(100_000)),
        )
        .into_bytes(),
        invalid("input-too-large", Some(2)),
    );
    add(
        "job-with-10k-args",
        replace_once(
            ex,
            "          args:\n",
            &format!("          args:\n{}", "            - a\n".repeat(10_000)),
        )
        .into_bytes(),
        valid(),
    );

    add(
        "findings-bomb",
        replace_once(
            ex,
            "      containers:\n",
            &format!("      containers:\n{}", "        - {}\n".repeat(20_000)),
        )
        .into_bytes(),
        invalid("input-too-large", Some(2)),
    );
    add(
        "too-many-documents",
        "a: 1\n---\n".repeat(10_001).into_bytes(),
        invalid("input-too-large", Some(1)),
    );

    // Not text.
    add(
        "random-binary",
        random_bytes(64 * 1024, 0x9E37_79B9),
        invalid("file-not-text", None),
    );
    let mut png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    png.extend(random_bytes(256, 7));
    add("png-image", png, invalid("file-not-text", Some(1)));
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(ex.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    add("utf16le-bom", utf16le, invalid("file-not-text", Some(1)));
    let utf16be: Vec<u8> = ex.encode_utf16().flat_map(u16::to_be_bytes).collect();
    add("utf16be-no-bom", utf16be, invalid("file-not-text", Some(1)));
    add(
        "nul-byte",
        replace_once(ex, "  name: arb", "\0 name: arb").into_bytes(),
        invalid("file-not-text", Some(5)),
    );

    // YAML that kubectl refuses.
    add(
        "tab-indentation",
        replace_once(ex, "\n  namespace: ", "\n\tnamespace: ").into_bytes(),
        invalid("yaml-syntax-error", Some(6)),
    );
    add(
        "duplicate-key",
        format!("{ex}kind: Job\n").into_bytes(),
        invalid("yaml-syntax-error", Some(56)),
    );
    add(
        "top-level-scalar",
        b"just a string\n".to_vec(),
        invalid("document-not-a-mapping", Some(1)),
    );
    add(
        "top-level-sequence",
        b"- apiVersion: batch/v1\n  kind: Job\n".to_vec(),
        invalid("document-not-a-mapping", Some(1)),
    );
    add(
        "list-key",
        replace_once(
            ex,
            "    env: docker\n",
            "    env: docker\n    ? [a, b]\n    : c\n",
        )
        .into_bytes(),
        invalid("yaml-syntax-error", Some(7)),
    );
    add(
        "null-key",
        replace_once(ex, "    env: docker\n", "    env: docker\n    ~: c\n").into_bytes(),
        invalid("yaml-syntax-error", Some(7)),
    );
    add(
        "integer-overflow",
        replace_once(
            ex,
            "backoffLimit: 0",
            "backoffLimit: 99999999999999999999999",
        )
        .into_bytes(),
        // go-yaml reads an integer wider than 64 bits as a float (1e23), as Kubernetes does.
        invalid("integer-out-of-range", Some(15)),
    );
    add(
        "unknown-alias",
        b"a:\n  e: 1\n  e: 2\nb: [d, *d]\n---\nc: 1\n".to_vec(),
        invalid("yaml-syntax-error", None),
    );
    add(
        "number-as-name",
        replace_once(
            ex,
            "  name: arb-tuning-d29-k8s--worker-1-0",
            "  name: 12345",
        )
        .into_bytes(),
        Expect {
            valid: false,
            rule: None,
            line: None,
            requires_decode: true,
        },
    );

    let needs_decode = Expect {
        valid: false,
        rule: None,
        line: None,
        requires_decode: true,
    };
    add(
        "int32-overflow",
        replace_once(ex, "backoffLimit: 0", "backoffLimit: 9999999999").into_bytes(),
        needs_decode.clone(),
    );
    add(
        "number-and-boolean-keys",
        format!("{ex}1: one\ntrue: yes\n").into_bytes(),
        needs_decode,
    );

    // Awkward but valid.
    add("utf8-bom", format!("\u{FEFF}{ex}").into_bytes(), valid());
    add("crlf", ex.replace('\n', "\r\n").into_bytes(), valid());
    add(
        "merge-keys",
        replace_once(
            &replace_once(
                ex,
                "            requests:\n",
                "            requests: &requests\n",
            ),
            "            limits:\n",
            "            limits:\n              <<: *requests\n",
        )
        .into_bytes(),
        valid(),
    );
    add(
        "anchors-and-aliases",
        replace_once(
            &replace_once(ex, "  labels:\n    app:", "  labels: &labels\n    app:"),
            "      labels:\n        app: arbitrage-tuning\n        session_id: d29-k8s-demo-session\n        worker_id: worker-1\n        component: tuning\n",
            "      labels: *labels\n",
        )
        .into_bytes(),
        valid(),
    );
    let commented: String = ex
        .lines()
        .map(|l| {
            let indent = l.len() - l.trim_start().len();
            if l.trim_start().starts_with('#') {
                format!("{l}\n")
            } else {
                format!("{}# above\n{l}  # after\n", " ".repeat(indent))
            }
        })
        .collect();
    add(
        "comments-everywhere",
        format!("# head\n\n{commented}# tail\n").into_bytes(),
        valid(),
    );
    add(
        "trailing-document-marker",
        format!("---\n{ex}---\n").into_bytes(),
        valid(),
    );
    add(
        "document-end-marker",
        format!("{ex}...\n").into_bytes(),
        valid(),
    );
    out
}
