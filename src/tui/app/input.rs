//! Key routing: a key goes to the popup on top, the filter being typed or the key tables of the
//! screen; an action is carried out by the screen's module or here (moving, going back, screens).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Detail, ScreenId, Tone};
use crate::i18n::Label;
use crate::model::{AnyRecord, RecordKind};
use crate::tui::action::Action;
use crate::tui::form::{Form, FormEvent, RefKind};
use crate::tui::intent::{AppIntent, ForumsIntent, Intent};
use crate::tui::keymap::{self, Binding};
use crate::tui::popup::{Picker, PickerItem, Popup};
use crate::tui::screens;
use crate::tui::widgets::text_input::TextInput;

impl App {
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
                    .map(|l| usize::from(crate::tui::popup::wrapped_rows(l, 74)))
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
                    crate::tui::recovery::discard(self.store.root());
                    self.popups.push(Popup::Form(Form::restore(snap)));
                }
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                    crate::tui::recovery::discard(self.store.root());
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
                    .map(|b| crate::tui::text::wrap_words(b.describe(self.lang), 56).len())
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
                    && crate::tui::text::matches(query, &format!("{name} {}", b.key_names()))
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
            AppIntent::MailSend { kind, id } => crate::tui::mail::confirmed_send(self, kind, &id),
            AppIntent::MailRecord => crate::tui::mail::record_inbox(self),
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
