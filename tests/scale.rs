//! What the scale work (issue 8) changed, held to what it replaced: the
//! programme from kept yearly sums and counted movements, the training
//! screen's windows of cohorts and qualifications, the reports screen
//! reading a report again only after a write.

mod common;

use common::TempDb;
use common::tui::{key, press};
use indicatif::ProgressBar;
use kiln::db::training::{self, qualification};
use kiln::db::{Page, Store, booking, company, yearly};
use kiln::demo::large::{self, Scale};
use kiln::domain::booking::BookingState;
use kiln::domain::yearly::YearlyInput;
use kiln::i18n::Lang;
use kiln::report::{programme, trends};
use kiln::tui::app::App;
use kiln::tui::screens::list::WINDOW;
use ratatui::crossterm::event::KeyCode;

/// A centre with more cohorts and qualifications than a screen window holds.
fn centre() -> (TempDb, Store) {
    let (db, mut store) = TempDb::with_admin("kim");
    let scale = Scale { companies: 60, people: 3_000, machines: 4, bookings: 2_000, cohorts: 450 };
    large::load(&mut store, 7, &scale, &ProgressBar::hidden()).unwrap();
    (db, store)
}

/// The yearly reports summed straight from their table.
fn summed(db: &TempDb, year: i32) -> (i64, i64, i64, i64) {
    let row = common::texts(
        &db.path,
        &format!(
            "SELECT CAST(count(*) AS TEXT), CAST(coalesce(sum(employees), 0) AS TEXT), CAST(coalesce(sum(sales), 0) AS TEXT),
                    CAST(coalesce(sum(patents_granted), 0) AS TEXT)
               FROM yearly_report WHERE year = {year}"
        ),
    )
    .remove(0);
    let n = |i: usize| row[i].as_deref().unwrap().parse().unwrap();
    (n(0), n(1), n(2), n(3))
}

fn sums(p: &programme::Programme) -> (i64, i64, i64, i64) {
    (p.reporting, p.employees, p.sales.0, p.patents_granted)
}

#[test]
fn each_year_of_the_kpis_is_that_years_programme() {
    let (_db, s) = TempDb::demo();
    let years = trends::programme_years(&s, 2026).unwrap();
    assert!(years.len() > 15, "the demo goes back to 2005: {}", years.len());
    for p in &years {
        assert_eq!(&programme::programme(&s, p.year).unwrap(), p, "{}", p.year);
    }
    // Companies that left count until they withdrew, graduates stay.
    let last = years.last().unwrap();
    assert!(last.graduated > 0 && last.companies > 0, "{last:?}");
    assert_eq!(last.companies, last.by_zone.iter().map(|z| z.companies).sum::<i64>());
}

#[test]
fn the_yearly_sums_follow_every_report_and_correction() {
    let (db, mut s) = TempDb::demo();
    for year in [2015, 2024, 2025] {
        assert_eq!(sums(&programme::programme(&s, year).unwrap()), summed(&db, year), "{year}");
    }
    let brn = company::list(&s, &company::CompanyFilter::default(), Page::new(0, 1)).unwrap()[0].brn.to_string();
    let before = summed(&db, 2026);
    let input = |employees: &str| YearlyInput {
        company: brn.clone(),
        year: "2026".into(),
        employees: Some(employees.into()),
        sales: Some("1000000".into()),
        ..YearlyInput::default()
    };
    yearly::set(&mut s, &input("7")).unwrap();
    let added = summed(&db, 2026);
    assert_eq!(added.0, before.0 + 1);
    assert_eq!(sums(&programme::programme(&s, 2026).unwrap()), added);
    yearly::set(&mut s, &input("11")).unwrap();
    let corrected = summed(&db, 2026);
    assert_eq!((corrected.0, corrected.1), (added.0, added.1 + 4), "a correction replaces, it does not add");
    assert_eq!(sums(&programme::programme(&s, 2026).unwrap()), corrected);
}

