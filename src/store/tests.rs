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

/// Every file of the workspace but the lock file, by relative path.
fn files_of(root: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<PathBuf, Vec<u8>>) {
        for e in fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if e.file_name() != LOCK_FILE {
                out.insert(
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn restore_files(root: &Path, files: &std::collections::BTreeMap<PathBuf, Vec<u8>>) {
    for kind in RecordKind::ALL {
        let _ = fs::remove_dir_all(root.join(kind.folder()));
        fs::create_dir_all(root.join(kind.folder())).unwrap();
    }
    let _ = fs::remove_dir_all(root.join("log"));
    let _ = fs::remove_file(root.join(COMMIT_FILE));
    for (p, b) in files {
        fs::create_dir_all(root.join(p).parent().unwrap()).unwrap();
        fs::write(root.join(p), b).unwrap();
    }
}

/// A full disk or a permission error at every single disk operation of a change of several
/// records: the change is applied whole, with one audit line per record, or the workspace is
/// byte-for-byte as it was, with no temporary file or commit record left behind. A disk that
/// stops working from some step on (as a crash would) leaves a change that the next start
/// completes.
#[test]
fn a_failure_at_any_step_leaves_all_or_nothing() {
    let (_d, store) = new_ws();
    for n in 1..=4 {
        let mut i = Initiative::new(&format!("1.{n}"), &format!("Initiativ {n}"), "FM");
        store.create(&mut i).unwrap();
    }
    let root = store.root().to_path_buf();
    let before = files_of(&root);
    let lines_before = read_audit(&root).len();
    let plan = |ws: &Workspace| {
        let mut changes = vec![];
        for i in &ws.initiatives[..3] {
            let mut i = i.clone();
            i.name.push_str(" (ændret)");
            changes.push(Change::Update(AnyRecord::Initiative(i)));
        }
        changes.push(Change::Delete(AnyRecord::Initiative(
            ws.initiatives[3].clone(),
        )));
        for n in 5..=6 {
            changes.push(Change::Create(AnyRecord::Initiative(Initiative::new(
                &format!("1.{n}"),
                "Ny",
                "FM",
            ))));
        }
        changes
    };
    for (errno, sticky) in [
        (libc::ENOSPC, false),
        (libc::EACCES, false),
        (libc::EIO, false),
        (libc::EIO, true),
    ] {
        let mut n = 1;
        loop {
            restore_files(&root, &before);
            let faults = if sticky {
                Faults::from(n, errno)
            } else {
                Faults::new(n, errno)
            };
            let faulty = store.clone().with_faults(faults.clone());
            let mut ws = store.load().workspace;
            let changes = plan(&ws);
            let result = faulty.apply(&mut ws, changes, "imported x.csv");
            let fired = faults.steps() >= n;
            match result {
                Err(StoreError::Unfinished { .. }) => {
                    // Decided: the next start completes it.
                    store.recover().unwrap();
                }
                Err(e) => {
                    assert!(fired, "step {n}: an error without a fault: {e}");
                    let now = files_of(&root);
                    let changed: Vec<_> = now
                        .keys()
                        .chain(before.keys())
                        .filter(|k| now.get(*k) != before.get(*k))
                        .collect();
                    assert!(
                        changed.is_empty(),
                        "errno {errno}, failing step {n} ({e}) changed {changed:?}"
                    );
                    assert_eq!(store.recover().unwrap(), Recovered::default());
                    n += 1;
                    continue;
                }
                Ok(()) => {
                    assert_eq!(ws.initiatives.len(), 5, "step {n}");
                }
            }
            // Applied whole: what is on disk is the change, with its audit lines.
            let loaded = store.load();
            assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
            let ids: Vec<&str> = loaded
                .workspace
                .initiatives
                .iter()
                .map(|i| i.id.as_str())
                .collect();
            assert_eq!(ids, ["1.1", "1.2", "1.3", "1.5", "1.6"], "step {n}");
            assert!(
                loaded.workspace.initiatives[..3]
                    .iter()
                    .all(|i| i.name.ends_with("(ændret)") && i.revision == 2),
                "step {n}"
            );
            assert_eq!(read_audit(&root).len(), lines_before + 6, "step {n}");
            assert!(audit::check_log(&root, false).is_empty(), "step {n}");
            assert!(
                !files_of(&root)
                    .keys()
                    .any(|p| p.to_string_lossy().contains(".tmp-") || p.ends_with(COMMIT_FILE)),
                "step {n}: leftovers"
            );
            if !fired {
                break;
            }
            n += 1;
        }
        assert!(n > 10, "too few steps were tried: {n}");
    }
}

/// A log line cut off by a crash: the next write starts on a line of its own, readers skip the
/// fragment, and `check` reports and removes it.
#[test]
fn a_torn_log_line_is_tolerated_reported_and_repaired() {
    let (_d, store) = new_ws();
    let root = store.root().to_path_buf();
    let log = fs::read_dir(root.join("log"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let mut f = OpenOptions::new().append(true).open(&log).unwrap();
    std::io::Write::write_all(&mut f, b"{\"at\":\"2026-").unwrap();
    let mut c = Case::new("S-2026-001", CaseKind::Other, "A");
    store.create(&mut c).unwrap();
    let entries = read_audit(&root);
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[1].record, "cases/S-2026-001");
    // Cut off the last line as a crash would.
    let text = fs::read(&log).unwrap();
    fs::write(&log, &text[..text.len() - 20]).unwrap();
    assert_eq!(read_audit(&root).len(), 1);
    let problems = store.check_log();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].line, 2);
    assert!(problems[0].message.contains("not an audit entry"));
    assert!(problems[1].message.contains("cut off"), "{problems:?}");
    assert!(problems[1].message.contains("removed"));
    assert!(fs::read(&log).unwrap().ends_with(b"\n"));
    assert_eq!(store.check_log().len(), 1, "the repair is done once");
}

/// Another user's 0644 lock file locks nobody out: the lock is opened for reading.
#[cfg(unix)]
#[test]
fn a_read_only_lock_file_still_locks() {
    use std::os::unix::fs::PermissionsExt;
    let (_d, store) = new_ws();
    let lock = store.root().join(LOCK_FILE);
    fs::set_permissions(&lock, fs::Permissions::from_mode(0o444)).unwrap();
    let f = store.lock_file().unwrap().1;
    // The descriptor is read-only: writing through it fails.
    assert!(std::io::Write::write_all(&mut &f, b"x").is_err());
    let mut c = Case::new("S-2026-001", CaseKind::Other, "A");
    store.create(&mut c).unwrap();
}

/// A revision at the top of the range is refused rather than wrapped to 0.
#[test]
fn a_revision_that_cannot_grow_is_refused() {
    let (_d, store) = new_ws();
    let mut c = Case::new("S-2026-001", CaseKind::Other, "A");
    store.create(&mut c).unwrap();
    let path = store.path_of(RecordKind::Case, "S-2026-001");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("\"revision\": 1,", "\"revision\": 18446744073709551615,");
    fs::write(&path, text).unwrap();
    let loaded = store.load();
    assert!(loaded.workspace.cases.is_empty());
    assert!(
        loaded.problems[0].message.contains("revision"),
        "{:?}",
        loaded.problems
    );
    c.revision = u64::MAX;
    assert!(matches!(
        store.save(&mut c, "x"),
        Err(StoreError::RevisionOverflow { .. })
    ));
    assert_eq!(
        c.revision,
        u64::MAX,
        "a failed save leaves the record as it was"
    );
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    crate::sys::mkfifo(p).unwrap();
}

/// Runs `f` in a thread and fails the test if it does not finish in time (a hang).
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(secs))
        .expect("hung: did not finish in time")
}

