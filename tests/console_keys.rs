//! The `[keys]` table of the config rebinds an action by name and changes nothing else.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

use vbo_restore::api::model::RestoreSession;
use vbo_restore::config;
use vbo_restore::console::app::{App, Connection};
use vbo_restore::console::keymap::{Action, Context, Keymap};
use vbo_restore::console::request::{Effect, Reply, ReplyBody};
use vbo_restore::console::theme::Theme;

fn keymap_from(toml: &str) -> Result<Keymap, vbo_restore::console::keymap::KeymapError> {
    let file = config::parse(toml, std::path::Path::new("test.toml")).expect("valid config");
    Keymap::from_config(&file.keys)
}

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn sessions_app(keymap: Keymap) -> App {
    let connection = Connection {
        server: "https://vbo.example.com".to_owned(),
        user: "helpdesk".to_owned(),
        api: "v8".to_owned(),
        has_search_and_versions: true,
    };
    let mut app = App::new(connection, keymap, Theme::basic(), (80, 24));
    let ticket = app
        .take_effects()
        .into_iter()
        .find_map(|effect| match effect {
            Effect::Send(envelope) => Some(envelope.ticket),
            _ => None,
        })
        .expect("sessions requested");
    let sessions: Vec<RestoreSession> = (0..5)
        .map(|n| serde_json::from_value(json!({"id": format!("s{n}")})).expect("session"))
        .collect();
    app.handle_reply(Reply {
        ticket,
        body: ReplyBody::Sessions(sessions),
    });
    app
}

#[test]
fn a_rebound_action_takes_exactly_the_keys_given_and_others_keep_theirs() {
    let keymap = keymap_from("[keys]\ndown = [\"Down\", \"J\"]\nquit = \"ctrl-q\"\n").expect("ok");
    let default = Keymap::default();

    assert_eq!(
        keymap.action(Context::Items, &press(KeyCode::Char('J'))),
        Some(Action::Down)
    );
    assert_eq!(
        keymap.action(Context::Items, &press(KeyCode::Char('j'))),
        None
    );
    assert_eq!(
        keymap.action(Context::Items, &press(KeyCode::Char('q'))),
        None
    );
    let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert_eq!(keymap.action(Context::Items, &ctrl_q), Some(Action::Quit));

    // Everything not named is untouched, in every context.
    for context in [
        Context::Sessions,
        Context::OneDrives,
        Context::Items,
        Context::Viewer,
    ] {
        let mine = keymap.help(context);
        let theirs = default.help(context);
        assert_eq!(mine.len(), theirs.len());
        for (a, b) in mine.iter().zip(&theirs) {
            if a.name != "down" && a.name != "quit" {
                assert_eq!(a, b, "{} changed in {context:?}", a.name);
            }
        }
    }
    let down = keymap
        .help(Context::Items)
        .into_iter()
        .find(|l| l.name == "down")
        .expect("down");
    assert_eq!(down.keys, "Down, J");
}

#[test]
fn the_app_follows_the_rebound_keys() {
    let keymap = keymap_from("[keys]\ndown = \"J\"\n").expect("ok");
    let mut app = sessions_app(keymap);
    app.handle_key(press(KeyCode::Char('j')));
    assert_eq!(app.sessions.cursor.selected, 0, "j no longer moves");
    app.handle_key(press(KeyCode::Char('J')));
    app.handle_key(press(KeyCode::Char('J')));
    assert_eq!(app.sessions.cursor.selected, 2);
    app.handle_key(press(KeyCode::Char('k')));
    assert_eq!(app.sessions.cursor.selected, 1, "up keeps its keys");
}

#[test]
fn a_bad_table_is_refused_with_a_sentence_that_names_the_problem() {
    let unknown = keymap_from("[keys]\nexplode = \"x\"\n").expect_err("unknown action");
    assert!(unknown.to_string().contains("\"explode\""), "{unknown}");
    let clash = keymap_from("[keys]\nhelp = \"j\"\n").expect_err("j is down");
    let message = clash.to_string();
    assert!(
        message.contains("down") && message.contains("help"),
        "{message}"
    );
}
