//! The reports as sheets of typed cells, headed in the reader's language:
//! what screen 6 shows is what its export keys write, so the numbers in the
//! funders' Excel file are the ones the administrator saw. The words come
//! from the face that knows the language ([`Labels`]), so the layout is one
//! for every language.

use super::programme::Programme;
use super::trends::{OccupancyPoint, TrainingOutcome};
use super::usage::{MachineUse, TopUser};
use crate::db::statement::{Arrear, Statement};
use crate::domain::statement::Unit;
use crate::domain::time::date_text;

/// A sheet the layout asks [`Labels`] to name and head.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetId {
    Statements,
    StatementLines,
    Arrears,
    Occupancy,
    Utilisation,
    Training,
    Kpis,
    TopUsers,
    /// A voucher programme's use by party and month: its settlement.
    VoucherUse,
    /// A voucher programme's grants: cap, used, remaining.
    VoucherGrants,
    /// A month's tax documents and their approval numbers.
    Documents,
    /// A lease chain's deposit: every movement, and what is held after.
    Deposit,
}

/// The sheets' words in the reader's language, supplied by the face that
/// knows it.
pub trait Labels {
    /// The sheet's name, before the month or year it is of.
    fn name(&self, sheet: SheetId) -> String;
    /// The sheet's column heads, one per column.
    fn heads(&self, sheet: SheetId) -> Vec<String>;
    /// The first cell of a totals row.
    fn total(&self) -> String;
    /// The number of a statement not issued yet.
    fn draft(&self) -> String;
    /// A statement line's words.
    fn item(&self, line: &crate::domain::statement::Line) -> String;
    /// A statement line's quantity with its unit.
    fn quantity(&self, quantity: f64, unit: Unit) -> String;
    /// An ageing bucket's words.
    fn bucket(&self, bucket: &str) -> String;
    /// What happened to deposit money.
    fn deposit_kind(&self, kind: crate::domain::deposit::EntryKind) -> String;
}

/// One cell, typed so a spreadsheet formats it (won with thousands
/// separators, percentages, dates) and sums it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Won(i64),
    /// A quantity with one decimal (hours).
    Decimal(f64),
    /// Percent: 12.5 means 12.5 %.
    Percent(f64),
    /// `YYYY-MM-DD`.
    Date(String),
    Empty,
}

impl Cell {
    /// As written in a CSV file: plain digits, no separators, so any
    /// spreadsheet reads it back as a number.
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Date(s) => s.clone(),
            Cell::Int(n) | Cell::Won(n) => n.to_string(),
            Cell::Decimal(x) | Cell::Percent(x) => format!("{x:.1}"),
            Cell::Empty => String::new(),
        }
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn date(d: Option<chrono::NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, |d| Cell::Date(date_text(d)))
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// A closing row of totals, if the sheet adds up.
    pub total: Option<Vec<Cell>>,
}

impl Sheet {
    fn new(name: String, id: SheetId, words: &dyn Labels) -> Sheet {
        Sheet { name, headers: words.heads(id), rows: Vec::new(), total: None }
    }
}

/// What one export key writes: the file's stem and its sheets (a CSV
/// file holds the first).
#[derive(Clone, Debug, PartialEq)]
pub struct Book {
    pub stem: String,
    pub sheets: Vec<Sheet>,
}

fn won_sum<T>(items: &[T], f: impl Fn(&T) -> i64) -> Cell {
    Cell::Won(items.iter().map(f).sum())
}

