//! Two terminals, one database: real `kiln` processes racing on one database for
//! many rounds over bookings, seats and leases at once (tests/bookings.rs
//! races bookings alone), the interface noticing another process's write
//! without losing a form being typed, and the file modes a shared server needs.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Barrier};

use common::TempDb;
use common::tui::{key, press, screen, type_text};
use kiln::db::booking::{self, BookingFilter};
use kiln::db::{Page, Store, company, equipment, lease, person, room, training};
use kiln::domain::booking::BookingState;
use kiln::domain::company::CompanyInput;
use kiln::domain::equipment::EquipmentInput;
use kiln::domain::lease::LeaseInput;
use kiln::domain::person::PersonInput;
use kiln::domain::room::RoomInput;
use kiln::domain::training::{CohortInput, CourseInput};
use kiln::domain::{EnrolmentStatus, Field, Minute};
use kiln::i18n::Lang;
use kiln::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;

const WORKERS: usize = 3;
const ROUNDS: usize = 12;
const COHORT: &str = "KILN-101/2026-1";
const SEATS: usize = 2;
/// One company per worker, each leasing room 301.
const BRNS: [&str; WORKERS] = ["124-81-00998", "220-81-62517", "138-81-00018"];

fn company_input(name: &str, brn: &str) -> CompanyInput {
    CompanyInput { name: name.into(), brn: brn.into(), admitted: "2024-03-02".into(), ..CompanyInput::default() }
}

/// Run by the OS account the processes run as, which is its admin: three
/// companies, room 301, a machine bookable around the clock without
/// approval, a cohort of two seats, and a person for each worker and round.
fn centre() -> TempDb {
    let (db, mut s) = TempDb::with_admin(&whoami::username().unwrap());
    for (i, brn) in BRNS.iter().enumerate() {
        company::add(&mut s, &company_input(&format!("경합소재{i}"), brn)).unwrap();
    }
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
    equipment::add(
        &mut s,
        &EquipmentInput {
            code: "EQ-0001".into(),
            name: "FE-SEM".into(),
            category: "analysis".into(),
            hours: "always".into(),
            holidays_bookable: "yes".into(),
            needs_approval: "no".into(),
            ..EquipmentInput::default()
        },
    )
    .unwrap();
    training::add_course(
        &mut s,
        &CourseInput {
            code: "KILN-101".into(),
            title: "주사전자현미경 운용".into(),
            hours: "6".into(),
            ..CourseInput::default()
        },
    )
    .unwrap();
    training::add_cohort(
        &mut s,
        &CohortInput {
            course: "KILN-101".into(),
            code: "2026-1".into(),
            capacity: SEATS.to_string(),
            opens: "2026-11-01".into(),
            closes: "2026-11-30".into(),
        },
    )
    .unwrap();
    for i in 0..WORKERS * ROUNDS {
        let p = person::add(&mut s, &PersonInput { name: format!("교육생{i}"), ..PersonInput::default() }).unwrap();
        assert_eq!(p.code, trainee(i / WORKERS, i % WORKERS));
    }
    db
}

fn trainee(round: usize, worker: usize) -> String {
    format!("P-{:04}", round * WORKERS + worker + 1)
}

/// Round `r` books within its own four hours: one hour all workers want,
/// then three overlapping hours a half-hour apart (worker 1's clashes with
/// both others', 0's and 2's do not clash).
fn shared_slot(r: usize) -> (Minute, Minute) {
    let start = Minute(Minute::parse("2026-12-01 00:00").unwrap().0 + 240 * r as i64);
    (start, Minute(start.0 + 60))
}

fn offset_slot(r: usize, w: usize) -> (Minute, Minute) {
    let start = Minute(shared_slot(r).1.0 + 30 * w as i64);
    (start, Minute(start.0 + 60))
}

/// Round `r` leases in year 2030 + r, four months a worker, three apart.
fn lease_months(r: usize, w: usize) -> (String, String) {
    let year = 2030 + r;
    (format!("{year}-{:02}-01", 1 + 3 * w), format!("{year}-{:02}-01", 5 + 3 * w))
}

