//! Issue 20's worked example, by hand in won: a tenant with rent and fee,
//! equipment use with a voucher (its share billed to the ministry that
//! funds the programme), an exempt course fee and a correction of last
//! month's check-out. The statement, the documents, their items, the
//! correction and the upload rows match it, column by column. On a real
//! file, and on PostgreSQL with KILN_TEST_ENGINE=postgres.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::cli::{json, kiln};
use common::money::{BRN, centre, me};
use common::{TempDb, open_at};
use kiln::db::booking;
use kiln::db::training;
use kiln::db::{Store, check, company, deposit, invoice, statement, voucher};
use kiln::domain::Won;
use kiln::domain::statement::{LineKind, Tax};
use kiln::domain::tax_correction::Reason;
use kiln::domain::tax_document::DocKind;
use kiln::domain::voucher::GrantInput;

const OCTOBER_APPROVAL: &str = "202611054100000000000001";

/// 세라소재 (an SME: the FE-SEM at 42,000원 an hour, 70 % of it paid by
/// voucher VP-0001) leases 301 from 09-01 at 500,000 rent and 100,000 fee
/// a month, with a 3,000,000원 deposit. October: two hours of SEM on 10-05;
/// issued on 11-05 and its 세금계산서 confirmed. Today (11-26): October's
/// check-out is corrected to three hours, four hours were used on 11-02,
/// 이바다 took a seat on a 300,000원 course (exempt), and November is issued.
fn example() -> (TempDb, Store) {
    let (db, mut s) = centre();
    let rep = company::CompanyEdit { representative: Some("박서준".into()), ..Default::default() };
    company::edit(&mut s, BRN, &rep).unwrap();
    let grant =
        GrantInput { programme: "VP-0001".into(), party: BRN.into(), year: "2026".into(), cap: "30,000,000".into() };
    voucher::grant(&mut s, &grant).unwrap();
    common::money::lease_301(&mut s, "2026-09-01", "2027-09-01", Some("3,000,000"));
    deposit::receive(&mut s, "L-0001", "2026-09-01", "3,000,000", "").unwrap();
    common::money::paid_course(&mut s, "10");
    drop(s);
    let mut s = open_at(&db.path, &me(), "2026-10-06 10:00");
    common::money::sem_used(&mut s, "2026-10-05", 2);
    drop(s);
    let mut s = open_at(&db.path, &me(), "2026-11-05 09:00");
    // The tenant's statement first, then the ministry's: numbered so.
    statement::issue(&mut s, "2026-10", Some(BRN)).unwrap();
    statement::issue(&mut s, "2026-10", None).unwrap();
    let c = invoice::Confirmation {
        statement: "2026-10-0001".into(),
        approval: OCTOBER_APPROVAL.into(),
        ..Default::default()
    };
    invoice::confirm(&mut s, "2026-10", &[c]).unwrap();
    drop(s);
    let mut s = db.open_as(&me());
    booking::correct(&mut s, "1", None, Some("2026-10-05 12:00"), "체크아웃 누락: 실제 12시 종료").unwrap();
    common::money::sem_used(&mut s, "2026-11-02", 4);
    training::enrol(&mut s, "KILN-301/2026-4", "P-0002", None).unwrap();
    statement::issue(&mut s, "2026-11", Some(BRN)).unwrap();
    statement::issue(&mut s, "2026-11", None).unwrap();
    (db, s)
}

