//! The one place where the form meets the client's and the runner's types: a submission
//! becomes the `TaskRequest`s the runner runs, each an `ActionTarget` with a
//! `DocumentAction` or a save.

use crate::api::{
    ActionTarget, ApiError, ConflictPolicy, DocumentAction, ItemRef, LastVersionAction,
    RestoreAuth, Scope, VersionChoice,
};
pub use crate::api::{ApiVersion, Secret};
use crate::save::default_save_name;
pub use crate::tasks::TaskRequest;

use super::choice::{ConflictPick, LastVersionPick, VersionPick};
use super::context::{FormContext, FormItem};
use super::submission::{FormAuth, FormRequest, FormSubmission};

impl FormSubmission {
    /// The targets the server is asked about: one, or two for a set of folders and documents
    /// (folders first), since one request covers either folders or documents.
    pub fn targets(&self) -> Vec<ActionTarget> {
        scopes(&self.items)
            .into_iter()
            .map(|scope| ActionTarget {
                session: self.session.clone(),
                onedrive: self.onedrive.clone(),
                scope,
            })
            .collect()
    }

    /// The restore, copy or send asked for; `None` for a save.
    pub fn action(&self) -> Option<DocumentAction> {
        Some(match &self.request {
            FormRequest::Restore {
                version,
                on_conflict,
                auth,
            } => DocumentAction::RestoreToOriginal {
                version: version_choice(*version),
                on_conflict: conflict_policy(*on_conflict),
                auth: restore_auth(auth),
            },
            FormRequest::Copy {
                target,
                folder,
                version,
                last_version,
                changed_items,
                deleted_items,
                auth,
            } => DocumentAction::CopyTo {
                onedrive: target.clone(),
                folder: folder.clone(),
                version: version_choice(*version),
                last_version: last_version_action(*last_version),
                changed_items: *changed_items,
                deleted_items: *deleted_items,
                auth: restore_auth(auth),
            },
            FormRequest::Send {
                from,
                to,
                subject,
                text,
            } => DocumentAction::Send {
                from: from.clone(),
                to: to.clone(),
                subject: subject.clone(),
                text: text.clone(),
            },
            FormRequest::Save { .. } => return None,
        })
    }

    /// Everything the runner should run for this submission, in order; the console submits
    /// each with `Runner::submit_request`.
    pub fn tasks(&self) -> Vec<TaskRequest> {
        let targets = self.targets();
        match (&self.request, self.action()) {
            (FormRequest::Save { folder, as_zip, .. }, _) => targets
                .into_iter()
                .map(|target| TaskRequest::Save {
                    target,
                    as_zip: *as_zip,
                    folder: folder.clone(),
                })
                .collect(),
            (_, Some(action)) => targets
                .into_iter()
                .map(|target| TaskRequest::Action {
                    target,
                    action: action.clone(),
                })
                .collect(),
            (_, None) => Vec::new(),
        }
    }
}

/// How the form shows the name of a set's ZIP, which the runner stamps with the time of the
/// save.
pub const SET_ZIP_NAME_SHOWN: &str = "documents-<date>-<time>.zip";

/// The names the runner will give the saved files, one per target.
pub fn save_names(context: &FormContext, as_zip: bool) -> Vec<String> {
    scopes(&context.items)
        .into_iter()
        .map(|scope| match scope {
            Scope::Documents(_) | Scope::Folders(_) => SET_ZIP_NAME_SHOWN.to_string(),
            scope => {
                let target = ActionTarget {
                    session: context.session.clone(),
                    onedrive: context.onedrive.clone(),
                    scope,
                };
                // The time only names sets, which are handled above.
                default_save_name(&target, as_zip, chrono::Utc::now())
            }
        })
        .collect()
}

/// The scopes that cover `items`: the whole OneDrive when empty, else folders, then documents.
pub fn scopes(items: &[FormItem]) -> Vec<Scope> {
    if items.is_empty() {
        return vec![Scope::OneDrive];
    }
    let reference = |item: &&FormItem| ItemRef {
        id: item.id.clone(),
        name: item.name.clone(),
    };
    let folders: Vec<&FormItem> = items.iter().filter(|item| item.is_folder).collect();
    let documents: Vec<&FormItem> = items.iter().filter(|item| !item.is_folder).collect();
    let mut scopes = Vec::new();
    match folders.as_slice() {
        [] => {}
        [one] => scopes.push(Scope::Folder(reference(one))),
        many => scopes.push(Scope::Folders(many.iter().map(reference).collect())),
    }
    match documents.as_slice() {
        [] => {}
        [one] => scopes.push(Scope::Document {
            item: reference(one),
            version_id: one.version_id,
        }),
        many => scopes.push(Scope::Documents(many.iter().map(reference).collect())),
    }
    scopes
}

