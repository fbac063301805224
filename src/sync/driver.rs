//! The merge driver git runs for record files (`secretariat merge-driver %O %A %B %P`): reads the
//! three versions, merges them with [`merge_records`], writes the result over `%A` atomically (so a
//! kill leaves ours or the merge, never half a file) and keeps the losing side of any conflict as a
//! conflict record under `conflicts/` (ignored by loading, committed by the next sync, listed by
//! `secretariat sync` and the Overview until resolved).

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::merge::{FieldConflict, Merged, Side, merge_records};
use crate::store::{to_json, write_atomic};

/// The folder of conflict records, beside the record folders.
pub const CONFLICTS_DIR: &str = "conflicts";

/// What the driver did with one file.
#[derive(Debug, Clone, PartialEq)]
pub struct DriverOutcome {
    /// The conflict record written (relative to the workspace), when fields conflicted.
    pub conflict_record: Option<PathBuf>,
    pub conflicts: Vec<FieldConflict>,
}

/// Reads a version git gives the driver; an empty file (absent on that side) is `None`.
fn read_version(path: &Path) -> Result<Option<Value>, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| format!("{}: not valid JSON: {e}", path.display()))
}

/// The merge driver: `base`, `ours` (written with the result), `theirs` as git passes them;
/// `record_path` is the file's path in the repository (`%P`), relative to `repo_root`.
pub fn run(
    repo_root: &Path,
    base: &Path,
    ours: &Path,
    theirs: &Path,
    record_path: &Path,
) -> Result<DriverOutcome, String> {
    let b = read_version(base).ok().flatten();
    let o = read_version(ours);
    let t = read_version(theirs);
    let merged = match (o, t) {
        (Ok(Some(o)), Ok(Some(t))) => merge_records(b.as_ref(), &o, &t),
        // One side unreadable: keep the readable one and the other's text as the conflict.
        (Ok(Some(o)), _) => keep_one(o, theirs, Side::Ours),
        (_, Ok(Some(t))) => keep_one(t, ours, Side::Theirs),
        (Err(e), _) | (_, Err(e)) => {
            return Err(format!(
                "{}: cannot merge, neither side is a valid record ({e}); resolve it by hand",
                record_path.display()
            ));
        }
        (Ok(None), Ok(None)) => {
            return Err(format!("{}: both sides are empty", record_path.display()));
        }
    };
    let bytes =
        to_json(&merged.value, &record_path.display().to_string()).map_err(|e| e.to_string())?;
    let conflict_record = if merged.conflicts.is_empty() {
        None
    } else {
        let other = match merged.kept {
            Side::Ours => version_or_text(theirs),
            Side::Theirs => version_or_text(ours),
        };
        Some(write_conflict_record(
            repo_root,
            record_path,
            &merged,
            other,
        )?)
    };
    replace(ours, &bytes)?;
    Ok(DriverOutcome {
        conflict_record,
        conflicts: merged.conflicts,
    })
}

/// A version as JSON, or as its text when it is not JSON (nothing is lost either way).
fn version_or_text(path: &Path) -> Value {
    match read_version(path) {
        Ok(Some(v)) => v,
        _ => Value::String(fs::read_to_string(path).unwrap_or_default()),
    }
}

/// Replaces git's temporary `%A` file whole (a temporary file renamed over it) but without the
/// fsyncs of [`write_atomic`]: git reads it back at once and stores it itself, and a merge cut
/// short is redone from git's index by the next sync, so durability here buys nothing and costs
/// most of the driver's time.
fn replace(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| format!("{}: cannot write the merge: {e}", path.display());
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-merge-")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

fn keep_one(v: Value, other: &Path, kept: Side) -> Merged {
    Merged {
        conflicts: vec![FieldConflict {
            path: String::new(),
            kept: None,
            other: Some(Value::String(fs::read_to_string(other).unwrap_or_default())),
        }],
        value: v,
        kept,
    }
}

/// FNV-1a: a stable short name for a conflict record, the same on every machine.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Writes `conflicts/<folder>/<id>.<hash>.json` next to the workspace's record folders: the record,
/// the side kept and the other side whole. The name comes from the content, so both clones that
/// find the same conflict write the same file.
pub fn write_conflict_record(
    repo_root: &Path,
    record_path: &Path,
    merged: &Merged,
    other: Value,
) -> Result<PathBuf, String> {
    // The workspace is the folder above the record's folder (it may sit inside a larger repo).
    let folder = record_path.parent().unwrap_or(Path::new(""));
    let ws = folder.parent().unwrap_or(Path::new(""));
    let kind = folder
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = record_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let doc = json!({
        "record": if kind.is_empty() { stem.clone() } else { format!("{kind}/{stem}") },
        "kept": {
            "revision": merged.value.get("revision"),
            "updated": merged.value.get("updated"),
        },
        "fields": merged.conflicts.iter().map(|c| json!({
            "path": c.path, "kept": c.kept, "other": c.other
        })).collect::<Vec<_>>(),
        "other": other,
    });
    let bytes = to_json(&doc, "conflict record").map_err(|e| e.to_string())?;
    let name = format!("{stem}.{:016x}.json", fnv(&bytes));
    let rel = ws.join(CONFLICTS_DIR).join(&kind).join(name);
    let path = repo_root.join(&rel);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
    Ok(rel)
}

/// One conflict record on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictRecord {
    /// Relative to the workspace.
    pub path: PathBuf,
    /// "cases/S-2026-014".
    pub record: String,
    /// The paths of the fields in conflict.
    pub fields: Vec<String>,
    /// The other side's record, whole.
    pub other: Value,
}

