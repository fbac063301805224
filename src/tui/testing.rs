//! Test helpers: an `App` on a fresh copy of the demo workspace with a fixed "today", keys by
//! name, and a frame rendered on ratatui's `TestBackend` as text for insta snapshots.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::App;
use super::render;
use crate::model::Language;
use crate::store::Store;

/// The day the demo is set on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default()
}

/// An app on a new demo workspace in a temporary folder (kept alive by the returned guard).
pub fn demo_app() -> (tempfile::TempDir, App) {
    demo_app_lang(None)
}

pub fn demo_app_lang(lang: Option<Language>) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let root = dir.path().join("ws");
    crate::demo::write_demo(&root).unwrap_or_else(|e| panic!("demo: {e}"));
    let store = Store::open(&root)
        .unwrap_or_else(|e| panic!("open: {e}"))
        .with_user("test");
    let mut app = App::new(store, lang);
    app.today = today();
    app.color = false;
    app.rebuild();
    (dir, app)
}

/// A key by name: "j", "G", "Enter", "Esc", "Tab", "BackTab", "Up", "Down", "Left", "Right",
/// "PageUp", "PageDown", "Home", "End", "Backspace", "C-r" (Ctrl-r), "Space".
pub fn key(name: &str) -> KeyEvent {
    let (ctrl, rest) = match name.strip_prefix("C-") {
        Some(r) => (true, r),
        None => (false, name),
    };
    let code = match rest {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "BackTab" => KeyCode::BackTab,
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "PageUp" => KeyCode::PageUp,
        "PageDown" => KeyCode::PageDown,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "Backspace" => KeyCode::Backspace,
        "Space" => KeyCode::Char(' '),
        s => KeyCode::Char(s.chars().next().unwrap_or(' ')),
    };
    let mut mods = if ctrl {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    if let KeyCode::Char(c) = code
        && c.is_uppercase()
    {
        mods |= KeyModifiers::SHIFT;
    }
    KeyEvent::new(code, mods)
}

/// Presses keys by name, one after another.
pub fn press(app: &mut App, keys: &[&str]) {
    for k in keys {
        app.handle_key(key(k));
    }
}

/// Types text (each character a key press).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

/// The frame as text, `w` x `h`, one line per row (trailing spaces trimmed).
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
    app.page = h.saturating_sub(6) as usize;
    app.too_small = w < render::MIN_W || h < render::MIN_H;
    term.draw(|f| render::draw(app, f))
        .unwrap_or_else(|e| panic!("{e}"));
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
