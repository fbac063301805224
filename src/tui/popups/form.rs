//! A form as a popup: its fields drawn with their labels and errors; its keys go to the form, and
//! what it asks for (save, cancel, pick a record for a field) is done here.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{Picker, PickerItem, centered, frame_block};
use crate::i18n::Label;
use crate::tui::app::App;
use crate::tui::form::{FieldKind, Form, FormEvent, RefKind};
use crate::tui::intent::{AppIntent, ForumsIntent, Intent};
use crate::tui::popup::Popup;
use crate::tui::screens;
use crate::tui::text::safe_line;
use crate::tui::theme::Theme;

/// A key in the form.
pub(super) fn key(app: &mut App, mut f: Form, ev: KeyEvent) {
    match f.handle_key(ev) {
        FormEvent::Nothing => app.popups.push(Popup::Form(f)),
        FormEvent::Cancel => {
            if f.is_dirty() {
                app.popups.push(Popup::Form(f));
                app.confirm(
                    app.t(
                        "Kassér det indtastede? (j/n)",
                        "Discard what you typed? (y/n)",
                    ),
                    Intent::App(AppIntent::DiscardForm),
                );
            }
        }
        FormEvent::Submit => {
            if !f.validate(app.today, app.lang) {
                f.error = Some(
                    app.t(
                        "Ret de markerede felter; intet er gemt endnu.",
                        "Fix the marked fields; nothing is saved yet.",
                    )
                    .into(),
                );
                app.popups.push(Popup::Form(f));
                return;
            }
            // The form stays underneath while the screen saves it, so a conflict
            // dialog or an error keeps what was typed.
            let depth = app.popups.len();
            let pinned = app.pin_base(&f.base);
            let result = screens::submit(app, &mut f);
            app.unpin_base(pinned);
            if let Err(msg) = result {
                f.error = Some(msg);
                app.popups.insert(depth, Popup::Form(f));
            }
        }
        FormEvent::Pick(r) => {
            let key = f.focused().map(|x| x.key).unwrap_or("").to_string();
            let mut items = ref_items(app, r);
            if let (RefKind::Forum, Intent::Forums(ForumsIntent::Edit { forum: Some(me) })) =
                (r, &f.intent)
            {
                // A forum's parent: never itself or a forum below it (a cycle).
                let below = screens::forums::self_and_below(&app.ws, me);
                items.retain(|i| !below.contains(&i.id));
            }
            let title = f.focused().map(|x| x.label.clone()).unwrap_or_default();
            app.popups.push(Popup::Form(f));
            app.popups.push(Popup::Picker(Picker::new(
                &title,
                items,
                Intent::App(AppIntent::FillField { key }),
            )));
        }
    }
}

/// The records a reference field can point to, for its picker.
fn ref_items(app: &App, r: RefKind) -> Vec<PickerItem> {
    match r {
        RefKind::Forum => app
            .ws
            .forums
            .iter()
            .map(|f| PickerItem::new(&f.id, &format!("{} ({})", f.name, f.short_name)))
            .collect(),
        RefKind::Initiative => app
            .ws
            .initiatives
            .iter()
            .map(|i| PickerItem::new(&i.id, &format!("{} {} ({})", i.id, i.name, i.ministry)))
            .collect(),
        RefKind::Case => app
            .ws
            .cases
            .iter()
            .map(|c| {
                PickerItem::new(
                    &c.id,
                    &format!("{} {} [{}]", c.id, c.title, c.state.label(app.lang)),
                )
            })
            .collect(),
    }
}

