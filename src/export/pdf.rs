//! PDF through Typst, in-process: a [`World`] with one in-memory main source and the bilag files as
//! bytes, fonts embedded in the binary (from `typst-assets`), no file system, no network, no packages
//! and no clock. The same source and files always give the same bytes.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, Severity};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// The fonts and standard library, loaded once per process.
struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Engine {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// What went wrong while typesetting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// Typst refused the source; a bug in the writer, or a file Typst cannot read.
    #[error("the PDF could not be typeset: {0}")]
    Typeset(String),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// PDF options beyond the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PdfSettings {
    /// PDF/A-2b for archiving.
    pub pdf_a: bool,
}

/// A file the source may read, by its name in the source (e.g. "/bilag/3.pdf").
pub type Files = HashMap<String, Bytes>;

struct MemoryWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl World for MemoryWorld {
    fn library(&self) -> &LazyHash<Library> {
        &ENGINE.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &ENGINE.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }
    fn font(&self, index: usize) -> Option<Font> {
        ENGINE.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // No clock: documents carry their own dates.
        None
    }
}

/// Typesets `source` (Typst markup) with `files` into PDF bytes.
pub fn compile(source: &str, files: &Files, settings: PdfSettings) -> Result<Vec<u8>, PdfError> {
    let doc = layout(source, files)?;
    to_pdf(&doc, settings)
}

/// Lays `source` out into pages (for tests and page counts).
pub fn layout(source: &str, files: &Files) -> Result<PagedDocument, PdfError> {
    let main_id = file_id("/main.typ").ok_or_else(|| PdfError::Typeset("main.typ".into()))?;
    let mut map = HashMap::new();
    for (name, bytes) in files {
        let id = file_id(name).ok_or_else(|| PdfError::Typeset(format!("bad file name {name}")))?;
        map.insert(id, bytes.clone());
    }
    let world = MemoryWorld {
        main: Source::new(main_id, source.to_string()),
        files: map,
    };
    let warned = typst::compile::<PagedDocument>(&world);
    let result = warned.output.map_err(|errors| {
        PdfError::Typeset(
            errors
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    });
    // The compiler's caches would otherwise grow with every document a long TUI session makes.
    typst::comemo::evict(0);
    result
}

pub fn to_pdf(doc: &PagedDocument, settings: PdfSettings) -> Result<Vec<u8>, PdfError> {
    let standards = if settings.pdf_a {
        PdfStandards::new(&[PdfStandard::A_2b])
            .map_err(|e| PdfError::Write(e.message().to_string()))?
    } else {
        PdfStandards::default()
    };
    let options = PdfOptions {
        ident: typst::foundations::Smart::Custom("secretariat".to_string()),
        creator: typst::foundations::Smart::Custom(Some("secretariat".to_string())),
        timestamp: None,
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| {
        PdfError::Write(
            errors
                .iter()
                .map(|d| d.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

/// Why a bilag cannot go into a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadPdf {
    Empty,
    Encrypted,
    Corrupt,
    NoPages,
}

/// The number of pages of a PDF file, or why it cannot be read.
pub fn pdf_pages(bytes: &[u8]) -> Result<usize, BadPdf> {
    if bytes.is_empty() {
        return Err(BadPdf::Empty);
    }
    match hayro_syntax::Pdf::new(bytes.to_vec()) {
        Ok(pdf) => match pdf.pages().len() {
            0 => Err(BadPdf::NoPages),
            n => Ok(n),
        },
        Err(hayro_syntax::LoadPdfError::Decryption(_)) => Err(BadPdf::Encrypted),
        Err(hayro_syntax::LoadPdfError::Invalid) => Err(BadPdf::Corrupt),
    }
}

/// Whether the bytes look like a PDF file (by their signature, not their name).
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes.len() >= 5
        && bytes[..1024.min(bytes.len())]
            .windows(5)
            .any(|w| w == b"%PDF-")
}

/// The pages of a PDF as SVG images, for PDF/A (which cannot embed another PDF's pages): each page
/// keeps its vector shapes and glyphs. Fonts the PDF does not embed (the 14 standard fonts) are
/// taken from `typst-assets`.
pub fn pdf_pages_as_svg(bytes: &[u8]) -> Result<Vec<String>, BadPdf> {
    use hayro_svg::hayro_interpret::InterpreterSettings;
    use hayro_svg::hayro_interpret::font::{FontData, FontQuery, StandardFont};
    use hayro_svg::{RenderCache, SvgRenderSettings};
    use std::sync::Arc;

    pdf_pages(bytes)?;
    let pdf = hayro_syntax::Pdf::new(bytes.to_vec()).map_err(|_| BadPdf::Corrupt)?;
    fn standard(font: StandardFont) -> Option<(FontData, u32)> {
        use typst_assets::pdf as f;
        let bytes: &'static [u8] = match font {
            StandardFont::Helvetica => f::SANS,
            StandardFont::HelveticaBold => f::SANS_BOLD,
            StandardFont::HelveticaOblique => f::SANS_ITALIC,
            StandardFont::HelveticaBoldOblique => f::SANS_BOLD_ITALIC,
            StandardFont::Courier => f::FIXED,
            StandardFont::CourierBold => f::FIXED_BOLD,
            StandardFont::CourierOblique => f::FIXED_ITALIC,
            StandardFont::CourierBoldOblique => f::FIXED_BOLD_ITALIC,
            StandardFont::TimesRoman => f::SERIF,
            StandardFont::TimesBold => f::SERIF_BOLD,
            StandardFont::TimesItalic => f::SERIF_ITALIC,
            StandardFont::TimesBoldItalic => f::SERIF_BOLD_ITALIC,
            StandardFont::ZapfDingBats => f::DING_BATS,
            StandardFont::Symbol => f::SYMBOL,
        };
        Some((Arc::new(bytes), 0))
    }
    let settings = InterpreterSettings {
        font_resolver: Arc::new(|query| match query {
            FontQuery::Standard(s) => standard(*s),
            FontQuery::Fallback(f) => standard(f.pick_standard_font()),
        }),
        cmap_resolver: Arc::new(|_| None),
        warning_sink: Arc::new(|_| {}),
        render_annotations: false,
    };
    let cache = RenderCache::new();
    let out = pdf
        .pages()
        .iter()
        .map(|page| {
            hayro_svg::convert(
                page,
                &cache,
                &settings,
                &SvgRenderSettings {
                    bg_color: [255, 255, 255, 255],
                },
            )
        })
        .collect();
    Ok(out)
}
