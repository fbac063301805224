//! The offer of a form recovered after the program ended with unsaved input (a dropped
//! connection): j/y/Enter continues with it, n/Esc drops it.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{centered, frame_block};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::form::{Form, FormSnapshot};
use crate::tui::keymap::{self, Binding, bind, ch, key as k};
use crate::tui::popup::Popup;
use crate::tui::text::safe_line;
use crate::tui::theme::Theme;

/// The offer's keys: its key handling and the help read this table.
pub const KEYS: &[Binding] = &[
    bind(
        &[ch('j'), ch('J'), ch('y'), ch('Y'), k(KeyCode::Enter)],
        Action::Yes,
        "Fortsæt med det indtastede",
        "Continue with what was typed",
    ),
    bind(
        &[ch('n'), ch('N'), k(KeyCode::Esc)],
        Action::No,
        "Kassér det indtastede",
        "Drop what was typed",
    ),
];

/// Draws the offer.
pub(super) fn render(app: &App, s: &FormSnapshot, f: &mut Frame, area: Rect) {
    let th = Theme::new(app.color);
    let r = centered(area, 64, 9);
    f.render_widget(Clear, r);
    let lines = vec![
        Line::from(app.t(
            "Programmet sluttede, mens en formular havde ugemte ændringer:",
            "The program ended while a form had unsaved input:",
        )),
        Line::from(Span::styled(safe_line(&s.title).into_owned(), th.title())),
        Line::from(""),
        Line::from(app.t(
            "Vil du fortsætte med det indtastede? (j/n)",
            "Continue with what you typed? (y/n)",
        )),
    ];
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(frame_block(app.t("Gendan", "Recover").into(), &th)),
        r,
    );
}

/// A key on the offer.
pub(super) fn key(app: &mut App, snap: FormSnapshot, ev: KeyEvent) {
    match keymap::lookup(&[KEYS], &ev) {
        Some(Action::Yes) => {
            crate::tui::recovery::discard(app.store.root());
            app.popups.push(Popup::Form(Form::restore(snap)));
        }
        Some(Action::No) => {
            crate::tui::recovery::discard(app.store.root());
        }
        _ => app.popups.push(Popup::Recover(snap)),
    }
}
