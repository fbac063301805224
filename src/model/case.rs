//! A case ("sag") brought before a forum: what it is about, the recommendation, and where it stands.

use serde::{Deserialize, Serialize};

use super::meta::{Extra, RecordKind, Stamp, schema_version};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// Status on a deviating initiative.
    #[default]
    DeviationStatus,
    /// Udmøntningssag.
    Disbursement,
    /// Afslutningsrapport.
    ClosingReport,
    /// Mer- og mindreforbrug.
    OverUnderspend,
    /// Principielt spørgsmål.
    PrincipalQuestion,
    Other,
}

impl CaseKind {
    pub const ALL: [CaseKind; 6] = [
        CaseKind::DeviationStatus,
        CaseKind::Disbursement,
        CaseKind::ClosingReport,
        CaseKind::OverUnderspend,
        CaseKind::PrincipalQuestion,
        CaseKind::Other,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    #[default]
    Draft,
    Ready,
    OnAgenda,
    InConsultation,
    Decided,
    Closed,
}

impl CaseState {
    pub const ALL: [CaseState; 6] = [
        CaseState::Draft,
        CaseState::Ready,
        CaseState::OnAgenda,
        CaseState::InConsultation,
        CaseState::Decided,
        CaseState::Closed,
    ];
    /// Open cases still need the secretariat's work.
    pub fn is_open(self) -> bool {
        !matches!(self, CaseState::Decided | CaseState::Closed)
    }
}

/// An attachment ("bilag"): a file in the workspace and its title.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub title: String,
    /// Path relative to the workspace (e.g. "bilag/S-2026-014/statusrapport.pdf"); it must stay
    /// inside the workspace.
    #[serde(default)]
    pub path: String,
    /// The file's size in bytes when it was attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// The file's SHA-256 (lowercase hex) when it was attached; `check` reports a file that changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

impl Attachment {
    /// A bilag with a title and path, its size and hash not (yet) recorded.
    pub fn new(title: &str, path: &str) -> Attachment {
        Attachment {
            title: title.into(),
            path: path.into(),
            size: None,
            sha256: None,
        }
    }
}

/// One step in a case's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: Stamp,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    /// e.g. "S-2026-014"
    pub id: String,
    #[serde(default)]
    pub revision: u64,
    #[serde(default)]
    pub created: Stamp,
    #[serde(default)]
    pub updated: Stamp,
    pub kind: CaseKind,
    pub title: String,
    /// The forum the case currently stands before.
    #[serde(default)]
    pub forum: Option<String>,
    #[serde(default)]
    pub initiative: Option<String>,
    /// Sagsfremstilling.
    #[serde(default)]
    pub background: String,
    /// Indstilling.
    #[serde(default)]
    pub recommendation: String,
    /// Bilag.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    pub state: CaseState,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    #[serde(flatten)]
    pub extra: Extra,
}

crate::impl_record!(Case, RecordKind::Case, cases, |c| format!(
    "{} {}",
    c.id, c.title
));

impl Case {
    pub fn new(id: &str, kind: CaseKind, title: &str) -> Case {
        Case {
            schema_version: schema_version(),
            id: id.into(),
            revision: 0,
            created: Stamp::default(),
            updated: Stamp::default(),
            kind,
            title: title.into(),
            forum: None,
            initiative: None,
            background: String::new(),
            recommendation: String::new(),
            attachments: vec![],
            state: CaseState::Draft,
            history: vec![],
            extra: Extra::new(),
        }
    }
}
