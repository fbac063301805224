//! The agenda builder's steps: cases from the ready list, and the agenda pack's files (PDF, exports).

use super::*;

/// Says why the agenda cannot change once the meeting is held.
pub(super) fn agenda_locked(app: &mut App, m: &Meeting) -> bool {
    if ops::agenda_editable(m).is_err() {
        app.flash(
            app.t(
                "Mødet er afholdt; dagsordenen kan ikke ændres ([b] skriver beslutningen).",
                "The meeting is held; the agenda cannot change ([b] writes the decision).",
            ),
            Tone::Error,
        );
        return true;
    }
    false
}

/// The ready cases for the meeting's forum: deviation-status cases of deviating initiatives first,
/// then other deviation-status cases, then the rest.
pub(super) fn ready_cases(app: &App, m: &Meeting) -> Vec<PickerItem> {
    let deviating = |init: &Option<String>| {
        init.as_deref().is_some_and(|i| {
            app.deviations
                .iter()
                .any(|d| d.id == i && d.category == Category::Deviating)
        })
    };
    let mut cases: Vec<(u8, &crate::model::Case)> = app
        .ws
        .cases
        .iter()
        .filter(|c| c.state == CaseState::Ready)
        .filter(|c| c.forum.as_deref().is_none_or(|f| f == m.forum))
        .filter(|c| !m.items.iter().any(|it| it.case.as_deref() == Some(&c.id)))
        .map(|c| {
            let rank = match (
                c.kind == CaseKind::DeviationStatus,
                deviating(&c.initiative),
            ) {
                (true, true) => 0,
                (true, false) => 1,
                _ => 2,
            };
            (rank, c)
        })
        .collect();
    cases.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    cases
        .into_iter()
        .map(|(rank, c)| {
            let tag = if rank == 0 {
                format!("[{}] ", app.t("afvigende", "deviating"))
            } else {
                String::new()
            };
            PickerItem::new(
                &c.id,
                &format!("{} {tag}{} ({})", c.id, c.title, c.kind.label(app.lang)),
            )
        })
        .collect()
}

pub(super) fn add_case(app: &mut App) {
    let Some((m, _)) = current(app) else {
        return;
    };
    if agenda_locked(app, &m) {
        return;
    }
    let items = ready_cases(app, &m);
    if items.is_empty() {
        app.flash(
            app.t(
                "Ingen sager er klar til dagsordenen (markér en sag klar med r på skærm 3).",
                "No cases are ready for the agenda (mark a case ready with r on screen 3).",
            ),
            Tone::Info,
        );
        return;
    }
    app.pick(
        app.t(
            "Tilføj sag (klar til dagsorden)",
            "Add case (ready for an agenda)",
        ),
        items,
        Intent::Meetings(MeetingsIntent::AddCase {
            meeting: m.id.clone(),
        }),
    );
}

/// Offers what `w` can write: the text files, a PDF of the agenda (the minutes once held), the
/// meeting pack (the agenda and every bilag as one PDF) and its public version.
pub(super) fn offer_exports(app: &mut App, id: &str) {
    let Some(m) = app.ws.meeting(id) else {
        return;
    };
    let doc = if held(m) {
        app.t("referatet", "the minutes")
    } else {
        app.t("dagsordenen", "the agenda")
    };
    let items = vec![
        PickerItem::new(
            "text",
            &format!(
                "{} {doc} ({})",
                app.t("Tekstfiler af", "Text files of"),
                if held(m) {
                    "md, html, txt"
                } else {
                    "md, html, txt, ics"
                }
            ),
        ),
        PickerItem::new("pdf", &format!("{} {doc}", app.t("PDF af", "PDF of"))),
        PickerItem::new(
            "pack",
            app.t(
                "Mødepakke: dagsorden og alle bilag som én PDF",
                "Meeting pack: the agenda and every bilag as one PDF",
            ),
        ),
        PickerItem::new(
            "pack-public",
            app.t(
                "Mødepakke, offentlig version (uden lukkede punkter)",
                "Meeting pack, public version (without closed items)",
            ),
        ),
    ];
    let title = app.t("Skriv til out/", "Write to out/");
    app.pick(
        title,
        items,
        Intent::Meetings(MeetingsIntent::Export { meeting: id.into() }),
    );
}

/// Writes the PDF of the agenda (or, once held, the minutes) to out/ and shows where.
pub(super) fn export_pdf(app: &mut App, id: &str) {
    let Some(m) = app.ws.meeting(id) else {
        return;
    };
    let doc = if held(m) {
        DocKind::Minutes
    } else {
        DocKind::Agenda
    };
    // In the workspace's language (the language of its content), dated today, as the text files.
    let opts = Options {
        today: Some(app.today),
        ..Options::default()
    };
    let name = export::file_name(&app.ws, doc, id, Format::Pdf, &opts);
    let result = export::output::write_formats(&app.store, &app.ws, doc, id, &[Format::Pdf], &opts)
        .pop()
        .map_or_else(|| Err(String::new()), |(_, r)| r);
    match result {
        Ok(path) => {
            let title = app.t("PDF skrevet", "PDF written");
            app.message_box(title, format!("{}", path.display()));
            app.flash(format!("out/{name}"), Tone::Success);
        }
        Err(e) => app.flash(e, Tone::Error),
    }
}

/// Writes the agenda (or, once the meeting is held, the minutes) in every format to out/ in the
/// workspace, with the default names, and shows where.
pub(super) fn export_files(app: &mut App, id: &str) {
    let Some(m) = app.ws.meeting(id) else {
        return;
    };
    let (doc, formats): (DocKind, &[Format]) = if held(m) {
        (DocKind::Minutes, &[Format::Md, Format::Html, Format::Txt])
    } else {
        (
            DocKind::Agenda,
            &[Format::Md, Format::Html, Format::Txt, Format::Ics],
        )
    };
    let root = app.store.root().to_path_buf();
    let opts = Options {
        today: Some(app.today),
        ..Options::default()
    };
    let mut written = vec![];
    let mut failed = vec![];
    for (fmt, res) in export::output::write_formats(&app.store, &app.ws, doc, id, formats, &opts) {
        let name = export::file_name(&app.ws, doc, id, fmt, &opts);
        match res {
            Ok(_) => written.push(format!("  out/{name}")),
            Err(e) => failed.push(format!("  {name}: {e}")),
        }
    }
    let what = match doc {
        DocKind::Minutes => app.t("Beslutningsreferatet", "The minutes"),
        _ => app.t("Dagsordenen", "The agenda"),
    };
    let mut text = format!(
        "{what} {}\n{}\n\n{}",
        app.t("er skrevet i arbejdsområdet", "is written in the workspace"),
        root.display(),
        written.join("\n")
    );
    if !failed.is_empty() {
        text.push_str(&format!(
            "\n\n{}\n{}",
            app.t("Kunne ikke skrives:", "Could not be written:"),
            failed.join("\n")
        ));
    }
    let title = app.t("Filer til udsendelse", "Files for distribution");
    app.message_box(title, text);
    if failed.is_empty() {
        app.flash(
            format!(
                "{} {}",
                written.len(),
                app.t("filer skrevet til out/.", "files written to out/.")
            ),
            Tone::Success,
        );
    } else {
        app.flash(
            app.t(
                "Nogle filer kunne ikke skrives.",
                "Some files could not be written.",
            ),
            Tone::Error,
        );
    }
}

// ----- forms submitted, confirmations, pickers -----
