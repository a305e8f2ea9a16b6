//! Bookings: the overlap seeks, the lists, the recorded use.

mod around;

pub use around::{Active, Around, Held, around, last_before};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::booking::BookingState;
use crate::domain::{Minute, Period, Won};
use crate::error::Result;
use crate::store::Param;
use crate::store::{Dialect, Row, Sql};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Booking {
    pub id: i64,
    pub equipment: String,
    pub equipment_name: String,
    pub person: String,
    pub person_name: String,
    pub company_brn: Option<String>,
    pub company_name: Option<String>,
    pub start: Minute,
    pub end: Minute,
    pub state: BookingState,
    pub purpose: String,
    pub samples: i64,
    pub series: Option<i64>,
    pub actual_start: Option<Minute>,
    pub actual_end: Option<Minute>,
    pub actual_samples: Option<i64>,
    pub billed_minutes: Option<i64>,
    pub rate: Option<Won>,
    pub charge: Option<Won>,
    pub note: Option<String>,
    pub created_at: Minute,
    pub created_by: String,
    /// The clock when check-in and check-out were recorded, and when an
    /// admin last corrected the actual times.
    pub checked_in_at: Option<Minute>,
    pub checked_out_at: Option<Minute>,
    pub corrected_at: Option<Minute>,
    /// The booking this one's use ran into (an overrun), if any.
    pub overran: Option<i64>,
    /// The billing party (청구처) it is billed to: code and name.
    pub party: String,
    pub party_name: String,
    /// The rate class (이용자 구분) it was priced by.
    pub rate_class: Option<String>,
    #[serde(skip)]
    pub party_id: i64,
    /// The project (과제) that pays, if one does.
    pub project: Option<String>,
    /// Minutes of the use the centre's staff assisted, and the operator
    /// rate per hour they were charged at.
    pub assisted_minutes: Option<i64>,
    pub operator_rate: Option<Won>,
    /// The voucher programme that paid a share of the use, and its share
    /// in won; the party pays the rest of the charge.
    pub voucher: Option<String>,
    pub voucher_share: Option<Won>,
    #[serde(skip)]
    pub voucher_grant_id: Option<i64>,
    /// What a cancellation too late to be free, or a no-show, is charged.
    pub penalty: Option<Won>,
}

/// A booking's columns as lists show it, from `b` and its joins (pieces of
/// text, so that [`insert_written`] can read them from the row it inserts).
macro_rules! columns {
    () => {
        "SELECT b.id, e.code, e.name, p.code, p.name, c.brn, c.name, b.start, b.end, b.state, b.purpose,
       b.samples, b.series, b.actual_start, b.actual_end, b.actual_samples, b.billed_minutes, b.rate, b.charge, b.note,
       b.created_at, b.created_by, b.checked_in_at, b.checked_out_at, b.corrected_at, b.overran, y.code,
       coalesce(y.name, c.name), b.rate_class, b.party_id, pj.code, b.assisted_minutes, b.operator_rate,
       vp.code, b.voucher_share, b.voucher_grant_id, b.penalty"
    };
}
macro_rules! joins {
    () => {
        " JOIN equipment e ON e.id = b.equipment_id JOIN person p ON p.id = b.person_id
  LEFT JOIN company c ON c.id = b.company_id JOIN party y ON y.id = b.party_id
  LEFT JOIN project pj ON pj.id = b.project_id LEFT JOIN voucher_grant vg ON vg.id = b.voucher_grant_id
  LEFT JOIN voucher_programme vp ON vp.id = vg.programme_id"
    };
}
macro_rules! insert {
    () => {
        "INSERT INTO booking (equipment_id, person_id, company_id, start, end, state, purpose, samples, series, note,
                          created_at, created_by, party_id)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    };
}

const SELECT: &str = concat!(columns!(), "\n  FROM booking b", joins!());

