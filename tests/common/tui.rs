//! Driving the real app with keys and reading what it draws on a test
//! terminal, wide characters counted once.

use kiln::tui::app::App;
use kiln::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key, then a wait until the screen has what it read off the loop (a
/// report), as a person waits for it to fill.
pub fn key(app: &mut App, c: char) {
    app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    app.settle();
}

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
    app.settle();
}

/// Types text as a Hangul input method delivers it: one composed character at a time.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, c);
    }
}

/// Empties the focused form field (Ctrl+U).
pub fn clear(app: &mut App) {
    app.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
}

/// The frame as drawn, and its text line by line.
pub fn draw(app: &App, w: u16, h: u16) -> (String, Buffer) {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(app, f)).unwrap();
    let buf = terminal.backend().buffer().clone();
    (text(&buf), buf)
}

/// A buffer as lines of text, wide characters counted once.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            skip = kiln::cells::width(s).saturating_sub(1);
            out.push_str(s);
        }
        out.push('\n');
    }
    super::pg::as_the_file(out)
}

/// The frame's text.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    draw(app, w, h).0
}
