//! Half-open periods `[start, end)`: 09:00–12:00 and 12:00–15:00 touch but do
//! not clash. Bookings and downtime use minutes; leases use dates.

use std::fmt;

use chrono::NaiveDate;

use super::invalid::Problem;
use super::time::Minute;

/// `[start, end)` with `start < end`; an empty or backwards period cannot be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period<T = Minute> {
    start: T,
    end: T,
}

impl<T: Ord + Copy> Period<T> {
    pub fn new(start: T, end: T) -> Result<Self, Problem> {
        if end <= start {
            return Err(Problem::EndNotAfterStart);
        }
        Ok(Self { start, end })
    }

    pub fn start(&self) -> T {
        self.start
    }

    pub fn end(&self) -> T {
        self.end
    }

    /// True if the two share any instant. Touching periods do not overlap.
    pub fn overlaps(&self, other: &Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True if one ends exactly where the other starts.
    pub fn touches(&self, other: &Self) -> bool {
        self.end == other.start || other.end == self.start
    }

    /// True if `t` lies in `[start, end)`.
    pub fn contains(&self, t: T) -> bool {
        self.start <= t && t < self.end
    }

    /// True if all of `other` lies within this period.
    pub fn covers(&self, other: &Self) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The common part, if any.
    pub fn intersection(&self, other: &Self) -> Option<Self> {
        Self::new(self.start.max(other.start), self.end.min(other.end)).ok()
    }
}

impl Period<Minute> {
    pub fn minutes(&self) -> i64 {
        self.end.0 - self.start.0
    }

    /// `2026-12-11 13:00–15:00`; a period that ends on another day names
    /// that day too (`2026-12-11 22:00–2026-12-12 03:00`), so a night's
    /// booking never reads as ending before it starts.
    pub fn text(&self) -> String {
        format!("{} {}", self.start.date(), self.times())
    }

    /// The times alone, for a line that already says the day: `13:00–15:00`,
    /// or `22:00–2026-12-12 03:00` when it ends on another day.
    pub fn times(&self) -> String {
        let hm = |m: Minute| m.to_datetime().format("%H:%M").to_string();
        if self.end.date() == self.start.date() {
            format!("{}–{}", hm(self.start), hm(self.end))
        } else {
            format!("{}–{}", hm(self.start), self.end)
        }
    }
}

/// [`Period::text`] of a start and an end as stored; a pair that is no
/// period (a hand-edited row) is shown as it is.
pub fn shown(start: Minute, end: Minute) -> String {
    Period::new(start, end).map_or_else(|_| format!("{start}–{end}"), |p| p.text())
}

/// [`Period::times`] of a start and an end as stored.
pub fn shown_times(start: Minute, end: Minute) -> String {
    Period::new(start, end).map_or_else(|_| format!("{start}–{end}"), |p| p.times())
}

impl Period<NaiveDate> {
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days()
    }
}

impl<T: fmt::Display> fmt::Display for Period<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(a: i64, b: i64) -> Period {
        Period::new(Minute(a), Minute(b)).unwrap()
    }

    #[test]
    fn touching_is_not_overlapping() {
        let morning = p(540, 720);
        let afternoon = p(720, 900);
        assert!(!morning.overlaps(&afternoon));
        assert!(morning.touches(&afternoon));
        assert!(morning.overlaps(&p(719, 721)));
        assert!(morning.contains(Minute(540)));
        assert!(!morning.contains(Minute(720)));
    }

    #[test]
    fn empty_and_backwards_are_refused() {
        assert_eq!(Period::new(Minute(5), Minute(5)), Err(Problem::EndNotAfterStart));
        assert_eq!(Period::new(Minute(6), Minute(5)), Err(Problem::EndNotAfterStart));
    }

    #[test]
    fn date_periods_count_days() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(Period::new(d(1, 1), d(2, 1)).unwrap().days(), 31);
        assert_eq!(p(540, 720).minutes(), 180);
    }

    #[test]
    fn a_period_over_midnight_names_both_days() {
        let m = |s: &str| Minute::parse(s).unwrap();
        assert_eq!(shown(m("2026-12-11 13:00"), m("2026-12-11 15:00")), "2026-12-11 13:00–15:00");
        assert_eq!(shown_times(m("2026-12-11 13:00"), m("2026-12-11 15:00")), "13:00–15:00");
        assert_eq!(shown_times(m("2026-12-11 22:00"), m("2026-12-12 00:00")), "22:00–2026-12-12 00:00");
        assert_eq!(shown(m("2026-12-11 13:00"), m("2026-12-12 03:00")), "2026-12-11 13:00–2026-12-12 03:00");
        assert_eq!(shown(m("2026-12-11 15:00"), m("2026-12-11 13:00")), "2026-12-11 15:00–2026-12-11 13:00");
    }

    fn period() -> impl Strategy<Value = Period> {
        (0i64..10_000, 1i64..500).prop_map(|(s, len)| p(s, s + len))
    }

    proptest! {
        #[test]
        fn overlap_is_symmetric(a in period(), b in period()) {
            prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
            prop_assert_eq!(a.touches(&b), b.touches(&a));
        }

        #[test]
        fn overlap_means_a_shared_minute(a in period(), b in period()) {
            let shared = (a.start().0..a.end().0).any(|t| b.contains(Minute(t)));
            prop_assert_eq!(a.overlaps(&b), shared);
            prop_assert_eq!(a.intersection(&b).is_some(), shared);
        }

        #[test]
        fn touching_never_overlaps(a in period(), len in 1i64..500) {
            let b = p(a.end().0, a.end().0 + len);
            prop_assert!(a.touches(&b) && !a.overlaps(&b));
        }

        #[test]
        fn covers_implies_overlaps(a in period(), b in period()) {
            if a.covers(&b) {
                prop_assert!(a.overlaps(&b));
                prop_assert_eq!(a.intersection(&b), Some(b));
            }
        }
    }
}
