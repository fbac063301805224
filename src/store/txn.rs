//! Transactions: every change to the workspace, one record or an import of thousands, lands whole
//! or not at all, together with its audit lines.
//!
//! A transaction runs under the workspace's write lock:
//! 1. every new file is written as a temporary file (`.tmp-*.part`) next to its target;
//! 2. the temporary files are synced in one round (in parallel, not one after the other);
//! 3. a commit record (`.secretariat.commit`: the renames, the deletions and the audit lines) is
//!    written and synced; from here on the change is decided and is rolled forward after a crash;
//! 4. the audit lines are appended to the month's log and synced (a failure here still undoes
//!    everything: the log is cut back and the commit record removed);
//! 5. the temporary files are renamed into place and deleted records removed; the folders synced;
//! 6. the commit record is removed.
//!
//! On every start (and before every write) a leftover commit record is rolled forward; temporary
//! files that no commit record names are removed at start.
//!
//! Every disk operation passes through [`Io::step`], where tests inject a failure at the n-th
//! operation (disk full, permission denied) without needing root or a full disk.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::audit::AuditEntry;
use super::{StoreError, atomic};
use crate::model::RecordKind;

/// The commit record's file name, in the workspace folder.
pub const COMMIT_FILE: &str = ".secretariat.commit";

/// A planned failure: the `fail_at`-th disk operation (1-based) fails with the OS error `errno`
/// (a write fails after writing half its bytes, as a full disk does). For tests.
#[derive(Debug)]
pub struct Faults {
    fail_at: usize,
    errno: i32,
    /// Every operation from the planned one on fails (a disk that died, or a process that
    /// stopped there: nothing more reaches the disk).
    sticky: bool,
    count: AtomicUsize,
}

impl Faults {
    pub fn new(fail_at: usize, errno: i32) -> Arc<Faults> {
        Arc::new(Faults {
            fail_at,
            errno,
            sticky: false,
            count: AtomicUsize::new(0),
        })
    }
    /// Every operation from the `fail_at`-th on fails.
    pub fn from(fail_at: usize, errno: i32) -> Arc<Faults> {
        Arc::new(Faults {
            fail_at,
            errno,
            sticky: true,
            count: AtomicUsize::new(0),
        })
    }
    /// How many disk operations were counted so far.
    pub fn steps(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
}

/// The door every disk operation of a transaction goes through.
#[derive(Debug, Clone, Copy)]
pub(super) struct Io<'a>(pub Option<&'a Faults>);

impl Io<'_> {
    /// Counts one operation; fails it when it is the planned one.
    pub fn step(&self) -> io::Result<()> {
        if let Some(f) = self.0 {
            let n = f.count.fetch_add(1, Ordering::SeqCst) + 1;
            if n == f.fail_at || (f.sticky && n > f.fail_at) {
                return Err(io::Error::from_raw_os_error(f.errno));
            }
        }
        Ok(())
    }

    /// `write_all`, through [`Io::step`]; a planned failure writes half the bytes first.
    fn write_all(&self, f: &mut File, bytes: &[u8]) -> io::Result<()> {
        if let Err(e) = self.step() {
            let _ = f.write_all(&bytes[..bytes.len() / 2]);
            return Err(e);
        }
        f.write_all(bytes)
    }
}

/// One change to the workspace's files.
#[derive(Debug, Default)]
pub(super) struct Txn {
    /// Files to write (absolute target path, contents).
    pub writes: Vec<(PathBuf, Vec<u8>)>,
    /// Files to remove.
    pub deletes: Vec<PathBuf>,
    /// The audit lines, appended in the same transaction.
    pub audit: Vec<AuditEntry>,
}

/// What a transaction left on disk once it was decided (paths relative to the workspace).
#[derive(Debug, Serialize, Deserialize)]
struct CommitRecord {
    /// (temporary file, target), in order.
    renames: Vec<(String, String)>,
    deletes: Vec<String>,
    /// The month's log file and its length before the audit lines were appended.
    log: String,
    log_offset: u64,
    /// The audit lines, as appended (each ends in a newline).
    audit: String,
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

/// Removes files, ignoring errors (cleaning up after a failure).
fn remove_all(paths: &[PathBuf]) {
    for p in paths {
        let _ = fs::remove_file(p);
    }
}

/// A fresh temporary file name in `dir`.
fn temp_name(dir: &Path) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    dir.join(format!(".tmp-{}-{n}-{nanos:08x}.part", std::process::id()))
}

