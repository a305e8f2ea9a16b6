//! Bookings of the shared machines. A booking is made within the machine's
//! rules, never overlaps another active booking or a downtime (checked here
//! with a message naming the clash and the nearest free slot, and by a
//! trigger behind it), and is charged from actual use.

mod actual;
mod gate;
mod history;
mod slots;
mod transition;

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::write::json;
use super::{Page, Store, Write, company, equipment, raised};
use crate::domain::booking::{self as rules, BookingState};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::{Capability, Field, ForField, Invalid, Minute, Period, Problem, Won, text};
use crate::error::{Error, Refusal, Result};

pub use actual::{correct, walk_in};
pub use history::{PastBooking, record};
pub use slots::{Preview, clash_for, preview, suggest};
pub(crate) use transition::cancel_in;
pub use transition::{approve, cancel, check_in, check_out, mark_no_shows, no_show, reject};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Booking {
    pub id: i64,
    pub equipment: String,
    pub equipment_name: String,
    pub person: String,
    pub person_name: String,
    pub company_brn: Option<String>,
    pub company_name: Option<String>,
    pub start: String,
    pub end: String,
    pub state: BookingState,
    pub purpose: String,
    pub samples: i64,
    pub series: Option<i64>,
    pub actual_start: Option<String>,
    pub actual_end: Option<String>,
    pub actual_samples: Option<i64>,
    pub billed_minutes: Option<i64>,
    pub rate: Option<Won>,
    pub charge: Option<Won>,
    pub note: Option<String>,
    pub created_at: String,
    pub created_by: String,
    /// The clock when check-in and check-out were recorded, and when an
    /// admin last corrected the actual times.
    pub checked_in_at: Option<String>,
    pub checked_out_at: Option<String>,
    pub corrected_at: Option<String>,
    /// The booking this one's use ran into (an overrun), if any.
    pub overran: Option<i64>,
}

impl Booking {
    pub fn period(&self) -> Option<Period> {
        Period::new(Minute::parse(&self.start).ok()?, Minute::parse(&self.end).ok()?).ok()
    }

    /// `김민수(세라텍)` or `김민수` for someone external.
    pub fn who(&self) -> String {
        match &self.company_name {
            Some(c) => format!("{}({c})", self.person_name),
            None => self.person_name.clone(),
        }
    }
}

const SELECT: &str = "SELECT b.id, e.code, e.name, p.code, p.name, c.brn, c.name, b.start, b.end, b.state, b.purpose,
       b.samples, b.series, b.actual_start, b.actual_end, b.actual_samples, b.billed_minutes, b.rate, b.charge, b.note,
       b.created_at, b.created_by, b.checked_in_at, b.checked_out_at, b.corrected_at, b.overran
  FROM booking b JOIN equipment e ON e.id = b.equipment_id JOIN person p ON p.id = b.person_id
  LEFT JOIN company c ON c.id = b.company_id";

fn row(r: &Row<'_>) -> rusqlite::Result<Booking> {
    let brn: Option<String> = r.get(5)?;
    let state: String = r.get(9)?;
    Ok(Booking {
        id: r.get(0)?,
        equipment: r.get(1)?,
        equipment_name: r.get(2)?,
        person: r.get(3)?,
        person_name: r.get(4)?,
        company_brn: brn.map(|b| crate::domain::Brn::parse(&b).map_or(b, |b| b.to_string())),
        company_name: r.get(6)?,
        start: r.get(7)?,
        end: r.get(8)?,
        state: BookingState::parse(&state)
            .ok_or_else(|| rusqlite::Error::FromSqlConversionFailure(9, rusqlite::types::Type::Text, "state".into()))?,
        purpose: r.get(10)?,
        samples: r.get(11)?,
        series: r.get(12)?,
        actual_start: r.get(13)?,
        actual_end: r.get(14)?,
        actual_samples: r.get(15)?,
        billed_minutes: r.get(16)?,
        rate: r.get::<_, Option<i64>>(17)?.map(Won),
        charge: r.get::<_, Option<i64>>(18)?.map(Won),
        note: r.get(19)?,
        created_at: r.get(20)?,
        created_by: r.get(21)?,
        checked_in_at: r.get(22)?,
        checked_out_at: r.get(23)?,
        corrected_at: r.get(24)?,
        overran: r.get(25)?,
    })
}

