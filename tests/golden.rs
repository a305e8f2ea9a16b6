//! Golden files: what kiln prints and writes for the demo centre at a fixed
//! moment, kept byte for byte in `tests/golden/`, so that a refactor of the
//! store (issue 17) is shown to change nothing a person or a script sees.
//! Every `--json` listing and report, their text in Korean and English, the
//! CSV exports, the XLSX exports as cell values, and an iCalendar export.
//!
//! After an intended change, write the files anew and read the diff:
//! `KILN_GOLDEN=update cargo test --test golden`.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::TempDb;
use common::cli::{demo, kiln};

/// What is asked of the command line (each `--json`, and as text in both languages).
const ASKED: &[&str] = &[
    "user list",
    "company list",
    "company show 222-88-92919",
    "person list",
    "room list",
    "lease list",
    "report-year list --year 2025",
    "equipment list",
    "booking list --equipment EQ-0003 --from 2026-11-01T00:00 --to 2026-12-31T00:00",
    "downtime list",
    "quota list",
    "course list",
    "cohort list",
    "enrol list",
    "qualification list",
    "statement list --month 2026-10",
    "statement --company 222-88-92919 --month 2026-10",
    "setting list",
    "holidays --year 2026",
    "closed-day list",
    "report programme --year 2025",
    "report occupancy",
    "report occupancy-trend",
    "report utilization --month 2026-10",
    "report training",
    "report kpis",
    "report top-users --year 2026",
    "report arrears",
    "report overruns --month 2026-11",
    "check",
];

/// The tables exported to CSV (and the first two to XLSX too).
const EXPORTED: &[&str] = &[
    "companies",
    "rooms",
    "people",
    "equipment",
    "leases",
    "yearly-reports",
    "usage",
    "statements",
    "enrolments",
    "qualifications",
];

/// The OS account that made the demo is named in rows (`created_by`):
/// written as `<user>` so the files hold on any machine.
fn user() -> String {
    whoami::username().unwrap_or_default()
}

fn run(db: &TempDb, lang: &str, args: &[&str]) -> String {
    let out = kiln(db).env("LANG", lang).args(args).output().unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    let _ = writeln!(text, "[exit {}]", out.status.code().unwrap_or(-1));
    text
}

fn words(s: &str) -> Vec<&str> {
    s.split(' ').collect()
}

/// Compares `got` with the golden file `name`, or writes it when asked to.
fn golden(name: &str, got: &str) -> Result<(), String> {
    let got = got.replace(&user(), "<user>");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var("KILN_GOLDEN").as_deref() == Ok("update") {
        std::fs::write(&path, &got).unwrap();
        return Ok(());
    }
    let want = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e} (KILN_GOLDEN=update writes it)", path.display()))?;
    if want == got {
        return Ok(());
    }
    let line = want
        .lines()
        .zip(got.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(want.lines().count().min(got.lines().count()));
    Err(format!(
        "{name} differs from line {}:\n  want: {}\n  got:  {}",
        line + 1,
        want.lines().nth(line).unwrap_or("<end>"),
        got.lines().nth(line).unwrap_or("<end>")
    ))
}

fn file_name(args: &str) -> String {
    args.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect()
}

#[test]
fn listings_and_reports_print_as_they_did() {
    let db = demo();
    let mut failed = Vec::new();
    for asked in ASKED {
        let name = file_name(asked);
        let json = run(&db, "en_US.UTF-8", &[words(asked), vec!["--json"]].concat());
        let text = format!(
            "## en\n{}## ko\n{}",
            run(&db, "en_US.UTF-8", &words(asked)),
            run(&db, "ko_KR.UTF-8", &words(asked))
        );
        for (file, got) in [(format!("{name}.json"), json), (format!("{name}.txt"), text)] {
            if let Err(e) = golden(&file, &got) {
                failed.push(e);
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

fn cells(path: &Path) -> String {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let mut out = String::new();
    for name in book.sheet_names() {
        let _ = writeln!(out, "## {name}");
        let range = book.worksheet_range(&name).unwrap();
        for row in range.rows() {
            let row: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect();
            out.push_str(&row.join("\t"));
            out.push('\n');
        }
    }
    out
}

#[test]
fn exports_write_what_they_did() {
    let db = demo();
    let dir = tempfile::tempdir().unwrap();
    let mut failed = Vec::new();
    for (i, table) in EXPORTED.iter().enumerate() {
        let csv = dir.path().join(format!("{table}.csv"));
        run(&db, "en_US.UTF-8", &["export", table, "--format", "csv", "--out", csv.to_str().unwrap()]);
        if let Err(e) = golden(&format!("export_{table}.csv"), &std::fs::read_to_string(&csv).unwrap()) {
            failed.push(e);
        }
        if i < 2 {
            let xlsx = dir.path().join(format!("{table}.xlsx"));
            run(&db, "ko_KR.UTF-8", &["export", table, "--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
            if let Err(e) = golden(&format!("export_{table}.xlsx.txt"), &cells(&xlsx)) {
                failed.push(e);
            }
        }
    }
    let ics = dir.path().join("eq3.ics");
    run(
        &db,
        "ko_KR.UTF-8",
        &["export", "bookings", "--format", "ics", "--out", ics.to_str().unwrap(), "--equipment", "EQ-0003"],
    );
    if let Err(e) = golden("export_bookings_EQ-0003.ics", &std::fs::read_to_string(&ics).unwrap()) {
        failed.push(e);
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
