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
