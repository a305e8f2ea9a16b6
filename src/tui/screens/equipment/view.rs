//! Drawing the equipment screen: the machine list with each one's state now,
//! the approvals queue, and a machine's week.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{EquipmentScreen, row_minutes, span};
use crate::cells::{column, cut};
use crate::db::booking::Booking;
use crate::domain::Minute;
use crate::domain::booking::BookingState;
use crate::domain::period::shown;
use crate::i18n::{Lang, Msg, fill, labels};
use crate::report::equipment::Now;
use crate::tui::screens::{Ui, list as rows};
use crate::tui::theme;

fn titled(title: &str) -> Block<'static> {
    Block::bordered().title(Span::styled(format!(" {title} "), theme::title()))
}

/// When use that began at `start` ends: the time, or the day and time if
/// it ends on another day (a night's firing), never a bare time that reads
/// as earlier than its start.
fn until(start: Minute, end: Minute) -> String {
    if start.date() == end.date() { end.to_datetime().format("%H:%M").to_string() } else { end.to_string() }
}

/// What a machine is doing now, in a few words, and its style.
pub fn now_text(now: &Now, lang: Lang) -> (String, Style) {
    match now {
        Now::InUse(b) => {
            (format!("● {} {} ~{}", Msg::StatusInUse.text(lang), b.who(), until(b.start, b.end)), theme::info())
        }
        Now::Down(d) => (
            format!(
                "✖ {} ~{} {}",
                labels::downtime_reason(d.reason, lang),
                d.end.to_datetime().format("%m-%d"),
                d.end.to_datetime().format("%H:%M")
            ),
            theme::error(),
        ),
        Now::Free(Some(b)) => (
            format!("○ {} {} {}", labels::booking_state(b.state, lang), b.span_times(), b.who()),
            if b.state == BookingState::Requested { theme::soon() } else { Style::new() },
        ),
        Now::Free(None) => (format!("· {}", Msg::StatusFree.text(lang)), theme::dim()),
    }
}

