//! The time rules and the settings (issue 15, sections 1 and 2): moments a
//! rule refuses, corrections with nothing or no reason, settings out of range.

use super::*;

pub fn cases() -> Vec<Case> {
    vec![
        // Settings: typed values, never empty, within range, per machine only where allowed.
        f(2, F::ClockTolerance, "setting set clock-tolerance ''"),
        fs(2, F::CheckInWindow, "240", "setting set check-in-window 999"),
        f(2, F::LeaseTerm, "setting set lease-term 0"),
        fs(2, F::BookedTime, "1", "setting set bill-booked-time 2 --equipment EQ-0001"),
        fs(2, F::Rounding, "240", "setting set billing-rounding 300"),
        f(2, F::ClockTolerance, "setting set clock-tolerance five"),
        fs(2, F::Setting, "check-in-window", "setting set window 30"),
        f(2, F::Equipment, "setting set lease-term 24 --equipment EQ-0001"),
        f(2, F::Equipment, "setting set check-in-window 15 --equipment EQ-0099"),
        // Corrections: something to correct, a reason, a moment that has come.
        f(2, F::From, "booking correct 1 --reason 누락"),
        f(2, F::Reason, "booking correct 1 --to '2026-11-26 09:00' --reason ''"),
        f(2, F::To, "booking correct 1 --to tomorrow --reason x"),
        w(1, "cannot be corrected", "정정할 수 없습니다", "booking correct 1 --to '2026-11-26 09:00' --reason x"),
        // A walk-in needs a reason.
        f(2, F::Reason, "booking add --walk-in --equipment EQ-0001 --person P-0001 --reason ''"),
        // Attendance before the session (12-21), completion before the last one.
        w(
            1,
            "has started",
            "시작한 뒤",
            "attend --cohort KILN-101/2026-3 --session 1 --person P-0001 --status present",
        ),
        w(1, "last session", "마지막 회차", "cohort complete KILN-101/2026-3"),
    ]
}
