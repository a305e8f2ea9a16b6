//! Vouchers (바우처): a programme pays its share of a covered use, capped
//! per party and year in the database itself; two processes drawing the
//! last of a grant at once get what remains between them, won-exact. On a
//! real file, and on PostgreSQL with KILN_TEST_ENGINE=postgres.

mod common;

use common::dump;
use kiln::db::booking::{self, BookingInput};
use kiln::db::{Store, check, consumable, project, statement, voucher};
use kiln::domain::voucher::{GrantInput, ProgrammeInput};
use kiln::domain::{Field, Problem, Won};
use kiln::error::{Error, Refusal};

use common::money::{BRN, centre, me, programme};

fn grant(cap: &str) -> GrantInput {
    GrantInput { programme: "VP-0001".into(), party: BRN.into(), year: "2026".into(), cap: cap.into() }
}

/// Four hours of SEM on Monday 2 November, recorded as past use:
/// 4 × 42,000 = 168,000원, of which the programme pays 70 % = 117,600원.
fn earlier_use(s: &mut Store) {
    common::money::sem_used(s, "2026-11-02", 4);
}

#[test]
fn worked_example_an_sme_near_its_cap_a_late_cancellation_and_an_assisted_session_paid_from_a_project() {
    let (db, mut s) = centre();
    // The centre's policy: free until 24 hours before, half the booked
    // time after.
    kiln::db::setting::set(&mut s, "free-cancel-notice", "1440", None).unwrap();
    kiln::db::setting::set(&mut s, "late-cancel-share", "50", None).unwrap();
    // The grant's cap is 130,000원; the earlier use drew 117,600원 of it.
    voucher::grant(&mut s, &grant("130,000")).unwrap();
    earlier_use(&mut s);
    let held = voucher::grants(&s, &voucher::GrantFilter::default()).unwrap().remove(0);
    assert_eq!((held.cap, held.used, held.remaining), (Won(130_000), Won(117_600), Won(12_400)));
    // Today (26 November, a Thursday), two hours of SEM from 13:00, paid
    // from the project, an hour of it with the centre's operator, one
    // coating target.
    let input = BookingInput {
        equipment: "EQ-0001".into(),
        person: "P-0001".into(),
        project: "PJ-0001".into(),
        from: "2026-11-26 13:00".into(),
        to: "2026-11-26 15:00".into(),
        purpose: "EDS 성분 분석".into(),
        ..BookingInput::default()
    };
    let booked = booking::add(&mut s, &input).unwrap().booked.remove(0);
    let id = booked.id.to_string();
    // And two hours tomorrow at 09:00, cancelled now, 23 hours ahead: half
    // of 2 h × 42,000 = 42,000원, which no voucher pays.
    let tomorrow = BookingInput { from: "2026-11-27 09:00".into(), to: "2026-11-27 11:00".into(), ..input.clone() };
    let tomorrow = booking::add(&mut s, &tomorrow).unwrap().booked.remove(0).id.to_string();
    let cancelled = booking::cancel(&mut s, &tomorrow, "일정 변경").unwrap();
    assert_eq!(cancelled.penalty, Some(Won(42_000)));
    drop(s);
    let mut s = common::open_at(&db.path, &me(), "2026-11-26 13:00");
    booking::check_in(&mut s, &id, None).unwrap();
    consumable::assist(&mut s, &id, "60").unwrap();
    consumable::consume(&mut s, &id, "au-target", "1").unwrap();
    drop(s);
    let mut s = common::open_at(&db.path, &me(), "2026-11-26 15:00");
    let done = booking::check_out(&mut s, &id, None, None).unwrap();
    // Use 2 h × 42,000 = 84,000; operator 1 h × 30,000 = 30,000 (never
    // discounted); the target 12,000: 126,000원. The programme's 70 % of the
    // use line (58,800) is more than the 12,400원 left: it pays 12,400.
    assert_eq!(done.rate_class.as_deref(), Some("sme"));
    assert_eq!(done.rate, Some(Won(42_000)));
    assert_eq!(done.charge, Some(Won(126_000)));
    assert_eq!((done.voucher.as_deref(), done.voucher_share), (Some("VP-0001"), Some(Won(12_400))));
    let held = voucher::grants(&s, &voucher::GrantFilter::default()).unwrap().remove(0);
    assert_eq!((held.used, held.remaining), (Won(130_000), Won(0)), "drawn to the won, never past");
    // The project pays the party's share of its use: 126,000 − 12,400.
    assert_eq!(project::show(&s, "PJ-0001").unwrap().spent, Won(113_600));
    // November's statement bills the party's shares: 168,000 − 117,600 =
    // 50,400 and 113,600, and the late cancellation's 42,000; supply
    // 206,000, VAT 20,600, total 226,600.
    let st = statement::show(&s, BRN, "2026-11").unwrap();
    let amounts: Vec<Won> = st.lines.iter().map(|l| l.amount).collect();
    assert_eq!(amounts, [Won(50_400), Won(113_600), Won(42_000)]);
    assert_eq!(st.lines[2].kind, kiln::domain::statement::LineKind::LateCancel);
    assert_eq!((st.lines[2].terms.voucher.as_deref(), st.lines[2].terms.voucher_share), (None, Won(0)));
    let terms = &st.lines[0].terms;
    assert_eq!((terms.voucher.as_deref(), terms.voucher_share), (Some("VP-0001"), Won(117_600)), "{:?}", st.lines[0]);
    assert_eq!(st.lines[1].terms.project.as_deref(), Some("RS-2026-00412345"), "the line names the project paying");
    assert_eq!((st.totals.supply, st.totals.vat, st.totals.total), (Won(206_000), Won(20_600), Won(226_600)));
    // The funder's settlement: the month's use and its share.
    let report = voucher::report(&s, Some("VP-0001"), 2026).unwrap();
    assert_eq!(report.uses.len(), 1);
    let u = &report.uses[0];
    assert_eq!((u.month.as_str(), u.bookings), ("2026-11", 2));
    assert_eq!((u.charge, u.voucher, u.party_share), (Won(294_000), Won(130_000), Won(164_000)));
    assert!(check::run(&s).unwrap().is_clean());
}

