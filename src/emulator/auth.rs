//! The API login: `/vN/token` grants (password and refresh_token), bearer checks on every
//! other call, v7+ antiforgery, and `token/logout`.

use std::collections::HashMap;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{Value, json};

use super::body::{Obj, parse_lower};
use super::failure::{Failure, json_response};
use super::faults::FaultKind;
use super::state::{Caller, Ctx, lock};
use super::version::Version;

/// Issued tokens.
#[derive(Debug, Default)]
pub struct TokenStore {
    access: HashMap<String, Access>,
    refresh: HashMap<String, Refresh>,
}

#[derive(Debug, Clone)]
struct Access {
    user: String,
    expires: Instant,
    /// v7+ tokens granted without `disable_antiforgery_token` need this header value.
    antiforgery: Option<String>,
}

#[derive(Debug, Clone)]
struct Refresh {
    user: String,
    antiforgery: bool,
}

impl TokenStore {
    /// Makes every access token issued so far expired.
    pub fn expire_all(&mut self) {
        let now = Instant::now();
        for access in self.access.values_mut() {
            access.expires = now;
        }
    }

    fn issue(
        &mut self,
        user: &str,
        ttl: std::time::Duration,
        antiforgery: bool,
    ) -> (String, String, Option<String>) {
        let access = format!("emu.{}", uuid::Uuid::new_v4().simple());
        let refresh = format!("emu-refresh.{}", uuid::Uuid::new_v4().simple());
        let xsrf = antiforgery.then(|| uuid::Uuid::new_v4().simple().to_string());
        self.access.insert(
            access.clone(),
            Access {
                user: user.to_string(),
                expires: Instant::now() + ttl,
                antiforgery: xsrf.clone(),
            },
        );
        self.refresh.insert(
            refresh.clone(),
            Refresh {
                user: user.to_string(),
                antiforgery,
            },
        );
        (access, refresh, xsrf)
    }
}

// LIMITATION: only the password and refresh_token grants; jwt-bearer, operator and
// integration grants answer unsupported_grant_type.

/// `POST /vN/token`: form-encoded (or JSON) grants.
pub async fn token(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Response {
    let form = match read_form(&headers, &body) {
        Ok(form) => form,
        Err(failure) => return failure.into_response(),
    };
    let field = |k: &str| Obj::of(&form).str(k).unwrap_or_default();
    let config = &ctx.shared.config;
    let (user, antiforgery) = match field("grant_type").as_str() {
        "password" => {
            let user = field("username");
            let login = user.rsplit('\\').next().unwrap_or_default();
            if !login.eq_ignore_ascii_case(&config.api_user)
                || field("password") != config.api_password
            {
                return oauth_error("invalid_grant", "The user name or password is incorrect.");
            }
            (user, wants_antiforgery(ctx.version, &form))
        }
        "refresh_token" => match refresh(&ctx, &field("refresh_token")) {
            Some(found) => found,
            None => {
                return oauth_error(
                    "invalid_grant",
                    "The refresh token is invalid or has expired.",
                );
            }
        },
        "" => return oauth_error("invalid_request", "grant_type is required."),
        _ => {
            return oauth_error(
                "unsupported_grant_type",
                "This grant type is not supported here.",
            );
        }
    };
    let ttl = config.token_ttl;
    let (access, refresh, xsrf) = lock(&ctx.shared.tokens).issue(&user, ttl, antiforgery);
    let now = Utc::now();
    let expires = now + chrono::Duration::from_std(ttl).unwrap_or_default();
    let answer = json!({
        "access_token": access, "token_type": "bearer", "expires_in": ttl.as_secs(),
        "refresh_token": refresh, "userName": user,
        ".issued": now.to_rfc3339(), ".expires": expires.to_rfc3339(),
    });
    let mut response = json_response(StatusCode::OK, &answer);
    if let Some(xsrf) = xsrf
        && let Ok(cookie) = format!("XSRF-TOKEN={xsrf}; path=/; secure").parse()
    {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

fn read_form(headers: &HeaderMap, body: &[u8]) -> Result<Value, Failure> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    if json {
        return parse_lower(body);
    }
    let map = url::form_urlencoded::parse(body)
        .map(|(k, v)| (k.to_lowercase(), Value::String(v.into_owned())))
        .collect();
    Ok(Value::Object(map))
}

fn wants_antiforgery(version: Version, form: &Value) -> bool {
    let disabled = Obj::of(form)
        .bool("disable_antiforgery_token")
        .ok()
        .flatten()
        == Some(true);
    version >= Version::V7 && !disabled
}

fn refresh(ctx: &Ctx, token: &str) -> Option<(String, bool)> {
    if ctx
        .shared
        .faults
        .fire("", |k| *k == FaultKind::RefuseRefresh)
        .is_some()
    {
        return None;
    }
    let old = lock(&ctx.shared.tokens).refresh.remove(token)?;
    Some((old.user, old.antiforgery))
}

fn oauth_error(error: &str, description: &str) -> Response {
    json_response(
        StatusCode::BAD_REQUEST,
        &json!({ "error": error, "error_description": description }),
    )
}

/// Lets a request through only with a live bearer token (and, where it was asked for,
/// the antiforgery header); records who made it.
pub async fn require(State(ctx): State<Ctx>, mut request: Request, next: Next) -> Response {
    let token = bearer(request.headers());
    let found = token.and_then(|t| lock(&ctx.shared.tokens).access.get(&t).cloned());
    let Some(access) = found else {
        return Failure::unauthorized("Authorization has been denied for this request.")
            .into_response();
    };
    if Instant::now() >= access.expires {
        return Failure::unauthorized("The access token has expired.").into_response();
    }
    if let Some(expected) = &access.antiforgery {
        let sent = request
            .headers()
            .get("x-xsrf-token")
            .and_then(|v| v.to_str().ok());
        if sent != Some(expected.as_str()) {
            return Failure::bad_request(
                "The required antiforgery header value \"X-XSRF-TOKEN\" is not present.",
            )
            .into_response();
        }
    }
    request.extensions_mut().insert(Caller(access.user));
    next.run(request).await
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

/// `POST /vN/token/logout` (v7+): the access token stops working.
pub async fn logout(State(ctx): State<Ctx>, headers: HeaderMap) -> Response {
    if let Some(token) = bearer(&headers) {
        lock(&ctx.shared.tokens).access.remove(&token);
    }
    StatusCode::NO_CONTENT.into_response()
}
