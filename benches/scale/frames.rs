//! Driving the app the binary runs, screen by screen, as a person would:
//! keys through the keymap, frames drawn to a 160×48 test terminal that
//! lives as long as the scene (as the real loop keeps its terminal, so
//! ratatui diffs each frame against the last).

use std::hint::black_box;
use std::time::{Duration, Instant};

use kiln::db::Store;
use kiln::i18n::Lang;
use kiln::tui::action::Action;
use kiln::tui::app::App;
use kiln::tui::screens::ScreenId;
use kiln::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rusqlite::Connection;

pub const WIDTH: u16 = 160;
pub const HEIGHT: u16 = 48;

/// The companies screen is scrolled to this row (or its last, if fewer).
pub const FAR_ROW: u32 = 9_000;

/// A screen in one state, and a pair of keys that leave it and come back.
pub struct Scene {
    pub name: &'static str,
    screen: ScreenId,
    /// Pressed once after going to the screen, to reach the state measured.
    setup: fn(&mut App),
    /// Pressed in turns, each followed by a frame: what moving about costs.
    keys: [KeyCode; 2],
}

fn nothing(_: &mut App) {}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
}

/// PgDn (15 rows each) until the selection is on [`FAR_ROW`], or on the
/// last company if there are fewer.
fn scroll_far(app: &mut App) {
    for _ in 0..FAR_ROW / kiln::tui::screens::list::PAGE {
        press(app, KeyCode::PageDown);
    }
}

fn open_calendar(app: &mut App) {
    press(app, KeyCode::Enter);
}

/// The reports screen on the report `n` rows down its menu.
fn report<const N: usize>(app: &mut App) {
    for _ in 0..N {
        press(app, KeyCode::Down);
    }
}

fn type_char(app: &mut App, c: char) {
    press(app, KeyCode::Char(c));
}

/// The companies' filter line open, `세` typed.
fn filtering_companies(app: &mut App) {
    type_char(app, '/');
    type_char(app, '세');
}

/// Screen 5's people tab with its filter line open, `김` typed.
fn filtering_people(app: &mut App) {
    type_char(app, 'P');
    type_char(app, '/');
    type_char(app, '김');
}

/// The booking form of the first machine, its person picker focused.
fn picking_a_person(app: &mut App) {
    type_char(app, 'n');
    type_char(app, '김');
}

