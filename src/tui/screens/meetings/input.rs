//! The meetings screen's keys in action: `update` routes an [`Action`] on the list or the open meeting.

use super::*;

/// The open meeting and the part under the cursor.
pub(super) fn current(app: &App) -> Option<(Meeting, Option<Part>)> {
    let (d, m) = open_meeting(app)?;
    let part = parts(app, m).get(d.cursor).cloned();
    Some((m.clone(), part))
}

/// The agenda item the cursor is on (an action item of this meeting counts as its item).
pub(super) fn selected_item(app: &mut App) -> Option<(Meeting, usize)> {
    let (m, part) = current(app)?;
    match part {
        Some(Part::Item(i)) => Some((m, i)),
        Some(Part::Action { meeting, item, .. }) if meeting == m.id => Some((m, item)),
        _ => {
            app.flash(
                app.t(
                    "Vælg et punkt på dagsordenen (j/k).",
                    "Select an agenda item (j/k).",
                ),
                Tone::Info,
            );
            None
        }
    }
}

pub(super) fn with_meeting(app: &App, s: ScreenId) -> bool {
    app.screen == s && app.view_of(s).detail.is_some()
}

pub fn update(app: &mut App, a: Action) -> bool {
    let detail = with_meeting(app, ScreenId::Meetings);
    match a {
        Action::New => {
            let mut m = Meeting::new(
                "",
                app.ws.settings.default_forum.as_deref().unwrap_or(""),
                app.today,
            );
            m.date = app.today;
            let f = meeting_form(app, &m, MeetingForm::New);
            app.open_form(f);
        }
        Action::EditMeeting => edit_meeting(app),
        Action::Edit if !detail => edit_meeting(app),
        Action::Edit => edit_part(app),
        Action::CopyMeeting => {
            let Some(m) = app.current_id().and_then(|id| app.ws.meeting(&id).cloned()) else {
                return true;
            };
            let f = meeting_form(app, &m, MeetingForm::Copy(&m.id));
            app.open_form(f);
        }
        Action::Export => {
            if let Some(id) = app.current_id() {
                offer_exports(app, &id);
            }
        }
        Action::Delete => ask_delete(app),
        Action::SendMail => {
            if let Some((m, _)) = current(app) {
                let kind = if held(&m) {
                    crate::model::DispatchKind::Minutes
                } else {
                    crate::model::DispatchKind::Agenda
                };
                crate::tui::mail::ask_send(app, kind, &m.id);
            }
        }
        _ if !detail => return false,
        Action::AddCase => add_case(app),
        Action::Bilag => {
            if let Some((m, i)) = selected_item(app) {
                super::super::bilag::open(app, crate::ops::bilag::Owner::Item(m.id.clone(), i));
            }
        }
        Action::AddItem => {
            let Some((m, _)) = current(app) else {
                return true;
            };
            if agenda_locked(app, &m) {
                return true;
            }
            let mut it = AgendaItem::new("", ItemKind::Information);
            it.minutes_allotted = 10;
            let f = item_form(app, &m.id, &it, None);
            app.open_form(f);
        }
        Action::MoveUp | Action::MoveDown => {
            let Some((m, i)) = selected_item(app) else {
                return true;
            };
            if agenda_locked(app, &m) {
                return true;
            }
            let delta = if a == Action::MoveUp { -1 } else { 1 };
            match ops::move_item(&app.ws, &m.id, i, delta) {
                Ok((_, to)) if to == i => {}
                Ok((nm, to)) => {
                    if app
                        .commit(
                            vec![Change::Update(AnyRecord::Meeting(nm))],
                            "moved an item",
                        )
                        .is_ok()
                    {
                        focus(app, &Part::Item(to));
                    }
                }
                Err(e) => app.flash(e.message(app.lang), Tone::Error),
            }
        }
        Action::RemoveItem => {
            let Some((m, part)) = current(app) else {
                return true;
            };
            match part {
                Some(Part::Item(i)) => {
                    if agenda_locked(app, &m) {
                        return true;
                    }
                    let Some(it) = m.items.get(i) else {
                        return true;
                    };
                    let extra = if it.case.is_some() {
                        app.t(" Sagen bliver klar igen.", " The case goes back to ready.")
                    } else {
                        ""
                    };
                    let text = format!(
                        "{} {}: {}?{extra} {}",
                        app.t("Fjern punkt", "Remove item"),
                        i + 1,
                        safe_line(&it.title),
                        app.t("(j/n; [u] fortryder)", "(y/n; [u] undoes it)")
                    );
                    app.confirm(
                        &text,
                        Intent::Meetings(MeetingsIntent::RemoveItem {
                            meeting: m.id.clone(),
                            item: i,
                        }),
                    );
                }
                Some(Part::Action {
                    meeting,
                    item,
                    index,
                }) if meeting == m.id => {
                    if minutes_locked(app, &m) {
                        return true;
                    }
                    let text = format!(
                        "{} {}",
                        app.t("Fjern opfølgningspunktet?", "Remove the action item?"),
                        app.t("(j/n; [u] fortryder)", "(y/n; [u] undoes it)")
                    );
                    app.confirm(
                        &text,
                        Intent::Meetings(MeetingsIntent::RemoveActionItem {
                            meeting: m.id.clone(),
                            item,
                            index,
                        }),
                    );
                }
                _ => app.flash(
                    app.t(
                        "Vælg et punkt på dagsordenen (j/k).",
                        "Select an agenda item (j/k).",
                    ),
                    Tone::Info,
                ),
            }
        }
        Action::Dispatch => {
            let Some((m, _)) = current(app) else {
                return true;
            };
            match m.state {
                MeetingState::Draft => {}
                MeetingState::Sent => {
                    app.flash(
                        format!(
                            "{} {} {}",
                            app.t(
                                "Dagsordenen er allerede udsendt (version",
                                "The agenda is already sent (version"
                            ),
                            m.agenda_version,
                            app.t(
                                "); en ændring giver en revideret dagsorden.",
                                "); a change makes a revised agenda."
                            )
                        ),
                        Tone::Info,
                    );
                    return true;
                }
                _ => {
                    agenda_locked(app, &m);
                    return true;
                }
            }
            let mut text = if m.agenda_version > 1 {
                format!(
                    "{} {}? {}",
                    app.t(
                        "Markér revideret dagsorden udsendt, version",
                        "Mark the revised agenda sent, version"
                    ),
                    m.agenda_version,
                    app.t(
                        "Eksporten viser ændringerne.",
                        "The export lists the changes."
                    )
                )
            } else {
                app.t(
                    "Markér dagsordenen som udsendt? Versionen fryses; senere ændringer giver en revideret dagsorden.",
                    "Mark the agenda as sent? The version is frozen; later changes make a revised agenda.",
                )
                .to_string()
            };
            if crate::export::timing::overrun_minutes(&m).is_some() {
                text.push_str(app.t(
                    " NB: punkterne løber over sluttiden.",
                    " Note: the items run past the end time.",
                ));
            }
            text.push_str(app.t(
                " Der sendes ingen e-mail; M sender dagsordenen med e-mail og markerer den udsendt.",
                " No e-mail is sent; M sends the agenda by e-mail and marks it sent.",
            ));
            text.push_str(app.t(" (j/n)", " (y/n)"));
            app.confirm(
                &text,
                Intent::Meetings(MeetingsIntent::Dispatch { meeting: m.id }),
            );
        }
        Action::MarkHeld => {
            let Some((m, _)) = current(app) else {
                return true;
            };
            if held(&m) {
                app.flash(
                    app.t("Mødet er allerede afholdt.", "The meeting is already held."),
                    Tone::Info,
                );
                return true;
            }
            let mut text = app
                .t(
                    "Markér mødet som afholdt? Dagsordenen låses, og referatet kan skrives.",
                    "Mark the meeting as held? The agenda locks and the minutes can be written.",
                )
                .to_string();
            if m.state == MeetingState::Draft {
                text.push_str(app.t(
                    " NB: dagsordenen er ikke markeret som udsendt.",
                    " Note: the agenda is not marked as sent.",
                ));
            }
            if m.date > app.today {
                text.push_str(&format!(
                    " {} {}.",
                    app.t("NB: mødet er først", "Note: the meeting is not until"),
                    super::super::common::long_date(m.date, app.lang)
                ));
            }
            text.push_str(app.t(" (j/n)", " (y/n)"));
            app.confirm(
                &text,
                Intent::Meetings(MeetingsIntent::MarkHeld { meeting: m.id }),
            );
        }
        Action::Attendance => {
            let Some((m, _)) = current(app) else {
                return true;
            };
            if minutes_locked(app, &m) {
                return true;
            }
            match attendance_form(app, &m) {
                Some(f) => app.open_form(f),
                None => app.flash(
                    app.t("Forummet har ingen medlemmer.", "The forum has no members."),
                    Tone::Error,
                ),
            }
        }
        Action::EditDecision => {
            let Some((m, i)) = selected_item(app) else {
                return true;
            };
            if minutes_locked(app, &m) {
                return true;
            }
            if let Some(it) = m.items.get(i) {
                let f = decision_form(app, &m.id, i, it, &it.minutes.decision);
                app.open_form(f);
            }
        }
        Action::InsertFormula => {
            let Some((m, i)) = selected_item(app) else {
                return true;
            };
            if minutes_locked(app, &m) {
                return true;
            }
            let items = meeting_phrases(app, &m)
                .iter()
                .enumerate()
                .map(|(k, s)| PickerItem::new(&k.to_string(), s))
                .collect();
            app.pick(
                app.t("Standardformulering", "Standard formula"),
                items,
                Intent::Meetings(MeetingsIntent::Formula {
                    meeting: m.id.clone(),
                    item: i,
                }),
            );
        }
        Action::AddActionItem => {
            let Some((m, i)) = selected_item(app) else {
                return true;
            };
            if minutes_locked(app, &m) {
                return true;
            }
            let owner = m
                .items
                .get(i)
                .map(|it| it.presenter.clone())
                .unwrap_or_default();
            let a = ActionItem {
                text: String::new(),
                owner,
                ..ActionItem::default()
            };
            let f = action_form(app, &m.id, i, None, &a);
            app.open_form(f);
        }
        Action::ToggleDone => toggle_done(app),
        Action::Approve => {
            let Some((m, _)) = current(app) else {
                return true;
            };
            if m.state != MeetingState::Held {
                minutes_locked(app, &m);
                return true;
            }
            // Check first, so the user hears what is missing before being asked.
            if let Err(e) = ops::approve(&app.ws, &m.id, &app.stamp()) {
                app.flash(e.message(app.lang), Tone::Error);
                return true;
            }
            let text = app.t(
                "Godkend referatet? Det låses, beslutningerne skrives i beslutningsregistret, og sagerne markeres besluttet. (j/n)",
                "Approve the minutes? They lock, the decisions go into the register and the cases are marked decided. (y/n)",
            );
            app.confirm(
                text,
                Intent::Meetings(MeetingsIntent::Approve { meeting: m.id }),
            );
        }
        Action::Reopen => {
            let Some((m, _)) = current(app) else {
                return true;
            };
            if m.state != MeetingState::Approved {
                app.flash(
                    app.t(
                        "Referatet er ikke godkendt.",
                        "The minutes are not approved.",
                    ),
                    Tone::Info,
                );
                return true;
            }
            let f = Form::new(
                &format!(
                    "{} {}",
                    app.t("Genåbn referatet", "Reopen the minutes"),
                    m.id
                ),
                Intent::Meetings(MeetingsIntent::Reopen {
                    meeting: m.id.clone(),
                }),
                vec![
                    Field::new(
                        "reason",
                        app.t("Begrundelse", "Reason"),
                        FieldKind::Multiline,
                        "",
                    )
                    .required(),
                ],
            );
            app.open_form(f);
        }
        _ => return false,
    }
    true
}

