//! "Did you mean": the closest known field name to an unknown one.

/// ASCII-lowercased letters and digits only: `image_pull_policy` and
/// `ImagePullPolicy` both become `imagepullpolicy`.
fn normalize(s: &str) -> Vec<u8> {
    s.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
fn osa_distance(a: &[u8], b: &[u8]) -> usize {
    let (n, m) = (a.len(), b.len());
    let mut rows = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[n][m]
}

/// The allowed field closest to `name`: equal but for case and separators,
/// or within a small edit distance that grows with the length of the name.
pub fn suggest<'f>(name: &str, allowed: impl Iterator<Item = &'f str>) -> Option<&'f str> {
    let key = normalize(name);
    if key.is_empty() {
        return None;
    }
    // Short names are too easy to match by accident: only exact (modulo case) there.
    let limit = match key.len() {
        0..=2 => 0,
        3..=4 => 1,
        n => (n / 4).clamp(1, 3),
    };
    let mut best: Option<(usize, &'f str)> = None;
    for candidate in allowed {
        let c = normalize(candidate);
        let d = if c == key { 0 } else { osa_distance(&key, &c) };
        let better = match best {
            Some((bd, _)) => d < bd,
            None => true,
        };
        if d <= limit && better {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, s)| s)
}
