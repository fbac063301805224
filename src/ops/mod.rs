//! Domain operations: what the secretariat does to the workspace (put a case on an agenda, approve
//! minutes, conclude a consultation, ...), as pure functions from the workspace to the records to
//! write. The TUI and the CLI hand the result to `Store::apply`, so a multi-record step is checked
//! for conflicts as a whole and undone as a whole.

pub mod bilag;
pub mod case;
pub mod consultation;
pub mod decision;
pub mod meeting;

use crate::model::{HistoryEntry, Language, Stamp};

/// Why an operation cannot be done, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct OpError(pub String);

impl OpError {
    pub fn new(lang: Language, da: &str, en: &str) -> OpError {
        OpError(match lang {
            Language::Da => da.to_string(),
            Language::En => en.to_string(),
        })
    }
}

/// A history line in the workspace's language.
pub(crate) fn history(now: &Stamp, lang: Language, da: String, en: String) -> HistoryEntry {
    HistoryEntry {
        at: now.clone(),
        text: if lang == Language::Da { da } else { en },
    }
}
