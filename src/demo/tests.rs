use super::*;
use crate::model::validate_id;
use std::collections::HashSet;

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Cat {
    Deviating,
    Attention,
    Fine,
}

/// The deviation rules as the brief states them, with the workspace's thresholds.
fn category(r: &StatusReport, th: &Thresholds) -> Cat {
    let over = match (r.budget, r.forecast) {
        (Some(b), Some(f)) if f > b => f - b,
        _ => Amount::ZERO,
    };
    let budget = r.budget.unwrap_or_default();
    let late = match (r.planned_end, r.forecast_end) {
        (Some(p), Some(f)) => (f - p).num_days(),
        _ => 0,
    };
    let pct_over =
        !budget.is_zero() && over * Amount::ONE_HUNDRED / budget > th.deviating_budget_percent;
    if r.overall == Rag::Red
        || r.cost == Rag::Red
        || pct_over
        || over > th.deviating_budget_mdkk
        || late > th.deviating_schedule_days
    {
        Cat::Deviating
    } else if r.overall == Rag::Yellow
        || r.dimensions().contains(&Rag::Yellow)
        || over > Amount::ZERO
        || late > th.attention_schedule_days
    {
        Cat::Attention
    } else {
        Cat::Fine
    }
}

fn latest(ws: &Workspace) -> Vec<(&Initiative, Cat)> {
    let th = &ws.settings.thresholds;
    ws.initiatives
        .iter()
        .filter_map(|i| i.report(LATEST_QUARTER).map(|r| (i, category(r, th))))
        .collect()
}

#[test]
fn references_point_at_existing_records() {
    let ws = demo_workspace();
    let forum_ids: HashSet<&str> = ws.forums.iter().map(|f| f.id.as_str()).collect();
    assert!(forum_ids.contains(ws.settings.default_forum.as_deref().unwrap()));
    for f in &ws.forums {
        if let Some(p) = &f.parent {
            assert!(forum_ids.contains(p.as_str()), "forum {} parent {p}", f.id);
        }
    }
    for c in &ws.cases {
        assert!(
            ws.forum(c.forum.as_deref().unwrap()).is_some(),
            "case {}",
            c.id
        );
        if let Some(i) = &c.initiative {
            assert!(ws.initiative(i).is_some(), "case {} initiative {i}", c.id);
        }
    }
    for m in &ws.meetings {
        let forum = ws.forum(&m.forum).unwrap();
        let authorities: HashSet<&str> =
            forum.members.iter().map(|m| m.authority.as_str()).collect();
        for a in &m.attendance {
            assert!(
                authorities.contains(a.authority.as_str()),
                "{}",
                a.authority
            );
        }
        for it in &m.items {
            if let Some(c) = &it.case {
                assert!(ws.case(c).is_some(), "meeting {} item case {c}", m.id);
            }
        }
    }
    for h in &ws.consultations {
        let forum = ws.forum(&h.forum).unwrap();
        assert!(!h.cases.is_empty());
        for c in &h.cases {
            assert_eq!(
                ws.case(c).unwrap().state == CaseState::InConsultation,
                h.state == ConsultationState::Sent
            );
        }
        for r in &h.replies {
            assert!(
                forum.members.iter().any(|m| m.authority == r.authority),
                "{}",
                r.authority
            );
        }
    }
    for dec in &ws.decisions {
        assert!(ws.forum(&dec.forum).is_some());
        let case = dec.case.as_deref().unwrap();
        assert!(ws.case(case).is_some(), "{}", dec.id);
        assert!(ws.initiative(dec.initiative.as_deref().unwrap()).is_some());
        assert_eq!(ws.case(case).unwrap().initiative, dec.initiative);
        match &dec.source {
            DecisionSource::Meeting { meeting, item } => {
                let m = ws.meeting(meeting).unwrap();
                let it = &m.items[*item as usize - 1];
                assert_eq!(
                    it.case.as_deref(),
                    Some(case),
                    "{} points at the wrong item",
                    dec.id
                );
                assert_eq!(dec.text, it.minutes.decision);
            }
            DecisionSource::Consultation { consultation } => {
                let h = ws.consultation(consultation).unwrap();
                let silent = 14 - h.replies.len();
                assert!(
                    dec.text.contains(&format!("{silent} uden svar")),
                    "{}",
                    dec.text
                );
                assert!(h.cases.iter().any(|c| c == case));
                assert_eq!(h.outcome, Some(ConsultationOutcome::Adopted));
            }
        }
    }
}

