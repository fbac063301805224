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

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use super::action::Action;
use super::app::App;
use super::form::{Form, FormSnapshot};
use super::intent::Intent;
use super::keymap::{self, Binding, bind, ch, ctrl, key as k};
use super::theme::Theme;
use super::widgets::text_input::TextInput;

pub use conflict::{Conflict, SYNC_KEYS};
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

/// The keys that scroll a long text (a message, a preview, the help).
pub const SCROLL: &[Binding] = &[
    bind(
        &[ch('k'), k(KeyCode::Up)],
        Action::Up,
        "Rul op",
        "Scroll up",
    ),
    bind(
        &[ch('j'), k(KeyCode::Down)],
        Action::Down,
        "Rul ned",
        "Scroll down",
    ),
    bind(&[k(KeyCode::PageUp)], Action::PageUp, "Side op", "Page up"),
    bind(
        &[k(KeyCode::PageDown), ch(' ')],
        Action::PageDown,
        "Side ned",
        "Page down",
    ),
    bind(
        &[ctrl('u')],
        Action::HalfPageUp,
        "Halv side op",
        "Half page up",
    ),
    bind(
        &[ctrl('d')],
        Action::HalfPageDown,
        "Halv side ned",
        "Half page down",
    ),
    bind(
        &[ch('g'), k(KeyCode::Home)],
        Action::Top,
        "Til start",
        "To the top",
    ),
    bind(
        &[ch('G'), k(KeyCode::End)],
        Action::Bottom,
        "Til slut",
        "To the end",
    ),
];

/// One popup's keys under its name, for the `?` help.
#[derive(Debug, Clone, Copy)]
pub struct DialogKeys {
    pub da: &'static str,
    pub en: &'static str,
    pub keys: &'static [Binding],
}

impl DialogKeys {
    pub fn name(&self, lang: crate::model::Language) -> &'static str {
        crate::i18n::tr(lang, self.da, self.en)
    }
}

/// Every popup's key table, as the help lists them ("I dialoger" / "In dialogs"). A form's keys
/// are the line under the tables; the help itself scrolls with [`SCROLL`] and closes on any other
/// key.
pub const DIALOGS: &[DialogKeys] = &[
    DialogKeys {
        da: "Bekræft (spørgsmål med ja/nej)",
        en: "Confirm (a yes/no question)",
        keys: confirm::KEYS,
    },
    DialogKeys {
        da: "Lange tekster: beskeder, forhåndsvisninger, denne hjælp",
        en: "Long texts: messages, previews, this help",
        keys: SCROLL,
    },
    DialogKeys {
        da: "Besked og forhåndsvisning",
        en: "Message and preview",
        keys: message::KEYS,
    },
    DialogKeys {
        da: "Vælger (skriv for at filtrere)",
        en: "Picker (type to filter)",
        keys: picker::KEYS,
    },
    DialogKeys {
        da: "Kommandopalet (skriv for at søge)",
        en: "Command palette (type to search)",
        keys: palette::KEYS,
    },
    DialogKeys {
        da: "Konflikt ved gem",
        en: "Conflict on saving",
        keys: conflict::KEYS,
    },
    DialogKeys {
        da: "Konflikt fra en synkronisering",
        en: "Conflict from a sync",
        keys: conflict::SYNC_KEYS,
    },
    DialogKeys {
        da: "Gendan formular",
        en: "Recover a form",
        keys: recover::KEYS,
    },
    DialogKeys {
        da: "Historik (L)",
        en: "History (L)",
        keys: history::KEYS,
    },
];

/// The key tables each popup's key handling reads together, with the popup's name (for the test
/// that no key is bound twice in one).
#[cfg(test)]
pub(crate) fn dispatch_tables() -> Vec<(&'static str, Vec<&'static [Binding]>)> {
    vec![
        ("confirm", vec![confirm::KEYS]),
        ("message", vec![SCROLL, message::KEYS]),
        ("help", vec![SCROLL]),
        ("picker", vec![picker::KEYS]),
        ("palette", vec![palette::KEYS]),
        ("conflict", vec![conflict::KEYS]),
        ("sync conflict", vec![conflict::SYNC_KEYS]),
        ("recover", vec![recover::KEYS]),
        ("history", vec![history::KEYS]),
    ]
}

