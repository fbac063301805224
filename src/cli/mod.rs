//! The command line: one module per subcommand. Errors go to stderr as one line with a non-zero
//! exit code; nothing here panics on bad input.

mod annual;
mod attach;
mod check;
mod deviations;
pub mod export;
mod generate;
mod history;
pub mod import;
mod init;
mod list;
mod receive;
mod send;
mod sync;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::model::Language;
use crate::store::{Store, StoreError, WORKSPACE_FILE};

#[derive(Parser, Debug)]
#[command(
    name = "secretariat",
    version,
    about = "Agendas, written consultations and decision records for an IT-portfolio steering group",
    long_about = "Agendas, written consultations and decision records for an IT-portfolio steering group.\n\
                  Without a subcommand, opens the full-screen terminal UI on the workspace."
)]
pub struct Cli {
    /// The workspace folder (else $SECRETARIAT_WORKSPACE, else the current folder if it holds
    /// workspace.json, else your per-user data folder).
    #[arg(short = 'w', long = "workspace", global = true, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// Language of the user interface and exports: da or en (default: the workspace's).
    #[arg(long, global = true, value_name = "da|en")]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Lang {
    Da,
    En,
}

impl From<Lang> for Language {
    fn from(l: Lang) -> Language {
        match l {
            Lang::Da => Language::Da,
            Lang::En => Language::En,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a new workspace in DIR.
    Init {
        dir: PathBuf,
        /// Fill it with the demo content (Porteføljestyregruppen, ~30 initiatives, cases, meetings).
        #[arg(long)]
        demo: bool,
        /// Start with Porteføljestyregruppen as the first forum (14 member authorities, standard
        /// items, 5 working days). Asked in a terminal when neither this nor --no-forum is given.
        #[arg(long, conflicts_with_all = ["demo", "no_forum"])]
        forum: bool,
        /// Start without any forum (add one later with F in the program).
        #[arg(long, conflicts_with = "demo")]
        no_forum: bool,
        /// With --demo: place the demo's meetings, deadlines and report quarters as if today were
        /// this day (YYYY-MM-DD; default today). 2026-11-26 gives the fixed demo in agendas/.
        #[arg(long, requires = "demo", value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
    },
    /// Validate every file; print one line per problem (path:line:col: message).
    Check,
    /// List records as a table, or as JSON with --json.
    List {
        what: list::What,
        #[arg(long)]
        json: bool,
    },
    /// Generate large deterministic test data (for trying the program at scale and benchmarks).
    #[command(subcommand)]
    Generate(GenerateWhat),
    /// Import initiatives or quarterly status reports from a CSV file (all or nothing).
    Import {
        what: import::What,
        file: PathBuf,
        /// Show what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// The deviating, attention-requiring and missing initiatives of a quarter (default: the latest).
    Deviations {
        /// e.g. 2026Q3, 2026-Q3, "3. kvt. 2026"
        #[arg(long)]
        quarter: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Write an agenda, minutes, consultation letter, reminder or summary for distribution, the
    /// quarterly portfolio report (`export portfolio-report [--quarter Q]`) or the economy overview
    /// of a year (`export economy-report [--year Y]`).
    Export {
        what: export::What,
        /// The meeting's id (agenda, minutes) or the consultation's id; none for portfolio-report.
        id: Option<String>,
        /// portfolio-report: the quarter (e.g. 2026Q3); default: the latest with reports.
        #[arg(long)]
        quarter: Option<String>,
        /// economy-report, annual-status: the year (e.g. 2026); default: the year of the latest
        /// quarter with reports.
        #[arg(long, value_name = "YEAR")]
        year: Option<String>,
        /// The format (default html; pdf with --attach).
        #[arg(long, value_enum)]
        format: Option<export::Fmt>,
        /// Where to write; `-` for standard output. Default: out/ in the workspace.
        #[arg(short = 'o', long = "output", value_name = "PATH|-")]
        output: Option<PathBuf>,
        /// Leave out the content of closed items (lukket punkt); marked "Offentlig version".
        #[arg(long)]
        public: bool,
        /// The document's date (YYYY-MM-DD): a reminder's date line and file name. Default: today.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
        /// A reminder's new reply deadline ("YYYY-MM-DD HH:MM", or YYYY-MM-DD for 12.00).
        #[arg(long, value_name = "YYYY-MM-DD [HH:MM]", value_parser = parse_deadline)]
        deadline: Option<chrono::NaiveDateTime>,
        /// PDF only: write PDF/A-2b for archiving.
        #[arg(long)]
        pdf_a: bool,
        /// Pack only: list a bilag that cannot be inserted (corrupt, encrypted, empty, missing)
        /// instead of refusing to make the pack.
        #[arg(long)]
        skip_broken: bool,
        /// portfolio-report only: put the PDF on this agenda item as a bilag ("Porteføljerapport 3.
        /// kvt. 2026"); ITEM as printed on the agenda.
        #[arg(long, num_args = 2, value_names = ["MEETING", "ITEM"])]
        attach: Option<Vec<String>>,
        /// annual-status only: write the texts file texts/statusredegoerelse-YEAR.md with every
        /// section's heading, if it does not exist yet (never overwrites); exports nothing.
        #[arg(long)]
        init_texts: bool,
    },
    /// E-mail an agenda, minutes, consultation letter or reminder to the forum's members.
    Send {
        what: send::What,
        /// The meeting's id (agenda, minutes) or the consultation's id.
        id: String,
        /// Write the messages as .eml files under out/mail/ID/; send nothing.
        #[arg(long)]
        dry_run: bool,
        /// Send one test message to this address; no record changes.
        #[arg(long, value_name = "ADDRESS")]
        to: Option<String>,
        /// Send again, only to the recipients that failed last time.
        #[arg(long)]
        retry: bool,
    },
    /// Read replies to written consultations from .eml files or Maildir folders.
    Receive {
        #[arg(required = true, value_name = "FILE.eml|MAILDIR")]
        paths: Vec<PathBuf>,
        /// The reply kind, when the first words do not say it (or to overrule them).
        #[arg(long, value_enum)]
        kind: Option<receive::Kind>,
        /// Show what would be recorded; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Share the workspace through git: `sync init [REMOTE]` once, then `sync` to commit, fetch,
    /// merge and push.
    Sync {
        #[command(subcommand)]
        action: Option<sync::Action>,
    },
    /// Who changed a record when, and which fields (from git, else the audit log), e.g.
    /// `history cases/S-2026-014`.
    History {
        /// The record: cases/S-2026-014, a file path, or just the id.
        record: String,
        /// Print the record as it was at this version (a commit from the history list).
        #[arg(long, value_name = "COMMIT")]
        at: Option<String>,
        /// For a meeting: print its agenda as last dispatched (Markdown), from git.
        #[arg(long, conflicts_with = "at")]
        dispatched: bool,
    },
    /// The merge driver git runs for record files (set up by `sync init`); not for direct use.
    #[command(hide = true)]
    MergeDriver {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        path: PathBuf,
    },
    /// Add a file as a bilag: `attach CASE FILE` or `attach MEETING ITEM FILE` (ITEM as printed on
    /// the agenda). The file is copied into bilag/<owner>/ in the workspace.
    Attach {
        /// CASE FILE, or MEETING ITEM FILE.
        #[arg(num_args = 2..=3, required = true, value_name = "CASE|MEETING [ITEM] FILE")]
        args: Vec<String>,
        /// The bilag's title (default: the file name).
        #[arg(long)]
        title: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum GenerateWhat {
    /// initiatives.csv and reports.csv (`;`-separated, Danish) for `secretariat import`.
    Csv {
        dir: PathBuf,
        #[arg(long, default_value_t = 2000)]
        initiatives: usize,
        #[arg(long, default_value_t = 20)]
        quarters: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// A whole new workspace in DIR at national-portfolio scale: initiatives with quarterly reports
    /// (as `generate csv` makes them), cases, meetings, written consultations and decisions.
    Workspace {
        dir: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 2000)]
        initiatives: usize,
        #[arg(long, default_value_t = 20)]
        quarters: usize,
        #[arg(long, default_value_t = 1000)]
        cases: usize,
        #[arg(long, default_value_t = 300)]
        meetings: usize,
        #[arg(long, default_value_t = 200)]
        consultations: usize,
        /// At most this many (one per concluded consultation, the rest from approved minutes).
        #[arg(long, default_value_t = 3000)]
        decisions: usize,
    },
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    crate::sys::default_sigpipe();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("secretariat: {msg}");
            1
        }
    }
}

fn run(cli: Cli) -> Result<i32, String> {
    let lang = cli.lang.map(Language::from);
    match cli.command {
        Some(Command::Init {
            dir,
            demo,
            forum,
            no_forum,
            today,
        }) => {
            let first_forum = match (forum, no_forum) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            };
            init::run(&dir, demo, first_forum, today, lang)
        }
        Some(Command::Check) => check::run(&open(cli.workspace.as_deref())?),
        Some(Command::List { what, json }) => {
            list::run(&open(cli.workspace.as_deref())?, what, json)
        }
        Some(Command::Generate(GenerateWhat::Csv {
            dir,
            initiatives,
            quarters,
            seed,
        })) => generate::csv(&dir, initiatives, quarters, seed),
        Some(Command::Generate(GenerateWhat::Workspace {
            dir,
            seed,
            initiatives,
            quarters,
            cases,
            meetings,
            consultations,
            decisions,
        })) => generate::workspace(
            &dir,
            &crate::demo_large::LargeSpec {
                initiatives,
                quarters,
                cases,
                meetings,
                consultations,
                decisions,
                seed,
            },
        ),
        Some(Command::Deviations { quarter, json }) => deviations::run(
            &open(cli.workspace.as_deref())?,
            quarter.as_deref(),
            json,
            lang,
        ),
        Some(Command::Import {
            what,
            file,
            dry_run,
        }) => import::run(&open(cli.workspace.as_deref())?, what, &file, dry_run),
        Some(Command::Export {
            what: export::What::AnnualStatus,
            id,
            quarter,
            format,
            output,
            public,
            date,
            deadline,
            pdf_a,
            skip_broken,
            attach,
            year,
            init_texts,
        }) => {
            let unused = [
                (id.is_some(), "id"),
                (quarter.is_some(), "--quarter"),
                (public, "--public"),
                (date.is_some(), "--date"),
                (deadline.is_some(), "--deadline"),
                (skip_broken, "--skip-broken"),
                (attach.is_some(), "--attach"),
            ];
            if let Some((_, what)) = unused.iter().find(|(given, _)| *given) {
                return Err(format!(
                    "annual-status takes no {what}; choose the year with --year 2026"
                ));
            }
            let year = year
                .map(|y| {
                    y.trim().parse::<i32>().map_err(|_| {
                        format!("--year {y:?}: write the year as four digits, e.g. 2026")
                    })
                })
                .transpose()?;
            annual::run(
                &open(cli.workspace.as_deref())?,
                annual::Args {
                    year,
                    format,
                    out: output,
                    pdf_a,
                    init_texts,
                    lang,
                },
            )
        }
        Some(Command::Export {
            init_texts: true, ..
        }) => Err(
            "--init-texts is for the annual status statement (export annual-status --init-texts)"
                .into(),
        ),
        Some(Command::Export {
            what,
            id,
            quarter,
            year,
            format,
            output,
            public,
            date,
            deadline,
            pdf_a,
            skip_broken,
            attach,
            init_texts: false,
        }) => export::run(
            &open(cli.workspace.as_deref())?,
            what,
            id.as_deref(),
            quarter.as_deref(),
            year.as_deref(),
            format,
            output.as_deref(),
            public,
            date,
            deadline,
            export::PdfFlags { pdf_a, skip_broken },
            attach.as_deref(),
        ),
        Some(Command::Attach { args, title }) => attach::run(
            &open(cli.workspace.as_deref())?,
            lang,
            &args,
            title.as_deref(),
        ),
        Some(Command::Send {
            what,
            id,
            dry_run,
            to,
            retry,
        }) => send::run(
            &open(cli.workspace.as_deref())?,
            lang,
            send::Args {
                what,
                id,
                dry_run,
                to,
                retry,
            },
        ),
        Some(Command::Receive {
            paths,
            kind,
            dry_run,
        }) => receive::run(
            &open(cli.workspace.as_deref())?,
            lang,
            &paths,
            kind,
            dry_run,
        ),
        Some(Command::Sync { action }) => sync::run(&open(cli.workspace.as_deref())?, action),
        Some(Command::History {
            record,
            at,
            dispatched,
        }) => history::run(
            &open(cli.workspace.as_deref())?,
            &record,
            at.as_deref(),
            dispatched,
        ),
        Some(Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
        }) => sync::merge_driver(&base, &ours, &theirs, &path),
        None => {
            if let Some(why) = crate::tui::unusable_terminal() {
                return Err(why);
            }
            crate::tui::run(open(cli.workspace.as_deref())?, lang)
        }
    }
}

/// Finds the workspace: -w, else $SECRETARIAT_WORKSPACE, else the current folder if it holds
/// workspace.json, else the per-user data folder (created with an empty workspace on first use).
pub fn resolve_workspace(flag: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("SECRETARIAT_WORKSPACE").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    if let Ok(cwd) = std::env::current_dir()
        && cwd.join(WORKSPACE_FILE).is_file()
    {
        return Ok(cwd);
    }
    let dirs = directories::ProjectDirs::from("dk", "secretariat", "secretariat")
        .ok_or("cannot find your home folder; choose a workspace with -w DIR")?;
    let dir = dirs.data_dir().join("workspace");
    if !dir.join(WORKSPACE_FILE).is_file() {
        let mut settings = crate::model::Settings {
            name: "Sekretariat".into(),
            ..Default::default()
        };
        Store::init(&dir, &mut settings).map_err(|e| e.to_string())?;
        eprintln!("secretariat: created a new workspace in {}", dir.display());
    }
    Ok(dir)
}

fn open(flag: Option<&Path>) -> Result<Store, String> {
    let dir = resolve_workspace(flag)?;
    let store = Store::open(&dir).map_err(|e| match e {
        StoreError::NotAWorkspace { .. } => e.to_string(),
        e => format!("{}: {e}", dir.display()),
    })?;
    recover(&store);
    Ok(store)
}

/// Finishes what an interrupted write left (every start does this), saying so when it did
/// something. Without write access (a read-only disk) there is nothing to finish unless a
/// change was interrupted, and then the user is told.
fn recover(store: &Store) {
    match store.recover() {
        Ok(r) => {
            if r.rolled_forward > 0 {
                eprintln!(
                    "secretariat: completed an interrupted change ({} file(s))",
                    r.rolled_forward
                );
            }
            if r.removed_temps > 0 {
                eprintln!(
                    "secretariat: removed {} temporary file(s) of interrupted writes",
                    r.removed_temps
                );
            }
        }
        Err(e) if store.root().join(crate::store::COMMIT_FILE).exists() => {
            eprintln!("secretariat: warning: {e}");
        }
        Err(_) => {}
    }
}

/// A date on the command line: YYYY-MM-DD.
fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-08"))
}

/// A deadline on the command line: "YYYY-MM-DD HH:MM", or a date alone for 12.00.
fn parse_deadline(s: &str) -> Result<chrono::NaiveDateTime, String> {
    let s = s.trim();
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .ok()
        .or_else(|| parse_date(s).ok().and_then(|d| d.and_hms_opt(12, 0, 0)))
        .ok_or_else(|| {
            format!("{s:?} is not a deadline; write it as \"YYYY-MM-DD HH:MM\", e.g. \"2026-12-08 12:00\"")
        })
}
