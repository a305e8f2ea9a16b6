//! Bookings on real databases (a SQLite file, or PostgreSQL): the machine's rules, clashes, the state
//! machine, charges, series, quotas, downtime, and processes racing.

mod common;

use common::{TempDb, audit_count, dump};
use kiln::db::booking::{self, BookingInput};
use kiln::db::downtime::{self, DowntimeInput, OnClash};
use kiln::db::{Page, Store, company, equipment, lease, person, quota, room};
use kiln::domain::booking::{BookingState, RuleBreak, Transition};
use kiln::domain::company::CompanyInput;
use kiln::domain::equipment::EquipmentInput;
use kiln::domain::lease::LeaseInput;
use kiln::domain::person::PersonInput;
use kiln::domain::room::RoomInput;
use kiln::domain::{Field, Won};
use kiln::{Error, Refusal};

/// Runs `sql` on the database behind kiln's back, as a hand edit would;
/// the error's text if refused.
fn behind_kiln(path: &std::path::Path, sql: &str) -> Result<u64, String> {
    if common::pg::active() {
        let mut client = common::pg::admin(common::pg::name_of(path.to_str().unwrap()));
        return client.execute(sql, &[]).map_err(|e| e.as_db_error().map_or(e.to_string(), ToString::to_string));
    }
    common::sqlite::raw(path).execute(sql, []).map(|n| n as u64).map_err(|e| e.to_string())
}

