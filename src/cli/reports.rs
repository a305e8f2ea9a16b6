//! `kiln report …`: the read models, as text or JSON.

use chrono::Datelike;
use clap::Subcommand;

use super::Env;
use super::output::{json, say};
use crate::domain::money::group;
use crate::domain::time::parse_date;
use crate::domain::{Field, ForField};
use crate::error::Result;
use crate::i18n::{Msg, labels};
use crate::report::{occupancy, programme};

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// The programme against its 2010 targets for a year
    Programme {
        /// [default: last year]
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Occupancy of the centre building on a day
    Occupancy {
        /// [default: today]
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn report(env: &Env, cmd: ReportCmd) -> Result<()> {
    let lang = env.lang;
    let today = env.clock.today();
    let store = env.open_existing()?;
    match cmd {
        ReportCmd::Programme { year, json: j } => {
            let year = year.unwrap_or(today.year() - 1);
            let p = programme::programme(&store, year)?;
            if j {
                return json(&p);
            }
            say(crate::i18n::fill(Msg::TargetsTitle.text(lang), &[&year]))?;
            say(format!("  {}  {} / {}", Msg::TargetsCompanies.text(lang), p.companies, p.target_companies))?;
            for z in &p.by_zone {
                say(format!("    {}  {} / {}", labels::zone(z.zone, lang), z.companies, z.target))?;
            }
            say(format!(
                "  {}  {} / {}",
                Msg::TargetsJobs.text(lang),
                group(i128::from(p.employees)),
                group(i128::from(p.target_employees))
            ))?;
            say(format!("  {}  {} / {}", Msg::TargetsSales.text(lang), p.sales.korean(), p.target_sales.korean()))?;
            say(format!("  {}  {}", labels::field(Field::Exports, lang), p.exports.korean()))?;
            say(format!(
                "  {}  {} / {}",
                labels::field(Field::PatentsFiled, lang),
                p.patents_filed,
                p.patents_granted
            ))?;
            say(format!("  {}  {}", labels::field(Field::Investment, lang), p.investment.korean()))
        }
        ReportCmd::Occupancy { on, json: j } => {
            let day = on.as_deref().map(|d| parse_date(d).field(Field::Date, d)).transpose()?.unwrap_or(today);
            let o = occupancy::occupancy(&store, day)?;
            if j {
                return json(&o);
            }
            say(format!("{} {}", Msg::OccupancyTitle.text(lang), o.on))?;
            say(format!("  {:.1} %  {} / {} m²", o.area_percent(), o.leased_area.m2_text(), o.area.m2_text()))?;
            say(format!(
                "  {}",
                crate::i18n::fill(Msg::OccupancyRooms.text(lang), &[&o.leased_rooms, &o.rooms, &o.vacant.len()])
            ))?;
            say(format!("  {}/m²  {}", labels::field(Field::Rent, lang), o.rent_per_m2))?;
            if !o.vacant.is_empty() {
                say(format!("  {}: {}", Msg::Vacant.text(lang), o.vacant.join(", ")))?;
            }
            Ok(())
        }
    }
}