/// The month's statements (issued and drafts) and all their lines.
pub fn statements(month: &str, list: &[Statement], words: &dyn Labels) -> Book {
    let mut summary = Sheet::new(format!("{} {month}", words.name(SheetId::Statements)), SheetId::Statements, words);
    let mut lines = Sheet::new(words.name(SheetId::StatementLines), SheetId::StatementLines, words);
    for s in list {
        let number = s.number.clone().unwrap_or_else(|| words.draft());
        summary.rows.push(vec![
            text(number.clone()),
            text(s.name.clone()),
            text(s.brn.clone()),
            Cell::Won(s.totals.supply.0),
            Cell::Won(s.totals.vat.0),
            Cell::Won(s.totals.total.0),
            Cell::Won(s.paid.0),
            Cell::Won(s.outstanding.0),
            date(s.issued_on),
            date(s.due_on),
        ]);
        for l in &s.lines {
            lines.rows.push(vec![
                text(number.clone()),
                text(s.name.clone()),
                text(words.item(l)),
                text(words.quantity(l.quantity, l.unit)),
                l.unit_price.map_or(Cell::Empty, |p| Cell::Won(p.0)),
                Cell::Won(l.amount.0),
                text(l.source.clone()),
                text(l.terms.project.clone().unwrap_or_default()),
                text(l.terms.nfec.clone().unwrap_or_default()),
                text(l.terms.voucher.clone().unwrap_or_default()),
                if l.terms.voucher.is_some() { Cell::Won(l.terms.voucher_share.0) } else { Cell::Empty },
            ]);
        }
    }
    summary.total = Some(vec![
        text(words.total()),
        Cell::Empty,
        Cell::Empty,
        won_sum(list, |s| s.totals.supply.0),
        won_sum(list, |s| s.totals.vat.0),
        won_sum(list, |s| s.totals.total.0),
        won_sum(list, |s| s.paid.0),
        won_sum(list, |s| s.outstanding.0),
        Cell::Empty,
        Cell::Empty,
    ]);
    Book { stem: format!("kiln-statements-{month}"), sheets: vec![summary, lines] }
}

pub fn arrears(today: &str, list: &[Arrear], words: &dyn Labels) -> Book {
    let mut sheet = Sheet::new(format!("{} {today}", words.name(SheetId::Arrears)), SheetId::Arrears, words);
    for a in list {
        sheet.rows.push(vec![
            text(a.number.clone()),
            text(a.name.clone()),
            text(a.brn.clone()),
            Cell::Date(date_text(a.due_on)),
            Cell::Won(a.total.0),
            Cell::Won(a.outstanding.0),
            Cell::Int(a.days_overdue),
            text(words.bucket(a.bucket)),
        ]);
    }
    let mut total = vec![text(words.total()), Cell::Empty, Cell::Empty, Cell::Empty];
    total.extend([won_sum(list, |a| a.total.0), won_sum(list, |a| a.outstanding.0), Cell::Empty, Cell::Empty]);
    sheet.total = Some(total);
    Book { stem: format!("kiln-arrears-{today}"), sheets: vec![sheet] }
}

pub fn occupancy(points: &[OccupancyPoint], words: &dyn Labels) -> Book {
    let mut sheet = Sheet::new(words.name(SheetId::Occupancy), SheetId::Occupancy, words);
    for p in points {
        sheet.rows.push(vec![
            text(crate::domain::statement::month_of(p.month)),
            Cell::Percent(p.area_rate_bp as f64 / 100.0),
            Cell::Int(p.leased_rooms),
            Cell::Int(p.rooms),
        ]);
    }
    Book { stem: "kiln-occupancy".to_owned(), sheets: vec![sheet] }
}

pub fn utilisation(month: &str, rows: &[MachineUse], words: &dyn Labels) -> Book {
    let mut sheet = Sheet::new(format!("{} {month}", words.name(SheetId::Utilisation)), SheetId::Utilisation, words);
    for r in rows {
        sheet.rows.push(vec![
            text(r.equipment.clone()),
            text(r.name.clone()),
            Cell::Decimal(r.booked_hours),
            Cell::Decimal(r.used_hours),
            Cell::Decimal(r.available_hours),
            Cell::Percent(r.utilisation),
        ]);
    }
    let sum = |f: fn(&MachineUse) -> f64| rows.iter().map(f).sum::<f64>();
    let (used, available) = (sum(|r| r.used_hours), sum(|r| r.available_hours));
    sheet.total = Some(vec![
        text(words.total()),
        Cell::Empty,
        Cell::Decimal(sum(|r| r.booked_hours)),
        Cell::Decimal(used),
        Cell::Decimal(available),
        Cell::Percent(if available > 0.0 { used * 100.0 / available } else { 0.0 }),
    ]);
    Book { stem: format!("kiln-utilisation-{month}"), sheets: vec![sheet] }
}

