//! Opening the console on a real terminal: the login form when needed, then the panes.

use anyhow::Context as _;
use crossterm::event::EventStream;

use super::app::{App, Connection, Destination};
use super::connect;
use super::event::{Ending, run_loop};
use super::keymap::Keymap;
use super::picker::ProfileRow;
use super::picker_screen;
use super::places::{RecentFile, RecentWriter};
use super::terminal::{self, ConsoleTerminal, RealHost};
use super::theme::Theme;
use super::worker;
use crate::api::{ApiError, ApiVersion, Client, ConnectOptions, Secret};
use crate::form::FormPresets;
use crate::tasks::{Runner, RunnerSettings};

/// How the console looks and reacts, from the config file.
#[derive(Debug, Clone)]
pub struct ConsoleOptions {
    pub keymap: Keymap,
    pub theme: Theme,
    /// Capture the mouse (wheel scrolling); off by default so terminal copy keeps working.
    pub mouse: bool,
    /// The profile a certificate trusted on the login screen can be pinned in.
    pub pin_target: Option<crate::config::PinTarget>,
    /// What the profile fills into the action form, read-only included.
    pub presets: FormPresets,
    /// How the task runner is set up (`max_parallel_tasks`, the audit log).
    pub runner: RunnerSettings,
    /// Where to go once logged in (`--open`, `--resume`).
    pub destination: Option<Destination>,
    /// The recent-places file and the profile name places are kept under.
    pub recent: Option<(RecentFile, String)>,
}

impl Default for ConsoleOptions {
    fn default() -> ConsoleOptions {
        ConsoleOptions {
            keymap: Keymap::default(),
            theme: Theme::from_env(crate::config::Theme::Default),
            mouse: false,
            pin_target: None,
            presets: FormPresets::default(),
            runner: RunnerSettings::default(),
            destination: None,
            recent: None,
        }
    }
}

/// What the title and status bars say about the client's server.
pub fn connection_of(client: &Client) -> Connection {
    let version = client.version();
    Connection {
        server: client.server().to_owned(),
        user: client.user().to_owned(),
        api: version.to_string(),
        has_search_and_versions: version >= ApiVersion::V6,
    }
}

/// Runs the console for a logged-in client until the user quits or the terminal goes away.
pub async fn run(client: Client, options: ConsoleOptions) -> anyhow::Result<()> {
    let mut terminal = take_terminal(&options)?;
    let result = browse(&mut terminal, client, options.clone()).await;
    give_back(&options, result)
}

/// Connects with `password` when there is one, else (or when the server refuses it, or its
/// certificate is not trusted) asks on the login form first.
pub async fn run_with_login(
    connect: ConnectOptions,
    password: Option<Secret>,
    options: ConsoleOptions,
) -> anyhow::Result<()> {
    let mut status = None;
    let mut connect = connect;
    if let Some(password) = password {
        let attempt = ConnectOptions {
            password: password.clone(),
            ..connect.clone()
        };
        match Client::connect(attempt).await {
            Ok(client) => return run(client, options).await,
            Err(error @ ApiError::Tls { .. }) => {
                // The password was never tried: keep it so that trusting is one key.
                connect.password = password;
                status = Some(connect::status_for(error));
            }
            Err(error @ ApiError::Login { .. }) => status = Some(connect::status_for(error)),
            Err(error) => return Err(error).context("could not connect"),
        }
    }
    let mut terminal = take_terminal(&options)?;
    let result = async {
        let client = connect::login(
            &mut terminal,
            &options.theme,
            connect,
            status,
            options.pin_target.as_ref(),
        )
        .await?;
        match client {
            Some(client) => browse(&mut terminal, client, options.clone()).await,
            None => Ok(()),
        }
    }
    .await;
    give_back(&options, result)
}

/// Shows the profile picker; `None` when the user left it.
pub async fn pick_profile(
    rows: Vec<ProfileRow>,
    options: &ConsoleOptions,
) -> anyhow::Result<Option<String>> {
    let mut terminal = take_terminal(options)?;
    let picked = picker_screen::pick(&mut terminal, &options.theme, rows)
        .await
        .context("the profile picker failed");
    give_back(options, Ok(()))?;
    picked
}

fn take_terminal(options: &ConsoleOptions) -> anyhow::Result<ConsoleTerminal> {
    let terminal = terminal::enter(options.mouse).context("the console needs a terminal")?;
    terminal::install_panic_hook(options.mouse);
    Ok(terminal)
}

fn give_back(options: &ConsoleOptions, result: anyhow::Result<()>) -> anyhow::Result<()> {
    let restored = terminal::leave(options.mouse);
    result?;
    restored.context("could not restore the terminal")
}

/// The panes, on a terminal already taken.
async fn browse(
    terminal: &mut ConsoleTerminal,
    client: Client,
    options: ConsoleOptions,
) -> anyhow::Result<()> {
    let connection = connection_of(&client);
    let runner = Runner::start(options.runner.clone());
    let (mut channels, worker) = worker::spawn_with(client, runner.clone());
    let size = terminal.size().context("the terminal has no size")?;
    let mut app = App::new(
        connection,
        options.keymap,
        options.theme,
        (size.width, size.height),
    );
    app.presets = options.presets.clone();
    if let Some(destination) = options.destination {
        app.go_to(destination);
    }
    let mut host = RealHost {
        mouse: options.mouse,
        recent: options
            .recent
            .map(|(file, profile)| RecentWriter::start(file, profile)),
    };
    #[cfg(debug_assertions)]
    super::inject::panic_after_first_frame(terminal, &mut app)?;
    let caught = std::cell::Cell::new(None);
    let ending = run_loop(
        terminal,
        &mut app,
        EventStream::new(),
        &mut channels,
        &mut host,
        async { caught.set(Some(terminal::shutdown_signal().await)) },
    )
    .await;

    // Dropping the request channel ends the worker; aborting it drops what still runs.
    drop(channels);
    worker.abort();
    if let Some(recent) = host.recent.take() {
        recent.finish();
    }
    if matches!(ending, Ok(Ending::Signal)) {
        tracing::info!("console closed by a signal; cancelling its tasks");
    }
    // Quit (confirmed when tasks ran), a signal, or a failure: running tasks are cancelled
    // and their partial files removed before the terminal is given back.
    runner.shutdown().await;
    ending.context("the console failed")?;
    match caught.get() {
        Some(signal) => Err(terminal::Interrupted { signal }.into()),
        None => Ok(()),
    }
}
