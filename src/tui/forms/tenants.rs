//! The forms of the tenant screens: how each is laid out, what saving it does
//! (the same use cases as the CLI), and the live feedback while typing.

use chrono::NaiveDate;

use super::{label, text};
use crate::db::company::{self, Company, CompanyEdit};
use crate::db::lease::{self, Lease};
use crate::db::{Store, room, yearly};
use crate::domain::company::CompanyInput;
use crate::domain::lease::LeaseInput;
use crate::domain::room::RoomInput;
use crate::domain::time::{date_text, parse_date};
use crate::domain::yearly::YearlyInput;
use crate::domain::{Field, Period, RoomKind, Sector, Stage, Won, Zone};
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill, labels};
use crate::tui::app::Tone;
use crate::tui::form::{Form, FormField, FormKind, TenantForm};

fn zones(lang: Lang) -> Vec<(String, String)> {
    Zone::ALL.iter().map(|z| (z.code().to_owned(), labels::zone(*z, lang).to_owned())).collect()
}

fn sectors(lang: Lang) -> Vec<(String, String)> {
    Sector::ALL.iter().map(|s| (s.code().to_owned(), labels::sector(*s, lang).to_owned())).collect()
}

fn stages(list: &[Stage], lang: Lang) -> Vec<(String, String)> {
    list.iter().map(|s| (s.code().to_owned(), labels::stage(*s, lang).to_owned())).collect()
}

const ACTIVE: [Stage; 3] = [Stage::PreStartup, Stage::Early, Stage::Growth];

fn company_fields(c: Option<&Company>, today: NaiveDate, lang: Lang) -> Vec<FormField> {
    let s = |f: fn(&Company) -> String| c.map(f).unwrap_or_default();
    let mut fields = vec![text(Field::Name, &s(|c| c.name.clone()), "세라텍(주)", lang)];
    if c.is_none() {
        fields.push(text(Field::Brn, "", "124-81-00998", lang));
    }
    fields.extend([
        text(Field::Representative, &s(|c| c.representative.clone()), "박서준", lang),
        FormField::choice(Field::Sector, &label(Field::Sector, lang), &s(|c| c.sector.code().into()), sectors(lang)),
        FormField::choice(Field::Zone, &label(Field::Zone, lang), &s(|c| c.zone.code().into()), zones(lang)),
    ]);
    if c.is_none_or(|c| !c.stage.has_left()) {
        let stage = c.map_or_else(|| Stage::Early.code().to_owned(), |c| c.stage.code().to_owned());
        fields.push(FormField::choice(Field::Stage, &label(Field::Stage, lang), &stage, stages(&ACTIVE, lang)));
    }
    fields.extend([
        text(Field::Admitted, &c.map_or_else(|| date_text(today), |c| date_text(c.admitted_on)), "2026-03-02", lang),
        text(Field::Phone, &s(|c| c.phone.clone().unwrap_or_default()), "033-640-1234", lang),
        text(Field::Email, &s(|c| c.email.clone().unwrap_or_default()), "info@ceratech.kr", lang),
        text(Field::CorporateNo, &s(|c| c.corporate_no.clone().unwrap_or_default()), "130111-0006246", lang),
    ]);
    fields
}

pub fn new_company(today: NaiveDate, lang: Lang) -> Form {
    Form::new(TenantForm::NewCompany, Msg::FormNewCompany.text(lang).into(), company_fields(None, today, lang))
}

pub fn edit_company(c: &Company, today: NaiveDate, lang: Lang) -> Form {
    let title = format!("{} · {}", Msg::FormEditCompany.text(lang), c.name);
    Form::new(TenantForm::EditCompany { brn: c.brn.to_string() }, title, company_fields(Some(c), today, lang))
}

pub fn leave_company(c: &Company, today: NaiveDate, lang: Lang) -> Form {
    let title = format!("{} · {}", Msg::FormLeave.text(lang), c.name);
    let fields = vec![
        FormField::choice(
            Field::Stage,
            &label(Field::Stage, lang),
            "graduated",
            stages(&[Stage::Graduated, Stage::Withdrawn], lang),
        ),
        text(Field::Date, &date_text(today), "2026-12-31", lang),
    ];
    let mut form = Form::new(TenantForm::LeaveCompany { brn: c.brn.to_string() }, title, fields);
    form.note = Some((Msg::FormLeaveNote.text(lang).into(), Tone::Info));
    form
}

pub fn yearly_report(store: &Store, c: &Company, year: i32, lang: Lang) -> Result<Form> {
    let title = format!("{} · {}", Msg::FormYearly.text(lang), c.name);
    let mut form = Form::new(
        TenantForm::YearlyReport { brn: c.brn.to_string(), loaded: year },
        title,
        vec![
            text(Field::Year, &year.to_string(), "2025", lang),
            text(Field::Employees, "", "14", lang),
            text(Field::Sales, "", "2,170,000,000", lang),
            text(Field::Exports, "", "0", lang),
            text(Field::RndSpend, "", "0", lang),
            text(Field::PatentsFiled, "", "0", lang),
            text(Field::PatentsGranted, "", "0", lang),
            text(Field::Investment, "", "0", lang),
        ],
    );
    load_figures(&mut form, store, c, year)?;
    Ok(form)
}

