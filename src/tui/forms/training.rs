//! The forms of the training screen: a new cohort, a session, enrolment,
//! cancelling a place (which seats the first in line), completing a cohort
//! (with who passes shown first), revoking a qualification.

use chrono::NaiveDate;

use super::{label, text};
use crate::db::Store;
use crate::db::training::qualification::{self, Qualification};
use crate::db::training::{self, Enrolment, SessionInput};
use crate::domain::statement::Tax;
use crate::domain::time::date_text;
use crate::domain::training::CohortInput;
use crate::domain::{EnrolmentStatus, Field, Won};
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill, labels};
use crate::tui::app::Tone;
use crate::tui::form::{Form, FormField, TrainingForm};

pub fn new_cohort(store: &Store, today: NaiveDate, lang: Lang) -> Result<Form> {
    let courses: Vec<(String, String)> =
        training::courses(store)?.into_iter().map(|c| (c.code.clone(), format!("{} {}", c.code, c.title))).collect();
    let first = courses.first().map(|c| c.0.clone()).unwrap_or_default();
    let fields = vec![
        FormField::choice(Field::Course, &label(Field::Course, lang), &first, courses),
        text(Field::Cohort, "", "2026-2", lang),
        text(Field::Capacity, "12", "12", lang),
        text(Field::From, &date_text(today), "2026-12-01", lang),
        text(Field::To, &date_text(today + chrono::Duration::days(30)), "2026-12-31", lang),
    ];
    let mut form = Form::new(TrainingForm::NewCohort, Msg::FormNewCohort.text(lang).into(), fields);
    form.focus = 1;
    Ok(form)
}

pub fn session_form(store: &Store, cohort: &str, today: NaiveDate, lang: Lang) -> Result<Form> {
    let h = training::cohort(store, cohort)?;
    let fields = vec![
        text(Field::Date, &date_text(today), "2026-12-01", lang),
        text(Field::From, "09:00", "09:00", lang),
        text(Field::To, "12:00", "12:00", lang),
        text(Field::Room, "", "313", lang),
        text(Field::Instructor, "", "", lang),
    ];
    let title = format!("{} · {}", Msg::FormNewSession.text(lang), h.reference());
    Ok(Form::new(TrainingForm::NewSession { cohort: h.reference() }, title, fields))
}

/// The enrolment form; on a paid course its note says what a seat costs.
pub fn enrol_form(cohort: &str, fee: Option<(Won, Tax)>, lang: Lang) -> Form {
    let fields =
        vec![text(Field::Person, "", "P-0001", lang), text(Field::Reason, "", Msg::FormOverrideHint.text(lang), lang)];
    let mut form = Form::new(
        TrainingForm::Enrol { cohort: cohort.to_owned() },
        format!("{} · {cohort}", Msg::FormEnrol.text(lang)),
        fields,
    );
    if let Some((fee, tax)) = fee {
        let note = fill(Msg::NoteCourseFee.text(lang), &[&labels::money(fee, lang), &labels::tax(tax, lang)]);
        form.note = Some((note, Tone::Info));
    }
    form
}

/// Cancelling a place: who takes the seat, and whether the fee charged is
/// refunded (`begun`: the first session has started).
pub fn cancel_enrolment_form(
    cohort: &str,
    e: &Enrolment,
    first_waiting: Option<&Enrolment>,
    begun: bool,
    lang: Lang,
) -> Form {
    let title = format!("{} · {cohort} · {}", Msg::FormCancelEnrolment.text(lang), e.person_name);
    let mut form = Form::new(
        TrainingForm::CancelEnrolment { cohort: cohort.to_owned(), person: e.person.clone() },
        title,
        Vec::new(),
    );
    let note = match first_waiting {
        Some(w) if e.status == EnrolmentStatus::Enrolled => fill(Msg::NoteSeatGoesTo.text(lang), &[&w.person_name]),
        _ => Msg::NoteConfirm.text(lang).to_owned(),
    };
    let note = match e.fee {
        Some(fee) if e.status == EnrolmentStatus::Enrolled => {
            let about = if begun { Msg::NoteFeeKept } else { Msg::NoteFeeRefunded };
            format!("{} · {note}", fill(about.text(lang), &[&labels::money(fee, lang)]))
        }
        _ => note,
    };
    form.note = Some((note, Tone::Info));
    form
}

