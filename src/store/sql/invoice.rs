//! The approval numbers of tax documents (국세청 승인번호), and the
//! statements they are recorded against.

use chrono::NaiveDate;

use crate::error::Result;
use crate::store::Sql;

/// An approval recorded: the statement's number, the document's kind
/// (`tax-invoice`, `invoice`), the number and the day it was recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Approval {
    pub statement: String,
    pub kind: String,
    pub approval_no: String,
    pub confirmed_on: NaiveDate,
}

/// The approvals of the statements of `month` (`2026-10`).
pub fn of_month(db: Sql<'_>, month: &str) -> Result<Vec<Approval>> {
    db.all(
        "SELECT s.number, a.kind, a.approval_no, a.confirmed_on
           FROM tax_approval a JOIN statement s ON s.id = a.statement_id
          WHERE s.month = ?1 ORDER BY s.number, a.kind",
        &[&month],
        |r| Ok(Approval { statement: r.get(0)?, kind: r.get(1)?, approval_no: r.get(2)?, confirmed_on: r.get(3)? }),
    )
}

/// The id and month (`2026-10`) of the statement `number`.
pub fn statement(db: Sql<'_>, number: &str) -> Result<Option<(i64, String)>> {
    db.opt("SELECT id, month FROM statement WHERE number = ?1", &[&number], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// The statement an approval number was recorded for, if any.
pub fn holder(db: Sql<'_>, approval_no: &str) -> Result<Option<String>> {
    db.opt(
        "SELECT s.number FROM tax_approval a JOIN statement s ON s.id = a.statement_id WHERE a.approval_no = ?1
         UNION ALL
         SELECT s.number FROM tax_correction c JOIN statement s ON s.id = c.statement_id WHERE c.approval_no = ?1",
        &[&approval_no],
        |r| r.get(0),
    )
}

pub fn insert(db: Sql<'_>, statement_id: i64, kind: &str, approval_no: &str, on: NaiveDate, by: &str) -> Result<()> {
    db.run(
        "INSERT INTO tax_approval (statement_id, kind, approval_no, confirmed_on, confirmed_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        &[&statement_id, &kind, &approval_no, &on, &by],
    )?;
    Ok(())
}

/// The correction approvals recorded for the statements of `month`: the
/// carrying statement's number, the corrected one's and the approval number.
pub fn corrections_of_month(db: Sql<'_>, month: &str) -> Result<Vec<(String, String, String, String)>> {
    db.all(
        "SELECT s.number, o.number, c.kind, c.approval_no
           FROM tax_correction c JOIN statement s ON s.id = c.statement_id JOIN statement o ON o.id = c.corrects_id
          WHERE s.month = ?1 ORDER BY s.number, o.number, c.kind",
        &[&month],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
}

/// The statement that charged an enrolment's course fee, by number.
pub fn charged_on(db: Sql<'_>, enrolment_id: i64) -> Result<Option<String>> {
    db.opt(
        "SELECT s.number FROM statement_line l JOIN statement s ON s.id = l.statement_id
          WHERE l.enrolment_id = ?1 AND l.amount > 0",
        &[&enrolment_id],
        |r| r.get(0),
    )
}

/// The statement a number names: its id, its month (`2026-10`) and the
/// approval number of its document of `kind`, if recorded.
pub fn original(db: Sql<'_>, number: &str, kind: &str) -> Result<Option<(i64, String, Option<String>)>> {
    db.opt(
        "SELECT s.id, s.month,
                (SELECT a.approval_no FROM tax_approval a WHERE a.statement_id = s.id AND a.kind = ?2)
           FROM statement s WHERE s.number = ?1",
        &[&number, &kind],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

pub fn insert_correction(
    db: Sql<'_>,
    ids: (i64, i64),
    (reason, kind): (u8, &str),
    approval_no: &str,
    on: NaiveDate,
    by: &str,
) -> Result<()> {
    db.run(
        "INSERT INTO tax_correction (statement_id, corrects_id, reason, approval_no, confirmed_on, confirmed_by, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &[&ids.0, &ids.1, &i64::from(reason), &approval_no, &on, &by, &kind],
    )?;
    Ok(())
}

/// An approval number as recorded: for a statement's 세금계산서 or 계산서,
/// or for a correction of an earlier statement's.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Recorded {
    pub statement: String,
    /// `tax-invoice`, `invoice`, `correction` (of a 세금계산서) or
    /// `invoice-correction` (of a 계산서).
    pub kind: String,
    /// The statement a correction corrects, and its reason code.
    pub corrects: Option<String>,
    pub reason: Option<i64>,
    pub approval_no: String,
    pub confirmed_on: NaiveDate,
    pub confirmed_by: String,
}

/// Every approval number recorded (of one month's statements, or all), by
/// statement.
pub fn recorded(db: Sql<'_>, month: Option<&str>) -> Result<Vec<Recorded>> {
    db.all(
        "SELECT s.number, a.kind, CAST(NULL AS text), CAST(NULL AS bigint), a.approval_no, a.confirmed_on, a.confirmed_by
           FROM tax_approval a JOIN statement s ON s.id = a.statement_id WHERE s.month = ?1 OR ?1 IS NULL
         UNION ALL
         SELECT s.number, CASE c.kind WHEN 'invoice' THEN 'invoice-correction' ELSE 'correction' END, o.number, c.reason, c.approval_no, c.confirmed_on, c.confirmed_by
           FROM tax_correction c JOIN statement s ON s.id = c.statement_id JOIN statement o ON o.id = c.corrects_id
          WHERE s.month = ?1 OR ?1 IS NULL
          ORDER BY 1, 2, 3",
        &[&month],
        |r| {
            Ok(Recorded {
                statement: r.get(0)?,
                kind: r.get(1)?,
                corrects: r.get(2)?,
                reason: r.get(3)?,
                approval_no: r.get(4)?,
                confirmed_on: r.get(5)?,
                confirmed_by: r.get(6)?,
            })
        },
    )
}
