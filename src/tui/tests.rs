//! The app driven by keys without a terminal: navigation, filtering, forms, undo/redo through the
//! store, delete with confirmation, conflicts, reload; and snapshots of the screens and popups at
//! 80x24 and 120x36.

use super::app::{App, ScreenId};
use super::popup::Popup;
use super::testing::{demo_app, demo_app_lang, press, screen, type_text};
use crate::model::{CaseState, Language, Record};

fn case_file(app: &App, id: &str) -> serde_json::Value {
    let p = app.store.root().join("cases").join(format!("{id}.json"));
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

fn snap_both(name: &str, app: &mut App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x36"), screen(app, 120, 36));
}

#[test]
fn opens_on_overview_and_number_keys_switch_screens() {
    let (_d, mut app) = demo_app();
    assert_eq!(app.screen, ScreenId::Overview);
    press(&mut app, &["3"]);
    assert_eq!(app.screen, ScreenId::Cases);
    press(&mut app, &["Tab", "Tab"]);
    assert_eq!(app.screen, ScreenId::Consultations);
    press(&mut app, &["BackTab"]);
    assert_eq!(app.screen, ScreenId::Meetings);
    press(&mut app, &["q"]);
    assert!(app.quit);
}

#[test]
fn filter_is_accent_insensitive_and_esc_clears_it() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["2", "/"]);
    type_text(&mut app, "aeldreministeriet");
    let v = app.view();
    assert!(!v.list.visible.is_empty());
    assert!(v.list.visible.len() < v.model.rows.len());
    for &i in &v.list.visible {
        assert!(
            v.model.rows[i]
                .search()
                .contains(&super::text::fold("Ældreministeriet"))
        );
    }
    press(&mut app, &["Enter"]);
    assert!(
        app.view().filter_input.is_none(),
        "Enter keeps the filter and leaves typing"
    );
    assert_eq!(app.view().list.filter, "aeldreministeriet");
    press(&mut app, &["Esc"]);
    assert!(app.view().list.filter.is_empty());
    assert_eq!(app.view().list.visible.len(), app.view().model.rows.len());
}

#[test]
fn edit_recommendation_then_undo_and_redo_reach_the_file() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3", "Enter"]);
    let id = app.current_id().unwrap();
    let before = app.ws.case(&id).unwrap().recommendation.clone();
    press(&mut app, &["e"]);
    // Move to the recommendation field (title, kind, forum, initiative, recommendation).
    press(&mut app, &["Tab", "Tab", "Tab", "Tab"]);
    if let Some(Popup::Form(f)) = app.popups.last() {
        assert_eq!(f.focused().unwrap().key, "recommendation");
    } else {
        panic!("the case form is open");
    }
    press(&mut app, &["C-e"]);
    type_text(&mut app, " Ændret af testen.");
    press(&mut app, &["C-s"]);
    assert!(app.popups.is_empty(), "saved and closed");
    let after = app.ws.case(&id).unwrap().recommendation.clone();
    assert!(after.ends_with("Ændret af testen."), "{after}");
    assert_eq!(case_file(&app, &id)["recommendation"], after.as_str());

    press(&mut app, &["u"]);
    assert_eq!(app.ws.case(&id).unwrap().recommendation, before);
    assert_eq!(case_file(&app, &id)["recommendation"], before.as_str());

    press(&mut app, &["C-r"]);
    assert_eq!(app.ws.case(&id).unwrap().recommendation, after);
    assert_eq!(case_file(&app, &id)["recommendation"], after.as_str());
}

#[test]
fn invalid_form_is_not_saved_and_keeps_the_input() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3", "n"]);
    // Title is required; leave it blank, type in the recommendation.
    press(&mut app, &["Tab", "Tab", "Tab", "Tab"]);
    type_text(&mut app, "Noget tekst");
    let n = app.ws.cases.len();
    press(&mut app, &["C-s"]);
    assert_eq!(app.ws.cases.len(), n);
    let Some(Popup::Form(f)) = app.popups.last() else {
        panic!("the form stays open")
    };
    assert!(f.fields[0].error.is_some());
    assert_eq!(f.text("recommendation"), "Noget tekst");
    snap_both("case_form_invalid", &mut app);
    type_text(&mut app, "Ny sag fra testen");
    press(&mut app, &["C-s"]);
    assert_eq!(app.ws.cases.len(), n + 1);
}

