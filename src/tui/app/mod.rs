//! The application state: the six screens' views, the popup stack, the undo history, the status
//! line. `App::update` (input.rs) is the one place that changes the workspace: every edit goes
//! through [`App::commit`] (history.rs) to the store (atomic, revision-checked, audited), lands in
//! the undo stack, and the lists are rebuilt. Rendering only reads this state.
//!
//! The `impl App` is split by concern: `input` (keys, actions), `history` (saving, undo/redo,
//! conflicts, deleting), `messages` (the status line and the popups that say or ask something),
//! `reload` (noticing and reading changes on disk). Popup keys and drawing live in `tui::popups`.

mod history;
mod input;
mod messages;
mod reload;

use std::path::PathBuf;
use std::time::SystemTime;

use chrono::{Local, NaiveDate};

use super::form::Form;
use super::keymap::{self, Binding};
use super::list::{ListModel, ListState};
use super::popup::Popup;
use super::screens;
use super::widgets::text_input::TextInput;
use crate::i18n::tr;
use crate::model::{AnyRecord, Language, RecordKind, Stamp, Workspace};
use crate::rules::deviation::{Deviation, current_quarter, deviations};
use crate::store::{Problem, Store};

pub use history::set_revision;
pub use messages::capitalise;
pub use reload::{FileMark, disk_marks};

/// The six screens, in the order of their number keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenId {
    Overview,
    Portfolio,
    Cases,
    Meetings,
    Consultations,
    Decisions,
    /// Not one of the six daily screens: reached with `F` or the palette.
    Forums,
    /// Every action item of every meeting: reached with `O` or the palette.
    FollowUp,
}

impl ScreenId {
    pub const ALL: [ScreenId; 6] = [
        ScreenId::Overview,
        ScreenId::Portfolio,
        ScreenId::Cases,
        ScreenId::Meetings,
        ScreenId::Consultations,
        ScreenId::Decisions,
    ];
    /// Every screen, the six daily ones first.
    pub const EVERY: [ScreenId; 8] = [
        ScreenId::Overview,
        ScreenId::Portfolio,
        ScreenId::Cases,
        ScreenId::Meetings,
        ScreenId::Consultations,
        ScreenId::Decisions,
        ScreenId::Forums,
        ScreenId::FollowUp,
    ];
    /// 1..8 (7 is Forums and 8 the follow-up list, which have no number key).
    pub fn number(self) -> u8 {
        self.index() as u8 + 1
    }
    pub fn index(self) -> usize {
        ScreenId::EVERY.iter().position(|s| *s == self).unwrap_or(0)
    }
    pub fn from_number(n: u8) -> Option<ScreenId> {
        ScreenId::EVERY.get((n as usize).checked_sub(1)?).copied()
    }
    pub fn name(self, lang: Language) -> &'static str {
        match self {
            ScreenId::Overview => tr(lang, "Overblik", "Overview"),
            ScreenId::Portfolio => tr(lang, "Portefølje", "Portfolio"),
            ScreenId::Cases => tr(lang, "Sager", "Cases"),
            ScreenId::Meetings => tr(lang, "Møder", "Meetings"),
            ScreenId::Consultations => tr(lang, "Høringer", "Consultations"),
            ScreenId::Decisions => tr(lang, "Beslutninger", "Decisions"),
            ScreenId::Forums => tr(lang, "Fora", "Forums"),
            ScreenId::FollowUp => tr(lang, "Opfølgning", "Follow-up"),
        }
    }
    /// The kind of record the screen lists (Overview lists several).
    pub fn kind(self) -> Option<RecordKind> {
        match self {
            ScreenId::Overview | ScreenId::FollowUp => None,
            ScreenId::Portfolio => Some(RecordKind::Initiative),
            ScreenId::Cases => Some(RecordKind::Case),
            ScreenId::Meetings => Some(RecordKind::Meeting),
            ScreenId::Consultations => Some(RecordKind::Consultation),
            ScreenId::Decisions => Some(RecordKind::Decision),
            ScreenId::Forums => Some(RecordKind::Forum),
        }
    }
    pub fn of_kind(kind: RecordKind) -> ScreenId {
        match kind {
            RecordKind::Initiative => ScreenId::Portfolio,
            RecordKind::Case => ScreenId::Cases,
            RecordKind::Meeting => ScreenId::Meetings,
            RecordKind::Consultation => ScreenId::Consultations,
            RecordKind::Decision => ScreenId::Decisions,
            RecordKind::Forum => ScreenId::Forums,
        }
    }
}

