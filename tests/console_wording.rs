//! The words the console uses for what a task did, in the tasks pane, its details and the
//! notice when it ends: each action its own verb, one name for the original location.

mod console_actions_support;

use console_actions_support::Console;
use crossterm::event::KeyCode;
use vbo_restore::api::ApiVersion;
use vbo_restore::form::FieldId;
use vbo_restore::tasks::TaskState;

/// Opens the form over the first document of the first OneDrive.
async fn form_over_one_document(width: u16, height: u16) -> Console {
    let mut console = Console::start(ApiVersion::V8, width, height).await;
    console.open_first_onedrive().await;
    console.first_document();
    console.press_settle(KeyCode::Char('a')).await;
    assert!(console.app.form.is_some(), "a opens the form");
    console
}

/// Signs in with the password, confirms, and waits for the task and its notice.
async fn submit_and_wait(console: &mut Console) -> String {
    console.fill(FieldId::Password, "restore");
    console.review();
    console.press(KeyCode::Enter);
    let task = console.task_ended().await;
    assert_eq!(task.state, TaskState::Succeeded, "{:?}", task.failure);
    console
        .until("the notice says the task ended", |c| c.app.notice.is_some())
        .await;
    console.app.notice.clone().unwrap_or_default()
}

/// The task's details as Enter in the tasks pane shows them.
fn task_details(console: &mut Console) -> String {
    console.press(KeyCode::Esc);
    console.press(KeyCode::Char('t'));
    console.press(KeyCode::Enter);
    console.screen()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_goes_to_the_original_location() {
    let mut console = form_over_one_document(120, 40).await;
    submit_and_wait(&mut console).await;
    let details = task_details(&mut console);
    assert!(details.contains("to the original location"), "{details}");
    assert!(!details.contains("original place"), "{details}");
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_says_copied_and_a_restore_restored() {
    let mut console = form_over_one_document(120, 40).await;
    let target = console.app.onedrives.all[console.app.onedrives.visible[1]].clone();
    console.focus(FieldId::Action);
    console.press(KeyCode::Right);
    console.focus(FieldId::CopyTarget);
    console.type_text(&target.name);
    console.fill(FieldId::CopyFolder, "Restored");
    let notice = submit_and_wait(&mut console).await;
    assert!(notice.contains("1 copied, 0 failed"), "{notice}");
    assert!(!notice.contains("restored"), "{notice}");
    let details = task_details(&mut console);
    assert!(details.contains("done: 1 copied"), "the log: {details}");
    console.press(KeyCode::Esc);
    console.press(KeyCode::Esc);

    console.press_settle(KeyCode::Char('a')).await;
    let notice = submit_and_wait(&mut console).await;
    assert!(
        notice.contains("Task #2 restore succeeded: 1 restored"),
        "{notice}"
    );
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tasks_pane_gives_what_the_room_at_80_columns() {
    let mut console = Console::start(ApiVersion::V8, 80, 24).await;
    console.open_first_onedrive().await;
    console.mark_documents(2);
    console.press_settle(KeyCode::Char('s')).await;
    console.review();
    console.press(KeyCode::Enter);
    let task = console.task_ended().await;
    console.press(KeyCode::Esc);
    console.press(KeyCode::Char('t'));
    let pane = console.screen();
    let row = pane
        .lines()
        .find(|line| line.contains("#1"))
        .unwrap_or_else(|| panic!("a row for the task: {pane}"));
    let head: String = task.title.chars().take(40).collect();
    assert!(head.starts_with("save 2 documents of "), "{head}");
    assert!(row.contains(&head), "{head:?} in {row:?}");
    assert!(row.contains("succeeded"), "{row}");
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_file_is_named_on_the_status_line_at_80_columns() {
    let mut console = Console::start(ApiVersion::V8, 80, 24).await;
    console.open_first_onedrive().await;
    let document = console.first_document();
    console.press_settle(KeyCode::Char('s')).await;
    console.review();
    console.press(KeyCode::Enter);
    console.task_ended().await;
    console
        .until("the notice says the task ended", |c| c.app.notice.is_some())
        .await;
    let screen = console.screen();
    let status = screen.lines().rev().nth(1).unwrap_or_default();
    let saved = vbo_restore::save::safe_file_name(&document.name);
    assert!(status.starts_with("Task #1 save succeeded"), "{status:?}");
    assert!(status.contains(&saved), "{saved:?} in {status:?}");

    // The summary comes back once the notice has been read.
    console.press(KeyCode::Esc);
    let screen = console.screen();
    let status = screen.lines().rev().nth(1).unwrap_or_default();
    assert!(status.contains("no tasks running"), "{status:?}");
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_confirmation_step_says_esc_goes_back() {
    let mut console = form_over_one_document(80, 24).await;
    let hints = console
        .screen()
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(hints.contains("Esc cancel"), "on the fields: {hints:?}");

    console.fill(FieldId::Password, "restore");
    console.review();
    let hints = console
        .screen()
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(hints.contains("Esc back"), "{hints:?}");
    assert!(!hints.contains("cancel"), "{hints:?}");
    console.press(KeyCode::Esc);
    assert!(
        console.app.form.is_some(),
        "Esc went back, it did not cancel"
    );
    let hints = console
        .screen()
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(
        hints.contains("Esc cancel"),
        "back on the fields: {hints:?}"
    );
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_copy_target_filter_takes_names_with_spaces_and_offers_no_space_key() {
    let mut console = form_over_one_document(80, 24).await;
    console.focus(FieldId::Action);
    let hints = console
        .screen()
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(hints.contains("Space change"), "on a choice: {hints:?}");
    console.press(KeyCode::Right);
    console.focus(FieldId::CopyTarget);
    let screen = console.screen();
    let hints = screen.lines().last().unwrap_or_default();
    assert!(!hints.contains("Space"), "Space types here: {hints:?}");
    assert!(screen.contains("type to filter  ↑/↓ choose"), "{screen}");

    console.press(KeyCode::Char(' '));
    console.type_text("megan b");
    let screen = console.screen();
    assert!(
        screen.contains("filter: megan b "),
        "no leading space: {screen}"
    );
    let target = screen
        .lines()
        .find(|line| line.contains("Target OneDrive"))
        .unwrap_or_default();
    assert!(target.contains("Megan Bowen"), "{screen}");
    console.stop().await;
}
