//! Tests of the annual status statement: the texts file (sections, warnings, skeleton), the year's
//! data counted independently from the demo workspace, the texts merged in or replaced by
//! placeholders, and hostile texts escaped in every format.

use rust_decimal::Decimal;

use super::annual::{self, Section, TextWarning, parse_texts, skeleton};
use super::document::{Block, Document};
use super::{html, markdown, pdf, typst};
use crate::demo::demo_workspace;
use crate::model::{CaseKind, Language, Lifecycle, Quarter, Rag};

const FILE: &str = "texts/statusredegoerelse-2026.md";

#[test]
fn sections_are_read_under_their_headings_in_either_language() {
    let (texts, warnings) = parse_texts(
        "# Statusredegørelse 2026 – tekster\n\n## Indledning\n\nÅret var travlt.\n\nAndet afsnit.\n\n##ECONOMY ##\nPengene rakte.\n\n##   afsluttede   INITIATIVER  \n- 1.3 blev lukket\n",
    );
    assert_eq!(warnings, vec![]);
    assert_eq!(
        texts.get(Section::Introduction),
        Some("\nÅret var travlt.\n\nAndet afsnit.\n\n")
    );
    assert_eq!(texts.get(Section::Economy), Some("Pengene rakte.\n\n"));
    assert_eq!(texts.get(Section::Closed), Some("- 1.3 blev lukket\n\n"));
    assert_eq!(texts.get(Section::Conclusion), None);
    assert_eq!(
        texts.missing(),
        vec![
            Section::Progress,
            Section::Decisions,
            Section::Consultations,
            Section::Conclusion
        ]
    );
}

#[test]
fn unknown_headings_and_stray_text_are_warned_about_with_their_line() {
    let text = "Noter til mig selv\n# Titel\n## Indledning\ntekst\n## Resumé\nbliver ikke brugt\n## Indledning\nmere tekst\n# Forkert niveau\n<!-- en kommentar\nder aldrig lukkes\n";
    let (texts, warnings) = parse_texts(text);
    assert_eq!(
        warnings,
        vec![
            TextWarning::BeforeFirstSection { line: 1 },
            TextWarning::UnknownHeading {
                line: 5,
                heading: "Resumé".into()
            },
            TextWarning::Duplicate {
                line: 7,
                first: 3,
                section: Section::Introduction
            },
            TextWarning::LevelOneHeading { line: 9 },
            TextWarning::UnclosedComment { line: 10 },
        ]
    );
    // Both texts of the section, in order; nothing of the unknown one.
    let intro = texts.get(Section::Introduction).unwrap();
    assert!(
        intro.contains("tekst") && intro.contains("mere tekst"),
        "{intro}"
    );
    assert!(!intro.contains("bliver ikke brugt") && !intro.contains("aldrig lukkes"));
    // The message names the file and line, the heading, and every known heading.
    let msg = warnings[1].message(FILE, Language::En, Language::Da);
    assert!(msg.starts_with(&format!("{FILE}:5: unknown section \"## Resumé\"")));
    for s in Section::ALL {
        assert!(
            msg.contains(&format!("\"## {}\"", s.heading(Language::Da))),
            "{msg}"
        );
    }
    let da = warnings[1].message(FILE, Language::Da, Language::Da);
    assert!(da.starts_with(&format!("{FILE}:5: ukendt afsnit")), "{da}");
}

#[test]
fn comments_are_left_out_and_keep_the_line_numbers() {
    let (texts, warnings) = parse_texts(
        "<!-- om filen\nflere linjer -->\n## Fremdrift <!-- x -->\nFør <!-- skjult --> efter\n## Nej\n",
    );
    assert_eq!(
        warnings,
        vec![TextWarning::UnknownHeading {
            line: 5,
            heading: "Nej".into()
        }]
    );
    assert_eq!(texts.get(Section::Progress), Some("Før  efter\n"));
}

