//! Voucher shares billed to the programme's funder (issue 20): each share
//! is a line on the statement of the party the programme names as its
//! payer, with a 세금계산서 of its own, paid like any statement; a share
//! changed after its month was issued reaches the funder's next statement
//! as a correction; a month whose shares no one could be billed is not
//! issued. On a real file, and on PostgreSQL with KILN_TEST_ENGINE=postgres.

mod common;

use common::cli::{fails, json, kiln};
use common::money::{BRN, FUNDER_BRN, centre, me};
use common::{dump, invalid, open_at};
use kiln::db::booking;
use kiln::db::{Store, check, invoice, statement, voucher};
use kiln::domain::statement::LineKind;
use kiln::domain::tax_correction::Reason;
use kiln::domain::tax_document::DocKind;
use kiln::domain::voucher::{GrantInput, ProgrammeInput};
use kiln::domain::{Field, Problem, Won};
use kiln::error::{Error, Refusal};

fn grant(programme: &str) -> GrantInput {
    GrantInput { programme: programme.into(), party: BRN.into(), year: "2026".into(), cap: String::new() }
}

/// Four hours of the FE-SEM on Monday 2 November: 4 × 42,000 = 168,000원,
/// of which the programme pays 70 %, 117,600.
fn used(s: &mut Store) {
    common::money::sem_used(s, "2026-11-02", 4);
}

#[test]
fn the_programmes_share_is_the_funders_to_pay_on_a_statement_and_a_tax_invoice_of_its_own() {
    let (db, mut s) = centre();
    voucher::grant(&mut s, &grant("VP-0001")).unwrap();
    used(&mut s);
    drop(s);
    let mut s = open_at(&db.path, &me(), "2026-12-01 09:00");
    let issued = statement::issue(&mut s, "2026-11", None).unwrap();
    assert_eq!(issued.len(), 2, "the company's and the ministry's");

    let ours = statement::show(&s, BRN, "2026-11").unwrap();
    assert_eq!((ours.lines[0].kind, ours.lines[0].amount), (LineKind::Usage, Won(50_400)));
    assert_eq!(ours.lines[0].terms.voucher_share, Won(117_600), "named beside, not billed");

    let theirs = statement::show(&s, FUNDER_BRN, "2026-11").unwrap();
    assert_eq!(theirs.name, "과학기술정보통신부");
    assert_eq!(theirs.lines.len(), 1);
    let line = &theirs.lines[0];
    assert_eq!((line.kind, line.amount, line.quantity), (LineKind::Voucher, Won(117_600), 4.0));
    assert_eq!((line.subject.as_str(), line.source.as_str()), ("EQ-0001 FE-SEM", ours.lines[0].source.as_str()));
    assert!(line.detail.starts_with("11-02 09:00–13:00") && line.detail.ends_with("세라소재"), "{}", line.detail);
    assert_eq!(line.terms.voucher.as_deref(), Some("VP-0001"));
    assert_eq!(line.amount.0 + ours.lines[0].amount.0, 168_000, "the two add up to the use's charge");
    let t = &theirs.totals;
    assert_eq!((t.supply, t.vat, t.total), (Won(117_600), Won(11_760), Won(129_360)));

    let docs = invoice::month(&s, "2026-11").unwrap();
    let doc = docs.documents.iter().find(|d| d.brn == FUNDER_BRN).unwrap();
    assert_eq!(
        (doc.document.kind, doc.document.supply, doc.document.tax),
        (DocKind::TaxInvoice, Won(117_600), Won(11_760))
    );
    let items: Vec<&str> = doc.document.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(items, ["장비사용료 바우처 지원금"]);

    // The ministry pays; nothing of it is owed after.
    let number = theirs.number.clone().unwrap();
    statement::pay(&mut s, &number, "2026-12-01", "129,360", "transfer", "바우처 지원금 정산").unwrap();
    assert_eq!(statement::show(&s, FUNDER_BRN, "2026-11").unwrap().outstanding, Won::ZERO);
    assert!(check::run(&s).unwrap().is_clean(), "{:?}", check::run(&s).unwrap());
}

