//! The application state and `App::update`, the one place that changes the workspace: every edit
//! goes through [`App::commit`] to the store (atomic, revision-checked, audited), lands in the
//! undo stack, and the lists are rebuilt. Rendering only reads this state.

use std::path::PathBuf;
use std::time::SystemTime;

use chrono::{Local, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::form::{Form, FormEvent, FormSnapshot, RefKind};
use super::intent::{AppIntent, ForumsIntent, Intent};
use super::keymap::{self, Binding};
use super::list::{ListModel, ListState};
use super::popup::{Picker, PickerItem, Popup};
use super::screens;
use super::widgets::text_input::TextInput;
use crate::i18n::{Label, tr};
use crate::model::{AnyRecord, Language, RecordKind, Stamp, Workspace};
use crate::rules::deviation::{Deviation, current_quarter, deviations};
use crate::store::{Change, Problem, Store, StoreError};

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

/// A file's modification time and size.
pub type FileMark = (Option<SystemTime>, u64);

fn file_mark(p: &std::path::Path) -> Option<FileMark> {
    std::fs::metadata(p)
        .ok()
        .map(|m| (m.modified().ok(), m.len()))
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

    pub fn flash(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some((text.into(), tone));
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
        self.deviations = current_quarter(&self.ws)
            .map(|q| deviations(&self.ws, q))
            .unwrap_or_default();
        self.periods.forget();
        self.lists_changed();
    }

    /// After a change of records of `kinds` only: the deviations are recomputed when initiatives
    /// changed (they depend on nothing else but the settings), the lists as in [`App::rebuild`].
    /// At ten times the national portfolio this keeps a save well under a tenth of a second.
    fn rebuild_touched(&mut self, kinds: &[RecordKind]) {
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

    // ----- input -----

    /// Handles one key press.
    pub fn handle_key(&mut self, ev: KeyEvent) {
        self.key(ev);
        self.ensure_fresh(self.screen);
    }

    fn key(&mut self, ev: KeyEvent) {
        if ev.kind == crossterm::event::KeyEventKind::Release {
            return;
        }
        // Ctrl-q / Ctrl-c quit from anywhere: a form, a dialog, a filter being typed, a terminal
        // too small to show anything. An open form with unsaved input is kept as a draft.
        if let Some(a) = keymap::lookup(&[keymap::ANYWHERE], &ev) {
            self.update(a);
            return;
        }
        if self.too_small {
            return;
        }
        // Over a slow link a press of Esc and the next key can arrive together and be read as
        // Alt plus that key. Nothing here uses Alt, so take it as what it was: Esc, then the key.
        // (Ctrl+Alt is AltGr on some keyboards and types a character: left alone.)
        // In a form the key goes to the form as it is: an Esc there could open "discard?" and the
        // key answer it.
        if ev.modifiers.contains(KeyModifiers::ALT)
            && !ev.modifiers.contains(KeyModifiers::CONTROL)
            && !matches!(self.popups.last(), Some(Popup::Form(_)))
        {
            self.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            self.handle_key(KeyEvent::new(ev.code, ev.modifiers - KeyModifiers::ALT));
            return;
        }
        if !self.popups.is_empty() {
            self.popup_key(ev);
            return;
        }
        if let Some(mut input) = self.view_mut().filter_input.take() {
            match ev.code {
                KeyCode::Enter => {}
                KeyCode::Esc => {
                    self.view_mut().list.filter.clear();
                    self.refilter();
                }
                _ => {
                    input.handle_key(ev);
                    self.view_mut().list.filter = input.value();
                    self.view_mut().list.cursor = 0;
                    self.refilter();
                    self.view_mut().filter_input = Some(input);
                }
            }
            return;
        }
        self.message = None;
        if let Some(a) = keymap::lookup(&self.tables(), &ev) {
            self.update(a);
        }
    }

    /// Bracketed paste: into the form or filter being typed, else ignored.
    pub fn handle_paste(&mut self, text: &str) {
        match self.popups.last_mut() {
            Some(Popup::Form(f)) => f.paste(text),
            Some(Popup::Picker(p)) => {
                p.filter.paste(text);
                p.refilter();
            }
            Some(Popup::Palette { input, cursor }) => {
                input.paste(text);
                *cursor = 0;
            }
            Some(_) => {}
            None => {
                if let Some(mut input) = self.view_mut().filter_input.take() {
                    input.paste(text);
                    self.view_mut().list.filter = input.value();
                    self.refilter();
                    self.view_mut().filter_input = Some(input);
                }
            }
        }
    }

    fn refilter(&mut self) {
        let v = self.view_mut();
        v.list.refilter(&v.model);
    }

    /// Carries out an action.
    pub fn update(&mut self, a: Action) {
        self.act(a);
        self.ensure_fresh(self.screen);
    }

    fn act(&mut self, a: Action) {
        if screens::update(self, a) {
            return;
        }
        let page = self.page.max(1) as isize;
        match a {
            // The loop keeps an open form with unsaved input as a draft (the recovery file) and
            // ends; see `tui::run`. Mail still being sent is asked about first.
            Action::Quit => {
                if self.mail.busy() {
                    self.confirm(
                        self.t(
                            "Der sendes stadig e-mail. Afslut alligevel? Det sendte er gemt; de resterende kan sendes senere med samme tast.",
                            "E-mail is still being sent. Quit anyway? What was sent is saved; the rest can be sent later with the same key.",
                        ),
                        Intent::App(AppIntent::Quit),
                    );
                } else {
                    self.quit = true;
                }
            }
            Action::NextScreen => self.go(ScreenId::ALL[(self.screen.index() + 1) % 6]),
            Action::PrevScreen => self.go(ScreenId::ALL[(self.screen.index().min(6) + 5) % 6]),
            Action::GoTo(n) => {
                if let Some(s) = ScreenId::from_number(n) {
                    self.go(s)
                }
            }
            Action::Help => self.popups.push(Popup::Help { scroll: 0 }),
            Action::SearchAll => {
                let items = screens::search::items(self);
                self.pick(
                    self.t(
                        "Find alt: id eller ord (sag, møde, høring, beslutning, initiativ)",
                        "Find anything: id or words (case, meeting, consultation, decision, initiative)",
                    ),
                    items,
                    Intent::App(AppIntent::SearchAll),
                );
            }
            Action::Palette => self.popups.push(Popup::Palette {
                input: TextInput::new("", false),
                cursor: 0,
            }),
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
            Action::Sync => self.start_sync(),
            Action::History => self.open_history(),
            Action::Reload => {
                self.reload();
                self.flash(
                    self.t("Indlæst fra disk.", "Reloaded from disk."),
                    Tone::Info,
                );
            }
            Action::Up => self.move_cursor(-1),
            Action::Down => self.move_cursor(1),
            Action::Top => self.move_cursor(isize::MIN / 2),
            Action::Bottom => self.move_cursor(isize::MAX / 2),
            Action::PageUp => self.move_cursor(-page),
            Action::PageDown => self.move_cursor(page),
            Action::HalfPageUp => self.move_cursor(-(page / 2).max(1)),
            Action::HalfPageDown => self.move_cursor((page / 2).max(1)),
            Action::Open => {
                if self.view().detail.is_none()
                    && let Some(id) = self.view().list.selected(&self.view().model)
                {
                    let id = id.to_string();
                    self.view_mut().detail = Some(Detail { id, cursor: 0 });
                }
            }
            Action::Back => {
                if self.view().detail.is_some() {
                    if let Some((s, d)) = self.back.pop() {
                        self.view_mut().detail = None;
                        self.screen = s;
                        self.ensure_fresh(s);
                        self.view_mut().detail = self.still_there(s, d);
                    } else {
                        self.view_mut().detail = None;
                    }
                } else if !self.view().list.filter.is_empty() {
                    self.view_mut().list.filter.clear();
                    self.refilter();
                } else if let Some((s, d)) = self.back.pop() {
                    self.screen = s;
                    self.ensure_fresh(s);
                    self.view_mut().detail = self.still_there(s, d);
                }
            }
            Action::Filter if self.view().detail.is_none() => {
                let f = self.view().list.filter.clone();
                self.view_mut().filter_input = Some(TextInput::new(&f, false));
            }
            Action::Delete => self.ask_delete(),
            _ => {}
        }
    }

    /// The detail to go back to, if its record still exists.
    fn still_there(&self, s: ScreenId, d: Option<Detail>) -> Option<Detail> {
        let d = d?;
        match s.kind() {
            Some(kind) if AnyRecord::find(&self.ws, kind, &d.id).is_none() => None,
            _ => Some(d),
        }
    }

    /// Goes to a screen (from the tab keys: no way back needed).
    pub fn go(&mut self, s: ScreenId) {
        self.back.clear();
        self.screen = s;
        self.ensure_fresh(s);
    }

    /// Opens a record on its screen, remembering where we came from (Esc goes back).
    pub fn open_record(&mut self, kind: RecordKind, id: &str) {
        let s = ScreenId::of_kind(kind);
        if AnyRecord::find(&self.ws, kind, id).is_none() {
            self.flash(
                format!(
                    "{} {id} {}",
                    kind.label(self.lang),
                    self.t("findes ikke (længere)", "does not exist (any more)")
                ),
                Tone::Error,
            );
            return;
        }
        self.back.push((self.screen, self.view().detail.clone()));
        self.screen = s;
        self.ensure_fresh(s);
        let v = self.view_of_mut(s);
        v.list.filter.clear();
        v.list.refilter(&v.model);
        v.list.select_id(&v.model, id);
        v.detail = Some(Detail {
            id: id.to_string(),
            cursor: 0,
        });
    }

    fn move_cursor(&mut self, delta: isize) {
        let page = self.page;
        let v = self.view_mut();
        match &mut v.detail {
            Some(d) => {
                let c = (d.cursor as isize).saturating_add(delta).max(0) as usize;
                d.cursor = c;
            }
            None => {
                v.list.move_by(delta);
                v.list.settle(&v.model, delta > 0);
                v.list.scroll_into_view(page);
            }
        }
        let parts = screens::detail_len(self);
        let max = if parts == 0 {
            self.detail_max_scroll.get()
        } else {
            parts - 1
        };
        if let Some(d) = &mut self.view_mut().detail {
            d.cursor = d.cursor.min(max);
        }
    }

    /// The id of the record the user is on: the open one, else the one under the cursor.
    pub fn current_id(&self) -> Option<String> {
        let v = self.view();
        match &v.detail {
            Some(d) => Some(d.id.clone()),
            None => v.list.selected(&v.model).map(str::to_string),
        }
    }

    // ----- popups -----

    pub fn confirm(&mut self, text: &str, then: Intent) {
        self.popups.push(Popup::Confirm {
            text: text.to_string(),
            then,
        });
    }

    pub fn message_box(&mut self, title: &str, text: String) {
        self.popups.push(Popup::Message {
            title: title.to_string(),
            text,
            scroll: 0,
            then: None,
        });
    }

    /// A long text that asks a question: it scrolls, Enter answers yes (`then`), Esc closes.
    pub fn preview_box(&mut self, title: &str, text: String, then: Intent) {
        self.popups.push(Popup::Message {
            title: title.to_string(),
            text,
            scroll: 0,
            then: Some(then),
        });
    }

    pub fn open_form(&mut self, mut f: Form) {
        if f.base.is_empty() {
            f.base = self.base_revisions(&f.intent.records());
        }
        self.popups.push(Popup::Form(f));
    }

    /// The revisions, in the workspace as loaded, of the records a form edits.
    fn base_revisions(&self, ids: &[String]) -> Vec<super::form::BaseRevision> {
        let mut out = vec![];
        for id in ids {
            for kind in RecordKind::ALL {
                if let Some(r) = AnyRecord::find(&self.ws, kind, id) {
                    out.push(super::form::BaseRevision {
                        kind: kind.folder().to_string(),
                        id: id.clone(),
                        revision: r.revision(),
                    });
                }
            }
        }
        out
    }

    /// Makes the workspace in memory carry the revisions the form opened at, so that saving it
    /// is checked against those (a recovered form whose record a colleague saved in between gets
    /// the conflict dialog instead of overwriting their change). Returns what to put back.
    fn pin_base(&mut self, base: &[super::form::BaseRevision]) -> Vec<(AnyRecord, u64)> {
        let mut pinned = vec![];
        for b in base {
            let Some(kind) = RecordKind::ALL.into_iter().find(|k| k.folder() == b.kind) else {
                continue;
            };
            if let Some(mut r) = AnyRecord::find(&self.ws, kind, &b.id)
                && r.revision() != b.revision
            {
                let actual = r.revision();
                set_revision(&mut r, b.revision);
                pinned.push((r.clone(), actual));
                r.put_into(&mut self.ws);
            }
        }
        pinned
    }

    /// Undoes [`App::pin_base`] for records the save did not replace.
    fn unpin_base(&mut self, pinned: Vec<(AnyRecord, u64)>) {
        for (r, actual) in pinned {
            if let Some(mut now) = AnyRecord::find(&self.ws, r.kind(), r.id())
                && now == r
            {
                set_revision(&mut now, actual);
                now.put_into(&mut self.ws);
            }
        }
    }

    /// A picker over `items`; the choice goes to the screen's `picked` with `then`.
    pub fn pick(&mut self, title: &str, items: Vec<PickerItem>, then: Intent) {
        self.popups
            .push(Popup::Picker(Picker::new(title, items, then)));
    }

    fn popup_key(&mut self, ev: KeyEvent) {
        let Some(top) = self.popups.pop() else { return };
        match top {
            Popup::Form(mut f) => match f.handle_key(ev) {
                FormEvent::Nothing => self.popups.push(Popup::Form(f)),
                FormEvent::Cancel => {
                    if f.is_dirty() {
                        self.popups.push(Popup::Form(f));
                        self.confirm(
                            self.t(
                                "Kassér det indtastede? (j/n)",
                                "Discard what you typed? (y/n)",
                            ),
                            Intent::App(AppIntent::DiscardForm),
                        );
                    }
                }
                FormEvent::Submit => {
                    if !f.validate(self.today, self.lang) {
                        f.error = Some(
                            self.t(
                                "Ret de markerede felter; intet er gemt endnu.",
                                "Fix the marked fields; nothing is saved yet.",
                            )
                            .into(),
                        );
                        self.popups.push(Popup::Form(f));
                        return;
                    }
                    // The form stays underneath while the screen saves it, so a conflict
                    // dialog or an error keeps what was typed.
                    let depth = self.popups.len();
                    let pinned = self.pin_base(&f.base);
                    let result = screens::submit(self, &mut f);
                    self.unpin_base(pinned);
                    if let Err(msg) = result {
                        f.error = Some(msg);
                        self.popups.insert(depth, Popup::Form(f));
                    }
                }
                FormEvent::Pick(r) => {
                    let key = f.focused().map(|x| x.key).unwrap_or("").to_string();
                    let mut items = self.ref_items(r);
                    if let (
                        RefKind::Forum,
                        Intent::Forums(ForumsIntent::Edit { forum: Some(me) }),
                    ) = (r, &f.intent)
                    {
                        // A forum's parent: never itself or a forum below it (a cycle).
                        let below = screens::forums::self_and_below(&self.ws, me);
                        items.retain(|i| !below.contains(&i.id));
                    }
                    let title = f.focused().map(|x| x.label.clone()).unwrap_or_default();
                    self.popups.push(Popup::Form(f));
                    self.popups.push(Popup::Picker(Picker::new(
                        &title,
                        items,
                        Intent::App(AppIntent::FillField { key }),
                    )));
                }
            },
            Popup::Confirm { text, then } => match ev.code {
                KeyCode::Char('y' | 'Y' | 'j' | 'J') | KeyCode::Enter => self.confirmed(then),
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {}
                _ => self.popups.push(Popup::Confirm { text, then }),
            },
            Popup::Picker(mut p) => match ev.code {
                KeyCode::Esc => {}
                KeyCode::Enter => {
                    if let Some(item) = p.selected() {
                        let id = item.id.clone();
                        screens::picked(self, p.then, &id);
                    }
                }
                KeyCode::Up => {
                    p.cursor = p.cursor.saturating_sub(1);
                    self.popups.push(Popup::Picker(p));
                }
                KeyCode::Down => {
                    p.cursor = (p.cursor + 1).min(p.visible.len().saturating_sub(1));
                    self.popups.push(Popup::Picker(p));
                }
                _ => {
                    p.filter.handle_key(ev);
                    p.refilter();
                    self.popups.push(Popup::Picker(p));
                }
            },
            Popup::Help { scroll } => {
                if let Some(scroll) = scrolled(ev, scroll, self.help_lines(), self.page) {
                    self.popups.push(Popup::Help { scroll });
                }
            }
            Popup::Message {
                title,
                text,
                scroll,
                then,
            } => {
                // Rows as drawn: the box is 76 wide, 74 inside; long lines wrap.
                let rows: usize = text
                    .lines()
                    .map(|l| usize::from(super::popup::wrapped_rows(l, 74)))
                    .sum();
                let max = u16::try_from(rows).unwrap_or(u16::MAX);
                if let Some(scroll) = scrolled(ev, scroll, max, self.page) {
                    self.popups.push(Popup::Message {
                        title,
                        text,
                        scroll,
                        then,
                    });
                } else if let Some(then) = then {
                    match ev.code {
                        KeyCode::Enter => self.confirmed(then),
                        KeyCode::Esc => {}
                        // A preview that asks stays until it is answered.
                        _ => self.popups.push(Popup::Message {
                            title,
                            text,
                            scroll,
                            then: Some(then),
                        }),
                    }
                }
            }
            Popup::Palette { mut input, cursor } => {
                let entries = self.palette_entries(&input.value());
                match ev.code {
                    KeyCode::Esc => {}
                    KeyCode::Enter => {
                        if let Some((screen, b)) = entries.get(cursor) {
                            if let Some(s) = screen {
                                self.go(*s);
                            }
                            self.update(b.action);
                        }
                    }
                    KeyCode::Up => self.popups.push(Popup::Palette {
                        input,
                        cursor: cursor.saturating_sub(1),
                    }),
                    KeyCode::Down => self.popups.push(Popup::Palette {
                        input,
                        cursor: (cursor + 1).min(entries.len().saturating_sub(1)),
                    }),
                    _ => {
                        input.handle_key(ev);
                        self.popups.push(Popup::Palette { input, cursor: 0 });
                    }
                }
            }
            Popup::Conflict(c) if c.sync.is_some() => self.sync_conflict_key(c, ev),
            Popup::Conflict(c) => match ev.code {
                KeyCode::Char('r' | 'R') => {
                    self.close_form();
                    self.reload();
                    self.flash(
                        self.t(
                            "Kollegaens version er indlæst; din blev ikke gemt.",
                            "Your colleague's version is loaded; yours was not saved.",
                        ),
                        Tone::Info,
                    );
                }
                KeyCode::Char('c' | 'C' | 'k' | 'K') => {
                    self.close_form();
                    self.keep_as_copy(c.mine);
                }
                // Back to the form, with everything typed still in it.
                KeyCode::Esc => {}
                _ => self.popups.push(Popup::Conflict(c)),
            },
            Popup::History(h) => self.history_key(h, ev),
            Popup::Recover(snap) => match ev.code {
                KeyCode::Char('y' | 'Y' | 'j' | 'J') | KeyCode::Enter => {
                    super::recovery::discard(self.store.root());
                    self.popups.push(Popup::Form(Form::restore(snap)));
                }
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                    super::recovery::discard(self.store.root());
                }
                _ => self.popups.push(Popup::Recover(snap)),
            },
        }
    }

    /// How many lines the help has (to stop its scrolling at the end).
    fn help_lines(&self) -> u16 {
        // As drawn: a heading and a blank line per table, a long description on several rows
        // (the help is 76 wide, 56 for descriptions), and the line on forms.
        let n: usize = self
            .tables()
            .iter()
            .map(|t| {
                t.iter()
                    .map(|b| super::text::wrap_words(b.describe(self.lang), 56).len())
                    .sum::<usize>()
                    + 2
            })
            .sum::<usize>()
            + 2;
        u16::try_from(n).unwrap_or(u16::MAX)
    }

    /// Every action by name whose description matches `query` (folded words): this screen's, the
    /// navigation and the global keys first, then the other screens' (choosing one of those goes
    /// to its screen first). Each comes with the screen it belongs to, when that is not this one.
    pub fn palette_entries(&self, query: &str) -> Vec<(Option<ScreenId>, Binding)> {
        let mut seen = std::collections::HashSet::new();
        let mut out = vec![];
        let here = self.tables().into_iter().map(|t| (None, t));
        let others = ScreenId::EVERY
            .into_iter()
            .filter(|s| *s != self.screen)
            .map(|s| (Some(s), screens::keys(s, false)));
        for (screen, table) in here.chain(others) {
            for b in table {
                let name = match screen {
                    Some(s) => format!("{} {}", s.name(self.lang), b.describe(self.lang)),
                    None => b.describe(self.lang).to_string(),
                };
                if seen.insert((screen, b.action))
                    && super::text::matches(query, &format!("{name} {}", b.key_names()))
                {
                    out.push((screen, *b));
                }
            }
        }
        out
    }

    fn confirmed(&mut self, then: Intent) {
        screens::confirmed(self, then);
    }

    /// A confirmation of the app's own answered yes (a preview's Enter).
    pub(crate) fn app_confirmed(&mut self, i: AppIntent) {
        match i {
            AppIntent::Quit => self.quit = true,
            AppIntent::QuitAnyway => {
                self.popups.retain(|p| !matches!(p, Popup::Form(_)));
                self.quit = true;
            }
            AppIntent::DiscardForm => self.close_form(),
            AppIntent::Delete { kind, id } => self.do_delete(kind, &id),
            AppIntent::MailSend { kind, id } => super::mail::confirmed_send(self, kind, &id),
            AppIntent::MailRecord => super::mail::record_inbox(self),
            // Pickers, not confirmations.
            AppIntent::SearchAll | AppIntent::FillField { .. } => {}
        }
    }

    /// A choice in one of the app's own pickers.
    pub(crate) fn app_picked(&mut self, i: AppIntent, id: &str) {
        match i {
            AppIntent::SearchAll => screens::search::open(self, id),
            AppIntent::FillField { key } => {
                if let Some(Popup::Form(f)) = self.popups.last_mut() {
                    f.set(&key, id);
                }
            }
            // Confirmations, not pickers.
            AppIntent::Quit
            | AppIntent::QuitAnyway
            | AppIntent::DiscardForm
            | AppIntent::Delete { .. }
            | AppIntent::MailSend { .. }
            | AppIntent::MailRecord => {}
        }
    }

    /// Closes the topmost form.
    fn close_form(&mut self) {
        if let Some(i) = self
            .popups
            .iter()
            .rposition(|p| matches!(p, Popup::Form(_)))
        {
            self.popups.remove(i);
        }
    }

    fn ref_items(&self, r: RefKind) -> Vec<PickerItem> {
        match r {
            RefKind::Forum => self
                .ws
                .forums
                .iter()
                .map(|f| PickerItem::new(&f.id, &format!("{} ({})", f.name, f.short_name)))
                .collect(),
            RefKind::Initiative => self
                .ws
                .initiatives
                .iter()
                .map(|i| PickerItem::new(&i.id, &format!("{} {} ({})", i.id, i.name, i.ministry)))
                .collect(),
            RefKind::Case => self
                .ws
                .cases
                .iter()
                .map(|c| {
                    PickerItem::new(
                        &c.id,
                        &format!("{} {} [{}]", c.id, c.title, c.state.label(self.lang)),
                    )
                })
                .collect(),
        }
    }

    // ----- delete -----

    fn ask_delete(&mut self) {
        let Some(kind) = self.screen.kind() else {
            return;
        };
        let Some(id) = self.current_id() else { return };
        let Some(rec) = AnyRecord::find(&self.ws, kind, &id) else {
            return;
        };
        // Asked before the question, and again when it is answered (the workspace may have
        // changed in between): ops decides what may be deleted.
        if let Err(e) = crate::ops::record::delete(&self.ws, kind, &id, &self.stamp()) {
            self.flash(e.message(self.lang), Tone::Error);
            return;
        }
        let text = format!(
            "{} {}: {}? {}",
            self.t("Slet", "Delete"),
            kind.label(self.lang),
            super::text::safe_line(&rec.title()),
            self.t("(j/n; [u] fortryder)", "(y/n; [u] undoes it)")
        );
        self.confirm(&text, Intent::App(AppIntent::Delete { kind, id }));
    }

    fn do_delete(&mut self, kind: RecordKind, id: &str) {
        let changes = match crate::ops::record::delete(&self.ws, kind, id, &self.stamp()) {
            Ok(c) => c,
            Err(e) => {
                self.flash(e.message(self.lang), Tone::Error);
                return;
            }
        };
        if self.commit(changes, "deleted").is_ok() {
            self.view_of_mut(ScreenId::of_kind(kind)).detail = None;
            self.flash(
                format!(
                    "{} {id} {}",
                    kind.label(self.lang),
                    self.t("er slettet ([u] fortryder).", "deleted ([u] undoes it).")
                ),
                Tone::Success,
            );
        }
    }

    // ----- saving, undo, conflicts -----

    /// Writes `changes` through the store as one undoable edit. On a conflict the conflict dialog
    /// opens (and `Err` says so); other errors are shown in the status line.
    /// Writes changed workspace settings (workspace.json) at once, refusing on a conflict.
    pub fn save_settings(
        &mut self,
        mut settings: crate::model::Settings,
        summary: &str,
    ) -> Result<(), String> {
        self.store
            .save_settings(&mut settings, summary)
            .map_err(|e| e.to_string())?;
        self.ws.settings = settings;
        self.disk_marks = disk_marks(self.store.root());
        Ok(())
    }

    pub fn commit(&mut self, changes: Vec<Change>, summary: &str) -> Result<(), String> {
        let keys: Vec<(RecordKind, String)> = changes
            .iter()
            .map(|c| (c.record().kind(), c.record().id().to_string()))
            .collect();
        let before: Vec<Option<AnyRecord>> = keys
            .iter()
            .map(|(k, id)| AnyRecord::find(&self.ws, *k, id))
            .collect();
        match self.store.apply(&mut self.ws, changes.clone(), summary) {
            Ok(()) => {
                let records: Vec<_> = keys
                    .into_iter()
                    .zip(before)
                    .map(|((k, id), b)| {
                        let after = AnyRecord::find(&self.ws, k, &id);
                        (k, id, b, after)
                    })
                    .collect();
                let kinds: Vec<RecordKind> = records.iter().map(|(k, ..)| *k).collect();
                let keys: Vec<_> = records
                    .iter()
                    .map(|(k, id, _, _)| (*k, id.clone()))
                    .collect();
                self.undo.push(Edit {
                    summary: summary.to_string(),
                    records,
                });
                self.redo.clear();
                self.remember_own_writes(&keys);
                self.rebuild_touched(&kinds);
                Ok(())
            }
            Err(e) => Err(self.store_error(e, changes)),
        }
    }

    /// Shows a store error; a conflict opens the conflict dialog with `mine`.
    fn store_error(&mut self, e: StoreError, mine: Vec<Change>) -> String {
        let msg = self.store_message(&e);
        match e {
            StoreError::Conflict { .. }
            | StoreError::Deleted { .. }
            | StoreError::Exists { .. } => {
                self.popups
                    .push(Popup::Conflict(super::popup::Conflict::new(
                        self, &msg, mine,
                    )));
                self.t(
                    "En kollega har ændret posten; vælg i dialogen.",
                    "A colleague changed the record; choose in the dialog.",
                )
                .to_string()
            }
            _ => {
                self.flash(msg.clone(), Tone::Error);
                msg
            }
        }
    }

    /// A store error in the user's language.
    pub fn store_message(&self, e: &StoreError) -> String {
        let l = self.lang;
        match e {
            StoreError::Conflict {
                kind,
                id,
                theirs,
                by,
                ..
            } => {
                let who = if by.is_empty() { "?" } else { by.as_str() };
                match l {
                    Language::Da => format!(
                        "{} {id} er ændret af {who} (revision {theirs}), efter du åbnede den. Din ændring er ikke gemt.",
                        capitalise(kind.label(l))
                    ),
                    Language::En => format!(
                        "The {} {id} was changed by {who} (revision {theirs}) after you opened it. Your change is not saved.",
                        kind.label(l)
                    ),
                }
            }
            StoreError::Deleted { kind, id } => match l {
                Language::Da => format!(
                    "{} {id} er slettet af en anden, efter du åbnede den. Din ændring er ikke gemt.",
                    capitalise(kind.label(l))
                ),
                Language::En => format!(
                    "The {} {id} was deleted by someone else after you opened it. Your change is not saved.",
                    kind.label(l)
                ),
            },
            StoreError::Exists { kind, id } => match l {
                Language::Da => format!(
                    "{} {id} findes allerede (en anden har oprettet den). Din er ikke gemt.",
                    capitalise(kind.label(l))
                ),
                Language::En => format!(
                    "The {} {id} already exists (someone else created it). Yours is not saved.",
                    kind.label(l)
                ),
            },
            StoreError::Unfinished { message } => match l {
                Language::Da => format!(
                    "Ændringen er besluttet, men kunne ikke gøres færdig ({message}); den gøres færdig, næste gang arbejdsområdet åbnes."
                ),
                Language::En => format!(
                    "The change is decided but could not be completed ({message}); it will be completed the next time the workspace is opened."
                ),
            },
            other => format!("{}: {other}", self.t("Kunne ikke gemme", "Could not save")),
        }
    }

    /// Undoes (or redoes) the newest edit of the session. Each record must still be as that edit
    /// left it (or as the last undo/redo of it left it): its content on disk is compared with what
    /// this session wrote, so the session's own later writes (an earlier undo, another save) never
    /// count as a colleague's change. When a colleague really changed a record, nothing is written
    /// and the conflict dialog opens; that edit can no longer be undone and leaves the history.
    fn undo_redo(&mut self, undo: bool) {
        let Some(edit) = (if undo {
            self.undo.pop()
        } else {
            self.redo.pop()
        }) else {
            self.flash(
                if undo {
                    self.t("Intet at fortryde.", "Nothing to undo.")
                } else {
                    self.t("Intet at gentage.", "Nothing to redo.")
                },
                Tone::Info,
            );
            return;
        };
        let mut changes = vec![];
        // The first record a colleague changed, as the change this step wanted to write.
        let mut changed_by_other: Option<StoreError> = None;
        for (kind, id, before, after) in &edit.records {
            let want = if undo { before } else { after };
            let there = if undo { after } else { before };
            let on_disk = self.disk_record(*kind, id);
            let disk_rev = on_disk
                .as_ref()
                .and_then(|v| v.get("revision"))
                .and_then(serde_json::Value::as_u64);
            let same = match (there, &on_disk) {
                (Some(t), Some(d)) => {
                    strip_meta(super::popup::record_json(t)) == strip_meta(d.clone())
                }
                (None, None) => true,
                _ => false,
            };
            if !same && changed_by_other.is_none() {
                changed_by_other = Some(match (&on_disk, there) {
                    (None, _) => StoreError::Deleted {
                        kind: *kind,
                        id: id.clone(),
                    },
                    (Some(_), None) => StoreError::Exists {
                        kind: *kind,
                        id: id.clone(),
                    },
                    (Some(d), Some(t)) => StoreError::Conflict {
                        kind: *kind,
                        id: id.clone(),
                        ours: t.revision(),
                        theirs: disk_rev.unwrap_or(0),
                        by: d
                            .get("updated")
                            .and_then(|u| u.get("by"))
                            .and_then(serde_json::Value::as_str)
                            .unwrap_or_default()
                            .to_string(),
                    },
                });
            }
            match (want, there) {
                (None, Some(t)) => {
                    let mut t = t.clone();
                    set_revision(&mut t, disk_rev.unwrap_or(0));
                    changes.push(Change::Delete(t));
                }
                (Some(w), None) => {
                    let mut w = w.clone();
                    set_revision(&mut w, 0);
                    changes.push(Change::Create(w));
                }
                (Some(w), Some(_)) => {
                    let mut w = w.clone();
                    set_revision(&mut w, disk_rev.unwrap_or(0));
                    changes.push(Change::Update(w));
                }
                (None, None) => {}
            }
        }
        if let Some(e) = changed_by_other {
            // The edit is dropped: what it would restore is no longer what a colleague sees.
            self.reload();
            self.store_error(e, changes);
            return;
        }
        let word = if undo {
            self.t("fortrudt", "undone")
        } else {
            self.t("gentaget", "redone")
        };
        match self.store.apply(
            &mut self.ws,
            changes.clone(),
            &format!("{word}: {}", edit.summary),
        ) {
            Ok(()) => {
                if undo {
                    self.redo.push(edit.clone());
                } else {
                    self.undo.push(edit.clone());
                }
                let keys: Vec<_> = edit
                    .records
                    .iter()
                    .map(|(k, id, _, _)| (*k, id.clone()))
                    .collect();
                self.remember_own_writes(&keys);
                let kinds: Vec<RecordKind> = edit.records.iter().map(|(k, ..)| *k).collect();
                self.rebuild_touched(&kinds);
                let what: Vec<String> = edit
                    .records
                    .iter()
                    .map(|(k, id, _, _)| format!("{} {id}", k.label(self.lang)))
                    .collect();
                self.flash(
                    format!("{}: {}", capitalise(word), what.join(", ")),
                    Tone::Success,
                );
            }
            Err(
                e @ (StoreError::Conflict { .. }
                | StoreError::Deleted { .. }
                | StoreError::Exists { .. }),
            ) => {
                // Changed between the check above and the write: as above.
                self.reload();
                self.store_error(e, changes);
            }
            Err(e) => {
                // Keep the edit where it was: a passing problem (a lock, the disk) must not make
                // it impossible to undo.
                if undo {
                    self.undo.push(edit.clone());
                } else {
                    self.redo.push(edit.clone());
                }
                let msg = self.store_message(&e);
                self.flash(
                    format!(
                        "{}: {msg}",
                        self.t("Kunne ikke fortryde/gentage", "Could not undo/redo")
                    ),
                    Tone::Error,
                );
            }
        }
    }

    /// A record's file as JSON, or None when it does not exist (or cannot be read).
    fn disk_record(&self, kind: RecordKind, id: &str) -> Option<serde_json::Value> {
        self.store.read_raw(kind, id).ok().flatten()
    }

    /// After a conflict: saves the user's version of the record under a new id. Only for an edit
    /// of one record: a step that changed several records together (a case put on an agenda, an
    /// import) cannot be half kept, so it is dropped and the user does it again.
    fn keep_as_copy(&mut self, mine: Vec<Change>) {
        self.reload();
        let single = match mine.as_slice() {
            [Change::Update(r) | Change::Create(r)] => Some(r.clone()),
            _ => None,
        };
        let Some(mut r) = single else {
            self.flash(
                self.t(
                    "Ændringen rørte flere poster og kan ikke gemmes som kopi; kollegaens version er indlæst, gør det igen.",
                    "The change touched several records and cannot be kept as a copy; your colleague's version is loaded, do it again.",
                ),
                Tone::Info,
            );
            return;
        };
        let id = match &r {
            AnyRecord::Case(_) => self.next_case_id(),
            _ => fresh_copy_id(&self.ws, r.kind(), r.id(), |id| {
                self.taken_on_disk(r.kind(), id)
            }),
        };
        set_id(&mut r, &id);
        set_revision(&mut r, 0);
        if self
            .commit(vec![Change::Create(r)], "kept as a copy after a conflict")
            .is_ok()
        {
            self.flash(
                format!(
                    "{} {id}",
                    self.t("Din version er gemt som", "Your version is saved as")
                ),
                Tone::Success,
            );
        }
    }

    /// The next free case number: past the cases loaded and past any file on disk that holds one
    /// (a file that cannot be read, or whose id differs from its name, still takes its name).
    pub fn next_case_id(&self) -> String {
        use chrono::Datelike;
        let year = self.stamp().at.year();
        let mut ids: Vec<String> = self.ws.cases.iter().map(|c| c.id.clone()).collect();
        loop {
            let id = crate::model::ids::next_seq_id("S", year, ids.iter().map(String::as_str));
            if !self.taken_on_disk(RecordKind::Case, &id) {
                return id;
            }
            ids.push(id);
        }
    }

    /// `n` free case numbers in a row, for cases made at once (see [`App::next_case_id`]).
    pub fn next_case_ids(&self, n: usize) -> Vec<String> {
        use chrono::Datelike;
        let year = self.stamp().at.year();
        let mut ids: Vec<String> = self.ws.cases.iter().map(|c| c.id.clone()).collect();
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let id = crate::model::ids::next_seq_id("S", year, ids.iter().map(String::as_str));
            ids.push(id.clone());
            if !self.taken_on_disk(RecordKind::Case, &id) {
                out.push(id);
            }
        }
        out
    }

    /// Whether a file (of any kind, readable or not) has the name of this record.
    pub fn taken_on_disk(&self, kind: RecordKind, id: &str) -> bool {
        std::fs::symlink_metadata(self.store.path_of(kind, id)).is_ok()
    }

    /// Reads the workspace from disk again, keeping cursors on the same records.
    pub fn reload(&mut self) {
        let loaded = self.store.load();
        self.ws = loaded.workspace;
        self.problems = loaded.problems;
        self.disk_marks = disk_marks(self.store.root());
        self.own_writes.clear();
        if let Some(w) = &self.watch {
            w.take();
        } else {
            self.disk_state = Some(crate::store::scan(self.store.root()));
        }
        self.sync = crate::sync::SyncState::read(self.store.root());
        self.rebuild();
    }

    /// Notes the files this program just wrote, so that their change on disk is not taken for a
    /// colleague's.
    fn remember_own_writes(&mut self, keys: &[(RecordKind, String)]) {
        self.disk_marks = disk_marks(self.store.root());
        for (k, id) in keys {
            let p = self.store.path_of(*k, id);
            let mark = file_mark(&p);
            self.own_writes.insert(p, mark);
        }
        // Without events: note just the files written (a scan of every file would cost a stat per
        // record, and would take a colleague's change made meanwhile for this program's own).
        if self.watch.is_none() {
            match &mut self.disk_state {
                Some(state) => {
                    for (k, id) in keys {
                        let p = self.store.path_of(*k, id);
                        match std::fs::metadata(&p) {
                            Ok(m) => {
                                state.insert(p, (m.modified().ok(), m.len()));
                            }
                            Err(_) => {
                                state.remove(&p);
                            }
                        }
                    }
                }
                None => self.disk_state = Some(crate::store::scan(self.store.root())),
            }
        }
    }

    /// Called on every tick: reloads when another process changed the workspace.
    pub fn check_disk(&mut self) -> bool {
        // Not while a form or dialog is open: it works on the records as they were when it opened,
        // so a colleague's change in between shows as a conflict on save instead of being
        // overwritten. The reload happens once the popup closes.
        if !self.popups.is_empty() {
            return false;
        }
        let marks = disk_marks(self.store.root());
        let mut changed = marks != self.disk_marks;
        match &self.watch {
            // A file changed that this program did not leave so (a colleague's edit, even one
            // made in place).
            Some(w) => {
                changed |= w
                    .take()
                    .iter()
                    .any(|p| self.own_writes.get(p) != Some(&file_mark(p)));
            }
            // No events (a network file system): compare every file's time and size.
            None => {
                changed |= self.disk_state.as_ref() != Some(&crate::store::scan(self.store.root()));
            }
        }
        if changed {
            self.reload();
            true
        } else {
            false
        }
    }

    /// When the draft of an open form could not be kept at quitting: stay, and ask.
    pub fn draft_not_kept(&mut self, why: &str) {
        self.quit = false;
        let text = match self.lang {
            Language::Da => format!(
                "Formularen kunne ikke gemmes som kladde ({why}). Afslut alligevel, og mist det indtastede? (j/n)"
            ),
            Language::En => format!(
                "The form could not be kept as a draft ({why}). Quit anyway and lose what you typed? (y/n)"
            ),
        };
        self.confirm(&text, Intent::App(AppIntent::QuitAnyway));
    }

    /// Offers a recovered form (from a dropped connection) back.
    pub fn offer_recovery(&mut self, snap: FormSnapshot) {
        self.popups.push(Popup::Recover(snap));
    }

    /// Says that the kept draft form could not be read (and where the file is kept).
    pub fn recovery_unreadable(&mut self, kept: &std::path::Path, why: &str) {
        let text = match self.lang {
            Language::Da => format!(
                "En formular gemt som kladde ved en tidligere afslutning kunne ikke læses, \
                 sandsynligvis fordi en ældre version af programmet gemte den.\n\n\
                 Fejl: {why}\n\n\
                 Intet er slettet: filen ligger i {}; det indtastede kan kopieres derfra.",
                kept.display()
            ),
            Language::En => format!(
                "A form kept as a draft when the program last stopped could not be read, \
                 probably because an older version of the program kept it.\n\n\
                 Error: {why}\n\n\
                 Nothing is deleted: the file is at {}; what was typed can be copied from there.",
                kept.display()
            ),
        };
        self.message_box(
            self.t("Kladde kan ikke læses", "Draft cannot be read"),
            text,
        );
    }

    /// The path of the workspace, for the status bar.
    pub fn root(&self) -> PathBuf {
        self.store.root().to_path_buf()
    }
}

