//! The decision register and action items ("opfølgningspunkter").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::meta::{Extra, RecordKind, Stamp, schema_version};

/// Where a decision was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DecisionSource {
    /// A meeting and the item's number (1-based).
    Meeting {
        meeting: String,
        item: u32,
    },
    Consultation {
        consultation: String,
    },
}

impl DecisionSource {
    /// "2026-09-10-psg#4" or "H-2026-03".
    pub fn label(&self) -> String {
        match self {
            DecisionSource::Meeting { meeting, item } => format!("{meeting}#{item}"),
            DecisionSource::Consultation { consultation } => consultation.clone(),
        }
    }
}

/// A task agreed at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ActionItem {
    pub text: String,
    #[serde(default)]
    pub owner: String,
    /// The id of the forum member that owns it, when the owner is a member ([`super::Member::id`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner_member: String,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    /// e.g. "B-2026-031"
    pub id: String,
    #[serde(default)]
    pub revision: u64,
    #[serde(default)]
    pub created: Stamp,
    #[serde(default)]
    pub updated: Stamp,
    pub date: NaiveDate,
    pub forum: String,
    pub source: DecisionSource,
    #[serde(default)]
    pub case: Option<String>,
    #[serde(default)]
    pub initiative: Option<String>,
    pub text: String,
    #[serde(flatten)]
    pub extra: Extra,
}

crate::impl_record!(Decision, RecordKind::Decision, decisions, |d| format!(
    "{} {}",
    d.id, d.date
));

impl Decision {
    pub fn new(
        id: &str,
        date: NaiveDate,
        forum: &str,
        source: DecisionSource,
        text: &str,
    ) -> Decision {
        Decision {
            schema_version: schema_version(),
            id: id.into(),
            revision: 0,
            created: Stamp::default(),
            updated: Stamp::default(),
            date,
            forum: forum.into(),
            source,
            case: None,
            initiative: None,
            text: text.into(),
            extra: Extra::new(),
        }
    }
}
