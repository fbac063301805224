//! The forums screen's keys in action: `update` on the list or the open forum's rows, and the
//! forum from the template.

use super::*;

pub fn update(app: &mut App, a: Action) -> bool {
    let detail = app.view_of(ScreenId::Forums).detail.is_some();
    match a {
        Action::New if !detail => {
            let f = forum_form(app, &Forum::new("", "", ""), None);
            app.open_form(f);
        }
        Action::Edit if !detail => {
            let Some(fo) = app.current_id().and_then(|id| app.ws.forum(&id).cloned()) else {
                return true;
            };
            let f = forum_form(app, &fo, Some(&fo.id));
            app.open_form(f);
        }
        Action::ForumFromTemplate if !detail => from_template(app),
        Action::EditMeeting if detail => {
            if let Some((fo, _)) = open_row(app) {
                let f = forum_form(app, &fo, Some(&fo.id));
                app.open_form(f);
            }
        }
        Action::Edit | Action::Open if detail => match open_row(app) {
            Some((fo, Some(Row::Member(i)))) => {
                if let Some(m) = fo.members.get(i) {
                    let f = member_form(app, &fo.id, Some(i), m);
                    app.open_form(f);
                }
            }
            Some((fo, Some(Row::Item(i)))) => {
                if let Some(it) = fo.standard_items.get(i) {
                    let f = item_form(app, &fo.id, Some(i), it);
                    app.open_form(f);
                }
            }
            _ => app.flash(
                app.t(
                    "Ingen rækker endnu: [a] tilføjer et medlem, [p] et standardpunkt.",
                    "No rows yet: [a] adds a member, [p] a standard item.",
                ),
                Tone::Info,
            ),
        },
        Action::AddMember if detail => {
            if let Some((fo, _)) = open_row(app) {
                let m = Member {
                    id: String::new(),
                    authority: String::new(),
                    representative: String::new(),
                    email: String::new(),
                    extra: Extra::new(),
                };
                let f = member_form(app, &fo.id, None, &m);
                app.open_form(f);
            }
        }
        Action::AddStandardItem if detail => {
            if let Some((fo, _)) = open_row(app) {
                let it = StandardItem {
                    kind: ItemKind::Information,
                    minutes: 5,
                    ..StandardItem::default()
                };
                let f = item_form(app, &fo.id, None, &it);
                app.open_form(f);
            }
        }
        Action::RemoveItem if detail => {
            let Some((fo, Some(row))) = open_row(app) else {
                return true;
            };
            let name = match row {
                Row::Member(i) => fo.members.get(i).map(|m| m.authority.clone()),
                Row::Item(i) => fo.standard_items.get(i).map(|x| x.title.clone()),
            }
            .unwrap_or_default();
            let forum = fo.id.clone();
            let then = match row {
                Row::Member(index) => ForumsIntent::RemoveMember { forum, index },
                Row::Item(index) => ForumsIntent::RemoveItem { forum, index },
            };
            app.confirm(
                &format!(
                    "{} »{}«? {}",
                    app.t("Fjern", "Remove"),
                    crate::tui::text::safe_line(&name),
                    app.t("(j/n; [u] fortryder)", "(y/n; [u] undoes it)")
                ),
                Intent::Forums(then),
            );
        }
        Action::MoveUp | Action::MoveDown if detail => {
            let up = a == Action::MoveUp;
            let Some((mut fo, Some(row))) = open_row(app) else {
                return true;
            };
            let (len, i) = match row {
                Row::Member(i) => (fo.members.len(), i),
                Row::Item(i) => (fo.standard_items.len(), i),
            };
            let j = if up { i.checked_sub(1) } else { Some(i + 1) };
            let Some(j) = j.filter(|&j| j < len) else {
                return true;
            };
            match row {
                Row::Member(_) => fo.members.swap(i, j),
                Row::Item(_) => fo.standard_items.swap(i, j),
            }
            if app
                .commit(vec![Change::Update(AnyRecord::Forum(fo))], "moved a row")
                .is_ok()
                && let Some(d) = &mut app.view_of_mut(ScreenId::Forums).detail
            {
                d.cursor = if up { d.cursor - 1 } else { d.cursor + 1 };
            }
        }
        _ => return false,
    }
    true
}

/// Creates Porteføljestyregruppen from the template and makes it the default forum of new cases
/// when there is none.
pub(super) fn from_template(app: &mut App) {
    let fo = crate::demo::first_forum_template();
    if app.ws.forum(&fo.id).is_some() {
        app.flash(
            format!(
                "{} ({}) {}",
                fo.name,
                fo.id,
                app.t("findes allerede.", "exists already.")
            ),
            Tone::Info,
        );
        return;
    }
    let id = fo.id.clone();
    if app
        .commit(
            vec![Change::Create(AnyRecord::Forum(fo))],
            "created from the template",
        )
        .is_err()
    {
        return;
    }
    if app.ws.settings.default_forum.is_none() {
        let mut settings = app.ws.settings.clone();
        settings.default_forum = Some(id.clone());
        match app.store.save_settings(&mut settings, "default forum") {
            Ok(()) => app.ws.settings = settings,
            Err(e) => {
                app.flash(app.store_message(&e), Tone::Error);
                return;
            }
        }
    }
    app.open_record(crate::model::RecordKind::Forum, &id);
    app.flash(
        app.t(
            "Porteføljestyregruppen er oprettet og er forum for nye sager; [e] på et medlem udfylder repræsentant og e-mail.",
            "Porteføljestyregruppen is created and is the forum of new cases; [e] on a member fills in representative and e-mail.",
        ),
        Tone::Success,
    );
}
