//! The v6, v7 and v8 dialect: one path per action, flat bodies, `explore` and `Stop`.
//! Where v8 differs (201 on explore, 204 on stop and send, asynchronous restores that
//! answer `{"sessionId"}`, organizations as a page) it is decided here.

use std::time::Instant;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde_json::json;

use super::actions::{self, Done, Scope, Target};
use super::body::{LowerJson, Obj, Query};
use super::browse;
use super::common;
use super::download;
use super::failure::{Failure, json_response};
use super::mail::{self, Explorer};
use super::sessions::{self, Session};
use super::state::{Caller, Ctx, lock};
use super::version::Version;
use super::views::{self, Href, Paging};

type Answer = Result<Response, Failure>;

const DRIVE: &str = "/restoresessions/{rs}/organization/onedrives/{od}";

// LIMITATION: not served: folder `Versions`, the bulk `Organization/OneDrives/restore`, the
// tenant-login `Organization/Explore` and `Jobs/{id}/explore`; no client of this project
// uses them.

/// The routes of one v6+ version (the caller adds the token check and the layers).
pub fn routes() -> Router<Ctx> {
    let d = |tail: &str| format!("{DRIVE}{tail}");
    Router::new()
        .route("/organizations", get(organizations))
        .route("/organizations/{org}", get(common::organization))
        .route("/organizations/{org}/explore", post(explore))
        .route("/serviceinstance", get(common::service_instance))
        .route("/restoresessions", get(common::sessions))
        .route("/restoresessions/{rs}", get(common::session))
        .route("/restoresessions/{rs}/stop", post(stop))
        .route("/restoresessions/{rs}/events", get(common::events))
        .route("/restoresessions/{rs}/events/{ev}", get(common::event))
        .route("/restoresessions/{rs}/statistics", get(statistics))
        .route(
            "/restoresessions/{rs}/organization",
            get(common::session_organization),
        )
        .route(
            "/restoresessions/{rs}/organization/restoredevicecode",
            post(common::session_device_code),
        )
        .route("/devicecode", post(common::device_code))
        .route("/devicecode/check", post(common::device_code_check))
        .route(
            "/restoresessions/{rs}/organization/onedrives",
            get(browse::onedrives),
        )
        .route(DRIVE, get(browse::onedrive))
        .route(&d("/search"), post(browse::search))
        .route(&d("/{action}"), post(drive_action))
        .route(&d("/folders"), get(browse::folders))
        .route(
            &d("/folders/{folder}"),
            get(browse::folder).post(folders_action),
        )
        .route(&d("/folders/{folder}/search"), post(browse::search))
        .route(&d("/folders/{folder}/{action}"), post(folder_action))
        .route(&d("/documents"), get(browse::documents))
        .route(
            &d("/documents/{doc}"),
            get(browse::document).post(documents_action),
        )
        .route(&d("/documents/{doc}/versions"), get(browse::versions))
        .route(&d("/documents/{doc}/versions/{vid}"), get(browse::version))
        .route(
            &d("/documents/{doc}/versions/{vid}/{action}"),
            post(version_action),
        )
        .route(&d("/documents/{doc}/{action}"), post(document_action))
        .route(
            "/veodemailsettings",
            get(mail::get_onedrive).put(mail::put_onedrive),
        )
        .route(
            "/vespemailsettings",
            get(mail::get_sharepoint).put(mail::put_sharepoint),
        )
}

async fn organizations(State(ctx): State<Ctx>, query: Query) -> Answer {
    let href = Href::new(&query, ctx.version);
    let org = views::organization(&ctx.shared.tenant, &href);
    if ctx.version < Version::V8 {
        return Ok(json_response(StatusCode::OK, &json!([org])));
    }
    let at = Paging::of(&query)?;
    let results = [org].into_iter().skip(at.offset).take(at.limit).collect();
    Ok(json_response(
        StatusCode::OK,
        &views::page(results, at, 1, "organizations", &query, &href),
    ))
}

async fn explore(
    State(ctx): State<Ctx>,
    Path(org): Path<String>,
    caller: Extension<Caller>,
    query: Query,
    LowerJson(body): LowerJson,
) -> Answer {
    common::check_organization(&ctx, &org)?;
    let session = sessions::explore(&ctx.shared.tenant, Obj::of(&body), &caller.0.0)?;
    let href = Href::new(&query, ctx.version);
    let value = views::session(&session, &href);
    lock(&ctx.shared.sessions).insert(session);
    let status = if ctx.version >= Version::V8 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(json_response(status, &value))
}

async fn stop(State(ctx): State<Ctx>, Path(rs): Path<String>) -> Answer {
    let idle = ctx.shared.config.session_idle_timeout;
    lock(&ctx.shared.sessions)
        .get(&rs, idle)?
        .stop("Stopped by the user.");
    Ok(no_content_or_ok(&ctx))
}

fn no_content_or_ok(ctx: &Ctx) -> Response {
    if ctx.version.wire().no_content {
        StatusCode::NO_CONTENT.into_response()
    } else {
        StatusCode::OK.into_response()
    }
}

async fn statistics(State(ctx): State<Ctx>, Path(rs): Path<String>) -> Answer {
    if ctx.version < Version::V8 {
        return Err(Failure::not_found("The requested resource was not found."));
    }
    let session = common::one_session(&ctx, &rs)?;
    Ok(json_response(StatusCode::OK, &common::statistics(&session)))
}

