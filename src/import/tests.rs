//! Tests of the importer against the fixture files in tests/fixtures/{valid,invalid} (see the README there).

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn q(year: i32, q: u8) -> Quarter {
    Quarter::new(year, q).unwrap()
}

fn amt(s: &str) -> Option<Amount> {
    Some(s.parse().unwrap())
}

/// The initiatives the fixtures name: 12.1 (with reports for 2025Q4 and 2026Q2), 12.2 and 3.4.
fn workspace() -> Workspace {
    let mut a = Initiative::new("12.1", "Fælles digital post", "Digitaliseringsministeriet");
    a.revision = 7;
    a.project_manager = "Hanne Holm".into();
    a.reports.push(StatusReport::new(q(2025, 4), Rag::Green));
    let mut r = StatusReport::new(q(2026, 2), Rag::Yellow);
    r.comment = "Leverandøren er gået konkurs".into();
    r.budget = amt("100");
    a.reports.push(r);
    let b = Initiative::new(
        "12.2",
        "Digital adgang til sundhedsdata",
        "Indenrigs- og Sundhedsministeriet",
    );
    let c = Initiative::new("3.4", "Modernisering af tinglysning", "Justitsministeriet");
    Workspace {
        initiatives: vec![a, b, c],
        ..Workspace::default()
    }
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn plan(kind: ImportKind, path: &str, ws: &Workspace) -> ImportPlan {
    let name = path.rsplit('/').next().unwrap();
    match plan_import(kind, name, &fixture(path), ws) {
        Ok(p) => p,
        Err(problems) => panic!("{path}: {problems:#?}"),
    }
}

fn problems(kind: ImportKind, path: &str) -> Vec<String> {
    let name = path.rsplit('/').next().unwrap();
    match plan_import(kind, name, &fixture(path), &workspace()) {
        Ok(p) => panic!("{path} should be refused, got {p:#?}"),
        Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
    }
}

fn changes(p: &ImportPlan) -> Vec<(usize, &str, Option<Quarter>, RowChange)> {
    p.rows
        .iter()
        .map(|r| (r.line, r.id.as_str(), r.quarter, r.change))
        .collect()
}

/// Applies the plan and checks that planning the same file again changes nothing.
fn assert_idempotent(kind: ImportKind, path: &str, ws: &mut Workspace) {
    let first = plan(kind, path, ws);
    first.apply(ws);
    let again = plan(kind, path, ws);
    assert_eq!(
        (again.new, again.changed),
        (0, 0),
        "{path}: second import changes {:#?}",
        again.rows
    );
    assert_eq!(again.unchanged, first.rows.len());
    assert_eq!(again.to_write().count(), 0);
}

#[test]
fn initiatives_semicolon_windows_1252() {
    let ws = workspace();
    let p = plan(
        ImportKind::Initiatives,
        "valid/initiatives_semicolon_cp1252.csv",
        &ws,
    );
    assert_eq!(
        p.dialect,
        Dialect {
            encoding: SourceEncoding::Windows1252,
            delimiter: b';'
        }
    );
    assert_eq!(
        changes(&p),
        [
            (2, "12.1", None, RowChange::Changed),
            (3, "12.2", None, RowChange::Changed),
            (4, "20.1", None, RowChange::New)
        ]
    );
    assert_eq!((p.new, p.changed, p.unchanged), (1, 2, 0));
    assert!(p.warnings.is_empty());

    let (a, change) = &p.initiatives[0];
    assert_eq!(*change, RowChange::Changed);
    let mut expected = ws.initiatives[0].clone();
    expected.focus_area = "Borgerrettet digitalisering".into();
    expected.budget = amt("1250.5");
    expected.start_date = Some(d(2012, 1, 1));
    expected.end_date = Some(d(2027, 12, 31));
    expected.comments = "Følges tæt".into();
    // Fields without a column (project manager), reports and bookkeeping are kept.
    assert_eq!(*a, expected);

    let (c, change) = &p.initiatives[2];
    assert_eq!(*change, RowChange::New);
    let mut expected =
        Initiative::new("20.1", "Nyt system til vejafgifter", "Transportministeriet");
    expected.focus_area = "Infrastruktur".into();
    expected.start_date = Some(d(2024, 3, 1));
    expected.end_date = Some(d(2028, 1, 1));
    expected.comments = "Risiko; afklares i 3. kvt.".into();
    assert_eq!(*c, expected);
    assert_eq!(p.initiatives[1].0.budget, amt("14.3"));
    assert_eq!(p.initiatives[1].0.end_date, None);

    let mut ws = ws;
    assert_idempotent(
        ImportKind::Initiatives,
        "valid/initiatives_semicolon_cp1252.csv",
        &mut ws,
    );
    assert_eq!(ws.initiatives.len(), 4);
}

#[test]
fn reports_semicolon_windows_1252() {
    let ws = workspace();
    let p = plan(
        ImportKind::Reports,
        "valid/reports_semicolon_cp1252.csv",
        &ws,
    );
    assert_eq!(p.dialect.encoding, SourceEncoding::Windows1252);
    assert_eq!(
        changes(&p),
        [
            (2, "12.1", Some(q(2026, 3)), RowChange::New),
            (3, "12.2", Some(q(2026, 3)), RowChange::New)
        ]
    );
    let (a, change) = &p.initiatives[0];
    assert_eq!(*change, RowChange::Changed);
    assert_eq!(
        a.reports.iter().map(|r| r.quarter).collect::<Vec<_>>(),
        [q(2025, 4), q(2026, 2), q(2026, 3)]
    );
    let mut expected = StatusReport::new(q(2026, 3), Rag::Green);
    expected.time = Rag::Green;
    expected.cost = Rag::Yellow;
    expected.scope = Rag::Green;
    expected.risk = Rag::Red;
    expected.budget = amt("1250.5");
    expected.forecast = amt("1300.0");
    expected.spent = amt("612.25");
    expected.planned_end = Some(d(2027, 12, 31));
    expected.forecast_end = Some(d(2028, 6, 30));
    expected.comment = "Forsinkelse på ét delprojekt".into();
    expected.reported_by = "Søren Ærø".into();
    expected.report_date = Some(d(2026, 10, 15));
    assert_eq!(a.reports[2], expected);
    // Everything but the reports is as it was.
    assert_eq!(a.reports[..2], ws.initiatives[0].reports[..]);
    assert_eq!(a.revision, 7);

    let b = &p.initiatives[1].0;
    let r = &b.reports[0];
    assert_eq!(
        (r.overall, r.time, r.cost, r.scope, r.risk),
        (
            Rag::Yellow,
            Rag::Green,
            Rag::Yellow,
            Rag::Red,
            Rag::NotReported
        )
    );
    assert_eq!(
        (r.budget, r.forecast, r.spent),
        (amt("14.3"), amt("15"), None)
    );

    let mut ws = ws;
    assert_idempotent(
        ImportKind::Reports,
        "valid/reports_semicolon_cp1252.csv",
        &mut ws,
    );
}

#[test]
fn reports_utf8_bom_crlf_insert_and_replace() {
    let ws = workspace();
    let p = plan(ImportKind::Reports, "valid/reports_utf8_bom_crlf.csv", &ws);
    assert_eq!(
        p.dialect,
        Dialect {
            encoding: SourceEncoding::Utf8Bom,
            delimiter: b';'
        }
    );
    assert_eq!(
        changes(&p),
        [
            (2, "12.1", Some(q(2025, 4)), RowChange::Unchanged),
            (3, "12.1", Some(q(2026, 1)), RowChange::New),
            (4, "12.1", Some(q(2026, 2)), RowChange::Changed),
        ]
    );
    assert_eq!((p.new, p.changed, p.unchanged), (1, 1, 1));
    assert_eq!(p.initiatives.len(), 1);
    let a = &p.initiatives[0].0;
    assert_eq!(
        a.reports.iter().map(|r| r.quarter).collect::<Vec<_>>(),
        [q(2025, 4), q(2026, 1), q(2026, 2)]
    );
    assert_eq!(a.reports[1].comment, "Økonomien er presset");
    // The 2026Q2 report gets the new status; its budget (no column in the file) is kept.
    assert_eq!(
        (a.reports[2].overall, a.reports[2].budget),
        (Rag::Red, amt("100"))
    );

    let mut ws = ws;
    assert_idempotent(
        ImportKind::Reports,
        "valid/reports_utf8_bom_crlf.csv",
        &mut ws,
    );
}

#[test]
fn reports_comma_and_decimal_point() {
    let p = plan(
        ImportKind::Reports,
        "valid/reports_comma_decimal_point.csv",
        &workspace(),
    );
    assert_eq!(
        p.dialect,
        Dialect {
            encoding: SourceEncoding::Utf8,
            delimiter: b','
        }
    );
    let r = &p.initiatives[0].0.reports[0];
    assert_eq!((r.quarter, r.overall), (q(2026, 3), Rag::Green));
    assert_eq!((r.budget, r.spent), (amt("14.3"), amt("1250.5")));
    assert_eq!(r.forecast_end, Some(d(2026, 9, 30)));
    assert_eq!(r.comment, "Plan, budget and scope agreed");
}

#[test]
fn reports_tab_separated_keeps_control_characters() {
    let p = plan(ImportKind::Reports, "valid/reports_tab.csv", &workspace());
    assert_eq!(p.dialect.delimiter, b'\t');
    assert_eq!(changes(&p), [(2, "3.4", Some(q(2026, 3)), RowChange::New)]);
    let r = &p.initiatives[0].0.reports[0];
    assert_eq!((r.overall, r.budget), (Rag::Red, amt("1250.5")));
    assert_eq!(r.comment, "Kopieret\u{b}fra Word");
}

#[test]
fn reports_line_breaks_in_quoted_comment() {
    let p = plan(
        ImportKind::Reports,
        "valid/reports_multiline_comment.csv",
        &workspace(),
    );
    // The second record starts on physical line 5.
    assert_eq!(
        changes(&p),
        [
            (2, "12.1", Some(q(2026, 3)), RowChange::New),
            (5, "12.2", Some(q(2026, 3)), RowChange::New)
        ]
    );
    let r = p.initiatives[0].0.report(q(2026, 3)).unwrap();
    assert_eq!(
        r.comment,
        "Tidsplanen er skredet:\n- test af \"modul 2\" er udskudt\n- ny plan i oktober"
    );
}

#[test]
fn reports_english_headers_and_unknown_column() {
    let p = plan(
        ImportKind::Reports,
        "valid/reports_english_headers.csv",
        &workspace(),
    );
    assert_eq!(
        p.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
        ["reports_english_headers.csv:1: column \"Notes\": unknown column, ignored"]
    );
    let r = p.initiatives[0].0.report(q(2026, 3)).unwrap();
    assert_eq!(
        (r.overall, r.time, r.cost, r.scope, r.risk, r.budget),
        (
            Rag::Green,
            Rag::Yellow,
            Rag::Red,
            Rag::Green,
            Rag::NotReported,
            amt("14.3")
        )
    );
}

#[test]
fn refused_unknown_initiative() {
    assert_eq!(
        problems(
            ImportKind::Reports,
            "invalid/reports_unknown_initiative.csv"
        ),
        [
            "reports_unknown_initiative.csv:3: column \"Nr\": there is no initiative \"99.9\" in the workspace (import the initiatives first)"
        ]
    );
}

#[test]
fn refused_unknown_status_words() {
    assert_eq!(
        problems(ImportKind::Reports, "invalid/reports_unknown_status.csv"),
        [
            "reports_unknown_status.csv:2: column \"Samlet status\": cannot read \"Blå\" as a status (write Grøn, Gul or Rød)",
            "reports_unknown_status.csv:3: column \"Risiko\": cannot read \"lilla\" as a status (write Grøn, Gul or Rød)",
        ]
    );
}

#[test]
fn refused_impossible_date() {
    assert_eq!(
        problems(ImportKind::Reports, "invalid/reports_impossible_date.csv"),
        [
            "reports_impossible_date.csv:2: column \"Dato\": \"31/02-2019\" is not a date that exists"
        ]
    );
}

#[test]
fn refused_bad_amount() {
    assert_eq!(
        problems(ImportKind::Reports, "invalid/reports_bad_amount.csv"),
        [
            "reports_bad_amount.csv:3: column \"Budget (mio. kr.)\": cannot read \"12,x\" as an amount (write it like 1.250,5)"
        ]
    );
}

#[test]
fn refused_truncated_last_line() {
    assert_eq!(
        problems(
            ImportKind::Reports,
            "invalid/reports_truncated_last_line.csv"
        ),
        [
            "reports_truncated_last_line.csv:3: the line has 3 fields but the header has 4 (is the line cut off?)"
        ]
    );
}

#[test]
fn refused_unterminated_quote() {
    assert_eq!(
        problems(
            ImportKind::Reports,
            "invalid/reports_unterminated_quote.csv"
        ),
        [
            "reports_unterminated_quote.csv:3: the file ends inside a quoted field (a closing \" is missing)"
        ]
    );
}

#[test]
fn refused_duplicate_keys() {
    assert_eq!(
        problems(ImportKind::Reports, "invalid/reports_duplicate_key.csv"),
        [
            "reports_duplicate_key.csv:4: column \"Nr\": initiative \"12.1\" has a row for 2026Q3 already (line 2)"
        ]
    );
    assert_eq!(
        problems(
            ImportKind::Initiatives,
            "invalid/initiatives_duplicate_key.csv"
        ),
        [
            "initiatives_duplicate_key.csv:3: column \"Nr\": initiative \"20.1\" has a row already (line 2)"
        ]
    );
}

#[test]
fn refused_missing_required_column() {
    assert_eq!(
        problems(ImportKind::Reports, "invalid/reports_missing_column.csv"),
        [
            "reports_missing_column.csv:1: column \"Samlet status\": the required column is missing (name it \"Samlet status\" or \"Overall\")"
        ]
    );
}

#[test]
fn refused_bad_quarter() {
    assert_eq!(
        problems(ImportKind::Reports, "invalid/reports_bad_quarter.csv"),
        ["reports_bad_quarter.csv:2: column \"Kvartal\": cannot read \"3. kvt 20x6\" as a quarter"]
    );
}

#[test]
fn refused_initiatives_with_several_bad_fields() {
    assert_eq!(
        problems(ImportKind::Initiatives, "invalid/initiatives_bad_rows.csv"),
        [
            "initiatives_bad_rows.csv:2: column \"Nr\": the id \"12/1\" contains a '/', which is not allowed in an id (use the letters A-Z and a-z, digits, '.', '-' and '_')",
            "initiatives_bad_rows.csv:3: column \"Initiativnavn\": is empty, but it is required",
            "initiatives_bad_rows.csv:3: column \"Starttidspunkt\": cannot read \"januar 2020\" as a date (write it like 31/12-2026 or 2026-12-31)",
        ]
    );
}

#[test]
fn initiatives_file_as_reports_is_refused() {
    let bytes = fixture("valid/initiatives_semicolon_cp1252.csv");
    let err = plan_import(ImportKind::Reports, "x.csv", &bytes, &workspace()).unwrap_err();
    let cols: Vec<_> = err.iter().map(|p| (p.line, p.column.as_deref())).collect();
    assert_eq!(cols, [(1, Some("Kvartal")), (1, Some("Samlet status"))]);
}

#[test]
fn empty_file_and_excel_sep_hint() {
    let err = plan_import(ImportKind::Reports, "x.csv", b"", &workspace()).unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "x.csv:1: the file is empty: it has no header line"
    );
    let p = plan_import(
        ImportKind::Reports,
        "x.csv",
        b"sep=,\nNr,Kvartal,Samlet status\n12.1,2026Q3,G\n",
        &workspace(),
    )
    .unwrap();
    assert_eq!(changes(&p), [(3, "12.1", Some(q(2026, 3)), RowChange::New)]);
}

