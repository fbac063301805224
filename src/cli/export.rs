//! `secretariat export KIND ID`: an agenda, minutes, consultation letter, reminder or summary as a
//! file for distribution (default: out/ in the workspace) or on standard output (`-o -`).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::export::{self, DocKind, Format, Options};
use chrono::{NaiveDate, NaiveDateTime};

use crate::model::Workspace;
use crate::store::{Store, write_atomic};

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
}

impl From<What> for DocKind {
    fn from(w: What) -> DocKind {
        match w {
            What::Agenda => DocKind::Agenda,
            What::Minutes => DocKind::Minutes,
            What::Consultation => DocKind::Letter,
            What::Reminder => DocKind::Reminder,
            What::Summary => DocKind::Summary,
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
}

impl From<Fmt> for Format {
    fn from(f: Fmt) -> Format {
        match f {
            Fmt::Md => Format::Md,
            Fmt::Html => Format::Html,
            Fmt::Txt => Format::Txt,
            Fmt::Ics => Format::Ics,
            Fmt::Docx => Format::Docx,
        }
    }
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
    let text = export::export_bytes(ws, kind, id, format, opts).map_err(|e| e.to_string())?;
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
        Some(p) => {
            write_atomic(p, &text).map_err(|e| e.to_string())?;
            Ok(Some(p.to_path_buf()))
        }
        None => {
            let name = export::file_name(ws, kind, id, format, opts);
            let path = store.root().join("out").join(name);
            write_atomic(&path, &text).map_err(|e| e.to_string())?;
            Ok(Some(path))
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
    if let Some(path) = write_export(store, &ws, what.into(), id, format.into(), &opts, out)? {
        println!("{}", path.display());
    }
    Ok(0)
}
