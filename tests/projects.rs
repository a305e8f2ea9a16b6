//! Projects (과제): bookings paid from a party's project, refused past its
//! budget when made and when approved, never at check-out. On a real file,
//! and on PostgreSQL with KILN_TEST_ENGINE=postgres.

mod common;

use common::{TempDb, dump};
use kiln::db::booking::{self, BookingInput};
use kiln::db::project::{self, ProjectFilter};
use kiln::domain::project::ProjectInput;
use kiln::domain::{Field, Problem, Won};
use kiln::error::{Error, Refusal};

/// The demo's university (BP-0061 in the demo) and a project of its own.
fn project_input(party: &str, budget: &str) -> ProjectInput {
    ProjectInput {
        party: party.into(),
        name: "유약 조성 최적화".into(),
        number: "RS-2026-00999001".into(),
        funder: "한국연구재단".into(),
        from: "2026-11-01".into(),
        last_day: "2027-02-28".into(),
        budget: budget.into(),
    }
}

fn university(s: &kiln::db::Store) -> String {
    let filter =
        kiln::db::party::PartyFilter { kind: Some("organisation".into()), ..kiln::db::party::PartyFilter::default() };
    kiln::db::party::list(s, &filter, kiln::db::Page::ALL_FOR_CLI).unwrap().remove(0).code
}

/// Three hours on EQ-0009 (30,000원 an hour at the external rate).
fn on_press(project: &str, day: &str) -> BookingInput {
    BookingInput {
        equipment: "EQ-0009".into(),
        person: "P-0001".into(),
        project: project.into(),
        from: format!("{day} 15:00"),
        to: format!("{day} 18:00"),
        ..BookingInput::default()
    }
}

#[test]
fn a_booking_past_the_budget_is_refused_when_made_and_when_approved_but_check_out_is_not() {
    let (db, mut s) = TempDb::demo();
    let uni = university(&s);
    let p = project::add(&mut s, &project_input(&uni, "200,000")).unwrap();
    assert_eq!((p.budget, p.spent, p.committed), (Some(Won(200_000)), Won(0), Won(0)));
    // The project names its party: the booking bills it without being told.
    let first = booking::add(&mut s, &on_press(&p.code, "2026-12-01")).unwrap().booked.remove(0);
    assert_eq!((first.party.as_str(), first.project.as_deref()), (uni.as_str(), Some(p.code.as_str())));
    booking::add(&mut s, &on_press(&p.code, "2026-12-02")).unwrap();
    assert_eq!(project::show(&s, &p.code).unwrap().committed, Won(180_000));
    // A third would pass 200,000: refused naming the budget, nothing written.
    let before = dump(&db.path);
    let e = booking::add(&mut s, &on_press(&p.code, "2026-12-03")).unwrap_err();
    let Error::Refused(Refusal::OverBudget { project, budget, committed, estimate }) = e else { panic!("{e:?}") };
    assert_eq!((project, budget, committed, estimate), (p.code.clone(), Won(200_000), Won(180_000), Won(90_000)));
    assert_eq!(dump(&db.path), before);
    // Without the project it books, paid by the party.
    let own = BookingInput { project: String::new(), party: uni.clone(), ..on_press("", "2026-12-03") };
    assert_eq!(booking::add(&mut s, &own).unwrap().booked[0].project, None);
    // Check-out is never refused: use past the estimate is charged and shows over budget.
    let id = first.id.to_string();
    drop(s);
    let mut at = common::open_at(&db.path, "kim", "2026-12-01 15:00");
    booking::check_in(&mut at, &id, Some("2026-12-01 15:00")).unwrap();
    drop(at);
    let mut late = common::open_at(&db.path, "kim", "2026-12-01 23:30");
    let out = booking::check_out(&mut late, &id, Some("2026-12-01 23:00"), None).unwrap();
    assert_eq!(out.charge, Some(Won(240_000)), "eight hours at 30,000원");
    let now = project::show(&late, &p.code).unwrap();
    assert!(now.spent > now.budget.unwrap(), "{now:?}");
    assert!(kiln::db::check::run(&late).unwrap().is_clean());
}

