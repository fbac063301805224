//! HTML rendering of documents: one self-contained file with inline CSS for screen and A4 print, no
//! scripts and no external resources; every piece of text is escaped.

use super::document::{Block, Document, build};
use super::{DocKind, ExportError, Options};
use crate::model::{Language, Workspace};

/// Exports one document as HTML.
pub fn export(
    ws: &Workspace,
    kind: DocKind,
    id: &str,
    opts: &Options,
) -> Result<String, ExportError> {
    Ok(render(&build(ws, kind, id, opts)?))
}

const STYLE: &str = "\
@page { size: A4; margin: 20mm 18mm 22mm 20mm; }
html { color: #111; background: #fff; }
body { font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4;
  max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 17pt; margin: 0 0 .6em; }
h2 { font-size: 13pt; margin: 1.4em 0 .4em; padding-bottom: .15em; border-bottom: 1px solid #999; }
h3 { font-size: 11pt; margin: .9em 0 .2em; }
h1, h2, h3 { overflow-wrap: anywhere; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 .6em; overflow-wrap: anywhere; }
ul { margin: 0 0 .6em; padding-left: 1.4em; }
li { overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: minmax(7em, max-content) 1fr; gap: .1em 1em; margin: 0 0 .8em; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
li, dd, p { orphans: 3; widows: 3; }
.mark { display: inline-block; border: 2px solid #a00; color: #a00; font-weight: bold;
  letter-spacing: .04em; padding: .1em .6em; margin: 0 .6em .8em 0; }
.sender { text-align: right; margin: 0 0 1.2em; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 .8em; table-layout: fixed; }
th, td { border: 1px solid #999; padding: .2em .4em; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #eee; }
tr { break-inside: avoid; page-break-inside: avoid; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
}
";

/// Renders a document as a complete HTML file, ending in one newline.
pub fn render(doc: &Document) -> String {
    let lang = match doc.lang {
        Language::Da => "da",
        Language::En => "en",
    };
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!("<html lang=\"{}\">\n", escape(lang)));
    out.push_str("<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&doc.title)));
    out.push_str("<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let l = (*level).clamp(1, 6);
                out.push_str(&format!("<h{l}>{}</h{l}>\n", escape(text)));
            }
            Block::Paragraph(text) => out.push_str(&paragraphs(text)),
            Block::Fields(pairs) => {
                out.push_str("<dl>\n");
                for (k, v) in pairs {
                    out.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", escape(k), lines(v)));
                }
                out.push_str("</dl>\n");
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for i in items {
                    out.push_str(&format!("<li>{}</li>\n", lines(i)));
                }
                out.push_str("</ul>\n");
            }
            Block::Mark(text) => out.push_str(&format!("<p class=\"mark\">{}</p>\n", escape(text))),
            Block::Sender(ls) => out.push_str(&format!(
                "<p class=\"sender\">{}</p>\n",
                lines(&ls.join("\n"))
            )),
            Block::Lines(ls) => out.push_str(&format!("<p>{}</p>\n", lines(&ls.join("\n")))),
            Block::Table { header, rows } => {
                // Column widths as in Word: short columns (numbers, times, dates) unbroken.
                let widths = super::docx::widths(header, rows);
                let total: u32 = widths.iter().sum::<u32>().max(1);
                out.push_str("<table>\n<colgroup>");
                for w in &widths {
                    out.push_str(&format!(
                        "<col style=\"width: {:.1}%\">",
                        f64::from(*w) * 100.0 / f64::from(total)
                    ));
                }
                out.push_str("</colgroup>\n<thead><tr>");
                for h in header {
                    out.push_str(&format!("<th>{}</th>", escape(h)));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for r in rows {
                    out.push_str("<tr>");
                    for c in r {
                        out.push_str(&format!("<td>{}</td>", lines(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Paragraphs split at blank lines, each as `<p>` with `<br>` between its lines.
fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    let mut current: Vec<&str> = vec![];
    let flush = |current: &mut Vec<&str>, out: &mut String| {
        if !current.is_empty() {
            out.push_str(&format!("<p>{}</p>\n", lines(&current.join("\n"))));
            current.clear();
        }
    };
    for line in text.split('\n') {
        if line.trim().is_empty() {
            flush(&mut current, &mut out);
        } else {
            current.push(line);
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Escaped lines joined by `<br>`.
fn lines(text: &str) -> String {
    text.split('\n')
        .map(|l| escape(l.trim()))
        .collect::<Vec<_>>()
        .join("<br>\n")
}

/// Escapes text for HTML element content and quoted attribute values. Control characters (which
/// [`super::clean`] has already made visible) are mapped once more for safety.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in super::clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything() {
        assert_eq!(
            escape("<script>alert(1)</script> \"q\" & 'a' \u{1b}[31m"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &amp; &#39;a&#39; \u{241b}[31m"
        );
        assert_eq!(escape("æøå"), "æøå");
    }

    /// Every element that holds user text may break inside a word, so a 300-character word in a
    /// title or a recommendation stays inside the page (seen overflowing in Chromium before).
    #[test]
    fn long_words_wrap_in_every_text_element() {
        let rules: Vec<&str> = STYLE
            .lines()
            .filter(|l| l.contains("overflow-wrap: anywhere"))
            .collect();
        for element in ["h1", "h2", "h3", "p", "li", "dd"] {
            assert!(
                rules.iter().any(|r| r
                    .split('{')
                    .next()
                    .unwrap()
                    .split(',')
                    .any(|sel| sel.trim() == element)),
                "{element} cannot wrap a long word: {rules:?}"
            );
        }
    }

    #[test]
    fn paragraphs_and_breaks() {
        assert_eq!(paragraphs("a\nb\n\nc"), "<p>a<br>\nb</p>\n<p>c</p>\n");
    }
}
