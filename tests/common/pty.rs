//! Drives the real binary in a pseudo-terminal from Rust (portable-pty for the terminal, vt100 to
//! read the screen), so the end-to-end tests need nothing installed: no tmux, no shell.
//!
//! The terminal's master side is read and written through its raw descriptor (not portable-pty's
//! reader and writer, which keep copies of it open, and whose writer sends "\n" + Ctrl-D when
//! dropped): closing the terminal is then one `close`, as when an SSH connection drops.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How much longer every wait is allowed to be (`SECRETARIAT_E2E_SLOW=3` on a very loaded
/// machine). The timeouts are already generous: they only bound how long a failing test hangs.
fn slow_factor() -> u32 {
    std::env::var("SECRETARIAT_E2E_SLOW")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

/// The program running in its own pseudo-terminal; killed on drop.
pub struct Pty {
    name: String,
    master: Option<Box<dyn MasterPty + Send>>,
    fd: i32,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for the failure dump.
    raw_len: Arc<Mutex<usize>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    exit: Option<u32>,
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap_or(std::num::NonZeroU16::MIN)
}

impl Pty {
    /// Starts the secretariat binary with `args` in a `cols` x `rows` terminal, with `env` set
    /// (and TERM=xterm-256color), in the folder `cwd`.
    pub fn start(
        name: &str,
        cols: u16,
        rows: u16,
        args: &[&str],
        env: &[(&str, &Path)],
        cwd: &Path,
    ) -> Pty {
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal can be opened");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_secretariat"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(cwd);
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("the program starts in the pseudo-terminal");
        // Only the program holds the terminal's other side now: it sees EOF/EIO when it ends.
        drop(pair.slave);
        let master = pair.master;
        let fd = master.as_raw_fd().expect("a unix pseudo-terminal");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw_len = Arc::new(Mutex::new(0usize));
        let stop = Arc::new(AtomicBool::new(false));
        let reader = {
            let parser = Arc::clone(&parser);
            let raw_len = Arc::clone(&raw_len);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || read_loop(fd, &parser, &raw_len, &stop))
        };
        Pty {
            name: name.to_string(),
            master: Some(master),
            fd,
            child,
            parser,
            raw_len,
            stop,
            reader: Some(reader),
            exit: None,
        }
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        match self.parser.lock() {
            Ok(p) => p.screen().contents(),
            Err(p) => p.into_inner().screen().contents(),
        }
    }

    /// Whether the program holds the alternate screen.
    pub fn alternate_on(&self) -> bool {
        match self.parser.lock() {
            Ok(p) => p.screen().alternate_screen(),
            Err(p) => p.into_inner().screen().alternate_screen(),
        }
    }

    fn dump(&self, why: &str) -> String {
        let len = self.raw_len.lock().map(|l| *l).unwrap_or(0);
        format!(
            "[{}] {why}\n(the program wrote {len} bytes; alternate screen: {})\n--- the screen ---\n{}\n------------------",
            self.name,
            self.alternate_on(),
            self.screen()
        )
    }

    /// Waits until `text` is on the screen; panics with the screen after `secs` (times
    /// SECRETARIAT_E2E_SLOW).
    pub fn wait_for(&self, text: &str, secs: u64) {
        let secs = secs * u64::from(slow_factor());
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            if self.screen().contains(text) {
                return;
            }
            if Instant::now() > end {
                panic!(
                    "{}",
                    self.dump(&format!("{text:?} did not appear within {secs}s"))
                );
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits until `text` is no longer on the screen.
    pub fn wait_gone(&self, text: &str, secs: u64) {
        let secs = secs * u64::from(slow_factor());
        let end = Instant::now() + Duration::from_secs(secs);
        while self.screen().contains(text) {
            if Instant::now() > end {
                panic!(
                    "{}",
                    self.dump(&format!("{text:?} still on the screen after {secs}s"))
                );
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn write(&self, bytes: &[u8]) {
        let mut rest = bytes;
        while !rest.is_empty() {
            // SAFETY: `fd` is the master side, open while `self.master` is (it is only closed by
            // `close_terminal`, which takes `self` by value).
            let n = unsafe { libc::write(self.fd, rest.as_ptr().cast(), rest.len()) };
            if n < 0 {
                let e = std::io::Error::last_os_error();
                if e.kind() == std::io::ErrorKind::Interrupted {
                    continue;
                }
                panic!(
                    "{}",
                    self.dump(&format!("cannot write to the terminal: {e}"))
                );
            }
            rest = &rest[n as usize..];
        }
    }

    /// Sends keys by tmux-style names (Enter, Tab, Escape, BSpace, Up, Down, Left, Right, Home,
    /// End, PageUp, PageDown, C-x for Ctrl-x); anything else is typed as it is. Keys go one at a
    /// time, a little apart, as typed (Escape followed at once by a key would read as Alt+key).
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            let bytes: Vec<u8> = match *k {
                "Enter" => b"\r".to_vec(),
                "Tab" => b"\t".to_vec(),
                "BTab" => b"\x1b[Z".to_vec(),
                "Escape" | "Esc" => b"\x1b".to_vec(),
                "BSpace" => b"\x7f".to_vec(),
                "Up" => b"\x1b[A".to_vec(),
                "Down" => b"\x1b[B".to_vec(),
                "Right" => b"\x1b[C".to_vec(),
                "Left" => b"\x1b[D".to_vec(),
                "Home" => b"\x1b[H".to_vec(),
                "End" => b"\x1b[F".to_vec(),
                "PageUp" | "PPage" => b"\x1b[5~".to_vec(),
                "PageDown" | "NPage" => b"\x1b[6~".to_vec(),
                k if k.len() == 3 && k.starts_with("C-") => {
                    let c = k.as_bytes()[2].to_ascii_lowercase();
                    vec![c & 0x1f]
                }
                k => k.as_bytes().to_vec(),
            };
            self.write(&bytes);
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Types literal text (as a fast typist would: all at once).
    pub fn type_text(&self, text: &str) {
        self.write(text.as_bytes());
    }

    /// Pastes text as a terminal does with bracketed paste on.
    pub fn paste(&self, text: &str) {
        self.write(format!("\x1b[200~{text}\x1b[201~").as_bytes());
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the screen model with it.
    pub fn resize(&self, cols: u16, rows: u16) {
        if let Ok(mut p) = self.parser.lock() {
            p.set_size(nz(rows), nz(cols));
        }
        if let Some(m) = &self.master {
            m.resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("the terminal can be resized");
        }
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the program has a pid")
    }

    /// Sends `signal` (e.g. `libc::SIGHUP`) to the program.
    pub fn signal(&self, signal: i32) {
        let pid = self.pid() as libc::pid_t;
        // SAFETY: kill(2) with a pid of our own child and a valid signal number.
        let r = unsafe { libc::kill(pid, signal) };
        assert_eq!(r, 0, "kill({pid}, {signal}) failed");
    }

    /// Waits for the program to end and returns its exit code; all it wrote is on the screen by
    /// then. Panics, with the screen, when a signal killed it.
    pub fn wait_exit(&mut self, secs: u64) -> u32 {
        if let Some(code) = self.exit {
            return code;
        }
        let secs = secs * u64::from(slow_factor());
        let end = Instant::now() + Duration::from_secs(secs);
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(s)) => break s,
                Ok(None) => {}
                Err(e) => panic!(
                    "{}",
                    self.dump(&format!("cannot wait for the program: {e}"))
                ),
            }
            if Instant::now() > end {
                panic!(
                    "{}",
                    self.dump(&format!("the program still runs after {secs}s"))
                );
            }
            std::thread::sleep(Duration::from_millis(30));
        };
        // The reader ends at the terminal's EOF, after the last bytes.
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        // The program catches the signals it is sent (SIGHUP ends it with 129 itself): one that
        // kills it is a failure.
        if let Some(sig) = status.signal() {
            panic!("{}", self.dump(&format!("the program was killed: {sig}")));
        }
        let code = status.exit_code();
        self.exit = Some(code);
        code
    }

    /// Closes the terminal, as when the SSH connection drops (the kernel sends the program
    /// SIGHUP, and its reads fail). Returns the program's pid.
    pub fn close_terminal(mut self) -> u32 {
        let pid = self.pid();
        self.stop.store(true, Ordering::Relaxed);
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        self.master = None;
        pid
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.exit.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.stop.store(true, Ordering::Relaxed);
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
    }
}

fn read_loop(fd: i32, parser: &Mutex<vt100::Parser>, raw_len: &Mutex<usize>, stop: &AtomicBool) {
    let mut buf = [0u8; 16 * 1024];
    while !stop.load(Ordering::Relaxed) {
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        let r = unsafe { libc::poll(&mut pfd, 1, 50) };
        if r < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        if r == 0 {
            continue;
        }
        // SAFETY: reading into our own buffer from the open master descriptor.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        if n <= 0 {
            // EOF / EIO: the program and everything that held its terminal are gone.
            return;
        }
        let bytes = &buf[..n as usize];
        if let Ok(mut l) = raw_len.lock() {
            *l += bytes.len();
        }
        if let Ok(mut p) = parser.lock() {
            p.process(bytes);
        }
    }
}
