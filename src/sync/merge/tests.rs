use serde_json::{Value, json};

use super::*;

fn stamp(at: &str, by: &str) -> Value {
    json!({"at": at, "by": by})
}

/// A case record at `revision`, last changed at `at` by `by`, with `fields` on top.
fn case(revision: u64, at: &str, by: &str, fields: Value) -> Value {
    let mut v = json!({
        "schema_version": 1,
        "id": "S-2026-014",
        "revision": revision,
        "created": stamp("2026-11-20T09:00:00Z", "sekretariatet"),
        "updated": stamp(at, by),
        "title": "Status for 3.2",
        "background": "Rød status",
        "recommendation": "Til efterretning",
        "state": "ready",
        "attachments": [],
        "history": [{"at": stamp("2026-11-20T09:00:00Z", "sekretariatet"), "text": "Oprettet"}]
    });
    if let (Value::Object(m), Value::Object(f)) = (&mut v, fields) {
        for (k, x) in f {
            m.insert(k, x);
        }
    }
    v
}

const T0: &str = "2026-11-20T09:00:00Z";
const TA: &str = "2026-11-21T10:00:00Z";
const TB: &str = "2026-11-21T11:00:00Z";

#[test]
fn different_fields_changed_on_each_side_are_both_taken() {
    let base = case(3, T0, "s", json!({}));
    let a = case(4, TA, "anna", json!({"title": "Ny titel"}));
    let b = case(4, TB, "bo", json!({"background": "Grøn nu"}));
    let m = merge_records(Some(&base), &a, &b);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(m.value["title"], "Ny titel");
    assert_eq!(m.value["background"], "Grøn nu");
    assert_eq!(m.value["revision"], 5, "above both sides");
    assert_eq!(m.value["updated"], stamp(TB, "bo"), "the later stamp");
}

#[test]
fn the_same_field_changed_differently_is_a_conflict_and_the_later_side_is_kept() {
    let base = case(3, T0, "s", json!({}));
    let a = case(4, TA, "anna", json!({"title": "A's titel"}));
    let b = case(
        6,
        TB,
        "bo",
        json!({"title": "B's titel", "state": "closed"}),
    );
    let m = merge_records(Some(&base), &a, &b);
    assert_eq!(m.kept, Side::Theirs);
    assert_eq!(m.value["title"], "B's titel");
    assert_eq!(m.value["state"], "closed");
    assert_eq!(m.value["revision"], 7);
    assert_eq!(
        m.conflicts,
        vec![FieldConflict {
            path: "title".into(),
            kept: Some(json!("B's titel")),
            other: Some(json!("A's titel")),
        }]
    );
    // Merged the other way round (as the other clone does), the same side is kept.
    let m2 = merge_records(Some(&base), &b, &a);
    assert_eq!(m2.kept, Side::Ours);
    assert_eq!(m2.value, m.value);
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let base = case(3, T0, "s", json!({}));
    let a = case(4, TA, "anna", json!({"title": "Samme"}));
    let b = case(4, TB, "bo", json!({"title": "Samme"}));
    let m = merge_records(Some(&base), &a, &b);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.value["title"], "Samme");
}

#[test]
fn history_entries_added_on_both_sides_are_all_kept() {
    let base = case(3, T0, "s", json!({}));
    let h0 = json!({"at": stamp(T0, "sekretariatet"), "text": "Oprettet"});
    let ha = json!({"at": stamp(TA, "anna"), "text": "Klar"});
    let hb = json!({"at": stamp(TB, "bo"), "text": "På dagsorden"});
    let a = case(4, TA, "anna", json!({"history": [h0.clone(), ha.clone()]}));
    let b = case(4, TB, "bo", json!({"history": [h0.clone(), hb.clone()]}));
    let m = merge_records(Some(&base), &a, &b);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(m.value["history"], json!([h0, ha, hb]));
}

fn meeting(revision: u64, at: &str, items: Value, attendance: Value) -> Value {
    json!({
        "schema_version": 1, "id": "2026-12-03-psg", "revision": revision,
        "created": stamp(T0, "s"), "updated": stamp(at, "x"),
        "forum": "psg", "state": "held", "items": items, "attendance": attendance
    })
}

