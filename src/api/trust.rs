//! TLS trust: the system's roots, an extra CA file, a pinned certificate, or no checks at all.
//!
//! Whatever the mode, a rejected certificate's SHA-256 fingerprint is remembered so that the
//! error can show it together with the config line that would pin it.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use base64::Engine;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, SignatureScheme};
use sha2::{Digest, Sha256};

use super::error::ApiError;

/// How the server's certificate is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trust {
    /// A PEM file of CA certificates trusted in addition to the system's.
    pub ca_file: Option<PathBuf>,
    /// `SHA256:<hex or base64>`: accept exactly this certificate, self-signed or not.
    pub fingerprint: Option<String>,
    /// Accept any certificate (a warning is logged every time).
    pub insecure: bool,
}

/// The SHA-256 digest of a DER certificate.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint(pub [u8; 32]);

impl Fingerprint {
    pub fn of(certificate_der: &[u8]) -> Self {
        Self(Sha256::digest(certificate_der).into())
    }

    /// The profile line that pins this certificate.
    pub fn pin_hint(&self) -> String {
        format!("fingerprint = \"{self}\"")
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SHA256:{}", hex::encode(self.0))
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Fingerprint {
    type Err = ApiError;

    /// Reads `SHA256:` followed by 64 hex digits (colons allowed) or by unpadded or padded
    /// base64, as `ssh-keygen` and browsers print them.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || {
            ApiError::Usage(format!(
                "fingerprint {text:?} is not SHA256:<64 hex digits> or SHA256:<base64>"
            ))
        };
        let text = text.trim();
        let (prefix, value) = text.split_once(':').ok_or_else(bad)?;
        if !prefix.eq_ignore_ascii_case("sha256") {
            return Err(bad());
        }
        let hex_digits: String = value.chars().filter(|c| *c != ':').collect();
        let bytes = match hex::decode(&hex_digits) {
            Ok(bytes) => bytes,
            Err(_) => decode_base64(value).ok_or_else(bad)?,
        };
        let digest: [u8; 32] = bytes.try_into().map_err(|_| bad())?;
        Ok(Self(digest))
    }
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let trimmed = text.trim_end_matches('=');
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(trimmed)
        .ok()
}

/// The certificate that the last failed handshake presented, and why it was refused.
#[derive(Debug, Clone)]
pub struct Rejection {
    pub fingerprint: Option<Fingerprint>,
    pub reason: String,
}

/// Where verifiers leave the last rejection for the client to report.
pub type RejectionSlot = Arc<Mutex<Option<Rejection>>>;

/// A rustls client configuration for one `Trust`, and the slot its verifier reports into.
pub struct TlsSetup {
    pub config: ClientConfig,
    pub rejections: RejectionSlot,
}

/// Builds the TLS configuration `trust` asks for, for connections to `server`.
pub fn tls_setup(trust: &Trust, server: &str) -> Result<TlsSetup, ApiError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mode = choose_mode(trust, server, &provider)?;
    setup_with(mode, server, provider)
}

/// A configuration that accepts any certificate without a warning, only to read it: the
/// presented certificate's fingerprint lands in the slot. For probes that send nothing over
/// the connection.
pub fn observing_setup(server: &str) -> Result<TlsSetup, ApiError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    setup_with(Mode::Observe, server, provider)
}

fn setup_with(
    mode: Mode,
    server: &str,
    provider: Arc<CryptoProvider>,
) -> Result<TlsSetup, ApiError> {
    let rejections = RejectionSlot::default();
    let verifier = Arc::new(TrustVerifier {
        mode,
        server: server.to_string(),
        algorithms: provider.signature_verification_algorithms,
        rejections: rejections.clone(),
    });
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| ApiError::Usage(format!("TLS setup failed: {error}")))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsSetup { config, rejections })
}

