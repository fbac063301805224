//! Forums ("fora"): the steering group, the group above it and the committees beside it, with their
//! members and rules. Reached with `F` or the palette (it is not one of the six daily screens).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;

use super::common::{Page, cell};
use crate::i18n::Label;
use crate::model::ids::slug;
use crate::model::{AnyRecord, Extra, Forum, ItemKind, Member, StandardItem};
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form, RefKind};
use crate::tui::keymap::{Binding, DELETE, EDIT, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::popup::Pending;
use crate::tui::render::draw_list;
use crate::tui::theme::Theme;

const KEYS: &[Binding] = &[
    bind(&[ch('n')], Action::New, "Nyt forum", "New forum"),
    EDIT,
    DELETE,
];

pub fn keys(_detail: bool) -> &'static [Binding] {
    KEYS
}

pub fn model(app: &App) -> ListModel {
    let rows = app
        .ws
        .forums
        .iter()
        .map(|f| {
            let parent = f
                .parent
                .as_deref()
                .map(|p| {
                    app.ws
                        .forum(p)
                        .map_or(p.to_string(), |x| x.short_name.clone())
                })
                .unwrap_or_default();
            ListRow::new(
                &f.id,
                vec![
                    cell(&f.short_name),
                    cell(&f.name),
                    cell(f.members.len().to_string()),
                    cell(parent),
                ],
                &f.chair,
            )
        })
        .collect();
    ListModel {
        headers: vec![
            app.t("Kort", "Short"),
            app.t("Navn", "Name"),
            app.t("Medl.", "Memb."),
            app.t("Over", "Parent"),
        ],
        widths: vec![
            Constraint::Length(8),
            Constraint::Fill(1),
            Constraint::Length(5),
            Constraint::Length(8),
        ],
        rows,
    }
}

pub fn detail_len(_app: &App) -> usize {
    0
}

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let v = app.view_of(ScreenId::Forums);
    let Some(d) = &v.detail else {
        draw_list(app, ScreenId::Forums, f, area, app.t("Fora", "Forums"));
        return;
    };
    let Some(fo) = app.ws.forum(&d.id) else {
        return;
    };
    let th = Theme::new(app.color);
    let mut p = Page::new();
    let w = 34;
    p.field(&th, app.t("Kort navn", "Short name"), &fo.short_name, w);
    p.field(&th, app.t("Formand", "Chair"), &fo.chair, w);
    p.field(&th, app.t("Sekretariat", "Secretariat"), &fo.secretariat, w);
    let parent = fo
        .parent
        .as_deref()
        .map(|x| app.ws.forum(x).map_or(x.to_string(), |y| y.name.clone()))
        .unwrap_or_else(|| "—".into());
    p.field(&th, app.t("Overordnet forum", "Parent forum"), &parent, w);
    p.field(
        &th,
        app.t(
            "Dagsorden udsendes (arb.dage før)",
            "Agenda dispatch (working days)",
        ),
        &fo.agenda_dispatch_working_days.to_string(),
        w,
    );
    p.field(
        &th,
        app.t(
            "Svarfrist ved høring (arb.dage)",
            "Reply deadline (working days)",
        ),
        &fo.reply_deadline_working_days.to_string(),
        w,
    );
    p.field(
        &th,
        app.t("Manglende svar = tilslutning", "No reply counts as consent"),
        if fo.silence_is_consent {
            app.t("ja", "yes")
        } else {
            app.t("nej", "no")
        },
        w,
    );
    p.heading(
        &th,
        &format!("{} ({})", app.t("Medlemmer", "Members"), fo.members.len()),
    );
    for m in &fo.members {
        p.line(Line::from(format!(
            "  {} · {} · {}",
            m.authority, m.representative, m.email
        )));
    }
    p.heading(&th, app.t("Standardpunkter", "Standard items"));
    for s in &fo.standard_items {
        p.line(Line::from(format!(
            "  {} ({}, {} min)",
            s.title,
            s.kind.label(app.lang),
            s.minutes
        )));
    }
    p.draw(app, f, area, &fo.name, d.cursor);
}

