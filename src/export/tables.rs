//! Every exportable table as a `Sheet`: all its rows, through the same list
//! functions (and so the same order and fields) as `kiln … list --json`.

use serde::Serialize;

use super::columns::{self, Column};
use super::sheet::Sheet;
use crate::db::booking::{self, Booking, BookingFilter};
use crate::db::company::{self, CompanyFilter};
use crate::db::lease::{self, LeaseFilter};
use crate::db::person::{self, PersonFilter};
use crate::db::training::{self, qualification};
use crate::db::{Page, Store, equipment, party, project, room, statement, yearly};
use crate::domain::booking::BookingState;
use crate::domain::{Field, Invalid, Problem};
use crate::error::Result;

/// The names `kiln export` takes, in the order of `columns::TABLES` (a test
/// keeps the two equal; this copy exists because a refusal lists them).
pub const NAMES: &[&str] = &[
    "companies",
    "rooms",
    "people",
    "equipment",
    "leases",
    "yearly-reports",
    "bookings",
    "usage",
    "statements",
    "write-offs",
    "parties",
    "projects",
    "consumables",
    "voucher-programmes",
    "voucher-grants",
    "enrolments",
    "qualifications",
    "supplier",
    "deposits",
    "approvals",
];

/// The worksheet's name in an XLSX file: Korean, as the staff call the
/// table, and at most 31 characters (Excel's limit).
pub fn sheet_name(name: &str) -> &'static str {
    match name {
        "companies" => "기업",
        "rooms" => "호실",
        "people" => "인력",
        "equipment" => "장비",
        "leases" => "입주계약",
        "yearly-reports" => "연도별 성과",
        "bookings" => "예약",
        "usage" => "장비 사용 실적",
        "statements" => "청구서",
        "write-offs" => "손실 처리",
        "parties" => "청구처",
        "projects" => "과제",
        "consumables" => "소모품",
        "voucher-programmes" => "바우처 사업",
        "voucher-grants" => "바우처 지원 대상",
        "enrolments" => "수강 신청",
        "qualifications" => "장비 사용 자격",
        "supplier" => "센터 공급자 정보",
        "deposits" => "보증금",
        "approvals" => "승인번호",
        _ => "kiln",
    }
}

/// The Won columns worth adding up: amounts, not rates (a sum of hourly
/// rates or rents per m² means nothing).
pub fn totals(name: &str) -> &'static [&'static str] {
    match name {
        "leases" => &["rent", "fee", "deposit"],
        "yearly-reports" => &["sales", "exports", "rnd_spend", "investment"],
        "bookings" | "usage" => &["charge", "voucher_share"],
        "statements" => &["supply", "vat", "total", "paid", "outstanding"],
        "projects" => &["budget", "spent"],
        "write-offs" => &["amount"],
        "voucher-programmes" => &["paid"],
        "voucher-grants" => &["cap", "used", "remaining"],
        _ => &[],
    }
}

/// The columns of a table `kiln export` knows; otherwise the refusal names
/// the accepted ones.
pub fn columns(name: &str) -> Result<&'static [Column]> {
    columns::table(name).ok_or_else(|| Invalid::new(Field::Name, name, Problem::OneOf { accepted: NAMES }).into())
}

/// A sheet of `rows` for the table `name`.
pub fn sheet<T: Serialize>(name: &str, rows: &[T]) -> Result<Sheet> {
    Ok(Sheet::new(sheet_name(name), columns(name)?, rows)?.with_totals(totals(name)))
}

/// Bookings chosen by the caller (the CLI's `--equipment --from --to`).
pub fn bookings(list: &[Booking]) -> Result<Sheet> {
    sheet("bookings", list)
}

/// All rows of the table `name`.
pub fn rows(store: &Store, name: &str) -> Result<Sheet> {
    let all = Page::ALL_FOR_CLI;
    match name {
        "companies" => sheet(name, &company::list(store, &CompanyFilter::default(), all)?),
        "rooms" => sheet(name, &room::list(store, all)?),
        "people" => sheet(name, &person::list(store, &PersonFilter::default(), all)?),
        "equipment" => sheet(name, &equipment::list(store, all)?),
        "leases" => sheet(name, &lease::list(store, &LeaseFilter::default(), all)?),
        "yearly-reports" => sheet(name, &yearly::list(store, None, None)?),
        "bookings" => bookings(&booking::list(store, &BookingFilter::default(), all)?),
        "usage" => {
            let completed = BookingFilter { state: Some(BookingState::Completed), ..BookingFilter::default() };
            sheet(name, &booking::list(store, &completed, all)?)
        }
        "statements" => sheet(name, &statement::issued_list(store, None, None)?),
        "write-offs" => sheet(name, &statement::write_offs(store, None)?),
        "parties" => sheet(name, &party::list(store, &party::PartyFilter::default(), all)?),
        "projects" => sheet(name, &project::list(store, &project::ProjectFilter::default())?),
        "consumables" => sheet(name, &crate::db::consumable::list(store, None)?),
        "voucher-programmes" => sheet(name, &crate::db::voucher::list(store, None)?),
        "voucher-grants" => {
            sheet(name, &crate::db::voucher::grants(store, &crate::db::voucher::GrantFilter::default())?)
        }
        "enrolments" => sheet(name, &training::enrolments(store, None, None)?),
        "qualifications" => sheet(name, &qualification::list(store, &qualification::QualificationFilter::default())?),
        "supplier" => sheet(name, &crate::db::supplier::show(store)?.into_iter().collect::<Vec<_>>()),
        "deposits" => sheet(name, &crate::db::deposit::ledger(store)?),
        "approvals" => sheet(name, &crate::db::invoice::approvals(store, None)?),
        _ => Err(Invalid::new(Field::Name, name, Problem::OneOf { accepted: NAMES }).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_tables_and_each_has_a_short_korean_sheet() {
        let tables: Vec<&str> = columns::TABLES.iter().map(|(n, _)| *n).collect();
        assert_eq!(NAMES, tables.as_slice());
        for name in NAMES {
            let sheet = sheet_name(name);
            assert!(sheet != "kiln" && sheet.chars().count() <= 31, "{name}");
            assert!(!sheet.contains(['[', ']', ':', '*', '?', '/', '\\']), "{name}");
            let cols = columns(name).unwrap();
            for key in totals(name) {
                let c = cols.iter().find(|c| c.key == *key).unwrap();
                assert_eq!(c.kind, columns::Kind::Won, "{name}.{key}");
            }
        }
        assert!(columns("invoices").is_err());
    }
}
