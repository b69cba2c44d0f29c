//! CronJob schedules and time zones as the API server checks them.
//!
//! `schedule` is parsed as `cron.ParseStandard` of robfig/cron v3 (the parser
//! Kubernetes vendors) parses it: an optional `TZ=`/`CRON_TZ=` prefix, then
//! either a descriptor (`@yearly`, `@annually`, `@monthly`, `@weekly`,
//! `@daily`, `@midnight`, `@hourly`, `@every <Go duration>`) or exactly five
//! fields (minute, hour, day of month, month, day of week). A field is a
//! comma-separated list of `*`/`?`, a number or name, or a range `a-b`, each
//! with an optional `/step`; months take `jan`..`dec` and days of the week
//! `sun`..`sat`, in any case. Errors carry the parser's own text.
//!
//! `load_location` answers what Go's `time.LoadLocation` answers, from the
//! IANA zone names in `time_zones.rs` (kept as 32-bit hashes, no rules).

use super::time_zones::HASHES;

struct Bounds {
    min: u64,
    max: u64,
    names: &'static [&'static str],
}

const MINUTES: Bounds = Bounds {
    min: 0,
    max: 59,
    names: &[],
};
const HOURS: Bounds = Bounds {
    min: 0,
    max: 23,
    names: &[],
};
const DAYS_OF_MONTH: Bounds = Bounds {
    min: 1,
    max: 31,
    names: &[],
};
/// Names of months 1..=12 (index + 1).
const MONTHS: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ],
};
/// Names of days 0..=6 (index).
const DAYS_OF_WEEK: Bounds = Bounds {
    min: 0,
    max: 6,
    names: &["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
};

/// Checks `spec` as `cron.ParseStandard`; `Err` holds the parser's message.
pub fn parse_standard(spec: &str) -> Result<(), String> {
    if spec.is_empty() {
        return Err("empty spec string".into());
    }
    let mut spec = spec;
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        let eq = spec.find('=').unwrap_or(0);
        // robfig/cron slices up to the first space and panics without one (the
        // API server answers 500); taken here as a zone with no schedule.
        let space = spec.find(' ').unwrap_or(spec.len());
        let name = spec.get(eq + 1..space).unwrap_or("");
        if let Err(e) = load_location(name) {
            return Err(format!("provided bad location {name}: {e}"));
        }
        spec = spec[space..].trim();
    }
    if spec.starts_with('@') {
        return descriptor(spec);
    }
    let fields: Vec<&str> = spec.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "expected exactly 5 fields, found {}: [{}]",
            fields.len(),
            fields.join(" ")
        ));
    }
    for (f, b) in fields
        .iter()
        .zip([&MINUTES, &HOURS, &DAYS_OF_MONTH, &MONTHS, &DAYS_OF_WEEK])
    {
        for expr in f.split(',').filter(|e| !e.is_empty()) {
            range(expr, b)?;
        }
    }
    Ok(())
}

fn descriptor(d: &str) -> Result<(), String> {
    match d {
        "@yearly" | "@annually" | "@monthly" | "@weekly" | "@daily" | "@midnight" | "@hourly" => {
            Ok(())
        }
        _ => match d.strip_prefix("@every ") {
            // Any duration Go parses: robfig/cron rounds it to at least 1s.
            Some(dur) => go_duration(dur).map_err(|e| format!("failed to parse duration {d}: {e}")),
            None => Err(format!("unrecognized descriptor: {d}")),
        },
    }
}

