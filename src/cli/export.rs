//! `kiln export NAME --format csv|xlsx|json|ics --out FILE`: any table of
//! `export::columns::TABLES` to a file. An existing FILE is overwritten, as
//! exports are usually re-run into the same place; the summary line says
//! where the rows went.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::Env;
use super::output::say;
use crate::db::Page;
use crate::db::booking::{self, BookingFilter};
use crate::domain::{Field, ForField, Invalid, Minute, Problem};
use crate::error::Result;
use crate::export::tables;
use crate::files::Target;
use crate::i18n::{Msg, fill};

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Json,
    /// iCalendar, bookings only
    Ics,
}

/// The formats every table can be written in (iCalendar is for bookings).
const TABLE_FORMATS: &[&str] = &["csv", "xlsx", "json"];

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The table: companies, rooms, people, equipment, leases, yearly-reports, bookings, usage, statements, parties, projects, consumables, voucher-programmes, voucher-grants, enrolments, qualifications
    name: String,
    #[arg(long, value_enum)]
    format: Format,
    /// The file to write; an existing file is overwritten
    #[arg(long)]
    out: PathBuf,
    /// Only bookings of this machine (bookings only)
    #[arg(long)]
    equipment: Option<String>,
    /// Only bookings ending after this moment (bookings only)
    #[arg(long)]
    from: Option<String>,
    /// Only bookings starting before this moment (bookings only)
    #[arg(long)]
    to: Option<String>,
}

/// Bad usage is refused before the database is opened, so a typo in a
/// script costs nothing and changes nothing.
fn check_usage(args: &ExportArgs) -> Result<()> {
    let name = args.name.trim();
    tables::columns(name)?;
    if name == "bookings" {
        return Ok(());
    }
    if args.format == Format::Ics {
        return Err(Invalid::new(Field::Format, "ics", Problem::OneOf { accepted: TABLE_FORMATS }).into());
    }
    let filters = [(Field::Equipment, &args.equipment), (Field::From, &args.from), (Field::To, &args.to)];
    if let Some((field, _)) = filters.iter().find(|(_, v)| v.is_some()) {
        return Err(Invalid::new(*field, name, Problem::OneOf { accepted: &["bookings"] }).into());
    }
    Ok(())
}

pub fn export(env: &Env, args: &ExportArgs) -> Result<()> {
    check_usage(args)?;
    let name = args.name.trim();
    let moment = |raw: &Option<String>, f: Field| -> Result<Option<Minute>> {
        raw.as_deref().map(|s| Minute::parse(s).field(f, s).map_err(Into::into)).transpose()
    };
    let (from, to) = (moment(&args.from, Field::From)?, moment(&args.to, Field::To)?);
    let out = Target::new(&args.out, &env.path)?;
    let store = env.open_existing()?;
    let out = &out;
    let count = if name == "bookings" {
        let filter = BookingFilter { equipment: args.equipment.clone(), from, to, ..BookingFilter::default() };
        let list = booking::list(&store, &filter, Page::ALL_FOR_CLI)?;
        if args.format == Format::Ics {
            crate::export::bookings::write_ics(out, &list)?;
        } else {
            write(&tables::bookings(&list)?, args.format, out)?;
        }
        list.len()
    } else {
        let sheet = tables::rows(&store, name)?;
        write(&sheet, args.format, out)?;
        sheet.rows.len()
    };
    say(fill(Msg::Exported.text(env.lang), &[&count, &out.path().display()]))
}

fn write(sheet: &crate::export::sheet::Sheet, format: Format, out: &Target) -> Result<()> {
    match format {
        Format::Csv => sheet.write_csv(out),
        Format::Xlsx => sheet.write_xlsx(out),
        Format::Json => sheet.write_json(out),
        // check_usage let ics through for bookings only, which never get here.
        Format::Ics => Err(Invalid::new(Field::Format, "ics", Problem::OneOf { accepted: TABLE_FORMATS }).into()),
    }
}