fn choose_mode(
    trust: &Trust,
    server: &str,
    provider: &Arc<CryptoProvider>,
) -> Result<Mode, ApiError> {
    let chosen = [
        trust.ca_file.is_some(),
        trust.fingerprint.is_some(),
        trust.insecure,
    ];
    if chosen.iter().filter(|set| **set).count() > 1 {
        return Err(ApiError::Usage(
            "choose one of ca_file, fingerprint and insecure for a server, not several".into(),
        ));
    }
    if trust.insecure {
        tracing::warn!(server, "TLS certificate checks are OFF (insecure = true)");
        return Ok(Mode::Insecure);
    }
    if let Some(text) = &trust.fingerprint {
        return Ok(Mode::Pinned(text.parse()?));
    }
    let extra_roots = match &trust.ca_file {
        Some(path) => read_ca_file(path)?,
        None => Vec::new(),
    };
    let system =
        rustls_platform_verifier::Verifier::new_with_extra_roots(extra_roots, provider.clone());
    match system {
        Ok(verifier) => Ok(Mode::Verified(Some(verifier))),
        Err(error) => {
            tracing::warn!(%error, "no system CA certificates; only a pin or a CA file can work");
            Ok(Mode::Verified(None))
        }
    }
}

fn read_ca_file(path: &PathBuf) -> Result<Vec<CertificateDer<'static>>, ApiError> {
    let io_error = |source| ApiError::Io {
        what: "the CA file".into(),
        path: path.clone(),
        source,
    };
    let bytes = std::fs::read(path).map_err(io_error)?;
    let certificates: Vec<_> = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<_, _>>()
        .map_err(|error| {
            io_error(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                error.to_string(),
            ))
        })?;
    if certificates.is_empty() {
        return Err(io_error(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "no PEM certificate in it",
        )));
    }
    Ok(certificates)
}

enum Mode {
    /// The system's roots plus any CA file; `None` when the system has no roots at all.
    Verified(Option<rustls_platform_verifier::Verifier>),
    Pinned(Fingerprint),
    Insecure,
    /// Accept, and note the certificate in the slot: see [`observing_setup`].
    Observe,
}

struct TrustVerifier {
    mode: Mode,
    server: String,
    algorithms: WebPkiSupportedAlgorithms,
    rejections: RejectionSlot,
}

impl fmt::Debug for TrustVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TrustVerifier")
            .field("server", &self.server)
            .finish()
    }
}

impl TrustVerifier {
    fn reject(&self, end_entity: &CertificateDer<'_>, reason: String) {
        let rejection = Rejection {
            fingerprint: Some(Fingerprint::of(end_entity)),
            reason,
        };
        if let Ok(mut slot) = self.rejections.lock() {
            *slot = Some(rejection);
        }
    }
}

impl ServerCertVerifier for TrustVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match &self.mode {
            Mode::Observe => {
                self.reject(end_entity, "observed by a probe".into());
                Ok(ServerCertVerified::assertion())
            }
            Mode::Insecure => {
                tracing::warn!(server = %self.server, "accepting the server's certificate unchecked");
                Ok(ServerCertVerified::assertion())
            }
            Mode::Pinned(pin) => {
                let presented = Fingerprint::of(end_entity);
                if presented == *pin {
                    return Ok(ServerCertVerified::assertion());
                }
                self.reject(end_entity, format!("it does not match the pinned {pin}"));
                Err(CertificateError::ApplicationVerificationFailure.into())
            }
            Mode::Verified(None) => {
                self.reject(end_entity, "this system has no CA certificates".into());
                Err(CertificateError::UnknownIssuer.into())
            }
            Mode::Verified(Some(system)) => system
                .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
                .inspect_err(|error| self.reject(end_entity, error.to_string())),
        }
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

/// Takes the last rejection out of the slot, as the `Tls` error it explains.
pub fn take_rejection(slot: &RejectionSlot, server: &str) -> Option<ApiError> {
    let rejection = slot.lock().ok()?.take()?;
    Some(ApiError::Tls {
        server: server.to_string(),
        reason: rejection.reason,
        fingerprint: rejection.fingerprint.map(|fp| fp.to_string()),
        pin_hint: rejection.fingerprint.map(|fp| fp.pin_hint()),
    })
}

#[cfg(test)]
#[path = "trust_tests.rs"]
mod tests;
