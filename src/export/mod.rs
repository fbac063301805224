//! Exports for distribution: agendas, minutes, consultation letters, reminders and consultation
//! summaries as Markdown, self-contained HTML, plain text and iCalendar. Pure functions: no I/O, no clock;
//! the same workspace always gives byte-identical output. Each document is built once as a neutral
//! [`document::Document`] and then rendered per format.

pub mod annual;
pub mod dates;
pub mod document;
pub mod docx;
pub mod economy;
pub mod follow_up;
pub mod html;
pub mod ical;
pub mod markdown;
pub mod output;
pub mod pack;
pub mod pdf;
pub mod portfolio;
pub mod publish;
pub mod text;
pub mod timing;
pub mod typst;

#[cfg(test)]
mod annual_tests;
#[cfg(test)]
mod pdf_tests;
#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use crate::i18n::tr;
use crate::model::ids::slug;
use crate::model::{Language, Workspace};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Md,
    Html,
    Txt,
    Ics,
    /// Word (Office Open XML); binary, see [`export_bytes`].
    Docx,
    /// PDF through the built-in typesetter (A4, page numbers, bookmarks, tagged).
    Pdf,
}

impl Format {
    /// The formats written from the document model without the typesetter (golden files cover
    /// them); PDF is tested by parsing the files it makes (`pdf_tests`).
    pub const ALL: [Format; 5] = [
        Format::Md,
        Format::Html,
        Format::Txt,
        Format::Ics,
        Format::Docx,
    ];

    /// The file extension without the dot: "md", "html", "txt", "ics", "docx".
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Txt => "txt",
            Format::Ics => "ics",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for Format {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "md" => Ok(Format::Md),
            "html" => Ok(Format::Html),
            "txt" => Ok(Format::Txt),
            "ics" => Ok(Format::Ics),
            "docx" => Ok(Format::Docx),
            "pdf" => Ok(Format::Pdf),
            _ => Err(ExportError::UnknownFormat(s.to_string())),
        }
    }
}

/// Which document to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// Dagsorden, for a meeting.
    Agenda,
    /// Beslutningsreferat, for a meeting.
    Minutes,
    /// Høringsbrev, for a consultation.
    Letter,
    /// Rykker, for a consultation: to the members that have not replied.
    Reminder,
    /// Høringsnotat, for a consultation.
    Summary,
}

impl DocKind {
    pub const ALL: [DocKind; 5] = [
        DocKind::Agenda,
        DocKind::Minutes,
        DocKind::Letter,
        DocKind::Reminder,
        DocKind::Summary,
    ];

    /// Whether the document is about a meeting (else a consultation).
    pub fn is_meeting(self) -> bool {
        matches!(self, DocKind::Agenda | DocKind::Minutes)
    }

    /// The document's name in file names: "dagsorden", "referat", ... / "agenda", "minutes", ...
    pub fn file_word(self, lang: Language) -> &'static str {
        match (self, lang) {
            (DocKind::Agenda, Language::Da) => "dagsorden",
            (DocKind::Minutes, Language::Da) => "referat",
            (DocKind::Letter, Language::Da) => "hoeringsbrev",
            (DocKind::Reminder, Language::Da) => "rykker",
            (DocKind::Summary, Language::Da) => "hoeringsnotat",
            (DocKind::Agenda, Language::En) => "agenda",
            (DocKind::Minutes, Language::En) => "minutes",
            (DocKind::Letter, Language::En) => "letter",
            (DocKind::Reminder, Language::En) => "reminder",
            (DocKind::Summary, Language::En) => "summary",
        }
    }
}

impl FromStr for DocKind {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let kind = DocKind::ALL.into_iter().find(|k| {
            [Language::Da, Language::En]
                .iter()
                .any(|l| k.file_word(*l).eq_ignore_ascii_case(s))
        });
        kind.ok_or_else(|| ExportError::UnknownDocKind(s.to_string()))
    }
}

