//! Starts writing a save to disk while it still arrives, so that the final fsync has little
//! left to do and dirty pages stay bounded.
//!
//! On Linux, each finished window is handed to `sync_file_range` to start its writeback,
//! and the writer waits for the window some way behind it. Elsewhere this does nothing and
//! the final fsync does all the work.

use std::fs::File;

/// Bytes handed to writeback at a time.
const WINDOW_BYTES: u64 = 8 * 1024 * 1024;
/// How many windows may be in writeback before the writer waits for the oldest.
const WINDOWS_IN_FLIGHT: u64 = 4;

/// How far writeback has been started.
#[derive(Debug, Default)]
pub struct Writeback {
    started_to: u64,
}

impl Writeback {
    /// Called after each write with the file's length so far.
    pub fn advance(&mut self, file: &File, written: u64) {
        while written >= self.started_to + WINDOW_BYTES {
            let window = self.started_to;
            start(file, window, WINDOW_BYTES);
            if let Some(behind) = window.checked_sub(WINDOWS_IN_FLIGHT * WINDOW_BYTES) {
                wait(file, behind, WINDOW_BYTES);
            }
            self.started_to += WINDOW_BYTES;
        }
    }
}

#[cfg(target_os = "linux")]
fn sync_range(file: &File, offset: u64, len: u64, flags: libc::c_uint) {
    use std::os::fd::AsRawFd;
    let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else {
        return;
    };
    // SAFETY: the descriptor belongs to `file`, which outlives the call; the call reads no
    // memory of ours. A failure only loses the head start; the final fsync still runs.
    let result = unsafe { libc::sync_file_range(file.as_raw_fd(), offset, len, flags) };
    if result != 0 {
        tracing::trace!(error = %std::io::Error::last_os_error(), "sync_file_range");
    }
}

#[cfg(target_os = "linux")]
fn start(file: &File, offset: u64, len: u64) {
    sync_range(file, offset, len, libc::SYNC_FILE_RANGE_WRITE);
}

#[cfg(target_os = "linux")]
fn wait(file: &File, offset: u64, len: u64) {
    let flags = libc::SYNC_FILE_RANGE_WAIT_BEFORE
        | libc::SYNC_FILE_RANGE_WRITE
        | libc::SYNC_FILE_RANGE_WAIT_AFTER;
    sync_range(file, offset, len, flags);
}

#[cfg(not(target_os = "linux"))]
fn start(_file: &File, _offset: u64, _len: u64) {}

#[cfg(not(target_os = "linux"))]
fn wait(_file: &File, _offset: u64, _len: u64) {}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn writeback_moves_by_whole_windows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut file = File::create(dir.path().join("f")).expect("create");
        let mut writeback = Writeback::default();
        writeback.advance(&file, WINDOW_BYTES - 1);
        assert_eq!(writeback.started_to, 0);
        let block = vec![1u8; (WINDOW_BYTES as usize) * 2 + 10];
        file.write_all(&block).expect("write");
        writeback.advance(&file, block.len() as u64);
        assert_eq!(writeback.started_to, 2 * WINDOW_BYTES);
    }
}