fn members_text(m: &[Member]) -> String {
    m.iter()
        .map(|m| format!("{} | {} | {}", m.authority, m.representative, m.email))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Standard items as one "title | kind | minutes [| sidst] [| opfølgning]" line each, the kind as
/// b (til beslutning), d (til drøftelse) or o (til orientering).
fn standard_items_text(items: &[StandardItem]) -> String {
    items
        .iter()
        .map(|it| {
            let kind = match it.kind {
                ItemKind::Decision => "b",
                ItemKind::Discussion => "d",
                ItemKind::Information => "o",
            };
            let mut line = format!("{} | {kind} | {}", it.title, it.minutes);
            if it.last {
                line.push_str(" | sidst");
            }
            if it.follow_up {
                line.push_str(" | opfølgning");
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Standard items from their lines; an unknown kind or number is an error naming the line.
fn parse_standard_items(s: &str) -> Result<Vec<StandardItem>, String> {
    let mut out = vec![];
    for (n, line) in s.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let title = parts.first().copied().unwrap_or_default().to_string();
        let kind = match parts.get(1).map(|k| k.to_lowercase()) {
            None => ItemKind::Information,
            Some(k) => match k.as_str() {
                "b" | "beslutning" | "decision" => ItemKind::Decision,
                "d" | "drøftelse" | "discussion" => ItemKind::Discussion,
                "o" | "orientering" | "information" | "" => ItemKind::Information,
                other => return Err(format!("{}: \"{other}\" (b/d/o)", n + 1)),
            },
        };
        let minutes = match parts.get(2).filter(|m| !m.is_empty()) {
            None => 0,
            Some(m) => m
                .parse::<u32>()
                .map_err(|_| format!("{}: \"{m}\"", n + 1))?,
        };
        // Column 4 is "sidst", column 5 "opfølgning": ja/nej (or x, the column's own word); an
        // answer that is neither is an error, never silently "no".
        let mut flags = [false, false];
        for (col, f) in parts.iter().skip(3).enumerate() {
            let f = f.to_lowercase();
            match f.as_str() {
                "sidst" | "last" => flags[0] = true,
                "opfølgning" | "follow-up" => flags[1] = true,
                "ja" | "j" | "yes" | "y" | "x" | "true" | "sand" | "1" if col < 2 => {
                    flags[col] = true
                }
                "nej" | "n" | "no" | "false" | "falsk" | "0" | "-" | "" => {}
                other => return Err(format!("{}: \"{other}\" (ja/nej)", n + 1)),
            }
        }
        out.push(StandardItem {
            title,
            kind,
            minutes,
            last: flags[0],
            follow_up: flags[1],
        });
    }
    Ok(out)
}

/// Members from "authority | representative | e-mail" lines, keeping unknown fields of members
/// whose authority is unchanged.
fn parse_members(s: &str, old: &[Member]) -> Vec<Member> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut parts = l.split('|').map(str::trim);
            let authority = parts.next().unwrap_or_default().to_string();
            let representative = parts.next().unwrap_or_default().to_string();
            let email = parts.next().unwrap_or_default().to_string();
            let extra = old
                .iter()
                .find(|m| m.authority == authority)
                .map_or_else(Extra::new, |m| m.extra.clone());
            Member {
                authority,
                representative,
                email,
                extra,
            }
        })
        .collect()
}

/// The forum `id` and every forum below it (its children, their children, ...): the forums that
/// cannot be its parent.
pub fn self_and_below(ws: &crate::model::Workspace, id: &str) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::from([id.to_string()]);
    loop {
        let more: Vec<String> = ws
            .forums
            .iter()
            .filter(|f| !out.contains(&f.id))
            .filter(|f| f.parent.as_ref().is_some_and(|p| out.contains(p)))
            .map(|f| f.id.clone())
            .collect();
        if more.is_empty() {
            return out;
        }
        out.extend(more);
    }
}

