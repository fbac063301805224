//! `secretariat sync init [REMOTE]`, `secretariat sync` and the hidden `merge-driver` git calls.

use std::path::Path;

use clap::Subcommand;

use crate::store::Store;
use crate::sync::{self, driver};

#[derive(Subcommand, Debug)]
pub enum Action {
    /// Make the workspace a git repository (or adopt the one it is in), set up the merge rules
    /// and make the first commit; with REMOTE, share it there (e.g. ssh://server/srv/psg.git).
    Init { remote: Option<String> },
    /// Commit, fetch, merge and push (the same as `sync` alone).
    Now,
    /// The conflict records kept by merges, until resolved.
    Conflicts,
    /// Settle a conflict record: keep the record as merged, or take the other version over it.
    Resolve {
        /// The conflict record's file (as `sync conflicts` lists it).
        file: String,
        #[arg(value_enum)]
        keep: Keep,
    },
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Keep {
    /// The record as merged stays; the conflict record is deleted.
    Record,
    /// The other version replaces the record (a new revision); the conflict record is deleted.
    Other,
    /// Both stay: the other version becomes a new record (a copy with an id of its own); the
    /// conflict record is deleted.
    Copy,
}

/// Exit code of a sync that committed locally but could not reach the remote.
pub const EXIT_OFFLINE: i32 = 3;

pub fn run(store: &Store, action: Option<Action>) -> Result<i32, String> {
    match action {
        Some(Action::Init { remote }) => init(store, remote.as_deref()),
        None | Some(Action::Now) => sync_now(store),
        Some(Action::Resolve { file, keep }) => {
            let how = match keep {
                Keep::Record => sync::Settle::KeepRecord,
                Keep::Other => sync::Settle::TakeOther,
                Keep::Copy => sync::Settle::KeepBothAsCopy,
            };
            let record = sync::settle(store, &file, how)?;
            match keep {
                Keep::Record => println!("{record}: kept as it is; the other version is deleted"),
                Keep::Other => println!("{record}: the other version is now the record"),
                Keep::Copy => println!("the other version is kept as the new record {record}"),
            }
            println!("the next `secretariat sync` shares this");
            Ok(0)
        }
        Some(Action::Conflicts) => {
            let list = driver::list_conflicts(store.root());
            print_conflicts(&list);
            if list.is_empty() {
                println!("no conflict records");
            }
            Ok(0)
        }
    }
}

fn init(store: &Store, remote: Option<&str>) -> Result<i32, String> {
    let r = sync::init(store, remote).map_err(|e| e.to_string())?;
    if r.created_repository {
        println!("made {} a git repository", store.root().display());
    } else {
        println!(
            "adopted the git repository {} is in",
            store.root().display()
        );
    }
    println!("merge rules in .gitattributes, ignore list in .gitignore, merge driver registered");
    match &r.committed {
        Some(m) => println!("committed: {m}"),
        None => println!("nothing to commit"),
    }
    match (&r.remote, r.pushed, &r.offline) {
        (Some(url), true, _) => println!("shared with {url}"),
        (Some(url), false, Some(why)) => {
            println!("could not reach {url}; the commits are kept here. git said: {why}");
            return Ok(EXIT_OFFLINE);
        }
        (Some(url), false, None) => println!("remote {url}"),
        (None, _, _) => println!("no remote yet: add one with `secretariat sync init URL`"),
    }
    Ok(0)
}

fn sync_now(store: &Store) -> Result<i32, String> {
    let r = sync::sync(store).map_err(|e| e.to_string())?;
    if r.resumed_merge {
        println!("finished the merge an earlier sync left unfinished");
    }
    match &r.committed {
        Some(m) => println!("committed: {m}"),
        None => println!("no local changes"),
    }
    if !r.incoming.is_empty() {
        println!(
            "came in: {} record{} changed by {}",
            r.incoming.len(),
            if r.incoming.len() == 1 { "" } else { "s" },
            if r.incoming_by.is_empty() {
                "?".to_string()
            } else {
                r.incoming_by.join(", ")
            }
        );
        for i in r.incoming.iter().take(20) {
            let what = match i.status {
                'A' => "new",
                'D' => "deleted",
                _ => "changed",
            };
            println!("  {what:8} {}", i.record);
        }
        if r.incoming.len() > 20 {
            println!("  ... and {} more", r.incoming.len() - 20);
        }
    }
    for f in &r.kept_despite_delete {
        println!(
            "kept {f}: deleted on one side and changed on the other; delete it again if it should go"
        );
    }
    print_conflicts(&r.conflicts);
    if r.no_remote {
        println!(
            "committed locally; no remote to share with (add one: `secretariat sync init URL`)"
        );
        return Ok(0);
    }
    if let Some(why) = &r.offline {
        println!(
            "could not reach the remote; {} commit{} kept here, sync again later. git said: {why}",
            r.ahead,
            if r.ahead == 1 { "" } else { "s" }
        );
        return Ok(EXIT_OFFLINE);
    }
    if r.pushed {
        println!("up to date with the remote");
    }
    Ok(0)
}

fn print_conflicts(list: &[driver::ConflictRecord]) {
    if list.is_empty() {
        return;
    }
    println!(
        "{} conflict record{} (changed on both sides; the other version is kept in the file named):",
        list.len(),
        if list.len() == 1 { "" } else { "s" }
    );
    for c in list {
        println!(
            "  {}: {} -> {}",
            c.record,
            c.fields.join(", "),
            c.path.display()
        );
    }
}

/// `secretariat merge-driver %O %A %B %P`, run by git in the top folder of the repository.
pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path, path: &Path) -> Result<i32, String> {
    let root =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    // git passes its temporary files relative to the top folder; the result is written beside
    // %A through a temporary file, which needs a real folder.
    let out = driver::run(
        &root,
        &root.join(base),
        &root.join(ours),
        &root.join(theirs),
        path,
    )?;
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
