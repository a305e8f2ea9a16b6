//! The demo's voucher programmes: the national shared-equipment programme
//! (70 %, 30 million won a year) held by a few companies over two years,
//! and a regional ceramics voucher (50 %, 1 million won a year, tenants and
//! SMEs only) that its busier holders use up.

use chrono::Datelike;

use crate::db::{Page, Store, voucher};
use crate::domain::party::PartyInput;
use crate::domain::voucher::{GrantInput, ProgrammeInput};
use crate::error::Result;

/// Registers the analysis machines R&D money may pay for in the national
/// equipment portal (their NFEC numbers are printed on statements).
pub fn register_machines(store: &mut Store) -> Result<()> {
    for (code, nfec) in [("EQ-0001", "NFEC-2009-03-084512"), ("EQ-0002", "NFEC-2010-11-101233")] {
        crate::db::equipment::set_nfec(store, code, nfec)?;
    }
    Ok(())
}

/// The funders as billed: (name, 고유번호, representative). Each programme's
/// shares are billed to its funder monthly.
const FUNDERS: [(&str, &str, &str); 2] =
    [("과학기술정보통신부", "138-83-01234", "한지원"), ("강원특별자치도", "223-83-00310", "박서연")];

/// Adds each funder as a billing party; their codes.
fn funders(store: &mut Store) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (name, brn, representative) in FUNDERS {
        let input = PartyInput {
            kind: "organisation".into(),
            name: name.into(),
            brn: brn.into(),
            class: "external".into(),
            ..PartyInput::default()
        };
        let p = crate::db::party::add(store, &input)?;
        crate::db::party::set_representative(store, &p.code, representative)?;
        out.push(p.code);
    }
    Ok(out)
}

/// Adds the programmes, their funders and their grants; how many grants.
pub fn add(store: &mut Store) -> Result<usize> {
    let year = store.now().date().year();
    let payers = funders(store)?;
    let payer = |i: usize| payers.get(i).cloned().unwrap_or_default();
    let national = voucher::add(
        store,
        &ProgrammeInput {
            name: "연구장비 공동이용 지원사업".into(),
            funder: FUNDERS[0].0.into(),
            payer: payer(0),
            share: "70".into(),
            cap: "30,000,000".into(),
            from: format!("{}-01-01", year - 1),
            last_day: format!("{year}-12-31"),
            ..ProgrammeInput::default()
        },
    )?;
    let regional = voucher::add(
        store,
        &ProgrammeInput {
            name: "강원 세라믹 기업지원 바우처".into(),
            funder: FUNDERS[1].0.into(),
            payer: payer(1),
            share: "50".into(),
            cap: "1,000,000".into(),
            from: format!("{year}-01-01"),
            last_day: format!("{year}-12-31"),
            classes: vec!["tenant,sme".into()],
            ..ProgrammeInput::default()
        },
    )?;
    // The companies whose people book, those with most people first: the
    // ones that will use the machines.
    let mut staff: Vec<(String, usize)> = Vec::new();
    let people = crate::db::person::list(store, &crate::db::person::PersonFilter::default(), Page::ALL_FOR_CLI)?;
    for brn in people.into_iter().filter_map(|p| p.company_brn) {
        match staff.iter_mut().find(|(b, _)| *b == brn) {
            Some((_, n)) => *n += 1,
            None => staff.push((brn, 1)),
        }
    }
    staff.sort_by_key(|s| std::cmp::Reverse(s.1));
    let parties: Vec<String> = staff.into_iter().map(|(brn, _)| brn).collect();
    let mut n = 0;
    let mut grant = |store: &mut Store, programme: &str, party: &str, year: i32| -> Result<()> {
        let input =
            GrantInput { programme: programme.into(), party: party.into(), year: year.to_string(), cap: String::new() };
        voucher::grant(store, &input)?;
        n += 1;
        Ok(())
    };
    for p in parties.iter().take(3) {
        grant(store, &national.code, p, year - 1)?;
        grant(store, &national.code, p, year)?;
    }
    for p in parties.iter().skip(3).take(6) {
        grant(store, &regional.code, p, year)?;
    }
    Ok(n)
}
