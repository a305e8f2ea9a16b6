//! A shared machine and the rules for booking it: slot granularity, minimum
//! and maximum length, notice, horizon, opening hours per weekday, buffer
//! between bookings, holidays, approval.

use std::fmt;

use serde::Serialize;

use super::booking::LONGEST_MINUTES;
use super::codes::{BillingUnit, Category};
use super::invalid::{Field, ForField, Invalid, Problem};
use super::person::optional;
use super::text::{self, caps};
use super::{Won, time};

/// Opening hours for each weekday, Monday first: minutes from midnight,
/// `[open, close)`, close up to 24:00; `None` for a closed day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekHours(pub [Option<(u32, u32)>; 7]);

const HOURS_EXAMPLE: Problem = Problem::Format { example: "mon-fri 09:00-18:00, sat 09:00-13:00" };
const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn minute_of(raw: &str) -> Result<u32, Problem> {
    if raw.trim() == "24:00" {
        return Ok(24 * 60);
    }
    let t = time::parse_time(raw).map_err(|_| HOURS_EXAMPLE)?;
    Ok(chrono::Timelike::hour(&t) * 60 + chrono::Timelike::minute(&t))
}

impl WeekHours {
    /// Weekdays 09:00–18:00, the centre's office hours.
    pub const OFFICE: WeekHours = WeekHours([
        Some((540, 1080)),
        Some((540, 1080)),
        Some((540, 1080)),
        Some((540, 1080)),
        Some((540, 1080)),
        None,
        None,
    ]);
    /// Round the clock, for kilns and furnaces that fire for days.
    pub const ALWAYS: WeekHours = WeekHours([Some((0, 1440)); 7]);

    /// Parses `mon-fri 09:00-18:00, sat 09:00-13:00` (days not named are
    /// closed), or `always`.
    pub fn parse(raw: &str) -> Result<WeekHours, Problem> {
        let s = raw.trim().to_ascii_lowercase();
        if s == "always" || s == "24h" {
            return Ok(WeekHours::ALWAYS);
        }
        let mut week = [None; 7];
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (days, hours) = part.split_once(' ').ok_or(HOURS_EXAMPLE)?;
            let (open, close) = hours.trim().split_once('-').ok_or(HOURS_EXAMPLE)?;
            let (open, close) = (minute_of(open)?, minute_of(close)?);
            if close <= open {
                return Err(HOURS_EXAMPLE);
            }
            let day = |d: &str| DAYS.iter().position(|x| *x == d.trim()).ok_or(HOURS_EXAMPLE);
            let (first, last) = match days.split_once('-') {
                Some((a, b)) => (day(a)?, day(b)?),
                None => (day(days)?, day(days)?),
            };
            if last < first {
                return Err(HOURS_EXAMPLE);
            }
            for d in &mut week[first..=last] {
                *d = Some((open, close));
            }
        }
        if week.iter().all(Option::is_none) {
            return Err(HOURS_EXAMPLE);
        }
        Ok(WeekHours(week))
    }

    pub fn on(&self, weekday: usize) -> Option<(u32, u32)> {
        self.0.get(weekday).copied().flatten()
    }
}

fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

impl fmt::Display for WeekHours {
    /// `mon-fri 09:00-18:00, sat 09:00-13:00`: the form [`WeekHours::parse`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == WeekHours::ALWAYS {
            return f.write_str("always");
        }
        let mut parts = Vec::new();
        let mut i = 0;
        while i < 7 {
            let Some(h) = self.0[i] else {
                i += 1;
                continue;
            };
            let mut j = i;
            while j + 1 < 7 && self.0[j + 1] == Some(h) {
                j += 1;
            }
            let days = if i == j { DAYS[i].to_owned() } else { format!("{}-{}", DAYS[i], DAYS[j]) };
            parts.push(format!("{days} {}-{}", hhmm(h.0), hhmm(h.1)));
            i = j + 1;
        }
        f.write_str(&parts.join(", "))
    }
}

impl Serialize for WeekHours {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The booking rules of one machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rules {
    /// Bookings start and end on this grid, in minutes.
    pub slot_minutes: u32,
    pub min_minutes: u32,
    pub max_minutes: u32,
    /// How long before the start a booking must be made, in minutes.
    pub notice_minutes: u32,
    /// How far ahead a booking may start, in days.
    pub horizon_days: u32,
    /// Free minutes kept between two bookings (cleaning, cooling).
    pub buffer_minutes: u32,
    pub hours: WeekHours,
    pub holidays_bookable: bool,
    pub needs_approval: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            slot_minutes: 30,
            min_minutes: 30,
            max_minutes: 8 * 60,
            notice_minutes: 60,
            horizon_days: 60,
            buffer_minutes: 0,
            hours: WeekHours::OFFICE,
            holidays_bookable: false,
            needs_approval: true,
        }
    }
}

