//! The centre's one row as a supplier, read as stored: the use case checks
//! it with `domain::supplier` (and `kiln check` finds a row that fails).

use crate::domain::Minute;
use crate::domain::supplier::Supplier;
use crate::error::Result;
use crate::store::Sql;

/// The row as its columns hold it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub brn: String,
    pub name: String,
    pub representative: String,
    pub address: String,
    pub business_type: String,
    pub business_item: String,
    pub email: String,
    pub set_at: Minute,
    pub set_by: String,
}

pub fn get(db: Sql<'_>) -> Result<Option<Stored>> {
    db.opt(
        "SELECT brn, name, representative, address, business_type, business_item, email, set_at, set_by
           FROM supplier WHERE id = 1",
        &[],
        |r| {
            Ok(Stored {
                brn: r.get(0)?,
                name: r.get(1)?,
                representative: r.get(2)?,
                address: r.get(3)?,
                business_type: r.get(4)?,
                business_item: r.get(5)?,
                email: r.get(6)?,
                set_at: r.get(7)?,
                set_by: r.get(8)?,
            })
        },
    )
}

/// Sets the row, made on the first call.
pub fn put(db: Sql<'_>, s: &Supplier, at: Minute, by: &str) -> Result<()> {
    let brn = s.brn.digits();
    db.run(
        "INSERT INTO supplier (id, brn, name, representative, address, business_type, business_item, email, set_at, set_by)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET brn = excluded.brn, name = excluded.name,
             representative = excluded.representative, address = excluded.address,
             business_type = excluded.business_type, business_item = excluded.business_item,
             email = excluded.email, set_at = excluded.set_at, set_by = excluded.set_by",
        &[&brn, &s.name, &s.representative, &s.address, &s.business_type, &s.business_item, &s.email, &at, &by],
    )?;
    Ok(())
}
