//! `kiln setting list|set`: the centre's settings.

use clap::Subcommand;

use super::Env;
use super::output::{json, one, table};
use crate::db::setting::{self, SettingRow};
use crate::domain::setting::Unit;
use crate::error::Result;
use crate::i18n::Lang;

#[derive(Debug, Subcommand)]
pub enum SettingCmd {
    /// Every setting: the centre's values (set or default), then machines' own
    List {
        #[arg(long)]
        json: bool,
    },
    /// Set KEY to VALUE: check-in-window (minutes), clock-tolerance (minutes), lease-term (months)
    Set {
        key: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// A machine's own value (check-in-window only)
        #[arg(long)]
        equipment: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn unit(u: Unit, lang: Lang) -> &'static str {
    match u {
        Unit::Minutes => lang.pick("분", "min"),
        Unit::Months => lang.pick("개월", "months"),
        Unit::Percent => "%",
        Unit::Switch => lang.pick("(0 꺼짐, 1 켜짐)", "(0 off, 1 on)"),
    }
}

fn cells(r: &SettingRow, lang: Lang) -> Vec<String> {
    let scope = r.equipment.clone().unwrap_or_else(|| lang.pick("센터", "centre").to_owned());
    let origin = match (&r.set_at, &r.set_by) {
        (Some(at), Some(by)) => format!("{at} {by}"),
        _ => lang.pick("기본값", "default").to_owned(),
    };
    vec![
        r.key.code().to_owned(),
        scope,
        format!("{} {}", r.value, unit(r.unit, lang)),
        format!("{}–{}", r.min, r.max),
        origin,
    ]
}

fn print(rows: &[SettingRow], lang: Lang) -> Result<()> {
    let headers = [
        lang.pick("설정", "setting"),
        lang.pick("대상", "for"),
        lang.pick("값", "value"),
        lang.pick("범위", "range"),
        lang.pick("정한 때", "set"),
    ];
    table(&headers, &rows.iter().map(|r| cells(r, lang)).collect::<Vec<_>>())
}

pub fn setting_cmd(env: &Env, cmd: SettingCmd) -> Result<()> {
    let lang = env.lang;
    let mut store = env.open_existing()?;
    match cmd {
        SettingCmd::List { json: j } => {
            let rows = setting::list(&store)?;
            if j {
                return json(&rows);
            }
            print(&rows, lang)
        }
        SettingCmd::Set { key, value, equipment, json: j } => {
            let row = setting::set(&mut store, &key, &value, equipment.as_deref())?;
            one(&row, j, || print(std::slice::from_ref(&row), lang))
        }
    }
}
