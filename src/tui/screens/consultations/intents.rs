//! What a confirm or a picker on the consultations screen leads to (`confirmed`, `picked`).

use super::*;

pub fn confirmed(app: &mut App, p: &Pending) {
    match p.what.as_str() {
        "rewrite" => rewrite_for(app, &p.target),
        "send" => {
            let stamp = app.stamp();
            match send(&app.ws, &p.target, app.today, &stamp) {
                Ok(ch) => {
                    if app.commit(ch, "consultation sent").is_ok() {
                        app.flash(
                            format!(
                                "{} {}",
                                p.target,
                                app.t(
                                    "er sendt; [r] registrerer svarene.",
                                    "is sent; [r] records the replies."
                                )
                            ),
                            Tone::Success,
                        );
                    }
                }
                Err(e) => app.flash(e.message(app.lang), Tone::Error),
            }
        }
        "conclude" => {
            if let Err(e) = do_conclude(app, &p.target, None) {
                app.flash(e, Tone::Error);
            }
        }
        "to-agenda" => {
            let (mid, cid) = p.target.split_once('\t').unwrap_or(("", ""));
            let cases = app
                .ws
                .consultation(cid)
                .map(|c| c.cases.clone())
                .unwrap_or_default();
            let mut added = vec![];
            for case in cases {
                let stamp = app.stamp();
                match crate::ops::meeting::add_case(&app.ws, mid, &case, &stamp) {
                    Ok(ch) => {
                        if app.commit(ch, "put on the agenda").is_ok() {
                            added.push(case);
                        }
                    }
                    Err(e) => {
                        app.flash(format!("{case}: {}", e.message(app.lang)), Tone::Error);
                        return;
                    }
                }
            }
            app.flash(
                format!(
                    "{} {} {mid}.",
                    added.join(", "),
                    app.t("står nu på dagsordenen for", "is now on the agenda of")
                ),
                Tone::Success,
            );
        }
        "delete" => delete(app, &p.target),
        _ => {}
    }
}

/// Deletes the consultation; cases still in it become ready again.
pub(super) fn delete(app: &mut App, id: &str) {
    let changes = match crate::ops::consultation::delete(&app.ws, id, &app.stamp()) {
        Ok(c) => c,
        Err(e) => {
            app.flash(e.message(app.lang), Tone::Error);
            return;
        }
    };
    if app.commit(changes, "deleted").is_ok() {
        app.view_of_mut(ScreenId::Consultations).detail = None;
        app.flash(
            format!(
                "{id} {}",
                app.t("er slettet ([u] fortryder).", "deleted ([u] undoes it).")
            ),
            Tone::Success,
        );
    }
}

pub fn picked(app: &mut App, p: &Pending, id: &str) {
    match p.what.as_str() {
        "new-case" => create_from_form(app, id),
        "add-case" => add_case(app, &p.target, id),
        "escalate" => {
            let f = escalate_form(app, id);
            app.open_form(f);
        }
        _ => {}
    }
}

pub(super) fn add_case(app: &mut App, consultation: &str, case_id: &str) {
    let changes =
        match crate::ops::consultation::add_case(&app.ws, consultation, case_id, &app.stamp()) {
            Ok(c) => c,
            Err(e @ crate::ops::OpError::CaseAlreadyInConsultation(_)) => {
                app.flash(e.message(app.lang), Tone::Info);
                return;
            }
            Err(e) => {
                app.flash(e.message(app.lang), Tone::Error);
                return;
            }
        };
    if app.commit(changes, "case added to consultation").is_ok() {
        app.flash(
            format!(
                "{case_id} {} {consultation}.",
                app.t("er tilføjet høringen", "is added to the consultation")
            ),
            Tone::Success,
        );
    }
}
