//! The few calls into the operating system that Rust's standard library does not offer, each an
//! `unsafe` block with the reason it is sound. The rest of the crate denies `unsafe` code.
#![allow(unsafe_code)]

use std::io;
use std::path::Path;

/// Gives SIGPIPE its default action (end the process quietly), as other Unix tools have it:
/// `secretariat list cases | head` ends when `head` stops reading instead of failing on a
/// closed pipe. Call at start-up, before any thread runs.
pub fn default_sigpipe() {
    // SAFETY: setting a signal's disposition to the default; no handler runs Rust code, and it is
    // called at start-up before other threads exist.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// What poll(2) said about standard input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StdinState {
    Readable,
    /// Nothing within the time.
    Quiet,
    /// Interrupted by a signal.
    Interrupted,
    /// Hung up, closed, in error, or poll failed: the terminal is gone.
    Gone,
}

/// Waits up to `ms` milliseconds for input on standard input, noticing a hangup (which crossterm
/// would retry in a busy loop).
pub fn poll_stdin(ms: i32) -> StdinState {
    let mut fds = [libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    }];
    // SAFETY: `fds` is a valid array of one pollfd that lives for the duration of the call, and
    // the length passed is 1.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, ms) };
    if n < 0 {
        return if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            StdinState::Interrupted
        } else {
            StdinState::Gone
        };
    }
    let r = fds[0].revents;
    if r & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        StdinState::Gone
    } else if r & libc::POLLIN != 0 {
        StdinState::Readable
    } else {
        StdinState::Quiet
    }
}

/// The file system type of `path` (statfs's f_type), on Linux; None elsewhere or on error.
pub fn fs_type(path: &Path) -> Option<i64> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
        // SAFETY: statfs is plain old data; all-zero bytes are a valid value of it.
        let mut st: libc::statfs = unsafe { std::mem::zeroed() };
        // SAFETY: `c` is a valid NUL-terminated path and `st` a writable statfs that outlives
        // the call.
        if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
            return None;
        }
        #[allow(clippy::unnecessary_cast)]
        Some(st.f_type as i64)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        None
    }
}

/// The login name of the real user id, from the password database (NSS, so LDAP users too).
#[cfg(unix)]
pub fn login_name() -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: all-zero is a valid `passwd` (null pointers, zero ids); getpwuid_r only writes into
    // `pwd` and `buf` (whose length it is given), and sets `result` to `&pwd` or null.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: see above; the pointers are valid for the call.
    let rc = unsafe {
        libc::getpwuid_r(
            libc::getuid(),
            &mut pwd,
            buf.as_mut_ptr(),
            buf.len(),
            &mut result,
        )
    };
    if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: on success pw_name points to a NUL-terminated string inside `buf`, alive here.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    let name = name.to_string_lossy().trim().to_string();
    (!name.is_empty()).then_some(name)
}

#[cfg(not(unix))]
pub fn login_name() -> Option<String> {
    None
}

/// Makes a named pipe at `path` (tests of how the program treats files that are not records).
#[cfg(all(test, unix))]
pub fn mkfifo(path: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
    if unsafe { libc::mkfifo(c.as_ptr(), 0o644) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
