//! The app's state and its one `update`: the app handles navigation and
//! overlays itself and routes everything else to the screen in front.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::form::Form;
use super::forms;
use super::keymap::{self, Context};
use super::screens::{Outcome, ScreenId, Screens, Ui};
use crate::db::Store;
use crate::db::operator::{self, Me};
use crate::domain::Role;
use crate::error::Result;
use crate::i18n::{Lang, Msg, fill};

/// Something drawn over the screen; the top one gets the keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: u16 },
    FirstRun,
    Form(Box<Form>),
}

impl Overlay {
    fn context(&self) -> Context {
        match self {
            Overlay::Help { .. } => Context::Help,
            Overlay::FirstRun => Context::FirstRun,
            Overlay::Form(_) => Context::Form,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

/// The last result or error, shown above the status bar until the next one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub tone: Tone,
}

pub struct App {
    pub store: Store,
    pub lang: Lang,
    pub screen: ScreenId,
    pub screens: Screens,
    pub overlays: Vec<Overlay>,
    pub message: Option<Message>,
    pub me: Me,
    pub today: NaiveDate,
    pub quit: bool,
    data_version: i64,
}

impl App {
    /// `first_run` offers the demo for a brand-new database.
    pub fn new(store: Store, lang: Lang, first_run: bool) -> Result<App> {
        let me = operator::me(&store)?;
        let data_version = store.data_version()?;
        let today = store.now().date();
        let mut app = App {
            store,
            lang,
            screen: ScreenId::Dashboard,
            screens: Screens::default(),
            overlays: Vec::new(),
            message: None,
            me,
            today,
            quit: false,
            data_version,
        };
        if first_run {
            app.overlays.push(Overlay::FirstRun);
        }
        if app.me.role.is_none() {
            app.message = Some(Message {
                text: fill(Msg::NotRegistered.text(lang), &[&app.me.user, &app.me.admins.join(", ")]),
                tone: Tone::Info,
            });
        }
        // A first screen that cannot be read (a damaged file) stops the start
        // with its message, rather than opening on an empty dashboard.
        app.refresh_now()?;
        Ok(app)
    }

    pub fn ui(&self) -> Ui {
        Ui { lang: self.lang, today: self.today }
    }

    /// The keymap contexts in force, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        if let Some(top) = self.overlays.last() {
            return vec![top.context()];
        }
        self.help_contexts()
    }

    /// The contexts whose keys the help overlay lists: those of what is under it.
    pub fn help_contexts(&self) -> Vec<Context> {
        let mut c: Vec<Context> = self.screens.get(self.screen).contexts().to_vec();
        if !c.iter().any(|c| c.takes_text()) {
            c.push(Context::Global);
        }
        c
    }

    pub fn handle_key(&mut self, ev: &KeyEvent) {
        let contexts = self.contexts();
        if let Some(action) = keymap::action_for(&contexts, ev) {
            self.update(action);
            return;
        }
        // Where text is typed, a printable key not in the keymap is text.
        let typing = contexts.first().is_some_and(|c| c.takes_text());
        let plain = !ev.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if let (true, true, KeyCode::Char(c), false) = (typing, plain, ev.code, ev.kind == KeyEventKind::Release) {
            self.update(Action::Type(c));
        }
    }

    pub fn update(&mut self, action: Action) {
        if let Err(e) = self.try_update(action) {
            self.message = Some(Message { text: e.on_screen(self.lang), tone: Tone::Error });
        }
    }