/// Draws the form.
pub(super) fn render(app: &App, form: &Form, f: &mut Frame, area: Rect, th: &Theme) {
    let r = centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    f.render_widget(Clear, r);
    let block = frame_block(safe_line(&form.title).into_owned(), th);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let label_w = form
        .fields
        .iter()
        .map(|x| unicode_width::UnicodeWidthStr::width(x.label.as_str()))
        .max()
        .unwrap_or(10)
        .min(26) as u16
        + 2;
    let [body, err_area, hint_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    // Heights: multi-line fields share what is left after one row per other field.
    let n_multi = form
        .fields
        .iter()
        .filter(|x| x.kind == FieldKind::Multiline)
        .count() as u16;
    let singles = form.fields.len() as u16 - n_multi;
    let errors = form.fields.iter().filter(|x| x.error.is_some()).count() as u16;
    let spare = body.height.saturating_sub(singles + errors);
    let multi_h = spare.checked_div(n_multi).map_or(0, |h| h.clamp(1, 8));
    // Scroll the form so the focused field is visible.
    let heights: Vec<u16> = form
        .fields
        .iter()
        .map(|x| {
            (if x.kind == FieldKind::Multiline {
                multi_h
            } else {
                1
            }) + u16::from(x.error.is_some())
        })
        .collect();
    if heights.is_empty() {
        return;
    }
    let mut start = 0;
    loop {
        let used: u16 = heights[start..=form.focus.min(heights.len().saturating_sub(1))]
            .iter()
            .sum();
        if used <= body.height || start >= form.focus {
            break;
        }
        start += 1;
    }
    let mut y = body.y;
    let value_w = body.width.saturating_sub(label_w + 1);
    for (i, field) in form.fields.iter().enumerate().skip(start) {
        let h = if field.kind == FieldKind::Multiline {
            multi_h
        } else {
            1
        };
        if y + h > body.y + body.height {
            break;
        }
        let focused = i == form.focus;
        let label_style = if focused { th.key() } else { Style::default() };
        let mark = if field.required { "*" } else { "" };
        let label = Paragraph::new(Span::styled(format!("{}{mark}", field.label), label_style));
        // A long label of a multi-line field wraps within the field's rows; a one-row field's
        // label is cut as it is (its leading spaces kept).
        let label = if h > 1 {
            label.wrap(Wrap { trim: true })
        } else {
            label
        };
        f.render_widget(label, Rect::new(body.x, y, label_w, h));
        let va = Rect::new(body.x + label_w + 1, y, value_w, h);
        match &field.kind {
            FieldKind::Choice(_) => {
                let s = format!("◀ {} ▶", field.display());
                let st = if focused {
                    th.selected()
                } else {
                    Style::default()
                };
                f.render_widget(Paragraph::new(Span::styled(s, st)), va);
            }
            FieldKind::Ref(_) => {
                let v = field.value();
                let shown = if v.is_empty() {
                    app.t("(Enter vælger)", "(Enter picks)").to_string()
                } else {
                    format!(
                        "{} {}",
                        safe_line(&v),
                        app.t("(Enter skifter)", "(Enter changes)")
                    )
                };
                let st = if focused {
                    th.selected()
                } else {
                    Style::default()
                };
                f.render_widget(Paragraph::new(Span::styled(shown, st)), va);
            }
            _ => {
                let (lines, (cx, cy)) = if focused {
                    field.input.view(va.width, va.height)
                } else {
                    (field.input.view_top(va.width, va.height), (0, 0))
                };
                let st = if focused {
                    th.input_focused()
                } else {
                    th.input()
                };
                let text: Vec<Line> = lines
                    .into_iter()
                    .map(|l| Line::from(Span::styled(safe_line(&l).into_owned(), st)))
                    .collect();
                f.render_widget(Paragraph::new(text).style(st), va);
                if focused {
                    f.set_cursor_position((va.x + cx, va.y + cy));
                }
            }
        }
        y += h;
        if let Some(e) = &field.error
            && y < body.y + body.height
        {
            f.render_widget(
                Paragraph::new(Span::styled(format!("↳ {}", safe_line(e)), th.error())),
                Rect::new(body.x + label_w + 1, y, value_w, 1),
            );
            y += 1;
        }
    }
    if let Some(e) = &form.error {
        f.render_widget(
            Paragraph::new(Span::styled(safe_line(e).into_owned(), th.error())),
            err_area,
        );
    }
    f.render_widget(
        Paragraph::new(Span::styled(
            app.t(
                "Ctrl-s gemmer · Tab/↑/↓ skifter felt · ←/→ vælger · Esc lukker",
                "Ctrl-s saves · Tab/↑/↓ next field · ←/→ choose · Esc closes",
            ),
            th.hint().add_modifier(Modifier::DIM),
        )),
        hint_area,
    );
}
