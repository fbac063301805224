// Long but one concern: the portfolio report's rows and their csv, xlsx and document outputs.

//! The quarterly portfolio report (porteføljerapport) the steering group reads every quarter: page 1
//! with the counts by category, what is new, the traffic-light distribution and the categories over
//! the last 8 quarters; a table of the deviating and attention-requiring initiatives (sorted as
//! `deviations` sorts); a section per deviating initiative with its budget-versus-forecast chart and
//! status over time; totals per ministry. As a [`Document`] (html, md, txt, docx) or as one row per
//! initiative (csv, xlsx).
//!
//! Categories and reasons come only from [`crate::rules::deviation`]: the report never classifies
//! by itself.

use super::document::Blocks as B;
use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::document::{Block, Chart, ChartKind, Document, Series, Tone, number};
use super::{ExportError, clean, clean_line};
use crate::i18n::tr;
use crate::model::{
    Case, Decision, Initiative, Language, Lifecycle, Quarter, Rag, StatusReport, Workspace,
    natural_cmp,
};
use crate::rules::deviation::{
    Category, Deviation, budget_of, current_quarter, deviations, reason_label, standing_counts,
};

/// How many quarters the trend chart on page 1 covers.
pub const TREND_QUARTERS: usize = 8;

/// An initiative's place in the report's quarter: one of the rule categories, or on track.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    Listed(Category),
    /// Active and not listed (i plan): on track, or not expected to report yet.
    OnTrack,
    /// Closed initiatives are never listed.
    Closed,
}

impl Standing {
    pub fn label(self, lang: Language) -> &'static str {
        match self {
            Standing::Listed(c) => c.label(lang),
            Standing::OnTrack => tr(lang, "I plan", "On track"),
            Standing::Closed => tr(lang, "Lukket", "Closed"),
        }
    }
}

/// One initiative in the report's quarter, with everything the table and the CSV show.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub init: &'a Initiative,
    pub report: Option<&'a StatusReport>,
    pub standing: Standing,
    /// The rule's row when the initiative is listed.
    pub deviation: Option<Deviation>,
    pub budget: Option<Decimal>,
    pub forecast: Option<Decimal>,
    pub planned_end: Option<NaiveDate>,
    pub forecast_end: Option<NaiveDate>,
    pub cases: Vec<&'a Case>,
    pub latest_decision: Option<&'a Decision>,
}

impl Row<'_> {
    /// Forecast minus budget in mio. kr.
    pub fn over_mdkk(&self) -> Option<Decimal> {
        Some(self.forecast? - self.budget?)
    }
    /// The rule's rounded percentage (see `forecast_deviation_percent`).
    pub fn over_percent(&self) -> Option<Decimal> {
        self.report
            .and_then(|r| crate::rules::deviation::forecast_deviation_percent(r, self.init))
    }
    /// Days from planned to forecast end (positive: late).
    pub fn slip_days(&self) -> Option<i64> {
        Some((self.forecast_end? - self.planned_end?).num_days())
    }
    pub fn reasons(&self, lang: Language) -> Vec<&str> {
        self.deviation
            .as_ref()
            .map(|d| d.reasons.iter().map(|r| reason_label(r, lang)).collect())
            .unwrap_or_default()
    }
}

