//! What users type into form fields: dates, times, amounts and whole numbers, read leniently and
//! refused with a message in the workspace's language that quotes the input and shows what works.
//!
//! Dates and amounts reuse the CSV import's readers (`crate::import::{parse_date, parse_amount}`), so a date or amount
//! that imports also types.

use chrono::{Days, NaiveDate, NaiveTime};

use crate::import::{self as import_parse, DateError};
use crate::model::Language;

use super::text::{safe_line, truncate};

/// The user's input as quoted in a message: trimmed, control characters made visible, cut to 40 columns.
fn quoted(s: &str) -> String {
    format!("\"{}\"", truncate(&safe_line(s.trim()), 40))
}

/// Lowercased with runs of whitespace collapsed to one space.
fn normalise_words(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Dates as 03-12-2026, 3-12-2026, 3/12-2026, 03/12/2026, 03.12.2026, 3.12.2026, 2026-12-03, and the words
/// "i dag"/"today", "i morgen"/"tomorrow", "i går"/"yesterday" (case-insensitive, trimmed), relative to `today`.
/// Errors are a user-facing message in `lang` (Danish or English) quoting the input and naming accepted forms,
/// e.g. `kan ikke læse "31-02-2026" som en dato (skriv fx 03-12-2026)`; impossible dates (31-02) are errors.
pub fn parse_date(s: &str, today: NaiveDate, lang: Language) -> Result<NaiveDate, String> {
    let words = normalise_words(s);
    let relative = match words.as_str() {
        "i dag" | "idag" | "today" => Some(Some(today)),
        "i morgen" | "imorgen" | "tomorrow" => Some(today.checked_add_days(Days::new(1))),
        "i går" | "igår" | "i gaar" | "igaar" | "yesterday" => {
            Some(today.checked_sub_days(Days::new(1)))
        }
        _ => None,
    };
    if let Some(d) = relative {
        return d.ok_or_else(|| date_error(s, lang, true));
    }
    if words.is_empty() {
        return Err(match lang {
            Language::Da => "skriv en dato (fx 03-12-2026 eller \"i dag\")".to_string(),
            Language::En => "enter a date (e.g. 03-12-2026 or \"today\")".to_string(),
        });
    }
    match import_parse::parse_date(s) {
        Ok(Some(d)) => Ok(d),
        Ok(None) | Err(DateError::Unreadable) => Err(date_error(s, lang, false)),
        Err(DateError::Impossible) => Err(date_error(s, lang, true)),
    }
}

fn date_error(s: &str, lang: Language, impossible: bool) -> String {
    let q = quoted(s);
    match (lang, impossible) {
        (Language::Da, false) => format!(
            "kan ikke læse {q} som en dato (skriv fx 03-12-2026, 3/12-2026, 2026-12-03 eller \"i dag\", \"i morgen\", \"i går\")"
        ),
        (Language::Da, true) => {
            format!("kan ikke læse {q} som en dato: den dag findes ikke (skriv fx 03-12-2026)")
        }
        (Language::En, false) => format!(
            "cannot read {q} as a date (write e.g. 03-12-2026, 3/12-2026, 2026-12-03 or \"today\", \"tomorrow\", \"yesterday\")"
        ),
        (Language::En, true) => {
            format!("cannot read {q} as a date: there is no such day (write e.g. 03-12-2026)")
        }
    }
}

/// Times as 9.30, 09.30, 9:30, 09:30, "9" (= 09:00), "kl. 9.30" / "kl 9" / "kl.9". Minutes must be two
/// digits; "930" and "9.3" are refused as ambiguous. Error messages as for [`parse_date`].
pub fn parse_time(s: &str, lang: Language) -> Result<NaiveTime, String> {
    let t = s.trim();
    let lower = t.to_lowercase();
    let body = lower
        .strip_prefix("kl.")
        .or_else(|| lower.strip_prefix("kl"))
        .unwrap_or(&lower)
        .trim();
    if body.is_empty() {
        return Err(match lang {
            Language::Da => "skriv et klokkeslæt (fx 9.30 eller 14.00)".to_string(),
            Language::En => "enter a time (e.g. 9:30 or 14:00)".to_string(),
        });
    }
    let digits = |p: &str, max_len: usize| {
        !p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit())
    };
    let (h, m) = match body.split_once(['.', ':']) {
        Some((h, m)) if digits(h, 2) && m.len() == 2 && digits(m, 2) => (h, m),
        None if digits(body, 2) => (body, "00"),
        _ => return Err(time_error(s, lang)),
    };
    let (Ok(h), Ok(m)) = (h.parse::<u32>(), m.parse::<u32>()) else {
        return Err(time_error(s, lang));
    };
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(|| time_error(s, lang))
}

