//! Forums ("fora"): the steering group, the group above it and the committees beside it, with their
//! members and rules. Reached with `F` or the palette (it is not one of the six daily screens).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

use super::common::{Page, cell};
use crate::i18n::Label;
use crate::model::ids::slug;
use crate::model::{AnyRecord, Extra, Forum, ItemKind, Member, StandardItem};
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form, RefKind};
use crate::tui::intent::{ForumsIntent, Intent};
use crate::tui::keymap::{Binding, DELETE, EDIT, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::render::draw_list;
use crate::tui::theme::Theme;

const KEYS: &[Binding] = &[
    bind(&[ch('n')], Action::New, "Nyt forum", "New forum"),
    bind(
        &[ch('T')],
        Action::ForumFromTemplate,
        "Porteføljestyregruppen fra skabelon",
        "Porteføljestyregruppen from the template",
    ),
    EDIT,
    DELETE,
];

/// On an open forum, the members and standard items are tables edited row by row.
const DETAIL_KEYS: &[Binding] = &[
    // Enter (Open) edits the row too.
    bind(
        &[ch('e')],
        Action::Edit,
        "Rediger rækken (også Enter)",
        "Edit the row (Enter too)",
    ),
    bind(
        &[ch('a')],
        Action::AddMember,
        "Tilføj medlem",
        "Add a member",
    ),
    bind(
        &[ch('p')],
        Action::AddStandardItem,
        "Tilføj standardpunkt",
        "Add a standard item",
    ),
    bind(
        &[ch('x')],
        Action::RemoveItem,
        "Fjern rækken",
        "Remove the row",
    ),
    bind(
        &[ch('K')],
        Action::MoveUp,
        "Flyt rækken op",
        "Move the row up",
    ),
    bind(
        &[ch('J')],
        Action::MoveDown,
        "Flyt rækken ned",
        "Move the row down",
    ),
    bind(
        &[ch('m')],
        Action::EditMeeting,
        "Rediger forummets navn, regler, overordnet forum",
        "Edit the forum's name, rules, parent",
    ),
    DELETE,
];

pub fn keys(detail: bool) -> &'static [Binding] {
    if detail { DETAIL_KEYS } else { KEYS }
}

/// A row of the open forum's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Member(usize),
    Item(usize),
}

/// The rows of a forum, in cursor order: members, then standard items.
fn rows(fo: &Forum) -> Vec<Row> {
    (0..fo.members.len())
        .map(Row::Member)
        .chain((0..fo.standard_items.len()).map(Row::Item))
        .collect()
}

