//! The tax documents of an issued month, over the demo centre on a real
//! file (and on PostgreSQL with KILN_TEST_ENGINE=postgres): every issued
//! statement of a party with a BRN makes a 세금계산서 for its taxable lines
//! and a 계산서 for its exempt ones, adding up to the statement; the
//! individuals' statements are named apart.

mod common;

use std::fmt::Write as _;

use calamine::{Reader, Xlsx, open_workbook};
use common::TempDb;
use common::cli::{fails, json, kiln};
use kiln::db::{invoice, statement};
use kiln::domain::Won;
use kiln::domain::statement::{LineKind, Tax};
use kiln::domain::tax_document::DocKind;

#[test]
fn each_issued_statement_makes_documents_that_add_up_to_it() {
    let (db, s) = TempDb::demo();
    let issued = statement::issued_list(&s, Some("2026-10"), None).unwrap();
    let m = invoice::month(&s, "2026-10").unwrap();
    assert!(!m.documents.is_empty());
    let mut with_brn = 0;
    for st in &issued {
        let number = st.number.clone().unwrap();
        if st.brn.is_empty() {
            assert!(m.without_brn.contains(&number), "{number} is named apart");
            continue;
        }
        with_brn += 1;
        // What the documents bill: the statement's lines less corrections
        // of earlier statements (their own 수정세금계산서).
        let billed = |tax: Tax| -> i64 {
            st.lines
                .iter()
                .filter(|l| l.terms.tax == tax && (l.kind != LineKind::Adjustment || l.subject.is_empty()))
                .map(|l| l.amount.0)
                .sum()
        };
        let docs: Vec<_> = m.documents.iter().filter(|d| d.statement == number).collect();
        for (kind, tax) in [(DocKind::TaxInvoice, Tax::Taxable), (DocKind::Invoice, Tax::Exempt)] {
            let doc = docs.iter().find(|d| d.document.kind == kind);
            match doc {
                Some(d) => {
                    assert_eq!(d.document.supply.0, billed(tax), "{number} {kind:?}");
                    assert_eq!(d.brn, st.brn);
                    assert_eq!(d.document.written_on.to_string(), "2026-10-31");
                    let expected = if kind == DocKind::TaxInvoice { d.document.supply.vat() } else { Won::ZERO };
                    assert_eq!(d.document.tax, expected);
                }
                None => assert!(billed(tax) <= 0, "{number} {kind:?}: no document for {}", billed(tax)),
            }
        }
    }
    assert!(with_brn > 0 && !m.without_brn.is_empty(), "the demo bills both firms and individuals");
    // Every issued month of the demo can be uploaded, and the outside
    // organisations, billed once their use is, have the representative the
    // form requires.
    for back in 1..=12 {
        let first = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() - chrono::Months::new(back);
        let month = first.format("%Y-%m").to_string();
        invoice::upload(&s, &month).unwrap_or_else(|e| panic!("{month}: {e:?}"));
    }
    let named = common::texts(&db.path, "SELECT representative FROM party WHERE kind = 'organisation'");
    assert!(!named.is_empty() && named.iter().all(|r| r[0].is_some()), "{named:?}");
    // The same from the command line, as JSON.
    drop(s);
    let j = json(kiln(&db).args(["invoice", "list", "--month", "2026-10", "--json"]));
    assert_eq!(j["documents"].as_array().unwrap().len(), m.documents.len());
    let first = &j["documents"][0];
    assert_eq!(first["kind"], "tax-invoice");
    assert!(first["items"][0]["name"].is_string() && first["supply"].is_i64(), "{first}");
    let e = fails(kiln(&db).args(["--lang", "ko", "invoice", "list", "--month", "2026-13"]), 2);
    assert!(e.starts_with("error: 월: ") && e.lines().count() == 1, "{e}");
}

/// Column `col` (`A`, `BG`) of a row read back.
fn cell(row: &[calamine::Data], col: &str) -> String {
    let i = col.bytes().fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1)) - 1;
    row.get(i).map(ToString::to_string).unwrap_or_default()
}

