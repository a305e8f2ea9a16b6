//! An equipment manager on screen 4, in English: books a machine, is refused
//! a clash with the nearest free slot offered, approves a pending booking and
//! checks a machine out.

use crate::common::TempDb;
use crate::term::{Tmux, line_with};
use crate::{cli, cli_json, demo, quit, run_kiln};

/// The demo, with this OS account demoted to equipment manager (another admin
/// is added first, since the last admin stays admin).
fn centre() -> TempDb {
    let db = demo();
    let ops = cli_json(&db.path, &["user", "list"]);
    let me = ops[0]["name"].as_str().unwrap().to_owned();
    cli(&db.path, &["user", "add", "kim", "--role", "admin"]);
    cli(&db.path, &["user", "role", &me, "--role", "equipment-manager"]);
    db
}

/// The number after `#` that follows `after` on the screen.
fn booking_id(screen: &str, after: &str) -> String {
    let line = line_with(screen, &[after]);
    let rest = &line[line.find(after).unwrap() + after.len()..];
    let rest = &rest[rest.find('#').unwrap() + 1..];
    rest.chars().take_while(char::is_ascii_digit).collect()
}

#[test]
fn an_equipment_manager_books_is_refused_a_clash_approves_and_checks_out() {
    let db = centre();
    // The first active booking of EQ-0003 (particle size, no approval needed) ahead.
    let taken = cli_json(&db.path, &["booking", "list", "--equipment", "EQ-0003", "--from", "2026-11-26 10:00"]);
    let taken = taken
        .as_array()
        .unwrap()
        .iter()
        .find(|b| ["requested", "approved"].contains(&b["state"].as_str().unwrap()))
        .expect("the demo books EQ-0003 ahead");
    let (start, end) = (taken["start"].as_str().unwrap(), taken["end"].as_str().unwrap());

    let t = Tmux::start("equipment", 120, 36);
    run_kiln(&t, &db.path, "en_US.UTF-8", "");
    let s = t.wait_for_frame("Against the 2010 targets");
    assert!(s.contains("equipment manager"), "the status bar names the role: {s}");
    t.send(&["4"]);
    t.wait_for_frame("▶EQ-0001");
    t.send(&["j", "j"]);
    t.wait_for_frame("▶EQ-0003");

    // Book it for P-0009: the form says the default slot is free …
    t.send(&["n"]);
    t.wait_for_frame("Book a machine · EQ-0003");
    t.type_text("P-0009");
    t.wait_for_frame("This time can be booked");
    // … then, moved onto the booking already there, names it and the nearest free slot.
    t.send(&["Tab", "Tab", "Tab", "C-u"]);
    t.type_text(start);
    t.send(&["Tab", "C-u"]);
    t.type_text(end);
    let s = t.wait_for_frame("nearest free");
    assert!(s.contains(&format!("overlaps booking #{}", taken["id"])), "{s}");
    // Saving is refused the same way, and the form stays with what was typed.
    t.send(&["Enter"]);
    let s = t.wait_for_frame("nearest free slot:");
    assert!(s.contains("P-0009") && s.contains("Book a machine"), "{s}");
    t.send(&["Escape"]);
    t.wait_for_frame("▶EQ-0003");

    // The approvals queue: approve the first request.
    t.send(&["p"]);
    let s = t.wait_for_frame("Awaiting approval");
    let id = booking_id(&s, "▶");
    t.send(&["a"]);
    t.wait_for_frame(&format!("Booking #{id}: approved"));
    assert_eq!(cli_json(&db.path, &["booking", "show", &id])["state"], "approved");

    // Back in the list, EQ-0001 is in use this morning: check it out.
    t.send(&["Escape"]);
    t.wait_for_frame("Enter week calendar");
    t.send(&["g"]);
    t.wait_for_frame("▶EQ-0001");
    t.send(&["o"]);
    let s = t.wait_for_frame("Check out ·");
    let used = booking_id(&s, "Check out");
    assert!(s.contains("2026-11-26 10:00"), "checked out now: {s}");
    t.send(&["Enter"]);
    t.wait_for_frame(&format!("Booking #{used} checked out · charge"));
    quit(&t);

    let done = cli_json(&db.path, &["booking", "show", &used]);
    assert_eq!(done["state"], "completed", "{done}");
    assert!(done["charge"].is_number(), "{done}");
}
