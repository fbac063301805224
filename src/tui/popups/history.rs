//! A record's history page (`L` on any record): who changed it when and which fields, from git
//! where the workspace is shared through it, else from the audit log; Enter shows the record as
//! it was at the chosen version, `a` a meeting's agenda as it was last dispatched. The core is
//! `sync::history`, shared with `secretariat history`.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use serde_json::Value;

use super::{Popup, centered, field_name};
use crate::model::RecordKind;
use crate::sync::history::{self, Source, Version};
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::keymap::{self, Binding};
use crate::tui::text::safe_line;
use crate::tui::theme::Theme;

/// The history page of one record.
#[derive(Debug, Clone)]
pub struct HistoryView {
    /// The record's file, relative to the workspace ("cases/S-2026-014.json").
    pub rel: PathBuf,
    /// "cases/S-2026-014".
    pub name: String,
    /// The meeting's id when the record is a meeting (`a` shows its agenda as dispatched).
    pub meeting: Option<String>,
    pub source: Source,
    /// Newest first.
    pub versions: Vec<Version>,
    pub cursor: usize,
}

/// The history page's keys: its footer and its key handling both read this table.
pub const KEYS: &[Binding] = &[
    keymap::bind(
        &[keymap::ch('j'), keymap::key(KeyCode::Down)],
        Action::Down,
        "Ned",
        "Down",
    ),
    keymap::bind(
        &[keymap::ch('k'), keymap::key(KeyCode::Up)],
        Action::Up,
        "Op",
        "Up",
    ),
    keymap::bind(
        &[keymap::key(KeyCode::Enter)],
        Action::Open,
        "Vis posten som den var",
        "Show the record as it was",
    ),
    keymap::bind(
        &[keymap::ch('a')],
        Action::AsDispatched,
        "Dagsordenen som udsendt",
        "The agenda as dispatched",
    ),
    keymap::bind(
        &[keymap::key(KeyCode::Esc), keymap::ch('q')],
        Action::Back,
        "Luk",
        "Close",
    ),
];

impl App {
    /// The record the user is on: the open one, else the one under the cursor.
    pub fn current_record(&self) -> Option<(RecordKind, String)> {
        let v = self.view();
        let id = match &v.detail {
            Some(d) => d.id.clone(),
            None => v
                .list
                .visible
                .get(v.list.cursor)
                .and_then(|&i| v.model.rows.get(i))
                .map(|r| r.id.clone())?,
        };
        let kind = match self.screen {
            ScreenId::Portfolio => RecordKind::Initiative,
            ScreenId::Cases => RecordKind::Case,
            ScreenId::Meetings => RecordKind::Meeting,
            ScreenId::Consultations => RecordKind::Consultation,
            ScreenId::Decisions => RecordKind::Decision,
            ScreenId::Forums => RecordKind::Forum,
            // "meeting:item:index": an action item lives in its meeting.
            ScreenId::FollowUp => {
                let meeting = id.split(':').next().unwrap_or("");
                return (!meeting.is_empty()).then(|| (RecordKind::Meeting, meeting.to_string()));
            }
            // "kind:id", or "follow:meeting:item:index".
            ScreenId::Overview => {
                let (kind, rest) = id.split_once(':')?;
                return match kind {
                    "follow" => rest
                        .split(':')
                        .next()
                        .map(|m| (RecordKind::Meeting, m.to_string())),
                    _ => RecordKind::ALL
                        .into_iter()
                        .find(|k| k.folder().trim_end_matches('s') == kind)
                        .map(|k| (k, rest.to_string())),
                };
            }
        };
        (!id.is_empty()).then_some((kind, id))
    }

