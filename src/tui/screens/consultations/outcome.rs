//! Concluding a consultation: the proposed outcome, rewriting the recommendation, the next meeting.

use super::*;

pub(super) fn ask_conclude(app: &mut App) {
    let Some(c) = current(app) else { return };
    if !still_open(app, &c) {
        return;
    }
    let Some(forum) = app.ws.forum(&c.forum) else {
        app.flash(
            format!("{} {}", app.t("Ukendt forum", "Unknown forum"), c.forum),
            Tone::Error,
        );
        return;
    };
    let t = tally(&c, forum);
    let prop = proposed_outcome(&c, forum, now(app));
    match prop {
        ProposedOutcome::CannotConcludeYet(_) => {
            let text = format!(
                "{}\n\n{}: {}\n\n{}",
                prop.describe(app.lang),
                app.t("Optælling", "Tally"),
                tally_words(&t, app.lang),
                app.t(
                    "Registrér de manglende svar (r) eller send en rykker (m). \
                     Skal høringen afsluttes alligevel, så tryk C og angiv udfald og begrundelse.",
                    "Record the missing replies (r) or send a reminder (m). \
                     To conclude anyway, press C and give the outcome and a reason."
                )
            );
            app.message_box(
                app.t("Kan ikke afsluttes endnu", "Cannot conclude yet"),
                text,
            );
        }
        _ => {
            let consequence = match prop {
                ProposedOutcome::Adopted => app.t(
                    "Beslutningen skrives i registret, og sagerne bliver afgjort.",
                    "The decision goes into the register and the cases are decided.",
                ),
                _ => app.t(
                    "Beslutningen skrives i registret; sagerne bliver klar til næste møde \
                     (til beslutning, med indsigelserne i sagsfremstillingen).",
                    "The decision goes into the register; the cases become ready for the next \
                     meeting (for decision, with the objections in their background).",
                ),
            };
            let text = format!(
                "{} {}: {}\n{}\n{}\n{}",
                app.t("Afslut høringen", "Conclude"),
                c.id,
                prop.describe(app.lang),
                tally_words(&t, app.lang),
                consequence,
                app.t(
                    "Et andet udfald: n og så C (med begrundelse).",
                    "Another outcome: n, then C (with a reason)."
                )
            );
            app.confirm(
                &text,
                Intent::Consultations(ConsultationsIntent::Conclude {
                    consultation: c.id.clone(),
                }),
            );
        }
    }
}

/// Concludes (with an override when given) and tells what happened; when the recommendation was not
/// adopted, offers the cases for the next meeting's agenda.
pub(super) fn do_conclude(
    app: &mut App,
    id: &str,
    override_to: Option<(ConsultationOutcome, &str)>,
) -> Result<(), String> {
    let stamp = app.stamp();
    let changes =
        conclude(&app.ws, id, now(app), override_to, &stamp).map_err(|e| e.message(app.lang))?;
    let decisions: Vec<String> = changes
        .iter()
        .filter_map(|ch| match ch {
            Change::Create(AnyRecord::Decision(d)) => Some(d.id.clone()),
            _ => None,
        })
        .collect();
    app.commit(changes, "concluded")?;
    let Some(c) = app.ws.consultation(id).cloned() else {
        return Ok(());
    };
    let outcome = c.outcome.map_or("", |o| o.label(app.lang));
    app.flash(
        format!(
            "{id}: {outcome}; {} {}. {}",
            app.t("beslutning", "decision"),
            decisions.join(", "),
            app.t("s: høringsnotat.", "s: summary.")
        ),
        Tone::Success,
    );
    match c.outcome {
        Some(ConsultationOutcome::NotAdopted | ConsultationOutcome::ToMeeting) => {
            offer_next_meeting(app, &c, &decisions)
        }
        Some(ConsultationOutcome::Escalated) => offer_rewrite(app, &c),
        _ => {}
    }
    Ok(())
}

