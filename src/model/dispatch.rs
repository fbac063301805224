//! What was sent to whom by e-mail, and which replies were read back in: kept on the meeting or
//! consultation the mail was about. Written by `crate::mail`; shown by the pages and exports.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::consultation::ReplyKind;

/// Which document went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DispatchKind {
    /// Dagsorden (a meeting).
    Agenda,
    /// Beslutningsreferat (a meeting).
    Minutes,
    /// Høringsbrev (a consultation).
    Letter,
    /// Rykker (a consultation).
    Reminder,
}

/// Whether the server took the message for one recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// The server accepted the message.
    Sent,
    /// The server refused it or could not be reached; `send ... --retry` tries again.
    Failed,
}

/// One recipient of one dispatch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispatchRecipient {
    pub authority: String,
    #[serde(default)]
    pub name: String,
    pub email: String,
    pub status: DeliveryStatus,
    /// When the server accepted (or last refused) the message.
    pub at: DateTime<Utc>,
    /// The Message-ID of the accepted message, e.g. "<...@digst.dk>".
    #[serde(default)]
    pub message_id: String,
    /// The copy kept in the workspace: "sent/2026-12-03-psg/20261201T060000Z-x@y.dk.eml".
    #[serde(default)]
    pub file: String,
    /// Why it failed, in the server's words.
    #[serde(default)]
    pub error: String,
}

/// One sending of a document to the forum's members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispatch {
    pub kind: DispatchKind,
    /// When the sending started.
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub by: String,
    /// The subject every message carried.
    #[serde(default)]
    pub subject: String,
    /// The agenda version sent (agendas only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_version: Option<u32>,
    pub recipients: Vec<DispatchRecipient>,
}

impl Dispatch {
    /// The recipients the server has not accepted yet.
    pub fn failed(&self) -> impl Iterator<Item = &DispatchRecipient> {
        self.recipients
            .iter()
            .filter(|r| r.status == DeliveryStatus::Failed)
    }
    /// How many recipients the server accepted.
    pub fn sent_count(&self) -> usize {
        self.recipients
            .iter()
            .filter(|r| r.status == DeliveryStatus::Sent)
            .count()
    }
}

/// A reply read back in from an e-mail (`secretariat receive`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedMail {
    pub authority: String,
    /// The sender's address.
    pub from: String,
    #[serde(default)]
    pub message_id: String,
    #[serde(default)]
    pub subject: String,
    pub received: NaiveDate,
    pub kind: ReplyKind,
    /// The mail's attachments, saved as bilag under bilag/<consultation>/.
    #[serde(default)]
    pub attachments: Vec<ReceivedFile>,
}

/// An attachment of a received mail, saved in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedFile {
    /// The file name the sender gave it.
    pub title: String,
    /// Path relative to the workspace: "bilag/H-2026-02/finansministeriet-...pdf".
    pub path: String,
}
