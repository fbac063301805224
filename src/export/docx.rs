//! Word rendering of documents (Office Open XML, .docx) for when the secretariat must edit in Word:
//! real heading styles (Heading 1-3, so Word's navigation pane and table of contents work), field
//! lists and tables as Word tables, bullet lists as Word lists, A4 pages. The package is written here
//! (a handful of XML parts in a zip archive stored without compression), so no dependency is needed;
//! every piece of text is XML-escaped.

use super::document::{Block, Document, build};
use super::{DocKind, ExportError, Options};
use crate::model::{Language, Workspace};

/// Exports one document as a .docx file's bytes.
pub fn export(
    ws: &Workspace,
    kind: DocKind,
    id: &str,
    opts: &Options,
) -> Result<Vec<u8>, ExportError> {
    Ok(render(&build(ws, kind, id, opts)?))
}

/// Renders a document as the bytes of a .docx file. Deterministic: the same document always gives
/// the same bytes (no time stamps in the archive).
pub fn render(doc: &Document) -> Vec<u8> {
    let lang = match doc.lang {
        Language::Da => "da-DK",
        Language::En => "en-GB",
    };
    let parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core(doc, lang)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", STYLES.replace("{LANG}", lang)),
        ("word/numbering.xml", NUMBERING.to_string()),
        ("word/document.xml", document(doc)),
    ];
    zip_stored(&parts)
}

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>
<Default Extension=\"xml\" ContentType=\"application/xml\"/>
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>
</Types>
";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>
</Relationships>
";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>
</Relationships>
";

/// Normal (Calibri 11), Heading 1-3 (with outline levels, so they are real headings), the status mark,
/// and two table styles: "Table Grid" (ruled, for tables) and "Fields" (no rules, for field lists).
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"{LANG}\"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"160\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"34\"/><w:szCs w:val=\"34\"/></w:rPr></w:style>
<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"1\" w:color=\"999999\"/></w:pBdr><w:spacing w:before=\"280\" w:after=\"100\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr></w:style>
<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"180\" w:after=\"40\"/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type=\"paragraph\" w:styleId=\"Mark\"><w:name w:val=\"Status mark\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"60\" w:after=\"200\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"AA0000\"/><w:bdr w:val=\"single\" w:sz=\"12\" w:space=\"2\" w:color=\"AA0000\"/></w:rPr></w:style>
<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:spacing w:after=\"40\"/></w:pPr></w:style>
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/></w:tblBorders></w:tblPr></w:style>
<w:style w:type=\"table\" w:styleId=\"Fields\"><w:name w:val=\"Fields\"/><w:basedOn w:val=\"TableNormal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:style>
</w:styles>
";

/// One bullet list definition (numId 1).
const NUMBERING: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>
<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">
<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"360\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>
<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>
</w:numbering>
";

fn core(doc: &Document, lang: &str) -> String {
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:language>{lang}</dc:language></cp:coreProperties>\n",
        escape(&doc.title)
    )
}

/// Escapes text for XML character data and attribute values; a tab becomes a space.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in super::clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Runs for the lines of a text, with line breaks between them; `bold` for labels and headers.
fn runs(text: &str, bold: bool) -> String {
    let rpr = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    text.split('\n')
        .map(|l| {
            format!(
                "<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
                escape(l.trim_end())
            )
        })
        .collect::<Vec<_>>()
        .join("<w:r><w:br/></w:r>")
}

/// A paragraph with the given paragraph properties (may be empty).
fn para(ppr: &str, content: &str) -> String {
    if ppr.is_empty() {
        format!("<w:p>{content}</w:p>\n")
    } else {
        format!("<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>\n")
    }
}

/// Paragraphs of a text split at blank lines.
fn paragraphs(ppr: &str, text: &str) -> String {
    let mut out = String::new();
    let mut current: Vec<&str> = vec![];
    for line in text.split('\n').chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push_str(&para(ppr, &runs(&current.join("\n"), false)));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    out
}

/// A table cell: its paragraphs (at least one: Word requires it).
fn cell(width: u32, content: &str, bold: bool, shade: bool) -> String {
    let shading = if shade {
        "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EEEEEE\"/>"
    } else {
        ""
    };
    let mut body = String::new();
    for p in content.split("\n\n") {
        body.push_str(&para("", &runs(p.trim(), bold)));
    }
    if body.is_empty() {
        body = para("", "");
    }
    format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{shading}</w:tcPr>{body}</w:tc>")
}

/// The text width of an A4 page with 2 cm margins on each side, in twentieths of a point.
pub(crate) const TEXT_WIDTH: u32 = 11906 - 2 * 1134;

