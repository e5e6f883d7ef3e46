//! From key presses to the exact request the client sends: the form's submission is mapped
//! to the client's `DocumentAction` and built by the v4 and v8 dialects.

mod form_common;

use base64::Engine;
use crossterm::event::KeyCode;
use form_common::*;
use serde_json::{Value, json};
use vbo_restore::api::dialect::Dialect;
use vbo_restore::api::{
    ConflictPolicy, DocumentAction, ItemRef, LastVersionAction, RestoreAuth, Scope, VersionChoice,
};
use vbo_restore::form::{
    ActionForm, ActionKind, ApiVersion, AuthMode, FieldId, FormOutcome, FormRequest,
    FormSubmission, TaskRequest,
};

const SESSION: &str = "5b7e0f6a-restore-session";
const DRIVE: &str = "adelev-0000-drive";

fn submitted(outcome: FormOutcome) -> FormSubmission {
    match outcome {
        FormOutcome::Submit(submission) => *submission,
        other => panic!("expected a submission, got {other:?}"),
    }
}

fn choose_action(form: &mut ActionForm, action: ActionKind) {
    focus(form, FieldId::Action);
    while form.action() != action {
        press(form, KeyCode::Right);
    }
}

fn choose_auth(form: &mut ActionForm, mode: AuthMode) {
    focus(form, FieldId::Auth);
    let steps = match mode {
        AuthMode::Password => 0,
        AuthMode::DeviceCode => 1,
        AuthMode::Certificate => 2,
    };
    for _ in 0..steps {
        press(form, KeyCode::Right);
    }
}

/// The one request a single-target submission becomes on `version`: its path and body.
fn wire(submission: &FormSubmission, version: ApiVersion) -> (String, Value) {
    let tasks = submission.tasks();
    let [TaskRequest::Action { target, action }] = tasks.as_slice() else {
        panic!("one action task: {tasks:?}");
    };
    let request = Dialect::new(version, "emulator")
        .action(target, action)
        .expect("the dialect builds it");
    (request.path, request.body.unwrap_or(Value::Null))
}

fn password_restore(version: ApiVersion) -> FormSubmission {
    let mut form = ActionForm::new(context(version, ActionKind::Restore));
    fill(&mut form, FieldId::User, "admin@contoso.onmicrosoft.com");
    fill(&mut form, FieldId::Password, "restore");
    review(&mut form);
    submitted(press(&mut form, KeyCode::Enter))
}

fn two_documents() -> Value {
    json!([{ "id": "doc-1" }, { "id": "doc-2" }])
}

#[test]
fn a_password_restore_maps_to_the_client_action() {
    let submission = password_restore(ApiVersion::V8);
    let action = submission.action().expect("an action");
    let DocumentAction::RestoreToOriginal {
        version,
        on_conflict,
        auth,
    } = action
    else {
        panic!("a restore: {action:?}");
    };
    assert_eq!(
        (version, on_conflict),
        (VersionChoice::Last, ConflictPolicy::Keep)
    );
    let RestoreAuth::Password { user, password } = auth else {
        panic!("password auth");
    };
    assert_eq!(user, "admin@contoso.onmicrosoft.com");
    assert_eq!(password.expose(), "restore");
    let targets = submission.targets();
    assert_eq!(targets.len(), 1);
    assert_eq!(targets[0].session, SESSION);
    assert_eq!(targets[0].onedrive.id, DRIVE);
    let ids: Vec<&str> = match &targets[0].scope {
        Scope::Documents(items) => items.iter().map(|item| item.id.as_str()).collect(),
        other => panic!("two documents: {other:?}"),
    };
    assert_eq!(ids, vec!["doc-1", "doc-2"]);
}

#[test]
fn a_password_restore_on_v4_and_v8() {
    let (path, body) = wire(&password_restore(ApiVersion::V4), ApiVersion::V4);
    assert_eq!(
        path,
        format!("/v4/RestoreSessions/{SESSION}/Organization/OneDrives/{DRIVE}/Documents/Action")
    );
    assert_eq!(
        body,
        json!({ "restoretoOriginallocation": {
            "userName": "admin@contoso.onmicrosoft.com",
            "userPassword": "restore",
            "documentVersion": "last",
            "documentAction": "keep",
            "documents": two_documents(),
        }})
    );

    let (path, body) = wire(&password_restore(ApiVersion::V8), ApiVersion::V8);
    assert_eq!(
        path,
        format!("/v8/RestoreSessions/{SESSION}/Organization/OneDrives/{DRIVE}/Documents/restore")
    );
    assert_eq!(
        body,
        json!({
            "userName": "admin@contoso.onmicrosoft.com",
            "userPassword": "restore",
            "documentAction": "Keep",
            "documents": two_documents(),
        })
    );
}

