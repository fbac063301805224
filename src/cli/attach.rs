//! `secretariat attach CASE FILE` and `secretariat attach MEETING ITEM FILE`: copy a file into the
//! workspace's `bilag/<owner>/` and add it as a bilag to the case or agenda item.

use std::path::Path;

use crate::model::{Attachment, Language, Workspace};
use crate::ops::bilag::{self, Changed, Owner};
use crate::store::Store;
use crate::store::bilag as files;

pub fn run(
    store: &Store,
    lang: Option<Language>,
    args: &[String],
    title: Option<&str>,
) -> Result<i32, String> {
    let loaded = store.load();
    let mut ws = loaded.workspace;
    if let Some(l) = lang {
        ws.settings.language = l;
    }
    let (owner, file) = match args {
        [case, file] => (Owner::Case(case.clone()), file),
        [meeting, item, file] => (item_owner(meeting, item)?, file),
        _ => {
            return Err(
                "use `attach CASE FILE` or `attach MEETING ITEM FILE` (ITEM as printed on the agenda)"
                    .into(),
            );
        }
    };
    // Check the record first, so that nothing is copied for a refused attach.
    check(&ws, &owner, title)?;
    let a = files::copy_in(store.root(), owner.folder(), Path::new(file), title)
        .map_err(|e| e.to_string())?;
    record(store, &ws, &owner, a)?;
    Ok(0)
}

/// Whether a bilag may be added to `owner` (the meeting exists, its agenda is not locked, ...).
pub fn check(ws: &Workspace, owner: &Owner, title: Option<&str>) -> Result<(), String> {
    let probe = crate::model::Attachment::new(title.unwrap_or("bilag"), "bilag/probe");
    bilag::add(ws, owner, probe)
        .map(|_| ())
        .map_err(|e| e.message(ws.settings.language))
}

/// Records the bilag whose file is already in the workspace (from `store::bilag::copy_in` or
/// `store_bytes`) on its owner and saves the record; prints its path, and says when the change makes a
/// revised agenda. Removes the file again if recording fails.
pub fn record(store: &Store, ws: &Workspace, owner: &Owner, a: Attachment) -> Result<(), String> {
    let path = a.path.clone();
    let saved = match bilag::add(ws, owner, a.clone()).map_err(|e| e.message(ws.settings.language))
    {
        Ok(Changed::Case(mut c)) => store
            .save(&mut c, &format!("bilag added: {}", a.title))
            .map(|_| None)
            .map_err(|e| e.to_string()),
        Ok(Changed::Meeting(mut m, revised)) => store
            .save(&mut m, &format!("bilag added: {}", a.title))
            .map(|_| revised.then_some(m.agenda_version))
            .map_err(|e| e.to_string()),
        Err(e) => Err(e),
    };
    match saved {
        Ok(revised) => {
            println!("{path}");
            if let Some(v) = revised {
                eprintln!(
                    "secretariat: the agenda had been dispatched; this change makes a revised agenda (version {v}) that must be dispatched again"
                );
            }
            Ok(())
        }
        Err(e) => {
            files::remove_copy(store.root(), &a);
            Err(e)
        }
    }
}

/// A meeting and an item number as printed on the agenda ("5" or "5.") as the bilag's owner.
pub fn item_owner(meeting: &str, item: &str) -> Result<Owner, String> {
    let n: usize = item.trim().trim_end_matches('.').parse().map_err(|_| {
        format!(
            "the item {item:?} is not a number; give the item's number as printed on the agenda (e.g. 5)"
        )
    })?;
    if n == 0 {
        return Err("items are numbered from 1, as on the agenda".into());
    }
    Ok(Owner::Item(meeting.to_string(), n - 1))
}
