//! The append-only audit log: one JSON line per write in log/YYYY-MM.jsonl. Lines are appended
//! by the store's transactions (see `txn`); readers skip a line that does not parse (a write cut
//! off by a crash), and `secretariat check` reports and repairs it.

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Problem;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub user: String,
    /// "cases/S-2026-014" or "workspace".
    pub record: String,
    pub revision: u64,
    pub summary: String,
}

/// Reads every entry of every month, oldest first (for history views and tests).
pub fn read_all(root: &Path) -> Vec<AuditEntry> {
    log_files(root)
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok())
        .flat_map(|s| {
            s.lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn log_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = fs::read_dir(root.join("log"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
}

/// Validates every line of every log file. A cut-off last line (no newline at the end, not valid
/// JSON: a write interrupted by a crash or a full disk) is removed when `repair` is set, and
/// reported either way; any other bad line is reported with its line number.
pub fn check_log(root: &Path, repair: bool) -> Vec<Problem> {
    let mut out = vec![];
    for path in log_files(root) {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                out.push(Problem {
                    path: rel,
                    line: 0,
                    column: 0,
                    message: format!("cannot read: {e}"),
                    skipped: false,
                });
                continue;
            }
        };
        let torn_at = (!bytes.is_empty() && !bytes.ends_with(b"\n"))
            .then(|| bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1));
        let mut start = 0;
        for (n, line) in bytes.split(|b| *b == b'\n').enumerate() {
            let at = start;
            start += line.len() + 1;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let Err(e) = serde_json::from_slice::<AuditEntry>(line) else {
                continue;
            };
            if Some(at) == torn_at {
                let fragment: String = String::from_utf8_lossy(line).chars().take(60).collect();
                let repaired = repair
                    && OpenOptions::new()
                        .write(true)
                        .open(&path)
                        .and_then(|f| f.set_len(at as u64).and_then(|()| f.sync_data()))
                        .is_ok();
                out.push(Problem {
                    path: rel.clone(),
                    line: n + 1,
                    column: 1,
                    message: format!(
                        "the last line was cut off (a write interrupted by a crash or a full disk): {fragment:?}{}",
                        if repaired {
                            "; removed"
                        } else {
                            "; run `secretariat check` with write access to remove it"
                        }
                    ),
                    skipped: repaired,
                });
            } else {
                out.push(Problem {
                    path: rel.clone(),
                    line: n + 1,
                    column: e.column().max(1),
                    message: format!("not an audit entry: {e}"),
                    skipped: false,
                });
            }
        }
    }
    out
}
