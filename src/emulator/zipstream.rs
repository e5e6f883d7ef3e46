//! Real ZIP archives of many documents, written in a blocking task into a channel so that
//! memory stays flat whatever the archive's size.

use std::io::Write;

use bytes::Bytes;
use futures::Stream;
use tokio::sync::mpsc;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::content::{self, CHUNK_BYTES};

/// One document to put into an archive.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Path inside the archive, names joined by '/'.
    pub path: String,
    pub document_id: String,
    pub version_id: i32,
    pub size: u64,
}

/// The archive of `entries` as a stream of chunks; the archive is built as it is read.
pub fn stream(
    entries: Vec<Entry>,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    let (tx, mut rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::task::spawn_blocking(move || {
        let sink = ChannelWriter {
            tx: tx.clone(),
            buffer: Vec::with_capacity(CHUNK_BYTES),
        };
        if let Err(error) = write_archive(sink, &entries) {
            // The reader may be gone already; then nobody needs the error.
            let _ = tx.blocking_send(Err(error));
        }
    });
    futures::stream::poll_fn(move |cx| rx.poll_recv(cx))
}

fn write_archive(sink: ChannelWriter, entries: &[Entry]) -> std::io::Result<()> {
    let mut zip = ZipWriter::new_stream(sink);
    for entry in entries {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .large_file(entry.size >= u64::from(u32::MAX));
        zip.start_file(entry.path.as_str(), options)
            .map_err(std::io::Error::other)?;
        content::each_chunk(&entry.document_id, entry.version_id, entry.size, |piece| {
            zip.write_all(piece)
        })?;
    }
    let mut sink = zip.finish().map_err(std::io::Error::other)?.into_inner();
    sink.flush()
}

/// A `Write` that hands full chunks to an async reader.
struct ChannelWriter {
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
    buffer: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK_BYTES),
        ));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client left"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK_BYTES {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}
