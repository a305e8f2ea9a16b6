//! The real binary in a real terminal (tmux), driven as a person would:
//! keys in, screen text out, waiting for markers with deadlines, never sleeps.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{NOW, TempDb};

const BIN: &str = env!("CARGO_BIN_EXE_kiln");

/// A tmux server of the test's own, killed when the test ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, width: u16, height: u16) -> Tmux {
        let socket = format!("kiln-test-{name}-{}", std::process::id());
        let t = Tmux { socket };
        let ok = t
            .cmd()
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "main",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .args([
                "env",
                "-i",
                "PATH=/usr/bin:/bin",
                "TERM=xterm-256color",
                "HOME=/tmp",
                "bash",
                "--norc",
                "--noprofile",
            ])
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

    fn send(&self, keys: &[&str]) {
        let ok = self.cmd().args(["send-keys", "-t", "main"]).args(keys).status().unwrap();
        assert!(ok.success());
    }

    fn type_line(&self, line: &str) {
        let ok = self.cmd().args(["send-keys", "-t", "main", "-l", line]).status().unwrap();
        assert!(ok.success());
        self.send(&["Enter"]);
    }

    fn screen(&self) -> String {
        let out = self.cmd().args(["capture-pane", "-p", "-t", "main"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn display(&self, format: &str) -> String {
        let out = self.cmd().args(["display-message", "-p", "-t", "main", format]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Waits until the screen shows `marker`, or fails after a deadline,
    /// printing what the screen showed.
    fn wait_for(&self, marker: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let s = self.screen();
            if s.contains(marker) {
                return s;
            }
            assert!(Instant::now() < deadline, "waited for {marker:?}; the screen shows:\n{s}");
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

fn run_kiln(t: &Tmux, db: &Path, lang: &str) {
    t.type_line(&format!("export PS1='PROMPT> ' LANG={lang} KILN_NOW='{NOW}'"));
    t.wait_for("PROMPT>");
    t.type_line(&format!("{BIN} --db {}; echo \"EXIT=$?\"", shell_quote(db)));
}

#[test]
fn the_dashboard_opens_screens_change_help_shows_and_q_restores_the_shell() {
    let db = TempDb::new();
    let status = Command::new(BIN).env("KILN_NOW", NOW).arg("--db").arg(&db.path).arg("demo").status().unwrap();
    assert!(status.success());
    let t = Tmux::start("ko", 100, 30);
    run_kiln(&t, &db.path, "ko_KR.UTF-8");
    t.wait_for("2010 목표 대비");
    assert_eq!(t.display("#{alternate_on}"), "1", "the interface uses the alternate screen");
    t.send(&["2"]);
    t.wait_for("n 새 기업");
    t.send(&["?"]);
    t.wait_for("도움말 · 키");
    t.send(&["q"]);
    let s = t.wait_for("EXIT=0");
    assert!(s.lines().any(|l| l.starts_with("PROMPT>")), "{s}");
    assert_eq!(t.display("#{alternate_on}"), "0", "back on the main screen");
    assert_eq!(t.display("#{cursor_flag}"), "1", "the cursor is visible again");
}

#[test]
fn a_new_database_offers_the_demo_in_english() {
    let db = TempDb::new();
    let t = Tmux::start("en", 80, 24);
    run_kiln(&t, &db.path, "en_US.UTF-8");
    t.wait_for("New database");
    t.send(&["d"]);
    t.wait_for("The demo centre was loaded");
    t.send(&["Tab"]);
    t.wait_for("n new company");
    t.send(&["q"]);
    t.wait_for("EXIT=0");
    assert!(db.path.exists());
}

#[test]
fn a_too_small_terminal_is_told_so_and_recovers() {
    let db = TempDb::new();
    let status = Command::new(BIN).env("KILN_NOW", NOW).arg("--db").arg(&db.path).arg("init").status().unwrap();
    assert!(status.success());
    let t = Tmux::start("small", 100, 30);
    run_kiln(&t, &db.path, "ko_KR.UTF-8");
    t.wait_for("2010 목표 대비");
    let ok = t.cmd().args(["resize-window", "-t", "main", "-x", "60", "-y", "20"]).status().unwrap();
    assert!(ok.success());
    t.wait_for("터미널이 너무 작습니다");
    let ok = t.cmd().args(["resize-window", "-t", "main", "-x", "100", "-y", "30"]).status().unwrap();
    assert!(ok.success());
    t.wait_for("2010 목표 대비");
    t.send(&["q"]);
    t.wait_for("EXIT=0");
}
