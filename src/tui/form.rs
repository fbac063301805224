//! Forms: labelled fields of text, multi-line text, dates, times, amounts, numbers, choices and
//! references to other records. A form is data; the screen that opened it reads the values on
//! submit. Values are parsed (and errors put next to their field) before the screen sees them, and
//! nothing typed is lost while the user fixes an error.

use chrono::{NaiveDate, NaiveTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

use super::input_parse::{parse_amount, parse_date, parse_time, parse_u32};
use super::intent::Intent;
use super::widgets::text_input::TextInput;
use crate::model::{Amount, Language, RecordKind};

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FieldKind {
    Text,
    Multiline,
    Date,
    Time,
    Amount,
    Number,
    /// One of fixed options: (stored value, label shown).
    Choice(Vec<(String, String)>),
    /// The id of a record of this kind, picked from a list.
    Ref(RefKind),
    /// A file path; Tab completes it from the file system (from the folder the program runs in).
    Path,
}

/// Which records a reference field picks from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RefKind {
    Forum,
    Initiative,
    Case,
}

impl RefKind {
    pub fn record_kind(self) -> RecordKind {
        match self {
            RefKind::Forum => RecordKind::Forum,
            RefKind::Initiative => RecordKind::Initiative,
            RefKind::Case => RecordKind::Case,
        }
    }
}

/// One field of a form.
#[derive(Debug, Clone)]
pub struct Field {
    pub key: &'static str,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    pub input: TextInput,
    /// Index into the options of a choice field.
    pub choice: usize,
    pub error: Option<String>,
    /// The value the form opened with, to know whether anything was typed.
    pub initial: String,
}

impl Field {
    pub fn new(key: &'static str, label: &str, kind: FieldKind, value: &str) -> Field {
        let multiline = kind == FieldKind::Multiline;
        let choice = match &kind {
            FieldKind::Choice(opts) => opts.iter().position(|(v, _)| v == value).unwrap_or(0),
            _ => 0,
        };
        Field {
            key,
            label: label.to_string(),
            kind,
            required: false,
            input: TextInput::new(value, multiline),
            choice,
            error: None,
            initial: value.to_string(),
        }
    }
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// The raw value: the text, or the chosen option's stored value.
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Choice(opts) => opts
                .get(self.choice)
                .map(|(v, _)| v.clone())
                .unwrap_or_default(),
            _ => self.input.value(),
        }
    }

    /// What the field shows when it is not being edited.
    pub fn display(&self) -> String {
        match &self.kind {
            FieldKind::Choice(opts) => opts
                .get(self.choice)
                .map(|(_, l)| l.clone())
                .unwrap_or_default(),
            _ => self.input.value(),
        }
    }

    fn set_value(&mut self, v: &str) {
        match &self.kind {
            FieldKind::Choice(opts) => {
                self.choice = opts.iter().position(|(o, _)| o == v).unwrap_or(0);
            }
            _ => self.input.set_value(v),
        }
    }
}

/// A form popup.
#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    /// What saving it does, and on which records (see [`Intent::records`]).
    pub intent: Intent,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A message for the whole form (e.g. why saving failed).
    pub error: Option<String>,
    /// The revisions of the records the form edits, as they were when it opened: saving it checks
    /// against these, so a form given back after a dropped connection meets the conflict dialog
    /// when a colleague saved the record in between.
    pub base: Vec<BaseRevision>,
}

/// A record's revision when a form on it opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseRevision {
    /// The record's folder ("cases"): how the store names its kind.
    pub kind: String,
    pub id: String,
    pub revision: u64,
}

/// What a key did to a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormEvent {
    Nothing,
    /// Ctrl-s: check and save.
    Submit,
    /// Esc: close (the app asks first when something was typed).
    Cancel,
    /// Enter on a reference field: open the picker.
    Pick(RefKind),
}

impl Form {
    pub fn new(title: &str, intent: Intent, fields: Vec<Field>) -> Form {
        Form {
            title: title.to_string(),
            intent,
            fields,
            focus: 0,
            error: None,
            base: vec![],
        }
    }

    /// Whether anything differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.fields.iter().any(|f| f.value() != f.initial)
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The trimmed text of a field ("" when there is no such field).
    pub fn text(&self, key: &str) -> String {
        self.field(key)
            .map(|f| {
                if f.kind == FieldKind::Multiline {
                    f.value().trim_end().to_string()
                } else {
                    f.value().trim().to_string()
                }
            })
            .unwrap_or_default()
    }

    /// An optional text: None when blank.
    pub fn opt_text(&self, key: &str) -> Option<String> {
        Some(self.text(key)).filter(|s| !s.is_empty())
    }