#[test]
fn the_upload_form_reads_back_as_the_reference_lays_it_out() {
    use kiln::export::hometax;
    let (db, s) = TempDb::demo();
    let m = invoice::month(&s, "2026-10").unwrap();
    drop(s);
    let out = db.dir.path().join("hometax");
    std::fs::create_dir_all(&out).unwrap();
    let j = json(kiln(&db).args(["invoice", "export", "--month", "2026-10", "--json", "--out"]).arg(&out));
    assert_eq!(j.as_array().unwrap().len(), 1, "taxable only in the demo: {j}");
    assert_eq!(j[0]["documents"].as_u64(), Some(m.documents.len() as u64));
    let file = out.join("kiln-tax-invoices-2026-10-1.xlsx");
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    assert_eq!(book.sheet_names(), [hometax::SHEET]);
    let sheet = book.worksheet_range(hometax::SHEET).unwrap();
    let rows: Vec<&[calamine::Data]> = sheet.rows().collect();
    assert!(cell(rows[0], "A").starts_with("엑셀 업로드 양식(전자세금계산서-일반(영세율))"));
    let head: Vec<String> = rows[5].iter().map(ToString::to_string).collect();
    assert_eq!(head, hometax::headers(DocKind::TaxInvoice), "row 6 holds the headers");
    let data = &rows[6..];
    assert_eq!(data.len(), m.documents.len(), "one row a document from row 7");
    let supplier = kiln::demo::supplier();
    for (row, d) in data.iter().zip(&m.documents) {
        for col in ["A", "B", "C", "E", "F", "K", "M", "N", "T", "U", "W", "X", "AB", "BG"] {
            assert!(!cell(row, col).is_empty(), "{} column {col} is required", d.statement);
        }
        assert_eq!((cell(row, "A"), cell(row, "B"), cell(row, "BG")), ("01".into(), "20261031".into(), "02".into()));
        assert_eq!(cell(row, "C"), supplier.brn.as_deref().unwrap().replace('-', ""));
        assert_eq!(cell(row, "K"), d.brn.replace('-', ""));
        assert_eq!(cell(row, "V"), d.statement);
        let num = |col: &str| cell(row, col).parse::<i64>().unwrap_or(0);
        assert_eq!(num("T"), d.document.supply.0);
        assert_eq!(num("AB") + num("AJ") + num("AR") + num("AZ"), num("T"), "{}: items add up", d.statement);
        assert_eq!(num("AC") + num("AK") + num("AS") + num("BA"), num("U"), "{}: item taxes add up", d.statement);
        assert_eq!(cell(row, "W"), "31", "the day, two digits");
    }
}

