//! The document: the year's data and the secretariat's texts as a [`Document`] ([`document()`]),
//! with its page set-up and file name.

use super::*;

impl B {
    /// A section's heading, then the secretariat's text for it or its placeholder.
    fn section(&mut self, s: Section, texts: Option<&Texts>) {
        self.h(2, s.heading(self.lang));
        match texts.and_then(|t| t.get(s)) {
            Some(text) => self.blocks.extend(text_blocks(text)),
            None => self.p(s.placeholder(self.lang)),
        }
    }
}

pub(super) fn date_text(d: NaiveDate, lang: Language) -> String {
    match lang {
        Language::Da => d.format("%d.%m.%Y").to_string(),
        Language::En => d.format("%Y-%m-%d").to_string(),
    }
}

pub(super) fn mio(v: Option<Decimal>, lang: Language) -> String {
    v.map_or_else(|| "–".to_string(), |v| number(v, lang))
}

/// The statement's title: "Statusredegørelse 2026 – Porteføljestyregruppen".
pub fn title(ws: &Workspace, year: i32) -> String {
    format!(
        "{} {year} – {}",
        tr(
            ws.settings.language,
            "Statusredegørelse",
            "Annual status statement"
        ),
        clean_line(&ws.settings.name)
    )
}

/// Builds the statement for `year` in the workspace's language, with the secretariat's texts (or
/// a placeholder per section when `texts` is `None` or has no text for it).
pub fn document(ws: &Workspace, year: i32, texts: Option<&Texts>) -> Result<Document, ExportError> {
    let a = model(ws, year)?;
    let lang = ws.settings.language;
    let mut b = B {
        lang,
        blocks: vec![],
    };
    let title = title(ws, year);
    b.h(1, &title);
    let period = match (a.quarters.first(), a.quarters.last()) {
        (Some(f), Some(l)) if f != l => {
            format!("{}–{}", quarter_label(*f, lang), quarter_label(*l, lang))
        }
        (Some(f), _) => quarter_label(*f, lang),
        _ => b.t("ingen statusrapporter", "no status reports").into(),
    };
    b.blocks.push(Block::Fields(vec![
        (b.t("År", "Year").into(), year.to_string()),
        (
            b.t("Statusrapporter", "Status reports").into(),
            period.clone(),
        ),
        (
            b.t("Initiativer", "Initiatives").into(),
            a.progress.len().to_string(),
        ),
        (
            b.t("Lukket i året", "Closed in the year").into(),
            a.closed.len().to_string(),
        ),
        (
            b.t("Beslutninger", "Decisions").into(),
            a.decisions
                .iter()
                .map(|f| f.decisions.len())
                .sum::<usize>()
                .to_string(),
        ),
        (
            b.t("Skriftlige høringer", "Written consultations").into(),
            a.consultations.len().to_string(),
        ),
    ]));

    b.section(Section::Introduction, texts);

    // Progress.
    b.section(Section::Progress, texts);
    if a.progress.is_empty() || a.quarters.is_empty() {
        b.p(b.t(
            "Ingen initiativer har statusrapporter i året.",
            "No initiative has status reports in the year.",
        ));
    } else {
        let counts: Vec<[usize; 4]> = (0..a.quarters.len())
            .map(|k| {
                let mut c = [0usize; 4];
                for p in &a.progress {
                    match p.overall.get(k).copied().flatten() {
                        Some(Rag::Green) => c[0] += 1,
                        Some(Rag::Yellow) => c[1] += 1,
                        Some(Rag::Red) => c[2] += 1,
                        Some(Rag::NotReported) => c[3] += 1,
                        None => {}
                    }
                }
                c
            })
            .collect();
        let series = |i: usize, name: &str, tone: Tone| Series {
            name: name.to_string(),
            tone,
            values: counts.iter().map(|c| Some(Decimal::from(c[i]))).collect(),
        };
        b.blocks.push(Block::Chart(Chart {
            title: format!(
                "{} {period}",
                b.t("Samlet status pr. kvartal", "Overall status per quarter")
            ),
            kind: ChartKind::StackedBars,
            unit: b.t("antal initiativer", "initiatives").into(),
            label_heading: b.t("Kvartal", "Quarter").into(),
            labels: a.quarters.iter().map(|q| quarter_label(*q, lang)).collect(),
            series: vec![
                series(0, b.t("Grøn", "Green"), Tone::Green),
                series(1, b.t("Gul", "Yellow"), Tone::Yellow),
                series(2, b.t("Rød", "Red"), Tone::Red),
                series(3, b.t("Ikke rapporteret", "Not reported"), Tone::Grey),
            ],
        }));
        b.h(
            3,
            b.t(
                "Samlet status pr. initiativ",
                "Overall status per initiative",
            ),
        );
        let mut header = vec![
            b.t("Nr.", "No.").to_string(),
            b.t("Initiativ", "Initiative").to_string(),
            b.t("Ministerium", "Ministry").to_string(),
        ];
        header.extend(a.quarters.iter().map(|q| quarter_label(*q, lang)));
        let rows = a
            .progress
            .iter()
            .map(|p| {
                let mut name = clean_line(&p.init.name);
                if let Some(d) = p.closed {
                    name.push_str(&format!(
                        "\n{} {}",
                        b.t("Lukket", "Closed"),
                        date_text(d, lang)
                    ));
                }
                LightsRow {
                    cells: vec![clean_line(&p.init.id), name, clean_line(&p.init.ministry)],
                    lights: p.overall.clone(),
                }
            })
            .collect();
        b.blocks.push(Block::Lights(Lights { header, rows }));
        b.p(b.t(
            "G = grøn, Gu = gul, R = rød, - = ikke rapporteret, – = ingen statusrapport for kvartalet.",
            "G = green, Y = yellow, R = red, - = not reported, – = no status report for the quarter.",
        ));
    }

    // Closed initiatives and approved closing reports.
    b.section(Section::Closed, texts);
    if a.closed.is_empty() {
        b.p(b.t(
            "Ingen initiativer er lukket i året.",
            "No initiative was closed in the year.",
        ));
    } else {
        let rows = a
            .closed
            .iter()
            .map(|c| {
                vec![
                    clean_line(&c.init.id),
                    format!(
                        "{}\n{}",
                        clean_line(&c.init.name),
                        clean_line(&c.init.ministry)
                    ),
                    date_text(c.date, lang),
                    mio(c.budget, lang),
                    mio(c.forecast, lang),
                    mio(c.spent, lang),
                    c.closing_reports
                        .iter()
                        .map(|k| format!("{} ({})", clean_line(&k.id), k.state.label(lang)))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]
            })
            .collect();
        b.table(
            &[
                b.t("Nr.", "No."),
                b.t("Initiativ", "Initiative"),
                b.t("Lukket", "Closed"),
                b.t("Budget (mio. kr.)", "Budget (DKK m)"),
                b.t("Forventet forbrug (mio. kr.)", "Forecast (DKK m)"),
                b.t("Forbrugt (mio. kr.)", "Spent (DKK m)"),
                b.t("Afslutningsrapport", "Closing report"),
            ],
            rows,
        );
    }
    b.h(
        3,
        b.t("Godkendte afslutningsrapporter", "Closing reports approved"),
    );
    if a.approved.is_empty() {
        b.p(b.t(
            "Ingen afslutningsrapporter er godkendt i året.",
            "No closing report was approved in the year.",
        ));
    } else {
        let rows = a
            .approved
            .iter()
            .map(|x| {
                // The initiative under the title, unless the title names it already.
                let title = clean_line(&x.case.title);
                let init = x
                    .case
                    .initiative
                    .as_deref()
                    .filter(|i| !title.contains(i))
                    .map(|i| {
                        ws.initiative(i).map_or_else(
                            || clean_line(i),
                            |i| clean_line(&format!("{} {}", i.id, i.name)),
                        )
                    });
                vec![
                    clean_line(&x.case.id),
                    init.map_or_else(|| title.clone(), |i| format!("{title}\n{i}")),
                    date_text(x.date, lang),
                    x.decision
                        .map(|d| {
                            format!("{} ({})", clean_line(&d.id), source_text(&d.source, lang))
                        })
                        .unwrap_or_else(|| x.case.state.label(lang).to_string()),
                ]
            })
            .collect();
        b.table(
            &[
                b.t("Sag", "Case"),
                b.t("Afslutningsrapport", "Closing report"),
                b.t("Godkendt", "Approved"),
                b.t("Beslutning", "Decision"),
            ],
            rows,
        );
    }

    // Decisions per forum.
    b.section(Section::Decisions, texts);
    if a.decisions.is_empty() {
        b.p(b.t(
            "Ingen beslutninger er registreret i året.",
            "No decisions were recorded in the year.",
        ));
    } else {
        // One line per forum, readable in every format.
        let summary = a
            .decisions
            .iter()
            .map(|f| {
                let n = f.decisions.len();
                let meeting = f
                    .decisions
                    .iter()
                    .filter(|d| matches!(d.source, DecisionSource::Meeting { .. }))
                    .count();
                format!(
                    "{}: {n} {} ({meeting} {}, {} {})",
                    clean_line(&f.name),
                    if n == 1 {
                        b.t("beslutning", "decision")
                    } else {
                        b.t("beslutninger", "decisions")
                    },
                    b.t("på møder", "at meetings"),
                    n - meeting,
                    b.t("ved skriftlig høring", "by written consultation"),
                )
            })
            .collect();
        b.blocks.push(Block::List(summary));
        for f in &a.decisions {
            b.h(3, &f.name);
            let rows = f
                .decisions
                .iter()
                .map(|d| {
                    let about = [d.case.as_deref(), d.initiative.as_deref()]
                        .iter()
                        .flatten()
                        .map(|s| clean_line(s))
                        .collect::<Vec<_>>()
                        .join(", ");
                    vec![
                        clean_line(&d.id),
                        date_text(d.date, lang),
                        source_text(&d.source, lang),
                        about,
                        clean(&d.text).trim().to_string(),
                    ]
                })
                .collect();
            b.table(
                &[
                    b.t("Nr.", "No."),
                    b.t("Dato", "Date"),
                    b.t("Truffet", "Taken"),
                    b.t("Sag / initiativ", "Case / initiative"),
                    b.t("Beslutning", "Decision"),
                ],
                rows,
            );
        }
    }

    // Written consultations.
    b.section(Section::Consultations, texts);
    if a.consultations.is_empty() {
        b.p(b.t(
            "Der er ikke sendt skriftlige høringer i året.",
            "No written consultations were sent in the year.",
        ));
    } else {
        let rows = a
            .consultations
            .iter()
            .map(|c| {
                let forum = ws
                    .forum(&c.forum)
                    .map_or(c.forum.as_str(), |f| f.name.as_str());
                let replied = c
                    .replies
                    .iter()
                    .filter(|r| r.kind != ReplyKind::NoReply)
                    .count();
                let members = ws.forum(&c.forum).map_or(0, |f| f.members.len());
                let outcome = match (c.state, c.outcome) {
                    (_, Some(o)) => o.label(lang).to_string(),
                    (ConsultationState::Sent, None) => {
                        b.t("Afventer svar", "Awaiting replies").to_string()
                    }
                    (s, None) => s.label(lang).to_string(),
                };
                vec![
                    clean_line(&c.id),
                    format!("{}\n{}", clean_line(&c.subject), clean_line(forum)),
                    [
                        c.sent_date.map(|d| date_text(d, lang)),
                        c.deadline.map(|d| date_text(d.date(), lang)),
                    ]
                    .iter()
                    .flatten()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n"),
                    if members > 0 {
                        format!("{replied} {} {members}", b.t("af", "of"))
                    } else {
                        replied.to_string()
                    },
                    outcome,
                ]
            })
            .collect();
        b.table(
            &[
                b.t("Nr.", "No."),
                b.t("Emne og forum", "Subject and forum"),
                b.t("Sendt og svarfrist", "Sent and deadline"),
                b.t("Svar", "Replies"),
                b.t("Udfald", "Outcome"),
            ],
            rows,
        );
    }

    // Economy.
    b.section(Section::Economy, texts);
    if let Some(mq) = a.money_quarter {
        b.blocks.push(Block::Chart(Chart {
            title: format!(
                "{} {period}",
                b.t(
                    "Budget og forventet forbrug i alt pr. kvartal",
                    "Total budget and forecast per quarter"
                )
            ),
            kind: ChartKind::Lines,
            unit: b.t("mio. kr.", "DKK m").into(),
            label_heading: b.t("Kvartal", "Quarter").into(),
            labels: a.quarters.iter().map(|q| quarter_label(*q, lang)).collect(),
            series: vec![
                Series {
                    name: b.t("Budget", "Budget").into(),
                    tone: Tone::Blue,
                    values: a
                        .money
                        .iter()
                        .map(|m| (m.initiatives > 0).then_some(m.budget))
                        .collect(),
                },
                Series {
                    name: b.t("Forventet forbrug", "Forecast").into(),
                    tone: Tone::Red,
                    values: a
                        .money
                        .iter()
                        .map(|m| (m.initiatives > 0).then_some(m.forecast))
                        .collect(),
                },
                Series {
                    name: b.t("Forbrugt", "Spent").into(),
                    tone: Tone::Dark,
                    values: a
                        .money
                        .iter()
                        .map(|m| (m.initiatives > 0).then_some(m.spent))
                        .collect(),
                },
            ],
        }));
        b.h(
            3,
            &format!(
                "{} {}",
                b.t("Pr. ministerium,", "Per ministry,"),
                quarter_label(mq, lang)
            ),
        );
        let mut total = Money::default();
        let mut rows: Vec<Vec<String>> = vec![];
        let row = |name: String, m: &Money| {
            vec![
                name,
                m.initiatives.to_string(),
                number(m.budget, lang),
                number(m.forecast, lang),
                number(m.forecast - m.budget, lang),
                if m.budget > Decimal::ZERO {
                    number(
                        ((m.forecast - m.budget) * Decimal::from(100) / m.budget).round_dp(1),
                        lang,
                    )
                } else {
                    "–".into()
                },
            ]
        };
        for (name, m) in &a.ministries {
            total.initiatives += m.initiatives;
            total.budget += m.budget;
            total.forecast += m.forecast;
            total.spent += m.spent;
            rows.push(row(name.clone(), m));
        }
        rows.push(row(b.t("I alt", "Total").into(), &total));
        b.table(
            &[
                b.t("Ministerium", "Ministry"),
                b.t("Initiativer", "Initiatives"),
                b.t("Budget (mio. kr.)", "Budget (DKK m)"),
                b.t("Forventet forbrug (mio. kr.)", "Forecast (DKK m)"),
                b.t("Afvigelse (mio. kr.)", "Deviation (DKK m)"),
                b.t("Afvigelse (%)", "Deviation (%)"),
            ],
            rows,
        );
        if a.quarters.len() > 1 {
            b.h(
                3,
                b.t(
                    "Forventet forbrug over (+) eller under (−) budget pr. ministerium og kvartal (mio. kr.)",
                    "Forecast over (+) or under (−) budget per ministry and quarter (DKK m)",
                ),
            );
            let mut header = vec![b.t("Ministerium", "Ministry")];
            let labels: Vec<String> = a.quarters.iter().map(|q| quarter_label(*q, lang)).collect();
            header.extend(labels.iter().map(String::as_str));
            let rows = a
                .ministries_per_quarter
                .iter()
                .map(|(name, per)| {
                    let mut row = vec![name.clone()];
                    row.extend(per.iter().map(|m| {
                        if m.initiatives == 0 {
                            "–".to_string()
                        } else {
                            number(m.forecast - m.budget, lang)
                        }
                    }));
                    row
                })
                .collect();
            b.table(&header, rows);
        }
        b.p(b.t(
            "Summerne er over de initiativer, der har rapporteret for kvartalet. Forventet forbrug er initiativets prognose; uden prognose tælles budgettet med.",
            "The sums are over the initiatives that reported for the quarter. Forecast is the initiative's forecast; without one, its budget is counted.",
        ));
    } else {
        b.p(b.t(
            "Ingen statusrapporter med økonomi i året.",
            "No status reports with figures in the year.",
        ));
    }

    b.section(Section::Conclusion, texts);

    Ok(Document {
        lang,
        title,
        blocks: b.blocks,
    })
}

