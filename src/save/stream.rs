//! Moves a save's body from the network to the `.part` file without copying it: chunks are
//! batched as they arrive and a writer thread hands each batch to one vectored write.

use std::fs::File;
use std::io::{self, IoSlice, Write};
use std::path::Path;

use bytes::Bytes;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::SaveError;
use super::writeback::Writeback;
use crate::api::SaveBody;

/// Bytes gathered before a write: large enough for few system calls, and small enough that
/// the whole pipeline (queued batches, the one filling, the one writing) stays under 2 MiB.
pub(super) const BATCH_BYTES: usize = 256 * 1024;
/// Batches that may wait for the writer thread.
const QUEUED_BATCHES: usize = 2;

/// Pumps the body into the writer thread; answers the byte count once it is all on disk.
pub(super) async fn stream_to(
    mut body: SaveBody,
    file: File,
    part_path: &Path,
    name: &str,
    progress: &mut (dyn FnMut(u64) + Send),
    cancel: &CancellationToken,
) -> Result<u64, SaveError> {
    let (queue, batches) = mpsc::channel::<Vec<Bytes>>(QUEUED_BATCHES);
    let writer = tokio::task::spawn_blocking(move || write_batches(file, batches));
    let pumped = pump(&mut body, queue, progress, cancel, name).await;
    let written = writer
        .await
        .unwrap_or_else(|join| Err(io::Error::other(join.to_string())));
    let write_error = |source| SaveError::Write {
        path: part_path.to_path_buf(),
        source,
    };
    let received = match (pumped, written) {
        (Err(error), _) => return Err(error),
        (Ok(_), Err(source)) => return Err(write_error(source)),
        (Ok(received), Ok(written)) if received != written => {
            return Err(write_error(io::Error::other("not everything was written")));
        }
        (Ok(received), Ok(_)) => received,
    };
    match body.content_length {
        Some(expected) if expected != received => Err(SaveError::Incomplete {
            request: body.request(),
            expected,
            received,
        }),
        _ => Ok(received),
    }
}

/// Reads chunks into batches of about `BATCH_BYTES` and queues them for the writer.
async fn pump(
    body: &mut SaveBody,
    queue: mpsc::Sender<Vec<Bytes>>,
    progress: &mut (dyn FnMut(u64) + Send),
    cancel: &CancellationToken,
    name: &str,
) -> Result<u64, SaveError> {
    let mut received = 0u64;
    let mut batch = Vec::new();
    let mut batch_bytes = 0;
    loop {
        let chunk = tokio::select! {
            biased;
            _ = cancel.cancelled() => return Err(SaveError::Cancelled { name: name.to_string() }),
            chunk = body.chunk() => chunk?,
        };
        let done = chunk.is_none();
        if let Some(chunk) = chunk {
            received += chunk.len() as u64;
            batch_bytes += chunk.len();
            batch.push(chunk);
        }
        if batch_bytes >= BATCH_BYTES || (done && batch_bytes > 0) {
            // A failed send means the writer stopped on an error; its result says which.
            if queue.send(std::mem::take(&mut batch)).await.is_err() {
                return Ok(received);
            }
            batch_bytes = 0;
            progress(received);
        }
        if done {
            return Ok(received);
        }
    }
}

/// The writer thread: writes every batch, starts writeback as it goes, then fsyncs.
fn write_batches(mut file: File, mut batches: mpsc::Receiver<Vec<Bytes>>) -> io::Result<u64> {
    let mut written = 0u64;
    let mut writeback = Writeback::default();
    while let Some(batch) = batches.blocking_recv() {
        written += write_batch(&mut file, &batch)?;
        writeback.advance(&file, written);
    }
    file.flush()?;
    file.sync_all()?;
    Ok(written)
}

/// Writes a batch with as few system calls as the kernel allows.
fn write_batch(file: &mut File, batch: &[Bytes]) -> io::Result<u64> {
    let mut slices: Vec<IoSlice<'_>> = batch.iter().map(|chunk| IoSlice::new(chunk)).collect();
    let mut remaining = &mut slices[..];
    let mut written = 0u64;
    while !remaining.is_empty() {
        let n = file.write_vectored(remaining)?;
        if n == 0 {
            return Err(io::Error::from(io::ErrorKind::WriteZero));
        }
        written += n as u64;
        IoSlice::advance_slices(&mut remaining, n);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_is_written_whole_and_in_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f");
        let mut file = File::create(&path).expect("create");
        let batch: Vec<Bytes> = (0u8..200).map(|i| Bytes::from(vec![i; 1000])).collect();
        assert_eq!(write_batch(&mut file, &batch).expect("written"), 200_000);
        let back = std::fs::read(&path).expect("read");
        assert_eq!(back.len(), 200_000);
        assert!(
            back.chunks(1000)
                .enumerate()
                .all(|(i, c)| c.iter().all(|b| *b == i as u8))
        );
    }
}
