//! The neutral document model: each export is built once from the workspace as a [`Document`] (headings,
//! paragraphs, labelled fields, lists) in the workspace's language, with all text already cleaned of
//! control characters; the format modules only render it.
//!
//! Here the model and [`build`]; `builder.rs` holds the block builders, `meeting.rs` the agenda and
//! minutes, `consultation.rs` the letter, reminder and summary.

use chrono::{NaiveDate, NaiveDateTime};

use super::dates::{clock, long_date, time_range, weekday_long_date, weekday_long_date_time};
use super::timing::item_start_times;
use super::{DocKind, ExportError, Options, clean, clean_line};
use crate::i18n::{Label, tr};
use crate::model::{
    ActionItem, AgendaItem, Attachment, AttendanceKind, Consultation, ConsultationOutcome,
    ConsultationState, Forum, ItemKind, Language, Meeting, MeetingState, Rag, ReplyKind,
    StandardItem, Workspace,
};
use crate::rules::tally::{proposed_outcome, reply_of_member, tally};

mod builder;
mod consultation;
mod meeting;
pub(crate) use builder::*;
pub(crate) use consultation::*;
pub(crate) use meeting::*;

/// A document ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub lang: Language,
    /// The title for the window or file (e.g. "Dagsorden – Porteføljestyregruppen – 3. december 2026").
    pub title: String,
    pub blocks: Vec<Block>,
}

/// One block of a document. Heading texts and field labels are single lines; paragraph, field and list
/// texts may hold newlines (a blank line separates paragraphs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Level 1 is the document's title, 2 a section or item, 3 a part of an item. Levels never skip.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    /// Label: value pairs.
    Fields(Vec<(String, String)>),
    /// A bullet list.
    List(Vec<String>),
    /// A status mark shown prominently: "UDKAST", "Godkendt den 24. september 2026",
    /// "Offentlig version", "Lukket punkt". One line.
    Mark(String),
    /// A table: a header row and rows of the same length. Cells may hold newlines.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A letter's sender block (authority, office, address, phone, e-mail): lines kept as lines,
    /// set to the right where the format can.
    Sender(Vec<String>),
    /// Lines kept as lines (a sign-off: "Med venlig hilsen", name, title, ...).
    Lines(Vec<String>),
    /// A chart: values per label (a quarter) for one or more series. HTML draws it as SVG; formats
    /// that cannot draw show it as a small table ([`Chart::as_table`]).
    Chart(Chart),
    /// A table whose last columns are traffic lights (a status per quarter): HTML and PDF draw a
    /// coloured dot beside the status letter, the other formats write the word ([`Lights::as_table`]).
    Lights(Lights),
}

/// A table of traffic lights: each row has its text cells, then one light per remaining column of
/// the header (`None`: nothing reported for that column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lights {
    pub header: Vec<String>,
    pub rows: Vec<LightsRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LightsRow {
    pub cells: Vec<String>,
    pub lights: Vec<Option<Rag>>,
}

impl Lights {
    /// The word of a light ("grøn", "gul", "rød", "ikke rapporteret"; "–" for none).
    pub fn word(light: Option<Rag>, lang: Language) -> &'static str {
        match light {
            Some(Rag::Green) => tr(lang, "grøn", "green"),
            Some(Rag::Yellow) => tr(lang, "gul", "yellow"),
            Some(Rag::Red) => tr(lang, "rød", "red"),
            Some(Rag::NotReported) => tr(lang, "ikke rapporteret", "not reported"),
            None => "–",
        }
    }

    /// The colour of a light's dot; `None` for a hollow dot (not reported) or no dot at all.
    pub fn tone(light: Option<Rag>) -> Option<Tone> {
        match light {
            Some(Rag::Green) => Some(Tone::Green),
            Some(Rag::Yellow) => Some(Tone::Yellow),
            Some(Rag::Red) => Some(Tone::Red),
            Some(Rag::NotReported) | None => None,
        }
    }

    /// The table with the lights as words, for the formats that do not draw.
    pub fn as_table(&self, lang: Language) -> (Vec<String>, Vec<Vec<String>>) {
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let mut row = r.cells.clone();
                row.extend(r.lights.iter().map(|l| Self::word(*l, lang).to_string()));
                row
            })
            .collect();
        (self.header.clone(), rows)
    }
}

