//! The reports drawn as charts: occupancy as a line over the months,
//! utilisation as a gauge per machine, training outcomes with the overall
//! completion rate, the programme against its targets, the top users as bars.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Bar, BarChart, Chart, Dataset, Gauge, GraphType, LineGauge, Paragraph, Sparkline};

use super::view::{titled, won};
use super::{Focus, ReportsScreen};
use crate::cells::{column, column_right, cut};
use crate::i18n::{Lang, Msg, fill, labels};
use crate::tui::screens::list as rows;
use crate::tui::theme;

fn empty(frame: &mut Frame, area: Rect, lang: Lang) {
    frame.render_widget(Paragraph::new(Line::styled(Msg::NoData.text(lang), theme::dim())), area);
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 { (part / whole).clamp(0.0, 1.0) } else { 0.0 }
}

pub(super) fn occupancy(s: &ReportsScreen, frame: &mut Frame, area: Rect, lang: Lang) {
    let points = &s.data.occupancy;
    let block = titled(Msg::ReportOccupancy.text(lang), s.focus == Focus::Content);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (Some(first), Some(last)) = (points.first(), points.last()) else { return empty(frame, inner, lang) };
    let [chart, note] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let data: Vec<(f64, f64)> =
        points.iter().enumerate().map(|(i, p)| (i as f64, p.area_rate_bp as f64 / 100.0)).collect();
    let mid = &points[points.len() / 2];
    let x_max = (points.len().saturating_sub(1)).max(1) as f64;
    let dataset = Dataset::default()
        .marker(symbols::Marker::Braille)
        .graph_type(GraphType::Line)
        .style(theme::gauge())
        .data(&data);
    let chart_widget = Chart::new(vec![dataset])
        .x_axis(
            Axis::default()
                .bounds([0.0, x_max])
                .labels([first.month, mid.month, last.month].map(crate::domain::statement::month_of))
                .style(theme::dim()),
        )
        .y_axis(Axis::default().bounds([0.0, 100.0]).labels(["0", "50", "100 %"]).style(theme::dim()));
    frame.render_widget(chart_widget, chart);
    let text = format!(
        "{}  {:.1} %  ({}/{} {})",
        last.month,
        last.area_rate_bp as f64 / 100.0,
        last.leased_rooms,
        last.rooms,
        lang.pick("호실", "rooms")
    );
    frame.render_widget(Paragraph::new(Line::styled(text, theme::title())), note);
}

pub(super) fn utilisation(s: &ReportsScreen, frame: &mut Frame, area: Rect, lang: Lang) {
    let list = &s.data.utilisation;
    let title = fill(Msg::UtilisationTitle.text(lang), &[&s.shown_month_text()]) + &s.filter_title();
    let block = titled(&title, s.focus == Focus::Content);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if list.is_empty() {
        return empty(frame, inner, lang);
    }
    let w = usize::from(inner.width);
    let name_w = if w >= 90 { 24 } else { 12 };
    let text_w = 1 + 8 + name_w + 16;
    let visible = inner.height as usize;
    let top = rows::page_top(s.selected as u32, visible as u32) as usize;
    for (row, (i, m)) in list.iter().enumerate().skip(top).take(visible).enumerate() {
        let y = inner.y + row as u16;
        let on = i == s.selected && s.focus == Focus::Content;
        let text = format!(
            "{}{}{}{}",
            if on { "▶" } else { " " },
            column(&m.equipment, 8),
            column(&m.name, name_w),
            column_right(&format!("{:.0}/{:.0}h ", m.used_hours, m.available_hours), 16)
        );
        let text_area = Rect { x: inner.x, y, width: (text_w as u16).min(inner.width), height: 1 };
        let style = if on { theme::selected() } else { Style::default() };
        frame.render_widget(Paragraph::new(Line::styled(cut(&text, w), style)), text_area);
        let gauge_area =
            Rect { x: inner.x + text_area.width, y, width: inner.width.saturating_sub(text_area.width), height: 1 };
        let gauge = LineGauge::default()
            .filled_style(if m.utilisation >= 80.0 { theme::soon() } else { theme::gauge() })
            .filled_symbol(symbols::line::THICK_HORIZONTAL)
            .label(format!("{:>5.1} %", m.utilisation))
            .ratio(ratio(m.utilisation, 100.0));
        frame.render_widget(gauge, gauge_area);
    }
}

