//! Kubernetes resource quantities (`k8s.io/apimachinery/pkg/api/resource`).
//!
//! `Quantity::parse` accepts exactly the strings `resource.ParseQuantity`
//! accepts (after the whitespace trim that `Quantity.UnmarshalJSON` applies,
//! which is the path every manifest takes), and rejects the others with the
//! same error text. The value is kept as a whole number of nano-units, which is
//! what apimachinery rounds every quantity to (rounding away from zero), so
//! comparisons such as requests <= limits are exact.
//!
//! Known simplifications (only for values nobody writes): apimachinery caps
//! huge values at 2^63-1 only when they do not fit its int64 fast path, while
//! here every value saturates at the same cap; a mantissa with more than 18
//! significant digits combined with a binary suffix and a fraction may round
//! one nano-unit differently.

use std::cmp::Ordering;
use std::fmt;

/// `resource.ErrFormatWrong`.
pub const ERR_FORMAT: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/// `resource.ErrSuffix`.
pub const ERR_SUFFIX: &str = "unable to parse quantity's suffix";

const NANOS_PER_UNIT: i128 = 1_000_000_000;
/// apimachinery's cap (`maxAllowed`): 2^63-1 units.
const MAX_NANOS: i128 = (i64::MAX as i128) * NANOS_PER_UNIT;

/// How a quantity was written; decides how it is printed back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `1e3`, `12E6`
    DecimalExponent,
    /// `1Ki`, `5Gi`
    BinarySI,
    /// `500m`, `1k`, `2`
    DecimalSI,
}

/// A parsed quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The text as written (trimmed).
    pub text: String,
    nanos: i128,
    format: Format,
}

impl Quantity {
    /// Parses a quantity such as `500m`, `1Gi`, `2`, `1e3`, with
    /// apimachinery's error text on failure.
    pub fn parse(text: &str) -> Result<Quantity, String> {
        let s = text.trim();
        if s.is_empty() {
            return Err(ERR_FORMAT.to_string());
        }
        let parts = scan(s).ok_or_else(|| ERR_FORMAT.to_string())?;
        let (exp10, exp2, format) =
            interpret_suffix(parts.suffix).ok_or_else(|| ERR_SUFFIX.to_string())?;
        let magnitude = magnitude_nanos(parts.num, parts.denom, exp10, exp2);
        Ok(Quantity {
            text: s.to_string(),
            nanos: if parts.positive {
                magnitude
            } else {
                -magnitude
            },
            format,
        })
    }

    /// The value in nano-units (1 = 1n, 1_000_000_000 = 1).
    pub fn nanos(&self) -> i128 {
        self.nanos
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn is_negative(&self) -> bool {
        self.nanos < 0
    }

    pub fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    /// `q.MilliValue() % 1000 == 0`, the API server's "is an integer" test
    /// (MilliValue rounds up, so `1.0001` is not an integer).
    pub fn is_integer(&self) -> bool {
        let milli = ceil_div(self.nanos.abs(), 1_000_000);
        milli % 1000 == 0
    }

    /// Compares values, as `Quantity.Cmp` does.
    pub fn cmp_value(&self, other: &Quantity) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }

    /// The canonical form the API server prints (`Quantity.String()`):
    /// `1500m`, `1k`, `1536Mi`, `1e3`.
    pub fn canonical(&self) -> String {
        let n = self.nanos;
        if n == 0 {
            return "0".to_string();
        }
        let sign = if n < 0 { "-" } else { "" };
        let mag = n.abs();
        if self.format == Format::BinarySI
            && mag >= 1024 * NANOS_PER_UNIT
            && mag % NANOS_PER_UNIT == 0
        {
            let mut units = mag / NANOS_PER_UNIT;
            let mut power = 0;
            while units % 1024 == 0 && power < 6 {
                units /= 1024;
                power += 1;
            }
            let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][power];
            return format!("{sign}{units}{suffix}");
        }
        // Decimal: strip factors of ten, then step down to a multiple of three.
        let mut mantissa = mag;
        let mut exp: i32 = -9;
        while mantissa % 10 == 0 {
            mantissa /= 10;
            exp += 1;
        }
        while exp.rem_euclid(3) != 0 {
            mantissa *= 10;
            exp -= 1;
        }
        let suffix = match (self.format, exp) {
            (_, 0) => String::new(),
            (Format::DecimalExponent, e) => format!("e{e}"),
            (_, -9) => "n".into(),
            (_, -6) => "u".into(),
            (_, -3) => "m".into(),
            (_, 3) => "k".into(),
            (_, 6) => "M".into(),
            (_, 9) => "G".into(),
            (_, 12) => "T".into(),
            (_, 15) => "P".into(),
            (_, 18) => "E".into(),
            (_, e) => format!("e{e}"),
        };
        format!("{sign}{mantissa}{suffix}")
    }
}