/// Where a decision was taken: "møde 2026-09-10-psg, punkt 5" / "skriftlig høring H-2026-01".
pub(super) fn source_text(s: &DecisionSource, lang: Language) -> String {
    match s {
        DecisionSource::Meeting { meeting, item } => format!(
            "{} {}, {} {item}",
            tr(lang, "møde", "meeting"),
            clean_line(meeting),
            tr(lang, "punkt", "item")
        ),
        DecisionSource::Consultation { consultation } => format!(
            "{} {}",
            tr(lang, "skriftlig høring", "written consultation"),
            clean_line(consultation)
        ),
    }
}

/// The page settings of the PDF: the title in the running header, the forums' secretariat as the
/// author, dated the last day of the year.
pub fn page(ws: &Workspace, doc: &Document, year: i32) -> super::super::typst::Page {
    let mut page = super::super::typst::Page::for_document(doc);
    page.author = ws
        .settings
        .default_forum
        .as_deref()
        .and_then(|f| ws.forum(f))
        .or(ws.forums.first())
        .map(|f| clean_line(&f.secretariat))
        .filter(|s| !s.is_empty());
    if Quarter::new(year, 4).is_some() {
        page.date = Some((year, 12, 31));
    }
    page
}

/// The default file name: `statusredegoerelse-2026.html` / `annual-status-2026.html`.
pub fn file_name(ws: &Workspace, year: i32, ext: &str) -> String {
    format!(
        "{}-{year}.{ext}",
        tr(ws.settings.language, "statusredegoerelse", "annual-status")
    )
}
