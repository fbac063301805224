//! PDF tests: golden Typst sources for every document kind and the pack, escaping of hostile text,
//! and the produced PDFs parsed back (lopdf) for pages, outline, metadata, fonts and text.

use std::collections::BTreeSet;

use lopdf::{Document as Pdf, Object};

use super::document::{Block, Document};
use super::pack::{self, BilagStatus, PackOptions};
use super::pdf::{self, BadPdf, Files, PdfSettings};
use super::tests::{CONSULTATION, MEETING, fixture, golden};
use super::typst::{self as markup, escape, string};
use super::*;
use crate::model::{Attachment, Language};

/// A small PDF of `pages` pages, each saying "`text` side n".
pub(crate) fn small_pdf(text: &str, pages: usize) -> Vec<u8> {
    let mut src = String::from("#set page(width: 12cm, height: 9cm)\n");
    for p in 1..=pages {
        if p > 1 {
            src.push_str("#pagebreak()\n");
        }
        src.push_str(&format!("{} side {p}\n", escape(text)));
    }
    pdf::compile(&src, &Files::new(), PdfSettings::default()).unwrap()
}

/// A hand-made PDF whose trailer names an encryption dictionary that the empty password cannot open.
fn encrypted_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <6a1c5d9c7e3f0b2a4d8e1f7c9b0a3e5d2c4b6a8f1e3d5c7b9a0f2e4d6c8b0a1f> /U <11223344556677889900aabbccddeeff11223344556677889900aabbccddeeff> >>",
    ];
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = vec![];
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn page_count(bytes: &[u8]) -> usize {
    Pdf::load_mem(bytes).unwrap().get_pages().len()
}

fn text_of(bytes: &[u8]) -> Vec<String> {
    let doc = Pdf::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|p| doc.extract_text(&[*p]).unwrap_or_default())
        .collect()
}

fn decode(o: &Object) -> String {
    lopdf::decode_text_string(o).unwrap_or_default()
}

/// The titles of the PDF's outline (bookmarks), depth first, each with its depth.
fn outline(bytes: &[u8]) -> Vec<(usize, String)> {
    let doc = Pdf::load_mem(bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    let Ok(outlines) = catalog.get(b"Outlines") else {
        return vec![];
    };
    let root = doc
        .get_dictionary(outlines.as_reference().unwrap())
        .unwrap();
    let mut out = vec![];
    fn walk(doc: &Pdf, first: Option<&Object>, depth: usize, out: &mut Vec<(usize, String)>) {
        let mut next = first.and_then(|o| o.as_reference().ok());
        while let Some(id) = next {
            let d = doc.get_dictionary(id).unwrap();
            out.push((depth, decode(d.get(b"Title").unwrap())));
            walk(doc, d.get(b"First").ok(), depth + 1, out);
            next = d.get(b"Next").ok().and_then(|o| o.as_reference().ok());
        }
    }
    walk(&doc, root.get(b"First").ok(), 0, &mut out);
    out
}

/// The text of a PDF as poppler's pdftotext reads it (pages separated by form feeds), or None
/// where poppler is not installed.
fn pdftotext(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, bytes).ok()?;
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("pdftotext not usable; skipping the check of the bilag's own text");
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).to_string())
}

