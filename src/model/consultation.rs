//! A written consultation ("skriftlig høring"): cases sent to the members with a reply deadline.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::meta::{Extra, RecordKind, Stamp, schema_version};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ConsultationState {
    #[default]
    Draft,
    /// Sent, awaiting replies.
    Sent,
    Concluded,
}

/// Tilslutning / tilslutning med bemærkninger / indsigelse / intet svar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ReplyKind {
    Consent,
    ConsentWithComments,
    Objection,
    #[default]
    NoReply,
}

/// One member authority's reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Reply {
    pub authority: String,
    /// The id of the forum member that replied ([`super::Member::id`]); empty for a non-member.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub member: String,
    pub kind: ReplyKind,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub received: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsultationOutcome {
    Adopted,
    NotAdopted,
    /// Not settled in writing: the cases go to a meeting (always an override, with a reason).
    ToMeeting,
    /// The cases go to the parent forum (always an override, with a reason).
    Escalated,
    /// The secretariat withdrew the cases (always an override, with a reason); no decision.
    Withdrawn,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consultation {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    /// e.g. "H-2026-03"
    pub id: String,
    #[serde(default)]
    pub revision: u64,
    #[serde(default)]
    pub created: Stamp,
    #[serde(default)]
    pub updated: Stamp,
    pub forum: String,
    #[serde(default)]
    pub cases: Vec<String>,
    pub subject: String,
    #[serde(default)]
    pub sent_date: Option<NaiveDate>,
    /// Svarfrist, with time of day.
    #[serde(default)]
    pub deadline: Option<NaiveDateTime>,
    #[serde(default)]
    pub replies: Vec<Reply>,
    pub state: ConsultationState,
    #[serde(default)]
    pub outcome: Option<ConsultationOutcome>,
    /// Why the secretariat overrode the computed outcome, if it did.
    #[serde(default)]
    pub override_reason: String,
    #[serde(default)]
    pub concluded_date: Option<NaiveDate>,
    /// Journal number (j.nr.), printed on the letters when set.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub journal: String,
    /// "Sekretariatets bemærkninger" in the høringsnotat.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub remarks: String,
    /// The letters and reminders sent by e-mail, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dispatches: Vec<super::dispatch::Dispatch>,
    /// Replies read back in from e-mail.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub received_mail: Vec<super::dispatch::ReceivedMail>,
    #[serde(flatten)]
    pub extra: Extra,
}

crate::impl_record!(
    Consultation,
    RecordKind::Consultation,
    consultations,
    |c| format!("{} {}", c.id, c.subject)
);

impl Consultation {
    pub fn new(id: &str, forum: &str, subject: &str) -> Consultation {
        Consultation {
            schema_version: schema_version(),
            id: id.into(),
            revision: 0,
            created: Stamp::default(),
            updated: Stamp::default(),
            forum: forum.into(),
            cases: vec![],
            subject: subject.into(),
            sent_date: None,
            deadline: None,
            replies: vec![],
            state: ConsultationState::Draft,
            outcome: None,
            override_reason: String::new(),
            concluded_date: None,
            journal: String::new(),
            remarks: String::new(),
            dispatches: vec![],
            received_mail: vec![],
            extra: Extra::new(),
        }
    }
}
