//! The workspace on disk: one pretty-printed JSON file per record in a folder per kind, plus
//! workspace.json. Loading reports every bad file with path, line and column and still loads the
//! rest; saving is atomic, checks the revision on disk first (two people work in one workspace),
//! and appends a line to the audit log (log/YYYY-MM.jsonl).

mod atomic;
mod audit;
pub mod bilag;
mod error;
pub(crate) mod load;
mod output;
mod txn;
pub mod upgrade;
mod watch;

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Utc;

pub use atomic::{open_regular, read_regular, write_atomic};
pub use audit::{AuditEntry, read_all as read_audit};
pub use error::StoreError;
pub use load::{DiskState, Loaded, Problem, scan};
pub use output::{OUT_DIR, output_path, write_output};
pub use txn::{COMMIT_FILE, Faults, Recovered};
pub use watch::DiskWatch;

use txn::{Io, Txn};

use crate::model::meta::SCHEMA_VERSION;
use crate::model::{AnyRecord, Record, RecordKind, Settings, Stamp, Workspace, validate_id};

/// What a [`Change`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Create,
    Update,
    Delete,
}

/// One record to create, update or delete as part of [`Store::apply`].
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Create(AnyRecord),
    Update(AnyRecord),
    Delete(AnyRecord),
}

impl Change {
    fn parts(&self) -> (Op, &AnyRecord) {
        match self {
            Change::Create(r) => (Op::Create, r),
            Change::Update(r) => (Op::Update, r),
            Change::Delete(r) => (Op::Delete, r),
        }
    }
    fn into_parts(self) -> (Op, AnyRecord) {
        match self {
            Change::Create(r) => (Op::Create, r),
            Change::Update(r) => (Op::Update, r),
            Change::Delete(r) => (Op::Delete, r),
        }
    }
    /// The record the change is about.
    pub fn record(&self) -> &AnyRecord {
        self.parts().1
    }
}

/// Runs `$body` with `$x` bound to the concrete record inside an [`AnyRecord`] (or `&mut`).
macro_rules! dispatch {
    ($r:expr, $x:ident => $body:expr) => {
        match $r {
            AnyRecord::Forum($x) => $body,
            AnyRecord::Initiative($x) => $body,
            AnyRecord::Case($x) => $body,
            AnyRecord::Meeting($x) => $body,
            AnyRecord::Consultation($x) => $body,
            AnyRecord::Decision($x) => $body,
        }
    };
}

/// The name of the file that marks a folder as a workspace.
pub const WORKSPACE_FILE: &str = "workspace.json";
const LOCK_FILE: &str = ".secretariat.lock";

/// A workspace folder and the user who writes to it.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    user: String,
    /// A planned disk failure (tests only; see [`Store::with_faults`]).
    faults: Option<Arc<Faults>>,
}

/// The user name recorded in `created`/`updated` and the audit log: $SECRETARIAT_USER, else $USER
/// (or $USERNAME, $LOGNAME), else the login name of the process's user id (a cron job, `env -i`,
/// a service has no $USER), else "ukendt".
pub fn current_user() -> String {
    user_from(|v| std::env::var(v).ok())
}

