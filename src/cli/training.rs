//! `kiln course|cohort|session|enrol|attend|qualification …`.

use clap::{Args, Subcommand};

use super::Env;
use super::output::{json, say, table};
use crate::db::training::qualification::{self, Qualification, QualificationFilter};
use crate::db::training::{self, Enrolment, SessionInput};
use crate::domain::training::{CohortInput, CourseInput};
use crate::domain::{EnrolmentStatus, Field as F};
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill, labels};

#[derive(Debug, Subcommand)]
pub enum CourseCmd {
    /// Add a course
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        title_en: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        hours: String,
        #[arg(long)]
        description: Option<String>,
        /// Months a qualification from this course lasts (0: none)
        #[arg(long, allow_hyphen_values = true)]
        validity_months: Option<String>,
        /// yes: excused absence counts as attended
        #[arg(long)]
        excused_counts: Option<String>,
        /// Machines it qualifies for: EQ-0002,EQ-0001
        #[arg(long)]
        equipment: Option<String>,
        /// Courses to complete first: KILN-100
        #[arg(long)]
        requires: Option<String>,
        /// The fee per enrolment in won (교육비), billed to the trainee's party when a seat is taken
        #[arg(long, allow_hyphen_values = true)]
        fee: Option<String>,
        /// exempt (면세, the default) or taxable (과세): training that does not meet the exemption's conditions
        #[arg(long)]
        fee_tax: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set a course's fee per enrolment; seats taken before keep theirs
    SetFee {
        code: String,
        #[arg(long, allow_hyphen_values = true)]
        fee: String,
        /// exempt (면세, the default) or taxable (과세)
        #[arg(long, default_value = "")]
        tax: String,
        #[arg(long)]
        json: bool,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Show {
        code: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CohortCmd {
    /// Add a cohort (기수) of a course
    Add {
        #[arg(long)]
        course: String,
        /// e.g. 2026-1
        #[arg(long)]
        code: String,
        #[arg(long, allow_hyphen_values = true)]
        capacity: String,
        /// Enrolment opens
        #[arg(long)]
        opens: String,
        /// Enrolment closes
        #[arg(long)]
        closes: String,
        #[arg(long)]
        json: bool,
    },
    List {
        #[arg(long)]
        course: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show a cohort (KILN-101/2026-1) with its roster and attendance
    Show {
        cohort: String,
        #[arg(long)]
        json: bool,
    },
    /// Change the capacity; raising it seats waiting people in order
    Capacity {
        cohort: String,
        #[arg(long, allow_hyphen_values = true)]
        set: String,
        #[arg(long)]
        json: bool,
    },
    /// Complete a cohort: ≥ 80 % attended completes, with a certificate and qualifications
    Complete {
        cohort: String,
        /// [default: today]
        #[arg(long)]
        on: Option<String>,
        /// Show who would pass, and change nothing
        #[arg(long)]
        preview: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SessionCmd {
    /// Add the next session of a cohort
    Add {
        #[arg(long)]
        cohort: String,
        #[arg(long)]
        date: String,
        /// 09:00
        #[arg(long)]
        start: String,
        /// 12:00
        #[arg(long)]
        end: String,
        #[arg(long)]
        room: Option<String>,
        #[arg(long)]
        instructor: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// `kiln enrol --cohort … --person …`, or `kiln enrol cancel|list …`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct EnrolCmd {
    #[command(subcommand)]
    pub action: Option<EnrolAction>,
    /// KILN-101/2026-1
    #[arg(long, required = true)]
    pub cohort: Option<String>,
    #[arg(long, required = true)]
    pub person: Option<String>,
    /// Enrol without the prerequisites, for this reason
    #[arg(long, value_name = "REASON")]
    pub r#override: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum EnrolAction {
    /// Cancel a place; the earliest waiting person is seated
    Cancel {
        #[arg(long)]
        cohort: String,
        #[arg(long)]
        person: String,
        #[arg(long)]
        json: bool,
    },
    /// List places, of a cohort or a person
    List {
        #[arg(long)]
        cohort: Option<String>,
        #[arg(long)]
        person: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AttendArgs {
    #[arg(long)]
    cohort: String,
    /// Session number
    #[arg(long, allow_hyphen_values = true)]
    session: String,
    #[arg(long)]
    person: String,
    /// present | late | absent | excused
    #[arg(long)]
    status: String,
}

#[derive(Debug, Subcommand)]
pub enum QualificationCmd {
    List {
        #[arg(long)]
        person: Option<String>,
        #[arg(long)]
        equipment: Option<String>,
        /// Only those ending within N days
        #[arg(long)]
        expiring_within: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Grant a qualification by hand, with a reason
    Grant {
        #[arg(long)]
        person: String,
        #[arg(long)]
        course: String,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Revoke a qualification; the row and reason are kept
    Revoke {
        id: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Bookings whose person is no longer qualified (revoked or expired since)
    Flagged {
        #[arg(long)]
        json: bool,
    },
}

fn status_text(e: &Enrolment, lang: Lang) -> String {
    let mut s = labels::enrolment_status(e.status, lang).to_owned();
    if let Some(p) = e.position {
        s = fill(Msg::WaitlistPosition.text(lang), &[&p]);
    }
    if let Some(at) = &e.promoted_at {
        s = format!("{s} · {}", fill(Msg::PromotedNotice.text(lang), &[&at]));
    }
    s
}

fn print_enrolment(e: &Enrolment, lang: Lang) -> Result<()> {
    say(format!("{}  {} {}  {}", e.cohort, e.person, e.person_name, status_text(e, lang)))
}

fn print_qualification(q: &Qualification, lang: Lang) -> Result<()> {
    let revoked = q.revoked_at.as_ref().map_or_else(String::new, |_| format!("  ({})", Msg::Revoked.text(lang)));
    say(format!(
        "#{}  {} {}  {}  {}–{}  {}{revoked}",
        q.id, q.person, q.person_name, q.course, q.valid_from, q.valid_until, q.origin
    ))
}

pub fn course_cmd(env: &Env, cmd: CourseCmd) -> Result<()> {
    match cmd {
        CourseCmd::Add {
            code,
            title,
            title_en,
            hours,
            description,
            validity_months,
            excused_counts,
            equipment,
            requires,
            fee,
            fee_tax,
            json: j,
        } => {
            let mut store = env.open_existing()?;
            let input = CourseInput {
                code,
                title,
                title_en: title_en.unwrap_or_default(),
                hours,
                description: description.unwrap_or_default(),
                validity_months: validity_months.unwrap_or_default(),
                excused_counts: excused_counts.unwrap_or_default(),
                equipment: equipment.unwrap_or_default(),
                prerequisites: requires.unwrap_or_default(),
                fee: fee.unwrap_or_default(),
                fee_tax: fee_tax.unwrap_or_default(),
            };
            let c = training::add_course(&mut store, &input)?;
            if j { json(&c) } else { say(format!("{}  {}", c.code, c.title)) }
        }
        CourseCmd::SetFee { code, fee, tax, json: j } => {
            let mut store = env.open_existing()?;
            let c = training::set_course_fee(&mut store, &code, &fee, &tax)?;
            if j {
                return json(&c);
            }
            let tax = labels::tax(c.fee_tax, env.lang);
            say(format!("{}  {}  {} ({tax})", c.code, c.title, labels::money(c.fee, env.lang)))
        }
        CourseCmd::List { json: j } => {
            let store = env.open_existing()?;
            let list = training::courses(&store)?;
            if j {
                return json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|c| {
                    vec![
                        c.code.clone(),
                        c.title.clone(),
                        c.hours.to_string(),
                        c.validity_months.to_string(),
                        c.equipment.join(","),
                        if c.fee.0 > 0 {
                            format!("{} ({})", labels::money(c.fee, env.lang), labels::tax(c.fee_tax, env.lang))
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect();
            let h = |f| labels::field(f, env.lang);
            let heads =
                [h(F::Course), h(F::Title), h(F::CourseHours), h(F::Validity), h(F::Equipment), h(F::CourseFee)];
            table(&heads, &rows)
        }
        CourseCmd::Show { code, json: j } => {
            let store = env.open_existing()?;
            let c = training::course(&store, &code)?;
            if j { json(&c) } else { say(format!("{}  {}  {}h  {}", c.code, c.title, c.hours, c.equipment.join(","))) }
        }
    }
}

pub fn cohort_cmd(env: &Env, cmd: CohortCmd) -> Result<()> {
    let lang = env.lang;
    let mut store = env.open_existing()?;
    match cmd {
        CohortCmd::Add { course, code, capacity, opens, closes, json: j } => {
            let h = training::add_cohort(&mut store, &CohortInput { course, code, capacity, opens, closes })?;
            if j { json(&h) } else { say(h.reference()) }
        }
        CohortCmd::List { course, json: j } => {
            let list = training::cohorts(&store, course.as_deref())?;
            if j {
                return json(&list);
            }
            for h in &list {
                say(format!(
                    "{}  {}  {}/{} +{}  {}–{}",
                    h.reference(),
                    h.course_title,
                    h.enrolled,
                    h.capacity,
                    h.waitlisted,
                    h.opens_on,
                    h.closes_on
                ))?;
            }
            Ok(())
        }
        CohortCmd::Show { cohort, json: j } => {
            let h = training::cohort(&store, &cohort)?;
            let roster = training::enrolments(&store, Some(&cohort), None)?;
            let grid = training::grid(&store, &cohort)?;
            if j {
                return json(&serde_json::json!({ "cohort": h, "enrolments": roster, "attendance": grid }));
            }
            say(format!("{}  {}  {}/{}", h.reference(), h.course_title, h.enrolled, h.capacity))?;
            for e in &roster {
                print_enrolment(e, lang)?;
            }
            Ok(())
        }
        CohortCmd::Capacity { cohort, set, json: j } => {
            let (h, promoted) = training::set_capacity(&mut store, &cohort, &set)?;
            if j {
                return json(&serde_json::json!({ "cohort": h, "promoted": promoted }));
            }
            say(format!("{}  {}/{}", h.reference(), h.enrolled, h.capacity))?;
            for e in &promoted {
                print_enrolment(e, lang)?;
            }
            Ok(())
        }
        CohortCmd::Complete { cohort, on, preview, json: j } => {
            if preview {
                let lines = training::preview(&store, &cohort)?;
                if j {
                    return json(&lines);
                }
                for l in &lines {
                    let pct = if l.total_minutes > 0 { l.attended_minutes * 1000 / l.total_minutes } else { 0 };
                    let mark = if l.passes { "✔" } else { "✖" };
                    say(format!("{mark} {} {}  {}.{} %", l.person, l.person_name, pct / 10, pct % 10))?;
                }
                return Ok(());
            }
            let on = on.unwrap_or_else(|| crate::domain::time::date_text(env.clock.today()));
            let done = training::complete(&mut store, &cohort, &on)?;
            if j {
                return json(&done);
            }
            for e in &done {
                say(format!(
                    "{}  {} {}  {}",
                    e.status,
                    e.person,
                    e.person_name,
                    e.certificate.clone().unwrap_or_default()
                ))?;
            }
            Ok(())
        }
    }
}

pub fn session_cmd(env: &Env, cmd: SessionCmd) -> Result<()> {
    let mut store = env.open_existing()?;
    match cmd {
        SessionCmd::Add { cohort, date, start, end, room, instructor, json: j } => {
            let input = SessionInput {
                cohort,
                date,
                start,
                end,
                room: room.unwrap_or_default(),
                instructor: instructor.unwrap_or_default(),
            };
            let s = training::add_session(&mut store, &input)?;
            if j { json(&s) } else { say(format!("#{}  {}–{}", s.number, s.start, s.end)) }
        }
    }
}

pub fn enrol_cmd(env: &Env, cmd: EnrolCmd) -> Result<()> {
    let lang = env.lang;
    let mut store = env.open_existing()?;
    match cmd.action {
        None => {
            let (cohort, person) = (cmd.cohort.unwrap_or_default(), cmd.person.unwrap_or_default());
            let e = training::enrol(&mut store, &cohort, &person, cmd.r#override.as_deref())?;
            if cmd.json { json(&e) } else { print_enrolment(&e, lang) }
        }
        Some(EnrolAction::Cancel { cohort, person, json: j }) => {
            let (cancelled, promoted) = training::cancel(&mut store, &cohort, &person)?;
            if j {
                return json(&serde_json::json!({ "cancelled": cancelled, "promoted": promoted }));
            }
            print_enrolment(&cancelled, lang)?;
            for e in &promoted {
                print_enrolment(e, lang)?;
            }
            Ok(())
        }
        Some(EnrolAction::List { cohort, person, json: j }) => {
            let list = training::enrolments(&store, cohort.as_deref(), person.as_deref())?;
            if j {
                return json(&list);
            }
            for e in list.iter().filter(|e| e.status != EnrolmentStatus::Cancelled || person.is_some()) {
                print_enrolment(e, lang)?;
            }
            Ok(())
        }
    }
}

pub fn attend(env: &Env, a: &AttendArgs) -> Result<()> {
    let mut store = env.open_existing()?;
    training::attend(&mut store, &a.cohort, &a.session, &a.person, &a.status)?;
    say(format!("{} #{} {} {}", a.cohort, a.session, a.person, a.status))
}

pub fn qualification_cmd(env: &Env, cmd: QualificationCmd) -> Result<()> {
    let lang = env.lang;
    let mut store = env.open_existing()?;
    match cmd {
        QualificationCmd::List { person, equipment, expiring_within, json: j } => {
            let today = env.clock.today();
            let filter =
                QualificationFilter { person, equipment, expiring: expiring_within.map(|d| (today, d.clamp(0, 3650))) };
            let list = qualification::list(&store, &filter)?;
            if j {
                return json(&list);
            }
            for q in &list {
                print_qualification(q, lang)?;
            }
            Ok(())
        }
        QualificationCmd::Grant { person, course, from, reason, json: j } => {
            let q = qualification::grant(&mut store, &person, &course, from.as_deref(), &reason)?;
            if j { json(&q) } else { print_qualification(&q, lang) }
        }
        QualificationCmd::Revoke { id, reason, json: j } => {
            let q = qualification::revoke(&mut store, &id, &reason)?;
            if j { json(&q) } else { print_qualification(&q, lang) }
        }
        QualificationCmd::Flagged { json: j } => {
            let list = qualification::unqualified_bookings(&store)?;
            if j {
                return json(&list);
            }
            for b in &list {
                say(format!("#{}  {}  {}  {}", b.id, b.equipment, b.span(), b.who()))?;
            }
            Ok(())
        }
    }
}
