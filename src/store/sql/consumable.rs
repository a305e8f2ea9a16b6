//! Consumables (소모품) and what each booking took of them.

use serde::Serialize;

use crate::domain::pricing::ConsumableUse;
use crate::domain::{Minute, Won};
use crate::error::Result;
use crate::store::{Row, Sql};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Consumable {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub unit_price: Won,
    #[serde(skip)]
    pub id: i64,
}

const SELECT: &str = "SELECT id, code, name, unit, unit_price FROM consumable";

fn row(r: &Row<'_, '_>) -> Result<Consumable> {
    Ok(Consumable { id: r.get(0)?, code: r.get(1)?, name: r.get(2)?, unit: r.get(3)?, unit_price: r.get(4)? })
}

pub fn by_code(db: Sql<'_>, code: &str) -> Result<Option<Consumable>> {
    db.opt(&format!("{SELECT} WHERE code = ?1"), &[&code], row)
}

/// Every consumable, or those whose search key holds `search`.
pub fn list(db: Sql<'_>, search: Option<&str>) -> Result<Vec<Consumable>> {
    match search {
        Some(q) => db.all(&format!("{SELECT} WHERE instr(search, ?1) > 0 ORDER BY id"), &[&q], row),
        None => db.all(&format!("{SELECT} ORDER BY id"), &[], row),
    }
}

pub fn insert(db: Sql<'_>, code: &str, name: &str, unit: &str, unit_price: Won) -> Result<i64> {
    db.value(
        "INSERT INTO consumable (code, name, unit, unit_price) VALUES (?1, ?2, ?3, ?4) RETURNING id",
        &[&code, &name, &unit, &unit_price],
    )
}

/// Sets a consumable's price from now on; true if it changed.
pub fn set_price(db: Sql<'_>, code: &str, unit_price: Won) -> Result<bool> {
    Ok(db.run("UPDATE consumable SET unit_price = ?2 WHERE code = ?1 AND unit_price <> ?2", &[&code, &unit_price])? > 0)
}

/// Records that a booking took `quantity` of a consumable at `unit_price`.
pub fn record_use(
    db: Sql<'_>,
    booking: i64,
    consumable: i64,
    quantity: i64,
    unit_price: Won,
    at: Minute,
    by: &str,
) -> Result<()> {
    db.run(
        "INSERT INTO booking_consumable (booking_id, consumable_id, quantity, unit_price, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &[&booking, &consumable, &quantity, &unit_price, &at, &by],
    )?;
    Ok(())
}

/// What a booking took, at the prices recorded, in the order recorded.
pub fn of_booking(db: Sql<'_>, booking: i64) -> Result<Vec<ConsumableUse>> {
    db.all(
        "SELECT c.code, u.unit_price, u.quantity FROM booking_consumable u JOIN consumable c ON c.id = u.consumable_id
          WHERE u.booking_id = ?1 ORDER BY u.id",
        &[&booking],
        |r| Ok(ConsumableUse { code: r.get(0)?, unit_price: r.get(1)?, quantity: r.get(2)? }),
    )
}

/// A completed booking's charge, priced again with what it took.
pub fn set_charge(db: Sql<'_>, booking: i64, charge: Won) -> Result<()> {
    db.run("UPDATE booking SET charge = ?2 WHERE id = ?1", &[&booking, &charge])?;
    Ok(())
}

/// A machine's operator rate per hour of staff time (0 if none is set).
pub fn operator_rate(db: Sql<'_>, equipment_id: i64) -> Result<Won> {
    Ok(db
        .opt("SELECT rate FROM equipment_operator WHERE equipment_id = ?1", &[&equipment_id], |r| r.get(0))?
        .unwrap_or_default())
}

/// Sets a machine's operator rate; true if it changed.
pub fn set_operator_rate(db: Sql<'_>, equipment_id: i64, rate: Won) -> Result<bool> {
    Ok(db.run(
        "INSERT INTO equipment_operator (equipment_id, rate) VALUES (?1, ?2)
         ON CONFLICT (equipment_id) DO UPDATE SET rate = excluded.rate WHERE equipment_operator.rate <> excluded.rate",
        &[&equipment_id, &rate],
    )? > 0)
}

/// Records the minutes of staff time a use took and the rate they are charged at.
pub fn set_assisted(db: Sql<'_>, booking: i64, minutes: i64, rate: Won) -> Result<()> {
    db.run("UPDATE booking SET assisted_minutes = ?2, operator_rate = ?3 WHERE id = ?1", &[&booking, &minutes, &rate])?;
    Ok(())
}
