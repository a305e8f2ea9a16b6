//! The forms of the reports screen: issuing a month's statements (a
//! confirmation that says how many and how much), and a backup.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::text;
use crate::db::Store;
use crate::db::{backup, setting, statement, supplier};
use crate::domain::Field;
use crate::domain::money::group;
use crate::domain::setting::{SettingKey, Unit};
use crate::domain::statement::parse_month;
use crate::domain::supplier::{Supplier, SupplierInput};
use crate::domain::time::date_text;
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill};
use crate::tui::app::Tone;
use crate::tui::form::{Form, FormField, ReportForm};

/// The confirmation before a month's statements are issued: how many and
/// how much, and, for a month that has not ended, that use still to come
/// will only reach next month's statement as a correction.
pub fn issue_form(store: &Store, month: &str, today: NaiveDate, lang: Lang) -> Result<Form> {
    let drafts: Vec<_> = statement::month(store, month)?.into_iter().filter(|s| s.number.is_none()).collect();
    let total: i64 = drafts.iter().map(|s| s.totals.total.0).sum();
    let title = format!("{} · {month}", Msg::FormIssue.text(lang));
    let mut form = Form::new(ReportForm::IssueStatements { month: month.to_owned() }, title, Vec::new());
    let mut note = fill(Msg::NoteIssue.text(lang), &[&month, &drafts.len(), &group(i128::from(total))]);
    let last_day = parse_month(month).ok().and_then(|(y, m)| last_day_of(y, m));
    let early = last_day.filter(|d| today <= *d);
    if let Some(d) = early {
        note = format!("{} {note}", fill(Msg::NoteIssueEarly.text(lang), &[&month, &date_text(d)]));
    }
    // Said before Enter, not after: issuing would be refused.
    let unset = supplier::show(store)?.is_none();
    if unset {
        note = format!("{} {note}", Msg::NoteNoSupplier.text(lang));
    }
    let warn = drafts.is_empty() || early.is_some() || unset;
    form.note = Some((note, if warn { Tone::Error } else { Tone::Info }));
    Ok(form)
}

/// The last day of a month.
fn last_day_of(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
}

/// Where a backup goes unless the user says otherwise: a `backups` folder
/// beside the database, named by the day, so a week of them sort in order.
/// A backup never overwrites a file, so a second one that day is offered as
/// `-2`, `-3` …: the name offered is always one the save accepts.
pub fn default_backup(store: &Store, today: NaiveDate) -> PathBuf {
    let dir = store.path().parent().map_or_else(PathBuf::new, |p| p.join("backups"));
    let day = today.format("%Y-%m-%d").to_string();
    let named = |n: u32| match n {
        1 => dir.join(format!("kiln-{day}.sqlite")),
        n => dir.join(format!("kiln-{day}-{n}.sqlite")),
    };
    // A thousand backups in one day is a script gone wrong: past them, the
    // last name is offered and its save says it exists.
    (1..=1000).map(named).find(|p| !p.exists()).unwrap_or_else(|| named(1000))
}

pub fn backup_form(store: &Store, today: NaiveDate, lang: Lang) -> Form {
    let path = default_backup(store, today).display().to_string();
    let fields = vec![text(Field::File, &path, "/media/usb/kiln.sqlite", lang)];
    Form::new(ReportForm::Backup, Msg::FormBackup.text(lang).to_owned(), fields)
}

/// The centre's settings as they stand, one field each, and below them a
/// machine's own value of one setting (chosen with ←→ among those a machine
/// may have).
pub fn settings_form(store: &Store, lang: Lang) -> Result<Form> {
    let mut fields = Vec::new();
    for k in SettingKey::ALL {
        let now = setting::centre(store, k)?.to_string();
        let (min, max) = k.range();
        fields.push(if k.unit() == Unit::Switch {
            FormField::choice(k.field(), &super::label(k.field(), lang), &now, switch(lang))
        } else {
            text(k.field(), &now, &format!("{min}–{max}"), lang)
        });
    }
    fields.push(text(Field::Equipment, "", Msg::FormMachineHint.text(lang), lang));
    let own: Vec<(String, String)> = SettingKey::ALL
        .into_iter()
        .filter(|k| k.per_machine())
        .map(|k| (k.code().to_owned(), super::label(k.field(), lang)))
        .collect();
    fields.push(FormField::choice(Field::Setting, &super::label(Field::Setting, lang), "", own));
    fields.push(text(Field::MachineWindow, "", "15", lang));
    let mut form = Form::new(ReportForm::Settings, Msg::FormSettings.text(lang).to_owned(), fields);
    form.note = Some((Msg::NoteSettings.text(lang).to_owned(), Tone::Info));
    Ok(form)
}

