//! `secretariat history RECORD`: who changed the record when, and which fields.

use crate::store::Store;

pub fn run(store: &Store, record: &str, at: Option<&str>) -> Result<i32, String> {
    let _ = (store, record, at);
    Err("not yet".into())
}
