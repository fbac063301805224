//! The full-screen terminal UI. One loop: wait up to 250 ms for a key, a paste or a resize; check
//! the signal flags (SIGHUP when the SSH connection drops, SIGTERM, SIGINT); notice changes other
//! people made on disk; draw. The terminal is restored on every way out, panics included.
//!
//! Data flows one way: key -> `Action` -> `App::update` -> store (disk) -> state -> render.

pub mod action;
pub mod app;
pub mod form;
pub mod input_parse;
pub mod intent;
pub mod job;
pub mod keymap;
pub mod list;
pub mod mail;
pub mod path_complete;
pub mod popups;
/// The popups' first path (`tui::popup::Popup`, ...), kept for the code that names it.
pub use popups as popup;
pub mod recovery;
pub mod render;
pub mod screens;
mod sync_ui;
#[cfg(test)]
pub mod testing;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_session;
#[cfg(test)]
mod tests_wording;
pub mod text;
pub mod theme;
pub mod widgets;

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Size;

use crate::model::Language;
use crate::store::Store;
use app::App;

/// Why the terminal UI cannot start here, for the one-line error.
pub fn unusable_terminal() -> Option<String> {
    let term = std::env::var("TERM").unwrap_or_default();
    if term == "dumb" {
        return Some(
            "this terminal (TERM=dumb) cannot show the full-screen UI; use the subcommands \
             (secretariat list cases, secretariat export agenda ID, ... see secretariat --help)"
                .into(),
        );
    }
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Some(
            "not a terminal: the full-screen UI needs one; use the subcommands \
             (secretariat list cases, secretariat export agenda ID, ... see secretariat --help)"
                .into(),
        );
    }
    None
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Runs the UI on `store` until the user quits or the connection drops. Returns the exit code.
pub fn run(store: Store, lang: Option<Language>) -> Result<i32, String> {
    if let Some(why) = unusable_terminal() {
        return Err(why);
    }
    let hangup = Arc::new(AtomicBool::new(false));
    let term_sig = Arc::new(AtomicBool::new(false));
    let interrupt = Arc::new(AtomicBool::new(false));
    for (sig, flag) in [
        (signal_hook::consts::SIGHUP, &hangup),
        (signal_hook::consts::SIGTERM, &term_sig),
        (signal_hook::consts::SIGINT, &interrupt),
    ] {
        signal_hook::flag::register(sig, Arc::clone(flag))
            .map_err(|e| format!("cannot watch signals: {e}"))?;
    }

    let mut app = App::new(store, lang);
    app.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match recovery::load(app.store.root()) {
        recovery::Found::Nothing => {}
        recovery::Found::Form(snap) => app.offer_recovery(snap),
        recovery::Found::Unreadable { kept, why } => app.recovery_unreadable(&kept, &why),
    }

    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        // A bug must not cost the user what they typed: keep the open form for the next start.
        if let Ok(guard) = UNSAVED.try_lock()
            && let Some((root, snap)) = guard.as_ref()
        {
            let _ = recovery::save(root, snap);
        }
        default_hook(info);
    }));
    enable_raw_mode().map_err(|e| format!("cannot set up the terminal: {e}"))?;
    if let Err(e) = execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste) {
        restore_terminal();
        return Err(format!("cannot set up the terminal: {e}"));
    }
    let mut farewell = None;
    let result = event_loop(&mut app, &hangup, &term_sig, &interrupt, &mut farewell);
    restore_terminal();
    if let Some(text) = farewell {
        eprintln!("{text}");
    }
    result
}

