//! The national bulk-issue upload form (홈택스 일괄발급) for a month's tax
//! documents: sheet `엑셀업로드양식`, a title in row 1, instructions in rows
//! 2–5, the form's headers in row 6 word for word, one document a row from
//! row 7, at most 100 rows a file. The 세금계산서 form has 59 columns (A–BG),
//! the 계산서 form 54 (A–BB, no tax columns); see REFERENCE-money.md §1–2.
//! Codes, dates, BRNs and days are written as text (keeping `01`, `05`),
//! amounts as numbers.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::sheet::{header_format, xlsx_error};
use crate::db::invoice::{Buyer, MonthDocument};
use crate::domain::supplier::Supplier;
use crate::domain::tax_document::{DocKind, MAX_ITEMS};
use crate::error::Result;
use crate::files::Target;
use crate::report::sheets::Cell;

/// Rows the form takes in one file; later rows are not read.
pub const ROWS_PER_FILE: usize = 100;
pub const HEADER_ROW: u32 = 5;
pub const SHEET: &str = "엑셀업로드양식";

const SUPPLIER_AND_BUYER: [&str; 18] = [
    "공급자 등록번호\n(\"-\" 없이 입력)",
    "공급자\n 종사업장번호",
    "공급자 상호",
    "공급자 성명",
    "공급자 사업장주소",
    "공급자 업태",
    "공급자 종목",
    "공급자 이메일",
    "공급받는자 등록번호\n(\"-\" 없이 입력)",
    "공급받는자 \n종사업장번호",
    "공급받는자 상호 ",
    "공급받는자 성명",
    "공급받는자 사업장주소",
    "공급받는자 업태",
    "공급받는자 종목",
    "공급받는자 이메일1",
    "공급받는자 이메일2",
    "공급가액\n합계",
];
const PAYMENT: [&str; 5] = ["현금", "수표", "어음", "외상미수금", "영수(01),\n청구(02)"];

/// The form's headers (row 6), column A first.
pub fn headers(kind: DocKind) -> Vec<String> {
    let mut h = vec![
        match kind {
            DocKind::TaxInvoice => "전자(세금)계산서 종류\n(01:일반, 02:영세율)",
            DocKind::Invoice => "전자(세금)계산서 종류\n(05::일반)",
        }
        .to_owned(),
        "작성일자".to_owned(),
    ];
    h.extend(SUPPLIER_AND_BUYER.iter().map(|s| (*s).to_owned()));
    if kind == DocKind::TaxInvoice {
        h.push("세액\n합계".to_owned());
    }
    h.push("비고".to_owned());
    for n in 1..=MAX_ITEMS {
        h.push(format!("일자{n}\n(2자리, 작성년월 제외)"));
        for name in ["품목", "규격", "수량", "단가", "공급가액"] {
            h.push(format!("{name}{n}"));
        }
        if kind == DocKind::TaxInvoice {
            h.push(format!("세액{n}"));
        }
        h.push(format!("품목비고{n}"));
    }
    h.extend(PAYMENT.iter().map(|s| (*s).to_owned()));
    h
}

/// The form's title (row 1).
pub fn title(kind: DocKind) -> &'static str {
    match kind {
        DocKind::TaxInvoice => "엑셀 업로드 양식(전자세금계산서-일반(영세율)) - 100건 이하",
        DocKind::Invoice => "엑셀 업로드 양식(전자계산서-일반)",
    }
}

