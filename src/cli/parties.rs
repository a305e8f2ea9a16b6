//! `kiln party …` and `kiln rate-class …`: who pays, and by which class.

use clap::Subcommand;

use super::Env;
use super::output::{json, one, say, table};
use crate::db::party::{self, Party, PartyFilter, RateClass};
use crate::db::{Page, project, rate_class};
use crate::domain::party::{ClassInput, PartyInput};
use crate::domain::project::ProjectInput;
use crate::domain::{Field, Invalid, Problem};
use crate::error::Result;
use crate::i18n::{Lang, labels};

#[derive(Debug, Subcommand)]
pub enum PartyCmd {
    /// Add an outside organisation (with a BRN) or an individual; a company's party comes with the company
    Add {
        /// organisation | individual
        #[arg(long)]
        kind: String,
        #[arg(long)]
        name: String,
        /// The organisation's 사업자등록번호 (none for an individual)
        #[arg(long)]
        brn: Option<String>,
        /// A rate class (`kiln rate-class list`) [default: external]
        #[arg(long)]
        class: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// The person an individual party pays for (P-0042)
        #[arg(long)]
        person: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List parties, optionally of one kind or matching a search
    List {
        /// A part of the name, the code or the BRN (초성 too)
        #[arg(long)]
        search: Option<String>,
        /// company | organisation | individual
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one party, by code (BP-0007) or BRN
    Show {
        party: String,
        #[arg(long)]
        json: bool,
    },
    /// Who pays and how: the class a party is priced by today, its projects and this year's vouchers
    Billing {
        party: String,
        #[arg(long)]
        json: bool,
    },
    /// Set a party's rate class, or clear it (a company is then "tenant" on a day it holds a lease)
    SetClass {
        party: String,
        #[arg(required_unless_present = "clear")]
        class: Option<String>,
        #[arg(long, conflicts_with = "class")]
        clear: bool,
        #[arg(long)]
        json: bool,
    },
    /// Set an outside organisation's representative (대표자), whom its tax documents name; empty clears it
    SetRepresentative {
        party: String,
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Let a person book for the party
    Join {
        party: String,
        person: String,
        #[arg(long)]
        json: bool,
    },
    /// Stop a person booking for the party (their bookings stay billed to it)
    Leave {
        party: String,
        person: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RateClassCmd {
    /// The rate classes and their centre-wide discounts
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a class (admins)
    Add {
        /// A short code: lowercase letters, digits and dashes (sme, mid-size)
        code: String,
        #[arg(long)]
        name_ko: String,
        #[arg(long)]
        name_en: String,
        /// The centre-wide discount, 0–100 % ("20", "12.5 %") [default: 0]
        #[arg(long, allow_hyphen_values = true)]
        discount: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// What each class pays on a machine, after every discount
    Prices {
        equipment: String,
        #[arg(long)]
        json: bool,
    },
    /// Give a machine its own price for a class: a rate, or a discount off its external rate (admins)
    Price {
        class: String,
        #[arg(long)]
        equipment: String,
        /// Won per hour or sample
        #[arg(long, allow_hyphen_values = true, conflicts_with = "discount")]
        rate: Option<String>,
        /// Off the machine's external rate, 0–100 %
        #[arg(long, allow_hyphen_values = true)]
        discount: Option<String>,
        /// Remove the machine's own price: the class's centre-wide discount applies again
        #[arg(long, conflicts_with_all = ["rate", "discount"])]
        clear: bool,
        #[arg(long)]
        json: bool,
    },
    /// Change a class's names or discount (admins); priced bookings keep their prices
    Set {
        code: String,
        #[arg(long)]
        name_ko: Option<String>,
        #[arg(long)]
        name_en: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        discount: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn kind(k: crate::domain::PartyKind, lang: Lang) -> &'static str {
    labels::party_kind(k, lang)
}

fn print_parties(rows: &[Party], lang: Lang) -> Result<()> {
    let headers = [
        lang.pick("코드", "code"),
        lang.pick("구분", "kind"),
        lang.pick("이름", "name"),
        lang.pick("사업자등록번호", "BRN"),
        lang.pick("이용자 구분", "class"),
        lang.pick("구성원", "members"),
    ];
    let by_rule = lang.pick("(규칙)", "(by rule)");
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|p| {
            vec![
                p.code.clone(),
                kind(p.kind, lang).to_owned(),
                p.name.clone(),
                p.brn.clone().or_else(|| p.person.clone()).unwrap_or_default(),
                p.class.clone().unwrap_or_else(|| by_rule.to_owned()),
                p.members.join(" "),
            ]
        })
        .collect();
    table(&headers, &cells)
}

fn print_classes(rows: &[RateClass], lang: Lang) -> Result<()> {
    let headers = [
        lang.pick("코드", "code"),
        lang.pick("이름", "name"),
        lang.pick("할인율", "discount"),
        lang.pick("청구처 수", "parties"),
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|c| {
            vec![
                c.code.clone(),
                lang.pick(&c.name_ko, &c.name_en).to_owned(),
                rate_class::discount_text(c.discount),
                c.parties.to_string(),
            ]
        })
        .collect();
    table(&headers, &cells)
}

fn print_machine(rows: &[rate_class::MachineRate], lang: Lang) -> Result<()> {
    let headers =
        [lang.pick("코드", "code"), lang.pick("이름", "name"), lang.pick("단가", "rate"), lang.pick("근거", "from")];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|m| {
            let from = match (m.own_rate, m.own_discount) {
                (Some(_), _) => lang.pick("장비 고유 단가", "the machine's own rate").to_owned(),
                (None, Some(d)) => {
                    format!("{} {}", lang.pick("장비 할인", "machine discount"), rate_class::discount_text(d))
                }
                (None, None) if m.class == crate::domain::party::TENANT => {
                    lang.pick("입주기업 단가", "tenant rate").to_owned()
                }
                (None, None) => format!(
                    "{} {}",
                    lang.pick("구분 할인", "class discount"),
                    rate_class::discount_text(m.class_discount)
                ),
            };
            vec![m.class.clone(), lang.pick(&m.name_ko, &m.name_en).to_owned(), m.rate.to_string(), from]
        })
        .collect();
    table(&headers, &cells)
}

pub fn party_cmd(env: &Env, cmd: PartyCmd) -> Result<()> {
    let lang = env.lang;
    let mut store = env.open_existing()?;
    let show = |p: &Party, as_json: bool| one(p, as_json, || print_parties(std::slice::from_ref(p), lang));
    match cmd {
        PartyCmd::Add { kind, name, brn, class, email, person, json: j } => {
            let input = PartyInput {
                kind,
                name,
                brn: brn.unwrap_or_default(),
                class: class.unwrap_or_default(),
                email: email.unwrap_or_default(),
                person: person.unwrap_or_default(),
            };
            let p = party::add(&mut store, &input)?;
            show(&p, j)
        }
        PartyCmd::List { search, kind, json: j } => {
            let rows = party::list(&store, &PartyFilter { search, kind }, Page::ALL_FOR_CLI)?;
            if j {
                return json(&rows);
            }
            if rows.is_empty() {
                return say(lang.pick("청구처가 없습니다", "no parties"));
            }
            print_parties(&rows, lang)
        }
        PartyCmd::Show { party: p, json: j } => show(&party::show(&store, &p)?, j),
        PartyCmd::Billing { party: p, json: j } => {
            let b = party::billing(&store, &p)?;
            one(&b, j, || print_billing(&b, lang))
        }
        PartyCmd::SetClass { party: p, class, clear: _, json: j } => {
            let p = party::set_class(&mut store, &p, class.as_deref().unwrap_or_default())?;
            show(&p, j)
        }
        PartyCmd::SetRepresentative { party: p, name, json: j } => {
            show(&party::set_representative(&mut store, &p, &name)?, j)
        }
        PartyCmd::Join { party: p, person, json: j } => show(&party::join(&mut store, &p, &person)?, j),
        PartyCmd::Leave { party: p, person, json: j } => show(&party::leave(&mut store, &p, &person)?, j),
    }
}

pub fn rate_class_cmd(env: &Env, cmd: RateClassCmd) -> Result<()> {
    let lang = env.lang;
    let mut store = env.open_existing()?;
    let show = |c: &RateClass, as_json: bool| one(c, as_json, || print_classes(std::slice::from_ref(c), lang));
    match cmd {
        RateClassCmd::List { json: j } => {
            let rows = rate_class::list(&store)?;
            if j { json(&rows) } else { print_classes(&rows, lang) }
        }
        RateClassCmd::Add { code, name_ko, name_en, discount, json: j } => {
            let input = ClassInput { code, name_ko, name_en, discount: discount.unwrap_or_default() };
            show(&rate_class::add(&mut store, &input)?, j)
        }
        RateClassCmd::Prices { equipment, json: j } => {
            let rows = rate_class::on_machine(&store, &equipment)?;
            if j { json(&rows) } else { print_machine(&rows, lang) }
        }
        RateClassCmd::Price { class, equipment, rate, discount, clear, json: j } => {
            if !clear && rate.is_none() && discount.is_none() {
                return Err(Invalid::new(Field::Rate, "", Problem::Empty).into());
            }
            let (rate, discount) = (rate.unwrap_or_default(), discount.unwrap_or_default());
            let rows = rate_class::set_on_machine(&mut store, &class, &equipment, &rate, &discount)?;
            let row: Vec<_> = rows.into_iter().filter(|r| r.class == class.trim().to_ascii_lowercase()).collect();
            if j { json(&row) } else { print_machine(&row, lang) }
        }
        RateClassCmd::Set { code, name_ko, name_en, discount, json: j } => {
            let change = rate_class::ClassChange { name_ko, name_en, discount };
            show(&rate_class::set(&mut store, &code, &change)?, j)
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ProjectCmd {
    /// Add a project (과제) of a party, which its bookings may be paid from (admins)
    Add {
        /// The party that holds it: BP-0075 or a BRN
        #[arg(long)]
        party: String,
        /// 과제명
        #[arg(long)]
        name: String,
        /// 과제번호 (RS-2025-00412345)
        #[arg(long)]
        number: String,
        /// 전문기관
        #[arg(long)]
        funder: String,
        #[arg(long)]
        from: String,
        /// The project's last day
        #[arg(long)]
        last_day: String,
        /// The part of its budget for the centre's equipment, in won
        #[arg(long, allow_hyphen_values = true)]
        budget: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List projects with what each has spent and booked
    List {
        #[arg(long)]
        party: Option<String>,
        /// A part of the name, code, number or funder (초성 too)
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one project
    Show {
        code: String,
        #[arg(long)]
        json: bool,
    },
}

fn print_billing(b: &party::Billing, lang: Lang) -> Result<()> {
    let class = lang.pick(&b.class_name.0, &b.class_name.1);
    let rule = if b.class_set { "" } else { lang.pick(" (규칙)", " (by rule)") };
    say(format!("{} · {class}{rule}", b.party))?;
    for g in &b.grants {
        say(format!(
            "{} {} {}: {} / {} ({} {})",
            lang.pick("바우처", "voucher"),
            g.programme,
            g.year,
            g.used,
            g.cap,
            lang.pick("잔액", "left"),
            g.remaining
        ))?;
    }
    if !b.projects.is_empty() {
        print_projects(&b.projects, lang)?;
    }
    Ok(())
}

fn print_projects(rows: &[project::Project], lang: Lang) -> Result<()> {
    let headers = [
        lang.pick("코드", "code"),
        lang.pick("과제명", "name"),
        lang.pick("과제번호", "number"),
        lang.pick("청구처", "party"),
        lang.pick("기간", "period"),
        lang.pick("예산", "budget"),
        lang.pick("사용액", "spent"),
        lang.pick("예약 포함", "with bookings"),
    ];
    let over = lang.pick(" (예산 초과)", " (over budget)");
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|p| {
            let spent = match p.budget {
                Some(b) if p.spent > b => format!("{}{over}", p.spent),
                _ => p.spent.to_string(),
            };
            let committed = format!("{} ({})", p.committed, p.booked);
            vec![
                p.code.clone(),
                p.name.clone(),
                p.number.clone(),
                format!("{} {}", p.party, p.party_name),
                format!("{} ~ {}", p.from, p.last_day),
                p.budget.map_or_else(|| "—".into(), |b| b.to_string()),
                spent,
                committed,
            ]
        })
        .collect();
    table(&headers, &cells)
}

pub fn project_cmd(env: &Env, cmd: ProjectCmd) -> Result<()> {
    let lang = env.lang;
    let mut store = env.open_existing()?;
    match cmd {
        ProjectCmd::Add { party, name, number, funder, from, last_day, budget, json: j } => {
            let input =
                ProjectInput { party, name, number, funder, from, last_day, budget: budget.unwrap_or_default() };
            let p = project::add(&mut store, &input)?;
            one(&p, j, || print_projects(std::slice::from_ref(&p), lang))
        }
        ProjectCmd::List { party, search, json: j } => {
            let rows = project::list(&store, &project::ProjectFilter { search, party })?;
            if j { json(&rows) } else { print_projects(&rows, lang) }
        }
        ProjectCmd::Show { code, json: j } => {
            let p = project::show(&store, &code)?;
            one(&p, j, || print_projects(std::slice::from_ref(&p), lang))
        }
    }
}
