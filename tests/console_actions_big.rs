//! While a 2 GiB save streams, the console keeps answering keys; the tasks pane cancels it
//! (no file, no .part), retries it, and quitting asks first and then cancels it.

mod console_actions_support;

use console_actions_support::Console;
use crossterm::event::KeyCode;
use vbo_restore::api::ApiVersion;
use vbo_restore::console::app::{ConfirmAction, Overlay, Pane};
use vbo_restore::emulator::tenant;
use vbo_restore::tasks::TaskState;

/// Bytes the save must have streamed before the test starts pressing keys.
const UNDER_WAY_BYTES: u64 = 1024 * 1024;

/// Whether the save has streamed a little (or, to fail fast, has already ended).
fn under_way_or_ended(console: &Console) -> bool {
    console.app.tasks.board.tasks.first().is_some_and(|task| {
        task.state.is_finished()
            || (task.state == TaskState::Running && task.progress.bytes_done >= UNDER_WAY_BYTES)
    })
}

/// Whether the summary has a speed to show (or the save has ended).
fn measured_or_ended(console: &Console) -> bool {
    let summary = &console.app.tasks.board.summary;
    summary.bytes_per_sec >= 1.0 || !summary.is_busy()
}

fn assert_running(console: &Console) {
    let task = &console.app.tasks.board.tasks[0];
    assert_eq!(
        task.state,
        TaskState::Running,
        "the save still runs: {task:?}"
    );
}

fn assert_nothing_left(console: &Console) {
    let left = console.downloaded();
    assert!(left.is_empty(), "no file and no .part: {left:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_keep_working_while_a_2_gib_save_runs_then_it_is_cancelled() {
    let mut console = Console::start(ApiVersion::V8, 120, 40).await;
    console.open_onedrive(&tenant::big_onedrive_id()).await;
    console.find("Video");
    console.press_settle(KeyCode::Enter).await;
    console.find(tenant::LARGE_DOCUMENT_NAME);
    console.press_settle(KeyCode::Char('s')).await;
    console.review();
    console.press(KeyCode::Enter);
    console
        .until("the save is under way", under_way_or_ended)
        .await;
    console.until("the speed is known", measured_or_ended).await;
    assert_running(&console);
    let shown = console.screen();
    assert!(shown.contains("1 running"), "the summary: {shown}");
    assert!(shown.contains("iB/s"), "the summary has the speed: {shown}");

    // Browsing goes on: the form closes, the folder above lists, the cursor moves, panes
    // switch.
    console.press(KeyCode::Esc);
    assert!(console.app.form.is_none());
    console.press_settle(KeyCode::Backspace).await;
    assert!(
        console.app.items.path.is_empty(),
        "back at the OneDrive's root"
    );
    console.press(KeyCode::Home);
    let top = console.app.items.cursor.selected;
    console.press(KeyCode::Down);
    assert_eq!(
        console.app.items.cursor.selected,
        top + 1,
        "the cursor moves"
    );
    console.press(KeyCode::Tab);
    assert_ne!(console.app.focus, Pane::Items, "Tab switches panes");
    console.press(KeyCode::Char('t'));
    assert_eq!(console.app.focus, Pane::Tasks);
    console.drain();
    assert_running(&console);
    let pane = console.screen();
    let row = pane
        .lines()
        .find(|line| line.contains("#1"))
        .unwrap_or_else(|| panic!("a row for the save: {pane}"));
    assert!(row.contains("running") && row.contains('%'), "{row}");

    console.press(KeyCode::Char('x'));
    let task = console.task_ended().await;
    assert_eq!(task.state, TaskState::Cancelled);
    assert_nothing_left(&console);

    // Retried, it runs again; quitting asks first, and yes cancels it and cleans up.
    console.press(KeyCode::Char('R'));
    console
        .until("the retry is under way", |c| {
            c.app.tasks.board.tasks[0].attempt == 2 && under_way_or_ended(c)
        })
        .await;
    assert_running(&console);
    console.press(KeyCode::Char('q'));
    match &console.app.overlay {
        Some(Overlay::Confirm(confirm)) => {
            assert_eq!(confirm.action, ConfirmAction::Quit);
            assert!(
                confirm.question.contains("1 task is still running"),
                "{confirm:?}"
            );
        }
        other => panic!("quitting with a task running asks first: {other:?}"),
    }
    assert!(!console.app.should_quit());
    console.press(KeyCode::Char('y'));
    assert!(console.app.should_quit());
    // What the console does after its loop ends on quit or SIGHUP.
    console.runner.shutdown().await;
    assert_nothing_left(&console);
    console.stop().await;
}
