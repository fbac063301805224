use super::*;

#[test]
fn the_parent_picker_leaves_out_the_forum_and_those_below_it_and_a_cycle_is_refused() {
    use crate::tui::popup::Popup;
    use crate::tui::testing::{demo_app, press};
    let (_d, mut app) = demo_app();
    press(&mut app, &["F"]);
    // The demo's forums: oesu under psg under sts.
    assert_eq!(app.ws.forum("oesu").unwrap().parent.as_deref(), Some("psg"));
    let top = "psg".to_string();
    let v = app.view_of_mut(ScreenId::Forums);
    v.list.select_id(&v.model, &top);
    press(&mut app, &["e", "Tab", "Tab", "Tab", "Tab", "Enter"]);
    let Some(Popup::Picker(p)) = app.popups.last() else {
        panic!("the parent picker opens")
    };
    let ids: Vec<&str> = p.items.iter().map(|i| i.id.as_str()).collect();
    assert!(!ids.contains(&top.as_str()), "not itself: {ids:?}");
    assert!(!ids.contains(&"oesu"), "not its child: {ids:?}");
    assert!(ids.contains(&"sts"), "{ids:?}");
    // Typed in by hand (or from an old recovery file), the cycle is refused on save.
    press(&mut app, &["Esc"]);
    if let Some(Popup::Form(f)) = app.popups.last_mut() {
        f.set("parent", "oesu");
    }
    press(&mut app, &["C-s"]);
    assert!(
        matches!(app.popups.last(), Some(Popup::Form(_))),
        "not saved"
    );
    assert_eq!(app.ws.forum(&top).unwrap().parent.as_deref(), Some("sts"));
}

fn open_psg() -> (tempfile::TempDir, App) {
    use crate::tui::testing::{demo_app, press};
    let (d, mut app) = demo_app();
    press(&mut app, &["F"]);
    let v = app.view_of_mut(ScreenId::Forums);
    v.list.select_id(&v.model, "psg");
    press(&mut app, &["Enter"]);
    (d, app)
}

fn psg(app: &App) -> Forum {
    app.ws.forum("psg").unwrap().clone()
}

