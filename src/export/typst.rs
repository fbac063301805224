//! Typst markup from the document model, for PDF through [`super::pdf`]. Every piece of user text
//! goes through [`escape`] (markup) or [`string`] (a Typst string literal), so no title, name or
//! background can change the document's structure, call a function or read a file.

use super::document::{Block, Chart, ChartKind, Document, Series, nice_max, number};
use crate::i18n::tr;
use crate::model::Language;

/// Escapes text for Typst markup: every character that markup gives a meaning (`#` code, `*` strong,
/// `_` emphasis, `$` math, `@` references, `<`/`>` labels, `[`/`]` content, `` ` `` raw, `\` escapes,
/// `~` no-break space, `-` dashes, minus and list items, `+` numbered items, `=` headings, `/` term
/// lists and comments, `"` and `'` smart quotes) is escaped with a backslash; "1." at the start of a line cannot start a
/// numbered list. Newlines are kept (the callers decide what they mean).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Digits and a full stop at the start of a line would make a numbered list item.
        let trimmed = line.trim_start();
        let digits = trimmed.chars().take_while(|c| c.is_ascii_digit()).count();
        let enum_dot = (digits > 0 && trimmed[digits..].starts_with('.'))
            .then_some(line.len() - trimmed.len() + digits);
        for (pos, c) in line.char_indices() {
            match c {
                '\\' | '#' | '*' | '_' | '$' | '@' | '<' | '>' | '[' | ']' | '`' | '~' | '-'
                | '+' | '=' | '/' | '"' | '\'' => {
                    out.push('\\');
                    out.push(c);
                }
                '.' if Some(pos) == enum_dot => out.push_str("\\."),
                _ => out.push(c),
            }
        }
    }
    out
}

/// A Typst string literal holding `s` (for code: metadata, labels shown in headers).
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text with line breaks kept: each newline becomes a forced line break; `indent` goes before every
/// continuation line (list items).
fn lines(text: &str, indent: &str) -> String {
    escape(text)
        .split('\n')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(&format!(" \\\n{indent}"))
}

/// Blank-line separated paragraphs, each with its line breaks.
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
    paras.join(&format!("\n{indent}\n{indent}"))
}

/// What goes on every page and into the PDF's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub lang: Language,
    /// The PDF's title.
    pub title: String,
    /// The PDF's author (the forum's secretariat), if known.
    pub author: Option<String>,
    /// The running header at the top of every page.
    pub header: String,
    /// The document's date (metadata; needed for PDF/A), as (year, month, day).
    pub date: Option<(i32, u32, u32)>,
    /// A mark in the header's right side, e.g. "Offentlig version".
    pub mark: Option<String>,
}

impl Page {
    /// The page settings for a document with nothing more known than the document itself.
    pub fn for_document(doc: &Document) -> Page {
        Page {
            lang: doc.lang,
            title: doc.title.clone(),
            author: None,
            header: doc.title.clone(),
            date: None,
            mark: None,
        }
    }
}

/// The settings at the top of every source: metadata, A4 pages with header and "Side x af y",
/// fonts, language and hyphenation, heading styles.
pub fn preamble(p: &Page) -> String {
    let lang = match p.lang {
        Language::Da => "lang: \"da\", region: \"DK\"",
        Language::En => "lang: \"en\", region: \"GB\"",
    };
    let mut meta = vec![format!("title: {}", string(&p.title))];
    if let Some(a) = p.author.as_deref().filter(|a| !a.trim().is_empty()) {
        meta.push(format!("author: {}", string(a)));
    }
    match p.date {
        Some((y, m, d)) => meta.push(format!("date: datetime(year: {y}, month: {m}, day: {d})")),
        None => meta.push("date: none".to_string()),
    }
    let (page_word, of_word) = (tr(p.lang, "Side", "Page"), tr(p.lang, "af", "of"));
    let mark = p
        .mark
        .as_deref()
        .map(|m| format!("h(1fr); strong({})", string(m)))
        .unwrap_or_default();
    format!(
        r#"#set document({meta})
#set text(font: "Libertinus Serif", size: 11pt, {lang}, hyphenate: {hyphenate})
#set par(justify: false, leading: 0.6em, spacing: 1em)
#set page(
  paper: "a4",
  margin: (top: 2.6cm, bottom: 2.4cm, x: 2.4cm),
  header: context {{
    set text(size: 8.5pt, fill: luma(70))
    {header}; {mark}
    v(-0.4em)
    line(length: 100%, stroke: 0.4pt + luma(150))
  }},
  footer: context {{
    set text(size: 8.5pt, fill: luma(70))
    h(1fr)
    [{page_word} #counter(page).display() {of_word} #counter(page).final().first()]
    h(1fr)
  }},
)
#set heading(numbering: none)
#show heading: set block(above: 1.4em, below: 0.7em)
#show heading.where(level: 1): set text(size: 17pt)
#show heading.where(level: 2): set text(size: 13.5pt)
#show heading.where(level: 3): set text(size: 11.5pt)
#show heading.where(level: 3): set heading(bookmarked: false)
#set list(indent: 0.4em, body-indent: 0.6em)

"#,
        meta = meta.join(", "),
        hyphenate = p.lang == Language::Da,
        header = string(&p.header),
    )
}

