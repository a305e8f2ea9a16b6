//! The forms of the equipment screen: booking (with live clash feedback and
//! the nearest free slot), reject, cancel, check-out, downtime, new machine.

use super::{label, text};
use crate::db::Store;
use crate::db::booking::{self, Booking, BookingInput, Preview};
use crate::db::downtime::{self, DowntimeInput, OnClash};
use crate::db::equipment::{self, Equipment};
use crate::domain::equipment::EquipmentInput;
use crate::domain::{BillingUnit, Category, DowntimeReason, Field, Minute};
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill, labels};
use crate::tui::app::Tone;
use crate::tui::form::{EquipmentForm, Form, FormField, FormKind};

fn yes_no(lang: Lang) -> Vec<(String, String)> {
    vec![("no".into(), lang.pick("아니오", "no").into()), ("yes".into(), lang.pick("예", "yes").into())]
}

/// A booking of `eq` (if chosen) for `[start, start + minutes)`.
pub fn booking_form(eq: Option<&Equipment>, start: Minute, minutes: i64, lang: Lang) -> Form {
    let end = Minute(start.0 + minutes);
    let title = match eq {
        Some(e) => format!("{} · {} {}", Msg::FormNewBooking.text(lang), e.code, e.name),
        None => Msg::FormNewBooking.text(lang).into(),
    };
    let fields = vec![
        text(Field::Equipment, eq.map_or("", |e| e.code.as_str()), "EQ-0002", lang),
        text(Field::Person, "", "P-0001", lang),
        text(Field::Party, "", Msg::FormPartyHint.text(lang), lang),
        text(Field::Project, "", Msg::FormProjectHint.text(lang), lang),
        text(Field::From, &start.to_string(), "2026-12-01 09:00", lang),
        text(Field::To, &end.to_string(), "2026-12-01 12:00", lang),
        text(Field::Purpose, "", Msg::FormPurposeHint.text(lang), lang),
        text(Field::Samples, "", "0", lang),
        text(Field::Weeks, "1", "1", lang),
        FormField::choice(Field::BookFree, &label(Field::BookFree, lang), "no", yes_no(lang)),
    ];
    let mut form = Form::new(EquipmentForm::NewBooking, title, fields);
    form.focus = usize::from(eq.is_some());
    form
}

fn booking_input(form: &Form) -> BookingInput {
    let v = |f: Field| form.value(f);
    BookingInput {
        equipment: v(Field::Equipment),
        person: v(Field::Person),
        company: String::new(),
        party: v(Field::Party),
        project: v(Field::Project),
        from: v(Field::From),
        to: v(Field::To),
        purpose: v(Field::Purpose),
        samples: v(Field::Samples),
        weeks: v(Field::Weeks),
        book_free: v(Field::BookFree) == "yes",
        override_quota: None,
    }
}

fn about(b: &Booking) -> String {
    format!("#{} {} {} {} {}", b.id, b.equipment_name, b.start.to_datetime().format("%m-%d"), b.span_times(), b.who())
}

pub fn reject_form(b: &Booking, lang: Lang) -> Form {
    let title = format!("{} · {}", Msg::FormReject.text(lang), about(b));
    Form::new(EquipmentForm::RejectBooking { id: b.id }, title, vec![text(Field::Reason, "", "", lang)])
}

pub fn cancel_form(b: &Booking, lang: Lang) -> Form {
    let title = format!("{} · {}", Msg::FormCancel.text(lang), about(b));
    Form::new(EquipmentForm::CancelBooking { id: b.id }, title, vec![text(Field::Reason, "", "", lang)])
}

pub fn check_out_form(b: &Booking, now: Minute, lang: Lang) -> Form {
    let title = format!("{} · {}", Msg::FormCheckOut.text(lang), about(b));
    let fields = vec![
        text(Field::Time, &now.to_string(), "2026-12-01 11:30", lang),
        text(Field::Samples, &b.samples.to_string(), "0", lang),
    ];
    Form::new(EquipmentForm::CheckOut { id: b.id }, title, fields)
}

/// A walk-in on `eq`: from now, until `To` or the machine's shortest booking.
pub fn walk_in_form(eq: &Equipment, lang: Lang) -> Form {
    let title = format!("{} · {} {}", Msg::FormWalkIn.text(lang), eq.code, eq.name);
    let fields = vec![
        text(Field::Equipment, &eq.code, "EQ-0002", lang),
        text(Field::Person, "", "P-0001", lang),
        text(Field::Party, "", Msg::FormPartyHint.text(lang), lang),
        text(Field::To, "", Msg::FormWalkInToHint.text(lang), lang),
        text(Field::Purpose, "", Msg::FormPurposeHint.text(lang), lang),
        text(Field::Reason, "", "", lang),
    ];
    let mut form = Form::new(EquipmentForm::WalkIn, title, fields);
    form.focus = 1;
    form
}

