//! The centre's settings: each a typed value with a default, a range and a
//! unit, so that a setting nobody has set still has a sensible value and a
//! value set by hand in the file is caught by `kiln check`.

use serde::Serialize;

use super::invalid::{Field, Problem};

/// A setting's name. Its code is what `kiln setting set KEY` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SettingKey {
    /// Minutes before a booking's start from which it may be checked in; a
    /// machine may have its own.
    CheckInWindow,
    /// Minutes a recorded moment may lie ahead of the clock (clocks disagree).
    ClockTolerance,
    /// Months a new lease runs for unless told otherwise.
    LeaseTerm,
    /// Minutes before a booking's start until which cancelling it is free;
    /// a machine may have its own (a furnace's firing: a week).
    FreeCancelNotice,
    /// Percent of the booked time's cost charged for cancelling later.
    LateCancelShare,
    /// Percent of the booked time's cost charged for a no-show.
    NoShowShare,
    /// Months past its due date after which a party's unpaid statement
    /// stops its new bookings; 0: never.
    ArrearsBlockMonths,
    /// Months past its due date after which an unpaid statement is
    /// surcharged, once, on the next statement; 0: never.
    ArrearsSurchargeMonths,
    /// The surcharge, in percent of what is unpaid.
    ArrearsSurchargeShare,
    /// Minutes a use's billed time is rounded up to; 0: the machine's
    /// booking slot (as before). A machine may have its own.
    BillingRounding,
    /// 1: a use is billed the longer of its booked and used time (time held
    /// and left unused is paid for); 0: the time used. A machine may have
    /// its own.
    BillBookedTime,
}

/// What a setting counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Minutes,
    Months,
    Percent,
    /// 0 (off) or 1 (on).
    Switch,
}

