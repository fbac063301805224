//! The bilag of a case or an agenda item, from the case screen and the meeting's agenda: the list
//! (a picker), attach a file (a path with Tab completion, copied into bilag/<owner>/), rename and
//! remove (after a confirmation). The screens route their `picked`/`submit`/`confirmed` here when
//! the purpose starts with "bilag".

use crate::model::AnyRecord;
use crate::ops::bilag::{self, Changed, Owner};
use crate::store::Change;
use crate::store::bilag as files;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form};
use crate::tui::popup::{Pending, PickerItem};

/// "case:S-2026-001" or "item:2026-12-03-psg:4" (the item's index).
pub fn target(owner: &Owner) -> String {
    match owner {
        Owner::Case(id) => format!("case:{id}"),
        Owner::Item(m, i) => format!("item:{m}:{i}"),
    }
}

fn owner_of(target: &str) -> Option<Owner> {
    if let Some(id) = target.strip_prefix("case:") {
        return Some(Owner::Case(id.to_string()));
    }
    let rest = target.strip_prefix("item:")?;
    let (m, i) = rest.rsplit_once(':')?;
    Some(Owner::Item(m.to_string(), i.parse().ok()?))
}

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
pub fn open(app: &mut App, screen: ScreenId, owner: Owner) {
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
    app.pick(
        &title,
        items,
        Pending::new(screen, "bilag", &target(&owner)),
    );
}

fn attach_form(app: &App, screen: ScreenId, owner: &Owner) -> Form {
    Form::new(
        &format!(
            "{} – {}",
            app.t("Vedhæft bilag", "Attach bilag"),
            owner_name(app, owner)
        ),
        App::purpose(screen, "bilag-attach", Some(&target(owner))),
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
pub fn picked(app: &mut App, screen: ScreenId, p: &Pending, id: &str) {
    let Some(owner) = owner_of(p.target.split('#').next().unwrap_or("")) else {
        return;
    };
    match p.what.as_str() {
        "bilag" if id == "attach" => {
            let f = attach_form(app, screen, &owner);
            app.open_form(f);
        }
        "bilag" => {
            let items = vec![
                PickerItem::new("rename", app.t("Omdøb", "Rename")),
                PickerItem::new("remove", app.t("Fjern fra listen", "Remove from the list")),
            ];
            let title = app.t("Bilag", "Bilag").to_string();
            app.pick(
                &title,
                items,
                Pending::new(screen, "bilag-act", &format!("{}#{id}", target(&owner))),
            );
        }
        "bilag-act" => {
            let Some(index) = p
                .target
                .split('#')
                .nth(1)
                .and_then(|i| i.parse::<usize>().ok())
            else {
                return;
            };
            let Some(a) = bilag::list(&app.ws, &owner).get(index).cloned() else {
                return;
            };
            if id == "rename" {
                let f = Form::new(
                    app.t("Omdøb bilag", "Rename bilag"),
                    App::purpose(screen, "bilag-rename", Some(&p.target)),
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
                app.confirm(&text, Pending::new(screen, "bilag-remove", &p.target));
            }
        }
        _ => {}
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
pub fn submit(app: &mut App, form: &mut Form) -> Result<(), String> {
    let target = form.purpose.target.clone().unwrap_or_default();
    let owner =
        owner_of(target.split('#').next().unwrap_or("")).ok_or_else(|| super::common::gone(app))?;
    match form.purpose.what.as_str() {
        "bilag-attach" => {
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
        "bilag-rename" => {
            let index = target
                .split('#')
                .nth(1)
                .and_then(|i| i.parse::<usize>().ok())
                .ok_or_else(|| super::common::gone(app))?;
            let changed = bilag::rename(&app.ws, &owner, index, &form.text("title"))
                .map_err(|e| e.message(app.lang))?;
            commit(app, changed, "bilag renamed")?;
            Ok(())
        }
        _ => Ok(()),
    }
}

/// A bilag confirmation answered yes.
pub fn confirmed(app: &mut App, p: &Pending) {
    if p.what != "bilag-remove" {
        return;
    }
    let Some(owner) = owner_of(p.target.split('#').next().unwrap_or("")) else {
        return;
    };
    let Some(index) = p
        .target
        .split('#')
        .nth(1)
        .and_then(|i| i.parse::<usize>().ok())
    else {
        return;
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
