//! The `mail` object of workspace.json (sender, reply-to, cc, transport URL), its validation, and
//! where the SMTP password comes from (never the workspace: `$SECRETARIAT_SMTP_PASSWORD` or a file
//! only its owner can read in the per-user config folder).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lettre::Address;
use serde::{Deserialize, Serialize};

use super::MailError;
use crate::model::{Extra, Settings};

/// The environment variable that holds the SMTP password.
pub const PASSWORD_ENV: &str = "SECRETARIAT_SMTP_PASSWORD";
/// The file name of the password file in the per-user config folder.
pub const PASSWORD_FILE: &str = "smtp-password";

/// `mail` in workspace.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MailSettings {
    /// The secretariat's address; every message is sent from it.
    pub from: String,
    /// Where replies go, if not to `from`.
    #[serde(default)]
    pub reply_to: String,
    /// Copied on every message (e.g. the secretariat's shared mailbox).
    #[serde(default)]
    pub cc: Vec<String>,
    /// "smtp://HOST:PORT", "smtp://HOST:PORT?starttls=required", "smtps://HOST:PORT" or "sendmail".
    pub transport: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain, upgraded with STARTTLS when the server offers it.
    Opportunistic,
    /// STARTTLS or nothing is sent.
    StartTlsRequired,
    /// TLS from the first byte (smtps, usually port 465).
    Implicit,
}

/// Where the messages go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    Smtp {
        host: String,
        port: u16,
        user: Option<String>,
        security: Security,
    },
    /// The local `sendmail` (or the given program).
    Sendmail { command: String },
}

impl Transport {
    /// "smtp.example.dk" / "sendmail": for "Send til 14 modtagere via ...".
    pub fn describe(&self) -> String {
        match self {
            Transport::Smtp { host, port, .. } => format!("{host}:{port}"),
            Transport::Sendmail { command } => command.clone(),
        }
    }
}

fn bad(field: &str, value: &str, why: &str) -> MailError {
    MailError::Settings(format!(
        "workspace.json: field \"mail.{field}\": {value:?} {why}"
    ))
}

impl FromStr for Transport {
    type Err = MailError;
    fn from_str(s: &str) -> Result<Transport, MailError> {
        let s = s.trim();
        if s == "sendmail" {
            return Ok(Transport::Sendmail {
                command: "sendmail".into(),
            });
        }
        if let Some(cmd) = s.strip_prefix("sendmail:") {
            if cmd.trim().is_empty() {
                return Err(bad("transport", s, "names no program after \"sendmail:\""));
            }
            return Ok(Transport::Sendmail {
                command: cmd.trim().into(),
            });
        }
        let usage = "is not a transport; use \"smtp://HOST:PORT\", \"smtp://HOST:PORT?starttls=required\", \"smtps://HOST:PORT\" or \"sendmail\"";
        let (implicit, rest) = if let Some(r) = s.strip_prefix("smtps://") {
            (true, r)
        } else if let Some(r) = s.strip_prefix("smtp://") {
            (false, r)
        } else {
            return Err(bad("transport", s, usage));
        };
        let (rest, query) = match rest.split_once('?') {
            Some((r, q)) => (r, Some(q)),
            None => (rest, None),
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let (user, hostport) = match rest.rsplit_once('@') {
            Some((u, h)) => (Some(percent_decode(u)), h),
            None => (None, rest),
        };
        if let Some(u) = &user
            && u.contains(':')
        {
            return Err(bad(
                "transport",
                s,
                "holds a password; put it in $SECRETARIAT_SMTP_PASSWORD or the password file, never in the workspace",
            ));
        }
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => {
                let port = p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| {
                    bad(
                        "transport",
                        s,
                        "has a port that is not a number from 1 to 65535",
                    )
                })?;
                (h, port)
            }
            None => (hostport, if implicit { 465 } else { 25 }),
        };
        if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c == '/') {
            return Err(bad("transport", s, "names no server"));
        }
        let security = match (implicit, query) {
            (true, None) => Security::Implicit,
            (false, None) => Security::Opportunistic,
            (false, Some("starttls=required")) => Security::StartTlsRequired,
            (_, Some(q)) => {
                return Err(bad(
                    "transport",
                    s,
                    &format!("has an unknown option {q:?} (only smtp://...?starttls=required)"),
                ));
            }
        };
        let user = user.filter(|u| !u.is_empty());
        let loopback = host == "localhost" || host.starts_with("127.") || host == "[::1]";
        if user.is_some() && security == Security::Opportunistic && !loopback {
            return Err(bad(
                "transport",
                s,
                "would send the password where the connection may not be encrypted; use \"smtp://...?starttls=required\" or \"smtps://...\"",
            ));
        }
        Ok(Transport::Smtp {
            host: host.to_string(),
            port,
            user,
            security,
        })
    }
}

