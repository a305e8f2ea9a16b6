//! The month's tax documents on screen 6: each statement's 세금계산서 or
//! 계산서, its buyer, supply and tax, and its approval number or 대기 —
//! what `x` writes as the Hometax upload form and `a` confirms; and under
//! them the month's corrections (수정세금계산서), which `a` confirms too.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::view::{titled, won};
use super::{Focus, ReportsScreen};
use crate::cells::{column, column_right, cut};
use crate::domain::tax_document::DocKind;
use crate::i18n::{Lang, Msg, fill};
use crate::tui::screens::list as rows;
use crate::tui::theme;

pub(super) fn draw(s: &ReportsScreen, frame: &mut Frame, area: Rect, lang: Lang) {
    let m = &s.data().documents;
    let waiting = m.documents.iter().filter(|d| d.approval.is_none()).count();
    let mut title = fill(Msg::DocumentsTitle.text(lang), &[&s.shown_month_text(), &m.documents.len(), &waiting]);
    if !m.corrections.is_empty() {
        title = format!("{title} · {} {}", lang.pick("수정", "corrections"), m.corrections.len());
    }
    let title = title + &s.filter_title();
    let block = titled(&title, s.focus == Focus::Content);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    // 과세 (세금계산서) or 면세 (계산서): short, so the buyer's name fits at 80.
    let kind_w = 6;
    // The status holds 원본 대기 (9 cells) and the space before it.
    let name_w = w.saturating_sub(1 + 13 + kind_w + 11 + 10).max(6);
    let head = format!(
        " {}{}{}{}{}",
        column(lang.pick("청구서", "Statement"), 13),
        column(lang.pick("종류", "Kind"), kind_w),
        column(lang.pick("공급받는자", "Buyer"), name_w),
        column_right(lang.pick("공급가액", "Supply"), 11),
        column_right(lang.pick("승인", "Approval"), 10),
    );
    let mut lines = vec![Line::styled(cut(&head, w), theme::dim())];
    // Room for the corrections under the page of documents, up to half.
    let room = usize::from(inner.height.saturating_sub(2));
    let shown_corrections = m.corrections.len().min(room / 2);
    let fit = room - shown_corrections;
    // A correction selected leaves the documents on their last page.
    let on_document = s.selected.min(m.documents.len().saturating_sub(1));
    let top = rows::page_top(on_document as u32, fit as u32) as usize;
    for (i, d) in m.documents.iter().enumerate().skip(top).take(fit) {
        let on = i == s.selected;
        let kind = match d.document.kind {
            DocKind::TaxInvoice => lang.pick("과세", "taxed"),
            DocKind::Invoice => lang.pick("면세", "exempt"),
        };
        // The last digits tell one number from the next; the whole is in the export.
        let approval = d.approval.as_deref().map_or_else(
            || Msg::Waiting.text(lang).to_owned(),
            |a| {
                let tail: String = a.chars().skip(a.chars().count().saturating_sub(6)).collect();
                format!("…{tail}")
            },
        );
        let text = format!(
            "{}{}{}{}{}{}",
            if on { "▶" } else { " " },
            column(&d.statement, 13),
            column(kind, kind_w),
            column(&d.name, name_w),
            column_right(&won(d.document.supply.0), 11),
            column_right(&approval, 10),
        );
        let style = if d.approval.is_none() { theme::soon() } else { ratatui::style::Style::default() };
        let line = Line::styled(cut(&text, w), style);
        lines.push(if on { line.style(theme::selected()) } else { line });
    }
    if m.documents.is_empty() && m.corrections.is_empty() {
        lines.push(Line::styled(Msg::NoData.text(lang), theme::dim()));
    }
    // Corrections are issued one by one in Hometax: listed under the
    // documents, rows of their own to select and confirm (`a`).
    let chosen = s.selected.checked_sub(m.documents.len());
    let top = rows::page_top(chosen.unwrap_or(0) as u32, shown_corrections as u32) as usize;
    for (i, c) in m.corrections.iter().enumerate().skip(top).take(shown_corrections) {
        let on = chosen == Some(i);
        let status = match (&c.original_approval, &c.approval) {
            (_, Some(a)) => {
                let tail: String = a.chars().skip(a.chars().count().saturating_sub(6)).collect();
                format!("…{tail}")
            }
            (None, None) => Msg::OriginalWaiting.text(lang).to_owned(),
            (Some(_), None) => Msg::Waiting.text(lang).to_owned(),
        };
        let text = format!(
            "{}{}{}{}{}{}",
            if on { "▶" } else { " " },
            column(&c.statement, 13),
            column(lang.pick("수정", "fix"), kind_w),
            column(&format!("→{} {}", short_number(&c.correction.corrects), c.name), name_w),
            column_right(&won(c.correction.supply.0), 11),
            column_right(&status, 10),
        );
        let style = if c.approval.is_none() { theme::soon() } else { ratatui::style::Style::default() };
        let line = Line::styled(cut(&text, w), style);
        lines.push(if on { line.style(theme::selected()) } else { line });
    }
    if !m.without_brn.is_empty() {
        lines.push(Line::styled(
            cut(&fill(Msg::DocumentsIndividuals.text(lang), &[&m.without_brn.len()]), w),
            theme::dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A statement's number without its year (`10-0001`), as a correction row
/// names the one it corrects: room for the buyer's name at 80 columns (the
/// form and the export have the whole number).
fn short_number(number: &str) -> &str {
    match number.split_once('-') {
        Some((year, rest)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => number,
    }
}
