//! Floor area in hundredths of a square metre. Korean law has used m² since
//! 2007, but everyone at the centre still thinks in 평, so both are shown.

use std::fmt;

use serde::Serialize;

use super::invalid::Problem;
use super::money::group;

/// Hundredths of m²: `Area(6612)` is 66.12 m².
/// Serialized as square metres (`66.12`), the unit people read and type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Area(pub i64);

impl Serialize for Area {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.0 as f64 / 100.0)
    }
}

/// Serializes an area as its integer hundredths of m², for the rows whose
/// JSON has always carried them so (`"area": 6612`).
pub fn as_hundredths<S: serde::Serializer>(a: &Area, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i64(a.0)
}

impl Area {
    /// The centre building, 2,000 평.
    pub const BUILDING: Area = Area(661_157);
    /// The site, 3,000 평.
    pub const SITE: Area = Area(991_736);

    /// Parses `66.12`, `66.1`, `1,234.5` or `66` (m²): at most two decimals,
    /// positive, and no larger than the site.
    pub fn from_m2(raw: &str) -> Result<Area, Problem> {
        const EXAMPLE: Problem = Problem::Format { example: "66.12" };
        let s: String = raw.trim().trim_end_matches("m²").trim_end_matches("m2").trim().replace(',', "");
        let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
        if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(EXAMPLE);
        }
        if s.contains('.') && frac.is_empty() {
            return Err(EXAMPLE);
        }
        if frac.len() > 2 {
            return Err(Problem::TooManyDecimals { max: 2 });
        }
        let range = Problem::Between { min: "0.01", max: "9,917.36" };
        let whole: i64 = whole.parse().map_err(|_| range.clone())?;
        let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| EXAMPLE)?;
        let area = whole.checked_mul(100).and_then(|w| w.checked_add(frac)).ok_or(range.clone())?;
        if area == 0 || area > Area::SITE.0 {
            return Err(range);
        }
        Ok(Area(area))
    }

    /// Hundredths of a 평, rounded half up: 1 평 = 400/121 m².
    pub fn pyeong_hundredths(self) -> i64 {
        let n = i128::from(self.0) * 121;
        let q = (n * 2 + 400) / 800;
        if n < 0 { -(((-n) * 2 + 400) / 800) as i64 } else { q as i64 }
    }

    /// `66.12`
    pub fn m2_text(self) -> String {
        hundredths(self.0)
    }

    /// `20.00`
    pub fn pyeong_text(self) -> String {
        hundredths(self.pyeong_hundredths())
    }

    pub fn checked_add(self, other: Area) -> Option<Area> {
        self.0.checked_add(other.0).map(Area)
    }
}

fn hundredths(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    let a = n.unsigned_abs();
    format!("{sign}{}.{:02}", group(i128::from(a / 100)), a % 100)
}

impl fmt::Display for Area {
    /// `66.12 m² (20.00평)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} m² ({}평)", self.m2_text(), self.pyeong_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_centre_in_pyeong() {
        assert_eq!(Area::BUILDING.to_string(), "6,611.57 m² (2,000.00평)");
        assert_eq!(Area::SITE.to_string(), "9,917.36 m² (3,000.00평)");
        assert_eq!(Area(6612).to_string(), "66.12 m² (20.00평)");
    }

    #[test]
    fn parses_m2() {
        assert_eq!(Area::from_m2("66.12"), Ok(Area(6612)));
        assert_eq!(Area::from_m2("66.1"), Ok(Area(6610)));
        assert_eq!(Area::from_m2("66"), Ok(Area(6600)));
        assert_eq!(Area::from_m2("1,234.50 m²"), Ok(Area(123_450)));
        assert_eq!(Area::from_m2("66.123"), Err(Problem::TooManyDecimals { max: 2 }));
        assert_eq!(Area::from_m2("0"), Err(Problem::Between { min: "0.01", max: "9,917.36" }));
        assert_eq!(Area::from_m2(&Area::SITE.m2_text()), Ok(Area::SITE));
        assert_eq!(Area::SITE.m2_text(), "9,917.36", "the bound named in the refusal");
        assert!(Area::from_m2("-5").is_err());
        assert!(Area::from_m2("66.").is_err());
        assert!(Area::from_m2("abc").is_err());
        assert!(Area::from_m2("99999999999999999999").is_err());
        assert!(Area::from_m2("9917.37").is_err());
    }

    proptest! {
        #[test]
        fn m2_text_parses_back(n in 1i64..=Area::SITE.0) {
            prop_assert_eq!(Area::from_m2(&Area(n).m2_text()), Ok(Area(n)));
        }

        #[test]
        fn pyeong_is_within_half_a_hundredth(n in 0i64..100_000_000) {
            let exact = n as f64 * 121.0 / 400.0;
            prop_assert!((Area(n).pyeong_hundredths() as f64 - exact).abs() <= 0.5 + 1e-9);
        }

        #[test]
        fn pyeong_grows_with_area(a in 0i64..10_000_000, d in 0i64..1000) {
            prop_assert!(Area(a).pyeong_hundredths() <= Area(a + d).pyeong_hundredths());
        }
    }
}
