//! The meeting pack (mødepakke): one PDF with a front page (forum, date, time, place, participants,
//! the items with their page numbers), every item, then every bilag in agenda order, page by page,
//! each page stamped "Bilag n.m". A bilag that is not a PDF is listed as sent separately (the caller
//! copies it beside the pack); a broken one stops the pack, or with `skip_broken` is listed as not
//! insertable. No I/O here: the caller hands in a reader for the bilag files.

use chrono::Datelike;
use typst::foundations::Bytes;

use super::dates::long_date;
use super::document::{self, Block, item_attachments, item_heading};
use super::pdf::{self, BadPdf, Files, PdfSettings};
use super::typst::{self as markup, Page, escape, string};
use super::{DocKind, ExportError, Options, clean_line};
use crate::i18n::tr;
use crate::model::{Language, Workspace};

/// How to make the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PackOptions {
    /// Leave closed items and their bilag out; mark the pack "Offentlig version".
    pub public: bool,
    /// PDF/A-2b for archiving.
    pub pdf_a: bool,
    /// List a broken bilag as "kunne ikke indsættes" instead of refusing to make the pack.
    pub skip_broken: bool,
}

/// Why a bilag could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BilagProblem {
    /// The file could not be read (missing, outside the workspace, ...): the reader's words.
    Unreadable(String),
    /// The file is a PDF that cannot be placed.
    Bad(BadPdf),
}

impl BilagProblem {
    fn describe(&self) -> String {
        match self {
            BilagProblem::Unreadable(why) => why.clone(),
            BilagProblem::Bad(BadPdf::Empty) => "the file is empty (0 bytes)".into(),
            BilagProblem::Bad(BadPdf::Encrypted) => {
                "the PDF is encrypted (password-protected); save an unprotected copy".into()
            }
            BilagProblem::Bad(BadPdf::Corrupt) => "the file is not a readable PDF (corrupt)".into(),
            BilagProblem::Bad(BadPdf::NoPages) => "the PDF has no pages".into(),
        }
    }
}

/// What became of one bilag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BilagStatus {
    /// Inserted, this many pages.
    Inserted { pages: usize },
    /// Not a PDF: sent separately beside the pack.
    Separate,
    /// Could not be inserted (only with `skip_broken`).
    Broken(BilagProblem),
}

/// One bilag of the pack, in agenda order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackBilag {
    /// The item's number on the agenda (1-based).
    pub item: usize,
    /// The bilag's number within the item (1-based): "Bilag {item}.{number}".
    pub number: usize,
    pub title: String,
    /// Relative to the workspace.
    pub path: String,
    pub status: BilagStatus,
}

impl PackBilag {
    pub fn label(&self, lang: Language) -> String {
        format!(
            "{} {}.{}",
            tr(lang, "Bilag", "Annex"),
            self.item,
            self.number
        )
    }
}

/// A made pack.
#[derive(Debug, Clone)]
pub struct Pack {
    pub pdf: Vec<u8>,
    pub bilag: Vec<PackBilag>,
}

impl Pack {
    /// The bilag to send beside the pack (not PDF).
    pub fn separate(&self) -> impl Iterator<Item = &PackBilag> {
        self.bilag
            .iter()
            .filter(|b| b.status == BilagStatus::Separate)
    }
}

/// A step of making a pack, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Reading bilag `done` of `total`.
    Reading {
        done: usize,
        total: usize,
    },
    Typesetting,
    Writing,
}

/// The pack's default file name: `2026-12-03-portefoeljestyregruppen-moedepakke.pdf`.
pub fn default_file_name(ws: &Workspace, meeting_id: &str, public: bool) -> String {
    let agenda = super::default_file_name(ws, DocKind::Agenda, meeting_id, super::Format::Md);
    let word = tr(ws.settings.language, "moedepakke", "meeting-pack");
    let stem = agenda
        .strip_suffix(".md")
        .unwrap_or(&agenda)
        .trim_end_matches(DocKind::Agenda.file_word(ws.settings.language))
        .to_string();
    let public = if public { "-offentlig" } else { "" };
    format!("{stem}{word}{public}.pdf")
}