pub fn training(rows: &[TrainingOutcome], words: &dyn Labels) -> Book {
    let mut sheet = Sheet::new(words.name(SheetId::Training), SheetId::Training, words);
    for r in rows {
        sheet.rows.push(vec![
            Cell::Int(i64::from(r.year)),
            text(r.course.clone()),
            text(r.title.clone()),
            Cell::Int(r.cohorts),
            Cell::Int(r.trainees),
            Cell::Int(r.completed),
            Cell::Percent(r.completion_rate),
            Cell::Int(r.qualifications),
        ]);
    }
    let sum = |f: fn(&TrainingOutcome) -> i64| rows.iter().map(f).sum::<i64>();
    let (trainees, completed) = (sum(|r| r.trainees), sum(|r| r.completed));
    sheet.total = Some(vec![
        text(words.total()),
        Cell::Empty,
        Cell::Empty,
        Cell::Int(sum(|r| r.cohorts)),
        Cell::Int(trainees),
        Cell::Int(completed),
        Cell::Percent(if trainees > 0 { completed as f64 * 100.0 / trainees as f64 } else { 0.0 }),
        Cell::Int(sum(|r| r.qualifications)),
    ]);
    Book { stem: "kiln-training".to_owned(), sheets: vec![sheet] }
}

pub fn kpis(years: &[Programme], words: &dyn Labels) -> Book {
    let mut sheet = Sheet::new(words.name(SheetId::Kpis), SheetId::Kpis, words);
    for p in years {
        sheet.rows.push(vec![
            Cell::Int(i64::from(p.year)),
            Cell::Int(p.companies),
            Cell::Int(p.target_companies),
            Cell::Int(p.employees),
            Cell::Int(p.target_employees),
            Cell::Won(p.sales.0),
            Cell::Won(p.target_sales.0),
            Cell::Won(p.exports.0),
            Cell::Int(p.patents_filed),
            Cell::Int(p.patents_granted),
            Cell::Won(p.investment.0),
            Cell::Int(p.graduated),
            Cell::Int(p.reporting),
        ]);
    }
    Book { stem: "kiln-kpis".to_owned(), sheets: vec![sheet] }
}

pub fn top_users(year: i32, rows: &[TopUser], words: &dyn Labels) -> Book {
    let mut sheet = Sheet::new(format!("{} {year}", words.name(SheetId::TopUsers)), SheetId::TopUsers, words);
    for (i, r) in rows.iter().enumerate() {
        sheet.rows.push(vec![
            Cell::Int(i as i64 + 1),
            text(r.company_name.clone()),
            text(r.company_brn.clone()),
            Cell::Int(r.bookings),
            Cell::Decimal(r.hours),
            Cell::Won(r.charged.0),
        ]);
    }
    Book { stem: format!("kiln-top-users-{year}"), sheets: vec![sheet] }
}

/// A month's tax documents: statement, kind, buyer, supply, tax and the
/// approval number (empty while waiting).
pub fn documents(month: &str, m: &crate::db::invoice::MonthDocuments, words: &dyn Labels) -> Book {
    let mut sheet = Sheet::new(format!("{} {month}", words.name(SheetId::Documents)), SheetId::Documents, words);
    for d in &m.documents {
        sheet.rows.push(vec![
            text(d.statement.clone()),
            text(d.document.kind.name_ko()),
            text(d.name.clone()),
            text(d.brn.clone()),
            Cell::Won(d.document.supply.0),
            Cell::Won(d.document.tax.0),
            text(d.approval.clone().unwrap_or_default()),
        ]);
    }
    sheet.total = Some(vec![
        text(words.total()),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        won_sum(&m.documents, |d| d.document.supply.0),
        won_sum(&m.documents, |d| d.document.tax.0),
        Cell::Empty,
    ]);
    Book { stem: format!("kiln-documents-{month}"), sheets: vec![sheet] }
}