#[test]
fn escaping_leaves_no_markup_in_user_text() {
    assert_eq!(
        escape("#read(\"/etc/passwd\") *fed* _x_ $y$ @ref <lbl> [a] `r` \\ ~ -- + = //"),
        "\\#read(\\\"\\/etc\\/passwd\\\") \\*fed\\* \\_x\\_ \\$y\\$ \\@ref \\<lbl\\> \\[a\\] \\`r\\` \\\\ \\~ \\-\\- \\+ \\= \\/\\/"
    );
    assert_eq!(
        escape("1. punkt\n  12. mere\nx 3. ikke"),
        "1\\. punkt\n  12\\. mere\nx 3. ikke"
    );
    assert_eq!(string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
}

#[test]
fn hostile_text_is_typeset_literally() {
    let hostile = [
        "#read(\"/etc/passwd\")",
        "*ikke fed* og _ikke kursiv_",
        "$x^2$ @ref <label> `raw`",
        "= ikke en overskrift",
        "- ikke en liste",
        "1. ikke nummereret",
        "// ikke en kommentar ] [ \\",
        "#{ panic() }",
    ];
    let doc = Document {
        lang: Language::Da,
        title: "Titel #{panic()}".into(),
        blocks: vec![
            Block::Heading {
                level: 1,
                text: hostile[0].into(),
            },
            Block::Paragraph(hostile.join("\n")),
            Block::Fields(vec![(hostile[3].into(), hostile[4].into())]),
            Block::List(hostile.iter().map(|s| s.to_string()).collect()),
        ],
    };
    let src = markup::render(&doc, &markup::Page::for_document(&doc));
    let bytes = pdf::compile(&src, &Files::new(), PdfSettings::default()).unwrap();
    let text = text_of(&bytes).join("\n");
    for h in [
        "#read(\"/etc/passwd\")",
        "*ikke fed*",
        "$x^2$",
        "= ikke en overskrift",
        "// ikke en kommentar ] [",
    ] {
        assert!(text.contains(h), "{h:?} not in the PDF's text:\n{text}");
    }
}

#[test]
fn golden_typst_sources() {
    let ws = fixture();
    for kind in DocKind::ALL {
        let id = if kind.is_meeting() {
            MEETING
        } else {
            CONSULTATION
        };
        let word = kind.file_word(Language::En);
        golden(
            &format!("{word}.typ"),
            &typst_source(&ws, kind, id, &Options::default()).unwrap(),
        );
    }
    golden(
        "agenda-public.typ",
        &typst_source(
            &ws,
            DocKind::Agenda,
            MEETING,
            &Options {
                public: true,
                ..Options::default()
            },
        )
        .unwrap(),
    );
    let (src, _, _) =
        pack::source(&ws, MEETING, &PackOptions::default(), &reader(&[]), &|_| {}).unwrap();
    golden("pack.typ", &src);
}

/// A reader of the fixture's bilag: PDFs of a few pages, and the xlsx as bytes; `broken` replaces
/// some paths' bytes.
fn reader(broken: &[(&str, Vec<u8>)]) -> impl Fn(&str) -> Result<Vec<u8>, String> {
    let broken: Vec<(String, Vec<u8>)> = broken
        .iter()
        .map(|(p, b)| (p.to_string(), b.clone()))
        .collect();
    move |path: &str| {
        if let Some((_, b)) = broken.iter().find(|(p, _)| p == path) {
            return Ok(b.clone());
        }
        match path {
            "bilag/s-2026-014-1.pdf" => Ok(small_pdf("Projektbeskrivelse", 2)),
            "bilag/s-2026-014-2.xlsx" => Ok(b"PK\x03\x04 not a pdf".to_vec()),
            "bilag/tre.pdf" => Ok(small_pdf("Tresidet bilag", 3)),
            other => Err(format!("the file {other} is missing")),
        }
    }
}

#[test]
fn every_document_kind_makes_a_pdf_with_metadata_outline_and_page_numbers() {
    let ws = fixture();
    for kind in DocKind::ALL {
        let id = if kind.is_meeting() {
            MEETING
        } else {
            CONSULTATION
        };
        let bytes =
            pdf_document(&ws, kind, id, &Options::default(), PdfSettings::default()).unwrap();
        let n = page_count(&bytes);
        assert!(n >= 1, "{kind:?}");
        let texts = text_of(&bytes);
        assert!(
            texts[0].contains(&format!("Side 1 af {n}")),
            "{kind:?}: {}",
            texts[0]
        );
        assert!(!outline(&bytes).is_empty(), "{kind:?} has no bookmarks");
        let doc = Pdf::load_mem(&bytes).unwrap();
        let catalog = doc.catalog().unwrap();
        assert_eq!(decode(catalog.get(b"Lang").unwrap()), "da-DK", "{kind:?}");
        assert!(
            catalog.get(b"StructTreeRoot").is_ok(),
            "{kind:?} is not tagged"
        );
    }
    let bytes = pdf_document(
        &ws,
        DocKind::Agenda,
        MEETING,
        &Options::default(),
        PdfSettings::default(),
    )
    .unwrap();
    let doc = Pdf::load_mem(&bytes).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let title = decode(info.get(b"Title").unwrap());
    assert!(
        title == "Revideret dagsorden (version 2) – Porteføljestyregruppen – 3. december 2026",
        "{title}"
    );
    assert!(decode(info.get(b"Author").unwrap()).starts_with("Digitaliseringsstyrelsen"));
    // Every font is embedded.
    for (_, o) in doc.objects.iter() {
        if let Ok(d) = o.as_dict()
            && d.get(b"Type").ok().and_then(|t| t.as_name().ok())
                == Some(b"FontDescriptor".as_slice())
        {
            assert!(
                d.has(b"FontFile2") || d.has(b"FontFile3") || d.has(b"FontFile"),
                "a font is not embedded: {d:?}"
            );
        }
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let ws = fixture();
    let a = pdf_document(
        &ws,
        DocKind::Minutes,
        MEETING,
        &Options::default(),
        PdfSettings::default(),
    )
    .unwrap();
    let b = pdf_document(
        &ws,
        DocKind::Minutes,
        MEETING,
        &Options::default(),
        PdfSettings::default(),
    )
    .unwrap();
    assert!(a == b);
    let opts = PackOptions::default();
    let p1 = pack::make(&ws, MEETING, &opts, &reader(&[]), &|_| {}).unwrap();
    let p2 = pack::make(&ws, MEETING, &opts, &reader(&[]), &|_| {}).unwrap();
    assert!(p1.pdf == p2.pdf);
}

#[test]
fn pdf_a_is_written_when_asked() {
    let ws = fixture();
    let bytes = pdf_document(
        &ws,
        DocKind::Agenda,
        MEETING,
        &Options::default(),
        PdfSettings { pdf_a: true },
    )
    .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("pdfaid:part") || text.contains("pdfaid"),
        "no PDF/A identification"
    );
    let plain = pdf_document(
        &ws,
        DocKind::Agenda,
        MEETING,
        &Options::default(),
        PdfSettings::default(),
    )
    .unwrap();
    assert!(!String::from_utf8_lossy(&plain).contains("pdfaid"));
}

fn with_three_page_bilag(ws: &mut Workspace) {
    let m = ws.meetings.iter_mut().find(|m| m.id == MEETING).unwrap();
    let n = m.items.iter().position(|i| i.case.is_some()).unwrap();
    let case = m.items[n].case.clone().unwrap();
    let case_atts = ws.case(&case).unwrap().attachments.clone();
    let m = ws.meetings.iter_mut().find(|m| m.id == MEETING).unwrap();
    m.items[n].attachments = case_atts;
    m.items[n]
        .attachments
        .push(Attachment::new("Tresidet bilag", "bilag/tre.pdf"));
}

#[test]
fn a_three_page_bilag_adds_three_stamped_pages_with_its_text() {
    let ws = fixture();
    let before = pack::make(&ws, MEETING, &PackOptions::default(), &reader(&[]), &|_| {}).unwrap();
    let mut ws3 = fixture();
    with_three_page_bilag(&mut ws3);
    let after = pack::make(
        &ws3,
        MEETING,
        &PackOptions::default(),
        &reader(&[]),
        &|_| {},
    )
    .unwrap();
    // Three bilag pages more; the agenda part lists one more bilag, which may take it onto one
    // more page (the stamped pages are checked one by one below).
    let grown = page_count(&after.pdf) - page_count(&before.pdf);
    assert!(grown == 3 || grown == 4, "{grown} pages more");
    let inserted: Vec<_> = after
        .bilag
        .iter()
        .map(|b| (b.label(Language::Da), b.status.clone()))
        .collect();
    let n = ws3
        .meeting(MEETING)
        .unwrap()
        .items
        .iter()
        .position(|i| i.case.is_some())
        .unwrap()
        + 1;
    assert_eq!(
        inserted,
        vec![
            (format!("Bilag {n}.1"), BilagStatus::Inserted { pages: 2 }),
            (format!("Bilag {n}.2"), BilagStatus::Separate),
            (format!("Bilag {n}.3"), BilagStatus::Inserted { pages: 3 }),
        ]
    );
    let texts = text_of(&after.pdf);
    let total = texts.len();
    // The last three pages are the three-page bilag, each stamped and numbered, with its own text.
    for (k, t) in texts[total - 3..].iter().enumerate() {
        assert!(
            t.contains(&format!("Bilag {n}.3")),
            "page {}: {t}",
            total - 2 + k
        );
        assert!(
            t.contains(&format!("Side {} af {total}", total - 2 + k)),
            "{t}"
        );
    }
    // The bilag's own text sits in the embedded page (a form XObject), which poppler reads.
    if let Some(poppler) = pdftotext(&after.pdf) {
        let pages: Vec<&str> = poppler.split('\x0c').collect();
        for k in 0..3 {
            let t = pages[total - 3 + k];
            assert!(t.contains(&format!("Tresidet bilag side {}", k + 1)), "{t}");
        }
    }
    assert!(texts[0].contains("Side 1 af"), "{}", texts[0]);
    let all = texts.join("\n");
    assert!(all.contains("vedlagt separat"), "{all}");
    // Bookmarks: the agenda, every item, the bilag section and every inserted bilag.
    let titles: BTreeSet<String> = outline(&after.pdf).into_iter().map(|(_, t)| t).collect();
    for item in &ws3.meeting(MEETING).unwrap().items {
        assert!(
            titles.iter().any(|t| t.contains(item.title.as_str())),
            "{} not in {titles:?}",
            item.title
        );
    }
    assert!(
        titles.contains(&format!("Bilag {n}.1: Projektbeskrivelse")),
        "{titles:?}"
    );
    assert!(
        titles.contains(&format!("Bilag {n}.3: Tresidet bilag")),
        "{titles:?}"
    );
}

#[test]
fn broken_bilag_stop_the_pack_naming_bilag_and_item_or_are_listed_with_skip_broken() {
    let mut ws = fixture();
    with_three_page_bilag(&mut ws);
    let n = ws
        .meeting(MEETING)
        .unwrap()
        .items
        .iter()
        .position(|i| i.case.is_some())
        .unwrap()
        + 1;
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("bilag/tre.pdf", vec![], "empty"),
        (
            "bilag/tre.pdf",
            b"%PDF-1.7\nthis is not a pdf at all".to_vec(),
            "corrupt",
        ),
        ("bilag/tre.pdf", encrypted_pdf(), "encrypted"),
        ("bilag/s-2026-014-1.pdf", b"garbage".to_vec(), "corrupt"),
    ];
    for (path, bytes, word) in cases {
        let err = pack::make(
            &ws,
            MEETING,
            &PackOptions::default(),
            &reader(&[(path, bytes.clone())]),
            &|_| {},
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains(&format!("Bilag {n}.")), "{err}");
        assert!(err.contains(path), "{err}");
        assert!(err.contains(word), "{word}: {err}");
        assert!(err.contains(&format!("item {n}.")), "{err}");
        let opts = PackOptions {
            skip_broken: true,
            ..Default::default()
        };
        let made = pack::make(&ws, MEETING, &opts, &reader(&[(path, bytes)]), &|_| {}).unwrap();
        assert!(
            made.bilag
                .iter()
                .any(|b| matches!(b.status, BilagStatus::Broken(_)))
        );
        assert!(
            text_of(&made.pdf)
                .join("\n")
                .contains("kunne ikke indsættes")
        );
    }
    // A missing file too.
    let mut ws = fixture();
    with_three_page_bilag(&mut ws);
    ws.meetings
        .iter_mut()
        .find(|m| m.id == MEETING)
        .unwrap()
        .items[n - 1]
        .attachments
        .push(Attachment::new("Væk", "bilag/vaek.pdf"));
    let err = pack::make(&ws, MEETING, &PackOptions::default(), &reader(&[]), &|_| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("bilag/vaek.pdf is missing"), "{err}");
    assert_eq!(pdf::pdf_pages(&encrypted_pdf()), Err(BadPdf::Encrypted));
    assert_eq!(pdf::pdf_pages(b""), Err(BadPdf::Empty));
}

