//! The neutral document model: each export is built once from the workspace as a [`Document`] (headings,
//! paragraphs, labelled fields, lists) in the workspace's language, with all text already cleaned of
//! control characters; the format modules only render it.

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
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
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

struct Builder {
    lang: Language,
    blocks: Vec<Block>,
}

/// A line of user text that starts a bullet ("- ", "* ", "• "): the text after the marker.
fn bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    ["- ", "* ", "• ", "– "]
        .iter()
        .find_map(|m| t.strip_prefix(m))
        .map(str::trim)
        .filter(|rest| !rest.is_empty())
}

impl Builder {
    fn new(lang: Language) -> Builder {
        Builder {
            lang,
            blocks: vec![],
        }
    }
    fn t(&self, da: &'static str, en: &'static str) -> &'static str {
        tr(self.lang, da, en)
    }
    fn heading(&mut self, level: u8, text: &str) {
        self.blocks.push(Block::Heading {
            level,
            text: clean_line(text),
        });
    }
    fn mark(&mut self, text: &str) {
        self.blocks.push(Block::Mark(clean_line(text)));
    }
    /// Untrusted text: paragraphs (split at blank lines) and the bullet lists typed into it ("- a"
    /// lines) as lists; nothing when it is blank.
    fn para(&mut self, text: &str) {
        let text = clean(text);
        let mut para: Vec<&str> = vec![];
        let mut items: Vec<String> = vec![];
        let flush_para = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
            let p = para.join("\n").trim().to_string();
            if !p.is_empty() {
                blocks.push(Block::Paragraph(p));
            }
            para.clear();
        };
        let flush_items = |items: &mut Vec<String>, blocks: &mut Vec<Block>| {
            if !items.is_empty() {
                blocks.push(Block::List(std::mem::take(items)));
            }
        };
        for line in text.split('\n') {
            if let Some(item) = bullet(line) {
                flush_para(&mut para, &mut self.blocks);
                items.push(item.to_string());
            } else if line.trim().is_empty() {
                flush_para(&mut para, &mut self.blocks);
                flush_items(&mut items, &mut self.blocks);
            } else if !items.is_empty() && line.starts_with([' ', '\t']) {
                // An indented line continues the list item above it.
                if let Some(last) = items.last_mut() {
                    last.push(' ');
                    last.push_str(line.trim());
                }
            } else {
                flush_items(&mut items, &mut self.blocks);
                para.push(line.trim_end());
            }
        }
        flush_para(&mut para, &mut self.blocks);
        flush_items(&mut items, &mut self.blocks);
    }
    /// A section (level-3 heading and text), left out when the text is blank.
    fn section(&mut self, heading: &str, text: &str) {
        self.section_at(3, heading, text);
    }
    fn section_at(&mut self, level: u8, heading: &str, text: &str) {
        if !text.trim().is_empty() {
            self.heading(level, heading);
            self.para(text);
        }
    }
    /// Fields; pairs with a blank value are left out.
    fn fields(&mut self, pairs: Vec<(&str, String)>) {
        let pairs: Vec<(String, String)> = pairs
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (clean_line(k), clean(&v).trim().to_string()))
            .collect();
        if !pairs.is_empty() {
            self.blocks.push(Block::Fields(pairs));
        }
    }
    fn list(&mut self, items: Vec<String>) {
        let items: Vec<String> = items
            .iter()
            .map(|i| clean(i).trim().to_string())
            .filter(|i| !i.is_empty())
            .collect();
        if !items.is_empty() {
            self.blocks.push(Block::List(items));
        }
    }
    fn table(&mut self, header: Vec<&str>, rows: Vec<Vec<String>>) {
        let header: Vec<String> = header.into_iter().map(clean_line).collect();
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|r| {
                let mut r: Vec<String> = r.iter().map(|c| clean(c).trim().to_string()).collect();
                r.resize(header.len(), String::new());
                r
            })
            .collect();
        self.blocks.push(Block::Table { header, rows });
    }
    fn lines(&mut self, sender: bool, lines: Vec<String>) {
        let lines: Vec<String> = lines
            .iter()
            .map(|l| clean_line(l))
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            self.blocks.push(if sender {
                Block::Sender(lines)
            } else {
                Block::Lines(lines)
            });
        }
    }
    fn finish(self, title: String) -> Document {
        Document {
            lang: self.lang,
            title: clean_line(&title),
            blocks: self.blocks,
        }
    }
}

fn forum_of<'a>(ws: &'a Workspace, forum: &str, owner: String) -> Result<&'a Forum, ExportError> {
    ws.forum(forum).ok_or_else(|| ExportError::UnknownForum {
        owner,
        forum: forum.to_string(),
    })
}

fn meeting_of<'a>(ws: &'a Workspace, id: &str) -> Result<(&'a Meeting, &'a Forum), ExportError> {
    let m = ws
        .meeting(id)
        .ok_or_else(|| ExportError::UnknownMeeting(id.to_string()))?;
    let f = forum_of(ws, &m.forum, format!("meeting {:?}", m.id))?;
    Ok((m, f))
}

