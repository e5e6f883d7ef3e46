//! The confirmation's summing up: what will be done, to what, where, and signed in how.

use super::context::FormContext;
use super::submission::{FormAuth, FormRequest, FormSubmission};

/// The rows of the confirmation: a label and what it says.
pub fn summary_rows(
    context: &FormContext,
    submission: &FormSubmission,
) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("Action", action_phrase(&submission.request).to_string()),
        ("Items", items_phrase(context)),
        ("Names", names_phrase(context)),
    ];
    if let Some(size) = context.size_phrase() {
        rows.push(("Size", size));
    }
    rows.push((
        "From",
        format!(
            "{} ({})",
            context.onedrive.name,
            context.point_in_time_phrase()
        ),
    ));
    rows.extend(request_rows(context, &submission.request));
    rows
}

/// The rows that depend on the action: its target and options.
fn request_rows(context: &FormContext, request: &FormRequest) -> Vec<(&'static str, String)> {
    let owner = &context.onedrive.name;
    match request {
        FormRequest::Restore {
            version,
            on_conflict,
            auth,
        } => vec![
            (
                "Target",
                format!("the original location in {owner}'s OneDrive"),
            ),
            ("Version", version.label().to_string()),
            ("On conflict", on_conflict.label().to_string()),
            ("Sign-in", auth_phrase(auth)),
        ],
        FormRequest::Copy { .. } => copy_rows(request),
        FormRequest::Send {
            from, to, subject, ..
        } => vec![
            ("Target", format!("mail to {}", to.join(", "))),
            ("Sender", from.clone()),
            ("Subject", subject.clone()),
        ],
        FormRequest::Save {
            folder,
            as_zip,
            file_names,
        } => vec![
            ("Target", folder.display().to_string()),
            ("File", file_names.join(" and ")),
            (
                "Format",
                if *as_zip { "ZIP" } else { "the file itself" }.to_string(),
            ),
        ],
    }
}

fn copy_rows(request: &FormRequest) -> Vec<(&'static str, String)> {
    let FormRequest::Copy {
        target,
        folder,
        version,
        last_version,
        changed_items,
        deleted_items,
        auth,
    } = request
    else {
        return Vec::new();
    };
    let folder = if folder.is_empty() { "/" } else { folder };
    vec![
        ("Target", format!("{}, folder {folder}", target.name)),
        ("Version", version.label().to_string()),
        ("Last version", last_version.label().to_string()),
        ("Also", also_phrase(*changed_items, *deleted_items)),
        ("Sign-in", auth_phrase(auth)),
    ]
}

fn action_phrase(request: &FormRequest) -> &'static str {
    match request {
        FormRequest::Restore { .. } => "restore to the original location",
        FormRequest::Copy { .. } => "copy to another OneDrive",
        FormRequest::Send { .. } => "send as email attachments",
        FormRequest::Save { .. } => "save to a folder",
    }
}

fn items_phrase(context: &FormContext) -> String {
    let phrase = context.items_phrase();
    if context.document_count() > 0 && context.folder_count() > 0 {
        format!("{phrase} (sent as two requests: folders, then documents)")
    } else {
        phrase
    }
}

/// The first few names, so the agent sees what is about to be touched.
fn names_phrase(context: &FormContext) -> String {
    const SHOWN: usize = 3;
    let names: Vec<String> = context
        .items
        .iter()
        .take(SHOWN)
        .map(|item| super::text::inert(&item.name))
        .collect();
    let more = context.items.len().saturating_sub(SHOWN);
    match (names.is_empty(), more) {
        (true, _) => "everything in the OneDrive".to_string(),
        (false, 0) => names.join(", "),
        (false, more) => format!("{} and {more} more", names.join(", ")),
    }
}

fn also_phrase(changed: bool, deleted: bool) -> String {
    match (changed, deleted) {
        (false, false) => "nothing else".to_string(),
        (true, false) => "changed items".to_string(),
        (false, true) => "deleted items".to_string(),
        (true, true) => "changed and deleted items".to_string(),
    }
}

/// The sign-in in words, never with a password.
pub fn auth_phrase(auth: &FormAuth) -> String {
    match auth {
        FormAuth::Password { user, .. } => format!("user {user} with password"),
        FormAuth::DeviceCode { application_id, .. } => match application_id {
            Some(id) => format!("Microsoft device code for application {id}"),
            None => "Microsoft device code".to_string(),
        },
        FormAuth::Certificate {
            application_id,
            certificate,
            ..
        } => format!(
            "application {application_id} with certificate {}",
            certificate.display()
        ),
    }
}
