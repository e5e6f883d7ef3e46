//! Probing a server before login: its certificate and the API versions it serves.

use vbo_restore::api::probe::{peek_certificate, served_versions};
use vbo_restore::api::{ApiError, ApiVersion, Trust};
use vbo_restore::emulator::{Emulator, EmulatorConfig};

async fn emulator(versions: &[&str]) -> Emulator {
    let config = EmulatorConfig {
        versions: versions.iter().map(|v| v.to_string()).collect(),
        ..EmulatorConfig::default()
    };
    Emulator::start(config).await.expect("emulator starts")
}

fn pinned(emulator: &Emulator) -> Trust {
    Trust {
        fingerprint: Some(emulator.fingerprint()),
        ..Trust::default()
    }
}

#[tokio::test]
async fn the_presented_certificate_is_read_without_trusting_it() {
    let server = emulator(&["v8"]).await;
    let seen = peek_certificate(&server.url())
        .await
        .expect("a certificate");
    assert_eq!(seen.to_string(), server.fingerprint());
}

#[tokio::test]
async fn only_the_versions_served_are_reported() {
    let server = emulator(&["v5", "v7"]).await;
    let served = served_versions(&server.url(), &pinned(&server))
        .await
        .expect("probes");
    assert_eq!(served, vec![ApiVersion::V5, ApiVersion::V7]);

    let all = emulator(&["v4", "v5", "v6", "v7", "v8"]).await;
    let served = served_versions(&all.url(), &pinned(&all))
        .await
        .expect("probes");
    assert_eq!(served, ApiVersion::ALL.to_vec());
}

#[tokio::test]
async fn a_server_that_is_down_is_a_connect_error() {
    let server = emulator(&["v8"]).await;
    let url = server.url();
    server.shutdown().await;
    match peek_certificate(&url).await {
        Err(ApiError::Connect { server, .. }) => assert_eq!(server, url),
        other => panic!("expected a connect error, got {other:?}"),
    }
}