fn overlap<T: PartialOrd>(a: &(T, T), b: &(T, T)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// What one worker saw in one round.
#[derive(Default)]
struct Round {
    shared: Option<i64>,
    offset: bool,
    seated: bool,
    lease: Option<String>,
}

/// Every process run, its arguments and what it printed.
type Log = Vec<(Vec<String>, Output)>;

fn run(path: &Path, log: &mut Log, args: &[&str]) -> Option<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_kiln"))
        .env("KILN_NOW", common::NOW)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("KILN_DB")
        .arg("--db")
        .arg(path)
        .args(args)
        .output()
        .unwrap();
    let value = out.status.success().then(|| serde_json::from_slice(&out.stdout).unwrap());
    log.push((args.iter().map(|a| (*a).to_owned()).collect(), out));
    value
}

/// A command no race can refuse: it succeeds, or the test says why not.
fn must(path: &Path, log: &mut Log, args: &[&str]) -> Value {
    run(path, log, args).unwrap_or_else(|| {
        let out = log.last().map(|(_, o)| String::from_utf8_lossy(&o.stderr).into_owned()).unwrap_or_default();
        panic!("kiln {args:?}: {out}")
    })
}

/// One worker: each round it races the others for the same booking, for
/// overlapping bookings, for the cohort's seats and for room 301, then
/// undoes some of the last round (cancels, ends) while the others race on.
fn worker(path: &Path, w: usize, barrier: &Barrier) -> (Vec<Round>, Log) {
    let mut log = Log::new();
    let mut rounds: Vec<Round> = Vec::new();
    for r in 0..ROUNDS {
        barrier.wait();
        let me = trainee(r, w);
        let book = |log: &mut Log, (from, to): (Minute, Minute)| {
            let (from, to) = (from.to_string(), to.to_string());
            let args = ["booking", "add", "--equipment", "EQ-0001", "--person", &me, "--from", &from, "--to", &to];
            run(path, log, &[&args[..], &["--json"]].concat())
        };
        let mut now = Round {
            shared: book(&mut log, shared_slot(r)).map(|b| b["id"].as_i64().unwrap()),
            offset: book(&mut log, offset_slot(r, w)).is_some(),
            ..Round::default()
        };
        let enrolled = must(path, &mut log, &["enrol", "--cohort", COHORT, "--person", &me, "--json"]);
        now.seated = enrolled["status"] == "enrolled";
        let (from, to) = lease_months(r, w);
        let lease_args = ["lease", "add", "--company", BRNS[w], "--room", "301", "--from", &from, "--to", &to];
        now.lease = run(path, &mut log, &[&lease_args[..], &["--rent", "1", "--fee", "1", "--json"]].concat())
            .map(|l| l["code"].as_str().unwrap().to_owned());
        if let Some(last) = r.checked_sub(1).map(|r| (r, &rounds[r])) {
            if let (Some(id), true) = (last.1.shared, last.0 % 2 == 1) {
                must(path, &mut log, &["booking", "cancel", &id.to_string(), "--reason", "일정 변경", "--json"]);
            }
            let gone = trainee(last.0, w);
            let out = must(path, &mut log, &["enrol", "cancel", "--cohort", COHORT, "--person", &gone, "--json"]);
            assert!(out["promoted"].as_array().unwrap().len() <= 1, "one seat, one promotion: {out}");
            if let Some(code) = &last.1.lease {
                let on = format!("{}-{:02}-01", 2030 + last.0, 2 + 3 * w);
                must(path, &mut log, &["lease", "end", code, "--on", &on, "--json"]);
            }
        }
        rounds.push(now);
    }
    (rounds, log)
}