fn item(title: &str, case: Option<&str>, decision: &str, actions: Value) -> Value {
    json!({"title": title, "kind": "decision", "case": case, "presenter": "",
           "minutes": {"decision": decision, "action_items": actions}})
}

#[test]
fn agenda_items_are_merged_by_case_or_title_and_keep_their_order() {
    let base = meeting(
        2,
        T0,
        json!([
            item("Godkendelse", None, "", json!([])),
            item("Status", Some("S-1"), "", json!([]))
        ]),
        json!([]),
    );
    // A writes the decision of the case item; B adds an item at the end and edits the first.
    let a = meeting(
        3,
        TA,
        json!([
            item("Godkendelse", None, "", json!([])),
            item("Status", Some("S-1"), "Taget til efterretning", json!([]))
        ]),
        json!([]),
    );
    let b = meeting(
        3,
        TB,
        json!([
            item("Godkendelse", None, "Godkendt", json!([])),
            item("Status", Some("S-1"), "", json!([])),
            item("Eventuelt", None, "", json!([]))
        ]),
        json!([]),
    );
    let m = merge_records(Some(&base), &a, &b);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let titles: Vec<&str> = m.value["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Godkendelse", "Status", "Eventuelt"]);
    assert_eq!(m.value["items"][0]["minutes"]["decision"], "Godkendt");
    assert_eq!(
        m.value["items"][1]["minutes"]["decision"],
        "Taget til efterretning"
    );
}

#[test]
fn a_reordered_agenda_takes_the_new_order_and_the_other_sides_new_item() {
    let x = item("X", None, "", json!([]));
    let y = item("Y", None, "", json!([]));
    let z = item("Z", None, "", json!([]));
    let n = item("N", None, "", json!([]));
    let base = meeting(1, T0, json!([x, y, z]), json!([]));
    let a = meeting(2, TA, json!([z, x, y]), json!([]));
    let b = meeting(2, TB, json!([x, n, y, z]), json!([]));
    let m = merge_records(Some(&base), &a, &b);
    let titles: Vec<&str> = m.value["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Z", "X", "N", "Y"]);
    // The same from the other side.
    let m2 = merge_records(Some(&base), &b, &a);
    assert_eq!(m2.value["items"], m.value["items"]);
}

#[test]
fn action_items_and_attendance_merge_by_their_keys() {
    let act = |t: &str, done: bool| json!({"text": t, "owner": "FM", "due": null, "done": done});
    let att = |a: &str, k: &str| json!({"authority": a, "kind": k, "name": ""});
    let base = meeting(
        1,
        T0,
        json!([item("S", Some("S-1"), "", json!([act("Følg op", false)]))]),
        json!([att("FM", "present"), att("SIM", "present")]),
    );
    let a = meeting(
        2,
        TA,
        json!([item("S", Some("S-1"), "", json!([act("Følg op", true)]))]),
        json!([att("FM", "absent"), att("SIM", "present")]),
    );
    let b = meeting(
        2,
        TB,
        json!([item(
            "S",
            Some("S-1"),
            "",
            json!([act("Følg op", false), act("Ny", false)])
        )]),
        json!([
            att("FM", "present"),
            att("SIM", "substitute"),
            att("KL", "present")
        ]),
    );
    let m = merge_records(Some(&base), &a, &b);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(
        m.value["items"][0]["minutes"]["action_items"],
        json!([act("Følg op", true), act("Ny", false)])
    );
    assert_eq!(
        m.value["attendance"],
        json!([
            att("FM", "absent"),
            att("SIM", "substitute"),
            att("KL", "present")
        ])
    );
}

fn consultation(at: &str, replies: Value) -> Value {
    json!({"schema_version": 1, "id": "H-1", "revision": 2, "created": stamp(T0, "s"),
           "updated": stamp(at, "x"), "cases": ["S-1"], "replies": replies})
}