impl SettingKey {
    pub const ALL: [SettingKey; 11] = [
        SettingKey::CheckInWindow,
        SettingKey::ClockTolerance,
        SettingKey::LeaseTerm,
        SettingKey::FreeCancelNotice,
        SettingKey::LateCancelShare,
        SettingKey::NoShowShare,
        SettingKey::ArrearsBlockMonths,
        SettingKey::ArrearsSurchargeMonths,
        SettingKey::ArrearsSurchargeShare,
        SettingKey::BillingRounding,
        SettingKey::BillBookedTime,
    ];
    pub const CODES: &'static [&'static str] = &[
        "check-in-window",
        "clock-tolerance",
        "lease-term",
        "free-cancel-notice",
        "late-cancel-share",
        "no-show-share",
        "arrears-block-months",
        "arrears-surcharge-months",
        "arrears-surcharge-share",
        "billing-rounding",
        "bill-booked-time",
    ];

    pub fn code(self) -> &'static str {
        match self {
            SettingKey::CheckInWindow => "check-in-window",
            SettingKey::ClockTolerance => "clock-tolerance",
            SettingKey::LeaseTerm => "lease-term",
            SettingKey::FreeCancelNotice => "free-cancel-notice",
            SettingKey::LateCancelShare => "late-cancel-share",
            SettingKey::NoShowShare => "no-show-share",
            SettingKey::ArrearsBlockMonths => "arrears-block-months",
            SettingKey::ArrearsSurchargeMonths => "arrears-surcharge-months",
            SettingKey::ArrearsSurchargeShare => "arrears-surcharge-share",
            SettingKey::BillingRounding => "billing-rounding",
            SettingKey::BillBookedTime => "bill-booked-time",
        }
    }

    /// Accepts `check-in-window` and `check_in_window` alike.
    pub fn parse(raw: &str) -> Result<SettingKey, Problem> {
        let s = raw.trim().to_ascii_lowercase().replace('_', "-");
        SettingKey::ALL.into_iter().find(|k| k.code() == s).ok_or(Problem::OneOf { accepted: SettingKey::CODES })
    }

    pub fn default_value(self) -> i64 {
        match self {
            SettingKey::CheckInWindow => 30,
            SettingKey::ClockTolerance => 5,
            SettingKey::LeaseTerm => 12,
            // An empty centre charges nothing for cancelling, as before.
            SettingKey::FreeCancelNotice
            | SettingKey::LateCancelShare
            | SettingKey::NoShowShare
            | SettingKey::ArrearsBlockMonths
            | SettingKey::ArrearsSurchargeMonths
            | SettingKey::BillingRounding
            | SettingKey::BillBookedTime => 0,
            SettingKey::ArrearsSurchargeShare => 10,
        }
    }

    pub fn range(self) -> (i64, i64) {
        match self {
            SettingKey::CheckInWindow | SettingKey::BillingRounding => (0, 240),
            SettingKey::ClockTolerance => (0, 60),
            SettingKey::LeaseTerm => (1, 120),
            // Up to two weeks' notice.
            SettingKey::FreeCancelNotice => (0, 20_160),
            SettingKey::LateCancelShare | SettingKey::NoShowShare | SettingKey::ArrearsSurchargeShare => (0, 100),
            SettingKey::ArrearsBlockMonths | SettingKey::ArrearsSurchargeMonths => (0, 24),
            SettingKey::BillBookedTime => (0, 1),
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            SettingKey::CheckInWindow
            | SettingKey::ClockTolerance
            | SettingKey::FreeCancelNotice
            | SettingKey::BillingRounding => Unit::Minutes,
            SettingKey::BillBookedTime => Unit::Switch,
            SettingKey::LeaseTerm | SettingKey::ArrearsBlockMonths | SettingKey::ArrearsSurchargeMonths => Unit::Months,
            SettingKey::LateCancelShare | SettingKey::NoShowShare | SettingKey::ArrearsSurchargeShare => Unit::Percent,
        }
    }

    /// The field a value of this setting is typed into and refused in.
    pub fn field(self) -> Field {
        match self {
            SettingKey::CheckInWindow => Field::CheckInWindow,
            SettingKey::ClockTolerance => Field::ClockTolerance,
            SettingKey::LeaseTerm => Field::LeaseTerm,
            SettingKey::FreeCancelNotice => Field::FreeCancel,
            SettingKey::LateCancelShare => Field::LateCancelShare,
            SettingKey::NoShowShare => Field::NoShowShare,
            SettingKey::ArrearsBlockMonths => Field::ArrearsBlock,
            SettingKey::ArrearsSurchargeMonths => Field::ArrearsSurcharge,
            SettingKey::ArrearsSurchargeShare => Field::SurchargeShare,
            SettingKey::BillingRounding => Field::Rounding,
            SettingKey::BillBookedTime => Field::BookedTime,
        }
    }

    /// True if a machine may have a value of its own.
    pub fn per_machine(self) -> bool {
        matches!(
            self,
            SettingKey::CheckInWindow
                | SettingKey::FreeCancelNotice
                | SettingKey::LateCancelShare
                | SettingKey::NoShowShare
                | SettingKey::BillingRounding
                | SettingKey::BillBookedTime
        )
    }

    /// A value as typed: a whole number within the range. Empty is not zero.
    pub fn parse_value(self, raw: &str) -> Result<i64, Problem> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(Problem::Empty);
        }
        let (min, max) = self.range();
        s.parse::<i64>().ok().filter(|n| (min..=max).contains(n)).ok_or(Problem::OutOfRange { min, max })
    }
}

impl Serialize for SettingKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_parse_back_and_defaults_lie_in_range() {
        for k in SettingKey::ALL {
            assert_eq!(SettingKey::parse(k.code()), Ok(k));
            let (min, max) = k.range();
            assert!((min..=max).contains(&k.default_value()), "{k:?}");
            assert_eq!(k.parse_value(&k.default_value().to_string()), Ok(k.default_value()));
        }
        assert_eq!(SettingKey::parse("CHECK_IN_WINDOW"), Ok(SettingKey::CheckInWindow));
        assert!(SettingKey::parse("window").is_err());
    }

    #[test]
    fn empty_is_not_zero() {
        assert_eq!(SettingKey::ClockTolerance.parse_value(""), Err(Problem::Empty));
        assert_eq!(SettingKey::ClockTolerance.parse_value("  "), Err(Problem::Empty));
        assert_eq!(SettingKey::ClockTolerance.parse_value("0"), Ok(0));
    }

    proptest! {
        #[test]
        fn a_value_is_accepted_exactly_within_its_range(n in -1_000i64..30_000, k in 0usize..SettingKey::ALL.len()) {
            let key = SettingKey::ALL[k];
            let (min, max) = key.range();
            prop_assert_eq!(key.parse_value(&n.to_string()).is_ok(), (min..=max).contains(&n));
        }
    }
}
