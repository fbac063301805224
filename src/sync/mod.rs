//! Several secretariats, one portfolio: the workspace as a git repository. `merge` is the
//! record-level three-way merge (a pure function), `git` the thin adapter over the `git` command,
//! `driver` the merge driver git calls for record files, `history` who changed what when. Nothing
//! here knows of the terminal.

pub mod driver;
pub mod merge;
