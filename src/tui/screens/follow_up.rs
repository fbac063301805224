//! The follow-up list ("opfølgningsliste"): every action item from every meeting, with its owner,
//! due date, status (åben / overskredet / udført) and the meeting and item it came from. `f` shows
//! open, overdue or all; `a` picks one owner (and `/` filters by any words); Space marks an item
//! done; Enter opens the meeting at the item; `w` writes the list as md, html and csv to out/.
//! Reached with `O` or the palette.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;

use super::common::{cell, short_date, span};
use crate::export::follow_up::{ListFormat, render as render_list, source_text, status_word};
use crate::model::{AnyRecord, RecordKind};
use crate::ops::meeting::{FollowUp, follow_up_list, set_action_done};
use crate::store::{Change, write_atomic};
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::intent::{FollowUpIntent, Intent};
use crate::tui::keymap::{Binding, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::popup::PickerItem;
use crate::tui::render::draw_list;
use crate::tui::theme::Theme;

const KEYS: &[Binding] = &[
    bind(
        &[ch(' ')],
        Action::ToggleDone,
        "Udført / ikke udført",
        "Done / not done",
    ),
    bind(
        &[ch('f')],
        Action::CycleCategory,
        "Vis åbne, overskredne eller alle",
        "Show open, overdue or all",
    ),
    bind(
        &[ch('a')],
        Action::PickOwner,
        "Vis én ansvarligs punkter",
        "Show one owner's items",
    ),
    bind(
        &[ch('w')],
        Action::Export,
        "Skriv listen til out/ (md, html, csv)",
        "Write the list to out/ (md, html, csv)",
    ),
];

pub fn keys(_detail: bool) -> &'static [Binding] {
    KEYS
}

/// The views `f` cycles through: (Danish, English).
const MODES: [(&str, &str); 3] = [
    ("åbne", "open"),
    ("overskredne", "overdue"),
    ("alle, også udførte", "all, done too"),
];

/// The action items the current view shows (before the `/` filter), in list order.
pub fn shown(app: &App) -> Vec<FollowUp> {
    let mode = app.view_of(ScreenId::FollowUp).mode % MODES.len();
    follow_up_list(&app.ws, app.today, mode == 2)
        .into_iter()
        .filter(|f| mode != 1 || f.overdue)
        .collect()
}

fn row_id(f: &FollowUp) -> String {
    format!("{}:{}:{}", f.meeting, f.item, f.index)
}

pub fn model(app: &App) -> ListModel {
    let th = Theme::new(app.color);
    let l = app.lang;
    let rows = shown(app)
        .iter()
        .map(|f| {
            let st = if f.action.done {
                th.ok()
            } else if f.overdue {
                th.error()
            } else {
                th.hint()
            };
            let due = f.action.due.map(short_date).unwrap_or_else(|| "—".into());
            let forum = app
                .ws
                .meeting(&f.meeting)
                .and_then(|m| app.ws.forum(&m.forum))
                .map(|x| x.short_name.clone())
                .unwrap_or_default();
            let source = format!(
                "{forum} {} {} {}",
                short_date(f.meeting_date),
                app.t("pkt.", "item"),
                f.item + 1
            );
            ListRow::new(
                &row_id(f),
                vec![
                    cell(if f.action.owner.is_empty() {
                        "—"
                    } else {
                        &f.action.owner
                    }),
                    cell(&f.action.text),
                    cell(due),
                    Line::from(span(status_word(f, l), st)),
                    cell(source),
                ],
                // Found by the item's title and the long date too.
                &source_text(&app.ws, f, l),
            )
        })
        .collect();
    ListModel {
        headers: vec![
            app.t("Ansvarlig", "Owner"),
            app.t("Opfølgningspunkt", "Action item"),
            app.t("Frist", "Due"),
            app.t("Status", "Status"),
            app.t("Besluttet på", "Decided at"),
        ],
        widths: vec![
            Constraint::Fill(2),
            Constraint::Fill(5),
            Constraint::Length(10),
            Constraint::Length(11),
            Constraint::Length(21),
        ],
        rows,
    }
}

/// The follow-up list (no record pages of its own: Enter opens the meeting).
pub struct FollowUpList;

impl super::Screen for FollowUpList {
    fn model(&self, app: &App) -> ListModel {
        model(app)
    }
    fn keys(&self, detail: bool) -> &'static [Binding] {
        keys(detail)
    }
    fn render(&self, app: &App, f: &mut Frame, area: Rect) {
        render(app, f, area)
    }
    fn update(&self, app: &mut App, a: Action) -> bool {
        update(app, a)
    }
}

fn title(app: &App) -> String {
    let v = app.view_of(ScreenId::FollowUp);
    let (da, en) = MODES[v.mode % MODES.len()];
    format!(
        "{} · {} · {}",
        app.t("Opfølgningsliste", "Follow-up list"),
        app.t(da, en),
        app.t("[f] vis · [a] ansvarlig", "[f] show · [a] owner")
    )
}

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    draw_list(app, ScreenId::FollowUp, f, area, &title(app));
}