#[test]
fn the_skeleton_has_every_heading_and_reads_back_without_warnings() {
    for lang in [Language::Da, Language::En] {
        let s = skeleton(2026, lang);
        for sec in Section::ALL {
            assert!(s.contains(&format!("\n## {}\n", sec.heading(lang))), "{s}");
        }
        let (texts, warnings) = parse_texts(&s);
        assert_eq!(warnings, vec![], "{s}");
        assert_eq!(texts.missing(), Section::ALL.to_vec());
    }
    assert!(skeleton(2026, Language::Da).starts_with("# Statusredegørelse 2026"));
    assert_eq!(annual::texts_path(2026), FILE);
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn without_texts_every_section_has_its_placeholder() {
    let ws = demo_workspace();
    let doc = annual::document(&ws, 2026, None).unwrap();
    let ps = paragraphs(&doc);
    for s in Section::ALL {
        assert!(ps.contains(&s.placeholder(Language::Da)), "{s:?}");
    }
    assert!(ps.contains(&"[Skriv indledning her]"));
    // The headings in the statement's order.
    let h2: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level: 2, text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let want: Vec<&str> = Section::ALL
        .iter()
        .map(|s| s.heading(Language::Da))
        .collect();
    assert_eq!(h2, want);
}

#[test]
fn texts_replace_their_placeholders_only() {
    let ws = demo_workspace();
    let (texts, _) = parse_texts(
        "## Indledning\nStyregruppen har haft et travlt år.\n\n- punkt et\n- punkt to\n  fortsat\n\n### Om året\nSidste afsnit.\n## Konklusion\nAlt i alt godt.\n",
    );
    let doc = annual::document(&ws, 2026, Some(&texts)).unwrap();
    let ps = paragraphs(&doc);
    assert!(ps.contains(&"Styregruppen har haft et travlt år."));
    assert!(ps.contains(&"Sidste afsnit."));
    assert!(ps.contains(&"Alt i alt godt."));
    assert!(!ps.contains(&Section::Introduction.placeholder(Language::Da)));
    assert!(!ps.contains(&Section::Conclusion.placeholder(Language::Da)));
    assert!(ps.contains(&Section::Economy.placeholder(Language::Da)));
    assert!(doc.blocks.contains(&Block::List(vec![
        "punkt et".into(),
        "punkt to fortsat".into()
    ])));
    assert!(doc.blocks.contains(&Block::Heading {
        level: 3,
        text: "Om året".into()
    }));
}

/// The year's data, counted here from the workspace without the module's helpers.
#[test]
fn the_model_counts_the_demo_year() {
    let ws = demo_workspace();
    let a = annual::model(&ws, 2026).unwrap();
    let latest = ws
        .initiatives
        .iter()
        .flat_map(|i| i.reports.iter().map(|r| r.quarter))
        .max()
        .unwrap();
    assert_eq!(latest.year, 2026, "the demo reports into 2026");
    let quarters: Vec<Quarter> = (1..=latest.q)
        .map(|q| Quarter::new(2026, q).unwrap())
        .collect();
    assert_eq!(a.quarters, quarters);
    // Progress: one row per initiative with a report in 2026, its overall status each quarter.
    let reporting: Vec<&str> = ws
        .initiatives
        .iter()
        .filter(|i| i.reports.iter().any(|r| r.quarter.year == 2026))
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(a.progress.len(), reporting.len());
    for p in &a.progress {
        for (k, q) in quarters.iter().enumerate() {
            assert_eq!(
                p.overall[k],
                p.init.report(*q).map(|r| r.overall),
                "{} {q}",
                p.init.id
            );
        }
    }
    assert!(
        a.progress
            .iter()
            .any(|p| p.overall.contains(&Some(Rag::Red)))
    );
    // Closed: the demo closes 1.3 by written consultation on 20 October 2026.
    let closed: Vec<&str> = a.closed.iter().map(|c| c.init.id.as_str()).collect();
    assert_eq!(closed, vec!["1.3"]);
    assert_eq!(ws.initiative("1.3").unwrap().lifecycle, Lifecycle::Closed);
    assert_eq!(a.closed[0].date.to_string(), "2026-10-20");
    let approved: Vec<&str> = a.approved.iter().map(|x| x.case.id.as_str()).collect();
    let want: Vec<&str> = ws
        .cases
        .iter()
        .filter(|c| c.kind == CaseKind::ClosingReport && !c.state.is_open())
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(approved, want);
    assert!(!approved.is_empty());
    // Decisions: every 2026 decision, once, under its forum.
    let n: usize = a.decisions.iter().map(|f| f.decisions.len()).sum();
    assert_eq!(
        n,
        ws.decisions
            .iter()
            .filter(|d| d.date.to_string().starts_with("2026"))
            .count()
    );
    for f in &a.decisions {
        assert!(f.decisions.iter().all(|d| d.forum == f.forum));
    }
    // Consultations: the sent ones of 2026.
    assert_eq!(
        a.consultations.len(),
        ws.consultations
            .iter()
            .filter(|c| c
                .sent_date
                .is_some_and(|d| d.to_string().starts_with("2026")))
            .count()
    );
    // Money: the sums of the reports of each quarter.
    for (k, q) in quarters.iter().enumerate() {
        let mut budget = Decimal::ZERO;
        let mut n = 0;
        for i in &ws.initiatives {
            if let Some(r) = i.report(*q) {
                budget += r.budget.or(i.budget).unwrap_or_default();
                n += 1;
            }
        }
        assert_eq!(a.money[k].budget, budget, "{q}");
        assert_eq!(a.money[k].initiatives, n, "{q}");
    }
    let per_ministry: usize = a.ministries.values().map(|m| m.initiatives).sum();
    assert_eq!(per_ministry, a.money.last().unwrap().initiatives);
    // The ministries of each quarter add up to the quarter's totals.
    for (k, m) in a.money.iter().enumerate() {
        let per = a.ministries_per_quarter.values().map(|v| &v[k]);
        let (b, f): (Vec<Decimal>, Vec<Decimal>) = per.map(|x| (x.budget, x.forecast)).unzip();
        assert_eq!(b.iter().sum::<Decimal>(), m.budget);
        assert_eq!(f.iter().sum::<Decimal>(), m.forecast);
    }
    assert!(
        a.ministries_per_quarter
            .values()
            .any(|v| v.iter().any(|m| m.forecast > m.budget)),
        "the demo has a ministry over budget"
    );
}

#[test]
fn a_year_without_anything_is_an_error_and_so_is_an_impossible_one() {
    let ws = demo_workspace();
    let e = annual::document(&ws, 2019, None).unwrap_err();
    assert!(
        e.to_string().contains("nothing in the workspace for 2019"),
        "{e}"
    );
    let e = annual::document(&ws, 12026, None).unwrap_err();
    assert!(e.to_string().contains("--year"), "{e}");
}

#[test]
fn the_traffic_lights_are_dots_in_html_and_pdf_and_words_in_markdown() {
    let ws = demo_workspace();
    let doc = annual::document(&ws, 2026, None).unwrap();
    let h = html::render(&doc);
    assert!(h.contains("<circle cx=\"5\" cy=\"5\" r=\"4.3\" fill=\"#c0392b\""));
    assert!(h.contains("title=\"rød\""));
    let src = typst::render(&doc, &annual::page(&ws, &doc, 2026));
    assert!(src.contains("circle(radius: 4pt, fill: rgb(\"#c0392b\")"));
    let md = markdown::render(&doc);
    assert!(
        md.contains("3\\. kvt. 2026: rød") || md.contains("3. kvt. 2026: rød"),
        "{md}"
    );
}

const HOSTILE: &str = "## Indledning\n<script>alert('x')</script> & <b>fed</b>\n\n#set page(fill: red) ] [ #{ panic() } \\ $x$ *fed* @ref <l>\n\n- <img src=x onerror=alert(1)>\n# not a title\n### ] #read(\"/etc/passwd\")\n## Konklusion\n= ikke en overskrift\n[link](javascript:alert(1)) `kode`\n";

#[test]
fn hostile_texts_are_escaped_in_html_markdown_and_typst() {
    let ws = demo_workspace();
    let (texts, _) = parse_texts(HOSTILE);
    let doc = annual::document(&ws, 2026, Some(&texts)).unwrap();

    let h = html::render(&doc);
    assert!(!h.contains("<script"), "a script in the html");
    assert!(!h.contains("<img") && !h.contains("<b>"));
    assert!(
        h.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;fed&lt;/b&gt;")
    );
    assert!(h.contains("&lt;img src=x onerror=alert(1)&gt;"));

    let md = markdown::render(&doc);
    // Markdown escapes with a backslash: no "<" is left unescaped.
    let bare = md.replace("\\<", "");
    assert!(!bare.contains("<script") && !bare.contains("<img"), "{md}");
    assert!(md.contains("\\<script\\>alert('x')\\</script\\>"), "{md}");
    assert!(!md.contains("\n#set") && !md.contains("\n= ikke"));
    assert!(md.contains("\\[link\\]"), "{md}");

    let src = typst::render(&doc, &annual::page(&ws, &doc, 2026));
    assert!(!src.contains("\n#set page(fill: red)"));
    assert!(src.contains("\\#set page(fill: red) \\] \\["), "{src}");
    // The PDF typesets it and shows the text as written.
    let bytes = pdf::compile(&src, &pdf::Files::new(), pdf::PdfSettings::default()).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = pdf.extract_text(&pages).unwrap_or_default();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "<script>alert('x')</script>",
        "#set page(fill: red) ] [ #{ panic() }",
        "] #read(\"/etc/passwd\")",
        "= ikke en overskrift",
    ] {
        assert!(
            text.contains(want),
            "{want:?} not in the PDF's text: {text}"
        );
    }
}