/// The new scroll position of a long text after a scrolling key (↑/↓, j/k, PgUp/PgDn, Space,
/// Ctrl-u/Ctrl-d, g/G, Home/End), or None when the key does not scroll.
fn scrolled(ev: KeyEvent, scroll: u16, lines: u16, page: usize) -> Option<u16> {
    let page = u16::try_from(page.max(2)).unwrap_or(u16::MAX);
    let half = (page / 2).max(1);
    let end = lines.saturating_sub(page).max(1).min(lines);
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let to = match ev.code {
        KeyCode::Char('d') if ctrl => scroll.saturating_add(half),
        KeyCode::Char('u') if ctrl => scroll.saturating_sub(half),
        _ if ctrl => return None,
        KeyCode::Down | KeyCode::Char('j') => scroll.saturating_add(1),
        KeyCode::Up | KeyCode::Char('k') => scroll.saturating_sub(1),
        KeyCode::PageDown | KeyCode::Char(' ') => scroll.saturating_add(page),
        KeyCode::PageUp => scroll.saturating_sub(page),
        KeyCode::Home | KeyCode::Char('g') => 0,
        KeyCode::End | KeyCode::Char('G') => end,
        _ => return None,
    };
    Some(to.min(lines))
}

/// A record's JSON without the bookkeeping fields that every write changes.
fn strip_meta(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(o) = v.as_object_mut() {
        for k in ["revision", "updated", "created", "schema_version"] {
            o.remove(k);
        }
    }
    v
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Modification times of workspace.json's folder and each kind's folder: a write anywhere renames
/// a file into one of them, which changes that folder's time.
pub fn disk_marks(root: &std::path::Path) -> Vec<Option<SystemTime>> {
    std::iter::once(root.to_path_buf())
        .chain(RecordKind::ALL.iter().map(|k| root.join(k.folder())))
        .map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .collect()
}

pub fn set_revision(r: &mut AnyRecord, rev: u64) {
    use crate::model::Record;
    match r {
        AnyRecord::Forum(x) => x.set_revision(rev),
        AnyRecord::Initiative(x) => x.set_revision(rev),
        AnyRecord::Case(x) => x.set_revision(rev),
        AnyRecord::Meeting(x) => x.set_revision(rev),
        AnyRecord::Consultation(x) => x.set_revision(rev),
        AnyRecord::Decision(x) => x.set_revision(rev),
    }
}

fn set_id(r: &mut AnyRecord, id: &str) {
    match r {
        AnyRecord::Forum(x) => x.id = id.into(),
        AnyRecord::Initiative(x) => x.id = id.into(),
        AnyRecord::Case(x) => x.id = id.into(),
        AnyRecord::Meeting(x) => x.id = id.into(),
        AnyRecord::Consultation(x) => x.id = id.into(),
        AnyRecord::Decision(x) => x.id = id.into(),
    }
}

/// "S-2026-014-kopi", then "-kopi-2", ...: an id not yet taken (in the workspace, or on disk by
/// `taken`).
fn fresh_copy_id(
    ws: &Workspace,
    kind: RecordKind,
    id: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    let mut n = 1;
    loop {
        let cand = if n == 1 {
            format!("{id}-kopi")
        } else {
            format!("{id}-kopi-{n}")
        };
        if AnyRecord::find(ws, kind, &cand).is_none() && !taken(&cand) {
            return cand;
        }
        n += 1;
    }
}