fn forum_form(app: &App, fo: &Forum, target: Option<&str>) -> Form {
    let yes_no = vec![
        ("false".to_string(), app.t("nej", "no").to_string()),
        ("true".to_string(), app.t("ja", "yes").to_string()),
    ];
    let title = match target {
        Some(id) => format!("{} {id}", app.t("Rediger forum", "Edit forum")),
        None => app.t("Nyt forum", "New forum").to_string(),
    };
    Form::new(
        &title,
        App::purpose(ScreenId::Forums, "edit", target),
        vec![
            Field::new("name", app.t("Navn", "Name"), FieldKind::Text, &fo.name).required(),
            Field::new(
                "short_name",
                app.t("Kort navn", "Short name"),
                FieldKind::Text,
                &fo.short_name,
            )
            .required(),
            Field::new(
                "chair",
                app.t("Formand", "Chair"),
                FieldKind::Text,
                &fo.chair,
            ),
            Field::new(
                "secretariat",
                app.t("Sekretariat", "Secretariat"),
                FieldKind::Text,
                &fo.secretariat,
            ),
            Field::new(
                "parent",
                app.t("Overordnet forum", "Parent forum"),
                FieldKind::Ref(RefKind::Forum),
                fo.parent.as_deref().unwrap_or(""),
            ),
            Field::new(
                "dispatch",
                app.t("Udsendelse (arb.dage)", "Dispatch (working days)"),
                FieldKind::Number,
                &fo.agenda_dispatch_working_days.to_string(),
            )
            .required(),
            Field::new(
                "reply",
                app.t("Svarfrist (arb.dage)", "Reply deadline (w. days)"),
                FieldKind::Number,
                &fo.reply_deadline_working_days.to_string(),
            )
            .required(),
            Field::new(
                "silence",
                app.t("Intet svar = tilslutning", "No reply = consent"),
                FieldKind::Choice(yes_no),
                if fo.silence_is_consent {
                    "true"
                } else {
                    "false"
                },
            ),
            Field::new(
                "members",
                app.t(
                    "Medlemmer (myndighed | repr. | e-mail)",
                    "Members (authority | repr. | e-mail)",
                ),
                FieldKind::Multiline,
                &members_text(&fo.members),
            ),
            Field::new(
                "standard_items",
                app.t(
                    "Standardpunkter (titel | b/d/o | min | sidst | opfølgning)",
                    "Standard items (title | b/d/o | min | last | follow-up)",
                ),
                FieldKind::Multiline,
                &standard_items_text(&fo.standard_items),
            ),
        ],
    )
}

pub fn update(app: &mut App, a: Action) -> bool {
    match a {
        Action::New => {
            let f = forum_form(app, &Forum::new("", "", ""), None);
            app.open_form(f);
        }
        Action::Edit => {
            let Some(fo) = app.current_id().and_then(|id| app.ws.forum(&id).cloned()) else {
                return true;
            };
            let f = forum_form(app, &fo, Some(&fo.id));
            app.open_form(f);
        }
        _ => return false,
    }
    true
}

pub fn submit(app: &mut App, form: &mut Form) -> Result<(), String> {
    let l = app.lang;
    let (mut fo, new) = match &form.purpose.target {
        Some(id) => (
            app.ws
                .forum(id)
                .cloned()
                .ok_or_else(|| super::common::gone(app))?,
            false,
        ),
        None => {
            let id = slug(&form.text("short_name"));
            if id.is_empty() || app.ws.forum(&id).is_some() {
                form.set_error(
                    "short_name",
                    app.t(
                        "giv et kort navn, der ikke er brugt",
                        "give a short name not in use",
                    )
                    .into(),
                );
                return Err(app
                    .t("Det korte navn er optaget.", "The short name is taken.")
                    .into());
            }
            (Forum::new(&id, "", ""), true)
        }
    };
    let parent = form.opt_text("parent");
    if parent
        .as_deref()
        .is_some_and(|p| !fo.id.is_empty() && self_and_below(&app.ws, &fo.id).contains(p))
    {
        form.set_error(
            "parent",
            app.t(
                "et forum kan ikke ligge under sig selv eller et forum under sig",
                "a forum cannot sit under itself or a forum below it",
            )
            .into(),
        );
        return Err(app
            .t("Ret det markerede felt.", "Fix the marked field.")
            .into());
    }
    fo.name = form.text("name");
    fo.short_name = form.text("short_name");
    fo.chair = form.text("chair");
    fo.secretariat = form.text("secretariat");
    fo.parent = parent;
    fo.agenda_dispatch_working_days = form
        .number("dispatch", l)
        .unwrap_or(fo.agenda_dispatch_working_days);
    fo.reply_deadline_working_days = form
        .number("reply", l)
        .unwrap_or(fo.reply_deadline_working_days);
    fo.silence_is_consent = form.text("silence") == "true";
    fo.members = parse_members(&form.text("members"), &fo.members);
    match parse_standard_items(&form.text("standard_items")) {
        Ok(items) => fo.standard_items = items,
        Err(e) => {
            form.set_error(
                "standard_items",
                format!("{} {e}", app.t("kan ikke læse linje", "cannot read line")),
            );
            return Err(app
                .t("Ret det markerede felt.", "Fix the marked field.")
                .into());
        }
    }
    let id = fo.id.clone();
    let ch = if new {
        Change::Create(AnyRecord::Forum(fo))
    } else {
        Change::Update(AnyRecord::Forum(fo))
    };
    app.commit(vec![ch], if new { "created" } else { "edited" })?;
    app.flash(
        format!("{id} {}", app.t("er gemt.", "saved.")),
        Tone::Success,
    );
    Ok(())
}