#[test]
fn esc_on_a_changed_form_asks_before_discarding() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3", "n"]);
    type_text(&mut app, "Halvfærdig");
    press(&mut app, &["Esc"]);
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
    press(&mut app, &["n"]);
    assert!(
        matches!(app.popups.last(), Some(Popup::Form(_))),
        "still there"
    );
    press(&mut app, &["q"]);
    // q inside a form is a letter, not quit.
    assert!(!app.quit);
    press(&mut app, &["Esc", "y"]);
    assert!(app.popups.is_empty());
}

#[test]
fn delete_asks_first_and_undo_brings_it_back() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3"]);
    let id = app.current_id().unwrap();
    let path = app.store.path_of(crate::model::RecordKind::Case, &id);
    press(&mut app, &["d"]);
    snap_both("delete_confirm", &mut app);
    press(&mut app, &["n"]);
    assert!(path.exists());
    press(&mut app, &["d", "y"]);
    assert!(!path.exists());
    assert!(app.ws.case(&id).is_none());
    press(&mut app, &["u"]);
    assert!(path.exists());
    assert!(app.ws.case(&id).is_some());
}

#[test]
fn a_colleagues_change_opens_the_conflict_dialog() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3"]);
    let id = app.current_id().unwrap();
    // A colleague saves the same case first.
    let other = crate::store::Store::open(app.store.root())
        .unwrap()
        .with_user("kollega");
    let mut theirs = app.ws.case(&id).unwrap().clone();
    theirs.title = "Kollegaens titel".into();
    other.save(&mut theirs, "edited").unwrap();
    press(&mut app, &["e"]);
    press(&mut app, &["C-e"]);
    type_text(&mut app, " (min)");
    press(&mut app, &["C-s"]);
    assert!(matches!(app.popups.last(), Some(Popup::Conflict(_))));
    snap_both("conflict", &mut app);
    let n = app.ws.cases.len();
    press(&mut app, &["c"]);
    assert!(app.popups.is_empty(), "the dialog and the form are closed");
    assert_eq!(app.ws.cases.len(), n + 1, "mine kept as a copy");
    let copy = app
        .ws
        .cases
        .iter()
        .find(|c| c.title.ends_with("(min)"))
        .expect("my version under a new number");
    assert_ne!(copy.id, id);
    assert!(crate::model::validate_id(&copy.id).is_ok());
    assert_eq!(app.ws.case(&id).unwrap().title, "Kollegaens titel");
}

