//! `kiln company|report-year …`: the centre's tenants (rooms and leases: spaces.rs).

use clap::Subcommand;

use super::Env;
use super::output::{json, one, say, table};
use super::spaces::print_lease;
use crate::db::company::{self, Company, CompanyEdit, CompanyFilter};
use crate::db::lease::{self, LeaseFilter};
use crate::db::{Page, yearly};
use crate::domain::company::CompanyInput;
use crate::domain::money::group;
use crate::domain::yearly::YearlyInput;
use crate::domain::{Field, ForField, Stage, Zone};
use crate::error::Result;
use crate::i18n::{Lang, labels};

#[derive(Debug, Subcommand)]
pub enum CompanyCmd {
    /// Admit a company
    Add {
        #[arg(long)]
        name: String,
        /// 사업자등록번호, e.g. 124-81-00998
        #[arg(long)]
        brn: String,
        /// 법인등록번호, e.g. 130111-0006246
        #[arg(long)]
        corporate_no: Option<String>,
        #[arg(long)]
        representative: Option<String>,
        /// structural | electronic | bio | glass | refractory | raw-material | other
        #[arg(long)]
        sector: Option<String>,
        /// gangneung | bukpyeong | raw-material
        #[arg(long)]
        zone: Option<String>,
        /// pre-startup | early | growth
        #[arg(long)]
        stage: Option<String>,
        /// Admission date [default: today]
        #[arg(long)]
        admitted: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List companies, optionally filtered
    List {
        /// A part of the name or representative, or BRN digits
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        zone: Option<String>,
        #[arg(long)]
        stage: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one company with its leases and yearly figures
    Show {
        brn: String,
        #[arg(long)]
        json: bool,
    },
    /// Correct a company's details (the BRN stays)
    Edit {
        brn: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        corporate_no: Option<String>,
        #[arg(long)]
        representative: Option<String>,
        #[arg(long)]
        sector: Option<String>,
        #[arg(long)]
        zone: Option<String>,
        #[arg(long)]
        stage: Option<String>,
        #[arg(long)]
        admitted: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record that a company graduated; its leases end that day
    Graduate {
        brn: String,
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record that a company withdrew; its leases end that day
    Withdraw {
        brn: String,
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum YearlyCmd {
    /// Set a company's figures for a year; only the figures given change
    Set {
        #[arg(long)]
        company: String,
        #[arg(long)]
        year: String,
        #[arg(long, allow_hyphen_values = true)]
        employees: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        sales: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        exports: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        rnd_spend: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        patents_filed: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        patents_granted: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        investment: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List yearly figures
    List {
        #[arg(long)]
        company: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
}

fn print_company(c: &Company, lang: Lang) -> Result<()> {
    say(format!(
        "{}  {}  {} · {} · {} · {}",
        c.brn,
        c.name,
        labels::zone(c.zone, lang),
        labels::stage(c.stage, lang),
        labels::sector(c.sector, lang),
        c.admitted_on
    ))
}

pub fn company(env: &Env, cmd: CompanyCmd) -> Result<()> {
    let lang = env.lang;
    let today = env.clock.today();
    match cmd {
        CompanyCmd::Add {
            name,
            brn,
            corporate_no,
            representative,
            sector,
            zone,
            stage,
            admitted,
            phone,
            email,
            json: j,
        } => {
            let mut store = env.open_existing()?;
            let input = CompanyInput {
                name,
                brn,
                corporate_no: corporate_no.unwrap_or_default(),
                representative: representative.unwrap_or_default(),
                sector: sector.unwrap_or_default(),
                zone: zone.unwrap_or_default(),
                stage: stage.unwrap_or_default(),
                admitted: admitted.unwrap_or_default(),
                phone: phone.unwrap_or_default(),
                email: email.unwrap_or_default(),
            };
            let c = company::add(&mut store, &input)?;
            one(&c, j, || print_company(&c, lang))
        }
        CompanyCmd::List { search, zone, stage, json: j } => {
            let store = env.open_existing()?;
            let zone = zone.map(|z| Zone::parse(&z).field(Field::Zone, &z)).transpose()?;
            let stage = stage.map(|s| Stage::parse(&s).field(Field::Stage, &s)).transpose()?;
            let list = company::list(&store, &CompanyFilter { search, zone, stage }, Page::ALL_FOR_CLI)?;
            if j {
                return json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|c| {
                    vec![
                        c.brn.to_string(),
                        c.name.clone(),
                        labels::zone(c.zone, lang).into(),
                        labels::stage(c.stage, lang).into(),
                        labels::sector(c.sector, lang).into(),
                        c.admitted_on.to_string(),
                    ]
                })
                .collect();
            let h = |f: Field| labels::field(f, lang);
            table(
                &[h(Field::Brn), h(Field::Name), h(Field::Zone), h(Field::Stage), h(Field::Sector), h(Field::Admitted)],
                &rows,
            )
        }
        CompanyCmd::Show { brn, json: j } => {
            let store = env.open_existing()?;
            let c = company::show(&store, &brn)?;
            let leases = lease::list(
                &store,
                &LeaseFilter { company: Some(brn.clone()), ..LeaseFilter::default() },
                Page::ALL_FOR_CLI,
            )?;
            let reports = yearly::list(&store, Some(&brn), None)?;
            if j {
                return json(&serde_json::json!({ "company": c, "leases": leases, "yearly_reports": reports }));
            }
            print_company(&c, lang)?;
            for l in &leases {
                print_lease(l, lang)?;
            }
            for r in &reports {
                say(format!(
                    "  {}  {} {}  {} {}",
                    r.year,
                    labels::field(Field::Employees, lang),
                    r.figures.employees,
                    labels::field(Field::Sales, lang),
                    labels::money(r.figures.sales, lang)
                ))?;
            }
            Ok(())
        }
        CompanyCmd::Edit {
            brn,
            name,
            corporate_no,
            representative,
            sector,
            zone,
            stage,
            admitted,
            phone,
            email,
            json: j,
        } => {
            let mut store = env.open_existing()?;
            let changes =
                CompanyEdit { name, corporate_no, representative, sector, zone, stage, admitted, phone, email };
            let c = company::edit(&mut store, &brn, &changes)?;
            one(&c, j, || print_company(&c, lang))
        }
        CompanyCmd::Graduate { brn, on, json: j } => leave(env, &brn, Stage::Graduated, on, j, today),
        CompanyCmd::Withdraw { brn, on, json: j } => leave(env, &brn, Stage::Withdrawn, on, j, today),
    }
}

fn leave(env: &Env, brn: &str, stage: Stage, on: Option<String>, j: bool, today: chrono::NaiveDate) -> Result<()> {
    let mut store = env.open_existing()?;
    let on = on.unwrap_or_else(|| crate::domain::time::date_text(today));
    let c = company::leave(&mut store, brn, stage, &on)?;
    one(&c, j, || print_company(&c, env.lang))
}

pub fn yearly_cmd(env: &Env, cmd: YearlyCmd) -> Result<()> {
    let lang = env.lang;
    match cmd {
        YearlyCmd::Set {
            company,
            year,
            employees,
            sales,
            exports,
            rnd_spend,
            patents_filed,
            patents_granted,
            investment,
            json: j,
        } => {
            let mut store = env.open_existing()?;
            let input = YearlyInput {
                company,
                year,
                employees,
                sales,
                exports,
                rnd_spend,
                patents_filed,
                patents_granted,
                investment,
            };
            let r = yearly::set(&mut store, &input)?;
            one(&r, j, || {
                say(format!(
                    "{} {}  {} {}  {} {}",
                    r.company_name,
                    r.year,
                    labels::field(Field::Employees, lang),
                    r.figures.employees,
                    labels::field(Field::Sales, lang),
                    labels::money(r.figures.sales, lang)
                ))
            })
        }
        YearlyCmd::List { company, year, json: j } => {
            let store = env.open_existing()?;
            let list = yearly::list(&store, company.as_deref(), year)?;
            if j {
                return json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|r| {
                    vec![
                        r.year.to_string(),
                        r.company_name.clone(),
                        r.figures.employees.to_string(),
                        group(i128::from(r.figures.sales.0)),
                        group(i128::from(r.figures.exports.0)),
                        r.figures.patents_granted.to_string(),
                    ]
                })
                .collect();
            let h = |f: Field| labels::field(f, lang);
            table(
                &[
                    h(Field::Year),
                    h(Field::Company),
                    h(Field::Employees),
                    h(Field::Sales),
                    h(Field::Exports),
                    h(Field::PatentsGranted),
                ],
                &rows,
            )
        }
    }
}
