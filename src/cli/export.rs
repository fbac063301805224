//! `secretariat export KIND ID`: an agenda, minutes, consultation letter, reminder or summary as a
//! file for distribution (default: out/ in the workspace) or on standard output (`-o -`).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::export::{self, DocKind, Format, Options};
use crate::model::{Language, Workspace};
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
}

impl From<Fmt> for Format {
    fn from(f: Fmt) -> Format {
        match f {
            Fmt::Md => Format::Md,
            Fmt::Html => Format::Html,
            Fmt::Txt => Format::Txt,
            Fmt::Ics => Format::Ics,
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
    let text = export::export(ws, kind, id, format, opts).map_err(|e| e.to_string())?;
    match out {
        Some(p) if p == Path::new("-") => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .map_err(|e| format!("standard output: {e}"))?;
            Ok(None)
        }
        Some(p) => write_output(store.root(), Some(p), "", text.as_bytes())
            .map(Some)
            .map_err(|e| e.to_string()),
        None => {
            let mut name = export::default_file_name(ws, kind, id, format);
            if opts.public {
                name = name.replacen(
                    &format!(".{}", format.extension()),
                    &format!("-offentlig.{}", format.extension()),
                    1,
                );
            }
            write_output(store.root(), None, &name, text.as_bytes())
                .map(Some)
                .map_err(|e| e.to_string())
        }
    }
}

pub fn run(
    store: &Store,
    lang: Option<Language>,
    what: What,
    id: &str,
    format: Fmt,
    out: Option<&Path>,
    public: bool,
) -> Result<i32, String> {
    let loaded = store.load();
    let mut ws = loaded.workspace;
    if let Some(l) = lang {
        ws.settings.language = l;
    }
    let opts = Options { public };
    if let Some(path) = write_export(store, &ws, what.into(), id, format.into(), &opts, out)? {
        println!("{}", path.display());
    }
    Ok(0)
}
