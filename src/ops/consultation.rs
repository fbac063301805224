//! Written consultations: create one from ready cases, record replies, conclude (with the computed
//! outcome or an override with a reason), and escalate a case to the forum's parent.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use super::{OpError, history};
use crate::model::ids::next_seq_id;
use crate::model::{
    AnyRecord, CaseState, Consultation, ConsultationOutcome, ConsultationState, Decision,
    DecisionSource, Language, Reply, ReplyKind, Stamp, Workspace,
};
use crate::rules::calendar::working_days_after;
use crate::rules::tally::{ProposedOutcome, proposed_outcome, tally};
use crate::store::Change;

fn lang(ws: &Workspace) -> Language {
    ws.settings.language
}

fn get(ws: &Workspace, id: &str) -> Result<Consultation, OpError> {
    ws.consultation(id)
        .cloned()
        .ok_or_else(|| OpError::NoConsultation(id.to_string()))
}

/// The reply deadline by the forum's rule: n working days after `sent`, at 12.00.
pub fn default_deadline(ws: &Workspace, forum_id: &str, sent: NaiveDate) -> NaiveDateTime {
    let n = ws
        .forum(forum_id)
        .map_or(5, |f| f.reply_deadline_working_days);
    working_days_after(sent, n).and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
}

/// The next consultation id of the year, two digits as the register has always written them:
/// "H-2026-03" (three digits from the hundredth on).
pub fn consultation_id(ws: &Workspace, year: i32) -> String {
    let head = format!("H-{year}-");
    let max = ws
        .consultations
        .iter()
        .filter_map(|c| c.id.strip_prefix(&head))
        .filter_map(|n| n.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{head}{:02}", max + 1)
}

/// The deadline comes on or after the sending day (the one place of this rule; the TUI form asks it).
pub fn check_deadline(sent: NaiveDate, deadline: NaiveDateTime) -> Result<(), OpError> {
    if deadline.date() < sent {
        return Err(OpError::DeadlineBeforeSent {
            deadline: deadline.date(),
            sent,
        });
    }
    Ok(())
}

/// A new consultation of `cases` (which go "in consultation"), sent `sent` with the forum's deadline.
pub fn create(
    ws: &Workspace,
    forum_id: &str,
    case_ids: &[String],
    subject: &str,
    sent: NaiveDate,
    deadline: Option<NaiveDateTime>,
    now: &Stamp,
) -> Result<Vec<Change>, OpError> {
    if ws.forum(forum_id).is_none() {
        return Err(OpError::NoForum(forum_id.to_string()));
    }
    if let Some(d) = deadline {
        check_deadline(sent, d)?;
    }
    if case_ids.is_empty() {
        return Err(OpError::NoCaseChosen);
    }
    let id = consultation_id(ws, sent.year());
    let mut c = Consultation::new(&id, forum_id, subject);
    c.cases = case_ids.to_vec();
    c.sent_date = Some(sent);
    c.deadline = Some(deadline.unwrap_or_else(|| default_deadline(ws, forum_id, sent)));
    c.state = ConsultationState::Sent;
    let mut changes = vec![Change::Create(AnyRecord::Consultation(c))];
    changes.extend(cases_into(ws, &id, forum_id, case_ids, now)?);
    Ok(changes)
}

/// A draft consultation: the letter can be read (and the consultation changed) before it is sent
/// with [`send`]; its cases are not touched until then.
pub fn create_draft(
    ws: &Workspace,
    forum_id: &str,
    case_ids: &[String],
    subject: &str,
    planned: NaiveDate,
    deadline: Option<NaiveDateTime>,
    now: &Stamp,
) -> Result<Vec<Change>, OpError> {
    let changes = create(ws, forum_id, case_ids, subject, planned, deadline, now)?;
    Ok(changes
        .into_iter()
        .filter_map(|c| match c {
            Change::Create(AnyRecord::Consultation(mut k)) => {
                k.state = ConsultationState::Draft;
                k.sent_date = None;
                Some(Change::Create(AnyRecord::Consultation(k)))
            }
            _ => None,
        })
        .collect())
}

/// Sends a draft consultation today: the forum's reply deadline counts from today, and its cases
/// go into the consultation.
pub fn send(
    ws: &Workspace,
    id: &str,
    today: NaiveDate,
    now: &Stamp,
) -> Result<Vec<Change>, OpError> {
    let mut c = get(ws, id)?;
    if c.state != ConsultationState::Draft {
        return Err(OpError::ConsultationAlreadySent);
    }
    c.state = ConsultationState::Sent;
    c.sent_date = Some(today);
    c.deadline = Some(default_deadline(ws, &c.forum, today));
    let cases = cases_into(ws, id, &c.forum, &c.cases, now)?;
    let mut changes = vec![Change::Update(AnyRecord::Consultation(c))];
    changes.extend(cases);
    Ok(changes)
}

/// The cases of a consultation being sent: each must be draft or ready; each goes into it.
fn cases_into(
    ws: &Workspace,
    id: &str,
    forum_id: &str,
    case_ids: &[String],
    now: &Stamp,
) -> Result<Vec<Change>, OpError> {
    let l = lang(ws);
    let mut changes = vec![];
    for cid in case_ids {
        let mut case = ws
            .case(cid)
            .cloned()
            .ok_or_else(|| OpError::NoCase(cid.to_string()))?;
        if !matches!(case.state, CaseState::Draft | CaseState::Ready) {
            return Err(OpError::CaseNotReadyForConsultation(cid.to_string()));
        }
        super::case::enter(&mut case, CaseState::InConsultation)?;
        case.forum = Some(forum_id.to_string());
        case.history.push(history(
            now,
            l,
            format!("Sendt i skriftlig høring {id}"),
            format!("Sent to written consultation {id}"),
        ));
        changes.push(Change::Update(AnyRecord::Case(case)));
    }
    Ok(changes)
}

/// Adds a case to a consultation that is not concluded. A draft's cases are taken in when it is
/// sent ([`send`]); a sent consultation takes the case in at once (it must be draft or ready).
pub fn add_case(
    ws: &Workspace,
    id: &str,
    case_id: &str,
    now: &Stamp,
) -> Result<Vec<Change>, OpError> {
    let mut c = get(ws, id)?;
    if c.state == ConsultationState::Concluded {
        return Err(OpError::ConsultationConcluded);
    }
    let case = ws
        .case(case_id)
        .ok_or_else(|| OpError::NoCase(case_id.to_string()))?;
    if c.cases.iter().any(|x| x == case_id) {
        return Err(OpError::CaseAlreadyInConsultation(case_id.to_string()));
    }
    if !matches!(case.state, CaseState::Draft | CaseState::Ready) {
        return Err(OpError::CaseNotReadyForConsultation(case_id.to_string()));
    }
    c.cases.push(case_id.to_string());
    let cases = if c.state == ConsultationState::Sent {
        cases_into(ws, id, &c.forum, &[case_id.to_string()], now)?
    } else {
        vec![]
    };
    let mut changes = vec![Change::Update(AnyRecord::Consultation(c))];
    changes.extend(cases);
    Ok(changes)
}

/// Deletes a consultation; the cases still in it go back to ready (a concluded one's decisions
/// stay in the register).
pub fn delete(ws: &Workspace, id: &str, now: &Stamp) -> Result<Vec<Change>, OpError> {
    let l = lang(ws);
    let c = get(ws, id)?;
    let mut changes = vec![];
    for cid in &c.cases {
        if let Some(mut case) = ws.case(cid).cloned()
            && case.state == CaseState::InConsultation
        {
            super::case::enter(&mut case, CaseState::Ready)?;
            case.history.push(history(
                now,
                l,
                format!("Høringen {id} er slettet; sagen er klar igen"),
                format!("The consultation {id} was deleted; the case is ready again"),
            ));
            changes.push(Change::Update(AnyRecord::Case(case)));
        }
    }
    changes.insert(0, Change::Delete(AnyRecord::Consultation(c)));
    Ok(changes)
}

/// The rules for a reply: comments and an objection carry a text; a reply is not received before
/// the consultation was sent. "No reply" (which removes a reply) needs neither.
pub fn check_reply(
    c: &Consultation,
    kind: ReplyKind,
    text: &str,
    received: Option<NaiveDate>,
) -> Result<(), OpError> {
    if matches!(kind, ReplyKind::Objection | ReplyKind::ConsentWithComments)
        && text.trim().is_empty()
    {
        return Err(OpError::ReplyNeedsText);
    }
    if let (Some(received), Some(sent)) = (received, c.sent_date)
        && received < sent
        && kind != ReplyKind::NoReply
    {
        return Err(OpError::ReplyBeforeSent { received, sent });
    }
    Ok(())
}

/// Records (or replaces) one member's reply.
pub fn set_reply(
    ws: &Workspace,
    id: &str,
    authority: &str,
    kind: ReplyKind,
    text: &str,
    received: Option<NaiveDate>,
) -> Result<Consultation, OpError> {
    let mut c = get(ws, id)?;
    if c.state == ConsultationState::Concluded {
        return Err(OpError::ConsultationConcluded);
    }
    if c.state == ConsultationState::Draft {
        return Err(OpError::ConsultationNotSent);
    }
    check_reply(&c, kind, text, received)?;
    let member = ws
        .forum(&c.forum)
        .and_then(|f| f.member(authority))
        .map(|m| m.id.clone())
        .unwrap_or_default();
    c.replies
        .retain(|r| r.authority != authority && (member.is_empty() || r.member != member));
    if kind != ReplyKind::NoReply {
        c.replies.push(Reply {
            member,
            authority: authority.to_string(),
            kind,
            text: text.to_string(),
            received,
        });
    }
    Ok(c)
}

/// Concludes the consultation. `override_to` with a reason replaces the computed outcome.
/// Adopted: the cases are decided. Not adopted: the cases go back to ready for the next meeting,
/// as an item for decision, with the objections added to their background.
pub fn conclude(
    ws: &Workspace,
    id: &str,
    now: NaiveDateTime,
    override_to: Option<(ConsultationOutcome, &str)>,
    stamp: &Stamp,
) -> Result<Vec<Change>, OpError> {
    let l = lang(ws);
    let mut c = get(ws, id)?;
    if c.state == ConsultationState::Concluded {
        return Err(OpError::ConsultationConcluded);
    }
    let forum = ws
        .forum(&c.forum)
        .ok_or_else(|| OpError::NoForum(c.forum.clone()))?;
    let reason = override_to.map(|(_, r)| r.trim().to_string());
    let outcome = match (override_to, proposed_outcome(&c, forum, now)) {
        (Some((o, reason)), _) => {
            if reason.trim().is_empty() {
                return Err(OpError::OverrideNeedsReason);
            }
            c.override_reason = reason.trim().to_string();
            o
        }
        (None, ProposedOutcome::Adopted) => ConsultationOutcome::Adopted,
        (None, ProposedOutcome::NotAdopted) => ConsultationOutcome::NotAdopted,
        (None, p @ ProposedOutcome::CannotConcludeYet(_)) => {
            return Err(OpError::CannotConcludeYet(p));
        }
    };
    let t = tally(&c, forum);
    c.state = ConsultationState::Concluded;
    c.outcome = Some(outcome);
    c.concluded_date = Some(now.date());
    let date = now.date();
    let text = match (l, outcome) {
        (Language::Da, ConsultationOutcome::Adopted) => format!(
            "{} tiltrådte indstillingen ved skriftlig høring ({} tilslutning, {} med bemærkninger, {} {}, {} uden svar).",
            forum.name,
            t.consent,
            t.with_comments,
            t.objection,
            plural(t.objection, "indsigelse", "indsigelser"),
            t.outstanding
        ),
        (Language::Da, ConsultationOutcome::NotAdopted) => format!(
            "Indstillingen blev ikke tiltrådt ved skriftlig høring ({} {}). Sagen forelægges på næste møde.",
            t.objection,
            plural(t.objection, "indsigelse", "indsigelser")
        ),
        (Language::En, ConsultationOutcome::Adopted) => format!(
            "{} adopted the recommendation by written consultation ({} consent, {} with comments, {} {}, {} no reply).",
            forum.name,
            t.consent,
            t.with_comments,
            t.objection,
            plural(t.objection, "objection", "objections"),
            t.outstanding
        ),
        (Language::En, ConsultationOutcome::NotAdopted) => format!(
            "The recommendation was not adopted by written consultation ({} {}). The case goes to the next meeting.",
            t.objection,
            plural(t.objection, "objection", "objections")
        ),
        (Language::Da, ConsultationOutcome::ToMeeting) => {
            "Sagen blev ikke afgjort ved skriftlig høring og forelægges på et møde.".to_string()
        }
        (Language::En, ConsultationOutcome::ToMeeting) => {
            "The case was not settled by written consultation and goes to a meeting.".to_string()
        }
        (Language::Da, ConsultationOutcome::Escalated) => format!(
            "Sagen eskaleres fra {} til {}.",
            forum.name,
            parent_name(ws, forum)
        ),
        (Language::En, ConsultationOutcome::Escalated) => format!(
            "The case is escalated from {} to {}.",
            forum.name,
            parent_name(ws, forum)
        ),
        (Language::Da, ConsultationOutcome::Withdrawn) => {
            "Sagen blev trukket tilbage fra den skriftlige høring.".to_string()
        }
        (Language::En, ConsultationOutcome::Withdrawn) => {
            "The case was withdrawn from the written consultation.".to_string()
        }
    };
    if outcome == ConsultationOutcome::Escalated && forum.parent.is_none() {
        return Err(OpError::NoParentForum(forum.name.clone()));
    }
    // An overridden outcome says why in the reason typed, instead of the standard ending.
    let text = match (&reason, outcome) {
        (Some(r), ConsultationOutcome::NotAdopted) => {
            let head = text.split(". ").next().unwrap_or_default();
            format!("{head}. {r}")
        }
        (Some(r), _) => format!("{text} {r}"),
        (None, _) => text,
    };
    let objections: Vec<String> = c
        .replies
        .iter()
        .filter(|r| r.kind == ReplyKind::Objection)
        .map(|r| format!("- {}: {}", r.authority, r.text.trim()))
        .collect();
    let mut changes = vec![];
    let mut ids: Vec<String> = ws.decisions.iter().map(|d| d.id.clone()).collect();
    for cid in &c.cases {
        let Some(mut case) = ws.case(cid).cloned() else {
            continue;
        };
        // A withdrawn case was not decided on: no entry in the decision register.
        if outcome != ConsultationOutcome::Withdrawn {
            let did = next_seq_id("B", date.year(), ids.iter().map(|s| s.as_str()));
            ids.push(did.clone());
            let mut d = Decision::new(
                &did,
                date,
                &c.forum,
                DecisionSource::Consultation {
                    consultation: c.id.clone(),
                },
                &text,
            );
            d.case = Some(case.id.clone());
            d.initiative = case.initiative.clone();
            changes.push(Change::Create(AnyRecord::Decision(d)));
        }
        let why = reason.clone().unwrap_or_default();
        match outcome {
            ConsultationOutcome::ToMeeting => {
                super::case::enter(&mut case, CaseState::Ready)?;
                case.history.push(history(
                    stamp,
                    l,
                    format!("Skriftlig høring {}: forelægges på møde. {why}", c.id),
                    format!("Written consultation {}: goes to a meeting. {why}", c.id),
                ));
            }
            ConsultationOutcome::Escalated => {
                // The case leaves the consultation and goes up, ready for the parent forum.
                super::case::enter(&mut case, CaseState::Ready)?;
                case.forum = forum.parent.clone();
                let to = parent_name(ws, forum);
                case.history.push(history(
                    stamp,
                    l,
                    format!("Eskaleret til {to} efter skriftlig høring {}. {why}", c.id),
                    format!(
                        "Escalated to {to} after written consultation {}. {why}",
                        c.id
                    ),
                ));
            }
            ConsultationOutcome::Withdrawn => {
                super::case::enter(&mut case, CaseState::Draft)?;
                case.history.push(history(
                    stamp,
                    l,
                    format!("Trukket tilbage fra skriftlig høring {}. {why}", c.id),
                    format!("Withdrawn from written consultation {}. {why}", c.id),
                ));
            }
            ConsultationOutcome::Adopted => {
                super::case::enter(&mut case, CaseState::Decided)?;
                case.history.push(history(
                    stamp,
                    l,
                    format!("Tiltrådt ved skriftlig høring {}", c.id),
                    format!("Adopted by written consultation {}", c.id),
                ));
            }
            ConsultationOutcome::NotAdopted => {
                super::case::enter(&mut case, CaseState::Ready)?;
                let head = match l {
                    Language::Da => format!("Indsigelser i skriftlig høring {}:", c.id),
                    Language::En => format!("Objections in written consultation {}:", c.id),
                };
                case.background = format!(
                    "{}\n\n{head}\n{}",
                    case.background.trim_end(),
                    objections.join("\n")
                );
                case.history.push(history(
                    stamp,
                    l,
                    format!(
                        "Ikke tiltrådt ved skriftlig høring {}; klar til næste møde",
                        c.id
                    ),
                    format!(
                        "Not adopted by written consultation {}; ready for the next meeting",
                        c.id
                    ),
                ));
            }
        }
        changes.push(Change::Update(AnyRecord::Case(case)));
    }
    changes.insert(0, Change::Update(AnyRecord::Consultation(c)));
    Ok(changes)
}

/// The name of the forum's parent forum (its id when unknown, "—" when it has none).
fn parent_name(ws: &Workspace, forum: &crate::model::Forum) -> String {
    match &forum.parent {
        Some(p) => ws.forum(p).map_or(p.clone(), |f| f.name.clone()),
        None => "—".into(),
    }
}

/// The singular for one, else the plural.
fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// Escalates a case to its forum's parent (Porteføljestyregruppen -> STS) with a note.
pub fn escalate(
    ws: &Workspace,
    case_id: &str,
    note: &str,
    now: &Stamp,
) -> Result<crate::model::Case, OpError> {
    let l = lang(ws);
    let mut case = ws
        .case(case_id)
        .cloned()
        .ok_or_else(|| OpError::NoCase(case_id.to_string()))?;
    let from = case
        .forum
        .clone()
        .or_else(|| ws.settings.default_forum.clone())
        .unwrap_or_default();
    let parent = ws
        .forum(&from)
        .and_then(|f| f.parent.clone())
        .ok_or_else(|| OpError::NoParentForum(from.clone()))?;
    let parent_name = ws.forum(&parent).map_or(parent.clone(), |f| f.name.clone());
    case.forum = Some(parent.clone());
    if case.state.is_open() {
        super::case::enter(&mut case, CaseState::Ready)?;
    }
    let note = note.trim();
    case.history.push(history(
        now,
        l,
        format!(
            "Eskaleret til {parent_name}{}",
            if note.is_empty() {
                String::new()
            } else {
                format!(": {note}")
            }
        ),
        format!(
            "Escalated to {parent_name}{}",
            if note.is_empty() {
                String::new()
            } else {
                format!(": {note}")
            }
        ),
    ));
    Ok(case)
}

#[cfg(test)]
mod tests;
