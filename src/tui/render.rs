//! Drawing one frame: the tab bar, the current screen (its list or the open record), the message
//! line, the status bar, and the popups on top. Reads the state; changes nothing.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::app::{App, ScreenId, Tone};
use super::popup;
use super::screens;
use super::text::safe_line;
use super::theme::Theme;
use crate::model::Language;

/// The smallest terminal the program draws in.
pub const MIN_W: u16 = 80;
pub const MIN_H: u16 = 24;

/// Draws the whole UI.
pub fn draw(app: &App, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_W || area.height < MIN_H {
        let msg = vec![
            Line::from(app.t("Terminalen er for lille", "Terminal too small")),
            Line::from(format!(
                "{} {MIN_W}x{MIN_H}, {} {}x{}",
                app.t("kræver", "needs"),
                app.t("har", "has"),
                area.width,
                area.height
            )),
        ];
        f.render_widget(Paragraph::new(msg), area);
        return;
    }
    let th = Theme::new(app.color);
    // A long message takes the rows it needs (up to three), so it is never cut off.
    let msg_rows = match (&app.message, &app.view().filter_input) {
        (Some((m, _)), None) => popup::wrapped_rows(&safe_line(m), area.width as usize).min(3),
        _ => 1,
    };
    let [tabs, body, msg, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(msg_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tabs(app, f, tabs, &th);
    screens::render(app, f, body);
    draw_message(app, f, msg, &th);
    draw_status(app, f, status, &th);
    for p in &app.popups {
        popup::render(app, p, f, area);
    }
}

fn draw_tabs(app: &App, f: &mut Frame, area: Rect, th: &Theme) {
    let mut spans = vec![];
    for s in ScreenId::ALL {
        spans.push(Span::styled(
            format!(" {} {} ", s.number(), s.name(app.lang)),
            th.tab(s == app.screen),
        ));
        spans.push(Span::raw(" "));
    }
    for (s, k) in [(ScreenId::Forums, 'F'), (ScreenId::FollowUp, 'O')] {
        if app.screen == s {
            spans.push(Span::styled(
                format!(" {k} {} ", s.name(app.lang)),
                th.tab(true),
            ));
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_message(app: &App, f: &mut Frame, area: Rect, th: &Theme) {
    let v = app.view();
    if let Some(input) = &v.filter_input {
        let (l, (cx, _)) = input.view(area.width.saturating_sub(12), 1);
        let label = app.t("Filtrér: ", "Filter: ");
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(label, th.key()),
                Span::raw(l.first().cloned().unwrap_or_default()),
            ])),
            area,
        );
        let lw = unicode_width::UnicodeWidthStr::width(label) as u16;
        if app.popups.is_empty() {
            f.set_cursor_position((area.x + lw + cx, area.y));
        }
        return;
    }
    if let Some((m, tone)) = &app.message {
        let st = match tone {
            Tone::Info => th.title(),
            Tone::Success => th.ok(),
            Tone::Error => th.error(),
        };
        f.render_widget(
            Paragraph::new(Span::styled(safe_line(m).into_owned(), st))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
    } else if !v.list.filter.is_empty() && v.detail.is_none() {
        f.render_widget(
            Paragraph::new(Span::styled(
                format!(
                    "{} \"{}\" · {} {} · Esc {}",
                    app.t("Filter", "Filter"),
                    safe_line(&v.list.filter),
                    v.list.visible.len(),
                    app.t("rækker", "rows"),
                    app.t("rydder", "clears")
                ),
                th.hint(),
            )),
            area,
        );
    }
}

fn draw_status(app: &App, f: &mut Frame, area: Rect, th: &Theme) {
    let name = if app.ws.settings.name.is_empty() {
        app.root().display().to_string()
    } else {
        app.ws.settings.name.clone()
    };
    // The workspace's name gives way to the keys on a narrow terminal.
    let name = super::text::truncate(&safe_line(&name), (area.width as usize / 4).max(12));
    let left = match app.sync.ahead_behind {
        Some((ahead, behind)) => format!(
            " {name} · {} · ↑{ahead} ↓{behind} ",
            safe_line(app.store.user())
        ),
        None => format!(" {name} · {} ", safe_line(app.store.user())),
    };
    // As many of the screen's keys as fit, then always "? keys" and "q quit".
    let tail = format!(
        "? {} · q {}",
        app.t("taster", "keys"),
        app.t("afslut", "quit")
    );
    let room = (area.width as usize)
        .saturating_sub(super::text::str_width(&left) + 1 + super::text::str_width(&tail) + 3);
    // The screen's own table (the economy view's while it is shown).
    let own = app.tables().first().copied().unwrap_or_default();
    let mut hints = String::new();
    for b in own {
        let h = format!("{} {} · ", b.key_names(), b.describe(app.lang));
        if super::text::str_width(&hints) + super::text::str_width(&h) > room {
            break;
        }
        hints.push_str(&h);
    }
    let right = format!("{hints}{tail}");
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(left, th.tab(true)),
            Span::raw(" "),
            Span::styled(right, th.hint()),
        ])),
        area,
    );
}

