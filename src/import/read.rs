//! From the bytes of a CSV file to rows of cells under known columns: the
//! encoding Korean Excel saves in, the header mapped to field keys, and every
//! row with the line it starts on.

use crate::error::{Error, ImportError, Result};
use crate::export::columns::{Column, key_for};

/// The text encodings a CSV file may come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// What Korean Excel writes for "CSV (쉼표로 분리)": EUC-KR with Microsoft's
    /// extension to every Hangul syllable (`encoding_rs::EUC_KR` is that).
    Cp949,
}

/// Decodes the file: as `encoding` if given, otherwise as UTF-8 when the
/// bytes are valid UTF-8 and as CP949 when not. A UTF-8 byte-order mark is
/// dropped. Bytes that are not text in the encoding are refused, never
/// replaced, so no name is imported garbled.
pub fn decode(bytes: &[u8], encoding: Option<Encoding>) -> Result<String, ImportError> {
    let utf8 = || std::str::from_utf8(bytes).ok().map(|s| s.strip_prefix('\u{feff}').unwrap_or(s).to_owned());
    let cp949 = || {
        encoding_rs::EUC_KR.decode_without_bom_handling_and_without_replacement(bytes).map(std::borrow::Cow::into_owned)
    };
    match encoding {
        Some(Encoding::Utf8) => utf8().ok_or(ImportError::Encoding { encoding: "UTF-8" }),
        Some(Encoding::Cp949) => cp949().ok_or(ImportError::Encoding { encoding: "CP949" }),
        None => utf8().or_else(cp949).ok_or(ImportError::Encoding { encoding: "UTF-8 / CP949" }),
    }
}

/// A parsed file: which field each column holds, and the rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// Per column of the file: its field key (`None` for a blank header over
    /// blank cells, which Excel leaves behind) and its header as written.
    pub(super) headers: Vec<(Option<&'static str>, String)>,
    pub(super) rows: Vec<Record>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Record {
    /// The line the row starts on; the header is line 1.
    pub line: u64,
    pub cells: Vec<String>,
}

impl Sheet {
    /// How many rows the file holds (the header aside).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The cell of `key` in `record`; empty when the file has no such column.
    pub(super) fn cell<'a>(&self, record: &'a Record, key: &str) -> &'a str {
        self.headers
            .iter()
            .position(|(k, _)| *k == Some(key))
            .and_then(|i| record.cells.get(i))
            .map_or("", String::as_str)
    }

    /// The header of `key` as the file writes it, for naming it in a refusal.
    pub(super) fn header(&self, key: &str) -> Option<String> {
        self.headers.iter().find(|(k, _)| *k == Some(key)).map(|(_, h)| h.clone())
    }
}

/// Reads the CSV text: the header row must name columns of `columns` (by
/// key, Korean or English title) and include every one of `required`. Blank
/// lines and rows of blank cells are skipped.
pub fn parse(text: &str, columns: &'static [Column], required: &[&'static str]) -> Result<Sheet> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(r) => r.map_err(|e| csv_error(&e))?,
        None => return Err(ImportError::Empty.into()),
    };
    let mut rows = Vec::new();
    let mut lines = Lines { text: text.as_bytes(), byte: 0, line: 1 };
    for r in records {
        let r = r.map_err(|e| csv_error(&e))?;
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = lines.at(r.position().map_or(0, |p| p.byte() as usize));
        rows.push(Record { line, cells: r.iter().map(str::to_owned).collect() });
    }
    let mut headers: Vec<(Option<&'static str>, String)> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let written = h.trim().trim_start_matches('\u{feff}').trim().to_owned();
        let key = key_for(columns, h);
        let blank_column = || rows.iter().all(|r| r.cells.get(i).is_none_or(|c| c.trim().is_empty()));
        match key {
            None if written.is_empty() && blank_column() => {}
            None => {
                let accepted = columns.iter().map(|c| c.key).collect();
                return Err(ImportError::UnknownColumn { column: written, accepted }.into());
            }
            Some(k) if headers.iter().any(|(seen, _)| *seen == Some(k)) => {
                return Err(ImportError::RepeatedColumn { column: written }.into());
            }
            Some(_) => {}
        }
        headers.push((key, written));
    }
    let missing: Vec<&'static str> =
        required.iter().copied().filter(|r| !headers.iter().any(|(k, _)| *k == Some(*r))).collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns { missing }.into());
    }
    Ok(Sheet { headers, rows })
}

/// Line numbers from byte offsets. The csv crate's own line count goes
/// astray after blank lines and CRLF, and its offset of a record that follows
/// blank lines points at them, so they are skipped here. Records come in
/// order, so counting goes on from the last one.
struct Lines<'a> {
    text: &'a [u8],
    byte: usize,
    line: u64,
}

impl Lines<'_> {
    fn at(&mut self, byte: usize) -> u64 {
        let mut start = byte.clamp(self.byte, self.text.len());
        while self.text.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        // A line ends at LF, CRLF, or a lone CR (what Excel for Mac wrote).
        let from = self.byte;
        let ends = |(i, b): (usize, &u8)| *b == b'\n' || (*b == b'\r' && self.text.get(from + i + 1) != Some(&b'\n'));
        self.line += self.text[from..start].iter().enumerate().filter(|&x| ends(x)).count() as u64;
        self.byte = start;
        self.line
    }
}