fn row(r: &Row<'_, '_>) -> Result<Booking> {
    let brn: Option<String> = r.get(5)?;
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
        state: r.parsed(9, "state", BookingState::parse)?,
        purpose: r.get(10)?,
        samples: r.get(11)?,
        series: r.get(12)?,
        actual_start: r.get(13)?,
        actual_end: r.get(14)?,
        actual_samples: r.get(15)?,
        billed_minutes: r.get(16)?,
        rate: r.get(17)?,
        charge: r.get(18)?,
        note: r.get(19)?,
        created_at: r.get(20)?,
        created_by: r.get(21)?,
        checked_in_at: r.get(22)?,
        checked_out_at: r.get(23)?,
        corrected_at: r.get(24)?,
        overran: r.get(25)?,
        party: r.get(26)?,
        party_name: r.get(27)?,
        rate_class: r.get(28)?,
        party_id: r.get(29)?,
        project: r.get(30)?,
        assisted_minutes: r.get(31)?,
        operator_rate: r.get(32)?,
        voucher: r.get(33)?,
        voucher_share: r.get(34)?,
        voucher_grant_id: r.get(35)?,
        penalty: r.get(36)?,
    })
}

/// Bookings by id, keyed by id, in one query however many there are (the
/// ids go as one JSON array, so the statement's text never changes): a
/// screen of machines asks for each one's current booking at once, not a
/// round trip apiece.
pub fn by_ids(db: Sql<'_>, ids: &[i64]) -> Result<std::collections::HashMap<i64, Booking>> {
    let mut out = std::collections::HashMap::with_capacity(ids.len());
    if ids.is_empty() {
        return Ok(out);
    }
    let list = serde_json::Value::from(ids).to_string();
    let each = db.pick(
        "SELECT value FROM json_each(?1)",
        "SELECT value::bigint FROM json_array_elements_text(CAST(?1 AS json))",
    );
    db.each(&format!("{SELECT} WHERE b.id IN ({each})"), &[&list], |r| {
        let b = row(r)?;
        out.insert(b.id, b);
        Ok(())
    })?;
    Ok(out)
}

pub fn by_id(db: Sql<'_>, id: i64) -> Result<Option<Booking>> {
    db.opt(&format!("{SELECT} WHERE b.id = ?1"), &[&id], row)
}

/// A booking the caller knows is there (just written, or just read in the
/// same transaction).
pub fn written(db: Sql<'_>, id: i64) -> Result<Booking> {
    db.one(&format!("{SELECT} WHERE b.id = ?1"), &[&id], row)
}

/// A booking list's filter, resolved to ids.
#[derive(Clone, Copy, Debug, Default)]
pub struct Filter<'a> {
    pub equipment_id: Option<i64>,
    pub person_id: Option<i64>,
    pub company_id: Option<i64>,
    pub state: Option<&'a str>,
    pub from: Option<Minute>,
    pub to: Option<Minute>,
}

/// A page of bookings by start; the filter adds only the conditions it has,
/// so each combination is one cached statement.
pub fn list(db: Sql<'_>, filter: &Filter<'_>, limit: u32, offset: u32) -> Result<Vec<Booking>> {
    let mut clause = String::from(" WHERE 1 = 1");
    let (limit, offset) = (i64::from(limit), i64::from(offset));
    let conditions: [(&str, Option<&dyn Param>); 6] = [
        (" AND b.equipment_id = ?", filter.equipment_id.as_ref().map(|v| v as &dyn Param)),
        (" AND b.person_id = ?", filter.person_id.as_ref().map(|v| v as &dyn Param)),
        (" AND b.company_id = ?", filter.company_id.as_ref().map(|v| v as &dyn Param)),
        (" AND b.state = ?", filter.state.as_ref().map(|v| v as &dyn Param)),
        (" AND b.end > ?", filter.from.as_ref().map(|v| v as &dyn Param)),
        (" AND b.start < ?", filter.to.as_ref().map(|v| v as &dyn Param)),
    ];
    let mut args: Vec<&dyn Param> = Vec::new();
    for (sql, v) in conditions {
        if let Some(v) = v {
            args.push(v);
            clause.push_str(&sql.replace('?', &format!("?{}", args.len())));
        }
    }
    let n = args.len();
    args.push(&limit);
    args.push(&offset);
    let sql = format!("{SELECT}{clause} ORDER BY b.start, b.id LIMIT ?{} OFFSET ?{}", n + 1, n + 2);
    db.all(&sql, &args, row)
}