/// After an escalation: the recommendation still names the forum the case came from. Offers to
/// write it for the parent forum (the forum's name and short name replaced by the parent's).
pub(super) fn offer_rewrite(app: &mut App, c: &Consultation) {
    let Some(from) = app.ws.forum(&c.forum) else {
        return;
    };
    let Some(to) = from.parent.as_deref().and_then(|p| app.ws.forum(p)) else {
        return;
    };
    let naming: Vec<String> = c
        .cases
        .iter()
        .filter(|id| {
            app.ws
                .case(id)
                .is_some_and(|k| k.recommendation.contains(&from.name))
        })
        .cloned()
        .collect();
    if naming.is_empty() {
        return;
    }
    let text = match app.lang {
        Language::Da => format!(
            "Indstillingen i {} nævner stadig {}. Skriv den om til {}? (j/n; [u] fortryder)",
            naming.join(", "),
            from.name,
            to.name
        ),
        Language::En => format!(
            "The recommendation in {} still names {}. Rewrite it for {}? (y/n; [u] undoes it)",
            naming.join(", "),
            from.name,
            to.name
        ),
    };
    app.confirm(
        &text,
        Intent::Consultations(ConsultationsIntent::Rewrite {
            from: from.id.clone(),
            to: to.id.clone(),
            cases: naming,
        }),
    );
}

/// The recommendations of `cases` with the forum `from`'s names replaced by `to`'s.
pub(super) fn rewrite_for(app: &mut App, from: &str, to: &str, cases: &[String]) {
    let (Some(from), Some(to)) = (app.ws.forum(from).cloned(), app.ws.forum(to).cloned()) else {
        return;
    };
    let changes: Vec<Change> = cases
        .iter()
        .filter_map(|id| app.ws.case(id).cloned())
        .map(|mut k| {
            k.recommendation = k.recommendation.replace(&from.name, &to.name);
            if !from.short_name.is_empty() && !to.short_name.is_empty() {
                k.recommendation = k.recommendation.replace(&from.short_name, &to.short_name);
            }
            Change::Update(AnyRecord::Case(k))
        })
        .collect();
    if app
        .commit(changes, "recommendation rewritten for the parent forum")
        .is_ok()
    {
        app.flash(
            format!(
                "{} {}.",
                app.t(
                    "Indstillingen er skrevet om til",
                    "The recommendation is rewritten for"
                ),
                to.name
            ),
            Tone::Success,
        );
    }
}

/// The forum's next meeting whose agenda can still change.
pub(super) fn next_meeting(app: &App, forum: &str) -> Option<(String, NaiveDate)> {
    app.ws
        .meetings
        .iter()
        .filter(|m| {
            m.forum == forum
                && m.date >= app.today
                && matches!(m.state, MeetingState::Draft | MeetingState::Sent)
        })
        .min_by_key(|m| m.date)
        .map(|m| (m.id.clone(), m.date))
}

pub(super) fn offer_next_meeting(app: &mut App, c: &Consultation, decisions: &[String]) {
    match next_meeting(app, &c.forum) {
        Some((mid, date)) => {
            let text = format!(
                "{} {}: {} {} ({}) {}? (j/n)",
                app.t("Ikke tiltrådt", "Not adopted"),
                c.cases.join(", "),
                app.t(
                    "sæt sagen på dagsordenen for næste møde",
                    "put the case on the agenda of the next meeting"
                ),
                short_date(date),
                mid,
                app.t("som punkt til beslutning", "as an item for decision"),
            );
            app.confirm(
                &text,
                Intent::Consultations(ConsultationsIntent::ToAgenda {
                    meeting: mid,
                    consultation: c.id.clone(),
                }),
            );
        }
        None => app.flash(
            format!(
                "{} {}. {}",
                app.t("Beslutning", "Decision"),
                decisions.join(", "),
                app.t(
                    "Sagen er klar til næste møde: opret det på Møder (4).",
                    "The case is ready for the next meeting: create it on Meetings (4).",
                )
            ),
            Tone::Info,
        ),
    }
}
