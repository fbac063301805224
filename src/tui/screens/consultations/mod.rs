//! Written consultations ("skriftlige høringer"): the list; a consultation with its deadline
//! countdown, the tally, every member authority's reply and the cases; creating one from a ready
//! case, adding cases, recording replies, concluding (the computed outcome, or an override with a
//! reason), escalating a case, and writing the letter, the reminder and the summary to out/.

use std::path::PathBuf;

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::common::{Page, cell, days_left, opt_date, short_date, span};
use crate::export::{self, DocKind, Format, Options};
use crate::i18n::Label;
use crate::model::{
    AnyRecord, CaseState, Consultation, ConsultationOutcome, ConsultationState, Forum, Language,
    MeetingState, RecordKind, ReplyKind,
};
use crate::ops::consultation::{
    conclude, create, create_draft, default_deadline, escalate, send, set_reply,
};
use crate::rules::tally::{
    ProposedOutcome, Tally, is_late, outstanding, proposed_outcome, reply_of, reply_of_member,
    tally,
};
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, ScreenId, Tone};
use crate::tui::form::{Field, FieldKind, Form, RefKind};
use crate::tui::input_parse::{format_date, format_time};
use crate::tui::intent::{ConsultationsIntent, Intent};
use crate::tui::keymap::{Binding, DELETE, EDIT, bind, ch};
use crate::tui::list::{ListModel, ListRow};
use crate::tui::popup::{PickerItem, Popup};
use crate::tui::render::draw_list;
use crate::tui::text::{safe_line, truncate};
use crate::tui::theme::Theme;

mod detail;
mod documents;
mod forms;
mod input;
mod intents;
mod keys;
mod list;
mod outcome;
mod replies;
pub use detail::*;
pub use documents::*;
pub use forms::*;
pub use input::*;
pub use intents::*;
pub use keys::*;
pub use list::*;
use outcome::*;
use replies::*;

/// Now, for the deadline rules: the clock on the app's day (a fixed day in tests: noon).
fn now(app: &App) -> NaiveDateTime {
    let n = Local::now().naive_local();
    if n.date() == app.today {
        n
    } else {
        app.today.and_time(noon())
    }
}

fn noon() -> NaiveTime {
    NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()
}

/// "03-12-2026 kl. 12.00" / "03-12-2026 at 12:00".
fn deadline_text(d: NaiveDateTime, lang: Language) -> String {
    match lang {
        Language::Da => format!(
            "{} kl. {}",
            short_date(d.date()),
            format_time(d.time(), lang)
        ),
        Language::En => format!(
            "{} at {}",
            short_date(d.date()),
            format_time(d.time(), lang)
        ),
    }
}

/// "11 tilslutning, 2 med bemærkninger, 1 indsigelse, 0 mangler svar".
pub fn tally_words(t: &Tally, lang: Language) -> String {
    match lang {
        Language::Da => format!(
            "{} tilslutning, {} med bemærkninger, {} {}, {} mangler svar",
            t.consent,
            t.with_comments,
            t.objection,
            if t.objection == 1 {
                "indsigelse"
            } else {
                "indsigelser"
            },
            t.outstanding
        ),
        Language::En => format!(
            "{} consent, {} with comments, {} {}, {} outstanding",
            t.consent,
            t.with_comments,
            t.objection,
            if t.objection == 1 {
                "objection"
            } else {
                "objections"
            },
            t.outstanding
        ),
    }
}

/// The reply kinds as short words for the member lines.
fn kind_word(k: Option<ReplyKind>, lang: Language) -> &'static str {
    use crate::i18n::tr;
    match k {
        Some(ReplyKind::Consent) => tr(lang, "Tilslutning", "Consent"),
        Some(ReplyKind::ConsentWithComments) => tr(lang, "Bemærkninger", "Comments"),
        Some(ReplyKind::Objection) => tr(lang, "Indsigelse", "Objection"),
        Some(ReplyKind::NoReply) | None => tr(lang, "Intet svar", "No reply"),
    }
}

/// The consultations screen: a consultation's page selects its member authorities.
pub struct Consultations;

impl super::Screen for Consultations {
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
