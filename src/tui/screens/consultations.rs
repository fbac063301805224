//! Written consultations ("skriftlige høringer"): the list; a consultation with its deadline
//! countdown, the tally, every member authority's reply and the cases; creating one from a ready
//! case, adding cases, recording replies, concluding (the computed outcome, or an override with a
//! reason), escalating a case, and writing the letter, the reminder and the summary to out/.

use std::path::PathBuf;

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::common::{Page, cell, days_left, opt_date, short_date, span};
use crate::export::{self, DocKind, Format, Options};
use crate::i18n::Label;
use crate::model::{
    AnyRecord, CaseState, Consultation, ConsultationOutcome, ConsultationState, Forum, Language,
    MeetingState, RecordKind, ReplyKind,
};
use crate::ops::consultation::{
    conclude, create, create_draft, default_deadline, escalate, send, set_reply,
};
use crate::rules::tally::{
    ProposedOutcome, Tally, is_late, outstanding, proposed_outcome, reply_of, reply_of_member,
    tally,
};
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form, RefKind};
use crate::tui::input_parse::{format_date, format_time};
use crate::tui::keymap::{Binding, DELETE, EDIT, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::popup::{Pending, PickerItem, Popup};
use crate::tui::render::draw_list;
use crate::tui::text::{safe_line, truncate};
use crate::tui::theme::Theme;

const CONCLUDE: Binding = bind(&[ch('c')], Action::Conclude, "Afslut", "Conclude");
const LETTER: Binding = bind(
    &[ch('w')],
    Action::Export,
    "Skriv høringsbrev",
    "Write the letter",
);
const REMINDER: Binding = bind(
    &[ch('m')],
    Action::ExportReminder,
    "Skriv rykker",
    "Write a reminder",
);
const SUMMARY: Binding = bind(
    &[ch('s')],
    Action::ExportSummary,
    "Skriv høringsnotat",
    "Write the summary",
);

const SEND_LETTER: Binding = bind(
    &[ch('M')],
    Action::SendMail,
    "Send høringsbrevet med e-mail",
    "Send the letter by e-mail",
);
const SEND_REMINDER: Binding = bind(
    &[ch('P')],
    Action::SendReminderMail,
    "Send påmindelse med e-mail",
    "Send a reminder by e-mail",
);
const RECEIVE: Binding = bind(
    &[ch('I')],
    Action::ReceiveMail,
    "Læs svar fra e-mail",
    "Read replies from e-mail",
);

const LIST_KEYS: &[Binding] = &[
    bind(&[ch('n')], Action::New, "Ny høring", "New consultation"),
    CONCLUDE,
    LETTER,
    REMINDER,
    EDIT,
    SUMMARY,
    DELETE,
    SEND_LETTER,
    SEND_REMINDER,
    RECEIVE,
];

const DETAIL_KEYS: &[Binding] = &[
    bind(&[ch('r')], Action::Reply, "Registrér svar", "Record reply"),
    CONCLUDE,
    LETTER,
    REMINDER,
    bind(&[ch('a')], Action::AddCase, "Tilføj sag", "Add a case"),
    bind(
        &[ch('S')],
        Action::Dispatch,
        "Send høringen (en kladde)",
        "Send the consultation (a draft)",
    ),
    SUMMARY,
    bind(
        &[ch('C')],
        Action::ConcludeOverride,
        "Afslut med andet udfald (begrundelse)",
        "Conclude with another outcome (reason)",
    ),
    bind(
        &[ch('x')],
        Action::Escalate,
        "Eskalér sag til overordnet forum",
        "Escalate a case to the parent forum",
    ),
    EDIT,
    DELETE,
    SEND_LETTER,
    SEND_REMINDER,
    RECEIVE,
];

pub fn keys(detail: bool) -> &'static [Binding] {
    if detail { DETAIL_KEYS } else { LIST_KEYS }
}

/// Now, for the deadline rules: the clock on the app's day (a fixed day in tests: noon).
fn now(app: &App) -> NaiveDateTime {
    let n = Local::now().naive_local();
    if n.date() == app.today {
        n
    } else {
        app.today.and_time(noon())
    }
}

fn noon() -> NaiveTime {
    NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()
}

/// "03-12-2026 kl. 12.00" / "03-12-2026 at 12:00".
fn deadline_text(d: NaiveDateTime, lang: Language) -> String {
    match lang {
        Language::Da => format!(
            "{} kl. {}",
            short_date(d.date()),
            format_time(d.time(), lang)
        ),
        Language::En => format!(
            "{} at {}",
            short_date(d.date()),
            format_time(d.time(), lang)
        ),
    }
}

/// "11 tilslutning, 2 med bemærkninger, 1 indsigelse, 0 mangler svar".
pub fn tally_words(t: &Tally, lang: Language) -> String {
    match lang {
        Language::Da => format!(
            "{} tilslutning, {} med bemærkninger, {} {}, {} mangler svar",
            t.consent,
            t.with_comments,
            t.objection,
            if t.objection == 1 {
                "indsigelse"
            } else {
                "indsigelser"
            },
            t.outstanding
        ),
        Language::En => format!(
            "{} consent, {} with comments, {} {}, {} outstanding",
            t.consent,
            t.with_comments,
            t.objection,
            if t.objection == 1 {
                "objection"
            } else {
                "objections"
            },
            t.outstanding
        ),
    }
}

/// The reply kinds as short words for the member lines.
fn kind_word(k: Option<ReplyKind>, lang: Language) -> &'static str {
    use crate::i18n::tr;
    match k {
        Some(ReplyKind::Consent) => tr(lang, "Tilslutning", "Consent"),
        Some(ReplyKind::ConsentWithComments) => tr(lang, "Bemærkninger", "Comments"),
        Some(ReplyKind::Objection) => tr(lang, "Indsigelse", "Objection"),
        Some(ReplyKind::NoReply) | None => tr(lang, "Intet svar", "No reply"),
    }
}

