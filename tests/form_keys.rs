//! Key handling and validation of the action form, driven through its public API.

mod form_common;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use form_common::*;
use vbo_restore::form::{
    ActionForm, ActionKind, ApiVersion, AuthMode, ConflictPick, FieldId, FormAuth, FormOutcome,
    FormRequest, FormSubmission, VersionPick,
};

fn submitted(outcome: FormOutcome) -> FormSubmission {
    match outcome {
        FormOutcome::Submit(submission) => *submission,
        other => panic!("expected a submission, got {other:?}"),
    }
}

fn password_restore(version: ApiVersion) -> ActionForm {
    let mut form = ActionForm::new(context(version, ActionKind::Restore));
    fill(&mut form, FieldId::User, "admin@contoso.onmicrosoft.com");
    fill(&mut form, FieldId::Password, "restore");
    form
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

#[test]
fn esc_backs_out_without_sending() {
    let mut form = password_restore(ApiVersion::V8);
    assert_eq!(press(&mut form, KeyCode::Esc), FormOutcome::Cancelled);
}

#[test]
fn tab_and_shift_tab_walk_the_fields_and_wrap() {
    let mut form = ActionForm::new(context(ApiVersion::V8, ActionKind::Restore));
    assert_eq!(form.focused(), FieldId::Action);
    let mut seen = vec![form.focused()];
    for _ in 0..6 {
        press(&mut form, KeyCode::Tab);
        seen.push(form.focused());
    }
    use FieldId::*;
    assert_eq!(
        seen,
        vec![
            Action,
            RestoreVersion,
            OnConflict,
            Auth,
            User,
            Password,
            Continue
        ]
    );
    press(&mut form, KeyCode::Tab);
    assert_eq!(form.focused(), Action);
    press(&mut form, KeyCode::BackTab);
    assert_eq!(form.focused(), Continue);
}

#[test]
fn key_releases_are_ignored() {
    let mut form = ActionForm::new(context(ApiVersion::V8, ActionKind::Restore));
    let mut release = key(KeyCode::Tab);
    release.kind = KeyEventKind::Release;
    assert_eq!(form.handle_key(release), FormOutcome::Nothing);
    assert_eq!(form.focused(), FieldId::Action);
}

#[test]
fn a_restore_is_confirmed_then_submitted_exactly_once() {
    let mut form = password_restore(ApiVersion::V4);
    focus(&mut form, FieldId::RestoreVersion);
    press(&mut form, KeyCode::Right);
    assert_eq!(review(&mut form), FormOutcome::Redraw);
    let submission = submitted(press(&mut form, KeyCode::Enter));
    let FormRequest::Restore {
        version,
        on_conflict,
        auth,
    } = &submission.request
    else {
        panic!("a restore: {submission:?}");
    };
    assert_eq!(
        (*version, *on_conflict),
        (VersionPick::All, ConflictPick::Keep)
    );
    let FormAuth::Password { user, password } = auth else {
        panic!("password auth");
    };
    assert_eq!(user, "admin@contoso.onmicrosoft.com");
    assert_eq!(password.expose(), "restore");
    assert!(
        !format!("{submission:?}").contains("restore\""),
        "no password in Debug"
    );
    assert_eq!(submission.items.len(), 2);

    assert!(form.is_locked());
    for code in [
        KeyCode::Enter,
        KeyCode::Enter,
        KeyCode::Char('y'),
        KeyCode::Esc,
    ] {
        assert_eq!(press(&mut form, code), FormOutcome::Nothing);
    }
}

#[test]
fn overwrite_needs_an_explicit_second_yes() {
    let mut form = password_restore(ApiVersion::V8);
    focus(&mut form, FieldId::OnConflict);
    press(&mut form, KeyCode::Char(' '));
    review(&mut form);
    assert_eq!(press(&mut form, KeyCode::Enter), FormOutcome::Redraw);
    assert_eq!(
        press(&mut form, KeyCode::Enter),
        FormOutcome::Nothing,
        "Enter is not a yes"
    );
    assert_eq!(press(&mut form, KeyCode::Char('x')), FormOutcome::Nothing);
    let ctrl_y = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL);
    assert_eq!(form.handle_key(ctrl_y), FormOutcome::Nothing);
    let submission = submitted(press(&mut form, KeyCode::Char('y')));
    assert!(matches!(
        submission.request,
        FormRequest::Restore {
            on_conflict: ConflictPick::Overwrite,
            ..
        }
    ));
}

