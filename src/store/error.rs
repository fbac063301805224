//! Errors of the store, each with a message a secretariat member can act on.

use std::path::PathBuf;

use crate::model::RecordKind;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
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
}