#[test]
fn generated_portfolio_imports_cleanly() {
    let (ini_csv, rep_csv) = generate_portfolio_csv(50, 4, 42);
    assert_eq!(
        generate_portfolio_csv(50, 4, 42),
        (ini_csv.clone(), rep_csv.clone()),
        "deterministic"
    );
    assert_ne!(generate_portfolio_csv(50, 4, 43).1, rep_csv);
    let mut ws = Workspace::default();
    let p = plan_import(
        ImportKind::Initiatives,
        "initiatives.csv",
        ini_csv.as_bytes(),
        &ws,
    )
    .unwrap();
    assert_eq!((p.new, p.changed, p.unchanged), (50, 0, 0));
    assert!(p.warnings.is_empty());
    p.apply(&mut ws);
    let p = plan_import(ImportKind::Reports, "reports.csv", rep_csv.as_bytes(), &ws).unwrap();
    assert_eq!((p.new, p.changed, p.unchanged), (200, 0, 0));
    assert!(p.warnings.is_empty());
    let rags: std::collections::HashSet<Rag> = p
        .initiatives
        .iter()
        .flat_map(|(i, _)| i.reports.iter().map(|r| r.overall))
        .collect();
    assert!(rags.contains(&Rag::Green) && rags.contains(&Rag::Yellow) && rags.contains(&Rag::Red));
    assert!(
        p.initiatives
            .iter()
            .all(|(i, _)| i.reports.len() == 4 && i.reports.is_sorted_by_key(|r| r.quarter))
    );
    p.apply(&mut ws);
    let again = plan_import(ImportKind::Reports, "reports.csv", rep_csv.as_bytes(), &ws).unwrap();
    assert_eq!(again.unchanged, 200);
}