fn state_cell(app: &App, c: &Consultation) -> String {
    match (c.state, c.outcome) {
        (ConsultationState::Concluded, Some(o)) => o.label(app.lang).to_string(),
        (s, _) => s.label(app.lang).to_string(),
    }
}

pub fn model(app: &App) -> ListModel {
    let th = Theme::new(app.color);
    let rows = app
        .ws
        .consultations
        .iter()
        .rev()
        .map(|c| {
            let replies = app
                .ws
                .forum(&c.forum)
                .map(|f| {
                    let t = tally(c, f);
                    format!("{}/{}", t.replied(), t.total())
                })
                .unwrap_or_default();
            let overdue = c.state == ConsultationState::Sent
                && c.deadline.is_some_and(|d| d.date() < app.today);
            let deadline = opt_date(c.deadline.map(|d| d.date()));
            ListRow::new(
                &c.id,
                vec![
                    cell(&c.id),
                    cell(&c.subject),
                    Line::from(span(
                        deadline,
                        if overdue {
                            th.error()
                        } else {
                            ratatui::style::Style::default()
                        },
                    )),
                    cell(replies),
                    cell(state_cell(app, c)),
                ],
                &c.cases.join(" "),
            )
        })
        .collect();
    ListModel {
        headers: vec![
            app.t("Nr", "No."),
            app.t("Emne", "Subject"),
            app.t("Svarfrist", "Deadline"),
            app.t("Svar", "Replies"),
            app.t("Tilstand", "State"),
        ],
        widths: vec![
            Constraint::Length(10),
            Constraint::Fill(1),
            Constraint::Length(10),
            Constraint::Length(7),
            Constraint::Length(13),
        ],
        rows,
    }
}

/// The open consultation and its forum.
fn open(app: &App) -> Option<(&Consultation, &Forum)> {
    let d = app.view_of(ScreenId::Consultations).detail.as_ref()?;
    let c = app.ws.consultation(&d.id)?;
    let f = app.ws.forum(&c.forum)?;
    Some((c, f))
}

