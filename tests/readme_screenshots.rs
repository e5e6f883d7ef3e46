//! The README's screenshots: the real console, driven by keys against the emulator, drawn to
//! SVG and compared with `assets/screenshots/` byte for byte. With `UPDATE_SCREENSHOTS=1`
//! the pictures are written instead.

mod console_actions_support;
#[path = "support/svg/mod.rs"]
mod svg;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use crossterm::event::KeyCode;

use console_actions_support::Console;
use vbo_restore::api::ApiVersion;
use vbo_restore::console::app::Pane;
use vbo_restore::form::{ActionKind, FieldId};
use vbo_restore::tasks::{Board, TaskState};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 34;
const REGENERATE: &str = "UPDATE_SCREENSHOTS=1 cargo test --test readme_screenshots";

/// Shown instead of the emulator's address, whose port the system picks.
const SERVER_SHOWN: &str = "https://vbo.contoso.local:4443";
/// Shown instead of the test's temporary download folder in the tasks' titles.
const DOWNLOADS_SHOWN: &str = "/home/helpdesk/Downloads";
const MARKED: [&str; 2] = ["Budget.xlsx", "Meeting notes.docx"];

fn picture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/screenshots")
        .join(format!("{name}.svg"))
}

/// Draws the screen, with the parts that change from run to run pinned, as the picture
/// `name`; compares it with the kept one, or writes it under `UPDATE_SCREENSHOTS=1`.
fn picture(console: &mut Console, name: &str) {
    pin_volatile(console);
    let drawn = svg::render(&console.draw());
    let path = picture_path(name);
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some_and(|value| value == "1") {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("assets/screenshots");
        std::fs::write(&path, drawn).expect("the picture is written");
        return;
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "{} cannot be read ({error}); make it with `{REGENERATE}`",
            path.display()
        )
    });
    if let Some((line, (kept, drawn))) = first_difference(&kept, &drawn) {
        panic!(
            "{} differs from what the console draws now, first at line {line}:\n  kept:  {kept}\n  \
             drawn: {drawn}\nIf the change is meant, regenerate the pictures with `{REGENERATE}`",
            path.display()
        );
    }
}

fn first_difference<'a>(kept: &'a str, drawn: &'a str) -> Option<(usize, (&'a str, &'a str))> {
    if kept == drawn {
        return None;
    }
    let mut kept_lines = kept.lines().chain(std::iter::repeat("(end of file)"));
    let mut drawn_lines = drawn.lines().chain(std::iter::repeat("(end of file)"));
    (1..).find_map(|line| {
        let pair = (kept_lines.next()?, drawn_lines.next()?);
        (pair.0 != pair.1).then_some((line, pair))
    })
}

/// Masks what the emulator cannot be told to keep still: its address (a port the system
/// picks), the creation time of the session the test starts (the emulator stamps it with the
/// current time) and the temporary download folder named in a save's title. The values are
/// set in the app's state, so the console lays them out as it would the real ones.
fn pin_volatile(console: &mut Console) {
    console.app.connection.server = SERVER_SHOWN.to_owned();
    let created = Utc.with_ymd_and_hms(2026, 12, 1, 9, 30, 0).single();
    for session in &mut console.app.sessions.list {
        if session.id == console.session {
            session.creation_time = created;
        }
    }
    let downloads = console.downloads.path().display().to_string();
    let board: &mut Board = Arc::make_mut(&mut console.app.tasks.board);
    for task in &mut board.tasks {
        task.title = task.title.replace(&downloads, DOWNLOADS_SHOWN);
    }
}

/// Opens Adele Vance's Documents from the OneDrives pane and marks two documents.
async fn open_documents_and_mark(console: &mut Console) {
    let adele = console
        .app
        .onedrives
        .all
        .iter()
        .find(|onedrive| onedrive.name == "Adele Vance")
        .expect("Adele Vance's OneDrive")
        .id
        .clone();
    console.open_onedrive(&adele).await;
    console.find("Documents");
    console.press_settle(KeyCode::Enter).await;
    for name in MARKED {
        console.find(name);
        console.press(KeyCode::Char(' '));
    }
    assert_eq!(console.app.items.marks.len(), 2);
}

#[tokio::test]
async fn the_sessions_help_onedrives_and_documents_pictures() {
    let mut console = Console::start(ApiVersion::V8, WIDTH, HEIGHT).await;
    console.press_settle(KeyCode::Backspace).await;
    assert_eq!(console.app.focus, Pane::Sessions);
    picture(&mut console, "sessions");

    console.press(KeyCode::Char('?'));
    assert!(console.app.overlay.is_some(), "help is open");
    picture(&mut console, "help");

    console.press(KeyCode::Esc);
    console.press_settle(KeyCode::Enter).await;
    assert_eq!(console.app.focus, Pane::OneDrives);
    picture(&mut console, "onedrives");

    open_documents_and_mark(&mut console).await;
    console.find("Roadmap.pptx");
    picture(&mut console, "documents");
    console.stop().await;
}

#[tokio::test]
async fn the_restore_form_and_tasks_pictures() {
    let mut console = Console::start(ApiVersion::V8, WIDTH, HEIGHT).await;
    open_documents_and_mark(&mut console).await;
    console.press_settle(KeyCode::Char('a')).await;
    console.fill(FieldId::Password, "restore");
    console.focus(FieldId::Continue);
    let form = &console.app.form.as_ref().expect("the form is open").form;
    assert_eq!(form.action(), ActionKind::Restore);
    picture(&mut console, "restore_form");

    console.press(KeyCode::Enter);
    console.press(KeyCode::Enter);
    console.task_ended().await;
    console.press(KeyCode::Esc);
    for name in MARKED {
        console.find(name);
        console.press(KeyCode::Char(' '));
    }
    console.find("Roadmap.pptx");
    console.press_settle(KeyCode::Char('s')).await;
    console.review();
    console.press(KeyCode::Enter);
    console
        .until("the restore and the save have ended", |c| {
            let tasks = &c.app.tasks.board.tasks;
            tasks.len() == 2 && tasks.iter().all(|task| task.state.is_finished())
        })
        .await;
    let states: Vec<TaskState> = console
        .app
        .tasks
        .board
        .tasks
        .iter()
        .map(|t| t.state)
        .collect();
    assert_eq!(states, [TaskState::Succeeded, TaskState::Succeeded]);
    console.press(KeyCode::Esc);
    console.press(KeyCode::Char('t'));
    assert_eq!(console.app.focus, Pane::Tasks);
    picture(&mut console, "tasks");
    console.stop().await;
}
