//! Civil time at the centre: Asia/Seoul (UTC+9, no daylight saving). Every
//! instant is a whole minute of KST; dates and minutes sort as their text.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use serde::{Serialize, Serializer};

use super::invalid::Problem;

/// The years kiln accepts in typed dates: wide enough for history and plans,
/// narrow enough that a slipped digit (20266) is caught.
pub const YEARS: std::ops::RangeInclusive<i32> = 1950..=2199;

const DATE_EXAMPLE: Problem = Problem::Format { example: "2026-12-01" };
const TIME_EXAMPLE: Problem = Problem::Format { example: "09:30" };
const INSTANT_EXAMPLE: Problem = Problem::Format { example: "2026-12-01 09:30" };

/// A minute of KST, counted from 1970-01-01 00:00 KST.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Minute(pub i64);

fn epoch() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default().and_time(NaiveTime::MIN)
}

impl Minute {
    pub fn from_datetime(dt: NaiveDateTime) -> Minute {
        Minute((dt - epoch()).num_minutes())
    }

    pub fn at(date: NaiveDate, hour: u32, minute: u32) -> Minute {
        let t = NaiveTime::from_hms_opt(hour.min(23), minute.min(59), 0).unwrap_or(NaiveTime::MIN);
        Minute::from_datetime(date.and_time(t))
    }

    pub fn to_datetime(self) -> NaiveDateTime {
        epoch() + chrono::Duration::minutes(self.0)
    }

    pub fn date(self) -> NaiveDate {
        self.to_datetime().date()
    }

    /// Minutes since midnight.
    pub fn minute_of_day(self) -> u32 {
        let t = self.to_datetime().time();
        t.hour() * 60 + t.minute()
    }

    /// `2026-12-01 09:30`; also accepts `T` between date and time and the
    /// date separators of [`parse_date`].
    pub fn parse(raw: &str) -> Result<Minute, Problem> {
        let s = raw.trim();
        let (d, t) = s.split_once([' ', 'T']).ok_or(INSTANT_EXAMPLE)?;
        // A day or a time that does not exist says so; any other slip shows the form.
        let shape = |p: Problem| if matches!(p, Problem::Format { .. }) { INSTANT_EXAMPLE } else { p };
        let date = parse_date(d).map_err(shape)?;
        let time = parse_time(t.trim()).map_err(shape)?;
        Ok(Minute::from_datetime(date.and_time(time)))
    }
}

impl fmt::Display for Minute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_datetime().format("%Y-%m-%d %H:%M"))
    }
}

impl Serialize for Minute {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A date as people type it: `2026-12-01`, `2026.12.01`, `2026. 12. 1.` or
/// `2026/12/01`. The month and day must exist (2026-02-30 is refused).
pub fn parse_date(raw: &str) -> Result<NaiveDate, Problem> {
    let s = raw.trim().trim_end_matches('.');
    let parts: Vec<&str> = s.split(['-', '.', '/']).map(str::trim).collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(DATE_EXAMPLE);
    };
    let num = |p: &str, len: std::ops::RangeInclusive<usize>| -> Result<u32, Problem> {
        if !len.contains(&p.len()) || !p.chars().all(|c| c.is_ascii_digit()) {
            return Err(DATE_EXAMPLE);
        }
        p.parse().map_err(|_| DATE_EXAMPLE)
    };
    let (y, m, d) = (num(y, 4..=4)?, num(m, 1..=2)?, num(d, 1..=2)?);
    let y = i32::try_from(y).map_err(|_| DATE_EXAMPLE)?;
    if !YEARS.contains(&y) {
        return Err(Problem::OutOfRange { min: i64::from(*YEARS.start()), max: i64::from(*YEARS.end()) });
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or(Problem::NoSuchDay)
}

/// `09:30`, `9:30`; 00:00 to 23:59 (24:00 is refused: a period ends at the
/// next day's 00:00).
pub fn parse_time(raw: &str) -> Result<NaiveTime, Problem> {
    let (h, m) = raw.trim().split_once(':').ok_or(TIME_EXAMPLE)?;
    let ok =
        |p: &str, len: std::ops::RangeInclusive<usize>| len.contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit());
    if !ok(h, 1..=2) || !ok(m, 2..=2) {
        return Err(TIME_EXAMPLE);
    }
    let (h, m): (u32, u32) = (h.parse().map_err(|_| TIME_EXAMPLE)?, m.parse().map_err(|_| TIME_EXAMPLE)?);
    NaiveTime::from_hms_opt(h, m, 0).ok_or(Problem::NoSuchTime)
}

