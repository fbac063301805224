//! What a confirm or a picker on the forums screen leads to (`confirmed`, `picked`).

use super::*;

pub fn confirmed(app: &mut App, i: ForumsIntent) {
    let (forum, index, member) = match i {
        ForumsIntent::RemoveMember { forum, index } => (forum, index, true),
        ForumsIntent::RemoveItem { forum, index } => (forum, index, false),
        // Forms, not confirmations.
        ForumsIntent::Edit { .. } | ForumsIntent::Member { .. } | ForumsIntent::Item { .. } => {
            return;
        }
    };
    let Some(mut fo) = app.ws.forum(&forum).cloned() else {
        return;
    };
    if member && index < fo.members.len() {
        fo.members.remove(index);
    } else if !member && index < fo.standard_items.len() {
        fo.standard_items.remove(index);
    } else {
        return;
    }
    if app
        .commit(vec![Change::Update(AnyRecord::Forum(fo))], "removed a row")
        .is_ok()
    {
        app.flash(
            app.t(
                "Rækken er fjernet ([u] fortryder).",
                "The row is removed ([u] undoes it).",
            ),
            Tone::Success,
        );
    }
}

/// The forums screen opens no pickers of its own (a form's reference fields are the app's).
pub fn picked(_app: &mut App, i: ForumsIntent, _id: &str) {
    match i {
        ForumsIntent::Edit { .. }
        | ForumsIntent::Member { .. }
        | ForumsIntent::Item { .. }
        | ForumsIntent::RemoveMember { .. }
        | ForumsIntent::RemoveItem { .. } => {}
    }
}
