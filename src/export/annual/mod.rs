//! The annual status statement (statusredegørelse): the year of the portfolio in one document for
//! the steering group and the ministries. Progress per initiative (the overall status at each
//! quarter of the year), the initiatives closed in the year and the closing reports approved, the
//! decisions of each forum, the written consultations sent, and the economy (budget and forecast per
//! quarter and per ministry), with the secretariat's own texts merged in from a workspace file
//! ([`parse_texts`], see docs/format.md).
//!
//! Split as the portfolio report: [`model()`] (in `model.rs`) gathers the year's data,
//! [`document()`] (in `document.rs`) turns it into a [`Document`] that every format renders;
//! `texts.rs` reads the texts file. Pure: no I/O, no clock; the caller reads the texts file.

use super::document::Blocks as B;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::document::{Block, Chart, ChartKind, Document, Lights, LightsRow, Series, Tone, number};
use super::portfolio::quarter_label;
use super::{ExportError, clean, clean_line};
use crate::i18n::{Label, tr};
use crate::model::{
    Case, CaseKind, CaseState, Consultation, ConsultationState, Decision, DecisionSource,
    Initiative, Language, Lifecycle, Quarter, Rag, ReplyKind, Workspace, natural_cmp,
};
use crate::rules::deviation::{budget_of, current_quarter};

mod document;
mod model;
mod texts;
pub use document::*;
pub use model::*;
pub use texts::*;
