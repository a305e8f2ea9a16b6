//! `kiln export NAME --format … --out FILE`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::Env;
use super::output::say;
use crate::db::Page;
use crate::db::booking::{self, BookingFilter};
use crate::domain::{Field, ForField, Minute};
use crate::error::Result;
use crate::i18n::fill;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Table {
    Bookings,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Csv,
    Ics,
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export
    name: Table,
    #[arg(long, value_enum)]
    format: Format,
    #[arg(long)]
    out: PathBuf,
    /// Only bookings of this machine
    #[arg(long)]
    equipment: Option<String>,
    /// Only bookings ending after this moment
    #[arg(long)]
    from: Option<String>,
    /// Only bookings starting before this moment
    #[arg(long)]
    to: Option<String>,
}

pub fn export(env: &Env, args: &ExportArgs) -> Result<()> {
    let store = env.open_existing()?;
    let moment = |raw: &Option<String>, f: Field| -> Result<Option<Minute>> {
        raw.as_deref().map(|s| Minute::parse(s).field(f, s).map_err(Into::into)).transpose()
    };
    let count = match args.name {
        Table::Bookings => {
            let filter = BookingFilter {
                equipment: args.equipment.clone(),
                from: moment(&args.from, Field::From)?,
                to: moment(&args.to, Field::To)?,
                ..BookingFilter::default()
            };
            let list = booking::list(&store, &filter, Page::ALL_FOR_CLI)?;
            match args.format {
                Format::Csv => crate::export::bookings::write_csv(&args.out, &list)?,
                Format::Ics => crate::export::bookings::write_ics(&args.out, &list)?,
                Format::Json => {
                    let text = serde_json::to_string_pretty(&list).map_err(|e| std::io::Error::other(e.to_string()))?;
                    std::fs::write(&args.out, text)?;
                }
            }
            list.len()
        }
    };
    say(fill(env.lang.pick("{0}건을 {1}에 썼습니다", "Wrote {0} rows to {1}"), &[&count, &args.out.display()]))
}