pub fn complete_form(store: &Store, cohort: &str, today: NaiveDate, lang: Lang) -> Result<Form> {
    let lines = training::preview(store, cohort)?;
    let pass = lines.iter().filter(|l| l.passes).count();
    let fail: Vec<String> = lines.iter().filter(|l| !l.passes).map(|l| l.person_name.clone()).collect();
    let mut form = Form::new(
        TrainingForm::CompleteCohort { cohort: cohort.to_owned() },
        format!("{} · {cohort}", Msg::FormComplete.text(lang)),
        vec![text(Field::Date, &date_text(today), "2026-12-31", lang)],
    );
    let note = fill(Msg::NoteCompletion.text(lang), &[&pass, &fail.len(), &fail.join(", ")]);
    form.note = Some((note, if fail.is_empty() { Tone::Info } else { Tone::Error }));
    Ok(form)
}

pub fn revoke_form(q: &Qualification, lang: Lang) -> Form {
    let title = format!("{} · #{} {} {}", Msg::FormRevoke.text(lang), q.id, q.person_name, q.course);
    Form::new(TrainingForm::Revoke { id: q.id }, title, vec![text(Field::Reason, "", "", lang)])
}

/// Saves a training form through its use case; returns what to tell the user.
pub(super) fn submit(form: &Form, kind: &TrainingForm, store: &mut Store, lang: Lang) -> Result<String> {
    let v = |f: Field| form.value(f);
    match kind {
        TrainingForm::NewCohort => {
            let input = CohortInput {
                course: v(Field::Course),
                code: v(Field::Cohort),
                capacity: v(Field::Capacity),
                opens: v(Field::From),
                closes: v(Field::To),
            };
            let h = training::add_cohort(store, &input)?;
            Ok(fill(Msg::SavedCohort.text(lang), &[&h.reference()]))
        }
        TrainingForm::NewSession { cohort } => {
            let input = SessionInput {
                cohort: cohort.clone(),
                date: v(Field::Date),
                start: v(Field::From),
                end: v(Field::To),
                room: v(Field::Room),
                instructor: v(Field::Instructor),
            };
            let s = training::add_session(store, &input)?;
            Ok(fill(Msg::SavedSession.text(lang), &[&s.number, &s.start]))
        }
        TrainingForm::Enrol { cohort } => {
            let reason = Some(v(Field::Reason)).filter(|r| !r.trim().is_empty());
            let e = training::enrol(store, cohort, &v(Field::Person), reason.as_deref())?;
            let status = match e.position {
                Some(p) => fill(Msg::WaitlistPosition.text(lang), &[&p]),
                None => labels::enrolment_status(e.status, lang).to_owned(),
            };
            Ok(format!("{} {}: {status}", e.cohort, e.person_name))
        }
        TrainingForm::CancelEnrolment { cohort, person } => {
            let (c, promoted) = training::cancel(store, cohort, person)?;
            let mut msg = fill(Msg::SavedCancelEnrolment.text(lang), &[&c.person_name]);
            for p in promoted {
                msg.push_str(&fill(Msg::SavedPromoted.text(lang), &[&p.person_name]));
            }
            Ok(msg)
        }
        TrainingForm::CompleteCohort { cohort } => {
            let done = training::complete(store, cohort, &v(Field::Date))?;
            let passed = done.iter().filter(|e| e.status == EnrolmentStatus::Completed).count();
            Ok(fill(Msg::SavedComplete.text(lang), &[cohort, &passed, &(done.len() - passed)]))
        }
        TrainingForm::Revoke { id } => {
            let q = qualification::revoke(store, &id.to_string(), &v(Field::Reason))?;
            Ok(fill(Msg::SavedRevoke.text(lang), &[&q.id, &q.person_name, &q.course]))
        }
    }
}