/// How a chart draws its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Stacked bars, one per label (counts by category).
    StackedBars,
    /// One line per series (amounts over time); a missing value breaks the line.
    Lines,
}

/// A series' colour, by meaning rather than by value, so every format can pick its own shade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Red,
    Yellow,
    Grey,
    Green,
    Blue,
    Dark,
}

impl Tone {
    /// The colour as hex (the traffic-light colours with enough contrast on white), the same in
    /// every format that draws.
    pub fn hex(self) -> &'static str {
        match self {
            Tone::Red => "#c0392b",
            Tone::Yellow => "#e0a800",
            Tone::Grey => "#8a8a8a",
            Tone::Green => "#2e8b57",
            Tone::Blue => "#1f5fa8",
            Tone::Dark => "#333333",
        }
    }
}

/// A rounded-up axis maximum: 1, 2, 2.5 or 5 times a power of ten, at least `max` (1 for nothing
/// to show). The charts of every format and of the TUI use it.
pub fn nice_max(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|s| s * mag)
        .find(|v| *v >= max)
        .unwrap_or(10.0 * mag)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub name: String,
    pub tone: Tone,
    /// One value per label of the chart; `None` where there is none.
    pub values: Vec<Option<rust_decimal::Decimal>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// One line: what the chart shows (also its accessible name).
    pub title: String,
    pub kind: ChartKind,
    /// The unit of the values ("antal", "mio. kr.").
    pub unit: String,
    /// The heading of the label column in the table form ("Kvartal").
    pub label_heading: String,
    /// The x axis: one label per position ("3. kvt. 2026").
    pub labels: Vec<String>,
    pub series: Vec<Series>,
}

impl Chart {
    /// The title with the unit: "Kategorier pr. kvartal (antal initiativer)".
    pub fn caption(&self) -> String {
        format!("{} ({})", self.title, self.unit)
    }

    /// The chart as a table: a row per label, a column per series; values with a decimal comma in
    /// Danish, "–" where there is none.
    pub fn as_table(&self, lang: Language) -> (Vec<String>, Vec<Vec<String>>) {
        let mut header = vec![self.label_heading.clone()];
        header.extend(self.series.iter().map(|s| s.name.clone()));
        let rows = self
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut row = vec![l.clone()];
                row.extend(self.series.iter().map(|s| {
                    s.values
                        .get(i)
                        .copied()
                        .flatten()
                        .map_or_else(|| "–".to_string(), |v| number(v, lang))
                }));
                row
            })
            .collect();
        (header, rows)
    }
}

/// A number as written in the language: "1.234,5" / "1,234.5"; integers without decimals, others with
/// one decimal.
pub fn number(v: rust_decimal::Decimal, lang: Language) -> String {
    let v = if v.fract().is_zero() {
        v.trunc()
    } else {
        v.round_dp(1)
    };
    let s = if v.fract().is_zero() {
        format!("{}", v.trunc())
    } else {
        format!("{v:.1}")
    };
    grouped(&s, lang)
}

/// An amount in mio. kr. as written in the language, always with one decimal ("2.141,0"), so a
/// column of amounts lines up.
pub fn amount(v: rust_decimal::Decimal, lang: Language) -> String {
    let v = v.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    grouped(&format!("{v:.1}"), lang)
}

/// "1234.5" with the language's thousands and decimal marks.
fn grouped(s: &str, lang: Language) -> String {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |r| ("-", r));
    let (group, decimal) = if lang == Language::Da {
        ('.', ',')
    } else {
        (',', '.')
    };
    let mut out = String::from(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(decimal);
        out.push_str(f);
    }
    out
}

/// Builds the document of the given kind for the meeting or consultation `id`.
pub fn build(
    ws: &Workspace,
    kind: DocKind,
    id: &str,
    opts: &Options,
) -> Result<Document, ExportError> {
    match kind {
        DocKind::Agenda => agenda(ws, id, opts),
        DocKind::Minutes => minutes(ws, id, opts),
        DocKind::Letter => letter(ws, id, opts),
        DocKind::Reminder => reminder(ws, id, opts),
        DocKind::Summary => summary(ws, id, opts),
    }
}
