//! The event loop: terminal input, worker replies and signals in; a frame out only when
//! something changed.
//!
//! The loop is generic over the terminal backend and the input stream so that tests and
//! benchmarks run it on ratatui's `TestBackend` with a scripted stream.

use std::future::Future;
use std::io;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEventKind, MouseEventKind};
use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use super::app::App;
use super::keymap::Action;
use super::request::{Effect, Envelope, Reply};
use super::ui;

/// What the loop needs from the real terminal beyond drawing.
pub trait Host {
    /// Puts text on the clipboard (OSC 52 on a real terminal).
    fn clipboard(&mut self, text: &str) -> io::Result<()>;
    /// Gives the terminal back, stops until `fg`, then takes it again.
    fn suspend(&mut self) -> io::Result<()>;
    /// Writes an escape sequence the app built (the form's OSC 52) to the terminal as it is.
    ///
    /// Hosts without a terminal to write to keep the default, which drops it.
    fn write_escape(&mut self, escape: &str) -> io::Result<()> {
        let _ = escape;
        Ok(())
    }

    /// Keeps the profile's recent place; hosts that keep none drop it.
    fn remember(&mut self, place: crate::console::places::Place) {
        let _ = place;
    }
}

/// The two ends the loop talks to the worker through.
pub struct Channels {
    pub requests: UnboundedSender<Envelope>,
    pub replies: UnboundedReceiver<Reply>,
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// SIGTERM or SIGHUP: the terminal may be gone.
    Signal,
    /// The terminal's input ended.
    InputClosed,
}

/// How often the form's device code countdown is advanced while it shows one.
const TICK_MS: u64 = 1_000;

/// Runs the console until the user quits, `shutdown` resolves or the input ends.
pub async fn run_loop<B, S, F>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut input: S,
    channels: &mut Channels,
    host: &mut dyn Host,
    shutdown: F,
) -> io::Result<Ending>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
    S: Stream<Item = io::Result<Event>> + Unpin,
    F: Future<Output = ()>,
{
    tokio::pin!(shutdown);
    let mut replies_open = true;
    let mut ticks = tokio::time::interval(Duration::from_millis(TICK_MS));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    dispatch(app, channels, host, terminal)?;
    loop {
        if app.needs_redraw() {
            terminal
                .draw(|frame| ui::draw(frame, app))
                .map_err(io::Error::other)?;
            app.drawn();
        }
        if app.should_quit() {
            return Ok(Ending::Quit);
        }
        tokio::select! {
            () = &mut shutdown => return Ok(Ending::Signal),
            event = input.next() => match event {
                Some(event) => terminal_event(app, event?),
                None => return Ok(Ending::InputClosed),
            },
            reply = channels.replies.recv(), if replies_open => match reply {
                Some(reply) => {
                    app.handle_reply(reply);
                    while let Ok(more) = channels.replies.try_recv() {
                        app.handle_reply(more);
                    }
                }
                None => replies_open = false,
            },
            _ = ticks.tick(), if app.wants_ticks() => app.tick(Instant::now()),
        }
        dispatch(app, channels, host, terminal)?;
    }
}

/// Feeds one terminal event to the app: key presses only, resizes, and the mouse wheel.
pub fn terminal_event(app: &mut App, event: Event) {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => app.handle_key(key),
        Event::Resize(width, height) => app.resize(width, height),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => app.update(Action::Down),
            MouseEventKind::ScrollUp => app.update(Action::Up),
            _ => {}
        },
        _ => {}
    }
}

/// Carries out the effects the app queued.
fn dispatch<B>(
    app: &mut App,
    channels: &mut Channels,
    host: &mut dyn Host,
    terminal: &mut Terminal<B>,
) -> io::Result<()>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    for effect in app.take_effects() {
        match effect {
            Effect::Send(envelope) => {
                // A closed worker means the console is shutting down; the reply never comes.
                let _ = channels.requests.send(envelope);
            }
            Effect::Clipboard(text) => host.clipboard(&text)?,
            Effect::Escape(escape) => host.write_escape(&escape)?,
            Effect::Remember(place) => host.remember(place),
            Effect::Suspend => {
                host.suspend()?;
                terminal.clear().map_err(io::Error::other)?;
                app.resize(app.size.0, app.size.1);
            }
        }
    }
    Ok(())
}
