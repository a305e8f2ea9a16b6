//! `kiln export NAME --format csv|xlsx|json|ics` over the real binary and a
//! demo centre: every file reads back to what `kiln … list --json` says.

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use common::TempDb;
use common::cli::{demo, fails, init, json, kiln, stdout};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime};
use kiln::export::columns::{self, Column, Kind};
use serde_json::Value;

/// The list command that shows the same rows as the export of `table`.
fn list_json(db: &TempDb, table: &str) -> Vec<Value> {
    let args: &[&str] = match table {
        "companies" => &["company", "list"],
        "rooms" => &["room", "list"],
        "people" => &["person", "list"],
        "equipment" => &["equipment", "list"],
        "leases" => &["lease", "list"],
        "yearly-reports" => &["report-year", "list"],
        "bookings" => &["booking", "list"],
        "usage" => &["booking", "list", "--state", "completed"],
        "statements" => &["statement", "list"],
        "write-offs" => &["statement", "write-offs"],
        "parties" => &["party", "list"],
        "projects" => &["project", "list"],
        "consumables" => &["consumable", "list"],
        "voucher-programmes" => &["voucher", "programme", "list"],
        "voucher-grants" => &["voucher", "grant", "list"],
        "enrolments" => &["enrol", "list"],
        "qualifications" => &["qualification", "list"],
        // One row: the centre as supplier.
        "supplier" => &["centre", "show"],
        "deposits" => &["deposit", "ledger"],
        "approvals" => &["invoice", "approvals"],
        other => panic!("no list for {other}"),
    };
    let noun = args[0];
    match json(kiln(db).args(args).arg("--json")) {
        Value::Array(rows) => rows,
        row @ Value::Object(_) => vec![row],
        other => panic!("{noun} list: {other}"),
    }
}

fn export(db: &TempDb, table: &str, format: &str) -> PathBuf {
    let out = db.dir.path().join(format!("{table}.{format}"));
    let said = stdout(kiln(db).args(["export", table, "--format", format, "--out"]).arg(&out));
    assert!(said.starts_with("Wrote ") && said.contains(&out.display().to_string()), "{said}");
    out
}

fn cols(table: &str) -> &'static [Column] {
    columns::table(table).unwrap()
}

fn col(table: &str, key: &str) -> usize {
    cols(table).iter().position(|c| c.key == key).unwrap()
}

/// Days since 1899-12-30: the serial Excel stores for a date.
fn serial(date: &str) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (NaiveDate::parse_from_str(&date[..10], "%Y-%m-%d").unwrap() - epoch).num_days() as f64
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Int(i) => *i as f64,
        Data::Float(f) => *f,
        other => panic!("not a number: {other:?}"),
    }
}

