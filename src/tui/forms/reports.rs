//! The forms of the reports screen: issuing a month's statements (a
//! confirmation that says how many and how much), and a backup.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::text;
use crate::db::Store;
use crate::db::{backup, setting, statement};
use crate::domain::Field;
use crate::domain::money::group;
use crate::domain::setting::SettingKey;
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill};
use crate::tui::app::Tone;
use crate::tui::form::{Form, ReportForm};

pub fn issue_form(store: &Store, month: &str, lang: Lang) -> Result<Form> {
    let drafts: Vec<_> = statement::month(store, month)?.into_iter().filter(|s| s.number.is_none()).collect();
    let total: i64 = drafts.iter().map(|s| s.totals.total.0).sum();
    let title = format!("{} · {month}", Msg::FormIssue.text(lang));
    let mut form = Form::new(ReportForm::IssueStatements { month: month.to_owned() }, title, Vec::new());
    let note = fill(Msg::NoteIssue.text(lang), &[&month, &drafts.len(), &group(i128::from(total))]);
    form.note = Some((note, if drafts.is_empty() { Tone::Error } else { Tone::Info }));
    Ok(form)
}

/// Where a backup goes unless the user says otherwise: a `backups` folder
/// beside the database, named by the day, so a week of them sort in order.
pub fn default_backup(store: &Store, today: NaiveDate) -> PathBuf {
    let dir = store.path().parent().map_or_else(PathBuf::new, |p| p.join("backups"));
    dir.join(format!("kiln-{}.sqlite", today.format("%Y-%m-%d")))
}

pub fn backup_form(store: &Store, today: NaiveDate, lang: Lang) -> Form {
    let path = default_backup(store, today).display().to_string();
    let fields = vec![text(Field::File, &path, "/media/usb/kiln.sqlite", lang)];
    Form::new(ReportForm::Backup, Msg::FormBackup.text(lang).to_owned(), fields)
}

/// The centre's settings as they stand, and a machine's own check-in window.
pub fn settings_form(store: &Store, lang: Lang) -> Result<Form> {
    let now = |k: SettingKey| setting::centre(store, k).map(|v| v.to_string());
    let fields = vec![
        text(Field::CheckInWindow, &now(SettingKey::CheckInWindow)?, "30", lang),
        text(Field::ClockTolerance, &now(SettingKey::ClockTolerance)?, "5", lang),
        text(Field::LeaseTerm, &now(SettingKey::LeaseTerm)?, "24", lang),
        text(Field::Equipment, "", Msg::FormMachineHint.text(lang), lang),
        text(Field::MachineWindow, "", "15", lang),
    ];
    let mut form = Form::new(ReportForm::Settings, Msg::FormSettings.text(lang).to_owned(), fields);
    form.note = Some((Msg::NoteSettings.text(lang).to_owned(), Tone::Info));
    Ok(form)
}

fn save_settings(form: &Form, store: &mut Store) -> Result<usize> {
    let v = |f: Field| form.value(f);
    let (window, tolerance, term, machine, own) = (
        v(Field::CheckInWindow),
        v(Field::ClockTolerance),
        v(Field::LeaseTerm),
        v(Field::Equipment),
        v(Field::MachineWindow),
    );
    let mut changes = vec![
        setting::Change {
            key: SettingKey::CheckInWindow.code(),
            value: &window,
            equipment: None,
            field: Field::CheckInWindow,
        },
        setting::Change {
            key: SettingKey::ClockTolerance.code(),
            value: &tolerance,
            equipment: None,
            field: Field::ClockTolerance,
        },
        setting::Change { key: SettingKey::LeaseTerm.code(), value: &term, equipment: None, field: Field::LeaseTerm },
    ];
    if !machine.trim().is_empty() {
        changes.push(setting::Change {
            key: SettingKey::CheckInWindow.code(),
            value: &own,
            equipment: Some(&machine),
            field: Field::MachineWindow,
        });
    }
    let before = setting::list(store)?;
    let after = setting::set_many(store, &changes)?;
    Ok(after.iter().filter(|r| !before.contains(r)).count())
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
    }
}
