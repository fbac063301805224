//! Pure rules of the secretariat, with no I/O and no terminal: the Danish working-day calendar,
//! the deviation rules for quarterly status reports and the tally of written consultations.

pub mod calendar;
pub mod deviation;
pub mod tally;
