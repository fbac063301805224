//! The terminal UI on the national-scale workspace: load to the first frame, one frame of each
//! screen at 120x36, one cursor move in Portfolio (update + render), typing into the filter, and
//! the bytes one cursor move writes to the terminal (ratatui's diffing, never a full redraw), and a
//! step of the Portfolio's quarter selector.

mod common;

use std::cell::Cell;
use std::hint::black_box;
use std::io::Write;
use std::rc::Rc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use secretariat::store::Store;
use secretariat::tui::app::{App, ScreenId};
use secretariat::tui::render;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[derive(Clone, Default)]
struct Counter(Rc<Cell<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn main() {
    let large = common::large();
    let mut c = common::criterion();
    let root = large.root.clone();

    c.bench_function("tui/load_to_first_frame_120x36", |b| {
        b.iter(|| {
            let store = Store::open(&root).expect("the workspace opens");
            let app = App::new(store, None);
            let mut term = Terminal::new(TestBackend::new(120, 36)).expect("a test terminal");
            term.draw(|f| render::draw(&app, f)).expect("a frame");
            black_box(app.ws.initiatives.len())
        })
    });

    let store = Store::open(&root).expect("the workspace opens");
    let mut app = App::new(store, None);
    let mut term = Terminal::new(TestBackend::new(120, 36)).expect("a test terminal");
    for s in ScreenId::EVERY {
        app.screen = s;
        let name = format!("tui/render_{:?}_120x36", s).to_lowercase();
        c.bench_function(&name, |b| {
            b.iter(|| {
                term.draw(|f| render::draw(&app, f)).expect("a frame");
            })
        });
    }

    // A meeting's agenda (the detail view of the meeting with the most items).
    app.screen = ScreenId::Meetings;
    if let Some(m) = app.ws.meetings.iter().max_by_key(|m| m.items.len()) {
        let id = m.id.clone();
        app.open_record(secretariat::model::RecordKind::Meeting, &id);
    }
    c.bench_function("tui/render_meeting_agenda_120x36", |b| {
        b.iter(|| {
            term.draw(|f| render::draw(&app, f)).expect("a frame");
        })
    });

    app.back.clear();
    app.screen = ScreenId::Portfolio;
    c.bench_function("tui/portfolio_cursor_move_update_and_render", |b| {
        let mut down = true;
        b.iter(|| {
            // Down to the bottom, then back up, so every move really moves.
            let v = app.view();
            if v.list.cursor + 1 >= v.list.visible.len() {
                down = false;
            } else if v.list.cursor == 0 {
                down = true;
            }
            app.handle_key(key(if down { 'j' } else { 'k' }));
            term.draw(|f| render::draw(&app, f)).expect("a frame");
        })
    });

    c.bench_function("tui/portfolio_filter_one_key_update_and_render", |b| {
        app.handle_key(key('/'));
        let word = "digital";
        let mut i = 0;
        b.iter(|| {
            if i == word.len() {
                // Start the word again: clear the filter (Esc) and open it anew.
                app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
                app.handle_key(key('/'));
                i = 0;
            }
            let ch = word.as_bytes()[i] as char;
            app.handle_key(key(ch));
            i += 1;
            term.draw(|f| render::draw(&app, f)).expect("a frame");
        });
        app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    });

    // The Portfolio's quarter selector with the categories over time shown: each `[` / `]` rebuilds
    // the list for another quarter (its deviations computed anew) and draws the chart. Between the
    // two quarters before the latest, so every step computes an earlier quarter's list.
    app.handle_key(key('v'));
    app.handle_key(key('['));
    c.bench_function(
        "tui/portfolio_quarter_step_with_chart_update_and_render",
        |b| {
            let mut back = true;
            b.iter(|| {
                app.handle_key(key(if back { '[' } else { ']' }));
                back = !back;
                term.draw(|f| render::draw(&app, f)).expect("a frame");
            })
        },
    );
    app.handle_key(key(']'));
    app.handle_key(key('v'));

    // A case whose background is 50 MB: one key (cursor down) on its page and the frame after it.
    // The page shows the first 256 kB and says the text goes on.
    {
        let mut big = app.ws.cases[0].clone();
        big.background = "Meget lang sagsfremstilling om et stort it-projekt. ".repeat(1_000_000);
        let id = big.id.clone();
        secretariat::model::AnyRecord::Case(big).put_into(&mut app.ws);
        app.back.clear();
        app.screen = ScreenId::Cases;
        app.open_record(secretariat::model::RecordKind::Case, &id);
        c.bench_function("tui/case_page_50mb_background_key_and_render", |b| {
            let mut down = true;
            b.iter(|| {
                app.handle_key(key(if down { 'j' } else { 'k' }));
                down = !down;
                term.draw(|f| render::draw(&app, f)).expect("a frame");
            })
        });
        app.back.clear();
        app.screen = ScreenId::Portfolio;
    }

    // Bytes written to the terminal by one cursor move: a figure, printed.
    let counter = Counter::default();
    let mut real = Terminal::with_options(
        CrosstermBackend::new(counter.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 120, 36)),
        },
    )
    .expect("a counting terminal");
    app.handle_key(key('g'));
    real.draw(|f| render::draw(&app, f)).expect("a frame");
    let full = counter.0.get();
    counter.0.set(0);
    app.handle_key(key('j'));
    real.draw(|f| render::draw(&app, f)).expect("a frame");
    eprintln!(
        "tui/bytes_per_cursor_move: {} bytes (first full frame: {full} bytes; one 120-column row is 120+ bytes)",
        counter.0.get()
    );
    c.final_summary();
}