#[test]
fn pages_of_cohorts_and_qualifications_hold_each_row_once() {
    let (_db, s) = centre();
    let cohorts = training::cohort_count(&s, "").unwrap();
    assert!(cohorts > i64::from(WINDOW), "{cohorts} cohorts");
    let mut paged = Vec::new();
    for start in (0..cohorts).step_by(97) {
        paged.extend(training::cohort_page(&s, "", Page::new(start as u32, 97)).unwrap());
    }
    let all = training::cohorts(&s, None).unwrap();
    assert_eq!(paged.len(), all.len());
    assert!(paged.windows(2).all(|w| w[0].opens_on >= w[1].opens_on), "newest first");
    let mut ids: Vec<i64> = paged.iter().map(|c| c.id).collect();
    ids.sort_unstable();
    let mut every: Vec<i64> = all.iter().map(|c| c.id).collect();
    every.sort_unstable();
    assert_eq!(ids, every);
    // The counts of a page are those of the full list.
    for c in &paged {
        assert_eq!(all.iter().find(|a| a.id == c.id), Some(c));
    }

    let quals = qualification::count(&s, "").unwrap();
    assert!(quals > i64::from(WINDOW), "{quals} qualifications");
    let mut paged = Vec::new();
    for start in (0..quals).step_by(150) {
        paged.extend(qualification::page(&s, "", Page::new(start as u32, 150)).unwrap());
    }
    // Valid ones first, each part soonest to expire first.
    let today = s.now().date();
    let valid = |q: &qualification::Qualification| q.revoked_at.is_none() && q.valid_until >= today;
    let split = paged.iter().position(|q| !valid(q)).unwrap_or(paged.len());
    assert!(paged[split..].iter().all(|q| !valid(q)), "valid before expired");
    for part in [&paged[..split], &paged[split..]] {
        assert!(part.windows(2).all(|w| w[0].valid_until <= w[1].valid_until), "soonest to expire first");
    }
    let mut ids: Vec<i64> = paged.iter().map(|q| q.id).collect();
    ids.sort_unstable();
    let all = qualification::list(&s, &qualification::QualificationFilter::default()).unwrap();
    let mut every: Vec<i64> = all.iter().map(|q| q.id).collect();
    every.sort_unstable();
    assert_eq!(ids, every);
}

#[test]
fn the_training_screen_holds_a_window_and_reloads_it_past_its_edge() {
    let (_db, s) = centre();
    let total = training::cohort_count(&s, "").unwrap() as u32;
    let last = training::cohort_page(&s, "", Page::new(total - 1, 1)).unwrap().remove(0);
    let mut app = App::new(s, Lang::En, false).unwrap();
    key(&mut app, '5');
    let window = app.screens().training().cohorts();
    assert_eq!(window.total, total);
    assert!(window.rows.len() <= WINDOW as usize, "{} rows held", window.rows.len());
    press(&mut app, KeyCode::End);
    let window = app.screens().training().cohorts();
    assert_eq!(window.selected, total - 1);
    assert_eq!(window.current().map(|c| c.id), Some(last.id), "the window moved to the end");
    assert!(window.rows.len() <= WINDOW as usize);
    let t = common::tui::screen(&app, 120, 40);
    assert!(t.contains(&format!("▶{}", last.course)), "the last cohort is drawn selected: {t}");
    for _ in 0..WINDOW + 5 {
        press(&mut app, KeyCode::Up);
    }
    let window = app.screens().training().cohorts();
    assert_eq!(window.selected, total - 1 - (WINDOW + 5));
    assert!(window.current().is_some(), "reloaded around the selection");

    key(&mut app, 'Q');
    let quals = app.screens().training().qualifications();
    assert!(quals.total > WINDOW && quals.rows.len() <= WINDOW as usize);
    press(&mut app, KeyCode::End);
    assert!(app.screens().training().qualifications().current().is_some());
    assert!(app.message.is_none(), "{:?}", app.message);
}

#[test]
fn a_report_is_read_again_after_a_write_not_on_every_visit() {
    let (db, store) = TempDb::demo();
    let mut app = App::new(store, Lang::En, false).unwrap();
    key(&mut app, '6');
    press(&mut app, KeyCode::Down);
    let owed = app.screens().reports().data().arrears.clone();
    assert!(!owed.is_empty(), "the demo has arrears");
    key(&mut app, '1');
    key(&mut app, '6');
    assert_eq!(app.screens().reports().data().arrears, owed);
    // Another terminal records a payment: the next tick shows it.
    let mut other = db.open_as("kim");
    let a = &owed[0];
    kiln::db::statement::pay(&mut other, &a.number, "2026-11-26", &a.outstanding.0.to_string(), "transfer", "")
        .unwrap();
    assert!(app.tick(), "the tick sees the write");
    assert!(app.screens().reports().reading(), "read again off the loop");
    app.settle();
    let now = &app.screens().reports().data().arrears;
    assert!(!now.iter().any(|x| x.number == a.number), "paid in full, no longer owed");
    assert_eq!(now.len(), owed.len() - 1);
}

