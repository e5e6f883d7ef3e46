//! The action form as the console shows it, at 80x24 and 120x40 for each action; a refusal
//! brought back to the form; the tasks pane with its keys.

mod console_actions_support;

use std::str::FromStr;

use console_actions_support::{Console, RESTORE_USER};
use crossterm::event::KeyCode;
use vbo_restore::api::ApiVersion;
use vbo_restore::console::app::Pane;
use vbo_restore::emulator::Fault;
use vbo_restore::form::{ActionKind, FieldId, FormPresets};
use vbo_restore::tasks::TaskState;

/// A download folder that never changes, so the save form's snapshot stays the same.
const SNAPSHOT_DOWNLOADS: &str = "/tmp/vbo-console-actions-screens";

/// The form over the first document of the first OneDrive, with `action` chosen.
async fn form_on(action: ActionKind) -> Console {
    let mut console = Console::start(ApiVersion::V8, 120, 40).await;
    console.app.presets = FormPresets {
        restore_user: Some(RESTORE_USER.to_owned()),
        download_dir: Some(SNAPSHOT_DOWNLOADS.into()),
        ..FormPresets::default()
    };
    console.open_first_onedrive().await;
    console.first_document();
    let key = if action == ActionKind::Save { 's' } else { 'a' };
    console.press_settle(KeyCode::Char(key)).await;
    console.focus(FieldId::Action);
    while form_action(&console) != action {
        console.press(KeyCode::Right);
    }
    console
}

fn form_action(console: &Console) -> ActionKind {
    console.app.form.as_ref().expect("the form").form.action()
}

async fn snapshots_of(action: ActionKind, name: &str) {
    let mut console = form_on(action).await;
    let large = console.screen();
    console.terminal.backend_mut().resize(80, 24);
    console.app.resize(80, 24);
    let small = console.screen();
    insta::assert_snapshot!(format!("{name}_120x40"), large);
    insta::assert_snapshot!(format!("{name}_80x24"), small);
    console.stop().await;
}

#[tokio::test]
async fn the_restore_form_in_the_console() {
    snapshots_of(ActionKind::Restore, "restore").await;
}

#[tokio::test]
async fn the_copy_form_in_the_console() {
    snapshots_of(ActionKind::Copy, "copy").await;
}

#[tokio::test]
async fn the_send_form_in_the_console() {
    snapshots_of(ActionKind::Send, "send").await;
}

#[tokio::test]
async fn the_save_form_in_the_console() {
    snapshots_of(ActionKind::Save, "save").await;
}

#[tokio::test]
async fn a_wrong_restore_password_shows_the_refusal_and_keeps_the_fields() {
    let mut console = form_on(ActionKind::Restore).await;
    console.fill(FieldId::Password, "wrong");
    console.review();
    console.press(KeyCode::Enter);
    let task = console.task_ended().await;
    assert_eq!(task.state, TaskState::Failed);

    let pane = console.app.form.as_ref().expect("the form stays open");
    assert!(
        !pane.form.is_locked(),
        "the form can be fixed and resubmitted"
    );
    assert_eq!(pane.form.action(), ActionKind::Restore);
    let shown = console.screen();
    assert!(shown.contains("The server refused"), "{shown}");
    assert!(shown.contains("user name or password is"), "{shown}");
    assert!(shown.contains(RESTORE_USER), "the user is kept: {shown}");
    assert!(console.app.popup.is_none(), "the refusal is in the form");

    console.fill(FieldId::Password, "restore");
    console.review();
    console.press(KeyCode::Enter);
    console
        .until("the retry succeeds", |c| {
            c.app.tasks.board.tasks.len() == 2
                && c.app.tasks.board.tasks[1].state == TaskState::Succeeded
        })
        .await;
    console.stop().await;
}

#[tokio::test]
async fn a_refusal_after_the_form_is_closed_shows_as_a_popup() {
    let mut console = form_on(ActionKind::Restore).await;
    // The server takes a second over the restore, long enough to close the form first.
    let delay = Fault::from_str("delay:1:*/restore").expect("a fault");
    console.emulator.set_faults(vec![delay]);
    console.fill(FieldId::Password, "wrong");
    console.review();
    console.press(KeyCode::Enter);
    console
        .until("the runner takes the restore", |c| {
            c.app
                .form
                .as_ref()
                .is_some_and(|pane| !pane.tasks.is_empty())
        })
        .await;
    console.press(KeyCode::Esc);
    assert!(
        console.app.form.is_none(),
        "Esc puts the handed-over form away"
    );
    let task = console.task_ended().await;
    assert_eq!(task.state, TaskState::Failed);
    let popup = console.app.popup.as_ref().expect("a popup says so");
    assert!(popup.title.contains("Task #1 failed"), "{popup:?}");
    assert!(popup.message.contains("password is incorrect"), "{popup:?}");
    console.stop().await;
}

#[tokio::test]
async fn the_tasks_pane_shows_a_finished_save_its_log_and_clears_it() {
    let mut console = Console::start(ApiVersion::V4, 100, 30).await;
    console.open_first_onedrive().await;
    let document = console.first_document();
    console.press_settle(KeyCode::Char('s')).await;
    console.review();
    console.press(KeyCode::Enter);
    let task = console.task_ended().await;
    assert_eq!(task.state, TaskState::Succeeded);
    let status = console.screen();
    assert!(status.contains("Task #1 save succeeded"), "{status}");
    assert!(status.contains("no tasks running"), "the summary: {status}");
    console.press(KeyCode::Esc);
    console.press(KeyCode::Char('t'));
    let pane = console.screen();
    let row = pane
        .lines()
        .find(|line| line.contains("#1"))
        .unwrap_or_else(|| panic!("a row for the task: {pane}"));
    assert!(row.contains("succeeded"), "{row}");
    assert!(row.contains("[##########] 100%"), "{row}");
    assert!(
        pane.contains("cancel") && pane.contains("retry"),
        "hints: {pane}"
    );

    console.press(KeyCode::Enter);
    let details = console.screen();
    let saved = vbo_restore::save::safe_file_name(&document.name);
    assert!(
        details.contains(&saved),
        "the result names the file: {details}"
    );
    console.press(KeyCode::Esc);
    console.press(KeyCode::Char('c'));
    console
        .until("the finished task is cleared", |c| c.app.tasks.is_empty())
        .await;
    assert!(console.screen().contains("No tasks"));
    console.stop().await;
}

#[tokio::test]
async fn t_in_a_handed_over_form_goes_to_the_tasks_as_the_form_offers() {
    let mut console = Console::start(ApiVersion::V8, 80, 24).await;
    console.open_first_onedrive().await;
    console.first_document();
    console.press_settle(KeyCode::Char('s')).await;
    console.review();
    console.press(KeyCode::Enter);
    console.task_ended().await;
    let offered = console.screen();
    assert!(offered.contains("press t to follow it"), "{offered}");

    console.press(KeyCode::Char('t'));
    assert!(console.app.form.is_none(), "the form is put away");
    assert_eq!(console.app.focus, Pane::Tasks);
    console.stop().await;
}
