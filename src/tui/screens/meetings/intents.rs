//! What a confirm or a picker on the meetings screen leads to (`confirmed`, `picked`).

use super::*;

pub fn confirmed(app: &mut App, intent: MeetingsIntent) {
    let l = app.lang;
    let result: Result<(), String> = (|| match intent {
        MeetingsIntent::RemoveItem {
            meeting: id,
            item: i,
        } => {
            let ch = ops::remove_item(&app.ws, &id, i, &app.stamp()).map_err(err(l))?;
            app.commit(ch, "removed an item")?;
            clamp_cursor(app);
            app.flash(
                format!(
                    "{} {} {}",
                    app.t("Punkt", "Item"),
                    i + 1,
                    app.t("er fjernet ([u] fortryder).", "removed ([u] undoes it).")
                ),
                Tone::Success,
            );
            Ok(())
        }
        MeetingsIntent::Delete { meeting: id } => {
            let ch = ops::delete_meeting(&app.ws, &id, &app.stamp()).map_err(err(l))?;
            app.commit(ch, "deleted")?;
            app.view_of_mut(ScreenId::Meetings).detail = None;
            app.flash(
                format!(
                    "{id} {}",
                    app.t("er slettet ([u] fortryder).", "deleted ([u] undoes it).")
                ),
                Tone::Success,
            );
            Ok(())
        }
        MeetingsIntent::RemoveActionItem {
            meeting: id,
            item,
            index,
        } => {
            let nm = ops::remove_action_item(&app.ws, &id, item, index).map_err(err(l))?;
            app.commit(
                vec![Change::Update(AnyRecord::Meeting(nm))],
                "removed an action item",
            )?;
            clamp_cursor(app);
            app.flash(
                app.t(
                    "Opfølgningspunktet er fjernet ([u] fortryder).",
                    "The action item is removed ([u] undoes it).",
                ),
                Tone::Success,
            );
            Ok(())
        }
        MeetingsIntent::Dispatch { meeting: id } => {
            let nm = ops::dispatch(&app.ws, &id, app.today).map_err(err(l))?;
            let v = nm.agenda_version;
            app.commit(
                vec![Change::Update(AnyRecord::Meeting(nm))],
                &format!("agenda version {v} dispatched"),
            )?;
            app.flash(
                format!(
                    "{} {v} {}",
                    app.t("Dagsorden version", "Agenda version"),
                    app.t(
                        "er markeret udsendt; [w] skriver filerne, [H] markerer mødet afholdt.",
                        "is marked sent; [w] writes the files, [H] marks the meeting held."
                    )
                ),
                Tone::Success,
            );
            Ok(())
        }
        MeetingsIntent::MarkHeld { meeting: id } => {
            let nm = ops::mark_held(&app.ws, &id).map_err(err(l))?;
            app.commit(
                vec![Change::Update(AnyRecord::Meeting(nm))],
                "meeting marked held",
            )?;
            app.flash(
                app.t(
                    "Mødet er afholdt: t fremmøde, b beslutning, f standardformulering, o opfølgningspunkt.",
                    "The meeting is held: t attendance, b decision, f formula, o action item.",
                ),
                Tone::Success,
            );
            Ok(())
        }
        MeetingsIntent::Approve { meeting: id } => {
            let ch = ops::approve(&app.ws, &id, &app.stamp()).map_err(err(l))?;
            let n = ch
                .iter()
                .filter(|c| matches!(c.record(), AnyRecord::Decision(_)))
                .count();
            app.commit(ch, "minutes approved")?;
            clamp_cursor(app);
            app.flash(
                format!(
                    "{} {n} {}",
                    app.t(
                        "Referatet er godkendt og låst;",
                        "The minutes are approved and locked;"
                    ),
                    app.t(
                        "beslutning(er) i beslutningsregistret.",
                        "decision(s) in the register."
                    )
                ),
                Tone::Success,
            );
            Ok(())
        }
        // Forms and pickers, not confirmations.
        MeetingsIntent::New
        | MeetingsIntent::Copy { .. }
        | MeetingsIntent::Edit { .. }
        | MeetingsIntent::AddItem { .. }
        | MeetingsIntent::EditItem { .. }
        | MeetingsIntent::Decision { .. }
        | MeetingsIntent::ActionItem { .. }
        | MeetingsIntent::Attendance { .. }
        | MeetingsIntent::Reopen { .. }
        | MeetingsIntent::Export { .. }
        | MeetingsIntent::AddCase { .. }
        | MeetingsIntent::Formula { .. } => Ok(()),
    })();
    if let Err(e) = result {
        app.flash(e, Tone::Error);
    }
}

pub fn picked(app: &mut App, intent: MeetingsIntent, id: &str) {
    match intent {
        MeetingsIntent::Export { meeting } => match id {
            "text" => export_files(app, &meeting),
            "pdf" => export_pdf(app, &meeting),
            "pack" | "pack-public" => app.start_pack(
                &meeting,
                crate::export::pack::PackOptions {
                    public: id == "pack-public",
                    ..Default::default()
                },
            ),
            _ => {}
        },
        MeetingsIntent::AddCase { meeting } => {
            match ops::add_case(&app.ws, &meeting, id, &app.stamp()) {
                Ok(ch) => {
                    if app.commit(ch, "put a case on the agenda").is_ok() {
                        if let Some(i) = app.ws.meeting(&meeting).and_then(|m| {
                            m.items.iter().position(|it| it.case.as_deref() == Some(id))
                        }) {
                            focus(app, &Part::Item(i));
                        }
                        app.flash(
                            format!(
                                "{id} {}",
                                app.t(
                                    "står på dagsordenen; [J]/[K] flytter, [e] redigerer.",
                                    "is on the agenda; [J]/[K] move it, [e] edits."
                                )
                            ),
                            Tone::Success,
                        );
                    }
                }
                Err(e) => app.flash(e.message(app.lang), Tone::Error),
            }
        }
        MeetingsIntent::Formula { meeting, item: i } => {
            let Some(m) = app.ws.meeting(&meeting).cloned() else {
                return;
            };
            let Some(it) = m.items.get(i) else { return };
            let formulas = meeting_phrases(app, &m);
            let Some(text) = id.parse::<usize>().ok().and_then(|k| formulas.get(k)) else {
                return;
            };
            let cur = it.minutes.decision.trim_end();
            let new = if cur.is_empty() {
                text.to_string()
            } else {
                format!("{cur} {text}")
            };
            let f = decision_form(app, &m.id, i, it, &new);
            app.open_form(f);
        }
        // Forms and confirmations, not pickers.
        MeetingsIntent::New
        | MeetingsIntent::Copy { .. }
        | MeetingsIntent::Edit { .. }
        | MeetingsIntent::AddItem { .. }
        | MeetingsIntent::EditItem { .. }
        | MeetingsIntent::Decision { .. }
        | MeetingsIntent::ActionItem { .. }
        | MeetingsIntent::Attendance { .. }
        | MeetingsIntent::Reopen { .. }
        | MeetingsIntent::RemoveItem { .. }
        | MeetingsIntent::RemoveActionItem { .. }
        | MeetingsIntent::Delete { .. }
        | MeetingsIntent::Dispatch { .. }
        | MeetingsIntent::MarkHeld { .. }
        | MeetingsIntent::Approve { .. } => {}
    }
}