#[test]
fn n_at_the_overwrite_warning_goes_back_with_everything_kept() {
    let mut form = password_restore(ApiVersion::V8);
    focus(&mut form, FieldId::OnConflict);
    press(&mut form, KeyCode::Right);
    review(&mut form);
    press(&mut form, KeyCode::Enter);
    assert_eq!(press(&mut form, KeyCode::Char('n')), FormOutcome::Redraw);
    review(&mut form);
    press(&mut form, KeyCode::Enter);
    assert!(matches!(
        press(&mut form, KeyCode::Char('y')),
        FormOutcome::Submit(_)
    ));
}

#[test]
fn missing_credentials_stay_next_to_their_fields_and_nothing_is_sent() {
    let mut form = ActionForm::new(context(ApiVersion::V8, ActionKind::Restore));
    fill(&mut form, FieldId::User, "admin");
    assert_eq!(review(&mut form), FormOutcome::Redraw);
    assert!(
        form.error(FieldId::User)
            .is_some_and(|e| e.contains("\"admin\""))
    );
    assert_eq!(
        form.error(FieldId::Password),
        Some("the password is required")
    );
    assert_eq!(
        form.focused(),
        FieldId::User,
        "the focus goes to the first error"
    );
    assert_eq!(
        press(&mut form, KeyCode::Enter),
        FormOutcome::Redraw,
        "Enter moves on"
    );
    assert!(!form.is_locked());
}

#[test]
fn the_restore_version_choice_is_disabled_from_v6() {
    let mut form = password_restore(ApiVersion::V6);
    focus(&mut form, FieldId::RestoreVersion);
    press(&mut form, KeyCode::Right);
    let note = form.error(FieldId::RestoreVersion).expect("says why");
    assert!(note.contains("only API v4/v5"), "{note}");
    review(&mut form);
    let submission = submitted(press(&mut form, KeyCode::Enter));
    assert!(matches!(
        submission.request,
        FormRequest::Restore {
            version: VersionPick::Last,
            ..
        }
    ));
}

#[test]
fn a_refusal_unlocks_the_form_with_every_field_kept() {
    let mut form = password_restore(ApiVersion::V8);
    review(&mut form);
    let first = submitted(press(&mut form, KeyCode::Enter));
    form.show_refusal("Access is denied: the user name or password is incorrect.");
    assert!(!form.is_locked());
    assert_eq!(form.focused(), FieldId::Continue);
    fill(&mut form, FieldId::Password, "restore2");
    review(&mut form);
    let second = submitted(press(&mut form, KeyCode::Enter));
    assert_eq!(first.session, second.session);
    let FormRequest::Restore { auth, .. } = second.request else {
        panic!("a restore");
    };
    let FormAuth::Password { user, password } = auth else {
        panic!("password");
    };
    assert_eq!(user, "admin@contoso.onmicrosoft.com", "the user was kept");
    assert_eq!(password.expose(), "restore2");
}