/// A lease chain's deposit settlement (보증금 정산서): the company and room
/// on every row (a spreadsheet filters them), each movement with what was
/// held after it, and what is held now.
pub fn deposit(chain: &crate::db::deposit::Chain, moves: &[crate::db::deposit::Movement], words: &dyn Labels) -> Book {
    let lease = chain.last_lease().to_owned();
    let mut sheet = Sheet::new(format!("{} {lease}", words.name(SheetId::Deposit)), SheetId::Deposit, words);
    for m in moves {
        sheet.rows.push(vec![
            text(m.company.clone()),
            text(m.brn.clone()),
            text(m.room.clone()),
            text(m.lease.clone()),
            Cell::Date(date_text(m.on)),
            text(words.deposit_kind(m.kind)),
            text(m.statement.clone().unwrap_or_default()),
            Cell::Won(m.amount.0),
            Cell::Won(m.held.0),
            text(m.note.clone()),
        ]);
    }
    let mut total = vec![text(words.total())];
    total.extend(std::iter::repeat_n(Cell::Empty, 7));
    total.extend([Cell::Won(chain.held.0), Cell::Empty]);
    sheet.total = Some(total);
    Book { stem: format!("kiln-deposit-{lease}"), sheets: vec![sheet] }
}

/// A year of voucher programmes (one, or all) as their funders settle it:
/// the use by programme, party and month with the programme's and the
/// party's shares, then each grant's cap and balance.
pub fn vouchers(r: &crate::db::voucher::VoucherReport, words: &dyn Labels) -> Book {
    let code = r.programme.as_ref().map_or(String::new(), |p| format!(" {}", p.code));
    let title = |id| format!("{}{code} {}", words.name(id), r.year);
    let mut uses = Sheet::new(title(SheetId::VoucherUse), SheetId::VoucherUse, words);
    for u in &r.uses {
        uses.rows.push(vec![
            text(u.programme.clone()),
            text(u.party.clone()),
            text(u.party_name.clone()),
            text(u.brn.clone().unwrap_or_default()),
            text(u.month.clone()),
            Cell::Int(u.bookings),
            Cell::Won(u.charge.0),
            Cell::Won(u.voucher.0),
            Cell::Won(u.party_share.0),
        ]);
    }
    uses.total = Some(vec![
        text(words.total()),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Int(r.uses.iter().map(|u| u.bookings).sum()),
        won_sum(&r.uses, |u| u.charge.0),
        won_sum(&r.uses, |u| u.voucher.0),
        won_sum(&r.uses, |u| u.party_share.0),
    ]);
    let mut grants = Sheet::new(title(SheetId::VoucherGrants), SheetId::VoucherGrants, words);
    for g in &r.grants {
        grants.rows.push(vec![
            text(g.programme.clone()),
            text(g.party.clone()),
            text(g.party_name.clone()),
            Cell::Won(g.cap.0),
            Cell::Won(g.used.0),
            Cell::Won(g.remaining.0),
        ]);
    }
    grants.total = Some(vec![
        text(words.total()),
        Cell::Empty,
        Cell::Empty,
        won_sum(&r.grants, |g| g.cap.0),
        won_sum(&r.grants, |g| g.used.0),
        won_sum(&r.grants, |g| g.remaining.0),
    ]);
    let stem = match &r.programme {
        Some(p) => format!("kiln-voucher-{}-{}", p.code, r.year),
        None => format!("kiln-vouchers-{}", r.year),
    };
    Book { stem, sheets: vec![uses, grants] }
}
