//! Why an emulator could not start or resume.

use std::net::SocketAddr;

/// A failure to bring the emulator up; answers to clients are not errors of this kind.
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot make the emulator's TLS certificate: {0}")]
    Certificate(String),
    #[error("unknown API version {0:?}; the emulator serves v4 to v8")]
    UnknownVersion(String),
    #[error("no API version to serve")]
    NoVersion,
    #[error(transparent)]
    Fault(#[from] super::faults::FaultParseError),
    #[error("cannot run the emulator: {0}")]
    Runtime(#[source] std::io::Error),
}
