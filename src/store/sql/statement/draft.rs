//! What a draft statement is made of: leases, completed use, and what was
//! issued, corrected and written off before. Read for one billing party or
//! for every party at once (the month's list, in a few queries instead of a
//! few per party). A company's leases are its party's.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{month_at, month_key};
use crate::domain::{Minute, Period, Won};
use crate::error::Result;
use crate::store::{Row, Sql};

/// A lease as billed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaseRow {
    pub id: i64,
    pub room: String,
    pub from: NaiveDate,
    pub end: NaiveDate,
    pub rent: Won,
    pub fee: Won,
}

/// One completed booking's figures, as billed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Use {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub billing_unit: String,
    pub start: Minute,
    pub end: Option<Minute>,
    pub minutes: Option<i64>,
    pub samples: Option<i64>,
    pub rate: Option<Won>,
    pub charge: Option<Won>,
    /// The voucher programme that paid a share, and the share.
    pub voucher: Option<(String, Won)>,
    /// The 과제번호 of the project that pays, and the machine's NFEC number.
    pub project: Option<String>,
    pub nfec: Option<String>,
}

/// A cancellation too late to be free, or a no-show, as billed: the
/// booked time, the rate it was priced at and the charge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Penalty {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub billing_unit: String,
    pub start: Minute,
    pub end: Minute,
    pub samples: i64,
    pub rate: Option<Won>,
    pub amount: Won,
    pub no_show: bool,
    pub project: Option<String>,
    pub nfec: Option<String>,
}

const PENALTY: &str = "SELECT b.party_id, b.id, e.code, e.name, e.billing_unit, b.start, b.\"end\", b.samples, b.rate,
       b.penalty, b.state = 'no-show', pj.number, e.nfec
  FROM booking b INDEXED BY booking_penalty_start JOIN equipment e ON e.id = b.equipment_id
  LEFT JOIN project pj ON pj.id = b.project_id
 WHERE b.penalty IS NOT NULL AND b.start >= ?1 AND b.start < ?2";

fn penalty_at(r: &Row<'_, '_>, at: usize) -> Result<Penalty> {
    Ok(Penalty {
        id: r.get(at)?,
        code: r.get(at + 1)?,
        name: r.get(at + 2)?,
        billing_unit: r.get(at + 3)?,
        start: r.get(at + 4)?,
        end: r.get(at + 5)?,
        samples: r.get(at + 6)?,
        rate: r.get(at + 7)?,
        amount: r.get(at + 8)?,
        no_show: r.get(at + 9)?,
        project: r.get(at + 10)?,
        nfec: r.get(at + 11)?,
    })
}

/// The party's penalties on bookings that started from `from` until
/// before `until`, by start.
pub fn penalties(db: Sql<'_>, party_id: i64, from: Minute, until: Minute) -> Result<Vec<Penalty>> {
    db.all(&format!("{PENALTY} AND b.party_id = ?3 ORDER BY b.start, b.id"), &[&from, &until, &party_id], |r| {
        penalty_at(r, 1)
    })
}

/// Every party's penalties of bookings that started from `from` until
/// before `until`, by start, each to `f`.
pub fn all_penalties(
    db: Sql<'_>,
    from: Minute,
    until: Minute,
    mut f: impl FnMut(i64, Penalty) -> Result<()>,
) -> Result<()> {
    db.each(&format!("{PENALTY} AND b.party_id IS NOT NULL ORDER BY b.start, b.id"), &[&from, &until], |r| {
        f(r.get(0)?, penalty_at(r, 1)?)
    })
}

/// A statement issued for an earlier month: what was billed for the month
/// itself, the corrections of earlier months it carried left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Billed {
    pub number: String,
    /// The month's first day.
    pub month: NaiveDate,
    pub base: Won,
}

/// A [`LeaseRow`] from the row's columns `at..at + 6`.
fn lease_at(r: &Row<'_, '_>, at: usize) -> Result<LeaseRow> {
    Ok(LeaseRow {
        id: r.get(at)?,
        room: r.get(at + 1)?,
        from: r.get(at + 2)?,
        end: r.get(at + 3)?,
        rent: r.get(at + 4)?,
        fee: r.get(at + 5)?,
    })
}

