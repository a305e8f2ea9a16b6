//! 1 현황: the programme at a glance. Gauges against the 2010 targets, the
//! building's rooms, the stages companies are at.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, LineGauge, Paragraph, Wrap};

use super::{Screen, Ui};
use crate::cells::{fit, width};
use crate::db::Store;
use crate::domain::{Area, Zone};
use crate::error::Result;
use crate::i18n::{Msg, labels};
use crate::report::dashboard::{self, Dashboard as Data};
use crate::tui::theme;

/// The 2010 target for companies in the whole cluster.
const COMPANY_TARGET: i64 = 100;

#[derive(Default)]
pub struct Dashboard {
    data: Data,
}

impl Screen for Dashboard {
    fn refresh(&mut self, store: &Store) -> Result<()> {
        self.data = dashboard::load(store)?;
        Ok(())
    }

    fn view(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                .areas(area);
        let [targets, today] =
            Layout::vertical([Constraint::Length(9), Constraint::Fill(1)]).areas(left);
        let [space, stages] =
            Layout::vertical([Constraint::Length(7), Constraint::Fill(1)]).areas(right);
        self.targets(frame, targets, ui);
        self.today(frame, today, ui);
        self.space(frame, space, ui);
        self.stages(frame, stages, ui);
    }
}

fn block(title: Msg, ui: &Ui) -> Block<'static> {
    Block::bordered().title(Span::styled(
        format!(" {} ", title.text(ui.lang)),
        theme::title(),
    ))
}

fn ratio(n: i64, of: i64) -> f64 {
    if of <= 0 {
        0.0
    } else {
        (n as f64 / of as f64).clamp(0.0, 1.0)
    }
}

impl Dashboard {
    fn targets(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let b = block(Msg::TargetsTitle, ui);
        let inner = b.inner(area);
        frame.render_widget(b, area);
        let rows = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .split(inner);
        let mut gauges: Vec<(String, i64, i64)> = vec![(
            Msg::TargetsTotal.text(ui.lang).to_owned(),
            self.data.companies_in_cluster(),
            COMPANY_TARGET,
        )];
        for (zone, n) in &self.data.companies_by_zone {
            gauges.push((
                labels::zone(*zone, ui.lang).to_owned(),
                *n,
                i64::from(Zone::target(*zone)),
            ));
        }
        let label_width = gauges.iter().map(|(l, ..)| width(l)).max().unwrap_or(0);
        for (row, (label, n, target)) in rows.iter().zip(&gauges) {
            let g = LineGauge::default()
                .filled_style(theme::gauge())
                .filled_symbol(symbols::line::THICK_HORIZONTAL)
                .label(format!(
                    "{} {:>3} / {:<3}",
                    fit(label, label_width),
                    n,
                    target
                ))
                .ratio(ratio(*n, *target));
            frame.render_widget(g, *row);
        }
        if let Some(row) = rows.get(5) {
            frame.render_widget(
                Paragraph::new(Line::styled(Msg::TargetsLater.text(ui.lang), theme::dim()))
                    .wrap(Wrap { trim: true }),
                *row,
            );
        }
    }

    fn space(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let b = block(Msg::SpaceTitle, ui);
        let inner = b.inner(area);
        frame.render_widget(b, area);
        let [gauge, text] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        let used = self.data.room_area;
        frame.render_widget(
            Gauge::default()
                .gauge_style(theme::gauge())
                .ratio(ratio(used.0, Area::BUILDING.0))
                .label(format!("{:.1} %", ratio(used.0, Area::BUILDING.0) * 100.0)),
            gauge,
        );
        let line = format!(
            "{} {} · {} / {} m²",
            Msg::SpaceRooms.text(ui.lang),
            self.data.rooms,
            used.m2_text(),
            Area::BUILDING.m2_text()
        );
        let lines = vec![
            Line::from(line),
            Line::styled(Msg::SpaceLater.text(ui.lang), theme::dim()),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text);
    }

    fn stages(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let b = block(Msg::StagesTitle, ui);
        let inner = b.inner(area);
        frame.render_widget(b, area);
        let max = self
            .data
            .companies_by_stage
            .iter()
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0)
            .max(1);
        let label_width = self
            .data
            .companies_by_stage
            .iter()
            .map(|(s, _)| width(labels::stage(*s, ui.lang)))
            .max()
            .unwrap_or(0)
            + 1;
        let bar_room = usize::from(inner.width)
            .saturating_sub(label_width + 5)
            .max(1);
        let lines: Vec<Line> = self
            .data
            .companies_by_stage
            .iter()
            .map(|(stage, n)| {
                let len =
                    usize::try_from(*n).unwrap_or(0) * bar_room / usize::try_from(max).unwrap_or(1);
                Line::from(vec![
                    Span::raw(fit(labels::stage(*stage, ui.lang), label_width)),
                    Span::styled("▇".repeat(len.max(usize::from(*n > 0))), theme::gauge()),
                    Span::raw(format!(" {n}")),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn today(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let b = block(Msg::TodayTitle, ui);
        let lines = vec![
            Line::styled(Msg::TodayLater.text(ui.lang), theme::dim()),
            Line::default(),
            Line::from(format!(
                "{}: {}",
                Msg::PeopleCount.text(ui.lang),
                self.data.people
            )),
        ];
        frame.render_widget(
            Paragraph::new(lines).block(b).wrap(Wrap { trim: false }),
            area,
        );
    }
}
