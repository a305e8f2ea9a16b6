//! What voucher programmes paid of others' use, read for the party that
//! pays the programme (its funder as billed): each share, and their sums
//! by month. Only the shares from the month a programme's payer was given
//! (`payer_from`) are its payer's; those before were settled outside kiln.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::draft::{Use, use_at};
use super::month_at;
use crate::domain::Minute;
use crate::domain::Won;
use crate::error::Result;
use crate::store::Sql;

/// A share a programme paid of a party's use: the use as billed to that
/// party (its `voucher` holds the programme and the share), and the party.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Funded {
    pub used: Use,
    pub user_id: i64,
    /// The user's name (its company's, for a company's party).
    pub user: String,
}

/// From the payer's programmes to the completed uses they paid a share of,
/// started in `[?1, ?2)`.
const FROM: &str = "FROM voucher_programme v JOIN voucher_grant g ON g.programme_id = v.id
       JOIN booking b ON b.voucher_grant_id = g.id JOIN equipment e ON e.id = b.equipment_id
       JOIN party y ON y.id = b.party_id LEFT JOIN company c ON c.id = y.company_id
      WHERE v.payer_id IS NOT NULL AND b.state = 'completed' AND b.start >= ?1 AND b.start < ?2
        AND (v.payer_from IS NULL OR b.start >= v.payer_from)";

fn shares(
    db: Sql<'_>,
    payer_id: Option<i64>,
    (from, until): (Minute, Minute),
    mut f: impl FnMut(i64, Funded) -> Result<()>,
) -> Result<()> {
    db.each(
        &format!(
            "SELECT v.payer_id, b.id, e.code, e.name, e.billing_unit, b.actual_start, b.actual_end, b.billed_minutes,
                    b.actual_samples, b.rate, b.charge, v.code, b.voucher_share, CAST(NULL AS TEXT), e.nfec,
                    b.party_id, coalesce(c.name, y.name)
               {FROM}
                AND (CAST(?3 AS BIGINT) IS NULL OR v.payer_id = ?3)
               ORDER BY b.start, b.id"
        ),
        &[&from, &until, &payer_id],
        |r| f(r.get(0)?, Funded { used: use_at(r, 1)?, user_id: r.get(15)?, user: r.get(16)? }),
    )
}

/// The shares billed to `payer_id` of the uses started in `[from, until)`,
/// by start.
pub fn of(db: Sql<'_>, payer_id: i64, from: Minute, until: Minute) -> Result<Vec<Funded>> {
    let mut out = Vec::new();
    shares(db, Some(payer_id), (from, until), |_, s| {
        out.push(s);
        Ok(())
    })?;
    Ok(out)
}

/// Every payer's shares of the uses started in `[from, until)`, each to `f`.
pub fn all(db: Sql<'_>, from: Minute, until: Minute, f: impl FnMut(i64, Funded) -> Result<()>) -> Result<()> {
    shares(db, None, (from, until), f)
}

/// The shares billed to a payer (one, or every payer) by month (its first
/// day), of the uses started in `[from, until)`, each to `f`.
pub fn by_month(
    db: Sql<'_>,
    payer_id: Option<i64>,
    (from, until): (Minute, Minute),
    mut f: impl FnMut(i64, NaiveDate, Won) -> Result<()>,
) -> Result<()> {
    db.each(
        &format!(
            "SELECT v.payer_id, {} AS month, sum(b.voucher_share) {FROM}
                AND (CAST(?3 AS BIGINT) IS NULL OR v.payer_id = ?3)
              GROUP BY 1, 2",
            crate::store::sql::month_of(db, "b.start")
        ),
        &[&from, &until, &payer_id],
        |r| f(r.get(0)?, month_at(r, 1)?, r.get(2)?),
    )
}

/// [`by_month`] for one payer, as a map.
pub fn used(db: Sql<'_>, payer_id: i64, from: Minute, until: Minute) -> Result<HashMap<NaiveDate, Won>> {
    let mut out = HashMap::new();
    by_month(db, Some(payer_id), (from, until), |_, m, sum| {
        out.insert(m, sum);
        Ok(())
    })?;
    Ok(out)
}
