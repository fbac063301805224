//! The demo's bilag as real, small PDF files made by the program's own engine (Typst): a status
//! report drawn from the initiative's quarterly report, a revised time plan, and notes built from the
//! case they belong to. Deterministic: the same workspace gives the same bytes.

use crate::export::dates::{long_date, mio_kr};
use crate::export::pdf::{self, Files, PdfError, PdfSettings};
use crate::export::typst::escape;
use crate::i18n::Label;
use crate::model::{Attachment, Case, Initiative, Language, Quarter, Rag, StatusReport, Workspace};

/// The bilag paths of the workspace (cases and agenda items), each once, with a title and the case
/// it belongs to, in a stable order.
pub fn bilag_of(ws: &Workspace) -> Vec<(Attachment, Option<&Case>)> {
    let mut out: Vec<(Attachment, Option<&Case>)> = vec![];
    for c in &ws.cases {
        for a in &c.attachments {
            out.push((a.clone(), Some(c)));
        }
    }
    for m in &ws.meetings {
        for item in &m.items {
            let case = item.case.as_deref().and_then(|c| ws.case(c));
            for a in &item.attachments {
                out.push((a.clone(), case));
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|(a, _)| !a.path.is_empty() && seen.insert(a.path.clone()));
    out
}

/// The PDF of one demo bilag.
pub fn render(ws: &Workspace, a: &Attachment, case: Option<&Case>) -> Result<Vec<u8>, PdfError> {
    let lower = a.title.to_lowercase();
    let initiative = case
        .and_then(|c| c.initiative.as_deref())
        .and_then(|i| ws.initiative(i));
    let body = match initiative {
        Some(init) if lower.contains("statusrapport") => {
            let q = quarter_in(&a.title);
            let report = q
                .and_then(|q| init.report(q))
                .or_else(|| init.latest_report());
            match report {
                Some(r) => status_report(init, r),
                None => note(a, case),
            }
        }
        Some(init) if lower.contains("tidsplan") => time_plan(a, init),
        _ => note(a, case),
    };
    let source = format!("{}{body}", preamble(&a.title));
    pdf::compile(&source, &Files::new(), PdfSettings::default())
}

/// Like [`render`], remembering what it made in this process: the demo is written many times by the
/// tests and by `init --demo` runs in one session, and typesetting is the slow part.
pub fn render_cached(
    ws: &Workspace,
    a: &Attachment,
    case: Option<&Case>,
) -> Result<Vec<u8>, PdfError> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static MADE: OnceLock<Mutex<HashMap<String, Vec<u8>>>> = OnceLock::new();
    let key = format!(
        "{}\u{0}{}\u{0}{}",
        a.path,
        a.title,
        case.map(|c| format!("{}{}{}", c.id, c.background, c.recommendation))
            .unwrap_or_default()
    );
    let made = MADE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(bytes) = made.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Ok(bytes);
    }
    let bytes = render(ws, a, case)?;
    if let Ok(mut m) = made.lock() {
        m.insert(key, bytes.clone());
    }
    Ok(bytes)
}

/// "Statusrapport 3. kvartal 2026 – ..." -> 2026Q3.
fn quarter_in(title: &str) -> Option<Quarter> {
    let words: Vec<&str> = title.split_whitespace().collect();
    words.windows(3).find_map(|w| {
        (w[1] == "kvartal")
            .then(|| Quarter::parse_loose(&format!("{} kvt. {}", w[0], w[2])))
            .flatten()
    })
}