/// A [`Use`] from the row's columns `at..at + 14`.
pub(super) fn use_at(r: &Row<'_, '_>, at: usize) -> Result<Use> {
    Ok(Use {
        id: r.get(at)?,
        code: r.get(at + 1)?,
        name: r.get(at + 2)?,
        billing_unit: r.get(at + 3)?,
        start: r.get(at + 4)?,
        end: r.get(at + 5)?,
        minutes: r.get(at + 6)?,
        samples: r.get(at + 7)?,
        rate: r.get(at + 8)?,
        charge: r.get(at + 9)?,
        voucher: match (r.get::<Option<String>>(at + 10)?, r.get::<Option<Won>>(at + 11)?) {
            (Some(code), Some(share)) => Some((code, share)),
            _ => None,
        },
        project: r.get(at + 12)?,
        nfec: r.get(at + 13)?,
    })
}

/// The leases of the party's company overlapping `span`, by room code and
/// start (none for a party that is not a company's).
pub fn leases(db: Sql<'_>, party_id: i64, span: &Period<NaiveDate>) -> Result<Vec<LeaseRow>> {
    db.all(
        "SELECT l.id, r.code, l.from_date, l.end_date, l.rent, l.fee FROM lease l JOIN room r ON r.id = l.room_id
          WHERE l.company_id = (SELECT company_id FROM party WHERE id = ?1) AND l.from_date < ?3 AND l.end_date > ?2 AND l.end_date > l.from_date
          ORDER BY r.code, l.from_date",
        &[&party_id, &span.start(), &span.end()],
        |r| lease_at(r, 0),
    )
}

/// The party's bookings completed that started from `from` until before
/// `until`, by start.
pub fn usage(db: Sql<'_>, party_id: i64, from: Minute, until: Minute) -> Result<Vec<Use>> {
    db.all(
        "SELECT b.id, e.code, e.name, e.billing_unit, b.actual_start, b.actual_end, b.billed_minutes, b.actual_samples,
                b.rate, b.charge, v.code, b.voucher_share, pj.number, e.nfec
           FROM booking b INDEXED BY booking_party_start JOIN equipment e ON e.id = b.equipment_id
           LEFT JOIN voucher_grant g ON g.id = b.voucher_grant_id LEFT JOIN voucher_programme v ON v.id = g.programme_id
           LEFT JOIN project pj ON pj.id = b.project_id
          WHERE b.party_id = ?1 AND b.start >= ?2 AND b.start < ?3 AND b.state = 'completed'
          ORDER BY b.start, b.id",
        &[&party_id, &from, &until],
        |r| use_at(r, 0),
    )
}

/// The party's statements issued for months before `month`, by month.
pub fn billed(db: Sql<'_>, party_id: i64, month: NaiveDate) -> Result<Vec<Billed>> {
    db.all(
        // What was billed for the month itself: the supply amount less
        // the corrections and surcharges of earlier months it carried and
        // the course fees, each billed once on its own (the rule
        // `statement_sum` holds the supply to its lines).
        "SELECT s.number, s.month,
                    s.supply - (SELECT coalesce(sum(amount), 0) FROM statement_line l
                                 WHERE l.statement_id = s.id AND l.kind IN ('adjustment', 'surcharge', 'course-fee'))
               FROM statement s WHERE s.party_id = ?1 AND s.month < ?2 ORDER BY s.month",
        &[&party_id, &month_key(month)],
        |r| Ok(Billed { number: r.get(0)?, month: month_at(r, 1)?, base: r.get(2)? }),
    )
}

/// What the party was billed for its bookings by month (its first day), of
/// those that started from `from` until before `until`.
pub fn used(db: Sql<'_>, party_id: i64, from: Minute, until: Minute) -> Result<HashMap<NaiveDate, Won>> {
    let mut out = HashMap::new();
    db.each(
        &format!(
            "SELECT {}, coalesce(sum(CASE WHEN state = 'completed' THEN charge - coalesce(voucher_share, 0) ELSE 0 END
                                     + coalesce(penalty, 0)), 0)
               FROM booking INDEXED BY booking_party_start
              WHERE party_id = ?1 AND start >= ?2 AND start < ?3 AND (state = 'completed' OR penalty IS NOT NULL)
              GROUP BY 1",
            crate::store::sql::month_of(db, "start")
        ),
        &[&party_id, &from, &until],
        |r| {
            out.insert(month_at(r, 0)?, r.get(1)?);
            Ok(())
        },
    )?;
    Ok(out)
}

/// The corrections issued so far to the party, by what they corrected: the
/// number of a statement, or the month (`2026-10`) whose use was carried.
pub fn corrected(db: Sql<'_>, party_id: i64) -> Result<HashMap<String, Won>> {
    let mut out = HashMap::new();
    db.each(
        "SELECT l.source, sum(l.amount) FROM statement_line l JOIN statement s ON s.id = l.statement_id
              WHERE s.party_id = ?1 AND l.kind = 'adjustment' GROUP BY l.source",
        &[&party_id],
        |r| {
            out.insert(r.get(0)?, r.get(1)?);
            Ok(())
        },
    )?;
    Ok(out)
}

