//! Leases: a company in a room. No two leases of one room overlap (checked
//! here with a message naming the other company, and by a trigger behind it).

use chrono::NaiveDate;

use super::write::json;
use super::{Page, Store, company};
use crate::domain::codes::parse_numbered;
use crate::domain::lease::LeaseInput;
use crate::domain::time::date_text;
use crate::domain::{Capability, Field, ForField, Invalid, Period, Problem, text};
use crate::error::{Error, Refusal, Result};
use crate::store::sql::lease as sql;
use crate::store::sql::lease::NewLease;
use crate::store::{Guard, Sql};

pub use crate::store::sql::lease::Lease;

/// The lease just written, which is there.
fn written(db: Sql<'_>, id: i64) -> Result<Lease> {
    sql::by_id(db, id)?
        .ok_or_else(|| Invalid::new(Field::Lease, crate::domain::codes::numbered("L", id), Problem::NotFound).into())
}

/// The room's id, or a refusal naming what was typed.
fn room_id(db: Sql<'_>, code: &str) -> Result<(i64, Option<NaiveDate>)> {
    sql::room(db, code)?.ok_or_else(|| Invalid::new(Field::Room, code, Problem::NotFound).into())
}

/// The leases of `room` that share a day with `period`: what a new lease there
/// would clash with. Used before saving and for the form's live feedback.
pub fn clashes(store: &Store, room: &str, period: &Period<NaiveDate>) -> Result<Vec<Lease>> {
    sql::clashes(store.sql(), room, period)
}

fn overlap(l: &Lease) -> Error {
    Refusal::LeaseOverlap {
        room: l.room.clone(),
        company: l.company_name.clone(),
        from: date_text(l.from),
        last_day: date_text(l.last_day),
    }
    .into()
}

/// Signs a lease (admins only).
pub fn add(store: &mut Store, input: &LeaseInput) -> Result<Lease> {
    let new = input.validate()?;
    store.write(Capability::ManageTenants, |w| {
        let c = company::resolve(w.sql(), &new.company, Field::Company)?;
        if c.stage.has_left() {
            return Err(Refusal::CompanyLeft { company: c.name, stage: c.stage }.into());
        }
        let (room_id, retired) = room_id(w.sql(), &new.room)?;
        if retired.is_some() {
            return Err(Refusal::RoomRetired { room: new.room.clone() }.into());
        }
        if let Some(other) = sql::clashes(w.sql(), &new.room, &new.period)?.first() {
            return Err(overlap(other));
        }
        let signing = NewLease {
            company_id: c.id,
            room_id,
            period: new.period,
            rent: new.rent,
            fee: new.fee,
            deposit: new.deposit,
            created_at: w.now(),
        };
        let id = sql::insert(w.sql(), &signing).map_err(|e| match e.guard() {
            Some(Guard::LeaseOverlap) => Refusal::LeaseOverlap {
                room: new.room.clone(),
                company: String::new(),
                from: date_text(new.period.start()),
                last_day: date_text(new.period.end()),
            }
            .into(),
            _ => e,
        })?;
        let lease = written(w.sql(), id)?;
        w.audit("lease", &lease.code, "add", None, Some(json(&lease)))?;
        Ok(lease)
    })
}

/// Ends a lease early on `on` (the first day the company no longer holds the
/// room). The lease as signed is kept; only its end is recorded.
pub fn end(store: &mut Store, code: &str, on: &str, reason: &str) -> Result<Lease> {
    let id = parse_numbered("L", code, "L-0001").field(Field::Lease, code)?;
    let on_date = crate::domain::time::parse_date(on).field(Field::Date, on)?;
    let reason = text::clean(reason, 200).field(Field::Reason, reason)?;
    store.write(Capability::ManageTenants, |w| {
        let before = sql::by_id(w.sql(), id)?.ok_or_else(|| Invalid::new(Field::Lease, code, Problem::NotFound))?;
        end_in(w, &before, on_date, &reason)
    })
}

/// Ends `lease` on `on` inside a running use case (also when a company leaves).
pub(crate) fn end_in(w: &mut super::Write<'_>, lease: &Lease, on: NaiveDate, reason: &str) -> Result<Lease> {
    if lease.end() <= on {
        let last_day = date_text(lease.last_day);
        return Err(Refusal::LeaseEnded { lease: lease.code.clone(), last_day }.into());
    }
    // A lease that had not started by then ends before its first day: it never ran.
    let ended = on.max(lease.from);
    let id = parse_numbered("L", &lease.code, "L-0001").field(Field::Lease, &lease.code)?;
    sql::set_ended(w.sql(), id, ended, (!reason.is_empty()).then_some(reason))?;
    let after = written(w.sql(), id)?;
    w.audit("lease", &lease.code, "end", Some(json(lease)), Some(json(&after)))?;
    Ok(after)
}

/// Narrows a lease list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeaseFilter {
    /// Only this company's (사업자등록번호).
    pub company: Option<String>,
    pub room: Option<String>,
    /// Only leases running on this day.
    pub active_on: Option<NaiveDate>,
    /// Only leases whose last day is from `today` to `today + n` days.
    pub ending_within: Option<(NaiveDate, i64)>,
}

pub fn list(store: &Store, filter: &LeaseFilter, page: Page) -> Result<Vec<Lease>> {
    let company_id = match &filter.company {
        Some(c) => Some(company::resolve(store.sql(), c, Field::Company)?.id),
        None => None,
    };
    // A room the centre does not have is a typo, not a room never leased.
    let room_id = match &filter.room {
        Some(r) => Some(room_id(store.sql(), r)?.0),
        None => None,
    };
    let by = sql::Filter { company_id, room_id, active_on: filter.active_on, ending_within: filter.ending_within };
    sql::list(store.sql(), &by, page.limit, page.offset)
}

pub fn show(store: &Store, code: &str) -> Result<Lease> {
    let id = parse_numbered("L", code, "L-0001").field(Field::Lease, code)?;
    sql::by_id(store.sql(), id)?.ok_or_else(|| Invalid::new(Field::Lease, code, Problem::NotFound).into())
}

/// The leases of a company that run past `on`, for ending them when it leaves.
pub(crate) fn running_past(db: Sql<'_>, company_id: i64, on: NaiveDate) -> Result<Vec<Lease>> {
    sql::running_past(db, company_id, on)
}
