//! Drawing the reports screen: the menu, the month's statements with the
//! selected one's lines and totals, and the arrears by age.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Paragraph};

use super::{Focus, Report, ReportsScreen, charts, vouchers};
use crate::cells::{column, column_right, cut};
use crate::domain::money::group;
use crate::domain::time::date_text;
use crate::i18n::{Lang, Msg, fill, labels};
use crate::tui::screens::{Ui, list as rows};
use crate::tui::theme;

/// The menu's width, borders included: the longest Korean title fits.
const MENU_WIDTH: u16 = 24;

pub(super) fn titled(title: &str, focused: bool) -> Block<'static> {
    let block = Block::bordered().title(Span::styled(format!(" {title} "), theme::title()));
    if focused { block.border_style(theme::key()) } else { block }
}

pub(super) fn won(n: i64) -> String {
    group(i128::from(n))
}

pub(super) fn draw(s: &ReportsScreen, frame: &mut Frame, area: Rect, ui: &Ui) {
    let [menu, content] = Layout::horizontal([Constraint::Length(MENU_WIDTH), Constraint::Fill(1)]).areas(area);
    draw_menu(s, frame, menu, ui.lang);
    match s.report {
        Report::Statements => statements(s, frame, content, ui.lang),
        Report::Arrears => arrears(s, frame, content, ui.lang),
        Report::Occupancy => charts::occupancy(s, frame, content, ui.lang),
        Report::Utilisation => charts::utilisation(s, frame, content, ui.lang),
        Report::Training => charts::training(s, frame, content, ui.lang),
        Report::Kpis => charts::kpis(s, frame, content, ui.lang),
        Report::TopUsers => charts::top_users(s, frame, content, ui.lang),
        Report::Vouchers => vouchers::draw(s, frame, content, ui.lang),
        Report::Documents => super::documents::draw(s, frame, content, ui.lang),
    }
}

