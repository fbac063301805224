//! Upgrading a loaded workspace to the current schema, and checks of references to forum members.
//!
//! Schema version 2 gives every forum member a stable `id` (a slug of the authority, unique in the
//! forum); replies, attendance and action items refer to it, so renaming an authority (it happens at
//! every government reshuffle) keeps its reply, attendance and history. Records written before that
//! are upgraded when the workspace is loaded: the ids are filled in, the references linked by the
//! authority's name, and the upgraded records written back atomically through [`Store::apply`] (one
//! audit-log line each). A name that matches no member is kept as it is, never dropped, and reported
//! by `check` (as a problem that does not skip the record).

use std::path::PathBuf;

use super::{Change, Loaded, Problem, Store, load::locate_key};
use crate::model::meta::SCHEMA_VERSION;
use crate::model::{AnyRecord, Forum, RecordKind, Workspace};

/// The first schema version in which members have ids.
pub const MEMBER_IDS: u32 = 2;

/// The audit-log summary of an upgrade write.
pub const SUMMARY: &str = "upgraded to schema version 2: forum members get stable ids, replies, attendance and action items refer to them";

/// Upgrades the records of `ws` written before schema version [`MEMBER_IDS`], in memory. Returns the
/// upgraded records as changes to write.
pub fn upgrade(ws: &mut Workspace) -> Vec<Change> {
    let mut changes = vec![];
    for f in ws.forums.iter_mut() {
        let old = f.schema_version < MEMBER_IDS;
        if f.ensure_member_ids() || old {
            f.schema_version = SCHEMA_VERSION;
            changes.push(Change::Update(AnyRecord::Forum(f.clone())));
        }
    }
    let forums = ws.forums.clone();
    let forum = |id: &str| forums.iter().find(|f| f.id == id);
    for m in ws
        .meetings
        .iter_mut()
        .filter(|m| m.schema_version < MEMBER_IDS)
    {
        if let Some(f) = forum(&m.forum) {
            for a in m.attendance.iter_mut().filter(|a| a.member.is_empty()) {
                a.member = link(f, &a.authority);
            }
            for it in m.items.iter_mut() {
                for a in it
                    .minutes
                    .action_items
                    .iter_mut()
                    .filter(|a| a.owner_member.is_empty())
                {
                    a.owner_member = link(f, &a.owner);
                }
            }
        }
        m.schema_version = SCHEMA_VERSION;
        changes.push(Change::Update(AnyRecord::Meeting(m.clone())));
    }
    for c in ws
        .consultations
        .iter_mut()
        .filter(|c| c.schema_version < MEMBER_IDS)
    {
        if let Some(f) = forum(&c.forum) {
            for r in c.replies.iter_mut().filter(|r| r.member.is_empty()) {
                r.member = link(f, &r.authority);
            }
        }
        c.schema_version = SCHEMA_VERSION;
        changes.push(Change::Update(AnyRecord::Consultation(c.clone())));
    }
    changes
}

/// The id of the member whose authority is `name` (ignoring case and blanks), or "".
fn link(f: &Forum, name: &str) -> String {
    f.members
        .iter()
        .find(|m| m.authority.trim().to_lowercase() == name.trim().to_lowercase())
        .map(|m| m.id.clone())
        .unwrap_or_default()
}

/// Replies and attendance that name no member of their forum (neither by id nor by authority), as
/// problems that keep the record.
pub fn member_problems(root: &std::path::Path, ws: &Workspace) -> Vec<Problem> {
    let mut out = vec![];
    let mut add = |kind: RecordKind, id: &str, key: &str, message: String| {
        let rel = PathBuf::from(kind.folder()).join(format!("{id}.json"));
        let bytes = std::fs::read(root.join(&rel)).unwrap_or_default();
        let (line, column) = locate_key(&bytes, key);
        out.push(Problem {
            path: rel,
            line,
            column,
            message,
            skipped: false,
        });
    };
    for c in &ws.consultations {
        let Some(f) = ws.forum(&c.forum) else {
            continue;
        };
        for r in &c.replies {
            if f.member_ref(&r.member, &r.authority).is_none() {
                add(
                    RecordKind::Consultation,
                    &c.id,
                    "replies",
                    format!(
                        "field \"replies\": the reply from {:?} matches no member of the forum {:?}; it is kept but not counted (fix the name, or add the member to forums/{}.json)",
                        r.authority, f.id, f.id
                    ),
                );
            }
        }
    }
    for m in &ws.meetings {
        let Some(f) = ws.forum(&m.forum) else {
            continue;
        };
        for a in &m.attendance {
            if f.member_ref(&a.member, &a.authority).is_none() {
                add(
                    RecordKind::Meeting,
                    &m.id,
                    "attendance",
                    format!(
                        "field \"attendance\": {:?} matches no member of the forum {:?}; it is kept as it is (fix the name, or add the member to forums/{}.json)",
                        a.authority, f.id, f.id
                    ),
                );
            }
        }
    }
    out
}