#[test]
fn replies_by_authority_merge_and_the_same_reply_changed_twice_is_a_conflict() {
    let r = |a: &str, k: &str, t: &str| json!({"authority": a, "kind": k, "text": t});
    let base = consultation(
        T0,
        json!([r("FM", "no_reply", ""), r("KL", "no_reply", "")]),
    );
    let a = consultation(
        TA,
        json!([r("FM", "consent", ""), r("KL", "objection", "nej")]),
    );
    let b = consultation(
        TB,
        json!([r("FM", "no_reply", ""), r("KL", "consent", "ja")]),
    );
    let m = merge_records(Some(&base), &a, &b);
    assert_eq!(m.value["replies"][0], r("FM", "consent", ""));
    assert_eq!(
        m.value["replies"][1],
        r("KL", "consent", "ja"),
        "B is later"
    );
    let paths: Vec<&str> = m.conflicts.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        paths,
        ["replies[authority=KL].kind", "replies[authority=KL].text"]
    );
    assert_eq!(m.conflicts[0].other, Some(json!("objection")));
}

#[test]
fn replies_are_matched_by_member_id_where_they_have_one() {
    let r = |m: &str, a: &str, k: &str| json!({"member": m, "authority": a, "kind": k});
    // The authority was renamed on one side; the member id still matches the reply.
    let base = consultation(
        T0,
        json!([r("m1", "FM", "no_reply"), r("", "Gæst", "no_reply")]),
    );
    let a = consultation(
        TA,
        json!([
            r("m1", "Finansministeriet", "no_reply"),
            r("", "Gæst", "no_reply")
        ]),
    );
    let b = consultation(
        TB,
        json!([r("m1", "FM", "consent"), r("", "Gæst", "objection")]),
    );
    let m = merge_records(Some(&base), &a, &b);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(
        m.value["replies"],
        json!([
            r("m1", "Finansministeriet", "consent"),
            r("", "Gæst", "objection")
        ])
    );
}

#[test]
fn members_with_ids_are_matched_by_id_even_when_renamed() {
    let mem = |id: &str, a: &str, r: &str| json!({"id": id, "authority": a, "representative": r});
    let f = |at: &str, ms: Value| json!({"schema_version": 2, "id": "psg", "revision": 1, "updated": stamp(at, "x"), "members": ms});
    let base = f(
        T0,
        json!([mem("m1", "FM", "Mette"), mem("m2", "KL", "Kim")]),
    );
    let a = f(
        TA,
        json!([
            mem("m1", "Finansministeriet", "Mette"),
            mem("m2", "KL", "Kim")
        ]),
    );
    let b = f(
        TB,
        json!([mem("m1", "FM", "Mette Lund"), mem("m2", "KL", "Kim")]),
    );
    let m = merge_records(Some(&base), &a, &b);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(
        m.value["members"][0],
        mem("m1", "Finansministeriet", "Mette Lund")
    );
    assert_eq!(m.value["schema_version"], 2);
}

#[test]
fn members_of_an_older_schema_without_ids_match_the_newer_sides_by_authority() {
    let old = |a: &str, r: &str| json!({"authority": a, "representative": r});
    let new = |id: &str, a: &str, r: &str| json!({"id": id, "authority": a, "representative": r});
    let f = |v: u64, at: &str, ms: Value| json!({"schema_version": v, "id": "psg", "revision": 1, "updated": stamp(at, "x"), "members": ms});
    let base = f(1, T0, json!([old("FM", "Mette"), old("KL", "Kim")]));
    // A upgraded the file (ids added); B, on the old version, changed a representative.
    let a = f(
        2,
        TA,
        json!([new("m1", "FM", "Mette"), new("m2", "KL", "Kim")]),
    );
    let b = f(1, TB, json!([old("FM", "Mette Lund"), old("KL", "Kim")]));
    let m = merge_records(Some(&base), &a, &b);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(
        m.value["members"],
        json!([new("m1", "FM", "Mette Lund"), new("m2", "KL", "Kim")]),
        "one member each, the ids kept, B's change taken"
    );
    assert_eq!(m.value["schema_version"], 2);
}

