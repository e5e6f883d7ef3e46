//! Saves and email settings from the action form against the emulator, on v4 and v8: the
//! file lands under the name the form showed, and the settings arrive with PUT.

mod form_common;

use crossterm::event::KeyCode;
use form_common::flows::{Setup, setup, submitted};
use form_common::*;
use serde_json::json;
use vbo_restore::form::{ActionForm, ActionKind, ApiVersion, FieldId, FormOutcome, FormRequest};
use vbo_restore::tasks::TaskResult;

/// Hands the form's save to the runner (which names the file) and returns the names of the
/// files that landed and the names the form showed.
async fn save(setup: &Setup, version: ApiVersion, documents: usize) -> (Vec<String>, Vec<String>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut context = setup.context(version, ActionKind::Save);
    context.items.truncate(documents);
    let mut form = ActionForm::new(context);
    fill(
        &mut form,
        FieldId::SaveFolder,
        &dir.path().display().to_string(),
    );
    review(&mut form);
    let submission = submitted(press(&mut form, KeyCode::Enter));
    let FormRequest::Save { file_names, .. } = &submission.request else {
        panic!("a save");
    };
    let mut landed = Vec::new();
    for task in setup.run_tasks(&submission).await {
        let Some(TaskResult::Saved { path, bytes }) = task.result else {
            panic!("a saved file: {task:?}");
        };
        assert!(bytes > 0);
        assert_eq!(path.parent(), Some(dir.path()));
        let name = path.file_name().expect("a file name");
        landed.push(name.to_string_lossy().into_owned());
    }
    (landed, file_names.clone())
}

#[tokio::test]
async fn a_save_lands_under_the_name_the_form_showed_on_v4_and_v8() {
    for version in [ApiVersion::V4, ApiVersion::V8] {
        let setup = setup(version).await;
        let (landed, shown) = save(&setup, version, 1).await;
        assert_eq!(landed, shown, "{version}: one document keeps its own name");

        let (landed, shown) = save(&setup, version, 2).await;
        assert_eq!(shown, vec!["documents-<date>-<time>.zip"]);
        let [name] = landed.as_slice() else {
            panic!("one ZIP: {landed:?}");
        };
        assert!(
            name.starts_with("documents-") && name.ends_with(".zip"),
            "{name}"
        );
    }
}

#[tokio::test]
async fn email_settings_from_the_form_are_saved_with_put_on_v4_and_v8() {
    for version in [ApiVersion::V4, ApiVersion::V8] {
        let setup = setup(version).await;
        let mut context = setup.context(version, ActionKind::Send);
        context.has_email_settings = false;
        let mut form = ActionForm::new(context);
        focus(&mut form, FieldId::EmailSetup);
        press(&mut form, KeyCode::Enter);
        type_text(&mut form, "smtp.contoso.com");
        for (tabs, text) in [
            (2, "backup@contoso.com"),
            (3, "backup@contoso.com"),
            (1, "smtp-pw"),
        ] {
            for _ in 0..tabs {
                press(&mut form, KeyCode::Tab);
            }
            type_text(&mut form, text);
        }
        press(&mut form, KeyCode::Tab);
        let FormOutcome::SaveEmailSettings(saved) = press(&mut form, KeyCode::Enter) else {
            panic!("the settings are submitted");
        };
        let before = setup.emulator.received().len();
        setup
            .client
            .put_email_settings(&saved.settings, saved.password.as_ref())
            .await
            .expect("the settings are saved");
        form.email_settings_saved();
        let put = &setup.emulator.received()[before..];
        assert_eq!(put.len(), 1, "{version}");
        assert_eq!(put[0].method, "PUT");
        assert_eq!(
            put[0].body,
            json!({
                "enableNotification": true,
                "server": "smtp.contoso.com",
                "port": 587,
                "from": "backup@contoso.com",
                "useSSL": true,
                "useAuthentication": true,
                "username": "backup@contoso.com",
                "userPassword": "smtp-pw",
            }),
            "{version}"
        );
        let read_back = setup.client.email_settings().await.expect("settings");
        assert_eq!(
            read_back.and_then(|settings| settings.server).as_deref(),
            Some("smtp.contoso.com")
        );
        assert!(!form.is_locked());
    }
}
