//! Find anything (Ctrl-f): every initiative, case, meeting, consultation and decision in one
//! picker, found by id or words (accent- and case-insensitive, as `/` is), and opened on its screen.

use super::common::short_date;
use crate::i18n::Label;
use crate::model::RecordKind;
use crate::tui::app::App;
use crate::tui::popup::PickerItem;
use crate::tui::text::safe_line;

/// One picker item per record: "kind:id" as the id, "Sag S-2026-010 Titel" as the label, and
/// words not shown (the whole text, ministry, forum) to find it by.
pub fn items(app: &App) -> Vec<PickerItem> {
    let ws = &app.ws;
    let l = app.lang;
    let label = |k: RecordKind| crate::tui::app::capitalise(k.label(l));
    let mut out = vec![];
    for c in &ws.cases {
        out.push(PickerItem::with_words(
            &format!("case:{}", c.id),
            &format!(
                "{} {} {}",
                label(RecordKind::Case),
                c.id,
                safe_line(&c.title)
            ),
            &format!(
                "{} {} {}",
                c.recommendation,
                c.background,
                c.initiative.as_deref().unwrap_or("")
            ),
        ));
    }
    for m in ws.meetings.iter().rev() {
        let forum = ws
            .forum(&m.forum)
            .map_or(m.forum.clone(), |f| f.short_name.clone());
        out.push(PickerItem::with_words(
            &format!("meeting:{}", m.id),
            &format!(
                "{} {} {forum} {}",
                label(RecordKind::Meeting),
                short_date(m.date),
                m.id
            ),
            &m.items
                .iter()
                .map(|it| it.title.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ));
    }
    for c in ws.consultations.iter().rev() {
        out.push(PickerItem::with_words(
            &format!("consultation:{}", c.id),
            &format!(
                "{} {} {}",
                label(RecordKind::Consultation),
                c.id,
                safe_line(&c.subject)
            ),
            &c.cases.join(" "),
        ));
    }
    for d in ws.decisions.iter().rev() {
        let first: String = safe_line(d.text.lines().next().unwrap_or(""))
            .chars()
            .take(70)
            .collect();
        out.push(PickerItem::with_words(
            &format!("decision:{}", d.id),
            &format!(
                "{} {} {} {first}",
                label(RecordKind::Decision),
                d.id,
                short_date(d.date)
            ),
            &format!(
                "{} {} {}",
                d.text,
                d.case.as_deref().unwrap_or(""),
                d.initiative.as_deref().unwrap_or("")
            ),
        ));
    }
    for i in &ws.initiatives {
        out.push(PickerItem::with_words(
            &format!("initiative:{}", i.id),
            &format!(
                "{} {} {}",
                label(RecordKind::Initiative),
                i.id,
                safe_line(&i.name)
            ),
            &format!("{} {}", i.ministry, i.institution),
        ));
    }
    out
}

/// Opens a picked "kind:id" on its screen (Esc goes back).
pub fn open(app: &mut App, picked: &str) {
    let Some((kind, id)) = picked.split_once(':') else {
        return;
    };
    let kind = match kind {
        "case" => RecordKind::Case,
        "meeting" => RecordKind::Meeting,
        "consultation" => RecordKind::Consultation,
        "decision" => RecordKind::Decision,
        "initiative" => RecordKind::Initiative,
        _ => return,
    };
    app.open_record(kind, id);
}

#[cfg(test)]
mod tests {
    use crate::tui::app::ScreenId;
    use crate::tui::popup::Popup;
    use crate::tui::testing::{demo_app, press, type_text};

    #[test]
    fn ctrl_f_finds_records_of_every_kind_by_id_or_folded_words_and_opens_them() {
        let (_d, mut app) = demo_app();
        press(&mut app, &["3"]);
        let case = app.ws.cases[0].clone();
        let decision = app.ws.decisions[0].clone();
        let init = app.ws.initiatives[0].clone();
        let cons = app.ws.consultations[0].clone();
        let meeting = app.ws.meetings[0].clone();
        let cases = [
            (case.id.clone(), ScreenId::Cases, case.id.clone()),
            (
                decision.id.clone(),
                ScreenId::Decisions,
                decision.id.clone(),
            ),
            (cons.id.clone(), ScreenId::Consultations, cons.id.clone()),
            (meeting.id.clone(), ScreenId::Meetings, meeting.id.clone()),
            // Words, without accents, of the initiative's ministry.
            (
                format!("{} {}", init.id, crate::tui::text::fold(&init.ministry)),
                ScreenId::Portfolio,
                init.id.clone(),
            ),
        ];
        for (query, screen, id) in cases {
            press(&mut app, &["1", "C-f"]);
            assert!(matches!(app.popups.last(), Some(Popup::Picker(_))));
            type_text(&mut app, &query);
            press(&mut app, &["Enter"]);
            assert_eq!(app.screen, screen, "{query}");
            assert_eq!(app.view().detail.as_ref().map(|d| d.id.clone()), Some(id));
        }
        // Esc goes back to where the search started.
        press(&mut app, &["Esc"]);
        assert_eq!(app.screen, ScreenId::Overview);
    }
}
