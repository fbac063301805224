//! Ten times the national portfolio (20,000 initiatives x 20 quarters, 10,000 cases, 3,000
//! meetings, 2,000 consultations, 30,000 decisions): the workspace must stay usable as it grows.
//! Targets: load to the first frame < 2x `Store::load` of the same workspace; creating a case in
//! the TUI (store write + the lists it changes) and undoing it < 50 ms each.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use secretariat::demo_large::LargeSpec;
use secretariat::model::{AnyRecord, Case, CaseKind};
use secretariat::store::{Change, Store};
use secretariat::tui::action::Action;
use secretariat::tui::app::App;
use secretariat::tui::render;

fn main() {
    let large = common::large_with(&LargeSpec {
        initiatives: 20_000,
        quarters: 20,
        cases: 10_000,
        meetings: 3_000,
        consultations: 2_000,
        decisions: 30_000,
        seed: common::SEED,
    });
    let root = large.root.clone();
    drop(large.ws);
    let mut c = common::criterion();

    c.bench_function("scale10x/store_load", |b| {
        b.iter(|| {
            black_box(
                Store::open(&root)
                    .expect("opens")
                    .load()
                    .workspace
                    .cases
                    .len(),
            )
        })
    });
    c.bench_function("scale10x/tui_load_to_first_frame_120x36", |b| {
        b.iter(|| {
            let app = App::new(Store::open(&root).expect("opens"), None);
            let mut term = Terminal::new(TestBackend::new(120, 36)).expect("a test terminal");
            term.draw(|f| render::draw(&app, f)).expect("a frame");
            black_box(app.ws.initiatives.len())
        })
    });

    // One app, as a user has it open: a case is created (as the Cases form does, through
    // App::commit) and undone, each timed on its own.
    let mut app = App::new(Store::open(&root).expect("opens"), None);
    let new_case = |app: &App| {
        let id = secretariat::ops::case::next_case_id(&app.ws, &app.stamp());
        let change = Change::Create(AnyRecord::Case(Case::new(&id, CaseKind::Other, "Ny sag")));
        (id, change)
    };
    let undone = |app: &App, id: &str| {
        assert!(app.ws.case(id).is_none(), "undo failed: {:?}", app.message);
    };
    c.bench_function("scale10x/tui_create_case", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let (id, change) = new_case(&app);
                let t = Instant::now();
                app.commit(vec![change], "created")
                    .expect("the case is written");
                spent += t.elapsed();
                app.update(Action::Undo);
                undone(&app, &id);
            }
            spent
        })
    });
    c.bench_function("scale10x/tui_undo_create_case", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let (id, change) = new_case(&app);
                app.commit(vec![change], "created")
                    .expect("the case is written");
                let t = Instant::now();
                app.update(Action::Undo);
                spent += t.elapsed();
                undone(&app, &id);
            }
            spent
        })
    });
    // The parts of a commit, to see where its time goes: the store's write of one new record
    // (file, audit line, fsync) and the rebuild of the list on screen (the Overview at start).
    let store = Store::open(&root).expect("opens");
    let mut ws = store.load().workspace;
    c.bench_function("scale10x/store_apply_create_case", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let id = secretariat::ops::case::next_case_id(&ws, &app.stamp());
                let case = Case::new(&id, CaseKind::Other, "Ny sag");
                let t = Instant::now();
                store
                    .apply(
                        &mut ws,
                        vec![Change::Create(AnyRecord::Case(case.clone()))],
                        "created",
                    )
                    .expect("written");
                spent += t.elapsed();
                let now = ws.case(&id).cloned().expect("created");
                store
                    .apply(
                        &mut ws,
                        vec![Change::Delete(AnyRecord::Case(now))],
                        "deleted",
                    )
                    .expect("deleted");
            }
            spent
        })
    });
    c.bench_function("scale10x/overview_list_build", |b| {
        b.iter(|| {
            black_box(
                secretariat::tui::screens::model(&app, secretariat::tui::app::ScreenId::Overview)
                    .rows
                    .len(),
            )
        })
    });
    c.final_summary();
}
