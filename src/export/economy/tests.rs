//! Economy overview tests on a small workspace built here: which initiatives are over or under
//! beyond the thresholds, which cases are proposed and which skipped, the year, the CSV and the
//! document in both languages.

use rust_decimal::Decimal;

use super::*;
use crate::export::{html, markdown};
use crate::model::{Case, CaseKind, CaseState, Forum, Initiative, Rag, StatusReport, Workspace};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn report(year: i32, q: u8, budget: &str, forecast: &str, spent: &str) -> StatusReport {
    let mut r = StatusReport::new(Quarter::new(year, q).unwrap(), Rag::Green);
    r.budget = Some(dec(budget));
    r.forecast = Some(dec(forecast));
    r.spent = Some(dec(spent));
    r
}

fn init(id: &str, ministry: &str, reports: Vec<StatusReport>) -> Initiative {
    let mut i = Initiative::new(id, &format!("Initiativ {id}"), ministry);
    i.reports = reports;
    i
}

/// 1.1 over by 20 % (beyond), 1.2 under by 12 mio. kr. on 100 (beyond), 1.3 under by 2 % (within),
/// 1.4 over beyond but with an open over-/underspend case, 1.5 closed and over beyond, 1.6 active
/// without a 2026 report, 1.7 with a report without forecast, 1.8 beyond only in 2025.
fn ws() -> Workspace {
    let mut ws = Workspace::default();
    ws.settings.name = "PSG".into();
    ws.forums
        .push(Forum::new("psg", "Porteføljestyregruppen", "PSG"));
    ws.forums
        .push(Forum::new("oesu", "Økonomistyringsudvalget", "ØSU"));
    let mut closed = init("1.5", "B", vec![report(2026, 2, "10", "20", "15")]);
    closed.lifecycle = Lifecycle::Closed;
    let mut no_forecast = report(2026, 3, "30", "0", "3");
    no_forecast.forecast = None;
    ws.initiatives = vec![
        init(
            "1.1",
            "A",
            vec![
                report(2026, 1, "50", "50", "10"),
                report(2026, 3, "50", "60", "30"),
            ],
        ),
        init("1.2", "A", vec![report(2026, 3, "100", "88", "40")]),
        init("1.3", "B", vec![report(2026, 3, "100", "98", "50")]),
        init("1.4", "B", vec![report(2026, 3, "40", "50", "20")]),
        closed,
        init("1.6", "C", vec![report(2025, 4, "10", "10", "1")]),
        init("1.7", "C", vec![no_forecast]),
        init(
            "1.8",
            "C",
            vec![
                report(2025, 4, "10", "30", "5"),
                report(2026, 3, "10", "10", "6"),
            ],
        ),
    ];
    let mut open = Case::new("S-2026-001", CaseKind::OverUnderspend, "Merforbrug 1.4");
    open.initiative = Some("1.4".into());
    open.state = CaseState::Ready;
    // A decided case of the kind, and an open case of another kind, do not stop a proposal.
    let mut decided = Case::new("S-2026-002", CaseKind::OverUnderspend, "Merforbrug 1.1");
    decided.initiative = Some("1.1".into());
    decided.state = CaseState::Decided;
    let mut other = Case::new("S-2026-003", CaseKind::DeviationStatus, "Status 1.2");
    other.initiative = Some("1.2".into());
    ws.cases = vec![open, decided, other];
    ws
}

