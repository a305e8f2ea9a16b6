//! Billing parties (청구처) and rate classes through the use cases, on a
//! real file (and on a throwaway PostgreSQL with KILN_TEST_ENGINE=postgres).

mod common;

use common::{TempDb, dump, texts};
use kiln::db::booking::{self, BookingInput};
use kiln::db::party::{self, PartyFilter};
use kiln::db::{Page, rate_class};
use kiln::domain::party::{ClassInput, PartyInput};
use kiln::domain::{Field, PartyKind};
use kiln::error::{Error, Refusal};

fn university() -> PartyInput {
    PartyInput {
        kind: "organisation".into(),
        name: "원주세라믹대학교 산학협력단".into(),
        brn: "220-82-04120".into(),
        class: "academia".into(),
        ..PartyInput::default()
    }
}

fn field_of(e: &Error) -> Field {
    match e {
        Error::Invalid(i) => i.field,
        other => panic!("not a refused field: {other:?}"),
    }
}

#[test]
fn every_booking_of_the_demo_has_its_party_and_people_without_a_company_pay_as_individuals() {
    let (db, s) = TempDb::demo();
    let rows = texts(
        &db.path,
        "SELECT CAST(count(*) AS text),
                CAST(sum(CASE WHEN y.kind = 'individual' THEN 1 ELSE 0 END) AS text),
                CAST(sum(CASE WHEN y.kind = 'organisation' THEN 1 ELSE 0 END) AS text)
           FROM booking b JOIN party y ON y.id = b.party_id WHERE b.state = 'completed' OR b.company_id IS NULL",
    );
    let [all, individual, organisation] = [0, 1, 2].map(|i| rows[0][i].clone().unwrap().parse::<i64>().unwrap());
    let unbilled = texts(&db.path, "SELECT CAST(count(*) AS text) FROM booking WHERE party_id IS NULL");
    assert_eq!(unbilled[0][0].as_deref(), Some("0"));
    assert!(all > 0 && individual > 0, "use by people with no company is billed to them: {rows:?}");
    assert!(organisation > 0, "the demo's university and institute book: {rows:?}");
    // A company's party is found by the company's name, an organisation's by its own.
    let found =
        party::list(&s, &PartyFilter { search: Some("산학".into()), ..PartyFilter::default() }, Page::ALL_FOR_CLI)
            .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].kind, found[0].members.len()), (PartyKind::Organisation, 2));
    let firm =
        kiln::db::company::list(&s, &kiln::db::company::CompanyFilter::default(), Page::new(0, 1)).unwrap().remove(0);
    let by_name =
        party::list(&s, &PartyFilter { search: Some(firm.name.clone()), ..PartyFilter::default() }, Page::ALL_FOR_CLI)
            .unwrap();
    assert!(by_name.iter().any(|p| p.brn.as_deref() == Some(firm.brn.to_string().as_str())), "{by_name:?}");
}

#[test]
fn an_organisation_is_added_its_members_book_for_it_and_others_are_refused() {
    let (db, mut s) = TempDb::demo();
    let uni = party::add(&mut s, &university()).unwrap();
    assert_eq!((uni.kind, uni.class.as_deref()), (PartyKind::Organisation, Some("academia")));
    // A member of a company books for the university: its party, no company billed.
    let member = kiln::db::person::list(&s, &kiln::db::person::PersonFilter::default(), Page::ALL_FOR_CLI)
        .unwrap()
        .into_iter()
        .find(|p| p.company_brn.is_some())
        .unwrap();
    let input = BookingInput {
        equipment: "EQ-0003".into(),
        person: member.code.clone(),
        party: uni.code.clone(),
        from: "2026-12-21 17:00".into(),
        to: "2026-12-21 18:00".into(),
        ..BookingInput::default()
    };
    let before = dump(&db.path);
    let e = booking::add(&mut s, &input).unwrap_err();
    let Error::Refused(r) = &e else { panic!("{e:?}") };
    assert_eq!(*r, Refusal::NotPartyMember { party: uni.code.clone(), person: member.code.clone() });
    assert_eq!(dump(&db.path), before, "a refusal writes nothing");
    let joined = party::join(&mut s, &uni.code, &member.code).unwrap();
    assert_eq!(joined.members, vec![member.code.clone()]);
    let b = booking::add(&mut s, &input).unwrap().booked.remove(0);
    assert_eq!((b.party.as_str(), b.company_brn.as_deref()), (uni.code.as_str(), None));
    assert_eq!(b.party_name, "원주세라믹대학교 산학협력단");
    // Leaving stops new bookings; the one made stays billed to the university.
    party::leave(&mut s, &uni.code, &member.code).unwrap();
    let later = BookingInput { from: "2026-12-22 17:00".into(), to: "2026-12-22 18:00".into(), ..input };
    assert!(matches!(booking::add(&mut s, &later), Err(Error::Refused(Refusal::NotPartyMember { .. }))));
    assert_eq!(booking::show(&s, &b.id.to_string()).unwrap().party, uni.code);
    assert!(kiln::db::check::run(&s).unwrap().is_clean());
}

