//! Deposits (보증금): received against a lease, carried over by its
//! extension, and at the chain's end offset against the company's unpaid
//! statements, oldest first, with the rest refunded and a settlement
//! sheet. On a real file, and on PostgreSQL with KILN_TEST_ENGINE=postgres.

mod common;

use common::invalid;

use calamine::{Reader, Xlsx, open_workbook};
use common::cli::{fails, json, kiln};
use common::money::{BRN, centre, me};
use common::{TempDb, dump, open_at};
use kiln::db::{Store, check, deposit, statement};
use kiln::domain::{Field, Problem, Won};
use kiln::error::{Error, Refusal};

/// 세라소재 leases 301 from 2026-03-01 to 08-31 with a 3,000,000원 deposit
/// paid on 03-02, and extends it from 09-01 to 10-31 (500,000 rent and
/// 100,000 fee a month: 660,000원 with VAT). September and October are
/// issued; 200,000원 of September is paid. Today is 2026-11-26.
fn chain() -> (TempDb, Store) {
    let (db, mut s) = centre();
    for (from, to) in [("2026-03-01", "2026-09-01"), ("2026-09-01", "2026-11-01")] {
        common::money::lease_301(&mut s, from, to, Some("3,000,000"));
    }
    deposit::receive(&mut s, "L-0001", "2026-03-02", "3,000,000", "계약 시 입금").unwrap();
    drop(s);
    let mut s = open_at(&db.path, &me(), "2026-10-05 09:00");
    statement::issue(&mut s, "2026-09", None).unwrap();
    drop(s);
    let mut s = open_at(&db.path, &me(), "2026-11-05 09:00");
    statement::pay(&mut s, "2026-09-0001", "2026-10-20", "200,000", "transfer", "").unwrap();
    statement::issue(&mut s, "2026-10", None).unwrap();
    drop(s);
    let s = db.open_as(&me());
    (db, s)
}

#[test]
fn an_extension_carries_the_deposit_and_more_than_agreed_is_refused() {
    let (_db, mut s) = chain();
    let chains = deposit::list(&s, Some(BRN)).unwrap();
    assert_eq!(chains.len(), 1, "one chain: {chains:?}");
    let c = &chains[0];
    assert_eq!(c.leases, ["L-0001", "L-0002"]);
    assert_eq!((c.agreed, c.ledger.received, c.held), (Won(3_000_000), Won(3_000_000), Won(3_000_000)));
    assert_eq!(c.last_day.to_string(), "2026-10-31");
    // The extension is the same chain, however it is named.
    assert_eq!(deposit::show(&s, "L-0002").unwrap(), *c);
    let e = deposit::receive(&mut s, "L-0002", "2026-09-02", "1", "").unwrap_err();
    assert!(
        matches!(e, Error::Refused(Refusal::DepositInFull { ref lease, agreed }) if lease == "L-0002" && agreed == Won(3_000_000)),
        "{e:?}"
    );
    let e = deposit::receive(&mut s, "L-0009", "2026-09-02", "1", "").unwrap_err();
    assert_eq!(invalid(e), (Field::Lease, Problem::NotFound));
}

#[test]
fn a_chain_ending_in_arrears_offsets_them_oldest_first_and_refunds_the_rest() {
    let (db, _) = chain();
    let owed = |s: &Store, number: &str| {
        statement::issued_list(s, None, None)
            .unwrap()
            .into_iter()
            .find(|x| x.number.as_deref() == Some(number))
            .unwrap()
    };
    let mut s = db.open_as(&me());
    assert_eq!(owed(&s, "2026-09-0001").outstanding, Won(460_000));
    assert_eq!(owed(&s, "2026-10-0001").outstanding, Won(660_000));
    // Not while the company still holds the room.
    let e = deposit::settle(&mut s, "L-0002", "2026-10-31", None, "").unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::DepositStillLeased { .. })), "{e:?}");
    // 3,000,000 − 460,000 − 660,000 = 1,880,000 is the most to hand back.
    let before = dump(&db.path);
    let e = deposit::settle(&mut s, "L-0001", "2026-11-20", Some("1,880,001"), "").unwrap_err();
    assert_eq!(invalid(e), (Field::Refund, Problem::OutOfRange { min: 0, max: 1_880_000 }));
    assert_eq!(dump(&db.path), before, "a refused settlement changes nothing");

    let done = deposit::settle(&mut s, "L-0001", "2026-11-20", None, "퇴거 정산").unwrap();
    assert_eq!(done.offsets, [("2026-09-0001".to_owned(), Won(460_000)), ("2026-10-0001".to_owned(), Won(660_000))]);
    assert_eq!((done.held, done.refund, done.kept, done.chain.held), (Won(3_000_000), Won(1_880_000), Won(0), Won(0)));
    assert_eq!(owed(&s, "2026-09-0001").outstanding, Won(0));
    assert_eq!(owed(&s, "2026-10-0001").outstanding, Won(0));
    let e = deposit::settle(&mut s, "L-0002", "2026-11-21", None, "").unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::NothingHeld { .. })), "{e:?}");
    assert!(check::run(&s).unwrap().is_clean(), "{:?}", check::run(&s).unwrap());

    // The settlement sheet: every movement and what is held after it.
    let (chain, moves) = deposit::movements(&s, "L-0002").unwrap();
    let held: Vec<i64> = moves.iter().map(|m| m.held.0).collect();
    assert_eq!(held, [3_000_000, 2_540_000, 1_880_000, 0]);
    let book = kiln::report::sheets::deposit(&chain, &moves, &kiln::i18n::Lang::Ko);
    let path = db.dir.path().join("정산.xlsx");
    let target = kiln::files::Target::new(&path, &db.path).unwrap();
    kiln::export::book::write_xlsx(&book, &target).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = wb.worksheet_range_at(0).unwrap().unwrap();
    let row = |i: usize| sheet.rows().nth(i).unwrap().iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(row(0)[..6], ["기업", "사업자등록번호", "호실", "계약", "일자", "구분"]);
    assert_eq!(row(2)[5..9], ["상계", "2026-09-0001", "460000", "2540000"]);
    assert_eq!(row(4)[5], "반환");
}

