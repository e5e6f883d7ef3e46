//! The action form inside the console, from browsing keys to a finished task: each action
//! with each auth mode that applies, on v4 and on v8, checked against the exact body the
//! emulator received (or the file a save wrote).

mod console_actions_support;

use std::time::Duration;

use base64::Engine;
use console_actions_support::{Console, RESTORE_USER};
use crossterm::event::KeyCode;
use serde_json::{Map, Value, json};
use vbo_restore::api::ApiVersion;
use vbo_restore::emulator::tenant;
use vbo_restore::form::{ActionKind, FieldId};
use vbo_restore::tasks::TaskState;

/// A little longer than the emulator takes to approve a device code.
const DEVICE_CODE_APPROVAL: Duration = Duration::from_millis(3_500);

#[derive(Debug, Clone, Copy)]
enum Auth {
    Password,
    DeviceCode,
    Certificate,
}

const AUTHS: [Auth; 3] = [Auth::Password, Auth::DeviceCode, Auth::Certificate];

/// Fills the auth fields, confirms, and submits (signing in with a device code first);
/// returns the credential fields the body must carry.
async fn sign_in_and_submit(console: &mut Console, auth: Auth) -> Map<String, Value> {
    let mut fields = Map::new();
    match auth {
        Auth::Password => {
            console.fill(FieldId::Password, "restore");
            fields.insert("userName".into(), RESTORE_USER.into());
            fields.insert("userPassword".into(), "restore".into());
        }
        Auth::DeviceCode => {
            console.focus(FieldId::Auth);
            console.press(KeyCode::Right);
        }
        Auth::Certificate => {
            console.focus(FieldId::Auth);
            console.press(KeyCode::Left);
            console.fill(FieldId::ApplicationId, tenant::APPLICATION_ID);
            let pfx = tenant::certificate_path().display().to_string();
            console.fill(FieldId::Certificate, &pfx);
            console.fill(FieldId::CertificatePassword, tenant::CERTIFICATE_PASSWORD);
            let encoded =
                base64::engine::general_purpose::STANDARD.encode(tenant::CERTIFICATE_BYTES);
            fields.insert("applicationId".into(), tenant::APPLICATION_ID.into());
            fields.insert("applicationCertificate".into(), encoded.into());
            fields.insert(
                "applicationCertificatePassword".into(),
                tenant::CERTIFICATE_PASSWORD.into(),
            );
        }
    }
    console.review();
    console.press(KeyCode::Enter);
    if let Auth::DeviceCode = auth {
        let code = device_code_shown(console).await;
        tokio::time::sleep(DEVICE_CODE_APPROVAL).await;
        console.press(KeyCode::Enter);
        fields.insert("userCode".into(), code.into());
    }
    fields
}

/// Waits for the worker's device code and reads it back from the OSC 52 escape the console
/// was asked to write.
async fn device_code_shown(console: &mut Console) -> String {
    console
        .until("the device code arrives", |c| !c.escapes.is_empty())
        .await;
    let escape = console.escapes.pop().expect("an escape");
    let encoded = escape
        .strip_prefix("\u{1b}]52;c;")
        .and_then(|rest| rest.strip_suffix('\u{7}'))
        .unwrap_or_else(|| panic!("not an OSC 52 escape: {escape:?}"));
    let code = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .expect("base64");
    let code = String::from_utf8(code).expect("text");
    assert!(console.screen().contains(&code), "the code is shown");
    code
}

fn ids(documents: &[String]) -> Value {
    Value::Array(documents.iter().map(|id| json!({ "id": id })).collect())
}

/// Opens the first OneDrive, marks two documents and opens the form with `a`.
async fn form_over_two_documents(console: &mut Console) -> Vec<String> {
    console.open_first_onedrive().await;
    let documents = console.mark_documents(2);
    console.press_settle(KeyCode::Char('a')).await;
    assert!(console.app.form.is_some(), "a opens the form");
    documents
}

/// Closes the accepted form after its task ended successfully.
async fn finish(console: &mut Console) {
    let task = console.task_ended().await;
    assert_eq!(task.state, TaskState::Succeeded, "{:?}", task.failure);
    console.press(KeyCode::Esc);
    assert!(console.app.form.is_none(), "Esc closes the accepted form");
    assert!(console.app.notice.is_none() || console.app.form.is_none());
    console.press(KeyCode::Char('t'));
    console.press(KeyCode::Char('c'));
    console
        .until("finished tasks are cleared", |c| c.app.tasks.is_empty())
        .await;
    console.press(KeyCode::Esc);
}

