//! Writing a report's workbook ([`Book`]) to a file: XLSX with a bold,
//! frozen, filterable header, won and percent formats and columns wide
//! enough for Hangul; or CSV (the first sheet, UTF-8 with a BOM).

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::sheet::{
    DATE_FORMAT, FILTER_BUTTON, MAX_WIDTH, MIN_WIDTH, PADDING, WON_FORMAT, excel_date, header_format, xlsx_error,
};
use crate::cells::width;
use crate::error::Result;
use crate::files::Target;
use crate::report::sheets::{Book, Cell, Sheet};

const DECIMAL_FORMAT: &str = "#,##0.0";
const PERCENT_FORMAT: &str = "0.0%";
/// Excel refuses sheet names longer than this.
const SHEET_NAME_MAX: usize = 31;

struct Formats {
    head: Format,
    won: Format,
    decimal: Format,
    percent: Format,
    date: Format,
    int: Format,
    text: Format,
}

impl Formats {
    fn new(bold: bool) -> Formats {
        let f = |n: &str| {
            let f = Format::new().set_num_format(n);
            if bold { f.set_bold() } else { f }
        };
        Formats {
            head: header_format(),
            won: f(WON_FORMAT),
            decimal: f(DECIMAL_FORMAT),
            percent: f(PERCENT_FORMAT),
            date: f(DATE_FORMAT),
            int: f("0"),
            text: f("@"),
        }
    }
}

fn write_cell(ws: &mut Worksheet, row: u32, col: u16, cell: &Cell, f: &Formats) -> std::result::Result<(), XlsxError> {
    match cell {
        Cell::Text(s) => ws.write_string_with_format(row, col, s, &f.text).map(drop),
        Cell::Int(n) => ws.write_number_with_format(row, col, *n as f64, &f.int).map(drop),
        Cell::Won(n) => ws.write_number_with_format(row, col, *n as f64, &f.won).map(drop),
        Cell::Decimal(x) => ws.write_number_with_format(row, col, *x, &f.decimal).map(drop),
        Cell::Percent(x) => ws.write_number_with_format(row, col, *x / 100.0, &f.percent).map(drop),
        Cell::Date(d) => match excel_date(d) {
            Some(dt) => ws.write_datetime_with_format(row, col, dt, &f.date).map(drop),
            None => ws.write_string_with_format(row, col, d, &f.text).map(drop),
        },
        Cell::Empty => Ok(()),
    }
}

/// The width a cell takes on screen, as a spreadsheet column measures it:
/// a Hangul syllable is two.
fn shown_width(cell: &Cell) -> usize {
    match cell {
        Cell::Won(n) => crate::domain::money::group(i128::from(*n)).len(),
        Cell::Date(_) => 10,
        other => width(&other.plain()),
    }
}

fn write_sheet(book: &mut Workbook, sheet: &Sheet) -> std::result::Result<(), XlsxError> {
    let ws = book.add_worksheet();
    let name: String = sheet.name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(SHEET_NAME_MAX).collect();
    ws.set_name(name)?;
    let (plain, bold) = (Formats::new(false), Formats::new(true));
    let mut widths: Vec<usize> = sheet.headers.iter().map(|h| width(h) + FILTER_BUTTON - PADDING).collect();
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &plain.head)?;
    }
    let rows = sheet.rows.iter().map(|r| (r, &plain)).chain(sheet.total.iter().map(|r| (r, &bold)));
    let mut last = 0;
    for (i, (row, formats)) in rows.enumerate() {
        last = i as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            write_cell(ws, last, c as u16, cell, formats)?;
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown_width(cell));
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w + PADDING).clamp(MIN_WIDTH, MAX_WIDTH) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if !sheet.headers.is_empty() {
        let data_last = last.min(sheet.rows.len() as u32).max(1);
        ws.autofilter(0, 0, data_last, (sheet.headers.len() - 1) as u16)?;
    }
    Ok(())
}

/// Writes every sheet of `book` as an XLSX workbook; returns the data rows
/// written.
pub fn write_xlsx(book: &Book, path: &Target) -> Result<usize> {
    let mut wb = Workbook::new();
    for sheet in &book.sheets {
        write_sheet(&mut wb, sheet).map_err(xlsx_error)?;
    }
    super::write_bytes(path, &wb.save_to_buffer().map_err(xlsx_error)?)?;
    Ok(book.sheets.iter().map(|s| s.rows.len()).sum())
}

/// Writes the first sheet of `book` as CSV, totals last; returns the data
/// rows written.
pub fn write_csv(book: &Book, path: &Target) -> Result<usize> {
    let Some(sheet) = book.sheets.first() else { return Ok(0) };
    let headers: Vec<&str> = sheet.headers.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> =
        sheet.rows.iter().chain(sheet.total.iter()).map(|r| r.iter().map(Cell::plain).collect()).collect();
    super::write_csv(path, &headers, &rows)?;
    Ok(sheet.rows.len())
}
