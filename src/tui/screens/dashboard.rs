//! 1 현황: the programme at a glance. Gauges against the 2010 targets with the
//! sales trend, occupancy, leases ending soon, the stages companies are at.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, LineGauge, Paragraph, Sparkline};

use super::{Outcome, Screen, Ui};
use crate::cells::{column, column_right, cut, width};
use crate::db::Store;
use crate::domain::money::group;
use crate::error::Result;
use crate::i18n::{Msg, fill, labels};
use crate::report::dashboard::{self, Dashboard as Data};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::theme;

#[derive(Default)]
pub struct Dashboard {
    /// The year whose figures are shown; 0 until first loaded.
    year: i32,
    data: Data,
}

impl Screen for Dashboard {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Dashboard]
    }

    fn refresh(&mut self, store: &Store) -> Result<()> {
        let today = store.now().date();
        if self.year == 0 {
            self.year = dashboard::default_year(today);
        }
        self.data = dashboard::load(store, self.year, today)?;
        Ok(())
    }

    fn update(&mut self, action: Action, store: &mut Store, ui: &Ui) -> Result<Outcome> {
        let this_year = chrono::Datelike::year(&ui.today);
        match action {
            Action::Left => self.year = (self.year - 1).max(2005),
            Action::Right => self.year = (self.year + 1).min(this_year),
            _ => return Ok(Outcome::Nothing),
        }
        self.refresh(store)?;
        Ok(Outcome::Nothing)
    }

    fn view(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let [left, right] = Layout::horizontal([Constraint::Percentage(56), Constraint::Percentage(44)]).areas(area);
        let [targets, today] = Layout::vertical([Constraint::Length(11), Constraint::Fill(1)]).areas(left);
        let [occupancy, expiring, stages] =
            Layout::vertical([Constraint::Length(5), Constraint::Fill(1), Constraint::Length(7)]).areas(right);
        self.targets(frame, targets, ui);
        self.today(frame, today, ui);
        self.occupancy(frame, occupancy, ui);
        self.expiring(frame, expiring, ui);
        self.stages(frame, stages, ui);
    }
}

fn block(title: &str) -> Block<'static> {
    Block::bordered().title(Span::styled(format!(" {title} "), theme::title()))
}

fn ratio(n: i64, of: i64) -> f64 {
    if of <= 0 { 0.0 } else { (n as f64 / of as f64).clamp(0.0, 1.0) }
}

/// One gauge row: label, bar, value, with the columns aligned across rows.
fn gauge_row(frame: &mut Frame, area: Rect, label: &str, label_w: u16, value: &str, value_w: u16, r: f64) {
    let [l, g, v] =
        Layout::horizontal([Constraint::Length(label_w), Constraint::Fill(1), Constraint::Length(value_w)]).areas(area);
    frame.render_widget(Paragraph::new(column(label, usize::from(label_w))), l);
    let gauge = LineGauge::default()
        .filled_style(theme::gauge())
        .filled_symbol(symbols::line::THICK_HORIZONTAL)
        .label("")
        .ratio(r);
    frame.render_widget(gauge, g);
    frame.render_widget(Paragraph::new(column_right(value, usize::from(value_w))), v);
}

impl Dashboard {
    fn targets(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let p = &self.data.programme;
        let lang = ui.lang;
        let b = block(&fill(Msg::TargetsTitle.text(lang), &[&self.year]));
        let inner = b.inner(area);
        frame.render_widget(b, area);
        let mut rows: Vec<(String, String, f64)> = vec![(
            Msg::TargetsCompanies.text(lang).into(),
            format!("{} / {}", p.companies, p.target_companies),
            ratio(p.companies, p.target_companies),
        )];
        for z in &p.by_zone {
            rows.push((
                format!(" {}", labels::zone(z.zone, lang)),
                format!("{} / {}", z.companies, z.target),
                ratio(z.companies, z.target),
            ));
        }
        rows.push((
            Msg::TargetsJobs.text(lang).into(),
            format!("{} / {}", group(i128::from(p.employees)), group(i128::from(p.target_employees))),
            ratio(p.employees, p.target_employees),
        ));
        rows.push((
            Msg::TargetsSales.text(lang).into(),
            format!("{} / {}", labels::money_short(p.sales, lang), labels::money_short(p.target_sales, lang)),
            ratio(p.sales.0, p.target_sales.0),
        ));
        let label_w = rows.iter().map(|(l, ..)| width(l)).max().unwrap_or(0) as u16 + 1;
        let value_w = rows.iter().map(|(_, v, _)| width(v)).max().unwrap_or(0) as u16 + 1;
        let areas = Layout::vertical(vec![Constraint::Length(1); rows.len() + 2]).split(inner);
        for (area, (label, value, r)) in areas.iter().zip(&rows) {
            gauge_row(frame, *area, label, label_w, value, value_w, *r);
        }
        if let Some(trend_area) = areas.get(rows.len() + 1) {
            let first = p.trend.first().map_or(self.year, |t| t.year);
            let label = format!("{} ({first}–{}) ", Msg::SalesTrend.text(lang), self.year);
            let [l, s] =
                Layout::horizontal([Constraint::Length(width(&label) as u16), Constraint::Fill(1)]).areas(*trend_area);
            frame.render_widget(Paragraph::new(label), l);
            let data: Vec<u64> = p.trend.iter().map(|t| u64::try_from(t.sales.0 / 100_000_000).unwrap_or(0)).collect();
            frame.render_widget(Sparkline::default().data(&data).style(theme::gauge()), s);
        }
    }

