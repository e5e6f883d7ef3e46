//! The action form and the runner's news in the app, driven by keys and fake replies: what
//! is asked of the worker, once, and where a failure is shown.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

use super::*;
use crate::api::model::Item;
use crate::console::request::{Effect, Reply, ReplyBody};
use crate::form::FieldId;
use crate::tasks::{Board, Progress, Summary, Task, TaskId, TaskKind, TaskState};

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn requests(app: &mut App) -> Vec<(Ticket, Request)> {
    app.take_effects()
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::Send(envelope) => Some((envelope.ticket, envelope.request)),
            _ => None,
        })
        .collect()
}

fn answer(app: &mut App, body: impl FnOnce(&Request) -> ReplyBody) {
    let mut sent = requests(app);
    assert_eq!(sent.len(), 1, "one request: {sent:?}");
    let (ticket, request) = sent.remove(0);
    app.handle_reply(Reply {
        ticket,
        body: body(&request),
    });
}

fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("a model")
}

/// An app at the root of OneDrive "d1" of session "s1", which holds one document.
fn browsing() -> App {
    let connection = Connection {
        server: "https://vbo.example.com:4443".to_owned(),
        user: "helpdesk".to_owned(),
        api: "v8".to_owned(),
        has_search_and_versions: true,
    };
    let mut app = App::new(connection, Keymap::default(), Theme::basic(), (80, 24));
    let session = json!({"id": "s1", "name": "Session", "state": "Working"});
    answer(&mut app, |_| ReplyBody::Sessions(vec![from_json(session)]));
    press(&mut app, KeyCode::Enter);
    let drive = json!({"id": "d1", "name": "Adele Vance"});
    answer(&mut app, |_| ReplyBody::OneDrives(vec![from_json(drive)]));
    press(&mut app, KeyCode::Enter);
    let document: Item = from_json(json!({
        "id": "doc1", "name": "Report.docx", "isFolder": false, "sizeBytes": 1000
    }));
    answer(&mut app, |_| ReplyBody::ItemsPage {
        items: vec![document],
        done: true,
    });
    app
}

fn task(id: u64, state: TaskState, failure: Option<&str>) -> Task {
    Task {
        id: TaskId(id),
        kind: TaskKind::Save,
        title: "Report.docx".to_owned(),
        state,
        progress: Progress::default(),
        log: Vec::new(),
        result: None,
        failure: failure.map(|reason| crate::tasks::Failure {
            reason: reason.to_owned(),
            exit_code: 1,
        }),
        attempt: 1,
    }
}

#[test]
fn s_asks_for_the_email_settings_once_then_opens_the_form_on_save() {
    let mut app = browsing();
    press(&mut app, KeyCode::Char('s'));
    assert!(
        app.form.is_none() && app.is_loading(),
        "waiting for the server"
    );
    answer(&mut app, |request| {
        assert_eq!(*request, Request::EmailSettings);
        ReplyBody::EmailSettings(true)
    });
    let pane = app.form.as_ref().expect("the form opens");
    assert_eq!(pane.form.action(), crate::form::ActionKind::Save);
    assert_eq!(app.context(), Context::Form);

    press(&mut app, KeyCode::Esc);
    assert!(app.form.is_none());
    press(&mut app, KeyCode::Char('a'));
    assert!(app.form.is_some(), "the second time it opens at once");
    assert!(requests(&mut app).is_empty());
}

#[test]
fn a_submission_goes_to_the_worker_once_and_its_failure_comes_back_to_the_form() {
    let mut app = browsing();
    let downloads = tempfile::tempdir().expect("a download folder");
    app.presets.download_dir = Some(downloads.path().to_owned());
    app.email_settings = Some(true);
    press(&mut app, KeyCode::Char('s'));
    let form = &mut app.form.as_mut().expect("the form").form;
    for _ in 0..40 {
        if form.focused() == FieldId::Continue {
            break;
        }
        form.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    }
    for _ in 0..4 {
        press(&mut app, KeyCode::Enter);
    }
    answer(&mut app, |request| {
        assert!(matches!(request, Request::Submit(_)), "{request:?}");
        ReplyBody::Submitted(vec![TaskId(7)])
    });
    press(&mut app, KeyCode::Enter);
    assert!(requests(&mut app).is_empty(), "never sent twice");

    let board = Board {
        tasks: vec![task(7, TaskState::Running, None)],
        summary: Summary {
            running: 1,
            ..Summary::default()
        },
    };
    app.handle_reply(Reply {
        ticket: Ticket::RUNNER,
        body: ReplyBody::Board(Arc::new(board)),
    });
    assert_eq!(app.running_tasks, 1);
    let failed = task(7, TaskState::Failed, Some("the disk is full"));
    app.handle_reply(Reply {
        ticket: Ticket::RUNNER,
        body: ReplyBody::TaskEnded(Box::new(failed)),
    });
    let pane = app.form.as_ref().expect("the form stays");
    assert!(!pane.form.is_locked(), "open again for a fix");
    assert!(app.popup.is_none());
}

#[test]
fn a_failure_after_the_form_closed_is_a_popup_and_a_success_a_notice() {
    let mut app = browsing();
    let failed = task(3, TaskState::Failed, Some("HTTP 500"));
    app.handle_reply(Reply {
        ticket: Ticket::RUNNER,
        body: ReplyBody::TaskEnded(Box::new(failed)),
    });
    let popup = app.popup.take().expect("a popup");
    assert_eq!(popup.title, "Task #3 failed");
    assert_eq!(popup.message, "HTTP 500");

    let done = task(4, TaskState::Succeeded, None);
    app.handle_reply(Reply {
        ticket: Ticket::RUNNER,
        body: ReplyBody::TaskEnded(Box::new(done)),
    });
    assert_eq!(app.notice.as_deref(), Some("Task #4 save succeeded"));
}
