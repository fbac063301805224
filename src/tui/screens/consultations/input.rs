//! The consultations screen's keys in action: `update` on the list or the open consultation.

use super::*;

/// The ready cases, as picker items.
pub(super) fn ready_cases(app: &App) -> Vec<PickerItem> {
    app.ws
        .cases
        .iter()
        .filter(|c| c.state == CaseState::Ready)
        .map(|c| PickerItem::new(&c.id, &format!("{} {}", c.id, c.title)))
        .collect()
}

pub(super) fn no_ready_cases(app: &mut App) {
    app.flash(
        app.t(
            "Ingen sager er klar til høring; markér en sag klar på Sager (3, r).",
            "No case is ready for a consultation; mark one ready on Cases (3, r).",
        ),
        Tone::Error,
    );
}

pub(super) fn current(app: &App) -> Option<Consultation> {
    app.current_id()
        .and_then(|id| app.ws.consultation(&id).cloned())
}

/// Refuses (with a message) to change a concluded consultation.
pub(super) fn still_open(app: &mut App, c: &Consultation) -> bool {
    if c.state == ConsultationState::Concluded {
        app.flash(
            format!(
                "{} {}",
                c.id,
                app.t(
                    "er afsluttet og kan ikke ændres.",
                    "is concluded and cannot change."
                )
            ),
            Tone::Error,
        );
        return false;
    }
    true
}

pub fn update(app: &mut App, a: Action) -> bool {
    match a {
        Action::Dispatch => {
            let Some((c, _)) = open(app) else {
                return true;
            };
            let c = c.clone();
            if c.state != ConsultationState::Draft {
                app.flash(
                    format!(
                        "{} {}",
                        c.id,
                        app.t("er allerede sendt.", "has already been sent.")
                    ),
                    Tone::Info,
                );
                return true;
            }
            let deadline = default_deadline(&app.ws, &c.forum, app.today);
            let text = format!(
                "{} {} {}; {} {}? {}",
                app.t("Send", "Send"),
                c.id,
                app.t("i dag", "today"),
                app.t("svarfrist", "reply deadline"),
                deadline_text(deadline, app.lang),
                app.t("(j/n; [u] fortryder)", "(y/n; [u] undoes it)")
            );
            app.confirm(
                &text,
                Intent::Consultations(ConsultationsIntent::Send {
                    consultation: c.id.clone(),
                }),
            );
        }
        Action::New => {
            if ready_cases(app).is_empty() {
                no_ready_cases(app);
            } else {
                let f = new_form(app);
                app.open_form(f);
            }
        }
        Action::Edit => {
            if let Some(c) = current(app) {
                let f = edit_form(app, &c);
                app.open_form(f);
            }
        }
        Action::AddCase => {
            let Some(c) = current(app) else { return true };
            if !still_open(app, &c) {
                return true;
            }
            let items = ready_cases(app);
            if items.is_empty() {
                no_ready_cases(app);
                return true;
            }
            app.pick(
                app.t("Tilføj en klar sag", "Add a ready case"),
                items,
                Intent::Consultations(ConsultationsIntent::AddCase {
                    consultation: c.id.clone(),
                }),
            );
        }
        Action::Reply => {
            let Some((c, forum)) = open(app) else {
                return true;
            };
            let (c, forum) = (c.clone(), forum.clone());
            if !still_open(app, &c) {
                return true;
            }
            if c.state == ConsultationState::Draft {
                app.flash(
                    format!(
                        "{} {}",
                        c.id,
                        app.t(
                            "er en kladde: [S] sender den, så kan svarene registreres.",
                            "is a draft: [S] sends it, then replies can be recorded."
                        )
                    ),
                    Tone::Info,
                );
                return true;
            }
            let cursor = app
                .view_of(ScreenId::Consultations)
                .detail
                .as_ref()
                .map_or(0, |d| d.cursor);
            let Some(m) = forum.members.get(cursor) else {
                app.flash(
                    app.t("Vælg et medlem (j/k).", "Choose a member (j/k)."),
                    Tone::Info,
                );
                return true;
            };
            let f = reply_form(app, &c, &m.authority);
            app.open_form(f);
        }
        Action::Conclude => ask_conclude(app),
        Action::ConcludeOverride => {
            let Some(c) = current(app) else { return true };
            if !still_open(app, &c) {
                return true;
            }
            let Some(forum) = app.ws.forum(&c.forum) else {
                return true;
            };
            let prop = proposed_outcome(&c, forum, now(app));
            let f = override_form(app, &c, &prop);
            app.open_form(f);
        }
        Action::Escalate => {
            let Some(c) = current(app) else { return true };
            match c.cases.as_slice() {
                [] => app.flash(
                    app.t(
                        "Høringen har ingen sager.",
                        "The consultation has no cases.",
                    ),
                    Tone::Info,
                ),
                [one] => {
                    let f = escalate_form(app, one);
                    app.open_form(f);
                }
                many => {
                    let items = many
                        .iter()
                        .map(|id| {
                            let title = app.ws.case(id).map_or("", |c| c.title.as_str());
                            PickerItem::new(id, &format!("{id} {title}"))
                        })
                        .collect();
                    app.pick(
                        app.t("Eskalér hvilken sag?", "Escalate which case?"),
                        items,
                        Intent::Consultations(ConsultationsIntent::ChooseEscalation {
                            consultation: c.id.clone(),
                        }),
                    );
                }
            }
        }
        Action::Export => write_doc(app, DocKind::Letter),
        Action::ExportReminder => write_doc(app, DocKind::Reminder),
        Action::ExportSummary => write_doc(app, DocKind::Summary),
        Action::SendMail | Action::SendReminderMail => {
            if let Some(c) = current(app) {
                // A draft is sent (S) first: that fixes the date and the deadline in the letter.
                if c.state == ConsultationState::Draft {
                    app.flash(
                        format!(
                            "{} {}",
                            c.id,
                            app.t(
                                "er en kladde: [S] sender høringen (dato og svarfrist), derefter sender [M] brevet som e-mail.",
                                "is a draft: [S] sends the consultation (date and deadline), then [M] e-mails the letter."
                            )
                        ),
                        Tone::Info,
                    );
                    return true;
                }
                let kind = if a == Action::SendMail {
                    crate::model::DispatchKind::Letter
                } else {
                    crate::model::DispatchKind::Reminder
                };
                crate::tui::mail::ask_send(app, kind, &c.id);
            }
        }
        Action::ReceiveMail => crate::tui::mail::ask_receive(app),
        Action::Delete => {
            let Some(c) = current(app) else { return true };
            let text = format!(
                "{} {}: {}? {} {}",
                app.t("Slet høringen", "Delete the consultation"),
                c.id,
                safe_line(&c.subject),
                if c.state == ConsultationState::Concluded {
                    app.t(
                        "Beslutningerne bliver stående.",
                        "Its decisions stay in the register.",
                    )
                } else {
                    app.t(
                        "Dens sager bliver klar igen.",
                        "Its cases become ready again.",
                    )
                },
                app.t("(j/n; [u] fortryder)", "(y/n; [u] undoes it)")
            );
            app.confirm(
                &text,
                Intent::Consultations(ConsultationsIntent::Delete {
                    consultation: c.id.clone(),
                }),
            );
        }
        _ => return false,
    }
    true
}