/// A count read behind kiln's back.
fn count(path: &std::path::Path, sql: &str) -> i64 {
    if common::pg::active() {
        return common::pg::admin(common::pg::name_of(path.to_str().unwrap())).query_one(sql, &[]).unwrap().get(0);
    }
    common::sqlite::raw(path).query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A centre with a tenant (세라텍, in room 301), an outside company, a
/// person of each and an external one, and the FE-SEM (EQ-0002): hourly,
/// 60,000 / 90,000 won, 30-minute slots, weekdays 09–18, approval needed.
fn centre() -> (TempDb, Store) {
    let (db, mut s) = TempDb::with_admin("kim");
    company::add(
        &mut s,
        &CompanyInput {
            name: "세라텍".into(),
            brn: "124-81-00998".into(),
            admitted: "2024-03-02".into(),
            ..CompanyInput::default()
        },
    )
    .unwrap();
    company::add(
        &mut s,
        &CompanyInput {
            name: "외부소재".into(),
            brn: "220-81-62517".into(),
            zone: "bukpyeong".into(),
            ..CompanyInput::default()
        },
    )
    .unwrap();
    room::add(
        &mut s,
        &RoomInput {
            code: "301".into(),
            floor: "3".into(),
            kind: "office".into(),
            area_m2: "66.12".into(),
            rent_per_m2: None,
        },
    )
    .unwrap();
    lease::add(
        &mut s,
        &LeaseInput {
            company: "124-81-00998".into(),
            room: "301".into(),
            from: "2026-01-01".into(),
            to: "2027-07-01".into(),
            rent: "1".into(),
            fee: "1".into(),
            deposit: None,
        },
    )
    .unwrap();
    for (name, company) in [("김민수", "124-81-00998"), ("이서연", "220-81-62517"), ("박지훈", "")] {
        person::add(&mut s, &PersonInput { name: name.into(), company: company.into(), ..PersonInput::default() })
            .unwrap();
    }
    equipment::add(
        &mut s,
        &EquipmentInput {
            code: "EQ-0002".into(),
            name: "FE-SEM".into(),
            category: "analysis".into(),
            tenant_rate: "60000".into(),
            external_rate: "90000".into(),
            ..EquipmentInput::default()
        },
    )
    .unwrap();
    (db, s)
}

fn input(person: &str, from: &str, to: &str) -> BookingInput {
    BookingInput {
        equipment: "EQ-0002".into(),
        person: person.into(),
        from: from.into(),
        to: to.into(),
        ..BookingInput::default()
    }
}

fn book(s: &mut Store, person: &str, from: &str, to: &str) -> kiln::Result<booking::Booking> {
    booking::add(s, &input(person, from, to)).map(|b| b.booked[0].clone())
}

fn refusal(e: Error) -> Refusal {
    match e {
        Error::Refused(r) => r,
        other => panic!("expected a rule refusal, got {other:?}"),
    }
}

#[test]
fn each_rule_refuses_and_writes_nothing() {
    let (db, mut s) = centre();
    let before = dump(&db.path);
    let cases = [
        ("2026-11-26 08:00", "2026-11-26 09:00"),
        ("2026-11-26 10:30", "2026-11-26 11:30"),
        ("2027-03-02 09:00", "2027-03-02 10:00"),
        ("2026-12-01 09:10", "2026-12-01 10:00"),
        ("2026-12-01 09:00", "2026-12-01 17:30"),
        ("2026-12-01 17:00", "2026-12-01 19:00"),
        ("2026-12-05 10:00", "2026-12-05 11:00"),
        ("2026-12-25 10:00", "2026-12-25 11:00"),
    ];
    let mut seen = Vec::new();
    for (from, to) in cases {
        match refusal(book(&mut s, "P-0001", from, to).unwrap_err()) {
            Refusal::BookingRule(r) => seen.push(std::mem::discriminant(&r)),
            other => panic!("{from}: {other:?}"),
        }
    }
    seen.dedup();
    // Past, notice, horizon, grid, length, hours (evening and Saturday), holiday.
    assert_eq!(seen.len(), cases.len() - 1, "each case is refused by its own rule");
    let backwards = book(&mut s, "P-0001", "2026-12-01 10:00", "2026-12-01 10:00").unwrap_err();
    assert!(matches!(backwards, Error::Invalid(ref i) if i.field == Field::To), "{backwards:?}");
    let bad_time = book(&mut s, "P-0001", "2026-12-01 24:00", "2026-12-01 25:00").unwrap_err();
    assert!(matches!(bad_time, Error::Invalid(ref i) if i.field == Field::From), "{bad_time:?}");
    let nobody = book(&mut s, "P-0099", "2026-12-01 10:00", "2026-12-01 11:00").unwrap_err();
    assert!(matches!(nobody, Error::Invalid(ref i) if i.field == Field::Person), "{nobody:?}");
    assert_eq!(dump(&db.path), before);
}

#[test]
fn clashes_both_ways_touching_accepted_and_a_free_slot_suggested() {
    let (db, mut s) = centre();
    let first = book(&mut s, "P-0001", "2026-12-01 09:00", "2026-12-01 12:00").unwrap();
    assert_eq!(first.state, BookingState::Requested, "the SEM needs approval");
    let before = dump(&db.path);
    for (from, to) in [
        ("2026-12-01 11:00", "2026-12-01 13:00"),
        ("2026-12-01 09:00", "2026-12-01 09:30"),
        ("2026-12-01 10:00", "2026-12-01 11:00"),
    ] {
        match refusal(book(&mut s, "P-0002", from, to).unwrap_err()) {
            Refusal::BookingClash { clash, free } => {
                assert_eq!(clash.booking, Some(first.id));
                assert!(clash.who.contains("김민수"), "{clash:?}");
                let start = free.expect("a free slot is suggested").start().to_string();
                assert_eq!(start, "2026-12-01 12:00", "the nearest free start after {from}");
            }
            other => panic!("{other:?}"),
        }
    }
    // Booked earlier, overlapping the existing one from before.
    let from_before = refusal(book(&mut s, "P-0002", "2026-12-01 09:00", "2026-12-01 09:30").unwrap_err());
    assert!(matches!(from_before, Refusal::BookingClash { .. }));
    assert_eq!(dump(&db.path), before);
    book(&mut s, "P-0002", "2026-12-01 12:00", "2026-12-01 13:00").expect("[a, b) then [b, c) touch");
    // Cancelling frees the slot.
    booking::cancel(&mut s, &first.id.to_string(), "일정 변경").unwrap();
    book(&mut s, "P-0002", "2026-12-01 10:00", "2026-12-01 11:00").expect("the cancelled time is free");
}

#[test]
fn a_buffer_keeps_time_between_bookings() {
    let (_db, mut s) = centre();
    equipment::edit(&mut s, "EQ-0002", &EquipmentInput { buffer_minutes: "30".into(), ..EquipmentInput::default() })
        .unwrap();
    book(&mut s, "P-0001", "2026-12-01 09:00", "2026-12-01 10:00").unwrap();
    let r = refusal(book(&mut s, "P-0002", "2026-12-01 10:00", "2026-12-01 11:00").unwrap_err());
    match r {
        Refusal::BookingClash { free: Some(free), .. } => assert_eq!(free.start().to_string(), "2026-12-01 10:30"),
        other => panic!("{other:?}"),
    }
    book(&mut s, "P-0002", "2026-12-01 10:30", "2026-12-01 11:30").unwrap();
}

#[test]
fn the_schema_refuses_an_overlap_behind_kiln() {
    let (db, mut s) = centre();
    book(&mut s, "P-0001", "2026-12-01 09:00", "2026-12-01 12:00").unwrap();
    let insert = |state: &str| {
        behind_kiln(
            &db.path,
            &format!(
                "INSERT INTO booking (equipment_id, person_id, company_id, party_id, start, \"end\", state, created_at, created_by)
                 SELECT 1, person_id, company_id, party_id, '2026-12-01 11:30', '2026-12-01 12:30', '{state}',
                        '2026-11-26 10:00', 'x'
                   FROM booking WHERE id = (SELECT min(id) FROM booking)"
            ),
        )
    };
    let err = insert("approved").unwrap_err();
    assert!(err.contains("booking_overlap"), "{err}");
    insert("cancelled").expect("an inactive booking holds no time");
}

#[test]
fn the_state_machine_refuses_illegal_moves() {
    let (db, mut s) = centre();
    let b = book(&mut s, "P-0001", "2026-12-01 09:00", "2026-12-01 12:00").unwrap();
    let id = b.id.to_string();
    let before = dump(&db.path);
    for (result, action) in [
        (booking::check_in(&mut s, &id, None), Transition::CheckIn),
        (booking::check_out(&mut s, &id, None, None), Transition::CheckOut),
        (booking::no_show(&mut s, &id), Transition::NoShow),
    ] {
        match refusal(result.unwrap_err()) {
            Refusal::IllegalTransition { state: BookingState::Requested, action: a, .. } => assert_eq!(a, action),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(dump(&db.path), before);
    booking::approve(&mut s, &id).unwrap();
    assert!(matches!(refusal(booking::approve(&mut s, &id).unwrap_err()), Refusal::IllegalTransition { .. }));
    assert!(matches!(refusal(booking::reject(&mut s, &id, "").unwrap_err()), Refusal::IllegalTransition { .. }));
    let unknown = booking::approve(&mut s, "999").unwrap_err();
    assert!(matches!(unknown, Error::Invalid(ref i) if i.field == Field::Booking));
}

#[test]
fn charges_come_from_actual_use_at_the_right_rate() {
    let (_db, mut s) = centre();
    let tenant = book(&mut s, "P-0001", "2026-12-01 09:00", "2026-12-01 12:00").unwrap();
    let outsider = book(&mut s, "P-0002", "2026-12-02 09:00", "2026-12-02 12:00").unwrap();
    let audits = audit_count(s.path());
    for b in [&tenant, &outsider] {
        booking::approve(&mut s, &b.id.to_string()).unwrap();
    }
    // Two days on: use is recorded once it has happened.
    let mut later = common::open_at(s.path(), "kim", "2026-12-02 13:00");
    let t = booking::check_in(&mut later, &tenant.id.to_string(), Some("2026-12-01 09:05")).unwrap();
    assert_eq!(
        (t.state, t.actual_start.map(|m| m.to_string()).as_deref()),
        (BookingState::InUse, Some("2026-12-01 09:05"))
    );
    let t = booking::check_out(&mut later, &tenant.id.to_string(), Some("2026-12-01 11:20"), Some("3")).unwrap();
    // 2 h 15 min of use, rounded up to the 30-minute slot: 2.5 h at the tenant rate.
    assert_eq!(
        (t.state, t.billed_minutes, t.rate, t.charge),
        (BookingState::Completed, Some(150), Some(Won(60_000)), Some(Won(150_000)))
    );
    booking::check_in(&mut later, &outsider.id.to_string(), Some("2026-12-02 09:00")).unwrap();
    let o = booking::check_out(&mut later, &outsider.id.to_string(), Some("2026-12-02 10:00"), None).unwrap();
    assert_eq!((o.rate, o.charge), (Some(Won(90_000)), Some(Won(90_000))), "no lease: the external rate");
    assert_eq!(audit_count(s.path()), audits + 6, "every move audited");
    // Samples: a machine billed per sample.
    equipment::add(
        &mut s,
        &EquipmentInput {
            code: "EQ-0003".into(),
            name: "입도분석기".into(),
            category: "analysis".into(),
            billing_unit: "sample".into(),
            tenant_rate: "15000".into(),
            needs_approval: "no".into(),
            ..EquipmentInput::default()
        },
    )
    .unwrap();
    let b = booking::add(
        &mut s,
        &BookingInput {
            equipment: "EQ-0003".into(),
            samples: "4".into(),
            ..input("P-0001", "2026-12-01 09:00", "2026-12-01 10:00")
        },
    )
    .unwrap()
    .booked[0]
        .clone();
    assert_eq!(b.state, BookingState::Approved, "no approval needed");
    booking::check_in(&mut later, &b.id.to_string(), Some("2026-12-01 09:00")).unwrap();
    let b = booking::check_out(&mut later, &b.id.to_string(), Some("2026-12-01 09:40"), Some("5")).unwrap();
    assert_eq!(b.charge, Some(Won(75_000)), "five samples at 15,000");
}

#[test]
fn a_weekly_series_checks_every_week() {
    let (db, mut s) = centre();
    book(&mut s, "P-0002", "2026-12-15 09:00", "2026-12-15 10:00").unwrap();
    let before = dump(&db.path);
    let series = BookingInput { weeks: "8".into(), ..input("P-0001", "2026-12-01 09:00", "2026-12-01 12:00") };
    match refusal(booking::add(&mut s, &series).unwrap_err()) {
        // The 15th clashes; 12-29 is fine; 2027-01-19 and 01-26 are fine; past the horizon (01-25) they are refused.
        Refusal::SeriesClashes { clashes } => assert!(clashes.contains(&"2026-12-15 09:00".to_owned()), "{clashes:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(dump(&db.path), before, "all or nothing");
    let out = booking::add(&mut s, &BookingInput { book_free: true, ..series }).unwrap();
    assert!(out.skipped.iter().any(|x| x.period.start().to_string() == "2026-12-15 09:00"));
    assert_eq!(out.booked.len() + out.skipped.len(), 8);
    let series_id = out.booked[0].id;
    assert!(out.booked.iter().all(|b| b.series == Some(series_id) || b.id == series_id && b.series.is_none()));
}

#[test]
fn a_quota_needs_an_override_with_a_reason() {
    let (_db, mut s) = centre();
    quota::set(&mut s, "124-81-00998", "EQ-0002", "4").unwrap();
    book(&mut s, "P-0001", "2026-12-01 09:00", "2026-12-01 12:00").unwrap();
    match refusal(book(&mut s, "P-0001", "2026-12-02 09:00", "2026-12-02 11:00").unwrap_err()) {
        Refusal::QuotaExceeded { quota_hours: 4, used_minutes: 180, asking_minutes: 120, .. } => {}
        other => panic!("{other:?}"),
    }
    let b = booking::add(
        &mut s,
        &BookingInput {
            override_quota: Some("납기 임박".into()),
            ..input("P-0001", "2026-12-02 09:00", "2026-12-02 11:00")
        },
    )
    .unwrap();
    assert!(b.booked[0].note.as_deref().unwrap_or_default().contains("납기 임박"));
    // Another month starts afresh.
    book(&mut s, "P-0001", "2027-01-05 09:00", "2027-01-05 12:00").unwrap();
}

#[test]
fn downtime_lists_what_it_hits_and_never_deletes_silently() {
    let (db, mut s) = centre();
    let a = book(&mut s, "P-0001", "2026-12-01 09:00", "2026-12-01 11:00").unwrap();
    let b = book(&mut s, "P-0002", "2026-12-01 13:00", "2026-12-01 14:00").unwrap();
    let fault = DowntimeInput {
        equipment: "EQ-0002".into(),
        from: "2026-12-01 10:00".into(),
        to: "2026-12-01 18:00".into(),
        reason: "fault".into(),
        note: "전자총 이상".into(),
    };
    // Held: it waits, and the bookings stay.
    let held = downtime::add(&mut s, &fault, &OnClash::Hold).unwrap();
    assert_eq!(held.downtime.state, "pending");
    assert_eq!(held.affected_bookings.iter().map(|x| x.id).collect::<Vec<_>>(), vec![a.id, b.id]);
    // Nobody can book into it meanwhile.
    assert!(matches!(
        refusal(book(&mut s, "P-0003", "2026-12-01 15:00", "2026-12-01 16:00").unwrap_err()),
        Refusal::BookingClash { .. }
    ));
    // A second downtime over it is refused.
    let again = downtime::add(&mut s, &fault, &OnClash::Hold).unwrap_err();
    assert!(matches!(refusal(again), Refusal::DowntimeOverlap { .. }));
    // Moving (here: cancelling) the bookings starts it.
    booking::cancel(&mut s, &a.id.to_string(), "옮김").unwrap();
    let list = downtime::list(&s, Some("EQ-0002"), Page::ALL_FOR_CLI).unwrap();
    assert_eq!(list[0].state, "pending", "one booking is still in the way");
    booking::cancel(&mut s, &b.id.to_string(), "옮김").unwrap();
    let list = downtime::list(&s, Some("EQ-0002"), Page::ALL_FOR_CLI).unwrap();
    assert_eq!(list[0].state, "active");
    // Cancelling on creation records why.
    let c = book(&mut s, "P-0001", "2026-12-02 09:00", "2026-12-02 10:00").unwrap();
    let cal = DowntimeInput {
        from: "2026-12-02 09:00".into(),
        to: "2026-12-02 12:00".into(),
        reason: "calibration".into(),
        ..fault
    };
    let out = downtime::add(&mut s, &cal, &OnClash::Cancel { reason: "연간 교정".into() }).unwrap();
    assert_eq!(out.downtime.state, "active");
    let c = booking::show(&s, &c.id.to_string()).unwrap();
    assert_eq!(c.state, BookingState::Cancelled);
    assert!(c.note.unwrap_or_default().contains("연간 교정"));
    assert_eq!(count(&db.path, "SELECT count(*) FROM booking"), 3, "nothing deleted");
}

#[test]
fn unclaimed_bookings_become_no_shows_after_the_grace() {
    let (db, mut s) = centre();
    let b = book(&mut s, "P-0001", "2026-11-26 11:00", "2026-11-26 12:00").unwrap();
    booking::approve(&mut s, &b.id.to_string()).unwrap();
    let later = |at: &str| {
        Store::open_as(
            &db.path,
            "kim",
            std::sync::Arc::new(kiln::domain::FixedClock(kiln::domain::Minute::parse(at).unwrap())),
        )
        .unwrap()
    };
    assert!(booking::mark_no_shows(&mut later("2026-11-26 11:20"), 30).unwrap().is_empty(), "within the grace");
    let marked = booking::mark_no_shows(&mut later("2026-11-26 11:31"), 30).unwrap();
    assert_eq!(marked.iter().map(|x| (x.id, x.state)).collect::<Vec<_>>(), vec![(b.id, BookingState::NoShow)]);
}

#[test]
fn holidays_and_closed_days_are_not_bookable() {
    let (_db, mut s) = centre();
    kiln::db::calendar::add_closed_day(&mut s, "2026-12-31", "종무식").unwrap();
    match refusal(book(&mut s, "P-0001", "2026-12-31 10:00", "2026-12-31 11:00").unwrap_err()) {
        Refusal::BookingRule(RuleBreak::Closed { name, .. }) => assert_eq!(name, "종무식"),
        other => panic!("{other:?}"),
    }
    let dup = kiln::db::calendar::add_closed_day(&mut s, "2026-12-31", "다른 이름").unwrap_err();
    assert!(matches!(refusal(dup), Refusal::Duplicate { .. }));
    let days = kiln::db::calendar::year(&s, 2026).unwrap();
    assert!(days.iter().any(|d| d.date.to_string() == "2026-12-31" && d.kind == "closed"));
    assert!(days.iter().any(|d| d.date.to_string() == "2026-09-25" && d.name == "추석"));
}

#[test]
fn racing_processes_book_each_slot_once_without_busy_errors() {
    let (db, mut s) = centre();
    // The processes run as this OS account: make it an equipment manager.
    kiln::db::operator::add(&mut s, &whoami::username().unwrap(), "equipment-manager").unwrap();
    drop(s);
    let bin = env!("CARGO_BIN_EXE_kiln");
    let slots: Vec<(String, String)> =
        (0..9).map(|h| (format!("2026-12-01 {:02}:00", 9 + h), format!("2026-12-01 {:02}:00", 10 + h))).collect();
    let racers: Vec<_> = (0..6)
        .map(|p| {
            let path = db.path.clone();
            let slots = slots.clone();
            std::thread::spawn(move || {
                slots
                    .iter()
                    .map(|(from, to)| {
                        std::process::Command::new(bin)
                            .env("KILN_NOW", common::NOW)
                            .env("LANG", "en_US.UTF-8")
                            .args([
                                "--db",
                                path.to_str().unwrap(),
                                "booking",
                                "add",
                                "--equipment",
                                "EQ-0002",
                                "--person",
                                &format!("P-000{}", p % 3 + 1),
                                "--from",
                                from,
                                "--to",
                                to,
                            ])
                            .output()
                            .unwrap()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let outputs: Vec<_> = racers.into_iter().flat_map(|r| r.join().unwrap()).collect();
    let wins = outputs.iter().filter(|o| o.status.success()).count();
    assert_eq!(wins, slots.len(), "exactly one winner per slot");
    for o in outputs.iter().filter(|o| !o.status.success()) {
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "a clean rule refusal: {err}");
        assert!(err.contains("overlaps") && !err.contains("locked") && !err.contains("busy"), "{err}");
    }
    let s = db.open_as("kim");
    let all = booking::list(&s, &booking::BookingFilter::default(), Page::ALL_FOR_CLI).unwrap();
    assert_eq!(all.len(), slots.len());
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert!(!a.period().unwrap().overlaps(&b.period().unwrap()));
        }
    }
}

/// A past booking as long as any machine may allow (two weeks) shows in a
/// week calendar that begins just before it ends; one longer is refused
/// when recorded, naming the end and the latest it may be, and nothing is
/// written: the calendar's seek back two weeks finds every booking kiln
/// lets in.
#[test]
fn the_longest_booking_shows_in_the_calendar_and_a_longer_one_is_refused() {
    use kiln::domain::{Minute, Period, Problem};
    let (db, mut s) = centre();
    let at = |t: &str| Minute::parse(t).unwrap();
    let past = |from: &str, to: &str| booking::PastBooking {
        equipment: "EQ-0002".into(),
        person: "P-0001".into(),
        party: String::new(),
        period: Period::new(at(from), at(to)).unwrap(),
        state: BookingState::Completed,
        purpose: String::new(),
        samples: 0,
        actual: None,
    };
    assert_eq!(booking::record(&mut s, &[past("2026-10-01 09:00", "2026-10-15 09:00")]).unwrap(), 1);
    let eq = equipment::show(&s, "EQ-0002").unwrap();
    let week = Period::new(at("2026-10-15 00:00"), at("2026-10-22 00:00")).unwrap();
    let shown = booking::calendar(&s, eq.id, &week).unwrap();
    assert_eq!(shown.len(), 1, "begun 14 days before the week ends in it");
    let before = dump(&db.path);
    let e = booking::record(&mut s, &[past("2026-09-01 09:00", "2026-09-15 09:30")]).unwrap_err();
    match e {
        Error::Invalid(i) => {
            assert_eq!((i.field, i.problem), (Field::To, Problem::NotAfter { latest: "2026-09-15 09:00".into() }));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(dump(&db.path), before, "nothing written");
}
