//! workspace.json: the workspace's name, language, deviation thresholds and defaults.

use serde::{Deserialize, Serialize};

use super::Amount;
use super::meta::{Extra, Stamp, schema_version};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Da,
    En,
}

impl std::str::FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "da" | "dansk" | "danish" => Ok(Language::Da),
            "en" | "engelsk" | "english" => Ok(Language::En),
            _ => Err(format!("unknown language {s:?} (use da or en)")),
        }
    }
}

/// The state IT council's traffic light, as numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Deviating when the forecast exceeds the budget by more than this share, in percent.
    pub deviating_budget_percent: Amount,
    /// ... or by more than this amount in mio. kr.
    pub deviating_budget_mdkk: Amount,
    /// Deviating when the forecast end is more than this many days after the planned end.
    pub deviating_schedule_days: i64,
    /// Requiring attention when the forecast end is more than this many days late.
    pub attention_schedule_days: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            deviating_budget_percent: Amount::new(100, 1),
            deviating_budget_mdkk: Amount::new(60, 1),
            deviating_schedule_days: 90,
            attention_schedule_days: 30,
        }
    }
}

/// Who sends the letters: the secretariat's authority, office, address and contact person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Sender {
    /// "Digitaliseringsstyrelsen".
    #[serde(default)]
    pub authority: String,
    /// "Kontor for styring af digitaliseringsstrategien".
    #[serde(default)]
    pub office: String,
    /// Postal address; lines separated by newlines or commas.
    #[serde(default)]
    pub address: String,
    /// Where replies go.
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// The contact person who signs the letters.
    #[serde(default)]
    pub contact: Contact,
}

/// A contact person: name and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Contact {
    #[serde(default)]
    pub name: String,
    /// "Fuldmægtig", "Chefkonsulent".
    #[serde(default)]
    pub title: String,
}

impl Sender {
    /// Whether nothing is filled in.
    pub fn is_empty(&self) -> bool {
        self == &Sender::default()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    pub name: String,
    #[serde(default)]
    pub language: Language,
    #[serde(default)]
    pub revision: u64,
    #[serde(default)]
    pub created: Stamp,
    #[serde(default)]
    pub updated: Stamp,
    #[serde(default)]
    pub thresholds: Thresholds,
    /// The forum new meetings, cases and consultations belong to unless chosen otherwise.
    #[serde(default)]
    pub default_forum: Option<String>,
    /// The sender of letters (høringsbrev, rykker, høringsnotat).
    #[serde(default, skip_serializing_if = "Sender::is_empty")]
    pub sender: Sender,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            schema_version: schema_version(),
            name: String::new(),
            language: Language::Da,
            revision: 0,
            created: Stamp::default(),
            updated: Stamp::default(),
            thresholds: Thresholds::default(),
            default_forum: None,
            sender: Sender::default(),
            extra: Extra::new(),
        }
    }
}