#[test]
fn the_public_pack_leaves_closed_items_and_their_bilag_out() {
    let mut ws = fixture();
    let m = ws.meetings.iter_mut().find(|m| m.id == MEETING).unwrap();
    let closed = m.items.iter().position(|i| i.closed).unwrap();
    m.items[closed].attachments = vec![Attachment::new("Fortroligt", "bilag/tre.pdf")];
    let public = PackOptions {
        public: true,
        ..Default::default()
    };
    let made = pack::make(&ws, MEETING, &public, &reader(&[]), &|_| {}).unwrap();
    assert!(made.bilag.iter().all(|b| b.item != closed + 1));
    let text = text_of(&made.pdf).join("\n");
    assert!(text.contains("Offentlig version"), "{text}");
    assert!(!text.contains("Fortroligt"));
    let internal =
        pack::make(&ws, MEETING, &PackOptions::default(), &reader(&[]), &|_| {}).unwrap();
    assert!(internal.bilag.iter().any(|b| b.item == closed + 1));
    assert!(
        !text_of(&internal.pdf)
            .join("\n")
            .contains("Offentlig version")
    );
}

#[test]
fn a_pdf_a_pack_has_its_bilag_pages_as_images_and_the_same_page_count() {
    let mut ws = fixture();
    with_three_page_bilag(&mut ws);
    let plain = pack::make(&ws, MEETING, &PackOptions::default(), &reader(&[]), &|_| {}).unwrap();
    let opts = PackOptions {
        pdf_a: true,
        ..Default::default()
    };
    let archived = pack::make(&ws, MEETING, &opts, &reader(&[]), &|_| {}).unwrap();
    assert_eq!(page_count(&archived.pdf), page_count(&plain.pdf));
    assert!(String::from_utf8_lossy(&archived.pdf).contains("pdfaid:part"));
    let texts = text_of(&archived.pdf);
    assert!(
        texts.last().unwrap().contains("Bilag 3.3"),
        "{:?}",
        texts.last()
    );
}

