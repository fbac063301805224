//! Popups stacked over the screen; the top one gets the keys: forms, confirmations, pickers, the
//! help and the command palette, messages, the conflict dialog and the recovery offer.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::App;
use super::form::{FieldKind, Form, FormSnapshot};
use super::intent::Intent;
use super::text::{fold, matches_folded, safe_block, safe_line};
use super::theme::Theme;
use super::widgets::text_input::TextInput;
use crate::model::AnyRecord;
use crate::store::Change;

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

/// A save refused because someone else changed the record: theirs beside yours.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub message: String,
    pub theirs: Vec<String>,
    pub mine_lines: Vec<String>,
    pub mine: Vec<Change>,
    /// A conflict a git sync kept (the conflict record's path): settled with take theirs /
    /// keep mine / keep both as a copy instead of a form's keys (see tui/sync_ui.rs).
    pub sync: Option<std::path::PathBuf>,
}

impl Conflict {
    pub fn new(app: &App, message: &str, mine: Vec<Change>) -> Conflict {
        let (mut theirs, mut mine_lines) = (vec![], vec![]);
        for c in &mine {
            let r = c.record();
            let on_disk = crate::store::read_regular(&app.store.path_of(r.kind(), r.id()))
                .ok()
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
            let ours = record_json(r);
            for (k, v) in ours.as_object().into_iter().flatten() {
                if matches!(
                    k.as_str(),
                    "revision" | "updated" | "created" | "schema_version"
                ) {
                    continue;
                }
                let t = on_disk.as_ref().and_then(|d| d.get(k));
                if t != Some(v) {
                    let name = field_name(app, k);
                    theirs.push(format!("{name}: {}", short(app, t)));
                    mine_lines.push(format!("{name}: {}", short(app, Some(v))));
                }
            }
            if on_disk.is_none() {
                theirs.push(app.t("(slettet)", "(deleted)").into());
            }
        }
        Conflict {
            message: message.into(),
            theirs,
            mine_lines,
            mine,
            sync: None,
        }
    }
}

pub(crate) fn record_json(r: &AnyRecord) -> serde_json::Value {
    let v = match r {
        AnyRecord::Forum(x) => serde_json::to_value(x),
        AnyRecord::Initiative(x) => serde_json::to_value(x),
        AnyRecord::Case(x) => serde_json::to_value(x),
        AnyRecord::Meeting(x) => serde_json::to_value(x),
        AnyRecord::Consultation(x) => serde_json::to_value(x),
        AnyRecord::Decision(x) => serde_json::to_value(x),
    };
    v.unwrap_or(serde_json::Value::Null)
}

/// A stored field's name in the user's words (the JSON key when there is none).
pub(crate) fn field_name<'a>(app: &App, key: &'a str) -> &'a str {
    let pair = match key {
        "title" => ("Titel", "Title"),
        "name" => ("Navn", "Name"),
        "kind" => ("Art", "Kind"),
        "state" => ("Tilstand", "State"),
        "forum" => ("Forum", "Forum"),
        "initiative" => ("Initiativ", "Initiative"),
        "recommendation" => ("Indstilling", "Recommendation"),
        "background" => ("Sagsfremstilling", "Background"),
        "attachments" => ("Bilag", "Attachments"),
        "history" => ("Historik", "History"),
        "items" => ("Dagsordenspunkter", "Agenda items"),
        "attendance" => ("Fremmøde", "Attendance"),
        "date" => ("Dato", "Date"),
        "start" => ("Start", "Start"),
        "end" => ("Slut", "End"),
        "place" => ("Sted", "Place"),
        "subject" => ("Emne", "Subject"),
        "deadline" => ("Svarfrist", "Deadline"),
        "replies" => ("Svar", "Replies"),
        "cases" => ("Sager", "Cases"),
        "text" => ("Tekst", "Text"),
        "members" => ("Medlemmer", "Members"),
        "reports" => ("Statusrapporter", "Status reports"),
        "ministry" => ("Ministerium", "Ministry"),
        "lifecycle" => ("Livscyklus", "Lifecycle"),
        "comments" => ("Øvrige kommentarer", "Comments"),
        "id" => ("Id", "Id"),
        "at" => ("Tid", "At"),
        "by" => ("Af", "By"),
        "created" => ("Oprettet", "Created"),
        "updated" => ("Ændret", "Updated"),
        _ => return key,
    };
    app.t(pair.0, pair.1)
}

/// A field's value for the conflict dialog: text as it is, lists and objects by their size.
pub(crate) fn short(app: &App, v: Option<&serde_json::Value>) -> String {
    match v {
        None => "—".into(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Array(a)) => {
            format!("({} {})", a.len(), app.t("punkter", "entries"))
        }
        Some(serde_json::Value::Object(_)) => app.t("(ændret)", "(changed)").into(),
        Some(serde_json::Value::Bool(b)) => if *b {
            app.t("ja", "yes")
        } else {
            app.t("nej", "no")
        }
        .into(),
        Some(serde_json::Value::Null) => "—".into(),
        Some(v) => v.to_string(),
    }
}