#[test]
fn approval_checks_the_budget_again() {
    let (db, mut s) = TempDb::demo();
    let uni = university(&s);
    let p = project::add(&mut s, &project_input(&uni, "100,000")).unwrap();
    // EQ-0008 needs approval: the request waits.
    let input = BookingInput { equipment: "EQ-0008".into(), ..on_press(&p.code, "2026-12-01") };
    let (eq_rate, needs) = {
        let eq = kiln::db::equipment::show(&s, "EQ-0008").unwrap();
        (eq.external_rate, eq.rules.needs_approval)
    };
    assert!(needs, "EQ-0008 waits for approval");
    let cost = Won(eq_rate.0 * 3);
    let budget = Won(cost.0 + 10_000);
    drop(s);
    common::behind(&db.path, &format!("UPDATE project SET budget = {} WHERE code = '{}'", budget.0, p.code)).unwrap();
    let mut s = db.open_as("kim");
    let request = booking::add(&mut s, &input).unwrap().booked.remove(0);
    // Meanwhile the project was charged for other use: approving now would pass it.
    common::behind(&db.path, &format!("UPDATE project SET budget = {} WHERE code = '{}'", cost.0 - 1, p.code)).unwrap();
    let before = dump(&db.path);
    let e = booking::approve(&mut s, &request.id.to_string()).unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::OverBudget { .. })), "{e:?}");
    assert_eq!(dump(&db.path), before);
    common::behind(&db.path, &format!("UPDATE project SET budget = {} WHERE code = '{}'", cost.0, p.code)).unwrap();
    assert_eq!(booking::approve(&mut s, &request.id.to_string()).unwrap().state.code(), "approved");
}

#[test]
fn bad_projects_and_projects_of_another_party_are_refused_naming_the_field() {
    let (db, mut s) = TempDb::demo();
    let uni = university(&s);
    let before = dump(&db.path);
    let cases = [
        (ProjectInput { last_day: "2026-10-31".into(), ..project_input(&uni, "") }, Field::LastDay),
        (project_input(&uni, "0"), Field::Budget),
        (project_input("BP-9999", ""), Field::Party),
        (ProjectInput { number: "RS 1".into(), ..project_input(&uni, "") }, Field::ProjectNumber),
    ];
    for (input, field) in cases {
        match project::add(&mut s, &input) {
            Err(Error::Invalid(i)) => assert_eq!(i.field, field, "{input:?}"),
            other => panic!("{input:?}: {other:?}"),
        }
    }
    assert_eq!(dump(&db.path), before);
    let p = project::add(&mut s, &project_input(&uni, "")).unwrap();
    let again = project::add(&mut s, &project_input(&uni, ""));
    assert!(matches!(again, Err(Error::Refused(Refusal::Duplicate { field: Field::ProjectNumber, .. }))));
    // A company's person may not put the university's project on their company's bill.
    let firm = BookingInput {
        company: kiln::db::company::list(&s, &kiln::db::company::CompanyFilter::default(), kiln::db::Page::new(0, 1))
            .unwrap()[0]
            .brn
            .to_string(),
        ..on_press(&p.code, "2026-12-01")
    };
    let before = dump(&db.path);
    match booking::add(&mut s, &firm) {
        Err(Error::Invalid(i)) => {
            assert_eq!((i.field, i.problem), (Field::Project, Problem::OtherParty { party: uni.clone() }));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(dump(&db.path), before);
    // Outside the project's period: one that starts later.
    let later =
        ProjectInput { number: "RS-2026-00999002".into(), from: "2026-12-15".into(), ..project_input(&uni, "") };
    let later = project::add(&mut s, &later).unwrap();
    let before = dump(&db.path);
    let e = booking::add(&mut s, &on_press(&later.code, "2026-12-01")).unwrap_err();
    assert!(matches!(&e, Error::Invalid(i) if i.field == Field::Project), "{e:?}");
    assert_eq!(dump(&db.path), before);
    let listed = project::list(&s, &ProjectFilter { search: Some("유약".into()), ..ProjectFilter::default() }).unwrap();
    assert_eq!(listed.len(), 2, "both of the glaze projects: {listed:?}");
}
