//! Popups stacked over the screen; the top one gets the keys: forms, confirmations, pickers, the
//! help and the command palette, messages, the conflict dialog, the recovery offer and a record's
//! history page. Each has a module of its own with its state, its drawing and its keys; here are
//! the stack's enum and the dispatch of both.

mod confirm;
mod conflict;
mod form;
mod help;
pub mod history;
mod message;
mod palette;
mod picker;
mod recover;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use super::app::App;
use super::form::{Form, FormSnapshot};
use super::intent::Intent;
use super::theme::Theme;
use super::widgets::text_input::TextInput;

pub use conflict::Conflict;
pub(crate) use conflict::{field_name, record_json, short};
pub use picker::{Picker, PickerItem};

/// The popups.
#[derive(Debug, Clone)]
pub enum Popup {
    Form(Form),
    Confirm {
        text: String,
        then: Intent,
    },
    Picker(Picker),
    Help {
        scroll: u16,
    },
    Palette {
        input: TextInput,
        cursor: usize,
    },
    Message {
        title: String,
        text: String,
        scroll: u16,
        /// A preview that asks: Enter answers yes with this, Esc closes without.
        then: Option<Intent>,
    },
    Conflict(Conflict),
    Recover(FormSnapshot),
    /// A record's history page (popups/history.rs).
    History(history::HistoryView),
}

/// A rectangle of `w` x `h` centred in `area` (clamped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// How many rows `line` takes when word-wrapped to `width` columns (at least one).
pub(crate) fn wrapped_rows(line: &str, width: usize) -> u16 {
    let mut rows = 1u16;
    let mut used = 0usize;
    for word in line.split(' ') {
        let w = unicode_width::UnicodeWidthStr::width(word);
        let need = if used == 0 { w } else { used + 1 + w };
        if need <= width {
            used = need;
        } else {
            rows = rows.saturating_add(1 + (w / width.max(1)) as u16);
            used = w % width.max(1);
        }
    }
    rows
}

fn frame_block<'a>(title: String, th: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(th.popup_border())
        .title(Span::styled(format!(" {title} "), th.title()))
}

/// Draws one popup.
pub fn render(app: &App, p: &Popup, f: &mut Frame, area: Rect) {
    match p {
        Popup::Form(form) => form::render(app, form, f, area, &Theme::new(app.color)),
        Popup::Confirm { text, .. } => confirm::render(app, text, f, area),
        Popup::Picker(p) => picker::render(app, p, f, area),
        Popup::Help { scroll } => help::render(app, *scroll, f, area),
        Popup::Palette { input, cursor } => palette::render(app, input, *cursor, f, area),
        Popup::Message {
            title,
            text,
            scroll,
            then,
        } => message::render(app, title, text, *scroll, then.as_ref(), f, area),
        Popup::Conflict(c) => conflict::render(app, c, f, area),
        Popup::History(h) => history::render(app, h, f, area),
        Popup::Recover(s) => recover::render(app, s, f, area),
    }
}

/// A key for the popup on top: it is taken off the stack, and its handler puts it back when it
/// stays open.
pub(crate) fn key(app: &mut App, ev: KeyEvent) {
    let Some(top) = app.popups.pop() else { return };
    match top {
        Popup::Form(f) => form::key(app, f, ev),
        Popup::Confirm { text, then } => confirm::key(app, text, then, ev),
        Popup::Picker(p) => picker::key(app, p, ev),
        Popup::Help { scroll } => help::key(app, scroll, ev),
        Popup::Message {
            title,
            text,
            scroll,
            then,
        } => message::key(app, title, text, scroll, then, ev),
        Popup::Palette { input, cursor } => palette::key(app, input, cursor, ev),
        Popup::Conflict(c) if c.sync.is_some() => app.sync_conflict_key(c, ev),
        Popup::Conflict(c) => conflict::key(app, c, ev),
        Popup::History(h) => app.history_key(h, ev),
        Popup::Recover(snap) => recover::key(app, snap, ev),
    }
}

/// The new scroll position of a long text after a scrolling key (↑/↓, j/k, PgUp/PgDn, Space,
/// Ctrl-u/Ctrl-d, g/G, Home/End), or None when the key does not scroll.
fn scrolled(ev: KeyEvent, scroll: u16, lines: u16, page: usize) -> Option<u16> {
    let page = u16::try_from(page.max(2)).unwrap_or(u16::MAX);
    let half = (page / 2).max(1);
    let end = lines.saturating_sub(page).max(1).min(lines);
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let to = match ev.code {
        KeyCode::Char('d') if ctrl => scroll.saturating_add(half),
        KeyCode::Char('u') if ctrl => scroll.saturating_sub(half),
        _ if ctrl => return None,
        KeyCode::Down | KeyCode::Char('j') => scroll.saturating_add(1),
        KeyCode::Up | KeyCode::Char('k') => scroll.saturating_sub(1),
        KeyCode::PageDown | KeyCode::Char(' ') => scroll.saturating_add(page),
        KeyCode::PageUp => scroll.saturating_sub(page),
        KeyCode::Home | KeyCode::Char('g') => 0,
        KeyCode::End | KeyCode::Char('G') => end,
        _ => return None,
    };
    Some(to.min(lines))
}