/// The report's data for quarter `q`: every initiative, the listed ones first in the order of
/// `deviations`, then the others (active before closed) in natural id order.
pub fn rows(ws: &Workspace, q: Quarter) -> Vec<Row<'_>> {
    let listed = deviations(ws, q);
    let order: HashMap<&str, usize> = listed
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut by_id: HashMap<String, Deviation> =
        listed.iter().map(|d| (d.id.clone(), d.clone())).collect();
    let mut cases: HashMap<&str, Vec<&Case>> = HashMap::new();
    for c in &ws.cases {
        if let Some(i) = &c.initiative {
            cases.entry(i.as_str()).or_default().push(c);
        }
    }
    let case_initiative: HashMap<&str, &str> = ws
        .cases
        .iter()
        .filter_map(|c| Some((c.id.as_str(), c.initiative.as_deref()?)))
        .collect();
    let mut latest: HashMap<&str, &Decision> = HashMap::new();
    for d in &ws.decisions {
        let init = d.initiative.as_deref().or_else(|| {
            d.case
                .as_deref()
                .and_then(|c| case_initiative.get(c).copied())
        });
        if let Some(i) = init {
            let e = latest.entry(i).or_insert(d);
            if (d.date, d.id.as_str()) > (e.date, e.id.as_str()) {
                *e = d;
            }
        }
    }
    let mut out: Vec<Row> = ws
        .initiatives
        .iter()
        .map(|init| {
            let report = init.reports.iter().rev().find(|r| r.quarter == q);
            let deviation = by_id.remove(&init.id);
            let standing = match (&deviation, init.lifecycle) {
                (Some(d), _) => Standing::Listed(d.category),
                (None, Lifecycle::Active) => Standing::OnTrack,
                (None, Lifecycle::Closed) => Standing::Closed,
            };
            let mut cs = cases.remove(init.id.as_str()).unwrap_or_default();
            cs.sort_by(|a, b| natural_cmp(&a.id, &b.id));
            Row {
                init,
                report,
                standing,
                deviation,
                budget: report.and_then(|r| budget_of(r, init)).or(init.budget),
                forecast: report.and_then(|r| r.forecast),
                planned_end: report.and_then(|r| r.planned_end).or(init.end_date),
                forecast_end: report.and_then(|r| r.forecast_end),
                cases: cs,
                latest_decision: latest.get(init.id.as_str()).copied(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        let ka = order.get(a.init.id.as_str());
        let kb = order.get(b.init.id.as_str());
        match (ka, kb) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a
                .standing
                .cmp(&b.standing)
                .then_with(|| natural_cmp(&a.init.id, &b.init.id)),
        }
    });
    out
}

/// The quarter a report is about: `--quarter` as written, else the latest quarter with reports.
pub fn quarter_or_latest(ws: &Workspace, q: Option<&str>) -> Result<Quarter, ExportError> {
    match q {
        Some(s) => Quarter::parse_loose(s).ok_or_else(|| ExportError::BadQuarter(s.to_string())),
        None => current_quarter(ws).ok_or(ExportError::NoReports),
    }
}

/// "3. kvt. 2026" / "Q3 2026".
pub fn quarter_label(q: Quarter, lang: Language) -> String {
    match lang {
        Language::Da => format!("{}. kvt. {}", q.q, q.year),
        Language::En => format!("Q{} {}", q.q, q.year),
    }
}

fn rag_word(r: Rag, lang: Language) -> &'static str {
    match r {
        Rag::Green => tr(lang, "grøn", "green"),
        Rag::Yellow => tr(lang, "gul", "yellow"),
        Rag::Red => tr(lang, "rød", "red"),
        Rag::NotReported => tr(lang, "ikke rapporteret", "not reported"),
    }
}

fn date_text(d: NaiveDate, lang: Language) -> String {
    match lang {
        Language::Da => d.format("%d.%m.%Y").to_string(),
        Language::En => d.format("%Y-%m-%d").to_string(),
    }
}

fn opt<T>(v: Option<T>, f: impl Fn(T) -> String) -> String {
    v.map_or_else(|| "–".to_string(), f)
}

/// The column headings of the CSV and XLSX, one per field of [`row_cells`].
pub fn columns(lang: Language) -> Vec<&'static str> {
    let t = |da, en| tr(lang, da, en);
    vec![
        t("Nr.", "No."),
        t("Initiativ", "Initiative"),
        t("Ministerium", "Ministry"),
        t("Institution", "Institution"),
        t("Kvartal", "Quarter"),
        t("Kategori", "Category"),
        t("Ny i kvartalet", "New this quarter"),
        t("Begrundelse", "Reasons"),
        t("Kvartaler i træk", "Quarters in a row"),
        t("Samlet", "Overall"),
        t("Tid", "Time"),
        t("Økonomi", "Cost"),
        t("Indhold", "Scope"),
        t("Risiko", "Risk"),
        t("Budget (mio. kr.)", "Budget (DKK m)"),
        t("Forventet forbrug (mio. kr.)", "Forecast (DKK m)"),
        t("Afvigelse (mio. kr.)", "Deviation (DKK m)"),
        t("Afvigelse (%)", "Deviation (%)"),
        t("Planlagt slut", "Planned end"),
        t("Forventet slut", "Expected end"),
        t("Forsinkelse (dage)", "Slip (days)"),
        t("Sager", "Cases"),
        t("Seneste beslutning", "Latest decision"),
    ]
}

/// One cell of a CSV/XLSX row: text, a number (mio. kr., %, days, count) or a date.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(Option<Decimal>),
    Date(Option<NaiveDate>),
}

