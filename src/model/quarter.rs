//! A calendar quarter such as 2026Q3, stored as that string.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1..=4
    pub q: u8,
}

impl Quarter {
    pub fn new(year: i32, q: u8) -> Option<Quarter> {
        ((1..=4).contains(&q) && (1900..=2999).contains(&year)).then_some(Quarter { year, q })
    }
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            q: (date.month0() / 3 + 1) as u8,
        }
    }
    pub fn prev(self) -> Quarter {
        if self.q == 1 {
            Quarter {
                year: self.year - 1,
                q: 4,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q - 1,
            }
        }
    }
    pub fn next(self) -> Quarter {
        if self.q == 4 {
            Quarter {
                year: self.year + 1,
                q: 1,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q + 1,
            }
        }
    }
    /// The first day of the quarter.
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.q) * 3 - 2, 1).unwrap_or_default()
    }
    /// The last day of the quarter.
    pub fn end(self) -> NaiveDate {
        self.next().start().pred_opt().unwrap_or_default()
    }

    /// Parses the forms people write: 2026Q3, 2026-Q3, 2026 Q3, Q3 2026, Q3-2026, 3. kvt. 2026,
    /// 3. kvartal 2026, 3rd quarter 2026 (any letter case).
    pub fn parse_loose(s: &str) -> Option<Quarter> {
        let t = s.trim().to_lowercase();
        let nums: Vec<&str> = t
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .collect();
        if nums.len() != 2 {
            return None;
        }
        let words: String = t.chars().filter(|c| c.is_alphabetic()).collect();
        let allowed = [
            "q",
            "kvt",
            "kvartal",
            "quarter",
            "rdquarter",
            "ndquarter",
            "stquarter",
            "thquarter",
        ];
        if !allowed.contains(&words.as_str()) {
            return None;
        }
        // Which number is the year: the four-digit one.
        let (y, q) = if nums[0].len() == 4 && nums[1].len() == 1 {
            (nums[0], nums[1])
        } else if nums[1].len() == 4 && nums[0].len() == 1 {
            (nums[1], nums[0])
        } else {
            return None;
        };
        // "q" must stand next to the quarter digit: "2026q3" or "q3 2026".
        if words == "q" {
            let compact: String = t
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .collect();
            if !(compact == format!("{y}q{q}") || compact == format!("q{q}{y}")) {
                return None;
            }
        } else {
            // Danish/English forms put the quarter first: "3. kvt. 2026".
            if nums[0] != q {
                return None;
            }
        }
        Quarter::new(y.parse().ok()?, q.parse().ok()?)
    }
}

impl Quarter {
    /// The quarter as people write it: "3. kvt. 2026" in Danish, "Q3 2026" in English (the
    /// Display form "2026Q3" is for files and the command line).
    pub fn label(&self, lang: super::Language) -> String {
        match lang {
            super::Language::Da => format!("{}. kvt. {}", self.q, self.year),
            super::Language::En => format!("Q{} {}", self.q, self.year),
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.q)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a quarter (write it as 2026Q3)")]
pub struct QuarterError(pub String);

impl FromStr for Quarter {
    type Err = QuarterError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() == 6
            && s.as_bytes()[4] == b'Q'
            && let (Some(y), Some(q)) = (s.get(..4), s.get(5..))
            && let (Ok(y), Ok(q)) = (y.parse::<i32>(), q.parse::<u8>())
            && let Some(qq) = Quarter::new(y, q)
        {
            return Ok(qq);
        }
        Err(QuarterError(s.to_string()))
    }
}

impl Serialize for Quarter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quarter {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_forms() {
        let q = Quarter { year: 2026, q: 3 };
        for s in [
            "2026Q3",
            "2026-Q3",
            "2026 q3",
            "Q3 2026",
            "q3-2026",
            "3. kvt. 2026",
            "3. kvartal 2026",
            "3. KVT 2026",
            "3rd quarter 2026",
        ] {
            assert_eq!(Quarter::parse_loose(s), Some(q), "{s}");
        }
        for s in [
            "3. kvt 20x6",
            "2026Q5",
            "2026",
            "Q0 2026",
            "hello",
            "2026Q3Q",
            "12. kvt. 2026",
            "3 2026",
        ] {
            assert_eq!(Quarter::parse_loose(s), None, "{s}");
        }
    }

    #[test]
    fn order_and_neighbours() {
        let q = Quarter { year: 2026, q: 1 };
        assert_eq!(q.prev(), Quarter { year: 2025, q: 4 });
        assert_eq!(q.prev().next(), q);
        assert!(q.prev() < q);
        assert_eq!(q.end(), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        assert_eq!("2026Q1".parse::<Quarter>(), Ok(q));
        assert!("2026-Q1".parse::<Quarter>().is_err());
        assert!("ø26Q1".parse::<Quarter>().is_err());
        assert!("2026Qø".parse::<Quarter>().is_err());
        assert_eq!(serde_json::to_string(&q).unwrap(), "\"2026Q1\"");
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    #[test]
    fn a_quarter_reads_the_danish_way_in_danish() {
        let q = Quarter::new(2026, 3).unwrap();
        assert_eq!(q.label(crate::model::Language::Da), "3. kvt. 2026");
        assert_eq!(q.label(crate::model::Language::En), "Q3 2026");
        assert_eq!(q.to_string(), "2026Q3");
    }
}