/// The workspace's own data is untrusted too: a hostile initiative name and ministry in the
/// traffic-light table, a hostile decision text and forum name.
#[test]
fn hostile_records_are_escaped_in_the_traffic_lights_and_tables() {
    let mut ws = demo_workspace();
    let name = "#{ panic() } ] [ <script>x</script>";
    ws.initiatives[0].name = name.into();
    ws.initiatives[0].ministry = "</td><script>m</script> #set".into();
    ws.decisions[0].text = "*bold* ] #read(\"/etc/passwd\") <img>".into();
    let forum = ws.decisions[0].forum.clone();
    if let Some(f) = ws.forums.iter_mut().find(|f| f.id == forum) {
        f.name = "<b>forum</b> #pagebreak()".into();
    }
    let doc = annual::document(&ws, 2026, None).unwrap();
    let h = html::render(&doc);
    assert!(!h.contains("<script") && !h.contains("<img") && !h.contains("<b>forum"));
    assert!(h.contains("#{ panic() } ] [ &lt;script&gt;x&lt;/script&gt;"));
    let src = typst::render(&doc, &annual::page(&ws, &doc, 2026));
    let bytes = pdf::compile(&src, &pdf::Files::new(), pdf::PdfSettings::default()).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = pdf.extract_text(&pages).unwrap_or_default();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // (Long words may be hyphenated across lines, so the checks stop before "/etc/passwd".)
    for want in [
        "#{ panic() } ] [ <script>x</script>",
        "*bold* ] #read(",
        "<b>forum</b> #pagebreak()",
    ] {
        assert!(
            text.contains(want),
            "{want:?} not in the PDF's text: {text}"
        );
    }
}

/// A file saved by Notepad: a byte order mark and CR LF line ends.
#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_read_as_usual() {
    let (texts, warnings) = parse_texts(
        "\u{feff}## Indledning\r\nFørste linje\r\nanden\r\n\r\n## Konklusion\r\nSlut\r\n",
    );
    assert_eq!(warnings, vec![]);
    assert_eq!(
        texts.get(Section::Introduction),
        Some("Første linje\nanden\n\n")
    );
    assert_eq!(texts.get(Section::Conclusion), Some("Slut\n\n"));
}
