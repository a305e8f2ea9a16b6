//! The terminal interface: App state + Action + one `update` + a pure `view`.
//! The loop blocks on input and redraws on input, on resize, or when another
//! process committed to the database.

pub mod action;
pub mod app;
pub mod form;
pub mod forms;
pub mod keymap;
pub mod screens;
mod theme;
pub mod view;
mod widgets;

use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

use crate::cli::Env;
use crate::db::operator;
use crate::error::Result;

pub use app::App;
pub use view::view;

/// How often an idle interface looks for other processes' writes.
const IDLE_POLL: Duration = Duration::from_millis(500);

/// Restores the terminal however the loop ends. ratatui's own panic hook
/// restores it on a panic too.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Opens the interface on the environment's database, creating it if need
/// be; the account that creates it becomes its first admin.
pub fn run(env: &Env) -> Result<()> {
    let existed = env.path.exists();
    let mut store = env.open()?;
    operator::bootstrap(&mut store)?;
    let first_run = !existed && store.is_empty()?;
    let mut app = App::new(store, env.lang, first_run)?;
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    let mut dirty = true;
    while !app.quit {
        if dirty {
            terminal.draw(|f| view(&app, f))?;
            dirty = false;
        }
        if event::poll(IDLE_POLL)? {
            match event::read()? {
                Event::Key(key) => {
                    app.handle_key(&key);
                    dirty = true;
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        } else {
            dirty = app.tick();
        }
    }
    Ok(())
}
