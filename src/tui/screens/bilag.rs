//! The bilag of a case or an agenda item, from the case screen and the meeting's agenda: the list
//! (a picker), attach a file (a path with Tab completion, copied into bilag/<owner>/), rename and
//! remove (after a confirmation). `Intent::Bilag` is routed here (screens/mod.rs).

use crate::model::AnyRecord;
use crate::ops::bilag::{self, Changed, Owner};
use crate::store::Change;
use crate::store::bilag as files;
use crate::tui::app::{App, Tone};
use crate::tui::form::{Field, FieldKind, Form};
use crate::tui::intent::{BilagIntent, Intent};
use crate::tui::popup::PickerItem;

fn owner_name(app: &App, owner: &Owner) -> String {
    match owner {
        Owner::Case(id) => format!("{} {id}", app.t("sag", "case")),
        Owner::Item(m, i) => format!("{} {} ({m})", app.t("punkt", "item"), i + 1),
    }
}

fn size_text(size: Option<u64>) -> String {
    match size {
        Some(b) if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        Some(b) if b >= 1024 => format!("{} kB", b / 1024),
        Some(b) => format!("{b} B"),
        None => String::new(),
    }
}

/// Opens the bilag list of `owner`: attach a new one, or pick one to rename or remove.
pub fn open(app: &mut App, owner: Owner) {
    let list = bilag::list(&app.ws, &owner);
    let mut items = vec![PickerItem::new(
        "attach",
        app.t("+ Vedhæft en fil …", "+ Attach a file …"),
    )];
    for (i, a) in list.iter().enumerate() {
        let file = if a.path.is_empty() {
            app.t("(ingen fil)", "(no file)").to_string()
        } else {
            a.path.rsplit('/').next().unwrap_or(&a.path).to_string()
        };
        let size = size_text(a.size);
        let size = if size.is_empty() {
            String::new()
        } else {
            format!("  ·  {size}")
        };
        items.push(PickerItem::new(
            &i.to_string(),
            &format!("{}. {}{size}  ·  {file}", i + 1, a.title),
        ));
    }
    let title = format!("{} – {}", app.t("Bilag", "Bilag"), owner_name(app, &owner));
    app.pick(&title, items, Intent::Bilag(BilagIntent::List { owner }));
}

fn attach_form(app: &App, owner: Owner) -> Form {
    Form::new(
        &format!(
            "{} – {}",
            app.t("Vedhæft bilag", "Attach bilag"),
            owner_name(app, &owner)
        ),
        Intent::Bilag(BilagIntent::Attach { owner }),
        vec![
            Field::new(
                "file",
                app.t("Fil (Tab fuldfører)", "File (Tab completes)"),
                FieldKind::Path,
                "",
            )
            .required(),
            Field::new(
                "title",
                app.t("Titel (tom: filnavnet)", "Title (empty: the file name)"),
                FieldKind::Text,
                "",
            ),
        ],
    )
}

/// A choice in one of the bilag pickers.
pub fn picked(app: &mut App, i: BilagIntent, id: &str) {
    match i {
        BilagIntent::List { owner } if id == "attach" => {
            let f = attach_form(app, owner);
            app.open_form(f);
        }
        BilagIntent::List { owner } => {
            let Ok(index) = id.parse::<usize>() else {
                return;
            };
            let items = vec![
                PickerItem::new("rename", app.t("Omdøb", "Rename")),
                PickerItem::new("remove", app.t("Fjern fra listen", "Remove from the list")),
            ];
            let title = app.t("Bilag", "Bilag").to_string();
            app.pick(
                &title,
                items,
                Intent::Bilag(BilagIntent::Act { owner, index }),
            );
        }
        BilagIntent::Act { owner, index } => {
            let Some(a) = bilag::list(&app.ws, &owner).get(index).cloned() else {
                return;
            };
            if id == "rename" {
                let f = Form::new(
                    app.t("Omdøb bilag", "Rename bilag"),
                    Intent::Bilag(BilagIntent::Rename { owner, index }),
                    vec![
                        Field::new("title", app.t("Titel", "Title"), FieldKind::Text, &a.title)
                            .required(),
                    ],
                );
                app.open_form(f);
            } else {
                let text = format!(
                    "{} \"{}\"?\n{}",
                    app.t("Fjern bilaget", "Remove the bilag"),
                    a.title,
                    app.t(
                        "Filen bliver i arbejdsområdet; u fortryder.",
                        "The file stays in the workspace; u undoes."
                    )
                );
                app.confirm(&text, Intent::Bilag(BilagIntent::Remove { owner, index }));
            }
        }
        // Forms and a confirmation, not pickers.
        BilagIntent::Attach { .. } | BilagIntent::Rename { .. } | BilagIntent::Remove { .. } => {}
    }
}

