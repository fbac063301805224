//! `export annual-status`, run as a user would: the demo year against its golden files with and
//! without the texts file, `--init-texts` that never overwrites, warnings that name file and line,
//! the PDF, and clear errors for wrong arguments.

mod report_common;

use report_common::{demo, golden, ok_output as ok, pdf_text, run};

use std::path::Path;
use std::process::Output;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn export(ws: &Path, fmt: &str) -> Output {
    ok(
        &[
            "-w",
            ws.to_str().unwrap(),
            "export",
            "annual-status",
            "--year",
            "2026",
            "--format",
            fmt,
            "-o",
            "-",
        ],
        ws,
    )
}

const TEXTS: &str = "# Statusredegørelse 2026 – tekster

<!-- Sekretariatets udkast, 1. december 2026. -->

## Indledning

Porteføljestyregruppen har i 2026 fulgt 32 initiativer.

Året har budt på både fremgang og forsinkelser.

## Fremdrift

De fleste initiativer er i plan. Tre forhold skal fremhæves:

- MitID (4.1) er fortsat rød.
- Fælles datafordeler (2.1) er gået fra grøn til rød.
- Digitale fuldmagter (1.3) er lukket.

## Økonomi

Det samlede forventede forbrug ligger 5,8 % over budgettet.

## Konklusion

### Anbefalinger

Styregruppen anbefales at tage statusredegørelsen til efterretning.
";

#[test]
fn the_demo_year_matches_its_golden_files_without_and_with_texts() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let texts = ws.join("texts/statusredegoerelse-2026.md");

    // Without the texts file: placeholders, and the command says where to create the file.
    for (fmt, name) in [
        ("md", "annual-status-2026.md"),
        ("html", "annual-status-2026.html"),
    ] {
        let out = export(&ws, fmt);
        golden(name, &out.stdout);
        let err = stderr(&out);
        assert!(
            err.contains(&texts.display().to_string()) && err.contains("--init-texts"),
            "{err}"
        );
    }
    let md = String::from_utf8(export(&ws, "md").stdout).unwrap();
    assert!(md.contains("\\[Skriv indledning her\\]"), "{md}");
    let html = String::from_utf8(export(&ws, "html").stdout).unwrap();
    // Charts as inline SVG, no script, nothing fetched from the network.
    assert!(html.contains("<svg class=\"chart\""));
    assert!(!html.contains("<script"));
    assert_eq!(
        html.matches("http").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );

    // With the texts file: the texts instead of their placeholders, the rest unchanged.
    std::fs::create_dir_all(texts.parent().unwrap()).unwrap();
    std::fs::write(&texts, TEXTS).unwrap();
    for (fmt, name) in [
        ("md", "annual-status-2026-texts.md"),
        ("html", "annual-status-2026-texts.html"),
    ] {
        let out = export(&ws, fmt);
        golden(name, &out.stdout);
        // The sections still without text are named; nothing else is warned about.
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("Afsluttede initiativer, Beslutninger, Skriftlige høringer"),
            "{err}"
        );
    }
    let md_texts = String::from_utf8(export(&ws, "md").stdout).unwrap();
    assert!(md_texts.contains("Porteføljestyregruppen har i 2026 fulgt 32 initiativer."));
    assert!(md_texts.contains("- MitID (4.1) er fortsat rød."));
    assert!(!md_texts.contains("Skriv indledning her"));
    assert!(!md_texts.contains("\\[Skriv om økonomien her\\]"));
    assert!(md_texts.contains("\\[Skriv om årets beslutninger her\\]"));
    assert!(
        !md_texts.contains("Sekretariatets udkast"),
        "comments are left out"
    );
}

#[test]
fn init_texts_writes_the_skeleton_once_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    let texts = ws.join("texts/statusredegoerelse-2026.md");
    let args = [
        "-w",
        w,
        "export",
        "annual-status",
        "--year",
        "2026",
        "--init-texts",
    ];
    let out = ok(&args, &ws);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        texts.display().to_string()
    );
    let skeleton = std::fs::read_to_string(&texts).unwrap();
    for h in [
        "Indledning",
        "Fremdrift",
        "Afsluttede initiativer",
        "Beslutninger",
        "Skriftlige høringer",
        "Økonomi",
        "Konklusion",
    ] {
        assert!(skeleton.contains(&format!("\n## {h}\n")), "{skeleton}");
    }
    // The user's text survives a second --init-texts, which refuses.
    std::fs::write(&texts, "## Indledning\nMin tekst.\n").unwrap();
    let out = run(&args, &ws);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("findes allerede") || err.contains("already exists"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&texts).unwrap(),
        "## Indledning\nMin tekst.\n"
    );
    // English messages with --lang en.
    let mut en = vec!["--lang", "en"];
    en.extend(args);
    let err = stderr(&run(&en, &ws));
    assert!(
        err.contains("already exists and is never overwritten"),
        "{err}"
    );
}

