use super::*;
use crate::tui::testing::{demo_app, press, screen, type_text};

const UPCOMING: &str = "2026-12-03-psg";

fn meeting(app: &App) -> Meeting {
    app.ws.meeting(UPCOMING).unwrap().clone()
}

/// Moves the cursor onto `part` with j/k, as a user would.
fn go_to(app: &mut App, part: &Part) {
    let m = meeting(app);
    let want = parts(app, &m).iter().position(|p| p == part).unwrap();
    press(app, &["g"]);
    for _ in 0..want {
        press(app, &["j"]);
    }
    assert_eq!(
        app.view_of(ScreenId::Meetings)
            .detail
            .as_ref()
            .unwrap()
            .cursor,
        want
    );
}

fn open_upcoming(app: &mut App) {
    press(app, &["4", "g", "Enter"]);
    assert_eq!(
        app.view_of(ScreenId::Meetings)
            .detail
            .as_ref()
            .map(|d| d.id.as_str()),
        Some(UPCOMING)
    );
}

#[test]
fn a_multi_line_recommendation_shows_as_lines_in_the_item_pane() {
    let (_dir, mut app) = demo_app();
    let mut m = meeting(&app);
    m.items[0].recommendation = "Første linje.\nAnden linje står for sig.".into();
    app.commit(vec![Change::Update(AnyRecord::Meeting(m))], "edited")
        .unwrap();
    open_upcoming(&mut app);
    go_to(&mut app, &Part::Item(0));
    let s = screen(&mut app, 80, 24);
    assert!(!s.contains('␤'), "{s}");
    assert!(
        s.lines()
            .any(|l| l.trim_start().starts_with("Anden linje står for sig.")),
        "{s}"
    );
}