impl Quantity {
    /// A quantity of `nanos` nano-units printed in `format` (saturated at
    /// apimachinery's cap, as every parsed value is).
    pub fn from_nanos(nanos: i128, format: Format) -> Quantity {
        let nanos = nanos.clamp(-MAX_NANOS, MAX_NANOS);
        let mut q = Quantity {
            text: String::new(),
            nanos,
            format,
        };
        q.text = q.canonical();
        q
    }

    /// `Quantity.Add`: the exact sum. The result keeps this quantity's
    /// format, or takes `other`'s when this one is zero, as apimachinery does.
    pub fn add(&self, other: &Quantity) -> Quantity {
        let format = if self.nanos == 0 {
            other.format
        } else {
            self.format
        };
        Quantity::from_nanos(self.nanos.saturating_add(other.nanos), format)
    }

    /// `Quantity.Mul(n)`: the exact product, in this quantity's format.
    pub fn mul(&self, n: i64) -> Quantity {
        Quantity::from_nanos(self.nanos.saturating_mul(i128::from(n)), self.format)
    }

    /// `Quantity.MilliValue()`: the value in milli-units, rounded up.
    pub fn milli_value(&self) -> i128 {
        let m = ceil_div(self.nanos.abs(), 1_000_000);
        if self.nanos < 0 {
            -m
        } else {
            m
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

struct Parts<'a> {
    positive: bool,
    /// Digits before the point, leading zeros stripped (may be empty).
    num: &'a str,
    /// Digits after the point (may be empty).
    denom: &'a str,
    suffix: &'a str,
}

/// apimachinery's `parseQuantityString`: sign, digits, optional `.digits`,
/// then suffix letters, an optional sign and exponent digits. Like upstream it
/// accepts `1.` and `.5`, and reads `+`, `-` and `.` as zero.
fn scan(s: &str) -> Option<Parts<'_>> {
    let b = s.as_bytes();
    let end = b.len();
    let mut pos = 0;
    let mut positive = true;
    match b.first() {
        Some(b'-') => {
            positive = false;
            pos = 1;
        }
        Some(b'+') => pos = 1,
        _ => {}
    }
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    let num_start = pos;
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    let num = &s[num_start..pos];
    let mut denom = "";
    if pos < end && b[pos] == b'.' {
        pos += 1;
        let d = pos;
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        denom = &s[d..pos];
    }
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end && (b[pos] == b'-' || b[pos] == b'+') {
        pos += 1;
    }
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos < end {
        return None;
    }
    Some(Parts {
        positive,
        num,
        denom,
        suffix: &s[suffix_start..],
    })
}

/// (decimal exponent, binary exponent, format) of a suffix, as
/// apimachinery's `suffixHandler.interpret`.
fn interpret_suffix(suffix: &str) -> Option<(i32, u32, Format)> {
    let dec = match suffix {
        "n" => Some(-9),
        "u" => Some(-6),
        "m" => Some(-3),
        "" => Some(0),
        "k" => Some(3),
        "M" => Some(6),
        "G" => Some(9),
        "T" => Some(12),
        "P" => Some(15),
        "E" => Some(18),
        _ => None,
    };
    if let Some(e) = dec {
        return Some((e, 0, Format::DecimalSI));
    }
    let bin = match suffix {
        "Ki" => Some(10),
        "Mi" => Some(20),
        "Gi" => Some(30),
        "Ti" => Some(40),
        "Pi" => Some(50),
        "Ei" => Some(60),
        _ => None,
    };
    if let Some(e) = bin {
        return Some((0, e, Format::BinarySI));
    }
    let rest = suffix.strip_prefix(['e', 'E'])?;
    if rest.is_empty() {
        return None;
    }
    // strconv.ParseInt(rest, 10, 64), then an int32 conversion that wraps.
    let parsed: i64 = rest.parse().ok()?;
    Some((parsed as i32, 0, Format::DecimalExponent))
}

fn ceil_div(a: i128, b: i128) -> i128 {
    a / b + i128::from(a % b != 0)
}

/// `ceil(num.denom * 10^exp10 * 2^exp2 * 10^9)`, saturated at the cap.
fn magnitude_nanos(num: &str, denom: &str, exp10: i32, exp2: u32) -> i128 {
    let digits: String = num.chars().chain(denom.chars()).collect();
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return 0;
    }
    let trimmed = digits.trim_end_matches('0');
    let mut e10: i64 =
        i64::from(exp10) - denom.len() as i64 + 9 + (digits.len() - trimmed.len()) as i64;
    // Keep enough significant digits for exact results on real values; any
    // dropped (non-zero) tail only matters for rounding up.
    let keep = if exp2 > 0 { 18 } else { 36 };
    let (kept, sticky) = if trimmed.len() > keep {
        e10 += (trimmed.len() - keep) as i64;
        (&trimmed[..keep], true)
    } else {
        (trimmed, false)
    };
    // Far above the cap whatever the binary factor.
    if kept.len() as i64 - 1 + e10 > 40 {
        return MAX_NANOS;
    }
    let d: i128 = kept.parse().unwrap_or(i128::MAX);
    let scaled = match d.checked_mul(1i128 << exp2) {
        Some(v) => v,
        None => return MAX_NANOS,
    };
    let value = if e10 >= 0 {
        match 10i128
            .checked_pow(e10 as u32)
            .and_then(|p| scaled.checked_mul(p))
        {
            Some(v) => v,
            None => return MAX_NANOS,
        }
    } else {
        let m = (-e10) as u32;
        match 10i128.checked_pow(m) {
            // The divisor exceeds the (non-zero) dividend: rounds up to 1n.
            Some(p) if p <= scaled => scaled / p + i128::from(scaled % p != 0 || sticky),
            _ => 1,
        }
    };
    value.min(MAX_NANOS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        Quantity::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn accepts_what_apimachinery_accepts() {
        // (input, nano-units, canonical form)
        let cases: &[(&str, i128, &str)] = &[
            ("0", 0, "0"),
            ("1", 1_000_000_000, "1"),
            ("500m", 500_000_000, "500m"),
            ("0.5", 500_000_000, "500m"),
            ("1.5", 1_500_000_000, "1500m"),
            (".5", 500_000_000, "500m"),
            ("1.", 1_000_000_000, "1"),
            ("+1", 1_000_000_000, "1"),
            ("-1", -1_000_000_000, "-1"),
            ("1e3", 1_000_000_000_000, "1e3"),
            ("1E3", 1_000_000_000_000, "1e3"),
            ("1e-3", 1_000_000, "1e-3"),
            ("1000", 1_000_000_000_000, "1k"),
            ("1500", 1_500_000_000_000, "1500"),
            ("1k", 1_000_000_000_000, "1k"),
            ("1Ki", 1_024_000_000_000, "1Ki"),
            ("1Gi", 1_073_741_824_000_000_000, "1Gi"),
            ("1.5Gi", 1_610_612_736_000_000_000, "1536Mi"),
            ("0.1Ki", 102_400_000_000, "102400m"),
            ("512Mi", 536_870_912_000_000_000, "512Mi"),
            ("100Mi", 104_857_600_000_000_000, "100Mi"),
            ("1M", 1_000_000_000_000_000, "1M"),
            ("1n", 1, "1n"),
            ("1u", 1_000, "1u"),
            ("0.1n", 1, "1n"), // rounds up to the smallest unit
            ("1.0000000001", 1_000_000_001, "1000000001n"),
            ("007", 7_000_000_000, "7"),
            ("1.G", 1_000_000_000_000_000_000, "1G"),
            ("-", 0, "0"),
            ("+", 0, "0"),
            (".", 0, "0"),
            (" 2 ", 2_000_000_000, "2"), // UnmarshalJSON trims
            ("100Ki", 102_400_000_000_000, "100Ki"),
            ("1023Ki", 1_047_552_000_000_000, "1023Ki"),
            ("512", 512_000_000_000, "512"),
            // From apimachinery's TestQuantityParse.
            ("0.1m", 100_000, "100u"),
            ("1.5Mi", 1_572_864_000_000_000, "1536Ki"),
            ("0.5Ki", 512_000_000_000, "512"),
            ("1.0e-3", 1_000_000, "1e-3"),
        ];
        for (text, nanos, canonical) in cases {
            let got = q(text);
            assert_eq!(got.nanos(), *nanos, "{text}");
            assert_eq!(got.canonical(), *canonical, "{text}");
        }
    }

    #[test]
    fn rejects_what_apimachinery_rejects() {
        let cases: &[(&str, &str)] = &[
            ("", ERR_FORMAT),
            ("abc", ERR_FORMAT),
            ("1.5.5", ERR_FORMAT),
            ("1 Gi", ERR_FORMAT),
            ("1Gi ", ""),        // trimmed: valid
            ("1GB", ERR_FORMAT), // B is not a suffix letter
            ("1K", ERR_SUFFIX),
            ("1ki", ERR_SUFFIX),
            ("1e", ERR_SUFFIX),
            ("1m3", ERR_SUFFIX),
            ("1Gix", ERR_FORMAT),
            ("--1", ERR_SUFFIX), // upstream reads "-1" as the suffix
            ("1e1.5", ERR_FORMAT),
            ("0x10", ERR_FORMAT),
            ("1i", ERR_SUFFIX),
            ("1Ki1", ERR_SUFFIX),
            ("1.1.1.1", ERR_FORMAT),
            ("1E1E1", ERR_FORMAT),
            ("1+1", ERR_SUFFIX),
            ("1,5", ERR_FORMAT),
        ];
        for (text, err) in cases {
            match Quantity::parse(text) {
                Ok(_) => assert!(err.is_empty(), "{text} should fail"),
                Err(e) => assert_eq!(&e, err, "{text}"),
            }
        }
    }

    #[test]
    fn compares_exactly() {
        assert_eq!(q("500m").cmp_value(&q("0.5")), Ordering::Equal);
        assert_eq!(q("1Gi").cmp_value(&q("1G")), Ordering::Greater);
        assert_eq!(q("1024Mi").cmp_value(&q("1Gi")), Ordering::Equal);
        assert_eq!(q("999m").cmp_value(&q("1")), Ordering::Less);
        assert_eq!(q("1e3").cmp_value(&q("1k")), Ordering::Equal);
        assert_eq!(q("-1").cmp_value(&q("0")), Ordering::Less);
    }

    #[test]
    fn integers_and_extremes() {
        assert!(q("2").is_integer());
        assert!(q("2000m").is_integer());
        assert!(!q("1500m").is_integer());
        assert!(!q("1.0001").is_integer());
        assert!(q("1Ki").is_integer());
        // Saturates instead of overflowing.
        assert_eq!(q("1e400").nanos(), MAX_NANOS);
        assert_eq!(
            q("99999999999999999999999999999999999999999Ei").nanos(),
            MAX_NANOS
        );
        assert_eq!(q("1e-400").nanos(), 1);
        assert_eq!(
            q("0.000000000000000000000000000000000000000001Ki").nanos(),
            1
        );
    }
    /// `decQuantity(v, scale, format)` of apimachinery's tests.
    fn dec(v: i128, scale: i32, format: Format) -> Quantity {
        let nanos = if scale + 9 >= 0 {
            v * 10i128.pow((scale + 9) as u32)
        } else {
            v / 10i128.pow((-(scale + 9)) as u32)
        };
        Quantity::from_nanos(nanos, format)
    }

    /// Cases of apimachinery's `TestQuantityString`
    /// (k8s.io/apimachinery/pkg/api/resource/quantity_test.go) whose values
    /// fit in nano-units: the canonical form of a value in a format.
    #[test]
    fn canonical_form_as_apimachinery_prints_it() {
        use Format::*;
        let cases: &[(Quantity, &str)] = &[
            (dec(1024 * 1024 * 1024, 0, BinarySI), "1Gi"),
            (dec(300 * 1024 * 1024, 0, BinarySI), "300Mi"),
            (dec(6 * 1024, 0, BinarySI), "6Ki"),
            (dec(1001 * 1024 * 1024 * 1024, 0, BinarySI), "1001Gi"),
            (dec(1024 * 1024 * 1024 * 1024, 0, BinarySI), "1Ti"),
            (dec(5, 0, BinarySI), "5"),
            (dec(500, -3, BinarySI), "500m"),
            (dec(1, 9, DecimalSI), "1G"),
            (dec(1000, 6, DecimalSI), "1G"),
            (dec(1000000, 3, DecimalSI), "1G"),
            (dec(1000000000, 0, DecimalSI), "1G"),
            (dec(1, -3, DecimalSI), "1m"),
            (dec(80, -3, DecimalSI), "80m"),
            (dec(1080, -3, DecimalSI), "1080m"),
            (dec(108, -2, DecimalSI), "1080m"),
            (dec(10800, -4, DecimalSI), "1080m"),
            (dec(300, 6, DecimalSI), "300M"),
            (dec(1, 12, DecimalSI), "1T"),
            (dec(1234567, 6, DecimalSI), "1234567M"),
            (dec(1234567, -3, BinarySI), "1234567m"),
            (dec(3, 3, DecimalSI), "3k"),
            (dec(1025, 0, BinarySI), "1025"),
            (dec(1, -9, DecimalSI), "1n"),
            (dec(80, -9, DecimalSI), "80n"),
            (dec(1080, -9, DecimalSI), "1080n"),
            (dec(108, -8, DecimalSI), "1080n"),
            (dec(1, -6, DecimalSI), "1u"),
            (dec(80, -6, DecimalSI), "80u"),
            (dec(1080, -6, DecimalSI), "1080u"),
            (dec(1, 3, DecimalExponent), "1e3"),
            (dec(-1080, -3, DecimalSI), "-1080m"),
        ];
        for (q, want) in cases {
            assert_eq!(q.canonical(), *want, "{q:?}");
        }
    }

    /// apimachinery's `TestAdd` (quantity_test.go), in nano-units, and the
    /// format rule of `Quantity.Add`: the receiver's, or the addend's when
    /// the receiver is zero.
    #[test]
    fn adds_exactly_keeping_the_receivers_format() {
        use Format::*;
        let cases: &[(Quantity, Quantity, &str)] = &[
            (dec(10, 0, DecimalSI), dec(1, 1, DecimalSI), "20"),
            (dec(0, 0, DecimalSI), dec(50, 0, DecimalSI), "50"),
            (dec(50, 0, DecimalSI), dec(0, 0, DecimalSI), "50"),
            (dec(0, 0, DecimalSI), dec(0, 0, DecimalSI), "0"),
            (dec(10, 0, BinarySI), dec(1, -3, DecimalSI), "10001m"),
            // Zero receiver: the addend's format.
            (dec(0, 0, DecimalSI), q("1Gi"), "1Gi"),
            (q("1Gi"), q("512Mi"), "1536Mi"),
            (q("500m"), q("1500m"), "2"),
            (q("1Gi"), q("1G"), "2073741824"),
            (q("1G"), q("1Gi"), "2073741824"),
            (q("100m"), q("-100m"), "0"),
        ];
        for (a, b, want) in cases {
            assert_eq!(a.add(b).canonical(), *want, "{a:?} + {b:?}");
        }
        // Saturates at the cap rather than wrapping.
        assert_eq!(q("9e18").add(&q("9e18")).nanos(), MAX_NANOS);
    }

    /// apimachinery's `TestMul` (quantity_test.go), the cases that fit.
    #[test]
    fn multiplies_exactly_in_the_receivers_format() {
        use Format::*;
        let cases: &[(Quantity, i64, &str)] = &[
            (dec(10, 0, DecimalSI), 10, "100"),
            (dec(10, 0, DecimalSI), 1, "10"),
            (dec(10, 0, BinarySI), 1, "10"),
            (dec(0, 0, DecimalSI), 50, "0"),
            (dec(50, 0, DecimalSI), 0, "0"),
            (dec(10, 0, DecimalSI), -10, "-100"),
            (dec(-10, 0, DecimalSI), 1, "-10"),
            (dec(10, 0, BinarySI), -1, "-10"),
            (dec(-50, 0, DecimalSI), -50, "2500"),
            (q("512Mi"), 4, "2Gi"),
            (q("250m"), 4, "1"),
            (q("1e3"), 3, "3e3"),
        ];
        for (a, n, want) in cases {
            assert_eq!(a.mul(*n).canonical(), *want, "{a:?} * {n}");
        }
        assert_eq!(q("9e18").mul(2).nanos(), MAX_NANOS);
        assert_eq!(q("1500m").milli_value(), 1500);
        assert_eq!(q("1n").milli_value(), 1);
    }
}
