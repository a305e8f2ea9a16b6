//! The command line: nouns then verbs, a contract that scripts rely on.
//! Exit 0 on success, 1 when a rule refused, 2 on bad usage or input; the
//! reason goes to stderr as one line starting `error:`.

mod admin;
mod billing;
mod booking;
mod centre;
mod consumables;
mod deposit;
mod equipment;
mod export;
mod import;
mod invoice;
mod output;
mod parties;
mod people;
mod reports;
mod settings;
mod spaces;
mod tenants;
mod training;
mod vouchers;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::error::{Error, Result};
use crate::i18n::Lang;
pub use crate::startup::{Env, clock_from_env, default_db_path};

#[derive(Debug, Parser)]
#[command(
    name = "kiln",
    version,
    about = "kiln — 강원 세라믹 산업화지원센터 (Gangwon ceramic industrialization support centre)"
)]
pub struct Cli {
    /// The database file [default: the platform data directory]
    #[arg(long, global = true, env = "KILN_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Language of messages and the interface [default: from LANG]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    Ko,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (if need be) and make this OS account its first admin
    Init {
        /// Make NAME the first admin instead (on PostgreSQL, where the superuser sets the database up)
        #[arg(long, value_name = "NAME")]
        admin: Option<String>,
    },
    /// Fill an empty database with a believable demo centre
    Demo {
        /// The same seed gives the same centre
        #[arg(long, default_value_t = crate::demo::DEFAULT_SEED)]
        seed: u64,
        /// small: 60 companies since 2005; large: 20 years, 10,000 companies, a million bookings
        #[arg(long, value_enum, default_value_t = admin::DemoSize::Small)]
        size: admin::DemoSize,
    },
    /// Check the database file's integrity; exit 1 if anything is wrong
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Copy the database to FILE with SQLite's online backup (safe while in use)
    Backup { file: PathBuf },
    /// Move the centre from its SQLite file (--db) into an empty PostgreSQL database, then check it
    Migrate {
        /// The PostgreSQL database to fill: postgres://USER@HOST/DBNAME (kiln makes its schema there)
        #[arg(long, value_name = "URL")]
        to: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Print kiln's version, schema version and SQLite version
    Version {
        #[arg(long)]
        json: bool,
    },
    /// Operators: OS accounts and their roles
    #[command(subcommand)]
    User(people::UserCmd),
    /// People: trainees, equipment users and staff
    #[command(subcommand)]
    Person(people::PersonCmd),
    /// Companies: admitting, correcting, graduating, withdrawing
    #[command(subcommand)]
    Company(tenants::CompanyCmd),
    /// Rooms of the centre building
    #[command(subcommand)]
    Room(spaces::RoomCmd),
    /// Leases of rooms to companies
    #[command(subcommand)]
    Lease(spaces::LeaseCmd),
    /// Companies' yearly figures (성과)
    #[command(subcommand, name = "report-year")]
    ReportYear(tenants::YearlyCmd),
    /// Reports: programme (2010 targets), occupancy
    #[command(subcommand)]
    Report(reports::ReportCmd),
    /// The shared machines
    #[command(subcommand)]
    Equipment(equipment::EquipmentCmd),
    /// Bookings of the machines
    #[command(subcommand)]
    Booking(booking::BookingCmd),
    /// Machines out of service
    #[command(subcommand)]
    Downtime(equipment::DowntimeCmd),
    /// Companies' monthly hours on machines
    #[command(subcommand)]
    Quota(equipment::QuotaCmd),
    /// Korean public holidays (and the centre's closed days) of a year
    Holidays {
        #[arg(long, allow_hyphen_values = true)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Days the centre is closed beyond the public holidays
    #[command(subcommand, name = "closed-day")]
    ClosedDay(equipment::ClosedDayCmd),
    /// Write a table to CSV, XLSX, JSON or (bookings) iCalendar
    Export(export::ExportArgs),
    /// Add companies, rooms, equipment or people from a CSV file: all rows or none
    Import(import::ImportArgs),
    /// A company's statement for a month; issue, list and pay statements
    Statement(billing::StatementCmd),
    /// Training courses
    #[command(subcommand)]
    Course(training::CourseCmd),
    /// Cohorts (기수) of courses
    #[command(subcommand)]
    Cohort(training::CohortCmd),
    /// Sessions of cohorts
    #[command(subcommand)]
    Session(training::SessionCmd),
    /// Enrol a person in a cohort (a seat, or a place on the waitlist)
    Enrol(training::EnrolCmd),
    /// Record attendance at a session
    Attend(training::AttendArgs),
    /// Equipment qualifications
    #[command(subcommand)]
    Qualification(training::QualificationCmd),
    /// Billing parties (청구처): companies, outside organisations, individuals
    #[command(subcommand)]
    Party(parties::PartyCmd),
    /// Consumables (소모품) a use of a machine takes, priced per unit
    #[command(subcommand)]
    Consumable(consumables::ConsumableCmd),
    /// Projects (과제) that pay for bookings
    #[command(subcommand)]
    Project(parties::ProjectCmd),
    /// Voucher programmes (바우처) and their grants to parties
    #[command(subcommand)]
    Voucher(vouchers::VoucherCmd),
    /// Rate classes (이용자 구분) and their discounts
    #[command(subcommand, name = "rate-class")]
    RateClass(parties::RateClassCmd),
    /// The centre's settings (check-in window, clock tolerance, lease term)
    #[command(subcommand)]
    Setting(settings::SettingCmd),
    /// The centre as the supplier (공급자) on its tax documents
    #[command(subcommand)]
    Centre(centre::CentreCmd),
    /// Tax documents (세금계산서, 계산서) of issued months
    #[command(subcommand)]
    Invoice(invoice::InvoiceCmd),
    /// Deposits (보증금): received, held over a lease and its extensions, settled at the end
    #[command(subcommand)]
    Deposit(deposit::DepositCmd),
}

/// Runs kiln with the process's arguments and returns its exit status.
/// `interface` is the face kiln shows when run with no command: the binary
/// passes the terminal interface, so the command line never imports it.
pub fn main(interface: fn(&Env) -> Result<()>) -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            // Help and version are asked for; the rest is bad usage, told
            // in one line like every other refusal.
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
            } else {
                let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
                let lang = crate::i18n::usage::lang_of_args(&args);
                eprintln!("error: {}", crate::i18n::usage::usage(&e, lang));
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let lang = match cli.lang {
        Some(LangArg::Ko) => Lang::Ko,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    match run(cli, lang, interface) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`kiln person list | head`): nothing to say.
        Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", e.message(lang));
            ExitCode::from(e.exit_code())
        }
    }
}

