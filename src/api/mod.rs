//! The only code that speaks HTTP to a VB365 server: login, trust, version dialects,
//! listings, document actions and streamed saves.

pub mod action;
#[cfg(test)]
mod answer_props;
#[cfg(test)]
mod answer_samples;
mod auth;
mod body;
mod browse;
pub mod client;
pub mod dialect;
pub mod error;
pub mod lookup;
pub mod model;
mod pages;
pub mod probe;
mod resolve;
mod run;
pub mod secret;
mod surrogates;
mod transport;
pub mod trust;
pub mod version;

pub use action::{
    ActionOutcome, ActionTarget, ConflictPolicy, DocumentAction, ItemRef, LastVersionAction,
    RestoreAuth, Scope, VersionChoice,
};
pub use body::SaveBody;
pub use browse::ExploreOptions;
pub use client::{Client, ConnectOptions, READ_TIMEOUT_SECS, SAVE_READ_TIMEOUT_SECS};
pub use error::ApiError;
pub use pages::ItemPages;
pub use secret::Secret;
pub use trust::{Fingerprint, Trust};
pub use version::ApiVersion;