pub(crate) fn by_id(conn: &Connection, id: i64) -> Result<Option<Booking>> {
    Ok(conn.prepare_cached(&format!("{SELECT} WHERE b.id = ?1"))?.query_row([id], row).optional()?)
}

/// A booking number as typed: `123` or `#123`.
pub(crate) fn parse_id(raw: &str) -> Result<i64> {
    let s = raw.trim().trim_start_matches('#');
    s.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| Invalid::new(Field::Booking, raw, Problem::Format { example: "123" }).into())
}

pub fn show(store: &Store, id: &str) -> Result<Booking> {
    let n = parse_id(id)?;
    by_id(store.conn(), n)?.ok_or_else(|| Invalid::new(Field::Booking, id, Problem::NotFound).into())
}

/// What was typed to book a machine.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BookingInput {
    pub equipment: String,
    pub person: String,
    /// The company billed (사업자등록번호); empty: the person's company.
    pub company: String,
    pub from: String,
    pub to: String,
    pub purpose: String,
    pub samples: String,
    /// Book the same time on this many weeks (1: just this once).
    pub weeks: String,
    /// In a series, book the free occurrences and skip the clashing ones.
    pub book_free: bool,
    /// Book beyond the company's monthly quota, for this reason.
    pub override_quota: Option<String>,
}

/// The validated parts of a [`BookingInput`].
pub(crate) struct Request {
    pub period: Period,
    pub purpose: String,
    pub samples: i64,
    pub weeks: u32,
}

/// Samples as typed: empty is none.
pub(super) fn samples(raw: &str) -> Result<i64> {
    match raw.trim() {
        "" => Ok(0),
        s => Ok(s
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=10_000).contains(n))
            .ok_or_else(|| Invalid::new(Field::Samples, raw, Problem::OutOfRange { min: 0, max: 10_000 }))?),
    }
}

pub(crate) fn request(input: &BookingInput) -> Result<Request> {
    let start = Minute::parse(&input.from).field(Field::From, &input.from)?;
    let end = Minute::parse(&input.to).field(Field::To, &input.to)?;
    let period = Period::new(start, end).field(Field::To, &input.to)?;
    let purpose = text::clean(&input.purpose, 200).field(Field::Purpose, &input.purpose)?;
    let samples = samples(&input.samples)?;
    let weeks = match input.weeks.trim() {
        "" => 1,
        s => s
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=52).contains(n))
            .ok_or_else(|| Invalid::new(Field::Weeks, &input.weeks, Problem::OutOfRange { min: 1, max: 52 }))?,
    };
    Ok(Request { period, purpose, samples, weeks })
}

/// The validated parts of a walk-in: it starts now; `to`, if typed, ends it.
pub(crate) fn request_walk_in(
    input: &BookingInput,
    rules: &crate::domain::equipment::Rules,
    now: Minute,
) -> Result<Request> {
    let to = match input.to.trim() {
        "" => None,
        s => Some(Minute::parse(s).field(Field::To, s)?),
    };
    let period = rules::walk_in_period(rules, now, to).field(Field::To, &input.to)?;
    let purpose = text::clean(&input.purpose, 200).field(Field::Purpose, &input.purpose)?;
    let samples = samples(&input.samples)?;
    Ok(Request { period, purpose, samples, weeks: 1 })
}

/// The result of a booking request: what was booked, and for a series the
/// occurrences skipped because they clash.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Booked {
    pub booked: Vec<Booking>,
    pub skipped: Vec<Skipped>,
}

/// An occurrence of a series left out, and the refusal that left it out:
/// typed, so that it is rendered at the edge in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub start: String,
    pub end: String,
    pub refusal: Refusal,
}

/// The person's id and the company billed: the one given, else the person's.
pub(crate) fn parties(conn: &Connection, input: &BookingInput) -> Result<(i64, Option<i64>)> {
    let n = parse_numbered("P", &input.person, "P-0001").field(Field::Person, &input.person)?;
    let (person_id, own): (i64, Option<i64>) = conn
        .prepare_cached("SELECT id, company_id FROM person WHERE code = ?1")?
        .query_row([numbered("P", n)], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Person, &input.person, Problem::NotFound))?;
    let company = match input.company.trim() {
        "" => own,
        brn => Some(company::resolve(conn.into(), brn, Field::Company)?.id),
    };
    Ok((person_id, company))
}

