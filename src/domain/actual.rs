//! When actual use may be recorded. Charges and qualifications rest on the
//! moments people record (check-in, check-out, attendance), so each has a
//! window in time: nothing is recorded for time that has not come, nor before
//! the moment it follows.
//!
//! Every function takes the clock's `now` and a `tolerance` for clocks that
//! disagree by a few minutes (a wristwatch, a second terminal): a moment up
//! to `tolerance` minutes ahead of the clock is recorded as the clock's now,
//! so that what is stored never lies after the moment it was recorded.

use super::time::Minute;
use super::{Period, Problem};

/// Why a moment cannot be recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MomentBreak {
    /// Later than the clock allows; `latest` is the clock plus the tolerance.
    Future { latest: Minute },
    /// A check-in before the machine's window opens before the booking's start.
    BeforeWindow { earliest: Minute, end: Minute },
    /// A check-in at or after the booking's end.
    AfterEnd { earliest: Minute, end: Minute },
    /// A check-out not after its check-in.
    NotAfterCheckIn { checked_in: Minute },
    /// Attendance for a session that has not started.
    NotStarted { start: Minute },
}

/// How a break is told: a problem with the typed moment itself (bad input:
/// in the future, before its check-in), or the booking's check-in window
/// the moment falls outside (a rule).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Told {
    Moment(Problem),
    Window { from: Minute, until: Minute },
}

impl MomentBreak {
    pub fn told(&self) -> Told {
        match self {
            MomentBreak::Future { latest } => Told::Moment(Problem::NotAfter { latest: latest.to_string() }),
            MomentBreak::NotAfterCheckIn { checked_in } => {
                Told::Moment(Problem::NotBefore { earliest: Minute(checked_in.0 + 1).to_string() })
            }
            MomentBreak::NotStarted { start } => Told::Moment(Problem::NotBefore { earliest: start.to_string() }),
            MomentBreak::BeforeWindow { earliest, end } | MomentBreak::AfterEnd { earliest, end } => {
                Told::Window { from: *earliest, until: *end }
            }
        }
    }
}

/// The moment to record for `at`: `at` itself, or the clock's now when `at`
/// is ahead of it by no more than `tolerance` minutes.
pub fn not_future(at: Minute, now: Minute, tolerance: u32) -> Result<Minute, MomentBreak> {
    let latest = Minute(now.0 + i64::from(tolerance));
    if at > latest {
        return Err(MomentBreak::Future { latest });
    }
    Ok(at.min(now))
}

/// The check-in moment for a booking of `booked`: from `window` minutes
/// before its start until (not including) its end, and never ahead of the clock.
pub fn check_in(booked: &Period, at: Minute, now: Minute, window: u32, tolerance: u32) -> Result<Minute, MomentBreak> {
    let at = not_future(at, now, tolerance)?;
    let earliest = Minute(booked.start().0 - i64::from(window));
    if at < earliest {
        return Err(MomentBreak::BeforeWindow { earliest, end: booked.end() });
    }
    if at >= booked.end() {
        return Err(MomentBreak::AfterEnd { earliest, end: booked.end() });
    }
    Ok(at)
}

/// The check-out moment of use that began at `checked_in`: after it, and
/// never ahead of the clock. A check-out past the booking's end is allowed:
/// the work happened, and nothing may be left stuck in use.
pub fn check_out(checked_in: Minute, at: Minute, now: Minute, tolerance: u32) -> Result<Minute, MomentBreak> {
    let at = not_future(at, now, tolerance)?;
    if at <= checked_in {
        return Err(MomentBreak::NotAfterCheckIn { checked_in });
    }
    Ok(at)
}

/// Attendance may be marked once a session has started.
pub fn attendance(session_start: Minute, now: Minute) -> Result<(), MomentBreak> {
    if session_start > now {
        return Err(MomentBreak::NotStarted { start: session_start });
    }
    Ok(())
}