/// One part per member authority.
pub fn detail_len(app: &App) -> usize {
    open(app).map_or(0, |(_, f)| f.members.len())
}

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let v = app.view_of(ScreenId::Consultations);
    let Some(d) = &v.detail else {
        draw_list(
            app,
            ScreenId::Consultations,
            f,
            area,
            app.t("Høringer", "Consultations"),
        );
        return;
    };
    let Some(c) = app.ws.consultation(&d.id) else {
        return;
    };
    let th = Theme::new(app.color);
    let l = app.lang;
    let forum = app.ws.forum(&c.forum);
    let mut p = Page::in_lang(app.lang);
    let w = 10;
    p.field(
        &th,
        app.t("Forum", "Forum"),
        &forum.map_or(c.forum.clone(), |f| f.name.clone()),
        w,
    );
    p.field(&th, app.t("Tilstand", "State"), c.state.label(l), w);
    p.field(&th, app.t("Udsendt", "Sent"), &opt_date(c.sent_date), w);
    let deadline = match c.deadline {
        Some(dl) => {
            let left = if c.state == ConsultationState::Sent {
                format!(" ({})", days_left(app.today, dl.date(), l))
            } else {
                String::new()
            };
            format!("{}{left}", deadline_text(dl, l))
        }
        None => "—".into(),
    };
    p.field(&th, app.t("Svarfrist", "Deadline"), &deadline, w);
    if let Some((s, _)) = crate::tui::mail::dispatch_summary(app, &c.dispatches) {
        p.field(&th, app.t("E-mail", "E-mail"), &s, w);
    }
    if c.state == ConsultationState::Concluded {
        let outcome = c.outcome.map_or("—", |o| o.label(l));
        p.field(
            &th,
            app.t("Udfald", "Outcome"),
            &format!("{outcome} {}", opt_date(c.concluded_date)),
            w,
        );
        let decisions: Vec<String> = app
            .ws
            .decisions
            .iter()
            .filter(|d| {
                matches!(&d.source, crate::model::DecisionSource::Consultation { consultation }
                    if consultation == &c.id)
            })
            .map(|d| d.id.clone())
            .collect();
        if !decisions.is_empty() {
            p.field(
                &th,
                app.t("Beslutning", "Decision"),
                &format!(
                    "{} ({})",
                    decisions.join(", "),
                    app.t("se Beslutninger, 6", "see Decisions, 6")
                ),
                w,
            );
        }
        if !c.override_reason.is_empty() {
            p.field(
                &th,
                app.t("Begrundelse for udfaldet", "Reason for the outcome"),
                &c.override_reason,
                w,
            );
        }
    }
    let Some(forum) = forum else {
        p.text(
            "",
            app.t(
                "  Forummet findes ikke; svarene kan ikke tælles.",
                "  The forum does not exist; the replies cannot be counted.",
            ),
            &th,
        );
        p.draw(app, f, area, &format!("{} {}", c.id, c.subject), d.cursor);
        return;
    };
    let t = tally(c, forum);
    p.line(Line::from(vec![
        Span::styled(format!("{:<w$} ", app.t("Optælling", "Tally")), th.hint()),
        Span::styled(tally_words(&t, l), th.title()),
    ]));
    if c.state != ConsultationState::Concluded {
        let prop = proposed_outcome(c, forum, now(app));
        let st = match prop {
            ProposedOutcome::Adopted => th.ok(),
            ProposedOutcome::NotAdopted => th.error(),
            ProposedOutcome::CannotConcludeYet(_) => th.hint(),
        };
        p.line(Line::from(vec![
            Span::styled(format!("{:<w$} ", app.t("Forslag", "Proposal")), th.hint()),
            span(prop.describe(l), st),
            span(
                if c.state == ConsultationState::Draft {
                    app.t(
                        " [w] høringsbrevet · [S] sender den",
                        " [w] the letter · [S] sends it",
                    )
                } else {
                    ""
                },
                th.key(),
            ),
        ]));
    }

    let concluded = c.state == ConsultationState::Concluded;
    p.heading(
        &th,
        if concluded {
            app.t("Medlemmer", "Members")
        } else {
            app.t(
                "Medlemmer ([r] registrerer svar)",
                "Members ([r] records a reply)",
            )
        },
    );
    let name_w = forum
        .members
        .iter()
        .map(|m| m.authority.width())
        .max()
        .unwrap_or(10)
        .min((area.width as usize).saturating_sub(30) / 2)
        .max(12);
    let kind_w = 12;
    for m in &forum.members {
        let r = reply_of_member(c, m);
        let kind = r.map(|r| r.kind);
        let received = r
            .and_then(|r| r.received)
            .map_or(String::new(), |d| d.format("%d-%m").to_string());
        let late = if r.is_some_and(|r| is_late(r, c)) {
            app.t("for sent", "late")
        } else {
            ""
        };
        let first = r
            .and_then(|r| r.text.lines().find(|s| !s.trim().is_empty()))
            .unwrap_or("");
        let name = truncate(&safe_line(&m.authority), name_w);
        let pad = name_w.saturating_sub(name.width());
        let st = match kind {
            Some(ReplyKind::Consent) => th.ok(),
            Some(ReplyKind::ConsentWithComments) => th.warn(),
            Some(ReplyKind::Objection) => th.error(),
            _ => th.hint(),
        };
        let mut spans = vec![
            Span::raw(format!("  {name}{} ", " ".repeat(pad))),
            Span::styled(format!("{:<kind_w$}", kind_word(kind, l)), st),
            Span::raw(format!(" {received:<5}")),
        ];
        if !late.is_empty() {
            spans.push(Span::styled(format!(" {late}"), th.error()));
        }
        if !first.is_empty() {
            spans.push(Span::raw(format!("  {}", safe_line(first))));
        }
        // One screen line per member: the cursor moves over them.
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        let max = (area.width as usize).saturating_sub(1);
        let line = if used > max {
            let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
            Line::from(vec![Span::raw(truncate(&text, max))])
        } else {
            Line::from(spans)
        };
        p.part(line);
    }
    if forum.members.is_empty() {
        p.text(
            "",
            app.t(
                "  Forummet har ingen medlemmer.",
                "  The forum has no members.",
            ),
            &th,
        );
    }

    p.heading(
        &th,
        if concluded {
            app.t("Sager", "Cases")
        } else {
            app.t("Sager ([a] tilføjer)", "Cases ([a] adds one)")
        },
    );
    for id in &c.cases {
        match app.ws.case(id) {
            Some(case) => {
                p.line(Line::from(format!(
                    "  {} {} [{}]",
                    case.id,
                    safe_line(&case.title),
                    case.state.label(l)
                )));
                p.text(
                    &case.recommendation,
                    app.t("    (ingen indstilling)", "    (no recommendation)"),
                    &th,
                );
            }
            None => p.line(Line::from(format!(
                "  {id} ({})",
                app.t("findes ikke", "does not exist")
            ))),
        }
    }
    crate::tui::mail::dispatch_lines(app, &mut p, &th, &c.dispatches);
    p.draw(app, f, area, &format!("{} {}", c.id, c.subject), d.cursor);
}

// ----- forms -----

fn forum_default(app: &App) -> String {
    app.ws
        .settings
        .default_forum
        .clone()
        .filter(|f| app.ws.forum(f).is_some())
        .or_else(|| app.ws.forums.first().map(|f| f.id.clone()))
        .unwrap_or_default()
}

