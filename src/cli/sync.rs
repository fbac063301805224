//! `secretariat sync init [REMOTE]`, `secretariat sync` and the hidden `merge-driver` git calls.

use std::path::Path;

use clap::Subcommand;

use crate::store::Store;
use crate::sync::driver;

#[derive(Subcommand, Debug)]
pub enum Action {
    /// Make the workspace a git repository (or adopt the one it is in), set up the merge rules
    /// and make the first commit; with REMOTE, share it there (e.g. ssh://server/srv/psg.git).
    Init { remote: Option<String> },
    /// Commit, fetch, merge and push (the same as `sync` alone).
    Now,
    /// The conflict records kept by merges, until resolved.
    Conflicts,
}

pub fn run(store: &Store, action: Option<Action>) -> Result<i32, String> {
    let _ = store;
    match action {
        _ => Err("not yet".into()),
    }
}

/// `secretariat merge-driver %O %A %B %P`, run by git in the top folder of the repository.
pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path, path: &Path) -> Result<i32, String> {
    let root =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let out = driver::run(&root, base, ours, theirs, path)?;
    if let Some(rec) = out.conflict_record {
        let fields: Vec<&str> = out.conflicts.iter().map(|c| c.path.as_str()).collect();
        eprintln!(
            "secretariat: {}: changed on both sides ({}); the other version is kept in {}",
            path.display(),
            fields.join(", "),
            rec.display()
        );
    }
    Ok(0)
}
