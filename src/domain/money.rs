//! Money in whole won. Korean invoices have no subunit, so an `i64` of won is
//! exact; arithmetic is checked so an overflow is an error, never a wrap.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::invalid::{Field, ForField, Invalid, Problem};
use super::text::{self, caps};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Won(pub i64);

impl Won {
    pub const ZERO: Won = Won(0);
    /// The largest amount kiln takes as typed: 1,000조원, beyond any rent,
    /// rate or yearly figure of the centre, and small enough that the sums of
    /// statements and reports over many of them stay far from `i64::MAX`.
    pub const LIMIT: Won = Won(1_000_000_000_000_000);

    pub fn checked_add(self, other: Won) -> Option<Won> {
        self.0.checked_add(other.0).map(Won)
    }

    pub fn checked_sub(self, other: Won) -> Option<Won> {
        self.0.checked_sub(other.0).map(Won)
    }

    pub fn checked_mul(self, n: i64) -> Option<Won> {
        self.0.checked_mul(n).map(Won)
    }

    /// VAT (부가세) on a supply amount: 10 %, truncated toward zero, as the
    /// National Tax Service computes it on a tax invoice.
    pub fn vat(self) -> Won {
        Won(self.0 / 10)
    }

    /// Parses an amount typed by a person: digits with optional thousands
    /// commas and an optional trailing `원`. Negative amounts are refused; a
    /// credit is a separate kind of line, not a minus sign.
    pub fn parse(raw: &str) -> Result<Won, Problem> {
        const EXAMPLE: Problem = Problem::Format { example: "1,234,500" };
        let s = raw.trim();
        let s = s.strip_suffix('원').unwrap_or(s).trim_end();
        if s.is_empty() || s.starts_with(',') || s.ends_with(',') {
            return Err(EXAMPLE);
        }
        let digits: String = s.chars().filter(|&c| c != ',').collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(EXAMPLE);
        }
        let range = Problem::OutOfRange { min: 0, max: Won::LIMIT.0 };
        match digits.parse::<i64>() {
            Ok(n) if n <= Won::LIMIT.0 => Ok(Won(n)),
            _ => Err(range),
        }
    }

    /// `12억 3,450만원`: the way a Korean reads a large sum. Amounts under 10,000
    /// are written in full (`5,000원`).
    pub fn korean(self) -> String {
        const UNITS: [(i128, &str); 3] = [(1_000_000_000_000, "조"), (100_000_000, "억"), (10_000, "만")];
        let n = i128::from(self.0);
        let sign = if n < 0 { "-" } else { "" };
        let mut rest = n.abs();
        let mut parts = Vec::new();
        for (unit, name) in UNITS {
            if rest >= unit {
                parts.push(format!("{}{name}", group(rest / unit)));
                rest %= unit;
            }
        }
        if rest > 0 || parts.is_empty() {
            parts.push(group(rest));
        }
        format!("{sign}{}원", parts.join(" "))
    }
}

/// A sum that must be given, typed for `field`: empty is refused, never
/// read as 0 won (a lease signed at rent 0 by an empty `--rent ""`).
pub fn required_won(raw: &str, field: Field) -> Result<Won, Invalid> {
    let t = text::clean(raw, caps::NOTE).field(field, raw)?;
    if t.is_empty() {
        return Err(Invalid::new(field, raw, Problem::Empty));
    }
    Won::parse(&t).field(field, raw)
}

/// A sum that may be left out: `None` is absent, but one given empty is
/// refused like [`required_won`].
pub fn optional_won(raw: Option<&str>, field: Field) -> Result<Option<Won>, Invalid> {
    raw.map(|r| required_won(r, field)).transpose()
}

