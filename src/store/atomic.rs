//! Atomic file replacement: write a temp file in the same folder, fsync it, rename it over the
//! target, fsync the folder. A crash at any moment leaves either the old or the new file.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use super::StoreError;

/// Replaces `path` with `bytes` atomically and durably.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    // A bare file name ("report.html") has the empty path as its parent: the current folder.
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| StoreError::io(path, plain(e)))?;
    tmp.write_all(bytes)
        .map_err(|e| StoreError::io(path, plain(e)))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| StoreError::io(path, plain(e)))?;
    set_mode(tmp.path(), path);
    tmp.persist(path)
        .map_err(|e| StoreError::io(path, plain(e.error)))?;
    sync_dir(dir)
}

/// The OS error without the temporary file's path that `tempfile` adds to its message (the
/// message names the target once).
fn plain(e: std::io::Error) -> std::io::Error {
    e.raw_os_error()
        .map(std::io::Error::from_raw_os_error)
        .unwrap_or(e)
}

/// Gives the temporary file the permissions the final file should have: those of the file it
/// replaces (a group-shared workspace stays shared), or for a new file what the user's umask
/// allows (0644 or 0664), as a file made with `open` would get. Temporary files start at 0600,
/// which would hide new records and exported letters from a colleague in the same folder.
pub(super) fn set_mode(tmp: &Path, target: &Path) {
    if let Ok(meta) = fs::metadata(target) {
        let _ = fs::set_permissions(tmp, meta.permissions());
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(tmp, fs::Permissions::from_mode(0o666 & !umask()));
    }
}

/// The process's umask, read from /proc (race-free, unlike setting and restoring it); 022 when
/// it cannot be read.
#[cfg(unix)]
fn umask() -> u32 {
    static UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *UMASK.get_or_init(|| {
        fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("Umask:"))
                    .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
            })
            .unwrap_or(0o022)
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn new_files_follow_the_umask_and_rewrites_keep_their_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("new.json");
        write_atomic(&p, b"{}\n").unwrap();
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode,
            0o666 & !umask(),
            "a new file is not private to its writer"
        );
        fs::set_permissions(&p, fs::Permissions::from_mode(0o660)).unwrap();
        write_atomic(&p, b"{\"a\": 1}\n").unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o660
        );
    }
}

pub(super) fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        let d = File::open(dir).map_err(|e| StoreError::io(dir, e))?;
        d.sync_all().map_err(|e| StoreError::io(dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Opens a file for reading only if it is a regular file: a FIFO, socket or device named like a
/// record is refused without blocking (it is opened non-blocking and looked at before any read).
pub fn open_regular(path: &Path) -> std::io::Result<File> {
    let mut opts = fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let f = opts.open(path)?;
    let t = f.metadata()?.file_type();
    if t.is_file() {
        return Ok(f);
    }
    Err(std::io::Error::other(format!(
        "not a regular file ({}); only plain files are records: remove it or move it out of the workspace",
        file_type_name(&t)
    )))
}

/// Reads a whole regular file (see [`open_regular`]).
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut f = open_regular(path)?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn file_type_name(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() { "a folder" } else { "not a file" }
}

/// Creates `dir` (and its parents) if missing. A new folder takes the permissions of `like` (the
/// workspace folder) when that is group-writable: in a folder shared by a group (setgid, 2775),
/// the folders secretariat makes are shared the same way whatever the user's umask.
pub fn create_dir_shared(dir: &Path, like: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = fs::metadata(like) {
            let mode = m.permissions().mode() & 0o7777;
            if mode & 0o020 != 0 {
                let _ = fs::set_permissions(dir, fs::Permissions::from_mode(mode));
            }
        }
    }
    Ok(())
}

/// Gives a file just created in `dir` the read and write bits of the folder (a log file in a
/// group-writable log/ is group-writable, so colleagues can append to it).
pub(super) fn share_like_dir(file: &Path, dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = fs::metadata(dir) {
            let mode = m.permissions().mode() & 0o666;
            if mode & 0o020 != 0 {
                let _ = fs::set_permissions(file, fs::Permissions::from_mode(mode));
            }
        }
    }
}
