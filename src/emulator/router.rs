//! Puts the versions' routes, their layers and the control path together.

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::Uri;
use axum::middleware::from_fn_with_state;
use axum::routing::post;

use super::body::{OriginalPath, Scheme};
use super::failure::{self, Failure};
use super::state::{Ctx, Shared};
use super::version::Version;
use super::{auth, control, inject, record, v4, v6};

/// The whole application: `/vN/...` for each served version and `/_emulator/...`.
pub fn app(shared: Arc<Shared>, versions: &[Version]) -> Router {
    let mut root = Router::new().nest("/_emulator", control::routes(shared.clone()));
    for &version in versions {
        let ctx = Ctx {
            shared: shared.clone(),
            version,
        };
        root = root.nest(&format!("/{version}"), one_version(ctx));
    }
    root.fallback(|| async {
        let failure = Failure::not_found("The requested resource was not found.");
        failure::json_response(failure.status, &failure.body(Version::V4))
    })
}

fn one_version(ctx: Ctx) -> Router {
    let version = ctx.version;
    let api = match version {
        Version::V4 | Version::V5 => v4::routes(version),
        _ => v6::routes(),
    }
    .route_layer(from_fn_with_state(ctx.clone(), auth::require));
    let mut token = Router::new().route("/token", post(auth::token));
    if version >= Version::V7 {
        token = token.route("/token/logout", post(auth::logout));
    }
    api.merge(token)
        .fallback(|| async { Failure::not_found("The requested resource was not found.") })
        .layer(from_fn_with_state(ctx.clone(), record::requests))
        .layer(from_fn_with_state(ctx.clone(), inject::faults))
        .layer(from_fn_with_state(version, failure::render))
        .with_state(ctx)
}

/// Lower-cases the path for routing (paths are case-insensitive, as on IIS), keeping the
/// original for the record, and notes the scheme for links.
pub fn normalize(
    mut request: Request<hyper::body::Incoming>,
    scheme: &'static str,
) -> Request<hyper::body::Incoming> {
    let original = request.uri().path().to_string();
    let lowered = original.to_lowercase();
    if lowered != original {
        let rebuilt = match request.uri().query() {
            Some(q) => format!("{lowered}?{q}"),
            None => lowered,
        };
        if let Ok(path_and_query) = rebuilt.parse::<axum::http::uri::PathAndQuery>() {
            let mut parts = request.uri().clone().into_parts();
            parts.path_and_query = Some(path_and_query);
            if let Ok(uri) = Uri::from_parts(parts) {
                *request.uri_mut() = uri;
            }
        }
    }
    request.extensions_mut().insert(OriginalPath(original));
    request.extensions_mut().insert(Scheme(scheme));
    request
}