fn new_form(app: &App) -> Form {
    let forum = forum_default(app);
    let dl = default_deadline(&app.ws, &forum, app.today);
    Form::new(
        app.t("Ny skriftlig høring", "New written consultation"),
        App::purpose(ScreenId::Consultations, "new", None),
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

fn field_initial(form: &Form, key: &str) -> String {
    form.fields
        .iter()
        .find(|f| f.key == key)
        .map(|f| f.initial.trim().to_string())
        .unwrap_or_default()
}

/// The deadline a creation form asks for: what was typed, or the forum's rule when the deadline
/// is blank or was left at its default while the forum or the sent date changed.
fn form_deadline(app: &App, form: &Form, forum: &str, sent: NaiveDate) -> NaiveDateTime {
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

fn edit_form(app: &App, c: &Consultation) -> Form {
    Form::new(
        &format!("{} {}", app.t("Rediger høring", "Edit consultation"), c.id),
        App::purpose(ScreenId::Consultations, "edit", Some(&c.id)),
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

fn reply_options(app: &App) -> Vec<(String, String)> {
    [
        ReplyKind::Consent,
        ReplyKind::ConsentWithComments,
        ReplyKind::Objection,
        ReplyKind::NoReply,
    ]
    .iter()
    .map(|k| (super::cases::snake(k), k.label(app.lang).to_string()))
    .collect()
}

fn reply_form(app: &App, c: &Consultation, authority: &str) -> Form {
    let r = match app.ws.forum(&c.forum).and_then(|f| f.member(authority)) {
        Some(m) => reply_of_member(c, m),
        None => reply_of(c, authority),
    };
    let kind = r.map_or(ReplyKind::Consent, |r| r.kind);
    let received = r.and_then(|r| r.received).unwrap_or(app.today);
    Form::new(
        &format!("{} {}", app.t("Svar fra", "Reply from"), authority),
        App::purpose(
            ScreenId::Consultations,
            "reply",
            Some(&format!("{}\t{authority}", c.id)),
        ),
        vec![
            Field::new(
                "kind",
                app.t("Svar", "Reply"),
                FieldKind::Choice(reply_options(app)),
                &super::cases::snake(&kind),
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

fn override_form(app: &App, c: &Consultation, prop: &ProposedOutcome) -> Form {
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
        App::purpose(ScreenId::Consultations, "override", Some(&c.id)),
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
                    .map(|o| (super::cases::snake(o), o.label(app.lang).to_string()))
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

/// The ready cases, as picker items.
fn ready_cases(app: &App) -> Vec<PickerItem> {
    app.ws
        .cases
        .iter()
        .filter(|c| c.state == CaseState::Ready)
        .map(|c| PickerItem::new(&c.id, &format!("{} {}", c.id, c.title)))
        .collect()
}

fn no_ready_cases(app: &mut App) {
    app.flash(
        app.t(
            "Ingen sager er klar til høring; markér en sag klar på Sager (3, r).",
            "No case is ready for a consultation; mark one ready on Cases (3, r).",
        ),
        Tone::Error,
    );
}

fn current(app: &App) -> Option<Consultation> {
    app.current_id()
        .and_then(|id| app.ws.consultation(&id).cloned())
}

/// Refuses (with a message) to change a concluded consultation.
fn still_open(app: &mut App, c: &Consultation) -> bool {
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
            app.confirm(&text, Pending::new(ScreenId::Consultations, "send", &c.id));
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
                Pending::new(ScreenId::Consultations, "add-case", &c.id),
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
                        Pending::new(ScreenId::Consultations, "escalate", &c.id),
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
                Pending::new(ScreenId::Consultations, "delete", &c.id),
            );
        }
        _ => return false,
    }
    true
}

fn escalate_form(app: &App, case_id: &str) -> Form {
    Form::new(
        &format!("{} {case_id}", app.t("Eskalér sag", "Escalate case")),
        App::purpose(ScreenId::Consultations, "escalate", Some(case_id)),
        vec![Field::new(
            "note",
            app.t("Bemærkning", "Note"),
            FieldKind::Multiline,
            "",
        )],
    )
}

fn ask_conclude(app: &mut App) {
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
                Pending::new(ScreenId::Consultations, "conclude", &c.id),
            );
        }
    }
}

/// Concludes (with an override when given) and tells what happened; when the recommendation was not
/// adopted, offers the cases for the next meeting's agenda.
fn do_conclude(
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
fn offer_rewrite(app: &mut App, c: &Consultation) {
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
    let target = format!("{}\t{}\t{}", from.id, to.id, naming.join(","));
    app.confirm(
        &text,
        Pending::new(ScreenId::Consultations, "rewrite", &target),
    );
}

/// The recommendations of `cases` with the forum `from`'s names replaced by `to`'s.
fn rewrite_for(app: &mut App, target: &str) {
    let mut parts = target.split('\t');
    let (Some(from), Some(to), Some(cases)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let (Some(from), Some(to)) = (app.ws.forum(from).cloned(), app.ws.forum(to).cloned()) else {
        return;
    };
    let changes: Vec<Change> = cases
        .split(',')
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
fn next_meeting(app: &App, forum: &str) -> Option<(String, NaiveDate)> {
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

fn offer_next_meeting(app: &mut App, c: &Consultation, decisions: &[String]) {
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
                Pending::new(
                    ScreenId::Consultations,
                    "to-agenda",
                    &format!("{mid}\t{}", c.id),
                ),
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

/// Writes the letter, reminder or summary as md, html and txt to out/ and shows the paths.
fn write_doc(app: &mut App, kind: DocKind) {
    let Some(c) = current(app) else { return };
    let missing: Vec<String> = app
        .ws
        .forum(&c.forum)
        .map(|f| outstanding(&c, f).into_iter().map(String::from).collect())
        .unwrap_or_default();
    if kind == DocKind::Reminder {
        if c.state == ConsultationState::Concluded {
            still_open(app, &c);
            return;
        }
        if missing.is_empty() {
            app.flash(
                app.t(
                    "Alle medlemmer har svaret; der er ingen at rykke.",
                    "Every member has replied; there is nobody to remind.",
                ),
                Tone::Info,
            );
            return;
        }
    }
    match write_files(app, kind, &c.id) {
        Ok(paths) => {
            let root = app.store.root().to_path_buf();
            let mut text: Vec<String> = paths
                .iter()
                .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
                .collect();
            let (title, note) = match kind {
                DocKind::Letter => (
                    app.t("Høringsbrev skrevet", "Letter written"),
                    String::new(),
                ),
                DocKind::Reminder => (
                    app.t("Rykker skrevet", "Reminder written"),
                    format!(
                        "{} ({}): {}",
                        app.t(
                            "Til dem, der ikke har svaret",
                            "To those who have not replied"
                        ),
                        missing.len(),
                        missing.join(", ")
                    ),
                ),
                _ => (
                    app.t("Høringsnotat skrevet", "Summary written"),
                    if c.state == ConsultationState::Concluded {
                        String::new()
                    } else {
                        app.t(
                            "Høringen er ikke afsluttet; notatet er foreløbigt.",
                            "The consultation is not concluded; the summary is provisional.",
                        )
                        .to_string()
                    },
                ),
            };
            text.insert(
                0,
                format!("{} {}:", app.t("I mappen", "In the folder"), root.display()),
            );
            if !note.is_empty() {
                text.push(String::new());
                text.push(note);
            }
            app.message_box(title, text.join("\n"));
        }
        Err(e) => app.flash(
            format!(
                "{}: {e}",
                app.t("Kunne ikke skrive filen", "Could not write the file")
            ),
            Tone::Error,
        ),
    }
}

/// The export as md, html and txt under out/, in the workspace's language (the language of its
/// content, whatever the UI's), dated today.
pub fn write_files(app: &App, kind: DocKind, id: &str) -> Result<Vec<PathBuf>, String> {
    let ws = &app.ws;
    let opts = Options {
        today: Some(app.today),
        ..Options::default()
    };
    let mut out = vec![];
    for fmt in [Format::Md, Format::Html, Format::Txt] {
        let text = export::export(ws, kind, id, fmt, &opts).map_err(|e| e.to_string())?;
        let path = crate::store::write_output(
            app.store.root(),
            None,
            &export::file_name(ws, kind, id, fmt, &opts),
            text.as_bytes(),
        )
        .map_err(|e| e.to_string())?;
        out.push(path);
    }
    // And the PDF, for sending and for the case system.
    let bytes =
        export::export_bytes(ws, kind, id, Format::Pdf, &opts).map_err(|e| e.to_string())?;
    let path = crate::store::write_output(
        app.store.root(),
        None,
        &export::file_name(ws, kind, id, Format::Pdf, &opts),
        &bytes,
    )
    .map_err(|e| e.to_string())?;
    out.push(path);
    Ok(out)
}

// ----- forms submitted, confirmations, pickers -----

pub fn submit(app: &mut App, form: &mut Form) -> Result<(), String> {
    let target = form.purpose.target.clone().unwrap_or_default();
    match form.purpose.what.as_str() {
        "mail-receive" => crate::tui::mail::submit_receive(app, form),
        "new" => {
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
                Pending::new(ScreenId::Consultations, "new-case", ""),
            );
            Ok(())
        }
        "edit" => {
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
        "reply" => {
            let (id, authority) = target.split_once('\t').unwrap_or((&target, ""));
            let kind: ReplyKind =
                super::cases::unsnake(&form.text("kind")).unwrap_or(ReplyKind::Consent);
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
        "override" => {
            let outcome: ConsultationOutcome = super::cases::unsnake(&form.text("outcome"))
                .unwrap_or(ConsultationOutcome::Adopted);
            let reason = form.text("reason");
            do_conclude(app, &target, Some((outcome, &reason)))
        }
        "escalate" => {
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
        _ => Ok(()),
    }
}

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
fn delete(app: &mut App, id: &str) {
    let Some(c) = app.ws.consultation(id).cloned() else {
        return;
    };
    let mut changes = vec![];
    for cid in &c.cases {
        if let Some(mut case) = app.ws.case(cid).cloned()
            && case.state == CaseState::InConsultation
        {
            case.state = CaseState::Ready;
            let st = app.stamp();
            case.history.push(crate::model::HistoryEntry {
                at: st,
                text: format!(
                    "{} {id} {}",
                    app.t("Høringen", "The consultation"),
                    app.t(
                        "er slettet; sagen er klar igen",
                        "was deleted; the case is ready again"
                    )
                ),
            });
            changes.push(Change::Update(AnyRecord::Case(case)));
        }
    }
    changes.insert(0, Change::Delete(AnyRecord::Consultation(c)));
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

/// The creation form under the picker, taken off the popup stack.
fn take_new_form(app: &mut App) -> Option<Form> {
    let i = app.popups.iter().rposition(|p| {
        matches!(p, Popup::Form(f)
            if f.purpose.screen == ScreenId::Consultations.number() && f.purpose.what == "new")
    })?;
    match app.popups.remove(i) {
        Popup::Form(f) => Some(f),
        _ => None,
    }
}

fn create_from_form(app: &mut App, case_id: &str) {
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

fn add_case(app: &mut App, consultation: &str, case_id: &str) {
    let Some(mut c) = app.ws.consultation(consultation).cloned() else {
        return;
    };
    let Some(mut case) = app.ws.case(case_id).cloned() else {
        return;
    };
    if c.cases.iter().any(|x| x == case_id) {
        app.flash(
            format!(
                "{case_id} {}",
                app.t(
                    "er allerede med i høringen.",
                    "is already in the consultation."
                )
            ),
            Tone::Info,
        );
        return;
    }
    c.cases.push(case_id.to_string());
    case.state = CaseState::InConsultation;
    case.forum = Some(c.forum.clone());
    let st = app.stamp();
    case.history.push(crate::model::HistoryEntry {
        at: st,
        text: format!(
            "{} {}",
            app.t("Sendt i skriftlig høring", "Sent to written consultation"),
            c.id
        ),
    });
    if app
        .commit(
            vec![
                Change::Update(AnyRecord::Consultation(c)),
                Change::Update(AnyRecord::Case(case)),
            ],
            "case added to consultation",
        )
        .is_ok()
    {
        app.flash(
            format!(
                "{case_id} {} {consultation}.",
                app.t("er tilføjet høringen", "is added to the consultation")
            ),
            Tone::Success,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CaseState;
    use crate::tui::testing::{demo_app, press, screen, type_text};

    fn snap(app: &mut App, name: &str) {
        insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
        insta::assert_snapshot!(format!("{name}_120x36"), screen(app, 120, 36));
    }

    /// Creates a consultation of the first ready case (S-2026-008) through the keys.
    fn create_one(app: &mut App) -> String {
        press(app, &["5", "n"]);
        assert!(matches!(app.popups.last(), Some(Popup::Form(_))));
        // Sent at once (the draft path has its own test).
        if let Some(Popup::Form(f)) = app.popups.last_mut() {
            f.set("send", "now");
        }
        press(app, &["C-s"]);
        assert!(matches!(app.popups.last(), Some(Popup::Picker(_))));
        press(app, &["Enter"]);
        assert!(app.popups.is_empty(), "{:?}", app.message);
        let d = app
            .view()
            .detail
            .clone()
            .expect("the new consultation is open");
        d.id
    }

    fn members(app: &App) -> usize {
        app.ws.forum("psg").unwrap().members.len()
    }

    #[test]
    fn a_new_consultation_is_a_draft_whose_letter_can_be_read_before_it_is_sent() {
        let (_dir, mut app) = demo_app();
        press(&mut app, &["5", "n", "C-s", "Enter"]);
        let id = app.view().detail.clone().expect("opened").id;
        let c = app.ws.consultation(&id).unwrap().clone();
        assert_eq!(c.state, ConsultationState::Draft);
        assert_eq!(c.sent_date, None);
        let case = c.cases[0].clone();
        assert_ne!(app.ws.case(&case).unwrap().state, CaseState::InConsultation);
        // Replies wait for the sending.
        press(&mut app, &["r"]);
        assert!(
            !matches!(app.popups.last(), Some(Popup::Form(_))),
            "no reply form on a draft"
        );
        // The letter can be written and read.
        press(&mut app, &["w"]);
        let letter = std::fs::read_dir(app.store.root().join("out"))
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().ends_with(".md"))
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .expect("the letter is written");
        assert!(letter.contains(&c.subject), "{letter}");
        press(&mut app, &["Esc"]);
        // S sends it (asks first), from today, with the forum's deadline.
        app.popups.clear();
        press(&mut app, &["S"]);
        assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
        press(&mut app, &["j"]);
        let c = app.ws.consultation(&id).unwrap().clone();
        assert_eq!(c.state, ConsultationState::Sent);
        assert_eq!(c.sent_date, Some(app.today));
        assert_eq!(
            c.deadline,
            Some(default_deadline(&app.ws, &c.forum, app.today))
        );
        assert_eq!(app.ws.case(&case).unwrap().state, CaseState::InConsultation);
        // Undo takes it back to the draft, cases and all.
        press(&mut app, &["u"]);
        assert_eq!(
            app.ws.consultation(&id).unwrap().state,
            ConsultationState::Draft
        );
        assert_ne!(app.ws.case(&case).unwrap().state, CaseState::InConsultation);
    }

    #[test]
    fn escalated_as_the_outcome_moves_the_case_up_and_offers_to_rewrite_the_recommendation() {
        let (_dir, mut app) = demo_app();
        let id = create_one(&mut app);
        let case = app.ws.consultation(&id).unwrap().cases[0].clone();
        // The recommendation names Porteføljestyregruppen, as the demo's do.
        let mut k = app.ws.case(&case).unwrap().clone();
        k.recommendation = "Det indstilles, at Porteføljestyregruppen godkender planen.".into();
        app.commit(vec![Change::Update(AnyRecord::Case(k))], "test")
            .unwrap();
        press(&mut app, &["C"]);
        // Outcome: Adopted is preselected... choose Escalated (the fourth).
        if let Some(Popup::Form(f)) = app.popups.last_mut() {
            f.set("outcome", "escalated");
        }
        press(&mut app, &["Tab"]);
        type_text(&mut app, "Sagen kræver STS' stillingtagen.");
        press(&mut app, &["C-s"]);
        let c = app.ws.consultation(&id).unwrap().clone();
        assert_eq!(c.outcome, Some(ConsultationOutcome::Escalated));
        let k = app.ws.case(&case).unwrap().clone();
        assert_eq!(k.forum.as_deref(), Some("sts"));
        assert_eq!(k.state, CaseState::Ready);
        let d = app
            .ws
            .decisions
            .iter()
            .find(|d| d.case.as_deref() == Some(case.as_str()));
        let d = d.expect("a decision").text.clone();
        assert!(
            d.contains("eskaleres") && d.ends_with("Sagen kræver STS' stillingtagen."),
            "{d}"
        );
        // The offer to rewrite the recommendation.
        assert!(
            matches!(app.popups.last(), Some(Popup::Confirm { text, .. }) if text.contains("Skriv den om"))
        );
        press(&mut app, &["j"]);
        let rec = app.ws.case(&case).unwrap().recommendation.clone();
        assert_eq!(
            rec,
            "Det indstilles, at Styregruppen for Tværoffentlige Samarbejder godkender planen."
        );
    }

    #[test]
    fn withdrawn_and_to_a_meeting_are_outcomes_too() {
        for (outcome, state, decided) in [
            ("withdrawn", CaseState::Draft, false),
            ("to_meeting", CaseState::Ready, true),
        ] {
            let (_dir, mut app) = demo_app();
            let id = create_one(&mut app);
            let case = app.ws.consultation(&id).unwrap().cases[0].clone();
            let before = app.ws.decisions.len();
            press(&mut app, &["C"]);
            if let Some(Popup::Form(f)) = app.popups.last_mut() {
                f.set("outcome", outcome);
            }
            press(&mut app, &["Tab"]);
            type_text(&mut app, "Begrundelse.");
            press(&mut app, &["C-s"]);
            let c = app.ws.consultation(&id).unwrap();
            assert_eq!(c.state, ConsultationState::Concluded, "{outcome}");
            assert_eq!(app.ws.case(&case).unwrap().state, state, "{outcome}");
            assert_eq!(app.ws.decisions.len() > before, decided, "{outcome}");
        }
    }

    #[test]
    fn a_draft_is_not_e_mailed_before_it_is_sent() {
        let (_dir, mut app) = demo_app();
        press(&mut app, &["5", "n", "C-s", "Enter"]);
        press(&mut app, &["M"]);
        assert!(app.popups.is_empty(), "no mail question for a draft");
        let (msg, _) = app.message.clone().unwrap();
        assert!(msg.contains("[S] sender"), "{msg}");
    }

    #[test]
    fn a_whole_consultation_from_creation_to_decision() {
        let (_dir, mut app) = demo_app();
        let decisions_before = app.ws.decisions.len();
        let id = create_one(&mut app);
        assert_eq!(id, "H-2026-03");
        let c = app.ws.consultation(&id).unwrap().clone();
        assert_eq!(c.cases, vec!["S-2026-008".to_string()]);
        assert_eq!(c.sent_date, Some(app.today));
        // 5 working days after Thursday 26-11-2026 at 12.00.
        assert_eq!(
            c.deadline.unwrap().to_string(),
            "2026-12-03 12:00:00",
            "the forum's rule"
        );
        assert_eq!(c.subject, app.ws.case("S-2026-008").unwrap().title);
        assert_eq!(
            app.ws.case("S-2026-008").unwrap().state,
            CaseState::InConsultation
        );

        // The letter.
        press(&mut app, &["w"]);
        assert!(matches!(app.popups.last(), Some(Popup::Message { .. })));
        press(&mut app, &["Esc"]);
        let out = app.store.root().join("out");
        for ext in ["md", "html", "txt", "pdf"] {
            assert!(
                out.join(format!(
                    "h-2026-03-portefoeljestyregruppen-hoeringsbrev.{ext}"
                ))
                .exists()
            );
        }

        // Replies: the first with comments, the rest consent.
        let n = members(&app);
        press(&mut app, &["r", "Right", "Tab"]);
        type_text(&mut app, "Vi bakker op, men ønsker en tidsplan.");
        press(&mut app, &["C-s"]);
        assert!(app.popups.is_empty());
        // Conclude is refused while replies are outstanding before the deadline.
        press(&mut app, &["c"]);
        assert!(matches!(app.popups.last(), Some(Popup::Message { .. })));
        press(&mut app, &["Esc"]);
        // The reminder goes to the others.
        press(&mut app, &["m"]);
        let Some(Popup::Message { text, .. }) = app.popups.last() else {
            panic!("no reminder paths")
        };
        assert!(text.contains(&format!("({})", n - 1)), "{text}");
        press(&mut app, &["Esc"]);
        for _ in 1..n {
            press(&mut app, &["r", "C-s"]);
        }
        let c = app.ws.consultation(&id).unwrap().clone();
        let t = tally(&c, app.ws.forum("psg").unwrap());
        assert_eq!((t.consent, t.with_comments, t.outstanding), (n - 1, 1, 0));

        press(&mut app, &["c"]);
        assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
        press(&mut app, &["y"]);
        let c = app.ws.consultation(&id).unwrap().clone();
        assert_eq!(c.state, ConsultationState::Concluded);
        assert_eq!(c.outcome, Some(ConsultationOutcome::Adopted));
        assert_eq!(app.ws.decisions.len(), decisions_before + 1);
        let d = app.ws.decisions.last().unwrap().clone();
        assert_eq!(d.case.as_deref(), Some("S-2026-008"));
        assert!(
            app.store
                .root()
                .join("decisions")
                .join(format!("{}.json", d.id))
                .exists()
        );
        assert_eq!(app.ws.case("S-2026-008").unwrap().state, CaseState::Decided);

        press(&mut app, &["s"]);
        press(&mut app, &["Esc"]);
        let summary =
            std::fs::read_to_string(out.join("h-2026-03-portefoeljestyregruppen-hoeringsnotat.md"))
                .unwrap();
        assert!(summary.contains("Vi bakker op, men ønsker en tidsplan."));

        // Undo takes the conclusion back.
        press(&mut app, &["u"]);
        assert_eq!(
            app.ws.consultation(&id).unwrap().state,
            ConsultationState::Sent
        );
        assert_eq!(app.ws.decisions.len(), decisions_before);
    }

    #[test]
    fn an_objection_sends_the_case_to_the_next_meeting() {
        let (_dir, mut app) = demo_app();
        let id = create_one(&mut app);
        let n = members(&app);
        // The first member objects (two steps right: consent -> comments -> objection).
        press(&mut app, &["r", "Right", "Right", "Tab"]);
        type_text(&mut app, "Vi kan ikke tilslutte os.");
        press(&mut app, &["C-s"]);
        for _ in 1..n {
            press(&mut app, &["r", "C-s"]);
        }
        press(&mut app, &["c"]);
        let Some(Popup::Confirm { text, .. }) = app.popups.last() else {
            panic!("no confirmation")
        };
        assert!(text.contains("Ikke tiltrådt"), "{text}");
        press(&mut app, &["y"]);
        let c = app.ws.consultation(&id).unwrap();
        assert_eq!(c.outcome, Some(ConsultationOutcome::NotAdopted));
        let case = app.ws.case("S-2026-008").unwrap();
        assert!(case.background.contains("Vi kan ikke tilslutte os."));
        // Offered for the next meeting's agenda.
        assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
        press(&mut app, &["y"]);
        assert_eq!(
            app.ws.case("S-2026-008").unwrap().state,
            CaseState::OnAgenda
        );
        let m = app.ws.meeting("2026-12-03-psg").unwrap();
        assert!(
            m.items
                .iter()
                .any(|it| it.case.as_deref() == Some("S-2026-008"))
        );
    }

    #[test]
    fn override_needs_a_reason_and_keeps_it() {
        let (_dir, mut app) = demo_app();
        let id = create_one(&mut app);
        press(&mut app, &["C"]);
        press(&mut app, &["C-s"]);
        assert!(
            matches!(app.popups.last(), Some(Popup::Form(f)) if f.fields[1].error.is_some()),
            "the reason is required"
        );
        // The focus is on the reason now.
        type_text(&mut app, "Formanden har besluttet.");
        press(&mut app, &["C-s"]);
        assert!(app.popups.is_empty());
        let c = app.ws.consultation(&id).unwrap();
        assert_eq!(c.state, ConsultationState::Concluded);
        assert_eq!(c.override_reason, "Formanden har besluttet.");
    }

    #[test]
    fn add_case_escalate_and_delete() {
        let (_dir, mut app) = demo_app();
        let id = create_one(&mut app);
        press(&mut app, &["a", "Enter"]);
        assert_eq!(
            app.ws.consultation(&id).unwrap().cases,
            vec!["S-2026-008".to_string(), "S-2026-009".to_string()]
        );
        assert_eq!(
            app.ws.case("S-2026-009").unwrap().state,
            CaseState::InConsultation
        );
        // Escalate: pick the second case, then the note.
        press(&mut app, &["x", "Down", "Enter"]);
        type_text(&mut app, "Rækker ud over porteføljen.");
        press(&mut app, &["C-s"]);
        assert_eq!(
            app.ws.case("S-2026-009").unwrap().forum.as_deref(),
            Some("sts")
        );
        // Delete: the case still in it is ready again.
        press(&mut app, &["d", "y"]);
        assert!(app.ws.consultation(&id).is_none());
        assert_eq!(app.ws.case("S-2026-008").unwrap().state, CaseState::Ready);
    }

    #[test]
    fn objection_without_text_is_refused_and_kept() {
        let (_dir, mut app) = demo_app();
        let id = create_one(&mut app);
        press(&mut app, &["r", "Right", "Right", "C-s"]);
        assert!(matches!(app.popups.last(), Some(Popup::Form(_))));
        assert!(app.ws.consultation(&id).unwrap().replies.is_empty());
    }

    #[test]
    fn english_detail_and_reply_before_sending_refused() {
        let (_dir, mut app) = crate::tui::testing::demo_app_lang(Some(Language::En));
        let id = create_one(&mut app);
        snap(&mut app, "consultations_new_detail_en");
        press(&mut app, &["r", "Tab", "Tab"]);
        press(&mut app, &["C-u"]);
        type_text(&mut app, "01-11-2026");
        press(&mut app, &["C-s"]);
        assert!(
            matches!(app.popups.last(), Some(Popup::Form(f))
                if f.fields[2].error.as_deref().is_some_and(|e| e.contains("was sent on"))),
            "{:?}",
            app.popups.last()
        );
        assert!(app.ws.consultation(&id).unwrap().replies.is_empty());
    }

    #[test]
    fn the_demo_consultation_past_its_deadline_concludes_by_silence_as_consent() {
        let (_dir, mut app) = demo_app();
        press(&mut app, &["5", "g", "Enter"]);
        assert_eq!(app.view().detail.as_ref().unwrap().id, "H-2026-02");
        press(&mut app, &["c", "y"]);
        let c = app.ws.consultation("H-2026-02").unwrap();
        assert_eq!(c.outcome, Some(ConsultationOutcome::Adopted));
        assert_eq!(app.ws.case("S-2026-005").unwrap().state, CaseState::Decided);
        // A concluded consultation takes no more replies.
        press(&mut app, &["r"]);
        assert!(app.popups.is_empty());
    }

    #[test]
    fn a_late_reply_is_marked() {
        let (_dir, mut app) = demo_app();
        create_one(&mut app);
        press(&mut app, &["r", "Tab", "Tab", "C-u"]);
        type_text(&mut app, "10-12-2026");
        press(&mut app, &["C-s"]);
        assert!(app.popups.is_empty());
        let s = screen(&mut app, 80, 24);
        assert!(s.contains("10-12 for sent"), "{s}");
    }

    #[test]
    fn snapshots() {
        let (_dir, mut app) = demo_app();
        press(&mut app, &["5"]);
        snap(&mut app, "consultations_list");
        // The demo's open consultation, past its deadline.
        press(&mut app, &["j", "Enter"]);
        press(&mut app, &["Esc"]);
        press(&mut app, &["g", "Enter"]);
        snap(&mut app, "consultations_detail");
        press(&mut app, &["Esc", "j", "Enter"]);
        snap(&mut app, "consultations_concluded_detail");
        press(&mut app, &["Esc"]);
        press(&mut app, &["n"]);
        snap(&mut app, "consultations_new_form");
        press(&mut app, &["C-s"]);
        snap(&mut app, "consultations_new_picker");
        press(&mut app, &["Enter"]);
        // A draft: sent with S (asks first).
        press(&mut app, &["S", "j"]);
        press(&mut app, &["j", "j", "r", "Right", "Right", "Tab"]);
        type_text(&mut app, "Tidsplanen er urealistisk.");
        snap(&mut app, "consultations_reply_form");
        press(&mut app, &["C-s"]);
        snap(&mut app, "consultations_new_detail");
        let n = members(&app);
        press(&mut app, &["g"]);
        for _ in 0..n {
            press(&mut app, &["r", "C-s"]);
        }
        press(&mut app, &["c"]);
        snap(&mut app, "consultations_conclude_confirm");
        press(&mut app, &["Esc", "C"]);
        snap(&mut app, "consultations_override_form");
    }
}
