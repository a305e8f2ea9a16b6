//! Everything the interface can be asked to do. Keys become Actions through
//! the keymap; tests drive the app by sending Actions directly.

use super::screens::ScreenId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave kiln, restoring the terminal.
    Quit,
    /// Open the help overlay listing the keys that work here, or close it.
    ToggleHelp,
    /// Close the topmost overlay.
    Back,
    /// Go to the next screen (wrapping from 6 to 1).
    NextScreen,
    /// Go to the previous screen (wrapping from 1 to 6).
    PrevScreen,
    /// Go straight to one screen (keys 1–6).
    GoTo(ScreenId),
    /// Move the selection or scroll up one row.
    Up,
    /// Move the selection or scroll down one row.
    Down,
    /// Move up one page.
    PageUp,
    /// Move down one page.
    PageDown,
    /// Go to the first row.
    First,
    /// Go to the last row.
    Last,
    /// First run: fill the new database with the demo centre.
    LoadDemo,
    /// First run: start with the empty database.
    StartEmpty,
    /// Another process committed to the database: reload what is on screen.
    DataChanged,
}
