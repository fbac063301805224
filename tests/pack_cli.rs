//! The meeting pack and bilag from the command line, as a user runs them: attach, check, export pdf
//! and pack, on a copy of the demo workspace.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use secretariat::export::pdf::{self, Files, PdfSettings};

const MEETING: &str = "2026-12-03-psg";

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SECRETARIAT_WORKSPACE")
        .env("SECRETARIAT_USER", "tester")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn demo(dir: &Path) -> PathBuf {
    let ws = dir.join("demo");
    let out = run(&["init", ws.to_str().unwrap(), "--demo"], dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    ws
}

fn ws_run(ws: &Path, args: &[&str]) -> Output {
    let mut all = vec!["-w", ws.to_str().unwrap()];
    all.extend_from_slice(args);
    run(&all, ws.parent().unwrap())
}

fn pages(path: &Path) -> usize {
    lopdf::Document::load(path).unwrap().get_pages().len()
}

/// poppler's text of a PDF, or None where pdftotext is not installed.
fn pdftotext(path: &Path) -> Option<String> {
    let out = Command::new("pdftotext").arg(path).arg("-").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn three_page_pdf(path: &Path) {
    let src = "#set page(paper: \"a5\")\nTrebilag side 1\n#pagebreak()\nTrebilag side 2\n#pagebreak()\nTrebilag side 3\n";
    let bytes = pdf::compile(src, &Files::new(), PdfSettings::default()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn the_demo_pack_is_complete_and_the_same_twice() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let a = dir.path().join("a.pdf");
    let out = ws_run(&ws, &["export", "pack", MEETING, "-o", a.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), a.to_str().unwrap());
    let out = ws_run(&ws, &["export", "pack", MEETING, "-o", "-"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read(&a).unwrap() == out.stdout, "two runs differ");
    let n = pages(&a);
    assert!(n >= 6, "{n} pages");
    if let Some(t) = pdftotext(&a) {
        assert!(t.contains(&format!("Side 1 af {n}")), "{t}");
        for label in ["Bilag 5.1", "Bilag 5.2", "Bilag 5.3", "Bilag 6.1"] {
            assert!(t.contains(label), "{label} missing");
        }
        assert!(
            t.contains("REVIDERET TIDSPLAN"),
            "the bilag's own text is missing"
        );
    }
    // The default place is out/ in the workspace; nothing else in the workspace changes.
    let before = std::fs::read_dir(ws.join("meetings")).unwrap().count();
    let out = ws_run(&ws, &["export", "pack", MEETING]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = PathBuf::from(text(&out.stdout).trim());
    assert!(path.starts_with(ws.join("out")), "{}", path.display());
    assert!(path.ends_with("2026-12-03-portefoeljestyregruppen-moedepakke.pdf"));
    assert_eq!(
        std::fs::read_dir(ws.join("meetings")).unwrap().count(),
        before
    );
    // --format pdf for a document, and a text format for the pack is refused.
    let out = ws_run(
        &ws,
        &["export", "agenda", MEETING, "--format", "pdf", "-o", "-"],
    );
    assert!(out.status.success() && out.stdout.starts_with(b"%PDF-"));
    let out = ws_run(&ws, &["export", "pack", MEETING, "--format", "md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("the meeting pack is a PDF"));
}

#[test]
fn attaching_a_three_page_pdf_adds_three_pages_and_deleting_it_fails_check() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let before = dir.path().join("before.pdf");
    assert!(
        ws_run(
            &ws,
            &["export", "pack", MEETING, "-o", before.to_str().unwrap()]
        )
        .status
        .success()
    );
    let file = dir.path().join("Tre sider.pdf");
    three_page_pdf(&file);
    let out = ws_run(
        &ws,
        &[
            "attach",
            MEETING,
            "6",
            file.to_str().unwrap(),
            "--title",
            "Tre sider",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rel = text(&out.stdout).trim().to_string();
    assert_eq!(rel, format!("bilag/{MEETING}/tre-sider.pdf"));
    assert!(ws.join(&rel).is_file());
    let meeting =
        std::fs::read_to_string(ws.join("meetings").join(format!("{MEETING}.json"))).unwrap();
    assert!(
        meeting.contains("\"sha256\": \"") && meeting.contains(&rel),
        "{meeting}"
    );

    let after = dir.path().join("after.pdf");
    let out = ws_run(
        &ws,
        &["export", "pack", MEETING, "-o", after.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(pages(&after), pages(&before) + 3);
    if let Some(t) = pdftotext(&after) {
        for k in 1..=3 {
            assert!(
                t.contains(&format!("Trebilag side {k}")),
                "page {k} of the bilag is missing"
            );
        }
        assert!(t.contains("Bilag 6.2: Tre sider"));
    }
    assert_eq!(ws_run(&ws, &["check"]).status.code(), Some(0));

    // The same file again gets its own name; nothing is replaced.
    let out = ws_run(&ws, &["attach", MEETING, "6", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        format!("bilag/{MEETING}/tre-sider-2.pdf")
    );

    std::fs::remove_file(ws.join(&rel)).unwrap();
    let out = ws_run(&ws, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    let line = report
        .lines()
        .find(|l| l.contains(&rel))
        .unwrap_or_else(|| panic!("check does not name {rel}:\n{report}"));
    let expected_prefix = format!(
        "{}:",
        ws.join("meetings")
            .join(format!("{MEETING}.json"))
            .display()
    );
    assert!(line.starts_with(&expected_prefix), "{line}");
    let loc: Vec<&str> = line[expected_prefix.len()..].splitn(3, ':').collect();
    assert!(
        loc[0].parse::<usize>().unwrap() > 1 && loc[1].parse::<usize>().unwrap() > 1,
        "{line}"
    );
    assert!(line.contains("is missing"), "{line}");

    // The pack now refuses, naming the bilag and the item; with --skip-broken it lists it.
    let out = ws_run(&ws, &["export", "pack", MEETING, "-o", "-"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("Bilag 6.2") && err.contains("item 6.") && err.contains("--skip-broken"),
        "{err}"
    );
    let skipped = dir.path().join("skipped.pdf");
    let out = ws_run(
        &ws,
        &[
            "export",
            "pack",
            MEETING,
            "--skip-broken",
            "-o",
            skipped.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    if let Some(t) = pdftotext(&skipped) {
        assert!(t.contains("kunne ikke indsættes"), "{t}");
    }
}

#[test]
fn check_reports_changed_files_and_paths_that_leave_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    std::fs::write(
        ws.join("bilag/2026-3-statusrapport-2.1.pdf"),
        b"%PDF-1.7 changed",
    )
    .unwrap();
    let case = ws.join("cases/S-2026-002.json");
    let body = std::fs::read_to_string(&case).unwrap();
    let first = body
        .split("\"path\": \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    std::fs::write(&case, body.replace(&first, "../../etc/passwd")).unwrap();
    let out = ws_run(&ws, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report
            .lines()
            .any(|l| l.contains("S-2026-007.json:")
                && l.contains("has changed since it was attached")),
        "{report}"
    );
    assert!(
        report
            .lines()
            .any(|l| l.contains("S-2026-002.json:") && l.contains("leaves the workspace")),
        "{report}"
    );
}

#[test]
fn attach_refuses_an_approved_meeting_a_missing_file_and_a_bad_item() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let file = dir.path().join("x.pdf");
    three_page_pdf(&file);
    let out = ws_run(
        &ws,
        &["attach", "2026-09-10-psg", "1", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("godkendt"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        !ws.join("bilag/2026-09-10-psg").exists(),
        "a file was copied for a refused attach"
    );
    let out = ws_run(&ws, &["attach", MEETING, "99", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("punkt 99"),
        "{}",
        text(&out.stderr)
    );
    let out = ws_run(
        &ws,
        &[
            "attach",
            "S-2026-002",
            dir.path().join("nope.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("missing"),
        "{}",
        text(&out.stderr)
    );
    let out = ws_run(&ws, &["attach", "S-2026-002", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "bilag/S-2026-002/x.pdf");
}
