//! 2 기업: the companies, filterable by name, BRN or representative, with the
//! selected one's leases, people and yearly figures beside the list; `B`
//! shows every billing party instead (`super::parties`), and back.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::filter::{FilterLine, Filtered};
use super::list::{self, WINDOW};
use super::{Outcome, Screen, Ui, lease_term};
use crate::cells::{column, column_right, cut, fit};
use crate::db::company::{self, Company, CompanyFilter};
use crate::db::lease::{self, Lease, LeaseFilter};
use crate::db::person::{self, PersonFilter};
use crate::db::yearly::{self, YearlyReport};
use crate::db::{Page, Store};
use crate::domain::{Field, Sector, Stage, Zone};
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill, labels};
use crate::report::dashboard::default_year;
use crate::tui::action::Action;
use crate::tui::forms;
use crate::tui::keymap::Context;
use crate::tui::theme;

/// The fewest cells a company name is cut to in the list.
const NAME_MIN: usize = 14;

#[derive(Default)]
pub struct Companies {
    filter: FilterLine,
    total: u32,
    selected: u32,
    window_start: u32,
    rows: Vec<Company>,
    detail: Option<Detail>,
    /// Shown instead of the companies when `showing_parties`.
    parties: super::parties::Parties,
    showing_parties: bool,
}

struct Detail {
    company: Company,
    leases: Vec<Lease>,
    people: i64,
    /// The first few people, by code.
    names: Vec<String>,
    reports: Vec<YearlyReport>,
    /// Who pays and how: its party's class, projects and vouchers.
    billing: Option<crate::db::party::Billing>,
    /// Its lease chains' deposits.
    deposits: Vec<crate::db::deposit::Chain>,
}

impl Companies {
    fn filter(&self) -> CompanyFilter {
        let search = Some(self.filter.text().to_owned()).filter(|s| !s.trim().is_empty());
        CompanyFilter { search, ..CompanyFilter::default() }
    }

    fn current(&self) -> Option<&Company> {
        self.detail.as_ref().map(|d| &d.company)
    }

    /// The window of rows around the selected row, whichever company is there now.
    fn load_rows(&mut self, store: &Store) -> Result<()> {
        let filter = self.filter();
        self.total = u32::try_from(company::count(store, &filter)?).unwrap_or(u32::MAX);
        self.selected = self.selected.min(self.total.saturating_sub(1));
        self.window_start = list::window_start(self.selected);
        self.rows = company::list(store, &filter, Page::new(self.window_start, WINDOW))?;
        Ok(())
    }

    /// After the selection moved or the filter changed: the row, not the company.
    fn reload(&mut self, store: &Store) -> Result<()> {
        self.load_rows(store)?;
        self.load_detail(store)
    }

    fn load_detail(&mut self, store: &Store) -> Result<()> {
        let Some(c) = self.rows.get(self.selected.saturating_sub(self.window_start) as usize).cloned() else {
            self.detail = None;
            return Ok(());
        };
        let brn = c.brn.to_string();
        let leases = lease::list(
            store,
            &LeaseFilter { company: Some(brn.clone()), ..LeaseFilter::default() },
            Page::new(0, 50),
        )?;
        let filter = PersonFilter { company: Some(brn.clone()), ..PersonFilter::default() };
        let people = person::count(store, &filter)?;
        let names = person::list(store, &filter, Page::new(0, 4))?.into_iter().map(|p| p.name).collect();
        let mut reports = yearly::list(store, Some(&brn), None)?;
        reports.truncate(3);
        reports.reverse();
        let billing = crate::db::party::billing(store, &brn).ok();
        let deposits = crate::db::deposit::list(store, Some(&brn))?;
        self.detail = Some(Detail { company: c, leases, people, names, reports, billing, deposits });
        Ok(())
    }

    /// The companies listed now, for tests.
    pub fn names(&self) -> Vec<String> {
        self.rows.iter().map(|c| c.name.clone()).collect()
    }

    pub fn selected_name(&self) -> Option<String> {
        self.current().map(|c| c.name.clone())
    }

