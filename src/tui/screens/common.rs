//! Pieces the screens share: the detail page (lines with selectable parts), field rows, dates.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::model::Language;
use crate::tui::app::App;
use crate::tui::text::{safe_block, safe_line};
use crate::tui::theme::Theme;

/// A detail page being built: lines, and which of them the cursor can stand on.
#[derive(Default)]
pub struct Page {
    pub lines: Vec<Line<'static>>,
    /// Line index of each selectable part, in cursor order.
    pub parts: Vec<usize>,
    /// The language of the page's own notes.
    pub lang: Language,
}

/// The most of one text a page shows. A page is built for every frame, so a text of 50 MB (pasted
/// by mistake, or an attack) would make every key take seconds; the rest is said to be there.
pub const MAX_SHOWN_TEXT: usize = 256 * 1024;

impl Page {
    pub fn new() -> Page {
        Page::default()
    }
    /// A page whose notes are in `lang`.
    pub fn in_lang(lang: Language) -> Page {
        Page {
            lang,
            ..Page::default()
        }
    }
    /// A heading.
    pub fn heading(&mut self, th: &Theme, text: &str) {
        if !self.lines.is_empty() {
            self.lines.push(Line::from(""));
        }
        self.lines.push(Line::from(Span::styled(
            safe_line(text).into_owned(),
            th.title(),
        )));
    }
    /// "Label: value" with the label padded to `w` columns.
    pub fn field(&mut self, th: &Theme, label: &str, value: &str, w: usize) {
        let pad = w.saturating_sub(unicode_width::UnicodeWidthStr::width(label));
        self.lines.push(Line::from(vec![
            Span::styled(format!("{label}{}", " ".repeat(pad)), th.hint()),
            Span::raw(" "),
            Span::raw(safe_line(value).into_owned()),
        ]));
    }
    /// A block of text (line breaks kept).
    pub fn text(&mut self, value: &str, empty: &str, th: &Theme) {
        if value.trim().is_empty() {
            self.lines
                .push(Line::from(Span::styled(empty.to_string(), th.hint())));
            return;
        }
        let shown = shown_part(value);
        for l in safe_block(shown).lines() {
            self.lines.push(Line::from(format!("  {l}")));
        }
        if shown.len() < value.len() {
            let mb = value.len() as f64 / 1e6;
            let note = match self.lang {
                Language::Da => format!(
                    "  … (teksten fortsætter: {mb:.1} MB i alt, her vises de første {} kB)",
                    MAX_SHOWN_TEXT / 1024
                ),
                Language::En => format!(
                    "  … (the text goes on: {mb:.1} MB in all, the first {} kB are shown here)",
                    MAX_SHOWN_TEXT / 1024
                ),
            };
            self.lines.push(Line::from(note));
        }
    }
    pub fn line(&mut self, l: Line<'static>) {
        self.lines.push(l);
    }
    /// A line the cursor can stand on.
    pub fn part(&mut self, l: Line<'static>) {
        self.parts.push(self.lines.len());
        self.lines.push(l);
    }
    pub fn blank(&mut self) {
        self.lines.push(Line::from(""));
    }

    /// Wraps indented plain lines (text blocks) at `width` so that their continuation lines keep
    /// the indent, as a paragraph in a document would; the selectable parts keep pointing at the
    /// same lines.
    fn indent_wrapped(&mut self, width: usize) {
        if width < 20 {
            return;
        }
        let mut out = Vec::with_capacity(self.lines.len());
        let mut moved = Vec::with_capacity(self.lines.len());
        for line in std::mem::take(&mut self.lines) {
            moved.push(out.len());
            let plain = line.spans.len() == 1 && line.style == ratatui::style::Style::default();
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            let indent = text.len() - text.trim_start_matches(' ').len();
            if !plain || indent == 0 || crate::tui::text::str_width(&text) <= width {
                out.push(line);
                continue;
            }
            let pad = " ".repeat(indent);
            let room = width.saturating_sub(indent).max(10);
            let mut row = String::new();
            // The row's width is kept as it grows: measuring it again for every word made a long
            // paragraph quadratic.
            let mut cur = 0;
            for word in text.split_whitespace() {
                let w = crate::tui::text::str_width(word);
                if cur > 0 && cur + 1 + w > room {
                    out.push(Line::from(format!("{pad}{row}")));
                    row.clear();
                    cur = 0;
                }
                if !row.is_empty() {
                    row.push(' ');
                    cur += 1;
                }
                row.push_str(word);
                cur += w;
            }
            out.push(Line::from(format!("{pad}{row}")));
        }
        self.lines = out;
        for p in &mut self.parts {
            if let Some(&n) = moved.get(*p) {
                *p = n;
            }
        }
    }

