//! Billing parties (청구처), the people who may book for them, and the rate
//! classes they are priced by.

use std::fmt::Write as _;

use serde::Serialize;

use crate::domain::{Brn, PartyKind};
use crate::error::Result;
use crate::store::{Param, Row, Sql};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Party {
    pub code: String,
    pub kind: PartyKind,
    /// The company's name for a company's party.
    pub name: String,
    /// The company's BRN, or the organisation's (`124-81-00998`).
    pub brn: Option<String>,
    /// The person an individual party was made for.
    pub person: Option<String>,
    /// The rate class set for the party; `None`: a company is "tenant" on a
    /// day it holds a lease and "external" otherwise, anyone else "external".
    pub class: Option<String>,
    pub email: Option<String>,
    /// The people who may book for it beyond its company's own, by code;
    /// written as one text (`P-0001, P-0002`), as a spreadsheet cell holds it.
    #[serde(serialize_with = "joined")]
    pub members: Vec<String>,
    #[serde(skip)]
    pub id: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RateClass {
    pub code: String,
    pub name_ko: String,
    pub name_en: String,
    /// The centre-wide discount, in basis points (30 % is 3000).
    pub discount: i64,
    /// How many parties are set to the class.
    pub parties: i64,
}

fn joined<S: serde::Serializer>(members: &[String], s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&members.join(", "))
}

const SELECT: &str = "SELECT y.id, y.code, y.kind, coalesce(y.name, c.name), coalesce(y.brn, c.brn), p.code, r.code,
       coalesce(y.email, c.email),
       (SELECT string_agg(m.code, ' ' ORDER BY m.id) FROM party_member pm JOIN person m ON m.id = pm.person_id
         WHERE pm.party_id = y.id)
  FROM party y LEFT JOIN company c ON c.id = y.company_id LEFT JOIN person p ON p.id = y.person_id
  LEFT JOIN rate_class r ON r.id = y.class_id";

fn row(r: &Row<'_, '_>) -> Result<Party> {
    let brn: Option<String> = r.get(4)?;
    let members: Option<String> = r.get(8)?;
    Ok(Party {
        id: r.get(0)?,
        code: r.get(1)?,
        kind: r.parsed(2, "kind", |s| PartyKind::parse(s).ok())?,
        name: r.get(3)?,
        brn: brn.map(|b| Brn::parse(&b).map_or(b, |b| b.to_string())),
        person: r.get(5)?,
        class: r.get(6)?,
        email: r.get(7)?,
        members: members.map(|m| m.split(' ').map(str::to_owned).collect()).unwrap_or_default(),
    })
}

pub fn by_code(db: Sql<'_>, code: &str) -> Result<Option<Party>> {
    db.opt(&format!("{SELECT} WHERE y.code = ?1"), &[&code], row)
}

/// The party of a company, or of an organisation, by BRN digits.
pub fn by_brn(db: Sql<'_>, digits: &str) -> Result<Option<Party>> {
    // Each side by its own unique index: an OR across the join would read
    // every party (150 µs at 10,000 companies, against 20 µs).
    db.opt(
        &format!(
            "{SELECT} WHERE y.id = coalesce((SELECT p.id FROM party p JOIN company k ON k.id = p.company_id WHERE k.brn = ?1),
                                         (SELECT p.id FROM party p WHERE p.brn = ?1))"
        ),
        &[&digits],
        row,
    )
}

/// A company's party (every company has one, made with it).
pub fn of_company(db: Sql<'_>, company_id: i64) -> Result<Option<i64>> {
    db.opt("SELECT id FROM party WHERE company_id = ?1", &[&company_id], |r| r.get(0))
}

/// The individual party made for a person, if there is one.
pub fn of_person(db: Sql<'_>, person_id: i64) -> Result<Option<i64>> {
    db.opt("SELECT id FROM party WHERE person_id = ?1", &[&person_id], |r| r.get(0))
}

/// The party a person books for unless told: their company's, else their
/// own individual party if they have one.
pub fn own_of_person(db: Sql<'_>, person_id: i64) -> Result<Option<i64>> {
    const TEXT: &str = concat!("SELECT ", crate::store::sql::equipment::own_party!(), " FROM person p WHERE p.id = ?1");
    Ok(db.opt(TEXT, &[&person_id], |r| r.get::<Option<i64>>(0))?.flatten())
}

/// The company a party bills, if it is a company's.
pub fn company_of(db: Sql<'_>, party_id: i64) -> Result<Option<i64>> {
    Ok(db.opt("SELECT company_id FROM party WHERE id = ?1", &[&party_id], |r| r.get::<Option<i64>>(0))?.flatten())
}