#[test]
fn the_statement_documents_and_correction_match_the_example_by_hand() {
    let (_db, s) = example();
    // October as issued: 500,000 + 100,000 + (2 h × 42,000 − 70 %) 25,200;
    // the programme's 70 %, 58,800, to the ministry that funds it.
    let oct = invoice::month(&s, "2026-10").unwrap();
    assert_eq!(oct.documents.len(), 2);
    let october = &oct.documents.iter().find(|d| d.party == "BP-0001").unwrap().document;
    assert_eq!((october.kind, october.supply, october.tax), (DocKind::TaxInvoice, Won(625_200), Won(62_520)));
    let ministry = oct.documents.iter().find(|d| d.brn == "138-83-01234").unwrap();
    assert_eq!(ministry.statement, "2026-10-0002");
    let share = &ministry.document;
    assert_eq!((share.kind, share.supply, share.tax), (DocKind::TaxInvoice, Won(58_800), Won(5_880)));
    assert_eq!(share.items[0].name, "장비사용료 바우처 지원금");

    // November: rent, fee, 4 h × 42,000 = 168,000 less the voucher's
    // 117,600, the course fee (exempt), and October corrected: 3 h make
    // 126,000, the party's 37,800, 12,600 more than billed.
    let nov = statement::show(&s, BRN, "2026-11").unwrap();
    let lines: Vec<(LineKind, i64, Tax)> = nov.lines.iter().map(|l| (l.kind, l.amount.0, l.terms.tax)).collect();
    assert_eq!(
        lines,
        [
            (LineKind::Rent, 500_000, Tax::Taxable),
            (LineKind::Fee, 100_000, Tax::Taxable),
            (LineKind::Usage, 50_400, Tax::Taxable),
            (LineKind::CourseFee, 300_000, Tax::Exempt),
            (LineKind::Adjustment, 12_600, Tax::Taxable),
        ]
    );
    assert_eq!(nov.lines[2].terms.voucher_share, Won(117_600));
    assert_eq!(nov.lines[4].subject, "2026-10-0001");
    // 963,000 supplied, 300,000 of it exempt: VAT on 663,000.
    let t = &nov.totals;
    assert_eq!((t.supply, t.exempt, t.vat, t.total), (Won(963_000), Won(300_000), Won(66_300), Won(1_029_300)));

    let m = invoice::month(&s, "2026-11").unwrap();
    let ours = |d: &&invoice::MonthDocument| d.party == "BP-0001";
    let tax_invoice =
        &m.documents.iter().filter(ours).find(|d| d.document.kind == DocKind::TaxInvoice).unwrap().document;
    assert_eq!((tax_invoice.supply, tax_invoice.tax), (Won(650_400), Won(65_040)));
    let items: Vec<(&str, i64, i64)> =
        tax_invoice.items.iter().map(|i| (i.name.as_str(), i.supply.0, i.tax.0)).collect();
    assert_eq!(items, [("임대료", 500_000, 50_000), ("관리비", 100_000, 10_000), ("장비사용료", 50_400, 5_040)]);
    let exempt = &m.documents.iter().filter(ours).find(|d| d.document.kind == DocKind::Invoice).unwrap().document;
    assert_eq!((exempt.supply, exempt.tax), (Won(300_000), Won(0)));
    assert_eq!((exempt.items[0].name.as_str(), exempt.items[0].supply), ("교육비", Won(300_000)));
    // The correction of October's 세금계산서: reason 2, the difference.
    assert_eq!(m.corrections.len(), 2, "the tenant's and the ministry's");
    let ours = m.corrections.iter().find(|c| c.party == "BP-0001").unwrap();
    let fix = &ours.correction;
    assert_eq!((fix.reason, fix.supply, fix.tax), (Reason::SupplyChanged, Won(12_600), Won(1_260)));
    assert_eq!(ours.original_approval.as_deref(), Some(OCTOBER_APPROVAL));
    assert_eq!(fix.written_on.to_string(), "2026-11-26");
    // Documents and the correction carry every taxable won of the
    // statement and its VAT: 650,400 + 12,600 = 663,000; 65,040 + 1,260.
    assert_eq!(tax_invoice.supply.0 + fix.supply.0, t.supply.0 - t.exempt.0);
    assert_eq!(tax_invoice.tax.0 + fix.tax.0, t.vat.0);

    // The ministry's November: the programme's 117,600 of the 4 hours
    // (with the party's 50,400, the 168,000 they cost), and October's
    // share corrected: 70 % of 126,000 is 88,200, 29,400 more than billed.
    let funder = statement::show(&s, "138-83-01234", "2026-11").unwrap();
    let lines: Vec<(LineKind, i64)> = funder.lines.iter().map(|l| (l.kind, l.amount.0)).collect();
    assert_eq!(lines, [(LineKind::Voucher, 117_600), (LineKind::Adjustment, 29_400)]);
    assert!(funder.lines[0].detail.ends_with("세라소재"), "names whose use: {}", funder.lines[0].detail);
    assert_eq!(funder.lines[0].terms.voucher.as_deref(), Some("VP-0001"));
    assert_eq!(funder.lines[1].subject, "2026-10-0002");
    assert_eq!(funder.lines[0].amount.0 + nov.lines[2].amount.0, 4 * 42_000);
    let f = &funder.totals;
    assert_eq!((f.supply, f.vat, f.total), (Won(147_000), Won(14_700), Won(161_700)));
    let theirs = m.documents.iter().find(|d| d.brn == "138-83-01234").unwrap();
    assert_eq!((theirs.document.supply, theirs.document.tax), (Won(117_600), Won(11_760)));
    // Its correction waits for October's document to be confirmed.
    let fix = m.corrections.iter().find(|c| c.brn == "138-83-01234").unwrap();
    assert_eq!(
        (fix.correction.reason, fix.correction.supply, fix.correction.tax),
        (Reason::SupplyChanged, Won(29_400), Won(2_940))
    );
    assert_eq!((fix.original_approval.as_deref(), fix.statement.as_str()), (None, funder.number.as_deref().unwrap()));
    // The deposit is on none of it.
    assert!(nov.lines.iter().all(|l| l.amount != Won(3_000_000)));
    assert!(check::run(&s).unwrap().is_clean(), "{:?}", check::run(&s).unwrap());
}