/// A FIFO named like a record (or the lock file) is reported, never opened for a blocking read.
#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_record_is_reported_and_never_hangs() {
    let (_d, store) = new_ws();
    let mut c = Case::new("S-2026-001", CaseKind::Other, "A");
    store.create(&mut c).unwrap();
    mkfifo(&store.path_of(RecordKind::Case, "S-2026-002"));
    let s = store.clone();
    let loaded = within(10, move || s.load());
    assert_eq!(loaded.workspace.cases.len(), 1);
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert!(
        loaded.problems[0].message.contains("FIFO"),
        "{}",
        loaded.problems[0]
    );
    // Creating a record of that name is refused (the name is taken), without hanging.
    let s = store.clone();
    let r = within(10, move || {
        let mut x = Case::new("S-2026-002", CaseKind::Other, "B");
        s.create(&mut x)
    });
    assert!(matches!(r, Err(StoreError::Exists { .. })), "{r:?}");
    // A FIFO as the lock file: an error, not a hang.
    fs::remove_file(store.root().join(LOCK_FILE)).unwrap();
    mkfifo(&store.root().join(LOCK_FILE));
    let s = store.clone();
    let r = within(10, move || {
        let mut x = Case::new("S-2026-003", CaseKind::Other, "C");
        s.create(&mut x)
    });
    assert!(r.is_err());
    let s = store.clone();
    assert_eq!(within(10, move || s.load()).workspace.cases.len(), 1);
}