fn time_error(s: &str, lang: Language) -> String {
    let q = quoted(s);
    match lang {
        Language::Da => format!(
            "kan ikke læse {q} som et klokkeslæt (skriv fx 9.30, 09:30, 14 eller \"kl. 9.30\")"
        ),
        Language::En => {
            format!("cannot read {q} as a time (write e.g. 9:30, 09.30, 14 or \"kl. 9.30\")")
        }
    }
}

/// Decimal amounts in mio. kr.: "14,3", "14.3", "1.250,5", "1 250,5" -> rust_decimal::Decimal.
///
/// Both decimal marks are accepted. Where a form could be read either way ("1.250", "1,250") the
/// language decides: Danish reads it with a decimal comma (1.250 = 1250, 1,250 = 1.25), English with a
/// decimal point (1.250 = 1.25, 1,250 = 1250). Thousands groups must have three digits.
pub fn parse_amount(s: &str, lang: Language) -> Result<rust_decimal::Decimal, String> {
    let comma_first = lang == Language::Da;
    let read = |comma| import_parse::parse_amount(s, comma);
    match read(comma_first).or_else(|_| read(!comma_first)) {
        Ok(Some(a)) => Ok(a),
        Ok(None) => Err(match lang {
            Language::Da => "skriv et beløb i mio. kr. (fx 14,3)".to_string(),
            Language::En => "enter an amount in million DKK (e.g. 14.3)".to_string(),
        }),
        Err(_) => {
            let q = quoted(s);
            Err(match lang {
                Language::Da => format!(
                    "kan ikke læse {q} som et beløb i mio. kr. (skriv fx 14,3 eller 1.250,5)"
                ),
                Language::En => format!(
                    "cannot read {q} as an amount in million DKK (write e.g. 14.3 or 1,250.5)"
                ),
            })
        }
    }
}

/// Whole non-negative numbers (minutes allotted etc.). Spaces between digit groups are ignored.
pub fn parse_u32(s: &str, lang: Language) -> Result<u32, String> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if t.is_empty() {
        return Err(match lang {
            Language::Da => "skriv et helt tal (fx 15)".to_string(),
            Language::En => "enter a whole number (e.g. 15)".to_string(),
        });
    }
    let q = quoted(s);
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(match lang {
            Language::Da => format!("kan ikke læse {q} som et helt tal, 0 eller derover (fx 15)"),
            Language::En => format!("cannot read {q} as a whole number, 0 or more (e.g. 15)"),
        });
    }
    t.parse::<u32>().map_err(|_| match lang {
        Language::Da => format!("{q} er et for stort tal"),
        Language::En => format!("{q} is too large a number"),
    })
}

