//! The demo's outside payers: a university's 산학협력단 and a research
//! institute, each with people of no company who book for it, and the
//! classes they are priced by.

use std::collections::HashMap;

use crate::db::booking::{self, BookingInput};
use crate::db::party::{self, PartyFilter};
use crate::db::project::ProjectFilter;
use crate::db::{Page, Store};
use crate::domain::consumable::ConsumableInput;
use crate::domain::party::PartyInput;
use crate::domain::project::ProjectInput;
use crate::domain::time::date_text;
use crate::error::{Error, Refusal, Result};

/// (name, BRN, class, the people who book for it, its representative,
/// whom its tax documents name).
const OUTSIDE: [(&str, &str, &str, [&str; 2], &str); 2] = [
    ("강릉과학대학교 산학협력단", "220-82-03117", "academia", ["P-0001", "P-0002"], "김도윤"),
    ("동해세라믹소재연구소", "220-82-03102", "institute", ["P-0003", "P-0004"], "정하린"),
];

/// The university's project, which its members' bookings are paid from:
/// its budget for the centre's machines is nearly spent, so the demo's
/// later requests on it are refused as they would be.
const PROJECT: (&str, &str, &str, &str) =
    ("고강도 세라믹 소결 공정 개발", "RS-2026-00412345", "한국산업기술기획평가원", "1,000,000");

/// Adds the outside organisations, their members and the university's
/// project; how many parties.
pub fn add(store: &mut Store) -> Result<usize> {
    let today = store.now().date();
    for (i, (name, brn, class, members, representative)) in OUTSIDE.into_iter().enumerate() {
        let input = PartyInput {
            kind: "organisation".into(),
            name: name.into(),
            brn: brn.into(),
            class: class.into(),
            ..PartyInput::default()
        };
        let p = party::add(store, &input)?;
        party::set_representative(store, &p.code, representative)?;
        for person in members {
            party::join(store, &p.code, person)?;
        }
        if i == 0 {
            let (name, number, funder, budget) = PROJECT;
            let input = ProjectInput {
                party: p.code.clone(),
                name: name.into(),
                number: number.into(),
                funder: funder.into(),
                from: date_text(today - chrono::Duration::days(180)),
                last_day: date_text(today + chrono::Duration::days(185)),
                budget: budget.into(),
            };
            crate::db::project::add(store, &input)?;
        }
    }
    Ok(OUTSIDE.len())
}

/// The organisation each member books for, and the project that pays if
/// it has one, by person code.
pub fn booked_for(store: &Store) -> Result<HashMap<String, (String, String)>> {
    let filter = PartyFilter { kind: Some("organisation".into()), ..PartyFilter::default() };
    let mut out = HashMap::new();
    for p in party::list(store, &filter, Page::ALL_FOR_CLI)? {
        let projects = ProjectFilter { party: Some(p.code.clone()), ..ProjectFilter::default() };
        let project =
            crate::db::project::list(store, &projects)?.into_iter().next().map(|j| j.code).unwrap_or_default();
        for m in p.members {
            out.entry(m).or_insert_with(|| (p.code.clone(), project.clone()));
        }
    }
    Ok(out)
}

/// The university's late-afternoon sessions on the press (EQ-0007) in the
/// coming weeks, paid from its project until its budget would be passed:
/// the first request past it is refused, as it would be at the counter.
/// How many were booked.
pub fn project_bookings(store: &mut Store) -> Result<usize> {
    let today = store.now().date();
    let Some(project) = crate::db::project::list(store, &ProjectFilter::default())?.into_iter().next() else {
        return Ok(0);
    };
    let mut n = 0;
    for d in 1..=40 {
        let day = today + chrono::Duration::days(d);
        let at = |h: u32| crate::domain::Minute::at(day, h, 0).to_string();
        let input = BookingInput {
            equipment: "EQ-0007".into(),
            person: "P-0001".into(),
            project: project.code.clone(),
            from: at(15),
            to: at(18),
            purpose: "소결 시편 제작".into(),
            ..BookingInput::default()
        };
        match booking::add(store, &input) {
            Ok(_) => n += 1,
            Err(Error::Refused(Refusal::OverBudget { .. })) => break,
            // A weekend, a holiday or a clash: the next day.
            Err(_) => {}
        }
    }
    Ok(n)
}

/// The consumables the centre sells with its machines, and what this
/// morning's uses have taken so far (priced when they are checked out).
pub fn consumables(store: &mut Store) -> Result<usize> {
    const CATALOGUE: [(&str, &str, &str, &str); 4] = [
        ("au-target", "금 스퍼터 타깃(코팅 1회분)", "회", "12,000"),
        ("carbon-tape", "카본 테이프", "cm", "300"),
        ("tem-grid", "TEM 그리드", "장", "3,500"),
        ("crucible-al2o3", "알루미나 도가니", "개", "18,000"),
    ];
    for (code, name, unit, price) in CATALOGUE {
        let input =
            ConsumableInput { code: code.into(), name: name.into(), unit: unit.into(), unit_price: price.into() };
        crate::db::consumable::add(store, &input)?;
    }
    let in_use = booking::BookingFilter {
        state: Some(crate::domain::booking::BookingState::InUse),
        ..booking::BookingFilter::default()
    };
    for b in booking::list(store, &in_use, Page::ALL_FOR_CLI)? {
        if b.equipment == "EQ-0002" {
            crate::db::consumable::consume(store, &b.id.to_string(), "au-target", "1")?;
            crate::db::consumable::consume(store, &b.id.to_string(), "carbon-tape", "20")?;
        }
    }
    Ok(CATALOGUE.len())
}
