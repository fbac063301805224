//! The application state and `App::update`, the one place that changes the workspace: every edit
//! goes through [`App::commit`] to the store (atomic, revision-checked, audited), lands in the
//! undo stack, and the lists are rebuilt. Rendering only reads this state.

use std::path::PathBuf;
use std::time::SystemTime;

use chrono::{Local, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::form::{Form, FormEvent, FormPurpose, FormSnapshot, RefKind};
use super::keymap::{self, Binding};
use super::list::{ListModel, ListState};
use super::popup::{Pending, Picker, PickerItem, Popup};
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
    pub const EVERY: [ScreenId; 7] = [
        ScreenId::Overview,
        ScreenId::Portfolio,
        ScreenId::Cases,
        ScreenId::Meetings,
        ScreenId::Consultations,
        ScreenId::Decisions,
        ScreenId::Forums,
    ];
    /// 1..7 (7 is Forums, which has no number key).
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
        }
    }
    /// The kind of record the screen lists (Overview lists several).
    pub fn kind(self) -> Option<RecordKind> {
        match self {
            ScreenId::Overview => None,
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
}

/// The kind of a status-line message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Error,
}

/// One undoable edit: each record before and after.
#[derive(Debug, Clone)]
pub struct Edit {
    pub summary: String,
    pub records: Vec<(RecordKind, String, Option<AnyRecord>, Option<AnyRecord>)>,
    /// The revision of each record as this session last wrote it (None: deleted). An undo or redo
    /// expects exactly that on disk, so a colleague's later change is never overwritten silently.
    pub written: Vec<Option<u64>>,
}

