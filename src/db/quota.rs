//! Monthly hours a company may book a machine; an equipment manager may
//! book beyond it with a recorded reason.

use super::write::json;
use super::{Store, company, equipment};
use crate::domain::{Capability, Field, Invalid, Problem};
use crate::error::Result;
use crate::store::sql::quota as sql;

pub use crate::store::sql::quota::Quota;

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
        let before = sql::hours(w.sql(), c.id, eq.id)?;
        let make = |h: i64| Quota {
            company_brn: c.brn.to_string(),
            company_name: c.name.clone(),
            equipment: eq.code.clone(),
            hours_per_month: h,
        };
        let id = format!("{}/{}", c.brn.digits(), eq.code);
        if let Some(h) = hours {
            sql::set(w.sql(), c.id, eq.id, h)?;
            w.audit("quota", &id, "set", before.map(|b| json(&make(b))), Some(json(&make(h))))?;
            return Ok(Some(make(h)));
        }
        sql::remove(w.sql(), c.id, eq.id)?;
        if let Some(b) = before {
            w.audit("quota", &id, "remove", Some(json(&make(b))), None)?;
        }
        Ok(None)
    })
}

pub fn list(store: &Store) -> Result<Vec<Quota>> {
    sql::list(store.sql())
}
