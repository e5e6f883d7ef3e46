//! Drives the real console app on ratatui's TestBackend against the in-process emulator over
//! real HTTPS, as the event loop would: keys in, requests to the real worker, replies back.

#![allow(dead_code)]

use std::time::Duration;

use chrono::{Duration as Days, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tokio::task::JoinHandle;

use vbo_restore::api::{ApiVersion, Client, ConnectOptions, Secret, Trust};
use vbo_restore::console::app::{App, Destination, Pane};
use vbo_restore::console::event::Channels;
use vbo_restore::console::keymap::Keymap;
use vbo_restore::console::places::RecentFile;
use vbo_restore::console::request::Effect;
use vbo_restore::console::run::connection_of;
use vbo_restore::console::theme::Theme;
use vbo_restore::console::{ui, worker};
use vbo_restore::emulator::{Emulator, EmulatorConfig};

const SETTLE_TIMEOUT: Duration = Duration::from_secs(120);
const DEFAULT_PAGE_SIZE: usize = 1000;

/// The console under test and the emulator it talks to.
pub struct Console {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
    pub emulator: Emulator,
    channels: Channels,
    worker: JoinHandle<()>,
    /// Where the places the app asks to keep are written, under [`RECENT_PROFILE`].
    recent: Option<RecentFile>,
    /// How many places the app asked to keep.
    pub places_kept: usize,
}

/// The profile name the tests keep recent places under.
pub const RECENT_PROFILE: &str = "test";

/// Logs in to the emulator as the demo does, pinning its certificate.
pub async fn connect(emulator: &Emulator, api: Option<ApiVersion>, page_size: usize) -> Client {
    let options = ConnectOptions {
        url: emulator.url(),
        api,
        user: "helpdesk".to_owned(),
        password: Secret::new("demo"),
        trust: Trust {
            ca_file: None,
            fingerprint: Some(emulator.fingerprint()),
            insecure: false,
        },
        page_size,
        ..ConnectOptions::default()
    };
    Client::connect(options)
        .await
        .expect("login to the emulator")
}

impl Console {
    /// A console of `width` x `height` logged in to a fresh emulator, its sessions loaded.
    pub async fn start(width: u16, height: u16, api: Option<ApiVersion>) -> Console {
        Console::start_with(width, height, api, Keymap::default(), Theme::basic()).await
    }

    /// As [`Console::start`], with listings fetched `page_size` rows at a time.
    pub async fn start_paged(width: u16, height: u16, page_size: usize) -> Console {
        let keymap = Keymap::default();
        Console::launch(width, height, None, page_size, keymap, Theme::basic()).await
    }

    pub async fn start_with(
        width: u16,
        height: u16,
        api: Option<ApiVersion>,
        keymap: Keymap,
        theme: Theme,
    ) -> Console {
        Console::launch(width, height, api, DEFAULT_PAGE_SIZE, keymap, theme).await
    }

    async fn launch(
        width: u16,
        height: u16,
        api: Option<ApiVersion>,
        page_size: usize,
        keymap: Keymap,
        theme: Theme,
    ) -> Console {
        let emulator = Emulator::start(EmulatorConfig::default())
            .await
            .expect("emulator starts");
        let client = connect(&emulator, api, page_size).await;
        let app = App::new(connection_of(&client), keymap, theme, (width, height));
        Console::assemble(app, client, emulator, None).await
    }

    /// A 120x40 console on `emulator` that keeps its places in `recent` and, when given,
    /// walks to `destination` as `--open` or `--resume` do.
    pub async fn start_at(
        emulator: Emulator,
        destination: Option<Destination>,
        recent: Option<RecentFile>,
    ) -> Console {
        let client = connect(&emulator, None, DEFAULT_PAGE_SIZE).await;
        let connection = connection_of(&client);
        let mut app = App::new(connection, Keymap::default(), Theme::basic(), (120, 40));
        if let Some(destination) = destination {
            app.go_to(destination);
        }
        Console::assemble(app, client, emulator, recent).await
    }

    async fn assemble(
        app: App,
        client: Client,
        emulator: Emulator,
        recent: Option<RecentFile>,
    ) -> Console {
        let (width, height) = app.size;
        let (channels, worker) = worker::spawn(client);
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        let mut console = Console {
            app,
            terminal,
            emulator,
            channels,
            worker,
            recent,
            places_kept: 0,
        };
        console.flush();
        console.settle().await;
        console
    }

    /// Sends what the app queued to the worker, and keeps the places it asks to keep.
    fn flush(&mut self) {
        for effect in self.app.take_effects() {
            match effect {
                Effect::Send(envelope) => {
                    self.channels.requests.send(envelope).expect("worker alive");
                }
                Effect::Remember(place) => {
                    self.places_kept += 1;
                    if let Some(recent) = &self.recent {
                        recent
                            .save(RECENT_PROFILE, &place)
                            .expect("recent place kept");
                    }
                }
                _ => {}
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

    /// Applies replies until nothing the user looks at is loading.
    pub async fn settle(&mut self) {
        let deadline = tokio::time::Instant::now() + SETTLE_TIMEOUT;
        loop {
            while let Ok(reply) = self.channels.replies.try_recv() {
                self.app.handle_reply(reply);
                self.flush();
            }
            if !self.app.is_loading() && !self.app.is_walking() {
                return;
            }
            let reply = tokio::time::timeout_at(deadline, self.channels.replies.recv())
                .await
                .expect("the console settles in time")
                .expect("the worker is alive");
            self.app.handle_reply(reply);
            self.flush();
        }
    }

    /// Waits for exactly one more reply (for requests that no list waits on).
    pub async fn next_reply(&mut self) {
        let reply = tokio::time::timeout(SETTLE_TIMEOUT, self.channels.replies.recv())
            .await
            .expect("a reply in time")
            .expect("the worker is alive");
        self.app.handle_reply(reply);
        self.flush();
    }

    /// Presses a key and waits for what it asked for.
    pub async fn press_settle(&mut self, code: KeyCode) {
        self.press(code);
        self.settle().await;
    }

    /// The name of the row under the cursor in the pane with the focus.
    pub fn current_name(&self) -> Option<String> {
        match self.app.focus {
            Pane::Sessions => self
                .app
                .sessions
                .list
                .get(self.app.sessions.cursor.selected)
                .map(vbo_restore::console::app::session_title),
            Pane::OneDrives => {
                let index = *self
                    .app
                    .onedrives
                    .visible
                    .get(self.app.onedrives.cursor.selected)?;
                self.app.onedrives.all.get(index).map(|o| o.name.clone())
            }
            Pane::Items => self.app.items.current().map(|i| i.name.clone()),
            Pane::Tasks => None,
        }
    }

    /// Moves the cursor down to the row with this name.
    pub fn find(&mut self, name: &str) {
        self.press(KeyCode::Home);
        for _ in 0..10_000 {
            if self.current_name().as_deref() == Some(name) {
                return;
            }
            self.press(KeyCode::Down);
        }
        panic!("no row named {name:?}");
    }

    /// Moves to the row with this name, opens it, and waits for what it shows.
    pub async fn open(&mut self, name: &str) {
        self.find(name);
        self.press_settle(KeyCode::Enter).await;
    }

    /// Resizes the terminal, as a resize event would.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.app.resize(width, height);
    }

    /// Draws a frame and returns its cells.
    pub fn draw(&mut self) -> Buffer {
        self.terminal
            .draw(|frame| ui::draw(frame, &self.app))
            .expect("draw");
        self.terminal.backend().buffer().clone()
    }

    /// Draws a frame and returns it as text, with the emulator's address and the dates of
    /// today (sessions started by the test) replaced so that snapshots stay the same.
    pub fn screen(&mut self) -> String {
        let buffer = self.draw();
        let url = self.emulator.url();
        let session = self.app.items.session.clone();
        let mut lines = Vec::new();
        for y in 0..buffer.area.height {
            let mut line = String::new();
            let mut x = 0;
            while x < buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                // A wide character covers the cell after it; that cell is not drawn.
                x += (unicode_width::UnicodeWidthStr::width(symbol) as u16).max(1);
            }
            let mut line = line.replace(&url, "https://emulator");
            if !session.is_empty() {
                line = line.replace(&session, &"#".repeat(session.len()));
            }
            lines.push(redact_recent_dates(&line).trim_end().to_owned());
        }
        lines.join("\n")
    }

    pub async fn stop(self) {
        self.close().shutdown().await;
    }

    /// Ends the console but keeps its emulator running, for another console to start on.
    pub fn close(self) -> Emulator {
        drop(self.channels);
        self.worker.abort();
        self.emulator
    }
}

/// Replaces `YYYY-MM-DD HH:MM` and `YYYY-MM-DD` of yesterday, today or tomorrow.
fn redact_recent_dates(line: &str) -> String {
    let today = Utc::now().date_naive();
    let mut out = line.to_owned();
    for offset in [-1, 0, 1] {
        let day = (today + Days::days(offset)).format("%Y-%m-%d").to_string();
        while let Some(at) = out.find(&day) {
            let after = &out[at + day.len()..];
            let has_time = after.len() >= 6
                && after.as_bytes()[0] == b' '
                && after.as_bytes()[3] == b':'
                && after[1..6].chars().all(|c| c.is_ascii_digit() || c == ':');
            let cut = if has_time { day.len() + 6 } else { day.len() };
            let mask = if has_time {
                "<today> <hh:mm>   "
            } else {
                "<today>   "
            };
            out.replace_range(at..at + cut, &mask[..cut]);
        }
    }
    out
}