/// The active and completed bookings of one machine starting from `seek`
/// that overlap `period`, by start.
pub fn calendar(db: Sql<'_>, equipment_id: i64, period: &Period, seek: Minute) -> Result<Vec<Booking>> {
    let sql = format!(
        "{SELECT} WHERE b.equipment_id = ?1 AND b.start < ?3 AND b.start >= ?4 AND b.end > ?2
           AND b.state IN ('requested', 'approved', 'in-use', 'completed') ORDER BY b.start"
    );
    db.all(&sql, &[&equipment_id, &period.start(), &period.end(), &seek], row)
}

/// A person's id, company and own party, by code.
pub fn person(db: Sql<'_>, code: &str) -> Result<Option<crate::store::sql::equipment::Party>> {
    const TEXT: &str = concat!(
        "SELECT p.id, p.company_id, ",
        crate::store::sql::equipment::own_party!(),
        " FROM person p WHERE p.code = ?1"
    );
    db.opt(TEXT, &[&code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
}

/// A person's id, company and the company's BRN.
pub type Billed = (i64, Option<i64>, Option<String>);

/// A person's id, company and the company's BRN, by code.
pub fn person_billed(db: Sql<'_>, code: &str) -> Result<Option<Billed>> {
    db.opt(
        "SELECT p.id, p.company_id, c.brn FROM person p LEFT JOIN company c ON c.id = p.company_id WHERE p.code = ?1",
        &[&code],
        |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?)),
    )
}

pub fn company_name(db: Sql<'_>, company_id: i64) -> Result<String> {
    db.value("SELECT name FROM company WHERE id = ?1", &[&company_id])
}

/// A new booking's row, as requested.
pub struct New<'a> {
    pub equipment_id: i64,
    pub person_id: i64,
    pub company_id: Option<i64>,
    pub party_id: i64,
    pub period: Period,
    pub state: BookingState,
    pub purpose: &'a str,
    pub samples: i64,
    pub series: Option<i64>,
    pub note: Option<String>,
    pub created_at: Minute,
    pub created_by: &'a str,
}

/// Writes a requested booking and reads it back as lists show it. On
/// PostgreSQL that is one statement (the row read with its names as it is
/// inserted), a round trip less for every booking made.
pub fn insert_written(db: Sql<'_>, b: &New<'_>) -> Result<Booking> {
    let (start, end, state) = (b.period.start(), b.period.end(), b.state.code());
    let params: [&dyn Param; 13] = [
        &b.equipment_id,
        &b.person_id,
        &b.company_id,
        &start,
        &end,
        &state,
        &b.purpose,
        &b.samples,
        &b.series,
        &b.note,
        &b.created_at,
        &b.created_by,
        &b.party_id,
    ];
    match db.dialect() {
        Dialect::Sqlite => {
            let id: i64 = db.value(concat!(insert!(), " RETURNING id"), &params)?;
            written(db, id)
        }
        Dialect::Postgres => {
            const WITH_INSERT: &str =
                concat!("WITH b AS (", insert!(), " RETURNING *) ", columns!(), "\n  FROM b", joins!());
            db.one(WITH_INSERT, &params, row)
        }
    }
}

