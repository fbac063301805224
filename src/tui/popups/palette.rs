//! The command palette (`:`): every action by name, this screen's first; typing filters, Enter
//! runs the chosen one (going to its screen first when it belongs to another).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{centered, frame_block};
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId};
use crate::tui::keymap::{self, Binding, bind, key as k};
use crate::tui::popup::Popup;
use crate::tui::screens;
use crate::tui::theme::Theme;
use crate::tui::widgets::text_input::TextInput;

impl App {
    /// Every action by name whose description matches `query` (folded words): this screen's, the
    /// navigation and the global keys first, then the other screens' (choosing one of those goes
    /// to its screen first). Each comes with the screen it belongs to, when that is not this one.
    pub fn palette_entries(&self, query: &str) -> Vec<(Option<ScreenId>, Binding)> {
        let mut seen = std::collections::HashSet::new();
        let mut out = vec![];
        let here = self.tables().into_iter().map(|t| (None, t));
        let others = ScreenId::EVERY
            .into_iter()
            .filter(|s| *s != self.screen)
            .map(|s| (Some(s), screens::keys(s, false)));
        for (screen, table) in here.chain(others) {
            for b in table {
                let name = match screen {
                    Some(s) => format!("{} {}", s.name(self.lang), b.describe(self.lang)),
                    None => b.describe(self.lang).to_string(),
                };
                if seen.insert((screen, b.action))
                    && crate::tui::text::matches(query, &format!("{name} {}", b.key_names()))
                {
                    out.push((screen, *b));
                }
            }
        }
        out
    }
}

/// The palette's keys: its key handling and the help read this table; every other key goes to the
/// search.
pub const KEYS: &[Binding] = &[
    bind(&[k(KeyCode::Up)], Action::Up, "Op", "Up"),
    bind(&[k(KeyCode::Down)], Action::Down, "Ned", "Down"),
    bind(
        &[k(KeyCode::Enter)],
        Action::Open,
        "Udfør kommandoen",
        "Run the command",
    ),
    bind(&[k(KeyCode::Esc)], Action::Back, "Luk", "Close"),
];

/// Draws the palette.
pub(super) fn render(app: &App, input: &TextInput, cursor: usize, f: &mut Frame, area: Rect) {
    let th = Theme::new(app.color);
    let r = centered(area, 70, area.height.saturating_sub(4));
    f.render_widget(Clear, r);
    let block = frame_block(app.t("Kommandoer", "Commands").into(), &th);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [fa, la] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let (l, (cx, _)) = input.view(fa.width.saturating_sub(2), 1);
    f.render_widget(
        Paragraph::new(format!(": {}", l.first().cloned().unwrap_or_default())),
        fa,
    );
    f.set_cursor_position((fa.x + 2 + cx, fa.y));
    let entries = app.palette_entries(&input.value());
    let h = la.height as usize;
    let off = cursor.saturating_sub(h.saturating_sub(1));
    let rows: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(off)
        .take(h)
        .map(|(i, (screen, b))| {
            let st = if i == cursor {
                th.selected()
            } else {
                Style::default()
            };
            let name = match screen {
                Some(s) => format!("{}: {}", s.name(app.lang), b.describe(app.lang)),
                None => b.describe(app.lang).to_string(),
            };
            let name = crate::tui::text::truncate(&name, 44);
            let pad = 46usize.saturating_sub(crate::tui::text::str_width(&name));
            Line::from(vec![
                Span::styled(format!("{name}{}", " ".repeat(pad)), st),
                Span::styled(b.key_names(), th.key()),
            ])
        })
        .collect();
    f.render_widget(Paragraph::new(rows), la);
}

/// A key in the palette.
pub(super) fn key(app: &mut App, mut input: TextInput, cursor: usize, ev: KeyEvent) {
    let entries = app.palette_entries(&input.value());
    match keymap::lookup(&[KEYS], &ev) {
        Some(Action::Back) => {}
        Some(Action::Open) => {
            if let Some((screen, b)) = entries.get(cursor) {
                if let Some(s) = screen {
                    app.go(*s);
                }
                app.update(b.action);
            }
        }
        Some(Action::Up) => app.popups.push(Popup::Palette {
            input,
            cursor: cursor.saturating_sub(1),
        }),
        Some(Action::Down) => app.popups.push(Popup::Palette {
            input,
            cursor: (cursor + 1).min(entries.len().saturating_sub(1)),
        }),
        _ => {
            input.handle_key(ev);
            app.popups.push(Popup::Palette { input, cursor: 0 });
        }
    }
}
