//! `kiln deposit`: deposits (보증금) received, held and settled.

use clap::Subcommand;

use super::Env;
use super::output::{json, say, table};
use crate::db::deposit::{self, Chain, Settled};
use crate::domain::money::group;
use crate::error::Result;
use crate::files::Target;
use crate::i18n::{Lang, fill};

#[derive(Debug, Subcommand)]
pub enum DepositCmd {
    /// Record a deposit received for a lease (not more than it was signed with)
    Receive {
        /// The lease (L-0007); an extension's deposit is its chain's
        lease: String,
        #[arg(long)]
        amount: String,
        /// The day it came in [default: today]
        #[arg(long)]
        on: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// The deposits held and settled: each lease chain (a lease and its extensions)
    List {
        /// Only this company's (사업자등록번호)
        #[arg(long)]
        company: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// After the company's last day: offset the deposit against its unpaid statements, oldest first, and refund the rest
    Settle {
        lease: String,
        /// The day of the settlement [default: today]
        #[arg(long)]
        on: Option<String>,
        /// Hand back only this much of what is left after the offsets (the rest stays held)
        #[arg(long)]
        refund: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        /// Also write the settlement sheet (XLSX) to this file
        #[arg(long)]
        sheet: Option<std::path::PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Every movement of every deposit, chain by chain, with what was held after it
    Ledger {
        #[arg(long)]
        json: bool,
    },
    /// Write a lease chain's settlement sheet (보증금 정산서, XLSX): every movement and what is held
    Sheet {
        lease: String,
        /// The file to write [default: kiln-deposit-L-0007.xlsx in the current folder]
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
}

fn won(w: crate::domain::Won) -> String {
    group(i128::from(w.0))
}

/// A chain as the list shows it: its last lease first (the one the
/// commands take), and where it began when there is more than one.
fn chain_text(c: &Chain) -> String {
    match c.leases.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, .., last] => format!("{last} ({first}~, {})", c.leases.len()),
    }
}

fn print(chains: &[Chain], lang: Lang) -> Result<()> {
    let rows: Vec<Vec<String>> = chains
        .iter()
        .map(|c| {
            vec![
                chain_text(c),
                c.company.clone(),
                c.room.clone(),
                format!("{}–{}", c.from, c.last_day),
                won(c.agreed),
                won(c.ledger.received),
                won(c.ledger.offset),
                won(c.ledger.refunded),
                won(c.held),
            ]
        })
        .collect();
    let heads = [
        lang.pick("계약", "leases"),
        lang.pick("기업", "company"),
        lang.pick("호실", "room"),
        lang.pick("기간", "period"),
        lang.pick("약정", "agreed"),
        lang.pick("입금", "received"),
        lang.pick("상계", "offset"),
        lang.pick("반환", "refunded"),
        lang.pick("보관", "held"),
    ];
    table(&heads, &rows)
}

fn write_sheet(env: &Env, lease: &str, out: Option<&std::path::Path>) -> Result<std::path::PathBuf> {
    let store = env.open_existing()?;
    let (chain, moves) = deposit::movements(&store, lease)?;
    let book = crate::report::sheets::deposit(&chain, &moves, &env.lang);
    let path = match out {
        Some(p) => p.to_owned(),
        None => std::env::current_dir()?.join(format!("{}.xlsx", book.stem)),
    };
    crate::export::book::write_xlsx(&book, &Target::new(&path, &env.path)?)?;
    Ok(path)
}

fn told(s: &Settled, lang: Lang) -> Result<()> {
    for (number, amount) in &s.offsets {
        say(fill(lang.pick("상계 {0} {1}원", "offset {0} {1} won"), &[number, &won(*amount)]))?;
    }
    say(fill(
        lang.pick(
            "{0} 보증금 {1}원: 상계 {2}원, 반환 {3}원, 남은 보관 {4}원",
            "{0} deposit {1} won: offset {2}, refunded {3}, still held {4}",
        ),
        &[
            &s.chain.last_lease(),
            &won(s.held),
            &won(crate::domain::Won(s.offsets.iter().map(|(_, w)| w.0).sum())),
            &won(s.refund),
            &won(s.kept),
        ],
    ))
}

pub fn deposit_cmd(env: &Env, cmd: DepositCmd) -> Result<()> {
    let lang = env.lang;
    match cmd {
        DepositCmd::Receive { lease, amount, on, note, json: j } => {
            let mut store = env.open_existing()?;
            let on = on.unwrap_or_else(|| store.now().date().to_string());
            let c = deposit::receive(&mut store, &lease, &on, &amount, &note)?;
            if j { json(&c) } else { print(std::slice::from_ref(&c), lang) }
        }
        DepositCmd::List { company, json: j } => {
            let rows = deposit::list(&env.open_existing()?, company.as_deref())?;
            if j { json(&rows) } else { print(&rows, lang) }
        }
        DepositCmd::Settle { lease, on, refund, note, sheet, json: j } => {
            let mut store = env.open_existing()?;
            let on = on.unwrap_or_else(|| store.now().date().to_string());
            let s = deposit::settle(&mut store, &lease, &on, refund.as_deref(), &note)?;
            drop(store);
            if let Some(path) = &sheet {
                write_sheet(env, &lease, Some(path))?;
            }
            if j { json(&s) } else { told(&s, lang) }
        }
        DepositCmd::Ledger { json: j } => {
            let rows = deposit::ledger(&env.open_existing()?)?;
            if j {
                return json(&rows);
            }
            let rows: Vec<Vec<String>> = rows
                .iter()
                .map(|m| {
                    vec![
                        m.lease.clone(),
                        m.company.clone(),
                        m.room.clone(),
                        m.on.to_string(),
                        crate::i18n::labels::deposit_kind(m.kind, lang).to_owned(),
                        m.statement.clone().unwrap_or_default(),
                        won(m.amount),
                        won(m.held),
                    ]
                })
                .collect();
            let heads = [
                lang.pick("계약", "lease"),
                lang.pick("기업", "company"),
                lang.pick("호실", "room"),
                lang.pick("일자", "date"),
                lang.pick("구분", "kind"),
                lang.pick("청구서", "statement"),
                lang.pick("금액", "amount"),
                lang.pick("보관 잔액", "held"),
            ];
            table(&heads, &rows)
        }
        DepositCmd::Sheet { lease, out } => {
            let path = write_sheet(env, &lease, out.as_deref())?;
            say(fill(
                lang.pick("보증금 정산서를 {0}에 썼습니다", "wrote the deposit settlement to {0}"),
                &[&path.display()],
            ))
        }
    }
}
