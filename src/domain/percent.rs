//! A share or a discount in basis points (1 % = 100 bp), so that 12.5 % is
//! exact and a share of an amount in won is one integer division.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::Won;
use super::invalid::Problem;

/// 0 ..= 100 %, held as basis points: `Percent` of 1,250 bp is 12.5 %.
/// The field is private so that a value outside the range cannot be made:
/// [`Percent::from_bp`] and [`Percent::parse`] refuse it, and so does reading
/// one back from JSON, where it is the bare number of basis points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Percent(i64);

impl Percent {
    pub const ZERO: Percent = Percent(0);
    /// 100 %.
    pub const ALL: Percent = Percent(Percent::BP_MAX);
    /// Basis points in 100 %.
    pub const BP_MAX: i64 = 10_000;

    /// `bp` basis points, refused outside 0 ..= 10,000 (0 to 100 %).
    pub fn from_bp(bp: i64) -> Result<Percent, Problem> {
        if (0..=Percent::BP_MAX).contains(&bp) {
            Ok(Percent(bp))
        } else {
            Err(Problem::OutOfRange { min: 0, max: 100 })
        }
    }

    pub fn bp(self) -> i64 {
        self.0
    }

    /// Parses a percentage as people type it: `30`, `30%`, `30 %`, `12.5`,
    /// `12.5 %`, `0`; at most two decimals. Above 100 % or below 0 % is out of
    /// range; anything else that is not a number is refused with an example.
    pub fn parse(raw: &str) -> Result<Percent, Problem> {
        const EXAMPLE: Problem = Problem::Format { example: "30 %" };
        const RANGE: Problem = Problem::OutOfRange { min: 0, max: 100 };
        let s = raw.trim();
        let s = s.strip_suffix('%').or_else(|| s.strip_suffix('％')).unwrap_or(s).trim_end();
        let (negative, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, s),
        };
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(frac) || (s.contains('.') && frac.is_empty()) {
            return Err(EXAMPLE);
        }
        if frac.len() > 2 {
            return Err(Problem::TooManyDecimals { max: 2 });
        }
        // Too many digits for an i64 is far beyond 100 % all the same.
        let whole: i64 = whole.parse().map_err(|_| RANGE)?;
        let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| EXAMPLE)?;
        let bp = whole.checked_mul(100).and_then(|w| w.checked_add(frac)).ok_or(RANGE)?;
        if negative && bp > 0 {
            return Err(RANGE);
        }
        Percent::from_bp(bp).map_err(|_| RANGE)
    }

    /// This share of `amount`: amount × bp / 10,000, truncated toward zero
    /// (the party is never charged a won the rule does not give). Computed in
    /// i128, so it cannot overflow for any `i64` amount, and its size is at
    /// most the amount's.
    pub fn of(self, amount: Won) -> Won {
        let share = i128::from(amount.0) * i128::from(self.0) / i128::from(Percent::BP_MAX);
        Won(share as i64)
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let bp = i64::deserialize(d)?;
        Percent::from_bp(bp).map_err(|_| {
            serde::de::Error::custom(format!("{bp} basis points is not a percentage from 0 to 10,000 bp (100 %)"))
        })
    }
}