fn hostile_chart(kind: super::document::ChartKind) -> super::document::Chart {
    use super::document::{Chart, Series, Tone};
    use rust_decimal::Decimal;
    Chart {
        title: "Budget #let x = 1 ] [*".to_string(),
        kind,
        unit: "mio. kr.".to_string(),
        label_heading: "Kvartal".to_string(),
        labels: vec![
            "1. kvt. 2026".into(),
            "2. kvt. 2026".into(),
            "3. kvt. 2026".into(),
        ],
        series: vec![
            Series {
                name: "Budget ]#panic()".to_string(),
                tone: Tone::Blue,
                values: vec![
                    Some(Decimal::new(1200, 1)),
                    None,
                    Some(Decimal::new(1300, 1)),
                ],
            },
            Series {
                name: "Forventet".to_string(),
                tone: Tone::Red,
                values: vec![
                    Some(Decimal::new(1250, 1)),
                    Some(Decimal::new(1400, 1)),
                    Some(Decimal::new(-5, 0)),
                ],
            },
        ],
    }
}

#[test]
fn charts_are_drawn_with_shapes_and_their_text_typeset_literally() {
    use super::document::ChartKind;
    for kind in [ChartKind::Lines, ChartKind::StackedBars] {
        let chart = hostile_chart(kind);
        let src = markup::chart(&chart, Language::Da);
        // Drawn, not a table: shapes, axis numbers, a legend.
        assert!(!src.contains("#table("), "{src}");
        match kind {
            ChartKind::Lines => {
                assert!(
                    src.contains("curve(stroke:") && src.contains("circle("),
                    "{src}"
                );
                // The second series is dashed, and the missing value breaks the first line: no
                // curve for "Budget" (its two values have a gap between them), one of 3 points
                // for "Forventet", and a line in the legend for each.
                assert!(src.contains("dash: \"dashed\""));
                assert_eq!(src.matches("thickness: 1.4pt").count(), 1 + 2, "{src}");
                assert_eq!(src.matches("curve.line(").count(), 2, "{src}");
                // Few values: a dot on each (2 + 3).
                assert_eq!(src.matches("circle(").count(), 5, "{src}");
            }
            ChartKind::StackedBars => assert!(src.contains("rect(width:"), "{src}"),
        }
        let doc = Document {
            lang: Language::Da,
            title: "Diagram".to_string(),
            blocks: vec![Block::Chart(chart.clone())],
        };
        let source = markup::render(&doc, &markup::Page::for_document(&doc));
        let bytes = pdf::compile(&source, &Default::default(), Default::default()).unwrap();
        let text = text_of(&bytes).join("\n");
        for want in [
            "Budget",
            "1. kvt. 2026",
            "3. kvt. 2026",
            "Forventet",
            "mio. kr.",
        ] {
            assert!(text.contains(want), "{want:?} missing from {text}");
        }
        assert!(
            text.contains("#panic()") && text.contains("#let x"),
            "{text}"
        );
        // Axis numbers: four round steps up to the rounded top. Lines: the largest value 140 ->
        // step 50 -> 200; stacked bars: the largest stack 120 + 125 = 245 -> step 100 -> 400.
        let steps: &[&str] = match kind {
            ChartKind::Lines => &["0\n50", "100", "150", "200"],
            ChartKind::StackedBars => &["0\n100", "200", "300", "400"],
        };
        for s in steps {
            assert!(text.contains(s), "{s:?} missing from {text}");
        }
    }
}