/// An open record in a screen's detail view, with the cursor over its parts (agenda items,
/// members, ...); a page without parts scrolls with the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub id: String,
    pub cursor: usize,
}

/// A screen's state: its list, the filter being typed, the open record.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub model: ListModel,
    pub list: ListState,
    /// Some while the user types a filter.
    pub filter_input: Option<TextInput>,
    pub detail: Option<Detail>,
    /// Screen-specific settings (sort column, category filter, ...).
    pub sort: usize,
    pub sort_reverse: bool,
    pub mode: usize,
    /// The rows are older than the workspace: rebuilt when the screen is next shown (a change
    /// rebuilds only the list on screen; see [`App::ensure_fresh`]).
    pub stale: bool,
}

/// The kind of a status-line message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Error,
}

/// One undoable edit: each record before and after. An undo or redo expects each record on disk to
/// hold the other side's content (whatever its revision), so the session's own writes chain and a
/// colleague's later change is never overwritten silently.
#[derive(Debug, Clone)]
pub struct Edit {
    pub summary: String,
    pub records: Vec<(RecordKind, String, Option<AnyRecord>, Option<AnyRecord>)>,
}

/// The whole program state.
pub struct App {
    pub store: Store,
    pub ws: Workspace,
    pub problems: Vec<Problem>,
    pub lang: Language,
    pub today: NaiveDate,
    pub screen: ScreenId,
    pub views: [View; 8],
    pub popups: Vec<Popup>,
    pub undo: Vec<Edit>,
    pub redo: Vec<Edit>,
    pub message: Option<(String, Tone)>,
    pub quit: bool,
    pub color: bool,
    /// The deviations of the current quarter, computed once per change.
    pub deviations: Vec<Deviation>,
    /// The latest quarter with any report, computed with the deviations (a scan of every report).
    pub latest_quarter: Option<crate::model::Quarter>,
    /// Where Esc goes back to after following a link to another screen.
    pub back: Vec<(ScreenId, Option<Detail>)>,
    /// Modification times of the workspace's folders, to notice changes made by others.
    pub disk_marks: Vec<Option<SystemTime>>,
    /// The list's height on screen at the last draw (for page keys).
    pub page: usize,
    /// How far the open record's page can scroll, as found by the last draw (a layout cache:
    /// a detail page without selectable parts scrolls with the cursor keys).
    pub detail_max_scroll: std::cell::Cell<usize>,
    /// The terminal is below 80x24 and shows only a notice: keys are not acted on unseen.
    pub too_small: bool,
    /// File-system events on the workspace (None where there are none: then polling).
    pub watch: Option<crate::store::DiskWatch>,
    /// The files this program wrote last, as it left them, so its own writes do not reload.
    pub own_writes: std::collections::HashMap<PathBuf, Option<FileMark>>,
    /// Without events: modification time and size of every file, to notice edits in place.
    pub disk_state: Option<crate::store::DiskState>,
    /// Ahead/behind and conflict records of a workspace shared through git.
    pub sync: crate::sync::SyncState,
    /// E-mail: a sending under way on a worker thread, replies read but not yet recorded.
    pub mail: super::mail::MailState,
    /// A background job (the meeting pack) and its progress.
    pub job: Option<super::job::Job>,
    /// The Portfolio screen's quarter (`[` / `]`) and its categories over time (`v`).
    pub periods: super::widgets::category_chart::Periods,
    /// The Portfolio screen's economy view (`m`): over-/underspend of a year and the proposed cases.
    pub economy: Option<super::screens::portfolio::EconomyView>,
}

impl App {
    /// Opens the workspace in `store`.
    pub fn new(store: Store, lang: Option<Language>) -> App {
        let loaded = store.load();
        let lang = lang.unwrap_or(loaded.workspace.settings.language);
        let mut app = App {
            disk_marks: disk_marks(store.root()),
            store,
            ws: loaded.workspace,
            problems: loaded.problems,
            lang,
            today: Local::now().date_naive(),
            screen: ScreenId::Overview,
            views: Default::default(),
            popups: vec![],
            undo: vec![],
            redo: vec![],
            message: None,
            quit: false,
            color: true,
            deviations: vec![],
            latest_quarter: None,
            back: vec![],
            page: 20,
            detail_max_scroll: std::cell::Cell::new(usize::MAX),
            too_small: false,
            watch: None,
            own_writes: Default::default(),
            disk_state: None,
            sync: Default::default(),
            mail: Default::default(),
            job: None,
            periods: Default::default(),
            economy: None,
        };
        app.watch = crate::store::DiskWatch::new(app.store.root());
        if app.watch.is_none() {
            app.disk_state = Some(crate::store::scan(app.store.root()));
        }
        app.sync = crate::sync::SyncState::read(app.store.root());
        app.rebuild();
        app
    }