fn table(
    style: &str,
    widths: &[u32],
    header: Option<&[String]>,
    rows: &[Vec<String>],
    label_bold: bool,
) -> String {
    let mut out = format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"{style}\"/><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
    );
    for w in widths {
        out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    out.push_str("</w:tblGrid>\n");
    if let Some(h) = header {
        out.push_str("<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
        for (c, w) in h.iter().zip(widths) {
            out.push_str(&cell(*w, c, true, true));
        }
        out.push_str("</w:tr>\n");
    }
    for r in rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (i, (c, w)) in r.iter().zip(widths).enumerate() {
            out.push_str(&cell(*w, c, label_bold && i == 0, false));
        }
        out.push_str("</w:tr>\n");
    }
    out.push_str("</w:tbl>\n");
    // Space after a table (Word puts the next paragraph right under it).
    out.push_str(&para("<w:spacing w:after=\"0\"/>", ""));
    out
}

/// Column widths for a table: a column whose longest line is short (a number, a time, a date) gets
/// room for it, so it never wraps; the others share the rest in proportion to their longest lines
/// (counted up to 40 characters, so one long comment does not starve the names), each at least as
/// wide as its longest word.
pub(crate) fn widths(header: &[String], rows: &[Vec<String>]) -> Vec<u32> {
    let n = header.len().max(1);
    let cells = |i: usize| {
        std::iter::once(header.get(i))
            .chain(rows.iter().map(move |r| r.get(i)))
            .flatten()
    };
    let longest: Vec<u32> = (0..n)
        .map(|i| {
            cells(i)
                .flat_map(|c| c.split('\n'))
                .map(|l| l.chars().count() as u32)
                .max()
                .unwrap_or(1)
                .max(3)
        })
        .collect();
    let word: Vec<u32> = (0..n)
        .map(|i| {
            cells(i)
                .flat_map(|c| c.split_whitespace())
                .map(|w| w.chars().count().min(30) as u32)
                .max()
                .unwrap_or(1)
        })
        .collect();
    // About 150 twips a character at 11 pt (wide fonts too), plus the cell margins.
    let room = |chars: u32| chars * 150 + 260;
    let short: Vec<bool> = longest.iter().map(|l| *l <= SHORT_COLUMN).collect();
    let used: u32 = (0..n).filter(|&i| short[i]).map(|i| room(longest[i])).sum();
    let rest = TEXT_WIDTH.saturating_sub(used);
    let weight = |i: usize| longest[i].min(40);
    let long_total: u32 = (0..n).filter(|&i| !short[i]).map(weight).sum();
    if long_total == 0 || rest < TEXT_WIDTH / 4 {
        // Nothing to share, or too little left: equal shares.
        return vec![TEXT_WIDTH / n as u32; n];
    }
    let mut w: Vec<u32> = (0..n)
        .map(|i| {
            if short[i] {
                room(longest[i])
            } else {
                (rest * weight(i) / long_total).max(room(word[i]))
            }
        })
        .collect();
    // Give back what the longest-word minimums took, from the columns with the most room to spare
    // above their own minimum (a long comment rather than a name).
    let min = |i: usize| {
        if short[i] {
            w[i]
        } else {
            room(word[i]).min(TEXT_WIDTH / 3)
        }
    };
    let mins: Vec<u32> = (0..n).map(min).collect();
    let mut over = w.iter().sum::<u32>().saturating_sub(TEXT_WIDTH);
    while over > 0 {
        let Some(i) = (0..n)
            .filter(|&i| w[i] > mins[i])
            .max_by_key(|&i| w[i] - mins[i])
        else {
            break;
        };
        let take = (w[i] - mins[i]).min(over);
        w[i] -= take;
        over -= take;
    }
    w
}

/// Columns whose longest line is at most this many characters are never wrapped.
const SHORT_COLUMN: u32 = 18;

/// The XML of the document part, word/document.xml (for tests and golden files).
#[cfg(test)]
pub(crate) fn document_xml(doc: &Document) -> String {
    document(doc)
}