/// Saves the change; says so when it started a revised agenda (and returns true then).
fn commit(app: &mut App, changed: Changed, summary: &str) -> Result<bool, String> {
    let (change, revised) = match changed {
        Changed::Case(c) => (Change::Update(AnyRecord::Case(c)), None),
        Changed::Meeting(m, revised) => {
            let v = m.agenda_version;
            (Change::Update(AnyRecord::Meeting(m)), revised.then_some(v))
        }
    };
    app.commit(vec![change], summary)?;
    if let Some(v) = revised {
        app.flash(
            format!(
                "{} {v}; {}",
                app.t(
                    "Dagsordenen var udsendt: ændringen giver revideret dagsorden, version",
                    "The agenda had been dispatched: the change makes a revised agenda, version"
                ),
                app.t("udsend den igen.", "dispatch it again.")
            ),
            Tone::Info,
        );
    }
    Ok(revised.is_some())
}

/// A bilag form saved.
pub fn submit(app: &mut App, i: BilagIntent, form: &mut Form) -> Result<(), String> {
    match i {
        BilagIntent::Attach { owner } => {
            // Check the record first, so that nothing is copied for a refused attach.
            bilag::add(
                &app.ws,
                &owner,
                crate::model::Attachment::new("x", "bilag/x"),
            )
            .map_err(|e| e.message(app.lang))?;
            let file = form.text("file");
            let path = if let Some(rest) = file.strip_prefix("~/") {
                std::env::var_os("HOME")
                    .map(std::path::PathBuf::from)
                    .unwrap_or_default()
                    .join(rest)
            } else {
                std::env::current_dir().unwrap_or_default().join(&file)
            };
            let title = form.opt_text("title");
            let a = files::copy_in(app.store.root(), owner.folder(), &path, title.as_deref())
                .map_err(|e| e.to_string())?;
            let changed = bilag::add(&app.ws, &owner, a.clone()).map_err(|e| e.message(app.lang));
            let revised = match changed.and_then(|c| commit(app, c, "bilag attached")) {
                Ok(r) => r,
                Err(e) => {
                    files::remove_copy(app.store.root(), &a);
                    return Err(e);
                }
            };
            if !revised {
                app.flash(
                    format!("{} {}", app.t("Vedhæftet:", "Attached:"), a.path),
                    Tone::Success,
                );
            }
            Ok(())
        }
        BilagIntent::Rename { owner, index } => {
            let changed = bilag::rename(&app.ws, &owner, index, &form.text("title"))
                .map_err(|e| e.message(app.lang))?;
            commit(app, changed, "bilag renamed")?;
            Ok(())
        }
        // Pickers and a confirmation, not forms.
        BilagIntent::List { .. } | BilagIntent::Act { .. } | BilagIntent::Remove { .. } => Ok(()),
    }
}

/// A bilag confirmation answered yes.
pub fn confirmed(app: &mut App, i: BilagIntent) {
    let (owner, index) = match i {
        BilagIntent::Remove { owner, index } => (owner, index),
        // Pickers and forms, not confirmations.
        BilagIntent::List { .. }
        | BilagIntent::Act { .. }
        | BilagIntent::Attach { .. }
        | BilagIntent::Rename { .. } => return,
    };
    let result = bilag::remove(&app.ws, &owner, index)
        .map_err(|e| e.message(app.lang))
        .and_then(|c| commit(app, c, "bilag removed"));
    match result {
        Ok(true) => {}
        Ok(false) => app.flash(
            app.t("Bilaget er fjernet.", "The bilag is removed."),
            Tone::Success,
        ),
        Err(e) => app.flash(e, Tone::Error),
    }
}