#[test]
fn full_size_portfolio_imports_completely() {
    // The full size: 2,000 initiatives x 20 quarters = 40,000 report rows. Its speed is measured in
    // benches/ (cargo bench), not here.
    let (n, quarters) = (2000, 20);
    let (ini_csv, rep_csv) = generate_portfolio_csv(n, quarters, 7);
    let mut ws = Workspace::default();
    plan_import(ImportKind::Initiatives, "i.csv", ini_csv.as_bytes(), &ws)
        .unwrap()
        .apply(&mut ws);
    let p = plan_import(ImportKind::Reports, "r.csv", rep_csv.as_bytes(), &ws).unwrap();
    assert_eq!(p.new, n * quarters);
    assert_eq!(p.initiatives.len(), n);
}

#[test]
fn header_and_width_edge_cases() {
    let ws = workspace();
    let err = plan_import(
        ImportKind::Reports,
        "x.csv",
        "Nr;Kvartal;Samlet status;kvartal\n".as_bytes(),
        &ws,
    )
    .unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "x.csv:1: column \"kvartal\": the column appears twice (columns 2 and 4)"
    );

    // Trailing empty fields and unnamed columns (as Excel writes them) are fine; extra data is not.
    let ok = "Nr;Kvartal;Samlet status;\n12.1;2026Q3;Grøn;;\n";
    assert_eq!(
        plan_import(ImportKind::Reports, "x.csv", ok.as_bytes(), &ws)
            .unwrap()
            .new,
        1
    );
    let bad = "Nr;Kvartal;Samlet status\n12.1;2026Q3;Grøn;oops\n;;\n12.2;2026Q3;\n";
    let err: Vec<String> = plan_import(ImportKind::Reports, "x.csv", bad.as_bytes(), &ws)
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        err,
        [
            "x.csv:2: the line has 4 fields but the header has only 3",
            "x.csv:4: column \"Samlet status\": is empty, but it is required",
        ]
    );
}