/// A numeric cell holding a whole number (won, counts).
fn whole(cell: &Data) -> i64 {
    let x = number(cell);
    assert!((x - x.round()).abs() < 1e-9, "not whole: {x}");
    x.round() as i64
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// The serial of a cell Excel shows as a date (or date and time).
fn date(cell: &Data) -> f64 {
    match cell {
        Data::DateTime(d) => d.as_f64(),
        other => panic!("not a date: {other:?}"),
    }
}

struct Book {
    rows: Vec<Vec<Data>>,
    styles: calamine::StyleRange,
    formulas: calamine::Range<String>,
}

fn read_xlsx(path: &Path, sheet: &str) -> Book {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    assert_eq!(book.sheet_names(), [sheet]);
    let range = book.worksheet_range(sheet).unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    Book {
        rows: range.rows().map(<[Data]>::to_vec).collect(),
        styles: book.worksheet_style(sheet).unwrap(),
        formulas: book.worksheet_formula(sheet).unwrap(),
    }
}

impl Book {
    fn format(&self, row: usize, col: usize) -> Option<String> {
        let style = self.styles.get((row as u32, col as u32))?;
        style.number_format.as_ref().map(|f| f.format_code.clone())
    }
}

#[test]
fn xlsx_has_korean_titles_real_numbers_and_dates_and_the_same_rows_as_the_list() {
    let db = demo();
    for (table, sheet) in [("companies", "기업"), ("rooms", "호실"), ("equipment", "장비"), ("bookings", "예약")]
    {
        let list = list_json(&db, table);
        assert!(!list.is_empty(), "{table}: the demo has rows");
        let book = read_xlsx(&export(&db, table, "xlsx"), sheet);
        let titles: Vec<String> = book.rows[0].iter().map(ToString::to_string).collect();
        let korean: Vec<&str> = cols(table).iter().map(|c| c.ko).collect();
        assert_eq!(titles, korean, "{table}: the header row holds the Korean titles");
        let header = book.styles.get((0, 0)).unwrap();
        assert!(header.font.as_ref().is_some_and(calamine::Font::is_bold), "{table}: bold header");
        assert!(header.fill.as_ref().is_some_and(calamine::Fill::is_visible), "{table}: filled header");
        // Bookings carry a totals row under the data (a SUM of the charges).
        let totals = usize::from(table == "bookings");
        let data = &book.rows[1..book.rows.len() - totals];
        assert_eq!(data.len(), list.len(), "{table}: one row per listed row");
        for (row, item) in data.iter().zip(&list) {
            let first = cols(table)[0].key;
            assert_eq!(row[0].to_string(), item[first].as_str().map_or_else(|| item[first].to_string(), str::to_owned));
        }
        // A Won column is numeric, formatted #,##0, and adds up like the JSON.
        let won = cols(table).iter().position(|c| c.kind == Kind::Won);
        if let Some(w) = won {
            let key = cols(table)[w].key;
            let mut sum = 0;
            for (r, (row, item)) in data.iter().zip(&list).enumerate() {
                match item[key].as_i64() {
                    Some(v) => {
                        assert_eq!(whole(&row[w]), v, "{table}.{key} row {r}");
                        assert_eq!(book.format(r + 1, w).as_deref(), Some("#,##0"), "{table}.{key}");
                        sum += v;
                    }
                    None => assert_eq!(row[w], Data::Empty, "{table}.{key}: null is an empty cell"),
                }
            }
            let json_sum: i64 = list.iter().filter_map(|i| i[key].as_i64()).sum();
            assert_eq!(sum, json_sum, "{table}.{key}");
        }
        match table {
            "companies" => {
                let c = col(table, "admitted_on");
                let first = list[0]["admitted_on"].as_str().unwrap();
                assert!(close(date(&data[0][c]), serial(first)), "admitted_on is a real date");
                assert_eq!(book.format(1, c).as_deref(), Some("yyyy-mm-dd"));
            }
            "rooms" => {
                let a = col(table, "area_m2");
                assert!(close(number(&data[0][a]), list[0]["area_m2"].as_f64().unwrap()));
                assert_eq!(book.format(1, a).as_deref(), Some("0.00"));
                assert!(matches!(data[0][col(table, "floor")], Data::Int(_) | Data::Float(_)));
            }
            "equipment" => {
                let h = col(table, "holidays_bookable");
                assert_eq!(data[0][h], Data::Bool(list[0]["holidays_bookable"].as_bool().unwrap()));
                assert_eq!(whole(&data[0][col(table, "slot_minutes")]), list[0]["slot_minutes"].as_i64().unwrap());
            }
            "bookings" => {
                let s = col(table, "start");
                let start = list[0]["start"].as_str().unwrap();
                let cell = date(&data[0][s]);
                let minutes = start[11..13].parse::<f64>().unwrap() * 60.0 + start[14..16].parse::<f64>().unwrap();
                let expected = serial(start) + minutes / 1440.0;
                assert!(close(cell, expected), "{cell} vs {start}");
                assert_eq!(book.format(1, s).as_deref(), Some("yyyy-mm-dd hh:mm"));
                // The totals row: a SUM whose cached value readers see without calculating.
                let c = col(table, "charge");
                let last = book.rows.len() - 1;
                assert_eq!(book.rows[last][0], Data::String("합계".into()));
                let charges: i64 = list.iter().filter_map(|i| i["charge"].as_i64()).sum();
                assert!(charges > 0, "the demo has charged bookings");
                assert_eq!(whole(&book.rows[last][c]), charges);
                let letter = char::from(b'A' + c as u8);
                let formula = book.formulas.get_value((last as u32, c as u32)).cloned().unwrap_or_default();
                assert_eq!(formula, format!("SUM({letter}2:{letter}{last})"), "{formula}");
            }
            _ => unreachable!(),
        }
    }
}

#[test]
fn csv_of_companies_has_the_keys_as_headers_and_the_listed_rows() {
    let db = demo();
    let list = list_json(&db, "companies");
    let path = export(&db, "companies", "csv");
    assert!(std::fs::read(&path).unwrap().starts_with("\u{feff}".as_bytes()), "a byte-order mark for Korean Excel");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let keys: Vec<&str> = columns::COMPANIES.iter().map(|c| c.key).collect();
    assert_eq!(headers, keys);
    // Every header maps back to its field, as `kiln import` will map it.
    for h in &headers {
        assert_eq!(columns::key_for(columns::COMPANIES, h), Some(h.as_str()));
    }
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), list.len());
    for (record, item) in records.iter().zip(&list) {
        for (cell, key) in record.iter().zip(&keys) {
            let expected = match &item[*key] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(cell, expected, "{key}");
        }
    }
}