/// A file that cannot be read still takes its name: creating that id is "exists", not an
/// unreadable-file error that blocks every new record.
#[test]
fn an_unreadable_file_takes_its_name() {
    let (_d, store) = new_ws();
    fs::write(store.path_of(RecordKind::Case, "S-2026-001"), "{").unwrap();
    let mut c = Case::new("S-2026-001", CaseKind::Other, "A");
    assert!(matches!(
        store.create(&mut c),
        Err(StoreError::Exists { .. })
    ));
}

/// A record saved with a byte-order mark (some Windows editors add one) loads and saves.
#[test]
fn a_json_file_with_a_bom_loads() {
    let (_d, store) = new_ws();
    let mut c = Case::new("S-2026-001", CaseKind::Other, "A");
    store.create(&mut c).unwrap();
    let path = store.path_of(RecordKind::Case, "S-2026-001");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fs::read(&path).unwrap());
    fs::write(&path, bytes).unwrap();
    let loaded = store.load();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut c = loaded.workspace.cases[0].clone();
    c.title = "B".into();
    store.save(&mut c, "edited").unwrap();
}

/// A crash in the middle of appending the audit lines (after the commit record was written):
/// rolling forward cuts the half-written lines back and appends them whole, once.
#[test]
fn rolling_forward_repairs_a_half_appended_audit() {
    let (_d, store) = new_ws();
    let root = store.root().to_path_buf();
    let log = fs::read_dir(root.join("log"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let before = fs::read(&log).unwrap();
    // Find the step count of a whole create, then stop the disk at its first rename.
    let probe = Faults::new(usize::MAX, libc::EIO);
    let mut a = Case::new("S-2026-001", CaseKind::Other, "A");
    store
        .clone()
        .with_faults(probe.clone())
        .create(&mut a)
        .unwrap();
    let steps = probe.steps();
    store.delete(&a).unwrap();
    let len_before_b = fs::read(&log).unwrap().len();
    // The first step whose failure leaves the change decided but unfinished: the rename.
    let mut b = Case::new("S-2026-002", CaseKind::Other, "B");
    let mut stopped = None;
    for n in 1..=steps {
        let f = Faults::from(n, libc::EIO);
        match store.clone().with_faults(f).create(&mut b) {
            Err(StoreError::Unfinished { .. }) => {
                stopped = Some(n);
                break;
            }
            Ok(()) => unreachable!(),
            Err(_) => {}
        }
    }
    assert!(
        stopped.is_some(),
        "no step left the change decided but unfinished"
    );
    assert!(root.join(COMMIT_FILE).exists());
    // As if the crash had come in the middle of the append.
    let full = fs::read(&log).unwrap();
    assert!(full.len() > len_before_b);
    let cut = len_before_b + (full.len() - len_before_b) / 2;
    fs::write(&log, &full[..cut]).unwrap();
    let r = store.recover().unwrap();
    assert_eq!(r.rolled_forward, 1);
    assert_eq!(fs::read(&log).unwrap(), full, "the lines are whole, once");
    assert!(!root.join(COMMIT_FILE).exists());
    assert_eq!(store.load().workspace.cases.len(), 1);
    assert!(before.len() < full.len());
    assert!(audit::check_log(&root, false).is_empty());
}

/// The same record twice in one change: the last version is written, once.
#[test]
fn a_record_named_twice_in_one_change_keeps_the_last() {
    let (_d, store) = new_ws();
    let mut c = Case::new("S-2026-001", CaseKind::Other, "A");
    store.create(&mut c).unwrap();
    let mut ws = store.load().workspace;
    let (mut x, mut y) = (c.clone(), c.clone());
    x.title = "X".into();
    y.title = "Y".into();
    for _ in 0..5 {
        let mut ws2 = ws.clone();
        let (mut x, mut y) = (x.clone(), y.clone());
        x.revision = ws2.cases[0].revision;
        y.revision = ws2.cases[0].revision;
        store
            .apply(
                &mut ws2,
                vec![
                    Change::Update(AnyRecord::Case(x)),
                    Change::Update(AnyRecord::Case(y)),
                ],
                "twice",
            )
            .unwrap();
        assert_eq!(store.load().workspace.cases[0].title, "Y");
        ws = ws2;
    }
    let n = read_audit(store.root()).len();
    assert_eq!(n, 2 + 5, "one line per record per change");
}

#[cfg(unix)]
#[test]
fn without_user_variables_the_user_is_the_login_name_of_the_user_id() {
    use std::os::unix::fs::MetadataExt;
    // The process's user id, as the owner of what it creates, and its name in /etc/passwd.
    let dir = tempfile::tempdir().unwrap();
    let uid = std::fs::metadata(dir.path()).unwrap().uid();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let expected = passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.get(2) == Some(&uid.to_string().as_str())).then(|| f[0].to_string())
    });
    let got = super::user_from(|_| None);
    assert_ne!(got, "ukendt");
    if let Some(e) = expected {
        assert_eq!(got, e);
    }
    // A variable still wins.
    assert_eq!(
        super::user_from(|v| (v == "USER").then(|| "anna".into())),
        "anna"
    );
}