fn csv_error(e: &csv::Error) -> Error {
    std::io::Error::other(e.to_string()).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::columns::COMPANIES;

    #[test]
    fn detects_utf8_with_or_without_bom_and_cp949() {
        assert_eq!(decode("\u{feff}기업명".as_bytes(), None).unwrap(), "기업명");
        assert_eq!(decode("기업명".as_bytes(), None).unwrap(), "기업명");
        let (euc, _, _) = encoding_rs::EUC_KR.encode("세라텍(주),똠방각하");
        assert!(std::str::from_utf8(&euc).is_err());
        assert_eq!(decode(&euc, None).unwrap(), "세라텍(주),똠방각하");
        assert_eq!(decode(&euc, Some(Encoding::Cp949)).unwrap(), "세라텍(주),똠방각하");
        assert_eq!(decode(&euc, Some(Encoding::Utf8)), Err(ImportError::Encoding { encoding: "UTF-8" }));
        assert!(decode(&[0xff, 0xff, 0xff], None).is_err());
    }

    #[test]
    fn headers_by_key_or_title_and_lines_from_one() {
        let sheet = parse("사업자등록번호,Name,\n\n124-81-00998,\"세라\n텍\",\n,,\n", COMPANIES, &["brn"]).unwrap();
        assert_eq!(sheet.headers.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [Some("brn"), Some("name"), None]);
        assert_eq!(sheet.rows.len(), 1);
        assert_eq!(sheet.rows[0].line, 3);
        assert_eq!(sheet.cell(&sheet.rows[0], "name"), "세라\n텍");
        assert_eq!(sheet.cell(&sheet.rows[0], "email"), "");
        assert_eq!(sheet.header("brn").as_deref(), Some("사업자등록번호"));
        let sheet = parse("brn,name\r\n\r\n1,a\r\n\r\n\r\n2,\"b\nc\"\n3,d\n", COMPANIES, &[]).unwrap();
        assert_eq!(sheet.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 6, 8]);
        let sheet = parse("brn,name\r1,a\r\r2,b\r", COMPANIES, &[]).unwrap();
        assert_eq!(sheet.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4], "lines ended by CR alone");
    }

    #[test]
    fn header_refusals() {
        let err = |text: &str| match parse(text, COMPANIES, &["brn", "name"]) {
            Err(Error::Import(e)) => e,
            other => panic!("{other:?}"),
        };
        assert!(matches!(err("brn,name,colour\n"), ImportError::UnknownColumn { column, .. } if column == "colour"));
        assert_eq!(err("brn,email\n"), ImportError::MissingColumns { missing: vec!["name"] });
        assert!(matches!(err("brn,name,BRN\n"), ImportError::RepeatedColumn { .. }));
        assert_eq!(err(""), ImportError::Empty);
        assert!(matches!(err("brn,name,\n1,2,3\n"), ImportError::UnknownColumn { column, .. } if column.is_empty()));
    }

    /// A sheet written back as CSV, to be read again.
    fn written(sheet: &Sheet) -> String {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        w.write_record(sheet.headers.iter().map(|(_, h)| h.as_str())).unwrap();
        for r in &sheet.rows {
            w.write_record(&r.cells).unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    /// Text shaped like a CSV file: a header of known and unknown columns
    /// over cells with quotes, separators, line ends and Hangul.
    fn csv_text() -> impl Strategy<Value = String> {
        let names = vec!["brn", "name", "사업자등록번호", "Name", " email ", "", "colour", "\u{feff}brn"];
        let header = proptest::sample::subsequence(names, 0..5).prop_map(|v| v.join(","));
        (header, "[ab0-9가, \"\r\n\u{feff}-]{0,60}").prop_map(|(h, b)| format!("{h}\n{b}"))
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_bytes_decode_or_are_refused(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            for encoding in [None, Some(Encoding::Utf8), Some(Encoding::Cp949)] {
                // Never a replacement character standing for bytes it could not read.
                if let Ok(text) = decode(&bytes, encoding) && text.contains('\u{fffd}') {
                    let held = std::str::from_utf8(&bytes).is_ok_and(|s| s.contains('\u{fffd}'));
                    prop_assert!(held, "{:?} read as {:?}", bytes, text);
                }
            }
        }

        #[test]
        fn rows_read_back_as_written(text in prop_oneof![csv_text(), any::<String>()]) {
            if let Ok(sheet) = parse(&text, COMPANIES, &["brn"]) {
                let again = parse(&written(&sheet), COMPANIES, &["brn"]).unwrap();
                prop_assert_eq!(&again.headers, &sheet.headers);
                let cells = |s: &Sheet| s.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>();
                prop_assert_eq!(cells(&again), cells(&sheet));
                prop_assert!(sheet.rows.windows(2).all(|w| w[0].line < w[1].line), "lines in order");
            }
        }
    }
}
