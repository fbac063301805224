//! The record-level three-way merge: a pure function over `serde_json::Value`.
//!
//! Fields changed on one side only are taken; lists of items (agenda items, replies, attendance,
//! action items, members, reports ...) are merged item by item, matched by their `id` where they
//! have one and else by a natural key; the same field changed differently on both sides is a
//! [`FieldConflict`]. The merged record always holds one whole, valid side for every conflicting
//! field (the side with the later `updated` stamp, so both clones pick the same one), and the
//! other side's values are returned so the caller can keep them beside the record as a conflict
//! record. The merged revision is above both sides'; the `updated` stamp is the later one.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value};

/// One field changed differently on both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldConflict {
    /// Where in the record: `title`, `items[case=S-2026-014].background`, `replies[authority=FM]`.
    pub path: String,
    /// The value kept in the merged record (`None`: the field or item is absent there).
    pub kept: Option<Value>,
    /// The other side's value, not in the merged record.
    pub other: Option<Value>,
}

/// Which side's values the merged record keeps where the two sides disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `%A` in git's terms: the local version.
    Ours,
    /// `%B`: the version being merged in.
    Theirs,
}

/// The result of [`merge_records`].
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub value: Value,
    /// The side kept where the two disagree (meaningful only when `conflicts` is not empty).
    pub kept: Side,
    pub conflicts: Vec<FieldConflict>,
}

/// Fields every record carries that the merge sets itself instead of merging.
const REVISION: &str = "revision";
const UPDATED: &str = "updated";
const SCHEMA: &str = "schema_version";

/// Merges two versions of one record with their common ancestor (`None`: the record was added on
/// both sides). `ours` and `theirs` must be JSON objects; anything else is kept whole as a conflict.
pub fn merge_records(base: Option<&Value>, ours: &Value, theirs: &Value) -> Merged {
    let kept = winner(ours, theirs);
    let (Some(o), Some(t)) = (ours.as_object(), theirs.as_object()) else {
        let (value, other) = match kept {
            Side::Ours => (ours.clone(), theirs.clone()),
            Side::Theirs => (theirs.clone(), ours.clone()),
        };
        return Merged {
            conflicts: vec![FieldConflict {
                path: String::new(),
                kept: Some(value.clone()),
                other: Some(other),
            }],
            value,
            kept,
        };
    };
    let empty = Map::new();
    let b = base.and_then(Value::as_object);
    let mut m = Merger {
        kept,
        conflicts: Vec::new(),
    };
    let mut out = m.object(
        b.or(if base.is_none() { None } else { Some(&empty) }),
        o,
        t,
        "",
    );
    if let Value::Object(map) = &mut out {
        let num = |v: &Map<String, Value>, k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
        map.insert(
            REVISION.into(),
            Value::from(num(o, REVISION).max(num(t, REVISION)) + 1),
        );
        if o.contains_key(SCHEMA) || t.contains_key(SCHEMA) {
            map.insert(
                SCHEMA.into(),
                Value::from(num(o, SCHEMA).max(num(t, SCHEMA))),
            );
        }
        let later = match stamp_key(ours).cmp(&stamp_key(theirs)) {
            std::cmp::Ordering::Less => t.get(UPDATED),
            _ => o.get(UPDATED),
        };
        if let Some(u) = later {
            map.insert(UPDATED.into(), u.clone());
        }
    }
    Merged {
        value: out,
        kept,
        conflicts: m.conflicts,
    }
}

