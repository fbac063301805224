//! `export publish DIR`: a static, accessible website of every status report of every initiative,
//! as the steering group publishes them: an index by ministry and by status, and one page per
//! initiative with its history and budget chart. Only what is published anyway goes in: the
//! initiatives' public master data and their quarterly status reports. No cases, agenda items,
//! decisions or internal comments ("Øvrige kommentarer") are read at all. Plain files with relative
//! links, no scripts, no network: it works from `file://`. Deterministic: the same workspace always
//! gives the same bytes.

use std::collections::{BTreeMap, HashSet};

use rust_decimal::Decimal;

use super::document::{Chart, ChartKind, Series, Tone};
use super::html::{STYLE, chart_html, escape};
use super::portfolio::quarter_label;
use crate::i18n::tr;
use crate::model::ids::slug;
use crate::model::{Initiative, Language, Lifecycle, Rag, Workspace, natural_cmp};
use crate::rules::deviation::budget_of;

/// One file of the site: its path relative to the site's folder ("/"-separated) and its text.
pub type Page = (String, String);

fn rag_word(r: Rag, lang: Language) -> &'static str {
    match r {
        Rag::Green => tr(lang, "Grøn", "Green"),
        Rag::Yellow => tr(lang, "Gul", "Yellow"),
        Rag::Red => tr(lang, "Rød", "Red"),
        Rag::NotReported => tr(lang, "Ikke rapporteret", "Not reported"),
    }
}

/// A status with a coloured dot and the word, so it reads without colour.
fn rag_html(r: Rag, lang: Language) -> String {
    format!(
        "<span class=\"rag rag-{}\" aria-hidden=\"true\"></span>{}",
        match r {
            Rag::Green => "g",
            Rag::Yellow => "y",
            Rag::Red => "r",
            Rag::NotReported => "n",
        },
        escape(rag_word(r, lang))
    )
}

fn amount(a: Option<Decimal>, lang: Language) -> String {
    a.map_or_else(|| "–".into(), |a| super::document::number(a, lang))
}