    /// The billing parties' view, when it is shown.
    pub fn parties(&self) -> Option<&super::parties::Parties> {
        self.showing_parties.then_some(&self.parties)
    }
}

impl Screen for Companies {
    fn contexts(&self) -> &'static [Context] {
        if self.showing_parties {
            return self.parties.contexts();
        }
        self.filter.contexts(&[Context::Companies, Context::List])
    }

    fn refresh(&mut self, store: &Store) -> Result<()> {
        if self.showing_parties {
            return self.parties.refresh(store);
        }
        // Another terminal may have added a company above the selected one:
        // stay on the same company, not on the same row.
        let kept = self.current().map(|c| c.id);
        self.load_rows(store)?;
        if let Some(at) = kept.and_then(|id| self.rows.iter().position(|c| c.id == id)) {
            self.selected = self.window_start + u32::try_from(at).unwrap_or(0);
        }
        self.load_detail(store)
    }

    fn update(&mut self, action: Action, store: &mut Store, ui: &Ui) -> Result<Outcome> {
        if action == Action::Parties {
            self.showing_parties = !self.showing_parties;
            self.refresh(store)?;
            return Ok(Outcome::Nothing);
        }
        if self.showing_parties {
            return self.parties.update(action, store, ui);
        }
        let (today, lang) = (ui.today, ui.lang);
        match self.filter.update(action) {
            Filtered::NotMine => {}
            Filtered::Kept => return Ok(Outcome::Nothing),
            Filtered::Changed => {
                self.selected = 0;
                self.reload(store)?;
                return Ok(Outcome::Nothing);
            }
        }
        if let Some(to) = list::moved(self.selected, self.total, action) {
            self.selected = to;
            let in_window = to >= self.window_start && to < self.window_start + self.rows.len() as u32;
            if in_window {
                self.load_detail(store)?;
            } else {
                self.reload(store)?;
            }
            return Ok(Outcome::Nothing);
        }
        let current = self.current().cloned();
        Ok(match (action, current) {
            (Action::New, _) => Outcome::OpenForm(forms::new_company(today, lang)),
            (Action::Edit, Some(c)) => Outcome::OpenForm(forms::edit_company(&c, today, lang)),
            (Action::Lease, Some(c)) => {
                Outcome::OpenForm(forms::new_lease(Some(&c), None, today, lease_term(store)?, lang))
            }
            (Action::Report, Some(c)) => {
                let year = default_year(today).max(company::admitted(&c).map_or(0, |d| d.year()));
                Outcome::OpenForm(forms::yearly_report(store, &c, year, lang)?)
            }
            (Action::Leave, Some(c)) if c.stage.has_left() => {
                Outcome::Say(fill(Msg::AlreadyLeft.text(lang), &[&c.name, &labels::stage(c.stage, lang)]))
            }
            (Action::Leave, Some(c)) => Outcome::OpenForm(forms::leave_company(&c, today, lang)),
            _ => Outcome::Nothing,
        })
    }

    fn view(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        if self.showing_parties {
            return self.parties.view(frame, area, ui);
        }
        let [left, right] = Layout::horizontal([Constraint::Percentage(52), Constraint::Percentage(48)]).areas(area);
        self.view_list(frame, left, ui);
        self.view_detail(frame, right, ui);
    }
}