/// Deleting a meeting asks first and says what happens to the cases on its agenda.
pub(super) fn ask_delete(app: &mut App) {
    let Some(m) = app.current_id().and_then(|id| app.ws.meeting(&id).cloned()) else {
        return;
    };
    if m.state == MeetingState::Approved {
        app.flash(
            app.t(
                "Et møde med godkendt referat kan ikke slettes ([R] genåbner referatet).",
                "A meeting with approved minutes cannot be deleted (R reopens the minutes).",
            ),
            Tone::Error,
        );
        return;
    }
    let cases = m.items.iter().filter(|it| it.case.is_some()).count();
    let mut text = format!(
        "{} {} {}?",
        app.t("Slet mødet", "Delete the meeting"),
        m.id,
        app.t("med dagsorden", "with its agenda")
    );
    if cases > 0 {
        text.push_str(&format!(
            " {cases} {}",
            app.t("sag(er) bliver klar igen.", "case(s) go back to ready.")
        ));
    }
    text.push_str(app.t(" (j/n; [u] fortryder)", " (y/n; [u] undoes it)"));
    app.confirm(
        &text,
        Intent::Meetings(MeetingsIntent::Delete { meeting: m.id }),
    );
}

pub(super) fn edit_meeting(app: &mut App) {
    let Some(m) = app.current_id().and_then(|id| app.ws.meeting(&id).cloned()) else {
        return;
    };
    if m.state == MeetingState::Approved {
        minutes_locked(app, &m);
        return;
    }
    let f = meeting_form(app, &m, MeetingForm::Edit(&m.id));
    app.open_form(f);
}

pub(super) fn edit_part(app: &mut App) {
    let Some((m, part)) = current(app) else {
        return;
    };
    match part {
        Some(Part::Item(i)) => {
            if agenda_locked(app, &m) {
                return;
            }
            if let Some(it) = m.items.get(i) {
                let f = item_form(app, &m.id, it, Some(i));
                app.open_form(f);
            }
        }
        Some(Part::Action {
            meeting,
            item,
            index,
        }) => {
            let Some(src) = app.ws.meeting(&meeting).cloned() else {
                return;
            };
            if minutes_locked(app, &src) {
                return;
            }
            if let Some(a) = src
                .items
                .get(item)
                .and_then(|it| it.minutes.action_items.get(index))
            {
                let f = action_form(app, &src.id, item, Some(index), a);
                app.open_form(f);
            }
        }
        None => edit_meeting(app),
    }
}