#[test]
fn csv_formats_numbers_areas_and_bools_plainly() {
    let db = demo();
    let rooms = list_json(&db, "rooms");
    let mut reader = csv::Reader::from_path(export(&db, "rooms", "csv")).unwrap();
    let first = reader.records().next().unwrap().unwrap();
    let area = rooms[0]["area_m2"].as_f64().unwrap();
    assert_eq!(&first[col("rooms", "area_m2")], format!("{area:.2}"));
    assert_eq!(&first[col("rooms", "rent_per_m2")], rooms[0]["rent_per_m2"].to_string(), "won without separators");
    let mut reader = csv::Reader::from_path(export(&db, "equipment", "csv")).unwrap();
    let first = reader.records().next().unwrap().unwrap();
    assert!(["true", "false"].contains(&&first[col("equipment", "needs_approval")]));
}

#[test]
fn json_export_equals_the_list_for_every_table() {
    let db = demo();
    for (table, cols) in columns::TABLES {
        let list = list_json(&db, table);
        let path = export(&db, table, "json");
        let text = std::fs::read_to_string(&path).unwrap();
        let exported: Vec<serde_json::Map<String, Value>> = serde_json::from_str(&text).unwrap();
        assert_eq!(exported.len(), list.len(), "{table}");
        for (e, item) in exported.iter().zip(&list) {
            let mut keys: Vec<&str> = e.keys().map(String::as_str).collect();
            let mut want: Vec<&str> = cols.iter().map(|c| c.key).collect();
            keys.sort_unstable();
            want.sort_unstable();
            assert_eq!(keys, want, "{table}: exactly the column keys");
            for c in *cols {
                assert_eq!(e[c.key], item[c.key], "{table}.{}", c.key);
            }
        }
        // The keys come in column order (the first object shows it).
        if let Some(first) = text.split("\n  }").next() {
            let at: Vec<usize> = cols.iter().map(|c| first.find(&format!("\"{}\":", c.key)).unwrap()).collect();
            assert!(at.is_sorted(), "{table}: keys in column order");
        }
    }
}

#[test]
fn bookings_keep_their_filters_and_ics() {
    let db = demo();
    let filtered = json(kiln(&db).args(["booking", "list", "--equipment", "EQ-0001", "--json"]));
    let out = db.dir.path().join("eq1.json");
    let said =
        stdout(kiln(&db).args(["export", "bookings", "--equipment", "EQ-0001", "--format", "json", "--out"]).arg(&out));
    let n = filtered.as_array().unwrap().len();
    assert!(said.starts_with(&format!("Wrote {n} rows")), "{said}");
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(exported.as_array().unwrap().len(), n);
    let ics = db.dir.path().join("eq1.ics");
    let from = ["--from", "2026-11-01 00:00", "--to", "2026-12-01 00:00"];
    stdout(
        kiln(&db)
            .args(["export", "bookings", "--format", "ics", "--equipment", "EQ-0001"])
            .args(from)
            .arg("--out")
            .arg(&ics),
    );
    // Read back with an iCalendar parser: one event per booking of the
    // month, each with its own UID, at its time in UTC (KST less nine hours).
    let month = json(kiln(&db).args(["booking", "list", "--equipment", "EQ-0001", "--json"]).args(from));
    let month = month.as_array().unwrap();
    let text = std::fs::read_to_string(&ics).unwrap();
    let cal: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = cal.events().collect();
    assert_eq!(events.len(), month.len());
    assert!(!events.is_empty());
    let uids: std::collections::HashSet<&str> = events.iter().filter_map(|e| e.get_uid()).collect();
    assert_eq!(uids.len(), events.len(), "stable, distinct UIDs");
    let first = month.iter().map(|b| b["start"].as_str().unwrap()).min().unwrap();
    let kst = chrono::NaiveDateTime::parse_from_str(first, "%Y-%m-%d %H:%M").unwrap();
    let starts: Vec<chrono::NaiveDateTime> = events
        .iter()
        .map(|e| match e.get_start() {
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t.naive_utc(),
            other => panic!("a start in UTC, not {other:?}"),
        })
        .collect();
    assert_eq!(starts.iter().min(), Some(&(kst - chrono::Duration::hours(9))));
}

