//! The v4 and v5 dialect: one `Action` endpoint per scope, the action named by the body's
//! wrapper key (`explore`, `stop`, `restoretoOriginallocation`, `copyTo`, `sendTo`,
//! `save`), keys in any case. v4 sends mail through the SharePoint explorer's settings
//! and has `Organizations/{id}/DeviceCode`; v5 has `VeodEmailSettings` and `DeviceCode`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde_json::{Value, json};

use super::actions::{self, Done, Scope, Target};
use super::body::{LowerJson, Obj, Query};
use super::browse;
use super::common;
use super::download;
use super::failure::{Failure, json_response};
use super::mail::{self, Explorer};
use super::sessions;
use super::state::{Caller, Ctx, lock};
use super::version::Version;
use super::views::{self, Href};

type Answer = Result<Response, Failure>;

const DRIVE: &str = "/restoresessions/{rs}/organization/onedrives/{od}";

/// The routes of v4 or v5.
pub fn routes(version: Version) -> Router<Ctx> {
    let d = |tail: &str| format!("{DRIVE}{tail}");
    let router = Router::new()
        .route("/organizations", get(organizations))
        .route("/organizations/{org}", get(common::organization))
        .route("/organizations/{org}/action", post(organization_action))
        .route(
            "/organizations/{org}/devicecode",
            post(organization_device_code),
        )
        .route("/restoresessions", get(common::sessions))
        .route("/restoresessions/{rs}", get(common::session))
        .route("/restoresessions/{rs}/action", post(session_action))
        .route("/restoresessions/{rs}/events", get(common::events))
        .route("/restoresessions/{rs}/events/{ev}", get(common::event))
        .route(
            "/restoresessions/{rs}/organization",
            get(common::session_organization),
        )
        .route(
            "/restoresessions/{rs}/organization/restoredevicecode",
            post(common::session_device_code),
        )
        .route(
            "/restoresessions/{rs}/organization/onedrives",
            get(browse::onedrives),
        )
        .route(DRIVE, get(browse::onedrive))
        .route(&d("/action"), post(drive_action))
        .route(&d("/folders"), get(browse::folders))
        .route(
            &d("/folders/{folder}"),
            get(browse::folder).post(folders_action),
        )
        .route(&d("/folders/{folder}/action"), post(folder_action))
        .route(&d("/documents"), get(browse::documents))
        .route(
            &d("/documents/{doc}"),
            get(browse::document).post(documents_action),
        )
        .route(&d("/documents/{doc}/action"), post(document_action))
        .route(
            "/vespemailsettings",
            get(mail::get_sharepoint).put(mail::put_sharepoint),
        );
    if version == Version::V4 {
        return router;
    }
    router
        .route("/devicecode", post(common::device_code))
        .route(
            "/veodemailsettings",
            get(mail::get_onedrive).put(mail::put_onedrive),
        )
}

async fn organizations(State(ctx): State<Ctx>, query: Query) -> Answer {
    let href = Href::new(&query, ctx.version);
    let org = views::organization(&ctx.shared.tenant, &href);
    Ok(json_response(StatusCode::OK, &json!([org])))
}

/// `Organizations/{id}/Action` with `{"explore": {...}}`: 201 and the new session.
async fn organization_action(
    State(ctx): State<Ctx>,
    Path(org): Path<String>,
    caller: Extension<Caller>,
    query: Query,
    LowerJson(body): LowerJson,
) -> Answer {
    common::check_organization(&ctx, &org)?;
    let wrapper = Obj::of(&body);
    if !wrapper.has("explore") {
        return Err(Failure::bad_request(
            "The action is not specified: send {\"explore\": {...}}.",
        ));
    }
    let session = sessions::explore(&ctx.shared.tenant, wrapper.obj("explore"), &caller.0.0)?;
    let value = views::session(&session, &Href::new(&query, ctx.version));
    lock(&ctx.shared.sessions).insert(session);
    Ok(json_response(StatusCode::CREATED, &value))
}

async fn organization_device_code(
    State(ctx): State<Ctx>,
    Path(org): Path<String>,
    LowerJson(body): LowerJson,
) -> Answer {
    common::check_organization(&ctx, &org)?;
    common::device_code_body(&ctx, &body)
}

