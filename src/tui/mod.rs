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

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};

use crate::db::{Store, operator};
use crate::error::{Error, Result};
use crate::startup::Env;

pub use app::App;
pub use view::view;

/// How often the interface looks for other processes' writes, idle or not:
/// another terminal's change shows within this long.
const TICK: Duration = Duration::from_millis(500);

/// How often the loop looks for a report read off it, while one is out.
const BUSY_POLL: Duration = Duration::from_millis(10);

/// `KILN_TEST_PANIC=1` makes the interface panic right after its first frame.
/// Only the terminal tests set it, to see that a panic gives the terminal
/// back (raw mode off, main screen, cursor shown) before its message prints.
const TEST_PANIC: &str = "KILN_TEST_PANIC";

/// Restores the terminal however the loop ends. On a panic ratatui's hook has
/// already restored it before printing the message; leaving the alternate
/// screen a second time would move the cursor back over that message.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            ratatui::restore();
        }
    }
}

/// True if there is a terminal to draw on and read keys from: standard
/// output, and standard input or the process's controlling terminal (which
/// crossterm opens when input is redirected).
fn has_terminal() -> bool {
    use std::io::IsTerminal;
    let tty = || std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty").is_ok();
    std::io::stdout().is_terminal() && (std::io::stdin().is_terminal() || tty())
}

/// Opens the interface on the environment's database, creating it if need
/// be; the account that creates it becomes its first admin.
pub fn run(env: &Env) -> Result<()> {
    let existed = env.exists();
    let opened = if existed { env.open_existing() } else { env.open() };
    let (mut store, existed) = match opened {
        // A database on a server that kiln has not made its schema in yet
        // (createdb made it) is a first run, as a file not there yet is;
        // without a terminal, nothing is made in it.
        Err(Error::EmptyDatabase { .. }) if crate::store::is_server(&env.path) => {
            if !has_terminal() {
                return Err(Error::NoTerminal);
            }
            (env.open()?, false)
        }
        other => (other?, existed),
    };
    store.refuse_read_only()?;
    operator::bootstrap(&mut store)?;
    let first_run = !existed && store.is_empty()?;
    let mut app = App::new(store, env.lang, first_run)?;
    // Asked after the database is read, so that a fault of the file (what
    // needs fixing) is told first.
    if !has_terminal() {
        drop(app);
        if !existed {
            // The interface that was to fill it cannot start: leave no file.
            Store::unmake(&env.path);
        }
        return Err(Error::NoTerminal);
    }
    let panic_after_first_frame = std::env::var_os(TEST_PANIC).is_some_and(|v| v == "1");
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    let mut dirty = true;
    let mut last_tick = Instant::now();
    while !app.quit {
        if dirty {
            terminal.draw(|f| view(&app, f))?;
            dirty = false;
            assert!(!panic_after_first_frame, "{TEST_PANIC}=1: the panic the terminal tests ask for");
        }
        // Ticks go by the clock, not by idleness, so someone typing without
        // pause still sees what other terminals write.
        let mut wait = TICK.saturating_sub(last_tick.elapsed());
        if app.busy() {
            wait = wait.min(BUSY_POLL);
        }
        if event::poll(wait)? {
            match event::read()? {
                Event::Key(key) => {
                    app.handle_key(&key);
                    dirty = true;
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        }
        dirty |= app.poll();
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            dirty |= app.tick();
        }
    }
    Ok(())
}