const EXTRA_STYLE: &str = "\
body { max-width: 62em; }
a { color: #1f4f8a; }
a:focus { outline: 3px solid #e0a800; }
nav { margin: 0 0 1em; }
.rag { display: inline-block; width: .8em; height: .8em; border-radius: 50%; margin-right: .35em;
  border: 1px solid #333; vertical-align: -.05em; }
.rag-g { background: #2e8b57; } .rag-y { background: #e0a800; } .rag-r { background: #c0392b; }
.rag-n { background: #fff; }
";

fn page(lang: Language, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{STYLE}{EXTRA_STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        if lang == Language::Da { "da" } else { "en" },
        escape(title)
    )
}

/// The initiatives in natural id order with their page file names, unique even when two ids slug
/// alike ("4.1" and "4-1").
fn files(ws: &Workspace) -> Vec<(&Initiative, String)> {
    let mut inits: Vec<&Initiative> = ws.initiatives.iter().collect();
    inits.sort_by(|a, b| natural_cmp(&a.id, &b.id));
    let mut used: HashSet<String> = HashSet::new();
    inits
        .into_iter()
        .map(|i| {
            let base = match slug(&i.id) {
                s if s.is_empty() => "initiativ".to_string(),
                s => s,
            };
            let mut name = base.clone();
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{base}-{n}");
                n += 1;
            }
            (i, format!("initiativer/{name}.html"))
        })
        .collect()
}

/// The whole site: `index.html` and `initiativer/*.html`.
pub fn site(ws: &Workspace) -> Vec<Page> {
    let lang = ws.settings.language;
    let t = |da, en| tr(lang, da, en);
    let name = super::clean_line(&ws.settings.name);
    let files = files(ws);
    let mut out: Vec<Page> = vec![];

    // The index: by ministry, then by the latest overall status.
    let title = format!("{} – {name}", t("Statusrapporter", "Status reports"));
    let mut body = format!("<h1>{}</h1>\n", escape(&title));
    body.push_str(&format!(
        "<p>{}</p>\n<nav><a href=\"#ministerier\">{}</a> · <a href=\"#status\">{}</a></nav>\n",
        escape(t(
            "Kvartalsvise statusrapporter for initiativerne i porteføljen.",
            "Quarterly status reports of the initiatives in the portfolio.",
        )),
        escape(t("Efter ministerium", "By ministry")),
        escape(t("Efter status", "By status")),
    ));
    let row = |i: &Initiative, file: &str| {
        let latest = i.latest_report();
        format!(
            "<tr><td>{}</td><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&i.id),
            escape(file),
            escape(&super::clean_line(&i.name)),
            latest.map_or_else(|| "–".into(), |r| escape(&quarter_label(r.quarter, lang))),
            latest.map_or_else(|| "–".into(), |r| rag_html(r.overall, lang)),
            escape(match i.lifecycle {
                Lifecycle::Active => t("Aktiv", "Active"),
                Lifecycle::Closed => t("Afsluttet", "Closed"),
            }),
        )
    };
    let head = format!(
        "<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        escape(t("Nr.", "No.")),
        escape(t("Initiativ", "Initiative")),
        escape(t("Seneste rapport", "Latest report")),
        escape(t("Samlet status", "Overall status")),
        escape(t("Fase", "Phase")),
    );
    body.push_str(&format!(
        "<h2 id=\"ministerier\">{}</h2>\n",
        escape(t("Efter ministerium", "By ministry"))
    ));
    let mut by_ministry: BTreeMap<String, Vec<&(&Initiative, String)>> = BTreeMap::new();
    for f in &files {
        by_ministry
            .entry(super::clean_line(&f.0.ministry))
            .or_default()
            .push(f);
    }
    for (m, list) in &by_ministry {
        let m = if m.is_empty() {
            t("Uden ministerium", "No ministry").to_string()
        } else {
            m.clone()
        };
        body.push_str(&format!("<h3>{}</h3>\n{head}", escape(&m)));
        for (i, file) in list {
            body.push_str(&row(i, file));
        }
        body.push_str("</tbody>\n</table>\n");
    }
    body.push_str(&format!(
        "<h2 id=\"status\">{}</h2>\n",
        escape(t("Efter status", "By status"))
    ));
    for rag in [Rag::Red, Rag::Yellow, Rag::Green, Rag::NotReported] {
        let list: Vec<&(&Initiative, String)> = files
            .iter()
            .filter(|(i, _)| i.latest_report().map_or(Rag::NotReported, |r| r.overall) == rag)
            .collect();
        body.push_str(&format!(
            "<h3>{} ({})</h3>\n",
            rag_html(rag, lang),
            list.len()
        ));
        if list.is_empty() {
            continue;
        }
        body.push_str("<ul>\n");
        for (i, file) in list {
            body.push_str(&format!(
                "<li><a href=\"{}\">{} {}</a></li>\n",
                escape(file),
                escape(&i.id),
                escape(&super::clean_line(&i.name))
            ));
        }
        body.push_str("</ul>\n");
    }
    out.push(("index.html".into(), page(lang, &title, &body)));

    for (i, file) in &files {
        out.push((file.clone(), initiative_page(i, lang, &name)));
    }
    out
}

fn initiative_page(i: &Initiative, lang: Language, site_name: &str) -> String {
    let t = |da, en| tr(lang, da, en);
    let title = super::clean_line(&format!("{} {}", i.id, i.name));
    let mut body = format!(
        "<nav><a href=\"../index.html\">{} – {}</a></nav>\n<h1>{}</h1>\n<dl>\n",
        escape(t("Alle initiativer", "All initiatives")),
        escape(site_name),
        escape(&title)
    );
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    for (k, v) in [
        (t("Indsatsområde", "Focus area"), Some(i.focus_area.clone())),
        (t("Ministerium", "Ministry"), Some(i.ministry.clone())),
        (t("Institution", "Institution"), Some(i.institution.clone())),
        (
            t("Budget (mio. kr.)", "Budget (DKK m)"),
            i.budget.map(|b| amount(Some(b), lang)),
        ),
        (t("Start", "Start"), date(i.start_date)),
        (t("Planlagt slut", "Planned end"), date(i.end_date)),
        (
            t("Fase", "Phase"),
            Some(
                match i.lifecycle {
                    Lifecycle::Active => t("Aktiv", "Active"),
                    Lifecycle::Closed => t("Afsluttet", "Closed"),
                }
                .to_string(),
            ),
        ),
    ] {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            body.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>\n",
                escape(k),
                escape(&super::clean_line(&v))
            ));
        }
    }
    body.push_str("</dl>\n");
    let mut reports: Vec<&crate::model::StatusReport> = i.reports.iter().collect();
    reports.sort_by_key(|r| r.quarter);
    let mut dedup: Vec<&crate::model::StatusReport> = vec![];
    for r in reports {
        if dedup.last().is_some_and(|l| l.quarter == r.quarter) {
            dedup.pop();
        }
        dedup.push(r);
    }
    if dedup.is_empty() {
        body.push_str(&format!(
            "<p>{}</p>\n",
            escape(t(
                "Initiativet har ingen statusrapporter endnu.",
                "The initiative has no status reports yet."
            ))
        ));
        return page(lang, &title, &body);
    }
    body.push_str(&format!(
        "<h2>{}</h2>\n",
        escape(t("Budget og forventet forbrug", "Budget and forecast"))
    ));
    body.push_str(&chart_html(
        &Chart {
            title: format!(
                "{} – {}",
                super::clean_line(&i.id),
                t("budget og forventet forbrug", "budget and forecast")
            ),
            kind: ChartKind::Lines,
            unit: t("mio. kr.", "DKK m").into(),
            label_heading: t("Kvartal", "Quarter").into(),
            labels: dedup
                .iter()
                .map(|r| quarter_label(r.quarter, lang))
                .collect(),
            series: vec![
                Series {
                    name: t("Budget", "Budget").into(),
                    tone: Tone::Blue,
                    values: dedup.iter().map(|r| budget_of(r, i)).collect(),
                },
                Series {
                    name: t("Forventet forbrug", "Forecast").into(),
                    tone: Tone::Red,
                    values: dedup.iter().map(|r| r.forecast).collect(),
                },
                Series {
                    name: t("Forbrugt", "Spent").into(),
                    tone: Tone::Dark,
                    values: dedup.iter().map(|r| r.spent).collect(),
                },
            ],
        },
        lang,
    ));
    body.push_str(&format!(
        "<h2>{}</h2>\n",
        escape(t("Statusrapporter", "Status reports"))
    ));
    for r in dedup.iter().rev() {
        body.push_str(&format!(
            "<h3>{}</h3>\n<dl>\n",
            escape(&quarter_label(r.quarter, lang))
        ));
        let dims = r.dimensions();
        for (k, v) in [
            (t("Samlet status", "Overall status"), r.overall),
            (t("Tid", "Time"), dims[0]),
            (t("Økonomi", "Cost"), dims[1]),
            (t("Indhold", "Scope"), dims[2]),
            (t("Risiko", "Risk"), dims[3]),
        ] {
            body.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>\n",
                escape(k),
                rag_html(v, lang)
            ));
        }
        for (k, v) in [
            (t("Budget (mio. kr.)", "Budget (DKK m)"), budget_of(r, i)),
            (
                t("Forventet forbrug (mio. kr.)", "Forecast (DKK m)"),
                r.forecast,
            ),
            (
                t("Forbrugt til dato (mio. kr.)", "Spent to date (DKK m)"),
                r.spent,
            ),
        ] {
            if v.is_some() {
                body.push_str(&format!(
                    "<dt>{}</dt><dd>{}</dd>\n",
                    escape(k),
                    escape(&amount(v, lang))
                ));
            }
        }
        for (k, v) in [
            (t("Planlagt slut", "Planned end"), date(r.planned_end)),
            (t("Forventet slut", "Expected end"), date(r.forecast_end)),
        ] {
            if let Some(v) = v {
                body.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", escape(k), escape(&v)));
            }
        }
        body.push_str("</dl>\n");
        let comment = super::clean(&r.comment);
        for para in comment
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            body.push_str(&format!("<p>{}</p>\n", escape(&super::clean_line(para))));
        }
    }
    page(lang, &title, &body)
}
