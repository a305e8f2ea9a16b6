//! `kiln room|lease …`: the centre's rooms and who rents them.

use clap::Subcommand;

use super::Env;
use super::output::{json, one, say, table};
use crate::db::lease::{self, Lease, LeaseFilter};
use crate::db::{Page, room};
use crate::domain::lease::LeaseInput;
use crate::domain::money::group;
use crate::domain::room::RoomInput;
use crate::domain::time::parse_date;
use crate::domain::{Field, ForField};
use crate::error::Result;
use crate::i18n::{Lang, labels};

#[derive(Debug, Subcommand)]
pub enum RoomCmd {
    /// Add a room of the centre building
    Add {
        #[arg(long)]
        code: String,
        #[arg(long, allow_hyphen_values = true)]
        floor: String,
        /// office | lab | pilot-plant | storage | classroom | shared
        #[arg(long)]
        kind: String,
        #[arg(long = "area-m2", allow_hyphen_values = true)]
        area_m2: String,
        /// Default monthly rent per m², won
        #[arg(long, allow_hyphen_values = true)]
        rent_per_m2: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List rooms with their tenant on a day
    List {
        /// The day [default: today]
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Retire a room: no new leases; history stays
    Retire {
        code: String,
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum LeaseCmd {
    /// Sign a lease: [from, to) — `to` is the first day after the lease
    Add {
        /// The company's 사업자등록번호
        #[arg(long)]
        company: String,
        #[arg(long)]
        room: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long, allow_hyphen_values = true)]
        rent: String,
        #[arg(long, allow_hyphen_values = true)]
        fee: String,
        #[arg(long, allow_hyphen_values = true)]
        deposit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List leases
    List {
        #[arg(long)]
        company: Option<String>,
        #[arg(long)]
        room: Option<String>,
        /// Only leases running on this day
        #[arg(long)]
        on: Option<String>,
        /// Only leases whose last day is within N days from today (60, 30 …)
        #[arg(long)]
        ending_within: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// End a lease early: from this day the room is free
    End {
        /// The lease code, e.g. L-0007
        code: String,
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub(super) fn print_lease(l: &Lease, lang: Lang) -> Result<()> {
    say(format!(
        "  {}  {}  {}  {}–{}  {} {}  {} {}{}",
        l.code,
        l.room,
        l.company_name,
        l.from,
        l.last_day,
        labels::field(Field::Rent, lang),
        group(i128::from(l.rent.0)),
        labels::field(Field::Fee, lang),
        group(i128::from(l.fee.0)),
        l.ended_on.as_ref().map_or_else(String::new, |_| format!("  ({})", l.end_reason.clone().unwrap_or_default())),
    ))
}

pub fn room(env: &Env, cmd: RoomCmd) -> Result<()> {
    let lang = env.lang;
    let today = env.clock.today();
    match cmd {
        RoomCmd::Add { code, floor, kind, area_m2, rent_per_m2, json: j } => {
            let mut store = env.open_existing()?;
            let input = RoomInput { code, floor, kind, area_m2, rent_per_m2 };
            let r = room::add(&mut store, &input)?;
            one(&r, j, || say(format!("{}  {}  {}", r.code, labels::room_kind(r.kind, lang), r.area)))
        }
        RoomCmd::List { on, json: j } => {
            let store = env.open_existing()?;
            let day = on.as_deref().map(|d| parse_date(d).field(Field::Date, d)).transpose()?.unwrap_or(today);
            let rooms = crate::report::occupancy::rooms_on(&store, day)?;
            if j {
                return json(&rooms);
            }
            let rows: Vec<Vec<String>> = rooms
                .iter()
                .map(|s| {
                    vec![
                        s.room.code.clone(),
                        s.room.floor.to_string(),
                        labels::room_kind(s.room.kind, lang).into(),
                        s.room.area.m2_text(),
                        s.room.area.pyeong_text(),
                        s.lease.as_ref().map_or_else(String::new, |l| l.company_name.clone()),
                        s.lease.as_ref().map_or_else(String::new, |l| l.last_day.to_string()),
                    ]
                })
                .collect();
            let h = |f: Field| labels::field(f, lang);
            table(
                &[h(Field::Room), h(Field::Floor), h(Field::Kind), "m²", "평", h(Field::Company), h(Field::To)],
                &rows,
            )
        }
        RoomCmd::Retire { code, on, json: j } => {
            let mut store = env.open_existing()?;
            let on = on.unwrap_or_else(|| crate::domain::time::date_text(today));
            let r = room::retire(&mut store, &code, &on)?;
            one(&r, j, || say(format!("{}  {}", r.code, r.retired_on.map(|d| d.to_string()).unwrap_or_default())))
        }
    }
}

pub fn lease_cmd(env: &Env, cmd: LeaseCmd) -> Result<()> {
    let lang = env.lang;
    let today = env.clock.today();
    match cmd {
        LeaseCmd::Add { company, room, from, to, rent, fee, deposit, json: j } => {
            let mut store = env.open_existing()?;
            let input = LeaseInput { company, room, from, to, rent, fee, deposit };
            let l = lease::add(&mut store, &input)?;
            one(&l, j, || print_lease(&l, lang))
        }
        LeaseCmd::List { company, room, on, ending_within, json: j } => {
            let store = env.open_existing()?;
            let active_on = on.as_deref().map(|d| parse_date(d).field(Field::Date, d)).transpose()?;
            let filter = LeaseFilter {
                company,
                room,
                active_on,
                ending_within: ending_within.map(|n| (today, n.clamp(0, 3650))),
            };
            let leases = lease::list(&store, &filter, Page::ALL_FOR_CLI)?;
            if j {
                return json(&leases);
            }
            for l in &leases {
                print_lease(l, lang)?;
            }
            Ok(())
        }
        LeaseCmd::End { code, on, reason, json: j } => {
            let mut store = env.open_existing()?;
            let on = on.unwrap_or_else(|| crate::domain::time::date_text(today));
            let l = lease::end(&mut store, &code, &on, reason.as_deref().unwrap_or_default())?;
            one(&l, j, || print_lease(&l, lang))
        }
    }
}