/// Makes the pack of meeting `meeting_id`. `read` gives the bytes of a bilag by its workspace-relative
/// path; `progress` hears of each step.
pub fn make(
    ws: &Workspace,
    meeting_id: &str,
    opts: &PackOptions,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
    progress: &dyn Fn(Progress),
) -> Result<Pack, ExportError> {
    let (source, files, bilag) = source(ws, meeting_id, opts, read, progress)?;
    progress(Progress::Typesetting);
    let doc = pdf::layout(&source, &files)?;
    progress(Progress::Writing);
    let pdf = pdf::to_pdf(&doc, PdfSettings { pdf_a: opts.pdf_a })?;
    Ok(Pack { pdf, bilag })
}

/// The pack's bilag in agenda order, each read and checked.
fn collect(
    ws: &Workspace,
    meeting_id: &str,
    opts: &PackOptions,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
    progress: &dyn Fn(Progress),
) -> Result<(Vec<PackBilag>, Vec<Option<Bytes>>), ExportError> {
    let m = ws
        .meeting(meeting_id)
        .ok_or_else(|| ExportError::UnknownMeeting(meeting_id.to_string()))?;
    let mut wanted = vec![];
    for (i, item) in m.items.iter().enumerate() {
        if opts.public && item.closed {
            continue;
        }
        for (j, a) in item_attachments(ws, item).iter().enumerate() {
            wanted.push((i + 1, j + 1, a, clean_line(&item.title)));
        }
    }
    let total = wanted.len();
    let mut out = vec![];
    let mut bytes = vec![];
    for (done, (item, number, a, item_title)) in wanted.into_iter().enumerate() {
        progress(Progress::Reading { done, total });
        let (status, data) = match read(&a.path) {
            Err(why) => (BilagStatus::Broken(BilagProblem::Unreadable(why)), None),
            Ok(data) => {
                let is_pdf =
                    a.path.to_ascii_lowercase().ends_with(".pdf") || pdf::looks_like_pdf(&data);
                if !is_pdf {
                    (BilagStatus::Separate, None)
                } else {
                    match pdf::pdf_pages(&data) {
                        Ok(pages) => (BilagStatus::Inserted { pages }, Some(Bytes::new(data))),
                        Err(bad) => (BilagStatus::Broken(BilagProblem::Bad(bad)), None),
                    }
                }
            }
        };
        if let BilagStatus::Broken(problem) = &status
            && !opts.skip_broken
        {
            return Err(ExportError::BrokenBilag {
                label: format!("Bilag {item}.{number}"),
                title: clean_line(&a.title),
                item: format!("{item}. {item_title}"),
                path: a.path.clone(),
                why: problem.describe(),
            });
        }
        out.push(PackBilag {
            item,
            number,
            title: clean_line(&a.title),
            path: a.path.clone(),
            status,
        });
        bytes.push(data);
    }
    progress(Progress::Reading { done: total, total });
    Ok((out, bytes))
}

