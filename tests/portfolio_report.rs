//! `export portfolio-report`, run as a user would: the CSV agrees with `deviations --json` for every
//! initiative and quarter, the documents match their golden files, the workbook is deterministic.

mod report_common;

use report_common::{demo, golden, ok, pdf_text, run};

use std::collections::HashMap;
use std::path::Path;

/// The Danish words of `deviations --json`'s codes, written out here independently of the program.
fn category_da(code: &str) -> &'static str {
    match code {
        "deviating" => "Afvigende",
        "attention" => "Opmærksomhedskrævende",
        "missing" => "Mangler statusrapport",
        other => panic!("unknown category {other}"),
    }
}

fn reason_da(code: &str) -> &'static str {
    match code {
        "overall" => "samlet status rød",
        "dimension" => "tid, økonomi, indhold eller risiko rød",
        "status" => "status gul",
        "budget" => "forventet forbrug over budget",
        "schedule" => "forventet slutdato forsinket",
        "missing" => "ingen statusrapport",
        other => panic!("unknown reason {other}"),
    }
}

/// Checks one quarter: one CSV row per initiative; listed ones carry exactly the category and reasons
/// of `deviations --json`, in the same order; the others are "I plan" or "Lukket" without reasons.
fn csv_agrees_with_deviations(ws: &Path, quarter: &str) -> usize {
    let w = ws.to_str().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&ok(
        &["-w", w, "deviations", "--quarter", quarter, "--json"],
        ws,
    ))
    .unwrap();
    let listed = json.as_array().unwrap();
    let inits: serde_json::Value =
        serde_json::from_slice(&ok(&["-w", w, "list", "initiatives", "--json"], ws)).unwrap();
    let n_inits = inits.as_array().unwrap().len();

    let csv = ok(
        &[
            "-w",
            w,
            "export",
            "portfolio-report",
            "--quarter",
            quarter,
            "--format",
            "csv",
            "-o",
            "-",
        ],
        ws,
    );
    let text = String::from_utf8(csv).unwrap();
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte order mark for Excel");
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (nr, cat, why) = (col("Nr."), col("Kategori"), col("Begrundelse"));
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), n_inits, "one row per initiative");
    let by_id: HashMap<&str, &csv::StringRecord> = rows.iter().map(|x| (&x[nr], x)).collect();
    assert_eq!(by_id.len(), n_inits, "no initiative twice");

    for (i, d) in listed.iter().enumerate() {
        let id = d["id"].as_str().unwrap();
        let row = by_id[id];
        assert_eq!(
            &row[cat],
            category_da(d["category"].as_str().unwrap()),
            "{id}"
        );
        let reasons: Vec<&str> = d["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| reason_da(r.as_str().unwrap()))
            .collect();
        assert_eq!(&row[why], reasons.join(", "), "{id} in {quarter}");
        // Sorted as `deviations` sorts: the listed initiatives come first, in its order.
        assert_eq!(&rows[i][nr], id);
    }
    let listed_ids: Vec<&str> = listed.iter().map(|d| d["id"].as_str().unwrap()).collect();
    for row in &rows {
        if !listed_ids.contains(&&row[nr]) {
            assert!(
                ["I plan", "Lukket"].contains(&&row[cat]),
                "{} is {}",
                &row[nr],
                &row[cat]
            );
            assert_eq!(&row[why], "");
        }
    }
    listed.len()
}

#[test]
fn csv_categories_and_reasons_are_those_of_deviations_in_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let mut listed = 0;
    for q in ["2026Q3", "2026Q2", "2025Q4"] {
        listed += csv_agrees_with_deviations(&ws, q);
    }
    assert!(listed > 5, "the demo has deviating initiatives to compare");
}