#[test]
fn a_line_over_many_quarters_is_one_curve_per_run_with_dots_only_on_lone_values() {
    use super::document::{Chart, ChartKind, Series, Tone};
    use rust_decimal::Decimal;
    let n = 20;
    let mut values: Vec<Option<Decimal>> = (0..n).map(|i| Some(Decimal::from(100 + i))).collect();
    // A gap, then a lone value, then a gap: two runs and one lone value.
    values[9] = None;
    values[11] = None;
    let chart = Chart {
        title: "Budget".into(),
        kind: ChartKind::Lines,
        unit: "mio. kr.".into(),
        label_heading: "Kvartal".into(),
        labels: (0..n).map(|i| format!("Q{i}")).collect(),
        series: vec![Series {
            name: "Prognose".into(),
            tone: Tone::Blue,
            values,
        }],
    };
    let src = markup::chart(&chart, Language::Da);
    assert_eq!(src.matches("curve(stroke:").count(), 2, "{src}");
    // 9 points in the first run (8 lines), 8 in the second (7 lines).
    assert_eq!(src.matches("curve.line(").count(), 8 + 7, "{src}");
    assert_eq!(src.matches("circle(").count(), 1, "{src}");
    let doc = Document {
        lang: Language::Da,
        title: "Diagram".to_string(),
        blocks: vec![Block::Chart(chart)],
    };
    let source = markup::render(&doc, &markup::Page::for_document(&doc));
    assert!(pdf::compile(&source, &Default::default(), Default::default()).is_ok());
}
