//! The forums screen's forms (member row, standard item, forum with the letters' sender) and what
//! submitting them does.

use super::*;

/// The form of one member row. Every field of [`Member`] a user keeps is here; unknown fields of
/// the member (`extra`) stay as they were.
pub(super) fn member_form(app: &App, forum: &str, index: Option<usize>, m: &Member) -> Form {
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
pub(super) fn member_from_form(form: &Form, mut m: Member) -> Member {
    m.authority = form.text("authority").trim().to_string();
    m.representative = form.text("representative").trim().to_string();
    m.email = form.text("email").trim().to_string();
    m
}

pub(super) fn yes_no(app: &App) -> FieldKind {
    FieldKind::Choice(vec![
        ("false".to_string(), app.t("[ ] nej", "[ ] no").to_string()),
        ("true".to_string(), app.t("[x] ja", "[x] yes").to_string()),
    ])
}

pub(super) fn flag(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

/// The form of one standard item: one field per field of [`StandardItem`] (a new field there is
/// one line here and one in [`item_from_form`]).
pub(super) fn item_form(app: &App, forum: &str, index: Option<usize>, it: &StandardItem) -> Form {
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
        .map(|k| (super::super::cases::snake(k), k.label(app.lang).to_string()))
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
                &super::super::cases::snake(&it.kind),
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
pub(super) fn item_from_form(app: &App, form: &Form, mut it: StandardItem) -> StandardItem {
    it.title = form.text("title").trim().to_string();
    it.kind = super::super::cases::unsnake(&form.text("kind")).unwrap_or(it.kind);
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

pub(super) fn forum_form(app: &App, fo: &Forum, target: Option<&str>) -> Form {
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
pub(super) fn sender_fields(app: &App) -> Vec<Field> {
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
pub(super) fn sender_of(form: &Form) -> crate::model::Sender {
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

/// Saves a member (`member`) or standard-item row form; `index` None adds a row.
pub(super) fn submit_row(
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
        .ok_or_else(|| super::super::common::gone(app))?;
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
                    .ok_or_else(|| super::super::common::gone(app))?;
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
                    .ok_or_else(|| super::super::common::gone(app))?;
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
                .ok_or_else(|| super::super::common::gone(app))?,
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
