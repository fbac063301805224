//! Exporting an agenda in every format from the national-scale workspace (the follow-up item lists
//! the open action items of every earlier meeting of the forum, so the whole workspace is in play).

mod common;

use secretariat::export::{DocKind, Format, Options, export};
use secretariat::model::MeetingState;
use std::hint::black_box;

fn main() {
    let large = common::large();
    let ws = &large.ws;
    // The next Porteføljestyregruppen meeting whose agenda has gone out, else the latest one.
    let meeting = ws
        .meetings
        .iter()
        .find(|m| m.forum == "psg" && m.state == MeetingState::Sent)
        .or_else(|| ws.meetings.iter().rfind(|m| m.forum == "psg"))
        .expect("a psg meeting");
    let minutes = ws
        .meetings
        .iter()
        .rfind(|m| m.forum == "psg" && m.state == MeetingState::Approved)
        .expect("approved minutes");
    eprintln!(
        "agenda of {} ({} items), minutes of {}",
        meeting.id,
        meeting.items.len(),
        minutes.id
    );
    let opts = Options::default();
    let mut c = common::criterion();
    let mut g = c.benchmark_group("export");
    for format in Format::ALL {
        g.bench_function(format!("agenda_{format}"), |b| {
            b.iter(|| {
                black_box(export(ws, DocKind::Agenda, &meeting.id, format, &opts).expect("agenda"))
            })
        });
    }
    g.bench_function("minutes_html", |b| {
        b.iter(|| {
            black_box(
                export(ws, DocKind::Minutes, &minutes.id, Format::Html, &opts).expect("minutes"),
            )
        })
    });
    g.finish();
    c.final_summary();
}