#[test]
fn changes_on_disk_appear_without_a_restart() {
    let (_d, mut app) = demo_app();
    let id = app.ws.cases[0].id.clone();
    let other = crate::store::Store::open(app.store.root())
        .unwrap()
        .with_user("kollega");
    let mut c = app.ws.case(&id).unwrap().clone();
    c.title = "Ændret udefra".into();
    // Folder times have a coarse resolution on some file systems: make sure it moves.
    std::thread::sleep(std::time::Duration::from_millis(20));
    other.save(&mut c, "edited").unwrap();
    // Detected as the running program does, by its own watcher (or its scan where there is
    // none), on the ticks that follow: no marks cleared by hand.
    let end = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !app.check_disk() {
        assert!(
            std::time::Instant::now() < end,
            "the change on disk was not noticed within 20 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(app.ws.case(&id).unwrap().title, "Ændret udefra");
    assert!(app.ws.case(&id).unwrap().revision() > 1);
}

#[test]
fn overview_lines_open_what_they_name() {
    let (_d, mut app) = demo_app();
    // The cursor starts on the first openable line (not its heading): the upcoming meeting.
    press(&mut app, &["Enter"]);
    assert_eq!(app.screen, ScreenId::Meetings);
    assert!(app.view().detail.is_some());
    press(&mut app, &["Esc"]);
    assert_eq!(
        app.screen,
        ScreenId::Overview,
        "Esc goes back to where we came from"
    );
}

#[test]
fn marking_a_draft_ready() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3"]);
    let draft = app
        .ws
        .cases
        .iter()
        .find(|c| c.state == CaseState::Draft)
        .map(|c| c.id.clone())
        .unwrap();
    let v = app.view_of_mut(ScreenId::Cases);
    v.list.select_id(&v.model.clone(), &draft);
    press(&mut app, &["r"]);
    assert_eq!(app.ws.case(&draft).unwrap().state, CaseState::Ready);
    assert_eq!(case_file(&app, &draft)["state"], "ready");
}

#[test]
fn snapshots_of_the_screens() {
    let (_d, mut app) = demo_app();
    snap_both("overview", &mut app);
    press(&mut app, &["2"]);
    snap_both("portfolio_list", &mut app);
    press(&mut app, &["3"]);
    snap_both("cases_list", &mut app);
    press(&mut app, &["Enter"]);
    snap_both("case_detail", &mut app);
    press(&mut app, &["e"]);
    snap_both("case_form", &mut app);
    press(&mut app, &["Esc", "6"]);
    snap_both("decisions_list", &mut app);
    press(&mut app, &["Enter"]);
    snap_both("decision_detail", &mut app);
}

#[test]
fn snapshots_of_the_popups() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3", "?"]);
    snap_both("help_cases", &mut app);
    press(&mut app, &["Esc", ":"]);
    type_text(&mut app, "fortryd");
    snap_both("palette", &mut app);
    press(&mut app, &["Esc"]);
    app.message = None;
    press(&mut app, &["/"]);
    type_text(&mut app, "medicin");
    snap_both("cases_filtered", &mut app);
}

#[test]
fn palette_runs_the_chosen_action() {
    let (_d, mut app) = demo_app();
    press(&mut app, &[":"]);
    type_text(&mut app, "beslutninger");
    press(&mut app, &["Enter"]);
    assert_eq!(app.screen, ScreenId::Decisions);
}

#[test]
fn too_small_terminal_says_so() {
    let (_d, mut app) = demo_app();
    let s = screen(&mut app, 60, 20);
    assert!(s.contains("Terminalen er for lille"), "{s}");
    assert!(s.contains("80x24"), "{s}");
}

#[test]
fn english_everywhere_with_lang_en() {
    let (_d, mut app) = demo_app_lang(Some(Language::En));
    snap_both("overview_en", &mut app);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Overview") && s.contains("Portfolio") && !s.contains("Overblik"));
}

#[test]
fn control_characters_in_data_are_shown_as_pictures() {
    let (_d, mut app) = demo_app();
    let mut c = app.ws.cases[0].clone();
    c.title = "Ondsindet \u{1b}[31mtitel\u{7}".into();
    let id = c.id.clone();
    app.commit(
        vec![crate::store::Change::Update(crate::model::AnyRecord::Case(
            c,
        ))],
        "test",
    )
    .unwrap();
    press(&mut app, &["3", "/"]);
    type_text(&mut app, "ondsindet");
    press(&mut app, &["Enter"]);
    let s = screen(&mut app, 120, 36);
    assert!(s.contains("\u{241b}[31mtitel"), "{s}");
    assert!(!s.contains('\u{1b}'));
    assert!(app.ws.case(&id).is_some());
}

#[test]
fn recovery_offer_restores_the_form() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3", "n"]);
    type_text(&mut app, "Skrevet før afbrydelsen");
    let snap = app.form_in_progress().unwrap().snapshot();
    let (_d2, mut app2) = demo_app();
    app2.offer_recovery(snap);
    snap_both("recovery_offer", &mut app2);
    press(&mut app2, &["y"]);
    let Some(Popup::Form(f)) = app2.popups.last() else {
        panic!("the form is back")
    };
    assert_eq!(f.text("title"), "Skrevet før afbrydelsen");
}

/// A draft kept by an older version (forms then named their purpose by strings) is not offered
/// back but reported, with where the file is kept.
#[test]
fn an_unreadable_draft_is_reported_with_where_it_is_kept() {
    let (_d, mut app) = demo_app();
    app.recovery_unreadable(
        std::path::Path::new("/tilstand/recover-x.unreadable.json"),
        "missing field `intent`",
    );
    let s = screen(&mut app, 120, 36);
    assert!(s.contains("Kladde kan ikke læses"), "{s}");
    assert!(s.contains("/tilstand/recover-x.unreadable.json"), "{s}");
    assert!(s.contains("missing field `intent`"), "{s}");
    press(&mut app, &["Esc"]);
    assert!(app.popups.is_empty());
}

