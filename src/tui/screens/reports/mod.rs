//! 6 보고서: a menu of the reports and the month's statements, opened on the
//! month with drafts to look at ([`statement::month_to_issue`]). The report in
//! front loads alone (the others cost nothing until chosen); ←→ move its
//! month or year; `I` issues the month's statements after a confirmation
//! (which says so when the month has not ended);
//! `x`/`c` write what is on screen to an Excel or CSV file in the current
//! folder; `b` backs the database up. Reports are read off the loop
//! ([`reader`]): the screen shows what it has, marked "reading…", until
//! the new figures come.

mod ahead;
mod answers;
mod charts;
mod documents;
mod filtered;
mod reader;
mod view;
mod vouchers;

use chrono::{Datelike, NaiveDate};

use super::filter::{FilterLine, Filtered};
use super::{Outcome, Screen, Ui, list};
use crate::db::Store;
use crate::db::statement::{self, Arrear, Statement};
use crate::db::voucher::VoucherReport;
use crate::domain::statement::month_text;
use crate::error::Result;
use crate::i18n::{Msg, fill};
use crate::report::programme::Programme;
use crate::report::sheets::{self, Book};
use crate::report::trends::{OccupancyPoint, TrainingOutcome};
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
    Vouchers,
    /// The month's tax documents and their approval numbers.
    Documents,
}

impl Report {
    pub const ALL: [Report; 9] = [
        Report::Statements,
        Report::Arrears,
        Report::Occupancy,
        Report::Utilisation,
        Report::Training,
        Report::Kpis,
        Report::TopUsers,
        Report::Vouchers,
        Report::Documents,
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
            Report::Vouchers => Msg::ReportVouchers,
            Report::Documents => Msg::ReportDocuments,
        }
    }

    /// Whether ←→ move a month (else a year, or nothing).
    fn by_month(self) -> bool {
        matches!(self, Report::Statements | Report::Utilisation | Report::Documents)
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
    /// The year's voucher grants and their use, of every programme.
    pub vouchers: VoucherReport,
    /// The month's tax documents.
    pub documents: crate::db::invoice::MonthDocuments,
}

/// How many months the occupancy chart spans.
const OCCUPANCY_MONTHS: u32 = 24;
/// How many companies the top users list.
const TOP_USERS: u32 = 10;

/// What a report's figures were read for: the store's generation, the day,
/// and the month (`year * 12 + month`) or year shown. The same key gives
/// the same figures, so going back to a report, or to the screen, reads
/// nothing until something was written (a month's statements take a quarter
/// of a second at 10,000 companies).
type Loaded = ((i64, u64), NaiveDate, i32);

/// The month of a [`Loaded`] period `year * 12 + month`.
fn month_of(period: i32) -> (i32, u32) {
    ((period - 1).div_euclid(12), (period - 1).rem_euclid(12) as u32 + 1)
}

pub struct ReportsScreen {
    report: Report,
    focus: Focus,
    /// The month of the statements, `None` until first loaded, then the
    /// month with drafts to look at ([`statement::month_to_issue`]).
    month: Option<(i32, u32)>,
    /// The month of the utilisation, `None` until first loaded, then last
    /// month (the last whole one).
    use_month: Option<(i32, u32)>,
    /// The year of the top users (this year) and of the KPIs (the last year
    /// whose figures are in, as on the dashboard); 0 until first loaded.
    year: i32,
    kpi_year: i32,
    /// The row selected in the content (a statement, a machine …).
    selected: usize,
    /// True once a row of the report in front was chosen: then it stays
    /// chosen when the report is read again.
    picked: bool,
    /// The rows shown: what was read, less what the filter hides.
    data: Data,
    /// What was read, for when the filter changes.
    read: Data,
    filter: FilterLine,
    today: NaiveDate,
    /// What each report's rows in `data` were read for.
    loaded: Vec<(Report, Loaded)>,
    reading: reader::Reading,
    /// The question out, until its answer is in.
    pending: Option<reader::Ask>,
    /// Answers kept, and read ahead (see [`ahead`]).
    kept: Vec<(reader::Ask, reader::Part)>,
}

