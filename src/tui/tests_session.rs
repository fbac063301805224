//! A session as a whole: undo and redo over every edit (several edits of one record, edits of
//! several records, saves in between; the conflict dialog only when a colleague really changed a
//! record), and quitting from anywhere with Ctrl-q / Ctrl-c, an open form kept as a draft.

use super::popup::Popup;
use super::testing::{demo_app, press, type_text};
use crate::model::Record;

fn title_on_disk(app: &super::app::App, id: &str) -> String {
    let p = app.store.root().join("cases").join(format!("{id}.json"));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
    v["title"].as_str().unwrap_or_default().to_string()
}

/// Edits the title of the case under the cursor (on the Cases list): appends `text` and saves.
fn append_title(app: &mut super::app::App, text: &str) {
    press(app, &["e"]);
    type_text(app, text);
    press(app, &["C-s"]);
    assert!(app.popups.is_empty(), "saved and closed");
}

#[test]
fn undo_walks_back_through_every_edit_of_the_session_and_redo_forward_again() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3"]);
    let a = app.current_id().unwrap();
    let a0 = app.ws.case(&a).unwrap().title.clone();
    append_title(&mut app, " 1");
    append_title(&mut app, " 2");
    // Another record in between.
    press(&mut app, &["j"]);
    let b = app.current_id().unwrap();
    assert_ne!(a, b);
    let b0 = app.ws.case(&b).unwrap().title.clone();
    append_title(&mut app, " B");
    press(&mut app, &["k"]);
    append_title(&mut app, " 3");
    assert_eq!(title_on_disk(&app, &a), format!("{a0} 1 2 3"));

    let expect_a = [
        format!("{a0} 1 2"),
        format!("{a0} 1 2"),
        format!("{a0} 1"),
        a0.clone(),
    ];
    let expect_b = [b0.clone() + " B", b0.clone(), b0.clone(), b0.clone()];
    for (i, (ta, tb)) in expect_a.iter().zip(&expect_b).enumerate() {
        press(&mut app, &["u"]);
        let (msg, _) = app.message.clone().unwrap();
        assert!(!msg.contains("Kunne ikke"), "undo {i}: {msg}");
        assert!(app.popups.is_empty(), "undo {i}: no dialog");
        assert_eq!(&title_on_disk(&app, &a), ta, "undo {i}");
        assert_eq!(&title_on_disk(&app, &b), tb, "undo {i}");
        assert_eq!(&app.ws.case(&a).unwrap().title, ta);
    }
    press(&mut app, &["u"]);
    assert_eq!(app.message.clone().unwrap().0, "Intet at fortryde.");
    // And all the way forward again.
    for _ in 0..4 {
        press(&mut app, &["C-r"]);
        assert!(app.popups.is_empty());
    }
    assert_eq!(title_on_disk(&app, &a), format!("{a0} 1 2 3"));
    assert_eq!(title_on_disk(&app, &b), format!("{b0} B"));
    // Undo again after redo: the chain holds.
    press(&mut app, &["u", "u", "u", "u"]);
    assert_eq!(title_on_disk(&app, &a), a0);
    assert_eq!(title_on_disk(&app, &b), b0);
}

#[test]
fn undo_after_a_colleague_changed_the_record_opens_the_conflict_dialog_and_keeps_theirs() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3"]);
    let a = app.current_id().unwrap();
    append_title(&mut app, " 1");
    append_title(&mut app, " 2");
    press(&mut app, &["u"]);
    // The colleague changes the case after this session's undo.
    let other = crate::store::Store::open(app.store.root())
        .unwrap()
        .with_user("kollega");
    let mut theirs = app.ws.case(&a).unwrap().clone();
    theirs.title = "Kollegaens titel".into();
    other.save(&mut theirs, "edited").unwrap();
    press(&mut app, &["u"]);
    assert!(
        matches!(app.popups.last(), Some(Popup::Conflict(_))),
        "the conflict dialog opens"
    );
    assert_eq!(title_on_disk(&app, &a), "Kollegaens titel");
    // Reload takes theirs; the edit that can no longer be undone leaves the history.
    press(&mut app, &["r"]);
    assert_eq!(app.ws.case(&a).unwrap().title, "Kollegaens titel");
    assert_eq!(app.ws.case(&a).unwrap().revision(), theirs.revision());
    press(&mut app, &["u"]);
    assert_eq!(app.message.clone().unwrap().0, "Intet at fortryde.");
    assert_eq!(title_on_disk(&app, &a), "Kollegaens titel");
}

#[test]
fn ctrl_q_and_ctrl_c_quit_from_a_form_keeping_it_open_for_the_draft() {
    for k in ["C-q", "C-c"] {
        let (_d, mut app) = demo_app();
        press(&mut app, &["3", "n"]);
        type_text(&mut app, "Halvfærdig");
        press(&mut app, &[k]);
        assert!(app.quit, "{k} quits from a form");
        // The form is still there with what was typed: the loop writes it as the draft.
        let f = app.form_in_progress().expect("the form is kept");
        assert!(f.is_dirty());
        assert_eq!(f.text("title"), "Halvfærdig");
    }
}

#[test]
fn ctrl_q_quits_from_a_dialog_a_picker_a_filter_and_the_help() {
    let cases: [&[&str]; 4] = [
        &["3", "d"],
        &["4", "g", "Enter", "a"],
        &["2", "/", "a", "b"],
        &["?"],
    ];
    for keys in cases {
        let (_d, mut app) = demo_app();
        press(&mut app, keys);
        assert!(!app.quit);
        press(&mut app, &["C-q"]);
        assert!(app.quit, "after {keys:?}");
    }
}

#[test]
fn when_the_draft_cannot_be_kept_quitting_asks_and_no_keeps_the_form() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3", "n"]);
    type_text(&mut app, "Halvfærdig");
    press(&mut app, &["C-q"]);
    app.draft_not_kept("no state folder");
    assert!(!app.quit);
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
    press(&mut app, &["n"]);
    assert!(!app.quit);
    assert_eq!(app.form_in_progress().unwrap().text("title"), "Halvfærdig");
    press(&mut app, &["C-q"]);
    app.draft_not_kept("no state folder");
    press(&mut app, &["j"]);
    assert!(app.quit);
    assert!(app.form_in_progress().is_none(), "nothing left to keep");
}
