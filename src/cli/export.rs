//! `secretariat export KIND ID`: an agenda, minutes, consultation letter, reminder or summary as a
//! file for distribution (default: out/ in the workspace) or on standard output (`-o -`).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use chrono::{NaiveDate, NaiveDateTime};

use crate::export::pack::{self, BilagStatus, PackOptions, Progress};
use crate::export::pdf::PdfSettings;
use crate::export::{self, DocKind, Format, Options};
use crate::model::Workspace;
use crate::store::bilag;
use crate::store::{Store, write_output};

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
}

impl What {
    /// The document, or None for the meeting pack.
    fn doc_kind(self) -> Option<DocKind> {
        match self {
            What::Agenda => Some(DocKind::Agenda),
            What::Minutes => Some(DocKind::Minutes),
            What::Consultation => Some(DocKind::Letter),
            What::Reminder => Some(DocKind::Reminder),
            What::Summary => Some(DocKind::Summary),
            What::Pack => None,
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
}

impl From<Fmt> for Format {
    fn from(f: Fmt) -> Format {
        match f {
            Fmt::Md => Format::Md,
            Fmt::Html => Format::Html,
            Fmt::Txt => Format::Txt,
            Fmt::Ics => Format::Ics,
            Fmt::Docx => Format::Docx,
            Fmt::Pdf => Format::Pdf,
        }
    }
}

/// PDF-only options of `export`.
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfFlags {
    pub pdf_a: bool,
    pub skip_broken: bool,
}

/// Writes one export; returns the path written (None for standard output).
pub fn write_export(
    store: &Store,
    ws: &Workspace,
    kind: DocKind,
    id: &str,
    format: Format,
    opts: &Options,
    out: Option<&Path>,
) -> Result<Option<PathBuf>, String> {
    write_document(
        store,
        ws,
        kind,
        id,
        format,
        opts,
        PdfSettings::default(),
        out,
    )
}

/// [`write_export`] with the PDF settings (PDF/A).
#[allow(clippy::too_many_arguments)]
fn write_document(
    store: &Store,
    ws: &Workspace,
    kind: DocKind,
    id: &str,
    format: Format,
    opts: &Options,
    pdf: PdfSettings,
    out: Option<&Path>,
) -> Result<Option<PathBuf>, String> {
    let text = match format {
        Format::Pdf => export::pdf_document(ws, kind, id, opts, pdf),
        _ => export::export_bytes(ws, kind, id, format, opts),
    }
    .map_err(|e| e.to_string())?;
    match out {
        Some(p) if p == Path::new("-") && format == Format::Docx => {
            Err(export::ExportError::Binary(format.to_string()).to_string())
        }
        Some(p) if p == Path::new("-") => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&text)
                .map_err(|e| format!("standard output: {e}"))?;
            Ok(None)
        }
        Some(p) => write_output(store.root(), Some(p), "", &text)
            .map(Some)
            .map_err(|e| e.to_string()),
        None => {
            let name = export::file_name(ws, kind, id, format, opts);
            write_output(store.root(), None, &name, &text)
                .map(Some)
                .map_err(|e| e.to_string())
        }
    }
}

/// Runs `export`. The document is in the workspace's language (the language of its content), whatever
/// `--lang` says; `date` is the document's date (default: today), `deadline` a reminder's new deadline.
#[allow(clippy::too_many_arguments)]
pub fn run(
    store: &Store,
    what: What,
    id: &str,
    format: Fmt,
    out: Option<&Path>,
    public: bool,
    date: Option<NaiveDate>,
    deadline: Option<NaiveDateTime>,
    flags: PdfFlags,
) -> Result<i32, String> {
    let loaded = store.load();
    let ws = loaded.workspace;
    if deadline.is_some() && !matches!(what, What::Reminder) {
        return Err(
            "--deadline sets a new reply deadline in a reminder; use it with `export reminder`"
                .into(),
        );
    }
    let today = date.unwrap_or_else(|| chrono::Local::now().date_naive());
    let opts = Options {
        public,
        today: Some(today),
        deadline,
    };
    let written = match what.doc_kind() {
        // clap fills in html when no --format is given; the pack is always a PDF.
        None if !matches!(format, Fmt::Html | Fmt::Pdf) => {
            return Err(format!(
                "the meeting pack is a PDF; drop --format {} (or use --format pdf)",
                Format::from(format)
            ));
        }
        None => {
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
            let pdf = PdfSettings { pdf_a: flags.pdf_a };
            write_document(store, &ws, kind, id, format.into(), &opts, pdf, out)?
        }
    };
    if let Some(path) = written {
        println!("{}", path.display());
    }
    Ok(0)
}

/// Writes bytes to `out` (`-` for standard output) or to out/`name()` in the workspace.
pub fn write_bytes(
    store: &Store,
    bytes: &[u8],
    out: Option<&Path>,
    name: impl FnOnce() -> String,
) -> Result<Option<PathBuf>, String> {
    match out {
        Some(p) if p == Path::new("-") => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|_| stdout.flush())
                .map_err(|e| format!("standard output: {e}"))?;
            Ok(None)
        }
        Some(p) => write_output(store.root(), Some(p), "", bytes)
            .map(Some)
            .map_err(|e| e.to_string()),
        None => write_output(store.root(), None, &name(), bytes)
            .map(Some)
            .map_err(|e| e.to_string()),
    }
}

/// What writing a pack did.
#[derive(Debug, Clone, Default)]
pub struct PackWritten {
    /// The pack's path (None for standard output).
    pub path: Option<PathBuf>,
    /// The bilag sent separately (not PDF): label and where the copy went.
    pub separate: Vec<(String, PathBuf)>,
    /// The bilag that could not be inserted (with `skip_broken`): label and path.
    pub broken: Vec<(String, String)>,
}

/// Makes and writes a meeting pack; the bilag that are not PDF are copied into `<meeting>-bilag/`
/// beside it (in out/ of the workspace when the pack goes to standard output).
pub fn write_pack(
    store: &Store,
    ws: &Workspace,
    meeting: &str,
    opts: &PackOptions,
    out: Option<&Path>,
    progress: &dyn Fn(Progress),
) -> Result<PackWritten, String> {
    let root = store.root().to_path_buf();
    let read = move |rel: &str| bilag::read(&root, rel).map_err(|e| e.to_string());
    let made = pack::make(ws, meeting, opts, &read, progress).map_err(|e| e.to_string())?;
    let path = write_bytes(store, &made.pdf, out, || {
        pack::default_file_name(ws, meeting, opts.public)
    })?;
    let lang = ws.settings.language;
    let mut written = PackWritten {
        path,
        ..Default::default()
    };
    let separate: Vec<_> = made.separate().collect();
    if !separate.is_empty() {
        let beside = match &written.path {
            Some(p) => p.parent().map(Path::to_path_buf).unwrap_or_default(),
            None => store.root().join("out"),
        };
        let dir = beside.join(format!("{}-bilag", bilag::safe_file_name(meeting)));
        for b in separate {
            let bytes = bilag::read(store.root(), &b.path).map_err(|e| e.to_string())?;
            let file = b.path.rsplit('/').next().unwrap_or(&b.path);
            let name = format!("{}.{}-{}", b.item, b.number, bilag::safe_file_name(file));
            let path = dir.join(name);
            let path =
                write_output(store.root(), Some(&path), "", &bytes).map_err(|e| e.to_string())?;
            written.separate.push((b.label(lang), path));
        }
    }
    for b in &made.bilag {
        if let BilagStatus::Broken(_) = b.status {
            written.broken.push((b.label(lang), b.path.clone()));
        }
    }
    Ok(written)
}
