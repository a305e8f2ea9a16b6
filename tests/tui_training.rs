//! Screen 5 driven by keys: a cohort's roster and attendance grid, enrolment
//! onto the waitlist, a cancellation that seats the first in line,
//! completion; rendered in Korean and English at 80×24.

mod common;

use common::TempDb;
use common::tui::{key, press, screen};
use kiln::db::training;
use kiln::domain::EnrolmentStatus;
use kiln::i18n::Lang;
use kiln::tui::app::App;
use kiln::tui::screens::training::View;
use ratatui::crossterm::event::KeyCode;

#[test]
fn the_roster_renders_in_both_languages() {
    for lang in [Lang::Ko, Lang::En] {
        let (_db, store) = TempDb::demo();
        let mut app = App::new(store, lang, false).unwrap();
        key(&mut app, '5');
        let t = screen(&app, 80, 24);
        insta::assert_snapshot!(format!("cohorts_{}_80x24", lang.code()), t);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.screens().training().view_mode(), View::Roster);
        let t = screen(&app, 80, 24);
        assert!(t.contains("KILN-110"), "{t}");
        insta::assert_snapshot!(format!("roster_{}_80x24", lang.code()), t);
        key(&mut app, 'Q');
        press(&mut app, KeyCode::Esc);
        key(&mut app, 'Q');
        assert_eq!(app.screens().training().view_mode(), View::Qualifications);
        let t = screen(&app, 80, 24);
        assert!(t.contains("KILN-10"), "{t}");
    }
}

#[test]
fn an_administrator_runs_a_cohort_from_enrolment_to_certificates() {
    let (db, store) = TempDb::demo();
    let mut app = App::new(store, Lang::Ko, false).unwrap();
    key(&mut app, '5');
    // The first cohort listed is the running KILN-110/2026-2, full with one waiting.
    press(&mut app, KeyCode::Enter);
    let reference = app.screens().training().roster().cohort.as_ref().unwrap().reference();
    let s = db.open_as("kim");
    let before = training::cohort(&s, &reference).unwrap();
    assert_eq!(before.enrolled, before.capacity, "full");
    // Space marks the cursor's cell, cycling present → late → …
    let who = app.screens().training().roster().grid.rows[0].enrolment.person.clone();
    let was = app.screens().training().roster().grid.rows[0].marks[0];
    key(&mut app, ' ');
    let now = app.screens().training().roster().grid.rows[0].marks[0];
    assert_ne!(was, now);
    // Enrol someone new: the waitlist grows.
    key(&mut app, 'n');
    for c in "P-0080".chars() {
        key(&mut app, c);
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    let t = screen(&app, 100, 30);
    assert!(t.contains("대기 2순위") || t.contains("대기"), "{t}");
    // Cancel the first trainee's place: the first in line is seated.
    let first_waiting = training::enrolments(&s, Some(&reference), None)
        .unwrap()
        .into_iter()
        .find(|e| e.status == EnrolmentStatus::Waitlisted)
        .unwrap();
    key(&mut app, 'x');
    let note = app.form().and_then(|f| f.note.clone()).unwrap().0;
    assert!(note.contains(&first_waiting.person_name), "{note}");
    press(&mut app, KeyCode::Enter);
    let t = screen(&app, 100, 30);
    assert!(t.contains("대기에서 수강 확정"), "{t}");
    let seated = training::enrolments(&s, Some(&reference), Some(&first_waiting.person)).unwrap();
    assert!(seated.iter().any(|e| e.status == EnrolmentStatus::Enrolled && e.promoted_at.is_some()));
    assert!(
        training::enrolments(&s, Some(&reference), Some(&who))
            .unwrap()
            .iter()
            .all(|e| e.status == EnrolmentStatus::Cancelled)
    );
    // Complete before the last session has started: refused, saying when.
    key(&mut app, 'C');
    press(&mut app, KeyCode::Enter);
    let refused = app.form().and_then(|f| f.error.clone()).map(|e| format!("{e:?}")).unwrap_or_default();
    assert!(refused.contains("마지막 회차"), "{refused}");
    assert!(training::cohort(&s, &reference).unwrap().completed_on.is_none());
    press(&mut app, KeyCode::Esc);
    // The day after the last session: the form says who passes; Enter completes.
    let later = std::sync::Arc::new(kiln::domain::FixedClock(kiln::domain::Minute::parse("2026-12-22 10:00").unwrap()));
    let mut app = App::new(kiln::db::Store::open_as(&db.path, "kim", later).unwrap(), Lang::Ko, false).unwrap();
    key(&mut app, '5');
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screens().training().roster().cohort.as_ref().unwrap().reference(), reference);
    key(&mut app, 'C');
    assert!(app.form().and_then(|f| f.note.clone()).unwrap().0.contains("수료"));
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    let after = training::cohort(&s, &reference).unwrap();
    assert!(after.completed_on.is_some());
}
