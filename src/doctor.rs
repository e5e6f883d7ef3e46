//! `vbo-restore doctor`: the first step of every support ticket.
//!
//! It checks, in order, the config file, that the server answers, its certificate and whether
//! it is trusted, the API versions it serves, the login, the token lifetime, the OneDrive email
//! settings and the download folder. Each failed check says how to fix it. Later checks that
//! depend on an earlier one are skipped when it fails.

use std::fmt;
use std::path::PathBuf;

use crate::api::probe::{peek_certificate, served_versions};
use crate::api::{ApiError, ApiVersion, Client, ConnectOptions, Secret, Trust};
use crate::config::Config;
use crate::save::check_destination;

/// What a doctor run looks at.
pub struct DoctorInput<'a> {
    pub config: &'a Config,
    /// The profile's name, for the fix lines that name its table.
    pub profile: Option<String>,
    pub url: String,
    pub api: Option<ApiVersion>,
    pub user: String,
    /// `None` when no password could be found; the login check is then skipped.
    pub password: Option<Secret>,
    pub trust: Trust,
    pub download_dir: PathBuf,
    /// The built-in demo server is checked: it needs no config file.
    pub demo: bool,
}

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
    Skipped,
}

/// One line of the doctor's report.
#[derive(Debug, Clone)]
pub struct Check {
    pub name: &'static str,
    pub verdict: Verdict,
    pub detail: String,
    /// What to do about a warning or failure.
    pub fix: Option<String>,
}

impl Check {
    fn new(name: &'static str, verdict: Verdict, detail: impl Into<String>) -> Self {
        Check {
            name,
            verdict,
            detail: detail.into(),
            fix: None,
        }
    }

    fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = match self.verdict {
            Verdict::Pass => "ok  ",
            Verdict::Warn => "warn",
            Verdict::Fail => "FAIL",
            Verdict::Skipped => "skip",
        };
        write!(f, "[{mark}] {}: {}", self.name, self.detail)?;
        if let Some(fix) = &self.fix {
            write!(f, "\n       fix: {fix}")?;
        }
        Ok(())
    }
}

/// Runs every check and returns them in order.
pub async fn run(input: &DoctorInput<'_>) -> Vec<Check> {
    let mut checks = vec![config_check(input.config, input.demo)];
    let reached = reach_check(input).await;
    let server_answers = reached.verdict != Verdict::Fail;
    checks.push(reached);
    if !server_answers {
        for name in ["API versions", "login", "email settings"] {
            checks.push(Check::new(
                name,
                Verdict::Skipped,
                "the server did not answer",
            ));
        }
        checks.push(download_check(input));
        return checks;
    }
    let (versions, trusted) = versions_check(input).await;
    checks.push(versions);
    if trusted {
        checks.extend(login_checks(input).await);
    } else {
        let why = "the certificate is not trusted";
        checks.push(Check::new("login", Verdict::Skipped, why));
        checks.push(Check::new("email settings", Verdict::Skipped, why));
    }
    checks.push(download_check(input));
    checks
}

/// Whether every check passed or only warned.
pub fn healthy(checks: &[Check]) -> bool {
    checks.iter().all(|c| c.verdict != Verdict::Fail)
}

fn config_check(config: &Config, demo: bool) -> Check {
    let path = config.paths.config_file.display();
    if !config.found && demo {
        return Check::new(
            "config file",
            Verdict::Pass,
            format!("{path} does not exist; not needed for the demo"),
        );
    }
    if !config.found {
        return Check::new(
            "config file",
            Verdict::Warn,
            format!("{path} does not exist; defaults are used"),
        )
        .fix("copy config.example.toml there and add a [profiles.NAME] table");
    }
    if let Some(warning) = config.warnings.first() {
        return Check::new("config file", Verdict::Warn, warning.clone());
    }
    let profiles = config.file.profiles.len();
    Check::new(
        "config file",
        Verdict::Pass,
        format!("{path} is valid, {profiles} profile(s)"),
    )
}

fn profile_table(input: &DoctorInput<'_>) -> String {
    match &input.profile {
        Some(name) => format!("[profiles.{name}]"),
        None => "your profile".to_string(),
    }
}