fn consultation_of<'a>(
    ws: &'a Workspace,
    id: &str,
) -> Result<(&'a Consultation, &'a Forum), ExportError> {
    let c = ws
        .consultation(id)
        .ok_or_else(|| ExportError::UnknownConsultation(id.to_string()))?;
    let f = forum_of(ws, &c.forum, format!("consultation {:?}", c.id))?;
    Ok((c, f))
}

/// "Digitaliseringsstyrelsen: Anne Hansen", or just the authority.
fn member_line(authority: &str, representative: &str) -> String {
    if representative.trim().is_empty() {
        clean_line(authority)
    } else {
        format!("{}: {}", clean_line(authority), clean_line(representative))
    }
}

/// The authority's current name: the member's when the reference finds one (a renamed member shows
/// its new name), else the name recorded.
fn authority_of<'a>(f: &'a Forum, member: &str, authority: &'a str) -> &'a str {
    f.member_ref(member, authority)
        .map_or(authority, |m| m.authority.as_str())
}

/// The status marks at the top of every document: the state, and "Offentlig version" when public.
fn marks(b: &mut Builder, state: Option<String>, opts: &Options) {
    if let Some(s) = state {
        b.mark(&s);
    }
    if opts.public {
        b.mark(b.t("Offentlig version", "Public version"));
    }
}

fn draft(lang: Language) -> String {
    tr(lang, "UDKAST", "DRAFT").to_string()
}

fn meeting_fields(b: &Builder, m: &Meeting, minutes: bool) -> Vec<(&'static str, String)> {
    let lang = b.lang;
    let mut v = vec![
        (b.t("Dato", "Date"), weekday_long_date(m.date, lang)),
        (
            b.t("Tid", "Time"),
            m.start
                .map(|s| time_range(s, m.end, lang))
                .unwrap_or_default(),
        ),
        (b.t("Sted", "Place"), m.place.clone()),
        (b.t("Formand", "Chair"), m.chair.clone()),
    ];
    if minutes {
        v.push((b.t("Referent", "Minutes taken by"), m.secretary.clone()));
    }
    v.push((b.t("J.nr.", "Ref. no."), m.journal.clone()));
    v
}

/// The forum's standard item with the item's title, if the item is one.
fn standard_of<'a>(f: &'a Forum, item: &AgendaItem) -> Option<&'a StandardItem> {
    f.standard_items
        .iter()
        .find(|s| s.title.trim().eq_ignore_ascii_case(item.title.trim()))
}

/// The item's own text, or the case's when the item's is blank.
fn item_text<'a>(
    ws: &'a Workspace,
    item: &'a AgendaItem,
    pick: fn(&crate::model::Case) -> &str,
    own: &'a str,
) -> &'a str {
    if own.trim().is_empty() {
        item.case
            .as_deref()
            .and_then(|c| ws.case(c))
            .map(pick)
            .unwrap_or(own)
    } else {
        own
    }
}

/// The item's indstilling: its own, the case's, or (for a standard item) the forum's standard text.
fn recommendation<'a>(ws: &'a Workspace, f: &'a Forum, item: &'a AgendaItem) -> &'a str {
    let r = item_text(ws, item, |c| &c.recommendation, &item.recommendation);
    if r.trim().is_empty() && item.case.is_none() {
        standard_of(f, item).map_or(r, |s| s.recommendation.as_str())
    } else {
        r
    }
}

pub(crate) fn item_attachments<'a>(ws: &'a Workspace, item: &'a AgendaItem) -> &'a [Attachment] {
    if item.attachments.is_empty() {
        item.case
            .as_deref()
            .and_then(|c| ws.case(c))
            .map(|c| c.attachments.as_slice())
            .unwrap_or(&[])
    } else {
        &item.attachments
    }
}

/// "Bilag 4.1: Title" for every attachment.
fn attachment_lines(lang: Language, number: usize, atts: &[&Attachment]) -> Vec<String> {
    atts.iter()
        .enumerate()
        .map(|(i, a)| {
            format!(
                "{} {}.{}: {}",
                tr(lang, "Bilag", "Annex"),
                number,
                i + 1,
                clean_line(&a.title)
            )
        })
        .collect()
}

/// "Text (ansvarlig: X, frist: 3. december 2026 – overskredet)". A due date before `as_of` (the
/// meeting the list is for) is marked overdue.
fn action_line(a: &ActionItem, f: &Forum, as_of: Option<NaiveDate>, lang: Language) -> String {
    let mut extra = vec![];
    let owner = authority_of(f, &a.owner_member, &a.owner);
    if !owner.trim().is_empty() {
        extra.push(format!(
            "{}: {}",
            tr(lang, "ansvarlig", "owner"),
            clean_line(owner)
        ));
    }
    if let Some(due) = a.due {
        let overdue = !a.done && as_of.is_some_and(|d| due < d);
        extra.push(format!(
            "{}: {}{}",
            tr(lang, "frist", "due"),
            long_date(due, lang),
            if overdue {
                tr(lang, " – overskredet", " – overdue")
            } else {
                ""
            }
        ));
    }
    let mut s = clean(a.text.trim());
    if !extra.is_empty() {
        s = format!("{s} ({})", extra.join(", "));
    }
    if a.done {
        s = format!("{s} – {}", tr(lang, "udført", "done"));
    }
    s
}

