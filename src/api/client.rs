//! The client: connecting (login and version detection) and sending authorized requests.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::{Method, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::auth::{Token, TokenAnswer, request_token};
use super::dialect::{Dialect, Grant, Request};
use super::error::ApiError;
use super::secret::Secret;
use super::transport::{Patience, Transport, error_from, json_from};
use super::trust::Trust;
use super::version::ApiVersion;

pub const DEFAULT_PAGE_SIZE: usize = 1000;
pub const MAX_PAGE_SIZE: usize = 10_000;
pub const READ_TIMEOUT_SECS: u64 = 60;
/// Saves wait this long for bytes: the server builds a ZIP completely before sending it.
pub const SAVE_READ_TIMEOUT_SECS: u64 = 3 * 3600;

/// Where and how to connect.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// The server root, such as `https://vbo.example.com:4443` (no version).
    pub url: String,
    /// A fixed version, or `None` to find the newest the server serves.
    pub api: Option<ApiVersion>,
    pub user: String,
    pub password: Secret,
    pub trust: Trust,
    /// Rows per listing page: default 1,000, at most 10,000.
    pub page_size: usize,
    /// How long a listing or an action may stay silent.
    pub read_timeout: Duration,
    /// How long a save (or a restore that blocks until done) may stay silent.
    pub save_read_timeout: Duration,
}

impl ConnectOptions {
    pub fn new(url: &str, user: &str, password: Secret) -> Self {
        Self {
            url: url.to_string(),
            user: user.to_string(),
            password,
            ..Self::default()
        }
    }
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            url: String::new(),
            api: None,
            user: String::new(),
            password: Secret::default(),
            trust: Trust::default(),
            page_size: DEFAULT_PAGE_SIZE,
            read_timeout: Duration::from_secs(READ_TIMEOUT_SECS),
            save_read_timeout: Duration::from_secs(SAVE_READ_TIMEOUT_SECS),
        }
    }
}

/// A logged-in connection to one VB365 server; cheap to clone and share between tasks.
#[derive(Clone)]
pub struct Client {
    pub(super) inner: Arc<Inner>,
}

pub(super) struct Inner {
    transport: Transport,
    dialect: Dialect,
    user: String,
    password: Mutex<Option<Secret>>,
    token: tokio::sync::Mutex<Token>,
    page_size: usize,
}

/// One request of the client: what the dialect built plus query and expectations.
#[derive(Debug, Clone)]
pub(super) struct Call {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
    pub patience: Patience,
    pub accept: &'static str,
}

impl Call {
    pub fn get(path: String) -> Self {
        Self::from(Request {
            method: Method::GET,
            path,
            body: None,
        })
    }

    pub fn query(mut self, name: &str, value: impl ToString) -> Self {
        self.query.push((name.to_string(), value.to_string()));
        self
    }

    pub fn patient(mut self) -> Self {
        self.patience = Patience::Long;
        self
    }

    /// The path with its query, as errors and logs show it.
    pub fn shown(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let pairs: Vec<String> = self.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{}?{}", self.path, pairs.join("&"))
    }
}

impl From<Request> for Call {
    fn from(request: Request) -> Self {
        Self {
            method: request.method,
            path: request.path,
            query: Vec::new(),
            body: request.body,
            patience: Patience::Normal,
            accept: "application/json",
        }
    }
}

