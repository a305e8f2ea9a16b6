//! Actual use of a machine: when check-in and check-out may be recorded
//! (`domain::actual`, with the centre's settings), that two people never use
//! one machine at once, overruns into the next booking, walk-ins, and an
//! admin's correction of recorded times.

use super::transition::{Changes, step};
use super::{Booking, BookingInput, by_id, guard, insert, machine_and_parties, parse_id, request_walk_in, slots};
use crate::db::setting::value;
use crate::db::write::json;
use crate::db::{Store, Write, equipment};
use crate::domain::actual::{self, MomentBreak, Told};
use crate::domain::booking::{BookingState, LONGEST_MINUTES, Transition};
use crate::domain::setting::SettingKey;
use crate::domain::{Capability, Field, ForField, Invalid, Minute, Period, Problem, Won, text};
use crate::error::{Error, Refusal, Result};
use crate::store::Sql;
use crate::store::sql::booking::{self as sql, Priced};

/// Says what a broken time rule means for `booking`, at the moment `typed`:
/// a moment that cannot be (in the future, before its check-in) is bad input
/// naming the field; a moment outside the booking's window is a refusal.
fn refused(b: MomentBreak, field: Field, booking: i64, typed: Minute) -> Error {
    match b.told() {
        Told::Moment(problem) => Invalid::new(field, typed.to_string(), problem).into(),
        Told::Window { from, until } => {
            Refusal::CheckInWindow { booking, at: typed.to_string(), from: from.to_string(), until: until.to_string() }
                .into()
        }
    }
}

/// Another booking's actual use of the machine that `[start, end)` (open
/// while `end` is `None`) would overlap. Actual periods never overlap, so
/// the one with the greatest start before `end` decides.
fn clash(db: Sql<'_>, equipment_id: i64, start: Minute, end: Option<Minute>, except: i64) -> Result<Option<Booking>> {
    match sql::last_use_before(db, equipment_id, end, except)? {
        Some((id, ended)) if ended.is_none_or(|e| e > start) => by_id(db, id),
        _ => Ok(None),
    }
}

fn in_use(other: Booking) -> Error {
    let who = other.who();
    Refusal::MachineInUse {
        equipment: other.equipment,
        booking: Some(other.id),
        who,
        since: other.actual_start.map(|m| m.to_string()).unwrap_or_default(),
        until: other.actual_end.map(|m| m.to_string()),
    }
    .into()
}

fn tolerance(w: &Write<'_>) -> Result<u32> {
    Ok(u32::try_from(value(w.sql(), SettingKey::ClockTolerance, None)?).unwrap_or(0))
}

/// The moment to record a check-in of `before` typed as `typed`.
pub(super) fn check_in_moment(w: &Write<'_>, before: &Booking, equipment_id: i64, typed: Minute) -> Result<Minute> {
    let window = u32::try_from(value(w.sql(), SettingKey::CheckInWindow, Some(equipment_id))?).unwrap_or(0);
    let booked =
        before.period().ok_or_else(|| Invalid::new(Field::Booking, before.id.to_string(), Problem::NotFound))?;
    let at = actual::check_in(&booked, typed, w.now(), window, tolerance(w)?)
        .map_err(|b| refused(b, Field::Time, before.id, typed))?;
    if let Some(other) = clash(w.sql(), equipment_id, at, None, before.id)? {
        return Err(in_use(other));
    }
    Ok(at)
}

/// The moment to record a check-out of use that began at `started`.
pub(super) fn check_out_moment(w: &Write<'_>, started: Minute, typed: Minute) -> Result<Minute> {
    actual::check_out(started, typed, w.now(), tolerance(w)?).map_err(|b| refused(b, Field::Time, 0, typed))
}

/// The machine's next booking that use ending at `ended` ran into, if any.
pub(super) fn ran_into(db: Sql<'_>, equipment_id: i64, before: &Booking, ended: Minute) -> Result<Option<i64>> {
    let next = sql::next_after(db, equipment_id, before.start, before.id)?;
    Ok(next.and_then(|(id, start)| actual::overran(ended, start).then_some(id)))
}

