//! The configuration file's schema: global settings, `[keys]` and `[profiles.NAME]`.
//!
//! Every table refuses keys it does not know, so that a misspelt key stops the program with
//! its name instead of being ignored.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, de};

/// The whole file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// The profile used when neither `--profile` nor a picker chooses one.
    pub default_profile: Option<String>,
    /// How many background tasks may run at once.
    #[serde(default = "default_parallel_tasks")]
    pub max_parallel_tasks: usize,
    /// Rows asked for in one listing request.
    #[serde(default = "default_page_size", deserialize_with = "page_size")]
    pub page_size: usize,
    /// Seconds a listing or an action may go without a byte from the server.
    #[serde(default = "default_read_timeout", deserialize_with = "read_timeout")]
    pub read_timeout: u64,
    /// Seconds a save may go without a byte; long, as the server builds a ZIP before sending.
    #[serde(
        default = "default_save_read_timeout",
        deserialize_with = "save_read_timeout"
    )]
    pub save_read_timeout: u64,
    /// Let the console capture the mouse (off by default, so terminal copy keeps working).
    #[serde(default)]
    pub mouse: bool,
    #[serde(default)]
    pub theme: Theme,
    /// Key rebinding: action name to one key or a list of keys.
    #[serde(default)]
    pub keys: BTreeMap<String, KeyBinding>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

fn default_parallel_tasks() -> usize {
    3
}

fn default_page_size() -> usize {
    1000
}

/// The largest page a VB365 server hands out.
pub const MAX_PAGE_SIZE: usize = 10_000;

/// The longest `read_timeout`: an hour of silence on a listing is a dead server.
pub const MAX_READ_TIMEOUT_SECS: u64 = 3600;
/// The longest `save_read_timeout`: two days, beyond the time any server takes to build a ZIP.
pub const MAX_SAVE_READ_TIMEOUT_SECS: u64 = 2 * 86_400;

fn default_read_timeout() -> u64 {
    crate::api::READ_TIMEOUT_SECS
}

fn default_save_read_timeout() -> u64 {
    crate::api::SAVE_READ_TIMEOUT_SECS
}

fn page_size<'de, D: Deserializer<'de>>(deserializer: D) -> Result<usize, D::Error> {
    let size = in_range(deserializer, "page_size", MAX_PAGE_SIZE as u64)?;
    Ok(size as usize)
}

fn read_timeout<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    in_range(deserializer, "read_timeout", MAX_READ_TIMEOUT_SECS)
}

fn save_read_timeout<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    in_range(
        deserializer,
        "save_read_timeout",
        MAX_SAVE_READ_TIMEOUT_SECS,
    )
}

/// A whole number from 1 to `max`, refused with the key's name and the range otherwise.
fn in_range<'de, D: Deserializer<'de>>(
    deserializer: D,
    key: &str,
    max: u64,
) -> Result<u64, D::Error> {
    let value = i64::deserialize(deserializer)?;
    match u64::try_from(value) {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(de::Error::custom(format!(
            "{key} {value} is out of range; allowed: 1 to {max}"
        ))),
    }
}

/// One server a helpdesk connects to.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Server root, such as `https://vbo.example.com:4443`.
    pub url: Option<String>,
    #[serde(default)]
    pub api: ApiChoice,
    pub user: Option<String>,
    /// A command whose first line of output is the API password.
    pub password_command: Option<String>,
    /// The API password itself; better kept out of the file (see `password_command`).
    pub password: Option<String>,
    pub ca_file: Option<PathBuf>,
    pub fingerprint: Option<Fingerprint>,
    #[serde(default)]
    pub insecure: bool,
    pub download_dir: Option<PathBuf>,
    /// Allow only saves from this profile.
    #[serde(default)]
    pub read_only: bool,
    #[serde(default)]
    pub restore: RestoreDefaults,
}