    /// `L`: opens the history page of the record the user is on.
    pub fn open_history(&mut self) {
        let Some((kind, id)) = self.current_record() else {
            self.flash(
                self.t(
                    "Vælg en post (en sag, et møde, ...) for at se dens historik.",
                    "Choose a record (a case, a meeting, ...) to see its history.",
                ),
                Tone::Info,
            );
            return;
        };
        let rel = PathBuf::from(kind.folder()).join(format!("{id}.json"));
        match history::history(&self.store, &rel) {
            Ok((source, versions)) => self.popups.push(Popup::History(HistoryView {
                name: format!("{}/{id}", kind.folder()),
                meeting: (kind == RecordKind::Meeting).then_some(id),
                rel,
                source,
                versions,
                cursor: 0,
            })),
            Err(e) => self.flash(
                format!(
                    "{}: {e}",
                    self.t("Historikken kan ikke læses", "Cannot read the history")
                ),
                Tone::Error,
            ),
        }
    }

    /// A key on the history page.
    pub(crate) fn history_key(&mut self, mut h: HistoryView, ev: KeyEvent) {
        let Some(action) = keymap::lookup(&[KEYS], &ev) else {
            self.popups.push(Popup::History(h));
            return;
        };
        match action {
            Action::Back => return,
            Action::Down => h.cursor = (h.cursor + 1).min(h.versions.len().saturating_sub(1)),
            Action::Up => h.cursor = h.cursor.saturating_sub(1),
            Action::Open | Action::AsDispatched => {
                let shown = if action == Action::Open {
                    self.version_text(&h)
                } else {
                    self.dispatched_text(&h)
                };
                self.popups.push(Popup::History(h));
                // In a box over the page (the status line is under it): Esc goes back to the page.
                match shown {
                    Ok((title, text)) => self.message_box(&title, text),
                    Err(e) => self.message_box(self.t("Historik", "History"), e),
                }
                return;
            }
            // The table above holds no other action.
            _ => {}
        }
        self.popups.push(Popup::History(h));
    }

    /// The title and text of the record as it was at the chosen version.
    fn version_text(&self, h: &HistoryView) -> Result<(String, String), String> {
        let Some(v) = h.versions.get(h.cursor) else {
            return Err(self
                .t("Ingen historik at vise.", "No history to show.")
                .into());
        };
        let json = match (&v.commit, h.source) {
            (Some(commit), _) => {
                let text = history::at_commit(&self.store, &h.rel, commit).map_err(|e| {
                    format!(
                        "{}: {e}",
                        self.t("Versionen kan ikke læses", "Cannot read the version")
                    )
                })?;
                serde_json::from_str::<Value>(&text).map_err(|e| {
                    format!(
                        "{} {}: {e}",
                        h.name,
                        self.t("var ikke gyldig JSON dengang", "was not valid JSON then")
                    )
                })?
            }
            // Not committed yet: the file as it is now.
            (None, Source::Git) => self.disk_json(h)?,
            (None, Source::AuditLog) if h.cursor == 0 => self.disk_json(h)?,
            (None, Source::AuditLog) => {
                return Err(self
                    .t(
                        "Uden git gemmes kun hvem og hvornår, ikke ældre versioner; del arbejdsområdet med secretariat sync init.",
                        "Without git only who and when is kept, not earlier versions; share the workspace with secretariat sync init.",
                    )
                    .into());
            }
        };
        let commit = v
            .commit
            .as_deref()
            .map_or(String::new(), |c| format!(" ({})", &c[..c.len().min(7)]));
        let title = format!(
            "{} {} {}{commit}",
            h.name,
            self.t("som den var", "as it was"),
            short_time(&v.at)
        );
        Ok((title, record_text(self, &json, &v.fields)))
    }

    fn disk_json(&self, h: &HistoryView) -> Result<Value, String> {
        let kind = RecordKind::ALL
            .into_iter()
            .find(|k| h.rel.starts_with(k.folder()));
        let id = h.rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        match kind.map(|k| self.store.read_raw(k, id)) {
            Some(Ok(Some(v))) => Ok(v),
            Some(Ok(None)) => Err(format!(
                "{} {}",
                h.name,
                self.t("findes ikke længere.", "does not exist any more.")
            )),
            Some(Err(e)) => Err(e.to_string()),
            None => Err(format!("{}: ?", h.name)),
        }
    }