/// True if the person may book for the party: as its member, as the
/// person it was made for, or as one of its company's people.
pub fn may_book(db: Sql<'_>, party_id: i64, person_id: i64) -> Result<bool> {
    db.value(
        "SELECT EXISTS (SELECT 1 FROM party_member WHERE party_id = ?1 AND person_id = ?2)
             OR EXISTS (SELECT 1 FROM party y JOIN person p ON p.id = ?2
                         WHERE y.id = ?1 AND (y.person_id = p.id OR y.company_id = p.company_id))",
        &[&party_id, &person_id],
    )
}

pub fn next_id(db: Sql<'_>) -> Result<i64> {
    db.value("SELECT coalesce(max(id), 0) + 1 FROM party", &[])
}

/// A party's row as added by hand (an organisation or an individual).
pub struct New<'a> {
    pub id: i64,
    pub code: &'a str,
    pub kind: PartyKind,
    pub name: &'a str,
    pub brn: Option<String>,
    pub person_id: Option<i64>,
    pub class_id: Option<i64>,
    pub email: Option<&'a str>,
}

pub fn insert(db: Sql<'_>, p: &New<'_>) -> Result<()> {
    db.run(
        "INSERT INTO party (id, code, kind, name, brn, person_id, class_id, email) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        &[&p.id, &p.code, &p.kind.code(), &p.name, &p.brn, &p.person_id, &p.class_id, &p.email],
    )?;
    Ok(())
}

/// Sets (or, with `None`, clears) a party's class; true if it changed.
pub fn set_class(db: Sql<'_>, party_id: i64, class_id: Option<i64>) -> Result<bool> {
    Ok(db.run(
        "UPDATE party SET class_id = ?2 WHERE id = ?1 AND class_id IS DISTINCT FROM ?2",
        &[&party_id, &class_id],
    )? > 0)
}

/// Sets an organisation's representative; false if it was that already.
pub fn set_representative(db: Sql<'_>, party_id: i64, name: Option<&str>) -> Result<bool> {
    Ok(db.run(
        "UPDATE party SET representative = ?2 WHERE id = ?1 AND representative IS DISTINCT FROM ?2",
        &[&party_id, &name],
    )? > 0)
}

