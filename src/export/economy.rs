// Long but one concern: the economy overview's rows and their csv, xlsx and document outputs.

//! The economy overview (økonomioverblik) for the economy committee (Økonomistyringsudvalget): per
//! initiative and per ministry the budget, the forecast and the spent to date of a year, the over-
//! and underspend beyond the workspace's thresholds, and the proposed cases of kind
//! over-/underspend (mer-/mindreforbrug). As a [`Document`] (html, md, txt, docx, pdf) or as one row
//! per initiative (csv, xlsx), like the portfolio report ([`super::portfolio`]).
//!
//! The figures of a year are those of each initiative's latest status report in that year. Whether
//! a deviation passes the thresholds comes only from [`crate::rules::deviation::money_deviation`]
//! (the rule that makes an overspend deviating), and the proposals from
//! [`crate::rules::deviation::spend_proposals`]: the overview never classifies by itself.

use super::document::Blocks as B;
use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::document::{Block, Chart, ChartKind, Document, Series, Tone, amount, number};
use super::portfolio::{Cell, quarter_label};
use super::{ExportError, clean_line};
use crate::i18n::tr;
use crate::model::{
    Forum, Initiative, Language, Lifecycle, Quarter, StatusReport, Workspace, natural_cmp,
};
use crate::rules::deviation::{
    MoneyDeviation, Spend, SpendProposal, budget_of, current_year, money_deviation, spend_proposals,
};

/// One initiative in the year: its latest report of the year and the figures from it.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub init: &'a Initiative,
    /// The latest report of the year; `None` for an active initiative without one.
    pub report: Option<&'a StatusReport>,
    pub budget: Option<Decimal>,
    pub forecast: Option<Decimal>,
    pub spent: Option<Decimal>,
    /// The rule's comparison of forecast and budget; `None` without both.
    pub money: Option<MoneyDeviation>,
    /// The proposal for a case about this initiative, when there is one.
    pub proposal: Option<SpendProposal>,
}

impl Row<'_> {
    /// Forecast minus budget in mio. kr.
    pub fn deviation(&self) -> Option<Decimal> {
        self.money.map(|m| m.amount)
    }
    /// The deviation in percent of the budget, rounded to two decimals (display only).
    pub fn deviation_percent(&self) -> Option<Decimal> {
        self.report
            .and_then(|r| crate::rules::deviation::forecast_deviation_percent(r, self.init))
    }
    /// Spent to date in percent of the budget, rounded to one decimal.
    pub fn spent_percent(&self) -> Option<Decimal> {
        let (s, b) = (self.spent?, self.budget?);
        if b <= Decimal::ZERO {
            return None;
        }
        Some(
            s.checked_mul(Decimal::ONE_HUNDRED)?
                .checked_div(b)?
                .round_dp(1)
                .normalize(),
        )
    }
    /// Over or under beyond the thresholds.
    pub fn beyond(&self) -> Option<Spend> {
        self.money.filter(|m| m.beyond_thresholds).map(|m| m.spend)
    }
}

/// The overview's data for `year`: every initiative with a report in the year, and every active
/// initiative without one (its figures empty), in natural id order.
pub fn rows(ws: &Workspace, year: i32) -> Vec<Row<'_>> {
    let t = &ws.settings.thresholds;
    let mut proposals: BTreeMap<String, SpendProposal> = spend_proposals(ws, year)
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let mut out: Vec<Row> = ws
        .initiatives
        .iter()
        .filter_map(|init| {
            let report = init.latest_report_in(year);
            if report.is_none() && init.lifecycle != Lifecycle::Active {
                return None;
            }
            Some(Row {
                init,
                report,
                budget: report.and_then(|r| budget_of(r, init)).or(init.budget),
                forecast: report.and_then(|r| r.forecast),
                spent: report.and_then(|r| r.spent),
                money: report.and_then(|r| money_deviation(r, init, t)),
                proposal: proposals.remove(&init.id),
            })
        })
        .collect();
    out.sort_by(|a, b| natural_cmp(&a.init.id, &b.init.id));
    out
}

