//! The command-line grammar.
//!
//! No flag ever takes a password: secrets come from the environment, a profile's
//! `password_command` or a prompt, so that they never show in the process list.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::console::places::{OpenTarget, OpenTargetError};

mod scripting;

pub use scripting::*;

/// Terminal restore console for Veeam Backup for Microsoft 365 OneDrive backups.
#[derive(Debug, Parser)]
#[command(name = "vbo-restore", version, disable_version_flag = true)]
pub struct Cli {
    /// Print the version and the config, log and data paths.
    #[arg(long, short = 'V')]
    pub version: bool,

    /// Print versions, platform, terminal, paths and the last log lines as Markdown, with
    /// secrets removed, for attaching to a support ticket.
    #[arg(long)]
    pub bug_report: bool,

    /// Read this configuration file instead of the default one.
    #[arg(long, global = true, env = "VBO_RESTORE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Log level for the log file: error, warn, info, debug or trace.
    #[arg(long, global = true, env = "VBO_RESTORE_LOG", value_name = "LEVEL")]
    pub log_level: Option<String>,

    #[command(flatten)]
    pub connection: ConnectionArgs,

    #[command(flatten)]
    pub place: PlaceArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How to reach a server: a profile, a URL, or the built-in demo.
#[derive(Debug, Clone, Default, Args)]
pub struct ConnectionArgs {
    /// Use this profile from the configuration file.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Server root, such as https://vbo.example.com:4443.
    #[arg(long, global = true, value_name = "URL", conflicts_with = "demo")]
    pub url: Option<String>,

    /// API version: auto, or v4 to v8.
    #[arg(long, global = true, value_name = "VERSION")]
    pub api: Option<String>,

    /// API user name (the password comes from VBO_RESTORE_PASSWORD or a prompt).
    #[arg(long, global = true, value_name = "USER")]
    pub user: Option<String>,

    /// Accept any server certificate (a warning is shown every time).
    #[arg(long, global = true)]
    pub insecure: bool,

    /// Trust the CA certificates in this PEM file as well as the system's.
    #[arg(long, global = true, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,

    /// Pin the server's certificate: SHA256:<hex or base64>.
    #[arg(long, global = true, value_name = "FP")]
    pub fingerprint: Option<String>,

    /// Use an in-process demo server, already logged in.
    #[arg(long, global = true)]
    pub demo: bool,
}

/// Where the console opens; for the console only, not for the commands.
#[derive(Debug, Clone, Default, Args)]
pub struct PlaceArgs {
    /// Open the console at SESSION/ONEDRIVE/PATH. SESSION is a restore session id, a unique
    /// start of one, or an organization name (its only working session, or a new session at
    /// its latest backup when it has none); ONEDRIVE an id, display name or user name; PATH
    /// folder names from the OneDrive's root, the last of which may be a document. Write a /
    /// inside a name as %2F (and a % before 2F or 25 as %25).
    #[arg(
        long,
        value_name = "SESSION/ONEDRIVE/PATH",
        value_parser = parse_open_target,
        conflicts_with = "resume"
    )]
    pub open: Option<OpenTarget>,

    /// Open the console at the profile's last restore session, OneDrive and folder.
    #[arg(long)]
    pub resume: bool,
}

impl PlaceArgs {
    /// Whether a place was asked for.
    pub fn is_given(&self) -> bool {
        self.open.is_some() || self.resume
    }
}

fn parse_open_target(value: &str) -> Result<OpenTarget, OpenTargetError> {
    OpenTarget::parse(value)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the built-in VB365 emulator in the foreground until Ctrl-C.
    Demo(DemoArgs),
    /// Print a shell completion script: bash, zsh, fish or powershell.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output.
    Man,
    /// Check the configuration, the server, its certificate, the login and the download
    /// folder, saying how to fix each failure.
    Doctor,
    /// List the backed-up organizations.
    Orgs(OutputArgs),
    /// List the restore sessions.
    Sessions(OutputArgs),
    /// Start a restore session for an organization.
    Explore(ExploreArgs),
    /// Stop a restore session.
    Stop(SessionArgs),
    /// List a restore session's events.
    Events(SessionArgs),
    /// List the OneDrives of a restore session.
    Onedrives(SessionArgs),
    /// List the folders and documents of a OneDrive folder.
    Ls(LsArgs),
    /// List the versions of a document (API v6 and later).
    Versions(VersionsArgs),
    /// Save documents or folders to a local folder.
    Save(SaveArgs),
    /// Restore documents or folders to their original location.
    Restore(RestoreArgs),
    /// Copy documents or folders to another OneDrive.
    Copy(CopyArgs),
    /// Send documents by email.
    Send(SendArgs),
}

