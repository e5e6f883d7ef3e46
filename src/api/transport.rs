//! HTTP plumbing: the two reqwest clients, sending, and reading answers into typed errors.

use std::time::{Duration, Instant};

use reqwest::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;

use super::error::{ApiError, first_bytes};
use super::surrogates::mend_lone_surrogates;
use super::trust::{RejectionSlot, Trust, take_rejection, tls_setup};

/// How much of an error body is read before giving up on the rest.
const ERROR_BODY_LIMIT_BYTES: usize = 64 * 1024;
const CONNECT_TIMEOUT_SECS: u64 = 15;

/// The connections to one server: a client with the normal read timeout for listings and
/// one with a long read timeout for saves and blocking restores.
pub struct Transport {
    root: String,
    quick: reqwest::Client,
    patient: reqwest::Client,
    rejections: RejectionSlot,
    read_timeout: Duration,
    long_read_timeout: Duration,
}

/// Which of the two clients a request goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Patience {
    Normal,
    Long,
}

impl Transport {
    pub fn new(
        root: &str,
        trust: &Trust,
        read_timeout: Duration,
        long_read_timeout: Duration,
    ) -> Result<Self, ApiError> {
        let tls = tls_setup(trust, root)?;
        let build = |timeout: Duration| {
            reqwest::Client::builder()
                .use_preconfigured_tls(tls.config.clone())
                .connect_timeout(Duration::from_secs(CONNECT_TIMEOUT_SECS))
                .read_timeout(timeout)
                .user_agent(concat!("vbo-restore/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|error| ApiError::Usage(format!("HTTP client setup failed: {error}")))
        };
        Ok(Self {
            root: root.to_string(),
            quick: build(read_timeout)?,
            patient: build(long_read_timeout)?,
            rejections: tls.rejections,
            read_timeout,
            long_read_timeout,
        })
    }

    pub fn root(&self) -> &str {
        &self.root
    }

    /// Starts a request to `path` (which begins with the version, `/v7/...`).
    pub fn request(&self, method: Method, path: &str, patience: Patience) -> RequestBuilder {
        let client = match patience {
            Patience::Normal => &self.quick,
            Patience::Long => &self.patient,
        };
        client.request(method, format!("{}{path}", self.root))
    }

    /// Sends a request; a failure to get any answer becomes a TLS, connect or timeout error.
    pub async fn send(
        &self,
        request: RequestBuilder,
        method: &Method,
        path: &str,
        patience: Patience,
    ) -> Result<Response, ApiError> {
        let started = Instant::now();
        match request.send().await {
            Ok(response) => {
                tracing::debug!(
                    %method, path, status = response.status().as_u16(),
                    elapsed_ms = started.elapsed().as_millis() as u64, "answered"
                );
                Ok(response)
            }
            Err(error) => {
                tracing::info!(%method, path, error = %chain(&error), "request failed");
                Err(self.send_error(&error, method, path, patience))
            }
        }
    }

    fn send_error(
        &self,
        error: &reqwest::Error,
        method: &Method,
        path: &str,
        patience: Patience,
    ) -> ApiError {
        if let Some(tls) = take_rejection(&self.rejections, &self.root) {
            return tls;
        }
        if error.is_timeout() {
            return ApiError::Timeout {
                method: method.to_string(),
                path: path.to_string(),
                after: self.timeout(patience),
            };
        }
        if error.is_connect() {
            return ApiError::Connect {
                server: self.root.clone(),
                reason: chain(error),
            };
        }
        ApiError::Transfer {
            method: method.to_string(),
            path: path.to_string(),
            reason: chain(error),
        }
    }

    pub fn timeout(&self, patience: Patience) -> Duration {
        match patience {
            Patience::Normal => self.read_timeout,
            Patience::Long => self.long_read_timeout,
        }
    }
}

/// An error and all its causes, joined: reqwest's own message alone rarely says why.
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = without_link(cause.to_string());
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// A cause without the manual link some TLS errors end with: it says nothing to the person
/// reading the message and pushes the rest of it off a console row.
fn without_link(mut text: String) -> String {
    if let Some(at) = text.find(": https://") {
        text.truncate(at);
    }
    text
}

/// Reads a whole body; if it breaks off, returns what arrived and why it stopped.
async fn read_body(response: &mut Response, limit: usize) -> (Vec<u8>, Option<String>) {
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                body.extend_from_slice(&chunk);
                if body.len() >= limit {
                    return (body, None);
                }
            }
            Ok(None) => return (body, None),
            Err(error) => return (body, Some(chain(&error))),
        }
    }
}

