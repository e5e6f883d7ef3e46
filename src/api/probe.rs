//! Looking at a server before logging in: its certificate and the API versions it serves.
//!
//! `vbo-restore doctor` uses these to explain a failed connection: whether the server answers
//! at all, which certificate it shows, and which of v4 to v8 it offers.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::{Method, StatusCode};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

use super::error::ApiError;
use super::transport::{Patience, Transport};
use super::trust::{Fingerprint, Trust};
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
    let recorder = Arc::new(Recorder::default());
    let config = recording_config(recorder.clone())?;
    let name = ServerName::try_from(host.clone())
        .map_err(|_| ApiError::Usage(format!("{host:?} is not a host name")))?;
    let handshake = TlsConnector::from(Arc::new(config)).connect(name, tcp);
    let _ = tokio::time::timeout(timeout, handshake).await;
    let seen = recorder.seen.lock().ok().and_then(|slot| *slot);
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

#[derive(Debug, Default)]
struct Recorder {
    seen: Mutex<Option<Fingerprint>>,
}

fn recording_config(recorder: Arc<Recorder>) -> Result<ClientConfig, ApiError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Arc::new(RecordingVerifier {
        recorder,
        algorithms: provider.signature_verification_algorithms,
    });
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| ApiError::Usage(format!("TLS setup failed: {error}")))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(config)
}

/// Accepts any certificate but only to read it: the probe sends nothing over the connection.
#[derive(Debug)]
struct RecordingVerifier {
    recorder: Arc<Recorder>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for RecordingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Ok(mut slot) = self.recorder.seen.lock() {
            *slot = Some(Fingerprint::of(end_entity));
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}
