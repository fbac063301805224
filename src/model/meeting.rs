//! A meeting of a forum: its agenda (ordered items), attendance and minutes.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::case::Attachment;
use super::decision::ActionItem;
use super::meta::{Extra, RecordKind, Stamp, schema_version};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MeetingState {
    #[default]
    Draft,
    /// The agenda has been dispatched.
    Sent,
    Held,
    /// The minutes are approved and locked.
    Approved,
}

/// Til beslutning / til drøftelse / til orientering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    #[default]
    Decision,
    Discussion,
    Information,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub title: String,
    pub kind: ItemKind,
    /// The case this item presents, if any.
    #[serde(default)]
    pub case: Option<String>,
    #[serde(default)]
    pub presenter: String,
    #[serde(default)]
    pub minutes_allotted: u32,
    /// Indstilling.
    #[serde(default)]
    pub recommendation: String,
    /// Sagsfremstilling.
    #[serde(default)]
    pub background: String,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// Lukket punkt: left out of public exports.
    #[serde(default)]
    pub closed: bool,
    /// A standard item that lists the open action items.
    #[serde(default)]
    pub follow_up: bool,
    /// The minutes of this item.
    #[serde(default)]
    pub minutes: ItemMinutes,
    #[serde(flatten)]
    pub extra: Extra,
}

impl AgendaItem {
    pub fn new(title: &str, kind: ItemKind) -> AgendaItem {
        AgendaItem {
            title: title.into(),
            kind,
            case: None,
            presenter: String::new(),
            minutes_allotted: 0,
            recommendation: String::new(),
            background: String::new(),
            attachments: vec![],
            closed: false,
            follow_up: false,
            minutes: ItemMinutes::default(),
            extra: Extra::new(),
        }
    }
}

/// What was decided under one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ItemMinutes {
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceKind {
    #[default]
    Present,
    Absent,
    Substitute,
}

/// Attendance of one member authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Attendance {
    pub authority: String,
    /// The id of the forum member ([`super::Member::id`]); empty for a guest.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub member: String,
    pub kind: AttendanceKind,
    /// The substitute's name, or the representative's when present.
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    /// e.g. "2026-12-03-psg"
    pub id: String,
    #[serde(default)]
    pub revision: u64,
    #[serde(default)]
    pub created: Stamp,
    #[serde(default)]
    pub updated: Stamp,
    pub forum: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub start: Option<NaiveTime>,
    #[serde(default)]
    pub end: Option<NaiveTime>,
    #[serde(default)]
    pub place: String,
    pub state: MeetingState,
    /// 1 for the first dispatched agenda; a change after dispatch makes version 2 ("Revideret dagsorden").
    #[serde(default = "one")]
    pub agenda_version: u32,
    /// What changed in the latest revision.
    #[serde(default)]
    pub revision_note: String,
    #[serde(default)]
    pub sent_date: Option<NaiveDate>,
    #[serde(default)]
    pub items: Vec<AgendaItem>,
    #[serde(default)]
    pub attendance: Vec<Attendance>,
    /// Reasons the minutes were reopened after approval.
    #[serde(default)]
    pub reopened: Vec<super::case::HistoryEntry>,
    /// Journal number (j.nr.), printed on the agenda and minutes when set.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub journal: String,
    /// Who chairs the meeting (formand), by name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub chair: String,
    /// Who takes the minutes (referent), by name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub secretary: String,
    /// When the minutes were approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_date: Option<NaiveDate>,
    /// The agendas and minutes sent by e-mail, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dispatches: Vec<super::dispatch::Dispatch>,
    #[serde(flatten)]
    pub extra: Extra,
}

fn one() -> u32 {
    1
}

crate::impl_record!(Meeting, RecordKind::Meeting, meetings, |m| format!(
    "{} {}",
    m.forum, m.date
));

impl Meeting {
    pub fn new(id: &str, forum: &str, date: NaiveDate) -> Meeting {
        Meeting {
            schema_version: schema_version(),
            id: id.into(),
            revision: 0,
            created: Stamp::default(),
            updated: Stamp::default(),
            forum: forum.into(),
            date,
            start: None,
            end: None,
            place: String::new(),
            state: MeetingState::Draft,
            agenda_version: 1,
            revision_note: String::new(),
            sent_date: None,
            items: vec![],
            attendance: vec![],
            reopened: vec![],
            journal: String::new(),
            chair: String::new(),
            secretary: String::new(),
            approved_date: None,
            dispatches: vec![],
            extra: Extra::new(),
        }
    }
}
