//! What the server answers, read as tolerantly as a real client must.
//!
//! Ids stay strings (a OneDrive id is two GUIDs joined), unknown fields are ignored, optional
//! fields may be missing or `null`, enum values are read in any case, and dates are accepted
//! with or without an offset and with up to seven fractional digits.

use std::collections::HashMap;
use std::fmt;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

/// A HAL link: `{"href": "..."}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Link {
    #[serde(default, deserialize_with = "or_default")]
    pub href: String,
}

/// The `_links` map every resource carries.
pub type Links = HashMap<String, Link>;

/// One page of a listing: `{offset, limit, results, _links}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    #[serde(default, deserialize_with = "or_default")]
    pub offset: u64,
    #[serde(default, deserialize_with = "or_default")]
    pub limit: u64,
    #[serde(default)]
    pub total_count: Option<u64>,
    #[serde(default = "Vec::new", deserialize_with = "or_default")]
    pub results: Vec<T>,
    #[serde(default, rename = "_links", deserialize_with = "or_default")]
    pub links: Links,
}

/// A backed-up organization that a restore session can be started for.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: String,
    #[serde(default, deserialize_with = "or_default")]
    pub name: String,
    #[serde(default)]
    pub office_name: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "lenient_date")]
    pub first_backuptime: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient_date")]
    pub last_backuptime: Option<DateTime<Utc>>,
    #[serde(default, rename = "_links", deserialize_with = "or_default")]
    pub links: Links,
}

/// A restore session: an explored point in time of one organization.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreSession {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(rename = "type", default, deserialize_with = "or_default")]
    pub kind: CaseInsensitive,
    #[serde(default, deserialize_with = "lenient_date")]
    pub creation_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient_date")]
    pub end_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "or_default")]
    pub state: CaseInsensitive,
    #[serde(default, deserialize_with = "or_default")]
    pub result: CaseInsensitive,
    #[serde(default)]
    pub initiated_by: Option<String>,
    #[serde(default)]
    pub details: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default, rename = "_links", deserialize_with = "or_default")]
    pub links: Links,
}

impl RestoreSession {
    /// Whether the server still lets the session be browsed.
    pub fn is_working(&self) -> bool {
        self.state.is("working")
    }
}

/// One event of a restore session.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreSessionEvent {
    #[serde(default, deserialize_with = "or_default")]
    pub id: String,
    #[serde(rename = "type", default, deserialize_with = "or_default")]
    pub kind: CaseInsensitive,
    #[serde(default, deserialize_with = "or_default")]
    pub status: CaseInsensitive,
    #[serde(default)]
    pub item_name: Option<String>,
    #[serde(default)]
    pub item_size_bytes: Option<u64>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default, deserialize_with = "lenient_date")]
    pub start_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient_date")]
    pub end_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub duration: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub order: Option<i64>,
}

/// A user's backed-up OneDrive inside a restore session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OneDrive {
    pub id: String,
    #[serde(default, deserialize_with = "or_default")]
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default, rename = "_links", deserialize_with = "or_default")]
    pub links: Links,
}

/// A folder or a document in a OneDrive. Folders have no size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub id: String,
    #[serde(default, deserialize_with = "or_default")]
    pub name: String,
    #[serde(default)]
    pub size_bytes: Option<u64>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub version_id: Option<i64>,
    #[serde(default)]
    pub created_by: Option<String>,
    #[serde(default, deserialize_with = "lenient_date")]
    pub creation_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub modified_by: Option<String>,
    #[serde(default, deserialize_with = "lenient_date")]
    pub modification_time: Option<DateTime<Utc>>,
    /// Sent by v7 and later; earlier versions tell folders apart by the listing they came from.
    #[serde(default)]
    pub is_folder: Option<bool>,
    #[serde(default)]
    pub one_drive_id: Option<String>,
    #[serde(default, rename = "_links", deserialize_with = "or_default")]
    pub links: Links,
}

impl Item {
    pub fn is_folder(&self) -> bool {
        self.is_folder.unwrap_or(false)
    }
}

/// What a restore or copy did, as v4-v7 answer it and as v8's statistics are mapped to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreStats {
    #[serde(default, deserialize_with = "or_default")]
    pub total_items_count: u64,
    #[serde(default, deserialize_with = "or_default")]
    pub restored_items_count: u64,
    #[serde(default, deserialize_with = "or_default")]
    pub failed_items_count: u64,
    #[serde(default, deserialize_with = "or_default")]
    pub skipped_items_by_error_count: u64,
    #[serde(default, deserialize_with = "or_default")]
    pub skipped_items_by_no_changes_count: u64,
}

/// A Microsoft device code that the server hands out for a restore.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceCode {
    pub user_code: String,
    #[serde(default, deserialize_with = "or_default")]
    pub verification_url: String,
    /// Seconds from the moment it was issued.
    #[serde(default, deserialize_with = "or_default")]
    pub expires_in: u64,
    #[serde(default)]
    pub message: Option<String>,
}

/// SMTP settings the server uses to send documents by email.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailSettings {
    #[serde(default)]
    pub enable_notification: Option<bool>,
    #[serde(default, alias = "smtpServer")]
    pub server: Option<String>,
    #[serde(default)]
    pub port: Option<u16>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub use_authentication: Option<bool>,
    #[serde(default, rename = "useSSL")]
    pub use_ssl: Option<bool>,
    #[serde(default)]
    pub username: Option<String>,
}

/// An enum value the server sends in PascalCase, compared without regard to case.
///
/// Kept as text so that a value a newer server adds never fails a listing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CaseInsensitive(pub String);

impl CaseInsensitive {
    pub fn is(&self, value: &str) -> bool {
        self.0.eq_ignore_ascii_case(value)
    }
}

impl fmt::Display for CaseInsensitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads a missing or `null` value as the type's default: a .NET server sends `null` for what
/// it has no value for, even where this model keeps a plain value.
pub(super) fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Reads a date with or without an offset; a missing, `null` or unreadable one becomes `None`.
fn lenient_date<'de, D>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error>
where
    D: Deserializer<'de>,
{
    let text: Option<String> = Option::deserialize(deserializer)?;
    Ok(text.as_deref().and_then(parse_date))
}

/// Parses the date forms VB365 servers send: RFC 3339, or a local time with no offset (read as
/// UTC), with up to seven fractional digits.
pub fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Some(date.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|naive| naive.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_with_seven_digits_and_no_offset_parse() {
        let with_z = parse_date("2017-06-29T08:30:05.0983973Z").expect("with Z");
        let bare = parse_date("2017-06-29T08:30:05.0983973").expect("without offset");
        assert_eq!(with_z, bare);
        assert_eq!(with_z.timestamp(), 1_498_725_005);
        assert!(parse_date("yesterday").is_none());
    }

    #[test]
    fn a_document_with_unknown_fields_and_nulls_reads() {
        let json = r#"{"id":"a-b","name":"x.docx","sizeBytes":5,"version":null,
            "modificationTime":"2024-05-01T10:00:00+02:00","somethingNew":[1,2]}"#;
        let item: Item = serde_json::from_str(json).expect("tolerant");
        assert_eq!(item.size_bytes, Some(5));
        assert!(!item.is_folder());
        assert_eq!(
            item.modification_time.map(|d| d.timestamp()),
            Some(1_714_550_400)
        );
    }

    #[test]
    fn enum_values_compare_in_any_case() {
        let session: RestoreSession =
            serde_json::from_str(r#"{"id":"1","type":"veod","state":"WORKING"}"#).expect("reads");
        assert!(session.is_working());
        assert!(session.kind.is("Veod"));
    }
}