async fn restores(version: ApiVersion) {
    let mut console = Console::start(version, 120, 40).await;
    let documents = form_over_two_documents(&mut console).await;
    for (n, auth) in AUTHS.into_iter().enumerate() {
        if n > 0 {
            console.press_settle(KeyCode::Char('a')).await;
        }
        let before = console.emulator.received().len();
        let mut fields = sign_in_and_submit(&mut console, auth).await;
        // A double Enter or a redraw never sends it twice.
        console.press(KeyCode::Enter);
        console.screen();
        console.press(KeyCode::Enter);
        finish(&mut console).await;
        let expected = match version {
            ApiVersion::V4 => {
                fields.insert("documentVersion".into(), "last".into());
                fields.insert("documentAction".into(), "keep".into());
                fields.insert("documents".into(), ids(&documents));
                json!([{ "restoretoOriginallocation": fields }])
            }
            _ => {
                fields.insert("documentAction".into(), "Keep".into());
                fields.insert("documents".into(), ids(&documents));
                json!([fields])
            }
        };
        let bodies = Value::Array(console.bodies_since(before));
        assert_eq!(bodies, expected, "{version} {auth:?}");
    }
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restores_with_each_auth_mode_on_v4() {
    restores(ApiVersion::V4).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restores_with_each_auth_mode_on_v8() {
    restores(ApiVersion::V8).await;
}

async fn copies(version: ApiVersion) {
    let mut console = Console::start(version, 120, 40).await;
    let documents = form_over_two_documents(&mut console).await;
    let target = console.app.onedrives.all[console.app.onedrives.visible[1]].clone();
    for (n, auth) in AUTHS.into_iter().enumerate() {
        if n > 0 {
            console.press_settle(KeyCode::Char('a')).await;
        }
        console.focus(FieldId::Action);
        console.press(KeyCode::Right);
        assert_eq!(form_action(&console), ActionKind::Copy);
        console.focus(FieldId::CopyTarget);
        console.type_text(&target.name);
        console.fill(FieldId::CopyFolder, "Restored");
        let before = console.emulator.received().len();
        let mut fields = sign_in_and_submit(&mut console, auth).await;
        finish(&mut console).await;
        let onedrive = json!({
            "id": target.id, "name": target.name, "url": target.url, "_links": target.links
        });
        fields.insert("folder".into(), "Restored".into());
        fields.insert("documents".into(), ids(&documents));
        let expected = match version {
            ApiVersion::V4 => {
                fields.insert("oneDrive".into(), onedrive);
                fields.insert("documentVersion".into(), "last".into());
                fields.insert("documentLastVersionAction".into(), "merge".into());
                json!([{ "copyTo": fields }])
            }
            _ => {
                fields.insert("onedrive".into(), onedrive);
                fields.insert("documentVersion".into(), "Last".into());
                fields.insert("documentLastVersionAction".into(), "Merge".into());
                fields.insert("changedItems".into(), false.into());
                fields.insert("deletedItems".into(), false.into());
                json!([fields])
            }
        };
        let bodies = Value::Array(console.bodies_since(before));
        assert_eq!(bodies, expected, "{version} {auth:?}");
    }
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copies_with_each_auth_mode_on_v4() {
    copies(ApiVersion::V4).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copies_with_each_auth_mode_on_v8() {
    copies(ApiVersion::V8).await;
}

fn form_action(console: &Console) -> ActionKind {
    console.app.form.as_ref().expect("the form").form.action()
}

#[tokio::test]
async fn sends_reach_the_mailbox_on_v4_and_v8() {
    for version in [ApiVersion::V4, ApiVersion::V8] {
        let mut console = Console::start(version, 120, 40).await;
        let documents = form_over_two_documents(&mut console).await;
        console.focus(FieldId::Action);
        while form_action(&console) != ActionKind::Send {
            console.press(KeyCode::Right);
        }
        console.fill(FieldId::From, "helpdesk@contoso.com");
        console.fill(FieldId::To, "adele@contoso.com");
        console.fill(FieldId::Subject, "Your files");
        console.fill(FieldId::Text, "Here they are.");
        let before = console.emulator.received().len();
        console.review();
        console.press(KeyCode::Enter);
        finish(&mut console).await;
        let fields = json!({
            "from": "helpdesk@contoso.com",
            "to": "adele@contoso.com",
            "subject": "Your files",
            "text": "Here they are.",
            "documents": ids(&documents),
        });
        let expected = match version {
            ApiVersion::V4 => json!([{ "sendTo": fields }]),
            _ => json!([fields]),
        };
        assert_eq!(
            Value::Array(console.bodies_since(before)),
            expected,
            "{version}"
        );
        assert_eq!(console.emulator.mails().len(), 1, "{version}");
        console.stop().await;
    }
}

#[tokio::test]
async fn saves_land_in_the_download_folder_on_v4_and_v8() {
    for version in [ApiVersion::V4, ApiVersion::V8] {
        let mut console = Console::start(version, 120, 40).await;
        console.open_first_onedrive().await;
        let document = console.first_document();
        console.press_settle(KeyCode::Char('s')).await;
        assert_eq!(form_action(&console), ActionKind::Save, "s opens with Save");
        console.review();
        console.press(KeyCode::Enter);
        let task = console.task_ended().await;
        assert_eq!(task.state, TaskState::Succeeded, "{:?}", task.failure);
        let files = console.downloaded();
        assert_eq!(files.len(), 1, "{version}: {files:?}");
        let name = files[0].file_name().expect("a name").to_string_lossy();
        assert_eq!(name, vbo_restore::save::safe_file_name(&document.name));
        let bytes = std::fs::metadata(&files[0]).expect("the file").len();
        assert_eq!(Some(bytes), document.size_bytes, "{version}");
        let shown = console.app.notice.clone().unwrap_or_default();
        assert!(shown.contains("succeeded: saved"), "{shown}");
        console.stop().await;
    }
}