/// A form given back after a dropped connection carries the revision it was opened at: when a
/// colleague saved the record in between, saving it opens the conflict dialog and their text
/// stays on disk.
#[test]
fn a_recovered_form_meets_the_conflict_dialog() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3"]);
    let id = app.current_id().unwrap();
    press(&mut app, &["e", "C-e"]);
    type_text(&mut app, " (skrevet før afbrydelsen)");
    let snap = app.form_in_progress().unwrap().snapshot();
    assert_eq!(snap.base.len(), 1, "{:?}", snap.base);
    // The snapshot goes through the recovery file format.
    let snap: super::form::FormSnapshot =
        serde_json::from_slice(&serde_json::to_vec(&snap).unwrap()).unwrap();
    // A colleague saves the same case meanwhile.
    let other = crate::store::Store::open(app.store.root())
        .unwrap()
        .with_user("kollega");
    let mut theirs = app.ws.case(&id).unwrap().clone();
    theirs.title = "Kollegaens titel".into();
    other.save(&mut theirs, "edited").unwrap();
    // The next start, in the same workspace.
    let mut app2 = App::new(
        crate::store::Store::open(app.store.root()).unwrap(),
        Some(Language::Da),
    );
    app2.offer_recovery(snap);
    press(&mut app2, &["y", "C-s"]);
    assert!(
        matches!(app2.popups.last(), Some(Popup::Conflict(_))),
        "no conflict dialog: {:?}",
        app2.popups.len()
    );
    assert_eq!(case_file(&app2, &id)["title"], "Kollegaens titel");
    assert_eq!(app2.ws.case(&id).unwrap().revision, theirs.revision);
    // Esc goes back to the form, with what was typed.
    press(&mut app2, &["Esc"]);
    let Some(Popup::Form(f)) = app2.popups.last() else {
        panic!("the form is still open")
    };
    assert!(f.text("title").ends_with("(skrevet før afbrydelsen)"));
    // Keeping it as a copy saves it under a new id; the colleague's version is untouched.
    press(&mut app2, &["C-s", "c"]);
    assert!(app2.popups.is_empty());
    assert_eq!(case_file(&app2, &id)["title"], "Kollegaens titel");
    assert!(
        app2.ws
            .cases
            .iter()
            .any(|c| c.title.ends_with("(skrevet før afbrydelsen)") && c.id != id)
    );
}

/// A file named like the next case number that cannot be read (or holds another id) does not
/// block creating cases: the new case takes the number after it.
#[test]
fn an_unreadable_file_does_not_block_new_cases() {
    let (_d, mut app) = demo_app();
    let next = app.next_case_id();
    std::fs::write(
        app.store.path_of(crate::model::RecordKind::Case, &next),
        "{",
    )
    .unwrap();
    let after = app.next_case_id();
    assert_ne!(after, next);
    // And one whose id differs from its name.
    let mut other = app.ws.cases[0].clone();
    other.id = "S-1999-001".into();
    std::fs::write(
        app.store.path_of(crate::model::RecordKind::Case, &after),
        serde_json::to_vec(&other).unwrap(),
    )
    .unwrap();
    app.reload();
    press(&mut app, &["3", "n"]);
    type_text(&mut app, "Ny sag trods rod");
    press(&mut app, &["C-s"]);
    assert!(app.popups.is_empty(), "saved without a dialog");
    let created = app
        .ws
        .cases
        .iter()
        .find(|c| c.title == "Ny sag trods rod")
        .unwrap();
    assert!(created.id != next && created.id != after, "{}", created.id);
}

