//! The real binary inside tmux, for what is tmux's own: a user who works in a tmux session over
//! SSH, and the tmux server going away under the program. Everything else a person does at a
//! terminal (the new user's path, undo and redo, SIGHUP, a small terminal, no terminal, live
//! reload) is in tests/tui_pty.rs, which needs nothing installed. These skip, saying
//! "skipped: tmux not installed", where tmux is missing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Tmux, demo_copy};

/// The demo in a fresh folder, with a private state folder for recovery files, and the program
/// started on it in a `cols` x `rows` terminal.
fn start_demo(name: &str, cols: u16, rows: u16) -> (tempfile::TempDir, PathBuf, PathBuf, Tmux) {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo_copy(dir.path());
    let state = dir.path().join("state");
    let t = start_on(name, cols, rows, &ws, &state);
    (dir, ws, state, t)
}

fn start_on(name: &str, cols: u16, rows: u16, ws: &Path, state: &Path) -> Tmux {
    Tmux::start(
        name,
        cols,
        rows,
        &["-w", ws.to_str().unwrap()],
        &[("SECRETARIAT_STATE_DIR", state)],
    )
}

#[test]
fn killing_the_tmux_server_ends_the_program_and_keeps_the_form() {
    require_tmux!();
    let (_dir, _ws, state, t) = start_demo("closed", 80, 24);
    t.wait_for("Overblik", 10);
    t.keys(&["3", "n"]);
    t.wait_for("Ny sag", 5);
    t.type_text("Skrevet lige før lukning");
    t.wait_for("Skrevet lige før lukning", 5);
    let pid = t.program_pid().expect("the program runs in the pane");
    // tmux itself goes away (its server killed), as when the machine's tmux is restarted.
    Command::new("tmux")
        .args(["-L", &t.socket(), "kill-server"])
        .status()
        .unwrap();
    let end = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            std::time::Instant::now() < end,
            "the program still runs after its terminal closed"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let files: Vec<_> = std::fs::read_dir(&state).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "one recovery file");
    let body = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(body.contains("Skrevet lige før lukning"), "{body}");
}

#[test]
fn inside_tmux_the_program_draws_and_quits_cleanly() {
    require_tmux!();
    let (_dir, _ws, _state, t) = start_demo("inside", 80, 24);
    t.wait_for("Overblik", 20);
    t.keys(&["3"]);
    t.wait_for("Sager", 10);
    t.keys(&["q"]);
    t.wait_for("[exited 0]", 10);
    assert!(!t.alternate_on(), "the terminal is restored");
}