#[test]
fn certificate_sign_in_reads_and_checks_the_pfx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pfx = write_pfx(dir.path());
    let mut form = ActionForm::new(context(ApiVersion::V8, ActionKind::Restore));
    choose_auth(&mut form, AuthMode::Certificate);
    fill(&mut form, FieldId::ApplicationId, "restore-app");
    fill(
        &mut form,
        FieldId::Certificate,
        &dir.path().join("none.pfx").display().to_string(),
    );
    review(&mut form);
    assert!(
        form.error(FieldId::ApplicationId)
            .is_some_and(|e| e.contains("UUID"))
    );
    assert!(
        form.error(FieldId::Certificate)
            .is_some_and(|e| e.contains("there is no file"))
    );

    let pem = dir.path().join("app.pem");
    std::fs::write(&pem, "-----BEGIN CERTIFICATE-----\n").expect("pem");
    fill(&mut form, FieldId::Certificate, &pem.display().to_string());
    review(&mut form);
    assert!(
        form.error(FieldId::Certificate)
            .is_some_and(|e| e.contains("not a PKCS#12"))
    );

    fill(&mut form, FieldId::ApplicationId, APP_ID);
    fill(&mut form, FieldId::Certificate, &pfx.display().to_string());
    fill(&mut form, FieldId::CertificatePassword, "pfx-pw");
    review(&mut form);
    let submission = submitted(press(&mut form, KeyCode::Enter));
    let FormRequest::Restore { auth, .. } = submission.request else {
        panic!("a restore");
    };
    let FormAuth::Certificate {
        application_id,
        certificate,
        password,
    } = auth
    else {
        panic!("certificate auth");
    };
    assert_eq!(application_id, APP_ID);
    assert_eq!(certificate, pfx);
    assert_eq!(password.expose(), "pfx-pw");
}

#[test]
fn a_read_only_profile_allows_only_save() {
    let mut context = context(ApiVersion::V8, ActionKind::Restore);
    context.presets.read_only = true;
    let mut form = ActionForm::new(context);
    assert_eq!(form.action(), ActionKind::Save);
    focus(&mut form, FieldId::Action);
    press(&mut form, KeyCode::Right);
    assert_eq!(form.action(), ActionKind::Save);
    assert!(
        form.error(FieldId::Action)
            .is_some_and(|e| e.contains("read-only"))
    );
}

#[test]
fn presets_fill_the_sign_in_fields() {
    let mut context = context(ApiVersion::V8, ActionKind::Restore);
    context.presets.application_id = Some(APP_ID.to_string());
    context.presets.certificate = Some("/nonexistent/app.pfx".into());
    context.presets.on_conflict = Some(ConflictPick::Overwrite);
    let mut form = ActionForm::new(context);
    review(&mut form);
    assert!(form.error(FieldId::ApplicationId).is_none());
    let error = form
        .error(FieldId::Certificate)
        .expect("the preset file is checked");
    assert!(error.contains("/nonexistent/app.pfx"), "{error}");
}

#[test]
fn an_earlier_version_needs_v6() {
    let mut context = context(ApiVersion::V5, ActionKind::Save);
    context.items.truncate(1);
    context.items[0].version_id = Some(3);
    let mut old = ActionForm::new(context.clone());
    review(&mut old);
    assert!(
        old.error(FieldId::Action)
            .is_some_and(|e| e.contains("needs API v6"))
    );

    context.api_version = ApiVersion::V6;
    let dir = tempfile::tempdir().expect("tempdir");
    context.presets.download_dir = Some(dir.path().to_path_buf());
    let mut new = ActionForm::new(context);
    review(&mut new);
    let submission = submitted(press(&mut new, KeyCode::Enter));
    assert_eq!(submission.items[0].version_id, Some(3));
}

#[test]
fn an_accepted_submission_keeps_the_form_locked() {
    let mut form = password_restore(ApiVersion::V8);
    review(&mut form);
    submitted(press(&mut form, KeyCode::Enter));
    form.show_accepted("Restore queued as task 4.");
    assert!(form.is_locked());
    assert_eq!(press(&mut form, KeyCode::Enter), FormOutcome::Nothing);
}

#[test]
fn the_form_never_prints_a_password_in_debug_output() {
    let mut form = password_restore(ApiVersion::V8);
    fill(&mut form, FieldId::Password, "hunter2-pw");
    choose_auth(&mut form, AuthMode::Certificate);
    fill(&mut form, FieldId::CertificatePassword, "pfx-secret");
    let shown = format!("{form:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(!shown.contains("pfx-secret"), "{shown}");
}

#[test]
fn an_application_id_alone_presets_the_device_code() {
    let mut context = context(ApiVersion::V8, ActionKind::Restore);
    context.presets.application_id = Some(APP_ID.to_string());
    let mut form = ActionForm::new(context);
    review(&mut form);
    assert_eq!(
        press(&mut form, KeyCode::Enter),
        FormOutcome::RequestDeviceCode {
            application_id: Some(APP_ID.to_string())
        }
    );
}