#[test]
fn decisions_are_numbered_in_order() {
    let ws = demo_workspace();
    let ids: Vec<&str> = ws.decisions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        ["B-2026-001", "B-2026-002", "B-2026-003", "B-2026-004"]
    );
    assert_eq!(
        ws.decision("B-2026-001").unwrap().source.label(),
        "2026-09-10-psg#5"
    );
}

#[test]
fn ids_are_valid_and_unique() {
    let ws = demo_workspace();
    let groups: Vec<Vec<&str>> = vec![
        ws.forums.iter().map(|r| r.id.as_str()).collect(),
        ws.initiatives.iter().map(|r| r.id.as_str()).collect(),
        ws.cases.iter().map(|r| r.id.as_str()).collect(),
        ws.meetings.iter().map(|r| r.id.as_str()).collect(),
        ws.consultations.iter().map(|r| r.id.as_str()).collect(),
        ws.decisions.iter().map(|r| r.id.as_str()).collect(),
    ];
    for ids in groups {
        assert!(!ids.is_empty());
        for id in &ids {
            assert_eq!(validate_id(id), Ok(()), "{id}");
        }
        let unique: HashSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "duplicate ids in {ids:?}");
    }
}

#[test]
fn counts_and_members() {
    let ws = demo_workspace();
    assert!(
        (28..=34).contains(&ws.initiatives.len()),
        "{}",
        ws.initiatives.len()
    );
    for i in &ws.initiatives {
        assert!(
            (6..=8).contains(&i.reports.len()),
            "{} has {} reports",
            i.id,
            i.reports.len()
        );
        assert!(
            !i.focus_area.is_empty() && !i.institution.is_empty() && !i.funding.is_empty(),
            "{}",
            i.id
        );
        let reps: Vec<Quarter> = i.reports.iter().map(|r| r.quarter).collect();
        assert!(
            reps.windows(2).all(|w| w[0] < w[1]),
            "{} reports out of order",
            i.id
        );
        for r in &i.reports {
            assert!(
                r.spent.unwrap() <= r.forecast.unwrap(),
                "{} {}",
                i.id,
                r.quarter
            );
            assert!(r.report_date.unwrap() > r.quarter.end());
            assert!(!r.comment.is_empty() && !r.reported_by.is_empty());
        }
    }
    let psg = ws.forum("psg").unwrap();
    assert_eq!(psg.members.len(), 14);
    assert_eq!(
        psg.members[0].authority,
        "Finansministeriet, Digitaliseringsstyrelsen"
    );
    assert_eq!(psg.members[13].authority, "ATP");
    assert!(
        psg.members
            .iter()
            .all(|m| m.email.ends_with("eksempel.dk") && !m.representative.is_empty())
    );
    assert_eq!(psg.standard_items.iter().filter(|s| s.last).count(), 1);
    assert!(psg.silence_is_consent);
    assert!(!ws.forum("oesu").unwrap().silence_is_consent);
    assert_eq!(ws.forum("sts").unwrap().parent, None);
}

#[test]
fn latest_quarter_is_2026q3_and_one_report_is_missing() {
    let ws = demo_workspace();
    let max = ws
        .initiatives
        .iter()
        .filter_map(|i| i.latest_report())
        .map(|r| r.quarter)
        .max();
    assert_eq!(max, Some(Quarter { year: 2026, q: 3 }));
    let missing: Vec<&str> = ws
        .initiatives
        .iter()
        .filter(|i| i.report(LATEST_QUARTER).is_none())
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(missing, ["3.4"]);
    assert_eq!(ws.initiative("3.4").unwrap().lifecycle, Lifecycle::Active);
}