#[test]
fn csv_categories_and_reasons_are_those_of_deviations_at_scale() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("big");
    ok(
        &[
            "generate",
            "workspace",
            ws.to_str().unwrap(),
            "--seed",
            "7",
            "--initiatives",
            "120",
            "--quarters",
            "8",
            "--cases",
            "40",
            "--meetings",
            "6",
            "--consultations",
            "4",
            "--decisions",
            "30",
        ],
        dir.path(),
    );
    let json: serde_json::Value = serde_json::from_slice(&ok(
        &["-w", ws.to_str().unwrap(), "deviations", "--json"],
        &ws,
    ))
    .unwrap();
    let latest = json[0]["quarter"].as_str().unwrap().to_string();
    assert!(csv_agrees_with_deviations(&ws, &latest) > 0);
}

#[test]
fn demo_report_matches_its_golden_files() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    for (fmt, name) in [
        ("html", "portfolio-report.html"),
        ("md", "portfolio-report.md"),
        ("csv", "portfolio-report.csv"),
        ("txt", "portfolio-report.txt"),
    ] {
        let out = ok(
            &[
                "-w",
                w,
                "export",
                "portfolio-report",
                "--quarter",
                "2026Q3",
                "--format",
                fmt,
                "-o",
                "-",
            ],
            &ws,
        );
        golden(name, &out);
    }
    let html = String::from_utf8(ok(
        &[
            "-w",
            w,
            "export",
            "portfolio-report",
            "--format",
            "html",
            "-o",
            "-",
        ],
        &ws,
    ))
    .unwrap();
    // No script, nothing fetched from the network; one chart on page 1, one per deviating initiative.
    assert!(!html.contains("<script"));
    // The only URL is the SVG namespace (a name, never fetched).
    assert_eq!(
        html.matches("http").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
    let deviating =
        serde_json::from_slice::<serde_json::Value>(&ok(&["-w", w, "deviations", "--json"], &ws))
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["category"] == "deviating")
            .count();
    assert!(deviating > 0);
    assert_eq!(html.matches("<svg").count(), 1 + deviating);
}

#[test]
fn the_workbook_is_an_xlsx_and_the_same_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    let a = ws.join("a.xlsx");
    let b = ws.join("b.xlsx");
    for p in [&a, &b] {
        ok(
            &[
                "-w",
                w,
                "export",
                "portfolio-report",
                "--format",
                "xlsx",
                "-o",
                p.to_str().unwrap(),
            ],
            &ws,
        );
    }
    let a = std::fs::read(a).unwrap();
    assert!(a.starts_with(b"PK\x03\x04"), "a zip file");
    assert_eq!(a, std::fs::read(b).unwrap());
    // The Word version carries the charts as tables.
    let docx = ws.join("r.docx");
    ok(
        &[
            "-w",
            w,
            "export",
            "portfolio-report",
            "--format",
            "docx",
            "-o",
            docx.to_str().unwrap(),
        ],
        &ws,
    );
    assert!(std::fs::read(docx).unwrap().starts_with(b"PK\x03\x04"));
    // Binary formats never go to a terminal.
    let out = run(
        &[
            "-w",
            w,
            "export",
            "portfolio-report",
            "--format",
            "xlsx",
            "-o",
            "-",
        ],
        &ws,
    );
    assert!(!out.status.success());
}