impl Client {
    /// Logs in and settles the version: the one asked for, or the newest of v8 to v4 that
    /// the server serves.
    pub async fn connect(options: ConnectOptions) -> Result<Client, ApiError> {
        let root = normalize_url(&options.url)?;
        if options.page_size == 0 || options.page_size > MAX_PAGE_SIZE {
            return Err(ApiError::Usage(format!(
                "page size {} is out of range: use 1 to {MAX_PAGE_SIZE}",
                options.page_size
            )));
        }
        let transport = Transport::new(
            &root,
            &options.trust,
            options.read_timeout,
            options.save_read_timeout.max(options.read_timeout),
        )?;
        let candidates: Vec<ApiVersion> = match options.api {
            Some(version) => vec![version],
            None => ApiVersion::newest_first().collect(),
        };
        let grant = Grant::Password {
            user: &options.user,
            password: options.password.expose(),
        };
        for version in &candidates {
            let dialect = Dialect::new(*version, &root);
            let answer = request_token(&transport, &dialect, &grant, &options.user).await?;
            if let TokenAnswer::Token(token) = answer {
                let how = if options.api.is_some() {
                    "as configured"
                } else {
                    "detected"
                };
                tracing::info!(server = %root, %version, how, user = %options.user, "logged in");
                return Ok(Client::assemble(transport, dialect, options, token));
            }
            tracing::debug!(server = %root, %version, "version not served");
        }
        Err(ApiError::NoVersion {
            server: root,
            tried: candidates
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    fn assemble(
        transport: Transport,
        dialect: Dialect,
        options: ConnectOptions,
        token: Token,
    ) -> Client {
        Client {
            inner: Arc::new(Inner {
                transport,
                dialect,
                user: options.user,
                password: Mutex::new(Some(options.password)),
                token: tokio::sync::Mutex::new(token),
                page_size: options.page_size,
            }),
        }
    }

    /// The API version in use.
    pub fn version(&self) -> ApiVersion {
        self.inner.dialect.version
    }

    /// The server root URL.
    pub fn server(&self) -> &str {
        self.inner.transport.root()
    }

    /// The API user that is logged in.
    pub fn user(&self) -> &str {
        &self.inner.user
    }

    pub fn page_size(&self) -> usize {
        self.inner.page_size
    }

    /// How long the server said the current access token lasts.
    pub async fn token_lifetime(&self) -> Duration {
        self.inner.token.lock().await.lifetime
    }

    /// Drops the remembered password: when the token can no longer be refreshed, requests then
    /// fail with `LoginExpired` instead of logging in again.
    pub fn forget_password(&self) {
        if let Ok(mut password) = self.inner.password.lock() {
            *password = None;
        }
    }

    pub(super) fn inner_timeout(&self, patience: Patience) -> Duration {
        self.inner.transport.timeout(patience)
    }

    pub(super) fn dialect(&self) -> &Dialect {
        &self.inner.dialect
    }

    /// A bearer token good for the next request, renewed first if it is about to run out.
    async fn bearer(&self) -> Result<Secret, ApiError> {
        let mut token = self.inner.token.lock().await;
        if token.is_due(Instant::now()) {
            *token = self.renew(&token).await?;
        }
        Ok(token.access.clone())
    }

    /// After a 401: renews the token unless another request already did.
    async fn bearer_after_refusal(&self, refused: &Secret) -> Result<Secret, ApiError> {
        let mut token = self.inner.token.lock().await;
        if token.access == *refused {
            *token = self.renew(&token).await?;
        }
        Ok(token.access.clone())
    }

    /// Refreshes the token; if that fails, logs in again with the password if it is known.
    async fn renew(&self, old: &Token) -> Result<Token, ApiError> {
        let inner = &self.inner;
        if let Some(refresh) = &old.refresh {
            let grant = Grant::Refresh {
                token: refresh.expose(),
            };
            match request_token(&inner.transport, &inner.dialect, &grant, &inner.user).await {
                Ok(TokenAnswer::Token(token)) => {
                    tracing::debug!(server = %self.server(), "token refreshed");
                    return Ok(token);
                }
                Ok(TokenAnswer::NotServed) => {}
                Err(error) => tracing::info!(%error, "token refresh failed"),
            }
        }
        let password = inner.password.lock().ok().and_then(|guard| guard.clone());
        let Some(password) = password else {
            return Err(ApiError::LoginExpired {
                server: self.server().to_string(),
            });
        };
        let grant = Grant::Password {
            user: &inner.user,
            password: password.expose(),
        };
        match request_token(&inner.transport, &inner.dialect, &grant, &inner.user).await? {
            TokenAnswer::Token(token) => {
                tracing::info!(server = %self.server(), "logged in again");
                Ok(token)
            }
            TokenAnswer::NotServed => Err(ApiError::LoginExpired {
                server: self.server().to_string(),
            }),
        }
    }

    /// Sends a call with the token; on a 401, renews the token and sends it once more.
    /// Answers with whatever status the server gave.
    pub(super) async fn execute(&self, call: &Call) -> Result<Response, ApiError> {
        let bearer = self.bearer().await?;
        let response = self.send_once(call, &bearer).await?;
        if response.status() != StatusCode::UNAUTHORIZED {
            return Ok(response);
        }
        tracing::info!(path = %call.path, "401: renewing the token and retrying once");
        let bearer = self.bearer_after_refusal(&bearer).await?;
        self.send_once(call, &bearer).await
    }

    async fn send_once(&self, call: &Call, bearer: &Secret) -> Result<Response, ApiError> {
        let transport = &self.inner.transport;
        let mut request = transport
            .request(call.method.clone(), &call.path, call.patience)
            .bearer_auth(bearer.expose())
            .header(reqwest::header::ACCEPT, call.accept);
        if !call.query.is_empty() {
            request = request.query(&call.query);
        }
        if let Some(body) = &call.body {
            request = request.json(body);
        } else if call.method == Method::POST {
            request = request.header(reqwest::header::CONTENT_LENGTH, "0");
        }
        transport
            .send(request, &call.method, &call.shown(), call.patience)
            .await
    }

    /// Sends a call and reads a successful answer as `T`.
    pub(super) async fn fetch<T: DeserializeOwned>(&self, call: &Call) -> Result<T, ApiError> {
        let response = self.execute(call).await?;
        if !response.status().is_success() {
            return Err(error_from(response, &call.method, &call.shown()).await);
        }
        json_from(response, &call.method, &call.shown()).await
    }

    /// Sends a call that answers with no body worth reading.
    pub(super) async fn fetch_nothing(&self, call: &Call) -> Result<(), ApiError> {
        let response = self.execute(call).await?;
        if !response.status().is_success() {
            return Err(error_from(response, &call.method, &call.shown()).await);
        }
        Ok(())
    }
}

/// Checks the server URL and drops trailing slashes.
fn normalize_url(url: &str) -> Result<String, ApiError> {
    let trimmed = url.trim().trim_end_matches('/');
    let parsed = url::Url::parse(trimmed)
        .map_err(|error| ApiError::Usage(format!("server URL {url:?} is not a URL: {error}")))?;
    match parsed.scheme() {
        "https" => {}
        "http" => tracing::warn!(server = trimmed, "plain HTTP: passwords travel unencrypted"),
        other => {
            return Err(ApiError::Usage(format!(
                "server URL {url:?} must start with https:// (not {other}://)"
            )));
        }
    }
    if parsed.host_str().is_none() {
        return Err(ApiError::Usage(format!("server URL {url:?} names no host")));
    }
    Ok(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_trailing_slashes_and_must_be_http() {
        assert_eq!(
            normalize_url("https://vbo:4443/").ok().as_deref(),
            Some("https://vbo:4443")
        );
        assert!(normalize_url("ftp://vbo").is_err());
        assert!(normalize_url("vbo:4443").is_err());
    }

    #[test]
    fn the_client_and_its_streams_can_move_between_tasks() {
        fn shared<T: Send + Sync + 'static>() {}
        fn owned<T: Send + 'static>() {}
        shared::<Client>();
        owned::<super::super::ItemPages>();
        owned::<super::super::SaveBody>();
        owned::<ApiError>();
    }

    #[test]
    fn a_call_shows_its_query() {
        let call = Call::get("/v8/x".into())
            .query("offset", 0)
            .query("limit", 5);
        assert_eq!(call.shown(), "/v8/x?offset=0&limit=5");
    }
}
