//! The minutes' steps: action items marked done, and the decision phrases offered.

use super::*;

/// Says why the minutes cannot be written now.
pub(super) fn minutes_locked(app: &mut App, m: &Meeting) -> bool {
    // The rule is ops' (minutes_editable); the words here add the key that helps.
    if ops::minutes_editable(m).is_ok() {
        return false;
    }
    let msg = match m.state {
        MeetingState::Approved => app.t(
            "Referatet er godkendt og låst; [R] genåbner det.",
            "The minutes are approved and locked; R reopens them.",
        ),
        _ => app.t(
            "Markér først mødet som afholdt (H).",
            "Mark the meeting held first (H).",
        ),
    };
    app.flash(msg, Tone::Error);
    true
}

pub(super) fn toggle_done(app: &mut App) {
    let Some((_, part)) = current(app) else {
        return;
    };
    let Some(Part::Action {
        meeting,
        item,
        index,
    }) = part
    else {
        app.flash(
            app.t(
                "Vælg et opfølgningspunkt (j/k) for at markere det udført.",
                "Select an action item (j/k) to mark it done.",
            ),
            Tone::Info,
        );
        return;
    };
    let Some(f) = ops::follow_up_list(&app.ws, app.today, true)
        .into_iter()
        .find(|f| f.meeting == meeting && f.item == item && f.index == index)
    else {
        return;
    };
    let done = !f.action.done;
    match ops::set_action_done(&app.ws, &f, done) {
        Ok(nm) => {
            if app
                .commit(
                    vec![Change::Update(AnyRecord::Meeting(nm))],
                    if done {
                        "action item done"
                    } else {
                        "action item reopened"
                    },
                )
                .is_ok()
            {
                clamp_cursor(app);
                app.flash(
                    format!(
                        "{}: {}",
                        if done {
                            app.t("Udført", "Done")
                        } else {
                            app.t("Åben igen", "Open again")
                        },
                        safe_line(&f.action.text)
                    ),
                    Tone::Success,
                );
            }
        }
        Err(e) => app.flash(e.message(app.lang), Tone::Error),
    }
}

/// The decision phrases of the meeting's forum (its own, else the common ones with its name).
pub(super) fn meeting_phrases(app: &App, m: &Meeting) -> Vec<String> {
    let l = app.ws.settings.language;
    app.ws
        .forum(&m.forum)
        .map(|f| f.phrases(l))
        .unwrap_or_else(|| crate::model::forum::common_phrases("", l))
}