/// The year an overview is about: `--year` as written, else the year of the latest quarter with
/// reports. A year without reports is refused, naming the years that have some.
pub fn year_or_latest(ws: &Workspace, year: Option<&str>) -> Result<i32, ExportError> {
    let Some(s) = year else {
        return current_year(ws).ok_or(ExportError::NoReports);
    };
    let y = s
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| Quarter::new(*y, 1).is_some())
        .ok_or_else(|| ExportError::BadYear(s.to_string()))?;
    let mut years: Vec<i32> = ws
        .initiatives
        .iter()
        .flat_map(|i| i.reports.iter().map(|r| r.quarter.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        return Err(ExportError::NoReports);
    }
    if !years.contains(&y) {
        return Err(ExportError::NoReportsInYear {
            year: y,
            years: years
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    Ok(y)
}

/// The forums that are the economy committee: named Økonomistyringsudvalget (or "Economy
/// committee"), or with the short name ØSU, any letter case. One is the forum of the proposed
/// cases; none or several, and the user is asked.
pub fn economy_forums(ws: &Workspace) -> Vec<&Forum> {
    let is = |s: &str, names: &[&str]| {
        let s = s.trim().to_lowercase();
        names.iter().any(|n| s == *n)
    };
    let mut out: Vec<&Forum> = ws
        .forums
        .iter()
        .filter(|f| {
            is(
                &f.name,
                &[
                    "økonomistyringsudvalget",
                    "economy committee",
                    "the economy committee",
                ],
            ) || is(&f.short_name, &["øsu", "oesu"])
        })
        .collect();
    out.sort_by(|a, b| natural_cmp(&a.id, &b.id));
    out
}

/// "mere end 10 % af budgettet eller mere end 6 mio. kr." / "more than 10 % of the budget or more
/// than DKK 6m".
pub fn thresholds_text(ws: &Workspace) -> String {
    let t = &ws.settings.thresholds;
    let lang = ws.settings.language;
    match lang {
        Language::Da => format!(
            "mere end {} % af budgettet eller mere end {} mio. kr.",
            number(t.deviating_budget_percent, lang),
            number(t.deviating_budget_mdkk, lang)
        ),
        Language::En => format!(
            "more than {} % of the budget or more than DKK {}m",
            number(t.deviating_budget_percent, lang),
            number(t.deviating_budget_mdkk, lang)
        ),
    }
}

/// The latest quarter with reports in `year` (the overview is "as of" it).
fn as_of(ws: &Workspace, year: i32) -> Option<Quarter> {
    ws.initiatives
        .iter()
        .flat_map(|i| i.reports.iter().map(|r| r.quarter))
        .filter(|q| q.year == year)
        .max()
}

fn yes_no(b: bool, lang: Language) -> &'static str {
    match (b, lang) {
        (true, Language::Da) => "ja",
        (false, Language::Da) => "nej",
        (true, Language::En) => "yes",
        (false, Language::En) => "no",
    }
}

/// What the proposal column says: "ja", "nej", or "har åben sag S-2026-011".
fn proposal_text(row: &Row, lang: Language) -> String {
    match &row.proposal {
        Some(p) => match &p.open_case {
            Some(c) => format!("{} {c}", tr(lang, "har åben sag", "has open case")),
            None => yes_no(true, lang).to_string(),
        },
        None => yes_no(false, lang).to_string(),
    }
}

/// The column headings of the CSV and XLSX, one per field of [`row_cells`].
pub fn columns(lang: Language) -> Vec<&'static str> {
    let t = |da, en| tr(lang, da, en);
    vec![
        t("Nr.", "No."),
        t("Initiativ", "Initiative"),
        t("Ministerium", "Ministry"),
        t("Institution", "Institution"),
        t("Livscyklus", "Lifecycle"),
        t("År", "Year"),
        t("Rapport fra kvartal", "Report of quarter"),
        t("Budget (mio. kr.)", "Budget (DKK m)"),
        t("Forventet forbrug (mio. kr.)", "Forecast (DKK m)"),
        t("Forbrugt til dato (mio. kr.)", "Spent to date (DKK m)"),
        t("Forbrugt af budget (%)", "Spent of budget (%)"),
        t("Afvigelse (mio. kr.)", "Deviation (DKK m)"),
        t("Afvigelse (%)", "Deviation (%)"),
        t("Mer-/mindreforbrug", "Over-/underspend"),
        t("Ud over tærsklerne", "Beyond the thresholds"),
        t("Sag foreslås", "Case proposed"),
    ]
}

/// The cells of one row, in the order of [`columns`].
pub fn row_cells(row: &Row, year: i32, lang: Language) -> Vec<Cell> {
    let text = |s: &str| Cell::Text(clean_line(s));
    vec![
        text(&row.init.id),
        text(&row.init.name),
        text(&row.init.ministry),
        text(&row.init.institution),
        Cell::Text(
            match row.init.lifecycle {
                Lifecycle::Active => tr(lang, "aktiv", "active"),
                Lifecycle::Closed => tr(lang, "lukket", "closed"),
            }
            .into(),
        ),
        Cell::Number(Some(Decimal::from(year))),
        Cell::Text(
            row.report
                .map(|r| quarter_label(r.quarter, lang))
                .unwrap_or_default(),
        ),
        Cell::Number(row.budget),
        Cell::Number(row.forecast),
        Cell::Number(row.spent),
        Cell::Number(row.spent_percent()),
        Cell::Number(row.deviation()),
        Cell::Number(row.deviation_percent()),
        Cell::Text(
            row.money
                .map(|m| m.spend.label(lang).to_string())
                .unwrap_or_default(),
        ),
        Cell::Text(
            row.money
                .map(|m| yes_no(m.beyond_thresholds, lang).to_string())
                .unwrap_or_default(),
        ),
        Cell::Text(proposal_text(row, lang)),
    ]
}

/// The CSV: one row per initiative; in Danish `;`-separated with a decimal comma, in English
/// comma-separated with a decimal point; a UTF-8 byte order mark first for Excel (as
/// [`super::portfolio::csv`]).
pub fn csv(ws: &Workspace, year: i32) -> Result<String, ExportError> {
    let lang = ws.settings.language;
    super::portfolio::csv_of(
        lang,
        &columns(lang),
        rows(ws, year).iter().map(|row| row_cells(row, year, lang)),
    )
}

/// The XLSX workbook: the CSV's rows with real numbers, a bold frozen header and a filter.
/// Deterministic: the document's creation time is the last day of the year.
pub fn xlsx(ws: &Workspace, year: i32) -> Result<Vec<u8>, ExportError> {
    use rust_decimal::prelude::ToPrimitive;
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let lang = ws.settings.language;
    let err = |e: rust_xlsxwriter::XlsxError| ExportError::Write(e.to_string());
    let mut wb = Workbook::new();
    let created =
        ExcelDateTime::from_ymd(u16::try_from(year).unwrap_or(2000), 12, 31).map_err(err)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(clean_line(&format!(
                "{} {year}",
                tr(lang, "Økonomioverblik", "Economy overview"),
            )))
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let num_fmt = Format::new().set_num_format("#,##0.0");
    let int_fmt = Format::new().set_num_format("0");
    let sheet = wb.add_worksheet();
    sheet
        .set_name(tr(lang, "Initiativer", "Initiatives"))
        .map_err(err)?;
    let cols = columns(lang);
    for (c, h) in cols.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet
            .write_string_with_format(0, c, *h, &bold)
            .map_err(err)?;
        sheet
            .set_column_width(c, if c == 1 { 40 } else { 14 })
            .map_err(err)?;
    }
    let all = rows(ws, year);
    for (r, row) in all.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row_cells(row, year, lang).into_iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Cell::Text(s) if !s.is_empty() => {
                    sheet.write_string(r, col, s).map_err(err)?;
                }
                Cell::Number(Some(n)) => {
                    // The year is a whole number; the amounts and percentages have one decimal.
                    let f = if c == 5 { &int_fmt } else { &num_fmt };
                    sheet
                        .write_number_with_format(r, col, n.to_f64().unwrap_or(0.0), f)
                        .map_err(err)?;
                }
                _ => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 2).map_err(err)?;
    let last_row = u32::try_from(all.len()).unwrap_or(u32::MAX);
    let last_col = u16::try_from(cols.len() - 1).unwrap_or(0);
    sheet.autofilter(0, 0, last_row, last_col).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}