/// Slot granularities a machine may use, in minutes.
pub const SLOTS: [u32; 8] = [5, 10, 15, 20, 30, 60, 120, 240];

/// What was typed to register a machine. Empty rule fields take the defaults
/// of [`Rules::default`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EquipmentInput {
    pub code: String,
    pub name: String,
    pub model: String,
    pub category: String,
    /// Room code.
    pub room: String,
    /// The operator (OS account) who manages it.
    pub manager: String,
    pub billing_unit: String,
    pub tenant_rate: String,
    pub external_rate: String,
    pub slot_minutes: String,
    pub min_minutes: String,
    pub max_minutes: String,
    pub notice_minutes: String,
    pub horizon_days: String,
    pub buffer_minutes: String,
    pub hours: String,
    pub holidays_bookable: String,
    pub needs_approval: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEquipment {
    pub code: i64,
    pub name: String,
    pub model: String,
    pub category: Category,
    pub room: Option<String>,
    pub manager: Option<String>,
    pub billing_unit: BillingUnit,
    pub tenant_rate: Won,
    pub external_rate: Won,
    pub rules: Rules,
}

fn number(raw: &str, field: Field, min: i64, max: i64, default: u32) -> Result<u32, Invalid> {
    let t = text::clean(raw, 20).field(field, raw)?;
    if t.is_empty() {
        return Ok(default);
    }
    let range = Problem::OutOfRange { min, max };
    let n: i64 = t.parse().map_err(|_| Invalid::new(field, raw, range.clone()))?;
    if !(min..=max).contains(&n) {
        return Err(Invalid::new(field, raw, range));
    }
    u32::try_from(n).map_err(|_| Invalid::new(field, raw, range))
}

/// `yes`/`no` (also `y`/`n`, `true`/`false`, `1`/`0`, `예`/`아니오`).
pub fn yes_no(raw: &str, field: Field, default: bool) -> Result<bool, Invalid> {
    match raw.trim().to_lowercase().as_str() {
        "" => Ok(default),
        "yes" | "y" | "true" | "1" | "예" | "네" => Ok(true),
        "no" | "n" | "false" | "0" | "아니오" | "아니요" => Ok(false),
        _ => Err(Invalid::new(field, raw, Problem::OneOf { accepted: &["yes", "no"] })),
    }
}