#[test]
fn utf16_with_bom_is_read() {
    let text = "Nr\tKvartal\tSamlet status\r\n12.1\t2026Q3\tRød\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let p = plan_import(ImportKind::Reports, "x.txt", &bytes, &workspace()).unwrap();
    assert_eq!(
        p.dialect,
        Dialect {
            encoding: SourceEncoding::Utf16Le,
            delimiter: b'\t'
        }
    );
    assert_eq!(
        p.initiatives[0].0.report(q(2026, 3)).unwrap().overall,
        Rag::Red
    );
}

#[test]
fn initiative_update_touches_only_named_columns() {
    let mut ws = workspace();
    ws.initiatives[0].comments = "Behold mig".into();
    let csv = "Nr;Initiativnavn;Ministerium;Projektleder\n12.1;Fælles digital post;Digitaliseringsministeriet;Hanne Holm\n";
    let p = plan_import(ImportKind::Initiatives, "x.csv", csv.as_bytes(), &ws).unwrap();
    assert_eq!(changes(&p), [(2, "12.1", None, RowChange::Unchanged)]);
    assert_eq!(p.to_write().count(), 0);
    let csv = csv.replace("Hanne Holm", "Jens Juul");
    let p = plan_import(ImportKind::Initiatives, "x.csv", csv.as_bytes(), &ws).unwrap();
    let (ini, change) = &p.initiatives[0];
    assert_eq!(*change, RowChange::Changed);
    assert_eq!(
        (ini.project_manager.as_str(), ini.comments.as_str()),
        ("Jens Juul", "Behold mig")
    );
    assert_eq!(ini.reports, ws.initiatives[0].reports);
    // Bookkeeping differences alone do not make a row changed.
    let mut other = ini.clone();
    other.revision = 99;
    assert!(same_data(ini, &other));
}

