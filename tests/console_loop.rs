//! The event loop on a test terminal: key presses only, resizes, worker replies, quitting.

use std::io;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use futures::StreamExt;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;
use tokio::sync::mpsc;

use vbo_restore::api::model::RestoreSession;
use vbo_restore::console::app::{App, Connection};
use vbo_restore::console::event::{Channels, Ending, Host, run_loop};
use vbo_restore::console::keymap::Keymap;
use vbo_restore::console::request::{Envelope, Reply, ReplyBody, Request};
use vbo_restore::console::theme::Theme;

#[derive(Default)]
struct RecordingHost {
    clipboard: Vec<String>,
}

impl Host for RecordingHost {
    fn clipboard(&mut self, text: &str) -> io::Result<()> {
        self.clipboard.push(text.to_owned());
        Ok(())
    }
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn key(code: KeyCode, kind: KeyEventKind) -> io::Result<Event> {
    let mut event = KeyEvent::new(code, KeyModifiers::NONE);
    event.kind = kind;
    Ok(Event::Key(event))
}

#[tokio::test]
async fn the_loop_reads_presses_only_follows_resizes_and_quits() {
    let connection = Connection {
        server: "https://vbo.example.com".to_owned(),
        user: "helpdesk".to_owned(),
        api: "v8".to_owned(),
        has_search_and_versions: true,
    };
    let mut app = App::new(connection, Keymap::default(), Theme::basic(), (80, 24));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");

    // A stand-in worker that answers the sessions listing.
    let (requests, mut inbox) = mpsc::unbounded_channel::<Envelope>();
    let (outbox, replies) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(envelope) = inbox.recv().await {
            if envelope.request == Request::Sessions {
                let sessions: Vec<RestoreSession> = (0..3)
                    .map(|n| serde_json::from_value(json!({"id": format!("s{n}")})).expect("s"))
                    .collect();
                let body = ReplyBody::Sessions(sessions);
                let _ = outbox.send(Reply {
                    ticket: envelope.ticket,
                    body,
                });
            }
        }
    });
    let mut channels = Channels { requests, replies };

    // Keys wait until the sessions are in, as a person would; a release or repeat of q must
    // not quit, and only the final press does.
    let (keys, key_stream) = mpsc::unbounded_channel::<io::Result<Event>>();
    let input = futures::stream::unfold(key_stream, |mut rx| async move {
        rx.recv().await.map(|event| (event, rx))
    })
    .boxed();
    let script = tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let events = [
            key(KeyCode::Char('q'), KeyEventKind::Release),
            key(KeyCode::Char('q'), KeyEventKind::Repeat),
            key(KeyCode::Char('j'), KeyEventKind::Press),
            key(KeyCode::Char('j'), KeyEventKind::Release),
            Ok(Event::Resize(100, 30)),
            key(KeyCode::Char('y'), KeyEventKind::Press),
            key(KeyCode::Char('q'), KeyEventKind::Press),
        ];
        for event in events {
            let _ = keys.send(event);
        }
        keys
    });

    let mut host = RecordingHost::default();
    let ending = run_loop(
        &mut terminal,
        &mut app,
        input,
        &mut channels,
        &mut host,
        std::future::pending(),
    )
    .await
    .expect("the loop runs");
    let _keys = script.await.expect("script");

    assert_eq!(ending, Ending::Quit);
    assert_eq!(app.sessions.list.len(), 3, "the worker's reply was applied");
    assert_eq!(
        app.sessions.cursor.selected, 1,
        "one press of j, no release"
    );
    assert_eq!(app.size, (100, 30), "the resize reached the app");
    assert_eq!(
        host.clipboard,
        vec!["s1".to_owned()],
        "y copied the session id"
    );
}
