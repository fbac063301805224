//! Pick a record from a list filtered by typing: ↑/↓ move, Enter picks, Esc cancels; every other
//! key goes to the filter.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{centered, frame_block};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::intent::Intent;
use crate::tui::keymap::{self, Binding, bind, key as k};
use crate::tui::popup::Popup;
use crate::tui::screens;
use crate::tui::text::{fold, matches_folded, safe_line};
use crate::tui::theme::Theme;
use crate::tui::widgets::text_input::TextInput;

/// One choice in a picker.
#[derive(Debug, Clone)]
pub struct PickerItem {
    pub id: String,
    pub label: String,
    folded: String,
    /// The folded label, when `folded` holds more (words to find it by that are not shown).
    label_only: Option<String>,
}

impl PickerItem {
    pub fn new(id: &str, label: &str) -> PickerItem {
        PickerItem {
            id: id.into(),
            label: label.into(),
            folded: fold(label),
            label_only: None,
        }
    }
    /// An item found by its label and by `words` not shown (a whole text, a ministry, ...).
    pub fn with_words(id: &str, label: &str, words: &str) -> PickerItem {
        PickerItem {
            id: id.into(),
            label: label.into(),
            folded: fold(&format!("{label} {words}")),
            label_only: Some(fold(label)),
        }
    }
}

/// Pick a record from a filtered list.
#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    pub items: Vec<PickerItem>,
    pub filter: TextInput,
    pub visible: Vec<usize>,
    pub cursor: usize,
    /// What the choice leads to.
    pub then: Intent,
}

impl Picker {
    pub fn new(title: &str, items: Vec<PickerItem>, then: Intent) -> Picker {
        let mut p = Picker {
            title: title.into(),
            visible: (0..items.len()).collect(),
            items,
            filter: TextInput::new("", false),
            cursor: 0,
            then,
        };
        p.refilter();
        p
    }
    pub fn refilter(&mut self) {
        let words: Vec<String> = fold(&self.filter.value())
            .split_whitespace()
            .map(str::to_string)
            .collect();
        self.visible = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| matches_folded(&words, &it.folded))
            .map(|(i, _)| i)
            .collect();
        // What the label itself matches comes before what only its hidden words match.
        if !words.is_empty() && self.items.iter().any(|it| it.label_only.is_some()) {
            let items = &self.items;
            self.visible.sort_by_key(|&i| {
                items.get(i).is_none_or(|it| {
                    it.label_only
                        .as_ref()
                        .is_some_and(|l| !matches_folded(&words, l))
                })
            });
        }
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
    }
    pub fn selected(&self) -> Option<&PickerItem> {
        self.visible
            .get(self.cursor)
            .and_then(|&i| self.items.get(i))
    }
}

/// The picker's keys: its key handling and the help read this table; every other key goes to the
/// filter.
pub const KEYS: &[Binding] = &[
    bind(&[k(KeyCode::Up)], Action::Up, "Op", "Up"),
    bind(&[k(KeyCode::Down)], Action::Down, "Ned", "Down"),
    bind(&[k(KeyCode::Enter)], Action::Open, "Vælg", "Pick"),
    bind(&[k(KeyCode::Esc)], Action::Back, "Fortryd", "Cancel"),
];

/// Draws the picker.
pub(super) fn render(app: &App, p: &Picker, f: &mut Frame, area: Rect) {
    let th = Theme::new(app.color);
    let r = centered(
        area,
        area.width.saturating_sub(8).min(100),
        area.height.saturating_sub(4),
    );
    f.render_widget(Clear, r);
    let block = frame_block(safe_line(&p.title).into_owned(), &th);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [filter_area, list_area, hint_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let (lines, (cx, _)) = p.filter.view(filter_area.width.saturating_sub(2), 1);
    f.render_widget(
        Paragraph::new(format!("/ {}", lines.first().cloned().unwrap_or_default())),
        filter_area,
    );
    f.set_cursor_position((filter_area.x + 2 + cx, filter_area.y));
    let h = list_area.height as usize;
    let off = p.cursor.saturating_sub(h.saturating_sub(1));
    let rows: Vec<Line> = p
        .visible
        .iter()
        .skip(off)
        .take(h)
        .enumerate()
        .filter_map(|(i, &ix)| {
            let it = p.items.get(ix)?;
            let style = if i + off == p.cursor {
                th.selected()
            } else {
                Style::default()
            };
            Some(Line::from(Span::styled(
                safe_line(&it.label).into_owned(),
                style,
            )))
        })
        .collect();
    if rows.is_empty() {
        f.render_widget(
            Paragraph::new(app.t("(intet at vælge)", "(nothing to choose)")),
            list_area,
        );
    } else {
        f.render_widget(Paragraph::new(rows), list_area);
    }
    f.render_widget(
        Paragraph::new(Span::styled(
            app.t(
                "Skriv for at filtrere · ↑/↓ · Enter vælger · Esc fortryder",
                "Type to filter · ↑/↓ · Enter picks · Esc cancels",
            ),
            th.hint(),
        )),
        hint_area,
    );
}

/// A key in the picker.
pub(super) fn key(app: &mut App, mut p: Picker, ev: KeyEvent) {
    match keymap::lookup(&[KEYS], &ev) {
        Some(Action::Back) => {}
        Some(Action::Open) => {
            if let Some(item) = p.selected() {
                let id = item.id.clone();
                screens::picked(app, p.then, &id);
            }
        }
        Some(Action::Up) => {
            p.cursor = p.cursor.saturating_sub(1);
            app.popups.push(Popup::Picker(p));
        }
        Some(Action::Down) => {
            p.cursor = (p.cursor + 1).min(p.visible.len().saturating_sub(1));
            app.popups.push(Popup::Picker(p));
        }
        _ => {
            p.filter.handle_key(ev);
            p.refilter();
            app.popups.push(Popup::Picker(p));
        }
    }
}