#[test]
fn an_item_deleted_on_one_side_and_changed_on_the_other_is_kept_and_reported() {
    let r = |a: &str, k: &str| json!({"authority": a, "kind": k});
    let base = consultation(T0, json!([r("FM", "no_reply"), r("KL", "no_reply")]));
    let a = consultation(TA, json!([r("FM", "no_reply")]));
    let b = consultation(TB, json!([r("FM", "no_reply"), r("KL", "consent")]));
    let m = merge_records(Some(&base), &a, &b);
    assert_eq!(
        m.value["replies"],
        json!([r("FM", "no_reply"), r("KL", "consent")])
    );
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].path, "replies[authority=KL]");
}

#[test]
fn an_item_deleted_on_one_side_and_untouched_on_the_other_is_gone() {
    let r = |a: &str, k: &str| json!({"authority": a, "kind": k});
    let base = consultation(T0, json!([r("FM", "no_reply"), r("KL", "no_reply")]));
    let a = consultation(TA, json!([r("FM", "no_reply")]));
    let b = consultation(TB, json!([r("FM", "consent"), r("KL", "no_reply")]));
    let m = merge_records(Some(&base), &a, &b);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.value["replies"], json!([r("FM", "consent")]));
}

#[test]
fn a_list_with_a_key_twice_is_merged_as_one_value() {
    let r = |a: &str, k: &str| json!({"authority": a, "kind": k});
    let base = consultation(T0, json!([r("FM", "no_reply")]));
    let a = consultation(TA, json!([r("FM", "no_reply"), r("FM", "consent")]));
    let b = consultation(TB, json!([r("FM", "objection")]));
    let m = merge_records(Some(&base), &a, &b);
    assert_eq!(m.value["replies"], json!([r("FM", "objection")]));
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].path, "replies");
}

#[test]
fn scalar_lists_merge_as_sets_in_order() {
    let c = |at: &str, cases: Value| json!({"id": "H-1", "revision": 1, "updated": stamp(at, "x"), "cases": cases});
    let m = merge_records(
        Some(&c(T0, json!(["S-1", "S-2"]))),
        &c(TA, json!(["S-1", "S-2", "S-3"])),
        &c(TB, json!(["S-2", "S-4"])),
    );
    assert!(m.conflicts.is_empty());
    assert_eq!(m.value["cases"], json!(["S-2", "S-3", "S-4"]));
}

#[test]
fn a_record_added_on_both_sides_merges_without_a_base() {
    let a = case(1, TA, "anna", json!({"title": "A"}));
    let b = case(1, TB, "bo", json!({"background": "B"}));
    let m = merge_records(None, &a, &b);
    assert_eq!(m.value["title"], "Status for 3.2", "B's title, B is later");
    assert_eq!(m.value["revision"], 2);
    let paths: Vec<&str> = m.conflicts.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["background", "title"]);
}

#[test]
fn unknown_fields_are_merged_like_known_ones() {
    let base = case(1, T0, "s", json!({"x_new": {"a": 1, "b": 1}}));
    let a = case(2, TA, "a", json!({"x_new": {"a": 2, "b": 1}}));
    let b = case(2, TB, "b", json!({"x_new": {"a": 1, "b": 3}, "y": true}));
    let m = merge_records(Some(&base), &a, &b);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.value["x_new"], json!({"a": 2, "b": 3}));
    assert_eq!(m.value["y"], true);
}