impl fmt::Display for Percent {
    /// `30 %`, `12.5 %`, `12.25 %`: as few decimals as the value needs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        if frac == 0 {
            write!(f, "{whole} %")
        } else if frac % 10 == 0 {
            write!(f, "{whole}.{} %", frac / 10)
        } else {
            write!(f, "{whole}.{frac:02} %")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(bp: i64) -> Percent {
        Percent::from_bp(bp).unwrap()
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(Percent::parse("30"), Ok(p(3_000)));
        assert_eq!(Percent::parse("30%"), Ok(p(3_000)));
        assert_eq!(Percent::parse(" 30 % "), Ok(p(3_000)));
        assert_eq!(Percent::parse("30％"), Ok(p(3_000)));
        assert_eq!(Percent::parse("12.5"), Ok(p(1_250)));
        assert_eq!(Percent::parse("12.5 %"), Ok(p(1_250)));
        assert_eq!(Percent::parse("12.25"), Ok(p(1_225)));
        assert_eq!(Percent::parse("0.01"), Ok(p(1)));
        assert_eq!(Percent::parse("0"), Ok(Percent::ZERO));
        assert_eq!(Percent::parse("-0"), Ok(Percent::ZERO));
        assert_eq!(Percent::parse("100"), Ok(Percent::ALL));
        assert_eq!(Percent::parse("100.00 %"), Ok(Percent::ALL));
    }

    #[test]
    fn refuses_what_is_not_a_share() {
        let range = Problem::OutOfRange { min: 0, max: 100 };
        let example = Problem::Format { example: "30 %" };
        assert_eq!(Percent::parse("100.01"), Err(range.clone()));
        assert_eq!(Percent::parse("150 %"), Err(range.clone()));
        assert_eq!(Percent::parse("-5"), Err(range.clone()));
        assert_eq!(Percent::parse("-0.5 %"), Err(range.clone()));
        assert_eq!(Percent::parse("99999999999999999999"), Err(range));
        assert_eq!(Percent::parse("12.345"), Err(Problem::TooManyDecimals { max: 2 }));
        for bad in ["", "%", "abc", "30.", ".5", "12,5", "30 %%", "+5", "3 0", "1e2", "삼십"] {
            assert_eq!(Percent::parse(bad), Err(example.clone()), "{bad:?}");
        }
    }

    #[test]
    fn displays_with_the_decimals_it_needs() {
        assert_eq!(p(3_000).to_string(), "30 %");
        assert_eq!(p(1_250).to_string(), "12.5 %");
        assert_eq!(p(1_225).to_string(), "12.25 %");
        assert_eq!(p(5).to_string(), "0.05 %");
        assert_eq!(Percent::ZERO.to_string(), "0 %");
        assert_eq!(Percent::ALL.to_string(), "100 %");
    }

    #[test]
    fn a_share_of_won_is_truncated() {
        assert_eq!(p(3_000).of(Won(100_000)), Won(30_000));
        assert_eq!(p(1_250).of(Won(10_001)), Won(1_250), "1,250.125 → 1,250");
        assert_eq!(p(7_000).of(Won(33)), Won(23), "23.1 → 23");
        assert_eq!(p(1).of(Won(9_999)), Won(0));
        assert_eq!(Percent::ALL.of(Won::LIMIT), Won::LIMIT);
        assert_eq!(Percent::ALL.of(Won(i64::MAX)), Won(i64::MAX), "no overflow in i128");
        assert_eq!(p(9_999).of(Won(i64::MAX)), Won(((i128::from(i64::MAX) * 9_999) / 10_000) as i64));
        assert_eq!(p(5_000).of(Won(-3)), Won(-1), "toward zero");
    }

    #[test]
    fn json_is_the_bare_basis_points_and_is_checked_on_reading() {
        assert_eq!(serde_json::to_string(&p(1_250)).unwrap(), "1250");
        assert_eq!(serde_json::from_str::<Percent>("1250").unwrap(), p(1_250));
        assert!(serde_json::from_str::<Percent>("10001").is_err());
        assert!(serde_json::from_str::<Percent>("-1").is_err());
        assert_eq!(Percent::from_bp(10_001), Err(Problem::OutOfRange { min: 0, max: 100 }));
    }

    proptest! {
        #[test]
        fn display_parses_back(bp in 0i64..=10_000) {
            prop_assert_eq!(Percent::parse(&p(bp).to_string()), Ok(p(bp)));
        }

        #[test]
        fn a_share_is_within_a_won_of_exact_and_never_more_than_the_whole(bp in 0i64..=10_000, n in 0i64..=Won::LIMIT.0) {
            let s = p(bp).of(Won(n)).0;
            let exact = i128::from(n) * i128::from(bp);
            prop_assert!(0 <= s && s <= n);
            prop_assert!(i128::from(s) * 10_000 <= exact && exact < (i128::from(s) + 1) * 10_000);
        }

        #[test]
        fn a_larger_share_is_never_less(a in 0i64..=10_000, b in 0i64..=10_000, n in 0i64..=Won::LIMIT.0) {
            let (lo, hi) = (a.min(b), a.max(b));
            prop_assert!(p(lo).of(Won(n)) <= p(hi).of(Won(n)));
        }
    }
}
