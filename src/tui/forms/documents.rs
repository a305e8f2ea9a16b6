//! The forms of screen 6's tax documents: `a` records the approval number
//! (승인번호) Hometax gave a document, or a correction (수정세금계산서), as
//! `kiln invoice confirm [--corrects …]` does.

use super::text;
use crate::db::Store;
use crate::db::correction::{self, MonthCorrection};
use crate::db::invoice::{self, Confirmation, MonthDocument};
use crate::domain::Field;
use crate::domain::tax_document::DocKind;
use crate::error::Result;
use crate::i18n::labels::doc_kind;
use crate::i18n::{Lang, Msg, fill};
use crate::tui::form::{BillingForm, Form, FormField};

/// An approval number for one of the month's documents, opening on the
/// selected one.
/// The two kinds of document, as a choice.
fn kinds(lang: Lang) -> Vec<(String, String)> {
    [DocKind::TaxInvoice, DocKind::Invoice]
        .into_iter()
        .map(|k| (k.key().to_owned(), doc_kind(k, lang).to_owned()))
        .collect()
}

pub fn confirm_form(month: &str, chosen: Option<&MonthDocument>, lang: Lang) -> Form {
    let kinds = kinds(lang);
    let kind = chosen.map_or(DocKind::TaxInvoice, |d| d.document.kind).key();
    let fields = vec![
        text(Field::Statement, chosen.map_or("", |d| d.statement.as_str()), &format!("{month}-0001"), lang),
        FormField::choice(Field::Kind, lang.pick("종류", "Kind"), kind, kinds),
        text(Field::ApprovalNo, "", "20261110-41000000-12345678", lang),
    ];
    let title = format!("{} · {month}", Msg::FormConfirm.text(lang));
    let mut form = Form::new(BillingForm::Confirm { month: month.to_owned() }, title, fields);
    // Opened on a document, only the number is left to type.
    if chosen.is_some() {
        form.focus = 2;
    }
    form
}

pub(super) fn submit_confirm(form: &Form, month: &str, store: &mut Store, lang: Lang) -> Result<String> {
    let item = Confirmation {
        statement: form.value(Field::Statement),
        kind: form.value(Field::Kind),
        approval: form.value(Field::ApprovalNo),
    };
    let done = invoice::confirm(store, month, &[item])?;
    let d =
        done.first().ok_or_else(|| crate::domain::Invalid::new(Field::Statement, "", crate::domain::Problem::Empty))?;
    let kind = doc_kind(d.document.kind, lang);
    Ok(fill(Msg::SavedConfirm.text(lang), &[&d.statement, &kind, &d.approval.as_deref().unwrap_or_default()]))
}

/// An approval number for the selected correction: the statement that
/// carried it and the one it corrects are filled in, the number is left
/// to type.
pub fn correction_form(month: &str, chosen: &MonthCorrection, lang: Lang) -> Form {
    let fields = vec![
        text(Field::Statement, &chosen.statement, &format!("{month}-0001"), lang),
        text(Field::Corrects, &chosen.correction.corrects, "2026-10-0001", lang),
        FormField::choice(Field::Kind, lang.pick("종류", "Kind"), chosen.correction.kind.key(), kinds(lang)),
        text(Field::ApprovalNo, "", "20261110-41000000-12345678", lang),
    ];
    let title = format!("{} · {month}", Msg::FormConfirmCorrection.text(lang));
    let mut form = Form::new(BillingForm::ConfirmCorrection { month: month.to_owned() }, title, fields);
    form.focus = 3;
    form
}

pub(super) fn submit_correction(form: &Form, month: &str, store: &mut Store, lang: Lang) -> Result<String> {
    let (statement, corrects, kind) =
        (form.value(Field::Statement), form.value(Field::Corrects), form.value(Field::Kind));
    let done = correction::confirm(store, month, (&statement, &corrects, &kind), &form.value(Field::ApprovalNo))?;
    let approval = done.approval.as_deref().unwrap_or_default();
    Ok(fill(Msg::SavedConfirmCorrection.text(lang), &[&done.statement, &done.correction.corrects, &approval]))
}
