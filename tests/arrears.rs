//! Arrears rules: a party whose oldest unpaid statement fell due more than
//! `arrears-block-months` ago cannot book until it pays; off (0) in an
//! empty centre. On a real file, and on PostgreSQL with
//! KILN_TEST_ENGINE=postgres.

mod common;

use common::{TempDb, dump};
use kiln::db::booking::{self, BookingInput};
use kiln::db::{Page, person, setting, statement};
use kiln::domain::Won;
use kiln::domain::statement::LineKind;
use kiln::error::{Error, Refusal};

/// A person of the company with the oldest debt (of those with people),
/// and that debt.
fn debtor(s: &kiln::db::Store) -> (String, statement::Arrear) {
    let today = s.now().date();
    let mut owed = statement::arrears(s, today).unwrap();
    owed.sort_by_key(|a| std::cmp::Reverse(a.days_overdue));
    owed.into_iter()
        .find_map(|a| {
            // A company's: an individual party has no BRN, an organisation no people listed by it.
            let filter =
                person::PersonFilter { company: Some(a.brn.clone()).filter(|b| !b.is_empty()), ..Default::default() };
            filter.company.as_ref()?;
            let who = person::list(s, &filter, Page::new(0, 1)).ok()?.into_iter().next()?;
            Some((who.code, a))
        })
        .expect("the demo has old debts of companies whose people book")
}

fn on_press(person: &str) -> BookingInput {
    BookingInput {
        equipment: "EQ-0009".into(),
        person: person.into(),
        from: "2026-12-03 15:00".into(),
        to: "2026-12-03 16:00".into(),
        ..BookingInput::default()
    }
}

#[test]
fn a_party_long_in_arrears_cannot_book_until_it_pays() {
    let (db, mut s) = TempDb::demo();
    let (who, debt) = debtor(&s);
    assert!(debt.days_overdue > 31, "{debt:?}");
    // Off by default: the debtor books.
    let first = booking::add(&mut s, &on_press(&who)).unwrap().booked.remove(0);
    booking::cancel(&mut s, &first.id.to_string(), "").unwrap();
    setting::set(&mut s, "arrears-block-months", "1", None).unwrap();
    let before = dump(&db.path);
    let e = booking::add(&mut s, &on_press(&who)).unwrap_err();
    let Error::Refused(Refusal::InArrears { statement, outstanding, due, .. }) = e else { panic!("{e:?}") };
    assert_eq!((statement.as_str(), outstanding, due), (debt.number.as_str(), debt.outstanding, debt.due_on));
    assert_eq!(dump(&db.path), before, "nothing written");
    let said = Error::Refused(Refusal::InArrears {
        party: "BP-0001".into(),
        statement: debt.number.clone(),
        outstanding: Won(1_234_500),
        due: debt.due_on,
    })
    .message(kiln::i18n::Lang::Ko);
    assert!(said.contains(&debt.number) && said.contains("1,234,500원") && said.contains("미납"), "{said}");
    // Every overdue statement of the party paid: it books again.
    let today = s.now().date();
    for a in statement::arrears(&s, today).unwrap().into_iter().filter(|a| a.party == debt.party) {
        let amount = a.outstanding.0.to_string();
        statement::pay(&mut s, &a.number, &kiln::domain::time::date_text(today), &amount, "transfer", "").unwrap();
    }
    assert!(booking::add(&mut s, &on_press(&who)).is_ok());
}

#[test]
fn a_statement_long_unpaid_is_surcharged_once_on_the_next_statement() {
    let (db, mut s) = TempDb::demo();
    let (_, debt) = debtor(&s);
    let month = "2026-11";
    let before = statement::show(&s, &debt.party, month).unwrap();
    assert!(before.lines.iter().all(|l| l.kind != LineKind::Surcharge), "off in an empty centre");
    setting::set(&mut s, "arrears-surcharge-months", "1", None).unwrap();
    let draft = statement::show(&s, &debt.party, month).unwrap();
    let surcharged: Vec<_> = draft.lines.iter().filter(|l| l.kind == LineKind::Surcharge).collect();
    let line = surcharged.iter().find(|l| l.source == debt.number).expect("the oldest debt is surcharged");
    assert_eq!(line.amount, Won(debt.outstanding.0 / 10), "10 % of what is unpaid, truncated");
    assert_eq!(draft.totals.supply, Won(before.totals.supply.0 + surcharged.iter().map(|l| l.amount.0).sum::<i64>()));
    // Issued, it is not surcharged again, and the month it was billed in
    // is not "corrected" for it.
    statement::issue(&mut s, month, Some(&debt.party)).unwrap();
    drop(s);
    let s = common::open_at(&db.path, "kim", "2027-01-06 10:00");
    let next = statement::show(&s, &debt.party, "2026-12").unwrap();
    assert!(next.lines.iter().all(|l| !(l.kind == LineKind::Surcharge && l.source == debt.number)), "{:?}", next.lines);
    assert!(next.lines.iter().all(|l| l.kind != LineKind::Adjustment), "{:?}", next.lines);
    assert!(kiln::db::check::run(&s).unwrap().is_clean());
}
