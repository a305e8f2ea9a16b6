//! `kiln demo --size large` at a fraction of its size: the centre it makes is
//! the one asked for, the same for the same seed, and passes every check the
//! use cases would have enforced row by row.

mod common;

use common::{TempDb, dump};
use indicatif::ProgressBar;
use kiln::db::check;
use kiln::demo::large::{self, Scale};
use kiln::{Error, Refusal};

fn count(db: &TempDb, table: &str, filter: &str) -> usize {
    let rows = common::texts(&db.path, &format!("SELECT CAST(count(*) AS TEXT) FROM {table} {filter}"));
    rows[0][0].as_deref().unwrap().parse().unwrap()
}

#[test]
fn a_small_fraction_of_the_large_centre_is_whole_sound_and_repeatable() {
    let scale = Scale::fraction(100);
    let first = TempDb::new();
    let mut store = first.open_as("kim");
    let summary = large::load(&mut store, 7, &scale, &ProgressBar::hidden()).unwrap();

    assert_eq!(summary.companies, scale.companies);
    assert_eq!(summary.machines, scale.machines);
    assert_eq!(summary.bookings, scale.bookings);
    assert_eq!(summary.cohorts, scale.cohorts);
    assert_eq!(count(&first, "company", ""), scale.companies);
    assert_eq!(count(&first, "equipment", ""), scale.machines);
    assert_eq!(count(&first, "booking", ""), summary.bookings);
    assert_eq!(count(&first, "cohort", ""), scale.cohorts);
    assert!(count(&first, "person", "") >= scale.people, "people of companies and outside ones");
    // Past bookings were used and charged; coming ones wait.
    assert!(count(&first, "booking", "WHERE state = 'completed' AND charge > 0") > 0);
    assert!(count(&first, "booking", "WHERE state IN ('requested', 'approved')") > 0);
    assert!(summary.statements > 0);
    // Classes and vouchers, as a real centre's statements read them; the
    // shares drawn are on the statements' lines.
    assert!(count(&first, "party", "WHERE class_id IS NOT NULL") > 0);
    assert!(count(&first, "voucher_grant", "WHERE used > 0") > 0);
    assert!(count(&first, "statement_line", "WHERE voucher_share > 0") > 0);
    // The programme's funder is billed the shares from this month, the
    // first not issued.
    let billed_from = "WHERE payer_id IS NOT NULL AND payer_from IS NOT NULL";
    assert_eq!(count(&first, "voucher_programme", billed_from), 1);
    // Outsiders with no company are billed too.
    assert!(count(&first, "statement", "WHERE company_id IS NULL") > 0);

    let report = check::run(&store).unwrap();
    assert!(report.is_clean(), "{report:?}");

    // A database that holds data is refused, and left as it was.
    let before = dump(&first.path);
    let again = large::load(&mut store, 7, &scale, &ProgressBar::hidden());
    assert!(matches!(again, Err(Error::Refused(Refusal::NotEmpty))), "{again:?}");
    drop(store);
    assert_eq!(dump(&first.path), before);

    let second = TempDb::new();
    let mut store = second.open_as("kim");
    large::load(&mut store, 7, &scale, &ProgressBar::hidden()).unwrap();
    drop(store);
    assert_eq!(dump(&second.path), before, "the same seed makes the same centre");
}
