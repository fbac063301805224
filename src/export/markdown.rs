//! Markdown rendering of documents that reads the same in CommonMark, GFM and Python-Markdown: ATX
//! headings, fields and table rows as bullet lists (CommonMark has no tables), hard line breaks as
//! two trailing spaces (Python-Markdown does not know the backslash break), continuation lines indented
//! four spaces (Python-Markdown's list indent), and every piece of data escaped so that it cannot
//! change the structure (no stray headings, lists, quotes, emphasis, links or raw HTML).

use super::document::{Block, Document, build};
use super::{DocKind, ExportError, Options};
use crate::model::Workspace;

/// Exports one document as Markdown.
pub fn export(
    ws: &Workspace,
    kind: DocKind,
    id: &str,
    opts: &Options,
) -> Result<String, ExportError> {
    Ok(render(&build(ws, kind, id, opts)?))
}

/// Renders a document as Markdown, ending in one newline.
pub fn render(doc: &Document) -> String {
    let mut parts: Vec<String> = vec![];
    for block in &doc.blocks {
        parts.push(match block {
            Block::Heading { level, text } => {
                format!(
                    "{} {}",
                    "#".repeat(usize::from((*level).clamp(1, 6))),
                    escape(text, false)
                )
            }
            Block::Paragraph(text) => paragraphs(text, ""),
            Block::Fields(pairs) => pairs
                .iter()
                .map(|(k, v)| format!("- **{}:** {}", escape(k, false), lines(v, INDENT)))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::List(items) => items
                .iter()
                .map(|i| format!("- {}", paragraphs(i, INDENT)))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Mark(text) => format!("**{}**", escape(text, false)),
            Block::Table { rows, .. } => rows
                .iter()
                .map(|r| table_row(r))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Sender(ls) | Block::Lines(ls) => lines(&ls.join("\n"), ""),
            Block::Chart(chart) => chart_text(chart, doc.lang),
            Block::Lights(lights) => lights_text(lights, doc.lang),
        });
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

/// A chart as its title in bold and a small aligned text table in a fenced code block (data only,
/// so nothing in it can change the Markdown's structure; backticks are replaced all the same).
fn chart_text(chart: &super::document::Chart, lang: crate::model::Language) -> String {
    let (header, rows) = chart.as_table(lang);
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                let pad = " ".repeat(w - c.chars().count());
                if i == 0 {
                    format!("{c}{pad}")
                } else {
                    format!("{pad}{c}")
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .replace('`', "'")
            .trim_end()
            .to_string()
    };
    let mut out = format!(
        "**{}**\n\n```text\n{}\n",
        escape(&chart.caption(), false),
        line(&header)
    );
    for r in &rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out.push_str("```");
    out
}

/// A table of traffic lights as list items: the first cell in bold, the other cells, then
/// "heading: word" for each light ("1. kvt. 2026: grøn"), so it reads without colour.
fn lights_text(lights: &super::document::Lights, lang: crate::model::Language) -> String {
    let n = lights
        .header
        .len()
        .saturating_sub(lights.rows.first().map_or(0, |r| r.lights.len()));
    lights
        .rows
        .iter()
        .map(|r| {
            let mut cells = r.cells.clone();
            let status: Vec<String> = lights
                .header
                .iter()
                .skip(n)
                .zip(&r.lights)
                .map(|(h, l)| format!("{h}: {}", super::document::Lights::word(*l, lang)))
                .collect();
            cells.push(status.join(", "));
            table_row(&cells)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Continuation lines of a list item: four spaces, which every renderer takes as the item's own.
const INDENT: &str = "    ";

/// A table row as a list item: the first cell in bold, the others after it, separated by dashes.
fn table_row(cells: &[String]) -> String {
    let mut out = String::from("- ");
    if let Some(first) = cells.first().filter(|c| !c.is_empty()) {
        let colon = if first.ends_with(['.', ':']) { "" } else { ":" };
        out.push_str(&format!("**{}{colon}**", escape(first, false)));
    }
    let rest: Vec<String> = cells
        .iter()
        .skip(1)
        .filter(|c| !c.trim().is_empty())
        .map(|c| inline_lines(c))
        .collect();
    if !rest.is_empty() {
        if out.len() > 2 {
            out.push(' ');
        }
        out.push_str(&rest.join(" – "));
    }
    out.trim_end().to_string()
}

/// Lines that continue a line already begun (a table cell after the row's first): the first line is
/// not at the start of a physical line, so "30. november" stays as it is.
fn inline_lines(text: &str) -> String {
    let mut it = text.split('\n').filter(|l| !l.trim().is_empty());
    let first = it
        .next()
        .map(|l| escape(l.trim(), false))
        .unwrap_or_default();
    let rest: Vec<String> = it.map(|l| escape(l, true)).collect();
    if rest.is_empty() {
        first
    } else {
        format!("{first}  \n{INDENT}{}", rest.join(&format!("  \n{INDENT}")))
    }
}

/// Text with blank-line separated paragraphs; continuation lines get `indent`.
fn paragraphs(text: &str, indent: &str) -> String {
    let mut paras: Vec<String> = vec![];
    let mut current: Vec<&str> = vec![];
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paras.push(lines(&current.join("\n"), indent));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paras.push(lines(&current.join("\n"), indent));
    }
    paras.join(&format!("\n\n{indent}"))
}

/// Lines of one paragraph joined by hard line breaks (two spaces at the end of a line: the break
/// CommonMark, GFM and Python-Markdown all know).
fn lines(text: &str, indent: &str) -> String {
    text.split('\n')
        .map(|l| escape(l, true))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(&format!("  \n{indent}"))
}

/// Escapes a line of text for Markdown inline content. With `at_start`, the line begins a physical
/// line of the output, so block markers (`#`, `>`, `-`, `+`, `=`, `1.`) at its start are escaped too,
/// and leading blanks (which would make a code block) are dropped.
pub fn escape(text: &str, at_start: bool) -> String {
    let text = if at_start { text.trim_start() } else { text };
    let text = text.trim_end();
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    // Where a leading ordered-list number ("12." or "12)") ends, if any.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let list_number_end =
        (at_start && digits > 0 && matches!(chars.get(digits), Some('.') | Some(')')))
            .then_some(digits);
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' => true,
            '-' | '+' | '=' => at_start && i == 0,
            '.' | ')' => list_number_end == Some(i),
            '&' => chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#'),
            '!' => chars.get(i + 1) == Some(&'['),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_is_escaped() {
        assert_eq!(escape("# not a heading", true), "\\# not a heading");
        assert_eq!(escape("- not a list", true), "\\- not a list");
        assert_eq!(escape("  > not a quote", true), "\\> not a quote");
        assert_eq!(escape("1. not a list", true), "1\\. not a list");
        assert_eq!(escape("a - b 1. c", true), "a - b 1. c");
        assert_eq!(
            escape("<b>*x*</b> [l](u) &amp; & x", false),
            "\\<b\\>\\*x\\*\\</b\\> \\[l\\](u) \\&amp; & x"
        );
        assert_eq!(escape("æøå ÆØÅ", true), "æøå ÆØÅ");
    }

    #[test]
    fn multi_line_paragraphs() {
        assert_eq!(paragraphs("a\n# b\n\n\nc", ""), "a  \n\\# b\n\nc");
        assert_eq!(paragraphs("a\n- b", INDENT), "a  \n    \\- b");
    }
}
