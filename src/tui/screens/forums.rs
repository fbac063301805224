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
        let flags: Vec<String> = parts.iter().skip(3).map(|f| f.to_lowercase()).collect();
        let has = |a: &str, b: &str| flags.iter().any(|f| f == a || f == b);
        out.push(StandardItem {
            title,
            kind,
            minutes,
            last: has("sidst", "last"),
            follow_up: has("opfølgning", "follow-up"),
            recommendation: String::new(),
        });
    }
    Ok(out)
}

/// Members from "authority | representative | e-mail" lines, keeping unknown fields of members
/// whose authority is unchanged.
fn parse_members(s: &str, old: &[Member]) -> Vec<Member> {
    let lines: Vec<&str> = s.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let authorities: Vec<&str> = lines
        .iter()
        .map(|l| l.split('|').next().unwrap_or_default().trim())
        .collect();
    let mut members: Vec<Member> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut parts = l.split('|').map(str::trim);
            let authority = parts.next().unwrap_or_default().to_string();
            let representative = parts.next().unwrap_or_default().to_string();
            let email = parts.next().unwrap_or_default().to_string();
            let extra = old
                .iter()
                .find(|m| m.authority == authority)
                .map_or_else(Extra::new, |m| m.extra.clone());
            // The member keeps its id when its authority is unchanged, or when it was renamed in
            // place (the old member at this row is no longer listed under its old name).
            let id = old
                .iter()
                .find(|m| m.authority == authority)
                .or_else(|| {
                    old.get(i)
                        .filter(|m| !authorities.contains(&m.authority.as_str()))
                })
                .map(|m| m.id.clone())
                .unwrap_or_default();
            Member {
                id,
                authority,
                representative,
                email,
                extra,
            }
        })
        .collect();
    let mut ids = std::collections::HashSet::new();
    for m in members.iter_mut() {
        if !m.id.is_empty() && !ids.insert(m.id.clone()) {
            m.id.clear();
        }
    }
    members
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
        ]
        .into_iter()
        .chain(sender_fields(app))
        .collect(),
    )
}

/// The sender of every letter (workspace.json, shared by all forums), edited with the forum.
fn sender_fields(app: &App) -> Vec<Field> {
    let s = &app.ws.settings.sender;
    let field = |key: &'static str, da: &'static str, en: &'static str, value: &str| {
        Field::new(key, app.t(da, en), FieldKind::Text, value)
    };
    vec![
        field(
            "sender_authority",
            "Afsender af breve: myndighed",
            "Letters' sender: authority",
            &s.authority,
        ),
        field(
            "sender_office",
            "Afsender: kontor",
            "Sender: office",
            &s.office,
        ),
        field(
            "sender_address",
            "Afsender: adresse",
            "Sender: address",
            &s.address.replace('\n', ", "),
        ),
        field(
            "sender_email",
            "Afsender: e-mail til svar",
            "Sender: e-mail for replies",
            &s.email,
        ),
        field(
            "sender_phone",
            "Afsender: telefon",
            "Sender: phone",
            &s.phone,
        ),
        field(
            "sender_contact",
            "Kontaktperson (underskriver)",
            "Contact person (signs)",
            &s.contact.name,
        ),
        field(
            "sender_title",
            "Kontaktpersonens titel",
            "Contact person's title",
            &s.contact.title,
        ),
    ]
}

