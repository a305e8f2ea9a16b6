//! Companies, rooms, leases and yearly reports on real SQLite files: every rule
//! and every refusal, and that a refusal changes nothing.

mod common;

use common::invalid;

use std::sync::Arc;

use common::{TempDb, audit_count, clock, dump};
use kiln::db::company::{self, CompanyEdit, CompanyFilter};
use kiln::db::lease::{self, LeaseFilter};
use kiln::db::{Page, Store, room, yearly};
use kiln::domain::company::CompanyInput;
use kiln::domain::lease::LeaseInput;
use kiln::domain::room::RoomInput;
use kiln::domain::yearly::YearlyInput;
use kiln::domain::{BrnProblem, Field, Problem, Stage, Won};
use kiln::report::{occupancy, programme};
use kiln::{Error, Refusal};

const CERATEC: &str = "124-81-00998";
const HANBIT: &str = "220-81-62517";

fn company(name: &str, brn: &str, admitted: &str) -> CompanyInput {
    CompanyInput { name: name.into(), brn: brn.into(), admitted: admitted.into(), ..CompanyInput::default() }
}

fn room_input(code: &str, area: &str) -> RoomInput {
    RoomInput {
        code: code.into(),
        floor: "3".into(),
        kind: "office".into(),
        area_m2: area.into(),
        rent_per_m2: Some("10000".into()),
    }
}

fn lease_input(brn: &str, room: &str, from: &str, to: &str) -> LeaseInput {
    LeaseInput {
        company: brn.into(),
        room: room.into(),
        from: from.into(),
        to: to.into(),
        rent: "660,000".into(),
        fee: "120,000".into(),
        deposit: Some("6,600,000".into()),
    }
}

/// A centre with 세라텍 and 한빛소재 and rooms 301, 302.
fn centre() -> (TempDb, Store) {
    let (db, mut s) = TempDb::with_admin("kim");
    company::add(&mut s, &company("세라텍(주)", CERATEC, "2024-03-02")).unwrap();
    company::add(&mut s, &company("한빛소재", HANBIT, "2025-01-10")).unwrap();
    room::add(&mut s, &room_input("301", "66.12")).unwrap();
    room::add(&mut s, &room_input("302", "99.17")).unwrap();
    (db, s)
}

#[test]
fn bad_company_input_is_refused_naming_the_field_and_changes_nothing() {
    let (db, mut s) = centre();
    let before = dump(&db.path);
    let bad_check = company::add(&mut s, &company("새회사", "124-81-00999", "")).unwrap_err();
    assert_eq!(invalid(bad_check), (Field::Brn, Problem::Brn(BrnProblem::CheckDigit)));
    let bad_phone = CompanyInput { phone: "033-12".into(), ..company("새회사", "1018100016", "") };
    assert_eq!(invalid(company::add(&mut s, &bad_phone).unwrap_err()).0, Field::Phone);
    let bad_email = CompanyInput { email: "info@".into(), ..company("새회사", "1018100016", "") };
    assert_eq!(invalid(company::add(&mut s, &bad_email).unwrap_err()).0, Field::Email);
    let bidi = company("세라\u{202E}텍", "1018100016", "");
    assert_eq!(invalid(company::add(&mut s, &bidi).unwrap_err()), (Field::Name, Problem::BidiControl));
    let corp = CompanyInput { corporate_no: "130111-0006247".into(), ..company("새회사", "1018100016", "") };
    assert_eq!(invalid(company::add(&mut s, &corp).unwrap_err()).0, Field::CorporateNo);
    assert_eq!(dump(&db.path), before);
}

#[test]
fn a_brn_is_registered_once() {
    let (db, mut s) = centre();
    let before = dump(&db.path);
    let err = company::add(&mut s, &company("다른 이름", "1248100998", "")).unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::Duplicate { field: Field::Brn, .. })), "{err:?}");
    assert_eq!(dump(&db.path), before);
}