/// Who a party is as a tax document's buyer: its representative (성명) and
/// e-mail, the company's for a company's party.
pub fn buyer(db: Sql<'_>, code: &str) -> Result<Option<(String, Option<String>)>> {
    db.opt(
        "SELECT coalesce(nullif(c.representative, ''), y.representative, ''), coalesce(y.email, c.email)
           FROM party y LEFT JOIN company c ON c.id = y.company_id WHERE y.code = ?1",
        &[&code],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Adds a member; false if they were one already.
pub fn join(db: Sql<'_>, party_id: i64, person_id: i64) -> Result<bool> {
    Ok(db.run(
        "INSERT INTO party_member (party_id, person_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        &[&party_id, &person_id],
    )? > 0)
}

/// Removes a member; false if they were none.
pub fn leave(db: Sql<'_>, party_id: i64, person_id: i64) -> Result<bool> {
    Ok(db.run("DELETE FROM party_member WHERE party_id = ?1 AND person_id = ?2", &[&party_id, &person_id])? > 0)
}

/// Narrows a party list; `search` is a key as `domain::search::query` makes it.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub search: Option<String>,
    pub kind: Option<PartyKind>,
}

fn where_clause(filter: &Filter) -> (String, Vec<Box<dyn Param>>) {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut args: Vec<Box<dyn Param>> = Vec::new();
    if let Some(q) = &filter.search {
        args.push(Box::new(q.clone()));
        let _ = write!(
            sql,
            " AND instr(CASE WHEN y.kind = 'company' THEN c.search ELSE y.search END, ?{}) > 0",
            args.len()
        );
    }
    if let Some(k) = filter.kind {
        args.push(Box::new(k.code()));
        let _ = write!(sql, " AND y.kind = ?{}", args.len());
    }
    (sql, args)
}

pub fn list(db: Sql<'_>, filter: &Filter, limit: u32, offset: u32) -> Result<Vec<Party>> {
    let (clause, mut args) = where_clause(filter);
    args.push(Box::new(i64::from(limit)));
    args.push(Box::new(i64::from(offset)));
    let (l, o) = (args.len() - 1, args.len());
    let refs: Vec<&dyn Param> = args.iter().map(|a| &**a).collect();
    db.all(&format!("{SELECT}{clause} ORDER BY y.id LIMIT ?{l} OFFSET ?{o}"), &refs, row)
}

pub fn count(db: Sql<'_>, filter: &Filter) -> Result<i64> {
    let (clause, args) = where_clause(filter);
    let refs: Vec<&dyn Param> = args.iter().map(|a| &**a).collect();
    db.value(&format!("SELECT count(*) FROM party y LEFT JOIN company c ON c.id = y.company_id{clause}"), &refs)
}

const CLASSES: &str = "SELECT r.code, r.name_ko, r.name_en, r.discount,
       (SELECT count(*) FROM party y WHERE y.class_id = r.id)
  FROM rate_class r";

fn class_row(r: &Row<'_, '_>) -> Result<RateClass> {
    Ok(RateClass { code: r.get(0)?, name_ko: r.get(1)?, name_en: r.get(2)?, discount: r.get(3)?, parties: r.get(4)? })
}

pub fn classes(db: Sql<'_>) -> Result<Vec<RateClass>> {
    db.all(&format!("{CLASSES} ORDER BY r.id"), &[], class_row)
}

pub fn class_by_code(db: Sql<'_>, code: &str) -> Result<Option<RateClass>> {
    db.opt(&format!("{CLASSES} WHERE r.code = ?1"), &[&code], class_row)
}

pub fn class_id(db: Sql<'_>, code: &str) -> Result<Option<i64>> {
    db.opt("SELECT id FROM rate_class WHERE code = ?1", &[&code], |r| r.get(0))
}

pub fn insert_class(db: Sql<'_>, c: &RateClass) -> Result<()> {
    db.run(
        "INSERT INTO rate_class (code, name_ko, name_en, discount) VALUES (?1, ?2, ?3, ?4)",
        &[&c.code, &c.name_ko, &c.name_en, &c.discount],
    )?;
    Ok(())
}

/// Writes a class's names and discount; true if anything changed.
pub fn update_class(db: Sql<'_>, c: &RateClass) -> Result<bool> {
    Ok(db.run(
        "UPDATE rate_class SET (name_ko, name_en, discount) = (?2, ?3, ?4)
          WHERE code = ?1 AND (name_ko, name_en, discount) IS DISTINCT FROM (?2, ?3, ?4)",
        &[&c.code, &c.name_ko, &c.name_en, &c.discount],
    )? > 0)
}

/// What prices a party on a day: the class set for it (if any), whether it
/// is a company's, and whether that company holds a lease that day.
pub fn terms(db: Sql<'_>, party_id: i64, day: chrono::NaiveDate) -> Result<Option<(Option<String>, bool, bool)>> {
    db.opt(
        "SELECT r.code, y.company_id IS NOT NULL,
                EXISTS (SELECT 1 FROM lease l WHERE l.company_id = y.company_id AND l.from_date <= ?2 AND l.end_date > ?2)
           FROM party y LEFT JOIN rate_class r ON r.id = y.class_id WHERE y.id = ?1",
        &[&party_id, &day],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// A class's centre-wide discount and the machine's own price for it (its
/// rate, or its discount), discounts in basis points.
pub type ClassOnMachine = (i64, Option<crate::domain::Won>, Option<i64>);

/// The class's [`ClassOnMachine`]; `None` if there is no such class.
pub fn class_on_machine(db: Sql<'_>, class: &str, equipment_id: i64) -> Result<Option<ClassOnMachine>> {
    db.opt(
        "SELECT r.discount, ec.rate, ec.discount
           FROM rate_class r LEFT JOIN equipment_class ec ON ec.class_id = r.id AND ec.equipment_id = ?2
          WHERE r.code = ?1",
        &[&class, &equipment_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// Every class with its centre-wide discount and the machine's own price
/// for it (rate, discount), in the classes' order.
pub type OnMachine = (RateClass, Option<crate::domain::Won>, Option<i64>);

pub fn classes_on_machine(db: Sql<'_>, equipment_id: i64) -> Result<Vec<OnMachine>> {
    db.all(
        "SELECT r.code, r.name_ko, r.name_en, r.discount, (SELECT count(*) FROM party y WHERE y.class_id = r.id),
                ec.rate, ec.discount
           FROM rate_class r LEFT JOIN equipment_class ec ON ec.class_id = r.id AND ec.equipment_id = ?1
          ORDER BY r.id",
        &[&equipment_id],
        |r| Ok((class_row(r)?, r.get(5)?, r.get(6)?)),
    )
}

/// Sets a machine's own price for a class (a rate or a discount), or with
/// neither removes it; true if anything changed.
pub fn set_on_machine(
    db: Sql<'_>,
    equipment_id: i64,
    class: &str,
    rate: Option<crate::domain::Won>,
    discount: Option<i64>,
) -> Result<bool> {
    let id = class_id(db, class)?;
    if rate.is_none() && discount.is_none() {
        return Ok(db
            .run("DELETE FROM equipment_class WHERE equipment_id = ?1 AND class_id = ?2", &[&equipment_id, &id])?
            > 0);
    }
    Ok(db.run(
        "INSERT INTO equipment_class (equipment_id, class_id, rate, discount) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (equipment_id, class_id) DO UPDATE SET rate = excluded.rate, discount = excluded.discount
          WHERE (equipment_class.rate, equipment_class.discount) IS DISTINCT FROM (excluded.rate, excluded.discount)",
        &[&equipment_id, &id, &rate, &discount],
    )? > 0)
}

/// A party's code (`BP-0075`).
pub fn code_of(db: Sql<'_>, party_id: i64) -> Result<String> {
    db.value("SELECT code FROM party WHERE id = ?1", &[&party_id])
}
