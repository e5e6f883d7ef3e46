//! The device code step of the action form: asked for, shown, counted down, copied with
//! OSC 52, sent with the restore, and replaced once expired.

mod form_common;

use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use form_common::*;
use vbo_restore::api::model::DeviceCode;
use vbo_restore::form::{
    ActionForm, ActionKind, ApiVersion, AuthMode, FieldId, FormAuth, FormOutcome, FormRequest,
    FormSubmission,
};

fn submitted(outcome: FormOutcome) -> FormSubmission {
    match outcome {
        FormOutcome::Submit(submission) => *submission,
        other => panic!("expected a submission, got {other:?}"),
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

fn device_code(expires_in: u64) -> DeviceCode {
    DeviceCode {
        user_code: "CWE5QHLNM".to_string(),
        verification_url: "https://microsoft.com/devicelogin".to_string(),
        expires_in,
        message: None,
    }
}

#[test]
fn a_device_code_is_fetched_shown_counted_down_and_sent() {
    let mut form = ActionForm::new(context(ApiVersion::V8, ActionKind::Restore));
    choose_auth(&mut form, AuthMode::DeviceCode);
    fill(&mut form, FieldId::ApplicationId, APP_ID);
    review(&mut form);
    let asked = press(&mut form, KeyCode::Enter);
    assert_eq!(
        asked,
        FormOutcome::RequestDeviceCode {
            application_id: Some(APP_ID.to_string())
        }
    );
    assert_eq!(
        press(&mut form, KeyCode::Enter),
        FormOutcome::Nothing,
        "no code yet"
    );

    let issued = Instant::now();
    let escape = form.set_device_code(device_code(900), issued);
    assert_eq!(escape, "\u{1b}]52;c;Q1dFNVFITE5N\u{7}");
    assert!(form.wants_ticks());
    assert!(form.tick(issued + Duration::from_secs(5)));
    assert!(!form.tick(issued + Duration::from_millis(5200)));
    assert_eq!(
        press(&mut form, KeyCode::Char('c')),
        FormOutcome::CopyToClipboard(escape)
    );
    let submission = submitted(press(&mut form, KeyCode::Enter));
    let FormRequest::Restore { auth, .. } = submission.request else {
        panic!("a restore");
    };
    assert_eq!(
        auth,
        FormAuth::DeviceCode {
            user_code: "CWE5QHLNM".to_string(),
            application_id: Some(APP_ID.to_string())
        }
    );
    assert_eq!(press(&mut form, KeyCode::Enter), FormOutcome::Nothing);
}

#[test]
fn an_expired_device_code_offers_a_new_one() {
    let mut form = ActionForm::new(context(ApiVersion::V4, ActionKind::Restore));
    choose_auth(&mut form, AuthMode::DeviceCode);
    review(&mut form);
    press(&mut form, KeyCode::Enter);
    let issued = Instant::now();
    form.set_device_code(device_code(60), issued);
    assert!(form.tick(issued + Duration::from_secs(60)));
    assert!(!form.wants_ticks());
    assert_eq!(
        press(&mut form, KeyCode::Enter),
        FormOutcome::RequestDeviceCode {
            application_id: None
        }
    );
    form.set_device_code(device_code(900), issued + Duration::from_secs(61));
    assert!(matches!(
        press(&mut form, KeyCode::Enter),
        FormOutcome::Submit(_)
    ));
}