/// `YYYY-MM-DD`, the form dates are stored and exported in.
pub fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Reads a date as stored; `None` if the text is not one.
pub fn stored_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Monday = 0 … Sunday = 6.
pub fn weekday_index(d: NaiveDate) -> usize {
    d.weekday().num_days_from_monday() as usize
}

pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_dates_people_type() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        for s in ["2026-12-01", "2026.12.01", "2026. 12. 1.", "2026/12/1", " 2026-12-01 "] {
            assert_eq!(parse_date(s), Ok(d), "{s}");
        }
        for s in ["2026-02-30", "2026-13-01", "26-12-01", "2026-12", "", "2026-12-01-01", "20266-01-01", "１９99-01-01"]
        {
            assert!(parse_date(s).is_err(), "{s}");
        }
        assert!(parse_date("1800-01-01").is_err());
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2026-02-29").is_err());
        assert_eq!(parse_date("2026-02-30"), Err(Problem::NoSuchDay));
        assert_eq!(parse_date("2026-13-01"), Err(Problem::NoSuchDay));
        assert_eq!(parse_date("tomorrow"), Err(DATE_EXAMPLE));
    }

    #[test]
    fn parses_times_and_refuses_24() {
        assert_eq!(parse_time("09:30"), Ok(NaiveTime::from_hms_opt(9, 30, 0).unwrap()));
        assert_eq!(parse_time("9:05"), Ok(NaiveTime::from_hms_opt(9, 5, 0).unwrap()));
        for s in ["24:00", "25:00", "12:60", "12", "12:5", "-1:00", "ab:cd"] {
            assert!(parse_time(s).is_err(), "{s}");
        }
    }

    #[test]
    fn instants_round_trip() {
        let m = Minute::parse("2026-12-01 09:30").unwrap();
        assert_eq!(m.to_string(), "2026-12-01 09:30");
        assert_eq!(Minute::parse("2026-12-01T09:30"), Ok(m));
        assert_eq!(m.minute_of_day(), 570);
        assert_eq!(m.date(), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert!(Minute::parse("2026-12-01").is_err());
        assert_eq!(Minute::parse("2026-12-01 24:00"), Err(Problem::NoSuchTime));
        assert_eq!(Minute::parse("2026-02-30 09:00"), Err(Problem::NoSuchDay));
        assert_eq!(Minute::parse("2026-12-01 9"), Err(INSTANT_EXAMPLE));
        assert_eq!(parse_time("25:00"), Err(Problem::NoSuchTime));
    }

    proptest! {
        #[test]
        fn minute_text_round_trips(n in -10_000_000i64..120_000_000) {
            let m = Minute(n);
            prop_assert_eq!(Minute::parse(&m.to_string()), Ok(m));
        }

        #[test]
        fn text_order_is_time_order(a in 0i64..100_000_000, b in 0i64..100_000_000) {
            prop_assert_eq!(Minute(a).cmp(&Minute(b)), Minute(a).to_string().cmp(&Minute(b).to_string()));
        }

        #[test]
        fn parse_date_never_panics(s in "\\PC{0,16}") {
            let _ = parse_date(&s);
            let _ = parse_time(&s);
            let _ = Minute::parse(&s);
        }
    }
}