pub(super) fn list(s: &EquipmentScreen, frame: &mut Frame, area: Rect, ui: &Ui) {
    let lang = ui.lang;
    let title = fill(Msg::EquipmentTitle.text(lang), &[&s.total, &s.pending]) + &s.machine_filter.title();
    let block = titled(&title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let name_w = (w / 3).clamp(10, 28);
    let cat_w =
        crate::domain::Category::ALL.iter().map(|c| crate::cells::width(labels::category(*c, lang))).max().unwrap_or(6)
            + 1;
    let mut lines = vec![Line::styled(
        cut(
            &format!(
                " {}{}{}{}",
                column(Msg::ColCode.text(lang), 8),
                column(Msg::ColName.text(lang), name_w),
                column(Msg::ColCategory.text(lang), cat_w),
                Msg::ColNow.text(lang)
            ),
            w,
        ),
        theme::dim(),
    )];
    let visible = u32::from(inner.height.saturating_sub(1));
    let top = rows::page_top(s.selected, visible);
    for i in top..(top + visible).min(s.total) {
        let Some((e, now)) = s.machine_at(i) else { break };
        let (status, style) = now_text(now, lang);
        let selected = i == s.selected;
        let head = format!(
            "{}{}{}{}",
            if selected { "▶" } else { " " },
            column(&e.code, 8),
            column(&e.name, name_w),
            column(labels::category(e.category, lang), cat_w)
        );
        let rest = cut(&status, w.saturating_sub(crate::cells::width(&head)));
        let line = if selected {
            Line::from(vec![
                Span::styled(head, theme::selected()),
                Span::styled(rest, style.add_modifier(Modifier::REVERSED)),
            ])
        } else if e.is_active() {
            Line::from(vec![Span::raw(head), Span::styled(rest, style)])
        } else {
            Line::styled(format!("{head}{}", Msg::Retired.text(lang)), theme::dim())
        };
        lines.push(line);
    }
    if s.total == 0 {
        lines.push(Line::styled(Msg::NoEquipment.text(lang), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub(super) fn approvals(s: &EquipmentScreen, frame: &mut Frame, area: Rect, ui: &Ui) {
    let lang = ui.lang;
    let block = titled(&(fill(Msg::ApprovalsTitle.text(lang), &[&s.queue.len()]) + &s.queue_filter.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    let visible = inner.height as usize;
    let top = rows::page_top(s.queue_selected as u32, visible as u32) as usize;
    for (i, b) in s.queue.iter().enumerate().skip(top).take(visible) {
        let text = format!(
            "{}#{:<6}{}{}  {}  {}",
            if i == s.queue_selected { "▶" } else { " " },
            b.id,
            column(&format!("{} {}", b.equipment, b.equipment_name), 22),
            b.span(),
            b.who(),
            b.purpose
        );
        lines.push(rows::row_line(cut(&text, w), i == s.queue_selected));
    }
    if s.queue.is_empty() {
        lines.push(Line::styled(Msg::NoApprovals.text(lang), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// How a booking or downtime paints its calendar cells.
fn booking_style(b: &Booking) -> (&'static str, Style) {
    match b.state {
        _ if b.overran.is_some() => ("!!", theme::error()),
        BookingState::Requested => ("▒▒", theme::soon()),
        BookingState::Completed => ("██", theme::dim()),
        _ => ("██", theme::gauge()),
    }
}

pub(super) fn calendar(s: &EquipmentScreen, frame: &mut Frame, area: Rect, ui: &Ui) {
    let lang = ui.lang;
    let (Some(eq), Some(monday)) = (&s.machine, s.monday) else { return };
    let title = format!("{} {} ({}) · {} ◀ ▶", eq.code, eq.name, eq.model, fill(Msg::WeekOf.text(lang), &[&monday]))
        + &s.week_filter.title();
    let block = titled(&title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let waiting = waiting_line(s, lang);
    let [head, grid, waits, legend] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(u16::from(waiting.is_some())),
        Constraint::Length(1),
    ])
    .areas(inner);
    let label_w: u16 = 6;
    let col_w = (inner.width.saturating_sub(label_w) / 7).max(4);
    let days: Vec<NaiveDate> = (0..7).map(|i| monday + chrono::Duration::days(i)).collect();
    let closed = |d: NaiveDate| s.week.closed.iter().find(|(c, _)| *c == d).map(|(_, n)| n.clone());
    let mut header = vec![Span::raw(" ".repeat(usize::from(label_w)))];
    for (i, d) in days.iter().enumerate() {
        let short = format!("{} {}", labels::weekday(*d, lang), d.format("%m/%d"));
        let style = if closed(*d).is_some() || i >= 5 {
            theme::error()
        } else if i == s.cursor_day {
            theme::key()
        } else {
            theme::dim()
        };
        header.push(Span::styled(column(&short, usize::from(col_w)), style));
    }
    frame.render_widget(Paragraph::new(Line::from(header)), head);
    let (open, close) = span(eq);
    let row = row_minutes(eq);
    let rows_total = ((close - open) / row) as usize;
    let visible = usize::from(grid.height);
    let cursor_row = ((s.cursor_minute.saturating_sub(open)) / row) as usize;
    let top =
        cursor_row.saturating_sub(visible.saturating_sub(1)).min(rows_total.saturating_sub(visible.min(rows_total)));
    let mut lines = Vec::new();
    for r in top..(top + visible).min(rows_total) {
        let minute = open + r as u32 * row;
        let mut spans = vec![Span::styled(
            column(&format!("{:02}:{:02}", minute / 60, minute % 60), usize::from(label_w)),
            theme::dim(),
        )];
        for (di, d) in days.iter().enumerate() {
            let at = Minute(Minute::at(*d, 0, 0).0 + i64::from(minute));
            let end = Minute(at.0 + i64::from(row));
            let cursor = di == s.cursor_day && minute == s.cursor_minute;
            let booking =
                s.week.bookings.iter().find(|b| b.start < end && b.end > at && b.state != BookingState::Cancelled);
            // A pending downtime waits for the bookings in its way: they
            // hold the time, so they are drawn, not hidden under it.
            let downtime = s
                .week
                .downtime
                .iter()
                .find(|x| x.start < end && x.end > at)
                .filter(|x| x.state != "pending" || booking.is_none());
            let hours = eq.rules.hours.on(di);
            let open_now = hours.is_some_and(|(o, c)| o <= minute && minute < c);
            let (text, mut style) = if let Some(x) = downtime {
                let first = x.start >= at || minute == open;
                let label = if first { labels::downtime_reason(x.reason, lang) } else { "" };
                (format!("░░{label}"), theme::error())
            } else if let Some(b) = booking {
                let (mark, style) = booking_style(b);
                let first = b.start >= at || minute == open;
                (format!("{mark}{}", if first { b.person_name.as_str() } else { "" }), style)
            } else if let Some(name) = closed(*d).filter(|_| !eq.rules.holidays_bookable) {
                (if minute == open { format!("▓ {name}") } else { "▓".into() }, theme::dim())
            } else if !open_now {
                ("·".into(), theme::dim())
            } else {
                (String::new(), Style::new())
            };
            if cursor {
                style = style.add_modifier(Modifier::REVERSED);
            }
            let cell = column(&text, usize::from(col_w));
            spans.push(Span::styled(
                if cursor && text.is_empty() { column("▏", usize::from(col_w)) } else { cell },
                style,
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), grid);
    if let Some(text) = waiting {
        frame.render_widget(Paragraph::new(Line::styled(cut(&text, usize::from(waits.width)), theme::error())), waits);
    }
    frame.render_widget(
        Paragraph::new(Line::styled(cut(Msg::CalendarLegend.text(lang), usize::from(legend.width)), theme::dim())),
        legend,
    );
}

/// The week's first pending downtime and the booking it waits for:
/// `░░ 교정 12-14 09:00–18:00 · 예약 #123(김민수, 12-14 10:00–11:00)이 …`.
fn waiting_line(s: &EquipmentScreen, lang: Lang) -> Option<String> {
    let d = s.week.downtime.iter().find(|d| !d.waiting_for.is_empty())?;
    let booking = |id: &i64| match s.week.bookings.iter().find(|b| b.id == *id) {
        Some(b) => format!("#{id}({}, {})", b.person_name, without_year(b.span())),
        None => format!("#{id}"),
    };
    let ids: Vec<String> = d.waiting_for.iter().map(booking).collect();
    Some(format!(
        "░░ {} {} · {}",
        labels::downtime_reason(d.reason, lang),
        without_year(shown(d.start, d.end)),
        fill(Msg::WaitsFor.text(lang), &[&ids.join(", ")])
    ))
}

/// A period without its year, for a line that is short of room.
fn without_year(text: String) -> String {
    match text.get(5..) {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}