    /// The Danish or the English text.
    pub fn t(&self, da: &'static str, en: &'static str) -> &'static str {
        tr(self.lang, da, en)
    }

    pub fn view(&self) -> &View {
        &self.views[self.screen.index()]
    }
    pub fn view_mut(&mut self) -> &mut View {
        &mut self.views[self.screen.index()]
    }
    pub fn view_of(&self, s: ScreenId) -> &View {
        &self.views[s.index()]
    }
    pub fn view_of_mut(&mut self, s: ScreenId) -> &mut View {
        &mut self.views[s.index()]
    }
    /// A stamp for history lines: now, by this user.
    pub fn stamp(&self) -> Stamp {
        Stamp {
            at: chrono::Utc::now(),
            by: self.store.user().to_string(),
        }
    }

    /// Recomputes derived data after any change of the workspace: the deviations now, the list
    /// on screen now, every other list when its screen is next shown.
    pub fn rebuild(&mut self) {
        self.latest_quarter = current_quarter(&self.ws);
        self.deviations = self
            .latest_quarter
            .map(|q| deviations(&self.ws, q))
            .unwrap_or_default();
        self.periods.forget();
        self.lists_changed();
    }

    /// After a change of records of `kinds` only: the deviations are recomputed when initiatives
    /// changed (they depend on nothing else but the settings), the lists as in [`App::rebuild`].
    /// At ten times the national portfolio this keeps a save well under a tenth of a second.
    pub(super) fn rebuild_touched(&mut self, kinds: &[RecordKind]) {
        if kinds.contains(&RecordKind::Initiative) {
            self.rebuild();
        } else {
            self.lists_changed();
        }
    }

    /// Marks every list stale and rebuilds the one on screen.
    fn lists_changed(&mut self) {
        for v in &mut self.views {
            v.stale = true;
        }
        self.ensure_fresh(self.screen);
    }

    /// Rebuilds screen `s`'s list if the workspace changed since it was built. Called before a
    /// screen is shown or its list is used; cheap when the list is fresh.
    pub fn ensure_fresh(&mut self, s: ScreenId) {
        if self.view_of(s).stale {
            self.rebuild_list(s);
        }
    }

    /// Rebuilds one screen's list rows (after a change of its sort or mode).
    pub fn rebuild_list(&mut self, s: ScreenId) {
        let model = screens::model(self, s);
        let v = self.view_of_mut(s);
        v.model = model;
        v.stale = false;
        v.list.refilter(&v.model);
        let gone = match (&self.views[s.index()].detail, s.kind()) {
            (Some(d), Some(kind)) => AnyRecord::find(&self.ws, kind, &d.id).is_none(),
            _ => false,
        };
        if gone {
            self.view_of_mut(s).detail = None;
        }
    }

    /// Whether a form with unsaved input is open.
    pub fn has_dirty_form(&self) -> bool {
        self.popups
            .iter()
            .any(|p| matches!(p, Popup::Form(f) if f.is_dirty()))
    }

    /// The open form, if any (for the recovery file).
    pub fn form_in_progress(&self) -> Option<&Form> {
        self.popups.iter().rev().find_map(|p| match p {
            Popup::Form(f) => Some(f),
            _ => None,
        })
    }

    /// The key tables that apply now, most specific first.
    pub fn tables(&self) -> Vec<&'static [Binding]> {
        let detail = self.view().detail.is_some();
        let own = if self.screen == ScreenId::Portfolio && self.economy.is_some() {
            screens::portfolio::ECONOMY_KEYS
        } else {
            screens::keys(self.screen, detail)
        };
        vec![own, keymap::NAV, keymap::GLOBAL, keymap::ANYWHERE]
    }

    /// The id of the record the user is on: the open one, else the one under the cursor.
    pub fn current_id(&self) -> Option<String> {
        let v = self.view();
        match &v.detail {
            Some(d) => Some(d.id.clone()),
            None => v.list.selected(&v.model).map(str::to_string),
        }
    }

    /// The path of the workspace, for the status bar.
    pub fn root(&self) -> PathBuf {
        self.store.root().to_path_buf()
    }
}
