//! The demo kept alive: `init --demo` moves the demo's dates to today, so a new user always finds
//! an upcoming meeting, a consultation awaiting replies and reports for the last quarter. Every
//! date in the records moves by the same whole number of weeks (a Thursday meeting stays on a
//! Thursday), quarters by the quarters that makes. The fixed demo (tests, `agendas/`) is untouched.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Serialize, de::DeserializeOwned};

use crate::model::{Quarter, Workspace};

/// The day the demo is written for: its upcoming meeting is a week later.
pub fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default()
}

/// The demo workspace moved so that `today` stands where [`anchor`] stood.
pub fn shift_to(ws: &mut Workspace, today: NaiveDate) -> Result<(), String> {
    let weeks = (today - anchor()).num_days().div_euclid(7);
    let days = weeks * 7;
    if days == 0 {
        return Ok(());
    }
    let moved = anchor() + Duration::days(days);
    let quarters = quarter_index(moved) - quarter_index(anchor());
    let s = Shift { days, quarters };
    shift_vec(&mut ws.initiatives, &s)?;
    shift_vec(&mut ws.cases, &s)?;
    shift_vec(&mut ws.meetings, &s)?;
    shift_vec(&mut ws.consultations, &s)?;
    shift_vec(&mut ws.decisions, &s)?;
    ws.sort();
    Ok(())
}

fn quarter_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 4 + i64::from(d.month0() / 3)
}

struct Shift {
    days: i64,
    quarters: i64,
}

fn shift_vec<T: Serialize + DeserializeOwned>(v: &mut Vec<T>, s: &Shift) -> Result<(), String> {
    let mut json = serde_json::to_value(&*v).map_err(|e| e.to_string())?;
    walk(&mut json, s);
    *v = serde_json::from_value(json).map_err(|e| format!("the moved demo: {e}"))?;
    Ok(())
}

fn walk(v: &mut serde_json::Value, s: &Shift) {
    match v {
        serde_json::Value::String(text) => *text = shift_text(text, s),
        serde_json::Value::Array(xs) => xs.iter_mut().for_each(|x| walk(x, s)),
        serde_json::Value::Object(m) => m.values_mut().for_each(|x| walk(x, s)),
        _ => {}
    }
}

/// Moves every "YYYY-MM-DD" (alone, in an id like "2026-12-03-psg" or a time stamp) by the days,
/// and every "2026Q3" by the quarters.
fn shift_text(text: &str, s: &Shift) -> String {
    let b = text.as_bytes();
    let digits = |i: usize, n: usize| {
        b.get(i..i + n)
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !b[i - 1].is_ascii_digit();
        if boundary
            && digits(i, 4)
            && b.get(i + 4) == Some(&b'-')
            && digits(i + 5, 2)
            && b.get(i + 7) == Some(&b'-')
            && digits(i + 8, 2)
            && !digits(i + 10, 1)
            && let Ok(d) = NaiveDate::parse_from_str(&text[i..i + 10], "%Y-%m-%d")
        {
            out.push_str(&(d + Duration::days(s.days)).format("%Y-%m-%d").to_string());
            i += 10;
            continue;
        }
        if boundary
            && digits(i, 4)
            && b.get(i + 4) == Some(&b'Q')
            && digits(i + 5, 1)
            && !digits(i + 6, 1)
            && let Ok(q) = text[i..i + 6].parse::<Quarter>()
        {
            let idx = i64::from(q.year) * 4 + i64::from(q.q) - 1 + s.quarters;
            let moved = i32::try_from(idx.div_euclid(4))
                .ok()
                .and_then(|y| Quarter::new(y, u8::try_from(idx.rem_euclid(4) + 1).ok()?));
            match moved {
                Some(m) => out.push_str(&m.to_string()),
                None => out.push_str(&text[i..i + 6]),
            }
            i += 6;
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConsultationState, MeetingState};

    #[test]
    fn dates_ids_stamps_and_quarters_move_together() {
        let s = Shift {
            days: 7 * 30,
            quarters: 2,
        };
        assert_eq!(shift_text("2026-12-03-psg", &s), "2027-07-01-psg");
        assert_eq!(shift_text("2026-11-25T12:00:00", &s), "2027-06-23T12:00:00");
        assert_eq!(shift_text("2026Q3", &s), "2027Q1");
        assert_eq!(shift_text("S-2026-010", &s), "S-2026-010");
        assert_eq!(
            shift_text("Ændret 2026-11-20 i 2026Q4.", &s),
            "Ændret 2027-06-18 i 2027Q2."
        );
    }

    #[test]
    fn the_moved_demo_has_an_upcoming_meeting_an_open_consultation_and_loads_clean() {
        for today in [
            NaiveDate::from_ymd_opt(2027, 5, 12).unwrap(),
            NaiveDate::from_ymd_opt(2026, 2, 2).unwrap(),
            NaiveDate::from_ymd_opt(2031, 9, 30).unwrap(),
        ] {
            let mut ws = crate::demo::demo_workspace();
            shift_to(&mut ws, today).unwrap();
            let upcoming = ws.meetings.iter().find(|m| {
                m.date > today && matches!(m.state, MeetingState::Draft | MeetingState::Sent)
            });
            let upcoming = upcoming.unwrap_or_else(|| panic!("{today}: no upcoming meeting"));
            assert!(
                (upcoming.date - today).num_days() <= 14,
                "{today}: {}",
                upcoming.date
            );
            // On the same weekday as in the fixed demo (Thursday 3 December 2026).
            assert_eq!(upcoming.date.weekday(), chrono::Weekday::Thu, "{today}");
            assert!(
                ws.consultations
                    .iter()
                    .any(|c| c.state == ConsultationState::Sent),
                "{today}"
            );
            // Reports for the quarter before today's.
            let latest = crate::rules::deviation::current_quarter(&ws).unwrap();
            let q_today = quarter_index(today);
            let q_latest = i64::from(latest.year) * 4 + i64::from(latest.q) - 1;
            assert!((1..=2).contains(&(q_today - q_latest)), "{today}: {latest}");
            // Written and read back: no problems.
            let dir = tempfile::tempdir().unwrap();
            let mut settings = ws.settings.clone();
            let store =
                crate::demo::write_demo_with(&dir.path().join("ws"), &ws, &mut settings).unwrap();
            let loaded = store.load();
            assert!(loaded.problems.is_empty(), "{today}: {:?}", loaded.problems);
        }
    }
}
