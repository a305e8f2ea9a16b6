//! The reports as sheets of typed cells, headed in the reader's language:
//! what screen 6 shows is what its export keys write, so the numbers in the
//! funders' Excel file are the ones the administrator saw.

use super::programme::Programme;
use super::trends::{OccupancyPoint, TrainingOutcome};
use super::usage::{MachineUse, TopUser};
use crate::db::statement::{Arrear, Statement};
use crate::domain::time::date_text;
use crate::i18n::{Lang, Msg, labels};

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
    fn new(name: &str, headers: &[(&str, &str)], lang: Lang) -> Sheet {
        let headers = headers.iter().map(|(ko, en)| lang.pick(ko, en).to_owned()).collect();
        Sheet { name: name.to_owned(), headers, rows: Vec::new(), total: None }
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
pub fn statements(month: &str, list: &[Statement], lang: Lang) -> Book {
    let heads = [
        ("번호", "Number"),
        ("기업", "Company"),
        ("사업자등록번호", "BRN"),
        ("공급가액", "Supply"),
        ("부가세", "VAT"),
        ("합계", "Total"),
        ("납부", "Paid"),
        ("미납", "Outstanding"),
        ("발행일", "Issued"),
        ("납부기한", "Due"),
    ];
    let mut summary = Sheet::new(&format!("{} {month}", Msg::ReportStatements.text(lang)), &heads, lang);
    let line_heads = [
        ("번호", "Number"),
        ("기업", "Company"),
        ("내역", "Item"),
        ("수량", "Quantity"),
        ("단가", "Unit price"),
        ("금액", "Amount"),
        ("근거", "Source"),
    ];
    let mut lines = Sheet::new(lang.pick("청구 내역", "Lines"), &line_heads, lang);
    for s in list {
        let number = s.number.clone().unwrap_or_else(|| Msg::Draft.text(lang).to_owned());
        summary.rows.push(vec![
            text(number.clone()),
            text(s.company_name.clone()),
            text(s.company_brn.clone()),
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
                text(s.company_name.clone()),
                text(labels::statement_line(l.kind, &l.subject, &l.detail, lang)),
                text(labels::quantity(l.quantity, l.unit, lang)),
                l.unit_price.map_or(Cell::Empty, |p| Cell::Won(p.0)),
                Cell::Won(l.amount.0),
                text(l.source.clone()),
            ]);
        }
    }
    summary.total = Some(vec![
        text(Msg::Total.text(lang)),
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

/// The ageing bucket's words.
pub fn bucket(b: &str, lang: Lang) -> String {
    match b {
        "current" => lang.pick("기한 전", "not due").to_owned(),
        other => format!("{other}{}", lang.pick("일", " days")),
    }
}

pub fn arrears(today: &str, list: &[Arrear], lang: Lang) -> Book {
    let heads = [
        ("번호", "Number"),
        ("기업", "Company"),
        ("사업자등록번호", "BRN"),
        ("납부기한", "Due"),
        ("청구액", "Billed"),
        ("미납", "Outstanding"),
        ("연체일", "Days overdue"),
        ("구간", "Age"),
    ];
    let mut sheet = Sheet::new(&format!("{} {today}", Msg::ReportArrears.text(lang)), &heads, lang);
    for a in list {
        sheet.rows.push(vec![
            text(a.number.clone()),
            text(a.company_name.clone()),
            text(a.company_brn.clone()),
            Cell::Date(date_text(a.due_on)),
            Cell::Won(a.total.0),
            Cell::Won(a.outstanding.0),
            Cell::Int(a.days_overdue),
            text(bucket(a.bucket, lang)),
        ]);
    }
    let mut total = vec![text(Msg::Total.text(lang)), Cell::Empty, Cell::Empty, Cell::Empty];
    total.extend([won_sum(list, |a| a.total.0), won_sum(list, |a| a.outstanding.0), Cell::Empty, Cell::Empty]);
    sheet.total = Some(total);
    Book { stem: format!("kiln-arrears-{today}"), sheets: vec![sheet] }
}

pub fn occupancy(points: &[OccupancyPoint], lang: Lang) -> Book {
    let heads = [("월", "Month"), ("면적 입주율", "Area let"), ("임대 호실", "Rooms let"), ("전체 호실", "Rooms")];
    let mut sheet = Sheet::new(Msg::ReportOccupancy.text(lang), &heads, lang);
    for p in points {
        sheet.rows.push(vec![
            text(p.month.clone()),
            Cell::Percent(p.area_rate_bp as f64 / 100.0),
            Cell::Int(p.leased_rooms),
            Cell::Int(p.rooms),
        ]);
    }
    Book { stem: "kiln-occupancy".to_owned(), sheets: vec![sheet] }
}

pub fn utilisation(month: &str, rows: &[MachineUse], lang: Lang) -> Book {
    let heads = [
        ("장비", "Machine"),
        ("장비명", "Name"),
        ("예약 시간", "Booked h"),
        ("사용 시간", "Used h"),
        ("가용 시간", "Available h"),
        ("가동률", "Utilisation"),
    ];
    let mut sheet = Sheet::new(&format!("{} {month}", Msg::ReportUtilisation.text(lang)), &heads, lang);
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
        text(Msg::Total.text(lang)),
        Cell::Empty,
        Cell::Decimal(sum(|r| r.booked_hours)),
        Cell::Decimal(used),
        Cell::Decimal(available),
        Cell::Percent(if available > 0.0 { used * 100.0 / available } else { 0.0 }),
    ]);
    Book { stem: format!("kiln-utilisation-{month}"), sheets: vec![sheet] }
}

pub fn training(rows: &[TrainingOutcome], lang: Lang) -> Book {
    let heads = [
        ("연도", "Year"),
        ("과정", "Course"),
        ("과정명", "Title"),
        ("기수", "Cohorts"),
        ("수강생", "Trainees"),
        ("수료", "Completed"),
        ("수료율", "Completion"),
        ("자격 발급", "Qualifications"),
    ];
    let mut sheet = Sheet::new(Msg::ReportTraining.text(lang), &heads, lang);
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
        text(Msg::Total.text(lang)),
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

pub fn kpis(years: &[Programme], lang: Lang) -> Book {
    let heads = [
        ("연도", "Year"),
        ("기업 수", "Companies"),
        ("기업 목표", "Target"),
        ("고용", "Jobs"),
        ("고용 목표", "Target"),
        ("매출", "Sales"),
        ("매출 목표", "Target"),
        ("수출", "Exports"),
        ("특허 출원", "Patents filed"),
        ("특허 등록", "Patents granted"),
        ("투자 유치", "Investment"),
        ("졸업", "Graduated"),
        ("실적 제출", "Reporting"),
    ];
    let mut sheet = Sheet::new(Msg::ReportKpis.text(lang), &heads, lang);
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

pub fn top_users(year: i32, rows: &[TopUser], lang: Lang) -> Book {
    let heads = [
        ("순위", "Rank"),
        ("기업", "Company"),
        ("사업자등록번호", "BRN"),
        ("사용 건수", "Bookings"),
        ("사용 시간", "Hours"),
        ("청구액", "Charged"),
    ];
    let mut sheet = Sheet::new(&format!("{} {year}", Msg::ReportTopUsers.text(lang)), &heads, lang);
    for (i, r) in rows.iter().enumerate() {
        sheet.rows.push(vec![
            Cell::Int(i as i64 + 1),
            text(r.company_name.clone()),
            text(r.company_brn.clone()),
            Cell::Int(r.bookings),
            Cell::Decimal(r.hours),
            Cell::Won(r.charged),
        ]);
    }
    Book { stem: format!("kiln-top-users-{year}"), sheets: vec![sheet] }
}
