//! A small real SMTP server for the tests: listens on 127.0.0.1 at a free port, speaks enough
//! ESMTP for lettre (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps every message it accepts,
//! and refuses the recipients it is told to refuse with 550.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// One accepted message.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    pub data: Vec<u8>,
}

pub struct Sink {
    pub port: u16,
    pub received: Arc<Mutex<Vec<Received>>>,
    pub refuse: Arc<Mutex<Vec<String>>>,
    /// The AUTH PLAIN lines clients sent, decoded ("\0user\0password").
    pub logins: Arc<Mutex<Vec<String>>>,
    /// Once this many messages are accepted, new connections get no answer (a server that hangs).
    pub hang_after: Arc<Mutex<Option<usize>>>,
}

impl Sink {
    /// Starts the server on a free port; it runs until the test process ends.
    pub fn start(refuse: &[&str]) -> Sink {
        Sink::start_with_login(refuse, None)
    }

    /// Like [`Sink::start`], and wants AUTH PLAIN with this user and password before MAIL.
    pub fn start_with_login(refuse: &[&str], login: Option<(&str, &str)>) -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(vec![]));
        let refuse = Arc::new(Mutex::new(
            refuse.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>(),
        ));
        let logins = Arc::new(Mutex::new(vec![]));
        let want = login.map(|(u, p)| format!("\0{u}\0{p}"));
        let hang_after = Arc::new(Mutex::new(None));
        let (r, f, l, h) = (
            received.clone(),
            refuse.clone(),
            logins.clone(),
            hang_after.clone(),
        );
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, f, l, w) = (r.clone(), f.clone(), l.clone(), want.clone());
                let limit = *h.lock().unwrap();
                if limit.is_some_and(|n| r.lock().unwrap().len() >= n) {
                    // Keep the connection open and say nothing.
                    thread::spawn(move || {
                        let _held = stream;
                        thread::sleep(std::time::Duration::from_secs(120));
                    });
                    continue;
                }
                thread::spawn(move || {
                    let _ = session(stream, &r, &f, &l, w.as_deref());
                });
            }
        });
        Sink {
            port,
            received,
            refuse,
            logins,
            hang_after,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Stops refusing anybody.
    pub fn accept_all(&self) {
        self.refuse.lock().unwrap().clear();
    }
}

fn addr(arg: &str) -> String {
    let a = arg.split_once(':').map_or(arg, |x| x.1).trim();
    let a = a.split_whitespace().next().unwrap_or("");
    a.trim_start_matches('<')
        .trim_end_matches('>')
        .to_lowercase()
}

fn b64_decode(s: &str) -> String {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = vec![];
    for c in s.bytes().filter(|c| *c != b'=') {
        let Some(v) = T.iter().position(|t| *t == c) else {
            continue;
        };
        bits = (bits << 6) | v as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn session(
    stream: TcpStream,
    received: &Mutex<Vec<Received>>,
    refuse: &Mutex<Vec<String>>,
    logins: &Mutex<Vec<String>>,
    want: Option<&str>,
) -> std::io::Result<()> {
    let mut authed = want.is_none();
    let mut out = stream.try_clone()?;
    let mut input = BufReader::new(stream);
    out.write_all(b"220 sink.test ESMTP ready\r\n")?;
    let mut from = String::new();
    let mut rcpt: Vec<String> = vec![];
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let cmd = line.trim_end().to_string();
        let upper = cmd.to_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            if want.is_some() {
                out.write_all(
                    b"250-sink.test\r\n250-8BITMIME\r\n250-AUTH PLAIN\r\n250 SMTPUTF8\r\n",
                )?;
            } else {
                out.write_all(b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")?;
            }
        } else if upper.starts_with("AUTH PLAIN ") {
            let got = b64_decode(&cmd[11..]);
            logins.lock().unwrap().push(got.clone());
            if Some(got.as_str()) == want {
                authed = true;
                out.write_all(b"235 2.7.0 authenticated\r\n")?;
            } else {
                out.write_all(b"535 5.7.8 authentication failed\r\n")?;
            }
        } else if upper.starts_with("MAIL FROM") && !authed {
            out.write_all(b"530 5.7.0 authentication required\r\n")?;
        } else if upper.starts_with("MAIL FROM") {
            from = addr(&cmd);
            rcpt.clear();
            out.write_all(b"250 2.1.0 ok\r\n")?;
        } else if upper.starts_with("RCPT TO") {
            let a = addr(&cmd);
            if refuse.lock().unwrap().contains(&a) {
                out.write_all(b"550 5.1.1 no such user here\r\n")?;
            } else {
                rcpt.push(a);
                out.write_all(b"250 2.1.5 ok\r\n")?;
            }
        } else if upper == "DATA" {
            out.write_all(b"354 end with <CRLF>.<CRLF>\r\n")?;
            let mut data = vec![];
            loop {
                let mut l = vec![];
                if input.read_until(b'\n', &mut l)? == 0 {
                    return Ok(());
                }
                if l == b".\r\n" || l == b".\n" {
                    break;
                }
                if l.starts_with(b"..") {
                    l.remove(0);
                }
                data.extend_from_slice(&l);
            }
            received.lock().unwrap().push(Received {
                mail_from: from.clone(),
                rcpt_to: rcpt.clone(),
                data,
            });
            out.write_all(b"250 2.0.0 queued\r\n")?;
        } else if upper == "RSET" {
            rcpt.clear();
            out.write_all(b"250 ok\r\n")?;
        } else if upper == "NOOP" {
            out.write_all(b"250 ok\r\n")?;
        } else if upper == "QUIT" {
            out.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else {
            out.write_all(b"502 5.5.2 not implemented\r\n")?;
        }
    }
}