impl Default for ReportsScreen {
    fn default() -> Self {
        ReportsScreen {
            report: Report::Statements,
            focus: Focus::Menu,
            month: None,
            use_month: None,
            year: 0,
            kpi_year: 0,
            selected: 0,
            picked: false,
            data: Data::default(),
            read: Data::default(),
            filter: FilterLine::default(),
            today: NaiveDate::default(),
            loaded: Vec::new(),
            reading: reader::Reading::NotYet,
            pending: None,
            kept: Vec::new(),
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

    /// The filter's part of the report's title.
    pub(super) fn filter_title(&self) -> String {
        self.filter.title()
    }

    pub fn data(&self) -> &Data {
        &self.data
    }

    /// The year ←→ move for the report in front, if it goes by year.
    pub fn year(&self) -> Option<i32> {
        match self.report {
            Report::Kpis => Some(self.kpi_year),
            Report::TopUsers | Report::Vouchers => Some(self.year),
            _ => None,
        }
    }

    /// `2026-11`, the month chosen (←→) for the report in front, which the
    /// menu shows.
    pub fn month_text(&self) -> String {
        let (y, m) = self.chosen_month();
        month_text(y, m)
    }

    /// `2026-11`, the statements' month, which `I` issues.
    pub fn statements_month_text(&self) -> String {
        let (y, m) = self.month.unwrap_or_else(|| usage::last_month(self.today));
        month_text(y, m)
    }

    /// The month chosen for the report in front (the utilisation's, or the
    /// statements').
    fn chosen_month(&self) -> (i32, u32) {
        // The documents go by last month, as utilisation does: the month
        // whose documents are due.
        let month =
            if matches!(self.report, Report::Utilisation | Report::Documents) { self.use_month } else { self.month };
        month.unwrap_or_else(|| usage::last_month(self.today))
    }

    /// True while the report in front is being read (again).
    pub fn reading(&self) -> bool {
        self.pending.is_some()
    }

    /// The period the report in front holds figures for: until a new
    /// month's are in, the old month's stay on screen under their own title.
    fn shown_period(&self) -> Option<i32> {
        self.loaded.iter().find(|(r, _)| *r == self.report).map(|(_, (_, _, p))| *p)
    }

    /// `2026-11`, the month whose figures are on screen.
    pub fn shown_month_text(&self) -> String {
        match self.shown_period() {
            Some(p) if self.report.by_month() => {
                let (y, m) = month_of(p);
                month_text(y, m)
            }
            _ => self.month_text(),
        }
    }

    /// The top users' year whose figures are on screen.
    pub fn shown_year(&self) -> i32 {
        self.shown_period().filter(|_| matches!(self.report, Report::TopUsers | Report::Vouchers)).unwrap_or(self.year)
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
            Report::Vouchers => self.data.vouchers.grants.len(),
            // The documents, then the corrections under them.
            Report::Documents => self.data.documents.documents.len() + self.data.documents.corrections.len(),
        }
    }

    fn shift(&mut self, by: i32) {
        let this_month = (self.today.year(), self.today.month());
        if self.report.by_month() {
            let (y, m) = self.chosen_month();
            let n = (y * 12 + m as i32 - 1 + by).clamp(2005 * 12, this_month.0 * 12 + this_month.1 as i32 - 1);
            let to = Some((n / 12, (n % 12) as u32 + 1));
            if matches!(self.report, Report::Utilisation | Report::Documents) {
                self.use_month = to;
            } else {
                self.month = to;
            }
        } else if self.report == Report::Kpis {
            self.kpi_year = (self.kpi_year + by).clamp(2005, this_month.0);
        } else if matches!(self.report, Report::TopUsers | Report::Vouchers) {
            self.year = (self.year + by).clamp(2005, this_month.0);
        }
    }

    /// The report on screen as a workbook, as the export keys write it.
    pub fn book(&self, lang: crate::i18n::Lang) -> Book {
        let d = &self.data;
        match self.report {
            Report::Statements => sheets::statements(&self.shown_month_text(), &d.statements, &lang),
            Report::Arrears => sheets::arrears(&date_text(self.today), &d.arrears, &lang),
            Report::Occupancy => sheets::occupancy(&d.occupancy, &lang),
            Report::Utilisation => sheets::utilisation(&self.shown_month_text(), &d.utilisation, &lang),
            Report::Training => sheets::training(&d.training, &lang),
            Report::Kpis => sheets::kpis(&d.kpis, &lang),
            Report::TopUsers => sheets::top_users(self.shown_year(), &d.top_users, &lang),
            Report::Vouchers => sheets::vouchers(&d.vouchers, &lang),
            Report::Documents => sheets::documents(&self.shown_month_text(), &d.documents, &lang),
        }
    }

    fn export(&self, xlsx: bool, store: &Store, lang: crate::i18n::Lang) -> Result<Outcome> {
        // The documents go out as the form Hometax takes, not as a report.
        if self.report == Report::Documents {
            let month = self.shown_month_text();
            let upload = crate::db::invoice::upload(store, &month)?;
            let dir = std::env::current_dir()?;
            let written = crate::export::hometax::write_month(&upload, &month, &dir, xlsx, store.path())?;
            let names: Vec<String> = written.iter().map(|w| w.file.display().to_string()).collect();
            return Ok(Outcome::Say(fill(Msg::ExportedUpload.text(lang), &[&written.len(), &names.join(", ")])));
        }
        let book = self.book(lang);
        let ext = if xlsx { "xlsx" } else { "csv" };
        let path = std::env::current_dir()?.join(format!("{}.{ext}", book.stem));
        let path = crate::files::Target::new(&path, store.path())?;
        let rows = if xlsx {
            crate::export::book::write_xlsx(&book, &path)?
        } else {
            crate::export::book::write_csv(&book, &path)?
        };
        Ok(Outcome::Say(fill(Msg::Exported.text(lang), &[&rows, &path.path().display()])))
    }
}

fn date_text(d: NaiveDate) -> String {
    crate::domain::time::date_text(d)
}

impl Screen for ReportsScreen {
    fn contexts(&self) -> &'static [Context] {
        let here: &'static [Context] = match self.report {
            Report::Vouchers => &[Context::Vouchers, Context::Reports],
            Report::Documents => &[Context::Documents, Context::Reports],
            _ => &[Context::Reports],
        };
        self.filter.contexts(here)
    }

    fn refresh(&mut self, store: &Store) -> Result<()> {
        self.today = store.now().date();
        if self.year == 0 {
            self.year = self.today.year();
            self.kpi_year = crate::report::dashboard::default_year(self.today);
        }
        if self.month.is_none() && self.report == Report::Statements {
            self.month = Some(statement::month_to_issue(store, self.today)?);
        }
        self.use_month.get_or_insert_with(|| usage::last_month(self.today));
        let month = self.chosen_month();
        let period = match self.report {
            Report::Statements | Report::Utilisation | Report::Documents => month.0 * 12 + month.1 as i32,
            Report::TopUsers | Report::Vouchers => self.year,
            // The KPIs hold every year; ←→ only choose which one is shown.
            Report::Arrears | Report::Occupancy | Report::Training | Report::Kpis => 0,
        };
        let key = (store.generation()?, self.today, period);
        self.take_in_arrived()?;
        self.clamp();
        if self.loaded.contains(&(self.report, key)) {
            // Back on figures still true: a question out for others is moot.
            self.pending = None;
            return Ok(());
        }
        let ask = reader::Ask { report: self.report, key, month, year: self.year, today: self.today };
        if self.pending == Some(ask) {
            return Ok(());
        }
        if let Some(part) = self.kept_for(&ask) {
            self.pending = None;
            self.take(ask, part);
            self.read_ahead(ask);
            return Ok(());
        }
        if self.reading.thread(store).is_some_and(|r| r.ask(ask)) {
            self.pending = Some(ask);
            return Ok(());
        }
        self.read_here(store, ask)
    }

    fn poll(&mut self, store: &Store) -> Result<bool> {
        let reader::Reading::Thread(reader) = &self.reading else { return Ok(false) };
        let Ok(answer) = reader.answer() else { return self.lost(store) };
        Ok(match answer {
            Some(answer) => self.answered(answer)?,
            None => false,
        })
    }

    fn busy(&self) -> bool {
        self.pending.is_some()
    }

    fn settle(&mut self, store: &Store) -> Result<()> {
        while self.pending.is_some() {
            let reader::Reading::Thread(reader) = &self.reading else { return Ok(()) };
            match reader.wait(std::time::Duration::from_secs(60)) {
                Ok(Some(answer)) => {
                    self.answered(answer)?;
                }
                Ok(None) => return Ok(()),
                Err(()) => {
                    self.lost(store)?;
                }
            }
        }
        Ok(())
    }

    fn update(&mut self, action: Action, store: &mut Store, ui: &Ui) -> Result<Outcome> {
        let lang = ui.lang;
        match self.filter.update(action) {
            Filtered::NotMine => {}
            Filtered::Kept => return Ok(Outcome::Nothing),
            Filtered::Changed => {
                self.refilter();
                self.focus = Focus::Content;
                return Ok(Outcome::Nothing);
            }
        }
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
                let month = self.statements_month_text();
                return Ok(Outcome::OpenForm(forms::issue_form(store, &month, ui.today, lang)?));
            }
            Action::ExportXlsx | Action::ExportCsv => return self.export(action == Action::ExportXlsx, store, lang),
            Action::Backup => return Ok(Outcome::OpenForm(forms::backup_form(store, ui.today, lang))),
            Action::New if self.report == Report::Vouchers => {
                return Ok(Outcome::OpenForm(forms::new_programme(store, self.year, lang)?));
            }
            Action::Confirm if self.report == Report::Documents => {
                let month = self.shown_month_text();
                let m = &self.data.documents;
                if let Some(c) = self.selected.checked_sub(m.documents.len()).and_then(|i| m.corrections.get(i)) {
                    return Ok(Outcome::OpenForm(forms::correction_form(&month, c, lang)));
                }
                let chosen = m.documents.get(self.selected);
                return Ok(Outcome::OpenForm(forms::confirm_form(&month, chosen, lang)));
            }
            Action::Grant if self.report == Report::Vouchers => {
                let chosen = self.data.vouchers.grants.get(self.selected).map(|g| g.programme.as_str());
                return Ok(Outcome::OpenForm(forms::new_grant(store, chosen, self.year, lang)?));
            }
            Action::Settings | Action::Supplier => {
                // Told at once, not after typing: only an admin may change them.
                let me = crate::db::operator::me(store)?;
                if me.role != Some(crate::domain::Role::Admin) {
                    let need = crate::domain::Capability::ManageSettings;
                    let refusal =
                        crate::error::Refusal::NotPermitted { user: me.user, role: me.role, need, admins: me.admins };
                    return Ok(Outcome::Say(crate::error::Error::from(refusal).on_screen(lang)));
                }
                let form = match action {
                    Action::Supplier => forms::supplier_form(store, lang)?,
                    _ => forms::settings_form(store, lang)?,
                };
                return Ok(Outcome::OpenForm(form));
            }
            _ => {
                if self.focus == Focus::Menu {
                    let at = Report::ALL.iter().position(|r| *r == self.report).unwrap_or(0) as u32;
                    if let Some(to) = list::moved(at, Report::ALL.len() as u32, action) {
                        self.report = Report::ALL[to as usize];
                        self.selected = 0;
                        self.picked = false;
                        self.refresh(store)?;
                    }
                } else if let Some(to) = list::moved(self.selected as u32, self.rows() as u32, action) {
                    self.selected = to as usize;
                    self.picked = true;
                }
            }
        }
        Ok(Outcome::Nothing)
    }

    fn view(&self, frame: &mut ratatui::Frame, area: ratatui::layout::Rect, ui: &Ui) {
        view::draw(self, frame, area, ui);
    }
}
