//! Leases: a company in a room. No two leases of one room overlap (checked
//! here with a message naming the other company, and by a trigger behind it).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::write::json;
use super::{Page, Store, company, raised};
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::lease::{LeaseInput, days_left};
use crate::domain::time::{date_text, stored_date};
use crate::domain::{Capability, Field, ForField, Invalid, Period, Problem, Won, text};
use crate::error::{Error, Refusal, Result};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Lease {
    /// `L-0007`
    pub code: String,
    pub company_brn: String,
    pub company_name: String,
    pub room: String,
    pub floor: i64,
    /// Hundredths of m².
    pub area: i64,
    pub from: String,
    /// The first day after the lease as signed.
    pub to: String,
    /// Set when the lease was ended early.
    pub ended_on: Option<String>,
    pub end_reason: Option<String>,
    /// The last day the company holds the room.
    pub last_day: String,
    pub rent: Won,
    pub fee: Won,
    pub deposit: Won,
}

impl Lease {
    pub fn period(&self) -> Option<Period<NaiveDate>> {
        let from = stored_date(&self.from)?;
        let end = stored_date(self.ended_on.as_deref().unwrap_or(&self.to))?;
        Period::new(from, end).ok()
    }

    /// The first day after the lease, early end included.
    pub fn end(&self) -> Option<NaiveDate> {
        stored_date(self.ended_on.as_deref().unwrap_or(&self.to))
    }

    /// `D-35` counts to the last day; `None` once over.
    pub fn days_left(&self, today: NaiveDate) -> Option<i64> {
        self.end().map(|e| days_left(e, today)).filter(|d| *d >= 0)
    }
}

const SELECT: &str = "SELECT l.id, c.brn, c.name, r.code, r.floor, r.area, l.from_date, l.to_date, l.ended_on,
                             l.end_reason, l.end_date, l.rent, l.fee, l.deposit
                      FROM lease l JOIN company c ON c.id = l.company_id JOIN room r ON r.id = l.room_id";

fn row(r: &Row<'_>) -> rusqlite::Result<Lease> {
    let brn: String = r.get(1)?;
    let end: String = r.get(10)?;
    Ok(Lease {
        code: numbered("L", r.get(0)?),
        company_brn: crate::domain::Brn::parse(&brn).map_or(brn, |b| b.to_string()),
        company_name: r.get(2)?,
        room: r.get(3)?,
        floor: r.get(4)?,
        area: r.get(5)?,
        from: r.get(6)?,
        to: r.get(7)?,
        ended_on: r.get(8)?,
        end_reason: r.get(9)?,
        last_day: stored_date(&end).and_then(|d| d.pred_opt()).map_or(end, date_text),
        rent: Won(r.get(11)?),
        fee: Won(r.get(12)?),
        deposit: Won(r.get(13)?),
    })
}

fn by_id(conn: &Connection, id: i64) -> Result<Option<Lease>> {
    Ok(conn.query_row(&format!("{SELECT} WHERE l.id = ?1"), [id], row).optional()?)
}

/// The room's id, or a refusal naming what was typed.
fn room_id(conn: &Connection, code: &str) -> Result<(i64, Option<String>)> {
    conn.query_row("SELECT id, retired_on FROM room WHERE code = ?1", [code.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Room, code, Problem::NotFound).into())
}

/// The leases of `room` that share a day with `period`: what a new lease there
/// would clash with. Used before saving and for the form's live feedback.
pub fn clashes(store: &Store, room: &str, period: &Period<NaiveDate>) -> Result<Vec<Lease>> {
    clashes_in(store.conn(), room, period)
}

