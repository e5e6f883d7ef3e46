//! Refusals as the server words them: `{"message"}`, plus `errorCode` and `stackTrace` on
//! the versions that have them.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::tenant::names::{LONE_SURROGATE_ESCAPE, LONE_SURROGATE_MARKER};
use super::version::Version;

/// A refusal raised by a handler; the version layer turns it into that version's JSON.
#[derive(Debug, Clone)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
    /// The v8 `errorCode` value, if any.
    pub code: Option<&'static str>,
}

impl Failure {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
            code: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Failure {
        Failure {
            code: Some("ParameterValidationFailure"),
            ..Failure::new(StatusCode::BAD_REQUEST, message)
        }
    }

    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure {
            code: Some("ResourceNotFound"),
            ..Failure::new(StatusCode::NOT_FOUND, message)
        }
    }

    pub fn unauthorized(message: impl Into<String>) -> Failure {
        Failure {
            code: Some("ResourceAccessDenied"),
            ..Failure::new(StatusCode::UNAUTHORIZED, message)
        }
    }

    pub fn internal(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    /// The JSON body this refusal has on `version`.
    pub fn body(&self, version: Version) -> Value {
        let wire = version.wire();
        let mut body = json!({ "message": self.message });
        if wire.stack_trace {
            body["errorCode"] = json!(self.code.unwrap_or("HttpError"));
        } else if wire.error_code && self.code == Some("ProxyOffline") {
            // v7 knows no other code; its answers leave the property out otherwise.
            body["errorCode"] = json!("ProxyOffline");
        }
        if wire.stack_trace {
            body["stackTrace"] = Value::Null;
        }
        body
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let status = self.status;
        let mut response = (status, Body::empty()).into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// Renders handler refusals, and axum's bare 404/405/415 answers, in `version`'s words.
pub async fn render(State(version): State<Version>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let failure = match response.extensions().get::<Failure>() {
        Some(failure) => failure.clone(),
        None => match bare_refusal(&response) {
            Some(failure) => failure,
            None => return response,
        },
    };
    json_response(failure.status, &failure.body(version))
}

fn bare_refusal(response: &Response) -> Option<Failure> {
    let status = response.status();
    let has_type = response.headers().contains_key(header::CONTENT_TYPE);
    if !(status.is_client_error() || status.is_server_error()) || has_type {
        return None;
    }
    let message = match status {
        StatusCode::NOT_FOUND => "The requested resource was not found.".to_string(),
        StatusCode::METHOD_NOT_ALLOWED => {
            "The requested resource does not support this HTTP method.".to_string()
        }
        other => format!("The request failed with status {}.", other.as_u16()),
    };
    let mut failure = Failure::new(status, message);
    if status == StatusCode::NOT_FOUND {
        failure.code = Some("ResourceNotFound");
    }
    Some(failure)
}

/// A JSON answer with the given status.
pub fn json_response(status: StatusCode, value: &Value) -> Response {
    let mut text = value.to_string();
    // serde_json writes the marker as it is; on the wire it becomes the lone surrogate escape
    // that no Rust string can carry.
    if text.contains(LONE_SURROGATE_MARKER) {
        text = text.replace(LONE_SURROGATE_MARKER, LONE_SURROGATE_ESCAPE);
    }
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        text,
    )
        .into_response()
}
