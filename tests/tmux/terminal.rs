//! The terminal itself: opening and quitting, the first run, resizing below
//! the minimum and back, and a panic, each leaving the shell a usable
//! terminal.

use crate::common::TempDb;
use crate::term::{Tmux, cells, frame};
use crate::{assert_restored, cli, demo, quit, run_kiln};

#[test]
fn the_dashboard_opens_screens_change_help_shows_and_q_restores_the_shell() {
    let db = demo();
    let t = Tmux::start("ko", 100, 30);
    run_kiln(&t, &db.path, "ko_KR.UTF-8", "");
    t.wait_for_frame("2010 목표 대비");
    assert_eq!(t.display("#{alternate_on}"), "1", "the interface uses the alternate screen");
    t.send(&["2"]);
    t.wait_for_frame("n 새 기업");
    t.send(&["?"]);
    t.wait_for_frame("도움말 · 키");
    t.send(&["q"]);
    let s = t.wait_for("DONE-42");
    assert!(s.contains("EXIT=0") && s.lines().any(|l| l.starts_with("PROMPT>")), "{s}");
    assert_restored(&t, &s);
}

#[test]
fn a_new_database_offers_the_demo_in_english() {
    let db = TempDb::new();
    let t = Tmux::start("en", 80, 24);
    run_kiln(&t, &db.path, "en_US.UTF-8", "");
    t.wait_for("New database");
    t.send(&["d"]);
    let loaded = "The demo centre was loaded";
    t.wait_until_within(std::time::Duration::from_secs(90), |s| {
        if s.contains(loaded) { Ok(()) } else { Err(format!("waited for {loaded:?}")) }
    });
    t.send(&["Tab"]);
    t.wait_for_frame("n new company");
    quit(&t);
    // Made there (a file, or the schema in the server's database).
    let companies = crate::common::texts(&db.path, "SELECT CAST(count(*) AS TEXT) FROM company");
    assert_ne!(companies[0][0].as_deref(), Some("0"), "the demo is in it");
}

/// Nothing of a frame is left: no box-drawing character anywhere.
fn no_frame(screen: &str) -> bool {
    !screen.contains(['┌', '┐', '└', '┘', '│', '─'])
}

#[test]
fn resizing_below_80x24_and_back_never_garbles_the_frame() {
    let db = demo();
    let mut t = Tmux::start("resize", 100, 30);
    run_kiln(&t, &db.path, "ko_KR.UTF-8", "");
    t.wait_for_frame("2010 목표 대비");
    // The company list with a form over it: Hangul under the form's edges.
    t.send(&["2"]);
    t.wait_for_frame("n 새 기업");
    t.send(&["n"]);
    t.wait_for_frame("새 기업 등록");
    t.type_text("청솔세라믹");
    for (w, h) in [(80, 24), (79, 24), (60, 20), (80, 23), (80, 24), (132, 43), (100, 30)] {
        t.resize(w, h);
        assert_eq!(t.display("#{pane_width}x#{pane_height}"), format!("{w}x{h}"));
        if w >= 80 && h >= 24 {
            let s = t.wait_for_frame("새 기업 등록");
            assert!(s.contains("청솔세라믹"), "what was typed survives {w}×{h}: {s}");
        } else {
            let size = format!("({w}×{h})");
            let s = t.wait_until(|s| {
                if s.contains("터미널이 너무 작습니다") && s.contains(&size) && no_frame(s) {
                    Ok(())
                } else {
                    Err(format!("waited for the too-small notice {size} alone"))
                }
            });
            assert!(s.contains("80×24 이상으로 늘려 주세요"), "{s}");
            assert!(s.lines().all(|l| cells(l).len() <= usize::from(w)), "{s}");
        }
    }
    t.send(&["Escape"]);
    let s = t.wait_for_frame("n 새 기업");
    assert!(!s.contains("새 기업 등록"), "{s}");
    frame(&s, 100, 30).unwrap();
    quit(&t);
}

#[test]
fn a_panic_gives_the_terminal_back_before_saying_so() {
    let db = TempDb::new();
    cli(&db.path, &["init"]);
    let t = Tmux::start("panic", 80, 24);
    run_kiln(&t, &db.path, "en_US.UTF-8", "KILN_TEST_PANIC=1");
    let s = t.wait_for("DONE-42");
    assert!(s.contains("EXIT=101"), "a panic's status: {s}");
    assert_restored(&t, &s);
    // The message is printed on the main screen after the restore, and stays
    // there: nothing moved the cursor back over it.
    let lines: Vec<&str> = s.lines().collect();
    let at = |needle: &str| lines.iter().position(|l| l.contains(needle));
    let (panicked, message, exit) = (at("panicked at"), at("the panic the terminal tests ask for"), at("EXIT=101"));
    assert!(panicked.is_some() && panicked < message && message < exit, "{s}");
}
