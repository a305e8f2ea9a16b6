//! Monthly hours a company may book a machine; an equipment manager may
//! book beyond it with a recorded reason.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::write::json;
use super::{Store, company, equipment};
use crate::domain::{Capability, Field, Invalid, Problem};
use crate::error::Result;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quota {
    pub company_brn: String,
    pub company_name: String,
    pub equipment: String,
    pub hours_per_month: i64,
}

/// Sets (or with `hours` empty, removes) a company's monthly hours on a machine.
pub fn set(store: &mut Store, brn: &str, equipment_code: &str, hours: &str) -> Result<Option<Quota>> {
    let hours = match hours.trim() {
        "" => None,
        h => Some(
            h.parse::<i64>()
                .ok()
                .filter(|n| (0..=744).contains(n))
                .ok_or_else(|| Invalid::new(Field::Quota, h, Problem::OutOfRange { min: 0, max: 744 }))?,
        ),
    };
    store.write(Capability::ManageEquipment, |w| {
        let c = company::resolve(w.sql(), brn, Field::Company)?;
        let eq = equipment::by_code(w.sql(), equipment_code)?;
        let before: Option<i64> = w
            .conn()
            .query_row(
                "SELECT hours_per_month FROM quota WHERE company_id = ?1 AND equipment_id = ?2",
                params![c.id, eq.id],
                |r| r.get(0),
            )
            .optional()?;
        let make = |h: i64| Quota {
            company_brn: c.brn.to_string(),
            company_name: c.name.clone(),
            equipment: eq.code.clone(),
            hours_per_month: h,
        };
        let id = format!("{}/{}", c.brn.digits(), eq.code);
        if let Some(h) = hours {
            w.conn().execute(
                "INSERT INTO quota (company_id, equipment_id, hours_per_month) VALUES (?1, ?2, ?3)
                 ON CONFLICT (company_id, equipment_id) DO UPDATE SET hours_per_month = excluded.hours_per_month",
                params![c.id, eq.id, h],
            )?;
            w.audit("quota", &id, "set", before.map(|b| json(&make(b))), Some(json(&make(h))))?;
            return Ok(Some(make(h)));
        }
        w.conn().execute("DELETE FROM quota WHERE company_id = ?1 AND equipment_id = ?2", params![c.id, eq.id])?;
        if let Some(b) = before {
            w.audit("quota", &id, "remove", Some(json(&make(b))), None)?;
        }
        Ok(None)
    })
}

pub fn list(store: &Store) -> Result<Vec<Quota>> {
    let mut st = store.conn().prepare_cached(
        "SELECT c.brn, c.name, e.code, q.hours_per_month FROM quota q JOIN company c ON c.id = q.company_id
           JOIN equipment e ON e.id = q.equipment_id ORDER BY c.name, e.code",
    )?;
    let rows = st
        .query_map([], |r| {
            let brn: String = r.get(0)?;
            Ok(Quota {
                company_brn: crate::domain::Brn::parse(&brn).map_or(brn, |b| b.to_string()),
                company_name: r.get(1)?,
                equipment: r.get(2)?,
                hours_per_month: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
