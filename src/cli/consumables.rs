//! `kiln consumable …`: the catalogue of consumables (소모품).

use clap::Subcommand;

use super::Env;
use super::output::{json, one, table};
use crate::db::consumable::{self, Consumable};
use crate::domain::consumable::ConsumableInput;
use crate::error::Result;
use crate::i18n::Lang;

#[derive(Debug, Subcommand)]
pub enum ConsumableCmd {
    /// Add a consumable to the catalogue (admins)
    Add {
        /// A short code: lowercase letters, digits and dashes (au-target)
        code: String,
        #[arg(long)]
        name: String,
        /// How it is counted: 개, g, mL, 회 …
        #[arg(long)]
        unit: String,
        /// Won per unit, never discounted
        #[arg(long, allow_hyphen_values = true)]
        price: String,
        #[arg(long)]
        json: bool,
    },
    /// The catalogue
    List {
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set a consumable's unit price from now on (uses already recorded keep theirs)
    Price {
        code: String,
        #[arg(allow_hyphen_values = true)]
        price: String,
        #[arg(long)]
        json: bool,
    },
}

fn print(rows: &[Consumable], lang: Lang) -> Result<()> {
    let headers = [
        lang.pick("코드", "code"),
        lang.pick("이름", "name"),
        lang.pick("단위", "unit"),
        lang.pick("단가", "unit price"),
    ];
    let cells: Vec<Vec<String>> =
        rows.iter().map(|c| vec![c.code.clone(), c.name.clone(), c.unit.clone(), c.unit_price.to_string()]).collect();
    table(&headers, &cells)
}

pub fn consumable_cmd(env: &Env, cmd: ConsumableCmd) -> Result<()> {
    let lang = env.lang;
    let mut store = env.open_existing()?;
    match cmd {
        ConsumableCmd::Add { code, name, unit, price, json: j } => {
            let c = consumable::add(&mut store, &ConsumableInput { code, name, unit, unit_price: price })?;
            one(&c, j, || print(std::slice::from_ref(&c), lang))
        }
        ConsumableCmd::List { search, json: j } => {
            let rows = consumable::list(&store, search.as_deref())?;
            if j { json(&rows) } else { print(&rows, lang) }
        }
        ConsumableCmd::Price { code, price, json: j } => {
            let c = consumable::set_price(&mut store, &code, &price)?;
            one(&c, j, || print(std::slice::from_ref(&c), lang))
        }
    }
}
