//! The conflict dialog: a save refused because someone else changed the record, theirs beside
//! yours; r reloads theirs, c keeps yours as a copy, Esc goes back to the form. (A git sync's
//! conflict uses the same dialog with other keys: see tui/sync_ui.rs.)

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{centered, frame_block};
use crate::model::AnyRecord;
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, Tone};
use crate::tui::keymap::{self, Binding, bind, ch, key as k};
use crate::tui::popup::Popup;
use crate::tui::text::{safe_block, safe_line};
use crate::tui::theme::Theme;

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

/// The keys of a save's conflict: its key handling and the help read this table (the hint in the
/// dialog says the same in short, see `sync_ui::conflict_words`).
pub const KEYS: &[Binding] = &[
    bind(
        &[ch('r'), ch('R')],
        Action::Reload,
        "Indlæs kollegaens version (din kasseres)",
        "Reload theirs (yours is dropped)",
    ),
    bind(
        &[ch('c'), ch('C'), ch('k'), ch('K')],
        Action::KeepCopy,
        "Gem din som kopi",
        "Keep yours as a copy",
    ),
    bind(
        &[k(KeyCode::Esc)],
        Action::Back,
        "Tilbage til formularen",
        "Back to the form",
    ),
];

/// The keys of a git sync's conflict (handled in tui/sync_ui.rs).
pub const SYNC_KEYS: &[Binding] = &[
    bind(
        &[ch('t'), ch('T')],
        Action::TakeOther,
        "Tag den anden version",
        "Take theirs",
    ),
    bind(
        &[ch('m'), ch('M')],
        Action::KeepMine,
        "Behold min",
        "Keep mine",
    ),
    bind(
        &[ch('b'), ch('B'), ch('c'), ch('C')],
        Action::KeepBoth,
        "Behold begge (den anden som kopi)",
        "Keep both (theirs as a copy)",
    ),
    bind(&[k(KeyCode::Esc)], Action::Back, "Senere", "Later"),
];

/// Draws the dialog.
pub(super) fn render(app: &App, c: &Conflict, f: &mut Frame, area: Rect) {
    let th = Theme::new(app.color);
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
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
    let col = |title: &str, lines: &[String]| {
        let mut v = vec![Line::from(Span::styled(title.to_string(), th.title()))];
        v.extend(lines.iter().map(|s| Line::from(safe_line(s).into_owned())));
        Paragraph::new(v).wrap(Wrap { trim: false })
    };
    let (their_title, my_title, keys) = crate::tui::sync_ui::conflict_words(app, c);
    f.render_widget(col(their_title, &c.theirs), l);
    f.render_widget(col(my_title, &c.mine_lines), rr);
    f.render_widget(
        Paragraph::new(Span::styled(keys, th.key())).wrap(Wrap { trim: true }),
        hint,
    );
}

/// A key in the dialog of a save's conflict.
pub(super) fn key(app: &mut App, c: Conflict, ev: KeyEvent) {
    match keymap::lookup(&[KEYS], &ev) {
        Some(Action::Reload) => {
            app.close_form();
            app.reload();
            app.flash(
                app.t(
                    "Kollegaens version er indlæst; din blev ikke gemt.",
                    "Your colleague's version is loaded; yours was not saved.",
                ),
                Tone::Info,
            );
        }
        Some(Action::KeepCopy) => {
            app.close_form();
            app.keep_as_copy(c.mine);
        }
        // Back to the form, with everything typed still in it.
        Some(Action::Back) => {}
        _ => app.popups.push(Popup::Conflict(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use crate::tui::testing::demo_app_lang;

    /// The keys the dialog's hint names ("r = ...   c = ...   Esc = ...") are the keys of its
    /// table, in both languages, for a save's conflict and a sync's.
    #[test]
    fn the_hint_names_the_keys_of_the_table() {
        for lang in [Language::Da, Language::En] {
            let (_d, app) = demo_app_lang(Some(lang));
            for (sync, table) in [(None, KEYS), (Some("x.conflict.json".into()), SYNC_KEYS)] {
                let c = Conflict {
                    message: String::new(),
                    theirs: vec![],
                    mine_lines: vec![],
                    mine: vec![],
                    sync,
                };
                let (_, _, hint) = crate::tui::sync_ui::conflict_words(&app, &c);
                let named: Vec<&str> = hint
                    .split("   ")
                    .filter_map(|part| part.split(" = ").next())
                    .collect();
                let bound: Vec<String> = table
                    .iter()
                    .flat_map(|b| b.keys.iter().map(|k| k.name()))
                    .collect();
                assert_eq!(named.len(), table.len(), "{hint}");
                for n in named {
                    assert!(
                        bound.iter().any(|b| b == n),
                        "{n} in \"{hint}\" is not bound"
                    );
                }
            }
        }
    }
}
