use super::*;
use crate::tui::popup::Popup;
use crate::tui::testing::{demo_app, press, screen, type_text};

fn fixture(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// Copies a fixture into the workspace folder, so that its name alone finds it.
fn put_in_workspace(app: &App, path: &str) -> String {
    let name = std::path::Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    std::fs::copy(fixture(path), app.root().join(&name)).unwrap();
    name
}

fn ids(app: &App) -> Vec<String> {
    let v = app.view_of(ScreenId::Portfolio);
    v.list
        .visible
        .iter()
        .map(|&i| v.model.rows[i].id.clone())
        .collect()
}

fn portfolio() -> (tempfile::TempDir, App) {
    let (dir, mut app) = demo_app();
    press(&mut app, &["2"]);
    (dir, app)
}

fn select(app: &mut App, id: &str) {
    let v = app.view_of_mut(ScreenId::Portfolio);
    v.list.select_id(&v.model, id);
    assert_eq!(v.list.selected(&v.model), Some(id));
}

#[test]
fn the_list_shows_status_trend_figures_category_and_cases() {
    let (_d, mut app) = portfolio();
    insta::assert_snapshot!("portfolio_list_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("portfolio_list_120x36", screen(&mut app, 120, 36));
    // Nr in natural order: 1.1, 1.2, ..., 8.4.
    let all = ids(&app);
    assert_eq!(all.len(), app.ws.initiatives.len());
    assert_eq!(all.first().map(String::as_str), Some("1.1"));
    assert_eq!(all.last().map(String::as_str), Some("8.4"));
}

#[test]
fn sort_cycles_through_the_columns_and_reverses() {
    let (_d, mut app) = portfolio();
    press(&mut app, &["s"]); // name
    let names: Vec<String> = ids(&app)
        .iter()
        .map(|id| app.ws.initiative(id).unwrap().name.to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    press(&mut app, &["s", "s"]); // status, worst first
    let first = ids(&app)[0].clone();
    assert_eq!(
        app.ws
            .initiative(&first)
            .unwrap()
            .report(Quarter::new(2026, 3).unwrap())
            .unwrap()
            .overall,
        Rag::Red
    );
    assert!(screen(&mut app, 80, 24).contains("sortering: status, værst først"));
    press(&mut app, &["s", "s", "s"]); // deviation %, largest first
    let pcts: Vec<Decimal> = {
        let infos = infos(&app);
        let by: HashMap<&str, Option<Decimal>> =
            infos.iter().map(|i| (i.init.id.as_str(), i.pct)).collect();
        ids(&app).iter().filter_map(|id| by[id.as_str()]).collect()
    };
    assert!(pcts.windows(2).all(|w| w[0] >= w[1]), "{pcts:?}");
    press(&mut app, &["S"]);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("afv.%, mindst først"), "{text}");
    let pcts_rev: Vec<Decimal> = {
        let infos = infos(&app);
        let by: HashMap<&str, Option<Decimal>> =
            infos.iter().map(|i| (i.init.id.as_str(), i.pct)).collect();
        ids(&app).iter().filter_map(|id| by[id.as_str()]).collect()
    };
    assert!(pcts_rev.windows(2).all(|w| w[0] <= w[1]), "{pcts_rev:?}");
    insta::assert_snapshot!("portfolio_sorted_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("portfolio_sorted_120x36", screen(&mut app, 120, 36));
    // Round the cycle back to Nr.
    press(&mut app, &["S", "s", "s"]);
    assert_eq!(app.view_of(ScreenId::Portfolio).sort, 0);
    assert_eq!(ids(&app)[0], "1.1");
}

#[test]
fn category_filter_and_search_by_ministry_and_status() {
    let (_d, mut app) = portfolio();
    press(&mut app, &["f"]);
    let dev: Vec<String> = ids(&app);
    assert!(!dev.is_empty());
    for id in &dev {
        assert!(
            app.deviations
                .iter()
                .any(|d| &d.id == id && d.category == Category::Deviating)
        );
    }
    insta::assert_snapshot!("portfolio_deviating_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("portfolio_deviating_120x36", screen(&mut app, 120, 36));
    press(&mut app, &["f", "f", "f"]); // deviating without an open case
    let open = with_open_case(&app);
    for id in ids(&app) {
        assert!(!open.contains(id.as_str()));
    }
    press(&mut app, &["f"]); // closed
    assert_eq!(ids(&app), vec!["1.3".to_string()]);
    press(&mut app, &["f"]); // all again
    assert_eq!(ids(&app).len(), app.ws.initiatives.len());
    // `/` finds by ministry and by status word, in either language.
    press(&mut app, &["/"]);
    type_text(&mut app, "finansmin rød");
    press(&mut app, &["Enter"]);
    assert_eq!(ids(&app), vec!["4.1".to_string()]);
    press(&mut app, &["Esc"]);
    press(&mut app, &["/"]);
    type_text(&mut app, "red");
    press(&mut app, &["Enter"]);
    assert!(ids(&app).contains(&"2.1".to_string()), "{:?}", ids(&app));
}

#[test]
fn the_detail_links_cases_meetings_and_decisions() {
    let (_d, mut app) = portfolio();
    select(&mut app, "4.1");
    press(&mut app, &["Enter"]);
    insta::assert_snapshot!("portfolio_detail_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("portfolio_detail_120x36", screen(&mut app, 120, 36));
    let i = app.ws.initiative("4.1").unwrap().clone();
    let links = links(&app, &i);
    assert!(links.iter().any(|l| l.0 == RecordKind::Case), "{links:?}");
    let n = detail_len(&app);
    assert_eq!(n, links.len() + i.reports.len() + stamdata(&app, &i).len());
    // j past the end stays on the last part (the last master-data field); the page scrolls.
    for _ in 0..n + 2 {
        press(&mut app, &["j"]);
    }
    let cursor = |app: &App| {
        app.view_of(ScreenId::Portfolio)
            .detail
            .as_ref()
            .unwrap()
            .cursor
    };
    assert_eq!(cursor(&app), n - 1);
    insta::assert_snapshot!("portfolio_detail_end_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("portfolio_detail_end_120x36", screen(&mut app, 120, 36));
    // Enter on a master-data field edits the master data.
    press(&mut app, &["Enter"]);
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))));
    press(&mut app, &["Esc"]);
    // Enter on a report shows all of it.
    press(&mut app, &["g"]);
    for _ in 0..links.len() {
        press(&mut app, &["j"]);
    }
    press(&mut app, &["Enter"]);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Forventet forbrug"), "{text}");
    insta::assert_snapshot!("portfolio_report_popup_80x24", text);
    insta::assert_snapshot!("portfolio_report_popup_120x36", screen(&mut app, 120, 36));
    press(&mut app, &["Esc"]);
    // The last link opens with o; Esc comes back to the initiative.
    press(&mut app, &["k"]);
    assert_eq!(cursor(&app), links.len() - 1);
    let (kind, id, _) = links.last().unwrap().clone();
    press(&mut app, &["o"]);
    assert_eq!(app.screen, ScreenId::of_kind(kind));
    assert_eq!(app.current_id().as_deref(), Some(id.as_str()));
    press(&mut app, &["Esc"]);
    assert_eq!(app.screen, ScreenId::Portfolio);
    assert_eq!(app.current_id().as_deref(), Some("4.1"));
    // The first part is a case.
    press(&mut app, &["g", "Enter"]);
    assert_eq!(app.screen, ScreenId::Cases);
}

#[test]
fn one_key_makes_a_case_from_a_deviating_initiative() {
    let (_d, mut app) = portfolio();
    // A deviating initiative without an open case.
    let open = with_open_case(&app);
    let id = app
        .deviations
        .iter()
        .find(|d| d.category == Category::Deviating && !open.contains(d.id.as_str()))
        .map(|d| d.id.clone())
        .expect("the demo has a deviating initiative without a case");
    let before = app.ws.cases.len();
    select(&mut app, &id);
    press(&mut app, &["c"]);
    assert!(app.popups.is_empty(), "no question for a deviating one");
    assert_eq!(app.ws.cases.len(), before + 1);
    assert_eq!(app.screen, ScreenId::Cases);
    let cid = app.current_id().unwrap();
    let c = app.ws.case(&cid).unwrap();
    assert_eq!(c.kind, crate::model::CaseKind::DeviationStatus);
    assert_eq!(c.initiative.as_deref(), Some(id.as_str()));
    assert!(!c.background.contains(".."), "{}", c.background);
    assert!(c.background.contains("mio. kr."));
    assert!(!c.recommendation.is_empty());
    // [u] undoes it.
    press(&mut app, &["u"]);
    assert_eq!(app.ws.cases.len(), before);
}

#[test]
fn a_case_from_a_green_initiative_asks_first() {
    let (_d, mut app) = portfolio();
    select(&mut app, "1.4");
    let before = app.ws.cases.len();
    press(&mut app, &["c"]);
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
    insta::assert_snapshot!("portfolio_case_confirm_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("portfolio_case_confirm_120x36", screen(&mut app, 120, 36));
    press(&mut app, &["n"]);
    assert_eq!(app.ws.cases.len(), before);
    press(&mut app, &["c", "j"]);
    assert_eq!(app.ws.cases.len(), before + 1);
}

#[test]
fn closing_an_initiative_asks_takes_it_out_of_the_rules_and_undoes() {
    let (_d, mut app) = portfolio();
    select(&mut app, "4.1");
    assert!(app.deviations.iter().any(|d| d.id == "4.1"));
    press(&mut app, &["x"]);
    insta::assert_snapshot!("portfolio_close_confirm_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("portfolio_close_confirm_120x36", screen(&mut app, 120, 36));
    press(&mut app, &["n"]);
    assert_eq!(
        app.ws.initiative("4.1").unwrap().lifecycle,
        Lifecycle::Active
    );
    press(&mut app, &["x", "y"]);
    assert_eq!(
        app.ws.initiative("4.1").unwrap().lifecycle,
        Lifecycle::Closed
    );
    assert!(!app.deviations.iter().any(|d| d.id == "4.1"));
    let on_disk = std::fs::read_to_string(app.root().join("initiatives/4.1.json")).unwrap();
    assert!(on_disk.contains("\"closed\""), "{on_disk}");
    press(&mut app, &["u"]);
    assert_eq!(
        app.ws.initiative("4.1").unwrap().lifecycle,
        Lifecycle::Active
    );
    assert!(app.deviations.iter().any(|d| d.id == "4.1"));
}

/// The new user's path, in the TUI alone: import a reports file, see the new deviating
/// initiative on Overview, and turn it into a case.
#[test]
fn a_new_user_imports_reports_sees_the_deviation_and_makes_a_case() {
    let (_d, mut app) = portfolio();
    let name = put_in_workspace(&app, "valid/reports_late_report_utf8_bom.csv");
    assert_eq!(
        app.deviations
            .iter()
            .find(|d| d.id == "3.4")
            .map(|d| d.category),
        Some(Category::Missing)
    );
    press(&mut app, &["i"]);
    insta::assert_snapshot!("portfolio_import_form_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("portfolio_import_form_120x36", screen(&mut app, 120, 36));
    type_text(&mut app, &name);
    press(&mut app, &["Enter"]);
    // The preview, over the question; nothing is written yet.
    assert!(matches!(app.popups.last(), Some(Popup::Message { .. })));
    assert!(
        app.ws
            .initiative("3.4")
            .unwrap()
            .report(Quarter::new(2026, 3).unwrap())
            .is_none()
    );
    let preview = screen(&mut app, 80, 24);
    assert!(
        preview.contains("UTF-8 med BOM, semikolon, decimalkomma"),
        "{preview}"
    );
    insta::assert_snapshot!("portfolio_import_preview_80x24", preview);
    insta::assert_snapshot!("portfolio_import_preview_120x36", screen(&mut app, 120, 36));
    // The preview scrolls like any long text, and never answers the question itself.
    let scroll = |app: &App| match app.popups.last() {
        Some(Popup::Message { scroll, .. }) => *scroll,
        _ => panic!("the preview is still open"),
    };
    press(&mut app, &["PageDown"]);
    assert!(scroll(&app) > 1, "PgDn scrolls a page");
    press(&mut app, &["g"]);
    assert_eq!(scroll(&app), 0);
    press(&mut app, &["G"]);
    assert!(scroll(&app) > 0, "G goes to the end");
    press(&mut app, &["PageUp", "Space"]);
    assert!(matches!(app.popups.last(), Some(Popup::Message { .. })));
    // Esc closes: no question, nothing written.
    press(&mut app, &["Esc"]);
    assert!(app.popups.is_empty(), "Esc closes the preview");
    assert!(
        app.ws
            .initiative("3.4")
            .unwrap()
            .report(Quarter::new(2026, 3).unwrap())
            .is_none()
    );
    // Again, and Enter imports.
    press(&mut app, &["i"]);
    type_text(&mut app, &name);
    press(&mut app, &["Enter"]);
    insta::assert_snapshot!("portfolio_import_confirm_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("portfolio_import_confirm_120x36", screen(&mut app, 120, 36));
    press(&mut app, &["Enter"]);
    assert!(app.popups.is_empty());
    let r = app
        .ws
        .initiative("3.4")
        .unwrap()
        .report(Quarter::new(2026, 3).unwrap());
    assert_eq!(r.map(|r| r.overall), Some(Rag::Red));
    let on_disk = std::fs::read_to_string(app.root().join("initiatives/3.4.json")).unwrap();
    assert!(on_disk.contains("Miljøportalen"), "{on_disk}");
    insta::assert_snapshot!("portfolio_import_done_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("portfolio_import_done_120x36", screen(&mut app, 120, 36));
    // Overview lists it among the deviating initiatives without a case.
    press(&mut app, &["1"]);
    let overview = screen(&mut app, 120, 36);
    assert!(
        overview.contains("Åbne data om miljø og natur"),
        "{overview}"
    );
    // Back on the portfolio, one key makes the case.
    press(&mut app, &["2"]);
    select(&mut app, "3.4");
    press(&mut app, &["c"]);
    assert_eq!(app.screen, ScreenId::Cases);
    let c = app.ws.case(&app.current_id().unwrap()).unwrap().clone();
    assert_eq!(c.initiative.as_deref(), Some("3.4"));
    assert!(
        c.background.contains("Leverandøren har opsagt kontrakten"),
        "{}",
        c.background
    );
    assert!(
        c.background.contains("Kategori: afvigende"),
        "{}",
        c.background
    );
    // Undo the case, then the import: 3.4 is missing its report again.
    press(&mut app, &["u", "u"]);
    assert!(
        app.ws
            .initiative("3.4")
            .unwrap()
            .report(Quarter::new(2026, 3).unwrap())
            .is_none()
    );
}

#[test]
fn a_refused_file_shows_every_problem_and_writes_nothing() {
    let (_d, mut app) = portfolio();
    let name = put_in_workspace(&app, "invalid/reports_unknown_status.csv");
    let before = std::fs::read_dir(app.root().join("initiatives"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>();
    press(&mut app, &["i"]);
    type_text(&mut app, &name);
    press(&mut app, &["Enter"]);
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("reports_unknown_status.csv:2: kolonne"),
        "{text}"
    );
    assert!(
        text.contains("reports_unknown_status.csv:3: kolonne"),
        "{text}"
    );
    insta::assert_snapshot!("portfolio_import_refused_80x24", text);
    insta::assert_snapshot!("portfolio_import_refused_120x36", screen(&mut app, 120, 36));
    press(&mut app, &["Esc"]);
    assert!(app.popups.is_empty());
    let after = std::fs::read_dir(app.root().join("initiatives"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>();
    assert_eq!(before, after);
    assert!(app.undo.is_empty());
}

#[test]
fn a_wrong_path_keeps_the_form_and_says_where_it_looked() {
    let (_d, mut app) = portfolio();
    press(&mut app, &["I"]);
    type_text(&mut app, "findes-ikke.csv");
    press(&mut app, &["Enter"]);
    match app.popups.last() {
        Some(Popup::Form(f)) => {
            assert_eq!(f.text("path"), "findes-ikke.csv");
            assert!(f.error.is_some());
        }
        other => panic!("{other:?}"),
    }
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("findes ikke"), "{text}");
}

#[test]
fn the_file_changing_after_the_preview_writes_nothing() {
    let (_d, mut app) = portfolio();
    let name = put_in_workspace(&app, "valid/reports_late_report_utf8_bom.csv");
    press(&mut app, &["i"]);
    type_text(&mut app, &name);
    press(&mut app, &["Enter"]);
    std::fs::write(
        app.root().join(&name),
        "Nr;Kvartal;Samlet status\n3.4;2026Q3;Grøn\n",
    )
    .unwrap();
    press(&mut app, &["Enter"]);
    assert!(
        app.ws
            .initiative("3.4")
            .unwrap()
            .report(Quarter::new(2026, 3).unwrap())
            .is_none()
    );
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .contains("ændret siden forhåndsvisningen")
    );
}

#[test]
fn a_big_portfolio_builds_its_rows_in_linear_time() {
    let (_d, mut app) = portfolio();
    let base = app.ws.initiatives.clone();
    let mut all = vec![];
    for n in 0..2000 {
        let mut i = base[n % base.len()].clone();
        i.id = format!("{}.{}", n / 10 + 10, n % 10);
        all.push(i);
    }
    app.ws.initiatives = all;
    let mut cases = vec![];
    for n in 0..500 {
        let mut c = app.ws.cases[0].clone();
        c.id = format!("S-2026-{n:04}");
        c.initiative = Some(format!("{}.{}", n / 10 + 10, n % 10));
        cases.push(c);
    }
    app.ws.cases = cases;
    app.rebuild();
    let t = std::time::Instant::now();
    let m = model(&app);
    let took = t.elapsed();
    eprintln!("portfolio model of 2,000 initiatives: {took:?}");
    assert_eq!(m.rows.len(), 2000);
    // A loose bound against quadratic work (e.g. a scan of all cases per row): the test build is
    // unoptimised and shares the machine; `cargo test --release` shows the real figure.
    assert!(took < std::time::Duration::from_secs(3), "{took:?}");
}

/// Every "<number> %" in `text` whose number does not have exactly one decimal.
fn odd_percentages(text: &str) -> Vec<String> {
    let mut odd = vec![];
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for w in words.windows(2) {
            if w[1].starts_with('%') {
                let n = w[0].trim_start_matches(['(', '+', '-']);
                let decimals = n.split_once([',', '.']).map_or(0, |(_, d)| d.len());
                if n.chars().next().is_some_and(|c| c.is_ascii_digit()) && decimals != 1 {
                    odd.push(format!("{} {}", w[0], w[1]));
                }
            }
        }
    }
    odd
}

#[test]
fn percentages_have_one_decimal_everywhere_on_the_initiative_and_case_pages() {
    let (_d, mut app) = portfolio();
    let ids: Vec<String> = app.ws.initiatives.iter().map(|i| i.id.clone()).collect();
    let mut seen = 0;
    for id in &ids {
        select(&mut app, id);
        press(&mut app, &["c"]);
        press(&mut app, &["2"]);
        select(&mut app, id);
        press(&mut app, &["Enter"]);
        let s = screen(&mut app, 120, 36);
        seen += s.matches(" %").count();
        assert!(
            odd_percentages(&s).is_empty(),
            "{id}: {:?}\n{s}",
            odd_percentages(&s)
        );
        press(&mut app, &["Esc"]);
    }
    press(&mut app, &["3"]);
    for c in app.ws.cases.clone() {
        let v = app.view_of_mut(ScreenId::Cases);
        v.list.select_id(&v.model, &c.id);
        press(&mut app, &["Enter"]);
        let s = screen(&mut app, 120, 36);
        seen += s.matches(" %").count();
        assert!(
            odd_percentages(&s).is_empty(),
            "{}: {:?}",
            c.id,
            odd_percentages(&s)
        );
        press(&mut app, &["Esc"]);
    }
    assert!(seen > 3, "percentages were shown at all");
}

#[test]
fn amounts_and_percentages_read_the_danish_way() {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    assert_eq!(amount_text(d("1250.5"), Language::Da), "1.250,5");
    assert_eq!(amount_text(d("1250.5"), Language::En), "1,250.5");
    assert_eq!(amount_text(d("-3"), Language::En), "-3.0");
    assert_eq!(percent_text(d("10.14"), Language::Da), "+10,1");
    assert_eq!(percent_text(d("-33.33"), Language::En), "-33.3");
    assert_eq!(percent_text(d("0"), Language::Da), "0,0");
}

// ----- the economy view (m) -----

fn spend_cases(app: &App) -> Vec<&crate::model::Case> {
    app.ws
        .cases
        .iter()
        .filter(|c| c.kind == crate::model::CaseKind::OverUnderspend && c.state.is_open())
        .collect()
}

#[test]
fn the_economy_view_lists_the_proposed_spend_cases() {
    let (_d, mut app) = portfolio();
    press(&mut app, &["m"]);
    assert_eq!(app.economy.map(|e| e.year), Some(2026));
    insta::assert_snapshot!("portfolio_economy_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("portfolio_economy_120x36", screen(&mut app, 120, 36));
    // The help lists the view's keys.
    press(&mut app, &["?"]);
    let help = screen(&mut app, 120, 36);
    assert!(
        help.contains("Opret de foreslåede sager om mer-/mindreforbrug"),
        "{help}"
    );
    press(&mut app, &["Esc"]);
    // [ goes to 2025; ] back; Esc closes the view.
    press(&mut app, &["["]);
    assert_eq!(app.economy.map(|e| e.year), Some(2025));
    assert!(screen(&mut app, 120, 36).contains("Økonomioverblik 2025"));
    press(&mut app, &["]", "Esc"]);
    assert_eq!(app.economy, None);
    assert!(screen(&mut app, 80, 24).contains("1.1"));
}

#[test]
fn c_in_the_economy_view_creates_the_proposed_cases_for_the_economy_committee() {
    let (_d, mut app) = portfolio();
    let before = app.ws.cases.len();
    let proposed: Vec<String> = crate::rules::deviation::spend_proposals(&app.ws, 2026)
        .into_iter()
        .filter(|p| p.open_case.is_none())
        .map(|p| p.id)
        .collect();
    assert!(proposed.len() >= 2, "the demo proposes cases: {proposed:?}");
    press(&mut app, &["m", "c"]);
    assert_eq!(app.ws.cases.len(), before + proposed.len());
    let made: Vec<&crate::model::Case> = spend_cases(&app)
        .into_iter()
        .filter(|c| proposed.contains(c.initiative.as_ref().unwrap()))
        .filter(|c| {
            c.history
                .iter()
                .any(|h| h.text.contains("økonomioverblikket for 2026"))
        })
        .collect();
    assert_eq!(made.len(), proposed.len());
    for c in &made {
        assert_eq!(c.forum.as_deref(), Some("oesu"));
        assert_eq!(c.state, crate::model::CaseState::Draft);
        assert!(c.title.starts_with("Merforbrug 2026 for "), "{}", c.title);
        assert!(
            c.background.contains("Forbrug til dato"),
            "{}",
            c.background
        );
    }
    // On disk too.
    let on_disk = crate::store::Store::open(app.root())
        .unwrap()
        .load()
        .workspace;
    assert_eq!(on_disk.cases.len(), before + proposed.len());
    let msg = app.message.clone().unwrap().0;
    assert!(
        msg.contains(&format!(
            "{} sager om mer-/mindreforbrug oprettet som kladde for ØSU",
            proposed.len()
        )),
        "{msg}"
    );
    // Again: every proposal has an open case now, so all are skipped and nothing is made.
    press(&mut app, &["c"]);
    assert_eq!(app.ws.cases.len(), before + proposed.len());
    let msg = app.message.clone().unwrap().0;
    assert!(
        msg.contains(&format!("{} sprunget over", proposed.len())),
        "{msg}"
    );
    assert!(screen(&mut app, 120, 36).contains("åben: S-"));
    // One undo takes them all back.
    press(&mut app, &["u"]);
    assert_eq!(app.ws.cases.len(), before);
}

#[test]
fn without_an_economy_committee_c_asks_for_the_forum() {
    let (_d, mut app) = portfolio();
    // Rename the demo's ØSU: no forum is the economy committee now.
    let mut f = app.ws.forum("oesu").unwrap().clone();
    f.name = "Udvalg for økonomi".into();
    f.short_name = "UØ".into();
    app.commit(vec![Change::Update(AnyRecord::Forum(f))], "rename")
        .unwrap();
    let before = app.ws.cases.len();
    press(&mut app, &["m"]);
    assert!(screen(&mut app, 120, 36).contains("intet forum hedder Økonomistyringsudvalget"));
    press(&mut app, &["c"]);
    assert!(matches!(app.popups.last(), Some(Popup::Picker(_))));
    assert!(screen(&mut app, 120, 36).contains("Intet forum hedder Økonomistyringsudvalget"));
    assert_eq!(
        app.ws.cases.len(),
        before,
        "nothing before a forum is chosen"
    );
    // Choose the renamed forum.
    type_text(&mut app, "UØ");
    press(&mut app, &["Enter"]);
    let made = app.ws.cases.len() - before;
    assert!(made >= 2);
    assert!(
        spend_cases(&app)
            .iter()
            .filter(|c| c.forum.as_deref() == Some("oesu"))
            .count()
            >= made
    );
}

#[test]
fn the_economy_view_in_english() {
    let (_d, mut app) = crate::tui::testing::demo_app_lang(Some(Language::En));
    press(&mut app, &["2", "m"]);
    let s = screen(&mut app, 120, 36);
    assert!(s.contains("Economy overview 2026"), "{s}");
    assert!(s.contains("Proposed over-/underspend cases"), "{s}");
}