/// The action item under the cursor.
fn selected(app: &App) -> Option<FollowUp> {
    let id = app.current_id()?;
    follow_up_list(&app.ws, app.today, true)
        .into_iter()
        .find(|f| row_id(f) == id)
}

pub fn update(app: &mut App, a: Action) -> bool {
    match a {
        Action::Open => {
            if let Some(fu) = selected(app) {
                app.open_record(RecordKind::Meeting, &fu.meeting);
                super::meetings::focus(app, &super::meetings::Part::Item(fu.item));
            }
        }
        Action::ToggleDone => {
            let Some(fu) = selected(app) else {
                app.flash(
                    app.t("Ingen opfølgningspunkter her.", "No action items here."),
                    Tone::Info,
                );
                return true;
            };
            match set_action_done(&app.ws, &fu, !fu.action.done) {
                Ok(m) => {
                    if app
                        .commit(
                            vec![Change::Update(AnyRecord::Meeting(m))],
                            "action item done",
                        )
                        .is_ok()
                    {
                        app.flash(
                            if fu.action.done {
                                app.t(
                                    "Punktet er åbent igen ([u] fortryder).",
                                    "The item is open again ([u] undoes it).",
                                )
                            } else {
                                app.t(
                                    "Punktet er udført ([u] fortryder).",
                                    "The item is done ([u] undoes it).",
                                )
                            },
                            Tone::Success,
                        );
                    }
                }
                Err(e) => app.flash(e.message(app.lang), Tone::Error),
            }
        }
        Action::CycleCategory => {
            let v = app.view_of_mut(ScreenId::FollowUp);
            v.mode = (v.mode + 1) % MODES.len();
            v.list.cursor = 0;
            v.list.offset = 0;
            app.rebuild_list(ScreenId::FollowUp);
        }
        Action::PickOwner => {
            let mut owners: Vec<String> = follow_up_list(&app.ws, app.today, true)
                .into_iter()
                .map(|f| f.action.owner)
                .filter(|o| !o.trim().is_empty())
                .collect();
            owners.sort();
            owners.dedup();
            let mut items = vec![PickerItem::new(
                "",
                app.t("(alle ansvarlige)", "(every owner)"),
            )];
            items.extend(owners.iter().map(|o| PickerItem::new(o, o)));
            app.pick(
                app.t("Ansvarlig", "Owner"),
                items,
                Intent::FollowUp(FollowUpIntent::Owner),
            );
        }
        Action::Export => export(app),
        Action::New | Action::Edit | Action::Delete => app.flash(
            app.t(
                "Opfølgningspunkter oprettes og rettes i mødets referat: Enter åbner mødet.",
                "Action items are made and changed in the meeting's minutes: Enter opens the meeting.",
            ),
            Tone::Info,
        ),
        _ => return false,
    }
    true
}

/// Writes what the list shows now (view and filter) as md, html and csv to out/.
fn export(app: &mut App) {
    let v = app.view_of(ScreenId::FollowUp);
    let visible: std::collections::HashSet<String> = v
        .list
        .visible
        .iter()
        .filter_map(|&i| v.model.rows.get(i))
        .map(|r| r.id.clone())
        .collect();
    let rows: Vec<FollowUp> = shown(app)
        .into_iter()
        .filter(|f| visible.contains(&row_id(f)))
        .collect();
    let (da, en) = MODES[v.mode % MODES.len()];
    let mut title = format!(
        "{} ({})",
        app.t("Opfølgningsliste", "Follow-up list"),
        app.t(da, en)
    );
    if !v.list.filter.is_empty() {
        title.push_str(&format!(" · {}", v.list.filter));
    }
    let root = app.store.root().to_path_buf();
    let stem = format!(
        "{}-{}",
        app.t("opfoelgningsliste", "follow-up-list"),
        app.today.format("%Y-%m-%d")
    );
    let mut written = vec![];
    for fmt in ListFormat::ALL {
        let text = render_list(&app.ws, &rows, &title, app.today, fmt, app.lang);
        let name = format!("{stem}.{}", fmt.extension());
        match write_atomic(&root.join("out").join(&name), text.as_bytes()) {
            Ok(()) => written.push(format!("out/{name}")),
            Err(e) => {
                app.flash(
                    format!(
                        "{}: {name}: {e}",
                        app.t("Kunne ikke skrive", "Could not write")
                    ),
                    Tone::Error,
                );
                return;
            }
        }
    }
    app.flash(
        format!(
            "{} {} {}: {}",
            rows.len(),
            app.t("punkter skrevet til", "items written to"),
            written.len(),
            written.join(", ")
        ),
        Tone::Success,
    );
}