fn draw_menu(s: &ReportsScreen, frame: &mut Frame, area: Rect, lang: Lang) {
    let block = titled(Msg::ReportsMenu.text(lang), s.focus == Focus::Menu);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = Report::ALL
        .iter()
        .map(|r| {
            let on = *r == s.report;
            rows::row_line(cut(&format!("{}{}", if on { "▶" } else { " " }, r.title().text(lang)), w), on)
        })
        .collect();
    let period = if s.report.by_month() { Some(s.month_text()) } else { s.year().map(|y| y.to_string()) };
    if let Some(p) = period {
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", Msg::KeyPeriod.text(lang)), theme::dim()),
            Span::styled(format!("◀ {p} ▶"), theme::key()),
        ]));
    }
    if s.reading() {
        lines.push(Line::default());
        lines.push(Line::styled(format!(" {}", Msg::Reading.text(lang)), theme::soon()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn state_of(s: &crate::db::statement::Statement, lang: Lang) -> (String, Style) {
    match (&s.number, s.outstanding.0) {
        (None, _) => (Msg::Draft.text(lang).to_owned(), theme::soon()),
        (Some(_), n) if n <= 0 => (lang.pick("납부 완료", "paid").to_owned(), theme::info()),
        (Some(_), n) if n < s.totals.total.0 => (lang.pick("일부 납부", "part paid").to_owned(), theme::soon()),
        (Some(_), _) => (lang.pick("발행", "issued").to_owned(), Style::default()),
    }
}

fn statements(s: &ReportsScreen, frame: &mut Frame, area: Rect, lang: Lang) {
    let list = &s.data.statements;
    let total: i64 = list.iter().map(|x| x.totals.total.0).sum();
    let title =
        fill(Msg::StatementsTitle.text(lang), &[&s.shown_month_text(), &list.len(), &won(total)]) + &s.filter_title();
    let [top, bottom] = Layout::vertical([Constraint::Percentage(45), Constraint::Fill(1)]).areas(area);
    let block = titled(&title, s.focus == Focus::Content);
    let inner = block.inner(top);
    frame.render_widget(block, top);
    let w = usize::from(inner.width);
    let name_w = w.saturating_sub(1 + 13 + 14 + 2 + 9).max(6);
    let head = format!(
        " {}{}{}  {}",
        column(lang.pick("번호", "Number"), 13),
        column(Msg::ColBilledTo.text(lang), name_w),
        column_right(Msg::Total.text(lang), 14),
        Msg::ColState.text(lang)
    );
    let mut lines = vec![Line::styled(cut(&head, w), theme::dim())];
    let visible = u32::from(inner.height.saturating_sub(1));
    let top_row = rows::page_top(s.selected as u32, visible) as usize;
    for (i, st) in list.iter().enumerate().skip(top_row).take(visible as usize) {
        let on = i == s.selected;
        let number = st.number.clone().unwrap_or_default();
        let (state, style) = state_of(st, lang);
        let text = format!(
            "{}{}{}{}  ",
            if on { "▶" } else { " " },
            column(&number, 13),
            column(&st.name, name_w),
            column_right(&won(st.totals.total.0), 14)
        );
        let line = Line::from(vec![Span::raw(text), Span::styled(state, style)]);
        lines.push(if on { line.style(theme::selected()) } else { line });
    }
    if list.is_empty() {
        lines.push(Line::styled(Msg::NoData.text(lang), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    preview(s, frame, bottom, lang);
}

/// The selected statement's lines and totals, as it will be (or was) issued.
fn preview(s: &ReportsScreen, frame: &mut Frame, area: Rect, lang: Lang) {
    let Some(st) = s.selected_statement() else {
        frame.render_widget(titled(Msg::ReportStatements.text(lang), false), area);
        return;
    };
    let number = st.number.clone().unwrap_or_else(|| Msg::Draft.text(lang).to_owned());
    let block = titled(&format!("{number} · {} · {}", st.name, st.billed_id()), false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let item_w = w.saturating_sub(10 + 14).max(8);
    let [body, sums] = Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(inner);
    let mut lines = Vec::new();
    let shown = usize::from(body.height);
    let more = st.lines.len().saturating_sub(shown);
    for l in st.lines.iter().take(if more > 0 { shown.saturating_sub(1) } else { shown }) {
        lines.push(Line::from(format!(
            "{}{}{}",
            column(&labels::statement_line(l, lang), item_w),
            column_right(&labels::quantity(l.quantity, l.unit, lang), 10),
            column_right(&won(l.amount.0), 14)
        )));
    }
    if more > 0 {
        let rest = more + 1;
        lines.push(Line::styled(fill(lang.pick("… 외 {0}건", "… {0} more"), &[&rest]), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), body);
    let sum = |m: Msg, v: i64| Line::from(column_right(&format!("{} {}", m.text(lang), column_right(&won(v), 14)), w));
    let mut total = sum(Msg::Total, st.totals.total.0);
    total = total.style(theme::title());
    frame.render_widget(
        Paragraph::new(vec![sum(Msg::Supply, st.totals.supply.0), sum(Msg::Vat, st.totals.vat.0), total]),
        sums,
    );
}

fn arrears(s: &ReportsScreen, frame: &mut Frame, area: Rect, lang: Lang) {
    let list = &s.data.arrears;
    let owed: i64 = list.iter().map(|a| a.outstanding.0).sum();
    let title = fill(Msg::ArrearsTitle.text(lang), &[&list.len(), &won(owed)]) + &s.filter_title();
    let block = titled(&title, s.focus == Focus::Content);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [chart, table] = Layout::vertical([Constraint::Length(7), Constraint::Fill(1)]).areas(inner);
    let bars: Vec<Bar> = ["current", "1-30", "31-60", "61-90", "90+"]
        .iter()
        .map(|b| {
            let sum: i64 = list.iter().filter(|a| a.bucket == *b).map(|a| a.outstanding.0).sum();
            let style = if *b == "current" { theme::info() } else { theme::error() };
            Bar::with_label(labels::bucket(b, lang), sum.max(0) as u64)
                .text_value(labels::money_short(crate::domain::Won(sum), lang))
                .style(style)
        })
        .collect();
    let bar_width = (chart.width.saturating_sub(4) / 5).clamp(3, 14);
    frame.render_widget(BarChart::vertical(bars).bar_width(bar_width).bar_gap(1), chart);
    let w = usize::from(table.width);
    let name_w = w.saturating_sub(1 + 13 + 11 + 12 + 6).max(6);
    let head = format!(
        " {}{}{}{}{}",
        column(lang.pick("번호", "Number"), 13),
        column(Msg::ColBilledTo.text(lang), name_w),
        column(lang.pick("납부기한", "Due"), 11),
        column_right(lang.pick("미납", "Owed"), 12),
        column_right(lang.pick("연체", "Days"), 6),
    );
    let mut lines = vec![Line::styled(cut(&head, w), theme::dim())];
    let visible = u32::from(table.height.saturating_sub(1));
    let top = rows::page_top(s.selected as u32, visible) as usize;
    for (i, a) in list.iter().enumerate().skip(top).take(visible as usize) {
        let text = format!(
            "{}{}{}{}{}{}",
            if i == s.selected && s.focus == Focus::Content { "▶" } else { " " },
            column(&a.number, 13),
            column(&a.name, name_w),
            column(&date_text(a.due_on), 11),
            column_right(&won(a.outstanding.0), 12),
            column_right(&a.days_overdue.to_string(), 6)
        );
        let style = if a.days_overdue > 60 { theme::error() } else { Style::default() };
        lines.push(Line::styled(cut(&text, w), style));
    }
    if list.is_empty() {
        lines.push(Line::styled(Msg::NoData.text(lang), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), table);
}