#[test]
fn a_correction_prices_again_with_the_grant_it_drew_on_and_gives_back_what_it_no_longer_needs() {
    let (db, mut s) = centre();
    voucher::grant(&mut s, &grant("")).unwrap();
    earlier_use(&mut s);
    let b = booking::list(&s, &booking::BookingFilter::default(), kiln::db::Page::ALL_FOR_CLI).unwrap().remove(0);
    assert_eq!(b.voucher_share, Some(Won(117_600)));
    drop(s);
    let mut s = common::open_at(&db.path, &me(), "2026-11-26 10:00");
    // Two hours, not four: 84,000원, of which 58,800 is the programme's.
    let id = b.id.to_string();
    let after = booking::correct(&mut s, &id, Some("2026-11-02 09:00"), Some("2026-11-02 11:00"), "장부 정정").unwrap();
    assert_eq!((after.charge, after.voucher_share), (Some(Won(84_000)), Some(Won(58_800))));
    let g = voucher::grants(&s, &voucher::GrantFilter::default()).unwrap().remove(0);
    assert_eq!(g.used, Won(58_800));
    assert!(check::run(&s).unwrap().is_clean());
}

#[test]
fn a_use_the_programme_does_not_cover_draws_nothing() {
    let (_db, mut s) = centre();
    // A programme for XRD and tenants only: the SME's SEM use is neither.
    let narrow = ProgrammeInput { machines: vec!["EQ-0002".into()], classes: vec!["tenant".into()], ..programme() };
    let p = voucher::add(&mut s, &narrow).unwrap();
    assert_eq!((p.machines.clone(), p.classes.clone()), (vec!["EQ-0002".to_owned()], vec!["tenant".to_owned()]));
    voucher::grant(&mut s, &GrantInput { programme: p.code.clone(), ..grant("") }).unwrap();
    earlier_use(&mut s);
    let b = booking::list(&s, &booking::BookingFilter::default(), kiln::db::Page::ALL_FOR_CLI).unwrap().remove(0);
    assert_eq!((b.charge, b.voucher_share), (Some(Won(168_000)), None));
    let g = voucher::grants(&s, &voucher::GrantFilter::default()).unwrap().remove(0);
    assert_eq!(g.used, Won(0));
}

#[test]
fn bad_programmes_and_grants_are_refused_naming_the_field_and_change_nothing() {
    let (db, mut s) = centre();
    voucher::grant(&mut s, &grant("")).unwrap();
    let before = dump(&db.path);
    let field = |e: Error| match e {
        Error::Invalid(i) => (i.field, i.problem),
        other => panic!("{other:?}"),
    };
    for (input, want) in [
        (ProgrammeInput { share: "120".into(), ..programme() }, Field::SupportShare),
        (ProgrammeInput { share: "0".into(), ..programme() }, Field::SupportShare),
        (ProgrammeInput { cap: "0".into(), ..programme() }, Field::Cap),
        (ProgrammeInput { last_day: "2025-12-31".into(), ..programme() }, Field::LastDay),
        (ProgrammeInput { classes: vec!["royalty".into()], ..programme() }, Field::RateClass),
        (ProgrammeInput { machines: vec!["EQ-0099".into()], ..programme() }, Field::Equipment),
    ] {
        assert_eq!(field(voucher::add(&mut s, &input).unwrap_err()).0, want, "{input:?}");
    }
    for (input, want) in [
        (GrantInput { programme: "VP-0009".into(), ..grant("") }, (Field::Programme, Problem::NotFound)),
        (GrantInput { party: "BP-0999".into(), ..grant("") }, (Field::Party, Problem::NotFound)),
        (GrantInput { year: "2027".into(), ..grant("") }, (Field::Year, Problem::OutOfRange { min: 2026, max: 2026 })),
        (grant("0"), (Field::Cap, Problem::OutOfRange { min: 1, max: Won::LIMIT.0 })),
        (grant("30,000,001"), (Field::Cap, Problem::OutOfRange { min: 1, max: 30_000_000 })),
    ] {
        assert_eq!(field(voucher::grant(&mut s, &input).unwrap_err()), want, "{input:?}");
    }
    let again = voucher::grant(&mut s, &grant("")).unwrap_err();
    assert!(matches!(again, Error::Refused(Refusal::Duplicate { field: Field::Programme, .. })), "{again:?}");
    assert_eq!(dump(&db.path), before, "nothing written");
}