/// One block as markup. `label` (a Typst label name) is attached to a heading; `lang` writes the
/// numbers of a chart's table.
pub fn block(b: &Block, label: Option<&str>, lang: Language) -> String {
    match b {
        // Charts are drawn with Typst's shapes.
        Block::Chart(c) => chart(c, lang),
        Block::Lights(l) => lights(l, lang),
        Block::Heading { level, text } => {
            let label = label.map(|l| format!(" <{l}>")).unwrap_or_default();
            format!(
                "{} {}{label}",
                "=".repeat(usize::from((*level).clamp(1, 6))),
                escape(text).replace('\n', " ")
            )
        }
        Block::Paragraph(text) => paragraphs(text, ""),
        Block::Fields(pairs) => {
            let mut cells = String::new();
            for (k, v) in pairs {
                cells.push_str(&format!(
                    "  [*{}:*], [{}],\n",
                    escape(k).replace('\n', " "),
                    lines(v, "")
                ));
            }
            format!(
                "#grid(\n  columns: (auto, 1fr),\n  column-gutter: 1em,\n  row-gutter: 0.65em,\n{cells})"
            )
        }
        Block::List(items) => items
            .iter()
            .map(|i| format!("- {}", paragraphs(i, "  ")))
            .collect::<Vec<_>>()
            .join("\n"),
        // A boxed, bold line ("UDKAST", "Godkendt den ...").
        Block::Mark(text) => format!(
            "#block(stroke: 0.8pt, inset: (x: 0.6em, y: 0.35em))[*{}*]",
            escape(text).replace('\n', " ")
        ),
        Block::Table { header, rows } => {
            // Column widths in proportion to their content, as in the Word export.
            let widths = super::docx::widths(header, rows);
            let total: u32 = widths.iter().sum::<u32>().max(1);
            let columns = widths
                .iter()
                .map(|w| format!("{}fr", (w * 100 / total).max(1)))
                .collect::<Vec<_>>()
                .join(", ");
            let head = header
                .iter()
                .map(|h| format!("[*{}*]", lines(h, "")))
                .collect::<Vec<_>>()
                .join(", ");
            let mut cells = String::new();
            for row in rows {
                for c in row {
                    cells.push_str(&format!("  [{}],\n", lines(c, "")));
                }
            }
            format!(
                "#table(\n  columns: ({columns},),\n  inset: 0.4em,\n  stroke: 0.5pt + luma(160),\n  table.header({head}),\n{cells})"
            )
        }
        Block::Sender(items) => format!(
            "#align(right)[{}]",
            items
                .iter()
                .map(|l| lines(l, ""))
                .collect::<Vec<_>>()
                .join(" \\\n")
        ),
        Block::Lines(items) => items
            .iter()
            .map(|l| lines(l, ""))
            .collect::<Vec<_>>()
            .join(" \\\n"),
    }
}

/// The blocks of a document as markup, a blank line between blocks.
pub fn body(doc: &Document) -> String {
    let mut out = doc
        .blocks
        .iter()
        .map(|b| block(b, None, doc.lang))
        .collect::<Vec<_>>()
        .join("\n\n");
    out.push('\n');
    out
}

/// The whole Typst source of a stand-alone document.
pub fn render(doc: &Document, page: &Page) -> String {
    let mut out = preamble(page);
    out.push_str(&body(doc));
    out
}

/// A tone's colour as a Typst colour (the same shades as the HTML charts).
fn tone_color(t: super::document::Tone) -> String {
    format!("rgb(\"{}\")", t.hex())
}

