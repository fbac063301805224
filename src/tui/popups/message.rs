//! A long text in a box: a message, or a preview that asks (Enter answers yes, Esc closes).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{centered, frame_block, scrolled, wrapped_rows};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::intent::Intent;
use crate::tui::keymap::{self, Binding, bind, key as k};
use crate::tui::popup::Popup;
use crate::tui::text::safe_block;
use crate::tui::theme::Theme;

/// The box's keys besides the scrolling ones ([`super::SCROLL`]): its key handling and the help
/// read this table. A message closes on any key that does not scroll; a preview that asks only
/// on these.
pub const KEYS: &[Binding] = &[
    bind(
        &[k(KeyCode::Enter)],
        Action::Yes,
        "Ja (en forhåndsvisning der spørger)",
        "Yes (a preview that asks)",
    ),
    bind(&[k(KeyCode::Esc)], Action::Back, "Luk", "Close"),
];

/// Draws the box, scrolled down `scroll` rows; `then` is the answer of a preview that asks.
pub(super) fn render(
    app: &App,
    title: &str,
    text: &str,
    scroll: u16,
    then: Option<&Intent>,
    f: &mut Frame,
    area: Rect,
) {
    let th = Theme::new(app.color);
    let r = centered(area, 76, area.height.saturating_sub(4));
    f.render_widget(Clear, r);
    let keys = if then.is_some() {
        app.t("Enter = ja · Esc lukker", "Enter = yes · Esc closes")
    } else {
        app.t("Esc lukker", "Esc closes")
    };
    f.render_widget(
        Paragraph::new(safe_block(text).into_owned())
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(frame_block(format!("{title} · {keys}"), &th)),
        r,
    );
}

/// A key on the box.
pub(super) fn key(
    app: &mut App,
    title: String,
    text: String,
    scroll: u16,
    then: Option<Intent>,
    ev: KeyEvent,
) {
    // Rows as drawn: the box is 76 wide, 74 inside; long lines wrap.
    let rows: usize = text.lines().map(|l| usize::from(wrapped_rows(l, 74))).sum();
    let max = u16::try_from(rows).unwrap_or(u16::MAX);
    if let Some(scroll) = scrolled(ev, scroll, max, app.page) {
        app.popups.push(Popup::Message {
            title,
            text,
            scroll,
            then,
        });
    } else if let Some(then) = then {
        match keymap::lookup(&[KEYS], &ev) {
            Some(Action::Yes) => app.confirmed(then),
            Some(Action::Back) => {}
            // A preview that asks stays until it is answered.
            _ => app.popups.push(Popup::Message {
                title,
                text,
                scroll,
                then: Some(then),
            }),
        }
    }
}
