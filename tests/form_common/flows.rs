//! An emulator, a client logged in on one version, a restore session and the task runner:
//! the set-up of the form's flows over real HTTPS.

use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::KeyCode;
use serde_json::{Value, json};
use vbo_restore::api::model::{Item, OneDrive};
use vbo_restore::api::{Client, ConnectOptions, ExploreOptions, Secret, Trust};
use vbo_restore::emulator::{Emulator, EmulatorConfig};
use vbo_restore::form::{
    ActionForm, ActionKind, ApiVersion, FieldId, FormContext, FormItem, FormOutcome, FormPresets,
    FormSubmission,
};
use vbo_restore::tasks::{Runner, RunnerSettings, Task};

use super::{fill, press, review};

/// A running emulator, a client logged in on one version, a session to act in, and the
/// runner the console hands submissions to.
pub struct Setup {
    pub emulator: Emulator,
    pub client: Client,
    pub runner: Runner,
    pub session: String,
    pub drives: Vec<OneDrive>,
    pub documents: Vec<Item>,
}

pub async fn setup(version: ApiVersion) -> Setup {
    setup_with(version, Duration::ZERO).await
}

/// As [`setup`], with device codes counting as signed in only `approval` after issue.
pub async fn setup_with(version: ApiVersion, approval: Duration) -> Setup {
    let config = EmulatorConfig {
        device_code_approval: approval,
        async_restore_duration: Duration::ZERO,
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::start(config).await.expect("the emulator starts");
    let mut options = ConnectOptions::new(&emulator.url(), "helpdesk", Secret::from("demo"));
    options.api = Some(version);
    options.trust = Trust {
        fingerprint: Some(emulator.fingerprint()),
        ..Trust::default()
    };
    let client = Client::connect(options).await.expect("the client logs in");
    let organizations = client.organizations().await.expect("organizations");
    let organization = &organizations.first().expect("an organization").id;
    let session = client
        .explore(organization, &ExploreOptions::default())
        .await
        .expect("a restore session")
        .id;
    let drives = client.onedrives(&session).await.expect("OneDrives");
    let root = client
        .items(&session, &drives[0].id, None)
        .collect_all()
        .await
        .expect("the root of the first OneDrive");
    let documents: Vec<Item> = root.into_iter().filter(|item| !item.is_folder()).collect();
    assert!(
        documents.len() >= 2,
        "the demo OneDrive has documents at its root"
    );
    Setup {
        emulator,
        client,
        runner: Runner::start(RunnerSettings::default()),
        session,
        drives,
        documents,
    }
}

impl Setup {
    /// The form over the first two documents of the first OneDrive.
    pub fn form(&self, version: ApiVersion, action: ActionKind) -> ActionForm {
        ActionForm::new(self.context(version, action))
    }

    pub fn context(&self, version: ApiVersion, action: ActionKind) -> FormContext {
        FormContext {
            session: self.session.clone(),
            onedrive: self.drives[0].clone(),
            point_in_time: None,
            items: self.documents[..2]
                .iter()
                .map(FormItem::from_item)
                .collect(),
            onedrives: self.drives.clone(),
            api_version: version,
            has_email_settings: true,
            presets: FormPresets {
                restore_user: Some("admin@contoso.onmicrosoft.com".to_string()),
                download_dir: Some(PathBuf::from("/tmp/vbo-form-flows")),
                ..FormPresets::default()
            },
            initial_action: action,
        }
    }

    /// Runs what the form submitted, as the runner would, and returns the bodies received.
    /// Hands what the form submitted to the runner, as the console does, and returns the
    /// bodies the emulator received, or the first task's reason for failing.
    pub async fn run(&self, submission: &FormSubmission) -> Result<Vec<Value>, String> {
        let before = self.emulator.received().len();
        for task in self.run_tasks(submission).await {
            if let Some(failure) = task.failure {
                return Err(failure.reason);
            }
        }
        Ok(self.received_since(before))
    }

    /// Submits every task of a submission to the runner and waits for each to end.
    pub async fn run_tasks(&self, submission: &FormSubmission) -> Vec<Task> {
        let mut ended = Vec::new();
        for request in submission.tasks() {
            let id = self.runner.submit_request(&self.client, request);
            ended.push(self.runner.wait(id).await.expect("the task ends"));
        }
        ended
    }

    pub fn received_since(&self, before: usize) -> Vec<Value> {
        self.emulator.received()[before..]
            .iter()
            .filter(|received| received.method == "POST" && !received.path.contains("Device"))
            .map(|received| received.body.clone())
            .collect()
    }

    pub fn ids(&self) -> Value {
        json!([{ "id": self.documents[0].id }, { "id": self.documents[1].id }])
    }
}

pub fn submitted(outcome: FormOutcome) -> FormSubmission {
    match outcome {
        FormOutcome::Submit(submission) => *submission,
        other => panic!("expected a submission, got {other:?}"),
    }
}

pub fn password_restore(form: &mut ActionForm, password: &str) -> FormSubmission {
    fill(form, FieldId::Password, password);
    review(form);
    submitted(press(form, KeyCode::Enter))
}
