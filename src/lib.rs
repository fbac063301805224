//! secretariat: the steering-group secretariat's workspace, its rules, import, export and terminal UI.

#![deny(clippy::unwrap_used, clippy::expect_used)]
#![deny(unsafe_code)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod demo;
pub mod demo_large;
pub mod demo_shift;
pub mod export;
pub mod i18n;
pub mod import;
pub mod mail;
pub mod model;
pub mod ops;
pub mod rules;
pub mod store;
pub mod sys;
pub mod tui;