fn user_from(env: impl Fn(&str) -> Option<String>) -> String {
    ["SECRETARIAT_USER", "USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|v| env(v))
        .map(|s| s.trim().to_string())
        .find(|s| !s.is_empty())
        .or_else(login_name)
        .unwrap_or_else(|| "ukendt".to_string())
}

/// The login name of the real user id (see [`crate::sys::login_name`]).
fn login_name() -> Option<String> {
    crate::sys::login_name()
}

impl Store {
    /// Opens an existing workspace.
    pub fn open(root: impl Into<PathBuf>) -> Result<Store, StoreError> {
        let root = root.into();
        if !root.join(WORKSPACE_FILE).is_file() {
            return Err(StoreError::NotAWorkspace { dir: root });
        }
        Ok(Store {
            root,
            user: current_user(),
            faults: None,
        })
    }

    /// Creates a new workspace in `root` (which may exist but must not hold a workspace).
    pub fn init(root: impl Into<PathBuf>, settings: &mut Settings) -> Result<Store, StoreError> {
        let root = root.into();
        if root.join(WORKSPACE_FILE).exists() {
            return Err(StoreError::AlreadyAWorkspace { dir: root });
        }
        fs::create_dir_all(&root).map_err(|e| StoreError::io(&root, e))?;
        for kind in RecordKind::ALL {
            atomic::create_dir_shared(&root.join(kind.folder()), &root)?;
        }
        let store = Store {
            root,
            user: current_user(),
            faults: None,
        };
        settings.schema_version = SCHEMA_VERSION;
        // Prepared settings (the demo's) keep their stamps; new ones get this user's.
        if settings.revision == 0 {
            let now = store.stamp();
            settings.revision = 1;
            settings.created = now.clone();
            settings.updated = now;
        }
        let _lock = store.lock()?;
        store.commit(Txn {
            writes: vec![(
                store.root.join(WORKSPACE_FILE),
                to_json(settings, "workspace.json")?,
            )],
            deletes: vec![],
            audit: vec![store.entry(
                &store.stamp(),
                "workspace",
                &settings.name,
                1,
                "created the workspace",
            )],
        })?;
        drop(_lock);
        Ok(store)
    }

    /// Uses another user name (tests; `--user`).
    pub fn with_user(mut self, user: &str) -> Store {
        self.user = user.to_string();
        self
    }

    /// Makes the `faults`' planned disk operation fail (tests: a full disk, a file that belongs
    /// to someone else, at every step of a write).
    #[doc(hidden)]
    pub fn with_faults(mut self, faults: Arc<Faults>) -> Store {
        self.faults = Some(faults);
        self
    }

    fn io(&self) -> Io<'_> {
        Io(self.faults.as_deref())
    }

    fn commit(&self, txn: Txn) -> Result<(), StoreError> {
        txn::commit(&self.root, self.io(), txn)
    }

    /// Validates the audit log (log/*.jsonl) and, with the write lock, removes a cut-off last line
    /// (see [`audit::check_log`]).
    pub fn check_log(&self) -> Vec<Problem> {
        match self.lock_exclusive() {
            Ok(_lock) => audit::check_log(&self.root, true),
            Err(_) => audit::check_log(&self.root, false),
        }
    }

    /// Finishes what an interrupted write left: rolls a leftover commit record forward (the
    /// change it records was decided) and removes temporary files no commit record names. Run on
    /// every start, by the terminal UI and every command.
    pub fn recover(&self) -> Result<Recovered, StoreError> {
        let _lock = self.lock_exclusive()?;
        let rolled_forward = txn::roll_forward(&self.root, self.io())?;
        let removed_temps = txn::remove_orphans(&self.root);
        Ok(Recovered {
            rolled_forward,
            removed_temps,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    fn stamp(&self) -> Stamp {
        Stamp {
            at: Utc::now(),
            by: self.user.clone(),
        }
    }

    /// The path of a record's file.
    pub fn path_of(&self, kind: RecordKind, id: &str) -> PathBuf {
        self.root.join(kind.folder()).join(format!("{id}.json"))
    }

    /// A record's file as it is on disk now, parsed as JSON but not as a record (the conflict
    /// dialog shows the other side even when it no longer validates). `Ok(None)` when the file is
    /// gone; read under the shared lock, so a change of several files is never seen half done.
    pub fn read_raw(
        &self,
        kind: RecordKind,
        id: &str,
    ) -> Result<Option<serde_json::Value>, StoreError> {
        let path = self.path_of(kind, id);
        let _guard = self.lock_shared();
        let bytes = match read_regular(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io(&path, e)),
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| StoreError::io(&path, std::io::Error::other(e)))
    }

    /// Reads every file of the workspace. Files that fail to parse or validate are reported in
    /// `problems` and left out; everything else is loaded.
    ///
    /// Reading happens under a shared lock, so a change of several files is seen whole or not at
    /// all; an interrupted change found on the way is rolled forward first.
    pub fn load(&self) -> Loaded {
        let mut guard = self.lock_shared();
        let mut unfinished = None;
        if self.root.join(COMMIT_FILE).exists() {
            drop(guard);
            unfinished = self.lock().err();
            guard = self.lock_shared();
        }
        let mut loaded = load::load(&self.root);
        // The upgrade writes through the store: not while this process holds the reading lock.
        drop(guard);
        upgrade::on_load(self, &mut loaded);
        if let Some(e) = unfinished {
            loaded.problems.insert(
                0,
                Problem {
                    path: PathBuf::from(COMMIT_FILE),
                    line: 0,
                    column: 0,
                    message: format!(
                        "an interrupted change could not be completed, so some records may show half of it: {e}"
                    ),
                    skipped: false,
                },
            );
        }
        loaded
    }

    /// Writes a new record (revision 1). Refuses an id that is taken.
    pub fn create<R: Record>(&self, rec: &mut R) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        self.check(Op::Create, rec)?;
        *rec = self.write_one(Op::Create, rec, "created")?;
        Ok(())
    }

    /// Writes a changed record. The record's `revision` must be the one on disk; otherwise someone
    /// else changed it and the write is refused with [`StoreError::Conflict`]. On success the
    /// record carries its new revision and `updated` stamp; on failure it is as it was.
    pub fn save<R: Record>(&self, rec: &mut R, summary: &str) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        self.check(Op::Update, rec)?;
        *rec = self.write_one(Op::Update, rec, summary)?;
        Ok(())
    }

    /// Deletes a record, if nobody changed it since it was loaded.
    pub fn delete<R: Record>(&self, rec: &R) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        self.check(Op::Delete, rec)?;
        self.write_one(Op::Delete, rec, "deleted")?;
        Ok(())
    }

    /// Writes a new record as it is, keeping its revision and stamps (seeding a workspace with
    /// prepared content such as the demo). Refuses an id that is taken.
    pub fn seed<R: Record>(&self, rec: &R) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        self.check(Op::Create, rec)?;
        self.commit(Txn {
            writes: vec![(self.path_of(R::KIND, rec.id()), to_json(rec, rec.id())?)],
            deletes: vec![],
            audit: vec![self.entry(
                &self.stamp(),
                &record_ref(R::KIND, rec.id()),
                &rec.title(),
                rec.revision(),
                "created",
            )],
        })
    }

    /// Writes every record of a prepared workspace (the demo, a generated one) into this workspace,
    /// keeping revisions and stamps, and adds one line to the audit log. Refuses, writing nothing,
    /// when an id is invalid, appears twice or is taken on disk. Returns the number of files written.
    ///
    /// One transaction: the files are written in parallel and synced in one round, and land all
    /// together or (after a failure or a crash) not at all.
    pub fn seed_all(&self, ws: &Workspace) -> Result<usize, StoreError> {
        let _lock = self.lock()?;
        self.check_new(&ws.forums)?;
        self.check_new(&ws.initiatives)?;
        self.check_new(&ws.cases)?;
        self.check_new(&ws.meetings)?;
        self.check_new(&ws.consultations)?;
        self.check_new(&ws.decisions)?;
        let mut writes = vec![];
        self.serialize_all(&ws.forums, &mut writes)?;
        self.serialize_all(&ws.initiatives, &mut writes)?;
        self.serialize_all(&ws.cases, &mut writes)?;
        self.serialize_all(&ws.meetings, &mut writes)?;
        self.serialize_all(&ws.consultations, &mut writes)?;
        self.serialize_all(&ws.decisions, &mut writes)?;
        let n = writes.len();
        self.commit(Txn {
            writes,
            deletes: vec![],
            audit: vec![self.entry(
                &self.stamp(),
                "workspace",
                &ws.settings.name,
                ws.settings.revision,
                &format!("seeded {n} records"),
            )],
        })?;
        Ok(n)
    }

    /// Checks that none of `recs` exists on disk and that their ids are valid and unique.
    fn check_new<R: Record>(&self, recs: &[R]) -> Result<(), StoreError> {
        let mut seen = std::collections::HashSet::with_capacity(recs.len());
        for r in recs {
            validate_id(r.id())?;
            if !seen.insert(r.id()) || fs::symlink_metadata(self.path_of(R::KIND, r.id())).is_ok() {
                return Err(StoreError::Exists {
                    kind: R::KIND,
                    id: r.id().to_string(),
                });
            }
        }
        Ok(())
    }

    /// The files of `recs` as they are (in parallel).
    fn serialize_all<R: Record + Sync>(
        &self,
        recs: &[R],
        out: &mut Vec<(PathBuf, Vec<u8>)>,
    ) -> Result<(), StoreError> {
        use rayon::prelude::*;
        let files: Vec<(PathBuf, Vec<u8>)> = recs
            .par_iter()
            .map(|r| Ok((self.path_of(R::KIND, r.id()), to_json(r, r.id())?)))
            .collect::<Result<_, StoreError>>()?;
        out.extend(files);
        Ok(())
    }

    /// Writes several records as one change: every revision is checked first, under the lock, so
    /// either all are written or (on a conflict, a full disk, a crash) none. Each written record is
    /// put into `ws` with its new revision (deleted ones are removed); on failure `ws` is untouched.
    pub fn apply(
        &self,
        ws: &mut Workspace,
        changes: Vec<Change>,
        summary: &str,
    ) -> Result<(), StoreError> {
        use rayon::prelude::*;
        // A record named twice: the last change is the one that counts (as when they were
        // written one after the other), and its file is written once.
        let mut changes = changes;
        let mut seen = std::collections::HashSet::new();
        changes.reverse();
        changes.retain(|c| seen.insert((c.record().kind(), c.record().id().to_string())));
        changes.reverse();
        if changes.is_empty() {
            return Ok(());
        }
        let _lock = self.lock()?;
        for c in &changes {
            let (op, r) = c.parts();
            dispatch!(r, x => self.check(op, x))?;
        }
        let now = self.stamp();
        let prepared: Vec<(Op, AnyRecord, Option<Vec<u8>>)> = changes
            .into_par_iter()
            .map(|c| {
                let (op, mut r) = c.into_parts();
                dispatch!(&mut r, x => stamp_for(op, x, &now))?;
                let bytes = match op {
                    Op::Delete => None,
                    _ => Some(dispatch!(&r, x => to_json(x, x.id()))?),
                };
                Ok((op, r, bytes))
            })
            .collect::<Result<_, StoreError>>()?;
        let mut txn = Txn::default();
        for (_, r, bytes) in &prepared {
            let path = self.path_of(r.kind(), r.id());
            match bytes {
                Some(b) => txn.writes.push((path, b.clone())),
                None => txn.deletes.push(path),
            }
            txn.audit.push(self.entry(
                &now,
                &record_ref(r.kind(), r.id()),
                &r.title(),
                r.revision(),
                summary,
            ));
        }
        self.commit(txn)?;
        for (op, r, _) in prepared {
            if op == Op::Delete {
                r.remove_from(ws);
            } else {
                r.put_into(ws);
            }
        }
        ws.sort();
        Ok(())
    }

    /// Checks, under the lock, that `op` may be done on `rec`.
    fn check<R: Record>(&self, op: Op, rec: &R) -> Result<(), StoreError> {
        validate_id(rec.id())?;
        let path = self.path_of(R::KIND, rec.id());
        // Any file by that name takes the id, even one that cannot be read.
        if op == Op::Create && fs::symlink_metadata(&path).is_ok() {
            return Err(StoreError::Exists {
                kind: R::KIND,
                id: rec.id().to_string(),
            });
        }
        let on_disk = revision_on_disk(&path)?;
        let id = || rec.id().to_string();
        match (op, on_disk) {
            (Op::Create, None) => Ok(()),
            (Op::Create, Some(_)) => Err(StoreError::Exists {
                kind: R::KIND,
                id: id(),
            }),
            (_, None) => Err(StoreError::Deleted {
                kind: R::KIND,
                id: id(),
            }),
            (_, Some((theirs, by))) if theirs != rec.revision() => Err(StoreError::Conflict {
                kind: R::KIND,
                id: id(),
                ours: rec.revision(),
                theirs,
                by,
            }),
            (_, Some(_)) => Ok(()),
        }
    }

    /// Does `op` on disk (after [`Store::check`]), as one transaction with its audit line, and
    /// returns the record as written (new revision and stamps).
    fn write_one<R: Record>(&self, op: Op, rec: &R, summary: &str) -> Result<R, StoreError> {
        let path = self.path_of(R::KIND, rec.id());
        let now = self.stamp();
        let mut new = rec.clone();
        stamp_for(op, &mut new, &now)?;
        let (writes, deletes) = match op {
            Op::Delete => (vec![], vec![path]),
            _ => (vec![(path, to_json(&new, new.id())?)], vec![]),
        };
        self.commit(Txn {
            writes,
            deletes,
            audit: vec![self.entry(
                &now,
                &record_ref(R::KIND, new.id()),
                &new.title(),
                new.revision(),
                summary,
            )],
        })?;
        Ok(new)
    }

    /// Writes workspace.json, with the same revision check as records.
    pub fn save_settings(&self, settings: &mut Settings, summary: &str) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        let path = self.root.join(WORKSPACE_FILE);
        let (theirs, by) = revision_on_disk(&path)?.unwrap_or((0, String::new()));
        if theirs != settings.revision {
            return Err(StoreError::Conflict {
                kind: RecordKind::Forum,
                id: WORKSPACE_FILE.into(),
                ours: settings.revision,
                theirs,
                by,
            });
        }
        let now = self.stamp();
        let mut next = settings.clone();
        next.revision = next_revision(theirs, RecordKind::Forum, WORKSPACE_FILE)?;
        next.updated = now.clone();
        self.commit(Txn {
            writes: vec![(path, to_json(&next, WORKSPACE_FILE)?)],
            deletes: vec![],
            audit: vec![self.entry(&now, "workspace", &next.name, next.revision, summary)],
        })?;
        *settings = next;
        Ok(())
    }

    /// The workspace's write lock for work outside the store that must not interleave with a
    /// save (a git sync commits and merges the files): held until the returned file is dropped.
    pub fn lock_for_sync(&self) -> Result<File, StoreError> {
        self.lock()
    }

    /// Holds the workspace's write lock until dropped, after finishing any change an interrupted
    /// writer left. Every check-then-write runs under it, so two processes cannot both pass the
    /// revision check for the same record.
    fn lock(&self) -> Result<File, StoreError> {
        let f = self.lock_exclusive()?;
        txn::roll_forward(&self.root, self.io())?;
        Ok(f)
    }

    fn lock_exclusive(&self) -> Result<File, StoreError> {
        let (path, f) = self.lock_file()?;
        f.lock().map_err(|e| StoreError::io(&path, e))?;
        Ok(f)
    }

    /// The shared (reading) lock, when it can be had: on a read-only disk there is none, and
    /// reading goes ahead without it.
    fn lock_shared(&self) -> Option<File> {
        let (_, f) = self.lock_file().ok()?;
        f.lock_shared().ok()?;
        Some(f)
    }

    /// The lock file, opened for reading only: a lock needs no write access, so a lock file
    /// another user created (0644 under umask 022) locks nobody out.
    fn lock_file(&self) -> Result<(PathBuf, File), StoreError> {
        let path = self.root.join(LOCK_FILE);
        match open_regular(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::io(&path, e)),
        }
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        let f = open_regular(&path).map_err(|e| StoreError::io(&path, e))?;
        Ok((path, f))
    }

    fn entry(
        &self,
        now: &Stamp,
        record: &str,
        title: &str,
        revision: u64,
        summary: &str,
    ) -> AuditEntry {
        AuditEntry {
            at: now.at,
            user: self.user.clone(),
            record: record.to_string(),
            revision,
            summary: if title.is_empty() {
                summary.to_string()
            } else {
                format!("{summary}: {title}")
            },
        }
    }
}

