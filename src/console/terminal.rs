//! Taking the terminal and always giving it back: on quit, on a panic, on SIGTERM and SIGHUP,
//! and around Ctrl-Z.

use std::io::{self, Stdout, Write};

use base64::Engine;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::event::Host;

/// The console's terminal.
pub type ConsoleTerminal = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, the alternate screen, and mouse capture when asked for.
pub fn enter(mouse: bool) -> io::Result<ConsoleTerminal> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(stdout, EnterAlternateScreen)?;
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
    }
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout))?;
    terminal.hide_cursor()?;
    terminal.clear()?;
    Ok(terminal)
}

/// Undoes [`enter`]; safe to call more than once and from a panic hook.
pub fn leave(mouse: bool) -> io::Result<()> {
    let mut stdout = io::stdout();
    if mouse {
        execute!(stdout, DisableMouseCapture)?;
    }
    execute!(stdout, LeaveAlternateScreen, crossterm::cursor::Show)?;
    disable_raw_mode()
}

/// Restores the terminal before the previous panic hook prints, so the message is readable.
pub fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = leave(mouse);
        // Into the log too, where `--bug-report` finds it after the screen is gone.
        tracing::error!(%info, "the console panicked");
        previous(info);
    }));
}

/// The OSC 52 sequence that asks the terminal (through SSH too) to set the clipboard.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\u{1b}]52;c;{encoded}\u{7}")
}

/// The real terminal as the event loop's host.
pub struct RealHost {
    pub mouse: bool,
    /// Where the profile's recent place is written, when it is kept.
    pub recent: Option<super::places::RecentWriter>,
}

impl Host for RealHost {
    fn remember(&mut self, place: super::places::Place) {
        if let Some(recent) = &self.recent {
            recent.remember(place);
        }
    }

    fn clipboard(&mut self, text: &str) -> io::Result<()> {
        let mut stdout = io::stdout();
        stdout.write_all(osc52(text).as_bytes())?;
        stdout.flush()
    }

    fn write_escape(&mut self, escape: &str) -> io::Result<()> {
        let mut stdout = io::stdout();
        stdout.write_all(escape.as_bytes())?;
        stdout.flush()
    }

    #[cfg(unix)]
    fn suspend(&mut self) -> io::Result<()> {
        leave(self.mouse)?;
        // SAFETY: raise only sends SIGTSTP to this process; the default action stops it and
        // execution continues here after `fg` sends SIGCONT.
        unsafe {
            libc::raise(libc::SIGTSTP);
        }
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen)?;
        if self.mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        Ok(())
    }

    #[cfg(not(unix))]
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Resolves on SIGTERM or SIGHUP (the SSH connection dropped) with the signal's number.
#[cfg(unix)]
pub async fn shutdown_signal() -> i32 {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut hup)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
    ) else {
        tracing::warn!("could not listen for SIGTERM and SIGHUP");
        return std::future::pending().await;
    };
    tokio::select! {
        _ = term.recv() => {
            tracing::info!("SIGTERM: leaving the console");
            libc::SIGTERM
        }
        _ = hup.recv() => {
            tracing::info!("SIGHUP: the terminal went away; leaving the console");
            libc::SIGHUP
        }
    }
}

/// Never resolves where there are no such signals.
#[cfg(not(unix))]
pub async fn shutdown_signal() -> i32 {
    std::future::pending().await
}

/// The console ended because of a signal. The process then exits with 128 + the signal's
/// number, as a shell reports a program killed by it, so that scripts and service managers
/// do not take the interrupted run for a clean one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("stopped by signal {}; running tasks were cancelled and their partial files removed", signal_name(*.signal))]
pub struct Interrupted {
    pub signal: i32,
}

impl Interrupted {
    pub fn exit_code(&self) -> u8 {
        u8::try_from(128 + self.signal).unwrap_or(u8::MAX)
    }
}

fn signal_name(signal: i32) -> String {
    #[cfg(unix)]
    match signal {
        libc::SIGTERM => return "SIGTERM".to_string(),
        libc::SIGHUP => return "SIGHUP".to_string(),
        _ => {}
    }
    signal.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_wraps_base64_between_the_sequence_marks() {
        assert_eq!(osc52("hi"), "\u{1b}]52;c;aGk=\u{7}");
    }

    #[cfg(unix)]
    #[test]
    fn a_signal_ends_with_the_shell_status_and_names_the_signal() {
        let hup = Interrupted {
            signal: libc::SIGHUP,
        };
        let term = Interrupted {
            signal: libc::SIGTERM,
        };
        assert_eq!((hup.exit_code(), term.exit_code()), (129, 143));
        assert!(term.to_string().contains("SIGTERM"), "{term}");
    }
}
