//! Everything that differs between API versions, in one place.
//!
//! v4 and v5 name the action in the body: one `.../Action` path per scope and a wrapper key
//! (`restoretoOriginallocation`, `copyTo`, `sendTo`, `save`, `explore`, `stop`) with lower-case
//! enum values, as the founding v4 document shows. v6 to v8 have one path per action and flat
//! bodies with PascalCase enum values. v7 adds `disable_antiforgery_token` to the token form
//! and names the root folder `root` instead of `null`; v8 answers restores with a session to
//! follow. The rest of the client asks this module and never compares versions itself.

mod flat;
mod legacy;

use chrono::{DateTime, SecondsFormat, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use super::action::{ActionTarget, DocumentAction, Spelling};
use super::error::ApiError;
use super::version::ApiVersion;

/// The key and `{"id"}` objects of a set (`documents` or `folders`), if the scope is one.
pub(super) type IdList = Option<(&'static str, Value)>;

/// One request a dialect built: method, path under the server root, and JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: Method,
    pub path: String,
    pub body: Option<Value>,
}

/// A save request and whether its answer is a ZIP.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveRequest {
    pub request: Request,
    pub is_zip: bool,
}

/// How a version answers a restore or copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreAnswer {
    /// The statistics, once the restore has finished (v4 to v7).
    Stats,
    /// `{"sessionId"}` of a session to follow until it finishes (v8).
    FollowSession,
}

/// A password or refresh-token grant for the token endpoint.
pub enum Grant<'a> {
    Password { user: &'a str, password: &'a str },
    Refresh { token: &'a str },
}

/// The requests of one API version, for one server (named in refusals).
#[derive(Debug, Clone)]
pub struct Dialect {
    pub version: ApiVersion,
    pub server: String,
}

impl Dialect {
    pub fn new(version: ApiVersion, server: &str) -> Self {
        Self {
            version,
            server: server.to_string(),
        }
    }

    fn legacy(&self) -> bool {
        self.version <= ApiVersion::V5
    }

    pub(super) fn spelling(&self) -> Spelling {
        if self.legacy() {
            Spelling::Lower
        } else {
            Spelling::Pascal
        }
    }

    /// A path under the version root: `/v7` + `rest`.
    pub fn path(&self, rest: &str) -> String {
        format!("/{}{rest}", self.version)
    }

    fn post(&self, rest: &str, body: Option<Value>) -> Request {
        Request {
            method: Method::POST,
            path: self.path(rest),
            body,
        }
    }

    /// Refuses an option that arrived in `since`.
    pub fn needs(&self, what: &str, since: ApiVersion) -> Result<(), ApiError> {
        if self.version >= since {
            return Ok(());
        }
        Err(ApiError::Unsupported {
            what: what.to_string(),
            since,
            version: self.version,
            server: self.server.clone(),
        })
    }

    /// Refuses an option that was dropped after `until`.
    pub fn withdrawn(&self, what: &str, until: ApiVersion) -> Result<(), ApiError> {
        if self.version <= until {
            return Ok(());
        }
        Err(ApiError::Withdrawn {
            what: what.to_string(),
            until,
            version: self.version,
            server: self.server.clone(),
        })
    }

    /// The form fields of a token request.
    pub fn token_form(&self, grant: &Grant<'_>) -> Vec<(&'static str, String)> {
        let mut form = match grant {
            Grant::Password { user, password } => vec![
                ("grant_type", "password".to_string()),
                ("username", user.to_string()),
                ("password", password.to_string()),
            ],
            Grant::Refresh { token } => vec![
                ("grant_type", "refresh_token".to_string()),
                ("refresh_token", token.to_string()),
            ],
        };
        if self.version >= ApiVersion::V7 {
            form.push(("disable_antiforgery_token", "true".to_string()));
        }
        form
    }

    /// The `parentId` value that lists the root of a OneDrive.
    pub fn root_parent(&self) -> &'static str {
        if self.version >= ApiVersion::V7 {
            "root"
        } else {
            "null"
        }
    }

    /// Starts a restore session (explore) for an organization.
    pub fn explore(
        &self,
        organization: &str,
        at: Option<DateTime<Utc>>,
        show_deleted: bool,
        show_all_versions: bool,
    ) -> Request {
        let org = segment(organization);
        if self.legacy() {
            // LIMITATION: v4/v5 servers read `datetime` without an offset; it is sent in UTC,
            // which is off by the server's zone on servers that read it as local time.
            let mut explore = json!({
                "type": "veod",
                "showDeleted": show_deleted,
                "showAllVersions": show_all_versions,
            });
            if let Some(at) = at {
                explore["datetime"] = at.format("%Y-%m-%d %H:%M:%S").to_string().into();
            }
            return self.post(
                &format!("/Organizations/{org}/Action"),
                Some(json!({ "explore": explore })),
            );
        }
        let mut body = json!({
            "type": "Veod",
            "showDeleted": show_deleted,
            "showAllVersions": show_all_versions,
        });
        if let Some(at) = at {
            body["dateTime"] = at.to_rfc3339_opts(SecondsFormat::Secs, true).into();
        }
        self.post(&format!("/Organizations/{org}/explore"), Some(body))
    }

    /// Stops a restore session.
    pub fn stop_session(&self, session: &str) -> Request {
        let session = segment(session);
        if self.legacy() {
            self.post(
                &format!("/RestoreSessions/{session}/Action"),
                Some(json!({ "stop": null })),
            )
        } else {
            self.post(&format!("/RestoreSessions/{session}/Stop"), None)
        }
    }

    /// Asks Microsoft, through the server, for a device code for a restore.
    pub fn device_code(&self, session: &str, application_id: Option<&str>) -> Request {
        let body = match application_id {
            Some(id) => json!({ "targetApplicationId": id }),
            None => json!({}),
        };
        let session = segment(session);
        self.post(
            &format!("/RestoreSessions/{session}/organization/restoreDeviceCode"),
            Some(body),
        )
    }

    /// The email settings that OneDrive `send` uses.
    pub fn email_settings_path(&self) -> String {
        match self.version {
            // The founding v4 document sends OneDrive mail through the SharePoint explorer.
            ApiVersion::V4 => self.path("/VESPEmailSettings"),
            ApiVersion::V5 => self.path("/VEODEmailSettings"),
            _ => self.path("/VeodEmailSettings"),
        }
    }

    /// A restore, copy or send as this version's request.
    pub fn action(
        &self,
        target: &ActionTarget,
        action: &DocumentAction,
    ) -> Result<Request, ApiError> {
        if self.legacy() {
            legacy::action(self, target, action)
        } else {
            flat::action(self, target, action)
        }
    }

    /// A save (download) as this version's request.
    pub fn save(&self, target: &ActionTarget, as_zip: bool) -> Result<SaveRequest, ApiError> {
        if self.legacy() {
            legacy::save(self, target, as_zip)
        } else {
            flat::save(self, target, as_zip)
        }
    }

    pub fn restore_answer(&self) -> RestoreAnswer {
        if self.version >= ApiVersion::V8 {
            RestoreAnswer::FollowSession
        } else {
            RestoreAnswer::Stats
        }
    }
}

/// The path of a OneDrive inside a restore session.
pub fn onedrive_path(session: &str, onedrive: &str) -> String {
    format!(
        "/RestoreSessions/{}/Organization/OneDrives/{}",
        segment(session),
        segment(onedrive)
    )
}

/// Percent-encodes one path segment (ids are GUIDs, but nothing else may break a path).
pub fn segment(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "v4_document_tests.rs"]
mod v4_document_tests;
