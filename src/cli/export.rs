//! `secretariat export KIND ID`: an agenda, minutes, consultation letter, reminder or summary as a
//! file for distribution (default: out/ in the workspace) or on standard output (`-o -`).

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use chrono::{NaiveDate, NaiveDateTime};

pub use crate::export::output::{PackWritten, publish, write_bytes, write_document, write_pack};
use crate::export::pack::PackOptions;
use crate::export::pdf::PdfSettings;
use crate::export::{self, DocKind, Format, Options};
use crate::model::Workspace;
use crate::store::Store;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum What {
    /// A meeting's agenda (dagsorden).
    Agenda,
    /// A meeting's minutes (beslutningsreferat).
    Minutes,
    /// A written consultation's letter (høringsbrev).
    Consultation,
    /// A reminder to the members who have not replied (rykker).
    Reminder,
    /// A concluded consultation's summary of replies (høringsnotat).
    Summary,
    /// A meeting's pack (mødepakke): the agenda and every bilag as one PDF.
    Pack,
    /// The quarterly portfolio report (porteføljerapport): html, md, txt, docx, pdf, csv or xlsx.
    PortfolioReport,
    /// A static website of every initiative's status reports, in the folder given as the id.
    Publish,
    /// The economy overview (økonomioverblik) of a year for the economy committee: budget, forecast,
    /// spent, over-/underspend and the proposed cases; html, md, txt, docx, pdf, csv or xlsx.
    EconomyReport,
    /// The annual status statement (statusredegørelse) for --year: html, md or pdf.
    AnnualStatus,
}

