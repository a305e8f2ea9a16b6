//! The filter line on every screen of the real binary, in Korean at 80×24
//! and wider: `/`, then digits, `q` and `/` are text until Esc (issue 16 §1),
//! and a search by 초성 finds a machine.

use crate::term::Tmux;
use crate::{demo, quit, run_kiln};

#[test]
fn digits_and_q_never_leave_the_filter_line_on_any_screen() {
    let db = demo();
    let t = Tmux::start("filter", 120, 36);
    run_kiln(&t, &db.path, "ko_KR.UTF-8", "");
    t.wait_for_frame("2010 목표 대비");
    // Screen, the view within it, and a marker that the view is showing.
    let lists: [(&[&str], &str); 7] = [
        (&["2"], "┌ 기업 "),
        (&["3"], "입주율"),
        (&["4"], "┌ 장비 "),
        (&["p"], "┌ 승인 대기 "),
        (&["5"], "┌ 기수 "),
        (&["Q"], "┌ 장비 사용 자격 "),
        (&["6"], "┌ 청구서 "),
    ];
    for (keys, marker) in lists {
        t.send(keys);
        t.wait_for_frame(marker);
        t.send(&["/"]);
        t.type_text("5Q/1q");
        let s = t.wait_for_frame("/ 5Q/1q▏");
        assert!(s.contains(marker), "{keys:?}: still on the same list: {s}");
        t.send(&["Escape"]);
        t.wait_until(|s| if s.contains("5Q/1q") { Err("the filter is still there".into()) } else { Ok(()) });
    }
    // A machine by the initials of its name, from screen 4's list.
    t.send(&["4"]);
    t.wait_for_frame("┌ 승인 대기 ");
    t.send(&["Escape"]);
    t.wait_for_frame("▶EQ-0001");
    t.send(&["/"]);
    t.type_text("ㅇㄷㅂㅅ");
    t.send(&["Enter"]);
    // The jamo reach the terminal after the `/`: wait for the list they
    // narrow, not for the first frame that happens to hold the machine.
    t.wait_until(|s| {
        if s.contains("입도분석기") && !s.contains("EQ-0001") {
            Ok(())
        } else {
            Err(format!("only what the initials find: {s}"))
        }
    });
    t.send(&["Escape"]);
    t.wait_for_frame("EQ-0001");
    quit(&t);
}

#[test]
fn a_person_is_picked_by_a_korean_name_in_the_booking_form() {
    let db = demo();
    let people = crate::cli_json(&db.path, &["person", "list"]);
    let name = people[8]["name"].as_str().unwrap().to_owned();
    let t = Tmux::start("picker", 80, 24);
    run_kiln(&t, &db.path, "ko_KR.UTF-8", "");
    t.wait_for_frame("2010 목표 대비");
    t.send(&["4"]);
    t.wait_for_frame("▶EQ-0001");
    t.send(&["j", "j", "n"]);
    t.wait_for_frame("장비 예약 · EQ-0003");
    // The whole name, as a Hangul input method types it: the offer shows it.
    t.type_text(&name);
    let s = t.wait_for_frame(&format!("▶ {name}"));
    assert!(s.contains("P-"), "the offer names the code: {s}");
    t.send(&["Enter"]);
    let s = t.wait_until(|s| if s.contains(&format!("▶ {name}")) { Err("still offering".into()) } else { Ok(()) });
    assert!(s.contains("장비 예약 · EQ-0003"), "the form is still open: {s}");
    assert!(s.lines().any(|l| l.contains("인력") && l.contains("P-")), "the person field holds a code: {s}");
    t.send(&["Escape"]);
    t.wait_until(|s| if s.contains("장비 예약 · ") { Err("form".into()) } else { Ok(()) });
    quit(&t);
}
