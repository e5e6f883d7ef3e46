//! Profiles from a TOML file and the environment; paths from `directories`.
//!
//! The file is optional. When it exists, a key it does not know or a value outside what a key
//! allows stops the program with the file, the key and what is allowed.

mod file;
mod paths;
mod pin;

use std::path::{Path, PathBuf};
use std::process::Command;

pub use file::{
    ApiChoice, Choice, ConfigFile, ConflictWord, Fingerprint, KeyBinding, MAX_PAGE_SIZE, Profile,
    RestoreDefaults, Theme, VersionWord, Words,
};
pub use paths::{CONFIG_ENV, LOG_FILE_NAME, Paths, default_download_dir, expand_home};
pub use pin::{PinTarget, pin_fingerprint};

/// The environment variable that carries the API password.
pub const PASSWORD_ENV: &str = "VBO_RESTORE_PASSWORD";

/// Why the configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the configuration file {path} is not valid: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("there is no profile \"{name}\" in {path}; profiles there: {known}")]
    UnknownProfile {
        name: String,
        path: PathBuf,
        known: String,
    },
    #[error("the password_command of profile \"{profile}\" failed: {reason}")]
    PasswordCommand { profile: String, reason: String },
}

/// The loaded configuration and where it came from.
#[derive(Debug, Clone)]
pub struct Config {
    pub paths: Paths,
    pub file: ConfigFile,
    /// Whether the file existed; without one every setting has its default.
    pub found: bool,
    /// Things worth telling the user that do not stop the program.
    pub warnings: Vec<String>,
}

impl Config {
    /// Reads the configuration file named by `--config`, `VBO_RESTORE_CONFIG` or the platform
    /// default. A missing default file is fine; a missing named file is an error.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let paths = Paths::resolve(explicit);
        let path = paths.config_file.clone();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {
                return Ok(Config {
                    paths,
                    file: ConfigFile::default_values(),
                    found: false,
                    warnings: Vec::new(),
                });
            }
            Err(source) => return Err(ConfigError::Read { path, source }),
        };
        let file = parse(&text, &path)?;
        let warnings = permission_warnings(&path, &file);
        Ok(Config {
            paths,
            file,
            found: true,
            warnings,
        })
    }

    /// The profile chosen by name, else `default_profile`, else the only one; `None` when none
    /// was asked for and the file has no profile, or several (the console then offers a
    /// picker, the commands ask for `--profile`).
    pub fn profile(&self, name: Option<&str>) -> Result<Option<(String, Profile)>, ConfigError> {
        let wanted = name.or(self.file.default_profile.as_deref());
        if let Some(wanted) = wanted {
            return match self.file.profiles.get(wanted) {
                Some(profile) => Ok(Some((wanted.to_string(), profile.clone()))),
                None => Err(ConfigError::UnknownProfile {
                    name: wanted.to_string(),
                    path: self.paths.config_file.clone(),
                    known: self.profile_names(),
                }),
            };
        }
        let mut profiles = self.file.profiles.iter();
        match (profiles.next(), profiles.next()) {
            (Some((name, profile)), None) => Ok(Some((name.clone(), profile.clone()))),
            _ => Ok(None),
        }
    }

    fn profile_names(&self) -> String {
        let names: Vec<&str> = self.file.profiles.keys().map(String::as_str).collect();
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        }
    }
}

impl ConfigFile {
    /// The settings used when there is no configuration file.
    pub fn default_values() -> ConfigFile {
        toml::from_str("").unwrap_or_default()
    }

    /// `read_timeout` and `save_read_timeout` as the client takes them.
    pub fn timeouts(&self) -> (std::time::Duration, std::time::Duration) {
        use std::time::Duration;
        (
            Duration::from_secs(self.read_timeout),
            Duration::from_secs(self.save_read_timeout),
        )
    }
}

/// Parses the file's text; the error names the file, the line and the key.
pub fn parse(text: &str, path: &Path) -> Result<ConfigFile, ConfigError> {
    toml::from_str(text).map_err(|err| ConfigError::Invalid {
        path: path.to_path_buf(),
        message: describe_toml_error(text, &err),
    })
}

fn describe_toml_error(text: &str, err: &toml::de::Error) -> String {
    let message = err.message().trim().to_string();
    let Some(span) = err.span() else {
        return message;
    };
    let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
    let snippet = text
        .lines()
        .nth(line - 1)
        .unwrap_or_default()
        .trim()
        .chars()
        .take(80)
        .collect::<String>();
    format!("line {line} (`{snippet}`): {message}")
}

/// Warns when a file that holds a password can be read by others.
fn permission_warnings(path: &Path, file: &ConfigFile) -> Vec<String> {
    let holds_password = file.profiles.values().any(|p| p.password.is_some());
    if !holds_password || !readable_by_others(path) {
        return Vec::new();
    }
    vec![format!(
        "{} holds a password and can be read by other users; fix it with: chmod 600 {}",
        path.display(),
        path.display()
    )]
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|meta| meta.permissions().mode() & 0o044 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn readable_by_others(_path: &Path) -> bool {
    // LIMITATION: Windows ACLs are not inspected; the warning is given on Unix only.
    false
}

/// Runs a profile's `password_command` through the platform shell and returns its first line.
pub fn run_password_command(profile: &str, command: &str) -> Result<String, ConfigError> {
    let fail = |reason: String| ConfigError::PasswordCommand {
        profile: profile.to_string(),
        reason,
    };
    let output = shell(command)
        .output()
        .map_err(|err| fail(format!("could not start it: {err}")))?;
    if !output.status.success() {
        return Err(fail(format!("it exited with {}", output.status)));
    }
    let text = String::from_utf8(output.stdout)
        .map_err(|_| fail("its output is not UTF-8".to_string()))?;
    match text.lines().next() {
        Some(line) if !line.is_empty() => Ok(line.to_string()),
        _ => Err(fail("it printed nothing".to_string())),
    }
}

fn shell(command: &str) -> Command {
    if cfg!(windows) {
        let mut cmd = Command::new("cmd");
        cmd.args(["/C", command]);
        cmd
    } else {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", command]);
        cmd
    }
}

#[cfg(test)]
mod tests;