#[test]
fn two_processes_drawing_the_last_of_a_grant_at_once_get_what_remains_between_them() {
    let (db, mut s) = centre();
    // 10,000원 left of the grant; each of the two uses would draw 58,800.
    voucher::grant(&mut s, &grant("127,600")).unwrap();
    earlier_use(&mut s);
    let mut ids = Vec::new();
    for (eq, person) in [("EQ-0001", "P-0001"), ("EQ-0002", "P-0002")] {
        let input = BookingInput {
            equipment: eq.into(),
            person: person.into(),
            from: "2026-11-26 13:00".into(),
            to: "2026-11-26 15:00".into(),
            ..BookingInput::default()
        };
        ids.push(booking::add(&mut s, &input).unwrap().booked.remove(0).id.to_string());
    }
    drop(s);
    let mut s = common::open_at(&db.path, &me(), "2026-11-26 13:00");
    for id in &ids {
        booking::check_in(&mut s, id, None).unwrap();
    }
    drop(s);
    let bin = env!("CARGO_BIN_EXE_kiln");
    let gate = std::sync::Arc::new(std::sync::Barrier::new(ids.len()));
    let racers: Vec<_> = ids
        .iter()
        .map(|id| {
            let (path, id, gate) = (db.path.clone(), id.clone(), gate.clone());
            std::thread::spawn(move || {
                gate.wait();
                std::process::Command::new(bin)
                    .env("KILN_NOW", "2026-11-26 15:00")
                    .env("LANG", "en_US.UTF-8")
                    .args(["--db", path.to_str().unwrap(), "booking", "check-out", &id, "--json"])
                    .output()
                    .unwrap()
            })
        })
        .collect();
    let mut shares = Vec::new();
    for r in racers {
        let out = r.join().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let b: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(b["charge"], 84_000, "{b}");
        shares.push(b["voucher_share"].as_i64().unwrap_or(0));
    }
    shares.sort_unstable();
    assert_eq!(shares, [0, 10_000], "one drew what remained, the other nothing");
    let s = db.open_as(&me());
    let g = voucher::grants(&s, &voucher::GrantFilter::default()).unwrap().remove(0);
    assert_eq!((g.used, g.remaining), (Won(127_600), Won(0)));
    assert!(check::run(&s).unwrap().is_clean());
}

#[test]
fn the_database_refuses_a_draw_past_the_cap_and_check_finds_one_planted_behind_it() {
    let (db, mut s) = centre();
    voucher::grant(&mut s, &grant("130,000")).unwrap();
    earlier_use(&mut s);
    drop(s);
    // Written around kiln, the trigger (SQLite) or the named CHECK
    // (PostgreSQL) refuses it.
    let e = common::behind(&db.path, "UPDATE booking SET voucher_share = 130001 WHERE voucher_share IS NOT NULL")
        .unwrap_err();
    assert!(e.contains("voucher_cap"), "{e}");
    // With the guards off, check names what was planted.
    let plant = if common::pg::is_url(&db.path) {
        "SET session_replication_role = replica;
         ALTER TABLE voucher_grant DROP CONSTRAINT voucher_cap;
         UPDATE voucher_grant SET used = cap + 1;
         UPDATE booking SET voucher_share = charge WHERE voucher_share IS NOT NULL;"
    } else {
        "DROP TRIGGER voucher_cap;
         DROP TRIGGER voucher_used_change;
         PRAGMA ignore_check_constraints = ON;
         UPDATE voucher_grant SET used = cap + 1;
         UPDATE booking SET voucher_share = charge WHERE voucher_share IS NOT NULL;"
    };
    common::behind(&db.path, plant).unwrap();
    let s = db.open_as(&me());
    let report = check::run(&s).unwrap();
    let rules: Vec<&str> = report.invariants.iter().map(|v| v.rule).collect();
    assert!(rules.contains(&"voucher_cap"), "{rules:?}");
    assert!(rules.contains(&"booking_voucher"), "{rules:?}");
}
