//! v4 and v5: one `.../Action` path per scope, the action named by the body's wrapper key.
//!
//! Field names and values follow the founding v4 document: `restoretoOriginallocation`
//! (spelt as in its examples), `copyTo`, `sendTo` and `save`, with lower-case enum values.

use serde_json::{Map, Value, json};

use super::super::action::{ActionTarget, DocumentAction, ItemRef, Scope};
use super::super::error::ApiError;
use super::super::version::ApiVersion;
use super::{Dialect, IdList, Request, SaveRequest, onedrive_path, segment};

/// The `.../Action` path of a scope and the id list its body carries, if any.
fn action_path(dialect: &Dialect, target: &ActionTarget) -> Result<(String, IdList), ApiError> {
    let base = onedrive_path(&target.session, &target.onedrive.id);
    let path = match &target.scope {
        Scope::OneDrive => (format!("{base}/Action"), None),
        Scope::Document { item, version_id } => {
            if version_id.is_some() {
                dialect.needs("acting on an earlier version of a document", ApiVersion::V6)?;
            }
            (
                format!("{base}/Documents/{}/Action", segment(&item.id)),
                None,
            )
        }
        Scope::Folder(item) => (format!("{base}/Folders/{}/Action", segment(&item.id)), None),
        Scope::Documents(items) => (
            format!("{base}/Documents/Action"),
            Some(("documents", ids(items)?)),
        ),
        Scope::Folders(items) => (
            format!("{base}/Folders/Action"),
            Some(("folders", ids(items)?)),
        ),
    };
    Ok((dialect.path(&path.0), path.1))
}

fn ids(items: &[ItemRef]) -> Result<Value, ApiError> {
    if items.is_empty() {
        return Err(ApiError::Usage(
            "an action on a set needs at least one item".into(),
        ));
    }
    Ok(Scope::id_objects(items))
}

/// Whether a scope is one or more documents (rather than folders or a whole OneDrive).
pub(super) fn is_document_scope(scope: &Scope) -> bool {
    matches!(scope, Scope::Document { .. } | Scope::Documents(_))
}

pub(super) fn action(
    dialect: &Dialect,
    target: &ActionTarget,
    action: &DocumentAction,
) -> Result<Request, ApiError> {
    let (path, list) = action_path(dialect, target)?;
    let spelling = dialect.spelling();
    let (key, mut fields) = match action {
        DocumentAction::RestoreToOriginal {
            version,
            on_conflict,
            auth,
        } => {
            let mut fields = auth.fields()?;
            fields.insert("documentVersion".into(), version.wire(spelling).into());
            fields.insert("documentAction".into(), on_conflict.wire(spelling).into());
            ("restoretoOriginallocation", fields)
        }
        DocumentAction::CopyTo {
            onedrive,
            folder,
            version,
            last_version,
            changed_items,
            deleted_items,
            auth,
        } => {
            refuse_copy_options(dialect, &target.scope, *changed_items, *deleted_items)?;
            let mut fields = auth.fields()?;
            fields.insert(
                "oneDrive".into(),
                serde_json::to_value(onedrive).unwrap_or_default(),
            );
            fields.insert("folder".into(), folder.clone().into());
            fields.insert("documentVersion".into(), version.wire(spelling).into());
            fields.insert(
                "documentLastVersionAction".into(),
                last_version.wire(spelling).into(),
            );
            ("copyTo", fields)
        }
        DocumentAction::Send {
            from,
            to,
            subject,
            text,
        } => ("sendTo", super::flat::send_fields(from, to, subject, text)?),
    };
    if let Some((name, ids)) = list {
        fields.insert(name.into(), ids);
    }
    Ok(Request {
        method: reqwest::Method::POST,
        path,
        body: Some(wrap(key, fields)),
    })
}

/// v4/v5 copy bodies have no changed/deleted-items switches; asking for them is refused.
fn refuse_copy_options(
    dialect: &Dialect,
    scope: &Scope,
    changed_items: bool,
    deleted_items: bool,
) -> Result<(), ApiError> {
    let since = if is_document_scope(scope) {
        ApiVersion::V8
    } else {
        ApiVersion::V6
    };
    if changed_items {
        dialect.needs("copying changed items (changed_items)", since)?;
    }
    if deleted_items {
        dialect.needs("copying deleted items (deleted_items)", since)?;
    }
    Ok(())
}

fn wrap(key: &str, fields: Map<String, Value>) -> Value {
    let mut body = Map::new();
    body.insert(key.to_string(), Value::Object(fields));
    Value::Object(body)
}

pub(super) fn save(
    dialect: &Dialect,
    target: &ActionTarget,
    as_zip: bool,
) -> Result<SaveRequest, ApiError> {
    let (path, list) = action_path(dialect, target)?;
    // Only a single document can come back as the plain file; everything else is a ZIP.
    let is_zip = as_zip || !matches!(target.scope, Scope::Document { .. });
    let mut save = json!({ "asZip": is_zip });
    if let Some((name, ids)) = list {
        save[name] = ids;
    }
    Ok(SaveRequest {
        request: Request {
            method: reqwest::Method::POST,
            path,
            body: Some(json!({ "save": save })),
        },
        is_zip,
    })
}