/// Options of the built-in emulator.
///
/// Passwords are never flags: the API password comes from VBO_RESTORE_DEMO_PASSWORD
/// (default `demo`), the organization account's from VBO_RESTORE_DEMO_RESTORE_PASSWORD
/// (default `restore`).
#[derive(Debug, Clone, Args)]
#[command(after_help = FAULT_HELP)]
pub struct DemoArgs {
    /// Address and port to listen on; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:4443", value_name = "ADDR:PORT")]
    pub listen: SocketAddr,

    /// API versions to serve, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "v4,v5,v6,v7,v8",
        value_name = "LIST"
    )]
    pub versions: Vec<String>,

    /// Serve plain HTTP instead of HTTPS with a self-signed certificate.
    #[arg(long)]
    pub plain_http: bool,

    /// Lifetime of access tokens in seconds.
    #[arg(long, default_value_t = 3600, value_name = "SECS")]
    pub token_ttl: u64,

    /// Delay added to every answer, in milliseconds.
    #[arg(long, default_value_t = 0, value_name = "MS")]
    pub latency: u64,

    /// Inject a fault (grammar below); may be repeated.
    #[arg(long = "fault", value_name = "SPEC")]
    pub faults: Vec<String>,

    /// API user name the emulator accepts.
    #[arg(long, default_value = "helpdesk", value_name = "USER")]
    pub api_user: String,

    /// Organization account that restore bodies must carry.
    #[arg(
        long,
        default_value = "admin@contoso.onmicrosoft.com",
        value_name = "USER"
    )]
    pub restore_user: String,

    /// Wait this long before the first byte of a save, in milliseconds.
    #[arg(long, default_value_t = 0, value_name = "MS")]
    pub save_delay: u64,

    /// A device code counts as signed in this many seconds after it is issued.
    #[arg(long, default_value_t = 3, value_name = "SECS")]
    pub device_code_approval: u64,

    /// A restore session left alone this many seconds stops by itself.
    #[arg(long, default_value_t = 1800, value_name = "SECS")]
    pub session_idle_timeout: u64,
}

/// The `--fault SPEC` grammar, shown under `vbo-restore demo --help`.
const FAULT_HELP: &str = "\
Fault SPECs (PATTERN is a glob over the lower-cased request path, `*` matching anything;
it defaults to `*`; append #N to fire N times only):
  reset:BYTES[:PATTERN]     close the connection after BYTES bytes of a save
  status:CODE[:PATTERN]     answer HTTP CODE with a JSON error
  delay:SECS[:PATTERN]      wait SECS seconds (fractions allowed) before the first byte
  malformed-json[:PATTERN]  cut JSON answers in half
  html[:PATTERN]            answer 502 with an HTML error page, as a proxy would
  refuse-refresh            refuse refresh_token grants
  expire-tokens             expire every token issued so far
Examples: --fault 'reset:1048576:*/save#1'  --fault 'status:503:/v8/restoresessions*'
At run time: POST (add), PUT (replace), DELETE (clear) or GET /_emulator/faults with a JSON
list of SPECs; POST /_emulator/tokens/expire expires every token.";

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Cli;

    #[test]
    fn open_and_resume_conflict() {
        let error = Cli::try_parse_from(["vbo-restore", "--resume", "--open", "contoso"])
            .expect_err("conflict");
        assert_eq!(error.kind(), clap::error::ErrorKind::ArgumentConflict);
    }

    #[test]
    fn open_is_read_with_its_grammar_at_parse_time() {
        let cli = Cli::try_parse_from(["vbo-restore", "--demo", "--open", "s/Adele/a%2Fb/c"])
            .expect("parses");
        let target = cli.place.open.expect("open");
        assert_eq!(target.onedrive.as_deref(), Some("Adele"));
        assert_eq!(target.path, vec!["a/b", "c"]);
        let error = Cli::try_parse_from(["vbo-restore", "--open", "/Adele"]).expect_err("bad");
        assert!(
            error.to_string().contains("restore session is missing"),
            "{error}"
        );
    }
}