/// Open action items of the forum's meetings before `m` (and of `m` itself when `including`), in
/// meeting order, each with where it came from; due dates before `m` are marked overdue. Closed
/// items are skipped in public exports.
fn open_actions(
    ws: &Workspace,
    f: &Forum,
    m: &Meeting,
    including: bool,
    opts: &Options,
) -> Vec<String> {
    let lang = ws.settings.language;
    let mut earlier: Vec<&Meeting> = ws
        .meetings
        .iter()
        .filter(|o| o.forum == m.forum)
        .filter(|o| {
            let (a, b) = ((o.date, o.id.as_str()), (m.date, m.id.as_str()));
            a < b || (including && a == b)
        })
        .collect();
    earlier.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let mut out = vec![];
    for o in earlier {
        for (n, item) in o.items.iter().enumerate() {
            if opts.public && item.closed {
                continue;
            }
            for a in item.minutes.action_items.iter().filter(|a| !a.done) {
                let source = match lang {
                    Language::Da => format!("møde {}, punkt {}", long_date(o.date, lang), n + 1),
                    Language::En => format!("meeting {}, item {}", long_date(o.date, lang), n + 1),
                };
                out.push(format!(
                    "{} – {}",
                    action_line(a, f, Some(m.date), lang),
                    source
                ));
            }
        }
    }
    out
}

fn closed_title(lang: Language) -> &'static str {
    tr(lang, "Lukket punkt", "Closed item")
}

/// "4. Title", or "4. Lukket punkt" for a closed item in a public export (then hidden is true).
pub(crate) fn item_heading(
    lang: Language,
    n: usize,
    item: &AgendaItem,
    opts: &Options,
) -> (String, bool) {
    if item.closed && opts.public {
        (format!("{n}. {}", closed_title(lang)), true)
    } else {
        (format!("{n}. {}", clean_line(&item.title)), false)
    }
}

fn agenda(ws: &Workspace, id: &str, opts: &Options) -> Result<Document, ExportError> {
    let (m, f) = meeting_of(ws, id)?;
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    let heading = if m.agenda_version > 1 {
        match lang {
            Language::Da => format!("Revideret dagsorden (version {})", m.agenda_version),
            Language::En => format!("Revised agenda (version {})", m.agenda_version),
        }
    } else {
        b.t("Dagsorden", "Agenda").to_string()
    };
    let state = (m.state == MeetingState::Draft).then(|| draft(lang));
    marks(&mut b, state, opts);
    b.heading(1, &format!("{heading}: {}", f.name));
    let fields = meeting_fields(&b, m, false);
    b.fields(fields);
    if m.agenda_version > 1 {
        b.section_at(
            2,
            b.t("Ændringer i denne version", "Changes in this version"),
            &m.revision_note,
        );
    }

    // Page 1: the items at a glance.
    let starts = item_start_times(m);
    b.heading(2, b.t("Dagsordenens punkter", "Items on the agenda"));
    if m.items.is_empty() {
        b.para(b.t(
            "Der er ingen punkter på dagsordenen.",
            "There are no items on the agenda.",
        ));
    } else {
        let rows = m
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let (h, hidden) = item_heading(lang, i + 1, item, opts);
                let (nr, title) = h.split_once(". ").unwrap_or(("", &h));
                vec![
                    format!("{nr}."),
                    starts
                        .get(i)
                        .copied()
                        .flatten()
                        .map(|t| clock(t, lang))
                        .unwrap_or_default(),
                    title.to_string(),
                    if hidden {
                        String::new()
                    } else {
                        item.kind.label(lang).to_string()
                    },
                ]
            })
            .collect();
        b.table(
            vec![
                b.t("Nr.", "No."),
                b.t("Tid", "Time"),
                b.t("Punkt", "Item"),
                b.t("Type", "Type"),
            ],
            rows,
        );
    }

    b.heading(2, b.t("Deltagere", "Participants"));
    if f.members.is_empty() {
        b.para(b.t("Ingen medlemmer registreret.", "No members registered."));
    }
    b.list(
        f.members
            .iter()
            .map(|mem| member_line(&mem.authority, &mem.representative))
            .collect(),
    );

    for (i, item) in m.items.iter().enumerate() {
        let n = i + 1;
        let (h, hidden) = item_heading(lang, n, item, opts);
        b.heading(2, &h);
        if hidden {
            continue;
        }
        if item.closed {
            b.mark(closed_title(lang));
        }
        let start = starts
            .get(i)
            .copied()
            .flatten()
            .map(|t| clock(t, lang))
            .unwrap_or_default();
        let case = item.case.as_deref().map(|c| match ws.case(c) {
            Some(case) => format!("{} – {}", case.id, case.title),
            None => c.to_string(),
        });
        b.fields(vec![
            (b.t("Tidspunkt", "Time"), start),
            (b.t("Type", "Type"), item.kind.label(lang).to_string()),
            (b.t("Oplæg ved", "Presenter"), item.presenter.clone()),
            (b.t("Sag", "Case"), case.unwrap_or_default()),
        ]);
        b.section(
            b.t("Indstilling", "Recommendation"),
            recommendation(ws, f, item),
        );
        b.section(
            b.t("Sagsfremstilling", "Background"),
            item_text(ws, item, |c| &c.background, &item.background),
        );
        let atts: Vec<&Attachment> = item_attachments(ws, item).iter().collect();
        if !atts.is_empty() {
            b.heading(3, b.t("Bilag", "Annexes"));
            b.list(attachment_lines(lang, n, &atts));
        }
        if item.follow_up {
            b.heading(3, b.t("Åbne opfølgningspunkter", "Open action items"));
            let open = open_actions(ws, f, m, false, opts);
            if open.is_empty() {
                b.para(b.t(
                    "Der er ingen åbne opfølgningspunkter.",
                    "There are no open action items.",
                ));
            }
            b.list(open);
        }
    }
    let title = format!("{heading} – {} – {}", f.name, long_date(m.date, lang));
    Ok(b.finish(title))
}