/// The two ways a use's time is billed, for `bill-booked-time`.
fn switch(lang: Lang) -> Vec<(String, String)> {
    vec![
        ("0".to_owned(), Msg::BilledUsed.text(lang).to_owned()),
        ("1".to_owned(), Msg::BilledLonger.text(lang).to_owned()),
    ]
}

fn save_settings(form: &Form, store: &mut Store) -> Result<usize> {
    let values: Vec<(SettingKey, String)> = SettingKey::ALL.into_iter().map(|k| (k, form.value(k.field()))).collect();
    let mut changes: Vec<setting::Change<'_>> = values
        .iter()
        .map(|(k, v)| setting::Change { key: k.code(), value: v, equipment: None, field: k.field() })
        .collect();
    let (machine, key, own) =
        (form.value(Field::Equipment), form.value(Field::Setting), form.value(Field::MachineWindow));
    if !machine.trim().is_empty() {
        changes.push(setting::Change {
            key: &key,
            value: &own,
            equipment: Some(&machine),
            field: Field::MachineWindow,
        });
    }
    let before = setting::list(store)?;
    let after = setting::set_many(store, &changes)?;
    Ok(after.iter().filter(|r| !before.contains(r)).count())
}

/// The centre as the supplier on its tax documents, as it stands.
pub fn supplier_form(store: &Store, lang: Lang) -> Result<Form> {
    let now = supplier::show(store)?.map(|c| c.supplier);
    let v = |f: fn(&Supplier) -> String| now.as_ref().map(f).unwrap_or_default();
    let fields = vec![
        text(Field::Brn, &v(|s| s.brn.to_string()), "123-45-67890", lang),
        text(Field::TradeName, &v(|s| s.name.clone()), "강원 세라믹 산업화지원센터", lang),
        text(Field::Representative, &v(|s| s.representative.clone()), "", lang),
        text(Field::Address, &v(|s| s.address.clone()), "강원특별자치도 강릉시 …", lang),
        text(Field::BusinessType, &v(|s| s.business_type.clone()), "서비스", lang),
        text(Field::BusinessItem, &v(|s| s.business_item.clone()), "시험분석, 장비임대", lang),
        text(Field::Email, &v(|s| s.email.clone()), "tax@example.kr", lang),
    ];
    let mut form = Form::new(ReportForm::Supplier, Msg::FormSupplier.text(lang).to_owned(), fields);
    form.note = Some((Msg::NoteSupplier.text(lang).to_owned(), Tone::Info));
    Ok(form)
}

fn save_supplier(form: &Form, store: &mut Store) -> Result<()> {
    let v = |f: Field| Some(form.value(f));
    let input = SupplierInput {
        brn: v(Field::Brn),
        name: v(Field::TradeName),
        representative: v(Field::Representative),
        address: v(Field::Address),
        business_type: v(Field::BusinessType),
        business_item: v(Field::BusinessItem),
        email: v(Field::Email),
    };
    supplier::set(store, &input).map(|_| ())
}

/// Saves a form of the reports screen; returns what to tell the user.
pub(super) fn submit(form: &Form, kind: &ReportForm, store: &mut Store, lang: Lang) -> Result<String> {
    match kind {
        ReportForm::IssueStatements { month } => statement::issue(store, month, None)
            .map(|issued| fill(Msg::IssuedCount.text(lang), &[&issued.len(), month])),
        ReportForm::Backup => {
            let path = PathBuf::from(form.value(Field::File).trim());
            backup::backup(store, &path).map(|()| fill(Msg::SavedBackup.text(lang), &[&path.display()]))
        }
        ReportForm::Settings => save_settings(form, store).map(|n| fill(Msg::SavedSettings.text(lang), &[&n])),
        ReportForm::Supplier => save_supplier(form, store).map(|()| Msg::SavedSupplier.text(lang).to_owned()),
    }
}