#[test]
fn processes_racing_for_slots_seats_and_rooms_leave_a_sound_file() {
    let db = centre();
    let barrier = Arc::new(Barrier::new(WORKERS));
    let racers: Vec<_> = (0..WORKERS)
        .map(|w| {
            let (path, barrier): (PathBuf, _) = (db.path.clone(), Arc::clone(&barrier));
            std::thread::spawn(move || worker(&path, w, &barrier))
        })
        .collect();
    let (rounds, logs): (Vec<Vec<Round>>, Vec<Log>) = racers.into_iter().map(|r| r.join().unwrap()).unzip();

    for (args, out) in logs.iter().flatten() {
        let err = String::from_utf8_lossy(&out.stderr).to_lowercase();
        assert!(!err.contains("locked") && !err.contains("busy"), "{args:?}: {err}");
        if !out.status.success() {
            // Only adds lose races, and they lose to a clash, cleanly.
            assert_eq!((args[1].as_str(), out.status.code()), ("add", Some(1)), "{args:?}: {err}");
            assert!(out.stdout.is_empty(), "{args:?}");
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
            assert!(err.starts_with("error: ") && err.contains("overlaps"), "{args:?}: {err}");
        }
    }
    let by_round = (0..ROUNDS).map(|r| rounds.iter().map(move |seen| &seen[r]));
    for (r, seen) in by_round.enumerate() {
        let seen: Vec<&Round> = seen.collect();
        let winners = seen.iter().filter(|s| s.shared.is_some()).count();
        assert_eq!(winners, 1, "round {r}: one booking of the slot everyone wanted");
        let booked: Vec<(bool, (Minute, Minute))> =
            seen.iter().enumerate().map(|(w, s)| (s.offset, offset_slot(r, w))).collect();
        let leased: Vec<(bool, (String, String))> =
            seen.iter().enumerate().map(|(w, s)| (s.lease.is_some(), lease_months(r, w))).collect();
        consistent(&booked, &format!("round {r}, bookings"));
        consistent(&leased, &format!("round {r}, leases"));
    }

    let s = db.open_as("kim");
    let active = booking::list(
        &s,
        &BookingFilter { state: Some(BookingState::Approved), ..BookingFilter::default() },
        Page::ALL_FOR_CLI,
    )
    .unwrap();
    let offsets = rounds.iter().flatten().filter(|r| r.offset).count();
    let cancelled = (0..ROUNDS - 1).filter(|r| r % 2 == 1).count();
    assert_eq!(active.len(), ROUNDS - cancelled + offsets, "every win stands but the cancelled");
    let enrolments = training::enrolments(&s, Some(COHORT), None).unwrap();
    let now: Vec<_> = enrolments.iter().filter(|e| e.status != EnrolmentStatus::Cancelled).collect();
    let seated = now.iter().filter(|e| e.status == EnrolmentStatus::Enrolled).count();
    assert_eq!((now.len(), seated), (WORKERS, SEATS), "the last round's trainees: seats full, one waiting");
    assert!(rounds.iter().flatten().any(|r| r.seated), "someone took a seat directly");
    let leases = lease::list(
        &s,
        &lease::LeaseFilter { room: Some("301".into()), ..lease::LeaseFilter::default() },
        Page::ALL_FOR_CLI,
    )
    .unwrap();
    assert_eq!(leases.len(), rounds.iter().flatten().filter(|r| r.lease.is_some()).count());
    let ended = leases.iter().filter(|l| l.ended_on.is_some()).count();
    assert_eq!(
        ended,
        leases.iter().filter(|l| !l.from.to_string().starts_with(&(2030 + ROUNDS - 1).to_string())).count()
    );

    let check = Command::new(env!("CARGO_BIN_EXE_kiln"))
        .env("KILN_NOW", common::NOW)
        .env("LANG", "en_US.UTF-8")
        .arg("--db")
        .arg(&db.path)
        .arg("check")
        .output()
        .unwrap();
    assert!(check.status.success(), "kiln check: {}", String::from_utf8_lossy(&check.stdout));
}

/// The winners of a race over periods never overlap one another, and each
/// loser overlaps a winner: it lost to a clash, not to chance.
fn consistent<T: PartialOrd + std::fmt::Debug>(race: &[(bool, (T, T))], what: &str) {
    let winners: Vec<&(T, T)> = race.iter().filter(|(won, _)| *won).map(|(_, p)| p).collect();
    assert!(!winners.is_empty(), "{what}: someone won");
    for (i, a) in winners.iter().enumerate() {
        for b in &winners[i + 1..] {
            assert!(!overlap(a, b), "{what}: {a:?} and {b:?} both won");
        }
    }
    for (_, lost) in race.iter().filter(|(won, _)| !won) {
        assert!(winners.iter().any(|w| overlap(w, lost)), "{what}: {lost:?} was refused with nothing in its way");
    }
}

