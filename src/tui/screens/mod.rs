//! The six screens, in their fixed order. Each owns its state and its view in
//! one file; the app routes Actions to the screen in front.

mod companies;
mod dashboard;
pub mod equipment;
pub mod filter;
pub mod list;
pub mod parties;
pub mod reports;
mod spaces;
pub mod training;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::keymap::Context;
use crate::db::Store;
use crate::error::Result;
use crate::i18n::{Lang, Msg};

pub use companies::Companies;
pub use dashboard::Dashboard;
pub use equipment::EquipmentScreen;
pub use reports::ReportsScreen;
pub use spaces::Spaces;
pub use training::TrainingScreen;

use super::form::Form;

/// What a screen asks of the app after handling an action.
#[derive(Debug)]
pub enum Outcome {
    Nothing,
    /// Open this form over the screen.
    OpenForm(Form),
    /// Say this in the message line.
    Say(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScreenId {
    Dashboard,
    Companies,
    Spaces,
    Equipment,
    Training,
    Reports,
}

impl ScreenId {
    pub const ALL: [ScreenId; 6] = [
        ScreenId::Dashboard,
        ScreenId::Companies,
        ScreenId::Spaces,
        ScreenId::Equipment,
        ScreenId::Training,
        ScreenId::Reports,
    ];

    /// 1 to 6, the key that reaches it.
    pub fn number(self) -> usize {
        ScreenId::ALL.iter().position(|s| *s == self).map_or(1, |i| i + 1)
    }

    pub fn title(self) -> Msg {
        match self {
            ScreenId::Dashboard => Msg::ScreenDashboard,
            ScreenId::Companies => Msg::ScreenCompanies,
            ScreenId::Spaces => Msg::ScreenSpaces,
            ScreenId::Equipment => Msg::ScreenEquipment,
            ScreenId::Training => Msg::ScreenTraining,
            ScreenId::Reports => Msg::ScreenReports,
        }
    }

    pub fn next(self) -> ScreenId {
        ScreenId::ALL[self.number() % 6]
    }

    pub fn prev(self) -> ScreenId {
        ScreenId::ALL[(self.number() + 4) % 6]
    }
}

/// What every view may read besides its own state.
#[derive(Clone, Copy, Debug)]
pub struct Ui {
    pub lang: Lang,
    pub today: chrono::NaiveDate,
}

pub trait Screen {
    /// The screen's own keymap contexts, tried in order before the global one.
    fn contexts(&self) -> &'static [Context] {
        &[]
    }

    /// Reloads from the database what the screen shows.
    fn refresh(&mut self, store: &Store) -> Result<()>;

    /// Takes in work finished off the loop (a report read by its own
    /// thread); true if what is shown changed.
    fn poll(&mut self, _store: &Store) -> Result<bool> {
        Ok(false)
    }

    /// True while work off the loop is out: the loop then polls often.
    fn busy(&self) -> bool {
        false
    }

    /// Waits for the work off the loop, as a person waits for the screen
    /// to fill: the tests and benchmarks read what is shown after it.
    fn settle(&mut self, _store: &Store) -> Result<()> {
        Ok(())
    }

    /// Handles an action the app left to the screen.
    fn update(&mut self, _action: Action, _store: &mut Store, _ui: &Ui) -> Result<Outcome> {
        Ok(Outcome::Nothing)
    }

    /// Draws the screen: reads state, changes nothing.
    fn view(&self, frame: &mut Frame, area: Rect, ui: &Ui);
}

/// One of each screen.
#[derive(Default)]
pub struct Screens {
    dashboard: Dashboard,
    companies: Companies,
    spaces: Spaces,
    equipment: EquipmentScreen,
    training: TrainingScreen,
    reports: ReportsScreen,
}

impl Screens {
    pub fn companies(&self) -> &Companies {
        &self.companies
    }

    pub fn spaces(&self) -> &Spaces {
        &self.spaces
    }

    pub fn equipment(&self) -> &EquipmentScreen {
        &self.equipment
    }

    pub fn training(&self) -> &TrainingScreen {
        &self.training
    }

    pub fn reports(&self) -> &ReportsScreen {
        &self.reports
    }

    pub fn dashboard(&self) -> &Dashboard {
        &self.dashboard
    }

    pub fn get(&self, id: ScreenId) -> &dyn Screen {
        match id {
            ScreenId::Dashboard => &self.dashboard,
            ScreenId::Companies => &self.companies,
            ScreenId::Spaces => &self.spaces,
            ScreenId::Equipment => &self.equipment,
            ScreenId::Training => &self.training,
            ScreenId::Reports => &self.reports,
        }
    }

    pub fn get_mut(&mut self, id: ScreenId) -> &mut dyn Screen {
        match id {
            ScreenId::Dashboard => &mut self.dashboard,
            ScreenId::Companies => &mut self.companies,
            ScreenId::Spaces => &mut self.spaces,
            ScreenId::Equipment => &mut self.equipment,
            ScreenId::Training => &mut self.training,
            ScreenId::Reports => &mut self.reports,
        }
    }
}

/// The centre's standard lease term, in months, for a new lease's last day.
pub(crate) fn lease_term(store: &Store) -> Result<u32> {
    let months = crate::db::setting::centre(store, crate::domain::setting::SettingKey::LeaseTerm)?;
    Ok(u32::try_from(months).unwrap_or(12))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_prev_wrap() {
        assert_eq!(ScreenId::Reports.next(), ScreenId::Dashboard);
        assert_eq!(ScreenId::Dashboard.prev(), ScreenId::Reports);
        for s in ScreenId::ALL {
            assert_eq!(s.next().prev(), s);
        }
    }
}