#[test]
fn a_share_changed_after_its_month_was_issued_reaches_the_funders_next_statement_and_a_correction() {
    let (db, mut s) = centre();
    voucher::grant(&mut s, &grant("VP-0001")).unwrap();
    used(&mut s);
    drop(s);
    let mut s = open_at(&db.path, &me(), "2026-12-01 09:00");
    statement::issue(&mut s, "2026-11", None).unwrap();
    let november = statement::show(&s, FUNDER_BRN, "2026-11").unwrap().number.unwrap();
    drop(s);
    // The check-out was at 11:00: two hours, 84,000, the programme's 58,800.
    let mut s = open_at(&db.path, &me(), "2026-12-03 10:00");
    let id = statement::show(&s, BRN, "2026-11").unwrap().lines[0].source.clone();
    booking::correct(&mut s, &id, None, Some("2026-11-02 11:00"), "체크아웃 정정").unwrap();
    drop(s);
    let mut s = open_at(&db.path, &me(), "2026-12-31 17:00");
    statement::issue(&mut s, "2026-12", None).unwrap();
    let december = statement::show(&s, FUNDER_BRN, "2026-12").unwrap();
    let lines: Vec<(LineKind, &str, i64)> =
        december.lines.iter().map(|l| (l.kind, l.subject.as_str(), l.amount.0)).collect();
    assert_eq!(lines, [(LineKind::Adjustment, november.as_str(), -58_800)]);
    let docs = invoice::month(&s, "2026-12").unwrap();
    let fix = docs.corrections.iter().find(|c| c.brn == FUNDER_BRN).unwrap();
    let c = &fix.correction;
    assert_eq!((c.reason, c.supply, c.tax), (Reason::SupplyChanged, Won(-58_800), Won(-5_880)));
    assert_eq!(fix.original_approval, None, "waits for November's number");
    assert!(check::run(&s).unwrap().is_clean(), "{:?}", check::run(&s).unwrap());
}

/// A second programme, paying half and ending in November (so drawn
/// first), given no payer.
fn unpaid_programme(s: &mut Store) {
    let input = ProgrammeInput {
        name: "강원 세라믹 기업지원 바우처".into(),
        funder: "강원특별자치도".into(),
        share: "50".into(),
        cap: "1,000,000".into(),
        from: "2026-01-01".into(),
        last_day: "2026-11-30".into(),
        ..ProgrammeInput::default()
    };
    let p = voucher::add(s, &input).unwrap();
    assert_eq!(p.payer, None);
    voucher::grant(s, &grant(&p.code)).unwrap();
}

#[test]
fn a_month_whose_share_no_one_could_be_billed_is_refused_until_the_programme_is_given_a_payer_once() {
    let (db, mut s) = centre();
    unpaid_programme(&mut s);
    used(&mut s);
    drop(s);
    let mut s = open_at(&db.path, &me(), "2026-12-01 09:00");
    let before = dump(&db.path);
    match statement::issue(&mut s, "2026-11", None).unwrap_err() {
        Error::Refused(Refusal::NoPayer { programme, month }) => {
            assert_eq!((programme.as_str(), month.as_str()), ("VP-0002", "2026-11"));
        }
        other => panic!("expected the programme without a payer, got {other:?}"),
    }
    assert_eq!(dump(&db.path), before, "nothing issued");

    assert_eq!(
        invalid(voucher::set_payer(&mut s, "VP-0002", "BP-0999").unwrap_err()),
        (Field::Payer, Problem::NotFound)
    );
    assert_eq!(invalid(voucher::set_payer(&mut s, "VP-0002", " ").unwrap_err()).0, Field::Payer);
    assert_eq!(dump(&db.path), before);
    let p = voucher::set_payer(&mut s, "VP-0002", FUNDER_BRN).unwrap();
    assert_eq!(
        (p.payer_name.as_deref(), p.payer_from),
        (Some("과학기술정보통신부"), None),
        "no month issued yet: every month"
    );
    match voucher::set_payer(&mut s, "VP-0002", BRN).unwrap_err() {
        Error::Refused(Refusal::Duplicate { field, .. }) => assert_eq!(field, Field::Payer),
        other => panic!("a payer is given once, got {other:?}"),
    }
    statement::issue(&mut s, "2026-11", None).unwrap();
    // Half of 168,000 by the regional programme, billed to its payer now.
    let theirs = statement::show(&s, FUNDER_BRN, "2026-11").unwrap();
    assert_eq!(theirs.lines.iter().map(|l| (l.kind, l.amount.0)).collect::<Vec<_>>(), [(LineKind::Voucher, 84_000)]);
    assert_eq!(theirs.lines[0].terms.voucher.as_deref(), Some("VP-0002"));
    drop(s);
    let e =
        common::behind(&db.path, "UPDATE voucher_programme SET payer_id = NULL WHERE code = 'VP-0002'").unwrap_err();
    assert!(e.contains("voucher_payer"), "{e}");
    // Behind kiln, the guard dropped: the programme now names the company
    // as its payer, and the share billed to the ministry is found.
    let drop_guard = if common::pg::is_url(&db.path) {
        "ALTER TABLE voucher_programme DISABLE TRIGGER voucher_payer_kept;"
    } else {
        "DROP TRIGGER voucher_payer_kept;"
    };
    let moved = "UPDATE voucher_programme SET payer_id = (SELECT id FROM party WHERE company_id IS NOT NULL) WHERE code = 'VP-0002';";
    common::behind(&db.path, &format!("{drop_guard} {moved}")).unwrap();
    let s = db.open_as(&me());
    let rules: Vec<&str> = check::run(&s).unwrap().invariants.iter().map(|v| v.rule).collect();
    assert_eq!(rules, ["voucher_billed"]);
}