fn preamble(title: &str) -> String {
    format!(
        r#"#set document(title: {title}, date: none)
#set text(font: "Libertinus Serif", size: 10.5pt, lang: "da", region: "DK", hyphenate: true)
#set page(paper: "a4", margin: (top: 3cm, bottom: 2.4cm, x: 2.4cm),
  header: align(right, text(size: 8.5pt, fill: luma(80))[Digitaliseringsstyrelsen #h(0.6em) | #h(0.6em) Fællesoffentlig digitaliseringsstrategi]),
  footer: text(size: 8pt, fill: luma(110))[{escaped}])
#show heading: set block(above: 1.2em, below: 0.6em)
#show heading.where(level: 1): set text(size: 16pt)
#show heading.where(level: 2): set text(size: 12pt)
"#,
        title = crate::export::typst::string(title),
        escaped = escape(title),
    )
}

fn rag_cell(r: Rag) -> String {
    let colour = match r {
        Rag::Green => "rgb(\"#2e7d32\")",
        Rag::Yellow => "rgb(\"#f9a825\")",
        Rag::Red => "rgb(\"#c62828\")",
        Rag::NotReported => "luma(160)",
    };
    format!(
        "[#box(circle(radius: 4pt, fill: {colour}), baseline: 1pt) #h(0.4em) {}]",
        escape(r.label(Language::Da))
    )
}

fn money(a: Option<crate::model::Amount>) -> String {
    a.map(|a| mio_kr(a, Language::Da))
        .unwrap_or_else(|| "–".into())
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| long_date(d, Language::Da))
        .unwrap_or_else(|| "–".into())
}

fn status_report(init: &Initiative, r: &StatusReport) -> String {
    let q = format!("{}. kvartal {}", r.quarter.q, r.quarter.year);
    let mut s = format!(
        "#text(size: 9pt, tracking: 0.05em, fill: luma(90))[STATUSRAPPORT · {}]\n\n= {} {}\n\n",
        escape(&q.to_uppercase()),
        escape(&init.id),
        escape(&init.name)
    );
    s.push_str(&format!(
        "#grid(columns: (auto, 1fr), column-gutter: 1em, row-gutter: 0.55em,\n  [*Ministerium:*], [{}],\n  [*Institution:*], [{}],\n  [*Projektleder:*], [{}],\n  [*Rapporteret af:*], [{}],\n  [*Rapportdato:*], [{}],\n)\n\n",
        escape(&init.ministry),
        escape(&init.institution),
        escape(&init.project_manager),
        escape(&r.reported_by),
        escape(&date(r.report_date)),
    ));
    s.push_str("== Samlet vurdering\n\n#table(columns: (1fr, 1fr), stroke: 0.4pt + luma(180), inset: 6pt,\n  table.header([*Dimension*], [*Status*]),\n");
    for (name, rag) in [
        ("Samlet", r.overall),
        ("Tid", r.time),
        ("Økonomi", r.cost),
        ("Leverancer", r.scope),
        ("Risiko", r.risk),
    ] {
        s.push_str(&format!("  [{name}], {},\n", rag_cell(rag)));
    }
    s.push_str(")\n\n== Økonomi og tidsplan\n\n");
    s.push_str(&format!(
        "#table(columns: (1fr, auto), stroke: 0.4pt + luma(180), inset: 6pt,\n  [Budget], [{}],\n  [Forventet forbrug i alt], [{}],\n  [Forbrugt til dato], [{}],\n  [Planlagt afslutning], [{}],\n  [Forventet afslutning], [{}],\n)\n\n",
        escape(&money(r.budget)),
        escape(&money(r.forecast)),
        escape(&money(r.spent)),
        escape(&date(r.planned_end)),
        escape(&date(r.forecast_end)),
    ));
    if !r.comment.trim().is_empty() {
        s.push_str(&format!(
            "== Projektets bemærkninger\n\n{}\n",
            escape(r.comment.trim())
        ));
    }
    s
}