fn minutes(ws: &Workspace, id: &str, opts: &Options) -> Result<Document, ExportError> {
    let (m, f) = meeting_of(ws, id)?;
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    let heading = b.t("Beslutningsreferat", "Minutes");
    let state = if m.state == MeetingState::Approved {
        Some(match m.approved_date {
            Some(d) => match lang {
                Language::Da => format!("Godkendt den {}", long_date(d, lang)),
                Language::En => format!("Approved on {}", long_date(d, lang)),
            },
            None => b.t("Godkendt", "Approved").to_string(),
        })
    } else {
        Some(draft(lang))
    };
    marks(&mut b, state, opts);
    b.heading(1, &format!("{heading}: {}", f.name));
    let fields = meeting_fields(&b, m, true);
    b.fields(fields);

    b.heading(2, b.t("Fremmøde", "Attendance"));
    if m.attendance.is_empty() {
        b.para(b.t(
            "Fremmødet er ikke registreret.",
            "Attendance has not been recorded.",
        ));
    }
    let groups = [
        (AttendanceKind::Present, b.t("Til stede", "Present")),
        (
            AttendanceKind::Substitute,
            b.t("Stedfortrædere", "Substitutes"),
        ),
        (AttendanceKind::Absent, b.t("Afbud", "Absent")),
    ];
    for (kind, label) in groups {
        let lines: Vec<String> = m
            .attendance
            .iter()
            .filter(|a| a.kind == kind)
            .map(|a| {
                let mem = f.member_ref(&a.member, &a.authority);
                let authority = mem.map_or(a.authority.as_str(), |x| x.authority.as_str());
                let representative = mem.map_or("", |x| x.representative.as_str());
                match kind {
                    AttendanceKind::Absent => member_line(
                        authority,
                        if a.name.trim().is_empty() {
                            representative
                        } else {
                            &a.name
                        },
                    ),
                    AttendanceKind::Present => member_line(authority, &a.name),
                    AttendanceKind::Substitute if a.name.trim().is_empty() => clean_line(authority),
                    AttendanceKind::Substitute if representative.trim().is_empty() => format!(
                        "{}: {} ({})",
                        clean_line(authority),
                        clean_line(&a.name),
                        tr(lang, "stedfortræder", "substitute")
                    ),
                    AttendanceKind::Substitute => format!(
                        "{}: {} ({} {})",
                        clean_line(authority),
                        clean_line(&a.name),
                        tr(lang, "stedfortræder for", "substituting for"),
                        clean_line(representative)
                    ),
                }
            })
            .collect();
        if !lines.is_empty() {
            b.heading(3, label);
            b.list(lines);
        }
    }

    if m.items.is_empty() {
        b.heading(2, b.t("Punkter", "Items"));
        b.para(b.t(
            "Der var ingen punkter på dagsordenen.",
            "There were no items on the agenda.",
        ));
    }
    for (i, item) in m.items.iter().enumerate() {
        let (h, hidden) = item_heading(lang, i + 1, item, opts);
        b.heading(2, &h);
        if hidden {
            continue;
        }
        if item.closed {
            b.mark(closed_title(lang));
        }
        b.fields(vec![(
            b.t("Type", "Type"),
            item.kind.label(lang).to_string(),
        )]);
        b.section(
            b.t("Indstilling", "Recommendation"),
            recommendation(ws, f, item),
        );
        let decision = item.minutes.decision.trim();
        match item.kind {
            ItemKind::Decision => {
                b.heading(3, b.t("Beslutning", "Decision"));
                if decision.is_empty() {
                    b.para(b.t("Ingen beslutning registreret.", "No decision recorded."));
                } else {
                    b.para(decision);
                }
            }
            ItemKind::Discussion => b.section(b.t("Konklusion", "Conclusion"), decision),
            ItemKind::Information => b.section(b.t("Referat", "Notes"), decision),
        }
        if !item.minutes.action_items.is_empty() {
            b.heading(3, b.t("Opfølgningspunkter", "Action items"));
            b.list(
                item.minutes
                    .action_items
                    .iter()
                    .map(|a| action_line(a, f, None, lang))
                    .collect(),
            );
        }
    }

    b.heading(2, b.t("Opfølgningsliste", "Follow-up list"));
    let open = open_actions(ws, f, m, true, opts);
    if open.is_empty() {
        b.para(b.t(
            "Der er ingen åbne opfølgningspunkter.",
            "There are no open action items.",
        ));
    }
    b.list(open);
    let title = format!("{heading} – {} – {}", f.name, long_date(m.date, lang));
    Ok(b.finish(title))
}