/// A chart drawn with Typst's own shapes: a caption with the unit, a fixed-size box holding the grid,
/// the y axis numbers, the x axis labels and the bars or lines (each shape `place`d at its point), and
/// a legend under it. Kept on one page. Every label goes through [`escape`].
pub fn chart(c: &Chart, lang: Language) -> String {
    use rust_decimal::prelude::ToPrimitive;
    const W: f64 = 450.0;
    const H: f64 = 170.0;
    const LEFT: f64 = 44.0;
    const RIGHT: f64 = 6.0;
    const TOP: f64 = 6.0;
    const BOTTOM: f64 = 22.0;
    let n = c.labels.len().max(1);
    let val = |s: &Series, i: usize| s.values.get(i).copied().flatten().and_then(|v| v.to_f64());
    let max = match c.kind {
        ChartKind::StackedBars => (0..n)
            .map(|i| {
                c.series
                    .iter()
                    .filter_map(|s| val(s, i))
                    .filter(|v| *v > 0.0)
                    .sum::<f64>()
            })
            .fold(0.0, f64::max),
        ChartKind::Lines => c
            .series
            .iter()
            .flat_map(|s| (0..n).filter_map(move |i| val(s, i)))
            .fold(0.0, f64::max),
    };
    // Four round steps (counts 0, 10, 20, 30, 40 rather than 0, 12,5, 25, ...).
    let top = 4.0 * nice_max(max / 4.0);
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let y = |v: f64| TOP + plot_h - (v.max(0.0).min(top) / top) * plot_h;
    let slot = plot_w / n as f64;
    let x = |i: usize| LEFT + slot * (i as f64 + 0.5);
    let mut shapes: Vec<String> = vec![];
    let place = |dx: f64, dy: f64, what: String| {
        format!("  #place(top + left, dx: {dx:.1}pt, dy: {dy:.1}pt, {what})")
    };
    // Grid and the y axis numbers: five steps.
    for k in 0..=4 {
        let v = top * f64::from(k) / 4.0;
        let yy = y(v);
        shapes.push(format!(
            "  #place(top + left, line(start: ({LEFT:.1}pt, {yy:.1}pt), end: ({:.1}pt, {yy:.1}pt), stroke: 0.4pt + luma(215)))",
            W - RIGHT
        ));
        let label = number(
            rust_decimal::Decimal::from_f64_retain(v).unwrap_or_default(),
            lang,
        );
        shapes.push(place(
            0.0,
            yy - 4.5,
            format!(
                "box(width: {:.1}pt, align(right, text(size: 7pt)[{}]))",
                LEFT - 5.0,
                escape(&label)
            ),
        ));
    }
    // The x axis and its labels: every label when they fit, else every k-th.
    shapes.push(format!(
        "  #place(top + left, line(start: ({LEFT:.1}pt, {0:.1}pt), end: ({1:.1}pt, {0:.1}pt), stroke: 0.6pt + luma(60)))",
        TOP + plot_h,
        W - RIGHT
    ));
    let every = if n > 8 { n.div_ceil(8) } else { 1 };
    let label_w = slot * every as f64;
    for (i, l) in c.labels.iter().enumerate() {
        if i % every == 0 {
            shapes.push(place(
                x(i) - label_w / 2.0,
                TOP + plot_h + 5.0,
                format!(
                    "box(width: {label_w:.1}pt, align(center, text(size: 7pt)[{}]))",
                    escape(l).replace('\n', " ")
                ),
            ));
        }
    }
    match c.kind {
        ChartKind::StackedBars => {
            let bw = (slot * 0.6).min(36.0);
            for i in 0..n {
                let mut base = 0.0;
                for s in &c.series {
                    let Some(v) = val(s, i).filter(|v| *v > 0.0) else {
                        continue;
                    };
                    let (y1, y0) = (y(base + v), y(base));
                    if y0 - y1 > 0.05 {
                        shapes.push(place(
                            x(i) - bw / 2.0,
                            y1,
                            format!(
                                "rect(width: {bw:.1}pt, height: {:.1}pt, fill: {}, stroke: none)",
                                y0 - y1,
                                tone_color(s.tone)
                            ),
                        ));
                    }
                    base += v;
                }
            }
        }
        ChartKind::Lines => {
            // One curve per unbroken run of values (a missing value breaks the line); a dot on
            // each value while there are few enough to tell apart. One shape per run rather than
            // per segment: a report of hundreds of initiatives draws hundreds of these charts.
            let dots = n <= 12;
            for (k, s) in c.series.iter().enumerate() {
                let color = tone_color(s.tone);
                let dash = if k % 2 == 1 { ", dash: \"dashed\"" } else { "" };
                let mut run: Vec<(f64, f64)> = vec![];
                let flush = |run: &mut Vec<(f64, f64)>, shapes: &mut Vec<String>| {
                    if run.len() > 1 {
                        let parts = run
                            .iter()
                            .enumerate()
                            .map(|(j, p)| {
                                let how = if j == 0 { "move" } else { "line" };
                                format!("curve.{how}(({:.1}pt, {:.1}pt))", p.0, p.1)
                            })
                            .collect::<Vec<_>>()
                            .join(", ");
                        shapes.push(format!(
                            "  #place(top + left, curve(stroke: (paint: {color}, thickness: 1.4pt{dash}), {parts}))"
                        ));
                    }
                    run.clear();
                };
                for i in 0..n {
                    match val(s, i) {
                        Some(v) => {
                            let p = (x(i), y(v));
                            if dots || run.is_empty() && val(s, i + 1).is_none() {
                                shapes.push(place(
                                    p.0 - 2.0,
                                    p.1 - 2.0,
                                    format!("circle(radius: 2pt, fill: {color}, stroke: none)"),
                                ));
                            }
                            run.push(p);
                        }
                        None => flush(&mut run, &mut shapes),
                    }
                }
                flush(&mut run, &mut shapes);
            }
        }
    }
    let legend = c
        .series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let swatch = match c.kind {
                ChartKind::StackedBars => format!(
                    "#box(baseline: 1pt, rect(width: 7pt, height: 7pt, fill: {}, stroke: none))",
                    tone_color(s.tone)
                ),
                ChartKind::Lines => format!(
                    "#box(baseline: -2.5pt, line(length: 14pt, stroke: (paint: {}, thickness: 1.4pt{})))",
                    tone_color(s.tone),
                    if k % 2 == 1 { ", dash: \"dashed\"" } else { "" }
                ),
            };
            format!("{swatch}~{}", escape(&s.name).replace('\n', " "))
        })
        .collect::<Vec<_>>()
        .join(" #h(1.2em) ");
    format!(
        "#block(breakable: false, width: 100%, above: 1em, below: 1.2em)[\n  #text(size: 10pt, weight: \"bold\")[{caption}]\n  #v(0.2em)\n  #box(width: {W:.0}pt, height: {H:.0}pt)[\n{shapes}\n  ]\n  #v(0.1em)\n  #text(size: 8pt)[{legend}]\n]",
        caption = escape(&c.caption()).replace('\n', " "),
        shapes = shapes.join("\n"),
    )
}

