//! Portfolio ("portefølje"): the initiatives with their status for the current quarter (sortable,
//! filterable by category, searchable), an initiative's master data, status history and the cases,
//! meetings and decisions about it; a case from a deviating initiative; closing an initiative; and
//! CSV import of initiatives and status reports, previewed before anything is written.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;

use super::common::{Page, cell, opt_date, short_date, span};
use crate::i18n::Label;
use crate::import::file::{FileFailure, candidates, plan_file, resolve};
use crate::import::{Dialect, ImportKind, ImportPlan, RowChange, SourceEncoding};
use crate::model::{
    AnyRecord, Initiative, Language, Lifecycle, Quarter, Rag, RecordKind, natural_cmp,
};
use crate::rules::deviation::{
    Category, Deviation, Trend, deviations, forecast_deviation_percent, trend,
};
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form};
use crate::tui::input_parse::format_date;
use crate::tui::intent::{Intent, PortfolioIntent};
use crate::tui::keymap::{Binding, DELETE, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::render::draw_list;
use crate::tui::theme::Theme;
use ratatui::style::Style;

mod detail;
mod economy;
mod forms;
mod import;
mod input;
mod intents;
mod keys;
mod list;
pub use detail::*;
pub use economy::{ECONOMY_KEYS, EconomyView};
pub use forms::*;
use import::*;
pub use input::*;
pub use intents::*;
pub use keys::*;
pub use list::*;

/// The portfolio screen: an initiative's page selects its status reports and related records.
pub struct Portfolio;

impl super::Screen for Portfolio {
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