    /// Draws the page with the cursor's part highlighted and scrolled into view.
    pub fn draw(mut self, app: &App, f: &mut Frame, area: Rect, title: &str, cursor: usize) {
        let th = Theme::new(app.color);
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(th.hint())
            .title(Span::styled(format!(" {} ", safe_line(title)), th.title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        self.indent_wrapped(inner.width as usize);
        let sel = self.parts.get(cursor).copied();
        if let Some(i) = sel
            && let Some(l) = self.lines.get_mut(i)
        {
            *l = l.clone().style(th.selected());
        }
        let h = inner.height as usize;
        let scroll = if self.parts.is_empty() {
            // Nothing to select: the cursor scrolls the page, up to its last screenful.
            let w = inner.width.max(1) as usize;
            let rows: usize = self
                .lines
                .iter()
                .map(|l| l.width().max(1).div_ceil(w))
                .sum();
            let max = rows.saturating_sub(h);
            app.detail_max_scroll.set(max);
            cursor.min(max) as u16
        } else {
            app.detail_max_scroll.set(usize::MAX);
            // Rows on screen, counting wrapped lines, down to the selected part.
            let w = inner.width.max(1) as usize;
            let rows_before: usize = self
                .lines
                .iter()
                .take(sel.unwrap_or(0))
                .map(|l| l.width().max(1).div_ceil(w))
                .sum();
            let sel_rows = sel
                .and_then(|i| self.lines.get(i))
                .map_or(1, |l| l.width().max(1).div_ceil(w));
            let bottom = rows_before + sel_rows + 2;
            bottom.saturating_sub(h).min(usize::from(u16::MAX)) as u16
        };
        f.render_widget(
            Paragraph::new(self.lines)
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0)),
            inner,
        );
    }
}

/// The first [`MAX_SHOWN_TEXT`] bytes of `value`, cut at a line break or a space when there is one.
fn shown_part(value: &str) -> &str {
    if value.len() <= MAX_SHOWN_TEXT {
        return value;
    }
    let mut end = MAX_SHOWN_TEXT;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    let head = &value[..end];
    match head.rfind(['\n', ' ']) {
        Some(i) if i > end / 2 => &head[..i],
        _ => head,
    }
}

/// 03-12-2026 style, for tables.
pub fn short_date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// An optional date, or a dash.
pub fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(short_date).unwrap_or_else(|| "—".into())
}

/// 3. december 2026 / 3 December 2026.
pub fn long_date(d: NaiveDate, lang: Language) -> String {
    crate::export::dates::long_date(d, lang)
}

/// A span in a style.
pub fn span(s: impl Into<String>, st: Style) -> Span<'static> {
    Span::styled(safe_line(&s.into()).into_owned(), st)
}

/// A plain cell.
pub fn cell(s: impl AsRef<str>) -> Line<'static> {
    Line::from(safe_line(s.as_ref()).into_owned())
}

/// "12 dage" / "12 days", "i dag" / "today", "3 dage siden" / "3 days ago".
pub fn days_left(today: NaiveDate, d: NaiveDate, lang: Language) -> String {
    let n = (d - today).num_days();
    match (n, lang) {
        (0, Language::Da) => "i dag".into(),
        (0, Language::En) => "today".into(),
        (1, Language::Da) => "i morgen".into(),
        (1, Language::En) => "tomorrow".into(),
        (n, Language::Da) if n > 1 => format!("om {n} dage"),
        (n, Language::En) if n > 1 => format!("in {n} days"),
        (-1, Language::Da) => "i går".into(),
        (-1, Language::En) => "yesterday".into(),
        (n, Language::Da) => format!("{} dage siden", -n),
        (n, Language::En) => format!("{} days ago", -n),
    }
}

/// Why a form could not be saved when its record (or the part of it) is no longer there.
pub fn gone(app: &App) -> String {
    app.t(
        "Posten findes ikke længere (slettet af en anden?). Intet er gemt.",
        "The record no longer exists (deleted by someone else?). Nothing was saved.",
    )
    .to_string()
}