#[test]
fn the_schema_refuses_paying_out_more_than_is_held_and_check_finds_one_planted() {
    let (db, s) = chain();
    drop(s);
    let refund = "INSERT INTO deposit_entry (lease_id, kind, on_date, amount, note, recorded_at, recorded_by)
                  VALUES (2, 'refunded', '2026-11-20', 3000001, '', '2026-11-20 10:00', 'x')";
    let e = common::behind(&db.path, refund).unwrap_err();
    assert!(e.contains("deposit_held"), "{e}");
    let e = common::behind(&db.path, "UPDATE deposit_entry SET amount = 1").unwrap_err();
    assert!(e.contains("statement_frozen"), "{e}");
    let plant = if common::pg::is_url(&db.path) {
        format!("ALTER TABLE deposit_entry DISABLE TRIGGER deposit_held; {refund};")
    } else {
        format!("DROP TRIGGER deposit_held; {refund};")
    };
    common::behind(&db.path, &plant).unwrap();
    let s = db.open_as(&me());
    let found = check::run(&s).unwrap().invariants;
    let rules: Vec<&str> = found.iter().map(|v| v.rule).collect();
    assert_eq!(rules, ["deposit"], "{found:?}");
    let said = kiln::i18n::check::said(&check::run(&s).unwrap(), kiln::i18n::Lang::Ko);
    assert!(
        said.invariants[0].detail.contains("L-0002") && said.invariants[0].detail.contains("-1원"),
        "{:?}",
        said.invariants
    );
}

#[test]
fn the_command_line_receives_lists_and_settles_with_json_and_refuses_in_one_line() {
    let (db, s) = chain();
    drop(s);
    let listed = json(kiln(&db).args(["deposit", "list", "--company", BRN, "--json"]));
    assert_eq!(listed[0]["leases"], serde_json::json!(["L-0001", "L-0002"]));
    assert_eq!(listed[0]["held"].as_i64(), Some(3_000_000));
    let bad = fails(kiln(&db).args(["deposit", "settle", "L-0002", "--on", "2026-11-20", "--refund", "5,000,000"]), 2);
    assert!(bad.contains("refund") && bad.contains("1,880,000"), "{bad}");
    let bad = fails(
        kiln(&db)
            .args(["deposit", "receive", "L-0001", "--amount", "0", "--on", "2026-03-02"])
            .env("LANG", "ko_KR.UTF-8"),
        2,
    );
    assert!(bad.contains("금액"), "{bad}");
    let sheet = db.dir.path().join("settled.xlsx");
    let done =
        json(kiln(&db).args(["deposit", "settle", "L-0002", "--on", "2026-11-20", "--json", "--sheet"]).arg(&sheet));
    assert_eq!(done["refund"].as_i64(), Some(1_880_000));
    assert_eq!(done["offsets"][1], serde_json::json!(["2026-10-0001", 660_000]));
    assert!(sheet.exists());
    let text = common::cli::stdout(kiln(&db).args(["deposit", "list"]).env("LANG", "ko_KR.UTF-8"));
    assert!(text.contains("보관") && text.contains("1,120,000"), "{text}");
    assert!(text.contains("L-0002 (L-0001~, 2)"), "the last lease, which commands take, first: {text}");
}
