//! Tokens: the password grant, refresh before expiry, and what to do when refresh fails.
//!
//! The access and refresh tokens live in memory only and are never logged.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde::Deserialize;

use super::dialect::{Dialect, Grant};
use super::error::ApiError;
use super::secret::Secret;
use super::transport::{Patience, Transport, error_from, json_from};

/// Refresh this long before the token runs out, at most.
const REFRESH_MARGIN_SECS: u64 = 30;
/// Assumed when the server does not say how long a token lasts.
const DEFAULT_LIFETIME_SECS: u64 = 3600;
/// The longest lifetime believed: a year, far beyond any real token's.
const MAX_LIFETIME_SECS: u64 = 365 * 24 * 3600;

/// An access token with its refresh token and when it runs out.
#[derive(Debug, Clone)]
pub struct Token {
    pub access: Secret,
    pub refresh: Option<Secret>,
    pub expires_at: Instant,
    pub lifetime: Duration,
}

impl Token {
    /// Whether the token should be renewed before its next use: within 30 s of expiry, or
    /// within a quarter of its lifetime for short-lived tokens.
    pub fn is_due(&self, now: Instant) -> bool {
        let margin = (self.lifetime / 4).min(Duration::from_secs(REFRESH_MARGIN_SECS));
        now + margin >= self.expires_at
    }
}

#[derive(Deserialize)]
pub(super) struct TokenBody {
    access_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    expires_in: Option<u64>,
}

/// What the token endpoint of one version answered.
pub enum TokenAnswer {
    Token(Token),
    /// 404: the server does not serve this version.
    NotServed,
}

/// Asks `/vN/token` for a token with `grant`; `user` only names the account in errors.
pub async fn request_token(
    transport: &Transport,
    dialect: &Dialect,
    grant: &Grant<'_>,
    user: &str,
) -> Result<TokenAnswer, ApiError> {
    let path = dialect.path("/token");
    let method = Method::POST;
    let request = transport
        .request(method.clone(), &path, Patience::Normal)
        .header(reqwest::header::ACCEPT, "application/json")
        .form(&dialect.token_form(grant));
    let issued = Instant::now();
    let response = transport
        .send(request, &method, &path, Patience::Normal)
        .await?;
    let status = response.status();
    if status == StatusCode::NOT_FOUND {
        return Ok(TokenAnswer::NotServed);
    }
    if !status.is_success() {
        let error = error_from(response, &method, &path).await;
        let refused = matches!(status, StatusCode::BAD_REQUEST | StatusCode::UNAUTHORIZED);
        return Err(match (grant, refused) {
            (Grant::Password { .. }, true) => ApiError::Login {
                server: transport.root().to_string(),
                user: user.to_string(),
                message: server_message(&error),
            },
            _ => error,
        });
    }
    let body: TokenBody = json_from(response, &method, &path).await?;
    Ok(TokenAnswer::Token(body.into_token(issued)))
}

impl TokenBody {
    /// The token as issued at `issued`. A lifetime past `MAX_LIFETIME_SECS` is cut to it, so
    /// that no `expires_in` a server sends can overflow the clock.
    pub(super) fn into_token(self, issued: Instant) -> Token {
        let seconds = self.expires_in.unwrap_or(DEFAULT_LIFETIME_SECS);
        let lifetime = Duration::from_secs(seconds.min(MAX_LIFETIME_SECS));
        Token {
            access: Secret::from(self.access_token),
            refresh: self.refresh_token.map(Secret::from),
            expires_at: issued + lifetime,
            lifetime,
        }
    }
}

fn server_message(error: &ApiError) -> String {
    match error {
        ApiError::Server { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(lifetime_secs: u64) -> Token {
        let lifetime = Duration::from_secs(lifetime_secs);
        Token {
            access: Secret::from("a"),
            refresh: None,
            expires_at: Instant::now() + lifetime,
            lifetime,
        }
    }

    #[test]
    fn an_hour_token_is_renewed_thirty_seconds_before_expiry() {
        let token = token(3600);
        let now = Instant::now();
        assert!(!token.is_due(now));
        assert!(!token.is_due(now + Duration::from_secs(3560)));
        assert!(token.is_due(now + Duration::from_secs(3571)));
    }

    #[test]
    fn a_lifetime_too_long_for_the_clock_is_cut_to_a_year() {
        let body = TokenBody {
            access_token: "a".into(),
            refresh_token: None,
            expires_in: Some(u64::MAX),
        };
        let token = body.into_token(Instant::now());
        assert_eq!(token.lifetime, Duration::from_secs(MAX_LIFETIME_SECS));
        assert!(!token.is_due(Instant::now()));
    }

    #[test]
    fn a_two_second_token_is_renewed_in_its_last_half_second() {
        let token = token(2);
        let now = Instant::now();
        assert!(!token.is_due(now + Duration::from_millis(1000)));
        assert!(token.is_due(now + Duration::from_millis(1600)));
    }
}