impl EquipmentInput {
    pub fn validate(&self) -> Result<NewEquipment, Invalid> {
        let code = super::codes::parse_numbered("EQ", &self.code, "EQ-0001").field(Field::Equipment, &self.code)?;
        let name = text::name(&self.name, caps::NAME).field(Field::Name, &self.name)?;
        let model = text::clean(&self.model, caps::NAME).field(Field::Model, &self.model)?;
        let category = Category::parse(&self.category).field(Field::Category, &self.category)?;
        let room = optional(&self.room, Field::Room, |s| Ok(s.to_owned()))?;
        let manager = optional(&self.manager, Field::User, |s| Ok(s.to_owned()))?;
        let billing_unit =
            optional(&self.billing_unit, Field::BillingUnit, BillingUnit::parse)?.unwrap_or(BillingUnit::Hour);
        let tenant_rate = optional(&self.tenant_rate, Field::TenantRate, Won::parse)?.unwrap_or_default();
        let external_rate = optional(&self.external_rate, Field::ExternalRate, Won::parse)?.unwrap_or(tenant_rate);
        let d = Rules::default();
        let slot = number(&self.slot_minutes, Field::Slot, 5, 240, d.slot_minutes)?;
        if !SLOTS.contains(&slot) {
            return Err(Invalid::new(
                Field::Slot,
                &self.slot_minutes,
                Problem::OneOf { accepted: &["5", "10", "15", "20", "30", "60", "120", "240"] },
            ));
        }
        let min_minutes = number(&self.min_minutes, Field::MinLength, 5, LONGEST_MINUTES, d.min_minutes.max(slot))?;
        let max_minutes =
            number(&self.max_minutes, Field::MaxLength, 5, LONGEST_MINUTES, d.max_minutes.max(min_minutes))?;
        if max_minutes < min_minutes {
            return Err(Invalid::new(
                Field::MaxLength,
                &self.max_minutes,
                Problem::OutOfRange { min: i64::from(min_minutes), max: 14 * 1440 },
            ));
        }
        let rules = Rules {
            slot_minutes: slot,
            min_minutes,
            max_minutes,
            notice_minutes: number(&self.notice_minutes, Field::Notice, 0, 30 * 1440, d.notice_minutes)?,
            horizon_days: number(&self.horizon_days, Field::Horizon, 1, 730, d.horizon_days)?,
            buffer_minutes: number(&self.buffer_minutes, Field::Buffer, 0, 1440, d.buffer_minutes)?,
            hours: optional(&self.hours, Field::Hours, WeekHours::parse)?.unwrap_or(d.hours),
            holidays_bookable: yes_no(&self.holidays_bookable, Field::Holidays, d.holidays_bookable)?,
            needs_approval: yes_no(&self.needs_approval, Field::Approval, d.needs_approval)?,
        };
        Ok(NewEquipment { code, name, model, category, room, manager, billing_unit, tenant_rate, external_rate, rules })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hours_parse_and_print() {
        let h = WeekHours::parse("mon-fri 09:00-18:00, sat 09:00-13:00").unwrap();
        assert_eq!(h.on(0), Some((540, 1080)));
        assert_eq!(h.on(5), Some((540, 780)));
        assert_eq!(h.on(6), None);
        assert_eq!(h.to_string(), "mon-fri 09:00-18:00, sat 09:00-13:00");
        assert_eq!(WeekHours::parse("always").unwrap(), WeekHours::ALWAYS);
        assert_eq!(WeekHours::parse("mon-sun 00:00-24:00").unwrap(), WeekHours::ALWAYS);
        for bad in ["", "mon 18:00-09:00", "fri-mon 09:00-18:00", "xyz 09:00-10:00", "mon 9-10", "mon 09:00-25:00"] {
            assert!(WeekHours::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn equipment_defaults_and_refusals() {
        let input = EquipmentInput {
            code: "EQ-0002".into(),
            name: "FE-SEM".into(),
            category: "analysis".into(),
            ..EquipmentInput::default()
        };
        let e = input.validate().unwrap();
        assert_eq!((e.code, e.billing_unit, e.rules), (2, BillingUnit::Hour, Rules::default()));
        let bad = |f: fn(&mut EquipmentInput)| {
            let mut i = input.clone();
            f(&mut i);
            i.validate().unwrap_err().field
        };
        assert_eq!(bad(|i| i.code = "EQ-".into()), Field::Equipment);
        assert_eq!(bad(|i| i.category = "cooking".into()), Field::Category);
        assert_eq!(bad(|i| i.slot_minutes = "7".into()), Field::Slot);
        assert_eq!(bad(|i| i.tenant_rate = "-1".into()), Field::TenantRate);
        assert_eq!(
            bad(|i| {
                i.min_minutes = "120".into();
                i.max_minutes = "60".into();
            }),
            Field::MaxLength
        );
        assert_eq!(bad(|i| i.hours = "sometimes".into()), Field::Hours);
        assert_eq!(bad(|i| i.needs_approval = "maybe".into()), Field::Approval);
    }

    proptest! {
        #[test]
        fn printed_hours_parse_back(days in proptest::collection::vec(proptest::option::of((0u32..47, 1u32..48)), 7)) {
            let mut week = [None; 7];
            for (i, d) in days.into_iter().enumerate() {
                week[i] = d.map(|(a, len)| (a * 30, (a * 30 + len * 30).min(1440))).filter(|(a, b)| a < b);
            }
            prop_assume!(week.iter().any(Option::is_some));
            let h = WeekHours(week);
            prop_assert_eq!(WeekHours::parse(&h.to_string()), Ok(h));
        }
    }
}

/// A machine's NFEC registration number (국가연구시설장비 등록번호) as typed:
/// letters, digits and dashes, at most 30; empty is none.
pub fn nfec(raw: &str) -> Result<Option<String>, super::invalid::Invalid> {
    use super::invalid::{Field, Invalid, Problem};
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.len() > 30 || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Invalid::new(Field::Nfec, raw, Problem::Format { example: "NFEC-2019-04-123456" }));
    }
    Ok(Some(s.to_ascii_uppercase()))
}

#[cfg(test)]
mod nfec_tests {
    #[test]
    fn an_nfec_number_is_letters_digits_and_dashes_and_empty_is_none() {
        assert_eq!(super::nfec(" nfec-2019-04-123456 "), Ok(Some("NFEC-2019-04-123456".into())));
        assert_eq!(super::nfec(""), Ok(None));
        for bad in ["NFEC 2019", "번호-1", "x".repeat(31).as_str()] {
            assert_eq!(super::nfec(bad).unwrap_err().field, super::super::invalid::Field::Nfec, "{bad}");
        }
    }
}
