//! The device code's OSC 52 escape reaches the terminal through the event loop's host, never
//! from the app, and the countdown keeps the code on screen.

mod console_actions_support;

use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use console_actions_support::Console;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures::StreamExt;
use vbo_restore::api::ApiVersion;
use vbo_restore::console::event::{Ending, Host, run_loop};
use vbo_restore::form::FieldId;

/// A host that records the escapes the loop writes.
#[derive(Clone, Default)]
struct RecordingHost {
    escapes: Arc<Mutex<Vec<String>>>,
}

impl Host for RecordingHost {
    fn clipboard(&mut self, _text: &str) -> io::Result<()> {
        Ok(())
    }
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn write_escape(&mut self, escape: &str) -> io::Result<()> {
        self.escapes.lock().expect("lock").push(escape.to_owned());
        Ok(())
    }
}

#[tokio::test]
async fn the_device_code_goes_to_the_clipboard_through_the_loop() {
    let mut console = Console::start(ApiVersion::V8, 100, 30).await;
    console.open_first_onedrive().await;
    console.first_document();
    console.press_settle(KeyCode::Char('a')).await;
    console.focus(FieldId::Auth);
    console.press(KeyCode::Right);
    console.review();

    // From here the real loop runs: Enter on the confirmation asks for a device code.
    let enter = Ok(Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    )));
    let input = futures::stream::iter(vec![enter]).chain(futures::stream::pending());
    let mut host = RecordingHost::default();
    let escapes = host.escapes.clone();
    let written = async move {
        for _ in 0..300 {
            if !escapes.lock().expect("lock").is_empty() {
                // One more turn of the loop draws the code.
                tokio::time::sleep(Duration::from_millis(100)).await;
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    let ending = run_loop(
        &mut console.terminal,
        &mut console.app,
        Box::pin(input),
        &mut console.channels,
        &mut host,
        written,
    )
    .await
    .expect("the loop runs");
    assert_eq!(ending, Ending::Signal);

    let escapes = host.escapes.lock().expect("lock").clone();
    assert_eq!(escapes.len(), 1, "one escape: {escapes:?}");
    assert!(console.escapes.is_empty(), "the app wrote nothing itself");
    let encoded = escapes[0]
        .strip_prefix("\u{1b}]52;c;")
        .and_then(|rest| rest.strip_suffix('\u{7}'))
        .expect("an OSC 52 escape");
    let code = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .expect("base64");
    let code = String::from_utf8(code).expect("text");
    assert!(console.screen().contains(&code), "the code is on screen");
    assert!(console.app.wants_ticks(), "the countdown runs");
    console.stop().await;
}
