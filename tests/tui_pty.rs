//! The real binary in a real (pseudo-)terminal, driven by keys as a person over SSH would: the new
//! user's path from the README, undo and redo, a dropped connection (SIGHUP, or the terminal
//! closing) with a form open, a terminal that is too small, no terminal at all, and a colleague's
//! change on disk showing up without a restart. Runs everywhere: the terminal is made from Rust
//! (tests/common/pty.rs), nothing needs installing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::demo_copy;
use common::pty::Pty;

fn case_json(ws: &Path, id: &str) -> String {
    std::fs::read_to_string(ws.join("cases").join(format!("{id}.json"))).unwrap()
}

/// The demo in a fresh folder, with a private state folder for recovery files, and the program
/// started on it in a `cols` x `rows` terminal.
fn start_demo(name: &str, cols: u16, rows: u16) -> (tempfile::TempDir, PathBuf, PathBuf, Pty) {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo_copy(dir.path());
    let state = dir.path().join("state");
    let t = start_on(name, cols, rows, &ws, &state);
    (dir, ws, state, t)
}

fn start_on(name: &str, cols: u16, rows: u16, ws: &Path, state: &Path) -> Pty {
    Pty::start(
        name,
        cols,
        rows,
        &["-w", ws.to_str().unwrap()],
        &[("SECRETARIAT_STATE_DIR", state)],
        ws.parent().unwrap_or(ws),
    )
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

#[test]
fn a_new_user_edits_a_recommendation_and_undoes_and_redoes_it() {
    let (_dir, ws, _state, mut t) = start_demo("newuser", 80, 24);
    t.wait_for("Overblik", 20);
    // Find the deviating initiatives.
    t.keys(&["2", "/"]);
    t.type_text("afvigende");
    t.keys(&["Enter"]);
    t.wait_for("Afvigende", 10);
    t.keys(&["Enter"]);
    // The initiative page: at 80x24 its budget chart takes the bottom rows.
    t.wait_for("Budget og prognose", 10);
    // Open a case and change its recommendation.
    t.keys(&["3", "Enter"]);
    t.wait_for("Indstilling", 10);
    let id = "S-2026-010";
    t.wait_for(id, 10);
    t.keys(&["e"]);
    t.wait_for("Rediger sag", 10);
    t.keys(&["Tab", "Tab", "Tab", "Tab", "C-e"]);
    t.type_text(" Tilføjet i terminalen.");
    t.wait_for("Tilføjet i terminalen.", 10);
    t.keys(&["C-s"]);
    t.wait_for("er gemt", 10);
    assert!(case_json(&ws, id).contains("Tilføjet i terminalen."));
    t.keys(&["u"]);
    t.wait_for("Fortrudt", 10);
    assert!(!case_json(&ws, id).contains("Tilføjet i terminalen."));
    t.keys(&["C-r"]);
    t.wait_for("Gentaget", 10);
    assert!(case_json(&ws, id).contains("Tilføjet i terminalen."));
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(20), 0);
    assert!(!t.alternate_on(), "the terminal is restored");
}

#[test]
fn a_dropped_connection_keeps_the_open_form_for_the_next_start() {
    let (_dir, ws, state, mut t) = start_demo("hangup", 80, 24);
    t.wait_for("Overblik", 20);
    t.keys(&["3", "n"]);
    t.wait_for("Ny sag", 10);
    t.type_text("Halvfærdig sag fra SSH");
    t.wait_for("Halvfærdig sag fra SSH", 10);
    t.signal(libc::SIGHUP);
    assert_eq!(t.wait_exit(20), 129);
    assert!(!t.alternate_on(), "the terminal is restored after SIGHUP");
    let files = files_in(&state);
    assert_eq!(files.len(), 1, "one recovery file");
    let body = std::fs::read_to_string(&files[0]).unwrap();
    assert!(body.contains("Halvfærdig sag fra SSH"), "{body}");
    drop(t);

    let t = start_on("hangup2", 80, 24, &ws, &state);
    t.wait_for("Programmet sluttede", 20);
    t.keys(&["j"]);
    t.wait_for("Halvfærdig sag fra SSH", 10);
    t.keys(&["C-s"]);
    t.wait_for("er gemt", 10);
    assert_eq!(files_in(&state).len(), 0, "taken back: gone");
}

#[test]
fn a_small_terminal_gets_a_notice_and_a_resize_redraws() {
    let (_dir, _ws, _state, mut t) = start_demo("small", 60, 20);
    t.wait_for("Terminalen er for lille", 20);
    t.wait_for("80x24", 10);
    t.resize(100, 30);
    t.wait_for("Overblik", 20);
    t.wait_gone("Terminalen er for lille", 10);
    // And back: the notice again, then the screen.
    t.resize(70, 24);
    t.wait_for("Terminalen er for lille", 20);
    t.resize(120, 36);
    t.wait_for("Overblik", 20);
    t.keys(&["C-c"]);
    assert_eq!(t.wait_exit(20), 0);
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
fn a_dumb_terminal_that_is_a_terminal_gets_the_error_too() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo_copy(dir.path());
    let mut t = Pty::start(
        "dumb",
        80,
        24,
        &["-w", ws.to_str().unwrap()],
        &[("TERM", Path::new("dumb"))],
        dir.path(),
    );
    t.wait_for("TERM=dumb", 20);
    assert_ne!(t.wait_exit(20), 0);
    assert!(!t.alternate_on());
}

