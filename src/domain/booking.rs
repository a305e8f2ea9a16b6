//! Bookings of a machine: the states a booking moves through, the machine's
//! rules a new booking must keep, and what actual use costs.

use chrono::NaiveDate;
use serde::Serialize;

use super::codes::BillingUnit;
use super::equipment::Rules;
use super::time::{Minute, weekday_index};
use super::{Period, Won};

/// The longest a booking may be: two weeks, the longest maximum a machine
/// may set (a kiln firing runs for days). The week calendar seeks this far
/// back for bookings that began before its week.
pub const LONGEST_MINUTES: i64 = 14 * 1440;

/// Where a booking is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BookingState {
    Requested,
    Approved,
    InUse,
    Completed,
    Rejected,
    Cancelled,
    NoShow,
}

/// A move from one state to another, each a use case of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transition {
    Approve,
    Reject,
    Cancel,
    CheckIn,
    CheckOut,
    NoShow,
    /// A no-show taken back by a manager, with a reason: the person came
    /// late, after the grace.
    Revert,
}

impl BookingState {
    pub const ALL: [BookingState; 7] = [
        BookingState::Requested,
        BookingState::Approved,
        BookingState::InUse,
        BookingState::Completed,
        BookingState::Rejected,
        BookingState::Cancelled,
        BookingState::NoShow,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BookingState::Requested => "requested",
            BookingState::Approved => "approved",
            BookingState::InUse => "in-use",
            BookingState::Completed => "completed",
            BookingState::Rejected => "rejected",
            BookingState::Cancelled => "cancelled",
            BookingState::NoShow => "no-show",
        }
    }

    pub fn parse(raw: &str) -> Option<BookingState> {
        let s = raw.trim().to_ascii_lowercase().replace('_', "-");
        BookingState::ALL.into_iter().find(|b| b.code() == s)
    }

    /// Requested, approved and in-use bookings hold their time: no other
    /// booking or downtime of the machine may overlap them.
    pub fn is_active(self) -> bool {
        matches!(self, BookingState::Requested | BookingState::Approved | BookingState::InUse)
    }

    /// The state a transition leads to, or `None` if it cannot happen from here.
    pub fn apply(self, t: Transition) -> Option<BookingState> {
        use BookingState as S;
        use Transition as T;
        match (self, t) {
            (S::Requested, T::Approve) | (S::NoShow, T::Revert) => Some(S::Approved),
            (S::Requested, T::Reject) => Some(S::Rejected),
            (S::Requested | S::Approved, T::Cancel) => Some(S::Cancelled),
            (S::Approved, T::CheckIn) => Some(S::InUse),
            (S::Approved, T::NoShow) => Some(S::NoShow),
            (S::InUse, T::CheckOut) => Some(S::Completed),
            _ => None,
        }
    }
}

impl Serialize for BookingState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl Transition {
    pub fn code(self) -> &'static str {
        match self {
            Transition::Approve => "approve",
            Transition::Reject => "reject",
            Transition::Cancel => "cancel",
            Transition::CheckIn => "check-in",
            Transition::CheckOut => "check-out",
            Transition::NoShow => "no-show",
            Transition::Revert => "revert-no-show",
        }
    }
}

/// A machine rule a requested period breaks; the message names the rule and
/// what would be accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleBreak {
    /// Starts before now.
    Past,
    /// Starts sooner than the notice allows; `earliest` would do.
    Notice {
        minutes: u32,
        earliest: Minute,
    },
    /// Starts further ahead than the horizon; `latest` is the last day.
    Horizon {
        days: u32,
        latest: NaiveDate,
    },
    /// Not on the machine's slot grid.
    Granularity {
        slot: u32,
    },
    TooShort {
        min: u32,
    },
    TooLong {
        max: u32,
    },
    /// Outside the opening hours of that day (`None`: closed that weekday).
    OutsideHours {
        date: NaiveDate,
        hours: Option<(u32, u32)>,
    },
    /// A public holiday or a centre closed day.
    Closed {
        date: NaiveDate,
        name: String,
    },
}

