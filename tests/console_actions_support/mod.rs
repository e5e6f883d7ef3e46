//! Drives the whole console, action form and task runner included, on a TestBackend against
//! the in-process emulator over real HTTPS: keys in, the real worker and runner behind it,
//! their replies and the runner's news fed back as the event loop feeds them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use serde_json::Value;
use tokio::task::JoinHandle;

use vbo_restore::api::{ApiVersion, Client, ConnectOptions, ExploreOptions, Secret, Trust};
use vbo_restore::console::app::{App, Pane};
use vbo_restore::console::event::Channels;
use vbo_restore::console::keymap::Keymap;
use vbo_restore::console::request::Effect;
use vbo_restore::console::run::connection_of;
use vbo_restore::console::theme::Theme;
use vbo_restore::console::{ui, worker};
use vbo_restore::emulator::{Emulator, EmulatorConfig};
use vbo_restore::form::{FieldId, FormPresets};
use vbo_restore::tasks::{Runner, RunnerSettings, Task};

const WAIT_TIMEOUT: Duration = Duration::from_secs(120);
pub const RESTORE_USER: &str = "admin@contoso.onmicrosoft.com";

/// The console, its worker and runner, the emulator, and a download folder of its own.
pub struct Console {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
    pub emulator: Emulator,
    pub client: Client,
    pub runner: Runner,
    pub downloads: tempfile::TempDir,
    /// The escape sequences the app asked the loop to write (OSC 52).
    pub escapes: Vec<String>,
    /// The restore session the test acts in, started by the test.
    pub session: String,
    pub channels: Channels,
    worker: JoinHandle<()>,
}

impl Console {
    /// A console on `version` with a fresh restore session of its own opened, its
    /// OneDrives listed.
    pub async fn start(version: ApiVersion, width: u16, height: u16) -> Console {
        let config = EmulatorConfig {
            async_restore_duration: Duration::ZERO,
            ..EmulatorConfig::default()
        };
        Console::start_with(version, width, height, config).await
    }

    pub async fn start_with(
        version: ApiVersion,
        width: u16,
        height: u16,
        config: EmulatorConfig,
    ) -> Console {
        let emulator = Emulator::start(config).await.expect("the emulator starts");
        let client = connect(&emulator, version).await;
        let organization = client.organizations().await.expect("organizations")[0]
            .id
            .clone();
        let session = client
            .explore(&organization, &ExploreOptions::default())
            .await
            .expect("a restore session")
            .id;
        let runner = Runner::start(RunnerSettings::default());
        let (channels, worker) = worker::spawn_with(client.clone(), runner.clone());
        let mut app = App::new(
            connection_of(&client),
            Keymap::default(),
            Theme::basic(),
            (width, height),
        );
        let downloads = tempfile::tempdir().expect("a download folder");
        app.presets = FormPresets {
            restore_user: Some(RESTORE_USER.to_owned()),
            download_dir: Some(downloads.path().to_owned()),
            ..FormPresets::default()
        };
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        let mut console = Console {
            app,
            terminal,
            emulator,
            client,
            runner,
            downloads,
            escapes: Vec::new(),
            session,
            channels,
            worker,
        };
        console.flush();
        console.settle().await;
        console.open_session().await;
        console
    }

    /// Puts the cursor on the test's own restore session and opens it.
    async fn open_session(&mut self) {
        let at = self
            .app
            .sessions
            .list
            .iter()
            .position(|s| s.id == self.session)
            .expect("the test's session is listed");
        self.press(KeyCode::Home);
        for _ in 0..at {
            self.press(KeyCode::Down);
        }
        self.press_settle(KeyCode::Enter).await;
        assert_eq!(self.app.focus, Pane::OneDrives);
    }

    /// Opens the OneDrive with this id from the OneDrives pane.
    pub async fn open_onedrive(&mut self, id: &str) {
        let at = self
            .app
            .onedrives
            .visible
            .iter()
            .position(|i| self.app.onedrives.all[*i].id == id)
            .expect("the OneDrive is listed");
        self.press(KeyCode::Home);
        for _ in 0..at {
            self.press(KeyCode::Down);
        }
        self.press_settle(KeyCode::Enter).await;
        assert_eq!(self.app.focus, Pane::Items);
    }

    /// Opens the first OneDrive, as the form tests do.
    pub async fn open_first_onedrive(&mut self) {
        let id = self.app.onedrives.all[self.app.onedrives.visible[0]]
            .id
            .clone();
        self.open_onedrive(&id).await;
    }

    /// Moves the cursor to the row with this name in the items pane.
    pub fn find(&mut self, name: &str) {
        self.press(KeyCode::Home);
        for _ in 0..self.app.items.listing.visible_len() {
            if self.app.items.current().map(|i| i.name.as_str()) == Some(name) {
                return;
            }
            self.press(KeyCode::Down);
        }
        panic!("no row named {name:?}");
    }

    /// Marks the first `count` documents of the folder shown; returns their ids.
    pub fn mark_documents(&mut self, count: usize) -> Vec<String> {
        self.press(KeyCode::Home);
        for _ in 0..self.app.items.listing.visible_len() {
            if self.app.items.marks.len() == count {
                break;
            }
            match self.app.items.current() {
                Some(item) if !item.is_folder() => self.press(KeyCode::Char(' ')),
                _ => self.press(KeyCode::Down),
            }
        }
        assert_eq!(self.app.items.marks.len(), count, "enough documents");
        self.app
            .selection(false)
            .expect("a selection")
            .items
            .into_iter()
            .map(|m| m.id)
            .collect()
    }

