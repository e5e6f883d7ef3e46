//! Logging to a file in the state or data directory, never to the terminal.
//!
//! The console draws on the terminal, so nothing may print there behind its back: every
//! `tracing` event goes to the log file only. What is logged is what a person debugging a
//! failed restore needs (request method and path, status, duration, task ids), never a secret.

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};

use tracing_subscriber::EnvFilter;

use crate::config::LOG_FILE_NAME;

/// The level used when neither `--log-level` nor `VBO_RESTORE_LOG` names one.
pub const DEFAULT_LEVEL: &str = "info";

/// Why logging could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum LoggingError {
    #[error("log level \"{0}\" is not known; allowed: error, warn, info, debug, trace")]
    Level(String),
    #[error("cannot open the log file {path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Keeps the log writer alive; logs are flushed when it is dropped.
pub struct LogGuard {
    _worker: tracing_appender::non_blocking::WorkerGuard,
    pub path: PathBuf,
}

/// Sends this process's `tracing` events to `<dir>/vbo-restore.log`, appending.
pub fn init(dir: &Path, level: Option<&str>) -> Result<LogGuard, LoggingError> {
    let filter = filter_for(level.unwrap_or(DEFAULT_LEVEL))?;
    let path = dir.join(LOG_FILE_NAME);
    let open = || -> std::io::Result<fs::File> {
        fs::create_dir_all(dir)?;
        OpenOptions::new().create(true).append(true).open(&path)
    };
    let file = open().map_err(|source| LoggingError::File {
        path: path.clone(),
        source,
    })?;
    let (writer, worker) = tracing_appender::non_blocking(file);
    let installed = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .with_target(true)
        .try_init();
    if installed.is_err() {
        tracing::debug!("a log subscriber was already installed");
    }
    Ok(LogGuard {
        _worker: worker,
        path,
    })
}

/// A filter for one of the five level words, applied to this crate and, at warn, to the rest.
fn filter_for(level: &str) -> Result<EnvFilter, LoggingError> {
    let word = level.trim().to_ascii_lowercase();
    if !["error", "warn", "info", "debug", "trace"].contains(&word.as_str()) {
        return Err(LoggingError::Level(level.to_string()));
    }
    EnvFilter::try_new(format!("warn,vbo_restore={word}"))
        .map_err(|_| LoggingError::Level(level.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_levels_are_refused_by_name() {
        let err = filter_for("loud").expect_err("refused");
        assert!(err.to_string().contains("\"loud\""));
        assert!(filter_for("DEBUG").is_ok());
    }
}
