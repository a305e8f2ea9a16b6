//! `kiln equipment|downtime|quota|holidays|closed-day …` (bookings: booking.rs).

use clap::{Args, Subcommand};

use super::Env;
use super::booking::print_booking;
use super::output::{json, one, say, table};
use crate::db::booking;
use crate::db::downtime::{self, DowntimeInput, OnClash};
use crate::db::equipment::{self, Equipment};
use crate::db::{Page, calendar, quota};
use crate::domain::equipment::EquipmentInput;
use crate::domain::money::group;
use crate::domain::period::shown;
use crate::domain::person::given;
use crate::domain::{Field, ForField};
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill, labels};

/// The fields of a machine, for `add` and `edit`.
#[derive(Debug, Args)]
pub struct EquipmentFields {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    model: Option<String>,
    /// analysis | processing | testing
    #[arg(long)]
    category: Option<String>,
    /// Room code
    #[arg(long)]
    room: Option<String>,
    /// The operator (OS account) who manages it
    #[arg(long)]
    manager: Option<String>,
    /// hour | sample
    #[arg(long)]
    billing_unit: Option<String>,
    /// Won per hour or sample for tenant companies
    #[arg(long, allow_hyphen_values = true)]
    tenant_rate: Option<String>,
    /// Won per hour or sample for everyone else
    #[arg(long, allow_hyphen_values = true)]
    external_rate: Option<String>,
    /// Booking grid in minutes: 5 10 15 20 30 60 120 240
    #[arg(long, allow_hyphen_values = true)]
    slot: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    min_minutes: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    max_minutes: Option<String>,
    /// Minutes of notice a booking needs
    #[arg(long, allow_hyphen_values = true)]
    notice: Option<String>,
    /// Days ahead bookings open
    #[arg(long, allow_hyphen_values = true)]
    horizon: Option<String>,
    /// Minutes kept free between bookings
    #[arg(long, allow_hyphen_values = true)]
    buffer: Option<String>,
    /// e.g. "mon-fri 09:00-18:00, sat 09:00-13:00" or "always"
    #[arg(long)]
    hours: Option<String>,
    /// yes | no
    #[arg(long)]
    holidays: Option<String>,
    /// yes | no
    #[arg(long)]
    approval: Option<String>,
}

