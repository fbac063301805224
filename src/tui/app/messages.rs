//! What the program says and asks: the status-line message, confirmations, message boxes and
//! previews, pickers, forms opened, and the notices about drafts kept at quitting.

use super::{App, Tone};
use crate::model::Language;
use crate::tui::form::{Form, FormSnapshot};
use crate::tui::intent::{AppIntent, Intent};
use crate::tui::popup::{Picker, PickerItem, Popup};

impl App {
    pub fn flash(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some((text.into(), tone));
    }

    pub fn confirm(&mut self, text: &str, then: Intent) {
        self.popups.push(Popup::Confirm {
            text: text.to_string(),
            then,
        });
    }

    pub fn message_box(&mut self, title: &str, text: String) {
        self.popups.push(Popup::Message {
            title: title.to_string(),
            text,
            scroll: 0,
            then: None,
        });
    }

    /// A long text that asks a question: it scrolls, Enter answers yes (`then`), Esc closes.
    pub fn preview_box(&mut self, title: &str, text: String, then: Intent) {
        self.popups.push(Popup::Message {
            title: title.to_string(),
            text,
            scroll: 0,
            then: Some(then),
        });
    }

    pub fn open_form(&mut self, mut f: Form) {
        if f.base.is_empty() {
            f.base = self.base_revisions(&f.intent.records());
        }
        self.popups.push(Popup::Form(f));
    }

    /// A picker over `items`; the choice goes to the screen's `picked` with `then`.
    pub fn pick(&mut self, title: &str, items: Vec<PickerItem>, then: Intent) {
        self.popups
            .push(Popup::Picker(Picker::new(title, items, then)));
    }

    /// Closes the topmost form.
    pub(crate) fn close_form(&mut self) {
        if let Some(i) = self
            .popups
            .iter()
            .rposition(|p| matches!(p, Popup::Form(_)))
        {
            self.popups.remove(i);
        }
    }

    /// When the draft of an open form could not be kept at quitting: stay, and ask.
    pub fn draft_not_kept(&mut self, why: &str) {
        self.quit = false;
        let text = match self.lang {
            Language::Da => format!(
                "Formularen kunne ikke gemmes som kladde ({why}). Afslut alligevel, og mist det indtastede? (j/n)"
            ),
            Language::En => format!(
                "The form could not be kept as a draft ({why}). Quit anyway and lose what you typed? (y/n)"
            ),
        };
        self.confirm(&text, Intent::App(AppIntent::QuitAnyway));
    }

    /// Offers a recovered form (from a dropped connection) back.
    pub fn offer_recovery(&mut self, snap: FormSnapshot) {
        self.popups.push(Popup::Recover(snap));
    }

    /// Says that the kept draft form could not be read (and where the file is kept).
    pub fn recovery_unreadable(&mut self, kept: &std::path::Path, why: &str) {
        let text = match self.lang {
            Language::Da => format!(
                "En formular gemt som kladde ved en tidligere afslutning kunne ikke læses, \
                 sandsynligvis fordi en ældre version af programmet gemte den.\n\n\
                 Fejl: {why}\n\n\
                 Intet er slettet: filen ligger i {}; det indtastede kan kopieres derfra.",
                kept.display()
            ),
            Language::En => format!(
                "A form kept as a draft when the program last stopped could not be read, \
                 probably because an older version of the program kept it.\n\n\
                 Error: {why}\n\n\
                 Nothing is deleted: the file is at {}; what was typed can be copied from there.",
                kept.display()
            ),
        };
        self.message_box(
            self.t("Kladde kan ikke læses", "Draft cannot be read"),
            text,
        );
    }
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
