//! The emulator's TLS identity: a self-signed certificate made at start, as real servers
//! have, and its SHA-256 fingerprint for pinning.

use std::net::SocketAddr;
use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use sha2::{Digest, Sha256};

use super::error::EmulatorError;

/// A certificate, its key in a server configuration, and how to name it.
#[derive(Debug, Clone)]
pub struct Identity {
    pub config: Arc<ServerConfig>,
    pub pem: String,
    pub der: Vec<u8>,
    /// `SHA256:<64 lowercase hex>` of the certificate's DER.
    pub fingerprint: String,
}

/// Makes a certificate for localhost, the loopback addresses and the listen address.
pub fn identity(listen: SocketAddr) -> Result<Identity, EmulatorError> {
    let bad = |e: &dyn std::fmt::Display| EmulatorError::Certificate(e.to_string());
    let mut names = vec![
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        "::1".to_string(),
    ];
    let ip = listen.ip();
    if !ip.is_unspecified() && !names.contains(&ip.to_string()) {
        names.push(ip.to_string());
    }
    let made = rcgen::generate_simple_self_signed(names).map_err(|e| bad(&e))?;
    let der: CertificateDer<'static> = made.cert.der().clone();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.signing_key.serialize_der()));
    // AES-128-GCM first, whatever the client prefers: it is the cheapest suite to stream.
    let mut provider = rustls::crypto::ring::default_provider();
    provider
        .cipher_suites
        .sort_by_key(|suite| suite.suite() != rustls::CipherSuite::TLS13_AES_128_GCM_SHA256);
    let provider = Arc::new(provider);
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(&e))?
        .with_no_client_auth()
        .with_single_cert(vec![der.clone()], key)
        .map_err(|e| bad(&e))?;
    config.ignore_client_order = true;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Identity {
        config: Arc::new(config),
        pem: made.cert.pem(),
        der: der.as_ref().to_vec(),
        fingerprint: format!("SHA256:{}", hex::encode(Sha256::digest(der.as_ref()))),
    })
}
