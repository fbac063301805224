//! The consultations screen's forms (new, edit, escalate) and what submitting them does.

use super::*;

pub(super) fn forum_default(app: &App) -> String {
    app.ws
        .settings
        .default_forum
        .clone()
        .filter(|f| app.ws.forum(f).is_some())
        .or_else(|| app.ws.forums.first().map(|f| f.id.clone()))
        .unwrap_or_default()
}

pub(super) fn new_form(app: &App) -> Form {
    let forum = forum_default(app);
    let dl = default_deadline(&app.ws, &forum, app.today);
    Form::new(
        app.t("Ny skriftlig høring", "New written consultation"),
        Intent::Consultations(ConsultationsIntent::New),
        vec![
            Field::new(
                "forum",
                app.t("Forum", "Forum"),
                FieldKind::Ref(RefKind::Forum),
                &forum,
            )
            .required(),
            Field::new(
                "subject",
                app.t(
                    "Emne (tomt: sagens titel)",
                    "Subject (blank: the case's title)",
                ),
                FieldKind::Text,
                "",
            ),
            Field::new(
                "send",
                app.t("Udsendelse", "Sending"),
                FieldKind::Choice(vec![
                    (
                        "draft".into(),
                        app.t(
                            "Kladde: læs brevet ([w]), send med [S]",
                            "Draft: read the letter ([w]), send with [S]",
                        )
                        .into(),
                    ),
                    ("now".into(), app.t("Sendt nu", "Sent now").into()),
                ]),
                "draft",
            ),
            Field::new(
                "sent",
                app.t("Udsendt", "Sent"),
                FieldKind::Date,
                &format_date(app.today),
            )
            .required(),
            Field::new(
                "deadline_date",
                app.t("Svarfrist, dato", "Deadline, date"),
                FieldKind::Date,
                &format_date(dl.date()),
            ),
            Field::new(
                "deadline_time",
                app.t("Svarfrist, kl.", "Deadline, time"),
                FieldKind::Time,
                &format_time(dl.time(), app.lang),
            ),
        ],
    )
}

pub(super) fn field_initial(form: &Form, key: &str) -> String {
    form.fields
        .iter()
        .find(|f| f.key == key)
        .map(|f| f.initial.trim().to_string())
        .unwrap_or_default()
}

/// The deadline a creation form asks for: what was typed, or the forum's rule when the deadline
/// is blank or was left at its default while the forum or the sent date changed.
pub(super) fn form_deadline(app: &App, form: &Form, forum: &str, sent: NaiveDate) -> NaiveDateTime {
    let rule = default_deadline(&app.ws, forum, sent);
    let untouched = form.text("deadline_date") == field_initial(form, "deadline_date")
        && form.text("deadline_time") == field_initial(form, "deadline_time");
    let moved = form.text("forum") != field_initial(form, "forum")
        || form.text("sent") != field_initial(form, "sent");
    if untouched && moved {
        return rule;
    }
    match form.date("deadline_date", app.today, app.lang) {
        Some(d) => d.and_time(
            form.time("deadline_time", app.lang)
                .unwrap_or_else(|| rule.time()),
        ),
        None => rule,
    }
}

pub(super) fn edit_form(app: &App, c: &Consultation) -> Form {
    Form::new(
        &format!("{} {}", app.t("Rediger høring", "Edit consultation"), c.id),
        Intent::Consultations(ConsultationsIntent::Edit {
            consultation: c.id.clone(),
        }),
        vec![
            Field::new(
                "subject",
                app.t("Emne", "Subject"),
                FieldKind::Text,
                &c.subject,
            )
            .required(),
            Field::new(
                "sent",
                app.t("Udsendt", "Sent"),
                FieldKind::Date,
                &c.sent_date.map(format_date).unwrap_or_default(),
            ),
            Field::new(
                "deadline_date",
                app.t("Svarfrist, dato", "Deadline, date"),
                FieldKind::Date,
                &c.deadline
                    .map(|d| format_date(d.date()))
                    .unwrap_or_default(),
            ),
            Field::new(
                "deadline_time",
                app.t("Svarfrist, kl.", "Deadline, time"),
                FieldKind::Time,
                &c.deadline
                    .map(|d| format_time(d.time(), app.lang))
                    .unwrap_or_default(),
            ),
            Field::new(
                "journal",
                app.t("J.nr.", "Ref. no."),
                FieldKind::Text,
                &c.journal,
            ),
            Field::new(
                "remarks",
                app.t(
                    "Sekretariatets bemærkninger (høringsnotat)",
                    "The secretariat's remarks (summary)",
                ),
                FieldKind::Multiline,
                &c.remarks,
            ),
        ],
    )
}

