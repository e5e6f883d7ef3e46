//! An emulator, a client logged in on one version, and a restore session: the set-up of the
//! form's flows over real HTTPS.

use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::KeyCode;
use serde_json::{Value, json};
use vbo_restore::api::model::{Item, OneDrive};
use vbo_restore::api::{Client, ConnectOptions, ExploreOptions, Secret, Trust};
use vbo_restore::emulator::{Emulator, EmulatorConfig};

use super::{fill, press, review};
use vbo_restore::form::{
    ActionForm, ActionKind, ApiVersion, FieldId, FormContext, FormItem, FormOutcome, FormPresets,
    FormSubmission, FormTask, refusal_text,
};

/// A running emulator, a client logged in on one version, and a session to act in.
pub struct Setup {
    pub emulator: Emulator,
    pub client: Client,
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
    pub async fn run(&self, submission: &FormSubmission) -> Result<Vec<Value>, String> {
        let before = self.emulator.received().len();
        for task in submission.tasks() {
            let FormTask::Action { target, action } = task else {
                panic!("an action task");
            };
            self.client
                .run_action(&target, &action, &mut |_| {})
                .await
                .map_err(|error| refusal_text(&error))?;
        }
        Ok(self.received_since(before))
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
