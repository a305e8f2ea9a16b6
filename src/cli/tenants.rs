//! `kiln company|room|lease|report-year …`: the centre's tenants and spaces.

use clap::Subcommand;

use super::Env;
use super::output::{json, say, table};
use crate::db::company::{self, Company, CompanyEdit, CompanyFilter};
use crate::db::lease::{self, Lease, LeaseFilter};
use crate::db::{Page, room, yearly};
use crate::domain::company::CompanyInput;
use crate::domain::lease::LeaseInput;
use crate::domain::money::group;
use crate::domain::room::RoomInput;
use crate::domain::time::parse_date;
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
pub enum RoomCmd {
    /// Add a room of the centre building
    Add {
        #[arg(long)]
        code: String,
        #[arg(long, allow_hyphen_values = true)]
        floor: String,
        /// office | lab | pilot-plant | storage | classroom | shared
        #[arg(long)]
        kind: String,
        #[arg(long = "area-m2", allow_hyphen_values = true)]
        area_m2: String,
        /// Default monthly rent per m², won
        #[arg(long, allow_hyphen_values = true)]
        rent_per_m2: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List rooms with their tenant on a day
    List {
        /// The day [default: today]
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Retire a room: no new leases; history stays
    Retire {
        code: String,
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum LeaseCmd {
    /// Sign a lease: [from, to) — `to` is the first day after the lease
    Add {
        /// The company's 사업자등록번호
        #[arg(long)]
        company: String,
        #[arg(long)]
        room: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long, allow_hyphen_values = true)]
        rent: String,
        #[arg(long, allow_hyphen_values = true)]
        fee: String,
        #[arg(long, allow_hyphen_values = true)]
        deposit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List leases
    List {
        #[arg(long)]
        company: Option<String>,
        #[arg(long)]
        room: Option<String>,
        /// Only leases running on this day
        #[arg(long)]
        on: Option<String>,
        /// Only leases whose last day is within N days from today (60, 30 …)
        #[arg(long)]
        ending_within: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// End a lease early: from this day the room is free
    End {
        /// The lease code, e.g. L-0007
        code: String,
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        reason: Option<String>,
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

fn one<T: serde::Serialize>(value: &T, as_json: bool, text: impl FnOnce() -> Result<()>) -> Result<()> {
    if as_json { json(value) } else { text() }
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
                        c.admitted_on.clone(),
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
                    r.figures.sales
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

fn print_lease(l: &Lease, lang: Lang) -> Result<()> {
    say(format!(
        "  {}  {}  {}  {}–{}  {} {}  {} {}{}",
        l.code,
        l.room,
        l.company_name,
        l.from,
        l.last_day,
        labels::field(Field::Rent, lang),
        group(i128::from(l.rent.0)),
        labels::field(Field::Fee, lang),
        group(i128::from(l.fee.0)),
        l.ended_on.as_ref().map_or_else(String::new, |_| format!("  ({})", l.end_reason.clone().unwrap_or_default())),
    ))
}

pub fn room(env: &Env, cmd: RoomCmd) -> Result<()> {
    let lang = env.lang;
    let today = env.clock.today();
    match cmd {
        RoomCmd::Add { code, floor, kind, area_m2, rent_per_m2, json: j } => {
            let mut store = env.open_existing()?;
            let input = RoomInput { code, floor, kind, area_m2, rent_per_m2: rent_per_m2.unwrap_or_default() };
            let r = room::add(&mut store, &input)?;
            one(&r, j, || say(format!("{}  {}  {}", r.code, labels::room_kind(r.kind, lang), r.area)))
        }
        RoomCmd::List { on, json: j } => {
            let store = env.open_existing()?;
            let day = on.as_deref().map(|d| parse_date(d).field(Field::Date, d)).transpose()?.unwrap_or(today);
            let rooms = crate::report::occupancy::rooms_on(&store, day)?;
            if j {
                return json(&rooms);
            }
            let rows: Vec<Vec<String>> = rooms
                .iter()
                .map(|s| {
                    vec![
                        s.room.code.clone(),
                        s.room.floor.to_string(),
                        labels::room_kind(s.room.kind, lang).into(),
                        s.room.area.m2_text(),
                        s.room.area.pyeong_text(),
                        s.lease.as_ref().map_or_else(String::new, |l| l.company_name.clone()),
                        s.lease.as_ref().map_or_else(String::new, |l| l.last_day.clone()),
                    ]
                })
                .collect();
            let h = |f: Field| labels::field(f, lang);
            table(
                &[h(Field::Room), h(Field::Floor), h(Field::Kind), "m²", "평", h(Field::Company), h(Field::To)],
                &rows,
            )
        }
        RoomCmd::Retire { code, on, json: j } => {
            let mut store = env.open_existing()?;
            let on = on.unwrap_or_else(|| crate::domain::time::date_text(today));
            let r = room::retire(&mut store, &code, &on)?;
            one(&r, j, || say(format!("{}  {}", r.code, r.retired_on.clone().unwrap_or_default())))
        }
    }
}

pub fn lease_cmd(env: &Env, cmd: LeaseCmd) -> Result<()> {
    let lang = env.lang;
    let today = env.clock.today();
    match cmd {
        LeaseCmd::Add { company, room, from, to, rent, fee, deposit, json: j } => {
            let mut store = env.open_existing()?;
            let input = LeaseInput { company, room, from, to, rent, fee, deposit: deposit.unwrap_or_default() };
            let l = lease::add(&mut store, &input)?;
            one(&l, j, || print_lease(&l, lang))
        }
        LeaseCmd::List { company, room, on, ending_within, json: j } => {
            let store = env.open_existing()?;
            let active_on = on.as_deref().map(|d| parse_date(d).field(Field::Date, d)).transpose()?;
            let filter = LeaseFilter {
                company,
                room,
                active_on,
                ending_within: ending_within.map(|n| (today, n.clamp(0, 3650))),
            };
            let leases = lease::list(&store, &filter, Page::ALL_FOR_CLI)?;
            if j {
                return json(&leases);
            }
            for l in &leases {
                print_lease(l, lang)?;
            }
            Ok(())
        }
        LeaseCmd::End { code, on, reason, json: j } => {
            let mut store = env.open_existing()?;
            let on = on.unwrap_or_else(|| crate::domain::time::date_text(today));
            let l = lease::end(&mut store, &code, &on, reason.as_deref().unwrap_or_default())?;
            one(&l, j, || print_lease(&l, lang))
        }
    }
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
                    r.figures.sales
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