#[test]
fn an_existing_file_is_overwritten_and_korean_says_so_in_korean() {
    let db = demo();
    let out = db.dir.path().join("rooms.csv");
    std::fs::write(&out, "old").unwrap();
    let said = stdout(kiln(&db).args(["--lang", "ko", "export", "rooms", "--format", "csv", "--out"]).arg(&out));
    assert!(said.contains("39행을") && said.contains("썼습니다"), "{said}");
    assert!(std::fs::read_to_string(&out).unwrap().contains("area_m2"));
}

#[test]
fn bad_usage_exits_2_and_a_missing_directory_exits_1_writing_nothing() {
    let db = init();
    let out = db.dir.path().join("x.csv");
    let err = fails(kiln(&db).args(["export", "invoices", "--format", "csv", "--out"]).arg(&out), 2);
    assert!(err.contains("invoices") && err.contains("companies") && err.contains("qualifications"), "{err}");
    let err = fails(kiln(&db).args(["export", "companies", "--format", "ics", "--out"]).arg(&out), 2);
    assert!(err.contains("ics") && err.contains("xlsx"), "{err}");
    let err =
        fails(kiln(&db).args(["export", "rooms", "--format", "csv", "--equipment", "EQ-0001", "--out"]).arg(&out), 2);
    assert!(err.contains("bookings"), "{err}");
    let err =
        fails(kiln(&db).args(["export", "bookings", "--format", "csv", "--from", "yesterday", "--out"]).arg(&out), 2);
    assert!(err.contains("yesterday"), "{err}");
    assert!(!out.exists(), "bad usage writes nothing");
    let missing = db.dir.path().join("no-such-dir").join("companies.xlsx");
    for format in ["xlsx", "csv", "json"] {
        let err = fails(kiln(&db).args(["export", "companies", "--format", format, "--out"]).arg(&missing), 1);
        assert!(err.contains("no-such-dir"), "the error names the file: {err}");
    }
    let err =
        fails(kiln(&db).args(["--lang", "ko", "export", "bookings", "--format", "ics", "--out"]).arg(&missing), 1);
    assert!(err.contains("no-such-dir") && err.contains("파일이나 폴더가 없습니다"), "{err}");
}

#[test]
fn usage_and_statements_export_with_totals_that_add_up() {
    let db = demo();
    let statements = json(kiln(&db).args(["statement", "list", "--json"]));
    let statements = statements.as_array().unwrap();
    let book = read_xlsx(&export(&db, "statements", "xlsx"), "청구서");
    assert_eq!(book.rows[0][col("statements", "total")].to_string(), "합계");
    assert_eq!(book.rows.len(), statements.len() + 2, "a header, a row per statement, the totals");
    let totals = book.rows.last().unwrap();
    for key in ["supply", "vat", "total", "paid", "outstanding"] {
        let sum: i64 = statements.iter().map(|s| s[key].as_i64().unwrap()).sum();
        assert_eq!(whole(&totals[col("statements", key)]), sum, "{key}");
    }
    assert_eq!(book.format(1, col("statements", "total")).as_deref(), Some("#,##0"));
    let completed = json(kiln(&db).args(["booking", "list", "--state", "completed", "--json"]));
    let csv = std::fs::read_to_string(export(&db, "usage", "csv")).unwrap();
    assert_eq!(csv.lines().count(), completed.as_array().unwrap().len() + 1);
    assert!(csv.starts_with("\u{feff}id,equipment,equipment_name,company_brn"), "{}", &csv[..80]);
}