/// A colleague's edit made in place (the file rewritten, not replaced: no folder time changes)
/// is noticed without waiting for a save; the program's own saves do not cause a reload.
#[test]
fn an_edit_in_place_is_noticed() {
    let (_d, mut app) = demo_app();
    assert!(app.watch.is_some(), "inotify on a local disk");
    press(&mut app, &["3"]);
    let id = app.current_id().unwrap();
    // Our own save is not taken for a colleague's.
    let mut c = app.ws.case(&id).unwrap().clone();
    c.title = "Vores titel".into();
    app.commit(
        vec![crate::store::Change::Update(crate::model::AnyRecord::Case(
            c,
        ))],
        "edited",
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(!app.check_disk(), "reloaded after its own save");
    // A colleague's edit in place.
    let path = app.store.path_of(crate::model::RecordKind::Case, &id);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Vores titel", "Rettet på stedet");
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&path)
        .unwrap();
    std::io::Write::write_all(&mut f, text.as_bytes()).unwrap();
    drop(f);
    let mut seen = false;
    for _ in 0..100 {
        if app.check_disk() {
            seen = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(seen, "the edit in place was not noticed");
    assert_eq!(app.ws.case(&id).unwrap().title, "Rettet på stedet");
}

/// A case background of 5 MB (50 MB in benches/tui.rs): its page shows the first part and says the text goes on, so a
/// frame wraps a bounded amount of text (the speed itself is in benches/tui.rs).
#[test]
fn a_huge_background_is_shown_in_part() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3"]);
    let id = app.current_id().unwrap();
    let mut c = app.ws.case(&id).unwrap().clone();
    c.background = "Meget lang sagsfremstilling. ".repeat(5_000_000 / 29);
    app.commit(
        vec![crate::store::Change::Update(crate::model::AnyRecord::Case(
            c,
        ))],
        "edited",
    )
    .unwrap();
    press(&mut app, &["Enter"]);
    let s = screen(&mut app, 120, 36);
    assert!(s.contains("Meget lang sagsfremstilling."), "{s}");
    let rows = app.detail_max_scroll.get();
    assert!(rows < 10_000, "the page has {rows} rows to scroll");
    press(&mut app, &["G"]);
    let s = screen(&mut app, 120, 36);
    assert!(s.contains("teksten fortsætter: 5.0 MB i alt"), "{s}");
}

#[test]
fn forums_are_listed_opened_and_edited() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["F"]);
    assert_eq!(app.screen, ScreenId::Forums);
    assert_eq!(app.view().model.rows.len(), app.ws.forums.len());
    press(&mut app, &["Enter"]);
    snap_both("forum_detail", &mut app);
    let id = app.current_id().unwrap();
    // On the open forum, m edits the forum itself (e edits the member or item row).
    press(&mut app, &["m", "Tab", "Tab"]);
    type_text(&mut app, " (formand)");
    press(&mut app, &["C-s"]);
    assert!(app.ws.forum(&id).unwrap().chair.ends_with("(formand)"));
    press(&mut app, &["Tab"]);
    assert_eq!(app.screen, ScreenId::Portfolio);
}

#[test]
fn undo_never_overwrites_a_colleagues_later_change() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3", "e"]);
    let id = app.current_id().unwrap();
    type_text(&mut app, " (min)");
    press(&mut app, &["C-s"]);
    // A colleague changes the same case afterwards; this session reloads it.
    let other = crate::store::Store::open(app.store.root())
        .unwrap()
        .with_user("kollega");
    let mut theirs = app.ws.case(&id).unwrap().clone();
    theirs.title = "Kollegaens nyere titel".into();
    other.save(&mut theirs, "edited").unwrap();
    app.reload();
    press(&mut app, &["u"]);
    assert_eq!(app.ws.case(&id).unwrap().title, "Kollegaens nyere titel");
    assert_eq!(case_file(&app, &id)["title"], "Kollegaens nyere titel");
    let Some(Popup::Conflict(c)) = app.popups.last() else {
        panic!("the conflict dialog opens")
    };
    assert!(c.message.contains("kollega"), "{}", c.message);
}

