//! Secrets for the commands: from an environment variable, or asked for on the terminal with
//! echo off. Never from a flag.

use std::io::{BufRead, IsTerminal, Write};

use crate::api::Secret;
use crate::commands::CommandError;

/// The environment variable that carries the restore account's password.
pub const RESTORE_PASSWORD_ENV: &str = "VBO_RESTORE_RESTORE_PASSWORD";
/// The environment variable that carries the restore certificate's password.
pub const CERTIFICATE_PASSWORD_ENV: &str = "VBO_RESTORE_CERTIFICATE_PASSWORD";

/// The secret in `env` when it is set, else one typed at the terminal after `prompt`.
pub fn from_env_or_prompt(env: &str, prompt: &str) -> Result<Secret, CommandError> {
    if let Some(value) = std::env::var_os(env) {
        let value = value
            .into_string()
            .map_err(|_| CommandError::Usage(format!("{env} holds text that is not UTF-8")))?;
        return Ok(Secret::new(value));
    }
    if !std::io::stdin().is_terminal() {
        return Err(CommandError::Usage(format!(
            "{prompt} is needed: set {env}, or run on a terminal to be asked"
        )));
    }
    ask(prompt)
}

fn ask(prompt: &str) -> Result<Secret, CommandError> {
    let mut stderr = std::io::stderr();
    write!(stderr, "{prompt}: ")?;
    stderr.flush()?;
    let echo = EchoOff::new();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    drop(echo);
    writeln!(stderr)?;
    Ok(Secret::new(line.trim_end_matches(['\r', '\n'])))
}

/// Turns terminal echo off for as long as it lives.
struct EchoOff {
    #[cfg(unix)]
    saved: Option<libc::termios>,
}

#[cfg(unix)]
impl EchoOff {
    fn new() -> EchoOff {
        // SAFETY: termios is plain data; tcgetattr fills it and is checked before use.
        let mut settings: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut settings) } != 0 {
            return EchoOff { saved: None };
        }
        let saved = settings;
        settings.c_lflag &= !libc::ECHO;
        settings.c_lflag |= libc::ECHONL;
        // SAFETY: settings came from tcgetattr on the same descriptor.
        unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &settings) };
        EchoOff { saved: Some(saved) }
    }
}

#[cfg(unix)]
impl Drop for EchoOff {
    fn drop(&mut self) {
        if let Some(saved) = &self.saved {
            // SAFETY: restores the settings read in `new`.
            unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, saved) };
        }
    }
}

#[cfg(not(unix))]
impl EchoOff {
    fn new() -> EchoOff {
        // LIMITATION: on Windows the typed password is echoed; set the environment variable.
        EchoOff {}
    }
}
