//! `secretariat init DIR [--demo]`: a new workspace, optionally with the demo content.

use std::path::Path;

use crate::model::{Language, Settings};
use crate::store::Store;

/// `first_forum`: Some(true) starts with the Porteføljestyregruppen template, Some(false) without
/// a forum; None asks when standard input is a terminal (and starts without one otherwise).
pub fn run(
    dir: &Path,
    demo: bool,
    first_forum: Option<bool>,
    today: Option<chrono::NaiveDate>,
    lang: Option<Language>,
) -> Result<i32, String> {
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
        let mut ws = crate::demo::demo_workspace();
        // Dates relative to today: an upcoming meeting, a consultation awaiting replies.
        let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
        crate::demo_shift::shift_to(&mut ws, today)?;
        settings = ws.settings.clone();
        if let Some(l) = lang {
            settings.language = l;
        }
        crate::demo::write_demo_with(dir, &ws, &mut settings).map_err(|e| e.to_string())?;
        println!("Created the demo workspace in {}", dir.display());
        return Ok(0);
    }
    let with_forum = match first_forum {
        Some(b) => b,
        None => ask_for_forum(settings.language),
    };
    let store = Store::init(dir, &mut settings).map_err(|e| e.to_string())?;
    println!("Created a workspace in {}", dir.display());
    if with_forum {
        let mut forum = crate::demo::first_forum_template();
        store.create(&mut forum).map_err(|e| e.to_string())?;
        settings.default_forum = Some(forum.id.clone());
        store
            .save_settings(&mut settings, "first forum")
            .map_err(|e| e.to_string())?;
        println!(
            "with the forum {} ({}): {} member authorities and {} standard items; fill in the representatives with F in the program",
            forum.name,
            forum.id,
            forum.members.len(),
            forum.standard_items.len()
        );
    } else {
        println!(
            "without a forum: press F in the program and T for Porteføljestyregruppen from the template, or n for a new one"
        );
    }
    Ok(0)
}

/// In a terminal: "Start with Porteføljestyregruppen as the first forum? [Y/n]". Elsewhere no.
fn ask_for_forum(lang: Language) -> bool {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return false;
    }
    let q = match lang {
        Language::Da => {
            "Start med Porteføljestyregruppen som første forum (14 medlemmer, standardpunkter, 5 arbejdsdage)? [J/n] "
        }
        Language::En => {
            "Start with Porteføljestyregruppen as the first forum (14 members, standard items, 5 working days)? [Y/n] "
        }
    };
    print!("{q}");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    !matches!(answer.trim().to_lowercase().as_str(), "n" | "nej" | "no")
}
