//! The client when things go wrong: tokens that expire in the middle of a listing or a save,
//! certificates that are or are not pinned, and every fault the emulator can inject, each
//! giving the right error and leaving no file behind.

mod client_support;
use client_support as support;

use std::time::Duration;

use futures::StreamExt;
use tokio_util::sync::CancellationToken;

use vbo_restore::api::{ActionTarget, ApiError, ApiVersion, Client, ItemRef, Scope, Trust};
use vbo_restore::emulator::{EmulatorConfig, Fault, FaultKind, tenant};
use vbo_restore::save::{SaveError, SavedFile, save_target};

const TWO_SECONDS: Duration = Duration::from_secs(2);

async fn document_target(client: &Client, session: &str, path: &str) -> ActionTarget {
    let onedrive = support::onedrive(client, session, &tenant::first_onedrive_id()).await;
    let item = client
        .resolve_item(session, &onedrive.id, path)
        .await
        .expect("the document");
    ActionTarget {
        session: session.to_string(),
        onedrive,
        scope: Scope::Document {
            item: ItemRef {
                id: item.id,
                name: item.name,
            },
            version_id: None,
        },
    }
}

async fn save_into(
    client: &Client,
    target: &ActionTarget,
    dir: &std::path::Path,
) -> Result<SavedFile, SaveError> {
    save_target(
        client,
        target,
        false,
        dir,
        None,
        &mut |_| {},
        &CancellationToken::new(),
    )
    .await
}

#[tokio::test]
async fn a_listing_carries_on_across_token_expiry_and_a_401() {
    for version in [ApiVersion::V4, ApiVersion::V8] {
        let emulator = support::start(EmulatorConfig {
            token_ttl: TWO_SECONDS,
            ..support::config()
        })
        .await;
        let mut options = support::options(&emulator, Some(version));
        options.page_size = 2;
        let client = Client::connect(options).await.expect("login");
        let session = support::explore(&client).await;
        let folder = tenant::documents_folder_id();
        let mut pages = client.items(&session.id, &tenant::first_onedrive_id(), Some(&folder));
        let first = pages.next().await.expect("a page").expect("page one");
        assert_eq!(first.len(), 2);
        tokio::time::sleep(TWO_SECONDS + Duration::from_millis(200)).await;
        let second = pages
            .next()
            .await
            .expect("a page")
            .expect("page two after expiry");
        assert!(!second.is_empty());
        emulator.expire_tokens();
        let third = pages
            .next()
            .await
            .expect("a page")
            .expect("page three after a 401");
        assert!(!third.is_empty());
        assert!(pages.all(|page| async move { page.is_ok() }).await);
    }
}

#[tokio::test]
async fn a_save_carries_on_across_token_expiry() {
    let emulator = support::start(EmulatorConfig {
        token_ttl: TWO_SECONDS,
        save_delay: Duration::from_millis(2500),
        ..support::config()
    })
    .await;
    let client = support::connect(&emulator, Some(ApiVersion::V7)).await;
    let session = support::explore(&client).await;
    let target = document_target(&client, &session.id, "Welcome.docx").await;
    let dir = tempfile::tempdir().expect("tempdir");
    // The token runs out while the server is still building the file.
    let saved = save_into(&client, &target, dir.path())
        .await
        .expect("saved");
    assert!(saved.bytes > 0);
    emulator.expire_tokens();
    let again = save_into(&client, &target, dir.path())
        .await
        .expect("saved after a 401");
    assert!(
        again.path.ends_with("Welcome (1).docx"),
        "{}",
        again.path.display()
    );
}

