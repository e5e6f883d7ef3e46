//! Where vbo-restore keeps its files, found through `directories`.

use std::path::{Path, PathBuf};

use directories::{ProjectDirs, UserDirs};

/// The environment variable that names a configuration file, as `--config` does.
pub const CONFIG_ENV: &str = "VBO_RESTORE_CONFIG";

/// The folders the program reads and writes, resolved once at start.
#[derive(Debug, Clone, PartialEq)]
pub struct Paths {
    /// The configuration file (it may not exist).
    pub config_file: PathBuf,
    /// Where the log file goes: the state directory where the platform has one, else data.
    pub log_dir: PathBuf,
    /// Where `audit.jsonl` and recent places are kept.
    pub data_dir: PathBuf,
}

impl Paths {
    /// The platform's folders for vbo-restore, with an explicit config file winning.
    pub fn resolve(config_override: Option<&Path>) -> Paths {
        let dirs = ProjectDirs::from("", "", "vbo-restore");
        let fallback = || PathBuf::from(".vbo-restore");
        let config_dir = dirs
            .as_ref()
            .map(|d| d.config_dir().to_path_buf())
            .unwrap_or_else(fallback);
        let data_dir = dirs
            .as_ref()
            .map(|d| d.data_local_dir().to_path_buf())
            .unwrap_or_else(fallback);
        let log_dir = dirs
            .as_ref()
            .and_then(|d| d.state_dir().map(Path::to_path_buf))
            .unwrap_or_else(|| data_dir.clone());
        let config_file = config_override
            .map(Path::to_path_buf)
            .unwrap_or_else(|| config_dir.join("config.toml"));
        Paths {
            config_file,
            log_dir,
            data_dir,
        }
    }

    pub fn log_file(&self) -> PathBuf {
        self.log_dir.join(LOG_FILE_NAME)
    }

    pub fn audit_file(&self) -> PathBuf {
        self.data_dir.join("audit.jsonl")
    }
}

/// The log file's name inside [`Paths::log_dir`].
pub const LOG_FILE_NAME: &str = "vbo-restore.log";

/// The folder saves go to when a profile names none: the user's download folder, else the
/// working directory.
pub fn default_download_dir() -> PathBuf {
    UserDirs::new()
        .and_then(|dirs| dirs.download_dir().map(Path::to_path_buf))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Expands a leading `~` to the home directory, as people write paths in a config file.
pub fn expand_home(path: &Path) -> PathBuf {
    let Ok(rest) = path.strip_prefix("~") else {
        return path.to_path_buf();
    };
    match UserDirs::new() {
        Some(dirs) => dirs.home_dir().join(rest),
        None => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_config_file_wins() {
        let paths = Paths::resolve(Some(Path::new("/tmp/x.toml")));
        assert_eq!(paths.config_file, PathBuf::from("/tmp/x.toml"));
        assert!(paths.audit_file().ends_with("audit.jsonl"));
        assert!(paths.log_file().ends_with(LOG_FILE_NAME));
    }

    #[test]
    fn tilde_expands_only_at_the_start() {
        let plain = expand_home(Path::new("a/~/b"));
        assert_eq!(plain, PathBuf::from("a/~/b"));
        let home = expand_home(Path::new("~/restores"));
        assert!(home.ends_with("restores"));
        assert!(!home.starts_with("~"));
    }
}