#[test]
fn unknown_headings_are_warned_about_with_file_line_and_the_known_headings() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let texts = ws.join("texts/statusredegoerelse-2026.md");
    std::fs::create_dir_all(texts.parent().unwrap()).unwrap();
    std::fs::write(
        &texts,
        "## Indledning\nTekst.\n\n## Sammenfatning\nHvor skal dette hen?\n",
    )
    .unwrap();
    let out = run(
        &[
            "--lang",
            "en",
            "-w",
            ws.to_str().unwrap(),
            "export",
            "annual-status",
            "--year",
            "2026",
            "--format",
            "md",
            "-o",
            "-",
        ],
        &ws,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}:4: unknown section \"## Sammenfatning\"",
            texts.display()
        )),
        "{err}"
    );
    assert!(err.contains("\"## Indledning\"") && err.contains("\"## Konklusion\""));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("Tekst."));
    assert!(!md.contains("Hvor skal dette hen?"));
}

/// The text of every page of a PDF (lopdf), whitespace collapsed to single spaces.

#[test]
fn the_pdf_holds_the_sections_the_texts_and_the_charts() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    let texts = ws.join("texts/statusredegoerelse-2026.md");
    std::fs::create_dir_all(texts.parent().unwrap()).unwrap();
    std::fs::write(&texts, TEXTS).unwrap();
    // A bare file name is written in the current folder.
    ok(
        &[
            "-w",
            w,
            "export",
            "annual-status",
            "--year",
            "2026",
            "--format",
            "pdf",
            "-o",
            "statement.pdf",
        ],
        &ws,
    );
    let bytes = std::fs::read(ws.join("statement.pdf")).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&bytes);
    for want in [
        "Statusredegørelse 2026",
        "Indledning",
        "Porteføljestyregruppen har i 2026 fulgt 32 initiativer.",
        "Samlet status pr. kvartal",
        "Budget og forventet forbrug i alt pr. kvartal",
        "[Skriv om årets beslutninger her]",
        "Anbefalinger",
        "Konklusion",
    ] {
        assert!(text.contains(want), "{want:?} missing from the PDF: {text}");
    }
    // Default file name in out/.
    let out = ok(
        &[
            "-w",
            w,
            "export",
            "annual-status",
            "--year",
            "2026",
            "--format",
            "pdf",
        ],
        &ws,
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .ends_with("out/statusredegoerelse-2026.pdf")
    );
}

#[test]
fn wrong_arguments_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    for (args, says) in [
        (
            vec![
                "export",
                "annual-status",
                "--year",
                "2026",
                "--format",
                "csv",
            ],
            "html, md or pdf",
        ),
        (
            vec![
                "export",
                "annual-status",
                "--year",
                "2026",
                "--format",
                "pdf",
                "-o",
                "-",
            ],
            "binary",
        ),
        (
            vec!["export", "annual-status", "--year", "2019"],
            "nothing in the workspace for 2019",
        ),
        (vec!["export", "annual-status", "--year", "20266"], "--year"),
        (
            vec!["export", "annual-status", "--quarter", "2026Q3"],
            "annual-status takes no --quarter",
        ),
        (
            vec!["export", "annual-status", "M-1"],
            "annual-status takes no id",
        ),
        (
            vec!["export", "portfolio-report", "--year", "2026"],
            "--year is for the economy report and the annual status statement",
        ),
        (
            vec!["export", "agenda", "2026-12-03-psg", "--init-texts"],
            "--init-texts is for the annual status statement",
        ),
        (
            vec!["export", "annual-status", "--init-texts", "--format", "md"],
            "only writes the texts file",
        ),
    ] {
        let mut full = vec!["-w", w];
        full.extend(args.iter());
        let out = run(&full, &ws);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}