pub fn downtime_form(eq: &Equipment, start: Minute, lang: Lang) -> Form {
    let reasons = DowntimeReason::ALL
        .iter()
        .map(|r| (r.code().to_owned(), labels::downtime_reason(*r, lang).to_owned()))
        .collect();
    let on_clash = vec![
        ("hold".to_owned(), Msg::ClashHold.text(lang).to_owned()),
        ("cancel".to_owned(), Msg::ClashCancel.text(lang).to_owned()),
    ];
    let title = format!("{} · {} {}", Msg::FormDowntime.text(lang), eq.code, eq.name);
    let fields = vec![
        text(Field::Equipment, &eq.code, "EQ-0002", lang),
        text(Field::From, &start.to_string(), "2026-12-01 09:00", lang),
        text(Field::To, &Minute(start.0 + 4 * 60).to_string(), "2026-12-01 18:00", lang),
        FormField::choice(Field::Reason, &label(Field::Reason, lang), "maintenance", reasons),
        text(Field::Details, "", Msg::FormDowntimeNoteHint.text(lang), lang),
        FormField::choice(Field::OnClash, &label(Field::OnClash, lang), "hold", on_clash),
        text(Field::Note, "", Msg::FormCancelReasonHint.text(lang), lang),
    ];
    let mut form = Form::new(EquipmentForm::NewDowntime, title, fields);
    form.focus = 1;
    form
}

fn downtime_input(form: &Form) -> DowntimeInput {
    DowntimeInput {
        equipment: form.value(Field::Equipment),
        from: form.value(Field::From),
        to: form.value(Field::To),
        reason: form.value(Field::Reason),
        note: form.value(Field::Details),
    }
}

pub fn new_equipment(store: &Store, lang: Lang) -> Result<Form> {
    let categories =
        Category::ALL.iter().map(|c| (c.code().to_owned(), labels::category(*c, lang).to_owned())).collect();
    let units =
        BillingUnit::ALL.iter().map(|u| (u.code().to_owned(), labels::billing_unit(*u, lang).to_owned())).collect();
    let fields = vec![
        text(Field::Equipment, &equipment::next_code(store)?, "EQ-0007", lang),
        text(Field::Name, "", "FE-SEM", lang),
        text(Field::Model, "", "JSM-7900F", lang),
        FormField::choice(Field::Category, &label(Field::Category, lang), "analysis", categories),
        text(Field::Room, "", "105", lang),
        FormField::choice(Field::BillingUnit, &label(Field::BillingUnit, lang), "hour", units),
        text(Field::TenantRate, "", "60,000", lang),
        text(Field::ExternalRate, "", "90,000", lang),
        text(Field::Hours, "", "mon-fri 09:00-18:00", lang),
        text(Field::Slot, "", "30", lang),
        FormField::choice(Field::Approval, &label(Field::Approval, lang), "yes", yes_no(lang)),
    ];
    let mut form = Form::new(EquipmentForm::NewEquipment, Msg::FormNewEquipment.text(lang).into(), fields);
    form.focus = 1;
    Ok(form)
}

