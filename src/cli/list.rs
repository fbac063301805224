//! `secretariat list KIND [--json]`: the records of one kind as a table or a JSON array.

use clap::ValueEnum;
use serde_json::{Value, json};

use crate::model::Workspace;
use crate::store::Store;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum What {
    Initiatives,
    Cases,
    Meetings,
    Consultations,
    Decisions,
    Forums,
}

/// The value of an enum as its snake_case JSON name.
fn name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Rows for `what`: the JSON objects, and the columns of the table.
pub fn rows(ws: &Workspace, what: What) -> (Vec<&'static str>, Vec<Value>) {
    match what {
        What::Initiatives => (
            vec!["id", "name", "ministry", "state"],
            ws.initiatives
                .iter()
                .map(|i| json!({"id": i.id, "name": i.name, "ministry": i.ministry, "state": name(&i.lifecycle),
                    "focus_area": i.focus_area, "budget": i.budget, "reports": i.reports.len()}))
                .collect(),
        ),
        What::Cases => (
            vec!["id", "kind", "state", "initiative", "title"],
            ws.cases
                .iter()
                .map(|c| json!({"id": c.id, "title": c.title, "kind": name(&c.kind), "state": name(&c.state),
                    "initiative": c.initiative, "forum": c.forum}))
                .collect(),
        ),
        What::Meetings => (
            vec!["id", "forum", "date", "state"],
            ws.meetings
                .iter()
                .map(|m| json!({"id": m.id, "forum": m.forum, "date": m.date, "state": name(&m.state),
                    "start": m.start, "end": m.end, "place": m.place, "agenda_version": m.agenda_version,
                    "items": m.items.len()}))
                .collect(),
        ),
        What::Consultations => (
            vec!["id", "forum", "deadline", "state", "subject"],
            ws.consultations
                .iter()
                .map(|c| json!({"id": c.id, "forum": c.forum, "deadline": c.deadline, "state": name(&c.state),
                    "subject": c.subject, "cases": c.cases, "outcome": c.outcome}))
                .collect(),
        ),
        What::Decisions => (
            vec!["id", "date", "forum", "source", "text"],
            ws.decisions
                .iter()
                .rev()
                .map(|d| json!({"id": d.id, "date": d.date, "forum": d.forum, "text": d.text,
                    "source": d.source.label(), "case": d.case, "initiative": d.initiative}))
                .collect(),
        ),
        What::Forums => (
            vec!["id", "short_name", "name", "members"],
            ws.forums
                .iter()
                .map(|f| json!({"id": f.id, "name": f.name, "short_name": f.short_name, "members": f.members.len(),
                    "parent": f.parent}))
                .collect(),
        ),
    }
}

pub fn run(store: &Store, what: What, as_json: bool) -> Result<i32, String> {
    let loaded = store.load();
    for p in &loaded.problems {
        eprintln!("warning: {p}");
    }
    let (cols, rows) = rows(&loaded.workspace, what);
    if as_json {
        let text = serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        print!("{}", table(&cols, &rows));
    }
    Ok(0)
}

/// A plain text table: the columns padded to their widest cell, the last one unpadded.
fn table(cols: &[&str], rows: &[Value]) -> String {
    let cell = |v: &Value| -> String {
        let s = match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        s.chars()
            .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
            .collect()
    };
    let grid: Vec<Vec<String>> = rows
        .iter()
        .map(|r| cols.iter().map(|c| cell(&r[*c])).collect())
        .collect();
    let widths: Vec<usize> = (0..cols.len())
        .map(|i| {
            grid.iter()
                .map(|r| r[i].chars().count())
                .chain([cols[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let mut line = |cells: Vec<String>| {
        let n = cells.len();
        for (i, c) in cells.into_iter().enumerate() {
            if i + 1 == n {
                out.push_str(&c);
            } else {
                out.push_str(&c);
                out.push_str(&" ".repeat(widths[i] - c.chars().count() + 2));
            }
        }
        out.push('\n');
    };
    line(cols.iter().map(|c| c.to_uppercase()).collect());
    for r in grid {
        line(r);
    }
    out
}