pub(super) fn training(s: &ReportsScreen, frame: &mut Frame, area: Rect, lang: Lang) {
    let list = &s.data.training;
    let block = titled(&(Msg::ReportTraining.text(lang).to_owned() + &s.filter_title()), s.focus == Focus::Content);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if list.is_empty() {
        return empty(frame, inner, lang);
    }
    let [gauge, table] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let (trainees, completed): (i64, i64) = list.iter().fold((0, 0), |(t, c), r| (t + r.trainees, c + r.completed));
    let r = ratio(completed as f64, trainees as f64);
    let label = fill(
        lang.pick("전체 수료율 {0} % ({1}/{2}명)", "Completion {0} % ({1} of {2})"),
        &[&format!("{:.1}", r * 100.0), &completed, &trainees],
    );
    frame
        .render_widget(Gauge::default().gauge_style(theme::gauge()).ratio(r).label(label), Rect { height: 1, ..gauge });
    let w = usize::from(table.width);
    let title_w = w.saturating_sub(1 + 6 + 10 + 12 + 8 + 6).max(6);
    let head = format!(
        " {}{}{}{}{}{}",
        column(lang.pick("연도", "Year"), 6),
        column(Msg::ColCourse.text(lang), 10),
        column(Msg::ColTitle.text(lang), title_w),
        column_right(lang.pick("수료/수강", "Done/all"), 12),
        column_right(lang.pick("수료율", "Rate"), 8),
        column_right(lang.pick("자격", "Qual."), 6)
    );
    let mut lines = vec![Line::styled(cut(&head, w), theme::dim())];
    let visible = u32::from(table.height.saturating_sub(1));
    let top = rows::page_top(s.selected as u32, visible) as usize;
    for (i, t) in list.iter().enumerate().skip(top).take(visible as usize) {
        let on = i == s.selected && s.focus == Focus::Content;
        let text = format!(
            "{}{}{}{}{}{}{}",
            if on { "▶" } else { " " },
            column(&t.year.to_string(), 6),
            column(&t.course, 10),
            column(&t.title, title_w),
            column_right(&format!("{}/{}", t.completed, t.trainees), 12),
            column_right(&format!("{:.1} %", t.completion_rate), 8),
            column_right(&t.qualifications.to_string(), 6)
        );
        lines.push(rows::row_line(cut(&text, w), on));
    }
    frame.render_widget(Paragraph::new(lines), table);
}

pub(super) fn kpis(s: &ReportsScreen, frame: &mut Frame, area: Rect, lang: Lang) {
    let year = s.kpi_year;
    let block = titled(&format!("{} · {year}", Msg::ReportKpis.text(lang)), s.focus == Focus::Content);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let before_any;
    let p = match s.data.kpis.iter().find(|p| p.year == year) {
        Some(p) => p,
        // The years read start at the first admission: before it, the
        // programme had nothing yet. (Another year's figures under this
        // year's title would mislead.)
        None if s.data.kpis.first().is_some_and(|first| year < first.year) => {
            before_any = crate::report::programme::Programme::before_any(year);
            &before_any
        }
        None => return empty(frame, inner, lang),
    };
    let [gauges, trend] = Layout::vertical([Constraint::Length(7), Constraint::Fill(1)]).areas(inner);
    let rows_of = Layout::vertical([Constraint::Length(2); 3]).split(gauges);
    let items = [
        (
            Msg::TargetsCompanies,
            p.companies as f64,
            p.target_companies as f64,
            format!("{}/{}", p.companies, p.target_companies),
        ),
        (
            Msg::TargetsJobs,
            p.employees as f64,
            p.target_employees as f64,
            format!("{}/{}", won(p.employees), won(p.target_employees)),
        ),
        (
            Msg::TargetsSales,
            p.sales.0 as f64,
            p.target_sales.0 as f64,
            format!("{}/{}", labels::money_short(p.sales, lang), labels::money_short(p.target_sales, lang)),
        ),
    ];
    for ((msg, part, whole, text), row) in items.iter().zip(rows_of.iter()) {
        let [label, gauge] = Layout::horizontal([Constraint::Length(10), Constraint::Fill(1)]).areas(*row);
        frame.render_widget(Paragraph::new(column(msg.text(lang), 10)), label);
        let r = ratio(*part, *whole);
        frame.render_widget(
            Gauge::default().gauge_style(theme::gauge()).ratio(r).label(format!("{text}  {:.0} %", r * 100.0)),
            Rect { height: 1, ..gauge },
        );
    }
    let [spark_label, spark] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(trend);
    let years: Vec<&crate::report::programme::Programme> = s.data.kpis.iter().filter(|k| k.year <= year).collect();
    let shown = years.len().min(usize::from(spark.width));
    let data: Vec<u64> = years[years.len() - shown..].iter().map(|k| k.employees.max(0) as u64).collect();
    let from = years.get(years.len() - shown).map_or(year, |k| k.year);
    let caption = format!("{} {from}–{year}", Msg::TargetsJobs.text(lang));
    frame.render_widget(Paragraph::new(Line::styled(caption, theme::dim())), spark_label);
    frame.render_widget(Sparkline::default().data(&data).style(theme::gauge()), spark);
}

pub(super) fn top_users(s: &ReportsScreen, frame: &mut Frame, area: Rect, lang: Lang) {
    let list = &s.data.top_users;
    let title = fill(Msg::TopUsersTitle.text(lang), &[&s.shown_year()]) + &s.filter_title();
    let block = titled(&title, s.focus == Focus::Content);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if list.is_empty() {
        return empty(frame, inner, lang);
    }
    let label_w = 14;
    let bars: Vec<Bar> = list
        .iter()
        .map(|u| {
            Bar::with_label(Line::from(column(&u.company_name, label_w)), (u.hours * 10.0).round().max(0.0) as u64)
                .text_value(format!("{:.1}h · {}", u.hours, labels::money_short(u.charged, lang)))
        })
        .collect();
    let shown = usize::from(inner.height).min(bars.len());
    frame.render_widget(
        BarChart::horizontal(bars[..shown].to_vec()).bar_width(1).bar_gap(0).bar_style(theme::gauge()),
        inner,
    );
}
