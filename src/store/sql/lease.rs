//! Leases: a company in a room.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::codes::numbered;
use crate::domain::lease::days_left;
use crate::domain::{Area, Brn, Minute, Period, Won};
use crate::error::Result;
use crate::store::{Param, Row, Sql};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Lease {
    /// `L-0007`
    pub code: String,
    pub company_brn: String,
    pub company_name: String,
    pub room: String,
    pub floor: i64,
    #[serde(serialize_with = "crate::domain::area::as_hundredths")]
    pub area: Area,
    pub from: NaiveDate,
    /// The first day after the lease as signed.
    pub to: NaiveDate,
    /// Set when the lease was ended early.
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<String>,
    /// The last day the company holds the room.
    pub last_day: NaiveDate,
    pub rent: Won,
    pub fee: Won,
    pub deposit: Won,
}

impl Lease {
    /// The days the company holds the room; `None` for a lease ended before
    /// its first day (it never ran).
    pub fn period(&self) -> Option<Period<NaiveDate>> {
        Period::new(self.from, self.end()).ok()
    }

    /// The first day after the lease, early end included.
    pub fn end(&self) -> NaiveDate {
        self.ended_on.unwrap_or(self.to)
    }

    /// `D-35` counts to the last day; `None` once over.
    pub fn days_left(&self, today: NaiveDate) -> Option<i64> {
        Some(days_left(self.end(), today)).filter(|d| *d >= 0)
    }
}

const SELECT: &str = "SELECT l.id, c.brn, c.name, r.code, r.floor, r.area, l.from_date, l.to_date, l.ended_on,
                             l.end_reason, l.end_date, l.rent, l.fee, l.deposit
                      FROM lease l JOIN company c ON c.id = l.company_id JOIN room r ON r.id = l.room_id";

fn row(r: &Row<'_, '_>) -> Result<Lease> {
    let brn: String = r.get(1)?;
    let end: NaiveDate = r.get(10)?;
    Ok(Lease {
        code: numbered("L", r.get(0)?),
        company_brn: Brn::parse(&brn).map_or(brn, |b| b.to_string()),
        company_name: r.get(2)?,
        room: r.get(3)?,
        floor: r.get(4)?,
        area: r.get(5)?,
        from: r.get(6)?,
        to: r.get(7)?,
        ended_on: r.get(8)?,
        end_reason: r.get(9)?,
        last_day: end.pred_opt().unwrap_or(end),
        rent: r.get(11)?,
        fee: r.get(12)?,
        deposit: r.get(13)?,
    })
}

pub fn by_id(db: Sql<'_>, id: i64) -> Result<Option<Lease>> {
    db.opt(&format!("{SELECT} WHERE l.id = ?1"), &[&id], row)
}

/// The leases of `room` that share a day with `period`.
pub fn clashes(db: Sql<'_>, room: &str, period: &Period<NaiveDate>) -> Result<Vec<Lease>> {
    let sql = format!(
        "{SELECT} WHERE r.code = ?1 AND l.from_date < ?3 AND l.end_date > ?2 AND l.end_date > l.from_date ORDER BY l.from_date"
    );
    db.all(&sql, &[&room.trim(), &period.start(), &period.end()], row)
}

/// A lease to sign: the company's and room's ids and its terms.
pub struct NewLease {
    pub company_id: i64,
    pub room_id: i64,
    pub period: Period<NaiveDate>,
    pub rent: Won,
    pub fee: Won,
    pub deposit: Won,
    pub created_at: Minute,
}

/// Signs a lease; its id.
pub fn insert(db: Sql<'_>, new: &NewLease) -> Result<i64> {
    db.one(
        "INSERT INTO lease (company_id, room_id, from_date, to_date, rent, fee, deposit, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        &[
            &new.company_id,
            &new.room_id,
            &new.period.start(),
            &new.period.end(),
            &new.rent,
            &new.fee,
            &new.deposit,
            &new.created_at,
        ],
        |r| r.get(0),
    )
}

pub fn set_ended(db: Sql<'_>, id: i64, on: NaiveDate, reason: Option<&str>) -> Result<()> {
    db.run("UPDATE lease SET ended_on = ?2, end_reason = ?3 WHERE id = ?1", &[&id, &on, &reason])?;
    Ok(())
}

/// Narrows a lease list by the ids of what it names.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub company_id: Option<i64>,
    pub room_id: Option<i64>,
    /// Only leases running on this day.
    pub active_on: Option<NaiveDate>,
    /// Only leases whose last day is from `today` to `today + n` days.
    pub ending_within: Option<(NaiveDate, i64)>,
}

pub fn list(db: Sql<'_>, filter: &Filter, limit: u32, offset: u32) -> Result<Vec<Lease>> {
    let until = filter.ending_within.map(|(today, days)| today + chrono::Duration::days(days + 1));
    let mut clause = String::from(" WHERE 1 = 1");
    let mut args: Vec<&dyn Param> = Vec::new();
    if let Some(c) = &filter.company_id {
        arg(&mut clause, &mut args, " AND l.company_id = ?", c);
    }
    if let Some(r) = &filter.room_id {
        arg(&mut clause, &mut args, " AND l.room_id = ?", r);
    }
    if let Some(d) = &filter.active_on {
        arg(&mut clause, &mut args, " AND l.from_date <= ?", d);
        arg(&mut clause, &mut args, " AND l.end_date > ?", d);
    }
    if let (Some((today, _)), Some(until)) = (&filter.ending_within, &until) {
        arg(&mut clause, &mut args, " AND l.end_date > l.from_date AND l.end_date > ?", today);
        arg(&mut clause, &mut args, " AND l.end_date <= ?", until);
    }
    let (limit, offset) = (i64::from(limit), i64::from(offset));
    let n = args.len();
    args.push(&limit);
    args.push(&offset);
    let order = if filter.ending_within.is_some() { "l.end_date, r.code" } else { "l.from_date, r.code" };
    let sql = format!("{SELECT}{clause} ORDER BY {order} LIMIT ?{} OFFSET ?{}", n + 1, n + 2);
    db.all(&sql, &args, row)
}

/// Appends `sql` to the clause, its `?` numbered as the next value `v`.
fn arg<'a>(clause: &mut String, args: &mut Vec<&'a dyn Param>, sql: &str, v: &'a dyn Param) {
    args.push(v);
    clause.push_str(&sql.replace('?', &format!("?{}", args.len())));
}

/// The leases of a company that run past `on`.
pub fn running_past(db: Sql<'_>, company_id: i64, on: NaiveDate) -> Result<Vec<Lease>> {
    let sql = format!(
        "{SELECT} WHERE l.company_id = ?1 AND l.end_date > ?2 AND l.end_date > l.from_date ORDER BY l.from_date"
    );
    db.all(&sql, &[&company_id, &on], row)
}

/// The room's id and the day it was retired, if it was.
pub fn room(db: Sql<'_>, code: &str) -> Result<Option<(i64, Option<NaiveDate>)>> {
    db.opt("SELECT id, retired_on FROM room WHERE code = ?1", &[&code.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
}
