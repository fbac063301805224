//! The `?` help: every key table that applies now, with what each key does; it scrolls, any other
//! key closes it.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{DIALOGS, centered, frame_block, scrolled};
use crate::tui::app::App;
use crate::tui::keymap::Binding;
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
    // A long description wraps under itself, not under the key.
    let desc_w = (r.width as usize).saturating_sub(2 + 18).max(20);
    let bindings = |lines: &mut Vec<Line<'static>>, table: &[Binding]| {
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
    };
    let tables = app.tables();
    let last = tables.len().saturating_sub(1);
    for (i, (t, table)) in titles.iter().zip(tables).enumerate() {
        // Each popup's keys under its name, before the keys that work in them too (the last
        // table: Ctrl-q / Ctrl-c).
        if i == last {
            lines.push(Line::from(Span::styled(
                app.t("I dialoger", "In dialogs"),
                th.title(),
            )));
            for d in DIALOGS {
                lines.push(Line::from(Span::styled(
                    format!(" {}", d.name(app.lang)),
                    th.hint(),
                )));
                bindings(&mut lines, d.keys);
            }
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(t.to_string(), th.title())));
        bindings(&mut lines, table);
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
    // (the help is 76 wide, 56 for descriptions); the dialogs' section: a heading, a name per
    // popup and a blank line; and the line on forms.
    let rows = |t: &[Binding]| {
        t.iter()
            .map(|b| crate::tui::text::wrap_words(b.describe(app.lang), 56).len())
            .sum::<usize>()
    };
    let tables: usize = app.tables().iter().map(|t| rows(t) + 2).sum();
    let dialogs: usize = DIALOGS.iter().map(|d| rows(d.keys) + 1).sum::<usize>() + 2;
    let n = tables + dialogs + 2;
    u16::try_from(n).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use crate::model::Language;
    use crate::tui::app::App;
    use crate::tui::testing::{demo_app, demo_app_lang, press, screen};

    /// Every page of the help on the Cases screen, paged through with PgDn from the top.
    fn paged(app: &mut App) -> String {
        press(app, &["3", "?"]);
        let mut seen = String::new();
        for _ in 0..20 {
            seen.push_str(&screen(app, 80, 24));
            press(app, &["PageDown"]);
        }
        seen
    }

    /// The help lists each popup's keys under its name, and scrolled to its end it still shows its
    /// last line: the line count that stops the scrolling counts the dialogs' section.
    #[test]
    fn the_help_lists_every_dialogs_keys_and_scrolls_to_its_end() {
        let (_d, mut app) = demo_app();
        let seen = paged(&mut app);
        assert!(seen.contains("I dialoger"), "{seen}");
        for d in super::DIALOGS {
            assert!(seen.contains(d.da), "{}", d.da);
            for b in d.keys {
                assert!(seen.contains(b.da), "{}: {}", d.da, b.da);
                assert!(seen.contains(&b.key_names()), "{}: {}", d.da, b.key_names());
            }
        }
        press(&mut app, &["End"]);
        let s = screen(&mut app, 80, 24);
        assert!(s.contains("Afslut straks"), "{s}");
        assert!(s.contains("I formularer: Tab"), "{s}");

        let (_d, mut app) = demo_app_lang(Some(Language::En));
        let seen = paged(&mut app);
        assert!(seen.contains("In dialogs"), "{seen}");
        for d in super::DIALOGS {
            assert!(seen.contains(d.en), "{}", d.en);
        }
        press(&mut app, &["End"]);
        let s = screen(&mut app, 80, 24);
        assert!(s.contains("In forms: Tab"), "{s}");
    }
}
