//! Store tests: round trip, atomic writes, revision conflicts, bad files, hostile ids, unknown fields.

use std::fs;

use super::*;
use crate::model::{Case, CaseKind, CaseState, Forum, Initiative, Language};

fn new_ws() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings {
        name: "Test".into(),
        language: Language::Da,
        ..Settings::default()
    };
    let store = Store::init(dir.path().join("ws"), &mut settings)
        .unwrap()
        .with_user("tester");
    (dir, store)
}

#[test]
fn round_trip_keeps_every_field() {
    let (_d, store) = new_ws();
    let mut f = Forum::new("psg", "Porteføljestyregruppen", "PSG");
    store.create(&mut f).unwrap();
    let mut i = Initiative::new("1.2", "Fælles datafordeler", "Finansministeriet");
    i.budget = Some("14.3".parse().unwrap());
    store.create(&mut i).unwrap();
    let mut c = Case::new("S-2026-001", CaseKind::DeviationStatus, "Status på 1.2");
    c.initiative = Some("1.2".into());
    c.forum = Some("psg".into());
    c.recommendation = "Det indstilles, at ...".into();
    store.create(&mut c).unwrap();
    assert_eq!(c.revision, 1);
    assert_eq!(c.created.by, "tester");

    let loaded = store.load();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.workspace.cases, vec![c.clone()]);
    assert_eq!(loaded.workspace.initiatives, vec![i]);
    assert_eq!(loaded.workspace.settings.name, "Test");

    // Pretty, stable, with a trailing newline.
    let text = fs::read_to_string(store.path_of(RecordKind::Case, "S-2026-001")).unwrap();
    assert!(
        text.starts_with(
            "{\n  \"schema_version\": 2,\n  \"id\": \"S-2026-001\",\n  \"revision\": 1,"
        ),
        "{text}"
    );
    assert!(text.ends_with("}\n"));
    c.title = "Ny titel".into();
    store.save(&mut c, "changed the title").unwrap();
    assert_eq!(c.revision, 2);
    let again = fs::read_to_string(store.path_of(RecordKind::Case, "S-2026-001")).unwrap();
    assert_eq!(again.lines().count(), text.lines().count());
}

#[test]
fn second_writer_gets_a_conflict_and_nothing_is_lost() {
    let (_d, store) = new_ws();
    let mut c = Case::new("S-2026-001", CaseKind::Other, "Titel");
    store.create(&mut c).unwrap();
    let mut mine = c.clone();
    let mut theirs = c.clone();
    let other = store.clone().with_user("kollega");
    theirs.recommendation = "Deres".into();
    other.save(&mut theirs, "edit").unwrap();
    mine.recommendation = "Min".into();
    let err = store.save(&mut mine, "edit").unwrap_err();
    match &err {
        StoreError::Conflict {
            id,
            ours,
            theirs,
            by,
            ..
        } => {
            assert_eq!(
                (id.as_str(), *ours, *theirs, by.as_str()),
                ("S-2026-001", 1, 2, "kollega")
            );
        }
        e => panic!("expected a conflict, got {e}"),
    }
    assert!(err.to_string().contains("S-2026-001"));
    // Their write is on disk, mine is still in memory with the old revision.
    let on_disk = store.load().workspace.cases.remove(0);
    assert_eq!(on_disk.recommendation, "Deres");
    assert_eq!(mine.recommendation, "Min");
    assert_eq!(mine.revision, 1);
    // Deleting with a stale revision is refused too.
    assert!(matches!(
        store.delete(&mine),
        Err(StoreError::Conflict { .. })
    ));
    store.delete(&on_disk).unwrap();
    assert!(matches!(
        store.save(&mut mine, "x"),
        Err(StoreError::Deleted { .. })
    ));
}

#[test]
fn create_refuses_taken_ids_and_init_refuses_a_workspace() {
    let (_d, store) = new_ws();
    let mut c = Case::new("S-2026-001", CaseKind::Other, "A");
    store.create(&mut c).unwrap();
    let mut c2 = Case::new("S-2026-001", CaseKind::Other, "B");
    assert!(matches!(
        store.create(&mut c2),
        Err(StoreError::Exists { .. })
    ));
    let mut s = Settings::default();
    assert!(matches!(
        Store::init(store.root(), &mut s),
        Err(StoreError::AlreadyAWorkspace { .. })
    ));
}

