//! The demo's outside payers: a university's 산학협력단 and a research
//! institute, each with people of no company who book for it, and the
//! classes they are priced by.

use std::collections::HashMap;

use crate::db::party::{self, PartyFilter};
use crate::db::{Page, Store};
use crate::domain::party::PartyInput;
use crate::error::Result;

/// (name, BRN, class, the people who book for it).
const OUTSIDE: [(&str, &str, &str, [&str; 2]); 2] = [
    ("강릉과학대학교 산학협력단", "220-82-03117", "academia", ["P-0001", "P-0002"]),
    ("동해세라믹소재연구소", "220-82-03102", "institute", ["P-0003", "P-0004"]),
];

/// Adds the outside organisations and their members; how many parties.
pub fn add(store: &mut Store) -> Result<usize> {
    for (name, brn, class, members) in OUTSIDE {
        let input = PartyInput {
            kind: "organisation".into(),
            name: name.into(),
            brn: brn.into(),
            class: class.into(),
            ..PartyInput::default()
        };
        let p = party::add(store, &input)?;
        for person in members {
            party::join(store, &p.code, person)?;
        }
    }
    Ok(OUTSIDE.len())
}

/// The organisation each member books for, by person code.
pub fn booked_for(store: &Store) -> Result<HashMap<String, String>> {
    let filter = PartyFilter { kind: Some("organisation".into()), ..PartyFilter::default() };
    let mut out = HashMap::new();
    for p in party::list(store, &filter, Page::ALL_FOR_CLI)? {
        for m in p.members {
            out.entry(m).or_insert_with(|| p.code.clone());
        }
    }
    Ok(out)
}
