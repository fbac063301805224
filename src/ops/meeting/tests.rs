use super::*;
use crate::model::{Case, CaseKind, Forum, ItemKind, StandardItem};

fn ws() -> Workspace {
    let mut f = Forum::new("psg", "Porteføljestyregruppen", "PSG");
    for (t, last, fu) in [
        ("Godkendelse af dagsorden", false, false),
        ("Opfølgning på beslutninger", false, true),
        ("Eventuelt", true, false),
    ] {
        f.standard_items.push(StandardItem {
            title: t.into(),
            kind: ItemKind::Information,
            minutes: 5,
            last,
            follow_up: fu,
            ..Default::default()
        });
    }
    f.members.push(crate::model::Member {
        authority: "KL".into(),
        representative: "Anne".into(),
        email: String::new(),
        extra: Default::default(),
        ..Default::default()
    });
    let mut ws = Workspace {
        forums: vec![f],
        ..Default::default()
    };
    for n in 1..=2 {
        let mut c = Case::new(
            &format!("S-2026-00{n}"),
            CaseKind::DeviationStatus,
            &format!("Sag {n}"),
        );
        c.state = CaseState::Ready;
        c.recommendation = format!("Det indstilles {n}");
        c.initiative = Some("3.2".into());
        ws.cases.push(c);
    }
    let d = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let m = new_meeting(
        &ws,
        "psg",
        d,
        NaiveTime::from_hms_opt(13, 0, 0),
        None,
        "Lokale 1",
    )
    .unwrap();
    ws.meetings.push(m);
    ws
}

fn apply(ws: &mut Workspace, changes: Vec<Change>) {
    for c in changes {
        c.record().clone().put_into(ws);
    }
}

fn titles(m: &Meeting) -> Vec<&str> {
    m.items.iter().map(|i| i.title.as_str()).collect()
}

#[test]
fn standard_items_with_eventuelt_last_and_cases_before_it() {
    let mut ws = ws();
    let m = &ws.meetings[0];
    assert_eq!(m.id, "2026-12-03-psg");
    assert_eq!(
        titles(m),
        [
            "Godkendelse af dagsorden",
            "Opfølgning på beslutninger",
            "Eventuelt"
        ]
    );
    let now = Stamp::default();
    let ch = add_case(&ws, "2026-12-03-psg", "S-2026-001", &now).unwrap();
    apply(&mut ws, ch);
    let ch = add_case(&ws, "2026-12-03-psg", "S-2026-002", &now).unwrap();
    apply(&mut ws, ch);
    let m = ws.meeting("2026-12-03-psg").unwrap();
    assert_eq!(
        titles(m),
        [
            "Godkendelse af dagsorden",
            "Opfølgning på beslutninger",
            "Sag 1",
            "Sag 2",
            "Eventuelt"
        ]
    );
    assert_eq!(m.items[2].recommendation, "Det indstilles 1");
    assert_eq!(ws.case("S-2026-001").unwrap().state, CaseState::OnAgenda);
    assert!(
        add_case(&ws, "2026-12-03-psg", "S-2026-001", &now).is_err(),
        "twice is refused"
    );
    // Remove puts the case back to ready.
    let ch = remove_item(&ws, "2026-12-03-psg", 2, &now).unwrap();
    apply(&mut ws, ch);
    assert_eq!(ws.case("S-2026-001").unwrap().state, CaseState::Ready);
    assert_eq!(ws.meeting("2026-12-03-psg").unwrap().items.len(), 4);
}

#[test]
fn a_change_after_dispatch_makes_a_revised_agenda() {
    let mut ws = ws();
    let m = dispatch(
        &ws,
        "2026-12-03-psg",
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
    )
    .unwrap();
    assert_eq!((m.state, m.agenda_version), (MeetingState::Sent, 1));
    AnyRecord::Meeting(m).put_into(&mut ws);
    let ch = add_case(&ws, "2026-12-03-psg", "S-2026-001", &Stamp::default()).unwrap();
    apply(&mut ws, ch);
    let (m, to) = move_item(&ws, "2026-12-03-psg", 2, -1).unwrap();
    assert_eq!(to, 1);
    assert_eq!((m.state, m.agenda_version), (MeetingState::Draft, 2));
    assert_eq!(
        m.revision_note,
        "Punkt 3 tilføjet: Sag 1\nPunkt 3 flyttet til punkt 2: Sag 1"
    );
    // Moving past the ends changes nothing.
    let (m2, to) = move_item(&ws, "2026-12-03-psg", 0, -1).unwrap();
    assert_eq!((to, m2.items.len()), (0, 4));
}

