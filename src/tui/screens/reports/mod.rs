//! 6 보고서: a menu of the reports and the month's statements. The report in
//! front loads alone (the others cost nothing until chosen); ←→ move its
//! month or year; `I` issues the month's statements after a confirmation;
//! `x`/`c` write what is on screen to an Excel or CSV file in the current
//! folder; `b` backs the database up.

mod charts;
mod view;

use chrono::{Datelike, NaiveDate};

use super::{Outcome, Screen, Ui, list};
use crate::db::Store;
use crate::db::statement::{self, Arrear, Statement};
use crate::domain::statement::month_text;
use crate::error::Result;
use crate::i18n::{Msg, fill};
use crate::report::programme::Programme;
use crate::report::sheets::{self, Book};
use crate::report::trends::{self, OccupancyPoint, TrainingOutcome};
use crate::report::usage::{self, MachineUse, TopUser};
use crate::tui::action::Action;
use crate::tui::forms;
use crate::tui::keymap::Context;

/// The reports in the menu's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
    Statements,
    Arrears,
    Occupancy,
    Utilisation,
    Training,
    Kpis,
    TopUsers,
}

impl Report {
    pub const ALL: [Report; 7] = [
        Report::Statements,
        Report::Arrears,
        Report::Occupancy,
        Report::Utilisation,
        Report::Training,
        Report::Kpis,
        Report::TopUsers,
    ];

    pub fn title(self) -> Msg {
        match self {
            Report::Statements => Msg::ReportStatements,
            Report::Arrears => Msg::ReportArrears,
            Report::Occupancy => Msg::ReportOccupancy,
            Report::Utilisation => Msg::ReportUtilisation,
            Report::Training => Msg::ReportTraining,
            Report::Kpis => Msg::ReportKpis,
            Report::TopUsers => Msg::ReportTopUsers,
        }
    }

    /// Whether ←→ move a month (else a year, or nothing).
    fn by_month(self) -> bool {
        matches!(self, Report::Statements | Report::Utilisation)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    #[default]
    Menu,
    Content,
}

/// What the report in front shows; only its own part is loaded.
#[derive(Clone, Debug, Default)]
pub struct Data {
    pub statements: Vec<Statement>,
    pub arrears: Vec<Arrear>,
    pub occupancy: Vec<OccupancyPoint>,
    pub utilisation: Vec<MachineUse>,
    pub training: Vec<TrainingOutcome>,
    pub kpis: Vec<Programme>,
    pub top_users: Vec<TopUser>,
}

/// How many months the occupancy chart spans.
const OCCUPANCY_MONTHS: u32 = 24;
/// How many companies the top users list.
const TOP_USERS: u32 = 10;

/// What a report's figures were read for: the store's generation, the day,
/// and the month (`year * 12 + month`) or year shown. The same key gives
/// the same figures, so going back to a report, or to the screen, reads
/// nothing until something was written (a month's statements take a third
/// of a second at 10,000 companies).
type Loaded = ((i64, u64), NaiveDate, i32);

pub struct ReportsScreen {
    report: Report,
    focus: Focus,
    /// The month of the statements and utilisation, `None` until first
    /// loaded, then last month.
    month: Option<(i32, u32)>,
    /// The year of the top users (this year) and of the KPIs (the last year
    /// whose figures are in, as on the dashboard); 0 until first loaded.
    year: i32,
    kpi_year: i32,
    /// The row selected in the content (a statement, a machine …).
    selected: usize,
    data: Data,
    today: NaiveDate,
    loaded: Vec<(Report, Loaded)>,
}

impl Default for ReportsScreen {
    fn default() -> Self {
        ReportsScreen {
            report: Report::Statements,
            focus: Focus::Menu,
            month: None,
            year: 0,
            kpi_year: 0,
            selected: 0,
            data: Data::default(),
            today: NaiveDate::default(),
            loaded: Vec::new(),
        }
    }
}

impl ReportsScreen {
    pub fn report(&self) -> Report {
        self.report
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn data(&self) -> &Data {
        &self.data
    }

    /// The year ←→ move for the report in front, if it goes by year.
    pub fn year(&self) -> Option<i32> {
        match self.report {
            Report::Kpis => Some(self.kpi_year),
            Report::TopUsers => Some(self.year),
            _ => None,
        }
    }

    /// `2026-11`, the month shown.
    pub fn month_text(&self) -> String {
        let (y, m) = self.month.unwrap_or_else(|| usage::last_month(self.today));
        month_text(y, m)
    }

    pub fn selected_statement(&self) -> Option<&Statement> {
        self.data.statements.get(self.selected)
    }

    fn rows(&self) -> usize {
        match self.report {
            Report::Statements => self.data.statements.len(),
            Report::Arrears => self.data.arrears.len(),
            Report::Occupancy => self.data.occupancy.len(),
            Report::Utilisation => self.data.utilisation.len(),
            Report::Training => self.data.training.len(),
            Report::Kpis => self.data.kpis.len(),
            Report::TopUsers => self.data.top_users.len(),
        }
    }

    fn shift(&mut self, by: i32) {
        let this_month = (self.today.year(), self.today.month());
        if self.report.by_month() {
            let (y, m) = self.month.unwrap_or_else(|| usage::last_month(self.today));
            let n = (y * 12 + m as i32 - 1 + by).clamp(2005 * 12, this_month.0 * 12 + this_month.1 as i32 - 1);
            self.month = Some((n / 12, (n % 12) as u32 + 1));
        } else if self.report == Report::Kpis {
            self.kpi_year = (self.kpi_year + by).clamp(2005, this_month.0);
        } else if self.report == Report::TopUsers {
            self.year = (self.year + by).clamp(2005, this_month.0);
        }
    }

    /// The report on screen as a workbook, as the export keys write it.
    pub fn book(&self, lang: crate::i18n::Lang) -> Book {
        let d = &self.data;
        match self.report {
            Report::Statements => sheets::statements(&self.month_text(), &d.statements, lang),
            Report::Arrears => sheets::arrears(&date_text(self.today), &d.arrears, lang),
            Report::Occupancy => sheets::occupancy(&d.occupancy, lang),
            Report::Utilisation => sheets::utilisation(&self.month_text(), &d.utilisation, lang),
            Report::Training => sheets::training(&d.training, lang),
            Report::Kpis => sheets::kpis(&d.kpis, lang),
            Report::TopUsers => sheets::top_users(self.year, &d.top_users, lang),
        }
    }

    fn export(&self, xlsx: bool, lang: crate::i18n::Lang) -> Result<Outcome> {
        let book = self.book(lang);
        let ext = if xlsx { "xlsx" } else { "csv" };
        let path = std::env::current_dir()?.join(format!("{}.{ext}", book.stem));
        let rows = if xlsx {
            crate::export::book::write_xlsx(&book, &path)?
        } else {
            crate::export::book::write_csv(&book, &path)?
        };
        Ok(Outcome::Say(fill(Msg::Exported.text(lang), &[&rows, &path.display()])))
    }
}

fn date_text(d: NaiveDate) -> String {
    crate::domain::time::date_text(d)
}

impl Screen for ReportsScreen {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Reports]
    }