fn range(expr: &str, b: &Bounds) -> Result<(), String> {
    let mut range_and_step = expr.split('/');
    let range = range_and_step.next().unwrap_or("");
    let mut low_high = range.split('-');
    let low = low_high.next().unwrap_or("");
    let single = !range.contains('-');
    let (start, mut end) = if low == "*" || low == "?" {
        (b.min, b.max)
    } else {
        let start = int_or_name(low, b)?;
        match (low_high.next(), low_high.next()) {
            (None, _) => (start, start),
            (Some(high), None) => (start, int_or_name(high, b)?),
            _ => return Err(format!("too many hyphens: {expr}")),
        }
    };
    let step = match (range_and_step.next(), range_and_step.next()) {
        (None, _) => 1,
        (Some(step), None) => {
            let step = parse_int(step)?;
            // "N/step" means "N-max/step".
            if single {
                end = b.max;
            }
            step
        }
        _ => return Err(format!("too many slashes: {expr}")),
    };
    if start < b.min {
        return Err(format!(
            "beginning of range ({start}) below minimum ({}): {expr}",
            b.min
        ));
    }
    if end > b.max {
        return Err(format!(
            "end of range ({end}) above maximum ({}): {expr}",
            b.max
        ));
    }
    if start > end {
        return Err(format!(
            "beginning of range ({start}) beyond end of range ({end}): {expr}"
        ));
    }
    if step == 0 {
        return Err(format!("step of range should be a positive number: {expr}"));
    }
    Ok(())
}

fn int_or_name(expr: &str, b: &Bounds) -> Result<u64, String> {
    let lower = expr.to_ascii_lowercase();
    if let Some(i) = b.names.iter().position(|n| *n == lower) {
        return Ok(i as u64 + b.min);
    }
    parse_int(expr)
}

/// Go's `strconv.Atoi` followed by robfig/cron's "negative number" check.
fn parse_int(expr: &str) -> Result<u64, String> {
    let digits = expr.strip_prefix(['+', '-']).unwrap_or(expr);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "failed to parse int from {expr}: strconv.Atoi: parsing {}: invalid syntax",
            go_quote(expr)
        ));
    }
    match expr.parse::<i64>() {
        Err(_) => Err(format!(
            "failed to parse int from {expr}: strconv.Atoi: parsing {}: value out of range",
            go_quote(expr)
        )),
        Ok(n) if n < 0 => Err(format!("negative number ({n}) not allowed: {expr}")),
        Ok(n) => Ok(n as u64),
    }
}

fn go_quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// Go's `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or `0`.
/// Only whether it parses matters here (robfig/cron rounds the duration).
pub fn go_duration(s: &str) -> Result<(), String> {
    let invalid = || format!("time: invalid duration {}", go_quote(s));
    let mut rest = s.strip_prefix(['+', '-']).unwrap_or(s);
    if rest == "0" {
        return Ok(());
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    // Nanoseconds so far; Go refuses totals over 1<<63 ns.
    const MAX: u64 = 1 << 63;
    let mut total: u64 = 0;
    while !rest.is_empty() {
        let int_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (int, after) = rest.split_at(int_len);
        let (frac, after) = match after.strip_prefix('.') {
            Some(a) => {
                let n = a.bytes().take_while(u8::is_ascii_digit).count();
                a.split_at(n)
            }
            None => ("", after),
        };
        if int.is_empty() && frac.is_empty() {
            return Err(invalid());
        }
        let unit_len = after
            .bytes()
            .position(|b| b == b'.' || b.is_ascii_digit())
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_len);
        let scale: u64 = match unit {
            "" => return Err(format!("time: missing unit in duration {}", go_quote(s))),
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    go_quote(unit),
                    go_quote(s)
                ))
            }
        };
        let mut whole: u64 = 0;
        for d in int.bytes() {
            whole = whole
                .checked_mul(10)
                .and_then(|w| w.checked_add(u64::from(d - b'0')))
                .filter(|w| *w <= MAX)
                .ok_or_else(invalid)?;
        }
        // The fraction adds less than one unit; it is left out of the sum,
        // which can only matter within an hour of Go's limit (about 292 years).
        total = whole
            .checked_mul(scale)
            .and_then(|v| v.checked_add(total))
            .filter(|v| *v <= MAX)
            .ok_or_else(invalid)?;
        rest = after;
    }
    Ok(())
}

/// Go's `time.LoadLocation` on a name: `""` and `UTC` are UTC, `Local` the
/// local zone, other names must be in the tz database.
pub fn load_location(name: &str) -> Result<(), String> {
    if name.is_empty() || name == "UTC" || name == "Local" || is_zone(name) {
        Ok(())
    } else {
        Err(format!("unknown time zone {name}"))
    }
}

