//! Screen 5 in Korean: a trainee enrolled on a full cohort waits, and is
//! seated when places are cancelled ahead of them.

use kiln::domain::EnrolmentStatus;

use crate::term::{Tmux, line_with};
use crate::{cli_json, demo, quit, run_kiln};

/// The running cohort the demo lists first: full, with one waiting.
const COHORT: &str = "KILN-110/2026-2";
const TRAINEE: &str = "P-0080";

/// The name after `대기 1 ` on the roster's waitlist line.
fn first_waiting(screen: &str) -> String {
    let line = line_with(screen, &["│대기 1 "]);
    line["│대기 1 ".len()..].split([' ', '│']).next().unwrap().to_owned()
}

#[test]
fn a_trainee_waits_on_a_full_cohort_and_is_seated_when_others_cancel() {
    let db = demo();
    let name = cli_json(&db.path, &["person", "show", TRAINEE])["name"].as_str().unwrap().to_owned();
    let t = Tmux::start("training", 120, 36);
    run_kiln(&t, &db.path, "ko_KR.UTF-8", "");
    t.wait_for_frame("2010 목표 대비");
    t.send(&["5"]);
    t.wait_for_frame("Enter 수강생·출석");
    t.send(&["Enter"]);
    let s = t.wait_for_frame("s 회차 추가");
    assert!(s.contains("KILN-110 소성로 운전 · 2026-2기 · 정원 12 · 수강 12 · 대기 1"), "full, one waiting: {s}");
    let ahead = first_waiting(&s);

    // Enrolled on a full cohort, the trainee is second in line.
    t.send(&["n"]);
    t.wait_for_frame("수강 신청 · KILN-110/2026-2");
    t.type_text(TRAINEE);
    t.send(&["Enter"]);
    let s = t.wait_for_frame(&format!("{name}: 대기 2순위"));
    assert!(line_with(&s, &["│대기 1 "]).contains(&format!("· 2 {name}")), "{s}");

    // Two places cancelled: first the one ahead is seated, then the trainee.
    for seated in [&ahead, &name] {
        t.send(&["x"]);
        t.wait_for_frame(&format!("취소하면 대기 1순위 {seated}"));
        t.send(&["Enter"]);
        t.wait_for_frame(&format!("{seated} 대기에서 수강 확정"));
    }
    let s = t.wait_for_frame("대기 0");
    assert!(s.lines().any(|l| l.starts_with(&format!("│ {name} "))), "on the roster: {s}");
    quit(&t);

    let store = db.open_as("kim");
    let mine = kiln::db::training::enrolments(&store, Some(COHORT), Some(TRAINEE)).unwrap();
    assert!(mine.iter().any(|e| e.status == EnrolmentStatus::Enrolled && e.promoted_at.is_some()), "{mine:?}");
}