/// Checks a requested period against the machine's rules. `closed(date)`
/// names the holiday or closed day on a date, if any.
pub fn check_rules(
    rules: &Rules,
    period: &Period,
    now: Minute,
    closed: &dyn Fn(NaiveDate) -> Option<String>,
) -> Result<(), RuleBreak> {
    let (start, end) = (period.start(), period.end());
    if start < now {
        return Err(RuleBreak::Past);
    }
    let earliest = Minute(now.0 + i64::from(rules.notice_minutes));
    if start < earliest {
        return Err(RuleBreak::Notice {
            minutes: rules.notice_minutes,
            earliest: next_on_grid(earliest, rules.slot_minutes),
        });
    }
    let latest = now.date() + chrono::Duration::days(i64::from(rules.horizon_days));
    if start.date() > latest {
        return Err(RuleBreak::Horizon { days: rules.horizon_days, latest });
    }
    let slot = i64::from(rules.slot_minutes.max(1));
    if start.0.rem_euclid(slot) != 0 || end.0.rem_euclid(slot) != 0 {
        return Err(RuleBreak::Granularity { slot: rules.slot_minutes });
    }
    let length = period.minutes();
    if length < i64::from(rules.min_minutes) {
        return Err(RuleBreak::TooShort { min: rules.min_minutes });
    }
    if length > i64::from(rules.max_minutes) {
        return Err(RuleBreak::TooLong { max: rules.max_minutes });
    }
    for day in days_touched(period) {
        if !rules.holidays_bookable
            && let Some(name) = closed(day)
        {
            return Err(RuleBreak::Closed { date: day, name });
        }
        let hours = rules.hours.on(weekday_index(day));
        let day_start = Minute::at(day, 0, 0).0;
        let from = (start.0.max(day_start) - day_start) as u32;
        let to = (end.0.min(day_start + 1440) - day_start) as u32;
        if !hours.is_some_and(|(open, close)| open <= from && to <= close) {
            return Err(RuleBreak::OutsideHours { date: day, hours });
        }
    }
    Ok(())
}

/// The period a walk-in takes: from `now` (someone is at the machine) to
/// `to` if given, else for the machine's shortest booking, ending on its grid.
pub fn walk_in_period(rules: &Rules, now: Minute, to: Option<Minute>) -> Result<Period, super::Problem> {
    let end = to.unwrap_or_else(|| next_on_grid(Minute(now.0 + i64::from(rules.min_minutes)), rules.slot_minutes));
    Period::new(now, end)
}

/// Checks a walk-in against the machine's rules: the notice and the grid of
/// the start do not apply (it starts now, and the manager is there), the
/// opening hours, closed days, lengths and the grid of the end do.
pub fn check_walk_in(
    rules: &Rules,
    period: &Period,
    closed: &dyn Fn(NaiveDate) -> Option<String>,
) -> Result<(), RuleBreak> {
    let slot = i64::from(rules.slot_minutes.max(1));
    let start = Minute(period.start().0.div_euclid(slot) * slot);
    let on_grid = Period::new(start, period.end()).map_err(|_| RuleBreak::TooShort { min: rules.min_minutes })?;
    let rules = Rules { notice_minutes: 0, ..*rules };
    check_rules(&rules, &on_grid, start, closed)
}

/// The dates a period has minutes on.
pub fn days_touched(period: &Period) -> Vec<NaiveDate> {
    let first = period.start().date();
    let last = Minute(period.end().0 - 1).date();
    first.iter_days().take_while(|d| *d <= last).collect()
}

/// The first grid minute at or after `m`.
pub fn next_on_grid(m: Minute, slot: u32) -> Minute {
    let slot = i64::from(slot.max(1));
    Minute((m.0 + slot - 1).div_euclid(slot) * slot)
}

/// Minutes charged for actual use: rounded up to the slot.
pub fn billable_minutes(actual: &Period, slot: u32) -> i64 {
    let slot = i64::from(slot.max(1));
    (actual.minutes() + slot - 1) / slot * slot
}

/// What actual use costs at `rate` per hour or per sample (VAT extra).
/// Hours are charged by the minute from the rate, truncated to the won.
pub fn charge(unit: BillingUnit, rate: Won, minutes: i64, samples: i64) -> Option<Won> {
    match unit {
        BillingUnit::Hour => rate.0.checked_mul(minutes).map(|w| Won(w / 60)),
        BillingUnit::Sample => rate.checked_mul(samples),
    }
}

