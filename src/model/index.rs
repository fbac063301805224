//! Lookups of records by id without scanning: a position index beside each of the workspace's
//! record lists.
//!
//! The lists stay plain `Vec`s that every part of the program reads and changes directly, so the
//! index cannot be kept up to date on every change. Instead each answer is checked: a position
//! found in the index is used only when the record there has the id asked for. When it has not
//! (the list was sorted or changed since), the list is scanned once and the index rebuilt. So a
//! lookup is always right, and O(1) while the list is unchanged; an id that is in no record
//! costs one scan, as before.

use std::collections::HashMap;
use std::sync::RwLock;

/// The positions of a list's records by id. Cloning gives an empty index (it is rebuilt on use).
#[derive(Default)]
pub struct IdIndex {
    positions: RwLock<HashMap<Box<str>, usize>>,
}

impl Clone for IdIndex {
    fn clone(&self) -> Self {
        IdIndex::default()
    }
}

impl std::fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdIndex")
    }
}

impl IdIndex {
    /// The record of `list` whose `id_of` is `id`.
    pub fn find<'a, T>(
        &self,
        list: &'a [T],
        id: &str,
        id_of: impl Fn(&T) -> &str,
    ) -> Option<&'a T> {
        let known = {
            let map = self.positions.read().unwrap_or_else(|p| p.into_inner());
            map.get(id).copied()
        };
        if let Some(r) = known.and_then(|pos| list.get(pos))
            && id_of(r) == id
        {
            return Some(r);
        }
        // Not indexed, or the list changed since: scan, and rebuild when the record is there.
        let pos = list.iter().position(|r| id_of(r) == id)?;
        let mut map = self.positions.write().unwrap_or_else(|p| p.into_inner());
        map.clear();
        map.reserve(list.len());
        for (i, r) in list.iter().enumerate() {
            map.insert(id_of(r).into(), i);
        }
        Some(&list[pos])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &String) -> &str {
        s
    }

    #[test]
    fn answers_stay_right_when_the_list_changes_behind_the_index() {
        let idx = IdIndex::default();
        let mut list: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(idx.find(&list, "b", id).map(String::as_str), Some("b"));
        assert_eq!(idx.find(&list, "x", id), None);
        // Reordered: the indexed position of "b" now holds another record.
        list.reverse();
        assert_eq!(idx.find(&list, "b", id).map(String::as_str), Some("b"));
        assert_eq!(idx.find(&list, "a", id).map(String::as_str), Some("a"));
        // Removed and added with the same length.
        list.retain(|s| s != "a");
        list.push("d".into());
        assert_eq!(idx.find(&list, "a", id), None);
        assert_eq!(idx.find(&list, "d", id).map(String::as_str), Some("d"));
        assert_eq!(idx.find(&list, "c", id).map(String::as_str), Some("c"));
        // A clone starts empty and still answers.
        let copy = idx.clone();
        assert_eq!(copy.find(&list, "c", id).map(String::as_str), Some("c"));
    }
}