/// The cells of one row, in the order of [`columns`].
pub fn row_cells(row: &Row, q: Quarter, lang: Language) -> Vec<Cell> {
    let text = |s: &str| Cell::Text(clean_line(s));
    let dims = row.report.map(|r| r.dimensions());
    let rag = |i: usize| {
        Cell::Text(match (row.report, dims) {
            (Some(r), Some(d)) => rag_word(if i == 0 { r.overall } else { d[i - 1] }, lang).into(),
            _ => String::new(),
        })
    };
    let yes_no = |b: bool| {
        tr(
            lang,
            if b { "ja" } else { "nej" },
            if b { "yes" } else { "no" },
        )
    };
    vec![
        text(&row.init.id),
        text(&row.init.name),
        text(&row.init.ministry),
        text(&row.init.institution),
        text(&quarter_label(q, lang)),
        Cell::Text(row.standing.label(lang).into()),
        Cell::Text(
            row.deviation
                .as_ref()
                .map(|d| yes_no(d.new).to_string())
                .unwrap_or_default(),
        ),
        Cell::Text(row.reasons(lang).join(", ")),
        Cell::Number(
            row.deviation
                .as_ref()
                .map(|d| Decimal::from(d.consecutive_quarters)),
        ),
        rag(0),
        rag(1),
        rag(2),
        rag(3),
        rag(4),
        Cell::Number(row.budget),
        Cell::Number(row.forecast),
        Cell::Number(row.over_mdkk()),
        Cell::Number(row.over_percent()),
        Cell::Date(row.planned_end),
        Cell::Date(row.forecast_end),
        Cell::Number(row.slip_days().map(Decimal::from)),
        text(
            &row.cases
                .iter()
                .map(|c| format!("{} {}", c.id, c.title))
                .collect::<Vec<_>>()
                .join(" | "),
        ),
        text(
            &row.latest_decision
                .map(|d| format!("{} {}", d.date.format("%Y-%m-%d"), d.text))
                .unwrap_or_default(),
        ),
    ]
}

/// The CSV: one row per initiative; in Danish `;`-separated with a decimal comma (as Danish Excel
/// reads it), in English comma-separated with a decimal point. Starts with a UTF-8 byte order mark
/// so that Excel reads æøå right. Dates as YYYY-MM-DD.
pub fn csv(ws: &Workspace, q: Quarter) -> Result<String, ExportError> {
    let lang = ws.settings.language;
    csv_of(
        lang,
        &columns(lang),
        rows(ws, q).iter().map(|row| row_cells(row, q, lang)),
    )
}

/// A CSV of `header` and `rows` as the secretariat's Excel reads it (see [`csv`]); shared by the
/// portfolio report and the economy overview.
pub(crate) fn csv_of(
    lang: Language,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell>>,
) -> Result<String, ExportError> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(if lang == Language::Da { b';' } else { b',' })
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![]);
    let io = |e: csv::Error| ExportError::Write(e.to_string());
    w.write_record(header).map_err(io)?;
    for row in rows {
        let cells: Vec<String> = row
            .into_iter()
            .map(|c| match c {
                Cell::Text(s) => s,
                Cell::Number(n) => n.map(|n| plain_number(n, lang)).unwrap_or_default(),
                Cell::Date(d) => d
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            })
            .collect();
        w.write_record(&cells).map_err(io)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ExportError::Write(e.to_string()))?;
    let mut out = String::from("\u{feff}");
    out.push_str(&String::from_utf8_lossy(&bytes));
    Ok(out)
}

/// A number without thousands separators, decimal comma in Danish: "1234,5".
fn plain_number(n: Decimal, lang: Language) -> String {
    let s = n.normalize().to_string();
    if lang == Language::Da {
        s.replace('.', ",")
    } else {
        s
    }
}

