//! What a new user reads: keys written as keys, lists that say why they are empty, headings the
//! cursor does not stop on, feedback for a key that can do nothing, plain words.

use super::app::{App, ScreenId};
use super::testing::{demo_app, press, screen};

fn empty_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = crate::model::Settings {
        name: "Tom".into(),
        ..Default::default()
    };
    let store = crate::store::Store::init(dir.path().join("ws"), &mut settings)
        .unwrap()
        .with_user("test");
    let mut app = App::new(store, None);
    app.today = super::testing::today();
    app.color = false;
    (dir, app)
}

#[test]
fn the_getting_started_hint_writes_keys_as_keys() {
    let (_d, mut app) = empty_app();
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("[I] importerer initiativer"), "{s}");
    assert!(s.contains("[i] statusrapporter"), "{s}");
    assert!(!s.contains("importerer I initiativer"), "{s}");
}

#[test]
fn c_on_an_empty_portfolio_says_what_to_do() {
    let (_d, mut app) = empty_app();
    press(&mut app, &["2", "c"]);
    let (msg, _) = app.message.clone().expect("feedback");
    assert!(msg.contains("[I] importerer"), "{msg}");
}

#[test]
fn an_empty_view_is_not_called_an_empty_workspace() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["2"]);
    // Close every initiative out of view: the "deviating" view is empty, the workspace is not.
    app.deviations.clear();
    app.view_of_mut(ScreenId::Portfolio).mode = 1;
    app.ws
        .initiatives
        .iter_mut()
        .for_each(|i| i.reports.clear());
    app.rebuild_list(ScreenId::Portfolio);
    let s = screen(&mut app, 80, 24);
    assert!(!s.contains("Ingen endnu"), "{s}");
    assert!(
        s.contains("Intet i denne visning. [f] skifter visning."),
        "{s}"
    );
    // A truly empty list names the key that creates one.
    let (_d, mut app) = empty_app();
    press(&mut app, &["3"]);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Ingen endnu. [n] opretter en."), "{s}");
}

#[test]
fn the_overview_cursor_skips_the_section_headings() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["1"]);
    let v = app.view();
    assert!(
        !v.list.selected(&v.model).unwrap_or("").is_empty(),
        "starts on a line"
    );
    for _ in 0..v.model.rows.len() + 2 {
        press(&mut app, &["j"]);
        let v = app.view();
        assert!(!v.list.selected(&v.model).unwrap_or("").is_empty());
    }
    for _ in 0..app.view().model.rows.len() + 2 {
        press(&mut app, &["k"]);
        let v = app.view();
        assert!(!v.list.selected(&v.model).unwrap_or("").is_empty());
    }
    // At the top, the first heading is still on screen.
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Kommende møder"), "{s}");
}

#[test]
fn the_override_reason_is_called_a_reason() {
    let (_d, mut app) = demo_app();
    let id = app
        .ws
        .consultations
        .iter()
        .find(|c| c.state == crate::model::ConsultationState::Concluded)
        .map(|c| c.id.clone())
        .unwrap();
    let mut c = app.ws.consultation(&id).unwrap().clone();
    c.override_reason = "Formanden har besluttet.".into();
    app.commit(
        vec![crate::store::Change::Update(
            crate::model::AnyRecord::Consultation(c),
        )],
        "edited",
    )
    .unwrap();
    app.open_record(crate::model::RecordKind::Consultation, &id);
    let s = screen(&mut app, 120, 36);
    assert!(s.contains("Begrundelse for udfaldet"), "{s}");
    assert!(!s.contains("Tilsidesat"), "{s}");
}

#[test]
fn a_long_message_is_shown_whole_at_80_columns() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["4"]);
    app.flash(
        "Dagsordenen er udsendt som version 2 til alle medlemmer; H markerer mødet afholdt, når det er overstået, og r skriver referatet.",
        super::app::Tone::Success,
    );
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("afholdt"), "{s}");
    assert!(s.contains("skriver referatet."), "{s}");
    assert_eq!(s.lines().count(), 24);
}

#[test]
fn long_help_lines_wrap_instead_of_being_cut() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["?"]);
    // Scroll to the end, where the keys that work everywhere are.
    press(&mut app, &["G"]);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Afslut straks"), "{s}");
    let cont = s
        .lines()
        .find(|l| l.contains("næste start)"))
        .expect("the end of the description is shown");
    // The continuation stands under the description, not under the key.
    assert!(cont.contains("│                  "), "{cont}");
}

#[test]
fn at_120_columns_the_overview_shows_whole_names_in_its_first_column() {
    let (_d, mut app) = demo_app();
    // Later, when the action items' owners (ministries) are listed as overdue.
    app.today = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    app.rebuild();
    let s = screen(&mut app, 120, 36);
    let v = app.view_of(ScreenId::Overview);
    let firsts: Vec<String> = v
        .model
        .rows
        .iter()
        .filter(|r| !r.id.is_empty())
        .filter_map(|r| r.cells.first())
        .map(|c| c.to_string().trim().to_string())
        .collect();
    assert!(!firsts.is_empty());
    for f in firsts {
        let whole = format!("  {f} ");
        assert!(
            s.lines().any(|l| l.starts_with(&whole)),
            "{f:?} is cut:\n{s}"
        );
    }
}

#[test]
fn keys_in_running_text_on_pages_and_messages_are_written_as_keys() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3"]);
    let id = app
        .ws
        .cases
        .iter()
        .find(|c| c.initiative.is_some())
        .map(|c| c.id.clone())
        .unwrap();
    app.open_record(crate::model::RecordKind::Case, &id);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("([i] åbner)"), "{s}");
    assert!(!s.contains("(i åbner)"), "{s}");
    // The message after making a case from a deviating initiative.
    let dev = app
        .deviations
        .iter()
        .find(|d| d.category == crate::rules::deviation::Category::Deviating)
        .map(|d| d.id.clone())
        .unwrap();
    press(&mut app, &["2"]);
    let v = app.view_of_mut(ScreenId::Portfolio);
    v.list.select_id(&v.model, &dev);
    press(&mut app, &["c"]);
    if matches!(app.popups.last(), Some(super::popup::Popup::Confirm { .. })) {
        press(&mut app, &["j"]);
    }
    let (msg, _) = app.message.clone().unwrap();
    assert!(
        msg.contains("[e] redigerer") && msg.contains("[u] fortryder"),
        "{msg}"
    );
}
