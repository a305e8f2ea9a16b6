//! An administrator admits a company with a Hangul name, gives it a room and
//! finds it on the floor view and the dashboard, in Korean; tables keep their
//! columns whether a row's name is Hangul or ASCII.

use crate::common::TempDb;
use crate::term::{Tmux, column, line_with, text_at};
use crate::{cli, demo, quit, run_kiln};

/// The demo with a company named in ASCII renting 302 until 2026-12-20, so
/// that tables hold ASCII and Hangul names side by side.
fn centre() -> TempDb {
    let db = demo();
    cli(
        &db.path,
        &["company", "add", "--name", "KC Ceramics Co.", "--brn", "220-81-62517", "--representative", "Kim Min"],
    );
    let lease = ["lease", "add", "--company", "220-81-62517", "--room", "302", "--from", "2026-11-26"];
    cli(&db.path, &[&lease[..], &["--to", "2026-12-21", "--rent", "650000", "--fee", "118000"]].concat());
    db
}

/// The cells under a header's `title` on the rows holding `rows`.
fn under(screen: &str, header: &[&str], title: &str, rows: &[&[&str]], len: usize) -> Vec<String> {
    let head = line_with(screen, header);
    let col = column(head, title).unwrap();
    rows.iter().map(|r| text_at(line_with(screen, r), col, len)).collect()
}

#[test]
fn an_administrator_admits_a_company_gives_it_a_room_and_finds_it_on_the_floor_and_the_dashboard() {
    let db = centre();
    let t = Tmux::start("tenants", 120, 36);
    run_kiln(&t, &db.path, "ko_KR.UTF-8", "");
    t.wait_for_frame("2010 목표 대비");

    // Screen 2: the admission date sits under its header on ASCII and Hangul rows.
    t.send(&["2"]);
    let s = t.wait_for_frame("n 새 기업");
    let dates = under(&s, &["이름", "입주일"], "입주일", &[&["│ KC Ceramics Co. "], &["│ (주)강릉소재 "]], 10);
    assert_eq!(dates[0], "2026-11-26", "{s}");
    assert!(dates[1].starts_with("20") && dates[1].len() == 10, "{dates:?}\n{s}");

    t.send(&["n"]);
    t.wait_for_frame("새 기업 등록");
    t.type_text("청솔세라믹(주)");
    t.send(&["Tab"]);
    t.type_text("124-81-00998");
    t.send(&["Tab"]);
    t.type_text("박서준");
    t.send(&["Enter"]);
    let s = t.wait_for_frame("저장했습니다");
    assert!(s.contains("청솔세라믹(주) (124-81-00998)") && !s.contains("새 기업 등록"), "{s}");

    // Find it with the filter, then lease it room 301 to the end of the year.
    t.send(&["/"]);
    t.type_text("청솔");
    t.send(&["Enter"]);
    t.wait_for_frame("청솔세라믹(주) · 124-81-00998");
    t.send(&["l"]);
    t.wait_for_frame("새 입주계약");
    t.type_text("301");
    t.wait_for_frame("이 기간 비어 있음");
    // The form offers the standard term (the demo's 24 months); this lease ends with the year.
    t.send(&["Tab", "Tab"]);
    t.wait_for_frame("2028-11-25");
    t.send(&["C-u"]);
    t.type_text("2026-12-31");
    t.send(&["Tab"]);
    t.type_text("660000");
    t.send(&["Tab"]);
    t.type_text("120000");
    t.send(&["Enter"]);
    let s = t.wait_for_frame("301호 청솔세라믹(주), 2026-11-26부터 2026-12-31까지");
    assert!(!s.contains("새 입주계약"), "{s}");

    // Screen 3, floor 3: its card and its row, the lease end in its column.
    t.send(&["3"]);
    t.wait_for_frame("1층 ◀ ▶");
    t.send(&["Right", "Right"]);
    let s = t.wait_for_frame("3층 ◀ ▶");
    assert!(s.contains("││청솔세라믹(주)││"), "the card of 301: {s}");
    let ends = under(
        &s,
        &["입주기업", "계약 종료"],
        "계약 종료",
        &[&["301 ", "청솔세라믹(주)"], &["302 ", "KC Ceramics"]],
        10,
    );
    assert_eq!(ends, ["2026-12-31", "2026-12-20"], "{s}");

    // Screen 1: both among the leases ending soon, dates in one column.
    t.send(&["1"]);
    let s = t.wait_for_frame("2010 목표 대비");
    let ours = line_with(&s, &["301", "청솔세라믹(주)", "D-35"]);
    let theirs = line_with(&s, &["302", "KC Ceramics Co.", "D-24"]);
    assert_eq!(column(ours, "2026-12-31"), column(theirs, "2026-12-20"), "{s}");
    assert_eq!(column(ours, "D-35"), column(theirs, "D-24"), "{s}");
    quit(&t);

    let store = db.open_as("kim");
    let c = kiln::db::company::show(&store, "1248100998").unwrap();
    assert_eq!((c.name.as_str(), c.representative.as_str()), ("청솔세라믹(주)", "박서준"));
}
