//! Plain-text rendering of documents for an e-mail body: underlined headings, aligned fields, bullet
//! lists, every line wrapped at 72 columns on words (words longer than a line are broken hard).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::document::{Block, Document, build};
use super::{DocKind, ExportError, Options};
use crate::model::Workspace;

/// The widest line, in terminal columns.
pub const WIDTH: usize = 72;

/// Labels up to this wide are aligned in a column; wider ones get a hanging indent of two.
const MAX_LABEL_COLUMN: usize = 30;

/// Exports one document as plain text.
pub fn export(
    ws: &Workspace,
    kind: DocKind,
    id: &str,
    opts: &Options,
) -> Result<String, ExportError> {
    Ok(render(&build(ws, kind, id, opts)?))
}

/// Renders a document as plain text, ending in one newline.
pub fn render(doc: &Document) -> String {
    let mut out: Vec<String> = vec![];
    let mut after_subheading = false;
    for block in &doc.blocks {
        if !out.is_empty() && !after_subheading {
            out.push(String::new());
        }
        after_subheading = false;
        match block {
            Block::Heading { level, text } => {
                let text = if *level >= 3 && !text.ends_with([':', '.', '?', '!']) {
                    format!("{text}:")
                } else {
                    text.clone()
                };
                let lines = wrap(&text, WIDTH, "", "");
                let widest = lines
                    .iter()
                    .map(|l| l.width())
                    .max()
                    .unwrap_or(0)
                    .min(WIDTH);
                out.extend(lines);
                match level {
                    1 => out.push("=".repeat(widest)),
                    2 => out.push("-".repeat(widest)),
                    _ => after_subheading = true,
                }
            }
            Block::Paragraph(text) => out.extend(paragraph(text, "", "")),
            Block::Fields(pairs) => {
                let label_w = pairs.iter().map(|(k, _)| k.width() + 1).max().unwrap_or(0);
                let column = if label_w <= MAX_LABEL_COLUMN {
                    label_w + 1
                } else {
                    0
                };
                for (k, v) in pairs {
                    let label = format!("{k}:");
                    let (first, rest) = if column > 0 {
                        (
                            format!("{label}{}", " ".repeat(column - label.width())),
                            " ".repeat(column),
                        )
                    } else {
                        (format!("{label} "), "  ".to_string())
                    };
                    out.extend(paragraph(v, &first, &rest));
                }
            }
            Block::List(items) => {
                for item in items {
                    out.extend(paragraph(item, "- ", "  "));
                }
            }
            Block::Mark(text) => out.extend(wrap(&format!("*** {text} ***"), WIDTH, "", "")),
            Block::Sender(lines) | Block::Lines(lines) => {
                for l in lines {
                    out.extend(wrap(l, WIDTH, "", "  "));
                }
            }
            Block::Table { header, rows } => out.extend(table(header, rows)),
            Block::Chart(chart) => {
                out.extend(wrap(&chart.caption(), WIDTH, "", ""));
                let (header, rows) = chart.as_table(doc.lang);
                out.extend(table(&header, &rows));
            }
            Block::Lights(lights) => {
                let (header, rows) = lights.as_table(doc.lang);
                out.extend(table(&header, &rows));
            }
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// A table in columns under a header line, each cell wrapped in its column; the widest columns give
/// way until the table fits in [`WIDTH`]. When it cannot fit with columns of at least
/// [`MIN_COLUMN`], each row is its first cell followed by the others as indented "Header: value" lines.
fn table(header: &[String], rows: &[Vec<String>]) -> Vec<String> {
    let cols = header.len();
    let gap = 2;
    let longest_word = |c: &str| c.split_whitespace().map(|w| w.width()).max().unwrap_or(0);
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    let mut floor: Vec<usize> = header.iter().map(|h| h.width().max(MIN_COLUMN)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(c.split('\n').map(|l| l.width()).max().unwrap_or(0));
            floor[i] = floor[i].max(longest_word(c).min(MAX_WORD));
        }
    }
    for (w, f) in widths.iter_mut().zip(floor.iter_mut()) {
        *f = (*f).min(*w);
    }
    let avail = WIDTH.saturating_sub(gap * cols.saturating_sub(1));
    while widths.iter().sum::<usize>() > avail {
        // Narrow the widest column that can still give way.
        let Some(i) = (0..cols)
            .filter(|&i| widths[i] > floor[i])
            .max_by_key(|&i| widths[i])
        else {
            break;
        };
        widths[i] -= 1;
    }
    let mut out = vec![];
    if widths.iter().sum::<usize>() > avail || cols == 0 {
        for (n, r) in rows.iter().enumerate() {
            if n > 0 {
                out.push(String::new());
            }
            out.extend(paragraph(r.first().map_or("", |c| c.as_str()), "", ""));
            for (h, c) in header.iter().zip(r).skip(1) {
                if !c.trim().is_empty() {
                    out.extend(paragraph(c, &format!("  {h}: "), "    "));
                }
            }
        }
        return out;
    }
    let row_lines = |cells: &[String]| -> Vec<String> {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .take(cols)
            .enumerate()
            .map(|(i, c)| {
                c.split('\n')
                    .filter(|l| !l.trim().is_empty())
                    .flat_map(|l| wrap(l, widths[i], "", ""))
                    .collect()
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        (0..height)
            .map(|k| {
                let mut s = String::new();
                for (i, w) in wrapped.iter().enumerate() {
                    let part = w.get(k).map_or("", |x| x.as_str());
                    s.push_str(part);
                    if i + 1 < cols {
                        s.push_str(&" ".repeat(widths[i].saturating_sub(part.width()) + gap));
                    }
                }
                s.trim_end().to_string()
            })
            .collect()
    };
    out.extend(row_lines(header));
    out.push("-".repeat(widths.iter().sum::<usize>() + gap * (cols - 1)));
    let multi = rows.iter().any(|r| row_lines(r).len() > 1);
    for (n, r) in rows.iter().enumerate() {
        if multi && n > 0 {
            out.push(String::new());
        }
        out.extend(row_lines(r));
    }
    out
}

/// The narrowest a table column gets before the table is set as a list instead.
const MIN_COLUMN: usize = 8;

/// Words up to this wide are not broken inside a table cell.
const MAX_WORD: usize = 24;

/// Wraps a text of several lines; blank lines are kept (runs of them collapse to one).
fn paragraph(text: &str, first: &str, rest: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut prefix = first;
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        out.extend(wrap(line, WIDTH, prefix, rest));
        prefix = rest;
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    if out.is_empty() && !first.trim().is_empty() {
        out.push(first.trim_end().to_string());
    }
    out
}

/// Wraps one line of text on white space at `width` columns, the first line starting with `first`,
/// the others with `rest`; words longer than a line are broken hard. No line ends in a blank.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines: Vec<String> = vec![];
    let mut line = first.to_string();
    let mut has_word = false;
    for word in text.split_whitespace() {
        let ww = word.width();
        let sep = usize::from(has_word);
        if has_word && line.width() + sep + ww > width {
            lines.push(line.trim_end().to_string());
            line = rest.to_string();
            has_word = false;
        }
        let indent_w = line.width();
        if indent_w + usize::from(has_word) + ww <= width {
            if has_word {
                line.push(' ');
            }
            line.push_str(word);
            has_word = true;
            continue;
        }
        // A word longer than a whole line: break it by columns.
        let mut used = line.width();
        let mut content = false;
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && content {
                lines.push(line.trim_end().to_string());
                line = rest.to_string();
                used = line.width();
            }
            content = true;
            line.push(c);
            used += cw;
        }
        has_word = true;
    }
    if has_word || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_on_words() {
        let text = "aaa bbb ccc ddd";
        assert_eq!(wrap(text, 7, "", ""), ["aaa bbb", "ccc ddd"]);
        assert_eq!(
            wrap(text, 8, "- ", "  "),
            ["- aaa", "  bbb", "  ccc", "  ddd"]
        );
        assert_eq!(wrap(text, 9, "- ", "  "), ["- aaa bbb", "  ccc ddd"]);
    }

    #[test]
    fn breaks_long_words_hard() {
        let long = "x".repeat(20);
        assert_eq!(
            wrap(&format!("ab {long}"), 8, "", ""),
            ["ab", "xxxxxxxx", "xxxxxxxx", "xxxx"]
        );
        let lines = wrap(&"ø".repeat(200), WIDTH, "- ", "  ");
        assert!(lines.iter().all(|l| l.width() <= WIDTH), "{lines:?}");
        assert_eq!(
            lines
                .iter()
                .map(|l| l.trim_start_matches(['-', ' ']).chars().count())
                .sum::<usize>(),
            200
        );
    }

    #[test]
    fn fields_align() {
        let doc = Document {
            lang: crate::model::Language::Da,
            title: String::new(),
            blocks: vec![Block::Fields(vec![
                ("Dato".into(), "i dag".into()),
                ("Svarfrist".into(), "i morgen".into()),
            ])],
        };
        assert_eq!(render(&doc), "Dato:      i dag\nSvarfrist: i morgen\n");
    }
}