/// The Typst source of the pack, the files it reads, and its bilag.
pub fn source(
    ws: &Workspace,
    meeting_id: &str,
    opts: &PackOptions,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
    progress: &dyn Fn(Progress),
) -> Result<(String, Files, Vec<PackBilag>), ExportError> {
    let (bilag, bytes) = collect(ws, meeting_id, opts, read, progress)?;
    let m = ws
        .meeting(meeting_id)
        .ok_or_else(|| ExportError::UnknownMeeting(meeting_id.to_string()))?;
    let lang = ws.settings.language;
    let t = |da, en| tr(lang, da, en);
    let eopts = Options {
        public: opts.public,
        ..Options::default()
    };
    let doc = document::build(ws, DocKind::Agenda, meeting_id, &eopts)?;
    let forum = ws.forum(&m.forum);
    let forum_name = clean_line(forum.map_or(m.forum.as_str(), |f| f.name.as_str()));
    let date = long_date(m.date, lang);
    let page = Page {
        lang,
        title: format!("{} – {forum_name} – {date}", t("Mødepakke", "Meeting pack")),
        author: forum.map(|f| clean_line(&f.secretariat)),
        header: format!("{forum_name} – {date}"),
        date: Some((m.date.year(), m.date.month(), m.date.day())),
        mark: opts
            .public
            .then(|| t("Offentlig version", "Public version").to_string()),
    };
    let mut src = markup::preamble(&page);

    // Which heading starts which item.
    let headings: Vec<(usize, String)> = m
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| (i + 1, item_heading(lang, i + 1, item, &eopts).0))
        .collect();
    let item_of = |b: &Block| -> Option<usize> {
        match b {
            Block::Heading { level: 2, text } => {
                headings.iter().find(|(_, h)| h == text).map(|(n, _)| *n)
            }
            _ => None,
        }
    };
    let first_item = doc.blocks.iter().position(|b| item_of(b).is_some());
    let (front, items) = doc.blocks.split_at(first_item.unwrap_or(doc.blocks.len()));

    // Front page.
    src.push_str(&format!(
        "#text(size: 10pt, fill: luma(90), tracking: 0.06em)[{}]\n\n",
        escape(t("MØDEPAKKE", "MEETING PACK"))
    ));
    let found: Vec<usize> = items.iter().filter_map(item_of).collect();
    let page_cells = |n: usize| -> (String, String) {
        if !found.contains(&n) {
            return (String::new(), String::new());
        }
        let count = bilag.iter().filter(|b| b.item == n).count();
        (
            if count == 0 {
                String::new()
            } else {
                count.to_string()
            },
            format!("#locate(<item-{n}>).page()"),
        )
    };
    // The agenda's own overview of the items (Nr., Tid, Punkt, Type) gets the pack's columns
    // (Bilag, Side), so the front page lists the items once.
    let is_overview = |b: &Block| {
        matches!(b, Block::Table { header, .. }
            if header.first().map(String::as_str) == Some(t("Nr.", "No.")))
    };
    let mut listed = false;
    for b in front {
        match b {
            Block::Table { header, rows } if !listed && is_overview(b) => {
                listed = true;
                src.push_str(&overview_table(header, rows, lang, &page_cells));
            }
            _ => src.push_str(&markup::block(b, None, lang)),
        }
        src.push_str("\n\n");
    }
    if !listed && !found.is_empty() {
        // An agenda without its overview table (never made today): list the items here.
        let header = vec![t("Nr.", "No.").to_string(), t("Punkt", "Item").to_string()];
        let rows: Vec<Vec<String>> = found
            .iter()
            .map(|n| {
                let title = headings
                    .iter()
                    .find(|(k, _)| k == n)
                    .map(|(_, h)| h.split_once(". ").map_or(h.as_str(), |(_, t)| t))
                    .unwrap_or_default();
                vec![format!("{n}."), title.to_string()]
            })
            .collect();
        src.push_str(&format!("== {}\n\n", escape(t("Punkter", "Items"))));
        src.push_str(&overview_table(&header, &rows, lang, &page_cells));
        src.push_str("\n\n");
    }
    src.push_str("#pagebreak()\n\n");

    // The items.
    for b in items {
        let label = item_of(b).map(|n| format!("item-{n}"));
        src.push_str(&markup::block(b, label.as_deref(), lang));
        src.push_str("\n\n");
    }

    // The bilag.
    let mut files = Files::new();
    if !bilag.is_empty() {
        src.push_str(&format!(
            "#pagebreak()\n= {} <bilag>\n\n",
            escape(t("Bilag", "Annexes"))
        ));
        src.push_str(&format!(
            "#context table(\n  columns: (auto, 1fr, auto),\n  stroke: (x: none, y: 0.4pt + luma(190)),\n  inset: (x: 4pt, y: 5pt),\n  table.header([*{}*], [*{}*], [*{}*]),\n",
            escape(t("Bilag", "Annex")),
            escape(t("Titel", "Title")),
            escape(t("Side", "Page")),
        ));
        for b in &bilag {
            let where_ = match &b.status {
                BilagStatus::Inserted { .. } => {
                    format!("#locate(<bilag-{}-{}>).page()", b.item, b.number)
                }
                BilagStatus::Separate => escape(t("vedlagt separat", "enclosed separately")),
                BilagStatus::Broken(_) => {
                    escape(t("kunne ikke indsættes", "could not be inserted"))
                }
            };
            src.push_str(&format!(
                "  [{}.{}], [{}], [{where_}],\n",
                b.item,
                b.number,
                escape(&b.title)
            ));
        }
        src.push_str(")\n\n");
        src.push_str(
            "#set page(margin: (top: 2.2cm, bottom: 1.9cm, x: 1.2cm))\n#show heading.where(level: 2): set text(size: 9.5pt)\n#show heading.where(level: 2): set block(above: 0pt, below: 0.5em)\n\n",
        );
    }
    for (k, (b, data)) in bilag.iter().zip(bytes).enumerate() {
        let (BilagStatus::Inserted { pages }, Some(data)) = (&b.status, data) else {
            continue;
        };
        let name = format!("/bilag/{k}.pdf");
        // PDF/A cannot embed another PDF's pages: each page goes in as an SVG image instead.
        let svgs = if opts.pdf_a {
            pdf::pdf_pages_as_svg(&data).map_err(|bad| ExportError::BrokenBilag {
                label: format!("Bilag {}.{}", b.item, b.number),
                title: b.title.clone(),
                item: b.item.to_string(),
                path: b.path.clone(),
                why: BilagProblem::Bad(bad).describe(),
            })?
        } else {
            files.insert(name.clone(), data);
            vec![]
        };
        let label = b.label(lang);
        for p in 1..=*pages {
            src.push_str("#pagebreak(weak: true)\n");
            if p == 1 {
                src.push_str(&format!(
                    "== {}: {} <bilag-{}-{}>\n",
                    escape(&label),
                    escape(&b.title),
                    b.item,
                    b.number
                ));
            } else {
                src.push_str(&format!(
                    "#block(above: 0pt, below: 0.5em, text(size: 9.5pt, weight: \"bold\")[{}: {} ({} {p} {} {pages})])\n",
                    escape(&label),
                    escape(&b.title),
                    t("side", "page"),
                    t("af", "of"),
                ));
            }
            let alt = string(&format!("{label}, {} {p}", t("side", "page")));
            let image = match svgs.get(p - 1) {
                Some(svg) => {
                    let svg_name = format!("/bilag/{k}-{p}.svg");
                    files.insert(svg_name.clone(), Bytes::from_string(svg.clone()));
                    format!(
                        "image({}, width: 100%, height: 100%, fit: \"contain\", alt: {alt})",
                        string(&svg_name)
                    )
                }
                None => format!(
                    "image({}, page: {p}, width: 100%, height: 100%, fit: \"contain\", alt: {alt})",
                    string(&name)
                ),
            };
            src.push_str(&format!(
                "#block(height: 1fr, width: 100%, above: 0pt, align(center + top, {image}))\n"
            ));
        }
    }
    Ok((src, files, bilag))
}