/// One document as a row of the form, in the order of [`headers`].
pub fn row(supplier: &Supplier, d: &MonthDocument, buyer: &Buyer) -> Vec<Cell> {
    let text = |s: &str| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_owned()) };
    let kind = d.document.kind;
    let mut r = vec![
        Cell::Text(kind.code().to_owned()),
        Cell::Text(d.document.written_on.format("%Y%m%d").to_string()),
        Cell::Text(supplier.brn.digits()),
        Cell::Empty,
        text(&supplier.name),
        text(&supplier.representative),
        text(&supplier.address),
        text(&supplier.business_type),
        text(&supplier.business_item),
        text(&supplier.email),
        Cell::Text(buyer.brn.clone()),
        Cell::Empty,
        text(&d.name),
        text(&buyer.representative),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        text(buyer.email.as_deref().unwrap_or_default()),
        Cell::Empty,
        Cell::Int(d.document.supply.0),
    ];
    if kind == DocKind::TaxInvoice {
        r.push(Cell::Int(d.document.tax.0));
    }
    r.push(Cell::Text(d.statement.clone()));
    for n in 0..MAX_ITEMS {
        match d.document.items.get(n) {
            Some(i) => {
                r.push(Cell::Text(format!("{:02}", i.day)));
                r.push(Cell::Text(i.name.clone()));
                r.push(Cell::Empty);
                r.push(i.quantity.map_or(Cell::Empty, Cell::Decimal));
                r.push(i.unit_price.map_or(Cell::Empty, |p| Cell::Int(p.0)));
                r.push(Cell::Int(i.supply.0));
                if kind == DocKind::TaxInvoice {
                    r.push(Cell::Int(i.tax.0));
                }
                r.push(Cell::Empty);
            }
            None => r.extend(std::iter::repeat_n(Cell::Empty, if kind == DocKind::TaxInvoice { 8 } else { 7 })),
        }
    }
    r.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Text("02".to_owned())]);
    r
}

/// Writes `rows` (at most [`ROWS_PER_FILE`]) as the form's workbook.
pub fn write_xlsx(kind: DocKind, rows: &[Vec<Cell>], path: &Target) -> Result<()> {
    let mut wb = Workbook::new();
    sheet(&mut wb, kind, rows).map_err(xlsx_error)?;
    super::write_bytes(path, &wb.save_to_buffer().map_err(xlsx_error)?)
}

fn sheet(wb: &mut Workbook, kind: DocKind, rows: &[Vec<Cell>]) -> std::result::Result<(), XlsxError> {
    let ws = wb.add_worksheet().set_name(SHEET)?;
    let text = Format::new().set_num_format("@");
    let number = Format::new().set_num_format("#,##0");
    let plain = Format::new();
    ws.merge_range(0, 0, 0, 6, title(kind), &Format::new().set_bold())?;
    let notes = [
        "kiln이 만든 파일입니다. 행과 열을 넣거나 지우지 마세요.",
        "6행은 머리글, 7행부터 한 행이 문서 한 건입니다(100건 이하).",
        "작성일자는 청구 월의 마지막 날, 영수/청구는 02(청구)입니다.",
        "비고에는 kiln 청구서 번호가 있습니다.",
    ];
    for (i, note) in notes.iter().enumerate() {
        ws.merge_range(1 + i as u32, 0, 1 + i as u32, 11, note, &plain)?;
    }
    let head = header_format().set_text_wrap();
    for (c, h) in headers(kind).iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, h, &head)?;
        ws.set_column_width(c as u16, 14)?;
    }
    for (r, cells) in rows.iter().enumerate() {
        let at = HEADER_ROW + 1 + r as u32;
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => ws.write_string_with_format(at, c, s, &text).map(drop)?,
                Cell::Int(n) | Cell::Won(n) => ws.write_number_with_format(at, c, *n as f64, &number).map(drop)?,
                Cell::Decimal(x) => ws.write_number(at, c, *x).map(drop)?,
                _ => {}
            }
        }
    }
    Ok(())
}

/// Writes `rows` as CSV under the form's headers (UTF-8 with a BOM): for a
/// look in a spreadsheet; the upload itself takes the XLSX.
pub fn write_csv(kind: DocKind, rows: &[Vec<Cell>], path: &Target) -> Result<()> {
    let headers = headers(kind);
    let heads: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(Cell::plain).collect()).collect();
    super::write_csv(path, &heads, &rows)
}

/// A file written, and how many documents it holds.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Written {
    pub file: std::path::PathBuf,
    pub kind: DocKind,
    pub documents: usize,
}

