//! `secretariat init DIR [--demo]`: a new workspace, optionally with the demo content.

use std::path::Path;

use crate::model::{Language, Settings};
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
        crate::demo::write_demo_with(dir, &ws, &mut settings).map_err(|e| e.to_string())?;
        println!("Created the demo workspace in {}", dir.display());
        return Ok(0);
    }
    Store::init(dir, &mut settings).map_err(|e| e.to_string())?;
    println!("Created a workspace in {}", dir.display());
    Ok(0)
}