/// Counts the bytes a backend writes to the terminal.
#[derive(Clone, Default)]
struct Counter(std::rc::Rc<std::cell::Cell<usize>>);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_cursor_move_redraws_about_two_rows_not_the_screen() {
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{Terminal, TerminalOptions, Viewport};
    let (_d, mut app) = demo_app();
    press(&mut app, &["2"]);
    let counter = Counter::default();
    let mut term = Terminal::with_options(
        CrosstermBackend::new(counter.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 120, 36)),
        },
    )
    .unwrap();
    term.draw(|f| super::render::draw(&app, f)).unwrap();
    let full = counter.0.get();
    counter.0.set(0);
    press(&mut app, &["j"]);
    term.draw(|f| super::render::draw(&app, f)).unwrap();
    let moved = counter.0.get();
    // Two rows change (the old and the new cursor row), plus the status bar's hints at most.
    assert!(moved > 0, "something is redrawn");
    assert!(
        moved < full / 4,
        "a cursor move wrote {moved} bytes; the whole screen is {full}"
    );
    assert!(moved <= 3 * 120 * 8, "{moved} bytes for one cursor move");
}

/// Presses `n` pseudo-random keys (deterministic from `seed`), drawing now and then: the app must
/// never panic, whatever the order.
fn monkey(app: &mut App, seed: u64, n: usize) {
    eprintln!("monkey: seed {seed} (SECRETARIAT_TEST_SEED={seed} runs only this one)");
    const KEYS: &[&str] = &[
        "j",
        "k",
        "g",
        "G",
        "Enter",
        "Esc",
        "Tab",
        "BackTab",
        "Up",
        "Down",
        "Left",
        "Right",
        "PageUp",
        "PageDown",
        "Home",
        "End",
        "Backspace",
        "Space",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "F",
        "/",
        "?",
        ":",
        "a",
        "b",
        "c",
        "d",
        "e",
        "f",
        "h",
        "i",
        "m",
        "n",
        "o",
        "r",
        "s",
        "t",
        "u",
        "w",
        "x",
        "y",
        "A",
        "C",
        "H",
        "I",
        "J",
        "K",
        "R",
        "S",
        "C-r",
        "C-s",
        "C-d",
        "C-u",
        "C-w",
        "C-e",
        "C-a",
        "C-k",
    ];
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for i in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let k = KEYS[(x % KEYS.len() as u64) as usize];
        // Never quit: the test wants to keep pressing.
        press(app, &[k]);
        app.quit = false;
        if i % 25 == 0 {
            let _ = screen(app, 80, 24);
        }
    }
    let _ = screen(app, 120, 36);
}

/// The seeds to run: `default`, or only the one in SECRETARIAT_TEST_SEED (to repeat a failure).
fn monkey_seeds(default: std::ops::RangeInclusive<u64>) -> Vec<u64> {
    match std::env::var("SECRETARIAT_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        Some(seed) => vec![seed],
        None => default.collect(),
    }
}

#[test]
fn random_keys_on_the_demo_never_panic() {
    for seed in monkey_seeds(1..=4) {
        let (_d, mut app) = demo_app();
        monkey(&mut app, seed, 600);
    }
}

#[test]
fn random_keys_on_an_empty_workspace_never_panic() {
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
    snap_both("empty_overview", &mut app);
    for seed in monkey_seeds(1..=3) {
        monkey(&mut app, seed, 600);
    }
}

#[test]
fn esc_and_a_key_read_together_as_alt_still_mean_esc_then_the_key() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (_d, mut app) = demo_app();
    press(&mut app, &["3", "?"]);
    assert!(!app.popups.is_empty());
    // "\x1b5" from a slow link: crossterm reports Alt-5.
    app.handle_key(KeyEvent::new(KeyCode::Char('5'), KeyModifiers::ALT));
    assert!(app.popups.is_empty(), "Esc closed the help");
    assert_eq!(
        app.screen,
        ScreenId::Consultations,
        "and 5 switched screens"
    );
}

#[test]
fn a_colleagues_change_while_a_form_is_open_is_a_conflict_not_an_overwrite() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3", "e"]);
    let id = app.current_id().unwrap();
    type_text(&mut app, " (min)");
    let other = crate::store::Store::open(app.store.root())
        .unwrap()
        .with_user("kollega");
    let mut theirs = app.ws.case(&id).unwrap().clone();
    theirs.recommendation = "Kollegaens indstilling".into();
    other.save(&mut theirs, "edited").unwrap();
    // The second-by-second check for changes on disk runs while the form is open.
    app.disk_marks.clear();
    app.check_disk();
    press(&mut app, &["C-s"]);
    assert!(
        matches!(app.popups.last(), Some(Popup::Conflict(_))),
        "a conflict, not a save"
    );
    assert_eq!(
        case_file(&app, &id)["recommendation"],
        "Kollegaens indstilling"
    );
}

