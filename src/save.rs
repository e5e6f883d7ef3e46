//! Streams a save into a folder: `<name>.part` first, then flushed, fsynced and renamed.
//!
//! The body goes to disk as it arrives, in batches of chunks through a short queue to a
//! writer thread, so memory stays flat whatever the size. The final name never replaces an existing file: the new one
//! becomes `name (1).ext`. On an error or a cancel, the `.part` file is removed.

mod name;
mod stream;
mod writeback;

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;
use tokio_util::sync::CancellationToken;

use crate::api::{ActionTarget, ApiError, Client, SaveBody};

pub use name::{MAX_NAME_BYTES, default_save_name, safe_file_name};

/// How many `name (n).ext` alternatives are tried before giving up.
const MAX_ALTERNATIVES: u32 = 10_000;

/// A finished save: where the file is and how long it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedFile {
    pub path: PathBuf,
    pub bytes: u64,
}

/// Why a save did not end up as a file.
#[derive(Debug, Error)]
pub enum SaveError {
    #[error(transparent)]
    Api(#[from] ApiError),

    #[error("cannot save into {}: {source}", .dir.display())]
    Destination {
        dir: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("writing {} failed: {source}", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("{request} ended after {received} of {expected} bytes; nothing was kept")]
    Incomplete {
        request: String,
        expected: u64,
        received: u64,
    },

    #[error("the save of {name} was cancelled; nothing was kept")]
    Cancelled { name: String },
}

impl SaveError {
    /// The process exit status: the API error's own, 2 for a bad destination, else 1.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Api(error) => error.exit_code(),
            Self::Destination { .. } => 2,
            _ => 1,
        }
    }
}

/// Creates the destination folder if it is missing and checks that files can be made in it.
pub fn check_destination(dir: &Path) -> Result<(), SaveError> {
    let refused = |source| SaveError::Destination {
        dir: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(refused)?;
    if !dir.is_dir() {
        return Err(refused(io::Error::new(
            io::ErrorKind::NotADirectory,
            "it is not a folder",
        )));
    }
    // Several saves of one process may check the same folder at once: each probes its own name.
    static PROBES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = PROBES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let probe = dir.join(format!(".vbo-restore-probe-{}-{n}", std::process::id()));
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map_err(refused)?;
    std::fs::remove_file(&probe).map_err(refused)
}

/// Checks the destination, starts the save and streams it into `dir`; `name` defaults to
/// `default_save_name`.
pub async fn save_target(
    client: &Client,
    target: &ActionTarget,
    as_zip: bool,
    dir: &Path,
    name: Option<&str>,
    progress: &mut (dyn FnMut(u64) + Send),
    cancel: &CancellationToken,
) -> Result<SavedFile, SaveError> {
    check_destination(dir)?;
    let body = client.save(target, as_zip).await?;
    let name = match name {
        Some(name) => name.to_string(),
        None => default_save_name(target, body.is_zip, chrono::Utc::now()),
    };
    save_body(body, dir, &name, progress, cancel).await
}

/// Streams `body` into `dir/<safe name>`. `progress` is called with the total number of
/// bytes received so far, each time a batch (256 KiB) goes to disk and at the end.
pub async fn save_body(
    body: SaveBody,
    dir: &Path,
    name: &str,
    progress: &mut (dyn FnMut(u64) + Send),
    cancel: &CancellationToken,
) -> Result<SavedFile, SaveError> {
    let name = safe_file_name(name);
    let (part_path, file) = create_part(dir, &name)?;
    let result = stream::stream_to(body, file, &part_path, &name, progress, cancel).await;
    let finished = result.and_then(|bytes| {
        let path = place(&part_path, dir, &name)?;
        Ok(SavedFile { path, bytes })
    });
    if finished.is_err() {
        let _ = std::fs::remove_file(&part_path);
    }
    finished
}

/// Creates `<name>.part` (or `<name>.<n>.part` if another save is using that one).
fn create_part(dir: &Path, name: &str) -> Result<(PathBuf, File), SaveError> {
    for n in 0..MAX_ALTERNATIVES {
        let part_name = match n {
            0 => format!("{name}.part"),
            n => format!(
                "{}.{n}.part",
                name::shorten(name, 255 - format!(".{n}.part").len())
            ),
        };
        let path = dir.join(part_name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(SaveError::Write { path, source }),
        }
    }
    Err(SaveError::Destination {
        dir: dir.to_path_buf(),
        source: io::Error::new(io::ErrorKind::AlreadyExists, "too many .part files"),
    })
}

/// Gives the finished `.part` its name without ever replacing an existing file.
fn place(part_path: &Path, dir: &Path, name: &str) -> Result<PathBuf, SaveError> {
    for n in 0..MAX_ALTERNATIVES {
        let candidate = match n {
            0 => dir.join(name),
            n => dir.join(name::numbered(name, n)),
        };
        match claim(part_path, &candidate) {
            Ok(true) => {
                sync_dir(dir);
                return Ok(candidate);
            }
            Ok(false) => continue,
            Err(source) => {
                return Err(SaveError::Write {
                    path: candidate,
                    source,
                });
            }
        }
    }
    Err(SaveError::Write {
        path: dir.join(name),
        source: io::Error::new(
            io::ErrorKind::AlreadyExists,
            "every alternative name is taken",
        ),
    })
}

/// Moves `part` to `target` unless `target` exists: a hard link fails on an existing name,
/// so nothing can be replaced between the check and the move.
fn claim(part: &Path, target: &Path) -> io::Result<bool> {
    match std::fs::hard_link(part, target) {
        Ok(()) => {
            std::fs::remove_file(part)?;
            Ok(true)
        }
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(_) => {
            // LIMITATION: on file systems without hard links the check and the rename are
            // two steps; another program could create the name in between.
            if target.exists() {
                return Ok(false);
            }
            std::fs::rename(part, target)?;
            Ok(true)
        }
    }
}

/// Makes the rename durable; a failure here only costs durability, so it is logged.
fn sync_dir(dir: &Path) {
    if let Err(error) = File::open(dir).and_then(|handle| handle.sync_all()) {
        tracing::debug!(dir = %dir.display(), %error, "could not fsync the folder");
    }
}

#[cfg(test)]
#[path = "save/save_tests.rs"]
mod tests;
