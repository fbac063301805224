//! The consultation's documents (letter, reminder, summary) written to files.

use super::*;

/// Writes the letter, reminder or summary as md, html and txt to out/ and shows the paths.
pub(super) fn write_doc(app: &mut App, kind: DocKind) {
    let Some(c) = current(app) else { return };
    let missing: Vec<String> = app
        .ws
        .forum(&c.forum)
        .map(|f| outstanding(&c, f).into_iter().map(String::from).collect())
        .unwrap_or_default();
    if kind == DocKind::Reminder {
        if c.state == ConsultationState::Concluded {
            still_open(app, &c);
            return;
        }
        if missing.is_empty() {
            app.flash(
                app.t(
                    "Alle medlemmer har svaret; der er ingen at rykke.",
                    "Every member has replied; there is nobody to remind.",
                ),
                Tone::Info,
            );
            return;
        }
    }
    match write_files(app, kind, &c.id) {
        Ok(paths) => {
            let root = app.store.root().to_path_buf();
            let mut text: Vec<String> = paths
                .iter()
                .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
                .collect();
            let (title, note) = match kind {
                DocKind::Letter => (
                    app.t("Høringsbrev skrevet", "Letter written"),
                    String::new(),
                ),
                DocKind::Reminder => (
                    app.t("Rykker skrevet", "Reminder written"),
                    format!(
                        "{} ({}): {}",
                        app.t(
                            "Til dem, der ikke har svaret",
                            "To those who have not replied"
                        ),
                        missing.len(),
                        missing.join(", ")
                    ),
                ),
                _ => (
                    app.t("Høringsnotat skrevet", "Summary written"),
                    if c.state == ConsultationState::Concluded {
                        String::new()
                    } else {
                        app.t(
                            "Høringen er ikke afsluttet; notatet er foreløbigt.",
                            "The consultation is not concluded; the summary is provisional.",
                        )
                        .to_string()
                    },
                ),
            };
            text.insert(
                0,
                format!("{} {}:", app.t("I mappen", "In the folder"), root.display()),
            );
            if !note.is_empty() {
                text.push(String::new());
                text.push(note);
            }
            app.message_box(title, text.join("\n"));
        }
        Err(e) => app.flash(
            format!(
                "{}: {e}",
                app.t("Kunne ikke skrive filen", "Could not write the file")
            ),
            Tone::Error,
        ),
    }
}

/// The export as md, html and txt under out/, in the workspace's language (the language of its
/// content, whatever the UI's), dated today.
pub fn write_files(app: &App, kind: DocKind, id: &str) -> Result<Vec<PathBuf>, String> {
    let opts = Options {
        today: Some(app.today),
        ..Options::default()
    };
    // And the PDF, for sending and for the case system.
    let formats = [Format::Md, Format::Html, Format::Txt, Format::Pdf];
    export::output::write_formats(&app.store, &app.ws, kind, id, &formats, &opts)
        .into_iter()
        .map(|(_, r)| r)
        .collect()
}

// ----- forms submitted, confirmations, pickers -----
