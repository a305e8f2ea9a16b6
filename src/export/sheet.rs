//! One table as rows of named values, and the files it becomes: CSV (the
//! field names as headers, so it imports back), JSON (the same fields, in
//! column order) and XLSX (Korean titles, real numbers and dates, widths that
//! fit Hangul). Rows come from any `Serialize` list, so every table shares
//! one writer and its columns are defined once, in `columns`.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
    column_number_to_name,
};
use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::Value;

use super::columns::{Column, Kind};
use crate::cells::width;
use crate::domain::money::group;
use crate::error::{Error, Result};
use crate::files::Target;

/// The widest a column gets, in Excel character units: a long purpose or
/// address wraps out of view rather than pushing every other column away.
pub(super) const MAX_WIDTH: usize = 60;
/// The narrowest, so short codes still leave room to click the filter arrow.
pub(super) const MIN_WIDTH: usize = 6;
/// The header cell also holds the autofilter's drop-down button.
pub(super) const FILTER_BUTTON: usize = 3;
pub(super) const PADDING: usize = 2;

pub(super) const WON_FORMAT: &str = "#,##0";
const AREA_FORMAT: &str = "0.00";
pub(super) const DATE_FORMAT: &str = "yyyy-mm-dd";
const INSTANT_FORMAT: &str = "yyyy-mm-dd hh:mm";

/// A table ready to be written: its columns and one JSON object per row.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// The worksheet's name in an XLSX file (Korean, at most 31 characters).
    pub name: &'static str,
    pub columns: &'static [Column],
    /// The keys of the Won columns whose sum is worth a totals row (a charge
    /// is; a rate per hour is not).
    pub totals: &'static [&'static str],
    pub rows: Vec<Value>,
}

impl Sheet {
    /// The rows as the JSON the list commands print, so each column's key
    /// finds the same value the `--json` output has.
    pub fn new<T: Serialize>(name: &'static str, columns: &'static [Column], rows: &[T]) -> Result<Sheet> {
        let rows = rows.iter().map(serde_json::to_value).collect::<Result<Vec<_>, _>>().map_err(other)?;
        // A column whose key the row type does not have would export as empty
        // cells forever; the debug build (every test) says so at once.
        debug_assert!(
            rows.iter().all(|r| columns.iter().all(|c| r.get(c.key).is_some())),
            "{name}: a column key is missing from the rows"
        );
        Ok(Sheet { name, columns, totals: &[], rows })
    }

