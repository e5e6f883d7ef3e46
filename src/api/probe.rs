//! Looking at a server before logging in: its certificate and the API versions it serves.
//!
//! `vbo-restore doctor` uses these to explain a failed connection: whether the server answers
//! at all, which certificate it shows, and which of v4 to v8 it offers.

use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use rustls::pki_types::ServerName;
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

use super::error::ApiError;
use super::transport::{Patience, Transport};
use super::trust::{Fingerprint, Trust, observing_setup};
use super::version::ApiVersion;

/// How long a probe waits for the server before calling it unreachable.
const PROBE_TIMEOUT_SECS: u64 = 10;

/// The certificate a server presents, whether or not anything trusts it.
pub async fn peek_certificate(url: &str) -> Result<Fingerprint, ApiError> {
    let parsed = url::Url::parse(url)
        .map_err(|error| ApiError::Usage(format!("server URL {url:?} is not a URL: {error}")))?;
    let host = parsed
        .host_str()
        .ok_or_else(|| ApiError::Usage(format!("server URL {url:?} names no host")))?
        .trim_matches(['[', ']'])
        .to_string();
    let port = parsed.port_or_known_default().unwrap_or(443);
    let unreachable = |reason: String| ApiError::Connect {
        server: url.to_string(),
        reason,
    };
    let timeout = Duration::from_secs(PROBE_TIMEOUT_SECS);
    let tcp = tokio::time::timeout(timeout, TcpStream::connect((host.as_str(), port)))
        .await
        .map_err(|_| unreachable(format!("no answer within {PROBE_TIMEOUT_SECS} s")))?
        .map_err(|error| unreachable(error.to_string()))?;
    let setup = observing_setup(url)?;
    let name = ServerName::try_from(host.clone())
        .map_err(|_| ApiError::Usage(format!("{host:?} is not a host name")))?;
    let handshake = TlsConnector::from(Arc::new(setup.config)).connect(name, tcp);
    let _ = tokio::time::timeout(timeout, handshake).await;
    let seen = setup
        .rejections
        .lock()
        .ok()
        .and_then(|slot| slot.as_ref().and_then(|seen| seen.fingerprint));
    seen.ok_or_else(|| unreachable("it did not present a TLS certificate".to_string()))
}

/// The versions of v4 to v8 that answer an anonymous request as a served version does (401
/// or 403 for a missing token, or 200), rather than with 404.
pub async fn served_versions(url: &str, trust: &Trust) -> Result<Vec<ApiVersion>, ApiError> {
    let timeout = Duration::from_secs(PROBE_TIMEOUT_SECS);
    let transport = Transport::new(url.trim_end_matches('/'), trust, timeout, timeout)?;
    let mut served = Vec::new();
    for version in ApiVersion::ALL {
        let path = format!("/{version}/RestoreSessions");
        let request = transport.request(Method::GET, &path, Patience::Normal);
        let answer = transport
            .send(request, &Method::GET, &path, Patience::Normal)
            .await?;
        let status = answer.status();
        if status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED {
            served.push(version);
        }
    }
    Ok(served)
}