/// Writes `bytes` to a new temporary file next to `target` (not synced). Returns its path.
fn write_temp(io: Io, target: &Path, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tries = 0;
    let (path, mut f) = loop {
        let path = temp_name(dir);
        let opened = io
            .step()
            .and_then(|()| OpenOptions::new().write(true).create_new(true).open(&path));
        match opened {
            Ok(f) => break (path, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 10 => tries += 1,
            Err(e) => return Err(StoreError::io(target, e)),
        }
    };
    if let Err(e) = io.write_all(&mut f, bytes) {
        drop(f);
        let _ = fs::remove_file(&path);
        return Err(StoreError::io(target, e));
    }
    atomic::set_mode(&path, target);
    Ok(path)
}

/// Runs `f` on every item, spread over up to 32 threads: the file system then handles many
/// syncs (or renames) at once, committing them together, instead of one after the other.
fn in_parallel<T: Sync>(
    items: &[T],
    f: impl Fn(&T) -> Result<(), StoreError> + Sync,
) -> Result<(), StoreError> {
    if items.len() < 4 {
        return items.iter().try_for_each(&f);
    }
    let threads = items.len().min(32);
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().try_for_each(f)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Ok(())))
            .collect::<Result<Vec<()>, StoreError>>()
    })?;
    Ok(())
}

/// Syncs files in one round.
fn sync_files(io: Io, paths: &[PathBuf]) -> Result<(), StoreError> {
    in_parallel(paths, |p| {
        io.step()
            .and_then(|()| File::open(p))
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::io(p, e))
    })
}

fn sync_dir(io: Io, dir: &Path) -> Result<(), StoreError> {
    io.step().map_err(|e| StoreError::io(dir, e))?;
    atomic::sync_dir(dir)
}

/// The month's log file, opened for appending, and the bytes to append.
struct LogAppend {
    path: PathBuf,
    file: File,
    offset: u64,
    bytes: Vec<u8>,
}

fn open_log(root: &Path, io: Io, audit: &[AuditEntry]) -> Result<Option<LogAppend>, StoreError> {
    let Some(first) = audit.first() else {
        return Ok(None);
    };
    let dir = root.join("log");
    if !dir.is_dir() {
        io.step().map_err(|e| StoreError::io(&dir, e))?;
        atomic::create_dir_shared(&dir, root)?;
    }
    let path = dir.join(format!("{}.jsonl", first.at.format("%Y-%m")));
    let new = fs::symlink_metadata(&path).is_err();
    let mut file = io
        .step()
        .and_then(|()| {
            OpenOptions::new()
                .read(true)
                .append(true)
                .create(true)
                .open(&path)
        })
        .map_err(|e| StoreError::log(&path, e))?;
    if new {
        atomic::share_like_dir(&path, &dir);
    }
    let offset = file
        .metadata()
        .map_err(|e| StoreError::log(&path, e))?
        .len();
    let mut bytes = Vec::new();
    // A line cut off by an earlier crash or full disk must not swallow the first line of ours.
    if !ends_in_newline(&mut file, offset) {
        bytes.push(b'\n');
    }
    for e in audit {
        serde_json::to_writer(&mut bytes, e).map_err(|source| StoreError::Serialize {
            what: "audit entry".into(),
            source,
        })?;
        bytes.push(b'\n');
    }
    Ok(Some(LogAppend {
        path,
        file,
        offset,
        bytes,
    }))
}

/// Whether a file of length `len` is empty or ends in '\n'.
fn ends_in_newline(f: &mut File, len: u64) -> bool {
    if len == 0 {
        return true;
    }
    let mut last = [0u8];
    f.seek(SeekFrom::Start(len - 1))
        .and_then(|_| f.read_exact(&mut last))
        .map(|()| last[0] == b'\n')
        .unwrap_or(true)
}

fn append_log(io: Io, log: &mut LogAppend) -> Result<(), StoreError> {
    io.write_all(&mut log.file, &log.bytes)
        .and_then(|()| io.step())
        .and_then(|()| log.file.sync_data())
        .map_err(|e| StoreError::log(&log.path, e))
}