#[test]
fn a_first_booking_by_someone_with_no_company_makes_their_individual_party() {
    let (_db, mut s) = TempDb::demo();
    let person = kiln::db::person::add(
        &mut s,
        &kiln::domain::person::PersonInput { name: "윤서연".into(), ..kiln::domain::person::PersonInput::default() },
    )
    .unwrap();
    let input = BookingInput {
        equipment: "EQ-0003".into(),
        person: person.code.clone(),
        from: "2026-12-23 17:00".into(),
        to: "2026-12-23 18:00".into(),
        ..BookingInput::default()
    };
    let b = booking::add(&mut s, &input).unwrap().booked.remove(0);
    let own = party::show(&s, &b.party).unwrap();
    assert_eq!(
        (own.kind, own.name.as_str(), own.person.as_deref()),
        (PartyKind::Individual, "윤서연", Some(person.code.as_str()))
    );
    // The next booking uses the same party.
    let next = BookingInput { from: "2026-12-24 17:00".into(), to: "2026-12-24 18:00".into(), ..input };
    assert_eq!(booking::add(&mut s, &next).unwrap().booked[0].party, own.code);
}

#[test]
fn bad_parties_and_classes_are_refused_naming_the_field_and_change_nothing() {
    let (db, mut s) = TempDb::demo();
    let before = dump(&db.path);
    let firm =
        kiln::db::company::list(&s, &kiln::db::company::CompanyFilter::default(), Page::new(0, 1)).unwrap().remove(0);
    let cases: Vec<(PartyInput, Field)> = vec![
        (PartyInput { kind: "company".into(), ..university() }, Field::PartyKind),
        (PartyInput { brn: "220-82-04121".into(), ..university() }, Field::Brn),
        (PartyInput { brn: String::new(), ..university() }, Field::Brn),
        (PartyInput { class: "vip".into(), ..university() }, Field::RateClass),
        (PartyInput { name: String::new(), ..university() }, Field::Name),
    ];
    for (input, field) in cases {
        let e = party::add(&mut s, &input).unwrap_err();
        assert_eq!(field_of(&e), field, "{input:?}");
    }
    // A cluster company's BRN: its party is the company's own.
    let e = party::add(&mut s, &PartyInput { brn: firm.brn.to_string(), ..university() }).unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::PartyIsCompany { .. })), "{e:?}");
    let bad_classes = [
        (
            ClassInput { code: "vip".into(), name_ko: "우대".into(), name_en: "VIP".into(), discount: "120".into() },
            Field::Discount,
        ),
        (
            ClassInput { code: "vip".into(), name_ko: "우대".into(), name_en: "VIP".into(), discount: "-5".into() },
            Field::Discount,
        ),
        (
            ClassInput { code: "우대".into(), name_ko: "우대".into(), name_en: "VIP".into(), discount: "5".into() },
            Field::RateClass,
        ),
    ];
    for (input, field) in bad_classes {
        assert_eq!(field_of(&rate_class::add(&mut s, &input).unwrap_err()), field, "{input:?}");
    }
    let change = rate_class::ClassChange { discount: Some("101 %".into()), ..rate_class::ClassChange::default() };
    assert_eq!(field_of(&rate_class::set(&mut s, "sme", &change).unwrap_err()), Field::Discount);
    assert_eq!(field_of(&party::set_class(&mut s, "BP-0001", "vip").unwrap_err()), Field::RateClass);
    assert_eq!(dump(&db.path), before, "nothing written");
}

#[test]
fn classes_are_set_and_a_party_takes_one_or_goes_back_to_the_rule() {
    let (_db, mut s) = TempDb::demo();
    let sme = rate_class::set(
        &mut s,
        "sme",
        &rate_class::ClassChange { discount: Some("20 %".into()), ..rate_class::ClassChange::default() },
    )
    .unwrap();
    assert_eq!(sme.discount, 2000);
    let added = rate_class::add(
        &mut s,
        &ClassInput {
            code: "start-up".into(),
            name_ko: "창업기업".into(),
            name_en: "Start-up".into(),
            discount: "12.5".into(),
        },
    )
    .unwrap();
    assert_eq!(added.discount, 1250);
    let again = rate_class::add(
        &mut s,
        &ClassInput {
            code: "start-up".into(),
            name_ko: "창업".into(),
            name_en: "Start".into(),
            discount: String::new(),
        },
    );
    assert!(matches!(again, Err(Error::Refused(Refusal::Duplicate { field: Field::RateClass, .. }))));
    let p = party::set_class(&mut s, "BP-0001", "start-up").unwrap();
    assert_eq!(p.class.as_deref(), Some("start-up"));
    let classes = rate_class::list(&s).unwrap();
    assert_eq!(classes.iter().find(|c| c.code == "start-up").unwrap().parties, 1);
    assert_eq!(party::set_class(&mut s, "BP-0001", "").unwrap().class, None);
}

