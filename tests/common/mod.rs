//! Helpers for end-to-end tests: drive the real binary as a person at an SSH terminal would (type
//! keys, read the screen, send signals), in a pseudo-terminal made from Rust (`pty`, needs nothing
//! installed) or inside a private tmux server (`Tmux`, for what is tmux's own).
#![allow(dead_code)]

pub mod pty;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Whether tmux is installed. `cargo test` must pass on a machine without it (the README's test
/// command needs nothing installed by hand), so the tmux tests skip themselves, saying so, when it
/// is missing; `.ci/run` installs it, so CI runs them.
pub fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Returns from the calling test, with a line in the test output, when tmux is not installed.
#[macro_export]
macro_rules! require_tmux {
    () => {
        if !common::tmux_available() {
            eprintln!(
                "skipped: tmux not installed (the test at {}:{}; apt-get install tmux; .ci/run installs it)",
                file!(),
                line!()
            );
            return;
        }
    };
}

/// A program running in its own tmux server, killed on drop.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `args` of the secretariat binary in a `cols`x`rows` terminal with `env` set.
    pub fn start(name: &str, cols: u16, rows: u16, args: &[&str], env: &[(&str, &Path)]) -> Tmux {
        let socket = format!("secretariat-e2e-{name}-{}", std::process::id());
        let bin = env!("CARGO_BIN_EXE_secretariat");
        let mut cmd = String::new();
        for (k, v) in env {
            cmd.push_str(&format!("{k}={} ", shell_quote(&v.to_string_lossy())));
        }
        cmd.push_str(&format!("TERM=xterm-256color {} ", shell_quote(bin)));
        for a in args {
            cmd.push_str(&shell_quote(a));
            cmd.push(' ');
        }
        // Keep the pane after the program exits so its last words can be read.
        cmd.push_str("; echo \"[exited $?]\"; sleep 600");
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d", "-x", &cols.to_string(), "-y", &rows.to_string()])
            .arg(cmd)
            .status()
            .expect("tmux must be installed for the end-to-end tests (apt-get install tmux; .ci/run does it)");
        assert!(status.success(), "tmux new-session failed");
        Tmux { socket }
    }

    /// The tmux server's socket name (for tmux commands the helpers do not wrap).
    pub fn socket(&self) -> String {
        self.socket.clone()
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    /// Waits until `text` is on the screen; panics with the screen after `secs`.
    pub fn wait_for(&self, text: &str, secs: u64) {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return;
            }
            if Instant::now() > end {
                panic!("{text:?} did not appear within {secs}s; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Sends tmux key names (Enter, Escape, C-r, Down, ...), one at a time with a short pause.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "0", k]);
            std::thread::sleep(Duration::from_millis(80));
        }
    }

    /// Types literal text.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "0", "-l", text]);
        std::thread::sleep(Duration::from_millis(150));
    }

    /// The pid of the program in the pane (the shell's child).
    pub fn program_pid(&self) -> Option<u32> {
        let out = self.tmux(&["display", "-p", "-t", "0", "#{pane_pid}"]);
        let shell: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
        let children =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).ok()?;
        children.split_whitespace().next()?.parse().ok()
    }

    /// Whether the program holds the alternate screen.
    pub fn alternate_on(&self) -> bool {
        String::from_utf8_lossy(
            &self
                .tmux(&["display", "-p", "-t", "0", "#{alternate_on}"])
                .stdout,
        )
        .trim()
            == "1"
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A fresh copy of the demo workspace in `dir`.
pub fn demo_copy(dir: &Path) -> std::path::PathBuf {
    let ws = dir.join("ws");
    let out = Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args([
            "init",
            ws.to_str().unwrap(),
            "--demo",
            "--today",
            "2026-11-26",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    ws
}
