//! Voucher programmes, the machines and classes they cover, grants to
//! parties per year, and what bookings drew on them.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::voucher::{Coverage, NewProgramme};
use crate::domain::{Minute, Percent, Won};
use crate::error::Result;
use crate::store::{Param, Row, Sql};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Programme {
    pub code: String,
    pub name: String,
    pub funder: String,
    pub share: Percent,
    pub cap: Won,
    pub from: NaiveDate,
    pub last_day: NaiveDate,
    /// Machine codes it covers; empty: every machine.
    pub machines: Vec<String>,
    /// Rate class codes it covers; empty: every class.
    pub classes: Vec<String>,
    /// Grants made, over all years.
    pub grants: i64,
    /// What it has paid, over all grants.
    pub paid: Won,
    /// The billing party its shares are billed to (`BP-0012`), and its name.
    pub payer: Option<String>,
    pub payer_name: Option<String>,
    /// The first month billed to the payer; `None`: every month.
    pub payer_from: Option<NaiveDate>,
    #[serde(skip)]
    pub id: i64,
}

const SELECT: &str = "SELECT v.id, v.code, v.name, v.funder, v.share, v.cap, v.from_date, v.last_day,
       (SELECT string_agg(e.code, ' ' ORDER BY e.code) FROM voucher_machine m JOIN equipment e ON e.id = m.equipment_id
         WHERE m.programme_id = v.id),
       (SELECT string_agg(r.code, ' ' ORDER BY r.id) FROM voucher_class k JOIN rate_class r ON r.id = k.class_id
         WHERE k.programme_id = v.id),
       (SELECT count(*) FROM voucher_grant g WHERE g.programme_id = v.id),
       (SELECT coalesce(sum(g.used), 0) FROM voucher_grant g WHERE g.programme_id = v.id),
       y.code, coalesce(c.name, y.name), v.payer_from
  FROM voucher_programme v LEFT JOIN party y ON y.id = v.payer_id LEFT JOIN company c ON c.id = y.company_id";

fn words(r: &Row<'_, '_>, at: usize) -> Result<Vec<String>> {
    let joined: Option<String> = r.get(at)?;
    Ok(joined.unwrap_or_default().split_whitespace().map(str::to_owned).collect())
}

fn row(r: &Row<'_, '_>) -> Result<Programme> {
    let bp: i64 = r.get(4)?;
    Ok(Programme {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        funder: r.get(3)?,
        share: Percent::from_bp(bp).unwrap_or(Percent::ZERO),
        cap: r.get(5)?,
        from: r.get(6)?,
        last_day: r.get(7)?,
        machines: words(r, 8)?,
        classes: words(r, 9)?,
        grants: r.get(10)?,
        paid: r.get(11)?,
        payer: r.get(12)?,
        payer_name: r.get(13)?,
        payer_from: r.get(14)?,
    })
}

pub fn by_code(db: Sql<'_>, code: &str) -> Result<Option<Programme>> {
    db.opt(&format!("{SELECT} WHERE v.code = ?1"), &[&code], row)
}

/// Every programme, or those whose search key holds `search`.
pub fn list(db: Sql<'_>, search: Option<&str>) -> Result<Vec<Programme>> {
    match search {
        Some(q) => db.all(&format!("{SELECT} WHERE instr(v.search, ?1) > 0 ORDER BY v.id"), &[&q], row),
        None => db.all(&format!("{SELECT} ORDER BY v.id"), &[], row),
    }
}

pub fn next_id(db: Sql<'_>) -> Result<i64> {
    db.value("SELECT coalesce(max(id), 0) + 1 FROM voucher_programme", &[])
}

/// Adds a programme with the machines and classes it covers, by id.
pub fn insert(
    db: Sql<'_>,
    id: i64,
    code: &str,
    (p, payer_id): (&NewProgramme, Option<i64>),
    (machines, classes): (&[i64], &[i64]),
    at: Minute,
) -> Result<()> {
    db.run(
        "INSERT INTO voucher_programme (id, code, name, funder, share, cap, from_date, last_day, created_at, payer_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        &[&id, &code, &p.name, &p.funder, &p.share.bp(), &p.cap, &p.from, &p.last_day, &at, &payer_id],
    )?;
    for m in machines {
        db.run("INSERT INTO voucher_machine (programme_id, equipment_id) VALUES (?1, ?2)", &[&id, m])?;
    }
    for c in classes {
        db.run("INSERT INTO voucher_class (programme_id, class_id) VALUES (?1, ?2)", &[&id, c])?;
    }
    Ok(())
}