/// Writes the month's upload files into `dir`: one form a kind, split at
/// [`ROWS_PER_FILE`], named `kiln-tax-invoices-2026-10-1.xlsx` and
/// `kiln-invoices-2026-10-1.xlsx`. Nothing is written for a kind with no
/// documents.
pub fn write_month(
    upload: &crate::db::invoice::Upload,
    month: &str,
    dir: &std::path::Path,
    xlsx: bool,
    db: &std::path::Path,
) -> Result<Vec<Written>> {
    let mut out = Vec::new();
    for kind in [DocKind::TaxInvoice, DocKind::Invoice] {
        let rows: Vec<Vec<Cell>> = upload
            .documents
            .iter()
            .filter(|(d, _)| d.document.kind == kind)
            .map(|(d, b)| row(&upload.supplier, d, b))
            .collect();
        let stem = match kind {
            DocKind::TaxInvoice => "kiln-tax-invoices",
            DocKind::Invoice => "kiln-invoices",
        };
        for (n, chunk) in rows.chunks(ROWS_PER_FILE).enumerate() {
            let file = dir.join(format!("{stem}-{month}-{}.{}", n + 1, if xlsx { "xlsx" } else { "csv" }));
            let target = Target::new(&file, db)?;
            if xlsx {
                write_xlsx(kind, chunk, &target)?;
            } else {
                write_csv(kind, chunk, &target)?;
            }
            out.push(Written { file, kind, documents: chunk.len() });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `A`, `Z`, `AA`, `BG`: a column's letters from its index.
    fn letters(i: usize) -> String {
        let (hi, lo) = (i / 26, i % 26);
        let lo = char::from(b'A' + lo as u8);
        if hi == 0 { lo.to_string() } else { format!("{}{lo}", char::from(b'A' + hi as u8 - 1)) }
    }

    fn at<'a>(h: &'a [String], col: &str) -> &'a str {
        let i = (0..h.len()).find(|i| letters(*i) == col).unwrap_or_else(|| panic!("no column {col}"));
        &h[i]
    }

    #[test]
    fn the_tax_invoice_form_has_59_columns_headed_as_the_reference() {
        let h = headers(DocKind::TaxInvoice);
        assert_eq!((h.len(), letters(h.len() - 1).as_str()), (59, "BG"));
        for (col, text) in [
            ("A", "전자(세금)계산서 종류\n(01:일반, 02:영세율)"),
            ("B", "작성일자"),
            ("C", "공급자 등록번호\n(\"-\" 없이 입력)"),
            ("D", "공급자\n 종사업장번호"),
            ("K", "공급받는자 등록번호\n(\"-\" 없이 입력)"),
            ("L", "공급받는자 \n종사업장번호"),
            ("M", "공급받는자 상호 "),
            ("S", "공급받는자 이메일2"),
            ("T", "공급가액\n합계"),
            ("U", "세액\n합계"),
            ("V", "비고"),
            ("W", "일자1\n(2자리, 작성년월 제외)"),
            ("AB", "공급가액1"),
            ("AC", "세액1"),
            ("AD", "품목비고1"),
            ("AE", "일자2\n(2자리, 작성년월 제외)"),
            ("AU", "일자4\n(2자리, 작성년월 제외)"),
            ("BB", "품목비고4"),
            ("BC", "현금"),
            ("BF", "외상미수금"),
            ("BG", "영수(01),\n청구(02)"),
        ] {
            assert_eq!(at(&h, col), text, "column {col}");
        }
    }

    #[test]
    fn the_exempt_form_has_54_columns_and_no_tax() {
        let h = headers(DocKind::Invoice);
        assert_eq!((h.len(), letters(h.len() - 1).as_str()), (54, "BB"));
        for (col, text) in [
            ("A", "전자(세금)계산서 종류\n(05::일반)"),
            ("S", "공급받는자 이메일2"),
            ("T", "공급가액\n합계"),
            ("U", "비고"),
            ("V", "일자1\n(2자리, 작성년월 제외)"),
            ("AA", "공급가액1"),
            ("AB", "품목비고1"),
            ("AC", "일자2\n(2자리, 작성년월 제외)"),
            ("AQ", "일자4\n(2자리, 작성년월 제외)"),
            ("AW", "품목비고4"),
            ("AX", "현금"),
            ("BB", "영수(01),\n청구(02)"),
        ] {
            assert_eq!(at(&h, col), text, "column {col}");
        }
        assert!(!h.iter().any(|x| x.starts_with("세액")));
    }
}