fn mio(v: Option<Decimal>, lang: Language) -> String {
    v.map_or_else(|| "–".to_string(), |v| amount(v, lang))
}

fn pct(v: Option<Decimal>, lang: Language) -> String {
    v.map_or_else(|| "–".to_string(), |v| super::dates::percent(v, lang))
}

/// A proposal in words: "5.1 Navn (Ministerium): mindreforbrug på 3,1 mio. kr. (−12,3 %),
/// 3. kvt. 2026".
pub fn proposal_line(p: &SpendProposal, lang: Language) -> String {
    let size = super::dates::mio_kr(p.money.amount.abs(), lang);
    let pc = if p.money.budget > Decimal::ZERO {
        p.money
            .amount
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(p.money.budget))
            .map(|x| format!(" ({})", pct(Some(x.round_dp(2)), lang)))
            .unwrap_or_default()
    } else {
        String::new()
    };
    clean_line(&format!(
        "{} {} ({}): {} {} {size}{pc}, {}",
        p.id,
        p.name,
        p.ministry,
        p.money.spend.label(lang).to_lowercase(),
        tr(lang, "på", "of"),
        quarter_label(p.quarter, lang)
    ))
}

/// A table of initiatives: number, name and ministry, the money in one cell, the deviation and
/// what it is.
fn initiative_table(b: &mut B, rows: &[&Row]) {
    let lang = b.lang;
    let body = rows
        .iter()
        .map(|r| {
            let money = format!(
                "{}: {}\n{}: {}\n{}: {}",
                b.t("Budget", "Budget"),
                mio(r.budget, lang),
                b.t("Forventet", "Forecast"),
                mio(r.forecast, lang),
                b.t("Forbrugt", "Spent"),
                mio(r.spent, lang),
            );
            let what = match (r.report, r.money) {
                (None, _) => b
                    .t("ingen rapport i året", "no report this year")
                    .to_string(),
                (Some(_), None) => b
                    .t("uden budget eller prognose", "without budget or forecast")
                    .to_string(),
                (Some(rep), Some(m)) => format!(
                    "{} ({})\n{}{}\n{}",
                    amount(m.amount, lang),
                    pct(r.deviation_percent(), lang),
                    m.spend.label(lang),
                    if m.beyond_thresholds {
                        b.t(" ud over tærsklerne", " beyond the thresholds")
                    } else {
                        ""
                    },
                    quarter_label(rep.quarter, lang)
                ),
            };
            vec![
                r.init.id.clone(),
                format!("{}\n{}", r.init.name, r.init.ministry),
                money,
                what,
            ]
        })
        .collect();
    b.table(
        &[
            b.t("Nr.", "No."),
            b.t("Initiativ", "Initiative"),
            b.t("Økonomi (mio. kr.)", "Money (DKK m)"),
            b.t("Afvigelse (mio. kr.)", "Deviation (DKK m)"),
        ],
        body,
    );
}

