//! A console app with a folder of 100,000 documents loaded, built from replies as the worker
//! would send them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

use vbo_restore::api::model::{Item, OneDrive, RestoreSession};
use vbo_restore::console::app::{App, Connection};
use vbo_restore::console::keymap::Keymap;
use vbo_restore::console::request::{Effect, Reply, ReplyBody, Ticket};
use vbo_restore::console::theme::Theme;

pub const ROWS: usize = 100_000;
const PAGE: usize = 1_000;

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn last_ticket(app: &mut App) -> Ticket {
    app.take_effects()
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::Send(envelope) => Some(envelope.ticket),
            _ => None,
        })
        .next_back()
        .expect("the app asked for something")
}

fn document(n: usize) -> Item {
    serde_json::from_value(json!({
        "id": format!("doc-{n:06}"),
        "name": format!("Quarterly report {n:06}.docx"),
        "isFolder": false,
        "sizeBytes": 10_000 + n * 37,
        "version": format!("{}.0", n % 9 + 1),
        "modifiedBy": "Adele Vance",
        "modificationTime": format!("2026-{:02}-{:02}T10:{:02}:00Z", n % 12 + 1, n % 28 + 1, n % 60),
    }))
    .expect("document")
}

/// The console at `size`, showing a folder whose 100,000 documents have all arrived.
pub fn loaded_app(size: (u16, u16)) -> App {
    let connection = Connection {
        server: "https://vbo.example.com:4443".to_owned(),
        user: "helpdesk".to_owned(),
        api: "v8".to_owned(),
        has_search_and_versions: true,
    };
    let mut app = App::new(connection, Keymap::default(), Theme::basic(), size);
    let session: RestoreSession =
        serde_json::from_value(json!({"id": "s", "name": "Contoso", "state": "Working"}))
            .expect("session");
    let ticket = last_ticket(&mut app);
    app.handle_reply(Reply {
        ticket,
        body: ReplyBody::Sessions(vec![session]),
    });
    press(&mut app, KeyCode::Enter);
    let onedrive: OneDrive =
        serde_json::from_value(json!({"id": "d", "name": "Adele Vance"})).expect("onedrive");
    let ticket = last_ticket(&mut app);
    app.handle_reply(Reply {
        ticket,
        body: ReplyBody::OneDrives(vec![onedrive]),
    });
    press(&mut app, KeyCode::Enter);
    let ticket = last_ticket(&mut app);
    for start in (0..ROWS).step_by(PAGE) {
        let items = (start..start + PAGE).map(document).collect();
        let done = start + PAGE >= ROWS;
        app.handle_reply(Reply {
            ticket,
            body: ReplyBody::ItemsPage { items, done },
        });
    }
    assert_eq!(app.items.listing.loaded(), ROWS);
    app
}
