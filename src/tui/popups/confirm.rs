//! The yes/no question: Enter or j/y answers yes with the intent it carries, n or Esc no.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{centered, frame_block, wrapped_rows};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::intent::Intent;
use crate::tui::keymap::{self, Binding, bind, ch, key as k};
use crate::tui::popup::Popup;
use crate::tui::text::safe_block;
use crate::tui::theme::Theme;

/// The question's keys: its key handling and the help read this table (the hint in the box says
/// the same in short).
pub const KEYS: &[Binding] = &[
    bind(
        &[ch('j'), ch('J'), ch('y'), ch('Y'), k(KeyCode::Enter)],
        Action::Yes,
        "Ja",
        "Yes",
    ),
    bind(
        &[ch('n'), ch('N'), k(KeyCode::Esc)],
        Action::No,
        "Nej",
        "No",
    ),
];

/// Draws the question.
pub(super) fn render(app: &App, text: &str, f: &mut Frame, area: Rect) {
    let th = Theme::new(app.color);
    // Line breaks in the text are kept; the box grows to fit the wrapped text.
    let text = safe_block(text).into_owned();
    let rows: u16 = text.lines().map(|l| wrapped_rows(l, 58)).sum();
    let r = centered(area, 60, rows.saturating_add(4).max(7));
    f.render_widget(Clear, r);
    let mut lines: Vec<Line> = text.lines().map(|l| Line::from(l.to_string())).collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        app.t("j/Enter = ja   n/Esc = nej", "y/Enter = yes   n/Esc = no"),
        th.hint(),
    )));
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(frame_block(app.t("Bekræft", "Confirm").into(), &th)),
        r,
    );
}

/// A key on the question.
pub(super) fn key(app: &mut App, text: String, then: Intent, ev: KeyEvent) {
    match keymap::lookup(&[KEYS], &ev) {
        Some(Action::Yes) => app.confirmed(then),
        Some(Action::No) => {}
        _ => app.popups.push(Popup::Confirm { text, then }),
    }
}
