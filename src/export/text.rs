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
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

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
