//! `kiln statement …`: monthly statements, issuing them, payments.

use clap::{Args, Subcommand};

use super::Env;
use super::output::{json, say};
use crate::cells::{fit, fit_right};
use crate::db::statement::{self, Statement};
use crate::domain::money::group;
use crate::domain::statement::month_of;
use crate::domain::time::date_text;
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill, labels};

/// `kiln statement --party BP-0007|BRN --month 2026-12`, or `kiln statement
/// issue|list|pay|write-off|write-offs …`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct StatementCmd {
    #[command(subcommand)]
    pub action: Option<StatementAction>,
    /// The billing party: its code (BP-0007) or the BRN of its company or organisation
    #[arg(long, alias = "company", required = true)]
    pub party: Option<String>,
    /// 2026-12
    #[arg(long, required = true)]
    pub month: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum StatementAction {
    /// Issue the month's statements (every party, or one): frozen and numbered
    Issue {
        #[arg(long)]
        month: String,
        /// BP-0007 or a BRN
        #[arg(long, alias = "company")]
        party: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List issued statements
    List {
        #[arg(long)]
        month: Option<String>,
        /// BP-0007 or a BRN
        #[arg(long, alias = "company")]
        party: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Let go what a party was never billed for a month already issued, with a reason
    WriteOff {
        /// BP-0007 or a BRN
        #[arg(long)]
        party: String,
        /// 2026-10
        #[arg(long)]
        month: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// List write-offs
    WriteOffs {
        /// BP-0007 or a BRN
        #[arg(long)]
        party: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record a payment against a statement
    Pay {
        /// The statement number, e.g. 2026-12-0007
        number: String,
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        #[arg(long)]
        on: Option<String>,
        /// transfer | card | cash | other
        #[arg(long, default_value = "transfer")]
        method: String,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn print(s: &Statement, lang: Lang) -> Result<()> {
    let number = s.number.clone().unwrap_or_else(|| Msg::Draft.text(lang).to_owned());
    say(format!("{number}  {}  {}  {}", month_of(s.month), s.name, s.billed_id()))?;
    for l in &s.lines {
        let voucher = labels::voucher_note(l, lang).map_or_else(String::new, |v| format!("  {v}"));
        say(format!(
            "  {} {} {}{voucher}",
            fit(&labels::statement_line(l, lang), 52),
            fit_right(&labels::quantity(l.quantity, l.unit, lang), 10),
            fit_right(&group(i128::from(l.amount.0)), 14)
        ))?;
    }
    for (label, amount) in [(Msg::Supply, s.totals.supply), (Msg::Vat, s.totals.vat), (Msg::Total, s.totals.total)] {
        say(format!("  {} {}", fit(label.text(lang), 63), fit_right(&group(i128::from(amount.0)), 15)))?;
    }
    Ok(())
}

pub fn statement_cmd(env: &Env, cmd: StatementCmd) -> Result<()> {
    let lang = env.lang;
    let mut store = env.open_existing()?;
    match cmd.action {
        None => {
            let s = statement::show(
                &store,
                cmd.party.as_deref().unwrap_or_default(),
                cmd.month.as_deref().unwrap_or_default(),
            )?;
            if cmd.json { json(&s) } else { print(&s, lang) }
        }
        Some(StatementAction::Issue { month, party, json: j }) => {
            let issued = statement::issue(&mut store, &month, party.as_deref())?;
            if j {
                return json(&issued);
            }
            for s in &issued {
                say(format!(
                    "{}  {}  {}",
                    s.number.clone().unwrap_or_default(),
                    s.name,
                    labels::money(s.totals.total, lang)
                ))?;
            }
            say(fill(Msg::IssuedCount.text(lang), &[&issued.len(), &month]))
        }
        Some(StatementAction::List { month, party, json: j }) => {
            let list = statement::issued_list(&store, month.as_deref(), party.as_deref())?;
            if j {
                return json(&list);
            }
            for s in &list {
                say(format!(
                    "{}  {}  {}  {} / {}",
                    s.number.clone().unwrap_or_default(),
                    s.name,
                    s.due_on.map(date_text).unwrap_or_default(),
                    labels::money(s.totals.total, lang),
                    labels::money(s.outstanding, lang)
                ))?;
            }
            Ok(())
        }
        Some(StatementAction::WriteOff { party, month, reason, json: j }) => {
            let w = statement::write_off(&mut store, &party, &month, &reason)?;
            if j {
                return json(&w);
            }
            say(write_off_line(&w, lang))
        }
        Some(StatementAction::WriteOffs { party, json: j }) => {
            let list = statement::write_offs(&store, party.as_deref())?;
            if j {
                return json(&list);
            }
            for w in &list {
                say(write_off_line(w, lang))?;
            }
            Ok(())
        }
        Some(StatementAction::Pay { number, amount, on, method, note, json: j }) => {
            let on = on.unwrap_or_else(|| crate::domain::time::date_text(env.clock.today()));
            let p = statement::pay(&mut store, &number, &on, &amount, &method, note.as_deref().unwrap_or_default())?;
            if j {
                json(&p)
            } else {
                say(format!("{}  {}  {}", p.statement, date_text(p.paid_on), labels::money(p.amount, lang)))
            }
        }
    }
}

/// `2026-10  BP-0031 김민준  손실 처리 182,000원  (사유)`.
fn write_off_line(w: &statement::WriteOff, lang: Lang) -> String {
    format!(
        "{}  {} {}  {} {}  ({})",
        month_of(w.month),
        w.party,
        w.name,
        Msg::LineWriteOff.text(lang),
        labels::money(w.amount, lang),
        w.reason
    )
}
