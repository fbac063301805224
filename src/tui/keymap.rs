//! Keys -> actions, as data. Dispatch and the `?` help both read these tables, so what the help
//! says is what the keys do. Every screen's own table lives in its module (`screens::*::keys`);
//! here are the global and navigation tables and the matching rule.
//!
//! Nothing depends on Alt/Meta, on function keys or on the timing of Esc: plain letters, Ctrl,
//! arrows and the keys every terminal over SSH sends.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::model::Language;

/// One key as the keymap writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

/// A plain key.
pub const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
/// A character key.
pub const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}
/// Ctrl plus a character.
pub const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

impl Key {
    /// Whether a key event is this key. Shift is ignored for characters (it is in the character).
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let ev_ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        if ev_ctrl != self.ctrl {
            return false;
        }
        match (self.code, ev.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                if self.ctrl {
                    a.eq_ignore_ascii_case(&b)
                } else {
                    a == b
                }
            }
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (KeyCode::Tab, KeyCode::Tab) => !ev.modifiers.contains(KeyModifiers::SHIFT),
            (a, b) => a == b,
        }
    }

    /// How the help screen writes the key.
    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// A key table entry: the keys, the action, and what it does in each language.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub da: &'static str,
    pub en: &'static str,
}

impl Binding {
    pub fn describe(&self, lang: Language) -> &'static str {
        match lang {
            Language::Da => self.da,
            Language::En => self.en,
        }
    }
    /// "j/↓" for the help screen and the status bar.
    pub fn key_names(&self) -> String {
        self.keys
            .iter()
            .map(Key::name)
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Shorthand for a table entry.
pub const fn bind(
    keys: &'static [Key],
    action: Action,
    da: &'static str,
    en: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        da,
        en,
    }
}

/// `e`: edit the record, as most screens say it.
pub const EDIT: Binding = bind(&[ch('e')], Action::Edit, "Rediger", "Edit");
/// `d`: delete the record (asks first; can be undone).
pub const DELETE: Binding = bind(&[ch('d')], Action::Delete, "Slet", "Delete");

/// Keys that work everywhere outside popups.
pub const GLOBAL: &[Binding] = &[
    bind(&[ch('?')], Action::Help, "Vis taster", "Show keys"),
    bind(
        &[ch(':')],
        Action::Palette,
        "Kommandopalet",
        "Command palette",
    ),
    bind(&[ch('q')], Action::Quit, "Afslut", "Quit"),
    bind(
        &[key(KeyCode::Tab)],
        Action::NextScreen,
        "Næste skærm",
        "Next screen",
    ),
    bind(
        &[key(KeyCode::BackTab)],
        Action::PrevScreen,
        "Forrige skærm",
        "Previous screen",
    ),
    bind(&[ch('1')], Action::GoTo(1), "Overblik", "Overview"),
    bind(&[ch('2')], Action::GoTo(2), "Portefølje", "Portfolio"),
    bind(&[ch('3')], Action::GoTo(3), "Sager", "Cases"),
    bind(&[ch('4')], Action::GoTo(4), "Møder", "Meetings"),
    bind(&[ch('5')], Action::GoTo(5), "Høringer", "Consultations"),
    bind(&[ch('6')], Action::GoTo(6), "Beslutninger", "Decisions"),
    bind(
        &[ch('F')],
        Action::GoTo(7),
        "Fora og medlemmer",
        "Forums and members",
    ),
    bind(
        &[ch('O')],
        Action::GoTo(8),
        "Opfølgningsliste (alle opfølgningspunkter)",
        "Follow-up list (every action item)",
    ),
    bind(
        &[ctrl('f')],
        Action::SearchAll,
        "Find alt: sag, møde, høring, beslutning, initiativ",
        "Find anything: case, meeting, consultation, decision, initiative",
    ),
    bind(
        &[ch('L')],
        Action::History,
        "Historik: hvem ændrede posten hvornår, og posten som den var",
        "History: who changed the record when, and the record as it was",
    ),
    bind(&[ch('u')], Action::Undo, "Fortryd", "Undo"),
    bind(&[ctrl('r')], Action::Redo, "Gentag", "Redo"),
    bind(
        &[ctrl('l')],
        Action::Reload,
        "Indlæs fra disk igen",
        "Reload from disk",
    ),
    bind(
        &[ch('Y')],
        Action::Sync,
        "Synkronisér med de andre sekretariater (git sync)",
        "Sync with the other secretariats (git)",
    ),
];

/// Keys that work everywhere, in forms and dialogs too (checked before anything else gets the key).
pub const ANYWHERE: &[Binding] = &[bind(
    &[ctrl('q'), ctrl('c')],
    Action::Quit,
    "Afslut straks (en åben formular gemmes som kladde til næste start)",
    "Quit at once (an open form is kept as a draft for the next start)",
)];

