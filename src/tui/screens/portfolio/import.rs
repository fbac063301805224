//! Importing status reports and master data: the form, the preview, and the import itself.

use super::*;

pub(super) fn dialect_text(d: &Dialect, l: Language) -> String {
    let enc = match d.encoding {
        SourceEncoding::Utf8 => "UTF-8",
        SourceEncoding::Utf8Bom => crate::i18n::tr(l, "UTF-8 med BOM", "UTF-8 with BOM"),
        SourceEncoding::Utf16Le => "UTF-16LE",
        SourceEncoding::Windows1252 => "Windows-1252",
    };
    let sep = match d.delimiter {
        b';' => crate::i18n::tr(l, "semikolon", "semicolon"),
        b',' => crate::i18n::tr(l, "komma", "comma"),
        _ => "tab",
    };
    let dec = if d.decimal_comma() {
        crate::i18n::tr(l, "decimalkomma", "decimal comma")
    } else {
        crate::i18n::tr(l, "decimalpunktum", "decimal point")
    };
    format!("{enc}, {sep}, {dec}")
}

/// The preview of a plan: the dialect, the counts, every warning, and what will be written.
pub(super) fn preview_text(app: &App, plan: &ImportPlan) -> String {
    let l = app.lang;
    let mut out = vec![
        format!(
            "{}: {}",
            app.t("Fil", "File"),
            crate::tui::text::safe_line(&plan.file)
        ),
        format!(
            "{}: {}",
            app.t("Format", "Format"),
            dialect_text(&plan.dialect, l)
        ),
        format!(
            "{}: {} — {} {}, {} {}, {} {}",
            app.t("Rækker", "Rows"),
            plan.rows.len(),
            plan.new,
            app.t(if plan.new == 1 { "ny" } else { "nye" }, "new"),
            plan.changed,
            app.t(
                if plan.changed == 1 {
                    "ændret"
                } else {
                    "ændrede"
                },
                "changed"
            ),
            plan.unchanged,
            app.t("uændrede", "unchanged"),
        ),
        format!(
            "{}: {}",
            app.t("Initiativer der skrives", "Initiatives to write"),
            plan.to_write().count()
        ),
    ];
    if !plan.warnings.is_empty() {
        out.push(String::new());
        out.push(format!(
            "{} ({}):",
            app.t("Advarsler", "Warnings"),
            plan.warnings.len()
        ));
        for w in &plan.warnings {
            out.push(format!("  {}", w.describe(app.lang)));
        }
    }
    let touched: Vec<_> = plan
        .rows
        .iter()
        .filter(|r| r.change != RowChange::Unchanged)
        .collect();
    if !touched.is_empty() {
        out.push(String::new());
        out.push(app.t("Ændringer:", "Changes:").to_string());
        const SHOWN: usize = 40;
        for r in touched.iter().take(SHOWN) {
            let name = app
                .ws
                .initiative(&r.id)
                .map(|i| i.name.clone())
                .or_else(|| {
                    plan.initiatives
                        .iter()
                        .find(|(i, _)| i.id == r.id)
                        .map(|(i, _)| i.name.clone())
                })
                .unwrap_or_default();
            let what = match (r.change, r.quarter) {
                (RowChange::New, Some(_)) => app.t("ny rapport", "new report"),
                (RowChange::New, None) => app.t("nyt initiativ", "new initiative"),
                (_, Some(_)) => app.t("ændret rapport", "changed report"),
                (_, None) => app.t("ændret stamdata", "changed master data"),
            };
            out.push(format!(
                "  {} {}{}: {what}",
                crate::tui::text::safe_line(&r.id),
                crate::tui::text::safe_line(&name),
                r.quarter
                    .map(|q| format!(", {}", q.label(app.lang)))
                    .unwrap_or_default(),
            ));
        }
        if touched.len() > SHOWN {
            out.push(format!(
                "  … {} {}",
                touched.len() - SHOWN,
                app.t("flere", "more")
            ));
        }
    }
    out.push(String::new());
    out.push(
        app.t("Intet er skrevet endnu.", "Nothing is written yet.")
            .to_string(),
    );
    out.join("\n")
}

