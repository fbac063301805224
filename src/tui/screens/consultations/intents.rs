//! What a confirm or a picker on the consultations screen leads to (`confirmed`, `picked`).

use super::*;

pub fn confirmed(app: &mut App, i: ConsultationsIntent) {
    match i {
        ConsultationsIntent::Rewrite { from, to, cases } => rewrite_for(app, &from, &to, &cases),
        ConsultationsIntent::Send { consultation } => {
            let stamp = app.stamp();
            match send(&app.ws, &consultation, app.today, &stamp) {
                Ok(ch) => {
                    if app.commit(ch, "consultation sent").is_ok() {
                        app.flash(
                            format!(
                                "{} {}",
                                consultation,
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
        ConsultationsIntent::Conclude { consultation } => {
            if let Err(e) = do_conclude(app, &consultation, None) {
                app.flash(e, Tone::Error);
            }
        }
        ConsultationsIntent::ToAgenda {
            meeting: mid,
            consultation,
        } => {
            let cases = app
                .ws
                .consultation(&consultation)
                .map(|c| c.cases.clone())
                .unwrap_or_default();
            let mut added = vec![];
            for case in cases {
                let stamp = app.stamp();
                match crate::ops::meeting::add_case(&app.ws, &mid, &case, &stamp) {
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
        ConsultationsIntent::Delete { consultation } => delete(app, &consultation),
        // Forms and pickers, not confirmations.
        ConsultationsIntent::New
        | ConsultationsIntent::Edit { .. }
        | ConsultationsIntent::Escalate { .. }
        | ConsultationsIntent::Reply { .. }
        | ConsultationsIntent::Override { .. }
        | ConsultationsIntent::ReadReplies
        | ConsultationsIntent::NewCase
        | ConsultationsIntent::AddCase { .. }
        | ConsultationsIntent::ChooseEscalation { .. } => {}
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

pub fn picked(app: &mut App, i: ConsultationsIntent, id: &str) {
    match i {
        ConsultationsIntent::NewCase => create_from_form(app, id),
        ConsultationsIntent::AddCase { consultation } => add_case(app, &consultation, id),
        ConsultationsIntent::ChooseEscalation { .. } => {
            let f = escalate_form(app, id);
            app.open_form(f);
        }
        // Forms and confirmations, not pickers.
        ConsultationsIntent::New
        | ConsultationsIntent::Edit { .. }
        | ConsultationsIntent::Escalate { .. }
        | ConsultationsIntent::Reply { .. }
        | ConsultationsIntent::Override { .. }
        | ConsultationsIntent::ReadReplies
        | ConsultationsIntent::Rewrite { .. }
        | ConsultationsIntent::Send { .. }
        | ConsultationsIntent::Conclude { .. }
        | ConsultationsIntent::ToAgenda { .. }
        | ConsultationsIntent::Delete { .. } => {}
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
