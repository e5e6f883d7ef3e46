//! The action form against the emulator over real HTTPS: key presses become a submission,
//! the client runs it, and the emulator's record shows the exact body it received, on v4 and
//! on v8. A refusal comes back to the form, which keeps every field.
//! Submissions go to the task runner, as the console hands them over.

mod form_common;

use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use form_common::flows::{password_restore, setup, setup_with, submitted};
use form_common::*;
use serde_json::{Value, json};
use vbo_restore::form::{ActionKind, ApiVersion, FieldId, FormOutcome};

#[tokio::test]
async fn a_password_restore_sends_the_exact_body_on_v4_and_v8() {
    for version in [ApiVersion::V4, ApiVersion::V8] {
        let setup = setup(version).await;
        let mut form = setup.form(version, ActionKind::Restore);
        let submission = password_restore(&mut form, "restore");
        let bodies = setup.run(&submission).await.expect("the restore runs");
        let expected = match version {
            ApiVersion::V4 => json!([{ "restoretoOriginallocation": {
                "userName": "admin@contoso.onmicrosoft.com",
                "userPassword": "restore",
                "documentVersion": "last",
                "documentAction": "keep",
                "documents": setup.ids(),
            }}]),
            _ => json!([{
                "userName": "admin@contoso.onmicrosoft.com",
                "userPassword": "restore",
                "documentAction": "Keep",
                "documents": setup.ids(),
            }]),
        };
        assert_eq!(Value::Array(bodies), expected, "{version}");
    }
}

#[tokio::test]
async fn a_wrong_restore_password_comes_back_to_the_form_with_the_fields_kept() {
    let setup = setup(ApiVersion::V8).await;
    let mut form = setup.form(ApiVersion::V8, ActionKind::Restore);
    let submission = password_restore(&mut form, "wrong");
    let before = setup.emulator.received().len();
    let refusal = setup
        .run(&submission)
        .await
        .expect_err("the server refuses");
    assert_eq!(
        setup.received_since(before).len(),
        1,
        "one attempt, no retry"
    );
    form.show_refusal(refusal.clone());
    let shown = screen(&form, 80, 24);
    assert!(
        shown.contains("The server refused: Cannot connect"),
        "{shown}"
    );
    assert!(shown.contains("password is incorrect."), "{shown}");
    assert!(shown.contains("(HTTP 400)"), "{shown}");
    assert!(!form.is_locked());

    let retry = password_restore(&mut form, "restore");
    setup.run(&retry).await.expect("the corrected restore runs");
}

#[tokio::test]
async fn a_device_code_copy_sends_the_user_code_on_v4_and_v8() {
    for version in [ApiVersion::V4, ApiVersion::V8] {
        let setup = setup(version).await;
        let mut form = setup.form(version, ActionKind::Restore);
        focus(&mut form, FieldId::Action);
        press(&mut form, KeyCode::Right);
        focus(&mut form, FieldId::CopyTarget);
        type_text(&mut form, &setup.drives[1].name);
        fill(&mut form, FieldId::CopyFolder, "Restored");
        focus(&mut form, FieldId::Auth);
        press(&mut form, KeyCode::Right);
        review(&mut form);
        let FormOutcome::RequestDeviceCode { application_id } = press(&mut form, KeyCode::Enter)
        else {
            panic!("the form asks for a device code");
        };
        let code = setup
            .client
            .device_code(&setup.session, application_id.as_deref())
            .await
            .expect("a device code");
        let user_code = code.user_code.clone();
        form.set_device_code(code, Instant::now());
        let submission = submitted(press(&mut form, KeyCode::Enter));
        let bodies = setup.run(&submission).await.expect("the copy runs");
        let target = &setup.drives[1];
        let onedrive = json!({ "id": target.id, "name": target.name, "url": target.url, "_links": target.links });
        let expected = match version {
            ApiVersion::V4 => json!([{ "copyTo": {
                "userCode": user_code,
                "oneDrive": onedrive,
                "folder": "Restored",
                "documentVersion": "last",
                "documentLastVersionAction": "merge",
                "documents": setup.ids(),
            }}]),
            _ => json!([{
                "userCode": user_code,
                "onedrive": onedrive,
                "folder": "Restored",
                "documentVersion": "Last",
                "documentLastVersionAction": "Merge",
                "changedItems": false,
                "deletedItems": false,
                "documents": setup.ids(),
            }]),
        };
        assert_eq!(Value::Array(bodies), expected, "{version}");
    }
}

