//! The centre's shared machines and their booking rules.

use serde::Serialize;

use crate::domain::equipment::{NewEquipment, Rules, WeekHours};
use crate::domain::{BillingUnit, Category, Minute, Won};
use crate::error::Result;
use crate::store::{Param, Row, Sql};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Equipment {
    #[serde(skip)]
    pub id: i64,
    pub code: String,
    pub name: String,
    pub model: String,
    pub category: Category,
    pub room: Option<String>,
    pub manager: Option<String>,
    pub status: String,
    pub billing_unit: BillingUnit,
    pub tenant_rate: Won,
    pub external_rate: Won,
    #[serde(flatten)]
    pub rules: Rules,
}

impl Equipment {
    pub fn is_active(&self) -> bool {
        self.status == "active"
    }
}

/// A machine's columns and where they come from, as pieces of text, so
/// that [`by_code_with_person`] can add the person's to the same query.
macro_rules! columns {
    () => {
        "SELECT e.id, e.code, e.name, e.model, e.category, r.code, e.manager, e.status, e.billing_unit,
       e.tenant_rate, e.external_rate, e.slot_minutes, e.min_minutes, e.max_minutes, e.notice_minutes,
       e.horizon_days, e.buffer_minutes, e.hours, e.holidays_bookable, e.needs_approval"
    };
}
macro_rules! from {
    () => {
        "\n  FROM equipment e LEFT JOIN room r ON r.id = e.room_id"
    };
}

const SELECT: &str = concat!(columns!(), from!());

fn row(r: &Row<'_, '_>) -> Result<Equipment> {
    let n = |i: usize| -> Result<u32> { r.get(i) };
    Ok(Equipment {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        model: r.get(3)?,
        category: r.parse(4, "equipment", Category::parse)?,
        room: r.get(5)?,
        manager: r.get(6)?,
        status: r.get(7)?,
        billing_unit: r.parse(8, "equipment", BillingUnit::parse)?,
        tenant_rate: r.get(9)?,
        external_rate: r.get(10)?,
        rules: Rules {
            slot_minutes: n(11)?,
            min_minutes: n(12)?,
            max_minutes: n(13)?,
            notice_minutes: n(14)?,
            horizon_days: n(15)?,
            buffer_minutes: n(16)?,
            hours: r.parse(17, "equipment", WeekHours::parse)?,
            holidays_bookable: r.get::<i64>(18)? == 1,
            needs_approval: r.get::<i64>(19)? == 1,
        },
    })
}

/// The machine with asset code `code` (`EQ-0007`). Every booking looks its
/// machine up, so the statement stays prepared.
pub fn by_code(db: Sql<'_>, code: &str) -> Result<Option<Equipment>> {
    db.opt(&format!("{SELECT} WHERE e.code = ?1"), &[&code], row)
}

/// A person's id and company, as a booking asks for them beside its machine.
/// The party a person `p` books for unless told otherwise, as a column.
macro_rules! own_party {
    () => {
        "coalesce((SELECT y.id FROM party y WHERE y.company_id = p.company_id),
          (SELECT y.id FROM party y WHERE y.person_id = p.id))"
    };
}
pub(crate) use own_party;

/// A person who books: their id, their company and the party they book
/// for unless told otherwise (their company's, else their own individual
/// party if they have one).
pub type Party = (i64, Option<i64>, Option<i64>);

/// The machine with code `code` and the person with code `person` (`None`
/// if there is no such person), in one query: every booking asks for both
/// first, and on a server each question is a round trip.
pub fn by_code_with_person(db: Sql<'_>, code: &str, person: &str) -> Result<Option<(Equipment, Option<Party>)>> {
    const TEXT: &str = concat!(
        columns!(),
        ", p.id, p.company_id, ",
        own_party!(),
        from!(),
        " LEFT JOIN person p ON p.code = ?2 WHERE e.code = ?1"
    );
    db.opt(TEXT, &[&code, &person], |r| {
        let party = match r.get::<Option<i64>>(20)? {
            Some(id) => Some((id, r.get(21)?, r.get(22)?)),
            None => None,
        };
        Ok((row(r)?, party))
    })
}

pub fn by_id(db: Sql<'_>, id: i64) -> Result<Equipment> {
    db.one(&format!("{SELECT} WHERE e.id = ?1"), &[&id], row)
}

/// The stored form of a machine's category, room, billing unit and hours.
struct Codes(&'static str, Option<i64>, &'static str, String);