#[test]
fn the_union_of_audit_lines_keeps_every_line_once_in_time_order() {
    let l = |at: &str, s: &str| {
        format!(r#"{{"at":"{at}","user":"u","record":"r","revision":1,"summary":"{s}"}}"#)
    };
    let ours = format!("{}\n{}\n", l(T0, "a"), l(TB, "b"));
    let theirs = format!("{}\n{}\n", l(T0, "a"), l(TA, "c"));
    assert_eq!(
        union_lines(&ours, &theirs),
        format!("{}\n{}\n{}\n", l(T0, "a"), l(TA, "c"), l(TB, "b"))
    );
}

// ----- properties over many generated records (a small deterministic generator) -----

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const FIELDS: [&str; 4] = ["title", "background", "recommendation", "state"];

/// A random edit of `v`: a field changed, a reply added, changed or removed.
fn edit(v: &Value, rng: &mut Rng, tag: &str) -> Value {
    let mut v = v.clone();
    for _ in 0..=rng.pick(3) {
        match rng.pick(4) {
            0 | 1 => {
                let f = FIELDS[rng.pick(4) as usize];
                v[f] = json!(format!("{tag}{}", rng.pick(1000)));
            }
            2 => {
                let n = rng.pick(6);
                if let Some(list) = v["replies"].as_array_mut()
                    && !list.iter().any(|r| r["authority"] == format!("M{n}"))
                {
                    list.push(json!({"authority": format!("M{n}"), "kind": tag}));
                }
            }
            _ => {
                if let Some(list) = v["replies"].as_array_mut()
                    && !list.is_empty()
                {
                    let i = rng.pick(list.len() as u64) as usize;
                    if rng.pick(2) == 0 {
                        list.remove(i);
                    } else {
                        list[i]["kind"] = json!(format!("{tag}{}", rng.pick(1000)));
                    }
                }
            }
        }
    }
    v
}

fn without_meta(v: &Value) -> Value {
    let mut v = v.clone();
    if let Value::Object(m) = &mut v {
        m.remove("revision");
        m.remove("updated");
    }
    v
}

fn sorted_replies(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(list) = v["replies"].as_array_mut() {
        list.sort_by_key(|r| r["authority"].to_string());
    }
    v
}

#[test]
fn properties_hold_for_many_random_edits() {
    let seed = std::env::var("SECRETARIAT_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15_u64);
    eprintln!("properties_hold_for_many_random_edits: SECRETARIAT_TEST_SEED={seed}");
    let mut rng = Rng(seed);
    for round in 0..500 {
        let mut base = case(3, T0, "s", json!({}));
        base["replies"] = json!([{"authority": "M0", "kind": "no_reply"}, {"authority": "M1", "kind": "no_reply"}]);
        let mut a = edit(&base, &mut rng, "a");
        a["revision"] = json!(4 + rng.pick(3));
        a["updated"] = stamp(TA, "anna");
        let mut b = edit(&base, &mut rng, "b");
        b["revision"] = json!(4 + rng.pick(3));
        b["updated"] = stamp(TB, "bo");

        // One side unchanged: the other side's content, nothing in conflict.
        let m = merge_records(Some(&base), &a, &base);
        assert_eq!(without_meta(&m.value), without_meta(&a), "round {round}");
        assert!(m.conflicts.is_empty());
        let m = merge_records(Some(&base), &base, &b);
        assert_eq!(without_meta(&m.value), without_meta(&b), "round {round}");

        // Both ways round give the same record (both clones converge), but for the order of
        // replies both sides added at the same place.
        let ab = merge_records(Some(&base), &a, &b);
        let ba = merge_records(Some(&base), &b, &a);
        assert_eq!(
            sorted_replies(&ab.value),
            sorted_replies(&ba.value),
            "round {round}"
        );
        assert_eq!(ab.conflicts.len(), ba.conflicts.len(), "round {round}");

        // The revision is above both sides'.
        let rev = ab.value["revision"].as_u64().unwrap();
        assert!(rev > a["revision"].as_u64().unwrap() && rev > b["revision"].as_u64().unwrap());

        // Nothing lost: every conflicting field's other value is reported; a field that only
        // one side changed has that side's value.
        for f in FIELDS {
            if a[f] == base[f] {
                assert_eq!(ab.value[f], b[f], "round {round} field {f}");
            } else if b[f] == base[f] {
                assert_eq!(ab.value[f], a[f], "round {round} field {f}");
            } else if a[f] != b[f] {
                assert_eq!(ab.value[f], b[f], "B is later; round {round}");
                assert!(
                    ab.conflicts
                        .iter()
                        .any(|c| c.path == f && c.other.as_ref() == Some(&a[f])),
                    "round {round} field {f}: {:?}",
                    ab.conflicts
                );
            }
        }

        // Merging the result again with either side changes nothing more.
        let again = merge_records(Some(&b), &ab.value, &b);
        assert_eq!(
            without_meta(&again.value),
            without_meta(&ab.value),
            "round {round}"
        );
    }
}