#[test]
fn the_interface_shows_another_process_write_and_keeps_the_form_being_typed() {
    let (db, mut s) = TempDb::with_admin("kim");
    for (name, brn) in [("세라텍", BRNS[0]), ("한빛세라믹", BRNS[1])] {
        company::add(&mut s, &company_input(name, brn)).unwrap();
    }
    let mut app = App::new(s, Lang::En, false).unwrap();
    key(&mut app, '2');
    press(&mut app, KeyCode::Down);
    assert_eq!(app.screens().companies().selected_name().as_deref(), Some("한빛세라믹"));
    key(&mut app, 'n');
    type_text(&mut app, "새빛소재");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "138-81");
    let typed = app.form().cloned().unwrap();
    assert!(!app.tick(), "nothing happened yet");

    // Another terminal admits a company that sorts first.
    let mut other = db.open_as("kim");
    company::add(&mut other, &company_input("가온소재", "107-81-00014")).unwrap();
    assert!(app.tick(), "the write is noticed");
    assert!(!app.tick(), "and noticed once");
    assert_eq!(app.screens().companies().names(), ["가온소재", "세라텍", "한빛세라믹"]);
    assert_eq!(app.form(), Some(&typed), "the form as it was typed, field and focus");
    assert_eq!(app.screens().companies().selected_name().as_deref(), Some("한빛세라믹"), "the same company selected");
    let t = screen(&app, 120, 30);
    assert!(t.contains("가온소재") && t.contains("새빛소재") && t.contains("138-81"), "{t}");

    // The form goes on from where it was and saves.
    type_text(&mut app, "-00018");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "saved: {:?}", app.form().map(|f| f.error.clone()));
    assert_eq!(app.screens().companies().names(), ["가온소재", "새빛소재", "세라텍", "한빛세라믹"]);
    assert_eq!(company::show(&other, "1388100018").unwrap().name, "새빛소재");
}

#[test]
fn an_open_lease_form_sees_the_room_taken_by_another_process() {
    let (db, mut s) = TempDb::with_admin("kim");
    company::add(&mut s, &company_input("세라텍", BRNS[0])).unwrap();
    company::add(&mut s, &company_input("한빛세라믹", BRNS[1])).unwrap();
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
    let mut app = App::new(s, Lang::En, false).unwrap();
    key(&mut app, '2');
    key(&mut app, 'l');
    type_text(&mut app, "301");
    let note = |app: &App| app.form().and_then(|f| f.note.clone()).map(|n| n.0).unwrap_or_default();
    assert!(note(&app).contains("free for this period"), "{}", note(&app));
    let mut other = db.open_as("kim");
    lease::add(
        &mut other,
        &LeaseInput {
            company: BRNS[1].into(),
            room: "301".into(),
            from: "2026-01-01".into(),
            to: "2031-01-01".into(),
            rent: "1".into(),
            fee: "1".into(),
            deposit: None,
        },
    )
    .unwrap();
    assert!(app.tick());
    assert!(note(&app).contains("overlaps 한빛세라믹's lease"), "{}", note(&app));
    assert_eq!(app.form().map(|f| f.value(Field::Room)).as_deref(), Some("301"), "what was typed stays");
}

#[cfg(unix)]
#[test]
fn a_database_made_under_umask_007_is_group_writable_and_so_are_its_wal_and_shm() {
    use std::os::unix::fs::PermissionsExt;
    // SQLite only: file modes of the database and its -wal and -shm files. A
    // database kiln makes on PostgreSQL is the server's: no file, no umask.
    if common::pg::active() {
        return;
    }
    let db = TempDb::new();
    let made = Command::new("sh")
        .arg("-c")
        .arg("umask 007 && exec \"$0\" --db \"$1\" init")
        .arg(env!("CARGO_BIN_EXE_kiln"))
        .arg(&db.path)
        .env("KILN_NOW", common::NOW)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&db.path), 0o660, "0666 less the umask, not SQLite's 0644 less it");
    // This test's own umask does not matter: SQLite gives the -wal and -shm
    // files the database file's mode.
    let mut s = Store::open_as(&db.path, &whoami::username().unwrap(), common::clock()).unwrap();
    person::add(&mut s, &PersonInput { name: "김민수".into(), ..PersonInput::default() }).unwrap();
    for suffix in ["-wal", "-shm"] {
        let mut p = db.path.clone().into_os_string();
        p.push(suffix);
        assert_eq!(mode(Path::new(&p)), 0o660, "{suffix}");
    }
}
