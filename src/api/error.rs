//! The one error type of the API client.

use std::path::PathBuf;
use std::time::Duration;

use thiserror::Error;

use super::version::ApiVersion;

/// How many bytes of an unexpected body an error quotes.
pub const FIRST_BYTES_SHOWN: usize = 200;

/// Everything that can go wrong when talking to a VB365 server.
///
/// Each variant names what failed (method and path, file or server) so that its message is a
/// sentence a helpdesk agent can act on. No variant ever carries a secret.
#[derive(Debug, Error)]
pub enum ApiError {
    /// The server answered with an error status and (usually) a `{"message"}` body.
    #[error("{method} {path} failed with HTTP {status}: {message}{}", code_suffix(.error_code))]
    Server {
        method: String,
        path: String,
        status: u16,
        message: String,
        error_code: Option<String>,
    },

    /// The server answered, but not with the JSON expected: an HTML page from a proxy, a
    /// cut-off body, or a shape that does not fit.
    #[error(
        "{method} {path} answered HTTP {status} with a body that is not the JSON expected \
         ({reason}); it starts with: {first_bytes:?}"
    )]
    NotJson {
        method: String,
        path: String,
        status: u16,
        reason: String,
        first_bytes: String,
    },

    /// The server's certificate was not trusted.
    #[error("{}", tls_message(.server, .reason, .fingerprint, .pin_hint))]
    Tls {
        server: String,
        reason: String,
        /// `SHA256:<hex>` of the certificate the server presented, when one was seen.
        fingerprint: Option<String>,
        /// The config line that would pin that certificate: `fingerprint = "SHA256:..."`.
        pin_hint: Option<String>,
    },

    /// The server refused the API user name or password.
    #[error("login to {server} as {user} failed: {message}")]
    Login {
        server: String,
        user: String,
        message: String,
    },

    /// The token could not be refreshed and no password is known to log in again.
    #[error("the login to {server} expired; log in again")]
    LoginExpired { server: String },

    /// The server's version lacks an option that was asked for; nothing was sent.
    #[error("{what} needs API {since} or later, but {server} speaks {version}")]
    Unsupported {
        what: String,
        since: ApiVersion,
        version: ApiVersion,
        server: String,
    },

    /// An option that only older versions have; nothing was sent.
    #[error("{what} exists only up to API {until}, but {server} speaks {version}")]
    Withdrawn {
        what: String,
        until: ApiVersion,
        version: ApiVersion,
        server: String,
    },

    /// None of v4 to v8 answered at the server's address.
    #[error(
        "{server} serves none of the API versions tried ({tried}); is it a VB365 REST address?"
    )]
    NoVersion { server: String, tried: String },

    /// The server could not be reached at all.
    #[error("cannot connect to {server}: {reason}")]
    Connect { server: String, reason: String },

    /// The server stopped answering.
    #[error("{method} {path} timed out: the server sent nothing for {} s", .after.as_secs())]
    Timeout {
        method: String,
        path: String,
        after: Duration,
    },

    /// A body broke off while it was being read.
    #[error("{method} {path}: the transfer broke off: {reason}")]
    Transfer {
        method: String,
        path: String,
        reason: String,
    },

    /// A local file the request needs (a CA file, a certificate) could not be read.
    #[error("cannot read {what} {}: {source}", .path.display())]
    Io {
        what: String,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Something asked for cannot be resolved: an id or a path that is not there.
    #[error("{what} was not found")]
    NotFound { what: String },

    /// A name matches more than one thing.
    #[error("{what} matches more than one: {}", .candidates.join(", "))]
    Ambiguous {
        what: String,
        candidates: Vec<String>,
    },

    /// A setting or argument that cannot work, found before anything was sent.
    #[error("{0}")]
    Usage(String),
}

impl ApiError {
    /// The process exit status this error calls for: 1 the server refused or failed, 2 bad
    /// usage or config, 3 login or trust failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Server { status: 401, .. } => 3,
            Self::Tls { .. } | Self::Login { .. } | Self::LoginExpired { .. } => 3,
            Self::Unsupported { .. }
            | Self::Withdrawn { .. }
            | Self::Io { .. }
            | Self::NotFound { .. }
            | Self::Ambiguous { .. }
            | Self::Usage(_) => 2,
            Self::Server { .. }
            | Self::NotJson { .. }
            | Self::NoVersion { .. }
            | Self::Connect { .. }
            | Self::Timeout { .. }
            | Self::Transfer { .. } => 1,
        }
    }

    /// The HTTP status the server answered, when it answered with an error.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Server { status, .. } | Self::NotJson { status, .. } => Some(*status),
            _ => None,
        }
    }
}

fn code_suffix(code: &Option<String>) -> String {
    code.as_deref()
        .map(|code| format!(" (errorCode {code})"))
        .unwrap_or_default()
}

fn tls_message(
    server: &str,
    reason: &str,
    fingerprint: &Option<String>,
    pin_hint: &Option<String>,
) -> String {
    let mut message = format!("the certificate of {server} is not trusted: {reason}");
    if let Some(fingerprint) = fingerprint {
        message.push_str(&format!("; it has the fingerprint {fingerprint}"));
    }
    if let Some(hint) = pin_hint {
        message.push_str(&format!(
            "; if you have checked that this is your server's certificate, pin it with the \
             profile line {hint} (or --fingerprint)"
        ));
    }
    message
}

/// Quotes the start of a body for an error, cut at a character boundary.
pub fn first_bytes(body: &[u8]) -> String {
    let shown = &body[..body.len().min(FIRST_BYTES_SHOWN)];
    let mut text = String::from_utf8_lossy(shown).into_owned();
    if body.len() > FIRST_BYTES_SHOWN {
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_error_names_method_path_status_message_and_code() {
        let error = ApiError::Server {
            method: "GET".into(),
            path: "/v8/RestoreSessions".into(),
            status: 500,
            message: "The proxy is offline".into(),
            error_code: Some("ProxyOffline".into()),
        };
        let text = error.to_string();
        for part in [
            "GET",
            "/v8/RestoreSessions",
            "500",
            "The proxy is offline",
            "ProxyOffline",
        ] {
            assert!(text.contains(part), "{text}");
        }
        assert_eq!(error.exit_code(), 1);
    }

    #[test]
    fn a_tls_error_shows_the_fingerprint_and_the_line_that_pins_it() {
        let error = ApiError::Tls {
            server: "https://vbo:4443".into(),
            reason: "self-signed".into(),
            fingerprint: Some("SHA256:ab".into()),
            pin_hint: Some("fingerprint = \"SHA256:ab\"".into()),
        };
        let text = error.to_string();
        assert!(text.contains("SHA256:ab"), "{text}");
        assert!(text.contains("fingerprint = \"SHA256:ab\""), "{text}");
        assert_eq!(error.exit_code(), 3);
    }

    #[test]
    fn first_bytes_cut_long_and_binary_bodies() {
        let body = vec![b'<'; 1000];
        let shown = first_bytes(&body);
        assert!(shown.ends_with('…'));
        assert_eq!(shown.chars().count(), FIRST_BYTES_SHOWN + 1);
        assert_eq!(first_bytes(&[0xff, b'a']), "\u{fffd}a");
    }
}