fn device_code_restore(version: ApiVersion) -> FormSubmission {
    let mut form = ActionForm::new(context(version, ActionKind::Restore));
    choose_auth(&mut form, AuthMode::DeviceCode);
    fill(&mut form, FieldId::ApplicationId, APP_ID);
    focus(&mut form, FieldId::OnConflict);
    press(&mut form, KeyCode::Right);
    review(&mut form);
    press(&mut form, KeyCode::Enter);
    press(&mut form, KeyCode::Char('y'));
    let code = vbo_restore::api::model::DeviceCode {
        user_code: "CWE5QHLNM".to_string(),
        verification_url: "https://microsoft.com/devicelogin".to_string(),
        expires_in: 900,
        message: None,
    };
    form.set_device_code(code, std::time::Instant::now());
    submitted(press(&mut form, KeyCode::Enter))
}

#[test]
fn a_device_code_restore_with_overwrite_on_v4_and_v8() {
    let (_, body) = wire(&device_code_restore(ApiVersion::V4), ApiVersion::V4);
    assert_eq!(
        body,
        json!({ "restoretoOriginallocation": {
            "userCode": "CWE5QHLNM",
            "applicationId": APP_ID,
            "documentVersion": "last",
            "documentAction": "overwrite",
            "documents": two_documents(),
        }})
    );
    let (_, body) = wire(&device_code_restore(ApiVersion::V8), ApiVersion::V8);
    assert_eq!(
        body,
        json!({
            "userCode": "CWE5QHLNM",
            "applicationId": APP_ID,
            "documentAction": "Overwrite",
            "documents": two_documents(),
        })
    );
}

fn certificate_copy(version: ApiVersion, pfx: &std::path::Path) -> FormSubmission {
    let mut context = context(version, ActionKind::Restore);
    context.items.truncate(1);
    let mut form = ActionForm::new(context);
    choose_action(&mut form, ActionKind::Copy);
    focus(&mut form, FieldId::CopyTarget);
    type_text(&mut form, "megan");
    fill(&mut form, FieldId::CopyFolder, "Restored/From backup");
    focus(&mut form, FieldId::CopyVersion);
    press(&mut form, KeyCode::Right);
    if version >= ApiVersion::V8 {
        focus(&mut form, FieldId::ChangedItems);
        press(&mut form, KeyCode::Char(' '));
    }
    choose_auth(&mut form, AuthMode::Certificate);
    fill(&mut form, FieldId::ApplicationId, APP_ID);
    fill(&mut form, FieldId::Certificate, &pfx.display().to_string());
    fill(&mut form, FieldId::CertificatePassword, "pfx-pw");
    review(&mut form);
    submitted(press(&mut form, KeyCode::Enter))
}

#[test]
fn a_certificate_copy_of_one_document_on_v4_and_v8() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pfx = write_pfx(dir.path());
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(std::fs::read(&pfx).expect("pfx"));
    let megan = json!({
        "id": "meganb-0000-drive",
        "name": "Megan Bowen",
        "url": "https://contoso-my.sharepoint.com/personal/meganb",
        "_links": {},
    });

    let (path, body) = wire(&certificate_copy(ApiVersion::V4, &pfx), ApiVersion::V4);
    assert_eq!(
        path,
        format!(
            "/v4/RestoreSessions/{SESSION}/Organization/OneDrives/{DRIVE}/Documents/doc-1/Action"
        )
    );
    assert_eq!(
        body,
        json!({ "copyTo": {
            "applicationId": APP_ID,
            "applicationCertificate": encoded,
            "applicationCertificatePassword": "pfx-pw",
            "oneDrive": megan,
            "folder": "Restored/From backup",
            "documentVersion": "all",
            "documentLastVersionAction": "merge",
        }})
    );

    let (path, body) = wire(&certificate_copy(ApiVersion::V8, &pfx), ApiVersion::V8);
    assert_eq!(
        path,
        format!(
            "/v8/RestoreSessions/{SESSION}/Organization/OneDrives/{DRIVE}/Documents/doc-1/copyTo"
        )
    );
    assert_eq!(
        body,
        json!({
            "applicationId": APP_ID,
            "applicationCertificate": encoded,
            "applicationCertificatePassword": "pfx-pw",
            "onedrive": megan,
            "folder": "Restored/From backup",
            "documentVersion": "All",
            "documentLastVersionAction": "Merge",
            "changedItems": true,
            "deletedItems": false,
        })
    );
}