fn version_choice(pick: VersionPick) -> VersionChoice {
    match pick {
        VersionPick::All => VersionChoice::All,
        VersionPick::Last => VersionChoice::Last,
    }
}

fn conflict_policy(pick: ConflictPick) -> ConflictPolicy {
    match pick {
        ConflictPick::Keep => ConflictPolicy::Keep,
        ConflictPick::Overwrite => ConflictPolicy::Overwrite,
    }
}

fn last_version_action(pick: LastVersionPick) -> LastVersionAction {
    match pick {
        LastVersionPick::Merge => LastVersionAction::Merge,
        LastVersionPick::Overwrite => LastVersionAction::Overwrite,
    }
}

fn restore_auth(auth: &FormAuth) -> RestoreAuth {
    match auth {
        FormAuth::Password { user, password } => RestoreAuth::Password {
            user: user.clone(),
            password: password.clone(),
        },
        FormAuth::DeviceCode {
            user_code,
            application_id,
        } => RestoreAuth::DeviceCode {
            user_code: user_code.clone(),
            application_id: application_id.clone(),
        },
        FormAuth::Certificate {
            application_id,
            certificate,
            password,
        } => RestoreAuth::Certificate {
            application_id: application_id.clone(),
            certificate: certificate.clone(),
            password: password.clone(),
        },
    }
}

/// What the form shows of a failed request: the server's own sentence (and HTTP status) when
/// the server answered, else the whole error, which names what failed.
pub fn refusal_text(error: &ApiError) -> String {
    match error {
        ApiError::Server {
            status, message, ..
        } => format!("{message} (HTTP {status})"),
        other => other.to_string(),
    }
}

/// The server's own sentence out of a failure reason the runner reports, which is an
/// `ApiError` as text: `POST /v8/... failed with HTTP 400: <message>` becomes
/// `<message> (HTTP 400)`. A reason that starts with a request in another way (a transfer
/// that broke off, a timeout) keeps its sentence first and the request, shortened to its last
/// part, after it: the form's banner has three rows, which a full path would fill. Any other
/// text is kept whole.
pub fn readable_refusal(reason: &str) -> String {
    const MARK: &str = " failed with HTTP ";
    let Some((method, after)) = reason.split_once(' ') else {
        return reason.to_string();
    };
    let is_request = method.chars().all(|c| c.is_ascii_uppercase()) && after.starts_with('/');
    if !is_request {
        return reason.to_string();
    }
    if let Some((_, rest)) = reason.split_once(MARK)
        && let Some((status, message)) = rest.split_once(": ")
        && status.parse::<u16>().is_ok()
    {
        return format!("{message} (HTTP {status})");
    }
    let (path, sentence) = after.split_once(' ').unwrap_or((after, ""));
    let path = path.trim_end_matches(':');
    let last = path.rsplit('/').next().unwrap_or(path);
    match sentence.trim() {
        "" => reason.to_string(),
        sentence => format!("{sentence} ({method} …/{last})"),
    }
}

/// Whether a text from [`readable_refusal`] or [`refusal_text`] is the server's own answer
/// (it ends with the HTTP status), rather than a failure on the way to it.
pub fn is_server_answer(text: &str) -> bool {
    text.strip_suffix(')')
        .and_then(|t| t.rsplit_once("(HTTP "))
        .is_some_and(|(_, status)| status.parse::<u16>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_refusal_is_shown_by_its_own_sentence() {
        let reason = "POST /v8/RestoreSessions/s/Organization/OneDrives/d/Documents/restore \
                      failed with HTTP 400: Cannot connect as admin: the password is incorrect.";
        assert_eq!(
            readable_refusal(reason),
            "Cannot connect as admin: the password is incorrect. (HTTP 400)"
        );
        let other = "the login to https://vbo:4443 expired; log in again";
        assert_eq!(readable_refusal(other), other);
        assert!(is_server_answer(&readable_refusal(reason)));
        assert!(!is_server_answer(other));
    }

    #[test]
    fn a_failure_on_the_way_keeps_its_sentence_before_a_shortened_request() {
        let broke = "POST /v8/RestoreSessions/s/Organization/OneDrives/d/Documents/x/save: \
                     the transfer broke off: error decoding response body: connection reset";
        assert_eq!(
            readable_refusal(broke),
            "the transfer broke off: error decoding response body: connection reset \
             (POST …/save)"
        );
        let silent = "POST /v8/RestoreSessions/s/Documents/x/save timed out: the server sent \
                      nothing for 3 s";
        assert_eq!(
            readable_refusal(silent),
            "timed out: the server sent nothing for 3 s (POST …/save)"
        );
        assert!(!is_server_answer(&readable_refusal(silent)));
    }
}