/// Writes the commit record durably (temporary file, sync, rename, sync the folder).
fn write_commit_record(root: &Path, io: Io, rec: &CommitRecord) -> Result<(), StoreError> {
    let target = root.join(COMMIT_FILE);
    let bytes = serde_json::to_vec(rec).map_err(|source| StoreError::Serialize {
        what: "commit record".into(),
        source,
    })?;
    let tmp = write_temp(io, &target, &bytes)?;
    let done = sync_files(io, std::slice::from_ref(&tmp))
        .and_then(|()| {
            io.step()
                .and_then(|()| fs::rename(&tmp, &target))
                .map_err(|e| StoreError::io(&target, e))
        })
        .and_then(|()| sync_dir(io, root));
    if done.is_err() {
        let _ = fs::remove_file(&tmp);
        let _ = fs::remove_file(&target);
    }
    done
}

/// Applies a decided transaction: renames (those not done yet), deletions, folder syncs.
/// Idempotent, so a roll-forward may run it again.
fn finish(root: &Path, io: Io, rec: &CommitRecord) -> Result<(), StoreError> {
    let mut dirs = BTreeSet::new();
    // In parallel: replacing a file frees the old one's blocks, which on some file systems waits
    // for the disk; many at once wait together.
    in_parallel(&rec.renames, |(tmp, target)| {
        let (tmp, target) = (root.join(tmp), root.join(target));
        if tmp.exists() {
            io.step()
                .and_then(|()| fs::rename(&tmp, &target))
                .map_err(|e| StoreError::io(&target, e))?;
        }
        Ok(())
    })?;
    for (_, target) in &rec.renames {
        dirs.insert(root.join(target).parent().unwrap_or(root).to_path_buf());
    }
    for d in &rec.deletes {
        let path = root.join(d);
        match io.step().and_then(|()| fs::remove_file(&path)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::io(&path, e)),
        }
        dirs.insert(path.parent().unwrap_or(root).to_path_buf());
    }
    for d in dirs {
        sync_dir(io, &d)?;
    }
    Ok(())
}

/// Runs a transaction (the caller holds the write lock). Either everything is written, with its
/// audit lines, or nothing is (and the error says why); [`StoreError::Unfinished`] means the
/// change was decided but could not be completed, and will be on the next start.
pub(super) fn commit(root: &Path, io: Io, txn: Txn) -> Result<(), StoreError> {
    let Txn {
        writes,
        deletes,
        audit,
    } = txn;
    if writes.is_empty() && deletes.is_empty() && audit.is_empty() {
        return Ok(());
    }
    // 1. Temporary files, written in parallel.
    let targets: Vec<PathBuf> = writes.iter().map(|(p, _)| p.clone()).collect();
    let results: Vec<Result<PathBuf, StoreError>> = writes
        .into_par_iter()
        .map(|(target, bytes)| write_temp(io, &target, &bytes))
        .collect();
    let mut temps = Vec::with_capacity(results.len());
    let mut failed = None;
    for r in results {
        match r {
            Ok(p) => temps.push(p),
            Err(e) => failed = failed.or(Some(e)),
        }
    }
    if let Some(e) = failed {
        remove_all(&temps);
        return Err(e);
    }
    // 2. One sync round.
    if let Err(e) = sync_files(io, &temps) {
        remove_all(&temps);
        return Err(e);
    }
    // 3. The commit record (the log file is opened first: a log we may not write stops it here).
    let mut log = match open_log(root, io, &audit) {
        Ok(l) => l,
        Err(e) => {
            remove_all(&temps);
            return Err(e);
        }
    };
    let rec = CommitRecord {
        renames: temps
            .iter()
            .zip(&targets)
            .map(|(t, p)| (rel(root, t), rel(root, p)))
            .collect(),
        deletes: deletes.iter().map(|p| rel(root, p)).collect(),
        log: log.as_ref().map(|l| rel(root, &l.path)).unwrap_or_default(),
        log_offset: log.as_ref().map(|l| l.offset).unwrap_or(0),
        audit: log
            .as_ref()
            .map(|l| String::from_utf8_lossy(&l.bytes).into_owned())
            .unwrap_or_default(),
    };
    if let Err(e) = write_commit_record(root, io, &rec) {
        remove_all(&temps);
        return Err(e);
    }
    // 4. The audit lines; on failure the log is cut back and the whole change undone.
    if let Some(l) = log.as_mut()
        && let Err(e) = append_log(io, l)
    {
        let _ = l.file.set_len(l.offset);
        let _ = l.file.sync_data();
        let _ = fs::remove_file(root.join(COMMIT_FILE));
        let _ = atomic::sync_dir(root);
        remove_all(&temps);
        return Err(e);
    }
    drop(log);
    // 5. Into place. A failure here is retried once; if it persists the commit record stays for
    // the roll-forward at the next start.
    if let Err(e) = finish(root, io, &rec).or_else(|_| finish(root, io, &rec)) {
        return Err(StoreError::Unfinished {
            message: e.to_string(),
        });
    }
    // 6. Done. Should the removal be lost in a crash, rolling forward again changes nothing.
    let _ = fs::remove_file(root.join(COMMIT_FILE));
    Ok(())
}

