//! The large demo's rate classes and vouchers, written in a few statements.

use chrono::NaiveDate;

use crate::domain::{Minute, Won};
use crate::error::Result;
use crate::store::Sql;

/// Sets the class `class` on one company's party in `every`.
pub fn classes(db: Sql<'_>, class: &str, every: i64, offset: i64) -> Result<usize> {
    db.run(
        "UPDATE party SET class_id = (SELECT id FROM rate_class WHERE code = ?1)
          WHERE company_id IS NOT NULL AND company_id % ?2 = ?3",
        &[&class, &every, &offset],
    )
}

/// A programme covering every machine and class; its id.
pub struct Programme<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub funder: &'a str,
    /// Basis points.
    pub share: i64,
    pub cap: Won,
    pub from: NaiveDate,
    pub last_day: NaiveDate,
    pub at: Minute,
}

pub fn programme(db: Sql<'_>, p: &Programme<'_>) -> Result<i64> {
    db.value(
        "INSERT INTO voucher_programme (code, name, funder, share, cap, from_date, last_day, created_at)
              VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        &[&p.code, &p.name, &p.funder, &p.share, &p.cap, &p.from, &p.last_day, &p.at],
    )
}

/// The programme's funder as a billing party (an organisation, with its
/// 고유번호 as digits and its representative); its id.
pub fn funder(db: Sql<'_>, name: &str, brn: &str, representative: &str) -> Result<i64> {
    let id: i64 = db.value("SELECT coalesce(max(id), 0) + 1 FROM party", &[])?;
    let code = crate::domain::codes::numbered("BP", id);
    db.run(
        "INSERT INTO party (id, code, kind, name, brn, representative) VALUES (?1, ?2, 'organisation', ?3, ?4, ?5)",
        &[&id, &code, &name, &brn, &representative],
    )?;
    crate::store::sql::search::refresh(db, crate::store::sql::search::Table::Party, id)?;
    Ok(id)
}

/// Grants the programme for `year` (from `from` until before `until`) to
/// one company's party in `every` whose use that year stays within the
/// cap, and draws each completed booking's share on its grant; how many
/// grants.
#[allow(clippy::too_many_arguments)]
pub fn grant_and_draw(
    db: Sql<'_>,
    programme_id: i64,
    (share, cap): (i64, Won),
    every: i64,
    year: i32,
    (from, until): (Minute, Minute),
    (at, by): (Minute, &str),
) -> Result<usize> {
    let grants = db.run(
        "INSERT INTO voucher_grant (programme_id, party_id, year, cap, granted_at, granted_by)
         SELECT ?1, b.party_id, ?2, ?3, ?4, ?5
           FROM booking b INDEXED BY booking_state_start JOIN party y ON y.id = b.party_id
          WHERE b.state = 'completed' AND b.start >= ?6 AND b.start < ?7
            AND y.company_id IS NOT NULL AND y.company_id % ?8 = 0
          GROUP BY b.party_id HAVING CAST(sum(b.charge * ?9 / 10000) AS BIGINT) <= ?10",
        &[&programme_id, &year, &cap, &at, &by, &from, &until, &every, &share, &cap],
    )?;
    db.run(
        "UPDATE booking
            SET voucher_grant_id = (SELECT g.id FROM voucher_grant g
                                     WHERE g.programme_id = ?1 AND g.party_id = booking.party_id AND g.year = ?2),
                voucher_share = charge * ?3 / 10000
          WHERE state = 'completed' AND start >= ?4 AND start < ?5 AND charge * ?3 / 10000 > 0
            AND party_id IN (SELECT party_id FROM voucher_grant WHERE programme_id = ?1 AND year = ?2)",
        &[&programme_id, &year, &share, &from, &until],
    )?;
    Ok(grants)
}
