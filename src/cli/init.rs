//! `secretariat init DIR [--demo]`: a new workspace, optionally with the demo content.

use std::path::Path;

use crate::model::{Language, Settings, Workspace};
use crate::store::Store;

pub fn run(dir: &Path, demo: bool, lang: Option<Language>) -> Result<i32, String> {
    let mut settings = Settings {
        name: dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("Sekretariat")
            .to_string(),
        language: lang.unwrap_or_default(),
        ..Settings::default()
    };
    if demo {
        let ws = crate::demo::demo_workspace();
        settings = ws.settings.clone();
        if let Some(l) = lang {
            settings.language = l;
        }
        let store = Store::init(dir, &mut settings).map_err(|e| e.to_string())?;
        seed_all(&store, &ws).map_err(|e| e.to_string())?;
        println!("Created the demo workspace in {}", dir.display());
        return Ok(0);
    }
    Store::init(dir, &mut settings).map_err(|e| e.to_string())?;
    println!("Created a workspace in {}", dir.display());
    Ok(0)
}

/// Writes every record of a prepared workspace into a new one.
fn seed_all(store: &Store, ws: &Workspace) -> Result<(), crate::store::StoreError> {
    ws.forums.iter().try_for_each(|r| store.seed(r))?;
    ws.initiatives.iter().try_for_each(|r| store.seed(r))?;
    ws.cases.iter().try_for_each(|r| store.seed(r))?;
    ws.meetings.iter().try_for_each(|r| store.seed(r))?;
    ws.consultations.iter().try_for_each(|r| store.seed(r))?;
    ws.decisions.iter().try_for_each(|r| store.seed(r))
}
