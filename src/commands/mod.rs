//! The scripting subcommands: the same client and the same task runner as the console,
//! driven from a command line, printing tables for people or JSON for scripts.
//!
//! Exit statuses: 0 done, 1 the server refused or failed, 2 bad usage or config, 3 login or
//! trust failed, 4 partly done (some items failed).

mod actions;
mod auth;
mod connect;
mod defaults;
mod doctor;
mod listing;
mod ls;
mod output;
mod progress;
mod run;
mod secret;
mod targets;

use crate::api::ApiError;
use crate::cli::{Command, ConnectionArgs};
use crate::config::{Config, ConfigError};

pub use connect::{Connected, connect};
pub use output::{Table, terminal_safe};

/// Exit status: everything asked for was done.
pub const EXIT_DONE: u8 = 0;
/// Exit status: the server refused or failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit status: bad usage or configuration.
pub const EXIT_USAGE: u8 = 2;
/// Exit status: login or trust failed.
pub const EXIT_LOGIN: u8 = 3;
/// Exit status: some items were done and some failed.
pub const EXIT_PARTLY: u8 = 4;

/// Why a command could not do what it was asked.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Usage(String),
    #[error("the demo server could not start: {0}")]
    Demo(String),
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
}

impl CommandError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CommandError::Api(error) => error.exit_code(),
            CommandError::Config(_) | CommandError::Usage(_) => EXIT_USAGE,
            CommandError::Demo(_) | CommandError::Output(_) => EXIT_FAILED,
        }
    }

    /// The sentence printed for this error: its own text, then what to do when the server's
    /// text leaves a person guessing.
    pub fn message(&self) -> String {
        match self {
            CommandError::Api(ApiError::Server {
                status: 500,
                message,
                ..
            }) if message.to_lowercase().contains("is not active") => {
                format!("{self}; start a new one with `vbo-restore explore ORG`")
            }
            _ => self.to_string(),
        }
    }
}

/// Runs a scripting subcommand and answers its exit status; errors go to stderr as one
/// sentence.
pub async fn run(command: Command, connection: &ConnectionArgs, config: &Config) -> u8 {
    match dispatch(command, connection, config).await {
        Ok(code) => code,
        // The reader stopped early, as `| head` does: it has what it wanted.
        Err(CommandError::Output(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            tracing::debug!("standard output closed by its reader");
            EXIT_DONE
        }
        Err(error) => {
            tracing::error!(%error, "command failed");
            eprintln!("vbo-restore: {}", error.message());
            error.exit_code()
        }
    }
}

async fn dispatch(
    command: Command,
    connection: &ConnectionArgs,
    config: &Config,
) -> Result<u8, CommandError> {
    if let Command::Doctor = command {
        return doctor::doctor(connection, config).await;
    }
    let connected = connect(connection, config).await?;
    let client = &connected.client;
    match command {
        Command::Orgs(out) => listing::orgs(client, &out).await,
        Command::Sessions(out) => listing::sessions(client, &out).await,
        Command::Explore(args) => listing::explore(client, &args).await,
        Command::Stop(args) => listing::stop(client, &args).await,
        Command::Events(args) => listing::events(client, &args).await,
        Command::Onedrives(args) => listing::onedrives(client, &args).await,
        Command::Versions(args) => listing::versions(client, &args).await,
        Command::Ls(args) => ls::ls(client, &args).await,
        Command::Save(args) => actions::save(&connected, config, &args).await,
        Command::Restore(args) => actions::restore(&connected, config, &args).await,
        Command::Copy(args) => actions::copy(&connected, config, &args).await,
        Command::Send(args) => actions::send(&connected, config, &args).await,
        Command::Demo(_) | Command::Completions { .. } | Command::Man | Command::Doctor => Err(
            CommandError::Usage("this subcommand is not a scripting command".to_string()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(status: u16, message: &str) -> CommandError {
        CommandError::Api(ApiError::Server {
            method: "GET".into(),
            path: "/v8/RestoreSessions/s1/Organization/OneDrives".into(),
            status,
            message: message.into(),
            error_code: None,
        })
    }

    #[test]
    fn a_stopped_session_says_how_to_go_on_and_keeps_the_servers_text() {
        let text = "Restore session s1 is not active: it has been stopped or has expired.";
        let message = server(500, text).message();
        assert!(message.contains(text), "{message}");
        assert!(message.ends_with("start a new one with `vbo-restore explore ORG`"));
        let other = server(500, "The proxy is offline").message();
        assert!(!other.contains("explore"), "{other}");
    }
}