/// Gives a programme that had none its payer, billed from the month
/// `from` (its first day); the schema refuses a second.
pub fn set_payer(db: Sql<'_>, id: i64, payer_id: i64, from: Option<NaiveDate>) -> Result<()> {
    db.run("UPDATE voucher_programme SET payer_id = ?2, payer_from = ?3 WHERE id = ?1", &[&id, &payer_id, &from])?;
    Ok(())
}

/// The codes of the programmes with no payer that paid a share of a use
/// started from `from` until before `until`: shares no one could be billed.
pub fn unpaid(db: Sql<'_>, from: Minute, until: Minute) -> Result<Vec<String>> {
    db.all(
        "SELECT DISTINCT v.code FROM voucher_programme v JOIN voucher_grant g ON g.programme_id = v.id
           JOIN booking b ON b.voucher_grant_id = g.id
          WHERE v.payer_id IS NULL AND b.state = 'completed' AND b.start >= ?1 AND b.start < ?2
          ORDER BY v.code",
        &[&from, &until],
        |r| r.get(0),
    )
}

/// A party's grant for a year, and what is left of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Grant {
    pub programme: String,
    pub programme_name: String,
    pub party: String,
    pub party_name: String,
    pub year: i32,
    pub share: Percent,
    pub cap: Won,
    pub used: Won,
    pub remaining: Won,
    #[serde(skip)]
    pub id: i64,
}

const GRANTS: &str = "SELECT g.id, v.code, v.name, y.code, coalesce(y.name, c.name), g.year, v.share, g.cap, g.used
  FROM voucher_grant g JOIN voucher_programme v ON v.id = g.programme_id
  JOIN party y ON y.id = g.party_id LEFT JOIN company c ON c.id = y.company_id";

fn grant_row(r: &Row<'_, '_>) -> Result<Grant> {
    let bp: i64 = r.get(6)?;
    let (cap, used): (Won, Won) = (r.get(7)?, r.get(8)?);
    Ok(Grant {
        id: r.get(0)?,
        programme: r.get(1)?,
        programme_name: r.get(2)?,
        party: r.get(3)?,
        party_name: r.get(4)?,
        year: r.get(5)?,
        share: Percent::from_bp(bp).unwrap_or(Percent::ZERO),
        cap,
        used,
        remaining: Won(cap.0 - used.0),
    })
}

#[derive(Clone, Debug, Default)]
pub struct GrantFilter {
    pub programme_id: Option<i64>,
    pub party_id: Option<i64>,
    pub year: Option<i32>,
}

pub fn grants(db: Sql<'_>, f: &GrantFilter) -> Result<Vec<Grant>> {
    let mut sql = format!("{GRANTS} WHERE 1 = 1");
    let mut args: Vec<&dyn Param> = Vec::new();
    for (value, column) in [(&f.programme_id, "g.programme_id"), (&f.party_id, "g.party_id")] {
        if let Some(v) = value {
            args.push(v);
            let _ = write!(sql, " AND {column} = ?{}", args.len());
        }
    }
    if let Some(y) = &f.year {
        args.push(y);
        let _ = write!(sql, " AND g.year = ?{}", args.len());
    }
    sql.push_str(" ORDER BY g.year DESC, v.code, y.code");
    db.all(&sql, &args, grant_row)
}

pub fn grant_by_id(db: Sql<'_>, id: i64) -> Result<Option<Grant>> {
    db.opt(&format!("{GRANTS} WHERE g.id = ?1"), &[&id], grant_row)
}

pub fn insert_grant(
    db: Sql<'_>,
    (programme_id, party_id, year): (i64, i64, i32),
    cap: Won,
    at: Minute,
    by: &str,
) -> Result<i64> {
    db.value(
        "INSERT INTO voucher_grant (programme_id, party_id, year, cap, granted_at, granted_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        &[&programme_id, &party_id, &year, &cap, &at, &by],
    )
}

