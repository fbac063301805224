//! Forums ("fora"): the steering group, the group above it and the committees beside it, with their
//! members and rules. Reached with `F` or the palette (it is not one of the six daily screens).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

use super::common::{Page, cell};
use crate::i18n::Label;
use crate::model::ids::slug;
use crate::model::{AnyRecord, Extra, Forum, ItemKind, Member, StandardItem};
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form, RefKind};
use crate::tui::intent::{ForumsIntent, Intent};
use crate::tui::keymap::{Binding, DELETE, EDIT, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::render::draw_list;
use crate::tui::theme::Theme;

mod detail;
mod forms;
mod input;
mod intents;
mod keys;
mod list;
pub use detail::*;
pub use forms::*;
pub use input::*;
pub use intents::*;
pub use keys::*;
pub use list::*;

/// A row of the open forum's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Member(usize),
    Item(usize),
}

/// The rows of a forum, in cursor order: members, then standard items.
fn rows(fo: &Forum) -> Vec<Row> {
    (0..fo.members.len())
        .map(Row::Member)
        .chain((0..fo.standard_items.len()).map(Row::Item))
        .collect()
}

/// The open forum and the row under the cursor.
fn open_row(app: &App) -> Option<(Forum, Option<Row>)> {
    let d = app.view_of(ScreenId::Forums).detail.as_ref()?;
    let fo = app.ws.forum(&d.id)?.clone();
    let row = rows(&fo).get(d.cursor).copied();
    Some((fo, row))
}

pub fn detail_len(app: &App) -> usize {
    open_row(app).map_or(0, |(fo, _)| rows(&fo).len())
}

/// The forums screen: a forum's page selects its member and standard-item rows.
pub struct Forums;

impl super::Screen for Forums {
    fn model(&self, app: &App) -> ListModel {
        model(app)
    }
    fn keys(&self, detail: bool) -> &'static [Binding] {
        keys(detail)
    }
    fn render(&self, app: &App, f: &mut Frame, area: Rect) {
        render(app, f, area)
    }
    fn update(&self, app: &mut App, a: Action) -> bool {
        update(app, a)
    }
    fn detail_len(&self, app: &App) -> usize {
        detail_len(app)
    }
}

#[cfg(test)]
mod tests;