/// The machine asked for, if it is in service, and who books it and pays.
pub(crate) fn machine_and_parties(
    w: &Write<'_>,
    input: &BookingInput,
) -> Result<(equipment::Equipment, (i64, Option<i64>))> {
    let eq = equipment::by_code(w.sql(), &input.equipment)?;
    if !eq.is_active() {
        return Err(Refusal::EquipmentRetired { equipment: eq.code.clone() }.into());
    }
    let parties = parties(w.conn(), input)?;
    Ok((eq, parties))
}

/// Books a machine (admins and equipment managers). Each occurrence of a
/// weekly series is checked; a series with clashes books nothing unless
/// `book_free` asks for the free occurrences. Refusals say which rule, or
/// which booking clashes and the nearest free slot.
pub fn add(store: &mut Store, input: &BookingInput) -> Result<Booked> {
    let req = request(input)?;
    let override_reason =
        input.override_quota.as_deref().map(|r| text::required(r, 200).field(Field::Reason, r)).transpose()?;
    store.write(Capability::ManageBookings, |w| {
        let (eq, (person_id, company_id)) = machine_and_parties(w, input)?;
        let occurrences = rules::weekly(&req.period, req.weeks);
        let mut out = Booked::default();
        let mut first: Option<i64> = None;
        for period in occurrences {
            let who = (person_id, company_id);
            match slots::admissible(w, &eq, who, &period, slots::Coming::Ahead, override_reason.is_some()) {
                Ok(()) => {}
                Err(Error::Refused(r)) if req.weeks > 1 => {
                    out.skipped.push(Skipped {
                        start: period.start().to_string(),
                        end: period.end().to_string(),
                        refusal: r,
                    });
                    continue;
                }
                Err(e) => return Err(e),
            }
            let booking =
                insert(w, &eq, person_id, company_id, &period, &req, first, override_reason.as_deref(), None)?;
            first = first.or(Some(booking.id));
            out.booked.push(booking);
        }
        if !out.skipped.is_empty() && !input.book_free {
            let clashes = out.skipped.iter().map(|s| s.start.clone()).collect();
            return Err(Refusal::SeriesClashes { clashes }.into());
        }
        Ok(out)
    })
}

#[allow(clippy::too_many_arguments)]
fn insert(
    w: &mut Write<'_>,
    eq: &equipment::Equipment,
    person_id: i64,
    company_id: Option<i64>,
    period: &Period,
    req: &Request,
    series: Option<i64>,
    over_quota: Option<&str>,
    walk_in: Option<&str>,
) -> Result<Booking> {
    // A walk-in is approved by the manager standing at the machine.
    let state =
        if eq.rules.needs_approval && walk_in.is_none() { BookingState::Requested } else { BookingState::Approved };
    let note = match (walk_in, over_quota) {
        (Some(w), Some(q)) => Some(format!("walk-in: {w}; quota override: {q}")),
        (Some(w), None) => Some(format!("walk-in: {w}")),
        (None, q) => q.map(|r| format!("quota override: {r}")),
    };
    w.conn()
        .prepare_cached(
            "INSERT INTO booking (equipment_id, person_id, company_id, start, end, state, purpose, samples, series, note,
                                  created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            eq.id,
            person_id,
            company_id,
            period.start().to_string(),
            period.end().to_string(),
            state.code(),
            req.purpose,
            req.samples,
            series,
            note,
            w.now().to_string(),
            w.who()
        ])
        .map_err(|e| guard(e, &eq.code, Some(*period)))?;
    let id = w.conn().last_insert_rowid();
    let booking = by_id(w.conn(), id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    let action = match (walk_in, over_quota) {
        (Some(_), _) => "walk-in",
        (None, Some(_)) => "add-over-quota",
        (None, None) => "add",
    };
    w.audit("booking", &id.to_string(), action, None, Some(json(&booking)))?;
    Ok(booking)
}

