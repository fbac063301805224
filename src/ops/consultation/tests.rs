use super::*;
use crate::model::{Case, CaseKind, Forum, Member};

fn ws(silence: bool) -> Workspace {
    let mut f = Forum::new("psg", "Porteføljestyregruppen", "PSG");
    f.silence_is_consent = silence;
    f.parent = Some("sts".into());
    for a in ["Finansministeriet", "KL", "Danske Regioner"] {
        f.members.push(Member {
            authority: a.into(),
            representative: String::new(),
            email: String::new(),
            extra: Default::default(),
            ..Default::default()
        });
    }
    let sts = Forum::new("sts", "Styregruppen for Tværoffentlige Samarbejder", "STS");
    let mut c = Case::new("S-2026-001", CaseKind::Disbursement, "Udmøntning");
    c.state = CaseState::Ready;
    c.background = "Baggrund.".into();
    c.forum = Some("psg".into());
    Workspace {
        forums: vec![f, sts],
        cases: vec![c],
        ..Default::default()
    }
}

fn apply(ws: &mut Workspace, changes: Vec<Change>) {
    for c in changes {
        c.record().clone().put_into(ws);
    }
}

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn sent(silence: bool) -> Workspace {
    let mut w = ws(silence);
    let ch = create(
        &w,
        "psg",
        &["S-2026-001".into()],
        "Udmøntning",
        date(11, 18),
        None,
        &Stamp::default(),
    )
    .unwrap();
    apply(&mut w, ch);
    w
}

fn reply(w: &mut Workspace, who: &str, kind: ReplyKind, text: &str) {
    let c = set_reply(w, "H-2026-01", who, kind, text, Some(date(11, 20))).unwrap();
    AnyRecord::Consultation(c).put_into(w);
}

fn after_deadline() -> NaiveDateTime {
    date(11, 26).and_hms_opt(9, 0, 0).unwrap()
}

#[test]
fn a_reply_without_text_or_before_the_sending_is_refused() {
    let w = sent(false);
    let r = |kind, text, day| set_reply(&w, "H-2026-01", "KL", kind, text, Some(date(11, day)));
    assert_eq!(
        r(ReplyKind::Objection, "  ", 20).unwrap_err(),
        OpError::ReplyNeedsText
    );
    assert_eq!(
        r(ReplyKind::ConsentWithComments, "", 20).unwrap_err(),
        OpError::ReplyNeedsText
    );
    assert!(r(ReplyKind::Consent, "", 20).is_ok());
    assert_eq!(
        r(ReplyKind::Consent, "", 17).unwrap_err(),
        OpError::ReplyBeforeSent {
            received: date(11, 17),
            sent: date(11, 18)
        }
    );
    assert!(
        r(ReplyKind::Consent, "", 18).is_ok(),
        "received on the day it was sent"
    );
    assert!(
        r(ReplyKind::NoReply, "", 17).is_ok(),
        "no reply has no date to check"
    );
    assert_eq!(
        OpError::ReplyNeedsText.message(Language::En),
        "Comments and objections need a text."
    );
}

#[test]
fn a_deadline_before_the_sending_is_refused() {
    let w = ws(false);
    let early = date(11, 17).and_hms_opt(12, 0, 0).unwrap();
    let e = create(
        &w,
        "psg",
        &["S-2026-001".into()],
        "Udmøntning",
        date(11, 18),
        Some(early),
        &Stamp::default(),
    )
    .unwrap_err();
    assert_eq!(
        e,
        OpError::DeadlineBeforeSent {
            deadline: date(11, 17),
            sent: date(11, 18)
        }
    );
    assert!(check_deadline(date(11, 18), date(11, 18).and_hms_opt(12, 0, 0).unwrap()).is_ok());
}

#[test]
fn create_sets_the_forum_deadline_and_the_case_state() {
    let w = sent(true);
    let c = w.consultation("H-2026-01").unwrap();
    // 5 working days after Wednesday 18 November 2026, at 12.00.
    assert_eq!(
        c.deadline,
        Some(date(11, 25).and_hms_opt(12, 0, 0).unwrap())
    );
    assert_eq!(c.state, ConsultationState::Sent);
    assert_eq!(
        w.case("S-2026-001").unwrap().state,
        CaseState::InConsultation
    );
    // The case cannot go into a second consultation.
    assert!(
        create(
            &w,
            "psg",
            &["S-2026-001".into()],
            "x",
            date(11, 18),
            None,
            &Stamp::default()
        )
        .is_err()
    );
}

#[test]
fn the_forum_deadline_skips_easter_and_christmas() {
    let noon = |d: NaiveDate| Some(d.and_hms_opt(12, 0, 0).unwrap());
    let deadline_for = |sent: NaiveDate| {
        let w = ws(true);
        let ch = create(
            &w,
            "psg",
            &["S-2026-001".into()],
            "Udmøntning",
            sent,
            None,
            &Stamp::default(),
        )
        .unwrap();
        let mut w = w;
        apply(&mut w, ch);
        w.consultation("H-2026-01").unwrap().deadline
    };
    // Sent Monday 30 March 2026: 31 Mar, 1 Apr, (skærtorsdag, langfredag, weekend,
    // 2. påskedag), 7, 8, 9 Apr.
    assert_eq!(deadline_for(date(3, 30)), noon(date(4, 9)));
    // Sent Friday 27 March: 30, 31 Mar, 1, 7, 8 Apr.
    assert_eq!(deadline_for(date(3, 27)), noon(date(4, 8)));
    // Sent Monday 21 December 2026: 22, 23, (24-27 off), 28, 29, 30 Dec.
    assert_eq!(deadline_for(date(12, 21)), noon(date(12, 30)));
    // Sent Wednesday 23 December: 28, 29, 30 Dec, (31 Dec, 1 Jan, weekend), 4, 5 Jan 2027.
    assert_eq!(
        deadline_for(date(12, 23)),
        noon(NaiveDate::from_ymd_opt(2027, 1, 5).unwrap())
    );
    // The forum's own number of working days is used.
    let mut w = ws(true);
    w.forums[0].reply_deadline_working_days = 2;
    assert_eq!(
        default_deadline(&w, "psg", date(4, 1)),
        date(4, 8).and_hms_opt(12, 0, 0).unwrap()
    );
}