fn send(version: ApiVersion) -> FormSubmission {
    let mut form = ActionForm::new(context(version, ActionKind::Send));
    fill(&mut form, FieldId::From, "helpdesk@contoso.com");
    fill(
        &mut form,
        FieldId::To,
        "adele@contoso.com, megan@contoso.com",
    );
    fill(&mut form, FieldId::Subject, "Your files");
    fill(&mut form, FieldId::Text, "Hello");
    review(&mut form);
    submitted(press(&mut form, KeyCode::Enter))
}

#[test]
fn a_send_on_v4_and_v8() {
    let (path, body) = wire(&send(ApiVersion::V4), ApiVersion::V4);
    assert!(path.ends_with("/Documents/Action"), "{path}");
    assert_eq!(
        body,
        json!({ "sendTo": {
            "from": "helpdesk@contoso.com",
            "to": "adele@contoso.com,megan@contoso.com",
            "subject": "Your files",
            "text": "Hello",
            "documents": two_documents(),
        }})
    );
    let (path, body) = wire(&send(ApiVersion::V8), ApiVersion::V8);
    assert!(path.ends_with("/Documents/send"), "{path}");
    assert_eq!(
        body,
        json!({
            "from": "helpdesk@contoso.com",
            "to": "adele@contoso.com,megan@contoso.com",
            "subject": "Your files",
            "text": "Hello",
            "documents": two_documents(),
        })
    );
}

#[test]
fn a_set_of_folders_and_documents_becomes_two_tasks_folders_first() {
    let mut context = context(ApiVersion::V8, ActionKind::Save);
    context.items.push(folder("f-1", "Projects"));
    context.items.push(folder("f-2", "Photos"));
    let dir = tempfile::tempdir().expect("tempdir");
    context.presets.download_dir = Some(dir.path().to_path_buf());
    let mut form = ActionForm::new(context);
    review(&mut form);
    let submission = submitted(press(&mut form, KeyCode::Enter));
    let FormRequest::Save { file_names, .. } = &submission.request else {
        panic!("a save");
    };
    assert_eq!(
        file_names,
        &vec!["documents-<date>-<time>.zip", "documents-<date>-<time>.zip"]
    );
    let tasks = submission.tasks();
    let [
        TaskRequest::Save {
            target: folders,
            as_zip: true,
            ..
        },
        TaskRequest::Save {
            target: documents,
            as_zip: true,
            ..
        },
    ] = tasks.as_slice()
    else {
        panic!("two ZIP saves: {tasks:?}");
    };
    let item = |id: &str, name: &str| ItemRef {
        id: id.to_string(),
        name: name.to_string(),
    };
    assert_eq!(
        folders.scope,
        Scope::Folders(vec![item("f-1", "Projects"), item("f-2", "Photos")])
    );
    assert_eq!(
        documents.scope,
        Scope::Documents(vec![
            item("doc-1", "Budget 2026.xlsx"),
            item("doc-2", "Board minutes.docx")
        ])
    );
}

#[test]
fn one_earlier_version_keeps_its_version_id_and_last_version_merge_maps() {
    let mut context = context(ApiVersion::V8, ActionKind::Restore);
    context.items.truncate(1);
    context.items[0].version_id = Some(3);
    let mut form = ActionForm::new(context);
    choose_action(&mut form, ActionKind::Copy);
    focus(&mut form, FieldId::CopyTarget);
    type_text(&mut form, "lee");
    focus(&mut form, FieldId::LastVersion);
    press(&mut form, KeyCode::Right);
    fill(&mut form, FieldId::User, "admin@contoso.onmicrosoft.com");
    fill(&mut form, FieldId::Password, "restore");
    review(&mut form);
    let submission = submitted(press(&mut form, KeyCode::Enter));
    assert!(matches!(
        &submission.targets()[0].scope,
        Scope::Document { item, version_id: Some(3) } if item.id == "doc-1"
    ));
    assert!(matches!(
        submission.action(),
        Some(DocumentAction::CopyTo {
            last_version: LastVersionAction::Overwrite,
            ..
        })
    ));
    let (path, _) = wire(&submission, ApiVersion::V8);
    assert!(
        path.ends_with("/Documents/doc-1/Versions/3/copyTo"),
        "{path}"
    );
}
