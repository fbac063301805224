//! The yes/no question: Enter or j/y answers yes with the intent it carries, n or Esc no.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{centered, frame_block, wrapped_rows};
use crate::tui::app::App;
use crate::tui::intent::Intent;
use crate::tui::popup::Popup;
use crate::tui::text::safe_block;
use crate::tui::theme::Theme;

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
    match ev.code {
        KeyCode::Char('y' | 'Y' | 'j' | 'J') | KeyCode::Enter => app.confirmed(then),
        KeyCode::Char('n' | 'N') | KeyCode::Esc => {}
        _ => app.popups.push(Popup::Confirm { text, then }),
    }
}