/// The same period on each of `weeks` weeks, the first included.
pub fn weekly(first: &Period, weeks: u32) -> Vec<Period> {
    (0..i64::from(weeks))
        .filter_map(|w| Period::new(Minute(first.start().0 + w * 7 * 1440), Minute(first.end().0 + w * 7 * 1440)).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_walk_in_starts_now_off_the_grid_without_notice() {
        let rules = Rules { notice_minutes: 24 * 60, ..Rules::default() };
        let now = Minute::parse("2026-12-07 10:07").unwrap();
        let p = walk_in_period(&rules, now, None).unwrap();
        assert_eq!(
            (p.start().to_string(), p.end().to_string()),
            ("2026-12-07 10:07".into(), "2026-12-07 11:00".into())
        );
        assert_eq!(check_walk_in(&rules, &p, &|_| None), Ok(()));
        // A new booking at the same moment breaks the notice and the grid.
        assert!(check_rules(&rules, &p, now, &|_| None).is_err());
        // Opening hours still hold.
        let late = Minute::parse("2026-12-07 21:07").unwrap();
        let p = walk_in_period(&rules, late, None).unwrap();
        assert!(matches!(check_walk_in(&rules, &p, &|_| None), Err(RuleBreak::OutsideHours { .. })));
    }

    use super::*;
    use crate::domain::equipment::WeekHours;
    use proptest::prelude::*;

    fn m(s: &str) -> Minute {
        Minute::parse(s).unwrap()
    }

    fn p(a: &str, b: &str) -> Period {
        Period::new(m(a), m(b)).unwrap()
    }

    const NOW: &str = "2026-11-26 10:00";

    fn none(_: NaiveDate) -> Option<String> {
        None
    }

    fn christmas(d: NaiveDate) -> Option<String> {
        (d == NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()).then(|| "기독탄신일".to_owned())
    }

    #[test]
    fn a_booking_within_the_rules_passes() {
        assert_eq!(check_rules(&Rules::default(), &p("2026-12-01 09:00", "2026-12-01 12:00"), m(NOW), &none), Ok(()));
    }

    #[test]
    fn each_rule_refuses_with_what_would_do() {
        let r = Rules::default();
        let check = |a: &str, b: &str| check_rules(&r, &p(a, b), m(NOW), &christmas);
        assert_eq!(check("2026-11-26 09:00", "2026-11-26 10:00"), Err(RuleBreak::Past));
        assert_eq!(
            check("2026-11-26 10:30", "2026-11-26 11:30"),
            Err(RuleBreak::Notice { minutes: 60, earliest: m("2026-11-26 11:00") })
        );
        assert!(matches!(check("2027-02-01 09:00", "2027-02-01 10:00"), Err(RuleBreak::Horizon { days: 60, .. })));
        assert_eq!(check("2026-12-01 09:15", "2026-12-01 10:00"), Err(RuleBreak::Granularity { slot: 30 }));
        assert_eq!(check("2026-12-01 09:00", "2026-12-01 18:00"), Err(RuleBreak::TooLong { max: 480 }));
        let short = Rules { min_minutes: 60, ..r };
        assert_eq!(
            check_rules(&short, &p("2026-12-01 09:00", "2026-12-01 09:30"), m(NOW), &none),
            Err(RuleBreak::TooShort { min: 60 })
        );
        assert!(matches!(check("2026-12-01 17:00", "2026-12-01 19:00"), Err(RuleBreak::OutsideHours { .. })));
        assert!(
            matches!(check("2026-12-05 10:00", "2026-12-05 11:00"), Err(RuleBreak::OutsideHours { hours: None, .. })),
            "Saturday"
        );
        assert!(matches!(check("2026-12-25 10:00", "2026-12-25 11:00"), Err(RuleBreak::Closed { .. })));
        let open = Rules { holidays_bookable: true, hours: WeekHours::ALWAYS, ..r };
        assert_eq!(check_rules(&open, &p("2026-12-25 10:00", "2026-12-25 11:00"), m(NOW), &christmas), Ok(()));
    }

    #[test]
    fn a_firing_across_midnight_needs_both_days_open() {
        let kiln = Rules { hours: WeekHours::ALWAYS, max_minutes: 3 * 1440, ..Rules::default() };
        assert_eq!(check_rules(&kiln, &p("2026-12-01 18:00", "2026-12-03 06:00"), m(NOW), &none), Ok(()));
        let weekdays = Rules { hours: WeekHours::parse("mon-fri 00:00-24:00").unwrap(), ..kiln };
        assert!(matches!(
            check_rules(&weekdays, &p("2026-12-04 18:00", "2026-12-05 06:00"), m(NOW), &none),
            Err(RuleBreak::OutsideHours { .. })
        ));
    }

    #[test]
    fn the_state_machine() {
        use BookingState as S;
        use Transition as T;
        assert_eq!(S::Requested.apply(T::Approve), Some(S::Approved));
        assert_eq!(S::Approved.apply(T::CheckIn), Some(S::InUse));
        assert_eq!(S::InUse.apply(T::CheckOut), Some(S::Completed));
        assert_eq!(S::Approved.apply(T::NoShow), Some(S::NoShow));
        for illegal in [
            (S::Requested, T::CheckIn),
            (S::Completed, T::Cancel),
            (S::Cancelled, T::Approve),
            (S::InUse, T::Cancel),
            (S::Rejected, T::Approve),
            (S::NoShow, T::CheckIn),
        ] {
            assert_eq!(illegal.0.apply(illegal.1), None, "{illegal:?}");
        }
        assert!(S::InUse.is_active() && !S::Completed.is_active() && !S::Cancelled.is_active());
    }

    #[test]
    fn charges_come_from_actual_use() {
        let actual = p("2026-12-01 09:05", "2026-12-01 11:20");
        assert_eq!(billable_minutes(&actual, 30), 150);
        assert_eq!(charge(BillingUnit::Hour, Won(60_000), 150, 0), Some(Won(150_000)));
        assert_eq!(charge(BillingUnit::Sample, Won(20_000), 150, 3), Some(Won(60_000)));
        assert_eq!(charge(BillingUnit::Hour, Won(i64::MAX), 150, 0), None);
    }

    #[test]
    fn weekly_series() {
        let first = p("2026-12-01 09:00", "2026-12-01 12:00");
        let all = weekly(&first, 8);
        assert_eq!(all.len(), 8);
        assert_eq!(all[7].start().to_string(), "2027-01-19 09:00");
    }

    proptest! {
        #[test]
        fn only_legal_transitions_exist(s in prop::sample::select(BookingState::ALL.to_vec()), t in prop::sample::select(vec![Transition::Approve, Transition::Reject, Transition::Cancel, Transition::CheckIn, Transition::CheckOut, Transition::NoShow, Transition::Revert])) {
            if let Some(next) = s.apply(t) {
                prop_assert!(s.is_active() || (s, next) == (BookingState::NoShow, BookingState::Approved), "only active bookings move, or a no-show taken back");
                prop_assert_ne!(next, s);
            }
        }

        #[test]
        fn accepted_periods_keep_every_rule(start in 0i64..(70 * 1440 / 30), len in 1i64..20, slot in prop::sample::select(vec![15u32, 30, 60])) {
            let rules = Rules { slot_minutes: slot, min_minutes: slot, ..Rules::default() };
            let now = m(NOW);
            let s = Minute(now.0 + start * 30);
            let period = Period::new(s, Minute(s.0 + len * 30)).unwrap();
            if check_rules(&rules, &period, now, &christmas).is_ok() {
                prop_assert!(period.start().0 % i64::from(slot) == 0 && period.end().0 % i64::from(slot) == 0);
                prop_assert!(period.start().0 >= now.0 + 60);
                prop_assert!(period.minutes() >= i64::from(rules.min_minutes) && period.minutes() <= i64::from(rules.max_minutes));
                prop_assert!(period.start().date() <= now.date() + chrono::Duration::days(60));
                for d in days_touched(&period) {
                    prop_assert!(christmas(d).is_none());
                    prop_assert!(weekday_index(d) < 5);
                }
                prop_assert!(period.start().minute_of_day() >= 540 && Minute(period.end().0 - 1).minute_of_day() < 1080);
            }
        }

        #[test]
        fn billable_time_covers_use_within_a_slot(mins in 1i64..10_000, slot in prop::sample::select(vec![5u32, 15, 30, 60])) {
            let actual = Period::new(Minute(0), Minute(mins)).unwrap();
            let b = billable_minutes(&actual, slot);
            prop_assert!(b >= mins && b - mins < i64::from(slot) && b % i64::from(slot) == 0);
        }
    }
}