/// A month, a company, its charges and how many bookings.
type UseMonth = (String, i64, i64, i64);

/// Completed use by party and month, as kept (migration 4) and as summed
/// from the bookings.
fn party_months(db: &TempDb) -> (Vec<UseMonth>, Vec<UseMonth>) {
    let rows = |sql: &str| -> Vec<UseMonth> {
        common::texts(&db.path, sql)
            .into_iter()
            .map(|r| {
                let n = |i: usize| r[i].as_deref().unwrap().parse().unwrap();
                (r[0].clone().unwrap(), n(1), n(2), n(3))
            })
            .collect()
    };
    let month = if common::pg::active() { "to_char(start, 'YYYY-MM')" } else { "substr(start, 1, 7)" };
    (
        rows(
            "SELECT month, CAST(party_id AS TEXT), CAST(charge AS TEXT), CAST(bookings AS TEXT) FROM party_month
              WHERE bookings > 0 ORDER BY 1, party_id",
        ),
        rows(&format!(
            "SELECT {month}, CAST(party_id AS TEXT),
                    CAST(sum(CASE WHEN state = 'completed' THEN charge - coalesce(voucher_share, 0) ELSE 0 END
                             + coalesce(penalty, 0)) AS TEXT),
                    CAST(count(*) AS TEXT) FROM booking
              WHERE (state = 'completed' OR penalty IS NOT NULL) AND party_id IS NOT NULL
              GROUP BY 1, party_id ORDER BY 1, party_id"
        )),
    )
}

#[test]
fn the_use_sums_follow_every_booking_however_it_changes() {
    let (db, mut s) = TempDb::demo();
    let (kept, summed) = party_months(&db);
    assert!(!kept.is_empty());
    assert_eq!(kept, summed, "as the migration filled them");
    // Through kiln: the bookings still in use are checked out.
    let filter = booking::BookingFilter { state: Some(BookingState::InUse), ..Default::default() };
    let open = booking::list(&s, &filter, Page::ALL_FOR_CLI).unwrap();
    assert!(!open.is_empty(), "the demo has machines in use");
    for b in &open {
        booking::check_out(&mut s, &b.id.to_string(), None, None).unwrap();
    }
    let (kept, summed) = party_months(&db);
    assert_eq!(kept, summed, "after check-out");
    // Around kiln, as a hand edit in sqlite3 could: the triggers still hold.
    common::behind(
        &db.path,
        "UPDATE booking SET charge = charge + 1000 WHERE id = (SELECT min(id) FROM booking WHERE state = 'completed');
         UPDATE booking SET start = '2019-01-07 10:00', \"end\" = '2019-01-07 11:00', actual_start = '2019-01-07 10:00',
                            actual_end = '2019-01-07 11:00'
          WHERE id = (SELECT max(id) FROM booking WHERE state = 'completed' AND company_id IS NOT NULL);
         UPDATE booking SET company_id = (SELECT max(id) FROM company),
                            party_id = (SELECT id FROM party WHERE company_id = (SELECT max(id) FROM company))
          WHERE id = (SELECT min(id) FROM booking WHERE state = 'completed' AND company_id IS NOT NULL);
         UPDATE booking SET state = 'cancelled', actual_start = NULL, actual_end = NULL, charge = NULL
          WHERE id = (SELECT min(id) + 1 FROM booking WHERE state = 'completed');
         DELETE FROM booking WHERE id = (SELECT max(id) FROM booking WHERE state = 'completed');",
    )
    .unwrap();
    let (kept, summed) = party_months(&db);
    assert_eq!(kept, summed, "after edits around kiln");
    // The kept sums hold; what check finds is the charge raised by hand,
    // which its recorded use and rate no longer come to.
    let found: Vec<&str> = kiln::db::check::run(&s).unwrap().invariants.iter().map(|v| v.rule).collect();
    assert_eq!(found, ["booking_charge"]);
}