    /// The title and text of a meeting's agenda as it was last dispatched.
    fn dispatched_text(&self, h: &HistoryView) -> Result<(String, String), String> {
        let Some(id) = &h.meeting else {
            return Err(self
                .t(
                    "Kun et møde har en udsendt dagsorden.",
                    "Only a meeting has a dispatched agenda.",
                )
                .into());
        };
        if h.source == Source::AuditLog {
            return Err(self
                .t(
                    "Den udsendte dagsorden findes kun i git-historikken; del arbejdsområdet med secretariat sync init.",
                    "The dispatched agenda is kept only in the git history; share the workspace with secretariat sync init.",
                )
                .into());
        }
        let (commit, text) =
            history::dispatched_agenda(&self.store, self.ws.clone(), id).map_err(|e| {
                format!(
                    "{}: {e}",
                    self.t("Ingen udsendt dagsorden", "No dispatched agenda")
                )
            })?;
        let title = format!(
            "{} {} ({})",
            h.name,
            self.t("dagsorden som udsendt", "agenda as dispatched"),
            &commit[..commit.len().min(7)]
        );
        Ok((title, text))
    }
}

/// "2026-11-26T10:02:03+01:00" as "2026-11-26 10:02".
fn short_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

/// The changed fields in the user's words.
fn fields_text(app: &App, fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| match f.as_str() {
            "(created)" => app.t("oprettet", "created"),
            "(deleted)" => app.t("slettet", "deleted"),
            k => field_name(app, k),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A record as readable lines: each field by its name, text as it is, lists item by item; the
/// fields this version changed are marked with `*`.
pub(crate) fn record_text(app: &App, v: &Value, changed: &[String]) -> String {
    let mut out = String::new();
    let Some(obj) = v.as_object() else {
        return scalar(app, v);
    };
    // The fields that say what the record is first, then the rest as stored (alphabetical).
    const FIRST: [&str; 12] = [
        "id",
        "title",
        "name",
        "subject",
        "kind",
        "state",
        "forum",
        "initiative",
        "date",
        "start",
        "end",
        "deadline",
    ];
    let mut keys: Vec<&String> = obj.keys().collect();
    keys.sort_by_key(|k| FIRST.iter().position(|f| f == k).unwrap_or(FIRST.len()));
    for k in keys {
        let Some(val) = obj.get(k) else { continue };
        if matches!(k.as_str(), "revision" | "schema_version") {
            continue;
        }
        let mark = if changed.iter().any(|c| c == k) {
            "* "
        } else {
            "  "
        };
        let name = field_name(app, k);
        match val {
            Value::Array(items) if items.is_empty() => out.push_str(&format!("{mark}{name}: —\n")),
            Value::Array(items) => {
                out.push_str(&format!("{mark}{name}:\n"));
                for item in items {
                    out.push_str(&format!("    – {}\n", inline(app, item)));
                }
            }
            Value::Object(_) => out.push_str(&format!("{mark}{name}: {}\n", inline(app, val))),
            _ => out.push_str(&format!("{mark}{name}: {}\n", scalar(app, val))),
        }
    }
    if !changed.is_empty() {
        out.push_str(&format!(
            "\n* {}\n",
            app.t("ændret i denne version", "changed in this version")
        ));
    }
    out
}

/// An item of a list or a small object on one line: "key: value; key: value".
fn inline(app: &App, v: &Value) -> String {
    match v {
        Value::Object(o) => o
            .iter()
            .filter(|(_, x)| !x.is_null())
            .map(|(k, x)| format!("{}: {}", field_name(app, k), inline(app, x)))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Array(a) => a
            .iter()
            .map(|x| inline(app, x))
            .collect::<Vec<_>>()
            .join(", "),
        _ => scalar(app, v),
    }
}

fn scalar(app: &App, v: &Value) -> String {
    match v {
        Value::String(s) if s.is_empty() => "—".into(),
        Value::String(s) => s.clone(),
        Value::Null => "—".into(),
        Value::Bool(true) => app.t("ja", "yes").into(),
        Value::Bool(false) => app.t("nej", "no").into(),
        other => other.to_string(),
    }
}

/// Draws the history page.
pub fn render(app: &App, h: &HistoryView, f: &mut Frame, area: Rect) {
    let th = Theme::new(app.color);
    let r = centered(
        area,
        area.width.saturating_sub(2).min(110),
        area.height.saturating_sub(2),
    );
    f.render_widget(Clear, r);
    let from = match h.source {
        Source::Git => app.t("fra git", "from git"),
        Source::AuditLog => app.t(
            "fra revisionssporet (uden git)",
            "from the audit log (no git)",
        ),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.popup_border())
        .title(Span::styled(
            format!(
                " {} {} · {from} ",
                app.t("Historik", "History"),
                safe_line(&h.name)
            ),
            th.title(),
        ));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [list_area, detail_area, keys_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(3),
        Constraint::Length(2),
    ])
    .areas(inner);

    if h.versions.is_empty() {
        f.render_widget(
            Paragraph::new(app.t(
                "Ingen ændringer registreret for denne post.",
                "No changes recorded for this record.",
            ))
            .style(th.hint()),
            list_area,
        );
    } else {
        let rows = list_area.height as usize;
        let offset = h.cursor.saturating_sub(rows.saturating_sub(1));
        let lines: Vec<Line> = h
            .versions
            .iter()
            .enumerate()
            .skip(offset)
            .take(rows)
            .map(|(i, v)| {
                let what = if v.fields.is_empty() {
                    version_summary(app, v, h.source)
                } else {
                    fields_text(app, &v.fields)
                };
                let text = format!(
                    "{:<16}  {:<12}  {}",
                    short_time(&v.at),
                    safe_line(&v.by),
                    safe_line(&what)
                );
                let style = if i == h.cursor {
                    th.selected()
                } else {
                    ratatui::style::Style::default()
                };
                Line::from(Span::styled(text, style))
            })
            .collect();
        f.render_widget(Paragraph::new(lines), list_area);
    }

    if let Some(v) = h.versions.get(h.cursor) {
        let commit = v.commit.as_deref().map_or_else(
            || {
                app.t("ikke synkroniseret endnu", "not synced yet")
                    .to_string()
            },
            |c| c[..c.len().min(7)].to_string(),
        );
        let commit = if h.source == Source::AuditLog {
            String::new()
        } else {
            format!("{commit} · ")
        };
        // Changes not synced yet: their marker is the summary, said once.
        let unsynced = v.commit.is_none() && h.source == Source::Git;
        let rev = v.revision.map_or(String::new(), |r| format!("rev. {r}"));
        let text = if unsynced {
            format!("{commit}{rev}")
        } else {
            let sep = if rev.is_empty() { "" } else { " · " };
            format!(
                "{commit}{rev}{sep}{}",
                safe_line(&version_summary(app, v, h.source))
            )
        };
        f.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::TOP)),
            detail_area,
        );
    }

    let hints: Vec<String> = KEYS
        .iter()
        .filter(|b| b.action != Action::AsDispatched || h.meeting.is_some())
        .map(|b| format!("{} {}", b.key_names(), b.describe(app.lang)))
        .collect();
    f.render_widget(
        Paragraph::new(hints.join(" · "))
            .style(th.hint())
            .wrap(Wrap { trim: true }),
        keys_area,
    );
}