fn time_plan(a: &Attachment, init: &Initiative) -> String {
    let mut s = format!(
        "#text(size: 9pt, tracking: 0.05em, fill: luma(90))[REVIDERET TIDSPLAN]\n\n= {}\n\nInitiativ {} {} · {}\n\n",
        escape(&a.title),
        escape(&init.id),
        escape(&init.name),
        escape(&init.institution),
    );
    s.push_str("== Milepæle\n\n#table(columns: (auto, 1fr, auto, auto), stroke: 0.4pt + luma(180), inset: 6pt,\n  table.header([*Nr.*], [*Milepæl*], [*Oprindelig*], [*Revideret*]),\n");
    let rows = [
        (
            "Release 4.0: borgerløsning i drift",
            "2. kvt. 2025",
            "2. kvt. 2025",
        ),
        (
            "Release 4.1: erhvervsbrugere (pilot)",
            "4. kvt. 2025",
            "3. kvt. 2026",
        ),
        (
            "Release 4.2: fuldmagter og erhverv",
            "2. kvt. 2026",
            "1. kvt. 2027",
        ),
        (
            "Udfasning af NemID nøglekort",
            "3. kvt. 2026",
            "2. kvt. 2027",
        ),
        (
            "Afslutning af parallel drift",
            "4. kvt. 2026",
            "3. kvt. 2027",
        ),
        ("Afslutningsrapport", "1. kvt. 2027", "4. kvt. 2027"),
    ];
    for (i, (m, old, new)) in rows.iter().enumerate() {
        s.push_str(&format!(
            "  [{}], [{}], [{}], [*{}*],\n",
            i + 1,
            escape(m),
            escape(old),
            escape(new)
        ));
    }
    s.push_str(")\n\n== Forudsætninger\n\n");
    s.push_str(&escape(
        "Den reviderede tidsplan forudsætter, at leverandøren leverer release 4.2 i 1. kvartal 2027, og at de tilsluttede myndigheder har gennemført deres test inden for seks uger efter levering. Den parallelle drift af NemID forlænges tilsvarende, hvilket medfører ekstraomkostninger, som afholdes inden for initiativets ramme.",
    ));
    s.push_str("\n\n#pagebreak()\n\n== Kritisk vej og risici\n\n");
    for line in [
        "Leverandørens levering af release 4.2 (fuldmagter) er på den kritiske vej.",
        "Erhvervsbrugernes overgang kræver, at lønsystemer og fagsystemer er tilpasset i tide.",
        "Forlænget parallel drift binder driftsorganisationen og skal følges tæt.",
    ] {
        s.push_str(&format!("- {}\n", escape(line)));
    }
    s.push_str(&format!(
        "\n{}\n",
        escape("Styregruppen for MitID følger tidsplanen månedligt og rapporterer til porteføljestyregruppen ved hver kvartalsrapportering.")
    ));
    s
}

fn note(a: &Attachment, case: Option<&Case>) -> String {
    let mut s = format!(
        "#text(size: 9pt, tracking: 0.05em, fill: luma(90))[NOTAT]\n\n= {}\n\n",
        escape(&a.title)
    );
    if let Some(c) = case {
        s.push_str(&format!(
            "#grid(columns: (auto, 1fr), column-gutter: 1em, row-gutter: 0.55em,\n  [*Sag:*], [{} {}],\n  [*Til:*], [Porteføljestyregruppen],\n  [*Fra:*], [Sekretariatet],\n)\n\n",
            escape(&c.id),
            escape(&c.title)
        ));
        for (h, text) in [
            ("Baggrund", c.background.as_str()),
            ("Sekretariatets indstilling", c.recommendation.as_str()),
        ] {
            if !text.trim().is_empty() {
                s.push_str(&format!("== {h}\n\n"));
                for p in text.split("\n\n") {
                    s.push_str(&escape(p.trim()).replace('\n', " \\\n"));
                    s.push_str("\n\n");
                }
            }
        }
    } else {
        s.push_str(&escape(
            "Notatet beskriver sagen til brug for porteføljestyregruppens behandling.",
        ));
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_bilag_is_a_readable_pdf_with_pages() {
        let ws = crate::demo::demo_workspace();
        let all = bilag_of(&ws);
        assert!(all.len() >= 10, "{}", all.len());
        for (a, case) in all.iter().take(3) {
            let bytes = render(&ws, a, *case).unwrap();
            assert!(pdf::pdf_pages(&bytes).unwrap() >= 1, "{}", a.path);
        }
        assert_eq!(
            quarter_in("Statusrapport 3. kvartal 2026 – initiativ 4.1"),
            Quarter::new(2026, 3)
        );
    }
}