fn on_disk(app: &App) -> serde_json::Value {
    let p = app.store.root().join("forums/psg.json");
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

#[test]
fn a_standard_item_is_added_with_real_checkboxes_and_choices() {
    use crate::tui::testing::{press, type_text};
    let (_d, mut app) = open_psg();
    let n = psg(&app).standard_items.len();
    press(&mut app, &["p"]);
    type_text(&mut app, "Eventuelt");
    // Kind: Right moves through the choices; minutes; "sidst" ticked with Space.
    press(&mut app, &["Tab", "Right", "Tab", "Backspace"]);
    type_text(&mut app, "10");
    press(&mut app, &["Tab", "Space", "C-s"]);
    assert!(app.popups.is_empty(), "saved");
    let it = psg(&app).standard_items[n].clone();
    assert_eq!(it.title, "Eventuelt");
    assert_eq!(it.minutes, 10);
    assert!(it.last, "the checkbox is ticked: last is true");
    assert!(!it.follow_up);
    assert_eq!(it.kind, ItemKind::Discussion);
    assert_eq!(on_disk(&app)["standard_items"][n]["last"], true);
    // The cursor is on the new row; the page shows it as a table row.
    let s = crate::tui::testing::screen(&mut app, 120, 36);
    assert!(s.contains("[x]"), "{s}");
}

#[test]
fn a_member_row_is_edited_moved_and_removed_keeping_unknown_fields() {
    use crate::tui::popup::Popup;
    use crate::tui::testing::{press, type_text};
    let (_d, mut app) = open_psg();
    // An unknown field on the first member survives the row editor.
    let mut fo = psg(&app);
    fo.members[0]
        .extra
        .insert("telefon".into(), serde_json::json!("1234"));
    app.commit(vec![Change::Update(AnyRecord::Forum(fo))], "test")
        .unwrap();
    let first = psg(&app).members[0].clone();
    let second = psg(&app).members[1].clone();
    press(&mut app, &["g", "e", "Tab"]);
    press(&mut app, &["C-u"]);
    type_text(&mut app, "Ny Repræsentant");
    press(&mut app, &["Tab", "C-u"]);
    type_text(&mut app, "uden-snabel-a");
    press(&mut app, &["C-s"]);
    assert!(
        matches!(app.popups.last(), Some(Popup::Form(f)) if f.fields[2].error.is_some()),
        "a bad e-mail is refused"
    );
    press(&mut app, &["C-u"]);
    type_text(&mut app, "ny@example.dk");
    press(&mut app, &["C-s"]);
    assert!(app.popups.is_empty());
    let m = psg(&app).members[0].clone();
    assert_eq!(m.representative, "Ny Repræsentant");
    assert_eq!(m.email, "ny@example.dk");
    assert_eq!(m.extra.get("telefon"), Some(&serde_json::json!("1234")));
    assert_eq!(on_disk(&app)["members"][0]["telefon"], "1234");
    // Move it down one, then remove it (asks first).
    press(&mut app, &["J"]);
    assert_eq!(psg(&app).members[1].authority, first.authority);
    assert_eq!(psg(&app).members[0].authority, second.authority);
    press(&mut app, &["x", "j"]);
    assert!(
        !psg(&app)
            .members
            .iter()
            .any(|m| m.authority == first.authority)
    );
    press(&mut app, &["u"]);
    assert!(
        psg(&app)
            .members
            .iter()
            .any(|m| m.authority == first.authority)
    );
}

#[test]
fn an_empty_forums_screen_offers_the_template_and_t_creates_it() {
    use crate::tui::testing::{press, screen};
    let dir = tempfile::tempdir().unwrap();
    let mut settings = crate::model::Settings::default();
    let store = crate::store::Store::init(dir.path().join("ws"), &mut settings)
        .unwrap()
        .with_user("test");
    let mut app = App::new(store, None);
    app.color = false;
    press(&mut app, &["F"]);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("[T] opretter Porteføljestyregruppen"), "{s}");
    press(&mut app, &["T"]);
    let fo = app.ws.forum("psg").expect("created").clone();
    assert_eq!(fo.members.len(), 14);
    assert!(fo.standard_items.iter().any(|i| i.last));
    assert_eq!(fo.agenda_dispatch_working_days, 5);
    assert_eq!(fo.parent, None);
    assert_eq!(app.ws.settings.default_forum.as_deref(), Some("psg"));
    assert!(app.store.root().join("forums/psg.json").exists());
    // A new case now stands before it.
    press(&mut app, &["3", "n"]);
    crate::tui::testing::type_text(&mut app, "Første sag");
    press(&mut app, &["C-s"]);
    assert_eq!(app.ws.cases[0].forum.as_deref(), Some("psg"));
}

/// Renaming an authority in its row keeps the member's id (so its replies, attendance and
/// action items stay with it); a new row gets a fresh one; ids stay unique.
#[test]
fn a_member_renamed_in_its_row_keeps_its_id_and_a_new_one_gets_one() {
    use crate::tui::testing::{press, type_text};
    let (_d, mut app) = open_psg();
    let first = psg(&app).members[0].clone();
    assert!(!first.id.is_empty());
    press(&mut app, &["g", "e", "C-u"]);
    type_text(&mut app, "Finans- og Økonomiministeriet");
    press(&mut app, &["C-s"]);
    assert!(app.popups.is_empty());
    let m = psg(&app).members[0].clone();
    assert_eq!(m.authority, "Finans- og Økonomiministeriet");
    assert_eq!(m.id, first.id);
    press(&mut app, &["a"]);
    type_text(&mut app, "Udbetaling Danmark");
    press(&mut app, &["C-s"]);
    let fo = psg(&app);
    let new = fo.members.last().unwrap();
    assert_eq!(new.authority, "Udbetaling Danmark");
    assert!(!new.id.is_empty());
    let ids: std::collections::HashSet<&str> = fo.members.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids.len(), fo.members.len(), "unique ids");
}
