//! Snapshots of the action form on a TestBackend at 80x24 and 120x40: every action, every
//! sign-in mode, the confirmations, the device code, and each bad input with its message.

mod form_common;

use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use form_common::*;
use vbo_restore::api::model::DeviceCode;
use vbo_restore::form::{ActionForm, ActionKind, ApiVersion, AuthMode, FieldId, FormOutcome};

/// Snapshots the form at both sizes.
fn snap(name: &str, form: &ActionForm) {
    for (width, height) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("{name}_{width}x{height}"),
            screen(form, width, height)
        );
    }
}

fn form(version: ApiVersion, action: ActionKind) -> ActionForm {
    ActionForm::new(context(version, action))
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

fn restore_with(mode: AuthMode) -> ActionForm {
    let mut form = form(ApiVersion::V4, ActionKind::Restore);
    choose_auth(&mut form, mode);
    match mode {
        AuthMode::Password => {
            fill(&mut form, FieldId::User, "admin@contoso.onmicrosoft.com");
            fill(&mut form, FieldId::Password, "restore");
        }
        AuthMode::DeviceCode => fill(&mut form, FieldId::ApplicationId, APP_ID),
        AuthMode::Certificate => {
            fill(&mut form, FieldId::ApplicationId, APP_ID);
            fill(
                &mut form,
                FieldId::Certificate,
                "/srv/certs/restore-app.pfx",
            );
            fill(&mut form, FieldId::CertificatePassword, "pfx-pw");
        }
    }
    form
}

#[test]
fn restore_in_each_sign_in_mode() {
    snap("restore_password", &restore_with(AuthMode::Password));
    snap("restore_device_code", &restore_with(AuthMode::DeviceCode));
    snap("restore_certificate", &restore_with(AuthMode::Certificate));
    let mut v8 = form(ApiVersion::V8, ActionKind::Restore);
    focus(&mut v8, FieldId::RestoreVersion);
    press(&mut v8, KeyCode::Right);
    snap("restore_v8_version_disabled", &v8);
}

#[test]
fn copy_in_each_sign_in_mode() {
    for (name, mode) in [
        ("copy_password", AuthMode::Password),
        ("copy_device_code", AuthMode::DeviceCode),
        ("copy_certificate", AuthMode::Certificate),
    ] {
        let mut form = form(ApiVersion::V8, ActionKind::Restore);
        choose_action(&mut form, ActionKind::Copy);
        focus(&mut form, FieldId::CopyTarget);
        type_text(&mut form, "m");
        fill(&mut form, FieldId::CopyFolder, "Restored");
        choose_auth(&mut form, mode);
        snap(name, &form);
    }
}

#[test]
fn copy_picker_while_filtering() {
    let mut form = form(ApiVersion::V8, ActionKind::Restore);
    choose_action(&mut form, ActionKind::Copy);
    focus(&mut form, FieldId::CopyTarget);
    snap("copy_picker_all", &form);
    type_text(&mut form, "a");
    press(&mut form, KeyCode::Down);
    snap("copy_picker_filtered", &form);
}

#[test]
fn send_with_and_without_email_settings() {
    let mut form = form(ApiVersion::V8, ActionKind::Send);
    fill(&mut form, FieldId::From, "helpdesk@contoso.com");
    fill(&mut form, FieldId::To, "adele@contoso.com");
    fill(&mut form, FieldId::Subject, "Your files");
    focus(&mut form, FieldId::Text);
    type_text(&mut form, "Hello Adele,");
    press(&mut form, KeyCode::Enter);
    type_text(&mut form, "here are the files you asked for.");
    snap("send", &form);

    let mut context = context(ApiVersion::V8, ActionKind::Send);
    context.has_email_settings = false;
    let mut bare = ActionForm::new(context);
    snap("send_no_email_settings", &bare);
    focus(&mut bare, FieldId::EmailSetup);
    press(&mut bare, KeyCode::Enter);
    type_text(&mut bare, "smtp.contoso.com");
    snap("email_settings_form", &bare);
    focus_save_and_submit(&mut bare);
    snap("email_settings_errors", &bare);
}

fn focus_save_and_submit(form: &mut ActionForm) {
    for _ in 0..7 {
        press(form, KeyCode::Tab);
    }
    press(form, KeyCode::Enter);
}

#[test]
fn save_of_one_document_and_of_a_set() {
    let mut context = context(ApiVersion::V8, ActionKind::Save);
    context.items.truncate(1);
    snap("save_single_document", &ActionForm::new(context));
    let mut set = context_with_folder();
    set.initial_action = ActionKind::Save;
    snap("save_set_forced_zip", &ActionForm::new(set));
}

fn context_with_folder() -> vbo_restore::form::FormContext {
    let mut context = context(ApiVersion::V8, ActionKind::Restore);
    context.items.push(folder("f-1", "Projects"));
    context
}

#[test]
fn confirmation_and_second_confirmation() {
    let mut keep = restore_with(AuthMode::Password);
    review(&mut keep);
    snap("confirm_restore_keep", &keep);

    let mut overwrite = restore_with(AuthMode::Password);
    focus(&mut overwrite, FieldId::OnConflict);
    press(&mut overwrite, KeyCode::Right);
    review(&mut overwrite);
    snap("confirm_restore_overwrite", &overwrite);
    press(&mut overwrite, KeyCode::Enter);
    snap("confirm_overwrite_second", &overwrite);
    assert!(matches!(
        press(&mut overwrite, KeyCode::Char('y')),
        FormOutcome::Submit(_)
    ));
    snap("submitted_locked", &overwrite);
}

#[test]
fn device_code_counting_down_and_expired() {
    let mut form = restore_with(AuthMode::DeviceCode);
    review(&mut form);
    press(&mut form, KeyCode::Enter);
    snap("device_code_waiting", &form);
    let issued = Instant::now();
    let code = DeviceCode {
        user_code: "CWE5QHLNM".to_string(),
        verification_url: "https://microsoft.com/devicelogin".to_string(),
        expires_in: 900,
        message: None,
    };
    form.set_device_code(code, issued);
    form.tick(issued + Duration::from_secs(75));
    snap("device_code_shown", &form);
    form.tick(issued + Duration::from_secs(901));
    snap("device_code_expired", &form);
}

#[test]
fn refusal_from_the_server_keeps_the_fields() {
    let mut form = restore_with(AuthMode::Password);
    review(&mut form);
    press(&mut form, KeyCode::Enter);
    form.show_refusal("Access denied: the user name or password is incorrect. (HTTP 401)");
    snap("refusal_wrong_password", &form);
}

#[test]
fn bad_input_shows_its_message_and_sends_nothing() {
    let mut send = form(ApiVersion::V8, ActionKind::Send);
    fill(&mut send, FieldId::From, "helpdesk-at-contoso.com");
    fill(&mut send, FieldId::To, "adele@contoso.com, megan@");
    fill(&mut send, FieldId::Subject, "Files");
    assert_eq!(review(&mut send), FormOutcome::Redraw);
    snap("bad_malformed_address", &send);

    let mut missing = restore_with(AuthMode::Certificate);
    fill(
        &mut missing,
        FieldId::Certificate,
        "/nonexistent/restore-app.pfx",
    );
    assert_eq!(review(&mut missing), FormOutcome::Redraw);
    snap("bad_missing_pfx", &missing);

    let mut not_uuid = restore_with(AuthMode::Certificate);
    fill(&mut not_uuid, FieldId::ApplicationId, "restore-app");
    assert_eq!(review(&mut not_uuid), FormOutcome::Redraw);
    snap("bad_application_id", &not_uuid);

    let mut save = form(ApiVersion::V8, ActionKind::Save);
    fill(&mut save, FieldId::SaveFolder, "/proc/vbo-restore-saves");
    assert_eq!(review(&mut save), FormOutcome::Redraw);
    snap("bad_unwritable_folder", &save);

    let mut copy = form(ApiVersion::V6, ActionKind::Restore);
    choose_action(&mut copy, ActionKind::Copy);
    focus(&mut copy, FieldId::ChangedItems);
    assert_eq!(press(&mut copy, KeyCode::Char(' ')), FormOutcome::Redraw);
    snap("bad_version_lacking_option", &copy);
    for form in [&send, &missing, &not_uuid, &save, &copy] {
        assert!(!form.is_locked());
    }
}

#[test]
fn read_only_profile() {
    let mut context = context(ApiVersion::V8, ActionKind::Restore);
    context.presets.read_only = true;
    let mut form = ActionForm::new(context);
    press(&mut form, KeyCode::Right);
    snap("read_only", &form);
}

#[test]
fn hostile_names_and_passwords_never_reach_the_screen() {
    let mut context = context(ApiVersion::V8, ActionKind::Restore);
    context.onedrive.name = "Eve\u{1b}]52;c;cGF5bG9hZA==\u{7}".to_string();
    context.items = vec![document("doc-x", "inv\u{1b}[2Joice\r\n.pdf", 10)];
    let mut form = ActionForm::new(context);
    fill(&mut form, FieldId::User, "admin@contoso.onmicrosoft.com");
    fill(&mut form, FieldId::Password, "hunter2-secret");
    let mut screens = vec![screen(&form, 80, 24)];
    review(&mut form);
    screens.push(screen(&form, 120, 40));
    for text in &screens {
        assert!(!text.contains("hunter2"), "a password showed:\n{text}");
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "a control character reached the screen:\n{text}"
        );
    }
    assert!(screens[1].contains("inv\\u{1b}[2Joice"), "{}", screens[1]);
}