async fn reach_check(input: &DoctorInput<'_>) -> Check {
    if input.url.starts_with("http://") {
        return Check::new(
            "server",
            Verdict::Warn,
            format!(
                "{} uses plain HTTP; passwords travel unencrypted",
                input.url
            ),
        )
        .fix("use the https:// address of the REST API (port 4443 by default)");
    }
    match peek_certificate(&input.url).await {
        Ok(fingerprint) => Check::new(
            "server",
            Verdict::Pass,
            format!("{} answers; its certificate is {fingerprint}", input.url),
        ),
        Err(error) => Check::new("server", Verdict::Fail, error.to_string()).fix(format!(
            "check `url` in {} and that the Veeam Backup for Microsoft 365 REST API service \
             runs and its port is open from this host",
            profile_table(input)
        )),
    }
}

/// The served versions, and whether the certificate was trusted on the way.
async fn versions_check(input: &DoctorInput<'_>) -> (Check, bool) {
    match served_versions(&input.url, &input.trust).await {
        Ok(served) if served.is_empty() => (
            Check::new("API versions", Verdict::Fail, "no version v4 to v8 answers")
                .fix("check that `url` points at the REST API root, without a version"),
            true,
        ),
        Ok(served) => (versions_verdict(input, &served), true),
        Err(ApiError::Tls {
            reason, pin_hint, ..
        }) => {
            let fix = match pin_hint {
                Some(line) => format!(
                    "if this is your server's certificate, add this line to {}: {line}",
                    profile_table(input)
                ),
                None => "add the server's CA with `ca_file`".to_string(),
            };
            let detail = format!("the certificate is not trusted: {reason}");
            (
                Check::new("certificate", Verdict::Fail, detail).fix(fix),
                false,
            )
        }
        Err(error) => (
            Check::new("API versions", Verdict::Fail, error.to_string()),
            false,
        ),
    }
}

fn versions_verdict(input: &DoctorInput<'_>, served: &[ApiVersion]) -> Check {
    let list = served
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    match input.api {
        Some(wanted) if !served.contains(&wanted) => Check::new(
            "API versions",
            Verdict::Fail,
            format!("the server serves {list}, not the configured {wanted}"),
        )
        .fix(format!(
            "set `api = \"auto\"` (or one of {list}) in {}",
            profile_table(input)
        )),
        _ => Check::new(
            "API versions",
            Verdict::Pass,
            format!("certificate trusted; the server serves {list}"),
        ),
    }
}

async fn login_checks(input: &DoctorInput<'_>) -> Vec<Check> {
    let Some(password) = input.password.clone() else {
        return vec![
            Check::new("login", Verdict::Skipped, "no password was given")
                .fix("set VBO_RESTORE_PASSWORD or `password_command` in the profile"),
            Check::new("email settings", Verdict::Skipped, "not logged in"),
        ];
    };
    let mut options = ConnectOptions::new(&input.url, &input.user, password);
    options.api = input.api;
    options.trust = input.trust.clone();
    let client = match Client::connect(options).await {
        Ok(client) => client,
        Err(error) => {
            let fix = match error {
                ApiError::Login { .. } => "check `user` and the password (VBO_RESTORE_PASSWORD \
                                           or `password_command`)"
                    .to_string(),
                _ => "see the log file for the request that failed".to_string(),
            };
            return vec![
                Check::new("login", Verdict::Fail, error.to_string()).fix(fix),
                Check::new("email settings", Verdict::Skipped, "not logged in"),
            ];
        }
    };
    let lifetime = client.token_lifetime().await.as_secs();
    let login = Check::new(
        "login",
        Verdict::Pass,
        format!(
            "logged in as {} with API {}; tokens last {lifetime} s",
            client.user(),
            client.version()
        ),
    );
    vec![login, email_check(&client).await]
}

async fn email_check(client: &Client) -> Check {
    match client.email_settings().await {
        Ok(Some(settings)) => Check::new(
            "email settings",
            Verdict::Pass,
            format!(
                "OneDrive documents are sent through {} as {}",
                settings.server.as_deref().unwrap_or("(no server)"),
                settings.from.as_deref().unwrap_or("(no sender)")
            ),
        ),
        Ok(None) => Check::new(
            "email settings",
            Verdict::Warn,
            "the server has no OneDrive email settings; sending documents will not work",
        )
        .fix("fill in the email settings form the console offers under Send"),
        Err(error) => Check::new("email settings", Verdict::Fail, error.to_string()),
    }
}

fn download_check(input: &DoctorInput<'_>) -> Check {
    let dir = input.download_dir.display();
    match check_destination(&input.download_dir) {
        Ok(()) => Check::new(
            "download folder",
            Verdict::Pass,
            format!("{dir} is writable"),
        ),
        Err(error) => Check::new("download folder", Verdict::Fail, error.to_string()).fix(format!(
            "set `download_dir` in {} to a folder you can write",
            profile_table(input)
        )),
    }
}
