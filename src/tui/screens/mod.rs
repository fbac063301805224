//! The six screens. Each module owns its list rows, its key table, its detail view, and what its
//! actions, forms, confirmations and pickers do; this module routes to them.
//!
//! A screen module provides:
//! `model(&App) -> ListModel`, `keys(detail: bool) -> &'static [Binding]`,
//! `render(&App, &mut Frame, Rect)` (list or the open record), `update(&mut App, Action) -> bool`
//! (true when it handled the action), `submit(&mut App, &mut Form) -> Result<(), String>`,
//! `confirmed(&mut App, &Pending)`, `picked(&mut App, &Pending, id)` and `detail_len(&App)`
//! (how many selectable parts the open record has).

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
use super::keymap::Binding;
use super::list::ListModel;
use super::popup::Pending;

macro_rules! route {
    ($s:expr, $m:ident => $body:expr) => {
        match $s {
            ScreenId::Overview => {
                use overview as $m;
                $body
            }
            ScreenId::Portfolio => {
                use portfolio as $m;
                $body
            }
            ScreenId::Cases => {
                use cases as $m;
                $body
            }
            ScreenId::Meetings => {
                use meetings as $m;
                $body
            }
            ScreenId::Consultations => {
                use consultations as $m;
                $body
            }
            ScreenId::Decisions => {
                use decisions as $m;
                $body
            }
            ScreenId::Forums => {
                use forums as $m;
                $body
            }
            ScreenId::FollowUp => {
                use follow_up as $m;
                $body
            }
        }
    };
}

pub fn model(app: &App, s: ScreenId) -> ListModel {
    route!(s, m => m::model(app))
}

pub fn keys(s: ScreenId, detail: bool) -> &'static [Binding] {
    route!(s, m => m::keys(detail))
}

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    route!(app.screen, m => m::render(app, f, area))
}

pub fn update(app: &mut App, a: Action) -> bool {
    route!(app.screen, m => m::update(app, a))
}

pub fn submit(app: &mut App, s: ScreenId, form: &mut Form) -> Result<(), String> {
    route!(s, m => m::submit(app, form))
}

pub fn confirmed(app: &mut App, s: ScreenId, p: &Pending) {
    route!(s, m => m::confirmed(app, p))
}

pub fn picked(app: &mut App, s: ScreenId, p: &Pending, id: &str) {
    route!(s, m => m::picked(app, p, id))
}

pub fn detail_len(app: &App) -> usize {
    route!(app.screen, m => m::detail_len(app))
}