    fn refresh(&mut self, store: &Store) -> Result<()> {
        self.today = store.now().date();
        if self.year == 0 {
            self.year = self.today.year();
            self.kpi_year = crate::report::dashboard::default_year(self.today);
        }
        let (y, m) = *self.month.get_or_insert_with(|| usage::last_month(self.today));
        let period = match self.report {
            Report::Statements | Report::Utilisation => y * 12 + m as i32,
            Report::Kpis => self.kpi_year,
            Report::TopUsers => self.year,
            Report::Arrears | Report::Occupancy | Report::Training => 0,
        };
        let key = (store.generation()?, self.today, period);
        if self.loaded.contains(&(self.report, key)) {
            self.selected = self.selected.min(self.rows().saturating_sub(1));
            return Ok(());
        }
        let d = &mut self.data;
        match self.report {
            Report::Statements => d.statements = statement::month(store, &month_text(y, m))?,
            Report::Arrears => d.arrears = statement::arrears(store, self.today)?,
            Report::Occupancy => d.occupancy = trends::occupancy_series(store, self.today, OCCUPANCY_MONTHS)?,
            Report::Utilisation => d.utilisation = usage::utilisation(store, y, m)?,
            Report::Training => d.training = trends::training_outcomes(store)?,
            Report::Kpis => d.kpis = trends::programme_years(store, self.today.year())?,
            Report::TopUsers => d.top_users = usage::top_users(store, self.year, TOP_USERS)?,
        }
        let report = self.report;
        self.loaded.retain(|(r, _)| *r != report);
        self.loaded.push((report, key));
        self.selected = self.selected.min(self.rows().saturating_sub(1));
        Ok(())
    }

    fn update(&mut self, action: Action, store: &mut Store, ui: &Ui) -> Result<Outcome> {
        let lang = ui.lang;
        match action {
            Action::Left | Action::Right => {
                self.shift(if action == Action::Left { -1 } else { 1 });
                self.refresh(store)?;
            }
            Action::Open => {
                self.focus = if self.focus == Focus::Menu { Focus::Content } else { Focus::Menu };
            }
            Action::Back => self.focus = Focus::Menu,
            Action::Issue => {
                let month = self.month_text();
                return Ok(Outcome::OpenForm(forms::issue_form(store, &month, lang)?));
            }
            Action::ExportXlsx | Action::ExportCsv => return self.export(action == Action::ExportXlsx, lang),
            Action::Backup => return Ok(Outcome::OpenForm(forms::backup_form(store, ui.today, lang))),
            _ => {
                if self.focus == Focus::Menu {
                    let at = Report::ALL.iter().position(|r| *r == self.report).unwrap_or(0) as u32;
                    if let Some(to) = list::moved(at, Report::ALL.len() as u32, action) {
                        self.report = Report::ALL[to as usize];
                        self.selected = 0;
                        self.refresh(store)?;
                    }
                } else if let Some(to) = list::moved(self.selected as u32, self.rows() as u32, action) {
                    self.selected = to as usize;
                }
            }
        }
        Ok(Outcome::Nothing)
    }

    fn view(&self, frame: &mut ratatui::Frame, area: ratatui::layout::Rect, ui: &Ui) {
        view::draw(self, frame, area, ui);
    }
}
