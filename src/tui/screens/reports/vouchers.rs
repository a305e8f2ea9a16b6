//! The year's vouchers on screen 6: each grant (programme, party, what it
//! paid and what is left of its cap), and the selected grant's use by
//! month — what `x` writes as the funders' settlement.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::view::{titled, won};
use super::{Focus, ReportsScreen};
use crate::cells::{column, column_right, cut};
use crate::i18n::{Lang, Msg, fill};
use crate::tui::screens::list as rows;
use crate::tui::theme;

pub(super) fn draw(s: &ReportsScreen, frame: &mut Frame, area: Rect, lang: Lang) {
    let r = &s.data().vouchers;
    let paid: i64 = r.grants.iter().map(|g| g.used.0).sum();
    let left: i64 = r.grants.iter().map(|g| g.remaining.0).sum();
    let title = fill(Msg::VouchersTitle.text(lang), &[&s.shown_year(), &won(paid), &won(left)]) + &s.filter_title();
    let [top, bottom] = Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area);
    let block = titled(&title, s.focus == Focus::Content);
    let inner = block.inner(top);
    frame.render_widget(block, top);
    let w = usize::from(inner.width);
    let name_w = w.saturating_sub(1 + 8 + 12 + 12).max(6);
    let head = format!(
        " {}{}{}{}",
        column(lang.pick("사업", "Prog."), 8),
        column(lang.pick("청구처", "Party"), name_w),
        column_right(lang.pick("지원액", "Paid"), 12),
        column_right(lang.pick("잔액", "Left"), 12),
    );
    let mut lines = vec![Line::styled(cut(&head, w), theme::dim())];
    let visible = u32::from(inner.height.saturating_sub(1));
    let top_row = rows::page_top(s.selected as u32, visible) as usize;
    for (i, g) in r.grants.iter().enumerate().skip(top_row).take(visible as usize) {
        let on = i == s.selected;
        let text = format!(
            "{}{}{}{}{}",
            if on { "▶" } else { " " },
            column(&g.programme, 8),
            column(&g.party_name, name_w),
            column_right(&won(g.used.0), 12),
            column_right(&won(g.remaining.0), 12),
        );
        // A grant used up says so: nothing more of the party's use is paid.
        let style = if g.remaining.0 == 0 { theme::soon() } else { ratatui::style::Style::default() };
        let line = Line::styled(cut(&text, w), style);
        lines.push(if on { line.style(theme::selected()) } else { line });
    }
    if r.grants.is_empty() {
        lines.push(Line::styled(Msg::NoData.text(lang), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    by_month(s, frame, bottom, lang);
}

/// The selected grant's use by month: what was charged and what the
/// programme paid.
fn by_month(s: &ReportsScreen, frame: &mut Frame, area: Rect, lang: Lang) {
    let r = &s.data().vouchers;
    let Some(g) = r.grants.get(s.selected) else {
        frame.render_widget(titled(Msg::ReportVouchers.text(lang), false), area);
        return;
    };
    let head = format!("{} · {} · {} {}", g.programme, g.party_name, lang.pick("한도", "cap"), won(g.cap.0));
    let block = titled(&head, false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let mut lines = vec![Line::styled(
        cut(
            &format!(
                " {}{}{}{}",
                column(lang.pick("월", "Month"), 9),
                column_right(lang.pick("건수", "Uses"), 6),
                column_right(lang.pick("사용료", "Charged"), 14),
                column_right(lang.pick("바우처", "Voucher"), 14),
            ),
            w,
        ),
        theme::dim(),
    )];
    // The latest months, as many as fit under the heads.
    let months: Vec<_> = r.uses.iter().filter(|u| u.programme == g.programme && u.party == g.party).collect();
    let fit = usize::from(inner.height.saturating_sub(1));
    for u in &months[months.len().saturating_sub(fit)..] {
        lines.push(Line::from(cut(
            &format!(
                " {}{}{}{}",
                column(&u.month, 9),
                column_right(&u.bookings.to_string(), 6),
                column_right(&won(u.charge.0), 14),
                column_right(&won(u.voucher.0), 14),
            ),
            w,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
