//! The workspace on disk: one pretty-printed JSON file per record in a folder per kind, plus
//! workspace.json. Loading reports every bad file with path, line and column and still loads the
//! rest; saving is atomic, checks the revision on disk first (two people work in one workspace),
//! and appends a line to the audit log (log/YYYY-MM.jsonl).

mod atomic;
mod audit;
pub mod bilag;
mod error;
mod load;

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

use chrono::Utc;

pub use atomic::write_atomic;
pub use audit::{AuditEntry, read_all as read_audit};
pub use error::StoreError;
pub use load::{DiskState, Loaded, Problem, scan};

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
}

/// The user name recorded in `created`/`updated` and the audit log: $SECRETARIAT_USER, else $USER.
pub fn current_user() -> String {
    ["SECRETARIAT_USER", "USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|s| s.trim().to_string())
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "ukendt".to_string())
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
            let dir = root.join(kind.folder());
            fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
        }
        let store = Store {
            root,
            user: current_user(),
        };
        settings.schema_version = SCHEMA_VERSION;
        // Prepared settings (the demo's) keep their stamps; new ones get this user's.
        if settings.revision == 0 {
            let now = store.stamp();
            settings.revision = 1;
            settings.created = now.clone();
            settings.updated = now;
        }
        let bytes = to_json(settings, "workspace.json")?;
        write_atomic(&store.root.join(WORKSPACE_FILE), &bytes)?;
        store.audit("workspace", &settings.name, 1, "created the workspace")?;
        Ok(store)
    }

    /// Uses another user name (tests; `--user`).
    pub fn with_user(mut self, user: &str) -> Store {
        self.user = user.to_string();
        self
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

    /// Reads every file of the workspace. Files that fail to parse or validate are reported in
    /// `problems` and left out; everything else is loaded.
    pub fn load(&self) -> Loaded {
        load::load(&self.root)
    }

    /// Writes a new record (revision 1). Refuses an id that is taken.
    pub fn create<R: Record>(&self, rec: &mut R) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        self.check(Op::Create, rec)?;
        self.write(Op::Create, rec, "created")
    }

    /// Writes a changed record. The record's `revision` must be the one on disk; otherwise someone
    /// else changed it and the write is refused with [`StoreError::Conflict`]. On success the
    /// record carries its new revision and `updated` stamp.
    pub fn save<R: Record>(&self, rec: &mut R, summary: &str) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        self.check(Op::Update, rec)?;
        self.write(Op::Update, rec, summary)
    }

    /// Deletes a record, if nobody changed it since it was loaded.
    pub fn delete<R: Record>(&self, rec: &R) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        self.check(Op::Delete, rec)?;
        let mut r = rec.clone();
        self.write(Op::Delete, &mut r, "deleted")
    }

    /// Writes a new record as it is, keeping its revision and stamps (seeding a workspace with
    /// prepared content such as the demo). Refuses an id that is taken.
    pub fn seed<R: Record>(&self, rec: &R) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        self.check(Op::Create, rec)?;
        write_atomic(&self.path_of(R::KIND, rec.id()), &to_json(rec, rec.id())?)?;
        self.audit(
            &record_ref(R::KIND, rec.id()),
            &rec.title(),
            rec.revision(),
            "created",
        )
    }

    /// Writes every record of a prepared workspace (the demo, a generated one) into this workspace,
    /// keeping revisions and stamps, and adds one line to the audit log. Refuses, writing nothing,
    /// when an id is invalid, appears twice or is taken on disk. Returns the number of files written.
    ///
    /// Made for thousands of records into a new workspace: each file is written in parallel and lands
    /// whole (a temporary file renamed into place), but files are not synced one by one as
    /// [`Store::seed`] does (that costs several milliseconds each); the folders are synced at the end.
    /// A crash in the middle can leave some files missing or empty: generate again.
    pub fn seed_all(&self, ws: &Workspace) -> Result<usize, StoreError> {
        let _lock = self.lock()?;
        self.check_new(&ws.forums)?;
        self.check_new(&ws.initiatives)?;
        self.check_new(&ws.cases)?;
        self.check_new(&ws.meetings)?;
        self.check_new(&ws.consultations)?;
        self.check_new(&ws.decisions)?;
        let mut n = 0;
        n += self.write_new(&ws.forums)?;
        n += self.write_new(&ws.initiatives)?;
        n += self.write_new(&ws.cases)?;
        n += self.write_new(&ws.meetings)?;
        n += self.write_new(&ws.consultations)?;
        n += self.write_new(&ws.decisions)?;
        for kind in RecordKind::ALL {
            atomic::sync_dir(&self.root.join(kind.folder()))?;
        }
        self.audit(
            "workspace",
            &ws.settings.name,
            ws.settings.revision,
            &format!("seeded {n} records"),
        )?;
        Ok(n)
    }

    /// Checks that none of `recs` exists on disk and that their ids are valid and unique.
    fn check_new<R: Record>(&self, recs: &[R]) -> Result<(), StoreError> {
        let mut seen = std::collections::HashSet::with_capacity(recs.len());
        for r in recs {
            validate_id(r.id())?;
            if !seen.insert(r.id()) || self.path_of(R::KIND, r.id()).exists() {
                return Err(StoreError::Exists {
                    kind: R::KIND,
                    id: r.id().to_string(),
                });
            }
        }
        Ok(())
    }

    /// Writes `recs` as new files, in parallel, each whole but not synced (see [`Store::seed_all`]).
    fn write_new<R: Record + Sync>(&self, recs: &[R]) -> Result<usize, StoreError> {
        use rayon::prelude::*;
        recs.par_iter().try_for_each(|r| {
            atomic::write_unsynced(&self.path_of(R::KIND, r.id()), &to_json(r, r.id())?)
        })?;
        Ok(recs.len())
    }

    /// Writes several records as one change: every revision is checked first, under the lock, so
    /// either all are written or (on a conflict) none. Each written record is put into `ws` with
    /// its new revision (deleted ones are removed).
    pub fn apply(
        &self,
        ws: &mut Workspace,
        changes: Vec<Change>,
        summary: &str,
    ) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        for c in &changes {
            let (op, r) = c.parts();
            dispatch!(r, x => self.check(op, x))?;
        }
        for c in changes {
            let (op, mut r) = c.into_parts();
            dispatch!(&mut r, x => self.write(op, x, summary))?;
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

    /// Does `op` on disk (after [`Store::check`]) and stamps `rec` with its new revision.
    fn write<R: Record>(&self, op: Op, rec: &mut R, summary: &str) -> Result<(), StoreError> {
        let path = self.path_of(R::KIND, rec.id());
        let now = self.stamp();
        match op {
            Op::Create => {
                rec.set_revision(1);
                rec.set_created(now.clone());
            }
            Op::Update => rec.set_revision(rec.revision() + 1),
            Op::Delete => {}
        }
        if op == Op::Delete {
            atomic::remove_durable(&path)?;
        } else {
            rec.set_schema_version(SCHEMA_VERSION);
            rec.set_updated(now);
            write_atomic(&path, &to_json(rec, rec.id())?)?;
        }
        self.audit(
            &record_ref(R::KIND, rec.id()),
            &rec.title(),
            rec.revision(),
            summary,
        )
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
        let mut next = settings.clone();
        next.revision = theirs + 1;
        next.updated = self.stamp();
        write_atomic(&path, &to_json(&next, WORKSPACE_FILE)?)?;
        *settings = next;
        self.audit("workspace", &settings.name, settings.revision, summary)
    }

    /// Holds the workspace's write lock until dropped. Every check-then-write runs under it, so two
    /// processes cannot both pass the revision check for the same record.
    fn lock(&self) -> Result<File, StoreError> {
        let path = self.root.join(LOCK_FILE);
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        f.lock().map_err(|e| StoreError::io(&path, e))?;
        Ok(f)
    }

    fn audit(
        &self,
        record: &str,
        title: &str,
        revision: u64,
        summary: &str,
    ) -> Result<(), StoreError> {
        audit::append(
            &self.root,
            &AuditEntry {
                at: Utc::now(),
                user: self.user.clone(),
                record: record.to_string(),
                revision,
                summary: if title.is_empty() {
                    summary.to_string()
                } else {
                    format!("{summary}: {title}")
                },
            },
        )
    }
}

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
    let bytes = match fs::read(path) {
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
    let head: Head = serde_json::from_slice(&bytes).map_err(|e| StoreError::Unreadable {
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
