//! Email settings saved from the console's form through the worker, then the send; and a
//! read-only profile that opens the form on Save alone.

mod console_actions_support;

use std::str::FromStr;

use console_actions_support::Console;
use crossterm::event::KeyCode;
use serde_json::json;
use vbo_restore::api::ApiVersion;
use vbo_restore::emulator::Fault;
use vbo_restore::form::{ActionKind, FieldId, FormPresets};
use vbo_restore::tasks::TaskState;

fn form_action(console: &Console) -> ActionKind {
    console.app.form.as_ref().expect("the form").form.action()
}

#[tokio::test]
async fn missing_email_settings_are_saved_with_put_and_the_send_goes_out_on_v4_and_v8() {
    for version in [ApiVersion::V4, ApiVersion::V8] {
        let mut console = Console::start(version, 120, 40).await;
        // The server answers once that it has no email settings.
        let fault = Fault::from_str("status:404:*email*#1").expect("a fault");
        console.emulator.set_faults(vec![fault]);
        console.open_first_onedrive().await;
        console.first_document();
        console.press_settle(KeyCode::Char('a')).await;
        assert_eq!(console.app.email_settings, Some(false), "{version}");
        console.focus(FieldId::Action);
        while form_action(&console) != ActionKind::Send {
            console.press(KeyCode::Right);
        }
        console.focus(FieldId::EmailSetup);
        console.press(KeyCode::Enter);
        console.type_text("smtp.contoso.com");
        for (tabs, text) in [
            (2, "backup@contoso.com"),
            (3, "backup@contoso.com"),
            (1, "smtp-pw"),
        ] {
            for _ in 0..tabs {
                console.press(KeyCode::Tab);
            }
            console.type_text(text);
        }
        console.press(KeyCode::Tab);
        let before = console.emulator.received().len();
        console.press(KeyCode::Enter);
        console
            .until("the settings are saved", |c| {
                c.app.email_settings == Some(true)
            })
            .await;
        let put: Vec<_> = console.emulator.received()[before..]
            .iter()
            .filter(|r| r.method == "PUT")
            .map(|r| r.body.clone())
            .collect();
        assert_eq!(
            put,
            vec![json!({
                "enableNotification": true,
                "server": "smtp.contoso.com",
                "port": 587,
                "from": "backup@contoso.com",
                "useSSL": true,
                "useAuthentication": true,
                "username": "backup@contoso.com",
                "userPassword": "smtp-pw",
            })],
            "{version}"
        );
        assert!(console.screen().contains("Email settings saved."));

        console.fill(FieldId::From, "helpdesk@contoso.com");
        console.fill(FieldId::To, "adele@contoso.com");
        console.fill(FieldId::Subject, "Your file");
        console.fill(FieldId::Text, "Here it is.");
        console.review();
        console.press(KeyCode::Enter);
        let task = console.task_ended().await;
        assert_eq!(task.state, TaskState::Succeeded, "{:?}", task.failure);
        assert_eq!(console.emulator.mails().len(), 1, "{version}");
        console.stop().await;
    }
}

#[tokio::test]
async fn a_read_only_profile_opens_the_form_on_save_alone() {
    let mut console = Console::start(ApiVersion::V8, 100, 30).await;
    console.app.presets = FormPresets {
        read_only: true,
        ..console.app.presets.clone()
    };
    console.open_first_onedrive().await;
    console.first_document();
    console.press_settle(KeyCode::Char('a')).await;
    assert_eq!(form_action(&console), ActionKind::Save);
    assert!(console.screen().contains("only Save is allowed"));
    console.focus(FieldId::Action);
    console.press(KeyCode::Right);
    assert_eq!(form_action(&console), ActionKind::Save, "no other action");
    console.stop().await;
}

#[tokio::test]
async fn a_session_started_at_a_point_in_time_says_so_in_the_form() {
    let mut console = Console::start(ApiVersion::V8, 100, 30).await;
    console.press(KeyCode::Backspace);
    console.press_settle(KeyCode::Char('n')).await;
    console.press(KeyCode::Tab);
    console.type_text("2026-11-30");
    console.press_settle(KeyCode::Enter).await;
    console.press(KeyCode::Home);
    console.press_settle(KeyCode::Enter).await;
    console.open_first_onedrive().await;
    console.first_document();
    console.press_settle(KeyCode::Char('a')).await;
    let shown = console.screen();
    // The time asked for, not a backup's time: the backup used is the last one before it.
    assert!(shown.contains("as of 2026-11-30 23:59 UTC"), "{shown}");
    assert!(!shown.contains("backup of"), "{shown}");
    console.stop().await;
}
