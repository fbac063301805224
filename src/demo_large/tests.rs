use super::*;
use std::collections::HashSet;

fn small(seed: u64) -> LargeSpec {
    LargeSpec {
        initiatives: 60,
        quarters: 6,
        cases: 40,
        meetings: 12,
        consultations: 8,
        decisions: 50,
        seed,
    }
}

/// Every file of a workspace folder with its bytes, by relative path (the audit log left out: it
/// holds the time of writing).
fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![];
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                if rel != "log" {
                    stack.push(p);
                }
            } else if !rel.starts_with('.') && rel.ends_with(".json") {
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn same_seed_same_files_and_it_loads_without_problems() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (store, ws) = write_large_workspace(&a.path().join("ws"), &small(7)).unwrap();
    write_large_workspace(&b.path().join("ws"), &small(7)).unwrap();
    let fa = files(&a.path().join("ws"));
    assert_eq!(fa, files(&b.path().join("ws")));
    let records = 1
        + ws.forums.len()
        + ws.initiatives.len()
        + ws.cases.len()
        + ws.meetings.len()
        + ws.consultations.len()
        + ws.decisions.len();
    assert_eq!(fa.len(), records);

    let loaded = store.load();
    assert_eq!(loaded.problems, vec![]);
    assert_eq!(loaded.workspace.initiatives, ws.initiatives);
    assert_eq!(loaded.workspace.decisions, ws.decisions);

    let other = large_workspace(&small(8)).unwrap();
    assert_ne!(other.initiatives, ws.initiatives, "the seed matters");
}

#[test]
fn sizes_and_references() {
    let spec = small(3);
    let ws = large_workspace(&spec).unwrap();
    assert_eq!(ws.initiatives.len(), spec.initiatives);
    assert!(
        ws.initiatives
            .iter()
            .all(|i| i.reports.len() == spec.quarters)
    );
    assert_eq!(ws.cases.len(), spec.cases);
    assert_eq!(ws.meetings.len(), spec.meetings);
    assert_eq!(ws.consultations.len(), spec.consultations);
    assert_eq!(ws.decisions.len(), spec.decisions);
    let ids = all_ids(&ws);
    let unique: HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
    for id in ids {
        assert_eq!(crate::model::validate_id(&id.1), Ok(()), "{id:?}");
    }
    // Some meetings are still to come, most have approved minutes.
    assert!(ws.meetings.iter().any(|m| m.state == MeetingState::Draft));
    assert!(
        ws.meetings
            .iter()
            .filter(|m| m.state == MeetingState::Approved)
            .count()
            > spec.meetings / 2
    );
    assert!(ws.cases.iter().any(|c| c.state.is_open()));
}

#[test]
#[ignore = "national size: about a second in release, slow in debug"]
fn national_size() {
    let ws = large_workspace(&LargeSpec::national(1)).unwrap();
    assert_eq!(ws.initiatives.len(), 2000);
    assert_eq!(
        ws.initiatives
            .iter()
            .map(|i| i.reports.len())
            .sum::<usize>(),
        40_000
    );
    assert_eq!(ws.cases.len(), 1000);
    assert_eq!(ws.meetings.len(), 300);
    assert_eq!(ws.consultations.len(), 200);
    assert_eq!(ws.decisions.len(), 3000);
}