pub const SCENES: [Scene; 19] = [
    Scene { name: "1_dashboard", screen: ScreenId::Dashboard, setup: nothing, keys: [KeyCode::Left, KeyCode::Right] },
    Scene { name: "2_companies", screen: ScreenId::Companies, setup: nothing, keys: [KeyCode::Down, KeyCode::Up] },
    Scene {
        name: "2_companies_far",
        screen: ScreenId::Companies,
        setup: scroll_far,
        keys: [KeyCode::Down, KeyCode::Up],
    },
    Scene { name: "3_spaces", screen: ScreenId::Spaces, setup: nothing, keys: [KeyCode::Right, KeyCode::Left] },
    Scene { name: "4_equipment", screen: ScreenId::Equipment, setup: nothing, keys: [KeyCode::Down, KeyCode::Up] },
    Scene {
        name: "4_equipment_week",
        screen: ScreenId::Equipment,
        setup: open_calendar,
        keys: [KeyCode::PageDown, KeyCode::PageUp],
    },
    Scene { name: "5_training", screen: ScreenId::Training, setup: nothing, keys: [KeyCode::Down, KeyCode::Up] },
    // Opening a record: a cohort's roster and back.
    Scene { name: "5_roster_open", screen: ScreenId::Training, setup: nothing, keys: [KeyCode::Enter, KeyCode::Esc] },
    // Paging through 10,000 companies.
    Scene {
        name: "2_companies_page",
        screen: ScreenId::Companies,
        setup: nothing,
        keys: [KeyCode::PageDown, KeyCode::PageUp],
    },
    // A keystroke in a filter line, and one in a picker: the list found again.
    Scene {
        name: "2_companies_filter",
        screen: ScreenId::Companies,
        setup: filtering_companies,
        keys: [KeyCode::Char('라'), KeyCode::Backspace],
    },
    Scene {
        name: "5_people_filter",
        screen: ScreenId::Training,
        setup: filtering_people,
        keys: [KeyCode::Char('민'), KeyCode::Backspace],
    },
    Scene {
        name: "4_picker",
        screen: ScreenId::Equipment,
        setup: picking_a_person,
        keys: [KeyCode::Char('민'), KeyCode::Backspace],
    },
    // Each report of screen 6; ←→ move its month or year (and read it
    // again), or for a report of neither, read it again.
    Scene {
        name: "6_statements",
        screen: ScreenId::Reports,
        setup: report::<0>,
        keys: [KeyCode::Right, KeyCode::Left],
    },
    Scene { name: "6_arrears", screen: ScreenId::Reports, setup: report::<1>, keys: [KeyCode::Right, KeyCode::Left] },
    Scene { name: "6_occupancy", screen: ScreenId::Reports, setup: report::<2>, keys: [KeyCode::Right, KeyCode::Left] },
    Scene {
        name: "6_utilisation",
        screen: ScreenId::Reports,
        setup: report::<3>,
        keys: [KeyCode::Left, KeyCode::Right],
    },
    Scene { name: "6_training", screen: ScreenId::Reports, setup: report::<4>, keys: [KeyCode::Right, KeyCode::Left] },
    Scene { name: "6_kpis", screen: ScreenId::Reports, setup: report::<5>, keys: [KeyCode::Left, KeyCode::Right] },
    Scene { name: "6_top_users", screen: ScreenId::Reports, setup: report::<6>, keys: [KeyCode::Left, KeyCode::Right] },
];

/// What one frame costs, four ways.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// A redraw and nothing else: what a resize costs.
    Draw,
    /// A key of the scene's pair, then a redraw: the loop's frame on input.
    Key,
    /// The screen's number key while on it, then a redraw: what going to
    /// the screen costs (it reloads what it shows).
    Enter,
    /// Another terminal wrote (a row into a table of the bench's own, by
    /// another connection; not timed), then the loop's tick sees it and the
    /// screen reloads, then a redraw: what every open terminal pays after
    /// every write anywhere.
    Written,
    /// A key of the scene's pair, then the wait until the screen holds what
    /// it read for it (a report is read off the loop), then a redraw: how
    /// long from a key to its whole result on screen.
    Settled,
    /// As `written`, and then the wait until the screen has read again what
    /// it shows and taken it in (a report is read off the loop), then a
    /// redraw: how long after a write anywhere every terminal shows it. On
    /// screens that read on the loop this is `written`.
    Shown,
}

impl Case {
    pub const ALL: [Case; 6] = [Case::Draw, Case::Key, Case::Settled, Case::Enter, Case::Written, Case::Shown];

    pub fn name(self) -> &'static str {
        match self {
            Case::Draw => "draw",
            Case::Key => "key",
            Case::Settled => "settled",
            Case::Enter => "enter",
            Case::Written => "written",
            Case::Shown => "shown",
        }
    }
}

/// The app on a scene, with its terminal, and another terminal's
/// connection to write with.
pub struct Stage {
    pub app: App,
    terminal: Terminal<TestBackend>,
    scene: &'static Scene,
    turn: usize,
    other: Other,
}

/// Another terminal, writing. On the file it adds a row to a table of the
/// bench's own (which changes the file's `data_version`, as any write
/// does); on PostgreSQL it sends the notice every table's trigger sends
/// when a kiln table changes.
enum Other {
    Lite(Connection),
    Pg(postgres::Client),
}