    fn try_update(&mut self, action: Action) -> Result<()> {
        // Before the form gets the keys: another terminal's write reloads the
        // screen behind an open form, which is not a key for the form.
        if action == Action::DataChanged {
            return self.data_changed();
        }
        if let Some(Overlay::Form(_)) = self.overlays.last() {
            return self.form_update(action);
        }
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => {
                if matches!(self.overlays.last(), Some(Overlay::Help { .. })) {
                    self.overlays.pop();
                } else {
                    self.overlays.push(Overlay::Help { scroll: 0 });
                }
            }
            Action::Back if !self.overlays.is_empty() => {
                self.overlays.pop();
            }
            Action::NextScreen => self.go(self.screen.next())?,
            Action::PrevScreen => self.go(self.screen.prev())?,
            Action::GoTo(id) => self.go(id)?,
            Action::Up | Action::Down if matches!(self.overlays.last(), Some(Overlay::Help { .. })) => {
                if let Some(Overlay::Help { scroll }) = self.overlays.last_mut() {
                    *scroll = if action == Action::Up { scroll.saturating_sub(1) } else { scroll.saturating_add(1) };
                }
            }
            Action::LoadDemo => {
                self.overlays.pop();
                let summary = crate::demo::load(&mut self.store, crate::demo::DEFAULT_SEED)?;
                self.info(format!(
                    "{} ({} {}, {} {}, {} {})",
                    Msg::DemoLoaded.text(self.lang),
                    Msg::ScreenCompanies.text(self.lang),
                    summary.companies,
                    Msg::SpaceRooms.text(self.lang),
                    summary.rooms,
                    Msg::PeopleCount.text(self.lang),
                    summary.people
                ));
                self.me = operator::me(&self.store)?;
                self.refresh_now()?;
            }
            Action::StartEmpty => {
                self.overlays.pop();
                self.info(Msg::StartedEmpty.text(self.lang).to_owned());
            }
            other if other.writes() && !self.may_write()? => {
                let text = self.read_only_message();
                self.info(text);
            }
            other => {
                let ui = self.ui();
                let outcome = self.screens.get_mut(self.screen).update(other, &mut self.store, &ui)?;
                self.follow(outcome);
            }
        }
        Ok(())
    }

    /// Whether the account at the keyboard may write at all, asked of the
    /// database each time (an admin may have just changed its role).
    fn may_write(&mut self) -> Result<bool> {
        self.me = operator::me(&self.store)?;
        Ok(self.me.role.is_some_and(|r| r != Role::Viewer))
    }

    /// Said at once to a read-only account that asks to write, rather than
    /// opening a form whose save would be refused.
    fn read_only_message(&self) -> String {
        let admins = self.me.admins.join(", ");
        match self.me.role {
            None => fill(Msg::NotRegistered.text(self.lang), &[&self.me.user, &admins]),
            Some(_) => fill(Msg::ViewerReadOnly.text(self.lang), &[&self.me.user, &admins]),
        }
    }

    /// Another process committed: reload who we are and the screen in
    /// front, and re-run the open form's live checks (a room just leased
    /// elsewhere shows as taken). What is typed in the form stays as it is.
    fn data_changed(&mut self) -> Result<()> {
        self.me = operator::me(&self.store)?;
        self.refresh_now()?;
        let lang = self.lang;
        if let Some(Overlay::Form(form)) = self.overlays.last_mut() {
            forms::check(form, &self.store, lang);
        }
        Ok(())
    }

    fn follow(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Nothing => {}
            Outcome::Say(text) => self.info(text),
            Outcome::OpenForm(mut form) => {
                forms::check(&mut form, &self.store, self.lang);
                self.overlays.push(Overlay::Form(Box::new(form)));
            }
        }
    }

    /// Keys while a form is open: edit it, save it, or close it.
    fn form_update(&mut self, action: Action) -> Result<()> {
        let lang = self.lang;
        let Some(Overlay::Form(form)) = self.overlays.last_mut() else { return Ok(()) };
        match action {
            Action::Quit => self.quit = true,
            // A picker's offer is closed, or taken, before the form is.
            Action::Back if form.picking() => {
                form.edit(Action::Back);
            }
            Action::Submit if form.picking() => {
                form.take_pick();
                forms::feedback(form, &self.store, lang);
            }
            Action::Back => {
                self.overlays.pop();
            }
            Action::Submit => {
                if let Some(msg) = forms::save(form, &mut self.store, lang) {
                    self.overlays.pop();
                    self.info(msg);
                    self.refresh_now()?;
                }
            }
            other => {
                if form.edit(other) {
                    forms::check(form, &self.store, lang);
                }
            }
        }
        Ok(())
    }

    /// The form open on top, if any.
    pub fn form(&self) -> Option<&Form> {
        match self.overlays.last() {
            Some(Overlay::Form(f)) => Some(f),
            _ => None,
        }
    }

    pub fn screens(&self) -> &Screens {
        &self.screens
    }

    fn info(&mut self, text: String) {
        self.message = Some(Message { text, tone: Tone::Info });
    }

    fn go(&mut self, id: ScreenId) -> Result<()> {
        self.screen = id;
        self.refresh_now()
    }

    fn refresh_now(&mut self) -> Result<()> {
        self.data_version = self.store.data_version()?;
        self.screens.get_mut(self.screen).refresh(&self.store)
    }

    /// Reloads the screen in front, showing any error in the message line.
    pub fn refresh(&mut self) {
        if let Err(e) = self.refresh_now() {
            self.message = Some(Message { text: e.on_screen(self.lang), tone: Tone::Error });
        }
    }

    /// Takes in what the screen in front read off the loop; true if the
    /// caller should redraw.
    pub fn poll(&mut self) -> bool {
        match self.screens.get_mut(self.screen).poll(&self.store) {
            Ok(changed) => changed,
            Err(e) => {
                self.message = Some(Message { text: e.on_screen(self.lang), tone: Tone::Error });
                true
            }
        }
    }

    /// True while the screen in front waits for work off the loop.
    pub fn busy(&self) -> bool {
        self.screens.get(self.screen).busy()
    }

    /// Waits until the screen in front has what it asked for.
    pub fn settle(&mut self) {
        if let Err(e) = self.screens.get_mut(self.screen).settle(&self.store) {
            self.message = Some(Message { text: e.on_screen(self.lang), tone: Tone::Error });
        }
    }

    /// Called while idle: true if something outside changed what is shown
    /// (another process wrote, or the date turned), so the caller redraws.
    pub fn tick(&mut self) -> bool {
        let mut changed = false;
        let today = self.store.now().date();
        // Past midnight "today" moves: the machines' status, the dashboard's
        // figures and the default dates are reread as after a write.
        let date_turned = today != self.today;
        if date_turned {
            self.today = today;
            changed = true;
        }
        match self.store.data_version() {
            Ok(v) if v != self.data_version || date_turned => {
                self.update(Action::DataChanged);
                changed = true;
            }
            Ok(_) => {}
            Err(e) => {
                self.message = Some(Message { text: e.on_screen(self.lang), tone: Tone::Error });
                changed = true;
            }
        }
        changed
    }
}