#[test]
fn a_buyer_with_no_representative_stops_the_export_until_one_is_set() {
    use kiln::db::booking::{self, PastBooking};
    use kiln::domain::{Minute, Period};
    let (db, mut s) = common::money::centre();
    let from = Minute::at(chrono::NaiveDate::from_ymd_opt(2026, 10, 6).unwrap(), 10, 0);
    let period = Period::new(from, Minute(from.0 + 120)).unwrap();
    let row = PastBooking {
        equipment: "EQ-0001".into(),
        person: "P-0001".into(),
        party: String::new(),
        period,
        samples: 1,
        purpose: "분석".into(),
        state: kiln::domain::booking::BookingState::Completed,
        actual: Some(period),
    };
    booking::record(&mut s, &[row]).unwrap();
    statement::issue(&mut s, "2026-10", None).unwrap();
    drop(s);
    let out = db.dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let e = fails(kiln(&db).args(["invoice", "export", "--month", "2026-10", "--out"]).arg(&out), 1);
    assert!(e.contains("세라소재") && e.contains("--representative") && e.lines().count() == 1, "{e}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "nothing written");
    json(kiln(&db).args(["company", "edit", common::money::BRN, "--representative", "김대표", "--json"]));
    let j = json(
        kiln(&db).args(["invoice", "export", "--month", "2026-10", "--format", "csv", "--json", "--out"]).arg(&out),
    );
    assert_eq!(j[0]["documents"], 1);
    let mut csv = csv::Reader::from_path(out.join("kiln-tax-invoices-2026-10-1.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!((&rows[0][12], &rows[0][13]), ("세라소재", "김대표"), "공급받는자 상호 (M) and 성명 (N)");
}

#[test]
fn a_month_of_230_documents_is_written_as_100_100_and_30() {
    use kiln::db::invoice::{Buyer, MonthDocument, Upload};
    use kiln::domain::tax_document::documents;
    use kiln::export::hometax;
    let last = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
    let line = |amount: i64, tax: Tax| kiln::domain::statement::Line {
        kind: LineKind::Usage,
        subject: "EQ-0001".into(),
        detail: String::new(),
        quantity: 1.0,
        unit: kiln::domain::statement::Unit::Hour,
        unit_price: Some(Won(amount)),
        amount: Won(amount),
        source: String::new(),
        terms: kiln::domain::statement::LineTerms { tax, ..Default::default() },
    };
    let mut docs = Vec::new();
    for n in 0..230 {
        let tax = if n < 200 { Tax::Taxable } else { Tax::Exempt };
        for document in documents(last, &[line(10_000 + n, tax)]).unwrap() {
            let d = MonthDocument {
                statement: format!("2026-10-{:04}", n + 1),
                party: format!("BP-{:04}", n + 1),
                name: format!("기업{n}"),
                brn: "124-81-00998".into(),
                document,
                approval: None,
            };
            let buyer = Buyer { brn: "1248100998".into(), representative: "대표".into(), email: None };
            docs.push((d, buyer));
        }
    }
    let supplier = kiln::demo::supplier().apply(None).unwrap();
    let upload = Upload { supplier, documents: docs };
    let dir = tempfile::tempdir().unwrap();
    let written = hometax::write_month(&upload, "2026-10", dir.path(), true, &dir.path().join("kiln.sqlite3")).unwrap();
    let counts: Vec<(DocKind, usize)> = written.iter().map(|w| (w.kind, w.documents)).collect();
    assert_eq!(counts, [(DocKind::TaxInvoice, 100), (DocKind::TaxInvoice, 100), (DocKind::Invoice, 30)]);
    let mut book: Xlsx<_> = open_workbook(dir.path().join("kiln-invoices-2026-10-1.xlsx")).unwrap();
    let sheet = book.worksheet_range(hometax::SHEET).unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows.len(), 6 + 30);
    assert_eq!(cell(rows[6], "A"), "05");
    assert_eq!(cell(rows[5], "A"), "전자(세금)계산서 종류\n(05::일반)");
    let mut two: Xlsx<_> = open_workbook(dir.path().join("kiln-tax-invoices-2026-10-2.xlsx")).unwrap();
    let second = two.worksheet_range(hometax::SHEET).unwrap();
    assert_eq!(second.rows().count(), 6 + 100);
    assert_eq!(cell(second.rows().nth(6).unwrap(), "V"), "2026-10-0101", "the second file goes on from the 101st");
}

#[test]
fn an_organisations_representative_is_set_and_a_companys_is_refused_there() {
    let (db, s) = common::money::centre();
    drop(s);
    let org = json(kiln(&db).args([
        "party",
        "add",
        "--kind",
        "organisation",
        "--name",
        "강릉과학대학교 산학협력단",
        "--brn",
        "220-82-03117",
        "--json",
    ]));
    let code = org["code"].as_str().unwrap().to_owned();
    let company = json(kiln(&db).args(["party", "show", common::money::BRN, "--json"]));
    let before = common::dump(&db.path);
    let e = fails(kiln(&db).args(["party", "set-representative", company["code"].as_str().unwrap(), "김대표"]), 2);
    assert!(e.starts_with("error: representative: ") && e.lines().count() == 1, "{e}");
    let e = fails(kiln(&db).args(["party", "set-representative", &code, "김\u{202E}총장"]), 2);
    assert!(e.starts_with("error: representative: "), "{e}");
    assert_eq!(common::dump(&db.path), before);
    json(kiln(&db).args(["party", "set-representative", &code, "김총장", "--json"]));
    let audited = common::texts(
        &db.path,
        &format!(
            "SELECT action FROM audit_log WHERE entity = 'party' AND entity_id = '{code}' AND action = 'set-representative'"
        ),
    );
    assert_eq!(audited.len(), 1);
}

#[test]
fn approval_numbers_are_recorded_once_each_and_only_for_the_month_named() {
    // The demo made from the command line: its admin is whoever runs it.
    let db = common::cli::demo();
    let mut s = db.open_as(&common::money::me());
    let m = invoice::month(&s, "2026-10").unwrap();
    assert!(m.documents.iter().all(|d| d.approval.is_none()), "waiting until confirmed");
    let (first, second) = (m.documents[0].statement.clone(), m.documents[1].statement.clone());
    let sept = invoice::month(&s, "2026-09").unwrap().documents[0].statement.clone();
    let confirm = |statement: &str, approval: &str| invoice::Confirmation {
        statement: statement.into(),
        kind: String::new(),
        approval: approval.into(),
    };
    let before = common::dump(&db.path);
    let invalid = |e: kiln::error::Error| match e {
        kiln::error::Error::Invalid(i) => (i.field, i.problem),
        other => panic!("{other:?}"),
    };
    let e = invoice::confirm(&mut s, "2026-10", &[confirm(&sept, "20261110-41000000-00000001")]).unwrap_err();
    assert_eq!(
        invalid(e),
        (kiln::domain::Field::Statement, kiln::domain::Problem::OtherMonth { month: "2026-10".into() })
    );
    let e = invoice::confirm(&mut s, "2026-10", &[confirm(&first, "2026111041000000")]).unwrap_err();
    assert_eq!(invalid(e).0, kiln::domain::Field::ApprovalNo);
    let twice = [confirm(&first, "20261110-41000000-00000001"), confirm(&second, "202611104100000000000001")];
    let e = invoice::confirm(&mut s, "2026-10", &twice).unwrap_err();
    assert!(matches!(e, kiln::error::Error::Refused(kiln::error::Refusal::Duplicate { .. })), "{e:?}");
    assert_eq!(common::dump(&db.path), before, "refusals change nothing");
    let done = invoice::confirm(&mut s, "2026-10", &[confirm(&first, "20261110-41000000-00000001")]).unwrap();
    assert_eq!(done[0].approval.as_deref(), Some("202611104100000000000001"));
    let m = invoice::month(&s, "2026-10").unwrap();
    assert_eq!(m.documents.iter().filter(|d| d.approval.is_some()).count(), 1);
    // The same number again, for another document; the same document again.
    let e = invoice::confirm(&mut s, "2026-10", &[confirm(&second, "20261110-41000000-00000001")]).unwrap_err();
    assert!(matches!(e, kiln::error::Error::Refused(kiln::error::Refusal::Duplicate { .. })), "{e:?}");
    let e = invoice::confirm(&mut s, "2026-10", &[confirm(&first, "20261110-41000000-00000002")]).unwrap_err();
    assert!(matches!(e, kiln::error::Error::Refused(kiln::error::Refusal::Duplicate { .. })), "{e:?}");
    // Frozen once recorded, whoever writes.
    drop(s);
    assert!(common::behind(&db.path, "UPDATE tax_approval SET approval_no = '202611104100000000000009'").is_err());
    // A CSV of the rest, by Korean headers, from the command line.
    let rest: Vec<_> = m.documents.iter().filter(|d| d.approval.is_none()).take(3).collect();
    let mut csv = String::from("\u{feff}청구서,승인번호\n");
    for (i, d) in rest.iter().enumerate() {
        writeln!(csv, "{},20261110-41000000-1000000{i}", d.statement).unwrap();
    }
    let file = db.dir.path().join("승인.csv");
    std::fs::write(&file, csv).unwrap();
    let j = json(kiln(&db).args(["invoice", "confirm", "--month", "2026-10", "--json", "--file"]).arg(&file));
    assert_eq!(j.as_array().unwrap().len(), 3);
    let listed = json(kiln(&db).args(["invoice", "list", "--month", "2026-10", "--json"]));
    let confirmed = listed["documents"].as_array().unwrap().iter().filter(|d| d["approval"].is_string()).count();
    assert_eq!(confirmed, 4);
    let e = fails(
        kiln(&db).args([
            "--lang",
            "ko",
            "invoice",
            "confirm",
            "--month",
            "2026-10",
            "--statement",
            &sept,
            "--approval",
            "20261110-41000000-20000000",
        ]),
        2,
    );
    assert!(e.starts_with("error: 청구서: ") && e.contains("2026-10") && e.lines().count() == 1, "{e}");
}
