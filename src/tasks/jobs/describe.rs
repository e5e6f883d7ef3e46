//! Titles and audit descriptions of saves and actions, built from names and choices only.

use std::path::Path;

use serde_json::{Value, json};

use crate::api::{
    ActionTarget, ConflictPolicy, DocumentAction, LastVersionAction, RestoreAuth, Scope,
    VersionChoice,
};
use crate::audit::{AuditAction, AuditName};

/// The items of a scope, by id and name.
pub fn scope_items(scope: &Scope) -> Vec<AuditName> {
    let name = |item: &crate::api::ItemRef| AuditName {
        id: item.id.clone(),
        name: item.name.clone(),
    };
    match scope {
        Scope::OneDrive => Vec::new(),
        Scope::Document { item, .. } | Scope::Folder(item) => vec![name(item)],
        Scope::Documents(items) | Scope::Folders(items) => items.iter().map(name).collect(),
    }
}

/// How many items a scope names, when it can be told without asking the server.
pub fn scope_count(scope: &Scope) -> Option<u64> {
    match scope {
        Scope::Document { .. } => Some(1),
        Scope::Documents(items) => Some(items.len() as u64),
        Scope::OneDrive | Scope::Folder(_) | Scope::Folders(_) => None,
    }
}

/// "report.docx", "3 documents", "folder Q3", "the whole OneDrive".
pub fn scope_words(scope: &Scope) -> String {
    match scope {
        Scope::OneDrive => "the whole OneDrive".to_string(),
        Scope::Document { item, .. } => item.name.clone(),
        Scope::Documents(items) if items.len() == 1 => items[0].name.clone(),
        Scope::Documents(items) => format!("{} documents", items.len()),
        Scope::Folder(item) => format!("folder {}", item.name),
        Scope::Folders(items) => format!("{} folders", items.len()),
    }
}

pub fn save_title(target: &ActionTarget, folder: &Path) -> String {
    format!(
        "save {} of {} to {}",
        scope_words(&target.scope),
        target.onedrive.name,
        folder.display()
    )
}

pub fn action_title(target: &ActionTarget, action: &DocumentAction) -> String {
    let what = scope_words(&target.scope);
    let owner = &target.onedrive.name;
    match action {
        DocumentAction::RestoreToOriginal { .. } => {
            format!("restore {what} of {owner} to the original location")
        }
        DocumentAction::CopyTo {
            onedrive, folder, ..
        } => format!("copy {what} of {owner} to {} / {folder}", onedrive.name),
        DocumentAction::Send { to, .. } => format!("send {what} of {owner} to {}", to.join(", ")),
    }
}

/// The audit description of a save.
pub fn save_audit(
    server: &str,
    api_user: &str,
    target: &ActionTarget,
    as_zip: bool,
    folder: &Path,
) -> AuditAction {
    let mut action = base(server, api_user, target, "save");
    action.options = json!({ "zip": as_zip, "folder": folder.display().to_string() });
    action
}

/// The audit description of a restore, copy or send.
pub fn action_audit(
    server: &str,
    api_user: &str,
    target: &ActionTarget,
    action: &DocumentAction,
) -> AuditAction {
    let (word, options, auth) = match action {
        DocumentAction::RestoreToOriginal {
            version,
            on_conflict,
            auth,
        } => {
            let options = json!({
                "version": version_word(*version),
                "onConflict": conflict_word(*on_conflict),
            });
            ("restore", options, Some(auth))
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
            let options = json!({
                "targetOneDrive": { "id": onedrive.id, "name": onedrive.name },
                "folder": folder,
                "version": version_word(*version),
                "lastVersion": last_version_word(*last_version),
                "changedItems": changed_items,
                "deletedItems": deleted_items,
            });
            ("copy", options, Some(auth))
        }
        DocumentAction::Send {
            from, to, subject, ..
        } => {
            let options = json!({ "from": from, "to": to, "subject": subject });
            ("send", options, None)
        }
    };
    let mut record = base(server, api_user, target, word);
    record.options = with_auth_options(options, auth);
    record.auth_mode = auth.map(|auth| auth_mode(auth).to_string());
    record
}

fn base(server: &str, api_user: &str, target: &ActionTarget, action: &str) -> AuditAction {
    AuditAction {
        server: server.to_string(),
        api_user: api_user.to_string(),
        restore_session: target.session.clone(),
        onedrive: Some(AuditName {
            id: target.onedrive.id.clone(),
            name: target.onedrive.name.clone(),
        }),
        items: scope_items(&target.scope),
        action: action.to_string(),
        options: Value::Null,
        auth_mode: None,
    }
}

/// Adds who or what signed in, never with what password.
fn with_auth_options(mut options: Value, auth: Option<&RestoreAuth>) -> Value {
    let Some(map) = options.as_object_mut() else {
        return options;
    };
    match auth {
        Some(RestoreAuth::Password { user, .. }) => {
            map.insert("restoreUser".into(), json!(user));
        }
        Some(RestoreAuth::DeviceCode { application_id, .. }) => {
            map.insert("applicationId".into(), json!(application_id));
        }
        Some(RestoreAuth::Certificate {
            application_id,
            certificate,
            ..
        }) => {
            map.insert("applicationId".into(), json!(application_id));
            map.insert(
                "certificate".into(),
                json!(certificate.display().to_string()),
            );
        }
        None => {}
    }
    options
}

pub fn auth_mode(auth: &RestoreAuth) -> &'static str {
    match auth {
        RestoreAuth::Password { .. } => "password",
        RestoreAuth::DeviceCode { .. } => "device code",
        RestoreAuth::Certificate { .. } => "certificate",
    }
}

fn version_word(version: VersionChoice) -> &'static str {
    match version {
        VersionChoice::All => "all",
        VersionChoice::Last => "last",
    }
}

fn conflict_word(policy: ConflictPolicy) -> &'static str {
    match policy {
        ConflictPolicy::Overwrite => "overwrite",
        ConflictPolicy::Keep => "keep",
    }
}

fn last_version_word(action: LastVersionAction) -> &'static str {
    match action {
        LastVersionAction::Overwrite => "overwrite",
        LastVersionAction::Merge => "merge",
    }
}
