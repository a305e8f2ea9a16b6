//! `kiln booking add|list|show|approve|reject|cancel|check-in|check-out|correct|no-show`.

use clap::Subcommand;

use super::Env;
use super::output::{json, one, say};
use crate::db::Page;
use crate::db::booking::{self, Booking, BookingFilter, BookingInput};
use crate::domain::booking::BookingState;
use crate::domain::person::given;
use crate::domain::{Field, ForField, Invalid, Minute, Problem};
use crate::error::Result;
use crate::i18n::errors::refusal;
use crate::i18n::{Lang, labels};

#[derive(Debug, Subcommand)]
pub enum BookingCmd {
    /// Book a machine; a clash exits 1 naming it and the nearest free slot
    Add {
        #[arg(long)]
        equipment: String,
        #[arg(long)]
        person: String,
        /// The company billed [default: the person's]
        #[arg(long)]
        company: Option<String>,
        /// The billing party (BP-0007 or a BRN) [default: the company, else the project's, else the person's own]
        #[arg(long)]
        party: Option<String>,
        /// The project (과제) that pays, one of the party's (PJ-0001)
        #[arg(long, conflicts_with = "walk_in")]
        project: Option<String>,
        /// "2026-12-01 09:00"
        #[arg(long, required_unless_present = "walk_in", conflicts_with = "walk_in")]
        from: Option<String>,
        /// The end [with --walk-in, default: the machine's shortest booking]
        #[arg(long, required_unless_present = "walk_in")]
        to: Option<String>,
        /// Someone is at the machine: book from now, without the notice, and check in at once
        #[arg(long, requires = "reason")]
        walk_in: bool,
        /// Why a walk-in (kept in the booking's note)
        #[arg(long, requires = "walk_in")]
        reason: Option<String>,
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        samples: Option<String>,
        /// Repeat weekly, this many weeks in all
        #[arg(long, allow_hyphen_values = true)]
        weeks: Option<String>,
        /// In a series, book the free weeks and skip the clashing ones
        #[arg(long)]
        book_free: bool,
        /// Book beyond the company's monthly quota, for this reason
        #[arg(long, value_name = "REASON")]
        override_quota: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List bookings
    List {
        #[arg(long)]
        equipment: Option<String>,
        #[arg(long)]
        person: Option<String>,
        #[arg(long)]
        company: Option<String>,
        /// requested | approved | in-use | completed | rejected | cancelled | no-show
        #[arg(long)]
        state: Option<String>,
        /// Bookings ending after this moment
        #[arg(long)]
        from: Option<String>,
        /// Bookings starting before this moment
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one booking
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    Approve {
        id: String,
        #[arg(long)]
        json: bool,
    },
    Reject {
        id: String,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Cancel {
        id: String,
        #[arg(long)]
        reason: Option<String>,
        /// No charge, whatever the notice: the centre's reason (a fault, a staff error), given with --reason
        #[arg(long, requires = "reason")]
        free: bool,
        #[arg(long)]
        json: bool,
    },
    /// Take back a no-show (the person came after the grace): approved again, its charge dropped
    RevertNoShow {
        id: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Start use (default now)
    CheckIn {
        id: String,
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// End use (default now) and price it
    CheckOut {
        id: String,
        #[arg(long)]
        at: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        samples: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record a consumable the use took (in use or completed); a completed booking is priced again
    Consume {
        id: String,
        /// The consumable's code (`kiln consumable list`)
        #[arg(long)]
        item: String,
        #[arg(long, allow_hyphen_values = true)]
        quantity: String,
        #[arg(long)]
        json: bool,
    },
    /// Record the minutes of a use the centre's staff assisted, charged at the machine's operator rate
    Assist {
        id: String,
        #[arg(long, allow_hyphen_values = true)]
        minutes: String,
        #[arg(long)]
        json: bool,
    },
    /// Correct the recorded times of use (admins), with a reason; completed use is priced again at its recorded rate
    Correct {
        id: String,
        /// When use really began
        #[arg(long)]
        from: Option<String>,
        /// When use really ended (completed use only)
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Mark one booking, or with --grace every late approved booking, as a no-show
    NoShow {
        id: Option<String>,
        /// Minutes after the start before an unclaimed booking is a no-show
        #[arg(long)]
        grace: Option<u32>,
        #[arg(long)]
        json: bool,
    },
}

/// A series as JSON: each skipped occurrence keeps a stable English
/// `reason`, whatever the reader's language, for scripts that match on it.
fn booked_json(out: &booking::Booked) -> serde_json::Value {
    let skipped: Vec<serde_json::Value> = out
        .skipped
        .iter()
        .map(|s| serde_json::json!({ "start": s.period.start(), "end": s.period.end(), "reason": refusal(&s.refusal, Lang::En) }))
        .collect();
    serde_json::json!({ "booked": out.booked, "skipped": skipped })
}

pub(super) fn print_booking(b: &Booking, lang: Lang) -> Result<()> {
    let charge = match (b.charge, b.penalty) {
        (Some(c), _) => format!("  {}", labels::money(c, lang)),
        // What a late cancellation or a no-show is charged, and why.
        (None, Some(p)) => {
            let why = if b.state == crate::domain::booking::BookingState::NoShow {
                lang.pick("노쇼 요금", "no-show charge")
            } else {
                lang.pick("늦은 취소 요금", "late cancellation charge")
            };
            format!("  {why} {}", labels::money(p, lang))
        }
        (None, None) => String::new(),
    };
    let overran = b.overran.map_or_else(String::new, |n| {
        format!("  ⚠ {}", crate::i18n::fill(lang.pick("#{0} 예약 시간까지 초과 사용", "overran into #{0}"), &[&n]))
    });
    say(format!(
        "#{}  {}  {}  {}  {}  {}{charge}{overran}",
        b.id,
        b.equipment,
        b.span(),
        labels::booking_state(b.state, lang),
        b.who(),
        b.purpose
    ))
}

fn moment(raw: Option<String>, field: Field) -> Result<Option<Minute>> {
    raw.map(|s| Minute::parse(&s).field(field, &s).map_err(Into::into)).transpose()
}

pub fn booking_cmd(env: &Env, cmd: BookingCmd) -> Result<()> {
    let lang = env.lang;
    let mut store = env.open_existing()?;
    let show = |b: &Booking, j: bool| one(b, j, || print_booking(b, lang));
    match cmd {
        BookingCmd::Add {
            equipment,
            person,
            company,
            party,
            project,
            from,
            to,
            purpose,
            samples,
            weeks,
            book_free,
            override_quota,
            walk_in,
            reason,
            json: j,
        } => {
            if walk_in {
                let input = BookingInput {
                    equipment,
                    person,
                    company: company.unwrap_or_default(),
                    party: party.unwrap_or_default(),
                    to: to.unwrap_or_default(),
                    purpose: purpose.unwrap_or_default(),
                    samples: samples.unwrap_or_default(),
                    override_quota,
                    ..BookingInput::default()
                };
                let b = booking::walk_in(&mut store, &input, reason.as_deref().unwrap_or_default())?;
                return show(&b, j);
            }
            let single = weeks.as_deref().is_none_or(|w| w.trim() == "1");
            let input = BookingInput {
                equipment,
                person,
                company: company.unwrap_or_default(),
                party: party.unwrap_or_default(),
                project: project.unwrap_or_default(),
                from: from.unwrap_or_default(),
                to: to.unwrap_or_default(),
                purpose: purpose.unwrap_or_default(),
                samples: given(samples, Field::Samples)?.unwrap_or_default(),
                weeks: given(weeks, Field::Weeks)?.unwrap_or_default(),
                book_free,
                override_quota,
            };
            let out = booking::add(&mut store, &input)?;
            match (single, out.booked.first()) {
                (true, Some(b)) => show(b, j),
                _ if j => json(&booked_json(&out)),
                _ => {
                    for b in &out.booked {
                        print_booking(b, lang)?;
                    }
                    for s in &out.skipped {
                        say(format!("  ✖ {}  {}", s.period.text(), refusal(&s.refusal, lang)))?;
                    }
                    Ok(())
                }
            }
        }
        BookingCmd::List { equipment, person, company, state, from, to, json: j } => {
            let state = state
                .map(|s| {
                    BookingState::parse(&s).ok_or_else(|| {
                        Invalid::new(
                            Field::Status,
                            s,
                            Problem::OneOf {
                                accepted: &[
                                    "requested",
                                    "approved",
                                    "in-use",
                                    "completed",
                                    "rejected",
                                    "cancelled",
                                    "no-show",
                                ],
                            },
                        )
                    })
                })
                .transpose()?;
            let filter = BookingFilter {
                equipment,
                person,
                company,
                state,
                from: moment(from, Field::From)?,
                to: moment(to, Field::To)?,
            };
            let list = booking::list(&store, &filter, Page::ALL_FOR_CLI)?;
            if j {
                return json(&list);
            }
            for b in &list {
                print_booking(b, lang)?;
            }
            Ok(())
        }
        BookingCmd::Show { id, json: j } => show(&booking::show(&store, &id)?, j),
        BookingCmd::Approve { id, json: j } => show(&booking::approve(&mut store, &id)?, j),
        BookingCmd::Reject { id, reason, json: j } => {
            show(&booking::reject(&mut store, &id, reason.as_deref().unwrap_or_default())?, j)
        }
        BookingCmd::Cancel { id, reason, free, json: j } => {
            let why = reason.as_deref().unwrap_or_default();
            let b =
                if free { booking::cancel_free(&mut store, &id, why)? } else { booking::cancel(&mut store, &id, why)? };
            show(&b, j)
        }
        BookingCmd::RevertNoShow { id, reason, json: j } => {
            show(&booking::revert_no_show(&mut store, &id, &reason)?, j)
        }
        BookingCmd::CheckIn { id, at, json: j } => show(&booking::check_in(&mut store, &id, at.as_deref())?, j),
        BookingCmd::CheckOut { id, at, samples, json: j } => {
            let samples = given(samples, Field::Samples)?;
            show(&booking::check_out(&mut store, &id, at.as_deref(), samples.as_deref())?, j)
        }
        BookingCmd::Assist { id, minutes, json: j } => {
            show(&crate::db::consumable::assist(&mut store, &id, &minutes)?, j)
        }
        BookingCmd::Consume { id, item, quantity, json: j } => {
            show(&crate::db::consumable::consume(&mut store, &id, &item, &quantity)?, j)
        }
        BookingCmd::Correct { id, from, to, reason, json: j } => {
            show(&booking::correct(&mut store, &id, from.as_deref(), to.as_deref(), &reason)?, j)
        }
        BookingCmd::NoShow { id: Some(id), json: j, .. } => show(&booking::no_show(&mut store, &id)?, j),
        BookingCmd::NoShow { id: None, grace, json: j } => {
            let marked = booking::mark_no_shows(&mut store, grace.unwrap_or(30))?;
            if j {
                return json(&marked);
            }
            for b in &marked {
                print_booking(b, lang)?;
            }
            Ok(())
        }
    }
}