    pub fn with_totals(mut self, keys: &'static [&'static str]) -> Sheet {
        self.totals = keys;
        self
    }

    fn value<'a>(row: &'a Value, column: &Column) -> &'a Value {
        row.get(column.key).unwrap_or(&Value::Null)
    }

    /// Every row as CSV cells, in column order.
    pub fn csv_rows(&self) -> Vec<Vec<String>> {
        self.rows.iter().map(|r| self.columns.iter().map(|c| csv_cell(c.kind, Self::value(r, c))).collect()).collect()
    }

    /// UTF-8 with a byte-order mark (for Korean Excel); the header row holds
    /// the field names, which `columns::key_for` maps back on import.
    pub fn write_csv(&self, path: &Target) -> Result<()> {
        let headers: Vec<&str> = self.columns.iter().map(|c| c.key).collect();
        super::write_csv(path, &headers, &self.csv_rows())
    }

    /// An array of objects with exactly the column keys, in column order
    /// (serde_json's own maps would sort them).
    pub fn json(&self) -> Result<String> {
        let rows: Vec<Ordered<'_>> = self.rows.iter().map(|row| Ordered { columns: self.columns, row }).collect();
        serde_json::to_string_pretty(&rows).map_err(other)
    }

    pub fn write_json(&self, path: &Target) -> Result<()> {
        let mut text = self.json()?;
        text.push('\n');
        super::write_bytes(path, text.as_bytes())
    }

    /// The workbook's bytes. Built in memory first, so a table that cannot be
    /// written (past Excel's row limit) leaves no half-written file behind.
    pub fn xlsx(&self) -> Result<Vec<u8>> {
        let mut book = Workbook::new();
        self.fill(book.add_worksheet()).map_err(xlsx_error)?;
        book.save_to_buffer().map_err(xlsx_error)
    }

    pub fn write_xlsx(&self, path: &Target) -> Result<()> {
        super::write_bytes(path, &self.xlsx()?)
    }

    fn fill(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        ws.set_name(self.name)?;
        let header = header_format();
        let won = Format::new().set_num_format(WON_FORMAT);
        let area = Format::new().set_num_format(AREA_FORMAT);
        let date = Format::new().set_num_format(DATE_FORMAT);
        let instant = Format::new().set_num_format(INSTANT_FORMAT);
        let last_col =
            u16::try_from(self.columns.len().saturating_sub(1)).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (i, c) in (0u16..).zip(self.columns) {
            ws.write_string_with_format(0, i, c.ko, &header)?;
        }
        for (r, row) in (1u32..).zip(&self.rows) {
            for (i, c) in (0u16..).zip(self.columns) {
                let v = Self::value(row, c);
                match (c.kind, v) {
                    // An empty cell, so a filter on blanks finds it.
                    (_, Value::Null) => continue,
                    (Kind::Won | Kind::Int | Kind::Area, Value::Number(n)) => {
                        let x = n.as_f64().unwrap_or_default();
                        match c.kind {
                            Kind::Won => ws.write_number_with_format(r, i, x, &won)?,
                            Kind::Area => ws.write_number_with_format(r, i, x, &area)?,
                            _ => ws.write_number(r, i, x)?,
                        }
                    }
                    (Kind::Date, Value::String(s)) => match excel_date(s) {
                        Some(d) => ws.write_datetime_with_format(r, i, d, &date)?,
                        None => ws.write_string(r, i, s)?,
                    },
                    (Kind::Instant, Value::String(s)) => match excel_instant(s) {
                        Some(t) => ws.write_datetime_with_format(r, i, t, &instant)?,
                        None => ws.write_string(r, i, s)?,
                    },
                    (_, Value::Bool(b)) => ws.write_boolean(r, i, *b)?,
                    (_, Value::String(s)) => ws.write_string(r, i, s)?,
                    (_, other) => ws.write_string(r, i, other.to_string())?,
                };
            }
        }
        let last_row = u32::try_from(self.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, last_row, last_col)?;
        self.totals_row(ws, last_row)?;
        for (i, w) in (0u16..).zip(self.widths()) {
            ws.set_column_width(i, w as f64)?;
        }
        Ok(())
    }

    /// Under the data, outside the filter range (sorting leaves it in
    /// place): `합계` and a SUM per totalled column. The formula's value is
    /// cached too, so readers that do not calculate (calamine, previews) see it.
    fn totals_row(&self, ws: &mut Worksheet, last_row: u32) -> Result<(), XlsxError> {
        if self.totals.is_empty() || self.rows.is_empty() {
            return Ok(());
        }
        let row = last_row + 1;
        let bold = Format::new().set_bold().set_border_top(FormatBorder::Thin);
        let total = bold.clone().set_num_format(WON_FORMAT);
        let mut labelled = false;
        for (i, c) in (0u16..).zip(self.columns) {
            if self.totals.contains(&c.key) {
                let letter = column_number_to_name(i);
                let formula = Formula::new(format!("=SUM({letter}2:{letter}{})", last_row + 1))
                    .set_result(self.sum(c.key).to_string());
                ws.write_formula_with_format(row, i, formula, &total)?;
            } else if !labelled {
                ws.write_string_with_format(row, i, "합계", &bold)?;
                labelled = true;
            }
        }
        Ok(())
    }

    /// The sum of a Won column, empty cells counting as nothing.
    pub fn sum(&self, key: &str) -> i64 {
        self.rows.iter().filter_map(|r| r.get(key).and_then(Value::as_i64)).fold(0, i64::saturating_add)
    }

    /// Each column's width: its widest cell as shown (Won with separators,
    /// dates as `yyyy-mm-dd`), measured in display cells so Hangul counts
    /// twice, plus room for the filter button in the header; capped.
    pub fn widths(&self) -> Vec<usize> {
        self.columns
            .iter()
            .map(|c| {
                let cells = self.rows.iter().map(|r| width(&shown(c.kind, Self::value(r, c)))).max().unwrap_or(0);
                let total = if self.totals.contains(&c.key) { width(&group(i128::from(self.sum(c.key)))) } else { 0 };
                let widest = (width(c.ko) + FILTER_BUTTON).max(cells.max(total) + PADDING);
                widest.clamp(MIN_WIDTH, MAX_WIDTH)
            })
            .collect()
    }
}

/// The header row's look, the same in every file kiln writes.
pub(super) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x00DD_EBF7))
        .set_border_bottom(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
}

/// A row serialized with the columns' keys in their order.
struct Ordered<'a> {
    columns: &'static [Column],
    row: &'a Value,
}

impl Serialize for Ordered<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.columns.len()))?;
        for c in self.columns {
            map.serialize_entry(c.key, Sheet::value(self.row, c))?;
        }
        map.end()
    }
}

