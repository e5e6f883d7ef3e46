//! The confirmation's summing up: what will be done, to what, where, and signed in how.

use super::context::FormContext;
use super::size::human_size;
use super::submission::{FormAuth, FormRequest, FormSubmission};

/// The rows of the confirmation: a label and what it says.
pub fn summary_rows(
    context: &FormContext,
    submission: &FormSubmission,
) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("Action", action_phrase(&submission.request).to_string()),
        ("Items", items_phrase(context)),
        ("Size", human_size(context.total_size())),
        (
            "From",
            format!(
                "{} ({})",
                context.onedrive.name,
                context.point_in_time_phrase()
            ),
        ),
    ];
    match &submission.request {
        FormRequest::Restore {
            version,
            on_conflict,
            auth,
        } => {
            rows.push((
                "Target",
                format!(
                    "the original location in {}'s OneDrive",
                    context.onedrive.name
                ),
            ));
            rows.push(("Version", version.label().to_string()));
            rows.push(("On conflict", on_conflict.label().to_string()));
            rows.push(("Sign-in", auth_phrase(auth)));
        }
        FormRequest::Copy {
            target,
            folder,
            version,
            last_version,
            changed_items,
            deleted_items,
            auth,
        } => {
            let folder = if folder.is_empty() {
                "/"
            } else {
                folder.as_str()
            };
            rows.push(("Target", format!("{}, folder {folder}", target.name)));
            rows.push(("Version", version.label().to_string()));
            rows.push(("Last version", last_version.label().to_string()));
            rows.push(("Also", also_phrase(*changed_items, *deleted_items)));
            rows.push(("Sign-in", auth_phrase(auth)));
        }
        FormRequest::Send {
            from, to, subject, ..
        } => {
            rows.push(("Target", format!("mail to {}", to.join(", "))));
            rows.push(("Sender", from.clone()));
            rows.push(("Subject", subject.clone()));
        }
        FormRequest::Save {
            folder,
            as_zip,
            file_names,
        } => {
            rows.push(("Target", folder.display().to_string()));
            rows.push(("File", file_names.join(" and ")));
            rows.push((
                "Format",
                if *as_zip { "ZIP" } else { "the file itself" }.to_string(),
            ));
        }
    }
    rows
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
    } else if let [one] = context.items.as_slice() {
        format!("{phrase}: {}", super::text::inert(&one.name))
    } else {
        phrase
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
