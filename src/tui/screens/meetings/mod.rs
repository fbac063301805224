//! Meetings ("møder"): the list; a meeting with its agenda (the agenda builder: cases from a
//! picker, items, order, times, attachments, dispatch and revised versions); the minutes
//! (attendance, decisions with the standard formulas, action items, approval and reopening); and
//! the files for distribution.
//!
//! The open meeting's cursor stands on its parts: every agenda item, and under an item its action
//! items (once the meeting is held) and, under "Opfølgning på beslutninger", the open action items
//! of earlier meetings. [`parts`] lists them; rendering and the keys both read it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::cases::{attachments_text, parse_attachments, snake, unsnake};
use super::common::{Page, cell, long_date, short_date, span};
use crate::export::{self, DocKind, Format, Options};
use crate::i18n::Label;
use crate::model::{
    ActionItem, AgendaItem, AnyRecord, Attendance, AttendanceKind, CaseKind, CaseState, ItemKind,
    Meeting, MeetingState, RecordKind,
};
use crate::ops::meeting as ops;
use crate::rules::deviation::Category;
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, Detail, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form, RefKind};
use crate::tui::input_parse::{format_date, format_time};
use crate::tui::intent::{Intent, MeetingsIntent};
use crate::tui::keymap::{Binding, DELETE, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::popup::PickerItem;
use crate::tui::render::draw_list;
use crate::tui::text::{safe_block, safe_line, str_width, truncate};
use crate::tui::theme::Theme;

mod agenda;
mod detail;
mod forms;
mod input;
mod intents;
mod keys;
mod list;
mod minutes;
use agenda::*;
pub use detail::*;
pub use forms::*;
pub use input::*;
pub use intents::*;
pub use keys::*;
pub use list::*;
use minutes::*;

/// A part of the open meeting the cursor can stand on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Agenda item (0-based).
    Item(usize),
    /// An action item: the meeting it was recorded at, its agenda item and its place there.
    Action {
        meeting: String,
        item: usize,
        index: usize,
    },
}

/// The open action items of earlier meetings, listed under the follow-up item.
fn follow_ups(app: &App, m: &Meeting) -> Vec<ops::FollowUp> {
    ops::follow_up_list(&app.ws, app.today, false)
        .into_iter()
        .filter(|f| f.meeting != m.id && f.meeting_date < m.date)
        .collect()
}

fn held(m: &Meeting) -> bool {
    matches!(m.state, MeetingState::Held | MeetingState::Approved)
}

/// Every part of the meeting, in the order shown.
pub fn parts(app: &App, m: &Meeting) -> Vec<Part> {
    let mut out = vec![];
    let earlier = follow_ups(app, m);
    for (i, it) in m.items.iter().enumerate() {
        out.push(Part::Item(i));
        if it.follow_up {
            out.extend(earlier.iter().map(|f| Part::Action {
                meeting: f.meeting.clone(),
                item: f.item,
                index: f.index,
            }));
        }
        if held(m) {
            out.extend((0..it.minutes.action_items.len()).map(|k| Part::Action {
                meeting: m.id.clone(),
                item: i,
                index: k,
            }));
        }
    }
    out
}

fn open_meeting(app: &App) -> Option<(&Detail, &Meeting)> {
    let d = app.view_of(ScreenId::Meetings).detail.as_ref()?;
    Some((d, app.ws.meeting(&d.id)?))
}

pub fn detail_len(app: &App) -> usize {
    open_meeting(app).map_or(0, |(_, m)| parts(app, m).len())
}

/// The meetings screen: a meeting's page selects its agenda items and action items ([`parts`]).
pub struct Meetings;

impl super::Screen for Meetings {
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

/// Puts the cursor on `part` (when it is there).
pub fn focus(app: &mut App, part: &Part) {
    let Some((_, m)) = open_meeting(app) else {
        return;
    };
    let ps = parts(app, m);
    if let Some(i) = ps.iter().position(|p| p == part)
        && let Some(d) = &mut app.view_of_mut(ScreenId::Meetings).detail
    {
        d.cursor = i;
    }
}

/// Keeps the cursor within the parts after a change.
fn clamp_cursor(app: &mut App) {
    let n = detail_len(app);
    if let Some(d) = &mut app.view_of_mut(ScreenId::Meetings).detail {
        d.cursor = d.cursor.min(n.saturating_sub(1));
    }
}

// ----- rendering -----

#[cfg(test)]
mod tests;
