//! What a confirm or a picker on the meetings screen leads to (`confirmed`, `picked`).

use super::*;

pub fn confirmed(app: &mut App, p: &Pending) {
    let l = app.lang;
    let id = p.target.clone();
    let kind = p.what.split(':').next().unwrap_or("");
    let (a, b) = indices(&p.what);
    let result: Result<(), String> = (|| match kind {
        "remove" => {
            let i = a.ok_or_else(|| super::super::common::gone(app))?;
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
        "delete" => {
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
        "remove-action" => {
            let nm = ops::remove_action_item(
                &app.ws,
                &id,
                a.ok_or_else(|| super::super::common::gone(app))?,
                b.ok_or_else(|| super::super::common::gone(app))?,
            )
            .map_err(err(l))?;
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
        "dispatch" => {
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
        "held" => {
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
        "approve" => {
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
        _ => Ok(()),
    })();
    if let Err(e) = result {
        app.flash(e, Tone::Error);
    }
}

pub fn picked(app: &mut App, p: &Pending, id: &str) {
    let kind = p.what.split(':').next().unwrap_or("");
    let (a, _) = indices(&p.what);
    match kind {
        "export" => match id {
            "text" => export_files(app, &p.target),
            "pdf" => export_pdf(app, &p.target),
            "pack" | "pack-public" => app.start_pack(
                &p.target,
                crate::export::pack::PackOptions {
                    public: id == "pack-public",
                    ..Default::default()
                },
            ),
            _ => {}
        },
        "add-case" => {
            match ops::add_case(&app.ws, &p.target, id, &app.stamp()) {
                Ok(ch) => {
                    if app.commit(ch, "put a case on the agenda").is_ok() {
                        if let Some(i) = app.ws.meeting(&p.target).and_then(|m| {
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
        "formula" => {
            let Some(i) = a else { return };
            let Some(m) = app.ws.meeting(&p.target).cloned() else {
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
        _ => {}
    }
}