fn clashes_in(conn: &Connection, room: &str, period: &Period<NaiveDate>) -> Result<Vec<Lease>> {
    let sql = format!(
        "{SELECT} WHERE r.code = ?1 AND l.from_date < ?3 AND l.end_date > ?2 AND l.end_date > l.from_date ORDER BY l.from_date"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st
        .query_map(params![room.trim(), date_text(period.start()), date_text(period.end())], row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn overlap(l: &Lease) -> Error {
    Refusal::LeaseOverlap {
        room: l.room.clone(),
        company: l.company_name.clone(),
        from: l.from.clone(),
        last_day: l.last_day.clone(),
    }
    .into()
}

/// Signs a lease (admins only).
pub fn add(store: &mut Store, input: &LeaseInput) -> Result<Lease> {
    let new = input.validate()?;
    store.write(Capability::ManageTenants, |w| {
        let c = company::resolve(w.conn(), &new.company, Field::Company)?;
        if c.stage.has_left() {
            return Err(Refusal::CompanyLeft { company: c.name, stage: c.stage }.into());
        }
        let (room_id, retired) = room_id(w.conn(), &new.room)?;
        if retired.is_some() {
            return Err(Refusal::RoomRetired { room: new.room.clone() }.into());
        }
        if let Some(other) = clashes_in(w.conn(), &new.room, &new.period)?.first() {
            return Err(overlap(other));
        }
        w.conn()
            .execute(
                "INSERT INTO lease (company_id, room_id, from_date, to_date, rent, fee, deposit, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    c.id,
                    room_id,
                    date_text(new.period.start()),
                    date_text(new.period.end()),
                    new.rent.0,
                    new.fee.0,
                    new.deposit.0,
                    w.now().to_string()
                ],
            )
            .map_err(|e| match raised(&e) {
                Some("lease_overlap") => Refusal::LeaseOverlap {
                    room: new.room.clone(),
                    company: String::new(),
                    from: date_text(new.period.start()),
                    last_day: date_text(new.period.end()),
                }
                .into(),
                _ => Error::from(e),
            })?;
        let lease = by_id(w.conn(), w.conn().last_insert_rowid())?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
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
        let before = by_id(w.conn(), id)?.ok_or_else(|| Invalid::new(Field::Lease, code, Problem::NotFound))?;
        end_in(w, &before, on_date, &reason)
    })
}

/// Ends `lease` on `on` inside a running use case (also when a company leaves).
pub(crate) fn end_in(w: &mut super::Write<'_>, lease: &Lease, on: NaiveDate, reason: &str) -> Result<Lease> {
    let (Some(from), Some(end)) = (stored_date(&lease.from), lease.end()) else {
        return Err(rusqlite::Error::QueryReturnedNoRows.into());
    };
    if end <= on {
        return Err(Refusal::LeaseEnded { lease: lease.code.clone(), last_day: lease.last_day.clone() }.into());
    }
    // A lease that had not started by then ends before its first day: it never ran.
    let ended = on.max(from);
    let id = parse_numbered("L", &lease.code, "L-0001").field(Field::Lease, &lease.code)?;
    w.conn().execute(
        "UPDATE lease SET ended_on = ?2, end_reason = ?3 WHERE id = ?1",
        params![id, date_text(ended), (!reason.is_empty()).then_some(reason)],
    )?;
    let after = by_id(w.conn(), id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
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
    use rusqlite::types::Value;
    let mut clause = String::from(" WHERE 1 = 1");
    let mut args: Vec<Value> = Vec::new();
    let mut arg = |clause: &mut String, sql: &str, v: Value| {
        args.push(v);
        clause.push_str(&sql.replace('?', &format!("?{}", args.len())));
    };
    if let Some(c) = &filter.company {
        let company = company::resolve(store.conn(), c, Field::Company)?;
        arg(&mut clause, " AND l.company_id = ?", Value::Integer(company.id));
    }
    if let Some(r) = &filter.room {
        // A room the centre does not have is a typo, not a room never leased.
        let (room, _) = room_id(store.conn(), r)?;
        arg(&mut clause, " AND l.room_id = ?", Value::Integer(room));
    }
    if let Some(d) = filter.active_on {
        arg(&mut clause, " AND l.from_date <= ?", Value::Text(date_text(d)));
        arg(&mut clause, " AND l.end_date > ?", Value::Text(date_text(d)));
    }
    if let Some((today, days)) = filter.ending_within {
        arg(&mut clause, " AND l.end_date > l.from_date AND l.end_date > ?", Value::Text(date_text(today)));
        let until = today + chrono::Duration::days(days + 1);
        arg(&mut clause, " AND l.end_date <= ?", Value::Text(date_text(until)));
    }
    let n = args.len();
    args.push(Value::Integer(i64::from(page.limit)));
    args.push(Value::Integer(i64::from(page.offset)));
    let order = if filter.ending_within.is_some() { "l.end_date, r.code" } else { "l.from_date, r.code" };
    let sql = format!("{SELECT}{clause} ORDER BY {order} LIMIT ?{} OFFSET ?{}", n + 1, n + 2);
    let mut st = store.conn().prepare_cached(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(args), row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn show(store: &Store, code: &str) -> Result<Lease> {
    let id = parse_numbered("L", code, "L-0001").field(Field::Lease, code)?;
    by_id(store.conn(), id)?.ok_or_else(|| Invalid::new(Field::Lease, code, Problem::NotFound).into())
}

/// The leases of a company that run past `on`, for ending them when it leaves.
pub(crate) fn running_past(conn: &Connection, company_id: i64, on: NaiveDate) -> Result<Vec<Lease>> {
    let sql = format!(
        "{SELECT} WHERE l.company_id = ?1 AND l.end_date > ?2 AND l.end_date > l.from_date ORDER BY l.from_date"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params![company_id, date_text(on)], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
