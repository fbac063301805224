//! What every stored record carries: schema version, id, revision, who created and last changed it,
//! and any fields this version of the program does not know (kept, never lost on a rewrite).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The schema version this program writes.
pub const SCHEMA_VERSION: u32 = 2;

/// Fields the program does not know, kept as they were read.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// When and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub at: DateTime<Utc>,
    pub by: String,
}

impl Default for Stamp {
    fn default() -> Self {
        Stamp {
            at: DateTime::<Utc>::UNIX_EPOCH,
            by: String::new(),
        }
    }
}

/// The bookkeeping fields of every record, in a borrowed view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Meta {
    pub schema_version: u32,
    pub id: String,
    pub revision: u64,
    pub created: Stamp,
    pub updated: Stamp,
}

/// The kinds of record stored one file per record, with their folder names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Forum,
    Initiative,
    Case,
    Meeting,
    Consultation,
    Decision,
}

impl RecordKind {
    pub const ALL: [RecordKind; 6] = [
        RecordKind::Forum,
        RecordKind::Initiative,
        RecordKind::Case,
        RecordKind::Meeting,
        RecordKind::Consultation,
        RecordKind::Decision,
    ];
    /// The folder inside the workspace.
    pub fn folder(self) -> &'static str {
        match self {
            RecordKind::Forum => "forums",
            RecordKind::Initiative => "initiatives",
            RecordKind::Case => "cases",
            RecordKind::Meeting => "meetings",
            RecordKind::Consultation => "consultations",
            RecordKind::Decision => "decisions",
        }
    }
    /// English singular noun, for messages.
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Forum => "forum",
            RecordKind::Initiative => "initiative",
            RecordKind::Case => "case",
            RecordKind::Meeting => "meeting",
            RecordKind::Consultation => "consultation",
            RecordKind::Decision => "decision",
        }
    }
}

/// A record stored as one JSON file.
pub trait Record: Serialize + serde::de::DeserializeOwned + Clone {
    const KIND: RecordKind;
    fn id(&self) -> &str;
    fn revision(&self) -> u64;
    fn set_revision(&mut self, rev: u64);
    fn created(&self) -> &Stamp;
    fn set_created(&mut self, s: Stamp);
    fn set_updated(&mut self, s: Stamp);
    /// The schema version the record was written with.
    fn schema_version(&self) -> u32;
    fn set_schema_version(&mut self, v: u32);
    /// A short human title for messages and the audit log.
    fn title(&self) -> String;
    /// This kind's records in a workspace.
    fn all(ws: &super::Workspace) -> &Vec<Self>;
    /// This kind's records in a workspace, to change.
    fn all_mut(ws: &mut super::Workspace) -> &mut Vec<Self>;
}

/// Implements [`Record`] for a struct with the standard bookkeeping fields.
#[macro_export]
macro_rules! impl_record {
    ($t:ty, $kind:expr, $field:ident, |$s:ident| $title:expr) => {
        impl $crate::model::meta::Record for $t {
            const KIND: $crate::model::meta::RecordKind = $kind;
            fn id(&self) -> &str {
                &self.id
            }
            fn revision(&self) -> u64 {
                self.revision
            }
            fn set_revision(&mut self, rev: u64) {
                self.revision = rev;
            }
            fn created(&self) -> &$crate::model::meta::Stamp {
                &self.created
            }
            fn set_created(&mut self, s: $crate::model::meta::Stamp) {
                self.created = s;
            }
            fn set_updated(&mut self, s: $crate::model::meta::Stamp) {
                self.updated = s;
            }
            fn schema_version(&self) -> u32 {
                self.schema_version
            }
            fn set_schema_version(&mut self, v: u32) {
                self.schema_version = v;
            }
            fn title(&self) -> String {
                let $s = self;
                $title
            }
            fn all(ws: &$crate::model::Workspace) -> &Vec<Self> {
                &ws.$field
            }
            fn all_mut(ws: &mut $crate::model::Workspace) -> &mut Vec<Self> {
                &mut ws.$field
            }
        }
    };
}

pub fn schema_version() -> u32 {
    SCHEMA_VERSION
}
