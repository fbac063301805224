//! The real binary in a real terminal (tmux), driven by keys as a person over SSH would: the new
//! user's path from the README, a dropped connection (SIGHUP) with a form open, a terminal that is
//! too small, and no terminal at all.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Tmux, demo_copy};

fn case_json(ws: &Path, id: &str) -> String {
    std::fs::read_to_string(ws.join("cases").join(format!("{id}.json"))).unwrap()
}

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
fn a_new_user_edits_a_recommendation_and_undoes_and_redoes_it() {
    require_tmux!();
    let (_dir, ws, _state, t) = start_demo("newuser", 80, 24);
    t.wait_for("Overblik", 10);
    // Find the deviating initiatives.
    t.keys(&["2", "/"]);
    t.type_text("afvigende");
    t.keys(&["Enter"]);
    t.wait_for("Afvigende", 5);
    t.keys(&["Enter"]);
    // The initiative page: at 80x24 its budget chart takes the bottom rows (the status history is
    // a scroll away).
    t.wait_for("Budget og prognose", 5);
    // Open a case and change its recommendation.
    t.keys(&["3", "Enter"]);
    t.wait_for("Indstilling", 5);
    let id = "S-2026-010";
    t.wait_for(id, 5);
    t.keys(&["e"]);
    t.wait_for("Rediger sag", 5);
    t.keys(&["Tab", "Tab", "Tab", "Tab", "C-e"]);
    t.type_text(" Tilføjet i tmux.");
    t.keys(&["C-s"]);
    t.wait_for("er gemt", 5);
    assert!(case_json(&ws, id).contains("Tilføjet i tmux."));
    t.keys(&["u"]);
    t.wait_for("Fortrudt", 5);
    assert!(!case_json(&ws, id).contains("Tilføjet i tmux."));
    t.keys(&["C-r"]);
    t.wait_for("Gentaget", 5);
    assert!(case_json(&ws, id).contains("Tilføjet i tmux."));
    t.keys(&["q"]);
    t.wait_for("[exited 0]", 5);
    assert!(!t.alternate_on(), "the terminal is restored");
}

#[test]
fn a_dropped_connection_keeps_the_open_form_for_the_next_start() {
    require_tmux!();
    let (_dir, ws, state, t) = start_demo("hangup", 80, 24);
    t.wait_for("Overblik", 10);
    t.keys(&["3", "n"]);
    t.wait_for("Ny sag", 5);
    t.type_text("Halvfærdig sag fra SSH");
    t.wait_for("Halvfærdig sag fra SSH", 5);
    let pid = t.program_pid().expect("the program runs in the pane");
    let st = Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    t.wait_for("[exited 129]", 5);
    assert!(!t.alternate_on(), "the terminal is restored after SIGHUP");
    let files: Vec<_> = std::fs::read_dir(&state).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "one recovery file");
    let body = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(body.contains("Halvfærdig sag fra SSH"), "{body}");
    drop(t);

    let t = start_on("hangup2", 80, 24, &ws, &state);
    t.wait_for("Programmet sluttede", 10);
    t.keys(&["j"]);
    t.wait_for("Halvfærdig sag fra SSH", 5);
    t.keys(&["C-s"]);
    t.wait_for("er gemt", 5);
    assert_eq!(
        std::fs::read_dir(&state).unwrap().count(),
        0,
        "taken back: gone"
    );
}

#[test]
fn a_small_terminal_gets_a_notice_and_a_resize_redraws() {
    require_tmux!();
    let (_dir, _ws, _state, t) = start_demo("small", 60, 20);
    t.wait_for("Terminalen er for lille", 10);
    t.wait_for("80x24", 2);
    Command::new("tmux")
        .args([
            "-L",
            &t.socket(),
            "resize-window",
            "-t",
            "0",
            "-x",
            "100",
            "-y",
            "30",
        ])
        .status()
        .unwrap();
    t.wait_for("Overblik", 5);
    t.keys(&["C-c"]);
    t.wait_for("[exited 0]", 5);
}