#[test]
fn pricing_the_demos_completed_bookings_again_by_class_reproduces_their_charges() {
    let (_db, s) = TempDb::demo();
    let completed = booking::BookingFilter {
        state: Some(kiln::domain::booking::BookingState::Completed),
        ..booking::BookingFilter::default()
    };
    let all = booking::list(&s, &completed, Page::ALL_FOR_CLI).unwrap();
    assert!(all.len() > 1000, "{}", all.len());
    // Every booking on SQLite; on a server, where each is a few round trips, every 7th.
    let step = if common::pg::active() { 7 } else { 1 };
    let mut classes = std::collections::BTreeSet::new();
    for b in all.iter().step_by(step) {
        let now = booking::priced::price_now(&s, &b.id.to_string()).unwrap().unwrap();
        assert_eq!(Some(now.charge), b.charge, "#{} {:?}", b.id, now);
        assert_eq!((Some(now.rate), now.billed_minutes), (b.rate, b.billed_minutes.unwrap()), "#{}", b.id);
        assert_eq!(Some(now.rate_class.as_str()), b.rate_class.as_deref(), "#{}", b.id);
        classes.insert(now.rate_class);
    }
    assert!(classes.contains("tenant") && classes.contains("external"), "{classes:?}");
}

#[test]
fn check_out_prices_by_the_partys_class_and_a_later_change_never_reprices() {
    let (db, mut s) = TempDb::demo();
    rate_class::set(
        &mut s,
        "academia",
        &rate_class::ClassChange { discount: Some("30 %".into()), ..rate_class::ClassChange::default() },
    )
    .unwrap();
    let uni = party::add(&mut s, &university()).unwrap();
    party::join(&mut s, &uni.code, "P-0005").unwrap();
    // A machine billed by the hour and free now: someone of the university walks in.
    let machine = ["EQ-0007", "EQ-0009", "EQ-0010", "EQ-0012", "EQ-0013", "EQ-0014"]
        .into_iter()
        .find(|eq| {
            let input = BookingInput {
                equipment: (*eq).into(),
                person: "P-0005".into(),
                party: uni.code.clone(),
                to: "2026-11-26 11:00".into(),
                ..BookingInput::default()
            };
            booking::walk_in(&mut s, &input, "시료 분석").is_ok()
        })
        .expect("a free machine");
    let eq = kiln::db::equipment::show(&s, machine).unwrap();
    let id = booking::list(&s, &booking::BookingFilter::default(), Page::ALL_FOR_CLI)
        .unwrap()
        .into_iter()
        .filter(|b| b.party == uni.code)
        .map(|b| b.id)
        .max()
        .unwrap();
    drop(s);
    let mut later = common::open_at(&db.path, "kim", "2026-11-26 11:30");
    let out = booking::check_out(&mut later, &id.to_string(), Some("2026-11-26 11:00"), None).unwrap();
    // 30 % off the external rate, for 60 minutes.
    let rate = kiln::domain::Won(eq.external_rate.0 - eq.external_rate.0 * 3000 / 10_000);
    assert_eq!((out.rate_class.as_deref(), out.rate), (Some("academia"), Some(rate)));
    assert_eq!(out.charge, Some(rate), "one hour at the class's rate");
    // A machine's own rate for the class wins over the class's discount.
    let own = rate_class::set_on_machine(&mut later, "academia", machine, "12,000", "").unwrap();
    assert_eq!(own.iter().find(|m| m.class == "academia").unwrap().rate, kiln::domain::Won(12_000));
    // Neither changes what was priced; a correction prices again at the recorded rate.
    rate_class::set(
        &mut later,
        "academia",
        &rate_class::ClassChange { discount: Some("50".into()), ..rate_class::ClassChange::default() },
    )
    .unwrap();
    assert_eq!(booking::show(&later, &id.to_string()).unwrap().charge, Some(rate));
    let corrected =
        booking::correct(&mut later, &id.to_string(), None, Some("2026-11-26 10:30"), "종료 시각 정정").unwrap();
    assert_eq!((corrected.rate, corrected.rate_class.as_deref()), (Some(rate), Some("academia")));
    let half = kiln::domain::booking::charge(eq.billing_unit, rate, 30, 0).unwrap();
    assert_eq!(corrected.charge, Some(half));
    assert_eq!(booking::priced::price_now(&later, &id.to_string()).unwrap().unwrap().rate, kiln::domain::Won(12_000));
    assert!(kiln::db::check::run(&later).unwrap().is_clean());
}