/// Every party's statements issued for months before `month`, by party
/// and month.
pub fn all_billed(db: Sql<'_>, month: NaiveDate) -> Result<Vec<(i64, Billed)>> {
    db.all(
        "SELECT s.party_id, s.number, s.month, s.supply - coalesce(a.amount, 0) FROM statement s
               LEFT JOIN (SELECT statement_id, sum(amount) AS amount FROM statement_line INDEXED BY statement_line_source
                           WHERE kind IN ('adjustment', 'surcharge', 'course-fee') GROUP BY statement_id) a
                 ON a.statement_id = s.id
              WHERE s.month < ?1 ORDER BY s.party_id, s.month",
        &[&month_key(month)],
        |r| Ok((r.get(0)?, Billed { number: r.get(1)?, month: month_at(r, 2)?, base: r.get(3)? })),
    )
}

/// Every lease overlapping `span`, with its company's party, by room code
/// and start, each to `f`.
pub fn all_leases(db: Sql<'_>, span: &Period<NaiveDate>, mut f: impl FnMut(i64, LeaseRow) -> Result<()>) -> Result<()> {
    db.each(
        "SELECT y.id, l.id, r.code, l.from_date, l.end_date, l.rent, l.fee
           FROM lease l JOIN room r ON r.id = l.room_id JOIN party y ON y.company_id = l.company_id
          WHERE l.from_date < ?2 AND l.end_date > ?1 AND l.end_date > l.from_date
          ORDER BY r.code, l.from_date",
        &[&span.start(), &span.end()],
        |r| f(r.get(0)?, lease_at(r, 1)?),
    )
}

/// Every party's bookings completed that started from `from` until
/// before `until`, by start, each to `f`.
pub fn all_usage(db: Sql<'_>, from: Minute, until: Minute, mut f: impl FnMut(i64, Use) -> Result<()>) -> Result<()> {
    db.each(
        "SELECT b.party_id, b.id, e.code, e.name, e.billing_unit, b.actual_start, b.actual_end, b.billed_minutes,
                b.actual_samples, b.rate, b.charge, v.code, b.voucher_share, pj.number, e.nfec
           FROM booking b INDEXED BY booking_state_start JOIN equipment e ON e.id = b.equipment_id
           LEFT JOIN voucher_grant g ON g.id = b.voucher_grant_id LEFT JOIN voucher_programme v ON v.id = g.programme_id
           LEFT JOIN project pj ON pj.id = b.project_id
          WHERE b.state = 'completed' AND b.start >= ?1 AND b.start < ?2 AND b.party_id IS NOT NULL
          ORDER BY b.start, b.id",
        &[&from, &until],
        |r| f(r.get(0)?, use_at(r, 1)?),
    )
}

/// What every party was billed for its bookings by month, of the months
/// from `from` until before `until` that had any, each to `f`.
pub fn all_used(
    db: Sql<'_>,
    from: NaiveDate,
    until: NaiveDate,
    mut f: impl FnMut(i64, NaiveDate, Won) -> Result<()>,
) -> Result<()> {
    // Summed as bookings change (migration 4): a year of use at a
    // million bookings is 24,000 rows to sum, here one per party.
    db.each(
        "SELECT party_id, month, charge FROM party_month WHERE month >= ?1 AND month < ?2 AND bookings > 0",
        &[&month_key(from), &month_key(until)],
        |r| f(r.get(0)?, month_at(r, 1)?, r.get(2)?),
    )
}

/// Every correction issued so far, by party and what it corrected (a
/// statement's number or a carried month), each to `f`.
pub fn all_corrected(db: Sql<'_>, mut f: impl FnMut(i64, String, Won) -> Result<()>) -> Result<()> {
    db.each(
        "SELECT s.party_id, l.source, sum(l.amount) FROM statement_line l INDEXED BY statement_line_source
           JOIN statement s ON s.id = l.statement_id WHERE l.kind = 'adjustment' GROUP BY 1, 2",
        &[],
        |r| f(r.get(0)?, r.get(1)?, r.get(2)?),
    )
}

/// A statement left unpaid past its due date and not surcharged yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overdue {
    pub number: String,
    pub due: NaiveDate,
    pub outstanding: Won,
}

