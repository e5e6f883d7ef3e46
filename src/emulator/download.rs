//! Save actions: one document as its own bytes, or a ZIP of many, after the delay a real
//! server spends building the file.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::actions::{self, Target};
use super::content;
use super::failure::Failure;
use super::sessions::Event;
use super::state::Ctx;
use super::zipstream::{self, Entry};

/// Answers a save: plain bytes when `as_zip` is false and there is one document, else a ZIP.
pub async fn save(ctx: &Ctx, target: &Target, as_zip: bool) -> Result<Response, Failure> {
    let (drive, _, docs) = actions::resolve(ctx, target)?;
    let delay = ctx.shared.config.save_delay;
    let single = matches!(target.scope, actions::Scope::Documents(ref ids) if ids.len() == 1);
    let response = if single && !as_zip {
        let doc = &docs[0].shown;
        let size = doc.revision.size;
        let body = Body::from_stream(content::stream(&doc.id, doc.revision.version_id, size));
        let mut response = (StatusCode::OK, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
        if let Ok(value) = HeaderValue::from_str(&disposition(&doc.name)) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
        log(ctx, target, &doc.name, size);
        response
    } else {
        let entries: Vec<Entry> = docs
            .iter()
            .map(|d| Entry {
                path: d.relative.join("/"),
                document_id: d.shown.id.clone(),
                version_id: d.shown.revision.version_id,
                size: d.shown.revision.size,
            })
            .collect();
        let name = match &target.scope {
            actions::Scope::Drive => format!("{}.zip", drive.name),
            _ => "archive.zip".to_string(),
        };
        let total = entries.iter().map(|e| e.size).sum();
        log(ctx, target, &name, total);
        let mut response = (
            StatusCode::OK,
            Body::from_stream(zipstream::stream(entries)),
        )
            .into_response();
        if let Ok(value) = HeaderValue::from_str(&disposition(&name)) {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, value);
        }
        response
    };
    tokio::time::sleep(delay).await;
    let mut response = response;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    Ok(response)
}

fn log(ctx: &Ctx, target: &Target, name: &str, size: u64) {
    let mut event = Event::now("Save", "Success", format!("Saved {name}"));
    event.item_name = Some(name.to_string());
    event.item_size = Some(size);
    actions::log_events(ctx, &target.session, vec![event]);
}

/// `attachment; filename*=UTF-8''…` with every byte outside the safe set percent-encoded.
fn disposition(name: &str) -> String {
    let mut encoded = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename*=UTF-8''{encoded}")
}
