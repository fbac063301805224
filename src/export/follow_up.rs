//! The follow-up list (opfølgningsliste) as a file: every action item chosen (open, overdue or all,
//! for one owner or every owner) with its owner, due date, status and where it was decided, as
//! Markdown, HTML or CSV (semicolons, UTF-8 with BOM, as Danish spreadsheets read it).

use chrono::NaiveDate;

use super::dates::long_date;
use crate::model::{Language, Workspace};
use crate::ops::meeting::FollowUp;

/// The formats the follow-up list is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Md,
    Html,
    Csv,
}

impl ListFormat {
    pub const ALL: [ListFormat; 3] = [ListFormat::Md, ListFormat::Html, ListFormat::Csv];
    pub fn extension(self) -> &'static str {
        match self {
            ListFormat::Md => "md",
            ListFormat::Html => "html",
            ListFormat::Csv => "csv",
        }
    }
}

/// An action item's status in words: open, overdue or done.
pub fn status_word(f: &FollowUp, lang: Language) -> &'static str {
    let (da, en) = if f.action.done {
        ("udført", "done")
    } else if f.overdue {
        ("overskredet", "overdue")
    } else {
        ("åben", "open")
    };
    crate::i18n::tr(lang, da, en)
}

/// "PSG 3. december 2026, punkt 4 Eventuelt": where an action item was decided.
pub fn source_text(ws: &Workspace, f: &FollowUp, lang: Language) -> String {
    let m = ws.meeting(&f.meeting);
    let forum = m
        .and_then(|m| ws.forum(&m.forum))
        .map(|x| x.short_name.clone())
        .unwrap_or_default();
    let item = m
        .and_then(|m| m.items.get(f.item))
        .map(|it| it.title.clone())
        .unwrap_or_default();
    format!(
        "{forum} {}, {} {} {item}",
        long_date(f.meeting_date, lang),
        crate::i18n::tr(lang, "punkt", "item"),
        f.item + 1
    )
    .trim()
    .to_string()
}

/// The list as a file. `title` names the selection ("Åbne opfølgningspunkter", "... for KL").
pub fn render(
    ws: &Workspace,
    rows: &[FollowUp],
    title: &str,
    today: NaiveDate,
    fmt: ListFormat,
    lang: Language,
) -> String {
    let t = |da: &'static str, en: &'static str| crate::i18n::tr(lang, da, en);
    let heads = [
        t("Ansvarlig", "Owner"),
        t("Opfølgningspunkt", "Action item"),
        t("Frist", "Due"),
        t("Status", "Status"),
        t("Besluttet på", "Decided at"),
    ];
    let cells = |f: &FollowUp| -> [String; 5] {
        [
            f.action.owner.clone(),
            f.action
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            f.action.due.map(|d| long_date(d, lang)).unwrap_or_default(),
            status_word(f, lang).to_string(),
            source_text(ws, f, lang),
        ]
    };
    let stand = format!("{} {}", t("Status pr.", "As of"), long_date(today, lang));
    match fmt {
        ListFormat::Md => {
            let esc = |s: &str| {
                super::markdown::escape(s, false)
                    .replace('|', "\\|")
                    .replace('\n', " ")
            };
            let mut out = format!("# {}\n\n{}\n\n", esc(title), esc(&stand));
            out.push_str(&format!("| {} |\n", heads.join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(heads.len())));
            for f in rows {
                let c = cells(f);
                let c: Vec<String> = c.iter().map(|x| esc(x)).collect();
                out.push_str(&format!("| {} |\n", c.join(" | ")));
            }
            if rows.is_empty() {
                out.push_str(&format!(
                    "\n{}\n",
                    t("Ingen opfølgningspunkter.", "No action items.")
                ));
            }
            out
        }
        ListFormat::Html => {
            let esc = super::html::escape;
            let mut out = format!(
                "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
                 <style>body{{font-family:sans-serif}}table{{border-collapse:collapse}}\
                 th,td{{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}}\
                 .overskredet,.overdue{{color:#a00;font-weight:bold}}</style>\n</head>\n<body>\n\
                 <h1>{}</h1>\n<p>{}</p>\n<table>\n<tr>",
                if lang == Language::Da { "da" } else { "en" },
                esc(title),
                esc(title),
                esc(&stand)
            );
            for h in heads {
                out.push_str(&format!("<th>{}</th>", esc(h)));
            }
            out.push_str("</tr>\n");
            for f in rows {
                let c = cells(f);
                out.push_str("<tr>");
                for (i, x) in c.iter().enumerate() {
                    if i == 3 {
                        out.push_str(&format!("<td class=\"{}\">{}</td>", esc(x), esc(x)));
                    } else {
                        out.push_str(&format!("<td>{}</td>", esc(x)));
                    }
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table>\n</body>\n</html>\n");
            out
        }
        ListFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .delimiter(b';')
                .from_writer(vec![]);
            let _ = w.write_record(heads);
            for f in rows {
                let mut c = cells(f);
                // Dates as 2026-12-03 in a spreadsheet, so they sort.
                c[2] = f.action.due.map(|d| d.to_string()).unwrap_or_default();
                let _ = w.write_record(c.iter().map(|x| super::clean(x)));
            }
            let body = w.into_inner().unwrap_or_default();
            let mut out = String::from("\u{feff}");
            out.push_str(&String::from_utf8_lossy(&body));
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::meeting::follow_up_list;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_format_lists_owner_due_status_and_source_and_escapes() {
        let mut ws = crate::demo::demo_workspace();
        // A hostile owner name.
        let m = ws
            .meetings
            .iter_mut()
            .find(|m| m.items.iter().any(|it| !it.minutes.action_items.is_empty()));
        let m = m.unwrap();
        let it = m
            .items
            .iter_mut()
            .find(|it| !it.minutes.action_items.is_empty())
            .unwrap();
        it.minutes.action_items[0].owner = "<b>KL</b> | \"x\"; y".into();
        let today = day(2027, 6, 1);
        let rows = follow_up_list(&ws, today, true);
        assert!(!rows.is_empty());
        let md = render(
            &ws,
            &rows,
            "Opfølgningsliste",
            today,
            ListFormat::Md,
            Language::Da,
        );
        assert!(md.starts_with("# Opfølgningsliste"), "{md}");
        assert!(md.contains("overskredet") || md.contains("udført"), "{md}");
        assert!(md.contains("\\|"), "a | in data is escaped: {md}");
        assert_eq!(
            md.lines().filter(|l| l.starts_with("| ")).count(),
            rows.len() + 1
        );
        let html = render(
            &ws,
            &rows,
            "Opfølgningsliste",
            today,
            ListFormat::Html,
            Language::Da,
        );
        assert!(html.contains("&lt;b&gt;KL&lt;/b&gt;"), "{html}");
        assert!(!html.contains("<b>KL"), "{html}");
        let csv = render(
            &ws,
            &rows,
            "Opfølgningsliste",
            today,
            ListFormat::Csv,
            Language::Da,
        );
        assert!(csv.starts_with('\u{feff}'));
        let mut r = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let recs: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(recs.len(), rows.len());
        assert!(recs.iter().any(|x| &x[0] == "<b>KL</b> | \"x\"; y"));
        assert!(recs.iter().all(|x| x[4].contains("punkt")));
    }
}