/// How a date is shown in form fields: 03-12-2026 (both languages).
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// 09.30 in Danish, 09:30 in English.
pub fn format_time(t: NaiveTime, lang: Language) -> String {
    match lang {
        Language::Da => t.format("%H.%M").to_string(),
        Language::En => t.format("%H:%M").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    const DA: Language = Language::Da;
    const EN: Language = Language::En;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn every_date_form() {
        let today = d(2026, 11, 26);
        for s in [
            "03-12-2026",
            "3-12-2026",
            "3/12-2026",
            "03/12/2026",
            "03.12.2026",
            "3.12.2026",
            "2026-12-03",
            "  03-12-2026 ",
        ] {
            assert_eq!(parse_date(s, today, DA), Ok(d(2026, 12, 3)), "{s}");
            assert_eq!(parse_date(s, today, EN), Ok(d(2026, 12, 3)), "{s}");
        }
        for (s, want) in [
            ("i dag", today),
            ("I DAG", today),
            ("  i   dag ", today),
            ("today", today),
            ("Today", today),
            ("i morgen", d(2026, 11, 27)),
            ("tomorrow", d(2026, 11, 27)),
            ("i går", d(2026, 11, 25)),
            ("I GÅR", d(2026, 11, 25)),
            ("yesterday", d(2026, 11, 25)),
        ] {
            assert_eq!(parse_date(s, today, DA), Ok(want), "{s}");
        }
        // Relative words cross month and year ends.
        assert_eq!(
            parse_date("i morgen", d(2026, 12, 31), DA),
            Ok(d(2027, 1, 1))
        );
        assert_eq!(parse_date("i går", d(2026, 3, 1), EN), Ok(d(2026, 2, 28)));
    }

    #[test]
    fn leap_days() {
        let today = d(2026, 1, 1);
        assert_eq!(parse_date("29-02-2024", today, DA), Ok(d(2024, 2, 29)));
        let e = parse_date("29-02-2026", today, DA).unwrap_err();
        assert!(e.contains("\"29-02-2026\""), "{e}");
        assert!(e.contains("findes ikke"), "{e}");
    }

    #[test]
    fn date_errors() {
        let today = d(2026, 1, 1);
        assert_eq!(
            parse_date("31-02-2026", today, DA).unwrap_err(),
            "kan ikke læse \"31-02-2026\" som en dato: den dag findes ikke (skriv fx 03-12-2026)"
        );
        assert_eq!(
            parse_date("31-02-2026", today, EN).unwrap_err(),
            "cannot read \"31-02-2026\" as a date: there is no such day (write e.g. 03-12-2026)"
        );
        for s in [
            "3/12",
            "13-13",
            "jul",
            "2026/12/03",
            "03-12-26",
            "i overmorgen",
        ] {
            let e = parse_date(s, today, DA).unwrap_err();
            assert!(e.starts_with("kan ikke læse"), "{e}");
            assert!(e.contains(&format!("\"{s}\"")), "{e}");
            assert!(e.contains("03-12-2026"), "{e}");
            let e = parse_date(s, today, EN).unwrap_err();
            assert!(e.starts_with("cannot read"), "{e}");
            assert!(e.contains("03-12-2026"), "{e}");
        }
        for s in ["13-13-2026", "00-01-2026", "2026-02-30"] {
            assert!(
                parse_date(s, today, DA)
                    .unwrap_err()
                    .contains("findes ikke")
            );
        }
        assert!(
            parse_date("", today, DA)
                .unwrap_err()
                .starts_with("skriv en dato")
        );
        assert!(
            parse_date("  ", today, EN)
                .unwrap_err()
                .starts_with("enter a date")
        );
        // Control characters in the input are made visible in the message.
        let e = parse_date("x\u{1b}[2J", today, DA).unwrap_err();
        assert!(!e.contains('\u{1b}') && e.contains('\u{241B}'), "{e}");
    }

    #[test]
    fn every_time_form() {
        for s in [
            "9.30",
            "09.30",
            "9:30",
            "09:30",
            "kl. 9.30",
            "kl 9.30",
            "Kl. 09:30",
            "kl.9.30",
        ] {
            assert_eq!(parse_time(s, DA), Ok(t(9, 30)), "{s}");
        }
        for s in ["9", "09", "kl 9", "kl. 9", " 9 "] {
            assert_eq!(parse_time(s, EN), Ok(t(9, 0)), "{s}");
        }
        assert_eq!(parse_time("0.00", DA), Ok(t(0, 0)));
        assert_eq!(parse_time("23:59", DA), Ok(t(23, 59)));
    }

    #[test]
    fn time_errors() {
        for s in [
            "930", "9.3", "24.00", "12.60", "9.300", "nine", "9.30 pm", "-9", "kl x",
        ] {
            let e = parse_time(s, DA).unwrap_err();
            assert!(e.starts_with("kan ikke læse"), "{s}: {e}");
            assert!(e.contains("9.30"), "{e}");
            let e = parse_time(s, EN).unwrap_err();
            assert!(e.starts_with("cannot read"), "{s}: {e}");
        }
        assert_eq!(
            parse_time("930", DA).unwrap_err(),
            "kan ikke læse \"930\" som et klokkeslæt (skriv fx 9.30, 09:30, 14 eller \"kl. 9.30\")"
        );
        assert!(
            parse_time("", DA)
                .unwrap_err()
                .starts_with("skriv et klokkeslæt")
        );
        assert!(
            parse_time("kl.", EN)
                .unwrap_err()
                .starts_with("enter a time")
        );
    }

    #[test]
    fn amounts() {
        for lang in [DA, EN] {
            assert_eq!(parse_amount("14,3", lang), Ok(dec("14.3")));
            assert_eq!(parse_amount("14.3", lang), Ok(dec("14.3")));
            assert_eq!(parse_amount("1.250,5", lang), Ok(dec("1250.5")));
            assert_eq!(parse_amount("1 250,5", lang), Ok(dec("1250.5")));
            assert_eq!(parse_amount("1,250.5", lang), Ok(dec("1250.5")));
            assert_eq!(parse_amount("0", lang), Ok(dec("0")));
            assert_eq!(parse_amount("-2,5", lang), Ok(dec("-2.5")));
        }
        // Ambiguous forms follow the language.
        assert_eq!(parse_amount("1.250", DA), Ok(dec("1250")));
        assert_eq!(parse_amount("1.250", EN), Ok(dec("1.250")));
        assert_eq!(parse_amount("1,250", DA), Ok(dec("1.250")));
        assert_eq!(parse_amount("1,250", EN), Ok(dec("1250")));
    }

    #[test]
    fn amount_errors() {
        for s in ["abc", "1,2,3", "12,x", "1..250", "14 mio"] {
            let e = parse_amount(s, DA).unwrap_err();
            assert!(
                e.starts_with(&format!("kan ikke læse \"{s}\" som et beløb")),
                "{e}"
            );
            assert!(e.contains("14,3"), "{e}");
            let e = parse_amount(s, EN).unwrap_err();
            assert!(
                e.starts_with(&format!("cannot read \"{s}\" as an amount")),
                "{e}"
            );
            assert!(e.contains("14.3"), "{e}");
        }
        assert!(
            parse_amount(" ", DA)
                .unwrap_err()
                .starts_with("skriv et beløb")
        );
        assert!(
            parse_amount("", EN)
                .unwrap_err()
                .starts_with("enter an amount")
        );
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(parse_u32("15", DA), Ok(15));
        assert_eq!(parse_u32(" 0 ", DA), Ok(0));
        assert_eq!(parse_u32("1 000", EN), Ok(1000));
        assert_eq!(parse_u32("4294967295", EN), Ok(u32::MAX));
        for s in ["-1", "+1", "1,5", "1.5", "x", "١٢"] {
            assert!(
                parse_u32(s, DA)
                    .unwrap_err()
                    .starts_with(&format!("kan ikke læse \"{s}\" som et helt tal")),
                "{s}"
            );
            assert!(
                parse_u32(s, EN).unwrap_err().starts_with("cannot read"),
                "{s}"
            );
        }
        assert_eq!(
            parse_u32("4294967296", DA).unwrap_err(),
            "\"4294967296\" er et for stort tal"
        );
        assert_eq!(
            parse_u32("4294967296", EN).unwrap_err(),
            "\"4294967296\" is too large a number"
        );
        assert!(
            parse_u32("", DA)
                .unwrap_err()
                .starts_with("skriv et helt tal")
        );
        assert!(
            parse_u32("", EN)
                .unwrap_err()
                .starts_with("enter a whole number")
        );
    }

    #[test]
    fn formatting_round_trips() {
        let today = d(2026, 1, 1);
        assert_eq!(format_date(d(2026, 12, 3)), "03-12-2026");
        assert_eq!(format_time(t(9, 30), DA), "09.30");
        assert_eq!(format_time(t(9, 30), EN), "09:30");
        for day in [d(2024, 2, 29), d(2026, 12, 3), d(1999, 1, 1)] {
            assert_eq!(parse_date(&format_date(day), today, DA), Ok(day));
        }
        for lang in [DA, EN] {
            assert_eq!(parse_time(&format_time(t(14, 5), lang), lang), Ok(t(14, 5)));
        }
    }
}
