//! Helpers for the tests of the reports (portfolio report, economy overview, annual statement):
//! run the real binary on the fixed demo, compare with golden files, read a PDF's text.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the program in `cwd` as the user "tester", with no workspace from the environment.
pub fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SECRETARIAT_WORKSPACE")
        .env("SECRETARIAT_USER", "tester")
        .output()
        .unwrap()
}

/// [`run`], which must succeed.
pub fn ok_output(args: &[&str], cwd: &Path) -> Output {
    let out = run(args, cwd);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// [`run`], which must succeed; its standard output.
pub fn ok(args: &[&str], cwd: &Path) -> Vec<u8> {
    ok_output(args, cwd).stdout
}

/// The fixed demo (dates as written, not moved to today) in `dir/demo`, so the golden files stay
/// true.
pub fn demo(dir: &Path) -> PathBuf {
    let ws = dir.join("demo");
    ok(
        &[
            "init",
            ws.to_str().unwrap(),
            "--demo",
            "--today",
            "2026-11-26",
        ],
        dir,
    );
    ws
}

/// Compares `actual` with tests/golden/`name`; `UPDATE_GOLDEN=1` writes it instead.
pub fn golden(name: &str, actual: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 creates it)", path.display()));
    assert!(
        expected == actual,
        "{name} differs from its golden file; look at the difference and rerun with UPDATE_GOLDEN=1 if it is right:\n{}",
        String::from_utf8_lossy(actual)
    );
}

/// A PDF's text, words joined by single spaces.
pub fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap_or_default();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