/// Thousands separators, e.g. `1,234,500`.
pub fn group(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Won {
    /// `1,234,500원`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}원", group(i128::from(self.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_with_separators() {
        assert_eq!(Won(1_234_500).to_string(), "1,234,500원");
        assert_eq!(Won(0).to_string(), "0원");
        assert_eq!(Won(999).to_string(), "999원");
        assert_eq!(Won(-1_000).to_string(), "-1,000원");
        assert_eq!(Won(i64::MIN).to_string(), "-9,223,372,036,854,775,808원");
    }

    #[test]
    fn formats_in_korean_units() {
        assert_eq!(Won(1_234_500_000).korean(), "12억 3,450만원");
        assert_eq!(Won(1_234_500).korean(), "123만 4,500원");
        assert_eq!(Won(100_000_000).korean(), "1억원");
        assert_eq!(Won(5_000).korean(), "5,000원");
        assert_eq!(Won(0).korean(), "0원");
        assert_eq!(Won(200_000_000_000).korean(), "2,000억원");
        assert_eq!(Won(1_500_000_000_000).korean(), "1조 5,000억원");
        assert_eq!(Won(-30_000).korean(), "-3만원");
    }

    #[test]
    fn an_empty_sum_is_refused_not_zero() {
        for blank in ["", "  ", "\u{3000}"] {
            let e = required_won(blank, Field::Rent).unwrap_err();
            assert_eq!((e.field, e.problem), (Field::Rent, Problem::Empty), "{blank:?}");
            assert_eq!(optional_won(Some(blank), Field::Deposit).unwrap_err().field, Field::Deposit);
        }
        assert_eq!(optional_won(None, Field::Deposit), Ok(None));
        assert_eq!(optional_won(Some("0"), Field::Deposit), Ok(Some(Won(0))));
        assert_eq!(required_won(" 660,000원 ", Field::Rent), Ok(Won(660_000)));
    }

    #[test]
    fn vat_is_truncated() {
        assert_eq!(Won(990_000).vat(), Won(99_000));
        assert_eq!(Won(12_345).vat(), Won(1_234));
        assert_eq!(Won(9).vat(), Won(0));
    }

    #[test]
    fn parses_typed_amounts() {
        assert_eq!(Won::parse("1,234,500"), Ok(Won(1_234_500)));
        assert_eq!(Won::parse("660000원"), Ok(Won(660_000)));
        assert_eq!(Won::parse(" 0 "), Ok(Won(0)));
        assert!(Won::parse("-5").is_err());
        assert!(Won::parse("1.5").is_err());
        assert!(Won::parse("").is_err());
        assert!(Won::parse("99999999999999999999").is_err());
        assert_eq!(Won::parse("1,000,000,000,000,000"), Ok(Won::LIMIT));
        assert_eq!(Won::parse("1000000000000001"), Err(Problem::OutOfRange { min: 0, max: Won::LIMIT.0 }));
        assert!(Won::parse(&i64::MAX.to_string()).is_err());
    }

    #[test]
    fn checked_arithmetic_does_not_wrap() {
        assert_eq!(Won(i64::MAX).checked_add(Won(1)), None);
        assert_eq!(Won(i64::MIN).checked_sub(Won(1)), None);
        assert_eq!(Won(i64::MAX).checked_mul(2), None);
        assert_eq!(Won(3).checked_mul(4), Some(Won(12)));
    }

    proptest! {
        #[test]
        fn vat_is_a_tenth_truncated(n in 0i64..1_000_000_000_000) {
            let v = Won(n).vat().0;
            prop_assert!(v * 10 <= n && n < (v + 1) * 10);
        }

        #[test]
        fn display_parses_back(n in 0i64..=Won::LIMIT.0) {
            prop_assert_eq!(Won::parse(&Won(n).to_string()), Ok(Won(n)));
        }

        #[test]
        fn korean_units_read_back(n in 0i64..10_000_000_000_000_000) {
            // Reading the units back gives the same number.
            let s = Won(n).korean();
            let mut total: i128 = 0;
            for part in s.trim_end_matches('원').split(' ') {
                let (digits, unit) = match part.char_indices().last() {
                    Some((i, '조')) => (&part[..i], 1_000_000_000_000i128),
                    Some((i, '억')) => (&part[..i], 100_000_000),
                    Some((i, '만')) => (&part[..i], 10_000),
                    _ => (part, 1),
                };
                let v: i128 = digits.replace(',', "").parse().unwrap();
                prop_assert!(unit == 1_000_000_000_000 || v < 10_000);
                total += v * unit;
            }
            prop_assert_eq!(total, i128::from(n));
        }
    }
}