/// The whole program state.
pub struct App {
    pub store: Store,
    pub ws: Workspace,
    pub problems: Vec<Problem>,
    pub lang: Language,
    pub today: NaiveDate,
    pub screen: ScreenId,
    pub views: [View; 7],
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
    /// A background job (the meeting pack) and its progress.
    pub job: Option<super::job::Job>,
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
            job: None,
        };
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

    /// Recomputes derived data and every list (after any change of the workspace).
    pub fn rebuild(&mut self) {
        self.deviations = current_quarter(&self.ws)
            .map(|q| deviations(&self.ws, q))
            .unwrap_or_default();
        for s in ScreenId::EVERY {
            self.rebuild_list(s);
        }
    }

    /// Rebuilds one screen's list rows (after a change of its sort or mode).
    pub fn rebuild_list(&mut self, s: ScreenId) {
        let model = screens::model(self, s);
        let v = self.view_of_mut(s);
        v.model = model;
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
        vec![
            screens::keys(self.screen, detail),
            keymap::NAV,
            keymap::GLOBAL,
        ]
    }

    // ----- input -----

    /// Handles one key press.
    pub fn handle_key(&mut self, ev: KeyEvent) {
        if ev.kind == crossterm::event::KeyEventKind::Release {
            return;
        }
        if self.too_small {
            // Nothing is visible: only Ctrl-c (quit, asking first about unsaved input) works.
            if ev.modifiers.contains(KeyModifiers::CONTROL) && matches!(ev.code, KeyCode::Char('c'))
            {
                self.update(Action::Quit);
            }
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
        if screens::update(self, a) {
            return;
        }
        let page = self.page.max(1) as isize;
        match a {
            Action::Quit => {
                if self.has_dirty_form() {
                    self.confirm(
                        self.t(
                            "Formularen har ændringer, der ikke er gemt. Afslut alligevel?",
                            "The form has unsaved changes. Quit anyway?",
                        ),
                        Pending::app("quit", ""),
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
            Action::Palette => self.popups.push(Popup::Palette {
                input: TextInput::new("", false),
                cursor: 0,
            }),
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
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
                        self.view_mut().detail = self.still_there(s, d);
                    } else {
                        self.view_mut().detail = None;
                    }
                } else if !self.view().list.filter.is_empty() {
                    self.view_mut().list.filter.clear();
                    self.refilter();
                } else if let Some((s, d)) = self.back.pop() {
                    self.screen = s;
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

    pub fn confirm(&mut self, text: &str, then: Pending) {
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
        });
    }

    pub fn open_form(&mut self, f: Form) {
        self.popups.push(Popup::Form(f));
    }

    /// A picker over `items`; the choice goes to the screen's `picked` with `then`.
    pub fn pick(&mut self, title: &str, items: Vec<PickerItem>, then: Pending) {
        self.popups
            .push(Popup::Picker(Picker::new(title, items, then, None)));
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
                            Pending::app("discard-form", ""),
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
                    let screen = ScreenId::from_number(f.purpose.screen).unwrap_or(self.screen);
                    // The form stays underneath while the screen saves it, so a conflict
                    // dialog or an error keeps what was typed.
                    let depth = self.popups.len();
                    if let Err(msg) = screens::submit(self, screen, &mut f) {
                        f.error = Some(msg);
                        self.popups.insert(depth, Popup::Form(f));
                    }
                }
                FormEvent::Pick(r) => {
                    let key = f.focused().map(|x| x.key).unwrap_or("");
                    let items = self.ref_items(r);
                    let title = f.focused().map(|x| x.label.clone()).unwrap_or_default();
                    self.popups.push(Popup::Form(f));
                    self.popups.push(Popup::Picker(Picker::new(
                        &title,
                        items,
                        Pending::app("form-ref", ""),
                        Some(key),
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
                        if let Some(key) = p.form_field {
                            if let Some(Popup::Form(f)) = self.popups.last_mut() {
                                f.set(key, &id);
                            }
                        } else {
                            let s = ScreenId::from_number(p.then.screen).unwrap_or(self.screen);
                            screens::picked(self, s, &p.then, &id);
                        }
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
            Popup::Help { scroll } => match ev.code {
                KeyCode::Down | KeyCode::Char('j') => self.popups.push(Popup::Help {
                    scroll: (scroll + 1).min(self.help_lines()),
                }),
                KeyCode::Up | KeyCode::Char('k') => self.popups.push(Popup::Help {
                    scroll: scroll.saturating_sub(1),
                }),
                _ => {}
            },
            Popup::Message {
                title,
                text,
                scroll,
            } => match ev.code {
                KeyCode::Down | KeyCode::Char('j') => {
                    let max = u16::try_from(text.lines().count()).unwrap_or(u16::MAX);
                    self.popups.push(Popup::Message {
                        title,
                        text,
                        scroll: (scroll + 1).min(max),
                    })
                }
                KeyCode::Up | KeyCode::Char('k') => self.popups.push(Popup::Message {
                    title,
                    text,
                    scroll: scroll.saturating_sub(1),
                }),
                _ => {}
            },
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
                _ => self.popups.push(Popup::Conflict(c)),
            },
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
        let n: usize = self.tables().iter().map(|t| t.len() + 2).sum();
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

    fn confirmed(&mut self, then: Pending) {
        if then.screen == 0 {
            match then.what.as_str() {
                "quit" => self.quit = true,
                "discard-form" => {
                    if let Some(i) = self
                        .popups
                        .iter()
                        .rposition(|p| matches!(p, Popup::Form(_)))
                    {
                        self.popups.remove(i);
                    }
                }
                "delete" => self.do_delete(&then.target),
                _ => {}
            }
            return;
        }
        let s = ScreenId::from_number(then.screen).unwrap_or(self.screen);
        screens::confirmed(self, s, &then);
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
        let refs = self.ws.references_to(kind, &id);
        if !refs.is_empty() {
            let mut names: Vec<String> = refs
                .iter()
                .take(5)
                .map(|(k, r)| format!("{} {r}", k.label(self.lang)))
                .collect();
            if refs.len() > 5 {
                names.push(format!("+{}", refs.len() - 5));
            }
            self.flash(
                format!(
                    "{} {} {id}: {} {}",
                    self.t("Kan ikke slette", "Cannot delete"),
                    kind.label(self.lang),
                    self.t("den bruges af", "it is used by"),
                    names.join(", ")
                ),
                Tone::Error,
            );
            return;
        }
        let text = format!(
            "{} {}: {}? {}",
            self.t("Slet", "Delete"),
            kind.label(self.lang),
            super::text::safe_line(&rec.title()),
            self.t("(j/n; kan fortrydes med u)", "(y/n; u undoes it)")
        );
        self.confirm(&text, Pending::app("delete", &id));
    }

    fn do_delete(&mut self, id: &str) {
        let Some(kind) = self.screen.kind() else {
            return;
        };
        let Some(rec) = AnyRecord::find(&self.ws, kind, id) else {
            return;
        };
        if self.commit(vec![Change::Delete(rec)], "deleted").is_ok() {
            self.view_mut().detail = None;
            self.flash(
                format!(
                    "{} {id} {}",
                    kind.label(self.lang),
                    self.t("er slettet (u fortryder).", "deleted (u undoes it).")
                ),
                Tone::Success,
            );
        }
    }

    // ----- saving, undo, conflicts -----

    /// Writes `changes` through the store as one undoable edit. On a conflict the conflict dialog
    /// opens (and `Err` says so); other errors are shown in the status line.
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
                let written = records
                    .iter()
                    .map(|(_, _, _, a)| a.as_ref().map(AnyRecord::revision))
                    .collect();
                self.undo.push(Edit {
                    summary: summary.to_string(),
                    records,
                    written,
                });
                self.redo.clear();
                self.disk_marks = disk_marks(self.store.root());
                self.rebuild();
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
            other => format!("{}: {other}", self.t("Kunne ikke gemme", "Could not save")),
        }
    }

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
        for ((_, _, before, after), written) in edit.records.iter().zip(&edit.written) {
            let want = if undo { before } else { after };
            let there = if undo { after } else { before };
            match (want, written, there) {
                (None, Some(rev), Some(t)) => {
                    let mut t = t.clone();
                    set_revision(&mut t, *rev);
                    changes.push(Change::Delete(t));
                }
                (Some(w), None, _) => {
                    let mut w = w.clone();
                    set_revision(&mut w, 0);
                    changes.push(Change::Create(w));
                }
                (Some(w), Some(rev), _) => {
                    let mut w = w.clone();
                    set_revision(&mut w, *rev);
                    changes.push(Change::Update(w));
                }
                _ => {}
            }
        }
        let word = if undo {
            self.t("fortrudt", "undone")
        } else {
            self.t("gentaget", "redone")
        };
        match self
            .store
            .apply(&mut self.ws, changes, &format!("{word}: {}", edit.summary))
        {
            Ok(()) => {
                // Keep the stamps of what is now in the workspace, so the next undo of the same
                // edit checks against the right revisions.
                let written = edit
                    .records
                    .iter()
                    .map(|(k, id, _, _)| AnyRecord::find(&self.ws, *k, id).map(|r| r.revision()))
                    .collect();
                let moved = Edit {
                    summary: edit.summary.clone(),
                    records: edit.records.clone(),
                    written,
                };
                if undo {
                    self.redo.push(moved);
                } else {
                    self.undo.push(moved);
                }
                self.disk_marks = disk_marks(self.store.root());
                self.rebuild();
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
            AnyRecord::Case(_) => crate::ops::case::next_case_id(&self.ws, &self.stamp()),
            _ => fresh_copy_id(&self.ws, r.kind(), r.id()),
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

    /// Reads the workspace from disk again, keeping cursors on the same records.
    pub fn reload(&mut self) {
        let loaded = self.store.load();
        self.ws = loaded.workspace;
        self.problems = loaded.problems;
        self.disk_marks = disk_marks(self.store.root());
        self.rebuild();
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
        if marks != self.disk_marks {
            self.reload();
            true
        } else {
            false
        }
    }

    /// Offers a recovered form (from a dropped connection) back.
    pub fn offer_recovery(&mut self, snap: FormSnapshot) {
        self.popups.push(Popup::Recover(snap));
    }

    /// The path of the workspace, for the status bar.
    pub fn root(&self) -> PathBuf {
        self.store.root().to_path_buf()
    }

    /// A form purpose for this screen.
    pub fn purpose(s: ScreenId, what: &str, target: Option<&str>) -> FormPurpose {
        FormPurpose {
            screen: s.number(),
            what: what.to_string(),
            target: target.map(str::to_string),
        }
    }
}

fn capitalise(s: &str) -> String {
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

/// "S-2026-014-kopi", then "-kopi-2", ...: an id not yet taken.
fn fresh_copy_id(ws: &Workspace, kind: RecordKind, id: &str) -> String {
    let mut n = 1;
    loop {
        let cand = if n == 1 {
            format!("{id}-kopi")
        } else {
            format!("{id}-kopi-{n}")
        };
        if AnyRecord::find(ws, kind, &cand).is_none() {
            return cand;
        }
        n += 1;
    }
}