#[test]
fn silence_as_consent_adopts_after_the_deadline() {
    let mut w = sent(true);
    reply(&mut w, "KL", ReplyKind::Consent, "");
    let early = date(11, 20).and_hms_opt(9, 0, 0).unwrap();
    assert!(
        conclude(&w, "H-2026-01", early, None, &Stamp::default()).is_err(),
        "not before the deadline"
    );
    let ch = conclude(&w, "H-2026-01", after_deadline(), None, &Stamp::default()).unwrap();
    apply(&mut w, ch);
    let c = w.consultation("H-2026-01").unwrap();
    assert_eq!(
        (c.state, c.outcome),
        (
            ConsultationState::Concluded,
            Some(ConsultationOutcome::Adopted)
        )
    );
    assert_eq!(w.case("S-2026-001").unwrap().state, CaseState::Decided);
    assert_eq!(w.decisions.len(), 1);
    assert_eq!(
        w.decisions[0].source,
        DecisionSource::Consultation {
            consultation: "H-2026-01".into()
        }
    );
    assert!(
        w.decisions[0].text.contains("1 tilslutning"),
        "{}",
        w.decisions[0].text
    );
}

#[test]
fn without_silence_as_consent_outstanding_replies_block_adoption() {
    let mut w = sent(false);
    reply(&mut w, "KL", ReplyKind::Consent, "");
    let err = conclude(&w, "H-2026-01", after_deadline(), None, &Stamp::default()).unwrap_err();
    assert!(matches!(err, OpError::CannotConcludeYet(_)), "{err:?}");
    assert!(!err.message(Language::Da).is_empty());
    // An override with a reason is possible, and the reason is kept.
    assert!(
        conclude(
            &w,
            "H-2026-01",
            after_deadline(),
            Some((ConsultationOutcome::Adopted, " ")),
            &Stamp::default()
        )
        .is_err()
    );
    let ch = conclude(
        &w,
        "H-2026-01",
        after_deadline(),
        Some((
            ConsultationOutcome::Adopted,
            "Bekræftet mundtligt af de øvrige",
        )),
        &Stamp::default(),
    )
    .unwrap();
    apply(&mut w, ch);
    let c = w.consultation("H-2026-01").unwrap();
    assert_eq!(c.override_reason, "Bekræftet mundtligt af de øvrige");
    assert_eq!(c.outcome, Some(ConsultationOutcome::Adopted));
}

#[test]
fn an_overridden_outcome_takes_the_reason_typed_into_the_decision() {
    let mut w = sent(true);
    reply(&mut w, "KL", ReplyKind::Consent, "");
    let ch = conclude(
        &w,
        "H-2026-01",
        after_deadline(),
        Some((
            ConsultationOutcome::NotAdopted,
            "Formanden vurderer sagen uafklaret. Sagen forelægges STS.",
        )),
        &Stamp::default(),
    )
    .unwrap();
    apply(&mut w, ch);
    let text = &w.decisions[0].text;
    assert!(text.ends_with("Sagen forelægges STS."), "{text}");
    assert!(!text.contains("næste møde"), "{text}");
    assert!(
        text.starts_with("Indstillingen blev ikke tiltrådt"),
        "{text}"
    );
}

#[test]
fn an_objection_sends_the_case_to_the_next_meeting_with_the_objection_in_its_background() {
    let mut w = sent(true);
    reply(&mut w, "Finansministeriet", ReplyKind::Consent, "");
    reply(&mut w, "KL", ReplyKind::Objection, "Budgettet er for lavt.");
    reply(
        &mut w,
        "Danske Regioner",
        ReplyKind::ConsentWithComments,
        "OK.",
    );
    // Everyone replied: it can conclude before the deadline.
    let early = date(11, 20).and_hms_opt(9, 0, 0).unwrap();
    let ch = conclude(&w, "H-2026-01", early, None, &Stamp::default()).unwrap();
    apply(&mut w, ch);
    assert_eq!(
        w.consultation("H-2026-01").unwrap().outcome,
        Some(ConsultationOutcome::NotAdopted)
    );
    let case = w.case("S-2026-001").unwrap();
    assert_eq!(case.state, CaseState::Ready);
    assert!(
        case.background.contains("- KL: Budgettet er for lavt."),
        "{}",
        case.background
    );
    assert!(
        conclude(&w, "H-2026-01", early, None, &Stamp::default()).is_err(),
        "only once"
    );
}

#[test]
fn escalation_moves_the_case_to_the_parent_forum_and_keeps_its_history() {
    let w = ws(true);
    let case = escalate(
        &w,
        "S-2026-001",
        "Uenighed om finansiering",
        &Stamp::default(),
    )
    .unwrap();
    assert_eq!(case.forum.as_deref(), Some("sts"));
    assert_eq!(
        case.history.last().unwrap().text,
        "Eskaleret til Styregruppen for Tværoffentlige Samarbejder: Uenighed om finansiering"
    );
    let mut w2 = w.clone();
    AnyRecord::Case(case).put_into(&mut w2);
    assert!(
        escalate(&w2, "S-2026-001", "", &Stamp::default()).is_err(),
        "STS has no parent"
    );
}