    fn occupancy(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let o = &self.data.occupancy;
        let b = block(Msg::OccupancyTitle.text(ui.lang));
        let inner = b.inner(area);
        frame.render_widget(b, area);
        let [gauge, text] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        let r = o.area_rate_bp as f64 / 10_000.0;
        frame.render_widget(
            Gauge::default()
                .gauge_style(theme::gauge())
                .ratio(r.clamp(0.0, 1.0))
                .label(format!("{:.1} %", o.area_percent())),
            gauge,
        );
        let lines = vec![
            Line::from(format!("{} / {} m²", o.leased_area.m2_text(), o.area.m2_text())),
            Line::from(fill(Msg::OccupancyRooms.text(ui.lang), &[&o.leased_rooms, &o.rooms, &o.vacant.len()])),
        ];
        frame.render_widget(Paragraph::new(lines), text);
    }

    fn expiring(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let b = block(Msg::ExpiringTitle.text(ui.lang));
        let inner = b.inner(area);
        frame.render_widget(b, area);
        if self.data.expiring.is_empty() {
            frame.render_widget(Paragraph::new(Line::styled(Msg::ExpiringNone.text(ui.lang), theme::dim())), inner);
            return;
        }
        let name_w = usize::from(inner.width).saturating_sub(4 + 1 + 10 + 1 + 5 + 2).max(4);
        let lines: Vec<Line> = self
            .data
            .expiring
            .iter()
            .take(usize::from(inner.height))
            .map(|l| {
                let d = l.days_left(ui.today).unwrap_or(0);
                let style = if d <= 30 { theme::urgent() } else { theme::soon() };
                Line::from(vec![
                    Span::raw(column(&l.room, 5)),
                    Span::raw(column(&l.company_name, name_w)),
                    Span::raw(format!(" {} ", l.last_day)),
                    Span::styled(column_right(&format!("D-{d}"), 5), style),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn stages(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let b = block(Msg::StagesTitle.text(ui.lang));
        let inner = b.inner(area);
        frame.render_widget(b, area);
        let stages = &self.data.companies_by_stage;
        let max = stages.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
        let label_w = stages.iter().map(|(s, _)| width(labels::stage(*s, ui.lang))).max().unwrap_or(0) + 1;
        let bar_room = usize::from(inner.width).saturating_sub(label_w + 5).max(1);
        let lines: Vec<Line> = stages
            .iter()
            .map(|(stage, n)| {
                let len = usize::try_from(*n).unwrap_or(0) * bar_room / usize::try_from(max).unwrap_or(1);
                Line::from(vec![
                    Span::raw(column(labels::stage(*stage, ui.lang), label_w)),
                    Span::styled("▇".repeat(len.max(usize::from(*n > 0))), theme::gauge()),
                    Span::raw(format!(" {n}")),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn today(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let b = block(Msg::TodayTitle.text(ui.lang));
        let p = &self.data.programme;
        let w = usize::from(area.width.saturating_sub(2));
        let rows = usize::from(area.height.saturating_sub(4));
        let mut lines: Vec<Line> = self
            .data
            .machines
            .iter()
            .take(rows)
            .map(|(code, name, now)| {
                let (text, style) = crate::tui::screens::equipment::now_text(now, ui.lang);
                Line::from(vec![
                    Span::raw(column(&format!("{code} {name}"), 20)),
                    Span::styled(cut(&text, w.saturating_sub(20)), style),
                ])
            })
            .collect();
        if lines.is_empty() {
            lines.push(Line::styled(Msg::NoMachinesBusy.text(ui.lang), theme::dim()));
        }
        // Said first, where it cannot be missed: late issue costs 1 %.
        if let Some(wait) = &self.data.waiting {
            // Short enough for the pane at 80 columns: `10월`, `11-10`.
            let due = wait.due.format("%m-%d").to_string();
            let number = wait.month.rsplit('-').next().map_or(0, |m| m.parse::<u32>().unwrap_or(0));
            let text = fill(Msg::DocumentsWaiting.text(ui.lang), &[&number, &wait.documents, &due, &wait.month]);
            lines.insert(0, Line::styled(cut(&text, w), theme::soon()));
        }
        lines.extend([
            Line::from(cut(
                &fill(Msg::TodayCounts.text(ui.lang), &[&self.data.pending, &self.data.today, &self.data.people]),
                w,
            )),
            Line::from(cut(
                &fill(
                    Msg::ProgrammeExtra.text(ui.lang),
                    &[&p.graduated, &p.reporting, &labels::money_short(p.exports, ui.lang), &p.patents_granted],
                ),
                w,
            )),
        ]);
        // Every line is cut to the pane above: nothing is left to wrap.
        frame.render_widget(Paragraph::new(lines).block(b), area);
    }

    /// The year shown, for tests and the status line.
    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn today_of(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.data.occupancy.on, "%Y-%m-%d").ok()
    }
}
