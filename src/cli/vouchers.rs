//! `kiln voucher …`: support programmes, their grants to parties, and the
//! programme's year as its funder settles it.

use std::path::PathBuf;

use chrono::Datelike;
use clap::Subcommand;

use super::Env;
use super::output::{json, one, say, table};
use crate::db::voucher::{self, Grant, GrantFilter, Programme};
use crate::domain::voucher::{GrantInput, ProgrammeInput};
use crate::domain::{Field, Invalid, Problem};
use crate::error::Result;
use crate::files::Target;
use crate::i18n::{Lang, Msg, fill};

#[derive(Debug, Subcommand)]
pub enum VoucherCmd {
    /// Voucher programmes (바우처 사업): who pays what share, up to what cap
    #[command(subcommand)]
    Programme(ProgrammeCmd),
    /// Grants: a party admitted to a programme for a year
    #[command(subcommand)]
    Grant(GrantCmd),
    /// A year of one programme or of all: use by party and month, and each grant's balance
    Report {
        /// [default: every programme]
        #[arg(long)]
        programme: Option<String>,
        /// [default: this year]
        #[arg(long, allow_hyphen_values = true)]
        year: Option<String>,
        /// Write the funder's settlement to this file (.xlsx, or .csv for the use sheet)
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProgrammeCmd {
    /// Add a programme (admins)
    Add {
        /// 사업명
        #[arg(long)]
        name: String,
        /// 주관기관, by name, as printed
        #[arg(long)]
        funder: String,
        /// The billing party its shares are billed to (BP-0012 or a BRN): the funder as kiln bills it
        #[arg(long)]
        payer: Option<String>,
        /// The share of a covered use it pays, in percent (70)
        #[arg(long, allow_hyphen_values = true)]
        share: String,
        /// The most it pays for one party in one year, in won
        #[arg(long, allow_hyphen_values = true)]
        cap: String,
        #[arg(long)]
        from: String,
        /// The programme's last day
        #[arg(long)]
        last_day: String,
        /// Machines it covers, comma-separated (EQ-0001,EQ-0002) [default: every machine]
        #[arg(long)]
        machines: Option<String>,
        /// Rate classes it covers, comma-separated (sme,tenant) [default: every class]
        #[arg(long)]
        classes: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Give a programme with none the billing party its shares are billed to (admins; once)
    SetPayer {
        programme: String,
        /// BP-0012 or a BRN
        #[arg(long)]
        payer: String,
        #[arg(long)]
        json: bool,
    },
    /// List programmes
    List {
        /// A part of the name, code or funder (초성 too)
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one programme
    Show {
        programme: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum GrantCmd {
    /// Admit a party to a programme for a year (admins)
    Add {
        #[arg(long)]
        programme: String,
        /// BP-0075 or a BRN
        #[arg(long)]
        party: String,
        #[arg(long, allow_hyphen_values = true)]
        year: String,
        /// At most the programme's cap [default: the programme's cap]
        #[arg(long, allow_hyphen_values = true)]
        cap: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List grants with what each has paid and what remains
    List {
        #[arg(long)]
        programme: Option<String>,
        #[arg(long)]
        party: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        year: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn year(raw: Option<&str>, default: i32) -> Result<i32> {
    match raw.map(str::trim) {
        None => Ok(default),
        Some(y) => y
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2999).contains(y))
            .ok_or_else(|| Invalid::new(Field::Year, y, Problem::OutOfRange { min: 2000, max: 2999 }).into()),
    }
}

fn print_programmes(rows: &[Programme], lang: Lang) -> Result<()> {
    let every = lang.pick("전체", "all");
    let headers = [
        lang.pick("코드", "code"),
        lang.pick("사업명", "name"),
        lang.pick("주관기관", "funder"),
        lang.pick("지불 주체", "payer"),
        lang.pick("지원 비율", "share"),
        lang.pick("연간 한도", "yearly cap"),
        lang.pick("기간", "period"),
        lang.pick("장비", "machines"),
        lang.pick("이용자 구분", "classes"),
        lang.pick("지원액", "paid"),
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|p| {
            let list = |v: &[String]| if v.is_empty() { every.to_owned() } else { v.join(" ") };
            vec![
                p.code.clone(),
                p.name.clone(),
                p.funder.clone(),
                p.payer.clone().unwrap_or_else(|| lang.pick("없음", "none").to_owned()),
                p.share.to_string(),
                p.cap.to_string(),
                format!("{} ~ {}", p.from, p.last_day),
                list(&p.machines),
                list(&p.classes),
                p.paid.to_string(),
            ]
        })
        .collect();
    table(&headers, &cells)
}

fn print_grants(rows: &[Grant], lang: Lang) -> Result<()> {
    let headers = [
        lang.pick("사업", "programme"),
        lang.pick("청구처", "party"),
        lang.pick("이름", "name"),
        lang.pick("연도", "year"),
        lang.pick("지원 비율", "share"),
        lang.pick("연간 한도", "cap"),
        lang.pick("지원액", "used"),
        lang.pick("잔액", "remaining"),
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|g| {
            vec![
                g.programme.clone(),
                g.party.clone(),
                g.party_name.clone(),
                g.year.to_string(),
                g.share.to_string(),
                g.cap.to_string(),
                g.used.to_string(),
                g.remaining.to_string(),
            ]
        })
        .collect();
    table(&headers, &cells)
}

fn split(list: Option<String>) -> Vec<String> {
    list.map(|l| vec![l]).unwrap_or_default()
}

pub fn voucher_cmd(env: &Env, cmd: VoucherCmd) -> Result<()> {
    let lang = env.lang;
    match cmd {
        VoucherCmd::Programme(ProgrammeCmd::Add {
            name,
            funder,
            payer,
            share,
            cap,
            from,
            last_day,
            machines,
            classes,
            json: j,
        }) => {
            let input = ProgrammeInput {
                name,
                funder,
                payer: payer.unwrap_or_default(),
                share,
                cap,
                from,
                last_day,
                machines: split(machines),
                classes: split(classes),
            };
            let mut store = env.open_existing()?;
            let p = voucher::add(&mut store, &input)?;
            one(&p, j, || print_programmes(std::slice::from_ref(&p), lang))
        }
        VoucherCmd::Programme(ProgrammeCmd::SetPayer { programme, payer, json: j }) => {
            let mut store = env.open_existing()?;
            let p = voucher::set_payer(&mut store, &programme, &payer)?;
            one(&p, j, || print_programmes(std::slice::from_ref(&p), lang))
        }
        VoucherCmd::Programme(ProgrammeCmd::List { search, json: j }) => {
            let rows = voucher::list(&env.open_existing()?, search.as_deref())?;
            if j { json(&rows) } else { print_programmes(&rows, lang) }
        }
        VoucherCmd::Programme(ProgrammeCmd::Show { programme, json: j }) => {
            let p = voucher::show(&env.open_existing()?, &programme)?;
            one(&p, j, || print_programmes(std::slice::from_ref(&p), lang))
        }
        VoucherCmd::Grant(GrantCmd::Add { programme, party, year, cap, json: j }) => {
            let input = GrantInput { programme, party, year, cap: cap.unwrap_or_default() };
            let mut store = env.open_existing()?;
            let g = voucher::grant(&mut store, &input)?;
            one(&g, j, || print_grants(std::slice::from_ref(&g), lang))
        }
        VoucherCmd::Grant(GrantCmd::List { programme, party, year: y, json: j }) => {
            let year = y.as_deref().map(|y| year(Some(y), 0)).transpose()?;
            let rows = voucher::grants(&env.open_existing()?, &GrantFilter { programme, party, year })?;
            if j { json(&rows) } else { print_grants(&rows, lang) }
        }
        VoucherCmd::Report { programme, year: y, out, json: j } => {
            let target = out.as_deref().map(|o| Target::new(o, &env.path)).transpose()?;
            let store = env.open_existing()?;
            let year = year(y.as_deref(), store.now().date().year())?;
            let report = voucher::report(&store, programme.as_deref(), year)?;
            if let Some(target) = &target {
                let book = crate::report::sheets::vouchers(&report, &lang);
                let csv = target.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
                let rows = if csv {
                    crate::export::book::write_csv(&book, target)?
                } else {
                    crate::export::book::write_xlsx(&book, target)?
                };
                return say(fill(Msg::Exported.text(lang), &[&rows, &target.path().display()]));
            }
            if j {
                return json(&report);
            }
            print_grants(&report.grants, lang)?;
            let headers = [
                lang.pick("사업", "programme"),
                lang.pick("청구처", "party"),
                lang.pick("이름", "name"),
                lang.pick("월", "month"),
                lang.pick("건수", "bookings"),
                lang.pick("사용료", "charged"),
                lang.pick("바우처 지원", "voucher"),
                lang.pick("자부담", "party share"),
            ];
            let cells: Vec<Vec<String>> = report
                .uses
                .iter()
                .map(|u| {
                    vec![
                        u.programme.clone(),
                        u.party.clone(),
                        u.party_name.clone(),
                        u.month.clone(),
                        u.bookings.to_string(),
                        u.charge.to_string(),
                        u.voucher.to_string(),
                        u.party_share.to_string(),
                    ]
                })
                .collect();
            say("")?;
            table(&headers, &cells)
        }
    }
}