/// Saves an equipment form through its use case; returns what to tell the user.
pub(super) fn submit(form: &Form, kind: &EquipmentForm, store: &mut Store, lang: Lang) -> Result<String> {
    let v = |f: Field| form.value(f);
    match kind {
        EquipmentForm::NewBooking => {
            let out = booking::add(store, &booking_input(form))?;
            match (out.booked.as_slice(), out.skipped.len()) {
                ([b], 0) => {
                    Ok(fill(Msg::SavedBooking.text(lang), &[&b.id, &labels::booking_state(b.state, lang), &about(b)]))
                }
                (booked, skipped) => Ok(fill(Msg::SavedSeries.text(lang), &[&booked.len(), &skipped])),
            }
        }
        EquipmentForm::RejectBooking { id } => {
            let b = booking::reject(store, &id.to_string(), &v(Field::Reason))?;
            Ok(fill(Msg::SavedState.text(lang), &[&b.id, &labels::booking_state(b.state, lang)]))
        }
        EquipmentForm::CancelBooking { id } => {
            let b = booking::cancel(store, &id.to_string(), &v(Field::Reason))?;
            Ok(fill(Msg::SavedState.text(lang), &[&b.id, &labels::booking_state(b.state, lang)]))
        }
        EquipmentForm::CheckOut { id } => {
            let at = v(Field::Time);
            let samples = v(Field::Samples);
            let b = booking::check_out(store, &id.to_string(), Some(&at), Some(&samples))?;
            Ok(fill(Msg::SavedCheckOut.text(lang), &[&b.id, &b.charge.unwrap_or_default()]))
        }
        EquipmentForm::WalkIn => {
            let input = BookingInput {
                equipment: v(Field::Equipment),
                person: v(Field::Person),
                party: v(Field::Party),
                to: v(Field::To),
                purpose: v(Field::Purpose),
                ..BookingInput::default()
            };
            let b = booking::walk_in(store, &input, &v(Field::Reason))?;
            Ok(fill(Msg::SavedWalkIn.text(lang), &[&b.id, &b.end]))
        }
        EquipmentForm::NewDowntime => {
            let on_clash =
                if v(Field::OnClash) == "cancel" { OnClash::Cancel { reason: v(Field::Note) } } else { OnClash::Hold };
            let out = downtime::add(store, &downtime_input(form), &on_clash)?;
            let key = if out.downtime.state == "pending" { Msg::SavedDowntimePending } else { Msg::SavedDowntime };
            Ok(fill(key.text(lang), &[&out.downtime.id, &out.affected_bookings.len()]))
        }
        EquipmentForm::NewEquipment => {
            let input = EquipmentInput {
                code: v(Field::Equipment),
                name: v(Field::Name),
                model: v(Field::Model),
                category: v(Field::Category),
                room: v(Field::Room),
                billing_unit: v(Field::BillingUnit),
                tenant_rate: v(Field::TenantRate),
                external_rate: v(Field::ExternalRate),
                hours: v(Field::Hours),
                slot_minutes: v(Field::Slot),
                needs_approval: v(Field::Approval),
                ..EquipmentInput::default()
            };
            let e = equipment::add(store, &input)?;
            Ok(fill(Msg::SavedEquipment.text(lang), &[&e.code, &e.name]))
        }
    }
}

/// "This time can be booked", with what it would cost used as booked: the
/// class it is priced by, and what a voucher would pay of it.
fn bookable(estimate: Option<&crate::db::booking::priced::Estimate>, lang: Lang) -> String {
    let ok = Msg::NoteBookable.text(lang);
    let Some(e) = estimate else { return ok.to_owned() };
    let money = |w: crate::domain::Won| crate::i18n::labels::money(w, lang);
    let class = lang.pick(&e.class_name.0, &e.class_name.1);
    if e.per_sample {
        return fill(Msg::NoteEstimatePerSample.text(lang), &[&ok, &money(e.rate), &class]);
    }
    let mut text = fill(Msg::NoteEstimate.text(lang), &[&ok, &money(e.amount), &class]);
    if let Some((programme, share)) = &e.voucher {
        let party = crate::domain::Won(e.amount.0 - share.0);
        text.push_str(&fill(Msg::NoteVoucher.text(lang), &[programme, &money(*share), &money(party)]));
    }
    if let Some(cost) = e.cancel_now {
        text.push_str(&fill(Msg::NoteCancelNow.text(lang), &[&money(cost)]));
    }
    text
}

/// Live feedback: whether the booking can be made (or why not, and the
/// nearest free slot); which bookings a downtime would hit.
pub(super) fn check(form: &mut Form, store: &Store, lang: Lang) {
    let FormKind::Equipment(kind) = &form.kind else { return };
    match kind {
        EquipmentForm::NewBooking => {
            form.note = match booking::preview(store, &booking_input(form)) {
                Preview::Incomplete => None,
                Preview::Free(estimate) => Some((bookable(estimate.as_ref(), lang), Tone::Info)),
                Preview::Refused { why, free } => {
                    let free = free.map_or_else(String::new, |p| fill(Msg::NoteNearest.text(lang), &[&p.text()]));
                    Some((format!("✖ {}{free}", why.on_screen(lang)), Tone::Error))
                }
            };
        }
        EquipmentForm::NewDowntime => {
            form.note = match downtime::affected(store, &downtime_input(form)) {
                Ok(hit) if hit.is_empty() => Some((Msg::NoteNoBookingsHit.text(lang).into(), Tone::Info)),
                Ok(hit) => {
                    let list: Vec<String> = hit.iter().take(4).map(about).collect();
                    let more = if hit.len() > 4 { " …" } else { "" };
                    Some((
                        format!("{} {}{more}", fill(Msg::NoteBookingsHit.text(lang), &[&hit.len()]), list.join(", ")),
                        Tone::Error,
                    ))
                }
                Err(_) => None,
            };
        }
        _ => {}
    }
}