fn document(doc: &Document) -> String {
    let mut body = String::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let l = (*level).clamp(1, 3);
                body.push_str(&para(
                    &format!("<w:pStyle w:val=\"Heading{l}\"/>"),
                    &runs(text, false),
                ));
            }
            Block::Paragraph(text) => body.push_str(&paragraphs("", text)),
            Block::Fields(pairs) => {
                let rows: Vec<Vec<String>> = pairs
                    .iter()
                    .map(|(k, v)| vec![format!("{k}:"), v.clone()])
                    .collect();
                let label = pairs
                    .iter()
                    .map(|(k, _)| k.chars().count() as u32 + 2)
                    .max()
                    .unwrap_or(8);
                let lw = (label * 125 + 300).clamp(1500, TEXT_WIDTH / 3);
                body.push_str(&table("Fields", &[lw, TEXT_WIDTH - lw], None, &rows, true));
            }
            Block::List(items) => {
                for i in items {
                    body.push_str(&para("<w:pStyle w:val=\"ListBullet\"/>", &runs(i, false)));
                }
            }
            Block::Mark(text) => {
                body.push_str(&para("<w:pStyle w:val=\"Mark\"/>", &runs(text, false)));
            }
            Block::Table { header, rows } => {
                let w = widths(header, rows);
                body.push_str(&table("TableGrid", &w, Some(header), rows, false));
            }
            Block::Chart(chart) => {
                body.push_str(&para("", &runs(&chart.caption(), true)));
                let (header, rows) = chart.as_table(doc.lang);
                let w = widths(&header, &rows);
                body.push_str(&table("TableGrid", &w, Some(&header), &rows, false));
            }
            Block::Lights(lights) => {
                let (header, rows) = lights.as_table(doc.lang);
                let w = widths(&header, &rows);
                body.push_str(&table("TableGrid", &w, Some(&header), &rows, false));
            }
            Block::Sender(lines) => body.push_str(&para(
                "<w:jc w:val=\"right\"/><w:spacing w:after=\"240\"/>",
                &runs(&lines.join("\n"), false),
            )),
            Block::Lines(lines) => body.push_str(&para("", &runs(&lines.join("\n"), false))),
        }
    }
    format!(
        "{XML_HEAD}<w:document {W_NS}><w:body>\n{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1247\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>\n"
    )
}

// ----- a zip archive with stored (uncompressed) entries -----

fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc = table[((crc ^ b as u32) & 0xFF) as usize] ^ (crc >> 8);
    }
    crc ^ 0xFFFF_FFFF
}

/// A zip archive of the given files, stored without compression, with a fixed time stamp
/// (1 January 1980) so the bytes are the same every time.
fn zip_stored(files: &[(&str, String)]) -> Vec<u8> {
    let mut out: Vec<u8> = vec![];
    let mut central: Vec<u8> = vec![];
    let u16le = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let u32le = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    const DOS_DATE: u16 = 1 << 5 | 1; // 1980-01-01
    for (name, text) in files {
        let data = text.as_bytes();
        let crc = crc32(data);
        let offset = out.len() as u32;
        // Local file header.
        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, 20); // version needed
        u16le(&mut out, 1 << 11); // UTF-8 names
        u16le(&mut out, 0); // stored
        u16le(&mut out, 0); // time
        u16le(&mut out, DOS_DATE);
        u32le(&mut out, crc);
        u32le(&mut out, data.len() as u32);
        u32le(&mut out, data.len() as u32);
        u16le(&mut out, name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Central directory entry.
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, 20); // version made by
        u16le(&mut central, 20);
        u16le(&mut central, 1 << 11);
        u16le(&mut central, 0);
        u16le(&mut central, 0);
        u16le(&mut central, DOS_DATE);
        u32le(&mut central, crc);
        u32le(&mut central, data.len() as u32);
        u32le(&mut central, data.len() as u32);
        u16le(&mut central, name.len() as u16);
        u16le(&mut central, 0); // extra
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, files.len() as u16);
    u16le(&mut out, files.len() as u16);
    u32le(&mut out, central.len() as u32);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn escapes_xml_and_controls() {
        assert_eq!(
            escape("<w:t>&\"\t\u{1b}"),
            "&lt;w:t&gt;&amp;&quot; \u{241b}"
        );
    }

    #[test]
    fn archive_lists_every_part_and_is_deterministic() {
        let doc = Document {
            lang: Language::Da,
            title: "T".into(),
            blocks: vec![
                Block::Heading {
                    level: 1,
                    text: "Dagsorden".into(),
                },
                Block::Table {
                    header: vec!["Nr.".into(), "Punkt".into()],
                    rows: vec![vec!["1.".into(), "Godkendelse".into()]],
                },
            ],
        };
        let a = render(&doc);
        assert_eq!(a, render(&doc));
        assert_eq!(&a[..4], b"PK\x03\x04");
        let text = String::from_utf8_lossy(&a);
        for part in [
            "[Content_Types].xml",
            "word/document.xml",
            "word/styles.xml",
            "word/numbering.xml",
        ] {
            assert!(text.contains(part), "{part}");
        }
        assert!(text.contains("<w:pStyle w:val=\"Heading1\"/>"));
        assert!(text.contains("<w:tblHeader/>"));
    }
}
