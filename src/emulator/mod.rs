//! The built-in VB365 REST server that `demo`, `--demo` and the tests talk to.
//!
//! It serves API versions v4 to v8 at once, each under its own prefix and in its own
//! dialect (`v4.rs` for the v4/v5 `Action` endpoints, `v6.rs` for the per-action paths of
//! v6 to v8), over HTTPS with a certificate made at start, or plain HTTP. The demo tenant is
//! generated from a seed; document bytes are generated from the document id as they are
//! streamed. Faults can be injected by flag or at run time through `/_emulator/faults`.
//! It shares no code with `crate::api`: both answer to Veeam's own descriptions.

mod actions;
mod auth;
mod body;
mod browse;
mod common;
mod config;
mod content;
mod control;
mod download;
mod error;
mod failure;
mod faults;
mod foreground;
mod inject;
mod mail;
mod record;
mod restore_auth;
mod router;
mod server;
mod sessions;
mod state;
pub mod tenant;
mod tls;
mod v4;
mod v6;
mod version;
mod views;
mod zipstream;

pub use config::EmulatorConfig;
pub use content::document_bytes;
pub use error::EmulatorError;
pub use faults::{Fault, FaultKind, FaultParseError};
pub use foreground::serve_foreground;
pub use record::{ProductionWrite, Received, SentMail};
pub use server::Emulator;
