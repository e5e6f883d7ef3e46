//! The control path outside the API prefixes: faults and token expiry at run time.
//!
//! `GET /_emulator/faults` lists the faults in force; `POST` adds the SPECs sent (a JSON
//! list of strings, `{"faults": [...]}`, or one SPEC a line), `PUT` replaces them all and
//! `DELETE` clears them. `POST /_emulator/tokens/expire` expires every token issued so far.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use super::failure::json_response;
use super::faults::Fault;
use super::state::{Shared, lock};

pub fn routes(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/faults", get(list).post(add).put(replace).delete(clear))
        .route("/tokens/expire", post(expire))
        .with_state(shared)
}

/// Installs faults, acting at once on `expire-tokens` (which stays out of the list).
pub fn install(shared: &Shared, faults: Vec<Fault>) {
    let (now, kept): (Vec<Fault>, Vec<Fault>) = faults
        .into_iter()
        .partition(|f| f.kind == super::faults::FaultKind::ExpireTokens);
    if !now.is_empty() {
        lock(&shared.tokens).expire_all();
    }
    shared.faults.replace(kept);
}

async fn list(State(shared): State<Arc<Shared>>) -> Response {
    let specs: Vec<String> = shared.faults.list().iter().map(Fault::to_string).collect();
    json_response(StatusCode::OK, &json!({ "faults": specs }))
}

fn parse(body: &[u8]) -> Result<Vec<Fault>, String> {
    let specs: Vec<String> = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Ok(Value::Object(map)) => map
            .get("faults")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        Ok(Value::String(one)) => vec![one],
        _ => String::from_utf8_lossy(body)
            .lines()
            .map(str::to_string)
            .collect(),
    };
    specs
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.parse::<Fault>().map_err(|e| e.to_string()))
        .collect()
}

async fn add(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    match parse(&body) {
        Ok(faults) => {
            let mut all = shared.faults.list();
            all.extend(faults);
            install(&shared, all);
            list(State(shared)).await
        }
        Err(message) => json_response(StatusCode::BAD_REQUEST, &json!({ "message": message })),
    }
}

async fn replace(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    match parse(&body) {
        Ok(faults) => {
            install(&shared, faults);
            list(State(shared)).await
        }
        Err(message) => json_response(StatusCode::BAD_REQUEST, &json!({ "message": message })),
    }
}

async fn clear(State(shared): State<Arc<Shared>>) -> Response {
    shared.faults.replace(Vec::new());
    StatusCode::NO_CONTENT.into_response()
}

async fn expire(State(shared): State<Arc<Shared>>) -> Response {
    lock(&shared.tokens).expire_all();
    StatusCode::NO_CONTENT.into_response()
}
