//! Work that takes a while (making a meeting pack with many bilag) runs on a thread of its own, so
//! the screen stays alive and shows the progress; the main loop polls it on every tick.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::app::{App, Tone};
use crate::export::pack::{PackOptions, Progress};
use crate::model::Language;

/// A message from the job's thread.
#[derive(Debug, Clone, PartialEq)]
pub enum JobMsg {
    Progress(String),
    /// Finished: the message box's title and text, or the error.
    Done(Result<(String, String), String>),
    /// A git sync finished: its report, or the error's text.
    Synced(Result<crate::sync::SyncReport, String>),
}

/// What a background job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Pack,
    Sync,
}

/// A running background job.
pub struct Job {
    pub rx: Receiver<JobMsg>,
    pub kind: JobKind,
}

impl Job {
    /// Why another job cannot start now, in the UI's language.
    pub fn busy_text(&self, lang: Language) -> &'static str {
        match (self.kind, lang) {
            (JobKind::Pack, Language::Da) => {
                "Der laves allerede en mødepakke; vent til den er færdig."
            }
            (JobKind::Pack, Language::En) => {
                "A meeting pack is already being made; wait for it to finish."
            }
            (JobKind::Sync, Language::Da) => {
                "Der synkroniseres allerede; vent til det er færdigt (se statuslinjen)."
            }
            (JobKind::Sync, Language::En) => {
                "A sync is already running; wait for it to finish (see the status line)."
            }
        }
    }
}

fn progress_text(lang: Language, p: Progress) -> String {
    match (p, lang) {
        (Progress::Reading { done, total }, Language::Da) => {
            format!("Mødepakke: læser bilag {done} af {total} …")
        }
        (Progress::Reading { done, total }, Language::En) => {
            format!("Meeting pack: reading bilag {done} of {total} …")
        }
        (Progress::Typesetting, Language::Da) => "Mødepakke: sætter siderne …".into(),
        (Progress::Typesetting, Language::En) => "Meeting pack: typesetting the pages …".into(),
        (Progress::Writing, Language::Da) => "Mødepakke: skriver PDF-filen …".into(),
        (Progress::Writing, Language::En) => "Meeting pack: writing the PDF file …".into(),
    }
}

impl App {
    /// Starts making the pack of `meeting` into out/ on a thread; its progress shows in the status
    /// line and a message box says where the file went.
    pub fn start_pack(&mut self, meeting: &str, opts: PackOptions) {
        if let Some(job) = &self.job {
            self.flash(job.busy_text(self.lang), Tone::Info);
            return;
        }
        let (tx, rx) = channel();
        let store = self.store.clone();
        let mut ws = self.ws.clone();
        ws.settings.language = self.lang;
        let lang = self.lang;
        let meeting = meeting.to_string();
        std::thread::spawn(move || {
            let progress_tx = tx.clone();
            let progress = move |p: Progress| {
                let _ = progress_tx.send(JobMsg::Progress(progress_text(lang, p)));
            };
            let result =
                crate::export::output::write_pack(&store, &ws, &meeting, &opts, None, &progress)
                    .map(|w| {
                        let mut text = match lang {
                            Language::Da => "Mødepakken er skrevet:\n".to_string(),
                            Language::En => "The meeting pack is written:\n".to_string(),
                        };
                        if let Some(p) = &w.path {
                            text.push_str(&format!("  {}\n", p.display()));
                        }
                        for (label, path) in &w.separate {
                            text.push_str(&match lang {
                                Language::Da => {
                                    format!(
                                        "\n{label} er ikke PDF; vedlagt separat:\n  {}\n",
                                        path.display()
                                    )
                                }
                                Language::En => {
                                    format!(
                                        "\n{label} is not a PDF; enclosed separately:\n  {}\n",
                                        path.display()
                                    )
                                }
                            });
                        }
                        let title = match lang {
                            Language::Da => "Mødepakke",
                            Language::En => "Meeting pack",
                        };
                        (title.to_string(), text)
                    });
            let _ = tx.send(JobMsg::Done(result));
        });
        self.job = Some(Job {
            rx,
            kind: JobKind::Pack,
        });
        self.flash(
            progress_text(lang, Progress::Reading { done: 0, total: 0 }),
            Tone::Info,
        );
    }

    /// Takes the job's messages; true when something changed on screen.
    pub fn poll_job(&mut self) -> bool {
        let mut changed = false;
        loop {
            let Some(job) = &self.job else {
                return changed;
            };
            match job.rx.try_recv() {
                Ok(JobMsg::Progress(text)) => {
                    self.flash(text, Tone::Info);
                    changed = true;
                }
                Ok(JobMsg::Synced(result)) => {
                    self.job = None;
                    self.sync_finished(result);
                    return true;
                }
                Ok(JobMsg::Done(result)) => {
                    self.job = None;
                    match result {
                        Ok((title, text)) => {
                            self.message_box(&title, text);
                            self.flash(
                                self.t(
                                    "Mødepakken er skrevet til out/.",
                                    "The meeting pack is written to out/.",
                                ),
                                Tone::Success,
                            );
                        }
                        Err(e) => self.flash(e, Tone::Error),
                    }
                    return true;
                }
                Err(TryRecvError::Empty) => return changed,
                Err(TryRecvError::Disconnected) => {
                    let kind = self.job.take().map(|j| j.kind);
                    self.flash(
                        match kind {
                            Some(JobKind::Sync) => self.t(
                                "Synkroniseringen stoppede uventet; intet er tabt: prøv igen.",
                                "The sync stopped unexpectedly; nothing is lost: try again.",
                            ),
                            _ => self.t(
                                "Mødepakken kunne ikke laves.",
                                "The meeting pack could not be made.",
                            ),
                        },
                        Tone::Error,
                    );
                    return true;
                }
            }
        }
    }

    /// Waits for the running job to finish (tests).
    pub fn wait_job(&mut self) {
        while self.job.is_some() {
            std::thread::sleep(std::time::Duration::from_millis(20));
            self.poll_job();
        }
    }
}