/// A grant a use may draw on: its id, the programme's share and period
/// and what it covers, the cap and what is used, the programme's last day
/// first (money that runs out sooner is spent first).
pub struct Open {
    pub grant_id: i64,
    pub share: Percent,
    pub cap: Won,
    pub used: Won,
    pub coverage: Coverage,
}

/// The party's grants for `year`; to draw on (`lock`), locked on
/// PostgreSQL until the transaction ends, so that two writers' draws on one
/// grant queue (an estimate only reads, and a viewer may not lock).
pub fn open(db: Sql<'_>, party_id: i64, year: i32, lock: bool) -> Result<Vec<Open>> {
    let lock = match db.dialect() {
        crate::store::Dialect::Postgres if lock => " FOR UPDATE OF g",
        _ => "",
    };
    let found: Vec<(i64, i64, i64, Won, Won, NaiveDate, NaiveDate)> = db.all(
        &format!(
            "SELECT g.id, v.id, v.share, g.cap, g.used, v.from_date, v.last_day
               FROM voucher_grant g JOIN voucher_programme v ON v.id = g.programme_id
              WHERE g.party_id = ?1 AND g.year = ?2 ORDER BY v.last_day, g.id{lock}"
        ),
        &[&party_id, &year],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
    )?;
    let mut out = Vec::with_capacity(found.len());
    for (grant_id, programme_id, bp, cap, used, from, last_day) in found {
        let machines =
            db.all("SELECT equipment_id FROM voucher_machine WHERE programme_id = ?1", &[&programme_id], |r| r.get(0))?;
        let classes = db.all(
            "SELECT r.code FROM voucher_class k JOIN rate_class r ON r.id = k.class_id WHERE k.programme_id = ?1",
            &[&programme_id],
            |r| r.get(0),
        )?;
        let share = Percent::from_bp(bp).unwrap_or(Percent::ZERO);
        out.push(Open { grant_id, share, cap, used, coverage: Coverage { from, last_day, machines, classes } });
    }
    Ok(out)
}

/// Records the grant a booking drew on and the programme's share (none
/// when nothing was drawn); the schema's triggers keep the grant's sum.
pub fn set_on_booking(db: Sql<'_>, booking: i64, drawn: Option<(i64, Won)>) -> Result<()> {
    let (grant, share) = match drawn.filter(|(_, w)| w.0 > 0) {
        Some((g, w)) => (Some(g), Some(w)),
        None => (None, None),
    };
    db.run("UPDATE booking SET voucher_grant_id = ?2, voucher_share = ?3 WHERE id = ?1", &[&booking, &grant, &share])?;
    Ok(())
}

/// A programme's use by party and month of a year: what the use came to
/// and what the programme paid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UseRow {
    pub programme: String,
    pub party: String,
    pub party_name: String,
    pub brn: Option<String>,
    /// `YYYY-MM`.
    pub month: String,
    pub bookings: i64,
    pub charge: Won,
    pub voucher: Won,
    pub party_share: Won,
}

/// The use by programme (or of one programme), party and month of a year.
pub fn use_by_month(db: Sql<'_>, programme_id: Option<i64>, year: i32) -> Result<Vec<UseRow>> {
    db.all(
        &format!(
            "SELECT v.code, y.code, coalesce(y.name, c.name), coalesce(y.brn, c.brn), {month}, count(*), sum(b.charge),
                    sum(b.voucher_share)
               FROM booking b JOIN voucher_grant g ON g.id = b.voucher_grant_id
               JOIN voucher_programme v ON v.id = g.programme_id
               JOIN party y ON y.id = g.party_id LEFT JOIN company c ON c.id = y.company_id
              WHERE (CAST(?1 AS BIGINT) IS NULL OR g.programme_id = ?1) AND g.year = ?2
              GROUP BY v.code, y.code, coalesce(y.name, c.name), coalesce(y.brn, c.brn), {month}
              ORDER BY v.code, y.code, {month}",
            month = super::month_of(db, "b.start")
        ),
        &[&programme_id, &year],
        |r| {
            let (charge, voucher): (Won, Won) = (r.get(6)?, r.get(7)?);
            Ok(UseRow {
                programme: r.get(0)?,
                party: r.get(1)?,
                party_name: r.get(2)?,
                brn: r.get(3)?,
                month: r.get(4)?,
                bookings: r.get(5)?,
                charge,
                voucher,
                party_share: Won(charge.0 - voucher.0),
            })
        },
    )
}
