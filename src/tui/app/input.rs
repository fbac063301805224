//! Key routing: a key goes to the popup on top, the filter being typed or the key tables of the
//! screen; an action is carried out by the screen's module or here (moving, going back, screens).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Detail, ScreenId, Tone};
use crate::i18n::Label;
use crate::model::{AnyRecord, RecordKind};
use crate::tui::action::Action;
use crate::tui::intent::{AppIntent, Intent};
use crate::tui::keymap;
use crate::tui::popup::Popup;
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
            crate::tui::popups::key(self, ev);
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

    pub(crate) fn confirmed(&mut self, then: Intent) {
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
}