#[tokio::test]
async fn a_refused_refresh_logs_in_again_or_reports_the_expired_login() {
    let emulator = support::start(support::config()).await;
    let client = support::connect(&emulator, Some(ApiVersion::V8)).await;
    emulator.set_faults(vec![Fault::new(FaultKind::RefuseRefresh)]);
    emulator.expire_tokens();
    let sessions = client.restore_sessions().await;
    assert!(
        sessions.is_ok(),
        "logged in again with the password: {:?}",
        sessions.err()
    );

    client.forget_password();
    emulator.expire_tokens();
    let error = client
        .restore_sessions()
        .await
        .expect_err("no way to log in again");
    assert!(matches!(error, ApiError::LoginExpired { .. }), "{error}");
    assert_eq!(error.exit_code(), 3);
}

#[tokio::test]
async fn a_matching_pin_is_trusted_another_is_refused_with_the_line_that_pins() {
    let emulator = support::start(support::config()).await;
    support::connect(&emulator, None).await;

    let mut wrong = support::options(&emulator, None);
    wrong.trust.fingerprint = Some(format!("SHA256:{}", "ab".repeat(32)));
    let error = Client::connect(wrong).await.err().expect("a wrong pin");
    let ApiError::Tls {
        fingerprint,
        pin_hint,
        ..
    } = &error
    else {
        panic!("not a TLS error: {error}");
    };
    assert_eq!(
        fingerprint.as_deref(),
        Some(emulator.fingerprint().as_str())
    );
    let line = format!("fingerprint = \"{}\"", emulator.fingerprint());
    assert_eq!(pin_hint.as_deref(), Some(line.as_str()));
    assert!(error.to_string().contains(&line), "{error}");
    assert_eq!(error.exit_code(), 3);

    let mut unpinned = support::options(&emulator, None);
    unpinned.trust = Trust::default();
    let error = Client::connect(unpinned)
        .await
        .err()
        .expect("a self-signed certificate");
    assert!(
        error.to_string().contains(&emulator.fingerprint()),
        "{error}"
    );

    let mut insecure = support::options(&emulator, None);
    insecure.trust = Trust {
        insecure: true,
        ..Trust::default()
    };
    let client = Client::connect(insecure)
        .await
        .expect("insecure accepts it");
    assert_eq!(client.version(), ApiVersion::V8);
}

/// Runs a save with `fault` in force; the error must fit and the folder must stay empty.
async fn failed_save(
    version: ApiVersion,
    fault: Fault,
    read_timeout: Option<Duration>,
) -> SaveError {
    let emulator = support::start(support::config()).await;
    let mut options = support::options(&emulator, Some(version));
    if let Some(timeout) = read_timeout {
        options.save_read_timeout = timeout;
        options.read_timeout = timeout;
    }
    let client = Client::connect(options).await.expect("login");
    let session = support::explore(&client).await;
    let target = document_target(&client, &session.id, "Welcome.docx").await;
    let dir = tempfile::tempdir().expect("tempdir");
    emulator.set_faults(vec![fault]);
    let error = save_into(&client, &target, dir.path())
        .await
        .expect_err("the fault shows");
    assert!(
        support::files_in(dir.path()).is_empty(),
        "left behind: {:?}",
        support::files_in(dir.path())
    );
    error
}

#[tokio::test]
async fn every_fault_on_a_save_gives_its_error_and_leaves_no_file() {
    for version in [ApiVersion::V5, ApiVersion::V8] {
        let save = "*/documents/*";
        let error = failed_save(version, Fault::new(FaultKind::Status(503)).on(save), None).await;
        let SaveError::Api(ApiError::Server {
            status,
            message,
            method,
            ..
        }) = &error
        else {
            panic!("{version}: {error}");
        };
        assert_eq!((*status, method.as_str()), (503, "POST"));
        assert!(message.contains("Injected"), "{message}");

        let error = failed_save(version, Fault::new(FaultKind::Html).on(save), None).await;
        let SaveError::Api(ApiError::NotJson {
            status,
            first_bytes,
            ..
        }) = &error
        else {
            panic!("{version}: {error}");
        };
        assert_eq!(*status, 502);
        assert!(first_bytes.starts_with("<!DOCTYPE html>"), "{first_bytes}");

        let error = failed_save(
            version,
            Fault::new(FaultKind::ResetAfter(1000)).on(save),
            None,
        )
        .await;
        assert!(
            matches!(
                error,
                SaveError::Api(ApiError::Transfer { .. }) | SaveError::Incomplete { .. }
            ),
            "{version}: {error}"
        );

        let delay = Fault::new(FaultKind::Delay(Duration::from_secs(3))).on(save);
        let error = failed_save(version, delay, Some(Duration::from_millis(500))).await;
        assert!(
            matches!(error, SaveError::Api(ApiError::Timeout { .. })),
            "{version}: {error}"
        );
    }
}

