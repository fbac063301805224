//! `secretariat deviations [--quarter Q] [--json]`: the deviating, attention-requiring and missing
//! initiatives of a quarter.

use crate::model::{Language, Quarter};
use crate::rules::deviation::{current_quarter, deviations, reason_text};
use crate::store::Store;

pub fn run(
    store: &Store,
    quarter: Option<&str>,
    json: bool,
    lang: Option<Language>,
) -> Result<i32, String> {
    let loaded = store.load();
    for p in &loaded.problems {
        eprintln!("warning: {p}");
    }
    let ws = &loaded.workspace;
    let lang = lang.unwrap_or(ws.settings.language);
    let q = match quarter {
        Some(s) => Quarter::parse_loose(s).ok_or_else(|| {
            format!("--quarter: cannot read {s:?} as a quarter (write it as 2026Q3)")
        })?,
        None => match current_quarter(ws) {
            Some(q) => q,
            None => {
                if json {
                    println!("[]");
                } else {
                    eprintln!(
                        "no status reports in the workspace yet (import some with `secretariat import reports FILE`)"
                    );
                }
                return Ok(0);
            }
        },
    };
    let list = deviations(ws, q);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?
        );
        return Ok(0);
    }
    println!("{q}");
    let w = list
        .iter()
        .map(|d| d.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    for d in &list {
        let report = ws.initiative(&d.id).and_then(|i| i.report(d.quarter));
        let reasons: Vec<String> = d
            .reasons
            .iter()
            .map(|r| reason_text(r, report, lang))
            .collect();
        let name: String = d
            .name
            .chars()
            .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
            .collect();
        println!(
            "{:<22} {:<w$}  {}{}  [{}; {}: {}]",
            d.category.label(lang),
            d.id,
            name,
            if d.new {
                if lang == Language::Da {
                    " (ny)"
                } else {
                    " (new)"
                }
            } else {
                ""
            },
            reasons.join(", "),
            if lang == Language::Da {
                "kvartaler i træk"
            } else {
                "quarters in a row"
            },
            d.consecutive_quarters,
        );
    }
    Ok(0)
}