/// `RestoreSessions/{id}/Action` with `{"stop": null}`.
async fn session_action(
    State(ctx): State<Ctx>,
    Path(rs): Path<String>,
    LowerJson(body): LowerJson,
) -> Answer {
    if !Obj::of(&body).has("stop") {
        return Err(Failure::bad_request(
            "The action is not specified: send {\"stop\": null}.",
        ));
    }
    let idle = ctx.shared.config.session_idle_timeout;
    lock(&ctx.shared.sessions)
        .get(&rs, idle)?
        .stop("Stopped by the user.");
    Ok(StatusCode::OK.into_response())
}

async fn drive_action(
    ctx: State<Ctx>,
    Path((rs, od)): Path<(String, String)>,
    body: LowerJson,
) -> Answer {
    act(&ctx, (rs, od), Scope::Drive, &body.0).await
}

async fn folders_action(
    ctx: State<Ctx>,
    Path((rs, od, action)): Path<(String, String, String)>,
    body: LowerJson,
) -> Answer {
    only_action(&action)?;
    act(&ctx, (rs, od), Scope::Folders(Vec::new()), &body.0).await
}

async fn folder_action(
    ctx: State<Ctx>,
    Path((rs, od, folder)): Path<(String, String, String)>,
    body: LowerJson,
) -> Answer {
    act(&ctx, (rs, od), Scope::Folders(vec![folder]), &body.0).await
}

async fn documents_action(
    ctx: State<Ctx>,
    Path((rs, od, action)): Path<(String, String, String)>,
    body: LowerJson,
) -> Answer {
    only_action(&action)?;
    act(&ctx, (rs, od), Scope::Documents(Vec::new()), &body.0).await
}

async fn document_action(
    ctx: State<Ctx>,
    Path((rs, od, doc)): Path<(String, String, String)>,
    body: LowerJson,
) -> Answer {
    act(&ctx, (rs, od), Scope::Documents(vec![doc]), &body.0).await
}

fn only_action(segment: &str) -> Result<(), Failure> {
    if segment == "action" {
        Ok(())
    } else {
        Err(Failure::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "The requested resource does not support http method 'POST'.",
        ))
    }
}

/// The action a body names by its wrapper key; v4's documented send example has no
/// wrapper at all, so a bare `to` means send.
fn wrapper(body: &Value) -> Result<(&'static str, Obj<'_>), Failure> {
    let top = Obj::of(body);
    for key in ["restoretooriginallocation", "copyto", "sendto", "save"] {
        if top.has(key) {
            return Ok((key, top.obj(key)));
        }
    }
    if top.has("to") {
        return Ok(("sendto", top));
    }
    Err(Failure::bad_request(
        "The action is not specified: send restoretoOriginallocation, copyTo, sendTo or save.",
    ))
}

/// Runs one `Action` body. The document or folder list may sit inside the wrapper (as the
/// v4 examples have it) or beside it; on a single-item endpoint a list overrides the path.
async fn act(ctx: &Ctx, (rs, od): (String, String), scope: Scope, body: &Value) -> Answer {
    let (action, options) = wrapper(body)?;
    let listed = |key: &str| -> Result<Option<Vec<String>>, Failure> {
        Ok(options.ids(key)?.or(Obj::of(body).ids(key)?))
    };
    let scope = match scope {
        Scope::Documents(ids) => Scope::Documents(listed("documents")?.unwrap_or(ids)),
        Scope::Folders(ids) => Scope::Folders(listed("folders")?.unwrap_or(ids)),
        Scope::Drive => Scope::Drive,
    };
    let single = matches!(&scope, Scope::Documents(ids) if ids.len() == 1);
    let target = Target::new(rs, od, scope);
    match action {
        "restoretooriginallocation" => {
            stats(ctx, &target, actions::restore(ctx, &target, options)?)
        }
        "copyto" => stats(ctx, &target, actions::copy(ctx, &target, options)?),
        "save" => {
            let as_zip = !single || options.bool("asZip")?.unwrap_or(false);
            download::save(ctx, &target, as_zip).await
        }
        _ => {
            let explorer = if ctx.version == Version::V4 {
                Explorer::SharePoint
            } else {
                Explorer::OneDrive
            };
            actions::send(ctx, &target, options, explorer)?;
            Ok(StatusCode::OK.into_response())
        }
    }
}

fn stats(ctx: &Ctx, target: &Target, done: Done) -> Answer {
    actions::log_events(ctx, &target.session, done.events);
    Ok(json_response(StatusCode::OK, &views::stats(&done.stats)))
}