/// Stamps `rec` for `op`: revision, created/updated, schema version.
fn stamp_for<R: Record>(op: Op, rec: &mut R, now: &Stamp) -> Result<(), StoreError> {
    match op {
        Op::Create => {
            rec.set_revision(1);
            rec.set_created(now.clone());
        }
        Op::Update => rec.set_revision(next_revision(rec.revision(), R::KIND, rec.id())?),
        Op::Delete => return Ok(()),
    }
    rec.set_schema_version(SCHEMA_VERSION);
    rec.set_updated(now.clone());
    Ok(())
}

/// The revision after `rev`; refused beyond [`MAX_REVISION`] instead of wrapping to 0.
fn next_revision(rev: u64, kind: RecordKind, id: &str) -> Result<u64, StoreError> {
    rev.checked_add(1)
        .filter(|r| *r <= MAX_REVISION)
        .ok_or_else(|| StoreError::RevisionOverflow {
            kind,
            id: id.to_string(),
            revision: rev,
        })
}

/// The largest revision a record may have (the largest integer every JSON reader keeps exactly).
pub const MAX_REVISION: u64 = (1 << 53) - 1;

/// "cases/S-2026-014": how the audit log names a record.
pub fn record_ref(kind: RecordKind, id: &str) -> String {
    format!("{}/{id}", kind.folder())
}

/// Pretty JSON with a trailing newline: diffs well in git.
pub fn to_json<T: serde::Serialize>(value: &T, what: &str) -> Result<Vec<u8>, StoreError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|source| StoreError::Serialize {
        what: what.to_string(),
        source,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The revision and last writer of the file on disk; None when there is no file.
fn revision_on_disk(path: &Path) -> Result<Option<(u64, String)>, StoreError> {
    let bytes = match read_regular(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    #[derive(serde::Deserialize)]
    struct Head {
        #[serde(default)]
        revision: u64,
        #[serde(default)]
        updated: Option<Stamp>,
    }
    let head: Head =
        serde_json::from_slice(load::strip_bom(&bytes)).map_err(|e| StoreError::Unreadable {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    Ok(Some((
        head.revision,
        head.updated.map(|s| s.by).unwrap_or_default(),
    )))
}

#[cfg(test)]
mod tests;
