//! The app driven by key events and fake worker replies, as the event loop drives it.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde_json::json;

use super::*;
use crate::api::model::Item;
use crate::console::request::{Effect, Failure, Reply, ReplyBody};

fn connection(v6: bool) -> Connection {
    Connection {
        server: "https://vbo.example.com:4443".to_owned(),
        user: "helpdesk".to_owned(),
        api: if v6 { "v8" } else { "v5" }.to_owned(),
        has_search_and_versions: v6,
    }
}

fn app(v6: bool) -> App {
    App::new(connection(v6), Keymap::default(), Theme::basic(), (80, 24))
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// The requests queued since the last call, with their tickets.
fn sent(app: &mut App) -> Vec<(Ticket, Request)> {
    app.take_effects()
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::Send(envelope) => Some((envelope.ticket, envelope.request)),
            _ => None,
        })
        .collect()
}

fn only(app: &mut App) -> (Ticket, Request) {
    let mut requests = sent(app);
    assert_eq!(requests.len(), 1, "one request expected: {requests:?}");
    requests.remove(0)
}

fn reply(app: &mut App, ticket: Ticket, body: ReplyBody) {
    app.handle_reply(Reply { ticket, body });
}

fn session(id: &str) -> RestoreSession {
    serde_json::from_value(json!({"id": id, "name": format!("Session {id}"), "state": "Working"}))
        .expect("session")
}

fn onedrive(id: &str) -> OneDrive {
    serde_json::from_value(json!({"id": id, "name": format!("User {id}")})).expect("onedrive")
}

fn item(id: &str, folder: bool) -> Item {
    serde_json::from_value(json!({
        "id": id, "name": id, "isFolder": folder,
        "sizeBytes": if folder { None } else { Some(1000) },
    }))
    .expect("item")
}

/// An app showing the root of OneDrive "d1" with folders f00..f09 and documents doc00..doc09.
fn at_root(v6: bool) -> App {
    let mut app = app(v6);
    let (ticket, _) = only(&mut app);
    reply(
        &mut app,
        ticket,
        ReplyBody::Sessions(vec![session("s1"), session("s2")]),
    );
    key(&mut app, KeyCode::Enter);
    let (ticket, request) = only(&mut app);
    assert_eq!(
        request,
        Request::OneDrives {
            session: "s1".to_owned()
        }
    );
    reply(
        &mut app,
        ticket,
        ReplyBody::OneDrives(vec![onedrive("d1"), onedrive("d2")]),
    );
    key(&mut app, KeyCode::Enter);
    let (ticket, request) = only(&mut app);
    let expected = Request::Items {
        session: "s1".to_owned(),
        onedrive: "d1".to_owned(),
        folder: None,
    };
    assert_eq!(request, expected);
    let mut rows: Vec<Item> = (0..10).map(|n| item(&format!("f{n:02}"), true)).collect();
    rows.extend((0..10).map(|n| item(&format!("doc{n:02}"), false)));
    reply(
        &mut app,
        ticket,
        ReplyBody::ItemsPage {
            items: rows,
            done: true,
        },
    );
    app
}

fn current_id(app: &App) -> String {
    app.items
        .current()
        .map(|i| i.id.clone())
        .unwrap_or_default()
}

#[test]
fn pages_arrive_one_by_one_and_say_more_is_coming() {
    let mut app = at_root(true);
    key(&mut app, KeyCode::Char('r'));
    let (ticket, _) = only(&mut app);
    let page = (0..1000)
        .map(|n| item(&format!("d{n:04}"), false))
        .collect();
    reply(
        &mut app,
        ticket,
        ReplyBody::ItemsPage {
            items: page,
            done: false,
        },
    );
    assert_eq!(app.items_progress(), "1,000 loaded, more coming");
    assert!(app.is_loading());
    let page = (1000..1500)
        .map(|n| item(&format!("d{n:04}"), false))
        .collect();
    reply(
        &mut app,
        ticket,
        ReplyBody::ItemsPage {
            items: page,
            done: true,
        },
    );
    assert_eq!(app.items_progress(), "1,500 loaded");
    assert!(!app.is_loading());
}

#[test]
fn a_reply_to_a_replaced_request_is_dropped() {
    let mut app = app(true);
    let (ticket, _) = only(&mut app);
    reply(
        &mut app,
        ticket,
        ReplyBody::Sessions(vec![session("s1"), session("s2")]),
    );
    key(&mut app, KeyCode::Enter);
    let (first, _) = only(&mut app);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let (second, request) = only(&mut app);
    assert_eq!(
        request,
        Request::OneDrives {
            session: "s2".to_owned()
        }
    );
    reply(
        &mut app,
        first,
        ReplyBody::OneDrives(vec![onedrive("stale")]),
    );
    assert!(
        app.onedrives.all.is_empty(),
        "the stale listing must not show"
    );
    reply(
        &mut app,
        second,
        ReplyBody::OneDrives(vec![onedrive("fresh")]),
    );
    assert_eq!(app.onedrives.all[0].id, "fresh");
}

