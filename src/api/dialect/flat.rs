//! v6 to v8: one path per action (`/restore`, `/copyTo`, `/save`, `/send`) and flat bodies.

use serde_json::{Map, Value, json};

use super::super::action::{ActionTarget, DocumentAction, ItemRef, Scope, VersionChoice};
use super::super::error::ApiError;
use super::super::version::ApiVersion;
use super::legacy::is_document_scope;
use super::{Dialect, IdList, Request, SaveRequest, onedrive_path, segment};

/// The path of `verb` on a scope and the id list its body carries, if any.
fn verb_path(dialect: &Dialect, target: &ActionTarget, verb: &str) -> (String, IdList) {
    let base = onedrive_path(&target.session, &target.onedrive.id);
    let (path, list) = match &target.scope {
        Scope::OneDrive => (format!("{base}/{verb}"), None),
        Scope::Document {
            item,
            version_id: None,
        } => (
            format!("{base}/Documents/{}/{verb}", segment(&item.id)),
            None,
        ),
        Scope::Document {
            item,
            version_id: Some(version),
        } => (
            format!(
                "{base}/Documents/{}/Versions/{version}/{verb}",
                segment(&item.id)
            ),
            None,
        ),
        Scope::Folder(item) => (format!("{base}/Folders/{}/{verb}", segment(&item.id)), None),
        Scope::Documents(items) => (
            format!("{base}/Documents/{verb}"),
            Some(("documents", Scope::id_objects(items))),
        ),
        Scope::Folders(items) => (
            format!("{base}/Folders/{verb}"),
            Some(("folders", Scope::id_objects(items))),
        ),
    };
    (dialect.path(&path), list)
}

fn refuse_empty_set(scope: &Scope) -> Result<(), ApiError> {
    let empty = |items: &Vec<ItemRef>| items.is_empty();
    match scope {
        Scope::Documents(items) | Scope::Folders(items) if empty(items) => Err(ApiError::Usage(
            "an action on a set needs at least one item".into(),
        )),
        _ => Ok(()),
    }
}

pub(super) fn action(
    dialect: &Dialect,
    target: &ActionTarget,
    action: &DocumentAction,
) -> Result<Request, ApiError> {
    refuse_empty_set(&target.scope)?;
    let (verb, mut fields) = match action {
        DocumentAction::RestoreToOriginal {
            version,
            on_conflict,
            auth,
        } => {
            // v6+ restore bodies have no documentVersion: the last version is what the
            // server restores, and an earlier one is picked by its own path.
            if *version == VersionChoice::All {
                dialect.withdrawn(
                    "restoring all versions to the original location (version = all)",
                    ApiVersion::V5,
                )?;
            }
            let mut fields = auth.fields()?;
            let conflict = on_conflict.wire(dialect.spelling());
            fields.insert("documentAction".into(), conflict.into());
            ("restore", fields)
        }
        DocumentAction::CopyTo { .. } => ("copyTo", copy_fields(dialect, &target.scope, action)?),
        DocumentAction::Send {
            from,
            to,
            subject,
            text,
        } => ("send", send_fields(from, to, subject, text)?),
    };
    let (path, list) = verb_path(dialect, target, verb);
    if let Some((name, ids)) = list {
        fields.insert(name.into(), ids);
    }
    Ok(Request {
        method: reqwest::Method::POST,
        path,
        body: Some(Value::Object(fields)),
    })
}

/// The flat body of a copy: credentials, destination, version choices and switches.
fn copy_fields(
    dialect: &Dialect,
    scope: &Scope,
    action: &DocumentAction,
) -> Result<Map<String, Value>, ApiError> {
    let DocumentAction::CopyTo {
        onedrive,
        folder,
        version,
        last_version,
        changed_items,
        deleted_items,
        auth,
    } = action
    else {
        return Ok(Map::new());
    };
    let spelling = dialect.spelling();
    let mut fields = auth.fields()?;
    fields.insert(
        "onedrive".into(),
        serde_json::to_value(onedrive).unwrap_or_default(),
    );
    fields.insert("folder".into(), folder.clone().into());
    fields.insert("documentVersion".into(), version.wire(spelling).into());
    fields.insert(
        "documentLastVersionAction".into(),
        last_version.wire(spelling).into(),
    );
    copy_switches(dialect, scope, *changed_items, *deleted_items, &mut fields)?;
    Ok(fields)
}

/// `changedItems`/`deletedItems`: folder and OneDrive copies have them from v6, document
/// copies only from v8. Where a version lacks them, asking for them is refused.
fn copy_switches(
    dialect: &Dialect,
    scope: &Scope,
    changed_items: bool,
    deleted_items: bool,
    fields: &mut Map<String, Value>,
) -> Result<(), ApiError> {
    let since = if is_document_scope(scope) {
        ApiVersion::V8
    } else {
        ApiVersion::V6
    };
    if dialect.version >= since {
        fields.insert("changedItems".into(), changed_items.into());
        fields.insert("deletedItems".into(), deleted_items.into());
        return Ok(());
    }
    if changed_items {
        dialect.needs("copying changed items of documents (changed_items)", since)?;
    }
    if deleted_items {
        dialect.needs("copying deleted items of documents (deleted_items)", since)?;
    }
    Ok(())
}

/// `from`, `to`, `subject`, `text`: the same in every version. Several recipients are sent
/// comma-separated in the one `to` string the API has.
pub(super) fn send_fields(
    from: &str,
    to: &[String],
    subject: &str,
    text: &str,
) -> Result<Map<String, Value>, ApiError> {
    if to.is_empty() || to.iter().any(|address| address.trim().is_empty()) {
        return Err(ApiError::Usage(
            "sending needs at least one recipient address".into(),
        ));
    }
    if to.iter().any(|address| address.contains(',')) {
        return Err(ApiError::Usage(
            "a recipient address cannot contain a comma".into(),
        ));
    }
    let fields = json!({
        "from": from,
        "to": to.join(","),
        "subject": subject,
        "text": text,
    });
    Ok(match fields {
        Value::Object(map) => map,
        _ => Map::new(),
    })
}

pub(super) fn save(
    dialect: &Dialect,
    target: &ActionTarget,
    as_zip: bool,
) -> Result<SaveRequest, ApiError> {
    refuse_empty_set(&target.scope)?;
    let (path, list) = verb_path(dialect, target, "save");
    let (body, is_zip) = match (&target.scope, list) {
        (Scope::Document { .. }, _) => (Some(json!({ "asZip": as_zip })), as_zip),
        // Sets are always ZIPs; a folder or a whole OneDrive takes no body at all.
        (_, Some((name, ids))) => (Some(json!({ name: ids })), true),
        (_, None) => (None, true),
    };
    Ok(SaveRequest {
        request: Request {
            method: reqwest::Method::POST,
            path,
            body,
        },
        is_zip,
    })
}