#[test]
fn closing_the_terminal_ends_the_program_and_keeps_the_form() {
    let (_dir, _ws, state, t) = start_demo("closed", 80, 24);
    t.wait_for("Overblik", 20);
    t.keys(&["3", "n"]);
    t.wait_for("Ny sag", 10);
    t.type_text("Skrevet lige før lukning");
    t.wait_for("Skrevet lige før lukning", 10);
    // The terminal goes away, as when an SSH connection drops.
    let pid = t.close_terminal();
    let end = Instant::now() + Duration::from_secs(20);
    while Path::new(&format!("/proc/{pid}/status")).exists() && !is_zombie(pid) {
        assert!(
            Instant::now() < end,
            "the program still runs 20 s after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let files = files_in(&state);
    assert_eq!(files.len(), 1, "one recovery file");
    let body = std::fs::read_to_string(&files[0]).unwrap();
    assert!(body.contains("Skrevet lige før lukning"), "{body}");
}

/// Whether `pid` has ended and only waits to be reaped (our child, not waited for yet).
fn is_zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("State:") && l.contains('Z'))
        })
        .unwrap_or(true)
}

#[test]
fn undo_walks_back_through_two_saves_of_one_case_and_another_case() {
    let (_dir, ws, _state, mut t) = start_demo("undochain", 80, 24);
    t.wait_for("Overblik", 20);
    t.keys(&["3", "g"]);
    t.wait_for("Sager", 10);
    let title = |id: &str| -> String {
        let v: serde_json::Value = serde_json::from_str(&case_json(&ws, id)).unwrap();
        v["title"].as_str().unwrap().to_string()
    };
    let ids: Vec<String> = {
        let mut v: Vec<String> = files_in(&ws.join("cases"))
            .iter()
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        v.sort();
        v
    };
    let before: Vec<String> = ids.iter().map(|id| title(id)).collect();
    let mut saves = 0;
    let mut edit = |t: &Pty, text: &str| {
        t.keys(&["e"]);
        t.wait_for("Rediger sag", 10);
        t.type_text(text);
        t.wait_for(text.trim(), 10);
        t.keys(&["C-s"]);
        t.wait_for("er gemt", 10);
        saves += 1;
        // The next status message must come from the next key.
        t.keys(&["j", "k"]);
        t.wait_gone("er gemt", 10);
    };
    edit(&t, " et");
    edit(&t, " to");
    t.keys(&["j"]);
    edit(&t, " tre");
    assert_eq!(saves, 3);
    let changed: Vec<usize> = (0..ids.len())
        .filter(|&i| title(&ids[i]) != before[i])
        .collect();
    assert_eq!(changed.len(), 2, "two cases changed");
    for _ in 0..3 {
        t.keys(&["u"]);
        t.wait_for("Fortrudt", 10);
        t.keys(&["j", "k"]);
        t.wait_gone("Fortrudt", 10);
    }
    let screen = t.screen();
    assert!(!screen.contains("Kunne ikke"), "{screen}");
    assert!(!screen.contains("Konflikt"), "{screen}");
    let after: Vec<String> = ids.iter().map(|id| title(id)).collect();
    assert_eq!(after, before, "every edit undone on disk");
    t.keys(&["u"]);
    t.wait_for("Intet at fortryde", 10);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(20), 0);
}

#[test]
fn ctrl_q_in_a_half_filled_form_quits_and_the_next_start_offers_the_draft() {
    let (_dir, ws, state, mut t) = start_demo("quitform", 80, 24);
    t.wait_for("Overblik", 20);
    t.keys(&["3", "n"]);
    t.wait_for("Ny sag", 10);
    t.type_text("Halvfærdig sag, quit");
    t.wait_for("Halvfærdig sag, quit", 10);
    t.keys(&["C-q"]);
    assert_eq!(t.wait_exit(20), 0);
    assert!(!t.alternate_on(), "the terminal is restored");
    t.wait_for("gemt som kladde", 10);
    let files = files_in(&state);
    assert_eq!(files.len(), 1, "one draft file");
    let body = std::fs::read_to_string(&files[0]).unwrap();
    assert!(body.contains("Halvfærdig sag, quit"), "{body}");
    drop(t);

    let mut t = start_on("quitform2", 80, 24, &ws, &state);
    t.wait_for("Programmet sluttede", 20);
    t.keys(&["j"]);
    t.wait_for("Halvfærdig sag, quit", 10);
    // Ctrl-c quits from the form too, keeping it again.
    t.keys(&["C-c"]);
    assert_eq!(t.wait_exit(20), 0);
    assert_eq!(files_in(&state).len(), 1);
}

/// A colleague (another process, here a plain file write) changes a case on disk while the
/// program runs: the running program shows it without a restart, through its real watcher.
#[test]
fn a_change_written_to_disk_from_outside_shows_without_a_restart() {
    let (_dir, ws, _state, mut t) = start_demo("livereload", 120, 36);
    t.wait_for("Overblik", 20);
    t.keys(&["3", "g"]);
    t.wait_for("Sager", 10);
    let first = {
        let mut v = files_in(&ws.join("cases"));
        v.sort();
        v.remove(0)
    };
    let mut record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&first).unwrap()).unwrap();
    let old = record["title"].as_str().unwrap().to_string();
    t.wait_for(&old.chars().take(20).collect::<String>(), 10);
    // Edited in place, as an editor or a colleague's script would (same file, new content).
    record["title"] = "Ændret af en kollega udefra".into();
    std::fs::write(&first, serde_json::to_vec_pretty(&record).unwrap()).unwrap();
    t.wait_for("Ændret af en kollega udefra", 20);
    // A new record file appears too.
    let mut new = record.clone();
    new["id"] = "S-2026-990".into();
    new["title"] = "Helt ny sag fra en anden maskine".into();
    std::fs::write(
        ws.join("cases").join("S-2026-990.json"),
        serde_json::to_vec_pretty(&new).unwrap(),
    )
    .unwrap();
    t.wait_for("Helt ny sag fra en anden maskine", 20);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(20), 0);
}
