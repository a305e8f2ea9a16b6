//! Recording bookings that already happened — from an import or the demo —
//! in one transaction. The machine's booking rules (notice, horizon) are for
//! new requests and do not apply to the past; the schema's guards do. A
//! recorded row's check-in and check-out moments are its actual times: the
//! moment the old system recorded them is not known, and the actual time is
//! the nearest honest value that keeps "never recorded ahead of the clock".

use super::priced;
use crate::db::write::json;
use crate::db::{Store, equipment};
use crate::domain::booking::{BookingState, LONGEST_MINUTES};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::{Capability, Field, ForField, Invalid, Minute, Period, Problem};
use crate::error::Result;
use crate::store::sql::booking as sql;

/// A booking as it went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastBooking {
    pub equipment: String,
    pub person: String,
    /// The billing party asked for (`BP-0061`, a BRN), as at booking; empty:
    /// the person's own.
    pub party: String,
    pub period: Period,
    pub state: BookingState,
    pub purpose: String,
    pub samples: i64,
    /// For completed bookings: when use really began and ended.
    pub actual: Option<Period>,
}

/// Records past bookings, pricing the completed ones as check-out would.
/// All or nothing; returns how many were recorded.
pub fn record(store: &mut Store, rows: &[PastBooking]) -> Result<usize> {
    store.write(Capability::ManageBookings, |w| {
        let mut machines = std::collections::HashMap::new();
        let mut people = std::collections::HashMap::new();
        for r in rows {
            if !machines.contains_key(&r.equipment) {
                machines.insert(r.equipment.clone(), equipment::by_code(w.sql(), &r.equipment)?);
            }
            let eq = &machines[&r.equipment];
            if !people.contains_key(&r.person) {
                let n = parse_numbered("P", &r.person, "P-0001").field(Field::Person, &r.person)?;
                let (id, company, _) = sql::person_billed(w.sql(), &numbered("P", n))?
                    .ok_or_else(|| Invalid::new(Field::Person, &r.person, Problem::NotFound))?;
                let party = super::party::of_booker(w, id, company)?;
                people.insert(r.person.clone(), (id, company, party));
            }
            let (person_id, own_company, own_party) = people[&r.person];
            let (company_id, party_id) =
                super::party::asked(w.sql(), person_id, &r.party)?.unwrap_or((own_company, own_party));
            if r.period.minutes() > LONGEST_MINUTES {
                let latest = Minute(r.period.start().0 + LONGEST_MINUTES).to_string();
                return Err(Invalid::new(Field::To, r.period.end().to_string(), Problem::NotAfter { latest }).into());
            }
            let completed = r.state == BookingState::Completed;
            let actual = if completed { r.actual.or(Some(r.period)) } else { None };
            let started = matches!(r.state, BookingState::Completed | BookingState::InUse);
            // What happened lies in the past: a recorded time of use after
            // the clock is refused, as at check-in and check-out.
            let began = actual.map_or(r.period.start(), |a| a.start());
            let ended = actual.map(|a| a.end()).filter(|_| completed);
            let latest = w.now();
            for (t, field) in [(Some(began).filter(|_| started), Field::From), (ended, Field::To)] {
                if let Some(t) = t.filter(|t| *t > latest) {
                    let latest = latest.to_string();
                    return Err(Invalid::new(field, t.to_string(), Problem::NotAfter { latest }).into());
                }
            }
            let (billed, rate, class, amount, voucher) = match actual {
                Some(a) => {
                    let (class, rate) = priced::class_and_rate(w.sql(), eq, party_id, r.period.start().date())?;
                    let drawn = crate::db::voucher::draw(w.sql(), party_id, eq.id, &class, r.period.start())?;
                    let span = priced::span(&r.period, &a, r.samples);
                    let rules = priced::time_rules(w.sql(), eq)?;
                    let (billed, amount, voucher) =
                        priced::with_draw(eq, rules, rate, span, Default::default(), drawn)?;
                    (Some(billed), Some(rate), Some(class), Some(amount), voucher)
                }
                None => (None, None, None, None, None),
            };
            let row = sql::Past {
                equipment_id: eq.id,
                person_id,
                company_id,
                party_id,
                period: r.period,
                state: r.state,
                purpose: &r.purpose,
                samples: r.samples,
                actual_start: started.then_some(began),
                actual_end: ended,
                actual_samples: completed.then_some(r.samples),
                billed_minutes: billed,
                rate,
                rate_class: class.as_deref(),
                charge: amount,
                created_at: Minute(r.period.start().0 - 3 * 1440),
                created_by: w.who(),
            };
            let id = sql::insert_past(w.sql(), &row).map_err(|e| super::guard(e, &r.equipment, Some(r.period)))?;
            if voucher.is_some() {
                crate::store::sql::voucher::set_on_booking(w.sql(), id, voucher)?;
            }
            let b = sql::written(w.sql(), id)?;
            w.audit("booking", &id.to_string(), "record", None, Some(json(&b)))?;
        }
        Ok(rows.len())
    })
}