#[tokio::test]
async fn a_certificate_restore_sends_the_pfx_base64_on_v8() {
    use base64::Engine;
    let setup = setup(ApiVersion::V8).await;
    let pfx = vbo_restore::emulator::tenant::certificate_path();
    let mut form = setup.form(ApiVersion::V8, ActionKind::Restore);
    focus(&mut form, FieldId::Auth);
    press(&mut form, KeyCode::Left);
    assert_eq!(form.focused(), FieldId::Auth);
    fill(
        &mut form,
        FieldId::ApplicationId,
        vbo_restore::emulator::tenant::APPLICATION_ID,
    );
    fill(&mut form, FieldId::Certificate, &pfx.display().to_string());
    fill(
        &mut form,
        FieldId::CertificatePassword,
        vbo_restore::emulator::tenant::CERTIFICATE_PASSWORD,
    );
    review(&mut form);
    let submission = submitted(press(&mut form, KeyCode::Enter));
    let bodies = setup.run(&submission).await.expect("the restore runs");
    let encoded = base64::engine::general_purpose::STANDARD
        .encode(vbo_restore::emulator::tenant::CERTIFICATE_BYTES);
    assert_eq!(
        Value::Array(bodies),
        json!([{
            "applicationId": vbo_restore::emulator::tenant::APPLICATION_ID,
            "applicationCertificate": encoded,
            "applicationCertificatePassword": vbo_restore::emulator::tenant::CERTIFICATE_PASSWORD,
            "documentAction": "Keep",
            "documents": setup.ids(),
        }])
    );
}

#[tokio::test]
async fn a_send_reaches_the_emulator_mailbox_on_v4_and_v8() {
    for version in [ApiVersion::V4, ApiVersion::V8] {
        let setup = setup(version).await;
        let mut form = setup.form(version, ActionKind::Send);
        fill(&mut form, FieldId::From, "helpdesk@contoso.com");
        fill(&mut form, FieldId::To, "adele@contoso.com");
        fill(&mut form, FieldId::Subject, "Your files");
        fill(&mut form, FieldId::Text, "Here they are.");
        review(&mut form);
        let submission = submitted(press(&mut form, KeyCode::Enter));
        let bodies = setup.run(&submission).await.expect("the send runs");
        let fields = json!({
            "from": "helpdesk@contoso.com",
            "to": "adele@contoso.com",
            "subject": "Your files",
            "text": "Here they are.",
            "documents": setup.ids(),
        });
        let expected = match version {
            ApiVersion::V4 => json!([{ "sendTo": fields }]),
            _ => json!([fields]),
        };
        assert_eq!(Value::Array(bodies), expected, "{version}");
        assert_eq!(setup.emulator.mails().len(), 1, "{version}");
    }
}

#[tokio::test]
async fn a_device_code_used_before_signing_in_is_refused_and_a_new_one_offered() {
    let setup = setup_with(ApiVersion::V8, Duration::from_secs(3600)).await;
    let mut form = setup.form(ApiVersion::V8, ActionKind::Restore);
    focus(&mut form, FieldId::Auth);
    press(&mut form, KeyCode::Right);
    review(&mut form);
    assert!(matches!(
        press(&mut form, KeyCode::Enter),
        FormOutcome::RequestDeviceCode { .. }
    ));
    let code = setup
        .client
        .device_code(&setup.session, None)
        .await
        .expect("a device code");
    form.set_device_code(code, Instant::now());
    let submission = submitted(press(&mut form, KeyCode::Enter));
    let refusal = setup.run(&submission).await.expect_err("not signed in yet");
    assert!(refusal.contains("has not been authorized yet"), "{refusal}");
    form.show_refusal(refusal);
    let shown = screen(&form, 80, 24);
    assert!(shown.contains("has not been authorized"), "{shown}");

    review(&mut form);
    assert!(
        matches!(
            press(&mut form, KeyCode::Enter),
            FormOutcome::RequestDeviceCode { .. }
        ),
        "a refused code is dropped and a new one asked for"
    );
}