#[test]
fn a_case_in_use_cannot_be_deleted() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3"]);
    let on_agenda = app
        .ws
        .cases
        .iter()
        .find(|c| c.state == CaseState::OnAgenda)
        .map(|c| c.id.clone())
        .unwrap();
    let v = app.view_of_mut(ScreenId::Cases);
    v.list.select_id(&v.model.clone(), &on_agenda);
    press(&mut app, &["d"]);
    assert!(app.popups.is_empty(), "refused at once, nothing to confirm");
    assert!(app.ws.case(&on_agenda).is_some());
    let (msg, _) = app.message.clone().unwrap();
    assert!(msg.contains("Kan ikke slette"), "{msg}");
}

#[test]
fn alt_in_a_form_never_discards_what_was_typed() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (_d, mut app) = demo_app();
    press(&mut app, &["3", "n"]);
    type_text(&mut app, "Vigtig tekst");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
    app.handle_key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::ALT));
    let Some(Popup::Form(f)) = app.popups.last() else {
        panic!("the form is still open")
    };
    assert_eq!(f.text("title"), "Vigtig tekst");
}

#[test]
fn the_palette_reaches_other_screens_actions() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["6", ":"]);
    type_text(&mut app, "importer statusrapporter");
    press(&mut app, &["Enter"]);
    assert_eq!(app.screen, ScreenId::Portfolio);
    assert!(
        matches!(app.popups.last(), Some(Popup::Form(_))),
        "the import asks for a file"
    );
}

#[test]
fn keys_do_nothing_unseen_while_the_terminal_is_too_small() {
    let (_d, mut app) = demo_app();
    let _ = screen(&mut app, 60, 20);
    press(&mut app, &["3", "d", "y"]);
    assert_eq!(app.screen, ScreenId::Overview);
    assert!(app.popups.is_empty());
    let _ = screen(&mut app, 80, 24);
    press(&mut app, &["3"]);
    assert_eq!(app.screen, ScreenId::Cases);
}

#[test]
fn forum_form_snapshot() {
    let (_d, mut app) = demo_app();
    // On the open forum, m edits the forum (e a member or standard-item row).
    press(&mut app, &["F", "Enter", "m"]);
    snap_both("forum_form", &mut app);
}

#[test]
fn a_change_reaches_every_list_though_only_the_one_on_screen_is_rebuilt_at_once() {
    use crate::model::{AnyRecord, Case, CaseKind};
    use crate::store::Change;
    let (_d, mut app) = demo_app();
    assert_eq!(app.screen, ScreenId::Overview);
    let id = crate::ops::case::next_case_id(&app.ws, &app.stamp());
    let case = Case::new(&id, CaseKind::Other, "Ny sag fra testen");
    app.commit(vec![Change::Create(AnyRecord::Case(case))], "created")
        .unwrap();
    assert!(
        app.view_of(ScreenId::Cases).stale,
        "the Cases list waits until it is shown"
    );
    press(&mut app, &["3"]);
    let v = app.view();
    assert!(!v.stale);
    assert!(
        v.model.rows.iter().any(|r| r.id == id),
        "the new case is in the Cases list"
    );
    // Undo on another screen: the Cases list drops it when shown again.
    press(&mut app, &["1", "u", "3"]);
    assert!(app.ws.case(&id).is_none(), "{:?}", app.message);
    assert!(!app.view().model.rows.iter().any(|r| r.id == id));
    // Opening a record on a stale screen (Esc back, Enter on an Overview line) sees fresh rows.
    let mut c2 = Case::new(&id, CaseKind::Other, "Igen");
    c2.state = CaseState::Ready;
    app.go(ScreenId::Overview);
    app.commit(vec![Change::Create(AnyRecord::Case(c2))], "created")
        .unwrap();
    app.open_record(crate::model::RecordKind::Case, &id);
    assert_eq!(app.screen, ScreenId::Cases);
    assert_eq!(app.current_id().as_deref(), Some(id.as_str()));
    assert!(app.view().model.rows.iter().any(|r| r.id == id));
}

