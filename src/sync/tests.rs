//! The TUI's side of sync: the sync key, ahead/behind in the status bar, conflict records on the
//! Overview. (The git engine itself is tested end to end in tests/sync.rs.)

use std::path::Path;

use serde_json::json;

use super::driver::write_conflict_record;
use super::git::Git;
use super::merge::merge_records;
use crate::tui::testing::{demo_app, press, screen};

fn git_available() -> bool {
    Git::new(Path::new(".")).is_ok()
}

#[test]
fn the_sync_key_in_a_workspace_not_shared_says_how_to_share_it() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["Y"]);
    let (text, _) = app.message.clone().unwrap();
    assert!(text.contains("sync init"), "{text}");
    assert!(app.sync.ahead_behind.is_none());
    assert!(!screen(&mut app, 80, 24).contains('↑'));
}

#[test]
fn the_sync_key_commits_and_without_a_connection_the_status_bar_shows_the_commit_waiting() {
    if !git_available() {
        eprintln!("SKIPPED: git is not installed");
        return;
    }
    let (d, mut app) = demo_app();
    let remote = d.path().join("remote.git");
    Git::new(d.path())
        .unwrap()
        .run(&["init", "--quiet", "--bare", "-b", "main", "remote.git"])
        .unwrap();
    super::init(&app.store, Some(&remote.display().to_string())).unwrap();
    press(&mut app, &["C-l"]);
    assert_eq!(app.sync.ahead_behind, Some((0, 0)));
    assert!(screen(&mut app, 80, 24).contains("↑0 ↓0"));

    // A change, then the connection is gone.
    let mut c = app.ws.cases[0].clone();
    c.title = "Ændret offline".into();
    app.store.save(&mut c, "changed").unwrap();
    Git::new(app.store.root())
        .unwrap()
        .run(&[
            "remote",
            "set-url",
            "origin",
            &d.path().join("gone").display().to_string(),
        ])
        .unwrap();
    press(&mut app, &["Y"]);
    // The sync runs on a thread of its own: the status line says so, keys keep working, and a
    // second sync is refused while it runs.
    assert!(app.job.is_some());
    let (text, _) = app.message.clone().unwrap();
    assert!(text.starts_with("Synkroniserer"), "{text}");
    press(&mut app, &["j", "Y"]);
    let (text, _) = app.message.clone().unwrap();
    assert!(text.contains("synkroniseres allerede"), "{text}");
    app.wait_job();
    let (text, tone) = app.message.clone().unwrap();
    assert!(text.contains("ingen forbindelse"), "{text}");
    assert_eq!(tone, crate::tui::app::Tone::Error);
    assert!(
        screen(&mut app, 80, 24).contains("↑1 ↓0"),
        "{}",
        screen(&mut app, 80, 24)
    );

    // Back online: the commit goes out.
    Git::new(app.store.root())
        .unwrap()
        .run(&["remote", "set-url", "origin", &remote.display().to_string()])
        .unwrap();
    press(&mut app, &["Y"]);
    app.wait_job();
    let (text, _) = app.message.clone().unwrap();
    assert!(text.contains("alt er delt"), "{text}");
    assert_eq!(app.sync.ahead_behind, Some((0, 0)));
}