#[tokio::test]
async fn every_fault_on_a_listing_gives_its_error() {
    let emulator = support::start(support::config()).await;
    for version in [ApiVersion::V4, ApiVersion::V7, ApiVersion::V8] {
        let client = support::connect(&emulator, Some(version)).await;
        let session = support::explore(&client).await;
        let drive = tenant::first_onedrive_id();
        let listing = || client.items(&session.id, &drive, None).collect_all();

        emulator.set_faults(vec![
            Fault::new(FaultKind::Status(500)).on("*/folders").times(1),
        ]);
        let error = listing().await.expect_err("500");
        let ApiError::Server {
            status,
            method,
            path,
            error_code,
            ..
        } = &error
        else {
            panic!("{version}: {error}");
        };
        assert_eq!((*status, method.as_str()), (500, "GET"));
        assert!(
            path.contains("/Folders") && path.contains("offset=0"),
            "{path}"
        );
        assert!(error_code.is_none() || version >= ApiVersion::V7);
        assert_eq!(error.exit_code(), 1);

        emulator.set_faults(vec![Fault::new(FaultKind::Html).on("*/folders").times(1)]);
        let error = listing().await.expect_err("a proxy page");
        assert!(
            matches!(error, ApiError::NotJson { status: 502, .. }),
            "{error}"
        );
        assert!(error.to_string().contains("502 Bad Gateway"), "{error}");

        emulator.set_faults(vec![
            Fault::new(FaultKind::MalformedJson)
                .on("*/folders")
                .times(1),
        ]);
        let error = listing().await.expect_err("half a page");
        assert!(
            matches!(error, ApiError::NotJson { status: 200, .. }),
            "{error}"
        );

        emulator.set_faults(vec![
            Fault::new(FaultKind::Status(404)).on("*/restoresessions/*"),
        ]);
        let error = client.restore_session(&session.id).await.expect_err("404");
        assert_eq!(error.status(), Some(404));
        emulator.clear_faults();
    }
}

#[tokio::test]
async fn a_server_that_went_away_is_a_connect_error() {
    let emulator = support::start(support::config()).await;
    let client = support::connect(&emulator, Some(ApiVersion::V6)).await;
    emulator.stop_serving();
    let error = client.organizations().await.expect_err("nobody listens");
    assert!(
        matches!(error, ApiError::Connect { .. } | ApiError::Transfer { .. }),
        "{error}"
    );
    emulator.resume().await.expect("resume");
    assert!(
        client.organizations().await.is_ok(),
        "works again once the server is back"
    );
}

#[tokio::test]
async fn an_unusable_destination_is_refused_before_the_request() {
    let emulator = support::start(support::config()).await;
    let client = support::connect(&emulator, Some(ApiVersion::V8)).await;
    let session = support::explore(&client).await;
    let target = document_target(&client, &session.id, "Welcome.docx").await;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a file");
    std::fs::write(&file, b"").expect("write");
    let before = emulator.received().len();
    let error = save_into(&client, &target, &file.join("below"))
        .await
        .expect_err("not a folder");
    assert!(matches!(error, SaveError::Destination { .. }), "{error}");
    assert_eq!(error.exit_code(), 2);
    assert_eq!(emulator.received().len(), before, "no save was requested");
}