/// A booking that already happened, as recorded.
pub struct Past<'a> {
    pub equipment_id: i64,
    pub person_id: i64,
    pub company_id: Option<i64>,
    pub party_id: i64,
    pub period: Period,
    pub state: BookingState,
    pub purpose: &'a str,
    pub samples: i64,
    pub actual_start: Option<Minute>,
    pub actual_end: Option<Minute>,
    pub actual_samples: Option<i64>,
    pub billed_minutes: Option<i64>,
    pub rate: Option<Won>,
    pub rate_class: Option<&'a str>,
    pub charge: Option<Won>,
    pub created_at: Minute,
    pub created_by: &'a str,
}

/// Writes a past booking, its check-in and check-out at its actual times;
/// its id.
pub fn insert_past(db: Sql<'_>, b: &Past<'_>) -> Result<i64> {
    db.value(
        "INSERT INTO booking (equipment_id, person_id, company_id, start, end, state, purpose, samples,
                        actual_start, actual_end, actual_samples, billed_minutes, rate, charge, created_at, created_by,
                        checked_in_at, checked_out_at, party_id, rate_class)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?9, ?10, ?17, ?18)
                  RETURNING id",
        &[
            &b.equipment_id,
            &b.person_id,
            &b.company_id,
            &b.period.start(),
            &b.period.end(),
            &b.state.code(),
            &b.purpose,
            &b.samples,
            &b.actual_start,
            &b.actual_end,
            &b.actual_samples,
            &b.billed_minutes,
            &b.rate,
            &b.charge,
            &b.created_at,
            &b.created_by,
            &b.party_id,
            &b.rate_class,
        ],
    )
}

/// Column values a move sets besides the state; `None` keeps what is there.
#[derive(Default)]
pub struct Changes {
    pub note: Option<String>,
    pub checked_in_at: Option<Minute>,
    pub checked_out_at: Option<Minute>,
    pub overran: Option<i64>,
    pub actual_start: Option<Minute>,
    pub actual_end: Option<Minute>,
    pub actual_samples: Option<i64>,
    pub billed_minutes: Option<i64>,
    pub rate: Option<Won>,
    pub rate_class: Option<String>,
    pub charge: Option<Won>,
    /// The voucher grant a use drew on and the programme's share.
    pub voucher: Option<(i64, Won)>,
    /// A late cancellation's or a no-show's charge.
    pub penalty: Option<Won>,
    /// Takes a no-show's charge back.
    pub clear_penalty: bool,
}

pub fn step(db: Sql<'_>, id: i64, state: BookingState, ch: &Changes) -> Result<()> {
    db.run(
        "UPDATE booking SET state = ?2, note = coalesce(?3, note), actual_start = coalesce(?4, actual_start),
                actual_end = coalesce(?5, actual_end), actual_samples = coalesce(?6, actual_samples),
                billed_minutes = coalesce(?7, billed_minutes), rate = coalesce(?8, rate), charge = coalesce(?9, charge),
                checked_in_at = coalesce(?10, checked_in_at), checked_out_at = coalesce(?11, checked_out_at),
                overran = coalesce(?12, overran), rate_class = coalesce(?13, rate_class),
                penalty = CASE WHEN ?15 THEN NULL ELSE coalesce(?14, penalty) END
          WHERE id = ?1",
        &[
            &id,
            &state.code(),
            &ch.note,
            &ch.actual_start,
            &ch.actual_end,
            &ch.actual_samples,
            &ch.billed_minutes,
            &ch.rate,
            &ch.charge,
            &ch.checked_in_at,
            &ch.checked_out_at,
            &ch.overran,
            &ch.rate_class,
            &ch.penalty,
            &ch.clear_penalty,
        ],
    )?;
    if ch.voucher.is_some() {
        super::voucher::set_on_booking(db, id, ch.voucher)?;
    }
    Ok(())
}

/// Completed use priced again: minutes billed, the charge, and the booking it
/// ran into.
#[derive(Clone, Copy)]
pub struct Priced {
    pub billed_minutes: i64,
    pub charge: Won,
    pub overran: Option<i64>,
}

