//! E-mail: agendas, minutes, consultation letters and reminders sent to a forum's members (one
//! message per recipient, through the organisation's SMTP server or the local sendmail), and
//! replies read back in from .eml files and Maildirs. Knows nothing of the terminal: the CLI and
//! the TUI call [`compose::plan`], [`send::send`] and [`receive`], and show what they return.
//!
//! A record is marked sent only for the recipients whose message the server accepted; each
//! accepted message is kept as `sent/<record>/<timestamp>-<recipient>.eml` and written to the
//! record through `Store::apply` (one audit line per message).

pub mod compose;
pub mod receive;
pub mod send;
pub mod settings;

pub use compose::{MailAttachment, Plan, Recipient, attachment_for, plan};
pub use send::{Mode, Progress, SendReport, send};
pub use settings::{MailSettings, Transport, checked};

/// Addresses that cannot be used: the `mail` settings (when present) and every member's e-mail
/// that is filled in but not valid, each as "where: what is wrong" (for `secretariat check`).
pub fn problems(ws: &crate::model::Workspace) -> Vec<String> {
    let mut out = vec![];
    match MailSettings::of(&ws.settings) {
        Ok(Some(m)) => {
            if let Err(e) = m.check() {
                out.push(e.to_string());
            }
        }
        Ok(None) => {}
        Err(e) => out.push(e.to_string()),
    }
    for f in &ws.forums {
        for (n, m) in f.members.iter().enumerate() {
            if !m.email.trim().is_empty()
                && let Err(e) = settings::check_address(
                    &m.email,
                    &format!("forums/{}.json: member {} ({})", f.id, n + 1, m.authority),
                )
            {
                out.push(e.to_string());
            }
        }
    }
    out
}

/// Why mail could not be composed, sent or read, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    /// The `mail` object of workspace.json is missing or wrong.
    #[error("{0}")]
    Settings(String),
    /// An e-mail address is not valid.
    #[error("{0}")]
    Address(String),
    /// The record cannot be sent (unknown, wrong state, nobody to send to, ...).
    #[error("{0}")]
    Record(String),
    /// A file could not be read or written.
    #[error("{0}")]
    Io(String),
    /// The message could not be built.
    #[error("cannot build the message: {0}")]
    Build(String),
    /// Writing to the workspace failed.
    #[error("{0}")]
    Store(String),
}

impl From<crate::store::StoreError> for MailError {
    fn from(e: crate::store::StoreError) -> MailError {
        MailError::Store(e.to_string())
    }
}
