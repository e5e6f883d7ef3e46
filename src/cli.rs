//! The command-line grammar.
//!
//! No flag ever takes a password: secrets come from the environment, a profile's
//! `password_command` or a prompt, so that they never show in the process list.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the built-in VB365 emulator in the foreground until Ctrl-C.
    Demo(DemoArgs),
    /// Print a shell completion script: bash, zsh, fish or powershell.
    Completions {
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
    /// Restore documents or folders to their original place.
    Restore(RestoreArgs),
    /// Copy documents or folders to another OneDrive.
    Copy(CopyArgs),
    /// Send documents by email.
    Send(SendArgs),
}

/// How a command prints what it found.
#[derive(Debug, Clone, Default, Args)]
pub struct OutputArgs {
    /// Print one JSON document on standard output instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `explore ORG`.
#[derive(Debug, Clone, Args)]
pub struct ExploreArgs {
    /// Organization id.
    #[arg(value_name = "ORG")]
    pub organization: String,

    /// Point in time to explore (RFC 3339, such as 2024-05-01T10:00:00Z); latest when absent.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,

    /// Show deleted items as well.
    #[arg(long)]
    pub show_deleted: bool,

    /// Show every version of the documents.
    #[arg(long)]
    pub all_versions: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// A command about one restore session.
#[derive(Debug, Clone, Args)]
pub struct SessionArgs {
    #[arg(value_name = "SESSION")]
    pub session: String,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// `ls SESSION ONEDRIVE [FOLDER]`.
#[derive(Debug, Clone, Args)]
pub struct LsArgs {
    #[arg(value_name = "SESSION")]
    pub session: String,

    /// OneDrive id, or its user's name when unique.
    #[arg(value_name = "ONEDRIVE")]
    pub onedrive: String,

    /// Folder id, or a path from the OneDrive's root; the root when absent.
    #[arg(value_name = "FOLDER")]
    pub folder: Option<String>,

    /// List the subfolders' contents too.
    #[arg(long)]
    pub recursive: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// `versions SESSION ONEDRIVE DOCUMENT`.
#[derive(Debug, Clone, Args)]
pub struct VersionsArgs {
    #[arg(value_name = "SESSION")]
    pub session: String,

    #[arg(value_name = "ONEDRIVE")]
    pub onedrive: String,

    /// Document id, or a path from the OneDrive's root.
    #[arg(value_name = "DOCUMENT")]
    pub document: String,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// The session, OneDrive and items an action works on.
#[derive(Debug, Clone, Args)]
pub struct ItemsArgs {
    #[arg(value_name = "SESSION")]
    pub session: String,

    /// OneDrive id, or its user's name when unique.
    #[arg(value_name = "ONEDRIVE")]
    pub onedrive: String,

    /// Document or folder ids, or paths from the OneDrive's root; `/` is the whole OneDrive.
    #[arg(value_name = "ITEM", required = true, num_args = 1..)]
    pub items: Vec<String>,
}

/// `save SESSION ONEDRIVE ITEM...`.
#[derive(Debug, Clone, Args)]
pub struct SaveArgs {
    #[command(flatten)]
    pub target: ItemsArgs,

    /// Save all the items as one ZIP.
    #[arg(long)]
    pub zip: bool,

    /// Folder to save into (created if missing); the profile's download_dir by default.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// How a restore or a copy signs in to Microsoft 365. The passwords come from
/// `VBO_RESTORE_RESTORE_PASSWORD` and `VBO_RESTORE_CERTIFICATE_PASSWORD`, or a prompt.
#[derive(Debug, Clone, Default, Args)]
pub struct AuthArgs {
    /// Organization account to restore with.
    #[arg(long, value_name = "USER", conflicts_with_all = ["device_code", "certificate"])]
    pub restore_user: Option<String>,

    /// Sign in with a Microsoft device code (the URL and code are printed to stderr).
    #[arg(long, conflicts_with = "certificate")]
    pub device_code: bool,

    /// Application id of the restore application.
    #[arg(long, value_name = "ID")]
    pub app_id: Option<String>,

    /// The restore application's certificate (PKCS#12); needs --app-id.
    #[arg(long, value_name = "FILE.pfx", requires = "app_id")]
    pub certificate: Option<PathBuf>,
}

/// `restore SESSION ONEDRIVE ITEM...`.
#[derive(Debug, Clone, Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub target: ItemsArgs,

    /// Restore all versions or the last one.
    #[arg(long, value_enum, default_value_t = VersionArg::Last)]
    pub version: VersionArg,

    /// When the document exists: keep both or overwrite.
    #[arg(long, value_enum, default_value_t = ConflictArg::Keep)]
    pub on_conflict: ConflictArg,

    #[command(flatten)]
    pub auth: AuthArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// `copy SESSION ONEDRIVE ITEM... --to-onedrive ONEDRIVE`.
#[derive(Debug, Clone, Args)]
pub struct CopyArgs {
    #[command(flatten)]
    pub target: ItemsArgs,

    /// OneDrive to copy into: id, or its user's name when unique.
    #[arg(long, value_name = "ONEDRIVE")]
    pub to_onedrive: String,

    /// Folder in the target OneDrive; the server's default when absent.
    #[arg(long, value_name = "PATH")]
    pub folder: Option<String>,

    /// Copy all versions or the last one.
    #[arg(long, value_enum, default_value_t = VersionArg::Last)]
    pub version: VersionArg,

    /// When the last version exists there: overwrite or merge.
    #[arg(long, value_enum, default_value_t = LastVersionArg::Merge)]
    pub last_version: LastVersionArg,

    /// Copy only items that changed.
    #[arg(long)]
    pub changed_items: bool,

    /// Copy deleted items too.
    #[arg(long)]
    pub deleted_items: bool,

    #[command(flatten)]
    pub auth: AuthArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// `send SESSION ONEDRIVE ITEM... --from ADDR --to ADDR`.
#[derive(Debug, Clone, Args)]
pub struct SendArgs {
    #[command(flatten)]
    pub target: ItemsArgs,

    /// Sender address.
    #[arg(long, value_name = "ADDR")]
    pub from: String,

    /// Recipient address; may be repeated.
    #[arg(long, value_name = "ADDR", required = true)]
    pub to: Vec<String>,

    #[arg(long, value_name = "TEXT", default_value = "Restored documents")]
    pub subject: String,

    #[arg(long, value_name = "TEXT", default_value = "")]
    pub text: String,

    #[command(flatten)]
    pub output: OutputArgs,
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

/// `--version all|last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VersionArg {
    All,
    Last,
}

/// `--on-conflict keep|overwrite`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConflictArg {
    Keep,
    Overwrite,
}

/// `--last-version overwrite|merge`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LastVersionArg {
    Overwrite,
    Merge,
}