impl Other {
    fn new(path: &std::path::Path) -> Other {
        let place = path.to_str().unwrap_or_default();
        if place.starts_with("postgresql://") {
            return Other::Pg(postgres::Client::connect(place, postgres::NoTls).expect("another connection"));
        }
        let other = Connection::open(path).expect("another connection");
        other.busy_timeout(Duration::from_secs(5)).expect("busy timeout");
        other.execute_batch("CREATE TABLE IF NOT EXISTS bench_write (at INTEGER)").expect("the bench's table");
        Other::Lite(other)
    }

    fn write(&mut self) {
        match self {
            Other::Lite(c) => {
                c.execute("INSERT INTO bench_write (at) VALUES (1)", []).expect("another terminal writes");
            }
            Other::Pg(c) => c.batch_execute("NOTIFY kiln").expect("another terminal writes"),
        }
    }
}

impl Stage {
    pub fn new(store: Store, scene: &'static Scene) -> Stage {
        let other = Other::new(store.path());
        let mut app = App::new(store, Lang::Ko, false).expect("the app opens");
        app.update(Action::GoTo(scene.screen));
        (scene.setup)(&mut app);
        app.settle();
        assert!(app.message.is_none(), "{}: {:?}", scene.name, app.message.as_ref().map(|m| &m.text));
        let terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
        let mut stage = Stage { app, terminal, scene, turn: 0, other };
        stage.draw();
        stage
    }

    pub fn draw(&mut self) {
        let app = &self.app;
        black_box(self.terminal.draw(|f| view(app, f)).expect("draw"));
    }

    /// What comes before a frame of `case` and is not part of it.
    pub fn prepare(&mut self, case: Case) {
        if matches!(case, Case::Written | Case::Shown) {
            self.other.write();
        }
    }

    /// One frame of `case`.
    pub fn frame(&mut self, case: Case) {
        match case {
            Case::Draw => {}
            Case::Key | Case::Settled => {
                press(&mut self.app, self.scene.keys[self.turn % 2]);
                self.turn += 1;
                if case == Case::Settled {
                    self.app.settle();
                }
            }
            Case::Enter => self.app.update(Action::GoTo(self.scene.screen)),
            Case::Written | Case::Shown => {
                assert!(self.app.tick(), "the tick sees the other terminal's write");
                if case == Case::Shown {
                    self.app.settle();
                }
            }
        }
        self.draw();
    }

    /// Ends on the scene's state, figures in, so the next case starts where
    /// it did.
    pub fn settle(&mut self) {
        if self.turn % 2 == 1 {
            self.frame(Case::Key);
        }
        self.app.settle();
        assert!(self.app.message.is_none(), "{}: {:?}", self.scene.name, self.app.message.as_ref().map(|m| &m.text));
    }

    /// The screen as text, for a look at what was measured.
    pub fn text(&self) -> String {
        let buf = self.terminal.backend().buffer();
        (0..buf.area.height)
            .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Percentiles of a sample, nearest rank.
pub struct Spread {
    pub n: usize,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
}

pub fn spread(mut times: Vec<Duration>) -> Spread {
    times.sort();
    let n = times.len();
    let rank = |p: usize| times[((n * p).div_ceil(100)).clamp(1, n) - 1];
    Spread { n, p50: rank(50), p99: rank(99), max: times[n - 1] }
}

/// `frames` frames of `case`, each timed, within `budget` (at least 20
/// frames, so a slow case still gives a p99 worth the name: with fewer than
/// 100 it is the slowest frame).
pub fn time_frames(stage: &mut Stage, case: Case, frames: usize, budget: Duration) -> Spread {
    let started = Instant::now();
    let mut times = Vec::with_capacity(frames);
    while times.len() < frames && (times.len() < 20 || started.elapsed() < budget) {
        stage.prepare(case);
        let t = Instant::now();
        stage.frame(case);
        times.push(t.elapsed());
    }
    stage.settle();
    spread(times)
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}