/// Export options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// For the public: closed items ("lukket punkt") show only their number and "Lukket punkt",
    /// and every document says "Offentlig version".
    pub public: bool,
    /// The day the document is made: the date line of a reminder (and of a letter or summary that
    /// has no date of its own), and the date in a reminder's file name. Exports read no clock; the
    /// caller passes it.
    pub today: Option<chrono::NaiveDate>,
    /// A new reply deadline set in a reminder.
    pub deadline: Option<chrono::NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("there is no meeting with the id {0:?}")]
    UnknownMeeting(String),
    #[error("there is no consultation with the id {0:?}")]
    UnknownConsultation(String),
    #[error("{owner} refers to the forum {forum:?}, which is not in the workspace")]
    UnknownForum { owner: String, forum: String },
    #[error("consultation {consultation:?} lists the case {case:?}, which is not in the workspace")]
    UnknownCase { consultation: String, case: String },
    #[error("the format {0:?} is only available for agendas (use md, html or txt)")]
    IcsOnlyForAgenda(String),
    #[error("unknown export format {0:?} (use md, html, txt, ics, docx or pdf)")]
    UnknownFormat(String),
    #[error(
        "unknown document {0:?} (use dagsorden, referat, hoeringsbrev, rykker or hoeringsnotat)"
    )]
    UnknownDocKind(String),
    #[error(
        "no reminder for consultation {0:?}: it has not been sent yet (send it first; a reminder goes to members who have not replied to a sent consultation)"
    )]
    ReminderNotSent(String),
    #[error(
        "no reminder for consultation {0:?}: it is concluded, so no more replies are asked for (export its summary instead: export summary {0})"
    )]
    ReminderConcluded(String),
    #[error("the format {0:?} is binary; write it to a file (-o FILE or the default out/)")]
    Binary(String),
    #[error("{0}")]
    Pdf(#[from] pdf::PdfError),
    #[error(
        "{label} ({title:?}, item {item}, file {path}) cannot go into the pack: {why}; fix or replace the file, or use --skip-broken to list it as not inserted"
    )]
    BrokenBilag {
        label: String,
        title: String,
        item: String,
        path: String,
        why: String,
    },
    #[error("--quarter: cannot read {0:?} as a quarter (write it as 2026Q3)")]
    BadQuarter(String),
    #[error(
        "no status reports in the workspace yet (import some with `secretariat import reports FILE`)"
    )]
    NoReports,
    #[error("--year: cannot read {0:?} as a year (write it as 2026)")]
    BadYear(String),
    #[error(
        "no status reports for {year} (there are reports for {years}); choose one of those with --year"
    )]
    NoReportsInYear { year: i32, years: String },
    #[error("cannot write the file: {0}")]
    Write(String),
    #[error("the format {0:?} is not available for this document")]
    FormatNotFor(String),
    #[error("--year: {0} is not a year the workspace can hold (write it as 2026)")]
    YearOutOfRange(i32),
    #[error(
        "nothing in the workspace for {0}: no status report, decision, closing report or written consultation (choose another --year)"
    )]
    NothingInYear(i32),
}

/// Exports one document in one format.
pub fn export(
    ws: &Workspace,
    kind: DocKind,
    id: &str,
    format: Format,
    opts: &Options,
) -> Result<String, ExportError> {
    match format {
        Format::Md => markdown::export(ws, kind, id, opts),
        Format::Html => html::export(ws, kind, id, opts),
        Format::Txt => text::export(ws, kind, id, opts),
        Format::Ics => match kind {
            DocKind::Agenda => ical::agenda(ws, id, opts),
            _ => Err(ExportError::IcsOnlyForAgenda(format!("{}", Format::Ics))),
        },
        Format::Docx | Format::Pdf => Err(ExportError::Binary(format.to_string())),
    }
}

/// The longest forum part of a default file name, in characters (ASCII: a slug).
const MAX_SLUG: usize = 60;

/// Exports one document in one format as the bytes of its file (every format, the binary ones too).
pub fn export_bytes(
    ws: &Workspace,
    kind: DocKind,
    id: &str,
    format: Format,
    opts: &Options,
) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Docx => docx::export(ws, kind, id, opts),
        Format::Pdf => pdf_document(ws, kind, id, opts, pdf::PdfSettings::default()),
        _ => export(ws, kind, id, format, opts).map(String::into_bytes),
    }
}

/// [`file_name`] with the default options.
pub fn default_file_name(ws: &Workspace, doc: DocKind, id: &str, format: Format) -> String {
    file_name(ws, doc, id, format, &Options::default())
}

