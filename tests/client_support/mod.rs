//! Shared set-up of the client tests: an in-process emulator on port 0 and a client that
//! pins its certificate.

#![allow(dead_code)]

use std::time::Duration;

use vbo_restore::api::model::{OneDrive, RestoreSession};
use vbo_restore::api::{ApiVersion, Client, ConnectOptions, ExploreOptions, Secret, Trust};
use vbo_restore::emulator::{Emulator, EmulatorConfig};

/// The versions from v4 up to and including `highest`, as the emulator names them.
pub fn versions_up_to(highest: ApiVersion) -> Vec<String> {
    ApiVersion::ALL
        .into_iter()
        .filter(|version| *version <= highest)
        .map(|version| version.to_string())
        .collect()
}

/// An emulator config for tests: device codes approved at once.
pub fn config() -> EmulatorConfig {
    EmulatorConfig {
        device_code_approval: Duration::ZERO,
        ..EmulatorConfig::default()
    }
}

pub async fn start(config: EmulatorConfig) -> Emulator {
    Emulator::start(config).await.expect("the emulator starts")
}

/// Options for the emulator's demo login, with its certificate pinned.
pub fn options(emulator: &Emulator, api: Option<ApiVersion>) -> ConnectOptions {
    let mut options = ConnectOptions::new(&emulator.url(), "helpdesk", Secret::from("demo"));
    options.api = api;
    options.trust = Trust {
        fingerprint: Some(emulator.fingerprint()),
        ..Trust::default()
    };
    options
}

pub async fn connect(emulator: &Emulator, api: Option<ApiVersion>) -> Client {
    Client::connect(options(emulator, api))
        .await
        .expect("the client logs in")
}

/// A new restore session of the demo organization at its latest point.
pub async fn explore(client: &Client) -> RestoreSession {
    let organizations = client.organizations().await.expect("organizations");
    let organization = organizations.first().expect("one organization");
    client
        .explore(&organization.id, &ExploreOptions::default())
        .await
        .expect("a restore session")
}

/// The OneDrive with this id in a session.
pub async fn onedrive(client: &Client, session: &str, id: &str) -> OneDrive {
    client
        .resolve_onedrive(session, id)
        .await
        .expect("the OneDrive")
}

/// Names of the files in a folder, sorted.
pub fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Saves one listed document of `drive` as a plain file into `dir`, through the client's
/// save path, and answers where it landed.
pub async fn save_document(
    client: &Client,
    session: &str,
    drive: &OneDrive,
    item: &vbo_restore::api::model::Item,
    dir: &std::path::Path,
) -> Result<std::path::PathBuf, vbo_restore::save::SaveError> {
    let target = vbo_restore::api::ActionTarget {
        session: session.to_owned(),
        onedrive: drive.clone(),
        scope: vbo_restore::api::Scope::Document {
            item: vbo_restore::api::ItemRef {
                id: item.id.clone(),
                name: item.name.clone(),
            },
            version_id: None,
        },
    };
    let cancel = tokio_util::sync::CancellationToken::new();
    vbo_restore::save::save_target(client, &target, false, dir, None, &mut |_| {}, &cancel)
        .await
        .map(|saved| saved.path)
}