/// The open forum and the row under the cursor.
fn open_row(app: &App) -> Option<(Forum, Option<Row>)> {
    let d = app.view_of(ScreenId::Forums).detail.as_ref()?;
    let fo = app.ws.forum(&d.id)?.clone();
    let row = rows(&fo).get(d.cursor).copied();
    Some((fo, row))
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

pub fn detail_len(app: &App) -> usize {
    open_row(app).map_or(0, |(fo, _)| rows(&fo).len())
}

/// The forums screen: a forum's page selects its member and standard-item rows.
pub struct Forums;

impl super::Screen for Forums {
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
    fn detail_len(&self, app: &App) -> usize {
        detail_len(app)
    }
}

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let v = app.view_of(ScreenId::Forums);
    let Some(d) = &v.detail else {
        draw_list(app, ScreenId::Forums, f, area, app.t("Fora", "Forums"));
        if app.ws.forums.is_empty() {
            let th = Theme::new(app.color);
            let hint = app.t(
                "Ingen fora endnu. [T] opretter Porteføljestyregruppen fra skabelonen (14 medlemsmyndigheder, standardpunkter, 5 arbejdsdage); [n] opretter et tomt forum.",
                "No forums yet. [T] creates Porteføljestyregruppen from the template (14 member authorities, standard items, 5 working days); [n] creates an empty forum.",
            );
            let r = Rect {
                y: area.y + 2,
                height: area.height.saturating_sub(2),
                ..area
            };
            f.render_widget(ratatui::widgets::Clear, r);
            f.render_widget(
                ratatui::widgets::Paragraph::new(Span::styled(hint, th.hint()))
                    .wrap(ratatui::widgets::Wrap { trim: true }),
                r,
            );
        }
        return;
    };
    let Some(fo) = app.ws.forum(&d.id) else {
        return;
    };
    let th = Theme::new(app.color);
    let mut p = Page::in_lang(app.lang);
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
        &format!(
            "{} ({}) · {}",
            app.t("Medlemmer", "Members"),
            fo.members.len(),
            app.t(
                "[a] tilføjer · [e] retter · [x] fjerner · [K]/[J] flytter",
                "[a] adds · [e] edits · [x] removes · [K]/[J] move"
            )
        ),
    );
    // Column widths from the page's width (2 indent, 2 between columns), so a row never wraps.
    let room = (area.width as usize).saturating_sub(2 + 2 * 2 + 1).max(40);
    let (aw, rw) = (room * 38 / 100, room * 25 / 100);
    let ew = room - aw - rw;
    let tw = (area.width as usize)
        .saturating_sub(2 + 2 * 4 + 16 + 4 + 5 + 10 + 1)
        .max(12);
    let table = |cols: &[(String, usize)]| {
        cols.iter()
            .map(|(t, w)| {
                let t = crate::tui::text::truncate(&crate::tui::text::safe_line(t), *w);
                let pad = w.saturating_sub(crate::tui::text::str_width(&t));
                format!("{t}{}", " ".repeat(pad))
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    p.line(Line::from(Span::styled(
        format!(
            "  {}",
            table(&[
                (app.t("Myndighed", "Authority").into(), aw),
                (app.t("Repræsentant", "Representative").into(), rw),
                (app.t("E-mail", "E-mail").into(), ew),
            ])
        ),
        th.header(),
    )));
    for m in &fo.members {
        p.part(Line::from(format!(
            "  {}",
            table(&[
                (m.authority.clone(), aw),
                (m.representative.clone(), rw),
                (m.email.clone(), ew),
            ])
        )));
    }
    p.heading(
        &th,
        &format!(
            "{} ({}) · {}",
            app.t("Standardpunkter", "Standard items"),
            fo.standard_items.len(),
            app.t("[p] tilføjer", "[p] adds")
        ),
    );
    p.line(Line::from(Span::styled(
        format!(
            "  {}",
            table(&[
                (app.t("Titel", "Title").into(), tw),
                (app.t("Art", "Kind").into(), 16),
                (app.t("Min.", "Min.").into(), 4),
                (app.t("Sidst", "Last").into(), 5),
                (app.t("Opfølgning", "Follow-up").into(), 10),
            ])
        ),
        th.header(),
    )));
    let tick = |b: bool| if b { "[x]" } else { "[ ]" }.to_string();
    for s in &fo.standard_items {
        p.part(Line::from(format!(
            "  {}",
            table(&[
                (s.title.clone(), tw),
                (s.kind.label(app.lang).to_string(), 16),
                (s.minutes.to_string(), 4),
                (tick(s.last), 5),
                (tick(s.follow_up), 10),
            ])
        )));
    }
    p.draw(app, f, area, &fo.name, d.cursor);
}

/// The form of one member row. Every field of [`Member`] a user keeps is here; unknown fields of
/// the member (`extra`) stay as they were.
fn member_form(app: &App, forum: &str, index: Option<usize>, m: &Member) -> Form {
    let title = match index {
        Some(_) => app.t("Rediger medlem", "Edit member"),
        None => app.t("Nyt medlem", "New member"),
    };
    Form::new(
        title,
        Intent::Forums(ForumsIntent::Member {
            forum: forum.to_string(),
            index,
        }),
        vec![
            Field::new(
                "authority",
                app.t("Myndighed", "Authority"),
                FieldKind::Text,
                &m.authority,
            )
            .required(),
            Field::new(
                "representative",
                app.t("Repræsentant", "Representative"),
                FieldKind::Text,
                &m.representative,
            ),
            Field::new(
                "email",
                app.t("E-mail", "E-mail"),
                FieldKind::Text,
                &m.email,
            ),
        ],
    )
}

/// The member row from its form (over the old one, keeping what the form does not show).
fn member_from_form(form: &Form, mut m: Member) -> Member {
    m.authority = form.text("authority").trim().to_string();
    m.representative = form.text("representative").trim().to_string();
    m.email = form.text("email").trim().to_string();
    m
}

fn yes_no(app: &App) -> FieldKind {
    FieldKind::Choice(vec![
        ("false".to_string(), app.t("[ ] nej", "[ ] no").to_string()),
        ("true".to_string(), app.t("[x] ja", "[x] yes").to_string()),
    ])
}

fn flag(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

/// The form of one standard item: one field per field of [`StandardItem`] (a new field there is
/// one line here and one in [`item_from_form`]).
fn item_form(app: &App, forum: &str, index: Option<usize>, it: &StandardItem) -> Form {
    let title = match index {
        Some(_) => app.t("Rediger standardpunkt", "Edit standard item"),
        None => app.t("Nyt standardpunkt", "New standard item"),
    };
    let kinds = FieldKind::Choice(
        [
            ItemKind::Information,
            ItemKind::Discussion,
            ItemKind::Decision,
        ]
        .iter()
        .map(|k| (super::cases::snake(k), k.label(app.lang).to_string()))
        .collect(),
    );
    Form::new(
        title,
        Intent::Forums(ForumsIntent::Item {
            forum: forum.to_string(),
            index,
        }),
        vec![
            Field::new("title", app.t("Titel", "Title"), FieldKind::Text, &it.title).required(),
            Field::new(
                "kind",
                app.t("Art", "Kind"),
                kinds,
                &super::cases::snake(&it.kind),
            ),
            Field::new(
                "minutes",
                app.t("Minutter", "Minutes"),
                FieldKind::Number,
                &it.minutes.to_string(),
            ),
            Field::new(
                "last",
                app.t("Sidst på dagsordenen", "Last on the agenda"),
                yes_no(app),
                flag(it.last),
            ),
            Field::new(
                "follow_up",
                app.t("Viser opfølgningspunkter", "Lists the action items"),
                yes_no(app),
                flag(it.follow_up),
            ),
            Field::new(
                "recommendation",
                app.t("Indstilling", "Recommendation"),
                FieldKind::Multiline,
                &it.recommendation,
            ),
        ],
    )
}

/// The standard item from its form (over the old one).
fn item_from_form(app: &App, form: &Form, mut it: StandardItem) -> StandardItem {
    it.title = form.text("title").trim().to_string();
    it.kind = super::cases::unsnake(&form.text("kind")).unwrap_or(it.kind);
    it.minutes = form.number("minutes", app.lang).unwrap_or(it.minutes);
    it.last = form.text("last") == "true";
    it.follow_up = form.text("follow_up") == "true";
    it.recommendation = form.text("recommendation").trim().to_string();
    it
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
        Intent::Forums(ForumsIntent::Edit {
            forum: target.map(str::to_string),
        }),
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
                "phrases",
                app.t(
                    "Beslutningsformuleringer (én pr. linje)",
                    "Decision phrases (one per line)",
                ),
                FieldKind::Multiline,
                &fo.phrases(app.lang).join("\n"),
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
    let detail = app.view_of(ScreenId::Forums).detail.is_some();
    match a {
        Action::New if !detail => {
            let f = forum_form(app, &Forum::new("", "", ""), None);
            app.open_form(f);
        }
        Action::Edit if !detail => {
            let Some(fo) = app.current_id().and_then(|id| app.ws.forum(&id).cloned()) else {
                return true;
            };
            let f = forum_form(app, &fo, Some(&fo.id));
            app.open_form(f);
        }
        Action::ForumFromTemplate if !detail => from_template(app),
        Action::EditMeeting if detail => {
            if let Some((fo, _)) = open_row(app) {
                let f = forum_form(app, &fo, Some(&fo.id));
                app.open_form(f);
            }
        }
        Action::Edit | Action::Open if detail => match open_row(app) {
            Some((fo, Some(Row::Member(i)))) => {
                if let Some(m) = fo.members.get(i) {
                    let f = member_form(app, &fo.id, Some(i), m);
                    app.open_form(f);
                }
            }
            Some((fo, Some(Row::Item(i)))) => {
                if let Some(it) = fo.standard_items.get(i) {
                    let f = item_form(app, &fo.id, Some(i), it);
                    app.open_form(f);
                }
            }
            _ => app.flash(
                app.t(
                    "Ingen rækker endnu: [a] tilføjer et medlem, [p] et standardpunkt.",
                    "No rows yet: [a] adds a member, [p] a standard item.",
                ),
                Tone::Info,
            ),
        },
        Action::AddMember if detail => {
            if let Some((fo, _)) = open_row(app) {
                let m = Member {
                    id: String::new(),
                    authority: String::new(),
                    representative: String::new(),
                    email: String::new(),
                    extra: Extra::new(),
                };
                let f = member_form(app, &fo.id, None, &m);
                app.open_form(f);
            }
        }
        Action::AddStandardItem if detail => {
            if let Some((fo, _)) = open_row(app) {
                let it = StandardItem {
                    kind: ItemKind::Information,
                    minutes: 5,
                    ..StandardItem::default()
                };
                let f = item_form(app, &fo.id, None, &it);
                app.open_form(f);
            }
        }
        Action::RemoveItem if detail => {
            let Some((fo, Some(row))) = open_row(app) else {
                return true;
            };
            let name = match row {
                Row::Member(i) => fo.members.get(i).map(|m| m.authority.clone()),
                Row::Item(i) => fo.standard_items.get(i).map(|x| x.title.clone()),
            }
            .unwrap_or_default();
            let forum = fo.id.clone();
            let then = match row {
                Row::Member(index) => ForumsIntent::RemoveMember { forum, index },
                Row::Item(index) => ForumsIntent::RemoveItem { forum, index },
            };
            app.confirm(
                &format!(
                    "{} »{}«? {}",
                    app.t("Fjern", "Remove"),
                    crate::tui::text::safe_line(&name),
                    app.t("(j/n; [u] fortryder)", "(y/n; [u] undoes it)")
                ),
                Intent::Forums(then),
            );
        }
        Action::MoveUp | Action::MoveDown if detail => {
            let up = a == Action::MoveUp;
            let Some((mut fo, Some(row))) = open_row(app) else {
                return true;
            };
            let (len, i) = match row {
                Row::Member(i) => (fo.members.len(), i),
                Row::Item(i) => (fo.standard_items.len(), i),
            };
            let j = if up { i.checked_sub(1) } else { Some(i + 1) };
            let Some(j) = j.filter(|&j| j < len) else {
                return true;
            };
            match row {
                Row::Member(_) => fo.members.swap(i, j),
                Row::Item(_) => fo.standard_items.swap(i, j),
            }
            if app
                .commit(vec![Change::Update(AnyRecord::Forum(fo))], "moved a row")
                .is_ok()
                && let Some(d) = &mut app.view_of_mut(ScreenId::Forums).detail
            {
                d.cursor = if up { d.cursor - 1 } else { d.cursor + 1 };
            }
        }
        _ => return false,
    }
    true
}

/// Creates Porteføljestyregruppen from the template and makes it the default forum of new cases
/// when there is none.
fn from_template(app: &mut App) {
    let fo = crate::demo::first_forum_template();
    if app.ws.forum(&fo.id).is_some() {
        app.flash(
            format!(
                "{} ({}) {}",
                fo.name,
                fo.id,
                app.t("findes allerede.", "exists already.")
            ),
            Tone::Info,
        );
        return;
    }
    let id = fo.id.clone();
    if app
        .commit(
            vec![Change::Create(AnyRecord::Forum(fo))],
            "created from the template",
        )
        .is_err()
    {
        return;
    }
    if app.ws.settings.default_forum.is_none() {
        let mut settings = app.ws.settings.clone();
        settings.default_forum = Some(id.clone());
        match app.store.save_settings(&mut settings, "default forum") {
            Ok(()) => app.ws.settings = settings,
            Err(e) => {
                app.flash(app.store_message(&e), Tone::Error);
                return;
            }
        }
    }
    app.open_record(crate::model::RecordKind::Forum, &id);
    app.flash(
        app.t(
            "Porteføljestyregruppen er oprettet og er forum for nye sager; [e] på et medlem udfylder repræsentant og e-mail.",
            "Porteføljestyregruppen is created and is the forum of new cases; [e] on a member fills in representative and e-mail.",
        ),
        Tone::Success,
    );
}

/// Saves a member (`member`) or standard-item row form; `index` None adds a row.
fn submit_row(
    app: &mut App,
    form: &mut Form,
    forum: &str,
    index: Option<usize>,
    member: bool,
) -> Result<(), String> {
    let mut fo = app
        .ws
        .forum(forum)
        .cloned()
        .ok_or_else(|| super::common::gone(app))?;
    if member {
        let email = form.text("email");
        if !email.trim().is_empty()
            && crate::mail::settings::check_address(email.trim(), "").is_err()
        {
            form.set_error(
                "email",
                app.t(
                    "ikke én gyldig e-mailadresse (navn@eksempel.dk)",
                    "not one valid e-mail address (name@example.dk)",
                )
                .into(),
            );
            return Err(app
                .t("Ret det markerede felt.", "Fix the marked field.")
                .into());
        }
        let authority = form.text("authority");
        let dup = fo
            .members
            .iter()
            .enumerate()
            .any(|(k, m)| Some(k) != index && m.authority.trim() == authority.trim());
        if dup {
            form.set_error(
                "authority",
                app.t(
                    "myndigheden er allerede medlem",
                    "the authority is a member already",
                )
                .into(),
            );
            return Err(app
                .t("Ret det markerede felt.", "Fix the marked field.")
                .into());
        }
    }
    let cursor;
    if member {
        match index {
            Some(i) => {
                let old = fo
                    .members
                    .get(i)
                    .cloned()
                    .ok_or_else(|| super::common::gone(app))?;
                fo.members[i] = member_from_form(form, old);
                cursor = i;
            }
            None => {
                let m = Member {
                    id: String::new(),
                    authority: String::new(),
                    representative: String::new(),
                    email: String::new(),
                    extra: Extra::new(),
                };
                fo.members.push(member_from_form(form, m));
                cursor = fo.members.len() - 1;
            }
        }
    } else {
        let blank = StandardItem::default();
        match index {
            Some(i) => {
                let old = fo
                    .standard_items
                    .get(i)
                    .cloned()
                    .ok_or_else(|| super::common::gone(app))?;
                fo.standard_items[i] = item_from_form(app, form, old);
                cursor = fo.members.len() + i;
            }
            None => {
                let it = item_from_form(app, form, blank);
                fo.standard_items.push(it);
                cursor = fo.members.len() + fo.standard_items.len() - 1;
            }
        }
    }
    // A new member gets its stable id (replies, attendance and action items refer to it).
    fo.ensure_member_ids();
    let id = fo.id.clone();
    app.commit(vec![Change::Update(AnyRecord::Forum(fo))], "edited a row")?;
    if let Some(d) = &mut app.view_of_mut(ScreenId::Forums).detail
        && d.id == id
    {
        d.cursor = cursor;
    }
    app.flash(
        format!(
            "{id} {}",
            app.t("er gemt ([u] fortryder).", "saved ([u] undoes it).")
        ),
        Tone::Success,
    );
    Ok(())
}

pub fn submit(app: &mut App, i: ForumsIntent, form: &mut Form) -> Result<(), String> {
    let target = match i {
        ForumsIntent::Edit { forum } => forum,
        ForumsIntent::Member { forum, index } => return submit_row(app, form, &forum, index, true),
        ForumsIntent::Item { forum, index } => return submit_row(app, form, &forum, index, false),
        // Confirmations, not forms.
        ForumsIntent::RemoveMember { .. } | ForumsIntent::RemoveItem { .. } => return Ok(()),
    };
    let l = app.lang;
    let (mut fo, new) = match &target {
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
    let phrases: Vec<String> = form
        .text("phrases")
        .lines()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    // The common phrases are not stored, so a renamed forum's phrases follow its name.
    fo.decision_phrases = if phrases == crate::model::forum::common_phrases(&fo.name, l) {
        vec![]
    } else {
        phrases
    };
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
    if new {
        // Straight to the new forum, where its members and standard items are added.
        app.open_record(crate::model::RecordKind::Forum, &id);
        app.flash(
            format!(
                "{id} {}",
                app.t(
                    "er oprettet: [a] tilføjer medlemmer, [p] standardpunkter.",
                    "is created: [a] adds members, [p] standard items."
                )
            ),
            Tone::Success,
        );
    } else {
        app.flash(
            format!("{id} {}", app.t("er gemt.", "saved.")),
            Tone::Success,
        );
    }
    Ok(())
}

pub fn confirmed(app: &mut App, i: ForumsIntent) {
    let (forum, index, member) = match i {
        ForumsIntent::RemoveMember { forum, index } => (forum, index, true),
        ForumsIntent::RemoveItem { forum, index } => (forum, index, false),
        // Forms, not confirmations.
        ForumsIntent::Edit { .. } | ForumsIntent::Member { .. } | ForumsIntent::Item { .. } => {
            return;
        }
    };
    let Some(mut fo) = app.ws.forum(&forum).cloned() else {
        return;
    };
    if member && index < fo.members.len() {
        fo.members.remove(index);
    } else if !member && index < fo.standard_items.len() {
        fo.standard_items.remove(index);
    } else {
        return;
    }
    if app
        .commit(vec![Change::Update(AnyRecord::Forum(fo))], "removed a row")
        .is_ok()
    {
        app.flash(
            app.t(
                "Rækken er fjernet ([u] fortryder).",
                "The row is removed ([u] undoes it).",
            ),
            Tone::Success,
        );
    }
}

/// The forums screen opens no pickers of its own (a form's reference fields are the app's).
pub fn picked(_app: &mut App, i: ForumsIntent, _id: &str) {
    match i {
        ForumsIntent::Edit { .. }
        | ForumsIntent::Member { .. }
        | ForumsIntent::Item { .. }
        | ForumsIntent::RemoveMember { .. }
        | ForumsIntent::RemoveItem { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn open_psg() -> (tempfile::TempDir, App) {
        use crate::tui::testing::{demo_app, press};
        let (d, mut app) = demo_app();
        press(&mut app, &["F"]);
        let v = app.view_of_mut(ScreenId::Forums);
        v.list.select_id(&v.model, "psg");
        press(&mut app, &["Enter"]);
        (d, app)
    }

    fn psg(app: &App) -> Forum {
        app.ws.forum("psg").unwrap().clone()
    }

    fn on_disk(app: &App) -> serde_json::Value {
        let p = app.store.root().join("forums/psg.json");
        serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
    }

    #[test]
    fn a_standard_item_is_added_with_real_checkboxes_and_choices() {
        use crate::tui::testing::{press, type_text};
        let (_d, mut app) = open_psg();
        let n = psg(&app).standard_items.len();
        press(&mut app, &["p"]);
        type_text(&mut app, "Eventuelt");
        // Kind: Right moves through the choices; minutes; "sidst" ticked with Space.
        press(&mut app, &["Tab", "Right", "Tab", "Backspace"]);
        type_text(&mut app, "10");
        press(&mut app, &["Tab", "Space", "C-s"]);
        assert!(app.popups.is_empty(), "saved");
        let it = psg(&app).standard_items[n].clone();
        assert_eq!(it.title, "Eventuelt");
        assert_eq!(it.minutes, 10);
        assert!(it.last, "the checkbox is ticked: last is true");
        assert!(!it.follow_up);
        assert_eq!(it.kind, ItemKind::Discussion);
        assert_eq!(on_disk(&app)["standard_items"][n]["last"], true);
        // The cursor is on the new row; the page shows it as a table row.
        let s = crate::tui::testing::screen(&mut app, 120, 36);
        assert!(s.contains("[x]"), "{s}");
    }

    #[test]
    fn a_member_row_is_edited_moved_and_removed_keeping_unknown_fields() {
        use crate::tui::popup::Popup;
        use crate::tui::testing::{press, type_text};
        let (_d, mut app) = open_psg();
        // An unknown field on the first member survives the row editor.
        let mut fo = psg(&app);
        fo.members[0]
            .extra
            .insert("telefon".into(), serde_json::json!("1234"));
        app.commit(vec![Change::Update(AnyRecord::Forum(fo))], "test")
            .unwrap();
        let first = psg(&app).members[0].clone();
        let second = psg(&app).members[1].clone();
        press(&mut app, &["g", "e", "Tab"]);
        press(&mut app, &["C-u"]);
        type_text(&mut app, "Ny Repræsentant");
        press(&mut app, &["Tab", "C-u"]);
        type_text(&mut app, "uden-snabel-a");
        press(&mut app, &["C-s"]);
        assert!(
            matches!(app.popups.last(), Some(Popup::Form(f)) if f.fields[2].error.is_some()),
            "a bad e-mail is refused"
        );
        press(&mut app, &["C-u"]);
        type_text(&mut app, "ny@example.dk");
        press(&mut app, &["C-s"]);
        assert!(app.popups.is_empty());
        let m = psg(&app).members[0].clone();
        assert_eq!(m.representative, "Ny Repræsentant");
        assert_eq!(m.email, "ny@example.dk");
        assert_eq!(m.extra.get("telefon"), Some(&serde_json::json!("1234")));
        assert_eq!(on_disk(&app)["members"][0]["telefon"], "1234");
        // Move it down one, then remove it (asks first).
        press(&mut app, &["J"]);
        assert_eq!(psg(&app).members[1].authority, first.authority);
        assert_eq!(psg(&app).members[0].authority, second.authority);
        press(&mut app, &["x", "j"]);
        assert!(
            !psg(&app)
                .members
                .iter()
                .any(|m| m.authority == first.authority)
        );
        press(&mut app, &["u"]);
        assert!(
            psg(&app)
                .members
                .iter()
                .any(|m| m.authority == first.authority)
        );
    }

    #[test]
    fn an_empty_forums_screen_offers_the_template_and_t_creates_it() {
        use crate::tui::testing::{press, screen};
        let dir = tempfile::tempdir().unwrap();
        let mut settings = crate::model::Settings::default();
        let store = crate::store::Store::init(dir.path().join("ws"), &mut settings)
            .unwrap()
            .with_user("test");
        let mut app = App::new(store, None);
        app.color = false;
        press(&mut app, &["F"]);
        let s = screen(&mut app, 80, 24);
        assert!(s.contains("[T] opretter Porteføljestyregruppen"), "{s}");
        press(&mut app, &["T"]);
        let fo = app.ws.forum("psg").expect("created").clone();
        assert_eq!(fo.members.len(), 14);
        assert!(fo.standard_items.iter().any(|i| i.last));
        assert_eq!(fo.agenda_dispatch_working_days, 5);
        assert_eq!(fo.parent, None);
        assert_eq!(app.ws.settings.default_forum.as_deref(), Some("psg"));
        assert!(app.store.root().join("forums/psg.json").exists());
        // A new case now stands before it.
        press(&mut app, &["3", "n"]);
        crate::tui::testing::type_text(&mut app, "Første sag");
        press(&mut app, &["C-s"]);
        assert_eq!(app.ws.cases[0].forum.as_deref(), Some("psg"));
    }

    /// Renaming an authority in its row keeps the member's id (so its replies, attendance and
    /// action items stay with it); a new row gets a fresh one; ids stay unique.
    #[test]
    fn a_member_renamed_in_its_row_keeps_its_id_and_a_new_one_gets_one() {
        use crate::tui::testing::{press, type_text};
        let (_d, mut app) = open_psg();
        let first = psg(&app).members[0].clone();
        assert!(!first.id.is_empty());
        press(&mut app, &["g", "e", "C-u"]);
        type_text(&mut app, "Finans- og Økonomiministeriet");
        press(&mut app, &["C-s"]);
        assert!(app.popups.is_empty());
        let m = psg(&app).members[0].clone();
        assert_eq!(m.authority, "Finans- og Økonomiministeriet");
        assert_eq!(m.id, first.id);
        press(&mut app, &["a"]);
        type_text(&mut app, "Udbetaling Danmark");
        press(&mut app, &["C-s"]);
        let fo = psg(&app);
        let new = fo.members.last().unwrap();
        assert_eq!(new.authority, "Udbetaling Danmark");
        assert!(!new.id.is_empty());
        let ids: std::collections::HashSet<&str> =
            fo.members.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids.len(), fo.members.len(), "unique ids");
    }
}