impl EquipmentFields {
    /// The typed fields; a sum or a count given empty is refused here, as
    /// the input reads empty as "the default" (a form's untouched field).
    fn input(self, code: String) -> Result<EquipmentInput> {
        let s = |o: Option<String>| o.unwrap_or_default();
        let n = |o: Option<String>, f: Field| given(o, f).map(Option::unwrap_or_default);
        Ok(EquipmentInput {
            code,
            name: s(self.name),
            model: s(self.model),
            category: s(self.category),
            room: s(self.room),
            manager: s(self.manager),
            billing_unit: s(self.billing_unit),
            tenant_rate: n(self.tenant_rate, Field::TenantRate)?,
            external_rate: n(self.external_rate, Field::ExternalRate)?,
            slot_minutes: n(self.slot, Field::Slot)?,
            min_minutes: n(self.min_minutes, Field::MinLength)?,
            max_minutes: n(self.max_minutes, Field::MaxLength)?,
            notice_minutes: n(self.notice, Field::Notice)?,
            horizon_days: n(self.horizon, Field::Horizon)?,
            buffer_minutes: n(self.buffer, Field::Buffer)?,
            hours: s(self.hours),
            holidays_bookable: s(self.holidays),
            needs_approval: s(self.approval),
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum EquipmentCmd {
    /// Register a machine
    Add {
        #[arg(long)]
        code: String,
        #[command(flatten)]
        fields: EquipmentFields,
        #[arg(long)]
        json: bool,
    },
    /// List machines
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show one machine and its rules
    Show {
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a machine's details or booking rules
    Edit {
        code: String,
        #[command(flatten)]
        fields: EquipmentFields,
        #[arg(long)]
        json: bool,
    },
    /// Retire a machine: no new bookings
    Retire {
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// Show, or with --number set (or --clear), the machine's NFEC registration number printed on statements
    Nfec {
        code: String,
        #[arg(long, conflicts_with = "clear")]
        number: Option<String>,
        #[arg(long)]
        clear: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show, or with --rate set, the machine's operator rate per hour of staff time (기술료)
    OperatorRate {
        code: String,
        #[arg(long, allow_hyphen_values = true)]
        rate: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DowntimeCmd {
    /// Take a machine out of service; lists the bookings it overlaps
    Add {
        #[arg(long)]
        equipment: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// maintenance | calibration | fault
        #[arg(long)]
        reason: String,
        #[arg(long)]
        note: Option<String>,
        /// Cancel the overlapping bookings, recording this reason; without
        /// it the downtime waits until they are moved
        #[arg(long, value_name = "REASON")]
        cancel_bookings: Option<String>,
        #[arg(long)]
        json: bool,
    },
    List {
        #[arg(long)]
        equipment: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The machine is back: end the downtime (default now)
    End {
        id: String,
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum QuotaCmd {
    /// Set a company's monthly hours on a machine (empty --hours removes it)
    Set {
        #[arg(long)]
        company: String,
        #[arg(long)]
        equipment: String,
        #[arg(long, allow_hyphen_values = true)]
        hours: String,
        #[arg(long)]
        json: bool,
    },
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ClosedDayCmd {
    /// Close the centre on a day (admins)
    Add {
        #[arg(long)]
        date: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        json: bool,
    },
    List {
        #[arg(long)]
        json: bool,
    },
}

fn print_equipment(e: &Equipment, lang: Lang) -> Result<()> {
    say(format!(
        "{}  {}  {}  {} {}/{}  {}",
        e.code,
        e.name,
        labels::category(e.category, lang),
        group(i128::from(e.tenant_rate.0)),
        group(i128::from(e.external_rate.0)),
        labels::billing_unit(e.billing_unit, lang),
        e.rules.hours
    ))
}

pub fn equipment_cmd(env: &Env, cmd: EquipmentCmd) -> Result<()> {
    let lang = env.lang;
    match cmd {
        EquipmentCmd::Add { code, fields, json: j } => {
            let mut store = env.open_existing()?;
            let e = equipment::add(&mut store, &fields.input(code)?)?;
            one(&e, j, || print_equipment(&e, lang))
        }
        EquipmentCmd::List { json: j } => {
            let store = env.open_existing()?;
            let list = equipment::list(&store, Page::ALL_FOR_CLI)?;
            if j {
                return json(&list);
            }
            for e in &list {
                print_equipment(e, lang)?;
            }
            Ok(())
        }
        EquipmentCmd::Show { code, json: j } => {
            let store = env.open_existing()?;
            let e = equipment::show(&store, &code)?;
            one(&e, j, || print_equipment(&e, lang))
        }
        EquipmentCmd::Edit { code, fields, json: j } => {
            let mut store = env.open_existing()?;
            let e = equipment::edit(&mut store, &code, &fields.input(code.clone())?)?;
            one(&e, j, || print_equipment(&e, lang))
        }
        EquipmentCmd::Nfec { code, number, clear, json: j } => {
            let mut store = env.open_existing()?;
            let nfec = match (number, clear) {
                (Some(n), _) => equipment::set_nfec(&mut store, &code, &n)?,
                (None, true) => equipment::set_nfec(&mut store, &code, "")?,
                (None, false) => equipment::nfec(&store, &code)?,
            };
            let value = serde_json::json!({ "equipment": code.trim().to_ascii_uppercase(), "nfec": nfec });
            one(&value, j, || {
                let none = lang.pick("(등록 안 됨)", "(not registered)");
                super::output::say(format!(
                    "{}  NFEC {}",
                    code.trim().to_ascii_uppercase(),
                    nfec.as_deref().unwrap_or(none)
                ))
            })
        }
        EquipmentCmd::OperatorRate { code, rate, json: j } => {
            let mut store = env.open_existing()?;
            let rate = match rate {
                Some(r) => crate::db::consumable::set_operator_rate(&mut store, &code, &r)?,
                None => crate::db::consumable::operator_rate(&store, &code)?,
            };
            let value = serde_json::json!({ "equipment": code.trim().to_ascii_uppercase(), "operator_rate": rate });
            one(&value, j, || {
                super::output::say(format!(
                    "{}  {}  {rate}",
                    code.trim().to_ascii_uppercase(),
                    lang.pick("기술료(시간당)", "operator rate per hour")
                ))
            })
        }
        EquipmentCmd::Retire { code, json: j } => {
            let mut store = env.open_existing()?;
            let e = equipment::retire(&mut store, &code)?;
            one(&e, j, || print_equipment(&e, lang))
        }
    }
}

pub fn downtime_cmd(env: &Env, cmd: DowntimeCmd) -> Result<()> {
    let lang = env.lang;
    let mut store = env.open_existing()?;
    match cmd {
        DowntimeCmd::Add { equipment, from, to, reason, note, cancel_bookings, json: j } => {
            let input = DowntimeInput { equipment, from, to, reason, note: note.unwrap_or_default() };
            let on_clash = cancel_bookings.map_or(OnClash::Hold, |reason| OnClash::Cancel { reason });
            let out = downtime::add(&mut store, &input, &on_clash)?;
            if j {
                let ids: Vec<i64> = out.affected_bookings.iter().map(|b| b.id).collect();
                return json(&serde_json::json!({
                    "id": out.downtime.id,
                    "state": out.downtime.state,
                    "downtime": out.downtime,
                    "affected_bookings": ids,
                }));
            }
            let d = &out.downtime;
            say(format!(
                "#{}  {}  {}  {}  {}",
                d.id,
                d.equipment,
                shown(d.start, d.end),
                labels::downtime_reason(d.reason, lang),
                labels::downtime_state(&d.state, lang)
            ))?;
            for b in &out.affected_bookings {
                print_booking(b, lang)?;
            }
            Ok(())
        }
        DowntimeCmd::List { equipment, json: j } => {
            let list = downtime::list(&store, equipment.as_deref(), Page::ALL_FOR_CLI)?;
            if j {
                return json(&list);
            }
            for d in &list {
                say(format!(
                    "#{}  {}  {}  {}  {}",
                    d.id,
                    d.equipment,
                    shown(d.start, d.end),
                    labels::downtime_reason(d.reason, lang),
                    labels::downtime_state(&d.state, lang)
                ))?;
                for id in &d.waiting_for {
                    let b = booking::show(&store, &id.to_string())?;
                    let waits = fill(Msg::WaitsFor.text(lang), &[&format!("#{id}")]);
                    say(format!("    ⏳ {waits}: {}  {}", b.span(), b.who()))?;
                }
            }
            Ok(())
        }
        DowntimeCmd::End { id, at, json: j } => {
            let d = downtime::end(&mut store, &id, at.as_deref())?;
            one(&d, j, || {
                say(format!(
                    "#{}  {}  {}  {}",
                    d.id,
                    d.equipment,
                    shown(d.start, d.end),
                    labels::downtime_state(&d.state, lang)
                ))
            })
        }
    }
}

pub fn quota_cmd(env: &Env, cmd: QuotaCmd) -> Result<()> {
    let mut store = env.open_existing()?;
    match cmd {
        QuotaCmd::Set { company, equipment, hours, json: j } => {
            let q = quota::set(&mut store, &company, &equipment, &hours)?;
            one(&q, j, || {
                say(q
                    .as_ref()
                    .map_or_else(String::new, |q| format!("{} {} {}h", q.company_name, q.equipment, q.hours_per_month)))
            })
        }
        QuotaCmd::List { json: j } => {
            let list = quota::list(&store)?;
            if j {
                return json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|q| vec![q.company_name.clone(), q.equipment.clone(), q.hours_per_month.to_string()])
                .collect();
            table(
                &[
                    labels::field(Field::Company, env.lang),
                    labels::field(Field::Equipment, env.lang),
                    labels::field(Field::Quota, env.lang),
                ],
                &rows,
            )
        }
    }
}

pub fn holidays(env: &Env, year: Option<i32>, as_json: bool) -> Result<()> {
    let store = env.open_existing()?;
    let year = year.unwrap_or_else(|| chrono::Datelike::year(&env.clock.today()));
    let year = crate::domain::holidays::year(year).field(Field::Year, &year.to_string())?;
    let days = calendar::year(&store, year)?;
    if as_json {
        return json(&days);
    }
    for d in &days {
        let name = match env.lang {
            Lang::En => calendar::english_name(d.date).filter(|_| d.kind != "closed").unwrap_or(&d.name),
            Lang::Ko => &d.name,
        };
        say(format!("{}  {name}", labels::date_with_weekday(d.date, env.lang)))?;
    }
    Ok(())
}

pub fn closed_day_cmd(env: &Env, cmd: ClosedDayCmd) -> Result<()> {
    let mut store = env.open_existing()?;
    match cmd {
        ClosedDayCmd::Add { date, name, json: j } => {
            let d = calendar::add_closed_day(&mut store, &date, &name)?;
            one(&d, j, || say(format!("{}  {}", d.date, d.name)))
        }
        ClosedDayCmd::List { json: j } => {
            let list = calendar::closed_days(&store)?;
            if j {
                return json(&list);
            }
            for d in &list {
                say(format!("{}  {}", d.date, d.name))?;
            }
            Ok(())
        }
    }
}
