//! Shared set-up of the runner tests: an emulator on port 0, the real client over HTTPS with
//! the emulator's certificate pinned, a restore session and the OneDrives the tests use.

#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use vbo_restore::api::model::OneDrive;
use vbo_restore::api::{
    ActionTarget, ApiVersion, Client, ConnectOptions, ExploreOptions, ItemRef, Scope, Secret,
};
use vbo_restore::audit::AuditLog;
use vbo_restore::emulator::{Emulator, EmulatorConfig, tenant};
use vbo_restore::tasks::{Board, Runner, RunnerSettings, TaskRequest};

/// Passwords the tests give the emulator, distinct enough to grep the audit log for.
pub const API_PASSWORD: &str = "Api-Pw-7c41e9";
pub const RESTORE_PASSWORD: &str = "Restore-Pw-2f8d0b";

pub struct World {
    pub emulator: Emulator,
    pub client: Client,
    pub session: String,
    /// Nestor Wilke's OneDrive, with the 2 GiB document.
    pub big: OneDrive,
    /// Adele Vance's OneDrive, with the Documents tree and Welcome.docx.
    pub first: OneDrive,
}

pub fn emulator_config() -> EmulatorConfig {
    EmulatorConfig {
        api_password: API_PASSWORD.to_string(),
        restore_password: RESTORE_PASSWORD.to_string(),
        ..EmulatorConfig::default()
    }
}

pub async fn world(config: EmulatorConfig, api: Option<ApiVersion>) -> World {
    let user = config.api_user.clone();
    let emulator = Emulator::start(config).await.expect("emulator starts");
    let mut options = ConnectOptions::new(&emulator.url(), &user, Secret::new(API_PASSWORD));
    options.api = api;
    options.trust.fingerprint = Some(emulator.fingerprint());
    let client = Client::connect(options).await.expect("client logs in");
    let session = client
        .explore(&tenant::organization_id(), &ExploreOptions::default())
        .await
        .expect("explore")
        .id;
    let onedrives = client.onedrives(&session).await.expect("onedrives");
    let find = |id: String| {
        onedrives
            .iter()
            .find(|onedrive| onedrive.id == id)
            .cloned()
            .expect("a known OneDrive")
    };
    let big = find(tenant::big_onedrive_id());
    let first = find(tenant::first_onedrive_id());
    World {
        emulator,
        client,
        session,
        big,
        first,
    }
}

pub fn runner(max: usize, audit: Option<&Path>) -> Runner {
    Runner::start(RunnerSettings {
        max_parallel_tasks: max,
        audit: audit.map(|path| Arc::new(AuditLog::new(path))),
    })
}

impl World {
    pub fn document(&self, onedrive: &OneDrive, id: String, name: &str) -> ActionTarget {
        ActionTarget {
            session: self.session.clone(),
            onedrive: onedrive.clone(),
            scope: Scope::Document {
                item: ItemRef {
                    id,
                    name: name.to_string(),
                },
                version_id: None,
            },
        }
    }

    pub fn large_document(&self) -> ActionTarget {
        self.document(
            &self.big,
            tenant::large_document_id(),
            tenant::LARGE_DOCUMENT_NAME,
        )
    }

    pub fn welcome(&self) -> ActionTarget {
        self.document(&self.first, tenant::versioned_document_id(), "Welcome.docx")
    }

    pub fn documents_folder(&self) -> ActionTarget {
        ActionTarget {
            session: self.session.clone(),
            onedrive: self.first.clone(),
            scope: Scope::Folder(ItemRef {
                id: tenant::documents_folder_id(),
                name: "Documents".to_string(),
            }),
        }
    }

    pub fn save(&self, target: ActionTarget, folder: &Path) -> TaskRequest {
        TaskRequest::Save {
            target,
            as_zip: false,
            folder: folder.to_path_buf(),
        }
    }
}

/// Waits (at most a minute) until the board satisfies `what`.
pub async fn until(runner: &Runner, what: impl Fn(&Board) -> bool) {
    let mut watch = runner.watch();
    let reached = tokio::time::timeout(Duration::from_secs(60), async {
        while !what(&watch.borrow_and_update()) {
            watch.changed().await.expect("runner alive");
        }
    });
    reached
        .await
        .expect("the board reached the expected state in time");
}

/// The names of the files in `dir`.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}