/// A table of traffic lights: each light a coloured circle drawn with Typst's shapes followed by its
/// letter (a hollow circle for "not reported", "–" where nothing was reported). Every text goes
/// through [`escape`].
pub fn lights(l: &super::document::Lights, lang: Language) -> String {
    use super::document::Lights;
    let n_lights = l.rows.first().map_or(0, |r| r.lights.len());
    let n_text = l.header.len().saturating_sub(n_lights);
    // The first column (a number) as wide as it needs, the second (a name) the most room, the
    // lights a narrow column each.
    let columns = (0..l.header.len())
        .map(|i| match i {
            0 => "auto",
            1 if n_text > 1 => "3fr",
            i if i < n_text => "2fr",
            _ => "4.6em",
        })
        .collect::<Vec<_>>()
        .join(", ");
    let head = l
        .header
        .iter()
        .map(|h| format!("[*{}*]", lines(h, "")))
        .collect::<Vec<_>>()
        .join(", ");
    let mut cells = String::new();
    for r in &l.rows {
        for c in &r.cells {
            cells.push_str(&format!("  [{}],\n", lines(c, "")));
        }
        for light in &r.lights {
            let cell = match (light, Lights::tone(*light)) {
                (None, _) => "–".to_string(),
                (Some(rag), tone) => format!(
                    "#box(baseline: 1.5pt, circle(radius: 4pt, fill: {}, stroke: 0.5pt + luma(50)))~{}",
                    tone.map_or("white".to_string(), tone_color),
                    escape(crate::i18n::rag_letter(*rag, lang))
                ),
            };
            cells.push_str(&format!("  [{cell}],\n"));
        }
    }
    format!(
        "#table(\n  columns: ({columns},),\n  inset: 0.4em,\n  stroke: 0.5pt + luma(160),\n  table.header({head}),\n{cells})"
    )
}
