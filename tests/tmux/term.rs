//! A tmux server of a test's own, and its screen read as terminal cells.

use std::process::Command;
use std::time::{Duration, Instant};

/// How long the screen may take to show what a test waits for: generous, for
/// a loaded two-core CI machine; a test that passes never waits this long.
const DEADLINE: Duration = Duration::from_secs(20);

/// How often the screen is read while waiting.
const POLL: Duration = Duration::from_millis(25);

/// A tmux server with one pane running a clean bash, killed when dropped.
pub struct Tmux {
    socket: String,
    pub width: u16,
    pub height: u16,
}

impl Tmux {
    pub fn start(name: &str, width: u16, height: u16) -> Tmux {
        let socket = format!("kiln-test-{name}-{}", std::process::id());
        let t = Tmux { socket, width, height };
        let ok = t
            .cmd()
            .args(["-f", "/dev/null", "new-session", "-d", "-s", "main"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .args(["env", "-i", "PATH=/usr/bin:/bin", "TERM=xterm-256color", "HOME=/tmp"])
            .args(["bash", "--norc", "--noprofile"])
            .status()
            .expect("tmux is installed (the README says how)");
        assert!(ok.success());
        t
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-u", "-L", &self.socket]);
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Keys by tmux's names: "Enter", "Escape", "Tab", "C-u", "j" …
    pub fn send(&self, keys: &[&str]) {
        self.run(&[&["send-keys", "-t", "main"], keys].concat());
    }

    /// Text as typed, Hangul included.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "main", "-l", text]);
    }

    pub fn type_line(&self, line: &str) {
        self.type_text(line);
        self.send(&["Enter"]);
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "main"])
    }