/// The `updated` stamp as a sortable key: (time, user). RFC 3339 UTC strings sort by time.
fn stamp_key(v: &Value) -> (String, String) {
    let s = |k: &str| {
        v.get(UPDATED)
            .and_then(|u| u.get(k))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    (s("at"), s("by"))
}

/// The side whose values win a conflict: the later `updated` stamp, then the larger text (so
/// that both clones, merging in opposite directions, keep the same side and converge).
pub fn winner(ours: &Value, theirs: &Value) -> Side {
    match stamp_key(ours).cmp(&stamp_key(theirs)) {
        std::cmp::Ordering::Greater => Side::Ours,
        std::cmp::Ordering::Less => Side::Theirs,
        std::cmp::Ordering::Equal => {
            let (o, t) = (serde_json::to_string(ours), serde_json::to_string(theirs));
            if o.ok() >= t.ok() {
                Side::Ours
            } else {
                Side::Theirs
            }
        }
    }
}

struct Merger {
    kept: Side,
    conflicts: Vec<FieldConflict>,
}

/// A list's field name -> the fields that identify an item when it has no `id`, tried in order
/// (the first one present and not null is the key).
fn natural_key(list: &str) -> &'static [&'static str] {
    match list {
        "items" => &["case", "title"],
        // Schema 2 names the member by id (empty for a non-member); older files by authority.
        "attendance" | "replies" => &["member", "authority"],
        "members" => &["authority"],
        "reports" => &["quarter"],
        "attachments" => &["path", "title"],
        "standard_items" => &["title"],
        "action_items" => &["text"],
        _ => &[],
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Merger {
    fn conflict(
        &mut self,
        path: &str,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        let (kept, other) = match self.kept {
            Side::Ours => (ours, theirs),
            Side::Theirs => (theirs, ours),
        };
        self.conflicts.push(FieldConflict {
            path: path.to_string(),
            kept: kept.cloned(),
            other: other.cloned(),
        });
        kept.cloned()
    }

    /// Three-way merge of one value (absent = `None`).
    fn value(
        &mut self,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
        path: &str,
    ) -> Option<Value> {
        if ours == theirs {
            return ours.cloned();
        }
        if base == ours {
            return theirs.cloned();
        }
        if base == theirs {
            return ours.cloned();
        }
        match (base, ours, theirs) {
            (None | Some(Value::Object(_)), Some(Value::Object(o)), Some(Value::Object(t))) => {
                Some(self.object(base.and_then(Value::as_object), o, t, path))
            }
            (None | Some(Value::Array(_)), Some(Value::Array(o)), Some(Value::Array(t))) => {
                let b = base.and_then(Value::as_array);
                Some(self.array(b, o, t, path))
            }
            _ => self.conflict(path, ours, theirs),
        }
    }

    /// Field by field, in the order of `ours` with `theirs`' new fields after.
    fn object(
        &mut self,
        base: Option<&Map<String, Value>>,
        ours: &Map<String, Value>,
        theirs: &Map<String, Value>,
        path: &str,
    ) -> Value {
        let mut keys: Vec<&String> = ours.keys().collect();
        keys.extend(theirs.keys().filter(|k| !ours.contains_key(*k)));
        let mut out = Map::new();
        for k in keys {
            if path.is_empty() && [REVISION, UPDATED, SCHEMA].contains(&k.as_str()) {
                // Set by merge_records once the rest is merged; ours holds the place in the order.
                if let Some(v) = ours.get(k).or_else(|| theirs.get(k)) {
                    out.insert(k.clone(), v.clone());
                }
                continue;
            }
            let b = base.and_then(|m| m.get(k));
            if let Some(v) = self.value(b, ours.get(k), theirs.get(k), &join(path, k)) {
                out.insert(k.clone(), v);
            }
        }
        Value::Object(out)
    }

    /// Lists of items matched by key; a list whose items have no usable key (or a key twice) is
    /// merged as one value.
    fn array(
        &mut self,
        base: Option<&Vec<Value>>,
        ours: &[Value],
        theirs: &[Value],
        path: &str,
    ) -> Value {
        let field = path.rsplit(['.', ']']).next().unwrap_or(path);
        let empty = Vec::new();
        let b = base.unwrap_or(&empty);
        // Items match by `id` only when every item has one; where one side is written in an older
        // schema without ids (members before version 2), all match by their natural key.
        let use_id = [b.as_slice(), ours, theirs]
            .iter()
            .flat_map(|l| l.iter())
            .all(|i| !i.is_object() || i.get("id").is_some_and(|v| !v.is_null()));
        let (Some(kb), Some(ko), Some(kt)) = (
            keys_of(field, b, use_id),
            keys_of(field, ours, use_id),
            keys_of(field, theirs, use_id),
        ) else {
            return self
                .conflict(
                    path,
                    Some(&Value::from(ours.to_vec())),
                    Some(&Value::from(theirs.to_vec())),
                )
                .unwrap_or(Value::Array(vec![]));
        };
        let ib: HashMap<&str, usize> = kb
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let io: HashMap<&str, usize> = ko
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let it: HashMap<&str, usize> = kt
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();

        // The order: the side that reordered the common items wins (ours when both did); items
        // the other side added go after the item they follow there.
        let common = |ks: &[String], other: &HashMap<&str, usize>| -> Vec<String> {
            ks.iter()
                .filter(|k| ib.contains_key(k.as_str()) && other.contains_key(k.as_str()))
                .cloned()
                .collect()
        };
        let base_order_o = common(&kb, &io);
        let ours_order = common(&ko, &ib);
        let base_order_t = common(&kb, &it);
        let theirs_order = common(&kt, &ib);
        let theirs_reordered = base_order_t != theirs_order && base_order_o == ours_order;
        let (primary, secondary) = if theirs_reordered {
            (&kt, &ko)
        } else {
            (&ko, &kt)
        };
        let in_primary: HashSet<&str> = primary.iter().map(String::as_str).collect();
        let mut order: Vec<String> = primary.clone();
        let mut prev: Option<&str> = None;
        for k in secondary {
            if !in_primary.contains(k.as_str()) && !order.contains(k) {
                let at = match prev {
                    Some(p) => order
                        .iter()
                        .position(|x| x == p)
                        .map_or(order.len(), |i| i + 1),
                    None => 0,
                };
                // After the items the primary side added there, so additions read in turn.
                let mut at = at;
                while at < order.len() && !ib.contains_key(order[at].as_str()) {
                    at += 1;
                }
                order.insert(at, k.clone());
            }
            prev = Some(k.as_str());
        }

        let mut out = Vec::with_capacity(order.len());
        for k in &order {
            let item_path = format!("{path}[{}]", k);
            let bv = ib.get(k.as_str()).map(|&i| &b[i]);
            let ov = io.get(k.as_str()).map(|&i| &ours[i]);
            let tv = it.get(k.as_str()).map(|&i| &theirs[i]);
            let merged = match (bv, ov, tv) {
                // Deleted on one side, changed on the other: keep the changed item, say so.
                (Some(b), None, Some(t)) if b != t => {
                    self.conflicts.push(FieldConflict {
                        path: item_path.clone(),
                        kept: Some(t.clone()),
                        other: None,
                    });
                    Some(t.clone())
                }
                (Some(b), Some(o), None) if b != o => {
                    self.conflicts.push(FieldConflict {
                        path: item_path.clone(),
                        kept: Some(o.clone()),
                        other: None,
                    });
                    Some(o.clone())
                }
                _ => self.value(bv, ov, tv, &item_path),
            };
            if let Some(v) = merged {
                out.push(v);
            }
        }
        Value::Array(out)
    }
}

/// The key of every item of a list, or `None` when some item has none or two share one. Items
/// with an `id` are keyed by it (`id=...`); else by the list's natural key (`authority=...`);
/// items of lists without a natural key (history entries) and scalars by themselves.
fn keys_of(field: &str, items: &[Value], use_id: bool) -> Option<Vec<String>> {
    let mut seen = HashSet::with_capacity(items.len());
    let mut keys = Vec::with_capacity(items.len());
    for item in items {
        let key = match item {
            Value::Object(m) => {
                let from = |f: &str| {
                    m.get(f)
                        .filter(|v| !v.is_null() && v.as_str() != Some(""))
                        .map(|v| match v {
                            Value::String(s) => format!("{f}={s}"),
                            v => format!("{f}={v}"),
                        })
                };
                let natural = natural_key(field);
                if use_id {
                    from("id")?
                } else if natural.is_empty() {
                    // Entries without identity (history lines): the entry is its own key.
                    item.to_string()
                } else {
                    natural.iter().find_map(|f| from(f))?
                }
            }
            Value::Array(_) => return None,
            Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        if !seen.insert(key.clone()) {
            return None;
        }
        keys.push(key);
    }
    Some(keys)
}

/// Merges two audit-log files (JSON lines) the way git's union merge does, as a function: every
/// line of either side once, in time order where lines carry `at`. Used when git could not.
pub fn union_lines(ours: &str, theirs: &str) -> String {
    let mut seen = HashSet::new();
    let mut lines: Vec<&str> = Vec::new();
    for l in ours.lines().chain(theirs.lines()) {
        if !l.trim().is_empty() && seen.insert(l) {
            lines.push(l);
        }
    }
    let at = |l: &str| -> String {
        serde_json::from_str::<Value>(l)
            .ok()
            .and_then(|v| v.get("at").and_then(Value::as_str).map(str::to_string))
            .unwrap_or_default()
    };
    let mut keyed: BTreeMap<(String, usize), &str> = BTreeMap::new();
    for (i, l) in lines.into_iter().enumerate() {
        keyed.insert((at(l), i), l);
    }
    let mut out = String::new();
    for l in keyed.values() {
        out.push_str(l);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests;