#[test]
fn backspace_returns_to_the_folder_left_at_the_same_screen_row() {
    let mut app = at_root(true);
    for _ in 0..4 {
        key(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(current_id(&app), "f04");
    key(&mut app, KeyCode::Char('l'));
    let (ticket, request) = only(&mut app);
    assert!(matches!(request, Request::Items { folder: Some(ref f), .. } if f == "f04"));
    reply(
        &mut app,
        ticket,
        ReplyBody::ItemsPage {
            items: vec![item("inner", false)],
            done: true,
        },
    );
    assert_eq!(app.breadcrumb_path(), "/f04");

    key(&mut app, KeyCode::Backspace);
    let (ticket, request) = only(&mut app);
    assert!(matches!(request, Request::Items { folder: None, .. }));
    let mut rows: Vec<Item> = (0..10).map(|n| item(&format!("f{n:02}"), true)).collect();
    rows.push(item("doc", false));
    reply(
        &mut app,
        ticket,
        ReplyBody::ItemsPage {
            items: rows,
            done: true,
        },
    );
    assert_eq!(current_id(&app), "f04");
    assert_eq!(app.items.cursor.screen_row(), 4);
}

#[test]
fn marks_survive_folders_of_one_onedrive_and_sum_their_sizes() {
    let mut app = at_root(true);
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.items.marks.len(), 2);
    assert_eq!(app.items.marks.total_bytes(), 2000);

    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Enter);
    let (ticket, _) = only(&mut app);
    reply(
        &mut app,
        ticket,
        ReplyBody::ItemsPage {
            items: vec![item("deep", false)],
            done: true,
        },
    );
    key(&mut app, KeyCode::Char('*'));
    assert_eq!(
        app.items.marks.len(),
        3,
        "marks from the parent folder stay"
    );

    let selection = app.selection(false).expect("selection");
    assert_eq!(selection.summary(), "3 documents, 2.9 KiB");

    key(&mut app, KeyCode::Backspace);
    let _ = sent(&mut app);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let _ = sent(&mut app);
    assert!(
        app.items.marks.is_empty(),
        "another OneDrive starts without marks"
    );
}

#[test]
fn the_filter_narrows_as_one_types_and_enter_searches_on_v6() {
    let mut app = at_root(true);
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "DOC0");
    assert_eq!(app.items.listing.visible_len(), 10);
    typed(&mut app, "7");
    assert_eq!(current_id(&app), "doc07");
    key(&mut app, KeyCode::Enter);
    let (ticket, request) = only(&mut app);
    assert!(matches!(request, Request::Search { ref query, .. } if query == "DOC07"));
    reply(
        &mut app,
        ticket,
        ReplyBody::SearchResults(vec![item("found", false)]),
    );
    assert_eq!(app.items.search.as_deref(), Some("DOC07"));
    assert_eq!(current_id(&app), "found");

    key(&mut app, KeyCode::Esc);
    assert!(matches!(only(&mut app).1, Request::Items { .. }));
}

#[test]
fn without_v6_enter_keeps_the_filter_and_versions_are_explained() {
    let mut app = at_root(false);
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "doc");
    key(&mut app, KeyCode::Enter);
    assert!(sent(&mut app).is_empty());
    assert_eq!(app.items.listing.visible_len(), 10);
    key(&mut app, KeyCode::Char('v'));
    assert!(sent(&mut app).is_empty());
    let notice = app.notice.clone().unwrap_or_default();
    assert!(notice.contains("v6") && notice.contains("v5"), "{notice}");
}

#[test]
fn releases_are_ignored_and_q_asks_only_when_tasks_run() {
    let mut app = at_root(true);
    let mut release = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    app.handle_key(release);
    assert_eq!(app.items.cursor.selected, 0);

    app.running_tasks = 1;
    key(&mut app, KeyCode::Char('q'));
    let Some(Overlay::Confirm(one)) = &app.overlay else {
        panic!("q asks first");
    };
    assert_eq!(
        one.question,
        "1 task is still running. Quit, cancel it and remove its partial files?"
    );
    key(&mut app, KeyCode::Char('n'));

    app.running_tasks = 2;
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.should_quit());
    let Some(Overlay::Confirm(two)) = &app.overlay else {
        panic!("q asks first");
    };
    assert!(
        two.question.starts_with("2 tasks are still running"),
        "{two:?}"
    );
    assert!(two.question.contains("cancel them"), "{two:?}");
    key(&mut app, KeyCode::Char('y'));
    assert!(app.should_quit());
}

#[test]
fn a_failure_becomes_a_popup_and_a_log_line() {
    let mut app = app(true);
    let (ticket, _) = only(&mut app);
    let failure = Failure {
        what: "listing the restore sessions".to_owned(),
        message: "The server answered 500: database is locked".to_owned(),
    };
    reply(&mut app, ticket, ReplyBody::Failed(failure));
    assert_eq!(app.sessions.load, Load::Failed);
    let popup = app.popup.clone().expect("popup");
    assert!(popup.title.contains("listing the restore sessions"));
    assert!(
        app.log
            .entries()
            .any(|e| e.text.contains("database is locked"))
    );
    key(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none());
}

#[test]
fn stopping_a_session_asks_first() {
    let mut app = app(true);
    let (ticket, _) = only(&mut app);
    reply(&mut app, ticket, ReplyBody::Sessions(vec![session("s1")]));
    key(&mut app, KeyCode::Char('x'));
    assert!(sent(&mut app).is_empty());
    key(&mut app, KeyCode::Char('n'));
    assert!(app.overlay.is_none());
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        only(&mut app).1,
        Request::StopSession {
            session: "s1".to_owned()
        }
    );
}