impl What {
    /// The document kind of a meeting or consultation export; `None` for the pack, the portfolio
    /// report and the website.
    fn doc_kind(self) -> Option<DocKind> {
        match self {
            What::Agenda => Some(DocKind::Agenda),
            What::Minutes => Some(DocKind::Minutes),
            What::Consultation => Some(DocKind::Letter),
            What::Reminder => Some(DocKind::Reminder),
            What::Summary => Some(DocKind::Summary),
            What::Pack
            | What::PortfolioReport
            | What::Publish
            | What::EconomyReport
            | What::AnnualStatus => None,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Fmt {
    Md,
    Html,
    Txt,
    Ics,
    /// Word (Office Open XML), for editing in Word or LibreOffice.
    Docx,
    /// PDF through the built-in typesetter (A4, page numbers, bookmarks).
    Pdf,
    /// portfolio-report and economy-report only: one row per initiative, `;` and decimal comma in
    /// Danish.
    Csv,
    /// portfolio-report and economy-report only: Excel workbook.
    Xlsx,
}

impl Fmt {
    /// The document format; `None` for the portfolio report's table formats.
    fn format(self) -> Option<Format> {
        match self {
            Fmt::Md => Some(Format::Md),
            Fmt::Html => Some(Format::Html),
            Fmt::Txt => Some(Format::Txt),
            Fmt::Ics => Some(Format::Ics),
            Fmt::Docx => Some(Format::Docx),
            Fmt::Pdf => Some(Format::Pdf),
            Fmt::Csv | Fmt::Xlsx => None,
        }
    }
    fn extension(self) -> &'static str {
        match self {
            Fmt::Csv => "csv",
            Fmt::Xlsx => "xlsx",
            f => f.format().map_or("txt", Format::extension),
        }
    }
}

/// The portfolio report's bytes in a format.
pub fn portfolio_bytes(
    ws: &Workspace,
    q: crate::model::Quarter,
    format: Fmt,
) -> Result<Vec<u8>, String> {
    use crate::export::portfolio;
    let doc = || portfolio::document(ws, q);
    Ok(match format {
        Fmt::Html => export::html::render(&doc()).into_bytes(),
        Fmt::Md => export::markdown::render(&doc()).into_bytes(),
        Fmt::Txt => export::text::render(&doc()).into_bytes(),
        Fmt::Docx => export::docx::render(&doc()),
        Fmt::Pdf => {
            let doc = doc();
            let page = export::typst::Page::for_document(&doc);
            export::pdf::compile(
                &export::typst::render(&doc, &page),
                &export::pdf::Files::new(),
                PdfSettings::default(),
            )
            .map_err(|e| e.to_string())?
        }
        Fmt::Csv => portfolio::csv(ws, q)
            .map_err(|e| e.to_string())?
            .into_bytes(),
        Fmt::Xlsx => portfolio::xlsx(ws, q).map_err(|e| e.to_string())?,
        Fmt::Ics => {
            return Err(
                "the portfolio report has no ics form; use --format html, md, txt, docx, csv or xlsx"
                    .into(),
            );
        }
    })
}

fn write_portfolio(
    store: &Store,
    ws: &Workspace,
    quarter: Option<&str>,
    format: Fmt,
    out: Option<&Path>,
) -> Result<Option<PathBuf>, String> {
    let q = export::portfolio::quarter_or_latest(ws, quarter).map_err(|e| e.to_string())?;
    let bytes = portfolio_bytes(ws, q, format)?;
    if out == Some(Path::new("-")) && matches!(format, Fmt::Docx | Fmt::Xlsx) {
        return Err(export::ExportError::Binary(format.extension().to_string()).to_string());
    }
    write_bytes(store, &bytes, out, || {
        export::portfolio::file_name(ws, q, format.extension())
    })
}

/// The economy overview's bytes in a format.
pub fn economy_bytes(ws: &Workspace, year: i32, format: Fmt) -> Result<Vec<u8>, String> {
    use crate::export::economy;
    let doc = || economy::document(ws, year);
    Ok(match format {
        Fmt::Html => export::html::render(&doc()).into_bytes(),
        Fmt::Md => export::markdown::render(&doc()).into_bytes(),
        Fmt::Txt => export::text::render(&doc()).into_bytes(),
        Fmt::Docx => export::docx::render(&doc()),
        Fmt::Pdf => {
            let doc = doc();
            let page = export::typst::Page::for_document(&doc);
            export::pdf::compile(
                &export::typst::render(&doc, &page),
                &export::pdf::Files::new(),
                PdfSettings::default(),
            )
            .map_err(|e| e.to_string())?
        }
        Fmt::Csv => economy::csv(ws, year)
            .map_err(|e| e.to_string())?
            .into_bytes(),
        Fmt::Xlsx => economy::xlsx(ws, year).map_err(|e| e.to_string())?,
        Fmt::Ics => {
            return Err(
                "the economy report has no ics form; use --format html, md, txt, docx, pdf, csv or xlsx"
                    .into(),
            );
        }
    })
}

fn write_economy(
    store: &Store,
    ws: &Workspace,
    year: Option<&str>,
    format: Fmt,
    out: Option<&Path>,
) -> Result<Option<PathBuf>, String> {
    let y = export::economy::year_or_latest(ws, year).map_err(|e| e.to_string())?;
    if out == Some(Path::new("-")) && matches!(format, Fmt::Docx | Fmt::Xlsx) {
        return Err(export::ExportError::Binary(format.extension().to_string()).to_string());
    }
    let bytes = economy_bytes(ws, y, format)?;
    write_bytes(store, &bytes, out, || {
        export::economy::file_name(ws, y, format.extension())
    })
}

/// `export portfolio-report --attach MEETING ITEM`: the report's PDF as a bilag on that agenda item,
/// titled "Porteføljerapport 3. kvt. 2026" ("Portfolio report Q3 2026" in an English workspace); also
/// written to `-o PATH` when given. Prints the bilag's path in the workspace.
fn attach_portfolio(
    store: &Store,
    ws: &Workspace,
    quarter: Option<&str>,
    format: Fmt,
    out: Option<&Path>,
    target: &[String],
) -> Result<i32, String> {
    use crate::export::portfolio;
    if !matches!(format, Fmt::Pdf) {
        return Err(format!(
            "--attach puts the PDF on the agenda item; leave out --format {} (or use --format pdf)",
            format.extension()
        ));
    }
    if out == Some(Path::new("-")) {
        return Err("--attach with -o -: a PDF never goes to standard output; give a file name or leave out -o".into());
    }
    let [meeting, item] = target else {
        return Err("--attach MEETING ITEM: the meeting's id and the item's number".into());
    };
    let owner = super::attach::item_owner(meeting, item)?;
    let q = portfolio::quarter_or_latest(ws, quarter).map_err(|e| e.to_string())?;
    let lang = ws.settings.language;
    let title = format!(
        "{} {}",
        crate::i18n::tr(lang, "Porteføljerapport", "Portfolio report"),
        portfolio::quarter_label(q, lang)
    );
    // Refused before anything is typeset or written (unknown meeting or item, locked agenda).
    super::attach::check(ws, &owner, Some(&title))?;
    let bytes = portfolio_bytes(ws, q, format)?;
    if let Some(path) = out
        && let Some(written) = write_bytes(store, &bytes, Some(path), || {
            portfolio::file_name(ws, q, "pdf")
        })?
    {
        println!("{}", written.display());
    }
    let a = crate::store::bilag::store_bytes(
        store.root(),
        owner.folder(),
        &portfolio::file_name(ws, q, "pdf"),
        &bytes,
        Some(&title),
    )
    .map_err(|e| e.to_string())?;
    super::attach::record(store, ws, &owner, a)?;
    Ok(0)
}

/// PDF-only options of `export`.
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfFlags {
    pub pdf_a: bool,
    pub skip_broken: bool,
}

/// Runs `export`. The document is in the workspace's language (the language of its content), whatever
/// `--lang` says; `date` is the document's date (default: today), `deadline` a reminder's new deadline.
#[allow(clippy::too_many_arguments)]
pub fn run(
    store: &Store,
    what: What,
    id: Option<&str>,
    quarter: Option<&str>,
    year: Option<&str>,
    format: Option<Fmt>,
    out: Option<&Path>,
    public: bool,
    date: Option<NaiveDate>,
    deadline: Option<NaiveDateTime>,
    flags: PdfFlags,
    attach: Option<&[String]>,
) -> Result<i32, String> {
    if matches!(what, What::AnnualStatus) {
        return Err(
            "the annual status statement is made by `export annual-status --year 2026`".into(),
        );
    }
    let loaded = store.load();
    let ws = loaded.workspace;
    if attach.is_some() && !matches!(what, What::PortfolioReport) {
        return Err(
            "--attach is for the portfolio report (export portfolio-report --attach MEETING ITEM)"
                .into(),
        );
    }
    let format = format.unwrap_or(if attach.is_some() {
        Fmt::Pdf
    } else {
        Fmt::Html
    });
    if deadline.is_some() && !matches!(what, What::Reminder) {
        return Err(
            "--deadline sets a new reply deadline in a reminder; use it with `export reminder`"
                .into(),
        );
    }
    if matches!(what, What::Publish) {
        let Some(dir) = id else {
            return Err("which folder? `secretariat export publish DIR`".into());
        };
        let n = publish(&ws, Path::new(dir))?;
        println!("{dir} ({n} {})", if n == 1 { "file" } else { "files" });
        return Ok(0);
    }
    if year.is_some() && !matches!(what, What::EconomyReport) {
        return Err("--year is for the economy report and the annual status statement (export economy-report --year 2026, export annual-status --year 2026)".into());
    }
    if matches!(what, What::EconomyReport) {
        if let Some(id) = id {
            return Err(format!(
                "the economy report takes no id ({id:?}); choose the year with --year 2026"
            ));
        }
        if quarter.is_some() {
            return Err(
                "the economy report covers a year: use --year 2026 instead of --quarter".into(),
            );
        }
        if deadline.is_some() || date.is_some() || public {
            return Err(
                "--date, --deadline and --public are not used by the economy report".into(),
            );
        }
        if let Some(path) = write_economy(store, &ws, year, format, out)? {
            println!("{}", path.display());
        }
        return Ok(0);
    }
    if matches!(what, What::PortfolioReport) {
        if let Some(id) = id {
            return Err(format!(
                "the portfolio report takes no id ({id:?}); choose the quarter with --quarter 2026Q3"
            ));
        }
        if deadline.is_some() || date.is_some() || public {
            return Err(
                "--date, --deadline and --public are not used by the portfolio report".into(),
            );
        }
        if let Some(target) = attach {
            return attach_portfolio(store, &ws, quarter, format, out, target);
        }
        if let Some(path) = write_portfolio(store, &ws, quarter, format, out)? {
            println!("{}", path.display());
        }
        return Ok(0);
    }
    let Some(id) = id else {
        return Err(
            "which one? give the meeting's or consultation's id (see `secretariat list meetings`)"
                .into(),
        );
    };
    if quarter.is_some() {
        return Err("--quarter is for the portfolio report (export portfolio-report)".into());
    }
    let written = match what.doc_kind() {
        // The meeting pack; clap fills in html when no --format is given, and the pack is a PDF.
        None => {
            if !matches!(format, Fmt::Html | Fmt::Pdf) {
                return Err(format!(
                    "the meeting pack is a PDF; drop --format {} (or use --format pdf)",
                    format.extension()
                ));
            }
            let opts = PackOptions {
                public,
                pdf_a: flags.pdf_a,
                skip_broken: flags.skip_broken,
            };
            let w = write_pack(store, &ws, id, &opts, out, &|_| {})?;
            for (label, path) in &w.separate {
                eprintln!(
                    "secretariat: {label} is not a PDF; sent separately: {}",
                    path.display()
                );
            }
            for (label, path) in &w.broken {
                eprintln!(
                    "secretariat: {label} ({path}) could not be inserted; the pack lists it as not inserted"
                );
            }
            w.path
        }
        Some(kind) => {
            let Some(doc_format) = format.format() else {
                return Err(format!(
                    "--format {} is only for the portfolio report and the economy report; use md, html, txt, ics, docx or pdf",
                    format.extension()
                ));
            };
            let today = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            let opts = Options {
                public,
                today: Some(today),
                deadline,
            };
            let pdf = PdfSettings { pdf_a: flags.pdf_a };
            write_document(store, &ws, kind, id, doc_format, &opts, pdf, out)?
        }
    };
    if let Some(path) = written {
        println!("{}", path.display());
    }
    Ok(0)
}
