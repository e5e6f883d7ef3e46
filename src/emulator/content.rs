//! Document bytes, generated from the document id and version as they are streamed.
//!
//! Each document has a 256 KiB pattern block; chunk `k` of the content is that block with
//! its first eight bytes replaced by the chunk's offset (little endian), so a lost, doubled
//! or reordered chunk shows. Memory stays at one block per transfer whatever the size.

use bytes::{Bytes, BytesMut};
use futures::Stream;
use sha2::{Digest, Sha256};

use super::tenant::ids::Rng;

/// Size of the pattern block and of each streamed chunk.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// The pattern block of one document version.
pub fn pattern(document_id: &str, version_id: i32) -> Bytes {
    let digest = Sha256::digest(format!("{document_id}/{version_id}").as_bytes());
    let mut rng = Rng::from_name(&hex::encode(digest));
    let mut block = BytesMut::with_capacity(CHUNK_BYTES);
    while block.len() < CHUNK_BYTES {
        block.extend_from_slice(&rng.next_u64().to_le_bytes());
    }
    block.freeze()
}

/// Chunk number `index` of a document of `size` bytes, made from its pattern block.
fn chunk(block: &Bytes, index: u64, size: u64) -> Option<Bytes> {
    let offset = index * CHUNK_BYTES as u64;
    if offset >= size {
        return None;
    }
    let len = (size - offset).min(CHUNK_BYTES as u64) as usize;
    let mut out = BytesMut::from(&block[..len]);
    let stamp = offset.to_le_bytes();
    let head = len.min(stamp.len());
    out[..head].copy_from_slice(&stamp[..head]);
    Some(out.freeze())
}

/// The bytes `offset..offset+len` of a document version of `size` bytes, for tests that
/// compare what a client saved with what the emulator sent.
pub fn document_bytes(
    document_id: &str,
    version_id: i32,
    size: u64,
    offset: u64,
    len: usize,
) -> Vec<u8> {
    let block = pattern(document_id, version_id);
    let end = (offset + len as u64).min(size);
    let mut out = Vec::with_capacity(end.saturating_sub(offset) as usize);
    let mut index = offset / CHUNK_BYTES as u64;
    while let Some(piece) = chunk(&block, index, size) {
        let start = index * CHUNK_BYTES as u64;
        if start >= end {
            break;
        }
        let from = offset.saturating_sub(start) as usize;
        let to = ((end - start) as usize).min(piece.len());
        out.extend_from_slice(&piece[from..to]);
        index += 1;
    }
    out
}

/// The whole content of a document version as a stream of chunks, without copying the
/// pattern block: each chunk goes out as its eight-byte stamp and a slice of the block.
pub fn stream(
    document_id: &str,
    version_id: i32,
    size: u64,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    let block = pattern(document_id, version_id);
    let pieces = (0u64..).map_while(move |index| {
        let offset = index * CHUNK_BYTES as u64;
        if offset >= size {
            return None;
        }
        let len = (size - offset).min(CHUNK_BYTES as u64) as usize;
        let stamp = offset.to_le_bytes();
        let head = len.min(stamp.len());
        let first = Bytes::copy_from_slice(&stamp[..head]);
        Some([first, block.slice(head..len)])
    });
    futures::stream::iter(pieces.flatten().filter(|b| !b.is_empty()).map(Ok))
}

/// Calls `sink` with each chunk of a document version, for writers that are not streams.
pub fn each_chunk(
    document_id: &str,
    version_id: i32,
    size: u64,
    mut sink: impl FnMut(&[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let block = pattern(document_id, version_id);
    let mut index = 0;
    while let Some(piece) = chunk(&block, index, size) {
        sink(&piece)?;
        index += 1;
    }
    Ok(())
}
