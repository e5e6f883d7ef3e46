//! The one place where the form meets the client's types.
//!
//! LIMITATION: the client's request types (`api::ApiVersion`, `api::Secret`,
//! `api::DocumentAction`, ...) have not landed on main yet; until they do, the two this form
//! needs to compile are stood in for here with the same names and meaning, and the mapping to
//! `DocumentAction` is missing.

use std::fmt;

/// One REST API version (stand-in for `api::ApiVersion`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiVersion {
    V4,
    V5,
    V6,
    V7,
    V8,
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::V4 => "v4",
            Self::V5 => "v5",
            Self::V6 => "v6",
            Self::V7 => "v7",
            Self::V8 => "v8",
        };
        f.write_str(text)
    }
}

/// A password that never prints (stand-in for `api::Secret`).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_string())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}