#[test]
fn companies_are_found_by_hangul_part_brn_or_representative() {
    let (_db, mut s) = centre();
    company::edit(&mut s, CERATEC, &CompanyEdit { representative: Some("박서준".into()), ..CompanyEdit::default() })
        .unwrap();
    let find = |s: &Store, q: &str| -> Vec<String> {
        company::list(s, &CompanyFilter { search: Some(q.into()), ..CompanyFilter::default() }, Page::new(0, 10))
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect()
    };
    assert_eq!(find(&s, "라텍"), vec!["세라텍(주)"]);
    assert_eq!(find(&s, "빛소"), vec!["한빛소재"]);
    assert_eq!(find(&s, "124-81"), vec!["세라텍(주)"]);
    assert_eq!(find(&s, "1248100998"), vec!["세라텍(주)"]);
    assert_eq!(find(&s, "서준"), vec!["세라텍(주)"]);
    assert!(find(&s, "없는회사").is_empty());
    assert_eq!(company::count(&s, &CompanyFilter::default()).unwrap(), 2);
}

#[test]
fn leases_of_one_room_never_overlap_in_either_order_but_may_touch() {
    let (db, mut s) = centre();
    lease::add(&mut s, &lease_input(CERATEC, "301", "2026-01-01", "2027-01-01")).unwrap();
    let before = dump(&db.path);
    // Overlapping from the left, from the right, inside and around.
    for (from, to) in [
        ("2025-06-01", "2026-02-01"),
        ("2026-12-31", "2027-06-01"),
        ("2026-03-01", "2026-04-01"),
        ("2025-01-01", "2028-01-01"),
    ] {
        let err = lease::add(&mut s, &lease_input(HANBIT, "301", from, to)).unwrap_err();
        match err {
            Error::Refused(Refusal::LeaseOverlap { company, from, last_day, .. }) => {
                assert_eq!(
                    (company.as_str(), from.as_str(), last_day.as_str()),
                    ("세라텍(주)", "2026-01-01", "2026-12-31")
                );
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(dump(&db.path), before);
    // [a, b) then [b, c) touch: accepted, and so is the lease before.
    let next = lease::add(&mut s, &lease_input(HANBIT, "301", "2027-01-01", "2028-01-01")).unwrap();
    assert_eq!(next.last_day.to_string(), "2027-12-31");
    lease::add(&mut s, &lease_input(HANBIT, "301", "2025-06-01", "2026-01-01")).unwrap();
    // Another room is another matter.
    lease::add(&mut s, &lease_input(HANBIT, "302", "2026-01-01", "2027-01-01")).unwrap();
}

#[test]
fn the_schema_refuses_an_overlap_that_bypasses_kiln() {
    let (db, mut s) = centre();
    lease::add(&mut s, &lease_input(CERATEC, "301", "2026-01-01", "2027-01-01")).unwrap();
    let err = common::behind(
        &db.path,
        "INSERT INTO lease (company_id, room_id, from_date, to_date, rent, fee, deposit, created_at)
             SELECT c.id, r.id, '2026-06-01', '2026-07-01', 0, 0, 0, '2026-05-01 09:00' FROM company c, room r WHERE c.brn = '2208162517' AND r.code = '301'",
    )
    .unwrap_err();
    assert!(err.contains("lease_overlap"), "{err}");
}

#[test]
fn lease_refusals() {
    let (db, mut s) = centre();
    let before = dump(&db.path);
    let backwards = lease::add(&mut s, &lease_input(CERATEC, "301", "2026-01-01", "2026-01-01")).unwrap_err();
    assert_eq!(invalid(backwards), (Field::To, Problem::EndNotAfterStart));
    let negative = LeaseInput { rent: "-1".into(), ..lease_input(CERATEC, "301", "2026-01-01", "2027-01-01") };
    assert_eq!(invalid(lease::add(&mut s, &negative).unwrap_err()).0, Field::Rent);
    let no_room = lease::add(&mut s, &lease_input(CERATEC, "999", "2026-01-01", "2027-01-01")).unwrap_err();
    assert_eq!(invalid(no_room), (Field::Room, Problem::NotFound));
    let no_company = lease::add(&mut s, &lease_input("101-81-00016", "301", "2026-01-01", "2027-01-01")).unwrap_err();
    assert_eq!(invalid(no_company).0, Field::Company);
    assert_eq!(dump(&db.path), before);
    // A retired room takes no lease.
    room::retire(&mut s, "302", "2026-01-01").unwrap();
    let before = dump(&db.path);
    let retired = lease::add(&mut s, &lease_input(CERATEC, "302", "2026-02-01", "2027-01-01")).unwrap_err();
    assert!(matches!(retired, Error::Refused(Refusal::RoomRetired { .. })), "{retired:?}");
    // A company that has left takes no lease.
    company::leave(&mut s, HANBIT, Stage::Withdrawn, "2026-06-30").unwrap();
    let before_left = dump(&db.path);
    let left = lease::add(&mut s, &lease_input(HANBIT, "301", "2026-07-01", "2027-01-01")).unwrap_err();
    assert!(matches!(left, Error::Refused(Refusal::CompanyLeft { stage: Stage::Withdrawn, .. })), "{left:?}");
    assert_eq!(dump(&db.path), before_left);
    assert_ne!(before, before_left);
}

#[test]
fn a_leased_room_is_not_retired_until_its_lease_ends() {
    let (db, mut s) = centre();
    lease::add(&mut s, &lease_input(CERATEC, "301", "2026-01-01", "2027-01-01")).unwrap();
    let before = dump(&db.path);
    let err = room::retire(&mut s, "301", "2026-06-01").unwrap_err();
    assert!(
        matches!(err, Error::Refused(Refusal::RoomLeased { ref last_day, .. }) if last_day == "2026-12-31"),
        "{err:?}"
    );
    assert_eq!(dump(&db.path), before);
    room::retire(&mut s, "301", "2027-01-01").unwrap();
}

#[test]
fn graduating_ends_running_leases_that_day_and_keeps_history() {
    let (db, mut s) = centre();
    let running = lease::add(&mut s, &lease_input(CERATEC, "301", "2026-01-01", "2027-01-01")).unwrap();
    let future = lease::add(&mut s, &lease_input(CERATEC, "301", "2027-01-01", "2028-01-01")).unwrap();
    let past = lease::add(&mut s, &lease_input(CERATEC, "302", "2025-01-01", "2026-01-01")).unwrap();
    let audits = audit_count(&db.path);
    let c = company::leave(&mut s, CERATEC, Stage::Graduated, "2026-07-16").unwrap();
    assert_eq!((c.stage, c.left_on.map(|d| d.to_string()).as_deref()), (Stage::Graduated, Some("2026-07-16")));
    let show = |code: &str| lease::show(&s, code).unwrap();
    let r = show(&running.code);
    assert_eq!(
        (r.to.to_string().as_str(), r.ended_on.map(|d| d.to_string()).as_deref(), r.last_day.to_string().as_str()),
        ("2027-01-01", Some("2026-07-16"), "2026-07-15")
    );
    assert_eq!(r.end_reason.as_deref(), Some("graduated"));
    let f = show(&future.code);
    assert_eq!(f.ended_on.map(|d| d.to_string()).as_deref(), Some("2027-01-01"), "a lease not yet begun never runs");
    assert_eq!(show(&past.code).ended_on, None, "a finished lease is left as it was");
    // Two leases ended and the company changed: three audit rows in that one use case.
    assert_eq!(audit_count(&db.path), audits + 3);
    // The room is free from the leaving day; July is charged for 15 of 31 days.
    lease::add(&mut s, &lease_input(HANBIT, "301", "2026-07-16", "2027-01-01")).unwrap();
    let july = kiln::domain::lease::charge_for_month(&r.period().unwrap(), r.rent, 2026, 7);
    assert_eq!(july, Won(660_000 * 15 / 31));
    // Leaving twice is refused.
    let again = company::leave(&mut s, CERATEC, Stage::Withdrawn, "2026-08-01").unwrap_err();
    assert!(matches!(again, Error::Refused(Refusal::CompanyLeft { .. })), "{again:?}");
    let early = company::leave(&mut s, HANBIT, Stage::Graduated, "2024-01-01").unwrap_err();
    assert_eq!(invalid(early).0, Field::Date);
}

#[test]
fn the_schema_refuses_leaving_with_a_running_lease() {
    let (db, mut s) = centre();
    lease::add(&mut s, &lease_input(CERATEC, "301", "2026-01-01", "2027-01-01")).unwrap();
    let err = common::behind(
        &db.path,
        "UPDATE company SET stage = 'graduated', left_on = '2026-06-01' WHERE brn = '1248100998'",
    )
    .unwrap_err();
    assert!(err.contains("company_has_leases"), "{err}");
}

#[test]
fn ending_a_lease_early_frees_the_room() {
    let (db, mut s) = centre();
    let l = lease::add(&mut s, &lease_input(CERATEC, "301", "2026-01-01", "2027-01-01")).unwrap();
    let ended = lease::end(&mut s, &l.code, "2026-09-01", "계약 해지").unwrap();
    assert_eq!((ended.last_day.to_string().as_str(), ended.end_reason.as_deref()), ("2026-08-31", Some("계약 해지")));
    let before = dump(&db.path);
    let again = lease::end(&mut s, &l.code, "2026-10-01", "").unwrap_err();
    assert!(matches!(again, Error::Refused(Refusal::LeaseEnded { .. })), "{again:?}");
    assert_eq!(invalid(lease::end(&mut s, "L-0999", "2026-10-01", "").unwrap_err()), (Field::Lease, Problem::NotFound));
    assert_eq!(dump(&db.path), before);
    lease::add(&mut s, &lease_input(HANBIT, "301", "2026-09-01", "2027-01-01")).unwrap();
}

#[test]
fn yearly_reports_one_per_year_corrections_audited() {
    let (db, mut s) = centre();
    let set = |s: &mut Store, year: &str, employees: &str| {
        yearly::set(
            s,
            &YearlyInput {
                company: CERATEC.into(),
                year: year.into(),
                employees: Some(employees.into()),
                ..YearlyInput::default()
            },
        )
    };
    let before = dump(&db.path);
    let early = set(&mut s, "2023", "3").unwrap_err();
    assert!(matches!(early, Error::Refused(Refusal::ReportBeforeAdmission { year: 2023, .. })), "{early:?}");
    assert_eq!(invalid(set(&mut s, "2027", "3").unwrap_err()).0, Field::Year);
    assert_eq!(invalid(set(&mut s, "2025", "-3").unwrap_err()).0, Field::Employees);
    assert_eq!(dump(&db.path), before);
    set(&mut s, "2025", "11").unwrap();
    let sales = YearlyInput {
        company: CERATEC.into(),
        year: "2025".into(),
        sales: Some("1,410,000,000".into()),
        ..YearlyInput::default()
    };
    let r = yearly::set(&mut s, &sales).unwrap();
    assert_eq!((r.figures.employees, r.figures.sales), (11, Won(1_410_000_000)), "only the sales changed");
    set(&mut s, "2025", "14").unwrap();
    assert_eq!(yearly::list(&s, Some(CERATEC), None).unwrap().len(), 1, "one row per company and year");
    let row = common::texts(
        &db.path,
        "SELECT action, before, after FROM audit_log WHERE entity = 'yearly_report' ORDER BY id DESC LIMIT 1",
    )
    .remove(0);
    let [action, before, after] = [0, 1, 2].map(|i| row[i].clone().unwrap());
    assert_eq!(action, "correct");
    assert!(before.contains("\"employees\":11") && after.contains("\"employees\":14"), "{before} → {after}");
}

#[test]
fn occupancy_on_a_day() {
    let (_db, mut s) = centre();
    room::add(&mut s, &RoomInput { kind: "classroom".into(), ..room_input("305", "82.64") }).unwrap();
    lease::add(&mut s, &lease_input(CERATEC, "301", "2026-01-01", "2027-01-01")).unwrap();
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let o = occupancy::occupancy(&s, day("2026-11-26")).unwrap();
    assert_eq!((o.rooms, o.leased_rooms), (2, 1), "the classroom neither counts for nor against");
    assert_eq!((o.leased_area.0, o.area.0), (6612, 6612 + 9917));
    assert_eq!(o.area_rate_bp, 6612 * 10_000 / (6612 + 9917));
    assert_eq!(o.monthly_rent, Won(660_000));
    assert_eq!(o.rent_per_m2, Won(660_000 * 100 / 6612));
    assert_eq!(o.vacant, vec!["302".to_owned()]);
    let before = occupancy::occupancy(&s, day("2025-12-31")).unwrap();
    assert_eq!(before.leased_rooms, 0);
    let last_day = occupancy::occupancy(&s, day("2026-12-31")).unwrap();
    assert_eq!(last_day.leased_rooms, 1);
    let after = occupancy::occupancy(&s, day("2027-01-01")).unwrap();
    assert_eq!(after.leased_rooms, 0, "the lease's `to` is the first free day");
}

#[test]
fn the_programme_counts_companies_jobs_and_sales_for_a_year() {
    let (_db, mut s) = centre();
    company::add(
        &mut s,
        &CompanyInput { zone: "bukpyeong".into(), ..company("북평플랜트", "1018100016", "2020-05-01") },
    )
    .unwrap();
    company::leave(&mut s, "1018100016", Stage::Withdrawn, "2025-06-30").unwrap();
    company::leave(&mut s, HANBIT, Stage::Graduated, "2025-12-01").unwrap();
    for (brn, employees, sales) in [(CERATEC, "14", "2,170,000,000"), (HANBIT, "9", "800,000,000")] {
        yearly::set(
            &mut s,
            &YearlyInput {
                company: brn.into(),
                year: "2025".into(),
                employees: Some(employees.into()),
                sales: Some(sales.into()),
                ..YearlyInput::default()
            },
        )
        .unwrap();
    }
    let p = programme::programme(&s, 2025).unwrap();
    assert_eq!(p.companies, 2, "the withdrawn one is gone, the graduate stays in the cluster");
    assert_eq!(
        p.by_zone.iter().map(|z| (z.zone.code(), z.companies)).collect::<Vec<_>>(),
        vec![("gangneung", 2), ("bukpyeong", 0), ("raw-material", 0)]
    );
    assert_eq!((p.graduated, p.employees, p.sales), (1, 23, Won(2_970_000_000)));
    let p2024 = programme::programme(&s, 2024).unwrap();
    assert_eq!(p2024.companies, 2, "세라텍 and the Bukpyeong plant; 한빛 came in 2025");
    assert_eq!(p.trend.len(), 10);
    assert_eq!(p.trend.last().map(|t| t.sales), Some(Won(2_970_000_000)));
}

#[test]
fn two_terminals_leasing_one_room_at_once_one_wins() {
    let (db, _s) = centre();
    let path = Arc::new(db.path.clone());
    let threads: Vec<_> = [CERATEC, HANBIT]
        .into_iter()
        .map(|brn| {
            let path = Arc::clone(&path);
            std::thread::spawn(move || {
                let mut store = Store::open_as(&path, "kim", clock()).unwrap();
                (0..20)
                    .map(|m| {
                        let from = format!("2030-{:02}-01", m % 12 + 1);
                        let to = format!("2030-{:02}-01", m % 12 + 1).replace("2030-12-01", "2030-12-31");
                        lease::add(&mut store, &lease_input(brn, "301", &from, &to)).map(|_| ())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let results: Vec<_> = threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
    for r in &results {
        if let Err(e) = r {
            assert!(
                matches!(e, Error::Refused(Refusal::LeaseOverlap { .. }) | Error::Invalid(_)),
                "only clean refusals: {e:?}"
            );
        }
    }
    let s = db.open_as("kim");
    let leases =
        lease::list(&s, &LeaseFilter { room: Some("301".into()), ..LeaseFilter::default() }, Page::ALL_FOR_CLI)
            .unwrap();
    for (i, a) in leases.iter().enumerate() {
        for b in &leases[i + 1..] {
            assert!(!a.period().unwrap().overlaps(&b.period().unwrap()), "{a:?} and {b:?}");
        }
    }
    assert!(!leases.is_empty());
}