/// The hook run after loading: upgrades old records, writes them back through the store, and adds
/// the member-reference problems. A failed write is reported as a problem; the upgraded records are
/// still used in memory.
pub fn on_load(store: &Store, loaded: &mut Loaded) {
    let changes = upgrade(&mut loaded.workspace);
    if !changes.is_empty() {
        let n = changes.len();
        if let Err(e) = store.apply(&mut loaded.workspace, changes, SUMMARY) {
            loaded.problems.push(Problem {
                path: PathBuf::from(super::WORKSPACE_FILE),
                line: 0,
                column: 0,
                message: format!(
                    "could not write the upgrade of {n} record(s) to schema version {SCHEMA_VERSION}: {e}; they are upgraded in memory only, and will be again at the next start"
                ),
                skipped: false,
            });
        }
    }
    let extra = member_problems(store.root(), &loaded.workspace);
    if !extra.is_empty() {
        loaded.problems.extend(extra);
        loaded
            .problems
            .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::model::{ConsultationState, Settings};

    /// A schema-1 workspace on disk: a forum without member ids and a consultation whose replies
    /// name authorities, one of which ("Statens It") is no member.
    fn old_workspace() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut settings = Settings {
            name: "Test".into(),
            ..Settings::default()
        };
        let store = Store::init(dir.path().join("ws"), &mut settings)
            .unwrap()
            .with_user("tester");
        let root = store.root().to_path_buf();
        fs::write(
            root.join("forums/psg.json"),
            r#"{"schema_version": 1, "id": "psg", "revision": 1, "name": "Porteføljestyregruppen",
  "short_name": "PSG", "members": [
    {"authority": "Danske Regioner", "representative": "Annette Skov"},
    {"authority": "KL", "representative": "Jens Mikkelsen"},
    {"authority": "KL ", "representative": "Twin"}]}"#,
        )
        .unwrap();
        fs::write(
            root.join("consultations/H-2026-02.json"),
            r#"{"schema_version": 1, "id": "H-2026-02", "revision": 3, "forum": "psg",
  "subject": "Udmøntning", "state": "sent", "replies": [
    {"authority": "Danske Regioner", "kind": "consent_with_comments", "text": "Ja, men"},
    {"authority": "Statens It", "kind": "objection"}]}"#,
        )
        .unwrap();
        (dir, store)
    }

    #[test]
    fn loading_upgrades_writes_logs_and_keeps_unknown_names() {
        let (_dir, store) = old_workspace();
        let loaded = store.load();
        let f = loaded.workspace.forum("psg").unwrap();
        let ids: Vec<&str> = f.members.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["danske-regioner", "kl", "kl-2"]);
        let c = loaded.workspace.consultation("H-2026-02").unwrap();
        assert_eq!(c.replies[0].member, "danske-regioner");
        assert_eq!(c.replies[1].member, "", "an unknown name is not linked");
        assert_eq!(c.replies[1].authority, "Statens It", "nor dropped");
        assert_eq!(c.state, ConsultationState::Sent);

        // Written to disk, with the schema version bumped and the revision counted up.
        let on_disk = fs::read_to_string(store.path_of(RecordKind::Forum, "psg")).unwrap();
        assert!(on_disk.contains("\"schema_version\": 2"), "{on_disk}");
        assert!(on_disk.contains("\"id\": \"danske-regioner\""), "{on_disk}");
        let c_disk =
            fs::read_to_string(store.path_of(RecordKind::Consultation, "H-2026-02")).unwrap();
        assert!(
            c_disk.contains("\"member\": \"danske-regioner\""),
            "{c_disk}"
        );
        assert!(c_disk.contains("\"Statens It\""), "{c_disk}");
        assert!(c_disk.contains("\"revision\": 4"), "{c_disk}");
        // Logged.
        let log = super::super::read_audit(store.root());
        assert_eq!(
            log.iter()
                .filter(|e| e.summary.starts_with(SUMMARY))
                .count(),
            2
        );

        // The unknown name is reported (as a problem that keeps the record), naming the file.
        let problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("consultations/H-2026-02.json:"));
        assert!(loaded.problems[0].line > 1, "points at the replies");
        assert!(problems[0].contains("\"Statens It\" matches no member"));
        assert!(!loaded.problems[0].skipped);

        // A second load has nothing left to upgrade.
        let again = store.load();
        assert_eq!(again.problems.len(), 1);
        let log = super::super::read_audit(store.root());
        assert_eq!(
            log.iter()
                .filter(|e| e.summary.starts_with(SUMMARY))
                .count(),
            2
        );
    }

    #[test]
    fn a_renamed_authority_keeps_its_reply() {
        let (_dir, store) = old_workspace();
        let _ = store.load();
        let path = store.path_of(RecordKind::Forum, "psg");
        let text = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            text.replace("\"Danske Regioner\"", "\"Danske Regioner (RKKP)\""),
        )
        .unwrap();
        let ws = store.load().workspace;
        let f = ws.forum("psg").unwrap();
        let c = ws.consultation("H-2026-02").unwrap();
        let m = f.member("danske-regioner").unwrap();
        assert_eq!(m.authority, "Danske Regioner (RKKP)");
        let r = crate::rules::tally::reply_of_member(c, m).unwrap();
        assert_eq!(r.text, "Ja, men");
        assert_eq!(crate::rules::tally::tally(c, f).with_comments, 1);
    }

    #[test]
    fn a_failed_write_is_reported_and_the_upgrade_kept_in_memory() {
        let (_dir, store) = old_workspace();
        let mut loaded = crate::store::load::load(store.root());
        // Someone else writes the consultation after we read it: our upgrade write is a conflict.
        let mut c = loaded.workspace.consultation("H-2026-02").unwrap().clone();
        store.save(&mut c, "someone else").unwrap();
        on_load(&store, &mut loaded);
        let messages: Vec<&str> = loaded.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("could not write the upgrade of 2 record(s)")),
            "{messages:?}"
        );
        let f = loaded.workspace.forum("psg").unwrap();
        assert_eq!(f.members[0].id, "danske-regioner");
        let c = loaded.workspace.consultation("H-2026-02").unwrap();
        assert_eq!(c.replies[0].member, "danske-regioner");
    }
}