/// Moving around lists and detail views.
pub const NAV: &[Binding] = &[
    bind(&[ch('k'), key(KeyCode::Up)], Action::Up, "Op", "Up"),
    bind(&[ch('j'), key(KeyCode::Down)], Action::Down, "Ned", "Down"),
    bind(
        &[ch('g'), key(KeyCode::Home)],
        Action::Top,
        "Første",
        "First",
    ),
    bind(
        &[ch('G'), key(KeyCode::End)],
        Action::Bottom,
        "Sidste",
        "Last",
    ),
    bind(
        &[key(KeyCode::PageUp)],
        Action::PageUp,
        "Side op",
        "Page up",
    ),
    bind(
        &[key(KeyCode::PageDown)],
        Action::PageDown,
        "Side ned",
        "Page down",
    ),
    bind(
        &[ctrl('u')],
        Action::HalfPageUp,
        "Halv side op",
        "Half page up",
    ),
    bind(
        &[ctrl('d')],
        Action::HalfPageDown,
        "Halv side ned",
        "Half page down",
    ),
    bind(&[key(KeyCode::Enter)], Action::Open, "Åbn", "Open"),
    bind(
        &[key(KeyCode::Esc), key(KeyCode::Left), ch('h')],
        Action::Back,
        "Tilbage",
        "Back",
    ),
    bind(&[ch('/')], Action::Filter, "Filtrér", "Filter"),
];

/// The first binding in `tables` (in order) whose key matches.
pub fn lookup(tables: &[&'static [Binding]], ev: &KeyEvent) -> Option<Action> {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn shift_is_part_of_the_character() {
        let a = lookup(&[NAV], &ev(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(a, Some(Action::Bottom));
        let a = lookup(&[NAV], &ev(KeyCode::Char('g'), KeyModifiers::NONE));
        assert_eq!(a, Some(Action::Top));
    }

    #[test]
    fn ctrl_must_match() {
        assert_eq!(
            lookup(&[NAV], &ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            lookup(&[NAV], &ev(KeyCode::Char('d'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            lookup(
                &[GLOBAL],
                &ev(
                    KeyCode::Char('R'),
                    KeyModifiers::CONTROL | KeyModifiers::SHIFT
                )
            ),
            Some(Action::Redo)
        );
    }

    #[test]
    fn the_keys_that_work_everywhere_are_used_by_no_other_table_nor_by_text_input() {
        let tables: Vec<&[Binding]> = vec![GLOBAL, NAV];
        let screens = crate::tui::app::ScreenId::EVERY.iter().flat_map(|s| {
            [
                crate::tui::screens::keys(*s, false),
                crate::tui::screens::keys(*s, true),
            ]
        });
        for b in ANYWHERE {
            for k in b.keys {
                let ev = KeyEvent::new(k.code, KeyModifiers::CONTROL);
                for t in tables.iter().copied().chain(screens.clone()) {
                    assert_eq!(lookup(&[t], &ev), None, "{} is taken", k.name());
                }
                // A text field does nothing with it either (it is not an editing key).
                let mut t = crate::tui::widgets::text_input::TextInput::new("x", true);
                assert!(!t.handle_key(ev), "{}", k.name());
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_screen_table() {
        use crate::tui::app::ScreenId;
        for s in ScreenId::EVERY {
            for detail in [false, true] {
                let mut seen = std::collections::HashSet::new();
                for b in crate::tui::screens::keys(s, detail) {
                    for k in b.keys {
                        assert!(
                            seen.insert((format!("{:?}", k.code), k.ctrl)),
                            "{} twice on {s:?} (detail {detail})",
                            k.name()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn no_screen_key_shadows_a_global_one() {
        use crate::tui::app::ScreenId;
        for s in ScreenId::EVERY {
            for detail in [false, true] {
                for b in crate::tui::screens::keys(s, detail) {
                    for k in b.keys {
                        let ev = KeyEvent::new(
                            k.code,
                            if k.ctrl {
                                KeyModifiers::CONTROL
                            } else {
                                KeyModifiers::NONE
                            },
                        );
                        assert_eq!(
                            lookup(&[GLOBAL, ANYWHERE], &ev),
                            None,
                            "{} on {s:?} (detail {detail}) hides a global key",
                            k.name()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_economy_view_keys_are_unique_and_hide_no_navigation_or_global_key() {
        let mut seen = std::collections::HashSet::new();
        for b in crate::tui::screens::portfolio::ECONOMY_KEYS {
            for k in b.keys {
                assert!(
                    seen.insert((format!("{:?}", k.code), k.ctrl)),
                    "{} twice in the economy view",
                    k.name()
                );
                let ev = KeyEvent::new(
                    k.code,
                    if k.ctrl {
                        KeyModifiers::CONTROL
                    } else {
                        KeyModifiers::NONE
                    },
                );
                // The view's table is looked up before these, so it must not take their keys.
                assert_eq!(
                    lookup(&[NAV, GLOBAL, ANYWHERE], &ev),
                    None,
                    "{} in the economy view hides a navigation or global key",
                    k.name()
                );
            }
        }
    }

    #[test]
    fn no_global_binding_needs_alt_or_function_keys() {
        for b in GLOBAL.iter().chain(NAV) {
            for k in b.keys {
                assert!(!matches!(k.code, KeyCode::F(_)), "{:?}", b.action);
            }
        }
    }
}
