//! Handlers that read the same on every version: restore sessions and their events,
//! the session's organization, device codes and the service instance.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::body::{LowerJson, Obj, Query};
use super::failure::{Failure, json_response};
use super::restore_auth;
use super::sessions::{Session, Stats};
use super::state::{Ctx, lock};
use super::views::{self, Href, Paging};

type Answer = Result<Response, Failure>;

/// Every restore session as this version shows them.
pub fn all_sessions(ctx: &Ctx) -> Vec<Session> {
    let idle = ctx.shared.config.session_idle_timeout;
    lock(&ctx.shared.sessions).all(idle)
}

pub fn one_session(ctx: &Ctx, id: &str) -> Result<Session, Failure> {
    let idle = ctx.shared.config.session_idle_timeout;
    Ok(lock(&ctx.shared.sessions).get(id, idle)?.clone())
}

/// The organization a request names; 404 for any other id.
pub fn check_organization(ctx: &Ctx, id: &str) -> Result<(), Failure> {
    if ctx.shared.tenant.organization.id == id {
        Ok(())
    } else {
        Err(Failure::not_found(format!(
            "Organization with ID {id} was not found."
        )))
    }
}

pub async fn sessions(State(ctx): State<Ctx>, query: Query) -> Answer {
    let at = Paging::of(&query)?;
    let href = Href::new(&query, ctx.version);
    let all = all_sessions(&ctx);
    let results = all
        .iter()
        .rev()
        .skip(at.offset)
        .take(at.limit)
        .map(|s| views::session(s, &href))
        .collect();
    let page = views::page(results, at, all.len(), "restoresessions", &query, &href);
    Ok(json_response(StatusCode::OK, &page))
}

pub async fn session(State(ctx): State<Ctx>, Path(rs): Path<String>, query: Query) -> Answer {
    let session = one_session(&ctx, &rs)?;
    let href = Href::new(&query, ctx.version);
    Ok(json_response(
        StatusCode::OK,
        &views::session(&session, &href),
    ))
}

pub async fn events(State(ctx): State<Ctx>, Path(rs): Path<String>, query: Query) -> Answer {
    let session = one_session(&ctx, &rs)?;
    let at = Paging::of(&query)?;
    let href = Href::new(&query, ctx.version);
    let shown = session.visible_events();
    let results = shown
        .iter()
        .enumerate()
        .skip(at.offset)
        .take(at.limit)
        .map(|(order, e)| views::event(e, order, &rs, &href))
        .collect();
    let path = format!("restoresessions/{rs}/events");
    Ok(json_response(
        StatusCode::OK,
        &views::page(results, at, shown.len(), &path, &query, &href),
    ))
}

pub async fn event(
    State(ctx): State<Ctx>,
    Path((rs, ev)): Path<(String, String)>,
    query: Query,
) -> Answer {
    let session = one_session(&ctx, &rs)?;
    let href = Href::new(&query, ctx.version);
    let shown = session.visible_events();
    let (order, found) = shown
        .iter()
        .enumerate()
        .find(|(_, e)| e.id == ev)
        .ok_or_else(|| Failure::not_found(format!("Event with ID {ev} was not found.")))?;
    Ok(json_response(
        StatusCode::OK,
        &views::event(found, order, &rs, &href),
    ))
}

/// The counts of a session so far (v8): an asynchronous restore counts its items as their
/// events appear.
pub fn statistics(session: &Session) -> Value {
    let (stats, finished) = match session.restore {
        Some((stats, _)) => (stats, session.stopped),
        None => (Stats::default(), true),
    };
    let restored = if finished {
        stats.restored
    } else {
        let shown = session.visible_events();
        shown.iter().filter(|e| e.item_name.is_some()).count() as u64
    };
    json!({
        "totalItemsCount": stats.total, "restoredItemsCount": restored,
        "failedItemsCount": stats.failed, "skippedItemsCount": stats.skipped_by_error + stats.skipped_by_no_changes,
        "warnings": [], "errors": [], "items": [],
    })
}

pub async fn session_organization(
    State(ctx): State<Ctx>,
    Path(rs): Path<String>,
    query: Query,
) -> Answer {
    one_session(&ctx, &rs)?;
    let href = Href::new(&query, ctx.version);
    Ok(json_response(
        StatusCode::OK,
        &views::organization(&ctx.shared.tenant, &href),
    ))
}

pub async fn organization(State(ctx): State<Ctx>, Path(org): Path<String>, query: Query) -> Answer {
    check_organization(&ctx, &org)?;
    let href = Href::new(&query, ctx.version);
    Ok(json_response(
        StatusCode::OK,
        &views::organization(&ctx.shared.tenant, &href),
    ))
}

/// `RestoreSessions/{id}/organization/restoreDeviceCode`.
pub async fn session_device_code(
    State(ctx): State<Ctx>,
    Path(rs): Path<String>,
    LowerJson(body): LowerJson,
) -> Answer {
    let idle = ctx.shared.config.session_idle_timeout;
    lock(&ctx.shared.sessions).working(&rs, idle)?;
    device_code_body(&ctx, &body)
}

/// `DeviceCode` without a session (v5+) and v4's `Organizations/{id}/DeviceCode`.
pub fn device_code_body(ctx: &Ctx, body: &Value) -> Answer {
    let options = Obj::of(body);
    options.choice(
        "targetRegion",
        &["Worldwide", "Germany", "China", "USDefence", "USGovernment"],
    )?;
    if let Some(app) = options.str("targetApplicationId")
        && uuid::Uuid::parse_str(&app).is_err()
    {
        return Err(Failure::bad_request(format!(
            "targetApplicationId {app} is not a GUID."
        )));
    }
    Ok(json_response(
        StatusCode::OK,
        &restore_auth::issue(&ctx.shared),
    ))
}

pub async fn device_code(State(ctx): State<Ctx>, LowerJson(body): LowerJson) -> Answer {
    device_code_body(&ctx, &body)
}

/// `DeviceCode/check` (v6+): whether the code has been signed in.
pub async fn device_code_check(State(ctx): State<Ctx>, LowerJson(body): LowerJson) -> Answer {
    let code = Obj::of(&body).str("userCode").unwrap_or_default();
    let ok = restore_auth::is_approved(&ctx.shared, &code);
    Ok(json_response(
        StatusCode::OK,
        &json!({ "authenticated": ok }),
    ))
}

/// `ServiceInstance`, which version probes ask for.
pub async fn service_instance(State(ctx): State<Ctx>) -> Answer {
    let value = json!({ "version": "8.0.2.159", "apiVersion": ctx.version.as_str(), "name": "vbo-restore emulator" });
    Ok(json_response(StatusCode::OK, &value))
}