impl Companies {
    fn view_list(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let lang = ui.lang;
        let mut title = fill(Msg::CompaniesTitle.text(lang), &[&self.total]);
        title.push_str(&self.filter.title());
        let block = Block::bordered().title(Span::styled(format!(" {title} "), theme::title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = usize::from(inner.width);
        // The name keeps at least NAME_MIN cells; the other columns appear, most
        // useful first, as the width allows, each as wide as its longest label.
        let widest = |labels: Vec<&str>| labels.into_iter().map(crate::cells::width).max().unwrap_or(0) + 1;
        let zone_w = widest(Zone::ALL.iter().map(|z| labels::zone(*z, lang)).collect());
        let stage_w = widest(Stage::ALL.iter().map(|s| labels::stage(*s, lang)).collect());
        let sector_w = widest(Sector::ALL.iter().map(|s| labels::sector(*s, lang)).collect());
        let mut room = w.saturating_sub(1 + NAME_MIN);
        let mut show = |width: usize| {
            let fits = width <= room;
            if fits {
                room -= width;
            }
            if fits { width } else { 0 }
        };
        let (stage_w, zone_w, date_w, sector_w) = (show(stage_w), show(zone_w), show(11), show(sector_w));
        let name_w = w.saturating_sub(1 + stage_w + zone_w + date_w + sector_w);
        let row = |name: &str, zone: &str, stage: &str, sector: &str, date: &str| {
            format!(
                "{}{}{}{}{}",
                column(name, name_w),
                column(zone, zone_w),
                column(stage, stage_w),
                column(sector, sector_w),
                column(date, date_w)
            )
        };
        let field = |f| labels::field(f, lang);
        let header = format!(
            " {}",
            row(
                Msg::ColName.text(lang),
                field(Field::Zone),
                field(Field::Stage),
                field(Field::Sector),
                field(Field::Admitted)
            )
        );
        let mut lines = vec![Line::styled(cut(&header, w), theme::dim())];
        let visible = u32::from(inner.height.saturating_sub(1));
        let top = list::page_top(self.selected, visible);
        for i in top..(top + visible).min(self.total) {
            let Some(c) = self.rows.get(i.saturating_sub(self.window_start) as usize) else { break };
            let text = format!(
                "{}{}",
                if i == self.selected { "▶" } else { " " },
                row(
                    &c.name,
                    labels::zone(c.zone, lang),
                    labels::stage(c.stage, lang),
                    labels::sector(c.sector, lang),
                    &c.admitted_on.to_string()
                )
            );
            lines.push(list::row_line(cut(&text, w), i == self.selected));
        }
        if self.total == 0 {
            lines.push(Line::styled(Msg::NoCompanies.text(lang), theme::dim()));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn view_detail(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let lang = ui.lang;
        let Some(d) = &self.detail else {
            frame.render_widget(Block::bordered(), area);
            return;
        };
        let c = &d.company;
        let block = Block::bordered().title(Span::styled(format!(" {} · {} ", c.name, c.brn), theme::title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = usize::from(inner.width);
        let mut lines: Vec<Line> = Vec::new();
        let mut push = |s: String| lines.push(Line::from(cut(&s, w)));
        let mut about = vec![labels::sector(c.sector, lang), labels::zone(c.zone, lang), labels::stage(c.stage, lang)];
        let rep = format!("{} {}", Msg::ColRepresentative.text(lang), c.representative);
        if !c.representative.is_empty() {
            about.insert(0, &rep);
        }
        push(about.join(" · "));
        let contact: Vec<&str> = [c.phone.as_deref(), c.email.as_deref()].into_iter().flatten().collect();
        if !contact.is_empty() {
            push(contact.join(" · "));
        }
        let mut since = format!("{} {}", labels::field(Field::Admitted, lang), c.admitted_on);
        if let Some(left) = &c.left_on {
            since = format!("{since} · {} {left}", labels::stage(c.stage, lang));
        }
        push(since);
        lines.push(Line::styled(Msg::LeasesHeading.text(lang), theme::key()));
        if d.leases.is_empty() {
            lines.push(Line::styled(format!(" {}", Msg::NoLeases.text(lang)), theme::dim()));
        }
        // The leases running today, else the last one: room for the
        // company's billing below.
        let running: Vec<&Lease> = d.leases.iter().rev().filter(|l| l.days_left(ui.today).is_some()).take(3).collect();
        let shown = if running.is_empty() { d.leases.iter().rev().take(1).collect() } else { running };
        for l in shown {
            let flag = l.days_left(ui.today).filter(|d| *d <= 60).map_or_else(String::new, |d| format!(" D-{d}"));
            let style = match l.days_left(ui.today) {
                Some(d) if d <= 30 => theme::urgent(),
                Some(d) if d <= 60 => theme::soon(),
                Some(_) => ratatui::style::Style::new(),
                None => theme::dim(),
            };
            lines.push(Line::styled(
                cut(&format!(" {} {} {}–{}{flag}", fit(&l.room, 4), l.area.m2_text(), l.from, l.last_day), w),
                style,
            ));
            lines.push(Line::styled(
                cut(
                    &format!(
                        "   {} {} · {} {}",
                        Msg::ColRent.text(lang),
                        labels::money(l.rent, lang),
                        Msg::ColFee.text(lang),
                        labels::money(l.fee, lang)
                    ),
                    w,
                ),
                theme::dim(),
            ));
            // What its chain holds, under the chain's last lease shown.
            if let Some(c) = d.deposits.iter().find(|c| c.last_lease() == l.code) {
                let (text, style) = deposit_line(c, ui.today, lang);
                lines.push(Line::styled(cut(&format!("   {text}"), w), style));
            }
        }
        lines.push(Line::styled(Msg::ReportsHeading.text(lang), theme::key()));
        if d.reports.is_empty() {
            lines.push(Line::styled(format!(" {}", Msg::NoReports.text(lang)), theme::dim()));
        } else {
            let col = 8;
            let mut years = column("", 8);
            let mut jobs = column(&format!(" {}", Msg::ShortJobs.text(lang)), 8);
            let mut sales = column(&format!(" {}", Msg::ShortSales.text(lang)), 8);
            for r in &d.reports {
                years.push_str(&column_right(&r.year.to_string(), col));
                jobs.push_str(&column_right(&r.figures.employees.to_string(), col));
                sales.push_str(&column_right(&labels::money_short(r.figures.sales, lang), col));
            }
            for s in [years, jobs, sales] {
                lines.push(Line::from(cut(&s, w)));
            }
        }
        let mut people = fill(Msg::PeopleOfCompany.text(lang), &[&d.people]);
        if !d.names.is_empty() {
            people = format!("{people}: {}{}", d.names.join(", "), if d.people > 4 { " …" } else { "" });
        }
        lines.push(Line::from(cut(&people, w)));
        if let Some(b) = &d.billing {
            billing(&mut lines, b, w, lang);
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// A lease chain's deposit in a few words: held in full, short of what was
/// agreed, still to settle after the company left, or settled.
fn deposit_line(
    c: &crate::db::deposit::Chain,
    today: chrono::NaiveDate,
    lang: Lang,
) -> (String, ratatui::style::Style) {
    let money = |w| labels::money(w, lang);
    if c.ended_by(today) {
        if c.held.0 > 0 {
            return (fill(Msg::DepositToSettle.text(lang), &[&money(c.held)]), theme::soon());
        }
        return (Msg::DepositSettled.text(lang).to_owned(), theme::dim());
    }
    if c.held.0 < c.agreed.0 {
        let due = crate::domain::Won(c.agreed.0 - c.held.0);
        return (fill(Msg::DepositDue.text(lang), &[&money(c.held), &money(due)]), theme::soon());
    }
    (fill(Msg::DepositHeld.text(lang), &[&money(c.held)]), theme::dim())
}

/// The company's party: its class today, this year's vouchers (what is left
/// of each cap) and its projects (spent of budget).
pub(super) fn billing(lines: &mut Vec<Line<'static>>, b: &crate::db::party::Billing, w: usize, lang: Lang) {
    lines.push(Line::styled(Msg::BillingHeading.text(lang), theme::key()));
    let class = lang.pick(&b.class_name.0, &b.class_name.1);
    let rule = if b.class_set { "" } else { Msg::ClassByRule.text(lang) };
    lines.push(Line::from(cut(&format!(" {} · {class}{rule}", b.party), w)));
    for g in &b.grants {
        let text = fill(Msg::VoucherLeft.text(lang), &[&g.programme, &labels::money(g.remaining, lang)]);
        let style = if g.remaining.0 == 0 { theme::soon() } else { ratatui::style::Style::new() };
        lines.push(Line::styled(cut(&format!(" {text}"), w), style));
    }
    for p in &b.projects {
        let budget = p.budget.map_or_else(String::new, |x| format!("/{}", labels::money_short(x, lang)));
        let text = format!(" {} {} {}{budget}", Msg::ProjectShort.text(lang), p.code, labels::money(p.spent, lang));
        lines.push(Line::from(cut(&text, w)));
    }
}
