//! The streamed body of a save, read chunk by chunk so that memory stays flat.

use std::time::Duration;

use bytes::Bytes;
use reqwest::Response;

use super::error::ApiError;
use super::transport::chain;

/// A save's answer, still on the wire: its length if the server sent one, and whether it is
/// a ZIP.
pub struct SaveBody {
    pub content_length: Option<u64>,
    pub is_zip: bool,
    response: Response,
    method: String,
    path: String,
    read_timeout: Duration,
}

impl SaveBody {
    pub(super) fn new(
        response: Response,
        is_zip: bool,
        method: String,
        path: String,
        read_timeout: Duration,
    ) -> Self {
        Self {
            content_length: response.content_length(),
            is_zip,
            response,
            method,
            path,
            read_timeout,
        }
    }

    /// A body made from a stream of chunks, as a test or an adapter would have it; the
    /// request is named `what` in errors.
    pub fn from_chunks<S>(chunks: S, content_length: Option<u64>, is_zip: bool, what: &str) -> Self
    where
        S: futures::Stream<Item = Result<Bytes, std::io::Error>> + Send + Sync + 'static,
    {
        let response = http::Response::new(reqwest::Body::wrap_stream(chunks));
        let mut body = Self::new(
            Response::from(response),
            is_zip,
            "POST".into(),
            what.to_string(),
            Duration::from_secs(super::client::SAVE_READ_TIMEOUT_SECS),
        );
        body.content_length = content_length;
        body
    }

    /// The next piece of the body, or `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, ApiError> {
        self.response.chunk().await.map_err(|error| {
            if error.is_timeout() {
                ApiError::Timeout {
                    method: self.method.clone(),
                    path: self.path.clone(),
                    after: self.read_timeout,
                }
            } else {
                ApiError::Transfer {
                    method: self.method.clone(),
                    path: self.path.clone(),
                    reason: chain(&error),
                }
            }
        })
    }

    /// The request the body answers, as `POST /v8/...`, for messages.
    pub fn request(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

impl std::fmt::Debug for SaveBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SaveBody")
            .field("request", &self.request())
            .field("content_length", &self.content_length)
            .field("is_zip", &self.is_zip)
            .finish()
    }
}