pub fn confirmed(_app: &mut App, _p: &Pending) {}

pub fn picked(_app: &mut App, _p: &Pending, _id: &str) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_items_round_trip_and_bad_lines_are_named() {
        let ws = crate::demo::demo_workspace();
        let items = &ws.forums[0].standard_items;
        assert!(!items.is_empty());
        assert_eq!(
            &parse_standard_items(&standard_items_text(items)).unwrap(),
            items
        );
        let e = parse_standard_items("Meddelelser | o | 10\nEventuelt | x | 5").unwrap_err();
        assert!(e.starts_with("2:"), "{e}");
        assert!(parse_standard_items("Punkt | b | ti").is_err());
        let one = parse_standard_items("Eventuelt | o | 5 | sidst").unwrap();
        assert!(one[0].last && !one[0].follow_up);
    }

    #[test]
    fn standard_item_flags_read_ja_and_nej_by_column_and_refuse_other_words() {
        let one = parse_standard_items("Eventuelt | o | 5 | ja").unwrap();
        assert!(one[0].last && !one[0].follow_up, "{one:?}");
        let two = parse_standard_items("Opfølgning | o | 5 | nej | ja").unwrap();
        assert!(!two[0].last && two[0].follow_up, "{two:?}");
        let e = parse_standard_items("Eventuelt | o | 5 | måske").unwrap_err();
        assert!(e.contains("måske"), "{e}");
    }

    #[test]
    fn the_parent_picker_leaves_out_the_forum_and_those_below_it_and_a_cycle_is_refused() {
        use crate::tui::popup::Popup;
        use crate::tui::testing::{demo_app, press};
        let (_d, mut app) = demo_app();
        press(&mut app, &["F"]);
        // The demo's forums: oesu under psg under sts.
        assert_eq!(app.ws.forum("oesu").unwrap().parent.as_deref(), Some("psg"));
        let top = "psg".to_string();
        let v = app.view_of_mut(ScreenId::Forums);
        v.list.select_id(&v.model, &top);
        press(&mut app, &["e", "Tab", "Tab", "Tab", "Tab", "Enter"]);
        let Some(Popup::Picker(p)) = app.popups.last() else {
            panic!("the parent picker opens")
        };
        let ids: Vec<&str> = p.items.iter().map(|i| i.id.as_str()).collect();
        assert!(!ids.contains(&top.as_str()), "not itself: {ids:?}");
        assert!(!ids.contains(&"oesu"), "not its child: {ids:?}");
        assert!(ids.contains(&"sts"), "{ids:?}");
        // Typed in by hand (or from an old recovery file), the cycle is refused on save.
        press(&mut app, &["Esc"]);
        if let Some(Popup::Form(f)) = app.popups.last_mut() {
            f.set("parent", "oesu");
        }
        press(&mut app, &["C-s"]);
        assert!(
            matches!(app.popups.last(), Some(Popup::Form(_))),
            "not saved"
        );
        assert_eq!(app.ws.forum(&top).unwrap().parent.as_deref(), Some("sts"));
    }

    #[test]
    fn members_round_trip_and_keep_unknown_fields() {
        let mut m = Member {
            authority: "Finansministeriet".into(),
            representative: "Anna".into(),
            email: "a@fm.dk".into(),
            extra: Extra::new(),
        };
        m.extra.insert("telefon".into(), serde_json::json!("1234"));
        let text = members_text(std::slice::from_ref(&m));
        let back = parse_members(&format!("{text}\n\nKL | Bo |"), &[m.clone()]);
        assert_eq!(back.len(), 2);
        assert_eq!(back[0], m);
        assert_eq!(back[1].authority, "KL");
        assert_eq!(back[1].email, "");
    }
}
