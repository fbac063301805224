//! iCalendar (RFC 5545) export of a meeting: one VCALENDAR with a VTIMEZONE for Europe/Copenhagen and
//! one VEVENT, CRLF line ends, lines folded at 75 octets, TEXT values escaped. Deterministic: the UID
//! comes from the meeting and forum ids and DTSTAMP from the meeting's last change, never the clock.

use chrono::NaiveDateTime;

use super::dates::clock;
use super::timing::{item_start_times, planned_end};
use super::{ExportError, Options, clean, clean_line};
use crate::model::{ItemKind, Language, Workspace};

/// The longest line, in octets, before folding.
pub const MAX_LINE_OCTETS: usize = 75;

const VTIMEZONE: [&str; 16] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Copenhagen",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
];

/// Exports a meeting as an iCalendar file with one event.
pub fn agenda(ws: &Workspace, id: &str, opts: &Options) -> Result<String, ExportError> {
    let m = ws
        .meeting(id)
        .ok_or_else(|| ExportError::UnknownMeeting(id.to_string()))?;
    let f = ws
        .forum(&m.forum)
        .ok_or_else(|| ExportError::UnknownForum {
            owner: format!("meeting {:?}", m.id),
            forum: m.forum.clone(),
        })?;
    let lang = ws.settings.language;
    let t = |da: &'static str, en: &'static str| match lang {
        Language::Da => da,
        Language::En => en,
    };

    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//secretariat//export//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    lines.extend(VTIMEZONE.iter().map(|l| l.to_string()));
    lines.push("END:VTIMEZONE".into());
    lines.push("BEGIN:VEVENT".into());
    lines.push(format!(
        "UID:{}",
        escape_text(&format!("{}@{}.secretariat", m.id, m.forum))
    ));
    lines.push(format!("DTSTAMP:{}", m.updated.at.format("%Y%m%dT%H%M%SZ")));
    lines.push(format!("SEQUENCE:{}", m.agenda_version.saturating_sub(1)));
    match m.start {
        Some(start) => {
            let begin = m.date.and_time(start);
            lines.push(format!("DTSTART;TZID=Europe/Copenhagen:{}", local(begin)));
            let end = m
                .end
                .or_else(|| planned_end(m).filter(|e| *e > start))
                .map(|e| m.date.and_time(e));
            if let Some(end) = end.filter(|e| *e > begin) {
                lines.push(format!("DTEND;TZID=Europe/Copenhagen:{}", local(end)));
            }
        }
        None => {
            lines.push(format!("DTSTART;VALUE=DATE:{}", m.date.format("%Y%m%d")));
            if let Some(next) = m.date.succ_opt() {
                lines.push(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
            }
        }
    }
    let summary = format!("{} {}", t("Møde i", "Meeting of"), clean_line(&f.name));
    lines.push(format!("SUMMARY:{}", escape_text(&summary)));
    if !m.place.trim().is_empty() {
        lines.push(format!("LOCATION:{}", escape_text(&clean_line(&m.place))));
    }

    let mut desc: Vec<String> = vec![];
    if m.agenda_version > 1 {
        desc.push(match lang {
            Language::Da => format!("Revideret dagsorden (version {})", m.agenda_version),
            Language::En => format!("Revised agenda (version {})", m.agenda_version),
        });
        if !m.revision_note.trim().is_empty() {
            desc.push(format!(
                "{}: {}",
                t("Ændringer", "Changes"),
                clean(m.revision_note.trim())
            ));
        }
    } else {
        desc.push(t("Dagsorden", "Agenda").to_string());
    }
    desc.push(String::new());
    if m.items.is_empty() {
        desc.push(
            t(
                "Der er ingen punkter på dagsordenen.",
                "There are no items on the agenda.",
            )
            .to_string(),
        );
    }
    let starts = item_start_times(m);
    for (i, item) in m.items.iter().enumerate() {
        let n = i + 1;
        if item.closed && opts.public {
            desc.push(format!("{n}. {}", t("Lukket punkt", "Closed item")));
            continue;
        }
        let kind = match item.kind {
            ItemKind::Decision => t("til beslutning", "for decision"),
            ItemKind::Discussion => t("til drøftelse", "for discussion"),
            ItemKind::Information => t("til orientering", "for information"),
        };
        let at = starts
            .get(i)
            .copied()
            .flatten()
            .map(|s| format!("{} ", clock(s, lang)))
            .unwrap_or_default();
        desc.push(format!("{n}. {at}{} ({kind})", clean_line(&item.title)));
    }
    lines.push(format!("DESCRIPTION:{}", escape_text(&desc.join("\n"))));
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());

    Ok(lines.iter().map(|l| fold(l)).collect())
}

fn local(dt: NaiveDateTime) -> String {
    dt.format("%Y%m%dT%H%M%S").to_string()
}

/// Escapes a TEXT value: backslash, semicolon, comma and newline. Control characters are made visible.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in clean(s).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// Folds one content line at 75 octets (continuations start with a space) without splitting a UTF-8
/// character, and ends every physical line with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_characters_whole() {
        let line = format!("DESCRIPTION:{}", "ø".repeat(100));
        let folded = fold(&line);
        for l in folded.split_terminator("\r\n") {
            assert!(l.len() <= MAX_LINE_OCTETS, "{l:?}");
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert_eq!(fold("SHORT:x"), "SHORT:x\r\n");
    }

    #[test]
    fn text_escaping() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\u{1b}"),
            "a\\\\b\\;c\\,d\\ne\u{241b}"
        );
    }
}