/// The page settings (metadata, running header) of a document about a meeting or consultation.
fn page_of(ws: &Workspace, kind: DocKind, id: &str, doc: &document::Document) -> typst::Page {
    use chrono::Datelike;
    let mut page = typst::Page::for_document(doc);
    let lang = doc.lang;
    if kind.is_meeting() {
        if let Some(m) = ws.meeting(id) {
            let forum = ws.forum(&m.forum);
            let name = forum.map_or(m.forum.as_str(), |f| f.name.as_str());
            page.header = clean_line(&format!("{name} – {}", dates::long_date(m.date, lang)));
            page.author = forum.map(|f| clean_line(&f.secretariat));
            page.date = Some((m.date.year(), m.date.month(), m.date.day()));
        }
    } else if let Some(c) = ws.consultation(id) {
        let forum = ws.forum(&c.forum);
        let name = forum.map_or(c.forum.as_str(), |f| f.name.as_str());
        page.header = clean_line(&format!("{name} – {}", c.id));
        page.author = forum.map(|f| clean_line(&f.secretariat));
        page.date = c.sent_date.map(|d| (d.year(), d.month(), d.day()));
    }
    page
}

/// The Typst source of a document (what [`pdf_document`] typesets).
pub fn typst_source(
    ws: &Workspace,
    kind: DocKind,
    id: &str,
    opts: &Options,
) -> Result<String, ExportError> {
    let doc = document::build(ws, kind, id, opts)?;
    let mut page = page_of(ws, kind, id, &doc);
    if opts.public {
        page.mark = Some(crate::i18n::tr(doc.lang, "Offentlig version", "Public version").into());
    }
    Ok(typst::render(&doc, &page))
}

/// One document as PDF (A4, page numbers, bookmarks, tagged; PDF/A-2b when asked).
pub fn pdf_document(
    ws: &Workspace,
    kind: DocKind,
    id: &str,
    opts: &Options,
    settings: pdf::PdfSettings,
) -> Result<Vec<u8>, ExportError> {
    let source = typst_source(ws, kind, id, opts)?;
    Ok(pdf::compile(&source, &pdf::Files::new(), settings)?)
}

/// A file name for the document: `2026-12-03-portefoeljestyregruppen-dagsorden.html` for a meeting,
/// `h-2026-03-portefoeljestyregruppen-hoeringsbrev.md` for a consultation. English words in an English
/// workspace. A revised agenda carries its version (`...-dagsorden-v2.html`, so version 1's files are
/// kept), a reminder its date (`...-rykker-2026-12-01.md`, so a second reminder does not overwrite the
/// first), a public export `-offentlig`. Falls back to the slugged id when the record or its forum is
/// unknown.
pub fn file_name(ws: &Workspace, doc: DocKind, id: &str, format: Format, opts: &Options) -> String {
    let lang = ws.settings.language;
    let (prefix, forum) = if doc.is_meeting() {
        match ws.meeting(id) {
            Some(m) => (
                m.date.format("%Y-%m-%d").to_string(),
                Some(m.forum.as_str()),
            ),
            None => (slug(id), None),
        }
    } else {
        match ws.consultation(id) {
            Some(c) => (slug(&c.id), Some(c.forum.as_str())),
            None => (slug(id), None),
        }
    };
    // Bounded, so a long forum name cannot make the name longer than a file system takes.
    let forum = forum.map(|f| {
        let s = ws
            .forum(f)
            .map(|f| slug(&f.name))
            .unwrap_or_else(|| slug(f));
        s.chars()
            .take(MAX_SLUG)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string()
    });
    let mut parts = vec![prefix];
    parts.extend(forum.filter(|f| !f.is_empty()));
    parts.push(doc.file_word(lang).to_string());
    if doc == DocKind::Agenda
        && let Some(m) = ws.meeting(id)
        && m.agenda_version > 1
    {
        parts.push(format!("v{}", m.agenda_version));
    }
    if doc == DocKind::Reminder
        && let Some(d) = opts.today
    {
        parts.push(d.format("%Y-%m-%d").to_string());
    }
    if opts.public {
        parts.push(tr(lang, "offentlig", "public").to_string());
    }
    format!("{}.{}", parts.join("-"), format.extension())
}

/// Makes untrusted text safe for every format: CR LF and lone CR become LF; other C0 controls except
/// tab and LF become their visible control pictures (U+2400 + code, ESC -> U+241B), DEL becomes U+2421,
/// and C1 controls become U+FFFD.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('\u{2421}'),
            '\u{80}'..='\u{9f}' => out.push('\u{fffd}'),
            _ => out.push(c),
        }
    }
    out
}

/// Like [`clean`], for one line: newlines and tabs become spaces, runs of blanks collapse, trimmed.
pub fn clean_line(s: &str) -> String {
    clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
}