/// "%40" -> "@" in a user name written in a URL.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            let b = (h * 16 + l) as u8;
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Checks one e-mail address; `what` names where it came from for the message.
pub fn check_address(value: &str, what: &str) -> Result<Address, MailError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(MailError::Address(format!("{what}: no e-mail address")));
    }
    // A line break or a comma would smuggle a second header or recipient into a message.
    if v.chars()
        .any(|c| c.is_control() || c == ',' || c == ';' || c.is_whitespace())
    {
        return Err(MailError::Address(format!(
            "{what}: {value:?} is not one e-mail address (it holds a space, comma, semicolon or line break)"
        )));
    }
    Address::from_str(v).map_err(|e| {
        MailError::Address(format!(
            "{what}: {value:?} is not a valid e-mail address ({e}); write it as name@example.dk"
        ))
    })
}

/// The mail settings and their parsed transport.
#[derive(Debug, Clone)]
pub struct Checked {
    pub settings: MailSettings,
    pub from: Address,
    pub reply_to: Option<Address>,
    pub cc: Vec<Address>,
    pub transport: Transport,
}

impl MailSettings {
    /// The `mail` object of workspace.json, if there is one.
    pub fn of(settings: &Settings) -> Result<Option<MailSettings>, MailError> {
        let Some(v) = settings.extra.get("mail") else {
            return Ok(None);
        };
        serde_json::from_value(v.clone())
            .map(Some)
            .map_err(|e| MailError::Settings(format!("workspace.json: field \"mail\": {e}")))
    }

    /// Validates every address and the transport.
    pub fn check(&self) -> Result<Checked, MailError> {
        let from = check_address(&self.from, "workspace.json: field \"mail.from\"")?;
        let reply_to = if self.reply_to.trim().is_empty() {
            None
        } else {
            Some(check_address(
                &self.reply_to,
                "workspace.json: field \"mail.reply_to\"",
            )?)
        };
        let cc = self
            .cc
            .iter()
            .map(|a| check_address(a, "workspace.json: field \"mail.cc\""))
            .collect::<Result<Vec<_>, _>>()?;
        let transport = self.transport.parse()?;
        Ok(Checked {
            settings: self.clone(),
            from,
            reply_to,
            cc,
            transport,
        })
    }
}

/// The checked mail settings of a workspace, or a message saying how to set them up.
pub fn checked(settings: &Settings) -> Result<Checked, MailError> {
    match MailSettings::of(settings)? {
        Some(m) => m.check(),
        None => Err(MailError::Settings(match settings.language {
            crate::model::Language::Da => "workspace.json har intet \"mail\"-objekt; tilføj et med \"from\" (sekretariatets adresse) og \"transport\" (fx \"smtp://smtp.digst.dk:587?starttls=required\" eller \"sendmail\"); se README: Mail".into(),
            crate::model::Language::En => "workspace.json has no \"mail\" object; add one with \"from\" (the secretariat's address) and \"transport\" (e.g. \"smtp://smtp.digst.dk:587?starttls=required\" or \"sendmail\"); see README: Mail".into(),
        })),
    }
}

/// The default password file: smtp-password in the per-user config folder.
pub fn default_password_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("dk", "secretariat", "secretariat")
        .map(|d| d.config_dir().join(PASSWORD_FILE))
}