/// The XLSX workbook: the CSV's rows with real numbers and dates, a bold frozen header and a filter.
/// Deterministic: the document's creation time is the quarter's last day.
pub fn xlsx(ws: &Workspace, q: Quarter) -> Result<Vec<u8>, ExportError> {
    use rust_decimal::prelude::ToPrimitive;
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let lang = ws.settings.language;
    let err = |e: rust_xlsxwriter::XlsxError| ExportError::Write(e.to_string());
    let mut wb = Workbook::new();
    let end = q.end();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(end.year()).unwrap_or(2000),
        u8::try_from(end.month()).unwrap_or(1),
        u8::try_from(end.day()).unwrap_or(1),
    )
    .map_err(err)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(clean_line(&format!(
                "{} {}",
                tr(lang, "Porteføljerapport", "Portfolio report"),
                quarter_label(q, lang)
            )))
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
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
            .set_column_width(c, if c == 1 || c >= 21 { 40 } else { 14 })
            .map_err(err)?;
    }
    let all = rows(ws, q);
    for (r, row) in all.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row_cells(row, q, lang).into_iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Cell::Text(s) if !s.is_empty() => {
                    sheet.write_string(r, col, s).map_err(err)?;
                }
                Cell::Number(Some(n)) => {
                    let f = if n.fract().is_zero() && (c == 8 || c == 20) {
                        &int_fmt
                    } else {
                        &num_fmt
                    };
                    sheet
                        .write_number_with_format(r, col, n.to_f64().unwrap_or(0.0), f)
                        .map_err(err)?;
                }
                Cell::Date(Some(d)) => {
                    let dt = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        u8::try_from(d.month()).unwrap_or(1),
                        u8::try_from(d.day()).unwrap_or(1),
                    )
                    .map_err(err)?;
                    sheet
                        .write_datetime_with_format(r, col, &dt, &date_fmt)
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
    opt(v, |v| number(v, lang))
}