/// The conflict records of a workspace, oldest name first. Unreadable files are listed with an
/// empty record so they are not overlooked.
pub fn list_conflicts(ws_root: &Path) -> Vec<ConflictRecord> {
    let dir = ws_root.join(CONFLICTS_DIR);
    let mut out = Vec::new();
    for kind in fs::read_dir(&dir).into_iter().flatten().flatten() {
        for f in fs::read_dir(kind.path()).into_iter().flatten().flatten() {
            let p = f.path();
            if p.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let v: Value = fs::read(&p)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .unwrap_or(Value::Null);
            out.push(ConflictRecord {
                path: p.strip_prefix(ws_root).unwrap_or(&p).to_path_buf(),
                record: v["record"].as_str().unwrap_or("").to_string(),
                fields: v["fields"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|f| f["path"].as_str().unwrap_or("").to_string())
                            .collect()
                    })
                    .unwrap_or_default(),
                other: v["other"].clone(),
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_driver_writes_the_merge_over_ours_and_the_loser_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let w = |n: &str, v: &Value| {
            let p = dir.path().join(n);
            fs::write(&p, to_json(v, n).unwrap()).unwrap();
            p
        };
        let rec = |t: &str, bg: &str, at: &str| json!({"id": "S-1", "revision": 2, "updated": {"at": at, "by": "x"}, "title": t, "background": bg});
        let o = w("o", &rec("T", "B", "2026-01-01T00:00:00Z"));
        let a = w("a", &rec("T-a", "B-a", "2026-01-02T00:00:00Z"));
        let b = w("b", &rec("T-b", "B", "2026-01-03T00:00:00Z"));
        let out = run(dir.path(), &o, &a, &b, Path::new("cases/S-1.json")).unwrap();
        let merged: Value = serde_json::from_slice(&fs::read(&a).unwrap()).unwrap();
        assert_eq!(merged["title"], "T-b");
        assert_eq!(merged["background"], "B-a");
        assert_eq!(merged["revision"], 3);
        let rel = out.conflict_record.unwrap();
        assert!(rel.starts_with("conflicts/cases"), "{rel:?}");
        let list = list_conflicts(dir.path());
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].record, "cases/S-1");
        assert_eq!(list[0].fields, ["title"]);
        assert_eq!(list[0].other["title"], "T-a");
    }

    #[test]
    fn an_unreadable_side_keeps_the_readable_one_and_the_text_of_the_other() {
        let dir = tempfile::tempdir().unwrap();
        let o = dir.path().join("o");
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        fs::write(&o, "{\"id\":\"S-1\",\"title\":\"x\"}").unwrap();
        fs::write(&a, "<<<<<<< not json").unwrap();
        fs::write(&b, "{\"id\":\"S-1\",\"title\":\"y\"}").unwrap();
        let out = run(dir.path(), &o, &a, &b, Path::new("cases/S-1.json")).unwrap();
        let merged: Value = serde_json::from_slice(&fs::read(&a).unwrap()).unwrap();
        assert_eq!(merged["title"], "y");
        assert!(out.conflict_record.is_some());
        assert_eq!(list_conflicts(dir.path())[0].other, "<<<<<<< not json");
    }

    #[test]
    fn two_unreadable_sides_are_an_error_and_ours_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let o = dir.path().join("o");
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        fs::write(&o, "{}").unwrap();
        fs::write(&a, "bad a").unwrap();
        fs::write(&b, "bad b").unwrap();
        let e = run(dir.path(), &o, &a, &b, Path::new("cases/S-1.json")).unwrap_err();
        assert!(e.contains("cases/S-1.json"), "{e}");
        assert_eq!(fs::read_to_string(&a).unwrap(), "bad a");
    }
}
