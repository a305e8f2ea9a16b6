//! The tax documents of an issued month, over the demo centre on a real
//! file (and on PostgreSQL with KILN_TEST_ENGINE=postgres): every issued
//! statement of a party with a BRN makes a 세금계산서 for its taxable lines
//! and a 계산서 for its exempt ones, adding up to the statement; the
//! individuals' statements are named apart.

mod common;

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
