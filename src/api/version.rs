//! The REST API versions a VB365 server can speak, v4 to v8.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

/// One REST API version; the version is the first segment of every path (`/v7/...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiVersion {
    V4,
    V5,
    V6,
    V7,
    V8,
}

impl ApiVersion {
    /// Every version this client speaks, oldest first.
    pub const ALL: [ApiVersion; 5] = [Self::V4, Self::V5, Self::V6, Self::V7, Self::V8];

    /// The order in which automatic detection tries versions: the newest first.
    pub fn newest_first() -> impl Iterator<Item = ApiVersion> {
        Self::ALL.into_iter().rev()
    }

    /// The path segment, such as `v7`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V4 => "v4",
            Self::V5 => "v5",
            Self::V6 => "v6",
            Self::V7 => "v7",
            Self::V8 => "v8",
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A version string that is not one of v4 to v8.
#[derive(Debug, Clone, Error)]
#[error("unknown API version {0:?}: expected auto or one of v4, v5, v6, v7, v8")]
pub struct UnknownVersion(pub String);

impl FromStr for ApiVersion {
    type Err = UnknownVersion;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|version| version.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| UnknownVersion(text.to_string()))
    }
}

/// Reads a configured `api` value: `auto` (or nothing) means detect, anything else must name
/// a version.
pub fn parse_api_setting(text: Option<&str>) -> Result<Option<ApiVersion>, UnknownVersion> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) if value.eq_ignore_ascii_case("auto") => Ok(None),
        Some(value) => value.parse().map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_in_any_case_and_print_lower() {
        assert_eq!("V7".parse::<ApiVersion>().ok(), Some(ApiVersion::V7));
        assert_eq!(" v4 ".parse::<ApiVersion>().ok(), Some(ApiVersion::V4));
        assert!("v9".parse::<ApiVersion>().is_err());
        assert_eq!(ApiVersion::V8.to_string(), "v8");
    }

    #[test]
    fn detection_order_is_newest_first_and_versions_compare() {
        let order: Vec<_> = ApiVersion::newest_first().collect();
        assert_eq!(order.first(), Some(&ApiVersion::V8));
        assert_eq!(order.last(), Some(&ApiVersion::V4));
        assert!(ApiVersion::V5 < ApiVersion::V6);
    }

    #[test]
    fn auto_means_detect() {
        assert_eq!(parse_api_setting(Some("Auto")).ok(), Some(None));
        assert_eq!(parse_api_setting(None).ok(), Some(None));
        assert_eq!(
            parse_api_setting(Some("v6")).ok(),
            Some(Some(ApiVersion::V6))
        );
        assert!(parse_api_setting(Some("latest")).is_err());
    }
}
