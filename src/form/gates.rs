//! Which form options the server's API version has, and which version has the ones it lacks.
//!
//! From the v6-v8 OpenAPI descriptions (which win over the notes) and the v4/v5 documents:
//! - restore version all/last is a body field (`documentVersion`) only on v4 and v5; v6 and
//!   later restore the version picked through the per-version endpoint;
//! - changed items and deleted items exist on folder and whole-OneDrive copies from v6, and
//!   on document copies (`RESTCopyToDocument`, `RestCopyToDocuments`) only from v8;
//! - email settings can be read and written in every version (v4 keeps the ones OneDrive
//!   mail uses under `VESPEmailSettings`, v5 and later under `VEODEmailSettings`).

use super::context::FormContext;
use super::to_api::ApiVersion;

/// Why an option is shown disabled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable {
    /// The short note shown beside the disabled option.
    pub note: String,
}

/// Whether the restore version choice (all / last) can be sent.
pub fn restore_version(context: &FormContext) -> Option<Unavailable> {
    (context.api_version >= ApiVersion::V6).then(|| Unavailable {
        // LIMITATION: the console's versions list (v) only shows earlier versions; it has
        // no key to pick one, so from the console a v6+ restore is of the current version.
        note: format!(
            "only API v4/v5 take a version here; on {} a restore brings back the current \
             version",
            context.api_version
        ),
    })
}

/// Whether the copy's changed items and deleted items options can be sent for this scope.
pub fn copy_item_options(context: &FormContext) -> Option<Unavailable> {
    let has_documents = context.document_count() > 0;
    let since = if has_documents {
        ApiVersion::V8
    } else {
        ApiVersion::V6
    };
    if context.api_version >= since {
        return None;
    }
    let scope = if has_documents {
        "documents"
    } else {
        "folders"
    };
    Some(Unavailable {
        note: format!(
            "needs API {since} for {scope}; this server speaks {}",
            context.api_version
        ),
    })
}

/// Whether an earlier version picked in the versions list can be acted on (v6 and later).
pub fn earlier_version(context: &FormContext) -> Option<Unavailable> {
    let picks_version = context.items.iter().any(|item| item.version_id.is_some());
    (picks_version && context.api_version < ApiVersion::V6).then(|| Unavailable {
        note: format!(
            "acting on an earlier version needs API v6; this server speaks {}",
            context.api_version
        ),
    })
}