fn deadline_text(d: Option<NaiveDateTime>, lang: Language) -> String {
    match d {
        Some(d) => weekday_long_date_time(d, lang),
        None => tr(lang, "ikke fastsat", "not set").to_string(),
    }
}

fn silence_rule(f: &Forum, lang: Language) -> &'static str {
    if f.silence_is_consent {
        tr(
            lang,
            "Manglende svar betragtes som tilslutning.",
            "No reply is taken as consent.",
        )
    } else {
        tr(
            lang,
            "Manglende svar betragtes ikke som tilslutning.",
            "No reply is not taken as consent.",
        )
    }
}

/// Where replies go: the sender's e-mail address, else the forum's secretariat by name.
fn reply_address(ws: &Workspace, f: &Forum, lang: Language) -> String {
    let email = ws.settings.sender.email.trim();
    if !email.is_empty() {
        let who = tr(lang, "sekretariatet på", "the secretariat at");
        return format!("{who} {}", clean_line(email));
    }
    if f.secretariat.trim().is_empty() {
        tr(lang, "sekretariatet", "the secretariat").to_string()
    } else {
        match lang {
            Language::Da => format!("sekretariatet ({})", clean_line(&f.secretariat)),
            Language::En => format!("the secretariat ({})", clean_line(&f.secretariat)),
        }
    }
}

fn how_to_reply(b: &mut Builder, ws: &Workspace, f: &Forum, deadline: Option<NaiveDateTime>) {
    let lang = b.lang;
    let to = reply_address(ws, f, lang);
    let deadline = deadline_text(deadline, lang);
    let text = match lang {
        Language::Da => format!(
            "Høringssvar sendes pr. e-mail til {to} senest {deadline}. Angiv i svaret ét af følgende:"
        ),
        Language::En => {
            format!("Please reply by e-mail to {to} by {deadline}, stating one of the following:")
        }
    };
    b.para(&text);
    b.list(
        [
            ReplyKind::Consent,
            ReplyKind::ConsentWithComments,
            ReplyKind::Objection,
        ]
        .iter()
        .map(|k| k.label(lang).to_string())
        .collect(),
    );
    b.para(silence_rule(f, lang));
}

/// The letterhead: the sender block, the date line and the journal number.
fn letterhead(b: &mut Builder, ws: &Workspace, f: &Forum, date: Option<NaiveDate>, journal: &str) {
    let lang = b.lang;
    let s = &ws.settings.sender;
    let mut lines = vec![];
    if s.authority.trim().is_empty() && s.office.trim().is_empty() {
        lines.push(f.secretariat.clone());
    } else {
        lines.push(s.authority.clone());
        lines.push(s.office.clone());
    }
    lines.extend(
        s.address
            .split(['\n', ','])
            .map(str::trim)
            .map(String::from),
    );
    if !s.phone.trim().is_empty() {
        lines.push(format!("{} {}", tr(lang, "Tlf.", "Tel."), s.phone.trim()));
    }
    if !s.email.trim().is_empty() {
        lines.push(format!(
            "{} {}",
            tr(lang, "E-mail", "E-mail"),
            s.email.trim()
        ));
    }
    b.lines(true, lines);
    b.fields(vec![
        (
            b.t("Dato", "Date"),
            date.map(|d| long_date(d, lang)).unwrap_or_default(),
        ),
        (b.t("J.nr.", "Ref. no."), journal.to_string()),
    ]);
}

