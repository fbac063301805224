//! The append-only audit log: one JSON line per write in log/YYYY-MM.jsonl.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub user: String,
    /// "cases/S-2026-014" or "workspace".
    pub record: String,
    pub revision: u64,
    pub summary: String,
}

/// Appends one line; the whole line goes out in one write so lines never interleave.
pub fn append(root: &Path, entry: &AuditEntry) -> Result<(), StoreError> {
    let dir = root.join("log");
    fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
    let path = dir.join(format!("{}.jsonl", entry.at.format("%Y-%m")));
    let mut line = serde_json::to_vec(entry).map_err(|source| StoreError::Serialize {
        what: "audit entry".into(),
        source,
    })?;
    line.push(b'\n');
    let mut f = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| StoreError::io(&path, e))?;
    f.write_all(&line).map_err(|e| StoreError::io(&path, e))?;
    f.sync_data().map_err(|e| StoreError::io(&path, e))
}

/// Reads every entry of every month, oldest first (for history views and tests).
pub fn read_all(root: &Path) -> Vec<AuditEntry> {
    let mut files: Vec<_> = fs::read_dir(root.join("log"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok())
        .flat_map(|s| {
            s.lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect::<Vec<_>>()
        })
        .collect()
}
