//! The one place exports reach the disk (or standard output), for the CLI and the TUI alike:
//! documents in the workspace's language (the language of its content, whatever the UI's), under
//! their own names in out/ of the workspace unless a path is given, written atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::pack::{self, BilagStatus, PackOptions, Progress};
use super::pdf::PdfSettings;
use super::{DocKind, Format, Options};
use crate::model::Workspace;
use crate::store::bilag;
use crate::store::{Store, write_output};

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

#[allow(clippy::too_many_arguments)]
/// Writes one document (agenda, minutes, letter, reminder, summary) in one format to `out` (`-`
/// for standard output) or under its own name in out/ of the workspace; the path written (None
/// for standard output).
pub fn write_document(
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
        Format::Pdf => super::pdf_document(ws, kind, id, opts, pdf),
        _ => super::export_bytes(ws, kind, id, format, opts),
    }
    .map_err(|e| e.to_string())?;
    if out == Some(Path::new("-")) && format == Format::Docx {
        return Err(super::ExportError::Binary(format.to_string()).to_string());
    }
    write_bytes(store, &text, out, || {
        super::file_name(ws, kind, id, format, opts)
    })
}

/// Writes the document `kind`/`id` in each of `formats` under its own name in out/ of the
/// workspace, dated as `opts` says: for each format the path written or why not (one failing
/// format does not stop the others).
pub fn write_formats(
    store: &Store,
    ws: &Workspace,
    kind: DocKind,
    id: &str,
    formats: &[Format],
    opts: &Options,
) -> Vec<(Format, Result<PathBuf, String>)> {
    formats
        .iter()
        .map(|&fmt| {
            let written =
                write_document(store, ws, kind, id, fmt, opts, PdfSettings::default(), None)
                    .and_then(|p| p.ok_or_else(|| "standard output".to_string()));
            (fmt, written)
        })
        .collect()
}

/// Writes the published site into `dir`: a new or empty folder, or one that holds an earlier
/// site (its index.html), never someone else's folder. Returns the number of files written.
pub fn publish(ws: &Workspace, dir: &Path) -> Result<usize, String> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if entries.next().is_some() && !dir.join("index.html").is_file() {
            return Err(format!(
                "{} is a folder with other files in it; publish into a new or empty folder (or one with an earlier published site)",
                dir.display()
            ));
        }
    }
    let pages = super::publish::site(ws);
    for (rel, text) in &pages {
        let path = rel
            .split('/')
            .fold(dir.to_path_buf(), |p, part| p.join(part));
        crate::store::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())?;
    }
    Ok(pages.len())
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
