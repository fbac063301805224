//! Replies and overrides: the reply form and the form to override the proposed outcome.

use super::*;

pub(super) fn reply_options(app: &App) -> Vec<(String, String)> {
    [
        ReplyKind::Consent,
        ReplyKind::ConsentWithComments,
        ReplyKind::Objection,
        ReplyKind::NoReply,
    ]
    .iter()
    .map(|k| (super::super::cases::snake(k), k.label(app.lang).to_string()))
    .collect()
}

pub(super) fn reply_form(app: &App, c: &Consultation, authority: &str) -> Form {
    let r = match app.ws.forum(&c.forum).and_then(|f| f.member(authority)) {
        Some(m) => reply_of_member(c, m),
        None => reply_of(c, authority),
    };
    let kind = r.map_or(ReplyKind::Consent, |r| r.kind);
    let received = r.and_then(|r| r.received).unwrap_or(app.today);
    Form::new(
        &format!("{} {}", app.t("Svar fra", "Reply from"), authority),
        Intent::Consultations(ConsultationsIntent::Reply {
            consultation: c.id.clone(),
            authority: authority.to_string(),
        }),
        vec![
            Field::new(
                "kind",
                app.t("Svar", "Reply"),
                FieldKind::Choice(reply_options(app)),
                &super::super::cases::snake(&kind),
            ),
            Field::new(
                "text",
                app.t("Tekst", "Text"),
                FieldKind::Multiline,
                r.map_or("", |r| r.text.as_str()),
            ),
            Field::new(
                "received",
                app.t("Modtaget", "Received"),
                FieldKind::Date,
                &format_date(received),
            ),
        ],
    )
}

pub(super) fn override_form(app: &App, c: &Consultation, prop: &ProposedOutcome) -> Form {
    let default = match prop {
        ProposedOutcome::Adopted => "not_adopted",
        _ => "adopted",
    };
    Form::new(
        &format!(
            "{} {} — {}: {}",
            app.t("Afslut", "Conclude"),
            c.id,
            app.t("forslag", "proposal"),
            prop.describe(app.lang)
        ),
        Intent::Consultations(ConsultationsIntent::Override {
            consultation: c.id.clone(),
        }),
        vec![
            Field::new(
                "outcome",
                app.t("Udfald", "Outcome"),
                FieldKind::Choice(
                    [
                        ConsultationOutcome::Adopted,
                        ConsultationOutcome::NotAdopted,
                        ConsultationOutcome::ToMeeting,
                        ConsultationOutcome::Escalated,
                        ConsultationOutcome::Withdrawn,
                    ]
                    .iter()
                    .map(|o| (super::super::cases::snake(o), o.label(app.lang).to_string()))
                    .collect(),
                ),
                default,
            ),
            Field::new(
                "reason",
                app.t("Begrundelse", "Reason"),
                FieldKind::Multiline,
                "",
            )
            .required(),
        ],
    )
}

// ----- actions -----