#[test]
fn hostile_ids_are_never_written_and_fail_loading() {
    let (_d, store) = new_ws();
    for id in ["../../etc/x", "a/b", "..", "x\u{1b}[2J"] {
        let mut c = Case::new(id, CaseKind::Other, "evil");
        assert!(
            matches!(store.create(&mut c), Err(StoreError::InvalidId(_))),
            "{id:?}"
        );
    }
    // A file whose id field is hostile.
    let path = store.root().join("cases/x.json");
    fs::write(
        &path,
        r#"{"id": "../../etc/x", "kind": "other", "title": "t", "state": "draft"}"#,
    )
    .unwrap();
    let loaded = store.load();
    assert!(loaded.workspace.cases.is_empty());
    assert_eq!(loaded.problems.len(), 1);
    let p = loaded.problems[0].to_string();
    assert!(p.starts_with("cases/x.json:1:2: field \"id\""), "{p}");
}

#[test]
fn broken_files_are_reported_with_line_and_column_and_the_rest_loads() {
    let (_d, store) = new_ws();
    for n in 1..=3 {
        let mut c = Case::new(&format!("S-2026-00{n}"), CaseKind::Other, "ok");
        store.create(&mut c).unwrap();
    }
    fs::write(
        store.root().join("cases/S-2026-009.json"),
        "{\n  \"id\": \"S-2026-009\",\n  \"title\": \n}\n",
    )
    .unwrap();
    fs::write(
        store.root().join("cases/S-2026-010.json"),
        "{\n  \"id\": \"S-2026-010\",\n  \"kind\": \"weird\",\n  \"title\": \"t\",\n  \"state\": \"draft\"\n}\n",
    )
    .unwrap();
    let loaded = store.load();
    assert_eq!(loaded.workspace.cases.len(), 3);
    let lines: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("cases/S-2026-009.json:4:1: "),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("cases/S-2026-010.json:3:"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains("field \"kind\": unknown variant `weird`"),
        "{}",
        lines[1]
    );
}

#[test]
fn unknown_fields_survive_a_rewrite() {
    let (_d, store) = new_ws();
    let path = store.root().join("cases/S-2026-001.json");
    fs::write(
        &path,
        r#"{"id": "S-2026-001", "revision": 4, "kind": "other", "title": "t", "state": "ready",
            "future_field": {"a": [1, 2]}, "history": [], "attachments": [{"title": "Bilag", "path": "b.pdf"}]}"#,
    )
    .unwrap();
    let mut c = store.load().workspace.cases.remove(0);
    assert_eq!(c.state, CaseState::Ready);
    c.title = "ny".into();
    store.save(&mut c, "edit").unwrap();
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(v["future_field"]["a"][1], 2);
    assert_eq!(v["revision"], 5);
    assert_eq!(v["title"], "ny");
}

#[test]
fn reference_to_a_missing_record_is_reported_but_the_record_loads() {
    let (_d, store) = new_ws();
    let mut c = Case::new("S-2026-001", CaseKind::Other, "t");
    c.initiative = Some("9.9".into());
    store.create(&mut c).unwrap();
    let loaded = store.load();
    assert_eq!(loaded.workspace.cases.len(), 1);
    assert_eq!(loaded.problems.len(), 1);
    let p = loaded.problems[0].to_string();
    assert!(
        p.contains("cases/S-2026-001.json:") && p.contains("no initiative with the id \"9.9\""),
        "{p}"
    );
}

#[test]
fn every_write_appends_one_audit_line() {
    let (_d, store) = new_ws();
    let mut c = Case::new("S-2026-001", CaseKind::Other, "t");
    store.create(&mut c).unwrap();
    store.save(&mut c, "changed the recommendation").unwrap();
    store.delete(&c).unwrap();
    let log = read_audit(store.root());
    let summary: Vec<(&str, u64)> = log
        .iter()
        .map(|e| (e.record.as_str(), e.revision))
        .collect();
    assert_eq!(
        summary,
        [
            ("workspace", 1),
            ("cases/S-2026-001", 1),
            ("cases/S-2026-001", 2),
            ("cases/S-2026-001", 2)
        ]
    );
    assert!(log[2].summary.starts_with("changed the recommendation"));
    assert_eq!(log[1].user, "tester");
}