#[test]
fn wrong_arguments_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    for (args, says) in [
        (
            vec!["export", "portfolio-report", "--quarter", "tredje"],
            "2026Q3",
        ),
        (vec!["export", "portfolio-report", "M-1"], "takes no id"),
        (vec!["export", "agenda"], "id"),
        (
            vec!["export", "agenda", "x", "--format", "csv"],
            "only for the portfolio report",
        ),
    ] {
        let mut full = vec!["-w", w];
        full.extend(args.iter());
        let out = run(&full, &ws);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

/// The text of every page of a PDF (lopdf), whitespace collapsed to single spaces.

#[test]
fn the_pdf_names_every_deviating_initiative_and_draws_its_chart() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    let pdf = ws.join("r.pdf");
    ok(
        &[
            "-w",
            w,
            "export",
            "portfolio-report",
            "--format",
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ],
        &ws,
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&bytes);
    let json: serde_json::Value =
        serde_json::from_slice(&ok(&["-w", w, "deviations", "--json"], &ws)).unwrap();
    let deviating: Vec<&serde_json::Value> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["category"] == "deviating")
        .collect();
    assert!(deviating.len() > 1);
    for d in &deviating {
        let (id, name) = (d["id"].as_str().unwrap(), d["name"].as_str().unwrap());
        // The initiative's section heading, and the caption of its drawn chart.
        assert!(
            text.contains(&format!("{id} {name}")),
            "{id} {name} missing from the PDF: {text}"
        );
        assert!(
            text.contains(&format!("{id} – budget og forventet forbrug")),
            "the chart of {id} missing: {text}"
        );
    }
    // The charts are drawn, not tabulated: the legend is there, the table heading of the chart's
    // table form ("Kvartal" above every quarter row) only in the status table of each initiative.
    assert!(text.contains("Kategorier pr. kvartal"));
    assert!(text.contains("Forventet forbrug"));
    assert_eq!(
        text.matches("Kvartal Samlet").count(),
        deviating.len(),
        "one status table per deviating initiative, no chart tables: {text}"
    );
}

#[test]
fn attach_puts_the_pdf_on_the_agenda_item_as_a_titled_bilag() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    let meeting = "2026-12-03-psg";
    let out = String::from_utf8(ok(
        &[
            "-w",
            w,
            "export",
            "portfolio-report",
            "--quarter",
            "2026Q3",
            "--attach",
            meeting,
            "3",
        ],
        &ws,
    ))
    .unwrap();
    let rel = out.trim();
    assert!(rel.starts_with(&format!("bilag/{meeting}/")), "{out}");
    let bytes = std::fs::read(ws.join(rel)).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let record: serde_json::Value = serde_json::from_slice(
        &std::fs::read(ws.join("meetings").join(format!("{meeting}.json"))).unwrap(),
    )
    .unwrap();
    let item = &record["items"][2];
    let bilag = item["attachments"].as_array().unwrap();
    let ours = bilag
        .iter()
        .find(|a| a["path"] == rel)
        .unwrap_or_else(|| panic!("no bilag {rel} on item 3: {item}"));
    assert_eq!(ours["title"], "Porteføljerapport 3. kvt. 2026");

    // Refused, and nothing written: a held/approved meeting, an item that does not exist, a format
    // that is not the PDF.
    for (args, says) in [
        (vec!["--attach", "2026-09-10-psg", "3"], "godkendt"),
        (vec!["--attach", meeting, "99"], "99"),
        (
            vec!["--attach", meeting, "3", "--format", "csv"],
            "--format",
        ),
    ] {
        let mut all = vec!["-w", w, "export", "portfolio-report"];
        all.extend(args);
        let out = run(&all, &ws);
        assert!(!out.status.success(), "{all:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{all:?}: {err}");
    }
    assert_eq!(
        std::fs::read_dir(ws.join("bilag").join(meeting))
            .unwrap()
            .count(),
        1
    );

    // An English workspace titles it in English.
    let settings = ws.join("workspace.json");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(
        &settings,
        text.replace("\"language\": \"da\"", "\"language\": \"en\""),
    )
    .unwrap();
    ok(
        &[
            "-w",
            w,
            "export",
            "portfolio-report",
            "--quarter",
            "2026Q3",
            "--attach",
            meeting,
            "4",
        ],
        &ws,
    );
    let record: serde_json::Value = serde_json::from_slice(
        &std::fs::read(ws.join("meetings").join(format!("{meeting}.json"))).unwrap(),
    )
    .unwrap();
    let titles: Vec<&str> = record["items"][3]["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(titles.contains(&"Portfolio report Q3 2026"), "{titles:?}");
}