#[test]
fn a_payer_given_after_months_were_issued_is_billed_from_the_next_month_on() {
    let (db, mut s) = centre();
    unpaid_programme(&mut s);
    drop(s);
    // October issued (nothing used then), then the payer given.
    let mut s = open_at(&db.path, &me(), "2026-11-01 09:00");
    kiln::db::company::edit(
        &mut s,
        BRN,
        &kiln::db::company::CompanyEdit { representative: Some("박서준".into()), ..Default::default() },
    )
    .unwrap();
    common::money::lease_301(&mut s, "2026-10-01", "2027-10-01", None);
    statement::issue(&mut s, "2026-10", None).unwrap();
    let p = voucher::set_payer(&mut s, "VP-0002", FUNDER_BRN).unwrap();
    assert_eq!(p.payer_from.map(|d| d.to_string()).as_deref(), Some("2026-11-01"));
    assert!(check::run(&s).unwrap().is_clean());
}

#[test]
fn the_command_line_gives_a_payer_lists_it_and_refuses_a_bad_one_in_one_line() {
    let (db, mut s) = centre();
    unpaid_programme(&mut s);
    drop(s);
    let listed = json(kiln(&db).args(["voucher", "programme", "list", "--json"]));
    assert_eq!(listed[0]["payer"].as_str().map(|p| p.starts_with("BP-")), Some(true));
    assert!(listed[1]["payer"].is_null());
    let before = dump(&db.path);
    let e = fails(kiln(&db).args(["voucher", "programme", "set-payer", "VP-0002", "--payer", "없는기관"]), 2);
    assert!(e.starts_with("error: payer: "), "{e}");
    let e = fails(
        kiln(&db)
            .args(["voucher", "programme", "set-payer", "VP-0002", "--payer", "없는기관"])
            .env("LANG", "ko_KR.UTF-8"),
        2,
    );
    assert!(e.starts_with("error: 지불 주체: "), "{e}");
    assert_eq!(dump(&db.path), before);
    let p = json(kiln(&db).args(["voucher", "programme", "set-payer", "VP-0002", "--payer", FUNDER_BRN, "--json"]));
    assert_eq!((p["code"].as_str(), p["payer_name"].as_str()), (Some("VP-0002"), Some("과학기술정보통신부")));
    let e = fails(kiln(&db).args(["voucher", "programme", "set-payer", "VP-0002", "--payer", BRN]), 1);
    assert!(e.contains("payer") && e.contains("VP-0002"), "{e}");
    let added = json(kiln(&db).args([
        "voucher",
        "programme",
        "add",
        "--name",
        "시험분석 바우처",
        "--funder",
        "과학기술정보통신부",
        "--payer",
        FUNDER_BRN,
        "--share",
        "60",
        "--cap",
        "5,000,000",
        "--from",
        "2026-01-01",
        "--last-day",
        "2026-12-31",
        "--json",
    ]));
    assert_eq!(added["payer"], p["payer"]);
}
