//! HTML rendering of documents: one self-contained file with inline CSS for screen and A4 print, no
//! scripts and no external resources; every piece of text is escaped.

use super::document::{Block, Chart, ChartKind, Document, Series, build, nice_max, number};
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

pub(crate) const STYLE: &str = "\
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
body:has(figure.chart) { max-width: 62em; }
figure.chart { margin: .4em 0 1em; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-weight: bold; margin: 0 0 .3em; }
svg.chart { display: block; max-width: 40em; height: auto; }
.legend { font-size: 10pt; margin: .2em 0 .3em; }
.key { margin-right: 1.2em; white-space: nowrap; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .35em; vertical-align: -.1em;
  border: 1px solid #555; }
details summary { cursor: pointer; font-size: 10pt; }
.pagebreak { break-before: page; page-break-before: always; }
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
            Block::Chart(chart) => out.push_str(&chart_html(chart, doc.lang)),
            Block::Lights(lights) => out.push_str(&lights_html(lights, doc.lang)),
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A chart as a figure: an inline SVG (no script, no external resources) with a title for screen
/// readers, a legend in text, and the numbers as a table under "Tal"/"Figures" (a `<details>`, which
/// opens without JavaScript).
pub(crate) fn chart_html(chart: &Chart, lang: Language) -> String {
    use rust_decimal::prelude::ToPrimitive;
    const W: f64 = 640.0;
    const H: f64 = 240.0;
    const LEFT: f64 = 56.0;
    const RIGHT: f64 = 12.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = 40.0;
    let n = chart.labels.len().max(1);
    let val = |s: &Series, i: usize| s.values.get(i).copied().flatten().and_then(|v| v.to_f64());
    let max = match chart.kind {
        ChartKind::StackedBars => (0..n)
            .map(|i| chart.series.iter().filter_map(|s| val(s, i)).sum::<f64>())
            .fold(0.0, f64::max),
        ChartKind::Lines => chart
            .series
            .iter()
            .flat_map(|s| (0..n).filter_map(move |i| val(s, i)))
            .fold(0.0, f64::max),
    };
    let top = nice_max(max);
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let y = |v: f64| TOP + plot_h - (v.max(0.0) / top) * plot_h;
    let slot = plot_w / n as f64;
    let x = |i: usize| LEFT + slot * (i as f64 + 0.5);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" width=\"100%\" role=\"img\" aria-labelledby=\"{{id}}\" xmlns=\"http://www.w3.org/2000/svg\">\n"
    );
    // Grid and y axis labels: five steps.
    for k in 0..=4 {
        let v = top * f64::from(k) / 4.0;
        let yy = y(v);
        svg.push_str(&format!(
            "<line x1=\"{LEFT}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"#ddd\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">{}</text>\n",
            W - RIGHT,
            LEFT - 6.0,
            yy + 4.0,
            escape(&number(
                rust_decimal::Decimal::from_f64_retain(v).unwrap_or_default(),
                lang
            ))
        ));
    }
    svg.push_str(&format!(
        "<line x1=\"{LEFT}\" y1=\"{0:.1}\" x2=\"{1:.1}\" y2=\"{0:.1}\" stroke=\"#333\"/>\n",
        TOP + plot_h,
        W - RIGHT
    ));
    // X labels: every label when they fit, else every other.
    let every = if n > 12 { n.div_ceil(12) } else { 1 };
    for (i, l) in chart.labels.iter().enumerate() {
        if i % every == 0 {
            svg.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">{}</text>\n",
                x(i),
                TOP + plot_h + 16.0,
                escape(l)
            ));
        }
    }
    svg.push_str(&format!(
        "<text x=\"4\" y=\"{:.1}\" font-size=\"11\" fill=\"#333\">{}</text>\n",
        TOP + plot_h + 34.0,
        escape(&chart.unit)
    ));
    match chart.kind {
        ChartKind::StackedBars => {
            let bw = (slot * 0.6).min(48.0);
            for i in 0..n {
                let mut base = 0.0;
                for s in &chart.series {
                    let Some(v) = val(s, i).filter(|v| *v > 0.0) else {
                        continue;
                    };
                    let (y1, y0) = (y(base + v), y(base));
                    svg.push_str(&format!(
                        "<rect x=\"{:.1}\" y=\"{y1:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"{}\"/>\n",
                        x(i) - bw / 2.0,
                        (y0 - y1).max(0.0),
                        s.tone.hex()
                    ));
                    base += v;
                }
            }
        }
        ChartKind::Lines => {
            for (k, s) in chart.series.iter().enumerate() {
                let color = s.tone.hex();
                let dash = if k % 2 == 1 {
                    " stroke-dasharray=\"6 3\""
                } else {
                    ""
                };
                let mut run: Vec<String> = vec![];
                let flush = |run: &mut Vec<String>, svg: &mut String| {
                    if run.len() > 1 {
                        svg.push_str(&format!(
                            "<polyline points=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>\n",
                            run.join(" ")
                        ));
                    }
                    run.clear();
                };
                for i in 0..n {
                    match val(s, i) {
                        Some(v) => {
                            run.push(format!("{:.1},{:.1}", x(i), y(v)));
                            svg.push_str(&format!(
                                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{color}\"/>\n",
                                x(i),
                                y(v)
                            ));
                        }
                        None => flush(&mut run, &mut svg),
                    }
                }
                flush(&mut run, &mut svg);
            }
        }
    }
    svg.push_str("</svg>\n");
    let mut out = String::from("<figure class=\"chart\">\n");
    out.push_str(&format!(
        "<figcaption>{}</figcaption>\n",
        escape(&chart.title)
    ));
    // The accessible name of the SVG is the caption; ids are unique enough per title.
    let id = format!(
        "chart-{}",
        crate::model::ids::slug(&chart.title)
            .chars()
            .take(40)
            .collect::<String>()
    );
    out.push_str(&svg.replacen("{id}", &format!("{id}-t"), 1).replacen(
        ">\n",
        &format!("><title id=\"{id}-t\">{}</title>\n", escape(&chart.title)),
        1,
    ));
    out.push_str("<p class=\"legend\">");
    for s in &chart.series {
        out.push_str(&format!(
            "<span class=\"key\"><span class=\"swatch\" style=\"background: {}\"></span>{}</span> ",
            s.tone.hex(),
            escape(&s.name)
        ));
    }
    out.push_str("</p>\n");
    let (header, rows) = chart.as_table(lang);
    out.push_str(&format!(
        "<details><summary>{}</summary>\n<table>\n<thead><tr>",
        if lang == Language::Da {
            "Tal"
        } else {
            "Figures"
        }
    ));
    for h in &header {
        out.push_str(&format!("<th>{}</th>", escape(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &rows {
        out.push_str("<tr>");
        for c in r {
            out.push_str(&format!("<td>{}</td>", escape(c)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</details>\n</figure>\n");
    out
}

/// A table of traffic lights: each light a coloured dot (inline SVG, so it needs no style sheet and
/// prints) followed by its letter, with the word as the cell's title; a hollow dot for "not
/// reported", "–" where nothing was reported.
pub(crate) fn lights_html(lights: &super::document::Lights, lang: Language) -> String {
    use super::document::Lights;
    // The lights take a narrow column each; the text columns share the rest as in other tables.
    let n_lights = lights.rows.first().map_or(0, |r| r.lights.len());
    let n_text = lights.header.len().saturating_sub(n_lights);
    let text_rows: Vec<Vec<String>> = lights.rows.iter().map(|r| r.cells.clone()).collect();
    let widths = super::docx::widths(&lights.header[..n_text], &text_rows);
    let total: u32 = widths.iter().sum::<u32>().max(1);
    let light_pct = 9.0;
    let text_pct = 100.0 - light_pct * n_lights as f64;
    let mut out = String::from("<table>\n<colgroup>");
    for w in &widths {
        out.push_str(&format!(
            "<col style=\"width: {:.1}%\">",
            f64::from(*w) * text_pct / f64::from(total)
        ));
    }
    for _ in 0..n_lights {
        out.push_str(&format!("<col style=\"width: {light_pct:.1}%\">"));
    }
    out.push_str("</colgroup>\n<thead><tr>");
    for h in &lights.header {
        out.push_str(&format!("<th>{}</th>", escape(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &lights.rows {
        out.push_str("<tr>");
        for c in &r.cells {
            out.push_str(&format!("<td>{}</td>", lines(c)));
        }
        for l in &r.lights {
            let word = Lights::word(*l, lang);
            let dot = |fill: &str| {
                format!(
                    "<svg width=\"11\" height=\"11\" viewBox=\"0 0 10 10\" aria-hidden=\"true\"><circle cx=\"5\" cy=\"5\" r=\"4.3\" fill=\"{fill}\" stroke=\"#333\" stroke-width=\"0.8\"/></svg>"
                )
            };
            let cell = match (l, Lights::tone(*l)) {
                (None, _) => "–".to_string(),
                (Some(rag), tone) => format!(
                    "{} {}",
                    dot(tone.map_or("#fff", |t| t.hex())),
                    escape(crate::i18n::rag_letter(*rag, lang))
                ),
            };
            out.push_str(&format!(
                "<td title=\"{}\" style=\"white-space: nowrap\">{cell}</td>",
                escape(word)
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
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
