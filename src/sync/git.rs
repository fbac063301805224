//! A thin adapter over the `git` command: the real engine, so the user's SSH keys, credential
//! helpers and server setup work as they do for git itself. Every call runs with a fixed locale
//! (messages parsed in English), no terminal prompts (a sync never hangs on a password question)
//! and no editor.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The oldest git this program drives: 2.28 (2020) has `init -b` and everything else used here.
pub const MIN_VERSION: (u32, u32) = (2, 28);

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error(
        "the `git` command was not found; install git 2.28 or newer (e.g. `apt install git`) to share the workspace"
    )]
    Missing,
    #[error("git {found} is too old; sharing the workspace needs git {}.{} or newer", MIN_VERSION.0, MIN_VERSION.1)]
    TooOld { found: String },
    #[error("cannot run git: {0}")]
    Io(std::io::Error),
    #[error("`git {args}` failed: {message}")]
    Failed { args: String, message: String },
}

/// The result of a git command that may fail in an expected way.
#[derive(Debug, Clone)]
pub struct Run {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

/// git, run in one folder.
#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
    program: PathBuf,
    env: Vec<(String, String)>,
}

/// Parses "git version 2.47.3" (also "2.39.2.windows.1", "2.30.1 (Apple Git-130)").
pub fn parse_version(s: &str) -> Option<(u32, u32)> {
    let v = s.trim().strip_prefix("git version ")?;
    let mut parts = v.split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

impl Git {
    /// git in `dir`, after checking that it is installed and new enough. `$SECRETARIAT_GIT`
    /// names another git program (tests; unusual installs).
    pub fn new(dir: &Path) -> Result<Git, GitError> {
        let program = std::env::var_os("SECRETARIAT_GIT")
            .filter(|p| !p.is_empty())
            .map_or_else(|| PathBuf::from("git"), PathBuf::from);
        Git::with_program(dir, program)
    }

    /// Like [`Git::new`] with the git program named.
    pub fn with_program(dir: &Path, program: PathBuf) -> Result<Git, GitError> {
        let git = Git {
            dir: dir.to_path_buf(),
            program,
            env: Vec::new(),
        };
        let out = match git.command(["--version"]).output() {
            Ok(o) => o,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(GitError::Missing),
            Err(e) => return Err(GitError::Io(e)),
        };
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        match parse_version(&text) {
            Some(v) if v >= MIN_VERSION => Ok(git),
            _ => Err(GitError::TooOld {
                found: text.trim().trim_start_matches("git version ").to_string(),
            }),
        }
    }

    /// The folder git runs in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Sets an environment variable for every later call (author, committer).
    pub fn with_env(mut self, key: &str, value: &str) -> Git {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut c = Command::new(&self.program);
        c.args(args)
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .env("LC_ALL", "C")
            .env("LANGUAGE", "C")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env("GIT_EDITOR", "true");
        for (k, v) in &self.env {
            c.env(k, v);
        }
        c
    }

    fn output(&self, args: &[&str]) -> Result<Output, GitError> {
        self.command(args).output().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GitError::Missing,
            _ => GitError::Io(e),
        })
    }

    /// Runs git; a non-zero exit is an answer, not an error.
    pub fn try_run(&self, args: &[&str]) -> Result<Run, GitError> {
        let out = self.output(args)?;
        Ok(Run {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        })
    }

    /// Runs git and returns its output; a non-zero exit is an error quoting git's message.
    pub fn run(&self, args: &[&str]) -> Result<String, GitError> {
        let r = self.try_run(args)?;
        if r.ok {
            Ok(r.stdout)
        } else {
            Err(GitError::Failed {
                args: args.join(" "),
                message: first_lines(&r.stderr, &r.stdout),
            })
        }
    }

    /// The raw bytes of a blob (`git cat-file blob SHA`).
    pub fn blob(&self, sha: &str) -> Result<Vec<u8>, GitError> {
        let out = self.output(&["cat-file", "blob", sha])?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(GitError::Failed {
                args: format!("cat-file blob {sha}"),
                message: first_lines(&String::from_utf8_lossy(&out.stderr), ""),
            })
        }
    }

    /// The top folder of the repository `dir` is in, if any.
    pub fn toplevel(&self) -> Result<Option<PathBuf>, GitError> {
        let r = self.try_run(&["rev-parse", "--show-toplevel"])?;
        Ok(r.ok.then(|| PathBuf::from(r.stdout.trim())))
    }

    /// The repository's git folder (absolute).
    pub fn git_dir(&self) -> Result<PathBuf, GitError> {
        let p = PathBuf::from(self.run(&["rev-parse", "--absolute-git-dir"])?.trim());
        Ok(p)
    }

    /// Whether `rev` names a commit.
    pub fn has(&self, rev: &str) -> Result<bool, GitError> {
        Ok(self
            .try_run(&[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ])?
            .ok)
    }

    /// The current branch's name (`main`); None when HEAD is detached.
    pub fn branch(&self) -> Result<Option<String>, GitError> {
        let r = self.try_run(&["symbolic-ref", "--quiet", "--short", "HEAD"])?;
        Ok(r.ok.then(|| r.stdout.trim().to_string()))
    }

    /// A config value, if set.
    pub fn config_get(&self, key: &str) -> Result<Option<String>, GitError> {
        let r = self.try_run(&["config", "--get", key])?;
        Ok(r.ok.then(|| r.stdout.trim().to_string()))
    }

    /// The URL of a remote, if there is one by that name.
    pub fn remote_url(&self, name: &str) -> Result<Option<String>, GitError> {
        self.config_get(&format!("remote.{name}.url"))
    }
}

/// git's message cut to its first few lines, for one-line errors.
pub fn first_lines(stderr: &str, stdout: &str) -> String {
    let text = if stderr.trim().is_empty() {
        stdout
    } else {
        stderr
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("hint:"))
        .take(3)
        .collect::<Vec<_>>()
        .join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_from_every_known_format() {
        assert_eq!(parse_version("git version 2.47.3\n"), Some((2, 47)));
        assert_eq!(parse_version("git version 2.39.2.windows.1"), Some((2, 39)));
        assert_eq!(
            parse_version("git version 2.30.1 (Apple Git-130)"),
            Some((2, 30))
        );
        assert_eq!(parse_version("hub version 1"), None);
        assert!(parse_version("git version 2.20.1").unwrap() < MIN_VERSION);
    }

    #[test]
    fn a_missing_git_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let e = Git::with_program(dir.path(), dir.path().join("no-such-git")).unwrap_err();
        assert!(matches!(e, GitError::Missing), "{e}");
        assert!(e.to_string().contains("install git"));
    }

    #[test]
    fn a_too_old_git_is_refused_with_its_version() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("old-git");
        std::fs::write(&fake, "#!/bin/sh\necho 'git version 2.11.0'\n").unwrap();
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        let e = Git::with_program(dir.path(), fake).unwrap_err();
        assert!(matches!(e, GitError::TooOld { .. }), "{e}");
        assert!(e.to_string().contains("git 2.11.0 is too old"), "{e}");
    }
}