/// The schema's guards behind the booking rules, as refusals: a booked
/// period that overlaps another (`period`, the one being written), or use of
/// `equipment` that overlaps another's. Any other error stays as it is.
pub(crate) fn guard(e: rusqlite::Error, equipment: &str, period: Option<Period>) -> Error {
    match (raised(&e), period) {
        (Some("booking_overlap"), Some(p)) => Refusal::BookingClash {
            clash: Box::new(crate::error::Clash {
                booking: None,
                who: String::new(),
                start: p.start().to_string(),
                end: p.end().to_string(),
            }),
            free: None,
        }
        .into(),
        (Some("actual_overlap"), _) => Refusal::MachineInUse {
            equipment: equipment.to_owned(),
            booking: None,
            who: String::new(),
            since: String::new(),
            until: None,
        }
        .into(),
        _ => Error::from(e),
    }
}

/// Narrows a booking list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BookingFilter {
    pub equipment: Option<String>,
    pub person: Option<String>,
    pub company: Option<String>,
    pub state: Option<BookingState>,
    /// Bookings ending after this minute.
    pub from: Option<Minute>,
    /// Bookings starting before this minute.
    pub to: Option<Minute>,
}

pub fn list(store: &Store, filter: &BookingFilter, page: Page) -> Result<Vec<Booking>> {
    use rusqlite::types::Value;
    let conn = store.conn();
    let mut clause = String::from(" WHERE 1 = 1");
    let mut args: Vec<Value> = Vec::new();
    let mut arg = |clause: &mut String, sql: &str, v: Value| {
        args.push(v);
        clause.push_str(&sql.replace('?', &format!("?{}", args.len())));
    };
    if let Some(e) = &filter.equipment {
        arg(&mut clause, " AND b.equipment_id = ?", Value::Integer(equipment::by_code(conn.into(), e)?.id));
    }
    if let Some(p) = &filter.person {
        let n = parse_numbered("P", p, "P-0001").field(Field::Person, p)?;
        // A person no one has is a typo, not a person without bookings.
        let id: i64 = conn
            .query_row("SELECT id FROM person WHERE code = ?1", [numbered("P", n)], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Invalid::new(Field::Person, p, Problem::NotFound))?;
        arg(&mut clause, " AND b.person_id = ?", Value::Integer(id));
    }
    if let Some(c) = &filter.company {
        arg(&mut clause, " AND b.company_id = ?", Value::Integer(company::resolve(conn.into(), c, Field::Company)?.id));
    }
    if let Some(s) = filter.state {
        arg(&mut clause, " AND b.state = ?", Value::Text(s.code().to_owned()));
    }
    if let Some(f) = filter.from {
        arg(&mut clause, " AND b.end > ?", Value::Text(f.to_string()));
    }
    if let Some(t) = filter.to {
        arg(&mut clause, " AND b.start < ?", Value::Text(t.to_string()));
    }
    let n = args.len();
    args.push(Value::Integer(i64::from(page.limit)));
    args.push(Value::Integer(i64::from(page.offset)));
    let sql = format!("{SELECT}{clause} ORDER BY b.start, b.id LIMIT ?{} OFFSET ?{}", n + 1, n + 2);
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(args), row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The bookings of one machine that a calendar of `period` shows: active and
/// completed ones, by start. Seeks on (machine, start), so it costs the same
/// whatever the table's size.
pub fn calendar(store: &Store, equipment_id: i64, period: &Period) -> Result<Vec<Booking>> {
    let sql = format!(
        "{SELECT} WHERE b.equipment_id = ?1 AND b.start < ?3 AND b.start >= ?4 AND b.end > ?2
           AND b.state IN ('requested', 'approved', 'in-use', 'completed') ORDER BY b.start"
    );
    // No booking is longer than two weeks (machines' rules, and `record`
    // for the past), so starting the seek two weeks early finds every overlap.
    let seek = Minute(period.start().0 - crate::domain::booking::LONGEST_MINUTES);
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st
        .query_map(params![equipment_id, period.start().to_string(), period.end().to_string(), seek.to_string()], row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Bookings waiting for approval, across machines, oldest first.
pub fn pending(store: &Store, page: Page) -> Result<Vec<Booking>> {
    list(store, &BookingFilter { state: Some(BookingState::Requested), ..BookingFilter::default() }, page)
}
