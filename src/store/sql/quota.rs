//! Companies' monthly hours on machines.

use serde::Serialize;

use crate::error::Result;
use crate::store::Sql;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quota {
    pub company_brn: String,
    pub company_name: String,
    pub equipment: String,
    pub hours_per_month: i64,
}

/// The company's monthly hours on the machine, if it has a quota.
pub fn hours(db: Sql<'_>, company_id: i64, equipment_id: i64) -> Result<Option<i64>> {
    db.opt(
        "SELECT hours_per_month FROM quota WHERE company_id = ?1 AND equipment_id = ?2",
        &[&company_id, &equipment_id],
        |r| r.get(0),
    )
}

pub fn set(db: Sql<'_>, company_id: i64, equipment_id: i64, hours: i64) -> Result<()> {
    db.run(
        "INSERT INTO quota (company_id, equipment_id, hours_per_month) VALUES (?1, ?2, ?3)
                 ON CONFLICT (company_id, equipment_id) DO UPDATE SET hours_per_month = excluded.hours_per_month",
        &[&company_id, &equipment_id, &hours],
    )?;
    Ok(())
}

pub fn remove(db: Sql<'_>, company_id: i64, equipment_id: i64) -> Result<()> {
    db.run("DELETE FROM quota WHERE company_id = ?1 AND equipment_id = ?2", &[&company_id, &equipment_id])?;
    Ok(())
}

pub fn list(db: Sql<'_>) -> Result<Vec<Quota>> {
    db.all(
        "SELECT c.brn, c.name, e.code, q.hours_per_month FROM quota q JOIN company c ON c.id = q.company_id
           JOIN equipment e ON e.id = q.equipment_id ORDER BY c.name, e.code",
        &[],
        |r| {
            let brn: String = r.get(0)?;
            Ok(Quota {
                company_brn: crate::domain::Brn::parse(&brn).map_or(brn, |b| b.to_string()),
                company_name: r.get(1)?,
                equipment: r.get(2)?,
                hours_per_month: r.get(3)?,
            })
        },
    )
}