#[test]
fn the_demo_meeting_from_agenda_to_approved_minutes_by_keys() {
    let (_dir, mut app) = demo_app();
    open_upcoming(&mut app);
    let before = meeting(&app).items.len();

    // Add a ready case: the deviating initiative's case comes first in the picker.
    press(&mut app, &["a"]);
    insta::assert_snapshot!("add_case_picker_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("add_case_picker_120x36", screen(&mut app, 120, 36));
    press(&mut app, &["Enter"]);
    let m = meeting(&app);
    assert_eq!(m.items.len(), before + 1);
    let added = m
        .items
        .iter()
        .position(|it| it.case.as_deref() == Some("S-2026-008"))
        .expect("S-2026-008 on the agenda");
    assert_eq!(
        m.items.last().unwrap().title,
        "Eventuelt",
        "cases go before Eventuelt"
    );
    assert_eq!(
        app.ws.case("S-2026-008").unwrap().state,
        CaseState::OnAgenda
    );

    // Reorder: one up.
    press(&mut app, &["K"]);
    let m = meeting(&app);
    assert_eq!(m.items[added - 1].case.as_deref(), Some("S-2026-008"));
    insta::assert_snapshot!("agenda_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("agenda_120x36", screen(&mut app, 120, 36));

    // Dispatch (asks first).
    press(&mut app, &["s"]);
    insta::assert_snapshot!("dispatch_confirm_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("dispatch_confirm_120x36", screen(&mut app, 120, 36));
    press(&mut app, &["y"]);
    let m = meeting(&app);
    assert_eq!(m.state, MeetingState::Sent);
    assert_eq!(m.sent_date, Some(app.today));

    // The meeting is held.
    press(&mut app, &["H", "y"]);
    assert_eq!(meeting(&app).state, MeetingState::Held);

    // Attendance: the first member sends a substitute.
    press(&mut app, &["t", "Right", "Right", "Tab", "C-u"]);
    type_text(&mut app, "Søren Stedfortræder");
    insta::assert_snapshot!("attendance_form_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("attendance_form_120x36", screen(&mut app, 120, 36));
    press(&mut app, &["C-s"]);
    let att = &meeting(&app).attendance[0];
    assert_eq!(att.kind, AttendanceKind::Substitute);
    assert_eq!(att.name, "Søren Stedfortræder");

    // A decision on every case item: the formula picker, then the form to edit it.
    let case_items: Vec<usize> = meeting(&app)
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.case.is_some())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(case_items.len(), 3);
    for &i in &case_items {
        go_to(&mut app, &Part::Item(i));
        press(&mut app, &["f", "Enter"]);
        type_text(&mut app, " Sagen følges op i marts.");
        press(&mut app, &["C-s"]);
    }
    let m = meeting(&app);
    assert_eq!(
        m.items[case_items[0]].minutes.decision,
        "Porteføljestyregruppen godkendte indstillingen. Sagen følges op i marts."
    );

    // An action item on the added case.
    go_to(&mut app, &Part::Item(added - 1));
    press(&mut app, &["o"]);
    type_text(&mut app, "Redegørelse for forsinkelsen");
    press(&mut app, &["Tab", "C-u"]);
    type_text(&mut app, "Justitsministeriet");
    press(&mut app, &["Tab"]);
    type_text(&mut app, "04-03-2027");
    press(&mut app, &["C-s"]);
    let a = &meeting(&app).items[added - 1].minutes.action_items;
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].owner, "Justitsministeriet");
    assert_eq!(a[0].due, chrono::NaiveDate::from_ymd_opt(2027, 3, 4));
    insta::assert_snapshot!("minutes_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("minutes_120x36", screen(&mut app, 120, 36));

    // Approve (asks first): decisions in the register, cases decided, minutes locked.
    let decisions_before = app.ws.decisions.len();
    press(&mut app, &["A", "y"]);
    let m = meeting(&app);
    assert_eq!(m.state, MeetingState::Approved);
    assert_eq!(app.ws.decisions.len(), decisions_before + 3);
    let d = app
        .ws
        .decisions
        .iter()
        .find(|d| d.case.as_deref() == Some("S-2026-008"))
        .expect("decision for the added case");
    assert_eq!(d.initiative.as_deref(), Some("6.2"));
    assert!(
        d.text
            .starts_with("Porteføljestyregruppen godkendte indstillingen.")
    );
    assert_eq!(app.ws.case("S-2026-008").unwrap().state, CaseState::Decided);
    // On disk too.
    let on_disk = std::fs::read_to_string(app.store.path_of(RecordKind::Decision, &d.id)).unwrap();
    assert!(on_disk.contains("S-2026-008"));
    // Locked: a decision edit is refused with a message.
    press(&mut app, &["b"]);
    assert!(app.popups.is_empty());
    assert!(app.message.as_ref().unwrap().0.contains("låst"));

    // Export the minutes: `w` offers text files, PDF and the pack; the first is the text files.
    press(&mut app, &["w", "Enter"]);
    let out = app.store.root().join("out");
    for ext in ["md", "html", "txt"] {
        let p = out.join(format!("2026-12-03-portefoeljestyregruppen-referat.{ext}"));
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert!(text.contains("Redegørelse for forsinkelsen"), "{ext}");
        assert!(text.contains("Sagen følges op i marts"), "{ext}");
    }
    let msg = match app.popups.last() {
        Some(crate::tui::popup::Popup::Message { text, .. }) => text.clone(),
        _ => panic!("no message box"),
    };
    assert!(msg.contains("out/2026-12-03-portefoeljestyregruppen-referat.html"));
}

#[test]
fn agenda_export_writes_four_files_and_a_late_change_makes_a_revision() {
    let (_dir, mut app) = demo_app();
    open_upcoming(&mut app);
    press(&mut app, &["s", "y"]);
    assert_eq!(meeting(&app).state, MeetingState::Sent);
    // A change after dispatch: version 2, back to draft, the change noted.
    press(&mut app, &["g", "J"]);
    let m = meeting(&app);
    assert_eq!((m.state, m.agenda_version), (MeetingState::Draft, 2));
    assert!(m.revision_note.contains("flyttet"), "{}", m.revision_note);
    insta::assert_snapshot!("revised_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("revised_120x36", screen(&mut app, 120, 36));
    press(&mut app, &["w", "Enter"]);
    let out = app.store.root().join("out");
    for ext in ["md", "html", "txt", "ics"] {
        assert!(
            out.join(format!(
                "2026-12-03-portefoeljestyregruppen-dagsorden-v2.{ext}"
            ))
            .exists(),
            "{ext}"
        );
    }
    let md =
        std::fs::read_to_string(out.join("2026-12-03-portefoeljestyregruppen-dagsorden-v2.md"))
            .unwrap();
    assert!(md.contains("Revideret dagsorden"));
    assert!(md.contains("flyttet"));
}

#[test]
fn a_bilag_attached_by_keys_goes_into_the_pack_written_in_the_background() {
    let (dir, mut app) = demo_app();
    // A three-page PDF outside the workspace, typed as a path with Tab completion.
    let src = dir.path().join("indgaaende");
    std::fs::create_dir_all(&src).unwrap();
    let bytes = crate::export::pdf::compile(
        "Et side 1\n#pagebreak()\nEt side 2\n#pagebreak()\nEt side 3\n",
        &crate::export::pdf::Files::new(),
        crate::export::pdf::PdfSettings::default(),
    )
    .unwrap();
    std::fs::write(src.join("notat-om-tidsplan.pdf"), bytes).unwrap();
    open_upcoming(&mut app);
    let before = crate::ops::bilag::list(
        &app.ws,
        &crate::ops::bilag::Owner::Item(meeting(&app).id.clone(), 0),
    )
    .len();
    // On the first item: B opens the bilag list; the first choice attaches a file.
    press(&mut app, &["B"]);
    assert!(matches!(
        app.popups.last(),
        Some(crate::tui::popup::Popup::Picker(_))
    ));
    press(&mut app, &["Enter"]);
    let typed = format!("{}/indg", dir.path().display());
    crate::tui::testing::type_text(&mut app, &typed);
    press(&mut app, &["Tab"]);
    crate::tui::testing::type_text(&mut app, "no");
    press(&mut app, &["Tab"]);
    match app.popups.last() {
        Some(crate::tui::popup::Popup::Form(f)) => assert_eq!(
            f.text("file"),
            format!("{}/indgaaende/notat-om-tidsplan.pdf", dir.path().display())
        ),
        _ => panic!("no attach form"),
    }
    press(&mut app, &["Down"]);
    crate::tui::testing::type_text(&mut app, "Notat om tidsplan");
    press(&mut app, &["C-s"]);
    assert!(
        app.popups.is_empty(),
        "the form did not close: {:?}",
        app.message
    );
    let owner = crate::ops::bilag::Owner::Item(meeting(&app).id.clone(), 0);
    let list = crate::ops::bilag::list(&app.ws, &owner);
    assert_eq!(list.len(), before + 1);
    let added = list.last().unwrap().clone();
    assert_eq!(added.title, "Notat om tidsplan");
    assert!(app.store.root().join(&added.path).is_file());
    assert!(added.sha256.is_some());
    // Rename it from the list.
    press(&mut app, &["B", "Down"]);
    for _ in 0..before {
        press(&mut app, &["Down"]);
    }
    press(&mut app, &["Enter", "Enter"]);
    press(&mut app, &["C-s"]);
    // The pack: `w`, then the third choice; it is made on a thread and says where it went.
    press(&mut app, &["w", "Down", "Down", "Enter"]);
    assert!(app.job.is_some());
    app.wait_job();
    let msg = match app.popups.last() {
        Some(crate::tui::popup::Popup::Message { text, .. }) => text.clone(),
        _ => panic!("no message box: {:?}", app.message),
    };
    let path = app
        .store
        .root()
        .join("out/2026-12-03-portefoeljestyregruppen-moedepakke.pdf");
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    let pdf = lopdf::Document::load(&path).unwrap();
    assert!(pdf.get_pages().len() >= 9, "{}", pdf.get_pages().len());
}

#[test]
fn removing_an_item_asks_and_puts_the_case_back_to_ready() {
    let (_dir, mut app) = demo_app();
    open_upcoming(&mut app);
    let m = meeting(&app);
    let i = m
        .items
        .iter()
        .position(|it| it.case.as_deref() == Some("S-2026-007"))
        .unwrap();
    go_to(&mut app, &Part::Item(i));
    press(&mut app, &["x"]);
    insta::assert_snapshot!("remove_confirm_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("remove_confirm_120x36", screen(&mut app, 120, 36));
    press(&mut app, &["n"]);
    assert_eq!(meeting(&app).items.len(), m.items.len(), "n keeps it");
    press(&mut app, &["x", "y"]);
    assert_eq!(meeting(&app).items.len(), m.items.len() - 1);
    assert_eq!(app.ws.case("S-2026-007").unwrap().state, CaseState::Ready);
    // Undo brings both back.
    press(&mut app, &["u"]);
    assert_eq!(meeting(&app).items.len(), m.items.len());
    assert_eq!(
        app.ws.case("S-2026-007").unwrap().state,
        CaseState::OnAgenda
    );
}

#[test]
fn item_form_edits_and_adds_items_and_the_overrun_warns() {
    let (_dir, mut app) = demo_app();
    open_upcoming(&mut app);
    press(&mut app, &["e"]);
    insta::assert_snapshot!("item_form_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("item_form_120x36", screen(&mut app, 120, 36));
    // Minutes: 5 -> 60 makes the agenda run past 15.00.
    press(&mut app, &["Tab", "Tab", "Tab", "C-u"]);
    type_text(&mut app, "60");
    press(&mut app, &["C-s"]);
    assert!(app.popups.is_empty(), "{:?}", app.popups.len());
    assert_eq!(meeting(&app).items[0].minutes_allotted, 60);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("over mødets sluttid"), "{s}");
    // A new item without a case lands before Eventuelt.
    press(&mut app, &["i"]);
    type_text(&mut app, "Temadrøftelse om AI");
    press(&mut app, &["C-s"]);
    let m = meeting(&app);
    let n = m.items.len();
    assert_eq!(m.items[n - 2].title, "Temadrøftelse om AI");
    assert_eq!(m.items[n - 1].title, "Eventuelt");
}

#[test]
fn reopening_asks_for_a_reason_and_approving_again_keeps_one_decision_per_item() {
    let (_dir, mut app) = demo_app();
    press(&mut app, &["4", "G", "Enter"]);
    let id = app.current_id().unwrap();
    assert_eq!(app.ws.meeting(&id).unwrap().state, MeetingState::Approved);
    insta::assert_snapshot!("approved_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("approved_120x36", screen(&mut app, 120, 36));
    let n = app.ws.decisions.len();
    press(&mut app, &["R", "C-s"]);
    assert!(!app.popups.is_empty(), "a reason is required");
    type_text(&mut app, "Stavefejl i punkt 5");
    press(&mut app, &["C-s"]);
    let m = app.ws.meeting(&id).unwrap();
    assert_eq!(m.state, MeetingState::Held);
    assert_eq!(m.reopened[0].text, "Stavefejl i punkt 5");
    press(&mut app, &["A", "y"]);
    assert_eq!(app.ws.meeting(&id).unwrap().state, MeetingState::Approved);
    assert_eq!(app.ws.decisions.len(), n, "no duplicates");
}

#[test]
fn deleting_a_meeting_asks_and_frees_its_cases() {
    let (_dir, mut app) = demo_app();
    press(&mut app, &["4", "g", "d"]);
    insta::assert_snapshot!("delete_confirm_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("delete_confirm_120x36", screen(&mut app, 120, 36));
    press(&mut app, &["y"]);
    assert!(app.ws.meeting(UPCOMING).is_none());
    assert_eq!(app.ws.case("S-2026-007").unwrap().state, CaseState::Ready);
    press(&mut app, &["u"]);
    assert!(app.ws.meeting(UPCOMING).is_some());
    assert_eq!(
        app.ws.case("S-2026-007").unwrap().state,
        CaseState::OnAgenda
    );
    // Approved minutes are not deleted.
    press(&mut app, &["G", "d"]);
    assert!(app.popups.is_empty());
    assert_eq!(app.ws.meetings.len(), 2);
}

#[test]
fn s_says_it_only_marks_sent_and_m_is_the_e_mail_in_both_languages() {
    let s = DETAIL_KEYS
        .iter()
        .find(|b| b.action == Action::Dispatch)
        .unwrap();
    assert!(s.da.contains("ingen e-mail"), "{}", s.da);
    assert!(s.en.contains("no e-mail"), "{}", s.en);
    for (lang, words) in [
        (crate::model::Language::Da, "Der sendes ingen e-mail"),
        (crate::model::Language::En, "No e-mail is sent"),
    ] {
        let (_dir, mut app) = crate::tui::testing::demo_app_lang(Some(lang));
        open_upcoming(&mut app);
        press(&mut app, &["s"]);
        let shown = match app.popups.last() {
            Some(crate::tui::popup::Popup::Confirm { text, .. }) => text.clone(),
            _ => panic!("s asks first"),
        };
        assert!(shown.contains(words), "{shown}");
        press(&mut app, &["n"]);
        assert_eq!(meeting(&app).state, MeetingState::Draft);
    }
}

#[test]
fn english_agenda_fits() {
    let (_dir, mut app) = crate::tui::testing::demo_app_lang(Some(crate::model::Language::En));
    open_upcoming(&mut app);
    insta::assert_snapshot!("agenda_en_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("agenda_en_120x36", screen(&mut app, 120, 36));
}

#[test]
fn list_and_copy() {
    let (_dir, mut app) = demo_app();
    press(&mut app, &["4"]);
    insta::assert_snapshot!("list_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("list_120x36", screen(&mut app, 120, 36));
    press(&mut app, &["c"]);
    type_text(&mut app, "04-03-2027");
    press(&mut app, &["C-s"]);
    let m = app.ws.meeting("2027-03-04-psg").expect("copied");
    assert!(m.items.iter().all(|it| it.case.is_none()));
    assert_eq!(m.start, meeting(&app).start);
}

#[test]
fn follow_up_items_show_under_the_follow_up_item_and_toggle_with_space() {
    let (_dir, mut app) = demo_app();
    open_upcoming(&mut app);
    let m = meeting(&app);
    let ps = parts(&app, &m);
    let Some(first) = ps
        .iter()
        .find(|p| matches!(p, Part::Action { .. }))
        .cloned()
    else {
        panic!("the demo has open action items: {ps:?}");
    };
    go_to(&mut app, &first);
    let open_before = ops::follow_up_list(&app.ws, app.today, false).len();
    press(&mut app, &["Space"]);
    assert_eq!(
        ops::follow_up_list(&app.ws, app.today, false).len(),
        open_before - 1
    );
    press(&mut app, &["u"]);
    assert_eq!(
        ops::follow_up_list(&app.ws, app.today, false).len(),
        open_before
    );
}

#[test]
fn the_decision_phrases_are_the_forums_own_or_the_common_ones_with_its_name() {
    let (_dir, mut app) = demo_app();
    let m = meeting(&app);
    let name = app.ws.forum(&m.forum).unwrap().name.clone();
    let phrases = meeting_phrases(&app, &m);
    for p in [
        "godkendte dagsordenen",
        "godkendte referatet",
        "tog orienteringen til efterretning",
        "godkendte indstillingen med de faldne bemærkninger",
    ] {
        assert!(phrases.contains(&format!("{name} {p}.")), "{phrases:?}");
    }
    // The forum's own phrases, set in the forum form (m on the open forum).
    press(&mut app, &["F"]);
    let v = app.view_of_mut(ScreenId::Forums);
    v.list.select_id(&v.model, &m.forum);
    press(&mut app, &["Enter", "m"]);
    for _ in 0..8 {
        press(&mut app, &["Tab"]);
    }
    if let Some(crate::tui::popup::Popup::Form(f)) = app.popups.last() {
        assert_eq!(f.focused().unwrap().key, "phrases");
    }
    if let Some(crate::tui::popup::Popup::Form(f)) = app.popups.last_mut() {
        f.set("phrases", "");
    }
    type_text(&mut app, "PSG noterede sig sagen.");
    press(&mut app, &["C-s"]);
    assert!(app.popups.is_empty(), "saved");
    assert_eq!(
        app.ws.forum(&m.forum).unwrap().decision_phrases,
        vec!["PSG noterede sig sagen.".to_string()]
    );
    assert_eq!(
        meeting_phrases(&app, &m),
        vec!["PSG noterede sig sagen.".to_string()]
    );
}
