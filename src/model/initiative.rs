//! An initiative of the portfolio (its "stamdata") and its quarterly status reports.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Amount;
use super::meta::{Extra, RecordKind, Stamp, schema_version};
use super::quarter::Quarter;

/// The traffic light of a status dimension.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    #[default]
    NotReported,
    Green,
    Yellow,
    Red,
}

impl Rag {
    /// Parses the words people use: Grøn/Gul/Rød, Green/Yellow/Red, G/Y/R (and Danish G/Gu/R), any case;
    /// empty means not reported.
    pub fn parse_loose(s: &str) -> Option<Rag> {
        match s.trim().to_lowercase().as_str() {
            "" | "-" | "ikke rapporteret" | "not reported" | "not_reported" => {
                Some(Rag::NotReported)
            }
            "grøn" | "groen" | "green" | "g" => Some(Rag::Green),
            "gul" | "yellow" | "y" | "gu" => Some(Rag::Yellow),
            "rød" | "roed" | "red" | "r" => Some(Rag::Red),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Lifecycle {
    #[default]
    Active,
    Closed,
}

/// An initiative with its stamdata (the fields of the "Stamdata" table of a closing report).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Initiative {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    /// "Nr", e.g. "12.1".
    pub id: String,
    #[serde(default)]
    pub revision: u64,
    #[serde(default)]
    pub created: Stamp,
    #[serde(default)]
    pub updated: Stamp,
    /// Initiativnavn
    pub name: String,
    /// Indsatsområde
    #[serde(default)]
    pub focus_area: String,
    /// Ministerium
    pub ministry: String,
    /// Institution
    #[serde(default)]
    pub institution: String,
    /// Budget og finansiering
    #[serde(default)]
    pub funding: String,
    /// Budget in mio. kr.
    #[serde(default)]
    pub budget: Option<Amount>,
    /// Ansvarlig for statusrapportering
    #[serde(default)]
    pub status_reporter: String,
    /// Formand for følge-/arbejdsgruppe
    #[serde(default)]
    pub working_group_chair: String,
    /// Projektleder
    #[serde(default)]
    pub project_manager: String,
    /// Projektejer
    #[serde(default)]
    pub project_owner: String,
    /// Programleder
    #[serde(default)]
    pub programme_manager: String,
    /// Starttidspunkt
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    /// Sluttidspunkt
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    /// Øvrige kommentarer
    #[serde(default)]
    pub comments: String,
    #[serde(default)]
    pub lifecycle: Lifecycle,
    /// Quarterly status reports, oldest first.
    #[serde(default)]
    pub reports: Vec<StatusReport>,
    #[serde(flatten)]
    pub extra: Extra,
}

crate::impl_record!(
    Initiative,
    RecordKind::Initiative,
    initiatives,
    |i| format!("{} {}", i.id, i.name)
);

impl Initiative {
    pub fn new(id: &str, name: &str, ministry: &str) -> Initiative {
        Initiative {
            schema_version: schema_version(),
            id: id.into(),
            revision: 0,
            created: Stamp::default(),
            updated: Stamp::default(),
            name: name.into(),
            focus_area: String::new(),
            ministry: ministry.into(),
            institution: String::new(),
            funding: String::new(),
            budget: None,
            status_reporter: String::new(),
            working_group_chair: String::new(),
            project_manager: String::new(),
            project_owner: String::new(),
            programme_manager: String::new(),
            start_date: None,
            end_date: None,
            comments: String::new(),
            lifecycle: Lifecycle::Active,
            reports: vec![],
            extra: Extra::new(),
        }
    }

    /// The report for a quarter, if any.
    pub fn report(&self, q: Quarter) -> Option<&StatusReport> {
        self.reports.iter().find(|r| r.quarter == q)
    }

    /// The newest report.
    pub fn latest_report(&self) -> Option<&StatusReport> {
        self.reports.iter().max_by_key(|r| r.quarter)
    }

    /// The newest report of a calendar year (with two reports for one quarter, the later stored).
    pub fn latest_report_in(&self, year: i32) -> Option<&StatusReport> {
        self.reports
            .iter()
            .filter(|r| r.quarter.year == year)
            .max_by_key(|r| r.quarter)
    }
}

/// One quarterly status report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusReport {
    pub quarter: Quarter,
    pub overall: Rag,
    #[serde(default)]
    pub time: Rag,
    #[serde(default)]
    pub cost: Rag,
    #[serde(default)]
    pub scope: Rag,
    #[serde(default)]
    pub risk: Rag,
    /// Budget in mio. kr.
    #[serde(default)]
    pub budget: Option<Amount>,
    /// Forecast spend at completion in mio. kr.
    #[serde(default)]
    pub forecast: Option<Amount>,
    /// Spent to date in mio. kr.
    #[serde(default)]
    pub spent: Option<Amount>,
    #[serde(default)]
    pub planned_end: Option<NaiveDate>,
    #[serde(default)]
    pub forecast_end: Option<NaiveDate>,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub reported_by: String,
    #[serde(default)]
    pub report_date: Option<NaiveDate>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl StatusReport {
    pub fn new(quarter: Quarter, overall: Rag) -> StatusReport {
        StatusReport {
            quarter,
            overall,
            time: Rag::NotReported,
            cost: Rag::NotReported,
            scope: Rag::NotReported,
            risk: Rag::NotReported,
            budget: None,
            forecast: None,
            spent: None,
            planned_end: None,
            forecast_end: None,
            comment: String::new(),
            reported_by: String::new(),
            report_date: None,
            extra: Extra::new(),
        }
    }
    /// The four dimensions in order time, cost, scope, risk.
    pub fn dimensions(&self) -> [Rag; 4] {
        [self.time, self.cost, self.scope, self.risk]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rag_words() {
        assert_eq!(Rag::parse_loose("GRØN"), Some(Rag::Green));
        assert_eq!(Rag::parse_loose(" gul "), Some(Rag::Yellow));
        assert_eq!(Rag::parse_loose("R"), Some(Rag::Red));
        assert_eq!(Rag::parse_loose(""), Some(Rag::NotReported));
        assert_eq!(Rag::parse_loose("blå"), None);
    }

    #[test]
    fn amounts_are_exact_strings() {
        let mut r = StatusReport::new(Quarter { year: 2026, q: 3 }, Rag::Green);
        r.budget = Some("14.3".parse().unwrap());
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["budget"], "14.3");
        let back: StatusReport = serde_json::from_value(json).unwrap();
        assert_eq!(back, r);
    }
}