    /// Sets a field's value (filling in from a picker).
    pub fn set(&mut self, key: &str, v: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
            f.set_value(v);
            f.error = None;
        }
    }

    pub fn set_error(&mut self, key: &str, msg: String) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
            f.error = Some(msg);
        }
    }

    /// Checks every field (required, parses as its kind) and puts messages next to the fields.
    /// Returns whether the form is valid.
    pub fn validate(&mut self, today: NaiveDate, lang: Language) -> bool {
        let mut ok = true;
        for f in &mut self.fields {
            let v = f.value();
            let v = v.trim();
            f.error = None;
            if v.is_empty() {
                if f.required {
                    f.error = Some(
                        match lang {
                            Language::Da => "skal udfyldes",
                            Language::En => "required",
                        }
                        .to_string(),
                    );
                    ok = false;
                }
                continue;
            }
            let r = match f.kind {
                FieldKind::Date => parse_date(v, today, lang).map(|_| ()),
                FieldKind::Time => parse_time(v, lang).map(|_| ()),
                FieldKind::Amount => parse_amount(v, lang).map(|_| ()),
                FieldKind::Number => parse_u32(v, lang).map(|_| ()),
                _ => Ok(()),
            };
            if let Err(e) = r {
                f.error = Some(e);
                ok = false;
            }
        }
        if !ok && let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
        ok
    }

    /// A date field's value (after [`Form::validate`]): None when blank or invalid.
    pub fn date(&self, key: &str, today: NaiveDate, lang: Language) -> Option<NaiveDate> {
        let v = self.text(key);
        parse_date(&v, today, lang).ok()
    }
    pub fn time(&self, key: &str, lang: Language) -> Option<NaiveTime> {
        parse_time(&self.text(key), lang).ok()
    }
    pub fn amount(&self, key: &str, lang: Language) -> Option<Amount> {
        parse_amount(&self.text(key), lang).ok()
    }
    pub fn number(&self, key: &str, lang: Language) -> Option<u32> {
        parse_u32(&self.text(key), lang).ok()
    }

    /// Handles a key. Tab / Shift-Tab (and ↑/↓ outside multi-line text) move between fields;
    /// Enter goes to the next field (a new line in multi-line text; the picker on a reference);
    /// ←/→/Space change a choice; Ctrl-s saves; Esc closes.
    pub fn handle_key(&mut self, ev: KeyEvent) -> FormEvent {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(ev.code, KeyCode::Char('s') | KeyCode::Char('S')) {
            return FormEvent::Submit;
        }
        let n = self.fields.len();
        if n == 0 {
            return match ev.code {
                KeyCode::Esc => FormEvent::Cancel,
                KeyCode::Enter => FormEvent::Submit,
                _ => FormEvent::Nothing,
            };
        }
        let Some(f) = self.fields.get_mut(self.focus) else {
            self.focus = 0;
            return FormEvent::Nothing;
        };
        match ev.code {
            KeyCode::Esc => return FormEvent::Cancel,
            KeyCode::Tab if f.kind == FieldKind::Path => {
                let base = std::env::current_dir().unwrap_or_default();
                let done = super::path_complete::complete(&f.input.value(), &base);
                f.input.set_value(&done);
                f.error = None;
                return FormEvent::Nothing;
            }
            KeyCode::Tab => {
                self.focus = (self.focus + 1) % n;
                return FormEvent::Nothing;
            }
            KeyCode::BackTab => {
                self.focus = (self.focus + n - 1) % n;
                return FormEvent::Nothing;
            }
            _ => {}
        }
        match &f.kind {
            FieldKind::Choice(opts) => {
                let m = opts.len().max(1);
                match ev.code {
                    KeyCode::Left => f.choice = (f.choice + m - 1) % m,
                    KeyCode::Right | KeyCode::Char(' ') => f.choice = (f.choice + 1) % m,
                    KeyCode::Up => self.focus = self.focus.saturating_sub(1),
                    KeyCode::Down | KeyCode::Enter => self.next_or_submit_hint(),
                    _ => {}
                }
                FormEvent::Nothing
            }
            FieldKind::Ref(r) => {
                let r = *r;
                match ev.code {
                    KeyCode::Enter | KeyCode::Char(' ') => FormEvent::Pick(r),
                    KeyCode::Up => {
                        self.focus = self.focus.saturating_sub(1);
                        FormEvent::Nothing
                    }
                    KeyCode::Down => {
                        self.next_or_submit_hint();
                        FormEvent::Nothing
                    }
                    KeyCode::Backspace | KeyCode::Delete => {
                        f.input.set_value("");
                        FormEvent::Nothing
                    }
                    _ => FormEvent::Nothing,
                }
            }
            FieldKind::Multiline => {
                if !f.input.handle_key(ev) {
                    match ev.code {
                        KeyCode::Up => self.focus = self.focus.saturating_sub(1),
                        KeyCode::Down => self.next_or_submit_hint(),
                        _ => {}
                    }
                }
                FormEvent::Nothing
            }
            _ => {
                match ev.code {
                    // A form of one line (e.g. a file path): Enter saves it.
                    KeyCode::Enter if n == 1 => return FormEvent::Submit,
                    KeyCode::Enter | KeyCode::Down => self.next_or_submit_hint(),
                    KeyCode::Up => self.focus = self.focus.saturating_sub(1),
                    _ => {
                        f.input.handle_key(ev);
                        f.error = None;
                    }
                }
                FormEvent::Nothing
            }
        }
    }

    fn next_or_submit_hint(&mut self) {
        if self.focus + 1 < self.fields.len() {
            self.focus += 1;
        }
    }

    /// Bracketed paste into the focused text field.
    pub fn paste(&mut self, text: &str) {
        if let Some(f) = self.fields.get_mut(self.focus)
            && !matches!(f.kind, FieldKind::Choice(_) | FieldKind::Ref(_))
        {
            f.input.paste(text);
        }
    }

    /// The form as plain data, for the recovery file.
    pub fn snapshot(&self) -> FormSnapshot {
        FormSnapshot {
            title: self.title.clone(),
            intent: self.intent.clone(),
            fields: self
                .fields
                .iter()
                .map(|f| SnapField {
                    key: f.key.to_string(),
                    label: f.label.clone(),
                    kind: f.kind.clone(),
                    required: f.required,
                    value: f.value(),
                    initial: f.initial.clone(),
                })
                .collect(),
            focus: self.focus,
            base: self.base.clone(),
        }
    }

    /// A form back from its snapshot. Field keys are leaked once per restore (a handful of short
    /// strings at start-up), so forms keep `&'static str` keys.
    pub fn restore(s: FormSnapshot) -> Form {
        let fields = s
            .fields
            .into_iter()
            .map(|sf| {
                let key: &'static str = Box::leak(sf.key.into_boxed_str());
                let mut f = Field::new(key, &sf.label, sf.kind, &sf.value);
                f.required = sf.required;
                f.initial = sf.initial;
                f
            })
            .collect();
        Form {
            title: s.title,
            intent: s.intent,
            fields,
            focus: s.focus,
            error: None,
            base: s.base,
        }
    }
}

