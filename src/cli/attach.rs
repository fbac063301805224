//! `secretariat attach CASE FILE` and `secretariat attach MEETING ITEM FILE`: copy a file into the
//! workspace's `bilag/<owner>/` and add it as a bilag to the case or agenda item.

use std::path::Path;

use crate::model::Language;
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
        [meeting, item, file] => {
            let n: usize = item.trim().trim_end_matches('.').parse().map_err(|_| {
                format!(
                    "the item {item:?} is not a number; give the item's number as printed on the agenda (e.g. 5)"
                )
            })?;
            if n == 0 {
                return Err("items are numbered from 1, as on the agenda".into());
            }
            (Owner::Item(meeting.clone(), n - 1), file)
        }
        _ => {
            return Err(
                "use `attach CASE FILE` or `attach MEETING ITEM FILE` (ITEM as printed on the agenda)"
                    .into(),
            );
        }
    };
    // Check the record first, so that nothing is copied for a refused attach.
    let probe = crate::model::Attachment::new(title.unwrap_or("bilag"), "bilag/probe");
    bilag::add(&ws, &owner, probe).map_err(|e| e.message(ws.settings.language))?;

    let a = files::copy_in(store.root(), owner.folder(), Path::new(file), title)
        .map_err(|e| e.to_string())?;
    let path = a.path.clone();
    let saved =
        match bilag::add(&ws, &owner, a.clone()).map_err(|e| e.message(ws.settings.language)) {
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
            Ok(0)
        }
        Err(e) => {
            files::remove_copy(store.root(), &a);
            Err(e)
        }
    }
}