/// "Med venlig hilsen", the contact person, title, authority, phone and e-mail.
fn sign_off(b: &mut Builder, ws: &Workspace, f: &Forum) {
    let lang = b.lang;
    let s = &ws.settings.sender;
    let mut lines = vec![tr(lang, "Med venlig hilsen", "Yours sincerely").to_string()];
    if s.contact.name.trim().is_empty() {
        lines.push(match lang {
            Language::Da => format!("Sekretariatet for {}", clean_line(&f.name)),
            Language::En => format!("The secretariat of {}", clean_line(&f.name)),
        });
    } else {
        lines.push(s.contact.name.clone());
        lines.push(s.contact.title.clone());
    }
    lines.push(s.authority.clone());
    if !s.phone.trim().is_empty() {
        lines.push(format!("{} {}", tr(lang, "Tlf.", "Tel."), s.phone.trim()));
    }
    if !s.email.trim().is_empty() {
        lines.push(s.email.clone());
    }
    b.lines(false, lines);
}

/// The recipients: "Til medlemmerne af Porteføljestyregruppen:" and one line per member.
fn recipients(b: &mut Builder, f: &Forum, members: &[&crate::model::Member]) {
    let lang = b.lang;
    b.para(&match lang {
        Language::Da => format!("Til medlemmerne af {}:", clean_line(&f.name)),
        Language::En => format!("To the members of {}:", clean_line(&f.name)),
    });
    if members.is_empty() {
        b.para(b.t("Ingen medlemmer registreret.", "No members registered."));
    }
    b.list(
        members
            .iter()
            .map(|mem| member_line(&mem.authority, &mem.representative))
            .collect(),
    );
}

/// »text« in Danish, “text” in English.
fn quote(lang: Language, text: &str) -> String {
    match lang {
        Language::Da => format!("»{}«", clean_line(text)),
        Language::En => format!("“{}”", clean_line(text)),
    }
}

/// Whether an attachment is the consultation's own letter (which the letter does not list).
pub(crate) fn is_own_letter(c: &Consultation, a: &Attachment) -> bool {
    let id = c.id.to_lowercase();
    let (t, p) = (a.title.to_lowercase(), a.path.to_lowercase());
    (t.contains(&id) || p.contains(&id))
        && (t.contains("høringsbrev") || p.contains("hoeringsbrev") || t.contains("letter"))
}

fn letter(ws: &Workspace, id: &str, opts: &Options) -> Result<Document, ExportError> {
    let (c, f) = consultation_of(ws, id)?;
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    let state = (c.state == ConsultationState::Draft).then(|| draft(lang));
    marks(&mut b, state, opts);
    letterhead(&mut b, ws, f, c.sent_date.or(opts.today), &c.journal);
    let members: Vec<&crate::model::Member> = f.members.iter().collect();
    recipients(&mut b, f, &members);

    let heading = b.t("Skriftlig høring", "Written consultation");
    b.heading(1, &format!("{heading}: {}", c.subject));
    let intro = match lang {
        Language::Da => format!(
            "Sekretariatet sender hermed på vegne af {} {} i skriftlig høring (høring {}).",
            clean_line(&f.name),
            if c.cases.len() == 1 {
                "følgende sag"
            } else {
                "følgende sager"
            },
            c.id
        ),
        Language::En => format!(
            "On behalf of {}, the secretariat hereby submits the following {} for written consultation (consultation {}).",
            clean_line(&f.name),
            if c.cases.len() == 1 { "case" } else { "cases" },
            c.id
        ),
    };
    b.para(&intro);
    for (i, case_id) in c.cases.iter().enumerate() {
        let case = ws.case(case_id).ok_or_else(|| ExportError::UnknownCase {
            consultation: c.id.clone(),
            case: case_id.clone(),
        })?;
        let n = i + 1;
        b.heading(2, &format!("{n}. {} ({})", case.title, case.id));
        b.section(b.t("Indstilling", "Recommendation"), &case.recommendation);
        b.section(b.t("Sagsfremstilling", "Background"), &case.background);
        let atts: Vec<&Attachment> = case
            .attachments
            .iter()
            .filter(|a| !is_own_letter(c, a))
            .collect();
        if !atts.is_empty() {
            b.heading(3, b.t("Bilag", "Annexes"));
            b.list(attachment_lines(lang, n, &atts));
        }
    }
    if c.cases.is_empty() {
        b.para(b.t(
            "Høringen omfatter ingen sager.",
            "The consultation includes no cases.",
        ));
    }

    b.heading(2, b.t("Svarfrist og svar", "Deadline and how to reply"));
    how_to_reply(&mut b, ws, f, c.deadline);
    sign_off(&mut b, ws, f);
    let title = format!(
        "{} – {} – {}",
        b.t("Høringsbrev", "Consultation letter"),
        c.id,
        c.subject
    );
    Ok(b.finish(title))
}

/// Members with no reply, or a reply of kind "no reply".
fn missing_members<'a>(c: &Consultation, f: &'a Forum) -> Vec<&'a crate::model::Member> {
    f.members
        .iter()
        .filter(|mem| reply_of_member(c, mem).is_none_or(|r| r.kind == ReplyKind::NoReply))
        .collect()
}