/// A file with some lines in UTF-8 and others in Windows-1252 is refused, naming both lines,
/// instead of importing "SÃ¸ren".
#[test]
fn a_file_mixing_utf8_and_windows_1252_is_refused() {
    let mut bytes = b"Nr;Initiativnavn;Ministerium;Projektleder\n".to_vec();
    bytes.extend_from_slice(
        "12.1;Fælles digital post;Digitaliseringsministeriet;Søren\n".as_bytes(),
    );
    bytes.extend_from_slice(b"12.2;Sundhedsdata;Indenrigs- og Sundhedsministeriet;J\xf8rgen\n");
    let problems =
        plan_import(ImportKind::Initiatives, "mix.csv", &bytes, &workspace()).expect_err("refused");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, 3);
    assert!(
        problems[0].message.contains("line 2 is UTF-8"),
        "{}",
        problems[0]
    );
    // All-Windows-1252 is still read as such.
    let mut cp = b"Nr;Initiativnavn;Ministerium;Projektleder\n".to_vec();
    cp.extend_from_slice(b"12.2;Sundhedsdata;Indenrigs- og Sundhedsministeriet;J\xf8rgen\n");
    let plan = plan_import(ImportKind::Initiatives, "cp.csv", &cp, &workspace()).unwrap();
    assert_eq!(plan.initiatives[0].0.project_manager, "Jørgen");
}

