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