/// A CSV cell: text as stored (dates `YYYY-MM-DD`, instants `YYYY-MM-DD
/// HH:MM`), won and counts as plain integers, areas with two decimals, bools
/// `true`/`false`, nothing as an empty cell — what an import parses back.
pub fn csv_cell(kind: Kind, v: &Value) -> String {
    match (kind, v) {
        (_, Value::Null) => String::new(),
        (Kind::Area, Value::Number(n)) => n.as_f64().map_or_else(|| n.to_string(), |x| format!("{x:.2}")),
        (Kind::Won | Kind::Int, Value::Number(n)) => n
            .as_i64()
            .map_or_else(|| n.as_f64().map_or_else(|| n.to_string(), |x| format!("{x:.0}")), |i| i.to_string()),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

/// A cell as a spreadsheet shows it, for measuring widths.
fn shown(kind: Kind, v: &Value) -> String {
    match (kind, v) {
        (Kind::Won, Value::Number(n)) => n.as_i64().map_or_else(|| n.to_string(), |i| group(i128::from(i))),
        (Kind::Bool, Value::Bool(b)) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        _ => csv_cell(kind, v),
    }
}

pub(super) fn excel_date(s: &str) -> Option<ExcelDateTime> {
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    ExcelDateTime::from_ymd(u16::try_from(d.year()).ok()?, d.month() as u8, d.day() as u8).ok()
}

/// An instant as stored (KST wall time, `YYYY-MM-DD HH:MM`); Excel has no
/// time zones, so the wall time is what the reader expects to see.
fn excel_instant(s: &str) -> Option<ExcelDateTime> {
    let t = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S"))
        .ok()?;
    excel_date(&t.date().format("%Y-%m-%d").to_string())?.and_hms(t.hour() as u16, t.minute() as u8, t.second()).ok()
}

fn other(e: impl std::fmt::Display) -> Error {
    std::io::Error::other(e.to_string()).into()
}

/// A file the system refused keeps its `io::Error` (and so its message);
/// anything else the library refused is reported as text.
pub(super) fn xlsx_error(e: XlsxError) -> Error {
    match e {
        XlsxError::IoError(io) => io.into(),
        e => other(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::columns::{BOOKINGS, ROOMS};
    use serde_json::json;

    fn rooms() -> Sheet {
        let rows = vec![
            json!({"code": "101", "floor": 1, "kind": "pilot-plant", "area_m2": 330.5, "rent_per_m2": 7000, "retired_on": null}),
            json!({"code": "세라믹 공용 실험실 A동", "floor": 3, "kind": "lab", "area_m2": 66.12, "rent_per_m2": 1_234_567, "retired_on": "2026-01-31"}),
        ];
        Sheet::new("호실", ROOMS, &rows).unwrap()
    }

    #[test]
    fn csv_cells_import_back() {
        let s = rooms();
        assert_eq!(s.csv_rows()[0], ["101", "1", "pilot-plant", "330.50", "7000", ""]);
        assert_eq!(s.csv_rows()[1][5], "2026-01-31");
        assert_eq!(csv_cell(Kind::Bool, &json!(true)), "true");
        assert_eq!(csv_cell(Kind::Instant, &json!("2026-11-26 10:00")), "2026-11-26 10:00");
    }

    #[test]
    fn json_keeps_column_order_and_values() {
        let text = rooms().json().unwrap();
        let code = text.find("\"code\"").unwrap();
        let retired = text.find("\"retired_on\"").unwrap();
        let floor = text.find("\"floor\"").unwrap();
        assert!(code < floor && floor < retired, "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back[1]["area_m2"], json!(66.12));
        assert_eq!(back[0]["retired_on"], Value::Null);
    }

    #[test]
    fn widths_count_hangul_twice_and_are_capped() {
        let s = rooms();
        let w = s.widths();
        // "세라믹 공용 실험실 A동": 9 Hangul (18) + 3 spaces + "A" = 22, plus padding.
        assert_eq!(w[0], 24);
        // The title "m²당 임대료" (11 cells) and its filter button outweigh "1,234,567".
        assert_eq!(w[4], 14);
        assert!(w.iter().all(|x| (MIN_WIDTH..=MAX_WIDTH).contains(x)));
        // Built directly: `new` would (rightly) refuse rows missing columns.
        let long =
            Sheet { name: "예약", columns: BOOKINGS, totals: &[], rows: vec![json!({"purpose": "가".repeat(100)})] };
        let purpose = BOOKINGS.iter().position(|c| c.key == "purpose").unwrap();
        assert_eq!(long.widths()[purpose], MAX_WIDTH);
    }

    #[test]
    fn dates_and_instants_become_excel_serials() {
        assert!(excel_date("2026-11-26").is_some());
        assert!(excel_instant("2026-11-26 10:30").is_some());
        assert!(excel_date("26/11/2026").is_none());
        assert!(rooms().xlsx().unwrap().starts_with(b"PK"));
    }
}