    /// Puts the cursor on the first document of the folder shown.
    pub fn first_document(&mut self) -> vbo_restore::api::model::Item {
        self.press(KeyCode::Home);
        for _ in 0..self.app.items.listing.visible_len() {
            if let Some(item) = self.app.items.current().filter(|i| !i.is_folder()) {
                return item.clone();
            }
            self.press(KeyCode::Down);
        }
        panic!("no document in the folder");
    }

    /// Carries out what the app queued: requests to the worker, escapes recorded.
    fn flush(&mut self) {
        for effect in self.app.take_effects() {
            match effect {
                Effect::Send(envelope) => {
                    self.channels.requests.send(envelope).expect("worker alive");
                }
                Effect::Escape(escape) => self.escapes.push(escape),
                Effect::Clipboard(_) | Effect::Suspend | Effect::Remember(_) => {}
            }
        }
    }

    pub fn key(&mut self, key: KeyEvent) {
        self.app.handle_key(key);
        self.flush();
    }

    pub fn press(&mut self, code: KeyCode) {
        self.key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// Applies every reply already there.
    pub fn drain(&mut self) {
        while let Ok(reply) = self.channels.replies.try_recv() {
            self.app.handle_reply(reply);
            self.flush();
        }
    }

    /// Applies replies until `done` holds.
    pub async fn until(&mut self, what: &str, done: impl Fn(&Console) -> bool) {
        let deadline = tokio::time::Instant::now() + WAIT_TIMEOUT;
        loop {
            self.drain();
            if done(self) {
                return;
            }
            let reply = tokio::time::timeout_at(deadline, self.channels.replies.recv())
                .await
                .unwrap_or_else(|_| panic!("timed out waiting until {what}"))
                .expect("the worker is alive");
            self.app.handle_reply(reply);
            self.flush();
        }
    }

    /// Applies replies until nothing the user looks at is loading.
    pub async fn settle(&mut self) {
        self.until("the console settles", |c| !c.app.is_loading())
            .await;
    }

    pub async fn press_settle(&mut self, code: KeyCode) {
        self.press(code);
        self.settle().await;
    }

    /// Waits until the runner's board shows every task ended, and returns the first.
    pub async fn task_ended(&mut self) -> Task {
        self.until("the task ends", |c| {
            let tasks = &c.app.tasks.board.tasks;
            !tasks.is_empty() && tasks.iter().all(|t| t.state.is_finished())
        })
        .await;
        self.app.tasks.board.tasks[0].clone()
    }

    /// The form's field with the focus.
    pub fn focused(&self) -> FieldId {
        self.app
            .form
            .as_ref()
            .expect("the form is open")
            .form
            .focused()
    }

    /// Tabs until the form's focus is on `field`.
    pub fn focus(&mut self, field: FieldId) {
        for _ in 0..40 {
            if self.focused() == field {
                return;
            }
            self.press(KeyCode::Tab);
        }
        panic!("the form never focused {field:?}");
    }

    /// Focuses `field`, empties it and types `text`.
    pub fn fill(&mut self, field: FieldId, text: &str) {
        self.focus(field);
        self.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        self.type_text(text);
    }

    /// Moves to Continue and presses Enter: the confirmation step.
    pub fn review(&mut self) {
        self.focus(FieldId::Continue);
        self.press(KeyCode::Enter);
    }

    /// The action bodies (POSTs other than device codes) the emulator received since `before`.
    pub fn bodies_since(&self, before: usize) -> Vec<Value> {
        self.emulator.received()[before..]
            .iter()
            .filter(|r| r.method == "POST" && !r.path.to_ascii_lowercase().contains("device"))
            .map(|r| r.body.clone())
            .collect()
    }

    /// Every file in the download folder, `.part` files included.
    pub fn downloaded(&self) -> Vec<PathBuf> {
        files_in(self.downloads.path())
    }

    /// Draws a frame and returns its cells as the console drew them. The backend's copy can
    /// keep a stale cell where a wide character used to hide it, which a real terminal
    /// clears when the wide character is overwritten.
    pub fn draw(&mut self) -> Buffer {
        self.terminal
            .draw(|frame| ui::draw(frame, &self.app))
            .expect("draw")
            .buffer
            .clone()
    }

    /// Draws a frame and returns it as text, with the emulator's address, the session id
    /// and the download folder replaced so that snapshots stay the same.
    pub fn screen(&mut self) -> String {
        self.terminal
            .draw(|frame| ui::draw(frame, &self.app))
            .expect("draw");
        let buffer = self.terminal.backend().buffer().clone();
        let mut lines = Vec::new();
        for y in 0..buffer.area.height {
            let mut line = String::new();
            let mut x = 0;
            while x < buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                x += (unicode_width::UnicodeWidthStr::width(symbol) as u16).max(1);
            }
            let line = line.replace(&self.emulator.url(), "https://emulator");
            lines.push(line.trim_end().to_owned());
        }
        lines.join("\n")
    }

    pub async fn stop(self) {
        drop(self.channels);
        self.worker.abort();
        self.runner.shutdown().await;
        self.emulator.shutdown().await;
    }
}

pub async fn connect(emulator: &Emulator, version: ApiVersion) -> Client {
    let options = ConnectOptions {
        url: emulator.url(),
        api: Some(version),
        user: "helpdesk".to_owned(),
        password: Secret::new("demo"),
        trust: Trust {
            ca_file: None,
            fingerprint: Some(emulator.fingerprint()),
            insecure: false,
        },
        ..ConnectOptions::default()
    };
    Client::connect(options)
        .await
        .expect("login to the emulator")
}

pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}
