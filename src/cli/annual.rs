//! `secretariat export annual-status --year Y`: the annual status statement (statusredegørelse) as
//! html, md or pdf, with the secretariat's texts from `texts/statusredegoerelse-Y.md` in the
//! workspace; `--init-texts` writes that file with every section's heading when it does not exist.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::export::{Fmt, write_bytes};
use crate::export::annual::{self, Texts};
use crate::export::pdf::PdfSettings;
use crate::i18n::tr;
use crate::model::{Language, Workspace};
use crate::store::Store;

/// The longest texts file read, in bytes (a statement's texts are a few pages).
const MAX_TEXTS: u64 = 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Args {
    pub year: Option<i32>,
    pub format: Option<Fmt>,
    pub out: Option<PathBuf>,
    pub pdf_a: bool,
    pub init_texts: bool,
    /// The language of messages (`--lang`); default: the workspace's.
    pub lang: Option<Language>,
}

pub fn run(store: &Store, args: Args) -> Result<i32, String> {
    let ws = store.load().workspace;
    let lang = args.lang.unwrap_or(ws.settings.language);
    let year = match args.year {
        Some(y) => y,
        None => crate::rules::deviation::current_quarter(&ws)
            .map(|q| q.year)
            .ok_or_else(|| {
                "no status reports in the workspace to take the year from; give it with --year 2026"
                    .to_string()
            })?,
    };
    let rel = annual::texts_path(year);
    let path = rel
        .split('/')
        .fold(store.root().to_path_buf(), |p, part| p.join(part));
    if args.init_texts {
        if args.format.is_some() || args.out.is_some() {
            return Err(
                "--init-texts only writes the texts file; run the export again without it".into(),
            );
        }
        init_texts(&path, year, ws.settings.language, lang)?;
        println!("{}", path.display());
        return Ok(0);
    }
    let format = args.format.unwrap_or(Fmt::Html);
    if !matches!(format, Fmt::Html | Fmt::Md | Fmt::Pdf) {
        return Err(format!(
            "the annual status statement is html, md or pdf; --format {} is not available for it",
            format_name(format)
        ));
    }
    if args.out.as_deref() == Some(Path::new("-")) && matches!(format, Fmt::Pdf) {
        return Err(crate::export::ExportError::Binary("pdf".into()).to_string());
    }
    let texts = read_texts(&path, year, &ws, lang)?;
    let bytes = render(&ws, year, texts.as_ref(), format, args.pdf_a)?;
    if let Some(written) = write_bytes(store, &bytes, args.out.as_deref(), || {
        annual::file_name(&ws, year, format_name(format))
    })? {
        println!("{}", written.display());
    }
    Ok(0)
}

fn format_name(f: Fmt) -> &'static str {
    match f {
        Fmt::Md => "md",
        Fmt::Html => "html",
        Fmt::Txt => "txt",
        Fmt::Ics => "ics",
        Fmt::Docx => "docx",
        Fmt::Pdf => "pdf",
        Fmt::Csv => "csv",
        Fmt::Xlsx => "xlsx",
    }
}

/// The statement's bytes in html, md or pdf.
pub fn render(
    ws: &Workspace,
    year: i32,
    texts: Option<&Texts>,
    format: Fmt,
    pdf_a: bool,
) -> Result<Vec<u8>, String> {
    use crate::export;
    let doc = annual::document(ws, year, texts).map_err(|e| e.to_string())?;
    Ok(match format {
        Fmt::Html => export::html::render(&doc).into_bytes(),
        Fmt::Md => export::markdown::render(&doc).into_bytes(),
        Fmt::Pdf => export::pdf::compile(
            &export::typst::render(&doc, &annual::page(ws, &doc, year)),
            &export::pdf::Files::new(),
            PdfSettings { pdf_a },
        )
        .map_err(|e| e.to_string())?,
        f => {
            return Err(format!(
                "the annual status statement is html, md or pdf, not {}",
                format_name(f)
            ));
        }
    })
}

/// Writes the skeleton texts file only if there is no file there (created exclusively, so a file
/// made at the same moment is not overwritten either).
fn init_texts(path: &Path, year: i32, doc_lang: Language, lang: Language) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut f = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(match lang {
                Language::Da => format!(
                    "{} findes allerede og overskrives aldrig; ret i den, eller flyt den væk for at begynde forfra",
                    path.display()
                ),
                Language::En => format!(
                    "{} already exists and is never overwritten; edit it, or move it away to start over",
                    path.display()
                ),
            });
        }
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    f.write_all(annual::skeleton(year, doc_lang).as_bytes())
        .and_then(|_| f.sync_all())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// The texts file's texts, `None` when there is no file (then says where to create it). Prints a
/// warning for everything in the file that is not used as written, and names the sections that
/// still have no text.
fn read_texts(
    path: &Path,
    year: i32,
    ws: &Workspace,
    lang: Language,
) -> Result<Option<Texts>, String> {
    let shown = path.display();
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "secretariat: {}",
                match lang {
                    Language::Da => format!(
                        "ingen tekstfil {shown}; rapporten har pladsholdere. Opret den med `secretariat export annual-status --year {year} --init-texts`, og skriv teksterne i den"
                    ),
                    Language::En => format!(
                        "no texts file {shown}; the report has placeholders. Create it with `secretariat export annual-status --year {year} --init-texts` and write the texts in it"
                    ),
                }
            );
            return Ok(None);
        }
        Err(e) => return Err(format!("{shown}: {e}")),
        Ok(m) if m.len() > MAX_TEXTS => {
            return Err(match lang {
                Language::Da => format!(
                    "{shown}: {} byte er mere end de {MAX_TEXTS}, en tekstfil må fylde",
                    m.len()
                ),
                Language::En => format!(
                    "{shown}: {} bytes is more than the {MAX_TEXTS} a texts file may hold",
                    m.len()
                ),
            });
        }
        Ok(_) => {}
    }
    let bytes = crate::store::read_regular(path).map_err(|e| format!("{shown}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to() + 1;
        match lang {
            Language::Da => {
                format!("{shown}: ikke UTF-8-tekst (byte {at}); gem den som UTF-8")
            }
            Language::En => format!("{shown}: not UTF-8 text (byte {at}); save it as UTF-8"),
        }
    })?;
    let (texts, warnings) = annual::parse_texts(&text);
    let file = shown.to_string();
    for w in &warnings {
        eprintln!(
            "secretariat: {}",
            w.message(&file, lang, ws.settings.language)
        );
    }
    let missing = texts.missing();
    if !missing.is_empty() {
        eprintln!(
            "secretariat: {shown}: {} {}",
            tr(
                lang,
                "ingen tekst endnu (pladsholder i rapporten):",
                "no text yet (a placeholder in the report):"
            ),
            missing
                .iter()
                .map(|s| s.heading(ws.settings.language))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(Some(texts))
}