#[test]
fn categories_in_the_latest_quarter() {
    let ws = demo_workspace();
    let cats = latest(&ws);
    let ids = |c: Cat| -> Vec<&str> {
        cats.iter()
            .filter(|(_, k)| *k == c)
            .map(|(i, _)| i.id.as_str())
            .collect()
    };
    assert_eq!(ids(Cat::Deviating), ["2.1", "4.1", "5.2", "6.2"]);
    assert_eq!(ids(Cat::Attention), ["1.2", "3.2", "5.3", "7.2", "8.4"]);
    let red = ws
        .initiatives
        .iter()
        .filter_map(|i| i.report(LATEST_QUARTER))
        .filter(|r| r.overall == Rag::Red || r.cost == Rag::Red)
        .count();
    assert!(red >= 3, "{red}");

    let th = &ws.settings.thresholds;
    let cat_in = |id: &str, q: Quarter| category(ws.initiative(id).unwrap().report(q).unwrap(), th);
    // Newly deviating: 2.1 and 5.2 were not deviating in 2026Q2.
    assert_eq!(cat_in("2.1", Q2), Cat::Attention);
    assert_eq!(cat_in("5.2", Q2), Cat::Fine);
    // 4.1 has been deviating for at least three quarters in a row.
    for q in [Q3, Q2, Q2.prev()] {
        assert_eq!(cat_in("4.1", q), Cat::Deviating, "{q}");
    }
    // The closed initiative ended with a closing report.
    let closed: Vec<&Initiative> = ws
        .initiatives
        .iter()
        .filter(|i| i.lifecycle == Lifecycle::Closed)
        .collect();
    assert_eq!(closed.len(), 1);
    assert_eq!(closed[0].latest_report().unwrap().quarter, LATEST_QUARTER);
    let closing_case = ws.case("S-2026-004").unwrap();
    let report_date = closed[0].latest_report().unwrap().report_date.unwrap();
    assert!(report_date <= closing_case.history[0].at.at.date_naive());
    assert!(
        !closing_case.background.contains("kr.."),
        "{}",
        closing_case.background
    );
}

#[test]
fn cases_cover_every_state_and_the_overview_has_work() {
    let ws = demo_workspace();
    for s in CaseState::ALL {
        assert!(
            ws.cases.iter().any(|c| c.state == s),
            "no case in state {s:?}"
        );
    }
    assert!(
        ws.cases
            .iter()
            .filter(|c| c.state == CaseState::Ready)
            .count()
            >= 2
    );
    let open_case_for = |id: &str| {
        ws.cases
            .iter()
            .any(|c| c.state.is_open() && c.initiative.as_deref() == Some(id))
    };
    let without: Vec<&str> = latest(&ws)
        .into_iter()
        .filter(|(i, c)| *c == Cat::Deviating && !open_case_for(&i.id))
        .map(|(i, _)| i.id.as_str())
        .collect();
    assert_eq!(without, ["5.2"]);
    for c in &ws.cases {
        assert!(
            c.recommendation
                .starts_with("Det indstilles, at porteføljestyregruppen"),
            "{}",
            c.id
        );
        assert!(!c.background.is_empty() && !c.history.is_empty());
        assert!(
            c.attachments
                .iter()
                .all(|a| a.path.starts_with("bilag/") && a.path.ends_with(".pdf"))
        );
    }
    // The figures in a background come from the reports.
    let s7 = ws.case("S-2026-007").unwrap();
    let r = ws
        .initiative("2.1")
        .unwrap()
        .report(LATEST_QUARTER)
        .unwrap();
    assert!(
        s7.background.contains(&kr(r.forecast.unwrap())),
        "{}",
        s7.background
    );
}

