//! The scripting commands' arguments: listings, saves, restores, copies and sends.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

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
    /// Organization id, or its name (contoso.onmicrosoft.com, any case) or the first label of
    /// its name (contoso) when only one organization matches.
    #[arg(value_name = "ORG")]
    pub organization: String,

    /// Point in time to explore, in UTC as in the console: `latest` (the default), a day
    /// (2026-11-30, read as its end, 23:59:59 UTC), a day and time (2026-11-30 18:00), or
    /// RFC 3339 with its offset (2026-11-30T18:00:00+01:00).
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
    /// Restore session id, or a unique start of one (at least 8 characters).
    #[arg(value_name = "SESSION")]
    pub session: String,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// `ls SESSION ONEDRIVE [FOLDER]`.
#[derive(Debug, Clone, Args)]
pub struct LsArgs {
    /// Restore session id, or a unique start of one (at least 8 characters).
    #[arg(value_name = "SESSION")]
    pub session: String,

    /// OneDrive id, or its display name (Adele Vance, any case) or user name (adelev) when only
    /// one OneDrive has it.
    #[arg(value_name = "ONEDRIVE")]
    pub onedrive: String,

    /// Folder id, or a path of folder names from the OneDrive's root (Documents/Q3, any
    /// case when only one folder matches); the root when absent or `/`.
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
    /// Restore session id, or a unique start of one (at least 8 characters).
    #[arg(value_name = "SESSION")]
    pub session: String,

    /// OneDrive id, or its display name (Adele Vance, any case) or user name (adelev) when only
    /// one OneDrive has it.
    #[arg(value_name = "ONEDRIVE")]
    pub onedrive: String,

    /// Document id, or its path from the OneDrive's root (Documents/Q3/report.docx, any case
    /// when only one document matches).
    #[arg(value_name = "DOCUMENT")]
    pub document: String,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// The session, OneDrive and items an action works on.
#[derive(Debug, Clone, Args)]
pub struct ItemsArgs {
    /// Restore session id, or a unique start of one (at least 8 characters).
    #[arg(value_name = "SESSION")]
    pub session: String,

    /// OneDrive id, or its display name (Adele Vance, any case) or user name (adelev) when only
    /// one OneDrive has it.
    #[arg(value_name = "ONEDRIVE")]
    pub onedrive: String,

    /// Document or folder ids, or paths from the OneDrive's root (Documents/Budget.xlsx, any
    /// case when only one item matches); `/` is the whole OneDrive.
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
    /// Organization account to restore with (default: the profile's `restore.user`).
    #[arg(long, value_name = "USER", conflicts_with_all = ["device_code", "certificate"])]
    pub restore_user: Option<String>,

    /// Sign in with a Microsoft device code (the URL and code are printed to stderr).
    #[arg(long, conflicts_with = "certificate")]
    pub device_code: bool,

    /// Application id of the restore application (default: the profile's
    /// `restore.application_id`).
    #[arg(long, value_name = "ID")]
    pub app_id: Option<String>,

    /// The restore application's certificate (PKCS#12); needs --app-id (default: the
    /// profile's `restore.certificate`).
    #[arg(long, value_name = "FILE.pfx", requires = "app_id")]
    pub certificate: Option<PathBuf>,
}

/// `restore SESSION ONEDRIVE ITEM...`.
#[derive(Debug, Clone, Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub target: ItemsArgs,

    /// Restore all versions or the last one; from API v6 only the last (default: the
    /// profile's `restore.version`, else last).
    #[arg(long, value_enum)]
    pub version: Option<VersionArg>,

    /// When the document exists: keep both or overwrite (default: the profile's
    /// `restore.on_conflict`, else keep).
    #[arg(long, value_enum)]
    pub on_conflict: Option<ConflictArg>,

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

    /// OneDrive to copy into: id, or its display name or user name when only one OneDrive has it.
    #[arg(long, value_name = "ONEDRIVE")]
    pub to_onedrive: String,

    /// Folder in the target OneDrive; the server's default when absent.
    #[arg(long, value_name = "PATH")]
    pub folder: Option<String>,

    /// Copy all versions or the last one (default: the profile's `restore.version`, else
    /// last).
    #[arg(long, value_enum)]
    pub version: Option<VersionArg>,

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