    /// A tmux format about the pane, e.g. `#{alternate_on}`.
    pub fn display(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "main", format]).trim().to_owned()
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.run(&["resize-window", "-t", "main", "-x", &width.to_string(), "-y", &height.to_string()]);
        self.width = width;
        self.height = height;
    }

    /// Reads the screen until `ready` accepts it twice running unchanged (a
    /// frame arrives in pieces, so one read may catch it half drawn), or fails
    /// after the deadline with why not and what the screen showed.
    pub fn wait_until(&self, ready: impl FnMut(&str) -> Result<(), String>) -> String {
        self.wait_until_within(DEADLINE, ready)
    }

    /// [`Tmux::wait_until`] with a deadline of its own, for the one slow
    /// step: loading the demo, some 20,000 rows, which over a PostgreSQL
    /// connection is a round trip each.
    pub fn wait_until_within(&self, limit: Duration, mut ready: impl FnMut(&str) -> Result<(), String>) -> String {
        let deadline = Instant::now() + limit;
        let mut accepted: Option<String> = None;
        loop {
            let s = self.screen();
            match ready(&s) {
                Ok(()) if accepted.as_ref() == Some(&s) => return s,
                Ok(()) => accepted = Some(s),
                Err(why) => {
                    assert!(Instant::now() < deadline, "{why}; the screen shows:\n{s}");
                    accepted = None;
                }
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `marker`.
    pub fn wait_for(&self, marker: &str) -> String {
        self.wait_until(|s| if s.contains(marker) { Ok(()) } else { Err(format!("waited for {marker:?}")) })
    }

    /// Waits until the screen shows `marker` in a whole frame of the pane's
    /// size (see [`frame`]).
    pub fn wait_for_frame(&self, marker: &str) -> String {
        let (w, h) = (self.width, self.height);
        self.wait_until(|s| {
            if !s.contains(marker) {
                return Err(format!("waited for {marker:?}"));
            }
            frame(s, w, h)
        })
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

/// A line as terminal cells: a wide character fills its cell and leaves the
/// next one empty.
pub fn cells(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in line.chars() {
        let s = c.to_string();
        match kiln::cells::width(&s) {
            0 => match out.last_mut() {
                Some(last) => last.push(c),
                None => out.push(s),
            },
            w => {
                out.push(s);
                out.extend(std::iter::repeat_n(String::new(), w - 1));
            }
        }
    }
    out
}

/// The cell where `needle` starts on `line`.
pub fn column(line: &str, needle: &str) -> Option<usize> {
    line.find(needle).map(|i| kiln::cells::width(&line[..i]))
}

/// The text in cells `[from, from + len)` of `line`.
pub fn text_at(line: &str, from: usize, len: usize) -> String {
    cells(line).into_iter().skip(from).take(len).collect()
}

/// The first line of `screen` holding every one of `parts`.
pub fn line_with<'s>(screen: &'s str, parts: &[&str]) -> &'s str {
    screen
        .lines()
        .find(|l| parts.iter().all(|p| l.contains(p)))
        .unwrap_or_else(|| panic!("no line holds {parts:?}; the screen shows:\n{screen}"))
}

/// Whether `screen` is a whole kiln frame of `w`×`h`: no line wider than the
/// pane, every box closed on all four sides (a character drawn one cell off
/// breaks a border) except where a closed box drawn over it hides it, the
/// boxes spanning the body from the left edge to the right and down to the
/// row above the message line.
pub fn frame(screen: &str, w: u16, h: u16) -> Result<(), String> {
    let (w, h) = (usize::from(w), usize::from(h));
    let grid: Vec<Vec<String>> = screen.lines().map(cells).collect();
    if grid.len() != h {
        return Err(format!("{} lines on a pane of {h}", grid.len()));
    }
    if let Some(y) = grid.iter().position(|r| r.len() > w) {
        return Err(format!("line {y} is wider than {w} cells"));
    }
    let at = |x: usize, y: usize| grid.get(y).and_then(|r| r.get(x)).map_or(" ", String::as_str);
    let corners: Vec<(usize, usize)> =
        (0..h).flat_map(|y| (0..w).map(move |x| (x, y))).filter(|&(x, y)| at(x, y) == "┌").collect();
    // Boxes on top close on their own; a box under them may be hidden where
    // they cover it. Repeat until no more boxes close.
    let mut closed: Vec<Rect> = Vec::new();
    let mut open = corners;
    loop {
        let before = open.len();
        let mut failures = Vec::new();
        open.retain(|&(x, y)| {
            // A box around this one (holding its corner) hides none of it.
            let over = |cx: usize, cy: usize| closed.iter().any(|r| r.holds(cx, cy) && !r.holds(x, y));
            match closed_box(&at, &over, x, y) {
                Ok(r) => {
                    closed.push(r);
                    false
                }
                Err(e) => {
                    failures.push(e);
                    true
                }
            }
        });
        if open.is_empty() {
            break;
        }
        if open.len() == before {
            return Err(failures.join("; "));
        }
    }
    let left = closed.iter().map(|r| r.x).min();
    let right = closed.iter().map(|r| r.x2).max();
    let bottom = closed.iter().map(|r| r.y2).max();
    if (left, right, bottom) != (Some(0), Some(w - 1), Some(h - 3)) {
        return Err(format!(
            "the boxes span columns {left:?}–{right:?} and end on row {bottom:?}, not 0–{} and {}",
            w - 1,
            h - 3
        ));
    }
    Ok(())
}

/// A box's corners, borders included.
#[derive(Clone, Copy)]
struct Rect {
    x: usize,
    y: usize,
    x2: usize,
    y2: usize,
}

impl Rect {
    fn holds(self, x: usize, y: usize) -> bool {
        (self.x..=self.x2).contains(&x) && (self.y..=self.y2).contains(&y)
    }
}

/// Follows the box whose top-left corner is at (x, y) down its left side,
/// along its bottom and up its right side, passing where `over` says another
/// box hides it.
fn closed_box<'g>(
    at: &impl Fn(usize, usize) -> &'g str,
    over: &impl Fn(usize, usize) -> bool,
    x: usize,
    y: usize,
) -> Result<Rect, String> {
    let broken = |side: &str, cx: usize, cy: usize| {
        Err(format!("the box at column {x}, row {y} is broken on its {side} at column {cx}, row {cy}"))
    };
    let is = |cx: usize, cy: usize, border: &str| at(cx, cy) == border || over(cx, cy);
    let mut y2 = y + 1;
    while at(x, y2) == "│" || (over(x, y2) && at(x, y2) != "└") {
        y2 += 1;
    }
    if !is(x, y2, "└") {
        return broken("left side", x, y2);
    }
    let mut x2 = x + 1;
    while at(x2, y2) == "─" || (over(x2, y2) && at(x2, y2) != "┘") {
        x2 += 1;
    }
    if !is(x2, y2, "┘") {
        return broken("bottom", x2, y2);
    }
    if !is(x2, y, "┐") {
        return broken("top-right corner", x2, y);
    }
    if let Some(r) = (y + 1..y2).find(|&r| !is(x2, r, "│")) {
        return broken("right side", x2, r);
    }
    Ok(Rect { x, y, x2, y2 })
}
