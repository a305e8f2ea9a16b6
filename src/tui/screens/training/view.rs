//! Drawing the training screen: the cohorts, a roster with its attendance
//! grid and waitlist, and the qualifications coloured by expiry.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{TrainingScreen, View};
use crate::cells::{column, column_right, cut, width, wrap};
use crate::domain::Attendance;
use crate::i18n::{Msg, fill};
use crate::tui::screens::{Ui, list as rows};
use crate::tui::theme;

pub(super) fn titled(title: &str) -> Block<'static> {
    Block::bordered().title(Span::styled(format!(" {title} "), theme::title()))
}

pub(super) fn cohorts(s: &TrainingScreen, frame: &mut Frame, area: Rect, ui: &Ui) {
    let lang = ui.lang;
    let title = fill(Msg::CohortsTitle.text(lang), &[&s.cohorts.total, &s.flagged]) + &s.filter_title(View::Cohorts);
    let block = titled(&title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let title_w = w.saturating_sub(10 + 9 + 16 + 24 + 1).clamp(8, 40);
    let head = format!(
        " {}{}{}{}{}",
        column(Msg::ColCourse.text(lang), 10),
        column(Msg::ColTitle.text(lang), title_w),
        column(Msg::ColCohort.text(lang), 9),
        column(Msg::ColSeats.text(lang), 16),
        Msg::ColState.text(lang)
    );
    let mut lines = vec![Line::styled(cut(&head, w), theme::dim())];
    let visible = u32::from(inner.height.saturating_sub(1));
    let top = rows::page_top(s.cohorts.selected, visible);
    for i in top..(top + visible).min(s.cohorts.total) {
        let Some(c) = s.cohorts.get(i) else { break };
        let seats = format!("{}/{} +{}", c.enrolled, c.capacity, c.waitlisted);
        let state = match &c.completed_on {
            Some(d) => fill(Msg::CohortDone.text(lang), &[d]),
            None => fill(Msg::CohortRunning.text(lang), &[&c.opens_on, &c.closes_on]),
        };
        let text = format!(
            "{}{}{}{}{}{}",
            if i == s.cohorts.selected { "▶" } else { " " },
            column(&c.course, 10),
            column(&c.course_title, title_w),
            column(&c.code, 9),
            column(&seats, 16),
            state
        );
        lines.push(rows::row_line(cut(&text, w), i == s.cohorts.selected));
    }
    if s.cohorts.total == 0 {
        lines.push(Line::styled(Msg::NoCohorts.text(lang), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn mark(a: Option<Attendance>) -> (&'static str, Style) {
    match a {
        Some(Attendance::Present) => ("●", theme::info()),
        Some(Attendance::Late) => ("◐", theme::soon()),
        Some(Attendance::Absent) => ("○", theme::error()),
        Some(Attendance::Excused) => ("◎", theme::key()),
        None => ("·", theme::dim()),
    }
}

pub(super) fn roster(screen: &TrainingScreen, frame: &mut Frame, area: Rect, ui: &Ui) {
    let lang = ui.lang;
    let roster = &screen.roster;
    let Some(c) = &roster.cohort else { return };
    let title = fill(
        Msg::RosterTitle.text(lang),
        &[&c.course, &c.course_title, &c.code, &c.capacity, &c.enrolled, &c.waitlisted],
    );
    let block = titled(&(title + &screen.filter_title(View::Roster)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [grid, waitlist, legend] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(2), Constraint::Length(1)]).areas(inner);
    let name_w = 10;
    let company_w = if inner.width >= 100 { 14 } else { 8 };
    let col_w = 4;
    let fixed = 1 + name_w + company_w + 9 + 14;
    let fit_cols = (usize::from(inner.width).saturating_sub(fixed) / col_w).max(1);
    let first_col = screen.col.saturating_sub(fit_cols - 1);
    let sessions: Vec<_> = roster.grid.sessions.iter().enumerate().skip(first_col).take(fit_cols).collect();
    let mut head = vec![Span::styled(
        format!(" {}{}", column(Msg::ColName.text(lang), name_w), column(Msg::ColCompany.text(lang), company_w)),
        theme::dim(),
    )];
    for (i, sess) in &sessions {
        let style = if *i == screen.col { theme::key() } else { theme::dim() };
        head.push(Span::styled(column(&fill(Msg::SessionShort.text(lang), &[&sess.number]), col_w), style));
    }
    head.push(Span::styled(
        format!("{} {}", column_right(Msg::ColRate.text(lang), 8), Msg::ColOutcome.text(lang)),
        theme::dim(),
    ));
    let mut lines = vec![Line::from(head)];
    let visible = usize::from(grid.height.saturating_sub(1));
    let top = screen.row.saturating_sub(visible.saturating_sub(1));
    for (ri, row) in roster.grid.rows.iter().enumerate().skip(top).take(visible) {
        let e = &row.enrolment;
        let mut spans = vec![Span::raw(format!(
            "{}{}{}",
            if ri == screen.row { "▶" } else { " " },
            column(&e.person_name, name_w),
            column(e.company_name.as_deref().unwrap_or(Msg::External.text(lang)), company_w)
        ))];
        for (ci, _) in &sessions {
            let (m, style) = mark(row.marks.get(*ci).copied().flatten());
            let style =
                if ri == screen.row && *ci == screen.col { style.add_modifier(Modifier::REVERSED) } else { style };
            spans.push(Span::styled(column(m, col_w), style));
        }
        let pct = if row.total_minutes > 0 { row.attended_minutes * 100 / row.total_minutes } else { 0 };
        let outcome = match (e.certificate.as_deref(), row.passes) {
            (Some(cert), _) => format!("✔ {cert}"),
            (None, true) => format!("✔ {}", Msg::WillComplete.text(lang)),
            (None, false) => format!("✖ {}", Msg::BelowThreshold.text(lang)),
        };
        spans.push(Span::raw(column_right(&format!("{pct} %"), 8)));
        spans.push(Span::styled(format!(" {outcome}"), if row.passes { theme::info() } else { theme::error() }));
        lines.push(Line::from(spans));
    }
    if roster.grid.rows.is_empty() {
        lines.push(Line::styled(Msg::NoTrainees.text(lang), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), grid);
    let waiting: Vec<String> = roster
        .waitlist
        .iter()
        .map(|e| {
            format!(
                "{} {}{}",
                e.position.unwrap_or(0),
                e.person_name,
                e.company_name.as_ref().map_or_else(String::new, |c| format!(" ({c})"))
            )
        })
        .collect();
    let wl = if waiting.is_empty() {
        Msg::NoWaitlist.text(lang).to_owned()
    } else {
        format!("{} {}", Msg::Waitlist.text(lang), waiting.join(" · "))
    };
    // Wrapped by cells (ratatui's word wrap loses Hangul at a line's edge).
    let rows = usize::from(waitlist.height);
    let mut parts = wrap(&wl, usize::from(waitlist.width));
    if parts.len() > rows {
        parts.truncate(rows);
        if let Some(last) = parts.last_mut() {
            *last = cut(&format!("{last} …"), usize::from(waitlist.width));
        }
    }
    frame.render_widget(Paragraph::new(parts.into_iter().map(Line::from).collect::<Vec<_>>()), waitlist);
    frame.render_widget(
        Paragraph::new(Line::styled(cut(Msg::AttendanceLegend.text(lang), usize::from(legend.width)), theme::dim())),
        legend,
    );
}

pub(super) fn qualifications(s: &TrainingScreen, frame: &mut Frame, area: Rect, ui: &Ui) {
    let lang = ui.lang;
    let title = fill(Msg::QualificationsTitle.text(lang), &[&s.quals.total, &s.flagged])
        + &s.filter_title(View::Qualifications);
    let block = titled(&title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    let visible = u32::from(inner.height);
    let top = rows::page_top(s.quals.selected, visible);
    for i in top..(top + visible).min(s.quals.total) {
        let Some(q) = s.quals.get(i) else { break };
        let left = q.days_left(ui.today);
        let (state, style) = if q.revoked_at.is_some() {
            (Msg::Revoked.text(lang).to_owned(), theme::dim())
        } else if left < 0 {
            (Msg::Expired.text(lang).to_owned(), theme::error())
        } else if left <= 30 {
            (format!("D-{left}"), theme::soon())
        } else {
            (format!("D-{left}"), theme::info())
        };
        let text = format!(
            "{}#{:<5}{}{}{}{}–{}  ",
            if i == s.quals.selected { "▶" } else { " " },
            q.id,
            column(&format!("{} {}", q.person, q.person_name), 15),
            column(&q.course, 9),
            column(&q.machines, 10),
            q.valid_from.format("%y-%m-%d"),
            q.valid_until.format("%y-%m-%d")
        );
        let used = width(&text);
        let line = Line::from(vec![Span::raw(text), Span::styled(cut(&state, w.saturating_sub(used)), style)]);
        lines.push(if i == s.quals.selected { line.style(theme::selected()) } else { line });
    }
    if s.quals.total == 0 {
        lines.push(Line::styled(Msg::NoQualifications.text(lang), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