/// Draws a screen's list (the header row, a page of rows, the cursor) into `area`.
pub fn draw_list(app: &App, s: ScreenId, f: &mut Frame, area: Rect, title: &str) {
    let th = Theme::new(app.color);
    let v = app.view_of(s);
    let [head, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let count = if v.list.filter.is_empty() {
        format!("{}", v.model.rows.len())
    } else {
        format!("{} / {}", v.list.visible.len(), v.model.rows.len())
    };
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(title.to_string(), th.title()),
            Span::styled(format!("  ({count})"), th.hint()),
        ])),
        head,
    );
    let height = table_area.height.saturating_sub(1) as usize;
    let mut list = v.list.clone();
    list.scroll_into_view(height);
    let rows: Vec<Row> = list
        .visible
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(height)
        .filter_map(|(i, &ix)| {
            let r = v.model.rows.get(ix)?;
            let row = Row::new(r.cells.iter().cloned().map(Cell::from));
            Some(if i == list.cursor {
                row.style(th.selected())
            } else {
                row
            })
        })
        .collect();
    if rows.is_empty() {
        let key_for = |a: crate::tui::action::Action| {
            super::screens::keys(s, false)
                .iter()
                .find(|b| b.action == a)
                .map(|b| b.keys.first().map(|k| k.name()).unwrap_or_default())
        };
        let owned;
        let text = if v.model.rows.is_empty() {
            // An empty list because of the chosen view is not an empty workspace.
            match (v.mode, key_for(crate::tui::action::Action::CycleCategory)) {
                (1.., Some(k)) => {
                    owned = match app.lang {
                        Language::Da => format!("Intet i denne visning. [{k}] skifter visning."),
                        Language::En => format!("Nothing in this view. [{k}] changes the view."),
                    };
                    owned.as_str()
                }
                _ => match key_for(crate::tui::action::Action::New) {
                    Some(k) => {
                        owned = match app.lang {
                            Language::Da => format!("Ingen endnu. [{k}] opretter en."),
                            Language::En => format!("None yet. [{k}] creates one."),
                        };
                        owned.as_str()
                    }
                    None => app.t("Ingen endnu.", "None yet."),
                },
            }
        } else {
            app.t(
                "Intet passer til filteret. Esc rydder.",
                "Nothing matches the filter. Esc clears.",
            )
        };
        f.render_widget(Paragraph::new(Span::styled(text, th.hint())), table_area);
        return;
    }
    let header = Row::new(v.model.headers.iter().map(|h| Cell::from(*h))).style(th.header());
    f.render_widget(
        Table::new(rows, v.model.widths.clone())
            .header(header)
            .column_spacing(1),
        table_area,
    );
    // Rows of a single cell are headings: drawn across the whole width.
    for (n, (i, &ix)) in list
        .visible
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(height)
        .enumerate()
    {
        if let Some(r) = v.model.rows.get(ix)
            && r.cells.len() == 1
            && let Some(line) = r.cells.first()
        {
            let y = table_area.y + 1 + n as u16;
            let area = Rect::new(table_area.x, y, table_area.width, 1);
            let mut p = Paragraph::new(line.clone());
            if i == list.cursor {
                p = p.style(th.selected());
            }
            f.render_widget(ratatui::widgets::Clear, area);
            f.render_widget(p, area);
        }
    }
}