/// What the action form starts with for restores and copies, and the scripting commands'
/// defaults when no flag is given.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestoreDefaults {
    /// The organization account restores authenticate with.
    pub user: Option<String>,
    pub application_id: Option<String>,
    /// A PKCS#12 (.pfx) certificate of the restore application.
    pub certificate: Option<PathBuf>,
    pub version: Option<Choice<VersionWord>>,
    pub on_conflict: Option<Choice<ConflictWord>>,
}

/// `api = "auto"` or a fixed version `v4` to `v8`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ApiChoice {
    #[default]
    Auto,
    Fixed(u8),
}

impl FromStr for ApiChoice {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let lower = text.trim().to_ascii_lowercase();
        if lower == "auto" {
            return Ok(ApiChoice::Auto);
        }
        match lower.strip_prefix('v').and_then(|n| n.parse::<u8>().ok()) {
            Some(n @ 4..=8) => Ok(ApiChoice::Fixed(n)),
            _ => Err(format!(
                "api \"{text}\" is not known; allowed: auto, v4, v5, v6, v7, v8"
            )),
        }
    }
}

impl fmt::Display for ApiChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiChoice::Auto => f.write_str("auto"),
            ApiChoice::Fixed(n) => write!(f, "v{n}"),
        }
    }
}

impl<'de> Deserialize<'de> for ApiChoice {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

/// A pinned certificate: `SHA256:` then 64 hex digits or the base64 of the 32 bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(pub [u8; 32]);

impl FromStr for Fingerprint {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        use base64::Engine;
        let bad = || {
            format!(
                "fingerprint \"{text}\" is not a SHA-256 fingerprint; allowed: \
                 SHA256:<64 hex digits> or SHA256:<base64>"
            )
        };
        let body = text
            .trim()
            .strip_prefix("SHA256:")
            .or_else(|| text.trim().strip_prefix("sha256:"))
            .ok_or_else(bad)?;
        let hex_digits: String = body.chars().filter(|c| *c != ':').collect();
        let bytes = hex::decode(&hex_digits).ok().or_else(|| {
            let engine = base64::engine::general_purpose::STANDARD_NO_PAD;
            engine.decode(body.trim_end_matches('=')).ok()
        });
        bytes
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .map(Fingerprint)
            .ok_or_else(bad)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SHA256:{}", hex::encode(self.0))
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

/// The console's colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    #[default]
    Default,
    HighContrast,
    Light,
}

/// One key (`"q"`, `"ctrl-r"`) or several for one action; the console's keymap reads them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum KeyBinding {
    One(String),
    Many(Vec<String>),
}

impl KeyBinding {
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeyBinding::One(key) => vec![key.as_str()],
            KeyBinding::Many(keys) => keys.iter().map(String::as_str).collect(),
        }
    }
}

/// A closed set of words a setting may take, read in any case.
pub trait Words: Sized + Copy + 'static {
    const NAME: &'static str;
    const ALL: &'static [(&'static str, Self)];
}

/// A value of a [`Words`] set, refused with the allowed words when unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice<W>(pub W);

impl<'de, W: Words> Deserialize<'de> for Choice<W> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        W::ALL
            .iter()
            .find(|(word, _)| word.eq_ignore_ascii_case(text.trim()))
            .map(|(_, value)| Choice(*value))
            .ok_or_else(|| {
                let allowed: Vec<&str> = W::ALL.iter().map(|(word, _)| *word).collect();
                de::Error::custom(format!(
                    "{} \"{text}\" is not known; allowed: {}",
                    W::NAME,
                    allowed.join(", ")
                ))
            })
    }
}

/// Which versions a restore brings back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionWord {
    All,
    Last,
}

impl Words for VersionWord {
    const NAME: &'static str = "version";
    const ALL: &'static [(&'static str, Self)] =
        &[("all", VersionWord::All), ("last", VersionWord::Last)];
}

/// What a restore does when the document is still there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictWord {
    Keep,
    Overwrite,
}

impl Words for ConflictWord {
    const NAME: &'static str = "on_conflict";
    const ALL: &'static [(&'static str, Self)] = &[
        ("keep", ConflictWord::Keep),
        ("overwrite", ConflictWord::Overwrite),
    ];
}
