//! Dates and times written out for documents and the TUI, in Danish ("torsdag den 3. december 2026",
//! "kl. 9.30") or English ("Thursday 3 December 2026", "09:30").

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use crate::model::Language;

const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(d: NaiveDate, lang: Language) -> &'static str {
    // month0() is always 0..=11.
    let i = d.month0() as usize % 12;
    match lang {
        Language::Da => MONTHS_DA[i],
        Language::En => MONTHS_EN[i],
    }
}

fn weekday_name(d: NaiveDate, lang: Language) -> &'static str {
    match (d.weekday(), lang) {
        (Weekday::Mon, Language::Da) => "mandag",
        (Weekday::Tue, Language::Da) => "tirsdag",
        (Weekday::Wed, Language::Da) => "onsdag",
        (Weekday::Thu, Language::Da) => "torsdag",
        (Weekday::Fri, Language::Da) => "fredag",
        (Weekday::Sat, Language::Da) => "lørdag",
        (Weekday::Sun, Language::Da) => "søndag",
        (Weekday::Mon, Language::En) => "Monday",
        (Weekday::Tue, Language::En) => "Tuesday",
        (Weekday::Wed, Language::En) => "Wednesday",
        (Weekday::Thu, Language::En) => "Thursday",
        (Weekday::Fri, Language::En) => "Friday",
        (Weekday::Sat, Language::En) => "Saturday",
        (Weekday::Sun, Language::En) => "Sunday",
    }
}

/// "3. december 2026" / "3 December 2026".
pub fn long_date(d: NaiveDate, lang: Language) -> String {
    match lang {
        Language::Da => format!("{}. {} {}", d.day(), month_name(d, lang), d.year()),
        Language::En => format!("{} {} {}", d.day(), month_name(d, lang), d.year()),
    }
}

/// "torsdag den 3. december 2026" / "Thursday 3 December 2026".
pub fn weekday_long_date(d: NaiveDate, lang: Language) -> String {
    match lang {
        Language::Da => format!("{} den {}", weekday_name(d, lang), long_date(d, lang)),
        Language::En => format!("{} {}", weekday_name(d, lang), long_date(d, lang)),
    }
}

/// "9.30" / "09:30".
pub fn time(t: NaiveTime, lang: Language) -> String {
    match lang {
        Language::Da => format!("{}.{:02}", t.hour(), t.minute()),
        Language::En => format!("{:02}:{:02}", t.hour(), t.minute()),
    }
}

/// "kl. 9.30" / "09:30": a time of day standing alone.
pub fn clock(t: NaiveTime, lang: Language) -> String {
    match lang {
        Language::Da => format!("kl. {}", time(t, lang)),
        Language::En => time(t, lang),
    }
}

/// "kl. 9.30–12.00" / "09:30–12:00"; just the start when there is no end.
pub fn time_range(start: NaiveTime, end: Option<NaiveTime>, lang: Language) -> String {
    match end {
        Some(e) => format!("{}–{}", clock(start, lang), time(e, lang)),
        None => clock(start, lang),
    }
}

/// "fredag den 4. december 2026 kl. 12.00" / "Friday 4 December 2026 at 12:00".
pub fn weekday_long_date_time(dt: NaiveDateTime, lang: Language) -> String {
    match lang {
        Language::Da => format!(
            "{} {}",
            weekday_long_date(dt.date(), lang),
            clock(dt.time(), lang)
        ),
        Language::En => format!(
            "{} at {}",
            weekday_long_date(dt.date(), lang),
            time(dt.time(), lang)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn danish_and_english_dates() {
        assert_eq!(long_date(d(2026, 12, 3), Language::Da), "3. december 2026");
        assert_eq!(long_date(d(2026, 12, 3), Language::En), "3 December 2026");
        assert_eq!(
            weekday_long_date(d(2026, 12, 3), Language::Da),
            "torsdag den 3. december 2026"
        );
        assert_eq!(
            weekday_long_date(d(2026, 12, 3), Language::En),
            "Thursday 3 December 2026"
        );
        assert_eq!(
            weekday_long_date(d(2026, 5, 2), Language::Da),
            "lørdag den 2. maj 2026"
        );
        assert_eq!(
            weekday_long_date(d(2026, 3, 1), Language::Da),
            "søndag den 1. marts 2026"
        );
    }

    #[test]
    fn times() {
        let t = NaiveTime::from_hms_opt(9, 30, 0).unwrap();
        assert_eq!(time(t, Language::Da), "9.30");
        assert_eq!(time(t, Language::En), "09:30");
        let e = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
        assert_eq!(time_range(t, Some(e), Language::Da), "kl. 9.30–12.00");
        assert_eq!(time_range(t, None, Language::En), "09:30");
        let dt = d(2026, 12, 4).and_time(e);
        assert_eq!(
            weekday_long_date_time(dt, Language::Da),
            "fredag den 4. december 2026 kl. 12.00"
        );
        assert_eq!(
            weekday_long_date_time(dt, Language::En),
            "Friday 4 December 2026 at 12:00"
        );
    }
}

/// An amount in mio. kr. with one decimal: "1.196,0 mio. kr." / "DKK 1,196.0m".
/// "18,8 %" / "18.8 %": a percentage with one decimal, the one way percentages are written
/// everywhere (lists, pages, case texts, documents).
pub fn percent(p: rust_decimal::Decimal, lang: Language) -> String {
    // Half away from zero, as people round (11,25 -> 11,3), not to even.
    let p = p.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let s = format!("{p:.1}");
    match lang {
        Language::Da => format!("{} %", s.replace('.', ",")),
        Language::En => format!("{s} %"),
    }
}

pub fn mio_kr(a: crate::model::Amount, lang: Language) -> String {
    let s = format!("{:.1}", a.round_dp(1));
    let (int, frac) = s.split_once('.').unwrap_or((s.as_str(), "0"));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |r| ("-", r));
    let (group, decimal) = if lang == Language::Da {
        ('.', ',')
    } else {
        (',', '.')
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    match lang {
        Language::Da => format!("{sign}{grouped}{decimal}{frac} mio. kr."),
        Language::En => format!("{sign}DKK {grouped}{decimal}{frac}m"),
    }
}

#[cfg(test)]
mod amount_tests {
    use super::*;
    use crate::model::Amount;

    #[test]
    fn amounts_in_both_languages() {
        assert_eq!(
            mio_kr(Amount::new(11_960, 1), Language::Da),
            "1.196,0 mio. kr."
        );
        assert_eq!(mio_kr(Amount::new(46, 2), Language::Da), "0,5 mio. kr.");
        assert_eq!(
            mio_kr(Amount::new(-1234, 1), Language::Da),
            "-123,4 mio. kr."
        );
        assert_eq!(mio_kr(Amount::new(11_960, 1), Language::En), "DKK 1,196.0m");
    }
}