fn codes(new: &NewEquipment, room: Option<i64>) -> Codes {
    Codes(new.category.code(), room, new.billing_unit.code(), new.rules.hours.to_string())
}

/// A machine's values after its key, in the order the INSERT and the UPDATE
/// both name its columns.
fn columns<'a>(new: &'a NewEquipment, codes: &'a Codes) -> [&'a dyn Param; 17] {
    let r = &new.rules;
    [
        &new.name,
        &new.model,
        &codes.0,
        &codes.1,
        &new.manager,
        &codes.2,
        &new.tenant_rate,
        &new.external_rate,
        &r.slot_minutes,
        &r.min_minutes,
        &r.max_minutes,
        &r.notice_minutes,
        &r.horizon_days,
        &r.buffer_minutes,
        &codes.3,
        &r.holidays_bookable,
        &r.needs_approval,
    ]
}

pub fn insert(db: Sql<'_>, code: &str, new: &NewEquipment, room: Option<i64>, now: Minute) -> Result<()> {
    let codes = codes(new, room);
    db.run(
        "INSERT INTO equipment (code, name, model, category, room_id, manager, billing_unit, tenant_rate, external_rate,
                slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours,
                holidays_bookable, needs_approval, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        &[&[&code as &dyn Param], &columns(new, &codes)[..], &[&now]].concat(),
    )?;
    Ok(())
}

/// Writes a machine's details and rules; values it already has write
/// nothing (and need no audit).
pub fn update(db: Sql<'_>, id: i64, new: &NewEquipment, room: Option<i64>) -> Result<()> {
    let codes = codes(new, room);
    db.run(
        "UPDATE equipment SET (name, model, category, room_id, manager, billing_unit, tenant_rate, external_rate,
                slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours,
                holidays_bookable, needs_approval)
                = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
             WHERE id = ?1
               AND (name, model, category, room_id, manager, billing_unit, tenant_rate, external_rate,
                slot_minutes, min_minutes, max_minutes, notice_minutes, horizon_days, buffer_minutes, hours,
                holidays_bookable, needs_approval)
                IS DISTINCT FROM (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        &[&[&id as &dyn Param], &columns(new, &codes)[..]].concat(),
    )?;
    Ok(())
}

/// The machine's active bookings that end after `now`.
pub fn pending_bookings(db: Sql<'_>, id: i64, now: Minute) -> Result<i64> {
    db.value(
        "SELECT count(*) FROM booking WHERE equipment_id = ?1 AND state IN ('requested', 'approved', 'in-use') AND end > ?2",
        &[&id, &now],
    )
}

pub fn retire(db: Sql<'_>, id: i64) -> Result<()> {
    db.run("UPDATE equipment SET status = 'retired' WHERE id = ?1", &[&id])?;
    Ok(())
}

pub fn list(db: Sql<'_>, limit: u32, offset: u32) -> Result<Vec<Equipment>> {
    db.all(&format!("{SELECT} ORDER BY e.code LIMIT ?1 OFFSET ?2"), &[&limit, &offset], row)
}

pub fn count(db: Sql<'_>) -> Result<i64> {
    db.value("SELECT count(*) FROM equipment", &[])
}

/// The machines whose search key holds `query`.
pub fn list_matching(db: Sql<'_>, query: &str, limit: u32, offset: u32) -> Result<Vec<Equipment>> {
    let sql = format!("{SELECT} WHERE instr(e.search, ?3) > 0 ORDER BY e.code LIMIT ?1 OFFSET ?2");
    db.all(&sql, &[&limit, &offset, &query], row)
}

pub fn count_matching(db: Sql<'_>, query: &str) -> Result<i64> {
    db.value("SELECT count(*) FROM equipment WHERE instr(search, ?1) > 0", &[&query])
}

/// The number after the highest asset number in use.
pub fn next_number(db: Sql<'_>) -> Result<i64> {
    db.value("SELECT coalesce(max(CAST(substr(code, 4) AS INTEGER)), 0) + 1 FROM equipment", &[])
}

pub fn nfec(db: Sql<'_>, id: i64) -> Result<Option<String>> {
    Ok(db.opt("SELECT nfec FROM equipment WHERE id = ?1", &[&id], |r| r.get::<Option<String>>(0))?.flatten())
}

pub fn set_nfec(db: Sql<'_>, id: i64, nfec: Option<&str>) -> Result<()> {
    db.run("UPDATE equipment SET nfec = ?2 WHERE id = ?1", &[&id, &nfec])?;
    Ok(())
}
