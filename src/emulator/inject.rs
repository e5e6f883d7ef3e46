//! Applies the faults in force, and the configured latency, to each API request.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;

use super::body::OriginalPath;
use super::failure::Failure;
use super::faults::FaultKind;
use super::state::Ctx;

const PROXY_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>502 Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p><hr><address>nginx</address></body></html>\n";

/// The fault middleware of one version.
pub async fn faults(State(ctx): State<Ctx>, request: Request, next: Next) -> Response {
    // Nested routers see the path without its version prefix; patterns name the whole path.
    let path = request
        .extensions()
        .get::<OriginalPath>()
        .map_or_else(|| request.uri().path().to_string(), |p| p.0.to_lowercase());
    let set = &ctx.shared.faults;
    if let Some(FaultKind::Delay(wait)) = set.fire(&path, |k| matches!(k, FaultKind::Delay(_))) {
        tokio::time::sleep(wait).await;
    }
    if let Some(FaultKind::Status(code)) = set.fire(&path, |k| matches!(k, FaultKind::Status(_))) {
        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return Failure::new(status, format!("Injected fault: status {code}.")).into_response();
    }
    if set.fire(&path, |k| *k == FaultKind::Html).is_some() {
        let mut response = (StatusCode::BAD_GATEWAY, PROXY_PAGE).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        return response;
    }
    tokio::time::sleep(ctx.shared.config.latency).await;
    let response = next.run(request).await;
    let kind = content_type(&response);
    if kind.contains("json")
        && set
            .fire(&path, |k| *k == FaultKind::MalformedJson)
            .is_some()
    {
        return cut_in_half(response).await;
    }
    if kind.contains("octet-stream")
        && let Some(FaultKind::ResetAfter(bytes)) =
            set.fire(&path, |k| matches!(k, FaultKind::ResetAfter(_)))
    {
        return reset_after(response, bytes);
    }
    response
}

fn content_type(response: &Response) -> String {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

async fn cut_in_half(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let half = Bytes::copy_from_slice(&bytes[..bytes.len() / 2]);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(half))
}

/// How long a cut body waits before failing, so that its last bytes reach the client.
const FLUSH_PAUSE: std::time::Duration = std::time::Duration::from_millis(100);

/// Where a cut body is.
enum Cut {
    Pass(u64),
    Reset,
    Done,
}

/// Passes `limit` bytes of the body, then fails it so that the connection is cut.
fn reset_after(response: Response, limit: u64) -> Response {
    let (parts, body) = response.into_parts();
    let inner = body.into_data_stream();
    let stream =
        futures::stream::unfold((inner, Cut::Pass(0)), move |(mut inner, cut)| async move {
            match cut {
                Cut::Done => None,
                Cut::Reset => {
                    // Pausing lets the server flush what was sent before the cut.
                    tokio::time::sleep(FLUSH_PAUSE).await;
                    let reset = std::io::Error::new(
                        std::io::ErrorKind::ConnectionReset,
                        "injected fault: connection reset",
                    );
                    Some((Err(reset), (inner, Cut::Done)))
                }
                Cut::Pass(sent) => match inner.next().await {
                    None => None,
                    Some(Err(e)) => Some((Err(std::io::Error::other(e)), (inner, Cut::Done))),
                    Some(Ok(chunk)) => {
                        let room = limit.saturating_sub(sent);
                        if (chunk.len() as u64) < room {
                            let sent = sent + chunk.len() as u64;
                            Some((Ok(chunk), (inner, Cut::Pass(sent))))
                        } else {
                            Some((Ok(chunk.slice(..room as usize)), (inner, Cut::Reset)))
                        }
                    }
                },
            }
        });
    Response::from_parts(parts, Body::from_stream(stream))
}