/// Builds the portfolio report for quarter `q` in the workspace's language.
pub fn document(ws: &Workspace, q: Quarter) -> Document {
    let lang = ws.settings.language;
    let mut b = B {
        lang,
        blocks: vec![],
    };
    let ql = quarter_label(q, lang);
    let title = format!(
        "{} {} – {}",
        b.t("Porteføljerapport", "Portfolio report"),
        ql,
        clean_line(&ws.settings.name)
    );
    b.h(1, &title);
    let all = rows(ws, q);
    let active: Vec<&Row> = all
        .iter()
        .filter(|r| r.init.lifecycle == Lifecycle::Active)
        .collect();

    // Page 1: counts.
    b.h(2, b.t("Overblik", "Overview"));
    let c = standing_counts(ws, q);
    let new_count = |cat: Category| {
        all.iter()
            .filter(|r| {
                r.deviation
                    .as_ref()
                    .is_some_and(|d| d.category == cat && d.new)
            })
            .count()
    };
    let not_yet = active.len() - c.iter().sum::<usize>();
    let mut overview = vec![
        vec![
            Category::Deviating.label(lang).to_string(),
            c[0].to_string(),
            new_count(Category::Deviating).to_string(),
        ],
        vec![
            Category::Attention.label(lang).to_string(),
            c[1].to_string(),
            new_count(Category::Attention).to_string(),
        ],
        vec![
            Category::Missing.label(lang).to_string(),
            c[2].to_string(),
            new_count(Category::Missing).to_string(),
        ],
        vec![
            Standing::OnTrack.label(lang).to_string(),
            c[3].to_string(),
            String::new(),
        ],
    ];
    if not_yet > 0 {
        overview.push(vec![
            b.t("Ikke rapporteringspligtige endnu", "Not reporting yet")
                .to_string(),
            not_yet.to_string(),
            String::new(),
        ]);
    }
    overview.push(vec![
        b.t("Aktive initiativer i alt", "Active initiatives in total")
            .to_string(),
        active.len().to_string(),
        String::new(),
    ]);
    b.table_owned(
        vec![
            b.t("Kategori", "Category").into(),
            b.t("Antal", "Number").into(),
            b.t("Heraf nye i kvartalet", "Of these new this quarter")
                .into(),
        ],
        overview,
    );

    // Traffic lights.
    b.h(
        3,
        b.t("Trafiklys i kvartalet", "Traffic lights this quarter"),
    );
    let dim_names = [
        b.t("Samlet", "Overall"),
        b.t("Tid", "Time"),
        b.t("Økonomi", "Cost"),
        b.t("Indhold", "Scope"),
        b.t("Risiko", "Risk"),
    ];
    let mut tl = vec![[0usize; 4]; 5];
    for r in &active {
        if let Some(rep) = r.report {
            let d = rep.dimensions();
            for (k, rag) in std::iter::once(rep.overall).chain(d).enumerate() {
                let idx = match rag {
                    Rag::Green => 0,
                    Rag::Yellow => 1,
                    Rag::Red => 2,
                    Rag::NotReported => 3,
                };
                tl[k][idx] += 1;
            }
        }
    }
    b.table_owned(
        vec![
            b.t("Dimension", "Dimension").into(),
            b.t("Grøn", "Green").into(),
            b.t("Gul", "Yellow").into(),
            b.t("Rød", "Red").into(),
            b.t("Ikke rapporteret", "Not reported").into(),
        ],
        dim_names
            .iter()
            .zip(&tl)
            .map(|(n, c)| {
                let mut row = vec![n.to_string()];
                row.extend(c.iter().map(|v| v.to_string()));
                row
            })
            .collect(),
    );

    // Categories over the last 8 quarters.
    let mut quarters = vec![q];
    while quarters.len() < TREND_QUARTERS {
        let prev = quarters[quarters.len() - 1].prev();
        quarters.push(prev);
    }
    quarters.reverse();
    let per_q: Vec<[usize; 4]> = quarters.iter().map(|qq| standing_counts(ws, *qq)).collect();
    let series = |i: usize, name: &str, tone: Tone| Series {
        name: name.to_string(),
        tone,
        values: per_q.iter().map(|c| Some(Decimal::from(c[i]))).collect(),
    };
    b.blocks.push(Block::Chart(Chart {
        title: format!(
            "{} {}–{}",
            b.t("Kategorier pr. kvartal", "Categories per quarter"),
            quarter_label(quarters[0], lang),
            ql
        ),
        kind: ChartKind::StackedBars,
        unit: b.t("antal initiativer", "initiatives").into(),
        label_heading: b.t("Kvartal", "Quarter").into(),
        labels: quarters.iter().map(|qq| quarter_label(*qq, lang)).collect(),
        series: vec![
            series(0, Category::Deviating.label(lang), Tone::Red),
            series(1, Category::Attention.label(lang), Tone::Yellow),
            series(2, Category::Missing.label(lang), Tone::Grey),
            series(3, Standing::OnTrack.label(lang), Tone::Green),
        ],
    }));

    // The table of deviating and attention-requiring initiatives.
    b.h(
        2,
        b.t(
            "Afvigende og opmærksomhedskrævende initiativer",
            "Deviating initiatives and initiatives requiring attention",
        ),
    );
    let listed: Vec<&Row> = all
        .iter()
        .filter(|r| {
            matches!(
                r.standing,
                Standing::Listed(Category::Deviating | Category::Attention)
            )
        })
        .collect();
    if listed.is_empty() {
        b.p(b.t(
            "Ingen initiativer er afvigende eller opmærksomhedskrævende i kvartalet.",
            "No initiative deviates or requires attention this quarter.",
        ));
    } else {
        let header: Vec<String> = [
            b.t("Nr.", "No."),
            b.t("Initiativ og kategori", "Initiative and category"),
            b.t("Status", "Status"),
            b.t("Økonomi (mio. kr.)", "Cost (DKK m)"),
            b.t("Tidsplan", "Schedule"),
            b.t("Begrundelse", "Reasons"),
            b.t("Sag og seneste beslutning", "Case and latest decision"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let body = listed.iter().map(|r| table_row(r, lang)).collect();
        b.table_owned(header, body);
    }

    // One section per deviating initiative.
    for r in all
        .iter()
        .filter(|r| r.standing == Standing::Listed(Category::Deviating))
    {
        initiative_section(&mut b, r, ws);
    }

    // Per ministry.
    b.h(2, b.t("Pr. ministerium", "Per ministry"));
    let mut per: BTreeMap<String, (usize, usize, usize, Decimal, Decimal)> = BTreeMap::new();
    for r in &active {
        let e = per.entry(clean_line(&r.init.ministry)).or_default();
        e.0 += 1;
        match r.standing {
            Standing::Listed(Category::Deviating) => e.1 += 1,
            Standing::Listed(Category::Attention) => e.2 += 1,
            _ => {}
        }
        e.3 += r.budget.unwrap_or_default();
        e.4 += r.forecast.or(r.budget).unwrap_or_default();
    }
    let mut total = (0, 0, 0, Decimal::ZERO, Decimal::ZERO);
    let mut mrows: Vec<Vec<String>> = vec![];
    for (m, v) in &per {
        total = (
            total.0 + v.0,
            total.1 + v.1,
            total.2 + v.2,
            total.3 + v.3,
            total.4 + v.4,
        );
        mrows.push(vec![
            m.clone(),
            v.0.to_string(),
            v.1.to_string(),
            v.2.to_string(),
            number(v.3, lang),
            number(v.4, lang),
        ]);
    }
    mrows.push(vec![
        b.t("I alt", "Total").into(),
        total.0.to_string(),
        total.1.to_string(),
        total.2.to_string(),
        number(total.3, lang),
        number(total.4, lang),
    ]);
    b.table_owned(
        [
            b.t("Ministerium", "Ministry"),
            b.t("Initiativer", "Initiatives"),
            b.t("Afvigende", "Deviating"),
            b.t("Opmærksomhed", "Attention"),
            b.t("Budget (mio. kr.)", "Budget (DKK m)"),
            b.t("Forventet forbrug (mio. kr.)", "Forecast (DKK m)"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        mrows,
    );
    b.p(b.t(
        "Forventet forbrug er initiativets seneste prognose i kvartalet; uden prognose tælles budgettet med.",
        "Forecast is the initiative's latest forecast this quarter; without one, its budget is counted.",
    ));

    Document {
        lang,
        title,
        blocks: b.blocks,
    }
}

fn table_row(r: &Row, lang: Language) -> Vec<String> {
    let t = |da, en| tr(lang, da, en);
    let d = r.deviation.as_ref();
    let mut cat = r.standing.label(lang).to_string();
    if let Some(d) = d {
        if d.new {
            cat.push_str(&format!("\n{}", t("ny", "new")));
        }
        cat.push_str(&format!(
            "\n{} {}",
            d.consecutive_quarters,
            t("kvt. i træk", "quarters in a row")
        ));
    }
    let status = match r.report {
        Some(rep) => {
            let dims = rep.dimensions();
            [
                (t("Samlet", "Overall"), rep.overall),
                (t("Tid", "Time"), dims[0]),
                (t("Økonomi", "Cost"), dims[1]),
                (t("Indhold", "Scope"), dims[2]),
                (t("Risiko", "Risk"), dims[3]),
            ]
            .iter()
            .map(|(n, v)| format!("{n}: {}", rag_word(*v, lang)))
            .collect::<Vec<_>>()
            .join("\n")
        }
        None => String::new(),
    };
    let money = format!(
        "{}: {}\n{}: {}\n{}: {}{}",
        t("Budget", "Budget"),
        mio(r.budget, lang),
        t("Forventet", "Forecast"),
        mio(r.forecast, lang),
        t("Afvigelse", "Deviation"),
        mio(r.over_mdkk(), lang),
        r.over_percent()
            .map(|p| format!(" ({} %)", number(p, lang)))
            .unwrap_or_default()
    );
    let schedule = format!(
        "{}: {}\n{}: {}\n{}: {}",
        t("Planlagt", "Planned"),
        opt(r.planned_end, |d| date_text(d, lang)),
        t("Forventet", "Expected"),
        opt(r.forecast_end, |d| date_text(d, lang)),
        t("Forsinkelse", "Slip"),
        opt(r.slip_days(), |d| format!("{d} {}", t("dage", "days"))),
    );
    let mut cases: Vec<String> = r
        .cases
        .iter()
        .map(|c| format!("{} {}", c.id, clean_line(&c.title)))
        .collect();
    if let Some(dec) = r.latest_decision {
        cases.push(format!(
            "{} {}: {}",
            t("Besluttet", "Decided"),
            date_text(dec.date, lang),
            shorten(&clean_line(&dec.text), 120)
        ));
    }
    vec![
        r.init.id.clone(),
        format!("{}\n{}\n{cat}", r.init.name, r.init.ministry),
        status,
        money,
        schedule,
        r.reasons(lang).join(", "),
        cases.join("\n"),
    ]
}

/// At most `max` characters, cut at a word with "…" (the full text is in the CSV and the
/// initiative's section).
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

fn initiative_section(b: &mut B, r: &Row, ws: &Workspace) {
    let lang = b.lang;
    b.blocks.push(Block::Heading {
        level: 2,
        text: clean_line(&format!("{} {}", r.init.id, r.init.name)),
    });
    let i = r.init;
    let fields: Vec<(&str, String)> = vec![
        (b.t("Ministerium", "Ministry"), i.ministry.clone()),
        (b.t("Institution", "Institution"), i.institution.clone()),
        (b.t("Projektejer", "Project owner"), i.project_owner.clone()),
        (
            b.t("Projektleder", "Project manager"),
            i.project_manager.clone(),
        ),
        (
            b.t("Start", "Start"),
            i.start_date.map(|d| date_text(d, lang)).unwrap_or_default(),
        ),
        (
            b.t("Planlagt slut", "Planned end"),
            r.planned_end
                .map(|d| date_text(d, lang))
                .unwrap_or_default(),
        ),
        (
            b.t("Budget", "Budget"),
            r.budget
                .map(|v| super::dates::mio_kr(v, lang))
                .unwrap_or_default(),
        ),
        (
            b.t("Forventet forbrug", "Forecast"),
            r.forecast
                .map(|v| super::dates::mio_kr(v, lang))
                .unwrap_or_default(),
        ),
        (b.t("Begrundelse", "Reasons"), r.reasons(lang).join(", ")),
    ];
    let fields: Vec<(String, String)> = fields
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.to_string(), clean(&v).trim().to_string()))
        .collect();
    b.blocks.push(Block::Fields(fields));
    if let Some(rep) = r.report
        && !rep.comment.trim().is_empty()
    {
        b.h(3, b.t("Rapporteret kommentar", "Reported comment"));
        b.p(&rep.comment);
    }
    let mut reports: Vec<&StatusReport> = i.reports.iter().collect();
    reports.sort_by_key(|r| r.quarter);
    reports.dedup_by_key(|r| r.quarter);
    if !reports.is_empty() {
        b.blocks.push(Block::Chart(Chart {
            title: format!(
                "{} – {}",
                clean_line(&i.id),
                b.t("budget og forventet forbrug", "budget and forecast")
            ),
            kind: ChartKind::Lines,
            unit: b.t("mio. kr.", "DKK m").into(),
            label_heading: b.t("Kvartal", "Quarter").into(),
            labels: reports
                .iter()
                .map(|r| quarter_label(r.quarter, lang))
                .collect(),
            series: vec![
                Series {
                    name: b.t("Budget", "Budget").into(),
                    tone: Tone::Blue,
                    values: reports.iter().map(|r| budget_of(r, i)).collect(),
                },
                Series {
                    name: b.t("Forventet forbrug", "Forecast").into(),
                    tone: Tone::Red,
                    values: reports.iter().map(|r| r.forecast).collect(),
                },
                Series {
                    name: b.t("Forbrugt", "Spent").into(),
                    tone: Tone::Dark,
                    values: reports.iter().map(|r| r.spent).collect(),
                },
            ],
        }));
        b.h(3, b.t("Status over tid", "Status over time"));
        b.table_owned(
            [
                b.t("Kvartal", "Quarter"),
                b.t("Samlet", "Overall"),
                b.t("Tid", "Time"),
                b.t("Økonomi", "Cost"),
                b.t("Indhold", "Scope"),
                b.t("Risiko", "Risk"),
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            reports
                .iter()
                .map(|r| {
                    let mut row = vec![quarter_label(r.quarter, lang)];
                    row.push(rag_word(r.overall, lang).into());
                    row.extend(
                        r.dimensions()
                            .iter()
                            .map(|d| rag_word(*d, lang).to_string()),
                    );
                    row
                })
                .collect(),
        );
    }
    let mut items: Vec<String> = r
        .cases
        .iter()
        .map(|c| format!("{} {}", c.id, clean_line(&c.title)))
        .collect();
    let mut decisions: Vec<&Decision> = ws
        .decisions
        .iter()
        .filter(|d| {
            d.initiative.as_deref() == Some(i.id.as_str())
                || d.case
                    .as_deref()
                    .is_some_and(|c| r.cases.iter().any(|k| k.id == c))
        })
        .collect();
    decisions.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    items.extend(decisions.iter().map(|d| {
        format!(
            "{} {}: {}",
            b.t("Beslutning", "Decision"),
            date_text(d.date, lang),
            clean_line(&d.text)
        )
    }));
    if !items.is_empty() {
        b.h(3, b.t("Sager og beslutninger", "Cases and decisions"));
        b.blocks.push(Block::List(items));
    }
}

/// The default file name: `portefoeljerapport-2026-q3.html` / `portfolio-report-2026-q3.html`.
pub fn file_name(ws: &Workspace, q: Quarter, ext: &str) -> String {
    format!(
        "{}-{}-q{}.{ext}",
        tr(
            ws.settings.language,
            "portefoeljerapport",
            "portfolio-report"
        ),
        q.year,
        q.q
    )
}
