//! Trust modes against a tiny HTTPS server with a certificate made for the test.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair, SanType};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;

/// A CA, and a server certificate for 127.0.0.1 that it signed.
struct Certificates {
    ca_pem: String,
    server_der: CertificateDer<'static>,
    server_key: PrivateKeyDer<'static>,
}

fn certificates() -> Certificates {
    let ca_key = KeyPair::generate().expect("ca key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("ca params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca_params.self_signed(&ca_key).expect("ca cert");
    let issuer = Issuer::new(ca_params, ca_key);
    let server_key = KeyPair::generate().expect("server key");
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    params.subject_alt_names = vec![SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST))];
    let server_cert = params.signed_by(&server_key, &issuer).expect("server cert");
    Certificates {
        ca_pem: ca_cert.pem(),
        server_der: server_cert.der().clone(),
        server_key: PrivatePkcs8KeyDer::from(server_key.serialize_der()).into(),
    }
}

/// Serves `ok` to every HTTPS request until the test ends.
async fn serve(certificates: &Certificates) -> SocketAddr {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![certificates.server_der.clone()],
            certificates.server_key.clone_key(),
        )
        .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut request = [0u8; 4096];
                let _ = tls.read(&mut request).await;
                let answer = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok";
                let _ = tls.write_all(answer.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    address
}

/// GETs the server with `trust`; answers the body, or the error the client would report.
async fn fetch(address: SocketAddr, trust: &Trust) -> Result<String, ApiError> {
    let url = format!("https://{address}");
    let setup = tls_setup(trust, &url)?;
    let client = reqwest::Client::builder()
        .use_preconfigured_tls(setup.config)
        .build()
        .expect("client");
    match client.get(&url).send().await {
        Ok(response) => Ok(response.text().await.expect("body")),
        Err(error) => Err(
            take_rejection(&setup.rejections, &url).unwrap_or(ApiError::Connect {
                server: url,
                reason: error.to_string(),
            }),
        ),
    }
}

#[tokio::test]
async fn a_matching_pin_is_accepted_and_another_is_refused_with_the_real_fingerprint() {
    let certificates = certificates();
    let address = serve(&certificates).await;
    let real = Fingerprint::of(&certificates.server_der);
    let pinned = Trust {
        fingerprint: Some(real.to_string()),
        ..Trust::default()
    };
    assert_eq!(fetch(address, &pinned).await.expect("pinned"), "ok");

    let wrong = Trust {
        fingerprint: Some(format!("SHA256:{}", "00".repeat(32))),
        ..Trust::default()
    };
    let error = fetch(address, &wrong).await.expect_err("wrong pin");
    let ApiError::Tls {
        fingerprint,
        pin_hint,
        ..
    } = &error
    else {
        panic!("not a TLS error: {error}");
    };
    assert_eq!(fingerprint.as_deref(), Some(real.to_string().as_str()));
    assert_eq!(
        pin_hint.as_deref(),
        Some(format!("fingerprint = \"{real}\"").as_str())
    );
    assert!(error.to_string().contains(&real.to_string()), "{error}");
}

#[tokio::test]
async fn an_unknown_ca_is_refused_by_default_and_trusted_through_a_ca_file() {
    let certificates = certificates();
    let address = serve(&certificates).await;
    let error = fetch(address, &Trust::default())
        .await
        .expect_err("unknown CA");
    assert!(
        error
            .to_string()
            .contains(&Fingerprint::of(&certificates.server_der).to_string()),
        "{error}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, &certificates.ca_pem).expect("write");
    let trusted = Trust {
        ca_file: Some(ca_file),
        ..Trust::default()
    };
    assert_eq!(fetch(address, &trusted).await.expect("CA trusted"), "ok");
}

#[tokio::test]
async fn insecure_accepts_anything() {
    let certificates = certificates();
    let address = serve(&certificates).await;
    let insecure = Trust {
        insecure: true,
        ..Trust::default()
    };
    assert_eq!(fetch(address, &insecure).await.expect("insecure"), "ok");
}

#[test]
fn fingerprints_read_as_hex_with_or_without_colons_and_as_base64() {
    let digest = [0xabu8; 32];
    let hex_form = format!("SHA256:{}", hex::encode(digest));
    let colons = format!("sha256:{}", vec!["AB"; 32].join(":"));
    let base64_form = format!(
        "SHA256:{}",
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(digest)
    );
    for text in [&hex_form, &colons, &base64_form] {
        let parsed: Fingerprint = text.parse().expect("parses");
        assert_eq!(parsed.0, digest, "{text}");
    }
    assert_eq!(
        hex_form.parse::<Fingerprint>().expect("hex").to_string(),
        hex_form
    );
    assert!("MD5:abcd".parse::<Fingerprint>().is_err());
    assert!("SHA256:abcd".parse::<Fingerprint>().is_err());
}

#[test]
fn a_missing_ca_file_names_its_path_and_modes_do_not_mix() {
    let missing = Trust {
        ca_file: Some("/nonexistent/ca.pem".into()),
        ..Trust::default()
    };
    let error = tls_setup(&missing, "https://vbo")
        .err()
        .expect("missing file");
    assert!(error.to_string().contains("/nonexistent/ca.pem"), "{error}");
    let mixed = Trust {
        fingerprint: Some(format!("SHA256:{}", "00".repeat(32))),
        insecure: true,
        ..Trust::default()
    };
    assert!(matches!(
        tls_setup(&mixed, "https://vbo"),
        Err(ApiError::Usage(_))
    ));
}