/// The items' overview table on the front page: the agenda's columns plus the number of bilag and
/// the page each item starts on. `page_cells(n)` gives those two cells for item `n` (blank for an
/// item not in the pack).
fn overview_table(
    header: &[String],
    rows: &[Vec<String>],
    lang: Language,
    page_cells: &dyn Fn(usize) -> (String, String),
) -> String {
    let t = |da: &'static str, en: &'static str| tr(lang, da, en);
    let mut cols: Vec<&str> = vec!["auto"; header.len() + 2];
    // The item title takes the room.
    let title_col = header
        .iter()
        .position(|h| h == t("Punkt", "Item"))
        .unwrap_or(header.len().saturating_sub(1).min(1));
    cols[title_col] = "1fr";
    let mut out = format!(
        "#context table(\n  columns: ({}),\n  stroke: (x: none, y: 0.4pt + luma(190)),\n  inset: (x: 4pt, y: 5pt),\n  align: ({}),\n  table.header(",
        cols.join(", "),
        (0..cols.len())
            .map(|i| if i == 0 || i >= header.len() {
                "right"
            } else {
                "left"
            })
            .collect::<Vec<_>>()
            .join(", "),
    );
    let mut head: Vec<String> = header
        .iter()
        .map(|h| format!("[*{}*]", escape(h)))
        .collect();
    head.push(format!("[*{}*]", escape(t("Bilag", "Annexes"))));
    head.push(format!("[*{}*]", escape(t("Side", "Page"))));
    out.push_str(&head.join(", "));
    out.push_str("),\n");
    for row in rows {
        let n: Option<usize> = row
            .first()
            .and_then(|c| c.trim_end_matches('.').parse().ok());
        let (count, page) = n.map(page_cells).unwrap_or_default();
        let mut cells: Vec<String> = row.iter().map(|c| format!("[{}]", escape(c))).collect();
        cells.push(format!("[{count}]"));
        cells.push(format!("[{page}]"));
        out.push_str("  ");
        out.push_str(&cells.join(", "));
        out.push_str(",\n");
    }
    out.push_str(")\n");
    out
}