/// Every key in the tables a screen consults (its own, then navigation, then global) does what
/// the help says: a key bound twice in the stack with different actions would show in `?` with
/// an action it never reaches, and a key bound twice in one table is a typo.
#[test]
fn no_keymap_table_shadows_another() {
    use super::keymap::{GLOBAL, NAV};
    let mut problems = vec![];
    for s in ScreenId::EVERY {
        for detail in [false, true] {
            let tables = [super::screens::keys(s, detail), NAV, GLOBAL];
            let mut seen: Vec<(super::keymap::Key, crate::tui::action::Action, usize)> = vec![];
            for (t, table) in tables.iter().enumerate() {
                for b in table.iter() {
                    for k in b.keys {
                        match seen.iter().find(|(k2, ..)| k2 == k) {
                            Some((_, a, t2)) if *a != b.action => problems.push(format!(
                                "{s:?} (detail: {detail}): {} is {:?} in table {t2} and {:?} in table {t}",
                                k.name(),
                                a,
                                b.action
                            )),
                            Some(_) => {}
                            None => seen.push((*k, b.action, t)),
                        }
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "shadowed keys:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_case_state_changes_only_through_its_named_steps() {
    let (_d, mut app) = demo_app();
    press(&mut app, &["3"]);
    // The form no longer offers the state: "på dagsorden" or "afgjort" by hand would bypass the
    // meeting and consultation rules.
    press(&mut app, &["e"]);
    let Some(Popup::Form(f)) = app.popups.last() else {
        panic!("the case form is open")
    };
    assert!(f.fields.iter().all(|x| x.key != "state"));
    press(&mut app, &["Esc"]);
    // A case on an agenda cannot be closed.
    let on_agenda = app
        .ws
        .cases
        .iter()
        .find(|c| c.state == CaseState::OnAgenda)
        .map(|c| c.id.clone())
        .unwrap();
    app.open_record(crate::model::RecordKind::Case, &on_agenda);
    press(&mut app, &["l"]);
    assert_eq!(app.ws.case(&on_agenda).unwrap().state, CaseState::OnAgenda);
    let msg = app.message.clone().unwrap().0;
    assert!(msg.contains("dagsorden"), "{msg}");
    // A draft: ready, back to draft, closed, reopened; each on disk.
    let draft = app
        .ws
        .cases
        .iter()
        .find(|c| c.state == CaseState::Draft)
        .map(|c| c.id.clone())
        .unwrap();
    app.open_record(crate::model::RecordKind::Case, &draft);
    for (key, want) in [
        ("r", "ready"),
        ("r", "draft"),
        ("l", "closed"),
        ("l", "draft"),
    ] {
        press(&mut app, &[key]);
        assert_eq!(case_file(&app, &draft)["state"], want, "after {key}");
    }
}

#[test]
fn a_decision_of_approved_minutes_is_neither_edited_nor_deleted_on_the_register() {
    use crate::model::{DecisionSource, MeetingState};
    let (_d, mut app) = demo_app();
    let locked = app
        .ws
        .decisions
        .iter()
        .find(|d| {
            matches!(&d.source, DecisionSource::Meeting { meeting, .. }
                if app.ws.meeting(meeting).is_some_and(|m| m.state == MeetingState::Approved))
        })
        .map(|d| (d.id.clone(), d.text.clone()))
        .expect("the demo has approved minutes with decisions");
    app.open_record(crate::model::RecordKind::Decision, &locked.0);
    press(&mut app, &["e"]);
    assert!(app.popups.is_empty(), "no form for a locked decision");
    assert!(app.message.clone().unwrap().0.contains("genåbn referatet"));
    press(&mut app, &["d"]);
    assert!(app.popups.is_empty(), "no delete question either");
    press(&mut app, &["j", "Enter"]);
    assert_eq!(app.ws.decision(&locked.0).unwrap().text, locked.1);
}