/// The follow-up list opens no forms (action items are edited in the meeting's minutes).
pub fn submit(_app: &mut App, i: FollowUpIntent) -> Result<(), String> {
    match i {
        FollowUpIntent::Owner => Ok(()),
    }
}

/// The follow-up list asks no confirmations.
pub fn confirmed(_app: &mut App, i: FollowUpIntent) {
    match i {
        FollowUpIntent::Owner => {}
    }
}

pub fn picked(app: &mut App, i: FollowUpIntent, id: &str) {
    match i {
        FollowUpIntent::Owner => {
            let v = app.view_of_mut(ScreenId::FollowUp);
            v.list.filter = id.to_string();
            v.list.cursor = 0;
            v.list.offset = 0;
            v.list.refilter(&v.model);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::popup::Popup;
    use crate::tui::testing::{demo_app, press, screen, type_text};

    fn open_list() -> (tempfile::TempDir, App) {
        let (d, mut app) = demo_app();
        // Late enough that some of the demo's action items are overdue.
        app.today = chrono::NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
        app.rebuild();
        press(&mut app, &["O"]);
        assert_eq!(app.screen, ScreenId::FollowUp);
        (d, app)
    }

    #[test]
    fn every_action_item_with_owner_due_status_and_source() {
        let (_d, mut app) = open_list();
        let open = follow_up_list(&app.ws, app.today, false);
        assert!(!open.is_empty());
        assert_eq!(app.view().model.rows.len(), open.len());
        let s = screen(&mut app, 120, 36);
        assert!(s.contains("Opfølgningsliste"), "{s}");
        assert!(s.contains("overskredet"), "{s}");
        assert!(s.contains(&open[0].action.owner), "{s}");
        assert!(s.contains("punkt"), "{s}");
        insta::assert_snapshot!("follow_up_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("follow_up_120x36", screen(&mut app, 120, 36));
        // f: overdue only, then all with the done ones.
        press(&mut app, &["f"]);
        assert!(shown(&app).iter().all(|f| f.overdue));
        press(&mut app, &["f"]);
        let all = follow_up_list(&app.ws, app.today, true);
        assert_eq!(app.view().model.rows.len(), all.len());
    }

    #[test]
    fn space_marks_done_on_disk_and_u_undoes_it() {
        let (_d, mut app) = open_list();
        let first = shown(&app)[0].clone();
        press(&mut app, &["Space"]);
        let path = app
            .store
            .root()
            .join("meetings")
            .join(format!("{}.json", first.meeting));
        let on_disk = || {
            let p = path.clone();
            let v: serde_json::Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
            v["items"][first.item]["minutes"]["action_items"][first.index]["done"].as_bool()
        };
        assert_eq!(on_disk(), Some(true));
        // Done items leave the "open" view.
        assert!(!shown(&app).iter().any(|f| row_id(f) == row_id(&first)));
        press(&mut app, &["u"]);
        assert_ne!(on_disk(), Some(true));
    }

    #[test]
    fn a_picks_an_owner_and_enter_opens_the_meeting_at_the_item() {
        let (_d, mut app) = open_list();
        let owner = shown(&app)
            .iter()
            .map(|f| f.action.owner.clone())
            .find(|o| !o.is_empty())
            .unwrap();
        press(&mut app, &["a"]);
        assert!(matches!(app.popups.last(), Some(Popup::Picker(_))));
        type_text(&mut app, &owner);
        press(&mut app, &["Enter"]);
        let v = app.view();
        assert!(!v.list.visible.is_empty());
        for &i in &v.list.visible {
            assert!(
                v.model.rows[i]
                    .search()
                    .contains(&crate::tui::text::fold(&owner))
            );
        }
        let fu = selected(&app).unwrap();
        press(&mut app, &["Enter"]);
        assert_eq!(app.screen, ScreenId::Meetings);
        assert_eq!(app.view().detail.as_ref().unwrap().id, fu.meeting);
        press(&mut app, &["Esc"]);
        assert_eq!(app.screen, ScreenId::FollowUp);
    }

    #[test]
    fn w_writes_what_the_list_shows_as_md_html_and_csv() {
        let (_d, mut app) = open_list();
        press(&mut app, &["f"]);
        let n = shown(&app).len();
        press(&mut app, &["w"]);
        let out = app.store.root().join("out");
        for ext in ["md", "html", "csv"] {
            let p = out.join(format!("opfoelgningsliste-2027-02-01.{ext}"));
            let text = std::fs::read_to_string(&p).unwrap();
            assert!(text.contains("overskredet"), "{ext}: {text}");
            assert!(
                !text.contains("åben\n") && !text.contains(";åben;"),
                "{ext}"
            );
        }
        let csv = std::fs::read_to_string(out.join("opfoelgningsliste-2027-02-01.csv")).unwrap();
        assert_eq!(csv.lines().count(), n + 1);
    }
}