/// After the path form: reads and plans the file, and shows the preview (or every problem).
pub(super) fn submit_import(
    app: &mut App,
    kind: ImportKind,
    form: &mut Form,
) -> Result<(), String> {
    let typed = form.text("path");
    let cwd = std::env::current_dir().unwrap_or_default();
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let tries = candidates(&typed, &cwd, &app.root(), home.as_deref());
    let Some(path) = resolve(&tries) else {
        let tried: Vec<String> = tries.iter().map(|p| p.display().to_string()).collect();
        form.set_error(
            "path",
            format!(
                "{} {}",
                app.t("findes ikke; prøvede", "not found; tried"),
                tried.join(", ")
            ),
        );
        return Err(app
            .t(
                "Filen findes ikke. Ret stien; intet er skrevet.",
                "The file does not exist. Fix the path; nothing is written.",
            )
            .into());
    };
    let label = typed.trim().to_string();
    let title = format!(
        "{} {}",
        app.t("Import:", "Import:"),
        crate::tui::text::safe_line(&label)
    );
    match plan_file(kind, &path, &label, &app.ws, app.lang) {
        Err(FileFailure::Read(msg)) => {
            form.set_error("path", msg.clone());
            Err(msg)
        }
        Err(FileFailure::Refused(problems)) => {
            let mut text = vec![
                format!(
                    "{} ({} {}):",
                    app.t("Filen kan ikke importeres", "The file cannot be imported"),
                    problems.len(),
                    if problems.len() == 1 {
                        app.t("problem", "problem")
                    } else {
                        app.t("problemer", "problems")
                    }
                ),
                String::new(),
            ];
            text.extend(problems.iter().map(|p| p.describe(app.lang)));
            text.push(String::new());
            text.push(
                app.t(
                    "Intet er skrevet. Ret filen og importér igen.",
                    "Nothing was written. Fix the file and import again.",
                )
                .into(),
            );
            app.message_box(&title, text.join("\n"));
            app.flash(
                app.t(
                    "Filen blev afvist; intet er skrevet.",
                    "The file was refused; nothing was written.",
                ),
                Tone::Error,
            );
            Ok(())
        }
        Ok((plan, print)) => {
            if plan.to_write().next().is_none() {
                app.message_box(
                    &title,
                    format!(
                        "{}\n\n{}",
                        preview_text(app, &plan)
                            .lines()
                            .take(4)
                            .collect::<Vec<_>>()
                            .join("\n"),
                        app.t(
                            "Intet at importere: alt i filen er der allerede.",
                            "Nothing to import: everything in the file is there already."
                        )
                    ),
                );
                return Ok(());
            }
            let question = format!(
                "{} {} ({} {}, {} {}) {} {}? {}",
                app.t("Importér", "Import"),
                count(app, plan.rows.len(), ("række", "row"), ("rækker", "rows")),
                plan.new,
                app.t(if plan.new == 1 { "ny" } else { "nye" }, "new"),
                plan.changed,
                app.t(
                    if plan.changed == 1 {
                        "ændret"
                    } else {
                        "ændrede"
                    },
                    "changed"
                ),
                app.t("i", "into"),
                count(
                    app,
                    plan.to_write().count(),
                    ("initiativ", "initiative"),
                    ("initiativer", "initiatives")
                ),
                app.t(
                    "Enter importerer ([u] fortryder); Esc lukker uden at importere.",
                    "Enter imports ([u] undoes it); Esc closes without importing."
                )
            );
            let text = format!("{}\n{question}", preview_text(app, &plan));
            app.preview_box(
                app.t("Forhåndsvisning af importen", "Import preview"),
                text,
                Intent::Portfolio(PortfolioIntent::Import {
                    kind,
                    path,
                    label,
                    print,
                }),
            );
            Ok(())
        }
    }
}

/// After the preview was confirmed: plans the same file again and writes it as one undoable edit.
pub(super) fn do_import(
    app: &mut App,
    kind: ImportKind,
    path: &std::path::Path,
    label: &str,
    print: u64,
) {
    let plan = match plan_file(kind, path, label, &app.ws, app.lang) {
        Ok((plan, p)) if p == print => plan,
        Ok(_) => {
            app.flash(
                app.t(
                    "Filen er ændret siden forhåndsvisningen; intet er skrevet. Importér igen.",
                    "The file changed since the preview; nothing was written. Import again.",
                ),
                Tone::Error,
            );
            return;
        }
        Err(FileFailure::Read(m)) => {
            app.flash(m, Tone::Error);
            return;
        }
        Err(FileFailure::Refused(ps)) => {
            app.message_box(
                label,
                ps.iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            return;
        }
    };
    let changes = plan.changes();
    if changes.is_empty() {
        return;
    }
    if app.commit(changes, &format!("imported {label}")).is_err() {
        return;
    }
    let open = with_open_case(app);
    let without = app
        .deviations
        .iter()
        .filter(|d| d.category == Category::Deviating && !open.contains(d.id.as_str()))
        .count();
    app.flash(
        format!(
            "{}: {} {}, {} {} · {}: {without} · {}",
            app.t("Importeret", "Imported"),
            plan.new,
            app.t(if plan.new == 1 { "ny" } else { "nye" }, "new"),
            plan.changed,
            app.t(
                if plan.changed == 1 {
                    "ændret"
                } else {
                    "ændrede"
                },
                "changed"
            ),
            app.t("afvigende uden sag", "deviating without a case"),
            app.t("[u] fortryder", "[u] undoes it"),
        ),
        Tone::Success,
    );
}
