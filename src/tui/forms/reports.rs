//! The forms of the reports screen: issuing a month's statements (a
//! confirmation that says how many and how much), and a backup.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::text;
use crate::db::Store;
use crate::db::{backup, statement};
use crate::domain::Field;
use crate::domain::money::group;
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill};
use crate::tui::app::Tone;
use crate::tui::form::{Form, FormKind};

pub fn issue_form(store: &Store, month: &str, lang: Lang) -> Result<Form> {
    let drafts: Vec<_> = statement::month(store, month)?.into_iter().filter(|s| s.number.is_none()).collect();
    let total: i64 = drafts.iter().map(|s| s.totals.total.0).sum();
    let title = format!("{} · {month}", Msg::FormIssue.text(lang));
    let mut form = Form::new(FormKind::IssueStatements { month: month.to_owned() }, title, Vec::new());
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
    Form::new(FormKind::Backup, Msg::FormBackup.text(lang).to_owned(), fields)
}

pub(super) fn submit(form: &Form, store: &mut Store, lang: Lang) -> Option<Result<String>> {
    match &form.kind {
        FormKind::IssueStatements { month } => Some(
            statement::issue(store, month, None)
                .map(|issued| fill(Msg::IssuedCount.text(lang), &[&issued.len(), month])),
        ),
        FormKind::Backup => {
            let path = PathBuf::from(form.value(Field::File).trim());
            Some(backup::backup(store, &path).map(|()| fill(Msg::SavedBackup.text(lang), &[&path.display()])))
        }
        _ => None,
    }
}