/// Builds the economy overview for `year` in the workspace's language.
pub fn document(ws: &Workspace, year: i32) -> Document {
    let lang = ws.settings.language;
    let mut b = B {
        lang,
        blocks: vec![],
    };
    let title = format!(
        "{} {year} – {}",
        b.t("Økonomioverblik", "Economy overview"),
        clean_line(&ws.settings.name)
    );
    b.h(1, &title);
    let all = rows(ws, year);
    let forums = economy_forums(ws);
    let forum = (forums.len() == 1).then(|| forums[0]);
    let as_of = as_of(ws, year);

    let mut intro = String::new();
    if let Some(f) = forum {
        intro.push_str(&format!("{} {}. ", b.t("Til", "For"), f.name));
    }
    intro.push_str(&match lang {
        Language::Da => format!(
            "Tallene er fra hvert initiativs seneste statusrapport i {year}{}. Budget og forventet forbrug gælder hele initiativet; forbrugt er forbruget til dato. Mer- og mindreforbrug er ud over tærsklerne, når det forventede forbrug afviger fra budgettet med {} (arbejdsområdets tærskler).",
            as_of
                .map(|q| format!(" (til og med {})", quarter_label(q, lang)))
                .unwrap_or_default(),
            thresholds_text(ws)
        ),
        Language::En => format!(
            "The figures are from each initiative's latest status report in {year}{}. Budget and forecast are for the whole initiative; spent is spent to date. Over- and underspend is beyond the thresholds when the forecast differs from the budget by {} (the workspace's thresholds).",
            as_of
                .map(|q| format!(" (up to {})", quarter_label(q, lang)))
                .unwrap_or_default(),
            thresholds_text(ws)
        ),
    });
    b.p(&intro);

    // Overview: how many over, under, within, without figures.
    b.h(2, b.t("Overblik", "Overview"));
    let mut groups: [(usize, Decimal); 4] = [(0, Decimal::ZERO); 4];
    for r in &all {
        let (i, amount) = match (r.money, r.beyond()) {
            (Some(m), Some(Spend::Over)) => (0, m.amount),
            (Some(m), Some(Spend::Under)) => (1, m.amount),
            (Some(m), _) => (2, m.amount),
            (None, _) => (3, Decimal::ZERO),
        };
        groups[i].0 += 1;
        groups[i].1 += amount;
    }
    let total_amount: Decimal = groups.iter().map(|g| g.1).sum();
    let sum_of =
        |f: &dyn Fn(&Row) -> Option<Decimal>| -> Decimal { all.iter().filter_map(f).sum() };
    let labels = [
        b.t(
            "Merforbrug ud over tærsklerne",
            "Overspend beyond the thresholds",
        ),
        b.t(
            "Mindreforbrug ud over tærsklerne",
            "Underspend beyond the thresholds",
        ),
        b.t("Inden for tærsklerne", "Within the thresholds"),
        b.t(
            "Uden budget eller prognose i året",
            "Without budget or forecast this year",
        ),
    ];
    let mut overview: Vec<Vec<String>> = labels
        .iter()
        .zip(&groups)
        .enumerate()
        .map(|(i, (l, g))| {
            vec![
                l.to_string(),
                g.0.to_string(),
                if i == 3 {
                    "–".to_string()
                } else {
                    amount(g.1, lang)
                },
            ]
        })
        .collect();
    overview.push(vec![
        b.t("I alt", "Total").to_string(),
        all.len().to_string(),
        amount(total_amount, lang),
    ]);
    b.table(
        &[
            b.t("Initiativer", "Initiatives"),
            b.t("Antal", "Number"),
            b.t("Afvigelse (mio. kr.)", "Deviation (DKK m)"),
        ],
        overview,
    );
    b.table(
        &[
            b.t("Porteføljen", "The portfolio"),
            b.t("Mio. kr.", "DKK m"),
        ],
        vec![
            vec![
                b.t("Budget", "Budget").into(),
                amount(sum_of(&|r| r.budget), lang),
            ],
            vec![
                b.t("Forventet forbrug", "Forecast").into(),
                amount(sum_of(&|r| r.forecast), lang),
            ],
            vec![
                b.t("Forbrugt til dato", "Spent to date").into(),
                amount(sum_of(&|r| r.spent), lang),
            ],
        ],
    );

    // The portfolio's totals quarter by quarter through the year.
    let quarters: Vec<Quarter> = (1..=4)
        .filter_map(|q| Quarter::new(year, q))
        .filter(|q| {
            ws.initiatives
                .iter()
                .any(|i| i.reports.iter().any(|r| r.quarter == *q))
        })
        .collect();
    if !quarters.is_empty() {
        let totals =
            |f: &dyn Fn(&StatusReport, &Initiative) -> Option<Decimal>| -> Vec<Option<Decimal>> {
                quarters
                    .iter()
                    .map(|q| {
                        let v: Vec<Decimal> = ws
                            .initiatives
                            .iter()
                            .filter_map(|i| {
                                let r = i.reports.iter().rev().find(|r| r.quarter == *q)?;
                                f(r, i)
                            })
                            .collect();
                        (!v.is_empty()).then(|| v.into_iter().sum())
                    })
                    .collect()
            };
        b.blocks.push(Block::Chart(Chart {
            title: format!(
                "{} {year}",
                b.t(
                    "Budget, forventet forbrug og forbrugt i alt pr. kvartal",
                    "Budget, forecast and spent in total per quarter"
                )
            ),
            kind: ChartKind::Lines,
            unit: b.t("mio. kr.", "DKK m").into(),
            label_heading: b.t("Kvartal", "Quarter").into(),
            labels: quarters.iter().map(|q| quarter_label(*q, lang)).collect(),
            series: vec![
                Series {
                    name: b.t("Budget", "Budget").into(),
                    tone: Tone::Blue,
                    values: totals(&|r, i| budget_of(r, i)),
                },
                Series {
                    name: b.t("Forventet forbrug", "Forecast").into(),
                    tone: Tone::Red,
                    values: totals(&|r, _| r.forecast),
                },
                Series {
                    name: b.t("Forbrugt", "Spent").into(),
                    tone: Tone::Dark,
                    values: totals(&|r, _| r.spent),
                },
            ],
        }));
    }

    // The initiatives beyond the thresholds.
    b.h(
        2,
        b.t(
            "Mer- og mindreforbrug ud over tærsklerne",
            "Over- and underspend beyond the thresholds",
        ),
    );
    let mut beyond: Vec<&Row> = all.iter().filter(|r| r.beyond().is_some()).collect();
    beyond.sort_by(|a, b| {
        a.beyond()
            .cmp(&b.beyond())
            .then_with(|| natural_cmp(&a.init.id, &b.init.id))
    });
    if beyond.is_empty() {
        b.p(b.t(
            "Intet initiativ har mer- eller mindreforbrug ud over tærsklerne i året.",
            "No initiative has over- or underspend beyond the thresholds this year.",
        ));
    } else {
        initiative_table(&mut b, &beyond);
    }

    // The proposed cases.
    b.h(
        2,
        b.t(
            "Forslag til sager om mer-/mindreforbrug",
            "Proposed cases of over-/underspend",
        ),
    );
    let proposals: Vec<&SpendProposal> = all.iter().filter_map(|r| r.proposal.as_ref()).collect();
    let (skip, make): (Vec<&SpendProposal>, Vec<&SpendProposal>) =
        proposals.iter().partition(|p| p.open_case.is_some());
    if make.is_empty() && skip.is_empty() {
        b.p(b.t(
            "Ingen sager foreslås: intet aktivt initiativ har mer- eller mindreforbrug ud over tærsklerne.",
            "No cases are proposed: no active initiative has over- or underspend beyond the thresholds.",
        ));
    } else {
        let forum_text = match (forum, forums.len(), lang) {
            (Some(f), _, Language::Da) => format!("Sagerne oprettes for {}.", f.name),
            (Some(f), _, Language::En) => format!("The cases are made for {}.", f.name),
            (None, 0, Language::Da) => {
                "Arbejdsområdet har intet forum ved navn Økonomistyringsudvalget (ØSU); vælg forum, når sagerne oprettes.".to_string()
            }
            (None, 0, Language::En) => {
                "The workspace has no forum named Økonomistyringsudvalget (ØSU, the economy committee); choose the forum when the cases are made.".to_string()
            }
            (None, _, Language::Da) => {
                "Flere fora hedder Økonomistyringsudvalget (ØSU); vælg forum, når sagerne oprettes.".to_string()
            }
            (None, _, Language::En) => {
                "Several forums are named Økonomistyringsudvalget (ØSU); choose the forum when the cases are made.".to_string()
            }
        };
        b.p(&format!(
            "{} {}",
            match lang {
                Language::Da => format!(
                    "{} {} om mer-/mindreforbrug foreslås oprettet (i TUI'en: Portefølje, [m], [c]).",
                    make.len(),
                    if make.len() == 1 { "sag" } else { "sager" }
                ),
                Language::En => format!(
                    "{} {} of over-/underspend proposed (in the TUI: Portfolio, [m], [c]).",
                    make.len(),
                    if make.len() == 1 { "case" } else { "cases" }
                ),
            },
            forum_text
        ));
        if !make.is_empty() {
            b.blocks.push(Block::List(
                make.iter().map(|p| proposal_line(p, lang)).collect(),
            ));
        }
        if !skip.is_empty() {
            b.p(b.t(
                "Springes over, fordi der allerede er en åben sag om mer-/mindreforbrug:",
                "Skipped, because an open case of over-/underspend exists already:",
            ));
            b.blocks.push(Block::List(
                skip.iter()
                    .map(|p| {
                        format!(
                            "{}: {}",
                            proposal_line(p, lang),
                            p.open_case.as_deref().unwrap_or_default()
                        )
                    })
                    .collect(),
            ));
        }
    }

    // Every initiative.
    b.h(2, b.t("Pr. initiativ", "Per initiative"));
    if all.is_empty() {
        b.p(b.t(
            "Ingen initiativer har rapporteret i året.",
            "No initiative reported this year.",
        ));
    } else {
        let every: Vec<&Row> = all.iter().collect();
        initiative_table(&mut b, &every);
        b.p(b.t(
            "Afvigelse: forventet forbrug minus budget (positiv: merforbrug, negativ: mindreforbrug).",
            "Deviation: forecast minus budget (positive: overspend, negative: underspend).",
        ));
    }

    // Per ministry.
    b.h(2, b.t("Pr. ministerium", "Per ministry"));
    #[derive(Default, Clone, Copy)]
    struct Sums {
        n: usize,
        over: usize,
        under: usize,
        budget: Decimal,
        forecast: Decimal,
        spent: Decimal,
        deviation: Decimal,
    }
    let add = |s: &mut Sums, r: &Row| {
        s.n += 1;
        match r.beyond() {
            Some(Spend::Over) => s.over += 1,
            Some(Spend::Under) => s.under += 1,
            _ => {}
        }
        s.budget += r.budget.unwrap_or_default();
        s.forecast += r.forecast.unwrap_or_default();
        s.spent += r.spent.unwrap_or_default();
        s.deviation += r.deviation().unwrap_or_default();
    };
    let mut per: BTreeMap<String, Sums> = BTreeMap::new();
    let mut total = Sums::default();
    for r in &all {
        add(per.entry(clean_line(&r.init.ministry)).or_default(), r);
        add(&mut total, r);
    }
    let line = |name: String, s: &Sums| {
        vec![
            name,
            format!("{} ({}/{})", s.n, s.over, s.under),
            amount(s.budget, lang),
            amount(s.forecast, lang),
            amount(s.spent, lang),
            amount(s.deviation, lang),
        ]
    };
    let mut mrows: Vec<Vec<String>> = per.iter().map(|(m, s)| line(m.clone(), s)).collect();
    mrows.push(line(b.t("I alt", "Total").into(), &total));
    b.table(
        &[
            b.t("Ministerium", "Ministry"),
            b.t("Initiativer (mer/mindre*)", "Initiatives (over/under*)"),
            b.t("Budget", "Budget"),
            b.t("Forventet", "Forecast"),
            b.t("Forbrugt", "Spent"),
            b.t("Afvigelse", "Deviation"),
        ],
        mrows,
    );
    b.p(b.t(
        "Beløb i mio. kr. * antal initiativer med mer- eller mindreforbrug ud over tærsklerne. Et initiativ uden budget, prognose eller forbrug i årets rapport tæller med nul.",
        "Amounts in DKK m. * number of initiatives with over- or underspend beyond the thresholds. An initiative without budget, forecast or spent in the year's report counts as zero.",
    ));

    Document {
        lang,
        title,
        blocks: b.blocks,
    }
}

/// The default file name: `oekonomioverblik-2026.html` / `economy-overview-2026.html`.
pub fn file_name(ws: &Workspace, year: i32, ext: &str) -> String {
    format!(
        "{}-{year}.{ext}",
        tr(ws.settings.language, "oekonomioverblik", "economy-overview"),
    )
}

#[cfg(test)]
mod tests;