/// The SMTP password: `$SECRETARIAT_SMTP_PASSWORD`, else the password file (which must be readable
/// by its owner only, mode 0600). None when neither is set.
pub fn password(env: Option<String>, file: Option<&Path>) -> Result<Option<String>, MailError> {
    if let Some(p) = env.filter(|p| !p.is_empty()) {
        return Ok(Some(p));
    }
    let Some(file) = file else {
        return Ok(None);
    };
    let meta = match std::fs::metadata(file) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(MailError::Settings(format!(
                "{}: cannot read the password file: {e}",
                file.display()
            )));
        }
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(MailError::Settings(format!(
                "{}: the password file can be read by others (mode {mode:03o}); run chmod 600 {}",
                file.display(),
                file.display()
            )));
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let text = std::fs::read_to_string(file).map_err(|e| {
        MailError::Settings(format!(
            "{}: cannot read the password file: {e}",
            file.display()
        ))
    })?;
    let p = text.trim_end_matches(['\r', '\n']).to_string();
    Ok(if p.is_empty() { None } else { Some(p) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transports_parse_with_their_security() {
        let t: Transport = "smtp://mail.example.dk:587".parse().unwrap();
        assert_eq!(
            t,
            Transport::Smtp {
                host: "mail.example.dk".into(),
                port: 587,
                user: None,
                security: Security::Opportunistic
            }
        );
        let t: Transport = "smtp://jens%40digst.dk@mail.example.dk:587?starttls=required"
            .parse()
            .unwrap();
        assert!(
            matches!(t, Transport::Smtp { ref user, security: Security::StartTlsRequired, .. } if user.as_deref() == Some("jens@digst.dk"))
        );
        let t: Transport = "smtps://mail.example.dk".parse().unwrap();
        assert!(matches!(
            t,
            Transport::Smtp {
                port: 465,
                security: Security::Implicit,
                ..
            }
        ));
        assert_eq!(
            "sendmail".parse::<Transport>().unwrap(),
            Transport::Sendmail {
                command: "sendmail".into()
            }
        );
    }

    #[test]
    fn bad_transports_are_refused_with_the_value() {
        for (bad, why) in [
            ("imap://x:1", "is not a transport"),
            ("smtp://x:99999", "port"),
            ("smtp://u:secret@x:25", "holds a password"),
            ("smtps://x:465?starttls=required", "unknown option"),
            ("smtp://:25", "names no server"),
            ("smtp://jens@mail.example.dk:587", "may not be encrypted"),
        ] {
            let e = bad.parse::<Transport>().unwrap_err().to_string();
            assert!(
                e.contains(why) && e.contains("mail.transport"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn addresses_with_line_breaks_or_two_recipients_are_refused() {
        assert!(check_address("a@b.dk", "x").is_ok());
        for bad in [
            "a@b.dk\r\nBcc: c@d.dk",
            "a@b.dk, c@d.dk",
            "Karen",
            "",
            "a b@c.dk",
        ] {
            let e = check_address(bad, "forums/psg.json")
                .unwrap_err()
                .to_string();
            assert!(e.contains("forums/psg.json"), "{e}");
        }
    }

    #[test]
    fn password_from_env_else_a_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join(PASSWORD_FILE);
        assert_eq!(password(None, Some(&f)).unwrap(), None);
        std::fs::write(&f, "hemmeligt\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
            let e = password(None, Some(&f)).unwrap_err().to_string();
            assert!(e.contains("chmod 600"), "{e}");
            std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        assert_eq!(
            password(None, Some(&f)).unwrap().as_deref(),
            Some("hemmeligt")
        );
        assert_eq!(
            password(Some("fra-miljøet".into()), Some(&f))
                .unwrap()
                .as_deref(),
            Some("fra-miljøet")
        );
    }

    #[test]
    fn settings_read_from_workspace_json() {
        let mut s = Settings::default();
        assert!(
            checked(&s)
                .unwrap_err()
                .to_string()
                .contains("intet \"mail\"-objekt")
        );
        s.language = crate::model::Language::En;
        assert!(
            checked(&s)
                .unwrap_err()
                .to_string()
                .contains("no \"mail\" object")
        );
        s.extra.insert(
            "mail".into(),
            serde_json::json!({"from": "sekretariat@digst.dk", "cc": ["arkiv@digst.dk"], "transport": "smtp://localhost:2525"}),
        );
        let c = checked(&s).unwrap();
        assert_eq!(c.cc.len(), 1);
        s.extra.insert(
            "mail".into(),
            serde_json::json!({"from": "sekretariat", "transport": "smtp://localhost:2525"}),
        );
        assert!(checked(&s).unwrap_err().to_string().contains("mail.from"));
    }
}