/// Whether `name` is an IANA time zone name (case-sensitive, as the tz
/// database's file names are on Linux). A name that is not one is taken
/// for one with a chance of about 1 in 7 million (its 32-bit hash).
pub fn is_zone(name: &str) -> bool {
    let mut h: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    HASHES.binary_search(&h).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_kubernetes_accepts() {
        for s in [
            "* * * * *",
            "*/5 * * * *",
            "0 0 1 1 *",
            "0 9-17/2 * * MON-FRI",
            "15 3 * jan,Jul sun",
            "0 0 ? * 0",
            "5/15 * * * *",
            "1,,2 * * * *",
            "@hourly",
            "@daily",
            "@midnight",
            "@weekly",
            "@monthly",
            "@yearly",
            "@annually",
            "@every 1h30m",
            "@every 0",
            "@every 1.5h",
            "@every .5s",
            "@every 2562047h",
            "TZ=UTC 0 * * * *",
            "CRON_TZ=Europe/Paris @daily",
            "  0   0  * * *  ",
        ] {
            assert_eq!(parse_standard(s), Ok(()), "{s}");
        }
    }

    #[test]
    fn refuses_with_the_parsers_messages() {
        let cases = [
            ("", "empty spec string"),
            ("* * * *", "expected exactly 5 fields, found 4: [* * * *]"),
            (
                "0 0 * * * *",
                "expected exactly 5 fields, found 6: [0 0 * * * *]",
            ),
            ("61 * * * *", "end of range (61) above maximum (59): 61"),
            ("* 24 * * *", "end of range (24) above maximum (23): 24"),
            ("* * 0 * *", "beginning of range (0) below minimum (1): 0"),
            ("* * * 13 *", "end of range (13) above maximum (12): 13"),
            ("* * * * 7", "end of range (7) above maximum (6): 7"),
            (
                "5-1 * * * *",
                "beginning of range (5) beyond end of range (1): 5-1",
            ),
            ("*/0 * * * *", "step of range should be a positive number: */0"),
            ("1-2-3 * * * *", "too many hyphens: 1-2-3"),
            ("*/2/3 * * * *", "too many slashes: */2/3"),
            (
                "x * * * *",
                "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
            ),
            (
                "* * * January *",
                "failed to parse int from January: strconv.Atoi: parsing \"January\": invalid syntax",
            ),
            ("@often", "unrecognized descriptor: @often"),
            (
                "@every 2562048h",
                "failed to parse duration @every 2562048h: time: invalid duration \"2562048h\"",
            ),
            (
                "@every .s",
                "failed to parse duration @every .s: time: invalid duration \".s\"",
            ),
            (
                "@every 5",
                "failed to parse duration @every 5: time: missing unit in duration \"5\"",
            ),
            (
                "@every 5y",
                "failed to parse duration @every 5y: time: unknown unit \"y\" in duration \"5y\"",
            ),
            (
                "TZ=Mars/Olympus 0 * * * *",
                "provided bad location Mars/Olympus: unknown time zone Mars/Olympus",
            ),
        ];
        for (s, want) in cases {
            assert_eq!(parse_standard(s), Err(want.to_string()), "{s}");
        }
    }

    #[test]
    fn zone_names() {
        for z in [
            "Europe/Paris",
            "America/Argentina/Buenos_Aires",
            "Etc/GMT+5",
            "UTC",
            "GMT",
            "US/Eastern",
        ] {
            assert!(is_zone(z), "{z}");
        }
        for z in [
            "europe/paris",
            "Europe/Pariss",
            "Europe/",
            "Europe",
            "Paris",
            "",
        ] {
            assert!(!is_zone(z), "{z}");
        }
        assert_eq!(HASHES.len(), super::super::time_zones::COUNT);
        const { assert!(super::super::time_zones::COUNT > 500) };
        assert!(
            HASHES.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicate"
        );
    }
}
