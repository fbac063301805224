//! Errors of the store, each with a message a secretariat member can act on.

use std::path::PathBuf;

use crate::model::RecordKind;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {}", explain(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: cannot write the audit log: {}; nothing was changed{}",
        explain(source),
        if source.kind() == std::io::ErrorKind::PermissionDenied {
            " (in a shared workspace the folders must belong to a common group, group-writable and setgid, or everyone must use umask 002: see the README, \"Working in a shared workspace\")"
        } else {
            ""
        }
    )]
    Log {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: will not write an export there: {why}")]
    UnsafeOutput { path: PathBuf, why: String },
    #[error(
        "the change was decided but could not be completed ({message}); it will be completed the next time secretariat opens the workspace"
    )]
    Unfinished { message: String },
    #[error(
        "the {} {id} has revision {revision}, which cannot be counted further; run `secretariat check`",
        kind.noun()
    )]
    RevisionOverflow {
        kind: RecordKind,
        id: String,
        revision: u64,
    },
    #[error(
        "{dir} is not a workspace (no workspace.json); create one with `secretariat init {dir}` or choose another with -w"
    )]
    NotAWorkspace { dir: PathBuf },
    #[error("{dir} already holds a workspace (workspace.json); choose an empty folder")]
    AlreadyAWorkspace { dir: PathBuf },
    #[error(
        "the {} {id} was changed by {by} (revision {theirs}) after you opened it (revision {ours}); reload it and make your change again",
        kind.noun()
    )]
    Conflict {
        kind: RecordKind,
        id: String,
        ours: u64,
        theirs: u64,
        by: String,
    },
    #[error("the {} {id} was deleted by someone else after you opened it", kind.noun())]
    Deleted { kind: RecordKind, id: String },
    #[error("a {} with the id {id} already exists", kind.noun())]
    Exists { kind: RecordKind, id: String },
    #[error("cannot save: {0}")]
    InvalidId(#[from] crate::model::IdError),
    #[error("{path}: cannot read the file on disk to check its revision: {message}")]
    Unreadable { path: PathBuf, message: String },
    #[error("cannot write {what} as JSON: {source}")]
    Serialize {
        what: String,
        #[source]
        source: serde_json::Error,
    },
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
    pub(crate) fn log(path: impl Into<PathBuf>, source: std::io::Error) -> StoreError {
        StoreError::Log {
            path: path.into(),
            source,
        }
    }
}

/// An I/O error in words a secretariat member can act on (the path is said once, by the caller).
fn explain(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::StorageFull => "the disk is full (free some space and try again)".into(),
        ErrorKind::PermissionDenied => {
            "permission denied (it belongs to another user or is read-only)".into()
        }
        ErrorKind::ReadOnlyFilesystem => "the disk is mounted read-only".into(),
        ErrorKind::QuotaExceeded => "your disk quota is used up".into(),
        _ => e.to_string(),
    }
}
