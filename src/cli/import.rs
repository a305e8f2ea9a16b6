//! `kiln import companies|rooms|equipment|people FILE.csv`: all or nothing.
//! Bad rows are listed on stdout, one a line, before the one `error:` line on
//! stderr that the contract promises.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::Env;
use super::output::{json, say};
use crate::domain::{Field, Invalid, Problem};
use crate::error::{Error, ImportError, Result};
use crate::i18n::errors::{import_failure, import_reason};
use crate::i18n::{Lang, Msg, fill};
use crate::import::{self, Encoding, Outcome};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TableArg {
    Companies,
    Rooms,
    Equipment,
    People,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum EncodingArg {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// What Korean Excel saves CSV in (also called EUC-KR)
    #[value(name = "cp949", alias = "euc-kr")]
    Cp949,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The table to add the rows to
    table: TableArg,
    /// A CSV file whose header row names the table's columns (as `kiln export` writes them)
    file: PathBuf,
    /// The file's encoding [default: UTF-8 if it reads as UTF-8, else CP949]
    #[arg(long, value_enum)]
    encoding: Option<EncodingArg>,
    /// Check every row against the database, then keep nothing
    #[arg(long)]
    dry_run: bool,
    #[arg(long)]
    json: bool,
}

/// A refused row for `--json`: `message` says why, without the line and column.
#[derive(Serialize)]
struct Failure {
    line: u64,
    column: Option<String>,
    message: String,
}

#[derive(Serialize)]
struct Refused {
    #[serde(flatten)]
    outcome: Outcome,
    failures: Vec<Failure>,
}

pub fn import(env: &Env, args: &ImportArgs) -> Result<()> {
    let table = match args.table {
        TableArg::Companies => import::Table::Companies,
        TableArg::Rooms => import::Table::Rooms,
        TableArg::Equipment => import::Table::Equipment,
        TableArg::People => import::Table::People,
    };
    let encoding = args.encoding.map(|e| match e {
        EncodingArg::Utf8 => Encoding::Utf8,
        EncodingArg::Cp949 => Encoding::Cp949,
    });
    let mut store = env.open_existing()?;
    let bytes = std::fs::read(&args.file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Invalid::new(Field::File, args.file.display().to_string(), Problem::NotFound).into()
        }
        _ => crate::files::io_error(&args.file, &e),
    })?;
    let sheet = import::read(table, &bytes, encoding)?;
    let progress = progress_bar(sheet.len(), env.lang);
    let loaded = import::load(&mut store, table, &sheet, args.dry_run, &progress);
    progress.finish_and_clear();
    match loaded {
        Ok(outcome) if args.json => json(&outcome),
        Ok(outcome) => say(summary(&outcome, env.lang)),
        Err(Error::Import(ImportError::Rows(failures))) => {
            if args.json {
                let outcome = Outcome { table, imported: 0, dry_run: args.dry_run };
                let failures = failures
                    .iter()
                    .map(|f| Failure { line: f.line, column: f.column.clone(), message: import_reason(f, env.lang) })
                    .collect();
                json(&Refused { outcome, failures })?;
            } else {
                for f in &failures {
                    say(import_failure(f, env.lang))?;
                }
            }
            Err(ImportError::Rows(failures).into())
        }
        Err(e) => Err(e),
    }
}

/// A bar on stderr for a large file when a person watches; hidden otherwise,
/// so pipes and tests see nothing but the result.
fn progress_bar(rows: usize, lang: Lang) -> ProgressBar {
    if rows <= import::LARGE || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(rows as u64).with_message(Msg::ImportProgress.text(lang));
    match ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len}") {
        Ok(style) => bar.with_style(style),
        Err(_) => bar,
    }
}

fn summary(outcome: &Outcome, lang: Lang) -> String {
    let table = match outcome.table {
        import::Table::Companies => Msg::ImportCompanies,
        import::Table::Rooms => Msg::ImportRooms,
        import::Table::Equipment => Msg::ImportEquipment,
        import::Table::People => Msg::ImportPeople,
    };
    let template = if outcome.dry_run { Msg::ImportDryRun } else { Msg::Imported };
    fill(template.text(lang), &[&table.text(lang), &outcome.imported])
}
