//! The `?` help: every key table that applies now, with what each key does; it scrolls, any other
//! key closes it.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{centered, frame_block, scrolled};
use crate::tui::app::App;
use crate::tui::popup::Popup;
use crate::tui::theme::Theme;

/// Draws the help, scrolled down `scroll` rows.
pub(super) fn render(app: &App, scroll: u16, f: &mut Frame, area: Rect) {
    let th = Theme::new(app.color);
    let r = centered(area, 76, area.height.saturating_sub(2));
    f.render_widget(Clear, r);
    let mut lines = vec![];
    let titles = [
        app.t("Denne skærm", "This screen"),
        app.t("Bevægelse", "Moving"),
        app.t("Overalt", "Everywhere"),
        app.t("Også i formularer og dialoger", "In forms and dialogs too"),
    ];
    for (t, table) in titles.iter().zip(app.tables()) {
        lines.push(Line::from(Span::styled(t.to_string(), th.title())));
        // A long description wraps under itself, not under the key.
        let desc_w = (r.width as usize).saturating_sub(2 + 18).max(20);
        for b in table {
            let desc = crate::tui::text::wrap_words(b.describe(app.lang), desc_w);
            for (k, part) in desc.into_iter().enumerate() {
                let key = if k == 0 { b.key_names() } else { String::new() };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {key:<16}"), th.key()),
                    Span::raw(part),
                ]));
            }
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(
        app.t(
            "I formularer: Tab/↑/↓ skifter felt · Ctrl-s gemmer · Esc lukker · ←/→ vælger",
            "In forms: Tab/↑/↓ move between fields · Ctrl-s saves · Esc closes · ←/→ choose",
        ),
        th.hint(),
    )));
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(frame_block(
                app.t(
                    "Taster · j/k/PgDn ruller · Esc lukker",
                    "Keys · j/k/PgDn scroll · Esc closes",
                )
                .into(),
                &th,
            )),
        r,
    );
}

/// A key on the help: a scrolling key scrolls, any other closes it.
pub(super) fn key(app: &mut App, scroll: u16, ev: KeyEvent) {
    if let Some(scroll) = scrolled(ev, scroll, lines(app), app.page) {
        app.popups.push(Popup::Help { scroll });
    }
}
/// How many lines the help has (to stop its scrolling at the end).
pub(super) fn lines(app: &App) -> u16 {
    // As drawn: a heading and a blank line per table, a long description on several rows
    // (the help is 76 wide, 56 for descriptions), and the line on forms.
    let n: usize = app
        .tables()
        .iter()
        .map(|t| {
            t.iter()
                .map(|b| crate::tui::text::wrap_words(b.describe(app.lang), 56).len())
                .sum::<usize>()
                + 2
        })
        .sum::<usize>()
        + 2;
    u16::try_from(n).unwrap_or(u16::MAX)
}
