//! The meetings screen's forms (meeting, agenda item, decision, action item, attendance) and what submitting them does.

use super::*;

/// Form keys of the attendance form: one choice and one name per member (the first 40 members).
pub(super) const ATT_KINDS: [&str; 40] = [
    "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11", "a12", "a13", "a14",
    "a15", "a16", "a17", "a18", "a19", "a20", "a21", "a22", "a23", "a24", "a25", "a26", "a27",
    "a28", "a29", "a30", "a31", "a32", "a33", "a34", "a35", "a36", "a37", "a38", "a39",
];
pub(super) const ATT_NAMES: [&str; 40] = [
    "n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "n11", "n12", "n13", "n14",
    "n15", "n16", "n17", "n18", "n19", "n20", "n21", "n22", "n23", "n24", "n25", "n26", "n27",
    "n28", "n29", "n30", "n31", "n32", "n33", "n34", "n35", "n36", "n37", "n38", "n39",
];

// ----- the list -----

/// Which meeting form: a new meeting, a copy of the structure of one, or editing one.
#[derive(Debug, Clone, Copy)]
pub(super) enum MeetingForm<'a> {
    New,
    Copy(&'a str),
    Edit(&'a str),
}

pub(super) fn meeting_form(app: &App, m: &Meeting, which: MeetingForm) -> Form {
    let l = app.lang;
    let mut fields = vec![];
    if matches!(which, MeetingForm::New) {
        fields.push(
            Field::new(
                "forum",
                app.t("Forum", "Forum"),
                FieldKind::Ref(RefKind::Forum),
                &m.forum,
            )
            .required(),
        );
    }
    fields.extend([
        Field::new(
            "date",
            app.t("Dato", "Date"),
            FieldKind::Date,
            &if matches!(which, MeetingForm::Copy(_)) {
                String::new()
            } else {
                format_date(m.date)
            },
        )
        .required(),
        Field::new(
            "start",
            app.t("Start", "Start"),
            FieldKind::Time,
            &m.start.map(|t| format_time(t, l)).unwrap_or_default(),
        ),
        Field::new(
            "end",
            app.t("Slut", "End"),
            FieldKind::Time,
            &m.end.map(|t| format_time(t, l)).unwrap_or_default(),
        ),
        Field::new("place", app.t("Sted", "Place"), FieldKind::Text, &m.place),
        Field::new(
            "chair",
            app.t("Formand", "Chair"),
            FieldKind::Text,
            &m.chair,
        ),
        Field::new(
            "secretary",
            app.t("Referent", "Minutes taken by"),
            FieldKind::Text,
            &m.secretary,
        ),
        Field::new(
            "journal",
            app.t("J.nr.", "Ref. no."),
            FieldKind::Text,
            &m.journal,
        ),
    ]);
    let (title, intent) = match which {
        MeetingForm::Copy(id) => (
            format!(
                "{} {id}",
                app.t(
                    "Nyt møde med strukturen fra",
                    "New meeting with the structure of"
                )
            ),
            MeetingsIntent::Copy { from: id.into() },
        ),
        MeetingForm::Edit(id) => (
            format!("{} {id}", app.t("Rediger møde", "Edit meeting")),
            MeetingsIntent::Edit { meeting: id.into() },
        ),
        MeetingForm::New => (
            app.t("Nyt møde", "New meeting").to_string(),
            MeetingsIntent::New,
        ),
    };
    Form::new(&title, Intent::Meetings(intent), fields)
}

pub(super) fn kind_options(app: &App) -> Vec<(String, String)> {
    [
        ItemKind::Decision,
        ItemKind::Discussion,
        ItemKind::Information,
    ]
    .iter()
    .map(|k| (snake(k), k.label(app.lang).to_string()))
    .collect()
}

pub(super) fn yes_no(app: &App) -> Vec<(String, String)> {
    vec![
        ("no".into(), app.t("Nej", "No").into()),
        ("yes".into(), app.t("Ja", "Yes").into()),
    ]
}

pub(super) fn item_form(app: &App, mid: &str, it: &AgendaItem, index: Option<usize>) -> Form {
    let title = match index {
        Some(i) => format!("{} {}", app.t("Rediger punkt", "Edit item"), i + 1),
        None => app.t("Nyt punkt", "New item").to_string(),
    };
    let meeting = mid.to_string();
    let intent = match index {
        Some(item) => MeetingsIntent::EditItem { meeting, item },
        None => MeetingsIntent::AddItem { meeting },
    };
    Form::new(
        &title,
        Intent::Meetings(intent),
        vec![
            Field::new("title", app.t("Titel", "Title"), FieldKind::Text, &it.title).required(),
            Field::new(
                "kind",
                app.t("Art", "Kind"),
                FieldKind::Choice(kind_options(app)),
                &snake(&it.kind),
            ),
            Field::new(
                "presenter",
                app.t("Oplægsholder", "Presenter"),
                FieldKind::Text,
                &it.presenter,
            ),
            Field::new(
                "minutes",
                app.t("Minutter", "Minutes"),
                FieldKind::Number,
                &it.minutes_allotted.to_string(),
            ),
            Field::new(
                "recommendation",
                app.t("Indstilling", "Recommendation"),
                FieldKind::Multiline,
                &it.recommendation,
            ),
            Field::new(
                "background",
                app.t("Sagsfremstilling", "Background"),
                FieldKind::Multiline,
                &it.background,
            ),
            Field::new(
                "attachments",
                app.t("Bilag (titel | sti)", "Attachments (title | path)"),
                FieldKind::Multiline,
                &attachments_text(&it.attachments),
            ),
            Field::new(
                "closed",
                app.t("Lukket punkt", "Closed item"),
                FieldKind::Choice(yes_no(app)),
                if it.closed { "yes" } else { "no" },
            ),
        ],
    )
}

pub(super) fn decision_form(app: &App, mid: &str, i: usize, it: &AgendaItem, text: &str) -> Form {
    let mut f = Form::new(
        &format!(
            "{} {}: {}",
            app.t("Beslutning, punkt", "Decision, item"),
            i + 1,
            truncate(&it.title, 50)
        ),
        Intent::Meetings(MeetingsIntent::Decision {
            meeting: mid.into(),
            item: i,
        }),
        vec![Field::new(
            "decision",
            app.t("Beslutning", "Decision"),
            FieldKind::Multiline,
            text,
        )],
    );
    // Opened with a formula inserted: that counts as typed, so Esc asks before throwing it away.
    if let Some(field) = f.fields.first_mut() {
        field.initial = it.minutes.decision.clone();
    }
    f
}

pub(super) fn action_form(
    app: &App,
    mid: &str,
    item: usize,
    index: Option<usize>,
    a: &ActionItem,
) -> Form {
    Form::new(
        &format!(
            "{}, {} {}",
            app.t("Opfølgningspunkt", "Action item"),
            app.t("punkt", "item"),
            item + 1
        ),
        Intent::Meetings(MeetingsIntent::ActionItem {
            meeting: mid.into(),
            item,
            index,
        }),
        vec![
            Field::new("text", app.t("Tekst", "Text"), FieldKind::Text, &a.text).required(),
            Field::new(
                "owner",
                app.t("Ansvarlig", "Owner"),
                FieldKind::Text,
                &a.owner,
            ),
            Field::new(
                "due",
                app.t("Frist", "Due"),
                FieldKind::Date,
                &a.due.map(format_date).unwrap_or_default(),
            ),
        ],
    )
}

pub(super) fn attendance_options(app: &App) -> Vec<(String, String)> {
    [
        AttendanceKind::Present,
        AttendanceKind::Absent,
        AttendanceKind::Substitute,
    ]
    .iter()
    .map(|k| (snake(k), k.label(app.lang).to_string()))
    .collect()
}

pub(super) fn attendance_form(app: &App, m: &Meeting) -> Option<Form> {
    let forum = app.ws.forum(&m.forum)?;
    if forum.members.is_empty() {
        return None;
    }
    let mut fields = vec![];
    for (i, mem) in forum.members.iter().enumerate().take(ATT_KINDS.len()) {
        let cur = m.attendance.iter().find(|a| a.authority == mem.authority);
        let kind = cur.map_or(AttendanceKind::Present, |a| a.kind);
        let name = cur
            .map(|a| a.name.clone())
            .filter(|n| !n.trim().is_empty() || kind == AttendanceKind::Substitute)
            .unwrap_or_else(|| mem.representative.clone());
        fields.push(Field::new(
            ATT_KINDS[i],
            &mem.authority,
            FieldKind::Choice(attendance_options(app)),
            &snake(&kind),
        ));
        fields.push(Field::new(
            ATT_NAMES[i],
            app.t("  navn", "  name"),
            FieldKind::Text,
            &name,
        ));
    }
    Some(Form::new(
        &format!(
            "{} {} ({})",
            app.t("Fremmøde", "Attendance"),
            short_date(m.date),
            app.t(
                "←/→ skifter, navn på stedfortræder",
                "←/→ changes, substitute's name"
            )
        ),
        Intent::Meetings(MeetingsIntent::Attendance {
            meeting: m.id.clone(),
        }),
        fields,
    ))
}

// ----- actions -----

/// Words a refusal from `ops` in the UI's language.
pub(super) fn err(l: crate::model::Language) -> impl Fn(crate::ops::OpError) -> String {
    move |e| e.message(l)
}

/// Creates a meeting from the form: a new one, or one with the structure of `from`.
fn create_meeting(app: &mut App, form: &mut Form, from: Option<&str>) -> Result<(), String> {
    let l = app.lang;
    let date = form
        .date("date", app.today, l)
        .ok_or_else(|| super::super::common::gone(app))?;
    let (start, end, place) = (
        form.time("start", l),
        form.time("end", l),
        form.text("place"),
    );
    let m = if let Some(from) = from {
        let from = app
            .ws
            .meeting(from)
            .cloned()
            .ok_or_else(|| super::super::common::gone(app))?;
        let mut m = ops::copy_structure(&app.ws, &from, date);
        m.start = start;
        m.end = end;
        m.place = place;
        m
    } else {
        let forum = form.text("forum");
        ops::new_meeting(&app.ws, &forum, date, start, end, &place).map_err(err(l))?
    };
    let mut m = m;
    m.chair = form.text("chair");
    m.secretary = form.text("secretary");
    m.journal = form.text("journal");
    let id = m.id.clone();
    app.commit(vec![Change::Create(AnyRecord::Meeting(m))], "created")?;
    app.open_record(RecordKind::Meeting, &id);
    app.back.pop();
    app.flash(
        format!(
            "{id} {}",
            app.t(
                "er oprettet; [a] tilføjer en sag.",
                "created; [a] adds a case."
            )
        ),
        Tone::Success,
    );
    Ok(())
}

pub fn submit(app: &mut App, intent: MeetingsIntent, form: &mut Form) -> Result<(), String> {
    let l = app.lang;
    match intent {
        MeetingsIntent::New => create_meeting(app, form, None)?,
        MeetingsIntent::Copy { from } => create_meeting(app, form, Some(&from))?,
        MeetingsIntent::Edit { meeting: target } => {
            let date = form
                .date("date", app.today, l)
                .ok_or_else(|| super::super::common::gone(app))?;
            let mut m = app
                .ws
                .meeting(&target)
                .cloned()
                .ok_or_else(|| super::super::common::gone(app))?;
            let before = (m.date, m.start, m.end, m.place.clone());
            m.date = date;
            m.start = form.time("start", l);
            m.end = form.time("end", l);
            m.place = form.text("place");
            m.chair = form.text("chair");
            m.secretary = form.text("secretary");
            m.journal = form.text("journal");
            if before != (m.date, m.start, m.end, m.place.clone()) {
                ops::note_change(
                    &mut m,
                    match app.ws.settings.language {
                        crate::model::Language::Da => "Tid eller sted ændret".into(),
                        crate::model::Language::En => "Time or place changed".into(),
                    },
                );
            }
            app.commit(vec![Change::Update(AnyRecord::Meeting(m))], "edited")?;
            app.flash(
                format!("{target} {}", app.t("er gemt.", "saved.")),
                Tone::Success,
            );
        }
        MeetingsIntent::AddItem { meeting } => save_item(app, form, &meeting, None)?,
        MeetingsIntent::EditItem { meeting, item } => save_item(app, form, &meeting, Some(item))?,
        MeetingsIntent::Decision {
            meeting: target,
            item: i,
        } => {
            let nm =
                ops::set_decision(&app.ws, &target, i, &form.text("decision")).map_err(err(l))?;
            app.commit(
                vec![Change::Update(AnyRecord::Meeting(nm))],
                "recorded a decision",
            )?;
            app.flash(
                format!(
                    "{} {} {}",
                    app.t("Beslutningen for punkt", "The decision of item"),
                    i + 1,
                    app.t("er gemt.", "is saved.")
                ),
                Tone::Success,
            );
        }
        MeetingsIntent::ActionItem {
            meeting: target,
            item: i,
            index: b,
        } => {
            let act = ActionItem {
                text: form.text("text"),
                owner: form.text("owner"),
                due: form.date("due", app.today, l),
                done: b
                    .and_then(|k| {
                        app.ws
                            .meeting(&target)
                            .and_then(|m| m.items.get(i))
                            .and_then(|it| it.minutes.action_items.get(k))
                    })
                    .is_some_and(|x| x.done),
                owner_member: String::new(),
            };
            let (nm, k) = ops::put_action_item(&app.ws, &target, i, b, act).map_err(err(l))?;
            app.commit(
                vec![Change::Update(AnyRecord::Meeting(nm))],
                "recorded an action item",
            )?;
            focus(
                app,
                &Part::Action {
                    meeting: target.clone(),
                    item: i,
                    index: k,
                },
            );
            app.flash(
                app.t(
                    "Opfølgningspunktet er gemt; det står på opfølgningslisten.",
                    "The action item is saved; it is on the follow-up list.",
                ),
                Tone::Success,
            );
        }
        MeetingsIntent::Attendance { meeting: target } => {
            let m = app
                .ws
                .meeting(&target)
                .cloned()
                .ok_or_else(|| super::super::common::gone(app))?;
            let members = app
                .ws
                .forum(&m.forum)
                .map(|f| f.members.clone())
                .unwrap_or_default();
            let mut att = vec![];
            let mut missing = None;
            for (i, mem) in members.iter().enumerate().take(ATT_KINDS.len()) {
                let kind: AttendanceKind =
                    unsnake(&form.text(ATT_KINDS[i])).unwrap_or(AttendanceKind::Present);
                let name = form.text(ATT_NAMES[i]);
                if kind == AttendanceKind::Substitute
                    && (name.is_empty() || name == mem.representative)
                {
                    missing.get_or_insert(i);
                }
                att.push(Attendance {
                    authority: mem.authority.clone(),
                    member: mem.id.clone(),
                    kind,
                    name,
                });
            }
            if let Some(i) = missing {
                form.set_error(
                    ATT_NAMES[i],
                    app.t("skriv stedfortræderens navn", "type the substitute's name")
                        .into(),
                );
                form.focus = i * 2 + 1;
                return Err(app
                    .t(
                        "En stedfortræder mangler et navn.",
                        "A substitute has no name.",
                    )
                    .into());
            }
            // Attendance of authorities not in the form (no longer in the forum, or beyond the
            // form's first members) is kept as it was.
            let in_form: Vec<&str> = members
                .iter()
                .take(ATT_KINDS.len())
                .map(|mem| mem.authority.as_str())
                .collect();
            att.extend(
                m.attendance
                    .iter()
                    .filter(|x| !in_form.contains(&x.authority.as_str()))
                    .cloned(),
            );
            let nm = ops::set_attendance(&app.ws, &target, att).map_err(err(l))?;
            app.commit(
                vec![Change::Update(AnyRecord::Meeting(nm))],
                "recorded attendance",
            )?;
            app.flash(
                app.t("Fremmødet er gemt.", "The attendance is saved."),
                Tone::Success,
            );
        }
        MeetingsIntent::Reopen { meeting: target } => {
            let reason = form.text("reason");
            let nm = ops::reopen(&app.ws, &target, &reason, &app.stamp()).map_err(err(l))?;
            let summary = format!(
                "minutes reopened: {}",
                reason.lines().collect::<Vec<_>>().join(" ")
            );
            app.commit(vec![Change::Update(AnyRecord::Meeting(nm))], &summary)?;
            app.flash(
                app.t(
                    "Referatet er genåbnet; begrundelsen er gemt i historikken.",
                    "The minutes are reopened; the reason is kept in the history.",
                ),
                Tone::Success,
            );
        }
        // Confirmations and pickers, not forms.
        MeetingsIntent::RemoveItem { .. }
        | MeetingsIntent::RemoveActionItem { .. }
        | MeetingsIntent::Delete { .. }
        | MeetingsIntent::Dispatch { .. }
        | MeetingsIntent::MarkHeld { .. }
        | MeetingsIntent::Approve { .. }
        | MeetingsIntent::Export { .. }
        | MeetingsIntent::AddCase { .. }
        | MeetingsIntent::Formula { .. } => {}
    }
    Ok(())
}

/// Saves an agenda item form: a new item of `target`, or its item `a`.
fn save_item(app: &mut App, form: &mut Form, target: &str, a: Option<usize>) -> Result<(), String> {
    let l = app.lang;
    let mut it = AgendaItem::new(&form.text("title"), ItemKind::Information);
    it.kind = unsnake(&form.text("kind")).unwrap_or(ItemKind::Information);
    it.presenter = form.text("presenter");
    it.minutes_allotted = form.number("minutes", l).unwrap_or(0);
    it.recommendation = form.text("recommendation");
    it.background = form.text("background");
    let old = a
        .and_then(|i| app.ws.meeting(target).and_then(|m| m.items.get(i)))
        .map(|i| i.attachments.clone())
        .unwrap_or_default();
    it.attachments =
        super::super::cases::keep_recorded(&old, parse_attachments(&form.text("attachments")));
    it.closed = form.text("closed") == "yes";
    let (nm, at) = match a {
        Some(i) => (ops::update_item(&app.ws, target, i, it).map_err(err(l))?, i),
        None => ops::add_item(&app.ws, target, it).map_err(err(l))?,
    };
    app.commit(
        vec![Change::Update(AnyRecord::Meeting(nm))],
        if a.is_some() {
            "edited an item"
        } else {
            "added an item"
        },
    )?;
    focus(app, &Part::Item(at));
    app.flash(
        format!(
            "{} {} {}",
            app.t("Punkt", "Item"),
            at + 1,
            app.t("er gemt.", "saved.")
        ),
        Tone::Success,
    );
    Ok(())
}