/// The server's error body, `{"message", "errorCode"}` or OAuth `{"error_description"}`.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ErrorBody {
    #[serde(default, alias = "Message")]
    message: Option<String>,
    #[serde(default, alias = "ErrorCode")]
    error_code: Option<String>,
    #[serde(default, rename = "error_description")]
    error_description: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

/// Turns an error answer into `Server` (or `NotJson` when the body is no error JSON).
pub async fn error_from(mut response: Response, method: &Method, path: &str) -> ApiError {
    let status = response.status().as_u16();
    let (mut body, broke_off) = read_body(&mut response, ERROR_BODY_LIMIT_BYTES).await;
    mend_lone_surrogates(&mut body);
    let parsed: Option<ErrorBody> = serde_json::from_slice(&body).ok();
    let message = parsed.as_ref().and_then(|body| {
        body.message
            .clone()
            .or_else(|| body.error_description.clone())
            .or_else(|| body.error.clone())
    });
    match (message, parsed) {
        (Some(message), Some(parsed)) => ApiError::Server {
            method: method.to_string(),
            path: path.to_string(),
            status,
            message,
            error_code: parsed.error_code,
        },
        _ if body.is_empty() && broke_off.is_none() => ApiError::Server {
            method: method.to_string(),
            path: path.to_string(),
            status,
            message: "no message".into(),
            error_code: None,
        },
        _ => ApiError::NotJson {
            method: method.to_string(),
            path: path.to_string(),
            status,
            reason: broke_off
                .map(|why| format!("the body broke off: {why}"))
                .unwrap_or_else(|| "no error message in it".into()),
            first_bytes: first_bytes(&body),
        },
    }
}

/// Reads a successful answer as JSON of type `T`.
pub async fn json_from<T: DeserializeOwned>(
    mut response: Response,
    method: &Method,
    path: &str,
) -> Result<T, ApiError> {
    let status = response.status().as_u16();
    let (mut body, broke_off) = read_body(&mut response, usize::MAX).await;
    let not_json = |reason: String, body: &[u8]| ApiError::NotJson {
        method: method.to_string(),
        path: path.to_string(),
        status,
        reason,
        first_bytes: first_bytes(body),
    };
    if let Some(why) = broke_off {
        return Err(not_json(format!("the body broke off: {why}"), &body));
    }
    decode(&mut body, path).map_err(|error| not_json(error.to_string(), &body))
}

/// Reads a whole answer body as `T`: a blank body reads as JSON `null`, and lone UTF-16
/// surrogates become U+FFFD (see [`mend_lone_surrogates`]).
pub fn decode<T: DeserializeOwned>(body: &mut [u8], path: &str) -> Result<T, serde_json::Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return serde_json::from_slice(b"null");
    }
    let mended = mend_lone_surrogates(body);
    if mended > 0 {
        tracing::info!(
            path,
            mended,
            "lone UTF-16 surrogates in the answer read as U+FFFD"
        );
    }
    serde_json::from_slice(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_loses_its_manual_link_but_keeps_its_words() {
        let text = "peer closed connection without sending TLS close_notify: \
                    https://docs.rs/rustls/latest/rustls/manual/_03_howto/index.html";
        assert_eq!(
            without_link(text.to_string()),
            "peer closed connection without sending TLS close_notify"
        );
        assert_eq!(without_link("connection reset".into()), "connection reset");
    }
}