#[test]
fn conflict_records_are_listed_on_the_overview_and_open_with_the_other_version() {
    let (_d, mut app) = demo_app();
    let root = app.store.root().to_path_buf();
    std::fs::write(
        root.join(".gitattributes"),
        "cases/*.json merge=secretariat\n",
    )
    .unwrap();
    let id = app.ws.cases[0].id.clone();
    let base = serde_json::to_value(&app.ws.cases[0]).unwrap();
    let mut a = base.clone();
    a["title"] = json!("Annas titel");
    a["updated"] = json!({"at": "2026-11-25T10:00:00Z", "by": "anna"});
    let mut b = base.clone();
    b["title"] = json!("Bos titel");
    b["updated"] = json!({"at": "2026-11-25T11:00:00Z", "by": "bo"});
    let m = merge_records(Some(&base), &a, &b);
    write_conflict_record(&root, Path::new(&format!("cases/{id}.json")), &m, a).unwrap();
    std::fs::write(
        root.join(format!("cases/{id}.json")),
        serde_json::to_vec_pretty(&m.value).unwrap(),
    )
    .unwrap();
    press(&mut app, &["C-l"]);
    assert_eq!(app.sync.conflicts.len(), 1);
    let small = screen(&mut app, 80, 24);
    assert!(small.contains("Konflikter fra synkronisering"), "{small}");
    insta::assert_snapshot!("overview_with_a_sync_conflict_80x24", small);
    insta::assert_snapshot!(
        "overview_with_a_sync_conflict_120x36",
        screen(&mut app, 120, 36)
    );
    // The last row is the conflict; Enter shows the other version and where it is kept.
    press(&mut app, &["G"]);
    assert_eq!(app.current_id().as_deref(), Some("conflict:0"));
    press(&mut app, &["Enter"]);
    match app.popups.last() {
        Some(crate::tui::popup::Popup::Conflict(c)) => {
            assert_eq!(c.theirs, ["Titel: Annas titel"]);
            assert_eq!(c.mine_lines, ["Titel: Bos titel"]);
            assert!(
                c.sync
                    .as_ref()
                    .is_some_and(|p| p.starts_with("conflicts/cases"))
            );
        }
        other => panic!("no conflict dialog: {other:?}"),
    }
    insta::assert_snapshot!("sync_conflict_dialog_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("sync_conflict_dialog_120x36", screen(&mut app, 120, 36));
    // Other keys leave it open; Esc closes it and the conflict stays listed.
    press(&mut app, &["x"]);
    assert!(app.popups.last().is_some());
    press(&mut app, &["Esc"]);
    assert!(app.popups.is_empty());
    assert_eq!(app.sync.conflicts.len(), 1);
    // Keep both: the other version becomes a new case, the record stays, the conflict goes.
    let cases = app.ws.cases.len();
    press(&mut app, &["Enter", "b"]);
    assert!(app.popups.is_empty());
    assert!(app.sync.conflicts.is_empty());
    assert_eq!(app.ws.cases.len(), cases + 1);
    let mine = app.ws.cases.iter().find(|c| c.id == id).unwrap();
    assert_eq!(mine.title, "Bos titel");
    let copy = app
        .ws
        .cases
        .iter()
        .find(|c| c.title == "Annas titel")
        .unwrap();
    assert_ne!(copy.id, id);
    let (text, _) = app.message.clone().unwrap();
    assert!(text.contains(&copy.id), "{text}");
    assert!(
        crate::store::read_audit(&root)
            .iter()
            .any(|e| e.record == format!("cases/{}", copy.id))
    );
}

#[test]
fn a_sync_conflict_settled_with_take_theirs_replaces_the_record() {
    let (_d, mut app) = demo_app();
    let root = app.store.root().to_path_buf();
    std::fs::write(
        root.join(".gitattributes"),
        "cases/*.json merge=secretariat\n",
    )
    .unwrap();
    let id = app.ws.cases[0].id.clone();
    let base = serde_json::to_value(&app.ws.cases[0]).unwrap();
    let mut a = base.clone();
    a["title"] = json!("Annas titel");
    a["updated"] = json!({"at": "2026-11-25T10:00:00Z", "by": "anna"});
    let mut b = base.clone();
    b["title"] = json!("Bos titel");
    b["updated"] = json!({"at": "2026-11-25T11:00:00Z", "by": "bo"});
    let m = merge_records(Some(&base), &a, &b);
    write_conflict_record(&root, Path::new(&format!("cases/{id}.json")), &m, a).unwrap();
    std::fs::write(
        root.join(format!("cases/{id}.json")),
        serde_json::to_vec_pretty(&m.value).unwrap(),
    )
    .unwrap();
    press(&mut app, &["C-l"]);
    assert_eq!(app.sync.conflicts.len(), 1);
    press(&mut app, &["G", "Enter", "t"]);
    assert!(app.popups.is_empty());
    assert!(app.sync.conflicts.is_empty());
    let now = app.ws.cases.iter().find(|c| c.id == id).unwrap();
    assert_eq!(now.title, "Annas titel", "{:?}", app.message);
    // Keep mine on another conflict: nothing changes but the conflict record goes.
    let base = serde_json::to_value(now).unwrap();
    let mut x = base.clone();
    x["recommendation"] = json!("X");
    let mut y = base.clone();
    y["recommendation"] = json!("Y");
    let m = merge_records(Some(&base), &x, &y);
    write_conflict_record(&root, Path::new(&format!("cases/{id}.json")), &m, x).unwrap();
    std::fs::write(
        root.join(format!("cases/{id}.json")),
        serde_json::to_vec_pretty(&m.value).unwrap(),
    )
    .unwrap();
    let before = std::fs::read(root.join(format!("cases/{id}.json"))).unwrap();
    press(&mut app, &["C-l"]);
    assert_eq!(app.sync.conflicts.len(), 1);
    press(&mut app, &["G", "Enter", "m"]);
    assert!(app.sync.conflicts.is_empty());
    assert_eq!(
        std::fs::read(root.join(format!("cases/{id}.json"))).unwrap(),
        before
    );
}
