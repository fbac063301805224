//! The screens. Each module owns its list rows, its key table, its detail view, and what its
//! actions, forms, confirmations and pickers do; this module routes to them.
//!
//! A screen is a unit struct implementing [`Screen`] (its list, keys, page, actions and how many
//! selectable parts its open record has); [`screen`] gives the one for a [`ScreenId`]. What a
//! form, a confirmation or a picker leads to is an [`Intent`]: [`submit`], [`confirmed`] and
//! [`picked`] route it by its variant to the module that owns it (`submit(app, i, form)`,
//! `confirmed(app, i)`, `picked(app, i, id)`), and each matches its own intents exhaustively.

pub mod bilag;
pub mod cases;
pub mod common;
pub mod consultations;
pub mod decisions;
pub mod follow_up;
pub mod forums;
pub mod meetings;
pub mod overview;
pub mod portfolio;
pub mod search;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::{App, ScreenId};
use super::form::Form;
use super::intent::{AppIntent, Intent};
use super::keymap::Binding;
use super::list::ListModel;

/// One screen of the TUI.
pub trait Screen: Sync {
    /// The rows of its list.
    fn model(&self, app: &App) -> ListModel;
    /// Its key table: the list's, or the open record's (`detail`).
    fn keys(&self, detail: bool) -> &'static [Binding];
    /// The list, or the open record.
    fn render(&self, app: &App, f: &mut Frame, area: Rect);
    /// Carries out an action of its own; false when it is not one (the app's keys then).
    fn update(&self, _app: &mut App, _a: Action) -> bool {
        false
    }
    /// How many selectable parts the open record has (none: the page scrolls).
    fn detail_len(&self, _app: &App) -> usize {
        0
    }
}

/// The screen `id`.
pub fn screen(id: ScreenId) -> &'static dyn Screen {
    match id {
        ScreenId::Overview => &overview::Overview,
        ScreenId::Portfolio => &portfolio::Portfolio,
        ScreenId::Cases => &cases::Cases,
        ScreenId::Meetings => &meetings::Meetings,
        ScreenId::Consultations => &consultations::Consultations,
        ScreenId::Decisions => &decisions::Decisions,
        ScreenId::Forums => &forums::Forums,
        ScreenId::FollowUp => &follow_up::FollowUpList,
    }
}

pub fn model(app: &App, s: ScreenId) -> ListModel {
    screen(s).model(app)
}

pub fn keys(s: ScreenId, detail: bool) -> &'static [Binding] {
    screen(s).keys(detail)
}

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    screen(app.screen).render(app, f, area)
}

pub fn update(app: &mut App, a: Action) -> bool {
    screen(app.screen).update(app, a)
}

pub fn detail_len(app: &App) -> usize {
    screen(app.screen).detail_len(app)
}

/// A form saved (its fields valid): what it was opened for.
pub fn submit(app: &mut App, form: &mut Form) -> Result<(), String> {
    match form.intent.clone() {
        // The app opens no forms of its own.
        Intent::App(
            AppIntent::Quit
            | AppIntent::QuitAnyway
            | AppIntent::DiscardForm
            | AppIntent::SearchAll
            | AppIntent::FillField { .. }
            | AppIntent::Delete { .. }
            | AppIntent::MailSend { .. }
            | AppIntent::MailRecord,
        ) => Ok(()),
        Intent::Bilag(i) => bilag::submit(app, i, form),
        Intent::Portfolio(i) => portfolio::submit(app, i, form),
        Intent::Cases(i) => cases::submit(app, i, form),
        Intent::Meetings(i) => meetings::submit(app, i, form),
        Intent::Consultations(i) => consultations::submit(app, i, form),
        Intent::Decisions(i) => decisions::submit(app, i, form),
        Intent::Forums(i) => forums::submit(app, i, form),
        Intent::FollowUp(i) => follow_up::submit(app, i),
    }
}

/// A confirmation answered yes (or a preview's Enter).
pub fn confirmed(app: &mut App, intent: Intent) {
    match intent {
        Intent::App(i) => app.app_confirmed(i),
        Intent::Bilag(i) => bilag::confirmed(app, i),
        Intent::Portfolio(i) => portfolio::confirmed(app, i),
        Intent::Cases(i) => cases::confirmed(app, i),
        Intent::Meetings(i) => meetings::confirmed(app, i),
        Intent::Consultations(i) => consultations::confirmed(app, i),
        Intent::Decisions(i) => decisions::confirmed(app, i),
        Intent::Forums(i) => forums::confirmed(app, i),
        Intent::FollowUp(i) => follow_up::confirmed(app, i),
    }
}

/// A picker's choice: `id` is the picked item's id.
pub fn picked(app: &mut App, intent: Intent, id: &str) {
    match intent {
        Intent::App(i) => app.app_picked(i, id),
        Intent::Bilag(i) => bilag::picked(app, i, id),
        Intent::Portfolio(i) => portfolio::picked(app, i, id),
        Intent::Cases(i) => cases::picked(app, i, id),
        Intent::Meetings(i) => meetings::picked(app, i, id),
        Intent::Consultations(i) => consultations::picked(app, i, id),
        Intent::Decisions(i) => decisions::picked(app, i, id),
        Intent::Forums(i) => forums::picked(app, i, id),
        Intent::FollowUp(i) => follow_up::picked(app, i, id),
    }
}
