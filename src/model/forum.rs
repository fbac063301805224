//! A forum: a steering group or committee with its members, secretariat, parent forum and rules.

use serde::{Deserialize, Serialize};

use super::meeting::ItemKind;
use super::meta::{Extra, RecordKind, Stamp, schema_version};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forum {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    pub id: String,
    #[serde(default)]
    pub revision: u64,
    #[serde(default)]
    pub created: Stamp,
    #[serde(default)]
    pub updated: Stamp,
    pub name: String,
    pub short_name: String,
    #[serde(default)]
    pub members: Vec<Member>,
    /// The authority that chairs the forum.
    #[serde(default)]
    pub chair: String,
    /// Who serves the forum, e.g. "Digitaliseringsstyrelsen, Kontor for styring af digitaliseringsstrategien".
    #[serde(default)]
    pub secretariat: String,
    /// The forum cases are escalated to (Porteføljestyregruppen -> STS).
    #[serde(default)]
    pub parent: Option<String>,
    /// Items every agenda starts with; "Eventuelt" is always put last.
    #[serde(default)]
    pub standard_items: Vec<StandardItem>,
    /// The agenda goes out this many working days before the meeting.
    #[serde(default = "five")]
    pub agenda_dispatch_working_days: u32,
    /// Members have this many working days to reply to a written consultation.
    #[serde(default = "five")]
    pub reply_deadline_working_days: u32,
    /// Whether a member that does not reply to a consultation is taken to consent.
    #[serde(default)]
    pub silence_is_consent: bool,
    /// The forum's own phrases for decisions ("Porteføljestyregruppen godkendte dagsordenen."),
    /// offered when the minutes are written; empty: the common ones (see [`Forum::phrases`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decision_phrases: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

fn five() -> u32 {
    5
}

/// A member authority and its representative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Member {
    /// A stable id, unique in the forum (a slug of the authority when first seen). Replies, attendance
    /// and action items refer to it, so renaming the authority keeps them. Empty in files written
    /// before schema version 2; loading fills it in (see `store::upgrade`).
    #[serde(default)]
    pub id: String,
    pub authority: String,
    #[serde(default)]
    pub representative: String,
    #[serde(default)]
    pub email: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// An item that stands on every agenda of the forum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct StandardItem {
    pub title: String,
    pub kind: ItemKind,
    #[serde(default)]
    pub minutes: u32,
    /// Put at the end of the agenda (e.g. "Eventuelt") instead of the start.
    #[serde(default)]
    pub last: bool,
    /// Lists the open action items ("Opfølgning på beslutninger").
    #[serde(default)]
    pub follow_up: bool,
    /// The item's own indstilling ("Det indstilles, at porteføljestyregruppen godkender dagsordenen.").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recommendation: String,
}

crate::impl_record!(Forum, RecordKind::Forum, forums, |f| f.name.clone());

impl Forum {
    /// The member with the id `id`, else the one whose authority is `id` (ignoring case and blanks).
    pub fn member(&self, id: &str) -> Option<&Member> {
        let id = id.trim();
        if id.is_empty() {
            return None;
        }
        self.members
            .iter()
            .find(|m| !m.id.is_empty() && m.id == id)
            .or_else(|| {
                self.members
                    .iter()
                    .find(|m| m.authority.trim().to_lowercase() == id.to_lowercase())
            })
    }

    /// The member a reference points to: by member id when it has one, else by authority name.
    pub fn member_ref(&self, member: &str, authority: &str) -> Option<&Member> {
        (!member.trim().is_empty())
            .then(|| self.members.iter().find(|m| m.id == member.trim()))
            .flatten()
            .or_else(|| {
                self.members
                    .iter()
                    .find(|m| m.authority.trim().to_lowercase() == authority.trim().to_lowercase())
            })
    }

    /// Gives every member without an id one (a slug of its authority, made unique in the forum);
    /// returns whether any changed.
    pub fn ensure_member_ids(&mut self) -> bool {
        let mut taken: std::collections::HashSet<String> = self
            .members
            .iter()
            .filter(|m| !m.id.is_empty())
            .map(|m| m.id.clone())
            .collect();
        let mut changed = false;
        for m in self.members.iter_mut().filter(|m| m.id.is_empty()) {
            let base = match super::ids::slug(&m.authority) {
                s if s.is_empty() => "medlem".to_string(),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            taken.insert(id.clone());
            m.id = id;
            changed = true;
        }
        changed
    }

    pub fn new(id: &str, name: &str, short_name: &str) -> Forum {
        Forum {
            schema_version: schema_version(),
            id: id.into(),
            revision: 0,
            created: Stamp::default(),
            updated: Stamp::default(),
            name: name.into(),
            short_name: short_name.into(),
            members: vec![],
            chair: String::new(),
            secretariat: String::new(),
            parent: None,
            standard_items: vec![],
            agenda_dispatch_working_days: 5,
            reply_deadline_working_days: 5,
            silence_is_consent: false,
            decision_phrases: vec![],
            extra: Extra::new(),
        }
    }

    /// The phrases offered for decisions: the forum's own, else the common ones with its name.
    pub fn phrases(&self, lang: super::Language) -> Vec<String> {
        if !self.decision_phrases.is_empty() {
            return self.decision_phrases.clone();
        }
        common_phrases(&self.name, lang)
    }
}

/// The common decision phrases with `who` as the subject ("Styregruppen" when empty).
pub fn common_phrases(who: &str, lang: super::Language) -> Vec<String> {
    let verbs: &[&str] = match lang {
        super::Language::Da => &[
            "godkendte indstillingen",
            "godkendte indstillingen med de faldne bemærkninger",
            "tog orienteringen til efterretning",
            "godkendte dagsordenen",
            "godkendte referatet",
            "drøftede sagen",
        ],
        super::Language::En => &[
            "approved the recommendation",
            "approved the recommendation with the comments made",
            "took note of the information",
            "approved the agenda",
            "approved the minutes",
            "discussed the case",
        ],
    };
    let who = match (who.trim(), lang) {
        ("", super::Language::Da) => "Styregruppen",
        ("", super::Language::En) => "The steering group",
        (w, _) => w,
    };
    let mut out: Vec<String> = verbs.iter().map(|v| format!("{who} {v}.")).collect();
    out.push(
        match lang {
            super::Language::Da => "Punktet blev udsat.",
            super::Language::En => "The item was postponed.",
        }
        .to_string(),
    );
    out
}