/// Column `col` (`A`, `BG`) of a row read back.
fn cell(row: &[Data], col: &str) -> String {
    let i = col.bytes().fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1)) - 1;
    row.get(i).map(ToString::to_string).unwrap_or_default()
}

fn sheet(path: &std::path::Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(kiln::export::hometax::SHEET).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

#[test]
fn the_upload_rows_fill_every_required_column_where_the_reference_puts_it() {
    let (db, s) = example();
    drop(s);
    let out = db.dir.path().join("upload");
    std::fs::create_dir_all(&out).unwrap();
    let written = json(kiln(&db).args(["invoice", "export", "--month", "2026-11", "--json", "--out"]).arg(&out));
    assert_eq!(written.as_array().unwrap().len(), 2, "a 세금계산서 file and a 계산서 file: {written}");

    let rows = sheet(&out.join("kiln-tax-invoices-2026-11-1.xlsx"));
    let (head, row) = (&rows[5], &rows[6]);
    let expect = [
        ("A", "전자(세금)계산서 종류\n(01:일반, 02:영세율)", "01"),
        ("B", "작성일자", "20261130"),
        ("C", "공급자 등록번호\n(\"-\" 없이 입력)", "2268200175"),
        ("E", "공급자 상호", "강원 세라믹 산업화지원센터"),
        ("F", "공급자 성명", "최영민"),
        ("K", "공급받는자 등록번호\n(\"-\" 없이 입력)", "1248100998"),
        ("M", "공급받는자 상호 ", "세라소재"),
        ("N", "공급받는자 성명", "박서준"),
        ("T", "공급가액\n합계", "650400"),
        ("U", "세액\n합계", "65040"),
        ("V", "비고", "2026-11-0001"),
        ("W", "일자1\n(2자리, 작성년월 제외)", "30"),
        ("X", "품목1", "임대료"),
        ("AB", "공급가액1", "500000"),
        ("AC", "세액1", "50000"),
        ("AF", "품목2", "관리비"),
        ("AJ", "공급가액2", "100000"),
        ("AK", "세액2", "10000"),
        ("AN", "품목3", "장비사용료"),
        ("AR", "공급가액3", "50400"),
        ("AS", "세액3", "5040"),
        ("BG", "영수(01),\n청구(02)", "02"),
    ];
    for (col, header, value) in expect {
        assert_eq!((cell(head, col).as_str(), cell(row, col).as_str()), (header, value), "column {col}");
    }
    assert_eq!(head.len(), 59, "A–BG");
    // The ministry's: the programme's shares, to its 고유번호.
    let funder = &rows[7];
    let expect = [("K", "1388301234"), ("M", "과학기술정보통신부"), ("N", "한지원"), ("T", "117600"), ("U", "11760")];
    for (col, value) in expect {
        assert_eq!(cell(funder, col), value, "the ministry's column {col}");
    }
    assert_eq!((cell(funder, "V"), cell(funder, "X")), ("2026-11-0002".into(), "장비사용료 바우처 지원금".into()));

    let rows = sheet(&out.join("kiln-invoices-2026-11-1.xlsx"));
    let (head, row) = (&rows[5], &rows[6]);
    let expect = [
        ("A", "05"),
        ("B", "20261130"),
        ("C", "2268200175"),
        ("K", "1248100998"),
        ("N", "박서준"),
        ("T", "300000"),
        ("U", "2026-11-0001"),
        ("V", "30"),
        ("W", "교육비"),
        ("AA", "300000"),
        ("BB", "02"),
    ];
    for (col, value) in expect {
        assert_eq!(cell(row, col), value, "계산서 column {col} ({})", cell(head, col));
    }
    assert_eq!((cell(head, "T"), cell(head, "U"), head.len()), ("공급가액\n합계".into(), "비고".into(), 54), "A–BB");
}
