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
        return Err("--demo is not available yet".into());
    }
    Store::init(dir, &mut settings).map_err(|e| e.to_string())?;
    println!("Created a workspace in {}", dir.display());
    Ok(0)
}