pub(super) fn escalate_form(app: &App, case_id: &str) -> Form {
    Form::new(
        &format!("{} {case_id}", app.t("Eskalér sag", "Escalate case")),
        Intent::Consultations(ConsultationsIntent::Escalate {
            case: case_id.to_string(),
        }),
        vec![Field::new(
            "note",
            app.t("Bemærkning", "Note"),
            FieldKind::Multiline,
            "",
        )],
    )
}

pub fn submit(app: &mut App, i: ConsultationsIntent, form: &mut Form) -> Result<(), String> {
    match i {
        ConsultationsIntent::ReadReplies => crate::tui::mail::submit_receive(app, form),
        ConsultationsIntent::New => {
            let forum = form.text("forum");
            if app.ws.forum(&forum).is_none() {
                form.set_error("forum", app.t("vælg et forum", "choose a forum").into());
                return Err(app.t("Vælg et forum.", "Choose a forum.").into());
            }
            let sent = form.date("sent", app.today, app.lang).unwrap_or(app.today);
            if crate::ops::consultation::check_deadline(
                sent,
                form_deadline(app, form, &forum, sent),
            )
            .is_err()
            {
                form.set_error(
                    "deadline_date",
                    app.t("ligger før udsendelsen", "is before the sending")
                        .into(),
                );
                return Err(app
                    .t(
                        "Svarfristen skal ligge efter udsendelsen.",
                        "The deadline must come after the sending.",
                    )
                    .into());
            }
            let items = ready_cases(app);
            if items.is_empty() {
                return Err(app
                    .t(
                        "Ingen sager er klar til høring; markér en sag klar på Sager (3, r).",
                        "No case is ready for a consultation; mark one ready on Cases (3, r).",
                    )
                    .into());
            }
            // The form stays open under the picker: Esc in the picker goes back to it.
            form.error = None;
            app.open_form(form.clone());
            app.pick(
                app.t(
                    "Vælg sagen der skal i høring",
                    "Choose the case to consult on",
                ),
                items,
                Intent::Consultations(ConsultationsIntent::NewCase),
            );
            Ok(())
        }
        ConsultationsIntent::Edit {
            consultation: target,
        } => {
            let mut c = app.ws.consultation(&target).cloned().ok_or_else(|| {
                app.t(
                    "Høringen findes ikke længere.",
                    "The consultation no longer exists.",
                )
                .to_string()
            })?;
            c.subject = form.text("subject");
            c.journal = form.text("journal");
            c.remarks = form.text("remarks");
            c.sent_date = form.date("sent", app.today, app.lang);
            c.deadline = form.date("deadline_date", app.today, app.lang).map(|d| {
                d.and_time(
                    form.time("deadline_time", app.lang)
                        .or(c.deadline.map(|x| x.time()))
                        .unwrap_or_else(noon),
                )
            });
            if let (Some(sent), Some(dl)) = (c.sent_date, c.deadline)
                && let Err(e) = crate::ops::consultation::check_deadline(sent, dl)
            {
                form.set_error(
                    "deadline_date",
                    app.t("ligger før udsendelsen", "is before the sending")
                        .into(),
                );
                return Err(e.message(app.lang));
            }
            app.commit(vec![Change::Update(AnyRecord::Consultation(c))], "edited")?;
            app.flash(
                format!("{target} {}", app.t("er gemt.", "saved.")),
                Tone::Success,
            );
            Ok(())
        }
        ConsultationsIntent::Reply {
            consultation,
            authority,
        } => {
            let (id, authority) = (consultation.as_str(), authority.as_str());
            let kind: ReplyKind =
                super::super::cases::unsnake(&form.text("kind")).unwrap_or(ReplyKind::Consent);
            let text = form.text("text");
            let received = form.date("received", app.today, app.lang);
            // The rules are ops' (check_reply); the form only points at the field concerned.
            let c = match set_reply(&app.ws, id, authority, kind, &text, received) {
                Ok(c) => c,
                Err(e) => {
                    match &e {
                        crate::ops::OpError::ReplyNeedsText => {
                            let msg = app.t(
                                "skriv bemærkningerne eller indsigelsen",
                                "write the comments or the objection",
                            );
                            form.set_error("text", msg.into());
                            form.focus = 1;
                        }
                        crate::ops::OpError::ReplyBeforeSent { sent, .. } => {
                            form.set_error(
                                "received",
                                format!(
                                    "{} {}",
                                    app.t("høringen blev sendt", "the consultation was sent on"),
                                    short_date(*sent)
                                ),
                            );
                        }
                        _ => {}
                    }
                    return Err(e.message(app.lang));
                }
            };
            app.commit(
                vec![Change::Update(AnyRecord::Consultation(c))],
                "reply recorded",
            )?;
            let t = app
                .ws
                .consultation(id)
                .and_then(|c| app.ws.forum(&c.forum).map(|f| tally(c, f)))
                .unwrap_or_default();
            app.flash(
                format!(
                    "{authority}: {} ({} {}/{}).",
                    kind.label(app.lang),
                    app.t("svar", "replies"),
                    t.replied(),
                    t.total()
                ),
                Tone::Success,
            );
            // On to the next member: replies usually come in one after another.
            let max = detail_len(app);
            if let Some(d) = &mut app.view_of_mut(ScreenId::Consultations).detail
                && d.cursor + 1 < max
            {
                d.cursor += 1;
            }
            Ok(())
        }
        ConsultationsIntent::Override {
            consultation: target,
        } => {
            let outcome: ConsultationOutcome = super::super::cases::unsnake(&form.text("outcome"))
                .unwrap_or(ConsultationOutcome::Adopted);
            let reason = form.text("reason");
            do_conclude(app, &target, Some((outcome, &reason)))
        }
        ConsultationsIntent::Escalate { case: target } => {
            let note = form.text("note");
            let case =
                escalate(&app.ws, &target, &note, &app.stamp()).map_err(|e| e.message(app.lang))?;
            let forum = case.forum.clone().unwrap_or_default();
            let forum = app.ws.forum(&forum).map_or(forum, |f| f.name.clone());
            app.commit(vec![Change::Update(AnyRecord::Case(case))], "escalated")?;
            app.flash(
                format!(
                    "{target} {} {forum}",
                    app.t("er eskaleret til", "escalated to")
                ),
                Tone::Success,
            );
            Ok(())
        }
        // Confirmations and pickers, not forms.
        ConsultationsIntent::Rewrite { .. }
        | ConsultationsIntent::Send { .. }
        | ConsultationsIntent::Conclude { .. }
        | ConsultationsIntent::ToAgenda { .. }
        | ConsultationsIntent::Delete { .. }
        | ConsultationsIntent::NewCase
        | ConsultationsIntent::AddCase { .. }
        | ConsultationsIntent::ChooseEscalation { .. } => Ok(()),
    }
}