#[test]
fn meetings_are_as_planned() {
    let ws = demo_workspace();
    let held = ws.meeting(HELD).unwrap();
    assert_eq!(held.state, MeetingState::Approved);
    assert_eq!(held.date.weekday(), chrono::Weekday::Thu);
    assert_eq!(held.attendance.len(), 14);
    assert!(
        held.attendance
            .iter()
            .any(|a| a.kind == AttendanceKind::Absent)
    );
    assert!(
        held.attendance
            .iter()
            .any(|a| a.kind == AttendanceKind::Substitute && !a.name.is_empty())
    );
    for it in held.items.iter().filter(|it| it.case.is_some()) {
        assert_eq!(
            ws.case(it.case.as_deref().unwrap()).unwrap().state,
            CaseState::Decided
        );
        assert!(!it.minutes.decision.is_empty());
    }
    let actions: Vec<&ActionItem> = held
        .items
        .iter()
        .flat_map(|it| &it.minutes.action_items)
        .collect();
    let now = d(2026, 11, 22);
    assert!(actions.iter().any(|a| a.done));
    assert!(
        actions.iter().any(|a| !a.done && a.due.unwrap() < now),
        "no overdue action item"
    );
    assert!(actions.iter().any(|a| !a.done && a.due.unwrap() >= now));

    let next = ws.meeting(UPCOMING).unwrap();
    assert_eq!(next.state, MeetingState::Draft);
    assert_eq!(next.date.weekday(), chrono::Weekday::Thu);
    assert_eq!(next.items.last().unwrap().title, "Eventuelt");
    let case_items: Vec<&AgendaItem> = next.items.iter().filter(|it| it.case.is_some()).collect();
    assert_eq!(case_items.len(), 2);
    assert_eq!(case_items.iter().filter(|it| it.closed).count(), 1);
    for it in case_items {
        assert_eq!(
            ws.case(it.case.as_deref().unwrap()).unwrap().state,
            CaseState::OnAgenda
        );
        assert!(!it.presenter.is_empty() && it.minutes_allotted > 0 && !it.attachments.is_empty());
    }
}

#[test]
fn the_open_consultation_awaits_replies() {
    let ws = demo_workspace();
    let h = ws.consultation("H-2026-02").unwrap();
    assert_eq!(h.state, ConsultationState::Sent);
    assert_eq!(h.deadline.unwrap().to_string(), "2026-11-25 12:00:00");
    assert!(h.replies.len() < 14);
    assert!(
        h.replies
            .iter()
            .any(|r| r.kind == ReplyKind::ConsentWithComments && !r.text.is_empty())
    );
    let done = ws.consultation("H-2026-01").unwrap();
    assert_eq!(done.state, ConsultationState::Concluded);
}

#[test]
fn danish_amounts() {
    assert_eq!(kr(mio(11_960)), "1.196,0 mio. kr.");
    assert_eq!(kr(Amount::new(46, 2)), "0,5 mio. kr.");
    assert_eq!(kr(mio(-1234)), "-123,4 mio. kr.");
    assert_eq!(dato(d(2026, 12, 3)), "3. december 2026");
}

#[test]
fn deterministic_and_round_trips_through_json() {
    let (a, b) = (demo_workspace(), demo_workspace());
    assert_eq!(a.settings, b.settings);
    assert_eq!(a.forums, b.forums);
    assert_eq!(a.initiatives, b.initiatives);
    assert_eq!(a.cases, b.cases);
    assert_eq!(a.meetings, b.meetings);
    assert_eq!(a.consultations, b.consultations);
    assert_eq!(a.decisions, b.decisions);
    for i in &a.initiatives {
        let back: Initiative = serde_json::from_str(&serde_json::to_string(i).unwrap()).unwrap();
        assert_eq!(&back, i);
        assert_eq!((i.revision, i.created.by.as_str()), (1, BY));
    }
    for m in &a.meetings {
        let back: Meeting = serde_json::from_str(&serde_json::to_string(m).unwrap()).unwrap();
        assert_eq!(&back, m);
    }
}
