//! The large demo's machines, their bookings and their downtime.

use crate::domain::equipment::WeekHours;
use crate::domain::{BillingUnit, Minute, Won};
use crate::error::Result;
use crate::store::Sql;

/// A machine, with no manager and a 60-day booking horizon.
pub struct Machine<'a> {
    pub id: i64,
    pub code: &'a str,
    pub name: &'a str,
    pub model: &'a str,
    pub category: &'a str,
    pub room_id: Option<i64>,
    pub unit: BillingUnit,
    pub tenant_rate: Won,
    pub external_rate: Won,
    pub slot_minutes: u32,
    pub min_minutes: u32,
    pub max_minutes: u32,
    pub notice_minutes: i64,
    pub buffer_minutes: i64,
    pub hours: &'a WeekHours,
    pub holidays_bookable: bool,
    pub needs_approval: bool,
    pub created_at: Minute,
}

pub fn machine(db: Sql<'_>, m: &Machine<'_>) -> Result<()> {
    db.run(
        "INSERT INTO equipment (id, code, name, model, category, room_id, manager, billing_unit, tenant_rate, external_rate,
            slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours,
            holidays_bookable, needs_approval, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 60, ?14, ?15, ?16, ?17, ?18)",
        &[
            &m.id,
            &m.code,
            &m.name,
            &m.model,
            &m.category,
            &m.room_id,
            &m.unit.code(),
            &m.tenant_rate,
            &m.external_rate,
            &m.slot_minutes,
            &m.min_minutes,
            &m.max_minutes,
            &m.notice_minutes,
            &m.buffer_minutes,
            &m.hours.to_string(),
            &i64::from(m.holidays_bookable),
            &i64::from(m.needs_approval),
            &m.created_at,
        ],
    )?;
    Ok(())
}

/// An active downtime.
pub struct Downtime<'a> {
    pub equipment_id: i64,
    pub start: Minute,
    pub end: Minute,
    pub reason: &'a str,
    pub note: &'a str,
    pub created_at: Minute,
    pub created_by: &'a str,
}

pub fn downtime(db: Sql<'_>, d: &Downtime<'_>) -> Result<()> {
    db.run(
        "INSERT INTO downtime (equipment_id, start, end, reason, note, state, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, 'active', ?6, ?7)",
        &[&d.equipment_id, &d.start, &d.end, &d.reason, &d.note, &d.created_at, &d.created_by],
    )?;
    Ok(())
}
