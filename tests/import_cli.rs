//! `secretariat import` on every fixture: valid files import (and a second import changes nothing);
//! invalid files are refused with FILE:LINE problems and leave the workspace byte-for-byte unchanged.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(args)
        .env("SECRETARIAT_USER", "tester")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(kind),
    )
    .unwrap()
    .flatten()
    .map(|e| e.path())
    .filter(|p| p.extension().is_some_and(|x| x == "csv"))
    .collect();
    v.sort();
    v
}

/// A workspace holding the fixtures' initiatives 12.1, 12.2 and 3.4.
fn workspace(dir: &Path) -> PathBuf {
    let ws = dir.join("ws");
    assert!(run(&["init", ws.to_str().unwrap()]).status.success());
    let csv = dir.join("base.csv");
    std::fs::write(
        &csv,
        "Nr;Initiativnavn;Ministerium\n12.1;Fælles digital post;Digitaliseringsministeriet\n\
         12.2;Digital adgang til sundhedsdata;Indenrigs- og Sundhedsministeriet\n\
         3.4;Modernisering af tinglysning;Justitsministeriet\n",
    )
    .unwrap();
    let out = run(&[
        "-w",
        ws.to_str().unwrap(),
        "import",
        "initiatives",
        csv.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    ws
}

/// Every file of the workspace but the audit log, with its bytes.
fn snapshot(ws: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = vec![];
    for kind in [
        "",
        "forums",
        "initiatives",
        "cases",
        "meetings",
        "consultations",
        "decisions",
    ] {
        for e in std::fs::read_dir(ws.join(kind)).unwrap().flatten() {
            if e.path().is_file() {
                out.push((e.path(), std::fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn kind_of(p: &Path) -> &'static str {
    if p.file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("initiatives")
    {
        "initiatives"
    } else {
        "reports"
    }
}

#[test]
fn every_valid_dialect_imports_and_a_second_import_changes_nothing() {
    let files = fixtures("valid");
    assert!(files.len() >= 7);
    for f in files {
        let dir = tempfile::tempdir().unwrap();
        let ws = workspace(dir.path());
        let w = ws.to_str().unwrap();
        let out = run(&["-w", w, "import", kind_of(&f), f.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}{}",
            f.display(),
            text(&out.stdout),
            text(&out.stderr)
        );
        assert!(text(&out.stdout).contains("wrote"), "{}", text(&out.stdout));
        let before = snapshot(&ws);
        let out = run(&["-w", w, "import", kind_of(&f), f.to_str().unwrap()]);
        assert!(
            text(&out.stdout).contains(" 0 new, 0 changed"),
            "{}: {}",
            f.display(),
            text(&out.stdout)
        );
        assert_eq!(
            snapshot(&ws),
            before,
            "{}: the second import changed files",
            f.display()
        );
        let out = run(&["-w", w, "check"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    }
}

#[test]
fn every_bad_file_is_refused_and_the_workspace_is_byte_identical() {
    let files = fixtures("invalid");
    assert!(files.len() >= 10);
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let w = ws.to_str().unwrap();
    let before = snapshot(&ws);
    for f in files {
        let out = run(&["-w", w, "import", kind_of(&f), f.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{} was not refused",
            f.display()
        );
        let stdout = text(&out.stdout);
        let name = f.display().to_string();
        assert!(!stdout.is_empty());
        for line in stdout.lines() {
            assert!(
                line.starts_with(&format!("{name}:")),
                "problem without FILE:LINE: {line}"
            );
        }
        assert!(text(&out.stderr).contains("nothing was changed"));
        assert_eq!(
            snapshot(&ws),
            before,
            "{} changed the workspace",
            f.display()
        );
    }
}

#[test]
fn bad_quarter_message_names_file_line_column_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let f = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invalid/reports_bad_quarter.csv");
    let out = run(&[
        "-w",
        ws.to_str().unwrap(),
        "import",
        "reports",
        f.to_str().unwrap(),
    ]);
    let expected = format!(
        "{}:2: column \"Kvartal\": cannot read \"3. kvt 20x6\" as a quarter",
        f.display()
    );
    assert!(
        text(&out.stdout).contains(&expected),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let before = snapshot(&ws);
    let f = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/valid/reports_utf8_bom_crlf.csv");
    let out = run(&[
        "-w",
        ws.to_str().unwrap(),
        "import",
        "reports",
        f.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("dry run"));
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn deviations_json_after_an_import() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let csv = dir.path().join("r.csv");
    std::fs::write(
        &csv,
        "Nr;Kvartal;Samlet status;Budget (mio. kr.);Forventet forbrug (mio. kr.)\n\
         12.1;2026Q3;Grøn;50,0;55,0\n12.2;2026Q3;Grøn;50,0;55,05\n",
    )
    .unwrap();
    assert!(
        run(&[
            "-w",
            ws.to_str().unwrap(),
            "import",
            "reports",
            csv.to_str().unwrap()
        ])
        .status
        .success()
    );
    let out = run(&["-w", ws.to_str().unwrap(), "deviations", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                d["category"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // Exactly 10.0 % over is attention; 10.1 % is deviating; 3.4 has no report for the quarter.
    assert_eq!(
        got,
        [
            ("12.2".into(), "deviating".into()),
            ("12.1".into(), "attention".into()),
            ("3.4".into(), "missing".into())
        ]
    );
    for key in [
        "name",
        "ministry",
        "quarter",
        "reasons",
        "new",
        "consecutive_quarters",
    ] {
        assert!(v[0].get(key).is_some(), "{key}");
    }
}

/// The whole `deviations --json` contract through the binary: every field with its value, deviating
/// before attention before missing, and natural id order inside each (1.2, 1.10, 2.1).
#[test]
fn deviations_json_fields_and_natural_order() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    assert!(run(&["init", ws.to_str().unwrap()]).status.success());
    let w = ws.to_str().unwrap();
    let inits = dir.path().join("i.csv");
    std::fs::write(
        &inits,
        "Nr;Initiativnavn;Ministerium\n\
         2.1;Tre;Skatteministeriet\n\
         1.10;Ti;Justitsministeriet\n\
         1.2;To;Digitaliseringsministeriet\n\
         1.3;Gul;Klima-, Energi- og Forsyningsministeriet\n\
         1.1;Mangler;Transportministeriet\n\
         0.9;Grøn;Kirkeministeriet\n",
    )
    .unwrap();
    let out = run(&["-w", w, "import", "initiatives", inits.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // 2.1 is red for two quarters running; 1.10 red after yellow (new); 1.2 10.1 % over budget;
    // 1.3 yellow; 1.1 reported in Q2 only (missing in Q3); 0.9 green.
    let reports = dir.path().join("r.csv");
    std::fs::write(
        &reports,
        "Nr;Kvartal;Samlet status;Budget (mio. kr.);Forventet forbrug (mio. kr.)\n\
         2.1;2026Q2;Rød;;\n\
         2.1;2026Q3;Rød;;\n\
         1.10;2026Q2;Gul;;\n\
         1.10;2026Q3;Rød;;\n\
         1.2;2026Q3;Grøn;50,0;55,05\n\
         1.3;2026Q3;Gul;;\n\
         1.1;2026Q2;Grøn;;\n\
         0.9;2026Q3;Grøn;;\n",
    )
    .unwrap();
    let out = run(&["-w", w, "import", "reports", reports.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = run(&["-w", w, "deviations", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let short: Vec<serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            serde_json::json!([
                d["id"],
                d["name"],
                d["ministry"],
                d["quarter"],
                d["category"],
                d["reasons"],
                d["new"],
                d["consecutive_quarters"]
            ])
        })
        .collect();
    let expected = serde_json::json!([
        [
            "1.2",
            "To",
            "Digitaliseringsministeriet",
            "2026Q3",
            "deviating",
            ["budget"],
            true,
            1
        ],
        [
            "1.10",
            "Ti",
            "Justitsministeriet",
            "2026Q3",
            "deviating",
            ["overall"],
            true,
            1
        ],
        [
            "2.1",
            "Tre",
            "Skatteministeriet",
            "2026Q3",
            "deviating",
            ["overall"],
            false,
            2
        ],
        [
            "1.3",
            "Gul",
            "Klima-, Energi- og Forsyningsministeriet",
            "2026Q3",
            "attention",
            ["status"],
            true,
            1
        ],
        [
            "1.1",
            "Mangler",
            "Transportministeriet",
            "2026Q3",
            "missing",
            ["missing"],
            true,
            1
        ]
    ]);
    assert_eq!(serde_json::Value::Array(short), expected);

    // An explicit earlier quarter: only the reports of 2026Q2 count, and nobody is missing yet.
    let out = run(&["-w", w, "deviations", "--json", "--quarter", "2026Q2"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<(&str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["category"].as_str().unwrap()))
        .collect();
    assert_eq!(ids, [("2.1", "deviating"), ("1.10", "attention")]);
}
