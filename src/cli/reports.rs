//! `kiln report …`: the read models, as text or JSON.

use chrono::Datelike;
use clap::Subcommand;

use super::Env;
use super::output::{json, say};
use crate::domain::money::group;
use crate::domain::statement::month_of;
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
        #[arg(long, allow_hyphen_values = true)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Occupancy at each month's end over the last months
    OccupancyTrend {
        #[arg(long, default_value_t = 24)]
        months: u32,
        #[arg(long)]
        json: bool,
    },
    /// Each machine's booked, used and available hours for a month
    #[command(alias = "utilisation")]
    Utilization {
        /// [default: last month]
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Training outcomes per course and year
    Training {
        #[arg(long)]
        json: bool,
    },
    /// The programme against its targets, year by year
    Kpis {
        #[arg(long)]
        json: bool,
    },
    /// The companies that used the machines most in a year
    TopUsers {
        /// [default: this year]
        #[arg(long, allow_hyphen_values = true)]
        year: Option<i32>,
        #[arg(long, default_value_t = 10)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Statements not paid in full, by age (current, 1-30, 31-60, 61-90, 90+ days overdue)
    Arrears {
        #[arg(long)]
        json: bool,
    },
    /// Use that ran past the start of the machine's next booking, in a month
    Overruns {
        /// [default: this month]
        #[arg(long)]
        month: Option<String>,
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

/// A report's year, in the range `holidays` takes.
fn calendar_year(year: i32) -> Result<i32> {
    Ok(crate::domain::holidays::year(year).field(Field::Year, &year.to_string())?)
}

pub fn report(env: &Env, cmd: ReportCmd) -> Result<()> {
    let lang = env.lang;
    let today = env.clock.today();
    let store = env.open_existing()?;
    match cmd {
        ReportCmd::Programme { year, json: j } => {
            let year = calendar_year(year.unwrap_or(today.year() - 1))?;
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
            say(format!(
                "  {}  {} / {}",
                Msg::TargetsSales.text(lang),
                labels::money_large(p.sales, lang),
                labels::money_large(p.target_sales, lang)
            ))?;
            say(format!("  {}  {}", labels::field(Field::Exports, lang), labels::money_large(p.exports, lang)))?;
            say(format!(
                "  {}  {} / {}",
                labels::field(Field::PatentsFiled, lang),
                p.patents_filed,
                p.patents_granted
            ))?;
            say(format!("  {}  {}", labels::field(Field::Investment, lang), labels::money_large(p.investment, lang)))
        }
        ReportCmd::OccupancyTrend { months, json: j } => {
            let series = crate::report::trends::occupancy_series(&store, today, months.clamp(1, 240))?;
            if j {
                return json(&series);
            }
            for p in &series {
                say(format!(
                    "{}  {:>5.1} %  {}/{}",
                    month_of(p.month),
                    p.area_rate_bp as f64 / 100.0,
                    p.leased_rooms,
                    p.rooms
                ))?;
            }
            Ok(())
        }
        ReportCmd::Utilization { month, json: j } => {
            let (y, m) = match month {
                Some(m) => crate::domain::statement::parse_month(&m).field(Field::Month, &m)?,
                None => crate::report::usage::last_month(today),
            };
            let rows = crate::report::usage::utilisation(&store, y, m)?;
            if j {
                return json(&rows);
            }
            for r in &rows {
                say(format!(
                    "{}  {}  {:>6.1} / {:>6.1} / {:>6.1} h  {:>5.1} %",
                    r.equipment,
                    crate::cells::fit(&r.name, 24),
                    r.booked_hours,
                    r.used_hours,
                    r.available_hours,
                    r.utilisation
                ))?;
            }
            Ok(())
        }
        ReportCmd::Overruns { month, json: j } => {
            let (y, m) = match month {
                Some(m) => crate::domain::statement::parse_month(&m).field(Field::Month, &m)?,
                None => (today.year(), today.month()),
            };
            let rows = crate::report::overruns::of_month(&store, y, m)?;
            if j {
                return json(&rows);
            }
            for r in &rows {
                say(crate::i18n::fill(
                    env.lang.pick(
                        "#{0}  {1}  {2}  {3}까지 예약 → {4}까지 사용 · #{5} {6}({7} 시작) 시간 침범",
                        "#{0}  {1}  {2}  booked until {3}, used until {4} · ran into #{5} {6} (from {7})",
                    ),
                    &[
                        &r.booking,
                        &r.equipment,
                        &r.who,
                        &r.booked_end,
                        &r.actual_end_text(),
                        &r.into,
                        &r.into_who,
                        &r.into_start,
                    ],
                ))?;
            }
            Ok(())
        }
        ReportCmd::Training { json: j } => {
            let rows = crate::report::trends::training_outcomes(&store)?;
            if j {
                return json(&rows);
            }
            for r in &rows {
                say(format!(
                    "{}  {}  {}  {}/{}  {:.1} %  {}",
                    r.year,
                    r.course,
                    crate::cells::fit(&r.title, 24),
                    r.completed,
                    r.trainees,
                    r.completion_rate,
                    r.qualifications
                ))?;
            }
            Ok(())
        }
        ReportCmd::Kpis { json: j } => {
            let years = crate::report::trends::programme_years(&store, today.year())?;
            if j {
                return json(&years);
            }
            for p in &years {
                say(format!(
                    "{}  {:>3}/{}  {:>5}/{}  {} / {}",
                    p.year,
                    p.companies,
                    p.target_companies,
                    group(i128::from(p.employees)),
                    group(i128::from(p.target_employees)),
                    labels::money_large(p.sales, lang),
                    labels::money_large(p.target_sales, lang)
                ))?;
            }
            Ok(())
        }
        ReportCmd::TopUsers { year, limit, json: j } => {
            let year = calendar_year(year.unwrap_or(today.year()))?;
            let rows = crate::report::usage::top_users(&store, year, limit.clamp(1, 1000))?;
            if j {
                return json(&rows);
            }
            for r in &rows {
                say(format!(
                    "{}  {}  {:>7.1} h  {} · {}",
                    r.company_brn,
                    crate::cells::fit(&r.company_name, 24),
                    r.hours,
                    r.bookings,
                    group(i128::from(r.charged.0))
                ))?;
            }
            Ok(())
        }
        ReportCmd::Arrears { json: j } => {
            let rows = crate::db::statement::arrears(&store, today)?;
            if j {
                return json(&rows);
            }
            print_arrears(&rows, lang)
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
            say(format!("  {}/m²  {}", labels::field(Field::Rent, lang), labels::money(o.rent_per_m2, lang)))?;
            if !o.vacant.is_empty() {
                say(format!("  {}: {}", Msg::Vacant.text(lang), o.vacant.join(", ")))?;
            }
            Ok(())
        }
    }
}

/// Unpaid statements as a table: a header, amounts right-aligned so their
/// digits line up, and the totals under them.
fn print_arrears(rows: &[crate::db::statement::Arrear], lang: crate::i18n::Lang) -> Result<()> {
    use crate::cells::{column, column_right};
    const NAME: usize = 26;
    const MONEY: usize = 16;
    let line = |number: &str, company: &str, due: &str, billed: &str, owed: &str, days: &str, bucket: &str| {
        format!(
            "{}{}{}{}{}{}  {}",
            column(number, 14),
            column(company, NAME),
            column(due, 11),
            column_right(billed, MONEY),
            column_right(owed, MONEY),
            column_right(days, 10),
            bucket
        )
        .trim_end()
        .to_owned()
    };
    say(line(
        Msg::ColNumber.text(lang),
        Msg::ColBilledTo.text(lang),
        Msg::ColDue.text(lang),
        Msg::ColBilled.text(lang),
        Msg::ColOwed.text(lang),
        Msg::ColDaysOverdue.text(lang),
        Msg::ColAge.text(lang),
    ))?;
    let won = |w: crate::domain::Won| group(i128::from(w.0));
    let (mut billed, mut owed) = (0i128, 0i128);
    for r in rows {
        billed += i128::from(r.total.0);
        owed += i128::from(r.outstanding.0);
        say(line(
            &r.number,
            &r.name,
            &crate::domain::time::date_text(r.due_on),
            &won(r.total),
            &won(r.outstanding),
            &r.days_overdue.to_string(),
            &labels::bucket(r.bucket, lang),
        ))?;
    }
    let total = crate::i18n::fill(Msg::ArrearsTotal.text(lang), &[&rows.len()]);
    say(line(&total, "", "", &group(billed), &group(owed), "", ""))
}