/// A form as stored in the recovery file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormSnapshot {
    pub title: String,
    pub intent: Intent,
    pub fields: Vec<SnapField>,
    pub focus: usize,
    /// See [`Form::base`] (absent in recovery files of older versions).
    #[serde(default)]
    pub base: Vec<BaseRevision>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapField {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    pub value: String,
    pub initial: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::intent::ConsultationsIntent;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }
    fn k(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    fn form() -> Form {
        Form::new(
            "t",
            Intent::Consultations(ConsultationsIntent::New),
            vec![
                Field::new("title", "Titel", FieldKind::Text, "").required(),
                Field::new("date", "Dato", FieldKind::Date, ""),
                Field::new(
                    "kind",
                    "Art",
                    FieldKind::Choice(vec![("a".into(), "A".into()), ("b".into(), "B".into())]),
                    "b",
                ),
            ],
        )
    }

    #[test]
    fn invalid_form_keeps_what_was_typed_and_says_why() {
        let mut f = form();
        f.focus = 1;
        f.paste("31-02-2026");
        assert!(!f.validate(today(), Language::Da));
        assert!(f.fields[0].error.is_some(), "the required title");
        assert!(f.fields[1].error.is_some(), "the impossible date");
        assert_eq!(f.fields[1].value(), "31-02-2026");
        assert_eq!(f.focus, 0, "focus goes to the first bad field");
    }

    #[test]
    fn valid_form_reads_typed_values() {
        let mut f = form();
        f.paste("Møde");
        f.handle_key(k(KeyCode::Tab));
        f.paste("i morgen");
        assert!(f.validate(today(), Language::Da));
        assert_eq!(f.text("title"), "Møde");
        assert_eq!(f.date("date", today(), Language::Da), today().succ_opt());
        assert_eq!(f.text("kind"), "b");
        f.handle_key(k(KeyCode::Tab));
        f.handle_key(k(KeyCode::Right));
        assert_eq!(f.text("kind"), "a");
    }

    #[test]
    fn ctrl_s_submits_and_esc_cancels() {
        let mut f = form();
        assert_eq!(
            f.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            FormEvent::Submit
        );
        assert_eq!(f.handle_key(k(KeyCode::Esc)), FormEvent::Cancel);
    }

    #[test]
    fn snapshot_round_trips() {
        let mut f = form();
        f.paste("Halvfærdig tekst");
        let s = f.snapshot();
        let json = serde_json::to_string(&s).unwrap();
        let back = Form::restore(serde_json::from_str(&json).unwrap());
        assert_eq!(back.text("title"), "Halvfærdig tekst");
        assert!(back.is_dirty());
    }
}