fn reminder(ws: &Workspace, id: &str, opts: &Options) -> Result<Document, ExportError> {
    let (c, f) = consultation_of(ws, id)?;
    match c.state {
        ConsultationState::Sent => {}
        ConsultationState::Draft => return Err(ExportError::ReminderNotSent(c.id.clone())),
        ConsultationState::Concluded => {
            return Err(ExportError::ReminderConcluded(c.id.clone()));
        }
    }
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    marks(&mut b, None, opts);
    letterhead(&mut b, ws, f, opts.today, &c.journal);
    let missing = missing_members(c, f);
    recipients(&mut b, f, &missing);
    let heading = b.t("Rykker", "Reminder");
    b.heading(1, &format!("{heading}: {}", c.subject));
    let sent = c
        .sent_date
        .map(|d| match lang {
            Language::Da => format!(" den {}", long_date(d, lang)),
            Language::En => format!(" on {}", long_date(d, lang)),
        })
        .unwrap_or_default();
    let old = deadline_text(c.deadline, lang);
    let intro = match lang {
        Language::Da => format!(
            "Sekretariatet sendte{sent} på vegne af {} {} (høring {}) i skriftlig høring med svarfrist {old}. Sekretariatet har endnu ikke modtaget jeres svar.",
            clean_line(&f.name),
            quote(lang, &c.subject),
            c.id,
        ),
        Language::En => format!(
            "On behalf of {}, the secretariat sent{sent} {} (consultation {}) for written consultation with the reply deadline {old}. The secretariat has not yet received your reply.",
            clean_line(&f.name),
            quote(lang, &c.subject),
            c.id,
        ),
    };
    b.para(&intro);
    let passed = match (c.deadline, opts.today) {
        (Some(d), Some(t)) => d.date() < t,
        _ => false,
    };
    let deadline = opts.deadline.or(c.deadline);
    if opts.deadline.is_some() {
        b.para(&match lang {
            Language::Da => format!(
                "Sekretariatet har fastsat en ny svarfrist: {}.",
                deadline_text(deadline, lang)
            ),
            Language::En => format!(
                "The secretariat has set a new reply deadline: {}.",
                deadline_text(deadline, lang)
            ),
        });
    } else if passed {
        b.para(b.t(
            "Svarfristen er overskredet. Sekretariatet beder om jeres svar hurtigst muligt.",
            "The deadline has passed. The secretariat asks for your reply as soon as possible.",
        ));
    }
    b.heading(2, b.t("Svarfrist og svar", "Deadline and how to reply"));
    how_to_reply(&mut b, ws, f, deadline);
    sign_off(&mut b, ws, f);
    let date = opts
        .today
        .map(|d| format!(" – {}", long_date(d, lang)))
        .unwrap_or_default();
    let title = format!("{heading} – {} – {}{date}", c.id, c.subject);
    Ok(b.finish(title))
}