/// The creation form under the picker, taken off the popup stack.
pub(super) fn take_new_form(app: &mut App) -> Option<Form> {
    let i = app.popups.iter().rposition(|p| {
        matches!(p, Popup::Form(f)
            if f.intent == Intent::Consultations(ConsultationsIntent::New))
    })?;
    match app.popups.remove(i) {
        Popup::Form(f) => Some(f),
        _ => None,
    }
}

pub(super) fn create_from_form(app: &mut App, case_id: &str) {
    let Some(mut form) = take_new_form(app) else {
        return;
    };
    let forum = form.text("forum");
    let sent = form.date("sent", app.today, app.lang).unwrap_or(app.today);
    let deadline = form_deadline(app, &form, &forum, sent);
    let subject = form
        .opt_text("subject")
        .or_else(|| app.ws.case(case_id).map(|c| c.title.clone()))
        .unwrap_or_default();
    let stamp = app.stamp();
    let draft = form.text("send") != "now";
    let make = if draft { create_draft } else { create };
    let result = make(
        &app.ws,
        &forum,
        &[case_id.to_string()],
        &subject,
        sent,
        Some(deadline),
        &stamp,
    )
    .map_err(|e| e.message(app.lang));
    let new_id = result.as_ref().ok().and_then(|ch| {
        ch.iter().find_map(|c| match c {
            Change::Create(AnyRecord::Consultation(c)) => Some(c.id.clone()),
            _ => None,
        })
    });
    // The form goes back under a conflict dialog, if the commit opens one.
    let depth = app.popups.len();
    let result = result.and_then(|ch| app.commit(ch, "consultation created"));
    match (result, new_id) {
        (Ok(()), Some(id)) if draft => {
            app.open_record(RecordKind::Consultation, &id);
            app.back.pop();
            app.flash(
                format!(
                    "{id} {}",
                    app.t(
                        "er oprettet som kladde: [w] skriver høringsbrevet, så det kan læses; [S] sender høringen.",
                        "is created as a draft: [w] writes the letter to read it; [S] sends the consultation."
                    )
                ),
                Tone::Success,
            );
        }
        (Ok(()), Some(id)) => {
            app.open_record(RecordKind::Consultation, &id);
            app.back.pop();
            app.flash(
                format!(
                    "{id} {}: {}. {}",
                    app.t("oprettet, svarfrist", "created, deadline"),
                    deadline_text(deadline, app.lang),
                    app.t("w: høringsbrev, r: svar.", "w: letter, r: replies.")
                ),
                Tone::Success,
            );
        }
        (Err(e), _) => {
            form.error = Some(e);
            let at = depth.min(app.popups.len());
            app.popups.insert(at, crate::tui::popup::Popup::Form(form));
        }
        (Ok(()), None) => {}
    }
}
