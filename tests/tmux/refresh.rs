//! Another terminal's write reaches a screen whose user never stops typing:
//! the interface looks for other processes' writes by the clock, not only
//! when idle, and keeps the form being typed.

use std::time::{Duration, Instant};

use crate::common::TempDb;
use crate::term::Tmux;
use crate::{cli, quit, run_kiln};

#[test]
fn another_process_write_shows_while_someone_keeps_typing_in_a_form() {
    let db = TempDb::new();
    cli(&db.path, &["init"]);
    let t = Tmux::start("refresh", 120, 30);
    run_kiln(&t, &db.path, "ko_KR.UTF-8", "");
    t.wait_for_frame("2010 목표 대비");
    t.send(&["2"]);
    t.wait_for_frame("n 새 기업");
    t.send(&["n"]);
    t.wait_for_frame("새 기업 등록");
    cli(&db.path, &["company", "add", "--name", "가온소재", "--brn", "107-81-00014"]);
    // A key every 100 ms, never a pause as long as the half-second tick: an
    // interface that looked only when idle would never show the company.
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut typed = String::new();
    while !t.screen().contains("가온소재") {
        assert!(Instant::now() < deadline, "the list never showed the new company:\n{}", t.screen());
        t.type_text("x");
        typed.push('x');
        std::thread::sleep(Duration::from_millis(100));
    }
    let s = t.wait_for(&typed);
    assert!(s.contains("새 기업 등록"), "the form is still open:\n{s}");
    t.send(&["Escape"]);
    t.wait_for_frame("n 새 기업");
    quit(&t);
}

/// Screen 6 in the real binary: a report is read by its own thread and the
/// loop takes the answer in by itself — on opening the screen, on → to the
/// next month, and after another process's payment, with no key pressed.
#[test]
fn reports_read_in_the_background_reach_the_screen_without_a_key() {
    let db = crate::demo();
    let t = Tmux::start("reports", 120, 30);
    run_kiln(&t, &db.path, "en_US.UTF-8", "");
    t.wait_for_frame("2010 targets");
    t.send(&["6"]);
    // The title is drawn at once; the drafts when their read comes in
    // (on PostgreSQL, under a full test run, seconds later).
    let s = t.wait_for_frame("(draft)");
    assert!(s.contains("Statements 2026-11"), "it opens on November's drafts:\n{s}");
    t.send(&["Left"]);
    t.wait_for_frame("2026-10-0001");
    t.send(&["Down"]);
    let s = t.wait_for_frame("Arrears:");
    let owed = crate::cli_json(&db.path, &["report", "arrears"]);
    let first = &owed.as_array().expect("a list of arrears")[0];
    let number = first["number"].as_str().expect("a number");
    assert!(s.contains(number), "{number} is owed:\n{s}");
    let amount = first["outstanding"].as_i64().expect("an amount").to_string();
    crate::cli(&db.path, &["statement", "pay", number, "--amount", &amount, "--on", "2026-11-26"]);
    t.wait_until(|s| if s.contains(number) { Err(format!("{number} still shown")) } else { Ok(()) });
    let s = t.screen();
    assert!(!s.contains("Reading…"), "read and taken in:\n{s}");
    quit(&t);
}

/// A terminal running kiln in `lang` on `db`, on screen 4 with EQ-0003
/// chosen; `dashboard` is a text of the first screen in that language.
fn on_eq_0003(name: &str, db: &TempDb, lang: &str, dashboard: &str) -> Tmux {
    let t = Tmux::start(name, 120, 36);
    run_kiln(&t, &db.path, lang, "");
    t.wait_for_frame(dashboard);
    t.send(&["4"]);
    t.wait_for_frame("▶EQ-0001");
    t.send(&["j", "j"]);
    t.wait_for_frame("▶EQ-0003");
    t
}

/// Two terminals on one database (a file, or one PostgreSQL database under
/// `KILN_TEST_ENGINE=postgres`): a booking saved in one appears on the
/// other's week calendar of that machine while nobody touches it — on
/// PostgreSQL through LISTEN/NOTIFY, on SQLite through `data_version`.
#[test]
fn a_booking_made_in_one_terminal_shows_in_the_other_without_a_key() {
    let db = crate::demo();
    let person = crate::cli_json(&db.path, &["person", "show", "P-0009"]);
    let name = person["name"].as_str().expect("a name").to_owned();

    let watching = on_eq_0003("watching", &db, "ko_KR.UTF-8", "2010 목표 대비");
    watching.send(&["Enter"]);
    let before = watching.wait_for_frame("EQ-0003");
    assert!(before.contains("◀ ▶") && !before.contains(&name), "{name} has no booking this week yet:\n{before}");

    let booking = on_eq_0003("booking", &db, "en_US.UTF-8", "Against the 2010 targets");
    booking.send(&["n"]);
    booking.wait_for_frame("Book a machine · EQ-0003");
    booking.type_text("P-0009");
    booking.wait_for_frame("This time can be booked");
    booking.send(&["Enter"]);
    booking.wait_for_frame("▶EQ-0003");

    // No key is sent to the watching terminal from here on.
    let s = watching.wait_until_within(Duration::from_secs(5), |s| {
        if s.contains(&name) { Ok(()) } else { Err(format!("{name}'s booking not shown yet")) }
    });
    assert!(s.contains("EQ-0003"), "still the week of EQ-0003:\n{s}");
    quit(&booking);
    quit(&watching);
}