fn run(cli: Cli, lang: Lang, interface: fn(&Env) -> Result<()>) -> Result<()> {
    let clock = clock_from_env()?;
    let Some(path) = cli.db.or_else(default_db_path) else {
        return Err(Error::Io(std::io::Error::new(std::io::ErrorKind::NotFound, "no home directory: use --db PATH")));
    };
    let env = Env { path, lang, clock };
    let done = match cli.command {
        None => interface(&env),
        Some(Command::Init { admin }) => admin::init(&env, admin.as_deref()),
        Some(Command::Demo { seed, size }) => admin::demo(&env, seed, size),
        Some(Command::Check { json }) => admin::check(&env, json),
        Some(Command::Backup { file }) => admin::backup(&env, &file),
        Some(Command::Migrate { to, json }) => admin::migrate(&env, &to, json),
        Some(Command::Version { json }) => admin::version(&env, json),
        Some(Command::User(cmd)) => people::user(&env, cmd),
        Some(Command::Person(cmd)) => people::person(&env, cmd),
        Some(Command::Company(cmd)) => tenants::company(&env, cmd),
        Some(Command::Room(cmd)) => spaces::room(&env, cmd),
        Some(Command::Lease(cmd)) => spaces::lease_cmd(&env, cmd),
        Some(Command::ReportYear(cmd)) => tenants::yearly_cmd(&env, cmd),
        Some(Command::Report(cmd)) => reports::report(&env, cmd),
        Some(Command::Equipment(cmd)) => equipment::equipment_cmd(&env, cmd),
        Some(Command::Booking(cmd)) => booking::booking_cmd(&env, cmd),
        Some(Command::Downtime(cmd)) => equipment::downtime_cmd(&env, cmd),
        Some(Command::Quota(cmd)) => equipment::quota_cmd(&env, cmd),
        Some(Command::Holidays { year, json }) => equipment::holidays(&env, year, json),
        Some(Command::ClosedDay(cmd)) => equipment::closed_day_cmd(&env, cmd),
        Some(Command::Export(args)) => export::export(&env, &args),
        Some(Command::Import(args)) => import::import(&env, &args),
        Some(Command::Statement(cmd)) => billing::statement_cmd(&env, cmd),
        Some(Command::Course(cmd)) => training::course_cmd(&env, cmd),
        Some(Command::Cohort(cmd)) => training::cohort_cmd(&env, cmd),
        Some(Command::Session(cmd)) => training::session_cmd(&env, cmd),
        Some(Command::Enrol(cmd)) => training::enrol_cmd(&env, cmd),
        Some(Command::Attend(args)) => training::attend(&env, &args),
        Some(Command::Qualification(cmd)) => training::qualification_cmd(&env, cmd),
        Some(Command::Setting(cmd)) => settings::setting_cmd(&env, cmd),
        Some(Command::Centre(cmd)) => centre::centre_cmd(&env, cmd),
        Some(Command::Invoice(cmd)) => invoice::invoice_cmd(&env, cmd),
        Some(Command::Deposit(cmd)) => deposit::deposit_cmd(&env, cmd),
        Some(Command::Party(cmd)) => parties::party_cmd(&env, cmd),
        Some(Command::RateClass(cmd)) => parties::rate_class_cmd(&env, cmd),
        Some(Command::Project(cmd)) => parties::project_cmd(&env, cmd),
        Some(Command::Consumable(cmd)) => consumables::consumable_cmd(&env, cmd),
        Some(Command::Voucher(cmd)) => vouchers::voucher_cmd(&env, cmd),
    };
    // A full disk, a read-only or damaged file met anywhere: say which file.
    done.map_err(|e| e.on_file(&env.path))
}
