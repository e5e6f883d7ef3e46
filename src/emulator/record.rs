//! What the emulator remembers for tests: every action request, the mails it sent and
//! the writes that restores and copies made to the (pretend) production OneDrives.

use std::collections::HashSet;
use std::fmt;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::body::OriginalPath;
use super::failure::Failure;
use super::state::{Ctx, lock};

/// One request that asked for a change: method, path as sent, version and JSON body.
#[derive(Clone, PartialEq)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub version: String,
    /// The body as sent (key casing kept); `Null` when empty, a string when not JSON.
    pub body: Value,
}

impl fmt::Debug for Received {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Received")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("version", &self.version)
            .field("body", &redacted(&self.body))
            .finish()
    }
}

fn redacted(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let secret = ["password", "certificate"]
                        .iter()
                        .any(|s| k.to_lowercase().contains(s));
                    let v = if secret {
                        Value::from("***")
                    } else {
                        redacted(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redacted).collect()),
        other => other.clone(),
    }
}

/// A mail that a send action sent.
#[derive(Debug, Clone, PartialEq)]
pub struct SentMail {
    pub version: String,
    pub from: String,
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
    /// Names of the attached documents.
    pub attachments: Vec<String>,
}

/// One change a restore or copy made to a production OneDrive.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductionWrite {
    pub onedrive_id: String,
    /// Names from the OneDrive's root, joined by '/'.
    pub path: String,
    pub kind: WriteKind,
    pub document_id: Option<String>,
}

/// What a production write was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteKind {
    /// A document restored to its original place (overwrite, or `RESTORED-` on keep).
    Restored,
    /// A document copied into another place.
    Copied,
    /// A folder a copy had to create.
    FolderCreated,
}

/// The three logs.
#[derive(Debug, Default)]
pub struct Record {
    pub received: Vec<Received>,
    pub mails: Vec<SentMail>,
    pub writes: Vec<ProductionWrite>,
    pub created_folders: HashSet<(String, String)>,
}

/// Records every API request that is not a GET and not a token grant (which carries the
/// API password), then passes it on unchanged.
pub async fn requests(State(ctx): State<Ctx>, request: Request, next: Next) -> Response {
    let lowered = request.uri().path().to_string();
    if request.method() == Method::GET || lowered.ends_with("/token") {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, 16 * 1024 * 1024).await {
        Ok(bytes) => bytes,
        Err(e) => {
            return Failure::bad_request(format!("The request body cannot be read: {e}"))
                .into_response();
        }
    };
    let path = parts
        .extensions
        .get::<OriginalPath>()
        .map_or(lowered, |p| p.0.clone());
    let body_value = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    lock(&ctx.shared.record).received.push(Received {
        method: parts.method.to_string(),
        path,
        version: ctx.version.to_string(),
        body: body_value,
    });
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