/// A garbage file: the first MAX_PROBLEMS problems are listed, then one line counting the rest.
#[test]
fn problems_are_bounded_and_the_rest_counted() {
    let mut text = String::from("Nr;Kvartal;Samlet status\n");
    for n in 0..5000 {
        text.push_str(&format!("12.1;kvartal {n};lilla\n"));
    }
    let problems = plan_import(
        ImportKind::Reports,
        "junk.csv",
        text.as_bytes(),
        &workspace(),
    )
    .expect_err("refused");
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    let last = problems.last().unwrap();
    // Two problems per row (quarter and status): 10,000 in all.
    assert!(
        last.message
            .starts_with(&format!("and {} more problems", "9,900")),
        "{last}"
    );
    assert_eq!(last.line, 5001);
    assert_eq!(group_thousands(11_399_900), "11,399,900");
    assert_eq!(group_thousands(999), "999");
}

/// Negative budgets and spending, and dates in the year 0000, are refused with their line.
#[test]
fn negative_amounts_and_impossible_years_are_refused() {
    let text = "Nr;Kvartal;Samlet status;Budget (mio. kr.);Forbrug til dato (mio. kr.);Forventet sluttidspunkt\n\
                12.1;2026Q3;Grøn;-5;3;31/12-2026\n\
                12.2;2026Q3;Grøn;5;-0,5;31/12-2026\n\
                3.4;2026Q3;Grøn;5;1;0000-01-01\n";
    let problems = plan_import(
        ImportKind::Reports,
        "neg.csv",
        text.as_bytes(),
        &workspace(),
    )
    .expect_err("refused");
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [2, 3, 4], "{problems:?}");
    assert!(problems[0].message.contains("negative"));
    assert!(problems[2].message.contains("year 0"), "{}", problems[2]);
}