/// Fills the figures already on file for `year`, so a correction starts from them.
fn load_figures(form: &mut Form, store: &Store, c: &Company, year: i32) -> Result<()> {
    let found = yearly::list(store, Some(&c.brn.to_string()), Some(year))?;
    let f = found.first().map(|r| r.figures).unwrap_or_default();
    let set = |form: &mut Form, field: Field, v: String| {
        if let Some(x) = form.fields.iter_mut().find(|x| x.field == field) {
            x.value = v;
        }
    };
    set(form, Field::Employees, f.employees.to_string());
    set(form, Field::Sales, f.sales.0.to_string());
    set(form, Field::Exports, f.exports.0.to_string());
    set(form, Field::RndSpend, f.rnd_spend.0.to_string());
    set(form, Field::PatentsFiled, f.patents_filed.to_string());
    set(form, Field::PatentsGranted, f.patents_granted.to_string());
    set(form, Field::Investment, f.investment.0.to_string());
    Ok(())
}

/// A new lease from `from` for the centre's standard term (`term_months`).
pub fn new_lease(company: Option<&Company>, room: Option<&str>, from: NaiveDate, term_months: u32, lang: Lang) -> Form {
    let last = crate::domain::lease::last_day_of_term(from, term_months);
    let fields = vec![
        text(Field::Company, &company.map(|c| c.brn.to_string()).unwrap_or_default(), "124-81-00998", lang),
        text(Field::Room, room.unwrap_or_default(), "301", lang),
        text(Field::From, &date_text(from), "2026-01-01", lang),
        text(Field::LastDay, &date_text(last), "2026-12-31", lang),
        text(Field::Rent, "", "660,000", lang),
        text(Field::Fee, "", "120,000", lang),
        text(Field::Deposit, "", "0", lang),
    ];
    let mut form = Form::new(TenantForm::NewLease, Msg::FormNewLease.text(lang).into(), fields);
    form.focus = usize::from(company.is_some()) + usize::from(company.is_some() && room.is_some());
    form
}

pub fn end_lease(l: &Lease, today: NaiveDate, lang: Lang) -> Form {
    let title = format!("{} · {} {}", Msg::FormEndLease.text(lang), l.room, l.company_name);
    let fields = vec![
        text(Field::Date, &date_text(today), Msg::FormEndHint.text(lang), lang),
        text(Field::Reason, "", "", lang),
    ];
    Form::new(TenantForm::EndLease { code: l.code.clone() }, title, fields)
}

pub fn new_room(floor: i64, lang: Lang) -> Form {
    let kinds = RoomKind::ALL.iter().map(|k| (k.code().to_owned(), labels::room_kind(*k, lang).to_owned())).collect();
    let fields = vec![
        text(Field::RoomCode, "", "301", lang),
        text(Field::Floor, &floor.to_string(), "3", lang),
        FormField::choice(Field::Kind, &label(Field::Kind, lang), "office", kinds),
        text(Field::Area, "", "66.12", lang),
        text(Field::Rent, "", Msg::FormRentPerM2Hint.text(lang), lang),
    ];
    Form::new(TenantForm::NewRoom, Msg::FormNewRoom.text(lang).into(), fields)
}