/// What [`recover`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// Files put into place by rolling an interrupted change forward.
    pub rolled_forward: usize,
    /// Temporary files of interrupted writes that were removed.
    pub removed_temps: usize,
}

impl Recovered {
    pub fn is_empty(&self) -> bool {
        *self == Recovered::default()
    }
}

/// Rolls a leftover commit record forward (the caller holds the write lock). Returns how many
/// files it put into place.
pub(super) fn roll_forward(root: &Path, io: Io) -> Result<usize, StoreError> {
    let path = root.join(COMMIT_FILE);
    let bytes = match atomic::read_regular(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(StoreError::io(&path, e)),
    };
    let rec: CommitRecord = match serde_json::from_slice(&bytes) {
        Ok(r) => r,
        Err(e) => {
            return Err(StoreError::Unreadable {
                path,
                message: format!(
                    "the record of an interrupted change cannot be read ({e}); move it away and run `secretariat check`"
                ),
            });
        }
    };
    if !rec.log.is_empty() {
        complete_log(root, io, &rec)?;
    }
    let pending = rec
        .renames
        .iter()
        .filter(|(t, _)| root.join(t).exists())
        .count();
    finish(root, io, &rec)?;
    io.step()
        .and_then(|()| fs::remove_file(&path))
        .map_err(|e| StoreError::io(&path, e))?;
    atomic::sync_dir(root)?;
    Ok(pending)
}

/// Makes sure the audit lines of `rec` are in the log exactly once.
fn complete_log(root: &Path, io: Io, rec: &CommitRecord) -> Result<(), StoreError> {
    let path = root.join(&rec.log);
    let mut f = io
        .step()
        .and_then(|()| {
            OpenOptions::new()
                .read(true)
                .append(true)
                .create(true)
                .open(&path)
        })
        .map_err(|e| StoreError::log(&path, e))?;
    let len = f.metadata().map_err(|e| StoreError::log(&path, e))?.len();
    let mut tail = Vec::new();
    if len >= rec.log_offset {
        f.seek(SeekFrom::Start(rec.log_offset))
            .and_then(|_| f.read_to_end(&mut tail))
            .map_err(|e| StoreError::log(&path, e))?;
        if tail.starts_with(rec.audit.as_bytes()) {
            return Ok(());
        }
        // Part of our lines (a write cut off): cut it back and append them whole.
        f.set_len(rec.log_offset)
            .map_err(|e| StoreError::log(&path, e))?;
    }
    let len = f.metadata().map_err(|e| StoreError::log(&path, e))?.len();
    let mut bytes = Vec::new();
    if !ends_in_newline(&mut f, len) && !rec.audit.starts_with('\n') {
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(rec.audit.as_bytes());
    io.write_all(&mut f, &bytes)
        .and_then(|()| f.sync_data())
        .map_err(|e| StoreError::log(&path, e))
}

/// Removes temporary files of interrupted writes from the workspace folder and its record
/// folders (the caller holds the write lock, so none of them belongs to a running write).
pub(super) fn remove_orphans(root: &Path) -> usize {
    let mut n = 0;
    let dirs = std::iter::once(root.to_path_buf())
        .chain(RecordKind::ALL.iter().map(|k| root.join(k.folder())));
    for dir in dirs {
        for e in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(".tmp-")
                && name.ends_with(".part")
                && e.file_type().is_ok_and(|t| t.is_file())
                && fs::remove_file(e.path()).is_ok()
            {
                n += 1;
            }
        }
    }
    n
}