fn summary(ws: &Workspace, id: &str, opts: &Options) -> Result<Document, ExportError> {
    let (c, f) = consultation_of(ws, id)?;
    let lang = ws.settings.language;
    let mut b = Builder::new(lang);
    let state = (c.state != ConsultationState::Concluded).then(|| draft(lang));
    marks(&mut b, state, opts);
    letterhead(&mut b, ws, f, c.concluded_date.or(opts.today), &c.journal);
    let heading = b.t("Høringsnotat", "Consultation summary");
    b.heading(1, &format!("{heading}: {}", c.subject));
    b.fields(vec![
        (b.t("Forum", "Forum"), f.name.clone()),
        (b.t("Høring", "Consultation"), c.id.clone()),
        (
            b.t("Udsendt", "Sent"),
            c.sent_date.map(|d| long_date(d, lang)).unwrap_or_default(),
        ),
        (
            b.t("Svarfrist", "Reply deadline"),
            deadline_text(c.deadline, lang),
        ),
        (
            b.t("Afsluttet", "Concluded"),
            c.concluded_date
                .map(|d| long_date(d, lang))
                .unwrap_or_default(),
        ),
    ]);

    b.heading(2, b.t("Sager", "Cases"));
    if c.cases.is_empty() {
        b.para(b.t(
            "Høringen omfatter ingen sager.",
            "The consultation includes no cases.",
        ));
    }
    b.list(
        c.cases
            .iter()
            .map(|id| match ws.case(id) {
                Some(case) => format!("{}: {}", case.id, clean_line(&case.title)),
                None => clean_line(id),
            })
            .collect(),
    );

    b.heading(2, b.t("Høringssvar", "Replies"));
    // Members first, in forum order (by id, so a renamed member keeps its reply), then replies from
    // anyone else.
    let row = |authority: String, r: Option<&crate::model::Reply>| {
        vec![
            authority,
            r.map(|r| r.kind)
                .unwrap_or_default()
                .label(lang)
                .to_string(),
            r.and_then(|r| r.received)
                .map(|d| long_date(d, lang))
                .unwrap_or_default(),
            r.map(|r| r.text.clone()).unwrap_or_default(),
        ]
    };
    let mut rows: Vec<Vec<String>> = f
        .members
        .iter()
        .map(|mem| row(mem.authority.clone(), reply_of_member(c, mem)))
        .collect();
    for r in &c.replies {
        if f.member_ref(&r.member, &r.authority).is_none() {
            rows.push(row(
                format!(
                    "{} ({})",
                    clean_line(&r.authority),
                    b.t("ikke medlem", "not a member")
                ),
                Some(r),
            ));
        }
    }
    if rows.is_empty() {
        b.para(b.t("Ingen høringssvar.", "No replies."));
    } else {
        b.table(
            vec![
                b.t("Myndighed", "Authority"),
                b.t("Svar", "Reply"),
                b.t("Modtaget", "Received"),
                b.t("Bemærkning", "Comment"),
            ],
            rows,
        );
    }

    b.heading(2, b.t("Opgørelse", "Tally"));
    let t = tally(c, f);
    b.fields(vec![
        (ReplyKind::Consent.label(lang), t.consent.to_string()),
        (
            ReplyKind::ConsentWithComments.label(lang),
            t.with_comments.to_string(),
        ),
        (ReplyKind::Objection.label(lang), t.objection.to_string()),
        (ReplyKind::NoReply.label(lang), t.outstanding.to_string()),
        (
            b.t("Medlemmer i alt", "Members in all"),
            t.total().to_string(),
        ),
    ]);
    b.para(silence_rule(f, lang));

    b.heading(2, b.t("Resultat", "Outcome"));
    let outcome = match c.outcome {
        Some(ConsultationOutcome::Adopted) => b
            .t(
                "Indstillingen er tiltrådt.",
                "The recommendation is adopted.",
            )
            .to_string(),
        Some(ConsultationOutcome::NotAdopted) => b
            .t(
                "Indstillingen er ikke tiltrådt.",
                "The recommendation is not adopted.",
            )
            .to_string(),
        Some(ConsultationOutcome::ToMeeting) => b
            .t(
                "Sagen afgøres ikke skriftligt, men forelægges på et møde.",
                "The case is not settled in writing but goes to a meeting.",
            )
            .to_string(),
        Some(ConsultationOutcome::Escalated) => b
            .t(
                "Sagen eskaleres til det overordnede forum.",
                "The case is escalated to the parent forum.",
            )
            .to_string(),
        Some(ConsultationOutcome::Withdrawn) => b
            .t("Sagen er trukket tilbage.", "The case is withdrawn.")
            .to_string(),
        None => {
            // The proposal as of the start of the document's date (or just after the deadline when
            // undated), for the secretariat to confirm.
            let now = opts
                .today
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .or(c.deadline.map(|d| d + chrono::Duration::seconds(1)))
                .unwrap_or_default();
            let p = proposed_outcome(c, f, now);
            match lang {
                Language::Da => format!("Forslag til resultat: {}.", p.describe(lang)),
                Language::En => format!("Proposed outcome: {}.", p.describe(lang)),
            }
        }
    };
    b.para(&outcome);
    b.section(
        b.t(
            "Begrundelse for afvigelse fra optællingen",
            "Reason for overriding the count",
        ),
        &c.override_reason,
    );
    b.heading(
        2,
        b.t("Sekretariatets bemærkninger", "The secretariat's remarks"),
    );
    if c.remarks.trim().is_empty() {
        b.para(b.t("Ingen bemærkninger.", "No remarks."));
    } else {
        b.para(&c.remarks);
    }
    let title = format!("{heading} – {} – {}", c.id, c.subject);
    Ok(b.finish(title))
}

/// Builds a report's blocks (the portfolio report, the economy overview, the annual statement):
/// headings, paragraphs and tables, each cleaned of control characters.
pub(crate) struct Blocks {
    pub lang: Language,
    pub blocks: Vec<Block>,
}

impl Blocks {
    pub fn t(&self, da: &'static str, en: &'static str) -> &'static str {
        tr(self.lang, da, en)
    }
    pub fn h(&mut self, level: u8, text: &str) {
        self.blocks.push(Block::Heading {
            level,
            text: clean_line(text),
        });
    }
    /// A paragraph; nothing for an empty text.
    pub fn p(&mut self, text: &str) {
        let t = clean(text).trim().to_string();
        if !t.is_empty() {
            self.blocks.push(Block::Paragraph(t));
        }
    }
    pub fn table(&mut self, header: &[&str], rows: Vec<Vec<String>>) {
        self.table_owned(header.iter().map(|h| h.to_string()).collect(), rows);
    }
    pub fn table_owned(&mut self, header: Vec<String>, rows: Vec<Vec<String>>) {
        let rows = rows
            .into_iter()
            .map(|r| r.iter().map(|c| clean(c).trim().to_string()).collect())
            .collect();
        self.blocks.push(Block::Table { header, rows });
    }
}