/// Books a free slot starting now for someone at the machine, without the
/// notice rule, and checks it in at once (equipment managers and admins).
/// The reason is kept in the booking's note.
pub fn walk_in(store: &mut Store, input: &BookingInput, reason: &str) -> Result<Booking> {
    let why = text::required(reason, 180).field(Field::Reason, reason)?;
    let override_reason =
        input.override_quota.as_deref().map(|r| text::required(r, 200).field(Field::Reason, r)).transpose()?;
    store.write(Capability::ManageBookings, |w| {
        let (eq, who) = machine_and_parties(w, input)?;
        super::in_arrears(w, who.party_id)?;
        let req = request_walk_in(input, &eq.rules, w.now())?;
        slots::admissible(
            w,
            &eq,
            (who.person_id, who.company_id),
            &req.period,
            slots::Coming::WalkIn,
            override_reason.is_some(),
        )?;
        if let Some(other) = clash(w.sql(), eq.id, w.now(), None, 0)? {
            return Err(in_use(other));
        }
        let booked = insert(w, &eq, who, &req.period, &req, None, override_reason.as_deref(), Some(&why))?;
        let at = check_in_moment(w, &booked, eq.id, w.now())?;
        let ch = Changes { actual_start: Some(at), checked_in_at: Some(w.now()), ..Changes::default() };
        step(w, &booked, Transition::CheckIn, &ch)
    })
}

/// Corrects the recorded times of use (admins), with a reason kept in the
/// audit log: the start of use in progress, or the start and end of
/// completed use, which is priced again at the rate recorded when it was
/// first priced. Neither time may lie ahead of the clock, nor overlap
/// another booking's use of the machine.
pub fn correct(store: &mut Store, id: &str, from: Option<&str>, to: Option<&str>, reason: &str) -> Result<Booking> {
    let n = parse_id(id)?;
    let why = text::required(reason, 200).field(Field::Reason, reason)?;
    let parse = |raw: Option<&str>, field: Field| -> Result<Option<Minute>> {
        match raw.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => Ok(Some(Minute::parse(s).field(field, s)?)),
        }
    };
    let (from, to) = (parse(from, Field::From)?, parse(to, Field::To)?);
    if from.is_none() && to.is_none() {
        return Err(Invalid::new(Field::From, "", Problem::Empty).into());
    }
    store.write(Capability::ManageSettings, |w| {
        let before = by_id(w.sql(), n)?.ok_or_else(|| Invalid::new(Field::Booking, id, Problem::NotFound))?;
        let completed = before.state == BookingState::Completed;
        if !(completed || before.state == BookingState::InUse && to.is_none()) {
            return Err(Refusal::NotCorrectable { booking: before.id, state: before.state }.into());
        }
        let tol = tolerance(w)?;
        let now = w.now();
        let start = match from {
            Some(f) => actual::not_future(f, now, tol).map_err(|b| refused(b, Field::From, before.id, f))?,
            None => before.actual_start.unwrap_or(now),
        };
        let end = match to {
            Some(t) => Some(actual::not_future(t, now, tol).map_err(|b| refused(b, Field::To, before.id, t))?),
            None => before.actual_end,
        };
        let eq = equipment::by_code(w.sql(), &before.equipment)?;
        if let Some(other) = clash(w.sql(), eq.id, start, end, before.id)? {
            return Err(in_use(other));
        }
        let priced = match end {
            Some(end) => {
                let used = Period::new(start, end).field(Field::To, &end.to_string())?;
                if used.minutes() > LONGEST_MINUTES {
                    let latest = Minute(start.0 + LONGEST_MINUTES).to_string();
                    return Err(Invalid::new(Field::To, end.to_string(), Problem::NotAfter { latest }).into());
                }
                // At the rate recorded when it was first priced.
                let rate = before.rate.unwrap_or(Won(0));
                let samples = before.actual_samples.unwrap_or(before.samples);
                let booked = Period::new(before.start, before.end).field(Field::To, &before.end.to_string())?;
                let took = super::priced::took(w.sql(), &before)?;
                let drawn = super::priced::redrawn(w.sql(), &before)?;
                let rules = super::priced::time_rules(w.sql(), &eq)?;
                let span = super::priced::span(&booked, &used, samples);
                let (billed, amount, voucher) = super::priced::with_draw(&eq, rules, rate, span, took, drawn)?;
                let overran = ran_into(w.sql(), eq.id, &before, end)?;
                Some((Priced { billed_minutes: billed, charge: amount, overran }, voucher))
            }
            None => None,
        };
        sql::correct(w.sql(), before.id, (start, end), priced.map(|p| p.0), now)
            .map_err(|e| guard(e, &before.equipment, before.period()))?;
        if let Some((_, voucher)) = priced {
            super::priced::redraw_done(w.sql(), &before, voucher)?;
        }
        let after = sql::written(w.sql(), before.id)?;
        let mut record = json(&after);
        record["reason"] = serde_json::Value::String(why.clone());
        w.audit("booking", &before.id.to_string(), "correct", Some(json(&before)), Some(record))?;
        Ok(after)
    })
}
