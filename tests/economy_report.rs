//! `export economy-report`, run as a user would on the fixed demo: the md and csv match their
//! golden files, an overspend beyond the thresholds is exactly what `deviations --json` calls a
//! deviating budget, the workbook and PDF are made, wrong arguments are clear errors.

mod report_common;

use report_common::{demo, golden, ok, run};

use std::path::{Path, PathBuf};

fn export(w: &str, ws: &Path, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["-w", w, "export", "economy-report"];
    args.extend(extra);
    ok(&args, ws)
}

#[test]
fn demo_report_matches_its_golden_files() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    for (fmt, name) in [("md", "economy-report.md"), ("csv", "economy-report.csv")] {
        let out = export(w, &ws, &["--year", "2026", "--format", fmt, "-o", "-"]);
        golden(name, &out);
        // The default year is the year of the latest quarter with reports (2026 in the demo).
        assert_eq!(out, export(w, &ws, &["--format", fmt, "-o", "-"]));
    }
    let html = String::from_utf8(export(w, &ws, &["-o", "-"])).unwrap();
    assert!(!html.contains("<script"));
    assert_eq!(html.matches("<svg").count(), 1, "the chart of the year");
}

#[test]
fn overspend_beyond_the_thresholds_is_the_deviating_budget_of_deviations() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    // In the demo every active initiative reports in the latest quarter, so the year's latest
    // report is that quarter's, and `deviations` decides by the same rule.
    let json: serde_json::Value =
        serde_json::from_slice(&ok(&["-w", w, "deviations", "--json"], &ws)).unwrap();
    let mut deviating_budget: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["category"] == "deviating"
                && d["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r == "budget")
        })
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    deviating_budget.sort();
    assert!(!deviating_budget.is_empty(), "the demo has an overspend");

    let csv = String::from_utf8(export(w, &ws, &["--format", "csv", "-o", "-"])).unwrap();
    let csv = csv.strip_prefix('\u{feff}').unwrap();
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (nr, kind, beyond) = (
        col("Nr."),
        col("Mer-/mindreforbrug"),
        col("Ud over tærsklerne"),
    );
    let mut over: Vec<String> = r
        .records()
        .map(|x| x.unwrap())
        .filter(|x| &x[kind] == "Merforbrug" && &x[beyond] == "ja")
        .map(|x| x[nr].to_string())
        .collect();
    over.sort();
    assert_eq!(over, deviating_budget);
}

#[test]
fn workbook_and_pdf_are_made() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    let (a, b) = (ws.join("a.xlsx"), ws.join("b.xlsx"));
    for p in [&a, &b] {
        export(w, &ws, &["--format", "xlsx", "-o", p.to_str().unwrap()]);
    }
    let a = std::fs::read(a).unwrap();
    assert!(a.starts_with(b"PK\x03\x04"));
    assert_eq!(a, std::fs::read(b).unwrap());
    // Default name in out/.
    let printed = String::from_utf8(export(w, &ws, &["--format", "pdf"])).unwrap();
    let path = PathBuf::from(printed.trim());
    assert!(path.ends_with("out/oekonomioverblik-2026.pdf"), "{printed}");
    let pdf = std::fs::read(&path).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap_or_default();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Økonomioverblik 2026"), "{text}");
    assert!(
        text.contains("Forslag til sager om mer-/mindreforbrug"),
        "{text}"
    );
    // Binary formats never go to a terminal.
    let out = run(
        &[
            "-w",
            w,
            "export",
            "economy-report",
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
            vec!["export", "economy-report", "--year", "tyve"],
            "write it as 2026",
        ),
        (
            vec!["export", "economy-report", "--year", "2019"],
            "no status reports for 2019",
        ),
        (vec!["export", "economy-report", "M-1"], "takes no id"),
        (
            vec!["export", "economy-report", "--quarter", "2026Q3"],
            "--year 2026 instead of --quarter",
        ),
        (
            vec!["export", "portfolio-report", "--year", "2026"],
            "--year is for the economy report",
        ),
        (
            vec!["export", "economy-report", "--format", "ics"],
            "no ics form",
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
