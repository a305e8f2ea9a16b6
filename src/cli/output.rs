//! Printing results: aligned tables for people, JSON for scripts.

use std::fmt::Display;
use std::io::Write;

use serde::Serialize;

use crate::cells::{fit, width};
use crate::error::Result;

pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| std::io::Error::other(e.to_string()))?;
    say(text)
}

/// Prints one line to stdout. A closed pipe (`kiln person list | head`) is an
/// error the caller ends quietly on, not a panic.
/// One record: as JSON with `--json`, else as `text` prints it.
pub fn one<T: Serialize>(value: &T, as_json: bool, text: impl FnOnce() -> Result<()>) -> Result<()> {
    if as_json { json(value) } else { text() }
}

pub fn say(text: impl Display) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    Ok(())
}

/// A table whose columns line up in Korean: widths are measured in cells.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell)).min(40);
        }
    }
    let line = |cells: &[String]| {
        let parts: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| fit(c, *w)).collect();
        say(parts.join("  ").trim_end())
    };
    line(&headers.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>())?;
    for row in rows {
        line(row)?;
    }
    Ok(())
}