/// Saves a tenant form through its use case; returns what to tell the user.
pub(super) fn submit(form: &Form, kind: &TenantForm, store: &mut Store, lang: Lang) -> Result<String> {
    let v = |f: Field| form.value(f);
    match kind {
        TenantForm::NewCompany => {
            let input = CompanyInput {
                name: v(Field::Name),
                brn: v(Field::Brn),
                corporate_no: v(Field::CorporateNo),
                representative: v(Field::Representative),
                sector: v(Field::Sector),
                zone: v(Field::Zone),
                stage: v(Field::Stage),
                admitted: v(Field::Admitted),
                phone: v(Field::Phone),
                email: v(Field::Email),
            };
            let c = company::add(store, &input)?;
            Ok(fill(Msg::SavedCompany.text(lang), &[&c.name, &c.brn]))
        }
        TenantForm::EditCompany { brn } => {
            let has = |f: Field| form.fields.iter().any(|x| x.field == f);
            let edit = CompanyEdit {
                name: Some(v(Field::Name)),
                corporate_no: Some(v(Field::CorporateNo)),
                representative: Some(v(Field::Representative)),
                sector: Some(v(Field::Sector)),
                zone: Some(v(Field::Zone)),
                stage: has(Field::Stage).then(|| v(Field::Stage)),
                admitted: Some(v(Field::Admitted)),
                phone: Some(v(Field::Phone)),
                email: Some(v(Field::Email)),
            };
            let c = company::edit(store, brn, &edit)?;
            Ok(fill(Msg::SavedCompany.text(lang), &[&c.name, &c.brn]))
        }
        TenantForm::LeaveCompany { brn } => {
            let stage = Stage::parse(&v(Field::Stage)).unwrap_or(Stage::Graduated);
            let c = company::leave(store, brn, stage, &v(Field::Date))?;
            Ok(fill(
                Msg::SavedLeave.text(lang),
                &[&c.name, &labels::stage(c.stage, lang), &c.left_on.map(date_text).unwrap_or_default()],
            ))
        }
        TenantForm::YearlyReport { brn, .. } => {
            let input = YearlyInput {
                company: brn.clone(),
                year: v(Field::Year),
                employees: given(v(Field::Employees)),
                sales: given(v(Field::Sales)),
                exports: given(v(Field::Exports)),
                rnd_spend: given(v(Field::RndSpend)),
                patents_filed: given(v(Field::PatentsFiled)),
                patents_granted: given(v(Field::PatentsGranted)),
                investment: given(v(Field::Investment)),
            };
            let r = yearly::set(store, &input)?;
            Ok(fill(Msg::SavedYearly.text(lang), &[&r.company_name, &r.year]))
        }
        TenantForm::NewLease => {
            let input = LeaseInput {
                company: v(Field::Company),
                room: v(Field::Room),
                from: v(Field::From),
                to: day_after(&v(Field::LastDay)),
                rent: v(Field::Rent),
                fee: v(Field::Fee),
                deposit: given(v(Field::Deposit)),
            };
            let l = lease::add(store, &input)?;
            Ok(fill(Msg::SavedLease.text(lang), &[&l.code, &l.room, &l.company_name, &l.from, &l.last_day]))
        }
        TenantForm::EndLease { code } => {
            let l = lease::end(store, code, &v(Field::Date), &v(Field::Reason))?;
            Ok(fill(Msg::SavedEndLease.text(lang), &[&l.code, &l.room, &l.last_day]))
        }
        TenantForm::NewRoom => {
            let input = RoomInput {
                code: v(Field::RoomCode),
                floor: v(Field::Floor),
                kind: v(Field::Kind),
                area_m2: v(Field::Area),
                rent_per_m2: given(v(Field::Rent)),
            };
            let r = room::add(store, &input)?;
            Ok(fill(Msg::SavedRoom.text(lang), &[&r.code, &r.area]))
        }
    }
}

/// A form field left empty is a value not given (a figure kept as it was,
/// no deposit); on the command line an empty value is refused instead, as
/// a flag can be left out.
fn given(v: String) -> Option<String> {
    (!v.trim().is_empty()).then_some(v)
}

/// The form asks for the last day, as leases are written; the lease itself
/// runs to the day after. Text that is not a date is passed on to be refused.
pub(super) fn day_after(last: &str) -> String {
    parse_date(last).ok().and_then(|d| d.succ_opt()).map_or_else(|| last.to_owned(), date_text)
}

/// Live feedback while typing: for a lease, whether the room is free over the
/// period and what it would cost; for a yearly report, the figures on file
/// for the year typed.
pub(super) fn check(form: &mut Form, store: &Store, lang: Lang) {
    let FormKind::Tenant(kind) = form.kind.clone() else { return };
    match kind {
        TenantForm::NewLease => form.note = lease_note(form, store, lang),
        TenantForm::YearlyReport { brn, loaded } => {
            // Only a change of year reloads: figures being typed are kept.
            let year: Option<i32> = form.value(Field::Year).trim().parse().ok();
            let year = year.filter(|y| (1990..=2200).contains(y) && *y != loaded);
            if let (Some(y), Ok(c)) = (year, company::show(store, &brn))
                && load_figures(form, store, &c, y).is_ok()
            {
                form.kind = TenantForm::YearlyReport { brn, loaded: y }.into();
            }
        }
        _ => {}
    }
}

fn lease_note(form: &Form, store: &Store, lang: Lang) -> Option<(String, Tone)> {
    let code = form.value(Field::Room);
    let r = room::show(store, &code).ok()?;
    let from = parse_date(&form.value(Field::From)).ok()?;
    let to = parse_date(&day_after(&form.value(Field::LastDay))).ok()?;
    let period = Period::new(from, to).ok()?;
    if r.retired_on.is_some() {
        return Some((fill(Msg::NoteRoomRetired.text(lang), &[&r.code]), Tone::Error));
    }
    match lease::clashes(store, &code, &period) {
        Ok(clashes) if !clashes.is_empty() => {
            let c = &clashes[0];
            Some((fill(Msg::NoteClash.text(lang), &[&r.code, &c.company_name, &c.from, &c.last_day]), Tone::Error))
        }
        Ok(_) => {
            let suggested =
                r.rent_per_m2.and_then(|per| per.0.checked_mul(r.area.0)).map(|n| Won(n / 100 / 1000 * 1000));
            let rent = suggested.map_or_else(String::new, |w| fill(Msg::NoteRent.text(lang), &[&w]));
            Some((fill(Msg::NoteFree.text(lang), &[&r.code, &r.area, &rent]), Tone::Info))
        }
        Err(e) => Some((e.on_screen(lang), Tone::Error)),
    }
}