async fn drive_action(
    ctx: State<Ctx>,
    Path((rs, od, action)): Path<(String, String, String)>,
    caller: Extension<Caller>,
    body: LowerJson,
) -> Answer {
    let target = Target::new(rs, od, Scope::Drive);
    act(&ctx, &caller.0.0, target, &action, &body.0, true).await
}

async fn folders_action(
    ctx: State<Ctx>,
    Path((rs, od, action)): Path<(String, String, String)>,
    caller: Extension<Caller>,
    body: LowerJson,
) -> Answer {
    let ids = Obj::of(&body.0).ids("folders")?.unwrap_or_default();
    let target = Target::new(rs, od, Scope::Folders(ids));
    act(&ctx, &caller.0.0, target, &action, &body.0, true).await
}

async fn folder_action(
    ctx: State<Ctx>,
    Path((rs, od, folder, action)): Path<(String, String, String, String)>,
    caller: Extension<Caller>,
    body: LowerJson,
) -> Answer {
    let target = Target::new(rs, od, Scope::Folders(vec![folder]));
    act(&ctx, &caller.0.0, target, &action, &body.0, true).await
}

async fn documents_action(
    ctx: State<Ctx>,
    Path((rs, od, action)): Path<(String, String, String)>,
    caller: Extension<Caller>,
    body: LowerJson,
) -> Answer {
    let ids = Obj::of(&body.0).ids("documents")?.unwrap_or_default();
    let target = Target::new(rs, od, Scope::Documents(ids));
    act(&ctx, &caller.0.0, target, &action, &body.0, true).await
}

async fn document_action(
    ctx: State<Ctx>,
    Path((rs, od, doc, action)): Path<(String, String, String, String)>,
    caller: Extension<Caller>,
    body: LowerJson,
) -> Answer {
    let target = Target::new(rs, od, Scope::Documents(vec![doc]));
    act(&ctx, &caller.0.0, target, &action, &body.0, false).await
}

async fn version_action(
    ctx: State<Ctx>,
    Path((rs, od, doc, vid, action)): Path<(String, String, String, String, String)>,
    caller: Extension<Caller>,
    body: LowerJson,
) -> Answer {
    let target = Target {
        version: Some(vid),
        ..Target::new(rs, od, Scope::Documents(vec![doc]))
    };
    act(&ctx, &caller.0.0, target, &action, &body.0, false).await
}

/// Runs one action named by the last path segment. `always_zip` for sets, folders and
/// whole OneDrives, whose saves are ZIP files whatever the body says.
async fn act(
    ctx: &Ctx,
    caller: &str,
    target: Target,
    action: &str,
    body: &serde_json::Value,
    always_zip: bool,
) -> Answer {
    let options = Obj::of(body);
    match action {
        "restore" => finish(
            ctx,
            caller,
            &target,
            actions::restore(ctx, &target, options)?,
        ),
        "copyto" => finish(ctx, caller, &target, actions::copy(ctx, &target, options)?),
        "save" => {
            let as_zip = always_zip || options.bool("asZip")?.unwrap_or(false);
            download::save(ctx, &target, as_zip).await
        }
        "send" => {
            actions::send(ctx, &target, options, Explorer::OneDrive)?;
            Ok(no_content_or_ok(ctx))
        }
        other => Err(Failure::not_found(format!(
            "There is no action {other} here."
        ))),
    }
}

/// v6/v7 answer a restore's statistics; v8 starts a restore session and answers its id.
fn finish(ctx: &Ctx, caller: &str, target: &Target, done: Done) -> Answer {
    if ctx.version < Version::V8 {
        actions::log_events(ctx, &target.session, done.events);
        return Ok(json_response(StatusCode::OK, &views::stats(&done.stats)));
    }
    let id = start_async(ctx, caller, target, done);
    Ok(json_response(StatusCode::OK, &json!({ "sessionId": id })))
}

/// A restore session whose events appear over `async_restore_duration` and which then
/// finishes with the restore's statistics.
fn start_async(ctx: &Ctx, caller: &str, target: &Target, done: Done) -> String {
    let tenant = &ctx.shared.tenant;
    let idle = ctx.shared.config.session_idle_timeout;
    let view = lock(&ctx.shared.sessions)
        .get(&target.session, idle)
        .map(|s| s.view)
        .ok();
    let id = uuid::Uuid::new_v4().to_string();
    let mut session: Session = sessions::new_session(
        tenant,
        &id,
        caller,
        view.unwrap_or(browse_all()),
        chrono::Utc::now(),
    );
    session.name = format!("Restore of OneDrive items ({})", done.events.len());
    let span = ctx.shared.config.async_restore_duration;
    let start = Instant::now();
    let steps = done.events.len().max(1) as u32;
    for (i, mut event) in done.events.into_iter().enumerate() {
        event.visible_at = start + span * (i as u32 + 1) / (steps + 1);
        session.events.push(event);
    }
    let mut last = sessions::Event::now("None", "Success", "Restore has completed.");
    last.visible_at = start + span;
    session.events.push(last);
    session.restore = Some((done.stats, start + span));
    lock(&ctx.shared.sessions).insert(session);
    id
}

fn browse_all() -> super::tenant::View {
    super::tenant::View {
        point: None,
        show_deleted: false,
        show_all_versions: false,
    }
}