/// True if use that ran until `ended` ran into a booking that starts at
/// `next_start`: an overrun, recorded and shown, never refused.
pub fn overran(ended: Minute, next_start: Minute) -> bool {
    ended > next_start
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(s: &str) -> Minute {
        Minute::parse(s).unwrap()
    }

    fn booked() -> Period {
        Period::new(m("2026-12-10 10:00"), m("2026-12-10 12:00")).unwrap()
    }

    #[test]
    fn check_in_days_before_the_booking_is_refused() {
        // The case: a booking of 12-10 checked in on 12-07.
        let now = m("2026-12-07 09:00");
        assert!(matches!(check_in(&booked(), now, now, 30, 5), Err(MomentBreak::BeforeWindow { .. })));
    }

    #[test]
    fn check_in_opens_with_the_window_and_closes_at_the_end() {
        let now = m("2026-12-10 13:00");
        assert_eq!(
            check_in(&booked(), m("2026-12-10 09:29"), now, 30, 5),
            Err(MomentBreak::BeforeWindow { earliest: m("2026-12-10 09:30"), end: m("2026-12-10 12:00") })
        );
        assert_eq!(check_in(&booked(), m("2026-12-10 09:30"), now, 30, 5), Ok(m("2026-12-10 09:30")));
        assert_eq!(check_in(&booked(), m("2026-12-10 11:59"), now, 30, 5), Ok(m("2026-12-10 11:59")));
        assert!(matches!(check_in(&booked(), m("2026-12-10 12:00"), now, 30, 5), Err(MomentBreak::AfterEnd { .. })));
    }

    #[test]
    fn a_moment_ahead_of_the_clock_is_refused_beyond_the_tolerance() {
        let now = m("2026-12-07 09:00");
        assert_eq!(
            check_out(m("2026-12-07 08:00"), m("2026-12-07 23:30"), now, 5),
            Err(MomentBreak::Future { latest: m("2026-12-07 09:05") })
        );
        // Within the tolerance it is recorded as the clock's now.
        assert_eq!(check_out(m("2026-12-07 08:00"), m("2026-12-07 09:05"), now, 5), Ok(now));
        assert_eq!(
            check_out(m("2026-12-07 08:00"), m("2026-12-07 09:06"), now, 5).map_err(|e| e.told()),
            Err(Told::Moment(Problem::NotAfter { latest: "2026-12-07 09:05".into() }))
        );
    }

    #[test]
    fn check_out_comes_after_check_in() {
        let now = m("2026-12-10 13:00");
        let r = check_out(m("2026-12-10 10:00"), m("2026-12-10 10:00"), now, 5);
        assert_eq!(
            r.map_err(|e| e.told()),
            Err(Told::Moment(Problem::NotBefore { earliest: "2026-12-10 10:01".into() }))
        );
        assert_eq!(check_out(m("2026-12-10 10:00"), m("2026-12-10 10:01"), now, 5), Ok(m("2026-12-10 10:01")));
    }

    #[test]
    fn attendance_waits_for_the_session_to_start() {
        assert!(attendance(m("2026-12-21 09:00"), m("2026-12-07 09:00")).is_err());
        assert!(attendance(m("2026-12-07 09:00"), m("2026-12-07 09:00")).is_ok());
    }

    proptest! {
        /// Whatever is typed, a recorded check-in lies within the window,
        /// before the end, and never after the clock.
        #[test]
        fn a_recorded_check_in_keeps_every_rule(
            start in 0i64..10_000, len in 1i64..600, at in -2_000i64..12_000, now in 0i64..12_000,
            window in 0u32..240, tol in 0u32..60,
        ) {
            let p = Period::new(Minute(start), Minute(start + len)).unwrap();
            if let Ok(t) = check_in(&p, Minute(at), Minute(now), window, tol) {
                prop_assert!(t <= Minute(now));
                prop_assert!(t.0 >= start - i64::from(window));
                prop_assert!(t < p.end());
            }
            // And every moment the rules name as acceptable is accepted.
            let ok = at <= now + i64::from(tol) && at.min(now) >= start - i64::from(window) && at.min(now) < start + len;
            prop_assert_eq!(check_in(&p, Minute(at), Minute(now), window, tol).is_ok(), ok);
        }

        #[test]
        fn a_recorded_check_out_is_after_check_in_and_not_after_the_clock(
            cin in 0i64..10_000, at in 0i64..12_000, now in 0i64..12_000, tol in 0u32..60,
        ) {
            match check_out(Minute(cin), Minute(at), Minute(now), tol) {
                Ok(t) => { prop_assert!(t > Minute(cin) && t <= Minute(now)); }
                Err(_) => { prop_assert!(at > now + i64::from(tol) || at.min(now) <= cin); }
            }
        }
    }
}