/// The sender as the form has it.
fn sender_of(form: &Form) -> crate::model::Sender {
    crate::model::Sender {
        authority: form.text("sender_authority"),
        office: form.text("sender_office"),
        address: form
            .text("sender_address")
            .split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        email: form.text("sender_email"),
        phone: form.text("sender_phone"),
        contact: crate::model::Contact {
            name: form.text("sender_contact"),
            title: form.text("sender_title"),
        },
    }
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
    if parent.as_deref() == Some(fo.id.as_str()) {
        form.set_error(
            "parent",
            app.t(
                "et forum kan ikke ligge under sig selv",
                "a forum cannot be its own parent",
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
    fo.ensure_member_ids();
    if let Some((n, m)) = fo.members.iter().enumerate().find(|(_, m)| {
        !m.email.trim().is_empty() && crate::mail::settings::check_address(&m.email, "").is_err()
    }) {
        form.set_error(
            "members",
            format!(
                "{} {}: {:?} {}",
                app.t("linje", "line"),
                n + 1,
                m.email,
                app.t(
                    "er ikke én gyldig e-mailadresse (navn@eksempel.dk)",
                    "is not one valid e-mail address (name@example.dk)"
                )
            ),
        );
        return Err(app
            .t("Ret det markerede felt.", "Fix the marked field.")
            .into());
    }
    match parse_standard_items(&form.text("standard_items")) {
        Ok(mut items) => {
            // The form does not show a standard item's indstilling: keep it by title.
            for it in items.iter_mut() {
                if let Some(old) = fo.standard_items.iter().find(|o| o.title == it.title) {
                    it.recommendation = old.recommendation.clone();
                }
            }
            fo.standard_items = items;
        }
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
    let sender = sender_of(form);
    if sender != app.ws.settings.sender {
        let mut settings = app.ws.settings.clone();
        settings.sender = sender;
        app.save_settings(settings, "changed the letters' sender")?;
    }
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
        // The indstilling is not in the text; submit keeps it by title.
        let items: Vec<StandardItem> = ws.forums[0]
            .standard_items
            .iter()
            .map(|s| StandardItem {
                recommendation: String::new(),
                ..s.clone()
            })
            .collect();
        assert!(!items.is_empty());
        assert_eq!(
            parse_standard_items(&standard_items_text(&items)).unwrap(),
            items
        );
        let e = parse_standard_items("Meddelelser | o | 10\nEventuelt | x | 5").unwrap_err();
        assert!(e.starts_with("2:"), "{e}");
        assert!(parse_standard_items("Punkt | b | ti").is_err());
        let one = parse_standard_items("Eventuelt | o | 5 | sidst").unwrap();
        assert!(one[0].last && !one[0].follow_up);
    }

    #[test]
    fn members_round_trip_and_keep_unknown_fields() {
        let mut m = Member {
            authority: "Finansministeriet".into(),
            representative: "Anna".into(),
            email: "a@fm.dk".into(),
            extra: Extra::new(),
            ..Default::default()
        };
        m.extra.insert("telefon".into(), serde_json::json!("1234"));
        let text = members_text(std::slice::from_ref(&m));
        let back = parse_members(&format!("{text}\n\nKL | Bo |"), &[m.clone()]);
        assert_eq!(back.len(), 2);
        assert_eq!(back[0], m);
        assert_eq!(back[1].authority, "KL");
        assert_eq!(back[1].email, "");
    }

    /// Renaming an authority in its row keeps the member's id (so its replies, attendance and
    /// action items stay with it); a new row gets none (submit gives it one); ids stay unique.
    #[test]
    fn a_member_renamed_in_place_keeps_its_id() {
        let old = vec![
            Member {
                id: "fm".into(),
                authority: "Finansministeriet".into(),
                ..Default::default()
            },
            Member {
                id: "kl".into(),
                authority: "KL".into(),
                ..Default::default()
            },
        ];
        let back = parse_members("Finans- og Økonomiministeriet | A\nKL | B\nATP | C", &old);
        let ids: Vec<&str> = back.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["fm", "kl", ""]);
        let swapped = parse_members("KL\nFinansministeriet", &old);
        let ids: Vec<&str> = swapped.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["kl", "fm"], "found by name before position");
        let mut f = Forum::new("psg", "P", "P");
        f.members = back;
        assert!(f.ensure_member_ids());
        assert_eq!(f.members[2].id, "atp");
    }
}