/// Corrected times of use; `priced` for completed use.
pub fn correct(
    db: Sql<'_>,
    id: i64,
    (start, end): (Minute, Option<Minute>),
    priced: Option<Priced>,
    at: Minute,
) -> Result<()> {
    db.run(
        "UPDATE booking SET actual_start = ?2, actual_end = ?3, billed_minutes = coalesce(?4, billed_minutes),
                        charge = coalesce(?5, charge), overran = CASE WHEN ?6 THEN ?7 ELSE overran END, corrected_at = ?8
                  WHERE id = ?1",
        &[
            &id,
            &start,
            &end,
            &priced.map(|p| p.billed_minutes),
            &priced.map(|p| p.charge),
            &priced.is_some(),
            &priced.and_then(|p| p.overran),
            &at,
        ],
    )?;
    Ok(())
}

/// The latest actual use of a machine that began before `end` (open use:
/// `None`), other than booking `except`: its id and end.
pub fn last_use_before(
    db: Sql<'_>,
    equipment_id: i64,
    end: Option<Minute>,
    except: i64,
) -> Result<Option<(i64, Option<Minute>)>> {
    // Use still open runs until the end of time, in the stored form.
    let until: &dyn Param = match &end {
        Some(e) => e,
        None => &"9999-12-31 23:59",
    };
    db.opt(
        "SELECT id, actual_end FROM booking INDEXED BY booking_actual
              WHERE equipment_id = ?1 AND actual_start IS NOT NULL AND actual_start < ?2 AND id <> ?3
              ORDER BY actual_start DESC LIMIT 1",
        &[&equipment_id, until, &except],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The machine's first booking (not cancelled or rejected) starting at or
/// after `start`, other than `except`: its id and start.
pub fn next_after(db: Sql<'_>, equipment_id: i64, start: Minute, except: i64) -> Result<Option<(i64, Minute)>> {
    db.opt(
        "SELECT id, start FROM booking INDEXED BY booking_equipment_start
              WHERE equipment_id = ?1 AND start >= ?2 AND id <> ?3
                AND state IN ('requested', 'approved', 'in-use', 'completed', 'no-show')
              ORDER BY start LIMIT 1",
        &[&equipment_id, &start, &except],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Approved bookings that started by `cutoff` on machines no one is using.
pub fn no_show_candidates(db: Sql<'_>, cutoff: Minute) -> Result<Vec<i64>> {
    // "In use" is sought among the machine's active bookings (a handful),
    // not among its years of completed use.
    db.all(
        "SELECT b.id FROM booking b INDEXED BY booking_state_start WHERE b.state = 'approved' AND b.start <= ?1
               AND NOT EXISTS (SELECT 1 FROM booking o INDEXED BY booking_active
                                WHERE o.equipment_id = b.equipment_id
                                  AND o.state IN ('requested', 'approved', 'in-use') AND o.state = 'in-use')
             ORDER BY b.start",
        &[&cutoff],
        |r| r.get(0),
    )
}

/// Start, end and minutes billed of a company's bookings (not cancelled,
/// rejected or no-show) of a machine starting in the month of `day`.
pub fn month_of_company(
    db: Sql<'_>,
    company_id: i64,
    equipment_id: i64,
    day: NaiveDate,
) -> Result<Vec<(Minute, Minute, Option<i64>)>> {
    // The month as a span of typed minutes (PostgreSQL stores timestamps,
    // so no `'YYYY-MM-32'` text bound past its last day).
    let first = day.with_day(1).unwrap_or(day);
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first);
    let (from, to) = (Minute::at(first, 0, 0), Minute::at(next, 0, 0));
    db.all(
        "SELECT start, end, billed_minutes FROM booking INDEXED BY booking_company_start
          WHERE company_id = ?1 AND equipment_id = ?2 AND start >= ?3 AND start < ?4
            AND state IN ('requested', 'approved', 'in-use', 'completed')",
        &[&company_id, &equipment_id, &from, &to],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}