#[test]
fn read_raw_gives_the_file_as_it_is_on_disk_even_when_it_no_longer_validates() {
    let (_d, store) = new_ws();
    let mut c = Case::new("S-2026-001", CaseKind::Other, "Sag");
    store.create(&mut c).unwrap();
    let raw = store.read_raw(RecordKind::Case, "S-2026-001").unwrap();
    assert_eq!(raw.unwrap()["title"], "Sag");
    // A record another program broke (an unknown state) is still shown as it is.
    let path = store.path_of(RecordKind::Case, "S-2026-001");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("\"Sag\"", "\"Sag 2\"");
    let text = text.replacen("\"state\": \"", "\"state\": \"x-", 1);
    fs::write(&path, text).unwrap();
    let raw = store
        .read_raw(RecordKind::Case, "S-2026-001")
        .unwrap()
        .unwrap();
    assert_eq!(raw["title"], "Sag 2");
    assert!(raw["state"].as_str().unwrap().starts_with("x-"));
    assert!(
        store
            .read_raw(RecordKind::Case, "S-2026-999")
            .unwrap()
            .is_none()
    );
    fs::write(&path, "{ not json").unwrap();
    let err = store.read_raw(RecordKind::Case, "S-2026-001").unwrap_err();
    assert!(err.to_string().contains("S-2026-001.json"), "{err}");
}