#[test]
fn a_long_form_scrolls_to_keep_the_focus_visible_at_80x24() {
    let mut form = form(ApiVersion::V6, ActionKind::Restore);
    choose_action(&mut form, ActionKind::Copy);
    choose_auth(&mut form, AuthMode::Certificate);
    fill(&mut form, FieldId::ApplicationId, "not-a-uuid");
    review(&mut form);
    assert_eq!(form.focused(), FieldId::CopyTarget);
    snap("copy_errors_first_field", &form);
    focus(&mut form, FieldId::Continue);
    let shown = screen(&form, 80, 24);
    assert!(shown.contains("[ Continue ]"), "{shown}");
    assert!(shown.contains("is not an application id"), "{shown}");
    snap("copy_errors_scrolled_to_continue", &form);
}

#[test]
fn monochrome_drops_every_colour_but_keeps_the_focus_marked() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::{Color, Modifier};

    let mut form = form(ApiVersion::V8, ActionKind::Send);
    fill(&mut form, FieldId::From, "not-an-address");
    review(&mut form);
    let draw = |form: &ActionForm| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal
            .draw(|frame| form.render(frame, frame.area()))
            .expect("draw");
        terminal.backend().buffer().clone()
    };
    let coloured = draw(&form);
    assert!(coloured.content().iter().any(|cell| cell.fg == Color::Red));

    form.set_monochrome(true);
    let plain = draw(&form);
    assert!(
        plain
            .content()
            .iter()
            .all(|cell| cell.fg == Color::Reset && cell.bg == Color::Reset)
    );
    assert!(
        plain
            .content()
            .iter()
            .any(|cell| cell.modifier.contains(Modifier::REVERSED))
    );
}

#[test]
fn a_folder_alone_shows_no_size_rather_than_zero() {
    let mut context = context(ApiVersion::V8, ActionKind::Save);
    context.items = vec![folder("f-1", "Projects")];
    let mut form = ActionForm::new(context);
    let fields = screen(&form, 80, 24);
    assert!(fields.contains("1 folder"), "{fields}");
    assert!(!fields.contains("0 B"), "{fields}");
    focus_save_and_submit(&mut form);
    let confirmation = screen(&form, 80, 24);
    assert!(confirmation.contains("Please check"), "{confirmation}");
    assert!(!confirmation.contains("0 B"), "{confirmation}");
}
