//! 사업자등록번호 and 법인등록번호.

use super::*;

pub fn cases() -> Vec<Case> {
    vec![
        // 사업자등록번호: check digit, parts, length, characters.
        fs(2, F::Brn, "check digit", "company add --name x --brn 123-45-67890"),
        f(2, F::Brn, "company add --name x --brn 124-81-00999"),
        f(2, F::Brn, "company add --name x --brn 000-81-00998"),
        f(2, F::Brn, "company add --name x --brn 100-81-00998"),
        f(2, F::Brn, "company add --name x --brn 124-00-00998"),
        f(2, F::Brn, "company add --name x --brn 124-81-00000"),
        fs(2, F::Brn, "124-81-00998", "company add --name x --brn 124-81-0099"),
        f(2, F::Brn, "company add --name x --brn 124-81-009981"),
        f(2, F::Brn, "company add --name x --brn 12a-81-00998"),
        f(2, F::Brn, "company add --name x --brn ''"),
        f(2, F::Brn, "company add --name x --brn '   '"),
        f(2, F::Brn, "company add --name x --brn １２４-８１-００９９８"),
        f(2, F::Brn, "company add --name x --brn 124–81–00998"),
        f(2, F::Brn, "company add --name x --brn +1248100998"),
        f(2, F::Brn, "company add --name x --brn '124-81-\u{202E}00998'"),
        f(2, F::Brn, "company add --name x --brn {10k}"),
        f(2, F::Brn, "company add --name x --brn 0000000000"),
        f(2, F::Brn, "company add --name x --brn 1248100998x"),
        f(2, F::Brn, "company show 124-81-00999"),
        f(2, F::Brn, "company show 220-81-62517"),
        f(2, F::Brn, "company edit 220-81-62517 --name y"),
        f(2, F::Brn, "company edit 124-81-0099 --name y"),
        f(2, F::Brn, "company graduate 220-81-62517"),
        f(2, F::Brn, "company withdraw 999-99-99999"),
        f(
            2,
            F::Company,
            "lease add --company 124-81-00999 --room 302 --from 2027-03-01 --to 2028-03-01 --rent 1 --fee 1",
        ),
        f(
            2,
            F::Company,
            "lease add --company 220-81-62517 --room 302 --from 2027-03-01 --to 2028-03-01 --rent 1 --fee 1",
        ),
        f(2, F::Company, "person add --name x --company 12"),
        f(2, F::Company, "person add --name x --company 220-81-62517"),
        f(2, F::Party, "statement --party 000 --month 2026-10"),
        f(2, F::Party, "statement --company 220-81-62517 --month 2026-10"),
        f(2, F::Party, "statement issue --month 2026-10 --party 220-81-62517"),
        f(2, F::Party, "statement write-off --party BP-9999 --month 2026-10 --reason x"),
        f(2, F::Company, "quota set --company 220-81-62517 --equipment EQ-0001 --hours 5"),
        f(2, F::Company, "report-year set --company 220-81-62517 --year 2026 --employees 1"),
        f(
            2,
            F::Company,
            "booking add --equipment EQ-0001 --person P-0001 --company 220-81-62517 --from '2026-12-02 09:00' --to '2026-12-02 10:00'",
        ),
        // 법인등록번호.
        fs(2, F::CorporateNo, "check digit", "company add --name x --brn 220-81-62517 --corporate-no 130111-0006247"),
        f(2, F::CorporateNo, "company add --name x --brn 220-81-62517 --corporate-no 130111-000624"),
        f(2, F::CorporateNo, "company add --name x --brn 220-81-62517 --corporate-no 130111-00062466"),
        fs(2, F::CorporateNo, "130111-0006246", "company add --name x --brn 220-81-62517 --corporate-no abc"),
        f(2, F::CorporateNo, "company add --name x --brn 220-81-62517 --corporate-no '130111 000624x'"),
        f(2, F::CorporateNo, "company edit 124-81-00998 --corporate-no 1301110006240"),
        // The centre as supplier.
        fs(2, F::Brn, "check digit", "centre set --brn 226-82-00176"),
        f(2, F::Email, "centre set --email foo"),
        f(2, F::TradeName, "centre set --name {10k}"),
        f(2, F::BusinessItem, "centre set --business-item ''"),
        f(2, F::Representative, "centre set --representative '최\u{202E}영민'"),
        // Deposits.
        f(2, F::Lease, "deposit receive L-9999 --amount 100"),
        f(2, F::Lease, "deposit settle 301 --on 2026-11-20"),
        f(2, F::Amount, "deposit receive L-0001 --amount 0"),
        f(2, F::Amount, "deposit receive L-0001 --amount 1.5"),
        f(2, F::Date, "deposit receive L-0001 --amount 100 --on 2026-02-30"),
        f(2, F::Remark, "deposit receive L-0001 --amount 100 --note {10k}"),
        f(2, F::Refund, "deposit settle L-0001 --refund=-5"),
        f(2, F::Refund, "deposit settle L-0001 --refund 10만"),
        // Course fees.
        f(2, F::CourseFee, "course add --code KILN-301 --title 소결 --hours 6 --fee -300000"),
        f(2, F::CourseFee, "course set-fee KILN-101 --fee 30만"),
        fs(2, F::FeeTax, "exempt", "course set-fee KILN-101 --fee 300000 --tax vat"),
        f(2, F::Course, "course set-fee KILN-999 --fee 300000"),
    ]
}