#[test]
fn approving_writes_decisions_and_decides_cases() {
    let mut ws = ws();
    let ch = add_case(&ws, "2026-12-03-psg", "S-2026-001", &Stamp::default()).unwrap();
    apply(&mut ws, ch);
    assert!(
        approve(&ws, "2026-12-03-psg", &Stamp::default()).is_err(),
        "not held yet"
    );
    let mut m = mark_held(&ws, "2026-12-03-psg").unwrap();
    assert_eq!(m.attendance.len(), 1);
    m.items[0].minutes.decision = "Godkendt.".into();
    AnyRecord::Meeting(m.clone()).put_into(&mut ws);
    let err = approve(&ws, "2026-12-03-psg", &Stamp::default()).unwrap_err();
    assert_eq!(err.message(Language::Da), "Punkt 3 mangler en beslutning");
    assert_eq!(err.message(Language::En), "Item 3 has no decision");
    m.items[2].minutes.decision = decision_formulas(Language::Da)[0].into();
    m.items[2].minutes.action_items.push(ActionItem {
        text: "Handlingsplan".into(),
        owner: "KL".into(),
        due: NaiveDate::from_ymd_opt(2026, 12, 1),
        done: false,
        ..Default::default()
    });
    AnyRecord::Meeting(m).put_into(&mut ws);
    let noon = Stamp {
        at: chrono::DateTime::from_timestamp(1_796_040_000, 0).unwrap(),
        by: "t".into(),
    };
    let ch = approve(&ws, "2026-12-03-psg", &noon).unwrap();
    apply(&mut ws, ch);
    assert_eq!(ws.meetings[0].state, MeetingState::Approved);
    // The approval date the minutes print ("Godkendt den ...").
    assert_eq!(
        ws.meetings[0].approved_date,
        Some(noon.at.with_timezone(&chrono::Local).date_naive())
    );
    assert_eq!(ws.decisions.len(), 1, "standard items give no decision");
    let d = &ws.decisions[0];
    assert_eq!(d.id, "B-2026-001");
    assert_eq!(d.case.as_deref(), Some("S-2026-001"));
    assert_eq!(d.initiative.as_deref(), Some("3.2"));
    assert_eq!(
        d.source,
        DecisionSource::Meeting {
            meeting: "2026-12-03-psg".into(),
            item: 3
        }
    );
    assert_eq!(ws.case("S-2026-001").unwrap().state, CaseState::Decided);
    // Locked: no agenda changes; reopening needs a reason.
    assert!(add_case(&ws, "2026-12-03-psg", "S-2026-002", &Stamp::default()).is_err());
    assert!(reopen(&ws, "2026-12-03-psg", " ", &Stamp::default()).is_err());
    let m = reopen(
        &ws,
        "2026-12-03-psg",
        "Stavefejl i punkt 3",
        &Stamp::default(),
    )
    .unwrap();
    assert_eq!(m.state, MeetingState::Held);
    assert_eq!(
        m.approved_date, None,
        "reopened minutes are no longer approved"
    );
    assert_eq!(m.reopened[0].text, "Stavefejl i punkt 3");
    // The follow-up list: overdue after the due date.
    let fl = follow_up_list(&ws, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(), false);
    assert_eq!(fl.len(), 1);
    assert!(fl[0].overdue);
    let m = set_action_done(&ws, &fl[0], true).unwrap();
    AnyRecord::Meeting(m).put_into(&mut ws);
    assert!(follow_up_list(&ws, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(), false).is_empty());
}

#[test]
fn copy_keeps_structure_without_cases() {
    let mut ws = ws();
    let ch = add_case(&ws, "2026-12-03-psg", "S-2026-001", &Stamp::default()).unwrap();
    apply(&mut ws, ch);
    let m = copy_structure(
        &ws,
        &ws.meetings[0],
        NaiveDate::from_ymd_opt(2027, 2, 4).unwrap(),
    );
    assert_eq!(m.id, "2027-02-04-psg");
    assert_eq!(
        titles(&m),
        [
            "Godkendelse af dagsorden",
            "Opfølgning på beslutninger",
            "Eventuelt"
        ]
    );
}

#[test]
fn items_and_minutes_edits_respect_the_meeting_state() {
    let mut ws = ws();
    let id = "2026-12-03-psg";
    // 5 working days before Thursday 3 December 2026: Thursday 26 November.
    assert_eq!(
        dispatch_deadline(&ws, &ws.meetings[0]),
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    );
    let (m, at) = add_item(&ws, id, AgendaItem::new("Tema", ItemKind::Discussion)).unwrap();
    assert_eq!(at, 2, "before Eventuelt");
    AnyRecord::Meeting(m).put_into(&mut ws);
    let mut it = AgendaItem::new("Tema om AI", ItemKind::Discussion);
    it.minutes_allotted = 30;
    let m = update_item(&ws, id, 2, it).unwrap();
    assert_eq!(m.items[2].minutes_allotted, 30);
    AnyRecord::Meeting(m).put_into(&mut ws);
    assert!(set_decision(&ws, id, 2, "x").is_err(), "not held yet");
    let m = mark_held(&ws, id).unwrap();
    AnyRecord::Meeting(m).put_into(&mut ws);
    assert!(update_item(&ws, id, 2, AgendaItem::new("y", ItemKind::Decision)).is_err());
    let m = set_decision(&ws, id, 2, "Drøftet.\n").unwrap();
    assert_eq!(m.items[2].minutes.decision, "Drøftet.");
    AnyRecord::Meeting(m).put_into(&mut ws);
    let a = ActionItem {
        text: "Notat".into(),
        owner: "KL".into(),
        due: None,
        done: false,
        ..Default::default()
    };
    let (m, k) = put_action_item(&ws, id, 2, None, a.clone()).unwrap();
    assert_eq!((k, m.items[2].minutes.action_items.len()), (0, 1));
    AnyRecord::Meeting(m).put_into(&mut ws);
    assert!(put_action_item(&ws, id, 2, Some(5), a).is_err());
    let m = remove_action_item(&ws, id, 2, 0).unwrap();
    assert!(m.items[2].minutes.action_items.is_empty());
}