#[test]
fn rows_take_the_latest_report_of_the_year_and_the_rule_decides() {
    let ws = ws();
    let rows = rows(&ws, 2026);
    let ids: Vec<&str> = rows.iter().map(|r| r.init.id.as_str()).collect();
    // 1.5 is closed but reported in 2026; 1.6 is active without a 2026 report.
    assert_eq!(
        ids,
        ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"]
    );
    let r = |id: &str| rows.iter().find(|r| r.init.id == id).unwrap();
    assert_eq!(
        r("1.1").report.unwrap().quarter,
        Quarter::new(2026, 3).unwrap()
    );
    assert_eq!(r("1.1").deviation(), Some(dec("10")));
    assert_eq!(r("1.1").spent_percent(), Some(dec("60")));
    assert_eq!(r("1.1").beyond(), Some(Spend::Over));
    assert_eq!(r("1.2").beyond(), Some(Spend::Under));
    assert_eq!(r("1.2").deviation(), Some(dec("-12")));
    assert_eq!(r("1.3").beyond(), None);
    assert_eq!(r("1.3").money.unwrap().spend, Spend::Under);
    assert!(r("1.6").report.is_none() && r("1.6").money.is_none());
    assert!(r("1.7").money.is_none());
    // 1.8 was over in 2025, on budget in 2026.
    assert_eq!(r("1.8").beyond(), None);
    assert_eq!(
        super::rows(&ws, 2025)
            .iter()
            .find(|r| r.init.id == "1.8")
            .unwrap()
            .beyond(),
        Some(Spend::Over)
    );
}

#[test]
fn proposals_are_active_initiatives_beyond_the_thresholds_skipping_open_cases() {
    let ws = ws();
    let p = spend_proposals(&ws, 2026);
    let ids: Vec<(&str, Option<&str>)> = p
        .iter()
        .map(|p| (p.id.as_str(), p.open_case.as_deref()))
        .collect();
    // Overspend first, then underspend; the closed 1.5 is never proposed; 1.4 has an open case.
    assert_eq!(
        ids,
        [("1.1", None), ("1.4", Some("S-2026-001")), ("1.2", None)]
    );
    let rows = rows(&ws, 2026);
    assert!(
        rows.iter()
            .find(|r| r.init.id == "1.5")
            .unwrap()
            .proposal
            .is_none()
    );
    assert_eq!(
        rows.iter().find(|r| r.init.id == "1.5").unwrap().beyond(),
        Some(Spend::Over)
    );
}

#[test]
fn tighter_thresholds_in_settings_flag_more() {
    let mut ws = ws();
    assert_eq!(rows(&ws, 2026)[2].beyond(), None, "1.3 is 2 % under");
    ws.settings.thresholds.deviating_budget_percent = dec("1.5");
    assert_eq!(rows(&ws, 2026)[2].beyond(), Some(Spend::Under));
    assert!(thresholds_text(&ws).contains("1,5 %"));
}

#[test]
fn the_year_is_the_latest_or_as_given() {
    let ws = ws();
    assert_eq!(year_or_latest(&ws, None).unwrap(), 2026);
    assert_eq!(year_or_latest(&ws, Some("2025")).unwrap(), 2025);
    assert!(matches!(
        year_or_latest(&ws, Some("2019")),
        Err(ExportError::NoReportsInYear { year: 2019, ref years }) if years == "2025, 2026"
    ));
    assert!(matches!(
        year_or_latest(&ws, Some("tyve")),
        Err(ExportError::BadYear(_))
    ));
    assert!(matches!(
        year_or_latest(&ws, Some("20260")),
        Err(ExportError::BadYear(_))
    ));
    assert!(matches!(
        year_or_latest(&Workspace::default(), None),
        Err(ExportError::NoReports)
    ));
}

#[test]
fn the_economy_forum_is_found_by_name_or_short_name() {
    let mut ws = ws();
    let f: Vec<&str> = economy_forums(&ws).iter().map(|f| f.id.as_str()).collect();
    assert_eq!(f, ["oesu"]);
    ws.forums.retain(|f| f.id != "oesu");
    assert!(economy_forums(&ws).is_empty());
    ws.forums.push(Forum::new("x", "Economy committee", "EC"));
    ws.forums.push(Forum::new("y", "Udvalget", "ØSU"));
    assert_eq!(economy_forums(&ws).len(), 2);
}