/// The new scroll position of a long text after a key of [`SCROLL`], or None when the key does
/// not scroll.
fn scrolled(ev: KeyEvent, scroll: u16, lines: u16, page: usize) -> Option<u16> {
    let page = u16::try_from(page.max(2)).unwrap_or(u16::MAX);
    let half = (page / 2).max(1);
    let end = lines.saturating_sub(page).max(1).min(lines);
    let to = match keymap::lookup(&[SCROLL], &ev)? {
        Action::HalfPageDown => scroll.saturating_add(half),
        Action::HalfPageUp => scroll.saturating_sub(half),
        Action::Down => scroll.saturating_add(1),
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(page),
        Action::PageUp => scroll.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => end,
        // The table above holds no other action.
        _ => return None,
    };
    Some(to.min(lines))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::tui::keymap::{ANYWHERE, lookup};

    fn press(key: &crate::tui::keymap::Key) -> KeyEvent {
        let mods = if key.ctrl {
            crossterm::event::KeyModifiers::CONTROL
        } else {
            crossterm::event::KeyModifiers::NONE
        };
        KeyEvent::new(key.code, mods)
    }

    #[test]
    fn no_popup_binds_a_key_twice() {
        let mut problems = vec![];
        for (name, tables) in dispatch_tables() {
            let mut seen: HashMap<String, &str> = HashMap::new();
            for b in tables.iter().flat_map(|t| t.iter()) {
                for key in b.keys {
                    let id = format!("{:?} ctrl {}", key.code, key.ctrl);
                    if let Some(first) = seen.insert(id, b.da) {
                        problems.push(format!(
                            "{name}: {} is both \"{first}\" and \"{}\"",
                            key.name(),
                            b.da
                        ));
                    }
                    // Ctrl-q / Ctrl-c quit from anywhere before a popup sees the key.
                    if lookup(&[ANYWHERE], &press(key)).is_some() {
                        problems.push(format!("{name}: {} is taken by Quit", key.name()));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_help_lists_every_popup_table_and_each_is_dispatched() {
        let listed: Vec<String> = DIALOGS.iter().map(|d| format!("{:?}", d.keys)).collect();
        for (name, tables) in dispatch_tables() {
            for t in tables {
                assert!(
                    listed.contains(&format!("{t:?}")),
                    "{name}: a table its keys read is not in the help"
                );
            }
        }
        for d in DIALOGS {
            assert!(!d.keys.is_empty(), "{} lists no keys", d.en);
        }
    }

    #[test]
    fn the_scroll_table_scrolls_as_it_says() {
        let ev = |code| KeyEvent::new(code, crossterm::event::KeyModifiers::NONE);
        let page = 10;
        assert_eq!(scrolled(ev(KeyCode::Char('j')), 3, 100, page), Some(4));
        assert_eq!(scrolled(ev(KeyCode::Up), 3, 100, page), Some(2));
        assert_eq!(scrolled(ev(KeyCode::Char(' ')), 3, 100, page), Some(13));
        assert_eq!(scrolled(ev(KeyCode::PageUp), 3, 100, page), Some(0));
        assert_eq!(scrolled(ev(KeyCode::Char('G')), 3, 100, page), Some(90));
        assert_eq!(scrolled(ev(KeyCode::Home), 30, 100, page), Some(0));
        let ctrl_d = KeyEvent::new(KeyCode::Char('d'), crossterm::event::KeyModifiers::CONTROL);
        assert_eq!(scrolled(ctrl_d, 3, 100, page), Some(8));
        // Not a scrolling key: the caller closes the box (or keeps a preview that asks).
        assert_eq!(scrolled(ev(KeyCode::Char('x')), 3, 100, page), None);
        assert_eq!(scrolled(ev(KeyCode::Enter), 3, 100, page), None);
    }
}
