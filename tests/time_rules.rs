//! Time is a rule (issue 15) on real databases (SQLite and PostgreSQL): when check-in and
//! check-out may be recorded, one use of a machine at a time, overruns,
//! walk-ins, corrections, attendance and completion, settings, and the
//! check rules behind them with planted violations.

mod common;

use common::{TempDb, dump, open_at};
use kiln::db::booking::{self, Booking, BookingInput};
use kiln::db::{Store, check, equipment, person, setting};
use kiln::domain::booking::BookingState;
use kiln::domain::equipment::EquipmentInput;
use kiln::domain::person::PersonInput;
use kiln::domain::setting::SettingKey;
use kiln::domain::{Field, Problem, Won};
use kiln::i18n::Lang;
use kiln::{Error, Refusal};

/// A count read behind kiln's back.
fn count(path: &std::path::Path, sql: &str) -> i64 {
    if common::pg::active() {
        return common::pg::admin(common::pg::name_of(path.to_str().unwrap())).query_one(sql, &[]).unwrap().get(0);
    }
    common::sqlite::raw(path).query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A centre with two people and the XRD (EQ-0001): hourly at 60,000 won
/// (no company: the external rate, 60,000 too), 30-minute slots, weekdays
/// 09–18, no approval needed. The clock is 2026-11-26 10:00.
fn centre() -> (TempDb, Store) {
    let (db, mut s) = TempDb::with_admin("kim");
    for name in ["김민수", "이서연"] {
        person::add(&mut s, &PersonInput { name: name.into(), ..PersonInput::default() }).unwrap();
    }
    equipment::add(
        &mut s,
        &EquipmentInput {
            code: "EQ-0001".into(),
            name: "XRD".into(),
            category: "analysis".into(),
            tenant_rate: "60000".into(),
            external_rate: "60000".into(),
            needs_approval: "no".into(),
            ..EquipmentInput::default()
        },
    )
    .unwrap();
    (db, s)
}

fn book(s: &mut Store, person: &str, from: &str, to: &str) -> Booking {
    let input = BookingInput {
        equipment: "EQ-0001".into(),
        person: person.into(),
        from: from.into(),
        to: to.into(),
        ..BookingInput::default()
    };
    booking::add(s, &input).unwrap().booked[0].clone()
}

fn refusal(e: Error) -> Refusal {
    match e {
        Error::Refused(r) => r,
        other => panic!("expected a rule refusal, got {other:?}"),
    }
}

fn invalid(e: Error) -> kiln::domain::Invalid {
    match e {
        Error::Invalid(i) => i,
        other => panic!("expected bad input, got {other:?}"),
    }
}

#[test]
fn check_in_waits_for_the_window_and_ends_with_the_booking() {
    let (db, mut s) = centre();
    let b = book(&mut s, "P-0001", "2026-12-01 10:00", "2026-12-01 12:00");
    let id = b.id.to_string();
    let before = dump(&db.path);
    // Days ahead (the case), and a minute before the 30-minute window.
    for (now, at) in
        [("2026-11-26 10:00", None), ("2026-12-01 09:29", None), ("2026-12-01 12:30", Some("2026-12-01 12:00"))]
    {
        let mut t = open_at(&db.path, "kim", now);
        match refusal(booking::check_in(&mut t, &id, at).unwrap_err()) {
            Refusal::CheckInWindow { from, until, .. } => {
                assert_eq!((from.as_str(), until.as_str()), ("2026-12-01 09:30", "2026-12-01 12:00"));
            }
            other => panic!("{now}: {other:?}"),
        }
    }
    // A moment ahead of the clock beyond the five minutes' tolerance is bad input naming the time.
    let mut t = open_at(&db.path, "kim", "2026-12-01 09:40");
    let i = invalid(booking::check_in(&mut t, &id, Some("2026-12-01 09:46")).unwrap_err());
    assert_eq!((i.field, i.problem), (Field::Time, Problem::NotAfter { latest: "2026-12-01 09:45".into() }));
    assert_eq!(dump(&db.path), before, "refusals change nothing");
    // The window opens at 09:30; within the tolerance the clock's minute is recorded.
    let b = booking::check_in(&mut t, &id, Some("2026-12-01 09:44")).unwrap();
    assert_eq!(b.state, BookingState::InUse);
    assert_eq!(
        (b.actual_start.map(|m| m.to_string()).as_deref(), b.checked_in_at.map(|m| m.to_string()).as_deref()),
        (Some("2026-12-01 09:40"), Some("2026-12-01 09:40"))
    );
}

#[test]
fn check_out_lies_between_check_in_and_the_clock() {
    let (db, mut s) = centre();
    let b = book(&mut s, "P-0001", "2026-12-01 10:00", "2026-12-01 12:00");
    let id = b.id.to_string();
    let mut t = open_at(&db.path, "kim", "2026-12-01 10:00");
    booking::check_in(&mut t, &id, None).unwrap();
    let mut t = open_at(&db.path, "kim", "2026-12-01 11:00");
    let before = dump(&db.path);
    // The case: a check-out later than now is refused, not billed.
    let i = invalid(booking::check_out(&mut t, &id, Some("2026-12-01 23:30"), None).unwrap_err());
    assert_eq!(i.field, Field::Time);
    let i = invalid(booking::check_out(&mut t, &id, Some("2026-12-01 09:50"), None).unwrap_err());
    assert_eq!(i.problem, Problem::NotBefore { earliest: "2026-12-01 10:01".into() });
    assert_eq!(dump(&db.path), before);
    let b = booking::check_out(&mut t, &id, None, None).unwrap();
    assert_eq!(
        (b.actual_end.map(|m| m.to_string()).as_deref(), b.checked_out_at.map(|m| m.to_string()).as_deref()),
        (Some("2026-12-01 11:00"), Some("2026-12-01 11:00"))
    );
    assert_eq!(b.charge, Some(Won(60_000)));
    assert!(check::run(&t).unwrap().is_clean());
}

#[test]
fn a_machine_in_use_refuses_a_second_check_in_and_an_overrun_is_recorded() {
    let (db, mut s) = centre();
    let first = book(&mut s, "P-0001", "2026-12-01 10:00", "2026-12-01 11:00");
    let next = book(&mut s, "P-0002", "2026-12-01 11:00", "2026-12-01 12:00");
    let mut t = open_at(&db.path, "kim", "2026-12-01 10:00");
    booking::check_in(&mut t, &first.id.to_string(), None).unwrap();
    // 11:05: the first is still at the machine; the next cannot start, and is told by whom.
    let mut t = open_at(&db.path, "kim", "2026-12-01 11:05");
    let before = dump(&db.path);
    match refusal(booking::check_in(&mut t, &next.id.to_string(), None).unwrap_err()) {
        Refusal::MachineInUse { booking, who, since, until, .. } => {
            assert_eq!((booking, since.as_str(), until), (Some(first.id), "2026-12-01 10:00", None));
            assert!(who.contains("김민수"), "{who}");
        }
        other => panic!("{other:?}"),
    }
    // Nor is the waiting booking marked a no-show while the machine is busy.
    assert!(booking::mark_no_shows(&mut t, 0).unwrap().is_empty());
    assert_eq!(dump(&db.path), before);
    // The overrun is recorded, never refused, and names the booking it ran into.
    let done = booking::check_out(&mut t, &first.id.to_string(), None, None).unwrap();
    assert_eq!((done.state, done.overran), (BookingState::Completed, Some(next.id)));
    assert_eq!(booking::show(&t, &first.id.to_string()).unwrap().overran, Some(next.id));
    // Back-dating the next check-in into the first's use is refused too.
    match refusal(booking::check_in(&mut t, &next.id.to_string(), Some("2026-12-01 11:00")).unwrap_err()) {
        Refusal::MachineInUse { until, .. } => assert_eq!(until.as_deref(), Some("2026-12-01 11:05")),
        other => panic!("{other:?}"),
    }
    booking::check_in(&mut t, &next.id.to_string(), None).unwrap();
    assert!(check::run(&t).unwrap().is_clean());
}

#[test]
fn a_walk_in_books_from_now_without_notice_and_is_in_use_at_once() {
    let (db, mut s) = centre();
    equipment::edit(&mut s, "EQ-0001", &EquipmentInput { notice_minutes: "1440".into(), ..EquipmentInput::default() })
        .unwrap();
    let mut t = open_at(&db.path, "kim", "2026-12-01 10:07");
    let input = BookingInput { equipment: "EQ-0001".into(), person: "P-0001".into(), ..BookingInput::default() };
    // Without a reason it is refused, naming the reason.
    assert_eq!(invalid(booking::walk_in(&mut t, &input, " ").unwrap_err()).field, Field::Reason);
    let b = booking::walk_in(&mut t, &input, "시료 급히 확인").unwrap();
    assert_eq!(b.state, BookingState::InUse);
    assert_eq!((b.start.to_string().as_str(), b.end.to_string().as_str()), ("2026-12-01 10:07", "2026-12-01 11:00"));
    assert_eq!(b.actual_start.map(|m| m.to_string()).as_deref(), Some("2026-12-01 10:07"));
    assert!(b.note.as_deref().is_some_and(|n| n.contains("시료 급히 확인")), "{:?}", b.note);
    // A second walk-in while the machine is booked and in use is refused.
    let again = BookingInput { person: "P-0002".into(), ..input.clone() };
    assert!(matches!(refusal(booking::walk_in(&mut t, &again, "또").unwrap_err()), Refusal::BookingClash { .. }));
    // An ordinary booking of the same moment keeps the notice rule.
    let ordinary = BookingInput { from: "2026-12-01 11:00".into(), to: "2026-12-01 12:00".into(), ..again };
    assert!(matches!(refusal(booking::add(&mut t, &ordinary).unwrap_err()), Refusal::BookingRule(_)));
}

#[test]
fn an_admin_corrects_recorded_times_at_the_rate_first_recorded() {
    let (db, mut s) = centre();
    kiln::db::operator::add(&mut s, "lee", "equipment-manager").unwrap();
    let b = book(&mut s, "P-0001", "2026-12-01 10:00", "2026-12-01 12:00");
    let id = b.id.to_string();
    let mut t = open_at(&db.path, "kim", "2026-12-01 10:00");
    booking::check_in(&mut t, &id, None).unwrap();
    let mut t = open_at(&db.path, "kim", "2026-12-01 11:00");
    booking::check_out(&mut t, &id, None, None).unwrap();
    // The rate changes afterwards; a correction keeps the recorded one.
    equipment::edit(&mut t, "EQ-0001", &EquipmentInput { external_rate: "99000".into(), ..EquipmentInput::default() })
        .unwrap();
    let mut lee = open_at(&db.path, "lee", "2026-12-01 15:00");
    let before = dump(&db.path);
    assert!(matches!(
        refusal(booking::correct(&mut lee, &id, None, Some("2026-12-01 11:30"), "퇴실 누락").unwrap_err()),
        Refusal::NotPermitted { .. }
    ));
    let mut kim = open_at(&db.path, "kim", "2026-12-01 15:00");
    for (to, field) in [("2026-12-01 16:00", Field::To), ("2026-12-01 09:00", Field::To)] {
        assert_eq!(invalid(booking::correct(&mut kim, &id, None, Some(to), "x").unwrap_err()).field, field);
    }
    assert_eq!(
        invalid(booking::correct(&mut kim, &id, None, Some("2026-12-01 11:30"), "").unwrap_err()).field,
        Field::Reason
    );
    assert_eq!(dump(&db.path), before);
    let after = booking::correct(&mut kim, &id, None, Some("2026-12-01 11:30"), "퇴실 기록 누락").unwrap();
    assert_eq!((after.billed_minutes, after.rate, after.charge), (Some(90), Some(Won(60_000)), Some(Won(90_000))));
    assert_eq!(after.corrected_at.map(|m| m.to_string()).as_deref(), Some("2026-12-01 15:00"));
    let why = if common::pg::active() {
        common::pg::admin(common::pg::name_of(db.path.to_str().unwrap()))
            .query_one("SELECT after::json->>'reason' FROM audit_log WHERE action = 'correct'", &[])
            .unwrap()
            .get::<_, String>(0)
    } else {
        common::sqlite::raw(&db.path)
            .query_row("SELECT json_extract(after, '$.reason') FROM audit_log WHERE action = 'correct'", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(why, "퇴실 기록 누락");
    assert!(check::run(&kim).unwrap().is_clean());
}

#[test]
fn settings_are_typed_audited_and_a_machine_may_have_its_own_window() {
    let (db, mut s) = centre();
    assert_eq!(setting::centre(&s, SettingKey::CheckInWindow).unwrap(), 30);
    let before = dump(&db.path);
    for (key, value, eq, field) in [
        ("check-in-window", "", None, Field::CheckInWindow),
        ("check-in-window", "241", None, Field::CheckInWindow),
        ("clock-tolerance", "-1", None, Field::ClockTolerance),
        ("window", "10", None, Field::Setting),
        ("lease-term", "24", Some("EQ-0001"), Field::Equipment),
        ("check-in-window", "10", Some("EQ-0099"), Field::Equipment),
    ] {
        assert_eq!(invalid(setting::set(&mut s, key, value, eq).unwrap_err()).field, field, "{key} {value}");
    }
    kiln::db::operator::add(&mut s, "lee", "equipment-manager").unwrap();
    let before_lee = dump(&db.path);
    let mut lee = db.open_as("lee");
    assert!(matches!(
        refusal(setting::set(&mut lee, "clock-tolerance", "10", None).unwrap_err()),
        Refusal::NotPermitted { .. }
    ));
    assert_eq!(dump(&db.path), before_lee);
    assert_ne!(before, before_lee, "only the operator was added");
    let row = setting::set(&mut s, "check-in-window", "10", Some("EQ-0001")).unwrap();
    assert_eq!((row.value, row.equipment.as_deref()), (10, Some("EQ-0001")));
    let list = setting::list(&s).unwrap();
    assert_eq!(list.len(), SettingKey::ALL.len() + 1);
    assert!(list.iter().any(|r| r.key == SettingKey::CheckInWindow && r.equipment.is_none() && r.value == 30));
    // The machine's own window: 09:45 is too early for a 10:00 booking now.
    let b = book(&mut s, "P-0001", "2026-12-01 10:00", "2026-12-01 12:00");
    let mut t = open_at(&db.path, "kim", "2026-12-01 09:45");
    assert!(matches!(
        refusal(booking::check_in(&mut t, &b.id.to_string(), None).unwrap_err()),
        Refusal::CheckInWindow { .. }
    ));
    assert_eq!(count(&db.path, "SELECT count(*) FROM audit_log WHERE entity = 'setting'"), 1);
}

/// Each time rule `kiln check` knows, broken behind kiln's back.
#[test]
fn check_finds_each_planted_violation_of_time() {
    let (db, mut s) = centre();
    let a = book(&mut s, "P-0001", "2026-12-01 10:00", "2026-12-01 11:00");
    let b = book(&mut s, "P-0002", "2026-12-01 11:00", "2026-12-01 12:00");
    let mut t = open_at(&db.path, "kim", "2026-12-01 10:00");
    booking::check_in(&mut t, &a.id.to_string(), None).unwrap();
    t = open_at(&db.path, "kim", "2026-12-01 11:00");
    booking::check_out(&mut t, &a.id.to_string(), None, None).unwrap();
    booking::check_in(&mut t, &b.id.to_string(), None).unwrap();
    assert!(check::run(&t).unwrap().is_clean());
    // PostgreSQL copies a database only while no one is connected to it.
    drop((s, t));
    let plants = [
        (
            "actual_after_recorded",
            format!("UPDATE booking SET checked_out_at = '2026-12-01 10:30' WHERE id = {}", a.id),
        ),
        (
            "check_out_before_check_in",
            format!("UPDATE booking SET checked_out_at = '2026-12-01 09:00' WHERE id = {}", a.id),
        ),
        ("actual_overlap", format!("UPDATE booking SET actual_end = '2026-12-01 11:30' WHERE id = {}", a.id)),
        (
            "setting_value",
            "INSERT INTO setting VALUES ('clock-tolerance', NULL, 'lots', '2026-12-01 11:00', 'x')".to_owned(),
        ),
    ];
    if common::pg::active() {
        for (rule, sql) in plants {
            let copy = TempDb::copy_of(&db.path);
            // Around kiln: its triggers off and the machine's actual-use
            // exclusion dropped, as a superuser in psql could.
            common::pg::exec(
                copy.path.to_str().unwrap(),
                &format!(
                    "SET session_replication_role = replica; ALTER TABLE booking DROP CONSTRAINT actual_overlap; {sql}"
                ),
            );
            let found = check::run(&copy.open_as("kim")).unwrap();
            assert!(found.invariants.iter().any(|v| v.rule == rule), "{rule}: {found:?}");
        }
        return;
    }
    for (rule, sql) in plants {
        let copy = TempDb::new();
        common::sqlite::raw(&db.path).execute("VACUUM INTO ?1", [copy.path.to_str().unwrap()]).unwrap();
        // Around kiln: its triggers would refuse these writes.
        common::sqlite::exec(
            &copy.path,
            &format!(
                "PRAGMA recursive_triggers = OFF; DROP TRIGGER IF EXISTS booking_moment_not_future_on_update; DROP TRIGGER IF EXISTS booking_actual_no_overlap_on_update; {sql}"
            ),
        );
        let found = check::run(&copy.open_as("kim")).unwrap();
        assert!(found.invariants.iter().any(|v| v.rule == rule), "{rule}: {found:?}");
    }
}

/// Attendance for a session not yet started, a mark for someone not in the
/// cohort, and completing a cohort before its last session: each refused,
/// saying exactly that; the demo stays clean and a planted early mark is found.
#[test]
fn attendance_and_completion_wait_for_the_sessions() {
    let (db, mut s) = TempDb::demo();
    assert!(check::run(&s).unwrap().is_clean(), "the demo keeps the time rules");
    let running = kiln::db::training::cohorts(&s, None)
        .unwrap()
        .into_iter()
        .find(|c| c.completed_on.is_none() && c.enrolled > 0)
        .expect("a running cohort");
    let reference = running.reference();
    let grid = kiln::db::training::grid(&s, &reference).unwrap();
    let sessions = &grid.sessions;
    let now = s.now().to_string();
    let future = sessions.iter().find(|x| x.start > s.now()).expect("a session ahead");
    let past = sessions.iter().find(|x| x.start <= s.now()).expect("a session held");
    let seated = grid
        .rows
        .iter()
        .map(|r| r.enrolment.clone())
        .find(|e| e.status == kiln::domain::EnrolmentStatus::Enrolled)
        .unwrap();
    let before = dump(&db.path);
    let r = refusal(
        kiln::db::training::attend(&mut s, &reference, &future.number.to_string(), &seated.person, "present")
            .unwrap_err(),
    );
    assert!(matches!(r, Refusal::SessionNotStarted { ref start, .. } if *start == future.start.to_string()), "{r:?}");
    let outsider = person::add(
        &mut open_at(&db.path, "kim", &now),
        &PersonInput { name: "외부인".into(), ..PersonInput::default() },
    )
    .unwrap();
    let after_person = dump(&db.path);
    let r = refusal(
        kiln::db::training::attend(&mut s, &reference, &past.number.to_string(), &outsider.code, "present")
            .unwrap_err(),
    );
    assert!(matches!(r, Refusal::NotEnrolled { .. }), "{r:?}");
    assert!(kiln::i18n::errors::refusal(&r, Lang::En).contains("is not enrolled in"), "{r:?}");
    let today = s.now().date().to_string();
    let r = refusal(kiln::db::training::complete(&mut s, &reference, &today).unwrap_err());
    assert!(matches!(r, Refusal::CohortNotOver { .. }), "{r:?}");
    assert_eq!(dump(&db.path), after_person);
    assert_ne!(before, after_person);
    kiln::db::training::attend(&mut s, &reference, &past.number.to_string(), &seated.person, "late").unwrap();
    // Planted: a mark recorded before its session began.
    if common::pg::active() {
        common::pg::exec(
            db.path.to_str().unwrap(),
            "SET session_replication_role = replica;
             UPDATE attendance SET recorded_at = '2000-01-01 00:00'
              WHERE (session_id, enrolment_id) = (SELECT session_id, enrolment_id FROM attendance
                                                   ORDER BY session_id, enrolment_id LIMIT 1);",
        );
    } else {
        common::sqlite::exec(
            &db.path,
            "DROP TRIGGER attendance_after_start_on_update;
             UPDATE attendance SET recorded_at = '2000-01-01 00:00' WHERE rowid = (SELECT min(rowid) FROM attendance);",
        );
    }
    let found = check::run(&s).unwrap();
    assert!(found.invariants.iter().any(|v| v.rule == "attendance_before_session"), "{found:?}");
}

/// Migration 5 fills the recorded moments of rows checked in and out before
/// it from the audit log.
#[test]
fn migration_5_fills_recorded_moments_from_the_audit_log() {
    // SQLite only: a file of schema 4 is replayed through migrations 5 and 6;
    // kiln makes PostgreSQL databases at schema 6, so none of schema 4 exists.
    if common::pg::active() {
        return;
    }
    let (db, mut s) = centre();
    let b = book(&mut s, "P-0001", "2026-12-01 10:00", "2026-12-01 12:00");
    let mut t = open_at(&db.path, "kim", "2026-12-01 10:02");
    booking::check_in(&mut t, &b.id.to_string(), Some("2026-12-01 10:00")).unwrap();
    let mut t = open_at(&db.path, "kim", "2026-12-01 11:30");
    booking::check_out(&mut t, &b.id.to_string(), Some("2026-12-01 11:25"), None).unwrap();
    drop((s, t));
    {
        // As a file of schema 4 had it: no moments recorded.
        common::sqlite::exec(
            &db.path,
            "DROP TRIGGER booking_moment_not_future_on_update;
             UPDATE booking SET checked_in_at = NULL, checked_out_at = NULL; PRAGMA user_version = 4;",
        );
    }
    let s = db.open_as("kim");
    let b = booking::show(&s, &b.id.to_string()).unwrap();
    assert_eq!(
        (b.checked_in_at.map(|m| m.to_string()).as_deref(), b.checked_out_at.map(|m| m.to_string()).as_deref()),
        (Some("2026-12-01 10:02"), Some("2026-12-01 11:30"))
    );
    assert!(check::run(&s).unwrap().is_clean());
}