/// The popups.
#[derive(Debug, Clone)]
pub enum Popup {
    Form(Form),
    Confirm {
        text: String,
        then: Intent,
    },
    Picker(Picker),
    Help {
        scroll: u16,
    },
    Palette {
        input: TextInput,
        cursor: usize,
    },
    Message {
        title: String,
        text: String,
        scroll: u16,
        /// A preview that asks: Enter answers yes with this, Esc closes without.
        then: Option<Intent>,
    },
    Conflict(Conflict),
    Recover(FormSnapshot),
    /// A record's history page (tui/history_ui.rs).
    History(super::history_ui::HistoryView),
}

/// A rectangle of `w` x `h` centred in `area` (clamped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// How many rows `line` takes when word-wrapped to `width` columns (at least one).
pub(crate) fn wrapped_rows(line: &str, width: usize) -> u16 {
    let mut rows = 1u16;
    let mut used = 0usize;
    for word in line.split(' ') {
        let w = unicode_width::UnicodeWidthStr::width(word);
        let need = if used == 0 { w } else { used + 1 + w };
        if need <= width {
            used = need;
        } else {
            rows = rows.saturating_add(1 + (w / width.max(1)) as u16);
            used = w % width.max(1);
        }
    }
    rows
}

fn frame_block<'a>(title: String, th: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(th.popup_border())
        .title(Span::styled(format!(" {title} "), th.title()))
}

/// Draws one popup.
pub fn render(app: &App, p: &Popup, f: &mut Frame, area: Rect) {
    let th = Theme::new(app.color);
    match p {
        Popup::Form(form) => render_form(app, form, f, area, &th),
        Popup::Confirm { text, .. } => {
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
        Popup::Picker(p) => {
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
        Popup::Help { scroll } => {
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
                    let desc = super::text::wrap_words(b.describe(app.lang), desc_w);
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
                    .scroll((*scroll, 0))
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
        Popup::Palette { input, cursor } => {
            let r = centered(area, 70, area.height.saturating_sub(4));
            f.render_widget(Clear, r);
            let block = frame_block(app.t("Kommandoer", "Commands").into(), &th);
            let inner = block.inner(r);
            f.render_widget(block, r);
            let [fa, la] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
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
                    let st = if i == *cursor {
                        th.selected()
                    } else {
                        Style::default()
                    };
                    let name = match screen {
                        Some(s) => format!("{}: {}", s.name(app.lang), b.describe(app.lang)),
                        None => b.describe(app.lang).to_string(),
                    };
                    let name = super::text::truncate(&name, 44);
                    let pad = 46usize.saturating_sub(super::text::str_width(&name));
                    Line::from(vec![
                        Span::styled(format!("{name}{}", " ".repeat(pad)), st),
                        Span::styled(b.key_names(), th.key()),
                    ])
                })
                .collect();
            f.render_widget(Paragraph::new(rows), la);
        }
        Popup::Message {
            title,
            text,
            scroll,
            then,
        } => {
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
                    .scroll((*scroll, 0))
                    .block(frame_block(format!("{title} · {keys}"), &th)),
                r,
            );
        }
        Popup::Conflict(c) => {
            let r = centered(
                area,
                area.width.saturating_sub(4),
                area.height.saturating_sub(4),
            );
            f.render_widget(Clear, r);
            let block = frame_block(app.t("Konflikt", "Conflict").into(), &th);
            let inner = block.inner(r);
            f.render_widget(block, r);
            let [msg, body, hint] = Layout::vertical([
                Constraint::Length(2),
                Constraint::Min(1),
                Constraint::Length(2),
            ])
            .areas(inner);
            f.render_widget(
                Paragraph::new(safe_block(&c.message).into_owned()).wrap(Wrap { trim: true }),
                msg,
            );
            let [l, rr] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(body);
            let col = |title: &str, lines: &[String]| {
                let mut v = vec![Line::from(Span::styled(title.to_string(), th.title()))];
                v.extend(lines.iter().map(|s| Line::from(safe_line(s).into_owned())));
                Paragraph::new(v).wrap(Wrap { trim: false })
            };
            let (their_title, my_title, keys) = super::sync_ui::conflict_words(app, c);
            f.render_widget(col(their_title, &c.theirs), l);
            f.render_widget(col(my_title, &c.mine_lines), rr);
            f.render_widget(
                Paragraph::new(Span::styled(keys, th.key())).wrap(Wrap { trim: true }),
                hint,
            );
        }
        Popup::History(h) => super::history_ui::render(app, h, f, area),
        Popup::Recover(s) => {
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
    }
}

fn render_form(app: &App, form: &Form, f: &mut Frame, area: Rect, th: &Theme) {
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