#[test]
fn csv_has_one_row_per_initiative_with_decimal_commas() {
    let ws = ws();
    let text = csv(&ws, 2026).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 1 + 8);
    assert!(lines[0].starts_with("Nr.;Initiativ;Ministerium"));
    // 1.2: under by 12 of 100, 40 % spent, proposed.
    let row: Vec<&str> = lines[2].split(';').collect();
    assert_eq!(row[0], "1.2");
    assert_eq!(
        &row[7..16],
        [
            "100",
            "88",
            "40",
            "40",
            "-12",
            "-12",
            "Mindreforbrug",
            "ja",
            "ja"
        ]
    );
    assert!(
        lines[4].ends_with(";har åben sag S-2026-001"),
        "{}",
        lines[4]
    );
    // 1.6 has no report in 2026: empty figures.
    assert!(
        lines[6].starts_with("1.6;Initiativ 1.6;C;;aktiv;2026;;;;;;;;;;nej"),
        "{}",
        lines[6]
    );
    let mut en = ws.clone();
    en.settings.language = Language::En;
    let text = csv(&en, 2026).unwrap();
    assert!(
        text.contains(
            "\r\n1.1,Initiativ 1.1,A,,active,2026,Q3 2026,50,60,30,60,10,20,Overspend,yes,yes\r\n"
        ),
        "{text}"
    );
}

#[test]
fn the_document_names_the_proposals_the_skipped_and_the_forum() {
    let ws = ws();
    let md = markdown::render(&document(&ws, 2026));
    assert!(md.starts_with("# Økonomioverblik 2026 – PSG"));
    assert!(md.contains("Til Økonomistyringsudvalget."));
    assert!(md.contains("mere end 10 % af budgettet eller mere end 6 mio. kr."));
    assert!(md.contains("2 sager om mer-/mindreforbrug foreslås oprettet"));
    assert!(
        md.contains("1\\.1 Initiativ 1.1 (A): merforbrug på 10,0 mio. kr. (20,0 %), 3. kvt. 2026"),
        "{md}"
    );
    assert!(
        md.contains(
            "1\\.2 Initiativ 1.2 (A): mindreforbrug på 12,0 mio. kr. (-12,0 %), 3. kvt. 2026"
        ),
        "{md}"
    );
    assert!(md.contains("Springes over"));
    assert!(md.contains("1\\.4 Initiativ 1.4 (B): merforbrug på 10,0 mio. kr. (25,0 %), 3. kvt. 2026: S-2026-001"), "{md}");
    // Per ministry: A has 1.1 and 1.2, one over and one under.
    assert!(
        md.contains("- **A:** 2 (1/1) – 150,0 – 148,0 – 70,0 – -2,0"),
        "{md}"
    );
    // The chart of the year's quarters, as inline SVG in HTML.
    let h = html::render(&document(&ws, 2026));
    assert_eq!(h.matches("<svg").count(), 1);
    assert!(!h.contains("<script"));

    // No economy forum: said plainly.
    let mut none = ws.clone();
    none.forums.retain(|f| f.id != "oesu");
    let md = markdown::render(&document(&none, 2026));
    assert!(!md.contains("Til Økonomistyringsudvalget."));
    assert!(md.contains("Arbejdsområdet har intet forum ved navn Økonomistyringsudvalget"));

    // In English.
    let mut en = ws.clone();
    en.settings.language = Language::En;
    let md = markdown::render(&document(&en, 2026));
    assert!(md.starts_with("# Economy overview 2026 – PSG"));
    assert!(md.contains("2 cases of over-/underspend proposed"));
    assert!(md.contains("underspend of DKK 12.0m"), "{md}");
    assert!(!md.contains("mio. kr."), "{md}");
}

#[test]
fn a_year_without_anything_beyond_says_so() {
    let mut ws = ws();
    ws.settings.thresholds.deviating_budget_percent = dec("1000");
    ws.settings.thresholds.deviating_budget_mdkk = dec("1000");
    let md = markdown::render(&document(&ws, 2026));
    assert!(md.contains("Intet initiativ har mer- eller mindreforbrug ud over tærsklerne i året."));
    assert!(md.contains("Ingen sager foreslås"));
    assert!(spend_proposals(&ws, 2026).is_empty());
}

#[test]
fn the_workbook_is_deterministic() {
    let ws = ws();
    let a = xlsx(&ws, 2026).unwrap();
    assert!(a.starts_with(b"PK\x03\x04"));
    assert_eq!(a, xlsx(&ws, 2026).unwrap());
}