/// The statements (of one party, or of every party) not paid in full
/// that fell due before `before` and that no statement has surcharged yet,
/// by due date, each to `f` with its party.
pub fn overdue(
    db: Sql<'_>,
    party_id: Option<i64>,
    before: NaiveDate,
    mut f: impl FnMut(i64, Overdue) -> Result<()>,
) -> Result<()> {
    db.each(
        "SELECT s.party_id, s.number, s.due_on,
                s.total - coalesce((SELECT sum(amount) FROM payment p WHERE p.statement_id = s.id), 0)
           FROM statement s
          WHERE s.due_on < ?1 AND (CAST(?2 AS BIGINT) IS NULL OR s.party_id = ?2)
            AND s.total > coalesce((SELECT sum(amount) FROM payment p WHERE p.statement_id = s.id), 0)
            AND NOT EXISTS (SELECT 1 FROM statement_line l INDEXED BY statement_line_source
                             WHERE l.kind = 'surcharge' AND l.source = s.number)
          ORDER BY s.due_on, s.number",
        &[&before, &party_id],
        |r| f(r.get(0)?, Overdue { number: r.get(1)?, due: r.get(2)?, outstanding: r.get(3)? }),
    )
}

/// The months before `month` that have been issued: any statement was
/// issued for them. A party's use in such a month with no statement of its
/// own is carried to its next statement.
pub fn closed(db: Sql<'_>, month: NaiveDate) -> Result<Vec<NaiveDate>> {
    // One seek of the month index per month, latest first: a DISTINCT
    // would read every statement (1 ms at 24,000, for a party's draft).
    let mut out = db.all(
        "WITH RECURSIVE m(month) AS (
             SELECT max(month) FROM statement WHERE month < ?1
             UNION ALL
             SELECT (SELECT max(s.month) FROM statement s WHERE s.month < m.month) FROM m WHERE m.month IS NOT NULL)
         SELECT month FROM m WHERE month IS NOT NULL",
        &[&month_key(month)],
        |r| month_at(r, 0),
    )?;
    out.reverse();
    Ok(out)
}

/// What was written off, by party (one, or every party) and month, each to
/// `f`.
pub fn written_off(
    db: Sql<'_>,
    party_id: Option<i64>,
    mut f: impl FnMut(i64, NaiveDate, Won) -> Result<()>,
) -> Result<()> {
    db.each(
        "SELECT party_id, month, sum(amount) FROM write_off
          WHERE CAST(?1 AS BIGINT) IS NULL OR party_id = ?1 GROUP BY 1, 2",
        &[&party_id],
        |r| f(r.get(0)?, month_at(r, 1)?, r.get(2)?),
    )
}

/// A write-off as recorded.
pub struct NewWriteOff<'a> {
    pub party_id: i64,
    pub month: NaiveDate,
    pub amount: Won,
    pub reason: &'a str,
    pub written_at: Minute,
    pub written_by: &'a str,
}

/// Records a write-off; its id.
pub fn insert_write_off(db: Sql<'_>, w: &NewWriteOff<'_>) -> Result<i64> {
    db.value(
        "INSERT INTO write_off (party_id, month, amount, reason, written_at, written_by)
              VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        &[&w.party_id, &month_key(w.month), &w.amount, &w.reason, &w.written_at, &w.written_by],
    )
}

/// A write-off as recorded and listed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct WriteOff {
    /// The billing party's code and name.
    pub party: String,
    pub name: String,
    /// The month written off (its first day).
    #[serde(serialize_with = "crate::domain::statement::as_month")]
    pub month: NaiveDate,
    /// What was let go: unbilled use, or (negative) a credit not returned.
    pub amount: Won,
    /// The party's own statement for the month, when the amount corrects
    /// one; none when the party had no statement that month.
    pub statement: Option<String>,
    pub reason: String,
    pub written_at: Minute,
    pub written_by: String,
}

/// Every write-off (of one party, or of all), by month and when written.
pub fn write_offs(db: Sql<'_>, party_id: Option<i64>) -> Result<Vec<WriteOff>> {
    db.all(
        "SELECT y.code, coalesce(c.name, y.name), w.month, w.amount,
                (SELECT s.number FROM statement s WHERE s.party_id = w.party_id AND s.month = w.month),
                w.reason, w.written_at, w.written_by
           FROM write_off w JOIN party y ON y.id = w.party_id LEFT JOIN company c ON c.id = y.company_id
          WHERE CAST(?1 AS BIGINT) IS NULL OR w.party_id = ?1
          ORDER BY w.month, w.written_at, w.id",
        &[&party_id],
        |r| {
            Ok(WriteOff {
                party: r.get(0)?,
                name: r.get(1)?,
                month: month_at(r, 2)?,
                amount: r.get(3)?,
                statement: r.get(4)?,
                reason: r.get(5)?,
                written_at: r.get(6)?,
                written_by: r.get(7)?,
            })
        },
    )
}