#[test]
fn temp_files_and_other_files_are_ignored() {
    let (_d, store) = new_ws();
    fs::write(store.root().join("cases/.tmp-abc.part"), "{").unwrap();
    fs::write(store.root().join("cases/.tmp-abc.json"), "{").unwrap();
    fs::write(store.root().join("cases/notes.txt"), "hello").unwrap();
    assert!(store.load().problems.is_empty());
}

#[test]
fn schema_from_the_future_is_reported() {
    let (_d, store) = new_ws();
    fs::write(
        store.root().join("cases/S-2026-001.json"),
        r#"{"schema_version": 9, "id": "S-2026-001", "kind": "other", "title": "t", "state": "draft"}"#,
    )
    .unwrap();
    let loaded = store.load();
    assert!(
        loaded.problems[0].message.contains("newer"),
        "{:?}",
        loaded.problems
    );
}

#[test]
fn apply_writes_all_or_nothing() {
    use crate::model::{AnyRecord, Workspace};
    let (_d, store) = new_ws();
    let mut a = Case::new("S-2026-001", CaseKind::Other, "A");
    let mut b = Case::new("S-2026-002", CaseKind::Other, "B");
    store.create(&mut a).unwrap();
    store.create(&mut b).unwrap();
    let mut ws: Workspace = store.load().workspace;
    // Someone else changes B.
    let mut b_theirs = b.clone();
    store
        .clone()
        .with_user("kollega")
        .save(&mut b_theirs, "x")
        .unwrap();
    let mut a2 = a.clone();
    a2.state = CaseState::Ready;
    let mut b2 = b.clone();
    b2.state = CaseState::Ready;
    let c = Case::new("S-2026-003", CaseKind::Other, "C");
    let changes = vec![
        Change::Update(AnyRecord::Case(a2.clone())),
        Change::Create(AnyRecord::Case(c.clone())),
        Change::Update(AnyRecord::Case(b2)),
    ];
    assert!(matches!(
        store.apply(&mut ws, changes, "batch"),
        Err(StoreError::Conflict { .. })
    ));
    let on_disk = store.load().workspace;
    assert_eq!(on_disk.cases.len(), 2, "nothing was created");
    assert_eq!(on_disk.cases[0].revision, 1, "nothing was updated");
    // Without the conflict everything goes through and the workspace follows.
    let changes = vec![
        Change::Update(AnyRecord::Case(a2)),
        Change::Create(AnyRecord::Case(c)),
        Change::Delete(AnyRecord::Case(b_theirs)),
    ];
    store.apply(&mut ws, changes, "batch").unwrap();
    let ids: Vec<(&str, u64)> = ws
        .cases
        .iter()
        .map(|c| (c.id.as_str(), c.revision))
        .collect();
    assert_eq!(ids, [("S-2026-001", 2), ("S-2026-003", 1)]);
    assert_eq!(store.load().workspace.cases, ws.cases);
}

#[test]
fn seed_all_writes_everything_or_nothing() {
    let (_d, store) = new_ws();
    let mut ws = Workspace::default();
    let mut f = Forum::new("psg", "Porteføljestyregruppen", "PSG");
    f.revision = 3;
    ws.forums.push(f);
    ws.initiatives.push(Initiative::new(
        "1.1",
        "Fælles datafordeler",
        "Finansministeriet",
    ));
    assert_eq!(store.seed_all(&ws).unwrap(), 2);
    let loaded = store.load();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.workspace.forums, ws.forums, "revision kept");

    // A taken id refuses the whole batch; a duplicate within the batch too.
    let mut again = Workspace::default();
    again
        .cases
        .push(Case::new("S-2026-001", CaseKind::Other, "Ny sag"));
    again.forums.push(ws.forums[0].clone());
    assert!(matches!(
        store.seed_all(&again),
        Err(StoreError::Exists { .. })
    ));
    assert!(!store.path_of(RecordKind::Case, "S-2026-001").exists());
    let dup = Workspace {
        cases: vec![Case::new("S-2026-002", CaseKind::Other, "a"); 2],
        ..Workspace::default()
    };
    assert!(matches!(
        store.seed_all(&dup),
        Err(StoreError::Exists { .. })
    ));
    assert!(!store.path_of(RecordKind::Case, "S-2026-002").exists());
}