fn event_loop(
    app: &mut App,
    hangup: &AtomicBool,
    term_sig: &AtomicBool,
    interrupt: &AtomicBool,
    farewell: &mut Option<String>,
) -> Result<i32, String> {
    let backend = CrosstermBackend::new(io::stdout());
    let mut terminal = Terminal::new(backend).map_err(|e| e.to_string())?;
    let mut last_disk_check = Instant::now();
    let mut dirty = true;
    // Start crossterm's event reader (and its SIGWINCH watch) before the first draw.
    let _ = event::poll(Duration::ZERO);
    let mut drawn_size = Size::new(0, 0);
    loop {
        if hangup.load(Ordering::Relaxed) || term_sig.load(Ordering::Relaxed) {
            save_recovery(app);
            return Ok(if hangup.load(Ordering::Relaxed) {
                129
            } else {
                143
            });
        }
        if interrupt.load(Ordering::Relaxed) {
            save_recovery(app);
            return Ok(130);
        }
        if app.quit {
            // Quitting with unsaved input in a form keeps it as a draft, offered at the next
            // start (the same file as after a dropped connection).
            match app.form_in_progress().filter(|f| f.is_dirty()) {
                None => return Ok(0),
                Some(f) => match recovery::save(app.store.root(), &f.snapshot()) {
                    Ok(path) => {
                        *farewell = Some(match app.lang {
                            Language::Da => format!(
                                "Formularen »{}« er gemt som kladde ({}) og tilbydes igen ved næste start.",
                                f.title,
                                path.display()
                            ),
                            Language::En => format!(
                                "The form \"{}\" is kept as a draft ({}) and offered again at the next start.",
                                f.title,
                                path.display()
                            ),
                        });
                        return Ok(0);
                    }
                    Err(e) => {
                        app.draft_not_kept(&e);
                        dirty = true;
                    }
                },
            }
        }
        if dirty {
            let size = terminal.size().unwrap_or(Size::new(80, 24));
            let size = if size.width == 0 || size.height == 0 {
                Size::new(80, 24)
            } else {
                size
            };
            app.page = size.height.saturating_sub(6) as usize;
            app.too_small = size.width < render::MIN_W || size.height < render::MIN_H;
            drawn_size = size;
            app.ensure_fresh(app.screen);
            if terminal.draw(|f| render::draw(app, f)).is_err() {
                // The terminal is gone: treat it as a hangup.
                save_recovery(app);
                return Ok(129);
            }
            dirty = false;
        }
        // Wait on the terminal ourselves first: when the connection is gone the terminal reports a
        // hangup (or EOF / an error), which crossterm would retry in a busy loop.
        match wait_for_terminal(250) {
            TerminalState::Gone => {
                save_recovery(app);
                return Ok(129);
            }
            // Quiet: crossterm may still have a resize (SIGWINCH) for us.
            TerminalState::Quiet | TerminalState::Readable => {}
        }
        // Take every event that is ready (a paste or fast typing comes as many at once).
        loop {
            match event::poll(Duration::from_millis(0)) {
                Ok(true) => match event::read() {
                    Ok(Event::Key(k)) => {
                        app.handle_key(k);
                        dirty = true;
                    }
                    Ok(Event::Paste(s)) => {
                        app.handle_paste(&s);
                        dirty = true;
                    }
                    Ok(Event::Resize(_, _)) => {
                        let _ = terminal.autoresize();
                        dirty = true;
                    }
                    Ok(_) => {}
                    Err(_) => {
                        save_recovery(app);
                        return Ok(129);
                    }
                },
                Ok(false) => break,
                Err(_) => {
                    save_recovery(app);
                    return Ok(129);
                }
            }
            if app.quit {
                break;
            }
        }
        if dirty {
            remember_unsaved(app);
        }
        // A resize whose signal came before crossterm listened: notice it by the size.
        if let Ok(now) = terminal.size()
            && now != drawn_size
            && now.width > 0
        {
            let _ = terminal.autoresize();
            dirty = true;
        }
        // A sending on the worker thread reports progress and its result.
        if mail::poll(app) {
            dirty = true;
        }
        // So does the meeting pack being made.
        if app.poll_job() {
            dirty = true;
        }
        if last_disk_check.elapsed() >= Duration::from_secs(1) {
            last_disk_check = Instant::now();
            if app.check_disk() {
                dirty = true;
            }
        }
    }
}

/// The open form's unsaved input as of the last key, for the panic hook (which cannot reach the
/// app).
static UNSAVED: std::sync::Mutex<Option<(std::path::PathBuf, form::FormSnapshot)>> =
    std::sync::Mutex::new(None);

/// Notes the open form's unsaved input for the panic hook.
fn remember_unsaved(app: &App) {
    let snap = app
        .form_in_progress()
        .filter(|f| f.is_dirty())
        .map(|f| (app.store.root().to_path_buf(), f.snapshot()));
    if let Ok(mut guard) = UNSAVED.lock() {
        *guard = snap;
    }
}

/// What the terminal has for us.
enum TerminalState {
    Readable,
    Quiet,
    /// Hung up, closed, or in error: the connection is gone.
    Gone,
}

/// Waits up to `ms` for input on the terminal (standard input), noticing a hangup.
fn wait_for_terminal(ms: i32) -> TerminalState {
    match crate::sys::poll_stdin(ms) {
        crate::sys::StdinState::Readable => TerminalState::Readable,
        // Interrupted by a signal: the loop checks the signal flags next.
        crate::sys::StdinState::Quiet | crate::sys::StdinState::Interrupted => TerminalState::Quiet,
        crate::sys::StdinState::Gone => TerminalState::Gone,
    }
}

/// Writes the open form's unsaved input to the recovery file (nothing when there is none).
fn save_recovery(app: &App) {
    if let Some(f) = app.form_in_progress()
        && f.is_dirty()
    {
        let _ = recovery::save(app.store.root(), &f.snapshot());
    }
}