/// The version's summary; the marker of changes not yet synced in the user's words.
fn version_summary(app: &App, v: &Version, source: Source) -> String {
    if v.commit.is_none() && source == Source::Git {
        app.t("(ikke synkroniseret endnu)", "(not synced yet)")
            .into()
    } else {
        v.summary.clone()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::sync::git::Git;
    use crate::tui::testing::{demo_app, press, screen};

    fn git_available() -> bool {
        Git::new(Path::new(".")).is_ok()
    }

    fn top(app: &App) -> Option<&Popup> {
        app.popups.last()
    }

    fn history(app: &App) -> &HistoryView {
        match top(app) {
            Some(Popup::History(h)) => h,
            other => panic!("no history page on top: {other:?}"),
        }
    }

    fn message_text(app: &App) -> String {
        match top(app) {
            Some(Popup::Message { text, .. }) => text.clone(),
            other => panic!("no message on top: {other:?}"),
        }
    }

    #[test]
    fn in_git_the_history_names_the_changed_fields_and_shows_every_version_as_it_was() {
        if !git_available() {
            eprintln!("SKIPPED: git is not installed");
            return;
        }
        let (_d, mut app) = demo_app();
        crate::sync::init(&app.store, None).unwrap();
        let mut c = app.ws.cases[0].clone();
        let id = c.id.clone();
        let original = c.title.clone();
        c.title = "Første ændring".into();
        app.store.save(&mut c, "title").unwrap();
        crate::sync::sync(&app.store).unwrap();
        c.title = "Anden ændring".into();
        app.store.save(&mut c, "title again").unwrap();
        press(&mut app, &["C-l"]);

        app.open_record(RecordKind::Case, &id);
        press(&mut app, &["L"]);
        let h = history(&app);
        assert_eq!(h.source, Source::Git);
        assert_eq!(h.name, format!("cases/{id}"));
        assert_eq!(h.versions.len(), 3, "{:?}", h.versions);
        assert!(h.versions[0].commit.is_none());
        assert_eq!(h.versions[0].fields, ["title"]);
        assert_eq!(h.versions[1].fields, ["title"]);
        assert_eq!(h.versions[2].fields, ["(created)"]);
        let shown = screen(&mut app, 80, 24);
        assert!(shown.contains("ikke synkroniseret endnu"), "{shown}");
        assert!(shown.contains("Titel"), "{shown}");
        assert!(shown.contains("oprettet"), "{shown}");

        // Each version as it was: Enter shows it, Esc goes back to the list.
        for (i, title) in ["Anden ændring", "Første ændring", original.as_str()]
            .iter()
            .enumerate()
        {
            if i > 0 {
                press(&mut app, &["j"]);
            }
            press(&mut app, &["Enter"]);
            let text = message_text(&app);
            assert!(text.contains(&format!("Titel: {title}")), "{i}: {text}");
            press(&mut app, &["Esc"]);
            assert_eq!(history(&app).cursor, i);
        }
        // `a` is for meetings only: said in a box over the page, Esc back to the page.
        press(&mut app, &["a"]);
        assert!(message_text(&app).contains("Kun et møde"));
        press(&mut app, &["Esc"]);
        assert!(matches!(top(&app), Some(Popup::History(_))));
        press(&mut app, &["Esc"]);
        assert!(app.popups.is_empty());
    }

    #[test]
    fn a_meetings_history_shows_the_agenda_as_dispatched() {
        if !git_available() {
            eprintln!("SKIPPED: git is not installed");
            return;
        }
        let (_d, mut app) = demo_app();
        let m = app
            .ws
            .meetings
            .iter()
            .find(|m| m.state != crate::model::MeetingState::Draft && !m.items.is_empty())
            .cloned()
            .expect("the demo has a dispatched meeting");
        crate::sync::init(&app.store, None).unwrap();
        // Changed after the dispatch: the agenda as dispatched keeps the place it had then.
        let mut later = m.clone();
        later.place = "Et andet lokale".into();
        app.store.save(&mut later, "place").unwrap();
        press(&mut app, &["C-l"]);
        app.open_record(RecordKind::Meeting, &m.id);
        press(&mut app, &["L", "a"]);
        let text = message_text(&app);
        assert!(text.contains(&m.items[0].title), "{text}");
        assert!(!text.contains("Et andet lokale"), "{text}");
        assert!(text.contains(&m.place) || m.place.is_empty(), "{text}");
    }

    #[test]
    fn outside_git_the_history_comes_from_the_audit_log() {
        let (_d, mut app) = demo_app();
        // On the Overview, the record of the row (headings are skipped).
        press(&mut app, &["g", "L"]);
        assert!(history(&app).name.starts_with("meetings/"));
        press(&mut app, &["Esc"]);
        // A list filtered to nothing has no record.
        press(&mut app, &["3", "/"]);
        crate::tui::testing::type_text(&mut app, "ingen sag hedder sådan");
        press(&mut app, &["Enter", "L"]);
        assert!(app.popups.is_empty(), "{:?}", app.popups);
        let (text, _) = app.message.clone().unwrap();
        assert!(text.contains("Vælg en post"), "{text}");

        let mut c = app.ws.cases[0].clone();
        c.title = "Ændret uden git".into();
        app.store.save(&mut c, "title").unwrap();
        press(&mut app, &["C-l"]);
        app.open_record(RecordKind::Case, &c.id);
        press(&mut app, &["L"]);
        let h = history(&app);
        assert_eq!(h.source, Source::AuditLog);
        assert!(!h.versions.is_empty());
        assert_eq!(h.versions[0].by, "test");
        let shown = screen(&mut app, 80, 24);
        assert!(shown.contains("revisionssporet"), "{shown}");
        // The newest version is the file as it is now.
        press(&mut app, &["Enter"]);
        assert!(message_text(&app).contains("Titel: Ændret uden git"));
        press(&mut app, &["Esc"]);
        // Older versions are not kept without git: it says so, and how to get them.
        if history(&app).versions.len() > 1 {
            press(&mut app, &["j", "Enter"]);
            assert!(message_text(&app).contains("sync init"));
            press(&mut app, &["Esc"]);
            assert!(matches!(top(&app), Some(Popup::History(_))));
        }
        // Nor is the agenda as dispatched.
        press(&mut app, &["Esc", "4", "Enter", "L", "a"]);
        assert!(message_text(&app).contains("git"));
    }

    fn fixed_view(app: &App) -> HistoryView {
        let m = &app.ws.meetings[0];
        let v = |commit: Option<&str>, at: &str, by: &str, rev, summary: &str, fields: &[&str]| {
            Version {
                commit: commit.map(str::to_string),
                at: at.into(),
                by: by.into(),
                revision: Some(rev),
                summary: summary.into(),
                fields: fields.iter().map(|f| f.to_string()).collect(),
            }
        };
        HistoryView {
            rel: PathBuf::from(format!("meetings/{}.json", m.id)),
            name: format!("meetings/{}", m.id),
            meeting: Some(m.id.clone()),
            source: Source::Git,
            versions: vec![
                v(
                    None,
                    "2026-11-26T10:15:00+01:00",
                    "mette",
                    7,
                    "",
                    &["place"],
                ),
                v(
                    Some("0123456789abcdef0123456789abcdef01234567"),
                    "2026-11-25T16:02:00+01:00",
                    "jonas",
                    6,
                    "1 møde ændret af jonas",
                    &["items", "attendance"],
                ),
                v(
                    Some("89abcdef0123456789abcdef0123456789abcdef"),
                    "2026-11-20T09:30:00+01:00",
                    "mette",
                    1,
                    "Første deling",
                    &["(created)"],
                ),
            ],
            cursor: 1,
        }
    }

    #[test]
    fn the_history_page_at_80x24_and_120x36() {
        let (_d, mut app) = demo_app();
        let view = fixed_view(&app);
        app.popups.push(Popup::History(view));
        insta::assert_snapshot!("history_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("history_120x36", screen(&mut app, 120, 36));
    }

    #[test]
    fn the_record_as_it_was_reads_as_fields_with_the_changed_ones_marked() {
        let (_d, app) = demo_app();
        let v = serde_json::json!({
            "schema_version": 1, "revision": 3, "title": "Ny titel", "state": "draft",
            "attachments": [], "history": [{"at": "2026-11-20", "by": "mette"}]
        });
        let text = record_text(&app, &v, &["title".to_string()]);
        assert!(text.contains("* Titel: Ny titel"), "{text}");
        assert!(text.contains("  Tilstand: draft"), "{text}");
        assert!(text.contains("Bilag: —"), "{text}");
        assert!(text.contains("    – Tid: 2026-11-20; Af: mette"), "{text}");
        assert!(!text.contains("revision"), "{text}");
        assert!(text.contains("ændret i denne version"), "{text}");
    }
}
