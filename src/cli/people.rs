//! `kiln user …` and `kiln person …`.

use clap::Subcommand;

use super::Env;
use super::output::{json, say, table};
use crate::db::person::PersonFilter;
use crate::db::{Page, operator, person};
use crate::domain::person::PersonInput;
use crate::error::Result;
use crate::i18n::labels;

#[derive(Debug, Subcommand)]
pub enum UserCmd {
    /// Register an OS account with a role (admins only)
    Add {
        name: String,
        /// admin | equipment-manager | viewer
        #[arg(long)]
        role: String,
        #[arg(long)]
        json: bool,
    },
    /// Change an operator's role (admins only)
    Role {
        name: String,
        #[arg(long)]
        role: String,
    },
    /// Remove an operator's access; their history stays in the audit log
    Remove { name: String },
    /// List operators
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PersonCmd {
    /// Register a person; prints the new code (P-0001 …)
    Add {
        #[arg(long)]
        name: String,
        /// The company's 사업자등록번호, e.g. 124-81-00998
        #[arg(long)]
        company: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List people, optionally of one company or matching a search
    List {
        #[arg(long)]
        company: Option<String>,
        /// A part of the name, code, phone or e-mail
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one person
    Show {
        code: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn user(env: &Env, cmd: UserCmd) -> Result<()> {
    let lang = env.lang;
    let mut store = env.open_existing()?;
    let print = |op: &operator::Operator| say(format!("{}  {}", op.name, labels::role(Some(op.role), lang)));
    match cmd {
        UserCmd::Add { name, role, json: as_json } => {
            let op = operator::add(&mut store, &name, &role)?;
            if as_json { json(&op) } else { print(&op) }
        }
        UserCmd::Role { name, role } => print(&operator::set_role(&mut store, &name, &role)?),
        UserCmd::Remove { name } => print(&operator::remove(&mut store, &name)?),
        UserCmd::List { json: as_json } => {
            let ops = operator::list(&store)?;
            if as_json {
                return json(&ops);
            }
            let rows: Vec<Vec<String>> = ops
                .iter()
                .map(|o| {
                    vec![
                        o.name.clone(),
                        labels::role(Some(o.role), lang).to_owned(),
                        o.added_at.to_string(),
                        o.added_by.clone(),
                    ]
                })
                .collect();
            table(
                &[
                    lang.pick("계정", "account"),
                    lang.pick("역할", "role"),
                    lang.pick("등록", "added"),
                    lang.pick("등록자", "by"),
                ],
                &rows,
            )
        }
    }
}

pub fn person(env: &Env, cmd: PersonCmd) -> Result<()> {
    let lang = env.lang;
    match cmd {
        PersonCmd::Add { name, company, phone, email, json: as_json } => {
            let mut store = env.open_existing()?;
            let input = PersonInput {
                name,
                company: company.unwrap_or_default(),
                phone: phone.unwrap_or_default(),
                email: email.unwrap_or_default(),
            };
            let p = person::add(&mut store, &input)?;
            if as_json { json(&p) } else { say(&p.code) }
        }
        PersonCmd::List { company, search, json: as_json } => {
            let store = env.open_existing()?;
            let people = person::list(&store, &PersonFilter { search, company }, Page::ALL_FOR_CLI)?;
            if as_json {
                return json(&people);
            }
            let rows: Vec<Vec<String>> = people
                .iter()
                .map(|p| {
                    vec![
                        p.code.clone(),
                        p.name.clone(),
                        p.company_name.clone().unwrap_or_else(|| lang.pick("(외부)", "(external)").to_owned()),
                        p.phone.clone().unwrap_or_default(),
                        p.email.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            let headers = [
                lang.pick("코드", "code"),
                lang.pick("이름", "name"),
                lang.pick("소속", "company"),
                lang.pick("전화", "phone"),
                lang.pick("이메일", "email"),
            ];
            table(&headers, &rows)
        }
        PersonCmd::Show { code, json: as_json } => {
            let store = env.open_existing()?;
            let p = person::show(&store, &code)?;
            if as_json {
                return json(&p);
            }
            let company = match (&p.company_name, &p.company_brn) {
                (Some(n), Some(b)) => format!("{n} ({b})"),
                _ => lang.pick("(외부)", "(external)").to_owned(),
            };
            let rows = [
                (lang.pick("코드", "code"), p.code.clone()),
                (lang.pick("이름", "name"), p.name.clone()),
                (lang.pick("소속", "company"), company),
                (lang.pick("전화", "phone"), p.phone.clone().unwrap_or_default()),
                (lang.pick("이메일", "email"), p.email.clone().unwrap_or_default()),
                (lang.pick("등록", "registered"), p.created_at.to_string()),
            ];
            for (k, v) in rows {
                say(format!("{}  {v}", crate::cells::fit(k, 8)))?;
            }
            Ok(())
        }
    }
}