#[test]
fn no_terminal_or_a_dumb_one_gets_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo_copy(dir.path());
    for term in ["dumb", "xterm"] {
        let out = Command::new(env!("CARGO_BIN_EXE_secretariat"))
            .args(["-w", ws.to_str().unwrap()])
            .env("TERM", term)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("subcommands"), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
}

#[test]
fn closing_the_terminal_ends_the_program_and_keeps_the_form() {
    require_tmux!();
    let (_dir, _ws, state, t) = start_demo("closed", 80, 24);
    t.wait_for("Overblik", 10);
    t.keys(&["3", "n"]);
    t.wait_for("Ny sag", 5);
    t.type_text("Skrevet lige før lukning");
    t.wait_for("Skrevet lige før lukning", 5);
    let pid = t.program_pid().expect("the program runs in the pane");
    // The terminal goes away, as when an SSH connection drops.
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
fn undo_walks_back_through_two_saves_of_one_case_and_another_case() {
    require_tmux!();
    let (_dir, ws, _state, t) = start_demo("undochain", 80, 24);
    t.wait_for("Overblik", 10);
    t.keys(&["3", "g"]);
    t.wait_for("Sager", 5);
    let title = |id: &str| -> String {
        let v: serde_json::Value = serde_json::from_str(&case_json(&ws, id)).unwrap();
        v["title"].as_str().unwrap().to_string()
    };
    let ids: Vec<String> = {
        let mut v: Vec<String> = std::fs::read_dir(ws.join("cases"))
            .unwrap()
            .flatten()
            .map(|e| {
                e.file_name()
                    .to_string_lossy()
                    .trim_end_matches(".json")
                    .to_string()
            })
            .collect();
        v.sort();
        v
    };
    let before: Vec<String> = ids.iter().map(|id| title(id)).collect();
    let edit = |text: &str| {
        t.keys(&["e"]);
        t.wait_for("Rediger sag", 5);
        t.type_text(text);
        t.keys(&["C-s"]);
        t.wait_for("er gemt", 5);
    };
    edit(" et");
    edit(" to");
    t.keys(&["j"]);
    edit(" tre");
    let changed: Vec<usize> = (0..ids.len())
        .filter(|&i| title(&ids[i]) != before[i])
        .collect();
    assert_eq!(changed.len(), 2, "two cases changed");
    for _ in 0..3 {
        t.keys(&["u"]);
        t.wait_for("Fortrudt", 5);
        // The next status message must come from the next key.
        t.keys(&["j", "k"]);
    }
    let screen = t.screen();
    assert!(!screen.contains("Kunne ikke"), "{screen}");
    assert!(!screen.contains("Konflikt"), "{screen}");
    let after: Vec<String> = ids.iter().map(|id| title(id)).collect();
    assert_eq!(after, before, "every edit undone on disk");
    t.keys(&["u"]);
    t.wait_for("Intet at fortryde", 5);
    t.keys(&["q"]);
    t.wait_for("[exited 0]", 5);
}

#[test]
fn ctrl_q_in_a_half_filled_form_quits_and_the_next_start_offers_the_draft() {
    require_tmux!();
    let (_dir, ws, state, t) = start_demo("quitform", 80, 24);
    t.wait_for("Overblik", 10);
    t.keys(&["3", "n"]);
    t.wait_for("Ny sag", 5);
    t.type_text("Halvfærdig sag, quit");
    t.wait_for("Halvfærdig sag, quit", 5);
    t.keys(&["C-q"]);
    t.wait_for("[exited 0]", 5);
    assert!(!t.alternate_on(), "the terminal is restored");
    t.wait_for("gemt som kladde", 2);
    let files: Vec<_> = std::fs::read_dir(&state).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "one draft file");
    let body = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(body.contains("Halvfærdig sag, quit"), "{body}");
    drop(t);

    let t = start_on("quitform2", 80, 24, &ws, &state);
    t.wait_for("Programmet sluttede", 10);
    t.keys(&["j"]);
    t.wait_for("Halvfærdig sag, quit", 5);
    // Ctrl-c quits from the form too, keeping it again.
    t.keys(&["C-c"]);
    t.wait_for("[exited 0]", 5);
    assert_eq!(std::fs::read_dir(&state).unwrap().count(), 1);
}
